//! How long the PDF step takes and how big its files are: every city form in
//! `forms/` rendered in parallel, once cold (fresh process: typst's library,
//! fonts and caches are built) and then warm (same process, typst's caches
//! filled), plus the bytes of each fillable PDF (limit 2 MB, typing font
//! included) and of its print copy (limit 100 KB).
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
    let render_all = || -> Vec<(String, usize, usize)> {
        defs.par_iter()
            .map(|f| {
                let r = forms::render(f, &fonts).expect("renders");
                (f.id.clone(), r.pdf.len(), r.print.len())
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
    println!(
        "load definitions + fonts: {:.3} s (typing font: {} characters)",
        loaded.as_secs_f64(),
        fonts.typing().characters()
    );
    println!("render all, cold:         {:.3} s", cold.as_secs_f64());
    println!("render all, warm (median of 5): {:.3} s", warm[2]);
    let total: usize = sizes.iter().map(|(_, n, _)| n).sum();
    let total_print: usize = sizes.iter().map(|(_, _, n)| n).sum();
    println!("{:28} {:>9} {:>9}", "form", "fillable", "print");
    for (id, n, p) in &sizes {
        println!("{id:28} {n:>9} {p:>9} bytes");
    }
    println!(
        "{:28} {:>9} {:>9} bytes (mean {} and {}; largest {} and {})",
        "total",
        total,
        total_print,
        total / sizes.len(),
        total_print / sizes.len(),
        sizes.iter().map(|s| s.1).max().unwrap_or(0),
        sizes.iter().map(|s| s.2).max().unwrap_or(0)
    );
}
