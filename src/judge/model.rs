//! A language model as the judge: the question, its rubric and the candidate's words go in; a
//! JSON judgement against a schema comes back, is validated (once retried), and every quote in
//! it is checked against what the candidate wrote.

use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::{Value, json};

use super::client::{Client, Message};
use super::quotes::found_in;
use super::{DeliveryScore, ItemFinding, Judge, JudgeError, Judgement, Quoted, Submission, offline_feedback};
use crate::feedback::Verdict;
use crate::model::{Framework, Question};
use crate::text::{human, suggest};

/// The three delivery aspects seed 001's simulator scores.
const ASPECTS: [&str; 3] = ["confidence", "clarity", "delivery"];
/// A follow-up longer than this is not one question.
const LONGEST_FOLLOW_UP: usize = 400;

pub struct ModelJudge {
    client: Client,
    /// The model in use, resolved on first use: the configured one, checked against the
    /// server's list, or the server's only model.
    model: OnceLock<Result<String, JudgeError>>,
}

impl ModelJudge {
    pub fn new(client: Client) -> ModelJudge {
        ModelJudge { client, model: OnceLock::new() }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The model this judge asks, checked against what the server offers.
    pub fn model(&self) -> Result<String, JudgeError> {
        self.model.get_or_init(|| self.resolve_model()).clone()
    }

    fn resolve_model(&self) -> Result<String, JudgeError> {
        let url = &self.client.endpoint().url;
        let configured = self.client.endpoint().model.clone();
        let offered = match self.client.models() {
            Ok(offered) => offered,
            // Some servers have no model list; the configured name is all there is to go on.
            Err(_) if configured.is_some() => return Ok(configured.unwrap_or_default()),
            Err(e) => return Err(e),
        };
        match configured {
            Some(model) if offered.contains(&model) => Ok(model),
            Some(model) => {
                let listed: Vec<&str> = offered.iter().take(8).map(String::as_str).collect();
                let hint = suggest::did_you_mean_or_list(
                    &model,
                    offered.iter().map(String::as_str),
                    &listed,
                    "its models",
                );
                Err(JudgeError(format!("the judge at {url} does not serve the model `{model}`{hint}")))
            }
            None => match offered.as_slice() {
                [only] => Ok(only.clone()),
                [] => Err(JudgeError(format!("the judge at {url} serves no model"))),
                many => Err(JudgeError(format!(
                    "the judge at {url} serves {} models: choose one with QBANK_JUDGE_MODEL or --judge-model ({})",
                    many.len(),
                    many.iter().take(8).cloned().collect::<Vec<_>>().join(", ")
                ))),
            },
        }
    }

    /// The reply to `prompt`, parsed by `parse`; a reply that does not parse is sent back with
    /// the reason once.
    fn ask<T>(
        &self,
        system: &str,
        prompt: String,
        schema: &Value,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, JudgeError> {
        let model = self.model()?;
        let mut messages = vec![
            Message { role: "system", content: system.to_string() },
            Message { role: "user", content: prompt },
        ];
        let first = self.client.chat(&model, &messages, schema)?;
        let why = match parse(&first) {
            Ok(parsed) => return Ok(parsed),
            Err(why) => why,
        };
        messages.push(Message { role: "assistant", content: first });
        messages.push(Message {
            role: "user",
            content: format!("That reply was not usable: {why}. Reply again with only the JSON object the schema describes."),
        });
        let second = self.client.chat(&model, &messages, schema)?;
        parse(&second).map_err(|why| {
            JudgeError(format!(
                "the model `{model}` twice replied with JSON that does not fit the schema ({why})"
            ))
        })
    }
}

impl Judge for ModelJudge {
    /// The model once it is known (the first request resolves it), else the configured name.
    fn name(&self) -> String {
        let model = match self.model.get() {
            Some(Ok(model)) => model.clone(),
            _ => self.client.endpoint().model.clone().unwrap_or_else(|| "the server's model".to_string()),
        };
        format!("{model} at {}", self.client.endpoint().url)
    }

    fn judge(&self, submission: &Submission) -> Result<Judgement, JudgeError> {
        let looks = submission.question.look_for.len();
        let schema = judgement_schema(looks);
        let reply =
            self.ask(SYSTEM, judgement_prompt(submission), &schema, |text| parse_judgement(text, looks))?;
        Ok(checked(reply, submission, self.name()))
    }

    fn follow_up(&self, question: &Question, answer: &str, asked: &[String]) -> Result<String, JudgeError> {
        let schema = json!({
            "type": "object",
            "properties": {"follow_up": {"type": "string", "maxLength": 400}},
            "required": ["follow_up"],
            "additionalProperties": false
        });
        self.ask(SYSTEM_FOLLOW_UP, follow_up_prompt(question, answer, asked), &schema, parse_follow_up)
    }
}

const SYSTEM: &str = "You are a senior engineering interviewer judging one candidate's answer against a \
rubric. Judge only what the candidate wrote. For every claim, quote the candidate's own words exactly, \
never the rubric or the reference answer. The reference answer is one good answer, not a template: a \
different answer can be as good. A statement that is vague, or confident and wrong, does not cover an \
item. Reply with one JSON object and nothing else.";

const SYSTEM_FOLLOW_UP: &str = "You are a senior engineering interviewer. After the candidate's answer you \
ask one short follow-up question that probes what they said: a detail they skipped, a trade-off, a \
number, what they would do differently. Use their own words. Reply with one JSON object and nothing else.";

fn judgement_prompt(s: &Submission) -> String {
    let q = s.question;
    let mut prompt = format!("Interview question (#{}, {} round", q.id, q.round.title());
    if let Some(competency) = q.competency {
        prompt.push_str(&format!(", competency: {}", competency.name()));
    }
    prompt.push_str(&format!("):\n{}\n\n", q.question.trim()));
    if let Some(framework) = q.framework {
        prompt.push_str(&format!("Expected shape: {}.\n\n", shape(framework)));
    }
    prompt.push_str("What a strong answer shows (look_for), numbered:\n");
    for (i, item) in q.look_for.iter().enumerate() {
        prompt.push_str(&format!("{}. {item}\n", i + 1));
    }
    if !q.red_flags.is_empty() {
        prompt.push_str("\nRed flags:\n");
        for flag in &q.red_flags {
            prompt.push_str(&format!("- {flag}\n"));
        }
    }
    prompt.push_str(&format!("\nReference answer (for calibration only):\n{}\n\n", q.sample_answer.trim()));
    if let Some(limit) = s.limit {
        prompt.push_str(&format!(
            "The candidate had {} to answer aloud.\n",
            human::duration(limit.as_secs() as u32)
        ));
    }
    prompt.push_str(&format!("The candidate's answer:\n<<<\n{}\n>>>\n", s.answer.trim()));
    for (i, reply) in s.follow_ups.iter().enumerate() {
        prompt.push_str(&format!(
            "\nFollow-up {} asked: {}\nThe candidate's reply:\n<<<\n{}\n>>>\n",
            i + 1,
            reply.question.trim(),
            reply.answer.trim()
        ));
    }
    prompt.push_str(
        "\nReply with JSON: `look_for`: for each numbered item, {\"item\": its number, \"covered\": true or \
         false, \"quote\": the candidate's exact words that show it, or \"\"}; `red_flags`: only the flags the \
         answer shows, each {\"flag\": which, \"quote\": the candidate's exact words}; `structure`: one sentence \
         on the answer's shape; `confidence`, `clarity`, `delivery`: each {\"score\": 1 to 5, \"comment\": one \
         sentence}; `verdict`: \"strong\", \"borderline\" or \"weak\"; `reasons`: two or three short sentences.",
    );
    prompt
}

fn shape(framework: Framework) -> &'static str {
    match framework {
        Framework::Star => "a STAR story: situation, task, the candidate's own actions, a measured result",
        Framework::SystemDesign => {
            "the design steps: requirements, estimates, an API and data model, a high-level design, deep \
             dives, trade-offs and failure modes"
        }
        Framework::Approach => "an approach: how the candidate works, with concrete practices and an example",
    }
}

fn follow_up_prompt(question: &Question, answer: &str, asked: &[String]) -> String {
    let mut prompt = format!(
        "Interview question:\n{}\n\nThe candidate's answer:\n<<<\n{}\n>>>\n",
        question.question.trim(),
        answer.trim()
    );
    if !question.follow_ups.is_empty() {
        prompt.push_str("\nFollow-ups interviewers often ask of this question, for inspiration:\n");
        for follow_up in &question.follow_ups {
            prompt.push_str(&format!("- {follow_up}\n"));
        }
    }
    if !asked.is_empty() {
        prompt.push_str("\nAlready asked (do not repeat):\n");
        for follow_up in asked {
            prompt.push_str(&format!("- {follow_up}\n"));
        }
    }
    prompt.push_str("\nReply with a JSON object with one key, `follow_up`, whose value is your question (one or two sentences).");
    prompt
}

/// The judgement's JSON schema for a question with `looks` look_for items: the item numbers
/// are an enum, so a server that enforces the schema cannot name an item that is not there.
fn judgement_schema(looks: usize) -> Value {
    let numbers: Vec<usize> = (1..=looks.max(1)).collect();
    // Bounded lengths and counts keep a small model from looping until its context is full.
    let sentence = json!({"type": "string", "maxLength": 300});
    let score = json!({
        "type": "object",
        "properties": {"score": {"type": "integer", "enum": [1, 2, 3, 4, 5]}, "comment": sentence},
        "required": ["score", "comment"],
        "additionalProperties": false
    });
    json!({
        "type": "object",
        "properties": {
            "look_for": {"type": "array", "maxItems": looks.max(1), "items": {
                "type": "object",
                "properties": {
                    "item": {"type": "integer", "enum": numbers},
                    "covered": {"type": "boolean"},
                    "quote": sentence
                },
                "required": ["item", "covered", "quote"],
                "additionalProperties": false
            }},
            "red_flags": {"type": "array", "maxItems": 5, "items": {
                "type": "object",
                "properties": {"flag": sentence, "quote": sentence},
                "required": ["flag", "quote"],
                "additionalProperties": false
            }},
            "structure": sentence,
            "confidence": score.clone(),
            "clarity": score.clone(),
            "delivery": score,
            "verdict": {"type": "string", "enum": ["strong", "borderline", "weak"]},
            "reasons": {"type": "array", "maxItems": 3, "items": sentence}
        },
        "required": ["look_for", "red_flags", "structure", "confidence", "clarity", "delivery", "verdict", "reasons"],
        "additionalProperties": false
    })
}

/// A judgement as the model sent it, before its quotes are checked.
#[derive(Debug, Deserialize)]
struct Reply {
    look_for: Vec<ReplyItem>,
    #[serde(default)]
    red_flags: Vec<ReplyFlag>,
    #[serde(default)]
    structure: String,
    confidence: ReplyScore,
    clarity: ReplyScore,
    delivery: ReplyScore,
    verdict: String,
    #[serde(default)]
    reasons: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ReplyItem {
    item: i64,
    covered: bool,
    #[serde(default)]
    quote: String,
}

#[derive(Debug, Deserialize)]
struct ReplyFlag {
    flag: String,
    #[serde(default)]
    quote: String,
}

#[derive(Debug, Deserialize)]
struct ReplyScore {
    score: i64,
    #[serde(default)]
    comment: String,
}

/// The JSON object in a reply; models asked for JSON in the prompt sometimes wrap it in prose
/// or a code fence, and small ones put raw line breaks inside strings, which JSON forbids and
/// which mean nothing here: they become spaces.
fn json_object(text: &str) -> Result<String, String> {
    let start = text.find('{').ok_or("the reply holds no JSON object")?;
    let end = text.rfind('}').ok_or("the reply's JSON object is not closed")?;
    if end < start {
        return Err("the reply's JSON object is not closed".to_string());
    }
    Ok(text[start..=end].chars().map(|c| if c.is_control() { ' ' } else { c }).collect())
}

fn parse_judgement(text: &str, looks: usize) -> Result<Reply, String> {
    let reply: Reply = serde_json::from_str(&json_object(text)?).map_err(|e| e.to_string())?;
    if verdict(&reply.verdict).is_none() {
        return Err(format!("`verdict` is {:?}, not strong, borderline or weak", reply.verdict));
    }
    for (name, score) in ASPECTS.iter().zip([&reply.confidence, &reply.clarity, &reply.delivery]) {
        if !(1..=5).contains(&score.score) {
            return Err(format!("`{name}.score` is {}, not 1 to 5", score.score));
        }
    }
    if let Some(item) = reply.look_for.iter().find(|i| i.item < 1 || i.item > looks as i64) {
        return Err(format!("`look_for` names item {}, but the items are numbered 1 to {looks}", item.item));
    }
    Ok(reply)
}

fn parse_follow_up(text: &str) -> Result<String, String> {
    let value: Value = serde_json::from_str(&json_object(text)?).map_err(|e| e.to_string())?;
    let follow_up = value["follow_up"].as_str().ok_or("no `follow_up` string")?;
    let follow_up = follow_up.split_whitespace().collect::<Vec<_>>().join(" ");
    match follow_up.chars().count() {
        0 => Err("the `follow_up` is empty".to_string()),
        n if n > LONGEST_FOLLOW_UP => {
            Err(format!("the `follow_up` is {n} characters, not one short question"))
        }
        _ => Ok(follow_up),
    }
}

fn verdict(word: &str) -> Option<Verdict> {
    match word.trim().to_ascii_lowercase().as_str() {
        "strong" => Some(Verdict::Strong),
        "borderline" => Some(Verdict::Borderline),
        "weak" => Some(Verdict::Weak),
        _ => None,
    }
}

/// The judgement with every quote checked against the candidate's words: an item whose quote
/// is not there is missing, a red flag whose quote is not there is dropped, and each such claim
/// is counted.
fn checked(reply: Reply, submission: &Submission, judge: String) -> Judgement {
    let mut said = submission.answer.to_string();
    for follow_up in submission.follow_ups {
        said.push('\n');
        said.push_str(&follow_up.answer);
    }
    let mut unsupported = 0;
    let look_for: Vec<ItemFinding> = submission
        .question
        .look_for
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let claim = reply.look_for.iter().find(|i| i.item == index as i64 + 1);
            let quote = claim.filter(|c| c.covered).map(|c| c.quote.trim().to_string());
            let supported = quote.as_deref().is_some_and(|q| found_in(q, &said));
            if quote.is_some() && !supported {
                unsupported += 1;
            }
            ItemFinding { index, item: item.clone(), covered: supported, quote: quote.filter(|_| supported) }
        })
        .collect();
    let red_flags = reply
        .red_flags
        .into_iter()
        .filter(|flag| {
            let supported = found_in(&flag.quote, &said);
            unsupported += usize::from(!supported);
            supported
        })
        .map(|flag| Quoted { what: flag.flag.trim().to_string(), quote: flag.quote.trim().to_string() })
        .collect();
    let delivery = ASPECTS
        .iter()
        .zip([reply.confidence, reply.clarity, reply.delivery])
        .map(|(aspect, s)| DeliveryScore {
            aspect: aspect.to_string(),
            score: s.score as u8,
            comment: s.comment,
        })
        .collect();
    let reasons = reply.reasons.into_iter().map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).take(4);
    let (verdict, reasons) =
        grounded(verdict(&reply.verdict).unwrap_or(Verdict::Weak), reasons.collect(), &look_for);
    Judgement {
        judge,
        verdict,
        reasons,
        look_for,
        red_flags,
        structure: reply.structure.trim().to_string(),
        delivery,
        unsupported_quotes: unsupported,
        fallback: None,
        offline: offline_feedback(submission),
    }
}

/// A verdict is only as good as its evidence: "strong" needs the candidate's own words for at
/// least half of what a strong answer shows, else it is lowered to borderline, and says why.
fn grounded(verdict: Verdict, mut reasons: Vec<String>, look_for: &[ItemFinding]) -> (Verdict, Vec<String>) {
    let shown = look_for.iter().filter(|i| i.covered).count();
    if verdict != Verdict::Strong || shown * 2 >= look_for.len() {
        return (verdict, reasons);
    }
    let total = look_for.len();
    reasons.insert(0, format!("lowered from strong: your own words show only {shown} of {total} signals"));
    (Verdict::Borderline, reasons)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"look_for":[{"item":1,"covered":true,"quote":"a queue in front"}],"red_flags":[],
        "structure":"s","confidence":{"score":4,"comment":"c"},"clarity":{"score":3,"comment":"c"},
        "delivery":{"score":5,"comment":"c"},"verdict":"strong","reasons":["r"]}"#;

    #[test]
    fn strong_needs_the_candidates_words_for_half_the_signals() {
        let items = |covered: &[bool]| -> Vec<ItemFinding> {
            covered
                .iter()
                .enumerate()
                .map(|(index, &covered)| ItemFinding { index, item: String::new(), covered, quote: None })
                .collect()
        };
        let (verdict, reasons) =
            grounded(Verdict::Strong, vec!["model".into()], &items(&[true, false, false]));
        assert_eq!(verdict, Verdict::Borderline);
        assert_eq!(reasons[0], "lowered from strong: your own words show only 1 of 3 signals");
        assert_eq!(
            grounded(Verdict::Strong, Vec::new(), &items(&[true, true, false, false])).0,
            Verdict::Strong
        );
        assert_eq!(grounded(Verdict::Weak, Vec::new(), &items(&[true, true])).0, Verdict::Weak);
    }

    #[test]
    fn a_reply_in_a_code_fence_still_parses() {
        assert!(parse_judgement(&format!("Here you are:\n```json\n{GOOD}\n```"), 2).is_ok());
    }

    #[test]
    fn a_reply_outside_the_schema_says_what_is_wrong() {
        let bad_verdict = GOOD.replace("\"strong\"", "\"great\"");
        assert!(parse_judgement(&bad_verdict, 2).unwrap_err().contains("`verdict` is \"great\""));
        let bad_score = GOOD.replace("\"score\":4", "\"score\":9");
        assert!(parse_judgement(&bad_score, 2).unwrap_err().contains("`confidence.score` is 9"));
        assert!(parse_judgement(GOOD, 0).unwrap_err().contains("numbered 1 to 0"));
        assert!(parse_judgement("no json here", 2).unwrap_err().contains("no JSON object"));
        assert!(parse_follow_up(r#"{"follow_up":"  "}"#).unwrap_err().contains("empty"));
    }
}
