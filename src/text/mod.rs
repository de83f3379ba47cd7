//! Words as qbank reads them: the tokens of a text, the light stem that search and the corpus
//! checks compare by, the keys the answer analyser matches by, the stop words, and the lexicon
//! they all come from; with "did you mean" and quantities as people read them.

pub mod human;
pub mod lexicon;
pub mod suggest;

use lexicon::LEXICON;

/// Lowercased words with their byte offsets in `text`.
pub fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(move |word| (word.as_ptr() as usize - text.as_ptr() as usize, word))
}

/// Lowercase words of `text`, for counting.
pub fn lower_tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    tokens(text).map(|(_, word)| word.to_lowercase())
}

/// Strips the English endings that most often separate a query from its match.
pub fn stem(word: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s", "e"] {
        if let Some(root) = word.strip_suffix(suffix)
            && root.chars().count() >= 3
        {
            return root;
        }
    }
    word
}

/// A function word ("the", "of", "however"), given in lower case: never compared.
pub fn is_stop_word(word: &str) -> bool {
    LEXICON.stop.contains(&word)
}

/// Keys for each word of a phrase.
pub fn keys(phrase: &str) -> Vec<String> {
    tokens(phrase).map(|(_, w)| key(w)).collect()
}

/// The key a word matches by: lowercase, British spelling, common endings removed, so that
/// "reversible", "reversibility" and "reverse" meet, as do "deploys" and "deployment".
pub fn key(word: &str) -> String {
    let mut word = word.to_lowercase();
    for &(american, british) in LEXICON.spellings {
        if let Some(root) = word.strip_suffix(american) {
            word = format!("{root}{british}");
            break;
        }
    }
    for _ in 0..3 {
        let next = strip_once(&word);
        if next == word {
            break;
        }
        word = next;
    }
    word
}

fn strip_once(word: &str) -> String {
    for &(ending, replacement) in LEXICON.endings {
        if let Some(root) = word.strip_suffix(ending)
            && root.chars().count() >= 4
        {
            return format!("{root}{replacement}");
        }
    }
    stem(word).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_families_share_a_key() {
        for family in [
            &["reversible", "reversibility", "reverse", "reversal"][..],
            &["deploy", "deploys", "deployed", "deployment", "deploying"],
            &["retry", "retries", "retried", "retrying"],
            &["migrate", "migration", "migrations", "migrating"],
            &["own", "owns", "owned"],
            &["owner", "owners", "ownership"],
            &["prioritise", "prioritize", "prioritisation", "prioritized"],
            &["incident", "incidents"],
            &["idempotent", "idempotency"],
        ] {
            let keys: Vec<String> = family.iter().map(|w| key(w)).collect();
            assert!(keys.iter().all(|k| k == &keys[0]), "{family:?} -> {keys:?}");
        }
    }

    #[test]
    fn different_words_stay_apart() {
        assert_ne!(key("cache"), key("cash"));
        assert_ne!(key("tenant"), key("ten"));
        assert_ne!(key("user"), key("us"));
    }

    #[test]
    fn stop_words_are_function_words() {
        assert!(is_stop_word("the") && is_stop_word("however"));
        assert!(!is_stop_word("cache"));
    }
}
