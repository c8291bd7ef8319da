//! End to end: build the bundled site once and read every city's printable
//! guide the way its readers do. pdftotext finds every fact of the seed
//! guides that the website shows for that city; the outline holds the city
//! navigation; qpdf, pdffonts, pypdf, PDFium and pdf.js read the file; the
//! landscape matrix pages show every step column, in text and in ink; and
//! Chromium prints a flow page of the website on A4 with every step column.
//!
//! The readers come from `scripts/deps/forms.sh` and `scripts/deps/site.sh`;
//! a missing one fails the test.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const AS_OF: &str = "2026-11-01";

fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .current_dir(ROOT)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd}: {e}; run scripts/deps/forms.sh"));
    assert!(
        out.status.success(),
        "{cmd} {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("tools print UTF-8")
}

/// NFKC, no whitespace, no thousands separators: as the fidelity test compares.
fn normalise(text: &str) -> String {
    let nfkc: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    let chars: Vec<char> = nfkc.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            !(**c == ','
                && i.checked_sub(1).is_some_and(|p| chars[p].is_ascii_digit())
                && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit()))
        })
        .map(|(_, c)| *c)
        .collect()
}

fn pdftotext(pdf: &Path, pages: Option<(usize, usize)>) -> String {
    let pdf = pdf.to_string_lossy();
    let mut args = vec!["-raw".to_string()];
    if let Some((f, l)) = pages {
        args.extend(["-f".into(), f.to_string(), "-l".into(), l.to_string()]);
    }
    args.extend([pdf.to_string(), "-".into()]);
    run(
        "pdftotext",
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
    )
}

/// The texts of the city navigation of a built page, in order.
fn city_nav(html: &str) -> Vec<String> {
    let start = html
        .find("class=\"city-nav\"")
        .expect("the page has a city navigation");
    let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
    nav.split("<li><a ")
        .skip(1)
        .map(|item| {
            let text = &item[item.find('>').unwrap() + 1..item.find("</a>").unwrap()];
            text.replace("&amp;", "&")
        })
        .collect()
}

/// One page as grey pixels (PGM, as pdftoppm writes it): width, height, pixels.
fn render_page(pdf: &Path, page: usize, out: &Path) -> (usize, usize, Vec<u8>) {
    let prefix = out.join(format!("page-{page}"));
    run(
        "pdftoppm",
        &[
            "-gray",
            "-r",
            "50",
            "-singlefile",
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
            &pdf.to_string_lossy(),
            &prefix.to_string_lossy(),
        ],
    );
    let bytes = std::fs::read(prefix.with_extension("pgm")).unwrap();
    // P5\n<w> <h>\n255\n<pixels>
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).to_string());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, bytes[at + 1..].to_vec())
}

struct Built {
    _dir: tempfile::TempDir,
    site: PathBuf,
}

fn build() -> Built {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let (ok, _, stderr) = common::tebiki(
        Path::new(ROOT),
        &["--as-of", AS_OF, "build", "--out", &site.to_string_lossy()],
    );
    assert!(ok, "{stderr}");
    Built { _dir: dir, site }
}

/// One build serves every check: a debug build of typst sets the five guides slowly.
#[test]
fn every_city_guide_holds_the_site_and_reads_well_everywhere() {
    let built = build();
    let site = &built.site;
    let inputs = tebiki::load::Inputs {
        content: Path::new(ROOT).join("content"),
        forms: Path::new(ROOT).join("forms"),
    };
    let (guide, diags) = tebiki::build::check(&inputs, tebiki::model::Date::parse(AS_OF).unwrap());
    assert!(!diags.has_errors(), "{}", diags.report());
    let facts: Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/seed-facts.json")).unwrap(),
    )
    .unwrap();
    let pdfs: Vec<PathBuf> = guide
        .cities
        .iter()
        .map(|c| site.join(tebiki::guide::site_path(c.id())))
        .collect();
    let pdf_args: Vec<String> = pdfs.iter().map(|p| p.to_string_lossy().into()).collect();
    let pdf_args: Vec<&str> = pdf_args.iter().map(String::as_str).collect();

    // PDFium renders every page with ink and text; pypdf reads outline and metadata.
    let mut args = vec!["tests/pdf/check_guide.py"];
    args.extend(&pdf_args);
    let readings: Vec<Value> = run("python3", &args)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // pdf.js loads every page and finds the same outline.
    let mut args = vec!["tests/pdf/check_guide_pdfjs.mjs"];
    args.extend(&pdf_args);
    let pdfjs: Vec<Value> = run("node", &args)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();

    let mut missing = Vec::new();
    let mut found = 0;
    let work = tempfile::tempdir().unwrap();
    for ((city, pdf), (reading, pdfjs)) in guide
        .cities
        .iter()
        .zip(&pdfs)
        .zip(readings.iter().zip(&pdfjs))
    {
        let id = city.id();
        let p = pdf.to_string_lossy();
        // Structure and fonts.
        run("qpdf", &["--check", &p]);
        let fonts = run("pdffonts", &[&p]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{id}: pdffonts lists no font");
        for row in &rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let emb = cols[cols.len() - 5];
            assert_eq!(emb, "yes", "{id}: a font is not embedded: {row}");
        }
        // Standards and metadata as the XMP and catalogue say.
        assert_eq!(
            reading["pdfua"], "1",
            "{id}: no PDF/UA-1 identification in XMP"
        );
        assert_eq!(
            reading["pdfa"],
            serde_json::json!(["2", "A"]),
            "{id}: no PDF/A-2a identification"
        );
        assert_eq!(reading["lang"], "ja-JP", "{id}");
        assert_eq!(reading["marked"], true, "{id}: not a tagged PDF");
        assert!(
            reading["title"]
                .as_str()
                .unwrap()
                .starts_with(&city.city.guide.title),
            "{id}: title {}",
            reading["title"]
        );
        let pages = reading["pages"].as_u64().unwrap();
        assert_eq!(
            reading["pdfium_pages"], pages,
            "{id}: PDFium and pypdf count pages alike"
        );
        assert_eq!(pdfjs["pages"], pages, "{id}: pdf.js counts the same pages");

        // The outline: the city navigation, in order, then the appendix.
        let html = std::fs::read_to_string(site.join(id).join("index.html")).unwrap();
        let nav = city_nav(&html);
        let outline = reading["outline"].as_array().unwrap();
        let top: Vec<&str> = outline
            .iter()
            .filter(|e| e[0] == 0)
            .map(|e| e[1].as_str().unwrap())
            .collect();
        let mut want: Vec<&str> = nav.iter().map(String::as_str).collect();
        if !city.city.forms.is_empty() {
            want.push("付録　様式");
        }
        assert_eq!(
            top, want,
            "{id}: the outline's chapters are the city navigation"
        );
        let titles: Vec<&str> = outline.iter().map(|e| e[1].as_str().unwrap()).collect();
        let pdfjs_titles: Vec<&str> = pdfjs["outline"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert_eq!(titles, pdfjs_titles, "{id}: pdf.js reads the same outline");
        // A cover, a table of contents and at least a page per chapter.
        assert!(
            pages as usize >= want.len() + 2,
            "{id}: {pages} pages for {} chapters",
            want.len()
        );
        for form in &city.city.forms {
            let title = &guide.form(form.get_ref()).unwrap().title;
            assert!(
                titles.iter().any(|t| t.ends_with(title.as_str())),
                "{id}: the appendix has no form {title}"
            );
        }

        // Every fact of the seed guide that the city's website shows.
        let text = pdftotext(pdf, None);
        let norm = normalise(&text);
        let list = |key: &str| -> Vec<String> {
            facts[id][key]
                .as_array()
                .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
                .unwrap_or_default()
        };
        for phone in list("phones") {
            if norm.contains(&phone) {
                found += 1
            } else {
                missing.push(format!("{id}: phone {phone}"))
            }
        }
        for yen in list("yen") {
            if norm.contains(&format!("{yen}円")) {
                found += 1
            } else {
                missing.push(format!("{id}: {yen}円"))
            }
        }
        // The fee units the seed guide prints: the website shows them on the
        // national pages, the guide beside each add-on the city cites.
        for units in list("units") {
            if norm.contains(&format!("{units}単位")) {
                found += 1
            } else {
                missing.push(format!("{id}: {units}単位"))
            }
        }
        for q in list("questions") {
            if norm.contains(&normalise(&q)) {
                found += 1
            } else {
                missing.push(format!("{id}: question {q}"))
            }
        }
        // Kinsoku: PDFium's character boxes show no line starting with a closing mark.
        assert_eq!(
            reading["kinsoku"],
            serde_json::json!([]),
            "{id}: lines start with a mark kinsoku forbids there"
        );

        // Every flow's matrix: each step column on the landscape pages, in text and in ink.
        // A flow with no duties has no matrix (the guide leaves it out); one
        // whose table would be mostly "—" lists each organisation's steps, as
        // the website does.
        let with_duties: Vec<_> = city
            .flows
            .iter()
            .filter(|f| {
                f.steps.iter().any(|s| {
                    !s.duties.is_empty() || !s.addons.is_empty() || !s.subsidies.is_empty()
                })
            })
            .collect();
        let (sparse, full): (Vec<_>, Vec<_>) =
            with_duties.into_iter().partition(|f| f.matrix_is_sparse());
        let landscape: Vec<usize> = reading["landscape"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        if !full.is_empty() {
            assert!(
                !landscape.is_empty(),
                "{id}: no landscape page for the matrices"
            );
        }
        let wide_text: String = landscape
            .iter()
            .map(|&p| normalise(&pdftotext(pdf, Some((p, p)))))
            .collect();
        for flow in &full {
            for step in &flow.steps {
                let header = normalise(&format!("{} {}", step.label, step.title));
                assert!(
                    wide_text.contains(&header),
                    "{id}: matrix of {} lacks the step column {header}",
                    flow.title
                );
            }
        }
        // Each organisation's own steps: one list per sparse flow, read in
        // the flow's order, each organisation followed by the steps it acts in.
        let lists: Vec<&str> = norm
            .split(&normalise(
                "機関ごとに、対応する手順とその内容をまとめています。",
            ))
            .skip(1)
            .collect();
        assert_eq!(
            lists.len(),
            sparse.len(),
            "{id}: one list of each organisation's steps per mostly empty matrix"
        );
        for (flow, list) in sparse.iter().zip(&lists) {
            let mut at = 0;
            for org in flow.organisations() {
                let name = &city.organisation(org).unwrap().name;
                let found = list[at..].find(&normalise(name));
                assert!(
                    found.is_some(),
                    "{id}: {}: {name} is missing from the list of each organisation's steps",
                    flow.title
                );
                at += found.unwrap();
                for step in flow
                    .steps
                    .iter()
                    .filter(|s| s.duties.iter().any(|d| d.organisation.get_ref() == org))
                {
                    let header = normalise(&format!("{} {}", step.label, step.title));
                    assert!(
                        list[at..].contains(&header),
                        "{id}: {}: {name} lacks its step {header}",
                        flow.title
                    );
                }
            }
        }
        // Landscape pages hold the matrices, and the flow drawings too wide for
        // a portrait page; the ink test is for the matrices' last column.
        let matrix_pages: Vec<usize> = landscape
            .iter()
            .copied()
            .filter(|&p| {
                let text = normalise(&pdftotext(pdf, Some((p, p))));
                text.contains(&normalise("機関ごとの対応（機関 × 手順）"))
                    || (text.contains("手順") && text.contains('～') && text.contains('/'))
            })
            .collect();
        for &page in &matrix_pages {
            let (w, h, pixels) = render_page(pdf, page, work.path());
            assert!(w > h, "{id}: page {page} is not landscape");
            // The table's right edge lies in the right-most tenth of the page: a
            // vertical rule of grey ink there, at least 10 mm long, shows the
            // last column is drawn and not cut off.
            let inked = (w * 9 / 10..w - w / 40)
                .any(|x| (0..h).filter(|y| pixels[y * w + x] < 220).count() > 20);
            assert!(inked, "{id}: page {page} has nothing in its last column");
        }
    }
    println!(
        "seed facts found in the guides: {found}, missing: {}",
        missing.len()
    );
    assert!(
        missing.is_empty(),
        "facts missing from the guides:\n{}",
        missing.join("\n")
    );
    assert!(
        found >= 100,
        "the fact list is not empty by accident ({found})"
    );

    // Every page of a city and the portal link to the guide, with its size.
    let portal = std::fs::read_to_string(site.join("index.html")).unwrap();
    let mut sizes = BTreeMap::new();
    for city in &guide.cities {
        let file = tebiki::guide::file_name(city.id());
        assert!(
            portal.contains(&format!("href=\"{}/{file}\"", city.id())),
            "portal links {file}"
        );
        for entry in walkdir::WalkDir::new(site.join(city.id())) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|x| x == "html") {
                let html = std::fs::read_to_string(entry.path()).unwrap();
                assert!(
                    html.contains(&file) && html.contains("手引き（PDF）"),
                    "{} does not link the guide",
                    entry.path().display()
                );
            }
        }
        sizes.insert(
            city.id(),
            std::fs::metadata(site.join(tebiki::guide::site_path(city.id())))
                .unwrap()
                .len(),
        );
    }
    assert!(
        portal.contains("手引き（PDF）")
            && (portal.contains("KB</span>") || portal.contains("MB</span>")),
        "sizes on the portal: {sizes:?}"
    );

    chromium_prints_a_flow_page_on_a4_with_every_step_column(site);
    same_bytes_when_set_again(&guide, site);
}

/// A guide set again in this process is byte for byte the one the build (another
/// process) wrote: for the city with matrices and forms and for the largest one.
fn same_bytes_when_set_again(guide: &tebiki::model::Guide, site: &Path) {
    let (forms, diags) = tebiki::forms::load(&Path::new(ROOT).join("forms"));
    assert!(!diags.has_errors(), "{}", diags.report());
    let fonts = tebiki::forms::Fonts::load(&Path::new(ROOT).join("themes/default/fonts")).unwrap();
    let as_of = tebiki::model::Date::parse(AS_OF).unwrap();
    for id in ["ise", "yokkaichi"] {
        let city = guide.city(id).unwrap();
        let doc = tebiki::guide::document(guide, city, as_of, None);
        let wanted: Vec<&tebiki::forms::Form> = city
            .city
            .forms
            .iter()
            .filter_map(|f| forms.iter().find(|x| x.id == *f.get_ref()))
            .collect();
        let again = tebiki::guide::render::render(&doc, &wanted, &fonts, id).unwrap();
        let built = std::fs::read(site.join(tebiki::guide::site_path(id))).unwrap();
        assert!(again == built, "{id}: the guide differs between two builds");
    }
}

/// The website's print stylesheet: A4, no search form, every step column of the matrix.
fn chromium_prints_a_flow_page_on_a4_with_every_step_column(site: &Path) {
    let page = site.join("ise/flows/registration.html");
    let out = site.join("print.pdf");
    run(
        "node",
        &[
            "tests/e2e/print_pdf.mjs",
            &page.to_string_lossy(),
            &out.to_string_lossy(),
        ],
    );
    let info = run("pdfinfo", &["-f", "1", "-l", "999", &out.to_string_lossy()]);
    for line in info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
    {
        assert!(line.contains("(A4)"), "not an A4 page: {line}");
    }
    let text = normalise(&pdftotext(&out, None));
    let inputs = tebiki::load::Inputs {
        content: Path::new(ROOT).join("content"),
        forms: Path::new(ROOT).join("forms"),
    };
    let (guide, _) = tebiki::build::check(&inputs, tebiki::model::Date::parse(AS_OF).unwrap());
    let flow = guide
        .city("ise")
        .unwrap()
        .flows
        .iter()
        .find(|f| f.id.get_ref() == "registration")
        .unwrap();
    // The matrix's header row names each step; the step list names them too,
    // so count: every step must be there at least twice.
    for step in &flow.steps {
        let header = normalise(&format!("{} {}", step.label, step.title));
        assert!(
            text.matches(&header).count() >= 2,
            "the printed matrix lacks the step column {header}"
        );
    }
    assert!(!text.contains("サイト内検索"), "the search form is printed");
}

/// The guide draws each flow with the website's diagram: set with the
/// drawings, the guide's text holds every character of the drawings' text
/// beyond what it holds without them (pdftotext may order a drawing's short
/// lines its own way, so characters are counted, not lines matched).
#[test]
fn the_guide_holds_each_flows_diagram() {
    let inputs = tebiki::load::Inputs {
        content: Path::new(ROOT).join("content"),
        forms: Path::new(ROOT).join("forms"),
    };
    let as_of = tebiki::model::Date::parse(AS_OF).unwrap();
    let (guide, diags) = tebiki::build::check(&inputs, as_of);
    assert!(!diags.has_errors(), "{}", diags.report());
    let fonts = tebiki::forms::Fonts::load(&Path::new(ROOT).join("themes/default/fonts")).unwrap();
    let (forms, _) = tebiki::forms::load(&inputs.forms);
    let work = tempfile::tempdir().unwrap();
    for id in ["kushiro", "ise"] {
        let city = guide.city(id).unwrap();
        let wanted: Vec<&tebiki::forms::Form> = city
            .city
            .forms
            .iter()
            .filter_map(|f| forms.iter().find(|x| x.id == *f.get_ref()))
            .collect();
        let text_of = |doc: &tebiki::guide::doc::Doc, name: &str| {
            let pdf = tebiki::guide::render::render(doc, &wanted, &fonts, id).unwrap();
            let path = work.path().join(format!("{id}-{name}.pdf"));
            std::fs::write(&path, &pdf).unwrap();
            normalise(&pdftotext(&path, None))
        };
        let with = text_of(&tebiki::guide::document(&guide, city, as_of, None), "with");
        let without = text_of(
            &tebiki::guide::Builder::new(&guide, city, as_of, None).doc(),
            "without",
        );
        let cx = tebiki::diagram::Context::of_city(city);
        let mut drawn: BTreeMap<char, usize> = BTreeMap::new();
        for flow in &city.flows {
            let drawing = tebiki::diagram::draw(flow, &cx, tebiki::diagram::Shape::Wide);
            for text in drawing.svg.split("<text").skip(1) {
                let Some(line) = text.split_once('>').and_then(|(_, t)| t.split('<').next()) else {
                    continue;
                };
                let line = line
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">");
                for c in normalise(&line).chars().filter(|c| !c.is_ascii()) {
                    *drawn.entry(c).or_default() += 1;
                }
            }
        }
        let count = |text: &str, c: char| text.chars().filter(|x| *x == c).count();
        let total: usize = drawn.values().sum();
        assert!(
            total > 100,
            "{id}: the drawings hold text ({total} characters)"
        );
        let short: Vec<String> = drawn
            .iter()
            .filter(|(c, n)| count(&with, **c) < count(&without, **c) + **n)
            .map(|(c, n)| format!("{c}×{n}"))
            .collect();
        assert!(
            short.is_empty(),
            "{id}: characters of the diagrams missing from the guide: {short:?}"
        );
    }
}
