//! Folding text so that the spellings a reader might type match the spellings
//! a guide prints: full-/half-width (NFKC), katakana and hiragana, small kana,
//! long-vowel marks and dashes, upper and lower case, digit grouping
//! (`7,000` ≡ `7000`) and the editors' spelling variants.
//!
//! The query side (`themes/default/search/search.js`) implements the same
//! steps in the same order; `tests/search/vectors.json` holds the cases both
//! test suites check, so the two cannot drift apart unnoticed.

use unicode_normalization::UnicodeNormalization;

use super::synonyms::Synonyms;

/// Normalises a text for indexing: the same folding the query engine applies.
pub(crate) fn normalise(text: &str, synonyms: &Synonyms) -> String {
    let folded = fold(text);
    let grouped = drop_digit_grouping(&folded);
    synonyms.replace(&grouped)
}

/// Width, case and kana folding, one source character at a time.
pub(crate) fn fold(text: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        if is_stable(c) {
            out.push(fold_char(c.to_ascii_lowercase()));
            continue;
        }
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
    out.into_iter().collect()
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

/// Removes the comma of digit grouping: `7,000` → `7000`, but `1,2` stays.
pub(crate) fn drop_digit_grouping(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ',' && is_grouping_comma(&chars, i) {
            continue;
        }
        out.push(c);
    }
    out
}

fn is_grouping_comma(chars: &[char], i: usize) -> bool {
    let digit = |j: usize| chars.get(j).is_some_and(char::is_ascii_digit);
    i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4)
}

#[cfg(test)]
mod tests {
    use super::*;

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
