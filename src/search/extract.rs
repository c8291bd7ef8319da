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

use scraper::{ElementRef, Html, Node, Selector};

/// One searchable unit: a page, or a section of a page with its own anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
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
}

impl Entry {
    /// True if most of the entry's text is links (a "related Q&A" list, a table of contents).
    pub fn is_link_list(&self) -> bool {
        self.link_chars * 2 > self.body.chars().filter(|c| !c.is_whitespace()).count()
    }
}

/// What one page yields.
#[derive(Debug, Clone)]
pub struct PageText {
    pub entries: Vec<Entry>,
    /// Bytes of text a reader sees in `<body>`, for the size budget.
    pub text_bytes: usize,
}

/// Marks an element whose text search skips (navigation repeated on every page).
pub const IGNORE_ATTR: &str = "data-search-ignore";

/// Cuts one page's HTML into entries.
pub fn page(html: &str) -> PageText {
    let doc = Html::parse_document(html);
    let title = first_text(&doc, "title");
    let h1 = first_text(&doc, "main h1").or_else(|| first_text(&doc, "h1"));
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
    }];
    let main = select_first(&doc, "main").or_else(|| select_first(&doc, "body"));
    if let Some(main) = main {
        walk(main, 0, &mut entries);
    }
    for entry in &mut entries {
        entry.body = tidy(&entry.body);
        if entry.anchor.is_some() {
            label_only_title(entry);
        }
    }
    locate(html, &mut entries);
    let text_bytes = select_first(&doc, "body")
        .map(|b| tidy_len(&visible_text(b)))
        .unwrap_or(0);
    PageText {
        entries,
        text_bytes,
    }
}

fn select_first<'a>(doc: &'a Html, selector: &str) -> Option<ElementRef<'a>> {
    static PARSED: std::sync::LazyLock<HashMap<&'static str, Selector>> =
        std::sync::LazyLock::new(|| {
            ["title", "main h1", "h1", "main", "body"]
                .into_iter()
                .map(|s| (s, Selector::parse(s).expect("fixed selectors parse")))
                .collect()
        });
    match PARSED.get(selector) {
        Some(parsed) => doc.select(parsed).next(),
        None => doc.select(&Selector::parse(selector).ok()?).next(),
    }
}

fn first_text(doc: &Html, selector: &str) -> Option<String> {
    let text = collapse(&visible_text(select_first(doc, selector)?));
    (!text.is_empty()).then_some(text)
}

/// Walks the children of `element`, adding text to entry `current` and starting new entries.
fn walk(element: ElementRef<'_>, current: usize, entries: &mut Vec<Entry>) {
    let mut current = current;
    for child in element.children() {
        match child.value() {
            Node::Text(text) => entries[current].body.push_str(text),
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(child) {
                    walk_one(child, &mut current, entries);
                }
            }
            _ => {}
        }
    }
}

/// Walks a section element, leaving out its heading (already its title).
fn walk_section(
    element: ElementRef<'_>,
    heading: ElementRef<'_>,
    index: usize,
    entries: &mut Vec<Entry>,
) {
    let mut current = index;
    for child in element.children() {
        if child.id() == heading.id() {
            continue;
        }
        match child.value() {
            Node::Text(text) => entries[current].body.push_str(text),
            Node::Element(_) => {
                let Some(child_el) = ElementRef::wrap(child) else {
                    continue;
                };
                if child_el.descendants().any(|d| d.id() == heading.id()) {
                    walk_section(child_el, heading, current, entries);
                } else {
                    walk_one(child_el, &mut current, entries);
                }
            }
            _ => {}
        }
    }
}

/// Handles one element as `walk` does for each child, updating the current entry.
fn walk_one(child: ElementRef<'_>, current: &mut usize, entries: &mut Vec<Entry>) {
    if skipped(child) {
        return;
    }
    let name = child.value().name();
    if name == "h1" {
        return;
    }
    let block = is_block(name);
    if block {
        entries[*current].body.push('\n');
    }
    if name == "a" {
        entries[*current].link_chars += visible_text(child)
            .chars()
            .filter(|c| !c.is_whitespace())
            .count();
    }
    let id = attr(child, "id").filter(|id| !id.is_empty());
    if let (Some(id), true) = (id, is_section_heading(name)) {
        entries.push(section(id, collapse(&visible_text(child))));
        *current = entries.len() - 1;
    } else if let (Some(id), Some(heading)) = (id, own_heading(child)) {
        entries.push(section(id, collapse(&visible_text(heading))));
        let index = entries.len() - 1;
        walk_section(child, heading, index, entries);
    } else {
        walk(child, *current, entries);
    }
    if block {
        entries[*current].body.push('\n');
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

fn is_section_heading(name: &str) -> bool {
    matches!(name, "h2" | "h3" | "h4")
}

/// The first `h2`–`h4` inside an element, unless another anchored element holds it.
fn own_heading(element: ElementRef<'_>) -> Option<ElementRef<'_>> {
    for node in element.descendants().skip(1) {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        if skipped(el) {
            continue;
        }
        if is_section_heading(el.value().name()) {
            let nested = el
                .ancestors()
                .take_while(|a| a.id() != element.id())
                .filter_map(ElementRef::wrap)
                .any(|a| attr(a, "id").is_some());
            return (!nested).then_some(el);
        }
    }
    None
}

/// An attribute's value, found by comparing names as text: looking one up by
/// name interns the name first, which takes a lock shared by every thread.
fn attr<'a>(element: ElementRef<'a>, name: &str) -> Option<&'a str> {
    element
        .value()
        .attrs()
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

fn skipped(element: ElementRef<'_>) -> bool {
    let el = element.value();
    matches!(
        el.name(),
        "script" | "style" | "template" | "noscript" | "svg" | "nav"
    ) || el
        .attrs()
        .any(|(name, _)| name == "hidden" || name == IGNORE_ATTR)
}

/// Elements whose edges separate words; inline ones (`a`, `span`, `strong` …) do not.
pub fn is_block(name: &str) -> bool {
    !matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "ruby"
            | "rb"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "wbr"
    )
}

/// Text of an element as a reader sees it, skipped parts left out.
fn visible_text(element: ElementRef<'_>) -> String {
    let mut out = String::new();
    push_text(element, &mut out);
    out
}

fn push_text(element: ElementRef<'_>, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(child) {
                    if skipped(el) && el.value().name() != "nav" {
                        continue;
                    }
                    let block = is_block(el.value().name());
                    if block {
                        out.push('\n');
                    }
                    push_text(el, out);
                    if block {
                        out.push('\n');
                    }
                }
            }
            _ => {}
        }
    }
}

/// One line per block, spaces collapsed, empty lines dropped.
fn tidy(text: &str) -> String {
    text.lines()
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The length of `tidy(text)`, without building it.
fn tidy_len(text: &str) -> usize {
    let lines = text.lines().filter_map(|line| {
        let (words, bytes) = line
            .split_whitespace()
            .fold((0, 0), |(n, b), w| (n + 1, b + w.len()));
        (words > 0).then(|| bytes + words - 1)
    });
    let (count, bytes) = lines.fold((0, 0), |(n, b), l| (n + 1, b + l));
    bytes + count.max(1) - 1
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Finds where each entry starts in the raw HTML, so the query engine can cut
/// the page without parsing it: the `<` of the element carrying the anchor.
fn locate(html: &str, entries: &mut [Entry]) {
    let main_start = html.find("<main").unwrap_or(0);
    let main_end = html[main_start..]
        .find("</main>")
        .map_or(html.len(), |i| main_start + i);
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
    let mut at = 0;
    while let Some(i) = region[at..].find(" id=") {
        let value_start = at + i + 4;
        at = value_start;
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
    fn the_text_size_is_that_of_the_tidied_text() {
        for text in ["", " ", "a", " a  b \n\n c\n", "\n\nx\n y z \n"] {
            assert_eq!(tidy_len(text), tidy(text).len(), "{text:?}");
        }
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
