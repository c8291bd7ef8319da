//! What a page reads of the national rules and the forms. While a page is
//! planned ([`recording`]), every look-up of a national entity or a form
//! (found or not) and every walk over all entities of a kind is noted on the
//! planning thread. `serve` keeps what each page read, so that an edit of one
//! national add-on or one form plans again only the pages that read it.
//!
//! The look-ups note themselves: [`super::Guide::addon`] and its siblings,
//! and the walks of [`super::National`]'s lists that pages make go through
//! [`every`]. A page that read national content some other way would keep
//! showing it as it was: `tests/serve_reads.rs` edits every national file
//! and every form and compares what `serve` shows with a fresh build.

use std::cell::RefCell;
use std::collections::BTreeSet;

/// One thing a page read: an entity by kind and id, or every entity of a kind.
/// Kinds are those of the model's walk (`addon`, `function`, `revision`, …,
/// `form`), and `definition` for a form's resolved fields.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Read {
    One(&'static str, String),
    Every(&'static str),
    /// Which entities of a kind there are (their ids), not what they say.
    Ids(&'static str),
    /// Whether an entity with this id exists, not what it says.
    Exists(&'static str, String),
}

/// The kinds of national entities and forms, as [`Read`] names them.
pub(crate) const KINDS: &[&str] = &[
    "function",
    "role",
    "revision",
    "addon",
    "monitoring",
    "table",
    "page",
    "form",
    "definition",
    ADDON_VALUES,
];

/// What reads an add-on's values alone (its units and periods), not its words:
/// [`super::Guide::addon_for_values`].
pub(crate) const ADDON_VALUES: &str = "addon.values";

/// What a set of changed entities (kind, id, and whether it was added or
/// removed rather than changed) is to the pages and checks that read them;
/// `None` if a kind is not one of [`KINDS`].
pub(crate) fn changed<'a>(
    changes: impl IntoIterator<Item = (&'a str, &'a str, bool)>,
) -> Option<Reads> {
    let mut read = Reads::new();
    for (kind, id, came_or_went) in changes {
        let kind = KINDS.iter().find(|k| **k == kind)?;
        read.insert(Read::One(kind, id.to_string()));
        // Told apart only where both the add-on's old and new values are at hand.
        if *kind == "addon" {
            read.insert(Read::One(ADDON_VALUES, id.to_string()));
        }
        if came_or_went {
            read.insert(Read::Ids(kind));
            read.insert(Read::Exists(kind, id.to_string()));
        }
    }
    Some(read)
}

/// What one page read.
pub(crate) type Reads = BTreeSet<Read>;

thread_local! {
    /// What the page being planned on this thread has read so far; `None` when none is.
    static READING: RefCell<Option<Reads>> = const { RefCell::new(None) };
}

/// Runs `plan`, noting what it reads on this thread; returns its result and what it read.
/// `plan` must not hand work to other threads.
pub(crate) fn recording<R>(plan: impl FnOnce() -> R) -> (R, Reads) {
    let outer = READING.with(|r| r.borrow_mut().replace(Reads::new()));
    let result = plan();
    let read = READING.with(|r| std::mem::replace(&mut *r.borrow_mut(), outer));
    (result, read.unwrap_or_default())
}

/// Runs `read` without noting what it reads (what every page of a city
/// shows alike, compared for the city as a whole).
pub(crate) fn unnoted<R>(read: impl FnOnce() -> R) -> R {
    let outer = READING.with(|r| r.borrow_mut().take());
    let result = read();
    READING.with(|r| *r.borrow_mut() = outer);
    result
}

/// Notes `read` for the page being planned on this thread, if one is;
/// `read` is made only then, so a look-up outside any page costs nothing.
fn note(read: impl FnOnce() -> Read) {
    READING.with(|r| {
        if let Some(reads) = r.borrow_mut().as_mut() {
            reads.insert(read());
        }
    });
}

/// Notes a look-up of one entity.
pub(crate) fn one(kind: &'static str, id: &str) {
    note(|| Read::One(kind, id.to_string()));
}

/// Notes a walk over every entity of a kind, and returns `list` for it.
pub(crate) fn every<'a, T>(kind: &'static str, list: &'a [T]) -> &'a [T] {
    note(|| Read::Every(kind));
    list
}

/// Notes a look-up of whether one entity exists.
pub(crate) fn exists(kind: &'static str, id: &str) {
    note(|| Read::Exists(kind, id.to_string()));
}

/// Notes that the ids of a kind were taken, and returns `list` for it.
pub(crate) fn ids<'a, T>(kind: &'static str, list: &'a [T]) -> &'a [T] {
    note(|| Read::Ids(kind));
    list
}

/// True if what read `read` must be made again after `changed` ([`changed`]).
pub(crate) fn touched(read: &Reads, changed: &Reads) -> bool {
    read.iter().any(|r| match r {
        Read::One(kind, _) => changed.contains(r) || changed.contains(&Read::Every(kind)),
        Read::Every(kind) => changed
            .iter()
            .any(|c| matches!(c, Read::One(k, _) | Read::Every(k) | Read::Ids(k) if k == kind)),
        Read::Ids(kind) | Read::Exists(kind, _) => {
            changed.contains(r) || changed.contains(&Read::Every(kind))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_reads_what_it_looked_up_and_walked() {
        let ((), read) = recording(|| {
            one("addon", "kyoten");
            let _ = every("revision", &[1, 2]);
        });
        assert_eq!(
            read,
            Reads::from([Read::One("addon", "kyoten".into()), Read::Every("revision")])
        );
        // Outside a recording nothing is kept, and a recording inside another keeps its own.
        one("addon", "lost");
        let (inner, outer) = recording(|| recording(|| one("role", "x")).1);
        assert_eq!(inner, Reads::from([Read::One("role", "x".into())]));
        assert!(outer.is_empty());
    }

    #[test]
    fn a_change_touches_the_pages_that_read_it_or_its_kind() {
        let read = Reads::from([Read::One("addon", "a".into()), Read::Every("revision")]);
        let changed = |c: &[Read]| c.iter().cloned().collect::<Reads>();
        assert!(touched(&read, &changed(&[Read::One("addon", "a".into())])));
        assert!(!touched(&read, &changed(&[Read::One("addon", "b".into())])));
        assert!(touched(
            &read,
            &changed(&[Read::One("revision", "r6".into())])
        ));
        assert!(touched(&read, &changed(&[Read::Every("addon")])));
        assert!(!touched(&read, &changed(&[Read::One("form", "a".into())])));
        // Ids are touched by an entity that came or went, not by one that changed.
        let ids = Reads::from([Read::Ids("addon")]);
        assert!(!touched(&ids, &changed(&[Read::One("addon", "a".into())])));
        assert!(touched(
            &ids,
            &changed(&[Read::One("addon", "c".into()), Read::Ids("addon")])
        ));
        let exists = Reads::from([Read::Exists("definition", "a".into())]);
        assert!(!touched(
            &exists,
            &changed(&[Read::One("definition", "a".into())])
        ));
        assert!(touched(
            &exists,
            &changed(&[Read::Exists("definition", "a".into())])
        ));
    }

    #[test]
    fn changes_name_what_they_touch() {
        assert_eq!(
            super::changed([("addon", "a", false), ("role", "r", true)]),
            Some(Reads::from([
                Read::One("addon", "a".into()),
                Read::One(ADDON_VALUES, "a".into()),
                Read::One("role", "r".into()),
                Read::Ids("role"),
                Read::Exists("role", "r".into()),
            ]))
        );
        assert_eq!(super::changed([("qa", "q1", false)]), None);
    }
}
