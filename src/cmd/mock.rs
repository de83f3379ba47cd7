//! `qbank mock`: a full interview loop, round by round, then a scorecard.

use std::path::PathBuf;

use crate::cmd::args::{FilterArgs, InterviewerArgs};
use crate::cmd::{Context, calendar, filter, judge, load_history, no_match};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::model::Question;
use crate::practice::history::Mode;
use crate::practice::schedule::Schedule;
use crate::practice::session::{Item, Session, Stop};
use crate::practice::time::{self, TimeLimit};
use crate::practice::{self, answer_limit, mock};
use crate::query::{self, draw};
use crate::render::{Output, practice as view};
use crate::sys::{clock, fs as fsutil};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only questions for this role
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,

    /// Draw the same loop every time for the same seed and corpus
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,

    /// Questions per round, 1 or 2 [default: 1 for system design and architecture, else 2]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=2))]
    pub per_round: Option<u8>,

    /// Time per answer: 90s, 2m, 0 for no timer [default: the round's, from the guide]
    #[arg(long, value_name = "DURATION", value_parser = time::parse_limit)]
    pub time: Option<TimeLimit>,

    /// Also write the scorecard, with each question and answer, to FILE as Markdown
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    #[command(flatten)]
    pub interviewer: InterviewerArgs,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let corpus = ctx.corpus()?;
    let filters = FilterArgs { roles: args.role.iter().cloned().collect(), ..FilterArgs::default() };
    let (mut history, loaded) = load_history()?;
    let pool: Vec<&Question> = query::select(corpus, &filter(&filters, corpus)?)
        .into_iter()
        .filter(|q| !loaded.suspended.contains(&q.id))
        .collect();
    let seed = args.seed.unwrap_or_else(draw::fresh_seed);
    let questions = mock::plan(&pool, args.per_round.map(usize::from), seed);
    if questions.is_empty() {
        return Ok(no_match("no question matches this role"));
    }
    let mut schedule = Schedule::from_attempts(&loaded.attempts, calendar(&ctx.config)?);
    let guide = practice::guide()?;
    let limit = args.time.unwrap_or(TimeLimit::RoundDefault);
    let items: Vec<Item> = questions
        .iter()
        .map(|&q| Item { question: q, limit: answer_limit(limit, q.round, &guide), draft: None })
        .collect();
    let planned: Vec<_> = items.iter().map(|item| (item.question, item.limit)).collect();
    let mut session = Session::new(items, Mode::Mock);
    let interviewer = judge::interviewer(&args.interviewer, &ctx.config, ctx.verbose)?;
    crate::tui::run(&mut session, &mut history, &mut schedule, &interviewer)?;
    let outcome = session.into_outcome();
    let card = mock::scorecard(&planned, &outcome);
    let mut out = Output::stdout();
    out.write_str(&view::summary(&outcome, &schedule, clock::now()))?;
    out.write_str(&view::scorecard(&card))?;
    out.flush()?;
    if let Some(path) = &args.report {
        let report = view::scorecard_markdown(&card, &questions, &outcome.attempts, clock::now(), seed);
        fsutil::write_atomic(path, report.as_bytes())
            .map_err(|e| Error::io(format!("cannot write the report to `{}`", path.display()), e))?;
    }
    Ok(if outcome.stopped == Some(Stop::Interrupted) { Exit::Interrupted } else { Exit::Success })
}
