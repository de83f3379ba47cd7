//! One module per subcommand; this one holds what they share.

pub mod completions;
pub mod due;
pub mod export;
pub mod guide;
pub mod history;
pub mod import;
pub mod kit;
pub mod list;
pub mod mock;
pub mod note;
pub mod notes;
pub mod practice;
pub mod random;
pub mod review;
pub mod rounds;
pub mod search;
pub mod show;
pub mod stats;
pub mod tags;
pub mod validate;

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::{FilterArgs, GlobalArgs};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::fsutil;
use crate::loader::{self, Sources};
use crate::model::{Corpus, Question};
use crate::query::{self, Filter, terms};
use crate::render;
use crate::render::Output;
use crate::render::sanitize::clean_lines;

/// What every command needs to know beyond its own arguments.
pub struct Context {
    pub sources: Sources,
}

impl Context {
    /// Sources: the built-in corpus unless --no-builtin, then QBANK_CORPUS, then --corpus.
    pub fn new(global: &GlobalArgs) -> Context {
        let mut paths: Vec<_> = std::env::var_os("QBANK_CORPUS")
            .map(|value| std::env::split_paths(&value).filter(|p| !p.as_os_str().is_empty()).collect())
            .unwrap_or_default();
        paths.extend(global.corpus.iter().cloned());
        let cache = if global.no_cache { None } else { crate::paths::cache_dir().ok() };
        Context { sources: Sources { builtin: !global.no_builtin, paths, cache } }
    }

    /// The loaded corpus, kept for the rest of the process. It is never freed: for 100,000
    /// questions, freeing their 1.5 million strings one by one took 26 ms of a 438 ms warm run
    /// (hyperfine, same run), and the operating system takes the memory back at exit in one go.
    pub fn corpus(&self) -> Result<&'static Corpus> {
        let corpus = loader::load(&self.sources)?;
        if corpus.is_empty() {
            return Err(Error::user("no questions loaded: --no-builtin needs --corpus PATH or QBANK_CORPUS"));
        }
        Ok(Box::leak(Box::new(corpus)))
    }

    /// The loaded questions that pass the command-line filters; None when none do, which the
    /// caller reports with [`no_match`] and [`NO_MATCH`].
    pub fn matching(&self, args: &FilterArgs) -> Result<Option<Vec<&'static Question>>> {
        let corpus = self.corpus()?;
        let questions = query::select(corpus, &filter(args, corpus)?);
        Ok((!questions.is_empty()).then_some(questions))
    }
}

/// What a command says when its filters match nothing.
pub const NO_MATCH: &str = "no question matches these filters";

/// The command-line filters as a query, after checking tags and roles against the corpus.
pub fn filter(args: &FilterArgs, corpus: &Corpus) -> Result<Filter> {
    let filter = Filter {
        tags: args.tags.iter().map(|t| t.trim().to_lowercase()).collect(),
        any_tag: args.any_tag,
        rounds: args.rounds.clone(),
        text: args.text.as_deref().map(terms::parse_query).unwrap_or_default(),
        competencies: args.competencies.clone(),
        roles: args.roles.iter().map(|r| r.trim().to_lowercase()).collect(),
    };
    filter.check(corpus).map_err(Error::user)?;
    Ok(filter)
}

/// A valid query that matched nothing: a note on stderr and exit code 1.
pub fn no_match(what: &str) -> Exit {
    render::note(what);
    Exit::NoMatch
}

/// `text` to the file at `path`, replaced atomically, or to standard output. A file or a pipe
/// gets the text exactly; a terminal gets it with control characters made visible, so a
/// corpus cannot drive the terminal of whoever exports it.
pub fn deliver(path: Option<&Path>, text: &str) -> Result<()> {
    match path {
        Some(path) => fsutil::write_atomic(path, text.as_bytes())
            .map_err(|e| Error::io(format!("cannot write `{}`", path.display()), e)),
        None => {
            let mut out = Output::stdout();
            if std::io::stdout().is_terminal() {
                out.write_str(&clean_lines(text))?;
            } else {
                out.write_str(text)?;
            }
            out.flush()?;
            Ok(())
        }
    }
}

/// Words joined into a command line a POSIX shell reads back as the same words.
pub fn shell_words(words: &[String]) -> String {
    words.iter().map(|w| shell_quote(w)).collect::<Vec<_>>().join(" ")
}

fn shell_quote(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./,:=@%+".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_quote_only_what_needs_it() {
        let words = ["qbank", "--text", "cache it's", "", "a,b"].map(String::from);
        assert_eq!(shell_words(&words), "qbank --text 'cache it'\\''s' '' a,b");
    }
}
