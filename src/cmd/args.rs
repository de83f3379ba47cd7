//! What several commands share on the command line: the global options, the filters, and the
//! value parsers for ids, rounds and competencies.

use std::ffi::OsStr;
use std::path::PathBuf;

use clap::Args;
use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::ErrorKind;

use crate::model::{Competency, Round};
use crate::render::style::ColorChoice;
use crate::text::suggest;

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Add questions from a YAML file or a folder of them (repeatable)
    #[arg(long = "corpus", value_name = "PATH", global = true, help_heading = "Global options")]
    pub corpus: Vec<PathBuf>,

    /// Leave out the built-in questions
    #[arg(long, global = true, help_heading = "Global options")]
    pub no_builtin: bool,

    /// Parse corpus files afresh instead of using the parse cache
    #[arg(long, global = true, help_heading = "Global options")]
    pub no_cache: bool,

    /// When to colour the output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN", global = true, help_heading = "Global options")]
    pub color: ColorChoice,

    /// Log each request to the judge on stderr (never the API key)
    #[arg(long, short = 'v', global = true, help_heading = "Global options")]
    pub verbose: bool,
}

/// Which judge reads the answers: the offline analyser unless a URL is given.
#[derive(Clone, Debug, Default, Args)]
pub struct JudgeArgs {
    /// An OpenAI-compatible API's base URL (e.g. http://127.0.0.1:11434/v1), or `offline`
    #[arg(long = "judge", value_name = "URL", env = "QBANK_JUDGE_URL", help_heading = "Judge")]
    pub url: Option<String>,

    /// The model to ask; by default the server's only model
    #[arg(long, value_name = "NAME", env = "QBANK_JUDGE_MODEL", help_heading = "Judge")]
    pub judge_model: Option<String>,

    /// How long one request to the judge may take, e.g. 60s, 2m [default: 2m]
    #[arg(long, value_name = "DURATION", env = "QBANK_JUDGE_TIMEOUT", value_parser = parse_timeout,
          help_heading = "Judge")]
    pub judge_timeout: Option<std::time::Duration>,
}

/// The interviewer of a practice or mock session: its judge and its follow-ups.
#[derive(Clone, Debug, Args)]
pub struct InterviewerArgs {
    #[command(flatten)]
    pub judge: JudgeArgs,

    /// Follow-up questions after each answer, 0 for none [default: 1 with a --judge model, else 0]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=5), help_heading = "Judge")]
    pub follow_ups: Option<u8>,

    /// Time for each follow-up's reply: 90s, 2m, or 0 for no timer [default: 90s]
    #[arg(long, value_name = "DURATION", value_parser = crate::practice::time::parse_limit, help_heading = "Judge")]
    pub follow_up_time: Option<crate::practice::time::TimeLimit>,
}

pub fn parse_timeout(text: &str) -> Result<std::time::Duration, String> {
    match crate::practice::time::parse_limit(text)?.duration() {
        Some(duration) => Ok(duration),
        None => Err("a timeout must be longer than 0".to_string()),
    }
}

/// The filters shared by list, random and search.
#[derive(Clone, Debug, Default, Args)]
pub struct FilterArgs {
    /// Only questions with this tag (repeatable: all must match)
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,

    /// With several --tag: match questions with any of them instead of all
    #[arg(long)]
    pub any_tag: bool,

    /// Only questions from this round (repeatable: any may match)
    #[arg(long = "round", short = 'r', value_name = "ROUND", value_parser = RoundParser)]
    pub rounds: Vec<Round>,

    /// Only questions whose text contains every one of these words
    #[arg(long, value_name = "WORDS")]
    pub text: Option<String>,

    /// Only questions assessing this competency (repeatable: any may match)
    #[arg(long = "competency", short = 'c', value_name = "COMPETENCY", value_parser = CompetencyParser)]
    pub competencies: Vec<Competency>,

    /// Only questions for this role (repeatable: any may match)
    #[arg(long = "role", value_name = "ROLE")]
    pub roles: Vec<String>,
}

/// A question id: a whole number from 1.
pub fn parse_id(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(0) => Err("ids start at 1".to_string()),
        Ok(id) => Ok(id),
        Err(_) if text.trim().starts_with('-') => Err("ids are positive whole numbers".to_string()),
        Err(_) if text.trim().chars().all(|c| c.is_ascii_digit()) => {
            Err(format!("ids go up to {}", u64::MAX))
        }
        Err(_) => Err("ids are whole numbers, like 12".to_string()),
    }
}

/// Rounds by name or alias, with "did you mean" on a typo.
#[derive(Clone)]
pub struct RoundParser;

impl TypedValueParser for RoundParser {
    type Value = Round;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<Round, clap::Error> {
        let text = value.to_string_lossy();
        Round::parse(&text).ok_or_else(|| {
            let hint = suggest::did_you_mean_or_list(&text, Round::spellings(), &Round::names(), "rounds");
            clap::Error::raw(ErrorKind::InvalidValue, format!("unknown round '{text}'{hint}\n")).with_cmd(cmd)
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(Round::spellings().map(PossibleValue::new)))
    }
}

/// Competencies by name, with "did you mean" on a typo.
#[derive(Clone)]
pub struct CompetencyParser;

impl TypedValueParser for CompetencyParser {
    type Value = Competency;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<Competency, clap::Error> {
        let text = value.to_string_lossy();
        Competency::parse(&text).ok_or_else(|| {
            let names = Competency::names();
            let hint = suggest::did_you_mean_or_list(&text, names.iter().copied(), &names, "competencies");
            clap::Error::raw(ErrorKind::InvalidValue, format!("unknown competency '{text}'{hint}\n"))
                .with_cmd(cmd)
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(Competency::all().into_iter().map(|c| PossibleValue::new(c.name()))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_positive_whole_numbers() {
        assert_eq!(parse_id("12"), Ok(12));
        assert!(parse_id("0").is_err());
        assert!(parse_id("-3").is_err());
        assert!(parse_id("twelve").is_err());
        assert_eq!(parse_id("18446744073709551615"), Ok(u64::MAX));
        assert!(parse_id("18446744073709551616").is_err());
    }
}
