//! `qbank note ID`: write your own story for a question in your editor.

use crate::cmd::args::parse_id;
use crate::cmd::{Context, find};
use crate::error::Result;
use crate::exit::Exit;
use crate::practice::notes::{Edited, Notes};
use crate::render;
use crate::sys::editor;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The question's id, as `qbank list` shows it
    #[arg(value_name = "ID", value_parser = parse_id)]
    pub id: u64,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let corpus = ctx.corpus()?;
    let question = find(corpus, args.id)?;
    let notes = Notes::open()?;
    for rescued in notes.rescue_stale_edits()? {
        render::note(format_args!(
            "an edit of the note for #{} was never saved (its qbank was stopped); the text is kept in `{}`",
            rescued.id,
            rescued.path.display()
        ));
    }
    let path = notes.path(question.id);
    let message = match notes.edit(question, &editor::command())? {
        Edited::Saved => format!("saved `{}`", path.display()),
        Edited::Unchanged => "no change; nothing saved".to_string(),
        Edited::Removed => format!("the note was empty, so `{}` was removed", path.display()),
    };
    render::note(format_args!("{message}"));
    Ok(Exit::Success)
}
