//! One form to one fillable PDF: typst lays out the template with the form's
//! view data, the marked corners of every box are read back from the laid-out
//! document, typst writes the PDF — which is also the light copy to print and
//! write on by hand — and [`acroform`](super::acroform) adds the fields on
//! those boxes.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use super::acroform::{self, Placed, Rect};
use super::typing::{self, TypingFont};
use super::world::{FormWorld, Shared};
use super::{Form, layout};

/// The fonts every form is set in, loaded once per build: the faces typst
/// prints with, and the font typed text is shown in.
pub struct Fonts {
    shared: Shared,
    typing: TypingFont,
}

/// Font files (all `.ttf`/`.otf` in the folder, in name order) that forms are set in.
impl Fonts {
    /// Reads the shipped fonts from `dir` (`themes/default/fonts`): every
    /// font file for typst except the typing font, which only fields use.
    pub fn load(dir: &Path) -> Result<Fonts, RenderError> {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| RenderError::Fonts(format!("cannot read {}: {e}", dir.display())))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ttf" || x == "otf"))
            .filter(|p| p.file_name().is_none_or(|n| n != typing::FILE))
            .collect();
        paths.sort();
        let mut files = Vec::new();
        for p in &paths {
            files.push(
                crate::load::file::read_limited(p, crate::load::file::BINARY_LIMIT)
                    .map_err(|e| RenderError::Fonts(format!("cannot read {}: {e}", p.display())))?,
            );
        }
        let shared = Shared::new(files);
        if !shared.has_fonts() {
            return Err(RenderError::Fonts(format!(
                "no font found in {}",
                dir.display()
            )));
        }
        let path = dir.join(typing::FILE);
        let data = std::fs::read(&path).map_err(|e| {
            RenderError::Fonts(format!(
                "cannot read the typing font {}: {e}",
                path.display()
            ))
        })?;
        let typing = TypingFont::parse(&data).map_err(RenderError::Fonts)?;
        Ok(Fonts { shared, typing })
    }

    /// The font typed text is shown in.
    pub fn typing(&self) -> &TypingFont {
        &self.typing
    }
}

/// Why a form could not be turned into a PDF.
#[derive(Debug, Clone)]
pub enum RenderError {
    /// The shipped fonts are missing or unreadable.
    Fonts(String),
    /// typst could not lay out or write the form.
    Typst(String),
    /// A PDF field found no box in the layout (or the PDF could not be edited).
    Fields(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Fonts(m) => write!(f, "fonts: {m}"),
            RenderError::Typst(m) => write!(f, "typst: {m}"),
            RenderError::Fields(m) => write!(f, "fields: {m}"),
        }
    }
}

impl Fonts {
    /// The fonts, library and font book, for other documents set in the same fonts.
    pub fn shared(&self) -> &Shared {
        &self.shared
    }
}

/// A rendered form: the PDF bytes and the boxes its fields were put on.
pub struct RenderedForm {
    /// The fillable PDF, with fields and the typing font.
    pub pdf: Vec<u8>,
    /// The same pages without fields or typing font, to print and write on by hand.
    pub print: Vec<u8>,
    /// Each drawn box, by layout key (`name` or `name#value`), in PDF points.
    pub boxes: BTreeMap<String, (usize, Rect)>,
}

/// typst's diagnostics as one render error.
fn typst_error(errors: &[typst::diag::SourceDiagnostic]) -> RenderError {
    RenderError::Typst(
        errors
            .iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join("; "),
    )
}

/// Lays out `form` and writes it as a fillable PDF.
pub fn render(form: &Form, fonts: &Fonts) -> Result<RenderedForm, RenderError> {
    let view = layout::view(form);
    let data = serde_json::to_vec(&view.data).map_err(|e| RenderError::Typst(e.to_string()))?;
    let world = FormWorld::new(&fonts.shared, data);
    let doc: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| typst_error(&errors))?;
    let boxes = boxes(&doc)?;
    let options = PdfOptions {
        ident: typst::foundations::Smart::Custom(format!("tebiki-form-{}", form.id)),
        creator: typst::foundations::Smart::Custom(Some("tebiki".into())),
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&doc, &options).map_err(|errors| typst_error(&errors))?;
    let mut placed = Vec::new();
    for field in &view.fields {
        let keys: Vec<String> = match &field.kind {
            super::PdfKind::Radio { values, .. } => values
                .iter()
                .map(|v| format!("{}#{v}", field.name))
                .collect(),
            _ => vec![field.name.clone()],
        };
        let mut widgets = Vec::new();
        for key in &keys {
            let Some(&(page, rect)) = boxes.get(key) else {
                return Err(RenderError::Fields(format!(
                    "`{key}` has no box in the layout"
                )));
            };
            widgets.push((page, rect.inset(1.0)));
        }
        placed.push(Placed {
            field: field.clone(),
            widgets,
            cell: keys.first().and_then(|k| view.cells.get(k)).copied(),
        });
    }
    let fillable =
        acroform::add_fields(&pdf, &placed, &view.table_rows, &form.title, &fonts.typing)
            .map_err(RenderError::Fields)?;
    Ok(RenderedForm {
        pdf: fillable,
        print: pdf,
        boxes,
    })
}

/// A marked corner: page index, x and y in PDF points.
type Corner = (usize, f64, f64);

/// Every marked box of the laid-out document, as page index and PDF rectangle.
fn boxes(doc: &PagedDocument) -> Result<BTreeMap<String, (usize, Rect)>, RenderError> {
    let label = Label::new(PicoStr::intern("tebiki-field")).expect("label is not empty");
    let introspector = doc.introspector();
    let mut corners: BTreeMap<String, [Option<Corner>; 2]> = BTreeMap::new();
    for content in introspector.query(&Selector::Label(label)) {
        let Some(meta) = content.to_packed::<MetadataElem>() else {
            continue;
        };
        let Value::Dict(dict) = &meta.value else {
            continue;
        };
        let (Ok(Value::Str(key)), Ok(Value::Str(corner))) = (dict.get("k"), dict.get("c")) else {
            continue;
        };
        let Some(pos) = content
            .location()
            .and_then(|loc| introspector.position(loc))
        else {
            continue;
        };
        let page = pos.page.get() - 1;
        let height = doc.pages()[page].frame.height().to_pt();
        let point = (page, pos.point.x.to_pt(), height - pos.point.y.to_pt());
        let slot = corners.entry(key.to_string()).or_default();
        slot[usize::from(corner.as_str() == "br")] = Some(point);
    }
    let mut out = BTreeMap::new();
    for (key, [tl, br]) in corners {
        let (Some(tl), Some(br)) = (tl, br) else {
            return Err(RenderError::Fields(format!(
                "`{key}` has only one corner marked"
            )));
        };
        if tl.0 != br.0 {
            return Err(RenderError::Fields(format!(
                "`{key}` is split across pages"
            )));
        }
        out.insert(
            key,
            (
                tl.0,
                Rect {
                    x0: tl.1,
                    y0: br.2,
                    x1: br.1,
                    y1: tl.2,
                },
            ),
        );
    }
    Ok(out)
}
