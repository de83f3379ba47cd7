//! Questions as Anki notes, in the format `codec::anki` describes.

use std::fmt::Write as _;

use crate::codec::anki::{GUID_COLUMN, MetaTag, Section, TAGS_COLUMN, escape, escape_with_code, level_items};
use crate::model::Question;

/// The whole file: Anki's header lines, then one note per line.
pub fn write(questions: &[&Question], deck: &str) -> String {
    let deck = deck.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::new();
    out.push_str("#separator:tab\n#html:true\n#notetype:Basic\n");
    let _ = writeln!(out, "#deck:{deck}");
    let _ = writeln!(out, "#columns:GUID\tFront\tBack\tTags");
    let _ = writeln!(out, "#guid column:{GUID_COLUMN}");
    let _ = writeln!(out, "#tags column:{TAGS_COLUMN}");
    for q in questions {
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}",
            guid(q),
            escape_with_code(&q.question),
            back(q),
            tags(q).join(" ")
        );
    }
    out
}

/// The note's identity in Anki. With it, importing a newer export updates each note in place,
/// even when its question was reworded, instead of adding a second copy.
fn guid(q: &Question) -> String {
    format!("qbank-{}", q.id)
}

fn back(q: &Question) -> String {
    let mut parts = Vec::new();
    for section in Section::ALL {
        let title = format!("<b>{}</b>", section.title());
        let part = match section {
            Section::Rationale => format!("{title}<br>{}", escape(&q.rationale)),
            Section::SampleAnswer => format!("{title}<br>{}", escape_with_code(&q.sample_answer)),
            Section::LookFor => list(&title, &q.look_for),
            Section::RedFlags => list(&title, &q.red_flags),
            Section::FollowUps => list(&title, &q.follow_ups),
            Section::Levels => list(&title, &level_items(&q.levels)),
            Section::SampleFollowUps => list(&title, &q.sample_follow_ups),
            Section::Synonyms => list(&title, &q.synonyms.iter().map(|g| g.join(", ")).collect::<Vec<_>>()),
        };
        if !part.is_empty() {
            parts.push(part);
        }
    }
    parts.join("<br><br>")
}

fn list(title: &str, items: &[String]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let items: String = items.iter().map(|item| format!("<li>{}</li>", escape(item))).collect();
    format!("{title}<ul>{items}</ul>")
}

fn tags(q: &Question) -> Vec<String> {
    let mut tags = q.tags.clone();
    tags.push(format!("{}{}", MetaTag::Round.prefix(), q.round));
    if let Some(c) = q.competency {
        tags.push(format!("{}{c}", MetaTag::Competency.prefix()));
    }
    if let Some(f) = q.framework {
        tags.push(format!("{}{f}", MetaTag::Framework.prefix()));
    }
    tags.extend(q.roles.iter().map(|r| format!("{}{r}", MetaTag::Role.prefix())));
    tags
}
