//! The shape of an answer: STAR parts, the system-design checklist, or principle, example and
//! trade-off for "how do you ..." questions.

use serde::Serialize;

use super::words::Words;
use crate::model::Framework;
use crate::text::keys;
use crate::text::lexicon::LEXICON;

/// One part of the expected shape and whether the answer has it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Part {
    pub part: PartName,
    pub present: bool,
    /// The phrase that showed it, as written.
    pub evidence: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartName {
    Situation,
    Task,
    Action,
    Result,
    Requirements,
    TradeOffs,
    FailureModes,
    Scale,
    Operations,
    Principle,
    Example,
}

impl PartName {
    pub fn title(self) -> &'static str {
        match self {
            PartName::Situation => "situation",
            PartName::Task => "task",
            PartName::Action => "action (what you did)",
            PartName::Result => "result",
            PartName::Requirements => "requirements clarified",
            PartName::TradeOffs => "trade-offs named",
            PartName::FailureModes => "failure modes",
            PartName::Scale => "scale",
            PartName::Operations => "operations",
            PartName::Principle => "principle",
            PartName::Example => "concrete example",
        }
    }
}

/// The answer's shape against its framework.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Structure {
    pub framework: Option<Framework>,
    pub parts: Vec<Part>,
    /// STAR only: whether the result carries a number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_quantified: Option<bool>,
}

impl Structure {
    pub fn present(&self) -> usize {
        self.parts.iter().filter(|p| p.present).count()
    }

    pub fn has(&self, name: PartName) -> bool {
        self.parts.iter().any(|p| p.part == name && p.present)
    }

    pub fn missing(&self) -> Vec<PartName> {
        self.parts.iter().filter(|p| !p.present).map(|p| p.part).collect()
    }

    /// The share of the expected shape present, 0 to 1 (a quantified STAR result counts as a
    /// part of its own); None without a framework.
    pub fn share(&self) -> Option<f64> {
        if self.parts.is_empty() {
            return None;
        }
        let quantified = usize::from(self.result_quantified == Some(true));
        let expected = self.parts.len() + usize::from(self.result_quantified.is_some());
        Some((self.present() + quantified) as f64 / expected as f64)
    }
}

pub fn structure(framework: Option<Framework>, answer: &Words) -> Structure {
    let part = |part, cues: &[&str]| {
        let evidence = first_match(answer, cues);
        Part { part, present: evidence.is_some(), evidence }
    };
    let mut result_quantified = None;
    let parts = match framework {
        Some(Framework::Star) => {
            let result = part(PartName::Result, LEXICON.result);
            result_quantified = Some(quantified_result(answer));
            let action = first_person_actions(answer);
            let evidence = action.first().map(|&at| answer.slice(at..(at + 2).min(answer.len())).to_string());
            vec![
                part(PartName::Situation, LEXICON.situation),
                part(PartName::Task, LEXICON.task),
                Part { part: PartName::Action, present: action.len() >= 2, evidence },
                result,
            ]
        }
        Some(Framework::SystemDesign) => vec![
            part(PartName::Requirements, LEXICON.requirements),
            part(PartName::TradeOffs, LEXICON.trade_offs),
            part(PartName::FailureModes, LEXICON.failures),
            part(PartName::Scale, LEXICON.scale),
            part(PartName::Operations, LEXICON.operations),
        ],
        Some(Framework::Approach) => vec![
            part(PartName::Principle, LEXICON.principle),
            part(PartName::Example, LEXICON.example),
            part(PartName::TradeOffs, LEXICON.trade_offs),
        ],
        None => Vec::new(),
    };
    Structure { framework, parts, result_quantified }
}

/// The earliest cue in the answer, as written.
fn first_match(answer: &Words, cues: &[&str]) -> Option<String> {
    cues.iter()
        .filter_map(|cue| {
            let phrase = keys(cue);
            answer.find(&phrase).first().map(|&at| (at, phrase.len()))
        })
        .min()
        .map(|(at, len)| answer.slice(at..at + len).to_string())
}

/// Positions of "I <verb>" where the verb is something done.
pub fn first_person_actions(answer: &Words) -> Vec<usize> {
    let not_actions: Vec<String> = LEXICON.not_actions.iter().map(|w| crate::text::key(w)).collect();
    answer
        .find(&["i".to_string()])
        .into_iter()
        .filter(|&at| {
            matches!(answer.surface(at), "I" | "i")
                && answer.words.get(at + 1).is_some_and(|next| !not_actions.contains(&next.key))
                && !answer.text[answer.words[at].span.end..].starts_with('\'')
        })
        .collect()
}

/// A number near a result word: "from 55 minutes to about 15", "cut costs by half".
fn quantified_result(answer: &Words) -> bool {
    let results: Vec<usize> = LEXICON
        .result
        .iter()
        .flat_map(|cue| answer.find(&keys(cue)))
        .chain(answer.find(&keys("impact")))
        .collect();
    results.iter().any(|&at| {
        let from = at.saturating_sub(12);
        let to = (at + 20).min(answer.len());
        (from..to).any(|i| is_number(answer.surface(i)))
    })
}

pub fn is_number(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit()) || LEXICON.number_words.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_parts_and_a_quantified_result() {
        let answer = Words::new(
            "At my last company the API kept falling over. I was asked to fix it. I traced the \
             retries and I added backoff. As a result, incidents dropped from 9 to 2 a quarter.",
        );
        let found = structure(Some(Framework::Star), &answer);
        assert_eq!(found.present(), 4, "{found:?}");
        assert_eq!(found.result_quantified, Some(true));
        assert_eq!(found.share(), Some(1.0));
    }

    #[test]
    fn we_without_i_is_no_action() {
        let answer = Words::new("We built it and we shipped it. I think it went well.");
        let found = structure(Some(Framework::Star), &answer);
        assert!(!found.has(PartName::Action));
        assert!(found.share() < Some(0.5));
    }

    #[test]
    fn design_checklist() {
        let answer = Words::new("Assuming 500 requests per second at peak; if Redis is down we fail open.");
        let found = structure(Some(Framework::SystemDesign), &answer);
        assert!(found.has(PartName::Requirements) && found.has(PartName::FailureModes));
        assert!(!found.has(PartName::Operations));
    }
}
