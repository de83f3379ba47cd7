//! Any bytes as `history.jsonl`: read, replayed into the schedule and summed into stats, as
//! `qbank stats` does, without a panic (a duration or date overflow once crashed it).
#![no_main]

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use qbank::model::{Levels, Origin, Question, Round};
use qbank::practice::history::parse_log;
use qbank::practice::schedule::Schedule;
use qbank::practice::stats;

fuzz_target!(|data: &[u8]| {
    let Ok(loaded) = parse_log(data) else { return };
    let schedule = Schedule::from_attempts(&loaded.attempts);
    let file = Arc::new(PathBuf::from("fuzz.yaml"));
    let questions: Vec<Question> = loaded
        .attempts
        .iter()
        .map(|a| Question {
            id: a.id,
            round: Round::PhoneScreen,
            question: "Q".into(),
            rationale: "R".into(),
            sample_answer: "A".into(),
            tags: vec!["t".into()],
            competency: None,
            roles: Vec::new(),
            framework: None,
            look_for: Vec::new(),
            red_flags: Vec::new(),
            follow_ups: Vec::new(),
            sample_follow_ups: Vec::new(),
            levels: Levels::default(),
            origin: Origin { file: file.clone(), line: 1, column: 1 },
        })
        .collect();
    let pool: Vec<&Question> = questions.iter().collect();
    let now = chrono::Utc::now();
    let _ = schedule.drill(&pool, now);
    let _ = stats::compute(&pool, &loaded.attempts, &HashSet::new(), now, now.date_naive());
});
