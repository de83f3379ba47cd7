//! The config files through the real binary: a team's `.qbank.toml` found upward from the
//! working folder, the user's file, which wins where, and mistakes reported with their place.

mod common;

use common::{Test, fixture};

/// A test whose working folder holds a team repository: `.qbank.toml` and `bank/team.yaml`,
/// and runs qbank from a folder below it.
fn team_repo(config: &str) -> (Test, std::path::PathBuf) {
    let test = Test::new();
    test.file(".qbank.toml", config);
    test.file("bank/team.yaml", std::fs::read(fixture("validate/clean.yaml")).unwrap());
    let below = test.dir().join("docs/notes");
    std::fs::create_dir_all(&below).unwrap();
    (test, below)
}

fn qbank_in(test: &Test, folder: &std::path::Path, args: &[&str]) -> Test {
    Test::new()
        .env("QBANK_HOME", test.home())
        .env("QBANK_CONFIG", test.dir().join("user.toml"))
        .current_dir(folder)
        .args(args.to_vec())
}

#[test]
fn a_team_file_found_upward_adds_its_corpus_for_every_command() {
    let (test, below) = team_repo("corpus = [\"bank\"]\n");
    let listed = qbank_in(&test, &below, &["list", "--tag", "technical-debt"]).succeeds();
    assert!(listed.listed_ids().contains(&20001), "{}", listed.stdout);
    let checked = qbank_in(&test, &below, &["validate", "--strict"]).code(0);
    assert!(
        checked.stderr.contains("in 1 file (2 questions)"),
        "the team's files are what is checked: {}",
        checked.stderr
    );
    test.file("bank/broken.yaml", "- id: 30000\n  round: phone-screen\n");
    qbank_in(&test, &below, &["validate", "--strict"]).code(2);
}

#[test]
fn the_team_file_wins_over_the_users_and_a_flag_over_both() {
    let (test, below) = team_repo("[judge]\nurl = \"http://127.0.0.1:9/v1\"\n");
    test.file("user.toml", "[judge]\nurl = \"http://127.0.0.1:8/v1\"\nmodel = \"from-user\"\n");
    let review = qbank_in(&test, &below, &["review", "12"])
        .stdin("I grew from support to owning the billing service.");
    let out = review.code(0);
    assert!(out.stderr.contains("http://127.0.0.1:9/v1"), "the team's URL: {}", out.stderr);
    let offline =
        qbank_in(&test, &below, &["review", "12", "--judge", "offline"]).stdin("I grew from support.");
    assert!(offline.succeeds().stdout.starts_with("Verdict:"));
    let shown = qbank_in(&test, &below, &["config"]).succeeds().stdout;
    let line = |key: &str| shown.lines().find(|l| l.starts_with(key)).unwrap_or_default().to_string();
    assert!(
        line("judge.url").contains("http://127.0.0.1:9/v1") && line("judge.url").ends_with(".qbank.toml)"),
        "{shown}"
    );
    assert!(
        line("judge.model").contains("from-user") && line("judge.model").ends_with("user.toml)"),
        "{shown}"
    );
    assert!(line("practice.new_per_day").ends_with("(default)"), "{shown}");
}

#[test]
fn an_unknown_key_is_an_error_at_its_line_with_the_nearest_key() {
    let (test, below) = team_repo("corpus = [\"bank\"]\n\n[practice]\nday_starts = 6\n");
    let out = qbank_in(&test, &below, &["list"]).code(2);
    let file = test.dir().join(".qbank.toml");
    assert_eq!(
        out.stderr.trim_end(),
        format!("error: {}:4:1: unknown key `day_starts` (did you mean 'day_starts_at'?)", file.display())
    );
}

#[test]
fn the_practice_day_and_new_question_limit_come_from_the_file() {
    let (test, below) = team_repo("[practice]\nday_starts_at = 25\n");
    let out = qbank_in(&test, &below, &["due"]).code(2);
    assert!(
        out.stderr.contains("practice.day_starts_at is 25; give the hour a practice day starts at, 0 to 23"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_folder_reached_twice_is_loaded_once() {
    let (test, below) = team_repo("corpus = [\"bank\"]\n");
    let bank = test.dir().join("bank");
    let twice =
        qbank_in(&test, &below, &["--corpus", bank.to_str().unwrap(), "list", "--tag", "technical-debt"])
            .env("QBANK_CORPUS", bank.join("team.yaml"));
    assert!(twice.succeeds().listed_ids().contains(&20001));
}

const CODING: &str = "corpus = [\"bank\"]\n\n[[rounds]]\nname = \"coding\"\ntitle = \"Coding\"\nminutes = 45\norder = 2\nevaluates = [\"problem solving\", \"code quality\"]\n";

/// The team's bank with one question moved to the team's own `coding` round.
fn coding_repo(config: &str) -> (Test, std::path::PathBuf) {
    let (test, below) = team_repo(config);
    let bank = std::fs::read_to_string(test.dir().join("bank/team.yaml")).unwrap();
    test.file("bank/team.yaml", bank.replacen("round: leadership", "round: coding", 1));
    (test, below)
}

#[test]
fn a_teams_own_round_is_listed_filtered_validated_and_drawn_into_kits() {
    let (test, below) = coding_repo(CODING);
    let rounds = qbank_in(&test, &below, &["rounds", "--format", "json"]).succeeds().json();
    assert_eq!(rounds[1]["round"], "coding", "second in the loop, as `order = 2` says: {rounds}");
    assert_eq!((&rounds[1]["length_minutes"], &rounds[1]["questions"]), (&45.into(), &1.into()));
    let listed = qbank_in(&test, &below, &["list", "--round", "coding"]).succeeds();
    assert_eq!(listed.listed_ids(), [20001]);
    let typo = qbank_in(&test, &below, &["list", "--round", "codng"]).code(2);
    assert!(typo.stderr.contains("(did you mean 'coding'?)"), "{}", typo.stderr);
    qbank_in(&test, &below, &["validate", "--strict"]).code(0);
    let kit = qbank_in(
        &test,
        &below,
        &["kit", "--rounds", "coding", "--per-round", "1", "--seed", "1", "-f", "json"],
    )
    .succeeds()
    .json();
    assert_eq!(kit["rounds"][0]["round"], "coding");
    assert_eq!(kit["rounds"][0]["minutes"], 45);
    assert_eq!(kit["rounds"][0]["evaluates"][0], "problem solving");
    let shown = qbank_in(&test, &below, &["show", "20001", "-f", "json"]).succeeds().json();
    assert_eq!(shown[0]["round"], "coding");
}

#[test]
fn a_round_outside_the_config_or_badly_defined_is_refused() {
    let (test, below) = coding_repo("corpus = [\"bank\"]\n");
    let out = qbank_in(&test, &below, &["list"]).code(2);
    assert!(out.stderr.contains("unknown round 'coding'"), "{}", out.stderr);
    for (round, why) in [
        ("name = \"behavioural\"\ntitle = \"B\"\nminutes = 30", "that is a built-in round's name"),
        ("name = \"Pair Programming\"\ntitle = \"P\"\nminutes = 30", "a round's name is kebab-case"),
        ("name = \"coding\"\ntitle = \"C\"\nminutes = 0", "`minutes` is 0; give 1 to 600"),
    ] {
        let (test, below) = coding_repo(&format!("corpus = [\"bank\"]\n[[rounds]]\n{round}\n"));
        let out = qbank_in(&test, &below, &["list"]).code(2);
        assert!(out.stderr.contains(why), "{round}: {}", out.stderr);
    }
}

#[test]
fn a_teams_own_competency_is_filtered_and_scored_in_kits() {
    let config = "corpus = [\"bank\"]\n[[competencies]]\nname = \"payments-domain\"\ndescription = \"Knows how money moves: ledgers, settlement, refunds, reconciliation.\"\n";
    let (test, below) = team_repo(config);
    let bank = std::fs::read_to_string(test.dir().join("bank/team.yaml")).unwrap();
    test.file("bank/team.yaml", bank.replacen("competency: pragmatism", "competency: payments-domain", 1));
    let listed = qbank_in(&test, &below, &["list", "--competency", "payments-domain"]).succeeds();
    assert_eq!(listed.listed_ids(), [20001]);
    let kit = qbank_in(
        &test,
        &below,
        &["--no-builtin", "kit", "--rounds", "leadership", "--seed", "1", "-f", "json"],
    )
    .succeeds()
    .json();
    let row =
        kit["scorecard"].as_array().unwrap().iter().find(|r| r["competency"] == "payments-domain").cloned();
    assert_eq!(
        row.unwrap()["senior_signal"],
        "Knows how money moves: ledgers, settlement, refunds, reconciliation."
    );

    let (test, below) = team_repo("corpus = [\"bank\"]\n");
    test.file("bank/team.yaml", bank.replacen("competency: pragmatism", "competency: payments-domain", 1));
    let out = qbank_in(&test, &below, &["list"]).code(2);
    assert!(out.stderr.contains("payments-domain"), "{}", out.stderr);
}

#[test]
fn a_teams_rubric_scale_is_what_kits_score_on() {
    let scale = "[[rubric.scale]]\nlabel = \"No\"\nmeaning = \"Misses the bar.\"\n[[rubric.scale]]\nlabel = \"Lean yes\"\nmeaning = \"Meets it with help.\"\n[[rubric.scale]]\nlabel = \"Yes\"\nmeaning = \"Meets it alone.\"\n";
    let (test, below) = team_repo(&format!("corpus = [\"bank\"]\n{scale}"));
    let kit = qbank_in(&test, &below, &["--no-builtin", "kit", "--rounds", "leadership", "--seed", "1"])
        .succeeds()
        .stdout;
    assert!(kit.contains("**Score:** [ ] 1 No · [ ] 2 Lean yes · [ ] 3 Yes"), "{kit}");
    assert!(!kit.contains("Strong hire"), "{kit}");
    let (test, below) =
        team_repo("corpus = [\"bank\"]\n[[rubric.scale]]\nlabel = \"Only\"\nmeaning = \"One level.\"\n");
    let out = qbank_in(&test, &below, &["--no-builtin", "kit", "--seed", "1"]).code(2);
    assert!(out.stderr.contains("rubric.scale has 1 level; give 2 to 7"), "{}", out.stderr);
}
