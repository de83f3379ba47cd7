//! Questions in from spreadsheets, JSON and Anki: rows mapped to corpus fields, each checked
//! as the loader checks a corpus file, and written as YAML items to append to one.

pub mod fields;
pub mod read;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::codec::cells::{parse_groups, parse_list, parse_words};
use crate::codec::field::Field;
use crate::loader::parse::{self, is_kebab_case, to_kebab_case};
use crate::model::{Competency, Framework, Level, Levels, Question, Round};
use crate::text::suggest;
use fields::Pairs;
use read::{Record, Rejected, Source, Value};

/// Team questions get ids from here up, clear of the built-in corpus as it grows.
pub const TEAM_IDS_FROM: u64 = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// A spreadsheet saved as CSV, with a header row
    Csv,
    /// An array of question objects
    Json,
    /// An Anki notes file (tab-separated, `#separator:` header lines)
    Anki,
    /// A corpus file from elsewhere, renumbered above the loaded ids
    Yaml,
}

impl ImportFormat {
    /// What a file looks like: `.csv`, `.json`, or Anki's `#separator:`/`#html:` headers.
    pub fn detect(path: &Path, bytes: &[u8]) -> Option<ImportFormat> {
        let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("csv" | "tsv" | "tab") => return Some(ImportFormat::Csv),
            Some("json") => return Some(ImportFormat::Json),
            Some("yaml" | "yml") => return Some(ImportFormat::Yaml),
            _ => {}
        }
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        [&b"#separator:"[..], b"#html:", b"#notetype:", b"#deck:"]
            .iter()
            .any(|header| bytes.starts_with(header))
            .then_some(ImportFormat::Anki)
    }

    /// The rows of `bytes`; `delimiter` is the CSV's separator (None: detected from the header).
    pub fn read(self, bytes: &[u8], map: &Pairs, delimiter: Option<u8>) -> Result<Source, String> {
        match self {
            ImportFormat::Csv => read::csv(bytes, map, delimiter),
            ImportFormat::Json => read::json(bytes, map),
            ImportFormat::Anki => read::anki(bytes, map),
            ImportFormat::Yaml => read::yaml(bytes, map),
        }
    }
}

/// What converting a file's rows gave.
#[derive(Debug)]
pub struct Imported {
    /// YAML items for the new questions, ready to append to a corpus file.
    pub yaml: String,
    /// The new questions as the loader reads them back from `yaml`.
    pub questions: Vec<Question>,
    /// Rows that could not become a valid question, with the reason.
    pub skipped: Vec<Rejected>,
}

/// A row of an `--update` import that names a question the target file already holds.
#[derive(Debug)]
pub struct Revision {
    pub id: u64,
    /// The question's new YAML item.
    pub yaml: String,
    pub question: Question,
}

/// Every readable row as a validated question with the next free id from `first_id`;
/// every other row in `skipped`. Ids are only used by rows that are imported.
pub fn convert(source: Source, defaults: &Pairs, first_id: u64) -> Imported {
    convert_updating(source, defaults, first_id, &HashSet::new()).0
}

/// As [`convert`], but a row whose `id` (or Anki GUID `qbank-N`) is in `existing` becomes a
/// revision of that question rather than a new one.
pub fn convert_updating(
    source: Source,
    defaults: &Pairs,
    first_id: u64,
    existing: &HashSet<u64>,
) -> (Imported, Vec<Revision>) {
    let mut revisions: Vec<Revision> = Vec::new();
    let mut imported = Imported { yaml: String::new(), questions: Vec::new(), skipped: Vec::new() };
    let mut next_id = Some(first_id);
    for row in source.rows {
        let record = match row {
            Ok(record) => record,
            Err(rejected) => {
                imported.skipped.push(rejected);
                continue;
            }
        };
        let place = record.place;
        if let Some(id) = declared_id(&record).filter(|id| existing.contains(id)) {
            if revisions.iter().any(|r| r.id == id) {
                imported
                    .skipped
                    .push(Rejected { place, reason: format!("question {id} is in an earlier row too") });
                continue;
            }
            match draft(&record, defaults, id).and_then(|draft| checked_yaml(&draft)) {
                Ok((yaml, question)) => revisions.push(Revision { id, yaml, question }),
                Err(reason) => imported.skipped.push(Rejected { place, reason }),
            }
            continue;
        }
        let Some(id) = next_id else {
            imported.skipped.push(Rejected { place, reason: "no ids are left above the loaded ones".into() });
            continue;
        };
        match draft(&record, defaults, id).and_then(|draft| checked_yaml(&draft)) {
            Ok((yaml, question)) => {
                imported.yaml.push_str(&yaml);
                imported.questions.push(question);
                next_id = id.checked_add(1);
            }
            Err(reason) => imported.skipped.push(Rejected { place, reason }),
        }
    }
    (imported, revisions)
}

/// What an `--update` import did to the target file's questions.
#[derive(Debug, Default)]
pub struct Revised {
    pub text: String,
    /// Questions whose text changed, by id.
    pub updated: Vec<u64>,
    pub unchanged: usize,
}

/// `text` (a corpus file holding `current`) with each revised question's item replaced by its
/// new YAML, in place; unchanged questions, other items and the comments between items are
/// kept byte for byte. An item runs from its `- ` line to the next one, less the blank and
/// comment lines just before that, which belong to the next item.
pub fn revise(text: &str, current: &[Question], revisions: &[Revision]) -> Revised {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(at, _)| at + 1))
        .filter(|&at| at <= text.len())
        .collect();
    let line_start =
        |line: u64| starts.get(usize::try_from(line).unwrap_or(usize::MAX).saturating_sub(1)).copied();
    let mut spans: Vec<(usize, usize, &str)> = Vec::new();
    let mut revised = Revised::default();
    for revision in revisions {
        let Some(old) = current.iter().find(|q| q.id == revision.id) else { continue };
        if serde_json::to_value(old).ok() == serde_json::to_value(&revision.question).ok() {
            revised.unchanged += 1;
            continue;
        }
        let Some(start) = line_start(old.origin.line) else { continue };
        spans.push((start, item_end(text, start), revision.yaml.as_str()));
        revised.updated.push(revision.id);
    }
    spans.sort_by_key(|&(start, ..)| std::cmp::Reverse(start));
    let mut out = text.to_string();
    for (start, end, yaml) in spans {
        out.replace_range(start..end, yaml);
    }
    revised.text = out;
    revised
}

/// Where the item starting at byte `start` ends: at the next line that starts an item, less
/// the blank lines and unindented comments before it.
fn item_end(text: &str, start: usize) -> usize {
    let mut end = text[start..].find("\n- ").map_or(text.len(), |at| start + at + 1);
    while end > start {
        let line_start = text[..end - 1].rfind('\n').map_or(0, |at| at + 1).max(start);
        let line = &text[line_start..end];
        if line_start == start || !(line.trim().is_empty() || line.starts_with('#')) {
            break;
        }
        end = line_start;
    }
    end
}

/// The id a row gives for itself: its `id` cell, or an Anki GUID `qbank-N` there.
fn declared_id(record: &Record) -> Option<u64> {
    let Some(Value::Text(text)) = record.get(Field::Id) else { return None };
    let text = text.trim();
    text.strip_prefix("qbank-").unwrap_or(text).parse().ok()
}

/// A question as it is written to the corpus: empty optional fields left out.
#[derive(Debug, Serialize)]
struct Draft {
    id: u64,
    round: Round,
    question: String,
    rationale: String,
    sample_answer: String,
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    competency: Option<Competency>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    roles: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    framework: Option<Framework>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    look_for: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    red_flags: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    follow_ups: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sample_follow_ups: Vec<String>,
    #[serde(skip_serializing_if = "Levels::is_empty")]
    levels: Levels,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    synonyms: Vec<Vec<String>>,
}

fn draft(record: &Record, defaults: &Pairs, id: u64) -> Result<Draft, String> {
    let cells = Cells { record, defaults };
    let round = cells.required(Field::Round)?;
    let round = Round::parse(&round)
        .or_else(|| Round::parse(&kebab(&round).unwrap_or_default()))
        .ok_or_else(|| unknown("round", &round, &Round::names()))?;
    let competency = match cells.text(Field::Competency) {
        None => None,
        Some(text) => Some(
            Competency::parse(&kebab(&text).unwrap_or_default())
                .ok_or_else(|| unknown("competency", &text, &Competency::names()))?,
        ),
    };
    let framework = match cells.text(Field::Framework) {
        None => None,
        Some(text) => Some(
            Framework::parse(&kebab(&text).unwrap_or_default())
                .ok_or_else(|| unknown("framework", &text, &Framework::ALL.map(Framework::name)))?,
        ),
    };
    let tags = kebab_words("tag", cells.list(Field::Tags))?;
    if tags.is_empty() {
        return Err(missing(Field::Tags));
    }
    Ok(Draft {
        id,
        round,
        question: cells.required(Field::Question)?,
        rationale: cells.required(Field::Rationale)?,
        sample_answer: cells.required(Field::SampleAnswer)?,
        tags,
        competency,
        roles: kebab_words("role", cells.list(Field::Roles))?,
        framework,
        look_for: cells.list(Field::LookFor),
        red_flags: cells.list(Field::RedFlags),
        follow_ups: cells.list(Field::FollowUps),
        sample_follow_ups: cells.list(Field::SampleFollowUps),
        levels: cells.levels(),
        synonyms: cells.text(Field::Synonyms).map(|cell| parse_groups(&cell)).unwrap_or_default(),
    })
}

/// A row's values, falling back to `--default` where the row leaves a field empty.
struct Cells<'a> {
    record: &'a Record,
    defaults: &'a Pairs,
}

impl Cells<'_> {
    fn text(&self, field: Field) -> Option<String> {
        let value = match self.record.get(field) {
            Some(Value::Text(text)) => text.clone(),
            Some(Value::List(items)) => items.join("\n"),
            None => String::new(),
        };
        if !value.trim().is_empty() {
            return Some(value);
        }
        self.defaults.get(field).filter(|v| !v.trim().is_empty()).map(String::from)
    }

    fn levels(&self) -> Levels {
        let mut levels = Levels::default();
        for level in Level::ALL {
            levels.set(level, self.text(Field::for_level(level)));
        }
        levels
    }

    fn required(&self, field: Field) -> Result<String, String> {
        self.text(field).ok_or_else(|| missing(field))
    }

    fn list(&self, field: Field) -> Vec<String> {
        let split = |text: &str| {
            if matches!(field, Field::Tags | Field::Roles) { parse_words(text) } else { parse_list(text) }
        };
        let items = match self.record.get(field) {
            Some(Value::List(items)) => items.iter().filter(|i| !i.trim().is_empty()).cloned().collect(),
            Some(Value::Text(text)) => split(text),
            None => Vec::new(),
        };
        if !items.is_empty() {
            return items;
        }
        self.defaults.get(field).map(split).unwrap_or_default()
    }
}

fn missing(field: Field) -> String {
    format!("no `{field}` (add a column for it, or --default {field}=VALUE)")
}

fn unknown(what: &str, text: &str, known: &[&str]) -> String {
    let hint = suggest::did_you_mean_or_list(text, known.iter().copied(), known, &format!("{what} names"));
    format!("unknown {what} '{text}'{hint}")
}

/// `System Design` -> `system-design`; text with letters outside ASCII cannot be a tag.
fn kebab(text: &str) -> Option<String> {
    if text.chars().any(|c| c.is_alphanumeric() && !c.is_ascii()) {
        return None;
    }
    Some(to_kebab_case(text)).filter(|tag| is_kebab_case(tag))
}

fn kebab_words(what: &str, words: Vec<String>) -> Result<Vec<String>, String> {
    let mut kept: Vec<String> = Vec::new();
    for word in words {
        let tag = kebab(&word).ok_or_else(|| {
            format!("{what} '{word}' cannot be made kebab-case (ASCII letters, digits and hyphens)")
        })?;
        if !kept.contains(&tag) {
            kept.push(tag);
        }
    }
    Ok(kept)
}

/// The draft as a YAML item, read back by the loader: an item the loader rejects, or
/// reads as anything but the draft, is never written.
fn checked_yaml(draft: &Draft) -> Result<(String, Question), String> {
    let yaml = serde_saphyr::to_string(&[draft]).map_err(|e| format!("cannot be written as YAML: {e}"))?;
    let parsed = parse::parse_str(&Arc::new(PathBuf::from("<import>")), &yaml);
    let problems: Vec<&str> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::model::Severity::Error)
        .map(|d| d.message.as_str())
        .collect();
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    match <[Question; 1]>::try_from(parsed.questions) {
        Ok([question]) if same(draft, &question) => Ok((yaml, question)),
        _ => Err("would not read back unchanged from YAML; please report this row".into()),
    }
}

/// Whether the loader read back what was drafted (it trims the ends of texts).
fn same(draft: &Draft, q: &Question) -> bool {
    let text = |a: &str, b: &str| a.trim_end() == b;
    let list = |a: &[String], b: &[String]| a.len() == b.len() && a.iter().zip(b).all(|(a, b)| text(a, b));
    q.id == draft.id
        && q.round == draft.round
        && text(&draft.question, &q.question)
        && text(&draft.rationale, &q.rationale)
        && text(&draft.sample_answer, &q.sample_answer)
        && q.tags == draft.tags
        && q.competency == draft.competency
        && q.roles == draft.roles
        && q.framework == draft.framework
        && list(&draft.look_for, &q.look_for)
        && list(&draft.red_flags, &q.red_flags)
        && list(&draft.follow_ups, &q.follow_ups)
        && list(&draft.sample_follow_ups, &q.sample_follow_ups)
        && draft.synonyms == q.synonyms
        && Level::ALL.into_iter().all(|level| match (draft.levels.get(level), q.levels.get(level)) {
            (Some(a), Some(b)) => text(a, b),
            (a, b) => a == b,
        })
}

/// `existing` corpus text with `addition` after it, untouched byte for byte.
pub fn append(existing: &str, addition: &str) -> String {
    let mut out = String::with_capacity(existing.len() + addition.len() + 1);
    out.push_str(existing);
    if !existing.is_empty() && !existing.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(addition);
    out
}

/// Whether a corpus file holds nothing but blank lines and comments (a fresh file).
pub fn is_blank_corpus(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use read::Place;

    fn record(values: &[(Field, &str)]) -> Record {
        Record {
            place: Place::Row { row: 2, line: 2 },
            values: values.iter().map(|(f, v)| (*f, Value::Text(v.to_string()))).collect(),
        }
    }

    fn full() -> Vec<(Field, &'static str)> {
        vec![
            (Field::Question, "Design a \"cache\", <fast> & safe\n\twith tabs — café"),
            (Field::Rationale, "Because."),
            (Field::SampleAnswer, "  indented\nlines"),
            (Field::Round, "System Design"),
            (Field::Tags, "Caching, API design"),
            (Field::LookFor, "- one\n- two\n  continued"),
        ]
    }

    #[test]
    fn rows_become_loader_valid_questions_with_fresh_ids() {
        let source = Source { rows: vec![Ok(record(&full())), Ok(record(&full()))], ..Source::default() };
        let imported = convert(source, &Pairs::default(), 10_000);
        assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
        let ids: Vec<u64> = imported.questions.iter().map(|q| q.id).collect();
        assert_eq!(ids, [10_000, 10_001]);
        let q = &imported.questions[0];
        assert_eq!(q.round, Round::SystemDesign);
        assert_eq!(q.tags, ["caching", "api-design"]);
        assert_eq!(q.question, "Design a \"cache\", <fast> & safe\n\twith tabs — café");
        assert_eq!(q.sample_answer, "  indented\nlines");
        assert_eq!(q.look_for, ["one", "two\ncontinued"]);
    }

    #[test]
    fn bad_rows_are_skipped_with_a_reason_and_use_no_id() {
        let mut no_rationale = full();
        no_rationale.retain(|(f, _)| *f != Field::Rationale);
        let mut bad_round = full();
        bad_round[3] = (Field::Round, "behavoural");
        let mut bad_tag = full();
        bad_tag[4] = (Field::Tags, "café");
        let rows = vec![
            Ok(record(&no_rationale)),
            Ok(record(&bad_round)),
            Ok(record(&bad_tag)),
            Ok(record(&full())),
        ];
        let imported = convert(Source { rows, ..Source::default() }, &Pairs::default(), 5);
        let reasons: Vec<&str> = imported.skipped.iter().map(|r| r.reason.as_str()).collect();
        assert!(reasons[0].starts_with("no `rationale`"), "{reasons:?}");
        assert!(reasons[1].contains("did you mean 'behavioural'?"), "{reasons:?}");
        assert!(reasons[2].contains("tag 'café'"), "{reasons:?}");
        assert_eq!(imported.questions.len(), 1);
        assert_eq!(imported.questions[0].id, 5);
    }

    #[test]
    fn defaults_fill_empty_fields() {
        let rows = vec![Ok(record(&[(Field::Question, "Q?"), (Field::SampleAnswer, "A.")]))];
        let defaults = Pairs::parse_defaults(&[
            "round=behavioural".to_string(),
            "rationale=Asked in every loop, always.".to_string(),
            "tags=imported".to_string(),
        ])
        .unwrap();
        let imported = convert(Source { rows, ..Source::default() }, &defaults, 1);
        assert_eq!(imported.questions.len(), 1, "{:?}", imported.skipped);
        assert_eq!(imported.questions[0].rationale, "Asked in every loop, always.");
    }

    #[test]
    fn appending_keeps_the_existing_text() {
        assert_eq!(append("- id: 1 # kept\n", "- id: 2\n"), "- id: 1 # kept\n- id: 2\n");
        assert_eq!(append("- id: 1", "- id: 2\n"), "- id: 1\n- id: 2\n");
        assert!(is_blank_corpus("# team questions\n\n"));
        assert!(!is_blank_corpus("- id: 1\n"));
    }
}
