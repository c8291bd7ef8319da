//! Where a build may write, and how a new site takes the place of the old one
//! without ever losing a file that tebiki did not write.
//!
//! tebiki writes only into a folder it made: every output it writes carries
//! the marker file [`MARKER`]. A folder without the marker is replaced only
//! when it is empty or holds nothing but publishing files ([`PUBLISHING`]),
//! or when `--force` was given; never a file, a device, a symbolic link, or a
//! folder that is, holds or lies inside the sources ([`check_target`]).
//!
//! A build is written into a staging folder beside the output and put in
//! place with one atomic exchange of the two folders where the system has one
//! (`renameat2(RENAME_EXCHANGE)` on Linux, `renameatx_np(RENAME_SWAP)` on
//! macOS), else with two renames whose interruption the next run repairs.
//! The publishing files of the old output move into the new one, and
//! staging folders left by a killed run are cleaned up by the next
//! ([`Staging`]).

mod staging;
mod swap;
mod target;

pub(crate) use staging::{Staging, recover};
pub(crate) use target::{Refusal, Target, check_target};

/// The file that marks a folder as tebiki's output.
pub(crate) const MARKER: &str = ".tebiki-output";

/// What the marker file says to a person who opens it.
pub(crate) const MARKER_TEXT: &str = "\
このフォルダは tebiki build が書き出したサイトです。ビルドのたびに全体が置き換わります。
公開用のファイル（.git, CNAME, .nojekyll など）はそのまま残ります。

This folder is a site written by `tebiki build`; every build replaces it as a whole.
Publishing files (.git, CNAME, .nojekyll, …) are kept.
";

/// Files and folders of an output that belong to its publishing, not to the
/// site: a build keeps them where it finds them, and `serve` never deletes
/// them. A build that writes a file of the same name replaces it.
pub(crate) const PUBLISHING: &[&str] = &[
    ".git",
    ".gitignore",
    ".gitattributes",
    ".nojekyll",
    "CNAME",
    ".well-known",
    "_headers",
    "_redirects",
    ".htaccess",
    ".domains",
];

/// True for a top-level name of the output that a rebuild must leave alone:
/// the marker and the publishing files.
pub(crate) fn is_kept(name: &str) -> bool {
    name == MARKER || PUBLISHING.contains(&name)
}
