//! `qbank show ID...`: the full card of each question.

use crate::cli::{Format, parse_id};
use crate::cmd::Context;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::model::{Corpus, Question};
use crate::practice::notes::Notes;
use crate::render::text::{CardOptions, card};
use crate::render::{self, Output, practice as view, style};

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
        cards_with(&mut out, &questions, CardOptions { reveal: true }, |q| {
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

/// The question with `id`, or an error that points at the ids that do exist.
pub fn find(corpus: &Corpus, id: u64) -> Result<&Question> {
    corpus.get(id).ok_or_else(|| {
        let hint = match corpus.neighbours(id) {
            (Some(below), Some(above)) => format!("; the nearest ids are {below} and {above}"),
            (Some(below), None) => format!("; the highest id is {below}"),
            (None, Some(above)) => format!("; the lowest id is {above}"),
            (None, None) => String::new(),
        };
        Error::user(format!("no question with id {id}{hint} (`qbank list` shows them all)"))
    })
}

/// Cards separated by a rule, each wrapped to the output's width.
pub fn cards(out: &mut Output, questions: &[&Question], options: CardOptions) -> std::io::Result<()> {
    cards_with(out, questions, options, |_| None)
}

/// Cards with `extra` text after each: the candidate's notes.
pub fn cards_with(
    out: &mut Output,
    questions: &[&Question],
    options: CardOptions,
    extra: impl Fn(&Question) -> Option<String>,
) -> std::io::Result<()> {
    let width = out.wrap_width();
    for (i, question) in questions.iter().enumerate() {
        if i > 0 {
            out.line(style::dim(&"─".repeat(width.min(60))))?;
            out.line("")?;
        }
        out.write_str(&card(question, width, options))?;
        if let Some(extra) = extra(question) {
            out.write_str(&extra)?;
        }
        if i + 1 < questions.len() {
            out.line("")?;
        }
    }
    Ok(())
}
