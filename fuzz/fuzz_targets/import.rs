//! Any bytes as a CSV, JSON, Anki or YAML import: every row is imported or skipped with a
//! reason, and nothing panics. The first byte picks the format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qbank::import::fields::Pairs;
use qbank::import::{self, ImportFormat};

const FORMATS: [ImportFormat; 4] = [ImportFormat::Csv, ImportFormat::Json, ImportFormat::Anki, ImportFormat::Yaml];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let format = FORMATS[usize::from(pick) % FORMATS.len()];
    if let Ok(source) = format.read(bytes, &Pairs::default(), None) {
        let _ = import::convert(source, &Pairs::default(), 10_000);
    }
});
