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
//!
//! A build makes millions of keys, most of them repeats, so a key is made as
//! one integer ([`Key`]) while the text streams by; only the distinct keys
//! of the whole index ever become strings, when the index is written.

use rustc_hash::FxHashMap as HashMap;

use super::normalise::{LONG_VOWEL, Sink};

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

/// A key of the index in one integer: one or two kana or kanji as their code
/// points, a word of up to seven bytes as its bytes, a longer word as its
/// number in a [`Words`] list. The two high bits say which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Key(u64);

const CJK: u64 = 1 << 62;
const SHORT: u64 = 2 << 62;
const LONG: u64 = 3 << 62;
const KIND: u64 = 3 << 62;
/// Bytes of a word packed into a key.
const SHORT_BYTES: usize = 7;

impl Key {
    fn cjk(first: char, second: Option<char>) -> Key {
        Key(CJK | (first as u64) << 21 | second.map_or(0, |c| c as u64))
    }

    /// A word packed as its bytes (none of which is zero), if it is short enough.
    fn short(word: &str) -> Option<Key> {
        if word.len() > SHORT_BYTES {
            return None;
        }
        let packed = word
            .bytes()
            .enumerate()
            .fold(0, |n, (i, b)| n | u64::from(b) << (8 * i));
        Some(Key(SHORT | packed))
    }

    pub(crate) fn long(n: u32) -> Key {
        Key(LONG | u64::from(n))
    }

    /// The number in the list of long words, for a long word's key.
    pub(crate) fn long_number(self) -> Option<u32> {
        (self.0 & KIND == LONG).then_some(self.0 as u32)
    }

    /// Appends the key's text to `out`; a long word's from `words`.
    pub(crate) fn push_text(self, words: &Words, out: &mut String) {
        match self.0 & KIND {
            CJK => {
                let code = |n: u64| char::from_u32((n & 0x1F_FFFF) as u32);
                out.extend(code(self.0 >> 21));
                if self.0 & 0x1F_FFFF != 0 {
                    out.extend(code(self.0));
                }
            }
            SHORT => {
                let bytes = self.0.to_le_bytes();
                let len = bytes[..SHORT_BYTES].iter().position(|&b| b == 0);
                let word = &bytes[..len.unwrap_or(SHORT_BYTES)];
                out.push_str(std::str::from_utf8(word).unwrap_or_default());
            }
            _ => out.push_str(words.get(self.0 as u32)),
        }
    }
}

/// Words too long to pack into a key, each once, numbered in the order met.
#[derive(Debug, Default, Clone)]
pub(crate) struct Words {
    text: String,
    /// Where each word ends in `text`.
    ends: Vec<u32>,
    numbers: HashMap<Box<str>, u32>,
}

impl Words {
    /// The number of `word`, numbering it if it is new.
    pub(crate) fn number(&mut self, word: &str) -> u32 {
        if let Some(&n) = self.numbers.get(word) {
            return n;
        }
        let n = self.ends.len() as u32;
        self.text.push_str(word);
        self.ends.push(self.text.len() as u32);
        self.numbers.insert(word.into(), n);
        n
    }

    pub(crate) fn get(&self, n: u32) -> &str {
        let n = n as usize;
        let start = if n == 0 { 0 } else { self.ends[n - 1] as usize };
        &self.text[start..self.ends[n] as usize]
    }
}

/// Cuts the characters of a normalised text into keys as they come, in the
/// order and with the repeats of a cut of the whole text. A long word's key
/// numbers it in the cutter's own [`Words`].
pub(crate) struct Cutter<'k> {
    keys: &'k mut Vec<Key>,
    words: &'k mut Words,
    /// The kind of the run under way.
    run: Class,
    /// The run before it was a word.
    after_word: bool,
    /// Characters of the run under way.
    len: usize,
    first: char,
    last: char,
    /// Every character of the run so far is the long-vowel mark.
    all_long: bool,
    word: String,
}

impl<'k> Cutter<'k> {
    pub(crate) fn new(keys: &'k mut Vec<Key>, words: &'k mut Words) -> Self {
        Cutter {
            keys,
            words,
            run: Class::Gap,
            after_word: false,
            len: 0,
            first: ' ',
            last: ' ',
            all_long: false,
            word: String::new(),
        }
    }

    /// Ends the run under way, as the end of a text does.
    pub(crate) fn finish(&mut self) {
        self.end_run(None);
        self.run = Class::Gap;
    }

    fn end_run(&mut self, next: Option<Class>) {
        match self.run {
            // A run of long-vowel marks alone says nothing.
            Class::Cjk if self.all_long => {}
            Class::Cjk if self.len == 1 => self.keys.push(Key::cjk(self.first, None)),
            Class::Cjk if next == Some(Class::Word) => self.keys.push(Key::cjk(self.last, None)),
            Class::Cjk | Class::Gap => {}
            Class::Word => {
                let key = match Key::short(&self.word) {
                    Some(key) => key,
                    None => Key::long(self.words.number(&self.word)),
                };
                self.keys.push(key);
            }
        }
    }

    /// The second character of a run, or the first after its leading long-vowel marks.
    fn open_pairs(&mut self) {
        if self.after_word {
            self.keys.push(Key::cjk(self.first, None));
        }
        for _ in 1..self.len {
            self.keys.push(Key::cjk(LONG_VOWEL, Some(LONG_VOWEL)));
        }
    }
}

impl Sink for Cutter<'_> {
    fn push(&mut self, c: char) {
        let kind = class(c);
        if kind != self.run {
            self.end_run(Some(kind));
            self.after_word = self.run == Class::Word;
            self.run = kind;
            self.len = 1;
            self.first = c;
            self.last = c;
            self.all_long = c == LONG_VOWEL;
            if kind == Class::Word {
                self.word.clear();
                self.word.push(c);
            }
            return;
        }
        match kind {
            Class::Cjk => {
                if self.all_long && c == LONG_VOWEL {
                    // Pairs of marks wait until the run proves to hold more.
                } else if self.all_long || self.len == 1 {
                    self.all_long = false;
                    self.open_pairs();
                    self.keys.push(Key::cjk(self.last, Some(c)));
                } else {
                    self.keys.push(Key::cjk(self.last, Some(c)));
                }
                self.len += 1;
                self.last = c;
            }
            Class::Word => self.word.push(c),
            Class::Gap => {}
        }
    }
}

/// The index keys of a normalised text, in order, repeats included.
#[cfg(test)]
pub(crate) fn tokens(text: &str) -> Vec<String> {
    let (mut keys, mut words) = (Vec::new(), Words::default());
    let mut cutter = Cutter::new(&mut keys, &mut words);
    for c in text.chars() {
        cutter.push(c);
    }
    cutter.finish();
    keys.iter()
        .map(|key| {
            let mut out = String::new();
            key.push_text(&words, &mut out);
            out
        })
        .collect()
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

    #[test]
    fn runs_of_long_vowel_marks_count_only_beside_kana() {
        assert_eq!(tokens("ーーあ"), ["ーー", "ーあ"]);
        assert_eq!(tokens("ーーーあ"), ["ーー", "ーー", "ーあ"]);
        assert_eq!(tokens("aーーあb"), ["a", "ー", "ーー", "ーあ", "あ", "b"]);
        assert_eq!(tokens("aーーb"), ["a", "b"]);
        assert_eq!(tokens("aあb"), ["a", "あ", "b"]);
    }

    /// Cutting as first written: the whole text's characters at hand.
    fn reference(text: &str) -> Vec<&str> {
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
                    } else if run.len() == 1 {
                        out.push(slice(start, end));
                    } else {
                        if start > 0 && class(chars[start - 1].1) == Class::Word {
                            out.push(slice(start, start + 1));
                        }
                        for i in start..end - 1 {
                            out.push(slice(i, i + 2));
                        }
                        if end < chars.len() && class(chars[end].1) == Class::Word {
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

    #[test]
    fn keys_come_as_a_cut_of_the_whole_text_gives_them() {
        let synonyms = crate::search::synonyms::Synonyms::default();
        for text in crate::search::normalise::tests::texts() {
            let text = crate::search::normalise::normalise(&text, &synonyms) + " ab12cdefghij ー ";
            assert_eq!(tokens(&text), reference(&text), "{text:?}");
        }
    }

    #[test]
    fn keys_give_back_their_text() {
        let mut words = Words::default();
        let long = Key::long(words.number("monitoring2025"));
        for (key, text) in [
            (Key::cjk('加', Some('算')), "加算"),
            (Key::cjk('𠮷', None), "𠮷"),
            (Key::short("pdf").unwrap(), "pdf"),
            (Key::short("ÀÀÀ").unwrap(), "ÀÀÀ"),
            (long, "monitoring2025"),
        ] {
            let mut out = String::new();
            key.push_text(&words, &mut out);
            assert_eq!(out, text);
        }
        assert!(Key::short("12345678").is_none());
        assert_eq!(long.long_number(), Some(0));
    }
}
