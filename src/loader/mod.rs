//! Files, folders and the built-in corpus -> one validated `Corpus`.

pub mod cache;
pub mod guide;
pub mod lint;
pub mod parse;

use std::collections::HashMap;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use parse::Parsed;

use crate::error::io_reason;
use crate::model::{Corpus, Diagnostic, Origin, Question, Severity};

/// The built-in corpus, embedded at build time (see build.rs): (file name, YAML text).
pub const BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// The built-in questions, constructed from code build.rs generated: no parsing at start-up.
pub fn builtin_questions() -> Vec<Question> {
    use crate::model::{Competency, Framework, Levels, Round};
    include!(concat!(env!("OUT_DIR"), "/builtin_questions.rs"))
}

/// Where questions come from.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub builtin: bool,
    pub paths: Vec<PathBuf>,
    /// Where parsed files are cached; None parses every file every time.
    pub cache: Option<PathBuf>,
}

/// Loads every source; any error anywhere fails the whole load, so nothing half-loaded is shown.
/// A corpus that could not be loaded gives every error found.
pub fn load(sources: &Sources) -> Result<Corpus, Vec<Diagnostic>> {
    let builtin = if sources.builtin { builtin_questions() } else { Vec::new() };
    let parsed = parse_sources(&Sources { builtin: false, ..sources.clone() });
    let mut diagnostics: Vec<Diagnostic> = parsed
        .iter()
        .flat_map(|p| p.diagnostics.iter().cloned())
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let mut ids: Vec<(u64, Origin)> = builtin.iter().map(|q| (q.id, q.origin.clone())).collect();
    ids.extend(parsed.iter().flat_map(|p| p.ids.iter().cloned()));
    diagnostics.extend(duplicate_ids(&ids, &HashMap::new()));
    let questions: Vec<Question> =
        builtin.into_iter().chain(parsed.into_iter().flat_map(|p| p.questions)).collect();
    if diagnostics.is_empty() { Ok(Corpus::new(questions)) } else { Err(diagnostics) }
}

/// Parses every file of every source, keeping each file's problems: for `validate`.
pub fn parse_sources(sources: &Sources) -> Vec<Parsed> {
    let mut parsed = Vec::new();
    if sources.builtin {
        parsed.extend(builtin_files().map(|(name, text)| parse::parse_str(&name, text)));
    }
    // A file reached twice (a folder in .qbank.toml and the same folder in --corpus, say) is
    // one file: loaded once, or it would clash with its own ids.
    let mut loaded = HashSet::new();
    for path in &sources.paths {
        parsed.extend(parse_path(path, sources.cache.as_deref(), &mut loaded));
    }
    parsed
}

pub fn builtin_files() -> impl Iterator<Item = (Arc<PathBuf>, &'static str)> {
    BUILTIN.iter().map(|(name, text)| (Arc::new(Path::new("<built-in>").join(name)), *text))
}

/// A file, or every `*.yaml`/`*.yml` below a folder.
fn parse_path(path: &Path, cache: Option<&Path>, loaded: &mut HashSet<PathBuf>) -> Vec<Parsed> {
    let name = Arc::new(path.to_path_buf());
    let here = |message: String| Parsed {
        diagnostics: vec![Diagnostic::error(Origin { file: name.clone(), line: 1, column: 1 }, message)],
        ..Parsed::default()
    };
    let metadata = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return vec![here(format!("cannot read corpus: {}", io_reason(&e)))],
    };
    let first_time = |file: &Path, loaded: &mut HashSet<PathBuf>| {
        loaded.insert(file.canonicalize().unwrap_or_else(|_| file.to_path_buf()))
    };
    if !metadata.is_dir() {
        return if first_time(path, loaded) { vec![read_file(path, cache)] } else { Vec::new() };
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    walk(path, &mut HashSet::new(), &mut files, &mut problems);
    files.sort();
    if files.is_empty() && problems.is_empty() {
        return vec![here("folder has no corpus files (*.yaml or *.yml)".to_string())];
    }
    files.retain(|f| first_time(f, loaded));
    problems.into_iter().map(here_for).chain(files.iter().map(|f| read_file(f, cache))).collect()
}

fn here_for((path, message): (PathBuf, String)) -> Parsed {
    Parsed {
        diagnostics: vec![Diagnostic::error(Origin { file: Arc::new(path), line: 1, column: 1 }, message)],
        ..Parsed::default()
    }
}

fn read_file(path: &Path, cache: Option<&Path>) -> Parsed {
    // Checked before the cache key, which opens the file: opening a FIFO waits for a writer.
    let size = match regular_file_size(path) {
        Ok(size) => size,
        Err(message) => return here_for((path.to_path_buf(), message)),
    };
    let name = Arc::new(path.to_path_buf());
    let (key, cached) = match cache {
        Some(dir) => cache::lookup(dir, path, size, &name),
        None => (None, None),
    };
    if let Some(questions) = cached {
        let ids = questions.iter().map(|q| (q.id, q.origin.clone())).collect();
        return Parsed { questions, diagnostics: Vec::new(), ids };
    }
    let parsed = match read_bytes(path, size) {
        Ok(bytes) => parse::parse_bytes(&name, &bytes),
        Err(e) => {
            return here_for((path.to_path_buf(), format!("cannot read corpus file: {}", io_reason(&e))));
        }
    };
    if let (Some(dir), Some(key)) = (cache, &key)
        && !parsed.has_errors()
    {
        cache::write(dir, key, &parsed.questions);
    }
    parsed
}

/// The size of a corpus file that may be read. Only regular files may: a FIFO would wait for
/// a writer forever and a device such as /dev/zero never ends. Files over the limit are
/// refused by their size, before any of them is read.
fn regular_file_size(path: &Path) -> Result<u64, String> {
    let metadata =
        std::fs::metadata(path).map_err(|e| format!("cannot read corpus file: {}", io_reason(&e)))?;
    if !metadata.is_file() {
        return Err("cannot read corpus file: not a regular file (a pipe, socket or device?)".to_string());
    }
    match parse::too_large(metadata.len()) {
        Some(message) => Err(message),
        None => Ok(metadata.len()),
    }
}

/// The file's bytes, never more than the limit even if it grew since its size was taken.
fn read_bytes(path: &Path, size: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(size as usize);
    std::fs::File::open(path)?.take(parse::MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Collects corpus files below `dir`, following links but never the same folder twice.
fn walk(
    dir: &Path,
    seen: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<(PathBuf, String)>,
) {
    let Ok(real) = dir.canonicalize() else {
        problems.push((dir.to_path_buf(), "cannot resolve folder (a broken or looping link?)".into()));
        return;
    };
    if !seen.insert(real) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push((dir.to_path_buf(), format!("cannot read folder: {}", io_reason(&e))));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, seen, files, problems),
            Ok(_) if is_corpus_file(&path) => files.push(path),
            Ok(_) => {}
            Err(e) if is_corpus_file(&path) || e.raw_os_error() == Some(40) => {
                problems.push((path, format!("cannot read: {}", io_reason(&e))));
            }
            Err(_) => {}
        }
    }
}

fn is_corpus_file(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// Two questions with one id: an error naming both places. `taken` holds ids used
/// elsewhere (described by the text to show), such as the built-in bank's.
pub fn duplicate_ids(ids: &[(u64, Origin)], taken: &HashMap<u64, String>) -> Vec<Diagnostic> {
    let mut first: HashMap<u64, &Origin> = HashMap::with_capacity(ids.len());
    let mut found = Vec::new();
    for (id, origin) in ids {
        let earlier = match taken.get(id) {
            Some(text) => Some(text.clone()),
            None => first.get(id).map(std::string::ToString::to_string),
        };
        match earlier {
            Some(earlier) => found.push(Diagnostic::error(
                origin.clone(),
                format!("duplicate id {id}: also used at {earlier}"),
            )),
            None => {
                first.insert(*id, origin);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_builtin_questions_equal_a_fresh_parse() {
        let parsed: Vec<Question> = parse_sources(&Sources { builtin: true, ..Sources::default() })
            .into_iter()
            .flat_map(|p| p.questions)
            .collect();
        assert!(!parsed.is_empty());
        assert_eq!(builtin_questions(), parsed);
    }
}
