//! The typst [`World`] of one guide: the guide's template as the main file,
//! its document tree as a virtual `data.json`, and for the appendix each
//! blank form laid out by the forms' own template from its own view data.
//! Fonts are the shipped ones only, and there is no clock, so the output is
//! the same on every machine.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

use crate::forms::world::Shared;

/// The template that sets every city's guide from its document tree.
pub(super) const TEMPLATE: &str = include_str!("guide.typ");

/// The forms' template as the appendix includes it: reading the view data of
/// form `index`, and leaving the document's title and the page to the guide.
pub(super) fn form_source(index: usize) -> String {
    crate::forms::world::TEMPLATE
        .replace("\"/data.json\"", &format!("\"/forms/{index}.json\""))
        .lines()
        .filter(|l| !l.starts_with("#set document(") && !l.starts_with("#set page("))
        .collect::<Vec<_>>()
        .join("\n")
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("the guide's virtual paths are valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One guide's compilation.
pub(super) struct GuideWorld<'a> {
    shared: &'a Shared,
    main: Source,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
}

impl<'a> GuideWorld<'a> {
    /// A world whose `data.json` is `data` and whose appendix lays out the
    /// forms with view data `forms` (one JSON document each, in order).
    pub(super) fn new(shared: &'a Shared, data: Vec<u8>, forms: Vec<Vec<u8>>) -> GuideWorld<'a> {
        let main = Source::new(file_id("/guide.typ"), TEMPLATE.to_string());
        let mut files = HashMap::new();
        let mut sources = HashMap::new();
        files.insert(file_id("/data.json"), Bytes::new(data));
        for (i, form) in forms.into_iter().enumerate() {
            let id = file_id(&format!("/forms/{i}.typ"));
            sources.insert(id, Source::new(id, form_source(i)));
            files.insert(file_id(&format!("/forms/{i}.json")), Bytes::new(form));
        }
        GuideWorld {
            shared,
            main,
            sources,
            files,
        }
    }
}

impl World for GuideWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.shared.library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.shared.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        self.sources
            .get(&id)
            .cloned()
            .ok_or(FileError::AccessDenied)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.files.get(&id) {
            return Ok(bytes.clone());
        }
        self.source(id)
            .map(|s| Bytes::new(s.text().as_bytes().to_vec()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
