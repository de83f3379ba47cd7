//! End to end: `qbank export` in every format, golden files, round trips and atomic writes.

mod common;
mod golden;

use common::{Test, fixture};
use golden::assert_golden;

const AWKWARD: &str = "export/awkward.yaml";

fn export(format: &str) -> String {
    Test::new().fixture_corpus(AWKWARD).args(["export", "--format", format]).succeeds().stdout
}

#[test]
fn every_format_matches_its_golden_file() {
    for (format, golden) in [
        ("markdown", "export/golden/awkward.md"),
        ("json", "export/golden/awkward.json"),
        ("yaml", "export/golden/awkward.yaml"),
        ("csv", "export/golden/awkward.csv"),
        ("anki", "export/golden/awkward.anki.txt"),
    ] {
        assert_golden(golden, &export(format));
    }
}

#[test]
fn json_and_yaml_load_back_as_the_same_questions() {
    let original = Test::new().fixture_corpus(AWKWARD).args(["list", "-f", "json"]).succeeds().json();
    for format in ["json", "yaml"] {
        let test = Test::new();
        let path = test.file(&format!("bank.{format}.yaml"), export(format));
        let back =
            test.args(["--no-builtin", "--corpus"]).args([&path]).args(["list", "-f", "json"]).succeeds();
        assert_eq!(back.json(), original, "{format} round trip");
    }
    let builtin = Test::new().args(["list", "-f", "json"]).succeeds().json();
    let test = Test::new();
    let path = test.file("all.yaml", Test::new().args(["export", "-f", "yaml"]).succeeds().stdout);
    let back = test.args(["--no-builtin", "--corpus"]).args([&path]).args(["list", "-f", "json"]).succeeds();
    assert_eq!(back.json(), builtin, "the whole built-in bank round-trips through YAML");
}

#[test]
fn csv_has_a_header_and_awkward_cells_survive_rfc_4180_quoting() {
    let text = export("csv");
    assert!(text.starts_with("id,round,question,rationale,sample_answer,tags,competency,roles,"), "{text}");
    assert!(text.contains("\r\n"), "RFC 4180 records end with CRLF");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    let cell =
        |row: usize, name: &str| rows[row][headers.iter().position(|h| h == name).unwrap()].to_string();
    assert_eq!(
        cell(0, "question"),
        "Design a \"cache\", then say: is <b>stale</b> data & a 5% miss rate OK?"
    );
    assert_eq!(
        cell(0, "rationale"),
        "Commas, \"quotes\" and\ttabs; a | pipe, `backticks`, *stars* and #hashes."
    );
    assert!(cell(0, "sample_answer").contains("Line one, with a comma.\n\tTabbed line: x < y && y > z\n"));
    assert!(cell(0, "sample_answer").contains("日本語, emoji 🚀"));
    assert_eq!(cell(0, "tags"), "system-design, caching");
    assert_eq!(
        cell(0, "look_for"),
        "- Names the TTL, the \"hot key\" risk, and <eviction>\n- A two-line signal\n  continued here"
    );
    assert_eq!(cell(1, "competency"), "");
    assert_eq!(cell(2, "question"), "  Leading spaces, trailing text: ¿Qué tal?");
}

#[test]
fn anki_is_one_escaped_note_per_line_after_the_header_lines() {
    let text = export("anki");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        &lines[..7],
        [
            "#separator:tab",
            "#html:true",
            "#notetype:Basic",
            "#deck:qbank",
            "#columns:GUID\tFront\tBack\tTags",
            "#guid column:1",
            "#tags column:4"
        ]
    );
    let notes = &lines[7..];
    assert_eq!(notes.len(), 3, "one line per question: newlines became <br>");
    for note in notes {
        assert_eq!(note.matches('\t').count(), 3, "guid, front, back, tags: {note}");
    }
    let [guid, front, back, tags]: [&str; 4] = notes[0].split('\t').collect::<Vec<_>>().try_into().unwrap();
    assert_eq!(guid, "qbank-10007", "a stable note id, so a newer export updates notes in place");
    assert_eq!(
        front,
        "Design a &quot;cache&quot;, then say: is &lt;b&gt;stale&lt;/b&gt; data &amp; a 5% miss rate OK?"
    );
    assert!(
        back.starts_with("<b>Why interviewers ask this</b><br>Commas, &quot;quotes&quot; and&#9;tabs"),
        "{back}"
    );
    // Indented lines are code: in a left-aligned <pre>, so a centred card keeps their shape.
    assert!(
        back.contains(
            "<b>Sample answer</b><br>Line one, with a comma.<br><pre style=\"text-align:left\">&#9;Tabbed line: x &lt; y &amp;&amp; y &gt; z"
        ),
        "{back}"
    );
    assert!(back.contains("<li>Names the TTL, the &quot;hot key&quot; risk, and &lt;eviction&gt;</li>"));
    assert_eq!(
        tags,
        "system-design caching round::system-design competency::system-design framework::system-design \
         role::senior-backend-engineer role::staff-engineer"
    );
    let deck =
        Test::new().fixture_corpus(AWKWARD).args(["export", "-f", "anki", "--deck", "Interviews::Senior"]);
    assert!(deck.succeeds().stdout.contains("#deck:Interviews::Senior\n"));
}

#[test]
fn markdown_is_a_titled_bank_with_markup_escaped() {
    let text = export("markdown");
    assert!(
        text.starts_with("# Interview questions\n\n3 questions.\n\n## 10007. Design a \"cache\""),
        "{text}"
    );
    assert!(text.contains("is \\<b\\>stale\\</b\\> data"), "markup is shown, not obeyed");
}

#[test]
fn filters_choose_what_is_exported_and_no_match_exits_1() {
    let out =
        Test::new().fixture_corpus("basic").args(["export", "-f", "json", "--tag", "caching"]).succeeds();
    let ids: Vec<u64> = out.json().as_array().unwrap().iter().map(|q| q["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, [106]);
    let none = Test::new().fixture_corpus("basic").args([
        "export",
        "-f",
        "csv",
        "--tag",
        "caching",
        "--round",
        "leadership",
    ]);
    let none = none.code(1);
    assert!(none.stdout.is_empty());
    assert!(none.stderr.contains("nothing exported"), "{}", none.stderr);
}

#[test]
fn output_file_is_replaced_atomically_and_its_format_follows_the_extension() {
    let test = Test::new();
    let target = test.file("bank.csv", "old contents\n");
    let test = test.fixture_corpus("basic").args(["export", "-o"]).args([&target]);
    let out = test.code(0);
    assert!(out.stdout.is_empty(), "the file, not stdout, gets the export");
    assert!(out.stderr.contains("exported 6 questions to"), "{}", out.stderr);
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("id,round,question"), "{written}");
    let leftovers: Vec<_> = std::fs::read_dir(target.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".qbank-"))
        .collect();
    assert!(leftovers.is_empty(), "no temp file left behind: {leftovers:?}");
}

#[test]
fn a_failed_export_leaves_the_previous_file_alone() {
    let test = Test::new();
    let target = test.file("bank.json", "[]\n");
    let test = test.fixture_corpus("basic").args(["export", "--tag", "nope", "-o"]).args([&target]);
    test.fails_with("unknown tag");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "[]\n");
    let missing = fixture("basic").join("no-such-folder/bank.json");
    Test::new().fixture_corpus("basic").args(["export", "-o"]).args([&missing]).fails_with("cannot write `");
    assert!(!missing.exists());
}

#[test]
fn the_format_is_required_unless_the_file_name_says_it() {
    Test::new().fixture_corpus("basic").args(["export"]).fails_with("--format markdown|json|yaml|csv|anki");
    let test = Test::new();
    let target = test.dir().join("deck.txt");
    test.fixture_corpus("basic").args(["export", "-o"]).args([&target]).fails_with("say which format");
}
