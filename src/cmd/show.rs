//! `qbank show ID...`: the full card of each question.

use crate::cmd::args::parse_id;
use crate::cmd::{Context, find};
use crate::error::Result;
use crate::exit::Exit;
use crate::model::Question;
use crate::practice::notes::Notes;
use crate::render::text::{self, CardOptions};
use crate::render::{self, Format, Output, practice as view};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Question ids, as `qbank list` shows them
    #[arg(required = true, value_name = "ID", value_parser = parse_id, allow_negative_numbers = true)]
    pub ids: Vec<u64>,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let corpus = ctx.corpus()?;
    let questions = args.ids.iter().map(|&id| find(corpus, id)).collect::<Result<Vec<_>>>()?;
    let mut out = Output::stdout();
    if args.format == Format::Text {
        let notes = Notes::open().ok();
        let width = out.wrap_width();
        text::cards_with(&mut out, &questions, CardOptions { reveal: true }, |q| {
            your_notes(notes.as_ref(), q, width)
        })?;
    } else {
        render::machine(&mut out, args.format, &questions)?;
    }
    out.flush()?;
    Ok(Exit::Success)
}

/// "Your notes" for a question that has one; a note that cannot be read is a warning.
fn your_notes(notes: Option<&Notes>, question: &Question, width: usize) -> Option<String> {
    match notes?.read(question.id) {
        Ok(note) => note.filter(|n| !n.trim().is_empty()).map(|n| view::your_notes(&n, width)),
        Err(error) => {
            render::warning(format_args!("{error}"));
            None
        }
    }
}
