//! `qbank import FILE`: a spreadsheet, JSON file or Anki deck as corpus YAML.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::cmd::{Context, deliver};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::import::fields::Pairs;
use crate::import::{self, ImportFormat, Imported, TEAM_IDS_FROM};
use crate::loader::lint;
use crate::loader::{self, parse};
use crate::model::Question;
use crate::render;
use crate::render::sanitize::clean;
use crate::sys::fs::{self as fsutil, ReadError, Target};

/// How many skipped rows an error lists before "and N more".
const SHOWN_ROWS: usize = 20;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file to import (`-` reads standard input)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Input format (default: .csv, .json or .yaml from the name, anki from its `#separator:` header)
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ImportFormat>,

    /// Append the questions to this corpus YAML file (created if missing) instead of printing them
    #[arg(long, short = 'o', value_name = "CORPUS.yaml")]
    pub output: Option<PathBuf>,

    /// Fill a field from a differently named column, e.g. --map question=Prompt,sample_answer=Answer
    #[arg(long, value_name = "FIELD=COLUMN")]
    pub map: Vec<String>,

    /// A value for a field a row leaves empty, e.g. --default round=behavioural (repeatable)
    #[arg(long = "default", value_name = "FIELD=VALUE")]
    pub defaults: Vec<String>,

    /// Check every row and report what would be imported, but write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Rows whose `id` (or Anki GUID `qbank-N`) is in the -o file update that question in
    /// place; other rows are added with fresh ids
    #[arg(long, requires = "output")]
    pub update: bool,

    /// The CSV's separator: `,` `;` or `tab` [default: detected from the header row; tab for .tsv]
    #[arg(long, value_name = "SEP", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    let name = args.file.display().to_string();
    if args
        .file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("apkg") || e.eq_ignore_ascii_case("colpkg"))
    {
        return Err(Error::user(format!(
            "`{name}` is an Anki package, which qbank does not read: in Anki, use File > Export > \
             \"Notes in Plain Text (.txt)\" with \"Include unique identifier\", then import that file"
        )));
    }
    let bytes = read_input(&args.file)?;
    let format = args.format.or_else(|| ImportFormat::detect(&args.file, &bytes)).ok_or_else(|| {
        Error::user(format!("cannot tell what `{name}` is: say --format csv, json, anki or yaml"))
    })?;
    let map = Pairs::parse_map(&args.map).map_err(Error::user)?;
    let defaults = Pairs::parse_defaults(&args.defaults).map_err(Error::user)?;
    let tsv =
        args.file.extension().is_some_and(|e| e.eq_ignore_ascii_case("tsv") || e.eq_ignore_ascii_case("tab"));
    let delimiter = args.delimiter.or(tsv.then_some(b'\t'));
    let source = format.read(&bytes, &map, delimiter).map_err(|m| Error::user(format!("`{name}`: {m}")))?;
    if !source.unmapped.is_empty() {
        let columns: Vec<String> = source.unmapped.iter().map(|c| format!("`{c}`")).collect();
        render::note(format_args!(
            "ignoring {} (no question field; use --map FIELD=COLUMN to keep one)",
            columns.join(", ")
        ));
    }
    if source.rows.is_empty() {
        return Err(Error::user(format!("`{name}` has no rows to import")));
    }
    let rows = source.rows.len();
    // The target stays locked from reading to replacing, so concurrent imports into one file
    // each add their questions to what the one before wrote.
    let target = match (&args.output, args.dry_run) {
        (Some(path), false) => {
            Some(Target::lock(path).map_err(|e| Error::io(format!("cannot open `{}`", path.display()), e))?)
        }
        _ => None,
    };
    let result = import_rows(ctx, args, &name, source, &defaults, rows, target.as_ref());
    let imported = match (result, target) {
        (Ok((text, imported)), Some(target)) => {
            let path = target.path().to_path_buf();
            target
                .replace(|file| file.write_all(text.as_bytes()))
                .map_err(|e| Error::io(format!("cannot write `{}`", path.display()), e))?;
            imported
        }
        (Ok((text, imported)), None) => {
            if !args.dry_run {
                deliver(None, &text)?;
            }
            imported
        }
        (Err(e), target) => {
            if let Some(target) = target {
                target.abandon();
            }
            return Err(e);
        }
    };
    report(ctx, args, &imported);
    Ok(Exit::Success)
}

/// Converts the rows and returns the text to write: the whole target file with the new
/// questions appended, or just the new questions when there is no target.
fn import_rows(
    ctx: &Context,
    args: &Args,
    name: &str,
    source: import::read::Source,
    defaults: &Pairs,
    rows: usize,
    target: Option<&Target>,
) -> Result<(String, Imported)> {
    let existing = match (target, &args.output) {
        (Some(target), _) => target_text(target.path(), target.read(MAX_INPUT_BYTES))?,
        (None, Some(path)) => target_text(path, fsutil::read_regular(path, MAX_INPUT_BYTES))?,
        (None, None) => String::new(),
    };
    let shown = args.output.clone().unwrap_or_else(|| PathBuf::from("<output>"));
    let current = if args.update {
        parse::parse_str(&Arc::new(shown.clone()), &existing).questions
    } else {
        Vec::new()
    };
    let ids: HashSet<u64> = current.iter().map(|q| q.id).collect();
    let first = first_id(ctx, args.output.as_deref(), &existing)?;
    let (imported, revisions) = import::convert_updating(source, defaults, first, &ids);
    if imported.questions.is_empty() && revisions.is_empty() {
        return Err(Error::user(format!("nothing imported from `{name}`: {}", every_row(&imported, rows))));
    }
    for skipped in &imported.skipped {
        render::message(format_args!("skipped {}: {}", skipped.place, skipped.reason));
    }
    let revised = import::revise(&existing, &current, &revisions);
    if args.update {
        report_updates(args, &revised);
    }
    let addition = format!("# Imported by qbank from {}\n{}", one_line(name), imported.yaml);
    let text = if imported.questions.is_empty() {
        revised.text.clone()
    } else {
        import::append(&revised.text, &addition)
    };
    check(&shown, &text, &existing, imported.questions.len())?;
    Ok((if args.output.is_some() { text } else { addition }, imported))
}

/// Import files larger than this are refused: a corpus file has the same limit.
const MAX_INPUT_BYTES: u64 = crate::loader::parse::MAX_FILE_BYTES as u64;

fn read_input(path: &Path) -> Result<Vec<u8>> {
    let read = if path.as_os_str() == "-" {
        fsutil::read_limited(std::io::stdin().lock(), MAX_INPUT_BYTES)
    } else {
        fsutil::read_regular(path, MAX_INPUT_BYTES)
    };
    read.map_err(|e| Error::user(format!("cannot read `{}`: {e}", path.display())))
}

/// The corpus file being appended to: empty if it does not exist yet; refused if it does
/// not load, so an import never adds to a file that is already broken.
fn target_text(path: &Path, read: std::result::Result<Vec<u8>, ReadError>) -> Result<String> {
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(ReadError::NotFound) => return Ok(String::new()),
        Err(e) => return Err(Error::user(format!("cannot read `{}`: {e}", path.display()))),
    };
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::user(format!("`{}` is not UTF-8 text; import appends to a corpus YAML file", path.display()))
    })?;
    if !import::is_blank_corpus(&text) && parse::parse_str(&Arc::new(path.to_path_buf()), &text).has_errors()
    {
        return Err(Error::user(format!(
            "`{0}` does not load as a corpus; fix it first (`qbank validate {0}`)",
            path.display()
        )));
    }
    Ok(text)
}

/// Above every id loaded (built-in, QBANK_CORPUS, --corpus) and every id in the target file.
fn first_id(ctx: &Context, target: Option<&Path>, existing: &str) -> Result<u64> {
    let loaded = loader::load(&ctx.sources)?;
    let mut highest = loaded.questions().iter().map(|q| q.id).max().unwrap_or(0);
    if let Some(path) = target {
        let parsed = parse::parse_str(&Arc::new(path.to_path_buf()), existing);
        highest = highest.max(parsed.questions.iter().map(|q| q.id).max().unwrap_or(0));
    }
    let next = highest
        .checked_add(1)
        .ok_or_else(|| Error::user(format!("no ids are left above {highest}, the highest loaded")))?;
    Ok(next.max(TEAM_IDS_FROM))
}

/// The whole file as it will be written loads as a corpus with every question in it.
fn check(path: &Path, text: &str, existing: &str, added: usize) -> Result<()> {
    let before = if import::is_blank_corpus(existing) {
        0
    } else {
        parse::parse_str(&Arc::new(path.to_path_buf()), existing).questions.len()
    };
    let parsed = parse::parse_str(&Arc::new(path.to_path_buf()), text);
    if let Some(problem) = parsed.diagnostics.iter().find(|d| d.severity == crate::model::Severity::Error) {
        return Err(Error::user(format!(
            "cannot append to `{}`: the result would not load ({problem}); is the file a YAML list of `- id:` items?",
            path.display()
        )));
    }
    if parsed.questions.len() != before + added {
        return Err(Error::user(format!(
            "cannot append to `{}`: the result would hold {} questions, not {}",
            path.display(),
            parsed.questions.len(),
            before + added
        )));
    }
    Ok(())
}

fn every_row(imported: &Imported, rows: usize) -> String {
    let noun = if rows == 1 { "row" } else { "rows" };
    let mut message = format!("{rows} {noun}, none usable");
    for skipped in imported.skipped.iter().take(SHOWN_ROWS) {
        message.push_str(&format!("\n  {}: {}", skipped.place, skipped.reason));
    }
    if imported.skipped.len() > SHOWN_ROWS {
        message.push_str(&format!("\n  ... and {} more", imported.skipped.len() - SHOWN_ROWS));
    }
    message
}

/// What `--update` changed in the target file, before the count of added questions.
fn report_updates(args: &Args, revised: &import::Revised) {
    let verb = if args.dry_run { "would update" } else { "updated" };
    let ids: Vec<String> = revised.updated.iter().map(u64::to_string).collect();
    let which = if ids.is_empty() { String::new() } else { format!(" ({})", ids.join(", ")) };
    let noun = if ids.len() == 1 { "question" } else { "questions" };
    render::message(format_args!("{verb} {} {noun}{which}; {} unchanged", ids.len(), revised.unchanged));
    if !ids.is_empty() {
        render::note("an updated question is rewritten whole: comments inside it are not kept");
    }
}

fn report(ctx: &Context, args: &Args, imported: &Imported) {
    let count = imported.questions.len();
    let ids = match (imported.questions.first(), imported.questions.last()) {
        (Some(first), Some(last)) if first.id != last.id => format!(" (ids {}-{})", first.id, last.id),
        (Some(first), _) => format!(" (id {})", first.id),
        _ => String::new(),
    };
    let verb = if args.dry_run { "would import" } else { "imported" };
    let noun = if count == 1 { "question" } else { "questions" };
    let into = match &args.output {
        Some(path) if !args.dry_run => format!(" into {}", path.display()),
        _ => String::new(),
    };
    let skipped = imported.skipped.len();
    render::message(format_args!(
        "{verb} {}{ids}{into}; skipped {skipped} {}",
        if count == 0 { "no new questions".to_string() } else { format!("{count} {noun}") },
        if skipped == 1 { "row" } else { "rows" }
    ));
    let new: Vec<&Question> = imported.questions.iter().collect();
    let loaded = ctx.corpus().map(|c| c.questions().iter().collect::<Vec<_>>()).unwrap_or_default();
    let warnings = lint::lint(&new, &loaded).len();
    if warnings > 0 {
        let file = args.output.as_ref().map_or("FILE".to_string(), |p| p.display().to_string());
        render::note(format_args!(
            "{warnings} style warnings (short texts, lonely tags ...): see `qbank validate {file}`"
        ));
    }
}

fn one_line(text: &str) -> String {
    clean(text).replace(['\n', '\t'], " ")
}

/// `,`, `;` or `tab` (also `\t` or a literal tab).
fn parse_delimiter(text: &str) -> std::result::Result<u8, String> {
    match text {
        "," | "comma" => Ok(b','),
        ";" | "semicolon" => Ok(b';'),
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        "|" | "pipe" => Ok(b'|'),
        other => Err(format!("`{other}` is not a separator qbank reads; give `,`, `;`, `tab` or `|`")),
    }
}
