//! `qbank kit`: a structured interview plan a panel can print and regenerate.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

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

    /// Questions per round, or per named round: 2, or system-design=1,behavioural=3 (other
    /// rounds: 2, or a bare number given too); pinned questions count towards it
    #[arg(long, short = 'n', value_name = "N|ROUND=N,...", default_value = "2", value_parser = parse_per_round)]
    pub per_round: PerRound,

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

    /// With -o FILE: one packet per round, FILE's name with the round before its extension
    /// (kit.md -> kit-phone-screen.md ...), each with its own interviewer line and scorecard
    #[arg(long, requires = "output")]
    pub split: bool,

    /// Also write the questions chosen, with fingerprints, to FILE (JSON), for --from-lock
    #[arg(long, value_name = "FILE")]
    pub lock: Option<PathBuf>,

    /// Make exactly the kit locked in FILE, or refuse and name every question that changed
    #[arg(long, value_name = "FILE", conflicts_with_all = ["include", "seed", "kit_rounds", "per_round", "lock"])]
    pub from_lock: Option<PathBuf>,
}

/// `--per-round`: a number for every round, and numbers for named rounds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PerRound {
    pub every: usize,
    pub rounds: Vec<(Round, usize)>,
}

fn parse_per_round(text: &str) -> std::result::Result<PerRound, String> {
    let mut per_round = PerRound { every: 2, rounds: Vec::new() };
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let count =
            |n: &str| n.trim().parse::<usize>().map_err(|_| format!("`{n}` is not a number of questions"));
        match part.split_once('=') {
            None => per_round.every = count(part)?,
            Some((round, n)) => {
                let parsed = Round::parse(round).ok_or_else(|| {
                    format!(
                        "unknown round `{}`{}",
                        round.trim(),
                        crate::text::suggest::did_you_mean(round.trim(), Round::spellings())
                    )
                })?;
                per_round.rounds.push((parsed, count(n)?));
            }
        }
    }
    Ok(per_round)
}

/// What `--lock` writes and `--from-lock` reads.
#[derive(Debug, Serialize, Deserialize)]
struct Lock {
    qbank: String,
    seed: u64,
    command: String,
    fingerprint: String,
    rounds: Vec<LockedRound>,
}

#[derive(Debug, Serialize, Deserialize)]
struct LockedRound {
    round: String,
    questions: Vec<LockedQuestion>,
}

#[derive(Debug, Serialize, Deserialize)]
struct LockedQuestion {
    id: u64,
    fingerprint: String,
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
        _ => Round::all(),
    };
    let mut request = kit::Request {
        rounds,
        per_round: args.per_round.every,
        per_round_for: args.per_round.rounds.clone(),
        pinned,
        seed,
    };
    let (seed, command) = match &args.from_lock {
        Some(path) => {
            let lock = read_lock(path, corpus)?;
            request = kit::Request {
                rounds: lock.rounds.iter().filter_map(|r| Round::parse(&r.round)).collect(),
                per_round: 0,
                per_round_for: Vec::new(),
                pinned: lock
                    .rounds
                    .iter()
                    .flat_map(|r| &r.questions)
                    .filter_map(|q| corpus.get(q.id))
                    .collect(),
                seed: lock.seed,
            };
            (lock.seed, lock.command)
        }
        None => (seed, regenerate(ctx, args, seed)),
    };
    let plan = kit::plan(&pool, &request);
    if plan.is_empty() {
        if request.per_round == 0 && request.per_round_for.iter().all(|(_, n)| *n == 0) {
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
    let used: Vec<&Question> = plan.rounds.iter().flat_map(|r| r.picks.iter().map(|p| p.question)).collect();
    let hash = kit::fingerprint(used.iter().copied());
    let scale = crate::config::rubric_scale(&ctx.config)?;
    let source = Source {
        seed,
        command: command.clone(),
        corpus: corpus_names(ctx),
        hash: hash.clone(),
        scale: scale.clone(),
    };
    let kit = Kit::new(&plan, &guide, source, args.answers);
    if let Some(path) = &args.lock {
        let lock = Lock {
            qbank: env!("CARGO_PKG_VERSION").to_string(),
            seed,
            command,
            fingerprint: hash,
            rounds: plan
                .rounds
                .iter()
                .filter(|r| !r.picks.is_empty())
                .map(|r| LockedRound {
                    round: r.round.name().to_string(),
                    questions: r
                        .picks
                        .iter()
                        .map(|p| LockedQuestion {
                            id: p.question.id,
                            fingerprint: kit::fingerprint([p.question]),
                        })
                        .collect(),
                })
                .collect(),
        };
        let json = serde_json::to_vec_pretty(&lock).map_err(|e| Error::user(e.to_string()))?;
        crate::sys::fs::write_atomic(path, &json)
            .map_err(|e| Error::io(format!("cannot write `{}`", path.display()), e))?;
    }
    if args.split {
        return split(ctx, args, &plan, &guide, seed, &kit.command);
    }
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

/// One packet per round of `plan`, each a whole kit of that round, written beside `-o FILE`.
fn split(
    ctx: &Context,
    args: &Args,
    plan: &kit::Plan,
    guide: &Guide,
    seed: u64,
    command: &str,
) -> Result<Exit> {
    let Some(output) = &args.output else { return Ok(Exit::Success) };
    let stem = output.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let extension = output.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    for round in plan.rounds.iter().filter(|r| !r.picks.is_empty()) {
        let one = kit::Plan { rounds: vec![round.clone()] };
        let used: Vec<&Question> = round.picks.iter().map(|p| p.question).collect();
        let source = Source {
            seed,
            command: command.to_string(),
            corpus: corpus_names(ctx),
            hash: kit::fingerprint(used.iter().copied()),
            scale: crate::config::rubric_scale(&ctx.config)?,
        };
        let packet = Kit::new(&one, guide, source, args.answers);
        let rendered = match args.format {
            KitFormat::Markdown => markdown(&packet),
            KitFormat::Json => crate::render::json::to_string_pretty(&packet)? + "\n",
            KitFormat::Text => {
                style::off();
                text(&packet, MAX_WIDTH)
            }
        };
        let path = output.with_file_name(format!("{stem}-{}{extension}", round.round.name()));
        deliver(Some(&path), &rendered)?;
        render::message(format_args!(
            "wrote the {} packet ({}) to {}",
            round.round.title(),
            human::plural(round.picks.len() as i64, "question"),
            path.display()
        ));
    }
    Ok(Exit::Success)
}

/// The kit locked in `path`, when every question in it is still in `corpus` unchanged;
/// otherwise an error naming each question that is gone or changed.
fn read_lock(path: &std::path::Path, corpus: &crate::model::Corpus) -> Result<Lock> {
    let bytes = crate::sys::fs::read_regular(path, 1 << 20)
        .map_err(|e| Error::user(format!("cannot read `{}`: {e}", path.display())))?;
    let lock: Lock = serde_json::from_slice(&bytes)
        .map_err(|e| Error::user(format!("`{}` is not a kit lock file: {e}", path.display())))?;
    let mut problems = Vec::new();
    for locked in lock.rounds.iter().flat_map(|r| &r.questions) {
        match corpus.get(locked.id) {
            None => problems
                .push(format!("question {} is not in the loaded bank (a --corpus not given?)", locked.id)),
            Some(q) if kit::fingerprint([q]) != locked.fingerprint => {
                problems.push(format!("question {} has changed since the kit was locked", locked.id));
            }
            Some(_) => {}
        }
    }
    if let Some(round) = lock.rounds.iter().find(|r| Round::parse(&r.round).is_none()) {
        problems.push(format!("round `{}` is not one this qbank knows", round.round));
    }
    if !problems.is_empty() {
        return Err(Error::user(format!(
            "the kit locked in `{}` (qbank {}) cannot be made again: {}",
            path.display(),
            lock.qbank,
            problems.join("; ")
        )));
    }
    Ok(lock)
}

/// `qbank kit --seed S ...`: the options that decide the kit, corpus options included, so a
/// panel can make it again.
fn regenerate(ctx: &Context, args: &Args, seed: u64) -> String {
    let mut words: Vec<String> = vec!["qbank".into()];
    if !ctx.sources.builtin {
        words.push("--no-builtin".into());
    }
    for path in &ctx.sources.paths {
        words.extend(["--corpus".into(), path.display().to_string()]);
    }
    words.extend(["kit".into(), "--seed".into(), seed.to_string()]);
    if !args.kit_rounds.is_empty() {
        words.push("--rounds".into());
        words.push(args.kit_rounds.iter().map(|r| r.name()).collect::<Vec<_>>().join(","));
    }
    if args.per_round != (PerRound { every: 2, rounds: Vec::new() }) {
        let mut parts = vec![args.per_round.every.to_string()];
        parts.extend(args.per_round.rounds.iter().map(|(round, n)| format!("{}={n}", round.name())));
        words.extend(["--per-round".into(), parts.join(",")]);
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
