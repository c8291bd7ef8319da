//! Latency of `tebiki serve`: from a file write to the rebuilt site on disk,
//! for (a) one Q&A edit, (b) one edit to a national add-on that cities cite,
//! (c) one form edit. Prints the median and p95 of each.
//!
//! Runs on a temporary copy of the bundled content (`content/`, `forms/`,
//! `themes/`). To run on another corpus — the ≥ 10,000-page synthetic one
//! that the site bench generates — point `TEBIKI_BENCH_CORPUS` at a folder
//! holding its `content/` and `forms/`.
//!
//!     cargo bench --bench serve                 # optimised build
//!     cargo bench --profile dev --bench serve   # quick, unoptimised
//!     TEBIKI_BENCH_CORPUS=/tmp/corpus TEBIKI_BENCH_ROUNDS=10 cargo bench --bench serve
//!     TEBIKI_BENCH_BIN=/tmp/before/tebiki cargo bench --bench serve   # another binary
//!     TEBIKI_BENCH_NO_GUIDES=1 cargo bench --bench serve   # serve --no-guides
//!
//! On a national-scale corpus, setting every city's printable guide takes
//! minutes after the first build and after each national edit; with
//! `TEBIKI_BENCH_NO_GUIDES` the bench runs `serve --no-guides`, which times
//! the same pages, forms and index without them.
//!
//! The clock stops when `tebiki serve` prints its `rebuilt …` line, which it
//! does after the new files were moved into the served folder. The printable
//! guides are set after that line, off the clock; the next edit waits until
//! they are (`guides in …`).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(120);
/// How long `serve` may print nothing before the printable guides count as
/// set: a national edit sets every city's guide again, a minute and more on a
/// large corpus, and prints its `guides in …` line only at the end.
const QUIET: Duration = PATIENCE;

/// One kind of edit: which file, and the text after which a marker is inserted.
struct Scenario {
    name: &'static str,
    file: PathBuf,
    anchor: &'static str,
}

fn main() {
    let source = match std::env::var_os("TEBIKI_BENCH_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")),
    };
    let rounds: usize = std::env::var("TEBIKI_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    let work = tempfile::tempdir().expect("a temporary folder");
    for part in ["content", "forms", "themes"] {
        copy(&source.join(part), &work.path().join(part));
    }
    let scenarios = [
        Scenario {
            name: "(a) one Q&A edit",
            file: find(&work.path().join("content/cities"), "[[qa]]", "answer = \""),
            anchor: "answer = \"",
        },
        Scenario {
            name: "(b) one national add-on edit",
            // The name is shown wherever a city cites the add-on.
            file: prefer(
                &work.path().join("content/national/addons"),
                "kyoten-soudan.toml",
                "name = \"",
            ),
            anchor: "name = \"",
        },
        Scenario {
            name: "(c) one form edit",
            file: find(&work.path().join("forms"), "[form]", "title = \""),
            anchor: "title = \"",
        },
    ];

    let server = Serve::start(work.path());
    println!(
        "tebiki serve latency, file write → site on disk; corpus {} ({} pages), {rounds} rounds each",
        source.display(),
        server.pages
    );
    for scenario in &scenarios {
        let original = std::fs::read_to_string(&scenario.file).expect("the file to edit");
        let mut took = Vec::new();
        let mut written = Vec::new();
        let mut phases: Vec<Vec<(String, u64)>> = Vec::new();
        for round in 0..=rounds {
            let edited = mark(&original, scenario.anchor, &format!("〔改{round}〕"));
            let start = save(&scenario.file, &edited);
            let line = server.next_rebuild();
            if round > 0 {
                // Round 0 warms the caches and is not counted.
                took.push(start.elapsed());
                written.push(files_written(&line));
                phases.push(phase_times(&line));
            }
            server.settle();
        }
        let _ = save(&scenario.file, &original);
        server.next_rebuild();
        server.settle();
        took.sort();
        let pages = written.iter().max().copied().unwrap_or(0);
        println!(
            "{:<32} median {:>6.1} ms   p95 {:>6.1} ms   ({} files rewritten per edit{})   {}",
            scenario.name,
            ms(percentile(&took, 50)),
            ms(percentile(&took, 95)),
            pages,
            if pages == 0 {
                "; the renderers do not show this input yet"
            } else {
                ""
            },
            scenario
                .file
                .strip_prefix(work.path())
                .unwrap_or(&scenario.file)
                .display()
        );
        println!("{:<32} {}", "", median_phases(&phases));
    }
    server.stop();
}

/// Writes `text` the way editors save (a new file renamed over the old one); returns when it landed.
fn save(path: &Path, text: &str) -> Instant {
    let temp = path.with_file_name(".tebiki-bench-save.tmp");
    std::fs::write(&temp, text).expect("write the edit");
    let start = Instant::now();
    std::fs::rename(&temp, path).expect("save the edit");
    start
}

/// `text` with `marker` inserted after the first `anchor` that opens a one-line string.
fn mark(text: &str, anchor: &str, marker: &str) -> String {
    let at = text
        .match_indices(anchor)
        .map(|(i, _)| i + anchor.len())
        .find(|&end| !text[end..].starts_with("\"\""))
        .unwrap_or_else(|| panic!("no one-line {anchor} to edit"));
    format!("{}{marker}{}", &text[..at], &text[at..])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (p * sorted.len()).div_ceil(100).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// `… (check 5 ms, compare 1 ms, render 2 ms, sync 0 ms)` → the phases and their milliseconds.
fn phase_times(line: &str) -> Vec<(String, u64)> {
    let Some(inside) = line
        .rsplit_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(inside, _)| inside)
    else {
        return Vec::new();
    };
    inside
        .split(", ")
        .filter_map(|part| {
            let mut words = part.split(' ');
            let (name, ms) = (words.next()?, words.next()?.parse().ok()?);
            Some((name.to_string(), ms))
        })
        .collect()
}

/// `where the time went (medians): check 5 ms, …` over all rounds.
fn median_phases(rounds: &[Vec<(String, u64)>]) -> String {
    let Some(first) = rounds.first() else {
        return String::new();
    };
    let medians: Vec<String> = first
        .iter()
        .map(|(name, _)| {
            let mut times: Vec<u64> = rounds
                .iter()
                .filter_map(|r| r.iter().find(|(n, _)| n == name).map(|(_, ms)| *ms))
                .collect();
            times.sort_unstable();
            format!("{name} {} ms", times[times.len() / 2])
        })
        .collect();
    format!("where the time went (medians): {}", medians.join(", "))
}

/// `rebuilt 12 pages in 8 ms: 5 files rendered, 3 written, 0 removed` → 3.
fn files_written(line: &str) -> usize {
    line.split(", ")
        .find(|part| part.ends_with(" written"))
        .and_then(|part| part.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The first file below `dir` (in name order) holding both `kind` and `anchor`.
fn find(dir: &Path, kind: &str, anchor: &str) -> PathBuf {
    tebiki::load::files(dir, "toml")
        .into_iter()
        .find(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            text.contains(kind)
                && text
                    .match_indices(anchor)
                    .any(|(i, _)| !text[i + anchor.len()..].starts_with("\"\""))
        })
        .unwrap_or_else(|| panic!("no file in {} holds {kind} with {anchor}", dir.display()))
}

/// `dir/name` if it holds `anchor`, else the first file that does.
fn prefer(dir: &Path, name: &str, anchor: &str) -> PathBuf {
    let wanted = dir.join(name);
    match std::fs::read_to_string(&wanted) {
        Ok(text) if text.contains(anchor) => wanted,
        _ => find(dir, "", anchor),
    }
}

fn copy(from: &Path, to: &Path) {
    if !from.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("read the corpus");
        let target = to.join(entry.path().strip_prefix(from).expect("inside the corpus"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create a folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// A running `tebiki serve` and the lines it prints.
struct Serve {
    child: Child,
    lines: Receiver<String>,
    pages: usize,
    /// How long a spell without output counts as the guides being set.
    quiet: Duration,
}

impl Serve {
    fn start(dir: &Path) -> Serve {
        // TEBIKI_BENCH_BIN times another build of tebiki (one from before a change).
        let bin = std::env::var_os("TEBIKI_BENCH_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_tebiki")));
        let mut args = vec!["serve", "--lang", "en", "--port", "0"];
        let no_guides = std::env::var_os("TEBIKI_BENCH_NO_GUIDES").is_some();
        if no_guides {
            args.push("--no-guides");
        }
        let mut child = Command::new(bin)
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start tebiki serve");
        let (tx, lines) = mpsc::channel();
        let out = child.stdout.take().expect("its output");
        let sender = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        // The content report goes to stderr; a failed rebuild stops the bench with it.
        let err = child.stderr.take().expect("its error output");
        std::thread::spawn(move || {
            let mut report = String::new();
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                if line.starts_with("rebuild stopped") {
                    let _ = tx.send(format!("failed: {report}"));
                    report.clear();
                } else if line.contains(": error: ") {
                    report.push_str(&line);
                    report.push('\n');
                }
            }
        });
        let mut serve = Serve {
            child,
            lines,
            pages: 0,
            // Without guides nothing follows the `rebuilt` line but a save's extra rebuild.
            quiet: if no_guides {
                Duration::from_millis(500)
            } else {
                QUIET
            },
        };
        let first = serve.next_rebuild();
        serve.pages = first
            .strip_prefix("rebuilt ")
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        loop {
            let line = serve.line();
            if line.starts_with("serving ") {
                break;
            }
        }
        serve
    }

    fn line(&self) -> String {
        self.lines
            .recv_timeout(PATIENCE)
            .expect("tebiki serve answered in time (does the content check clean?)")
    }

    /// The next `rebuilt …` line.
    fn next_rebuild(&self) -> String {
        loop {
            let line = self.line();
            if line.starts_with("rebuilt ") {
                return line;
            }
            if let Some(report) = line.strip_prefix("failed: ") {
                panic!("an edit broke the content:\n{report}");
            }
        }
    }

    /// Waits until the printable guides a rebuild left for after its pages
    /// are set (its `guides in …` line, or a quiet spell when none were left),
    /// so that the next edit does not wait on them; then drops any extra
    /// rebuild a save may have caused.
    fn settle(&self) {
        while let Ok(line) = self.lines.recv_timeout(self.quiet) {
            if line.starts_with("guides in ") {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(80));
        while self.lines.try_recv().is_ok() {}
    }

    fn stop(mut self) {
        let pid = nix::unistd::Pid::from_raw(self.child.id() as i32);
        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT);
        let _ = self.child.wait();
    }
}
