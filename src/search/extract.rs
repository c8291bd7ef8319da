//! Reading the built pages back: what a reader sees of each page, cut into
//! entries. The index is made from the rendered HTML, not from the model, so
//! it finds what the pages show whatever template produced them.
//!
//! A page gives one entry for its title and the text of `<main>` up to its
//! first section; every element inside `<main>` that has an `id` and an
//! `h2`–`h4` heading (a Q&A, a step, an add-on's section), and every `h2`–`h4`
//! with an `id` of its own, gives one more entry, `page.html#id`, whose text
//! runs to the next entry. Entries do not overlap, so no text is indexed twice.

use std::collections::HashMap;
use std::ops::Range;

use memchr::memmem;

use super::frame::frame;
use super::tree::{Child, Doc, Names, Tag, Words};

/// One searchable unit: a page, or a section of a page with its own anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The anchor (`id`) of a section; `None` for the page itself.
    pub anchor: Option<String>,
    /// The page's `<h1>` (else `<title>`), or the section's heading.
    pub title: String,
    /// Text the title field also indexes: `<title>` and `<h1>` of a page.
    pub title_text: String,
    /// The text of the entry, block elements separated by newlines.
    pub body: String,
    /// Byte range of the entry in the page's HTML, for the query engine's snippets.
    pub span: Option<(usize, usize)>,
    /// Characters of the body inside links: a list of links repeats text found elsewhere.
    pub link_chars: usize,
    /// True if most of the entry's text is links (a "related Q&A" list, a
    /// table of contents); kept apart from the body, which a build that
    /// indexes once gives up as soon as the page is keyed.
    pub link_list: bool,
}

impl Entry {
    /// True if most of the entry's text is links (a "related Q&A" list, a table of contents).
    pub(crate) fn is_link_list(&self) -> bool {
        self.link_list
    }

    /// Measures [`Entry::link_list`] on the finished body.
    fn measure_links(&mut self) {
        self.link_list =
            self.link_chars * 2 > self.body.chars().filter(|c| !c.is_whitespace()).count();
    }
}

/// What one page yields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageText {
    pub entries: Vec<Entry>,
    /// Bytes of text a reader sees in `<body>`, for the size budget.
    pub text_bytes: usize,
}

/// Cuts one page's HTML into entries: only its `<main>` is tokenized where
/// the rest of the page is plain enough for [`super::frame`], else all of it.
pub(crate) fn page(html: &str) -> PageText {
    framed(html).unwrap_or_else(|| whole(html))
}

/// The page read as a whole tree.
fn whole(html: &str) -> PageText {
    let doc = Doc::parse(html, 0, Names::default());
    let main = doc.first(Tag::Main, doc.all());
    let title = doc
        .first(Tag::Title, doc.all())
        .and_then(|t| first_text(&doc, t));
    let h1 = main
        .and_then(|m| doc.first(Tag::H1, doc.inside(m)))
        .or_else(|| doc.first(Tag::H1, doc.all()))
        .and_then(|h| first_text(&doc, h));
    let body = doc.first(Tag::Body, doc.all()).unwrap_or(Doc::ROOT);
    let mut words = Words::default();
    doc.count_text(body, &mut words);
    cut(
        html,
        &doc,
        main.unwrap_or(body),
        title,
        h1,
        words.len(),
        None,
    )
}

/// The page read from its frame and the tree of its `<main>` alone; `None`
/// where that tree could differ from the one [`whole`] reads (an end tag in
/// `<main>` that closes an element around it, `<main>` not closed by the
/// first `</main>`), or where the page's `<h1>` is not in `<main>`.
fn framed(html: &str) -> Option<PageText> {
    /// `<main>`, the first element of its own tree.
    const MAIN: usize = 1;
    let frame = frame(html)?;
    let doc = Doc::parse(&html[frame.main.clone()], frame.depth - 1, frame.names);
    let closes_around = doc.unmatched.iter().any(|t| frame.open.contains(t));
    if !doc.first_closed || doc.after_close || closes_around {
        return None;
    }
    let h1 = doc.first(Tag::H1, doc.inside(MAIN))?;
    let h1 = first_text(&doc, h1);
    let mut words = frame.outside;
    if frame.main_seen {
        let mut inside = Words::default();
        doc.count_text(MAIN, &mut inside);
        words.add(inside);
    }
    // Snippets are cut at the first `<main` of the text, which a comment,
    // script or attribute before the element could hold.
    let (before, after) = html.split_at(frame.main.start);
    let main =
        (after.starts_with("<main") && !before.contains("<main")).then_some(frame.main.clone());
    Some(cut(html, &doc, MAIN, frame.title, h1, words.len(), main))
}

/// The entries of a page whose text lies in `root` (its `<main>`, else its `<body>`).
fn cut(
    html: &str,
    doc: &Doc,
    root: usize,
    title: Option<String>,
    h1: Option<String>,
    text_bytes: usize,
    main: Option<Range<usize>>,
) -> PageText {
    let display = h1.clone().or_else(|| title.clone()).unwrap_or_default();
    let title_text = [title, h1]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n");
    let mut entries = vec![Entry {
        anchor: None,
        title: display,
        title_text,
        body: String::new(),
        span: None,
        link_chars: 0,
        link_list: false,
    }];
    doc.walk(root, 0, &mut entries);
    for entry in &mut entries {
        entry.body = tidy(&entry.body);
        entry.measure_links();
        if entry.anchor.is_some() {
            label_only_title(entry);
        }
    }
    locate(html, main, &mut entries);
    PageText {
        entries,
        text_bytes,
    }
}

fn first_text(doc: &Doc, element: usize) -> Option<String> {
    let text = collapse(&doc.visible_text(element));
    (!text.is_empty()).then_some(text)
}

impl Doc {
    /// Walks the children of `element`, adding text to entry `current` and starting new entries.
    fn walk(&self, element: usize, current: usize, entries: &mut Vec<Entry>) {
        let mut current = current;
        for child in self.children(element) {
            match child {
                Child::Text(from, to) => entries[current].body.push_str(self.text(from, to)),
                Child::Element(e) => self.walk_one(e, &mut current, entries),
            }
        }
    }

    /// Walks a section element, leaving out its heading (already its title).
    fn walk_section(&self, element: usize, heading: usize, index: usize, entries: &mut Vec<Entry>) {
        let mut current = index;
        for child in self.children(element) {
            match child {
                Child::Element(e) if e == heading => {}
                Child::Element(e) if self.contains(e, heading) => {
                    self.walk_section(e, heading, current, entries);
                }
                Child::Element(e) => self.walk_one(e, &mut current, entries),
                Child::Text(from, to) => entries[current].body.push_str(self.text(from, to)),
            }
        }
    }

    /// Handles one element as `walk` does for each child, updating the current entry.
    fn walk_one(&self, child: usize, current: &mut usize, entries: &mut Vec<Entry>) {
        if self.skipped(child) {
            return;
        }
        let tag = self.elements[child].tag;
        if tag == Tag::H1 {
            return;
        }
        let block = tag.is_block();
        if block {
            entries[*current].body.push('\n');
        }
        if tag == Tag::A {
            entries[*current].link_chars += self.visible_chars(child);
        }
        let id = self.id(child).filter(|id| !id.is_empty());
        if let (Some(id), Tag::Section(_)) = (id, tag) {
            entries.push(section(id, collapse(&self.visible_text(child))));
            *current = entries.len() - 1;
        } else if let (Some(id), Some(heading)) = (id, self.own_heading(child)) {
            entries.push(section(id, collapse(&self.visible_text(heading))));
            let index = entries.len() - 1;
            self.walk_section(child, heading, index, entries);
        } else {
            self.walk(child, *current, entries);
        }
        if block {
            entries[*current].body.push('\n');
        }
    }

    /// The first `h2`–`h4` inside an element, unless another element with an `id` holds it.
    fn own_heading(&self, element: usize) -> Option<usize> {
        let heading = self
            .inside(element)
            .find(|&e| !self.skipped(e) && matches!(self.elements[e].tag, Tag::Section(_)))?;
        let mut ancestor = self.elements[heading].parent;
        while ancestor != element {
            if self.id(ancestor).is_some() {
                return None;
            }
            ancestor = self.elements[ancestor].parent;
        }
        Some(heading)
    }
}

fn section(id: &str, title: String) -> Entry {
    Entry {
        anchor: Some(id.to_string()),
        title: title.clone(),
        title_text: title,
        body: String::new(),
        span: None,
        link_chars: 0,
        link_list: false,
    }
}

/// A heading that is only a label ("Q2", "3") says nothing in a list of
/// results: the first line of the section's text is added to it.
fn label_only_title(entry: &mut Entry) {
    let short = entry.title.chars().count() <= 4;
    if !short || entry.title.chars().any(super::tokens::is_cjk) {
        return;
    }
    let Some(first) = entry.body.lines().next() else {
        return;
    };
    let mut line: String = first.chars().take(60).collect();
    if first.chars().count() > 60 {
        line.push('…');
    }
    entry.title = format!("{} {line}", entry.title).trim().to_string();
    entry.title_text = entry.title.clone();
}

/// One line per block, spaces collapsed, empty lines dropped; written into
/// one string, as every entry's body passes through here.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let newline = !out.is_empty();
        push_collapsed(&mut out, line, newline);
    }
    out
}

fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_collapsed(&mut out, text, false);
    out
}

/// Appends the words of `text` to `out`, one space between them; after a
/// newline if `newline`, and only if `text` has a word.
fn push_collapsed(out: &mut String, text: &str, newline: bool) {
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        return;
    };
    if newline {
        out.push('\n');
    }
    out.push_str(first);
    for word in words {
        out.push(' ');
        out.push_str(word);
    }
}

/// Finds where each entry starts in the raw HTML, so the query engine can cut
/// the page without parsing it: the `<` of the element carrying the anchor.
/// `main` is where `<main>` and the first `</main>` after it are, if known.
fn locate(html: &str, main: Option<Range<usize>>, entries: &mut [Entry]) {
    let (main_start, main_end) = match main {
        Some(main) => (main.start, main.end - "</main>".len()),
        None => {
            let start = memmem::find(html.as_bytes(), b"<main").unwrap_or(0);
            let end = memmem::find(&html.as_bytes()[start..], b"</main>")
                .map_or(html.len(), |i| start + i);
            (start, end)
        }
    };
    let anchors = anchors(html, main_start, main_end);
    let mut starts = Vec::with_capacity(entries.len());
    let mut from = main_start;
    for entry in entries.iter() {
        let start = match &entry.anchor {
            None => Some(main_start),
            Some(id) => find_anchor(&anchors, id, from),
        };
        if let Some(start) = start {
            from = start;
        }
        starts.push(start);
    }
    for i in 0..entries.len() {
        let Some(start) = starts[i] else { continue };
        let end = starts[i + 1..]
            .iter()
            .flatten()
            .copied()
            .find(|&s| s > start)
            .unwrap_or(main_end);
        entries[i].span = Some((start, end.max(start)));
    }
}

/// Where each `id` attribute sits in `html[from..to]`: the id as written
/// (entities left as they are) → the offsets of the `<` of the elements
/// carrying it, ascending. One pass over the page, however many anchors it has.
fn anchors(html: &str, from: usize, to: usize) -> HashMap<&str, Vec<usize>> {
    let mut found: HashMap<&str, Vec<usize>> = HashMap::new();
    let region = &html[from..to];
    // memchr's vectorised search: every page's `<main>` is scanned for its ids.
    for i in memmem::find_iter(region.as_bytes(), b" id=") {
        let value_start = i + 4;
        let rest = &region[value_start..];
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].find(q).map(|end| &rest[1..1 + end]),
            Some(_) => rest
                .find(|c: char| c == '>' || c.is_ascii_whitespace())
                .map(|end| &rest[..end]),
            None => None,
        };
        let (Some(value), Some(lt)) = (value, region[..value_start].rfind('<')) else {
            continue;
        };
        found.entry(value).or_default().push(from + lt);
    }
    found
}

fn find_anchor(anchors: &HashMap<&str, Vec<usize>>, id: &str, from: usize) -> Option<usize> {
    let escaped = id
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    let starts = anchors.get(escaped.as_str())?;
    let n = starts.partition_point(|&s| s < from);
    starts.get(n).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!doctype html><html lang="ja"><head><title>Q&amp;A｜釧路市</title></head>
<body><nav>メニュー</nav><main id="main"><h1>Q&amp;A</h1><p>はじめに</p>
<section id="q1"><h3>Q1 登録期間は？</h3><p>1年です。</p></section>
<article><h3 id="q2">Q2</h3><p>更新は？</p><p>毎年です。</p></article>
<h2 id="toc">関係するQ&amp;A</h2><ul><li><a href="#q1">Q1 登録期間は？</a></li></ul>
<h2 id="more">ほかに</h2><p>続き<strong>強調</strong>です</p>
<div id="fig"><p>図</p></div></main></body></html>"##;

    #[test]
    fn sections_with_anchors_become_entries_of_their_own() {
        let page = page(PAGE);
        let e = &page.entries;
        assert_eq!(e.len(), 5);
        assert_eq!(
            (e[0].title.as_str(), e[0].body.as_str()),
            ("Q&A", "はじめに")
        );
        assert_eq!(e[0].title_text, "Q&A｜釧路市\nQ&A");
        assert_eq!(e[1].anchor.as_deref(), Some("q1"));
        assert_eq!(
            (e[1].title.as_str(), e[1].body.as_str()),
            ("Q1 登録期間は？", "1年です。")
        );
        assert_eq!(
            e[2].title, "Q2 更新は？",
            "a bare label takes its first line"
        );
        assert!(!e[2].is_link_list());
        assert!(e[3].is_link_list(), "{:?}", e[3]);
        assert_eq!(e[4].anchor.as_deref(), Some("more"));
        assert_eq!(e[4].body, "続き強調です\n図");
    }

    #[test]
    fn void_elements_stray_end_tags_and_raw_text_keep_the_tree_whole() {
        let page = page(
            r#"<html><head><title>A &amp; B</title><script>var x = "<h2 id='no'>";</script></head>
<body><main><h1>見出し</h1><p>一<br>二</p></span><img alt="" src="x.png">
<section id="s"><h2>節</h2><p>本文 &lt;三&gt;<p>続き</section><p>後</p></main></body></html>"#,
        );
        let e = &page.entries;
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0].title_text, "A & B\n見出し");
        assert_eq!(
            e[0].body, "一\n二\n後",
            "text after a section is the page's again"
        );
        assert_eq!(e[1].anchor.as_deref(), Some("s"));
        assert_eq!(e[1].body, "本文 <三>\n続き");
    }

    #[test]
    fn deep_nesting_keeps_its_text_and_recursion_bounded() {
        let depth = 20_000;
        let html = format!(
            "<main><h1>t</h1>{}深い本文{}</main>",
            "<blockquote><ul><li>".repeat(depth),
            "</li></ul></blockquote>".repeat(depth)
        );
        // Run on a small stack: the walk must not grow with the input's depth.
        let text = std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || page(&html))
            .unwrap()
            .join()
            .expect("no stack overflow");
        assert!(text.entries.iter().any(|e| e.body.contains("深い本文")));
    }

    #[test]
    fn the_text_size_is_that_of_the_tidied_text() {
        for text in [
            "",
            " ",
            "a",
            " a  b \n\n c\n",
            "\n\nx\n y z \n",
            "一　二\u{a0}三",
        ] {
            let mut words = Words::default();
            words.feed(text);
            assert_eq!(words.len(), tidy(text).len(), "{text:?}");
        }
    }

    /// A page laid out as the default theme lays pages out.
    const THEMED: &str = r##"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>相談 &amp; 支援 | 地域生活支援拠点等の手引き</title>
<link rel="stylesheet" href="../assets/style.css">
<script type="module" src="../search/search-ui.js"></script>
<style>main { color: red } </style>
</head>
<body>
<!-- header -->
<a class="skip-link" href="#main">本文へ移動</a>
<header class="site-header"><div class="wrap"><p class="site-title"><a href="../index.html">手引き</a></p>
<nav class="site-nav" aria-label="サイト全体"><ul><li><a href="a.html" aria-current="page">市町村&#x2F;一覧</a></li></ul></nav></div>
<form class="site-search" data-search role="search" action="../search/index.html" data-search-ignore>
<label for="search-q">サイト内検索</label><input id="search-q" type="search" data-search-input autocomplete=off>
<noscript><p class="search-note">検索には<b>JavaScript</b>が必要です。</p></noscript>
<p id="search-offline" data-search-offline hidden>使えません</p></form></header>
<nav class="breadcrumbs wrap" aria-label="現在位置"><ol><li><a href="../index.html">トップ</a></li><li><span aria-current="page">相談</span></li></ol></nav>
<div class="wrap page has-city-nav">
<main id="main" tabindex="-1">
<h1>相談 &lt;支援&gt;</h1>
<p class="as-of">令和7年4月1日時点</p>
<section id="q1"><h3>Q1 登録は？</h3><p>窓口で<strong>受付</strong>ます。</p></section>
</main>
<nav class="city-nav" aria-labelledby="city-nav-title"><h2 id="city-nav-title">釧路市の手引き</h2>
<ul><li><a href="index.html">目次</a></li></ul></nav>
</div>
<footer class="site-footer"><div class="wrap"><p>発行：釧路市（最終更新：<time datetime="2025-04-01">令和7年4月1日</time>）&nbsp;電話</p>
<p>この手引きは&#12354;各市町村の&quot;ガイド&quot;をもとに作成しています。</p></div></footer>
</body>
</html>
"##;

    #[test]
    fn a_themed_page_is_read_around_its_main_as_it_is_read_whole() {
        let framed = framed(THEMED).expect("a themed page is plain enough");
        assert_eq!(framed, whole(THEMED));
        assert_eq!(
            framed.entries[0].title_text,
            "相談 & 支援 | 地域生活支援拠点等の手引き\n相談 <支援>"
        );
        assert!(framed.text_bytes > "この手引きは".len());
    }

    #[test]
    fn pages_read_around_their_main_or_not_read_as_whole_pages() {
        // Each changes one thing of the themed page; whatever the way it is
        // read, it must give what reading it whole gives.
        let variants: Vec<(&str, &str, bool)> = vec![
            (
                "<main id=\"main\" tabindex=\"-1\">",
                "<main id=\"main\" hidden>",
                true,
            ),
            ("<main id=\"main\" tabindex=\"-1\">", "<MAIN ID=main>", true),
            ("</main>", "</div></main>", false),
            ("</main>", "</body></main>", false),
            ("</main>", "</span></main>", true),
            ("<h1>相談 &lt;支援&gt;</h1>", "<p>見出しなし</p>", false),
            ("<h1>相談 &lt;支援&gt;</h1>", "<h1></h1>", true),
            (
                "<h1>相談",
                "<script>var a = \"</main>\";</script><h1>相談",
                false,
            ),
            ("<h1>相談", "<main><h1>内側</h1></main><h1>相談", false),
            ("本文へ移動", "本文へ < 移動", false),
            ("本文へ移動", "本文へ&copy;移動", false),
            ("本文へ移動", "本文へ&amp移動", false),
            ("本文へ移動", "本文へ & 移動", true),
            ("本文へ移動", "本文へ\r\n移動", false),
            ("<!-- header -->", "<!-- a -- b --!> c -->", false),
            ("<!-- header -->", "<!--->", false),
            ("<!-- header -->", "<!-- <main> -->", true),
            ("<!-- header -->", "<p title=\"<main>\">x</p>", true),
            ("<!-- header -->", "<?php x ?>", false),
            (
                "<!-- header -->",
                "<textarea>a &lt;b&gt; <i>c</i></textarea>",
                true,
            ),
            ("<!-- header -->", "<iframe>x</iframe>", false),
            (
                "<!-- header -->",
                "<script><!-- <script> </script> --></script>",
                false,
            ),
            ("<!-- header -->", "<p>a<br>b<wbr>c<img alt=x>d</p>", true),
            (
                "<!-- header -->",
                "<div/>e<template><p>f</p></template>g",
                true,
            ),
            (
                "<!-- header -->",
                "<nav hidden>見える<span hidden>見えない</span></nav>",
                true,
            ),
            ("<!-- header -->", "<x-y a=b c='d' e>カスタム</x-y>", true),
            ("<!-- header -->", "<p a=b\"c>x</p>", false),
            ("<!-- header -->", "<p a=\"b\"c>x</p>", false),
            ("<!-- header -->", "<p / >x</p>", false),
            ("<!-- header -->", "</p ><p>x", false),
            ("<!-- header -->", "<body><p>二つ目</p>", false),
            ("<title>", "<title hidden>", true),
            ("<title>相談 &amp; 支援", "<title>&#x20;&#65;&#+1;", false),
            (
                "<title>相談 &amp; 支援 | 地域生活支援拠点等の手引き</title>",
                "",
                false,
            ),
            ("<body>", "<body><title>二つ目</title>", true),
            ("<body>", "", false),
            ("</footer>", "</footer><p>後</p></body><p>外</p>", true),
            (
                "令和7年4月1日時点",
                "令和7年<span>4月</span><div>1日</div>時点",
                true,
            ),
            ("<noscript>", "<noscript hidden>", true),
            ("<style>", "<style media=print>", true),
        ];
        for (from, to, framed_read) in variants {
            assert!(THEMED.contains(from), "{from}");
            let html = THEMED.replacen(from, to, 1);
            let whole = whole(&html);
            match framed(&html) {
                Some(framed) => {
                    assert!(framed_read, "{to:?} should be read whole");
                    assert_eq!(framed, whole, "{to:?}");
                }
                None => assert!(!framed_read, "{to:?} should be read around its main"),
            }
            assert_eq!(page(&html), whole, "{to:?}");
        }
    }

    #[test]
    fn deep_pages_are_read_whole_where_the_frame_nests_deep() {
        let depth = 200;
        let html = THEMED.replacen("<main id", &format!("{}<main id", "<div>".repeat(depth)), 1);
        assert!(framed(&html).is_none());
        assert_eq!(page(&html), whole(&html));
        let html = format!(
            "<!doctype html><title>t</title><body>{}<main><h1>深い</h1>{}x</main>",
            "<div>".repeat(100),
            "<ul><li>".repeat(50)
        );
        let framed = framed(&html).expect("the frame is not deep");
        assert_eq!(framed, whole(&html));
    }

    #[test]
    fn spans_cut_the_raw_html_at_each_anchor() {
        let page = page(PAGE);
        let (start, end) = page.entries[1].span.unwrap();
        assert!(PAGE[start..end].starts_with("<section id=\"q1\">"));
        assert!(PAGE[start..end].contains("1年です"));
        assert!(!PAGE[start..end].contains("ほかに"));
        assert!(page.text_bytes > 0);
    }
}
