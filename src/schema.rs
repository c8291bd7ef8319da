//! JSON Schemas of the files editors write, made from the same serde types
//! that read them, so that an editor such as VS Code (Even Better TOML, which
//! reads `.taplo.toml`) completes keys, shows each key's Japanese description
//! and marks a misspelt key while the file is being typed.
//!
//! `tebiki schema` writes one schema per kind of file into `schemas/` and the
//! `.taplo.toml` that maps each file to its schema. It overwrites only files it
//! wrote itself (they carry [`MARK`]).

use std::io;
use std::path::{Path, PathBuf};

use schemars::{JsonSchema, Schema, SchemaGenerator};

use crate::forms::definition::FormFile;
use crate::model::accessibility::{Policy, TestResults};
use crate::model::*;

/// Written into every file `tebiki schema` makes; a file without it is the
/// editor's own and is never overwritten.
pub(crate) const MARK: &str = "tebiki schema が書いたファイルです";

/// One kind of file: its schema and the files it applies to.
pub struct Kind {
    /// The schema's file name in `schemas/`.
    pub name: &'static str,
    /// What the files are, in Japanese (the schema's title).
    pub title: &'static str,
    /// Paths of the files, as globs from the project folder.
    pub include: &'static [&'static str],
    pub exclude: &'static [&'static str],
    schema: fn(&mut SchemaGenerator) -> Schema,
}

/// The sections a city's `.toml` file other than `city.toml` may hold (`load` reads these).
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct CitySections {
    #[schemars(description = "市町村の機関（[[organisation]]）")]
    #[serde(default)]
    organisation: Vec<Organisation>,
    #[schemars(description = "機能をどう整備し誰が担うか（[[function]]）")]
    #[serde(default)]
    function: Vec<FunctionDescription>,
    #[schemars(description = "手続きの流れ（[[flow]]）")]
    #[serde(default)]
    flow: Vec<Flow>,
    #[schemars(description = "市町村独自の補助（[[subsidy]]）")]
    #[serde(default)]
    subsidy: Vec<Subsidy>,
    #[schemars(description = "国の加算に付ける市町村の条件（[[addon_condition]]）")]
    #[serde(default)]
    addon_condition: Vec<AddOnCondition>,
    #[schemars(description = "質問と回答（[[qa]]）")]
    #[serde(default)]
    qa: Vec<Qa>,
    #[schemars(description = "用語集（[[term]]）")]
    #[serde(default)]
    term: Vec<Term>,
    #[schemars(description = "連絡先の一覧（[[directory]]）")]
    #[serde(default)]
    directory: Vec<Directory>,
    #[schemars(description = "表（[[table]]）")]
    #[serde(default)]
    table: Vec<Table>,
    #[schemars(description = "箇条書き（[[list]]）")]
    #[serde(default)]
    list: Vec<List>,
}

/// The sections a national `.toml` file may hold.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct NationalSections {
    #[schemars(description = "拠点等の機能（[[function]]）")]
    #[serde(default)]
    function: Vec<HubFunction>,
    #[schemars(description = "機関の種類（[[role]]）")]
    #[serde(default)]
    role: Vec<RoleType>,
    #[schemars(description = "報酬改定（[[revision]]）")]
    #[serde(default)]
    revision: Vec<Revision>,
    #[schemars(description = "基本報酬・加算（[[addon]]）")]
    #[serde(default)]
    addon: Vec<AddOn>,
    #[schemars(description = "標準モニタリング期間（[[monitoring]]）")]
    #[serde(default)]
    monitoring: Vec<MonitoringPeriod>,
    #[schemars(description = "表（[[table]]）")]
    #[serde(default)]
    table: Vec<Table>,
}

fn of<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    generator.root_schema_for::<T>()
}

/// Every kind of file editors write, in the order `.taplo.toml` lists them.
pub(crate) const KINDS: &[Kind] = &[
    Kind {
        name: "city.schema.json",
        title: "市町村とその手引き（city.toml）",
        include: &["content/cities/*/city.toml"],
        exclude: &[],
        schema: of::<CityInfo>,
    },
    Kind {
        name: "city-sections.schema.json",
        title: "市町村の内容（機関・機能・流れ・補助・Q&A・用語・連絡先・表・箇条書き）",
        include: &["content/cities/*/*.toml"],
        exclude: &["content/cities/*/city.toml"],
        schema: of::<CitySections>,
    },
    Kind {
        name: "national.schema.json",
        title: "国の内容（機能・機関の種類・報酬改定・加算・モニタリング期間・表）",
        include: &["content/national/**/*.toml"],
        exclude: &[],
        schema: of::<NationalSections>,
    },
    Kind {
        name: "accessibility-policy.schema.json",
        title: "ウェブアクセシビリティ方針",
        include: &["content/accessibility/policy.toml"],
        exclude: &[],
        schema: of::<Policy>,
    },
    Kind {
        name: "accessibility-results.schema.json",
        title: "アクセシビリティの試験結果",
        include: &["content/accessibility/results.toml"],
        exclude: &[],
        schema: of::<TestResults>,
    },
    Kind {
        name: "synonyms.schema.json",
        title: "検索の言い換え（表記のゆれ）",
        include: &["content/search/synonyms.toml"],
        exclude: &[],
        schema: of::<crate::search::synonyms::SynonymsFile>,
    },
    Kind {
        name: "form.schema.json",
        title: "様式の定義",
        include: &["forms/**/*.toml"],
        exclude: &[],
        schema: of::<FormFile>,
    },
];

impl Kind {
    /// The schema as JSON text, the same bytes on every run.
    pub fn json(&self) -> String {
        let mut generator = schemars::generate::SchemaSettings::draft07().into_generator();
        let mut schema = serde_json::Value::from((self.schema)(&mut generator));
        drop_null(&mut schema);
        schema["title"] = self.title.into();
        schema["$comment"] = MARK.into();
        let mut text = serde_json::to_string_pretty(&schema).expect("a schema is JSON");
        text.push('\n');
        text
    }
}

/// Where the files are, as written in `.taplo.toml`: folders relative to the project.
pub(crate) struct Places<'a> {
    pub schemas: &'a str,
    pub content: &'a str,
    pub forms: &'a str,
}

/// TOML has no null: a key that may be left out is simply not required, so
/// `null` is taken out of every type and default, which an editor would
/// otherwise offer to type.
fn drop_null(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            if map.get("default").is_some_and(Value::is_null) {
                map.remove("default");
            }
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if let [only] = types.as_slice() {
                    let only = only.clone();
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(any)) = map.get_mut("anyOf") {
                any.retain(|s| s.get("type").is_none_or(|t| t != "null"));
                if any.len() == 1 {
                    let only = any.pop().unwrap_or_default();
                    map.remove("anyOf");
                    match only {
                        Value::Object(inner) if !inner.contains_key("$ref") => map.extend(inner),
                        reference => {
                            map.insert("allOf".into(), Value::Array(vec![reference]));
                        }
                    }
                }
            }
            map.values_mut().for_each(drop_null);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}

/// `.taplo.toml`: each file to its schema, for the editor's TOML extension.
pub(crate) fn taplo_config(places: &Places) -> String {
    let quoted = |globs: &[&str]| {
        globs
            .iter()
            .map(|g| {
                let g = match g.split_once('/') {
                    Some(("content", rest)) => format!("{}/{rest}", places.content),
                    Some(("forms", rest)) => format!("{}/{rest}", places.forms),
                    _ => g.to_string(),
                };
                format!("{:?}", g)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = format!(
        "# {MARK}（tebiki schema で作り直せます）。\n\
         # VS Code の拡張機能 Even Better TOML などが、この対応表で各ファイルの\n\
         # キーを補い、誤りに印をつけます。\n\n\
         include = [{:?}, {:?}]\n",
        format!("{}/**/*.toml", places.content),
        format!("{}/**/*.toml", places.forms),
    );
    for kind in KINDS {
        text.push_str(&format!(
            "\n# {}\n[[rule]]\ninclude = [{}]\n",
            kind.title,
            quoted(kind.include)
        ));
        if !kind.exclude.is_empty() {
            text.push_str(&format!("exclude = [{}]\n", quoted(kind.exclude)));
        }
        text.push_str(&format!(
            "[rule.schema]\npath = \"{}/{}\"\n",
            places.schemas, kind.name
        ));
    }
    text
}

/// What `tebiki schema` wrote, or why it wrote nothing.
#[derive(Debug)]
pub enum Refused {
    /// A file that tebiki did not write is in the way.
    NotOurs(PathBuf),
    Io(PathBuf, io::Error),
}

impl Refused {
    /// What to tell the editor.
    pub fn message(&self) -> crate::messages::Msg {
        use crate::messages::Msg;
        match self {
            Refused::NotOurs(path) => Msg::SchemaNotOurs {
                path: crate::diag::display_path(path),
            },
            Refused::Io(path, e) => Msg::SchemaCannotWrite {
                path: crate::diag::display_path(path),
                error: e.to_string(),
            },
        }
    }
}

/// Writes every schema into `dir` and `.taplo.toml` into the working folder,
/// naming the schemas and the content and form files by the paths given.
/// Nothing is written if any file in the way was not written by tebiki.
pub fn write(dir: &Path, content: &Path, forms: &Path) -> Result<Vec<PathBuf>, Refused> {
    let shown = |p: &Path| {
        crate::diag::display_path(p)
            .trim_start_matches("./")
            .trim_end_matches('/')
            .to_string()
    };
    let mut files: Vec<(PathBuf, String)> = KINDS
        .iter()
        .map(|kind| (dir.join(kind.name), kind.json()))
        .collect();
    let places = Places {
        schemas: &shown(dir),
        content: &shown(content),
        forms: &shown(forms),
    };
    files.push((PathBuf::from(".taplo.toml"), taplo_config(&places)));
    for (path, _) in &files {
        match crate::load::file::read_text(path, crate::load::file::SOURCE_LIMIT) {
            Ok(old) if !old.contains(MARK) => return Err(Refused::NotOurs(path.clone())),
            Err(_) if path.symlink_metadata().is_ok() => {
                return Err(Refused::NotOurs(path.clone()));
            }
            _ => {}
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| Refused::Io(dir.to_path_buf(), e))?;
    for (path, text) in &files {
        std::fs::write(path, text).map_err(|e| Refused::Io(path.clone(), e))?;
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn properties(kind: &Kind) -> Vec<String> {
        let schema: serde_json::Value = serde_json::from_str(&kind.json()).unwrap();
        let mut keys: Vec<String> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn the_section_schemas_hold_the_sections_the_loader_reads() {
        let sorted = |list: &[&str]| {
            let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
            v.sort();
            v
        };
        let city = KINDS.iter().find(|k| k.name == "city-sections.schema.json");
        assert_eq!(
            properties(city.unwrap()),
            sorted(crate::load::CITY_SECTIONS)
        );
        let national = KINDS.iter().find(|k| k.name == "national.schema.json");
        assert_eq!(
            properties(national.unwrap()),
            sorted(crate::load::NATIONAL_SECTIONS)
        );
    }

    #[test]
    fn every_key_has_a_japanese_description() {
        fn walk(value: &serde_json::Value, at: &str, missing: &mut Vec<String>) {
            if let Some(props) = value.get("properties").and_then(|p| p.as_object()) {
                for (key, prop) in props {
                    let text = prop.get("description").and_then(|d| d.as_str());
                    let japanese = text.is_some_and(|t| {
                        t.chars()
                            .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
                    });
                    if !japanese {
                        missing.push(format!("{at}.{key}"));
                    }
                }
            }
            match value {
                serde_json::Value::Object(map) => {
                    for (k, v) in map {
                        walk(v, &format!("{at}/{k}"), missing);
                    }
                }
                serde_json::Value::Array(items) => {
                    for v in items {
                        walk(v, at, missing);
                    }
                }
                _ => {}
            }
        }
        let mut missing = Vec::new();
        for kind in KINDS {
            let schema: serde_json::Value = serde_json::from_str(&kind.json()).unwrap();
            walk(&schema, kind.name, &mut missing);
        }
        assert!(
            missing.is_empty(),
            "keys without a Japanese description: {missing:#?}"
        );
    }
}
