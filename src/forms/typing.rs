//! The font typed text is shown in: `BIZUDGothic-JIS.ttf` (BIZ UDGothic cut
//! to JIS X 0208, the CP932 extensions and JIS X 0213 plane 1 by
//! `scripts/fonts/typing-font.py`), embedded whole in every fillable form as
//! a TrueType CID font (CIDFontType2, Identity-H, CID = glyph id) with a
//! ToUnicode map of every glyph.
//!
//! Whole, not a subset of what the blank form prints: a reader that builds a
//! field's appearance from typed text (PDFium, pdf.js, poppler, MuPDF) finds
//! each character's glyph in this font — through ToUnicode (PDFium, pdf.js,
//! poppler) or the font's own cmap (MuPDF) — so it never falls back to a
//! font of its own, and the copy it saves shows in every other reader.

use std::collections::BTreeMap;
use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

/// The file name of the typing font inside the fonts folder.
pub(crate) const FILE: &str = "BIZUDGothic-JIS.ttf";

/// The typing font, parsed and compressed once per build and shared by all forms.
pub struct TypingFont {
    /// The font file, zlib-compressed, as embedded (`/FontFile2`).
    packed: Vec<u8>,
    /// The uncompressed length (`/Length1`).
    length: usize,
    ps_name: String,
    /// Unicode scalar → glyph id (which is also the CID).
    glyphs: BTreeMap<u32, u16>,
    /// Advance of each glyph in thousandths of an em.
    widths: Vec<u16>,
    ascent: i64,
    descent: i64,
    cap_height: i64,
    bbox: [i64; 4],
    /// The ToUnicode CMap, zlib-compressed.
    to_unicode: Vec<u8>,
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

impl TypingFont {
    /// Reads the font file's tables; an error says what is wrong with the file.
    pub fn parse(data: &[u8]) -> Result<TypingFont, String> {
        let face = ttf_parser::Face::parse(data, 0).map_err(|e| format!("{FILE}: {e}"))?;
        if face.tables().glyf.is_none() {
            return Err(format!(
                "{FILE} has no TrueType outlines (glyf); it must be a TrueType font"
            ));
        }
        let per_em = f64::from(face.units_per_em());
        let scale = |v: i64| (v as f64 * 1000.0 / per_em).round() as i64;
        let mut glyphs = BTreeMap::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|c| {
                    if let Some(g) = sub.glyph_index(c).filter(|g| g.0 != 0) {
                        glyphs.entry(c).or_insert(g.0);
                    }
                });
            }
        }
        if glyphs.is_empty() {
            return Err(format!("{FILE} maps no character to a glyph"));
        }
        let widths = (0..face.number_of_glyphs())
            .map(|g| {
                let advance = face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0);
                scale(i64::from(advance)) as u16
            })
            .collect();
        let ps_name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .and_then(|n| n.to_string())
            .filter(|n| !n.is_empty() && n.is_ascii())
            .unwrap_or_else(|| "BIZUDGothic-JIS".into());
        let b = face.global_bounding_box();
        let font = TypingFont {
            packed: deflate(data),
            length: data.len(),
            ps_name,
            widths,
            ascent: scale(i64::from(face.ascender())),
            descent: scale(i64::from(face.descender())),
            cap_height: scale(i64::from(face.capital_height().unwrap_or(face.ascender()))),
            bbox: [
                scale(i64::from(b.x_min)),
                scale(i64::from(b.y_min)),
                scale(i64::from(b.x_max)),
                scale(i64::from(b.y_max)),
            ],
            to_unicode: deflate(to_unicode_cmap(&glyphs).as_bytes()),
            glyphs,
        };
        Ok(font)
    }

    /// True if every character of `text` has a glyph.
    pub fn covers(&self, text: &str) -> bool {
        text.chars()
            .all(|c| self.glyphs.contains_key(&u32::from(c)))
    }

    /// How many characters the font maps.
    pub fn characters(&self) -> usize {
        self.glyphs.len()
    }

    /// `text` as Identity-H codes (two bytes per glyph id) and its width in
    /// thousandths of an em; characters the font lacks become glyph 0.
    pub fn encode(&self, text: &str) -> (Vec<u8>, f64) {
        let mut codes = Vec::with_capacity(text.len() * 2);
        let mut width = 0.0;
        for c in text.chars() {
            let g = self.glyphs.get(&u32::from(c)).copied().unwrap_or(0);
            codes.extend_from_slice(&g.to_be_bytes());
            width += f64::from(self.widths.get(usize::from(g)).copied().unwrap_or(1000));
        }
        (codes, width)
    }

    /// Adds the font (Type0 → CIDFontType2 → descriptor → font file) to
    /// `doc` and returns the Type0 font dictionary's id.
    pub(crate) fn add_to(&self, doc: &mut Document) -> ObjectId {
        let mut file = Dictionary::new();
        file.set("Length1", self.length as i64);
        file.set("Filter", name("FlateDecode"));
        let file = doc.add_object(Stream::new(file, self.packed.clone()).with_compression(false));
        let descriptor = doc.add_object(Dictionary::from_iter([
            ("Type", name("FontDescriptor")),
            ("FontName", name(&self.ps_name)),
            // Symbolic: it holds characters outside the standard Latin set.
            ("Flags", Object::Integer(4)),
            (
                "FontBBox",
                Object::Array(self.bbox.iter().map(|&v| Object::Integer(v)).collect()),
            ),
            ("ItalicAngle", Object::Integer(0)),
            ("Ascent", Object::Integer(self.ascent)),
            ("Descent", Object::Integer(self.descent)),
            ("CapHeight", Object::Integer(self.cap_height)),
            ("StemV", Object::Integer(80)),
            ("FontFile2", file.into()),
        ]));
        let cid = doc.add_object(Dictionary::from_iter([
            ("Type", name("Font")),
            ("Subtype", name("CIDFontType2")),
            ("BaseFont", name(&self.ps_name)),
            (
                "CIDSystemInfo",
                Object::Dictionary(Dictionary::from_iter([
                    ("Registry", Object::string_literal("Adobe")),
                    ("Ordering", Object::string_literal("Identity")),
                    ("Supplement", Object::Integer(0)),
                ])),
            ),
            ("FontDescriptor", descriptor.into()),
            ("CIDToGIDMap", name("Identity")),
            ("DW", Object::Integer(1000)),
            ("W", self.w_array()),
        ]));
        let mut cmap = Dictionary::new();
        cmap.set("Filter", name("FlateDecode"));
        let cmap =
            doc.add_object(Stream::new(cmap, self.to_unicode.clone()).with_compression(false));
        doc.add_object(Dictionary::from_iter([
            ("Type", name("Font")),
            ("Subtype", name("Type0")),
            ("BaseFont", name(&self.ps_name)),
            ("Encoding", name("Identity-H")),
            ("DescendantFonts", Object::Array(vec![cid.into()])),
            ("ToUnicode", cmap.into()),
        ]))
    }

    /// `/W`: runs of glyphs whose width is not the default 1000, as
    /// `first last width` ranges.
    fn w_array(&self) -> Object {
        let mut out = Vec::new();
        let mut g = 0;
        while g < self.widths.len() {
            let w = self.widths[g];
            let mut end = g;
            while end + 1 < self.widths.len() && self.widths[end + 1] == w {
                end += 1;
            }
            if w != 1000 {
                out.extend([
                    Object::Integer(g as i64),
                    Object::Integer(end as i64),
                    Object::Integer(i64::from(w)),
                ]);
            }
            g = end + 1;
        }
        Object::Array(out)
    }
}

/// A ToUnicode CMap from each glyph id to its character (UTF-16BE, so
/// characters outside the BMP such as 𠮟 come out as surrogate pairs).
fn to_unicode_cmap(glyphs: &BTreeMap<u32, u16>) -> String {
    let by_glyph: BTreeMap<u16, u32> = glyphs.iter().map(|(&c, &g)| (g, c)).collect();
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(u16, u32)> = by_glyph.into_iter().collect();
    for chunk in entries.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for &(g, c) in chunk {
            let mut units = [0u16; 2];
            let hex: String = char::from_u32(c)
                .map(|ch| {
                    ch.encode_utf16(&mut units)
                        .iter()
                        .map(|u| format!("{u:04X}"))
                        .collect()
                })
                .unwrap_or_default();
            out.push_str(&format!("<{g:04X}> <{hex}>\n"));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cmap_writes_surrogate_pairs_outside_the_bmp() {
        let glyphs = BTreeMap::from([(0x20B9F, 7u16), (u32::from('髙'), 8)]);
        let cmap = to_unicode_cmap(&glyphs);
        assert!(cmap.contains("<0007> <D842DF9F>"), "{cmap}");
        assert!(cmap.contains("<0008> <9AD9>"), "{cmap}");
        assert!(cmap.contains("2 beginbfchar"), "{cmap}");
    }
}
