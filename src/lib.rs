//! tebiki (手引き) turns one source of structured content about Japan's
//! regional life-support hubs (地域生活支援拠点等) into, for every
//! municipality, a guidebook website, its search index and its blank forms.
//!
//! Data flows one way: [`load`] reads `content/` and `forms/` into the
//! [`model`], [`check`] validates it, and the renderers ([`site`], [`forms`])
//! write a new `site/` that [`output`] swaps in atomically; [`search`] then
//! indexes the rendered pages.

pub mod build;
pub(crate) mod check;
pub mod diag;
pub mod diagram;
pub mod forms;
pub mod guide;
pub mod load;
pub mod messages;
pub mod model;
pub(crate) mod output;
pub(crate) mod render;
pub mod revisions;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod site;
pub(crate) mod webform;
