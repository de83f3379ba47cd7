//! Which questions match: filters, search ranking and random choice, as pure functions.

pub mod draw;
pub mod kit;
pub mod search;
pub mod terms;

use crate::model::{Competency, Corpus, Question, Round};
use crate::text::suggest;
use terms::Term;

/// What the user asked for with --tag, --round, --text, --competency and --role.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub tags: Vec<String>,
    pub any_tag: bool,
    pub rounds: Vec<Round>,
    pub text: Vec<Term>,
    pub competencies: Vec<Competency>,
    pub roles: Vec<String>,
}

impl Filter {
    pub fn matches(&self, question: &Question) -> bool {
        let tags = if self.any_tag {
            self.tags.is_empty() || self.tags.iter().any(|t| question.has_tag(t))
        } else {
            self.tags.iter().all(|t| question.has_tag(t))
        };
        tags && (self.rounds.is_empty() || self.rounds.contains(&question.round))
            && (self.competencies.is_empty()
                || question.competency.is_some_and(|c| self.competencies.contains(&c)))
            && (self.roles.is_empty() || self.roles.iter().any(|r| question.roles.contains(r)))
            && (self.text.is_empty() || search::contains_all(question, &self.text))
    }

    /// Tags and roles the corpus does not know are typos, not empty results.
    pub fn check(&self, corpus: &Corpus) -> Result<(), String> {
        let questions = corpus.questions();
        for tag in &self.tags {
            if !questions.iter().any(|q| q.has_tag(tag)) {
                let known: Vec<&str> = corpus.tag_counts().into_iter().map(|(tag, _)| tag).collect();
                let hint = suggest::did_you_mean(tag, known);
                return Err(format!("unknown tag '{tag}'{hint}; `qbank tags` lists them"));
            }
        }
        for role in &self.roles {
            if !questions.iter().any(|q| q.roles.contains(role)) {
                let known = corpus.roles();
                let hint = suggest::did_you_mean_or_list(role, known.iter().copied(), &known, "roles");
                return Err(format!("unknown role '{role}'{hint}"));
            }
        }
        Ok(())
    }
}

/// The questions that pass `filter`, in id order.
pub fn select<'a>(corpus: &'a Corpus, filter: &Filter) -> Vec<&'a Question> {
    corpus.questions().iter().filter(|q| filter.matches(q)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(id: u64, round: Round, tags: &[&str], text: &str) -> Question {
        Question {
            question: text.to_string(),
            tags: tags.iter().map(std::string::ToString::to_string).collect(),
            roles: vec!["senior-backend-engineer".to_string()],
            ..Question::sample(id, round)
        }
    }

    fn corpus() -> Corpus {
        Corpus::new(vec![
            question(1, Round::SystemDesign, &["caching", "system-design"], "Design a cache for a busy API"),
            question(2, Round::Behavioural, &["conflict"], "Tell me about a disagreement"),
            question(3, Round::SystemDesign, &["system-design", "databases"], "Choose between SQL and NoSQL"),
        ])
    }

    fn ids(questions: &[&Question]) -> Vec<u64> {
        questions.iter().map(|q| q.id).collect()
    }

    #[test]
    fn tags_must_all_match_unless_any_tag() {
        let corpus = corpus();
        let mut filter = Filter { tags: vec!["system-design".into(), "caching".into()], ..Filter::default() };
        assert_eq!(ids(&select(&corpus, &filter)), [1]);
        filter.any_tag = true;
        assert_eq!(ids(&select(&corpus, &filter)), [1, 3]);
    }

    #[test]
    fn rounds_match_any_and_text_needs_every_word() {
        let corpus = corpus();
        let filter = Filter { rounds: vec![Round::Behavioural, Round::SystemDesign], ..Filter::default() };
        assert_eq!(ids(&select(&corpus, &filter)), [1, 2, 3]);
        let filter = Filter { text: terms::parse_query("design busy"), ..Filter::default() };
        assert_eq!(ids(&select(&corpus, &filter)), [1]);
    }

    #[test]
    fn unknown_tag_is_a_typo_with_a_suggestion() {
        let filter = Filter { tags: vec!["cachng".into()], ..Filter::default() };
        let message = filter.check(&corpus()).unwrap_err();
        assert!(message.contains("did you mean 'caching'?"), "{message}");
    }

    #[test]
    fn search_ranks_question_matches_first() {
        let corpus = corpus();
        let pool: Vec<&Question> = corpus.questions().iter().collect();
        let hits = search::search(&pool, &terms::parse_query("sql"));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].question.id, 3);
    }

    #[test]
    fn same_seed_same_draw() {
        let corpus = corpus();
        let pool: Vec<&Question> = corpus.questions().iter().collect();
        let a = ids(&draw::draw(pool.clone(), 2, 7));
        let b = ids(&draw::draw(pool.clone(), 2, 7));
        assert_eq!(a, b);
        assert_eq!(draw::draw(pool, 10, 7).len(), 3);
    }
}
