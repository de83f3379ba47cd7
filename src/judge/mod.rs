//! Judging an answer behind one interface: the offline analyser (the default: nothing leaves
//! the machine) or a language model over the OpenAI-compatible chat-completions API. A judge
//! that fails is replaced by the offline analyser for that answer, with a note saying why: a
//! session never waits on, or is lost to, a server.

pub mod client;
pub mod eval;
mod model;
mod offline;
mod quotes;

use std::time::Duration;

use serde::Serialize;

use crate::feedback::{Feedback, Verdict, analyse};
use crate::model::Question;

pub use client::{Endpoint, Log};
pub use model::ModelJudge;
pub use offline::Offline;

/// What a follow-up asked and what the candidate replied.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FollowUpReply {
    pub question: String,
    pub answer: String,
}

/// One answer to judge: the main answer, the follow-ups it led to, and its time limit.
#[derive(Clone, Copy, Debug)]
pub struct Submission<'a> {
    pub question: &'a Question,
    pub answer: &'a str,
    pub follow_ups: &'a [FollowUpReply],
    pub limit: Option<Duration>,
}

/// A judge's view of one answer. Every claim about the answer carries a quote that was found in
/// it; the offline analyser's copy and length checks come with every judgement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Judgement {
    /// Which judge produced it: "offline analyser", or the model and where it runs.
    pub judge: String,
    pub verdict: Verdict,
    pub reasons: Vec<String>,
    /// One per `look_for` item, in the question's order.
    pub look_for: Vec<ItemFinding>,
    pub red_flags: Vec<Quoted>,
    /// The answer's shape against its framework (STAR, the design steps), in a sentence.
    pub structure: String,
    /// Confidence, clarity and delivery, 1 to 5; empty from the offline analyser.
    pub delivery: Vec<DeliveryScore>,
    /// Claims the judge made with a quote that is not in the answer: reported as missing.
    pub unsupported_quotes: usize,
    /// Why the configured judge did not judge this answer, when it did not.
    pub fallback: Option<String>,
    /// The offline analyser's view, whose copy and length checks always run.
    pub offline: Feedback,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemFinding {
    /// Position in the question's look_for list, from 0.
    pub index: usize,
    pub item: String,
    pub covered: bool,
    /// The candidate's own words that show it, checked to be in the answer.
    pub quote: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quoted {
    pub what: String,
    pub quote: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeliveryScore {
    /// `confidence`, `clarity` or `delivery`.
    pub aspect: String,
    /// 1 (poor) to 5 (excellent).
    pub score: u8,
    pub comment: String,
}

/// Why a judge could not judge: in words a person can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JudgeError(pub String);

impl std::fmt::Display for JudgeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The interface both judges offer.
pub trait Judge: Send + Sync {
    /// Who judges, for report headers and the history: "offline analyser", "MODEL at URL".
    /// Never reaches a server.
    fn name(&self) -> String;
    /// True for the offline analyser: answers are judged at once, on this machine.
    fn is_offline(&self) -> bool {
        false
    }
    /// The judgement of one answer.
    fn judge(&self, submission: &Submission) -> Result<Judgement, JudgeError>;
    /// One follow-up question about what the candidate just said; `asked` are the follow-ups
    /// already put to them, not to be repeated.
    fn follow_up(&self, question: &Question, answer: &str, asked: &[String]) -> Result<String, JudgeError>;
}

/// The judgement of `judge`, or the offline analyser's with the reason when that fails.
pub fn judge_or_fallback(judge: &dyn Judge, submission: &Submission) -> Judgement {
    match judge.judge(submission) {
        Ok(judgement) => judgement,
        Err(why) => Judgement { fallback: Some(why.0), ..Offline.judgement(submission) },
    }
}

/// A follow-up from `judge`, or from the question's own list when that fails; the reason for a
/// fallback comes second. None when the question has none left to ask.
pub fn follow_up_or_fallback(
    judge: &dyn Judge,
    question: &Question,
    answer: &str,
    asked: &[String],
) -> (Option<String>, Option<String>) {
    match judge.follow_up(question, answer, asked) {
        Ok(text) => (Some(text), None),
        Err(why) => (Offline.follow_up(question, answer, asked).ok(), Some(why.0)),
    }
}

/// The offline analyser's feedback on a submission's main answer.
fn offline_feedback(submission: &Submission) -> Feedback {
    analyse(submission.question, submission.answer, submission.limit)
}
