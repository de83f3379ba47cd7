//! The vocabulary words are read with: the stop words every comparison skips, the keys the
//! answer analyser matches by, and the analyser's word lists. The data is `lexicon/*.yaml`,
//! turned into these statics at build time (build/lexicon.rs); a team adds words for its own
//! questions with a question's `synonyms` field.

/// Every list of the lexicon, as its files give it.
pub struct Lexicon {
    /// Function words: never cues, never compared.
    pub stop: &'static [&'static str],
    /// How `look_for` items are worded by the judge, not what a candidate must say.
    pub meta: &'static [&'static str],
    /// Domain words so common in any backend answer that they count half.
    pub generic: &'static [&'static str],
    /// Words that phrase a question ("tell me about a time") rather than say what it asks.
    pub question_words: &'static [&'static str],
    /// Words that may sit inside a phrase without breaking it: "roll it back".
    pub fillers: &'static [&'static str],
    /// Words that make an item about numbers.
    pub number_cues: &'static [&'static str],
    /// American endings and their British spelling.
    pub spellings: &'static [(&'static str, &'static str)],
    /// Derivational endings, longest first, and what replaces them.
    pub endings: &'static [(&'static str, &'static str)],
    /// Words and phrases candidates use for the same idea, one group each.
    pub synonyms: &'static [&'static [&'static str]],
    /// Red-flag wording by kind (the kinds' kebab-case names).
    pub red_flag_patterns: &'static [(&'static str, &'static [&'static str])],
    pub negations: &'static [&'static str],
    pub contrasts: &'static [&'static str],
    pub rejections: &'static [&'static str],
    pub situation: &'static [&'static str],
    pub task: &'static [&'static str],
    pub result: &'static [&'static str],
    pub requirements: &'static [&'static str],
    pub trade_offs: &'static [&'static str],
    pub failures: &'static [&'static str],
    pub scale: &'static [&'static str],
    pub operations: &'static [&'static str],
    pub principle: &'static [&'static str],
    pub example: &'static [&'static str],
    /// Headings that only name a part of the shape: not words of an answer.
    pub labels: &'static [&'static str],
    /// Verbs after "I" that are not actions ("I think"), for the STAR action check.
    pub not_actions: &'static [&'static str],
    /// Numbers written as words.
    pub number_words: &'static [&'static str],
}

/// The lexicon, built from `lexicon/*.yaml`.
pub static LEXICON: Lexicon = include!(concat!(env!("OUT_DIR"), "/lexicon.rs"));
