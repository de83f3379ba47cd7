//! `qbank validate`'s report: each finding at its place, and the count of them.

use std::io;

use serde::Serialize;

use super::{Output, ReportFormat, sanitize::clean, style};
use crate::model::{Diagnostic, Severity};

#[derive(Serialize)]
struct Finding<'a> {
    file: String,
    line: u64,
    column: u64,
    severity: &'static str,
    message: &'a str,
}

/// Every finding as `FILE:LINE:COL: error: message`, or as a JSON array for CI annotations.
pub fn findings(out: &mut Output, findings: &[Diagnostic], format: ReportFormat) -> io::Result<()> {
    if format == ReportFormat::Json {
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
        return out.json(&rows);
    }
    for d in findings {
        let severity = match d.severity {
            Severity::Error => style::error("error"),
            Severity::Warning => style::warning("warning"),
        };
        out.line(format!("{}: {severity}: {}", d.origin, clean(&d.message)))?;
    }
    Ok(())
}

/// `2 errors, 1 warning in 3 files (40 questions)`.
pub fn summary(errors: usize, warnings: usize, files: usize, questions: usize) -> String {
    let plural = |n: usize, word: &str| if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") };
    format!(
        "{}, {} in {} ({})",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(files, "file"),
        plural(questions, "question")
    )
}
