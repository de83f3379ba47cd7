//! Drawing the app: `view(&app, ...)` paints one frame from the state and changes nothing, so
//! every frame is drawn whole for the current size (a resize is just the next frame).

use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Tabs, Wrap};

use super::app::{Answering, App, Revealed, Screen, Tab, Waiting};
use crate::model::{Question, Round};
use crate::practice::history::Mode;
use crate::practice::session::{Item, Session};
use crate::render::sanitize::clean;
use crate::render::text::framework_steps;
use crate::text::human;

/// The smallest screen the app draws on; below it, it says so instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Narrower than this, the reveal stacks the answers instead of setting them side by side.
const SIDE_BY_SIDE: u16 = 100;

/// Under this much time left the clock turns yellow, and under the second, red.
const HURRY: Duration = Duration::from_secs(30);
const LAST_SECONDS: Duration = Duration::from_secs(10);

/// Paints the whole screen for `app` at `now`. Returns how far the scrollable text on it can
/// scroll at this size (0 when it all fits), which the app keeps scrolling within.
pub fn view(app: &App, session: &Session, now: Instant, frame: &mut Frame) -> u16 {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return 0;
    }
    let [header, body, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    frame.render_widget(Paragraph::new(header_line(app, session, now, header.width)), header);
    let scroll_limit = match &app.screen {
        Screen::Plan => {
            plan(frame, body, session);
            0
        }
        Screen::Ready => {
            ready(frame, body, app, session);
            0
        }
        Screen::Answer(answering) => answer(frame, body, session, answering),
        Screen::Waiting(waiting) => {
            waiting_for(frame, body, waiting, now);
            0
        }
        Screen::Reveal(revealed) => reveal(frame, body, session, revealed, app.offline, now),
    };
    frame.render_widget(Paragraph::new(hints(app, footer.width, now)).style(Style::new().dim()), footer);
    if app.help {
        help(frame, area, app);
    }
    scroll_limit
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Terminal too small: {}×{}. qbank needs at least {MIN_WIDTH}×{MIN_HEIGHT}; the clock keeps running.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// `2/5 #12 Phone screen ........ ▕████░░▏ 1:23 left`, cut to fit.
fn header_line<'a>(app: &App, session: &'a Session, now: Instant, width: u16) -> Line<'a> {
    let total = session.items().len();
    let Some((index, item)) = session.current() else {
        return Line::from(format!("{} of {total} done", session.outcome().attempts.len()));
    };
    if let Screen::Plan = app.screen {
        return Line::from(format!("Mock interview · {}", human::plural(total as i64, "question"))).bold();
    }
    let place = format!("{}/{total} #{} {}", index + 1, item.question.id, item.question.round.title());
    let clock = match &app.screen {
        Screen::Answer(answering) => {
            clock(now.saturating_duration_since(answering.started), answering.limit, width)
        }
        Screen::Reveal(revealed) => took(&revealed.answer.elapsed, item.limit, revealed.answer.timed_out),
        _ => {
            Span::raw(item.limit.map_or("untimed".to_string(), |l| format!("{} per answer", human::took(l))))
        }
    };
    let room = usize::from(width).saturating_sub(clock.content.chars().count() + 1);
    let place: String = place.chars().take(room).collect();
    let gap = room.saturating_sub(place.chars().count());
    Line::from(vec![Span::styled(place, Style::new().bold()), Span::raw(" ".repeat(gap + 1)), clock])
}

/// The countdown: a bar as wide as the screen allows, and the time left; yellow near the end.
fn clock(elapsed: Duration, limit: Option<Duration>, width: u16) -> Span<'static> {
    let Some(limit) = limit else { return Span::raw(format!("untimed {}", human::clock(elapsed))) };
    let left = limit.saturating_sub(elapsed);
    // Round up: 0:01 until the very end, never 0:00 with time still left.
    let shown = Duration::from_secs(left.as_secs() + u64::from(left.subsec_nanos() > 0));
    let cells = usize::from(width / 5).clamp(5, 20);
    let full = ((left.as_secs_f64() / limit.as_secs_f64().max(0.001)) * cells as f64).ceil() as usize;
    let bar = format!(
        "▕{}{}▏ {} left",
        "█".repeat(full.min(cells)),
        "░".repeat(cells - full.min(cells)),
        human::clock(shown)
    );
    let colour = if left < LAST_SECONDS {
        Color::Red
    } else if left < HURRY {
        Color::Yellow
    } else {
        Color::Cyan
    };
    Span::styled(bar, Style::new().fg(colour))
}

fn took(elapsed: &Duration, limit: Option<Duration>, timed_out: bool) -> Span<'static> {
    let mut text = format!("took {}", human::took(*elapsed));
    if let Some(limit) = limit {
        text.push_str(&format!(" of {}", human::took(limit)));
    }
    if timed_out {
        text.push_str(" · time ran out");
    }
    Span::raw(text)
}

fn plan(frame: &mut Frame, area: Rect, session: &Session) {
    let mut lines = vec![Line::from("Mock interview loop").bold(), Line::default()];
    let mut rounds: Vec<(Round, usize, Duration)> = Vec::new();
    for item in session.items() {
        let limit = item.limit.unwrap_or_default();
        match rounds.last_mut() {
            Some((round, count, time)) if *round == item.question.round => {
                *count += 1;
                *time += limit;
            }
            _ => rounds.push((item.question.round, 1, limit)),
        }
    }
    for (i, (round, count, time)) in rounds.iter().enumerate() {
        lines.push(Line::from(format!(
            "{}. {}: {}, {} of answers",
            i + 1,
            round.title(),
            human::plural(*count as i64, "question"),
            human::took(*time)
        )));
    }
    let total: Duration = rounds.iter().map(|(_, _, time)| *time).sum();
    lines.push(Line::default());
    lines.push(Line::from(format!(
        "{} in {}, about {} of answers. There is a pause before each round.",
        human::plural(session.items().len() as i64, "question"),
        human::plural(rounds.len() as i64, "round"),
        human::took(total)
    )));
    lines.push(Line::default());
    lines.push(Line::from("Enter: begin · q: leave").italic());
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(panel("Plan", area.width)),
        area,
    );
}

fn ready(frame: &mut Frame, area: Rect, app: &App, session: &Session) {
    let mut lines = Vec::new();
    if let Some(last) = &app.last {
        let back = last.due.map_or(String::new(), |due| format!(" · back {}", human::day(due)));
        lines.push(Line::from(format!("#{} graded {}{back}. u: undo that grade", last.id, last.grade)));
        lines.push(Line::default());
    }
    if let Some(notice) = &app.notice {
        lines.push(Line::from(clean(notice).into_owned()).fg(Color::Yellow));
        lines.push(Line::default());
    }
    if let Some((index, item)) = session.current() {
        let round = item.question.round;
        if session.mode() == Mode::Mock && app.previous_round != Some(round) {
            lines.push(Line::from(format!("{} round", round.title())).bold().underlined());
            lines.push(Line::from("A pause between rounds: take a breath.").italic());
            lines.push(Line::default());
        }
        lines.push(Line::from(format!(
            "Question {} of {}: {}",
            index + 1,
            session.items().len(),
            round.title()
        )));
        lines.push(Line::from(
            item.limit.map_or("Untimed.".to_string(), |l| format!("{} to answer.", human::took(l))),
        ));
        if item.draft.is_some() {
            lines.push(Line::from("Your saved draft is in the editor."));
        }
        lines.push(Line::default());
        lines.push(Line::from("Enter: show the question and start the clock").bold());
        lines.push(Line::from("s: skip it · q: stop here"));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(panel("Next", area.width)),
        area,
    );
}

/// While the interviewer reads the answer: what it is doing, for how long, and the way out.
fn waiting_for(frame: &mut Frame, area: Rect, waiting: &Waiting, now: Instant) {
    let doing = if waiting.judging {
        "The interviewer is judging your answer"
    } else {
        "The interviewer is reading your answer for a follow-up"
    };
    let waited = human::clock(now.saturating_duration_since(waiting.since));
    let lines = vec![
        Line::from(format!("{doing} … {waited}")).bold(),
        Line::default(),
        Line::from("Esc: go on without the model (the offline analyser steps in).").dim(),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(panel("Interviewer", area.width)),
        area,
    );
}

/// The question (or the follow-up) above the answer editor; returns how far it can scroll.
fn answer(frame: &mut Frame, area: Rect, session: &Session, answering: &Answering) -> u16 {
    let Some((_, item)) = session.current() else { return 0 };
    let (title, text) = match &answering.follow_up {
        Some((number, follow_up)) => (format!("Follow-up {number}"), follow_up_text(follow_up, item)),
        None => ("Question".to_string(), question_text(item)),
    };
    let block = panel(&title, area.width);
    let paragraph = Paragraph::new(text).wrap(Wrap { trim: false });
    let wanted = u16::try_from(paragraph.line_count(block.inner(area).width)).unwrap_or(u16::MAX);
    let chrome = area.height - block.inner(area).height;
    let most = (area.height * 2 / 5).max(3);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(wanted.saturating_add(chrome).min(most)), Constraint::Min(3)])
            .areas(area);
    let limit = scroll_limit(&paragraph, block.inner(top));
    frame.render_widget(paragraph.scroll((answering.question_scroll.min(limit), 0)).block(block), top);
    let words = answering.editor.lines().iter().map(|l| l.split_whitespace().count()).sum::<usize>();
    let mut editor = answering.editor.clone();
    let what = if answering.follow_up.is_some() { "Your reply" } else { "Your answer" };
    editor.set_block(panel(&format!("{what} · {}", human::plural(words as i64, "word")), area.width));
    frame.render_widget(&editor, bottom);
    limit
}

/// A follow-up, with the question it follows under it.
fn follow_up_text(follow_up: &str, item: &Item) -> Text<'static> {
    let question = clean(&item.question.question).split_whitespace().collect::<Vec<_>>().join(" ");
    Text::from(vec![Line::from(clean(follow_up).into_owned()), Line::from(format!("On: {question}")).dim()])
}

/// The question as the candidate sees it: text, then the answer's shape.
fn question_text(item: &Item) -> Text<'static> {
    let mut lines: Vec<Line> =
        clean(&item.question.question).lines().map(|l| Line::from(l.to_string())).collect();
    if let Some(framework) = item.question.framework {
        lines.push(Line::from(format!("Shape: {}", framework_steps(framework))).dim());
    }
    Text::from(lines)
}

fn reveal(
    frame: &mut Frame,
    area: Rect,
    session: &Session,
    revealed: &Revealed,
    offline: bool,
    now: Instant,
) -> u16 {
    let Some((_, item)) = session.current() else { return 0 };
    let [tabs_area, content] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let titles: Vec<&str> = Tab::ALL.iter().map(|t| t.title()).collect();
    let selected = Tab::ALL.iter().position(|&t| t == revealed.tab).unwrap_or(0);
    let verdict =
        revealed.judgement.as_ref().map_or(String::new(), |j| format!(" verdict: {}", j.verdict.name()));
    let tabs = Tabs::new(titles)
        .select(selected)
        .highlight_style(Style::new().bold().reversed())
        .divider(" │ ")
        .padding("", "");
    frame.render_widget(tabs, tabs_area);
    if usize::from(tabs_area.width) > 50 + verdict.len() {
        let right =
            Rect { x: tabs_area.right() - verdict.len() as u16, width: verdict.len() as u16, ..tabs_area };
        frame.render_widget(Paragraph::new(verdict).bold(), right);
    }
    let mut banner = None;
    if now < revealed.keys_from {
        banner = Some("Time is up. Keys are ignored for a second.");
    }
    let content = match banner {
        Some(text) => {
            let [note, rest] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(content);
            frame.render_widget(Paragraph::new(text).fg(Color::Yellow).wrap(Wrap { trim: true }), note);
            rest
        }
        None => content,
    };
    match revealed.tab {
        Tab::Answers => answers(frame, content, item.question, revealed),
        Tab::Rubric => {
            let width = text_width(content);
            scrolled(frame, content, "Rubric", rubric(item.question, revealed, width), revealed.scroll)
        }
        Tab::Feedback => {
            let text = feedback(revealed, offline, content.width);
            scrolled(frame, content, "Feedback", text, revealed.scroll)
        }
        Tab::FollowUps => {
            let width = text_width(content);
            scrolled(frame, content, "Follow-ups", follow_ups(item.question, width), revealed.scroll)
        }
    }
}

/// The candidate's answer and the sample answer, side by side when there is room (each panel
/// stops scrolling at its own end).
fn answers(frame: &mut Frame, area: Rect, question: &Question, revealed: &Revealed) -> u16 {
    let mut yours = if revealed.answer.text.trim().is_empty() {
        Text::from(Line::from("(nothing typed: answered aloud?)").italic())
    } else {
        plain(&revealed.answer.text)
    };
    for (i, follow_up) in revealed.answer.follow_ups.iter().enumerate() {
        yours.lines.push(Line::default());
        yours.lines.push(Line::from(format!("Follow-up {}: {}", i + 1, clean(&follow_up.question))).bold());
        if follow_up.answer.trim().is_empty() {
            yours.lines.push(Line::from("(nothing typed)").italic());
        } else {
            yours.lines.extend(plain(&follow_up.answer).lines);
        }
    }
    let sample = plain(&question.sample_answer);
    if area.width >= SIDE_BY_SIDE {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
        let left = scrolled(frame, left, "Your answer", yours, revealed.scroll);
        let right = scrolled(frame, right, "Sample answer", sample, revealed.scroll);
        left.max(right)
    } else {
        let mut lines = vec![Line::from("Your answer").bold().underlined()];
        lines.extend(yours.lines);
        lines.push(Line::default());
        lines.push(Line::from("Sample answer").bold().underlined());
        lines.extend(sample.lines);
        scrolled(frame, area, "Answers", Text::from(lines), revealed.scroll)
    }
}

fn rubric(question: &Question, revealed: &Revealed, width: u16) -> Text<'static> {
    let covered = |index: usize| {
        revealed
            .judgement
            .as_ref()
            .and_then(|j| j.look_for.iter().find(|i| i.index == index))
            .is_some_and(|i| i.covered)
    };
    let mut lines = vec![Line::from("What a strong answer shows").bold().underlined()];
    if revealed.judgement.is_some() {
        lines.push(Line::from("✓ in your answer · not found").dim());
    }
    for (i, item) in question.look_for.iter().enumerate() {
        let mark = if revealed.judgement.is_none() {
            Span::raw("- ")
        } else if covered(i) {
            Span::styled("✓ ", Style::new().fg(Color::Green))
        } else {
            Span::styled("· ", Style::new().dim())
        };
        lines.extend(bullet(&mark, item, width));
    }
    section(&mut lines, "Red flags", &question.red_flags, width);
    if !question.levels.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from("What each level sounds like").bold().underlined());
        for (level, text) in question.levels.iter() {
            lines.push(Line::from(vec![
                Span::raw(format!("{}: ", level.title())).bold(),
                Span::raw(clean(text).into_owned()),
            ]));
        }
    }
    Text::from(lines)
}

fn feedback(revealed: &Revealed, offline: bool, width: u16) -> Text<'static> {
    let Some(judgement) = &revealed.judgement else {
        return Text::from("Nothing was typed, so there is no feedback: grade yourself against the rubric.");
    };
    let width = usize::from(width.saturating_sub(2)).max(20);
    let report = crate::render::style::without_colour(|| match (&judgement.fallback, offline) {
        (None, true) => crate::render::feedback::feedback(&judgement.offline, width),
        _ => crate::render::judge::after_reveal(judgement, offline, width),
    });
    plain(&report)
}

fn follow_ups(question: &Question, width: u16) -> Text<'static> {
    let mut lines = Vec::new();
    section(&mut lines, "Follow-ups an interviewer may ask", &question.follow_ups, width);
    section(&mut lines, "Follow-ups on the sample answer", &question.sample_follow_ups, width);
    if lines.is_empty() {
        lines.push(Line::from("This question lists no follow-ups."));
    }
    Text::from(lines)
}

fn section(lines: &mut Vec<Line<'static>>, title: &str, items: &[String], width: u16) {
    if items.is_empty() {
        return;
    }
    if !lines.is_empty() {
        lines.push(Line::default());
    }
    lines.push(Line::from(title.to_string()).bold().underlined());
    for item in items {
        lines.extend(bullet(&Span::raw("- "), item, width));
    }
}

/// A list item after its two-column `mark`, wrapped to `width` with its later rows indented
/// under its first word.
fn bullet(mark: &Span<'static>, text: &str, width: u16) -> Vec<Line<'static>> {
    let folded = clean(text).split_whitespace().collect::<Vec<_>>().join(" ");
    let rows = crate::render::wrap::wrap(&folded, usize::from(width.saturating_sub(2)).max(10), "");
    rows.into_iter()
        .enumerate()
        .map(|(i, row)| {
            let lead = if i == 0 { mark.clone() } else { Span::raw("  ") };
            Line::from(vec![lead, Span::raw(row)])
        })
        .collect()
}

/// The width text has inside a panel drawn in `area`.
fn text_width(area: Rect) -> u16 {
    panel("", area.width).inner(area).width
}

/// Corpus or typed text, made safe and split into lines.
fn plain(text: &str) -> Text<'static> {
    Text::from(clean(text).lines().map(|l| Line::from(l.to_string())).collect::<Vec<_>>())
}

/// `text` in a panel, scrolled down `scroll` rows but never past its last line; returns how far
/// it can scroll.
fn scrolled(frame: &mut Frame, area: Rect, title: &str, text: Text<'static>, scroll: u16) -> u16 {
    let block = panel(title, area.width);
    let paragraph = Paragraph::new(text).wrap(Wrap { trim: false });
    let limit = scroll_limit(&paragraph, block.inner(area));
    frame.render_widget(paragraph.scroll((scroll.min(limit), 0)).block(block), area);
    limit
}

/// How many rows `paragraph` can scroll in `inner` before its last line reaches the bottom.
fn scroll_limit(paragraph: &Paragraph, inner: Rect) -> u16 {
    let rows = u16::try_from(paragraph.line_count(inner.width)).unwrap_or(u16::MAX);
    rows.saturating_sub(inner.height)
}

/// A bordered panel with a title, or on a narrow screen just a title line.
fn panel(title: &str, width: u16) -> Block<'static> {
    let block = Block::new().title(Line::from(format!(" {title} ")).bold());
    if width >= 60 { block.borders(Borders::ALL) } else { block.borders(Borders::TOP) }
}

/// The keys that work now, as many as fit on one line.
fn hints(app: &App, width: u16, now: Instant) -> Line<'static> {
    let choices: &[&[&str]] = match &app.screen {
        Screen::Plan => &[&["Enter begin", "q leave", "? help"], &["Enter", "q", "?"]],
        Screen::Ready if app.last.is_some() => {
            &[&["Enter start", "u undo grade", "s skip", "q stop", "? help"], &["Enter", "u", "s", "q", "?"]]
        }
        Screen::Ready => &[&["Enter start", "s skip", "q stop", "? help"], &["Enter", "s", "q", "?"]],
        Screen::Answer(_) => &[
            &["Ctrl-D submit", "Ctrl-E editor", "PgUp/PgDn question", "Ctrl-C stop"],
            &["^D submit", "^E editor", "^C stop"],
            &["^D", "^E", "^C"],
        ],
        Screen::Waiting(_) => {
            &[&["Esc go on without the model", "Ctrl-C stop"], &["Esc skip", "^C stop"], &["Esc", "^C"]]
        }
        Screen::Reveal(revealed) if now < revealed.keys_from => &[&["time is up: wait a second"], &["wait"]],
        Screen::Reveal(_) => &[
            &["1 again 2 hard 3 good 4 easy", "s skip", "←→ tabs", "↑↓ scroll", "? help", "q quit"],
            &["1-4 grade", "s skip", "←→", "↑↓", "q"],
            &["1-4", "s", "q"],
        ],
    };
    let fits = choices
        .iter()
        .map(|keys| keys.join(" · "))
        .find(|line| line.chars().count() <= usize::from(width))
        .unwrap_or_default();
    Line::from(fits)
}

fn help(frame: &mut Frame, area: Rect, app: &App) {
    let keys: &[(&str, &str)] = match &app.screen {
        Screen::Answer(_) => &[
            ("Enter", "new line"),
            ("Ctrl-D", "submit the answer"),
            ("Ctrl-E", "edit in $VISUAL/$EDITOR; the clock runs on"),
            ("arrows, Home, End", "move"),
            ("Ctrl-Left/Right", "move by word"),
            ("Ctrl-U / Ctrl-R", "undo / redo"),
            ("PgUp / PgDn", "scroll the question"),
            ("Ctrl-C", "stop; what you typed is kept"),
        ],
        Screen::Reveal(_) => &[
            ("1 2 3 4", "grade: again, hard, good, easy"),
            ("s", "skip without a grade"),
            ("Tab, ← →", "switch tabs"),
            ("↑ ↓ j k PgUp PgDn", "scroll"),
            ("q", "stop; the answer is kept ungraded"),
        ],
        _ => &[("Enter", "go on"), ("u", "undo the last grade"), ("s", "skip"), ("q", "stop")],
    };
    let width = area.width.saturating_sub(4).min(64);
    // Keys in a column when there is room for one, else each key before what it does.
    let column = if width >= 50 { 18 } else { 0 };
    let lines: Vec<Line> = keys
        .iter()
        .map(|(key, what)| {
            let key = if column > 0 { format!("{key:<column$}") } else { format!("{key}: ") };
            Line::from(vec![Span::styled(key, Style::new().bold()), Span::raw(*what)])
        })
        .chain([Line::default(), Line::from("Any key closes this help.").add_modifier(Modifier::ITALIC)])
        .collect();
    let inner = usize::from(width.saturating_sub(2).max(1));
    let rows: usize = lines.iter().map(|line| line.width().div_ceil(inner).max(1)).sum();
    let height = (u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2)).min(area.height);
    let popup =
        Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .alignment(Alignment::Left)
            .block(Block::bordered().title(" Keys ")),
        popup,
    );
}
