//! Shared git sources, for a person: what was added, updated, and the list.

use super::sanitize::clean;
use crate::sources::{Source, Updated, short};
use crate::text::human::plural;

pub fn added(source: &Source) -> String {
    format!(
        "Added source `{}` at {}: {} from {}.\n",
        clean(&source.name),
        short(&source.commit),
        plural(source.questions as i64, "question"),
        clean(&source.url)
    )
}

pub fn updated(name: &str, updated: &Updated) -> String {
    match updated {
        Updated::Unchanged { commit } => format!("{}: up to date at {}\n", clean(name), short(commit)),
        Updated::Moved { from, to, questions } => format!(
            "{}: {} -> {} ({})\n",
            clean(name),
            short(from),
            short(to),
            plural(*questions as i64, "question")
        ),
    }
}

pub fn removed(source: &Source) -> String {
    format!("Removed source `{}` ({}).\n", clean(&source.name), clean(&source.url))
}

/// One line per source: name, commit, what it follows, questions, URL.
pub fn list(sources: &[Source]) -> String {
    if sources.is_empty() {
        return "No sources yet: `qbank source add NAME URL` adds a team's bank from git.\n".to_string();
    }
    sources
        .iter()
        .map(|s| {
            format!(
                "{:<16} {}  {:<16} {:>5}  {}\n",
                clean(&s.name),
                short(&s.commit),
                clean(s.reference.as_deref().unwrap_or("default branch")),
                plural(s.questions as i64, "question"),
                clean(&s.url)
            )
        })
        .collect()
}
