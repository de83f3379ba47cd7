//! The interview guide (rounds, answer frameworks, evaluation, pitfalls, advice), embedded
//! from guide/guide.yaml; build.rs refuses to build if it does not parse.

use serde::{Deserialize, Serialize};

use crate::model::{Competency, Framework, Round};

pub const GUIDE_YAML: &str = include_str!("../../guide/guide.yaml");

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    pub version: u32,
    pub rounds: Vec<RoundGuide>,
    pub frameworks: Vec<FrameworkGuide>,
    pub competencies: Vec<CompetencyGuide>,
    pub evaluation: Vec<Criterion>,
    pub pitfalls: Vec<Pitfall>,
    pub advice: Vec<Advice>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RoundGuide {
    pub round: String,
    pub title: String,
    pub length_minutes: u32,
    pub answer_seconds: u32,
    pub summary: String,
    pub evaluates: Vec<String>,
    pub tips: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkGuide {
    pub framework: String,
    pub title: String,
    pub use_for: String,
    pub steps: Vec<Step>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub step: String,
    pub detail: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CompetencyGuide {
    pub competency: String,
    pub title: String,
    pub description: String,
    pub senior_signal: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub title: String,
    pub detail: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pitfall {
    pub title: String,
    pub detail: String,
    pub instead: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Advice {
    pub topic: String,
    pub audience: String,
    pub title: String,
    pub body: String,
}

impl Guide {
    /// The embedded guide. It is checked at build time and by a unit test, so a failure here
    /// is a packaging bug, reported rather than panicked on.
    pub fn builtin() -> Result<Guide, String> {
        serde_saphyr::from_str(GUIDE_YAML).map_err(|e| format!("the built-in guide is damaged: {e}"))
    }

    pub fn round(&self, round: Round) -> Option<&RoundGuide> {
        self.rounds.iter().find(|r| r.round == round.name())
    }

    pub fn framework(&self, framework: Framework) -> Option<&FrameworkGuide> {
        self.frameworks.iter().find(|f| f.framework == framework.name())
    }

    pub fn competency(&self, competency: Competency) -> Option<&CompetencyGuide> {
        self.competencies.iter().find(|c| c.competency == competency.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_guide_covers_every_round_framework_and_competency() {
        let guide = Guide::builtin().unwrap();
        for round in Round::ALL {
            assert!(guide.round(round).is_some(), "{round}");
        }
        for framework in Framework::ALL {
            assert!(guide.framework(framework).is_some(), "{framework}");
        }
        for competency in Competency::ALL {
            assert!(guide.competency(competency).is_some(), "{competency}");
        }
        let order: Vec<&str> = guide.rounds.iter().map(|r| r.round.as_str()).collect();
        assert_eq!(order, Round::ALL.map(Round::name));
    }
}
