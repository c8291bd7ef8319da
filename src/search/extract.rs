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
use std::convert::Infallible;
use std::ops::Range;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

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
pub(crate) const IGNORE_ATTR: &str = "data-search-ignore";

/// Cuts one page's HTML into entries.
pub(crate) fn page(html: &str) -> PageText {
    let doc = Doc::parse(html);
    let main = doc.first("main", doc.all());
    let title = doc
        .first("title", doc.all())
        .and_then(|t| doc.first_text(t));
    let h1 = main
        .and_then(|m| doc.first("h1", doc.inside(m)))
        .or_else(|| doc.first("h1", doc.all()))
        .and_then(|h| doc.first_text(h));
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
    let body = doc.first("body", doc.all()).unwrap_or(Doc::ROOT);
    doc.walk(main.unwrap_or(body), 0, &mut entries);
    for entry in &mut entries {
        entry.body = tidy(&entry.body);
        if entry.anchor.is_some() {
            label_only_title(entry);
        }
    }
    locate(html, &mut entries);
    let text_bytes = tidy_len(&doc.visible_text(body));
    PageText {
        entries,
        text_bytes,
    }
}

/// A page as a light tree: its elements in document order, so that an
/// element's descendants are the elements that follow it up to its `end`,
/// and the text in one buffer.
struct Doc {
    elements: Vec<Element>,
    text: String,
}

struct Element {
    /// The tag name, lower case; `""` for the document itself.
    name: String,
    /// The `id` attribute, as decoded (empty if written without a value).
    id: Option<String>,
    /// Marked `hidden` or [`IGNORE_ATTR`].
    hidden: bool,
    parent: usize,
    /// One past the last of its descendants.
    end: usize,
    children: Vec<Child>,
}

#[derive(Clone)]
enum Child {
    Text(Range<usize>),
    Element(usize),
}

/// How deep elements nest in the tree of a page; text nested deeper still is
/// kept, in the deepest element.
const MAX_DEPTH: usize = 128;

/// Elements that never have content or an end tag.
fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

impl Doc {
    const ROOT: usize = 0;

    /// Builds the tree from the tokens of a WHATWG tokenizer: an end tag
    /// closes the innermost open element of its name (and those inside it);
    /// an end tag with no such element open is ignored.
    fn parse(html: &str) -> Doc {
        let mut doc = Doc {
            elements: vec![Element::new(String::new(), Self::ROOT)],
            text: String::with_capacity(html.len() / 2),
        };
        let mut open = vec![Self::ROOT];
        let mut attribute = Vec::new();
        let emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| {
            let current = doc.elements.len() - 1;
            match event {
                CallbackEvent::OpenStartTag { name } => {
                    let parent = *open.last().expect("the document stays open");
                    doc.elements[parent]
                        .children
                        .push(Child::Element(current + 1));
                    let name = String::from_utf8_lossy(name).into_owned();
                    doc.elements.push(Element::new(name, parent));
                }
                CallbackEvent::AttributeName { name } => {
                    attribute.clear();
                    attribute.extend_from_slice(name);
                    let element = &mut doc.elements[current];
                    match name {
                        b"id" => element.id = Some(String::new()),
                        b"hidden" => element.hidden = true,
                        _ if name == IGNORE_ATTR.as_bytes() => element.hidden = true,
                        _ => {}
                    }
                }
                CallbackEvent::AttributeValue { value } if attribute == b"id" => {
                    doc.elements[current].id = Some(String::from_utf8_lossy(value).into_owned());
                }
                CallbackEvent::CloseStartTag { .. } => {
                    // Past MAX_DEPTH an element holds nothing: what it would
                    // hold goes to the deepest open one, so no walk of the
                    // tree recurses deeper than that, whatever the page.
                    if !is_void(doc.elements[current].name.as_bytes()) && open.len() < MAX_DEPTH {
                        open.push(current);
                    }
                    attribute.clear();
                }
                CallbackEvent::EndTag { name } => {
                    let closed = open
                        .iter()
                        .rposition(|&e| e != Self::ROOT && doc.elements[e].name.as_bytes() == name);
                    if let Some(at) = closed {
                        for e in open.drain(at..) {
                            doc.elements[e].end = current + 1;
                        }
                    }
                }
                CallbackEvent::String { value } => {
                    let parent = *open.last().expect("the document stays open");
                    let start = doc.text.len();
                    doc.text.push_str(&String::from_utf8_lossy(value));
                    let range = start..doc.text.len();
                    doc.elements[parent].children.push(Child::Text(range));
                }
                _ => {}
            }
            None::<Infallible>
        });
        let mut emitter = emitter;
        // Script and style hold raw text, title and textarea text without tags.
        emitter.naively_switch_states(true);
        let done = Tokenizer::new_with_emitter(html, emitter).finish();
        let Ok(()) = done;
        let end = doc.elements.len();
        for e in open {
            doc.elements[e].end = end;
        }
        doc
    }

    fn all(&self) -> Range<usize> {
        Self::ROOT..self.elements.len()
    }

    /// The descendants of `element`.
    fn inside(&self, element: usize) -> Range<usize> {
        element + 1..self.elements[element].end
    }

    fn contains(&self, element: usize, other: usize) -> bool {
        self.inside(element).contains(&other)
    }

    /// The first element named `name` among `within`, in document order.
    fn first(&self, name: &str, within: Range<usize>) -> Option<usize> {
        within.into_iter().find(|&e| self.elements[e].name == name)
    }

    fn first_text(&self, element: usize) -> Option<String> {
        let text = collapse(&self.visible_text(element));
        (!text.is_empty()).then_some(text)
    }

    fn text(&self, range: &Range<usize>) -> &str {
        &self.text[range.clone()]
    }

    fn skipped(&self, element: usize) -> bool {
        let el = &self.elements[element];
        el.hidden
            || matches!(
                el.name.as_str(),
                "script" | "style" | "template" | "noscript" | "svg" | "nav"
            )
    }

    /// Walks the children of `element`, adding text to entry `current` and starting new entries.
    fn walk(&self, element: usize, current: usize, entries: &mut Vec<Entry>) {
        let mut current = current;
        for child in &self.elements[element].children {
            match child {
                Child::Text(range) => entries[current].body.push_str(self.text(range)),
                Child::Element(e) => self.walk_one(*e, &mut current, entries),
            }
        }
    }

    /// Walks a section element, leaving out its heading (already its title).
    fn walk_section(&self, element: usize, heading: usize, index: usize, entries: &mut Vec<Entry>) {
        let mut current = index;
        for child in &self.elements[element].children {
            match *child {
                Child::Element(e) if e == heading => {}
                Child::Element(e) if self.contains(e, heading) => {
                    self.walk_section(e, heading, current, entries);
                }
                Child::Element(e) => self.walk_one(e, &mut current, entries),
                Child::Text(ref range) => entries[current].body.push_str(self.text(range)),
            }
        }
    }

    /// Handles one element as `walk` does for each child, updating the current entry.
    fn walk_one(&self, child: usize, current: &mut usize, entries: &mut Vec<Entry>) {
        if self.skipped(child) {
            return;
        }
        let element = &self.elements[child];
        let name = element.name.as_str();
        if name == "h1" {
            return;
        }
        let block = is_block(name);
        if block {
            entries[*current].body.push('\n');
        }
        if name == "a" {
            entries[*current].link_chars += self
                .visible_text(child)
                .chars()
                .filter(|c| !c.is_whitespace())
                .count();
        }
        let id = element.id.as_deref().filter(|id| !id.is_empty());
        if let (Some(id), true) = (id, is_section_heading(name)) {
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
            .find(|&e| !self.skipped(e) && is_section_heading(&self.elements[e].name))?;
        let mut ancestor = self.elements[heading].parent;
        while ancestor != element {
            if self.elements[ancestor].id.is_some() {
                return None;
            }
            ancestor = self.elements[ancestor].parent;
        }
        Some(heading)
    }

    /// Text of an element as a reader sees it, skipped parts left out.
    fn visible_text(&self, element: usize) -> String {
        let mut out = String::new();
        self.push_text(element, &mut out);
        out
    }

    fn push_text(&self, element: usize, out: &mut String) {
        for child in &self.elements[element].children {
            match *child {
                Child::Text(ref range) => out.push_str(self.text(range)),
                Child::Element(e) => {
                    let name = self.elements[e].name.as_str();
                    if self.skipped(e) && name != "nav" {
                        continue;
                    }
                    let block = is_block(name);
                    if block {
                        out.push('\n');
                    }
                    self.push_text(e, out);
                    if block {
                        out.push('\n');
                    }
                }
            }
        }
    }
}

impl Element {
    fn new(name: String, parent: usize) -> Element {
        Element {
            name,
            id: None,
            hidden: false,
            parent,
            end: 0,
            children: Vec::new(),
        }
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

/// Elements whose edges separate words; inline ones (`a`, `span`, `strong` …) do not.
pub(crate) fn is_block(name: &str) -> bool {
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
