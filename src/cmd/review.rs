//! `qbank review ID [--answer FILE|- | --note]`: instant feedback on an answer written elsewhere.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cmd::args::JudgeArgs;
use crate::cmd::{Context, find, judge};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::judge::{Submission, judge_or_fallback};
use crate::practice::notes::Notes;
use crate::practice::time::{self, TimeLimit};
use crate::render::{self, Output, ReportFormat};
use crate::sys::fs as fsutil;

/// Answers longer than this are refused rather than read into memory.
const MAX_ANSWER_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The question the answer is for, as `qbank list` shows it
    #[arg(value_name = "ID", value_parser = crate::cmd::args::parse_id, allow_negative_numbers = true)]
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
    pub format: ReportFormat,

    #[command(flatten)]
    pub judge: JudgeArgs,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let corpus = ctx.corpus()?;
    let question = find(corpus, args.id)?;
    let answer = if args.note { read_note(question.id)? } else { read_answer(&args.answer)? };
    let limit = args.time.and_then(TimeLimit::duration);
    let judge = judge::judge(&args.judge, &ctx.config, ctx.verbose)?;
    let submission = Submission { question, answer: &answer, follow_ups: &[], limit };
    let judgement = judge_or_fallback(judge.as_ref(), &submission);
    if let Some(why) = &judgement.fallback {
        render::note(format_args!("{why}; this is the offline analyser's feedback"));
    }
    let mut out = Output::stdout();
    let width = out.wrap_width();
    // Without a judge the report and its JSON keep the shape they had before judges existed;
    // with one, the JSON is always the judgement (its `fallback` says when the analyser stood in).
    let configured = !judge.is_offline();
    match args.format {
        ReportFormat::Text if judgement.fallback.is_none() && configured => {
            out.write_str(&render::judge::judgement(&judgement, width))?;
        }
        ReportFormat::Text => out.write_str(&render::feedback::feedback(&judgement.offline, width))?,
        ReportFormat::Json if configured => out.json(&judgement)?,
        ReportFormat::Json => out.json(&judgement.offline)?,
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
fn read_answer(path: &Path) -> Result<String> {
    let read = if path.as_os_str() == "-" {
        if std::io::stdin().is_terminal() {
            render::note("type or paste the answer, then press Ctrl-D (or use --answer FILE)");
        }
        fsutil::read_limited(std::io::stdin().lock(), MAX_ANSWER_BYTES)
    } else {
        fsutil::read_regular(path, MAX_ANSWER_BYTES)
    };
    let name =
        if path.as_os_str() == "-" { "standard input".to_string() } else { format!("`{}`", path.display()) };
    let bytes = read.map_err(|e| Error::user(format!("cannot read the answer from {name}: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
