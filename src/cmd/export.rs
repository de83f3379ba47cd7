//! `qbank export`: the bank, or the filtered part of it, for another tool.

use std::path::PathBuf;

use crate::cmd::args::FilterArgs;
use crate::cmd::{Context, deliver, filter, no_match};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::export::{self, ExportFormat};
use crate::query;
use crate::render::{self, Format};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filters: FilterArgs,

    /// Output format (default: from the -o file's extension: .md, .json, .yaml, .csv)
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ExportFormat>,

    /// Write to this file (atomically: never half-written) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The Anki deck the notes go to (anki format)
    #[arg(long, value_name = "NAME", default_value = "qbank")]
    pub deck: String,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(ExportFormat::from_extension))
        .ok_or_else(|| Error::user("say which format: --format markdown|json|yaml|csv|anki"))?;
    let corpus = ctx.corpus()?;
    let filter = filter(&args.filters, corpus)?;
    let questions = query::select(corpus, &filter);
    if questions.is_empty() {
        return Ok(no_match("no question matches these filters; nothing exported"));
    }
    let text = match format {
        ExportFormat::Markdown => render::markdown::bank(&questions),
        ExportFormat::Json => render::machine_text(Format::Json, &questions)?,
        ExportFormat::Yaml => render::machine_text(Format::Yaml, &questions)?,
        ExportFormat::Csv => export::sheet::write(&questions)?,
        ExportFormat::Anki => export::anki::write(&questions, &args.deck),
    };
    deliver(args.output.as_deref(), &text)?;
    if let Some(path) = &args.output {
        let noun = if questions.len() == 1 { "question" } else { "questions" };
        render::message(format_args!("exported {} {noun} to {}", questions.len(), path.display()));
    }
    Ok(Exit::Success)
}
