//! Accessibility, proven the way a public-sector site is audited: axe-core
//! (WCAG 2.1 A/AA and best-practice rules) in headless Chromium over one page
//! of every kind, with zero violations, and no page scrolling sideways at
//! 360 px. Needs chromium, node and the npm packages: scripts/deps/site.sh.

mod site_support;

use std::path::Path;
use std::process::Command;

use site_support::*;

const INSTALLER: &str = "scripts/deps/site.sh";

fn require_tools() {
    let repo = repo();
    let missing: Vec<&str> = [
        (Path::new("/usr/bin/chromium").exists(), "chromium"),
        (
            Command::new("node").arg("--version").output().is_ok(),
            "node",
        ),
        (repo.join("node_modules/axe-core").is_dir(), "npm axe-core"),
        (
            repo.join("node_modules/puppeteer-core").is_dir(),
            "npm puppeteer-core",
        ),
    ]
    .into_iter()
    .filter(|(ok, _)| !ok)
    .map(|(_, name)| name)
    .collect();
    assert!(
        missing.is_empty(),
        "missing {}: run {INSTALLER} (as root) first",
        missing.join(", ")
    );
}

/// Runs axe over one page of every kind of `inputs`' site; returns what each
/// rule found (the JSON `tests/e2e/axe.mjs --results` writes).
fn assert_accessible(inputs: &tebiki::load::Inputs) -> serde_json::Value {
    assert_pages_accessible(inputs, one_page_per_kind)
}

/// Runs axe over the pages `select` picks of `inputs`' site; returns what each rule found.
fn assert_pages_accessible(
    inputs: &tebiki::load::Inputs,
    select: fn(&Path) -> Vec<String>,
) -> serde_json::Value {
    require_tools();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_ok(inputs, &out);
    let pages = select(&out);
    let results = dir.path().join("axe.json");
    let run = Command::new("node")
        .arg(repo().join("tests/e2e/axe.mjs"))
        .arg("--results")
        .arg(&results)
        .arg(&out)
        .args(&pages)
        .current_dir(repo())
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "accessibility check failed:\n{report}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        report.contains(&format!(
            "{} pages: no accessibility violations",
            pages.len()
        )),
        "{report}"
    );
    serde_json::from_str(&std::fs::read_to_string(results).unwrap()).unwrap()
}

#[test]
fn one_page_of_every_kind_has_no_violations() {
    assert_accessible(&fixture());
}

/// Where the bundled site's 試験結果 live; this test writes them.
const RESULTS: &str = "content/accessibility/results.toml";

#[test]
fn bundled_pages_of_every_kind_have_no_violations_and_the_results_are_published() {
    let inputs = bundled();
    let found = assert_accessible(&inputs);
    let results = results_toml(&found, &tebiki::model::Date::today().iso());
    let path = repo().join(RESULTS);
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    let undated = |text: &str| -> String {
        text.lines()
            .filter(|l| !l.starts_with("date = "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    if undated(&kept) != undated(&results) {
        // The site or the rules changed: the published results follow, dated today.
        std::fs::write(&path, &results).unwrap();
        println!("wrote {RESULTS}");
    }
    let (guide, diags) = tebiki::build::check(&inputs, as_of());
    assert!(!diags.has_errors(), "{}", diags.report());
    let read = guide
        .accessibility
        .results
        .expect("the results file is read back");
    assert_eq!(
        read.criteria.len(),
        tebiki::model::accessibility::CRITERIA.len()
    );
    assert!(read.pages.iter().all(|p| p.violations == 0));
    let contrast = read
        .criteria
        .iter()
        .find(|c| c.id.get_ref() == "1.4.3")
        .unwrap();
    assert_eq!(
        contrast.result.get_ref(),
        "適合",
        "contrast was tested and passed"
    );
}

/// The 試験結果 file for what axe found: each JIS X 8341-3 criterion is 不適合
/// if a rule for it found a violation, 適合 if its rules passed (within what
/// an automated test can tell), 非適用 if nothing on the pages was subject to
/// them, and 未試験 if no rule tests it.
fn results_toml(found: &serde_json::Value, date: &str) -> String {
    let tool = found["tool"].as_str().unwrap_or("axe-core");
    let rules = found["rules"].as_array().cloned().unwrap_or_default();
    let quote = |s: &str| serde_json::to_string(s).unwrap();
    let mut text = format!(
        "# 試験結果。tests/site_axe.rs が同梱のサイトを自動試験して書きます（結果が変わったときだけ）。\n\
         # 自分たちで試験したときは、この形のまま結果を書き換えてください。\n\
         date = {}\nmethod = {}\n",
        quote(date),
        quote(&format!(
            "{tool} による自動試験。ページの種類ごとに1ページを、画面の幅1280ピクセルと360ピクセルで、\
             WCAG 2.0〜2.2 のレベルA・AAの規則で試験しました。人による確認は含みません。"
        ))
    );
    for page in found["pages"].as_array().into_iter().flatten() {
        let title = page["title"].as_str().unwrap_or_default();
        let title = title.split(" | ").next().unwrap_or(title);
        text.push_str(&format!(
            "\n[[page]]\npath = {}\ntitle = {}\nviolations = {}\n",
            quote(page["path"].as_str().unwrap_or_default()),
            quote(title),
            page["violations"].as_u64().unwrap_or(0)
        ));
    }
    for (id, ..) in tebiki::model::accessibility::CRITERIA {
        let tag = format!("wcag{}", id.replace('.', ""));
        let mine: Vec<&serde_json::Value> = rules
            .iter()
            .filter(|r| {
                r["tags"]
                    .as_array()
                    .is_some_and(|t| t.iter().any(|x| x == &tag))
            })
            .collect();
        let names = |pick: &dyn Fn(&serde_json::Value) -> bool| {
            mine.iter()
                .filter(|r| pick(r))
                .filter_map(|r| r["id"].as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let count = |r: &serde_json::Value, key: &str| r[key].as_u64().unwrap_or(0);
        let (result, note) = if mine.is_empty() {
            (
                "未試験",
                "自動試験の規則がない達成基準です（人による確認が必要）".to_string(),
            )
        } else if mine.iter().any(|r| count(r, "violations") > 0) {
            (
                "不適合",
                format!(
                    "違反のあった規則：{}",
                    names(&|r| count(r, "violations") > 0)
                ),
            )
        } else if mine.iter().any(|r| count(r, "passes") > 0) {
            (
                "適合",
                format!(
                    "自動試験の範囲で問題なし（{}）",
                    names(&|r| count(r, "passes") > 0)
                ),
            )
        } else if mine.iter().any(|r| count(r, "incomplete") > 0) {
            (
                "未試験",
                format!(
                    "自動では判定できない箇所あり（{}）",
                    names(&|r| count(r, "incomplete") > 0)
                ),
            )
        } else {
            (
                "非適用",
                format!("試験したページに対象がない（{}）", names(&|_| true)),
            )
        };
        text.push_str(&format!(
            "\n[[criterion]]\nid = {}\nresult = {}\nnote = {}\n",
            quote(id),
            quote(result),
            quote(&note)
        ));
    }
    text
}

/// Every flow page, each with its two drawings and the links laid over them.
fn flow_pages(root: &Path) -> Vec<String> {
    let flows: Vec<String> = pages(root)
        .into_keys()
        .filter(|p| p.split('/').nth(1) == Some("flows"))
        .collect();
    assert!(flows.len() >= 9, "the bundled flows are built: {flows:?}");
    flows
}

#[test]
fn every_bundled_flow_page_has_no_violations() {
    assert_pages_accessible(&bundled(), flow_pages);
}

/// Every web form page (`<city>/forms/<form>.html`), one per form of each city.
fn web_form_pages(root: &Path) -> Vec<String> {
    let forms: Vec<String> = pages(root)
        .into_keys()
        .filter(|p| p.split('/').nth(1) == Some("forms"))
        .collect();
    assert_eq!(
        forms.len(),
        12,
        "every bundled form has a web form: {forms:?}"
    );
    forms
}

#[test]
fn every_bundled_web_form_page_has_no_violations() {
    assert_pages_accessible(&bundled(), web_form_pages);
}
