//! A loaded and checked guide kept between rebuilds: a change to one city's
//! files reads and checks again that city alone. The checks that read no
//! city's files (national content, forms, add-on periods) are cheap and run
//! every time; a city's own faults are kept until that city, the national
//! content, the forms, the set of unreadable ids or the as-of date changes.
//! The part of them that the city's files alone decide (`check::Own`) is
//! kept until the city is read again, whatever else changes.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;
use crate::load::{Inputs, Reloaded, Workspace};
use crate::model::reads::{self, Reads};
use crate::model::{Date, Guide};

/// The guide with every fault found in it.
pub(crate) struct Checked {
    workspace: Workspace,
    as_of: Date,
    /// Each city's own faults, by city id, with what checking it read of the
    /// national rules and the forms ([`crate::model::reads`]).
    cities: HashMap<String, (Diagnostics, Reads)>,
    /// Each city's faults that its files alone decide, kept until it is read again.
    own: HashMap<String, crate::check::Own>,
    /// The national entities and the forms as last checked, to tell what an edit of them changed.
    shared_values: crate::serve::incremental::EntityValues,
    /// The unreadable ids the cities were checked with.
    unreadable: HashSet<String>,
    /// What keeps a resolved form from being a web form that matches its PDF.
    web_forms: Diagnostics,
    shared: Diagnostics,
}

impl Checked {
    /// Loads and checks everything as of a date.
    pub(crate) fn load(inputs: &Inputs, as_of: Date) -> Checked {
        let workspace = Workspace::load(inputs);
        let mut checked = Checked {
            workspace,
            as_of,
            cities: HashMap::new(),
            own: HashMap::new(),
            shared_values: Default::default(),
            unreadable: HashSet::new(),
            web_forms: Diagnostics::default(),
            shared: Diagnostics::default(),
        };
        checked.web_forms = checked.web_form_faults();
        checked.check(&Reloaded::All);
        checked
    }

    /// The web-form faults of the loaded definitions; none while a definition has a fault of its own.
    fn web_form_faults(&self) -> Diagnostics {
        if self.workspace.form_diagnostics().has_errors() {
            return Diagnostics::default();
        }
        crate::webform::check(&self.workspace.guide().definitions)
    }

    /// Reads and checks again what the `changed` paths (absolute) touch, as of
    /// `as_of`; says which cities were read again.
    pub(crate) fn update(&mut self, changed: &[PathBuf], as_of: Date) -> Reloaded {
        let reloaded = self.workspace.reload(changed);
        let touches = |dir: &Path| changed.iter().any(|p| p.starts_with(dir));
        if reloaded == Reloaded::All || touches(self.workspace.forms_dir()) {
            self.web_forms = self.web_form_faults();
        }
        let stale = as_of != self.as_of || self.unreadable != self.workspace.guide().unreadable;
        self.as_of = as_of;
        match &reloaded {
            Reloaded::All => self.own.clear(),
            Reloaded::Cities(ids) => {
                for id in ids {
                    self.own.remove(id);
                }
            }
            Reloaded::Nothing => {}
        }
        let again = match &reloaded {
            _ if stale => Reloaded::All,
            // The cities whose check read what changed in the national rules or the forms.
            Reloaded::Cities(ids) if ids.contains(crate::load::NATIONAL) => {
                match self.touched_by_shared() {
                    Some(touched) => Reloaded::Cities(ids.iter().cloned().chain(touched).collect()),
                    None => Reloaded::All,
                }
            }
            other => other.clone(),
        };
        self.check(&again);
        reloaded
    }

    /// The cities whose last check read a national entity or form that
    /// changed since; `None` when that cannot be told.
    fn touched_by_shared(&self) -> Option<Vec<String>> {
        let now = crate::revisions::changes::shared_entities(self.workspace.guide());
        let changes = crate::serve::incremental::changed_entities(&self.shared_values, &now);
        let mut read = crate::model::reads::changed(changes.iter().map(|(e, change)| {
            let came_or_went = *change != crate::revisions::Change::Changed;
            (e.kind.as_str(), e.id.as_str(), came_or_went)
        }))?;
        // An add-on whose words changed and whose values did not.
        for (e, change) in &changes {
            let key = (e.scope.clone(), "addon", e.id.clone());
            let values = |all: &crate::serve::incremental::EntityValues| {
                all.get(&key).and_then(|v| v.get("values")).cloned()
            };
            if e.kind == "addon"
                && *change == crate::revisions::Change::Changed
                && values(&now).is_some()
                && values(&self.shared_values) == values(&now)
            {
                read.remove(&reads::Read::One(reads::ADDON_VALUES, e.id.clone()));
            }
        }
        Some(
            self.cities
                .iter()
                .filter(|(_, (_, reads))| crate::model::reads::touched(reads, &read))
                .map(|(id, _)| id.clone())
                .collect(),
        )
    }

    fn check(&mut self, reloaded: &Reloaded) {
        use rayon::prelude::*;
        let guide = self.workspace.guide();
        let as_of = self.as_of;
        let again: Vec<&crate::model::Municipality> = match reloaded {
            Reloaded::Nothing => Vec::new(),
            Reloaded::All => {
                self.cities.clear();
                guide.cities.iter().collect()
            }
            Reloaded::Cities(ids) => {
                for id in ids {
                    self.cities.remove(id);
                }
                ids.iter().filter_map(|id| guide.city(id)).collect()
            }
        };
        let missing: Vec<_> = again
            .par_iter()
            .filter(|c| !self.own.contains_key(c.id()))
            .map(|c| (c.id().to_string(), crate::check::city_own(guide, c)))
            .collect();
        self.own.extend(missing);
        let own = &self.own;
        let (shared, found) = rayon::join(
            || crate::check::shared(guide, as_of),
            || {
                again
                    .par_iter()
                    .map(|c| {
                        let own = &own[c.id()];
                        let found = reads::recording(|| crate::check::city(guide, c, as_of, own));
                        (c.id().to_string(), found)
                    })
                    .collect::<Vec<_>>()
            },
        );
        self.shared = shared;
        self.cities.extend(found);
        self.shared_values = crate::revisions::changes::shared_entities(guide);
        self.unreadable = guide.unreadable.clone();
    }

    /// The guide as last loaded.
    pub(crate) fn guide(&self) -> &Guide {
        self.workspace.guide()
    }

    /// Every fault: loading, checks, form definitions and the synonym table.
    pub(crate) fn diagnostics(&self) -> Diagnostics {
        let mut all = self.workspace.diagnostics();
        all.extend(self.shared.clone());
        let ids: BTreeSet<&String> = self.cities.keys().collect();
        for id in ids {
            all.extend(self.cities[id].0.clone());
        }
        all.extend(self.workspace.form_diagnostics().clone());
        all.extend(self.web_forms.clone());
        all.extend(self.workspace.synonym_diagnostics().clone());
        all
    }

    /// The guide, leaving the rest.
    pub(crate) fn into_guide(self) -> Guide {
        self.workspace.into_guide()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of the bundled content and forms to edit.
    fn copy() -> (tempfile::TempDir, Inputs) {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for part in ["content", "forms"] {
            for entry in walkdir::WalkDir::new(root.join(part)) {
                let entry = entry.unwrap();
                let to = dir.path().join(entry.path().strip_prefix(root).unwrap());
                if entry.file_type().is_dir() {
                    std::fs::create_dir_all(&to).unwrap();
                } else {
                    std::fs::copy(entry.path(), &to).unwrap();
                }
            }
        }
        let inputs = Inputs::in_project(&dir.path().canonicalize().unwrap());
        (dir, inputs)
    }

    fn edit(path: &Path, from: &str, to: &str) {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{}", path.display());
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    /// Asserts that `kept` holds what a whole load and check of the inputs finds.
    fn same_as_whole(kept: &Checked, inputs: &Inputs, as_of: Date) {
        let whole = Checked::load(inputs, as_of);
        assert_eq!(kept.diagnostics().report(), whole.diagnostics().report());
        assert_eq!(
            crate::revisions::changes::entities(kept.guide()),
            crate::revisions::changes::entities(whole.guide())
        );
    }

    #[test]
    fn a_city_edit_reads_that_city_again_and_finds_what_a_whole_check_finds() {
        let (_dir, inputs) = copy();
        let as_of = Date::new(2025, 4, Some(1)).unwrap();
        let mut kept = Checked::load(&inputs, as_of);
        let qa = inputs.content.join("cities/zushi/qa.toml");
        let only_zushi = Reloaded::Cities(BTreeSet::from(["zushi".to_string()]));

        edit(&qa, "事業の実施主体は", "事業の実施主体（改）は");
        assert_eq!(kept.update(std::slice::from_ref(&qa), as_of), only_zushi);
        assert!(!kept.diagnostics().has_errors());
        same_as_whole(&kept, &inputs, as_of);

        // A fault appears and goes with the edit that made it.
        edit(&qa, "事業の実施主体（改）は", "700単位の実施主体は");
        assert_eq!(kept.update(std::slice::from_ref(&qa), as_of), only_zushi);
        assert!(
            kept.diagnostics()
                .report()
                .contains("states a national fee")
        );
        same_as_whole(&kept, &inputs, as_of);
        edit(&qa, "700単位の実施主体は", "事業の実施主体は");
        kept.update(std::slice::from_ref(&qa), as_of);
        assert!(!kept.diagnostics().has_errors());
        same_as_whole(&kept, &inputs, as_of);
    }

    #[test]
    fn what_a_city_is_kept_for_reads_nothing_national() {
        let (_dir, inputs) = copy();
        let workspace = Workspace::load(&inputs);
        let guide = workspace.guide();
        assert!(guide.cities.len() >= 5);
        for city in &guide.cities {
            let (_, read) = reads::recording(|| crate::check::city_own(guide, city));
            assert!(read.is_empty(), "{}: {read:?}", city.id());
            // Whereas the whole check of a city reads what it cites.
            let own = crate::check::city_own(guide, city);
            let as_of = Date::new(2025, 4, Some(1)).unwrap();
            let (_, read) = reads::recording(|| crate::check::city(guide, city, as_of, &own));
            assert!(!read.is_empty(), "{}", city.id());
        }
    }

    #[test]
    fn a_citys_own_faults_stay_through_a_national_edit_and_go_with_its_own() {
        let (_dir, inputs) = copy();
        let as_of = Date::new(2025, 4, Some(1)).unwrap();
        let qa = inputs.content.join("cities/zushi/qa.toml");
        let flows = inputs.content.join("cities/zushi/flows.toml");
        edit(&qa, "事業の実施主体は", "【記入】事業の実施主体は");
        edit(
            &flows,
            "title = \"ハイリスク者の登録\"",
            "title = \"[登録](qa:q1)\"",
        );
        let mut kept = Checked::load(&inputs, as_of);
        let has_both = |kept: &Checked| {
            let report = kept.diagnostics().report();
            report.contains("【記入】") && report.contains("would be shown as written")
        };
        assert!(has_both(&kept));

        // A national edit checks zushi again and keeps what its files alone decide.
        let addon = inputs.content.join("national/addons/kyoten-soudan.toml");
        edit(&addon, "name = \"", "name = \"（改）");
        kept.update(std::slice::from_ref(&addon), as_of);
        assert!(has_both(&kept));
        same_as_whole(&kept, &inputs, as_of);

        // Zushi's own edit takes them away.
        edit(&qa, "【記入】事業の実施主体は", "事業の実施主体は");
        edit(
            &flows,
            "title = \"[登録](qa:q1)\"",
            "title = \"ハイリスク者の登録\"",
        );
        kept.update(&[qa.clone(), flows.clone()], as_of);
        assert!(!has_both(&kept));
        assert!(!kept.diagnostics().report().contains("【記入】"));
        same_as_whole(&kept, &inputs, as_of);
    }

    #[test]
    fn national_rules_and_forms_are_read_alone_and_anything_else_again() {
        let (dir, inputs) = copy();
        let as_of = Date::new(2025, 4, Some(1)).unwrap();
        let mut kept = Checked::load(&inputs, as_of);
        let elsewhere = dir
            .path()
            .canonicalize()
            .unwrap()
            .join("themes/default/x.css");
        assert_eq!(kept.update(&[elsewhere], as_of), Reloaded::Nothing);

        // The national rules alone, checked with every city: a fault they
        // cause in a city's content is found as a whole check finds it.
        let national = Reloaded::Cities(BTreeSet::from([crate::load::NATIONAL.to_string()]));
        let addon = inputs.content.join("national/addons/kyoten-soudan.toml");
        edit(
            &addon,
            "id = \"chiiki-soudan-kyoka\"",
            "id = \"chiiki-soudan-kyoka2\"",
        );
        assert_eq!(kept.update(std::slice::from_ref(&addon), as_of), national);
        assert!(kept.diagnostics().has_errors());
        same_as_whole(&kept, &inputs, as_of);
        edit(
            &addon,
            "id = \"chiiki-soudan-kyoka2\"",
            "id = \"chiiki-soudan-kyoka\"",
        );
        assert_eq!(kept.update(std::slice::from_ref(&addon), as_of), national);
        assert!(!kept.diagnostics().has_errors());
        same_as_whole(&kept, &inputs, as_of);
        // Words and values of an add-on: the cities that show or check them.
        edit(&addon, "name = \"", "name = \"（改）");
        assert_eq!(kept.update(std::slice::from_ref(&addon), as_of), national);
        same_as_whole(&kept, &inputs, as_of);
        edit(&addon, "units = 700", "units = 710");
        assert_eq!(kept.update(std::slice::from_ref(&addon), as_of), national);
        same_as_whole(&kept, &inputs, as_of);
        let form = inputs.forms.join("ise-jizen-a.toml");
        edit(&form, "title = \"", "title = \"（新）");
        assert_eq!(kept.update(std::slice::from_ref(&form), as_of), national);
        same_as_whole(&kept, &inputs, as_of);

        let new_city = inputs.content.join("cities/zushi-copy");
        std::fs::create_dir_all(&new_city).unwrap();
        let city = std::fs::read_to_string(inputs.content.join("cities/zushi/city.toml")).unwrap();
        std::fs::write(
            new_city.join("city.toml"),
            city.replacen("id = \"zushi\"", "id = \"zushi-copy\"", 1),
        )
        .unwrap();
        assert_eq!(
            kept.update(&[new_city.join("city.toml")], as_of),
            Reloaded::All
        );
        assert!(kept.guide().city("zushi-copy").is_some());
        same_as_whole(&kept, &inputs, as_of);
    }
}
