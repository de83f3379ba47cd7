//! Whether a quote a model gives is really in the answer. Models tidy what they quote (curly
//! quotes, case, spacing, an ellipsis for a skipped stretch), so both sides are normalised; the
//! words themselves must match, in order.

/// A quote shorter than this (in letters and digits) shows nothing: "I" is in every answer.
const SHORTEST: usize = 4;

/// True when `quote` is found in `text`, piece by piece around any ellipsis.
pub fn found_in(quote: &str, text: &str) -> bool {
    let text = normalise(text);
    let quote = quote.replace('…', "...");
    let pieces: Vec<String> = quote.split("...").map(normalise).filter(|p| !p.is_empty()).collect();
    if pieces.iter().map(|p| p.chars().filter(|c| c.is_alphanumeric()).count()).sum::<usize>() < SHORTEST {
        return false;
    }
    let mut rest = text.as_str();
    for piece in &pieces {
        match rest.find(piece.as_str()) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    true
}

/// Lower case, plain quotes and dashes, one space between words, no quote marks or
/// punctuation at either end.
fn normalise(text: &str) -> String {
    let plain: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    let words = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    words.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

#[cfg(test)]
mod tests {
    use super::found_in;

    const ANSWER: &str =
        "I’d put a queue in front of the writer.\nThen we  shed load at 80% CPU — not before.";

    #[test]
    fn a_quote_tidied_by_the_model_is_still_found() {
        assert!(found_in("\"I'd put a queue in front of the writer\"", ANSWER));
        assert!(found_in("then we shed load at 80% cpu - not before.", ANSWER));
        assert!(found_in("put a queue … shed load", ANSWER));
    }

    #[test]
    fn words_that_are_not_in_the_answer_are_not_found() {
        assert!(!found_in("we add a cache in front of the writer", ANSWER));
        assert!(!found_in("shed load ... put a queue", ANSWER), "pieces keep their order");
        assert!(!found_in("I", ANSWER), "too short to show anything");
        assert!(!found_in("", ANSWER));
    }
}
