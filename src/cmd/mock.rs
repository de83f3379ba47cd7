//! `qbank mock`: a full interview loop, round by round, then a scorecard.

use chrono::Utc;

use crate::cmd::args::FilterArgs;
use crate::cmd::{Context, filter, no_match};
use crate::error::Result;
use crate::exit::Exit;
use crate::practice::history::Mode;
use crate::practice::schedule::Schedule;
use crate::practice::session::{Item, Session, Stop};
use crate::practice::time::{self, TimeLimit};
use crate::practice::{self, answer_limit, mock};
use crate::query::{self, draw};
use crate::render::{Output, practice as view};

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
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let corpus = ctx.corpus()?;
    let filters = FilterArgs { roles: args.role.iter().cloned().collect(), ..FilterArgs::default() };
    let pool = query::select(corpus, &filter(&filters, corpus)?);
    let seed = args.seed.unwrap_or_else(draw::fresh_seed);
    let questions = mock::plan(&pool, args.per_round.map(usize::from), seed);
    if questions.is_empty() {
        return Ok(no_match("no question matches this role"));
    }
    let (mut history, attempts) = crate::cmd::load_history()?;
    let mut schedule = Schedule::from_attempts(&attempts);
    let guide = practice::guide()?;
    let limit = args.time.unwrap_or(TimeLimit::RoundDefault);
    let items: Vec<Item> = questions
        .iter()
        .map(|&q| Item { question: q, limit: answer_limit(limit, q.round, &guide) })
        .collect();
    let asked: Vec<_> = items.iter().map(|item| (item.question, item.limit)).collect();
    let session = Session { items: items.clone(), mode: Mode::Mock, id: Session::new_id() };
    let outcome = practice::run(&session, &mut history, &mut schedule)?;
    let mut out = Output::stdout();
    out.write_str(&view::summary(&outcome, &schedule, Utc::now()))?;
    out.write_str(&view::scorecard(&mock::scorecard(&asked, &outcome)))?;
    out.flush()?;
    Ok(if outcome.stopped == Some(Stop::Interrupted) { Exit::Interrupted } else { Exit::Success })
}
