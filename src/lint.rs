//! Corpus checks beyond what loading enforces: warnings that make a bank better.

use std::collections::{HashMap, HashSet};

use crate::loader::Diagnostic;
use crate::model::Question;
use crate::query::terms::{lower_tokens, stem};

/// Rationales shorter than this many words rarely say why a question is asked.
pub const MIN_RATIONALE_WORDS: usize = 12;
/// Sample answers shorter than this many words rarely show what strong looks like.
pub const MIN_ANSWER_WORDS: usize = 40;
/// Questions whose wording overlaps at least this much are probably the same question.
pub const NEAR_DUPLICATE: f64 = 0.6;
/// Words in more questions than this are too common to pair questions on.
const COMMON_WORD_LIMIT: usize = 200;

const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "did", "do", "does", "for", "from", "had", "has",
    "have", "how", "i", "if", "in", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "that",
    "the", "their", "them", "this", "to", "us", "walk", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "why", "will", "with", "would", "you", "your", "tell", "time", "about",
    "describe", "through",
];

/// Warnings for a set of questions that loaded without errors.
pub fn lint(questions: &[&Question]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    found.extend(short_texts(questions));
    found.extend(lonely_tags(questions));
    found.extend(near_duplicates(questions));
    found
}

fn short_texts(questions: &[&Question]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for q in questions {
        let rationale = q.rationale.split_whitespace().count();
        if rationale < MIN_RATIONALE_WORDS {
            found.push(Diagnostic::warning(
                q.origin.clone(),
                format!("question {}: rationale has {rationale} words; say why interviewers ask it (at least {MIN_RATIONALE_WORDS})", q.id),
            ));
        }
        let answer = q.sample_answer.split_whitespace().count();
        if answer < MIN_ANSWER_WORDS {
            found.push(Diagnostic::warning(
                q.origin.clone(),
                format!("question {}: sample answer has {answer} words; too short to show a strong answer (at least {MIN_ANSWER_WORDS})", q.id),
            ));
        }
    }
    found
}

fn lonely_tags(questions: &[&Question]) -> Vec<Diagnostic> {
    let mut uses: HashMap<&str, Vec<&Question>> = HashMap::new();
    for q in questions {
        for tag in &q.tags {
            uses.entry(tag).or_default().push(q);
        }
    }
    let mut found: Vec<Diagnostic> = uses
        .into_iter()
        .filter(|(_, qs)| qs.len() == 1)
        .map(|(tag, qs)| {
            Diagnostic::warning(
                qs[0].origin.clone(),
                format!("question {}: tag '{tag}' is used by no other question (a typo, or too narrow to filter on?)", qs[0].id),
            )
        })
        .collect();
    found.sort_by(|a, b| a.message.cmp(&b.message));
    found
}

/// The content words of a question, stemmed.
fn signature(question: &Question) -> HashSet<String> {
    lower_tokens(&question.question)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()) && w.len() > 1)
        .map(|w| stem(&w).to_string())
        .collect()
}

/// Pairs of questions whose wording overlaps (Jaccard of content words), found through an
/// inverted index so large corpora are not compared pair by pair.
fn near_duplicates(questions: &[&Question]) -> Vec<Diagnostic> {
    let signatures: Vec<HashSet<String>> = questions.iter().map(|q| signature(q)).collect();
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, words) in signatures.iter().enumerate() {
        for word in words {
            index.entry(word).or_default().push(i);
        }
    }
    let mut found = Vec::new();
    for (i, words) in signatures.iter().enumerate() {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for word in words {
            let holders = &index[word.as_str()];
            if holders.len() > COMMON_WORD_LIMIT {
                continue;
            }
            for &j in holders.iter().filter(|&&j| j < i) {
                *shared.entry(j).or_default() += 1;
            }
        }
        let mut pairs: Vec<(usize, f64)> = shared
            .into_iter()
            .map(|(j, common)| (j, common as f64 / (words.len() + signatures[j].len() - common) as f64))
            .filter(|&(_, similarity)| similarity >= NEAR_DUPLICATE)
            .collect();
        pairs.sort_by_key(|&(j, _)| j);
        for (j, similarity) in pairs {
            found.push(Diagnostic::warning(
                questions[i].origin.clone(),
                format!(
                    "questions {} and {} look alike ({:.0}% of their words are shared; {} is at {}): merge them or make them distinct",
                    questions[j].id,
                    questions[i].id,
                    similarity * 100.0,
                    questions[j].id,
                    questions[j].origin
                ),
            ));
        }
    }
    found
}
