//! One small builder for running the real `qbank` binary in a clean environment.
#![allow(dead_code)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)
}

/// A run of qbank: arguments, environment and files, in a fresh temporary folder.
pub struct Test {
    dir: TempDir,
    args: Vec<OsString>,
    env: Vec<(String, OsString)>,
    stdin: Option<Vec<u8>>,
    /// Where the command runs; the test's folder unless set.
    cwd: Option<PathBuf>,
    /// How long the command may run before the test fails; two minutes unless set.
    patience: Option<std::time::Duration>,
}

/// What the user sees: the two streams and the exit status.
#[derive(Debug)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Test {
    pub fn new() -> Test {
        Test {
            dir: tempfile::tempdir().expect("temp dir"),
            args: Vec::new(),
            env: Vec::new(),
            stdin: None,
            cwd: None,
            patience: None,
        }
    }

    /// The temporary folder the run works in (and where `file` writes).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `name` inside the test's folder and returns its path.
    pub fn file(&self, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&path, text).expect("write file");
        path
    }

    /// Loads only this YAML as the corpus (no built-in questions).
    pub fn corpus(mut self, yaml: &str) -> Test {
        let path = self.file("corpus.yaml", yaml);
        self.args.extend(["--no-builtin".into(), "--corpus".into(), path.into()]);
        self
    }

    /// Loads only this fixture (a file or folder under tests/fixtures) as the corpus.
    pub fn fixture_corpus(mut self, name: &str) -> Test {
        self.args.extend(["--no-builtin".into(), "--corpus".into(), fixture(name).into()]);
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Test
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn env(mut self, key: &str, value: impl Into<OsString>) -> Test {
        self.env.push((key.to_string(), value.into()));
        self
    }

    /// Lets the command run for `patience` before the test fails: for a language model on a
    /// busy two-core machine.
    pub fn patience(mut self, patience: std::time::Duration) -> Test {
        self.patience = Some(patience);
        self
    }

    /// Runs the command in `folder` instead of the test's own.
    pub fn current_dir(mut self, folder: &Path) -> Test {
        self.cwd = Some(folder.to_path_buf());
        self
    }

    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Test {
        self.stdin = Some(input.into());
        self
    }

    /// The data folder the run uses (`QBANK_HOME`).
    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    /// The run as an assert_cmd command. It is killed after two minutes, so a regression that
    /// makes qbank wait forever (on a FIFO, say) fails its test instead of hanging the suite.
    pub fn command(&self) -> Command {
        let mut cmd = Command::from_std(self.std_command());
        cmd.timeout(self.patience.unwrap_or(std::time::Duration::from_secs(120)));
        cmd
    }

    /// The same command as a plain `std::process::Command`, for spawning and signalling.
    pub fn std_command(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_qbank"));
        for key in [
            "NO_COLOR",
            "CLICOLOR_FORCE",
            "LANG",
            "EDITOR",
            "VISUAL",
            "QBANK_CORPUS",
            "QBANK_HOME",
            "COLUMNS",
            "XDG_CACHE_HOME",
            "XDG_DATA_HOME",
            "QBANK_CACHE_DIR",
            "QBANK_NOW",
            "QBANK_DAY_STARTS_AT",
            "TZ",
            "QBANK_JUDGE_URL",
            "QBANK_JUDGE_MODEL",
            "QBANK_JUDGE_TIMEOUT",
            "QBANK_JUDGE_API_KEY",
            "OPENAI_API_KEY",
            "QBANK_CONFIG",
        ] {
            cmd.env_remove(key);
        }
        cmd.env("QBANK_HOME", self.home());
        // The user's own config file must not reach the tests; a test writes one here.
        cmd.env("QBANK_CONFIG", self.dir.path().join("user-config.toml"));
        cmd.env("XDG_CACHE_HOME", self.dir.path().join("cache"));
        cmd.current_dir(self.cwd.as_deref().unwrap_or(self.dir.path()));
        for (key, value) in &self.env {
            cmd.env(key, value);
        }
        cmd.args(&self.args);
        cmd
    }

    pub fn run(&self) -> Outcome {
        let mut cmd = self.command();
        if let Some(input) = &self.stdin {
            cmd.write_stdin(input.clone());
        }
        let output = cmd.output().expect("run qbank");
        Outcome {
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            code: output.status.code().unwrap_or(-1),
        }
    }

    /// Runs and asserts the exit status, printing both streams when it differs.
    pub fn code(&self, expected: i32) -> Outcome {
        let outcome = self.run();
        assert_eq!(
            outcome.code, expected,
            "exit status\n--- stdout\n{}\n--- stderr\n{}",
            outcome.stdout, outcome.stderr
        );
        outcome
    }

    pub fn succeeds(&self) -> Outcome {
        let outcome = self.code(0);
        assert!(outcome.stderr.is_empty(), "unexpected stderr: {}", outcome.stderr);
        outcome
    }

    /// Exits 2 with exactly one `error:` report that contains `needle`.
    pub fn fails_with(&self, needle: &str) -> Outcome {
        let outcome = self.code(2);
        assert!(outcome.stderr.starts_with("error: "), "stderr: {}", outcome.stderr);
        assert!(outcome.stderr.contains(needle), "expected {needle:?} in stderr:\n{}", outcome.stderr);
        assert!(outcome.stdout.is_empty(), "errors never go to stdout: {}", outcome.stdout);
        outcome
    }
}

impl Outcome {
    /// The ids at the start of `list`/`search` lines, in order.
    pub fn listed_ids(&self) -> Vec<u64> {
        self.stdout.lines().filter_map(|line| line.split_whitespace().next()?.parse().ok()).collect()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).expect("valid JSON on stdout")
    }
}

/// How many lines `bytes` has, counting as YAML does: a line ends at `\n`, `\r\n` or a lone `\r`.
pub fn line_count(bytes: &[u8]) -> u64 {
    let breaks = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')));
    breaks.count() as u64 + 1
}

/// A stand-in for a misbehaving or scripted model server: it speaks HTTP, lists one model,
/// `echo`, and answers every chat with `content`. Its URL, `http://127.0.0.1:PORT/v1`.
pub fn chat_server(content: &'static str) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = reply(stream, content);
        }
    });
    url
}

fn reply(stream: std::net::TcpStream, content: &str) -> std::io::Result<()> {
    use std::io::{BufRead, Read, Write};
    let mut reader = std::io::BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut length = 0;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header)?;
        if header.trim().is_empty() {
            break;
        }
        if let Some(value) = header.to_ascii_lowercase().strip_prefix("content-length:") {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let json = if request_line.contains("/models") {
        serde_json::json!({"data": [{"id": "echo"}]})
    } else {
        serde_json::json!({"choices": [{"message": {"role": "assistant", "content": content}}]})
    };
    let json = json.to_string();
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
        json.len()
    )
}
