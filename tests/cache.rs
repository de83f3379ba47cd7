//! End to end: the parse cache speeds up warm runs and is never served stale.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::Test;

const CORPUS: &str = "- id: 1\n  round: leadership\n  question: Alpha question?\n  rationale: r\n  sample_answer: a\n  tags: [t]\n";

fn cache_entries(test: &Test) -> Vec<PathBuf> {
    match fs::read_dir(test.dir().join("cache/qbank")) {
        Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

fn show(test: &Test, path: &Path) -> common::Outcome {
    Test::new()
        .args(["--no-builtin", "--corpus"])
        .args([path])
        .args(["show", "1"])
        .env("XDG_CACHE_HOME", test.dir().join("cache"))
        .run()
}

#[test]
fn a_warm_run_uses_the_cache_and_no_cache_skips_it() {
    let test = Test::new();
    let path = test.file("c.yaml", CORPUS);
    let skipped = Test::new().args(["--no-cache", "--no-builtin", "--corpus"]).args([&path]).args(["list"]);
    skipped.env("XDG_CACHE_HOME", test.dir().join("cache")).succeeds();
    assert!(cache_entries(&test).is_empty(), "--no-cache writes nothing");
    assert!(show(&test, &path).stdout.contains("Alpha question?"));
    assert_eq!(cache_entries(&test).len(), 1);
    assert!(show(&test, &path).stdout.contains("Alpha question?"), "served from the cache");
}

#[test]
fn a_change_with_the_same_size_and_mtime_is_seen() {
    let test = Test::new();
    let path = test.file("c.yaml", CORPUS);
    assert!(show(&test, &path).stdout.contains("Alpha question?"));
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    fs::write(&path, CORPUS.replace("Alpha", "Omega")).unwrap();
    fs::File::options().write(true).open(&path).unwrap().set_modified(modified).unwrap();
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), modified);
    let out = show(&test, &path);
    assert!(out.stdout.contains("Omega question?"), "stale cache: {}", out.stdout);
}

#[test]
fn a_replaced_renamed_or_deleted_file_is_never_served_from_cache() {
    let test = Test::new();
    let path = test.file("c.yaml", CORPUS);
    show(&test, &path);

    let replacement = test.file("new.yaml", CORPUS.replace("Alpha", "Beta"));
    fs::rename(&replacement, &path).unwrap();
    assert!(show(&test, &path).stdout.contains("Beta question?"));

    let renamed = test.dir().join("renamed.yaml");
    fs::rename(&path, &renamed).unwrap();
    assert!(show(&test, &renamed).stdout.contains("Beta question?"));
    let gone = show(&test, &path);
    assert_eq!(gone.code, 2);
    assert!(gone.stderr.contains("cannot read corpus"), "{}", gone.stderr);

    fs::remove_file(&renamed).unwrap();
    assert_eq!(show(&test, &renamed).code, 2);
}

#[test]
fn a_damaged_cache_entry_is_ignored_and_rebuilt() {
    let test = Test::new();
    let path = test.file("c.yaml", CORPUS);
    show(&test, &path);
    let entry = cache_entries(&test).pop().unwrap();
    let good = fs::read(&entry).unwrap();
    for damage in [Vec::new(), good[..good.len() / 2].to_vec(), vec![0; good.len()]] {
        fs::write(&entry, &damage).unwrap();
        let out = show(&test, &path);
        assert!(out.stdout.contains("Alpha question?") && out.stderr.is_empty(), "{out:?}");
        assert_eq!(fs::read(&entry).unwrap(), good, "entry rewritten");
    }
}

#[test]
fn files_with_errors_are_never_cached() {
    let test = Test::new();
    let path = test.file("c.yaml", CORPUS.replace("leadership", "nope"));
    assert_eq!(show(&test, &path).code, 2);
    assert!(cache_entries(&test).is_empty());
}

#[test]
fn qbank_cache_dir_chooses_where_the_cache_lives() {
    let test = Test::new();
    let path = test.file("c.yaml", CORPUS);
    let chosen = test.dir().join("my cache");
    Test::new()
        .args(["--no-builtin", "--corpus"])
        .args([&path])
        .args(["list"])
        .env("QBANK_CACHE_DIR", &chosen)
        .env("XDG_CACHE_HOME", test.dir().join("cache"))
        .succeeds();
    assert_eq!(fs::read_dir(&chosen).unwrap().count(), 1, "one entry in QBANK_CACHE_DIR");
    assert!(cache_entries(&test).is_empty(), "nothing in the platform cache folder");
}
