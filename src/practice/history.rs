//! The practice history: an append-only JSON Lines log in the data folder, one record a line:
//! a graded attempt, an answer saved ungraded when a session stopped (a draft), the undoing of a
//! grade, or a question suspended or brought back. Nothing is ever rewritten: an undo is a record
//! of its own.
//!
//! Appends hold an exclusive lock on a separate, permanent lock file, write one whole line
//! with O_APPEND and fsync it, so concurrent sessions interleave whole records and a crash
//! loses at most the record being written. Loading never rewrites: a damaged line is reported
//! and skipped, and a line from a newer format stops qbank before it writes anything.

use std::collections::BTreeSet;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::practice::grade::Grade;
use crate::sys::fs::{self as fsutil, ReadError};

/// The history format this qbank writes; every record carries it as `v`. Format 1 held graded
/// attempts only (no `kind`); format 2 adds `kind` and the other records. Both are read.
pub const FORMAT: u32 = 2;
/// Histories larger than this are refused rather than read into memory: about a million
/// attempts with typed answers.
pub const MAX_BYTES: u64 = 1 << 30;
/// The log, inside the data folder.
pub const FILE: &str = "history.jsonl";
/// Held while appending. Permanent: removing a lock file races with the next locker.
pub const LOCK_FILE: &str = "history.lock";

/// One line of the history. Field names are the JSON Lines field names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Record {
    /// An answer and its self-grade.
    Attempt(Attempt),
    /// An answer the session stopped before it was graded: kept, never lost.
    Draft(Draft),
    /// Takes back the grade of an earlier attempt.
    Undo(Undo),
    /// Keeps a question out of every draw.
    Suspend(Mark),
    /// Lets a suspended question be drawn again.
    Unsuspend(Mark),
}

/// A record as written: the format version first, then the record.
#[derive(Serialize)]
struct Line<'a> {
    v: u32,
    #[serde(flatten)]
    record: &'a Record,
}

/// One answered, self-graded question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// The question's id.
    pub id: u64,
    pub started_at: DateTime<Utc>,
    /// How long the answer took, in milliseconds.
    pub duration_ms: u64,
    /// The time limit in seconds; absent when the answer was untimed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit_s: Option<u32>,
    /// The time limit ended the answer.
    #[serde(default)]
    pub timed_out: bool,
    pub grade: Grade,
    /// What the candidate typed, possibly nothing (answered aloud).
    #[serde(default)]
    pub answer: String,
    pub mode: Mode,
    /// Attempts of one `practice` or `mock` run share this.
    pub session: String,
    /// The interviewer's follow-up questions and the candidate's replies, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_ups: Vec<FollowUp>,
    /// Which judge gave the verdict shown after the answer, and the verdict; absent when the
    /// answer was given aloud.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judge: Option<JudgeNote>,
}

/// A follow-up question and the reply to it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub question: String,
    #[serde(default)]
    pub answer: String,
    pub duration_ms: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit_s: Option<u32>,
    #[serde(default)]
    pub timed_out: bool,
}

/// Who judged an answer and what they said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JudgeNote {
    /// `offline analyser`, or the model and the URL it was reached at.
    pub by: String,
    /// `strong`, `borderline` or `weak`.
    pub verdict: String,
    /// Why the configured judge did not judge, when the analyser stood in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<String>,
}

/// An answer that was not graded because the session stopped first (quit, Ctrl-C, a signal).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub id: u64,
    pub started_at: DateTime<Utc>,
    pub duration_ms: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit_s: Option<u32>,
    pub answer: String,
    pub mode: Mode,
    pub session: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_ups: Vec<FollowUp>,
}

/// Takes back the grade of the attempt at question `id` that started at `started_at`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Undo {
    pub at: DateTime<Utc>,
    pub id: u64,
    pub started_at: DateTime<Utc>,
}

/// When question `id` was suspended or brought back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    pub id: u64,
    pub at: DateTime<Utc>,
}

/// The earliest and latest years an attempt may start in: far enough from chrono's limits
/// that every date computed from an attempt (when it is due, days and weeks around it) fits.
const YEARS: std::ops::RangeInclusive<i32> = 1970..=9999;
/// The longest answer a record may claim: an untimed answer left open for a month.
pub const MAX_DURATION_MS: u64 = 30 * 24 * 60 * 60 * 1000;

impl Record {
    /// Why this record cannot be real, if it cannot: a date or duration that date arithmetic
    /// would overflow on.
    fn out_of_range(&self) -> Option<String> {
        let (dates, duration_ms) = match self {
            Record::Attempt(a) => (vec![("started_at", a.started_at)], a.duration_ms),
            Record::Draft(d) => (vec![("started_at", d.started_at)], d.duration_ms),
            Record::Undo(u) => (vec![("at", u.at), ("started_at", u.started_at)], 0),
            Record::Suspend(m) | Record::Unsuspend(m) => (vec![("at", m.at)], 0),
        };
        for (field, date) in dates {
            use chrono::Datelike;
            let year = date.year();
            if !YEARS.contains(&year) {
                return Some(format!(
                    "`{field}` is in the year {year}, outside {}-{}",
                    YEARS.start(),
                    YEARS.end()
                ));
            }
        }
        (duration_ms > MAX_DURATION_MS)
            .then(|| format!("`duration_ms` is {duration_ms}, more than 30 days ({MAX_DURATION_MS})"))
    }

    /// The question the record is about.
    pub fn id(&self) -> u64 {
        match self {
            Record::Attempt(a) => a.id,
            Record::Draft(d) => d.id,
            Record::Undo(u) => u.id,
            Record::Suspend(m) | Record::Unsuspend(m) => m.id,
        }
    }

    /// The record as one line of the log, without its newline.
    pub fn to_line(&self) -> serde_json::Result<Vec<u8>> {
        serde_json::to_vec(&Line { v: FORMAT, record: self })
    }
}

/// Which command recorded an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Practice,
    Mock,
}

/// Why a line was skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The last line has no newline and does not parse: a write was cut short.
    Torn,
    /// NUL bytes, which is what a power loss can leave in a file.
    NulBytes,
    NotUtf8,
    NoVersion,
    BadJson(String),
    /// A date or duration no attempt can have, which date arithmetic would overflow on.
    OutOfRange(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Torn => f.write_str("the last line is incomplete (a write was interrupted)"),
            Problem::NulBytes => f.write_str("it holds NUL bytes (as a power loss can leave)"),
            Problem::NotUtf8 => f.write_str("it is not UTF-8 text"),
            Problem::NoVersion => f.write_str("it has no format version `v`"),
            Problem::BadJson(reason) => write!(f, "it is not a valid record: {reason}"),
            Problem::OutOfRange(reason) => write!(f, "it is not a possible record: {reason}"),
        }
    }
}

/// A line that was skipped on load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damage {
    /// 1-based, as an editor shows it.
    pub line: usize,
    pub problem: Problem,
}

/// The readable attempts, in file order, and the lines that were not.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every readable record, in file order.
    pub records: Vec<Record>,
    /// The graded attempts whose grade was not taken back, in file order.
    pub attempts: Vec<Attempt>,
    /// Answers saved ungraded that no later attempt or draft of the same question replaced.
    pub drafts: Vec<Draft>,
    /// Questions kept out of every draw.
    pub suspended: BTreeSet<u64>,
    pub damaged: Vec<Damage>,
    /// Bytes of an incomplete last record that were cut off while loading.
    pub recovered: Option<u64>,
}

impl Loaded {
    /// Works out the attempts that count, the open drafts and the suspended questions from
    /// `records`, in the order they were written.
    fn from_records(records: Vec<Record>, damaged: Vec<Damage>) -> Loaded {
        let mut attempts: Vec<Attempt> = Vec::new();
        let mut drafts: Vec<Draft> = Vec::new();
        let mut suspended = BTreeSet::new();
        for record in &records {
            match record {
                Record::Attempt(attempt) => {
                    drafts.retain(|d| d.id != attempt.id);
                    attempts.push(attempt.clone());
                }
                Record::Draft(draft) => {
                    drafts.retain(|d| d.id != draft.id);
                    drafts.push(draft.clone());
                }
                // An undo takes back the latest grade written before it for that answer: a
                // regrade of the same answer after an undo has the same start time, and stays.
                Record::Undo(undo) => {
                    if let Some(at) =
                        attempts.iter().rposition(|a| a.id == undo.id && a.started_at == undo.started_at)
                    {
                        attempts.remove(at);
                    }
                }
                Record::Suspend(mark) => {
                    suspended.insert(mark.id);
                }
                Record::Unsuspend(mark) => {
                    suspended.remove(&mark.id);
                }
            }
        }
        Loaded { records, attempts, drafts, suspended, damaged, recovered: None }
    }

    /// The most recent attempt whose grade still counts: what `qbank undo` takes back.
    pub fn last_attempt(&self) -> Option<&Attempt> {
        self.attempts.iter().max_by_key(|a| a.graded_at())
    }
}

/// The history log and its lock file.
#[derive(Debug)]
pub struct History {
    path: PathBuf,
    lock_path: PathBuf,
    /// How much of the file is known to hold no record from a newer format: bytes, lines.
    checked: (u64, usize),
}

impl History {
    /// The history in qbank's data folder.
    pub fn open() -> Result<History> {
        Ok(History::in_dir(&crate::sys::paths::data_dir()?))
    }

    pub fn in_dir(dir: &Path) -> History {
        History { path: dir.join(FILE), lock_path: dir.join(LOCK_FILE), checked: (0, 0) }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every readable attempt. A missing file is an empty history; a record from a newer
    /// format is an error. The file is only read, except that an incomplete last record, which
    /// only a write cut short (a kill, a full disk) leaves, is cut off under the write lock.
    pub fn load(&mut self) -> Result<Loaded> {
        let mut loaded = self.read_all()?;
        if loaded.damaged.last().is_some_and(|d| d.problem == Problem::Torn) {
            match self.recover_torn_tail() {
                Ok(Some(bytes)) => {
                    loaded.damaged.pop();
                    loaded.recovered = Some(bytes);
                }
                Ok(None) => {}
                // A read-only data folder: report the line as before, and carry on reading.
                Err(_) => {}
            }
        }
        Ok(loaded)
    }

    fn read_all(&mut self) -> Result<Loaded> {
        let _lock = self.lock_shared()?;
        let bytes = match fsutil::read_regular(&self.path, MAX_BYTES) {
            Ok(bytes) => bytes,
            Err(ReadError::NotFound) => return Ok(Loaded::default()),
            Err(e) => return Err(Error::user(format!("cannot read `{}`: {e}", self.path.display()))),
        };
        let loaded = parse_log(&bytes).map_err(|newer| self.newer(newer.line, newer.version))?;
        self.checked = checked_extent(&bytes, 0);
        Ok(loaded)
    }

    /// Cuts off the last line if, under the write lock, it is still an incomplete record: no
    /// writer holds the lock, so whoever wrote it died before finishing. Earlier lines are never
    /// touched. Returns the bytes removed.
    fn recover_torn_tail(&mut self) -> Result<Option<u64>> {
        let _lock = self.lock_exclusive()?;
        let cannot = |e| Error::io(format!("cannot repair `{}`", self.path.display()), e);
        let mut file = OpenOptions::new().read(true).write(true).open(&self.path).map_err(cannot)?;
        let len = file.metadata().map_err(cannot)?.len();
        let tail = read_back_to_newline(&mut file, len).map_err(cannot)?;
        if tail.is_empty() || !matches!(parse(&tail, false), Parsed::Damaged(Problem::Torn)) {
            return Ok(None);
        }
        let keep = len - tail.len() as u64;
        file.set_len(keep).and_then(|_| file.sync_all()).map_err(cannot)?;
        self.checked = (0, 0);
        Ok(Some(tail.len() as u64))
    }

    /// Creates the data folder and the lock file, so that a folder qbank cannot write to is
    /// found before the first answer rather than after it.
    pub fn prepare(&self) -> Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|e| Error::io(format!("cannot create `{}`", dir.display()), e))?;
        self.lock_exclusive().map(drop)
    }

    /// Appends one record as one line, under the lock, and makes it durable before returning.
    /// A write that fails (a full disk) is undone by cutting the file back to its old length;
    /// an incomplete last record that an earlier, killed writer left is cut off first.
    pub fn append(&mut self, entry: &Record) -> Result<()> {
        let path = self.path.clone();
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|e| Error::io(format!("cannot create `{}`", dir.display()), e))?;
        let _lock = self.lock_exclusive()?;
        let created = !path.exists();
        let cannot_write = |e| Error::io(format!("cannot write `{}`", path.display()), e);
        if fs::metadata(&path).is_ok_and(|m| !m.is_file()) {
            return Err(Error::user(format!("cannot write `{}`: not a regular file", path.display())));
        }
        let mut file =
            OpenOptions::new().read(true).append(true).create(true).open(&path).map_err(cannot_write)?;
        let mut tail = self.unchecked_tail(&mut file)?;
        let mut bytes = Vec::with_capacity(256);
        let unterminated = tail.iter().rposition(|&b| b == b'\n').map_or(0, |at| at + 1);
        if unterminated < tail.len() {
            if matches!(parse(&tail[unterminated..], false), Parsed::Damaged(Problem::Torn)) {
                let len = file.metadata().map_err(cannot_write)?.len();
                file.set_len(len - (tail.len() - unterminated) as u64).map_err(cannot_write)?;
                tail.truncate(unterminated);
            } else {
                // A whole record that lacks its newline: end it, so this one starts on its own line.
                bytes.push(b'\n');
            }
        }
        bytes.extend(entry.to_line().map_err(|e| cannot_write(io::Error::from(e)))?);
        bytes.push(b'\n');
        let before = file.metadata().map_err(cannot_write)?.len();
        if let Err(e) = file.write_all(&bytes).and_then(|_| file.sync_data()) {
            // Old or new, never half: take the partial record back out.
            let _ = file.set_len(before).and_then(|_| file.sync_data());
            return Err(cannot_write(e));
        }
        if created {
            File::open(dir).and_then(|d| d.sync_all()).map_err(cannot_write)?;
        }
        let (checked, lines) = self.checked;
        let newlines = tail.iter().chain(&bytes).filter(|&&b| b == b'\n').count();
        self.checked = (checked + tail.len() as u64 + bytes.len() as u64, lines + newlines);
        Ok(())
    }

    /// The bytes written since the last load or append, checked for newer-format records.
    fn unchecked_tail(&mut self, file: &mut File) -> Result<Vec<u8>> {
        let cannot_read = |e| Error::io(format!("cannot read `{}`", self.path.display()), e);
        let len = file.metadata().map_err(cannot_read)?.len();
        if len < self.checked.0 {
            self.checked = (0, 0);
        }
        if len - self.checked.0 > MAX_BYTES {
            return Err(Error::user(format!(
                "cannot read `{}`: it is over the {} limit",
                self.path.display(),
                fsutil::human_size(MAX_BYTES)
            )));
        }
        let mut tail = Vec::new();
        file.seek(SeekFrom::Start(self.checked.0))
            .and_then(|_| file.take(len - self.checked.0).read_to_end(&mut tail))
            .map_err(cannot_read)?;
        for (index, line, terminated) in lines(&tail) {
            if let Parsed::Newer(version) = parse(line, terminated) {
                return Err(self.newer(self.checked.1 + index + 1, version));
            }
        }
        Ok(tail)
    }

    fn newer(&self, line: usize, version: u64) -> Error {
        Error::user(format!(
            "`{}` line {line} was written by a newer qbank (history format {version}; this qbank \
             reads formats up to {FORMAT}): upgrade qbank; the file was left as it is",
            self.path.display()
        ))
    }

    fn lock_exclusive(&self) -> Result<File> {
        let cannot = |e| Error::io(format!("cannot lock `{}`", self.lock_path.display()), e);
        if fs::metadata(&self.lock_path).is_ok_and(|m| !m.is_file()) {
            return Err(cannot(io::Error::other("not a regular file")));
        }
        let file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&self.lock_path)
            .map_err(cannot)?;
        file.lock().map_err(cannot)?;
        Ok(file)
    }

    /// Readers wait for an append in progress; with no lock file there has been no writer.
    fn lock_shared(&self) -> Result<Option<File>> {
        let cannot = |e| Error::io(format!("cannot lock `{}`", self.lock_path.display()), e);
        if fs::metadata(&self.lock_path).is_ok_and(|m| !m.is_file()) {
            return Err(cannot(io::Error::other("not a regular file")));
        }
        let file = match File::open(&self.lock_path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(cannot(e)),
        };
        file.lock_shared().map_err(cannot)?;
        Ok(Some(file))
    }
}

/// A record from a newer history format, which stops reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Newer {
    pub line: usize,
    pub version: u64,
}

/// The records and damaged lines of a whole history file's bytes.
pub fn parse_log(bytes: &[u8]) -> std::result::Result<Loaded, Newer> {
    let mut records = Vec::new();
    let mut damaged = Vec::new();
    for (index, line, terminated) in lines(bytes) {
        match parse(line, terminated) {
            Parsed::Record(record) => records.push(*record),
            Parsed::Damaged(problem) => damaged.push(Damage { line: index + 1, problem }),
            Parsed::Newer(version) => return Err(Newer { line: index + 1, version }),
        }
    }
    Ok(Loaded::from_records(records, damaged))
}

enum Parsed {
    Record(Box<Record>),
    Damaged(Problem),
    Newer(u64),
}

#[derive(Deserialize)]
struct Probe {
    v: Option<u64>,
}

/// A line's record by its format: format 1 lines are attempts without a `kind`.
fn read_record(text: &str, version: u64) -> serde_json::Result<Record> {
    if version == 1 {
        return serde_json::from_str::<Attempt>(text).map(Record::Attempt);
    }
    serde_json::from_str::<Record>(text)
}

fn parse(line: &[u8], terminated: bool) -> Parsed {
    if line.contains(&0) {
        return Parsed::Damaged(Problem::NulBytes);
    }
    let Ok(text) = std::str::from_utf8(line) else {
        return Parsed::Damaged(if terminated { Problem::NotUtf8 } else { Problem::Torn });
    };
    let damaged = |e: serde_json::Error| {
        Parsed::Damaged(if terminated { Problem::BadJson(json_reason(&e)) } else { Problem::Torn })
    };
    match serde_json::from_str::<Probe>(text) {
        Err(e) => damaged(e),
        Ok(Probe { v: None }) => Parsed::Damaged(Problem::NoVersion),
        Ok(Probe { v: Some(v) }) if v > u64::from(FORMAT) => Parsed::Newer(v),
        Ok(Probe { v: Some(v) }) => match read_record(text, v) {
            Ok(record) => match record.out_of_range() {
                Some(reason) => Parsed::Damaged(Problem::OutOfRange(reason)),
                None => Parsed::Record(Box::new(record)),
            },
            Err(e) => damaged(e),
        },
    }
}

/// The bytes after the last newline of the file's first `len` bytes (the unterminated line).
fn read_back_to_newline(file: &mut File, len: u64) -> io::Result<Vec<u8>> {
    let mut end = len;
    let mut tail: Vec<u8> = Vec::new();
    while end > 0 {
        let start = end.saturating_sub(64 * 1024);
        let mut chunk = vec![0; (end - start) as usize];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut chunk)?;
        if let Some(at) = chunk.iter().rposition(|&b| b == b'\n') {
            chunk.drain(..=at);
            chunk.extend_from_slice(&tail);
            return Ok(chunk);
        }
        chunk.extend_from_slice(&tail);
        tail = chunk;
        end = start;
    }
    Ok(tail)
}

/// serde_json's message without its "at line 1 column N", which would mislead for one line.
fn json_reason(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message).to_string();
    if error.is_data() { message } else { format!("{message} at column {}", error.column()) }
}

/// Non-empty lines with their 0-based index and whether a newline ended them.
fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8], bool)> {
    let count = bytes.split(|&b| b == b'\n').count();
    bytes.split(|&b| b == b'\n').enumerate().filter_map(move |(i, line)| {
        let terminated = i + 1 < count;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        (!line.iter().all(u8::is_ascii_whitespace)).then_some((i, line, terminated))
    })
}

/// The bytes up to the last newline and the lines they hold: the part a later append need
/// not check again.
fn checked_extent(bytes: &[u8], lines_before: usize) -> (u64, usize) {
    match bytes.iter().rposition(|&b| b == b'\n') {
        Some(at) => ((at + 1) as u64, lines_before + bytes[..=at].iter().filter(|&&b| b == b'\n').count()),
        None => (0, lines_before),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(id: u64, grade: Grade) -> Attempt {
        Attempt {
            id,
            started_at: DateTime::parse_from_rfc3339("2026-01-02T10:00:00Z").unwrap().with_timezone(&Utc),
            duration_ms: 61_500,
            limit_s: Some(180),
            timed_out: false,
            grade,
            answer: "Token bucket\nper tenant".to_string(),
            mode: Mode::Practice,
            session: "s1".to_string(),
            follow_ups: Vec::new(),
            judge: None,
        }
    }

    fn graded(id: u64, grade: Grade) -> Record {
        Record::Attempt(attempt(id, grade))
    }

    fn line(record: &Record) -> String {
        String::from_utf8(record.to_line().unwrap()).unwrap()
    }

    #[test]
    fn appends_and_loads_whole_records() {
        let dir = tempfile::tempdir().unwrap();
        let mut history = History::in_dir(&dir.path().join("home dir"));
        assert!(history.load().unwrap().attempts.is_empty());
        history.append(&graded(1, Grade::Good)).unwrap();
        history.append(&graded(2, Grade::Again)).unwrap();
        let loaded = History::in_dir(&dir.path().join("home dir")).load().unwrap();
        assert_eq!(loaded.attempts, [attempt(1, Grade::Good), attempt(2, Grade::Again)]);
        assert!(loaded.damaged.is_empty());
        let text = fs::read_to_string(history.path()).unwrap();
        assert_eq!(text.lines().count(), 2);
        assert!(text.lines().all(|l| l.starts_with("{\"v\":2,\"kind\":\"attempt\",")), "{text}");
    }

    #[test]
    fn damaged_lines_are_reported_and_only_a_torn_tail_is_cut() {
        let dir = tempfile::tempdir().unwrap();
        let mut history = History::in_dir(dir.path());
        history.append(&graded(1, Grade::Good)).unwrap();
        let good = fs::read(history.path()).unwrap();
        let mut bytes = good.clone();
        bytes.extend_from_slice(b"not json\n{\"id\":3}\n\0\0\0\n");
        bytes.extend_from_slice(&good);
        let whole = bytes.clone();
        bytes.extend_from_slice(&good[..20]);
        fs::write(history.path(), &bytes).unwrap();
        let loaded = history.load().unwrap();
        assert_eq!(loaded.attempts.len(), 2);
        let problems: Vec<(usize, Problem)> =
            loaded.damaged.into_iter().map(|d| (d.line, d.problem)).collect();
        assert!(matches!(problems[0], (2, Problem::BadJson(_))), "{problems:?}");
        assert_eq!(problems[1..], [(3, Problem::NoVersion), (4, Problem::NulBytes)]);
        assert_eq!(loaded.recovered, Some(20));
        assert_eq!(fs::read(history.path()).unwrap(), whole, "earlier lines untouched, the torn tail cut");
    }

    #[test]
    fn an_append_cuts_a_torn_tail_and_keeps_a_whole_unterminated_record() {
        let dir = tempfile::tempdir().unwrap();
        let mut history = History::in_dir(dir.path());
        fs::write(history.path(), b"{\"v\":1,\"id\":").unwrap();
        history.append(&graded(7, Grade::Easy)).unwrap();
        let loaded = History::in_dir(dir.path()).load().unwrap();
        assert_eq!(loaded.attempts, [attempt(7, Grade::Easy)]);
        assert!(loaded.damaged.is_empty());

        let whole = graded(1, Grade::Good).to_line().unwrap();
        fs::write(history.path(), &whole).unwrap();
        history.append(&graded(2, Grade::Hard)).unwrap();
        let loaded = History::in_dir(dir.path()).load().unwrap();
        assert_eq!(loaded.attempts, [attempt(1, Grade::Good), attempt(2, Grade::Hard)]);
    }

    #[test]
    fn impossible_dates_and_durations_are_damaged_lines() {
        let dir = tempfile::tempdir().unwrap();
        let mut history = History::in_dir(dir.path());
        let mut long = attempt(1, Grade::Good);
        long.duration_ms = 9_000_000_000_000_000;
        let text = format!(
            "{}\n{}\n",
            line(&Record::Attempt(long)),
            line(&graded(2, Grade::Good)).replace("2026-01-02", "+262142-01-02")
        );
        fs::write(history.path(), &text).unwrap();
        let loaded = history.load().unwrap();
        assert!(loaded.attempts.is_empty());
        let problems: Vec<String> = loaded.damaged.iter().map(|d| d.problem.to_string()).collect();
        assert!(problems[0].contains("`duration_ms` is 9000000000000000"), "{problems:?}");
        assert!(problems[1].contains("year 262142"), "{problems:?}");
    }

    #[test]
    fn a_newer_format_is_refused_and_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut history = History::in_dir(dir.path());
        history.append(&graded(1, Grade::Good)).unwrap();
        let mut bytes = fs::read(history.path()).unwrap();
        bytes.extend_from_slice(b"{\"v\":3,\"whatever\":true}\n");
        fs::write(history.path(), &bytes).unwrap();
        let error = History::in_dir(dir.path()).load().unwrap_err().to_string();
        assert!(error.contains("line 2 was written by a newer qbank (history format 3"), "{error}");
        // The writer that loaded before the newer line appeared checks again before writing.
        let error = history.append(&graded(2, Grade::Good)).unwrap_err().to_string();
        assert!(error.contains("line 2 was written by a newer qbank"), "{error}");
        assert_eq!(fs::read(history.path()).unwrap(), bytes);
    }

    #[test]
    fn format_1_lines_are_read_as_attempts() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::in_dir(dir.path());
        let v1 = line(&graded(4, Grade::Hard)).replace("\"v\":2,\"kind\":\"attempt\",", "\"v\":1,");
        assert!(v1.starts_with("{\"v\":1,\"id\":4"), "{v1}");
        fs::write(history.path(), format!("{v1}\n")).unwrap();
        let loaded = History::in_dir(dir.path()).load().unwrap();
        assert_eq!(loaded.attempts, [attempt(4, Grade::Hard)]);
    }

    #[test]
    fn undo_drafts_and_suspensions_are_records_read_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut history = History::in_dir(dir.path());
        let at = attempt(1, Grade::Good).started_at;
        let draft = |id: u64, text: &str| {
            Record::Draft(Draft {
                id,
                started_at: at,
                duration_ms: 5,
                limit_s: None,
                answer: text.to_string(),
                mode: Mode::Practice,
                session: "s2".to_string(),
                follow_ups: Vec::new(),
            })
        };
        let mark = |id| Mark { id, at };
        for record in [
            graded(1, Grade::Good),
            Record::Undo(Undo { at, id: 1, started_at: at }),
            draft(2, "first try"),
            draft(2, "second try"),
            draft(3, "replaced by a grade"),
            graded(3, Grade::Hard),
            Record::Suspend(mark(5)),
            Record::Suspend(mark(6)),
            Record::Unsuspend(mark(5)),
        ] {
            history.append(&record).unwrap();
        }
        let loaded = History::in_dir(dir.path()).load().unwrap();
        assert_eq!(loaded.records.len(), 9);
        assert_eq!(loaded.attempts, [attempt(3, Grade::Hard)], "the grade of #1 was undone");
        let drafts: Vec<(u64, &str)> = loaded.drafts.iter().map(|d| (d.id, d.answer.as_str())).collect();
        assert_eq!(drafts, [(2, "second try")], "a later draft or grade replaces a draft");
        assert_eq!(loaded.suspended.iter().copied().collect::<Vec<_>>(), [6]);
        assert_eq!(loaded.last_attempt().map(|a| a.id), Some(3));
        let text = fs::read_to_string(history.path()).unwrap();
        assert!(text.lines().nth(1).unwrap().starts_with("{\"v\":2,\"kind\":\"undo\","), "{text}");
    }
}
