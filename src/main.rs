use std::process::ExitCode;

use clap::Parser;

use qbank::cli::Cli;
use qbank::exit::Exit;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match qbank::run(cli) {
        Ok(exit) => exit.into(),
        Err(error) if error.is_broken_pipe() => Exit::Success.into(),
        Err(error) => {
            eprintln!("error: {error}");
            Exit::Error.into()
        }
    }
}
