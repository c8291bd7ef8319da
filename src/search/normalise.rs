//! Folding text so that the spellings a reader might type match the spellings
//! a guide prints: full-/half-width (NFKC), katakana and hiragana, small kana,
//! long-vowel marks and dashes, upper and lower case, digit grouping
//! (`7,000` ≡ `7000`) and the editors' spelling variants.
//!
//! The query side (`themes/default/search/search.js`) implements the same
//! steps in the same order; `tests/search/vectors.json` holds the cases both
//! test suites check, so the two cannot drift apart unnoticed.

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

use super::synonyms::{Replace, Synonyms};

/// Takes the characters of a text one at a time, as a stage of the folding does.
pub(crate) trait Sink {
    fn push(&mut self, c: char);
}

impl Sink for String {
    fn push(&mut self, c: char) {
        String::push(self, c);
    }
}

/// Normalises a text for indexing: the same folding the query engine applies.
#[cfg(test)]
pub(crate) fn normalise(text: &str, synonyms: &Synonyms) -> String {
    let mut out = String::with_capacity(text.len());
    normalise_to(text, synonyms, &mut out);
    out
}

/// Hands the characters of [`normalise`]`(text)` to `sink`, in one pass and
/// without building the text: folding, digit grouping and synonyms are
/// stages that each hold back only the few characters they must look past.
pub(crate) fn normalise_to<S: Sink>(text: &str, synonyms: &Synonyms, sink: &mut S) {
    let mut replace = Replace::new(synonyms, sink);
    let mut ungroup = Ungroup::new(&mut replace);
    fold_to(text, &mut ungroup);
    ungroup.finish();
    replace.finish();
}

/// Width, case and kana folding and digit grouping: [`normalise`] without the synonyms.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut ungroup = Ungroup::new(&mut out);
    fold_to(text, &mut ungroup);
    ungroup.finish();
    out
}

/// Width, case and kana folding, one source character at a time; a voice
/// mark joins the character before it, so that one is held back until the
/// next comes.
fn fold_to<S: Sink>(text: &str, sink: &mut S) {
    let mut held: Option<char> = None;
    let mut out = |c: char, held: &mut Option<char>| {
        if let Some(before) = held.replace(c) {
            sink.push(before);
        }
    };
    for c in text.chars() {
        if let Some(folded) = folds_alone(c) {
            out(folded, &mut held);
            continue;
        }
        let c = spacing_voice_mark(c);
        let mut one = [0u8; 4];
        for d in c.encode_utf8(&mut one).nfkc() {
            for d in d.to_lowercase() {
                let d = fold_char(d);
                if d == VOICED || d == SEMI_VOICED {
                    if let Some(prev) = held.as_mut()
                        && let Some(composed) = unicode_normalization::char::compose(*prev, d)
                    {
                        *prev = composed;
                    }
                    continue;
                }
                out(d, &mut held);
            }
        }
    }
    if let Some(last) = held {
        sink.push(last);
    }
}

/// The one character `c` folds to, where it folds to one that is not a
/// voice mark; `None` where it takes the general path.
fn folds_alone(c: char) -> Option<char> {
    if is_stable(c) {
        return Some(fold_char(c.to_ascii_lowercase()));
    }
    let n = c as usize;
    let at = match n {
        0x3000..=0x30FF => n - 0x3000,
        0xFF00..=0xFFEF => n - 0xFF00 + 0x100,
        _ => return None,
    };
    let folded = FOLDS.get_or_init(fold_table)[at];
    (folded != '\0').then_some(folded)
}

/// For the CJK symbols, kana and full-/half-width blocks, which most of a
/// Japanese text outside kanji is: what each character folds to when the
/// general path gives one character that is not a voice mark, else `'\0'`.
static FOLDS: OnceLock<Vec<char>> = OnceLock::new();

fn fold_table() -> Vec<char> {
    (0x3000..=0x30FF)
        .chain(0xFF00..=0xFFEF)
        .map(|n| {
            let c = spacing_voice_mark(char::from_u32(n).unwrap_or('\0'));
            let mut one = [0u8; 4];
            let folded: Vec<char> = c
                .encode_utf8(&mut one)
                .nfkc()
                .flat_map(char::to_lowercase)
                .map(fold_char)
                .collect();
            match folded[..] {
                [d] if d != VOICED && d != SEMI_VOICED => d,
                _ => '\0',
            }
        })
        .collect()
}

/// Characters that NFKC leaves alone and that have no other lower case than
/// ASCII's: most of a Japanese text, skipped past the costly general path.
fn is_stable(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{7E}' | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{4E00}'..='\u{9FFF}')
}

const VOICED: char = '\u{3099}';
const SEMI_VOICED: char = '\u{309A}';
/// The one mark every long-vowel and dash variant folds to.
pub(crate) const LONG_VOWEL: char = 'ー';

/// Spacing (゛゜) and half-width (ﾞﾟ) voice marks act like the combining ones.
fn spacing_voice_mark(c: char) -> char {
    match c {
        '\u{309B}' | '\u{FF9E}' => VOICED,
        '\u{309C}' | '\u{FF9F}' => SEMI_VOICED,
        other => other,
    }
}

/// Katakana to hiragana, small kana to full size, dashes to `ー`.
fn fold_char(c: char) -> char {
    let c = match c {
        '\u{30A1}'..='\u{30F6}' | '\u{30FD}' | '\u{30FE}' => {
            char::from_u32(c as u32 - 0x60).unwrap_or(c)
        }
        other => other,
    };
    match c {
        'ぁ' => 'あ',
        'ぃ' => 'い',
        'ぅ' => 'う',
        'ぇ' => 'え',
        'ぉ' => 'お',
        'っ' => 'つ',
        'ゃ' => 'や',
        'ゅ' => 'ゆ',
        'ょ' => 'よ',
        'ゎ' => 'わ',
        'ゕ' => 'か',
        'ゖ' => 'け',
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}' | '\u{FF70}' => LONG_VOWEL,
        c if c.is_whitespace() => ' ',
        other => other,
    }
}

/// Removes the comma of digit grouping, `7,000` → `7000` but `1,2` as it is:
/// a comma after a digit is held back with the digits after it until the
/// fourth character after it says whether it groups three digits.
struct Ungroup<'s, S> {
    sink: &'s mut S,
    /// The last character taken was an ASCII digit.
    after_digit: bool,
    /// A comma and up to three digits after it.
    held: [char; 4],
    len: usize,
}

impl<'s, S: Sink> Ungroup<'s, S> {
    fn new(sink: &'s mut S) -> Self {
        Ungroup {
            sink,
            after_digit: false,
            held: [','; 4],
            len: 0,
        }
    }

    /// Hands on what is held, the comma kept or not, then `next` if any.
    fn release(&mut self, comma: bool, next: Option<char>) {
        let (held, len) = (self.held, self.len);
        self.len = 0;
        self.after_digit = false;
        if comma {
            self.sink.push(',');
        }
        for &d in &held[1..len] {
            self.push(d);
        }
        if let Some(c) = next {
            self.push(c);
        }
    }

    fn finish(&mut self) {
        if self.len > 0 {
            self.release(self.len < 4, None);
        }
    }
}

impl<S: Sink> Sink for Ungroup<'_, S> {
    fn push(&mut self, c: char) {
        match self.len {
            0 if c == ',' && self.after_digit => {
                self.len = 1;
            }
            0 => {
                self.sink.push(c);
                self.after_digit = c.is_ascii_digit();
            }
            1..=3 if c.is_ascii_digit() => {
                self.held[self.len] = c;
                self.len += 1;
            }
            1..=3 => self.release(true, Some(c)),
            _ => self.release(c.is_ascii_digit(), Some(c)),
        }
    }
}

/// Removes the comma of digit grouping: `7,000` → `7000`, but `1,2` stays.
#[cfg(test)]
pub(crate) fn drop_digit_grouping(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut ungroup = Ungroup::new(&mut out);
    for c in text.chars() {
        ungroup.push(c);
    }
    ungroup.finish();
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Folding as first written: whole texts, one step after the other.
    fn reference(text: &str, synonyms: &Synonyms) -> String {
        let mut out: Vec<char> = Vec::new();
        for c in text.chars() {
            let c = spacing_voice_mark(c);
            let mut one = [0u8; 4];
            for d in c.encode_utf8(&mut one).nfkc() {
                for d in d.to_lowercase() {
                    let d = fold_char(d);
                    if d == VOICED || d == SEMI_VOICED {
                        if let Some(prev) = out.last_mut()
                            && let Some(composed) = unicode_normalization::char::compose(*prev, d)
                        {
                            *prev = composed;
                        }
                        continue;
                    }
                    out.push(d);
                }
            }
        }
        let digit = |j: usize| out.get(j).is_some_and(char::is_ascii_digit);
        let grouping = |i: usize| {
            out[i] == ','
                && i > 0
                && digit(i - 1)
                && digit(i + 1)
                && digit(i + 2)
                && digit(i + 3)
                && !digit(i + 4)
        };
        let ungrouped: String = (0..out.len())
            .filter(|&i| !grouping(i))
            .map(|i| out[i])
            .collect();
        synonyms.replace(&ungrouped)
    }

    /// Texts drawn from the characters folding treats apart, by a fixed-seed generator.
    pub(crate) fn texts() -> Vec<String> {
        let pieces = [
            "a",
            "B",
            "1",
            "7",
            "0",
            ",",
            " ",
            "　",
            "-",
            "ー",
            "－",
            "ｰ",
            "か",
            "カ",
            "ｶ",
            "ﾞ",
            "ﾟ",
            "゛",
            "゜",
            "\u{3099}",
            "は",
            "ハ",
            "ゃ",
            "ャ",
            "ｬ",
            "Ａ",
            "１",
            "，",
            "Ⅰ",
            "㍻",
            "①",
            "障がい",
            "障害",
            "障碍",
            "子ども",
            "子供",
            "ケア",
            "けあ",
            "加算",
            "(",
            "）",
            "、",
            "。",
            "ゝ",
            "ヽ",
            "ヾ",
            "ヴ",
            "ｳﾞ",
            "\n",
            "é",
            "Σ",
            "ß",
            "İ",
            "𠮷",
            "々",
            "〆",
            "ﾟﾟ",
            "ー,",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..3000)
            .map(|_| {
                let len = next() % 12;
                (0..len)
                    .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn one_pass_folds_as_the_steps_one_after_the_other() {
        let synonyms = Synonyms::from_groups(&[
            vec!["障害".into(), "障がい".into(), "障碍".into()],
            vec!["子供".into(), "子ども".into()],
            vec!["ケア".into(), "介護".into()],
        ]);
        for text in texts() {
            assert_eq!(
                normalise(&text, &synonyms),
                reference(&text, &synonyms),
                "{text:?}"
            );
            let none = Synonyms::default();
            assert_eq!(normalise(&text, &none), reference(&text, &none), "{text:?}");
        }
    }

    #[test]
    fn width_kana_and_case_fold_together() {
        assert_eq!(fold("ＰＤＦ"), "pdf");
        assert_eq!(fold("ケアマネージャー"), "けあまねーじやー");
        assert_eq!(fold("ｹｱﾏﾈｰｼﾞｬｰ"), "けあまねーじやー");
        assert_eq!(fold("加算（Ⅰ）"), "加算(i)");
    }

    #[test]
    fn digit_grouping_is_dropped_only_between_groups_of_three() {
        assert_eq!(drop_digit_grouping("7,000円"), "7000円");
        assert_eq!(drop_digit_grouping("30,000,000"), "30000000");
        assert_eq!(drop_digit_grouping("1,2"), "1,2");
        assert_eq!(drop_digit_grouping("1,23456"), "1,23456");
    }
}
