//! End to end: `qbank kit` is reproducible, varied, printable and honest about short rounds.

mod common;
mod golden;

use std::collections::HashSet;

use common::{Test, fixture};
use golden::assert_golden;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

const LOOP: &str = "kit/loop.yaml";

/// A test whose corpus is the kit fixture, copied in and named by a relative path so the
/// kit's corpus line is the same on every machine.
fn kit_test() -> Test {
    let test = Test::new();
    test.file("loop.yaml", std::fs::read(fixture(LOOP)).unwrap());
    test.args(["--no-builtin", "--corpus", "loop.yaml", "kit"])
}

fn kit_json(args: &[&str]) -> serde_json::Value {
    kit_test().args(["-f", "json"]).args(args).succeeds().json()
}

fn ids(kit: &serde_json::Value) -> Vec<u64> {
    kit["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["questions"].as_array().unwrap().iter().map(|q| q["id"].as_u64().unwrap()))
        .collect()
}

fn competencies(kit: &serde_json::Value) -> Vec<String> {
    kit["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["questions"].as_array().unwrap().iter())
        .filter_map(|q| q["competency"].as_str().map(String::from))
        .collect()
}

#[test]
fn every_format_matches_its_golden_file() {
    assert_golden("kit/golden/seed-7.md", &kit_test().args(["--seed", "7"]).succeeds().stdout);
    assert_golden("kit/golden/seed-7.txt", &kit_test().args(["--seed", "7", "-f", "text"]).succeeds().stdout);
    assert_golden(
        "kit/golden/seed-7.json",
        &kit_test().args(["--seed", "7", "-f", "json"]).succeeds().stdout,
    );
}

/// Headings (level, text) and how many tables and raw HTML events the Markdown has.
fn structure(markdown: &str) -> (Vec<(HeadingLevel, String)>, usize, usize) {
    let mut headings = Vec::new();
    let mut tables = 0;
    let mut html = 0;
    let mut current: Option<(HeadingLevel, String)> = None;
    for event in Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, heading)) = current.as_mut() {
                    heading.push_str(&text);
                }
            }
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Html(_) | Event::InlineHtml(_) => html += 1,
            _ => {}
        }
    }
    (headings, tables, html)
}

#[test]
fn markdown_renders_to_the_promised_structure() {
    let text = kit_test().args(["--seed", "11"]).succeeds().stdout;
    let (headings, tables, html) = structure(&text);
    let titles = |level: HeadingLevel| -> Vec<&str> {
        headings.iter().filter(|(l, _)| *l == level).map(|(_, t)| t.as_str()).collect()
    };
    assert_eq!(titles(HeadingLevel::H1), ["Interview kit"]);
    assert_eq!(
        titles(HeadingLevel::H2),
        [
            "How to score",
            "Round 1: Phone screen (30 min)",
            "Round 2: System design (60 min)",
            "Round 3: Architecture deep dive (60 min)",
            "Round 4: Behavioural interview (45 min)",
            "Round 5: Leadership conversation (45 min)",
            "Scorecard",
        ]
    );
    let questions = titles(HeadingLevel::H3);
    assert_eq!(questions.len(), 10, "two per round: {questions:?}");
    assert!(questions.iter().enumerate().all(|(i, q)| q.starts_with(&format!("Q{}. ", i + 1))));
    assert!(titles(HeadingLevel::H4).contains(&"Why we ask"));
    assert!(titles(HeadingLevel::H4).contains(&"Red flags"));
    // Candidate line, the scale, notes under every question, the scorecard and its evidence box.
    assert_eq!(tables, 1 + 1 + 10 + 1 + 1);
    assert_eq!(html, 0, "corpus text such as <script> is shown, never passed through as HTML");
    assert_eq!(
        text.matches("**Score:** [ ] 1 Strong no-hire · [ ] 2 No-hire · [ ] 3 Hire · [ ] 4 Strong hire")
            .count(),
        10
    );
    assert!(text.contains("**Overall recommendation:** [ ] 1 Strong no-hire"));
    assert!(text.contains("**Seed:** 11"));
}

#[test]
fn the_same_seed_gives_the_same_kit_and_the_printed_command_regenerates_it() {
    let first = kit_test().args(["--seed", "4242", "--per-round", "1"]).succeeds().stdout;
    assert_eq!(first, kit_test().args(["--seed", "4242", "--per-round", "1"]).succeeds().stdout);
    let command = first
        .lines()
        .find_map(|l| l.strip_prefix("Regenerate this kit from the same corpus: `"))
        .and_then(|l| l.strip_suffix('`'))
        .expect("the kit prints how to regenerate it");
    assert_eq!(command, "qbank --no-builtin --corpus loop.yaml kit --seed 4242 --per-round 1");
    // The printed line alone, corpus options included, makes the same kit.
    let words: Vec<&str> = command.split(' ').skip(1).collect();
    let test = Test::new();
    test.file("loop.yaml", std::fs::read(fixture(LOOP)).unwrap());
    let again = test.args(words).succeeds().stdout;
    assert_eq!(again, first);

    let kits: HashSet<Vec<u64>> = (0..8).map(|s| ids(&kit_json(&["--seed", &s.to_string()]))).collect();
    assert!(kits.len() > 1, "different seeds give different kits");
}

#[test]
fn an_unseeded_kit_prints_the_seed_it_used() {
    let kit = kit_json(&[]);
    let seed = kit["seed"].as_u64().unwrap();
    assert_eq!(kit["command"], format!("qbank --no-builtin --corpus loop.yaml kit --seed {seed}"));
    assert_eq!(ids(&kit_json(&["--seed", &seed.to_string()])), ids(&kit));
}

#[test]
fn no_competency_repeats_when_the_corpus_allows_it() {
    for seed in 0..40 {
        let kit = kit_json(&["--seed", &seed.to_string(), "--per-round", "1"]);
        let found = competencies(&kit);
        let distinct: HashSet<&String> = found.iter().collect();
        assert_eq!(ids(&kit).len(), 5, "seed {seed}");
        assert_eq!(distinct.len(), found.len(), "seed {seed}: {found:?}");
    }
}

#[test]
fn the_builtin_loop_repeats_at_most_what_nine_competencies_force() {
    for seed in 0..10 {
        let kit = Test::new().args(["kit", "-f", "json", "--seed", &seed.to_string()]).succeeds().json();
        let found = competencies(&kit);
        let distinct: HashSet<&String> = found.iter().collect();
        assert_eq!(found.len(), 10);
        assert_eq!(distinct.len(), 9, "ten questions, nine competencies, one repeat: {found:?}");
    }
}

#[test]
fn included_questions_are_pinned_and_bring_their_round() {
    let kit = kit_json(&[
        "--seed",
        "3",
        "--rounds",
        "phone-screen",
        "--per-round",
        "1",
        "--include",
        "10011,10009",
    ]);
    let rounds: Vec<&str> =
        kit["rounds"].as_array().unwrap().iter().map(|r| r["round"].as_str().unwrap()).collect();
    assert_eq!(rounds, ["phone-screen", "leadership"]);
    let leadership = &kit["rounds"][1]["questions"];
    let pinned: Vec<u64> = leadership.as_array().unwrap().iter().map(|q| q["id"].as_u64().unwrap()).collect();
    assert_eq!(pinned, [10011, 10009]);
    assert!(leadership.as_array().unwrap().iter().all(|q| q["pinned"] == true));
    kit_test().args(["--include", "99"]).fails_with("no question with id 99");
}

#[test]
fn rounds_follow_the_order_given_and_filters_narrow_the_pool() {
    let kit = kit_json(&["--seed", "1", "--rounds", "behavioural,design"]);
    let rounds: Vec<&str> =
        kit["rounds"].as_array().unwrap().iter().map(|r| r["round"].as_str().unwrap()).collect();
    assert_eq!(rounds, ["behavioural", "system-design"]);
    let filtered = kit_test().args(["-f", "json", "--seed", "1", "--competency", "communication"]).code(0);
    assert!(
        filtered.stderr.contains("note: no leadership question matches; the kit has no leadership round")
    );
    assert!(filtered.stderr.contains("note: only 1 behavioural question matches; the round has 1, not 2"));
    let filtered = filtered.json();
    assert_eq!(ids(&filtered).len(), 2);
    assert!(competencies(&filtered).iter().all(|c| c == "communication"));
    kit_test().args(["--rounds", "behavoural"]).code(2);
}

#[test]
fn a_short_round_is_noted_and_an_empty_kit_is_no_match() {
    let out = kit_test().args(["--seed", "1", "--per-round", "3", "-f", "json"]).code(0);
    assert!(
        out.stderr.contains("note: only 2 phone-screen questions match; the round has 2, not 3"),
        "{}",
        out.stderr
    );
    let md = kit_test().args(["--seed", "1", "--per-round", "3"]).code(0).stdout;
    assert!(md.contains("*Only 2 of the 3 questions asked for match the filters in this round.*"));
    let none = kit_test().args(["--tag", "career", "--round", "leadership"]).code(1);
    assert!(none.stderr.contains("no question matches"), "{}", none.stderr);
    kit_test().args(["--per-round", "0"]).fails_with("--per-round 0 keeps only --include ID questions");
}

#[test]
fn a_question_without_signals_carries_its_reference_answer() {
    let md =
        kit_test().args(["--seed", "2", "--include", "10011", "--rounds", "leadership", "--per-round", "1"]);
    let md = md.succeeds().stdout;
    assert!(md.contains("#### Reference answer\n\nFewer than two pages a week"), "{md}");
    assert!(md.contains("- **Other (no competency named)** (Q1)"), "{md}");
    let with = kit_test().args(["--seed", "2", "--answers"]).succeeds().stdout;
    assert_eq!(with.matches("#### Reference answer").count(), 10);
}

#[test]
fn output_file_is_written_atomically_without_colour() {
    let test = kit_test().args(["--seed", "5", "-f", "text", "--color", "always", "-o", "kit.txt"]);
    let out = test.code(0);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("wrote a kit of 10 questions (seed 5) to kit.txt"), "{}", out.stderr);
    let text = std::fs::read_to_string(test.dir().join("kit.txt")).unwrap();
    assert!(text.starts_with("Interview kit\nseed 5 · 10 questions · 5 rounds"), "{text}");
    assert!(!text.contains('\x1b'), "a file never gets colour codes");
    assert!(text.contains("Score: [ ] 1 Strong no-hire"));
}

#[test]
fn json_carries_the_plan_scale_and_scorecard() {
    let kit = kit_json(&["--seed", "9"]);
    assert_eq!(kit["seed"], 9);
    assert_eq!(kit["corpus"][0], "loop.yaml");
    assert_eq!(kit["scale"][3]["label"], "Strong hire");
    assert_eq!(kit["scale"][0]["score"], 1);
    let q = &kit["rounds"][0]["questions"][0];
    assert_eq!(q["number"], 1);
    for field in ["question", "rationale", "look_for", "red_flags", "follow_ups", "competency"] {
        assert!(q.get(field).is_some(), "{field}");
    }
    let covered: usize =
        kit["scorecard"].as_array().unwrap().iter().map(|r| r["questions"].as_array().unwrap().len()).sum();
    assert_eq!(covered, 10, "every question is on the scorecard once");
}

/// Heading texts and code blocks of a Markdown document, as a renderer sees them.
fn headings_and_code(markdown: &str) -> (Vec<String>, Vec<(String, String)>) {
    let (mut headings, mut code) = (Vec::new(), Vec::new());
    let (mut heading, mut block): (Option<String>, Option<(String, String)>) = (None, None);
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => headings.extend(heading.take()),
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(language) => language.to_string(),
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                block = Some((language, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => code.extend(block.take()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&text);
                } else if let Some((_, b)) = block.as_mut() {
                    b.push_str(&text);
                }
            }
            _ => {}
        }
    }
    (headings, code)
}

#[test]
fn a_question_with_code_has_a_short_heading_and_a_code_block_in_markdown() {
    let out = Test::new().args(["show", "42", "--format", "markdown"]).succeeds();
    let (headings, code) = headings_and_code(&out.stdout);
    assert!(headings[0].starts_with("42. A junior engineer you mentor"), "{headings:?}");
    assert!(headings[0].len() < 200, "the heading is the first paragraph only: {}", headings[0]);
    assert_eq!(code.len(), 1, "{code:?}");
    assert!(code[0].1.starts_with("def apply_promo(db, customer_id, code):\n    try:\n"), "{}", code[0].1);
}

#[test]
fn a_fenced_block_keeps_its_language_and_its_backticks_in_kits() {
    let test = Test::new();
    let yaml = std::fs::read_to_string(fixture(LOOP)).unwrap();
    let first_question = yaml.find("  question: ").unwrap();
    let line_end = first_question + yaml[first_question..].find('\n').unwrap();
    let fenced = "  question: |-\n    What is wrong with this handler?\n\n    ```go\n    func handle(w http.ResponseWriter, r *http.Request) {\n        go work(r.Context())\n    }\n    ```";
    let yaml = format!("{}{}{}", &yaml[..first_question], fenced, &yaml[line_end..]);
    test.file("loop.yaml", yaml);
    let out =
        test.args(["--no-builtin", "--corpus", "loop.yaml", "export", "--format", "markdown"]).succeeds();
    let (headings, code) = headings_and_code(&out.stdout);
    assert!(headings.iter().any(|h| h.ends_with("What is wrong with this handler?")), "{headings:?}");
    let go: Vec<_> = code.iter().filter(|(language, _)| language == "go").collect();
    assert_eq!(go.len(), 1, "{}", out.stdout);
    assert!(go[0].1.contains("    go work(r.Context())"), "{}", go[0].1);
    assert!(!out.stdout.contains("\\`"), "no escaped backticks: {}", out.stdout);
}

#[test]
fn per_round_takes_a_number_for_each_named_round() {
    let kit =
        kit_json(&["--seed", "3", "--per-round", "1,behavioural=2", "--rounds", "phone-screen,behavioural"]);
    let counts: Vec<usize> =
        kit["rounds"].as_array().unwrap().iter().map(|r| r["questions"].as_array().unwrap().len()).collect();
    assert_eq!(counts, [1, 2]);
    kit_test().args(["--per-round", "behavioral=x"]).fails_with("`x` is not a number of questions");
    kit_test().args(["--per-round", "behavioural=1,leadrship=1"]).fails_with("unknown round `leadrship`");
}

#[test]
fn a_locked_kit_is_made_again_or_refused_naming_what_changed() {
    let test = Test::new();
    test.file("loop.yaml", std::fs::read(fixture(LOOP)).unwrap());
    let kit = |extra: &[&str]| {
        Test::new()
            .args(["--no-builtin", "--corpus"])
            .args([test.dir().join("loop.yaml")])
            .args(["kit"])
            .args(extra.to_vec())
    };
    let lock = test.dir().join("panel.lock.json");
    let lock_arg = lock.to_str().unwrap();
    let first = kit(&["--seed", "99", "--lock", lock_arg, "-f", "json"]).succeeds().json();
    assert!(first["hash"].as_str().is_some_and(|h| h.len() == 16), "{first}");
    assert_eq!(first["qbank"], env!("CARGO_PKG_VERSION"));
    let again = kit(&["--from-lock", lock_arg, "-f", "json"]).succeeds().json();
    assert_eq!((ids(&again), &again["hash"]), (ids(&first), &first["hash"]));

    let changed_id = ids(&first)[0];
    let yaml = std::fs::read_to_string(test.dir().join("loop.yaml")).unwrap();
    let at = yaml.find(&format!("- id: {changed_id}\n")).unwrap();
    let question = at + yaml[at..].find("  question: ").unwrap() + "  question: ".len();
    test.file("loop.yaml", format!("{}Reworded, {}", &yaml[..question], &yaml[question..]));
    let out = kit(&["--from-lock", lock_arg]).code(2);
    assert!(out.stderr.contains("cannot be made again: question"), "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("question {changed_id} has changed since the kit was locked")),
        "{}",
        out.stderr
    );
}

#[test]
fn split_writes_one_packet_per_round_with_its_own_interviewer_line() {
    let test = Test::new();
    test.file("loop.yaml", std::fs::read(fixture(LOOP)).unwrap());
    let out = Test::new()
        .args(["--no-builtin", "--corpus"])
        .args([test.dir().join("loop.yaml")])
        .args(["kit", "--seed", "5", "--rounds", "phone-screen,behavioural", "--split", "-o"])
        .args([test.dir().join("panel.md")])
        .code(0);
    assert!(out.stderr.contains("wrote the Phone screen packet (2 questions) to"), "{}", out.stderr);
    for round in ["phone-screen", "behavioural"] {
        let packet = std::fs::read_to_string(test.dir().join(format!("panel-{round}.md"))).unwrap();
        assert_eq!(packet.matches("| Candidate | Role | Interviewer | Date |").count(), 1, "{packet}");
        assert_eq!(packet.matches("### Q").count(), 2, "{packet}");
        assert!(packet.contains("**Time:** about "), "a time plan per question: {packet}");
        assert!(packet.contains("kit --seed 5"), "the regenerate line: {packet}");
    }
    assert!(!test.dir().join("panel.md").exists());
    kit_test().args(["--split"]).code(2);
}
