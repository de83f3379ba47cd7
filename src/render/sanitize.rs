//! Corpus text is data: control and invisible formatting characters are shown, never obeyed.

use std::borrow::Cow;

/// Replaces characters that could move the cursor, recolour or retitle the terminal, or
/// reorder what the reader sees (Trojan Source bidi overrides), with visible stand-ins.
/// Newline and tab are kept.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden_or_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            c if !is_hidden_or_control(c) => out.push(c),
            // C0 controls have visible "control pictures" at U+2400 + code.
            '\0'..='\x1f' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
            '\x7f' => out.push('\u{2421}'),
            c => out.push_str(&format!("<U+{:04X}>", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// A character that a terminal obeys or that hides itself: C0 and C1 controls other than
/// newline and tab, bidi controls, zero-width characters and the BOM.
pub fn is_hidden_or_control(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\0'..='\x1f' | '\x7f'..='\u{9f}' => true,
        '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}' => true,
        // The Arabic letter mark, the one bidi control outside the ranges above.
        '\u{61c}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_untouched() {
        assert!(matches!(clean("Design a cache\n\twith TTLs — café"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_become_visible() {
        assert_eq!(clean("a\x1b[31mb\x07\r"), "a\u{241b}[31mb\u{2407}\u{240d}");
        assert_eq!(clean("x\u{9b}y"), "x<U+009B>y");
    }

    #[test]
    fn bidi_and_zero_width_are_shown() {
        assert_eq!(clean("a\u{202e}b\u{200b}c\u{2066}"), "a<U+202E>b<U+200B>c<U+2066>");
        assert_eq!(clean("a\u{61c}b"), "a<U+061C>b");
    }
}
