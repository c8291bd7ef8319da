//! Blank forms: definitions in `forms/` rendered by typst into fillable PDFs.
//!
//! typst lays a form out and marks where each fillable box landed; typst's
//! PDF writer has no form fields, so [`acroform`] adds them afterwards, on
//! exactly those boxes. [`export`] reads the values of a filled copy back.

pub mod acroform;
pub(crate) mod definition;
pub mod export;
mod field;
mod fields;
mod fit;
pub(crate) mod layout;
mod load;
mod render;
mod tags;
pub(crate) mod typing;
pub(crate) mod world;
pub(crate) mod write;

use std::path::Path;

pub(crate) use definition::SignatureStyle;
pub use field::{Choice, Column, Confirm, Detail, Field, Kind, Party, Rows, Section, Text};
pub use fields::{PdfField, PdfKind, pdf_fields};
pub use load::load;
pub use render::{Fonts, RenderError, RenderedForm, render};
pub use write::{FormFiles, FormStamps, FormsWritten, site_path, write_changed_forms};

/// A form with its variant chain applied: everything needed to print it.
#[derive(Debug, Clone)]
pub struct Form {
    pub id: String,
    pub title: String,
    pub city: Option<String>,
    /// The 様式 number printed top left.
    pub number: Option<String>,
    pub addressee: Option<String>,
    /// Caption of the date line (届出日); none prints no date line.
    pub date_label: Option<String>,
    pub preamble: Vec<String>,
    /// The 要綱 article put where the preamble says `{article}`.
    pub article: Option<String>,
    pub notes: Vec<String>,
    pub signature: SignatureStyle,
    /// Where the fields came from (a seed transcribed, or designed from its text).
    pub source: Option<String>,
    pub sections: Vec<Section>,
    /// Tighter rows, for a city sheet that is one dense page.
    pub compact: bool,
    /// The file that defined it, for diagnostics.
    pub file: std::path::PathBuf,
}

/// The era radio's options, one per era offered, as the PDF and the web form both show them.
pub(crate) fn era_choices(eras: &[String]) -> Vec<Choice> {
    eras.iter()
        .map(|e| Choice {
            value: era_value(e).unwrap_or("era").to_string(),
            label: e.clone(),
            detail: None,
        })
        .collect()
}

/// The choices of an option's inline detail options (A・B, 有・無), with the
/// export values the PDF and the web form both give them: A・B stay `a`, `b`;
/// others are numbered.
pub(crate) fn detail_choices(labels: &[String]) -> Vec<Choice> {
    labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let lower = label.to_ascii_lowercase();
            let value = if load::valid_name(&lower) {
                lower
            } else {
                format!("option_{}", i + 1)
            };
            Choice {
                value,
                label: label.clone(),
                detail: None,
            }
        })
        .collect()
}

/// The ASCII value of an era name as written on forms, for radio exports.
pub(crate) fn era_value(era: &str) -> Option<&'static str> {
    Some(match era {
        "明治" => "meiji",
        "大正" => "taisho",
        "昭和" => "showa",
        "平成" => "heisei",
        "令和" => "reiwa",
        _ => return None,
    })
}

/// Where the shipped Japanese font lives inside a themes folder.
pub(crate) fn font_dir(themes: &Path) -> std::path::PathBuf {
    themes.join("default").join("fonts")
}

/// What a designed form says about itself, on the form and on its site page:
/// the guide names the form but prints no sheet, so this one is an example.
pub(crate) const DESIGNED_NOTE: &str = "参考様式：手引きに様式の掲載がないため作成した例です";

/// [`DESIGNED_NOTE`] for a form whose definition's `source` says it was
/// designed; none for one transcribed from the city's sheet, which carries
/// only the city's own marks.
pub(crate) fn designed_note(source: Option<&str>) -> Option<&'static str> {
    source
        .is_some_and(|s| s.trim_start().starts_with("Designed"))
        .then_some(DESIGNED_NOTE)
}
