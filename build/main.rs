//! Embeds the built-in corpus and the answer analyser's lexicon as Rust, and refuses to build if
//! either would not load.

mod lexicon;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[allow(dead_code)]
#[path = "../src/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "../src/loader/parse.rs"]
mod parse;
#[allow(dead_code)]
#[path = "../src/text/suggest.rs"]
mod suggest;
/// parse.rs finds "did you mean" at `crate::text::suggest`, as in the library.
mod text {
    pub(crate) use super::suggest;
}

fn main() {
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    lexicon::embed(&out);
    embed_corpus(&out);
}

fn embed_corpus(out: &Path) {
    println!("cargo::rerun-if-changed=build");
    println!("cargo::rerun-if-changed=questions");
    println!("cargo::rerun-if-changed=src/loader/parse.rs");
    println!("cargo::rerun-if-changed=src/model.rs");
    println!("cargo::rerun-if-changed=src/text/suggest.rs");
    let mut files: Vec<PathBuf> = fs::read_dir("questions")
        .expect("the questions/ folder holds the built-in corpus")
        .map(|entry| entry.expect("readable questions/ entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();

    let mut problems = Vec::new();
    let mut ids = std::collections::HashMap::new();
    let mut entries = String::from("&[\n");
    let mut code = String::from("{\n    let files: Vec<Arc<PathBuf>> = vec![\n");
    let mut questions = String::new();
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = fs::read_to_string(path).expect("built-in corpus files are UTF-8");
        let parsed = parse::parse_str(&Arc::new(path.clone()), &text);
        problems.extend(parsed.diagnostics.iter().map(std::string::ToString::to_string));
        for q in &parsed.questions {
            if let Some(earlier) = ids.insert(q.id, q.origin.to_string()) {
                problems.push(format!("{}: duplicate id {} (also at {earlier})", q.origin, q.id));
            }
        }
        let name = path.file_name().expect("a file name").to_string_lossy();
        let absolute = fs::canonicalize(path).expect("a corpus file path");
        entries += &format!("    ({name:?}, include_str!({:?})),\n", absolute.display());
        let file_index = files.iter().position(|f| f == path).expect("listed file");
        code += &format!("        Arc::new(Path::new(\"<built-in>\").join({name:?})),\n");
        for q in &parsed.questions {
            questions += &question_code(q, file_index);
        }
    }
    entries += "]\n";
    code += "    ];\n    vec![\n";
    code += &questions;
    code += "    ]\n}\n";
    if !problems.is_empty() {
        panic!("the built-in corpus does not load:\n{}", problems.join("\n"));
    }
    fs::write(out.join("builtin.rs"), entries).expect("OUT_DIR is writable");
    fs::write(out.join("builtin_questions.rs"), code).expect("OUT_DIR is writable");
}

/// Rust that constructs `q` at run time without parsing: `{:?}` of a str is a valid literal.
fn question_code(q: &model::Question, file: usize) -> String {
    let list = |items: &[String]| {
        let items: Vec<String> = items.iter().map(|i| format!("{i:?}.to_string()")).collect();
        format!("vec![{}]", items.join(", "))
    };
    let option = |value: Option<String>| value.map_or("None".to_string(), |v| format!("Some({v})"));
    format!(
        "        Question {{ id: {}, round: Round::{:?}, question: {:?}.to_string(), rationale: {:?}.to_string(), \
         sample_answer: {:?}.to_string(), tags: {}, competency: {}, roles: {}, framework: {}, look_for: {}, \
         red_flags: {}, follow_ups: {}, sample_follow_ups: {}, levels: Levels {{ mid: {}, senior: {}, staff: {} }}, synonyms: vec![{}], origin: Origin {{ file: files[{file}].clone(), line: {}, column: {} }} }},\n",
        q.id,
        q.round,
        q.question,
        q.rationale,
        q.sample_answer,
        list(&q.tags),
        option(q.competency.map(|c| format!("Competency::{c:?}"))),
        list(&q.roles),
        option(q.framework.map(|f| format!("Framework::{f:?}"))),
        list(&q.look_for),
        list(&q.red_flags),
        list(&q.follow_ups),
        list(&q.sample_follow_ups),
        option(q.levels.mid.as_ref().map(|t| format!("{t:?}.to_string()"))),
        option(q.levels.senior.as_ref().map(|t| format!("{t:?}.to_string()"))),
        option(q.levels.staff.as_ref().map(|t| format!("{t:?}.to_string()"))),
        q.synonyms.iter().map(|g| list(g)).collect::<Vec<_>>().join(", "),
        q.origin.line,
        q.origin.column,
    )
}
