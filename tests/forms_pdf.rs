//! End to end: build the bundled forms for four cities into a temp folder,
//! then let the real readers look at them — qpdf checks the structure,
//! pypdf reads names, kinds, labels and widget rectangles, PDFium (pypdfium2)
//! clicks and types Japanese into every field, pdf.js types into every text
//! field and saves, the embedded typing font is checked glyph by glyph, and
//! both saved copies are reopened in PDFium, pdf.js, poppler and MuPDF to
//! prove every typed glyph is drawn — and read the filled copies back with
//! `tebiki forms export`.
//!
//! The readers come from `scripts/deps/forms.sh`; a missing one fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};
use tebiki::build::{Options, build};
use tebiki::forms::{self, PdfKind};
use tebiki::load::Inputs;

const INSTALLER: &str = "scripts/deps/forms.sh";
/// Where Debian's fonts-noto-cjk puts the pan-CJK font PDFium draws typed kanji with.
const CJK_FONTS: &str = "/usr/share/fonts/opentype/noto";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn require(ok: bool, what: &str) {
    assert!(
        ok,
        "{what} is missing: run {INSTALLER} (the test command runs it for you)"
    );
}

fn tool_present() {
    let works = |cmd: &str, args: &[&str]| {
        Command::new(cmd)
            .args(args)
            .current_dir(repo())
            .output()
            .is_ok_and(|o| o.status.success())
    };
    require(works("qpdf", &["--version"]), "qpdf");
    require(works("pdftotext", &["-v"]), "poppler-utils");
    require(works("mutool", &["-v"]), "mupdf-tools");
    require(
        works(
            "python3",
            &["-c", "import pypdfium2, pypdf, fontTools, PIL"],
        ),
        "pypdfium2, pypdf, fonttools or pillow",
    );
    require(
        repo()
            .join("node_modules/pdfjs-dist/package.json")
            .is_file(),
        "pdfjs-dist",
    );
    require(Path::new(CJK_FONTS).is_dir(), "fonts-noto-cjk");
}

fn run(cmd: &str, args: &[&str]) {
    let out = Command::new(cmd)
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd}: {e}; run {INSTALLER}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{cmd} {args:?} failed:\n{stdout}\n{stderr}"
    );
}

fn rect(r: tebiki::forms::acroform::Rect) -> Value {
    json!([r.x0, r.y0, r.x1, r.y1])
}

/// The kanji that fail when a reader substitutes a font of its own: 髙 and 﨑
/// (CP932 extensions, outside JIS X 0208), dense 齋 鬱 龍; then kana and
/// full-width letters and digits.
const TEST_STRING: &str = "髙﨑齋鬱龍あゑヴＡｚ１";

/// What each reader types into a text field `width` points wide: a date part
/// gets two digits, a phone number a phone number, names and the rest the
/// test string — cut to the field's `max_length` and to what one line holds
/// at 10 pt (a full-width character is 10 pt wide, a half-width one 5) after
/// the readers' padding.
/// A 49-character address, longer than a 10 pt line of any single-line field:
/// it shows whole only if the field auto-sizes.
const LONG_ADDRESS: &str = "北海道釧路市黒金町七丁目五番地　釧路市役所本庁舎三階　障がい福祉課地域生活支援係髙﨑様方気付１２３";

fn typed(name: &str, max_length: Option<u32>, multiline: bool, width: f64) -> String {
    let last = name.rsplit('.').next().unwrap_or(name);
    // In a single-line field where 49 characters still get 6 pt each, the
    // long address, uncut (a multi-line field wraps it instead).
    if last.ends_with("address") && !multiline && max_length.is_none() && width - 8.0 >= 49.0 * 6.0
    {
        return LONG_ADDRESS.to_string();
    }
    let value = match last {
        "year" | "month" | "day" => "12",
        _ if last.ends_with("_kana") => "やまだ　ゑヴァ",
        _ if last.contains("phone") || last.contains("mobile") || last == "fax" => "090-1234-5678",
        _ if last == "name" || last == "signed_by" || last.ends_with("_name") => "髙﨑　龍子",
        _ => TEST_STRING,
    };
    let mut room = width - 8.0;
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        let w = if c.is_ascii() { 5.0 } else { 10.0 };
        if max_length.is_some_and(|m| i as u32 >= m) || room < w {
            break;
        }
        room -= w;
        out.push(c);
    }
    out
}

/// What each built PDF should hold, from the definitions and typst's boxes.
fn manifest(site: &Path) -> Value {
    let (defs, diags) = forms::load(&repo().join("forms"));
    assert!(!diags.has_errors(), "{}", diags.report());
    let fonts = forms::Fonts::load(&repo().join("themes/default/fonts")).expect("shipped fonts");
    let mut entries = Vec::new();
    for form in &defs {
        let Some(city) = &form.city else { continue };
        let pdf = site
            .join(city)
            .join("forms")
            .join(format!("{}.pdf", form.id));
        assert!(pdf.is_file(), "{} was not built", pdf.display());
        let rendered = forms::render(form, &fonts).expect("renders");
        let built = std::fs::read(&pdf).expect("built pdf");
        assert!(
            rendered.pdf == built,
            "{}: two renders differ; output must be deterministic",
            form.id
        );
        check_sizes_and_print_copy(form, &pdf, &built);
        check_paper(form, &rendered);
        check_page_breaks(
            form,
            &rendered,
            &pdf.with_file_name(format!("{}-print.pdf", form.id)),
        );
        check_accessibility(form, &built);
        let fields: Vec<Value> = forms::pdf_fields(form)
            .into_iter()
            .map(|f| {
                let (kind, keys, max_length, spoken) = match &f.kind {
                    PdfKind::Text { max_length, .. } => ("text", vec![f.name.clone()], *max_length, vec![f.label.clone()]),
                    PdfKind::Check => ("checkbox", vec![f.name.clone()], None, vec![f.label.clone()]),
                    PdfKind::Radio { values, labels } => (
                        "radio",
                        values.iter().map(|v| format!("{}#{v}", f.name)).collect(),
                        None,
                        labels.clone(),
                    ),
                };
                let widgets: Vec<Value> = keys
                    .iter()
                    .zip(&spoken)
                    .map(|(k, spoken)| {
                        let (page, b) = rendered.boxes[k];
                        json!({ "key": k, "page": page, "box": rect(b), "spoken": spoken })
                    })
                    .collect();
                let width = rendered.boxes[&keys[0]].1;
                let multiline = matches!(f.kind, PdfKind::Text { multiline: true, .. });
                let typed = (kind == "text")
                    .then(|| typed(&f.name, max_length, multiline, width.x1 - width.x0));
                json!({ "name": f.name, "label": f.label, "kind": kind, "max_length": max_length, "widgets": widgets, "typed": typed })
            })
            .collect();
        entries.push(json!({ "pdf": pdf, "title": form.title, "fields": fields }));
    }
    assert_eq!(entries.len(), 12, "every bundled city form is checked");
    Value::Array(entries)
}

#[test]
fn bundled_forms_work_in_real_readers() {
    tool_present();
    let tmp = tempfile::tempdir().expect("temp dir");
    // TEBIKI_TEST_OUT keeps the PDFs and manifest for a look after the test.
    let kept = std::env::var_os("TEBIKI_TEST_OUT").map(PathBuf::from);
    let root = kept.as_deref().unwrap_or(tmp.path());
    let site = root.join("site");
    let options = Options {
        inputs: Inputs {
            content: repo().join("tests/fixtures/forms-site/content"),
            forms: repo().join("forms"),
        },
        as_of: tebiki::model::Date::parse("2026-11-01").expect("date"),
        themes: repo().join("themes"),
        out: site.clone(),
        base_url: None,
        force: false,
    };
    let (summary, _) = build(&options).expect("fixture builds");
    assert_eq!(summary.forms, 12);

    let manifest_path = root.join("manifest.json");
    std::fs::write(&manifest_path, manifest(&site).to_string()).expect("manifest");
    let m = manifest_path.to_str().expect("utf-8 path");
    let out = root.to_str().expect("utf-8 path");

    for pdf in walk_pdfs(&site) {
        run("qpdf", &["--check", pdf.to_str().expect("utf-8 path")]);
    }
    run("python3", &["tests/pdf/check_pypdf.py", m, out]);
    let fonts = format!(
        "{}:{CJK_FONTS}",
        repo().join("themes/default/fonts").display()
    );
    run("python3", &["tests/pdf/check_pdfium.py", m, &fonts, out]);
    run("node", &["tests/pdf/check_pdfjs.mjs", m, out]);
    run("python3", &["tests/pdf/check_font.py", m]);
    // Both readers' copies, reopened in all four: every typed glyph drawn.
    let typing_font = repo().join("themes/default/fonts/BIZUDGothic-JIS.ttf");
    let typing_font = typing_font.to_str().expect("utf-8 path");
    run(
        "python3",
        &["tests/pdf/check_typed.py", m, &fonts, out, typing_font],
    );

    // What PDFium and pdf.js saved reads back through `tebiki forms export`.
    let typed = |name: &str| -> Value {
        let entry = manifest_entry(&manifest_path, "matsue-kinkyu-touroku");
        let field = entry["fields"]
            .as_array()
            .and_then(|f| f.iter().find(|f| f["name"] == name))
            .unwrap_or_else(|| panic!("{name} is in the matsue form"));
        field["typed"].clone()
    };
    for copy in ["pdfium", "pdfjs"] {
        let values = export(&root.join(format!("{copy}-matsue-kinkyu-touroku.pdf")));
        for name in [
            "registrant.name",
            "registrant.name_kana",
            "registrant.phone_mobile",
            "date.year",
        ] {
            assert_eq!(values[name], typed(name), "{copy}: {name}");
        }
        if copy == "pdfium" {
            assert_eq!(values["registrant.sex"], "female");
            assert_eq!(values["registrant.handbook.physical"], true);
        }
    }
    assert_eq!(typed("registrant.name"), "髙﨑　龍子");
    // 𠮷 has no glyph in the font, and its value must still come back whole.
    let values = export(&root.join("pdfjs-outside-bmp-matsue-kinkyu-touroku.pdf"));
    assert_eq!(values["notifier.name"], "𠮷野 﨑子");
}

/// The fillable form stays under 2 MB with its typing font; the print copy
/// beside it is under 100 KB, has no fields and no typing font; a designed
/// form says on its page that it is an example, a transcribed one does not.
fn check_sizes_and_print_copy(form: &forms::Form, pdf: &Path, built: &[u8]) {
    assert!(
        built.len() <= 2_000_000,
        "{}: {} bytes, more than 2 MB",
        form.id,
        built.len()
    );
    let print = pdf.with_file_name(format!("{}-print.pdf", form.id));
    let bytes = std::fs::read(&print).unwrap_or_else(|e| panic!("{}: {e}", print.display()));
    assert!(
        bytes.len() <= 100_000,
        "{}: {} bytes, more than 100 KB",
        print.display(),
        bytes.len()
    );
    let doc = lopdf::Document::load_mem(&bytes).expect("print copy is a PDF");
    assert!(
        doc.catalog().expect("catalog").get(b"AcroForm").is_err(),
        "{}: the print copy has fields",
        print.display()
    );
    let typing_font = doc.objects.values().any(|o| {
        o.as_dict()
            .and_then(|d| d.get(b"BaseFont"))
            .and_then(|n| n.as_name())
            .is_ok_and(|n| String::from_utf8_lossy(n).contains("BIZUDGothic-JIS"))
    });
    assert!(
        !typing_font,
        "{}: the print copy carries the typing font",
        print.display()
    );
    for file in [pdf, print.as_path()] {
        let text = Command::new("pdftotext")
            .arg(file)
            .arg("-")
            .output()
            .expect("pdftotext runs; run scripts/deps/forms.sh");
        let text = String::from_utf8_lossy(&text.stdout).replace(char::is_whitespace, "");
        let designed = form
            .source
            .as_deref()
            .is_some_and(|s| s.starts_with("Designed"));
        assert_eq!(
            text.contains("参考様式：手引きに様式の掲載がないため作成した例です"),
            designed,
            "{}: says it is a designed example: {}, its source: {:?}",
            file.display(),
            !designed,
            form.source
        );
    }
}

/// Millimetres in PDF points.
fn mm(v: f64) -> f64 {
    v * 72.0 / 25.4
}

/// Boxes sized for a pen: writing boxes at least 8 mm high, 年/月/日 at
/// least 12 mm wide (two handwritten digits), check boxes and radio buttons
/// at least 4 mm with their label inside the click target; and every box
/// inside the page margins (a section kept whole never runs off the page).
fn check_paper(form: &forms::Form, rendered: &forms::RenderedForm) {
    let tolerance = 0.05;
    for field in forms::pdf_fields(form) {
        let keys: Vec<String> = match &field.kind {
            PdfKind::Radio { values, .. } => values
                .iter()
                .map(|v| format!("{}#{v}", field.name))
                .collect(),
            _ => vec![field.name.clone()],
        };
        for key in keys {
            let (_, b) = rendered.boxes[&key];
            let (w, h) = (b.x1 - b.x0, b.y1 - b.y0);
            match field.kind {
                PdfKind::Text { .. } => {
                    assert!(
                        h + tolerance >= mm(8.0),
                        "{}: {key} is {:.1} mm high",
                        form.id,
                        h / mm(1.0)
                    );
                    let last = key.rsplit('.').next().unwrap_or("");
                    if ["year", "month", "day"].contains(&last) {
                        assert!(
                            w + tolerance >= mm(12.0),
                            "{}: {key} is {:.1} mm wide",
                            form.id,
                            w / mm(1.0)
                        );
                    }
                }
                PdfKind::Check | PdfKind::Radio { .. } => {
                    assert!(
                        w.min(h) + tolerance >= mm(4.0),
                        "{}: {key} is {:.1} × {:.1} mm",
                        form.id,
                        w / mm(1.0),
                        h / mm(1.0)
                    );
                    // The click target runs on over the printed label.
                    assert!(
                        w >= h + mm(2.0),
                        "{}: {key}: a {:.1} mm wide target holds no label",
                        form.id,
                        w / mm(1.0)
                    );
                }
            }
            assert!(
                b.y0 >= mm(14.0) - 1.0 && b.y1 <= mm(297.0 - 14.0) + 1.0,
                "{}: {key} ({:.1}–{:.1} mm from the bottom) is outside the page margins",
                form.id,
                b.y0 / mm(1.0),
                b.y1 / mm(1.0)
            );
        }
    }
}

/// The pages each bundled form takes (the city sheets of 釧路 B and of the
/// 伊勢 sheet made from it are one page); a form that grows a page fails here first.
const PAGES: [(&str, usize); 12] = [
    ("ise-jizen-a", 2),
    ("ise-jizen-b", 1),
    ("ise-riyou-touroku", 1),
    ("kushiro-haishi", 1),
    ("kushiro-jizen-a", 2),
    ("kushiro-jizen-b", 1),
    ("kushiro-jizen-shinsei", 1),
    ("kushiro-kyoryoku", 1),
    ("matsue-kinkyu-touroku", 2),
    ("zushi-facesheet", 2),
    ("zushi-jisshi-houkoku", 2),
    ("zushi-touroku-shinsei", 1),
];

/// The words poppler reads on each page, with their top and bottom (pt from the top).
fn words(pdf: &Path) -> Vec<Vec<(String, f64, f64)>> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs; run scripts/deps/forms.sh");
    let html = String::from_utf8_lossy(&out.stdout);
    let attr = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        tag[start..start + tag[start..].find('"').expect("quote")]
            .parse()
            .expect("number")
    };
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let mut list = Vec::new();
        for word in page.split("<word ").skip(1) {
            let (tag, rest) = word.split_once('>').expect("word tag");
            let text = rest.split("</word>").next().unwrap_or_default();
            list.push((text.to_string(), attr(tag, "yMin"), attr(tag, "yMax")));
        }
        pages.push(list);
    }
    pages
}

/// Page breaks, read back from the print copy and the boxes typst placed:
/// a section's title is on the page of its first row and above it; on every
/// further page the section runs on to, `title（続き）` stands above its
/// rows; no page holds a single row of a section that runs over pages; a
/// consent or instruction text is on the page of the row after it (its
/// signature and date); a 確認欄 party's box, date and name are on one
/// page; and the form takes the pages it should.
fn check_page_breaks(form: &forms::Form, rendered: &forms::RenderedForm, print: &Path) {
    let pages = words(print);
    let expected = PAGES
        .iter()
        .find(|(id, _)| *id == form.id)
        .unwrap_or_else(|| panic!("{} has no expected page count", form.id))
        .1;
    assert_eq!(pages.len(), expected, "{}: pages", form.id);
    let height = mm(297.0);
    let all = forms::pdf_fields(form);
    // Layout keys of a field (a radio group has one per option).
    let keys = |f: &forms::PdfField| -> Vec<String> {
        match &f.kind {
            PdfKind::Radio { values, .. } => {
                values.iter().map(|v| format!("{}#{v}", f.name)).collect()
            }
            _ => vec![f.name.clone()],
        }
    };
    // (page, top in pt from the top of the page) of every box under `prefix`.
    let tops = |prefix: &str| -> Vec<(usize, f64)> {
        all.iter()
            .filter(|f| f.name.starts_with(prefix))
            .flat_map(keys)
            .map(|k| {
                let (page, b) = rendered.boxes[&k];
                (page, height - b.y1)
            })
            .collect()
    };
    let text_of = |page: usize| -> String { pages[page].iter().map(|w| w.0.as_str()).collect() };
    for section in &form.sections {
        let boxes = tops(&format!("{}.", section.id));
        let Some(first) = boxes.iter().map(|b| b.0).min() else {
            continue;
        };
        let last = boxes.iter().map(|b| b.0).max().unwrap_or(first);
        for (page, words) in pages.iter().enumerate().take(last + 1).skip(first) {
            let top = boxes
                .iter()
                .filter(|b| b.0 == page)
                .map(|b| b.1)
                .fold(f64::MAX, f64::min);
            if let Some(title) = &section.title {
                let want = if page == first {
                    title.clone()
                } else {
                    format!("{title}（続き）")
                };
                let word = words.iter().find(|w| w.0 == want);
                assert!(
                    word.is_some_and(|w| w.2 <= top),
                    "{}: page {}: `{want}` is not above the rows of its section",
                    form.id,
                    page + 1
                );
            }
            if first != last {
                let mut rows: Vec<i64> = boxes
                    .iter()
                    .filter(|b| b.0 == page)
                    .map(|b| (b.1 / 4.0).round() as i64)
                    .collect();
                rows.sort();
                rows.dedup();
                assert!(
                    rows.len() >= 2,
                    "{}: page {} holds one row of section `{}` alone",
                    form.id,
                    page + 1,
                    section.id
                );
            }
        }
        for (i, field) in section.fields.iter().enumerate() {
            let name = format!("{}.{}", section.id, field.name);
            match &field.kind {
                forms::Kind::Confirm(confirm) => {
                    for party in &confirm.parties {
                        let at = tops(&format!("{name}.{}.", party.name));
                        assert!(
                            at.iter().all(|b| b.0 == at[0].0),
                            "{}: the 確認欄 of {} is split over pages",
                            form.id,
                            party.label
                        );
                    }
                }
                forms::Kind::Fixed { text } => {
                    let Some(next) = section.fields.get(i + 1) else {
                        continue;
                    };
                    let next = tops(&format!("{}.{}", section.id, next.name));
                    let text: String = text
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .take(8)
                        .collect();
                    assert!(
                        next.iter().all(|b| text_of(b.0).contains(&text)),
                        "{}: `{text}…` is not on the page of the row after it",
                        form.id
                    );
                }
                _ => {}
            }
        }
    }
}

/// The accessibility rules the fillable PDF is read for: every font it
/// holds is embedded; each section's table has header cells with a Scope
/// (its title for the column, each label for its row); each radio option's
/// `Form` element carries its own name and the group lists its options in
/// `/Opt`; every widget sits in a `Form` element; pages with fields tab in
/// structure order; the document has a language and shows its title; and
/// nothing on a page is drawn outside tagged content or an artifact.
fn check_accessibility(form: &forms::Form, bytes: &[u8]) {
    use lopdf::{Dictionary, Document, Object};
    let doc = Document::load_mem(bytes).expect("fillable PDF");
    let id = &form.id;
    let dict = |o: &Object| -> Option<Dictionary> {
        match o {
            Object::Reference(r) => doc.get_dictionary(*r).ok().cloned(),
            Object::Dictionary(d) => Some(d.clone()),
            _ => None,
        }
    };
    let name_of = |d: &Dictionary, key: &[u8]| -> String {
        d.get(key)
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default()
    };
    let text_of = |o: &Object| -> String { lopdf::decode_text_string(o).unwrap_or_default() };
    // Every font is embedded: its descriptor (or its descendant's) has a font file.
    for (oid, object) in &doc.objects {
        let Ok(font) = object.as_dict() else { continue };
        if name_of(font, b"Type") != "Font" || name_of(font, b"Subtype") == "Type3" {
            continue;
        }
        let font = match font.get(b"DescendantFonts") {
            Ok(Object::Array(a)) => a.first().and_then(dict).expect("descendant font"),
            _ => font.clone(),
        };
        let embedded = font
            .get(b"FontDescriptor")
            .ok()
            .and_then(dict)
            .is_some_and(|fd| fd.has(b"FontFile") || fd.has(b"FontFile2") || fd.has(b"FontFile3"));
        assert!(
            embedded,
            "{id}: font {oid:?} ({}) is not embedded",
            name_of(&font, b"BaseFont")
        );
    }
    // The structure tree, element by element.
    let catalog = doc.catalog().expect("catalog");
    let root = catalog
        .get(b"StructTreeRoot")
        .ok()
        .and_then(dict)
        .expect("tagged");
    let mut elems = Vec::new();
    let mut stack = vec![root.get(b"K").expect("K").clone()];
    while let Some(k) = stack.pop() {
        match k {
            Object::Array(a) => stack.extend(a.into_iter().rev()),
            other => {
                if let Some(d) = dict(&other).filter(|d| d.has(b"S")) {
                    if let Ok(k) = d.get(b"K") {
                        stack.push(k.clone());
                    }
                    elems.push(d);
                }
            }
        }
    }
    let scope = |d: &Dictionary| -> Option<String> {
        let attrs: Vec<Object> = match d.get(b"A") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(o) => vec![o.clone()],
            Err(_) => Vec::new(),
        };
        attrs
            .iter()
            .filter_map(dict)
            .find(|a| a.has(b"Scope"))
            .map(|a| name_of(&a, b"Scope"))
    };
    // 01-005: every piece of page content is either real content, in a
    // marked-content sequence whose MCID the structure tree refers to
    // (through the parent tree), or an artifact; nothing is drawn outside both.
    let mut parents: std::collections::BTreeMap<i64, Vec<Object>> = Default::default();
    let mut nodes = vec![
        root.get(b"ParentTree")
            .ok()
            .and_then(dict)
            .expect("ParentTree"),
    ];
    while let Some(node) = nodes.pop() {
        if let Ok(nums) = node.get(b"Nums").and_then(Object::as_array) {
            for pair in nums.chunks(2) {
                let key = pair[0].as_i64().expect("parent tree key");
                let value = match &pair[1] {
                    Object::Reference(r) => doc.get_object(*r).expect("parent tree entry").clone(),
                    other => other.clone(),
                };
                if let Ok(list) = value.as_array() {
                    parents.insert(key, list.clone());
                }
            }
        }
        if let Ok(kids) = node.get(b"Kids").and_then(Object::as_array) {
            nodes.extend(kids.iter().filter_map(dict));
        }
    }
    for (number, page) in doc.get_pages() {
        let page_dict = doc.get_dictionary(page).expect("page");
        let content = lopdf::content::Content::decode(&doc.get_page_content(page))
            .unwrap_or_else(|e| panic!("{id}: page {number}: content unreadable: {e}"));
        let elements = page_dict
            .get(b"StructParents")
            .and_then(Object::as_i64)
            .ok()
            .and_then(|n| parents.get(&n));
        // Per open marked-content sequence: is it tagged or an artifact?
        let mut open: Vec<bool> = Vec::new();
        let mut drawn = 0;
        for op in &content.operations {
            match op.operator.as_str() {
                "BMC" | "BDC" => {
                    let tag = op.operands.first().and_then(|o| o.as_name().ok());
                    let mcid = op
                        .operands
                        .get(1)
                        .and_then(dict)
                        .and_then(|d| d.get(b"MCID").and_then(Object::as_i64).ok());
                    if let Some(mcid) = mcid {
                        let element = elements
                            .and_then(|list| usize::try_from(mcid).ok().and_then(|i| list.get(i)))
                            .and_then(dict);
                        assert!(
                            element.is_some_and(|e| e.has(b"S")),
                            "{id}: page {number}: MCID {mcid} is in no structure element"
                        );
                    }
                    open.push(tag == Some(b"Artifact".as_slice()) || mcid.is_some());
                }
                "EMC" => {
                    assert!(
                        open.pop().is_some(),
                        "{id}: page {number}: EMC without BMC/BDC"
                    );
                }
                "Tj" | "TJ" | "'" | "\"" | "Do" | "sh" | "BI" | "f" | "F" | "f*" | "S" | "s"
                | "B" | "B*" | "b" | "b*" => {
                    drawn += 1;
                    assert!(
                        open.iter().any(|&marked| marked),
                        "{id}: page {number}: `{}` draws outside tagged content or an artifact",
                        op.operator
                    );
                }
                _ => {}
            }
        }
        assert!(
            open.is_empty(),
            "{id}: page {number}: a marked-content sequence is not closed"
        );
        assert!(drawn > 0, "{id}: page {number}: nothing drawn");
    }
    let scopes: Vec<String> = elems
        .iter()
        .filter(|e| name_of(e, b"S") == "TH")
        .map(|e| scope(e).unwrap_or_else(|| panic!("{id}: a TH has no Scope")))
        .collect();
    let tables = elems.iter().filter(|e| name_of(e, b"S") == "Table").count();
    assert_eq!(tables, form.sections.len(), "{id}: a table per section");
    let rows = scopes.iter().filter(|s| *s == "Row").count();
    assert!(
        rows >= tables,
        "{id}: {rows} row headers for {tables} tables"
    );
    let titled = form.sections.iter().filter(|s| s.title.is_some()).count();
    let columns = scopes.iter().filter(|s| *s == "Column").count();
    assert!(
        columns >= titled,
        "{id}: {columns} column headers, {titled} titles"
    );
    // Each widget's Form element, by the widget's object id; all but the
    // date line's sit in the table cell they are drawn in.
    let mut spoken = std::collections::BTreeMap::new();
    let mut in_cells = 0;
    for e in elems.iter().filter(|e| name_of(e, b"S") == "Form") {
        let objr = e.get(b"K").ok().and_then(dict).expect("OBJR");
        let widget = objr
            .get(b"Obj")
            .and_then(Object::as_reference)
            .expect("Obj");
        spoken.insert(widget, e.get(b"Alt").map(text_of).unwrap_or_default());
        let parent = e.get(b"P").ok().and_then(dict).expect("P");
        if matches!(name_of(&parent, b"S").as_str(), "TD" | "TH") {
            in_cells += 1;
        }
    }
    let date_line = if form.date_label.is_some() { 3 } else { 0 };
    assert_eq!(
        in_cells + date_line,
        spoken.len(),
        "{id}: a widget's Form element is outside the cell it is drawn in"
    );
    let acro = catalog
        .get(b"AcroForm")
        .ok()
        .and_then(dict)
        .expect("AcroForm");
    let mut fields: Vec<Object> = acro
        .get(b"Fields")
        .and_then(Object::as_array)
        .expect("Fields")
        .clone();
    let mut widgets = 0;
    while let Some(f) = fields.pop() {
        let reference = f.as_reference().ok();
        let d = dict(&f).expect("field");
        let kids: Vec<Object> = d
            .get(b"Kids")
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default();
        if name_of(&d, b"Subtype") == "Widget" {
            widgets += 1;
            assert!(
                reference.is_some_and(|r| spoken.contains_key(&r)),
                "{id}: a widget is in no Form element"
            );
        }
        let radio = d
            .get(b"Ff")
            .and_then(Object::as_i64)
            .is_ok_and(|ff| ff & (1 << 15) != 0);
        if radio {
            let opt = d
                .get(b"Opt")
                .and_then(Object::as_array)
                .expect("radio /Opt");
            assert_eq!(opt.len(), kids.len(), "{id}: /Opt lists every option");
            let names: Vec<&String> = kids
                .iter()
                .map(|k| &spoken[&k.as_reference().expect("kid")])
                .collect();
            let distinct: std::collections::BTreeSet<_> = names.iter().collect();
            assert_eq!(
                distinct.len(),
                names.len(),
                "{id}: radio options share a name: {names:?}"
            );
            widgets += kids.len();
        } else {
            fields.extend(kids);
        }
    }
    assert_eq!(
        widgets,
        spoken.len(),
        "{id}: every widget has its Form element"
    );
    for page in doc.get_pages().into_values() {
        let page = doc.get_dictionary(page).expect("page");
        if page.has(b"Annots") {
            assert_eq!(
                name_of(page, b"Tabs"),
                "S",
                "{id}: tab order follows the structure"
            );
        }
    }
    assert!(catalog.has(b"Lang"), "{id}: no /Lang");
    let prefs = catalog
        .get(b"ViewerPreferences")
        .ok()
        .and_then(dict)
        .expect("ViewerPreferences");
    assert_eq!(
        prefs.get(b"DisplayDocTitle").and_then(Object::as_bool).ok(),
        Some(true),
        "{id}: DisplayDocTitle"
    );
}

fn manifest_entry(path: &Path, form: &str) -> Value {
    let all: Value =
        serde_json::from_slice(&std::fs::read(path).expect("manifest")).expect("manifest JSON");
    all.as_array()
        .and_then(|a| {
            a.iter().find(|e| {
                e["pdf"]
                    .as_str()
                    .is_some_and(|p| p.ends_with(&format!("/{form}.pdf")))
            })
        })
        .cloned()
        .unwrap_or_else(|| panic!("{form} is in the manifest"))
}

fn export(filled: &Path) -> Value {
    let export = Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(["forms", "export"])
        .arg(filled)
        .output()
        .expect("runs tebiki");
    assert!(
        export.status.success(),
        "{}: {}",
        filled.display(),
        String::from_utf8_lossy(&export.stderr)
    );
    serde_json::from_slice(&export.stdout).expect("JSON")
}

/// A transcribed form keeps the city's own marks: 松江's draft says 【案】,
/// 釧路's sheet B has a 担当者印 after each of its five supporters.
#[test]
fn transcribed_forms_keep_the_citys_marks() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (defs, diags) = forms::load(&repo().join("forms"));
    assert!(!diags.has_errors(), "{}", diags.report());
    let fonts = forms::Fonts::load(&repo().join("themes/default/fonts")).expect("fonts");
    let text_of = |id: &str| {
        let form = defs.iter().find(|f| f.id == id).expect("form");
        let path = tmp.path().join(format!("{id}.pdf"));
        std::fs::write(&path, forms::render(form, &fonts).expect("renders").print).expect("write");
        let out = Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext runs; run scripts/deps/forms.sh");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(text_of("matsue-kinkyu-touroku").contains("【案】"));
    let seals = text_of("kushiro-jizen-b").matches('印').count();
    assert!(seals >= 5, "釧路 B prints 印 {seals} times, its sheet five");
}

/// 釧路's 事前登録シート B is one dense page in the city's guide, and so
/// it is here: the fillable and the print copy are each one A4 portrait
/// page holding every box, at the paper sizes (`check_paper`), and every
/// caption and mark the city's sheet prints, read back from the page.
#[test]
fn kushiro_sheet_b_is_one_page_like_the_citys() {
    let (defs, diags) = forms::load(&repo().join("forms"));
    assert!(!diags.has_errors(), "{}", diags.report());
    let fonts = forms::Fonts::load(&repo().join("themes/default/fonts")).expect("fonts");
    let form = defs
        .iter()
        .find(|f| f.id == "kushiro-jizen-b")
        .expect("釧路 B");
    let rendered = forms::render(form, &fonts).expect("renders");
    for (copy, bytes) in [("fillable", &rendered.pdf), ("print", &rendered.print)] {
        let doc = lopdf::Document::load_mem(bytes).expect("a PDF");
        let pages = doc.get_pages();
        assert_eq!(pages.len(), 1, "{copy}: {} pages", pages.len());
        let page = doc
            .get_dictionary(*pages.values().next().expect("a page"))
            .expect("page");
        let size: Vec<f64> = page
            .get(b"MediaBox")
            .and_then(lopdf::Object::as_array)
            .expect("MediaBox")
            .iter()
            .map(|v| {
                v.as_float()
                    .map(f64::from)
                    .or_else(|_| v.as_i64().map(|i| i as f64))
                    .expect("number")
            })
            .collect();
        assert!(
            (size[2] - mm(210.0)).abs() < 1.0 && (size[3] - mm(297.0)).abs() < 1.0,
            "{copy}: not A4 portrait: {size:?}"
        );
    }
    let fields = forms::pdf_fields(form);
    assert!(fields.len() > 60, "{} fields", fields.len());
    assert!(
        rendered.boxes.values().all(|(page, _)| *page == 0),
        "every box is on the one page"
    );
    check_paper(form, &rendered);
    // Every caption of the city's sheet, and its five 担当者印: a 印 per supporter.
    let tmp = tempfile::tempdir().expect("temp dir");
    let print = tmp.path().join("kushiro-jizen-b-print.pdf");
    std::fs::write(&print, &rendered.print).expect("write");
    let out = Command::new("pdftotext")
        .arg(&print)
        .arg("-")
        .output()
        .expect("pdftotext runs; run scripts/deps/forms.sh");
    let text = String::from_utf8_lossy(&out.stdout).replace(char::is_whitespace, "");
    for mark in [
        "【Ｂ】",
        "作成日",
        "新規",
        "更新",
        "登録番号",
        "※更新時",
        "作成相談支援事業所",
        "担当者",
        "登録者情報",
        "ふりがな",
        "氏名",
        "生年月日",
        "昭和",
        "平成",
        "令和",
        "性別",
        "男",
        "女",
        "住所（方書）",
        "電話番号",
        "サービス受給者番号",
        "緊急時支援計画",
        "想定される緊急事態",
        "本人が緊急時に行うこと",
        "緊急時の連絡先（地域定着）",
        "事業所名",
        "ﾌｧｸｽ",
        "携帯",
        "E-mail",
        "コーディネーター",
        "受け入れ先",
        "受け入れ時に行うこと",
        "緊急時対応時の留意事項",
        "確認欄",
        "上記の緊急時支援計画について同意します",
        "登録者",
        "上記の緊急時支援計画について確認しました",
        "地域定着",
        "受け入れ先１",
        "受け入れ先２",
        "受け入れ先３",
        "ｺｰﾃﾞｨﾈｰﾀｰ",
    ] {
        assert!(text.contains(mark), "釧路 B does not print {mark}: {text}");
    }
    assert_eq!(text.matches('印').count(), 5, "{text}");
}

#[test]
fn export_refuses_unfilled_and_broken_files() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (defs, _) = forms::load(&repo().join("forms"));
    let fonts = forms::Fonts::load(&repo().join("themes/default/fonts")).expect("fonts");
    let form = defs
        .iter()
        .find(|f| f.id == "kushiro-haishi")
        .expect("form");
    let blank = tmp.path().join("blank.pdf");
    std::fs::write(&blank, forms::render(form, &fonts).expect("renders").pdf).expect("write");
    let broken = tmp.path().join("broken.pdf");
    std::fs::write(&broken, b"%PDF-1.7 not really").expect("write");
    for (file, says) in [
        (&blank, "no field of the form is filled in"),
        (&broken, "not a readable PDF"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_tebiki"))
            .args(["forms", "export"])
            .arg(file)
            .output()
            .expect("runs tebiki");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(stderr.contains(says), "{stderr}");
        assert!(stderr.contains("= hint:"), "{stderr}");
    }
}

fn walk_pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk_pdfs(&path));
        } else if path.extension().is_some_and(|x| x == "pdf") {
            found.push(path);
        }
    }
    found.sort();
    found
}
