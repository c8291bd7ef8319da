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
