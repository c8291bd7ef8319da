//! One guide to one PDF: typst lays out the document tree and writes it as a
//! tagged PDF that conforms to PDF/UA-1 and PDF/A-2a at once; typst refuses
//! to write it when a rule of either standard would be broken.

use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use super::doc::Doc;
use super::world::GuideWorld;
use crate::forms::{Fonts, Form};

/// The standards every guide is written to.
pub const STANDARDS: [PdfStandard; 2] = [PdfStandard::Ua_1, PdfStandard::A_2a];

/// The view data of each appendix form, for the forms' template.
pub fn form_data(forms: &[&Form]) -> Result<Vec<Vec<u8>>, String> {
    forms
        .iter()
        .map(|f| serde_json::to_vec(&crate::forms::layout::view(f).data).map_err(|e| e.to_string()))
        .collect()
}

/// Lays out `doc` with `forms` in its appendix and writes the PDF; the id
/// names the document stably across builds (`tebiki-guide-ise`).
pub fn render(doc: &Doc, forms: &[&Form], fonts: &Fonts, id: &str) -> Result<Vec<u8>, String> {
    let data = serde_json::to_vec(doc).map_err(|e| e.to_string())?;
    let world = GuideWorld::new(fonts.shared(), data, form_data(forms)?);
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| join(&errors))?;
    let options = PdfOptions {
        ident: Smart::Custom(format!("tebiki-guide-{id}")),
        creator: Smart::Custom(Some("tebiki".into())),
        standards: PdfStandards::new(&STANDARDS).map_err(|e| format!("{e:?}"))?,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| join(&errors))
}

/// typst's diagnostics in one line, for the build's report.
fn join(errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| {
            let mut m = e.message.to_string();
            for hint in &e.hints {
                m.push_str(&format!(" ({})", hint.v));
            }
            m
        })
        .collect::<Vec<_>>()
        .join("; ")
}
