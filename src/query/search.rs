//! Full-text search: every term must occur; ranked by BM25 with the question weighted most.

use super::terms::Term;
use crate::model::Question;
use crate::text::lower_tokens;

/// How much a word counts in each field: the question says what it is about.
const QUESTION_WEIGHT: f64 = 3.0;
const TAGS_WEIGHT: f64 = 2.0;
const BODY_WEIGHT: f64 = 1.0;
const K1: f64 = 1.2;
const B: f64 = 0.75;

#[derive(Clone, Debug)]
pub struct Hit<'a> {
    pub question: &'a Question,
    pub score: f64,
}

/// Per-document term frequencies (weighted) and length.
struct Doc<'a> {
    question: &'a Question,
    frequencies: Vec<f64>,
    length: f64,
}

/// The questions of `pool` that contain every term, best first (ties by id).
pub fn search<'a>(pool: &[&'a Question], terms: &[Term]) -> Vec<Hit<'a>> {
    if terms.is_empty() {
        return Vec::new();
    }
    let docs: Vec<Doc> = pool.iter().map(|q| weigh(q, terms)).collect();
    let average_length = docs.iter().map(|d| d.length).sum::<f64>() / docs.len().max(1) as f64;
    let matching: Vec<&Doc> = docs.iter().filter(|d| d.frequencies.iter().all(|&f| f > 0.0)).collect();
    let total = docs.len() as f64;
    let idf: Vec<f64> = (0..terms.len())
        .map(|i| {
            let containing = docs.iter().filter(|d| d.frequencies[i] > 0.0).count() as f64;
            (1.0 + (total - containing + 0.5) / (containing + 0.5)).ln()
        })
        .collect();
    let mut hits: Vec<Hit> = matching
        .into_iter()
        .map(|doc| {
            let norm = K1 * (1.0 - B + B * doc.length / average_length.max(1.0));
            let score =
                doc.frequencies.iter().zip(&idf).map(|(&tf, idf)| idf * tf * (K1 + 1.0) / (tf + norm)).sum();
            Hit { question: doc.question, score }
        })
        .collect();
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.question.id.cmp(&b.question.id)));
    hits
}

/// Whether every term occurs somewhere in the question: the `--text` filter.
pub fn contains_all(question: &Question, terms: &[Term]) -> bool {
    weigh(question, terms).frequencies.iter().all(|&f| f > 0.0)
}

fn weigh<'a>(question: &'a Question, terms: &[Term]) -> Doc<'a> {
    let mut frequencies = vec![0.0; terms.len()];
    let mut length = 0.0;
    let tags = question.tags.join(" ");
    let fields = [
        (question.question.as_str(), QUESTION_WEIGHT),
        (tags.as_str(), TAGS_WEIGHT),
        (question.rationale.as_str(), BODY_WEIGHT),
        (question.sample_answer.as_str(), BODY_WEIGHT),
    ];
    for (text, weight) in fields {
        for token in lower_tokens(text) {
            length += weight;
            for (i, term) in terms.iter().enumerate() {
                if term.matches(&token) {
                    frequencies[i] += weight;
                }
            }
        }
    }
    Doc { question, frequencies, length }
}
