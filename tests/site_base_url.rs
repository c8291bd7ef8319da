//! The base URL only feeds each page's canonical address (its canonical link
//! and `og:url`), the sitemap and the 404 page's base: every link between
//! pages stays relative, so the same output works from file:// and under any
//! base path.

mod site_support;

use site_support::*;

#[test]
fn base_url_sets_canonical_addresses_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain");
    let based = dir.path().join("based");
    build_ok(&fixture(), &plain);
    let options = tebiki::build::Options {
        inputs: fixture(),
        as_of: as_of(),
        themes: repo().join("themes"),
        out: based.clone(),
        base_url: Some("https://example.jp/fukushi/tebiki/".into()),
        force: false,
    };
    tebiki::build::build(&options).expect("builds");

    let flow = std::fs::read_to_string(based.join("minato/flows/touroku.html")).unwrap();
    assert!(flow.contains(
        "<link rel=\"canonical\" href=\"https://example.jp/fukushi/tebiki/minato/flows/touroku.html\">"
    ));
    // The printable guide links to the website at its address, so its size
    // (printed beside the link to it) may differ too.
    let sizes = |html: &str| -> String {
        html.lines()
            .map(|l| match l.find("<span class=\"file-size\">") {
                Some(i) => format!("{}<span class=\"file-size\"></span></p>\n", &l[..i]),
                None => format!("{l}\n"),
            })
            .collect()
    };
    let (a, b) = (pages(&plain), pages(&based));
    for (path, html) in &b {
        let without: String = html
            .lines()
            .filter(|l| {
                !l.starts_with("<link rel=\"canonical\"")
                    && !l.starts_with("<meta property=\"og:url\"")
                    && !l.starts_with("<base href=")
            })
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(
            sizes(&without),
            sizes(&a[path]),
            "{path}: only the canonical address differs"
        );
        let base_links = attributes(html, "href")
            .into_iter()
            .filter(|h| h.starts_with('/') || h.starts_with("https://example.jp/"))
            .count();
        let want = if path == "404.html" { 2 } else { 1 };
        assert_eq!(
            base_links, want,
            "{path}: only the canonical link is absolute"
        );
        assert_eq!(
            attributes(html, "content")
                .iter()
                .filter(|c| c.starts_with("https://example.jp/"))
                .count(),
            1,
            "{path}: og:url"
        );
    }
}
