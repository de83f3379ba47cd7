//! Every screen of the app drawn at 120x40, 80x24 and 40x12 with ratatui's test backend and
//! compared with its golden text in tests/fixtures/tui/. After a deliberate change to a screen,
//! `QBANK_UPDATE_GOLDEN=1 cargo test --lib tui::golden` rewrites the files; review the diff.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use super::app::{Answering, App, LastGrade, Revealed, Screen, Tab, editor};
use super::view::view;
use super::{Interviewer, judge_answer};
use crate::model::{Framework, Levels, Question, Round};
use crate::practice::grade::Grade;
use crate::practice::history::Mode;
use crate::practice::session::{Answer, Item, Session};

const SIZES: [(u16, u16); 3] = [(120, 40), (80, 24), (40, 12)];

fn question() -> Question {
    Question {
        question: "Tell me about a time you disagreed with your manager about a technical decision.".into(),
        rationale: "Shows whether you can disagree with evidence and still commit.".into(),
        sample_answer: "Situation: my manager wanted to rewrite the billing service before the holiday peak.\n\n\
                        Task: I owned its reliability that quarter.\n\n\
                        Action: I measured where the incidents came from and proposed fixing the two worst paths first.\n\n\
                        Result: incidents fell by half, and the rewrite went ahead in the spring with the data behind it."
            .into(),
        framework: Some(Framework::Star),
        look_for: vec![
            "Disagrees with data rather than opinion".into(),
            "Commits once the decision is made".into(),
            "Names what they learned".into(),
        ],
        red_flags: vec!["Blames the manager".into()],
        follow_ups: vec!["What would you do if the data had backed your manager?".into()],
        sample_follow_ups: vec!["How did you measure where the incidents came from?".into()],
        levels: Levels {
            mid: Some("Tells the story; the outcome is luck.".into()),
            senior: Some("Brings data and commits.".into()),
            staff: Some("Changes how the team decides.".into()),
        },
        ..Question::sample(12, Round::Behavioural)
    }
}

const ANSWER: &str = "Situation: we disagreed about a rewrite of billing.\n\n\
                      Action: I brought incident data and proposed fixing two paths first.\n\n\
                      Result: incidents halved; we committed to the rewrite in spring.";

fn session(question: &Question, mode: Mode) -> Session<'_> {
    let limit = Some(Duration::from_secs(180));
    let items = vec![Item { question, limit, draft: None }, Item { question, limit, draft: None }];
    Session::new(items, mode)
}

fn draw(app: &App, session: &Session, now: Instant, (width, height): (u16, u16)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            view(app, session, now, frame);
        })
        .unwrap();
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < area.width {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            x += u16::try_from(unicode_width::UnicodeWidthStr::width(symbol).max(1)).unwrap_or(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn check(name: &str, draw_at: impl Fn((u16, u16)) -> Buffer) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let mut mismatched = Vec::new();
    for size in SIZES {
        let got = text(&draw_at(size));
        let path = dir.join(format!("{name}-{}x{}.txt", size.0, size.1));
        if std::env::var_os("QBANK_UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if got != want {
            mismatched.push(format!("{}:\n{got}", path.display()));
        }
    }
    assert!(mismatched.is_empty(), "screens differ from their golden files:\n{}", mismatched.join("\n"));
}

fn app(screen: Screen) -> App {
    App { screen, help: false, last: None, notice: None, previous_round: None, pending: None, offline: true }
}

fn answering(now: Instant) -> Box<Answering> {
    Box::new(Answering {
        editor: editor(ANSWER),
        started: now - Duration::from_secs(95),
        limit: Some(Duration::from_secs(180)),
        follow_up: None,
        keys_from: now,
        question_scroll: 0,
    })
}

fn revealed(question: &Question, tab: Tab, keys_from: Instant) -> Box<Revealed> {
    let answer = Answer { text: ANSWER.into(), elapsed: Duration::from_secs(95), ..Answer::default() };
    let judgement = judge_answer(&Interviewer::offline(), question, &answer, Some(Duration::from_secs(180)));
    Box::new(Revealed { answer, judgement: Some(judgement), tab, scroll: 0, keys_from })
}

#[test]
fn the_mock_plan() {
    let q = question();
    let session = session(&q, Mode::Mock);
    check("plan", |size| draw(&app(Screen::Plan), &session, Instant::now(), size));
}

#[test]
fn the_screen_between_questions_after_a_grade() {
    let q = question();
    let session = session(&q, Mode::Mock);
    let mut ready = app(Screen::Ready);
    ready.last = Some(LastGrade { id: 7, grade: Grade::Good, due: None });
    check("ready", |size| draw(&ready, &session, Instant::now(), size));
}

#[test]
fn the_answer_editor_with_the_clock_running() {
    let q = question();
    let session = session(&q, Mode::Practice);
    let now = Instant::now();
    check("answer", |size| draw(&app(Screen::Answer(answering(now))), &session, now, size));
}

#[test]
fn the_reveal_on_each_tab() {
    let q = question();
    let session = session(&q, Mode::Practice);
    let now = Instant::now();
    for (name, tab) in [
        ("answers", Tab::Answers),
        ("rubric", Tab::Rubric),
        ("feedback", Tab::Feedback),
        ("follow-ups", Tab::FollowUps),
    ] {
        check(&format!("reveal-{name}"), |size| {
            draw(&app(Screen::Reveal(revealed(&q, tab, now))), &session, now, size)
        });
    }
}

#[test]
fn the_reveal_while_keys_are_ignored_after_time_ran_out() {
    let q = question();
    let session = session(&q, Mode::Practice);
    let now = Instant::now();
    let guarded = || app(Screen::Reveal(revealed(&q, Tab::Answers, now + Duration::from_secs(1))));
    check("reveal-time-up", |size| draw(&guarded(), &session, now, size));
}

#[test]
fn the_help_over_the_reveal() {
    let q = question();
    let session = session(&q, Mode::Practice);
    let now = Instant::now();
    let with_help = || {
        let mut app = app(Screen::Reveal(revealed(&q, Tab::Answers, now)));
        app.help = true;
        app
    };
    check("help", |size| draw(&with_help(), &session, now, size));
}

#[test]
fn a_terminal_below_the_minimum_says_so() {
    let q = question();
    let session = session(&q, Mode::Practice);
    let now = Instant::now();
    let buffer = draw(&app(Screen::Answer(answering(now))), &session, now, (39, 11));
    let screen = text(&buffer).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(screen.starts_with("Terminal too small: 39×11. qbank needs at least 40×12"), "{screen}");
}
