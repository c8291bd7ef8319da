//! Cutting normalised text into the keys of the index. Japanese has no spaces,
//! so runs of kana and kanji become overlapping character pairs (bigrams):
//! any substring of two or more characters of a query is then found wherever
//! it occurs, "加算" inside "加算(i)" included. A run of one character is kept
//! as itself. Latin letters and digits form words, as in other languages.
//! Where a run touches a number ("65歳到達", "令和6年"), the character next to
//! the number is also kept on its own, so "65歳" finds "65歳到達時" and
//! "7000円" finds "7000円/人".
//!
//! `themes/default/search/search.js` cuts queries the same way.

use super::normalise::LONG_VOWEL;

/// What kind of run a character belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Cjk,
    Word,
    Gap,
}

fn class(c: char) -> Class {
    if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Gap
    }
}

/// Kana, kanji, the iteration marks and the long-vowel mark.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3005}' | '\u{3006}' | '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

/// The index keys of a normalised text, in order, repeats included.
#[cfg(test)]
pub(crate) fn tokens(text: &str) -> Vec<String> {
    token_slices(text).into_iter().map(str::to_string).collect()
}

/// The keys as [`tokens`] gives them, as slices of `text`: every key is a
/// run of characters of the text, so none needs a copy until it is kept.
pub(crate) fn token_slices(text: &str) -> Vec<&str> {
    // Each character with its byte offset, and the end of the text as the last offset.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let slice = |from: usize, to: usize| &text[at(from)..at(to)];
    let mut out = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let kind = class(chars[start].1);
        let mut end = start + 1;
        while end < chars.len() && class(chars[end].1) == kind {
            end += 1;
        }
        match kind {
            Class::Cjk => {
                let run = &chars[start..end];
                if run.iter().all(|&(_, c)| c == LONG_VOWEL) {
                    // A run of long-vowel marks alone says nothing.
                } else if run.len() == 1 {
                    out.push(slice(start, end));
                } else {
                    let after_word = start > 0 && class(chars[start - 1].1) == Class::Word;
                    let before_word = end < chars.len() && class(chars[end].1) == Class::Word;
                    if after_word {
                        out.push(slice(start, start + 1));
                    }
                    for i in start..end - 1 {
                        out.push(slice(i, i + 2));
                    }
                    if before_word {
                        out.push(slice(end - 1, end));
                    }
                }
            }
            Class::Word => out.push(slice(start, end)),
            Class::Gap => {}
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_runs_become_bigrams_and_words_stay_whole() {
        assert_eq!(tokens("加算(i)"), ["加算", "i"]);
        assert_eq!(tokens("月4回"), ["月", "4", "回"]);
        assert_eq!(tokens("相談強化"), ["相談", "談強", "強化"]);
        assert_eq!(tokens("65歳到達"), ["65", "歳", "歳到", "到達"]);
        assert_eq!(tokens("pdf ー 7000円"), ["pdf", "7000", "円"]);
    }
}
