//! Content is untrusted: scripts, event handlers and `javascript:` URLs
//! written into content never reach a page, whether the checker would have
//! stopped them or not; plain text fields are escaped.

mod site_support;

use site_support::*;

/// Raw HTML attacks that the content checker lets through (it checks links, not HTML).
const RAW_ATTACKS: &str = r#"
[[qa]]
id = "evil"
number = 99
question = "安全？<script>alert('q')</script>"
answer = """
本文は残る。<a href="javascript:alert(2)" onclick="alert(3)">生のリンク</a>
<img src="x" onerror="alert(4)"> <iframe src="https://example.jp"></iframe>
<style>body { display: none }</style>

<div onmouseover="alert(5)">ブロック</div>
"""

[[term]]
id = "evil-term"
term = "<script>alert('term')</script>用語"
definition = "<svg onload=alert(6)>定義"
"#;

/// The page without the scripts the theme itself loads, once each: the
/// search module (`<script type="module" src="(../)*search/search-ui.js"></script>`),
/// the note for pages opened from disk (`search/search-file.js`), and the
/// engines of the comparison and of the web forms (`assets/*.js`).
fn without_theme_script(lower: &str) -> String {
    let mut page = lower.to_string();
    for (open, close) in [
        (
            "<script type=\"module\" src=\"",
            "search/search-ui.js\"></script>",
        ),
        ("<script src=\"", "search/search-file.js\" defer></script>"),
        // The comparison's own engine for the cities a reader picks, and a web form's.
        ("<script src=\"", "assets/compare.js\" defer></script>"),
        ("<script src=\"", "assets/webform.js\" defer></script>"),
    ] {
        page = without_once(&page, open, close);
    }
    page
}

/// `page` without the first `open` + `(../)*` + `close`.
fn without_once(page: &str, open: &str, close: &str) -> String {
    let mut from = 0;
    while let Some(found) = page[from..].find(open) {
        let start = from + found;
        let rest = &page[start + open.len()..];
        if let Some(end) = rest.find(close) {
            let root = &rest[..end];
            if root.len().is_multiple_of(3) && root.as_bytes().chunks(3).all(|c| c == b"../") {
                return format!("{}{}", &page[..start], &rest[end + close.len()..]);
            }
        }
        from = start + open.len();
    }
    page.to_string()
}

fn assert_clean(root: &std::path::Path) {
    let pages = pages(root);
    assert!(!pages.is_empty());
    for (path, html) in &pages {
        // A flow page's drawings are SVG that tebiki writes itself, each
        // opening exactly so; content's own `<svg` must still not get through.
        let lower = without_theme_script(&html.to_lowercase())
            .replace("<svg xmlns=\"http://www.w3.org/2000/svg\" viewbox=\"", "");
        for bad in [
            "<script",
            "javascript:",
            "onclick",
            "onerror",
            "onload",
            "onmouseover",
            "<iframe",
            "<style",
            "<svg",
            "<img",
        ] {
            assert!(!lower.contains(bad), "{path} contains `{bad}`");
        }
    }
}

#[test]
fn raw_html_in_content_does_not_survive_a_build() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&fixture().content, &content);
    let reference = content.join("cities/minato/reference.toml");
    let mut text = std::fs::read_to_string(&reference).unwrap();
    text.push_str(RAW_ATTACKS);
    std::fs::write(&reference, text).unwrap();
    let inputs = tebiki::load::Inputs {
        content,
        forms: fixture().forms,
    };
    let out = dir.path().join("site");
    build_ok(&inputs, &out);
    assert_clean(&out);
    let qa = std::fs::read_to_string(out.join("minato/qa.html")).unwrap();
    assert!(
        qa.contains("本文は残る。"),
        "the text around removed HTML stays"
    );
    assert!(
        qa.contains("生のリンク"),
        "the text of a removed link stays"
    );
    let glossary = std::fs::read_to_string(out.join("minato/glossary.html")).unwrap();
    assert!(
        glossary.contains("&lt;script&gt;alert(&#39;term&#39;)&lt;&#x2F;script&gt;用語")
            || glossary.contains("&lt;script&gt;alert(&#39;term&#39;)&lt;/script&gt;用語"),
        "plain text is escaped, not dropped"
    );
}

#[test]
fn javascript_links_in_markdown_do_not_survive_the_renderer() {
    // The checker rejects `[x](javascript:…)`; the renderer must hold on its own too.
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&fixture().content, &content);
    let flows = content.join("cities/minato/flows.toml");
    let text = std::fs::read_to_string(&flows).unwrap().replace(
        "事前登録から緊急時の対応までの流れ。",
        "流れ。[押す](javascript:alert(1)) [押す2](JaVaScRiPt:alert(2)) [データ](data:text/html,x)",
    );
    std::fs::write(&flows, text).unwrap();
    let inputs = tebiki::load::Inputs {
        content,
        forms: fixture().forms,
    };
    let (guide, diags) = tebiki::build::check(&inputs, as_of());
    assert!(diags.has_errors(), "the checker reports javascript: links");
    let out = dir.path().join("site");
    std::fs::create_dir_all(&out).unwrap();
    let options = tebiki::site::Options {
        theme: repo().join("themes/default"),
        base_url: None,
        as_of: as_of(),
        guides: Default::default(),
    };
    tebiki::site::render(&guide, &options, &out).unwrap();
    assert_clean(&out);
    let flow = std::fs::read_to_string(out.join("minato/flows/touroku.html")).unwrap();
    assert!(!flow.contains("data:text"), "data: URLs are removed");
    assert!(flow.contains("押す"), "the link text stays");
}
