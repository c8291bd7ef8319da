//! View models: ready-made data for the templates, built from the model.
//! Templates only lay these out; every decision (what links where, what is
//! grouped with what, how a fee is written) is made here.

pub(super) mod accessibility;
pub(super) mod city;
pub(super) mod flow;
pub(super) mod links;
pub(super) mod national;
pub(super) mod portal;
pub(super) mod reference;
pub(super) mod sections;
pub(super) mod table;
pub(super) mod webform;

use serde::Serialize;

use super::Options;
use super::citations::Citations;
use super::markdown::Renderer;
use super::paths::{SitePath, of};
use crate::model::{Guide, Municipality};

/// Pages read across cities planned together (the portal, the comparison,
/// one add-on's pages …), under the path of the first: what planning them
/// reads is noted as for a city's section.
pub(super) type AcrossUnit<'s> = (String, Box<dyn Fn() -> Vec<Planned> + Send + Sync + 's>);

/// Every page read across cities, a unit at a time.
pub(super) fn across_units<'s>(site: &'s Site<'s>) -> Vec<AcrossUnit<'s>> {
    let mut units = portal::units(site);
    units.extend(national::units(site));
    units
}

/// One page to write: where, with which template, and its data.
pub(super) struct Planned {
    pub path: SitePath,
    pub template: &'static str,
    pub context: tera::Context,
}

impl Planned {
    /// True for a page; false for a file a page loads (a comparison column script).
    pub(super) fn is_html(&self) -> bool {
        self.path.as_str().ends_with(".html")
    }
}

/// A link as the templates show it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Link {
    pub href: String,
    pub text: String,
}

/// A navigation entry; `current` marks the page being shown.
#[derive(Debug, Clone, Serialize)]
pub(super) struct NavItem {
    pub href: String,
    pub text: String,
    pub current: bool,
}

/// A link to a city's printable guide, with its size as the reader sees it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct GuidePdf {
    pub href: String,
    pub text: String,
    /// `1.2MB`
    pub size: String,
}

/// A file size as download links print it: 850KB, 1.2MB.
pub(super) fn file_size(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{}KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1}MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// What every page shares: title, breadcrumbs, navigation, asset paths.
#[derive(Debug, Serialize)]
pub(super) struct Layout {
    pub title: String,
    pub site_title: String,
    /// Relative path from this page to the site root, for assets.
    pub root: String,
    pub canonical: Option<String>,
    pub breadcrumbs: Vec<Link>,
    pub site_nav: Vec<NavItem>,
    pub city_name: Option<String>,
    /// The city's id, so search starts within the city.
    pub city_id: Option<String>,
    /// The search page, relative to this page.
    pub search_href: String,
    pub city_nav: Vec<NavItem>,
    /// `単位数・金額は令和6年4月1日から適用のものです。`: since when the dated values
    /// shown on the page apply (a date from the content, never the build's).
    pub as_of: Option<String>,
    /// On every page of a city whose guide is a draft (`status = "案"`): says so.
    pub draft: Option<String>,
    /// The absolute address of the site root, for a page shown at any address (404).
    pub base_href: Option<String>,
    /// Who publishes the city's guide, for the footer of its pages.
    pub publisher: Option<super::publish::Publisher>,
    /// The city's contacts page, relative to this page, if it has one.
    pub contacts_href: Option<String>,
    /// `令和5年4月1日`: when the city's guide was last updated, by its own dates.
    pub updated: Option<String>,
    /// The same day as ISO (`2023-04-01`), for the sitemap and `<time>`.
    pub updated_iso: Option<String>,
    /// The city's printable guide, on every page of the city (its size only on the portal).
    pub guide_pdf: Option<GuidePdf>,
}

#[derive(Serialize)]
struct PageData<'a, B: Serialize> {
    layout: &'a Layout,
    body: &'a B,
}

/// The name the site goes by in titles and the header.
pub(super) const SITE_TITLE: &str = "地域生活支援拠点等 手引き";

/// What every page of one build shares: the model, the options, the citation index.
pub(super) struct Site<'a> {
    pub guide: &'a Guide,
    pub options: &'a Options,
    pub citations: Citations,
    /// The flow diagrams the last render drew.
    pub drawings: &'a flow::Drawings,
}

/// Everything a view needs to know about the page it builds.
pub(super) struct Ctx<'a> {
    pub site: &'a Site<'a>,
    pub guide: &'a Guide,
    pub city: Option<&'a Municipality>,
    pub path: SitePath,
    /// The latest start among the dated values the page shows.
    values_since: std::cell::Cell<Option<crate::model::Date>>,
}

impl<'a> Ctx<'a> {
    /// A page at `path`, belonging to `city` or national when `None`.
    pub(super) fn new(site: &'a Site<'a>, city: Option<&'a Municipality>, path: String) -> Self {
        Ctx {
            site,
            guide: site.guide,
            city,
            path: SitePath(path),
            values_since: std::cell::Cell::new(None),
        }
    }

    /// Notes that the page shows a value in force since `date`, for its 時点 line.
    pub(super) fn shows_value_since(&self, date: Option<crate::model::Date>) {
        if let Some(date) = date {
            self.values_since
                .set(self.values_since.get().max(Some(date)));
        }
    }

    /// An add-on's value on the build's date, noted for the page's 時点 line.
    pub(super) fn addon_value(&self, addon: &crate::model::AddOn) -> super::format::DatedValue {
        let value = super::format::value_on(self.guide, addon, self.site.options.as_of);
        self.shows_value_since(value.since);
        value
    }

    /// A relative link from this page to a site path.
    pub(super) fn href(&self, target: &str) -> String {
        self.path.link_to(target)
    }

    /// A link from this page to a site path.
    pub(super) fn link(&self, target: &str, text: impl Into<String>) -> Link {
        Link {
            href: self.href(target),
            text: text.into(),
        }
    }

    /// The Markdown renderer for this page.
    pub(super) fn md(&self) -> Renderer<'_> {
        Renderer::new(self.guide, self.city, &self.path)
    }

    /// The link from this page to city `id`'s printable guide, if it has one.
    pub(super) fn guide_pdf(&self, id: &str) -> Option<GuidePdf> {
        let file = self.site.options.guides.get(id)?;
        Some(GuidePdf {
            href: self.href(&format!("{id}/{}", file.file)),
            text: "手引き（PDF）".into(),
            size: file_size(file.bytes),
        })
    }

    /// Renders the page's data into a planned page.
    pub(super) fn finish<B: Serialize>(
        &self,
        template: &'static str,
        title: impl Into<String>,
        body: &B,
    ) -> Planned {
        let layout = self.layout(title.into());
        let context = tera::Context::from_serialize(PageData {
            layout: &layout,
            body,
        })
        .expect("view models serialise to plain data");
        Planned {
            path: self.path.clone(),
            template,
            context,
        }
    }

    fn layout(&self, title: String) -> Layout {
        let mut breadcrumbs = vec![self.link(&of::portal(), "トップ")];
        let here = self.path.as_str();
        match self.city {
            Some(c) if here != of::city(c.id()) => {
                breadcrumbs.push(self.link(&of::city(c.id()), c.city.name.clone()));
                if here.starts_with(&format!("{}/forms/", c.id())) {
                    breadcrumbs.push(self.link(&of::forms(c.id()), "様式"));
                }
            }
            None if here.starts_with("national/") && here != of::national_index() => {
                breadcrumbs.push(self.link(&of::national_index(), "国の制度"))
            }
            _ => {}
        }
        if here == of::portal() {
            breadcrumbs.clear();
        }
        let site_nav = [
            (of::portal(), "トップ"),
            (of::national_index(), "国の制度"),
            (of::comparison(), "市町村の比較"),
            (of::accessibility(), "アクセシビリティ方針"),
        ]
        .into_iter()
        .map(|(p, t)| self.nav(&p, t))
        .collect();
        let city_nav = self.city.map(|c| self.city_nav(c)).unwrap_or_default();
        let updated = self.city.and_then(super::publish::updated);
        Layout {
            title,
            site_title: SITE_TITLE.into(),
            root: self.path.root(),
            canonical: self
                .site
                .options
                .base_url
                .as_ref()
                .map(|base| format!("{}/{}", base.trim_end_matches('/'), here)),
            breadcrumbs,
            site_nav,
            city_name: self.city.map(|c| c.city.name.clone()),
            city_id: self.city.map(|c| c.id().to_string()),
            search_href: self.href(&of::search()),
            city_nav,
            as_of: self.values_since.get().map(super::format::values_since),
            draft: self.city.and_then(|c| city::draft_note(&c.city.guide)),
            base_href: self
                .site
                .options
                .base_url
                .as_ref()
                .filter(|_| here == of::not_found())
                .map(|base| format!("{}/", base.trim_end_matches('/'))),
            publisher: self.city.map(super::publish::publisher),
            contacts_href: self
                .city
                .filter(|c| {
                    crate::model::reads::unnoted(|| sections::sections(self.guide, c))
                        .iter()
                        .any(|(p, _)| *p == of::contacts(c.id()))
                })
                .map(|c| self.href(&of::contacts(c.id()))),
            updated: updated.map(|d| d.era()),
            updated_iso: updated.map(|d| d.iso()),
            // Without its size: a size on every page would make every page
            // of the city change whenever anything in its guide does.
            guide_pdf: self
                .city
                .and_then(|c| self.guide_pdf(c.id()))
                .map(|g| GuidePdf {
                    size: String::new(),
                    ..g
                }),
        }
    }

    fn nav(&self, target: &str, text: &str) -> NavItem {
        NavItem {
            href: self.href(target),
            text: text.into(),
            current: self.path.as_str() == target,
        }
    }

    /// The city's sections, as every page of it lists them. What they read is
    /// not the page's own: the site compares each city's sections apart
    /// ([`crate::site::Stamps`]) and plans all its pages when they change.
    fn city_nav(&self, c: &Municipality) -> Vec<NavItem> {
        crate::model::reads::unnoted(|| sections::nav_sections(self.guide, c))
            .iter()
            .map(|(p, t)| self.nav(p, t))
            .collect()
    }
}
