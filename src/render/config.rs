//! The merged configuration, for a person: each setting, its value and the file it came from.

use std::fmt::Write as _;
use std::path::Path;

use super::sanitize::clean;
use crate::config::{Config, Setting};

/// `key  value  (file)` per setting, then the files read; unset settings show their default.
pub fn config(c: &Config, user_file: &Path, team_file: &str) -> String {
    let mut out = String::new();
    let row = |out: &mut String, key: &str, value: String, from: Option<&Path>| {
        let from = from.map_or("default".to_string(), |f| clean(&f.display().to_string()).into_owned());
        let _ = writeln!(out, "{key:<24} {:<32} ({from})", clean(&value));
    };
    if c.corpus.is_empty() {
        row(&mut out, "corpus", "(none)".into(), None);
    }
    for path in &c.corpus {
        row(&mut out, "corpus", path.value.display().to_string(), Some(&path.from));
    }
    fn shown<'a>(s: Option<&'a Setting<String>>, default: &str) -> (String, Option<&'a Path>) {
        (s.map_or(default.to_string(), |s| s.value.clone()), s.map(|s| s.from.as_path()))
    }
    let builtin = c.builtin.as_ref();
    row(&mut out, "builtin", builtin.is_none_or(|b| b.value).to_string(), builtin.map(|b| b.from.as_path()));
    let hour = c.day_starts_at.as_ref();
    row(
        &mut out,
        "practice.day_starts_at",
        hour.map_or(4, |h| h.value).to_string(),
        hour.map(|h| h.from.as_path()),
    );
    let new = c.new_per_day.as_ref();
    row(
        &mut out,
        "practice.new_per_day",
        new.map_or(10, |n| n.value).to_string(),
        new.map(|n| n.from.as_path()),
    );
    let follow_ups = c.follow_ups.as_ref();
    let count = follow_ups.map_or("1 with a model, else 0".to_string(), |f| f.value.to_string());
    row(&mut out, "practice.follow_ups", count, follow_ups.map(|f| f.from.as_path()));
    let (time, from) = shown(c.follow_up_time.as_ref(), "90s");
    row(&mut out, "practice.follow_up_time", time, from);
    let (url, from) = shown(c.judge_url.as_ref(), "(offline analyser)");
    row(&mut out, "judge.url", url, from);
    let (model, from) = shown(c.judge_model.as_ref(), "(the server's only model)");
    row(&mut out, "judge.model", model, from);
    let (timeout, from) = shown(c.judge_timeout.as_ref(), "2m");
    row(&mut out, "judge.timeout", timeout, from);
    let found = |file: &Path| if c.files.iter().any(|f| f == file) { "" } else { " (not found)" };
    let _ = writeln!(out, "\nUser file: {}{}", clean(&user_file.display().to_string()), found(user_file));
    let _ = writeln!(out, "Team file: {}", clean(team_file));
    let _ = writeln!(out, "Flags and environment variables (QBANK_JUDGE_URL ...) win over both files.");
    out
}
