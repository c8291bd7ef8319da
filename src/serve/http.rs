//! The local web server: files of the served folder as they are on disk,
//! with the live-reload script added to HTML responses on the way out, and
//! three endpoints under `/__tebiki/` (the script, its event stream, and the
//! state of the last rebuild as JSON).

use std::io::{self, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::{Component, Path, PathBuf};

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use super::live::{self, Hub};

/// Where the endpoints live; no built page can be there, as no content id starts with `_`.
pub(crate) const PREFIX: &str = "/__tebiki/";

/// Why the server could not start.
#[derive(Debug)]
pub(crate) enum StartError {
    /// Another program listens on the port.
    PortInUse(u16),
    /// Any other reason the port could not be opened.
    Io(u16, io::Error),
}

/// A server bound to 127.0.0.1, serving one folder.
pub(crate) struct Http {
    server: Server,
    root: PathBuf,
    hub: Hub,
}

impl Http {
    /// Opens the port (0 picks a free one); fails at once if it is taken.
    pub(crate) fn bind(port: u16, root: &Path, hub: Hub) -> Result<Http, StartError> {
        let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
            if e.kind() == io::ErrorKind::AddrInUse {
                StartError::PortInUse(port)
            } else {
                StartError::Io(port, e)
            }
        })?;
        // Accepted connections inherit the send timeout on Linux: a client
        // that stops reading makes its own response fail, not stall.
        #[cfg(target_os = "linux")]
        let _ = rustix::net::sockopt::set_socket_timeout(
            &listener,
            rustix::net::sockopt::Timeout::Send,
            Some(SEND_TIMEOUT),
        );
        let server = Server::from_listener(listener, None)
            .map_err(|e| StartError::Io(port, io::Error::other(e.to_string())))?;
        Ok(Http {
            server,
            root: root.to_path_buf(),
            hub,
        })
    }

    /// The address actually bound.
    pub(crate) fn addr(&self) -> Option<SocketAddr> {
        self.server.server_addr().to_ip()
    }

    /// Answers requests until [`Http::stop`] is called from another thread.
    /// Each connection is answered by a thread of its own, in order: a
    /// client that stops reading holds up only its own connection, whose
    /// waiting requests are dropped once a write to it fails or times out.
    pub(crate) fn run(self: &Arc<Self>) {
        let connections: Arc<Mutex<HashMap<SocketAddr, VecDeque<Request>>>> = Arc::default();
        for request in self.server.incoming_requests() {
            let Some(peer) = request.remote_addr().copied() else {
                self.answer(request);
                continue;
            };
            let mut open = connections.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(waiting) = open.get_mut(&peer) {
                // Its thread is busy with an earlier request of the same
                // connection. Nothing is dropped here: dropping a request
                // writes an answer to its client, which may block.
                waiting.push_back(request);
                continue;
            }
            if open.len() >= MAX_BUSY {
                drop(open);
                std::thread::spawn(move || drop(request));
                continue;
            }
            open.insert(peer, VecDeque::new());
            drop(open);
            let (http, shared) = (Arc::clone(self), Arc::clone(&connections));
            let spawned = std::thread::Builder::new()
                .name("tebiki-http".into())
                .spawn(move || {
                    let mut next = Some(request);
                    while let Some(request) = next.take() {
                        let reading = http.answer(request);
                        let mut open = shared.lock().unwrap_or_else(|e| e.into_inner());
                        let waiting = open.get_mut(&peer);
                        next = match waiting {
                            Some(waiting) if reading && waiting.len() <= MAX_WAITING => {
                                waiting.pop_front()
                            }
                            _ => None,
                        };
                        if next.is_none() {
                            // Its client stopped reading or sent more than
                            // it waits for: the rest are dropped on this
                            // thread, which alone may wait on that client.
                            let rest = open.remove(&peer);
                            drop(open);
                            drop(rest);
                        }
                    }
                });
            if spawned.is_err() {
                connections
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .remove(&peer);
            }
        }
    }

    /// Makes [`Http::run`] return.
    pub(crate) fn stop(&self) {
        self.server.unblock();
    }

    /// Answers one request; false if the client stopped reading.
    fn answer(&self, request: Request) -> bool {
        if !matches!(request.method(), Method::Get | Method::Head) {
            let mut response = plain("この操作はできません (405)\n", 405);
            if let Ok(h) = Header::from_bytes("Allow", "GET, HEAD") {
                response.add_header(h);
            }
            return respond(request, response.boxed());
        }
        let host = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_string());
        if host.is_some_and(|host| !is_local_host(&host)) {
            // A page of another site reaching this server by DNS rebinding.
            return respond(
                request,
                plain("このホスト名では開けません (403)\n", 403).boxed(),
            );
        }
        let url = request.url().to_string();
        let path = url.split(['?', '#']).next().unwrap_or("/");
        if let Some(endpoint) = path.strip_prefix(PREFIX) {
            return self.endpoint(request, endpoint);
        }
        let Some(rel) = decode(path) else {
            return respond(request, not_found());
        };
        let mut file = self.root.join(&rel);
        if file.is_dir() {
            if !path.ends_with('/') {
                // Relative links in an index page only resolve under a trailing slash.
                // One leading slash: `//x/` would be another host's address.
                let local = format!("/{}/", path.trim_start_matches('/'));
                let header = Header::from_bytes("Location", local).ok();
                let mut response = Response::empty(StatusCode(301));
                if let Some(h) = header {
                    response.add_header(h);
                }
                return respond(request, response.boxed());
            }
            file = file.join("index.html");
        }
        match std::fs::read(&file) {
            Ok(bytes) => {
                let kind = content_type(&file);
                let body = if kind.starts_with("text/html") {
                    inject(&bytes)
                } else {
                    bytes
                };
                respond(request, with_type(Response::from_data(body), kind).boxed())
            }
            Err(_) => respond(request, not_found()),
        }
    }

    fn endpoint(&self, request: Request, name: &str) -> bool {
        match name {
            "live.js" => {
                let response = Response::from_data(live::SCRIPT.as_bytes().to_vec());
                respond(
                    request,
                    with_type(response, "text/javascript; charset=utf-8").boxed(),
                )
            }
            "status" => {
                let response = Response::from_data(live::status(&self.hub.state()).into_bytes());
                respond(request, with_type(response, "application/json").boxed())
            }
            "events" => {
                let mut stream = request.into_writer();
                let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                            Cache-Control: no-store\r\nConnection: close\r\n\r\n";
                let sent = stream.write_all(head.as_bytes()).is_ok();
                if sent {
                    self.hub.connect(stream);
                }
                sent
            }
            _ => respond(request, not_found()),
        }
    }
}

/// How long writing to a client may block before its connection is dropped.
pub(crate) const SEND_TIMEOUT: Duration = Duration::from_secs(5);

/// Connections answered at once; requests of further ones are dropped.
const MAX_BUSY: usize = 256;

/// Requests of one connection that may wait behind the one being answered.
const MAX_WAITING: usize = 32;

/// True for a `Host` header naming this machine's loopback: `localhost`
/// (and names below it), `127.x.x.x` or `[::1]`, with any port.
pub(crate) fn is_local_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or_default()
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name == "::1"
        || name
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn plain(text: &str, status: u16) -> Response<io::Cursor<Vec<u8>>> {
    with_type(
        Response::from_data(text.as_bytes().to_vec()),
        "text/plain; charset=utf-8",
    )
    .with_status_code(status)
}

/// Sends a response; false if the client went away or stopped reading (a
/// browser that left mid-response is not an error worth a line).
fn respond(request: Request, response: tiny_http::ResponseBox) -> bool {
    request.respond(response).is_ok()
}

fn with_type<R: io::Read>(response: Response<R>, kind: &str) -> Response<R> {
    let mut response = response;
    for (name, value) in [("Content-Type", kind), ("Cache-Control", "no-store")] {
        if let Ok(h) = Header::from_bytes(name, value) {
            response.add_header(h);
        }
    }
    response
}

fn not_found() -> tiny_http::ResponseBox {
    let page = "<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\">\
                <title>ページがありません</title><h1>ページがありません (404)</h1>\
                <p>このページは今のビルドにありません。</p></html>\n";
    with_type(
        Response::from_data(inject(page.as_bytes())),
        "text/html; charset=utf-8",
    )
    .with_status_code(404)
    .boxed()
}

/// The page with the live-reload script added before its last `</body>`, or at
/// the end. Every byte before it stays where the build wrote it: the search
/// index records where each entry lies in a page's HTML, and the engine cuts
/// served pages at those offsets, so a script added earlier in the page would
/// shift every snippet onto markup.
pub(crate) fn inject(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{PREFIX}live.js\" defer></script>");
    let lower = html.to_ascii_lowercase();
    let at = rfind(&lower, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The URL path as a relative file path, percent-decoded; none if it tries to leave the root.
pub(crate) fn decode(path: &str) -> Option<PathBuf> {
    let bytes = path.as_bytes();
    let mut raw = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            raw.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            raw.push(bytes[i]);
            i += 1;
        }
    }
    let text = String::from_utf8(raw).ok()?;
    let rel = PathBuf::from(text.trim_start_matches('/'));
    rel.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(rel)
}

fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "webmanifest" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_end_of_body_or_at_the_end() {
        let tag = "<script src=\"/__tebiki/live.js\" defer></script>";
        let html = "<html><HEAD><title>t</title></HEAD><body>x<p>&lt;/body&gt;</p></BODY></html>";
        let page = String::from_utf8(inject(html.as_bytes())).unwrap();
        assert_eq!(
            page,
            format!(
                "<html><HEAD><title>t</title></HEAD><body>x<p>&lt;/body&gt;</p>{tag}</BODY></html>"
            )
        );
        // What the search index points into (anything before `</body>`) keeps its offsets.
        let end = html.rfind("</BODY>").unwrap();
        assert_eq!(&page[..end], &html[..end]);
        let page = inject("<h1>見本</h1>".as_bytes());
        assert_eq!(
            String::from_utf8(page).unwrap(),
            format!("<h1>見本</h1>{tag}")
        );
    }

    #[test]
    fn only_loopback_host_names_are_local() {
        for host in [
            "localhost",
            "localhost:1111",
            "LOCALHOST.",
            "app.localhost:80",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.1.2.3:8",
            "[::1]:1111",
            "[::1]",
        ] {
            assert!(is_local_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "10.0.0.1",
            "[::2]:1111",
            "",
        ] {
            assert!(!is_local_host(host), "{host}");
        }
    }

    #[test]
    fn paths_are_decoded_and_may_not_leave_the_root() {
        assert_eq!(
            decode("/mini/index.html"),
            Some(PathBuf::from("mini/index.html"))
        );
        assert_eq!(decode("/%E8%A6%8B.html"), Some(PathBuf::from("見.html")));
        assert_eq!(decode("/"), Some(PathBuf::from("")));
        assert_eq!(decode("/../etc/passwd"), None);
        assert_eq!(decode("/a/%2e%2e/%2e%2e/x"), None);
        assert_eq!(decode("/bad%zz"), None);
        assert_eq!(decode("/cut%e"), None);
    }
}
