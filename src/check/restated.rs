//! Catches a city restating a national number. Fees in units (単位) belong to
//! the national fee schedule; a city that types "700単位" into its own text
//! drifts the day the schedule is revised. Cities cite add-ons by id instead.

use crate::diag::Diagnostics;
use crate::messages::Msg;
use crate::model::{Guide, Municipality};

use super::links::city_files;

/// Reports every unit amount (e.g. `700単位`, `２，０００ 単位`) written in a city's files.
pub(super) fn check(guide: &Guide, city: &Municipality, diags: &mut Diagnostics) {
    let mut files: Vec<_> = city_files(city).into_iter().collect();
    files.sort();
    for file in files {
        let source = &guide.sources[file];
        for (start, end) in unit_amounts(&source.text) {
            diags.push(source.error(
                start..end,
                Msg::NationalFeeStated {
                    text: source.text[start..end].to_string(),
                },
            ));
        }
    }
}

/// Byte ranges of "number + 単位" in a text, skipping TOML comment lines.
fn unit_amounts(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim_start().starts_with('#') {
            for (i, _) in line.match_indices("単位") {
                let before = &line[..i];
                let trimmed = before.trim_end_matches([' ', '　']);
                let digits_start = trimmed
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| {
                        c.is_ascii_digit() || ('０'..='９').contains(c) || *c == ',' || *c == '，'
                    })
                    .last()
                    .map(|(j, _)| j);
                if let Some(j) = digits_start {
                    if trimmed[j..]
                        .chars()
                        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
                    {
                        found.push((line_start + j, line_start + i + "単位".len()));
                    }
                }
            }
        }
        line_start += line.len();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_unit_amounts_in_any_width() {
        let text =
            "a = \"700単位/回\"\nb = \"２，０００ 単位\"\n# 50単位 in a comment\nc = \"単位数\"\n";
        let spans = unit_amounts(text);
        let found: Vec<&str> = spans.iter().map(|(s, e)| &text[*s..*e]).collect();
        assert_eq!(found, ["700単位", "２，０００ 単位"]);
    }
}
