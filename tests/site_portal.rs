//! The portal lists the cities as Japanese lists do: grouped by prefecture in
//! JIS code order (北海道 first), and by reading within a prefecture
//! (伊勢 い before 四日市 よ), not by folder name.

mod site_support;

use site_support::*;

#[test]
fn the_portal_groups_cities_by_prefecture_and_sorts_them_by_reading() {
    let inputs = bundled();
    let dir = tempfile::tempdir().unwrap();
    build_ok(&inputs, dir.path());
    let portal = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    let order: Vec<&str> = portal
        .split("<h3 class=\"prefecture\">")
        .skip(1)
        .flat_map(|group| {
            let (prefecture, rest) = group.split_once("</h3>").unwrap();
            std::iter::once(prefecture).chain(rest.split("<h4><a href=\"").skip(1).map(|c| {
                let text = c.split_once("\">").unwrap().1;
                text.split_once('<').map_or(text, |(t, _)| t)
            }))
        })
        .collect();
    assert_eq!(
        order,
        [
            "北海道",
            "釧路市",
            "神奈川県",
            "逗子市",
            "三重県",
            "伊勢市",
            "四日市障害保健福祉圏域",
            "島根県",
            "松江市"
        ]
    );
}

/// The text of the comparison row headed `row`, one cell per city, tags removed.
fn comparison_row(page: &str, row: &str) -> Vec<String> {
    let start = page
        .find(&format!("<th scope=\"row\">{row}</th>"))
        .unwrap_or_else(|| panic!("no row {row}"));
    let tr = &page[start..start + page[start..].find("</tr>").unwrap()];
    tr.split("<td>")
        .skip(1)
        .map(|cell| {
            let mut text = String::new();
            let mut in_tag = false;
            for c in cell.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    _ if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text
        })
        .collect()
}

#[test]
fn the_comparison_tells_a_guide_that_is_silent_from_one_that_describes_through_its_flows() {
    let inputs = bundled();
    let dir = tempfile::tempdir().unwrap();
    build_ok(&inputs, dir.path());
    let page = std::fs::read_to_string(dir.path().join("comparison.html")).unwrap();
    // Cities in the portal's order (prefecture, then reading): 釧路, 逗子, 伊勢, 四日市, 松江.
    let consult = comparison_row(&page, "相談");
    assert_eq!(
        consult[2], "流れ「伊勢市地域生活支援拠点事業登録の流れ（支援者用）」",
        "伊勢's guide describes 相談 through its flow"
    );
    let subsidies = comparison_row(&page, "補助");
    assert_eq!(
        subsidies[4], "記載なし",
        "松江's guide says nothing of a local subsidy: not なし"
    );
    // The overview of 伊勢 lists the functions its flows carry out.
    let ise = std::fs::read_to_string(dir.path().join("ise/index.html")).unwrap();
    assert!(ise.contains("相談（流れ「伊勢市地域生活支援拠点事業登録の流れ（支援者用）」）"));
    // So does the page of the functions across cities: 伊勢 is in the 相談
    // table with its flow, not among the cities whose guide says nothing.
    let national = std::fs::read_to_string(dir.path().join("national/functions.html")).unwrap();
    let start = national
        .find("<h2 id=\"soudan\">")
        .expect("the 相談 section");
    let section = &national[start..start + national[start..].find("</section>").unwrap()];
    assert!(
        section.contains(">流れ「伊勢市地域生活支援拠点事業登録の流れ（支援者用）」</a>"),
        "{section}"
    );
    let silent = section
        .split("手引きに記載のない市町村")
        .nth(1)
        .unwrap_or_default();
    assert!(!silent.contains("伊勢市"), "{section}");
}

/// A city's pages say what its guide says of its own time, and nothing it
/// does not: 四日市's 「令和6年8月現在」, the fee revision whose units each
/// guide states, and, where that revision is older than the units shown
/// (逗子's guide states 令和3 units), a note on the city's add-on page.
#[test]
fn each_city_says_when_its_guide_was_current_and_whose_units_it_states() {
    let inputs = bundled();
    let dir = tempfile::tempdir().unwrap();
    build_ok(&inputs, dir.path());
    let page = |path: &str| std::fs::read_to_string(dir.path().join(path)).unwrap();
    let yokkaichi = page("yokkaichi/index.html");
    assert!(yokkaichi.contains("<dt>記載の時点</dt><dd>令和6年8月現在（手引きの記載）</dd>"));
    for city in ["ise", "zushi", "matsue", "kushiro"] {
        assert!(
            !page(&format!("{city}/index.html")).contains("記載の時点"),
            "{city}"
        );
    }
    assert!(
        page("zushi/index.html")
            .contains("<dt>手引きの単位数</dt><dd>令和3年度障害福祉サービス等報酬改定の値</dd>")
    );
    assert!(
        page("zushi/addons.html")
            .contains("この手引きは令和3年度障害福祉サービス等報酬改定の単位数で書かれています。")
    );
    let ise = page("ise/addons.html");
    let note = ise
        .find("この手引きは令和")
        .map(|at| &ise[at..(at + 240).min(ise.len())]);
    assert!(
        note.is_none(),
        "伊勢's guide states the units in force: {note:?}"
    );
}
