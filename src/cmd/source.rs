//! `qbank source add|update|list|remove`: shared question banks from git repositories.

use clap::Subcommand;

use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render::{self, Output, ReportFormat};
use crate::sources::Registry;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, Subcommand)]
pub enum Action {
    /// Clone a git repository's questions as source NAME (every command then loads them)
    Add {
        /// A short name for the source, e.g. `team`
        name: String,
        /// Any URL git clones: https://..., git@host:repo.git, file:///path, a local path
        url: String,
        /// The branch or tag to follow [default: the repository's default branch]
        #[arg(long = "ref", value_name = "BRANCH|TAG")]
        reference: Option<String>,
    },
    /// Fetch the newest commit of one source, or of all; a failed update keeps the commit in use
    Update {
        /// The source to update [default: all]
        name: Option<String>,
    },
    /// The sources, the commit each is pinned to, and where they come from
    List {
        /// Output format
        #[arg(long, short = 'f', value_enum, default_value_t)]
        format: ReportFormat,
    },
    /// Forget a source and delete its clone
    Remove { name: String },
}

pub fn run(args: &Args) -> Result<Exit> {
    let registry = Registry::open()?;
    let mut out = Output::stdout();
    match &args.action {
        Action::Add { name, url, reference } => {
            out.write_str(&render::sources::added(&registry.add(name, url, reference.as_deref())?))?;
        }
        Action::Update { name } => {
            let names: Vec<String> = match name {
                Some(name) => vec![name.clone()],
                None => registry.list()?.into_iter().map(|s| s.name).collect(),
            };
            if names.is_empty() {
                return Err(Error::user(
                    "there are no sources to update: `qbank source add NAME URL` adds one",
                ));
            }
            let mut failed = 0;
            for name in names {
                match registry.update(&name) {
                    Ok(updated) => out.write_str(&render::sources::updated(&name, &updated))?,
                    Err(e) => {
                        out.flush()?;
                        render::message(format_args!("error: {e}"));
                        failed += 1;
                    }
                }
            }
            out.flush()?;
            if failed > 0 {
                return Ok(Exit::Error);
            }
        }
        Action::List { format: ReportFormat::Json } => out.json(&registry.list()?)?,
        Action::List { format: ReportFormat::Text } => {
            out.write_str(&render::sources::list(&registry.list()?))?;
        }
        Action::Remove { name } => out.write_str(&render::sources::removed(&registry.remove(name)?))?,
    }
    out.flush()?;
    Ok(Exit::Success)
}
