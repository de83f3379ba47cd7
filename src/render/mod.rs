//! Presenting questions: text for people, json/yaml/markdown for tools. The one place that
//! knows about terminal width and colour.

pub mod config;
pub mod feedback;
pub mod guide;
pub mod json;
pub mod judge;
pub mod kit;
pub mod markdown;
pub mod practice;
pub mod sanitize;
pub mod sources;
pub mod style;
pub mod text;
pub mod validate;
pub mod wrap;

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use crate::model::Question;

/// Cards never grow wider than this, however wide the terminal.
pub const MAX_WIDTH: usize = 100;

/// How questions are printed: for people, or complete for tools.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
    Yaml,
    Markdown,
}

/// How a report (a table, a list, a verdict) is printed: for people, or for tools.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    #[default]
    Text,
    Json,
}

/// Where output goes, and how wide it may be.
pub struct Output {
    out: io::BufWriter<io::StdoutLock<'static>>,
    /// The terminal's width, or COLUMNS; None when piped (lines are then never cut).
    pub columns: Option<usize>,
}

impl Output {
    pub fn stdout() -> Output {
        let stdout = io::stdout();
        let columns = if stdout.is_terminal() {
            terminal_size::terminal_size().map(|(w, _)| w.0 as usize)
        } else {
            None
        }
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .filter(|&w| w > 0);
        Output { out: io::BufWriter::new(stdout.lock()), columns }
    }

    /// The width to wrap prose to.
    pub fn wrap_width(&self) -> usize {
        self.columns.unwrap_or(MAX_WIDTH).clamp(30, MAX_WIDTH)
    }

    pub fn line(&mut self, text: impl std::fmt::Display) -> io::Result<()> {
        writeln!(self.out, "{text}")
    }

    pub fn write_str(&mut self, text: &str) -> io::Result<()> {
        self.out.write_all(text.as_bytes())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Pretty JSON followed by a newline; never coloured, and safe to print (see `json`).
    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        json::write_pretty(&mut self.out, value)?;
        writeln!(self.out)
    }

    pub fn yaml<T: Serialize>(&mut self, value: &T) -> io::Result<()> {
        let text = serde_saphyr::to_string(value).map_err(|e| io::Error::other(e.to_string()))?;
        self.write_str(&text)
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        let _ = self.out.flush();
    }
}

/// A message on standard error. Messages quote file names, arguments and corpus or history
/// text, so control characters in them are made visible: nothing a user passes in can drive
/// the terminal through an error.
pub fn message(text: impl std::fmt::Display) {
    let text = text.to_string();
    let _ = writeln!(io::stderr().lock(), "{}", sanitize::clean(&text));
}

/// `note: ...` on standard error.
pub fn note(text: impl std::fmt::Display) {
    message(format_args!("note: {text}"));
}

/// `warning: ...` on standard error.
pub fn warning(text: impl std::fmt::Display) {
    message(format_args!("warning: {text}"));
}

/// Questions in a machine format: the complete objects, corpus field names.
pub fn machine(out: &mut Output, format: Format, questions: &[&Question]) -> io::Result<()> {
    out.write_str(&machine_text(format, questions)?)
}

/// The text `machine` writes: pretty JSON or YAML (loads back as a corpus), or Markdown.
pub fn machine_text(format: Format, questions: &[&Question]) -> io::Result<String> {
    use Format;
    match format {
        Format::Json => Ok(json::to_string_pretty(questions)? + "\n"),
        Format::Yaml => serde_saphyr::to_string(&questions).map_err(|e| io::Error::other(e.to_string())),
        Format::Markdown => Ok(markdown::questions(questions, true)),
        Format::Text => Err(io::Error::other("text output is rendered by the command")),
    }
}
