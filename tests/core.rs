//! End to end: list, show, random, search, tags, rounds and completions on real corpora.

mod common;

use common::{Test, fixture};

const BASIC: &str = "basic";

#[test]
fn readme_examples_print_real_builtin_content() {
    let list = Test::new().args(["list", "--tag", "system-design"]).succeeds();
    assert!(list.listed_ids().len() >= 10, "{}", list.stdout);
    assert!(list.stdout.lines().all(|l| l.contains("system-design")));

    let random = Test::new().args(["random", "--round", "behavioural"]).succeeds();
    assert!(random.stdout.contains("Behavioural"), "{}", random.stdout);
    assert!(random.stdout.contains("Why interviewers ask this"));

    let show = Test::new().args(["show", "12"]).succeeds();
    assert!(show.stdout.starts_with("#12"), "{}", show.stdout);
    for section in [
        "Why interviewers ask this",
        "Sample answer",
        "What a strong answer shows",
        "Red flags",
        "Follow-ups",
    ] {
        assert!(show.stdout.contains(section), "missing {section}");
    }
}

#[test]
fn list_filters_by_tag_round_text_and_aliases() {
    let all = Test::new().fixture_corpus(BASIC).args(["list"]).succeeds();
    assert_eq!(all.listed_ids(), [101, 102, 103, 104, 105, 106]);

    let tags = Test::new()
        .fixture_corpus(BASIC)
        .args(["list", "--tag", "system-design", "--tag", "caching"])
        .succeeds();
    assert_eq!(tags.listed_ids(), [106]);

    let any = Test::new()
        .fixture_corpus(BASIC)
        .args(["list", "--tag", "caching", "--tag", "conflict", "--any-tag"])
        .succeeds();
    assert_eq!(any.listed_ids(), [102, 106]);

    let rounds =
        Test::new().fixture_corpus(BASIC).args(["list", "-r", "behavioral", "-r", "phone"]).succeeds();
    assert_eq!(rounds.listed_ids(), [102, 104]);

    for (alias, id) in [("design", 101), ("arch", 103)] {
        let out = Test::new().fixture_corpus(BASIC).args(["list", "--round", alias]).succeeds();
        assert_eq!(out.listed_ids()[0], id, "alias {alias}");
    }

    let text = Test::new().fixture_corpus(BASIC).args(["list", "--text", "redis TOKEN"]).succeeds();
    assert_eq!(text.listed_ids(), [101]);
}

#[test]
fn list_competency_and_role_filters() {
    let c = Test::new().fixture_corpus(BASIC).args(["list", "--competency", "communication"]).succeeds();
    assert_eq!(c.listed_ids(), [102]);
    let r = Test::new().fixture_corpus(BASIC).args(["list", "--role", "senior-software-engineer"]).succeeds();
    assert_eq!(r.listed_ids(), [102, 105]);
    Test::new()
        .fixture_corpus(BASIC)
        .args(["list", "--competency", "comunication"])
        .fails_with("unknown competency 'comunication' (did you mean 'communication'?)");
    Test::new()
        .fixture_corpus(BASIC)
        .args(["list", "--role", "senior-backend-enginer"])
        .fails_with("unknown role 'senior-backend-enginer' (did you mean 'senior-backend-engineer'?)");
}

#[test]
fn list_cuts_to_the_terminal_width_unless_long() {
    let cut = Test::new().fixture_corpus(BASIC).env("COLUMNS", "60").args(["list"]).succeeds();
    assert!(cut.stdout.lines().all(|l| l.chars().count() <= 60), "{}", cut.stdout);
    assert!(cut.stdout.contains('…'));
    let long = Test::new().fixture_corpus(BASIC).env("COLUMNS", "60").args(["list", "--long"]).succeeds();
    assert!(long.stdout.contains("Design a cache for product pages and explain invalidation."));
}

#[test]
fn no_match_is_exit_1_with_a_note() {
    let out =
        Test::new().fixture_corpus(BASIC).args(["list", "--tag", "caching", "--round", "leadership"]).code(1);
    assert!(out.stdout.is_empty());
    assert_eq!(out.stderr.trim(), "note: no question matches these filters");
}

#[test]
fn unknown_round_and_tag_suggest_the_right_one() {
    let out = Test::new().args(["list", "--round", "behavoural"]).code(2);
    assert!(
        out.stderr.starts_with("error: unknown round 'behavoural' (did you mean 'behavioural'?)"),
        "{}",
        out.stderr
    );
    Test::new()
        .fixture_corpus(BASIC)
        .args(["random", "--tag", "cachng"])
        .fails_with("unknown tag 'cachng' (did you mean 'caching'?)");
    Test::new()
        .fixture_corpus(BASIC)
        .args(["search", "cache", "--tag", "sytem-design"])
        .fails_with("did you mean 'system-design'?");
}

#[test]
fn typos_in_flags_and_commands_are_usage_errors() {
    let flag = Test::new().args(["list", "--tagg", "x"]).code(2);
    assert!(flag.stderr.contains("error: unexpected argument '--tagg'"), "{}", flag.stderr);
    assert!(
        flag.stderr.contains("similar argument exists: '--tag'"),
        "clap suggests the flag: {}",
        flag.stderr
    );
    let command = Test::new().args(["lsit"]).code(2);
    assert!(command.stderr.contains("list"), "{}", command.stderr);
}

#[test]
fn show_prints_every_field_and_several_ids() {
    let out = Test::new().fixture_corpus(BASIC).args(["show", "101", "102"]).succeeds();
    for needle in [
        "#101",
        "System design",
        "Design a rate limiter for a multi-tenant API.",
        "Why interviewers ask this",
        "Rate limiting forces choices",
        "What a strong answer shows",
        "Names a token bucket",
        "Red flags",
        "Never asks what happens when Redis is down",
        "Follow-ups",
        "Sample answer",
        "token bucket per tenant",
        "competency: system-design",
        "framework: system-design",
        "#102",
        "Answer shape: Situation, Task, Action, Result",
    ] {
        assert!(out.stdout.contains(needle), "missing {needle:?} in\n{}", out.stdout);
    }
}

#[test]
fn show_wraps_to_at_most_100_columns() {
    let out = Test::new().env("COLUMNS", "300").args(["show", "13"]).succeeds();
    assert!(out.stdout.lines().all(|l| l.chars().count() <= 100));
    let narrow = Test::new().env("COLUMNS", "50").args(["show", "13"]).succeeds();
    assert!(narrow.stdout.lines().filter(|l| !l.starts_with("#13")).all(|l| l.chars().count() <= 50));
}

#[test]
fn show_unknown_and_invalid_ids() {
    Test::new()
        .fixture_corpus(BASIC)
        .args(["show", "999"])
        .fails_with("no question with id 999; the highest id is 106");
    Test::new()
        .fixture_corpus(BASIC)
        .args(["show", "50"])
        .fails_with("no question with id 50; the lowest id is 101");
    Test::new()
        .corpus(
            &std::fs::read_to_string(fixture("basic/questions.yaml")).unwrap().replace("id: 103", "id: 203"),
        )
        .args(["show", "150"])
        .fails_with("the nearest ids are 106 and 203");
    for (bad, message) in [
        ("0", "ids start at 1"),
        ("-3", "ids are positive whole numbers"),
        ("twelve", "ids are whole numbers"),
    ] {
        let out = Test::new().args(["show", bad]).code(2);
        assert!(out.stderr.contains(message), "{bad}: {}", out.stderr);
        assert!(out.stderr.starts_with("error:"), "{}", out.stderr);
    }
    Test::new().args(["show", "18446744073709551616"]).code(2);
    Test::new().args(["show", "18446744073709551615"]).fails_with("no question with id 18446744073709551615");
}

#[test]
fn random_hides_the_answer_unless_asked() {
    let hidden = Test::new()
        .fixture_corpus(BASIC)
        .args(["random", "--round", "design", "--tag", "caching"])
        .succeeds();
    assert!(hidden.stdout.contains("Design a cache"));
    assert!(!hidden.stdout.contains("Cache-aside in Redis"));
    assert!(hidden.stdout.contains("Sample answer hidden: add --answer, or run `qbank show 106`."));
    let shown = Test::new().fixture_corpus(BASIC).args(["random", "--tag", "caching", "--answer"]).succeeds();
    assert!(shown.stdout.contains("Cache-aside in Redis"));
}

#[test]
fn random_with_a_seed_is_reproducible_and_distinct() {
    let draw = |seed: &str| {
        Test::new()
            .fixture_corpus(BASIC)
            .args(["random", "--count", "4", "--seed", seed, "--format", "json"])
            .succeeds()
            .json()
    };
    let ids = |v: serde_json::Value| -> Vec<u64> {
        v.as_array().unwrap().iter().map(|q| q["id"].as_u64().unwrap()).collect()
    };
    let first = ids(draw("42"));
    assert_eq!(first, ids(draw("42")));
    assert_eq!(first.len(), 4);
    let mut distinct = first.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 4);
    let others: Vec<Vec<u64>> = (1..6).map(|s| ids(draw(&s.to_string()))).collect();
    assert!(others.iter().any(|o| *o != first), "different seeds should usually differ");
}

#[test]
fn random_more_than_available_draws_all_with_a_note() {
    let out = Test::new()
        .fixture_corpus(BASIC)
        .args(["random", "--round", "system-design", "--count", "18446744073709551615", "--format", "json"])
        .code(0);
    assert_eq!(out.json().as_array().unwrap().len(), 2);
    assert_eq!(out.stderr.trim(), "note: only 2 questions match; drawing all of them, shuffled");
    let zero = Test::new().args(["random", "--count", "0"]).code(2);
    assert!(zero.stderr.starts_with("error:"));
}

#[test]
fn search_ranks_question_matches_first_and_needs_every_word() {
    let out = Test::new().fixture_corpus(BASIC).args(["search", "cache"]).succeeds();
    assert_eq!(out.listed_ids()[0], 106);
    let both = Test::new().fixture_corpus(BASIC).args(["search", "redis", "tenant"]).succeeds();
    assert_eq!(both.listed_ids(), [101]);
    let miss = Test::new().fixture_corpus(BASIC).args(["search", "redis", "kubernetes"]).code(1);
    assert!(miss.stderr.contains("note: no question contains all of: redis kubernetes"));
    let filtered =
        Test::new().fixture_corpus(BASIC).args(["search", "redis", "--round", "system-design"]).succeeds();
    let mut ids = filtered.listed_ids();
    ids.sort();
    assert_eq!(ids, [101, 106]);
    Test::new().fixture_corpus(BASIC).args(["search", "!!!"]).fails_with("search needs at least one word");
}

#[test]
fn search_shows_where_a_body_match_is_and_highlights_on_a_terminal() {
    let out = Test::new().fixture_corpus(BASIC).args(["search", "backfill"]).succeeds();
    assert_eq!(out.listed_ids(), [103]);
    assert!(out.stdout.contains("why:") && out.stdout.contains("backfills"), "{}", out.stdout);
    let coloured =
        Test::new().fixture_corpus(BASIC).args(["--color", "always", "search", "cache"]).succeeds();
    assert!(coloured.stdout.contains("\x1b[1;31mcache\x1b[0m"), "{:?}", coloured.stdout);
}

#[test]
fn machine_formats_carry_complete_questions() {
    let out = Test::new().fixture_corpus(BASIC).args(["show", "101", "--format", "json"]).succeeds();
    let q = &out.json()[0];
    for field in [
        "id",
        "round",
        "question",
        "rationale",
        "sample_answer",
        "tags",
        "competency",
        "roles",
        "framework",
        "look_for",
        "red_flags",
        "follow_ups",
    ] {
        assert!(q.get(field).is_some(), "JSON lacks {field}");
    }
    assert_eq!(q["round"], "system-design");
    assert_eq!(q["tags"][1], "rate-limiting");
    let sparse = &Test::new().fixture_corpus(BASIC).args(["show", "103", "-f", "json"]).succeeds().json()[0];
    assert!(sparse["competency"].is_null() && sparse["look_for"].as_array().unwrap().is_empty());

    let yaml =
        Test::new().fixture_corpus(BASIC).args(["list", "--tag", "caching", "--format", "yaml"]).succeeds();
    assert!(
        yaml.stdout.contains("id: 106") && yaml.stdout.contains("round: system-design"),
        "{}",
        yaml.stdout
    );

    let md = Test::new().fixture_corpus(BASIC).args(["search", "cache", "--format", "markdown"]).succeeds();
    assert!(md.stdout.starts_with("## 106. Design a cache"), "{}", md.stdout);
    assert!(md.stdout.contains("### Sample answer"));

    let json = Test::new().fixture_corpus(BASIC).args(["--color", "always", "list", "-f", "json"]).succeeds();
    assert!(!json.stdout.contains('\x1b'), "JSON is never coloured");
}

#[test]
fn machine_output_loads_back_as_a_corpus() {
    for format in ["json", "yaml"] {
        let test = Test::new();
        let out = Test::new().fixture_corpus(BASIC).args(["list", "--format", format]).succeeds();
        let path = test.file(&format!("export.{format}.yaml"), &out.stdout);
        let back = Test::new()
            .args(["--no-builtin", "--corpus"])
            .args([&path])
            .args(["list", "-f", "json"])
            .succeeds();
        let original = Test::new().fixture_corpus(BASIC).args(["list", "-f", "json"]).succeeds();
        assert_eq!(back.json(), original.json(), "{format} round trip");
    }
}

#[test]
fn colour_follows_flags_and_environment() {
    let plain = Test::new().args(["show", "12"]).succeeds();
    assert!(!plain.stdout.contains('\x1b'), "not a terminal: no colour");
    let always = Test::new().args(["--color", "always", "show", "12"]).succeeds();
    assert!(always.stdout.contains("\x1b["));
    let forced = Test::new().env("CLICOLOR_FORCE", "1").args(["show", "12"]).succeeds();
    assert!(forced.stdout.contains("\x1b["));
    let no_color =
        Test::new().env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1").args(["show", "12"]).succeeds();
    assert!(!no_color.stdout.contains('\x1b'));
    let never = Test::new().env("CLICOLOR_FORCE", "1").args(["show", "12", "--color", "never"]).succeeds();
    assert!(!never.stdout.contains('\x1b'));
}

#[test]
fn tags_and_rounds_count_what_is_loaded() {
    let tags = Test::new().fixture_corpus(BASIC).args(["tags"]).succeeds();
    assert_eq!(
        tags.stdout.lines().next().unwrap().split_whitespace().collect::<Vec<_>>(),
        ["2", "system-design"]
    );
    let json = Test::new().fixture_corpus(BASIC).args(["tags", "-f", "json"]).succeeds().json();
    assert_eq!(json[0]["tag"], "system-design");
    assert_eq!(json[0]["count"], 2);

    let rounds = Test::new().fixture_corpus(BASIC).args(["rounds", "-f", "json"]).succeeds().json();
    let names: Vec<&str> = rounds.as_array().unwrap().iter().map(|r| r["round"].as_str().unwrap()).collect();
    assert_eq!(names, ["phone-screen", "system-design", "architecture", "behavioural", "leadership"]);
    assert_eq!(rounds[1]["questions"], 2);
    let text = Test::new().args(["rounds"]).succeeds();
    assert!(text.stdout.starts_with("1. Phone screen"), "{}", text.stdout);
    assert!(text.stdout.contains("Evaluates:"));
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [("bash", "complete -F"), ("zsh", "#compdef qbank"), ("fish", "complete -c qbank")]
    {
        let out = Test::new().args(["completions", shell]).succeeds();
        assert!(out.stdout.contains(marker), "{shell}");
        assert!(out.stdout.contains("behavioural"), "{shell} completes rounds");
    }
    Test::new().args(["completions", "tcsh"]).code(2);
}

#[test]
fn extra_corpora_add_to_the_builtin_and_env_paths_work() {
    let both =
        Test::new().args(["--corpus"]).args([fixture("team")]).args(["show", "10001", "12"]).succeeds();
    assert!(both.stdout.contains("on-call rotation") && both.stdout.contains("#12"));
    let joined = std::env::join_paths([fixture("team"), fixture("basic")]).unwrap();
    let env = Test::new().env("QBANK_CORPUS", joined).args(["--no-builtin", "list"]).succeeds();
    assert_eq!(env.listed_ids(), [101, 102, 103, 104, 105, 106, 10001]);
    Test::new().args(["--no-builtin", "list"]).fails_with("no questions loaded");
}

#[test]
fn duplicate_ids_across_folders_name_both_places() {
    let test = Test::new();
    let team = std::fs::read_to_string(fixture("team/team.yaml")).unwrap();
    test.file("a/one.yaml", &team);
    test.file("b/two.yaml", &team);
    let out = test
        .args(["--no-builtin", "--corpus", "a", "--corpus", "b", "list"])
        .fails_with("duplicate id 10001");
    assert!(
        out.stderr.contains("b/two.yaml:1:3: duplicate id 10001: also used at a/one.yaml:1:3"),
        "{}",
        out.stderr
    );
}

#[test]
fn broken_pipe_ends_quietly() {
    // Every built-in card with answers is far more than a pipe buffer holds, so qbank is
    // still writing when `head` exits.
    let script = format!(
        "'{}' random --count 80 --answer | head -1; echo \"status=${{PIPESTATUS[0]}}\"",
        assert_cmd::cargo::cargo_bin("qbank").display()
    );
    let out =
        std::process::Command::new("bash").args(["-c", &script]).env_remove("QBANK_CORPUS").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("status=0"), "stdout: {stdout}\nstderr: {stderr}");
    assert!(stderr.is_empty(), "no panic, no message: {stderr}");
}

#[test]
fn corpus_folders_are_read_recursively_skipping_hidden_folders() {
    let test = Test::new();
    let team = std::fs::read_to_string(fixture("team/team.yaml")).unwrap();
    test.file("bank/nested/deeper/team.yml", &team);
    test.file("bank/.git/old.yaml", team.replace("10001", "10002"));
    test.file("bank/notes.txt", "not a corpus file");
    let out = test.args(["--no-builtin", "--corpus", "bank", "list"]).succeeds();
    assert_eq!(out.listed_ids(), [10001], "nested .yml read, .git skipped, .txt ignored");
}
