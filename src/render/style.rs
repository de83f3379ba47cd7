//! Colour, decided once, and styles named by what they mean.

use std::io::IsTerminal;

use colored::{ColoredString, Colorize};

/// When to colour the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set
    Auto,
    /// Colour even when piped
    Always,
    /// Never colour
    Never,
}

/// --color wins; then NO_COLOR; then CLICOLOR_FORCE; then whether stdout is a terminal.
pub fn init(choice: ColorChoice) {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    let enabled = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("NO_COLOR") => false,
        ColorChoice::Auto if set("CLICOLOR_FORCE") => true,
        ColorChoice::Auto => std::io::stdout().is_terminal(),
    };
    colored::control::set_override(enabled);
}

/// What `make` returns when no colour is allowed, whatever the output is: for text that goes
/// into the full-screen app or a file. Colour is switched back as it was afterwards.
pub fn without_colour<T>(make: impl FnOnce() -> T) -> T {
    let was = colored::control::SHOULD_COLORIZE.should_colorize();
    colored::control::set_override(false);
    let made = make();
    colored::control::set_override(was);
    made
}

/// No colour from here on: for text written to a file.
pub fn off() {
    colored::control::set_override(false);
}

pub fn heading(text: &str) -> ColoredString {
    text.bold().underline()
}

pub fn id(text: &str) -> ColoredString {
    text.yellow().bold()
}

pub fn round(text: &str) -> ColoredString {
    text.cyan()
}

pub fn tag(text: &str) -> ColoredString {
    text.green()
}

pub fn label(text: &str) -> ColoredString {
    text.bold()
}

pub fn dim(text: &str) -> ColoredString {
    text.dimmed()
}

pub fn matched(text: &str) -> ColoredString {
    text.red().bold()
}

pub fn warning(text: &str) -> ColoredString {
    text.yellow().bold()
}

pub fn error(text: &str) -> ColoredString {
    text.red().bold()
}
