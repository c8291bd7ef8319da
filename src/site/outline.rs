//! What a page says about itself, taken from its own rendered body: the
//! description search engines and link previews show (its first paragraph),
//! and a table of contents for a long page (its `h2` sections).
//!
//! Both are read from the HTML the templates produced, so every kind of page
//! gets them from its content without each view repeating the work; the
//! templates leave an empty `<meta name="description">` for it to fill.

/// Sections a page needs before it gets a table of contents.
pub(super) const TOC_MIN_SECTIONS: usize = 4;

/// Characters of a description; search engines show about this many of a Japanese text.
const DESCRIPTION_CHARS: usize = 120;

/// Fills the page's empty description (and `og:description`) from its first
/// paragraph, or `fallback` where it has none, and adds a table of contents
/// after the `h1` of a page with at least [`TOC_MIN_SECTIONS`] sections and
/// no contents of its own.
pub(super) fn finish(html: String, fallback: &str) -> String {
    let Some(main) = find(&html, "<main") else {
        return html;
    };
    let body_end = find(&html[main..], "</main>").map_or(html.len(), |e| main + e);
    let h1_end = find(&html[main..body_end], "</h1>").map(|e| main + e + "</h1>".len());
    let after_h1 = h1_end.unwrap_or(main);
    let described = first_paragraph(&html[after_h1..body_end])
        .map(|p| cut(&p, DESCRIPTION_CHARS))
        .unwrap_or_else(|| escape(fallback));
    let sections = sections(&html[after_h1..body_end]);
    let mut out = String::with_capacity(html.len() + 512);
    // A page whose template gives it its own contents (`nav.toc`) keeps those.
    let own_toc = html[main..body_end].contains("<nav class=\"toc\"");
    let toc_at = (sections.len() >= TOC_MIN_SECTIONS && h1_end.is_some() && !own_toc).then(|| {
        // After the 時点 line that belongs to the heading, if there is one.
        let rest = &html[after_h1..];
        let line = rest.trim_start_matches('\n');
        let skipped = rest.len() - line.len();
        if line.starts_with("<p class=\"as-of\">") {
            find(line, "</p>").map_or(after_h1, |e| after_h1 + skipped + e + "</p>".len())
        } else {
            after_h1
        }
    });
    let mut from = 0;
    for (at, insert) in [
        (
            meta_at(&html, "<meta name=\"description\" content=\""),
            &described,
        ),
        (
            meta_at(&html, "<meta property=\"og:description\" content=\""),
            &described,
        ),
    ]
    .into_iter()
    .filter_map(|(at, text)| at.map(|a| (a, text.clone())))
    .chain(toc_at.map(|at| (at, toc(&sections))))
    {
        if at < from {
            continue;
        }
        out.push_str(&html[from..at]);
        out.push_str(&insert);
        from = at;
    }
    out.push_str(&html[from..]);
    out
}

/// Where `needle` first occurs in `haystack`: the pages are searched for a
/// few tags many times over, which `memchr`'s vectorised search does several
/// times faster than `str::find`.
fn find(haystack: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(haystack.as_bytes(), needle.as_bytes())
}

/// Where the empty content of a meta tag starting with `start` goes.
fn meta_at(html: &str, start: &str) -> Option<usize> {
    let head_end = find(html, "</head>").unwrap_or(html.len());
    let at = find(&html[..head_end], start)? + start.len();
    html[at..].starts_with('"').then_some(at)
}

/// Characters of text that say enough about a page to describe it.
const ENOUGH: usize = 20;

/// The text of the page's own first paragraph (not the 時点 line or the link
/// to the city's contents), still escaped for HTML; where that is too short
/// to say what the page is about, the paragraphs and list items that follow.
fn first_paragraph(body: &str) -> Option<String> {
    let paragraphs = blocks(body, &["<p"], 1);
    if paragraphs
        .as_ref()
        .is_some_and(|p| p.chars().count() >= ENOUGH)
    {
        return paragraphs;
    }
    blocks(body, &["<p", "<li", "<dd"], usize::MAX).or(paragraphs)
}

/// The text of the first elements of the kinds `tags` (`<p`, `<li` …), in
/// order, until there are [`ENOUGH`] characters or `most` elements.
fn blocks(body: &str, tags: &[&str], most: usize) -> Option<String> {
    let mut text = String::new();
    let mut rest = body;
    let mut taken = 0;
    while text.chars().count() < ENOUGH && taken < most {
        let Some((at, name)) = tags
            .iter()
            .filter_map(|t| find(rest, t).map(|a| (a, &t[1..])))
            .min()
        else {
            break;
        };
        let Some(tag_end) = rest[at..].find('>').map(|e| at + e) else {
            break;
        };
        let tag = &rest[at..=tag_end];
        let close_tag = format!("</{name}>");
        let Some(close) = find(&rest[tag_end..], &close_tag).map(|e| tag_end + e) else {
            break;
        };
        let inner = &rest[tag_end + 1..close];
        rest = &rest[tag_end + 1..];
        let whole = tag == format!("<{name}>") || tag.starts_with(&format!("<{name} "));
        if !whole || tag.contains("as-of") || tag.contains("to-city-nav") {
            continue;
        }
        let block = plain(inner);
        if block.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&block);
        taken += 1;
        // Whatever was inside this block is in `block` already.
        rest = &rest[close - tag_end - 1..];
    }
    (!text.is_empty()).then_some(text)
}

/// The `h2` sections with an id: (id, heading text escaped for HTML).
fn sections(body: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = body;
    while let Some(at) = find(rest, "<h2") {
        let Some(tag_end) = rest[at..].find('>').map(|e| at + e) else {
            break;
        };
        let tag = &rest[at..=tag_end];
        let Some(close) = find(&rest[tag_end..], "</h2>").map(|e| tag_end + e) else {
            break;
        };
        if let Some(id) = attribute(tag, "id") {
            let text = plain(&rest[tag_end + 1..close]);
            if !text.is_empty() {
                found.push((id.to_string(), text));
            }
        }
        rest = &rest[close..];
    }
    found
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = find(tag, &key)? + key.len();
    tag[at..].find('"').map(|e| &tag[at..at + e])
}

/// The table of contents of `sections`.
fn toc(sections: &[(String, String)]) -> String {
    let mut html = String::from(
        "\n<nav class=\"page-toc\" aria-labelledby=\"page-toc-title\">\n\
         <h2 id=\"page-toc-title\" class=\"page-toc-title\">このページの内容</h2>\n<ol>\n",
    );
    for (id, text) in sections {
        html.push_str(&format!("<li><a href=\"#{id}\">{text}</a></li>\n"));
    }
    html.push_str("</ol>\n</nav>");
    html
}

/// Text of an HTML fragment without its tags, whitespace collapsed; entities
/// stay. Inline tags leave nothing, others a space, as a reader sees the text.
fn plain(fragment: &str) -> String {
    const INLINE: &[&str] = &[
        "a", "abbr", "b", "code", "em", "i", "mark", "small", "span", "strong", "sub", "sup",
        "time",
    ];
    let mut text = String::with_capacity(fragment.len());
    let mut rest = fragment;
    while let Some(at) = rest.find('<') {
        text.push_str(&rest[..at]);
        let Some(end) = rest[at..].find('>').map(|e| at + e) else {
            rest = "";
            break;
        };
        let name: String = rest[at + 1..end]
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if !INLINE.contains(&name.to_ascii_lowercase().as_str()) {
            text.push(' ');
        }
        rest = &rest[end + 1..];
    }
    text.push_str(rest);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `limit` characters of escaped text, cut at a sentence end when one is near.
fn cut(text: &str, limit: usize) -> String {
    let decoded = unescape(text);
    let chars: Vec<char> = decoded.chars().collect();
    if chars.len() <= limit {
        return escape(&decoded);
    }
    let head: String = chars[..limit].iter().collect();
    let cut = match head.rfind('。') {
        Some(end) if head[..end].chars().count() > limit / 2 => {
            head[..end + '。'.len_utf8()].to_string()
        }
        _ => format!("{head}…"),
    };
    escape(&cut)
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "<html><head><meta name=\"description\" content=\"\">\
        <meta property=\"og:description\" content=\"\"></head><body><main id=\"main\">";

    #[test]
    fn the_description_is_the_first_paragraph_of_the_page_escaped() {
        let html = format!(
            "{HEAD}<p class=\"to-city-nav\"><a>目次へ</a></p><h1>t</h1>\n<p class=\"as-of\">時点</p>\
             <p>「<a href=\"x\">拠点</a>」とは &quot;A&amp;B&quot; のことです。</p></main></body></html>"
        );
        let out = finish(html, "予備");
        let want = "「拠点」とは &quot;A&amp;B&quot; のことです。";
        assert!(
            out.contains(&format!("<meta name=\"description\" content=\"{want}\">")),
            "{out}"
        );
        assert!(out.contains(&format!(
            "<meta property=\"og:description\" content=\"{want}\">"
        )));
    }

    #[test]
    fn a_page_without_a_paragraph_is_described_by_the_fallback_and_long_text_is_cut() {
        let out = finish(
            format!("{HEAD}<h1>t</h1><table></table></main>"),
            "Q&A（伊勢市）",
        );
        assert!(out.contains("content=\"Q&amp;A（伊勢市）\""), "{out}");
        let long = "あ".repeat(70) + "。" + &"い".repeat(100);
        let out = finish(format!("{HEAD}<h1>t</h1><p>{long}</p></main>"), "");
        assert!(
            out.contains(&format!("content=\"{}。\"", "あ".repeat(70))),
            "{out}"
        );
    }

    #[test]
    fn a_page_with_enough_sections_gets_a_table_of_contents_after_its_heading() {
        let sections: String = (1..=4)
            .map(|n| format!("<section><h2 id=\"s{n}\">節<em>{n}</em></h2><p>本文</p></section>"))
            .collect();
        let html = format!("{HEAD}<h1>t</h1>\n<p class=\"as-of\">時点</p>\n{sections}</main>");
        let out = finish(html, "");
        let toc = out
            .find("<nav class=\"page-toc\"")
            .expect("a table of contents");
        assert!(out.find("<p class=\"as-of\">").unwrap() < toc);
        assert!(toc < out.find("<section>").unwrap());
        for n in 1..=4 {
            assert!(
                out.contains(&format!("<li><a href=\"#s{n}\">節{n}</a></li>")),
                "{out}"
            );
        }
        let short = finish(format!("{HEAD}<h1>t</h1><h2 id=\"a\">a</h2></main>"), "");
        assert!(!short.contains("page-toc"));
    }
}
