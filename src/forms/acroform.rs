//! Adds AcroForm fields to a PDF typst wrote, on the boxes typst drew.
//!
//! Field names are hierarchical (`registrant.name` is field `name` under a
//! parent `registrant`), the Japanese label goes in `/TU` for screen readers,
//! and each widget also gets a `Form` structure element so the tagged PDF
//! stays tagged and tab order follows the structure (`/Tabs /S`). Typed text
//! is shown in the embedded [`TypingFont`] that `/DR` holds and every text
//! field's `/DA` names, so each reader draws it with the same glyphs.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, text_string};

use super::tags::Tags;
use super::typing::TypingFont;
use super::{PdfField, PdfKind};

/// A rectangle in PDF points, origin bottom left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// The rectangle shrunk by `d` on every side.
    pub(crate) fn inset(self, d: f64) -> Rect {
        Rect {
            x0: self.x0 + d,
            y0: self.y0 + d,
            x1: self.x1 - d,
            y1: self.y1 - d,
        }
    }

    fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    fn to_pdf(self) -> Object {
        Object::Array(
            [self.x0, self.y0, self.x1, self.y1]
                .into_iter()
                .map(|v| Object::Real(round(v)))
                .collect(),
        )
    }
}

fn round(v: f64) -> f32 {
    ((v * 100.0).round() / 100.0) as f32
}

/// A field with its widgets: page index and rectangle (one per radio value).
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    pub field: PdfField,
    pub widgets: Vec<(usize, Rect)>,
    /// The table and row its boxes are drawn in (see [`super::layout::View::cells`]).
    pub cell: Option<(usize, usize)>,
}

/// The resource name of the typing font in `/DR` and every text field's `/DA`.
///
/// PDFium (Chrome, Edge) uses the `/DA` font for a typed character only if
/// the character's script matches the font's: an embedded font counts as
/// Latin, so it would send kanji to a Chinese system font and kana to a
/// Japanese one — two typefaces in one name, or none on a machine without
/// CJK fonts. A `/DA` font named Wingdings or Webdings is the one exception
/// (PDFium's `CPDF_BAFontMap` treats it as symbol, good for any character
/// it can encode), so the resource carries that name; the font itself is
/// the typing font, and no reader looks at the resource name for anything
/// else.
const JA_FONT: &str = "Webdings";
/// The on-state of check boxes.
pub(crate) const CHECK_ON: &str = "Yes";

/// Returns `pdf` with `placed` added as AcroForm fields, typed text shown in
/// `typing`; `table_rows` are the rows of each section's table, to find the
/// cell each widget's structure element goes in.
pub(crate) fn add_fields(
    pdf: &[u8],
    placed: &[Placed],
    table_rows: &[usize],
    title: &str,
    typing: &TypingFont,
) -> Result<Vec<u8>, String> {
    let mut doc =
        Document::load_mem(pdf).map_err(|e| format!("cannot read the PDF typst wrote: {e}"))?;
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let fonts = add_fonts(&mut doc, typing);
    let mut tags = Tags::find(&doc, table_rows);
    let mut parents: BTreeMap<String, ObjectId> = BTreeMap::new();
    let mut kids: BTreeMap<String, Vec<Object>> = BTreeMap::new();
    let mut top: Vec<Object> = Vec::new();
    let mut annots: BTreeMap<usize, Vec<Object>> = BTreeMap::new();

    for p in placed {
        let parts: Vec<&str> = p.field.name.split('.').collect();
        let (leaf, path) = parts.split_last().ok_or("empty field name")?;
        let parent = ensure_parents(&mut doc, path, &mut parents, &mut kids, &mut top);
        let mut field = Dictionary::new();
        field.set("T", Object::string_literal(*leaf));
        field.set("TU", text_string(&p.field.label));
        if let Some(parent) = parent {
            field.set("Parent", parent);
        }
        let widget_dict = |page: usize, rect: Rect| -> Dictionary {
            let mut w = Dictionary::new();
            w.set("Type", Object::Name(b"Annot".to_vec()));
            w.set("Subtype", Object::Name(b"Widget".to_vec()));
            w.set("Rect", rect.to_pdf());
            w.set("F", 4);
            w.set("P", pages[page]);
            w
        };
        let id = match &p.field.kind {
            PdfKind::Text {
                multiline,
                max_length,
            } => {
                let (page, rect) = p.widgets[0];
                field.extend(&widget_dict(page, rect));
                field.set("FT", Object::Name(b"Tx".to_vec()));
                // Single-line fields auto-size (0 Tf): PDFium and pdf.js shrink
                // a long value to the width instead of clipping it. Multi-line
                // fields wrap at a fixed 10 pt.
                let size = if *multiline { 10 } else { 0 };
                field.set(
                    "DA",
                    Object::string_literal(format!("/{JA_FONT} {size} Tf 0 g")),
                );
                if *multiline {
                    field.set("Ff", 1 << 12);
                }
                if let Some(max) = max_length {
                    field.set("MaxLen", *max as i64);
                }
                field.set(
                    "MK",
                    Dictionary::from_iter([("BG", Object::Array(vec![1.into()]))]),
                );
                let id = doc.add_object(field);
                tags.tag(&mut doc, id, pages[page], &p.field.label, p.cell);
                annots.entry(page).or_default().push(id.into());
                id
            }
            PdfKind::Check => {
                let (page, rect) = p.widgets[0];
                field.extend(&widget_dict(page, rect));
                field.set("FT", Object::Name(b"Btn".to_vec()));
                field.set("V", Object::Name(b"Off".to_vec()));
                field.set("AS", Object::Name(b"Off".to_vec()));
                let ap = appearance(&mut doc, rect, CHECK_ON, Mark::Tick);
                field.set("AP", ap);
                let id = doc.add_object(field);
                tags.tag(&mut doc, id, pages[page], &p.field.label, p.cell);
                annots.entry(page).or_default().push(id.into());
                id
            }
            PdfKind::Radio { values, labels } => {
                field.set("FT", Object::Name(b"Btn".to_vec()));
                field.set("Ff", (1 << 14) | (1 << 15));
                field.set("V", Object::Name(b"Off".to_vec()));
                // The export value of each option, in the order of /Kids.
                field.set(
                    "Opt",
                    values
                        .iter()
                        .map(|v| text_string(v))
                        .collect::<Vec<Object>>(),
                );
                let id = doc.new_object_id();
                let mut widgets = Vec::new();
                for ((value, spoken), &(page, rect)) in values.iter().zip(labels).zip(&p.widgets) {
                    let mut w = widget_dict(page, rect);
                    w.set("Parent", id);
                    w.set("AS", Object::Name(b"Off".to_vec()));
                    w.set("AP", appearance(&mut doc, rect, value, Mark::Dot));
                    let wid = doc.add_object(w);
                    // Each option is announced by its own name (性別 女), not the group's.
                    tags.tag(&mut doc, wid, pages[page], spoken, p.cell);
                    annots.entry(page).or_default().push(wid.into());
                    widgets.push(Object::from(wid));
                }
                field.set("Kids", widgets);
                doc.objects.insert(id, Object::Dictionary(field));
                id
            }
        };
        match parent {
            Some(_) => kids.entry(path.join(".")).or_default().push(id.into()),
            None => top.push(id.into()),
        }
    }

    for (path, list) in kids {
        let id = parents[&path];
        doc.get_dictionary_mut(id)
            .map_err(|e| e.to_string())?
            .set("Kids", list);
    }
    for (page, list) in annots {
        add_annots(&mut doc, pages[page], list, tags.ok)?;
    }
    let mut dr_fonts = Dictionary::new();
    dr_fonts.set(JA_FONT, fonts.ja);
    let mut acro = Dictionary::new();
    acro.set("Fields", top);
    acro.set(
        "DR",
        Dictionary::from_iter([("Font", Object::Dictionary(dr_fonts))]),
    );
    acro.set(
        "DA",
        Object::string_literal(format!("/{JA_FONT} 10 Tf 0 g")),
    );
    let acro = doc.add_object(acro);
    tags.finish(&mut doc);
    let catalog = doc.catalog_mut().map_err(|e| e.to_string())?;
    catalog.set("AcroForm", acro);
    if !catalog.has(b"Lang") {
        catalog.set("Lang", Object::string_literal("ja"));
    }
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))]),
    );
    set_title(&mut doc, title);
    let mut out = Vec::new();
    doc.compress();
    doc.save_modern(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

/// The parent fields of a name's path, created on first use; `None` for a top-level name.
fn ensure_parents(
    doc: &mut Document,
    path: &[&str],
    parents: &mut BTreeMap<String, ObjectId>,
    kids: &mut BTreeMap<String, Vec<Object>>,
    top: &mut Vec<Object>,
) -> Option<ObjectId> {
    let mut above: Option<ObjectId> = None;
    for depth in 1..=path.len() {
        let key = path[..depth].join(".");
        if let Some(&id) = parents.get(&key) {
            above = Some(id);
            continue;
        }
        let mut dict = Dictionary::new();
        dict.set("T", Object::string_literal(path[depth - 1]));
        if let Some(up) = above {
            dict.set("Parent", up);
        }
        let id = doc.add_object(dict);
        match above {
            Some(_) => kids
                .entry(path[..depth - 1].join("."))
                .or_default()
                .push(id.into()),
            None => top.push(id.into()),
        }
        parents.insert(key, id);
        above = Some(id);
    }
    above
}

/// The fonts `/DR` holds: only the embedded typing font. Check boxes and
/// radio buttons draw their marks as paths in every state they have, so
/// they need no font (no unembedded ZapfDingbats).
struct FontIds {
    ja: ObjectId,
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

fn add_fonts(doc: &mut Document, typing: &TypingFont) -> FontIds {
    FontIds {
        ja: typing.add_to(doc),
    }
}

/// What an on-state shows: a tick for check boxes, a dot for radio buttons.
#[derive(Clone, Copy)]
enum Mark {
    Tick,
    Dot,
}

/// `/AP << /N << /<on> stream /Off stream >> >>`: the mark drawn as a path
/// when on (no font, so nothing unembedded is drawn), nothing when off.
fn appearance(doc: &mut Document, rect: Rect, on: &str, mark: Mark) -> Dictionary {
    let (w, h) = (round(rect.width()), round(rect.height()));
    // The widget spans the square and its label; the mark goes in the
    // square, at the left end.
    let side = f64::from(w.min(h));
    let (cx, cy) = (side / 2.0, f64::from(h) / 2.0);
    let p = |v: f64| round(v);
    let on_content = match mark {
        Mark::Tick => {
            let s = side * 0.8;
            let (x0, y0) = (cx - s / 2.0, cy - s / 2.0);
            format!(
                "q 0 g 0 G {lw} w 1 J 1 j {} {} m {} {} l {} {} l S Q",
                p(x0 + 0.12 * s),
                p(y0 + 0.52 * s),
                p(x0 + 0.4 * s),
                p(y0 + 0.2 * s),
                p(x0 + 0.9 * s),
                p(y0 + 0.85 * s),
                lw = p(side * 0.14),
            )
        }
        Mark::Dot => {
            // A circle from four Bézier arcs (k = 4/3·(√2 − 1)).
            let r = side * 0.3;
            let k = r * 0.5523;
            format!(
                "q 0 g {} {} m {} {} {} {} {} {} c {} {} {} {} {} {} c {} {} {} {} {} {} c {} {} {} {} {} {} c f Q",
                p(cx + r),
                p(cy),
                p(cx + r),
                p(cy + k),
                p(cx + k),
                p(cy + r),
                p(cx),
                p(cy + r),
                p(cx - k),
                p(cy + r),
                p(cx - r),
                p(cy + k),
                p(cx - r),
                p(cy),
                p(cx - r),
                p(cy - k),
                p(cx - k),
                p(cy - r),
                p(cx),
                p(cy - r),
                p(cx + k),
                p(cy - r),
                p(cx + r),
                p(cy - k),
                p(cx + r),
                p(cy),
            )
        }
    };
    let stream = |content: Vec<u8>| {
        let mut dict = Dictionary::new();
        dict.set("Type", name("XObject"));
        dict.set("Subtype", name("Form"));
        dict.set(
            "BBox",
            Object::Array(vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)]),
        );
        Stream::new(dict, content)
    };
    let on_id = doc.add_object(stream(on_content.into_bytes()));
    let off_id = doc.add_object(stream(Vec::new()));
    let mut n = Dictionary::new();
    n.set(on, on_id);
    n.set("Off", off_id);
    Dictionary::from_iter([("N", Object::Dictionary(n))])
}

fn add_annots(
    doc: &mut Document,
    page: ObjectId,
    list: Vec<Object>,
    tabs_by_structure: bool,
) -> Result<(), String> {
    let existing = doc
        .get_dictionary(page)
        .map_err(|e| e.to_string())?
        .get(b"Annots")
        .ok()
        .cloned();
    let mut all = match existing {
        Some(Object::Reference(r)) => doc
            .get_object(r)
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default(),
        Some(Object::Array(a)) => a,
        _ => Vec::new(),
    };
    all.extend(list);
    let page = doc.get_dictionary_mut(page).map_err(|e| e.to_string())?;
    page.set("Annots", all);
    page.set("Tabs", name(if tabs_by_structure { "S" } else { "R" }));
    Ok(())
}

fn set_title(doc: &mut Document, title: &str) {
    let info = match doc.trailer.get(b"Info") {
        Ok(Object::Reference(r)) => Some(*r),
        _ => None,
    };
    match info.and_then(|r| doc.get_dictionary_mut(r).ok()) {
        Some(dict) => {
            if !dict.has(b"Title") {
                dict.set("Title", text_string(title));
            }
        }
        None => {
            let id = doc.add_object(Dictionary::from_iter([("Title", text_string(title))]));
            doc.trailer.set("Info", id);
        }
    }
}
