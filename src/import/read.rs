//! Reading CSV, JSON and Anki files into rows of field values, each with its place.

use std::fmt;

use super::fields::{ColumnMap, Pairs, map_columns, unmapped};
use crate::codec::anki::{self, MetaTag};
use crate::codec::cells::groups_cell;
use crate::codec::field::Field;
use crate::loader::parse;

/// Where a row came from, in the words a person finds it by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A spreadsheet row (the header is row 1) and the line it starts on.
    Row { row: u64, line: u64 },
    /// A line of an Anki file.
    Line(u64),
    /// An element of a JSON array, from 1.
    Item(usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Place::Row { row, line } if row == line => write!(f, "row {row}"),
            Place::Row { row, line } => write!(f, "row {row} (line {line})"),
            Place::Line(line) => write!(f, "line {line}"),
            Place::Item(item) => write!(f, "item {item}"),
        }
    }
}

/// A cell: text as typed, or a list already split (JSON arrays, Anki sections).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    List(Vec<String>),
}

/// One row's values by field.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub place: Place,
    pub values: Vec<(Field, Value)>,
}

impl Record {
    pub fn get(&self, field: Field) -> Option<&Value> {
        self.values.iter().find(|(f, _)| *f == field).map(|(_, v)| v)
    }
}

/// A row that could not be read, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub place: Place,
    pub reason: String,
}

pub type Row = Result<Record, Rejected>;

/// Everything read from one file.
#[derive(Debug, Default)]
pub struct Source {
    pub rows: Vec<Row>,
    /// Columns or keys that no field takes.
    pub unmapped: Vec<String>,
    /// Rows with every cell blank: nothing to import, nothing lost.
    pub blank_rows: usize,
}

/// A CSV file with a header row. Rows are checked one by one: a row with the wrong number
/// of cells or bytes that are not UTF-8 is rejected, and the rest still read.
pub fn csv(bytes: &[u8], explicit: &Pairs, delimiter: Option<u8>) -> Result<Source, String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(bytes));
    let mut reader = csv::ReaderBuilder::new().flexible(true).delimiter(delimiter).from_reader(bytes);
    let headers: Vec<String> = reader
        .byte_headers()
        .map_err(|e| format!("cannot read the header row: {e}"))?
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_string())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err("the file is empty: a CSV import needs a header row naming the columns".into());
    }
    let map = map_columns(&headers, explicit)?;
    let mut source = Source { unmapped: owned(unmapped(&headers, &map)), ..Source::default() };
    let mut record = csv::ByteRecord::new();
    let mut rows = Rows::new(bytes);
    loop {
        let place = rows.place(reader.position());
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                source.rows.push(Err(Rejected { place, reason: format!("cannot be read: {e}") }));
                continue;
            }
        }
        let place = record.position().map_or(place, |p| rows.place(p));
        if record.iter().all(|cell| cell.iter().all(u8::is_ascii_whitespace)) {
            source.blank_rows += 1;
            continue;
        }
        source.rows.push(csv_row(&record, &map, headers.len(), place));
    }
    Ok(source)
}

/// Spreadsheet rows (the header is row 1) and the lines they start on. The csv crate
/// counts a CRLF's line late, so lines are counted here from byte offsets, moving forward
/// only, so numbering every row costs one pass over the file.
struct Rows<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> Rows<'a> {
    fn new(bytes: &'a [u8]) -> Rows<'a> {
        Rows { bytes, at: 0, line: 1 }
    }

    fn place(&mut self, position: &csv::Position) -> Place {
        let mut start = usize::try_from(position.byte()).unwrap_or(usize::MAX).min(self.bytes.len());
        while matches!(self.bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start > self.at {
            self.line += self.bytes[self.at..start].iter().filter(|&&b| b == b'\n').count() as u64;
            self.at = start;
        }
        Place::Row { row: position.record() + 1, line: self.line }
    }
}

/// The separator a spreadsheet used, from its header row: the most frequent of comma,
/// semicolon (Excel where the decimal mark is a comma) and tab (Google Sheets' TSV), outside
/// quotes; a comma when none appears.
fn detect_delimiter(bytes: &[u8]) -> u8 {
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let mut quoted = false;
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    for &byte in header {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(count) = counts.iter_mut().find(|(c, _)| *c == byte) {
            count.1 += 1;
        }
    }
    counts.iter().max_by_key(|(c, n)| (*n, *c == b',')).filter(|(_, n)| *n > 0).map_or(b',', |(c, _)| *c)
}

/// The error values spreadsheets write into a cell whose formula failed; a cell that starts
/// with `=` becomes one when a spreadsheet opens the CSV.
const SPREADSHEET_ERRORS: [&str; 10] =
    ["#NAME?", "#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#ERROR!"];

fn spreadsheet_error(cell: &str) -> bool {
    let cell = cell.trim();
    SPREADSHEET_ERRORS.contains(&cell)
        || cell
            .strip_prefix("Err:")
            .is_some_and(|code| code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()))
}

fn csv_row(record: &csv::ByteRecord, map: &ColumnMap, width: usize, place: Place) -> Row {
    if record.len() != width {
        return Err(Rejected {
            place,
            reason: format!(
                "has {} cells but the header has {width} (a stray separator, or a quote left open?)",
                record.len()
            ),
        });
    }
    let mut values = Vec::new();
    for (cell, field) in record.iter().zip(map) {
        let Some(field) = field else { continue };
        let text = std::str::from_utf8(cell).map_err(|_| Rejected {
            place,
            reason: format!("the `{field}` cell is not UTF-8 text (save the file as UTF-8 CSV)"),
        })?;
        if spreadsheet_error(text) {
            return Err(Rejected {
                place,
                reason: format!(
                    "the `{field}` cell holds the spreadsheet error `{}`: the spreadsheet read a cell starting \
                     with `=` as a formula; fix the cell (start it with a space or a quote) and save again",
                    text.trim()
                ),
            });
        }
        values.push((*field, Value::Text(text.replace("\r\n", "\n"))));
    }
    Ok(Record { place, values })
}

/// A JSON array of objects, as `qbank export --format json` writes.
pub fn json(bytes: &[u8], explicit: &Pairs) -> Result<Source, String> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("not valid JSON: {e}"))?;
    objects(value, explicit, "a JSON import is an array of question objects, `[{\"question\": ...}, ...]`")
}

/// A YAML list of question mappings: another team's corpus, renumbered on the way in.
pub fn yaml(bytes: &[u8], explicit: &Pairs) -> Result<Source, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the file is not UTF-8 text".to_string())?;
    if let Some((line, column)) = parse::alias_budget_exceeded(text) {
        return Err(format!(
            "line {line} column {column}: aliases (`*name`) repeat more than {} MiB of text by here \
             (a guard against YAML alias bombs)",
            parse::MAX_ALIAS_BYTES >> 20
        ));
    }
    let value: serde_json::Value = serde_saphyr::from_str_with_options(text, parse::options())
        .map_err(|e| format!("not valid YAML: {}", e.without_snippet()))?;
    objects(value, explicit, "a YAML import is a list of questions, each starting with `- question:`")
}

/// The rows of an array of objects, keys mapped like column headers.
fn objects(value: serde_json::Value, explicit: &Pairs, shape: &str) -> Result<Source, String> {
    let serde_json::Value::Array(mut items) = value else {
        return Err(shape.to_string());
    };
    for item in &mut items {
        flatten_levels(item);
    }
    let mut headers: Vec<String> = Vec::new();
    for object in items.iter().filter_map(|item| item.as_object()) {
        for key in object.keys() {
            if !headers.contains(key) {
                headers.push(key.clone());
            }
        }
    }
    if items.is_empty() {
        return Ok(Source::default());
    }
    let map = map_columns(&headers, explicit)?;
    let mut source = Source { unmapped: owned(unmapped(&headers, &map)), ..Source::default() };
    for (i, item) in items.iter().enumerate() {
        source.rows.push(json_row(item, &headers, &map, Place::Item(i + 1)));
    }
    Ok(source)
}

/// `levels: {mid: ..., senior: ...}` as the `levels.mid`, `levels.senior` ... keys a
/// spreadsheet has, so both shapes map to the same fields.
fn flatten_levels(item: &mut serde_json::Value) {
    let Some(object) = item.as_object_mut() else { return };
    let Some(serde_json::Value::Object(levels)) = object.get("levels").cloned() else { return };
    object.remove("levels");
    for (level, text) in levels {
        object.insert(format!("levels.{level}"), text);
    }
}

fn json_row(item: &serde_json::Value, headers: &[String], map: &ColumnMap, place: Place) -> Row {
    use serde_json::Value as J;
    let reject = |reason: String| Rejected { place, reason };
    let object = item.as_object().ok_or_else(|| reject("is not an object with question fields".into()))?;
    let mut values = Vec::new();
    for (key, value) in object {
        let Some(Some(field)) = headers.iter().position(|h| h == key).map(|at| map[at]) else { continue };
        let value = match value {
            J::Null => continue,
            J::String(text) => Value::Text(text.clone()),
            J::Number(n) => Value::Text(n.to_string()),
            // Synonym groups: a list of lists, as a spreadsheet cell holds them.
            J::Array(list) if list.iter().any(J::is_array) => Value::Text(groups_cell(
                &list
                    .iter()
                    .map(|group| {
                        group
                            .as_array()
                            .and_then(|g| g.iter().map(|v| v.as_str().map(String::from)).collect())
                    })
                    .collect::<Option<Vec<Vec<String>>>>()
                    .ok_or_else(|| reject(format!("`{key}` must be a list of lists of text")))?,
            )),
            J::Array(list) => Value::List(
                list.iter()
                    .map(|v| v.as_str().map(String::from))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| reject(format!("`{key}` must be a list of text")))?,
            ),
            J::Bool(_) | J::Object(_) => {
                return Err(reject(format!("`{key}` must be text or a list of text")));
            }
        };
        values.push((field, value));
    }
    Ok(Record { place, values })
}

/// An Anki notes file: `#key:value` header lines, then one note per line. The first two
/// note columns are the front and the back; the back's sections and the `round::` style
/// tags written by `qbank export --format anki` fill the other fields.
pub fn anki(bytes: &[u8], explicit: &Pairs) -> Result<Source, String> {
    if !explicit.0.is_empty() {
        return Err("--map applies to csv and json; an Anki file's columns are front, back and tags".into());
    }
    let text = std::str::from_utf8(bytes).map_err(|_| "the file is not UTF-8 text".to_string())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut header = AnkiHeader::default();
    let mut header_lines = 0;
    for line in text.lines() {
        let Some(rest) = line.strip_prefix('#') else { break };
        header.read(rest)?;
        header_lines += 1;
    }
    let body: String = text.lines().skip(header_lines).collect::<Vec<_>>().join("\n");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(header.separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut source = Source::default();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line() + header_lines as u64;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                source
                    .rows
                    .push(Err(Rejected { place: Place::Line(line), reason: format!("cannot be read: {e}") }));
                continue;
            }
        }
        let line = record.position().map_or(line, |p| p.line() + header_lines as u64);
        if record.iter().all(|cell| cell.trim().is_empty()) {
            source.blank_rows += 1;
            continue;
        }
        source.rows.push(Ok(anki_row(&record, &header, Place::Line(line))));
    }
    Ok(source)
}

/// What Anki's header lines say about the columns.
struct AnkiHeader {
    separator: u8,
    html: bool,
    /// Columns (from 1) that are not note fields: tags, guid, notetype, deck.
    tags: Option<usize>,
    /// The GUID column: `qbank-N` there names question N, for `import --update`.
    guid: Option<usize>,
    other: Vec<usize>,
    /// `#tags:` applies to every note.
    shared_tags: Vec<String>,
}

impl Default for AnkiHeader {
    fn default() -> Self {
        AnkiHeader {
            separator: b'\t',
            html: false,
            tags: None,
            guid: None,
            other: Vec::new(),
            shared_tags: Vec::new(),
        }
    }
}

impl AnkiHeader {
    fn read(&mut self, line: &str) -> Result<(), String> {
        let Some((key, value)) = line.split_once(':') else { return Ok(()) };
        let value = value.trim();
        let column =
            || value.parse::<usize>().map_err(|_| format!("`#{key}:{value}`: expected a column number"));
        match key.trim().to_ascii_lowercase().as_str() {
            "separator" => {
                self.separator = match value.to_ascii_lowercase().as_str() {
                    "tab" => b'\t',
                    "comma" => b',',
                    "semicolon" => b';',
                    "space" => b' ',
                    "pipe" => b'|',
                    "colon" => b':',
                    other if other.len() == 1 => other.as_bytes()[0],
                    _ => return Err(format!("`#separator:{value}` is not a separator qbank knows")),
                }
            }
            "html" => self.html = value.eq_ignore_ascii_case("true"),
            "tags column" => self.tags = Some(column()?),
            "guid column" => {
                let column = column()?;
                self.guid = Some(column);
                self.other.push(column);
            }
            "notetype column" | "deck column" => self.other.push(column()?),
            "tags" => self.shared_tags = value.split_whitespace().map(String::from).collect(),
            _ => {}
        }
        Ok(())
    }
}

fn anki_row(record: &csv::StringRecord, header: &AnkiHeader, place: Place) -> Record {
    let is_field = |column: usize| Some(column) != header.tags && !header.other.contains(&column);
    let fields: Vec<&str> =
        record.iter().enumerate().filter(|(i, _)| is_field(i + 1)).map(|(_, cell)| cell).collect();
    let plain = |html: &str| if header.html { anki::unescape(html) } else { html.to_string() };
    let mut values = Vec::new();
    if let Some(guid) = header.guid.and_then(|column| record.get(column.checked_sub(1)?)) {
        values.push((Field::Id, Value::Text(guid.to_string())));
    }
    if let Some(front) = fields.first() {
        values.push((Field::Question, Value::Text(plain(front))));
    }
    if let Some(back) = fields.get(1) {
        let back = if header.html {
            anki::parse_back(back)
        } else {
            anki::Back { sample_answer: Some(back.to_string()), ..Default::default() }
        };
        values.extend(back.rationale.map(|t| (Field::Rationale, Value::Text(t))));
        values.extend(back.sample_answer.map(|t| (Field::SampleAnswer, Value::Text(t))));
        values.push((Field::LookFor, Value::List(back.look_for)));
        values.push((Field::RedFlags, Value::List(back.red_flags)));
        values.push((Field::FollowUps, Value::List(back.follow_ups)));
        values.push((Field::SampleFollowUps, Value::List(back.sample_follow_ups)));
        values.push((Field::Synonyms, Value::Text(groups_cell(&back.synonyms))));
        for (level, text) in back.levels.iter() {
            values.push((Field::for_level(level), Value::Text(text.to_string())));
        }
    }
    let tag_cell = header.tags.and_then(|column| record.get(column.checked_sub(1)?));
    let mut tags = Vec::new();
    let mut roles = Vec::new();
    for tag in
        tag_cell.unwrap_or_default().split_whitespace().chain(header.shared_tags.iter().map(String::as_str))
    {
        match MetaTag::ALL.into_iter().find_map(|m| tag.strip_prefix(m.prefix()).map(|rest| (m, rest))) {
            Some((MetaTag::Round, round)) => values.push((Field::Round, Value::Text(round.to_string()))),
            Some((MetaTag::Competency, c)) => values.push((Field::Competency, Value::Text(c.to_string()))),
            Some((MetaTag::Framework, f)) => values.push((Field::Framework, Value::Text(f.to_string()))),
            Some((MetaTag::Role, role)) => roles.push(role.to_string()),
            None => tags.push(tag.to_string()),
        }
    }
    values.push((Field::Tags, Value::List(tags)));
    values.push((Field::Roles, Value::List(roles)));
    Record { place, values }
}

fn owned(names: Vec<&str>) -> Vec<String> {
    names.into_iter().map(String::from).collect()
}
