//! `qbank practice`: timed answers, self-grades and spaced repetition.

use chrono::Utc;

use crate::cmd::args::FilterArgs;
use crate::cmd::{Context, NO_MATCH, no_match};
use crate::error::Result;
use crate::exit::Exit;
use crate::practice::history::Mode;
use crate::practice::schedule::Schedule;
use crate::practice::session::{Item, Session, Stop};
use crate::practice::time::{self, TimeLimit};
use crate::practice::{self, answer_limit};
use crate::query::draw;
use crate::render::{Output, practice as view};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filters: FilterArgs,

    /// How many questions to practise
    #[arg(long, short = 'n', default_value_t = 5, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub count: u64,

    /// Time per answer: 90s, 2m, 1m30s, or 0 for no timer [default: the round's, from the guide]
    #[arg(long, value_name = "DURATION", value_parser = time::parse_limit)]
    pub time: Option<TimeLimit>,

    /// Drill what is due, most overdue first, then questions never practised
    #[arg(long)]
    pub due: bool,

    /// Draw the same questions every time for the same seed and corpus
    #[arg(long, value_name = "S", conflicts_with = "due")]
    pub seed: Option<u64>,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let Some(pool) = ctx.matching(&args.filters)? else { return Ok(no_match(NO_MATCH)) };
    let (mut history, attempts) = crate::cmd::load_history()?;
    let mut schedule = Schedule::from_attempts(&attempts);
    let count = usize::try_from(args.count).unwrap_or(usize::MAX);
    let questions: Vec<_> = if args.due {
        schedule.drill(&pool, Utc::now()).into_iter().take(count).collect()
    } else {
        draw::draw(pool, count, args.seed.unwrap_or_else(draw::fresh_seed))
    };
    if questions.is_empty() {
        return Ok(no_match(
            "nothing is due and every matching question has been practised; `qbank due` shows what comes next",
        ));
    }
    let guide = practice::guide()?;
    let limit = args.time.unwrap_or(TimeLimit::RoundDefault);
    let items = questions
        .iter()
        .map(|&q| Item { question: q, limit: answer_limit(limit, q.round, &guide) })
        .collect();
    let session = Session { items, mode: Mode::Practice, id: Session::new_id() };
    let outcome = practice::run(&session, &mut history, &mut schedule)?;
    let mut out = Output::stdout();
    out.write_str(&view::summary(&outcome, &schedule, Utc::now()))?;
    out.flush()?;
    Ok(if outcome.stopped == Some(Stop::Interrupted) { Exit::Interrupted } else { Exit::Success })
}
