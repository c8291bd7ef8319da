//! One rebuild in watch mode: check, and only if the content is clean render
//! into a fresh folder and sync it into the served one. A rebuild that fails
//! leaves the served folder exactly as the last good rebuild left it.

use crate::messages::{Lang, Msg};
use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::build::{self, Checked, Failure, Kept, Options};
use crate::load::Reloaded;
use crate::model::Date;
use crate::render::cache::OutputCache;
use crate::revisions::Change;
use crate::site::Scope;

use super::incremental::{self, Entity, EntityValues};
use super::sync::{self, Synced};

/// A rebuild that changed the served folder.
#[derive(Debug)]
pub struct Rebuilt {
    pub synced: Synced,
    /// Entities changed since the last good rebuild (empty after the first).
    pub changes: Vec<(Entity, Change)>,
    /// Warnings, as `tebiki check` prints them.
    pub report: String,
    pub pages: usize,
    /// Files this rebuild rendered (pages, forms, index files), before comparing bytes.
    pub rendered: usize,
    pub took: Duration,
    /// Time spent checking, comparing, rendering and syncing.
    pub phases: [(&'static str, Duration); 4],
}

/// What one rebuild came to.
#[derive(Debug)]
pub enum Outcome {
    /// The content checked clean and the served folder now holds the new site.
    Rebuilt(Box<Rebuilt>),
    /// The content checked clean and no entity, form or theme file changed
    /// (a save without changes, an edited comment): nothing was rendered.
    Unchanged { report: String, took: Duration },
    /// The content has errors, or the site could not be written; the served folder was not touched.
    Failed { report: String, took: Duration },
}

/// Rebuilds the served folder from the inputs, keeping what it needs between rebuilds.
pub struct Rebuilder {
    options: Options,
    /// True when no `--as-of` was given: each rebuild shows the rules in force today.
    follow_today: bool,
    /// Inputs that reach the output outside the model: form definitions and the theme.
    forms: PathBuf,
    themes: PathBuf,
    /// The search synonym table's folder: it changes the index, not the model.
    synonyms: PathBuf,
    work: PathBuf,
    cache: OutputCache,
    /// What the last good rebuild was made from, so the next renders only what changed.
    kept: Kept,
    /// The guide as last read and checked; a change reads again only what it touches.
    checked: Option<Checked>,
    /// The entities of the last good rebuild, to tell what the next one changed.
    last_good: Option<EntityValues>,
    /// What the pages read across cities took from each city at the last good rebuild.
    across: incremental::Across,
    /// The form definitions of the last good rebuild, to tell which an edit of `forms/` changed.
    definitions: incremental::Definitions,
    /// The cities read again since the last good rebuild (`None`: read whole).
    pending: Option<BTreeSet<String>>,
    /// The date the last good rebuild showed.
    last_as_of: Option<Date>,
    round: u64,
    /// The language of the reports.
    lang: Lang,
}

impl Rebuilder {
    /// Chooses the language of the reports (English unless set).
    pub(crate) fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }

    /// Prepares a work folder beside the output folder (same file system, so synced files are moved, not copied).
    pub fn new(options: Options, follow_today: bool) -> io::Result<Rebuilder> {
        let work = work_folder(&options.out);
        crate::output::recover(&options.out)?;
        // The served folder is tebiki's from now on, as a built one is.
        std::fs::create_dir_all(&options.out)?;
        let marker = options.out.join(crate::output::MARKER);
        if !marker.exists() {
            std::fs::write(&marker, crate::output::MARKER_TEXT)?;
        }
        if work.exists() {
            std::fs::remove_dir_all(&work)?;
        }
        std::fs::create_dir_all(&work)?;
        let cache = OutputCache::in_folder(&work.join("cache"))?;
        let absolute = crate::load::absolute;
        Ok(Rebuilder {
            forms: absolute(&options.inputs.forms),
            synonyms: absolute(&options.inputs.content).join("search"),
            themes: absolute(&options.themes),
            options,
            follow_today,
            work,
            cache,
            kept: Kept::default(),
            lang: Lang::default(),
            checked: None,
            across: incremental::Across::new(),
            definitions: incremental::Definitions::new(),
            last_good: None,
            pending: None,
            last_as_of: None,
            round: 0,
        })
    }

    /// Leaves the printable guides out of every rebuild.
    pub fn leave_out_guides(&mut self) {
        self.kept = Kept::without_guides();
    }

    /// The folder being served.
    pub fn out(&self) -> &Path {
        &self.options.out
    }

    /// The folder holding temporary renders and the output cache; removed on drop.
    pub fn work(&self) -> &Path {
        &self.work
    }

    /// True if a changed path lies in the themes folder (every page reads the theme).
    pub(crate) fn theme_changed(&self, changed: &[PathBuf]) -> bool {
        incremental::touches(changed, &self.themes)
    }

    /// Checks the inputs after `changed` (absolute paths; none for the first build) and,
    /// if clean, renders and syncs the served folder.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Outcome {
        let start = Instant::now();
        if self.follow_today {
            self.options.as_of = Date::today();
        }
        let as_of = self.options.as_of;
        let (checked, reloaded) = match self.checked.take() {
            Some(mut checked) if !changed.is_empty() => {
                let reloaded = checked.update(changed, as_of);
                (checked, reloaded)
            }
            _ => (Checked::load(&self.options.inputs, as_of), Reloaded::All),
        };
        let checked = &*self.checked.insert(checked);
        // What changed since the last good rebuild: a failed one reads files that the next one will not.
        match (&mut self.pending, reloaded) {
            (_, Reloaded::All) => self.pending = None,
            (Some(pending), Reloaded::Cities(ids)) => pending.extend(ids),
            (_, _) => {}
        }
        let guide = checked.guide();
        let diags = checked.diagnostics();
        let checked_at = start.elapsed();
        if diags.has_errors() {
            return Outcome::Failed {
                report: diags.report_in(self.lang),
                took: start.elapsed(),
            };
        }
        // Only the entities of the cities read again can differ from the last good rebuild's.
        let (entities, changes) = match (&mut self.last_good, &self.pending) {
            (Some(old), Some(ids)) => {
                let new = incremental::snapshot_of(guide, ids);
                let changes = incremental::changed_entities(&incremental::part(old, ids), &new);
                (Entities::Cities(ids.clone(), new), changes)
            }
            (old, _) => {
                let new = incremental::snapshot(guide);
                let changes = old
                    .as_ref()
                    .map(|old| incremental::changed_entities(old, &new))
                    .unwrap_or_default();
                (Entities::All(new), changes)
            }
        };
        // A few dozen forms: compared whole each time, so that an edit a failed rebuild saw is not lost.
        let definitions = incremental::definitions(guide);
        let edited = match self.last_good {
            Some(_) => incremental::changed_definitions(&self.definitions, &definitions),
            None => Default::default(),
        };
        let compared = start.elapsed();
        let outside_model = !edited.is_empty()
            || incremental::touches(changed, &self.forms)
            || incremental::touches(changed, &self.synonyms)
            || incremental::touches(changed, &self.themes);
        if self.last_good.is_some() && changes.is_empty() && !outside_model {
            // The cities read again hold what the last good rebuild saw.
            if let Entities::All(new) = entities {
                self.last_good = Some(new);
            }
            self.pending = Some(BTreeSet::new());
            return Outcome::Unchanged {
                report: diags.report_in(self.lang),
                took: start.elapsed(),
            };
        }
        // Templates and styles reach every page without passing through its data.
        if incremental::touches(changed, &self.themes) || self.last_as_of != Some(as_of) {
            self.kept = self.kept.emptied();
        }
        let whole = self.kept.is_empty();
        let (scope, across) =
            incremental::narrow(incremental::scope(&changes, &edited), guide, &self.across);
        self.round += 1;
        let fresh = self.work.join(format!("render-{}", self.round));
        let mut rendered_at = compared;
        let rendered = std::fs::create_dir_all(&fresh)
            .map_err(Failure::Io)
            .and_then(|()| {
                build::render_changed(
                    guide,
                    &self.options,
                    &fresh,
                    &self.cache,
                    &scope,
                    &mut self.kept,
                    build::Guides::Later,
                )
            })
            .and_then(|rendered| {
                rendered_at = start.elapsed();
                let synced = if rendered.whole {
                    sync::sync(&fresh, &self.options.out)
                } else {
                    sync::sync_listed(
                        &fresh,
                        &self.options.out,
                        &rendered.written,
                        &rendered.removed,
                    )
                };
                synced.map(|synced| (rendered, synced)).map_err(Failure::Io)
            });
        let _ = std::fs::remove_dir_all(&fresh);
        match rendered {
            Ok((rendered, synced)) => {
                let took = start.elapsed();
                match (entities, &mut self.last_good) {
                    (Entities::Cities(ids, new), Some(old)) => incremental::replace(old, &ids, new),
                    (Entities::All(new), _) | (Entities::Cities(_, new), None) => {
                        self.last_good = Some(new);
                    }
                }
                self.pending = Some(BTreeSet::new());
                self.definitions = definitions;
                match &scope {
                    Scope::Cities(_) | Scope::CitiesOnly(_) if !whole => self.across.extend(across),
                    // What the changed cities give the cross-city pages now; a
                    // national edit may leave the others' stale, which can only
                    // plan the cross-city pages once more than needed.
                    Scope::Reading { cities, .. } if !whole => self.across.extend(
                        cities
                            .iter()
                            .filter_map(|id| guide.city(id))
                            .map(|c| (c.id().to_string(), crate::site::across_stamp(guide, c))),
                    ),
                    _ => self.across = incremental::across(guide),
                }
                self.last_as_of = Some(self.options.as_of);
                Outcome::Rebuilt(Box::new(Rebuilt {
                    synced,
                    changes,
                    report: diags.report_in(self.lang),
                    pages: rendered.summary.pages,
                    rendered: rendered.written.len(),
                    took,
                    phases: [
                        ("check", checked_at),
                        ("compare", compared - checked_at),
                        ("render", rendered_at - compared),
                        ("sync", took - rendered_at),
                    ],
                }))
            }
            Err(failure) => {
                // What was kept may describe a render that never reached the served folder.
                self.kept = self.kept.emptied();
                let report = match failure {
                    Failure::Content(diags) => diags.report_in(self.lang),
                    Failure::Refused(refusal) => format!("{}\n", refusal.message().line(self.lang)),
                    Failure::Io(e) => format!(
                        "{}\n",
                        Msg::ServeCannotWrite {
                            out: self.options.out.display().to_string(),
                            error: e.to_string(),
                        }
                        .line(self.lang)
                    ),
                };
                Outcome::Failed {
                    report,
                    took: start.elapsed(),
                }
            }
        }
    }
}

impl Rebuilder {
    /// Sets the printable guides the last rebuild left (it put the pages out
    /// first), and the pages that link to them, and syncs them into the
    /// served folder. `None` if no guide was left.
    pub fn guides(&mut self) -> Option<Outcome> {
        if !self.kept.guides_due() {
            return None;
        }
        let start = Instant::now();
        let guide = self.checked.as_ref()?.guide();
        self.round += 1;
        let fresh = self.work.join(format!("render-{}", self.round));
        let rendered = std::fs::create_dir_all(&fresh)
            .map_err(Failure::Io)
            .and_then(|()| {
                build::render_guides(guide, &self.options, &fresh, &self.cache, &mut self.kept)
                    .unwrap_or_else(|| Err(Failure::Io(io::Error::other("no guides were left"))))
            })
            .and_then(|rendered| {
                let synced = sync::sync_listed(
                    &fresh,
                    &self.options.out,
                    &rendered.written,
                    &rendered.removed,
                );
                synced.map(|synced| (rendered, synced)).map_err(Failure::Io)
            });
        let _ = std::fs::remove_dir_all(&fresh);
        Some(match rendered {
            Ok((rendered, synced)) => {
                let took = start.elapsed();
                Outcome::Rebuilt(Box::new(Rebuilt {
                    synced,
                    changes: Vec::new(),
                    report: String::new(),
                    pages: rendered.summary.pages,
                    rendered: rendered.written.len(),
                    took,
                    phases: [
                        ("check", Duration::ZERO),
                        ("compare", Duration::ZERO),
                        ("render", took),
                        ("sync", Duration::ZERO),
                    ],
                }))
            }
            Err(failure) => {
                self.kept = self.kept.emptied();
                let report = match failure {
                    Failure::Content(diags) => diags.report(),
                    Failure::Refused(refusal) => format!("{refusal}\n"),
                    Failure::Io(e) => format!(
                        "error: cannot write the printable guides into {}: {e}\n  = hint: check that the folder is writable; the pages are up to date\n",
                        self.options.out.display()
                    ),
                };
                Outcome::Failed {
                    report,
                    took: start.elapsed(),
                }
            }
        })
    }
}

impl Drop for Rebuilder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.work);
    }
}

/// The entities a rebuild took: of every city, or of some cities only.
enum Entities {
    All(EntityValues),
    Cities(BTreeSet<String>, EntityValues),
}

/// `.site.tebiki-serve-<pid>` beside `site/`.
fn work_folder(out: &Path) -> PathBuf {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    parent.join(format!(".{name}.tebiki-serve-{}", std::process::id()))
}
