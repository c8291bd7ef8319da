//! Official spelling variants that search treats as one word (障害/障がい/障碍,
//! 子供/子ども). Editors extend the table in `content/search/synonyms.toml`:
//!
//! ```toml
//! [[group]]
//! words = ["障害", "障がい", "障碍"]   # the first word stands for the group
//! note = "法令は「障害」、市の文書は「障がい」"  # optional
//! ```
//!
//! The table is applied after folding, to the index and to every query, by
//! replacing each variant with the first word of its group.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diag::{Diagnostics, SourceFile};
use crate::load::TomlFile;
use crate::messages::Msg;
use crate::model::Spanned;

use std::collections::VecDeque;

use super::normalise::{Sink, fold};

/// Where the table lives, relative to the content folder.
pub(crate) const FILE: &str = "search/synonyms.toml";

/// The folded spelling variants, each mapped to its group's first word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synonyms {
    /// Folded groups, first word first, in file order.
    pub groups: Vec<Vec<String>>,
    /// Variants longest first, each with the word that replaces it.
    replacements: Vec<(Vec<char>, String)>,
    /// The positions in `replacements` of the variants starting with each character.
    by_first: BTreeMap<char, Vec<usize>>,
    /// Bit `c % 128` set for the first character `c` of every variant: most
    /// characters of a text are told apart from those with one test.
    first_bits: u128,
    /// Characters of the longest variant.
    longest: usize,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "同じ意味の言い換えのまとまり（[[group]]）。最初の語に揃えて検索します")]
struct Group {
    #[schemars(
        description = "言い換えの語（2つ以上）。例: [\"障がい\", \"障害\", \"しょうがい\"]"
    )]
    words: Vec<Spanned<String>>,
    #[serde(default)]
    #[allow(dead_code)]
    #[schemars(description = "メモ（表示しません）")]
    note: Option<String>,
}

/// The table's file as a whole, for its JSON Schema; [`parse`] reads it entry by entry.
#[derive(schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(crate) struct SynonymsFile {
    #[serde(default)]
    #[schemars(description = "言い換えのまとまり（[[group]]）")]
    group: Vec<Group>,
}

impl Synonyms {
    /// A table from groups of words as an editor writes them; folding is applied here.
    pub(crate) fn from_groups(groups: &[Vec<String>]) -> Synonyms {
        let folded: Vec<Vec<String>> = groups
            .iter()
            .map(|g| g.iter().map(|w| fold_word(w)).collect())
            .collect();
        let mut replacements = Vec::new();
        for group in &folded {
            let Some(first) = group.first() else { continue };
            // The first word maps to itself, so a shorter variant never matches inside it.
            for word in group {
                if !word.is_empty() {
                    replacements.push((word.chars().collect::<Vec<_>>(), first.clone()));
                }
            }
        }
        replacements.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        replacements.dedup_by(|a, b| a.0 == b.0);
        let mut by_first: BTreeMap<char, Vec<usize>> = BTreeMap::new();
        for (n, (variant, _)) in replacements.iter().enumerate() {
            by_first.entry(variant[0]).or_default().push(n);
        }
        let longest = replacements.first().map_or(0, |(v, _)| v.len());
        let first_bits = by_first.keys().fold(0, |bits, &c| bits | bit(c));
        Synonyms {
            groups: folded,
            replacements,
            by_first,
            first_bits,
            longest,
        }
    }

    /// Replaces every variant in a folded text by its group's first word, longest first.
    pub fn replace(&self, text: &str) -> String {
        if self.replacements.is_empty() {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        'outer: while i < chars.len() {
            let candidates = self.starting_with(chars[i]);
            for (variant, word) in candidates.iter().map(|&n| &self.replacements[n]) {
                if chars[i..].starts_with(variant) {
                    out.push_str(word);
                    i += variant.len();
                    continue 'outer;
                }
            }
            out.push(chars[i]);
            i += 1;
        }
        out
    }
}

/// The bit of `c` in [`Synonyms::first_bits`].
fn bit(c: char) -> u128 {
    1 << (u32::from(c) % 128)
}

impl Synonyms {
    /// The variants that start with `c`, longest first.
    fn starting_with(&self, c: char) -> &[usize] {
        if self.first_bits & bit(c) == 0 {
            return &[];
        }
        self.by_first.get(&c).map_or(&[][..], Vec::as_slice)
    }
}

fn fold_word(word: &str) -> String {
    fold(word).trim().to_string()
}

/// [`Synonyms::replace`] as a stage of [`super::normalise::normalise_to`]:
/// holds back as many characters as the longest variant has, so that each
/// is replaced where `replace` would replace it, and hands on the rest.
pub(crate) struct Replace<'s, S> {
    synonyms: &'s Synonyms,
    sink: &'s mut S,
    held: VecDeque<char>,
}

impl<'s, S: Sink> Replace<'s, S> {
    pub(crate) fn new(synonyms: &'s Synonyms, sink: &'s mut S) -> Self {
        Replace {
            synonyms,
            sink,
            held: VecDeque::new(),
        }
    }

    /// Replaces or hands on the first character held.
    fn step(&mut self) {
        let Some(&first) = self.held.front() else {
            return;
        };
        for &n in self.synonyms.starting_with(first) {
            let (variant, word) = &self.synonyms.replacements[n];
            let held = &self.held;
            if held.len() >= variant.len() && variant.iter().zip(held).all(|(a, b)| a == b) {
                for c in word.chars() {
                    self.sink.push(c);
                }
                self.held.drain(..variant.len());
                return;
            }
        }
        self.sink.push(first);
        self.held.pop_front();
    }

    /// Hands on what is still held, at the end of a text.
    pub(crate) fn finish(&mut self) {
        while !self.held.is_empty() {
            self.step();
        }
    }
}

impl<S: Sink> Sink for Replace<'_, S> {
    fn push(&mut self, c: char) {
        if self.held.is_empty() && self.synonyms.starting_with(c).is_empty() {
            self.sink.push(c);
            return;
        }
        self.held.push_back(c);
        while self.held.len() >= self.synonyms.longest {
            self.step();
        }
    }
}

/// Reads the table from the content folder; a missing file is an empty table.
pub(crate) fn load(content: &Path) -> (Synonyms, Diagnostics) {
    let mut diags = Diagnostics::default();
    let path = content.join(FILE);
    if !path.exists() {
        return (Synonyms::default(), diags);
    }
    let Some(source) =
        crate::load::read_source(&path, crate::messages::SourceKind::Synonyms, &mut diags)
    else {
        return (Synonyms::default(), diags);
    };
    let synonyms = parse(&source, &mut diags);
    (synonyms, diags)
}

/// Parses and checks the table, reporting every fault with its place.
pub(crate) fn parse(source: &SourceFile, diags: &mut Diagnostics) -> Synonyms {
    let mut doc = TomlFile::parse(source, diags);
    let groups: Vec<Group> = doc.take_array("group", diags);
    doc.finish(&["group"], diags);
    let mut seen: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut kept = Vec::new();
    for group in &groups {
        if group.words.len() < 2 {
            let span = group.words.first().map_or(0..0, |w| w.span());
            diags.push(source.error(span, Msg::SynonymGroupTooSmall));
            continue;
        }
        let mut words = Vec::new();
        for word in &group.words {
            let folded = fold_word(word.get_ref());
            let line = source.line_col(word.span().start).line;
            if folded.is_empty() {
                diags.push(source.error(word.span(), Msg::SynonymEmptyWord));
                continue;
            }
            if let Some((other, other_line)) = seen.get(&folded) {
                let message = if other == word.get_ref() {
                    Msg::SynonymRepeated {
                        word: word.get_ref().clone(),
                        line: *other_line,
                    }
                } else {
                    Msg::SynonymSameWord {
                        word: word.get_ref().clone(),
                        other: other.clone(),
                        line: *other_line,
                    }
                };
                diags.push(source.error(word.span(), message));
                continue;
            }
            seen.insert(folded, (word.get_ref().clone(), line));
            words.push(word.get_ref().clone());
        }
        if words.len() >= 2 {
            kept.push(words);
        }
    }
    Synonyms::from_groups(&kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> (Synonyms, Diagnostics) {
        let source = SourceFile::new("content/search/synonyms.toml", text.to_string());
        let mut diags = Diagnostics::default();
        let synonyms = parse(&source, &mut diags);
        (synonyms, diags)
    }

    #[test]
    fn variants_become_the_first_word() {
        let (synonyms, diags) = parse_text(
            "[[group]]\nwords = [\"障害\", \"障がい\", \"障碍\"]\n[[group]]\nwords = [\"子供\", \"子ども\"]\n",
        );
        assert!(diags.is_empty(), "{}", diags.report());
        assert_eq!(
            synonyms.replace("障がい者と障碍児の子ども"),
            "障害者と障害児の子供"
        );
        let okurigana = Synonyms::from_groups(&[vec!["取扱い".into(), "取扱".into()]]);
        assert_eq!(okurigana.replace("取扱いと取扱"), "取扱いと取扱い");
    }

    #[test]
    fn faults_name_the_line_and_say_what_to_do() {
        let (_, diags) = parse_text(
            "[[group]]\nwords = [\"障害\"]\n[[group]]\nwords = [\"ケア\", \"けあ\"]\n[[group]]\nwrods = []\n",
        );
        let report = diags.report();
        assert!(
            report.contains("synonyms.toml:2:10: error: a synonym group needs at least two words"),
            "{report}"
        );
        assert!(
            report
                .contains("synonyms.toml:4:16: error: `けあ` is the same word as `ケア` (line 4)"),
            "{report}"
        );
        assert!(report.contains("unknown field `wrods`"), "{report}");
    }
}
