//! Nothing lost, nothing injected: regression tests for the defects a hostile test pass found,
//! each through the real binary. Data: history, notes and import targets survive signals,
//! kills, a full disk, damaged files and a second process. Terminals: no text from a corpus,
//! a history file or an argument reaches the terminal as a control sequence.

mod common;

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Test;
use serde_json::Value;

const BASIC: &str = "basic";

/// Escape sequences a hostile corpus might carry: OSC 52 (writes the clipboard), an OSC 8
/// hyperlink, a screen clear, a C1 CSI, BEL, BS and CR.
const PAYLOAD: &str =
    "\u{1b}]52;c;aGVsbG8=\u{7}\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\\u{1b}[2J\u{9b}31m\u{8}\r";

fn hostile_corpus() -> String {
    // YAML double quotes read \uXXXX escapes.
    let yaml_escaped: String = PAYLOAD
        .chars()
        .map(|c| match c {
            '\\' | '"' => format!("\\{c}"),
            c if c.is_control() => format!("\\u{:04x}", c as u32),
            c => c.to_string(),
        })
        .collect();
    format!(
        "- id: 1\n  round: leadership\n  question: \"Ask {yaml_escaped} this\"\n  rationale: \"Why {yaml_escaped}\"\n  \
         sample_answer: \"An answer {yaml_escaped}\"\n  tags: [t]\n  look_for: [\"Signal {yaml_escaped}\"]\n"
    )
}

fn assert_no_control_bytes(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for c in ['\u{1b}', '\u{7}', '\u{8}', '\u{9b}'] {
        assert!(!text.contains(c), "{what}: raw {c:?} reached the terminal:\n{text:?}");
    }
}

fn make_executable(path: &Path) {
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

fn kill(child: &Child, signal: &str) {
    let status = Command::new("kill").args([&format!("-{signal}"), &child.id().to_string()]).status();
    assert!(status.unwrap().success());
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// `cmd` run by `sh` with a file size limit (in 512-byte blocks, as POSIX sh counts) and SIGXFSZ
/// ignored: a write past the limit then fails with EFBIG, as a write to a full disk fails.
fn with_file_size_limit(cmd: &Command, blocks: u64) -> Command {
    let mut limited = Command::new("sh");
    limited.arg("-c").arg(format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\""));
    limited.arg(cmd.get_program()).args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => limited.env(key, value),
            None => limited.env_remove(key),
        };
    }
    if let Some(dir) = cmd.get_current_dir() {
        limited.current_dir(dir);
    }
    limited
}

fn history_path(test: &Test) -> PathBuf {
    test.home().join("history.jsonl")
}

/// A history line as qbank writes it.
fn record(id: u64, started_at: &str, duration_ms: &str) -> String {
    format!(
        "{{\"v\":1,\"id\":{id},\"started_at\":\"{started_at}\",\"duration_ms\":{duration_ms},\"limit_s\":180,\
         \"timed_out\":false,\"grade\":\"good\",\"answer\":\"\",\"mode\":\"practice\",\"session\":\"old\"}}\n"
    )
}

mod terminal_output {
    use super::*;
    use expectrl::session::OsSession as Session;
    use expectrl::{Eof, Expect};

    /// Everything qbank writes to a pseudo-terminal until it exits.
    fn in_a_terminal(test: &Test) -> Vec<u8> {
        let mut cmd = test.std_command();
        cmd.env("TERM", "xterm");
        let mut session = Session::spawn(cmd).expect("spawn qbank in a pty");
        session.set_expect_timeout(Some(Duration::from_secs(20)));
        let found = session.expect(Eof).expect("qbank ends");
        let mut bytes = found.before().to_vec();
        for matched in found.matches() {
            bytes.extend_from_slice(matched);
        }
        bytes
    }

    #[test]
    fn csv_and_anki_exports_to_a_terminal_show_control_characters_instead_of_obeying_them() {
        for format in ["csv", "anki", "markdown", "json", "yaml"] {
            let test = Test::new().corpus(&hostile_corpus()).args(["export", "-f", format]);
            let shown = in_a_terminal(&test);
            assert_no_control_bytes(format, &shown);
            let text = String::from_utf8_lossy(&shown);
            assert!(text.contains("Ask") && text.contains("this"), "{format}: {text}");
        }
        let csv = in_a_terminal(&Test::new().corpus(&hostile_corpus()).args(["export", "-f", "csv"]));
        assert!(String::from_utf8_lossy(&csv).contains("\u{241b}]52;c;aGVsbG8="), "the payload is shown");
    }

    #[test]
    fn a_pipe_or_a_file_gets_the_exact_text() {
        let test = Test::new().corpus(&hostile_corpus());
        let piped = test.command().args(["export", "-f", "csv"]).output().unwrap();
        assert!(String::from_utf8_lossy(&piped.stdout).contains(PAYLOAD), "data for tools stays exact");
        let out = test.dir().join("bank.csv");
        test.command().args(["export", "-f", "csv", "-o"]).arg(&out).assert().success();
        assert!(fs::read_to_string(&out).unwrap().contains(PAYLOAD));
    }

    #[test]
    fn history_warnings_and_argument_errors_show_control_characters() {
        let test = Test::new().fixture_corpus(BASIC);
        test.file("home/history.jsonl", "{\"v\":1,\"id\":\"\u{1b}]52;c;eA==\u{7}\"}\n");
        let out = test.command().args(["stats"]).output().unwrap();
        assert_no_control_bytes("history warning", &out.stderr);
        assert!(String::from_utf8_lossy(&out.stderr).contains("line 1 skipped"));

        for args in [["list", "--round", "\u{202e}evil"], ["list", "--tag", "x\u{2060}\u{e0041}"]] {
            let out = Test::new().args(args).code(2);
            assert!(!out.stderr.contains(['\u{202e}', '\u{2060}', '\u{e0041}']), "{}", out.stderr);
            assert!(out.stderr.contains("<U+"), "{}", out.stderr);
        }
    }
}

#[test]
fn invisible_formatting_characters_are_shown_in_every_text_output() {
    let corpus = "- id: 1\n  round: leadership\n  question: \"Word\u{2060}joiner and tag \u{e0041}\u{e007f} chars\"\n  \
                  rationale: r\n  sample_answer: a\n  tags: [t]\n";
    let out = Test::new().corpus(corpus).args(["show", "1"]).succeeds();
    assert!(out.stdout.contains("Word<U+2060>joiner and tag <U+E0041><U+E007F> chars"), "{}", out.stdout);
    let json = Test::new().corpus(corpus).args(["show", "1", "-f", "json"]).succeeds();
    assert!(json.stdout.contains("Word\\u2060joiner"), "{}", json.stdout);
    assert_eq!(json.json()[0]["question"], "Word\u{2060}joiner and tag \u{e0041}\u{e007f} chars");
}

mod history {
    use super::*;

    #[test]
    fn an_impossible_duration_or_date_is_a_damaged_line_not_a_crash() {
        let lines = [
            record(101, "2026-03-01T09:00:00Z", "9000000000000000"),
            record(102, "+262142-03-01T09:00:00Z", "1000"),
            record(103, "2026-03-01T09:00:00Z", "60000"),
        ]
        .concat();
        for command in
            [&["stats"][..], &["due"], &["history"], &["practice", "-n", "1"], &["mock", "--seed", "1"]]
        {
            let test = Test::new().fixture_corpus(BASIC).stdin("");
            test.file("home/history.jsonl", &lines);
            let out = test.args(command).run();
            assert!(out.code == 0 || out.code == 1, "{command:?} exit {}\n{}", out.code, out.stderr);
            assert!(
                out.stderr.contains("line 1 skipped: it is not a possible record: `duration_ms`"),
                "{}",
                out.stderr
            );
            assert!(
                out.stderr.contains(
                    "line 2 skipped: it is not a possible record: `started_at` is in the year 262142"
                ),
                "{}",
                out.stderr
            );
        }
    }

    #[test]
    fn a_failed_append_leaves_the_history_exactly_as_it_was() {
        let test = Test::new().fixture_corpus(BASIC);
        let before = record(101, "2026-03-01T09:00:00Z", "60000");
        let path = test.file("home/history.jsonl", &before);
        // A 2 MB answer cannot fit under a 64 KiB file size limit: the append fails part way.
        let answer = format!("{}\n.\ngood\n", "word ".repeat(400_000));
        let mut cmd = with_file_size_limit(&test.std_command(), 128);
        cmd.args(["practice", "-n", "1", "--time", "0"]).stdin(Stdio::piped()).stdout(Stdio::null());
        let mut child = cmd.stderr(Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(answer.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("cannot write") && stderr.contains("history.jsonl"), "{stderr}");
        assert_eq!(fs::read_to_string(&path).unwrap(), before, "old, not half of new");
        // Nothing to warn about later, and the next append works.
        let next = Test::new().fixture_corpus(BASIC).env("QBANK_HOME", test.home());
        next.args(["practice", "-n", "1", "--time", "0"]).stdin(".\ngood\n").succeeds();
        assert_eq!(fs::read_to_string(&path).unwrap().lines().count(), 2);
    }

    #[test]
    fn a_torn_last_record_is_cut_off_once_and_earlier_lines_are_untouched() {
        let test = Test::new().fixture_corpus(BASIC);
        let home = test.home();
        let whole = [record(101, "2026-03-01T09:00:00Z", "60000"), "not json at all\n".into()].concat();
        let path = test.file("home/history.jsonl", format!("{whole}{{\"v\":1,\"id\":102,\"start"));
        let test = test.args(["due"]);
        let out = test.code(0);
        assert!(out.stderr.contains("cut off an incomplete last record (22 bytes)"), "{}", out.stderr);
        assert!(out.stderr.contains("line 2 skipped"), "a damaged middle line is still reported");
        assert_eq!(fs::read_to_string(&path).unwrap(), whole);
        let again = Test::new().fixture_corpus(BASIC).env("QBANK_HOME", &home).args(["due"]).code(0);
        assert!(!again.stderr.contains("cut off"), "{}", again.stderr);
    }

    #[test]
    fn a_fifo_a_device_or_a_huge_history_is_refused_not_waited_on() {
        let fifo = Test::new().fixture_corpus(BASIC);
        fs::create_dir_all(fifo.home()).unwrap();
        mkfifo(&history_path(&fifo));
        let started = Instant::now();
        fifo.args(["stats"]).fails_with("not a regular file");
        assert!(started.elapsed() < Duration::from_secs(10));

        let zero = Test::new().fixture_corpus(BASIC);
        fs::create_dir_all(zero.home()).unwrap();
        std::os::unix::fs::symlink("/dev/zero", history_path(&zero)).unwrap();
        zero.args(["stats"]).fails_with("not a regular file");

        let huge = Test::new().fixture_corpus(BASIC);
        fs::create_dir_all(huge.home()).unwrap();
        fs::File::create(history_path(&huge)).unwrap().set_len(3 << 30).unwrap();
        huge.args(["due"]).fails_with("over the 1 GiB limit");
    }

    #[test]
    fn writers_killed_at_random_moments_leave_old_or_new_records_only() {
        let corpus: String = (1..=60)
            .map(|id| {
                format!(
                    "- id: {id}\n  round: phone-screen\n  question: Q{id}?\n  rationale: R.\n  sample_answer: A.\n  tags: [t]\n"
                )
            })
            .collect();
        let test = Test::new().corpus(&corpus);
        let big = "an answer long enough to take a while to write ".repeat(20_000);
        let mut rng = 0x9e37_79b9_7f4a_7c15u64;
        for round in 0..12 {
            let mut child = test
                .std_command()
                .args(["practice", "-n", "60", "--time", "0"])
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let mut stdin = child.stdin.take().unwrap();
            let big = big.clone();
            let feeder = std::thread::spawn(move || {
                for _ in 0..60 {
                    if stdin.write_all(format!("{big}\n.\ngood\n").as_bytes()).is_err() {
                        break;
                    }
                }
            });
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            std::thread::sleep(Duration::from_millis(20 + rng % 400));
            child.kill().unwrap();
            child.wait().unwrap();
            let _ = feeder.join();
            let out = Test::new()
                .corpus(&corpus)
                .env("QBANK_HOME", test.home())
                .args(["history", "-f", "json"])
                .run();
            assert!(out.code == 0 || out.code == 1, "round {round}: {}", out.stderr);
            assert!(!out.stderr.contains("skipped"), "round {round}: a half record survived: {}", out.stderr);
            let text = fs::read_to_string(history_path(&test)).unwrap_or_default();
            for line in text.lines() {
                let record: Value = serde_json::from_str(line).expect("every line is a whole record");
                assert!(record["answer"].as_str().unwrap().len() > 900_000);
            }
        }
    }
}

mod notes {
    use super::*;

    fn editor(test: &Test, name: &str, script: &str) -> PathBuf {
        let path = test.file(&format!("bin/{name}"), format!("#!/bin/sh\n{script}\n"));
        make_executable(&path);
        path
    }

    fn note_path(test: &Test, id: u64) -> PathBuf {
        test.home().join(format!("notes/{id}.md"))
    }

    fn unsaved(home: &Path) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = fs::read_dir(home.join("notes"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains(".unsaved-"))
            .collect();
        found.sort();
        found
    }

    fn edit_copies(home: &Path) -> usize {
        fs::read_dir(home.join("notes"))
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains(".edit-"))
            .count()
    }

    #[test]
    fn ctrl_c_while_an_editor_that_survives_it_saves_keeps_the_saved_text() {
        let test = Test::new().fixture_corpus(BASIC);
        let ed = editor(
            &test,
            "ed-like",
            "trap '' INT\ntouch \"$1.started\"\nsleep 1\nprintf 'The story I saved.\\n' > \"$1\"\nexit 0",
        );
        let child = test
            .std_command()
            .env("EDITOR", &ed)
            .args(["note", "101"])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_for("the editor to start", || {
            fs::read_dir(test.home().join("notes"))
                .map(|d| d.flatten().any(|e| e.file_name().to_string_lossy().ends_with(".started")))
                .unwrap_or(false)
        });
        kill(&child, "INT");
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(fs::read_to_string(note_path(&test, 101)).unwrap(), "The story I saved.\n");
    }

    #[test]
    fn a_save_that_fails_keeps_the_edit_and_says_where() {
        let test = Test::new().fixture_corpus(BASIC);
        fs::create_dir_all(test.home().join("notes")).unwrap();
        // The note is a link into a folder that does not exist: the save cannot succeed.
        std::os::unix::fs::symlink("/nonexistent-qbank-dir/101.md", note_path(&test, 101)).unwrap();
        let ed = editor(&test, "writer", "printf 'Words I must not lose.\\n' > \"$1\"");
        let home = test.home();
        let test = test.env("EDITOR", &ed).args(["note", "101"]);
        let out = test.fails_with("your text is kept in `");
        let kept = unsaved(&home);
        assert_eq!(kept.len(), 1, "{}", out.stderr);
        assert!(out.stderr.contains(&kept[0].display().to_string()), "{}", out.stderr);
        assert_eq!(fs::read_to_string(&kept[0]).unwrap(), "Words I must not lose.\n");
        assert_eq!(edit_copies(&home), 0);
    }

    #[test]
    fn an_editor_that_fails_after_a_change_keeps_the_change() {
        let test = Test::new().fixture_corpus(BASIC);
        let ed = editor(&test, "crashing", "printf 'Half a story\\n' > \"$1\"\nexit 3");
        let (home, note) = (test.home(), note_path(&test, 101));
        let test = test.env("EDITOR", &ed).args(["note", "101"]);
        test.fails_with("the editor `");
        assert_eq!(fs::read_to_string(&unsaved(&home)[0]).unwrap(), "Half a story\n");
        assert!(!note.exists());
    }

    #[test]
    fn a_note_that_is_not_utf8_keeps_its_bytes() {
        let test = Test::new().fixture_corpus(BASIC);
        let path = test.file("home/notes/101.md", b"caf\xe9 story in Latin-1\n".as_slice());
        let ed = editor(&test, "appender", "printf 'One more line.\\n' >> \"$1\"");
        let test = test.env("EDITOR", &ed).args(["note", "101"]);
        test.code(0);
        assert_eq!(fs::read(&path).unwrap(), b"caf\xe9 story in Latin-1\nOne more line.\n");
    }

    #[test]
    fn a_second_note_session_for_the_same_question_is_refused_and_the_first_edit_kept() {
        let test = Test::new().fixture_corpus(BASIC);
        let slow = editor(&test, "slow", "touch \"$1.started\"\nsleep 2\nprintf 'First edit.\\n' > \"$1\"");
        let fast = editor(&test, "fast", "printf 'Second edit.\\n' > \"$1\"");
        let first = test.std_command().env("EDITOR", &slow).args(["note", "101"]).spawn().unwrap();
        wait_for("the first editor", || {
            fs::read_dir(test.home().join("notes"))
                .map(|d| d.flatten().any(|e| e.file_name().to_string_lossy().ends_with(".started")))
                .unwrap_or(false)
        });
        let second = Test::new().fixture_corpus(BASIC).env("QBANK_HOME", test.home()).env("EDITOR", &fast);
        second.args(["note", "101"]).fails_with("the note for #101 is open in another `qbank note 101`");
        let status = first.wait_with_output().unwrap().status;
        assert!(status.success());
        assert_eq!(fs::read_to_string(note_path(&test, 101)).unwrap(), "First edit.\n");
    }

    #[test]
    fn a_linked_note_stays_a_link_and_keeps_its_mode() {
        let test = Test::new().fixture_corpus(BASIC);
        let real = test.file("stories/disagreement.md", "Old story.\n");
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        fs::create_dir_all(test.home().join("notes")).unwrap();
        let note = note_path(&test, 102);
        std::os::unix::fs::symlink(&real, &note).unwrap();
        let ed = editor(&test, "rewriter", "printf 'New story.\\n' > \"$1\"");
        let test = test.env("EDITOR", &ed).args(["note", "102"]);
        test.code(0);
        assert!(fs::symlink_metadata(&note).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "New story.\n");
        assert_eq!(fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[test]
    fn copies_left_by_killed_sessions_are_cleaned_and_typed_text_is_kept() {
        let test = Test::new().fixture_corpus(BASIC);
        fs::create_dir_all(test.home().join("notes")).unwrap();
        let slow = editor(
            &test,
            "typing",
            "printf 'Typed before the kill.\\n' > \"$1\"\necho $$ > \"$1.started\"\nexec sleep 30",
        );
        let idle = editor(&test, "idle", "echo $$ > \"$1.started\"\nexec sleep 30");
        for ed in [&slow, &idle, &idle, &idle] {
            let started = |test: &Test| {
                fs::read_dir(test.home().join("notes"))
                    .map(|d| {
                        d.flatten().filter(|e| e.file_name().to_string_lossy().ends_with(".started")).count()
                    })
                    .unwrap_or(0)
            };
            let mut child = test
                .std_command()
                .env("EDITOR", ed)
                .args(["note", "101"])
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            wait_for("the editor", || started(&test) > 0);
            // kill -9 qbank, then its editor, whose pid the editor wrote down.
            child.kill().unwrap();
            child.wait().unwrap();
            for entry in fs::read_dir(test.home().join("notes")).unwrap().flatten() {
                if entry.file_name().to_string_lossy().ends_with(".started") {
                    let pid = fs::read_to_string(entry.path()).unwrap();
                    let _ = Command::new("kill").args(["-KILL", "--", pid.trim()]).status();
                    fs::remove_file(entry.path()).unwrap();
                }
            }
        }
        assert_eq!(edit_copies(&test.home()), 1, "each session cleans what the killed one before it left");
        let kept = unsaved(&test.home());
        assert_eq!(kept.len(), 1, "only the copy with typed text is kept: {kept:?}");
        assert_eq!(fs::read_to_string(&kept[0]).unwrap(), "Typed before the kill.\n");
        let noop = editor(&test, "noop", "true");
        let out = Test::new()
            .fixture_corpus(BASIC)
            .env("QBANK_HOME", test.home())
            .env("EDITOR", &noop)
            .args(["note", "101"])
            .code(0);
        assert!(
            !out.stderr.contains("was never saved"),
            "an untouched copy is not worth keeping: {}",
            out.stderr
        );
        assert_eq!(edit_copies(&test.home()), 0, "no copy is left behind");
        assert_eq!(unsaved(&test.home()).len(), 1);
    }

    #[test]
    fn a_copy_with_typed_text_from_a_killed_session_is_reported_and_kept() {
        let test = Test::new().fixture_corpus(BASIC);
        let home = test.home();
        test.file("home/notes/101.md", "The saved story.\n");
        test.file("home/notes/.101.edit-k1ll3d.md", "The saved story.\nAnd what I typed before the kill.\n");
        test.file("home/notes/.102.edit-same00.md", "Same as its note.\n");
        test.file("home/notes/102.md", "Same as its note.\n");
        let noop = editor(&test, "noop", "true");
        let test = test.env("EDITOR", &noop).args(["note", "101"]);
        let out = test.code(0);
        assert!(out.stderr.contains("an edit of the note for #101 was never saved"), "{}", out.stderr);
        assert!(!out.stderr.contains("#102"), "a copy equal to its note is only removed: {}", out.stderr);
        assert_eq!(edit_copies(&home), 0);
        let kept = unsaved(&home);
        assert_eq!(kept.len(), 1);
        assert!(out.stderr.contains(&kept[0].display().to_string()), "{}", out.stderr);
        assert_eq!(
            fs::read_to_string(&kept[0]).unwrap(),
            "The saved story.\nAnd what I typed before the kill.\n"
        );
        assert_eq!(fs::read_to_string(home.join("notes/101.md")).unwrap(), "The saved story.\n");
    }

    #[test]
    fn a_note_that_is_a_fifo_is_a_warning_for_show_not_a_hang() {
        let test = Test::new().fixture_corpus(BASIC);
        fs::create_dir_all(test.home().join("notes")).unwrap();
        mkfifo(&note_path(&test, 101));
        let out = test.args(["show", "101"]).code(0);
        assert!(out.stdout.contains("Design a rate limiter"), "{}", out.stdout);
        assert!(out.stderr.contains("warning: cannot read") && out.stderr.contains("not a regular file"));
    }
}

mod imports {
    use super::*;

    fn csv_rows(prefix: &str, count: usize) -> String {
        let mut text = String::from("question,rationale,sample_answer,round,tags\n");
        for i in 0..count {
            text += &format!("{prefix} question {i}?,Why {i}.,Answer {i}.,leadership,imported\n");
        }
        text
    }

    fn questions_in(path: &Path) -> Vec<Value> {
        let args = ["--no-builtin".into(), "--no-cache".into(), "--corpus".into(), path.to_path_buf()];
        let out = Test::new().args(args).args(["list", "-f", "json"]).run();
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.json().as_array().unwrap().clone()
    }

    #[test]
    fn concurrent_imports_into_one_file_keep_every_question() {
        let test = Test::new();
        let target = test.dir().join("team.yaml");
        let sources: Vec<PathBuf> =
            (0..4).map(|i| test.file(&format!("in{i}.csv"), csv_rows(&format!("Writer {i}"), 50))).collect();
        for _ in 0..5 {
            let children: Vec<Child> = sources
                .iter()
                .map(|source| {
                    test.std_command()
                        .args(["import"])
                        .arg(source)
                        .arg("-o")
                        .arg(&target)
                        .stderr(Stdio::null())
                        .spawn()
                        .unwrap()
                })
                .collect();
            for child in children {
                assert!(child.wait_with_output().unwrap().status.success());
            }
        }
        let questions = questions_in(&target);
        assert_eq!(questions.len(), 4 * 5 * 50, "every acknowledged import is in the file");
        let mut ids: Vec<u64> = questions.iter().map(|q| q["id"].as_u64().unwrap()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 1000);
    }

    #[test]
    fn an_import_killed_at_any_moment_leaves_the_old_file_or_the_new_one() {
        let test = Test::new();
        let target = test.dir().join("team.yaml");
        let source = test.file("big.csv", csv_rows("Bulk", 3000));
        let mut counts = Vec::new();
        let mut delay = 5;
        for _ in 0..10 {
            let mut child = test
                .std_command()
                .args(["import"])
                .arg(&source)
                .arg("-o")
                .arg(&target)
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(Duration::from_millis(delay));
            delay = delay * 2 % 700 + 5;
            let _ = child.kill();
            child.wait().unwrap();
            let count = if target.exists() && fs::metadata(&target).unwrap().len() > 0 {
                questions_in(&target).len()
            } else {
                0
            };
            assert!(count.is_multiple_of(3000), "a whole import or none, found {count}");
            counts.push(count);
        }
        let temps = fs::read_dir(test.dir())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".qbank-tmp"))
            .count();
        assert!(temps <= 1, "at most the killed run's own temp file is left: {temps}");
        // The next import cleans what a killed one left.
        test.command().args(["import"]).arg(&source).arg("-o").arg(&target).assert().success();
        assert!(
            fs::read_dir(test.dir()).unwrap().all(|e| !e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".qbank-tmp"))
        );
    }

    #[test]
    fn unbounded_inputs_are_refused_quickly() {
        Test::new().args(["import", "/dev/zero", "-f", "csv"]).fails_with("not a regular file");
        let test = Test::new();
        let sparse = test.dir().join("sparse.csv");
        fs::File::create(&sparse).unwrap().set_len(1536 << 20).unwrap();
        let started = Instant::now();
        test.args(["import".into(), sparse.clone()]).fails_with("over the 1 GiB limit");
        assert!(started.elapsed() < Duration::from_secs(10));
        let fifo = Test::new();
        mkfifo(&fifo.dir().join("pipe.csv"));
        fifo.args(["import", "pipe.csv"]).fails_with("not a regular file");
        let answer = Test::new();
        mkfifo(&answer.dir().join("answer.md"));
        answer.args(["review", "19", "--answer", "answer.md"]).fails_with("not a regular file");
    }

    #[test]
    fn an_alias_bomb_in_an_imported_yaml_file_is_refused_at_its_line() {
        let test = Test::new();
        let mut text = format!("- question: &a \"{}\"\n  look_for:\n", "x".repeat(60_000));
        text += &"    - *a\n".repeat(16_000);
        test.file("bomb.yaml", &text);
        test.args(["import", "bomb.yaml"])
            .fails_with("line 20 column 7: aliases (`*name`) repeat more than 1 MiB");
    }
}

#[test]
fn a_corpus_whose_aliases_repeat_a_long_text_is_refused_before_it_costs_memory() {
    let mut text = String::from("- id: 1\n  round: leadership\n");
    text += &format!(
        "  question: &a \"{}\"\n  rationale: r\n  sample_answer: a\n  tags: [t]\n  look_for:\n",
        "x".repeat(60_000)
    );
    text += &"    - *a\n".repeat(16_000);
    let out = Test::new().corpus(&text).args(["list"]).code(2);
    assert!(
        out.stderr.contains("corpus.yaml:25:7: aliases (`*name`) repeat more than 1 MiB"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_csv_round_trip_keeps_items_that_start_with_spaces_bullets_or_carriage_returns() {
    let corpus = "- id: 10001\n  round: leadership\n  question: q\n  rationale: r\n  sample_answer: a\n  tags: [t]\n  \
                  look_for:\n    - \"  two leading spaces\"\n    - \"- a leading bullet\"\n    - \"• another bullet\"\n    \
                  - \"carriage\\rreturn\"\n    - \"\\rleading carriage return\"\n";
    let test = Test::new().corpus(corpus);
    let csv = test.dir().join("bank.csv");
    test.command().args(["export", "-o"]).arg(&csv).assert().success();
    let imported = Test::new().args(["--no-builtin".into(), "import".into(), csv.clone()]).run();
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    let original: Value = Test::new().corpus(corpus).args(["list", "-f", "json"]).succeeds().json();
    let reloaded = Test::new().corpus(&imported.stdout).args(["list", "-f", "json"]).succeeds().json();
    assert_eq!(reloaded[0]["look_for"], original[0]["look_for"]);
}

#[test]
fn a_scripted_session_stopped_by_a_signal_prints_its_summary_and_exits_130() {
    for signal in ["TERM", "INT", "HUP"] {
        let test = Test::new().fixture_corpus(BASIC);
        let mut child = test
            .std_command()
            .args(["practice", "-n", "3", "--time", "0", "--seed", "4"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b".\ngood\n").unwrap();
        stdin.flush().unwrap();
        wait_for("the first attempt", || {
            fs::read_to_string(history_path(&test)).is_ok_and(|t| t.lines().count() == 1)
        });
        kill(&child, signal);
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(130), "SIG{signal}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout.contains("Session summary: 1 question graded"), "SIG{signal}: {stdout}");
        drop(stdin);
    }
}

#[test]
fn written_files_follow_the_umask_or_keep_their_mode() {
    let test = Test::new().fixture_corpus(BASIC);
    let fresh = test.dir().join("fresh.md");
    let kept = test.file("kept.md", "old");
    fs::set_permissions(&kept, fs::Permissions::from_mode(0o604)).unwrap();
    for (path, args) in
        [(&fresh, ["export", "-f", "markdown", "-o"]), (&kept, ["kit", "-f", "markdown", "-o"])]
    {
        let mut cmd = test.std_command();
        cmd.args(args).arg(path);
        let mut shell = Command::new("sh");
        shell.arg("-c").arg("umask 022; exec \"$0\" \"$@\"").arg(cmd.get_program()).args(cmd.get_args());
        shell.envs(cmd.get_envs().filter_map(|(k, v)| Some((k, v?)))).current_dir(test.dir());
        for (key, value) in cmd.get_envs() {
            if value.is_none() {
                shell.env_remove(key);
            }
        }
        assert!(shell.status().unwrap().success());
    }
    assert_eq!(fs::metadata(&fresh).unwrap().permissions().mode() & 0o777, 0o644, "umask 022 on a new file");
    assert_eq!(
        fs::metadata(&kept).unwrap().permissions().mode() & 0o777,
        0o604,
        "an existing file's mode stays"
    );
}
