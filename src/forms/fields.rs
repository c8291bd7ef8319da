//! The PDF fields a form definition yields: one per box a person fills in,
//! named by its place in the definition (`registrant.name`,
//! `contacts.1.phone`), so data read back from a filled PDF is stable.

use super::{Form, layout};

/// One fillable PDF field (a radio group counts once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfField {
    /// Full hierarchical ASCII name, parts joined by `.`.
    pub name: String,
    /// The Japanese label, for `/TU` (what screen readers announce).
    pub label: String,
    pub kind: PdfKind,
}

/// What kind of PDF field, with what it needs to be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfKind {
    Text {
        multiline: bool,
        max_length: Option<u32>,
    },
    Check,
    /// A radio group; each value is one widget, keyed `name#value` in the layout.
    Radio {
        values: Vec<String>,
        /// What a screen reader says for each option: the group's label and the option's.
        labels: Vec<String>,
    },
}

/// Every PDF field of `form`, in reading (and tab) order.
pub fn pdf_fields(form: &Form) -> Vec<PdfField> {
    layout::view(form).fields
}
