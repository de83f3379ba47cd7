//! Red flags any interviewer would notice in the wording itself, each with the phrase that
//! triggered it. Question-specific red flags are shown on the card, not guessed at here.

use serde::Serialize;

use super::structure::first_person_actions;
use super::words::Words;
use crate::model::Framework;
use crate::text::keys;
use crate::text::lexicon::LEXICON;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagKind {
    Blame,
    Hype,
    Absolute,
    Heroics,
    Escalation,
    CutQuality,
    BigBang,
    HandWave,
    NoFirstPerson,
}

impl FlagKind {
    /// The kinds found by their wording (lexicon/red-flags.yaml), in the order they are reported.
    pub const WORDED: [FlagKind; 8] = [
        FlagKind::Blame,
        FlagKind::Hype,
        FlagKind::Absolute,
        FlagKind::Heroics,
        FlagKind::HandWave,
        FlagKind::Escalation,
        FlagKind::CutQuality,
        FlagKind::BigBang,
    ];

    /// The kebab-case name the lexicon files use.
    pub fn name(self) -> &'static str {
        match self {
            FlagKind::Blame => "blame",
            FlagKind::Hype => "hype",
            FlagKind::Absolute => "absolute",
            FlagKind::Heroics => "heroics",
            FlagKind::Escalation => "escalation",
            FlagKind::CutQuality => "cut-quality",
            FlagKind::BigBang => "big-bang",
            FlagKind::HandWave => "hand-wave",
            FlagKind::NoFirstPerson => "no-first-person",
        }
    }

    /// The wording that shows this kind, from the lexicon.
    fn patterns(self) -> &'static [&'static str] {
        LEXICON.red_flag_patterns.iter().find(|(kind, _)| *kind == self.name()).map_or(&[], |(_, p)| p)
    }

    /// Serious flags subtract most and sink an answer that shows less than half the signals;
    /// the others subtract less and keep an answer from being strong.
    pub fn serious(self) -> bool {
        self != FlagKind::NoFirstPerson
    }

    pub fn message(self) -> &'static str {
        match self {
            FlagKind::Blame => "blames or belittles others",
            FlagKind::Hype => "chooses technology for being new or popular, not for a requirement",
            FlagKind::Absolute => "an absolute claim with no evidence or trade-off",
            FlagKind::Heroics => "personal heroics or overtime instead of a plan",
            FlagKind::Escalation => "lets a manager decide instead of working it out",
            FlagKind::CutQuality => "cuts testing or review across the board",
            FlagKind::BigBang => "a rewrite or big-bang switch with no safe path back",
            FlagKind::HandWave => "waves the hard part away (\"just ...\") instead of dealing with it",
            FlagKind::NoFirstPerson => "no first-person action: says what \"we\" did, never what you did",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RedFlag {
    pub kind: FlagKind,
    pub message: &'static str,
    /// The answer's words that triggered it, as written.
    pub phrase: String,
}

pub fn red_flags(framework: Option<Framework>, answer: &Words) -> Vec<RedFlag> {
    let mut flags: Vec<RedFlag> = FlagKind::WORDED
        .iter()
        .filter_map(|kind| {
            let patterns = kind.patterns();
            let (at, len) = patterns
                .iter()
                .flat_map(|p| {
                    let phrase = keys(p);
                    let len = phrase.len();
                    let turnable = !phrase.iter().any(|k| LEXICON.negations.contains(&k.as_str()));
                    answer.find(&phrase).into_iter().map(move |at| (at, len, turnable))
                })
                .filter(|&(at, len, turnable)| !turnable || !negated(answer, at, len))
                .map(|(at, len, _)| (at, len))
                .min()?;
            Some(RedFlag { kind: *kind, message: kind.message(), phrase: context(answer, at, len) })
        })
        .collect();
    if framework == Some(Framework::Star)
        && let Some(phrase) = only_we(answer)
    {
        flags.push(RedFlag {
            kind: FlagKind::NoFirstPerson,
            message: FlagKind::NoFirstPerson.message(),
            phrase,
        });
    }
    flags
}

/// A negation or contrast just before the phrase ("I don't chase trending tools", "checks in
/// the pipeline over reminders to be more careful"), or a word just after that rejects it
/// ("'be more careful' is not an action item").
fn negated(answer: &Words, at: usize, len: usize) -> bool {
    let before = at.saturating_sub(3)..at;
    let after = at + len..(at + len + 2).min(answer.len());
    before.into_iter().any(|i| {
        let key = answer.words[i].key.as_str();
        LEXICON.negations.contains(&key) || LEXICON.contrasts.contains(&key)
    }) || after.into_iter().any(|i| LEXICON.rejections.contains(&answer.words[i].key.as_str()))
}

/// A story told in "we" with fewer than two things the speaker did.
fn only_we(answer: &Words) -> Option<String> {
    let we = answer.find(&keys("we"));
    if we.len() >= 2 && first_person_actions(answer).len() < 2 {
        return we.first().map(|&at| context(answer, at, 1));
    }
    None
}

/// The matched words with a little context, so the reader can find them.
fn context(answer: &Words, at: usize, len: usize) -> String {
    let from = at.saturating_sub(2);
    let to = (at + len + 2).min(answer.len());
    answer.slice(from..to).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<FlagKind> {
        red_flags(Some(Framework::Star), &Words::new(text)).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn flags_carry_the_triggering_phrase() {
        let flags = red_flags(None, &Words::new("We picked Kafka because it is modern and fast."));
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].kind, FlagKind::Hype);
        assert_eq!(flags[0].phrase, "picked Kafka because it is modern and fast");
    }

    #[test]
    fn negation_turns_a_pattern_off() {
        assert!(!kinds("I don't chase trending tools. I read and I test.").contains(&FlagKind::Hype));
    }

    #[test]
    fn a_phrase_set_up_as_the_thing_not_chosen_is_no_flag() {
        let kept = "We prefer checks in the pipeline over reminders to be more careful.";
        assert!(!kinds(kept).contains(&FlagKind::Blame));
        assert!(!kinds("Telling people to be more careful isn't a fix.").contains(&FlagKind::Blame));
        assert!(kinds("We reminded the team to be more careful.").contains(&FlagKind::Blame));
        assert!(kinds("It wasn't my fault.").contains(&FlagKind::Blame));
    }

    #[test]
    fn waving_the_hard_part_away() {
        let flags = red_flags(None, &Words::new("Just turn on autoscaling and let it run."));
        assert_eq!(flags[0].kind, FlagKind::HandWave);
        assert_eq!(flags[0].phrase, "Just turn on autoscaling");
        assert!(!kinds("We didn't just add servers; we profiled first.").contains(&FlagKind::HandWave));
    }

    #[test]
    fn well_known_bad_practice() {
        assert!(
            kinds("I rewrote it in Go and we switched over in one release.").contains(&FlagKind::BigBang)
        );
        assert!(kinds("We require 100% coverage on every PR.").contains(&FlagKind::CutQuality));
        assert!(kinds("Honestly we never had any problems with it.").contains(&FlagKind::Absolute));
        assert!(
            !kinds("Rather than a big rewrite, I strangled it route by route.").contains(&FlagKind::BigBang)
        );
    }

    #[test]
    fn a_story_told_only_in_we() {
        assert!(kinds("We built it and we shipped it on time.").contains(&FlagKind::NoFirstPerson));
        assert!(!kinds("We had a problem. I measured it and I fixed it.").contains(&FlagKind::NoFirstPerson));
    }
}
