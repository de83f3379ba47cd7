//! qbank: an interview question bank. The corpus is loaded by `loader`, filtered by `query`
//! and presented by the commands in `cmd` through `render`.

pub mod cli;
pub mod cmd;
pub mod error;
pub mod exit;
pub mod export;
pub mod feedback;
pub mod fsutil;
pub mod guide;
pub mod import;
pub mod lint;
pub mod loader;
pub mod model;
pub mod paths;
pub mod practice;
pub mod query;
pub mod render;
pub mod signals;
pub mod suggest;

use cli::{Cli, Command};
use cmd::Context;
use error::Result;
use exit::Exit;

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<Exit> {
    render::style::init(cli.global.color);
    let ctx = Context::new(&cli.global);
    match &cli.command {
        Command::List(args) => cmd::list::run(&ctx, args),
        Command::Show(args) => cmd::show::run(&ctx, args),
        Command::Random(args) => cmd::random::run(&ctx, args),
        Command::Search(args) => cmd::search::run(&ctx, args),
        Command::Tags(args) => cmd::tags::run(&ctx, args),
        Command::Review(args) => cmd::review::run(&ctx, args),
        Command::Rounds(args) => cmd::rounds::run(&ctx, args),
        Command::Guide(args) => cmd::guide::run(args),
        Command::Validate(args) => cmd::validate::run(&ctx, args),
        Command::Kit(args) => cmd::kit::run(&ctx, args),
        Command::Export(args) => cmd::export::run(&ctx, args),
        Command::Import(args) => cmd::import::run(&ctx, args),
        Command::Practice(args) => cmd::practice::run(&ctx, args),
        Command::Note(args) => cmd::note::run(&ctx, args),
        Command::Notes(args) => cmd::notes::run(&ctx, args),
        Command::History(args) => cmd::history::run(&ctx, args),
        Command::Stats(args) => cmd::stats::run(&ctx, args),
        Command::Mock(args) => cmd::mock::run(&ctx, args),
        Command::Due(args) => cmd::due::run(&ctx, args),
        Command::Completions(args) => cmd::completions::run(args),
    }
}
