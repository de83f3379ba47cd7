//! The config files: the user's `config.toml` and a team's `.qbank.toml`, found upward from the
//! working folder. Where both set a value the team's wins; corpus paths from both are loaded.
//! A flag or an environment variable wins over either. Unknown keys are errors, with the file,
//! line and column and the nearest known key, as in corpus files.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::sys::fs::{self as fsutil, ReadError};
use crate::sys::paths;

/// The team's file, looked for in the working folder and each folder above it.
pub const TEAM_FILE: &str = ".qbank.toml";
/// Config files are a few lines.
const MAX_BYTES: u64 = 1 << 20;

/// One file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    corpus: Option<Vec<String>>,
    rounds: Option<Vec<RoundFile>>,
    competencies: Option<Vec<CompetencyFile>>,
    rubric: Option<RubricFile>,
    builtin: Option<bool>,
    practice: Option<PracticeFile>,
    judge: Option<JudgeFile>,
}

/// A team's own round, `[[rounds]]`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundFile {
    /// The name questions use (`round: coding`), kebab-case.
    pub name: String,
    pub title: String,
    /// How long the round runs.
    pub minutes: u32,
    /// Its place in the loop, from 1 (default: after the built-in rounds).
    pub order: Option<usize>,
    #[serde(default)]
    pub evaluates: Vec<String>,
}

/// `[rubric]`: the scale interviewers score each answer on.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RubricFile {
    scale: Vec<ScaleLevel>,
}

/// One level of a rubric scale, lowest first: `[[rubric.scale]]`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleLevel {
    pub label: String,
    pub meaning: String,
}

/// A team's own competency, `[[competencies]]`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompetencyFile {
    /// The name questions use (`competency: payments-domain`), kebab-case.
    pub name: String,
    /// What a strong candidate shows in it, for the kit's scorecard.
    pub description: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PracticeFile {
    day_starts_at: Option<u8>,
    new_per_day: Option<usize>,
    follow_ups: Option<u8>,
    follow_up_time: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct JudgeFile {
    url: Option<String>,
    model: Option<String>,
    timeout: Option<String>,
}

/// A value and the file it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub from: PathBuf,
}

/// Every setting the files make, merged.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The files read, user's first.
    pub files: Vec<PathBuf>,
    /// Corpus paths, relative ones resolved against their file's folder; the user's first.
    pub corpus: Vec<Setting<PathBuf>>,
    /// A team's own rounds; the team file's replace the user's of the same name.
    pub rounds: Vec<Setting<RoundFile>>,
    /// A team's own competencies; the team file's replace the user's of the same name.
    pub competencies: Vec<Setting<CompetencyFile>>,
    /// The rubric scale of the kits, lowest first; None: the built-in four levels.
    pub scale: Option<Setting<Vec<ScaleLevel>>>,
    pub builtin: Option<Setting<bool>>,
    pub day_starts_at: Option<Setting<u8>>,
    pub new_per_day: Option<Setting<usize>>,
    pub follow_ups: Option<Setting<u8>>,
    pub follow_up_time: Option<Setting<String>>,
    pub judge_url: Option<Setting<String>>,
    pub judge_model: Option<Setting<String>>,
    pub judge_timeout: Option<Setting<String>>,
}

impl Config {
    /// The user's file and the team's file above `folder`, merged.
    pub fn load(folder: &Path) -> Result<Config> {
        let mut config = Config::default();
        let user = paths::user_config()?;
        let team = folder.ancestors().map(|dir| dir.join(TEAM_FILE)).find(|file| file.is_file());
        for file in std::iter::once(user).chain(team) {
            if let Some(parsed) = read(&file)? {
                config.merge(parsed, &file);
                config.files.push(file);
            }
        }
        Ok(config)
    }

    fn merge(&mut self, file: File, from: &Path) {
        let at = |value| Setting { value, from: from.to_path_buf() };
        let base = from.parent().unwrap_or(Path::new("."));
        self.corpus.extend(file.corpus.unwrap_or_default().into_iter().map(|path| at(base.join(path))));
        for round in file.rounds.unwrap_or_default() {
            self.rounds.retain(|r| r.value.name != round.name);
            self.rounds.push(Setting { value: round, from: from.to_path_buf() });
        }
        for competency in file.competencies.unwrap_or_default() {
            self.competencies.retain(|c| c.value.name != competency.name);
            self.competencies.push(Setting { value: competency, from: from.to_path_buf() });
        }
        overrule(&mut self.scale, file.rubric.map(|r| r.scale), from);
        overrule(&mut self.builtin, file.builtin, from);
        let practice = file.practice.unwrap_or_default();
        overrule(&mut self.day_starts_at, practice.day_starts_at, from);
        overrule(&mut self.new_per_day, practice.new_per_day, from);
        overrule(&mut self.follow_ups, practice.follow_ups, from);
        overrule(&mut self.follow_up_time, practice.follow_up_time, from);
        let judge = file.judge.unwrap_or_default();
        overrule(&mut self.judge_url, judge.url, from);
        overrule(&mut self.judge_model, judge.model, from);
        overrule(&mut self.judge_timeout, judge.timeout, from);
    }
}

/// A value the file `from` sets replaces the one before it, and remembers where it came from.
fn overrule<T>(setting: &mut Option<Setting<T>>, value: Option<T>, from: &Path) {
    if let Some(value) = value {
        *setting = Some(Setting { value, from: from.to_path_buf() });
    }
}

/// Checks the config's rounds and makes them rounds of this run: kebab-case names that are not
/// a built-in round's, a title, a length of 1 to 600 minutes; at most 50.
pub fn register_rounds(config: &Config) -> Result<()> {
    use crate::model::{CustomRound, Round};
    if config.rounds.is_empty() {
        return Ok(());
    }
    if config.rounds.len() > 50 {
        return Err(Error::user(format!(
            "{} rounds are configured; at most 50 are allowed",
            config.rounds.len()
        )));
    }
    let mut rounds = Vec::new();
    for Setting { value: round, from } in &config.rounds {
        let wrong = |why: String| Error::user(format!("{}: round `{}`: {why}", from.display(), round.name));
        if !crate::loader::parse::is_kebab_case(&round.name) {
            return Err(wrong("a round's name is kebab-case, such as `coding` or `take-home`".into()));
        }
        if Round::parse(&round.name).is_some_and(|r| r.custom().is_none()) {
            return Err(wrong("that is a built-in round's name".into()));
        }
        if round.title.trim().is_empty() {
            return Err(wrong("give it a `title`".into()));
        }
        if !(1..=600).contains(&round.minutes) {
            return Err(wrong(format!("`minutes` is {}; give 1 to 600", round.minutes)));
        }
        rounds.push(CustomRound {
            name: Box::leak(round.name.clone().into_boxed_str()),
            title: Box::leak(round.title.trim().to_string().into_boxed_str()),
            minutes: round.minutes,
            order: round.order.unwrap_or(usize::MAX).max(1),
            evaluates: round.evaluates.clone(),
        });
    }
    crate::model::register_rounds(rounds);
    Ok(())
}

/// The kits' rubric scale from the config, checked: 2 to 7 levels, each with a label and a
/// meaning; None for the built-in scale.
pub fn rubric_scale(config: &Config) -> Result<Option<Vec<(String, String)>>> {
    let Some(Setting { value: levels, from }) = &config.scale else { return Ok(None) };
    if !(2..=7).contains(&levels.len()) {
        return Err(Error::user(format!(
            "{}: rubric.scale has {}; give 2 to 7, lowest first",
            from.display(),
            crate::text::human::plural(levels.len() as i64, "level")
        )));
    }
    if let Some(empty) = levels.iter().position(|l| l.label.trim().is_empty() || l.meaning.trim().is_empty())
    {
        return Err(Error::user(format!(
            "{}: rubric.scale level {} needs a `label` and a `meaning`",
            from.display(),
            empty + 1
        )));
    }
    Ok(Some(levels.iter().map(|l| (l.label.trim().to_string(), l.meaning.trim().to_string())).collect()))
}

/// Checks the config's competencies and makes them competencies of this run: kebab-case names
/// that are not a built-in one's, with a description; at most 50.
pub fn register_competencies(config: &Config) -> Result<()> {
    use crate::model::{Competency, CustomCompetency};
    if config.competencies.len() > 50 {
        return Err(Error::user(format!(
            "{} competencies are configured; at most 50 are allowed",
            config.competencies.len()
        )));
    }
    let mut competencies = Vec::new();
    for Setting { value: competency, from } in &config.competencies {
        let wrong =
            |why: &str| Error::user(format!("{}: competency `{}`: {why}", from.display(), competency.name));
        if !crate::loader::parse::is_kebab_case(&competency.name) {
            return Err(wrong("a competency's name is kebab-case, such as `payments-domain`"));
        }
        if Competency::parse(&competency.name).is_some_and(|c| c.custom().is_none()) {
            return Err(wrong("that is a built-in competency's name"));
        }
        if competency.description.trim().is_empty() {
            return Err(wrong("give it a `description`"));
        }
        competencies.push(CustomCompetency {
            name: Box::leak(competency.name.clone().into_boxed_str()),
            description: Box::leak(competency.description.trim().to_string().into_boxed_str()),
        });
    }
    crate::model::register_competencies(competencies);
    Ok(())
}

/// A config file's settings; None when it does not exist.
fn read(file: &Path) -> Result<Option<File>> {
    let bytes = match fsutil::read_regular(file, MAX_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadError::NotFound) => return Ok(None),
        Err(e) => return Err(Error::user(format!("cannot read `{}`: {e}", file.display()))),
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::user(format!("`{}` is not UTF-8 text", file.display())))?;
    toml::from_str(&text).map(Some).map_err(|e| located(file, &text, &e))
}

/// `FILE:LINE:COL: message`, with the nearest known key for an unknown one.
fn located(file: &Path, text: &str, error: &toml::de::Error) -> Error {
    let (line, column) = error.span().map_or((1, 1), |span| {
        let before = &text[..span.start.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |at| at + 1) + 1;
        (line, column)
    });
    let message = error.message().trim().replace('\n', " ");
    let message = match message.strip_prefix("unknown field `") {
        Some(rest) => {
            let field = rest.split('`').next().unwrap_or_default();
            let expected: Vec<&str> = rest
                .split_once("expected ")
                .map(|(_, list)| {
                    list.trim_start_matches("one of ").split(", ").map(|n| n.trim_matches('`')).collect()
                })
                .unwrap_or_default();
            let hint = crate::text::suggest::did_you_mean_or_list(
                field,
                expected.iter().copied(),
                &expected,
                "the keys here",
            );
            format!("unknown key `{field}`{hint}")
        }
        None => message,
    };
    Error::user(format!("{}:{line}:{column}: {message}", file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_key_names_its_place_and_the_nearest_key() {
        let text = "corpus = [\"bank\"]\n\n[judge]\nurl = \"http://x/v1\"\nmodle = \"m\"\n";
        let error = toml::from_str::<File>(text).unwrap_err();
        let message = located(Path::new("team/.qbank.toml"), text, &error).to_string();
        assert_eq!(message, "team/.qbank.toml:5:1: unknown key `modle` (did you mean 'model'?)");
    }

    #[test]
    fn the_team_file_wins_and_corpus_paths_add_up() {
        let mut config = Config::default();
        let user: File =
            toml::from_str("corpus = [\"mine\"]\n[judge]\nurl = \"http://user/v1\"\nmodel = \"a\"").unwrap();
        let team: File = toml::from_str("corpus = [\"bank\"]\n[judge]\nurl = \"http://team/v1\"").unwrap();
        config.merge(user, Path::new("/home/me/.config/qbank/config.toml"));
        config.merge(team, Path::new("/repo/.qbank.toml"));
        let corpus: Vec<_> = config.corpus.iter().map(|s| s.value.clone()).collect();
        assert_eq!(corpus, [PathBuf::from("/home/me/.config/qbank/mine"), PathBuf::from("/repo/bank")]);
        assert_eq!(config.judge_url.unwrap().value, "http://team/v1");
        assert_eq!(config.judge_model.unwrap().from, PathBuf::from("/home/me/.config/qbank/config.toml"));
    }
}
