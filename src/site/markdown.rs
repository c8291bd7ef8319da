//! Editor Markdown to safe HTML: cross-references (`addon:x`, `qa:q3`) become
//! relative URLs, raw HTML is dropped, and the result goes through ammonia so
//! that no script, event handler or `javascript:` URL can reach a page.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::paths::{self, SitePath};
use crate::model::link;
use crate::model::{Guide, Markdown, Municipality};

/// What a piece of Markdown is rendered for: the page it lands on and the city it belongs to.
#[derive(Clone, Copy)]
pub(crate) struct Renderer<'a> {
    pub guide: &'a Guide,
    pub city: Option<&'a Municipality>,
    pub page: &'a SitePath,
}

impl<'a> Renderer<'a> {
    /// A renderer for a page of `city` (or a national page when `None`).
    pub(crate) fn new(
        guide: &'a Guide,
        city: Option<&'a Municipality>,
        page: &'a SitePath,
    ) -> Self {
        Renderer { guide, city, page }
    }

    /// Block HTML: paragraphs, lists, tables. Headings start at `<h2>`, below the page title.
    pub(crate) fn block(&self, text: &Markdown) -> String {
        if is_plain(text.as_str()) {
            return format!("<p>{}</p>\n", text.as_str());
        }
        let html = sanitiser().clean(&self.raw_html(text.as_str())).to_string();
        if html.contains("<table>") {
            // Wide tables scroll inside their own box (focusable for keyboard users),
            // never the whole page on a phone.
            return html
                .replace(
                    "<table>",
                    "<div class=\"table-scroll\" tabindex=\"0\"><table>",
                )
                .replace("</table>", "</table></div>");
        }
        html
    }

    /// Inline HTML for short texts (a list item, a table cell): no wrapping paragraph.
    pub(crate) fn inline(&self, text: &Markdown) -> String {
        if is_plain(text.as_str()) {
            return text.as_str().to_string();
        }
        let html = self.block(text);
        let trimmed = html.trim_end();
        match trimmed
            .strip_prefix("<p>")
            .and_then(|s| s.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => html,
        }
    }

    /// Inline HTML of each item of a list of Markdown texts.
    pub(crate) fn inlines(&self, texts: &[Markdown]) -> Vec<String> {
        texts.iter().map(|t| self.inline(t)).collect()
    }

    /// The text alone, for places where markup cannot go (inside a link, a title).
    pub(crate) fn plain(&self, text: &Markdown) -> String {
        let mut out = String::new();
        for event in Parser::new(text.as_str()) {
            match event {
                Event::Text(t) | Event::Code(t) => out.push_str(&t),
                Event::SoftBreak | Event::HardBreak => out.push(' '),
                Event::End(TagEnd::Paragraph) => out.push(' '),
                _ => {}
            }
        }
        out.trim().to_string()
    }

    fn raw_html(&self, text: &str) -> String {
        let options = crate::model::link::MARKDOWN;
        let mut levels = Headings::new(text, options);
        let events = Parser::new_ext(text, options).filter_map(|event| match event {
            // Raw HTML is not part of the content format: it is removed, as documented.
            Event::Html(_) | Event::InlineHtml(_) => None,
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Some(Event::Start(Tag::Link {
                link_type,
                dest_url: self.target(dest_url),
                title,
                id,
            })),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Some(Event::Start(Tag::Heading {
                level: levels.open(level),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(_)) => Some(Event::End(TagEnd::Heading(levels.close()))),
            other => Some(other),
        });
        let mut html = String::with_capacity(text.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, phone_links(events));
        html
    }

    /// The URL a Markdown link target becomes on this page.
    fn target<'t>(&self, url: CowStr<'t>) -> CowStr<'t> {
        match link::parse(&url) {
            Some((kind, id)) => match paths::resolve(self.guide, self.city, kind, id) {
                Some(path) => CowStr::from(self.page.link_to(&path)),
                // The checker reports unknown targets; a page never carries a dead link.
                None => CowStr::from(""),
            },
            None => url,
        }
    }
}

/// True for one line of text with no ASCII punctuation and no edge spaces: Markdown
/// renders it as itself, with nothing to escape or sanitise. Most short texts of a
/// guide (list items, duties, cells) are like this, and skip both parsers.
/// The events with every complete phone number written in the text
/// (`TEL 0154-38-1181`) turned into a `tel:` link, outside existing links.
fn phone_links<'e>(events: impl Iterator<Item = Event<'e>>) -> impl Iterator<Item = Event<'e>> {
    let mut in_link = 0usize;
    events.flat_map(move |event| {
        match &event {
            Event::Start(Tag::Link { .. }) => in_link += 1,
            Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
            Event::Text(text) if in_link == 0 => {
                let found = phone_numbers(text);
                if !found.is_empty() {
                    return split_at_phones(text, &found);
                }
            }
            _ => {}
        }
        vec![event]
    })
}

/// Byte ranges of `text` holding a complete phone number, with its `tel:` link.
fn phone_numbers(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let part = |c: char| c.is_ascii_digit() || matches!(c, '-' | '‐' | '－' | '(' | ')');
    let mut found = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        // A number starts at a 0 that does not continue a longer figure.
        let after_figure = text[..start]
            .chars()
            .next_back()
            .is_some_and(|p| p.is_ascii_digit() || p == '-' || p == ',' || p == '.');
        if c != '0' || after_figure || after_fax(&text[..start]) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(at, next)) = chars.peek() {
            if !part(next) {
                break;
            }
            end = at + next.len_utf8();
            chars.next();
        }
        // Trailing separators belong to the sentence, not the number.
        let number = text[start..end].trim_end_matches(|c: char| !c.is_ascii_digit());
        let separated = number.chars().filter(|c| !c.is_ascii_digit()).count() >= 1;
        if let Some(tel) = separated
            .then(|| crate::site::publish::tel(number))
            .flatten()
        {
            found.push((start..start + number.len(), tel));
        }
    }
    found
}

/// True if the text before a number labels it a fax number (`FAX：`), which no
/// phone should dial.
fn after_fax(before: &str) -> bool {
    let tail: String = before
        .chars()
        .rev()
        .take(8)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let tail = tail.to_uppercase();
    ["FAX", "ＦＡＸ", "ファクス", "ファックス"]
        .iter()
        .any(|label| tail.contains(label))
        && !tail.contains("TEL")
        && !tail.contains("ＴＥＬ")
        && !tail.contains("電話")
}

/// `text` as text events with link events around the numbers `found`.
fn split_at_phones<'e>(text: &str, found: &[(std::ops::Range<usize>, String)]) -> Vec<Event<'e>> {
    let mut out = Vec::new();
    let mut at = 0;
    for (range, tel) in found {
        if range.start > at {
            out.push(Event::Text(CowStr::from(text[at..range.start].to_string())));
        }
        out.push(Event::Start(Tag::Link {
            link_type: pulldown_cmark::LinkType::Inline,
            dest_url: CowStr::from(tel.clone()),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
        out.push(Event::Text(CowStr::from(text[range.clone()].to_string())));
        out.push(Event::End(TagEnd::Link));
        at = range.end;
    }
    if at < text.len() {
        out.push(Event::Text(CowStr::from(text[at..].to_string())));
    }
    out
}

fn is_plain(text: &str) -> bool {
    !text.is_empty()
        && text.trim() == text
        && !text.contains("  ")
        && text.chars().all(|c| {
            !c.is_ascii_punctuation() && (c == ' ' || !c.is_ascii_whitespace() && !c.is_control())
        })
}

/// Maps content heading levels so they sit below the page's `<h1>` and never skip a
/// level: the highest heading in the text becomes `<h2>`, and a heading is at most
/// one level below the one before it.
struct Headings {
    shift: isize,
    last: usize,
    open: usize,
}

impl Headings {
    fn new(text: &str, options: Options) -> Headings {
        let top = Parser::new_ext(text, options)
            .filter_map(|e| match e {
                Event::Start(Tag::Heading { level, .. }) => Some(level as usize),
                _ => None,
            })
            .min()
            .unwrap_or(2);
        Headings {
            shift: 2 - top as isize,
            last: 1,
            open: 2,
        }
    }

    fn open(&mut self, level: HeadingLevel) -> HeadingLevel {
        let wanted = (level as isize + self.shift).clamp(2, 6) as usize;
        self.last = wanted.min(self.last + 1);
        self.open = self.last;
        HeadingLevel::try_from(self.open).unwrap_or(HeadingLevel::H6)
    }

    fn close(&self) -> HeadingLevel {
        HeadingLevel::try_from(self.open).unwrap_or(HeadingLevel::H6)
    }
}

/// The one sanitiser every piece of content goes through.
fn sanitiser() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
            .rm_tags(["img", "map", "area"])
            .link_rel(None);
        b
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn complete_phone_numbers_in_text_become_tel_links() {
        let found = |t: &str| {
            phone_numbers(t)
                .into_iter()
                .map(|(r, tel)| (t[r].to_string(), tel))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found("TEL：0154-38-1181　FAX：0154-65-1700。電話 011-222-3333"),
            [
                ("0154-38-1181".to_string(), "tel:0154381181".to_string()),
                ("011-222-3333".to_string(), "tel:0112223333".to_string())
            ],
            "a fax number is no link"
        );
        assert_eq!(
            found("TEL 059-354-8527／川越町"),
            [("059-354-8527".to_string(), "tel:0593548527".to_string())]
        );
        assert!(found("366-2600 と 2024-04-01、30,000円、R6.04.01").is_empty());
        assert!(found("番号 0120").is_empty(), "too short and unseparated");
    }

    use super::*;

    fn render(text: &str) -> String {
        let guide = Guide::default();
        let page = SitePath("x/index.html".into());
        Renderer::new(&guide, None, &page).block(&Markdown(text.into()))
    }

    #[test]
    fn scripts_and_javascript_urls_do_not_survive() {
        let html = render(
            "<script>alert(1)</script>\n\n[a](javascript:alert(1)) <img src=x onerror=alert(1)> <a href=\"javascript:x\">b</a>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn headings_sit_below_the_page_title() {
        assert_eq!(render("# 見出し").trim(), "<h2>見出し</h2>");
        assert_eq!(
            render("### 三\n\n##### 五\n\n### 三").trim(),
            "<h2>三</h2>\n<h3>五</h3>\n<h2>三</h2>"
        );
    }

    #[test]
    fn plain_text_renders_as_itself() {
        for text in ["緊急時の受け入れ（短期入所）", "月4回まで", "A 型 と B 型"]
        {
            assert!(is_plain(text), "{text}");
            let guide = Guide::default();
            let page = SitePath("x/index.html".into());
            let full = Renderer::new(&guide, None, &page).raw_html(text);
            assert_eq!(render(text), sanitiser().clean(&full).to_string());
        }
        for text in [
            "1. 番号",
            "- 箇条",
            "a&b",
            "<b>",
            "行\n行",
            " 空白",
            "[x](y)",
            "#見出し",
        ] {
            assert!(!is_plain(text), "{text}");
        }
    }

    #[test]
    fn inline_drops_the_paragraph() {
        let guide = Guide::default();
        let page = SitePath("x/index.html".into());
        let r = Renderer::new(&guide, None, &page);
        assert_eq!(
            r.inline(&Markdown("**強調**です".into())),
            "<strong>強調</strong>です"
        );
    }
}
