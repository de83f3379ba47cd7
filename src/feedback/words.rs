//! An answer as the analyser sees it: words, their matching keys, and where they sit. Headings
//! that only name a part of the answer's shape ("Situation:") are not words of it, and a
//! hyphenated name such as "Retry-After" is matched whole or not at all.

use std::collections::HashMap;
use std::ops::Range;

use super::lexicon::labels;
use crate::text::lexicon::LEXICON;
use crate::text::{key, tokens};

/// One word of the text: its place in the text and the key it matches by.
#[derive(Clone, Debug)]
pub struct Word {
    pub span: Range<usize>,
    pub key: String,
    /// The positions of the name this word is part of ("Retry-After"); just its own otherwise.
    pub name: Range<usize>,
}

/// The words of a text with an index from key to positions, so every lookup is O(1).
pub struct Words<'a> {
    pub text: &'a str,
    pub words: Vec<Word>,
    index: HashMap<String, Vec<usize>>,
}

impl<'a> Words<'a> {
    pub fn new(text: &'a str) -> Words<'a> {
        let labels = label_spans(text);
        let mut labels = labels.iter().peekable();
        let mut words: Vec<Word> = tokens(text)
            .filter(|&(at, _)| {
                while labels.next_if(|label| label.end <= at).is_some() {}
                labels.peek().is_none_or(|label| !label.contains(&at))
            })
            .map(|(at, word)| Word { span: at..at + word.len(), key: key(word), name: 0..0 })
            .collect();
        join_names(text, &mut words);
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, word) in words.iter().enumerate() {
            index.entry(word.key.clone()).or_default().push(i);
        }
        Words { text, words, index }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the words in `range` leave every name they touch whole.
    pub fn whole(&self, range: Range<usize>) -> bool {
        let first = self.words.get(range.start).is_none_or(|w| w.name.start == range.start);
        let last =
            range.end.checked_sub(1).and_then(|e| self.words.get(e)).is_none_or(|w| w.name.end == range.end);
        first && last
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
            .filter(|&(at, len)| self.whole(at..at + len))
            .collect()
    }

    /// Where the phrase (given as keys) starts, in order.
    pub fn find(&self, phrase: &[String]) -> Vec<usize> {
        self.find_spans(phrase).into_iter().map(|(at, _)| at).collect()
    }
}

/// Marks the parts of each hyphenated name whose every part is capitalised, such as an HTTP
/// header ("Retry-After", "X-Request-Id"): it names one thing, so "Retry-After" is no retry.
fn join_names(text: &str, words: &mut [Word]) {
    let mut start = 0;
    for end in 1..=words.len() {
        if end < words.len() && joined(text, &words[end - 1], &words[end]) {
            continue;
        }
        for word in &mut words[start..end] {
            word.name = start..end;
        }
        start = end;
    }
}

fn joined(text: &str, left: &Word, right: &Word) -> bool {
    let capitalised = |word: &Word| text[word.span.clone()].starts_with(char::is_uppercase);
    &text[left.span.end..right.span.start] == "-" && capitalised(left) && capitalised(right)
}

/// Where the text has a heading that only names a part of an answer's shape: "Situation:",
/// "- Result:", "**Trade-off:**" at the start of a line or a sentence, or "## Result" alone on
/// its line. A label shows that the candidate knows the shape, not that the answer has it.
fn label_spans(text: &str) -> Vec<Range<usize>> {
    segment_starts(text).filter_map(|start| label_at(text, start)).collect()
}

/// Where each line and each sentence starts, in order.
fn segment_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.char_indices().filter_map(|(at, c)| {
        let next = at + c.len_utf8();
        match c {
            '\n' => Some(next),
            '.' | '!' | '?' if text[next..].starts_with([' ', '\t']) => Some(next),
            _ => None,
        }
    }))
}

/// The label's words, when the line or sentence starting at `start` opens with one.
fn label_at(text: &str, start: usize) -> Option<Range<usize>> {
    let line = &text[start..text[start..].find('\n').map_or(text.len(), |end| start + end)];
    let heading = line.trim_start().starts_with('#');
    let named = line.trim_start_matches(|c: char| c.is_whitespace() || "#*_>-".contains(c));
    let offset = start + line.len() - named.len();
    let longest = labels().iter().map(Vec::len).max().unwrap_or(0);
    let words: Vec<(usize, &str)> = tokens(named).take(longest).collect();
    let keys: Vec<String> = words.iter().map(|&(_, word)| key(word)).collect();
    let label = labels().iter().find(|label| keys.starts_with(label))?;
    let (first, last) = (words[0], words[label.len() - 1]);
    let joined = words[..label.len()]
        .windows(2)
        .all(|pair| matches!(&named[pair[0].0 + pair[0].1.len()..pair[1].0], " " | "-"));
    let end = last.0 + last.1.len();
    let after = named[end..].trim_start_matches(['*', '_', ' ']);
    let closed = after.starts_with(':') || (heading && after.trim().is_empty());
    (first.0 == 0 && joined && closed).then(|| offset..offset + end)
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

    #[test]
    fn headings_that_name_a_part_are_not_words() {
        let keys_of = |text: &str| Words::new(text).words.into_iter().map(|w| w.key).collect::<Vec<_>>();
        assert_eq!(
            keys_of("Situation: a slow API.\n- **Result:** fixed. Trade-off: cost"),
            keys("a slow api fix cost")
        );
        assert_eq!(keys_of("## Deep dive\nshards\n### Failure modes:"), keys("shards"));
        assert_eq!(keys_of("The result: fixed. Our task was hard"), keys("the result fix our task was hard"));
        assert_eq!(keys_of("## Situation at work"), keys("situation at work"));
    }

    #[test]
    fn a_hyphenated_name_is_matched_whole() {
        let words = Words::new("Send Retry-After and X-Request-Id; retry after a fail-over.");
        assert_eq!(words.find(&keys("retry")), [7]);
        assert_eq!(words.find(&keys("retry after")), [1, 7]);
        assert!(words.find(&keys("request id")).is_empty());
        assert_eq!(words.find(&keys("x request id")), [4]);
        assert_eq!(words.find(&keys("fail")), [10], "a lower-case compound is two words");
    }
}
