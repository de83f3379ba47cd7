use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use qbank::cmd::{self, Cli};
use qbank::exit::Exit;
use qbank::render;

fn main() -> ExitCode {
    // A team's own rounds must be known before the command line is read (`--round coding`).
    let config = cmd::prepare();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage(&error),
    };
    match cmd::run(&cli, config) {
        Ok(exit) => exit.into(),
        Err(error) if error.is_broken_pipe() => Exit::Success.into(),
        Err(error) => {
            render::message(format_args!("error: {error}"));
            Exit::Error.into()
        }
    }
}

/// Help and version as clap prints them; a usage error quotes what was typed, so it is
/// printed like every other message, with control characters made visible.
fn usage(error: &clap::Error) -> ExitCode {
    match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
        }
        _ => {
            render::message(error.render().to_string().trim_end());
            Exit::Error.into()
        }
    }
}
