//! Which `look_for` items an answer covers: cues come from each item's own words, widened by
//! the synonym table, and must meet within a short stretch of the answer.

use std::collections::HashMap;

use serde::Serialize;

use super::lexicon::{self, LONGEST_MEMBER};
use super::words::Words;

/// One look_for item and what the answer showed of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Signal {
    /// Position in the question's look_for list, from 0.
    pub index: usize,
    pub text: String,
    pub covered: bool,
    /// The answer's words that matched, as written.
    pub matched: Vec<String>,
}

/// A word or phrase of a look_for item, with every way the answer may say it.
#[derive(Clone, Debug)]
struct Cue {
    alternatives: Vec<Vec<String>>,
    weight: f32,
}

/// Cues must meet within this many words: a paragraph, not the whole answer.
const WINDOW: usize = 45;
/// Two distinct content words, or one synonym phrase, cover an item.
const COVERED: f32 = 2.0;

pub fn signals(look_for: &[String], question: &Words, answer: &Words) -> Vec<Signal> {
    look_for
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let cues = cues(item, question);
            let (score, matched) = best_window(&cues, answer);
            Signal { index, text: item.clone(), covered: score >= COVERED, matched }
        })
        .collect()
}

/// The cues of one item: synonym phrases first, then the remaining content words.
fn cues(item: &str, question: &Words) -> Vec<Cue> {
    let words = Words::new(item);
    let keys: Vec<String> = words.words.iter().map(|w| w.key.clone()).collect();
    let mut cues: Vec<Cue> = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        if let Some((len, cue)) = phrase_cue(&keys[i..]) {
            push(&mut cues, cue);
            i += len;
            continue;
        }
        let key = &keys[i];
        i += 1;
        if lexicon::is_stop(key) || lexicon::is_meta(key) || key.chars().count() < 2 {
            continue;
        }
        let mut alternatives = vec![vec![key.clone()]];
        for &g in lexicon::groups_of(std::slice::from_ref(key)) {
            alternatives.extend(lexicon::group(g).iter().cloned());
        }
        alternatives.sort();
        alternatives.dedup();
        let mut weight = if lexicon::is_generic(key) { 0.5 } else { 1.0 };
        if question.count(key) > 0 {
            weight *= 0.5;
        }
        push(&mut cues, Cue { alternatives, weight });
    }
    cues
}

/// A synonym-table phrase starting here: its length and cue.
fn phrase_cue(keys: &[String]) -> Option<(usize, Cue)> {
    (2..=LONGEST_MEMBER.min(keys.len())).rev().find_map(|len| {
        let groups = lexicon::groups_of(&keys[..len]);
        if groups.is_empty() {
            return None;
        }
        let mut alternatives: Vec<Vec<String>> =
            groups.iter().flat_map(|&g| lexicon::group(g).iter().cloned()).collect();
        alternatives.sort();
        alternatives.dedup();
        Some((len, Cue { alternatives, weight: 2.0 }))
    })
}

fn push(cues: &mut Vec<Cue>, cue: Cue) {
    if !cues.iter().any(|c| c.alternatives == cue.alternatives) {
        cues.push(cue);
    }
}

/// A place in the answer where a cue matched.
struct Hit {
    at: usize,
    len: usize,
    cue: usize,
}

/// The best score of distinct cues within any window, and the words that made it.
fn best_window(cues: &[Cue], answer: &Words) -> (f32, Vec<String>) {
    let mut hits: Vec<Hit> = Vec::new();
    for (cue, c) in cues.iter().enumerate() {
        for alternative in &c.alternatives {
            hits.extend(answer.find(alternative).into_iter().map(|at| Hit { at, len: alternative.len(), cue }));
        }
    }
    hits.sort_by_key(|h| (h.at, std::cmp::Reverse(h.len)));
    let mut counts: HashMap<usize, usize> = HashMap::new();
    let (mut score, mut best, mut best_range) = (0.0_f32, 0.0_f32, 0..0);
    let mut start = 0;
    for end in 0..hits.len() {
        let count = counts.entry(hits[end].cue).or_default();
        *count += 1;
        if *count == 1 {
            score += cues[hits[end].cue].weight;
        }
        while hits[end].at >= hits[start].at + WINDOW {
            let count = counts.entry(hits[start].cue).or_default();
            *count -= 1;
            if *count == 0 {
                score -= cues[hits[start].cue].weight;
            }
            start += 1;
        }
        if score > best + f32::EPSILON {
            best = score;
            best_range = start..end + 1;
        }
    }
    (best, matched_words(&hits[best_range], answer))
}

/// The matched words as written, once each, in answer order.
fn matched_words(hits: &[Hit], answer: &Words) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut covered_to = 0;
    for hit in hits {
        if hit.at < covered_to {
            continue;
        }
        covered_to = hit.at + hit.len;
        let text = answer.slice(hit.at..hit.at + hit.len).to_string();
        if !words.iter().any(|w| w.eq_ignore_ascii_case(&text)) {
            words.push(text);
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(item: &str, answer: &str) -> (bool, Vec<String>) {
        let question = Words::new("How do you ship safely?");
        let answer = Words::new(answer);
        let found = signals(&[item.to_string()], &question, &answer);
        (found[0].covered, found[0].matched.clone())
    }

    #[test]
    fn synonyms_and_word_forms_cover_an_item() {
        let item = "Pairs tests with release safety: feature flags, canaries, automatic rollback";
        let (yes, matched) = covered(item, "We put it behind a toggle and could revert in seconds.");
        assert!(yes, "{matched:?}");
        assert_eq!(matched, ["toggle", "revert"]);
    }

    #[test]
    fn one_stray_word_is_not_enough() {
        let item = "Uses exponential backoff with jitter and a retry budget";
        assert!(!covered(item, "The budget meeting ran long.").0);
    }

    #[test]
    fn cues_far_apart_do_not_combine() {
        let item = "Uses exponential backoff with jitter";
        let filler = "and then something else happened ".repeat(20);
        assert!(!covered(item, &format!("We used backoff. {filler} We added jitter.")).0);
        assert!(covered(item, "We used backoff with jitter.").0);
    }
}
