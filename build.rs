//! Embeds the built-in corpus and refuses to build if it would not load.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[allow(dead_code)]
#[path = "src/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/loader/parse.rs"]
mod parse;
#[allow(dead_code)]
#[path = "src/suggest.rs"]
mod suggest;

fn main() {
    println!("cargo::rerun-if-changed=questions");
    println!("cargo::rerun-if-changed=src/loader/parse.rs");
    println!("cargo::rerun-if-changed=src/model.rs");
    let mut files: Vec<PathBuf> = fs::read_dir("questions")
        .expect("the questions/ folder holds the built-in corpus")
        .map(|entry| entry.expect("readable questions/ entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();

    let mut problems = Vec::new();
    let mut ids = std::collections::HashMap::new();
    let mut entries = String::from("&[\n");
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = fs::read_to_string(path).expect("built-in corpus files are UTF-8");
        let parsed = parse::parse_str(&Arc::new(path.clone()), &text);
        problems.extend(parsed.diagnostics.iter().map(|d| d.to_string()));
        for q in &parsed.questions {
            if let Some(earlier) = ids.insert(q.id, q.origin.to_string()) {
                problems.push(format!("{}: duplicate id {} (also at {earlier})", q.origin, q.id));
            }
        }
        let name = path.file_name().expect("a file name").to_string_lossy();
        let absolute = fs::canonicalize(path).expect("a corpus file path");
        entries += &format!("    ({name:?}, include_str!({:?})),\n", absolute.display());
    }
    entries += "]\n";
    if !problems.is_empty() {
        panic!("the built-in corpus does not load:\n{}", problems.join("\n"));
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin.rs");
    fs::write(out, entries).expect("OUT_DIR is writable");
}
