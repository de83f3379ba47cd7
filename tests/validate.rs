//! End to end: `qbank validate` reports every problem, located, in one run.

mod common;

use common::{Test, fixture};

fn validate(files: &[&str], extra: &[&str]) -> common::Outcome {
    let mut test = Test::new().args(["validate"]);
    for file in files {
        test = test.args([fixture(&format!("validate/{file}"))]);
    }
    test.args(extra).run()
}

fn line_of(out: &common::Outcome, needle: &str) -> String {
    out.stdout
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no finding contains {needle:?}:\n{}", out.stdout))
        .to_string()
}

#[test]
fn the_builtin_corpus_is_clean_even_when_strict() {
    let out = Test::new().args(["validate", "--strict"]).code(0);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(out.stderr.starts_with("0 errors, 0 warnings in 5 files"), "{}", out.stderr);
}

#[test]
fn a_clean_file_exits_0() {
    let out = validate(&["clean.yaml"], &["--strict"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stderr.contains("0 errors, 0 warnings in 1 file (2 questions)"), "{}", out.stderr);
}

#[test]
fn every_error_is_reported_with_its_place() {
    let out = validate(&["errors.yaml"], &[]);
    assert_eq!(out.code, 2);
    let file = fixture("validate/errors.yaml").display().to_string();
    // serde stops a file at its first structural error (the unknown field), so the
    // semantic checks are shown on the questions before it.
    let unknown = line_of(&out, "sample_anwser");
    assert_eq!(
        unknown,
        format!("{file}:12:3: error: unknown field `sample_anwser` (did you mean `sample_answer`?)")
    );
}

#[test]
fn semantic_errors_are_all_reported_in_one_run() {
    let test = Test::new();
    let text = std::fs::read_to_string(fixture("validate/errors.yaml"))
        .unwrap()
        .replace("sample_anwser", "sample_answer");
    let path = test.file("errors.yaml", text);
    let out = test.args(["validate"]).args([&path]).code(2);
    let file = path.display().to_string();
    for (place, message) in [
        ("2:10", "unknown round 'behavoural' (did you mean 'behavioural'?)"),
        ("6:10", "tag 'Decision Making' is not kebab-case (try 'decision-making')"),
        ("7:15", "unknown competency 'judgement' (did you mean 'technical-judgment'?)"),
        ("10:13", "question 20011 has an empty `question`"),
        ("14:3", "duplicate id 20010: also used at"),
    ] {
        let expected = format!("{file}:{place}: error: {message}");
        assert!(out.stdout.contains(&expected), "missing {expected}\nin\n{}", out.stdout);
    }
    // The tag 'learning' is used by one question of the file, but the built-in bank it loads
    // with uses it too: it is lonely only without the built-in bank.
    assert!(out.stderr.starts_with("5 errors, 1 warning"), "{}", out.stderr);
    let alone = Test::new();
    let path = alone.file(
        "errors.yaml",
        std::fs::read_to_string(fixture("validate/errors.yaml"))
            .unwrap()
            .replace("sample_anwser", "sample_answer"),
    );
    let alone = alone.args(["--no-builtin", "validate"]).args([&path]).code(2);
    assert!(alone.stderr.starts_with("5 errors, 2 warnings"), "{}", alone.stderr);
    assert!(alone.stdout.contains("tag 'learning' is used by no other question"), "{}", alone.stdout);
}

#[test]
fn warnings_exit_0_or_1_with_strict() {
    let relaxed = validate(&["warnings.yaml"], &[]);
    assert_eq!(relaxed.code, 0);
    let strict = validate(&["warnings.yaml"], &["--strict"]);
    assert_eq!(strict.code, 1);
    let file = fixture("validate/warnings.yaml").display().to_string();
    assert!(
        line_of(&strict, "look alike")
            .starts_with(&format!("{file}:7:3: warning: questions 20020 and 20021 look alike ("))
    );
    assert!(line_of(&strict, "look alike").contains("% of their words are shared"));
    assert!(line_of(&strict, "rate-limiting").contains("tag 'rate-limiting' is used by no other question"));
    assert!(line_of(&strict, "rationale has").contains("question 20020: rationale has 2 words"));
    assert!(line_of(&strict, "sample answer has").contains("question 20020: sample answer has 2 words"));
}

#[test]
fn syntax_errors_and_unreadable_paths_are_findings() {
    let out =
        Test::new().args(["validate"]).args([fixture("bad/syntax.yaml"), "missing.yaml".into()]).code(2);
    assert!(out.stdout.contains("syntax.yaml:"), "{}", out.stdout);
    assert!(
        out.stdout.contains("missing.yaml:1:1: error: cannot read corpus: no such file or directory"),
        "{}",
        out.stdout
    );
}

#[test]
fn ids_that_clash_with_the_builtin_bank_are_errors_unless_no_builtin() {
    let test = Test::new();
    let path = test.file(
        "team.yaml",
        std::fs::read_to_string(fixture("validate/clean.yaml")).unwrap().replace("20001", "12"),
    );
    let out = Test::new().args(["validate"]).args([&path]).code(2);
    assert!(
        out.stdout.contains("duplicate id 12: also used at <built-in>/phone-screen.yaml"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("use ids from 10000 up"));
    Test::new().args(["--no-builtin", "validate"]).args([&path]).code(0);
}

#[test]
fn json_findings_for_ci_annotations() {
    let out = validate(&["warnings.yaml"], &["--format", "json"]);
    let findings = out.json();
    let first = &findings[0];
    assert_eq!(first["file"], fixture("validate/warnings.yaml").display().to_string());
    assert!(first["line"].as_u64().unwrap() >= 1 && first["column"].as_u64().unwrap() >= 1);
    assert_eq!(first["severity"], "warning");
    assert!(first["message"].is_string());
}
