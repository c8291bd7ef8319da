//! Builds the bundled content into a folder and times the search indexer on
//! it, for `scripts/bench-search.sh`. Prints one JSON line:
//! `{"site", "pages", "entries", "index_bytes", "text_bytes", "index_ms"}`.
//!
//! Usage: cargo run --release --example search_site -- OUT_DIR

use std::path::PathBuf;
use std::time::Instant;

use tebiki::build::{self, Options};
use tebiki::load::Inputs;
use tebiki::model::Date;

fn main() {
    let Some(out) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: search_site OUT_DIR");
        std::process::exit(2);
    };
    let inputs = Inputs {
        content: PathBuf::from("content"),
        forms: PathBuf::from("forms"),
    };
    let options = Options {
        inputs: inputs.clone(),
        as_of: Date::today(),
        themes: PathBuf::from("themes"),
        out: out.join("site"),
        base_url: None,
        force: false,
    };
    if let Err(e) = build::build(&options) {
        eprintln!("error: the build failed: {e:?}");
        std::process::exit(1);
    }
    let (guide, _) = build::check(&inputs, options.as_of);
    let site = out.join("site");
    let search = tebiki::search::Inputs {
        theme: PathBuf::from("themes/default"),
    };
    // The first run writes the engine files; the best of five is the figure.
    let mut best = f64::MAX;
    let mut stats = None;
    for _ in 0..5 {
        let start = Instant::now();
        let s = tebiki::search::index(&guide, &search, &site).unwrap_or_else(|e| {
            eprintln!("error: indexing failed: {e:?}");
            std::process::exit(1);
        });
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
        stats = Some(s);
    }
    let stats = stats.unwrap_or_default();
    println!(
        "{}",
        serde_json::json!({
            "site": site,
            "pages": stats.pages,
            "entries": stats.entries,
            "index_bytes": stats.index_bytes,
            "text_bytes": stats.text_bytes,
            "index_ms": (best * 10.0).round() / 10.0,
        })
    );
}
