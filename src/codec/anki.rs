//! The Anki note format qbank writes and reads back: tab-separated notes with HTML fields.
//!
//! Front: the question. Back: titled sections (why it is asked, the sample answer, then the
//! strong-answer signals, red flags and follow-ups as lists, the levels and the sample's own
//! follow-ups). Tags: the question's tags plus `round::NAME`, `competency::NAME`,
//! `framework::NAME` and `role::NAME`, so nothing is lost.

use crate::codec::cells::parse_groups;
use crate::model::{Level, Levels};

/// The columns that hold the note's id and its tags, as Anki counts (from 1).
pub const GUID_COLUMN: usize = 1;
pub const TAGS_COLUMN: usize = 4;

/// The back's sections, in order; import recognises them by these titles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Rationale,
    SampleAnswer,
    LookFor,
    RedFlags,
    FollowUps,
    Levels,
    SampleFollowUps,
    Synonyms,
}

impl Section {
    pub const ALL: [Section; 8] = [
        Section::Rationale,
        Section::SampleAnswer,
        Section::LookFor,
        Section::RedFlags,
        Section::FollowUps,
        Section::Levels,
        Section::SampleFollowUps,
        Section::Synonyms,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Rationale => "Why interviewers ask this",
            Section::SampleAnswer => "Sample answer",
            Section::LookFor => "What a strong answer shows",
            Section::RedFlags => "Red flags",
            Section::FollowUps => "Follow-ups",
            Section::Levels => "What each level sounds like",
            Section::SampleFollowUps => "Follow-ups on the sample answer",
            Section::Synonyms => "Words the answer check treats as one",
        }
    }

    pub fn is_list(self) -> bool {
        !matches!(self, Section::Rationale | Section::SampleAnswer)
    }
}

/// Prefixes of the tags that carry a question's other fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetaTag {
    Round,
    Competency,
    Framework,
    Role,
}

impl MetaTag {
    pub const ALL: [MetaTag; 4] = [MetaTag::Round, MetaTag::Competency, MetaTag::Framework, MetaTag::Role];

    pub fn prefix(self) -> &'static str {
        match self {
            MetaTag::Round => "round::",
            MetaTag::Competency => "competency::",
            MetaTag::Framework => "framework::",
            MetaTag::Role => "role::",
        }
    }
}

/// `Senior: ...`, one item per level given.
pub fn level_items(levels: &Levels) -> Vec<String> {
    levels.iter().map(|(level, text)| format!("{}: {text}", level.title())).collect()
}

/// The levels back from `level_items`; an item that names no level is ignored.
pub fn parse_levels(items: &[String]) -> Levels {
    let mut levels = Levels::default();
    for item in items {
        for level in Level::ALL {
            if let Some(text) = item.strip_prefix(&format!("{}: ", level.title())) {
                levels.set(level, Some(text.to_string()));
            }
        }
    }
    levels
}

/// Text as an HTML field on one line: markup characters as entities, line breaks as `<br>`,
/// tabs and carriage returns as character references so the row stays one row.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            '\t' => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// As [`escape`], with each run of indented lines (code) in a left-aligned `<pre>`, so that
/// Anki's centred card style neither centres it nor collapses its indentation. [`unescape`]
/// drops the `<pre>` tags and gives the text back exactly.
pub fn escape_with_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut in_code = false;
    for (i, line) in text.split('\n').enumerate() {
        let code = line.starts_with([' ', '\t']) && !line.trim().is_empty();
        if i > 0 {
            // The line break belongs outside a code run that ends here, inside one that goes on.
            if in_code && !code {
                out.push_str("</pre>");
                in_code = false;
            }
            out.push_str("<br>");
        }
        if code && !in_code {
            out.push_str(PRE);
            in_code = true;
        }
        out.push_str(&escape(line));
    }
    if in_code {
        out.push_str("</pre>");
    }
    out
}

/// The opening of a code block on a card.
const PRE: &str = "<pre style=\"text-align:left\">";

/// An HTML field back to text: `<br>`, `</div>` and `</p>` as line breaks, other tags
/// dropped, entities decoded. Undoes `escape` exactly.
pub fn unescape(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let tag = rest[1..end].trim().to_ascii_lowercase();
            let name = tag.trim_end_matches('/').trim();
            if matches!(name, "br" | "/div" | "/p" | "/li") {
                out.push('\n');
            }
            rest = &rest[end + 1..];
            continue;
        }
        if c == '&'
            && let Some((decoded, used)) = entity(rest)
        {
            out.push(decoded);
            rest = &rest[used..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The character an entity at the start of `text` stands for, and its length.
fn entity(text: &str) -> Option<(char, usize)> {
    let end = text.bytes().take(12).position(|b| b == b';')?;
    let name = &text[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => name.strip_prefix('#')?.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// What the back of a card holds, section by section.
#[derive(Debug, Default, PartialEq)]
pub struct Back {
    pub rationale: Option<String>,
    pub sample_answer: Option<String>,
    pub look_for: Vec<String>,
    pub red_flags: Vec<String>,
    pub follow_ups: Vec<String>,
    pub levels: Levels,
    pub sample_follow_ups: Vec<String>,
    pub synonyms: Vec<Vec<String>>,
}

/// Reads a back written by `write`; a back without its section titles (a card made
/// elsewhere) is taken whole as the sample answer.
pub fn parse_back(html: &str) -> Back {
    let mut back = Back::default();
    let starts: Vec<(usize, Section)> = Section::ALL
        .iter()
        .filter_map(|&s| html.find(&format!("<b>{}</b>", s.title())).map(|at| (at, s)))
        .collect();
    if starts.is_empty() {
        back.sample_answer = Some(unescape(html).trim().to_string());
        return back;
    }
    let mut starts = starts;
    starts.sort_by_key(|(at, _)| *at);
    for (i, &(at, section)) in starts.iter().enumerate() {
        let body_start = at + format!("<b>{}</b>", section.title()).len();
        let body_end = starts.get(i + 1).map_or(html.len(), |(next, _)| *next);
        let body = html.get(body_start..body_end).unwrap_or_default();
        if section.is_list() {
            let items = list_items(body);
            match section {
                Section::LookFor => back.look_for = items,
                Section::RedFlags => back.red_flags = items,
                Section::Levels => back.levels = parse_levels(&items),
                Section::SampleFollowUps => back.sample_follow_ups = items,
                Section::Synonyms => back.synonyms = items.iter().flat_map(|i| parse_groups(i)).collect(),
                _ => back.follow_ups = items,
            }
        } else {
            let body = body.strip_prefix("<br>").unwrap_or(body);
            let body = body.trim_end_matches("<br>");
            let text = Some(unescape(body));
            if section == Section::Rationale {
                back.rationale = text;
            } else {
                back.sample_answer = text;
            }
        }
    }
    back
}

fn list_items(body: &str) -> Vec<String> {
    body.split("<li>")
        .skip(1)
        .map(|item| unescape(item.split("</li>").next().unwrap_or_default()))
        .filter(|item| !item.trim().is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_and_unescape_are_inverse() {
        let text = "a <b> & \"c\" 'd'\n\tcafé\r\n";
        let html = escape(text);
        assert_eq!(unescape(&escape_with_code(text)), text, "{text:?}");
        assert!(!html.contains(['\t', '\n', '\r', '<', '"']) || html.contains("<br>"));
        assert!(!html.contains(['\t', '\n', '\r', '"']));
        assert_eq!(unescape(&html), text);
    }

    #[test]
    fn foreign_html_becomes_text() {
        assert_eq!(
            unescape("<div>one</div><div>two &amp; <i>three</i>&#x41;&bogus;</div>"),
            "one\ntwo & threeA&bogus;\n"
        );
    }

    #[test]
    fn a_back_without_sections_is_the_sample_answer() {
        let back = parse_back("Paris<br>France");
        assert_eq!(back.sample_answer.as_deref(), Some("Paris\nFrance"));
        assert_eq!(back.rationale, None);
    }
}
