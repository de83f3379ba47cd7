//! `qbank practice [ID...]`: timed answers, self-grades and spaced repetition.

use crate::cmd::args::{FilterArgs, InterviewerArgs, parse_id};
use crate::cmd::{Context, NO_MATCH, calendar, find, judge, load_history, no_match};
use crate::error::Result;
use crate::exit::Exit;
use crate::model::Question;
use crate::practice::history::{Draft, Mode};
use crate::practice::schedule::Schedule;
use crate::practice::session::{Item, Session, Stop};
use crate::practice::time::{self, TimeLimit};
use crate::practice::{self, answer_limit};
use crate::query::draw;
use crate::render::{self, Output, practice as view};
use crate::sys::clock;

/// Never-practised questions a practice day, when neither --new nor a config file says.
const NEW_PER_DAY: usize = 10;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Drill these questions, in this order (suspended ones too); none: draw from the filters
    #[arg(value_name = "ID", value_parser = parse_id, conflicts_with_all = ["due", "resume"])]
    pub ids: Vec<u64>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// How many questions to practise
    #[arg(long, short = 'n', default_value_t = 5, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub count: u64,

    /// Time per answer: 90s, 2m, 1m30s, or 0 for no timer [default: the round's, from the guide]
    #[arg(long, value_name = "DURATION", value_parser = time::parse_limit)]
    pub time: Option<TimeLimit>,

    /// Drill what is due today, most overdue first, then questions never practised
    #[arg(long)]
    pub due: bool,

    /// With --due: at most this many never-practised questions a practice day [default: 10]
    #[arg(long = "new", value_name = "N")]
    pub new_per_day: Option<usize>,

    /// Go back to the answers you left ungraded (saved when a session stopped), newest first
    #[arg(long, conflicts_with = "due")]
    pub resume: bool,

    /// Draw the same questions every time for the same seed and corpus
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,

    #[command(flatten)]
    pub interviewer: InterviewerArgs,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let corpus = ctx.corpus()?;
    let (mut history, loaded) = load_history()?;
    let mut schedule = Schedule::from_attempts(&loaded.attempts, calendar(&ctx.config)?);
    let count = usize::try_from(args.count).unwrap_or(usize::MAX);
    let seed = args.seed.unwrap_or_else(draw::fresh_seed);
    let mut drafts: Vec<&Draft> = Vec::new();
    let questions: Vec<&Question> = if args.ids.is_empty() {
        let Some(pool) = ctx.matching(&args.filters)? else { return Ok(no_match(NO_MATCH)) };
        if args.resume {
            drafts = loaded
                .drafts
                .iter()
                .rev()
                .filter(|d| pool.iter().any(|q| q.id == d.id))
                .take(count)
                .collect();
            if drafts.is_empty() {
                return Ok(no_match(
                    "no answer is waiting to be resumed: a session saves one when it stops mid-answer",
                ));
            }
            drafts.iter().filter_map(|d| corpus.get(d.id)).collect()
        } else if args.due {
            let now = clock::now();
            let new_per_day =
                args.new_per_day.or(ctx.config.new_per_day.as_ref().map(|s| s.value)).unwrap_or(NEW_PER_DAY);
            let new_left = new_per_day.saturating_sub(schedule.new_today(now));
            let due: Vec<&Question> = schedule
                .drill(&pool, now, new_left, &loaded.suspended, seed)
                .into_iter()
                .take(count)
                .collect();
            if due.is_empty() {
                return Ok(no_match(
                    "nothing is due today and the new questions for today are done; `qbank due` shows what comes next",
                ));
            }
            due
        } else {
            let open: Vec<&Question> =
                pool.into_iter().filter(|q| !loaded.suspended.contains(&q.id)).collect();
            if open.is_empty() {
                return Ok(no_match(
                    "every question that matches is suspended; `qbank unsuspend ID` brings one back",
                ));
            }
            draw::draw(open, count, seed)
        }
    } else {
        let chosen = args.ids.iter().map(|&id| find(corpus, id)).collect::<Result<Vec<_>>>()?;
        for question in chosen.iter().filter(|q| loaded.suspended.contains(&q.id)) {
            render::note(format_args!("#{} is suspended; drilling it because you asked for it", question.id));
        }
        chosen
    };
    let guide = practice::guide()?;
    let limit = args.time.unwrap_or(TimeLimit::RoundDefault);
    let items = questions
        .iter()
        .map(|&q| Item {
            question: q,
            limit: answer_limit(limit, q.round, &guide),
            draft: drafts.iter().find(|d| d.id == q.id).map(|d| d.answer.clone()),
        })
        .collect();
    let mut session = Session::new(items, Mode::Practice);
    let interviewer = judge::interviewer(&args.interviewer, &ctx.config, ctx.verbose)?;
    crate::tui::run(&mut session, &mut history, &mut schedule, &interviewer)?;
    let outcome = session.into_outcome();
    let mut out = Output::stdout();
    out.write_str(&view::summary(&outcome, &schedule, clock::now()))?;
    out.flush()?;
    Ok(if outcome.stopped == Some(Stop::Interrupted) { Exit::Interrupted } else { Exit::Success })
}
