//! How long the full-screen app takes to draw one frame of each screen, at three sizes, with a
//! typical answer and a very long one. The target is a frame within 16 ms (60 per second), with
//! room to spare: the app redraws five times a second and after every key.
//!
//! `cargo bench --bench frame` prints a Markdown table and exits 1 when a frame misses the
//! target.

use std::time::Duration;

use qbank::loader::{self, Sources};

const TARGET: Duration = Duration::from_millis(16);
const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (40, 12)];
const FRAMES: usize = 200;

fn main() {
    let corpus = loader::load(&Sources { builtin: true, paths: Vec::new(), cache: None })
        .expect("the built-in corpus");
    // The question with the longest sample answer: the most text to lay out.
    let question = corpus.questions().iter().max_by_key(|q| q.sample_answer.len()).expect("questions");
    let typical = question.sample_answer.clone();
    // About 5,000 words: far more than anyone types in ten minutes.
    let long = typical.repeat(5000 / typical.split_whitespace().count().max(1) + 1);
    let mut missed = false;
    println!("Question #{}; frames drawn: {FRAMES} per cell; median per frame\n", question.id);
    println!("| screen | answer | {} |", SIZES.map(|(w, h)| format!("{w}x{h}")).join(" | "));
    println!("|---|---|{}", "---|".repeat(SIZES.len()));
    for screen in qbank::tui::BENCHED_SCREENS {
        for (label, answer) in [("typical", &typical), ("5,000 words", &long)] {
            let cells: Vec<String> = SIZES
                .iter()
                .map(|&size| {
                    let time = qbank::tui::frame_time(question, answer, screen, size, FRAMES);
                    missed |= time > TARGET;
                    format!("{:.2} ms", time.as_secs_f64() * 1000.0)
                })
                .collect();
            println!(
                "| {screen} | {label} ({} words) | {} |",
                answer.split_whitespace().count(),
                cells.join(" | ")
            );
        }
    }
    if missed {
        eprintln!("error: a frame took longer than {} ms", TARGET.as_millis());
        std::process::exit(1);
    }
}
