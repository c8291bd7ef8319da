//! Revisions of the content: what changed between two versions (every value
//! and every output page or form, per city), and each city's generated
//! history of dated changes (更新履歴).

pub(crate) mod changes;
pub(crate) mod history;
pub(crate) mod impact;
pub mod version;

use serde::Serialize;

pub(crate) use changes::ValueChange;
pub(crate) use impact::OutputChange;

/// Everything `tebiki diff` reports.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// Changed values of the content, by entity.
    pub values: Vec<ValueChange>,
    /// Changed files of the built output, by city.
    pub outputs: Vec<OutputChange>,
}

impl Report {
    /// True if neither content nor output changed.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.outputs.is_empty()
    }

    /// The report as plain text for the terminal.
    pub fn to_text(&self) -> String {
        if self.is_empty() {
            return "no changes\n".to_string();
        }
        let mut out = String::new();
        out.push_str(&format!("changed values: {}\n", self.values.len()));
        for v in &self.values {
            out.push_str(&format!(
                "  {} {} {} `{}`\n",
                v.change.symbol(),
                v.scope,
                v.kind,
                v.id
            ));
            for field in &v.fields {
                out.push_str(&format!(
                    "      {}: {} → {}\n",
                    field.path, field.old, field.new
                ));
            }
        }
        let mut scopes: Vec<&str> = self.outputs.iter().map(|o| o.scope.as_str()).collect();
        scopes.dedup();
        out.push_str(&format!("changed outputs: {}\n", self.outputs.len()));
        for scope in scopes {
            out.push_str(&format!("  {scope}:\n"));
            for o in self.outputs.iter().filter(|o| o.scope == scope) {
                out.push_str(&format!("    {} {}\n", o.change.symbol(), o.path));
            }
        }
        out
    }
}

/// How a thing changed between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

impl Change {
    /// One character for the text report.
    pub(crate) fn symbol(self) -> char {
        match self {
            Change::Added => '+',
            Change::Removed => '-',
            Change::Changed => '~',
        }
    }
}

/// Compares two versions of the inputs: loads and checks both as of `as_of`,
/// builds both with the same theme, and reports changed values and outputs.
pub fn diff(
    old: &version::Version,
    new: &version::Version,
    themes: &std::path::Path,
    as_of: crate::model::Date,
) -> Result<Report, DiffFailure> {
    use crate::build::{self, Options};
    use crate::load::Inputs;

    let inputs = |s: &version::Version| Inputs::in_project(&s.root);
    let (old_guide, old_diags) = build::check(&inputs(old), as_of);
    let (new_guide, new_diags) = build::check(&inputs(new), as_of);
    for diags in [old_diags, new_diags] {
        if diags.has_errors() {
            return Err(DiffFailure::Content(diags));
        }
    }
    let values = changes::compare(&old_guide, &new_guide);
    let out = tempfile::tempdir().map_err(DiffFailure::Io)?;
    let build_into = |s: &version::Version, name: &str| {
        let options = Options {
            inputs: inputs(s),
            as_of,
            themes: themes.to_path_buf(),
            out: out.path().join(name),
            base_url: None,
            force: false,
        };
        build::build(&options).map(|_| ())
    };
    for (s, name) in [(old, "old"), (new, "new")] {
        match build_into(s, name) {
            Ok(()) => {}
            Err(build::Failure::Content(d)) => return Err(DiffFailure::Content(d)),
            Err(build::Failure::Io(e)) => return Err(DiffFailure::Io(e)),
            Err(build::Failure::Refused(r)) => {
                return Err(DiffFailure::Io(std::io::Error::other(r.to_string())));
            }
        }
    }
    let mut cities: Vec<String> = old_guide
        .cities
        .iter()
        .map(|c| c.id().to_string())
        .collect();
    cities.extend(new_guide.cities.iter().map(|c| c.id().to_string()));
    let outputs = impact::compare(&out.path().join("old"), &out.path().join("new"), &cities);
    Ok(Report { values, outputs })
}

/// Why a diff could not be made.
#[derive(Debug)]
pub enum DiffFailure {
    /// One of the versions has content errors.
    Content(crate::diag::Diagnostics),
    /// A temporary build could not be written.
    Io(std::io::Error),
}
