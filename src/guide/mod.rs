//! The printable guide: each city's whole guidebook as one tagged PDF
//! (PDF/UA-1 and PDF/A-2a), set by typst from the same model as the website.
//!
//! [`contents`] reads the model into a small document tree ([`doc`]) in the
//! reading order of the site's city navigation; the typst template
//! (`guide.typ`) only lays that tree out, taking every string as text; the
//! appendix lays out the city's blank forms with the forms' own template.
//! [`write`] sets a guide again only when its tree, forms, templates or
//! fonts changed.

pub(crate) mod check;
pub(crate) mod contents;
pub mod doc;
mod fees;
mod flows;
pub(crate) mod markdown;
mod parts;
mod reference;
pub mod render;
mod world;
pub mod write;

pub use contents::Builder;
pub use write::{
    GuideFile, GuideStamps, Guides, GuidesWritten, Inputs, document, file_name, site_path,
    write_changed_guides,
};
