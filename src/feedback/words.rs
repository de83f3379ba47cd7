//! An answer as the analyser sees it: words, their matching keys, and where they sit.

use std::collections::HashMap;
use std::ops::Range;

use crate::text::lexicon::LEXICON;
use crate::text::{key, tokens};

/// One word of the text: its place in the text and the key it matches by.
#[derive(Clone, Debug)]
pub struct Word {
    pub span: Range<usize>,
    pub key: String,
}

/// The words of a text with an index from key to positions, so every lookup is O(1).
pub struct Words<'a> {
    pub text: &'a str,
    pub words: Vec<Word>,
    index: HashMap<String, Vec<usize>>,
}

impl<'a> Words<'a> {
    pub fn new(text: &'a str) -> Words<'a> {
        let words: Vec<Word> =
            tokens(text).map(|(at, word)| Word { span: at..at + word.len(), key: key(word) }).collect();
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, word) in words.iter().enumerate() {
            index.entry(word.key.clone()).or_default().push(i);
        }
        Words { text, words, index }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// The word at `i` as written.
    pub fn surface(&self, i: usize) -> &'a str {
        &self.text[self.words[i].span.clone()]
    }

    /// The text from word `start` to word `end - 1` as written.
    pub fn slice(&self, range: Range<usize>) -> &'a str {
        match (self.words.get(range.start), range.end.checked_sub(1).and_then(|e| self.words.get(e))) {
            (Some(first), Some(last)) if range.start < range.end => {
                &self.text[first.span.start..last.span.end]
            }
            _ => "",
        }
    }

    /// Where the phrase (given as keys) starts and how many words it spans, in order.
    /// A pronoun or article may sit between its words: "roll it back", "switch the flag off".
    pub fn find_spans(&self, phrase: &[String]) -> Vec<(usize, usize)> {
        let Some((first, rest)) = phrase.split_first() else { return Vec::new() };
        let Some(starts) = self.index.get(first) else { return Vec::new() };
        starts
            .iter()
            .filter_map(|&at| {
                let mut next = at + 1;
                for key in rest {
                    let word = self.words.get(next)?;
                    if &word.key == key {
                        next += 1;
                    } else if LEXICON.fillers.contains(&word.key.as_str())
                        && self.words.get(next + 1)?.key == *key
                    {
                        next += 2;
                    } else {
                        return None;
                    }
                }
                Some((at, next - at))
            })
            .collect()
    }

    /// Where the phrase (given as keys) starts, in order.
    pub fn find(&self, phrase: &[String]) -> Vec<usize> {
        self.find_spans(phrase).into_iter().map(|(at, _)| at).collect()
    }

    /// How many times a key occurs.
    pub fn count(&self, key: &str) -> usize {
        self.index.get(key).map_or(0, Vec::len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::keys;

    #[test]
    fn phrases_are_found_by_key() {
        let words = Words::new("We rolled back the deploy, then Rolled Back again.");
        assert_eq!(words.find(&keys("roll back")), [1, 6]);
        assert_eq!(words.slice(1..3), "rolled back");
        assert!(words.find(&keys("feature flag")).is_empty());
        let words = Words::new("roll it back, then roll everything back");
        assert_eq!(words.find_spans(&keys("roll back")), [(0, 3)]);
    }
}
