//! Words as search sees them: lowercase alphanumeric runs, matched by prefix or light stem.

use std::ops::Range;

use crate::text::{stem, tokens};

/// A word the user searched for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    word: String,
    stem: String,
}

impl Term {
    pub fn new(word: &str) -> Term {
        let word = word.to_lowercase();
        let stem = stem(&word).to_string();
        Term { word, stem }
    }

    pub fn word(&self) -> &str {
        &self.word
    }

    /// "cach" finds "caching"; "caches" finds "cache" and "cached".
    pub fn matches(&self, token: &str) -> bool {
        token.starts_with(&self.word) || stem(token) == self.stem
    }
}

/// The distinct terms of a query, in order.
pub fn parse_query(query: &str) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    for (_, word) in tokens(query) {
        let term = Term::new(word);
        if !terms.contains(&term) {
            terms.push(term);
        }
    }
    terms
}

/// Byte ranges of the words in `text` that some term matches: for highlighting.
pub fn match_ranges(text: &str, terms: &[Term]) -> Vec<Range<usize>> {
    tokens(text)
        .filter(|(_, word)| {
            let lower = word.to_lowercase();
            terms.iter().any(|t| t.matches(&lower))
        })
        .map(|(at, word)| at..at + word.len())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_match_prefixes_and_stems() {
        assert!(Term::new("cach").matches("caching"));
        assert!(Term::new("caches").matches("cache"));
        assert!(Term::new("Cache").matches("cached"));
        assert!(Term::new("deploy").matches("deployments"));
        assert!(!Term::new("cache").matches("cash"));
        assert!(!Term::new("sql").matches("nosql"));
    }

    #[test]
    fn query_words_are_split_lowercased_and_deduplicated() {
        let words: Vec<_> =
            parse_query("Multi-tenant API, api").iter().map(|t| t.word().to_string()).collect();
        assert_eq!(words, ["multi", "tenant", "api"]);
    }

    #[test]
    fn ranges_point_at_whole_words() {
        let text = "Cache the caching layer";
        let ranges = match_ranges(text, &parse_query("cache"));
        let found: Vec<_> = ranges.into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["Cache", "caching"]);
    }
}
