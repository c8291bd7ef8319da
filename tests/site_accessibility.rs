//! The アクセシビリティ方針 states what a public site's policy must (date, scope,
//! target, conformance, exceptions) from `content/accessibility/policy.toml`,
//! and the 試験結果 page shows the results file: the day of the test, every
//! JIS X 8341-3 criterion with its result, and the pages tested. A site
//! without those files states no date and has no results page.

mod site_support;

use site_support::*;

#[test]
fn the_policy_and_the_test_results_come_from_the_content() {
    let inputs = bundled();
    let dir = tempfile::tempdir().unwrap();
    build_ok(&inputs, dir.path());
    let (guide, _) = tebiki::build::check(&inputs, as_of());
    let policy = guide.accessibility.policy.expect("a policy");
    let results = guide.accessibility.results.expect("test results");

    let page = std::fs::read_to_string(dir.path().join("accessibility.html")).unwrap();
    let date = policy.date.get_ref();
    assert!(page.contains(&format!(
        "策定日：<time datetime=\"{}\">{}</time>",
        date.iso(),
        date.era()
    )));
    for part in [
        "id=\"scope\"",
        "id=\"exceptions\"",
        "様式のPDF",
        "<dd>配慮</dd>",
        "<dd>AA</dd>",
    ] {
        assert!(page.contains(part), "the policy lacks {part}");
    }
    assert!(page.contains("<a href=\"accessibility-results.html\">試験結果</a>"));

    let shown = std::fs::read_to_string(dir.path().join("accessibility-results.html")).unwrap();
    let tested = results.date.get_ref();
    assert!(shown.contains(&format!(
        "<time datetime=\"{}\">{}</time>",
        tested.iso(),
        tested.era()
    )));
    let rows: Vec<&str> = shown.split("<tr><th scope=\"row\">").skip(1).collect();
    let criteria = tebiki::model::accessibility::CRITERIA.len();
    assert_eq!(
        rows.len(),
        criteria + results.pages.len(),
        "a row per criterion and per page"
    );
    for c in &results.criteria {
        let row = rows
            .iter()
            .find(|r| r.starts_with(&format!("{} ", c.id.get_ref())))
            .unwrap_or_else(|| panic!("no row for {}", c.id.get_ref()));
        assert!(
            row.contains(&format!("<td>{}</td>", c.result.get_ref())),
            "{row}"
        );
    }
    for p in &results.pages {
        assert!(
            dir.path().join(&p.path).is_file(),
            "{} was tested but is no page",
            p.path
        );
        assert!(shown.contains(&format!("<a href=\"{}\">", p.path)));
    }
}

#[test]
fn without_accessibility_files_no_date_is_stated_and_no_results_page_is_made() {
    let dir = tempfile::tempdir().unwrap();
    build_ok(&fixture(), dir.path());
    let page = std::fs::read_to_string(dir.path().join("accessibility.html")).unwrap();
    assert!(!page.contains("策定日"));
    assert!(!page.contains("<time"));
    assert!(!dir.path().join("accessibility-results.html").exists());
}
