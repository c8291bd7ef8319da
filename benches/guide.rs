//! How long the printable guides take: a cold build of the bundled site
//! without and then with the guides, in one process (typst's memos are
//! emptied before each, so the second reuses only the loaded library), then
//! each city's guide on its own — building its document tree, then typst's
//! layout and PDF export, cold (memos emptied) and warm — with its size.
//!
//! Run with `cargo bench --bench guide` (release profile).

use std::path::Path;
use std::time::Instant;

use tebiki::build::{self, Options};
use tebiki::load::Inputs;
use tebiki::model::Date;

fn main() {
    let inputs = Inputs {
        content: Path::new("content").into(),
        forms: Path::new("forms").into(),
    };
    let as_of = Date::parse("2025-04-01").expect("a valid date");
    let work = tempfile::tempdir().expect("a temporary folder");
    let options = |out: &str| Options {
        inputs: inputs.clone(),
        as_of,
        themes: Path::new("themes").into(),
        out: work.path().join(out),
        base_url: None,
        force: false,
    };
    println!("threads: {}", rayon::current_num_threads());
    for (name, guides) in [("without guides", false), ("with guides", true)] {
        // Cold: nothing kept from the build before, neither guides nor typst's memos.
        tebiki::guide::write::forget_recent();
        typst::comemo::evict(0);
        let t = Instant::now();
        let (summary, _) =
            build::build_with(&options(name), guides).expect("the bundled site builds");
        let steps: Vec<String> = summary
            .timings
            .iter()
            .map(|(step, took)| format!("{step} {:.3} s", took.as_secs_f64()))
            .collect();
        println!(
            "cold build {name}: {:.3} s ({} pages, {} forms, {} guides; {})",
            t.elapsed().as_secs_f64(),
            summary.pages,
            summary.forms,
            summary.guides,
            steps.join(", ")
        );
    }

    let (guide, diags) = build::check(&inputs, as_of);
    assert!(!diags.has_errors(), "{}", diags.report());
    let (forms, diags) = tebiki::forms::load(Path::new("forms"));
    assert!(!diags.has_errors(), "{}", diags.report());
    let fonts =
        tebiki::forms::Fonts::load(Path::new("themes/default/fonts")).expect("shipped fonts");
    println!(
        "{:10} {:>8} {:>9} {:>9} {:>10}",
        "city", "tree ms", "cold s", "warm s", "bytes"
    );
    for city in &guide.cities {
        let t = Instant::now();
        let doc = tebiki::guide::Builder::new(&guide, city, as_of, None).doc();
        let tree = t.elapsed();
        let wanted: Vec<&tebiki::forms::Form> = city
            .city
            .forms
            .iter()
            .filter_map(|f| forms.iter().find(|x| x.id == *f.get_ref()))
            .collect();
        let set = || {
            let t = Instant::now();
            let pdf = tebiki::guide::render::render(&doc, &wanted, &fonts, city.id())
                .expect("the guide is set");
            (t.elapsed().as_secs_f64(), pdf.len())
        };
        typst::comemo::evict(0);
        let (cold, bytes) = set();
        let mut warm: Vec<f64> = (0..3).map(|_| set().0).collect();
        warm.sort_by(f64::total_cmp);
        println!(
            "{:10} {:>8.1} {:>9.3} {:>9.3} {:>10}",
            city.id(),
            tree.as_secs_f64() * 1000.0,
            cold,
            warm[1],
            bytes
        );
    }
}
