//! The question fields a column, a key or an Anki section can hold, by their corpus names and
//! the other names teams give them.

use std::fmt;

use crate::model::Level;
use crate::text::suggest;

/// A question field a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Id,
    Round,
    Question,
    Rationale,
    SampleAnswer,
    Tags,
    Competency,
    Roles,
    Framework,
    LookFor,
    RedFlags,
    FollowUps,
    SampleFollowUps,
    LevelMid,
    LevelSenior,
    LevelStaff,
    Synonyms,
}

impl Field {
    pub const ALL: [Field; 17] = [
        Field::Id,
        Field::Round,
        Field::Question,
        Field::Rationale,
        Field::SampleAnswer,
        Field::Tags,
        Field::Competency,
        Field::Roles,
        Field::Framework,
        Field::LookFor,
        Field::RedFlags,
        Field::FollowUps,
        Field::SampleFollowUps,
        Field::LevelMid,
        Field::LevelSenior,
        Field::LevelStaff,
        Field::Synonyms,
    ];

    /// The corpus field name.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Round => "round",
            Field::Question => "question",
            Field::Rationale => "rationale",
            Field::SampleAnswer => "sample_answer",
            Field::Tags => "tags",
            Field::Competency => "competency",
            Field::Roles => "roles",
            Field::Framework => "framework",
            Field::LookFor => "look_for",
            Field::RedFlags => "red_flags",
            Field::FollowUps => "follow_ups",
            Field::SampleFollowUps => "sample_follow_ups",
            Field::LevelMid => "levels.mid",
            Field::LevelSenior => "levels.senior",
            Field::LevelStaff => "levels.staff",
            Field::Synonyms => "synonyms",
        }
    }

    /// The field that holds `level`.
    pub fn for_level(level: Level) -> Field {
        match level {
            Level::Mid => Field::LevelMid,
            Level::Senior => Field::LevelSenior,
            Level::Staff => Field::LevelStaff,
        }
    }

    /// Other headers teams use for this field (compared after `normalise`).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Id => &[],
            Field::Round => &["stage", "interview round"],
            Field::Question => &["front", "prompt", "q"],
            Field::Rationale => &["why", "reason", "why asked", "why interviewers ask this"],
            Field::SampleAnswer => &["answer", "back", "model answer", "a"],
            Field::Tags => &["tag", "topics", "topic", "labels"],
            Field::Competency => &["skill"],
            Field::Roles => &["role"],
            Field::Framework => &[],
            Field::LookFor => &["signals", "strong signals", "what a strong answer shows", "green flags"],
            Field::RedFlags => &["red flag"],
            Field::FollowUps => &["follow up", "followups", "follow up questions"],
            Field::SampleFollowUps => &["follow ups on the sample answer", "sample follow up"],
            Field::LevelMid => &["mid", "mid level", "levels mid"],
            Field::LevelSenior => &["senior", "senior level", "levels senior"],
            Field::LevelStaff => &["staff", "staff level", "levels staff"],
            Field::Synonyms => &["synonym groups"],
        }
    }

    /// Whether the field holds a list (one item per line in a cell).
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Field::Tags
                | Field::Roles
                | Field::LookFor
                | Field::RedFlags
                | Field::FollowUps
                | Field::SampleFollowUps
        )
    }

    /// A header or a field name, ignoring case, spaces, hyphens and underscores.
    pub fn from_header(header: &str) -> Option<Field> {
        let wanted = normalise(header);
        Field::ALL
            .into_iter()
            .find(|f| normalise(f.name()) == wanted || f.aliases().contains(&wanted.as_str()))
    }

    /// A field named on the command line, with "did you mean" on a typo.
    pub fn from_arg(name: &str) -> Result<Field, String> {
        Field::from_header(name).ok_or_else(|| {
            let names = Field::ALL.map(Field::name);
            let hint = suggest::did_you_mean_or_list(name, names, &names, "fields");
            format!("unknown field `{name}`{hint}")
        })
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

fn normalise(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
