//! Which column fills which question field: by name, by a known alias, or by `--map`.

use crate::codec::field::Field;
use crate::text::suggest;

/// `FIELD=VALUE` pairs from `--map` and `--default`, comma-separated for `--map`.
#[derive(Clone, Debug, Default)]
pub struct Pairs(pub Vec<(Field, String)>);

impl Pairs {
    /// `question=Front,sample_answer=Back` (several pairs in one argument).
    pub fn parse_map(args: &[String]) -> Result<Pairs, String> {
        let mut pairs = Vec::new();
        for arg in args {
            for pair in arg.split(',').filter(|p| !p.trim().is_empty()) {
                pairs.push(Pairs::pair(pair, "--map question=Front")?);
            }
        }
        Ok(Pairs(pairs))
    }

    /// `rationale=Asked in every loop` (one pair per argument: values may hold commas).
    pub fn parse_defaults(args: &[String]) -> Result<Pairs, String> {
        args.iter()
            .map(|a| Pairs::pair(a, "--default round=behavioural"))
            .collect::<Result<_, _>>()
            .map(Pairs)
    }

    fn pair(text: &str, example: &str) -> Result<(Field, String), String> {
        let (field, value) = text
            .split_once('=')
            .ok_or_else(|| format!("`{text}` is not FIELD=VALUE (for example {example})"))?;
        Ok((Field::from_arg(field.trim())?, value.trim().to_string()))
    }

    pub fn get(&self, field: Field) -> Option<&str> {
        self.0.iter().rev().find(|(f, _)| *f == field).map(|(_, v)| v.as_str())
    }
}

/// For each column: the field it fills, if any.
pub type ColumnMap = Vec<Option<Field>>;

/// Maps `headers` to fields: `--map` first, then names and aliases. Two columns for one
/// field, or a `--map` naming a missing column, is an error that lists the headers.
pub fn map_columns(headers: &[String], explicit: &Pairs) -> Result<ColumnMap, String> {
    let mut map: ColumnMap = vec![None; headers.len()];
    for (field, header) in &explicit.0 {
        let at = headers
            .iter()
            .position(|h| h == header)
            .or_else(|| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(header.trim())))
            .ok_or_else(|| {
                let hint = suggest::did_you_mean(header, headers.iter().map(String::as_str));
                format!(
                    "--map {field}={header}: no column `{header}`{hint}; the columns are {}",
                    list(headers)
                )
            })?;
        map[at] = Some(*field);
    }
    let mapped: Vec<Field> = explicit.0.iter().map(|(f, _)| *f).collect();
    for (at, header) in headers.iter().enumerate() {
        if map[at].is_some() {
            continue;
        }
        let Some(field) = Field::from_header(header).filter(|f| !mapped.contains(f)) else { continue };
        if let Some(other) = map.iter().position(|m| *m == Some(field)) {
            return Err(format!(
                "columns `{}` and `{header}` both look like `{field}`; choose one with --map {field}=COLUMN",
                headers[other]
            ));
        }
        map[at] = Some(field);
    }
    if !map.contains(&Some(Field::Question)) {
        return Err(format!(
            "no column for `question`; the columns are {} (name one with --map question=COLUMN)",
            list(headers)
        ));
    }
    Ok(map)
}

/// Headers no field takes: reported, so no column is dropped silently.
pub fn unmapped<'a>(headers: &'a [String], map: &ColumnMap) -> Vec<&'a str> {
    headers.iter().zip(map).filter(|(_, f)| f.is_none()).map(|(h, _)| h.as_str()).collect()
}

fn list(headers: &[String]) -> String {
    headers.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(std::string::ToString::to_string).collect()
    }

    #[test]
    fn headers_map_by_name_alias_and_case() {
        let map =
            map_columns(&headers(&["Front", "Sample Answer", "Why", "Owner"]), &Pairs::default()).unwrap();
        assert_eq!(map, [Some(Field::Question), Some(Field::SampleAnswer), Some(Field::Rationale), None]);
    }

    #[test]
    fn explicit_map_wins_and_missing_columns_are_named() {
        let explicit = Pairs::parse_map(&["question=Prompt text,sample_answer=Front".to_string()]).unwrap();
        let map = map_columns(&headers(&["Front", "Prompt text"]), &explicit).unwrap();
        assert_eq!(map, [Some(Field::SampleAnswer), Some(Field::Question)]);
        let bad = Pairs::parse_map(&["question=Qestion".to_string()]).unwrap();
        let message = map_columns(&headers(&["Question"]), &bad).unwrap_err();
        assert!(message.contains("no column `Qestion` (did you mean 'Question'?)"), "{message}");
    }

    #[test]
    fn ambiguous_or_missing_question_is_an_error() {
        let message = map_columns(&headers(&["question", "Front"]), &Pairs::default()).unwrap_err();
        assert!(message.contains("both look like `question`"), "{message}");
        let message = map_columns(&headers(&["Title"]), &Pairs::default()).unwrap_err();
        assert!(message.contains("no column for `question`"), "{message}");
    }

    #[test]
    fn field_names_suggest_on_a_typo() {
        assert!(Field::from_arg("rationle").unwrap_err().contains("did you mean 'rationale'?"));
        assert!(Pairs::parse_defaults(&["round".to_string()]).unwrap_err().contains("not FIELD=VALUE"));
    }
}
