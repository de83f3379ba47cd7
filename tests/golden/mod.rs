//! Expected renders kept as files: a mismatch prints where they part; QBANK_BLESS=1 rewrites them.
#![allow(dead_code)]

use std::path::Path;

/// Asserts that `actual` equals the golden file `path` (under tests/fixtures).
pub fn assert_golden(path: &str, actual: &str) {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path);
    if std::env::var_os("QBANK_BLESS").is_some() {
        std::fs::write(&file, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{}: {e} (run with QBANK_BLESS=1 to create it)", file.display()));
    if expected == actual {
        return;
    }
    let (expected_lines, actual_lines): (Vec<&str>, Vec<&str>) =
        (expected.split('\n').collect(), actual.split('\n').collect());
    let at = expected_lines
        .iter()
        .zip(&actual_lines)
        .position(|(e, a)| e != a)
        .unwrap_or_else(|| expected_lines.len().min(actual_lines.len()));
    let around = |lines: &[&str]| {
        lines
            .iter()
            .enumerate()
            .skip(at.saturating_sub(2))
            .take(5)
            .map(|(i, l)| format!("{:>5} {l:?}\n", i + 1))
            .collect::<String>()
    };
    panic!(
        "{} differs from the output at line {} (QBANK_BLESS=1 rewrites it)\n--- expected\n{}--- actual\n{}",
        file.display(),
        at + 1,
        around(&expected_lines),
        around(&actual_lines)
    );
}
