//! `qbank history [ID]`: past attempts with what was typed, and answers saved ungraded, oldest
//! first.

use crate::cmd::args::parse_id;
use crate::cmd::{Context, find, load_history, no_match};
use crate::error::Result;
use crate::exit::Exit;
use crate::practice::history::Record;
use crate::render::ReportFormat;
use crate::render::{Output, practice as view};
use crate::text::human;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only attempts at this question
    #[arg(value_name = "ID", value_parser = parse_id)]
    pub id: Option<u64>,

    /// Only the N most recent entries
    #[arg(long, value_name = "N")]
    pub last: Option<usize>,

    /// Output format (json: every field of every entry, with its `kind`: attempt or draft)
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: ReportFormat,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let corpus = ctx.corpus()?;
    let (_, loaded) = load_history()?;
    // Graded attempts that still count and answers waiting to be resumed; undone grades and
    // suspensions are records too, but not answers.
    let mut entries: Vec<Record> = loaded
        .attempts
        .iter()
        .cloned()
        .map(Record::Attempt)
        .chain(loaded.drafts.iter().cloned().map(Record::Draft))
        .filter(|record| args.id.is_none_or(|id| record.id() == id))
        .collect();
    if entries.is_empty() {
        if let Some(id) = args.id {
            find(corpus, id)?;
            return Ok(no_match(&format!("no attempts at #{id} yet")));
        }
        return Ok(no_match("no attempts yet: `qbank practice` records them"));
    }
    entries.sort_by_key(|record| match record {
        Record::Attempt(a) => a.started_at,
        Record::Draft(d) => d.started_at,
        _ => chrono::DateTime::<chrono::Utc>::MIN_UTC,
    });
    let skip = entries.len().saturating_sub(args.last.unwrap_or(usize::MAX));
    let entries = &entries[skip..];
    let mut out = Output::stdout();
    match args.format {
        ReportFormat::Json => out.json(entries)?,
        ReportFormat::Text => {
            let (columns, width) = (out.columns, out.wrap_width());
            for record in entries {
                match record {
                    Record::Attempt(a) => {
                        out.write_str(&view::attempt(a, corpus.get(a.id), columns, width))?;
                    }
                    Record::Draft(d) => out.write_str(&view::draft(d, corpus.get(d.id), columns, width))?,
                    _ => {}
                }
            }
            let drafts = entries.iter().filter(|r| matches!(r, Record::Draft(_))).count();
            if drafts > 0 {
                out.line("")?;
                out.line(format!(
                    "{} saved ungraded: `qbank practice --resume` offers {} again.",
                    human::plural(drafts as i64, "draft"),
                    if drafts == 1 { "it" } else { "them" }
                ))?;
            }
        }
    }
    out.flush()?;
    Ok(Exit::Success)
}
