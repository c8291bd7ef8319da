//! The local web server: files of the served folder as they are on disk,
//! with the live-reload script added to HTML responses on the way out, and
//! three endpoints under `/__tebiki/` (the script, its event stream, and the
//! state of the last rebuild as JSON).

use std::io::{self, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::{Component, Path, PathBuf};

use tiny_http::{Header, Request, Response, Server, StatusCode};

use super::live::{self, Hub};

/// Where the endpoints live; no built page can be there, as no content id starts with `_`.
pub const PREFIX: &str = "/__tebiki/";

/// Why the server could not start.
#[derive(Debug)]
pub enum StartError {
    /// Another program listens on the port.
    PortInUse(u16),
    /// Any other reason the port could not be opened.
    Io(u16, io::Error),
}

/// A server bound to 127.0.0.1, serving one folder.
pub struct Http {
    server: Server,
    root: PathBuf,
    hub: Hub,
}

impl Http {
    /// Opens the port (0 picks a free one); fails at once if it is taken.
    pub fn bind(port: u16, root: &Path, hub: Hub) -> Result<Http, StartError> {
        let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
            if e.kind() == io::ErrorKind::AddrInUse {
                StartError::PortInUse(port)
            } else {
                StartError::Io(port, e)
            }
        })?;
        let server = Server::from_listener(listener, None)
            .map_err(|e| StartError::Io(port, io::Error::other(e.to_string())))?;
        Ok(Http {
            server,
            root: root.to_path_buf(),
            hub,
        })
    }

    /// The address actually bound.
    pub fn addr(&self) -> Option<SocketAddr> {
        self.server.server_addr().to_ip()
    }

    /// Answers requests until [`Http::stop`] is called from another thread.
    pub fn run(&self) {
        for request in self.server.incoming_requests() {
            self.answer(request);
        }
    }

    /// Makes [`Http::run`] return.
    pub fn stop(&self) {
        self.server.unblock();
    }

    fn answer(&self, request: Request) {
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
                let header = Header::from_bytes("Location", format!("{path}/")).ok();
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
                respond(request, with_type(Response::from_data(body), kind).boxed());
            }
            Err(_) => respond(request, not_found()),
        }
    }

    fn endpoint(&self, request: Request, name: &str) {
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
                if stream.write_all(head.as_bytes()).is_ok() {
                    self.hub.connect(stream);
                }
            }
            _ => respond(request, not_found()),
        }
    }
}

fn respond(request: Request, response: tiny_http::ResponseBox) {
    // A browser that went away mid-response is not an error worth a line.
    let _ = request.respond(response);
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
pub fn inject(html: &[u8]) -> Vec<u8> {
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
pub fn decode(path: &str) -> Option<PathBuf> {
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
