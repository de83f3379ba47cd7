//! Shared banks from git, end to end through the real binary and the real git, against local
//! bare repositories (`file://`): add, update, a broken commit that is refused, remove.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Test, fixture};

/// A bare repository and a working clone that pushes to it.
struct Remote {
    work: PathBuf,
    url: String,
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

impl Remote {
    fn new(test: &Test) -> Remote {
        let bare = test.dir().join("bank.git");
        let work = test.dir().join("work");
        git(test.dir(), &["init", "--quiet", "--bare", "--initial-branch=main", bare.to_str().unwrap()]);
        git(test.dir(), &["init", "--quiet", work.to_str().unwrap()]);
        for (key, value) in
            [("user.email", "panel@example.com"), ("user.name", "Panel"), ("commit.gpgsign", "false")]
        {
            git(&work, &["config", key, value]);
        }
        git(&work, &["remote", "add", "origin", bare.to_str().unwrap()]);
        let remote = Remote { work, url: format!("file://{}", bare.display()) };
        remote.commit(
            "team.yaml",
            &std::fs::read_to_string(fixture("validate/clean.yaml")).unwrap(),
            "first",
        );
        remote
    }

    fn commit(&self, file: &str, text: &str, message: &str) -> String {
        std::fs::write(self.work.join(file), text).unwrap();
        git(&self.work, &["add", "."]);
        git(&self.work, &["commit", "--quiet", "-m", message]);
        git(&self.work, &["push", "--quiet", "origin", "HEAD:main"]);
        git(&self.work, &["rev-parse", "HEAD"]).trim()[..10].to_string()
    }
}

fn qbank(test: &Test, args: &[&str]) -> Test {
    Test::new().env("QBANK_HOME", test.home()).args(args.to_vec())
}

#[test]
fn a_source_is_added_loaded_by_every_command_updated_and_removed() {
    let test = Test::new();
    let remote = Remote::new(&test);
    let first = git(&remote.work, &["rev-parse", "HEAD"]).trim()[..10].to_string();
    let out = qbank(&test, &["source", "add", "team", &remote.url, "--ref", "main"]).succeeds();
    assert_eq!(out.stdout, format!("Added source `team` at {first}: 2 questions from {}.\n", remote.url));
    let listed = qbank(&test, &["list", "--tag", "technical-debt"]).succeeds();
    assert!(listed.listed_ids().contains(&20001), "{}", listed.stdout);
    let list = qbank(&test, &["source", "list", "--format", "json"]).succeeds().json();
    assert_eq!(
        (list[0]["commit"].as_str().unwrap().get(..10), &list[0]["reference"]),
        (Some(first.as_str()), &"main".into())
    );
    qbank(&test, &["validate", "--strict"]).code(0);

    let clean = std::fs::read_to_string(fixture("validate/clean.yaml")).unwrap();
    let second =
        remote.commit("team.yaml", &clean.replace("pay down first?", "pay down first, and why?"), "reword");
    let out = qbank(&test, &["source", "update"]).succeeds();
    assert_eq!(out.stdout, format!("team: {first} -> {second} (2 questions)\n"));
    assert!(qbank(&test, &["show", "20001"]).succeeds().stdout.contains("pay down first, and why?"));
    let again = qbank(&test, &["source", "update", "team"]).succeeds();
    assert_eq!(again.stdout, format!("team: up to date at {second}\n"));

    let out = qbank(&test, &["source", "remove", "team"]).succeeds();
    assert!(out.stdout.starts_with("Removed source `team`"), "{}", out.stdout);
    assert!(!test.home().join("sources/team").exists());
    qbank(&test, &["show", "20001"]).fails_with("no question with id 20001");
}

#[test]
fn a_broken_commit_keeps_the_one_in_use_and_says_why() {
    let test = Test::new();
    let remote = Remote::new(&test);
    let first = git(&remote.work, &["rev-parse", "HEAD"]).trim()[..10].to_string();
    qbank(&test, &["source", "add", "team", &remote.url]).succeeds();
    let broken = remote.commit("more.yaml", "- id: 30000\n  round: phone-screen\n", "half a question");
    let out = qbank(&test, &["source", "update"]).code(2);
    assert!(
        out.stderr.starts_with(&format!(
            "error: team: still at {first}: the corpus at commit {broken} does not load: more.yaml:1:3:"
        )),
        "{}",
        out.stderr
    );
    let list = qbank(&test, &["source", "list"]).succeeds();
    assert!(list.stdout.starts_with(&format!("team             {first}")), "{}", list.stdout);
    qbank(&test, &["show", "20001"]).succeeds();
    qbank(&test, &["validate", "--strict"]).code(0);
}

#[test]
fn mistakes_are_refused_with_what_to_do() {
    let test = Test::new();
    let remote = Remote::new(&test);
    let missing = format!("file://{}/nowhere.git", test.dir().display());
    let out = qbank(&test, &["source", "add", "team", &missing]).code(2);
    assert!(out.stderr.starts_with("error: git clone failed: fatal:"), "{}", out.stderr);
    assert!(qbank(&test, &["source", "list"]).succeeds().stdout.starts_with("No sources yet"));
    qbank(&test, &["source", "add", "../team", &remote.url]).fails_with("cannot name a source");
    qbank(&test, &["source", "add", "team", &remote.url]).succeeds();
    qbank(&test, &["source", "add", "team", &remote.url]).fails_with("a source named `team` exists already");
    qbank(&test, &["source", "update", "tame"]).code(2);
    let out = qbank(&test, &["source", "remove", "tame"]).code(2);
    assert!(out.stderr.contains("no source named `tame` (did you mean 'team'?)"), "{}", out.stderr);
}
