//! The common ways a TOML file goes wrong when typed with a Japanese input
//! method or copied from a word processor, named for what they are instead
//! of the reader's generic syntax fault: typographic quotes, a full-width
//! `＝` or `［`, a full-width space in a key, and a key typed below a
//! sub-header that belongs to the header above it.

use crate::diag::{Diagnostic, SourceFile};
use crate::messages::{Msg, Quoted};

/// Quotes a word processor or input method types in place of `"`.
const QUOTES: &[char] = &['“', '”', '‘', '’', '＂', '＇', '„', '«', '»'];

/// The trap on the line holding byte `offset`, where a syntax fault was
/// found, as a diagnostic at the character that caused it.
pub(super) fn on_line(source: &SourceFile, offset: usize) -> Option<Diagnostic> {
    let text = &source.text;
    let offset = offset.min(text.len());
    let start = text[..floor(text, offset)].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[start..end];
    let at = |i: usize| start + i;
    let trimmed = line.trim_start();
    if trimmed.starts_with('［') || trimmed.starts_with("[［") {
        let i = line.find('［')?;
        return Some(source.error(at(i)..at(i), Msg::FullWidthBracket));
    }
    if let Some((i, quote)) = line.char_indices().find(|(_, c)| QUOTES.contains(c)) {
        return Some(source.error(at(i)..at(i), Msg::TypographicQuote(Quoted(quote))));
    }
    if let Some(i) = line.find('＝') {
        return Some(source.error(at(i)..at(i), Msg::FullWidthEquals));
    }
    let key = line.split('=').next().unwrap_or("");
    if !key.trim_start().starts_with('#') {
        if let Some(i) = key.find('\u{3000}') {
            return Some(source.error(at(i)..at(i), Msg::FullWidthSpaceInKey));
        }
    }
    None
}

/// If `key`, unknown where it stands (byte `offset`), is a key of the table
/// whose header is the parent of the header it was typed under, the message
/// that says so; `probe` gives the keys of a table by its header path.
pub(super) fn under_wrong_header(
    source: &SourceFile,
    offset: usize,
    key: &str,
    probe: &dyn Fn(&[String]) -> Option<Vec<String>>,
) -> Option<Msg> {
    let text = &source.text[..floor(&source.text, offset)];
    let header = text
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))?;
    let (path, array) = header_path(header)?;
    if path.len() < 2 {
        return None;
    }
    let parent = &path[..path.len() - 1];
    let allowed = probe(parent)?;
    if !allowed.iter().any(|k| k == key) {
        return None;
    }
    let parent_text = parent.join(".");
    let parent_is_array = source
        .text
        .lines()
        .any(|l| header_path(l.trim()).is_some_and(|(p, a)| a && p == parent));
    let show = |p: &str, a: bool| {
        if a {
            format!("[[{p}]]")
        } else {
            format!("[{p}]")
        }
    };
    Some(Msg::KeyUnderWrongHeader {
        key: key.to_string(),
        under: show(&path.join("."), array),
        belongs: show(&parent_text, parent_is_array),
    })
}

/// The dotted path of a header line and whether it is `[[…]]`.
fn header_path(line: &str) -> Option<(Vec<String>, bool)> {
    let line = line.split('#').next()?.trim();
    let (inner, array) = match line.strip_prefix("[[") {
        Some(rest) => (rest.strip_suffix("]]")?, true),
        None => (line.strip_prefix('[')?.strip_suffix(']')?, false),
    };
    let path = inner
        .split('.')
        .map(|p| p.trim().trim_matches(['"', '\'']).to_string())
        .collect();
    Some((path, array))
}

fn floor(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trap(text: &str) -> Option<Msg> {
        let source = SourceFile::new("a.toml", text.to_string());
        on_line(&source, text.len() - 1).map(|d| d.message)
    }

    #[test]
    fn names_the_traps_of_japanese_typing() {
        assert_eq!(
            trap("name = “逗子市”\n"),
            Some(Msg::TypographicQuote(Quoted('“')))
        );
        assert_eq!(trap("id ＝ \"x\"\n"), Some(Msg::FullWidthEquals));
        assert_eq!(trap("［［qa］］\n"), Some(Msg::FullWidthBracket));
        assert_eq!(trap("title　= \"x\"\n"), Some(Msg::FullWidthSpaceInKey));
        assert_eq!(trap("title = \"全角　空白\" x\n"), None);
    }

    #[test]
    fn reads_header_paths() {
        assert_eq!(
            header_path("[[function.carrier]]"),
            Some((vec!["function".into(), "carrier".into()], true))
        );
        assert_eq!(
            header_path("[guide] # 手引き"),
            Some((vec!["guide".into()], false))
        );
    }
}
