//! `qbank kit`: a structured interview plan a panel can print and regenerate.

use std::path::PathBuf;

use crate::cmd::args::{FilterArgs, RoundParser, parse_id};
use crate::cmd::{Context, NO_MATCH, deliver, filter, find, no_match, shell_words};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::loader::guide::Guide;
use crate::model::{Question, Round};
use crate::query::{self, draw, kit};
use crate::render::kit::{Kit, KitFormat, Source, markdown, text};
use crate::render::{self, MAX_WIDTH, Output, style};
use crate::text::human;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filters: FilterArgs,

    /// Rounds in the kit, in this order (default: every round, in interview order)
    #[arg(long = "rounds", value_name = "ROUNDS", value_delimiter = ',', value_parser = RoundParser)]
    pub kit_rounds: Vec<Round>,

    /// Questions per round; pinned questions count towards it
    #[arg(long, short = 'n', value_name = "N", default_value_t = 2)]
    pub per_round: usize,

    /// Pin these questions into the kit, whatever the filters (repeatable or comma-separated)
    #[arg(long, value_name = "ID", value_delimiter = ',', value_parser = parse_id)]
    pub include: Vec<u64>,

    /// Draw the same kit every time for the same seed, corpus and options
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,

    /// Add each question's sample answer as a reference for the interviewer
    #[arg(long)]
    pub answers: bool,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: KitFormat,

    /// Write the kit to this file (atomically) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let corpus = ctx.corpus()?;
    let filter = filter(&args.filters, corpus)?;
    let pool = query::select(corpus, &filter);
    let mut pinned = Vec::new();
    for &id in &args.include {
        let question = find(corpus, id)?;
        if !pinned.iter().any(|q: &&Question| q.id == id) {
            pinned.push(question);
        }
    }
    let seed = args.seed.unwrap_or_else(draw::fresh_seed);
    let rounds = match (&args.kit_rounds, &args.filters.rounds) {
        (given, _) if !given.is_empty() => given.clone(),
        (_, filtered) if !filtered.is_empty() => filtered.clone(),
        _ => Round::ALL.to_vec(),
    };
    let request = kit::Request { rounds, per_round: args.per_round, pinned, seed };
    let plan = kit::plan(&pool, &request);
    if plan.is_empty() {
        if args.per_round == 0 {
            return Err(Error::user("the kit is empty: --per-round 0 keeps only --include ID questions"));
        }
        return Ok(no_match(NO_MATCH));
    }
    for round in plan.rounds.iter().filter(|r| r.picks.len() < r.wanted) {
        let name = round.round;
        match round.picks.len() {
            0 => render::note(format_args!("no {name} question matches; the kit has no {name} round")),
            1 => render::note(format_args!(
                "only 1 {name} question matches; the round has 1, not {}",
                round.wanted
            )),
            n => render::note(format_args!(
                "only {n} {name} questions match; the round has {n}, not {}",
                round.wanted
            )),
        }
    }

    let guide = Guide::builtin().map_err(Error::user)?;
    let source = Source { seed, command: regenerate(args, seed), corpus: corpus_names(ctx) };
    let kit = Kit::new(&plan, &guide, source, args.answers);
    let rendered = match args.format {
        KitFormat::Markdown => markdown(&kit),
        KitFormat::Json => crate::render::json::to_string_pretty(&kit)? + "\n",
        KitFormat::Text if args.output.is_some() => {
            style::off();
            text(&kit, MAX_WIDTH)
        }
        KitFormat::Text => text(&kit, Output::stdout().wrap_width()),
    };
    deliver(args.output.as_deref(), &rendered)?;
    if let Some(path) = &args.output {
        render::message(format_args!(
            "wrote a kit of {} (seed {seed}) to {}",
            human::plural(kit.question_count() as i64, "question"),
            path.display()
        ));
    }
    Ok(Exit::Success)
}

/// `qbank kit --seed S ...`: the options that decide the kit, so a panel can make it again.
fn regenerate(args: &Args, seed: u64) -> String {
    let mut words: Vec<String> = vec!["qbank".into(), "kit".into(), "--seed".into(), seed.to_string()];
    if !args.kit_rounds.is_empty() {
        words.push("--rounds".into());
        words.push(args.kit_rounds.iter().map(|r| r.name()).collect::<Vec<_>>().join(","));
    }
    if args.per_round != 2 {
        words.extend(["--per-round".into(), args.per_round.to_string()]);
    }
    if !args.include.is_empty() {
        words.push("--include".into());
        words.push(args.include.iter().map(u64::to_string).collect::<Vec<_>>().join(","));
    }
    let f = &args.filters;
    for tag in &f.tags {
        words.extend(["--tag".into(), tag.clone()]);
    }
    if f.any_tag {
        words.push("--any-tag".into());
    }
    for round in &f.rounds {
        words.extend(["--round".into(), round.name().into()]);
    }
    if let Some(text) = &f.text {
        words.extend(["--text".into(), text.clone()]);
    }
    for competency in &f.competencies {
        words.extend(["--competency".into(), competency.name().into()]);
    }
    for role in &f.roles {
        words.extend(["--role".into(), role.clone()]);
    }
    if args.answers {
        words.push("--answers".into());
    }
    shell_words(&words)
}

fn corpus_names(ctx: &Context) -> Vec<String> {
    let builtin = ctx.sources.builtin.then(|| "built-in".to_string());
    builtin.into_iter().chain(ctx.sources.paths.iter().map(|p| p.display().to_string())).collect()
}
