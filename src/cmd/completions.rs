//! `qbank completions SHELL`: a completion script for the shell.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cmd::Cli;
use crate::error::Result;
use crate::exit::Exit;
use crate::render::Output;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: &Args) -> Result<Exit> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "qbank", &mut script);
    let mut out = Output::stdout();
    out.write_str(&String::from_utf8_lossy(&script))?;
    out.flush()?;
    Ok(Exit::Success)
}
