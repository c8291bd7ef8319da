//! Renders every form in `forms/` to `target/forms-preview/<id>.pdf` for a look.
fn main() {
    let (forms, diags) = tebiki::forms::load(std::path::Path::new("forms"));
    eprint!("{}", diags.report());
    let fonts =
        tebiki::forms::Fonts::load(std::path::Path::new("themes/default/fonts")).expect("fonts");
    let out = std::path::Path::new("target/forms-preview");
    std::fs::create_dir_all(out).expect("mkdir");
    for form in &forms {
        match tebiki::forms::render(form, &fonts) {
            Ok(r) => std::fs::write(out.join(format!("{}.pdf", form.id)), r.pdf).expect("write"),
            Err(e) => eprintln!("{}: {e}", form.id),
        }
    }
}
