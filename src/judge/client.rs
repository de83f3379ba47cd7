//! A small client for the OpenAI-compatible chat-completions API that Ollama, llama.cpp's
//! server, vLLM, LM Studio and hosted APIs all speak: list the models, send one chat, get the
//! reply's text. Structured output is negotiated: the standard `json_schema` response format
//! first, then the `json_object`-with-schema form llama-cpp-python and others take, then plain
//! JSON asked for in the prompt; the first the server accepts is kept for the process.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::JudgeError;

/// Where the judge runs and how long to wait for it.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// The API's base URL, e.g. `http://127.0.0.1:11434/v1`.
    pub url: String,
    /// The model to ask for; None: the server's only model.
    pub model: Option<String>,
    /// Sent as a bearer token; never logged.
    pub api_key: Option<String>,
    pub connect_timeout: Duration,
    /// For a whole request, reply included: a server that never stops sending is cut off.
    pub timeout: Duration,
}

/// Where `--verbose` lines go; None: nowhere.
pub type Log = Option<Box<dyn Fn(&str) + Send + Sync>>;

/// A judgement is a few hundred tokens; a model that runs on is cut off here.
const MAX_REPLY_TOKENS: u32 = 1500;
/// Replies larger than this are refused: a judgement is a few kilobytes.
const MAX_REPLY_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Structured {
    JsonSchema,
    JsonObject,
    Prompted,
}

pub struct Client {
    endpoint: Endpoint,
    agent: ureq::Agent,
    log: Log,
    structured: Mutex<Structured>,
}

/// A chat message: `system` or `user`, and its text.
pub struct Message<'a> {
    pub role: &'a str,
    pub content: String,
}

impl Client {
    pub fn new(endpoint: Endpoint, log: Log) -> Client {
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(endpoint.connect_timeout))
            .timeout_global(Some(endpoint.timeout))
            .http_status_as_error(false)
            .build()
            .into();
        Client { endpoint, agent, log, structured: Mutex::new(Structured::JsonSchema) }
    }

    fn structured(&self) -> Structured {
        *self.structured.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The ids of the models the server offers (`GET /models`).
    pub fn models(&self) -> Result<Vec<String>, JudgeError> {
        let url = self.url("models");
        self.note(&format!("GET {url}"));
        let started = Instant::now();
        let request = self.authorised(self.agent.get(&url));
        let (status, body) = self.finish(&url, request.call(), started)?;
        if status != 200 {
            return Err(Self::http_error(&url, status, &body));
        }
        let value: Value = serde_json::from_str(&body)
            .map_err(|e| JudgeError(format!("{url} did not answer with JSON: {e}")))?;
        let ids = value["data"].as_array().map(|models| {
            models.iter().filter_map(|m| m["id"].as_str().map(String::from)).collect::<Vec<_>>()
        });
        ids.ok_or_else(|| JudgeError(format!("{url} answered without a `data` list of models")))
    }

    /// The text of the reply to `messages` from `model`, shaped by `schema` where the server
    /// can enforce one.
    pub fn chat(&self, model: &str, messages: &[Message], schema: &Value) -> Result<String, JudgeError> {
        loop {
            let mode = self.structured();
            match self.chat_once(model, messages, schema, mode) {
                Err(Refused(why)) => match next(mode) {
                    Some(fallback) => {
                        self.note(&format!(
                            "the server refused the {mode:?} response format; trying {fallback:?}"
                        ));
                        *self.structured.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = fallback;
                    }
                    None => return Err(why),
                },
                Ok(reply) => return reply,
            }
        }
    }

    fn chat_once(
        &self,
        model: &str,
        messages: &[Message],
        schema: &Value,
        mode: Structured,
    ) -> Result<Result<String, JudgeError>, Refused> {
        let url = self.url("chat/completions");
        let messages: Vec<Value> =
            messages.iter().map(|m| json!({"role": m.role, "content": m.content})).collect();
        let mut body = json!({
            "model": model,
            "messages": messages,
            "temperature": 0,
            "stream": false,
            "max_tokens": MAX_REPLY_TOKENS
        });
        match mode {
            Structured::JsonSchema => {
                body["response_format"] = json!({"type": "json_schema", "json_schema": {"name": "reply", "strict": true, "schema": schema}});
            }
            Structured::JsonObject => {
                body["response_format"] = json!({"type": "json_object", "schema": schema});
            }
            Structured::Prompted => {}
        }
        let text = body.to_string();
        self.note(&format!("POST {url} model {model}, {} bytes, response format {mode:?}", text.len()));
        let started = Instant::now();
        let request =
            self.authorised(self.agent.post(&url)).header("Content-Type", "application/json").send(text);
        let (status, reply) = match self.finish(&url, request, started) {
            Ok(done) => done,
            Err(e) => return Ok(Err(e)),
        };
        if status != 200 {
            let error = Self::http_error(&url, status, &reply);
            let about_format = reply.contains("response_format") || reply.contains("json_schema");
            if mode != Structured::Prompted && matches!(status, 400 | 422 | 500 | 501) && about_format {
                return Err(Refused(error));
            }
            return Ok(Err(error));
        }
        Ok(content(&url, &reply))
    }

    /// Sends, reads the whole body within the limits, logs the status and time.
    fn finish(
        &self,
        url: &str,
        sent: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
        started: Instant,
    ) -> Result<(u16, String), JudgeError> {
        let mut response = sent.map_err(|e| self.transport_error(url, &e))?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_REPLY_BYTES)
            .read_to_string()
            .map_err(|e| self.transport_error(url, &e))?;
        self.note(&format!(
            "{url}: HTTP {status}, {} bytes in {} ms",
            body.len(),
            started.elapsed().as_millis()
        ));
        Ok((status, body))
    }

    fn authorised<B>(&self, request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        match &self.endpoint.api_key {
            Some(key) => request.header("Authorization", format!("Bearer {key}")),
            None => request,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.endpoint.url.trim_end_matches('/'))
    }

    fn note(&self, line: &str) {
        if let Some(log) = &self.log {
            log(line);
        }
    }

    fn transport_error(&self, url: &str, error: &ureq::Error) -> JudgeError {
        let why = match error {
            ureq::Error::Timeout(_) => format!(
                "no complete answer within {} s (QBANK_JUDGE_TIMEOUT sets the limit)",
                self.endpoint.timeout.as_secs()
            ),
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
                "connection refused: is the server running?".to_string()
            }
            ureq::Error::BodyExceedsLimit(_) => format!("the reply is larger than {MAX_REPLY_BYTES} bytes"),
            other => other.to_string(),
        };
        JudgeError(format!("cannot use the judge at {url}: {why}"))
    }

    fn http_error(url: &str, status: u16, body: &str) -> JudgeError {
        let message = serde_json::from_str::<Value>(body)
            .ok()
            .and_then(|v| v["error"]["message"].as_str().or(v["error"].as_str()).map(String::from))
            .unwrap_or_else(|| body.to_string());
        let message: String = message.split_whitespace().collect::<Vec<_>>().join(" ");
        let short: String = message.chars().take(200).collect();
        let hint = match status {
            401 | 403 => " (check QBANK_JUDGE_API_KEY or OPENAI_API_KEY)",
            404 => " (is the URL the API's base, such as http://127.0.0.1:11434/v1?)",
            _ => "",
        };
        JudgeError(format!("the judge at {url} answered HTTP {status}{hint}: {short}"))
    }
}

/// A server's refusal of a response format, which the next format may get past.
struct Refused(JudgeError);

fn next(mode: Structured) -> Option<Structured> {
    match mode {
        Structured::JsonSchema => Some(Structured::JsonObject),
        Structured::JsonObject => Some(Structured::Prompted),
        Structured::Prompted => None,
    }
}

/// The first choice's message text of a chat-completions reply.
fn content(url: &str, reply: &str) -> Result<String, JudgeError> {
    let value: Value = serde_json::from_str(reply).map_err(|e| {
        JudgeError(format!("the judge at {url} did not answer with chat-completions JSON: {e}"))
    })?;
    value["choices"][0]["message"]["content"].as_str().map(String::from).ok_or_else(|| {
        JudgeError(format!("the judge at {url} answered without `choices[0].message.content`"))
    })
}
