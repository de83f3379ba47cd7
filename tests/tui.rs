//! End to end in a pseudo-terminal: the full-screen practice and mock app, driven with keys as
//! a person types them, and checked on the screen a terminal would show (a vt100 emulator fed
//! with everything qbank writes) and in the history it leaves.

mod common;

use std::fs;
use std::time::{Duration, Instant};

use common::Test;
use expectrl::Expect;
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use serde_json::Value;

const BASIC: &str = "basic";
const ENTER: &str = "\r";
const CTRL_C: &str = "\x03";
const CTRL_D: &str = "\x04";
const UP: &str = "\x1b[A";
const RIGHT: &str = "\x1b[C";
const END: &str = "\x1b[F";
/// How long a screen may take to show what a test waits for. Generous: CI machines are slow.
const PATIENCE: Duration = Duration::from_secs(20);

fn history_lines(test: &Test) -> Vec<Value> {
    let text = fs::read_to_string(test.home().join("history.jsonl")).unwrap_or_default();
    text.lines().map(|line| serde_json::from_str(line).expect("a whole JSON record")).collect()
}

/// qbank running in a pseudo-terminal, and the screen it has drawn so far.
struct Pty {
    session: OsSession,
    screen: vt100::Parser,
    /// Every byte qbank wrote, for checks on the escape sequences themselves.
    raw: Vec<u8>,
    /// qbank's exit code, once it has exited (a process can be waited for only once).
    exited: Option<i32>,
}

impl Pty {
    fn spawn(test: &Test, args: &[&str], columns: u16, rows: u16) -> Pty {
        let mut command = test.std_command();
        command.args(args).env("TERM", "xterm-256color").env("EDITOR", "false");
        let mut session = OsSession::spawn(command).expect("spawn qbank in a pty");
        session.get_process_mut().set_window_size(columns, rows).unwrap();
        Pty {
            session,
            screen: vt100::Parser::new(size(rows), size(columns), 0),
            raw: Vec::new(),
            exited: None,
        }
    }

    /// Feeds the emulator whatever qbank has written since the last call.
    fn pump(&mut self) {
        let mut buffer = [0u8; 8192];
        loop {
            match self.session.try_read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => {
                    self.screen.process(&buffer[..n]);
                    self.raw.extend_from_slice(&buffer[..n]);
                }
                Err(_) => break,
            }
        }
    }

    fn contents(&self) -> String {
        self.screen.screen().contents()
    }

    /// Waits until the screen shows `needle`; fails with the screen as it is otherwise.
    fn wait_for(&mut self, needle: &str) {
        self.wait_until(needle, |screen| screen.contains(needle));
    }

    fn wait_until(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            self.pump();
            if done(&self.contents()) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the screen never showed {what:?}; it shows:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Keys as a person types them, one after another.
    fn send(&mut self, keys: &str) {
        self.session.send(keys).unwrap();
    }

    /// Types `text` a character at a time, as quickly as a fast typist.
    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.send(&c.to_string());
            std::thread::sleep(Duration::from_millis(3));
        }
    }

    fn resize(&mut self, columns: u16, rows: u16) {
        self.session.get_process_mut().set_window_size(columns, rows).unwrap();
        self.screen.screen_mut().set_size(size(rows), size(columns));
    }

    /// Whether qbank is still running.
    fn is_running(&mut self) -> bool {
        if self.exited.is_none() {
            match self.session.get_process().status() {
                Ok(WaitStatus::StillAlive) => {}
                Ok(WaitStatus::Exited(_, code)) => self.exited = Some(code),
                other => panic!("qbank did not exit normally: {other:?}"),
            }
        }
        self.exited.is_none()
    }

    /// Waits for qbank to exit; its exit code, with the screen read to the end.
    fn exit_code(&mut self) -> i32 {
        let deadline = Instant::now() + PATIENCE;
        while self.is_running() {
            self.pump();
            assert!(Instant::now() < deadline, "qbank did not exit; the screen shows:\n{}", self.contents());
            std::thread::sleep(Duration::from_millis(20));
        }
        self.pump();
        self.exited.unwrap_or(-1)
    }
}

fn size(n: u16) -> std::num::NonZero<u16> {
    std::num::NonZero::new(n).expect("a screen has rows and columns")
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn a_three_paragraph_answer_edited_in_the_middle_keeps_its_line_breaks() {
    let test = Test::new().fixture_corpus(BASIC);
    let mut pty =
        Pty::spawn(&test, &["practice", "-n", "1", "--round", "phone-screen", "--time", "5m"], 80, 24);
    pty.wait_for("Enter: show the question");
    pty.send(ENTER);
    pty.wait_for("Why do you want this role?");
    pty.wait_for("left");
    pty.type_text("Situation: billing was slow.");
    pty.send(ENTER);
    pty.send(ENTER);
    pty.type_text("Action: I rewrote it.");
    pty.send(ENTER);
    pty.send(ENTER);
    pty.type_text("Result: two times faster.");
    pty.wait_for("Result: two times faster.");
    // Back up to the middle paragraph and add to it.
    pty.send(UP);
    pty.send(UP);
    pty.send(END);
    pty.type_text(" Twice.");
    pty.wait_for("Action: I rewrote it. Twice.");
    pty.wait_for("13 words");
    pty.send(CTRL_D);
    pty.wait_for("Sample answer");
    assert!(pty.contents().contains("Your answer"), "{}", pty.contents());
    assert!(pty.contents().contains("I have built billing systems"), "the sample beside the answer");
    pty.send(RIGHT);
    pty.wait_for("What a strong answer shows");
    pty.send(RIGHT);
    pty.wait_for("Verdict:");
    // On a short screen, scroll the feedback to its end and back to its top.
    pty.resize(80, 12);
    pty.send("G");
    pty.wait_until("the end of the feedback", |screen| {
        !screen.contains("Verdict:") && screen.contains("say more")
    });
    pty.send("k");
    pty.send("g");
    pty.wait_for("Verdict:");
    pty.resize(80, 24);
    pty.send("3");
    pty.wait_for("Session summary: 1 question graded");
    assert_eq!(pty.exit_code(), 0);
    let records = history_lines(&test);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["grade"], "good");
    assert_eq!(
        records[0]["answer"],
        "Situation: billing was slow.\n\nAction: I rewrote it. Twice.\n\nResult: two times faster."
    );
    assert_eq!(records[0]["limit_s"], 300);
}

#[test]
fn keys_typed_as_time_runs_out_never_grade_skip_or_quit() {
    let test = Test::new().fixture_corpus(BASIC);
    let mut pty = Pty::spawn(&test, &["practice", "-n", "2", "--seed", "8", "--time", "3s"], 80, 24);
    pty.wait_for("Enter: show the question");
    pty.send(ENTER);
    pty.wait_for("left");
    // Keep typing words full of grade, skip and quit keys until the clock stops the answer.
    // The screen seen here lags the app's by however busy the machine is, so typing also stops
    // 0.2 s into the one-second guard by this side's clock, which started after the app's.
    let stop_typing = Instant::now() + Duration::from_millis(3200);
    while !pty.contents().contains("Time is up") && Instant::now() < stop_typing {
        pty.send("this plan q s 1 2 3 4 ");
        std::thread::sleep(Duration::from_millis(80));
        pty.pump();
    }
    if pty.contents().contains("Time is up") {
        pty.send("3q4s");
    }
    std::thread::sleep(Duration::from_millis(300));
    pty.pump();
    assert!(
        history_lines(&test).is_empty(),
        "a key typed at 0:00 became a grade: {:?}",
        history_lines(&test)
    );
    assert!(pty.is_running(), "a key typed at 0:00 ended the session");
    // Once the second has passed, keys count again.
    pty.wait_until("the reveal taking keys", |screen| !screen.contains("Time is up"));
    pty.send("2");
    pty.wait_for("Question 2 of 2");
    let records = history_lines(&test);
    assert_eq!(records.len(), 1);
    assert_eq!((&records[0]["grade"], &records[0]["timed_out"]), (&"hard".into(), &true.into()));
    assert!(records[0]["answer"].as_str().unwrap().starts_with("this plan q s"), "{}", records[0]);
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
}

#[test]
fn a_resize_to_the_smallest_screen_and_back_leaves_one_copy_of_everything() {
    let test = Test::new().fixture_corpus(BASIC);
    let mut pty =
        Pty::spawn(&test, &["practice", "-n", "1", "--round", "phone-screen", "--time", "5m"], 120, 40);
    pty.wait_for("Enter: show the question");
    pty.send(ENTER);
    pty.wait_for("left");
    pty.type_text("Zanzibar marketplaces pay");
    pty.wait_for("Zanzibar marketplaces pay");
    for (columns, rows) in [(80, 24), (40, 12), (30, 8), (40, 12), (120, 40)] {
        pty.resize(columns, rows);
        if columns < 40 {
            pty.wait_for("Terminal too small");
            continue;
        }
        // One copy of the answer, the question and the clock, and the submit key in sight.
        pty.wait_until(&format!("one copy of everything at {columns}x{rows}"), |screen| {
            count(screen, "Zanzibar") == 1
                && count(screen, "Why do you want this role?") == 1
                && count(screen, " left") == 1
                && (screen.contains("^D") || screen.contains("Ctrl-D"))
                && !screen.contains("Terminal too small")
        });
    }
    pty.send(CTRL_D);
    pty.wait_for("Sample answer");
    pty.send("4");
    assert_eq!(pty.exit_code(), 0);
    assert_eq!(history_lines(&test)[0]["answer"], "Zanzibar marketplaces pay");
}

#[test]
fn quitting_with_text_in_the_editor_saves_a_draft_that_resume_offers_again() {
    let test = Test::new().fixture_corpus(BASIC);
    let mut pty = Pty::spawn(&test, &["practice", "104"], 80, 24);
    pty.wait_for("Enter: show the question");
    pty.send(ENTER);
    pty.wait_for("Why do you want this role?");
    pty.type_text("Half a thought\nabout billing");
    pty.wait_for("about billing");
    pty.send(CTRL_C);
    pty.wait_for("Interrupted");
    assert_eq!(pty.exit_code(), 130);
    let records = history_lines(&test);
    assert_eq!(records.len(), 1);
    assert_eq!((&records[0]["kind"], &records[0]["id"]), (&"draft".into(), &104.into()));
    assert_eq!(records[0]["answer"], "Half a thought\nabout billing");

    let history = Test::new().fixture_corpus(BASIC).env("QBANK_HOME", test.home()).args(["history"]);
    let out = history.succeeds().stdout;
    assert!(out.contains("draft  0 s of 2 min  Why do you want this role?"), "{out}");
    assert!(out.contains("      Half a thought\n      about billing\n"), "{out}");
    assert!(out.contains("1 draft saved ungraded: `qbank practice --resume` offers it again."), "{out}");

    let mut pty = Pty::spawn(&test, &["practice", "--resume"], 80, 24);
    pty.wait_for("Your saved draft is in the editor");
    pty.send(ENTER);
    pty.wait_for("about billing");
    pty.type_text(" for marketplaces");
    pty.send(CTRL_D);
    pty.wait_for("Sample answer");
    pty.send("3");
    assert_eq!(pty.exit_code(), 0);
    let records = history_lines(&test);
    assert_eq!(records[1]["kind"], "attempt");
    assert_eq!(records[1]["answer"], "Half a thought\nabout billing for marketplaces");
    let again =
        Test::new().fixture_corpus(BASIC).env("QBANK_HOME", test.home()).args(["practice", "--resume"]);
    assert!(again.code(1).stderr.contains("no answer is waiting to be resumed"));
}

#[test]
fn quitting_from_the_reveal_keeps_the_answer_ungraded() {
    let test = Test::new().fixture_corpus(BASIC);
    let mut pty = Pty::spawn(&test, &["practice", "104", "--time", "0"], 80, 24);
    pty.wait_for("Enter: show the question");
    pty.send(ENTER);
    pty.wait_for("untimed");
    pty.type_text("I like billing");
    pty.send(CTRL_D);
    pty.wait_for("Sample answer");
    pty.send("q");
    assert_eq!(pty.exit_code(), 0);
    let records = history_lines(&test);
    assert_eq!((&records[0]["kind"], &records[0]["answer"]), (&"draft".into(), &"I like billing".into()));
}

#[test]
fn u_takes_back_a_grade_and_qbank_undo_takes_back_the_last_one() {
    let test = Test::new().fixture_corpus(BASIC);
    let mut pty = Pty::spawn(&test, &["practice", "104", "105", "--time", "0"], 100, 30);
    pty.wait_for("Enter: show the question");
    pty.send(ENTER);
    pty.wait_for("Why do you want this role?");
    pty.type_text("Billing");
    pty.send(CTRL_D);
    pty.wait_for("Sample answer");
    pty.send("4");
    pty.wait_for("#104 graded easy");
    pty.send("u");
    pty.wait_for("Sample answer");
    pty.send("1");
    pty.wait_for("#104 graded again");
    pty.send(ENTER);
    pty.wait_for("How do you run code reviews");
    pty.send(CTRL_D);
    pty.wait_for("Sample answer");
    pty.send("3");
    pty.wait_for("Session summary: 2 questions graded");
    assert_eq!(pty.exit_code(), 0);
    let kinds: Vec<(String, u64, String)> = history_lines(&test)
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap().to_string(),
                r["id"].as_u64().unwrap(),
                r["grade"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    let expected =
        [("attempt", 104, "easy"), ("undo", 104, ""), ("attempt", 104, "again"), ("attempt", 105, "good")];
    assert_eq!(kinds, expected.map(|(k, id, g)| (k.to_string(), id, g.to_string())));

    let undo = Test::new().fixture_corpus(BASIC).env("QBANK_HOME", test.home()).args(["undo"]);
    let out = undo.succeeds().stdout;
    assert!(out.starts_with("Took back the grade `good` given to #105"), "{out}");
    let history =
        Test::new().fixture_corpus(BASIC).env("QBANK_HOME", test.home()).args(["history", "-f", "json"]);
    let graded: Vec<(u64, String)> = history
        .succeeds()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_u64().unwrap(), r["grade"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(graded, [(104, "again".to_string())], "both undone grades are gone, the records stay");
    assert_eq!(history_lines(&test).len(), 5, "an undo is appended, never a rewrite");
}

#[test]
fn practice_ids_drill_those_questions_in_that_order() {
    let test = Test::new().fixture_corpus(BASIC);
    let mut pty = Pty::spawn(&test, &["practice", "105", "103", "--time", "0"], 80, 24);
    pty.wait_for("1/2 #105 Leadership");
    pty.send(ENTER);
    pty.wait_for("How do you run code reviews");
    pty.send(CTRL_D);
    pty.wait_for("Sample answer");
    pty.send("s");
    pty.wait_for("Question 2 of 2");
    pty.send(ENTER);
    pty.wait_for("2/2 #103 Architecture");
    pty.wait_for("schema of a busy table");
    pty.send(CTRL_D);
    pty.wait_for("Sample answer");
    pty.send("2");
    pty.wait_for("1 question graded");
    assert_eq!(pty.exit_code(), 0);
    let records = history_lines(&test);
    assert_eq!((records.len(), &records[0]["id"]), (1, &103.into()));
}

#[test]
fn help_and_the_terminal_too_small_view() {
    let test = Test::new().fixture_corpus(BASIC);
    let mut pty = Pty::spawn(&test, &["practice", "104", "--time", "0"], 80, 24);
    pty.wait_for("Enter: show the question");
    pty.send(ENTER);
    pty.wait_for("untimed");
    pty.send("?");
    pty.wait_until("the editor's keys", |screen| screen.contains("?"));
    pty.send(CTRL_D);
    pty.wait_for("Sample answer");
    pty.send("?");
    pty.wait_for("grade: again, hard, good, easy");
    pty.send("x");
    pty.wait_until("help closed", |screen| !screen.contains("grade: again, hard, good, easy"));
    pty.resize(39, 11);
    pty.wait_for("Terminal too small: 39×11");
    pty.resize(80, 24);
    pty.wait_for("Sample answer");
    pty.send("3");
    assert_eq!(pty.exit_code(), 0);
    assert_eq!(history_lines(&test).len(), 1, "`?` typed in the editor is text, not a grade");
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_the_answer_in_progress() {
    let test = Test::new().fixture_corpus(BASIC);
    let mut pty = Pty::spawn(&test, &["practice", "104", "105", "--time", "1m"], 80, 24);
    pty.wait_for("Enter: show the question");
    pty.send(ENTER);
    pty.wait_for("left");
    pty.send(CTRL_D);
    pty.wait_for("Sample answer");
    pty.send("4");
    pty.wait_for("Question 2 of 2");
    pty.send(ENTER);
    pty.wait_for("How do you run code reviews");
    pty.type_text("Coaching");
    pty.wait_for("Coaching");
    let pid = pty.session.get_process().pid().to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    pty.wait_for("Interrupted");
    assert_eq!(pty.exit_code(), 130);
    let raw = String::from_utf8_lossy(&pty.raw);
    // The alternate screen, bracketed paste and the cursor are all given back.
    for restore in ["\x1b[?2004l", "\x1b[?1049l", "\x1b[?25h"] {
        assert!(raw.contains(restore), "{restore:?} never sent");
    }
    assert!(!pty.screen.screen().alternate_screen(), "still on the alternate screen");
    let kinds: Vec<String> =
        history_lines(&test).iter().map(|r| r["kind"].as_str().unwrap().to_string()).collect();
    assert_eq!(kinds, ["attempt", "draft"]);
    assert_eq!(history_lines(&test)[1]["answer"], "Coaching");
    let mut names: Vec<String> = fs::read_dir(test.home())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["history.jsonl", "history.lock"]);
}

#[test]
fn a_mock_cut_short_scores_only_what_was_asked_and_writes_its_report() {
    let test = Test::new().fixture_corpus(BASIC);
    let report = test.dir().join("scorecard.md");
    let report_arg = report.to_string_lossy().into_owned();
    let mut pty =
        Pty::spawn(&test, &["mock", "--seed", "42", "--time", "0", "--report", &report_arg], 100, 30);
    pty.wait_for("Mock interview loop");
    pty.wait_for("5 rounds");
    pty.send(ENTER);
    pty.wait_for("Phone screen round");
    pty.send(ENTER);
    pty.wait_for("Why do you want this role?");
    pty.type_text("Billing for marketplaces");
    pty.send(CTRL_D);
    pty.wait_for("Sample answer");
    pty.send("3");
    pty.wait_for("System design round");
    pty.send("q");
    pty.wait_for("Mock loop scorecard");
    assert_eq!(pty.exit_code(), 0);
    let screen = pty.contents();
    assert!(screen.contains("Phone screen   strong"), "{screen}");
    assert!(screen.contains("1 asked, 1 of 1 passed"), "{screen}");
    for never in ["System design ", "Architecture ", "Behavioural ", "Leadership "] {
        assert!(!screen.contains(&format!("{never}  ")), "{never} was never asked:\n{screen}");
    }
    assert!(screen.contains("Cut short: 1 of 5 questions asked, 1 of 5 rounds reached"), "{screen}");
    let markdown = fs::read_to_string(&report).expect("the report was written");
    assert!(markdown.starts_with("# Mock interview scorecard"), "{markdown}");
    assert!(markdown.contains("| Phone screen | strong | 1 | 1 of 1 | good |"), "{markdown}");
    assert!(markdown.contains("### #104 Why do you want this role?"), "{markdown}");
    assert!(markdown.contains("> Billing for marketplaces"), "{markdown}");
    assert!(markdown.contains("**Cut short"), "{markdown}");
}

/// A question with no follow-ups of its own, for the interviewer's fallbacks.
const NO_FOLLOW_UPS: &str = "- id: 10001
  round: phone-screen
  question: Why do you want to join this team in particular?
  rationale: It shows whether the candidate has looked at what the team does and wants that work.
  sample_answer: I have followed the billing team's talks on ledgers for a year and want to work on exactly that kind of correctness problem with people who write about it.
  tags: [motivation]
  look_for:
    - Names something specific about the team or its work
";

#[test]
fn with_no_follow_up_left_the_model_still_judges_the_answer() {
    // The scripted model answers every request with a judgement: the follow-up request gets no
    // `follow_up`, twice, so the bank's follow-ups are asked, and this question has none.
    let url = common::chat_server(
        r#"{"look_for":[{"item":1,"covered":true,"quote":"the billing team"}],"red_flags":[],"structure":"Short.",
        "confidence":{"score":3,"comment":"Fine."},"clarity":{"score":4,"comment":"Clear."},
        "delivery":{"score":3,"comment":"Even."},"verdict":"borderline","reasons":["Specific but short."]}"#,
    );
    let test = Test::new().corpus(NO_FOLLOW_UPS);
    let mut pty = Pty::spawn(&test, &["practice", "10001", "--judge", &url, "--time", "2m"], 80, 24);
    pty.wait_for("Enter: show the question");
    pty.send(ENTER);
    pty.wait_for("left");
    pty.type_text("I want to join the billing team.");
    pty.wait_for("billing team.");
    pty.send(CTRL_D);
    pty.wait_for("verdict: borderline");
    pty.send(&format!("{RIGHT}{RIGHT}"));
    pty.wait_for("Judged by echo at http://127.0.0.1:");
    pty.send("3");
    pty.wait_for("Session summary");
    let records = history_lines(&test);
    assert!(records[0]["judge"]["by"].as_str().unwrap().starts_with("echo at "), "{}", records[0]);
}
