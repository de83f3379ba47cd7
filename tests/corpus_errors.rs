//! End to end: a bad corpus gets one clear `error: PATH:LINE:COL: ...` and exit 2.

mod common;

use common::{Test, fixture};

fn load(name: &str) -> common::Outcome {
    Test::new().fixture_corpus(&format!("bad/{name}")).args(["list"]).code(2)
}

fn assert_error(name: &str, location: &str, message: &str) {
    let out = load(name);
    let expected = format!("error: {}:{location}: {message}", fixture(&format!("bad/{name}")).display());
    assert!(out.stderr.starts_with(&expected), "expected\n{expected}\ngot\n{}", out.stderr);
    assert!(out.stdout.is_empty(), "nothing half-loaded is shown");
}

#[test]
fn unknown_field_suggests_the_right_name() {
    assert_error(
        "unknown-field.yaml",
        "5:3",
        "unknown field `sample_anwser` (did you mean `sample_answer`?)",
    );
}

#[test]
fn unknown_round_suggests_the_right_one() {
    assert_error("unknown-round.yaml", "2:10", "unknown round 'behavoural' (did you mean 'behavioural'?)");
}

#[test]
fn missing_field_names_the_question() {
    assert_error("missing-answer.yaml", "1:3", "question 10 is missing `sample_answer`");
}

#[test]
fn wrong_type_says_what_was_expected() {
    assert_error("wrong-type.yaml", "1:7", "`id` must be a positive whole number, found `twelve`");
}

#[test]
fn syntax_errors_have_a_location() {
    let out = load("syntax.yaml");
    let prefix = format!("error: {}:", fixture("bad/syntax.yaml").display());
    assert!(out.stderr.starts_with(&prefix), "{}", out.stderr);
    let location: Vec<&str> = out.stderr[prefix.len()..].splitn(3, ':').collect();
    assert!(location[0].parse::<u32>().is_ok() && location[1].parse::<u32>().is_ok(), "{}", out.stderr);
}

#[test]
fn a_mapping_is_not_a_corpus() {
    assert_error("mapping.yaml", "1:1", "a corpus file must be a YAML list of questions");
}

#[test]
fn empty_values_and_bad_tags_are_reported() {
    let out = Test::new()
        .corpus("- id: 1\n  round: leadership\n  question: \"  \"\n  rationale: r\n  sample_answer: s\n  tags: [System Design]\n")
        .args(["list"])
        .code(2);
    assert!(out.stderr.contains("corpus.yaml:3:13: question 1 has an empty `question`"), "{}", out.stderr);
    assert!(
        out.stderr.contains("tag 'System Design' is not kebab-case (try 'system-design')"),
        "{}",
        out.stderr
    );
}

#[test]
fn empty_files_folders_without_yaml_and_missing_paths() {
    Test::new().corpus("").args(["list"]).fails_with("file has no questions");
    Test::new().corpus("# only a comment\n").args(["list"]).fails_with("file has no questions");
    let test = Test::new();
    test.file("empty-folder/readme.txt", "not yaml");
    test.args(["--no-builtin", "--corpus", "empty-folder", "list"]).fails_with("folder has no corpus files");
    Test::new()
        .args(["--corpus", "no/such/file.yaml", "list"])
        .fails_with("no/such/file.yaml:1:1: cannot read corpus: no such file or directory");
}

#[test]
fn invalid_utf8_and_nul_bytes_are_located() {
    let test = Test::new();
    test.file("latin1.yaml", b"- id: 1\n  question: caf\xe9\n");
    test.args(["--no-builtin", "--corpus", "latin1.yaml", "list"])
        .fails_with("latin1.yaml:2:16: file is not valid UTF-8");
    let test = Test::new();
    test.file("nul.yaml", b"- id: 1\n  question: a\0b\n");
    test.args(["--no-builtin", "--corpus", "nul.yaml", "list"])
        .fails_with("nul.yaml:2:14: file contains a NUL byte");
}

#[test]
fn escape_sequences_in_a_corpus_are_shown_not_obeyed() {
    for args in
        [vec!["show", "666"], vec!["list"], vec!["search", "innocent"], vec!["show", "666", "-f", "markdown"]]
    {
        let out = Test::new().fixture_corpus("bad/hostile.yaml").args(args.clone()).succeeds();
        for raw in ['\x1b', '\x07', '\u{9b}', '\u{202e}', '\u{200b}'] {
            assert!(!out.stdout.contains(raw), "{args:?} let {raw:?} through:\n{:?}", out.stdout);
        }
        assert!(out.stdout.contains('\u{241b}'), "ESC is shown as a visible symbol: {:?}", out.stdout);
    }
    let card = Test::new().fixture_corpus("bad/hostile.yaml").args(["show", "666"]).succeeds();
    assert!(
        card.stdout.contains("<U+202E>")
            && card.stdout.contains("<U+200B>")
            && card.stdout.contains("<U+009B>")
    );
}

#[test]
fn every_problem_beyond_the_first_is_counted() {
    let many: String = (1..=15).map(|i| format!("- id: {i}\n  round: nope\n")).collect();
    let out = Test::new().corpus(&many).args(["list"]).code(2);
    assert!(out.stderr.contains("and "), "{}", out.stderr);
    assert!(out.stderr.lines().all(|l| l.starts_with("error: ")), "{}", out.stderr);
}
