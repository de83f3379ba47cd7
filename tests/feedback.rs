//! Feedback on typed answers: `qbank review`, and the analyser measured on the evaluation set.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use qbank::feedback::{Verdict, analyse};
use qbank::loader::{self, Sources};
use qbank::model::Corpus;

/// One hand-labelled answer of the evaluation set.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Labelled {
    quality: Quality,
    covers: Vec<usize>,
    text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
enum Quality {
    Strong,
    Mediocre,
    Weak,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct EvalQuestion {
    question: u64,
    answers: Vec<Labelled>,
}

#[derive(Default)]
struct Figures {
    questions: usize,
    true_positive: usize,
    false_positive: usize,
    false_negative: usize,
    ordered: usize,
}

impl Figures {
    fn precision(&self) -> f64 {
        self.true_positive as f64 / (self.true_positive + self.false_positive).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.true_positive as f64 / (self.true_positive + self.false_negative).max(1) as f64
    }
    fn ordering(&self) -> f64 {
        self.ordered as f64 / self.questions.max(1) as f64
    }
    fn add(&mut self, other: &Figures) {
        self.questions += other.questions;
        self.true_positive += other.true_positive;
        self.false_positive += other.false_positive;
        self.false_negative += other.false_negative;
        self.ordered += other.ordered;
    }
    fn line(&self, name: &str) -> String {
        format!(
            "{name:<8} questions {:>2}  answers {:>3}  precision {:.2}  recall {:.2}  ordering {:>2}/{:<2} = {:.0}%",
            self.questions,
            self.questions * 3,
            self.precision(),
            self.recall(),
            self.ordered,
            self.questions,
            self.ordering() * 100.0
        )
    }
}

fn evaluate(corpus: &Corpus, folder: &Path, report: &mut String) -> Figures {
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .expect("evaluation folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let mut figures = Figures::default();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read eval file");
        let eval: EvalQuestion = serde_saphyr::from_str(&text).expect("eval file parses");
        let question = corpus.get(eval.question).expect("eval question exists");
        let mut verdicts = Vec::new();
        for answer in &eval.answers {
            for &i in &answer.covers {
                assert!(i < question.look_for.len(), "{}: label {i} out of range", file.display());
            }
            let feedback = analyse(question, &answer.text, None);
            let found: BTreeSet<usize> = feedback.signals.iter().filter(|s| s.covered).map(|s| s.index).collect();
            let labelled: BTreeSet<usize> = answer.covers.iter().copied().collect();
            figures.true_positive += found.intersection(&labelled).count();
            figures.false_positive += found.difference(&labelled).count();
            figures.false_negative += labelled.difference(&found).count();
            report.push_str(&format!(
                "  q{:<3} {:<8} {:<10} {:.2} found {:?} labelled {:?} {}\n",
                eval.question,
                format!("{:?}", answer.quality).to_lowercase(),
                feedback.verdict.name(),
                feedback.score,
                found,
                labelled,
                feedback.reasons.join("; ")
            ));
            verdicts.push((answer.quality, feedback.verdict));
        }
        let of = |q: Quality| verdicts.iter().find(|(quality, _)| *quality == q).map(|(_, v)| *v);
        let (strong, mediocre, weak) = (of(Quality::Strong), of(Quality::Mediocre), of(Quality::Weak));
        assert!(strong.is_some() && mediocre.is_some() && weak.is_some(), "{}: needs all three", file.display());
        figures.questions += 1;
        if strong > mediocre && mediocre > weak {
            figures.ordered += 1;
        }
    }
    figures
}

/// The figures the README reports; print them with
/// `cargo test --test feedback evaluation -- --nocapture`.
#[test]
fn evaluation_set_meets_the_targets() {
    let corpus = loader::load(&Sources { builtin: true, paths: Vec::new() }).expect("built-in corpus");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/feedback-eval");
    let mut report = String::new();
    let mut total = Figures::default();
    let mut lines = Vec::new();
    for part in ["dev", "holdout"] {
        let folder = root.join(part);
        if !folder.is_dir() {
            continue;
        }
        let figures = evaluate(&corpus, &folder, &mut report);
        lines.push(figures.line(part));
        total.add(&figures);
    }
    lines.push(total.line("all"));
    println!("{report}");
    println!("{}", lines.join("\n"));
    assert!(total.questions >= 15, "the set covers at least 15 questions");
    assert!(total.precision() >= 0.85, "precision {:.2} < 0.85", total.precision());
    assert!(total.recall() >= 0.70, "recall {:.2} < 0.70", total.recall());
    assert!(total.ordering() >= 0.90, "ordering {:.2} < 0.90", total.ordering());
    let _ = Verdict::Strong;
}
