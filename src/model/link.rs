//! Cross-references written inside Markdown: `[相談強化加算](addon:chiiki-soudan-kyoka)`.
//! The link's scheme names the kind of thing, the rest its id; the checker
//! resolves them and renderers turn them into real URLs.

/// The kinds of things a Markdown link may point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
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
    pub const ALL: &'static [(&'static str, LinkKind)] = &[
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
    pub fn is_national(self) -> bool {
        matches!(self, LinkKind::AddOn | LinkKind::Function | LinkKind::Form)
    }
}

/// A parsed cross-reference: `addon:chiiki-soudan-kyoka` → (AddOn, "chiiki-soudan-kyoka").
pub fn parse(url: &str) -> Option<(LinkKind, &str)> {
    let (scheme, id) = url.split_once(':')?;
    let kind = LinkKind::ALL.iter().find(|(s, _)| *s == scheme)?.1;
    Some((kind, id))
}

/// Where in a text the Markdown link targets are: (byte offset of the target, target).
pub fn targets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.match_indices("](").filter_map(move |(i, _)| {
        let start = i + 2;
        let end = start + text[start..].find([')', ' ', '\n'])?;
        Some((start, &text[start..end]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_parses_targets() {
        let text = "詳しくは[加算](addon:chiiki-soudan-kyoka)と[外部](https://example.jp \"t\")。";
        let found: Vec<_> = targets(text).map(|(_, t)| t).collect();
        assert_eq!(found, ["addon:chiiki-soudan-kyoka", "https://example.jp"]);
        assert_eq!(
            parse(found[0]),
            Some((LinkKind::AddOn, "chiiki-soudan-kyoka"))
        );
        assert_eq!(parse(found[1]), None);
    }
}
