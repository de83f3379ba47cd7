//! `qbank validate [PATH...]`: every problem in the given corpus files, in one run.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::cmd::Context;
use crate::error::Result;
use crate::exit::Exit;
use crate::loader::lint;
use crate::loader::{self, Sources};
use crate::model::Question;
use crate::model::{Diagnostic, Severity};
use crate::render::ReportFormat;
use crate::render::sanitize::clean;
use crate::render::{self, Output, style};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Corpus files or folders to check; none: the built-in corpus
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Exit with 1 when there are warnings (errors always exit with 2)
    #[arg(long)]
    pub strict: bool,

    /// Output format (json: an array of findings, for CI annotations)
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: ReportFormat,
}

#[derive(Serialize)]
struct Finding<'a> {
    file: String,
    line: u64,
    column: u64,
    severity: &'static str,
    message: &'a str,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let checking_builtin = args.paths.is_empty();
    let checked = Sources { builtin: checking_builtin, paths: args.paths.clone(), cache: None };
    let parsed = loader::parse_sources(&checked);
    let files = parsed.len();
    let mut findings: Vec<Diagnostic> = parsed.iter().flat_map(|p| p.diagnostics.iter().cloned()).collect();
    let questions: Vec<&Question> = parsed.iter().flat_map(|p| &p.questions).collect();
    let ids: Vec<_> = parsed.iter().flat_map(|p| p.ids.iter().cloned()).collect();
    let taken = if !checking_builtin && ctx.sources.builtin { builtin_ids() } else { HashMap::new() };
    findings.extend(loader::duplicate_ids(&ids, &taken));
    findings.extend(lint::lint(&questions));
    findings.sort_by(|a, b| {
        (a.origin.file.as_path(), a.origin.line, a.origin.column).cmp(&(
            b.origin.file.as_path(),
            b.origin.line,
            b.origin.column,
        ))
    });

    let errors = findings.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = findings.len() - errors;
    let mut out = Output::stdout();
    if args.format == ReportFormat::Json {
        let rows: Vec<Finding> = findings
            .iter()
            .map(|d| Finding {
                file: d.origin.file.display().to_string(),
                line: d.origin.line,
                column: d.origin.column,
                severity: if d.severity == Severity::Error { "error" } else { "warning" },
                message: &d.message,
            })
            .collect();
        out.json(&rows)?;
    } else {
        for d in &findings {
            let severity = match d.severity {
                Severity::Error => style::error("error"),
                Severity::Warning => style::warning("warning"),
            };
            out.line(format!("{}: {severity}: {}", d.origin, clean(&d.message)))?;
        }
    }
    out.flush()?;
    render::message(format_args!(
        "{} {}, {} {} in {} {} ({} questions)",
        errors,
        plural(errors, "error"),
        warnings,
        plural(warnings, "warning"),
        files,
        plural(files, "file"),
        questions.len()
    ));
    Ok(if errors > 0 {
        Exit::Error
    } else if warnings > 0 && args.strict {
        Exit::NoMatch
    } else {
        Exit::Success
    })
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { word.to_string() } else { format!("{word}s") }
}

/// Ids the built-in bank already uses, for checking a team corpus that will load beside it.
fn builtin_ids() -> HashMap<u64, String> {
    loader::builtin_questions()
        .into_iter()
        .map(|q| (q.id, format!("{} (the built-in corpus; use ids from 10000 up)", q.origin)))
        .collect()
}
