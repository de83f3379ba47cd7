//! The layers ARCHITECTURE.md draws, enforced: a module may import only from layers below its
//! own, never from a layer above or from a neighbour on the same layer. Reads every file under
//! src/ (leaving out `#[cfg(test)]` code, which may reach anywhere).

use std::collections::BTreeMap;
use std::path::Path;

/// Top-level modules from the highest layer to the lowest. Modules on one line are neighbours
/// and must not import each other.
const LAYERS: &[&[&str]] = &[
    &["main", "lib"],
    &["cmd"],
    &["tui"],
    &["render"],
    &["practice", "judge", "sources"],
    &["feedback", "export", "import"],
    &["codec", "query", "config"],
    &["loader"],
    &["sys"],
    &["error"],
    &["model", "text", "exit"],
];

/// Imports that break the layering today, each with the issue that removes it. Empty is the
/// goal; an entry that no longer occurs fails the test, so the list cannot go stale.
const KNOWN: &[(&str, &str, &str)] = &[];

fn layer(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|layer| layer.contains(&module))
        .unwrap_or_else(|| panic!("module `{module}` is on no layer: add it to LAYERS and ARCHITECTURE.md"))
}

/// The top-level modules `source` names through `crate::`, outside test code.
fn imports(source: &str) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or_default();
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String =
                    item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    found.push(name);
                }
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            found.push(name);
        }
    }
    found
}

fn walk(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

#[test]
fn lower_layers_never_import_higher_ones() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut breaks: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let module = relative.components().next().unwrap().as_os_str().to_string_lossy();
        let module = module.trim_end_matches(".rs").to_string();
        let source = std::fs::read_to_string(file).unwrap();
        for imported in imports(&source) {
            if imported == module {
                continue;
            }
            if layer(&imported) <= layer(&module) {
                breaks.entry((module.clone(), imported)).or_default().push(relative.display().to_string());
            }
        }
    }
    let mut unexplained = Vec::new();
    for ((from, to), files) in &breaks {
        if !KNOWN.iter().any(|(f, t, _)| f == from && t == to) {
            unexplained.push(format!("{from} imports {to}, which is not below it: {}", files.join(", ")));
        }
    }
    assert!(unexplained.is_empty(), "layering broken (see ARCHITECTURE.md):\n{}", unexplained.join("\n"));
    for (from, to, why) in KNOWN {
        assert!(
            breaks.contains_key(&(from.to_string(), to.to_string())),
            "{from} no longer imports {to} ({why}): remove it from KNOWN"
        );
    }
}

#[test]
fn the_layer_table_matches_architecture_md() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md")).unwrap();
    for layer in LAYERS.iter().skip(1) {
        for module in *layer {
            let named = doc.contains(&format!("{module}/")) || doc.contains(&format!("{module}.rs"));
            assert!(named, "ARCHITECTURE.md omits {module}");
        }
    }
}

#[test]
fn imports_are_read_in_every_form() {
    let source = "use crate::model::Question;\nuse crate::{error::Result, render};\nfn f() { crate::text::key(\"x\"); }\n#[cfg(test)]\nmod tests { use crate::cmd; }";
    assert_eq!(imports(source), ["model", "error", "render", "text"]);
}
