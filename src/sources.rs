//! Shared question banks from git. A source is a clone in the data folder, pinned to one
//! commit and loaded like a `--corpus` folder, so every command works offline from it. Clones
//! and fetches go through the user's own git, with their credentials, SSH keys and proxies. A
//! new commit is cloned beside the one in use and checked like `qbank validate` would before it
//! replaces it: an update that fails (network, authentication, a corpus that does not load)
//! leaves the previous commit in use.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::loader::{self, Sources as Corpora};
use crate::model::Severity;
use crate::sys::fs::{self as fsutil, ReadError, Target};
use crate::sys::paths;

/// The list of sources, in the data folder.
const LIST: &str = "sources.json";
/// The clones, one folder per source, in the data folder.
const FOLDER: &str = "sources";
/// A source list is a few hundred bytes per source.
const MAX_LIST_BYTES: u64 = 1 << 20;

/// One shared bank.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    pub url: String,
    /// The branch or tag followed; None: the remote's default branch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The commit in use.
    pub commit: String,
    /// How many questions that commit holds.
    pub questions: usize,
}

/// What an update did.
#[derive(Debug, PartialEq, Eq)]
pub enum Updated {
    Unchanged { commit: String },
    Moved { from: String, to: String, questions: usize },
}

/// The data folder's sources.
pub struct Registry {
    home: PathBuf,
}

impl Registry {
    pub fn open() -> Result<Registry> {
        Ok(Registry { home: paths::data_dir()? })
    }

    /// The sources, in the order they were added; none when there is no list yet.
    pub fn list(&self) -> Result<Vec<Source>> {
        match fsutil::read_regular(&self.home.join(LIST), MAX_LIST_BYTES) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                Error::user(format!(
                    "`{}` is damaged ({e}); fix or remove it",
                    self.home.join(LIST).display()
                ))
            }),
            Err(ReadError::NotFound) => Ok(Vec::new()),
            Err(e) => Err(Error::user(format!("cannot read `{}`: {e}", self.home.join(LIST).display()))),
        }
    }

    /// Where a source's clone is: what the loader reads.
    pub fn folder(&self, name: &str) -> PathBuf {
        self.home.join(FOLDER).join(name)
    }

    /// Clones `url` at `reference` as source `name`, checks its corpus, and records it.
    pub fn add(&self, name: &str, url: &str, reference: Option<&str>) -> Result<Source> {
        check_name(name)?;
        self.edit(|sources| {
            if sources.iter().any(|s| s.name == name) {
                return Err(Error::user(format!(
                    "a source named `{name}` exists already: `qbank source update {name}` fetches it again, \
                     `qbank source remove {name}` removes it"
                )));
            }
            let (commit, questions) = self.fetch_into_place(name, url, reference)?;
            let source = Source {
                name: name.to_string(),
                url: url.to_string(),
                reference: reference.map(String::from),
                commit,
                questions,
            };
            sources.push(source.clone());
            Ok(source)
        })
    }

    /// Fetches source `name` again; the commit in use stays when anything goes wrong.
    pub fn update(&self, name: &str) -> Result<Updated> {
        self.edit(|sources| {
            let source = find(sources, name)?;
            let (commit, questions) = self
                .fetch_into_place(&source.name, &source.url, source.reference.as_deref())
                .map_err(|e| Error::user(format!("{name}: still at {}: {e}", short(&source.commit))))?;
            if commit == source.commit {
                return Ok(Updated::Unchanged { commit });
            }
            let from = std::mem::replace(&mut source.commit, commit.clone());
            source.questions = questions;
            Ok(Updated::Moved { from, to: commit, questions })
        })
    }

    /// Forgets source `name` and deletes its clone.
    pub fn remove(&self, name: &str) -> Result<Source> {
        self.edit(|sources| {
            let at = sources.iter().position(|s| s.name == name).ok_or_else(|| unknown(sources, name))?;
            let source = sources.remove(at);
            let folder = self.folder(name);
            if folder.exists() {
                std::fs::remove_dir_all(&folder)
                    .map_err(|e| Error::io(format!("cannot remove `{}`", folder.display()), e))?;
            }
            Ok(source)
        })
    }

    /// Runs `change` on the list under its lock and writes the list back when it succeeds.
    fn edit<T>(&self, change: impl FnOnce(&mut Vec<Source>) -> Result<T>) -> Result<T> {
        let path = self.home.join(LIST);
        std::fs::create_dir_all(&self.home)
            .map_err(|e| Error::io(format!("cannot create `{}`", self.home.display()), e))?;
        let target =
            Target::lock(&path).map_err(|e| Error::io(format!("cannot open `{}`", path.display()), e))?;
        let bytes = target
            .read(MAX_LIST_BYTES)
            .map_err(|e| Error::user(format!("cannot read `{}`: {e}", path.display())))?;
        let mut sources: Vec<Source> = if bytes.is_empty() {
            Vec::new()
        } else {
            serde_json::from_slice(&bytes).map_err(|e| {
                Error::user(format!("`{}` is damaged ({e}); fix or remove it", path.display()))
            })?
        };
        let result = match change(&mut sources) {
            Ok(result) => result,
            Err(e) => {
                target.abandon();
                return Err(e);
            }
        };
        let json = serde_json::to_vec_pretty(&sources).map_err(|e| Error::user(e.to_string()))?;
        target
            .replace(|file| std::io::Write::write_all(file, &json))
            .map_err(|e| Error::io(format!("cannot write `{}`", path.display()), e))?;
        Ok(result)
    }

    /// Clones beside the clone in use, checks the corpus, then swaps the two folders.
    fn fetch_into_place(&self, name: &str, url: &str, reference: Option<&str>) -> Result<(String, usize)> {
        let parent = self.home.join(FOLDER);
        std::fs::create_dir_all(&parent)
            .map_err(|e| Error::io(format!("cannot create `{}`", parent.display()), e))?;
        let fresh = tempfile::Builder::new()
            .prefix(&format!(".{name}.new-"))
            .tempdir_in(&parent)
            .map_err(|e| Error::io(format!("cannot make a folder in `{}`", parent.display()), e))?;
        let clone = fresh.path().join("clone");
        let mut command = git();
        command.args(["clone", "--quiet", "--depth", "1", "--no-tags"]);
        if let Some(reference) = reference {
            command.args(["--branch", reference]);
        }
        command.arg("--").arg(url).arg(&clone);
        run(command, "git clone")?;
        let mut head = git();
        head.arg("-C").arg(&clone).args(["rev-parse", "--verify", "--quiet", "HEAD"]);
        let commit = run(head, "git rev-parse").map_err(|_| {
            Error::user("the clone has no commit to use: the repository's default branch is empty; name a branch with --ref")
        })?;
        let commit = commit.trim().to_string();
        let questions = checked_corpus(&clone, &commit)?;
        let place = self.folder(name);
        let old = fresh.path().join("old");
        if place.exists() {
            std::fs::rename(&place, &old)
                .map_err(|e| Error::io(format!("cannot move `{}`", place.display()), e))?;
        }
        if let Err(e) = std::fs::rename(&clone, &place) {
            let _ = std::fs::rename(&old, &place);
            return Err(Error::io(format!("cannot move the new clone to `{}`", place.display()), e));
        }
        Ok((commit, questions))
    }
}

/// The number of questions in a clone, or why it cannot be used.
fn checked_corpus(folder: &Path, commit: &str) -> Result<usize> {
    let parsed =
        loader::parse_sources(&Corpora { builtin: false, paths: vec![folder.to_path_buf()], cache: None });
    let errors: Vec<String> = parsed
        .iter()
        .flat_map(|p| &p.diagnostics)
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let file = d.origin.file.strip_prefix(folder).unwrap_or(&d.origin.file).display().to_string();
            format!("{file}:{}:{}: {}", d.origin.line, d.origin.column, d.message)
        })
        .collect();
    if let Some(first) = errors.first() {
        let more = if errors.len() > 1 { format!(" (and {} more)", errors.len() - 1) } else { String::new() };
        return Err(Error::user(format!(
            "the corpus at commit {} does not load: {first}{more}",
            short(commit)
        )));
    }
    let questions: usize = parsed.iter().map(|p| p.questions.len()).sum();
    if questions == 0 {
        return Err(Error::user(format!(
            "commit {} holds no corpus files (`*.yaml` with questions)",
            short(commit)
        )));
    }
    Ok(questions)
}

fn git() -> Command {
    let mut command = Command::new("git");
    // A prompt for a password would wait on a terminal the user may not be watching.
    command.env("GIT_TERMINAL_PROMPT", "0");
    command
}

/// Runs `command`, returning its standard output, or its last line of stderr as the error.
fn run(mut command: Command, what: &str) -> Result<String> {
    let output = command.output().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::user("git is not installed: qbank fetches shared banks with your git")
        } else {
            Error::io(format!("cannot run {what}"), e)
        }
    })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let lines = || stderr.lines().map(str::trim).filter(|l| !l.is_empty());
        let reason = lines()
            .find(|l| l.starts_with("fatal:") || l.starts_with("error:"))
            .or_else(|| lines().next_back())
            .unwrap_or("no message");
        return Err(Error::user(format!("{what} failed: {reason}")));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn check_name(name: &str) -> Result<()> {
    let fine = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with(['-', '.'])
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if fine {
        Ok(())
    } else {
        Err(Error::user(format!(
            "`{name}` cannot name a source: use letters, digits, `-`, `_` and `.` (at most 64, not first `-` or `.`)"
        )))
    }
}

fn find<'a>(sources: &'a mut [Source], name: &str) -> Result<&'a mut Source> {
    let names: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
    sources.iter_mut().find(|s| s.name == name).ok_or_else(|| unknown_names(&names, name))
}

fn unknown(sources: &[Source], name: &str) -> Error {
    unknown_names(&sources.iter().map(|s| s.name.clone()).collect::<Vec<_>>(), name)
}

fn unknown_names(names: &[String], name: &str) -> Error {
    if names.is_empty() {
        return Error::user(format!(
            "no source named `{name}`: there are none yet (`qbank source add NAME URL`)"
        ));
    }
    let listed: Vec<&str> = names.iter().map(String::as_str).collect();
    let hint =
        crate::text::suggest::did_you_mean_or_list(name, listed.iter().copied(), &listed, "the sources");
    Error::user(format!("no source named `{name}`{hint}"))
}

/// A commit as people read it.
pub fn short(commit: &str) -> &str {
    commit.get(..10).unwrap_or(commit)
}
