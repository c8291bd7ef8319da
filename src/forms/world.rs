//! The smallest typst [`World`] that lays out one form: the fixed template,
//! the form's view data as a virtual `data.json`, and the shipped fonts only
//! (no system fonts, no packages, no clock), so the output is the same on
//! every machine.

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Features, Library, LibraryExt, World};

/// The template that draws every form from its view data.
pub(crate) const TEMPLATE: &str = include_str!("form.typ");

/// Fonts and library shared by every form of a build.
pub struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl Shared {
    /// A library and font book over the given font files' bytes.
    pub fn new(font_files: Vec<Vec<u8>>) -> Shared {
        let fonts: Vec<Font> = font_files
            .into_iter()
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        let book = FontBook::from_fonts(&fonts);
        Shared {
            // Row header cells (`pdf.header-cell`) need the a11y extras.
            library: LazyHash::new(
                Library::builder()
                    .with_features(Features::from_iter([Feature::A11yExtras]))
                    .build(),
            ),
            book: LazyHash::new(book),
            fonts,
        }
    }

    /// The standard library every document is compiled with.
    pub fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    /// The book of the shipped fonts.
    pub fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    /// The font at `index` of the book.
    pub fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    /// True if at least one font could be read.
    pub(crate) fn has_fonts(&self) -> bool {
        !self.fonts.is_empty()
    }
}

/// One form's compilation: the template plus its data.
pub(crate) struct FormWorld<'a> {
    shared: &'a Shared,
    main: Source,
    data: Bytes,
    data_id: FileId,
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("fixed virtual paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl<'a> FormWorld<'a> {
    /// A world whose main file is the template and whose `data.json` is `data`.
    pub(crate) fn new(shared: &'a Shared, data: Vec<u8>) -> FormWorld<'a> {
        FormWorld {
            shared,
            main: Source::new(file_id("/form.typ"), TEMPLATE.to_string()),
            data: Bytes::new(data),
            data_id: file_id("/data.json"),
        }
    }
}

impl World for FormWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::new(self.main.text().as_bytes().to_vec()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
