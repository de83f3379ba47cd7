//! The analyser's English: words that carry no signal, judge's wording, and synonym groups.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::words::{key, keys};

/// Function words: never cues.
const STOP: &[&str] = &[
    "a", "about", "above", "across", "after", "again", "against", "all", "along", "also", "although",
    "am", "among", "an", "and", "another", "any", "are", "around", "as", "at", "be", "because",
    "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "d", "did",
    "do", "does", "doing", "during", "e", "each", "eg", "either", "else", "enough", "etc", "even",
    "ever", "every", "for", "from", "further", "g", "had", "has", "have", "having", "he", "her",
    "here", "hers", "him", "his", "how", "however", "i", "ie", "if", "in", "into", "is", "it", "its",
    "itself", "just", "ll", "m", "may", "me", "might", "more", "most", "much", "must", "my", "neither",
    "nor", "not", "now", "of", "often", "on", "once", "one", "ones", "only", "onto", "or", "other",
    "others", "otherwise", "our", "ours", "out", "over", "per", "quite", "rather", "re", "s", "same",
    "shall", "she", "should", "since", "so", "some", "such", "t", "than", "that", "the", "their",
    "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "though",
    "through", "thus", "to", "too", "toward", "towards", "under", "until", "up", "upon", "us", "ve",
    "very", "via", "was", "we", "were", "what", "whatever", "when", "where", "whether", "which",
    "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet",
    "you", "your", "yours", "no", "never", "always", "instead", "than", "still", "well", "like",
];

/// How look_for items are worded by the judge, not what the candidate must say.
const META: &[&str] = &[
    "acknowledge", "actual", "actually", "add", "adds", "answer", "apply", "applies", "ask", "asks",
    "assume", "assumes", "candidate", "case", "cases", "choose", "chooses", "clear", "clearly",
    "concrete", "cover", "covers", "define", "defines", "describe", "describes", "distinguish",
    "distinguishes", "equivalent", "example", "examples", "explain", "explains", "explicit",
    "explicitly", "genuine", "genuinely", "get", "gets", "give", "gives", "go", "goes", "handle",
    "handles", "help", "helps", "identify", "identifies", "include", "includes", "instance", "involve",
    "involves", "keep", "keeps", "kind", "know", "knows", "least", "make", "makes", "mention",
    "mentions", "name", "names", "need", "needs", "offer", "offers", "pick", "picks", "put", "puts",
    "real", "recognise", "recognises", "say", "says", "separate", "separates", "set", "sets",
    "show", "shows", "similar", "something", "someone", "specific", "state", "states", "take",
    "takes", "thing", "things", "treat", "treats", "use", "uses", "using", "visible", "visibly", "way",
    "ways", "whose", "level", "able", "rather", "than",
];

/// Domain words so common in any backend answer that they count half.
const GENERIC: &[&str] = &[
    "business", "change", "code", "company", "customer", "data", "decision", "design", "engineer",
    "engineering", "first", "impact", "issue", "new", "number", "old", "part", "people", "plan",
    "point", "problem", "process", "product", "production", "request", "result", "risk", "service",
    "step", "system", "team", "time", "user", "value", "work", "good", "better", "right", "small",
    "large", "quick", "fast", "high", "low", "each", "every", "early", "later", "many", "few",
    "outcome", "cost", "test", "metric", "measure", "app", "application", "api", "feature",
];

/// Words and phrases a candidate uses for the same idea. Each line is one group; a look_for word
/// or phrase in a group is matched by any member.
const SYNONYMS: &[&[&str]] = &[
    // delivery and release safety
    &["rollback", "roll back", "revert", "back out", "undo", "switch back"],
    &["reversible", "reversibility", "two-way door", "undo", "revert", "back out", "undone"],
    &["feature flag", "flag", "toggle", "kill switch", "switch", "dark launch"],
    &["canary", "staged rollout", "staged", "progressive delivery", "gradual", "gradually", "percentage rollout", "incremental rollout", "one at a time"],
    &["shadow", "shadow mode", "shadow traffic", "parallel run", "side by side", "dual run"],
    &["pilot", "trial", "experiment", "opt-in"],
    &["spike", "prototype", "proof of concept", "throwaway", "time-boxed", "timebox"],
    &["deploy", "release", "ship", "rollout", "roll out", "launch"],
    // decisions and writing
    &["adr", "rfc", "design doc", "design note", "decision record", "design document", "one-pager", "proposal", "write-up"],
    &["postmortem", "post-mortem", "incident review", "write-up", "retrospective", "retro", "incident report"],
    &["release notes", "changelog"],
    &["runbook", "playbook"],
    &["decision log", "decision record", "write down", "written down", "in writing"],
    // ownership and people
    &["owner", "owners", "ownership", "owns", "responsible", "accountable", "assigned", "dri"],
    &["delegate", "hand off", "handoff", "assign"],
    &["stakeholder", "product manager", "founder", "leadership"],
    &["communicate", "tell", "inform", "update", "message", "let know", "announce"],
    &["escalate", "raise", "manager"],
    &["blameless", "without blaming", "no blame", "without blame"],
    &["credit", "co-present", "presented together", "jointly"],
    &["incident commander", "coordinator", "incident lead", "comms lead"],
    &["declare", "incident channel", "sev-1", "sev1", "p0"],
    // evidence and numbers
    &["quantify", "measurable", "numbers", "percent", "measured"],
    &["metric", "number", "measure", "kpi", "indicator"],
    &["success metric", "success criteria"],
    &["benchmark", "load test", "measured", "profiling"],
    &["evidence", "data", "numbers", "history", "measurements"],
    &["baseline", "before and after", "went from", "dropped from"],
    &["incident", "outage", "page", "sev"],
    &["deadline", "date", "due", "target date", "target sprint"],
    &["customer", "user", "client"],
    &["revenue", "money", "sales", "paying"],
    &["blast radius", "affected", "which endpoints", "which regions", "which tenants"],
    &["status page"],
    &["cadence", "every 30 minutes", "every hour", "weekly", "every week", "regular"],
    &["timeline", "screenshots"],
    &["due date", "target date", "target sprint"],
    // reliability
    &["mitigate", "mitigation", "stop the bleeding", "pause", "throttle"],
    &["root cause", "understand why"],
    &["backoff", "back off", "exponential"],
    &["jitter", "randomised", "randomized"],
    &["retry budget", "capped retries", "cap retries"],
    &["load shedding", "shed load", "shed"],
    &["idempotency key", "idempotency-key", "unique key", "same key"],
    &["idempotent", "idempotency", "dedup", "deduplicate", "safe to rerun", "exactly once"],
    &["burn rate", "error budget"],
    &["timeout", "timed out", "times out", "timing out"],
    &["failure mode", "fails", "how it fails", "breaks"],
    &["fail open", "fail closed", "fail-open", "fail-closed"],
    &["fail over", "failover"],
    &["scale out", "scale up", "add capacity", "more instances"],
    &["rate limit", "throttle", "429"],
    &["reconcile", "reconciliation", "settlement"],
    &["signature", "signed", "hmac"],
    &["state machine", "status lifecycle", "lifecycle"],
    &["conditional update", "guarded update", "compare-and-set", "cas", "where status", "where version", "no rows", "zero rows"],
    &["optimistic", "optimistic concurrency", "optimistic locking"],
    &["pessimistic", "for update", "row lock"],
    &["contention", "conflicts", "hot row"],
    &["fencing token", "fencing"],
    &["distributed lock", "redis lock"],
    &["unique constraint", "unique index"],
    &["partition", "route", "keyed by", "sharded"],
    &["serialise", "in sequence", "one consumer", "sequentially", "one at a time"],
    &["parallelism", "parallel", "concurrently"],
    &["invariant", "must never happen", "never happen", "rules"],
    &["atomic", "lua"],
    &["retry-after", "retry after"],
    &["token bucket", "sliding window", "leaky bucket", "fixed window"],
    &["burst", "bursts"],
    &["drift", "drifts"],
    &["local", "each node", "per node", "in-memory"],
    &["latency budget", "millisecond", "ms"],
    &["accuracy", "exact", "precise"],
    &["plan", "tier"],
    // data and migrations
    &["expand contract", "expand and contract", "expand/contract", "dual write", "dual writes", "write both", "writes to both"],
    &["backfill", "copy the data", "historical rows", "existing rows"],
    &["batched", "batch", "chunks", "chunk"],
    &["resumable", "checkpoint", "restart", "resume"],
    &["throttled", "throttle", "backs off", "replica lag"],
    &["lock_timeout", "lock timeout", "concurrently", "gh-ost", "pt-online-schema-change", "exclusive lock"],
    &["parity", "checksums", "checksum", "mismatches", "mismatch", "compare"],
    &["irreversible", "can't undo", "cannot undo", "can't be undone", "permanent"],
    &["drop", "remove", "delete"],
    // legacy and migrations between systems
    &["contract", "recorded traffic", "real requests", "recorded", "quirks", "oddities"],
    &["adapter", "adapters", "facade", "compatibility layer", "strangler", "shim", "translation layer"],
    &["retired", "retire", "shut down", "turned off", "switched off", "decommission"],
    &["legacy", "old system", "old service"],
    // planning and estimates
    &["range", "ranges"],
    &["confidence", "confident", "sure"],
    &["assumption", "assuming"],
    &["re-forecast", "reforecast", "re-estimate", "tighter range"],
    &["commitment", "commit", "target", "estimate", "fixed date", "fixed scope"],
    &["milestone", "demo"],
    &["burn-up", "burn up", "burndown", "chart"],
    &["slip", "miss", "late"],
    &["options", "choices", "alternatives", "trade scope"],
    // debt
    &["debt", "tech debt", "technical debt"],
    &["churn", "high-churn", "change often", "changes often", "git history"],
    &["capacity", "reserve", "set aside", "sprint"],
    &["bundling", "bundled", "bundle"],
    &["roadmap", "upcoming"],
    &["uptime", "slo", "availability"],
    // learning and adoption
    &["primary", "source code", "read the source", "papers", "release notes", "changelog"],
    &["hands-on", "spike", "throwaway"],
    &["time budget", "hours a week", "every week", "block"],
    &["on-call", "paged", "3am", "on call"],
    &["upgrade", "upgrade path"],
    &["ecosystem", "community", "maturity", "mature"],
    &["exit", "migration cost", "back out", "lock-in"],
    &["rejecting", "not yet", "deferred", "said no", "turned down"],
    &["reopen", "revisit"],
    // disagreement and influence
    &["fairly", "fair point", "their case", "was right", "good point"],
    &["criteria", "agreed on", "would decide"],
    &["changes their mind", "conceded", "concede", "changed my mind"],
    &["joint decision", "agreed", "accepting", "accepted", "together"],
    &["relationship", "trust", "intact"],
    &["constraints", "worried", "objections", "concerns"],
    &["cost of agreement", "offered", "report-only", "warning-only", "opt-out", "opt-in"],
    // cutting scope
    &["protected", "non-negotiable", "refused to cut", "would not cut", "kept"],
    &["audit", "audit trail"],
    &["tracked", "backlog", "ticket"],
    &["defects", "bugs", "corrections", "incidents"],
    &["date met", "delivered", "made the date", "on time"],
    // incidents
    &["dashboards", "dashboard", "graphs", "error rate"],
    &["traces", "tracing", "logs", "query plan", "profiler"],
    &["hypothesis", "theory", "guess", "suspected"],
    &["roles", "take over", "took over"],
    &["systemic", "ci check", "alert on", "guardrail"],
    // prioritising
    &["urgency", "time sensitivity", "getting worse", "deadline"],
    &["data integrity", "corrupting", "corrupted", "corruption"],
    &["systemic problem", "keeps happening", "pattern"],
    &["ordering", "in order", "order of"],
    // impact beyond own work
    &["influence", "rfc", "other teams", "adopted", "standard", "default"],
    &["lasting", "still the default", "lasting impact"],
    &["recovery", "time to recover", "mttr", "recover"],
];

pub fn is_stop(key: &str) -> bool {
    sets().stop.contains_key(key)
}

pub fn is_meta(key: &str) -> bool {
    sets().meta.contains_key(key)
}

pub fn is_generic(key: &str) -> bool {
    sets().generic.contains_key(key)
}

/// A synonym group: every member as keys.
pub type Group = Vec<Vec<String>>;

/// The groups a word or phrase (as keys) belongs to.
pub fn groups_of(phrase: &[String]) -> &'static [usize] {
    sets().members.get(phrase).map_or(&[], Vec::as_slice)
}

pub fn group(id: usize) -> &'static Group {
    &sets().groups[id]
}

/// The longest phrase length among the members, so callers know how far to look ahead.
pub const LONGEST_MEMBER: usize = 6;

struct Sets {
    stop: HashMap<String, ()>,
    meta: HashMap<String, ()>,
    generic: HashMap<String, ()>,
    groups: Vec<Group>,
    members: HashMap<Vec<String>, Vec<usize>>,
}

fn sets() -> &'static Sets {
    static SETS: OnceLock<Sets> = OnceLock::new();
    SETS.get_or_init(|| {
        let set = |words: &[&str]| words.iter().map(|w| (key(w), ())).collect();
        let groups: Vec<Group> =
            SYNONYMS.iter().map(|g| g.iter().map(|m| keys(m)).filter(|k| !k.is_empty()).collect()).collect();
        let mut members: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
        for (id, group) in groups.iter().enumerate() {
            for member in group {
                let ids = members.entry(member.clone()).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        Sets { stop: set(STOP), meta: set(META), generic: set(GENERIC), groups, members }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_fit_the_lookahead() {
        assert!(SYNONYMS.iter().flat_map(|g| g.iter()).all(|m| keys(m).len() <= LONGEST_MEMBER));
    }

    #[test]
    fn phrases_find_their_groups() {
        assert!(!groups_of(&keys("rolled back")).is_empty());
        assert!(groups_of(&keys("zebra")).is_empty());
        assert!(is_stop(&key("the")) && is_meta(&key("describes")) && is_generic(&key("systems")));
    }
}
