//! A municipality's own parts of its guide: who it is, which organisations
//! carry the hub in it and under what local names, and how it describes
//! each hub function.

use serde::{Deserialize, Serialize};

use super::{Date, Directory, FileId, Flow, Id, List, Markdown, Page, Qa, Subsidy, Table, Term};

/// Everything one municipality's guide holds, from `content/cities/<id>/`.
#[derive(Debug)]
pub struct Municipality {
    pub city: CityInfo,
    pub organisations: Vec<Organisation>,
    pub functions: Vec<FunctionDescription>,
    pub flows: Vec<Flow>,
    pub subsidies: Vec<Subsidy>,
    pub qa: Vec<Qa>,
    pub glossary: Vec<Term>,
    pub directories: Vec<Directory>,
    pub tables: Vec<Table>,
    pub lists: Vec<List>,
    pub pages: Vec<Page>,
}

impl Municipality {
    /// A municipality with its `city.toml` read and nothing else yet.
    pub fn new(city: CityInfo) -> Self {
        Municipality {
            city,
            organisations: Vec::new(),
            functions: Vec::new(),
            flows: Vec::new(),
            subsidies: Vec::new(),
            qa: Vec::new(),
            glossary: Vec::new(),
            directories: Vec::new(),
            tables: Vec::new(),
            lists: Vec::new(),
            pages: Vec::new(),
        }
    }

    /// The city's id (`ise`, `zushi` …).
    pub fn id(&self) -> &str {
        self.city.id.get_ref()
    }

    /// The local organisation with this id.
    pub fn organisation(&self, id: &str) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.id.get_ref() == id)
    }

    /// The city's own description of a hub function, if its guide gives one.
    pub fn description(&self, function: &str) -> Option<&FunctionDescription> {
        self.functions
            .iter()
            .find(|d| d.function.get_ref() == function)
    }

    /// The flows that say they carry out a hub function, in their order: where
    /// a guide that describes the function only through its flows says so.
    pub fn flows_of(&self, function: &str) -> Vec<&crate::model::Flow> {
        let mut flows: Vec<_> = self
            .flows
            .iter()
            .filter(|f| f.function.iter().any(|x| x.get_ref() == function))
            .collect();
        flows.sort_by_key(|f| (f.order, f.id.get_ref().clone()));
        flows
    }
}

/// The municipality itself and the facts about its guide (`city.toml`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CityInfo {
    pub id: Id,
    pub name: String,
    /// Reading in kana (いせし), used by search and sorting.
    pub reading: String,
    pub prefecture: String,
    /// Member towns, where the guide covers an area (圏域) of several.
    #[serde(default, rename = "member")]
    pub members: Vec<Member>,
    pub guide: GuideInfo,
    pub purpose: Markdown,
    /// How the hub is built: 面的整備型, 多機能拠点整備型.
    pub development: Development,
    #[serde(default)]
    pub coordinator: Option<Coordinator>,
    /// Forms this municipality uses, by id in `forms/`.
    #[serde(default)]
    pub forms: Vec<Id>,
    /// Hub functions the municipality builds, in the guide's order.
    pub functions: Vec<Id>,
    #[serde(default, rename = "history")]
    pub history: Vec<HistoryEntry>,
    #[serde(skip)]
    pub file: FileId,
}

/// A member town of an area (圏域), e.g. 川越町 in 四日市圏域.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub id: Id,
    pub name: String,
}

/// The guidebook this content was transcribed from.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideInfo {
    pub title: String,
    pub publisher: String,
    #[serde(default)]
    pub issued: Option<Date>,
    /// Who the guide is written for (支援者用, 事業者向け).
    #[serde(default)]
    pub audience: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

/// How the hub is built in this municipality.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Development {
    /// 面的整備型 or 多機能拠点整備型; absent where the guide does not say.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    pub description: Markdown,
}

/// Who coordinates the hub (拠点コーディネーター) and what they do.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coordinator {
    pub organisation: Id,
    pub description: Markdown,
    #[serde(default)]
    pub duties: Vec<LabelledText>,
}

/// A numbered or titled item of text: ①相談・緊急時のコーディネート …
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledText {
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    pub text: Markdown,
}

/// One dated entry of the guide's revision history (更新履歴).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    pub date: Spanned<Date>,
    pub note: String,
}

use super::Spanned;

/// A local organisation, or a local group of organisations, of a national role type.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub id: Id,
    pub name: String,
    /// The national role type (`content/national/roles.toml`).
    pub role: Id,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub summary: Option<Markdown>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub fax: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    /// Member town it belongs to, in an area of several towns.
    #[serde(default)]
    pub member: Option<Id>,
    #[serde(skip)]
    pub file: FileId,
}

/// How a municipality builds one hub function, and who carries it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionDescription {
    /// The national function (`content/national/functions.toml`).
    pub function: Id,
    /// The local wording of the function's name, if it differs.
    #[serde(default)]
    pub local_name: Option<String>,
    pub summary: Markdown,
    #[serde(default, rename = "carrier")]
    pub carriers: Vec<Carrier>,
    /// National add-ons the guide relates to this function.
    #[serde(default)]
    pub addons: Vec<Id>,
    #[serde(default)]
    pub subsidies: Vec<Id>,
    #[serde(default)]
    pub notes: Vec<Markdown>,
    #[serde(skip)]
    pub file: FileId,
}

/// Organisations that carry a function, and their duties in it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Carrier {
    pub organisations: Vec<Id>,
    /// A heading the guide groups these duties under (【その他（地域移行）】).
    #[serde(default)]
    pub label: Option<String>,
    /// 平時 or 緊急時, where the guide splits duties by phase.
    #[serde(default)]
    pub phase: Option<String>,
    pub duties: Vec<Markdown>,
}

/// The prefectures in the order of their JIS X 0401 codes (北海道 01 … 沖縄県 47),
/// the order in which Japanese lists of municipalities run.
pub const PREFECTURES: [&str; 47] = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
];
