//! The built-in corpus is the product: complete, documented, and covering every seed question.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::Test;
use serde_json::Value;

fn questions() -> Vec<Value> {
    Test::new().args(["list", "--format", "json"]).succeeds().json().as_array().unwrap().clone()
}

fn strings(value: &Value) -> Vec<&str> {
    value.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect()
}

/// The names in the README table between `<!-- NAME:start -->` and `<!-- NAME:end -->`.
fn readme_table(name: &str) -> BTreeSet<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/corpus-format.md")).unwrap();
    let start =
        readme.find(&format!("<!-- {name}:start -->")).unwrap_or_else(|| panic!("README lacks {name} table"));
    let end = readme.find(&format!("<!-- {name}:end -->")).unwrap();
    readme[start..end]
        .lines()
        .filter_map(|line| line.strip_prefix("| `")?.split('`').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn ids_are_unique_and_every_round_has_at_least_fifteen() {
    let qs = questions();
    let ids: BTreeSet<u64> = qs.iter().map(|q| q["id"].as_u64().unwrap()).collect();
    assert_eq!(ids.len(), qs.len());
    assert!(qs.len() >= 120, "at least 120 questions expected, found {}", qs.len());
    let mut per_round: BTreeMap<&str, usize> = BTreeMap::new();
    for q in &qs {
        *per_round.entry(q["round"].as_str().unwrap()).or_default() += 1;
    }
    for round in ["phone-screen", "system-design", "architecture", "behavioural", "leadership"] {
        assert!(per_round.get(round).copied().unwrap_or(0) >= 15, "{round}: {per_round:?}");
    }
}

#[test]
fn every_question_says_what_each_level_sounds_like() {
    for q in questions() {
        for level in ["mid", "senior", "staff"] {
            let text = q["levels"][level].as_str().unwrap_or_default();
            let words = text.split_whitespace().count();
            assert!((15..=90).contains(&words), "question {}: levels.{level} has {words} words", q["id"]);
        }
    }
}

/// Code to review, a log, a trace or a query plan: material the question puts in front of the
/// candidate, as an indented block after its first paragraph.
#[test]
fn deep_dives_put_the_material_in_the_question() {
    let with_material: Vec<Value> = questions()
        .into_iter()
        .filter(|q| q["question"].as_str().unwrap().lines().any(|line| line.starts_with("    ")))
        .collect();
    assert!(with_material.len() >= 8, "{} questions with material", with_material.len());
    for q in &with_material {
        let tags = strings(&q["tags"]);
        assert!(
            tags.contains(&"code-review") || tags.contains(&"debugging"),
            "question {}: {tags:?}",
            q["id"]
        );
        assert!(["phone-screen", "system-design", "architecture"].contains(&q["round"].as_str().unwrap()));
    }
}

/// The rubric holds for any strong answer: `validate` warns about a `look_for` or follow-up item
/// naming what only the sample answer mentions, and about near-duplicate questions; the
/// built-in bank has no warning of either kind (nor any other).
#[test]
fn the_rubric_fits_any_good_answer_and_no_two_questions_are_alike() {
    let out = Test::new().args(["validate", "--strict", "--format", "json"]).code(0);
    let findings = out.json();
    assert_eq!(findings.as_array().unwrap().len(), 0, "{findings:#}");
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/writing-questions.md")).unwrap();
    for field in
        ["## Rationale", "## What a strong answer shows", "## Red flags", "## Follow-ups", "## Levels"]
    {
        let section = doc.split(field).nth(1).unwrap_or_else(|| panic!("the style guide lacks {field}"));
        let section = section.split("\n## ").next().unwrap();
        assert!(section.contains("Good") && section.contains("Bad"), "{field}: a good and a bad example");
    }
}

#[test]
fn every_question_has_every_field_filled() {
    for q in questions() {
        let id = &q["id"];
        for field in ["question", "rationale", "sample_answer", "competency", "framework"] {
            assert!(q[field].as_str().is_some_and(|s| !s.trim().is_empty()), "{id}: {field}");
        }
        let count = |field: &str| q[field].as_array().map_or(0, Vec::len);
        assert!((2..=5).contains(&count("tags")), "{id}: 2-5 tags");
        assert!(count("roles") >= 1, "{id}: roles");
        assert!(count("look_for") >= 3, "{id}: look_for");
        assert!(count("red_flags") >= 2, "{id}: red_flags");
        assert!((2..=3).contains(&count("follow_ups")), "{id}: follow_ups");
        let sentences = q["rationale"].as_str().unwrap().matches(['.', '?', '!']).count();
        assert!((2..=5).contains(&sentences), "{id}: rationale of 2-4 sentences");
        if q["round"] == "system-design" {
            assert!(strings(&q["tags"]).contains(&"system-design"), "{id}: system-design tag");
        }
    }
}

#[test]
fn sample_answers_follow_their_framework() {
    let labels: BTreeMap<&str, &[&str]> = BTreeMap::from([
        ("star", &["Situation:", "Task:", "Action:", "Result:"][..]),
        (
            "system-design",
            &["Clarify:", "Propose:", "Deep dive:", "Trade-offs:", "Growth and operations:", "Alternatives:"]
                [..],
        ),
        ("approach", &["Principle:", "In practice:", "Example:", "Trade-off:"][..]),
    ]);
    for q in questions() {
        let answer = q["sample_answer"].as_str().unwrap();
        for label in labels[q["framework"].as_str().unwrap()] {
            assert!(answer.contains(label), "question {}: sample answer lacks {label}", q["id"]);
        }
    }
}

#[test]
fn tags_and_competencies_are_the_documented_vocabulary() {
    let qs = questions();
    let used: BTreeSet<String> = qs.iter().flat_map(|q| strings(&q["tags"])).map(str::to_string).collect();
    assert_eq!(used, readme_table("tags"), "README's tag table must list exactly the tags in use");
    assert!((25..=40).contains(&used.len()), "{} tags", used.len());
    let competencies: BTreeSet<String> =
        qs.iter().map(|q| q["competency"].as_str().unwrap().to_string()).collect();
    assert_eq!(competencies, readme_table("competencies"));
}

#[test]
fn every_seed_question_is_found_by_search() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/seed-coverage");
    let mut checked = BTreeMap::<String, BTreeSet<String>>::new();
    let mut misses = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let [seed, label, words, id]: [&str; 4] =
                line.split('\t').collect::<Vec<_>>().try_into().unwrap();
            let out =
                Test::new().args(["search", "--format", "json", "--limit", "3"]).args(words.split(' ')).run();
            let found: Vec<String> =
                out.json().as_array().unwrap().iter().map(|q| q["id"].to_string()).collect();
            if !found.contains(&id.to_string()) {
                misses.push(format!("{seed} {label}: `qbank search {words}` top 3 {found:?}, expected {id}"));
            }
            checked.entry(seed.to_string()).or_default().insert(label.to_string());
        }
    }
    assert!(misses.is_empty(), "{}", misses.join("\n"));
    let count = |seed: &str| checked.get(seed).map_or(0, BTreeSet::len);
    assert_eq!(count("000_ae9b41d0b179fb15.txt"), 24, "every question of seed 000");
    assert_eq!(count("002_d1cbb71c9b8b31b0.txt"), 24, "every question of seed 002");
    assert_eq!(count("004_18d5c67c13aac61d.txt"), 10, "every question of seed 004");
    assert!(count("003_b835ebf0c768a37e.txt") >= 50, "a question for each answer of seed 003");
}
