//! How well a judge agrees with hand-labelled answers (`tests/feedback-eval`): precision and
//! recall of the `look_for` items it finds, and for how many questions it orders the strong,
//! mediocre and weak answers correctly. The same definitions serve the analyser's test and
//! `qbank judge eval`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Judge, JudgeError, Submission};
use crate::error::{Error, Result};
use crate::feedback::Verdict;
use crate::model::Corpus;

/// One hand-labelled answer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labelled {
    pub quality: Quality,
    /// Indexes into the question's look_for list that the answer covers, by hand.
    pub covers: Vec<usize>,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Quality {
    Strong,
    Mediocre,
    Weak,
}

/// One file of the set: a question and its three labelled answers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvalQuestion {
    pub question: u64,
    pub answers: Vec<Labelled>,
}

/// What the judge made of one labelled answer.
#[derive(Debug, Serialize)]
pub struct Outcome {
    pub question: u64,
    pub quality: Quality,
    /// None when the judge failed on it; the answer then counts in no figure.
    pub verdict: Option<Verdict>,
    pub found: BTreeSet<usize>,
    pub labelled: BTreeSet<usize>,
    pub reasons: Vec<String>,
    pub error: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Figures {
    pub questions: usize,
    pub answers: usize,
    pub failed: usize,
    pub true_positive: usize,
    pub false_positive: usize,
    pub false_negative: usize,
    pub ordered: usize,
    /// Answers by label (strong, mediocre, weak) and verdict (strong, borderline, weak).
    pub verdicts: [[usize; 3]; 3],
}

impl Figures {
    pub fn precision(&self) -> f64 {
        self.true_positive as f64 / (self.true_positive + self.false_positive).max(1) as f64
    }

    pub fn recall(&self) -> f64 {
        self.true_positive as f64 / (self.true_positive + self.false_negative).max(1) as f64
    }

    pub fn ordering(&self) -> f64 {
        self.ordered as f64 / self.questions.max(1) as f64
    }

    pub fn add(&mut self, other: &Figures) {
        self.questions += other.questions;
        self.answers += other.answers;
        self.failed += other.failed;
        self.true_positive += other.true_positive;
        self.false_positive += other.false_positive;
        self.false_negative += other.false_negative;
        self.ordered += other.ordered;
        for (mine, theirs) in self.verdicts.iter_mut().zip(other.verdicts) {
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m += t;
            }
        }
    }

    fn count(&mut self, outcome: &Outcome) {
        self.answers += 1;
        let Some(verdict) = outcome.verdict else {
            self.failed += 1;
            return;
        };
        self.true_positive += outcome.found.intersection(&outcome.labelled).count();
        self.false_positive += outcome.found.difference(&outcome.labelled).count();
        self.false_negative += outcome.labelled.difference(&outcome.found).count();
        let row = match outcome.quality {
            Quality::Strong => 0,
            Quality::Mediocre => 1,
            Quality::Weak => 2,
        };
        let column = match verdict {
            Verdict::Strong => 0,
            Verdict::Borderline => 1,
            Verdict::Weak => 2,
        };
        self.verdicts[row][column] += 1;
    }
}

/// The labelled questions of one part of the set (`dev/`, `holdout/`), in file order.
pub fn load_part(folder: &Path) -> Result<Vec<(PathBuf, EvalQuestion)>> {
    let entries = std::fs::read_dir(folder)
        .map_err(|e| Error::io(format!("cannot read the evaluation folder `{}`", folder.display()), e))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| Error::io(format!("cannot read `{}`", file.display()), e))?;
            let parsed = serde_saphyr::from_str(&text)
                .map_err(|e| Error::user(format!("`{}`: not an evaluation file: {e}", file.display())))?;
            Ok((file, parsed))
        })
        .collect()
}

/// Runs `judge` over every answer of `questions`; `each` sees every outcome as it comes.
pub fn evaluate(
    corpus: &Corpus,
    questions: &[(PathBuf, EvalQuestion)],
    judge: &dyn Judge,
    mut each: impl FnMut(&Outcome),
) -> Result<Figures> {
    let mut figures = Figures::default();
    for (file, eval) in questions {
        let question = corpus.get(eval.question).ok_or_else(|| {
            Error::user(format!("`{}`: question {} is not in the loaded bank", file.display(), eval.question))
        })?;
        let mut verdicts = Vec::new();
        for answer in &eval.answers {
            if let Some(&i) = answer.covers.iter().find(|&&i| i >= question.look_for.len()) {
                return Err(Error::user(format!(
                    "`{}`: label {i} is out of range: question {} has {} look_for items",
                    file.display(),
                    question.id,
                    question.look_for.len()
                )));
            }
            let submission = Submission { question, answer: &answer.text, follow_ups: &[], limit: None };
            let outcome = outcome(eval.question, answer, judge.judge(&submission));
            figures.count(&outcome);
            verdicts.push((answer.quality, outcome.verdict));
            each(&outcome);
        }
        let of = |q: Quality| verdicts.iter().find(|(quality, _)| *quality == q).and_then(|(_, v)| *v);
        figures.questions += 1;
        if let (Some(strong), Some(mediocre), Some(weak)) =
            (of(Quality::Strong), of(Quality::Mediocre), of(Quality::Weak))
            && strong > mediocre
            && mediocre > weak
        {
            figures.ordered += 1;
        }
    }
    Ok(figures)
}

fn outcome(
    question: u64,
    answer: &Labelled,
    judged: std::result::Result<super::Judgement, JudgeError>,
) -> Outcome {
    let labelled = answer.covers.iter().copied().collect();
    match judged {
        Ok(judgement) => Outcome {
            question,
            quality: answer.quality,
            verdict: Some(judgement.verdict),
            found: judgement.look_for.iter().filter(|i| i.covered).map(|i| i.index).collect(),
            labelled,
            reasons: judgement.reasons,
            error: None,
        },
        Err(e) => Outcome {
            question,
            quality: answer.quality,
            verdict: None,
            found: BTreeSet::new(),
            labelled,
            reasons: Vec::new(),
            error: Some(e.0),
        },
    }
}
