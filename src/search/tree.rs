//! A page, or the `<main>` of a page, as a light tree for [`super::extract`]:
//! the tokens of a WHATWG tokenizer (html5gum) laid out flat, in document
//! order, with every element knowing where its content ends. A page has
//! thousands of elements; flat lists cost a few allocations a page, where a
//! tree of names and child lists would cost several an element.

use std::convert::Infallible;
use std::ops::Range;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, Tokenizer};

/// How deep elements nest in the tree of a page; text nested deeper still is
/// kept, in the deepest element.
pub(super) const MAX_DEPTH: usize = 128;

/// Marks an element whose text search skips (navigation repeated on every page).
pub(crate) const IGNORE_ATTR: &str = "data-search-ignore";

/// An element's name, lower case: the names search treats apart each have a
/// variant; any other name is `Other`, numbered in the order a page first uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    Document,
    Main,
    Body,
    Title,
    H1,
    /// `h2`, `h3`, `h4`: the headings that start a section.
    Section(u8),
    Nav,
    /// `script`, `style`, `template`, `noscript`, `svg`: never text a reader sees.
    Hidden,
    A,
    /// The inline elements of [`is_block`] but `a`.
    Inline,
    /// Elements that never have content or an end tag (`br`, `img` …); `wbr` is [`Tag::VoidInline`].
    Void,
    VoidInline,
    Other(u32),
}

impl Tag {
    /// The tag of a known name; `None` for one that is `Other`.
    pub(super) fn known(name: &[u8]) -> Option<Tag> {
        Some(match name {
            b"main" => Tag::Main,
            b"body" => Tag::Body,
            b"title" => Tag::Title,
            b"h1" => Tag::H1,
            b"h2" => Tag::Section(2),
            b"h3" => Tag::Section(3),
            b"h4" => Tag::Section(4),
            b"nav" => Tag::Nav,
            b"a" => Tag::A,
            b"wbr" => Tag::VoidInline,
            _ if is_hidden_name(name) => Tag::Hidden,
            _ if is_inline_name(name) => Tag::Inline,
            _ if is_void_name(name) => Tag::Void,
            _ => return None,
        })
    }

    /// Elements whose edges separate words; inline ones (`a`, `span`, `strong` …) do not.
    pub(super) fn is_block(self) -> bool {
        !matches!(self, Tag::A | Tag::Inline | Tag::VoidInline)
    }

    pub(super) fn is_void(self) -> bool {
        matches!(self, Tag::Void | Tag::VoidInline)
    }
}

fn is_hidden_name(name: &[u8]) -> bool {
    matches!(
        name,
        b"script" | b"style" | b"template" | b"noscript" | b"svg"
    )
}

fn is_inline_name(name: &[u8]) -> bool {
    matches!(
        name,
        b"abbr"
            | b"b"
            | b"bdi"
            | b"bdo"
            | b"cite"
            | b"code"
            | b"data"
            | b"dfn"
            | b"em"
            | b"i"
            | b"kbd"
            | b"mark"
            | b"q"
            | b"ruby"
            | b"rb"
            | b"s"
            | b"samp"
            | b"small"
            | b"span"
            | b"strong"
            | b"sub"
            | b"sup"
            | b"time"
            | b"u"
            | b"var"
    )
}

fn is_void_name(name: &[u8]) -> bool {
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
    )
}

/// Names of `Other` tags, numbered as a page first uses them.
#[derive(Default)]
pub(super) struct Names(Vec<Vec<u8>>);

impl Names {
    pub(super) fn tag(&mut self, name: &[u8]) -> Tag {
        if let Some(tag) = Tag::known(name) {
            return tag;
        }
        let n = match self.0.iter().position(|n| n == name) {
            Some(n) => n,
            None => {
                self.0.push(name.to_vec());
                self.0.len() - 1
            }
        };
        Tag::Other(n as u32)
    }

    /// The tag of `name` if the page used it already, without numbering a new one.
    fn find(&self, name: &[u8]) -> Option<Tag> {
        Tag::known(name).or_else(|| {
            let n = self.0.iter().position(|n| n == name)?;
            Some(Tag::Other(n as u32))
        })
    }
}

pub(super) struct Element {
    pub(super) tag: Tag,
    /// The `id` attribute, as decoded, as a range of [`Doc::ids`] (empty if written without a value).
    id: Option<Range<u32>>,
    /// Marked `hidden` or [`IGNORE_ATTR`].
    pub(super) hidden: bool,
    pub(super) parent: usize,
    /// One past the last of its descendants.
    end: usize,
    /// Its place in [`Doc::nodes`], and one past the last node of its content.
    nodes: Range<usize>,
}

#[derive(Clone, Copy)]
enum Node {
    Open(usize),
    Text(u32, u32),
}

/// What an element holds, in order.
#[derive(Clone, Copy)]
pub(super) enum Child {
    Text(usize, usize),
    Element(usize),
}

/// A page as a light tree: its elements in document order, so that an
/// element's descendants are the elements that follow it up to its `end`;
/// the elements' starts and the texts in one list, in document order, so that
/// an element's content is the nodes after its own up to its last one; the
/// text in one buffer.
pub(super) struct Doc {
    pub(super) elements: Vec<Element>,
    nodes: Vec<Node>,
    text: String,
    ids: String,
    /// Tags of end tags that closed nothing, in order.
    pub(super) unmatched: Vec<Tag>,
    /// The first element (of a `<main>` parsed alone) was closed by an end tag.
    pub(super) first_closed: bool,
    /// Events came after that.
    pub(super) after_close: bool,
    pub(super) names: Names,
}

/// An emitter that asks the tokenizer for no parse errors: the tree reads a
/// page as a browser does, faults and all, so checking each character for
/// them would be work thrown away.
struct Quiet<E>(E);

impl<E: Emitter> ForwardingEmitter for Quiet<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

impl Doc {
    pub(super) const ROOT: usize = 0;

    /// Builds the tree from the tokens of a WHATWG tokenizer: an end tag
    /// closes the innermost open element of its name (and those inside it);
    /// an end tag with no such element open is ignored. `depth` is how many
    /// elements are open around `html` in the page it was cut from (0 for a
    /// whole page), so that [`MAX_DEPTH`] cuts the tree where it cuts the page's.
    pub(super) fn parse(html: &str, depth: usize, names: Names) -> Doc {
        let mut doc = Doc {
            elements: vec![Element::new(Tag::Document, Self::ROOT, 0)],
            nodes: vec![Node::Open(Self::ROOT)],
            text: String::with_capacity(html.len() / 2),
            ids: String::new(),
            unmatched: Vec::new(),
            first_closed: false,
            after_close: false,
            names,
        };
        let mut open = vec![Self::ROOT];
        let mut in_id = false;
        let emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| {
            let current = doc.elements.len() - 1;
            if doc.first_closed && !matches!(event, CallbackEvent::Error(_)) {
                doc.after_close = true;
            }
            match event {
                CallbackEvent::OpenStartTag { name } => {
                    let parent = *open.last().expect("the document stays open");
                    let tag = doc.names.tag(name);
                    let at = doc.nodes.len();
                    doc.nodes.push(Node::Open(current + 1));
                    doc.elements.push(Element::new(tag, parent, at));
                }
                CallbackEvent::AttributeName { name } => {
                    in_id = name == b"id";
                    let element = &mut doc.elements[current];
                    match name {
                        b"id" => {
                            let at = doc.ids.len() as u32;
                            element.id = Some(at..at);
                        }
                        b"hidden" => element.hidden = true,
                        _ if name == IGNORE_ATTR.as_bytes() => element.hidden = true,
                        _ => {}
                    }
                }
                CallbackEvent::AttributeValue { value } if in_id => {
                    let start = doc.ids.len() as u32;
                    doc.ids.push_str(&String::from_utf8_lossy(value));
                    doc.elements[current].id = Some(start..doc.ids.len() as u32);
                }
                CallbackEvent::CloseStartTag { .. } => {
                    // Past MAX_DEPTH an element holds nothing: what it would
                    // hold goes to the deepest open one, so no walk of the
                    // tree recurses deeper than that, whatever the page.
                    let element = &mut doc.elements[current];
                    if !element.tag.is_void() && depth + open.len() < MAX_DEPTH {
                        open.push(current);
                    } else {
                        element.nodes.end = element.nodes.start + 1;
                        element.end = current + 1;
                    }
                    in_id = false;
                }
                CallbackEvent::EndTag { name } => {
                    let tag = doc.names.find(name);
                    let closed = tag.and_then(|tag| {
                        open.iter()
                            .rposition(|&e| e != Self::ROOT && doc.elements[e].tag == tag)
                    });
                    match closed {
                        Some(at) => {
                            doc.first_closed |= at == 1;
                            for e in open.drain(at..) {
                                doc.elements[e].end = current + 1;
                                doc.elements[e].nodes.end = doc.nodes.len();
                            }
                        }
                        None => {
                            let tag = doc.names.tag(name);
                            doc.unmatched.push(tag);
                        }
                    }
                }
                CallbackEvent::String { value } => {
                    let start = doc.text.len() as u32;
                    doc.text.push_str(&String::from_utf8_lossy(value));
                    doc.nodes.push(Node::Text(start, doc.text.len() as u32));
                }
                _ => {}
            }
            None::<Infallible>
        });
        let mut emitter = emitter;
        // Script and style hold raw text, title and textarea text without tags.
        emitter.naively_switch_states(true);
        let done = Tokenizer::new_with_emitter(html, Quiet(emitter)).finish();
        let Ok(()) = done;
        let (end, nodes) = (doc.elements.len(), doc.nodes.len());
        for e in open {
            doc.elements[e].end = end;
            doc.elements[e].nodes.end = nodes;
        }
        doc
    }

    pub(super) fn all(&self) -> Range<usize> {
        Self::ROOT..self.elements.len()
    }

    /// The descendants of `element`.
    pub(super) fn inside(&self, element: usize) -> Range<usize> {
        element + 1..self.elements[element].end
    }

    pub(super) fn contains(&self, element: usize, other: usize) -> bool {
        self.inside(element).contains(&other)
    }

    /// The first element tagged `tag` among `within`, in document order.
    pub(super) fn first(&self, tag: Tag, within: Range<usize>) -> Option<usize> {
        within.into_iter().find(|&e| self.elements[e].tag == tag)
    }

    /// The `id` of an element, as decoded.
    pub(super) fn id(&self, element: usize) -> Option<&str> {
        let id = self.elements[element].id.as_ref()?;
        Some(&self.ids[id.start as usize..id.end as usize])
    }

    /// The text and elements `element` holds, in order.
    pub(super) fn children(&self, element: usize) -> impl Iterator<Item = Child> + '_ {
        let nodes = &self.elements[element].nodes;
        let mut at = nodes.start + 1;
        let end = nodes.end;
        std::iter::from_fn(move || {
            if at >= end {
                return None;
            }
            match self.nodes[at] {
                Node::Text(from, to) => {
                    at += 1;
                    Some(Child::Text(from as usize, to as usize))
                }
                Node::Open(e) => {
                    at = self.elements[e].nodes.end.max(at + 1);
                    Some(Child::Element(e))
                }
            }
        })
    }

    pub(super) fn text(&self, from: usize, to: usize) -> &str {
        &self.text[from..to]
    }

    /// Left out of the entries: hidden, or never text a reader sees.
    pub(super) fn skipped(&self, element: usize) -> bool {
        let el = &self.elements[element];
        el.hidden || matches!(el.tag, Tag::Hidden | Tag::Nav)
    }

    /// Left out of what a reader sees: as [`Doc::skipped`], but navigation counts.
    fn unseen(&self, element: usize) -> bool {
        let el = &self.elements[element];
        el.tag != Tag::Nav && (el.hidden || el.tag == Tag::Hidden)
    }

    /// Text of an element as a reader sees it, skipped parts left out.
    pub(super) fn visible_text(&self, element: usize) -> String {
        let mut out = String::new();
        self.walk_text(element, &mut out);
        out
    }

    /// Feeds the visible text of `element` to `sink`, a gap around each block.
    fn walk_text(&self, element: usize, sink: &mut impl TextSink) {
        for child in self.children(element) {
            match child {
                Child::Text(from, to) => sink.text(self.text(from, to)),
                Child::Element(e) => {
                    if self.unseen(e) {
                        continue;
                    }
                    let block = self.elements[e].tag.is_block();
                    if block {
                        sink.gap();
                    }
                    self.walk_text(e, sink);
                    if block {
                        sink.gap();
                    }
                }
            }
        }
    }

    /// Adds the words of [`Doc::visible_text`] to `words`, without building the text.
    pub(super) fn count_text(&self, element: usize, words: &mut Words) {
        self.walk_text(element, words);
    }

    /// Characters of an element's visible text that are not white space.
    pub(super) fn visible_chars(&self, element: usize) -> usize {
        let mut n = 0;
        for child in self.children(element) {
            match child {
                Child::Text(from, to) => {
                    n += self
                        .text(from, to)
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .count();
                }
                Child::Element(e) if !self.unseen(e) => n += self.visible_chars(e),
                Child::Element(_) => {}
            }
        }
        n
    }
}

impl Element {
    fn new(tag: Tag, parent: usize, node: usize) -> Element {
        Element {
            tag,
            id: None,
            hidden: false,
            parent,
            end: 0,
            nodes: node..node + 1,
        }
    }
}

/// Where [`Doc::walk_text`] puts an element's visible text: its runs of
/// text, and a gap where a block starts or ends.
trait TextSink {
    fn text(&mut self, text: &str);
    fn gap(&mut self);
}

/// The text itself, a line break for each gap.
impl TextSink for String {
    fn text(&mut self, text: &str) {
        self.push_str(text);
    }

    fn gap(&mut self) {
        self.push('\n');
    }
}

/// Its words counted.
impl TextSink for Words {
    fn text(&mut self, text: &str) {
        self.feed(text);
    }

    fn gap(&mut self) {
        Words::gap(self);
    }
}

/// The size of a text once tidied (one line per block, spaces collapsed,
/// empty lines dropped), counted as the text streams by: every word's bytes
/// and one separator between words, a space or a line break alike.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Words {
    bytes: usize,
    words: usize,
    in_word: bool,
}

impl Words {
    pub(super) fn feed(&mut self, text: &str) {
        for c in text.chars() {
            // No white space lies past U+3000; kana and kanji are most of a text.
            if c <= '\u{3000}' && c.is_whitespace() {
                self.in_word = false;
            } else {
                if !self.in_word {
                    self.words += 1;
                    self.in_word = true;
                }
                self.bytes += c.len_utf8();
            }
        }
    }

    pub(super) fn feed_char(&mut self, c: char) {
        let mut one = [0u8; 4];
        self.feed(c.encode_utf8(&mut one));
    }

    /// A block's edge: the next text starts a new word.
    pub(super) fn gap(&mut self) {
        self.in_word = false;
    }

    /// The words of `other`, which lies between two gaps, added.
    pub(super) fn add(&mut self, other: Words) {
        self.bytes += other.bytes;
        self.words += other.words;
        self.in_word = false;
    }

    /// Bytes of the tidied text.
    pub(super) fn len(&self) -> usize {
        self.bytes + self.words.max(1) - 1
    }
}
