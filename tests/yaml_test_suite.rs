//! The YAML test suite, the YAML specification's own valid and invalid documents, through the
//! loader: every case loads or fails with a located error, quickly and in bounded memory;
//! invalid YAML is rejected as invalid YAML; valid YAML is never called a syntax error.
//!
//! The suite is read from `QBANK_YAML_TEST_SUITE` (`.ci/run` sets it), else from
//! `../shared/yaml-test-suite` beside the repository; without either the test says why and
//! passes, but a variable that names a missing folder fails it.

mod common;

use common::line_count;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use qbank::loader::parse::{self, INVALID_YAML, Parsed};

/// Invalid YAML that the loader accepts as YAML: limits of serde-saphyr's parser.
/// The test fails when this list is wrong either way, so it cannot go stale.
///
/// serde-saphyr parses with PyYAML-compatible indentation by default, which lets the lines
/// that continue a flow collection or a quoted scalar sit no deeper than their key. Its
/// `strict_indentation` option rejects all three cases, but it also rejects files that
/// PyYAML, ruamel.yaml and yq accept, such as a quoted question continued at its key's
/// indentation: too high a price for a corpus format, so the loader stays lenient here.
const INVALID_BUT_ACCEPTED: [(&str, &str); 3] = [
    ("9C9N", "flow sequence continued at column 1 under `flow: [` (lenient indentation)"),
    ("DK95/01", "quoted scalar continued on a line indented by a tab (lenient indentation)"),
    ("QB6E", "quoted scalar continued at column 1 under `quoted:` (lenient indentation)"),
];

/// Valid YAML that the loader calls invalid: none known.
const VALID_BUT_REJECTED: [(&str, &str); 0] = [];

/// Far more than any case needs (each takes milliseconds); only a hang reaches it.
const CASE_TIME_LIMIT: Duration = Duration::from_secs(5);

/// Peak memory of the whole test process; the inputs are a few hundred bytes each.
const PEAK_MEMORY_LIMIT_KIB: u64 = 512 * 1024;

struct Case {
    /// `2JQS`, or `2JQS/01` for a numbered sub-case.
    id: String,
    path: PathBuf,
    invalid: bool,
}

#[test]
fn every_case_loads_or_fails_cleanly() {
    let Some(dir) = suite_dir() else { return };
    let cases = cases(&dir);
    assert!(cases.len() > 300, "expected the whole suite in {}, found {} cases", dir.display(), cases.len());

    let mut problems = Vec::new();
    let mut invalid_but_accepted = Vec::new();
    let mut valid_but_rejected = Vec::new();
    for case in &cases {
        let parsed = match load_in_time(case) {
            Ok(parsed) => parsed,
            Err(failure) => {
                problems.push(format!("{}: {failure}", case.id));
                continue;
            }
        };
        let bytes = std::fs::read(case.path.join("in.yaml")).unwrap_or_default();
        let lines = line_count(&bytes);
        for d in &parsed.diagnostics {
            if d.origin.line < 1 || d.origin.column < 1 || d.origin.line > lines {
                problems.push(format!("{}: location outside the file: {d}", case.id));
            }
        }
        let syntax_error = parsed.diagnostics.iter().find(|d| d.message.starts_with(INVALID_YAML));
        match (case.invalid, syntax_error) {
            (true, None) => invalid_but_accepted.push(exception(case, &parsed, &bytes)),
            (false, Some(d)) => valid_but_rejected.push(format!("{}: {}", case.id, d.message)),
            _ => {}
        }
        if !case.invalid && syntax_error.is_none() && !parsed.has_errors() && parsed.questions.is_empty() {
            problems.push(format!("{}: neither questions nor an error", case.id));
        }
    }

    let invalid = cases.iter().filter(|c| c.invalid).count();
    let mut report = std::io::stderr();
    let _ = writeln!(
        report,
        "yaml-test-suite: {} cases ({invalid} invalid, {} valid) from {}\n  \
         invalid YAML not rejected as invalid: {}\n  valid YAML reported as invalid: {}",
        cases.len(),
        cases.len() - invalid,
        dir.display(),
        invalid_but_accepted.len(),
        valid_but_rejected.len()
    );
    for line in invalid_but_accepted.iter().chain(&valid_but_rejected) {
        let _ = writeln!(report, "    {line}");
    }

    assert!(problems.is_empty(), "cases that did not load or fail cleanly:\n{}", problems.join("\n"));
    assert_exceptions("invalid YAML not rejected as invalid", &invalid_but_accepted, &INVALID_BUT_ACCEPTED);
    assert_exceptions("valid YAML reported as invalid", &valid_but_rejected, &VALID_BUT_REJECTED);
    if let Some(peak) = peak_memory_kib() {
        assert!(peak < PEAK_MEMORY_LIMIT_KIB, "peak memory {peak} KiB");
    }
}

/// The suite's folder, or None (with the reason printed) when it is not there to read.
fn suite_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("QBANK_YAML_TEST_SUITE") {
        let dir = PathBuf::from(dir);
        assert!(dir.is_dir(), "QBANK_YAML_TEST_SUITE is set to `{}`, which is not a folder", dir.display());
        return Some(dir);
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/yaml-test-suite");
    if dir.is_dir() {
        return Some(dir);
    }
    let _ = writeln!(
        std::io::stderr(),
        "yaml-test-suite: not run: QBANK_YAML_TEST_SUITE is unset and `{}` does not exist",
        dir.display()
    );
    None
}

/// Every case folder with an `in.yaml`, and every numbered sub-case folder that has one.
fn cases(dir: &Path) -> Vec<Case> {
    let mut found = Vec::new();
    for folder in sorted_folders(dir) {
        let name = file_name(&folder);
        if folder.join("in.yaml").is_file() {
            found.push(Case { id: name, invalid: folder.join("error").exists(), path: folder });
            continue;
        }
        for sub in sorted_folders(&folder) {
            if sub.join("in.yaml").is_file() {
                let id = format!("{name}/{}", file_name(&sub));
                found.push(Case { id, invalid: sub.join("error").exists(), path: sub });
            }
        }
    }
    found
}

fn sorted_folders(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut folders: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    folders.sort();
    folders
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Runs the loader on one case in its own thread: a panic or a hang becomes an error.
fn load_in_time(case: &Case) -> Result<Parsed, String> {
    let file = case.path.join("in.yaml");
    let bytes = std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(parse::parse_bytes(&Arc::new(file), &bytes));
    });
    receive.recv_timeout(CASE_TIME_LIMIT).map_err(|e| match e {
        mpsc::RecvTimeoutError::Timeout => format!("no result within {CASE_TIME_LIMIT:?}"),
        mpsc::RecvTimeoutError::Disconnected => "the loader panicked".to_string(),
    })
}

/// One line on an invalid case the loader did not call invalid: what it said instead, and
/// whether serde-saphyr's own generic parse (no corpus schema) accepts the case too, which
/// places the cause in the parser rather than in our code.
fn exception(case: &Case, parsed: &Parsed, bytes: &[u8]) -> String {
    let said = parsed.diagnostics.first().map_or("loaded".to_string(), |d| d.message.clone());
    let generic = std::str::from_utf8(bytes)
        .map_err(|e| e.to_string())
        .and_then(|text| {
            serde_saphyr::from_multiple::<serde::de::IgnoredAny>(text).map_err(|e| e.to_string())
        })
        .map_or_else(|e| format!("rejected ({e})"), |_| "accepted".to_string());
    format!("{}: loader said `{said}`; serde-saphyr's generic parse {generic}", case.id)
}

fn assert_exceptions(what: &str, found: &[String], known: &[(&str, &str)]) {
    let found_ids: Vec<&str> = found.iter().map(|line| line.split(':').next().unwrap_or_default()).collect();
    let known_ids: Vec<&str> = known.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        found_ids,
        known_ids,
        "{what}: the cases differ from the known parser limitations; fix the loader, or update \
         the list with the reason for each case\n{}",
        found.join("\n")
    );
}

/// The process's peak resident memory, where the system reports it.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
