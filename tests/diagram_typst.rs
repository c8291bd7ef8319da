//! The flow diagram placed the way the printed guide places it: typst's
//! `image(..., format: "svg")` with only the shipped fonts. The SVG needs
//! nothing from outside, so typst lays it out without errors, and the PDF
//! holds the drawing's text as text (read back with pdftotext).

use std::path::Path;
use std::process::Command;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use tebiki::diagram::{self, Context, Shape};
use tebiki::load::{Inputs, load};

const REPO: &str = env!("CARGO_MANIFEST_DIR");

struct OneImage {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    svg: Bytes,
}

fn id(path: &str) -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).unwrap()).intern()
}

impl World for OneImage {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, file: FileId) -> FileResult<Source> {
        if file == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, file: FileId) -> FileResult<Bytes> {
        if file == id("/diagram.svg") {
            Ok(self.svg.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

#[test]
fn typst_places_the_diagram_and_keeps_its_text() {
    assert!(
        Command::new("pdftotext").arg("-v").output().is_ok(),
        "pdftotext missing: run scripts/deps/forms.sh (as root) first"
    );
    let (guide, _) = load(&Inputs {
        content: Path::new(REPO).join("content"),
        forms: Path::new(REPO).join("forms"),
    });
    let city = guide.city("ise").unwrap();
    let flow = city
        .flows
        .iter()
        .find(|f| f.id.get_ref() == "registration")
        .unwrap();
    let svg = diagram::svg(flow, &Context::of_city(city), Shape::Wide);
    let fonts: Vec<Font> = ["BIZUDGothic-Regular.ttf", "BIZUDGothic-Bold.ttf"]
        .iter()
        .flat_map(|f| {
            let bytes =
                std::fs::read(Path::new(REPO).join("themes/default/fonts").join(f)).unwrap();
            Font::iter(Bytes::new(bytes)).collect::<Vec<_>>()
        })
        .collect();
    let world = OneImage {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
        main: Source::new(
            id("/main.typ"),
            "#set page(width: 297mm, height: auto, margin: 10mm)\n#image(\"diagram.svg\", format: \"svg\", width: 100%)\n".into(),
        ),
        svg: Bytes::new(svg.into_bytes()),
    };
    let compiled = typst::compile::<PagedDocument>(&world);
    let doc = compiled.output.expect("typst lays the diagram out");
    assert!(compiled.warnings.is_empty(), "{:?}", compiled.warnings);
    let pdf = typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).expect("a PDF");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("diagram.pdf");
    std::fs::write(&file, pdf).unwrap();
    let text = Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).replace([' ', '\n'], "");
    for s in &flow.steps {
        let head: String = s.title.replace(' ', "").chars().take(8).collect();
        assert!(
            text.contains(&head),
            "step `{}` is text in the PDF:\n{text}",
            s.title
        );
    }
    for org in flow.involved() {
        let name = &city.organisation(org).unwrap().name;
        let head: String = name.chars().take(6).collect();
        assert!(
            text.contains(&head),
            "organisation `{name}` is text in the PDF"
        );
    }
}
