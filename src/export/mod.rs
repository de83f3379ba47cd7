//! Questions out to other tools: a spreadsheet (CSV) or an Anki deck, and the formats
//! `qbank export` offers (Markdown, JSON and YAML are render's).

pub mod anki;
pub mod sheet;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// A printable question bank
    Markdown,
    /// Complete questions; loads back as a corpus
    Json,
    /// Complete questions; loads back as a corpus
    Yaml,
    /// One row per question, corpus field names as headers (RFC 4180)
    Csv,
    /// Tab-separated notes that Anki imports directly
    Anki,
}

impl ExportFormat {
    /// The format a file name suggests: `bank.csv` -> csv.
    pub fn from_extension(path: &std::path::Path) -> Option<ExportFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(ExportFormat::Markdown),
            "json" => Some(ExportFormat::Json),
            "yaml" | "yml" => Some(ExportFormat::Yaml),
            "csv" => Some(ExportFormat::Csv),
            _ => None,
        }
    }
}
