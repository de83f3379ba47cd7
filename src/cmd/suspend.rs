//! `qbank suspend ID...` and `qbank unsuspend ID...`: keep questions out of every draw, or let
//! them back in. Each change is a record appended to the history.

use crate::cmd::args::parse_id;
use crate::cmd::{Context, find, load_history};
use crate::error::Result;
use crate::exit::Exit;
use crate::practice::history::{Mark, Record};
use crate::render::{self, Output};
use crate::sys::clock;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The questions' ids, as `qbank list` shows them
    #[arg(value_name = "ID", required = true, value_parser = parse_id)]
    pub ids: Vec<u64>,
}

/// Suspends (`suspend` true) or brings back each question in `args`.
pub fn run(ctx: &Context, args: &Args, suspend: bool) -> Result<Exit> {
    let corpus = ctx.corpus()?;
    for &id in &args.ids {
        find(corpus, id)?;
    }
    let (mut history, loaded) = load_history()?;
    let mut out = Output::stdout();
    let mut done: Vec<u64> = Vec::new();
    for &id in &args.ids {
        if done.contains(&id) {
            continue;
        }
        done.push(id);
        let is_suspended = loaded.suspended.contains(&id);
        if is_suspended == suspend {
            let state = if suspend { "already suspended" } else { "not suspended" };
            render::note(format_args!("#{id} is {state}; nothing changed"));
            continue;
        }
        let mark = Mark { id, at: clock::now() };
        history.append(&if suspend { Record::Suspend(mark) } else { Record::Unsuspend(mark) })?;
        let message = if suspend {
            format!("Suspended #{id}: no draw, `--due` or mock offers it until `qbank unsuspend {id}`.")
        } else {
            format!("#{id} is back in the draws.")
        };
        out.line(message)?;
    }
    out.flush()?;
    Ok(Exit::Success)
}
