//! The self-grade after each answer: again, hard, good or easy, as FSRS rates a review.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    Again,
    Hard,
    Good,
    Easy,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy];

    pub fn name(self) -> &'static str {
        match self {
            Grade::Again => "again",
            Grade::Hard => "hard",
            Grade::Good => "good",
            Grade::Easy => "easy",
        }
    }

    /// The key that picks this grade: 1 to 4.
    pub fn key(self) -> char {
        match self {
            Grade::Again => '1',
            Grade::Hard => '2',
            Grade::Good => '3',
            Grade::Easy => '4',
        }
    }

    /// Good and easy count as a pass: the share of them is a question's or tag's strength.
    pub fn is_pass(self) -> bool {
        matches!(self, Grade::Good | Grade::Easy)
    }

    pub fn rating(self) -> rs_fsrs::Rating {
        match self {
            Grade::Again => rs_fsrs::Rating::Again,
            Grade::Hard => rs_fsrs::Rating::Hard,
            Grade::Good => rs_fsrs::Rating::Good,
            Grade::Easy => rs_fsrs::Rating::Easy,
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What the candidate answered to "how did that go?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Grade(Grade),
    /// Move on without recording this question.
    Skip,
    /// End the session; what was graded is kept.
    Quit,
}

impl Choice {
    /// A typed word or key: 1-4, again/hard/good/easy, p/pass (good), f/fail (again),
    /// s/skip, q/quit. Case and surrounding space are ignored.
    pub fn parse(text: &str) -> Option<Choice> {
        let word = text.trim().to_ascii_lowercase();
        let choice = match word.as_str() {
            "p" | "pass" => Choice::Grade(Grade::Good),
            "f" | "fail" => Choice::Grade(Grade::Again),
            "s" | "skip" => Choice::Skip,
            "q" | "quit" => Choice::Quit,
            _ => Choice::Grade(
                Grade::ALL
                    .into_iter()
                    .find(|g| word == g.name() || word.len() == 1 && word.starts_with(g.key()))?,
            ),
        };
        Some(choice)
    }

    /// Every word `parse` accepts, for "did you mean".
    pub const WORDS: [&'static str; 8] = ["again", "hard", "good", "easy", "pass", "fail", "skip", "quit"];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_words_and_shorthands() {
        assert_eq!(Choice::parse("1"), Some(Choice::Grade(Grade::Again)));
        assert_eq!(Choice::parse(" 4 "), Some(Choice::Grade(Grade::Easy)));
        assert_eq!(Choice::parse("Good"), Some(Choice::Grade(Grade::Good)));
        assert_eq!(Choice::parse("p"), Some(Choice::Grade(Grade::Good)));
        assert_eq!(Choice::parse("fail"), Some(Choice::Grade(Grade::Again)));
        assert_eq!(Choice::parse("s"), Some(Choice::Skip));
        assert_eq!(Choice::parse("q"), Some(Choice::Quit));
        assert_eq!(Choice::parse("5"), None);
        assert_eq!(Choice::parse("goood"), None);
        assert_eq!(Choice::parse(""), None);
    }

    #[test]
    fn only_good_and_easy_pass() {
        assert_eq!(Grade::ALL.map(Grade::is_pass), [false, false, true, true]);
    }
}
