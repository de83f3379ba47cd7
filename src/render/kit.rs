//! Interview kits for a panel: Markdown to print, text for the terminal, JSON for tools.

use std::fmt::Write as _;

use serde::Serialize;

use super::markdown::{self, block, code_span, inline};
use super::sanitize::clean;
use super::style;
use super::text::framework_steps;
use super::wrap::wrap;
use crate::loader::guide::Guide;
use crate::model::{Competency, Question, Round};
use crate::query::kit::Plan;
use crate::text::human;

/// How a kit is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum KitFormat {
    /// Prints and renders cleanly: headings, rubric boxes, tables for notes
    #[default]
    Markdown,
    /// The same content for reading in a terminal
    Text,
    /// The plan with every question in full, for tools
    Json,
}

/// The rubric every question is scored on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Score {
    StrongNoHire,
    NoHire,
    Hire,
    StrongHire,
}

impl Score {
    pub const ALL: [Score; 4] = [Score::StrongNoHire, Score::NoHire, Score::Hire, Score::StrongHire];

    pub fn value(self) -> u8 {
        match self {
            Score::StrongNoHire => 1,
            Score::NoHire => 2,
            Score::Hire => 3,
            Score::StrongHire => 4,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Score::StrongNoHire => "Strong no-hire",
            Score::NoHire => "No-hire",
            Score::Hire => "Hire",
            Score::StrongHire => "Strong hire",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Score::StrongNoHire => "Shows red flags, or reaches no workable answer even with help.",
            Score::NoHire => "Few of the strong-answer signals; needs heavy prompting to make progress.",
            Score::Hire => "Most of the strong-answer signals, sound reasoning, handles the follow-ups.",
            Score::StrongHire => {
                "Every signal and more: weighs trade-offs unprompted and answers follow-ups before they are asked."
            }
        }
    }
}

/// Minutes of a round kept for the opening and for the candidate's own questions.
const ROUND_OVERHEAD_MINUTES: u32 = 5;

/// Each of `questions` questions' share of a round of `minutes`, in whole minutes.
fn share_of_round(minutes: u32, questions: usize) -> u32 {
    let questions = u32::try_from(questions.max(1)).unwrap_or(u32::MAX);
    (minutes.saturating_sub(ROUND_OVERHEAD_MINUTES) / questions).max(1)
}

/// Rows of blank space under each question for the interviewer's notes.
const NOTE_ROWS: usize = 4;

/// A kit ready to render: the plan, with the guide's words for its rounds and competencies.
#[derive(Debug, Serialize)]
pub struct Kit<'a> {
    pub seed: u64,
    /// The command that regenerates this kit from the same corpus.
    pub command: String,
    /// Where the questions came from: "built-in" and corpus paths.
    pub corpus: Vec<String>,
    /// The qbank that made the kit.
    pub qbank: &'static str,
    /// The fingerprint of the questions used: the same seed gives another kit once it changes.
    pub hash: String,
    pub scale: Vec<Level>,
    pub rounds: Vec<KitRound<'a>>,
    pub scorecard: Vec<ScoreRow>,
    /// Print each question's sample answer as a reference.
    #[serde(skip)]
    pub answers: bool,
}

#[derive(Debug, Serialize)]
pub struct Level {
    pub score: u8,
    pub label: String,
    pub meaning: String,
}

#[derive(Debug, Serialize)]
pub struct KitRound<'a> {
    pub round: Round,
    pub title: String,
    pub minutes: Option<u32>,
    pub evaluates: Vec<String>,
    /// How many questions were asked for; more than `questions` when the corpus ran short.
    pub wanted: usize,
    pub questions: Vec<KitQuestion<'a>>,
}

#[derive(Debug, Serialize)]
pub struct KitQuestion<'a> {
    /// Q1, Q2 ... across the whole kit.
    pub number: usize,
    pub pinned: bool,
    /// The question's share of its round's time, after five minutes for opening and the
    /// candidate's questions; None when the guide gives the round no length.
    pub minutes: Option<u32>,
    #[serde(flatten)]
    pub question: &'a Question,
}

/// How to make the kit again: the seed, the command and the corpus it was drawn from.
#[derive(Debug)]
pub struct Source {
    pub seed: u64,
    pub command: String,
    pub corpus: Vec<String>,
    /// The fingerprint of the questions used, in kit order.
    pub hash: String,
    /// The team's own rubric scale, lowest first: a label and what it means; None: the
    /// built-in four levels.
    pub scale: Option<Vec<(String, String)>>,
}

/// One line of the closing table: a competency and the questions that assess it.
#[derive(Debug, Serialize)]
pub struct ScoreRow {
    /// None for questions that name no competency.
    pub competency: Option<Competency>,
    pub title: String,
    pub senior_signal: String,
    pub questions: Vec<usize>,
}

impl<'a> Kit<'a> {
    pub fn new(plan: &Plan<'a>, guide: &Guide, source: Source, answers: bool) -> Kit<'a> {
        let Source { seed, command, corpus, hash, scale: source_scale } = source;
        let mut number = 0;
        let rounds = plan
            .rounds
            .iter()
            .filter(|r| !r.picks.is_empty())
            .map(|r| {
                let about = guide.round(r.round);
                KitRound {
                    round: r.round,
                    title: about.map_or(r.round.title().to_string(), |g| g.title.clone()),
                    minutes: about.map(|g| g.length_minutes).or(r.round.custom().map(|c| c.minutes)),
                    evaluates: about
                        .map(|g| g.evaluates.clone())
                        .or(r.round.custom().map(|c| c.evaluates.clone()))
                        .unwrap_or_default(),
                    wanted: r.wanted,
                    questions: r
                        .picks
                        .iter()
                        .map(|pick| {
                            number += 1;
                            let length =
                                about.map(|g| g.length_minutes).or(r.round.custom().map(|c| c.minutes));
                            let minutes = length.map(|m| share_of_round(m, r.picks.len()));
                            KitQuestion { number, pinned: pick.pinned, minutes, question: pick.question }
                        })
                        .collect(),
                }
            })
            .collect::<Vec<_>>();
        let scale = match source_scale {
            Some(levels) => levels
                .into_iter()
                .zip(1u8..)
                .map(|((label, meaning), score)| Level { score, label, meaning })
                .collect(),
            None => Score::ALL
                .into_iter()
                .map(|s| Level { score: s.value(), label: s.label().into(), meaning: s.meaning().into() })
                .collect(),
        };
        let scorecard = scorecard(&rounds, guide);
        Kit {
            seed,
            command,
            corpus,
            qbank: env!("CARGO_PKG_VERSION"),
            hash,
            scale,
            rounds,
            scorecard,
            answers,
        }
    }

    pub fn question_count(&self) -> usize {
        self.rounds.iter().map(|r| r.questions.len()).sum()
    }
}

/// Competencies in the order the kit first assesses them; questions without one last.
fn scorecard(rounds: &[KitRound], guide: &Guide) -> Vec<ScoreRow> {
    let mut rows: Vec<ScoreRow> = Vec::new();
    for q in rounds.iter().flat_map(|r| &r.questions) {
        let competency = q.question.competency;
        match rows.iter_mut().find(|row| row.competency == competency) {
            Some(row) => row.questions.push(q.number),
            None => {
                let about = competency.and_then(|c| guide.competency(c));
                rows.push(ScoreRow {
                    competency,
                    title: match (about, competency) {
                        (Some(g), _) => g.title.clone(),
                        (None, Some(c)) => c.name().to_string(),
                        (None, None) => "Other (no competency named)".to_string(),
                    },
                    senior_signal: about
                        .map(|g| g.senior_signal.clone())
                        .or_else(|| {
                            competency.and_then(Competency::custom).map(|c| c.description.to_string())
                        })
                        .unwrap_or_default(),
                    questions: vec![q.number],
                });
            }
        }
    }
    rows.sort_by_key(|row| row.competency.is_none());
    rows
}

fn numbers(questions: &[usize]) -> String {
    questions.iter().map(|n| format!("Q{n}")).collect::<Vec<_>>().join(", ")
}

fn tick_boxes(scale: &[Level]) -> String {
    scale.iter().map(|l| format!("[ ] {} {}", l.score, l.label)).collect::<Vec<_>>().join(" · ")
}

/// The kit as Markdown that renders cleanly and prints on paper.
pub fn markdown(kit: &Kit) -> String {
    let mut out = String::new();
    let rounds = kit.rounds.len();
    let _ = writeln!(out, "# Interview kit\n");
    let _ = writeln!(
        out,
        "**Seed:** {} · **Questions:** {} · **Rounds:** {}\n",
        kit.seed,
        kit.question_count(),
        rounds
    );
    let corpus: Vec<String> = kit.corpus.iter().map(|c| code_span(c)).collect();
    let _ = writeln!(out, "**Corpus:** {}\n", corpus.join(", "));
    let _ = writeln!(out, "**Made by:** qbank {} · **Questions fingerprint:** `{}`\n", kit.qbank, kit.hash);
    let _ = writeln!(out, "Regenerate this kit from the same corpus: {}\n", code_span(&kit.command));
    out.push_str("| Candidate | Role | Interviewer | Date |\n| --- | --- | --- | --- |\n");
    out.push_str("| &nbsp; | &nbsp; | &nbsp; | &nbsp; |\n\n");

    out.push_str("## How to score\n\n");
    out.push_str(
        "Score each answer on its own, against its strong-answer signals and red flags, and write \
         down what the candidate said before the panel meets. The decision rests on that evidence, \
         not on an overall impression.\n\n",
    );
    out.push_str("| Score | Meaning |\n| --- | --- |\n");
    for level in &kit.scale {
        let _ = writeln!(out, "| {} {} | {} |", level.score, level.label, level.meaning);
    }
    out.push('\n');

    for (i, round) in kit.rounds.iter().enumerate() {
        markdown_round(&mut out, i + 1, round, kit);
    }
    markdown_scorecard(&mut out, kit);
    out
}

fn markdown_round(out: &mut String, index: usize, round: &KitRound, kit: &Kit) {
    let minutes = round.minutes.map(|m| format!(" ({m} min)")).unwrap_or_default();
    let _ = writeln!(out, "## Round {index}: {}{minutes}\n", inline(&round.title));
    if !round.evaluates.is_empty() {
        let items: Vec<String> = round.evaluates.iter().map(|e| inline(e)).collect();
        let _ = writeln!(out, "**Evaluates:** {}\n", items.join(" · "));
    }
    if round.questions.len() < round.wanted {
        let _ = writeln!(
            out,
            "*Only {} of the {} questions asked for match the filters in this round.*\n",
            round.questions.len(),
            round.wanted
        );
    }
    for q in &round.questions {
        markdown_question(out, q, kit);
    }
}

fn markdown_question(out: &mut String, kq: &KitQuestion, kit: &Kit) {
    let answers = kit.answers;
    let q = kq.question;
    let (lead, rest) = markdown::title_and_body(&q.question);
    let _ = writeln!(out, "### Q{}. {}\n", kq.number, inline(lead));
    let mut facts = vec![format!("Question #{}", q.id)];
    if let Some(minutes) = kq.minutes {
        facts.push(format!("**Time:** about {minutes} min"));
    }
    if let Some(c) = q.competency {
        facts.push(format!("**Competency:** {c}"));
    }
    let tags: Vec<String> = q.tags.iter().map(|t| code_span(&clean(t))).collect();
    facts.push(format!("**Tags:** {}", tags.join(", ")));
    if kq.pinned {
        facts.push("pinned".to_string());
    }
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    if !rest.trim().is_empty() {
        let _ = writeln!(out, "{}\n", block(rest));
    }
    let _ = writeln!(out, "#### Why we ask\n\n{}\n", block(&q.rationale));
    markdown::list(out, "####", "What a strong answer shows", &q.look_for);
    markdown::list(out, "####", "Red flags", &q.red_flags);
    markdown::list(out, "####", "Follow-ups", &q.follow_ups);
    markdown::levels(out, "####", &q.levels);
    if answers || q.look_for.is_empty() {
        let _ = writeln!(out, "#### Reference answer\n\n{}\n", block(&q.sample_answer));
        markdown::list(out, "####", "Follow-ups on the reference answer", &q.sample_follow_ups);
    }
    if let Some(framework) = q.framework {
        let _ = writeln!(out, "**Answer shape:** {}\n", framework_steps(framework));
    }
    let _ = writeln!(out, "**Score:** {}\n", tick_boxes(&kit.scale));
    notes_table(out, "Notes");
}

/// A one-column table of blank rows: ruled space to write in once printed.
fn notes_table(out: &mut String, title: &str) {
    let _ = writeln!(out, "| {title} |\n| --- |");
    for _ in 0..NOTE_ROWS {
        out.push_str("| &nbsp; |\n");
    }
    out.push('\n');
}

fn markdown_scorecard(out: &mut String, kit: &Kit) {
    out.push_str("## Scorecard\n\n");
    out.push_str("What a senior engineer shows, for each competency this kit assesses:\n\n");
    for row in &kit.scorecard {
        let signal = if row.senior_signal.is_empty() {
            String::new()
        } else {
            format!(": {}", inline(&row.senior_signal))
        };
        let _ = writeln!(out, "- **{}** ({}){signal}", inline(&row.title), numbers(&row.questions));
    }
    out.push_str("\n| Competency | Questions | Score (1-4) | Evidence |\n| --- | --- | --- | --- |\n");
    for row in &kit.scorecard {
        let _ = writeln!(out, "| {} | {} | &nbsp; | &nbsp; |", inline(&row.title), numbers(&row.questions));
    }
    let _ = writeln!(out, "\n**Overall recommendation:** {}\n", tick_boxes(&kit.scale));
    notes_table(out, "Evidence for the recommendation");
}

/// The kit as text for a terminal, wrapped to `width`.
pub fn text(kit: &Kit, width: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", style::heading("Interview kit"));
    let _ = writeln!(
        out,
        "{}",
        style::dim(&format!(
            "seed {} · {} · {} · qbank {} · fingerprint {} · corpus: {} · regenerate: {}",
            kit.seed,
            human::plural(kit.question_count() as i64, "question"),
            human::plural(kit.rounds.len() as i64, "round"),
            kit.qbank,
            kit.hash,
            clean(&kit.corpus.join(", ")),
            clean(&kit.command)
        ))
    );
    let _ = write!(out, "\n{}\n", style::heading("How to score"));
    for level in &kit.scale {
        let line = format!("{} {}: {}", level.score, level.label, level.meaning);
        for line in wrap(&line, width, "  ") {
            let _ = writeln!(out, "{line}");
        }
    }
    for (i, round) in kit.rounds.iter().enumerate() {
        let minutes = round.minutes.map(|m| format!(" ({m} min)")).unwrap_or_default();
        let _ = write!(out, "\n{}\n", style::heading(&format!("Round {}: {}{minutes}", i + 1, round.title)));
        if !round.evaluates.is_empty() {
            for line in wrap(&format!("Evaluates: {}", round.evaluates.join(" · ")), width, "") {
                let _ = writeln!(out, "{}", style::dim(&line));
            }
        }
        if round.questions.len() < round.wanted {
            let _ = writeln!(
                out,
                "{}",
                style::dim(&format!(
                    "Only {} of the {} questions asked for match the filters.",
                    round.questions.len(),
                    round.wanted
                ))
            );
        }
        for q in &round.questions {
            text_question(&mut out, q, kit, width);
        }
    }
    let _ = write!(out, "\n{}\n", style::heading("Scorecard"));
    for row in &kit.scorecard {
        let line =
            format!("{} ({}): score ____  evidence ______________", row.title, numbers(&row.questions));
        for line in wrap(&clean(&line), width, "  ") {
            let _ = writeln!(out, "{line}");
        }
    }
    let _ = write!(out, "\nOverall recommendation: {}\n", tick_boxes(&kit.scale));
    out
}

fn text_question(out: &mut String, kq: &KitQuestion, kit: &Kit, width: usize) {
    let answers = kit.answers;
    let q = kq.question;
    let mut facts = vec![format!("#{}", q.id)];
    if let Some(minutes) = kq.minutes {
        facts.push(format!("about {minutes} min"));
    }
    if let Some(c) = q.competency {
        facts.push(c.to_string());
    }
    facts.push(q.tags.join(", "));
    if kq.pinned {
        facts.push("pinned".to_string());
    }
    let _ = write!(
        out,
        "\n{}  {}\n",
        style::id(&format!("Q{}", kq.number)),
        style::dim(&clean(&facts.join(" · ")))
    );
    for line in wrap(&clean(&q.question), width, "") {
        let _ = writeln!(out, "{}", style::label(&line));
    }
    text_section(out, "Why we ask", std::slice::from_ref(&q.rationale), false, width);
    text_section(out, "What a strong answer shows", &q.look_for, true, width);
    text_section(out, "Red flags", &q.red_flags, true, width);
    text_section(out, "Follow-ups", &q.follow_ups, true, width);
    let levels: Vec<String> =
        q.levels.iter().map(|(level, text)| format!("{}: {text}", level.title())).collect();
    text_section(out, "What each level sounds like", &levels, true, width);
    if answers || q.look_for.is_empty() {
        text_section(out, "Reference answer", std::slice::from_ref(&q.sample_answer), false, width);
        text_section(out, "Follow-ups on the reference answer", &q.sample_follow_ups, true, width);
    }
    if let Some(framework) = q.framework {
        let _ = writeln!(out, "{}", style::dim(&format!("Answer shape: {}", framework_steps(framework))));
    }
    let _ = writeln!(out, "Score: {}", tick_boxes(&kit.scale));
    let _ = writeln!(out, "Notes:");
    for _ in 0..NOTE_ROWS {
        let _ = writeln!(out, "  {}", "_".repeat(width.saturating_sub(2).min(60)));
    }
}

fn text_section(out: &mut String, title: &str, items: &[String], bullets: bool, width: usize) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "{}", style::label(title));
    for item in items {
        let item = if bullets { format!("- {}", clean(item)) } else { clean(item).into_owned() };
        for line in wrap(&item, width, "  ") {
            let _ = writeln!(out, "{line}");
        }
    }
}
