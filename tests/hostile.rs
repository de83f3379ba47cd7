//! Hostile input, end to end: every case ends in a clear error or correct output, fast.
//! Large fixtures are generated here at test time, never committed.

mod common;

use std::time::{Duration, Instant};

use common::{Outcome, Test};

/// The design bound is well under a second; 5 s leaves room for a debug build on a busy
/// machine. A run still going at this point is killed and the test fails.
const LIMIT: Duration = Duration::from_secs(5);

/// A question with every field filled in, with `id` and extra lines to vary it.
fn question(id: &str, extra: &str) -> String {
    format!(
        "- id: {id}\n  round: behavioural\n  question: Tell me about a hard bug.\n  rationale: Why.\n  \
         sample_answer: Because.\n  tags: [debugging]\n{extra}"
    )
}

/// Runs qbank under the time limit and returns what the user saw.
fn run(test: &Test) -> Outcome {
    let start = Instant::now();
    let output = test.command().timeout(LIMIT).output().expect("run qbank");
    let elapsed = start.elapsed();
    let outcome = Outcome {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    };
    assert!(elapsed < LIMIT, "took {elapsed:?}\n--- stderr\n{}", outcome.stderr);
    outcome
}

/// Exit 2 with one `error: PATH:LINE:COLUMN: ...` report that contains `needle`.
fn fails_with(test: &Test, needle: &str) -> Outcome {
    let outcome = run(test);
    assert_eq!(
        outcome.code, 2,
        "exit status\n--- stdout\n{}\n--- stderr\n{}",
        outcome.stdout, outcome.stderr
    );
    assert!(outcome.stderr.starts_with("error: "), "stderr: {}", outcome.stderr);
    assert!(outcome.stderr.contains(needle), "expected {needle:?} in stderr:\n{}", outcome.stderr);
    assert!(outcome.stdout.is_empty(), "errors never go to stdout: {}", outcome.stdout);
    outcome
}

/// The `LINE:COLUMN` after `file` in the first error, which must be a real place.
fn location(outcome: &Outcome, file: &str) -> (u64, u64) {
    let after = outcome.stderr.split_once(&format!("{file}:")).map(|(_, rest)| rest).unwrap_or_default();
    let mut parts = after.splitn(3, ':').map(|n| n.parse::<u64>().unwrap_or(0));
    let (line, column) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    assert!(line >= 1 && column >= 1, "no location after {file}: in {}", outcome.stderr);
    (line, column)
}

#[test]
fn an_empty_list_is_a_file_without_questions() {
    for empty in ["[]\n", "--- []\n", "# nothing yet\n[]\n"] {
        let out = fails_with(&Test::new().corpus(empty).args(["list"]), "file has no questions");
        assert_eq!(location(&out, "corpus.yaml"), (1, 1), "{empty:?}");
    }
}

#[test]
fn invalid_yaml_is_called_invalid_even_after_a_value_of_the_wrong_kind() {
    let yaml = format!("{}{}", question("twelve", ""), question("13", "  look_for: [a, b\n"));
    let out = fails_with(&Test::new().corpus(&yaml).args(["list"]), "invalid YAML: ");
    // Each question is read on its own once one stops the file, so both are found, each at
    // its own place, and the syntax error is called one.
    assert!(out.stderr.contains("corpus.yaml:13:13: invalid YAML: unclosed bracket"), "{}", out.stderr);
    assert!(
        out.stderr.contains("corpus.yaml:1:7: `id` must be a positive whole number, found `twelve`"),
        "{}",
        out.stderr
    );
}

/// Ten levels of ten aliases each: a billion values once expanded.
fn billion_laughs(indent: &str) -> String {
    let mut yaml = format!("{indent}l0: &l0 [{}]\n", ["lol"; 10].join(", "));
    for level in 1..10 {
        let aliases = vec![format!("*l{}", level - 1); 10].join(", ");
        yaml += &format!("{indent}l{level}: &l{level} [{aliases}]\n");
    }
    yaml
}

#[test]
fn billion_laughs_are_refused_without_expanding_them() {
    fails_with(&Test::new().corpus(&billion_laughs("")).args(["list"]), "must be a YAML list of questions");
    // Inside a list, the aliases' text is counted in a first pass, before any value is built.
    let inside = format!("{}  extra:\n{}", question("1", ""), billion_laughs("    "));
    fails_with(&Test::new().corpus(&inside).args(["list"]), "aliases (`*name`) repeat more than 1 MiB");
    let as_items = format!("- laughs:\n{}- *l9\n- *l9\n", billion_laughs("    "));
    fails_with(&Test::new().corpus(&as_items).args(["list"]), "aliases (`*name`) repeat more than 1 MiB");
}

#[test]
fn aliases_that_repeat_a_long_list_many_times_are_refused() {
    let items: Vec<String> = (0..10_000).map(|i| format!("point {i}")).collect();
    let mut yaml = question("1", &format!("  follow_ups: &many [{}]\n", items.join(", ")));
    for id in 2..=99 {
        yaml += &question(&id.to_string(), "  follow_ups: *many\n");
    }
    let out = fails_with(&Test::new().corpus(&yaml).args(["list"]), "aliases (`*name`) repeat more than");
    assert!(out.stderr.contains("alias bombs"), "{}", out.stderr);
    location(&out, "corpus.yaml");
}

#[test]
fn a_few_aliases_for_shared_lists_still_work() {
    let mut yaml = question("1", "  look_for: &signals [Owns the outcome, Names the trade-off]\n");
    for id in 2..=5 {
        yaml += &question(&id.to_string(), "  look_for: *signals\n");
    }
    let out = run(&Test::new().corpus(&yaml).args(["show", "5", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.json()[0]["look_for"][1], "Names the trade-off");
}

#[test]
fn nesting_a_thousand_deep_is_refused() {
    let deep_flow = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
    let in_a_field = question("1", &format!("  look_for: {deep_flow}\n"));
    let out = fails_with(&Test::new().corpus(&in_a_field).args(["list"]), "nested too deeply");
    assert_eq!(location(&out, "corpus.yaml").0, 7);
    fails_with(&Test::new().corpus(&format!("{deep_flow}\n")).args(["list"]), "nested too deeply");
    let deep_mappings: String = (0..1000).map(|i| format!("{}- a:\n", "    ".repeat(i))).collect();
    fails_with(&Test::new().corpus(&deep_mappings).args(["list"]), "unknown field `a`");
    let deep_lists: String = (0..1000).map(|i| format!("{}-\n", "  ".repeat(i))).collect();
    fails_with(&Test::new().corpus(&deep_lists).args(["list"]), "expected a question here");
}

#[test]
fn a_second_yaml_document_is_named_as_such() {
    let yaml = format!("{}---\n{}", question("1", ""), question("2", ""));
    let out = fails_with(&Test::new().corpus(&yaml).args(["list"]), "a corpus file is one YAML document");
    assert_eq!(location(&out, "corpus.yaml"), (7, 1));
}

/// `size` bytes of prose, as one line: `word word word ...`.
fn long_text(size: usize) -> String {
    "word ".repeat(size / 5).trim_end().to_string()
}

#[test]
fn a_50_mb_string_is_refused_quickly_with_its_size() {
    let text = long_text(50 << 20);
    for (yaml, needle, at) in [
        (
            question("1", &format!("  follow_ups: [\"{text}\"]\n")),
            "has an item in `follow_ups` of 51200 KiB",
            (7, 16),
        ),
        (format!("- id: 1\n  question: {text}\n"), "has a `question` of 51200 KiB", (2, 13)),
        (question("1", &format!("  roles: [{text}]\n")), "a role of 51200 KiB", (7, 11)),
    ] {
        // --no-cache: the cache key hashes the whole file, which takes a second for 50 MB in a
        // debug build of qbank (a few milliseconds in a release build); only parsing is tested.
        let out = fails_with(&Test::new().corpus(&yaml).args(["--no-cache", "list"]), needle);
        assert!(out.stderr.contains("text is limited to 64 KiB"), "{}", out.stderr);
        assert_eq!(location(&out, "corpus.yaml"), at);
        assert!(out.stderr.len() < 1000, "the message does not repeat the text");
    }
}

#[test]
fn text_up_to_the_limit_loads_and_prints_in_full() {
    let text = long_text(64 * 1024);
    let yaml = question("1", &format!("  red_flags: [\"{text}\"]\n")).replace("Because.", &text);
    let out = run(&Test::new().corpus(&yaml).args(["show", "1", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.json()[0]["sample_answer"].as_str().map(str::len), Some(text.len()));
    let card = run(&Test::new().corpus(&yaml).args(["show", "1"]));
    assert_eq!(card.code, 0, "{}", card.stderr);
    let words = card.stdout.matches("word").count();
    assert_eq!(words, 2 * text.matches("word").count(), "answer and red flag, wrapped, every word kept");
}

#[test]
fn a_huge_unknown_name_is_refused_quickly_and_quoted_briefly() {
    let huge = "x".repeat(1 << 20);
    for field in ["round", "competency", "framework"] {
        let yaml = format!("{}  {field}: {huge}\n", question("1", "").replace("  round: behavioural\n", ""));
        let yaml = if field == "round" { yaml } else { format!("{yaml}  round: behavioural\n") };
        let out = fails_with(&Test::new().corpus(&yaml).args(["list"]), &format!("unknown {field} 'xxx"));
        assert!(out.stderr.len() < 2000, "{field}: a {} byte message", out.stderr.len());
        assert!(out.stderr.contains("xxx... (1048576 bytes in all)'"), "{}", out.stderr);
    }
}

#[test]
fn a_question_with_50_000_tags_loads_quickly() {
    // Duplicate tags are dropped: that check was quadratic, and 200,000 tags took minutes.
    let tags: Vec<String> = (0..50_000).map(|i| format!("t{}", i % 49_999)).collect();
    let yaml = question("1", "").replace("[debugging]", &format!("[{}]", tags.join(", ")));
    let out = run(&Test::new().corpus(&yaml).args(["show", "1", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.json()[0]["tags"].as_array().map(Vec::len), Some(49_999));
}

fn mkfifo(path: &std::path::Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status().expect("run mkfifo");
    assert!(made.success(), "mkfifo {}", path.display());
}

#[test]
fn a_fifo_or_device_is_refused_not_waited_on() {
    let test = Test::new();
    mkfifo(&test.dir().join("pipe.yaml"));
    let out = fails_with(&test.args(["--no-builtin", "--corpus", "pipe.yaml", "list"]), "not a regular file");
    assert!(out.stderr.starts_with("error: pipe.yaml:1:1: cannot read corpus file"), "{}", out.stderr);

    let test = Test::new();
    test.file("bank/questions.yaml", question("1", ""));
    mkfifo(&test.dir().join("bank/pipe.yaml"));
    fails_with(
        &test.args(["--no-builtin", "--corpus", "bank", "list"]),
        "bank/pipe.yaml:1:1: cannot read corpus file",
    );

    fails_with(
        &Test::new().args(["--corpus", "/dev/zero", "list"]),
        "/dev/zero:1:1: cannot read corpus file",
    );
}

#[test]
fn a_folder_named_like_a_corpus_file_is_walked_as_a_folder() {
    let test = Test::new();
    test.file("bank/odd.yaml/questions.yaml", question("7", ""));
    let out = run(&test.args(["--no-builtin", "--corpus", "bank", "list"]));
    assert_eq!((out.code, out.listed_ids()), (0, vec![7]), "{}", out.stderr);
}

#[test]
fn symlink_loops_in_a_corpus_folder_end() {
    let test = Test::new();
    test.file("bank/questions.yaml", question("1", ""));
    std::os::unix::fs::symlink("..", test.dir().join("bank/parent")).expect("symlink");
    std::os::unix::fs::symlink(".", test.dir().join("bank/self")).expect("symlink");
    let out = run(&test.args(["--no-builtin", "--corpus", "bank", "list"]));
    assert_eq!((out.code, out.listed_ids()), (0, vec![1]), "each folder is read once:\n{}", out.stderr);

    let test = Test::new();
    test.file("bank/questions.yaml", question("1", ""));
    std::os::unix::fs::symlink("loop.yaml", test.dir().join("bank/loop.yaml")).expect("symlink");
    fails_with(
        &test.args(["--no-builtin", "--corpus", "bank", "list"]),
        "bank/loop.yaml:1:1: cannot read: too many levels of symbolic links",
    );
}

/// Whether this process runs as root, who may read any file whatever its mode: a new
/// file belongs to the effective user.
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = tempfile::NamedTempFile::new().expect("temp file");
    probe.as_file().metadata().expect("metadata").uid() == 0
}

#[test]
fn an_unreadable_file_is_named_with_the_reason() {
    use std::os::unix::fs::PermissionsExt;
    let test = Test::new();
    let file = test.file("bank/secret.yaml", question("1", ""));
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let command = if running_as_root() { as_nobody(&test) } else { Some(test.command()) };
    let Some(mut command) = command else {
        let note = "an_unreadable_file_is_named_with_the_reason: not run: root reads any file, and \
                    setpriv (util-linux), needed to run as another user, is missing\n";
        let _ = std::io::Write::write_all(&mut std::io::stderr(), note.as_bytes());
        return;
    };
    let output =
        command.args(["--no-builtin", "--corpus", "bank", "list"]).timeout(LIMIT).output().expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error: bank/secret.yaml:1:1: cannot read corpus file: permission denied"),
        "{stderr}"
    );
}

/// Root reads a file whatever its mode, so the run drops to user `nobody` through setpriv;
/// the test's folders are opened up for that user. None without setpriv.
fn as_nobody(test: &Test) -> Option<assert_cmd::Command> {
    use std::os::unix::fs::PermissionsExt;
    std::process::Command::new("setpriv").arg("--version").output().ok()?;
    for folder in [test.dir().to_path_buf(), test.dir().join("bank")] {
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let qbank = test.command().get_program().to_owned();
    let mut setpriv = std::process::Command::new("setpriv");
    setpriv.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(qbank).env_clear();
    setpriv.env("QBANK_HOME", test.dir().join("home")).current_dir(test.dir());
    Some(assert_cmd::Command::from_std(setpriv))
}

/// Terminal control that corpus text may carry: CSI colour and clear-screen, an OSC title
/// change ended by BEL, a C1 CSI, a Trojan Source bidi override and invisible characters.
const CONTROL: &[char] = &['\x1b', '\x07', '\u{9b}', '\u{202e}', '\u{2066}', '\u{200b}', '\u{feff}'];

fn assert_no_control(what: &str, text: &str) {
    for c in CONTROL {
        assert!(!text.contains(*c), "{what} let {c:?} through:\n{text:?}");
    }
    let hidden = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            || matches!(c, '\u{61c}' | '\u{feff}')
    };
    assert!(!text.contains(hidden), "{what} let {:?} through:\n{text:?}", text.matches(hidden).next());
}

#[test]
fn error_messages_show_control_characters_from_the_corpus_and_file_names() {
    let yaml = question("1", "").replace("behavioural", r#""behav\e[2J\e]0;pwned\aioural""#);
    let yaml = yaml.replace("[debugging]", r#"["\u202Egnp.exe", "\x9b31m"]"#);
    let test = Test::new();
    test.file("bank/\x1b[31mred.yaml", yaml);
    let out = fails_with(&test.args(["--no-builtin", "--corpus", "bank", "list"]), "unknown round 'behav");
    assert_no_control("stderr", &out.stderr);
    assert!(out.stderr.contains("\u{241b}[31mred.yaml"), "the file name, made visible: {}", out.stderr);
    assert!(out.stderr.contains("\u{241b}[2J\u{241b}]0;pwned\u{2407}"), "{}", out.stderr);
    assert!(out.stderr.contains("<U+202E>gnp.exe"), "{}", out.stderr);
}

/// Every text field carries a different kind of terminal control or invisible character.
const EVERY_FIELD: &str = r#"- id: 1
  round: behavioural
  question: "Q \e[31mred\e[0m \u202Eevil\u202C \u2066iso\u2069 zero\u200Bwidth"
  rationale: "R \e]0;title\a \x9b2J"
  sample_answer: "S \e[2J \u202Dlro\u202C joiners\u200C\u200D lrm\u200E alm\u061C bom\uFEFF"
  tags: [x]
  look_for: ["L \e[1mbold"]
  red_flags: ["F \a bell \r return"]
  follow_ups: ["U \u202A\u202B embed \b backspace"]
"#;

#[test]
fn escape_sequences_in_every_text_field_are_shown_not_obeyed() {
    let plain = ["\u{241b}[31mred", "<U+202E>evil"];
    let markdown = ["\u{241b}\\[31mred", "\\<U+202E\\>evil"];
    for (args, shown) in [
        (&["show", "1"][..], plain),
        (&["show", "1", "--format", "markdown"], markdown),
        (&["random", "--answer", "--seed", "1"], plain),
        (&["list"], plain),
        (&["list", "--long"], plain),
        (&["search", "evil"], plain),
    ] {
        let out = run(&Test::new().corpus(EVERY_FIELD).args(args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert_no_control(&format!("{args:?}"), &out.stdout);
        assert!(shown.iter().all(|s| out.stdout.contains(s)), "{args:?} shows {shown:?}:\n{}", out.stdout);
    }
    let card = run(&Test::new().corpus(EVERY_FIELD).args(["show", "1"])).stdout;
    for shown in [
        "<U+2066>iso<U+2069>",
        "zero<U+200B>width",
        "\u{241b}]0;title\u{2407}",
        "<U+009B>2J",
        "\u{241b}[2J <U+202D>lro<U+202C>",
        "joiners<U+200C><U+200D>",
        "lrm<U+200E> alm<U+061C> bom<U+FEFF>",
        "\u{241b}[1mbold",
        "\u{2407} bell \u{240d} return",
        "<U+202A><U+202B> embed \u{2408} backspace",
    ] {
        assert!(card.contains(shown), "{shown:?} not in the card:\n{card}");
    }
}

#[test]
fn json_output_escapes_what_a_terminal_would_obey_and_keeps_the_text_exact() {
    let out = run(&Test::new().corpus(EVERY_FIELD).args(["show", "1", "--format", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_no_control("json", &out.stdout);
    let question = &out.json()[0];
    assert_eq!(
        question["question"],
        "Q \x1b[31mred\x1b[0m \u{202e}evil\u{202c} \u{2066}iso\u{2069} zero\u{200b}width"
    );
    assert_eq!(question["rationale"], "R \x1b]0;title\x07 \u{9b}2J");
    assert_eq!(question["follow_ups"][0], "U \u{202a}\u{202b} embed \x08 backspace");
}

#[test]
fn ids_at_the_u32_and_u64_limits_load_and_print_exactly() {
    let ids = ["4294967295", "4294967296", "18446744073709551614", "18446744073709551615"];
    let yaml: String = ids.iter().map(|id| question(id, "")).collect();
    let list = run(&Test::new().corpus(&yaml).args(["list"]));
    assert_eq!(list.code, 0, "{}", list.stderr);
    let listed: Vec<String> = list.listed_ids().iter().map(u64::to_string).collect();
    assert_eq!(listed, ids);
    let json = run(&Test::new().corpus(&yaml).args(["show", "18446744073709551615", "--format", "json"]));
    assert!(json.stdout.contains("\"id\": 18446744073709551615,"), "exact, not a float: {}", json.stdout);
    let card = run(&Test::new().corpus(&yaml).args(["show", "4294967296"]));
    assert!(card.stdout.starts_with("#4294967296  Behavioural"), "{}", card.stdout);
    let yaml_out = run(&Test::new().corpus(&yaml).args(["list", "--format", "yaml"]));
    let reloaded = run(&Test::new().corpus(&yaml_out.stdout).args(["list"]));
    assert_eq!(reloaded.listed_ids(), list.listed_ids(), "yaml output loads back: {}", reloaded.stderr);
    let missing =
        fails_with(&Test::new().corpus(&yaml).args(["show", "18446744073709551613"]), "no question with id");
    assert!(
        missing.stderr.contains("the nearest ids are 4294967296 and 18446744073709551614"),
        "{}",
        missing.stderr
    );
}

#[test]
fn ids_beyond_the_limits_say_what_is_wrong() {
    for (id, message) in [
        ("18446744073709551616", "`id` is too large: ids go up to 18446744073709551615"),
        ("99999999999999999999999", "`id` is too large: ids go up to 18446744073709551615"),
        ("-1", "`id` must be a positive whole number, found -1"),
        ("0", "`id` must be 1 or more, found 0"),
        ("1.0", "`id` must be a positive whole number, found 1.0"),
        ("2.5", "`id` must be a positive whole number, found 2.5"),
        ("'7'", "`id` must be a number, not text: remove the quotes around `7`"),
    ] {
        let out = fails_with(&Test::new().corpus(&question(id, "")).args(["list"]), message);
        assert_eq!(location(&out, "corpus.yaml"), (1, 7), "{id}");
    }
    Test::new().args(["show", "18446744073709551616"]).fails_with("ids go up to 18446744073709551615");
}

#[test]
fn a_bom_and_crlf_line_endings_load_like_plain_files() {
    let plain = question("1", "  look_for: [a]\n")
        .replace("question: Tell me about a hard bug.", "question: \"two\n    lines\"")
        .replace("rationale: Why.", "rationale: |\n    kept\n    apart");
    let windows = format!("\u{feff}{}", plain.replace('\n', "\r\n"));
    let expected = run(&Test::new().corpus(&plain).args(["show", "1", "--format", "json"])).json();
    for (what, yaml) in
        [("BOM", format!("\u{feff}{plain}")), ("CRLF", plain.replace('\n', "\r\n")), ("both", windows)]
    {
        let out = run(&Test::new().corpus(&yaml).args(["show", "1", "--format", "json"]));
        assert_eq!(out.code, 0, "{what}: {}", out.stderr);
        assert_eq!(out.json(), expected, "{what}");
        let broken = yaml.replace("round: behavioural", "round: nope");
        let out = fails_with(&Test::new().corpus(&broken).args(["list"]), "unknown round 'nope'");
        assert_eq!(location(&out, "corpus.yaml"), (2, 10), "{what}: same place as without it");
    }
    assert_eq!(expected[0]["question"], "two lines");
    assert_eq!(expected[0]["rationale"], "kept\napart");
    let inside = format!("{}\u{feff}  look_for: [a]\n", question("1", ""));
    let out =
        fails_with(&Test::new().corpus(&inside).args(["list"]), "invalid YAML: a BOM must not appear inside");
    assert_eq!(location(&out, "corpus.yaml"), (7, 1));
}

#[test]
fn non_utf8_file_names_and_arguments() {
    use std::os::unix::ffi::OsStringExt;
    let name = std::ffi::OsString::from_vec(b"caf\xe9.yaml".to_vec());
    let test = Test::new();
    std::fs::create_dir(test.dir().join("bank")).expect("mkdir");
    std::fs::write(test.dir().join("bank").join(&name), question("5", "")).expect("write");
    let out = run(&test.args(["--no-builtin", "--corpus", "bank", "list"]));
    assert_eq!((out.code, out.listed_ids()), (0, vec![5]), "{}", out.stderr);

    let test = Test::new();
    std::fs::write(test.dir().join(&name), question("five", "")).expect("write");
    let out = fails_with(
        &test.args(["--no-builtin".into(), "--corpus".into(), name.clone(), "list".into()]),
        "`id`",
    );
    assert!(out.stderr.starts_with("error: caf\u{fffd}.yaml:1:7:"), "{}", out.stderr);

    let test = Test::new();
    std::fs::write(test.dir().join(&name), question("6", "")).expect("write");
    let out = run(&test.env("QBANK_CORPUS", &name).args(["--no-builtin", "list"]));
    assert_eq!((out.code, out.listed_ids()), (0, vec![6]), "{}", out.stderr);

    let bad = std::ffi::OsString::from_vec(vec![b'x', 0xff]);
    for (args, message) in [
        (vec!["list", "--tag"], "error: invalid UTF-8 was detected"),
        (vec!["list", "--text"], "error: invalid UTF-8 was detected"),
        (vec!["search"], "error: invalid UTF-8 was detected"),
        (vec!["show"], "error: invalid UTF-8 was detected"),
        (vec!["random", "--round"], "error: unknown round 'x\u{fffd}'; rounds are phone-screen"),
    ] {
        let mut args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
        args.push(bad.clone());
        let out = run(&Test::new().args(args.clone()));
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.starts_with(message), "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn count_at_and_beyond_the_u64_limit() {
    let all = run(&Test::new().args([
        "random",
        "--count",
        "18446744073709551615",
        "--seed",
        "18446744073709551615",
    ]));
    assert_eq!(all.code, 0, "{}", all.stderr);
    let builtin = run(&Test::new().args(["list"])).listed_ids().len();
    assert_eq!(all.stdout.matches("Sample answer hidden").count(), builtin, "every built-in question, once");
    let over = run(&Test::new().args(["random", "--count", "18446744073709551616"]));
    assert_eq!(over.code, 2);
    assert!(over.stderr.contains("'18446744073709551616' for '--count <N>'"), "{}", over.stderr);
}

#[test]
fn large_files_load_without_extra_threads_when_the_system_refuses_them() {
    // A 100 TB stack for every new thread: each spawn fails, as when a process limit is reached.
    // Files over 4 MiB are parsed on every core (cold) and hashed beside the cache (warm).
    let padding = "x".repeat(4000);
    let yaml: String =
        (1..=1100).map(|id| question(&id.to_string(), &format!("  look_for: [{padding}]\n"))).collect();
    assert!(yaml.len() > 4 << 20);
    let test =
        Test::new().corpus(&yaml).env("RUST_MIN_STACK", "100000000000000").args(["list", "-f", "json"]);
    for run_number in ["cold", "warm"] {
        // Not under LIMIT: a debug build parsing 4.5 MB on one thread is not what is tested.
        let outcome = test.run();
        assert_eq!(outcome.code, 0, "{run_number}: {}", outcome.stderr);
        assert_eq!(outcome.json().as_array().map(Vec::len), Some(1100), "{run_number}");
    }
}
