//! `qbank random`: questions drawn at random, reproducibly with --seed.

use crate::cmd::args::FilterArgs;
use crate::cmd::{Context, NO_MATCH, no_match};
use crate::error::Result;
use crate::exit::Exit;
use crate::query::draw;
use crate::render::text::{self, CardOptions};
use crate::render::{self, Format, Output};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filters: FilterArgs,

    /// How many distinct questions to draw
    #[arg(long, short = 'n', default_value_t = 1, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub count: u64,

    /// Draw the same questions every time for the same seed and corpus
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,

    /// Show the sample answer and what a strong answer shows
    #[arg(long, short = 'a')]
    pub answer: bool,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let Some(pool) = ctx.matching(&args.filters)? else { return Ok(no_match(NO_MATCH)) };
    let wanted = usize::try_from(args.count).unwrap_or(usize::MAX);
    if wanted > pool.len() {
        render::note(format_args!("only {} questions match; drawing all of them, shuffled", pool.len()));
    }
    let seed = args.seed.unwrap_or_else(draw::fresh_seed);
    let questions = draw::draw(pool, wanted, seed);
    let mut out = Output::stdout();
    if args.format == Format::Text {
        text::cards(&mut out, &questions, CardOptions { reveal: args.answer })?;
    } else {
        render::machine(&mut out, args.format, &questions)?;
    }
    out.flush()?;
    Ok(Exit::Success)
}
