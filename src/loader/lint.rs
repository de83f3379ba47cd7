//! Corpus checks beyond what loading enforces: warnings that make a bank better.

use std::collections::{HashMap, HashSet};

use crate::model::Diagnostic;
use crate::model::Question;
use crate::text::lexicon::LEXICON;
use crate::text::{is_stop_word, lower_tokens, stem};

/// Rationales shorter than this many words rarely say why a question is asked.
pub const MIN_RATIONALE_WORDS: usize = 12;
/// Sample answers shorter than this many words rarely show what strong looks like.
pub const MIN_ANSWER_WORDS: usize = 40;
/// Questions whose wording overlaps at least this much are probably the same question.
pub const NEAR_DUPLICATE: f64 = 0.6;
/// Words in more questions than this are too common to pair questions on.
const COMMON_WORD_LIMIT: usize = 200;

/// Words left out when comparing questions: function words, and the words that phrase a
/// question ("tell me about a time") rather than say what it asks.
fn is_skipped(word: &str) -> bool {
    is_stop_word(word) || LEXICON.question_words.contains(&word)
}

/// Warnings for `checked`, questions that loaded without errors, judged beside `context`, the
/// rest of the bank they load with (the built-in questions, other corpora): a tag the built-in
/// bank also uses is not lonely, a word it uses often is not rare, a question can duplicate one
/// of its. Only `checked` questions are reported on.
pub fn lint(checked: &[&Question], context: &[&Question]) -> Vec<Diagnostic> {
    let all: Vec<&Question> = checked.iter().chain(context).copied().collect();
    let reported = checked.len();
    let mut found = Vec::new();
    found.extend(short_texts(checked));
    found.extend(lonely_tags(&all, reported));
    found.extend(near_duplicates(&all, reported));
    found.extend(story_specific(&all, reported));
    found
}

/// A word found in fewer other questions than this (in any field) is rare enough to belong to
/// one story rather than to the topic.
const RARE_WORD_QUESTIONS: usize = 2;
/// Names (CI, SLO, PR) in more questions than this are the trade's vocabulary, not a story's.
const RARE_NAME_QUESTIONS: usize = 4;

/// `look_for` and `follow_ups` items that name something only the sample answer mentions (a
/// number, a name, a system, a rare term): a candidate who tells another good story would be
/// marked down for not telling this one. Such follow-ups belong in `sample_follow_ups`.
fn story_specific(questions: &[&Question], reported: usize) -> Vec<Diagnostic> {
    let stems =
        |text: &str| -> HashSet<String> { lower_tokens(text).map(|w| stem(&w).to_string()).collect() };
    let everything: Vec<HashSet<String>> = questions
        .iter()
        .map(|q| {
            let mut words = stems(&q.question);
            for text in [&q.rationale, &q.sample_answer]
                .into_iter()
                .chain(&q.look_for)
                .chain(&q.red_flags)
                .chain(&q.follow_ups)
            {
                words.extend(stems(text));
            }
            words
        })
        .collect();
    let mut used_in: HashMap<&str, usize> = HashMap::new();
    for words in &everything {
        for word in words {
            *used_in.entry(word).or_default() += 1;
        }
    }
    let mut found = Vec::new();
    for q in &questions[..reported] {
        let own: HashSet<String> = stems(&format!("{} {}", q.question, q.rationale));
        let story = stems(&q.sample_answer);
        let names = proper_names(&q.sample_answer);
        // A story's rare words are its own; a design's are the topic's techniques.
        let is_story = q.framework == Some(crate::model::Framework::Star);
        let items =
            q.look_for.iter().map(|i| ("look_for", i)).chain(q.follow_ups.iter().map(|i| ("follow_ups", i)));
        for (field, item) in items {
            let mut named: Vec<String> = Vec::new();
            for word in lower_tokens(item).filter(|w| w.len() > 1 && !is_skipped(w)) {
                let stemmed = stem(&word).to_string();
                let used = used_in.get(stemmed.as_str()).copied().unwrap_or(0);
                let specific = word.chars().any(|c| c.is_ascii_digit())
                    || names.contains(&word) && used <= RARE_NAME_QUESTIONS
                    || used <= RARE_WORD_QUESTIONS && is_story;
                if specific && story.contains(&stemmed) && !own.contains(&stemmed) && !named.contains(&word) {
                    named.push(word);
                }
            }
            if !named.is_empty() {
                let quoted: Vec<String> = named.iter().map(|w| format!("'{w}'")).collect();
                found.push(Diagnostic::warning(
                    q.origin.clone(),
                    format!(
                        "question {}: a `{field}` item names {} that only the sample answer mentions; \
                         write what any strong answer shows (story follow-ups go in `sample_follow_ups`): {}",
                        q.id,
                        quoted.join(", "),
                        item
                    ),
                ));
            }
        }
    }
    found
}

/// Words `text` capitalises where a sentence does not start, lowercased: names of people,
/// places, products and systems, and acronyms.
fn proper_names(text: &str) -> HashSet<String> {
    let mut names = HashSet::new();
    let mut sentence_start = true;
    for word in text.split_whitespace() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        // "Result:" labels a part of the answer's framework; it names nothing.
        let label = word.ends_with(':');
        if !sentence_start && !label && bare.chars().next().is_some_and(char::is_uppercase) {
            names.extend(lower_tokens(bare));
        }
        sentence_start = word.ends_with(['.', ':', '?', '!']) || bare.is_empty() && sentence_start;
    }
    names
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

fn lonely_tags(questions: &[&Question], reported: usize) -> Vec<Diagnostic> {
    let mut uses: HashMap<&str, Vec<(usize, &Question)>> = HashMap::new();
    for (i, q) in questions.iter().enumerate() {
        for tag in &q.tags {
            uses.entry(tag).or_default().push((i, q));
        }
    }
    let shared: Vec<&str> = uses.iter().filter(|(_, qs)| qs.len() > 1).map(|(tag, _)| *tag).collect();
    let mut found: Vec<Diagnostic> = uses
        .iter()
        .filter(|(_, qs)| qs.len() == 1 && qs[0].0 < reported)
        .map(|(tag, qs)| {
            let question = qs[0].1;
            let hint = match crate::text::suggest::closest(tag, shared.iter().copied()) {
                Some(near) => format!("did you mean '{near}'?"),
                None => "a typo, or too narrow to filter on?".to_string(),
            };
            Diagnostic::warning(
                tag_origin(question, tag),
                format!("question {}: tag '{tag}' is used by no other question ({hint})", question.id),
            )
        })
        .collect();
    found.sort_by(|a, b| a.message.cmp(&b.message));
    found
}

/// Where `tag` is written in `question`'s item, so that an editor jumps to the tag, not the
/// question; the question's own place when the file cannot be read again or the tag is not
/// found in it (a tag written as a quoted or folded scalar, say).
fn tag_origin(question: &Question, tag: &str) -> crate::model::Origin {
    let origin = question.origin.clone();
    let Ok(text) = std::fs::read_to_string(origin.file.as_path()) else { return origin };
    let start = usize::try_from(origin.line).unwrap_or(usize::MAX).saturating_sub(1);
    let item = text.lines().enumerate().skip(start).take_while(|&(i, l)| i == start || !l.starts_with("- "));
    for (index, line) in item {
        let found = line.match_indices(tag).find(|&(at, _)| {
            let before = line[..at].chars().next_back();
            let after = line[at + tag.len()..].chars().next();
            let bound = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '-'));
            bound(before) && bound(after)
        });
        if let Some((at, _)) = found {
            let column = line[..at].chars().count() + 1;
            return crate::model::Origin { line: index as u64 + 1, column: column as u64, ..origin };
        }
    }
    origin
}

/// The content words of a question, stemmed.
fn signature(question: &Question) -> HashSet<String> {
    lower_tokens(&question.question)
        .filter(|w| !is_skipped(w) && w.len() > 1)
        .map(|w| stem(&w).to_string())
        .collect()
}

/// Pairs of questions whose wording overlaps (Jaccard of content words), found through an
/// inverted index so large corpora are not compared pair by pair.
fn near_duplicates(questions: &[&Question], reported: usize) -> Vec<Diagnostic> {
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
            // Reported at the checked question of the pair (both, when both are checked: at the later).
            let (here, other) = match (i < reported, j < reported) {
                (true, _) => (i, j),
                (false, true) => (j, i),
                (false, false) => continue,
            };
            let (first, second) = (questions[j].id, questions[i].id);
            found.push(Diagnostic::warning(
                questions[here].origin.clone(),
                format!(
                    "questions {first} and {second} look alike ({:.0}% of their words are shared; {} is at {}): merge them or make them distinct",
                    similarity * 100.0,
                    questions[other].id,
                    questions[other].origin
                ),
            ));
        }
    }
    found
}
