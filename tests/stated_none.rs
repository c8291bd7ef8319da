//! 「なし」 and 「記載なし」 are different values: a guide that says it has no
//! 市単独補助 or no 拠点コーディネーター (`[guide] states_none`) is shown as なし on
//! the comparison, the city's overview and its printed guide; a guide that is
//! merely silent is shown as 記載なし.

mod common;

use std::path::Path;
use std::process::Command;

use common::{MINI, copy_tree, tebiki};
use unicode_normalization::UnicodeNormalization;

/// Two cities without subsidies or a coordinator: `said` states that it has
/// none, `silent` does not say.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(Path::new(MINI), dir.path());
    let cities = dir.path().join("content/cities");
    let mini = cities.join("mini");
    std::fs::remove_file(mini.join("subsidies.toml")).unwrap();
    let flows = std::fs::read_to_string(mini.join("flows.toml")).unwrap();
    std::fs::write(
        mini.join("flows.toml"),
        flows.replace("subsidies = [\"jinin\"]\n", ""),
    )
    .unwrap();
    let city = std::fs::read_to_string(mini.join("city.toml")).unwrap();
    let (head, tail) = city.split_once("[coordinator]").unwrap();
    let tail = tail.split_once("[[member]]").unwrap().1;
    let city = format!("{head}[[member]]{tail}");
    for (id, name, states) in [
        (
            "said",
            "明記市",
            "states_none = [\"subsidies\", \"coordinator\"]\n",
        ),
        ("silent", "沈黙市", ""),
    ] {
        let to = cities.join(id);
        copy_tree(&mini, &to);
        let text = city
            .replace("id = \"mini\"", &format!("id = \"{id}\""))
            .replace("name = \"見本市\"", &format!("name = \"{name}\""))
            .replace("forms = [\"mini-touroku\"]\n", "")
            .replace("[guide]\n", &format!("[guide]\n{states}"));
        std::fs::write(to.join("city.toml"), text).unwrap();
    }
    std::fs::remove_dir_all(&mini).unwrap();
    // The fixture's one form is 見本市's; here it is 明記市's.
    let form = dir.path().join("forms/mini-touroku.toml");
    let text = std::fs::read_to_string(&form).unwrap();
    std::fs::write(&form, text.replace("city = \"mini\"", "city = \"said\"")).unwrap();
    dir
}

fn read(site: &Path, path: &str) -> String {
    std::fs::read_to_string(site.join(path)).unwrap()
}

/// The cells of the row headed `row` in the first table that has it.
fn row_cells(html: &str, row: &str) -> Vec<String> {
    let start = html
        .find(&format!("<th scope=\"row\">{row}</th>"))
        .unwrap_or_else(|| panic!("no row {row}"));
    let end = start + html[start..].find("</tr>").unwrap();
    html[start..end]
        .split("<td>")
        .skip(1)
        .map(common::without_tags)
        .collect()
}

/// The value of the term `term` in the page's list of facts.
fn fact(html: &str, term: &str) -> String {
    let open = format!("<dt>{term}</dt><dd>");
    let at = html.find(&open).unwrap_or_else(|| panic!("no fact {term}")) + open.len();
    let end = at + html[at..].find("</dd>").unwrap();
    common::without_tags(&html[at..end])
}

fn guide_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-raw")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs; run scripts/deps/forms.sh");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .nfkc()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn stated_none_reads_nashi_and_silence_reads_kisai_nashi() {
    let dir = tree();
    let (ok, out, err) = tebiki(dir.path(), &["--as-of", "2025-11-01", "build"]);
    assert!(ok, "{out}{err}");
    let site = dir.path().join("site");

    // The comparison's columns run in the portal's order: 明記市 (said), 沈黙市 (silent).
    let comparison = read(&site, "comparison.html");
    assert!(comparison.find("明記市").unwrap() < comparison.find("沈黙市").unwrap());
    assert_eq!(row_cells(&comparison, "補助"), ["なし", "記載なし"]);
    assert_eq!(row_cells(&comparison, "配置先"), ["なし", "記載なし"]);
    // The reader's own comparison is built from the same columns.
    assert!(read(&site, "compare/said.js").contains("\"subsidies_missing\":\"なし\""));
    assert!(read(&site, "compare/silent.js").contains("\"subsidies_missing\":\"記載なし\""));

    for (id, word) in [("said", "なし"), ("silent", "記載なし")] {
        let overview = read(&site, &format!("{id}/index.html"));
        assert_eq!(fact(&overview, "市単独補助"), word, "{id}");
        assert_eq!(fact(&overview, "拠点コーディネーター"), word, "{id}");
        let text = guide_text(&site.join(format!("{id}/{id}-tebiki.pdf")));
        assert!(text.contains(&format!("市単独補助{word}")), "{id}: {text}");
        assert!(
            text.contains(&format!("拠点コーディネーター{word}")),
            "{id}"
        );
    }
}
