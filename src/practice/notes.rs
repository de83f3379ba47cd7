//! The story bank: one Markdown note per question, the candidate's own words, kept in the
//! data folder as `notes/ID.md` and edited in their `$VISUAL`/`$EDITOR`.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::Question;
use crate::sys::editor;
use crate::sys::fs::{self as fsutil, ReadError};

/// Notes larger than this are refused: a story is a page or two, not megabytes.
pub const MAX_NOTE_BYTES: u64 = 16 << 20;

/// The notes folder.
pub struct Notes {
    dir: PathBuf,
}

/// What an edit did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edited {
    Saved,
    Unchanged,
    /// The editor left the note empty: the note is gone.
    Removed,
}

/// Text from an earlier edit that was not saved (its qbank was killed) and is kept for the
/// user under a name of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rescued {
    pub id: u64,
    pub path: PathBuf,
}

impl Notes {
    pub fn open() -> Result<Notes> {
        Ok(Notes::in_dir(&crate::sys::paths::data_dir()?))
    }

    pub fn in_dir(data_dir: &Path) -> Notes {
        Notes { dir: data_dir.join("notes") }
    }

    pub fn path(&self, id: u64) -> PathBuf {
        self.dir.join(format!("{id}.md"))
    }

    /// The note for `id`, if there is one, for reading (bytes that are not UTF-8 shown as U+FFFD).
    pub fn read(&self, id: u64) -> Result<Option<String>> {
        Ok(self.read_bytes(id)?.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()))
    }

    /// The note's bytes exactly as they are on disk.
    fn read_bytes(&self, id: u64) -> Result<Option<Vec<u8>>> {
        let path = self.path(id);
        match fsutil::read_regular(&path, MAX_NOTE_BYTES) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(ReadError::NotFound) => Ok(None),
            Err(e) => Err(Error::user(format!("cannot read `{}`: {e}", path.display()))),
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
    ///
    /// The editor works on a copy beside the note, which replaces the note atomically (keeping
    /// a link and the file's mode) only when it changed and the editor succeeded; an empty copy
    /// removes the note. One `qbank note` per question at a time. Whenever the edit cannot be
    /// saved, the edited text is kept under a name of its own, and the error says where.
    pub fn edit(&self, question: &Question, program: &[String]) -> Result<Edited> {
        let id = question.id;
        fs::create_dir_all(&self.dir)
            .map_err(|e| Error::io(format!("cannot create `{}`", self.dir.display()), e))?;
        let _lock = self.lock(id)?.ok_or_else(|| {
            Error::user(format!(
                "the note for #{id} is open in another `qbank note {id}`: finish that edit first"
            ))
        })?;
        let before = self.read_bytes(id)?;
        let start = before.clone().unwrap_or_else(|| outline(question).into_bytes());
        let copy = self.copy_for_editing(id, &start)?;
        let outcome = editor::run(program, &copy);
        let after = match fsutil::read_regular(&copy, MAX_NOTE_BYTES) {
            Ok(after) => after,
            Err(e) => return Err(self.kept(id, &copy, &format!("cannot read the edited note: {e}"))),
        };
        if after == start {
            let _ = fs::remove_file(&copy);
            return outcome.map(|()| Edited::Unchanged);
        }
        if let Err(failed) = outcome {
            return Err(self.kept(id, &copy, &failed.to_string()));
        }
        if self.read_bytes(id)? != before {
            return Err(self.kept(id, &copy, "the note changed on disk while you were editing it"));
        }
        let path = self.path(id);
        if after.iter().all(u8::is_ascii_whitespace) {
            let _ = fs::remove_file(&copy);
            if before.is_none() {
                return Ok(Edited::Unchanged);
            }
            fs::remove_file(&path)
                .map_err(|e| Error::io(format!("cannot remove `{}`", path.display()), e))?;
            return Ok(Edited::Removed);
        }
        if let Err(e) = fsutil::write_atomic(&path, &after) {
            let reason = format!("cannot write `{}`: {}", path.display(), crate::error::io_reason(&e));
            return Err(self.kept(id, &copy, &reason));
        }
        let _ = fs::remove_file(&copy);
        Ok(Edited::Saved)
    }

    /// Keeps the edited copy of note `id` for the user and says where, with why it was not saved.
    fn kept(&self, id: u64, copy: &Path, reason: &str) -> Error {
        match self.rescue(id, copy) {
            Ok(path) => Error::user(format!(
                "{reason}; the note was not changed, and your text is kept in `{}`",
                path.display()
            )),
            Err(_) => Error::user(format!(
                "{reason}; the note was not changed, and your text is in `{}`",
                copy.display()
            )),
        }
    }

    /// Renames an edited copy to `ID.unsaved-TIME.md`, a name no later edit overwrites.
    fn rescue(&self, id: u64, copy: &Path) -> io::Result<PathBuf> {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        for attempt in 0..100 {
            let suffix = if attempt == 0 { String::new() } else { format!("-{attempt}") };
            let path = self.dir.join(format!("{id}.unsaved-{stamp}{suffix}.md"));
            if !path.exists() {
                fs::rename(copy, &path)?;
                return Ok(path);
            }
        }
        Err(io::Error::other("no free name for the unsaved copy"))
    }

    /// A copy of `start` for the editor, hidden in the notes folder and named after the note.
    fn copy_for_editing(&self, id: u64, start: &[u8]) -> Result<PathBuf> {
        let cannot = |e| Error::io(format!("cannot write a copy of the note in `{}`", self.dir.display()), e);
        let (mut file, path) = tempfile::Builder::new()
            .prefix(&edit_prefix(id))
            .suffix(".md")
            .tempfile_in(&self.dir)
            .and_then(|temp| temp.keep().map_err(|e| e.error))
            .map_err(cannot)?;
        if let Err(e) = file.write_all(start).and_then(|_| file.sync_all()) {
            let _ = fs::remove_file(&path);
            return Err(cannot(e));
        }
        Ok(path)
    }

    /// The edit lock of note `id`, or None while another qbank holds it. The lock files are
    /// permanent: removing one would race with the next qbank that takes it.
    fn lock(&self, id: u64) -> Result<Option<File>> {
        let path = self.dir.join(format!(".{id}.lock"));
        let cannot = |e| Error::io(format!("cannot lock `{}`", path.display()), e);
        let file = OpenOptions::new().write(true).create(true).truncate(false).open(&path).map_err(cannot)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(file)),
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            Err(fs::TryLockError::Error(e)) => Err(cannot(e)),
        }
    }

    /// Copies that editors left behind when their qbank was killed. For each note whose lock is
    /// free, a copy that differs from the note is kept for the user under `ID.unsaved-TIME.md`,
    /// and the rest are removed.
    pub fn rescue_stale_edits(&self) -> Result<Vec<Rescued>> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(format!("cannot read `{}`", self.dir.display()), e)),
        };
        let mut stale: Vec<(u64, PathBuf)> = entries
            .filter_map(|entry| {
                let entry = entry.ok()?;
                let name = entry.file_name().into_string().ok()?;
                let id = name.strip_prefix('.')?.strip_suffix(".md")?.split_once(".edit-")?.0.parse().ok()?;
                Some((id, entry.path()))
            })
            .collect();
        stale.sort();
        let mut rescued = Vec::new();
        for (id, copy) in stale {
            let Some(_lock) = self.lock(id)? else { continue };
            let note = self.read_bytes(id).unwrap_or(None);
            let text = fs::read(&copy).unwrap_or_default();
            let worth_keeping = !text.iter().all(u8::is_ascii_whitespace)
                && Some(&text) != note.as_ref()
                && !is_untouched_outline(&text);
            if worth_keeping && let Ok(path) = self.rescue(id, &copy) {
                rescued.push(Rescued { id, path });
            } else {
                let _ = fs::remove_file(&copy);
            }
        }
        Ok(rescued)
    }
}

/// `.ID.edit-`: the editor's copies are hidden and name their note.
fn edit_prefix(id: u64) -> String {
    format!(".{id}.edit-")
}

/// A new note's outline that nobody typed into.
fn is_untouched_outline(text: &[u8]) -> bool {
    std::str::from_utf8(text).is_ok_and(|text| own_words(text).is_empty())
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
