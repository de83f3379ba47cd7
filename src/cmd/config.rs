//! `qbank config`: the settings the config files make, merged, and where each came from.

use crate::cmd::Context;
use crate::config::TEAM_FILE;
use crate::error::Result;
use crate::exit::Exit;
use crate::render::{self, Output};
use crate::sys::paths;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &Context, _args: &Args) -> Result<Exit> {
    let user = paths::user_config()?;
    let team = ctx
        .config
        .files
        .iter()
        .find(|f| f.file_name().is_some_and(|n| n == TEAM_FILE))
        .map_or(format!("none ({TEAM_FILE} in this folder or one above it)"), |f| f.display().to_string());
    let mut out = Output::stdout();
    out.write_str(&render::config::config(&ctx.config, &user, &team))?;
    out.flush()?;
    Ok(Exit::Success)
}
