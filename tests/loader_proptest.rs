//! Property tests: the loader, fed random bytes and randomly damaged corpora, never panics
//! and never hangs, and every problem it reports has a place in the file.

mod common;

use common::line_count;

use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use proptest::prelude::*;
use qbank::loader::parse::{self, Parsed};

/// A small corpus that loads: what the mutations start from.
const VALID: &str = r#"- id: 1
  round: system-design
  question: "Design a rate limiter for a public API."
  rationale: >
    Shows trade-offs between accuracy, memory and latency.
  sample_answer: |
    Token bucket per key in Redis.
    Situation: many clients.
  tags: [system-design, rate-limiting]
  competency: system-design
  roles: [backend]
  framework: system-design
  look_for: &signals [Names the trade-off, Sizes the store]
  red_flags: ["Ignores \"clock\" skew"]
  follow_ups:
    - What changes at ten times the traffic?
- id: 2
  round: behavioural
  question: 'Tell me about a time you changed your mind.'
  rationale: Looks for humility.
  sample_answer: I did.
  tags: [judgment]
  look_for: *signals
"#;

/// Far more than one parse of a few kilobytes takes; only a hang reaches it.
const LIMIT: Duration = Duration::from_secs(5);

/// Bytes YAML gives meaning to, and a few that should be refused or shown.
const SIGNIFICANT: &[&[u8]] = &[
    b":",
    b"- ",
    b"-",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"\"",
    b"'",
    b"#",
    b"&a ",
    b"*a",
    b"*signals",
    b"!",
    b"!!str ",
    b"|",
    b">",
    b"%YAML 1.2\n",
    b"---\n",
    b"...\n",
    b"? ",
    b"\t",
    b"\n",
    b"\r\n",
    b"  ",
    b"\\",
    b"\\e",
    b"\\x",
    b"\\u",
    b"\0",
    b"\xff",
    b"\xef\xbb\xbf",
    b"id: ",
    b"tags: ",
    b"<<: *signals",
    b"18446744073709551616",
    b"0",
    b"-1",
    b".nan",
    b"~",
    b"null",
];

/// One change to a corpus file.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let significant = proptest::sample::select(SIGNIFICANT).prop_map(<[u8]>::to_vec);
    let bytes = prop_oneof![3 => significant, 1 => proptest::collection::vec(any::<u8>(), 1..8)];
    prop_oneof![
        4 => (any::<usize>(), bytes).prop_map(|(at, b)| Mutation::Insert(at, b)),
        2 => (any::<usize>(), 1usize..40).prop_map(|(at, n)| Mutation::Delete(at, n)),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &mut Vec<u8>, change: &Mutation) {
    let place = |at: usize, len: usize| if len == 0 { 0 } else { at % (len + 1) };
    match change {
        Mutation::Insert(at, bytes) => {
            let at = place(*at, text.len());
            text.splice(at..at, bytes.iter().copied());
        }
        Mutation::Delete(at, n) => {
            let at = place(*at, text.len());
            text.drain(at..(at + n).min(text.len()));
        }
        Mutation::DuplicateLine(at) | Mutation::SwapLines(at, _) => {
            let mut lines: Vec<Vec<u8>> = text.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let i = at % lines.len();
            match change {
                Mutation::SwapLines(_, other) => {
                    let j = other % lines.len();
                    lines.swap(i, j);
                }
                _ => lines.insert(i, lines[i].clone()),
            }
            *text = lines.join(&b'\n');
        }
        Mutation::Truncate(at) => text.truncate(place(*at, text.len())),
    }
}

/// Loads `bytes` in a thread, so that a panic or a hang fails the property with its input.
fn load(bytes: Vec<u8>) -> Result<Parsed, TestCaseError> {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(parse::parse_bytes(&Arc::new(PathBuf::from("fuzz.yaml")), &bytes));
    });
    receive.recv_timeout(LIMIT).map_err(|e| match e {
        mpsc::RecvTimeoutError::Timeout => TestCaseError::fail(format!("no result within {LIMIT:?}")),
        mpsc::RecvTimeoutError::Disconnected => TestCaseError::fail("the loader panicked"),
    })
}

/// Every problem is placed inside the file, and a file that gives no question says why.
fn check(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let lines = line_count(&bytes);
    let parsed = load(bytes)?;
    for d in &parsed.diagnostics {
        prop_assert!(d.origin.line >= 1 && d.origin.column >= 1, "no location: {d}");
        prop_assert!(d.origin.line <= lines, "line {} of {lines}: {d}", d.origin.line);
        prop_assert!(!d.message.is_empty(), "an empty message at {}", d.origin);
    }
    for q in &parsed.questions {
        prop_assert!(q.origin.line >= 1 && q.origin.line <= lines && q.origin.column >= 1);
    }
    prop_assert!(parsed.has_errors() || !parsed.questions.is_empty(), "neither questions nor an error");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn damaged_corpora_fail_cleanly(changes in proptest::collection::vec(mutation(), 1..6)) {
        let mut text = VALID.as_bytes().to_vec();
        for change in &changes {
            apply(&mut text, change);
        }
        check(text)?;
    }

    #[test]
    fn random_bytes_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        check(bytes)?;
    }

    #[test]
    fn random_yaml_tokens_fail_cleanly(
        tokens in proptest::collection::vec(proptest::sample::select(SIGNIFICANT), 0..60)
    ) {
        check(tokens.concat())?;
    }
}

#[test]
fn the_starting_corpus_loads() {
    let parsed = parse::parse_str(&Arc::new(PathBuf::from("valid.yaml")), VALID);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    assert_eq!(parsed.questions.len(), 2);
    assert_eq!(parsed.questions[1].look_for, ["Names the trade-off", "Sizes the store"]);
}
