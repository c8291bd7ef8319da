//! A city's own terms around national rules: the conditions it attaches to a
//! cited add-on and the local rule (要綱, 告示, 条) its subsidy, flow or table
//! rests on. They are read from content, shown as the city's on its pages and
//! in its printed guide; a duty with no items shows "—"; a flow put together
//! from other parts of a guide says so.

mod common;

use std::path::Path;
use std::process::Command;

use common::{MINI, copy_tree, tebiki};
use unicode_normalization::UnicodeNormalization;

const CONDITION: &str = "3者以上と共同で対応し、市が同席すること";
const BASIS: &str = "見本市地域生活支援拠点等事業実施要綱第5条（見本市告示第12号）";

/// The mini fixture with conditions on its one add-on, a legal basis on its
/// subsidy, flow and table, and a second duty that lists nothing.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(Path::new(MINI), dir.path());
    let city = dir.path().join("content/cities/mini");
    let append = |file: &str, text: &str| {
        let path = city.join(file);
        let mut s = std::fs::read_to_string(&path).unwrap();
        s.push_str(text);
        std::fs::write(&path, s).unwrap();
    };
    let functions = std::fs::read_to_string(city.join("functions.toml")).unwrap();
    let functions = functions.replacen(
        "summary = \"相談を受けます。\"\n",
        "summary = \"相談を受けます。\"\naddons = [\"soudan-kyoka\"]\n",
        1,
    );
    std::fs::write(city.join("functions.toml"), functions).unwrap();
    append(
        "functions.toml",
        &format!(
            "\n[[addon_condition]]\naddons = [\"soudan-kyoka\"]\nconditions = [\"{CONDITION}\"]\nsource = \"3ページ\"\n"
        ),
    );
    let basis = "title = \"見本市地域生活支援拠点等事業実施要綱\"\narticle = \"第5条\"\nnumber = \"見本市告示第12号\"\n";
    append("subsidies.toml", &format!("\n[subsidy.basis]\n{basis}"));
    let flows = std::fs::read_to_string(city.join("flows.toml")).unwrap();
    let flows = flows.replacen(
        "\n[[flow.step]]",
        &format!("inferred_from = \"本文の記載から\"\n\n[flow.basis]\n{basis}\n[[flow.step]]"),
        1,
    );
    let flows = flows.replacen(
        "\n[[flow.step.document]]",
        "\n[[flow.step.duty]]\norganisation = \"city\"\nitems = []\n\n[[flow.step.document]]",
        1,
    );
    std::fs::write(city.join("flows.toml"), flows).unwrap();
    let reference = std::fs::read_to_string(city.join("reference.toml")).unwrap();
    let reference = reference.replacen(
        "\n[[table.row]]",
        &format!("\n[table.basis]\n{basis}\n[[table.row]]"),
        1,
    );
    std::fs::write(city.join("reference.toml"), reference).unwrap();
    dir
}

/// The text a reader sees in an HTML page: tags dropped, entities of the
/// escaper read back.
fn text_of(html: &str) -> String {
    common::without_tags(html)
        .replace("&amp;", "&")
        .replace("&#x2F;", "/")
}

fn page(site: &Path, path: &str) -> String {
    text_of(&std::fs::read_to_string(site.join(path)).unwrap())
}

#[test]
fn conditions_and_bases_reach_the_pages_and_the_guide() {
    let dir = tree();
    let (ok, out, err) = tebiki(dir.path(), &["--as-of", "2025-11-01", "check"]);
    assert!(ok, "{out}{err}");
    assert!(out.starts_with("ok:"), "{out}");
    let (ok, out, err) = tebiki(dir.path(), &["--as-of", "2025-11-01", "build"]);
    assert!(ok, "{out}{err}");
    let site = dir.path().join("site");

    let said = format!("見本市の手引きによる条件{CONDITION}");
    for path in [
        "mini/functions/soudan.html",
        "mini/flows/registration.html",
        "mini/addons.html",
    ] {
        let text = page(&site, path);
        assert!(text.contains(&said), "{path} lacks the city's condition");
        assert!(text.contains("手引き 3ページ"), "{path} lacks its source");
    }
    // The national page states the national rule only.
    let national = page(&site, "national/addons/soudan-kyoka.html");
    assert!(!national.contains(CONDITION));

    assert!(page(&site, "mini/subsidies.html").contains(&format!("根拠{BASIS}")));
    let flow = page(&site, "mini/flows/registration.html");
    assert!(flow.contains(&format!("根拠：{BASIS}")));
    assert!(page(&site, "mini/tables.html").contains(&format!("根拠：{BASIS}")));
    let inferred =
        "（推定）手引きの本文にこの流れの図がないため、本文の記載から組み立てた流れです。";
    assert!(flow.contains(inferred));

    // The duty of 障がい福祉課 lists nothing: its place says "—".
    let html = std::fs::read_to_string(site.join("mini/flows/registration.html")).unwrap();
    let duty = html
        .split("見本市障がい福祉課</a></h4>")
        .nth(1)
        .expect("the empty duty is on the page");
    assert!(
        duty.trim_start().starts_with("<p class=\"none\">—</p>"),
        "{}",
        &duty[..200.min(duty.len())]
    );

    let pdf = site.join("mini/mini-tebiki.pdf");
    let out = Command::new("pdftotext")
        .args(["-raw"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs; run scripts/deps/forms.sh");
    assert!(out.status.success());
    let text: String = String::from_utf8(out.stdout)
        .unwrap()
        .nfkc()
        .filter(|c| !c.is_whitespace())
        .collect();
    let squeeze = |s: &str| -> String { s.nfkc().filter(|c| !c.is_whitespace()).collect() };
    assert!(text.contains(&squeeze(&format!("見本市の手引きによる条件{CONDITION}"))));
    assert!(text.contains(&squeeze(&format!("根拠：{BASIS}"))));
    assert!(text.contains(&squeeze("見本市障がい福祉課—")), "{text}");
    assert!(text.contains(&squeeze(inferred)));
}
