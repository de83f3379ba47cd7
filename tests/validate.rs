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
    // A structural error (the unknown field) stops its own question; the file's other
    // questions are then read one by one, so their problems are reported in the same run.
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
    // A lonely tag is reported where the tag is written, not where its question starts.
    assert!(
        line_of(&strict, "rate-limiting").starts_with(&format!(
            "{file}:6:25: warning: question 20020: tag 'rate-limiting' is used by no other question"
        )),
        "{}",
        strict.stdout
    );
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

/// A team file whose one question uses a tag only the built-in bank also uses.
const TEAM: &str = "- id: 10001
  round: system-design
  question: How would you design the ledger that records every payment our platform moves?
  rationale: A ledger is where money and correctness meet, so it shows how a candidate trades speed for auditability.
  sample_answer: I would keep an append-only table of double-entry postings, each payment writing two rows in one transaction, with idempotency keys from the caller, balances derived by summing postings per account, and nightly reconciliation against the processor's settlement files to catch what the online path missed.
  tags: [system-design]
";

#[test]
fn corpus_and_qbank_corpus_paths_are_checked_like_positional_ones() {
    let test = Test::new();
    let clean = test.file("bank/clean.yaml", TEAM);
    let broken = test.file(
        "broken/bank.yaml",
        TEAM.replace("  tags: [system-design]\n", "  tags: [system-design]\n  tags: [again]\n"),
    );
    for (path, code) in [(&clean, 0), (&broken, 2)] {
        let by_flag = Test::new().args(["--corpus"]).args([path]).args(["validate", "--strict"]).code(code);
        let by_env = Test::new().env("QBANK_CORPUS", path).args(["validate", "--strict"]).code(code);
        for out in [by_flag, by_env] {
            assert!(out.stderr.contains("in 1 file"), "the team file is what is checked: {}", out.stderr);
            if code == 2 {
                assert!(
                    out.stdout.contains("`tags` appears twice in this question: keep one"),
                    "{}",
                    out.stdout
                );
            }
        }
    }
}

#[test]
fn seven_mistakes_in_seven_questions_are_seven_findings() {
    let mistakes = [
        ("  tags: [system-design]\n", "  tagz: [system-design]\n"),
        ("  round: system-design\n", "  round: system-desing\n"),
        ("  tags: [system-design]\n", "  tags: system-design\n"),
        ("  question: How", "  question: How\n  question: Why"),
        ("  rationale: A ledger", "  rationale: [A ledger"),
        ("  sample_answer: I would", "  sample_answer:\n  other: I would"),
        ("  round: system-design\n", "  round: system-design\n  colour: blue\n"),
    ];
    let file: String = mistakes
        .iter()
        .enumerate()
        .map(|(i, (from, to))| TEAM.replace("10001", &(10001 + i).to_string()).replacen(from, to, 1))
        .collect();
    let test = Test::new();
    let path = test.file("seven.yaml", file);
    let out = Test::new().args(["validate"]).args([&path]).code(2);
    let errors = out.stdout.lines().filter(|l| l.contains(": error: ")).count();
    assert_eq!(errors, 7, "{}", out.stdout);
    assert!(out.stdout.contains("unknown field `tagz` (did you mean `tags`?)"), "{}", out.stdout);
    assert!(out.stdout.contains("system-desing"), "{}", out.stdout);
}

#[test]
fn merge_conflict_markers_are_named_as_such() {
    let test = Test::new();
    let conflicted = TEAM.replace(
        "  tags: [system-design]\n",
        "<<<<<<< HEAD\n  tags: [system-design]\n=======\n  tags: [design]\n>>>>>>> theirs\n",
    );
    let path = test.file("team.yaml", conflicted);
    let out = Test::new().args(["validate"]).args([&path]).code(2);
    assert!(
        out.stdout.contains(":6:1: error: unresolved merge conflict at line 6 (to line 10)"),
        "{}",
        out.stdout
    );
}

#[test]
fn team_ids_below_10000_get_a_warning() {
    let test = Test::new();
    let path = test.file("team.yaml", TEAM.replace("10001", "9000"));
    let out = Test::new().args(["validate", "--strict"]).args([&path]).code(1);
    assert!(out.stdout.contains("warning: question 9000: team ids start at 10000"), "{}", out.stdout);
    Test::new().args(["validate", "--strict"]).args([test.file("ok.yaml", TEAM)]).code(0);
}
