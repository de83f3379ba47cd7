//! `qbank search`: full-text search, best matches first, matches highlighted.

use crate::cmd::args::FilterArgs;
use crate::cmd::{Context, filter, no_match};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::model::Question;
use crate::query::{self, search, terms};
use crate::render::Format;
use crate::render::{self, Output, text};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words to find; every one must occur (case-insensitive; "cach" finds "caching")
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Show at most this many results
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// Print whole questions instead of cutting them to the terminal width
    #[arg(long, short = 'l')]
    pub long: bool,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let terms = terms::parse_query(&args.query.join(" "));
    if terms.is_empty() {
        return Err(Error::user("search needs at least one word of letters or digits"));
    }
    let corpus = ctx.corpus()?;
    let filter = filter(&args.filters, corpus)?;
    let pool = query::select(corpus, &filter);
    let mut hits = search::search(&pool, &terms);
    hits.truncate(args.limit.unwrap_or(usize::MAX));
    if hits.is_empty() {
        return Ok(no_match(&format!("no question contains all of: {}", args.query.join(" "))));
    }
    let questions: Vec<&Question> = hits.iter().map(|h| h.question).collect();
    let mut out = Output::stdout();
    if args.format != Format::Text {
        render::machine(&mut out, args.format, &questions)?;
        return Ok(Exit::Success);
    }
    for question in questions {
        out.line(text::list_line(question, out.columns, args.long, &terms))?;
        if let Some(snippet) = text::snippet(question, &terms, out.columns.unwrap_or(render::MAX_WIDTH)) {
            out.line(snippet)?;
        }
    }
    out.flush()?;
    Ok(Exit::Success)
}
