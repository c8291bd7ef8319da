//! How long the PDF step takes and how big its files are: every city form in
//! `forms/` rendered in parallel, once cold (fresh process: typst's library,
//! fonts and caches are built) and then warm (same process, typst's caches
//! filled), plus the bytes of each PDF.
//!
//! Run with `cargo bench --bench forms` (release profile).

use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;
use tebiki::forms;

fn main() {
    let start = Instant::now();
    let (defs, diags) = forms::load(Path::new("forms"));
    assert!(!diags.has_errors(), "{}", diags.report());
    let defs: Vec<_> = defs.into_iter().filter(|f| f.city.is_some()).collect();
    let fonts = forms::Fonts::load(Path::new("themes/default/fonts")).expect("shipped fonts");
    let loaded = start.elapsed();
    let render_all = || -> Vec<(String, usize)> {
        defs.par_iter()
            .map(|f| {
                (
                    f.id.clone(),
                    forms::render(f, &fonts).expect("renders").pdf.len(),
                )
            })
            .collect()
    };
    let t = Instant::now();
    let sizes = render_all();
    let cold = t.elapsed();
    let mut warm = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        render_all();
        warm.push(t.elapsed().as_secs_f64());
    }
    warm.sort_by(f64::total_cmp);
    println!(
        "forms: {}, threads: {}",
        defs.len(),
        rayon::current_num_threads()
    );
    println!("load definitions + fonts: {:.3} s", loaded.as_secs_f64());
    println!("render all, cold:         {:.3} s", cold.as_secs_f64());
    println!("render all, warm (median of 5): {:.3} s", warm[2]);
    let total: usize = sizes.iter().map(|(_, n)| n).sum();
    for (id, n) in &sizes {
        println!("{id:28} {n:>8} bytes");
    }
    println!(
        "{:28} {:>8} bytes (mean {})",
        "total",
        total,
        total / sizes.len()
    );
}
