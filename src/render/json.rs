//! Pretty JSON that is harmless on a terminal and exact for any JSON reader.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::sanitize::is_hidden_or_control;

/// Writes `value` as pretty JSON. serde_json escapes only C0 controls; C1 controls (a
/// terminal may obey U+009B as CSI) and bidi or zero-width characters are written as
/// `\uXXXX` too, which every JSON reader decodes back to the same text.
pub fn write_pretty<W: Write, T: Serialize + ?Sized>(out: W, value: &T) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, Escaping(PrettyFormatter::new()));
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// What `write_pretty` writes, as a String.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> io::Result<String> {
    let mut out = Vec::new();
    write_pretty(&mut out, value)?;
    String::from_utf8(out).map_err(io::Error::other)
}

/// PrettyFormatter, with the extra escapes.
struct Escaping(PrettyFormatter<'static>);

impl Formatter for Escaping {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, out: &mut W, fragment: &str) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices().filter(|&(_, c)| is_hidden_or_control(c)) {
            out.write_all(&fragment.as_bytes()[start..at])?;
            // JSON escapes are UTF-16 code units: a pair of them outside the BMP.
            for unit in c.encode_utf16(&mut [0; 2]) {
                write!(out, "\\u{unit:04x}")?;
            }
            start = at + c.len_utf8();
        }
        out.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.begin_array(out)
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_array(out)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_array_value(out)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.begin_object(out)
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_object(out)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.begin_object_value(out)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_object_value(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(value: &serde_json::Value) -> String {
        to_string_pretty(value).expect("write to memory")
    }

    #[test]
    fn hidden_characters_are_escaped_and_decode_back() {
        let text = "a\u{9b}31m b\u{202e}c\u{200b}d \x1b é — ok";
        let value = serde_json::json!({ "text": text, "list": [text] });
        let written = json(&value);
        assert!(written.contains(r"a\u009b31m b\u202ec\u200bd \u001b é — ok"), "{written}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&written).expect("valid JSON"), value);
    }

    #[test]
    fn layout_is_serde_json_pretty() {
        let value = serde_json::json!({ "id": 1, "tags": ["a", "b"], "none": null, "empty": [] });
        assert_eq!(json(&value), serde_json::to_string_pretty(&value).expect("serialize"));
    }
}
