//! "Did you mean" for typos in rounds, tags, fields and ids.

/// Longer input is not a typo of a name, and comparing it would cost time in proportion to
/// its length squared (a megabyte-long `round:` took seconds).
const MAX_TYPO_BYTES: usize = 100;

/// The candidate closest to `input`, if it is close enough to be what the user meant.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if input.len() > MAX_TYPO_BYTES {
        return None;
    }
    let input = input.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (similarity(&input, &candidate.to_lowercase()), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// How alike two names are, 0 to 1. A typo of one part of a kebab-case name counts too:
/// `judgement` is close to `technical-judgment`.
fn similarity(input: &str, candidate: &str) -> f64 {
    let whole = strsim::jaro_winkler(input, candidate);
    let part = candidate
        .split('-')
        .filter(|part| part.len() >= 4 && candidate.contains('-'))
        // One edit per four letters: `judgement` is near `judgment`, `nope` is not near `code`.
        .map(|part| if strsim::levenshtein(input, part) <= part.len() / 4 { 0.85 } else { 0.0 })
        .fold(0.0, f64::max);
    whole.max(part)
}

/// " (did you mean 'x'?)" or nothing.
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(input, candidates).map(|c| format!(" (did you mean '{c}'?)")).unwrap_or_default()
}

/// " (did you mean 'x'?)" when a candidate is close; otherwise "; NAMES are a, b, c" listing
/// `listed` (the canonical names, where the candidates also hold aliases), so a message about
/// an unknown name always says what would have been understood.
pub fn did_you_mean_or_list<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    listed: &[&str],
    names: &str,
) -> String {
    match closest(input, candidates) {
        Some(near) => format!(" (did you mean '{near}'?)"),
        None => format!("; {names} are {}", listed.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let rounds = ["phone-screen", "behavioural", "leadership"];
        assert_eq!(closest("behavoural", rounds), Some("behavioural"));
        assert_eq!(closest("LEADERSHP", rounds), Some("leadership"));
        assert_eq!(closest("kubernetes", rounds), None);
        assert_eq!(closest("judgement", ["pragmatism", "technical-judgment"]), Some("technical-judgment"));
        assert_eq!(closest("nope", ["code-review", "system-design"]), None);
    }

    #[test]
    fn an_unknown_name_gets_a_suggestion_or_the_list() {
        let rounds = ["phone-screen", "leadership"];
        let hint = |input| did_you_mean_or_list(input, rounds, &rounds, "rounds");
        assert_eq!(hint("leadrship"), " (did you mean 'leadership'?)");
        assert_eq!(hint("coding"), "; rounds are phone-screen, leadership");
    }
}
