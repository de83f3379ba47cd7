//! Red flags any interviewer would notice in the wording itself, each with the phrase that
//! triggered it. Question-specific red flags are shown on the card, not guessed at here.

use serde::Serialize;

use super::structure::first_person_actions;
use super::words::{Words, keys};
use crate::model::Framework;

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

const PATTERNS: &[(FlagKind, &[&str])] = &[
    (
        FlagKind::Blame,
        &[
            "their fault",
            "his fault",
            "her fault",
            "not my fault",
            "wasn't my fault",
            "not our fault",
            "wasn't our fault",
            "wasn't really our fault",
            "wasn't really my fault",
            "clean up the mess",
            "why he was wrong",
            "why she was wrong",
            "why they were wrong",
            "didn't listen",
            "did not listen",
            "incompetent",
            "clueless",
            "idiots",
            "stupid",
            "their mess",
            "dropped the ball",
            "don't really understand",
            "don't understand code",
            "who don't see",
            "careless",
            "is to blame",
            "was to blame",
            "blamed them",
            "blamed the",
            "be more careful",
            "someone making a mistake",
            "someone made a mistake",
            "kept changing the requirements",
            "changing the requirements on us",
            "bad code",
            "terrible code",
            "was a mess",
            "spaghetti",
            "nobody understood",
        ],
    ),
    (
        FlagKind::Hype,
        &[
            "because it was modern",
            "because it is modern",
            "because it's modern",
            "modern technology",
            "modern choice",
            "modern stack",
            "newest tech",
            "latest tech",
            "trendy",
            "trending",
            "because it is popular",
            "because it's popular",
            "is popular",
            "everyone is talking",
            "everyone uses",
            "really cool",
            "cutting edge",
            "cutting-edge",
            "industry standard",
            "because google",
            "like netflix",
            "because netflix",
            "modern standard",
            "how netflix",
            "how google",
            "how amazon",
            "how facebook",
            "how big tech",
            "what netflix",
            "what google",
            "what amazon",
            "everyone is using",
            "everybody uses",
        ],
    ),
    (
        FlagKind::Absolute,
        &[
            "always works",
            "always work",
            "never fails",
            "never breaks",
            "non-issue",
            "enough for everyone",
            "zero risk",
            "no risk at all",
            "bulletproof",
            "guaranteed to",
            "always come first",
            "always comes first",
            "always slides",
            "that's just how it works",
            "done when it's done",
            "nothing is ever",
            "is ever lost",
            "never lost",
            "for sure",
            "there won't be any",
            "never had any problems",
            "never had problems",
            "never had issues",
            "never goes down",
            "can't fail",
            "cannot fail",
            "nothing can go wrong",
        ],
    ),
    (
        FlagKind::Heroics,
        &[
            "stay late",
            "stayed late",
            "long days",
            "late nights",
            "all-nighter",
            "all nighter",
            "nights and weekends",
            "worked weekends",
            "over the weekend",
            "worked all night",
            "worked overtime",
            "no point waking",
            "single-handedly",
            "go back to bed",
        ],
    ),
    (
        FlagKind::HandWave,
        &[
            "just add",
            "just use",
            "just turn",
            "just call",
            "just put",
            "just throw",
            "just let",
            "just make",
            "just scale",
            "just retry",
            "just restart",
            "just switch",
            "just move",
            "just explain",
            "just tell",
            "just pick",
            "just spin",
            "just fix",
            "simply add",
            "simply use",
            "simply scale",
            "handle it for us",
            "let the cloud handle",
            "that's what it's for",
            "should be fine",
            "will be fine",
            "no big deal",
            "patched it up",
            "keep retrying",
            "throw more hardware",
            "more servers",
            "bigger machine",
            "bigger instance",
            "scale up the database",
        ],
    ),
    (
        FlagKind::Escalation,
        &[
            "manager to decide",
            "escalate to my manager",
            "escalate to management",
            "let management decide",
            "management backs",
            "over his head",
            "over her head",
            "over their heads",
            "asked our manager",
            "told their manager",
        ],
    ),
    (
        FlagKind::CutQuality,
        &[
            "skipped most of the tests",
            "skipped the tests",
            "skipped tests",
            "skipped testing",
            "skipped code review",
            "skip the tests",
            "skip tests",
            "skipped review",
            "without tests",
            "no time for tests",
            "100% coverage",
            "100% test coverage",
            "no tests",
        ],
    ),
    (
        FlagKind::BigBang,
        &[
            "full rewrite",
            "rewrite everything",
            "rewrite it all",
            "start fresh",
            "big bang",
            "big-bang",
            "weekend cutover",
            "refactoring quarter",
            "maintenance window",
            "rewrite it in",
            "rewrote it in",
            "rewrite the whole",
            "rewrote the whole",
            "in one release",
            "in one go",
            "all at once",
            "big rewrite",
        ],
    ),
];

/// Words that turn a pattern around: "I don't like chasing hype". A pattern that holds one of
/// them itself ("not my fault") is never turned around.
const NEGATIONS: &[&str] =
    &["not", "don", "never", "no", "avoid", "without", "didn", "isn", "wasn", "doesn", "won", "rather"];

/// Words that set a phrase up as the thing not chosen.
const CONTRASTS: &[&str] = &["over", "than", "instead"];

/// Words right after a phrase that reject it.
const REJECTIONS: &[&str] = &["not", "isn", "doesn", "never", "won", "aren", "wasn"];

pub fn red_flags(framework: Option<Framework>, answer: &Words) -> Vec<RedFlag> {
    let mut flags: Vec<RedFlag> = PATTERNS
        .iter()
        .filter_map(|(kind, patterns)| {
            let (at, len) = patterns
                .iter()
                .flat_map(|p| {
                    let phrase = keys(p);
                    let len = phrase.len();
                    let turnable = !phrase.iter().any(|k| NEGATIONS.contains(&k.as_str()));
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
        NEGATIONS.contains(&key) || CONTRASTS.contains(&key)
    }) || after.into_iter().any(|i| REJECTIONS.contains(&answer.words[i].key.as_str()))
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
