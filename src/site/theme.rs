//! A theme folder (`themes/default/`): tera templates in `templates/`, and
//! static files in `static/` that are copied to `assets/` of the site.

use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// A loaded theme: compiled templates and the static files to copy.
pub struct Theme {
    pub templates: tera::Tera,
    statics: Vec<(PathBuf, String)>,
    root: PathBuf,
}

/// Where the theme's static files land in the site.
pub const ASSETS: &str = "assets";

impl Theme {
    /// Reads and compiles every template of the theme in `dir`.
    pub fn load(dir: &Path) -> io::Result<Theme> {
        let templates_dir = dir.join("templates");
        if !templates_dir.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("theme templates not found in {}", templates_dir.display()),
            ));
        }
        let mut sources = Vec::new();
        for (path, name) in files(&templates_dir) {
            sources.push((name, std::fs::read_to_string(&path)?));
        }
        let mut templates = tera::Tera::default();
        templates.autoescape_on(vec![".html"]);
        templates.set_escape_fn(escape_html);
        templates
            .add_raw_templates(sources)
            .map_err(|e| io::Error::other(format!("theme {}: {}", dir.display(), chain(&e))))?;
        Ok(Theme {
            templates,
            statics: files(&dir.join("static")),
            root: dir.to_path_buf(),
        })
    }

    /// Renders one template with its data.
    pub fn render(&self, template: &str, context: &tera::Context) -> io::Result<String> {
        self.templates.render(template, context).map_err(|e| {
            io::Error::other(format!(
                "theme {}: template {template}: {}",
                self.root.display(),
                chain(&e)
            ))
        })
    }

    /// Copies the static files into `out/assets/`.
    pub fn copy_static(&self, out: &Path) -> io::Result<()> {
        for (path, name) in &self.statics {
            let target = out.join(ASSETS).join(name);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::copy(path, target)?;
        }
        Ok(())
    }
}

/// Files below `dir` with their `/`-separated names relative to it, sorted.
fn files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut found: Vec<(PathBuf, String)> = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Some((e.path().to_path_buf(), name))
        })
        .collect();
    found.sort_by(|a, b| a.1.cmp(&b.1));
    found
}

/// Escapes text for HTML content and quoted attributes; unlike tera's default it
/// leaves `/` alone, so URLs stay readable in the output.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A tera error with its causes, which hold the useful part (line, variable).
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
