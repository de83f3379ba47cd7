use std::process::ExitCode;

use clap::Parser;

use qbank::cli::Cli;
use qbank::exit::Exit;
use qbank::render::sanitize::clean;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match qbank::run(cli) {
        Ok(exit) => exit.into(),
        Err(error) if error.is_broken_pipe() => Exit::Success.into(),
        Err(error) => {
            // Messages quote corpus text and file names: neutralise them like any output.
            eprintln!("error: {}", clean(&error.to_string()));
            Exit::Error.into()
        }
    }
}
