//! `qbank judge check|eval`, and the judge every answer-reading command uses: the offline
//! analyser, or a language model over the OpenAI-compatible API when one is configured.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Subcommand;

use crate::cmd::Context;
use crate::cmd::args::{InterviewerArgs, JudgeArgs, parse_timeout};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::judge::client::Client;
use crate::judge::eval::{self, Figures};
use crate::judge::{Endpoint, Judge, Log, ModelJudge, Offline};
use crate::render::{self, Output, ReportFormat};
use crate::tui::Interviewer;

/// A whole request to the judge, when neither a flag, the environment nor a config file says.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// Connecting takes a local server milliseconds and a hosted one well under a second.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, Subcommand)]
pub enum Action {
    /// Say which judge is configured, reach it, and report its model and round-trip time
    Check {
        #[command(flatten)]
        judge: JudgeArgs,
    },
    /// Measure a judge against the hand-labelled answers: precision, recall, ordering
    Eval {
        #[command(flatten)]
        judge: JudgeArgs,

        /// The evaluation set: a folder with dev/ and holdout/ of labelled answers
        #[arg(long, value_name = "DIR", default_value = "tests/feedback-eval")]
        set: PathBuf,

        /// Only this part of the set
        #[arg(long, value_parser = ["dev", "holdout"])]
        part: Option<String>,

        /// Only the first N questions of each part (a slow model's quick measure)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        questions: Option<u64>,

        /// Output format
        #[arg(long, short = 'f', value_enum, default_value_t)]
        format: ReportFormat,
    },
}

/// The configured judge; the offline analyser when none is.
pub fn judge(args: &JudgeArgs, config: &Config, log: bool) -> Result<Box<dyn Judge>> {
    Ok(match model_judge(args, config, log)? {
        Some(judge) => Box::new(judge),
        None => Box::new(Offline),
    })
}

/// The interviewer of a session. `--verbose` logs only in the scripted mode: the full-screen
/// app's screen is not to be written over.
pub fn interviewer(args: &InterviewerArgs, config: &Config, verbose: bool) -> Result<Interviewer> {
    use std::io::IsTerminal;
    let scripted = !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal());
    let model = model_judge(&args.judge, config, verbose && scripted)?;
    let follow_ups = args
        .follow_ups
        .or(config.follow_ups.as_ref().map(|s| s.value))
        .map_or(usize::from(model.is_some()), usize::from);
    let follow_up_time = match (args.follow_up_time, &config.follow_up_time) {
        (Some(time), _) => time,
        (None, Some(setting)) => crate::practice::time::parse_limit(&setting.value)
            .map_err(|e| Error::user(format!("{}: practice.follow_up_time: {e}", setting.from.display())))?,
        (None, None) => crate::practice::time::TimeLimit::Seconds(90),
    };
    let judge: Arc<dyn Judge> = match model {
        Some(model) => Arc::new(model),
        None => Arc::new(Offline),
    };
    Ok(Interviewer { judge, follow_ups, follow_up_limit: follow_up_time.duration() })
}

/// The judge's API key and the variable it came from: never a flag or a file, which would show
/// it in `ps` or in git.
fn api_key() -> Option<(&'static str, String)> {
    ["QBANK_JUDGE_API_KEY", "OPENAI_API_KEY"]
        .into_iter()
        .find_map(|name| std::env::var(name).ok().filter(|key| !key.is_empty()).map(|key| (name, key)))
}

/// The language-model judge, when a URL other than `offline` is configured.
fn model_judge(args: &JudgeArgs, config: &Config, log: bool) -> Result<Option<ModelJudge>> {
    let url = args.url.clone().or_else(|| config.judge_url.as_ref().map(|s| s.value.clone()));
    let Some(url) = url.as_deref().map(str::trim).filter(|u| !u.is_empty() && *u != "offline") else {
        return Ok(None);
    };
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(Error::user(format!(
            "the judge's URL is `{url}`: give the base URL of an OpenAI-compatible API, such as \
             http://127.0.0.1:11434/v1, or `offline`"
        )));
    }
    let timeout = match (args.judge_timeout, &config.judge_timeout) {
        (Some(timeout), _) => timeout,
        (None, Some(setting)) => parse_timeout(&setting.value)
            .map_err(|e| Error::user(format!("{}: judge.timeout: {e}", setting.from.display())))?,
        (None, None) => DEFAULT_TIMEOUT,
    };
    let api_key = api_key().map(|(_, key)| key);
    let endpoint = Endpoint {
        url: url.to_string(),
        model: args
            .judge_model
            .clone()
            .or_else(|| config.judge_model.as_ref().map(|s| s.value.clone()))
            .filter(|m| !m.is_empty()),
        api_key,
        connect_timeout: CONNECT_TIMEOUT,
        timeout,
    };
    let log: Log = log.then(|| Box::new(|line: &str| render::message(format_args!("judge: {line}"))) as _);
    Ok(Some(ModelJudge::new(Client::new(endpoint, log))))
}

pub fn run(ctx: &Context, args: &Args) -> Result<Exit> {
    match &args.action {
        Action::Check { judge } => check(ctx, judge),
        Action::Eval { judge: judge_args, set, part, questions, format } => {
            let judge = judge(judge_args, &ctx.config, ctx.verbose)?;
            let questions = questions.map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
            evaluate(ctx, judge.as_ref(), &Scope { set, part: part.as_deref(), questions }, *format)
        }
    }
}

fn check(ctx: &Context, args: &JudgeArgs) -> Result<Exit> {
    let mut out = Output::stdout();
    let Some(judge) = model_judge(args, &ctx.config, ctx.verbose)? else {
        out.write_str(
            "Judge: the offline analyser (no judge configured: nothing leaves this machine).\n\
             Set QBANK_JUDGE_URL or pass --judge URL to use an OpenAI-compatible model.\n",
        )?;
        out.flush()?;
        return Ok(Exit::Success);
    };
    let endpoint = judge.client().endpoint();
    let key = api_key().map_or("none".to_string(), |(name, _)| format!("from {name}"));
    out.write_str(&render::judge::pairs(&[
        ("URL", endpoint.url.clone()),
        ("Model", endpoint.model.clone().unwrap_or_else(|| "the server's only model".to_string())),
        ("API key", key),
        ("Timeout", format!("{} s per request", endpoint.timeout.as_secs())),
    ]))?;
    out.flush()?;
    let started = Instant::now();
    let model = judge.model().map_err(|e| Error::user(e.0))?;
    let listed = started.elapsed();
    let started = Instant::now();
    let corpus = ctx.corpus()?;
    let question = corpus.questions().first().ok_or_else(|| Error::user("no questions loaded"))?;
    let asked = judge.follow_up(question, CHECK_ANSWER, &[]).map_err(|e| Error::user(e.0))?;
    let round_trip = started.elapsed();
    out.write_str(&render::judge::pairs(&[
        ("Serves", format!("{model} (model list in {} ms)", listed.as_millis())),
        ("Round trip", format!("{} ms for one follow-up question", round_trip.as_millis())),
        ("It asked", asked),
    ]))?;
    out.write_str("The judge works.\n")?;
    out.flush()?;
    Ok(Exit::Success)
}

/// A short answer the check asks a follow-up about.
const CHECK_ANSWER: &str = "I would put a queue in front of the database writer and shed load above 80% CPU.";

/// Which labelled answers `judge eval` measures on.
struct Scope<'a> {
    set: &'a std::path::Path,
    part: Option<&'a str>,
    /// At most this many questions of each part.
    questions: usize,
}

fn evaluate(ctx: &Context, judge: &dyn Judge, scope: &Scope, format: ReportFormat) -> Result<Exit> {
    let Scope { set, part, questions: most } = *scope;
    let corpus = ctx.corpus()?;
    if !set.is_dir() {
        return Err(Error::user(format!(
            "no evaluation set at `{}`: run from a clone of qbank, or pass --set DIR",
            set.display()
        )));
    }
    let parts: Vec<&str> = part.map_or(vec!["dev", "holdout"], |p| vec![p]);
    let mut measured: Vec<(String, Figures)> = Vec::new();
    let mut total = Figures::default();
    let mut outcomes = Vec::new();
    for name in parts {
        let mut questions = eval::load_part(&set.join(name))?;
        questions.truncate(most);
        render::message(format_args!("{name}: {} questions, judged by {}", questions.len(), judge.name()));
        let figures = eval::evaluate(corpus, &questions, judge, |outcome| {
            render::message(render::judge::outcome_line(outcome));
            if format == ReportFormat::Json {
                outcomes.push(serde_json::json!({"part": name, "outcome": outcome}));
            }
        })?;
        total.add(&figures);
        measured.push((name.to_string(), figures));
    }
    if measured.len() > 1 {
        measured.push(("all".to_string(), total));
    }
    let mut out = Output::stdout();
    match format {
        ReportFormat::Text => out.write_str(&render::judge::figures_table(&judge.name(), &measured))?,
        ReportFormat::Json => out.json(&serde_json::json!({
            "judge": judge.name(),
            "parts": measured.iter().map(|(name, f)| serde_json::json!({
                "part": name,
                "precision": f.precision(),
                "recall": f.recall(),
                "ordering": f.ordering(),
                "figures": f,
            })).collect::<Vec<_>>(),
            "answers": outcomes,
        }))?,
    }
    out.flush()?;
    Ok(Exit::Success)
}
