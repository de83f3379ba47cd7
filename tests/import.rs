//! End to end: `qbank import` maps, validates, numbers and appends; export -> import loses nothing.

mod common;

use common::{Test, fixture};

/// Every question as JSON without its id: what must survive a trip out and back.
fn without_ids(list: serde_json::Value) -> Vec<serde_json::Value> {
    let serde_json::Value::Array(questions) = list else { panic!("a JSON array: {list}") };
    questions
        .into_iter()
        .map(|mut q| {
            q.as_object_mut().unwrap().remove("id");
            q
        })
        .collect()
}

/// Exports `corpus_args`' questions as `format`, imports the file into a fresh corpus and
/// returns (original, imported) without ids.
fn round_trip(corpus_args: &[&str], format: &str) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    let original = Test::new().args(corpus_args).args(["list", "-f", "json"]).succeeds().json();
    let exported = Test::new().args(corpus_args).args(["export", "-f", format]).succeeds().stdout;
    let test = Test::new();
    let file = test.file(&format!("bank.{format}"), exported);
    let target = test.dir().join("imported.yaml");
    let test = test.args(["--no-builtin", "import", "--format", format, "-o"]).args([&target]).args([&file]);
    let out = test.code(0);
    assert!(out.stderr.contains("; skipped 0 rows"), "{}", out.stderr);
    let back = Test::new().args(["--no-builtin", "--corpus"]).args([&target]).args(["list", "-f", "json"]);
    (without_ids(original), without_ids(back.succeeds().json()))
}

#[test]
fn export_then_import_gives_back_the_same_questions_in_every_format() {
    let awkward = fixture("export/awkward.yaml");
    let awkward = awkward.to_str().unwrap();
    for format in ["csv", "json", "anki", "yaml"] {
        let (original, back) = round_trip(&["--no-builtin", "--corpus", awkward], format);
        assert_eq!(back, original, "{format}: awkward text survives");
    }
}

#[test]
fn the_whole_builtin_bank_goes_to_a_spreadsheet_and_anki_and_back() {
    for format in ["csv", "anki"] {
        let (original, back) = round_trip(&[], format);
        assert!(original.len() > 50);
        assert_eq!(back, original, "{format}");
    }
}

#[test]
fn a_team_spreadsheet_imports_with_bad_rows_reported_by_number() {
    let test = Test::new().args(["import"]).args([fixture("import/team.csv")]).args(["-o", "team.yaml"]);
    let out = test.code(0);
    let expected = [
        "note: ignoring `Owner` (no question field; use --map FIELD=COLUMN to keep one)",
        "skipped row 3: has 3 cells but the header has 6 (a stray separator, or a quote left open?)",
        "skipped row 4: no `rationale` (add a column for it, or --default rationale=VALUE)",
        "skipped row 5: unknown round 'coding'; round names are phone-screen, system-design, architecture, \
         behavioural, leadership",
        "imported 2 questions (ids 10000-10001) into team.yaml; skipped 3 rows",
    ];
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(&lines[..5], expected, "{}", out.stderr);
    let json = Test::new().args(["--corpus"]).args([test.dir().join("team.yaml")]);
    let json =
        json.args(["list", "--round", "architecture", "--round", "behavioural", "-f", "json"]).succeeds();
    let json = json.json();
    let imported: Vec<&serde_json::Value> =
        json.as_array().unwrap().iter().filter(|q| q["id"].as_u64().unwrap() >= 10000).collect();
    assert_eq!(imported.len(), 2);
    assert_eq!(imported[0]["round"], "architecture");
    assert_eq!(imported[0]["tags"], serde_json::json!(["databases", "performance"]));
    assert_eq!(
        imported[0]["sample_answer"],
        "Measure, then set it to cores * 2 plus spindles; watch \"wait time\" not CPU."
    );
    assert_eq!(imported[1]["round"], "behavioural");
    assert_eq!(imported[1]["tags"], serde_json::json!(["conflict", "growth"]));
    assert!(imported[1]["sample_answer"].as_str().unwrap().contains("rewrite.\nResult:"));
}

#[test]
fn nothing_importable_is_an_error_that_lists_every_row() {
    let test = Test::new();
    let file = test.file("bad.csv", "question,round\nWhat?,coding\nWhy?,\n");
    let out = test.args(["import"]).args([&file]).fails_with("nothing imported from");
    assert!(out.stderr.contains("2 rows, none usable"), "{}", out.stderr);
    assert!(out.stderr.contains("\n  row 2: unknown round 'coding'"), "{}", out.stderr);
    assert!(out.stderr.contains("\n  row 3: no `round`"), "{}", out.stderr);
}

#[test]
fn ids_are_fresh_above_everything_loaded_and_the_target() {
    let csv =
        "question,rationale,sample_answer,round,tags\nQ?,Why it is asked.,An answer.,leadership,mentoring\n";
    let first_id = |test: Test| -> u64 {
        let out = test.code(0);
        let line = out.stdout.lines().find(|l| l.starts_with("- id: ")).expect("YAML on stdout");
        line["- id: ".len()..].parse().unwrap()
    };
    let test = Test::new();
    let file = test.file("q.csv", csv);
    assert_eq!(first_id(test.args(["import"]).args([&file])), 10000, "team ids start at 10000");

    let test = Test::new();
    let file = test.file("q.csv", csv);
    test.file(
        "team.yaml",
        "- {id: 20000, round: leadership, question: Q, rationale: R, sample_answer: A, tags: [x]}\n",
    );
    assert_eq!(first_id(test.args(["--corpus", "team.yaml", "import"]).args([&file])), 20001);

    let test = Test::new();
    let file = test.file("q.csv", csv);
    test.file(
        "target.yaml",
        "- {id: 30000, round: leadership, question: Q, rationale: R, sample_answer: A, tags: [x]}\n",
    );
    let test = test.args(["import", "-o", "target.yaml", "--dry-run"]).args([&file]);
    let out = test.code(0);
    assert!(out.stderr.contains("would import 1 question (id 30001)"), "{}", out.stderr);
}

#[test]
fn appending_keeps_the_existing_file_byte_for_byte() {
    let existing = "# Our team's questions.\n- id: 20000   # odd spacing, kept\n  round: leadership\n  question: Q\n  \
                    rationale: R\n  sample_answer: A\n  tags: [x]"; // no final newline
    let test = Test::new();
    test.file("team.yaml", existing);
    let file = test.file("more.json", r#"[{"question": "New?", "rationale": "Because.", "sample_answer": "Yes.", "round": "phone", "tags": ["y"]}]"#);
    let test = test.args(["import", "-o", "team.yaml"]).args([&file]);
    let out = test.code(0);
    assert!(
        out.stderr.contains("imported 1 question (id 20001) into team.yaml; skipped 0 rows"),
        "{}",
        out.stderr
    );
    let written = std::fs::read_to_string(test.dir().join("team.yaml")).unwrap();
    assert!(written.starts_with(existing), "{written}");
    assert!(written[existing.len()..].starts_with("\n# Imported by qbank from "), "{written}");
    let check = Test::new().args(["validate"]).args([test.dir().join("team.yaml")]).run();
    assert!(check.stderr.contains("0 errors"), "{}", check.stderr);
    let ids =
        Test::new().args(["--no-builtin", "--corpus"]).args([test.dir().join("team.yaml")]).args(["list"]);
    assert_eq!(ids.succeeds().listed_ids(), [20000, 20001]);
}

#[test]
fn a_broken_target_is_refused_and_left_alone() {
    let test = Test::new();
    let broken = "- id: 1\n  round: nowhere\n";
    test.file("team.yaml", broken);
    let file = test.file("q.csv", "question\nQ?\n");
    let test = test.args(["import", "-o", "team.yaml"]).args([&file]);
    test.fails_with("`team.yaml` does not load as a corpus; fix it first (`qbank validate team.yaml`)");
    assert_eq!(std::fs::read_to_string(test.dir().join("team.yaml")).unwrap(), broken);
}

#[test]
fn map_and_default_fill_fields_from_other_headers() {
    let test = Test::new();
    let file = test.file(
        "sheet.csv",
        "Interview question,Notes,Level\n\"Design a queue, durably.\",\"Outbox, then a worker.\",senior\n",
    );
    let test = test
        .args(["import", "--map", "question=Interview question,sample_answer=notes"])
        .args([&file])
        .args([
            "--default",
            "round=system-design",
            "--default",
            "rationale=Durable queues, retries and ordering show design depth.",
            "--default",
            "tags=queues,imported",
        ]);
    let out = test.code(0);
    assert!(out.stderr.contains("note: ignoring `Level`"), "{}", out.stderr);
    assert!(out.stdout.contains("question: Design a queue, durably."), "{}", out.stdout);
    assert!(out.stdout.contains("rationale: Durable queues, retries and ordering show design depth."));
    assert!(out.stdout.contains("- queues\n  - imported"), "{}", out.stdout);

    Test::new().args(["import", "--map", "question=Promt"]).args([fixture("import/team.csv")]).fails_with(
        "--map question=Promt: no column `Promt` (did you mean 'Prompt'?); the columns are `Prompt`,",
    );
    Test::new()
        .args(["import", "--map", "qestion=Prompt"])
        .args([fixture("import/team.csv")])
        .fails_with("unknown field `qestion` (did you mean 'question'?)");
    let test = Test::new();
    let file = test.file("x.csv", "Title,Body\na,b\n");
    test.args(["import"])
        .args([&file])
        .fails_with("no column for `question`; the columns are `Title`, `Body`");
}

#[test]
fn a_foreign_anki_deck_imports_with_defaults() {
    let out = Test::new()
        .args(["import"])
        .args([fixture("import/foreign-anki.txt")])
        .args(["--default", "round=architecture", "--default", "rationale=From the team's flash cards."])
        .code(0);
    assert!(out.stderr.contains("skipped line 5: no `sample_answer`"), "{}", out.stderr);
    assert!(out.stderr.contains("imported 1 question (id 10000); skipped 1 row"), "{}", out.stderr);
    assert!(
        out.stdout.contains("Of consistency, availability and partition tolerance,\n    you keep two"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("- theory-cap"), "{}", out.stdout);
}

#[test]
fn standard_input_rows_that_are_not_utf8_and_unknown_formats() {
    let out = Test::new()
        .args(["import", "-", "--format", "json"])
        .stdin(r#"[{"question": "Q?", "rationale": "R.", "sample_answer": "A.", "round": "leadership", "tags": "a b"}, 7]"#)
        .code(0);
    assert!(out.stdout.contains("- id: 10000"), "{}", out.stdout);
    assert!(out.stderr.contains("skipped item 2: is not an object with question fields"), "{}", out.stderr);

    let test = Test::new();
    let mut latin1 = b"question,rationale,sample_answer,round,tags\nCaf".to_vec();
    latin1.extend(b"\xe9?,R.,A.,leadership,x\nOk?,R.,A.,leadership,x\n");
    let file = test.file("latin1.csv", latin1);
    let out = test.args(["import"]).args([&file]).code(0);
    assert!(
        out.stderr
            .contains("skipped row 2: the `question` cell is not UTF-8 text (save the file as UTF-8 CSV)"),
        "{}",
        out.stderr
    );

    let test = Test::new();
    let file = test.file("deck.txt", "front\tback\n");
    test.args(["import"]).args([&file]).fails_with("cannot tell what");
    let test = Test::new();
    let file = test.file("empty.csv", "");
    test.args(["import"]).args([&file]).fails_with("the file is empty");
    let test = Test::new();
    let file = test.file("header-only.csv", "question,round\n");
    test.args(["import"]).args([&file]).fails_with("has no rows to import");
}

#[test]
fn dry_run_checks_everything_and_writes_nothing() {
    let test = Test::new().args(["import", "--dry-run", "-o", "new.yaml"]).args([fixture("import/team.csv")]);
    let out = test.code(0);
    assert!(
        out.stderr.contains("would import 2 questions (ids 10000-10001); skipped 3 rows"),
        "{}",
        out.stderr
    );
    assert!(!test.dir().join("new.yaml").exists());
}

/// One spreadsheet row in three layouts: the columns and cells, joined by `separator`.
fn sheet(separator: &str, question: &str) -> String {
    let header = ["question", "round", "rationale", "sample_answer", "tags"].join(separator);
    let row = [
        question,
        "system-design",
        "\"It shows whether a candidate reasons about access patterns before storage, and about hot keys.\"",
        "\"I list the queries first, pick the key that spreads writes evenly and keeps each query on one partition, then check hot keys against real traffic before committing to it.\"",
        "\"system-design, databases\"",
    ]
    .join(separator);
    format!("{header}\n{row}\n")
}

#[test]
fn semicolon_csv_and_tsv_are_read_by_their_separator() {
    let test = Test::new();
    for (name, separator) in [("europe.csv", ";"), ("sheets.tsv", "\t"), ("plain.csv", ",")] {
        let path = test.file(name, sheet(separator, "How do you choose a partition key?"));
        let out = Test::new().args(["import", "--dry-run"]).args([&path]).code(0);
        assert!(
            out.stderr.contains("would import 1 question (id 10000); skipped 0 rows"),
            "{name}: {}",
            out.stderr
        );
    }
    let path = test.file("odd.txt", sheet("|", "How do you choose a partition key?"));
    let out = Test::new()
        .args(["import", "--dry-run", "--format", "csv", "--delimiter", "pipe"])
        .args([&path])
        .code(0);
    assert!(out.stderr.contains("would import 1 question"), "{}", out.stderr);
    Test::new()
        .args(["import", "--delimiter", "colon"])
        .args([&path])
        .fails_with("`colon` is not a separator");
}

#[test]
fn spreadsheet_error_values_are_rejected_with_their_row() {
    let test = Test::new();
    let mut file = sheet(",", "How do you choose a partition key?");
    file.push_str(&sheet(",", "Err:509").lines().nth(1).unwrap().replace("Err:509", "#NAME?"));
    file.push('\n');
    let path = test.file("team.csv", file);
    let out = Test::new().args(["import", "--dry-run"]).args([&path]).code(0);
    assert!(
        out.stderr.contains("skipped row 3: the `question` cell holds the spreadsheet error `#NAME?`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("would import 1 question"), "{}", out.stderr);
}

#[test]
fn an_anki_package_gets_the_way_to_export_its_notes() {
    let test = Test::new();
    let path = test.file("deck.apkg", b"PK\x03\x04");
    Test::new()
        .args(["import"])
        .args([&path])
        .fails_with("use File > Export > \"Notes in Plain Text (.txt)\"");
}

/// The team file of the update tests: two questions with a comment between them.
fn team_bank(test: &Test) -> std::path::PathBuf {
    let clean = std::fs::read_to_string(fixture("validate/clean.yaml")).unwrap();
    test.file("bank.yaml", clean.replace("- id: 20002", "# reviewed by the panel in June\n- id: 20002"))
}

#[test]
fn a_csv_edited_in_a_spreadsheet_updates_its_question_in_place_and_adds_none() {
    let test = Test::new();
    let bank = team_bank(&test);
    let before = std::fs::read_to_string(&bank).unwrap();
    let csv = test.dir().join("bank.csv");
    Test::new()
        .args(["--no-builtin", "--corpus"])
        .args([&bank])
        .args(["export", "-f", "csv", "-o"])
        .args([&csv])
        .code(0);
    let edited = std::fs::read_to_string(&csv)
        .unwrap()
        .replace("without adding heavy process?", "without heavy process or meetings?");
    std::fs::write(&csv, edited).unwrap();

    let out =
        Test::new().args(["--no-builtin", "import", "--update", "-o"]).args([&bank]).args([&csv]).code(0);
    assert!(out.stderr.contains("updated 1 question (20002); 1 unchanged"), "{}", out.stderr);
    assert!(out.stderr.contains("imported no new questions into"), "{}", out.stderr);
    let after = std::fs::read_to_string(&bank).unwrap();
    assert!(after.contains("without heavy process or meetings?"), "{after}");
    assert!(
        after.contains("# reviewed by the panel in June\n- id: 20002"),
        "comments between items are kept: {after}"
    );
    let first_item = |text: &str| text.split("# reviewed").next().unwrap().to_string();
    assert_eq!(first_item(&after), first_item(&before), "the unchanged question is kept byte for byte");
    let listed = Test::new().args(["--no-builtin", "--corpus"]).args([&bank]).args(["list"]).succeeds();
    assert_eq!(listed.listed_ids(), [20001, 20002], "no duplicates");

    let again =
        Test::new().args(["--no-builtin", "import", "--update", "-o"]).args([&bank]).args([&csv]).code(0);
    assert!(again.stderr.contains("updated 0 questions; 2 unchanged"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&bank).unwrap(), after);
}

#[test]
fn anki_guids_update_the_questions_they_came_from() {
    let test = Test::new();
    let bank = team_bank(&test);
    let notes = test.dir().join("bank.txt");
    Test::new()
        .args(["--no-builtin", "--corpus"])
        .args([&bank])
        .args(["export", "-f", "anki", "-o"])
        .args([&notes])
        .code(0);
    let edited =
        std::fs::read_to_string(&notes).unwrap().replace("pay down first?", "pay down first, and why?");
    std::fs::write(&notes, edited).unwrap();
    let out =
        Test::new().args(["--no-builtin", "import", "--update", "-o"]).args([&bank]).args([&notes]).code(0);
    assert!(out.stderr.contains("updated 1 question (20001); 1 unchanged"), "{}", out.stderr);
    assert!(std::fs::read_to_string(&bank).unwrap().contains("pay down first, and why?"));
}

#[test]
fn update_needs_a_target_file() {
    let test = Test::new();
    let path = test.file("team.csv", sheet(",", "How do you choose a partition key?"));
    let out = Test::new().args(["import", "--update"]).args([&path]).code(2);
    assert!(out.stderr.contains("--output"), "{}", out.stderr);
}
