//! What a site needs once it is published on the web, besides its pages:
//! `sitemap.xml` (with the base URL, as a sitemap holds absolute addresses),
//! `robots.txt` pointing at it, and the facts each page's footer names — who
//! publishes the city's guide, how to reach them, and when the guide was last
//! updated, taken from the content's own dates and never from the clock.

use std::io;
use std::path::Path;

use serde::Serialize;

use super::paths::of;
use crate::model::{Date, Municipality};

/// Who publishes a city's guide and how to reach them, as the content says it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Publisher {
    /// The publisher as `city.toml` names it (`逗子市福祉部障がい福祉課`).
    pub name: String,
    /// The office to contact, when the content lists it among the organisations.
    pub office: Option<String>,
    pub phone: Option<String>,
    /// `tel:` link of the phone number, when the number is complete.
    pub tel: Option<String>,
    pub address: Option<String>,
}

/// The publisher of `city`'s guide: the organisation of that name, or, when
/// the publisher is the municipality itself, its one municipal office.
pub(crate) fn publisher(city: &Municipality) -> Publisher {
    let name = city.city.guide.publisher.clone();
    let named = city.organisations.iter().find(|o| o.name == name);
    let office = named.or_else(|| {
        if name != city.city.name {
            return None;
        }
        let mut offices = city
            .organisations
            .iter()
            .filter(|o| o.role.get_ref() == "shichoson");
        let first = offices.next()?;
        offices.next().is_none().then_some(first)
    });
    Publisher {
        office: office.filter(|o| o.name != name).map(|o| o.name.clone()),
        phone: office.and_then(|o| o.phone.clone()),
        tel: office.and_then(|o| o.phone.as_deref()).and_then(tel),
        address: office.and_then(|o| o.address.clone()),
        name,
    }
}

/// The day the city's guide was last updated, by its own record: the latest
/// entry of its revision history, or the date it was issued; none if the
/// content gives neither.
pub(crate) fn updated(city: &Municipality) -> Option<Date> {
    city.city
        .history
        .iter()
        .map(|h| *h.date.get_ref())
        .chain(city.city.guide.issued)
        .max()
}

/// A `tel:` link for a phone number written in a guide (`0154-38-1181`,
/// `０１５４（３８）１１８１`), or none when the number is not complete: a
/// number without its area code (`366-2600`) cannot be dialled from a mobile
/// phone, and the code is not ours to add. Three-digit numbers (189) are kept.
pub(crate) fn tel(phone: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let plain: String = phone.nfkc().collect();
    if plain
        .chars()
        .any(|c| !(c.is_ascii_digit() || " -()‐－ー".contains(c)))
    {
        return None;
    }
    let digits: String = plain.chars().filter(char::is_ascii_digit).collect();
    let complete = (digits.starts_with('0') && (10..=11).contains(&digits.len()))
        || (digits.len() == 3 && digits.starts_with('1'));
    complete.then(|| format!("tel:{digits}"))
}

/// One page of the sitemap: its site path and, if known, when it was updated.
pub(crate) struct Entry {
    pub path: String,
    pub updated: Option<Date>,
}

/// Writes `robots.txt`, and `sitemap.xml` when the site's address is known.
pub(crate) fn write_files(out: &Path, base_url: Option<&str>, pages: &[Entry]) -> io::Result<()> {
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = base_url {
        let base = base.trim_end_matches('/');
        robots.push_str(&format!("Sitemap: {base}/sitemap.xml\n"));
        std::fs::write(out.join("sitemap.xml"), sitemap(base, pages))?;
    }
    std::fs::write(out.join("robots.txt"), robots)
}

/// The sitemap of `pages` (sorted by path) under `base` (without a trailing `/`).
fn sitemap(base: &str, pages: &[Entry]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        if page.path == of::not_found() {
            continue;
        }
        xml.push_str("<url><loc>");
        xml.push_str(&escape(&format!("{base}/{}", page.path)));
        xml.push_str("</loc>");
        if let Some(date) = page.updated {
            xml.push_str(&format!("<lastmod>{}</lastmod>", date.iso()));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_complete_numbers_become_tel_links() {
        assert_eq!(tel("0154-38-1181").as_deref(), Some("tel:0154381181"));
        assert_eq!(
            tel("０５９（３５４）８５２７").as_deref(),
            Some("tel:0593548527")
        );
        assert_eq!(tel("090-1234-5678").as_deref(), Some("tel:09012345678"));
        assert_eq!(tel("189").as_deref(), Some("tel:189"));
        assert_eq!(tel("366-2600"), None, "no area code");
        assert_eq!(tel("0154-38-1181（平日）"), None, "text beside the number");
        assert_eq!(tel(""), None);
    }

    #[test]
    fn the_sitemap_lists_pages_with_their_dates_and_escapes_addresses() {
        let pages = [
            Entry {
                path: "index.html".into(),
                updated: None,
            },
            Entry {
                path: "a&b/index.html".into(),
                updated: Date::new(2023, 4, Some(1)),
            },
            Entry {
                path: of::not_found(),
                updated: None,
            },
        ];
        let xml = sitemap("https://example.jp/tebiki", &pages);
        assert!(xml.contains("<url><loc>https://example.jp/tebiki/index.html</loc></url>"));
        assert!(xml.contains(
            "<loc>https://example.jp/tebiki/a&amp;b/index.html</loc><lastmod>2023-04-01</lastmod>"
        ));
        assert!(
            !xml.contains("404"),
            "the missing-page page is no page to index"
        );
    }
}
