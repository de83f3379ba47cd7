//! `qbank validate [PATH...]`: every problem in the given corpus files, in one run.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::cmd::Context;
use crate::error::Result;
use crate::exit::Exit;
use crate::loader::{self, Sources, lint};
use crate::model::{Diagnostic, Question, Severity};
use crate::render::{self, Output, ReportFormat};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Corpus files or folders to check, besides every --corpus and QBANK_CORPUS path; none of
    /// them: the built-in corpus
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Exit with 1 when there are warnings (errors always exit with 2)
    #[arg(long)]
    pub strict: bool,

    /// Output format (json: an array of findings, for CI annotations)
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: ReportFormat,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    // What the other commands load is what CI must check: QBANK_CORPUS and --corpus too.
    let mut paths = args.paths.clone();
    paths.extend(ctx.sources.paths.iter().filter(|p| !args.paths.contains(p)).cloned());
    let checking_builtin = paths.is_empty();
    let checked = Sources { builtin: checking_builtin, paths, cache: None };
    let parsed = loader::parse_sources(&checked);
    let files = parsed.len();
    let mut findings: Vec<Diagnostic> = parsed.iter().flat_map(|p| p.diagnostics.iter().cloned()).collect();
    let questions: Vec<&Question> = parsed.iter().flat_map(|p| &p.questions).collect();
    let ids: Vec<_> = parsed.iter().flat_map(|p| p.ids.iter().cloned()).collect();
    let taken = if !checking_builtin && ctx.sources.builtin { builtin_ids() } else { HashMap::new() };
    findings.extend(loader::duplicate_ids(&ids, &taken));
    if !checking_builtin {
        findings.extend(low_ids(&ids, &taken));
    }
    // A team corpus is judged beside the built-in bank it loads with.
    let builtin =
        if !checking_builtin && ctx.sources.builtin { loader::builtin_questions() } else { Vec::new() };
    findings.extend(lint::lint(&questions, &builtin.iter().collect::<Vec<_>>()));
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
    render::validate::findings(&mut out, &findings, args.format)?;
    out.flush()?;
    render::message(render::validate::summary(errors, warnings, files, questions.len()));
    Ok(if errors > 0 {
        Exit::Error
    } else if warnings > 0 && args.strict {
        Exit::NoMatch
    } else {
        Exit::Success
    })
}

/// The first id a team corpus should use: the built-in bank grows upward from 1.
const TEAM_IDS_FROM: u64 = 10_000;

/// Team ids below 10000 that no built-in question uses yet: free today, taken by a later qbank.
fn low_ids(ids: &[(u64, crate::model::Origin)], taken: &HashMap<u64, String>) -> Vec<Diagnostic> {
    ids.iter()
        .filter(|(id, _)| *id < TEAM_IDS_FROM && !taken.contains_key(id))
        .map(|(id, origin)| {
            Diagnostic::warning(
                origin.clone(),
                format!(
                    "question {id}: team ids start at {TEAM_IDS_FROM}; the built-in bank grows into ids below, \
                     so a later qbank may clash with this one"
                ),
            )
        })
        .collect()
}

/// Ids the built-in bank already uses, for checking a team corpus that will load beside it.
fn builtin_ids() -> HashMap<u64, String> {
    loader::builtin_questions()
        .into_iter()
        .map(|q| (q.id, format!("{} (the built-in corpus; use ids from 10000 up)", q.origin)))
        .collect()
}
