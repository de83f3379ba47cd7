//! Feedback on typed answers: `qbank review`, and the analyser measured on the evaluation set.

mod common;

use std::path::Path;

use common::Test;
use qbank::judge::eval::{self, Figures};
use qbank::judge::{Judge, Offline};
use qbank::loader::{self, Sources};
use qbank::render;

/// The figures docs/feedback.md reports; print them with
/// `cargo test --test feedback evaluation -- --nocapture`.
///
/// Both parts assert floors: the figures measured on the current rubric, rounded down, so that
/// neither can silently get worse. `dev/` is what the analyser was built and tuned on;
/// `holdout/` was written by others and never tuned on (tests/feedback-eval/README.md). Raise a
/// floor when the analyser improves. A floor is only re-measured when the rubric it is measured
/// against changes (the `look_for` items the labels index), with both figures recorded there.
#[test]
fn evaluation_set_meets_the_targets() {
    let corpus = loader::load(&Sources { builtin: true, ..Sources::default() }).expect("built-in corpus");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/feedback-eval");
    // The same definitions as `qbank judge eval`, which this test shares its code with.
    let mut parts = Vec::new();
    let mut total = Figures::default();
    for part in ["dev", "holdout"] {
        println!("{part}:");
        let questions = eval::load_part(&root.join(part)).expect("the evaluation set loads");
        let figures = eval::evaluate(&corpus, &questions, &Offline, |outcome| {
            println!("{}", render::judge::outcome_line(outcome));
        })
        .expect("every label names an item of its question");
        total.add(&figures);
        parts.push((part.to_string(), figures));
    }
    parts.push(("all".to_string(), total));
    println!("\n{}", render::judge::figures_table(&Offline.name(), &parts));
    for (part, figures) in parts.iter().filter(|(part, _)| part != "all") {
        let floor = match part.as_str() {
            "dev" => DEV_FLOORS,
            _ => HOLDOUT_FLOORS,
        };
        assert!(figures.questions >= 15, "{part}: the set covers at least 15 questions");
        assert_eq!(
            figures.answers,
            figures.questions * 3,
            "{part}: a strong, a mediocre and a weak answer each"
        );
        assert_eq!(figures.failed, 0, "{part}: the analyser judges every answer");
        assert!(figures.precision() >= floor.0, "{part}: precision {:.2} < {}", figures.precision(), floor.0);
        assert!(figures.recall() >= floor.1, "{part}: recall {:.2} < {}", figures.recall(), floor.1);
        assert!(figures.ordering() >= floor.2, "{part}: ordering {:.2} < {}", figures.ordering(), floor.2);
    }
}

/// Precision, recall and ordering on the dev set, measured after the audit that made every
/// `look_for` item hold for any strong answer (#16): 122 of 143 found signals right = 0.853,
/// 122 of 160 labelled signals found = 0.763, 20 of 25 questions ordered. Before the audit, on
/// the story-specific items the word lists were tuned to: 0.870, 0.789, 23 of 25.
const DEV_FLOORS: (f64, f64, f64) = (0.85, 0.76, 0.80);
/// The same on the held-out set: 159 of 233 = 0.682, 159 of 245 = 0.649, 11 of 40 (before the
/// audit 0.697, 0.668, 11 of 40).
const HOLDOUT_FLOORS: (f64, f64, f64) = (0.68, 0.64, 0.27);

fn eval_answer(file: &str, quality: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/feedback-eval/dev").join(file);
    let eval: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string(path).expect("eval file")).expect("yaml");
    let answers = eval["answers"].as_array().expect("answers");
    let answer = answers.iter().find(|a| a["quality"] == quality).expect("answer of that quality");
    answer["text"].as_str().expect("text").to_string()
}

#[test]
fn review_reads_a_file_and_shows_every_section() {
    let test = Test::new();
    let path = test.file("answer.md", eval_answer("q19.yaml", "strong"));
    let out = test.args(["review", "19", "--answer"]).args([path]).args(["--time", "5m"]).succeeds();
    assert!(out.stdout.starts_with("Verdict: strong"), "{}", out.stdout);
    for section in ["Signals: 6 of 6 covered", "Structure (system-design", "Red flags", "Length and pace"] {
        assert!(out.stdout.contains(section), "missing {section}:\n{}", out.stdout);
    }
    assert!(out.stdout.contains("\"token bucket\""), "matched words are shown: {}", out.stdout);
    assert!(out.stdout.contains("heuristic"), "the verdict is labelled a heuristic");
    assert!(
        out.stdout.contains("It spots strong answers far more reliably than weak ones"),
        "and says what the measurement showed: {}",
        out.stdout
    );
    assert!(out.stdout.contains("of a 5 min answer - fits"), "{}", out.stdout);
}

#[test]
fn review_reads_stdin_and_prints_json() {
    let out = Test::new()
        .args(["review", "30", "--format", "json"])
        .stdin(eval_answer("q30.yaml", "weak"))
        .succeeds();
    let json = out.json();
    assert_eq!(json["question"], 30);
    assert_eq!(json["verdict"], "weak");
    assert_eq!(json["signals"].as_array().map(Vec::len), Some(6));
    assert_eq!(json["signals"][0]["covered"], false);
    assert_eq!(json["structure"]["framework"], "approach");
    let flags = json["red_flags"].as_array().expect("red flags");
    assert!(
        flags
            .iter()
            .any(|f| f["kind"] == "heroics" && f["phrase"].as_str().unwrap().contains("no point waking"))
    );
    assert!(json["length"]["words"].as_u64().unwrap() > 30);
    assert_eq!(json["length"]["limit_seconds"], serde_json::Value::Null);
    assert!(json["reasons"].as_array().is_some_and(|r| (1..=3).contains(&r.len())));
}

#[test]
fn wording_red_flags_name_their_phrase_unless_the_answer_turns_them_down() {
    let review = |answer: &str| {
        let json = Test::new().args(["review", "15", "-f", "json"]).stdin(answer).succeeds().json();
        json["red_flags"].as_array().expect("red flags").clone()
    };
    let flags = review(
        "Just turn on autoscaling and let it run. I rewrote it in Go last year and we switched \
         over in one release, and we never had any problems.",
    );
    let phrase = |kind: &str| {
        let flag = flags.iter().find(|f| f["kind"] == kind).unwrap_or_else(|| panic!("no {kind}: {flags:?}"));
        flag["phrase"].as_str().unwrap_or_default().to_string()
    };
    assert_eq!(flags.len(), 3, "{flags:?}");
    assert!(phrase("hand-wave").contains("Just turn on autoscaling"));
    assert!(phrase("big-bang").contains("rewrote it in Go"));
    assert!(phrase("absolute").contains("never had any problems"));
    let turned_down = review(
        "Rather than a big rewrite, I would measure first. We prefer load tests over reminders to \
         be more careful; 'more servers' is not a plan.",
    );
    assert!(turned_down.is_empty(), "{turned_down:?}");
}

#[test]
fn a_well_told_story_about_something_else_is_weak() {
    // A complete STAR story with a number, for question 19 (a rate limiter design).
    let story = "At my last company our onboarding took three weeks. I was asked to shorten it. I \
                 interviewed new hires, I wrote a checklist and I paired each one with a buddy. As \
                 a result, onboarding dropped from 15 days to 6 days and new hires shipped in their \
                 first week.";
    let json = Test::new().args(["review", "19", "-f", "json"]).stdin(story).succeeds().json();
    assert_eq!(json["verdict"], "weak", "{json}");
    assert!(json["reasons"].to_string().contains("is it on the question?"), "{json}");
}

#[test]
fn a_pasted_sample_answer_is_flagged_not_praised() {
    let show = Test::new().args(["show", "49", "--format", "json"]).succeeds();
    let sample = show.json()[0]["sample_answer"].as_str().expect("sample").to_string();
    let out = Test::new().args(["review", "49", "--format", "json"]).stdin(sample.clone()).succeeds();
    let json = out.json();
    assert_eq!(json["verdict"], "weak");
    assert_eq!(json["copied"]["source"], "sample-answer");
    assert!(json["copied"]["share_of_answer"].as_f64().unwrap() > 0.9);
    let text = Test::new().args(["review", "49"]).stdin(format!("My answer:\n{sample}")).succeeds();
    assert!(text.stdout.contains("repeats the sample answer word for word"), "{}", text.stdout);
}

#[test]
fn the_look_for_list_pasted_back_is_flagged_too() {
    let show = Test::new().args(["show", "19", "--format", "json"]).succeeds();
    let items: Vec<String> = show.json()[0]["look_for"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let json = Test::new().args(["review", "19", "-f", "json"]).stdin(items.join(". ")).succeeds().json();
    assert_eq!(json["verdict"], "weak");
    assert_eq!(json["copied"]["source"], "look-for");
}

#[test]
fn a_copied_answer_is_called_copied_and_scores_nothing() {
    let show = Test::new().args(["show", "12", "--format", "json"]).succeeds();
    let sample = show.json()[0]["sample_answer"].as_str().expect("sample").to_string();
    let text = Test::new().args(["review", "12"]).stdin(sample.clone()).succeeds();
    let verdict = text.stdout.lines().next().unwrap_or_default();
    assert_eq!(verdict, "Verdict: weak: copied from the sample answer, so it shows nothing of yours");
    let json = Test::new().args(["review", "12", "-f", "json"]).stdin(sample).succeeds().json();
    assert_eq!((&json["verdict"], &json["score"]), (&"weak".into(), &0.0.into()), "{json}");
    assert_eq!(json["copied"]["source"], "sample-answer");
}

/// Where the score of each verdict lies: strong from 0.6, weak under 0.05 (docs/feedback.md).
fn score_fits_verdict(json: &serde_json::Value) {
    let score = json["score"].as_f64().expect("score");
    let fits = match json["verdict"].as_str().expect("verdict") {
        "strong" => score >= 0.6,
        "borderline" => (0.05..0.6).contains(&score),
        _ => score < 0.05,
    };
    assert!(fits, "a {} answer shows a score of {score}: {json}", json["verdict"]);
}

#[test]
fn the_score_shown_lies_in_the_band_of_its_verdict() {
    // A strong answer covering all six signals, told at twice the length a minute allows.
    let strong = eval_answer("q19.yaml", "strong");
    let rushed = Test::new().args(["review", "19", "--time", "1m"]).stdin(strong.clone()).succeeds();
    let lines: Vec<&str> = rushed.stdout.lines().collect();
    assert_eq!(lines[0], "Verdict: borderline  (score 0.59)", "{}", rushed.stdout);
    assert!(lines[2].starts_with("  - too long: "), "what held it back is kept: {}", rushed.stdout);
    let story = "At my last company our onboarding took three weeks. I was asked to shorten it. I \
                 interviewed new hires, I wrote a checklist and I paired each one with a buddy. As \
                 a result, onboarding dropped from 15 days to 6 days.";
    for (answer, time) in [(strong.as_str(), "1m"), (strong.as_str(), "5m"), (story, "0")] {
        let json =
            Test::new().args(["review", "19", "-f", "json", "--time", time]).stdin(answer).succeeds().json();
        score_fits_verdict(&json);
    }
}

#[test]
fn star_headings_are_not_evidence() {
    let headings = "Situation: a project.\nTask: mine.\nAction: my own decisions.\nResult: it shipped.\n";
    let text = Test::new().args(["review", "7"]).stdin(headings).succeeds();
    for needle in ["Signals: 0 of 5 covered", "✗ situation", "✗ task", "✓ result  \"shipped\""] {
        assert!(text.stdout.contains(needle), "missing {needle:?}:\n{}", text.stdout);
    }
    let json = Test::new().args(["review", "7", "-f", "json"]).stdin(headings).succeeds().json();
    let matched = json["signals"].to_string().to_lowercase();
    for label in ["situation", "task", "action", "result"] {
        assert!(!matched.contains(&format!("\"{label}\"")), "{label} matched: {json}");
    }
    // A markdown heading is a label too, and a heading word inside a sentence is a word.
    let markdown = "## Situation\nOur checkout kept timing out.\n\n## Result\nIt shipped.";
    let json = Test::new().args(["review", "7", "-f", "json"]).stdin(markdown).succeeds().json();
    assert_eq!(json["structure"]["parts"][0]["evidence"], serde_json::Value::Null, "{json}");
    let prose = Test::new().args(["review", "7", "-f", "json"]).stdin("The situation was bad.").succeeds();
    assert_eq!(prose.json()["structure"]["parts"][0]["evidence"], "situation");
}

#[test]
fn an_http_header_name_is_one_word() {
    let answer = "Throttled clients get a 429 with a Retry-After header.";
    let text = Test::new().args(["review", "19"]).stdin(answer).succeeds();
    assert!(text.stdout.contains("✗ failure modes"), "Retry-After is not a retry:\n{}", text.stdout);
    assert!(text.stdout.contains("\"Retry-After\""), "but it tells clients when to retry:\n{}", text.stdout);
    let json = Test::new()
        .args(["review", "43", "-f", "json"])
        .stdin("Our tests check the Retry-After header.")
        .succeeds()
        .json();
    let failure_modes = &json["signals"][3];
    assert!(failure_modes["text"].as_str().unwrap().starts_with("Tests failure modes"), "{json}");
    assert!(failure_modes["strength"].as_f64().unwrap() < 0.5, "{json}");
}

#[test]
fn empty_and_blank_answers_are_weak_not_errors() {
    for input in ["", "   \n\t\n"] {
        let json = Test::new().args(["review", "7", "--format", "json"]).stdin(input).succeeds().json();
        assert_eq!(json["verdict"], "weak");
        assert_eq!(json["length"]["pace"], "empty");
        assert_eq!(json["reasons"][0], "the answer is empty");
    }
}

#[test]
fn non_english_answers_are_called_out() {
    let russian = "Я использовал бы алгоритм маркерной корзины в Redis и скрипт Lua, чтобы проверка \
                   была атомарной, а при превышении лимита возвращал бы ответ 429 с заголовком.";
    let json = Test::new().args(["review", "19", "--format", "json"]).stdin(russian).succeeds().json();
    assert_eq!(json["english"], false);
    assert_eq!(json["verdict"], "weak");
    let text = Test::new().args(["review", "19"]).stdin(russian).succeeds();
    assert!(text.stdout.contains("does not look like English"), "{}", text.stdout);
}

#[test]
fn a_one_megabyte_answer_is_analysed_quickly() {
    let strong = eval_answer("q21.yaml", "strong");
    let mut big = String::new();
    while big.len() < 1024 * 1024 {
        big.push_str(&strong);
        big.push_str("\nAnd then some more words about unrelated things, the weather and lunch.\n");
    }
    let started = std::time::Instant::now();
    let json = Test::new().args(["review", "21", "--time", "3m", "-f", "json"]).stdin(big).succeeds().json();
    let took = started.elapsed();
    println!("1 MB answer reviewed in {took:?}");
    assert!(took < std::time::Duration::from_secs(10), "took {took:?}");
    assert_eq!(json["length"]["pace"], "rambling");
    assert_ne!(json["verdict"], "strong");
}

#[test]
fn pace_is_judged_against_the_time_limit() {
    let answer = eval_answer("q68.yaml", "strong");
    let pace = |time: &str| {
        Test::new()
            .args(["review", "68", "-f", "json", "--time", time])
            .stdin(answer.clone())
            .succeeds()
            .json()["length"]["pace"]
            .clone()
    };
    assert_eq!(pace("3m"), "fits");
    assert_eq!(pace("80s"), "long");
    assert_eq!(pace("30s"), "rambling");
    assert_eq!(pace("20m"), "thin");
    assert_eq!(pace("0"), "fits");
}

#[test]
fn answer_text_cannot_drive_the_terminal() {
    let out = Test::new()
        .args(["review", "19"])
        .stdin("We used a token bucket \x1b[31min Redis\x1b[0m with a Lua script, atomic.")
        .succeeds();
    assert!(!out.stdout.contains('\x1b'), "{:?}", out.stdout);
}

#[test]
fn review_errors_name_the_problem() {
    Test::new().args(["review", "9999"]).stdin("x").fails_with("no question with id 9999");
    Test::new()
        .args(["review", "19", "--answer", "missing.md"])
        .fails_with("cannot read the answer from `missing.md`: no such file");
    let out = Test::new().args(["review", "19", "--time", "soon"]).code(2);
    assert!(
        out.stderr.contains("'soon' is not a duration: write 90s, 2m, 1m30s or 0 for no timer"),
        "{}",
        out.stderr
    );
}

#[test]
fn questions_without_signals_or_framework_still_get_feedback() {
    let corpus = "- id: 1\n  round: leadership\n  question: How do you run a retro?\n  rationale: Teams improve.\n  sample_answer: I ask what went well.\n  tags: [retro]\n";
    let out = Test::new()
        .corpus(corpus)
        .args(["review", "1"])
        .stdin("I ask the team what hurt and we pick one change.")
        .succeeds();
    assert!(out.stdout.contains("the question lists no signals"), "{}", out.stdout);
    assert!(!out.stdout.contains("Structure"), "{}", out.stdout);
}

/// Instant feedback in practice and mock, driven by the scripted protocol.
mod in_sessions {
    use super::*;

    const HEADING: &str = "Instant feedback on what you typed (a heuristic, to inform your self-grade)";

    #[test]
    fn a_typed_answer_gets_feedback_after_the_reveal_judged_against_its_time_limit() {
        let answer = "I'd ask about limits per tenant first.\nThen a token bucket per tenant in Redis, \
                      because it allows short bursts.\n.\ngood\n";
        let out = Test::new()
            .fixture_corpus("basic")
            .args(["practice", "--text", "rate limiter", "--time", "2m"])
            .stdin(answer)
            .succeeds();
        let stdout = &out.stdout;
        let at =
            |needle: &str| stdout.find(needle).unwrap_or_else(|| panic!("missing {needle:?} in\n{stdout}"));
        assert!(at("Sample answer") < at(HEADING) && at(HEADING) < at("Grade:"), "{stdout}");
        for needle in [
            "Verdict: ",
            "A heuristic from word matching",
            "Signals: 1 of 1 covered",
            "matched: \"token bucket\"",
            "Structure (system-design",
            "of a 2 min answer",
        ] {
            assert!(stdout.contains(needle), "missing {needle:?} in\n{stdout}");
        }
        assert_eq!(stdout.matches(HEADING).count(), 1);
    }

    #[test]
    fn an_empty_answer_gets_no_feedback() {
        let out = Test::new()
            .fixture_corpus("basic")
            .args(["practice", "-r", "system-design", "-n", "2", "--time", "2m"])
            .stdin(".\ngood\n   \n\t\n.\ngood\n")
            .succeeds();
        assert!(out.stdout.contains("Session summary: 2 questions graded"), "{}", out.stdout);
        for needle in [HEADING, "Verdict:", "Signals:"] {
            assert!(!out.stdout.contains(needle), "{needle:?} after an empty answer:\n{}", out.stdout);
        }
    }

    #[test]
    fn a_mock_shows_feedback_only_where_an_answer_was_typed() {
        let story = "At my last company our checkout kept timing out. My goal was to find out why. \
                     I profiled the service, found a missing index and I wrote the migration. \
                     As a result p99 latency dropped from 900 ms to 120 ms.";
        // Phone screen, system design, architecture, then the behavioural answer, then leadership.
        let input = format!(".\ngood\n.\ngood\n.\ngood\n{story}\n.\ngood\n.\ngood\n");
        let out = Test::new().fixture_corpus("basic").args(["mock", "--seed", "3"]).stdin(input).succeeds();
        let stdout = &out.stdout;
        assert_eq!(stdout.matches(HEADING).count(), 1, "{stdout}");
        let at =
            |needle: &str| stdout.find(needle).unwrap_or_else(|| panic!("missing {needle:?} in\n{stdout}"));
        assert!(at("━━━ Behavioural round") < at(HEADING) && at(HEADING) < at("━━━ Leadership round"));
        assert!(stdout.contains("Structure (star"), "{stdout}");
        assert!(stdout.contains("✓ result quantified"), "{stdout}");
        assert!(stdout.contains("of a 3 min answer"), "{stdout}");
    }
}

/// `qbank review ID --note`: the candidate's own story, as `qbank note` keeps it.
mod notes {
    use super::*;

    const OUTLINE: &str = "<!-- #49: Give me an example of shipping something fast\n     Your story for this question. Save an empty file to delete the note. -->\n\n";

    const STORY: &str = "At a subscription startup a big customer needed annual invoicing in four weeks.\n\
                         I led the work with one other engineer, and I sorted every task by what a mistake \
                         would cost and whether we could undo it. I kept exhaustive tests on the proration \
                         maths and audit data on every invoice, and cut the self-serve plan screen, which \
                         support handled by hand. We released behind a feature flag for that customer \
                         first. I put each cut in the backlog with an owner and a sprint.\n\
                         As a result we delivered two days early with zero invoice corrections in three months.";

    #[test]
    fn review_note_analyses_the_story_without_the_outline() {
        let test = Test::new();
        let note = format!("{OUTLINE}## Situation\n\n## Task\n\n## Action\n\n{STORY}\n\n## Result\n");
        test.file("home/notes/49.md", note);
        let from_note = test.args(["review", "49", "--note", "--time", "3m", "-f", "json"]);
        let home = from_note.home();
        let from_note = from_note.succeeds().json();
        let typed =
            Test::new().args(["review", "49", "--time", "3m", "-f", "json"]).stdin(STORY).succeeds().json();
        assert_eq!(from_note, typed, "the note is judged on its story alone");
        assert_eq!(from_note["question"], 49);
        assert!(from_note["length"]["words"].as_u64().unwrap() > 80, "{from_note}");

        let text = Test::new().env("QBANK_HOME", home).args(["review", "49", "--note"]).succeeds();
        assert!(text.stdout.starts_with("Verdict: "), "{}", text.stdout);
        assert!(text.stdout.contains("Structure (star"), "{}", text.stdout);
    }

    #[test]
    fn a_note_holding_only_the_outline_is_an_empty_answer() {
        let test = Test::new();
        test.file(
            "home/notes/49.md",
            format!("{OUTLINE}## Situation\n\n## Task\n\n## Action\n\n## Result\n"),
        );
        let json = test.args(["review", "49", "--note", "-f", "json"]).succeeds().json();
        assert_eq!(json["length"]["pace"], "empty");
        assert_eq!(json["verdict"], "weak");
        let parts = json["structure"]["parts"].as_array().unwrap();
        assert!(parts.iter().all(|p| p["present"] == false), "headings are not the story: {json}");
    }

    #[test]
    fn without_a_note_review_says_how_to_write_one() {
        let test = Test::new();
        test.file("home/notes/7.md", "A note for another question.");
        let out = test.args(["review", "49", "--note"]).fails_with("question 49 has no note to review");
        assert!(out.stderr.contains("`qbank note 49` writes one"), "{}", out.stderr);
        let both = Test::new().args(["review", "49", "--note", "--answer", "story.md"]).code(2);
        assert!(both.stderr.contains("cannot be used with"), "{}", both.stderr);
    }
}

/// A team teaches the analyser its own words for a question with `synonyms`: here "a
/// pedestrian crossing" covers an item about a "zebra crossing", for that question only.
#[test]
fn a_questions_own_synonyms_widen_what_counts_for_it() {
    let question = |synonyms: &str| {
        format!(
            "- id: 10001\n  round: system-design\n  question: How do people cross the road safely?\n  \
             rationale: Safety first, for everyone on foot.\n  sample_answer: A zebra crossing.\n  tags: [safety]\n  \
             look_for: [Puts a zebra crossing where people cross]\n{synonyms}"
        )
    };
    let answer = "I would put a pedestrian crossing outside the school gates, with lights.";
    let review = |corpus: &str| {
        let out = Test::new().corpus(corpus).args(["review", "10001", "-f", "json"]).stdin(answer).succeeds();
        out.json()["signals"][0]["covered"].as_bool().unwrap()
    };
    assert!(!review(&question("")), "without the group, a different wording is not matched");
    assert!(review(&question("  synonyms:\n    - [zebra crossing, pedestrian crossing]\n")));
}

#[test]
fn synonym_groups_are_validated_like_every_field() {
    let corpus = "- id: 10001\n  round: leadership\n  question: q\n  rationale: r\n  sample_answer: a\n  tags: [t]\n  \
                  synonyms:\n    - []\n    - [\"\", ok]\n    - [one two three four five six seven]\n";
    let out = Test::new().corpus(corpus).args(["list"]).code(2);
    assert!(
        out.stderr.contains("corpus.yaml:8:7: question 10001 has an empty group in `synonyms`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("corpus.yaml:9:8: question 10001 has an empty item in `synonyms`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "has a synonym of 7 words, `one two three four five six seven`; a word or phrase has at most 6"
        ),
        "{}",
        out.stderr
    );
}
