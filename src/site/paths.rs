//! The site's URL scheme: where every page lives, relative to the site root,
//! and how one page links to another.
//!
//! Every link in the site is relative (`../national/addons/x.html`), so the
//! same output works from `file://`, at a domain root or under any base path;
//! the configured base URL only feeds the canonical link of each page.

use crate::model::link::LinkKind;
use crate::model::{Guide, Municipality};

/// A page's path below the site root, with `/` separators: `ise/flows/touroku.html`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct SitePath(pub String);

impl SitePath {
    /// The path as written, without a leading slash.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// A link from this page to `target` (a site path, optionally with `#fragment`).
    pub(crate) fn link_to(&self, target: &str) -> String {
        let (path, fragment) = match target.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (target, None),
        };
        let mut href = if path == self.0 && fragment.is_some() {
            // A link within the page keeps only its fragment.
            String::new()
        } else {
            // Walk up from this page's folder to the folder both share, then down.
            let from: Vec<&str> = self.0.split('/').collect();
            let to: Vec<&str> = path.split('/').collect();
            let from_dirs = &from[..from.len() - 1];
            let to_dirs = &to[..to.len() - 1];
            let shared = from_dirs
                .iter()
                .zip(to_dirs)
                .take_while(|(a, b)| a == b)
                .count();
            let mut href = "../".repeat(from_dirs.len() - shared);
            for part in &to[shared..] {
                href.push_str(part);
                href.push('/');
            }
            href.pop();
            href
        };
        if let Some(f) = fragment {
            href.push('#');
            href.push_str(f);
        }
        href
    }

    /// The link from this page to the site root folder (`../../`), for assets.
    pub(crate) fn root(&self) -> String {
        "../".repeat(self.0.matches('/').count())
    }
}

/// Site paths of every kind of page; one function per kind keeps the scheme in one place.
pub(crate) mod of {
    pub(crate) fn portal() -> String {
        "index.html".into()
    }
    pub(crate) fn accessibility() -> String {
        "accessibility.html".into()
    }
    /// The 試験結果 of the site's accessibility test.
    pub(crate) fn accessibility_results() -> String {
        "accessibility-results.html".into()
    }
    pub(crate) fn search() -> String {
        "search/index.html".into()
    }
    /// The page a web server shows for an address the site does not have.
    pub(crate) fn not_found() -> String {
        "404.html".into()
    }
    pub(crate) fn comparison() -> String {
        "comparison.html".into()
    }

    /// One part of the comparison: the cities of one prefecture (by its JIS
    /// number, `00` for a name outside the list), `part` counting from 1 when
    /// a prefecture has more cities than one page compares.
    pub(crate) fn comparison_part(prefecture: usize, part: usize) -> String {
        match part {
            1 => format!("compare/{prefecture:02}.html"),
            n => format!("compare/{prefecture:02}-{n}.html"),
        }
    }

    /// A city's column of the comparison as a script, for the comparison of
    /// the cities a reader picks.
    pub(crate) fn comparison_data(city: &str) -> String {
        format!("compare/{city}.js")
    }
    pub(crate) fn national_index() -> String {
        "national/index.html".into()
    }
    pub(crate) fn addon(id: &str) -> String {
        format!("national/addons/{id}.html")
    }
    /// The cities of one prefecture that cite add-on `id` (by the prefecture's
    /// JIS number), when too many cities cite it for its own page.
    pub(crate) fn addon_cited_in(id: &str, prefecture: usize, part: usize) -> String {
        match part {
            1 => format!("national/addons/{id}/{prefecture:02}.html"),
            n => format!("national/addons/{id}/{prefecture:02}-{n}.html"),
        }
    }
    pub(crate) fn national_functions() -> String {
        "national/functions.html".into()
    }

    /// The functions across the cities of one prefecture (by its JIS number,
    /// `00` for a name outside the list), when a guide has too many cities for one page.
    pub(crate) fn national_functions_in(prefecture: usize, part: usize) -> String {
        match part {
            1 => format!("national/functions/{prefecture:02}.html"),
            n => format!("national/functions/{prefecture:02}-{n}.html"),
        }
    }
    pub(crate) fn monitoring() -> String {
        "national/monitoring.html".into()
    }
    pub(crate) fn national_tables() -> String {
        "national/tables.html".into()
    }
    pub(crate) fn national_page(id: &str) -> String {
        format!("national/pages/{id}.html")
    }
    pub(crate) fn city(city: &str) -> String {
        format!("{city}/index.html")
    }
    pub(crate) fn city_function(city: &str, function: &str) -> String {
        format!("{city}/functions/{function}.html")
    }
    pub(crate) fn flow(city: &str, flow: &str) -> String {
        format!("{city}/flows/{flow}.html")
    }
    pub(crate) fn step(city: &str, flow: &str, step: &str) -> String {
        format!("{city}/flows/{flow}.html#step-{step}")
    }
    pub(crate) fn city_addons(city: &str) -> String {
        format!("{city}/addons.html")
    }
    pub(crate) fn subsidies(city: &str) -> String {
        format!("{city}/subsidies.html")
    }
    pub(crate) fn qa(city: &str) -> String {
        format!("{city}/qa.html")
    }
    pub(crate) fn glossary(city: &str) -> String {
        format!("{city}/glossary.html")
    }
    pub(crate) fn contacts(city: &str) -> String {
        format!("{city}/contacts.html")
    }
    pub(crate) fn tables(city: &str) -> String {
        format!("{city}/tables.html")
    }
    pub(crate) fn lists(city: &str) -> String {
        format!("{city}/lists.html")
    }
    pub(crate) fn page(city: &str, page: &str) -> String {
        format!("{city}/pages/{page}.html")
    }
    pub(crate) fn forms(city: &str) -> String {
        format!("{city}/forms.html")
    }
    /// The fillable PDF of a form, written by the forms renderer.
    pub(crate) fn form_pdf(city: &str, form: &str) -> String {
        format!("{city}/forms/{form}.pdf")
    }
    /// The web form made from the same definition as the fillable PDF.
    pub(crate) fn form_page(city: &str, form: &str) -> String {
        format!("{city}/forms/{form}.html")
    }
    /// The light copy of a form to print and fill in by hand (no fields, no typing font).
    pub(crate) fn form_print_pdf(city: &str, form: &str) -> String {
        format!("{city}/forms/{form}-print.pdf")
    }
    pub(crate) fn history(city: &str) -> String {
        format!("{city}/history.html")
    }
}

/// Where a cross-reference written in Markdown (`addon:x`, `qa:q3`) points,
/// seen from a page of `city` (or a national page when `None`).
pub(crate) fn resolve(
    guide: &Guide,
    city: Option<&Municipality>,
    kind: LinkKind,
    id: &str,
) -> Option<String> {
    match kind {
        LinkKind::AddOn => guide.addon(id).map(|_| of::addon(id)),
        LinkKind::Function => {
            guide.function(id)?;
            match city {
                Some(c) if c.functions.iter().any(|f| f.function.get_ref() == id) => {
                    Some(of::city_function(c.id(), id))
                }
                _ => Some(format!("{}#{id}", of::national_functions())),
            }
        }
        LinkKind::Form => {
            let form = guide.form(id)?;
            let owner = city
                .filter(|c| c.city.forms.iter().any(|f| f.get_ref() == id))
                .or_else(|| form.city.as_deref().and_then(|c| guide.city(c)))
                .or_else(|| {
                    guide
                        .cities
                        .iter()
                        .find(|c| c.city.forms.iter().any(|f| f.get_ref() == id))
                })?;
            Some(format!("{}#form-{id}", of::forms(owner.id())))
        }
        LinkKind::Page if city.is_none() => {
            crate::model::reads::one("page", id);
            guide
                .national
                .pages
                .iter()
                .any(|p| p.meta.id.get_ref() == id)
                .then(|| of::national_page(id))
        }
        LinkKind::Table if city.is_none() => {
            crate::model::reads::one("table", id);
            guide
                .national
                .tables
                .iter()
                .any(|t| t.id.get_ref() == id)
                .then(|| format!("{}#{id}", of::national_tables()))
        }
        _ => {
            let c = city?;
            let cid = c.id();
            match kind {
                LinkKind::Qa => {
                    c.qa.iter()
                        .any(|q| q.id.get_ref() == id)
                        .then(|| format!("{}#{id}", of::qa(cid)))
                }
                LinkKind::Term => c
                    .glossary
                    .iter()
                    .any(|t| t.id.get_ref() == id)
                    .then(|| format!("{}#{id}", of::glossary(cid))),
                LinkKind::Flow => c
                    .flows
                    .iter()
                    .any(|f| f.id.get_ref() == id)
                    .then(|| of::flow(cid, id)),
                LinkKind::Subsidy => c
                    .subsidies
                    .iter()
                    .any(|s| s.id.get_ref() == id)
                    .then(|| format!("{}#{id}", of::subsidies(cid))),
                LinkKind::Page => c
                    .pages
                    .iter()
                    .any(|p| p.meta.id.get_ref() == id)
                    .then(|| of::page(cid, id)),
                LinkKind::Table => c
                    .tables
                    .iter()
                    .any(|t| t.id.get_ref() == id)
                    .then(|| format!("{}#{id}", of::tables(cid))),
                LinkKind::List => c
                    .lists
                    .iter()
                    .any(|l| l.id.get_ref() == id)
                    .then(|| format!("{}#{id}", of::lists(cid))),
                LinkKind::Directory => c
                    .directories
                    .iter()
                    .any(|d| d.id.get_ref() == id)
                    .then(|| format!("{}#{id}", of::contacts(cid))),
                LinkKind::AddOn | LinkKind::Function | LinkKind::Form => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_page() {
        let page = SitePath("ise/flows/touroku.html".into());
        assert_eq!(
            page.link_to("national/addons/x.html"),
            "../../national/addons/x.html"
        );
        assert_eq!(page.link_to("ise/index.html"), "../index.html");
        assert_eq!(
            page.link_to("ise/flows/other.html#step-2"),
            "other.html#step-2"
        );
        assert_eq!(page.link_to("ise/flows/touroku.html#step-1"), "#step-1");
        assert_eq!(page.link_to("ise/flows/touroku.html"), "touroku.html");
        assert_eq!(page.root(), "../../");
        let top = SitePath("index.html".into());
        assert_eq!(top.link_to("ise/index.html"), "ise/index.html");
        assert_eq!(top.root(), "");
    }
}
