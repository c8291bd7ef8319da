//! What a published site needs besides its pages, seen in the built files:
//! every page described (its own first paragraph) with its canonical address
//! under the base URL, a sitemap listing every page and nothing else, a robots
//! file pointing at it, a 404 page that works at any address, a favicon,
//! `tel:` links only for numbers that can be dialled, each city's publisher
//! and last update (its own dates only) in the footer, and a table of contents
//! on long pages.

mod site_support;

use std::collections::BTreeSet;
use std::path::Path;

use site_support::*;

const BASE: &str = "https://example.jp/fukushi/tebiki";

fn build_at(inputs: &tebiki::load::Inputs, out: &Path, base_url: Option<&str>) {
    let options = tebiki::build::Options {
        inputs: inputs.clone(),
        as_of: as_of(),
        themes: repo().join("themes"),
        out: out.to_path_buf(),
        base_url: base_url.map(str::to_string),
        force: false,
    };
    tebiki::build::build(&options).expect("builds");
}

/// The content of the first `<meta name|property="key">` of a page.
fn meta(html: &str, key: &str) -> Option<String> {
    let head = &html[..html.find("</head>")?];
    let at = head
        .find(&format!("name=\"{key}\" content=\""))
        .or_else(|| head.find(&format!("property=\"{key}\" content=\"")))?;
    let start = at + head[at..].find("content=\"")? + "content=\"".len();
    Some(head[start..start + head[start..].find('"')?].to_string())
}

#[test]
fn every_page_is_described_and_has_its_canonical_address_and_the_sitemap_lists_every_page() {
    let inputs = bundled();
    let dir = tempfile::tempdir().unwrap();
    build_at(&inputs, dir.path(), Some(&format!("{BASE}/")));
    let pages = pages(dir.path());
    assert!(pages.len() > 100, "{} pages", pages.len());
    let mut descriptions = BTreeSet::new();
    for (path, html) in &pages {
        let description = meta(html, "description").unwrap_or_default();
        assert!(
            description.chars().count() >= 10 && description.chars().count() <= 121,
            "{path}: description {description:?}"
        );
        assert!(!description.contains('<'), "{path}: {description}");
        assert_eq!(
            meta(html, "og:description"),
            Some(description.clone()),
            "{path}"
        );
        descriptions.insert(description);
        let title = html
            .split_once("<h1>")
            .and_then(|(_, r)| r.split_once("</h1>"))
            .map(|(t, _)| t.to_string())
            .unwrap_or_default();
        assert_eq!(meta(html, "og:title"), Some(title), "{path}");
        let canonical = format!("{BASE}/{path}");
        assert!(
            html.contains(&format!("<link rel=\"canonical\" href=\"{canonical}\">")),
            "{path}: no canonical link to {canonical}"
        );
        assert_eq!(meta(html, "og:url"), Some(canonical), "{path}");
        // The favicon is linked from every page and is there, so no load asks for a missing one.
        let icon = attributes(html, "href")
            .into_iter()
            .find(|h| h.ends_with("favicon.svg"))
            .unwrap_or_else(|| panic!("{path}: no favicon link"));
        let from = dir.path().join(path);
        assert!(
            from.parent().unwrap().join(&icon).is_file(),
            "{path}: {icon} is missing"
        );
    }
    // Pages describe themselves, not all alike.
    assert!(
        descriptions.len() * 10 >= pages.len() * 7,
        "{} descriptions for {} pages",
        descriptions.len(),
        pages.len()
    );
    let zushi = &pages["zushi/index.html"];
    assert!(
        meta(zushi, "description")
            .unwrap()
            .starts_with("障がい者の重度化・高齢化や「親亡き後」を見据え"),
        "the city's page is described by its own purpose"
    );

    let sitemap = std::fs::read_to_string(dir.path().join("sitemap.xml")).unwrap();
    let listed: BTreeSet<String> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| s[..s.find("</loc>").unwrap()].to_string())
        .collect();
    let want: BTreeSet<String> = pages
        .keys()
        .filter(|p| *p != "404.html")
        .map(|p| format!("{BASE}/{p}"))
        .collect();
    assert_eq!(
        listed, want,
        "the sitemap lists every page but the 404 page"
    );
    assert!(sitemap.contains(&format!(
        "<loc>{BASE}/zushi/index.html</loc><lastmod>2023-04-01</lastmod>"
    )));
    assert!(
        !sitemap.contains(&format!("<loc>{BASE}/kushiro/index.html</loc><lastmod>")),
        "釧路市 gives no date for its guide, so its pages have none"
    );
    let robots = std::fs::read_to_string(dir.path().join("robots.txt")).unwrap();
    assert!(
        robots.contains(&format!("Sitemap: {BASE}/sitemap.xml")),
        "{robots}"
    );

    // The 404 page is shown at any address: its relative links start from the site root.
    let missing = &pages["404.html"];
    assert!(
        missing.contains(&format!("<base href=\"{BASE}/\">")),
        "404 page has no base"
    );
    assert!(missing.contains("<a href=\"index.html\">トップページ</a>"));
    assert!(
        !std::fs::read_to_string(dir.path().join("search/index.json"))
            .unwrap()
            .contains("404.html")
    );
}

#[test]
fn without_a_base_url_there_is_no_sitemap_and_no_absolute_address() {
    let dir = tempfile::tempdir().unwrap();
    build_at(&fixture(), dir.path(), None);
    assert!(!dir.path().join("sitemap.xml").exists());
    let robots = std::fs::read_to_string(dir.path().join("robots.txt")).unwrap();
    assert_eq!(robots, "User-agent: *\nAllow: /\n");
    let missing = std::fs::read_to_string(dir.path().join("404.html")).unwrap();
    assert!(!missing.contains("<base "));
}

#[test]
fn phone_numbers_link_to_tel_only_when_they_can_be_dialled() {
    let inputs = bundled();
    let dir = tempfile::tempdir().unwrap();
    build_at(&inputs, dir.path(), None);
    let pages = pages(dir.path());
    let mut numbers = 0;
    for (path, html) in &pages {
        for link in attributes(html, "href")
            .into_iter()
            .filter(|h| h.starts_with("tel:"))
        {
            let digits = &link["tel:".len()..];
            assert!(
                digits.chars().all(|c| c.is_ascii_digit())
                    && ((digits.starts_with('0') && (10..=11).contains(&digits.len()))
                        || digits.len() == 3),
                "{path}: {link}"
            );
            numbers += 1;
        }
    }
    assert!(numbers >= 40, "{numbers} tel: links");
    let kushiro = &pages["kushiro/contacts.html"];
    assert!(kushiro.contains("<a href=\"tel:0154381181\">0154-38-1181</a>"));
    // 四日市's directory gives its area code (059) for numbers written without it.
    let yokkaichi = &pages["yokkaichi/contacts.html"];
    assert!(
        yokkaichi.contains("<a href=\"tel:0593662600\">366-2600</a>"),
        "area code from the directory"
    );
}

#[test]
fn city_pages_name_the_publisher_and_the_last_update_from_the_content_only() {
    let inputs = bundled();
    let dir = tempfile::tempdir().unwrap();
    build_at(&inputs, dir.path(), None);
    let pages = pages(dir.path());
    let footer = |path: &str| {
        let html = &pages[path];
        html[html.find("<footer").unwrap()..].to_string()
    };
    let zushi = footer("zushi/qa.html");
    assert!(
        zushi.contains("逗子市の手引きの発行：逗子市福祉部障がい福祉課"),
        "{zushi}"
    );
    assert!(
        zushi.contains("最終更新：<time datetime=\"2023-04-01\">令和5年4月1日</time>"),
        "{zushi}"
    );
    assert!(zushi.contains("<a href=\"contacts.html\">逗子市の連絡先の一覧</a>"));
    let kushiro = footer("kushiro/index.html");
    assert!(
        kushiro.contains("釧路市の手引きの発行：釧路市"),
        "{kushiro}"
    );
    assert!(kushiro.contains("釧路市福祉部障がい福祉課"), "{kushiro}");
    assert!(
        !kushiro.contains("最終更新"),
        "釧路市 gives no date: {kushiro}"
    );
    let yokkaichi = footer("yokkaichi/index.html");
    assert!(yokkaichi.contains("最終更新：<time datetime=\"2024-11\">令和6年11月</time>"));
    // National pages belong to no city's publisher.
    assert!(!footer("national/index.html").contains("手引きの発行"));
    // The same content gives the same footer whatever the day of the build.
    let again = tempfile::tempdir().unwrap();
    build_at(&inputs, again.path(), None);
    assert_eq!(pages, site_support::pages(again.path()));
}

#[test]
fn long_pages_have_a_table_of_contents_of_their_sections() {
    let inputs = bundled();
    let dir = tempfile::tempdir().unwrap();
    build_at(&inputs, dir.path(), None);
    let mut with = 0;
    for (path, html) in pages(dir.path()) {
        let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
        let toc_at = main.find("<nav class=\"page-toc\"");
        let body = match toc_at {
            Some(at) => &main[at + main[at..].find("</nav>").unwrap()..],
            None => main,
        };
        let sections: Vec<String> = body
            .match_indices("<h2 id=\"")
            .map(|(i, m)| {
                let rest = &body[i + m.len()..];
                rest[..rest.find('"').unwrap()].to_string()
            })
            .collect();
        if main.contains("<nav class=\"toc\"") {
            assert!(toc_at.is_none(), "{path}: a second table of contents");
            continue;
        }
        if sections.len() < 4 {
            assert!(
                toc_at.is_none(),
                "{path}: a table of contents for {} sections",
                sections.len()
            );
            continue;
        }
        let at =
            toc_at.unwrap_or_else(|| panic!("{path}: {} sections, no contents", sections.len()));
        assert!(
            at > main.find("</h1>").unwrap(),
            "{path}: contents before the heading"
        );
        let toc = &main[at..at + main[at..].find("</nav>").unwrap()];
        let links: Vec<String> = attributes(toc, "href");
        let want: Vec<String> = sections.iter().map(|id| format!("#{id}")).collect();
        assert_eq!(
            links, want,
            "{path}: the contents list every section in order"
        );
        with += 1;
    }
    assert!(with >= 30, "{with} pages with a table of contents");
}
