//! `qbank undo`: takes back the last recorded grade, by appending an undo record.

use crate::cmd::{Context, calendar, load_history};
use crate::error::Result;
use crate::exit::Exit;
use crate::practice::history::{Record, Undo};
use crate::practice::schedule::Schedule;
use crate::render::{self, Output};
use crate::sys::clock;
use crate::text::human;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &Context, _args: &Args) -> Result<Exit> {
    let (mut history, loaded) = load_history()?;
    let Some(last) = loaded.last_attempt() else {
        render::note("there is no grade to undo: the history holds no graded attempt that still counts");
        return Ok(Exit::NoMatch);
    };
    let now = clock::now();
    history.append(&Record::Undo(Undo { at: now, id: last.id, started_at: last.started_at }))?;
    let kept = loaded.attempts.iter().filter(|a| !(a.id == last.id && a.started_at == last.started_at));
    let schedule = Schedule::from_attempts(kept, calendar(&ctx.config)?);
    let back = match schedule.due(last.id) {
        Some(due) => format!("it is due again {} ({})", human::relative(due, now), human::day(due)),
        None => "it counts as never practised again".to_string(),
    };
    let mut out = Output::stdout();
    out.line(format!(
        "Took back the grade `{}` given to #{} on {}; {back}.",
        last.grade.name(),
        last.id,
        human::stamp(last.started_at)
    ))?;
    out.flush()?;
    Ok(Exit::Success)
}
