//! `tebiki serve`: builds, serves the site on 127.0.0.1, watches the inputs
//! and rebuilds on every change, and tells open pages to reload.
//!
//! It never loses the last good site: a rebuild renders into a fresh folder
//! and is synced into the served one only when the content checked clean;
//! otherwise the pages keep showing the last good build under an overlay with
//! the same report `tebiki check` prints. The reload script is added to HTML
//! responses by the server, so the served folder stays byte-identical to what
//! `tebiki build` writes.

pub(crate) mod http;
pub(crate) mod incremental;
pub(crate) mod live;
pub mod rebuild;
pub(crate) mod sync;
pub(crate) mod watch;

use crate::messages::{Lang, Msg};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use crate::build::Options;

use http::{Http, StartError};
use live::Hub;
use rebuild::{Outcome, Rebuilder};

/// What `tebiki serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Inputs, theme, output folder and the day the rules are shown for.
    pub build: Options,
    /// True when no `--as-of` was given: rebuilds follow the calendar.
    pub follow_today: bool,
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// The language of the messages printed and shown over the site.
    pub lang: Lang,
    /// Leave out the printable guides (a quicker preview of the pages).
    pub no_guides: bool,
}

/// Why `tebiki serve` could not run.
#[derive(Debug)]
pub enum ServeError {
    /// The port is taken by another program.
    PortInUse(u16),
    /// Something else went wrong starting up.
    Start(Msg),
}

impl ServeError {
    /// The error as printed in `lang`, with its hint.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            ServeError::PortInUse(port) => Msg::ServePortInUse {
                port: *port,
                free: port.wrapping_add(1).max(1024),
            }
            .line(lang),
            ServeError::Start(message) => message.line(lang),
        }
    }
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

enum Signal {
    Changed(Vec<PathBuf>),
    Stop,
}

/// How often idle event streams get a keep-alive, which also drops closed pages.
const PING: Duration = Duration::from_secs(15);

/// Serves until Ctrl-C; returns after removing its temporary folders.
pub fn serve(options: ServeOptions) -> Result<(), ServeError> {
    let hub = Hub::default();
    let out = options.build.out.clone();
    crate::build::check_output(&options.build).map_err(|failure| match failure {
        crate::build::Failure::Refused(refusal) => ServeError::Start(refusal.message()),
        _ => ServeError::Start(Msg::ServeCannotLook {
            out: out.display().to_string(),
        }),
    })?;
    let http = Http::bind(options.port, &out, hub.clone()).map_err(|e| match e {
        StartError::PortInUse(port) => ServeError::PortInUse(port),
        StartError::Io(port, e) => ServeError::Start(Msg::ServeCannotListen {
            port,
            error: e.to_string(),
        }),
    })?;
    let http = Arc::new(http);
    let url = match http.addr() {
        Some(addr) => format!("http://{addr}/"),
        None => format!("http://127.0.0.1:{}/", options.port),
    };

    let roots: Vec<PathBuf> = [
        &options.build.inputs.content,
        &options.build.inputs.forms,
        &options.build.themes,
    ]
    .iter()
    .map(|p| crate::load::absolute(p))
    .collect();

    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Signal::Stop);
    })
    .map_err(|e| {
        ServeError::Start(Msg::ServeCtrlC {
            error: e.to_string(),
        })
    })?;
    let mut watch = watch::start(&roots, watch::to_channel(tx, Signal::Changed)).map_err(|e| {
        ServeError::Start(Msg::ServeCannotWatch {
            error: e.to_string(),
        })
    })?;

    let mut rebuilder =
        Rebuilder::new(options.build.clone(), options.follow_today).map_err(|e| {
            ServeError::Start(Msg::ServeWorkFolder {
                out: out.display().to_string(),
                error: e.to_string(),
            })
        })?;
    rebuilder.set_lang(options.lang);
    if options.no_guides {
        rebuilder.leave_out_guides();
    }
    report(&hub, &mut rebuilder, &[], options.lang);
    report_guides(&hub, &mut rebuilder, options.lang);

    let server = {
        let http = Arc::clone(&http);
        std::thread::spawn(move || http.run())
    };
    let serving = Msg::ServeServing {
        out: out.display().to_string(),
        url: url.to_string(),
        roots: roots
            .iter()
            .filter(|r| r.is_dir())
            .map(|r| {
                r.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect::<Vec<_>>()
            .join(", "),
    };
    println!("{}", serving.render(options.lang).message);
    if options.open {
        if let Err(e) = opener::open_browser(&url) {
            let warning = Msg::ServeCannotOpenBrowser {
                error: e.to_string(),
                url: url.clone(),
            };
            eprintln!("{}", warning.warning_line(options.lang));
        }
    }

    loop {
        match rx.recv_timeout(PING) {
            Ok(Signal::Changed(mut paths)) => {
                // Changes that came in meanwhile join this rebuild.
                let mut stopping = false;
                while let Ok(signal) = rx.try_recv() {
                    match signal {
                        Signal::Changed(more) => paths.extend(more),
                        Signal::Stop => stopping = true,
                    }
                }
                if stopping {
                    break;
                }
                paths.sort();
                paths.dedup();
                // A content/ that was deleted and made again is watched anew.
                watch.rearm(&paths);
                report(&hub, &mut rebuilder, &paths, options.lang);
                report_guides(&hub, &mut rebuilder, options.lang);
            }
            Err(RecvTimeoutError::Timeout) => {
                hub.ping();
                if watch.rearm(&[]) {
                    let roots: Vec<PathBuf> = roots.clone();
                    report(&hub, &mut rebuilder, &roots, options.lang);
                    report_guides(&hub, &mut rebuilder, options.lang);
                }
            }
            Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    println!("{}", Msg::ServeStopping.render(options.lang).message);
    hub.close();
    http.stop();
    let _ = server.join();
    drop(rebuilder);
    Ok(())
}

/// Sets the printable guides a rebuild left for after its pages, and tells
/// the open pages whose links or sizes changed with them.
fn report_guides(hub: &Hub, rebuilder: &mut Rebuilder, lang: Lang) {
    match rebuilder.guides() {
        None => {}
        Some(Outcome::Rebuilt(rebuilt)) => {
            hub.rebuilt(String::new(), rebuilt.synced.changed());
            let guides = rebuilt
                .synced
                .written
                .iter()
                .filter(|f| f.ends_with("-tebiki.pdf"))
                .count();
            let done = Msg::ServeGuides {
                ms: rebuilt.took.as_millis() as u64,
                guides,
                others: rebuilt.synced.written.len() - guides,
            };
            println!("{}", done.render(lang).message);
        }
        Some(Outcome::Failed { report, .. }) => {
            hub.failed(report.clone());
            eprint!("{report}");
        }
        Some(Outcome::Unchanged { .. }) => {}
    }
}

/// Rebuilds, tells the open pages, and prints what the rebuild did.
fn report(hub: &Hub, rebuilder: &mut Rebuilder, paths: &[PathBuf], lang: Lang) {
    for path in paths {
        let changed = Msg::ServeChanged {
            path: crate::diag::display_path(path),
        };
        println!("{}", changed.render(lang).message);
    }
    match rebuilder.rebuild(paths) {
        Outcome::Rebuilt(rebuilt) => {
            let rebuild::Rebuilt {
                synced,
                changes,
                report,
                pages,
                rendered,
                took,
                phases,
            } = *rebuilt;
            let (written, removed) = (synced.written.len(), synced.removed.len());
            hub.rebuilt(report.clone(), synced.changed());
            eprint!("{report}");
            let phases: Vec<String> = phases
                .iter()
                .map(|(name, d)| format!("{name} {} ms", d.as_millis()))
                .collect();
            let done = Msg::ServeRebuilt {
                pages,
                ms: took.as_millis() as u64,
                rendered,
                written,
                removed,
                phases: phases.join(", "),
                theme: rebuilder.theme_changed(paths),
            };
            println!("{}", done.render(lang).message);
            if !changes.is_empty() {
                let entities: Vec<String> = changes
                    .iter()
                    .map(|(e, c)| format!("{} {} {} {}", c.symbol(), e.scope, e.kind, e.id))
                    .collect();
                let changed = Msg::ServeContentChanged {
                    entities: entities.join(", "),
                };
                println!("{}", changed.render(lang).message);
            }
        }
        Outcome::Unchanged { report, took } => {
            hub.rebuilt(report.clone(), Vec::new());
            eprint!("{report}");
            let done = Msg::ServeUnchanged {
                ms: took.as_millis() as u64,
            };
            println!("{}", done.render(lang).message);
        }
        Outcome::Failed { report, took } => {
            hub.failed(report.clone());
            eprint!("{report}");
            let stopped = Msg::ServeRebuildStopped {
                ms: took.as_millis() as u64,
            };
            eprintln!("{}", stopped.render(lang).message);
        }
    }
}
