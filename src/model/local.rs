//! A municipality's own terms around national rules: the conditions it adds
//! to a national add-on it cites, and the local instrument (要綱, 告示, 条)
//! its own rules rest on. Both are the city's words, never national ones.

use serde::{Deserialize, Serialize};

use super::{FileId, Id, Markdown};

/// Conditions a municipality attaches to national add-ons it cites
/// (`[[addon_condition]]`): who may claim there, what the city asks for.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "市町村が国の加算に付ける独自の条件（[[addon_condition]]）。単位数は書かない"
)]
pub struct AddOnCondition {
    /// The national add-ons the conditions apply to.
    #[schemars(
        description = "条件を付ける国の加算のID（content/national/addons/ の id）。例: [\"chiiki-taisei-kyoka\"]"
    )]
    pub addons: Vec<Id>,
    #[schemars(
        description = "市町村の条件（手引きの言葉のまま、Markdown）。例: 3者以上と共同で対応すること"
    )]
    pub conditions: Vec<Markdown>,
    /// Where in the guide the conditions are stated (4③, Q&A 7).
    #[serde(default)]
    #[schemars(description = "手引きのどこに書かれているか。例: 4③、Q&A 7")]
    pub source: Option<String>,
    #[serde(default)]
    #[schemars(description = "条件を定めた要綱・告示など（[addon_condition.basis]）")]
    pub basis: Option<LegalBasis>,
    #[serde(skip)]
    pub file: FileId,
}

/// The local instrument a city's rule rests on: its 要綱 or 告示, and the
/// article, as the guide names them.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "根拠となる要綱・告示など（手引きに書かれているとおり）")]
pub struct LegalBasis {
    #[schemars(
        description = "要綱・告示・規則などの名前。例: 松江市地域生活支援拠点等事業実施要綱"
    )]
    pub title: String,
    /// The notice's number, where it was issued as one (逗子市告示第12号).
    #[serde(default)]
    #[schemars(description = "告示番号（書かれている場合）。例: 逗子市告示第12号")]
    pub number: Option<String>,
    #[serde(default)]
    #[schemars(description = "条（書かれている場合）。例: 第5条")]
    pub article: Option<String>,
    #[serde(default)]
    #[schemars(description = "注記")]
    pub note: Option<String>,
}

impl LegalBasis {
    /// The basis in one line: 名前第5条（告示番号）。注記.
    pub fn text(&self) -> String {
        let mut s = self.title.clone();
        if let Some(a) = &self.article {
            s.push_str(a);
        }
        if let Some(n) = &self.number {
            s.push_str(&format!("（{n}）"));
        }
        if let Some(n) = &self.note {
            s.push_str(&format!("。{n}"));
        }
        s
    }
}

impl super::Municipality {
    /// The conditions the city attaches to a national add-on, in file order.
    pub fn addon_conditions(&self, addon: &str) -> Vec<&AddOnCondition> {
        self.addon_conditions
            .iter()
            .filter(|c| c.addons.iter().any(|a| a.get_ref() == addon))
            .collect()
    }
}
