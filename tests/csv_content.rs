//! Directories and tables kept as CSV beside the TOML: a CSV saved by Excel
//! as UTF-8 (with its byte order mark) or as Shift_JIS builds the same pages
//! as the same rows written in TOML.

mod common;

use std::path::Path;

use common::{MINI, copy_tree, tebiki};

const CONTACTS_TOML: &str = r#"[[directory.contact]]
name = "見本市障がい福祉課"
organisation = "city"
member = "east"
phone = "059-000-0000"

[[directory.contact]]
name = "見本市基幹相談支援センター（夜間）"
night_phone = "059-000-0001"
address = "見本市本町1-1, 2階"
note = "土日・祝日は本庁の窓口へ"
"#;

/// The same contacts as Excel lays them out, with Japanese column names.
const CONTACTS_CSV: &str = "名前,機関,構成市町,電話,夜間電話,住所,備考\r\n\
見本市障がい福祉課,city,east,059-000-0000,,,\r\n\
見本市基幹相談支援センター（夜間）,,,,059-000-0001,\"見本市本町1-1, 2階\",土日・祝日は本庁の窓口へ\r\n";

const ROWS_TOML: &str = r#"[[table.row]]
label = "審査会"
cells = ["第2火曜日", "第4木曜日"]

[[table.row]]
group = "期限"
label = "書類の提出"
cells = ["10日前", "ー"]
note = "西町は随時"
"#;

const ROWS_CSV: &str = "項目,区分,東町,西町,備考\r\n審査会,,第2火曜日,第4木曜日,\r\n書類の提出,期限,10日前,ー,西町は随時\r\n";

/// Builds the mini fixture with its directory and table given as `how`:
/// written in TOML, or in CSV files holding the given bytes.
fn build(how: Option<(Vec<u8>, Vec<u8>)>) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(Path::new(MINI), dir.path());
    let city = dir.path().join("content/cities/mini");
    let reference = std::fs::read_to_string(city.join("reference.toml")).unwrap();
    let (head, tail) = reference.split_once("[[directory.contact]]").unwrap();
    let tail = &tail[tail.find("\n[[table]]").unwrap()..];
    let (table, _) = tail.split_once("[[table.row]]").unwrap();
    let rest = &tail[tail.find("\n[[list]]").unwrap()..];
    let text = match &how {
        None => format!("{head}{CONTACTS_TOML}{table}{ROWS_TOML}{rest}"),
        Some(_) => format!(
            "{head}csv = \"desks.csv\"\n{}csv = \"towns.csv\"\n{rest}",
            table.trim_end_matches('\n').to_string() + "\n"
        ),
    };
    std::fs::write(city.join("reference.toml"), text).unwrap();
    if let Some((contacts, rows)) = how {
        std::fs::write(city.join("desks.csv"), contacts).unwrap();
        std::fs::write(city.join("towns.csv"), rows).unwrap();
    }
    let (ok, out, err) = tebiki(
        dir.path(),
        &["--as-of", "2025-11-01", "build", "--no-guides"],
    );
    assert!(ok, "{out}{err}");
    let page = |p: &str| std::fs::read_to_string(dir.path().join("site/mini").join(p)).unwrap();
    (page("contacts.html"), page("tables.html"))
}

#[test]
fn csv_in_utf8_or_shift_jis_builds_the_same_pages_as_toml() {
    let (contacts, tables) = build(None);
    assert!(contacts.contains("見本市本町1-1, 2階"));
    assert!(tables.contains("西町は随時"));

    let bom = |s: &str| [&[0xef, 0xbb, 0xbf][..], s.as_bytes()].concat();
    let utf8 = build(Some((bom(CONTACTS_CSV), bom(ROWS_CSV))));
    assert_eq!(utf8.0, contacts, "UTF-8 CSV contacts");
    assert_eq!(utf8.1, tables, "UTF-8 CSV table");

    let sjis = |s: &str| {
        let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(s);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err(), "really Shift_JIS");
        bytes.into_owned()
    };
    let shift_jis = build(Some((sjis(CONTACTS_CSV), sjis(ROWS_CSV))));
    assert_eq!(shift_jis.0, contacts, "Shift_JIS CSV contacts");
    assert_eq!(shift_jis.1, tables, "Shift_JIS CSV table");
}
