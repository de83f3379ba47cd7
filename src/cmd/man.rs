//! `qbank man [--out DIR]`: the manual pages, generated from the command line's definition, so
//! they say exactly what `--help` says.

use std::path::PathBuf;

use clap::CommandFactory;

use crate::cmd::{Cli, deliver};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write qbank.1 and a qbank-COMMAND.1 page for every command into DIR, instead of
    /// printing qbank.1 (read it with `qbank man | man -l -`)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn run(args: &Args) -> Result<Exit> {
    let command = Cli::command();
    let Some(dir) = &args.out else {
        deliver(None, &page(command)?)?;
        return Ok(Exit::Success);
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("cannot create `{}`", dir.display()), e))?;
    let mut written = vec![write(dir, "qbank", command.clone())?];
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("qbank-{}", sub.get_name());
        written.push(write(
            dir,
            &name,
            sub.clone().display_name(&name).bin_name(format!("qbank {}", sub.get_name())),
        )?);
    }
    render::message(format_args!("wrote {} manual pages to {}", written.len(), dir.display()));
    Ok(Exit::Success)
}

/// One page as roff text.
fn page(command: clap::Command) -> Result<String> {
    let mut bytes = Vec::new();
    clap_mangen::Man::new(command).render(&mut bytes)?;
    String::from_utf8(bytes).map_err(|e| Error::user(format!("the manual page is not UTF-8: {e}")))
}

fn write(dir: &std::path::Path, name: &str, command: clap::Command) -> Result<PathBuf> {
    let path = dir.join(format!("{name}.1"));
    deliver(Some(&path), &page(command)?)?;
    Ok(path)
}
