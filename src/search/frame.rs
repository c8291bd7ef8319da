//! What lies around a page's `<main>`: the `<title>`, where `<main>` starts
//! and ends, and the size of the text a reader sees in `<body>` outside it.
//! Only `<main>` is cut into entries, so only `<main>` needs a tokenizer
//! and a tree ([`super::tree`]); the rest of a page, its head, header,
//! navigation and footer, is read here by one quick pass.
//!
//! The pass reads the plain HTML that templates write: tags with quoted or
//! simple attributes, comments, a doctype, script, style and `noscript`
//! content, text with the common character references. On anything else
//! (a bare `<`, an unknown reference, a carriage return, a malformed tag …)
//! it gives up and the page is read whole, so that what it finds is always
//! what the tokenizer would have found.

use std::ops::Range;

use super::tree::{IGNORE_ATTR, MAX_DEPTH, Names, Tag, Words};

/// A page's frame around its first `<main>`.
pub(super) struct Frame {
    /// The text of the first `<title>`, spaces collapsed; `None` if it has none.
    pub(super) title: Option<String>,
    /// Bytes of `<main …>…</main>` in the page, the end tag included.
    pub(super) main: Range<usize>,
    /// How many elements are open around `<main>`, the document included.
    pub(super) depth: usize,
    /// The tags open around `<main>`, outermost first (the document left out).
    pub(super) open: Vec<Tag>,
    /// Whether the text of `<main>` is text a reader sees in `<body>`.
    pub(super) main_seen: bool,
    /// The text a reader sees in `<body>`, `<main>` left out.
    pub(super) outside: Words,
    /// The names of the tags met, for the tree of `<main>` to go on with.
    pub(super) names: Names,
}

/// An element open while the pass reads.
struct Open {
    tag: Tag,
    /// Text directly inside it is text a reader sees in `<body>`.
    seen: bool,
}

struct Scan<'h> {
    src: &'h str,
    html: &'h [u8],
    at: usize,
    open: Vec<Open>,
    names: Names,
    words: Words,
    title: Option<Option<String>>,
    /// Inside `<title>`: its text so far.
    title_text: Option<String>,
    /// A `<body>` was opened.
    body: bool,
    /// The first `<main>` is marked hidden.
    main_hidden: bool,
}

/// Reads the frame of `html`; `None` where the page is not plain enough
/// for the pass, or has no `<main>` inside `<body>`.
pub(super) fn frame(html: &str) -> Option<Frame> {
    let mut scan = Scan {
        src: html,
        html: html.as_bytes(),
        at: 0,
        open: Vec::new(),
        names: Names::default(),
        words: Words::default(),
        title: None,
        title_text: None,
        body: false,
        main_hidden: false,
    };
    let start = scan.run(true)?;
    let end = start + find(&html.as_bytes()[start..], b"</main>")? + "</main>".len();
    let depth = scan.open.len() + 1;
    let open: Vec<Tag> = scan.open.iter().map(|o| o.tag).collect();
    if !open.contains(&Tag::Body) || depth >= MAX_DEPTH {
        return None;
    }
    let main_seen = scan.seen() && !scan.main_hidden;
    let title = scan.title.take()?;
    if main_seen {
        scan.words.gap();
    }
    scan.at = end;
    scan.run(false)?;
    Some(Frame {
        title,
        main: start..end,
        depth,
        open,
        main_seen,
        outside: scan.words,
        names: scan.names,
    })
}

/// Bytes that end a tag's or an attribute's name.
fn ends_name(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b' ' | b'/' | b'>')
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b' ')
}

/// How the tokenizer reads what follows a start tag.
enum Content {
    Markup,
    /// Text up to the end tag, with character references (`title`, `textarea`).
    Text,
    /// Text up to the end tag, as it is (`style`, `noscript`); `script` as well
    /// when it holds no `<!--`.
    Raw,
}

impl Scan<'_> {
    /// Reads on from `at`: to the start of the first `<main>` (returning where
    /// it starts) if `to_main`, else to the end of the page.
    fn run(&mut self, to_main: bool) -> Option<usize> {
        let html = self.html;
        while self.at < html.len() {
            match html[self.at] {
                b'<' => {
                    let start = self.at;
                    if let Some(main) = self.markup(to_main)? {
                        if main {
                            return Some(start);
                        }
                    }
                }
                b'&' => {
                    let c = self.reference()?;
                    self.text_char(c);
                }
                b'\r' | b'\0' => return None,
                _ => {
                    let from = self.at;
                    let len = html[from..]
                        .iter()
                        .position(|&b| matches!(b, b'<' | b'&' | b'\r' | b'\0'))
                        .unwrap_or(html.len() - from);
                    self.at += len;
                    self.text(from, self.at);
                }
            }
        }
        (!to_main).then_some(html.len())
    }

    fn seen(&self) -> bool {
        self.open.last().is_some_and(|o| o.seen)
    }

    fn text(&mut self, from: usize, to: usize) {
        let text = &self.src[from..to];
        if let Some(title) = &mut self.title_text {
            title.push_str(text);
        }
        if self.seen() {
            self.words.feed(text);
        }
    }

    fn text_char(&mut self, c: char) {
        if let Some(title) = &mut self.title_text {
            title.push(c);
        }
        if self.seen() {
            self.words.feed_char(c);
        }
    }

    /// A character reference at `at` (`&amp;`, `&#12354;` …), or a bare `&`.
    fn reference(&mut self) -> Option<char> {
        let rest = &self.html[self.at + 1..];
        match rest.first() {
            Some(b) if b.is_ascii_alphanumeric() || *b == b'#' => {}
            _ => {
                self.at += 1;
                return Some('&');
            }
        }
        let len = rest.iter().position(|&b| b == b';')?;
        let name = &rest[..len];
        let c = match name {
            b"amp" => '&',
            b"lt" => '<',
            b"gt" => '>',
            b"quot" => '"',
            b"apos" => '\'',
            b"nbsp" => '\u{A0}',
            [b'#', b'x' | b'X', hex @ ..] => number(hex, 16)?,
            [b'#', digits @ ..] => number(digits, 10)?,
            _ => return None,
        };
        self.at += len + 2;
        Some(c)
    }

    /// Markup at `at` (a `<`): `Some(true)` for the start tag of `<main>`
    /// when looking for it (left unread), `Some(false)` for anything else.
    fn markup(&mut self, to_main: bool) -> Option<Option<bool>> {
        let html = self.html;
        let rest = &html[self.at..];
        match rest.get(1)? {
            b if b.is_ascii_alphabetic() => self.start_tag(to_main).map(Some),
            b'/' => {
                if !rest.get(2)?.is_ascii_alphabetic() {
                    return None;
                }
                self.at += 2;
                let name = self.name()?;
                if html.get(self.at) != Some(&b'>') {
                    return None;
                }
                self.at += 1;
                self.close(&name);
                Some(Some(false))
            }
            b'!' if rest.starts_with(b"<!--") => {
                let body = &rest[4..];
                if body.starts_with(b">") || body.starts_with(b"->") {
                    return None;
                }
                let end = find(body, b"-->")?;
                if find(&body[..end + 2], b"--!").is_some() {
                    return None;
                }
                self.at += 4 + end + 3;
                Some(Some(false))
            }
            b'!' if rest.len() > 9 && rest[2..9].eq_ignore_ascii_case(b"doctype") => {
                let end = rest.iter().position(|&b| b == b'>')?;
                if rest[1..end]
                    .iter()
                    .any(|&b| matches!(b, b'"' | b'\'' | b'<'))
                {
                    return None;
                }
                self.at += end + 1;
                Some(Some(false))
            }
            _ => None,
        }
    }

    /// A tag or attribute name at `at`, lower case; `None` if it holds a byte
    /// the tokenizer treats apart.
    fn name(&mut self) -> Option<Vec<u8>> {
        let html = self.html;
        let from = self.at;
        let len = html[from..]
            .iter()
            .position(|&b| ends_name(b) || b == b'=')?;
        let name = &html[from..from + len];
        let plain = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.');
        if name.is_empty() || !name.iter().all(plain) {
            return None;
        }
        self.at += len;
        Some(name.to_ascii_lowercase())
    }

    fn skip_space(&mut self) {
        while self.html.get(self.at).copied().is_some_and(is_space) {
            self.at += 1;
        }
    }

    /// A start tag, its attributes and, for raw text elements, its content.
    fn start_tag(&mut self, to_main: bool) -> Option<bool> {
        let html = self.html;
        let start = self.at;
        self.at += 1;
        let name = self.name()?;
        if html.get(self.at) == Some(&b'=') {
            return None;
        }
        let mut hidden = false;
        loop {
            self.skip_space();
            match html.get(self.at)? {
                b'>' => {
                    self.at += 1;
                    break;
                }
                b'/' if html.get(self.at + 1) == Some(&b'>') => {
                    self.at += 2;
                    break;
                }
                b'/' => return None,
                _ => {}
            }
            let attribute = self.name()?;
            hidden |= attribute == b"hidden" || attribute == IGNORE_ATTR.as_bytes();
            self.skip_space();
            if html.get(self.at) != Some(&b'=') {
                continue;
            }
            self.at += 1;
            self.skip_space();
            match *html.get(self.at)? {
                quote @ (b'"' | b'\'') => {
                    let len = html[self.at + 1..].iter().position(|&b| b == quote)?;
                    self.at += len + 2;
                    if !html.get(self.at).copied().is_some_and(ends_name) {
                        return None;
                    }
                }
                _ => {
                    let len = html[self.at..]
                        .iter()
                        .position(|&b| is_space(b) || b == b'>')?;
                    let value = &html[self.at..self.at + len];
                    if value.is_empty()
                        || value
                            .iter()
                            .any(|b| matches!(b, b'"' | b'\'' | b'<' | b'=' | b'`' | b'\r' | b'\0'))
                    {
                        return None;
                    }
                    self.at += len;
                }
            }
        }
        let tag = self.names.tag(&name);
        if tag == Tag::Main && to_main {
            self.at = start;
            self.main_hidden = hidden;
            return Some(true);
        }
        let content = match name.as_slice() {
            b"title" | b"textarea" => Content::Text,
            b"style" | b"noscript" | b"script" => Content::Raw,
            b"iframe" | b"xmp" | b"noembed" | b"noframe" | b"plaintext" => return None,
            _ => Content::Markup,
        };
        self.open(tag, hidden)?;
        match content {
            Content::Markup => {}
            Content::Text => self.text_content(&name)?,
            Content::Raw => {
                let end = self.end_of_content(&name)?;
                if name == b"script" && find(&html[self.at..end], b"<!--").is_some() {
                    return None;
                }
                // Script, style and noscript are never text a reader sees.
                self.at = end;
            }
        }
        Some(false)
    }

    /// Where the end tag of the raw text or text element `name` starts; the
    /// end tag must be a plain `</name>`.
    fn end_of_content(&self, name: &[u8]) -> Option<usize> {
        let html = self.html;
        let mut from = self.at;
        loop {
            let at = from + find(&html[from..], b"</")?;
            let after = at + 2 + name.len();
            let same = html
                .get(at + 2..after)
                .is_some_and(|n| n.eq_ignore_ascii_case(name));
            match html.get(after) {
                Some(b'>') if same => return Some(at),
                Some(&b) if same && ends_name(b) => return None,
                None if same => return None,
                _ => from = at + 2,
            }
        }
    }

    /// The text of a `title` or `textarea`, up to its end tag.
    fn text_content(&mut self, name: &[u8]) -> Option<()> {
        let end = self.end_of_content(name)?;
        let first_title = name == b"title" && self.title.is_none();
        if first_title {
            self.title_text = Some(String::new());
        }
        while self.at < end {
            match self.html[self.at] {
                b'&' => {
                    let c = self.reference()?;
                    if self.at > end {
                        return None;
                    }
                    self.text_char(c);
                }
                b'\r' | b'\0' => return None,
                _ => {
                    let from = self.at;
                    let len = self.html[from..end]
                        .iter()
                        .position(|&b| matches!(b, b'&' | b'\r' | b'\0'))
                        .unwrap_or(end - from);
                    self.at += len;
                    self.text(from, self.at);
                }
            }
        }
        if first_title {
            let text = self.title_text.take().unwrap_or_default();
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            self.title = Some((!text.is_empty()).then_some(text));
        }
        Some(())
    }

    /// An element opens: the tree's rules, for what a reader sees.
    fn open(&mut self, tag: Tag, hidden: bool) -> Option<()> {
        if tag == Tag::Body {
            // Only the first `<body>` is the page's.
            if self.body {
                return None;
            }
            self.body = true;
        }
        let unseen = tag != Tag::Nav && (hidden || tag == Tag::Hidden);
        let seen_inside = if tag == Tag::Body {
            true
        } else {
            self.seen() && !unseen
        };
        if self.seen() && !unseen && tag.is_block() {
            self.words.gap();
        }
        if tag.is_void() {
            return Some(());
        }
        if self.open.len() + 1 >= MAX_DEPTH {
            return None;
        }
        self.open.push(Open {
            tag,
            seen: seen_inside,
        });
        Some(())
    }

    /// An end tag closes the innermost open element of its name and those inside it.
    fn close(&mut self, name: &[u8]) {
        let tag = self.names.tag(name);
        if let Some(at) = self.open.iter().rposition(|o| o.tag == tag) {
            for closed in self.open.drain(at..) {
                // Every element that was seen had its start counted as a gap.
                if closed.seen && closed.tag.is_block() {
                    self.words.gap();
                }
            }
            // What is open now decides again what is seen.
        }
    }
}

/// A number of a character reference, as the tokenizer would read it;
/// `None` for those it replaces or reads apart.
fn number(digits: &[u8], radix: u32) -> Option<char> {
    let digit = |b: &u8| (*b as char).is_digit(radix);
    if digits.is_empty() || digits.len() > 8 || !digits.iter().all(digit) {
        return None;
    }
    let n = u32::from_str_radix(std::str::from_utf8(digits).ok()?, radix).ok()?;
    let fine = matches!(n, 0x09 | 0x0A | 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0x10_FFFF);
    fine.then(|| char::from_u32(n)).flatten()
}

/// Where `needle` first occurs in `haystack` (vectorised, as every page is searched).
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}
