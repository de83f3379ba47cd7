//! "Did you mean" for typos in rounds, tags, fields and ids.

/// The candidate closest to `input`, if it is close enough to be what the user meant.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input = input.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(&input, &candidate.to_lowercase()), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// " (did you mean 'x'?)" or nothing.
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(input, candidates).map(|c| format!(" (did you mean '{c}'?)")).unwrap_or_default()
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
    }
}
