//! Live reload: the state of the last rebuild, and the open browser pages
//! that are told about each new one over server-sent events.
//!
//! A page gets the current state as soon as it connects, so a page opened
//! while the content has errors shows the overlay at once; after a rebuild
//! that changed files, every page gets the list and reloads if it was one.

use std::io::Write;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;

/// The script added to HTML responses (never written into the output folder).
pub(crate) const SCRIPT: &str = include_str!("live.js");

/// What the last rebuild came to, as browsers and `/__tebiki/status` see it.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct State {
    /// Counts finished rebuilds, failed or not; 1 after the first build.
    pub generation: u64,
    /// False while the content has errors and the last good site is served.
    pub ok: bool,
    /// The report `tebiki check` prints (errors and warnings), empty when clean.
    pub report: String,
    /// Files the last successful rebuild wrote or removed.
    pub changed: Vec<String>,
}

/// The shared state and the connected pages.
#[derive(Clone, Default)]
pub(crate) struct Hub {
    inner: Arc<Mutex<Inner>>,
}

#[derive(Default)]
struct Inner {
    state: State,
    pages: Vec<SyncSender<Arc<str>>>,
}

/// Events a page may fall behind by before it is dropped: a page that stops
/// reading never holds up a rebuild or the other pages.
const BACKLOG: usize = 16;

impl Hub {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves plain data behind; go on with it.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The current state.
    pub(crate) fn state(&self) -> State {
        self.lock().state.clone()
    }

    /// Adds a page's event stream (headers already sent) and tells it the
    /// current state. The page is written by a thread of its own, so a page
    /// that stops reading blocks only that thread.
    pub(crate) fn connect(&self, mut page: Box<dyn Write + Send>) {
        let (tx, rx) = sync_channel::<Arc<str>>(BACKLOG);
        let mut inner = self.lock();
        if tx.try_send(event("state", &status(&inner.state))).is_err() {
            return;
        }
        let spawned = std::thread::Builder::new()
            .name("tebiki-events".into())
            .spawn(move || {
                for text in rx {
                    if page
                        .write_all(text.as_bytes())
                        .and_then(|()| page.flush())
                        .is_err()
                    {
                        break;
                    }
                }
            });
        if spawned.is_ok() {
            inner.pages.push(tx);
        }
    }

    /// Records a failed rebuild: the pages show the report over the last good site.
    pub(crate) fn failed(&self, report: String) {
        let mut inner = self.lock();
        inner.state.generation += 1;
        inner.state.ok = false;
        inner.state.report = report;
        inner.state.changed.clear();
        let message = event("state", &status(&inner.state));
        broadcast(&mut inner, message);
    }

    /// Records a successful rebuild; pages showing a changed file reload.
    pub(crate) fn rebuilt(&self, report: String, changed: Vec<String>) {
        let mut inner = self.lock();
        inner.state.generation += 1;
        inner.state.ok = true;
        inner.state.report = report;
        inner.state.changed = changed;
        let message = event("state", &status(&inner.state));
        broadcast(&mut inner, message);
        if !inner.state.changed.is_empty() {
            let reload = serde_json::json!({ "changed": inner.state.changed }).to_string();
            broadcast(&mut inner, event("reload", &reload));
        }
    }

    /// Sends a comment to every page, dropping the ones that went away.
    pub(crate) fn ping(&self) {
        broadcast(&mut self.lock(), Arc::from(": ping\n\n"));
    }

    /// Closes every page's stream (browsers reconnect on their own when a server is back).
    pub(crate) fn close(&self) {
        self.lock().pages.clear();
    }

    /// How many pages are connected.
    #[cfg(test)]
    pub(crate) fn pages(&self) -> usize {
        self.lock().pages.len()
    }
}

/// The state as one line of JSON.
pub(crate) fn status(state: &State) -> String {
    serde_json::to_string(state).unwrap_or_else(|_| "{}".into())
}

/// Queues one message for every page, without waiting on any: a page that
/// went away or fell [`BACKLOG`] events behind is dropped.
fn broadcast(inner: &mut Inner, text: Arc<str>) {
    inner
        .pages
        .retain(|page| page.try_send(Arc::clone(&text)).is_ok());
}

/// One server-sent event.
fn event(name: &str, data: &str) -> Arc<str> {
    // `data` is one line of JSON: it holds no raw newline that would end the event.
    Arc::from(format!("event: {name}\ndata: {data}\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    /// A page stream that hands what was written to a channel.
    struct Page(mpsc::Sender<String>);
    impl Write for Page {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let _ = self.0.send(String::from_utf8_lossy(buf).into_owned());
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// A page stream whose reader never reads: every write blocks for good.
    struct Frozen(mpsc::Receiver<()>);
    impl Write for Frozen {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            let _ = self.0.recv();
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_page_that_stops_reading_holds_up_nothing_and_is_dropped() {
        let hub = Hub::default();
        let (_keep, frozen) = mpsc::channel();
        hub.connect(Box::new(Frozen(frozen)));
        let (tx, rx) = mpsc::channel();
        hub.connect(Box::new(Page(tx)));
        for round in 0..(BACKLOG * 2) {
            hub.rebuilt(String::new(), vec![format!("{round}.html")]);
            // Rebuilds take milliseconds at least: the reading page keeps up.
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(
            hub.pages(),
            1,
            "the frozen page fell behind and was dropped"
        );
        let events: Vec<String> = rx.try_iter().collect();
        let reloads = events
            .iter()
            .filter(|e| e.starts_with("event: reload"))
            .count();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let mut reloads = reloads;
        while reloads < BACKLOG * 2 && std::time::Instant::now() < deadline {
            if let Ok(e) = rx.recv_timeout(std::time::Duration::from_millis(100)) {
                reloads += usize::from(e.starts_with("event: reload"));
            }
        }
        assert_eq!(reloads, BACKLOG * 2, "the reading page got every reload");
    }

    #[test]
    fn pages_get_the_state_then_errors_then_a_reload() {
        let hub = Hub::default();
        let (tx, rx) = mpsc::channel();
        hub.connect(Box::new(Page(tx)));
        assert!(rx.recv().unwrap().starts_with("event: state\ndata: {"));

        hub.failed("a.toml:1:1: error: x\n  = hint: y\n".into());
        let event = rx.recv().unwrap();
        assert_eq!(
            event.trim_end().lines().count(),
            2,
            "one data line: {event}"
        );
        assert!(event.contains(r#""ok":false"#), "{event}");
        assert!(event.contains(r"a.toml:1:1: error: x\n"), "{event}");

        hub.rebuilt(String::new(), vec!["mini/index.html".into()]);
        assert!(rx.recv().unwrap().contains(r#""ok":true"#));
        let reload = rx.recv().unwrap();
        assert!(reload.starts_with("event: reload\n"), "{reload}");
        assert!(reload.contains("mini/index.html"));
        assert_eq!(hub.state().generation, 2);
    }
}
