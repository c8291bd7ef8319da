//! A theme folder (`themes/default/`): tera templates in `templates/`, and
//! static files in `static/` that are copied to `assets/` of the site. The
//! default theme is also built into the binary.

use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// A loaded theme: compiled templates and the static files to copy.
#[derive(Debug)]
pub(super) struct Theme {
    pub templates: tera::Tera,
    statics: Vec<(String, Vec<u8>)>,
    root: PathBuf,
}

/// The default theme, built into the binary so that `tebiki build` works in a
/// folder without `themes/`; a `themes/default/` folder on disk takes its place.
const BUILT_IN_TEMPLATES: &[(&str, &str)] = &[
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "accessibility.html",
        include_str!("../../themes/default/templates/accessibility.html"),
    ),
    (
        "accessibility_results.html",
        include_str!("../../themes/default/templates/accessibility_results.html"),
    ),
    (
        "addon.html",
        include_str!("../../themes/default/templates/addon.html"),
    ),
    (
        "addon_cited.html",
        include_str!("../../themes/default/templates/addon_cited.html"),
    ),
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "city.html",
        include_str!("../../themes/default/templates/city.html"),
    ),
    (
        "city_addons.html",
        include_str!("../../themes/default/templates/city_addons.html"),
    ),
    (
        "compare_city.js",
        include_str!("../../themes/default/templates/compare_city.js"),
    ),
    (
        "comparison.html",
        include_str!("../../themes/default/templates/comparison.html"),
    ),
    (
        "contacts.html",
        include_str!("../../themes/default/templates/contacts.html"),
    ),
    (
        "flow.html",
        include_str!("../../themes/default/templates/flow.html"),
    ),
    (
        "forms.html",
        include_str!("../../themes/default/templates/forms.html"),
    ),
    (
        "function.html",
        include_str!("../../themes/default/templates/function.html"),
    ),
    (
        "glossary.html",
        include_str!("../../themes/default/templates/glossary.html"),
    ),
    (
        "history.html",
        include_str!("../../themes/default/templates/history.html"),
    ),
    (
        "lists.html",
        include_str!("../../themes/default/templates/lists.html"),
    ),
    (
        "macros.html",
        include_str!("../../themes/default/templates/macros.html"),
    ),
    (
        "monitoring.html",
        include_str!("../../themes/default/templates/monitoring.html"),
    ),
    (
        "national.html",
        include_str!("../../themes/default/templates/national.html"),
    ),
    (
        "national_functions.html",
        include_str!("../../themes/default/templates/national_functions.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "portal.html",
        include_str!("../../themes/default/templates/portal.html"),
    ),
    (
        "qa.html",
        include_str!("../../themes/default/templates/qa.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "subsidies.html",
        include_str!("../../themes/default/templates/subsidies.html"),
    ),
    (
        "tables.html",
        include_str!("../../themes/default/templates/tables.html"),
    ),
    (
        "webform.html",
        include_str!("../../themes/default/templates/webform.html"),
    ),
    (
        "webform_macros.html",
        include_str!("../../themes/default/templates/webform_macros.html"),
    ),
];

/// The default theme's static files, as [`BUILT_IN_TEMPLATES`].
const BUILT_IN_STATIC: &[(&str, &[u8])] = &[
    (
        "compare.js",
        include_bytes!("../../themes/default/static/compare.js"),
    ),
    (
        "design-tokens.LICENSE",
        include_bytes!("../../themes/default/static/design-tokens.LICENSE"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
    (
        "pdf-lib.LICENSE",
        include_bytes!("../../themes/default/static/pdf-lib.LICENSE"),
    ),
    (
        "pdf-lib.min.js",
        include_bytes!("../../themes/default/static/pdf-lib.min.js"),
    ),
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "tokens.css",
        include_bytes!("../../themes/default/static/tokens.css"),
    ),
    (
        "webform.css",
        include_bytes!("../../themes/default/static/webform.css"),
    ),
    (
        "webform.js",
        include_bytes!("../../themes/default/static/webform.js"),
    ),
];

/// Where the theme's static files land in the site.
pub(super) const ASSETS: &str = "assets";

impl Theme {
    /// Reads and compiles every template of the theme in `dir`, or of the built-in
    /// default theme when `dir` does not exist.
    pub(super) fn load(dir: &Path) -> io::Result<Theme> {
        if !dir.exists() {
            let templates = BUILT_IN_TEMPLATES
                .iter()
                .map(|(name, text)| (name.to_string(), text.to_string()))
                .collect();
            let statics = BUILT_IN_STATIC
                .iter()
                .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
                .collect();
            return Theme::compile(Path::new("(built-in default theme)"), templates, statics);
        }
        let templates_dir = dir.join("templates");
        if !templates_dir.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("theme templates not found in {}", templates_dir.display()),
            ));
        }
        let mut templates = Vec::new();
        for (path, name) in files(&templates_dir) {
            let text = crate::load::file::read_text(&path, crate::load::file::SOURCE_LIMIT)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
            templates.push((name, text));
        }
        let mut statics = Vec::new();
        for (path, name) in files(&dir.join("static")) {
            let bytes = crate::load::file::read_limited(&path, crate::load::file::BINARY_LIMIT)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
            statics.push((name, bytes));
        }
        Theme::compile(dir, templates, statics)
    }

    fn compile(
        dir: &Path,
        sources: Vec<(String, String)>,
        statics: Vec<(String, Vec<u8>)>,
    ) -> io::Result<Theme> {
        let mut templates = tera::Tera::default();
        templates.autoescape_on(vec![".html"]);
        templates.set_escape_fn(escape_html);
        templates
            .add_raw_templates(sources)
            .map_err(|e| io::Error::other(format!("theme {}: {}", dir.display(), chain(&e))))?;
        Ok(Theme {
            templates,
            statics,
            root: dir.to_path_buf(),
        })
    }

    /// Renders one template with its data.
    /// The folder it was loaded from.
    pub(super) fn root(&self) -> &Path {
        &self.root
    }

    pub(super) fn render(&self, template: &str, context: &tera::Context) -> io::Result<String> {
        self.templates.render(template, context).map_err(|e| {
            io::Error::other(format!(
                "theme {}: template {template}: {}",
                self.root.display(),
                chain(&e)
            ))
        })
    }

    /// Copies the static files into `out/assets/`.
    pub(super) fn copy_static(&self, out: &Path) -> io::Result<()> {
        for (name, bytes) in &self.statics {
            let target = out.join(ASSETS).join(name);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(target, bytes)?;
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
/// The text between the characters it escapes is copied a run at a time (they
/// are all ASCII, so no UTF-8 sequence is cut): every value of every page passes here.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[from..at]);
        out.push_str(entity);
        from = at + 1;
    }
    out.push_str(&text[from..]);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_the_text_between_what_it_escapes() {
        assert_eq!(
            escape_html("障がい<b>&\"支援\"'/x>末"),
            "障がい&lt;b&gt;&amp;&quot;支援&quot;&#39;/x&gt;末"
        );
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("&"), "&amp;");
    }

    #[test]
    fn the_built_in_theme_is_the_default_theme_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk: Vec<String> = files(&dir.join("templates"))
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        let built_in: Vec<&str> = BUILT_IN_TEMPLATES.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            on_disk, built_in,
            "list every template in BUILT_IN_TEMPLATES"
        );
        let on_disk: Vec<String> = files(&dir.join("static"))
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        let built_in: Vec<&str> = BUILT_IN_STATIC.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            on_disk, built_in,
            "list every static file in BUILT_IN_STATIC"
        );
        Theme::load(Path::new("/no/such/theme")).expect("the built-in theme compiles");
    }
}
