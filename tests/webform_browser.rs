//! Web forms in a real browser (tests/e2e/webform_browser.mjs): two bundled
//! forms of two cities are typed in by keyboard with values made from their
//! PDF fields (髙橋 﨑子, たかはし さきこ, 𠮷野), kept over a reload, exported
//! as JSON equal to those values, imported into a fresh profile, cleared,
//! printed, and saved as a filled PDF that `tebiki forms export`, PDFium and
//! pdf.js all read back. Wrong dates, ふりがな and phone numbers give linked
//! messages. Every form page's structure is checked without a browser, and
//! axe over every form page is in tests/site_axe.rs. Needs chromium, node,
//! the npm packages (scripts/deps/site.sh) and the PDF readers
//! (scripts/deps/forms.sh).

mod site_support;

use std::path::Path;
use std::process::Command;

use serde_json::{Map, Value, json};
use site_support::*;
use tebiki::forms::{Form, PdfKind, pdf_fields};
use unicode_normalization::UnicodeNormalization;

const TRIED: [(&str, &str); 2] = [("matsue", "matsue-kinkyu-touroku"), ("ise", "ise-jizen-b")];

fn forms() -> Vec<Form> {
    let (forms, diags) = tebiki::forms::load(&repo().join("forms"));
    assert!(!diags.has_errors(), "{}", diags.report());
    forms
}

/// A value for every PDF field of `form`, as a person would fill it in.
fn fixture(form: &Form) -> Map<String, Value> {
    let mut out = Map::new();
    for (i, f) in pdf_fields(form).iter().enumerate() {
        let leaf = f.name.rsplit('.').next().unwrap_or_default();
        let label: String = f.label.nfkc().collect();
        let value = match &f.kind {
            PdfKind::Check => json!(i % 2 == 0),
            PdfKind::Radio { values, .. } => json!(values.last()),
            PdfKind::Text {
                multiline,
                max_length,
            } => {
                let text = match leaf {
                    "year" => "5",
                    "month" => "4",
                    "day" => "1",
                    _ if leaf.ends_with("_kana") => "たかはし さきこ",
                    _ if leaf.contains("phone")
                        || leaf.contains("fax")
                        || label.contains("電話")
                        || label.contains("ファクス")
                        || label.contains("FAX") =>
                    {
                        "0852-55-5555"
                    }
                    _ if leaf.contains("name") || label.contains("氏名") => "髙橋 﨑子",
                    _ if *multiline => "松江市末次町86\n𠮷野ハイツ 髙﨑",
                    _ => "𠮷野 髙﨑",
                };
                let limit = max_length.map_or(usize::MAX, |m| m as usize);
                json!(text.chars().take(limit).collect::<String>())
            }
        };
        out.insert(f.name.clone(), value);
    }
    out
}

fn require_tools() {
    let repo = repo();
    assert!(
        Path::new("/usr/bin/chromium").exists()
            && repo.join("node_modules/puppeteer-core").is_dir()
            && repo.join("node_modules/pdfjs-dist").is_dir(),
        "chromium, puppeteer-core or pdfjs-dist missing: run scripts/deps/site.sh and scripts/deps/forms.sh (as root) first"
    );
}

fn output(cmd: &mut Command) -> String {
    let out = cmd.output().expect("the tool runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The text values a reader should show, without what the typing font has no glyph for.
fn shown(values: &Map<String, Value>) -> Vec<String> {
    let mut texts: Vec<String> = values
        .values()
        .filter_map(Value::as_str)
        .filter(|s| s.chars().count() > 2)
        .flat_map(|s| s.split('\n'))
        .map(|s| s.chars().filter(|c| (*c as u32) < 0x10000).collect())
        .collect();
    texts.sort();
    texts.dedup();
    texts
}

#[test]
fn web_forms_are_filled_kept_exported_imported_printed_and_saved_as_pdf() {
    require_tools();
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    build_ok(&bundled(), &site);
    let forms = forms();
    let work = dir.path().join("work");
    let mut args = Vec::new();
    let mut fixtures = Vec::new();
    for (city, id) in TRIED {
        let form = forms.iter().find(|f| f.id == id).unwrap();
        let values = fixture(form);
        let file = dir.path().join(format!("{id}.json"));
        std::fs::write(&file, serde_json::to_string_pretty(&values).unwrap()).unwrap();
        args.push(format!("{city}/forms/{id}.html={}", file.display()));
        let texts: Vec<String> = pdf_fields(form)
            .into_iter()
            .filter(|f| matches!(f.kind, PdfKind::Text { .. }))
            .map(|f| f.name)
            .collect();
        fixtures.push((id, values, texts));
    }
    let report = output(
        Command::new("node")
            .arg(repo().join("tests/e2e/webform_browser.mjs"))
            .arg(&site)
            .arg(&work)
            .args(&args)
            .current_dir(repo()),
    );
    println!("{report}");
    assert!(report.contains("webforms: no faults"), "{report}");

    for (id, values, texts) in &fixtures {
        let typed: Map<String, Value> = values
            .iter()
            .filter(|(k, _)| texts.contains(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let folder = work.join(id);
        // Printed: every value is in the page's text (𠮷 included: the system font has it).
        let printed = output(
            Command::new("pdftotext")
                .args(["-layout"])
                .arg(folder.join("printed.pdf"))
                .arg("-"),
        );
        let printed: String = printed.nfkc().collect();
        for v in typed.values().filter_map(Value::as_str) {
            for line in v.split('\n').filter(|l| l.chars().count() > 2) {
                let line: String = line.nfkc().collect();
                let words: Vec<&str> = line.split(' ').collect();
                assert!(
                    words.iter().all(|w| printed.contains(w)),
                    "{id}: `{line}` is not on the printed page"
                );
            }
        }
        assert!(printed.contains("𠮷野"), "{id}: 𠮷 printed");

        // Downloaded: `tebiki forms export` reads back exactly the fixture.
        let filled = folder.join(format!("{id}-入力済み.pdf"));
        let exported = output(
            Command::new(env!("CARGO_BIN_EXE_tebiki"))
                .args(["forms", "export"])
                .arg(&filled),
        );
        let exported: Map<String, Value> = serde_json::from_str(&exported).unwrap();
        assert_eq!(
            &exported, values,
            "{id}: the filled PDF exports the fixture"
        );
        // The exported JSON of the page is the same text as the CLI's.
        let json = std::fs::read_to_string(folder.join(format!("{id}.json"))).unwrap();
        assert_eq!(
            json.trim_end(),
            serde_json::to_string_pretty(&exported).unwrap(),
            "{id}: the page writes the CLI's JSON"
        );

        // PDFium draws each value with the typing font's glyphs.
        let pdfium = output(
            Command::new("python3")
                .arg(repo().join("tests/pdf/read_filled.py"))
                .arg(&filled),
        );
        let pdfium: Value = serde_json::from_str(&pdfium).unwrap();
        let text: String = pdfium["text"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .collect();
        for v in shown(&typed) {
            let v: String = v.split_whitespace().collect();
            assert!(text.contains(&v), "{id}: PDFium does not show `{v}`");
        }

        // pdf.js reads every text value and finds an appearance for each.
        let pdfjs = output(
            Command::new("node")
                .arg(repo().join("tests/pdf/read_filled_pdfjs.mjs"))
                .arg(&filled)
                .current_dir(repo()),
        );
        let pdfjs: Value = serde_json::from_str(&pdfjs).unwrap();
        for (name, v) in &typed {
            let read = pdfjs["values"][name]
                .as_str()
                .unwrap_or_default()
                .replace('\r', "\n");
            assert_eq!(Some(read.as_str()), v.as_str(), "{id}: pdf.js reads {name}");
        }
        assert_eq!(
            pdfjs["missing"],
            json!([]),
            "{id}: fields without appearance"
        );
    }
}

#[test]
fn every_web_form_page_has_every_pdf_field_in_order_and_stays_small() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    build_ok(&bundled(), &site);
    let forms = forms();
    let (guide, _) = tebiki::build::check(&bundled(), as_of());
    let mut checked = 0;
    for city in &guide.cities {
        for id in &city.city.forms {
            let form = forms.iter().find(|f| &f.id == id.get_ref()).unwrap();
            let page = site
                .join(city.id())
                .join("forms")
                .join(format!("{id}.html", id = form.id));
            let html = std::fs::read_to_string(&page).unwrap();
            let mut names = attributes(&html, "name");
            names.dedup();
            names.retain(|n| n.contains('.'));
            let want: Vec<String> = pdf_fields(form).into_iter().map(|f| f.name).collect();
            assert_eq!(
                names, want,
                "{}: the page's fields in the PDF's order",
                form.id
            );
            // Every control has a label; every group a legend.
            for id in attributes(&html, "id")
                .iter()
                .filter(|i| i.starts_with("f-"))
            {
                let input = html.contains(&format!("<input id=\"{id}\""))
                    || html.contains(&format!("<textarea id=\"{id}\""))
                    || html.contains(&format!("id=\"{id}\" name="));
                if input {
                    assert!(
                        html.contains(&format!("for=\"{id}\"")),
                        "{}: {id} has no label",
                        form.id
                    );
                }
            }
            assert!(
                html.contains("どこにも送信されません"),
                "the page says nothing is sent"
            );
            let js = std::fs::read(site.join("assets/webform.js")).unwrap().len();
            let css = std::fs::read(site.join("assets/webform.css"))
                .unwrap()
                .len();
            let size = html.len() + js + css;
            assert!(
                size <= 100 * 1024,
                "{}: {size} bytes before the PDF library",
                form.id
            );
            assert!(
                !html.contains("pdf-lib.min.js\"></script>"),
                "the library loads on demand only"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 12, "every bundled city form has a web form");
    // The forms page and each step using a form link the web form beside the PDF.
    let forms_page = std::fs::read_to_string(site.join("matsue/forms.html")).unwrap();
    assert!(forms_page.contains("href=\"forms/matsue-kinkyu-touroku.html\""));
    let linked = pages(&site)
        .into_iter()
        .filter(|(p, _)| p.contains("/flows/"))
        .any(|(_, html)| html.contains("forms/matsue-kinkyu-touroku.html\">画面で入力する"));
    assert!(linked, "a step links the web form");
}
