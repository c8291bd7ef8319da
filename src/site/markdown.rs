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
pub struct Renderer<'a> {
    pub guide: &'a Guide,
    pub city: Option<&'a Municipality>,
    pub page: &'a SitePath,
}

impl<'a> Renderer<'a> {
    /// A renderer for a page of `city` (or a national page when `None`).
    pub fn new(guide: &'a Guide, city: Option<&'a Municipality>, page: &'a SitePath) -> Self {
        Renderer { guide, city, page }
    }

    /// Block HTML: paragraphs, lists, tables. Headings start at `<h2>`, below the page title.
    pub fn block(&self, text: &Markdown) -> String {
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
    pub fn inline(&self, text: &Markdown) -> String {
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
    pub fn inlines(&self, texts: &[Markdown]) -> Vec<String> {
        texts.iter().map(|t| self.inline(t)).collect()
    }

    /// The text alone, for places where markup cannot go (inside a link, a title).
    pub fn plain(&self, text: &Markdown) -> String {
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
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
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
        pulldown_cmark::html::push_html(&mut html, events);
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
