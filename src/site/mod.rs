//! The website renderer: turns the checked model into HTML pages.

use std::io;
use std::path::Path;

use crate::model::Guide;

/// Writes the guidebook website for every city into `out`.
pub fn render(guide: &Guide, out: &Path) -> io::Result<usize> {
    let mut pages = 0;
    for city in &guide.cities {
        let dir = out.join(city.id());
        std::fs::create_dir_all(&dir)?;
        let html = format!(
            "<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\"><title>{}</title><h1>{}</h1></html>\n",
            escape(&city.city.guide.title),
            escape(&city.city.name)
        );
        std::fs::write(dir.join("index.html"), html)?;
        pages += 1;
    }
    Ok(pages)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
