//! The user's text editor: which one (`$VISUAL`, `$EDITOR`, `vi`) and running it on a file,
//! without a shell, with the terminal's signals left to it.

use std::path::Path;
use std::process::Command;

use crate::error::{Error, Result};
use crate::sys::signals::Watch;

/// `$VISUAL`, else `$EDITOR`, else `vi`, as a program and its arguments: a value naming a
/// file is the program (spaces and all); otherwise it is split at whitespace (`code --wait`).
pub fn command() -> Vec<String> {
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

/// Runs the editor on `file` and waits. Meanwhile the terminal's signals belong to the editor
/// (as with git): qbank notes SIGINT, SIGQUIT, SIGTERM and SIGHUP instead of dying, and the
/// editor's own exit decides whether the edit is saved.
pub fn run(editor: &[String], file: &Path) -> Result<()> {
    let Some((program, args)) = editor.split_first() else {
        return Err(Error::user("no editor: set VISUAL or EDITOR"));
    };
    let watch = Watch::start().map_err(|e| Error::io("cannot handle signals", e))?;
    let status = Command::new(program).args(args).arg(file).status();
    drop(watch);
    let status = status.map_err(|e| {
        Error::io(format!("cannot run the editor `{program}` (set VISUAL or EDITOR to one you have)"), e)
    })?;
    if !status.success() {
        return Err(Error::user(format!("the editor `{program}` failed ({status})")));
    }
    Ok(())
}
