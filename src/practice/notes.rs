//! The story bank: one Markdown note per question, the candidate's own words, kept in the
//! data folder as `notes/ID.md` and edited in their `$VISUAL`/`$EDITOR`.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{Error, Result};
use crate::fsutil;
use crate::model::Question;

/// The notes folder.
pub struct Notes {
    dir: PathBuf,
}

/// What an edit did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edited {
    Saved,
    Unchanged,
    /// The editor left the note empty: the note is gone.
    Removed,
}

impl Notes {
    pub fn open() -> Result<Notes> {
        Ok(Notes::in_dir(&crate::paths::data_dir()?))
    }

    pub fn in_dir(data_dir: &Path) -> Notes {
        Notes { dir: data_dir.join("notes") }
    }

    pub fn path(&self, id: u64) -> PathBuf {
        self.dir.join(format!("{id}.md"))
    }

    /// The note for `id`, if there is one.
    pub fn read(&self, id: u64) -> Result<Option<String>> {
        match fs::read(self.path(id)) {
            Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(format!("cannot read `{}`", self.path(id).display()), e)),
        }
    }

    /// The candidate's own words in the note for `id`, if there is one: the note without the
    /// outline a new note starts from, so the analyser judges the story, not the headings.
    pub fn story(&self, id: u64) -> Result<Option<String>> {
        Ok(self.read(id)?.map(|note| own_words(&note)))
    }

    /// Ids that have a note, in order.
    pub fn ids(&self) -> Result<Vec<u64>> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(format!("cannot read `{}`", self.dir.display()), e)),
        };
        let mut ids: Vec<u64> = entries
            .filter_map(|entry| entry.ok()?.file_name().to_str()?.strip_suffix(".md")?.parse().ok())
            .collect();
        ids.sort_unstable();
        Ok(ids)
    }

    /// Opens the note (or a STAR outline for a new one) in the editor, run without a shell.
    /// The editor works on a temp file beside the note, which replaces the note atomically
    /// only when it changed; an empty file removes the note.
    pub fn edit(&self, question: &Question, editor: &[String]) -> Result<Edited> {
        let path = self.path(question.id);
        fs::create_dir_all(&self.dir)
            .map_err(|e| Error::io(format!("cannot create `{}`", self.dir.display()), e))?;
        let before = self.read(question.id)?;
        let start = before.clone().unwrap_or_else(|| outline(question));
        let cannot_write = |e| Error::io(format!("cannot write a temp file in `{}`", self.dir.display()), e);
        let mut temp = tempfile::Builder::new()
            .prefix(&format!(".{}-", question.id))
            .suffix(".md")
            .tempfile_in(&self.dir)
            .map_err(cannot_write)?;
        temp.write_all(start.as_bytes()).and_then(|_| temp.flush()).map_err(cannot_write)?;
        run_editor(editor, temp.path())?;
        let after = fs::read(temp.path())
            .map_err(|e| Error::io(format!("cannot read `{}`", temp.path().display()), e))?;
        let after = String::from_utf8_lossy(&after);
        if after == start {
            return Ok(Edited::Unchanged);
        }
        let cannot = |e| Error::io(format!("cannot write `{}`", path.display()), e);
        if after.trim().is_empty() {
            if before.is_some() {
                fs::remove_file(&path).map_err(cannot)?;
            }
            return Ok(if before.is_some() { Edited::Removed } else { Edited::Unchanged });
        }
        fsutil::write_atomic(&path, after.as_bytes()).map_err(cannot)?;
        Ok(Edited::Saved)
    }
}

/// `$VISUAL`, else `$EDITOR`, else `vi`, as a program and its arguments: a value naming a
/// file is the program (spaces and all); otherwise it is split at whitespace (`code --wait`).
pub fn editor_command() -> Vec<String> {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|value| {
            if Path::new(&value).is_file() {
                vec![value]
            } else {
                value.split_whitespace().map(str::to_string).collect::<Vec<_>>()
            }
        })
        .find(|words| !words.is_empty())
        .unwrap_or_else(|| vec!["vi".to_string()])
}

/// Runs the editor on `file` and waits. Ctrl-C belongs to the editor meanwhile: qbank notes
/// SIGINT/SIGTERM instead of dying, so the temp file is always cleaned up.
fn run_editor(editor: &[String], file: &Path) -> Result<()> {
    let Some((program, args)) = editor.split_first() else {
        return Err(Error::user("no editor: set VISUAL or EDITOR"));
    };
    let signalled = Arc::new(AtomicBool::new(false));
    let mut handlers = Vec::new();
    for &signal in signal_hook::consts::TERM_SIGNALS {
        let id = signal_hook::flag::register(signal, Arc::clone(&signalled))
            .map_err(|e| Error::io("cannot handle signals", e))?;
        handlers.push(id);
    }
    let status = Command::new(program).args(args).arg(file).status();
    for id in handlers {
        signal_hook::low_level::unregister(id);
    }
    let status = status.map_err(|e| {
        Error::io(format!("cannot run the editor `{program}` (set VISUAL or EDITOR to one you have)"), e)
    })?;
    if !status.success() {
        return Err(Error::user(format!(
            "the editor `{program}` failed ({status}); the note was not changed"
        )));
    }
    if signalled.load(Ordering::Relaxed) {
        return Err(Error::user("interrupted; the note was not changed"));
    }
    Ok(())
}

/// `note` without HTML comments and without headings that only name a STAR part.
pub fn own_words(note: &str) -> String {
    let mut text = String::with_capacity(note.len());
    let mut rest = note;
    while let Some(start) = rest.find("<!--") {
        let Some(length) = rest[start..].find("-->") else { break };
        text.push_str(&rest[..start]);
        rest = &rest[start + length + "-->".len()..];
    }
    text.push_str(rest);
    text.lines().filter(|line| !is_part_heading(line)).collect::<Vec<_>>().join("\n").trim().to_string()
}

fn is_part_heading(line: &str) -> bool {
    let Some(heading) = line.trim().strip_prefix('#') else { return false };
    let name = heading.trim_start_matches('#').trim().trim_end_matches(':').to_ascii_lowercase();
    STAR_HEADINGS.contains(&name.as_str())
}

/// The headings of the outline a new note starts from, lowercased.
const STAR_HEADINGS: [&str; 4] = ["situation", "task", "action", "result"];

/// A new note: the question as a comment, then the STAR headings.
fn outline(question: &Question) -> String {
    let text = question.question.replace("--", "- -");
    format!(
        "<!-- #{}: {text}\n     Your story for this question. Save an empty file to delete the note. -->\n\n\
         ## Situation\n\n## Task\n\n## Action\n\n## Result\n",
        question.id
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_words_drop_the_outline_and_keep_the_story() {
        let note = "<!-- #7: Tell me -- about a time\n     Your story. -->\n\n## Situation\nAt my last job \
                    <!-- aside --> checkout was slow.\n\n### Result:\nP99 fell by half.\n## What I learnt\n";
        assert_eq!(
            own_words(note),
            "At my last job  checkout was slow.\n\nP99 fell by half.\n## What I learnt"
        );
        assert_eq!(own_words("<!-- only -->\n## Situation\n\n## Task\n\n## Action\n\n## Result\n"), "");
        assert_eq!(own_words("A <!-- never closed"), "A <!-- never closed", "an open comment is text");
    }
}
