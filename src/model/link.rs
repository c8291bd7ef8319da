//! Cross-references written inside Markdown: `[相談強化加算](addon:chiiki-soudan-kyoka)`.
//! The link's scheme names the kind of thing, the rest its id; the checker
//! resolves them and renderers turn them into real URLs.

/// The kinds of things a Markdown link may point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkKind {
    AddOn,
    Function,
    Form,
    Qa,
    Term,
    Flow,
    Subsidy,
    Page,
    Table,
    List,
    Directory,
}

impl LinkKind {
    /// Every kind with its scheme, as written before the colon.
    pub(crate) const ALL: &'static [(&'static str, LinkKind)] = &[
        ("addon", LinkKind::AddOn),
        ("function", LinkKind::Function),
        ("form", LinkKind::Form),
        ("qa", LinkKind::Qa),
        ("term", LinkKind::Term),
        ("flow", LinkKind::Flow),
        ("subsidy", LinkKind::Subsidy),
        ("page", LinkKind::Page),
        ("table", LinkKind::Table),
        ("list", LinkKind::List),
        ("directory", LinkKind::Directory),
    ];

    /// True for kinds that are national, the same for every city.
    pub(crate) fn is_national(self) -> bool {
        matches!(self, LinkKind::AddOn | LinkKind::Function | LinkKind::Form)
    }
}

/// A parsed cross-reference: `addon:chiiki-soudan-kyoka` → (AddOn, "chiiki-soudan-kyoka").
pub(crate) fn parse(url: &str) -> Option<(LinkKind, &str)> {
    let (scheme, id) = url.split_once(':')?;
    let kind = LinkKind::ALL.iter().find(|(s, _)| *s == scheme)?.1;
    Some((kind, id))
}

/// The Markdown options every renderer reads content with.
pub(crate) const MARKDOWN: pulldown_cmark::Options =
    pulldown_cmark::Options::ENABLE_TABLES.union(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);

/// The link and image targets of Markdown text as pulldown-cmark reads it,
/// which is what the renderers link (a `](` in a code span is no link; a
/// reference link is): (byte offset of the target in `text`, target).
pub(crate) fn targets(text: &str) -> Vec<(usize, String)> {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new_ext(text, MARKDOWN)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                // The target's own place where it is written inline; else the link's.
                let at = text[range.clone()]
                    .find(&*dest_url)
                    .map_or(range.start, |i| range.start + i);
                Some((at, dest_url.into_string()))
            }
            _ => None,
        })
        .collect()
}

/// The link targets of a content file: in a TOML file, of the Markdown in
/// each string value (offsets in the file); else of the whole text. Found
/// once per loaded file.
pub(crate) fn targets_in(source: &crate::diag::SourceFile) -> &[(usize, String)] {
    source.links.get_or_init(|| find_in(source))
}

fn find_in(source: &crate::diag::SourceFile) -> Vec<(usize, String)> {
    if !may_link(&source.text) {
        return Vec::new();
    }
    if source.path.extension().is_none_or(|e| e != "toml") {
        return targets(&source.text);
    }
    let (table, _) = toml::de::DeTable::parse_recoverable(&source.text);
    let mut found = Vec::new();
    let mut values: Vec<&toml::Spanned<toml::de::DeValue<'_>>> = table.get_ref().values().collect();
    while let Some(value) = values.pop() {
        match value.get_ref() {
            toml::de::DeValue::String(text) => {
                let span = value.span();
                let written = source.text.get(span.clone()).unwrap_or_default();
                for (_, target) in targets(text) {
                    let at = written.find(&target).map_or(span.start, |i| span.start + i);
                    found.push((at, target));
                }
            }
            toml::de::DeValue::Array(items) => values.extend(items.iter()),
            toml::de::DeValue::Table(table) => values.extend(table.values()),
            _ => {}
        }
    }
    found.sort();
    found
}

/// False where `text` can hold no link: Markdown has none without a `](`
/// (inline), a `]:` (the definition every reference link needs) or a `<`
/// (autolink, HTML), and a TOML string could only hide one behind an escape
/// (`\u005D`) or a line-ending backslash.
fn may_link(text: &str) -> bool {
    use memchr::memmem;
    ["](", "]:", "<", "\\u", "\\U", "\\\n", "\\\r", "\\ ", "\\\t"]
        .iter()
        .any(|needle| memmem::find(text.as_bytes(), needle.as_bytes()).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_parses_targets() {
        let text = "詳しくは[加算](addon:chiiki-soudan-kyoka)と[外部](https://example.jp \"t\")。";
        let found: Vec<_> = targets(text).into_iter().map(|(_, t)| t).collect();
        assert_eq!(found, ["addon:chiiki-soudan-kyoka", "https://example.jp"]);
        assert_eq!(
            parse(&found[0]),
            Some((LinkKind::AddOn, "chiiki-soudan-kyoka"))
        );
        assert_eq!(parse(&found[1]), None);
    }

    #[test]
    fn reads_links_as_the_renderer_does() {
        // A code span holds no link; a reference link is one.
        let text = "`[コード](qa:x)` と [参照][r]\n\n[r]: qa:q4\n";
        let found: Vec<_> = targets(text).into_iter().map(|(_, t)| t).collect();
        assert_eq!(found, ["qa:q4"]);
    }

    #[test]
    fn finds_a_link_hidden_behind_a_toml_escape() {
        // `\u005D` is `]`: the file holds no `](`, the string does.
        let text = "[[qa]]\nid = \"q1\"\nanswer = \"[Ｑ４\\u005D(qa:q4)\"\n";
        let source = crate::diag::SourceFile::new("qa.toml", text.to_string());
        let found: Vec<_> = targets_in(&source)
            .iter()
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(found, ["qa:q4"]);
        let plain = crate::diag::SourceFile::new("qa.toml", "[[qa]]\nid = \"q1\"\n".into());
        assert!(targets_in(&plain).is_empty());
    }

    #[test]
    fn finds_targets_in_toml_strings_at_their_place_in_the_file() {
        let text = "[[qa]]\nid = \"q1\"\nanswer = \"`](no)` [Ｑ４](qa:q4)\"\nnotes = [\"[加算](addon:a)\"]\n";
        let source = crate::diag::SourceFile::new("qa.toml", text.to_string());
        let found = targets_in(&source);
        let targets: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(targets, ["qa:q4", "addon:a"]);
        for (at, target) in found {
            assert_eq!(&text[*at..*at + target.len()], target.as_str());
        }
    }
}
