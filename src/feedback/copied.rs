//! Copied text: how much of an answer repeats the sample answer or the look_for list word for
//! word, measured by shared runs of five words.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use serde::Serialize;

use crate::text;

/// Runs of this many words; shorter runs occur by chance ("at the same time as").
const RUN: usize = 5;
/// Above either share, the answer is reported as copied.
const ANSWER_SHARE: f64 = 0.3;
const SOURCE_SHARE: f64 = 0.5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    SampleAnswer,
    LookFor,
}

impl Source {
    pub fn title(self) -> &'static str {
        match self {
            Source::SampleAnswer => "the sample answer",
            Source::LookFor => "the list of what a strong answer shows",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Copied {
    pub source: Source,
    /// Share of the answer's five-word runs found in the source, 0 to 1.
    pub share_of_answer: f64,
    /// Share of the source's five-word runs found in the answer, 0 to 1.
    pub share_of_source: f64,
}

/// The source the answer copies most, when it copies enough to matter.
pub fn copied(answer: &str, sample_answer: &str, look_for: &[String]) -> Option<Copied> {
    let answer_runs = runs(answer);
    if answer_runs.is_empty() {
        return None;
    }
    let look_for_runs: HashSet<u64> = look_for.iter().flat_map(|item| runs(item)).collect();
    [(Source::SampleAnswer, runs(sample_answer)), (Source::LookFor, look_for_runs)]
        .into_iter()
        .filter(|(_, source)| !source.is_empty())
        .map(|(source, source_runs)| {
            let shared = answer_runs.intersection(&source_runs).count() as f64;
            Copied {
                source,
                share_of_answer: shared / answer_runs.len() as f64,
                share_of_source: shared / source_runs.len() as f64,
            }
        })
        .filter(|c| c.share_of_answer >= ANSWER_SHARE || c.share_of_source >= SOURCE_SHARE)
        .max_by(|a, b| a.share_of_answer.total_cmp(&b.share_of_answer))
}

/// The distinct five-word runs of a text, hashed.
fn runs(text: &str) -> HashSet<u64> {
    let words: Vec<String> = text::lower_tokens(text).collect();
    words
        .windows(RUN)
        .map(|run| {
            let mut hasher = DefaultHasher::new();
            run.hash(&mut hasher);
            hasher.finish()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Situation: our checkout API double charged customers when the provider timed out. \
                          Action: I added idempotency keys and a reconciliation job.";

    #[test]
    fn a_pasted_sample_is_caught_even_when_retouched() {
        let pasted = SAMPLE.replace("Situation: ", "So ").to_uppercase();
        let found = copied(&pasted, SAMPLE, &[]).expect("copied");
        assert_eq!(found.source, Source::SampleAnswer);
        assert!(found.share_of_answer > 0.8, "{found:?}");
    }

    #[test]
    fn own_words_on_the_same_topic_are_not_copied() {
        let own = "When the payment provider timed out we sometimes charged twice, so I made every \
                   request carry a key and checked the provider's report each night.";
        assert_eq!(copied(own, SAMPLE, &[]), None);
    }

    #[test]
    fn a_sample_buried_in_other_text_is_still_found() {
        let long = format!("{} {SAMPLE} {}", "filler words here ".repeat(200), "more filler ".repeat(200));
        let found = copied(&long, SAMPLE, &[]).expect("copied");
        assert!(found.share_of_source > 0.9);
    }
}
