//! One rebuild in watch mode: check, and only if the content is clean render
//! into a fresh folder and sync it into the served one. A rebuild that fails
//! leaves the served folder exactly as the last good rebuild left it.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::build::cache::OutputCache;
use crate::build::{self, Failure, Options};
use crate::model::{Date, Guide};
use crate::revisions::Change;

use super::incremental::{self, Entity};
use super::sync::{self, Synced};

/// What one rebuild came to.
#[derive(Debug)]
pub enum Outcome {
    /// The content checked clean and the served folder now holds the new site.
    Rebuilt {
        synced: Synced,
        /// Warnings, as `tebiki check` prints them.
        report: String,
        pages: usize,
        took: Duration,
        /// Time spent checking, rendering and syncing.
        phases: [(&'static str, Duration); 3],
    },
    /// The content has errors, or the site could not be written; nothing was served differently.
    Failed { report: String, took: Duration },
}

/// Rebuilds the served folder from the inputs, keeping what it needs between rebuilds.
pub struct Rebuilder {
    options: Options,
    /// True when no `--as-of` was given: each rebuild shows the rules in force today.
    follow_today: bool,
    work: PathBuf,
    cache: OutputCache,
    last_good: Option<Guide>,
    /// The guide before the last good one, until its changes were described.
    previous: Option<Guide>,
    round: u64,
}

impl Rebuilder {
    /// Prepares a work folder beside the output folder (same file system, so synced files are moved, not copied).
    pub fn new(options: Options, follow_today: bool) -> io::Result<Rebuilder> {
        let work = work_folder(&options.out);
        if work.exists() {
            std::fs::remove_dir_all(&work)?;
        }
        std::fs::create_dir_all(&work)?;
        let cache = OutputCache::in_folder(&work.join("cache"))?;
        Ok(Rebuilder {
            options,
            follow_today,
            work,
            cache,
            last_good: None,
            previous: None,
            round: 0,
        })
    }

    /// The folder being served.
    pub fn out(&self) -> &Path {
        &self.options.out
    }

    /// The folder holding temporary renders and the output cache; removed on drop.
    pub fn work(&self) -> &Path {
        &self.work
    }

    /// Checks the inputs and, if clean, renders and syncs the served folder.
    pub fn rebuild(&mut self) -> Outcome {
        let start = Instant::now();
        if self.follow_today {
            self.options.as_of = Date::today();
        }
        let (guide, diags) = build::check(&self.options.inputs, self.options.as_of);
        let checked = start.elapsed();
        if diags.has_errors() {
            return Outcome::Failed {
                report: diags.report(),
                took: start.elapsed(),
            };
        }
        self.round += 1;
        let fresh = self.work.join(format!("render-{}", self.round));
        let mut rendered_at = checked;
        let rendered = std::fs::create_dir_all(&fresh)
            .map_err(Failure::Io)
            .and_then(|()| build::render_cached(&guide, &self.options, &fresh, &self.cache))
            .and_then(|summary| {
                rendered_at = start.elapsed();
                sync::sync(&fresh, &self.options.out)
                    .map(|synced| (summary, synced))
                    .map_err(Failure::Io)
            });
        let _ = std::fs::remove_dir_all(&fresh);
        match rendered {
            Ok((summary, synced)) => {
                let took = start.elapsed();
                self.previous = self.last_good.replace(guide);
                Outcome::Rebuilt {
                    synced,
                    report: diags.report(),
                    pages: summary.pages,
                    took,
                    phases: [
                        ("check", checked),
                        ("render", rendered_at - checked),
                        ("sync", took - rendered_at),
                    ],
                }
            }
            Err(Failure::Content(diags)) => Outcome::Failed {
                report: diags.report(),
                took: start.elapsed(),
            },
            Err(Failure::Io(e)) => Outcome::Failed {
                report: format!(
                    "error: cannot write {}: {e}\n  = hint: check that the folder is writable; the last good site is still served\n",
                    self.options.out.display()
                ),
                took: start.elapsed(),
            },
        }
    }
}

impl Rebuilder {
    /// The entities the last good rebuild changed; asked for after the pages were told,
    /// since comparing two whole guides takes longer than the rebuild itself.
    pub fn changes(&mut self) -> Vec<(Entity, Change)> {
        match (self.previous.take(), &self.last_good) {
            (Some(old), Some(new)) => incremental::changed_entities(&old, new),
            _ => Vec::new(),
        }
    }
}

impl Drop for Rebuilder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.work);
    }
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
