//! The question bank's domain types: plain data, already validated, no I/O.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

/// The interview rounds, in the order a senior loop runs them, and a team's own rounds from its
/// config file (a coding round, say), numbered in the order they were registered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Round {
    PhoneScreen,
    SystemDesign,
    Architecture,
    Behavioural,
    Leadership,
    Custom(u8),
}

/// A round a team defines in its config file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomRound {
    /// The kebab-case name questions use, `round: coding`.
    pub name: &'static str,
    pub title: &'static str,
    /// How long the round runs.
    pub minutes: u32,
    /// Its place in the loop, from 1; built-in rounds keep their order around it.
    pub order: usize,
    /// What the round evaluates, for kits.
    pub evaluates: Vec<String>,
}

/// The custom rounds of this run, set once from the config before anything is loaded.
static CUSTOM_ROUNDS: std::sync::OnceLock<Vec<CustomRound>> = std::sync::OnceLock::new();

/// Registers the config's rounds; the names and titles live as long as the process. Returns
/// false when rounds were registered already (they are fixed for the run).
pub fn register_rounds(rounds: Vec<CustomRound>) -> bool {
    CUSTOM_ROUNDS.set(rounds).is_ok()
}

fn custom_rounds() -> &'static [CustomRound] {
    CUSTOM_ROUNDS.get().map_or(&[], Vec::as_slice)
}

impl Serialize for Round {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl Round {
    pub const ALL: [Round; 5] =
        [Round::PhoneScreen, Round::SystemDesign, Round::Architecture, Round::Behavioural, Round::Leadership];

    /// Other spellings users type, mapped to their round.
    pub const ALIASES: [(&'static str, Round); 4] = [
        ("phone", Round::PhoneScreen),
        ("design", Round::SystemDesign),
        ("arch", Round::Architecture),
        ("behavioral", Round::Behavioural),
    ];

    pub fn name(self) -> &'static str {
        match self {
            Round::PhoneScreen => "phone-screen",
            Round::SystemDesign => "system-design",
            Round::Architecture => "architecture",
            Round::Behavioural => "behavioural",
            Round::Leadership => "leadership",
            Round::Custom(_) => self.custom().map_or("unknown-round", |c| c.name),
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Round::PhoneScreen => "Phone screen",
            Round::SystemDesign => "System design",
            Round::Architecture => "Architecture",
            Round::Behavioural => "Behavioural",
            Round::Leadership => "Leadership",
            Round::Custom(_) => self.custom().map_or("Unknown round", |c| c.title),
        }
    }

    /// A team's round as its config defines it; None for the built-in rounds.
    pub fn custom(self) -> Option<&'static CustomRound> {
        match self {
            Round::Custom(index) => custom_rounds().get(usize::from(index)),
            _ => None,
        }
    }

    /// Every round of this run in loop order: the built-in ones, with the config's rounds at
    /// their places.
    pub fn all() -> Vec<Round> {
        let mut all = Round::ALL.to_vec();
        let mut custom: Vec<(usize, u8)> =
            custom_rounds().iter().enumerate().map(|(i, c)| (c.order, i as u8)).collect();
        custom.sort();
        for (order, index) in custom {
            all.insert(order.saturating_sub(1).min(all.len()), Round::Custom(index));
        }
        all
    }

    /// Accepts the canonical name or an alias, ignoring case.
    pub fn parse(text: &str) -> Option<Round> {
        let lower = text.trim().to_ascii_lowercase();
        // Once per question loaded: no list of every round is built for it.
        let custom = || custom_rounds().iter().position(|c| c.name == lower).map(|i| Round::Custom(i as u8));
        Round::ALL
            .into_iter()
            .find(|round| round.name() == lower)
            .or_else(|| Round::ALIASES.into_iter().find(|(alias, _)| *alias == lower).map(|(_, round)| round))
            .or_else(custom)
    }

    /// Every accepted spelling, canonical names first: for suggestions and completions.
    pub fn spellings() -> impl Iterator<Item = &'static str> {
        Round::all().into_iter().map(Round::name).chain(Round::ALIASES.into_iter().map(|(alias, _)| alias))
    }

    /// The canonical names of every round of this run, in loop order.
    pub fn names() -> Vec<&'static str> {
        Round::all().into_iter().map(Round::name).collect()
    }
}

impl fmt::Display for Round {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a question assesses, drawn from how senior engineers are evaluated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Competency {
    SystemDesign,
    TechnicalDepth,
    ProductionOwnership,
    CodeQuality,
    TechnicalJudgment,
    LeadershipInfluence,
    Pragmatism,
    Ownership,
    Communication,
    /// A team's own competency, from its config file.
    Custom(u8),
}

/// A competency a team defines in its config file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomCompetency {
    pub name: &'static str,
    /// What it means, for the people who score it.
    pub description: &'static str,
}

static CUSTOM_COMPETENCIES: std::sync::OnceLock<Vec<CustomCompetency>> = std::sync::OnceLock::new();

/// Registers the config's competencies for this run; false when they were registered already.
pub fn register_competencies(competencies: Vec<CustomCompetency>) -> bool {
    CUSTOM_COMPETENCIES.set(competencies).is_ok()
}

fn custom_competencies() -> &'static [CustomCompetency] {
    CUSTOM_COMPETENCIES.get().map_or(&[], Vec::as_slice)
}

impl Serialize for Competency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl Competency {
    pub const ALL: [Competency; 9] = [
        Competency::SystemDesign,
        Competency::TechnicalDepth,
        Competency::ProductionOwnership,
        Competency::CodeQuality,
        Competency::TechnicalJudgment,
        Competency::LeadershipInfluence,
        Competency::Pragmatism,
        Competency::Ownership,
        Competency::Communication,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Competency::SystemDesign => "system-design",
            Competency::TechnicalDepth => "technical-depth",
            Competency::ProductionOwnership => "production-ownership",
            Competency::CodeQuality => "code-quality",
            Competency::TechnicalJudgment => "technical-judgment",
            Competency::LeadershipInfluence => "leadership-influence",
            Competency::Pragmatism => "pragmatism",
            Competency::Ownership => "ownership",
            Competency::Communication => "communication",
            Competency::Custom(_) => self.custom().map_or("unknown-competency", |c| c.name),
        }
    }

    /// A team's competency as its config defines it; None for the built-in ones.
    pub fn custom(self) -> Option<&'static CustomCompetency> {
        match self {
            Competency::Custom(index) => custom_competencies().get(usize::from(index)),
            _ => None,
        }
    }

    /// Every competency of this run: the built-in ones, then the config's.
    pub fn all() -> Vec<Competency> {
        let custom = (0..custom_competencies().len()).map(|i| Competency::Custom(i as u8));
        Competency::ALL.into_iter().chain(custom).collect()
    }

    /// The names of every competency of this run.
    pub fn names() -> Vec<&'static str> {
        Competency::all().into_iter().map(Competency::name).collect()
    }

    pub fn parse(text: &str) -> Option<Competency> {
        let lower = text.trim().to_ascii_lowercase();
        let custom = || {
            custom_competencies().iter().position(|c| c.name == lower).map(|i| Competency::Custom(i as u8))
        };
        Competency::ALL.into_iter().find(|c| c.name() == lower).or_else(custom)
    }
}

impl fmt::Display for Competency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The shape a strong answer takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Framework {
    /// Situation, task, action, result: for "tell me about a time" stories.
    Star,
    /// Clarify, propose, deep dive, trade-offs, growth and operations, alternatives.
    SystemDesign,
    /// Principle, in practice, example, trade-off: for "how do you ..." questions.
    Approach,
}

impl Framework {
    pub const ALL: [Framework; 3] = [Framework::Star, Framework::SystemDesign, Framework::Approach];

    pub fn name(self) -> &'static str {
        match self {
            Framework::Star => "star",
            Framework::SystemDesign => "system-design",
            Framework::Approach => "approach",
        }
    }

    pub fn parse(text: &str) -> Option<Framework> {
        let lower = text.trim().to_ascii_lowercase();
        Framework::ALL.into_iter().find(|f| f.name() == lower)
    }
}

impl fmt::Display for Framework {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a question was defined: for error messages and duplicate-id reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: Arc<PathBuf>,
    pub line: u64,
    pub column: u64,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A problem found in a corpus file, at a place the user can jump to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub origin: Origin,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(origin: Origin, message: impl Into<String>) -> Diagnostic {
        Diagnostic { origin, severity: Severity::Error, message: message.into() }
    }

    pub fn warning(origin: Origin, message: impl Into<String>) -> Diagnostic {
        Diagnostic { origin, severity: Severity::Warning, message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// One interview question. Field names here are the corpus and JSON field names.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Question {
    pub id: u64,
    pub round: Round,
    pub question: String,
    pub rationale: String,
    pub sample_answer: String,
    pub tags: Vec<String>,
    pub competency: Option<Competency>,
    pub roles: Vec<String>,
    pub framework: Option<Framework>,
    pub look_for: Vec<String>,
    pub red_flags: Vec<String>,
    pub follow_ups: Vec<String>,
    /// Follow-ups about the sample answer's own story: shown with the sample answer only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sample_follow_ups: Vec<String>,
    /// What an answer sounds like at each level, for calibrating a verdict.
    #[serde(skip_serializing_if = "Levels::is_empty")]
    pub levels: Levels,
    /// Words and phrases a candidate may use for the same idea as this question's `look_for`
    /// items, one group each: the answer analyser matches any member of a group for another.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<Vec<String>>,
    #[serde(skip)]
    pub origin: Origin,
}

/// The engineering levels an interviewer calibrates against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Mid,
    Senior,
    Staff,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Mid, Level::Senior, Level::Staff];

    pub fn name(self) -> &'static str {
        match self {
            Level::Mid => "mid",
            Level::Senior => "senior",
            Level::Staff => "staff",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Level::Mid => "Mid-level",
            Level::Senior => "Senior",
            Level::Staff => "Staff",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What an answer sounds like at each level; any of them may be left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Levels {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub senior: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff: Option<String>,
}

impl Levels {
    pub fn is_empty(&self) -> bool {
        self.mid.is_none() && self.senior.is_none() && self.staff.is_none()
    }

    pub fn get(&self, level: Level) -> Option<&str> {
        match level {
            Level::Mid => self.mid.as_deref(),
            Level::Senior => self.senior.as_deref(),
            Level::Staff => self.staff.as_deref(),
        }
    }

    pub fn set(&mut self, level: Level, text: Option<String>) {
        match level {
            Level::Mid => self.mid = text,
            Level::Senior => self.senior = text,
            Level::Staff => self.staff = text,
        }
    }

    /// The levels that are given, lowest first.
    pub fn iter(&self) -> impl Iterator<Item = (Level, &str)> {
        Level::ALL.into_iter().filter_map(|level| Some((level, self.get(level)?)))
    }
}

impl Question {
    /// A minimal valid question for unit tests: set the fields a test cares about with
    /// `Question { tags, ..Question::sample(1, round) }`.
    #[cfg(test)]
    pub fn sample(id: u64, round: Round) -> Question {
        Question {
            id,
            round,
            question: "Q".into(),
            rationale: "R".into(),
            sample_answer: "A".into(),
            tags: Vec::new(),
            competency: None,
            roles: Vec::new(),
            framework: None,
            look_for: Vec::new(),
            red_flags: Vec::new(),
            follow_ups: Vec::new(),
            sample_follow_ups: Vec::new(),
            levels: Levels::default(),
            synonyms: Vec::new(),
            origin: Origin { file: Arc::new(PathBuf::from("t.yaml")), line: 1, column: 1 },
        }
    }

    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }
}

/// Every question loaded from every source, sorted by id, ids unique.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    questions: Vec<Question>,
}

impl Corpus {
    /// Builds a corpus from questions whose ids the caller has already checked for uniqueness.
    pub fn new(mut questions: Vec<Question>) -> Corpus {
        questions.sort_by_key(|q| q.id);
        Corpus { questions }
    }

    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    pub fn get(&self, id: u64) -> Option<&Question> {
        self.questions.binary_search_by_key(&id, |q| q.id).ok().map(|i| &self.questions[i])
    }

    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    /// Ids just below and just above `id`, for "no question with id N" messages.
    pub fn neighbours(&self, id: u64) -> (Option<u64>, Option<u64>) {
        let at = self.questions.partition_point(|q| q.id < id);
        let below = at.checked_sub(1).map(|i| self.questions[i].id);
        let above = self.questions.get(at).map(|q| q.id);
        (below, above)
    }

    /// Every tag with how many questions carry it, most used first, then by name.
    pub fn tag_counts(&self) -> Vec<(&str, usize)> {
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for tag in self.questions.iter().flat_map(|q| &q.tags) {
            *counts.entry(tag).or_default() += 1;
        }
        let mut counts: Vec<_> = counts.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        counts
    }

    pub fn round_count(&self, round: Round) -> usize {
        self.questions.iter().filter(|q| q.round == round).count()
    }

    pub fn roles(&self) -> Vec<&str> {
        let mut roles: Vec<&str> =
            self.questions.iter().flat_map(|q| q.roles.iter().map(String::as_str)).collect();
        roles.sort_unstable();
        roles.dedup();
        roles
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_parse_names_aliases_and_case() {
        assert_eq!(Round::parse("Behavioral"), Some(Round::Behavioural));
        assert_eq!(Round::parse("arch"), Some(Round::Architecture));
        assert_eq!(Round::parse("phone-screen"), Some(Round::PhoneScreen));
        assert_eq!(Round::parse("design"), Some(Round::SystemDesign));
        assert_eq!(Round::parse("coding"), None);
    }

    #[test]
    fn round_order_is_interview_order() {
        let mut shuffled = vec![Round::Leadership, Round::PhoneScreen, Round::Behavioural];
        shuffled.sort();
        assert_eq!(shuffled, [Round::PhoneScreen, Round::Behavioural, Round::Leadership]);
    }
}
