//! The analyser's lexicon: `lexicon/*.yaml` read, checked and written out as Rust statics, so
//! the binary never parses it and a broken file fails the build with its reason.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    stop: Vec<String>,
    meta: Vec<String>,
    generic: Vec<String>,
    question_words: Vec<String>,
    fillers: Vec<String>,
    number_cues: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Keys {
    spellings: Vec<(String, String)>,
    endings: Vec<(String, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RedFlags {
    patterns: BTreeMap<String, Vec<String>>,
    negations: Vec<String>,
    contrasts: Vec<String>,
    rejections: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Structure {
    situation: Vec<String>,
    task: Vec<String>,
    result: Vec<String>,
    requirements: Vec<String>,
    trade_offs: Vec<String>,
    failures: Vec<String>,
    scale: Vec<String>,
    operations: Vec<String>,
    principle: Vec<String>,
    example: Vec<String>,
    labels: Vec<String>,
    not_actions: Vec<String>,
    number_words: Vec<String>,
}

/// A synonym member may span at most this many words (the analyser's phrase look-ahead).
const LONGEST_MEMBER: usize = 6;

pub fn embed(out: &Path) {
    println!("cargo::rerun-if-changed=lexicon");
    let words: Words = read("words.yaml");
    let keys: Keys = read("keys.yaml");
    let synonyms: Vec<Vec<String>> = read("synonyms.yaml");
    let red_flags: RedFlags = read("red-flags.yaml");
    let structure: Structure = read("structure.yaml");
    for group in &synonyms {
        for member in group {
            let length = member.split_whitespace().count();
            assert!(
                (1..=LONGEST_MEMBER).contains(&length),
                "lexicon/synonyms.yaml: `{member}` has {length} words; a member has 1 to {LONGEST_MEMBER}"
            );
        }
    }
    let mut code = String::from("Lexicon {\n");
    for (name, list) in [
        ("stop", &words.stop),
        ("meta", &words.meta),
        ("generic", &words.generic),
        ("question_words", &words.question_words),
        ("fillers", &words.fillers),
        ("number_cues", &words.number_cues),
    ] {
        let _ = writeln!(code, "    {name}: {},", strings(list));
    }
    let _ = writeln!(code, "    spellings: {},", pairs(&keys.spellings));
    let _ = writeln!(code, "    endings: {},", pairs(&keys.endings));
    let groups: Vec<String> = synonyms.iter().map(|g| strings(g)).collect();
    let _ = writeln!(code, "    synonyms: &[{}],", groups.join(", "));
    let patterns: Vec<String> =
        red_flags.patterns.iter().map(|(kind, list)| format!("({kind:?}, {})", strings(list))).collect();
    let _ = writeln!(code, "    red_flag_patterns: &[{}],", patterns.join(", "));
    let _ = writeln!(code, "    negations: {},", strings(&red_flags.negations));
    let _ = writeln!(code, "    contrasts: {},", strings(&red_flags.contrasts));
    let _ = writeln!(code, "    rejections: {},", strings(&red_flags.rejections));
    for (name, list) in [
        ("situation", &structure.situation),
        ("task", &structure.task),
        ("result", &structure.result),
        ("requirements", &structure.requirements),
        ("trade_offs", &structure.trade_offs),
        ("failures", &structure.failures),
        ("scale", &structure.scale),
        ("operations", &structure.operations),
        ("principle", &structure.principle),
        ("example", &structure.example),
        ("labels", &structure.labels),
        ("not_actions", &structure.not_actions),
        ("number_words", &structure.number_words),
    ] {
        let _ = writeln!(code, "    {name}: {},", strings(list));
    }
    code.push_str("}\n");
    fs::write(out.join("lexicon.rs"), code).expect("OUT_DIR is writable");
}

fn read<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = Path::new("lexicon").join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn strings(list: &[String]) -> String {
    let items: Vec<String> = list
        .iter()
        .map(|s| {
            assert!(!s.trim().is_empty(), "the lexicon has an empty entry");
            format!("{s:?}")
        })
        .collect();
    format!("&[{}]", items.join(", "))
}

fn pairs(list: &[(String, String)]) -> String {
    let items: Vec<String> = list.iter().map(|(a, b)| format!("({a:?}, {b:?})")).collect();
    format!("&[{}]", items.join(", "))
}
