//! End to end: the interview guide, its topics and its typo handling.

mod common;

use common::Test;

#[test]
fn default_guide_shows_frameworks_pitfalls_and_topics() {
    let out = Test::new().args(["guide"]).succeeds();
    for needle in
        ["(system-design)", "(star)", "(approach)", "Why senior candidates fail", "Instead:", "More topics"]
    {
        assert!(out.stdout.contains(needle), "missing {needle}:\n{}", out.stdout);
    }
    let steps = ["Clarify", "Propose", "Deep dive", "Trade-offs", "Growth and operations", "Alternatives"];
    let mut at = 0;
    for step in steps {
        let found = out.stdout[at..].find(step).unwrap_or_else(|| panic!("{step} out of order"));
        at += found;
    }
}

#[test]
fn topics_frameworks_rounds_and_advice() {
    let star = Test::new().args(["guide", "STAR"]).succeeds();
    for step in ["Situation", "Task", "Action", "Result", "Lesson"] {
        assert!(star.stdout.contains(step), "{step}");
    }
    assert!(!star.stdout.contains("Deep dive"));

    let round = Test::new().args(["guide", "behavioral"]).succeeds();
    assert!(round.stdout.starts_with("4. Behavioural"), "{}", round.stdout);
    assert!(round.stdout.contains("How to prepare"));

    let rounds = Test::new().args(["guide", "rounds", "-f", "json"]).succeeds().json();
    assert_eq!(rounds.as_array().unwrap().len(), 5);
    assert_eq!(rounds[1]["answer_seconds"], 600);

    let advice = Test::new().args(["guide", "advice", "-f", "json"]).succeeds().json();
    let first = advice[0]["topic"].as_str().unwrap().to_string();
    let one = Test::new().args(["guide", &first]).succeeds();
    assert!(one.stdout.contains(advice[0]["title"].as_str().unwrap()));

    for topic in ["competencies", "evaluation", "pitfalls", "frameworks"] {
        Test::new().args(["guide", topic]).succeeds();
    }
}

#[test]
fn unknown_topic_suggests_one() {
    Test::new()
        .args(["guide", "pitfals"])
        .fails_with("unknown guide topic 'pitfals' (did you mean 'pitfalls'?)");
}

#[test]
fn show_names_the_framework_that_fits() {
    let out = Test::new().args(["show", "49"]).succeeds();
    assert!(
        out.stdout.contains("Answer shape: Situation, Task, Action, Result (`qbank guide star`)"),
        "{}",
        out.stdout
    );
}
