//! Who cites each national add-on: every city function, flow step, Q&A and
//! page that names it. Built once per build so that an add-on's national page
//! can list its "cited by" and a city can list the add-ons it uses.

use std::collections::BTreeMap;

use super::paths::of;
use crate::model::link::{self, LinkKind};
use crate::model::{Cited, Guide, Municipality};

/// One place in a city's guide that cites an add-on.
#[derive(Debug, Clone, Hash)]
pub(super) struct Citation {
    pub city: String,
    /// Where it is cited, in words: 登録の流れ ①インテーク（基幹相談支援センター）.
    pub place: String,
    /// The site path (with fragment) of that place.
    pub path: String,
    /// The national function whose name `place` holds.
    function: Option<String>,
}

/// Citations of every add-on, by add-on id, in the order of the content.
#[derive(Debug, Default, Hash)]
pub(super) struct Citations {
    by_addon: BTreeMap<String, Vec<Citation>>,
}

impl Citations {
    /// Collects every citation in every city.
    pub(super) fn collect(guide: &Guide) -> Citations {
        Citations::collect_from(guide, &guide.cities)
    }

    /// Collects the citations in some cities only.
    pub(super) fn collect_from<'g>(
        guide: &Guide,
        cities: impl IntoIterator<Item = &'g Municipality>,
    ) -> Citations {
        let mut found = Citations::default();
        for city in cities {
            found.collect_city(guide, city);
        }
        found
    }

    /// The places that cite `addon`, in content order. Their words read
    /// national functions' names (collected before any page was planned):
    /// noted for the page that asks ([`crate::model::reads`]).
    pub(super) fn of(&self, addon: &str) -> &[Citation] {
        let places = self.places(addon);
        for function in places.iter().filter_map(|c| c.function.as_deref()) {
            crate::model::reads::one("function", function);
        }
        places
    }

    fn places(&self, addon: &str) -> &[Citation] {
        self.by_addon.get(addon).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The add-ons `city` cites, in the order of the national schedule.
    pub(super) fn cited_by_city<'g>(
        &self,
        guide: &'g Guide,
        city: &str,
    ) -> Vec<&'g crate::model::AddOn> {
        guide
            .national
            .addons
            .iter()
            .filter(|a| self.places(a.id.get_ref()).iter().any(|c| c.city == city))
            .inspect(|a| crate::model::reads::one("addon", a.id.get_ref()))
            .collect()
    }

    fn add(&mut self, addon: &str, city: &Municipality, place: String, path: String) {
        self.add_naming(addon, city, place, path, None);
    }

    /// [`Self::add`], for a place named after a national function.
    fn add_naming(
        &mut self,
        addon: &str,
        city: &Municipality,
        place: String,
        path: String,
        function: Option<String>,
    ) {
        let list = self.by_addon.entry(addon.to_string()).or_default();
        if !list.iter().any(|c| c.path == path && c.place == place) {
            list.push(Citation {
                city: city.id().to_string(),
                place,
                path,
                function,
            });
        }
    }

    fn collect_city(&mut self, guide: &Guide, city: &Municipality) {
        let cid = city.id();
        for (a, cited) in city.addon_citations() {
            let (place, path) = match cited {
                Cited::Function(f) => {
                    let fid = f.function.get_ref();
                    let name = guide.function(fid).map(|n| n.name.as_str()).unwrap_or(fid);
                    let place = format!("機能「{name}」");
                    let path = of::city_function(cid, fid);
                    self.add_naming(a.get_ref(), city, place, path, Some(fid.clone()));
                    continue;
                }
                Cited::Step(flow, step) => (
                    format!("{} {}{}", flow.title, step.label, step.title),
                    of::step(cid, flow.id.get_ref(), step.id.get_ref()),
                ),
                Cited::Duty(flow, step, duty) => {
                    let org = city
                        .organisation(duty.organisation.get_ref())
                        .map(|o| o.name.as_str())
                        .unwrap_or(duty.organisation.get_ref());
                    (
                        format!("{} {}{}（{org}）", flow.title, step.label, step.title),
                        of::step(cid, flow.id.get_ref(), step.id.get_ref()),
                    )
                }
            };
            self.add(a.get_ref(), city, place, path);
        }
        for qa in &city.qa {
            for text in [&qa.question, &qa.answer] {
                for a in addon_links(text.as_str()) {
                    self.add(
                        &a,
                        city,
                        format!("Q&A Q{}", qa.number),
                        format!("{}#{}", of::qa(cid), qa.id.get_ref()),
                    );
                }
            }
        }
        for page in &city.pages {
            for a in addon_links(page.body.as_str()) {
                self.add(
                    &a,
                    city,
                    page.meta.title.clone(),
                    of::page(cid, page.meta.id.get_ref()),
                );
            }
        }
    }
}

fn addon_links(text: &str) -> Vec<String> {
    link::targets(text)
        .into_iter()
        .filter_map(|(_, t)| match link::parse(&t) {
            Some((LinkKind::AddOn, id)) => Some(id.to_string()),
            _ => None,
        })
        .collect()
}
