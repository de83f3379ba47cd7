//! Questions out to other tools: Markdown, JSON, YAML, a spreadsheet (CSV) or Anki.

pub mod anki;
pub mod sheet;

use std::io;

use crate::model::Question;
use crate::render::{self, Format, markdown};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// A printable question bank
    Markdown,
    /// Complete questions; loads back as a corpus
    Json,
    /// Complete questions; loads back as a corpus
    Yaml,
    /// One row per question, corpus field names as headers (RFC 4180)
    Csv,
    /// Tab-separated notes that Anki imports directly
    Anki,
}

impl ExportFormat {
    /// The format a file name suggests: `bank.csv` -> csv.
    pub fn from_extension(path: &std::path::Path) -> Option<ExportFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(ExportFormat::Markdown),
            "json" => Some(ExportFormat::Json),
            "yaml" | "yml" => Some(ExportFormat::Yaml),
            "csv" => Some(ExportFormat::Csv),
            _ => None,
        }
    }
}

/// Options only some formats use.
#[derive(Clone, Debug)]
pub struct Options {
    /// The Anki deck the notes go to.
    pub deck: String,
}

/// `questions` in `format`, complete and ready to write.
pub fn render(format: ExportFormat, questions: &[&Question], options: &Options) -> io::Result<String> {
    match format {
        ExportFormat::Markdown => Ok(bank_markdown(questions)),
        ExportFormat::Json => render::machine_text(Format::Json, questions),
        ExportFormat::Yaml => render::machine_text(Format::Yaml, questions),
        ExportFormat::Csv => sheet::write(questions),
        ExportFormat::Anki => Ok(anki::write(questions, &options.deck)),
    }
}

fn bank_markdown(questions: &[&Question]) -> String {
    let count = questions.len();
    let noun = if count == 1 { "question" } else { "questions" };
    format!("# Interview questions\n\n{count} {noun}.\n\n{}", markdown::questions(questions, true))
}
