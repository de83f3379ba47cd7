//! End to end: scripted practice sessions, the history log, FSRS due dates and `qbank due`.

mod common;

use std::fs;
use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::Test;
use serde_json::Value;

const BASIC: &str = "basic";

fn history_lines(test: &Test) -> Vec<Value> {
    let text = fs::read_to_string(test.home().join("history.jsonl")).unwrap_or_default();
    text.lines().map(|line| serde_json::from_str(line).expect("a whole JSON record")).collect()
}

/// A corpus of `count` short phone-screen questions, ids from 1.
fn many_questions(count: u64) -> String {
    (1..=count)
        .map(|id| {
            format!(
                "- id: {id}\n  round: phone-screen\n  question: Question number {id}?\n  \
                 rationale: Because.\n  sample_answer: An answer.\n  tags: [t{}]\n",
                id % 3
            )
        })
        .collect()
}

/// A history line as qbank writes it.
fn record(id: u64, started_at: &str, grade: &str) -> String {
    format!(
        "{{\"v\":1,\"id\":{id},\"started_at\":\"{started_at}\",\"duration_ms\":60000,\"limit_s\":180,\
         \"timed_out\":false,\"grade\":\"{grade}\",\"answer\":\"\",\"mode\":\"practice\",\"session\":\"old\"}}\n"
    )
}

#[test]
fn a_scripted_session_reveals_records_and_summarises() {
    let test = Test::new()
        .fixture_corpus(BASIC)
        .args(["practice", "--round", "behavioural", "--round", "system-design", "-n", "3", "--seed", "4"])
        .stdin("Token bucket per tenant\n\nin Redis.\n.\ngood\n.\nf\n.\nskip\n");
    let out = test.succeeds();
    for needle in [
        "Question 1 of 3",
        "Answer (end with a line holding only a dot):",
        "Time taken: 0 s of ",
        "Why interviewers ask this",
        "Sample answer",
        "Grade:",
        "Session summary: 2 questions graded",
        ", 1 skipped",
        "back in 1 day",
    ] {
        assert!(out.stdout.contains(needle), "missing {needle:?} in\n{}", out.stdout);
    }
    let records = history_lines(&test);
    assert_eq!(records.len(), 2);
    assert_eq!((records[0]["v"].as_u64(), records[0]["kind"].as_str()), (Some(2), Some("attempt")));
    assert_eq!(records[0]["grade"], "good");
    assert_eq!(records[0]["answer"], "Token bucket per tenant\n\nin Redis.");
    assert_eq!(records[1]["grade"], "again");
    assert_eq!(records[1]["answer"], "");
    assert_eq!(records[0]["session"], records[1]["session"]);
    assert_eq!(records[0]["mode"], "practice");
    // Per-round defaults from the guide: system design answers get 10 minutes, behavioural 3.
    for r in &records {
        let limit = r["limit_s"].as_u64().unwrap();
        assert!(limit == 600 || limit == 180, "{r}");
    }
}

#[test]
fn time_option_sets_the_limit_and_zero_means_untimed() {
    let test =
        Test::new().fixture_corpus(BASIC).args(["practice", "-n", "1", "--time", "1m30s"]).stdin(".\n3\n");
    assert!(test.succeeds().stdout.contains("of 1 min 30 s"));
    assert_eq!(history_lines(&test)[0]["limit_s"], 90);

    let test = Test::new().fixture_corpus(BASIC).args(["practice", "-n", "1", "--time", "0"]).stdin(".\n3\n");
    assert!(test.succeeds().stdout.contains("untimed"));
    assert!(history_lines(&test)[0].get("limit_s").is_none());

    Test::new()
        .fixture_corpus(BASIC)
        .args(["practice", "--time", "2 minutes"])
        .code(2)
        .stderr
        .contains("'2 minutes' is not a duration");
}

#[test]
fn a_bad_grade_line_is_an_error_that_keeps_earlier_attempts() {
    let test = Test::new().fixture_corpus(BASIC).args(["practice", "-n", "3"]).stdin(".\neasy\n.\ngoood\n");
    let out = test.code(2);
    assert!(
        out.stderr.contains("stdin line 4: 'goood' is not a grade (did you mean 'good'?)"),
        "{}",
        out.stderr
    );
    assert_eq!(history_lines(&test).len(), 1);
}

#[test]
fn due_dates_move_as_fsrs_says_after_again_good_and_easy() {
    let test = Test::new().fixture_corpus(BASIC);
    let session =
        test.args(["practice", "-r", "phone-screen", "-r", "leadership", "-r", "architecture", "-n", "3"]);
    let session = session.stdin(".\nagain\n.\ngood\n.\neasy\n");
    session.succeeds();
    let records = history_lines(&session);
    let grade_of =
        |id: u64| records.iter().find(|r| r["id"] == id).unwrap()["grade"].as_str().unwrap().to_string();

    let due = Test::new().fixture_corpus(BASIC).env("QBANK_HOME", session.home()).args(["due", "-f", "json"]);
    let report = due.succeeds().json();
    assert_eq!(report["due"].as_array().unwrap().len(), 0, "nothing is due straight after practice");
    assert_eq!(report["new"], 3);
    let now = chrono::DateTime::parse_from_rfc3339(report["now"].as_str().unwrap()).unwrap();
    let mut days = std::collections::BTreeMap::new();
    for row in report["next"].as_array().unwrap() {
        let due = chrono::DateTime::parse_from_rfc3339(row["due"].as_str().unwrap()).unwrap();
        days.insert(grade_of(row["id"].as_u64().unwrap()), (due - now).num_hours() as f64 / 24.0);
    }
    assert!((0.9..=1.01).contains(&days["again"]), "{days:?}");
    assert!(days["good"] >= 2.0 && days["good"] < days["easy"], "{days:?}");
    assert!(days["easy"] >= 7.0, "{days:?}");
}

#[test]
fn due_lists_overdue_first_and_practice_due_drills_them_first() {
    let test = Test::new().fixture_corpus(BASIC);
    let history = [
        record(104, "2026-01-10T09:00:00Z", "again"),
        record(101, "2026-01-01T09:00:00Z", "again"),
        record(106, "2999-01-01T09:00:00Z", "good"),
    ]
    .concat();
    test.file("home/history.jsonl", &history);
    let test = test.args(["due"]).env("COLUMNS", "100");
    let due = test.succeeds();
    let lines: Vec<&str> = due.stdout.lines().collect();
    assert_eq!(lines[0], "Due today (2)");
    assert!(lines[1].starts_with(" 101  ") && lines[1].contains("days ago"), "{}", due.stdout);
    assert!(lines[2].starts_with(" 104  "), "{}", due.stdout);
    assert!(due.stdout.contains("Next\n 106  in "), "{}", due.stdout);
    assert!(due.stdout.contains("3 questions never practised"), "{}", due.stdout);

    let drill = Test::new()
        .fixture_corpus(BASIC)
        .env("QBANK_HOME", test.home())
        .args(["practice", "--due", "-n", "3", "--seed", "5"])
        .stdin(".\ngood\n.\ngood\n.\ngood\n");
    drill.succeeds();
    let ids: Vec<u64> = history_lines(&test)[3..].iter().map(|r| r["id"].as_u64().unwrap()).collect();
    assert_eq!(ids[..2], [101, 104], "overdue first");
    assert!([102, 103, 105].contains(&ids[2]), "then a new one: {ids:?}");
}

#[test]
fn damaged_lines_are_reported_skipped_and_left_as_they_are() {
    let test = Test::new().fixture_corpus(BASIC);
    let mut bytes = record(101, "2026-01-01T09:00:00Z", "again").into_bytes();
    bytes.extend_from_slice(b"{\"v\":1,\"id\":oops}\n");
    bytes.extend_from_slice(record(104, "2026-01-01T09:00:00Z", "again").as_bytes());
    bytes.extend_from_slice(b"\0\0\0\0\0\0\0\0");
    let path = test.file("home/history.jsonl", &bytes);
    let test = test.args(["due", "-f", "json"]);
    let out = test.code(0);
    assert!(out.stderr.contains("history.jsonl` line 2 skipped: it is not a valid record"), "{}", out.stderr);
    assert!(out.stderr.contains("line 4 skipped: it holds NUL bytes"), "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 2, "{}", out.stderr);
    assert_eq!(out.json()["due"].as_array().unwrap().len(), 2, "the good records still count");
    assert_eq!(fs::read(&path).unwrap(), bytes, "loading never rewrites the file");

    // A session appends after the damage, on a line of its own; what was there stays.
    let session = Test::new()
        .fixture_corpus(BASIC)
        .env("QBANK_HOME", test.home())
        .args(["practice", "-n", "1"])
        .stdin(".\ngood\n");
    let out = session.code(0);
    assert!(out.stderr.contains("line 4 skipped"), "{}", out.stderr);
    let after = fs::read(&path).unwrap();
    assert!(after.starts_with(&bytes));
    assert_eq!(after[bytes.len()], b'\n');
    let last = std::str::from_utf8(&after[bytes.len() + 1..]).unwrap();
    assert!(last.starts_with("{\"v\":2,\"kind\":\"attempt\",") && last.ends_with("}\n"), "{last}");
}

#[test]
fn a_history_from_a_newer_qbank_is_refused_and_not_written() {
    let test = Test::new().fixture_corpus(BASIC);
    let text =
        format!("{}{{\"v\":3,\"id\":1,\"new_field\":[]}}\n", record(101, "2026-01-01T09:00:00Z", "good"));
    let path = test.file("home/history.jsonl", &text);
    let test = test.args(["practice", "-n", "1"]).stdin(".\ngood\n");
    test.fails_with(
        "line 2 was written by a newer qbank (history format 3; this qbank reads formats up to 2)",
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    Test::new().env("QBANK_HOME", test.home()).args(["due"]).fails_with("upgrade qbank");
}

#[test]
fn two_sessions_at_once_keep_all_400_attempts() {
    let test = Test::new().corpus(&many_questions(200));
    let answers = ".\ngood\n".repeat(200);
    let spawn = || {
        let mut child = test
            .std_command()
            .args(["practice", "-n", "200", "--time", "0"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn qbank");
        let mut stdin = child.stdin.take().unwrap();
        let answers = answers.clone();
        std::thread::spawn(move || stdin.write_all(answers.as_bytes()));
        child
    };
    let children = [spawn(), spawn()];
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let records = history_lines(&test);
    assert_eq!(records.len(), 400);
    let mut sessions: Vec<&str> = records.iter().map(|r| r["session"].as_str().unwrap()).collect();
    sessions.sort_unstable();
    sessions.dedup();
    assert_eq!(sessions.len(), 2);
    for session in sessions {
        let mut ids: Vec<u64> =
            records.iter().filter(|r| r["session"] == session).map(|r| r["id"].as_u64().unwrap()).collect();
        ids.sort_unstable();
        assert_eq!(ids, (1..=200).collect::<Vec<_>>(), "every attempt of session {session}");
    }
}

/// Starts a scripted session on 50 questions, feeds answers until `graded` are on disk and
/// leaves the pipe open, so the session is waiting mid-question.
fn session_in_progress(test: &Test, graded: usize) -> (std::process::Child, std::process::ChildStdin) {
    let mut child = test
        .std_command()
        .args(["practice", "-n", "50", "--time", "0"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn qbank");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(".\ngood\n".repeat(graded).as_bytes()).unwrap();
    stdin.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while history_lines(test).len() < graded {
        assert!(Instant::now() < deadline, "the session never recorded {graded} attempts");
        std::thread::sleep(Duration::from_millis(20));
    }
    // The next answer is typed once the grades are in, and given time to be read: a signal
    // that comes first stops the session before the line is part of any answer.
    stdin.write_all(b"half an answer\n").unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    (child, stdin)
}

#[test]
fn a_session_killed_with_sigkill_leaves_a_history_that_loads() {
    let test = Test::new().corpus(&many_questions(50));
    let (mut child, _stdin) = session_in_progress(&test, 7);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(history_lines(&test).len(), 7);
    let due =
        Test::new().corpus(&many_questions(50)).env("QBANK_HOME", test.home()).args(["due", "-f", "json"]);
    assert_eq!(due.succeeds().json()["new"], 43);
}

#[test]
fn sigterm_and_sigint_leave_no_temp_or_lock_file_but_the_permanent_one() {
    for signal in ["TERM", "INT"] {
        let test = Test::new().corpus(&many_questions(50));
        let (mut child, _stdin) = session_in_progress(&test, 3);
        let status = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status();
        assert!(status.unwrap().success());
        child.wait().unwrap();
        let mut names: Vec<String> = fs::read_dir(test.home())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["history.jsonl", "history.lock"], "after SIG{signal}");
        let lines = history_lines(&test);
        let kinds: Vec<&str> = lines.iter().map(|r| r["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["attempt", "attempt", "attempt", "draft"], "after SIG{signal}");
        assert_eq!(lines[3]["answer"], "half an answer", "the answer in progress is kept ungraded");
    }
}

#[test]
fn a_history_file_full_of_nul_bytes_is_reported_and_kept() {
    let test = Test::new().fixture_corpus(BASIC);
    let path = test.file("home/history.jsonl", vec![0u8; 4096]);
    let test = test.args(["due", "-f", "json"]);
    let out = test.code(0);
    assert!(
        out.stderr.contains("line 1 skipped: it holds NUL bytes (as a power loss can leave)"),
        "{}",
        out.stderr
    );
    assert_eq!(out.json()["new"], 6);
    assert_eq!(fs::read(&path).unwrap(), vec![0u8; 4096]);
}

#[test]
fn history_shows_typed_answers_and_exports_json() {
    let test = Test::new().fixture_corpus(BASIC);
    let session = test.args(["practice", "-r", "phone-screen"]).stdin("I build billing\nsystems.\n.\neasy\n");
    session.succeeds();
    let home = session.home();
    let history =
        |args: &[&str]| Test::new().fixture_corpus(BASIC).env("QBANK_HOME", &home).args(args.to_vec());
    let text = history(&["history"]).succeeds().stdout;
    assert!(text.contains("#104") && text.contains("easy") && text.contains("of 2 min"), "{text}");
    assert!(text.contains("\n      I build billing\n      systems.\n"), "{text}");
    let json = history(&["history", "104", "--format", "json"]).succeeds().json();
    assert_eq!(json[0]["answer"], "I build billing\nsystems.");
    assert_eq!(json[0]["grade"], "easy");
    let none = history(&["history", "101"]).code(1);
    assert!(none.stderr.contains("no attempts at #101 yet"), "{}", none.stderr);
    history(&["history", "999"]).fails_with("no question with id 999");
    let empty = Test::new().args(["history"]).code(1);
    assert!(empty.stderr.contains("no attempts yet"));
}

#[test]
fn stats_report_strength_weakest_tags_first_streak_due_and_story_gaps() {
    let test = Test::new().fixture_corpus(BASIC);
    let now = chrono::Utc::now().to_rfc3339();
    let history = [record(101, &now, "again"), record(106, &now, "good"), record(104, &now, "easy")].concat();
    test.file("home/history.jsonl", &history);
    test.file("home/notes/102.md", "My PM story");
    let test = test.args(["stats", "--format", "json"]);
    let stats = test.succeeds().json();
    assert_eq!((stats["attempts"].as_u64(), stats["questions_seen"].as_u64()), (Some(3), Some(3)));
    assert_eq!(stats["questions_total"], 6);
    assert_eq!(stats["grades"]["again"], 1);
    assert_eq!(stats["streak_days"], 1);
    assert_eq!(stats["due"]["never_practised"], 3);
    let design = stats["rounds"].as_array().unwrap().iter().find(|r| r["name"] == "system-design").unwrap();
    assert_eq!(design["strength"], 0.5);
    let tags: Vec<&str> =
        stats["tags"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(tags[..2], ["multi-tenancy", "rate-limiting"], "weakest first: {tags:?}");
    assert!(tags.iter().position(|t| *t == "system-design") < tags.iter().position(|t| *t == "caching"));
    let stories = stats["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 1, "102 is the only STAR question: {stories:?}");
    assert_eq!((&stories[0]["competency"], &stories[0]["gap"]), (&"communication".into(), &false.into()));

    let text =
        Test::new().fixture_corpus(BASIC).env("QBANK_HOME", test.home()).args(["stats"]).succeeds().stdout;
    assert!(text.contains("Day streak       1 day"), "{text}");
    assert!(text.contains("system-design  ██████████░░░░░░░░░░   50%  (1 of 2 attempts)"), "{text}");
    let gap = Test::new().fixture_corpus(BASIC).args(["stats"]).succeeds().stdout;
    assert!(gap.contains("communication") && gap.contains("0 of 1  gap"), "{gap}");
}

#[test]
fn note_runs_the_editor_without_a_shell_and_show_prints_it() {
    let test = Test::new().fixture_corpus(BASIC);
    let editor = test.file(
        "my tools/fake editor",
        "#!/bin/sh\n# Appends a story to the file it is given, as a person would type it.\nprintf 'We shipped hourly aggregates; $HOME stays literal.\\n' >> \"$1\"\n",
    );
    make_executable(&editor);
    let home = test.dir().join("data with spaces");
    let test = test.env("QBANK_HOME", &home).env("EDITOR", &editor).args(["note", "102"]);
    let out = test.code(0);
    assert!(out.stderr.contains("note: saved `") && out.stderr.contains("notes/102.md"), "{}", out.stderr);
    let note = fs::read_to_string(home.join("notes/102.md")).unwrap();
    assert!(note.contains("## Situation") && note.ends_with("$HOME stays literal.\n"), "{note}");
    let names: Vec<String> = fs::read_dir(home.join("notes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n == "102.md" || n == ".102.lock"), "no copy left: {names:?}");

    let show =
        Test::new().fixture_corpus(BASIC).env("QBANK_HOME", &home).args(["show", "102", "101"]).succeeds();
    assert!(show.stdout.contains("Your notes\n  <!-- #102: Tell me about a disagreement"), "{}", show.stdout);
    assert_eq!(show.stdout.matches("Your notes").count(), 1, "101 has no note");

    let notes = Test::new().fixture_corpus(BASIC).env("QBANK_HOME", &home).args(["notes"]).succeeds();
    assert_eq!(notes.stdout, " 102  behavioural    Tell me about a disagreement with a product manager.\n");

    // An editor that changes nothing saves nothing; VISUAL wins over EDITOR.
    let same = Test::new().fixture_corpus(BASIC).env("QBANK_HOME", &home).env("EDITOR", &editor);
    let out = same.env("VISUAL", "true").args(["note", "101"]).code(0);
    assert!(out.stderr.contains("no change; nothing saved"), "{}", out.stderr);
    assert!(!home.join("notes/101.md").exists());

    let missing = Test::new().fixture_corpus(BASIC).env("EDITOR", "no-such-editor-qbank --wait");
    missing.args(["note", "101"]).fails_with("cannot run the editor `no-such-editor-qbank`");
    let empty = Test::new().fixture_corpus(BASIC).args(["notes"]).code(1);
    assert!(empty.stderr.contains("no notes yet"));
}

fn make_executable(path: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_mock_loop_runs_the_rounds_in_order_and_scores_each() {
    let test = Test::new()
        .fixture_corpus(BASIC)
        .args(["mock", "--seed", "3"])
        .stdin(".\ngood\nWe would shard by tenant.\n.\nagain\n.\neasy\n.\nhard\n.\nskip\n");
    let out = test.succeeds();
    let records = history_lines(&test);
    let rounds: Vec<(u64, u64)> =
        records.iter().map(|r| (r["id"].as_u64().unwrap(), r["limit_s"].as_u64().unwrap())).collect();
    // phone screen, system design (101 or 106), architecture, behavioural; leadership was skipped.
    assert_eq!(rounds.len(), 4, "{rounds:?}");
    assert_eq!(rounds[0], (104, 120));
    assert!([101, 106].contains(&rounds[1].0) && rounds[1].1 == 600, "{rounds:?}");
    assert_eq!(rounds[2..], [(103, 300), (102, 180)]);
    assert!(records.iter().all(|r| r["mode"] == "mock"));
    assert_eq!(records[1]["answer"], "We would shard by tenant.");
    let order: Vec<usize> = [
        "━━━ Phone screen round",
        "━━━ System design round",
        "━━━ Architecture round",
        "━━━ Behavioural round",
        "━━━ Leadership round",
        "Mock loop scorecard",
    ]
    .iter()
    .map(|needle| out.stdout.find(needle).unwrap_or_else(|| panic!("missing {needle}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "rounds out of order");
    for (start, grades) in [
        ("Phone screen   strong       1 asked, 1 of 1 passed  ", "good"),
        ("System design  weak         1 asked, 0 of 1 passed  ", "again"),
        ("Behavioural    weak         1 asked, 0 of 1 passed  ", "hard"),
        ("Leadership     not graded   1 asked, 0 of 0 passed  ", "-"),
    ] {
        let line = out.stdout.lines().find(|l| l.trim_start().starts_with(start));
        let line = line.unwrap_or_else(|| panic!("missing {start:?} in\n{}", out.stdout));
        assert!(line.contains(" of ") && line.ends_with(&format!("  {grades}")), "{line}");
    }
    assert!(out.stdout.contains("2 of 5 rounds strong"), "{}", out.stdout);
    assert!(!out.stdout.contains("Cut short"), "every question was asked:\n{}", out.stdout);
}

/// The report that opened #13: a loop quit in its first round claimed rounds it never asked.
#[test]
fn a_mock_quit_in_the_first_round_scores_only_that_round_and_says_it_was_cut_short() {
    let test = Test::new().args(["mock", "--seed", "42"]).stdin(".\ngood\n.\nq\n");
    let out = test.succeeds().stdout;
    let card = &out[out.find("Mock loop scorecard").expect("a scorecard")..];
    assert!(card.contains("Phone screen   partial      2 asked, 1 of 1 passed"), "{card}");
    for never in ["System design", "Architecture", "Behavioural", "Leadership"] {
        assert!(!card.contains(never), "{never} was never asked:\n{card}");
    }
    assert!(card.contains("0 of 5 rounds strong"), "{card}");
    assert!(card.contains("Cut short: 2 of 8 questions asked, 1 of 5 rounds reached"), "{card}");
}

#[test]
fn a_mock_for_one_role_keeps_to_its_questions() {
    let test = Test::new()
        .fixture_corpus(BASIC)
        .args(["mock", "--role", "senior-software-engineer", "--time", "45s"])
        .stdin(".\ngood\n.\ngood\n");
    let out = test.succeeds();
    let ids: Vec<(u64, u64)> = history_lines(&test)
        .iter()
        .map(|r| (r["id"].as_u64().unwrap(), r["limit_s"].as_u64().unwrap()))
        .collect();
    assert_eq!(ids, [(102, 45), (105, 45)]);
    assert!(!out.stdout.contains("Phone screen round"), "{}", out.stdout);
    Test::new()
        .fixture_corpus(BASIC)
        .args(["mock", "--role", "senior-backend-enginer"])
        .fails_with("did you mean");
}

/// A question graded "again" in the evening is due from the start of the next practice day
/// (4:00 by default), not only from the same hour the next day.
#[test]
fn again_at_20_23_is_due_the_next_morning_in_the_users_time_zone() {
    let test = Test::new().fixture_corpus(BASIC);
    // Five hours behind UTC, with no daylight saving: needs no time zone database.
    let zone = |t: Test| t.env("TZ", "EST5");
    let graded = zone(test.args(["practice", "104", "--time", "0"]))
        .env("QBANK_NOW", "2026-03-02T20:23:00-05:00")
        .stdin(".\nagain\n");
    graded.succeeds();
    let due_at = |now: &str, day_starts: Option<&str>| {
        let mut due = zone(Test::new().fixture_corpus(BASIC))
            .env("QBANK_HOME", graded.home())
            .env("QBANK_NOW", now)
            .args(["due", "-f", "json"]);
        if let Some(hour) = day_starts {
            due = due.env("QBANK_DAY_STARTS_AT", hour);
        }
        let report = due.succeeds().json();
        report["due"].as_array().unwrap().iter().map(|row| row["id"].as_u64().unwrap()).collect::<Vec<_>>()
    };
    assert_eq!(due_at("2026-03-03T05:00:00-05:00", None), [104], "due at 05:00 the next day");
    assert_eq!(due_at("2026-03-03T03:59:00-05:00", None), Vec::<u64>::new(), "still the day it was graded");
    assert_eq!(due_at("2026-03-03T00:00:00-05:00", Some("0")), [104], "a day that starts at midnight");
    assert_eq!(
        due_at("2026-03-03T05:00:00Z", None),
        Vec::<u64>::new(),
        "00:00 in New York is not yet the day"
    );

    let text = zone(Test::new().fixture_corpus(BASIC))
        .env("QBANK_HOME", graded.home())
        .env("QBANK_NOW", "2026-03-03T05:00:00-05:00")
        .args(["due"])
        .succeeds()
        .stdout;
    assert!(text.starts_with("Due today (1)\n 104  "), "{text}");

    Test::new()
        .env("QBANK_NOW", "next tuesday")
        .args(["due"])
        .fails_with("QBANK_NOW is `next tuesday`, not an RFC 3339 time");
    Test::new().env("QBANK_DAY_STARTS_AT", "25").args(["due"]).fails_with("QBANK_DAY_STARTS_AT is `25`");
}

#[test]
fn suspended_questions_stay_out_of_every_draw_until_unsuspended() {
    let test = Test::new().fixture_corpus(BASIC);
    let run =
        |args: &[&str]| Test::new().fixture_corpus(BASIC).env("QBANK_HOME", test.home()).args(args.to_vec());
    let out = run(&["suspend", "104", "105"]).succeeds().stdout;
    assert!(out.contains("Suspended #104") && out.contains("Suspended #105"), "{out}");
    assert!(run(&["suspend", "104"]).code(0).stderr.contains("#104 is already suspended; nothing changed"));
    let unknown = run(&["suspend", "999"]).code(2).stderr;
    assert!(unknown.contains("no question with id 999"), "{unknown}");

    // Phone screen holds only 104: a draw from it finds nothing.
    let drawn = run(&["practice", "--round", "phone-screen"]).stdin(".\ngood\n").code(1);
    assert!(drawn.stderr.contains("every question that matches is suspended"), "{}", drawn.stderr);
    let due = run(&["due", "-f", "json"]).succeeds().json();
    assert_eq!(due["new"], 4, "6 questions, 2 suspended");
    let mock = run(&["mock", "--seed", "1", "--time", "0"]).stdin(".\ngood\n".repeat(6)).succeeds().stdout;
    assert!(!mock.contains("#104") && !mock.contains("#105"), "{mock}");
    // Asking for a question by id drills it all the same, with a note.
    let chosen = run(&["practice", "104"]).stdin(".\ngood\n").code(0);
    assert!(
        chosen.stderr.contains("#104 is suspended; drilling it because you asked for it"),
        "{}",
        chosen.stderr
    );

    assert!(run(&["unsuspend", "104"]).succeeds().stdout.contains("#104 is back in the draws."));
    assert!(run(&["unsuspend", "104"]).code(0).stderr.contains("#104 is not suspended; nothing changed"));
    run(&["practice", "--round", "phone-screen"]).stdin(".\ngood\n").succeeds();
    let kinds: Vec<String> =
        history_lines(&test).iter().map(|r| r["kind"].as_str().unwrap().to_string()).collect();
    // The mock asked three questions (one a round, system design, architecture and behavioural), then
    // #104 was drilled by id.
    assert_eq!(
        kinds,
        ["suspend", "suspend", "attempt", "attempt", "attempt", "attempt", "unsuspend", "attempt"]
    );
}

#[test]
fn qbank_undo_with_nothing_to_undo_says_so() {
    let test = Test::new().fixture_corpus(BASIC).args(["undo"]);
    let out = test.code(1);
    assert!(out.stderr.contains("there is no grade to undo"), "{}", out.stderr);
    assert!(!test.home().join("history.jsonl").exists(), "nothing written");
}

#[test]
fn a_scripted_resume_adds_to_the_saved_draft() {
    let test = Test::new().fixture_corpus(BASIC).args(["practice", "104"]).stdin("First line\n");
    test.succeeds();
    assert_eq!(history_lines(&test)[0]["kind"], "draft", "input ended mid-answer: kept as a draft");
    let resumed = Test::new()
        .fixture_corpus(BASIC)
        .env("QBANK_HOME", test.home())
        .args(["practice", "--resume"])
        .stdin("second line\n.\ngood\n");
    let out = resumed.succeeds().stdout;
    assert!(out.contains("Your saved draft (what you type now is added to it):\nFirst line\n"), "{out}");
    let records = history_lines(&test);
    assert_eq!(
        (&records[1]["kind"], &records[1]["answer"]),
        (&"attempt".into(), &"First line\nsecond line".into())
    );
}
