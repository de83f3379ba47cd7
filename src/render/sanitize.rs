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
/// newline and tab, and every invisible formatting character (Unicode's category Cf: bidi
/// controls, zero-width characters, word joiners, the BOM, tag characters), plus the line and
/// paragraph separators, which some terminals treat as line breaks.
pub fn is_hidden_or_control(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\0'..='\x1f' | '\x7f'..='\u{9f}' => true,
        _ => is_format(c),
    }
}

/// Unicode's format characters (category Cf, as of Unicode 16) and U+2028/U+2029.
fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{600}'..='\u{605}'
            | '\u{61c}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{890}'..='\u{891}'
            | '\u{8e2}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{110bd}'
            | '\u{110cd}'
            | '\u{13430}'..='\u{1343f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
    )
}

/// `clean` for text a format (CSV, Anki) writes to a terminal: as `clean`, but the CR of a
/// CRLF line end is kept, since it only ends the line.
pub fn clean_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden_or_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        match line.strip_suffix("\r\n") {
            Some(body) => {
                out.push_str(&clean(body));
                out.push_str("\r\n");
            }
            None => out.push_str(&clean(line)),
        }
    }
    Cow::Owned(out)
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
    fn invisible_formatting_is_shown() {
        assert_eq!(clean("a\u{2060}b\u{e0041}c\u{ad}"), "a<U+2060>b<U+E0041>c<U+00AD>");
        assert_eq!(clean("\u{2028}"), "<U+2028>");
    }

    #[test]
    fn crlf_line_ends_survive_clean_lines() {
        assert_eq!(clean_lines("a,b\r\nc\x1b]52;c;x\x07\r\n"), "a,b\r\nc\u{241b}]52;c;x\u{2407}\r\n");
        assert_eq!(clean_lines("lone\rcr\n"), "lone\u{240d}cr\n");
    }

    #[test]
    fn bidi_and_zero_width_are_shown() {
        assert_eq!(clean("a\u{202e}b\u{200b}c\u{2066}"), "a<U+202E>b<U+200B>c<U+2066>");
        assert_eq!(clean("a\u{61c}b"), "a<U+061C>b");
    }
}
