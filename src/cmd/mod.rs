//! The command layer: the command line's definition, the arguments several commands share
//! (`args`), the dispatch, and one small module per subcommand. Commands ask the domain and
//! hand the results to `render`; nothing below this layer imports it.

mod args;
mod completions;
mod config;
mod due;
mod export;
mod guide;
mod history;
mod import;
mod judge;
mod kit;
mod list;
mod man;
mod mock;
mod note;
mod notes;
mod practice;
mod random;
mod review;
mod rounds;
mod search;
mod show;
mod source;
mod stats;
mod suspend;
mod tags;
mod undo;
mod validate;

use std::io::IsTerminal;
use std::path::Path;

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::loader::{self, Sources};
use crate::model::{Corpus, Question};
use crate::practice::calendar::Calendar;
use crate::practice::history::{History, Loaded};
use crate::query::{self, Filter, terms};
use crate::render::sanitize::clean_lines;
use crate::render::{self, Output};
use crate::sys::fs as fsutil;
use args::{FilterArgs, GlobalArgs};

/// An interview question bank for senior software and backend engineers.
#[derive(Debug, Parser)]
#[command(name = "qbank", version, about, propagate_version = true, max_term_width = 100)]
#[command(after_help = "Run `qbank guide` for the interview rounds and answer frameworks.")]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List questions, one per line
    List(list::Args),
    /// Show questions in full
    Show(show::Args),
    /// Draw random questions
    Random(random::Args),
    /// Full-text search, best matches first
    Search(search::Args),
    /// Tags with how many questions carry each
    Tags(tags::Args),
    /// Instant feedback on a typed answer: signals, structure, red flags, pace
    Review(review::Args),
    /// Check or measure the judge: the offline analyser or an OpenAI-compatible model
    Judge(judge::Args),
    /// The interview rounds, in order, with their question counts
    Rounds(rounds::Args),
    /// The interview guide: rounds, answer frameworks, evaluation, pitfalls
    Guide(guide::Args),
    /// Check corpus files and report every problem
    Validate(validate::Args),
    /// A printable, reproducible interview kit: questions per round, rubric and scorecard
    Kit(kit::Args),
    /// Write questions as Markdown, JSON, YAML, CSV or an Anki deck
    Export(export::Args),
    /// Turn a CSV, JSON, Anki or YAML file into corpus YAML with fresh ids
    Import(import::Args),
    /// Rehearse: timed answers, self-grades, spaced repetition
    Practice(practice::Args),
    /// Write your own story for a question, in your editor
    Note(note::Args),
    /// The questions you have written a note for
    Notes(notes::Args),
    /// Past practice attempts, with what you typed
    History(history::Args),
    /// Practice statistics: grades, strength by round and tag, streak, story gaps
    Stats(stats::Args),
    /// A full mock interview loop, round by round, with a scorecard
    Mock(mock::Args),
    /// Questions due for practice now, and when the next ones are
    Due(due::Args),
    /// Take back the last recorded grade (the history keeps it, marked undone)
    Undo(undo::Args),
    /// Shared question banks from git: add, update, list, remove
    Source(source::Args),
    /// Keep questions out of practice, `--due` and mock draws
    Suspend(suspend::Args),
    /// Let suspended questions be drawn again
    Unsuspend(suspend::Args),
    /// The settings from the config files (yours and the team's .qbank.toml), and where each came from
    Config(config::Args),
    /// Print a shell completion script
    Completions(completions::Args),
    /// Print the manual page, or write every page to a folder
    Man(man::Args),
}

/// Reads the config files, once, and registers the team's rounds and competencies, so that
/// the command line and the corpus can name them: called before the command line is parsed.
/// A file that does not read is reported by [`run`], so that `--help` still works.
pub fn prepare() -> Result<Config> {
    let config = Config::load(&std::env::current_dir().unwrap_or_default())?;
    crate::config::register_rounds(&config)?;
    crate::config::register_competencies(&config)?;
    Ok(config)
}

/// Runs one parsed command line with the config [`prepare`] read.
pub fn run(cli: &Cli, config: Result<Config>) -> Result<Exit> {
    render::style::init(cli.global.color);
    crate::sys::clock::init()?;
    let ctx = Context::new(&cli.global, config?);
    match &cli.command {
        Command::List(args) => list::run(&ctx, args),
        Command::Show(args) => show::run(&ctx, args),
        Command::Random(args) => random::run(&ctx, args),
        Command::Search(args) => search::run(&ctx, args),
        Command::Tags(args) => tags::run(&ctx, args),
        Command::Review(args) => review::run(&ctx, args),
        Command::Judge(args) => judge::run(&ctx, args),
        Command::Rounds(args) => rounds::run(&ctx, args),
        Command::Guide(args) => guide::run(args),
        Command::Validate(args) => validate::run(&ctx, args),
        Command::Kit(args) => kit::run(&ctx, args),
        Command::Export(args) => export::run(&ctx, args),
        Command::Import(args) => import::run(&ctx, args),
        Command::Practice(args) => practice::run(&ctx, args),
        Command::Note(args) => note::run(&ctx, args),
        Command::Notes(args) => notes::run(&ctx, args),
        Command::History(args) => history::run(&ctx, args),
        Command::Stats(args) => stats::run(&ctx, args),
        Command::Mock(args) => mock::run(&ctx, args),
        Command::Due(args) => due::run(&ctx, args),
        Command::Undo(args) => undo::run(&ctx, args),
        Command::Source(args) => source::run(args),
        Command::Suspend(args) => suspend::run(&ctx, args, true),
        Command::Unsuspend(args) => suspend::run(&ctx, args, false),
        Command::Config(args) => config::run(&ctx, args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
    }
}

/// What every command needs to know beyond its own arguments.
pub struct Context {
    pub sources: Sources,
    /// The user's and the team's config files, merged.
    pub config: Config,
    /// Log each request to the judge on stderr.
    pub verbose: bool,
}

impl Context {
    /// Sources: the built-in corpus unless --no-builtin, then QBANK_CORPUS, then --corpus.
    pub fn new(global: &GlobalArgs, config: Config) -> Context {
        // Shared sources first, then the config files', QBANK_CORPUS, --corpus: later add to earlier.
        let mut paths = source_folders();
        paths.extend(config.corpus.iter().map(|s| s.value.clone()));
        if let Some(value) = std::env::var_os("QBANK_CORPUS") {
            paths.extend(std::env::split_paths(&value).filter(|p| !p.as_os_str().is_empty()));
        }
        paths.extend(global.corpus.iter().cloned());
        let cache = if global.no_cache { None } else { crate::sys::paths::cache_dir().ok() };
        let builtin = !global.no_builtin && config.builtin.as_ref().is_none_or(|b| b.value);
        Context { sources: Sources { builtin, paths, cache }, config, verbose: global.verbose }
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

/// The clones of the shared git sources, which every command loads. A list that cannot be read
/// is reported, and the sources are left out rather than failing every command.
fn source_folders() -> Vec<std::path::PathBuf> {
    let Ok(registry) = crate::sources::Registry::open() else { return Vec::new() };
    match registry.list() {
        Ok(sources) => sources.iter().map(|s| registry.folder(&s.name)).filter(|f| f.is_dir()).collect(),
        Err(e) => {
            render::warning(format_args!("{e}; shared sources are not loaded"));
            Vec::new()
        }
    }
}

/// The question with `id`, or an error that points at the ids that do exist.
pub fn find(corpus: &Corpus, id: u64) -> Result<&Question> {
    corpus.get(id).ok_or_else(|| {
        let hint = match corpus.neighbours(id) {
            (Some(below), Some(above)) => format!("; the nearest ids are {below} and {above}"),
            (Some(below), None) => format!("; the highest id is {below}"),
            (None, Some(above)) => format!("; the lowest id is {above}"),
            (None, None) => String::new(),
        };
        Error::user(format!("no question with id {id}{hint} (`qbank list` shows them all)"))
    })
}

/// The user's history and what it holds; what was wrong with it is reported on stderr.
pub fn load_history() -> Result<(History, Loaded)> {
    let mut history = History::open()?;
    let loaded = history.load()?;
    for problem in render::practice::history_problems(&loaded, history.path()) {
        render::message(problem);
    }
    Ok((history, loaded))
}

/// When a practice day starts: `QBANK_DAY_STARTS_AT` (an hour, 0 to 23), else 4:00.
pub fn calendar(config: &Config) -> Result<Calendar> {
    let Some(text) = std::env::var_os("QBANK_DAY_STARTS_AT").filter(|v| !v.is_empty()) else {
        return match &config.day_starts_at {
            None => Ok(Calendar::default()),
            Some(hour) => Calendar::starting_at(u32::from(hour.value)).ok_or_else(|| {
                Error::user(format!(
                    "{}: practice.day_starts_at is {}; give the hour a practice day starts at, 0 to 23",
                    hour.from.display(),
                    hour.value
                ))
            }),
        };
    };
    let text = text.to_string_lossy();
    text.trim().parse().ok().and_then(Calendar::starting_at).ok_or_else(|| {
        Error::user(format!(
            "QBANK_DAY_STARTS_AT is `{text}`; give the hour a practice day starts at, 0 to 23"
        ))
    })
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
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn shell_words_quote_only_what_needs_it() {
        let words = ["qbank", "--text", "cache it's", "", "a,b"].map(String::from);
        assert_eq!(shell_words(&words), "qbank --text 'cache it'\\''s' '' a,b");
    }
}
