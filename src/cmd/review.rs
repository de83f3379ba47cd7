//! `qbank review ID [--answer FILE|- | --note]`: instant feedback on an answer written elsewhere.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;

use crate::cmd::Context;
use crate::cmd::show::find;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::feedback::analyse;
use crate::practice::notes::Notes;
use crate::practice::time::{self, TimeLimit};
use crate::render::{self, Output};

/// Answers longer than this are refused rather than read into memory.
const MAX_ANSWER_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The question the answer is for, as `qbank list` shows it
    #[arg(value_name = "ID", value_parser = crate::cli::parse_id, allow_negative_numbers = true)]
    pub id: u64,

    /// Read the answer from FILE, or from standard input with `-` (the default)
    #[arg(long, short = 'a', value_name = "FILE", default_value = "-")]
    pub answer: PathBuf,

    /// Review your own note for the question instead (the story `qbank note ID` keeps)
    #[arg(long, conflicts_with = "answer")]
    pub note: bool,

    /// The answer's time limit, e.g. 90s, 3m, 1m30s; 0 for none (judges the pace)
    #[arg(long, value_name = "DURATION", value_parser = time::parse_limit)]
    pub time: Option<TimeLimit>,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: ReviewFormat,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ReviewFormat {
    #[default]
    Text,
    Json,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let corpus = ctx.corpus()?;
    let question = find(corpus, args.id)?;
    let answer = if args.note { read_note(question.id)? } else { read_answer(&args.answer)? };
    let feedback = analyse(question, &answer, args.time.and_then(TimeLimit::duration));
    let mut out = Output::stdout();
    match args.format {
        ReviewFormat::Text => out.write_str(&render::feedback::feedback(&feedback, out.wrap_width()))?,
        ReviewFormat::Json => out.json(&feedback)?,
    }
    out.flush()?;
    Ok(Exit::Success)
}

/// The story in the candidate's note for question `id`.
fn read_note(id: u64) -> Result<String> {
    Notes::open()?.story(id)?.ok_or_else(|| {
        Error::user(format!("question {id} has no note to review: `qbank note {id}` writes one"))
    })
}

/// The answer text from a file or stdin; invalid UTF-8 is replaced, not refused.
fn read_answer(path: &PathBuf) -> Result<String> {
    let mut bytes = Vec::new();
    let (name, read) = if path.as_os_str() == "-" {
        if std::io::stdin().is_terminal() {
            eprintln!("note: type or paste the answer, then press Ctrl-D (or use --answer FILE)");
        }
        (
            "standard input".to_string(),
            std::io::stdin().lock().take(MAX_ANSWER_BYTES + 1).read_to_end(&mut bytes),
        )
    } else {
        let name = format!("`{}`", path.display());
        match std::fs::File::open(path) {
            Ok(file) => (name, file.take(MAX_ANSWER_BYTES + 1).read_to_end(&mut bytes)),
            Err(e) => return Err(Error::io(format!("cannot read the answer {name}"), e)),
        }
    };
    read.map_err(|e| Error::io(format!("cannot read the answer from {name}"), e))?;
    if bytes.len() as u64 > MAX_ANSWER_BYTES {
        return Err(Error::user(format!(
            "the answer from {name} is over {} MB: review one answer at a time",
            MAX_ANSWER_BYTES / 1024 / 1024
        )));
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
