//! The documentation says only what the command line does: every `qbank ...` shown in the
//! README and under docs/ names a real command and real options, and every command has its
//! section in docs/commands.md. The options come from the same clap definition `--help` prints.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use qbank::cmd::Cli;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every page under docs/.
fn documents() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md")];
    let mut pages: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    files.extend(pages);
    files
}

/// Each subcommand's long options, and the global ones (under "").
fn options() -> BTreeMap<String, BTreeSet<String>> {
    let cli = Cli::command();
    let longs = |command: &clap::Command| -> BTreeSet<String> {
        let mut names: BTreeSet<String> =
            command.get_arguments().filter_map(|a| a.get_long()).map(String::from).collect();
        names.extend(["help".to_string(), "version".to_string()]);
        names
    };
    let mut all = BTreeMap::new();
    all.insert(String::new(), longs(&cli));
    for sub in cli.get_subcommands() {
        // `qbank judge check --judge URL`: a nested subcommand's options count as its parent's.
        let mut names = longs(sub);
        for nested in sub.get_subcommands() {
            names.extend(longs(nested));
        }
        all.insert(sub.get_name().to_string(), names);
    }
    all
}

/// The words after each `qbank` in a line, up to a shell operator.
fn invocations(line: &str) -> Vec<Vec<String>> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let mut found = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let word = word.trim_start_matches(['`', '$', '(']);
        if word != "qbank" {
            continue;
        }
        let args: Vec<String> = words[i + 1..]
            .iter()
            .take_while(|w| !["|", ">", ">>", "&&", ";", "||", "#"].contains(w) && !w.starts_with('`'))
            .map(|w| w.trim_end_matches(['`', ',', ')', '.', ':', ';']).to_string())
            .collect();
        found.push(args);
    }
    found
}

/// The code in a Markdown text, with its line numbers (from 0): whole lines inside fenced
/// blocks, and the inline code spans of the lines outside them. Prose that says "qbank keeps
/// ..." is not a command line.
fn code_lines(text: &str) -> Vec<(usize, String)> {
    let mut code = Vec::new();
    let mut fenced = false;
    for (number, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if fenced {
            code.push((number, without_comment(line)));
        } else {
            code.extend(line.split('`').skip(1).step_by(2).map(|span| (number, without_comment(span))));
        }
    }
    code
}

/// A shell line without its `# comment` (a comment, or a file's comment line, names no command).
fn without_comment(line: &str) -> String {
    let cut = line.match_indices('#').find(|&(at, _)| at == 0 || line[..at].ends_with(' ')).map(|(at, _)| at);
    line[..cut.unwrap_or(line.len())].to_string()
}

/// Global options that take a value, so the word after them is not the subcommand.
const GLOBAL_WITH_VALUE: [&str; 2] = ["--corpus", "--color"];

#[test]
fn every_command_and_option_shown_exists() {
    let options = options();
    let mut wrong = Vec::new();
    let mut seen = 0;
    for file in documents() {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.strip_prefix(root()).unwrap().display().to_string();
        for (number, code) in code_lines(&text) {
            for args in invocations(&code) {
                let mut words = args.iter().peekable();
                let mut command = None;
                let mut used = Vec::new();
                while let Some(word) = words.next() {
                    if let Some(option) = word.strip_prefix("--") {
                        let option = option.split('=').next().unwrap_or_default();
                        if !option.is_empty() && option.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                            used.push(option.to_string());
                        }
                        if command.is_none() && GLOBAL_WITH_VALUE.contains(&word.as_str()) {
                            words.next();
                        }
                    } else if command.is_none() && !word.starts_with('-') {
                        command = Some(word.clone());
                    }
                }
                let Some(command) = command else { continue };
                if !command.chars().all(|c| c.is_ascii_lowercase()) {
                    continue;
                }
                seen += 1;
                let Some(known) = options.get(&command) else {
                    wrong.push(format!("{name}:{}: `qbank {command}` is not a command", number + 1));
                    continue;
                };
                for option in used {
                    if !known.contains(&option) && !options[""].contains(&option) {
                        wrong.push(format!("{name}:{}: `qbank {command}` has no --{option}", number + 1));
                    }
                }
            }
        }
    }
    assert!(seen > 100, "only {seen} command lines found in the docs: is the parser broken?");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_command_has_its_section_in_docs_commands_md() {
    let reference = std::fs::read_to_string(root().join("docs/commands.md")).unwrap();
    let missing: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .filter(|name| name != "help" && !reference.contains(&format!("## qbank {name}")))
        .collect();
    assert!(missing.is_empty(), "docs/commands.md has no section for: {missing:?}");
}

#[test]
fn every_page_is_linked_from_the_readme_and_links_resolve() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for page in documents().iter().skip(1) {
        let relative = page.strip_prefix(root()).unwrap().display().to_string();
        assert!(readme.contains(&relative), "README.md does not link {relative}");
    }
    for file in documents() {
        let text = std::fs::read_to_string(&file).unwrap();
        for target in text.split("](").skip(1).filter_map(|rest| rest.split(')').next()) {
            let path = target.split('#').next().unwrap_or_default();
            if path.is_empty() || path.contains("://") {
                continue;
            }
            let resolved = file.parent().unwrap().join(path);
            assert!(resolved.exists(), "{}: link to {target} resolves to nothing", file.display());
        }
    }
}

#[test]
fn the_readme_is_a_front_door() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(lines <= 320, "README.md has {lines} lines; move detail to docs/");
    let first_screen: String = readme.lines().take(60).collect::<Vec<_>>().join("\n");
    assert!(first_screen.contains("cargo test"), "the test command is on the first screen");
    assert!(first_screen.contains("cargo run --release --"), "running qbank is on the first screen");
}
