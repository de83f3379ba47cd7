//! `qbank due`: what is due for practice now, most overdue first, and what comes next.

use chrono::Utc;
use serde::Serialize;

use crate::cmd::args::FilterArgs;
use crate::cmd::{Context, NO_MATCH, calendar, load_history, no_match};
use crate::error::Result;
use crate::exit::Exit;
use crate::practice::schedule::Schedule;
use crate::render::ReportFormat;
use crate::render::{Output, practice as view};
use crate::sys::clock;
use crate::text::human;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filters: FilterArgs,

    /// How many of the next questions to list after the due ones
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub next: usize,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: ReportFormat,
}

#[derive(Serialize)]
struct Report {
    now: chrono::DateTime<Utc>,
    due: Vec<view::DueRow>,
    next: Vec<view::DueRow>,
    new: usize,
    suspended: usize,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let Some(pool) = ctx.matching(&args.filters)? else { return Ok(no_match(NO_MATCH)) };
    let (_, loaded) = load_history()?;
    let pool: Vec<_> = pool.into_iter().filter(|q| !loaded.suspended.contains(&q.id)).collect();
    let schedule = Schedule::from_attempts(&loaded.attempts, calendar(&ctx.config)?);
    let now = clock::now();
    let rows = |list: Vec<_>| list.into_iter().map(|(q, at)| view::DueRow::new(q, at)).collect::<Vec<_>>();
    let report = Report {
        now,
        due: rows(schedule.due_now(&pool, now)),
        next: rows(schedule.upcoming(&pool, now).into_iter().take(args.next).collect()),
        new: pool.iter().filter(|q| schedule.due(q.id).is_none()).count(),
        suspended: loaded.suspended.len(),
    };
    let mut out = Output::stdout();
    match args.format {
        ReportFormat::Json => out.json(&report)?,
        ReportFormat::Text => {
            let columns = out.columns;
            if report.due.is_empty() {
                out.line("Nothing is due today.")?;
            } else {
                out.line(view::heading(&format!("Due today ({})", report.due.len())))?;
                for row in &report.due {
                    out.line(view::due_line(row, now, columns))?;
                }
            }
            if !report.next.is_empty() {
                out.line("")?;
                out.line(view::heading("Next"))?;
                for row in &report.next {
                    out.line(view::due_line(row, now, columns))?;
                }
            }
            if report.new > 0 {
                out.line("")?;
                out.line(format!(
                    "{} never practised: `qbank practice --due` drills the due ones first, then these.",
                    human::plural(report.new as i64, "question")
                ))?;
            }
            if report.suspended > 0 {
                out.line(format!(
                    "{} suspended (left out): `qbank unsuspend ID` brings one back.",
                    human::plural(report.suspended as i64, "question")
                ))?;
            }
        }
    }
    out.flush()?;
    Ok(Exit::Success)
}
