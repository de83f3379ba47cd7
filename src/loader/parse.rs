//! One corpus file's text -> validated questions, with a location for every problem.
//!
//! Serde reads the YAML into raw, span-carrying structs; `convert` turns each into a
//! `Question` that cannot be invalid. Nothing outside this module sees YAML shapes.
//! `build.rs` includes this file too, so it only depends on `model` and `suggest`.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{self, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::{ErrorKind, Parser, ScanError};

use crate::model::{Competency, Diagnostic, Framework, Level, Levels, Origin, Question, Round, Severity};
use crate::text::suggest;

/// The field names a question may have, in the order the corpus writes them.
pub const FIELDS: [&str; 15] = [
    "id",
    "round",
    "question",
    "rationale",
    "sample_answer",
    "tags",
    "competency",
    "roles",
    "framework",
    "look_for",
    "red_flags",
    "follow_ups",
    "sample_follow_ups",
    "levels",
    "synonyms",
];

/// Corpus files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 1 << 30;

/// Text longer than this, in any one field or list item, is refused: the longest built-in
/// sample answer is about 2 KiB, and a 50 MB string would only make every command slow.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// How deep YAML may nest. A question needs three levels (list, question, field list).
pub const MAX_DEPTH: usize = 64;

/// How many values aliases (`*name`) may repeat in one file: enough for shared tag lists,
/// far too few for an alias bomb to cost more than a fraction of a second.
pub const MAX_ALIAS_VALUES: usize = 100_000;

/// Every message about a file that is not valid YAML starts with this, so a reader (and the
/// YAML test suite) can tell it from a file that is valid YAML but not a question corpus.
pub const INVALID_YAML: &str = "invalid YAML";

/// Characters of corpus text a message quotes: enough to recognise it.
const EXCERPT_CHARS: usize = 80;

/// Corpus text quoted in a message (an unknown round, a tag): never the whole of a huge value.
fn excerpt(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => Cow::Owned(format!("{}... ({} bytes in all)", &text[..cut], text.len())),
        None => Cow::Borrowed(text),
    }
}

/// What parsing one file gives: the valid questions, and every problem found.
/// A file with any error must not be used, but its valid questions still help `validate`
/// report duplicate ids across files.
#[derive(Debug, Default)]
pub struct Parsed {
    pub questions: Vec<Question>,
    pub diagnostics: Vec<Diagnostic>,
    /// Every id written in the file, with where, including those of invalid questions:
    /// duplicate ids are reported even when one of the pair has other errors.
    pub ids: Vec<(u64, Origin)>,
}

/// Parses the bytes of one corpus file named `file`.
pub fn parse_bytes(file: &Arc<PathBuf>, bytes: &[u8]) -> Parsed {
    let at = |line, column| Origin { file: file.clone(), line, column };
    if let Some(message) = too_large(bytes.len() as u64) {
        return Parsed::failed(Diagnostic::error(at(1, 1), message));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = line_column(&bytes[..e.valid_up_to()]);
            return Parsed::failed(Diagnostic::error(
                at(line, column),
                "file is not valid UTF-8 (save it as UTF-8)",
            ));
        }
    };
    parse_str(file, text)
}

/// Why a file of `size` bytes is not parsed, if it is too large to be.
pub fn too_large(size: u64) -> Option<String> {
    (size > MAX_FILE_BYTES as u64).then(|| {
        format!("file is {} MiB; corpus files are limited to {} MiB", size >> 20, MAX_FILE_BYTES >> 20)
    })
}

/// Parses the text of one corpus file named `file`.
pub fn parse_str(file: &Arc<PathBuf>, text: &str) -> Parsed {
    let at = |line, column| Origin { file: file.clone(), line, column };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(offset) = text.find('\0') {
        let (line, column) = line_column(&text.as_bytes()[..offset]);
        return Parsed::failed(Diagnostic::error(
            at(line, column),
            "file contains a NUL byte; is it a binary file?",
        ));
    }
    if text.trim().is_empty() {
        return Parsed::failed(Diagnostic::error(at(1, 1), EMPTY_FILE));
    }
    let conflicts = merge_conflicts(text);
    if !conflicts.is_empty() {
        let diagnostics =
            conflicts.into_iter().map(|(line, message)| Diagnostic::error(at(line, 1), message));
        return Parsed { questions: Vec::new(), diagnostics: diagnostics.collect(), ids: Vec::new() };
    }
    if text.len() >= PARALLEL_BYTES
        && let Some(parsed) = parse_in_parallel(file, text)
    {
        return parsed;
    }
    let parsed = parse_chunk(file, text, 0);
    if parsed.questions.is_empty() && parsed.has_errors() {
        return parse_each_item(file, text).unwrap_or(parsed);
    }
    parsed
}

/// Every unresolved merge conflict in `text`: the line of its `<<<<<<<` marker and a message.
/// YAML would report the first marker as a puzzling syntax error.
fn merge_conflicts(text: &str) -> Vec<(u64, String)> {
    let mut conflicts = Vec::new();
    let mut open: Option<u64> = None;
    for (number, line) in (1u64..).zip(text.lines()) {
        if line.starts_with("<<<<<<<") {
            open = Some(number);
        } else if line.starts_with(">>>>>>>") {
            let start = open.take().unwrap_or(number);
            conflicts.push((
                start,
                format!(
                    "unresolved merge conflict at line {start} (to line {number}): keep one side and remove the \
                     `<<<<<<<`, `=======` and `>>>>>>>` lines"
                ),
            ));
        }
    }
    if let Some(start) = open {
        conflicts.push((
            start,
            format!("unresolved merge conflict at line {start}: a `<<<<<<<` line with no `>>>>>>>`"),
        ));
    }
    conflicts
}

/// After an error that stopped the whole file, each top-level item (`- ` at the start of a
/// line) on its own, so that every question's mistake is found in one run. None when the file
/// does not split into several items, or when an item refers to another's anchor, which a
/// piece on its own cannot resolve: the whole file's one error stands.
fn parse_each_item(file: &Arc<PathBuf>, text: &str) -> Option<Parsed> {
    let mut starts: Vec<usize> = text.match_indices("\n- ").map(|(at, _)| at + 1).collect();
    let first = if text.starts_with("- ") { 0 } else { *starts.first()? };
    if !text[..first].lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        return None;
    }
    starts.retain(|&at| at > first);
    starts.insert(0, first);
    if starts.len() < 2 {
        return None;
    }
    starts.push(text.len());
    let mut whole = Parsed::default();
    for piece in starts.windows(2) {
        let lines_before = text[..piece[0]].bytes().filter(|&b| b == b'\n').count() as u64;
        let parsed = parse_chunk(file, &text[piece[0]..piece[1]], lines_before);
        if parsed.diagnostics.iter().any(|d| d.message.contains("alias") || d.message.contains("anchor")) {
            return None;
        }
        whole.questions.extend(parsed.questions);
        whole.diagnostics.extend(parsed.diagnostics);
        whole.ids.extend(parsed.ids);
    }
    Some(whole)
}

/// Files at least this large are parsed on every core, split between top-level items.
const PARALLEL_BYTES: usize = 4 << 20;

/// Splits a large file at lines starting with `- ` (top-level list items) and parses the
/// parts at once. Anything unusual (an error, anchors shared across parts, a split that
/// was not between items) returns None, and the caller parses the whole file instead, so
/// the result and every message are the same as a single parse.
fn parse_in_parallel(file: &Arc<PathBuf>, text: &str) -> Option<Parsed> {
    let parts = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(8);
    let cuts = split_points(text, parts);
    if cuts.len() < 2 {
        return None;
    }
    let results: Vec<Option<(Parsed, usize)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = cuts
            .windows(2)
            .map(|w| {
                let (start, end) = (w[0], w[1]);
                let lines_before = text[..start].bytes().filter(|&b| b == b'\n').count() as u64;
                // Builder, not scope.spawn: a thread the system refuses is a fallback, not a panic.
                std::thread::Builder::new().spawn_scoped(scope, move || {
                    let chunk = &text[start..end];
                    let items = chunk.lines().filter(|l| l.starts_with("- ")).count();
                    let parsed = parse_chunk(file, chunk, lines_before);
                    (!parsed.has_errors() && parsed.questions.len() == items).then_some((parsed, items))
                })
            })
            .collect();
        workers.into_iter().map(|w| w.ok().and_then(|w| w.join().ok().flatten())).collect()
    });
    let mut whole = Parsed::default();
    for result in results {
        let (parsed, _) = result?;
        whole.questions.extend(parsed.questions);
        whole.diagnostics.extend(parsed.diagnostics);
        whole.ids.extend(parsed.ids);
    }
    Some(whole)
}

/// Byte offsets that cut `text` into about `parts` pieces, each cut at the start of a line
/// beginning with `- `; the first is 0 and the last is `text.len()`.
fn split_points(text: &str, parts: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    for i in 1..parts {
        let target = text.len() * i / parts;
        let Some(found) = text[target..].find("\n- ") else { break };
        let cut = target + found + 1;
        if cut > *cuts.last().unwrap_or(&0) {
            cuts.push(cut);
        }
    }
    cuts.push(text.len());
    cuts
}

/// Parses one piece of a file whose first line is line `lines_before + 1` of the file.
fn parse_chunk(file: &Arc<PathBuf>, text: &str, lines_before: u64) -> Parsed {
    let at = |line: u64, column| Origin { file: file.clone(), line: line + lines_before, column };
    if let Some((line, column)) = alias_budget_exceeded(text) {
        return Parsed::failed(Diagnostic::error(at(line, column), too_much_alias_text()));
    }
    let raw: RawFile = match serde_saphyr::from_str_with_options(text, options()) {
        Ok(raw) => raw,
        Err(e) => return Parsed::failed(read_error(&at, text, &e)),
    };
    let items = match raw {
        RawFile(Some(items)) if !items.is_empty() => items,
        _ => return Parsed::failed(Diagnostic::error(at(1, 1), EMPTY_FILE)),
    };
    let mut parsed = Parsed::default();
    for item in items {
        let origin = at(item.referenced.line(), item.referenced.column());
        if let Some(id) = &item.value.id {
            parsed.ids.push((id.value.0, origin.clone()));
        }
        if let Some(question) = convert(item.value, origin, lines_before, &mut parsed.diagnostics) {
            parsed.questions.push(question);
        }
    }
    parsed
}

impl Parsed {
    fn failed(diagnostic: Diagnostic) -> Parsed {
        Parsed { questions: Vec::new(), diagnostics: vec![diagnostic], ids: Vec::new() }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

const EMPTY_FILE: &str =
    "file has no questions; a corpus file is a YAML list of questions, each starting with `- id:`";

/// The parser's limits for corpus files, and for YAML files imported as one.
pub fn options() -> serde_saphyr::Options {
    // Team corpora reach 100k questions (~100 MB) in one file; the defaults stop at 1M
    // events. Aliases get lower limits than the defaults: they are how YAML bombs multiply.
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_events: 200_000_000,
            max_nodes: 100_000_000,
            max_total_scalar_bytes: MAX_FILE_BYTES,
            max_documents: 1,
            max_depth: MAX_DEPTH,
            max_recorded_anchor_events: MAX_ALIAS_VALUES,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_ALIAS_VALUES,
        },
    }
}

/// Why serde could not read a file. Serde stops at the first value that does not fit a
/// corpus, which may come before a syntax error further down: a file that is not valid YAML
/// is reported as such, at its first syntax error.
fn read_error(at: &dyn Fn(u64, u64) -> Origin, text: &str, error: &serde_saphyr::Error) -> Diagnostic {
    if let Some(syntax) = syntax_error(text) {
        let mark = syntax.marker();
        return Diagnostic::error(
            at((mark.line() as u64).max(1), mark.col() as u64 + 1),
            format!("{INVALID_YAML}: {}", syntax.info().replace('\n', "; ")),
        );
    }
    let (line, column) = error.location().map_or((1, 1), |l| (l.line().max(1), l.column().max(1)));
    Diagnostic::error(at(line, column), describe(error))
}

/// The first syntax error in `text`, from the parser's events alone: no values are built and
/// no aliases expanded, so this is one quick pass whatever the file holds. Hitting a resource
/// limit (nesting depth) is not a syntax error: that is left to the deserializer to report.
fn syntax_error(text: &str) -> Option<ScanError> {
    Parser::new_from_str(text).find_map(Result::err).filter(|e| is_syntax(e.kind()))
}

fn is_syntax(kind: &ErrorKind) -> bool {
    !matches!(
        kind,
        ErrorKind::RecursionLimitExceeded
            | ErrorKind::AnchorCountOverflow
            | ErrorKind::TooManyComments
            | ErrorKind::InputIo { .. }
            | ErrorKind::InputDecoding { .. }
            | ErrorKind::InputByteLimitExceeded { .. }
            | ErrorKind::DirectiveByteLimitExceeded { .. }
            | ErrorKind::TooManyReservedDirectiveParams { .. }
            | ErrorKind::MultipleDocumentsUnsupported
            | ErrorKind::MissingIncludeResolver
            | ErrorKind::InputOffsetsWithoutSlice
            | ErrorKind::InputSlicingUnavailable
            | ErrorKind::Custom(_)
    )
}

/// serde-saphyr's message without its " at line L, column C" suffix, in our words where
/// its wording would puzzle someone who writes questions rather than Rust.
fn describe(error: &serde_saphyr::Error) -> String {
    if let Some(limit) = limit_message(error.without_snippet()) {
        return limit;
    }
    let text = error.without_snippet().to_string();
    let text = match text.rfind(" at line ") {
        Some(at) => &text[..at],
        None => text.as_str(),
    };
    if let Some(rest) = text.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default();
        let expected = expected_fields(rest);
        let (what, names) = if expected.contains(&"mid") {
            ("`levels` has", expected)
        } else {
            ("a question has", FIELDS.to_vec())
        };
        let hint = match suggest::closest(field, names.iter().copied()) {
            Some(near) => format!(" (did you mean `{near}`?)"),
            None => format!("; {what}: {}", names.join(", ")),
        };
        return format!("unknown field `{}`{hint}", excerpt(field));
    }
    if let Some(rest) = text.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or_default().trim();
        return format!("`{}` appears twice in this question: keep one", excerpt(key));
    }
    if text.starts_with("cannot deserialize null into string") {
        return "expected text here, found nothing".to_string();
    }
    if text == "expected sequence start" {
        return "expected a list here (`- item` lines, or `[a, b]`)".to_string();
    }
    if text.starts_with("expected string scalar") {
        return "expected text here, found a list or mapping".to_string();
    }
    if text == "expected mapping start" {
        return "expected a question here: `field: value` lines (a YAML mapping)".to_string();
    }
    if text == "recursion limit exceeded" {
        return nested_too_deeply();
    }
    text.to_string()
}

/// The names serde lists after "expected one of" in an unknown-field message.
fn expected_fields(message: &str) -> Vec<&str> {
    let Some((_, list)) = message.split_once("expected ") else { return Vec::new() };
    let list = list.strip_prefix("one of ").unwrap_or(list);
    list.split(", ").map(|name| name.trim().trim_matches('`')).filter(|name| !name.is_empty()).collect()
}

/// A limit that guards against hostile files, in words that say which and what to do.
fn limit_message(error: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::Error;
    let breach = match error {
        #[allow(deprecated)] // `msg` is deprecated; the wrapped error is what we read.
        Error::AliasError { error, .. } => return limit_message(error),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => return Some(too_many_aliases()),
        Error::Budget { breach, .. } => breach,
        _ => return None,
    };
    Some(match breach {
        BudgetBreach::Documents { .. } => "a corpus file is one YAML document, and a second one \
            starts here (remove this `---` line, or move what follows to another file)"
            .to_string(),
        BudgetBreach::Depth { .. } => nested_too_deeply(),
        BudgetBreach::Aliases { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. } => too_many_aliases(),
        BudgetBreach::AliasAnchorRatio { aliases, anchors } => format!(
            "{aliases} aliases (`*name`) for {anchors} anchors (`&name`) is more than 10 per anchor, \
             a pattern used by YAML alias bombs: write the values out instead"
        ),
        BudgetBreach::Events { .. }
        | BudgetBreach::Nodes { .. }
        | BudgetBreach::ScalarBytes { .. }
        | BudgetBreach::InputBytes { .. } => {
            "file holds too many values to load; split it into several files".to_string()
        }
        _ => return None,
    })
}

/// How much text aliases may repeat in one file, in all. Shared tag lists need a few hundred
/// bytes; a few thousand aliases of one long answer would need a gigabyte of memory.
pub const MAX_ALIAS_BYTES: usize = 1 << 20;

/// Where the aliases of `text` first repeat more than [`MAX_ALIAS_BYTES`] of text, found in one
/// pass over the parser's events, before any value is built, so a file built to multiply
/// itself is refused at the alias that crosses the line, at the cost of reading it once.
pub fn alias_budget_exceeded(text: &str) -> Option<(u64, u64)> {
    if !text.contains('&') {
        return None;
    }
    use serde_saphyr::granit_parser::Event;
    // What an anchor's node costs to repeat: its scalars' bytes plus one per node.
    let mut cost: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    // The collections being read, innermost last: (anchor id or 0, bytes so far).
    let mut open: Vec<(usize, usize)> = vec![(0, 0)];
    let mut repeated = 0usize;
    let mut top_level_seen = false;
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else { return None };
        // A file that is not a list is refused at its first line, before any alias is read.
        if !top_level_seen && matches!(event, Event::Scalar(..) | Event::MappingStart(..) | Event::Alias(_)) {
            return None;
        }
        top_level_seen |= matches!(event, Event::SequenceStart(..));
        let added = match event {
            Event::Scalar(value, _, anchor, _) => {
                let size = value.len() + 1;
                if anchor != 0 {
                    cost.insert(anchor, size);
                }
                size
            }
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                open.push((anchor, 1));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (anchor, size) = open.pop().unwrap_or((0, 0));
                if anchor != 0 {
                    cost.insert(anchor, size);
                }
                size
            }
            Event::Alias(anchor) => {
                let size = cost.get(&anchor).copied().unwrap_or(1);
                repeated = repeated.saturating_add(size);
                if repeated > MAX_ALIAS_BYTES {
                    return Some((span.start.line() as u64, span.start.col() as u64 + 1));
                }
                size
            }
            _ => continue,
        };
        if let Some(top) = open.last_mut() {
            top.1 = top.1.saturating_add(added);
        }
    }
    None
}

fn too_much_alias_text() -> String {
    format!(
        "aliases (`*name`) repeat more than {} MiB of text in all by here (a guard against YAML \
         alias bombs): write the values out, or use fewer aliases",
        MAX_ALIAS_BYTES >> 20
    )
}

fn nested_too_deeply() -> String {
    "nested too deeply for a question corpus, which needs 3 levels (the limit guards against \
     files built to exhaust the parser)"
        .to_string()
}

fn too_many_aliases() -> String {
    format!(
        "aliases (`*name`) here repeat more than {MAX_ALIAS_VALUES} values in all (a guard \
         against YAML alias bombs): write the values out, or use fewer aliases"
    )
}

/// The line and column (in characters) just after `before`. As in YAML, a line ends at
/// `\n`, `\r\n` or a lone `\r`.
fn line_column(before: &[u8]) -> (u64, u64) {
    let ends_line = |i: usize, b: u8| b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n'));
    let line = before.iter().enumerate().filter(|&(i, &b)| ends_line(i, b)).count() as u64 + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n' || b == b'\r').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() as u64 + 1;
    (line, column)
}

/// The whole file: a list of questions, or nothing at all (an empty document).
struct RawFile(Option<Vec<Spanned<RawQuestion>>>);

impl<'de> Deserialize<'de> for RawFile {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FileVisitor;
        impl<'de> Visitor<'de> for FileVisitor {
            type Value = RawFile;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of questions")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawFile, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(RawFile(Some(items)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawFile, E> {
                Ok(RawFile(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<RawFile, E> {
                Ok(RawFile(None))
            }
            // Not read any further: its values could be an alias bomb.
            fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<RawFile, A::Error> {
                Err(de::Error::custom(NOT_A_LIST))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<RawFile, E> {
                Err(E::custom(NOT_A_LIST))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<RawFile, E> {
                Err(E::custom(NOT_A_LIST))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<RawFile, E> {
                Err(E::custom(NOT_A_LIST))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<RawFile, E> {
                Err(E::custom(NOT_A_LIST))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<RawFile, E> {
                Err(E::custom(NOT_A_LIST))
            }
        }
        deserializer.deserialize_any(FileVisitor)
    }
}

const NOT_A_LIST: &str = "a corpus file must be a YAML list of questions (each starting with `- id:`), not a mapping or a single value";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Option<Spanned<RawId>>,
    round: Option<Spanned<String>>,
    question: Option<Spanned<String>>,
    rationale: Option<Spanned<String>>,
    sample_answer: Option<Spanned<String>>,
    tags: Option<Spanned<Vec<Spanned<String>>>>,
    competency: Option<Spanned<String>>,
    roles: Option<Vec<Spanned<String>>>,
    framework: Option<Spanned<String>>,
    look_for: Option<Vec<Spanned<String>>>,
    red_flags: Option<Vec<Spanned<String>>>,
    follow_ups: Option<Vec<Spanned<String>>>,
    sample_follow_ups: Option<Vec<Spanned<String>>>,
    levels: Option<Spanned<RawLevels>>,
    synonyms: Option<Vec<Spanned<Vec<Spanned<String>>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevels {
    mid: Option<Spanned<String>>,
    senior: Option<Spanned<String>>,
    staff: Option<Spanned<String>>,
}

/// An id as written: any scalar, so a wrong one gets our message rather than "invalid u64".
struct RawId(u64);

impl<'de> Deserialize<'de> for RawId {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;
        impl<'de> Visitor<'de> for IdVisitor {
            type Value = RawId;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a positive whole number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawId, E> {
                if v == 0 {
                    return Err(E::custom("`id` must be 1 or more, found 0"));
                }
                Ok(RawId(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawId, E> {
                match u64::try_from(v) {
                    Ok(v) => self.visit_u64(v),
                    Err(_) => Err(E::custom(format!("`id` must be a positive whole number, found {v}"))),
                }
            }
            // YAML reads a whole number too large for u64 as a float: say so, rather than
            // show the float's rounding of it.
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawId, E> {
                if v.fract() == 0.0 && v >= u64::MAX as f64 {
                    return Err(E::custom(format!("`id` is too large: ids go up to {}", u64::MAX)));
                }
                Err(E::custom(format!("`id` must be a positive whole number, found {v:?}")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawId, E> {
                if v.trim().parse::<u64>().is_ok() {
                    return Err(E::custom(format!(
                        "`id` must be a number, not text: remove the quotes around `{}`",
                        v.trim()
                    )));
                }
                Err(E::custom(format!("`id` must be a positive whole number, found `{}`", excerpt(v))))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawId, E> {
                Err(E::custom(format!("`id` must be a positive whole number, found {v}")))
            }
        }
        deserializer.deserialize_any(IdVisitor)
    }
}

/// Raw -> valid question; every problem is pushed to `out` with its location.
fn convert(
    raw: RawQuestion,
    origin: Origin,
    lines_before: u64,
    out: &mut Vec<Diagnostic>,
) -> Option<Question> {
    let errors_before = out.iter().filter(|d| d.severity == Severity::Error).count();
    let file = origin.file.clone();
    let at = |span: &serde_saphyr::Location| Origin {
        file: file.clone(),
        line: span.line() + lines_before,
        column: span.column(),
    };
    let id = raw.id.as_ref().map(|id| id.value.0);
    let name = match id {
        Some(id) => format!("question {id}"),
        None => "question".to_string(),
    };
    if id.is_none() {
        out.push(Diagnostic::error(origin.clone(), format!("{name} is missing `id`")));
    }

    let mut text = |field: &str, value: Option<Spanned<String>>| -> String {
        match value {
            None => {
                out.push(Diagnostic::error(origin.clone(), format!("{name} is missing `{field}`")));
                String::new()
            }
            Some(v) if v.value.trim().is_empty() => {
                out.push(Diagnostic::error(at(&v.referenced), format!("{name} has an empty `{field}`")));
                String::new()
            }
            Some(v) if v.value.len() > MAX_TEXT_BYTES => {
                let what = format!("{name} has a `{field}` of");
                out.push(Diagnostic::error(at(&v.referenced), too_long(&what, &v.value)));
                String::new()
            }
            Some(v) => trimmed(v.value),
        }
    };
    let question = text("question", raw.question);
    let rationale = text("rationale", raw.rationale);
    let sample_answer = text("sample_answer", raw.sample_answer);

    let round = match raw.round {
        None => {
            out.push(Diagnostic::error(origin.clone(), format!("{name} is missing `round`")));
            None
        }
        Some(r) => {
            let round = Round::parse(&r.value);
            if round.is_none() {
                let names = Round::names();
                let rest = suggest::did_you_mean_or_list(&r.value, Round::spellings(), &names, "rounds");
                out.push(Diagnostic::error(
                    at(&r.referenced),
                    format!("unknown round '{}'{rest}", excerpt(&r.value)),
                ));
            }
            round
        }
    };

    let tags = match raw.tags {
        None => {
            out.push(Diagnostic::error(origin.clone(), format!("{name} is missing `tags`")));
            Vec::new()
        }
        Some(list) if list.value.is_empty() => {
            out.push(Diagnostic::error(
                at(&list.referenced),
                format!("{name} has no `tags`; give it at least one"),
            ));
            Vec::new()
        }
        Some(list) => kebab_list("tag", list.value, &at, out),
    };
    let roles = kebab_list("role", raw.roles.unwrap_or_default(), &at, out);

    let competency = raw.competency.and_then(|c| {
        let parsed = Competency::parse(&c.value);
        if parsed.is_none() {
            let names = Competency::names();
            let rest = suggest::did_you_mean_or_list(&c.value, names.iter().copied(), &names, "competencies");
            out.push(Diagnostic::error(
                at(&c.referenced),
                format!("unknown competency '{}'{rest}", excerpt(&c.value)),
            ));
        }
        parsed
    });
    let framework = raw.framework.and_then(|f| {
        let parsed = Framework::parse(&f.value);
        if parsed.is_none() {
            let names = Framework::ALL.map(Framework::name);
            let rest = suggest::did_you_mean_or_list(&f.value, names, &names, "frameworks");
            out.push(Diagnostic::error(
                at(&f.referenced),
                format!("unknown framework '{}'{rest}", excerpt(&f.value)),
            ));
        }
        parsed
    });

    let mut lines = |field: &str, list: Option<Vec<Spanned<String>>>| -> Vec<String> {
        let mut kept = Vec::new();
        for item in list.unwrap_or_default() {
            if item.value.trim().is_empty() {
                out.push(Diagnostic::error(
                    at(&item.referenced),
                    format!("{name} has an empty item in `{field}`"),
                ));
            } else if item.value.len() > MAX_TEXT_BYTES {
                let what = format!("{name} has an item in `{field}` of");
                out.push(Diagnostic::error(at(&item.referenced), too_long(&what, &item.value)));
            } else {
                kept.push(trimmed(item.value));
            }
        }
        kept
    };
    let look_for = lines("look_for", raw.look_for);
    let red_flags = lines("red_flags", raw.red_flags);
    let follow_ups = lines("follow_ups", raw.follow_ups);
    let sample_follow_ups = lines("sample_follow_ups", raw.sample_follow_ups);
    let levels = raw.levels.map(|raw| levels(&name, raw, &at, out)).unwrap_or_default();
    let synonyms = raw
        .synonyms
        .unwrap_or_default()
        .into_iter()
        .filter_map(|g| synonym_group(&name, g, &at, out))
        .collect();

    let errors_after = out.iter().filter(|d| d.severity == Severity::Error).count();
    if errors_after > errors_before {
        return None;
    }
    Some(Question {
        id: id?,
        round: round?,
        question,
        rationale,
        sample_answer,
        tags,
        competency,
        roles,
        framework,
        look_for,
        red_flags,
        follow_ups,
        sample_follow_ups,
        levels,
        synonyms,
        origin,
    })
}

/// A word or phrase in a question's `synonyms` may span at most this many words, as the
/// shared lexicon's do: the answer analyser looks this far ahead for a phrase.
pub const MAX_SYNONYM_WORDS: usize = 6;

/// One group of `synonyms`: at least one word or phrase, none empty, none longer than
/// [`MAX_SYNONYM_WORDS`].
fn synonym_group(
    name: &str,
    group: Spanned<Vec<Spanned<String>>>,
    at: &dyn Fn(&serde_saphyr::Location) -> Origin,
    out: &mut Vec<Diagnostic>,
) -> Option<Vec<String>> {
    if group.value.is_empty() {
        out.push(Diagnostic::error(
            at(&group.referenced),
            format!("{name} has an empty group in `synonyms`"),
        ));
        return None;
    }
    let mut members = Vec::with_capacity(group.value.len());
    for member in group.value {
        let words = member.value.split_whitespace().count();
        if words == 0 {
            out.push(Diagnostic::error(
                at(&member.referenced),
                format!("{name} has an empty item in `synonyms`"),
            ));
        } else if member.value.len() > MAX_TEXT_BYTES {
            let what = format!("{name} has an item in `synonyms` of");
            out.push(Diagnostic::error(at(&member.referenced), too_long(&what, &member.value)));
        } else if words > MAX_SYNONYM_WORDS {
            out.push(Diagnostic::error(
                at(&member.referenced),
                format!(
                    "{name} has a synonym of {words} words, `{}`; a word or phrase has at most {MAX_SYNONYM_WORDS}",
                    excerpt(&member.value)
                ),
            ));
        } else {
            members.push(trimmed(member.value));
        }
    }
    Some(members)
}

/// `levels:` with at least one of mid, senior and staff, each a non-empty text.
fn levels(
    name: &str,
    raw: Spanned<RawLevels>,
    at: &dyn Fn(&serde_saphyr::Location) -> Origin,
    out: &mut Vec<Diagnostic>,
) -> Levels {
    let RawLevels { mid, senior, staff } = raw.value;
    if mid.is_none() && senior.is_none() && staff.is_none() {
        out.push(Diagnostic::error(
            at(&raw.referenced),
            format!("{name} has an empty `levels`; give mid, senior and staff (or leave `levels` out)"),
        ));
    }
    let mut levels = Levels::default();
    for (level, text) in [(Level::Mid, mid), (Level::Senior, senior), (Level::Staff, staff)] {
        let Some(text) = text else { continue };
        if text.value.trim().is_empty() {
            out.push(Diagnostic::error(
                at(&text.referenced),
                format!("{name} has an empty `levels.{level}`"),
            ));
        } else if text.value.len() > MAX_TEXT_BYTES {
            let what = format!("{name} has a `levels.{level}` of");
            out.push(Diagnostic::error(at(&text.referenced), too_long(&what, &text.value)));
        } else {
            levels.set(level, Some(trimmed(text.value)));
        }
    }
    levels
}

fn kebab_list(
    kind: &str,
    items: Vec<Spanned<String>>,
    at: &dyn Fn(&serde_saphyr::Location) -> Origin,
    out: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut kept = Vec::with_capacity(items.len());
    let mut seen = HashSet::with_capacity(items.len());
    for item in items {
        if item.value.len() > MAX_TEXT_BYTES {
            out.push(Diagnostic::error(at(&item.referenced), too_long(&format!("a {kind} of"), &item.value)));
        } else if is_kebab_case(&item.value) {
            if seen.insert(item.value.clone()) {
                kept.push(item.value);
            }
        } else {
            out.push(Diagnostic::error(
                at(&item.referenced),
                format!(
                    "{kind} '{}' is not kebab-case (try '{}')",
                    excerpt(&item.value),
                    excerpt(&to_kebab_case(&item.value))
                ),
            ));
        }
    }
    kept
}

fn too_long(what: &str, text: &str) -> String {
    format!(
        "{what} {} KiB; text is limited to {} KiB per field or item",
        text.len().div_ceil(1024),
        MAX_TEXT_BYTES / 1024
    )
}

/// `text` without trailing white space, reusing its allocation.
fn trimmed(mut text: String) -> String {
    text.truncate(text.trim_end().len());
    text
}

/// Lowercase ASCII words of letters and digits joined by single hyphens: `system-design`.
pub fn is_kebab_case(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|word| {
            !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// `System Design` -> `system-design`: the suggestion for a tag or role that is not kebab-case.
pub fn to_kebab_case(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(count: u64) -> String {
        let mut text = String::from("# header comment\n");
        for id in 1..=count {
            text += &format!(
                "- id: {id}\n  round: leadership\n  question: |-\n    Question {id}\n    - not an item\n  rationale: r{id}\n  sample_answer: a\n  tags: [t]\n"
            );
        }
        text
    }

    fn name() -> Arc<PathBuf> {
        Arc::new(PathBuf::from("c.yaml"))
    }

    #[test]
    fn parallel_parse_matches_a_whole_parse_with_locations() {
        let text = corpus(500);
        let whole = parse_chunk(&name(), &text, 0);
        let parallel = parse_in_parallel(&name(), &text).expect("a clean file splits");
        assert!(whole.diagnostics.is_empty());
        assert_eq!(parallel.questions, whole.questions);
        assert_eq!(parallel.questions[499].origin.line, whole.questions[499].origin.line);
    }

    #[test]
    fn parallel_parse_gives_up_on_errors_and_shared_anchors() {
        let mut broken = corpus(200);
        broken += "- id: 999\n  round: nope\n";
        assert!(parse_in_parallel(&name(), &broken).is_none());

        let anchored = format!(
            "- &first\n  id: 1\n  round: leadership\n  question: q\n  rationale: r\n  sample_answer: a\n  tags: [t]\n{}- *first\n",
            corpus(200).replace("# header comment\n", "").replace("id: 1\n", "id: 1000\n")
        );
        assert!(parse_in_parallel(&name(), &anchored).is_none());
    }

    #[test]
    fn split_points_fall_on_item_starts() {
        let text = corpus(50);
        for cut in split_points(&text, 4) {
            assert!(cut == 0 || cut == text.len() || text[cut..].starts_with("- "));
        }
    }

    #[test]
    fn errors_in_a_piece_of_a_file_are_placed_in_the_file() {
        let piece = "- id: 5\n  tags: [a, b\n";
        let syntax = parse_chunk(&name(), piece, 10);
        assert_eq!((syntax.diagnostics[0].origin.line, syntax.diagnostics[0].origin.column), (12, 9));
        assert!(syntax.diagnostics[0].message.starts_with(INVALID_YAML), "{:?}", syntax.diagnostics);
        let schema = parse_chunk(&name(), "- id: five\n", 10);
        assert_eq!(schema.diagnostics[0].origin.line, 11, "{:?}", schema.diagnostics);
    }

    #[test]
    fn lines_end_at_lf_crlf_or_a_lone_cr() {
        assert_eq!(line_column(b""), (1, 1));
        assert_eq!(line_column("a\nb\r\ncé\rd".as_bytes()), (4, 2));
        let nul = parse_str(&name(), "- id: 1\r  round: \0");
        assert_eq!((nul.diagnostics[0].origin.line, nul.diagnostics[0].origin.column), (2, 10));
    }

    #[test]
    fn long_quotes_are_cut_on_a_character_boundary() {
        let long = "é".repeat(1000);
        assert_eq!(excerpt(&long), format!("{}... (2000 bytes in all)", "é".repeat(EXCERPT_CHARS)));
        assert_eq!(excerpt(&long[..2 * EXCERPT_CHARS]), long[..2 * EXCERPT_CHARS]);
    }
}
