//! End to end: build the bundled forms for four cities into a temp folder,
//! then let the real readers look at them — qpdf checks the structure,
//! PDFium (pypdfium2) clicks and types Japanese, pypdf reads names, kinds,
//! labels and widget rectangles, pdf.js lists the fields and saves a value —
//! and read a filled copy back with `tebiki forms export`.
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
    require(
        works("python3", &["-c", "import pypdfium2, pypdf"]),
        "pypdfium2 or pypdf",
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
        let fields: Vec<Value> = forms::pdf_fields(form)
            .into_iter()
            .map(|f| {
                let (kind, keys, max_length) = match &f.kind {
                    PdfKind::Text { max_length, .. } => ("text", vec![f.name.clone()], *max_length),
                    PdfKind::Check => ("checkbox", vec![f.name.clone()], None),
                    PdfKind::Radio { values } => (
                        "radio",
                        values.iter().map(|v| format!("{}#{v}", f.name)).collect(),
                        None,
                    ),
                };
                let widgets: Vec<Value> = keys
                    .iter()
                    .map(|k| {
                        let (page, b) = rendered.boxes[k];
                        json!({ "key": k, "page": page, "box": rect(b), "rect": rect(b.inset(1.0)) })
                    })
                    .collect();
                json!({ "name": f.name, "label": f.label, "kind": kind, "max_length": max_length, "widgets": widgets })
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

    // pdf.js wrote an appearance for the typed name that other readers print.
    let printed = Command::new("pdftotext")
        .arg(root.join("pdfjs-matsue-kinkyu-touroku.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext runs; run scripts/deps/forms.sh");
    assert!(
        String::from_utf8_lossy(&printed.stdout).contains("山田 太郎"),
        "the name typed in pdf.js is not in the saved page's text"
    );

    // What PDFium saved reads back through `tebiki forms export`.
    let filled = root.join("pdfium-matsue-kinkyu-touroku.pdf");
    let export = Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(["forms", "export"])
        .arg(&filled)
        .output()
        .expect("runs tebiki");
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let values: Value = serde_json::from_slice(&export.stdout).expect("JSON");
    assert_eq!(values["registrant.name"], "山田 太郎");
    assert_eq!(values["registrant.name_kana"], "やまだ たろう");
    assert_eq!(values["registrant.phone_mobile"], "090-1234-5678");
    assert_eq!(values["registrant.sex"], "female");
    assert_eq!(values["registrant.handbook.physical"], true);
    assert_eq!(values["date.year"], "12");
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
