//! `tebiki serve` end to end: a real server on a free port over a temporary
//! copy of the mini content (plus a second city), edited the way editors do,
//! and looked at over HTTP and on disk. Unix only: Ctrl-C is sent as SIGINT.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const PATIENCE: Duration = Duration::from_secs(15);

/// A content tree with two cities: `mini` (edited) and `other` (left alone).
fn content() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(ROOT).join("tests/fixtures/mini");
    for entry in walkdir::WalkDir::new(&fixture) {
        let entry = entry.unwrap();
        let target = dir
            .path()
            .join(entry.path().strip_prefix(&fixture).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let cities = dir.path().join("content/cities");
    let other = cities.join("other");
    for entry in walkdir::WalkDir::new(cities.join("mini")) {
        let entry = entry.unwrap();
        let target = other.join(entry.path().strip_prefix(cities.join("mini")).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    edit(&other.join("city.toml"), "id = \"mini\"", "id = \"other\"");
    dir
}

/// Replaces text in a file the way many editors save: a new file renamed over the old one.
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds {from:?}", path.display());
    let temp = path.with_file_name(".tebiki-test-save.tmp");
    std::fs::write(&temp, text.replacen(from, to, 1)).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

/// A running `tebiki serve`, stopped on drop if a test failed before stopping it.
struct Server {
    child: Child,
    port: u16,
    _stdout: mpsc::Receiver<String>,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tebiki"))
            .args(["--themes", concat!(env!("CARGO_MANIFEST_DIR"), "/themes")])
            .args(["serve", "--port", "0", "--as-of", "2024-10-01"])
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (tx, stdout) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + PATIENCE;
        let port = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = stdout
                .recv_timeout(left)
                .expect("tebiki serve printed where it serves");
            if let Some(at) = line.find("http://127.0.0.1:") {
                let rest = &line[at + "http://127.0.0.1:".len()..];
                break rest[..rest.find('/').unwrap()].parse().unwrap();
            }
        };
        Server {
            child,
            port,
            _stdout: stdout,
        }
    }

    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response[9..12].parse().unwrap();
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    fn status(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/__tebiki/status").1).unwrap()
    }

    fn generation(&self) -> u64 {
        self.status()["generation"].as_u64().unwrap()
    }

    /// Polls until a rebuild after `generation` finished and `done` holds.
    fn wait(&self, generation: u64, what: &str, done: impl Fn(&Server) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if self.generation() > generation && done(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting until {what}; status: {}", self.status());
    }

    /// Sends SIGINT (as Ctrl-C does) and returns how the process exited.
    fn interrupt(mut self) -> std::process::ExitStatus {
        let pid = nix::unistd::Pid::from_raw(self.child.id() as i32);
        nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).unwrap();
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "tebiki serve did not stop on SIGINT"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

/// An open event stream, as a browser page holds one.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET /__tebiki/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .unwrap();
        let mut events = Events(BufReader::new(stream));
        let first = events.next();
        assert!(first.starts_with("event: state"), "{first}");
        events
    }

    /// The next event (lines up to a blank one), skipping the HTTP head and keep-alives.
    fn next(&mut self) -> String {
        let mut event = String::new();
        loop {
            let mut line = String::new();
            assert!(self.0.read_line(&mut line).unwrap() > 0, "stream closed");
            if line.trim().is_empty() {
                if event.starts_with("event:") {
                    return event;
                }
                event.clear();
            } else {
                event.push_str(&line);
            }
        }
    }
}

#[test]
fn edits_rebuild_what_changed_and_a_broken_edit_keeps_the_last_good_site() {
    let dir = content();
    let site = dir.path().join("site");
    let server = Server::start(dir.path());
    let city = dir.path().join("content/cities/mini/city.toml");

    // The first build is served, with the reload script added on the way out only.
    let (status, page) = server.get("/mini/");
    assert_eq!(status, 200);
    assert!(page.contains("見本市 拠点ガイド"), "{page}");
    assert!(page.contains("/__tebiki/live.js"), "{page}");
    let on_disk = std::fs::read_to_string(site.join("mini/index.html")).unwrap();
    assert!(
        !on_disk.contains("__tebiki"),
        "no script in the output folder"
    );
    let (status, script) = server.get("/__tebiki/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));

    // An edit saved by rename updates its page and leaves the other city's page alone.
    let other = site.join("other/index.html");
    let other_mtime = mtime(&other);
    let generation = server.generation();
    edit(&city, "見本市 拠点ガイド", "見本市 新しいガイド");
    server.wait(generation, "the page shows the edit", |s| {
        s.get("/mini/").1.contains("見本市 新しいガイド")
    });
    assert_eq!(
        mtime(&other),
        other_mtime,
        "an unrelated page is not rewritten"
    );
    // The printable guide is set after the pages: wait for it, so that it is
    // not taken for what the next edit rewrote.
    server.wait(generation, "the guide is set again", |s| {
        s.status()["changed"]
            .as_array()
            .is_some_and(|files| files.iter().any(|f| f == "mini/mini-tebiki.pdf"))
    });

    // An edit that changes no value (a comment) renders nothing.
    let page_mtime = mtime(&site.join("mini/index.html"));
    let generation = server.generation();
    edit(&city, "[guide]", "# 編集メモ\n[guide]");
    server.wait(generation, "the comment edit is handled", |s| {
        s.status()["ok"] == true
    });
    assert_eq!(server.status()["changed"], serde_json::json!([]));
    assert_eq!(mtime(&site.join("mini/index.html")), page_mtime);

    // A broken edit: the page keeps the last good build and the report reaches the overlay.
    let mut events = Events::open(server.port);
    let generation = server.generation();
    edit(
        &city,
        "title = \"見本市 新しいガイド\"",
        "title = \"壊れた版\"\ntitel = \"x\"",
    );
    server.wait(generation, "the error is reported", |s| {
        s.status()["ok"] == false
    });
    let report = server.status()["report"].as_str().unwrap().to_string();
    assert!(
        report.contains("content/cities/mini/city.toml:12:1: error: unknown field `titel`"),
        "{report}"
    );
    let event = events.next();
    assert!(event.starts_with("event: state"), "{event}");
    assert!(event.contains("unknown field `titel`"), "{event}");
    let (status, page) = server.get("/mini/");
    assert_eq!(status, 200);
    assert!(
        page.contains("見本市 新しいガイド"),
        "the last good page: {page}"
    );
    assert!(!page.contains("壊れた版"));

    // Fixing it recovers the page and tells open pages to reload.
    let generation = server.generation();
    edit(&city, "\ntitel = \"x\"", "");
    server.wait(generation, "the fixed page is served", |s| {
        s.status()["ok"] == true && s.get("/mini/").1.contains("壊れた版")
    });
    let event = events.next();
    assert!(event.contains(r#""ok":true"#), "{event}");
    let event = events.next();
    assert!(event.starts_with("event: reload"), "{event}");
    assert!(event.contains("mini/index.html"), "{event}");
    assert_eq!(mtime(&other), other_mtime);

    // A renamed content file and a deleted city are handled.
    let pages = dir.path().join("content/cities/mini/pages");
    let generation = server.generation();
    std::fs::rename(pages.join("about.md"), pages.join("renamed.md")).unwrap();
    server.wait(generation, "the rename is rebuilt", |s| {
        s.status()["ok"] == true
    });
    let generation = server.generation();
    std::fs::remove_dir_all(dir.path().join("content/cities/other")).unwrap();
    server.wait(generation, "the deleted city's pages are gone", |s| {
        !other.exists() && s.get("/other/").0 == 404
    });
    assert_eq!(server.status()["ok"], true);
    assert_eq!(server.get("/mini/").0, 200);

    // Ctrl-C stops cleanly: exit 0 and no work folder left beside the site.
    drop(events);
    let status = server.interrupt();
    assert!(status.success(), "{status:?}");
    let leftovers: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("tebiki-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_busy_port_gets_a_clear_error() {
    let dir = content();
    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(["serve", "--port", &port])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("tebiki serve kept running on a busy port");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(!status.success());
    assert!(
        stderr.contains(&format!(
            "error: port {port} on 127.0.0.1 is already in use"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint:") && stderr.contains("--port"),
        "{stderr}"
    );
    assert!(!dir.path().join("site").exists(), "nothing was built");
}

#[test]
fn content_with_errors_at_start_still_serves_the_report() {
    let dir = content();
    edit(
        &dir.path().join("content/cities/mini/reference.toml"),
        "question =",
        "questoin =",
    );
    let server = Server::start(dir.path());
    let status = server.status();
    assert_eq!(status["ok"], false);
    assert!(
        status["report"]
            .as_str()
            .unwrap()
            .contains("content/cities/mini/reference.toml:4:1: error: unknown field `questoin`"),
        "{status}"
    );
    // No site yet: every page is the not-found page, which still carries the overlay script.
    let (code, page) = server.get("/mini/");
    assert_eq!(code, 404);
    assert!(page.contains("/__tebiki/live.js"));
    assert!(server.interrupt().success());
}

/// Sends `request` as it is and returns the whole response.
fn raw(port: u16, request: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

#[test]
fn only_local_hosts_and_reads_are_answered_and_redirects_stay_on_the_site() {
    let dir = content();
    let server = Server::start(dir.path());
    let port = server.port;
    let get = |path: &str, host: &str| {
        raw(
            port,
            &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
    };
    for host in [
        "evil.example",
        "evil.example:1111",
        "localhost.evil.example",
    ] {
        let response = get("/__tebiki/status", host);
        assert!(response.starts_with("HTTP/1.1 403"), "{host}: {response}");
        assert!(!response.contains("generation"), "{host} reads no state");
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let response = get("/mini/index.html", &host);
        assert!(response.starts_with("HTTP/1.1 200"), "{host}: {response}");
    }
    for path in ["//mini", "///mini", "/mini"] {
        let response = get(path, "127.0.0.1");
        assert!(response.starts_with("HTTP/1.1 301"), "{path}: {response}");
        assert!(
            response.contains("Location: /mini/\r\n"),
            "{path}: {response}"
        );
    }
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let response = raw(
            port,
            &format!(
                "{method} /mini/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            ),
        );
        assert!(response.starts_with("HTTP/1.1 405"), "{method}: {response}");
        assert!(
            response.contains("Allow: GET, HEAD"),
            "{method}: {response}"
        );
    }
    assert!(server.interrupt().success());
}

#[test]
fn a_client_that_never_reads_holds_up_no_other_client_and_no_rebuild() {
    let dir = content();
    let server = Server::start(dir.path());
    let port = server.port;
    // A page whose tab froze: its event stream is open and never read.
    let mut frozen = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        frozen,
        "GET /__tebiki/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    // A client that sends many requests on one connection and reads none of the answers.
    let mut greedy = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let many = "GET /mini/index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".repeat(4000);
    greedy.write_all(many.as_bytes()).unwrap();

    let generation = server.generation();
    edit(
        &dir.path().join("content/cities/mini/reference.toml"),
        "見本市です。",
        "見本市です（改）。",
    );
    let deadline = Instant::now() + PATIENCE;
    while server.generation() == generation {
        assert!(
            Instant::now() < deadline,
            "the rebuild waited on a frozen page"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    for _ in 0..5 {
        let asked = Instant::now();
        let (code, _) = server.get("/mini/index.html");
        assert_eq!(code, 200);
        assert!(
            asked.elapsed() < Duration::from_secs(2),
            "another client waited {:?}",
            asked.elapsed()
        );
    }
    drop((frozen, greedy));
    assert!(server.interrupt().success());
}

#[test]
fn content_deleted_and_restored_is_served_again() {
    let dir = content();
    let server = Server::start(dir.path());
    let content = dir.path().join("content");
    let kept = dir.path().join("kept-content");
    let generation = server.generation();
    std::fs::rename(&content, &kept).unwrap();
    server.wait(generation, "the missing content is reported", |s| {
        s.status()["ok"] == false
    });
    let generation = server.generation();
    std::fs::rename(&kept, &content).unwrap();
    server.wait(generation, "the restored content builds", |s| {
        s.status()["ok"] == true
    });
    let generation = server.generation();
    edit(
        &content.join("cities/mini/reference.toml"),
        "見本市です。",
        "見本市です（戻った）。",
    );
    server.wait(generation, "an edit after the restore is seen", |s| {
        s.get("/mini/reference/qa.html").1.contains("戻った")
            || s.get("/mini/qa.html").1.contains("戻った")
    });
    assert!(server.interrupt().success());
}
