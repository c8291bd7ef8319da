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
    /// Conditions the city attaches to national add-ons it cites.
    pub addon_conditions: Vec<super::AddOnCondition>,
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
            addon_conditions: Vec::new(),
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

    /// The local subsidy with this id.
    pub(crate) fn subsidy(&self, id: &str) -> Option<&Subsidy> {
        self.subsidies.iter().find(|s| s.id.get_ref() == id)
    }

    /// The city's own description of a hub function, if its guide gives one.
    pub fn description(&self, function: &str) -> Option<&FunctionDescription> {
        self.functions
            .iter()
            .find(|d| d.function.get_ref() == function)
    }

    /// The flows that say they carry out a hub function, in their order: where
    /// a guide that describes the function only through its flows says so.
    pub(crate) fn flows_of(&self, function: &str) -> Vec<&crate::model::Flow> {
        let mut flows: Vec<_> = self
            .flows
            .iter()
            .filter(|f| f.function.iter().any(|x| x.get_ref() == function))
            .collect();
        flows.sort_by_key(|f| (f.order, f.id.get_ref().clone()));
        flows
    }
}

/// One entity of a city's guide: what `tebiki diff` and `serve` compare, and
/// what a source file holds. It serialises as the entity itself.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(untagged)]
pub enum Entity<'c> {
    City(&'c CityInfo),
    Organisation(&'c Organisation),
    Function(&'c FunctionDescription),
    Flow(&'c Flow),
    Subsidy(&'c Subsidy),
    AddOnCondition(&'c super::AddOnCondition),
    Qa(&'c Qa),
    Term(&'c Term),
    Directory(&'c Directory),
    Table(&'c Table),
    List(&'c List),
    Page(&'c Page),
}

impl Municipality {
    /// Every entity of the city, part by part. The parts are taken apart
    /// whole, so a new part of [`Municipality`] does not compile until the
    /// walk gives its entities — and with it the loader's file numbers, the
    /// link checker's files, `diff` and `serve` (which all take this walk).
    pub fn entities(&self) -> Vec<Entity<'_>> {
        let Municipality {
            city,
            organisations,
            functions,
            flows,
            subsidies,
            addon_conditions,
            qa,
            glossary,
            directories,
            tables,
            lists,
            pages,
        } = self;
        let mut all = vec![Entity::City(city)];
        all.extend(organisations.iter().map(Entity::Organisation));
        all.extend(functions.iter().map(Entity::Function));
        all.extend(flows.iter().map(Entity::Flow));
        all.extend(subsidies.iter().map(Entity::Subsidy));
        all.extend(addon_conditions.iter().map(Entity::AddOnCondition));
        all.extend(qa.iter().map(Entity::Qa));
        all.extend(glossary.iter().map(Entity::Term));
        all.extend(directories.iter().map(Entity::Directory));
        all.extend(tables.iter().map(Entity::Table));
        all.extend(lists.iter().map(Entity::List));
        all.extend(pages.iter().map(Entity::Page));
        all
    }

    /// The source file number of every entity, to renumber them (the same walk as [`Self::entities`]).
    pub(crate) fn files_mut(&mut self) -> Vec<&mut FileId> {
        let Municipality {
            city,
            organisations,
            functions,
            flows,
            subsidies,
            addon_conditions,
            qa,
            glossary,
            directories,
            tables,
            lists,
            pages,
        } = self;
        let mut all = vec![&mut city.file];
        all.extend(organisations.iter_mut().map(|x| &mut x.file));
        all.extend(functions.iter_mut().map(|x| &mut x.file));
        all.extend(flows.iter_mut().map(|x| &mut x.file));
        all.extend(subsidies.iter_mut().map(|x| &mut x.file));
        all.extend(addon_conditions.iter_mut().map(|x| &mut x.file));
        all.extend(qa.iter_mut().map(|x| &mut x.file));
        all.extend(glossary.iter_mut().map(|x| &mut x.file));
        for x in directories {
            all.push(&mut x.file);
            all.extend(x.contacts_file.as_mut());
        }
        for x in tables {
            all.push(&mut x.file);
            all.extend(x.rows_file.as_mut());
        }
        all.extend(lists.iter_mut().map(|x| &mut x.file));
        all.extend(pages.iter_mut().map(|x| &mut x.file));
        all
    }
}

/// Where a city's guide names a national add-on: a function it describes,
/// a step of a flow, or an organisation's duty at a step.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cited<'c> {
    Function(&'c FunctionDescription),
    Step(&'c Flow, &'c super::Step),
    Duty(&'c Flow, &'c super::Step, &'c super::Duty),
}

impl Cited<'_> {
    /// The source file the citation is written in.
    pub(crate) fn file(&self) -> FileId {
        match self {
            Cited::Function(f) => f.file,
            Cited::Step(flow, _) | Cited::Duty(flow, ..) => flow.file,
        }
    }
}

impl Municipality {
    /// Every add-on the city's functions and flows name, with where, in
    /// content order: the one walk the checker, the add-on pages, the
    /// printed guide and the history take.
    pub(crate) fn addon_citations(&self) -> Vec<(&Id, Cited<'_>)> {
        let mut out = Vec::new();
        for f in &self.functions {
            out.extend(f.addons.iter().map(|a| (a, Cited::Function(f))));
        }
        for flow in &self.flows {
            for step in &flow.steps {
                out.extend(step.addons.iter().map(|a| (a, Cited::Step(flow, step))));
                for duty in &step.duties {
                    out.extend(
                        duty.addons
                            .iter()
                            .map(|a| (a, Cited::Duty(flow, step, duty))),
                    );
                }
            }
        }
        out
    }
}

impl Entity<'_> {
    /// The kind's name in `tebiki diff` (`qa`, `flow` …).
    pub fn kind(&self) -> &'static str {
        match self {
            Entity::City(_) => "city",
            Entity::Organisation(_) => "organisation",
            Entity::Function(_) => "function",
            Entity::Flow(_) => "flow",
            Entity::Subsidy(_) => "subsidy",
            Entity::AddOnCondition(_) => "addon_condition",
            Entity::Qa(_) => "qa",
            Entity::Term(_) => "term",
            Entity::Directory(_) => "directory",
            Entity::Table(_) => "table",
            Entity::List(_) => "list",
            Entity::Page(_) => "page",
        }
    }

    /// Its id (a function description by its national function's id, a
    /// city's conditions by the add-ons they are for).
    pub fn id(&self) -> std::borrow::Cow<'_, str> {
        let id: &str = match self {
            Entity::AddOnCondition(x) => {
                let ids: Vec<&str> = x.addons.iter().map(|a| a.get_ref().as_str()).collect();
                return ids.join("+").into();
            }
            Entity::City(x) => x.id.get_ref(),
            Entity::Organisation(x) => x.id.get_ref(),
            Entity::Function(x) => x.function.get_ref(),
            Entity::Flow(x) => x.id.get_ref(),
            Entity::Subsidy(x) => x.id.get_ref(),
            Entity::Qa(x) => x.id.get_ref(),
            Entity::Term(x) => x.id.get_ref(),
            Entity::Directory(x) => x.id.get_ref(),
            Entity::Table(x) => x.id.get_ref(),
            Entity::List(x) => x.id.get_ref(),
            Entity::Page(x) => x.meta.id.get_ref(),
        };
        id.into()
    }

    /// The source files it was read from: its own, and the CSV file of a
    /// directory's contacts or a table's rows.
    pub fn files(&self) -> Vec<FileId> {
        let more = match self {
            Entity::Directory(x) => x.contacts_file,
            Entity::Table(x) => x.rows_file,
            _ => None,
        };
        std::iter::once(self.file()).chain(more).collect()
    }

    /// The source file it was read from.
    pub fn file(&self) -> FileId {
        match self {
            Entity::City(x) => x.file,
            Entity::Organisation(x) => x.file,
            Entity::Function(x) => x.file,
            Entity::Flow(x) => x.file,
            Entity::Subsidy(x) => x.file,
            Entity::AddOnCondition(x) => x.file,
            Entity::Qa(x) => x.file,
            Entity::Term(x) => x.file,
            Entity::Directory(x) => x.file,
            Entity::Table(x) => x.file,
            Entity::List(x) => x.file,
            Entity::Page(x) => x.file,
        }
    }

    /// Its content as data, without source positions.
    pub(crate) fn to_json(self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// The municipality itself and the facts about its guide (`city.toml`).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "市町村とその手引きについて（city.toml）")]
pub struct CityInfo {
    #[schemars(description = "市町村のID（フォルダ名と同じ、半角英小文字・数字・-）。例: ise")]
    pub id: Id,
    #[schemars(description = "市町村名。例: 伊勢市")]
    pub name: String,
    /// Reading in kana (いせし), used by search and sorting.
    #[schemars(description = "市町村名の読み（ひらがな）。例: いせし")]
    pub reading: String,
    #[schemars(description = "都道府県名。例: 三重県")]
    pub prefecture: String,
    /// Member towns, where the guide covers an area (圏域) of several.
    #[serde(default, rename = "member")]
    #[schemars(description = "圏域で作る手引きの場合の構成市町（[[member]]）")]
    pub members: Vec<Member>,
    #[schemars(description = "もとになった手引き（[guide]）")]
    pub guide: GuideInfo,
    #[schemars(description = "拠点等の目的（Markdown）")]
    pub purpose: Markdown,
    /// How the hub is built: 面的整備型, 多機能拠点整備型.
    #[schemars(description = "整備の方法（[development]）")]
    pub development: Development,
    #[serde(default)]
    #[schemars(description = "拠点コーディネーター（[coordinator]）")]
    pub coordinator: Option<Coordinator>,
    /// Forms this municipality uses, by id in `forms/`.
    #[serde(default)]
    #[schemars(description = "この市町村が使う様式のID（forms/ のファイルの id）")]
    pub forms: Vec<Id>,
    /// Hub functions the municipality builds, in the guide's order.
    #[schemars(description = "整備する機能のID（手引きの順）。例: [\"soudan\", \"kinkyu\"]")]
    pub functions: Vec<Id>,
    #[serde(default, rename = "history")]
    #[schemars(description = "手引きの更新履歴（[[history]]）")]
    pub history: Vec<HistoryEntry>,
    #[serde(skip)]
    pub file: FileId,
}

/// A member town of an area (圏域), e.g. 川越町 in 四日市圏域.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "圏域の構成市町1つ")]
pub struct Member {
    #[schemars(description = "構成市町のID（半角英小文字・数字・-）。例: kawagoe")]
    pub id: Id,
    #[schemars(description = "構成市町の名前。例: 川越町")]
    pub name: String,
}

/// The guidebook this content was transcribed from.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "もとになった手引き")]
pub struct GuideInfo {
    #[schemars(description = "手引きの題名（手引きに書かれたとおり）")]
    pub title: String,
    #[schemars(description = "発行者。例: 伊勢市健康福祉部障がい福祉課")]
    pub publisher: String,
    #[serde(default)]
    #[schemars(description = "発行日（手引きに書かれている場合だけ）。例: 令和6年11月1日")]
    pub issued: Option<Date>,
    /// Who the guide is written for (支援者用, 事業者向け).
    #[serde(default)]
    #[schemars(description = "誰向けの手引きか。例: 支援者用、事業者向け")]
    pub audience: Option<String>,
    #[serde(default)]
    #[schemars(description = "手引きの状態。案の段階なら 案")]
    pub status: Option<String>,
    /// The day the guide says its content is current to (令和6年8月現在),
    /// where it says so; never a day it does not state.
    #[serde(default)]
    #[schemars(
        description = "手引きが「〇〇現在」と書いている時点（書いている場合だけ）。例: 令和6年8月"
    )]
    pub as_of: Option<Date>,
    /// The fee revision whose units the guide states (`content/national/revisions.toml`).
    #[serde(default)]
    #[schemars(
        description = "手引きに載っている単位数がどの報酬改定のものか（revisions.toml の id）。例: r3"
    )]
    pub fee_revision: Option<Id>,
    /// What the guide says in so many words it does not have: shown as なし,
    /// where silence is shown as 記載なし.
    #[serde(default)]
    #[schemars(
        description = "手引きが「ない」と書いているもの（書かれていないだけなら書かない）。subsidies＝市単独補助、coordinator＝拠点コーディネーター。例: [\"subsidies\"]"
    )]
    pub states_none: Vec<Spanned<Stated>>,
}

/// A part of a guide that the guide may say it does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Stated {
    /// 市単独補助: the city pays none of its own.
    #[schemars(description = "市単独補助はない")]
    Subsidies,
    /// 拠点コーディネーター: none is placed.
    #[schemars(description = "拠点コーディネーターは置かない")]
    Coordinator,
}

impl GuideInfo {
    /// The word for an empty part: なし where the guide says there is none,
    /// 記載なし where it is silent.
    pub fn nothing(&self, what: Stated) -> &'static str {
        if self.states_none.iter().any(|s| *s.get_ref() == what) {
            "なし"
        } else {
            "記載なし"
        }
    }
}

/// How the hub is built in this municipality.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "整備の方法")]
pub struct Development {
    /// 面的整備型 or 多機能拠点整備型; absent where the guide does not say.
    #[serde(default, rename = "type")]
    #[schemars(
        description = "面的整備型 または 多機能拠点整備型（手引きに書かれていなければ書かない）"
    )]
    pub kind: Option<String>,
    #[schemars(description = "整備の方法の説明（Markdown）")]
    pub description: Markdown,
}

/// Who coordinates the hub (拠点コーディネーター) and what they do.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "拠点コーディネーター")]
pub struct Coordinator {
    #[schemars(description = "配置される機関のID（[[organisation]] の id）")]
    pub organisation: Id,
    #[schemars(description = "説明（Markdown）")]
    pub description: Markdown,
    #[serde(default)]
    #[schemars(description = "役割（[[coordinator.duties]]）")]
    pub duties: Vec<LabelledText>,
}

/// A numbered or titled item of text: ①相談・緊急時のコーディネート …
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "番号や題のついた文章。例: ①相談・緊急時のコーディネート")]
pub struct LabelledText {
    #[serde(default)]
    #[schemars(description = "番号。例: ①")]
    pub label: Option<String>,
    #[serde(default)]
    #[schemars(description = "題")]
    pub title: Option<String>,
    #[schemars(description = "本文（Markdown）")]
    pub text: Markdown,
}

/// One dated entry of the guide's revision history (更新履歴).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "更新履歴の1行")]
pub struct HistoryEntry {
    #[schemars(description = "日付。例: 令和6年4月1日")]
    pub date: Spanned<Date>,
    #[schemars(description = "何を変えたか")]
    pub note: String,
}

use super::Spanned;

/// A local organisation, or a local group of organisations, of a national role type.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "市町村の機関、または機関のまとまり（[[organisation]]）")]
pub struct Organisation {
    #[schemars(description = "機関のID（半角英小文字・数字・-）。例: kikan-center")]
    pub id: Id,
    #[schemars(description = "機関の名前（手引きの呼び方）")]
    pub name: String,
    /// The national role type (`content/national/roles.toml`).
    #[schemars(description = "国の役割の種類のID（content/national/roles.toml の id）")]
    pub role: Id,
    #[serde(default)]
    #[schemars(description = "ほかの呼び方")]
    pub aliases: Vec<String>,
    #[serde(default)]
    #[schemars(description = "説明（Markdown）")]
    pub summary: Option<Markdown>,
    #[serde(default)]
    #[schemars(description = "電話番号。例: 0596-21-5555")]
    pub phone: Option<String>,
    #[serde(default)]
    #[schemars(description = "FAX番号")]
    pub fax: Option<String>,
    #[serde(default)]
    #[schemars(description = "住所")]
    pub address: Option<String>,
    /// Member town it belongs to, in an area of several towns.
    #[serde(default)]
    #[schemars(description = "属する構成市町のID（圏域の場合）")]
    pub member: Option<Id>,
    #[serde(skip)]
    pub file: FileId,
}

/// How a municipality builds one hub function, and who carries it.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "市町村が1つの機能をどう整備し、誰が担うか（[[function]]）")]
pub struct FunctionDescription {
    /// The national function (`content/national/functions.toml`).
    #[schemars(description = "国の機能のID（content/national/functions.toml の id）")]
    pub function: Id,
    /// The local wording of the function's name, if it differs.
    #[serde(default)]
    #[schemars(description = "市町村での呼び方（国の名前と違う場合）")]
    pub local_name: Option<String>,
    #[schemars(description = "説明（Markdown）")]
    pub summary: Markdown,
    #[serde(default, rename = "carrier")]
    #[schemars(description = "担う機関とその役割（[[function.carrier]]）")]
    pub carriers: Vec<Carrier>,
    /// National add-ons the guide relates to this function.
    #[serde(default)]
    #[schemars(description = "手引きがこの機能に結びつける国の加算のID")]
    pub addons: Vec<Id>,
    #[serde(default)]
    #[schemars(description = "関係する市町村独自の補助のID（[[subsidy]] の id）")]
    pub subsidies: Vec<Id>,
    #[serde(default)]
    #[schemars(description = "注記（Markdown）")]
    pub notes: Vec<Markdown>,
    #[serde(skip)]
    pub file: FileId,
}

/// Organisations that carry a function, and their duties in it.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "機能を担う機関と、その役割")]
pub struct Carrier {
    #[schemars(description = "担う機関のID（[[organisation]] の id）")]
    pub organisations: Vec<Id>,
    /// A heading the guide groups these duties under (【その他（地域移行）】).
    #[serde(default)]
    #[schemars(description = "役割をまとめる見出し。例: 【その他（地域移行）】")]
    pub label: Option<String>,
    /// 平時 or 緊急時, where the guide splits duties by phase.
    #[serde(default)]
    #[schemars(description = "平時 または 緊急時（手引きが分けている場合）")]
    pub phase: Option<String>,
    #[schemars(description = "役割（Markdown）")]
    pub duties: Vec<Markdown>,
}

/// The prefectures in the order of their JIS X 0401 codes (北海道 01 … 沖縄県 47),
/// the order in which Japanese lists of municipalities run.
pub(crate) const PREFECTURES: [&str; 47] = [
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
