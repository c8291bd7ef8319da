//! `tebiki new city` and `tebiki new form`: the files an editor starts from,
//! each with commented examples that pass `tebiki check` once uncommented,
//! and 【記入】 where the guide's own words go (`check` warns while one is
//! left). Nothing that exists is ever overwritten.

use crate::messages::Msg;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Marks where the guide's own words go; `check` warns while one is left.
pub(crate) const PLACEHOLDER: &str = "【記入】";

/// A new municipality, as `tebiki new city` is asked for it.
#[derive(Debug, Clone)]
pub struct NewCity {
    pub id: String,
    pub name: String,
    pub prefecture: String,
    /// Reading in hiragana; a placeholder when not given.
    pub reading: Option<String>,
}

/// A new form, as `tebiki new form` is asked for it.
#[derive(Debug, Clone)]
pub struct NewForm {
    pub id: String,
    pub city: String,
    pub title: String,
}

/// Why nothing was written.
#[derive(Debug)]
pub enum ScaffoldError {
    /// The id cannot be a folder or file name of the site.
    BadId(String),
    /// The prefecture is none of the 47.
    BadPrefecture(String),
    /// The folder or file is there already.
    Exists(PathBuf),
    /// The city a form is for does not exist.
    NoCity(String),
    Io(PathBuf, io::Error),
}

impl ScaffoldError {
    /// The error in the catalogue's words.
    pub fn message(&self) -> Msg {
        let path = |p: &Path| crate::diag::display_path(p);
        match self {
            ScaffoldError::BadId(id) => Msg::ScaffoldNotAnId { id: id.clone() },
            ScaffoldError::BadPrefecture(p) => Msg::ScaffoldNotAPrefecture {
                prefecture: p.clone(),
            },
            ScaffoldError::Exists(p) => Msg::ScaffoldExists { path: path(p) },
            ScaffoldError::NoCity(id) => Msg::ScaffoldNoCity { id: id.clone() },
            ScaffoldError::Io(p, e) => Msg::ScaffoldCannotWrite {
                path: path(p),
                error: e.to_string(),
            },
        }
    }
}

impl fmt::Display for ScaffoldError {
    /// The error in English, with its hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().line(crate::messages::Lang::En))
    }
}

fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (key, value)| {
            text.replace(&format!("{{{key}}}"), &toml_text(value))
        })
}

/// A value as it may stand inside a TOML basic string.
fn toml_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

fn valid_id(id: &str) -> Result<(), ScaffoldError> {
    let reserved = ["assets", "search", "national", "forms"];
    if crate::check::is_valid_id(id) && !reserved.contains(&id) {
        Ok(())
    } else {
        Err(ScaffoldError::BadId(id.to_string()))
    }
}

/// Writes `content/cities/<id>/` for a new municipality; returns the files written.
pub fn new_city(content: &Path, city: &NewCity) -> Result<Vec<PathBuf>, ScaffoldError> {
    valid_id(&city.id)?;
    if !crate::model::PREFECTURES.contains(&city.prefecture.as_str()) {
        return Err(ScaffoldError::BadPrefecture(city.prefecture.clone()));
    }
    let dir = content.join("cities").join(&city.id);
    if std::fs::symlink_metadata(&dir).is_ok() {
        return Err(ScaffoldError::Exists(dir));
    }
    let reading = city
        .reading
        .clone()
        .unwrap_or_else(|| PLACEHOLDER.to_string());
    let values = [
        ("id", city.id.as_str()),
        ("name", city.name.as_str()),
        ("prefecture", city.prefecture.as_str()),
        ("reading", reading.as_str()),
    ];
    let mut city_toml = fill(include_str!("city.toml"), &values);
    if city.prefecture == "北海道" {
        // 居住支援機能 is Hokkaido's sixth function.
        city_toml = city_toml.replace("\"taisei\"]", "\"taisei\", \"kyoju\"]");
    }
    let files = [
        ("city.toml", city_toml),
        (
            "organisations.toml",
            fill(include_str!("organisations.toml"), &values),
        ),
        (
            "functions.toml",
            fill(include_str!("functions.toml"), &values),
        ),
        ("flows.toml", fill(include_str!("flows.toml"), &values)),
        (
            "reference.toml",
            fill(include_str!("reference.toml"), &values),
        ),
    ];
    std::fs::create_dir_all(dir.parent().unwrap_or(content))
        .map_err(|e| ScaffoldError::Io(dir.clone(), e))?;
    // The folder is made, not found: a folder that appeared meanwhile is not written into.
    std::fs::create_dir(&dir).map_err(|e| match e.kind() {
        io::ErrorKind::AlreadyExists => ScaffoldError::Exists(dir.clone()),
        _ => ScaffoldError::Io(dir.clone(), e),
    })?;
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        write_new(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes `forms/<id>.toml` for a new form of an existing city; returns its path.
pub fn new_form(content: &Path, forms: &Path, form: &NewForm) -> Result<PathBuf, ScaffoldError> {
    valid_id(&form.id)?;
    if !content
        .join("cities")
        .join(&form.city)
        .join("city.toml")
        .is_file()
    {
        return Err(ScaffoldError::NoCity(form.city.clone()));
    }
    let path = forms.join(format!("{}.toml", form.id));
    let text = fill(
        include_str!("form.toml"),
        &[
            ("id", &form.id),
            ("city", &form.city),
            ("title", &form.title),
        ],
    );
    std::fs::create_dir_all(forms).map_err(|e| ScaffoldError::Io(forms.to_path_buf(), e))?;
    write_new(&path, &text)?;
    Ok(path)
}

/// Creates a file that must not exist yet.
fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => ScaffoldError::Exists(path.to_path_buf()),
            _ => ScaffoldError::Io(path.to_path_buf(), e),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| ScaffoldError::Io(path.to_path_buf(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_for_toml_and_ids_checked() {
        assert_eq!(toml_text("a\"b\\c\n"), "a\\\"b\\\\c\\u000A");
        assert!(matches!(valid_id("Zushi"), Err(ScaffoldError::BadId(_))));
        assert!(matches!(valid_id("assets"), Err(ScaffoldError::BadId(_))));
        assert!(valid_id("zushi").is_ok());
    }
}
