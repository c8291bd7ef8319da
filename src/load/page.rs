//! Prose pages: Markdown files that start with TOML front matter between
//! `+++` lines.

use std::path::Path;

use crate::diag::{Diagnostics, SourceFile};
use crate::messages::Msg;
use crate::model::{Guide, Markdown, Page, PageMeta};

use super::{TomlFile, read};

/// Reads one page; `None` (with a diagnostic) if its front matter is missing or bad.
pub(super) fn load(path: &Path, guide: &mut Guide, diags: &mut Diagnostics) -> Option<Page> {
    let file = read(path, guide, diags)?;
    let source = &guide.sources[file];
    let text = &source.text;
    let Some(after_open) = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
    else {
        diags.push(source.error(0..0, Msg::NoFrontMatter));
        return None;
    };
    let open_len = text.len() - after_open.len();
    let Some(close) = after_open.find("\n+++") else {
        diags.push(source.error(0..0, Msg::FrontMatterNotClosed));
        return None;
    };
    let meta_end = open_len + close + 1;
    // Keep byte offsets of the original file so diagnostics point at real lines.
    let masked = format!(
        "{}{}",
        " ".repeat(open_len - 1) + "\n",
        &text[open_len..meta_end]
    );
    let meta_source = SourceFile::new(&source.path, masked);
    let meta: PageMeta =
        TomlFile::parse(&meta_source, diags).into_whole(diags, &mut guide.unreadable)?;
    let rest = &text[meta_end..];
    let body_start = meta_end + rest.find('\n').map_or(rest.len(), |i| i + 1);
    Some(Page {
        meta,
        body: Markdown(text[body_start..].to_string()),
        body_offset: body_start,
        file,
    })
}
