//! Any bytes as a corpus file: the loader reports or loads, and never panics or hangs.
#![no_main]

use std::path::PathBuf;
use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use qbank::loader::parse;

fuzz_target!(|data: &[u8]| {
    let parsed = parse::parse_bytes(&Arc::new(PathBuf::from("fuzz.yaml")), data);
    // Whatever loaded must render: every question is checked data.
    for question in &parsed.questions {
        let _ = qbank::render::text::card(question, 80, qbank::render::text::CardOptions { reveal: true });
    }
});
