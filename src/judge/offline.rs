//! The offline analyser as a judge: word matching, on this machine, deterministic.

use super::{ItemFinding, Judge, JudgeError, Judgement, Quoted, Submission, offline_feedback};
use crate::model::Question;

/// The default judge. Nothing leaves the machine.
pub struct Offline;

impl Offline {
    pub fn judgement(&self, submission: &Submission) -> Judgement {
        let feedback = offline_feedback(submission);
        Judgement {
            judge: self.name(),
            verdict: feedback.verdict,
            reasons: feedback.reasons.clone(),
            look_for: feedback
                .signals
                .iter()
                .map(|s| ItemFinding {
                    index: s.index,
                    item: s.text.clone(),
                    covered: s.covered,
                    quote: None,
                })
                .collect(),
            red_flags: feedback
                .red_flags
                .iter()
                .map(|f| Quoted { what: f.message.to_string(), quote: f.phrase.clone() })
                .collect(),
            structure: String::new(),
            delivery: Vec::new(),
            unsupported_quotes: 0,
            fallback: None,
            offline: feedback,
        }
    }
}

impl Judge for Offline {
    fn name(&self) -> String {
        "offline analyser".to_string()
    }

    fn is_offline(&self) -> bool {
        true
    }

    fn judge(&self, submission: &Submission) -> Result<Judgement, JudgeError> {
        Ok(self.judgement(submission))
    }

    /// The question's first follow-up not yet asked.
    fn follow_up(&self, question: &Question, _answer: &str, asked: &[String]) -> Result<String, JudgeError> {
        question
            .follow_ups
            .iter()
            .find(|f| !asked.contains(f))
            .cloned()
            .ok_or_else(|| JudgeError(format!("question {} has no follow-up left to ask", question.id)))
    }
}
