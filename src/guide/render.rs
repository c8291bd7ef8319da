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
pub(crate) const STANDARDS: [PdfStandard; 2] = [PdfStandard::Ua_1, PdfStandard::A_2a];

/// The view data of each appendix form, for the forms' template.
pub(crate) fn form_data(forms: &[&Form]) -> Result<Vec<Vec<u8>>, String> {
    forms
        .iter()
        .map(|f| serde_json::to_vec(&crate::forms::layout::view(f).data).map_err(|e| e.to_string()))
        .collect()
}

/// Lays out `doc` with `forms` in its appendix and writes the PDF; the id
/// names the document stably across builds (`tebiki-guide-ise`).
pub fn render(doc: &Doc, forms: &[&Form], fonts: &Fonts, id: &str) -> Result<Vec<u8>, String> {
    let document = layout(doc, forms, fonts)?;
    let options = PdfOptions {
        ident: Smart::Custom(format!("tebiki-guide-{id}")),
        creator: Smart::Custom(Some("tebiki".into())),
        standards: PdfStandards::new(&STANDARDS).map_err(|e| format!("{e:?}"))?,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| join(&errors))
}

/// Lays out `doc` with `forms` in its appendix.
pub fn layout(doc: &Doc, forms: &[&Form], fonts: &Fonts) -> Result<PagedDocument, String> {
    let data = serde_json::to_vec(doc).map_err(|e| e.to_string())?;
    let world = GuideWorld::new(fonts.shared(), data, form_data(forms)?);
    typst::compile(&world)
        .output
        .map_err(|errors| join(&errors))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::doc::{Block, Inline, Section, Table};
    use typst::layout::{Frame, FrameItem};

    fn fonts() -> Fonts {
        Fonts::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/fonts"))
            .expect("the shipped fonts")
    }

    /// The text of every glyph run and whether an image was placed.
    fn collect(frame: &Frame, text: &mut String, images: &mut usize) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(g) => collect(&g.frame, text, images),
                FrameItem::Text(t) => text.push_str(t.text.as_str()),
                FrameItem::Image(..) => *images += 1,
                _ => {}
            }
        }
    }

    fn doc(blocks: Vec<Block>, title: &str) -> Doc {
        Doc {
            title: title.into(),
            city: "見本市（見本県）".into(),
            cover: Vec::new(),
            header: title.into(),
            date: [2025, 4, 1],
            sections: vec![Section {
                label: "mini/index.html".into(),
                title: "概要".into(),
                web: None,
                blocks,
            }],
            appendix: Vec::new(),
        }
    }

    #[test]
    fn content_is_set_as_text_never_read_as_markup() {
        let evil =
            "#pagebreak() *太字* $x$ <lbl> @ref `code` ] [ \\ #set page(flipped: true) \u{7d}";
        let blocks = vec![
            Block::Heading {
                level: 2,
                text: evil.into(),
                label: None,
            },
            Block::Para {
                c: vec![Inline::text(evil), Inline::Strong { s: evil.into() }],
            },
            Block::Table(Table {
                header: vec![evil.into(), "列".into()],
                rows: vec![vec![
                    vec![Inline::text(evil)],
                    vec![Inline::Link {
                        s: evil.into(),
                        url: "https://example.jp/#x".into(),
                    }],
                ]],
                widths: Vec::new(),
                landscape: false,
            }),
        ];
        let document = layout(&doc(blocks, evil), &[], &fonts()).expect("hostile text lays out");
        let mut text = String::new();
        let mut images = 0;
        for page in document.pages() {
            collect(&page.frame, &mut text, &mut images);
        }
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let wanted: String = evil.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            squeezed.matches(&wanted).count() >= 5,
            "every copy is printed as typed: {text}"
        );
        // Cover, contents, one section: the `#pagebreak()` typed above broke nothing.
        assert_eq!(document.pages().len(), 3);
        assert!(
            document
                .pages()
                .iter()
                .all(|p| p.frame.width() < p.frame.height()),
            "no page was flipped"
        );
        render(&doc(Vec::new(), evil), &[], &fonts(), "test")
            .expect("the PDF is written to both standards");
    }

    #[test]
    fn a_flow_diagram_is_placed_as_svg_with_its_text_alternative() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#ccc"/></svg>"##;
        let blocks = vec![Block::Diagram {
            parts: vec![super::super::doc::DiagramPart {
                svg: svg.into(),
                w: 200.0,
                h: 40.0,
            }],
            alt: "流れの図".into(),
            landscape: false,
        }];
        let d = doc(blocks, "図");
        let document = layout(&d, &[], &fonts()).expect("the diagram lays out");
        let mut text = String::new();
        let mut images = 0;
        for page in document.pages() {
            collect(&page.frame, &mut text, &mut images);
        }
        assert_eq!(images, 1, "the SVG is placed once");
        render(&d, &[], &fonts(), "test")
            .expect("PDF/UA accepts the figure with its alternative text");
    }
}
