//! National rules, the same in every municipality: the hub functions, the
//! role types, the fee revisions and the add-ons (加算) of the fee schedule,
//! and the standard monitoring periods.

use serde::{Deserialize, Serialize};

use super::{Date, FileId, Id, Markdown, Table};

/// All national content, from `content/national/`.
#[derive(Debug, Default)]
pub struct National {
    pub functions: Vec<HubFunction>,
    pub roles: Vec<RoleType>,
    pub revisions: Vec<Revision>,
    pub addons: Vec<AddOn>,
    pub monitoring: Vec<MonitoringPeriod>,
    pub tables: Vec<Table>,
    pub pages: Vec<super::Page>,
}

/// One entity of the national rules, as [`National::entities`] walks them.
/// It serialises as the entity itself.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(untagged)]
pub(crate) enum NationalEntity<'n> {
    Function(&'n HubFunction),
    Role(&'n RoleType),
    Revision(&'n Revision),
    AddOn(&'n AddOn),
    Monitoring(&'n MonitoringPeriod),
    Table(&'n Table),
    Page(&'n super::Page),
}

impl National {
    /// Every national entity, part by part; the parts are taken apart whole,
    /// so a new part does not compile until the walk gives its entities.
    pub(crate) fn entities(&self) -> Vec<NationalEntity<'_>> {
        let National {
            functions,
            roles,
            revisions,
            addons,
            monitoring,
            tables,
            pages,
        } = self;
        let mut all: Vec<NationalEntity<'_>> =
            functions.iter().map(NationalEntity::Function).collect();
        all.extend(roles.iter().map(NationalEntity::Role));
        all.extend(revisions.iter().map(NationalEntity::Revision));
        all.extend(addons.iter().map(NationalEntity::AddOn));
        all.extend(monitoring.iter().map(NationalEntity::Monitoring));
        all.extend(tables.iter().map(NationalEntity::Table));
        all.extend(pages.iter().map(NationalEntity::Page));
        all
    }
}

impl NationalEntity<'_> {
    /// The kind's name in `tebiki diff` (`addon`, `role` …).
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            NationalEntity::Function(_) => "function",
            NationalEntity::Role(_) => "role",
            NationalEntity::Revision(_) => "revision",
            NationalEntity::AddOn(_) => "addon",
            NationalEntity::Monitoring(_) => "monitoring",
            NationalEntity::Table(_) => "table",
            NationalEntity::Page(_) => "page",
        }
    }

    /// Its id.
    pub(crate) fn id(&self) -> &str {
        match self {
            NationalEntity::Function(x) => x.id.get_ref(),
            NationalEntity::Role(x) => x.id.get_ref(),
            NationalEntity::Revision(x) => x.id.get_ref(),
            NationalEntity::AddOn(x) => x.id.get_ref(),
            NationalEntity::Monitoring(x) => x.id.get_ref(),
            NationalEntity::Table(x) => x.id.get_ref(),
            NationalEntity::Page(x) => x.meta.id.get_ref(),
        }
    }

    /// The source files it was read from: its own, and the CSV file of a table's rows.
    pub(crate) fn files(&self) -> Vec<super::FileId> {
        let more = match self {
            NationalEntity::Table(x) => x.rows_file,
            _ => None,
        };
        std::iter::once(self.file()).chain(more).collect()
    }

    /// The source file it was read from.
    pub(crate) fn file(&self) -> super::FileId {
        match self {
            NationalEntity::Function(x) => x.file,
            NationalEntity::Role(x) => x.file,
            NationalEntity::Revision(x) => x.file,
            NationalEntity::AddOn(x) => x.file,
            NationalEntity::Monitoring(x) => x.file,
            NationalEntity::Table(x) => x.file,
            NationalEntity::Page(x) => x.file,
        }
    }

    /// Its content as data, without source positions.
    pub(crate) fn to_json(self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// One of the hub's functions (機能), e.g. 相談 or 緊急時の受け入れ・対応.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "拠点等の機能（相談、緊急時の受け入れ・対応 など）（[[function]]）")]
pub struct HubFunction {
    #[schemars(description = "機能のID（半角英小文字・数字・-）")]
    pub id: Id,
    #[schemars(description = "機能の名前")]
    pub name: String,
    /// Short name used in tables and navigation.
    #[schemars(description = "表や案内に使う短い名前")]
    pub short: String,
    #[schemars(description = "並び順（1から）")]
    pub order: u32,
    /// Where the function is asked for; `None` means everywhere (national).
    #[serde(default)]
    #[schemars(description = "特定の地域だけの機能なら、その地域（例: 北海道）。全国なら書かない")]
    pub region: Option<String>,
    #[schemars(description = "説明（Markdown）")]
    pub summary: Markdown,
    #[serde(skip)]
    pub file: FileId,
}

/// A type of organisation that carries duties (計画相談支援事業所, 基幹相談支援センター …).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "役割を担う機関の種類（[[role]]）")]
pub struct RoleType {
    #[schemars(description = "種類のID（半角英小文字・数字・-）")]
    pub id: Id,
    #[schemars(description = "種類の名前。例: 特定相談支援事業所")]
    pub name: String,
    #[serde(default)]
    #[schemars(description = "ほかの呼び方")]
    pub aliases: Vec<String>,
    #[schemars(description = "説明")]
    pub summary: String,
    #[serde(skip)]
    pub file: FileId,
}

/// A national revision of the fee schedule (e.g. 令和6年度障害福祉サービス等報酬改定).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "国の報酬改定（[[revision]]）")]
pub struct Revision {
    #[schemars(description = "改定のID。例: r6")]
    pub id: Id,
    #[schemars(description = "改定の名前。例: 令和6年度障害福祉サービス等報酬改定")]
    pub name: String,
    #[schemars(description = "施行日。例: 令和6年4月1日")]
    pub effective: Spanned<Date>,
    #[schemars(description = "出典（告示・通知など）")]
    pub source: String,
    /// True if the revision changed only the add-ons that have a value for
    /// it, so that the others keep their earlier value. False (the default):
    /// an add-on without a value for it has its current value not recorded,
    /// and no page calls its earlier value current.
    #[serde(default)]
    #[schemars(description = "この改定で値を書いた加算だけが変わり、ほかは前の値のままなら true")]
    pub others_unchanged: bool,
    #[serde(skip)]
    pub file: FileId,
}

use super::Spanned;

/// What a fee item is in the schedule: a basic fee, an add-on, or a staffing (体制) add-on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(description = "報酬の種類")]
pub enum FeeKind {
    #[serde(rename = "基本報酬")]
    Basic,
    #[serde(rename = "加算")]
    AddOn,
    #[serde(rename = "体制加算")]
    Staffing,
}

impl FeeKind {
    /// The Japanese name of the kind.
    pub fn label(self) -> &'static str {
        match self {
            FeeKind::Basic => "基本報酬",
            FeeKind::AddOn => "加算",
            FeeKind::Staffing => "体制加算",
        }
    }
}

/// What a number of units is counted per: 単位/回, 単位/日, 単位/月.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(description = "何ごとの単位か")]
pub enum Per {
    #[serde(rename = "回")]
    Time,
    #[serde(rename = "日")]
    Day,
    #[serde(rename = "月")]
    Month,
}

impl Per {
    /// The Japanese counter, as printed after 単位/.
    pub fn label(self) -> &'static str {
        match self {
            Per::Time => "回",
            Per::Day => "日",
            Per::Month => "月",
        }
    }
}

/// When in the planning cycle an add-on is billed (四日市 table, column ※).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(description = "算定の時期")]
pub enum Billing {
    /// A: サービス等利用計画作成時
    #[serde(rename = "計画作成時")]
    AtPlanning,
    /// B: モニタリング実施時
    #[serde(rename = "モニタリング時")]
    AtMonitoring,
    /// C: 基本報酬との併給不可
    #[serde(rename = "基本報酬と併給不可")]
    NotWithBasic,
    /// D: 単独で請求可能（基本報酬時も可）
    #[serde(rename = "単独で請求可")]
    Standalone,
}

impl Billing {
    /// The Japanese description, as in the guides.
    pub fn label(self) -> &'static str {
        match self {
            Billing::AtPlanning => "サービス等利用計画作成時",
            Billing::AtMonitoring => "モニタリング実施時",
            Billing::NotWithBasic => "基本報酬との併給不可",
            Billing::Standalone => "単独で請求可能（基本報酬時も可）",
        }
    }
}

/// A limit on how often a fee may be claimed: 月4回を限度, 15日を限度.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "算定の上限。例: 月4回を限度")]
pub struct Cap {
    #[schemars(description = "回数・日数（半角数字）")]
    pub count: Spanned<u32>,
    /// The counter: 回, 日 or 件.
    #[schemars(description = "数え方: 回・日・件")]
    pub unit: String,
    /// The period the count is within (月, 年, 1回の利用); `None` for a total.
    #[serde(default)]
    #[schemars(description = "期間: 月・年・1回の利用 など。通算なら書かない")]
    pub within: Option<String>,
    #[serde(default)]
    #[schemars(description = "注記")]
    pub note: Option<String>,
}

impl Cap {
    /// As printed in a guide: 月4回を限度（同一の病院等については月1回）.
    pub fn label(&self) -> String {
        let mut s = format!(
            "{}{}{}を限度",
            self.within.as_deref().unwrap_or(""),
            self.count.get_ref(),
            self.unit
        );
        if let Some(note) = &self.note {
            s.push_str(&format!("（{note}）"));
        }
        s
    }
}

/// One fee item of the national schedule: a basic fee or an add-on (加算).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "国の報酬の1項目: 基本報酬または加算（[[addon]]）")]
pub struct AddOn {
    #[schemars(description = "加算のID（半角英小文字・数字・-）。例: chiiki-soudan-kyoka")]
    pub id: Id,
    #[schemars(description = "名前")]
    pub name: String,
    /// Reading in kana, used by search.
    #[serde(default)]
    #[schemars(description = "読み（ひらがな）。検索に使います")]
    pub reading: Option<String>,
    #[schemars(description = "基本報酬・加算・体制加算 のどれか")]
    pub kind: FeeKind,
    /// The services whose fee schedule holds it (計画相談支援, 短期入所 …).
    #[schemars(description = "その報酬があるサービス。例: 計画相談支援、短期入所")]
    pub services: Vec<String>,
    /// Hub functions it rewards.
    #[serde(default)]
    #[schemars(description = "評価する機能のID")]
    pub functions: Vec<Id>,
    /// Role types that may claim it.
    #[serde(default)]
    #[schemars(description = "算定できる機関の種類のID（roles.toml の id）")]
    pub claimants: Vec<Id>,
    /// Who may claim, in words, where the role alone does not say it.
    #[serde(default)]
    #[schemars(description = "誰が算定できるか、種類だけで言えない場合の説明")]
    pub claimant_note: Option<String>,
    #[schemars(description = "説明（Markdown）")]
    pub summary: Markdown,
    #[serde(default)]
    #[schemars(
        description = "算定の時期: 計画作成時・モニタリング時・基本報酬と併給不可・単独で請求可"
    )]
    pub billing: Vec<Billing>,
    #[serde(default)]
    #[schemars(description = "同時に算定できないもの")]
    pub not_combinable: Vec<NotCombinable>,
    /// Items a provider must record when claiming it (四日市 section 4).
    #[serde(default)]
    #[schemars(description = "算定するときに記録すること")]
    pub records: Vec<String>,
    #[serde(default)]
    #[schemars(description = "出典")]
    pub sources: Vec<String>,
    /// The values, one per revision in which they were set.
    #[serde(rename = "value")]
    #[schemars(description = "改定ごとの単位数（[[addon.value]]）")]
    pub values: Vec<AddOnValue>,
    #[serde(skip)]
    pub file: FileId,
}

/// An add-on that may not be claimed together with another.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "同時に算定できないもの")]
pub struct NotCombinable {
    /// The other fee item, if it is in the schedule.
    #[serde(default)]
    #[schemars(description = "相手の加算のID（報酬にある場合）")]
    pub addon: Option<Id>,
    #[serde(default)]
    #[schemars(description = "説明")]
    pub note: Option<String>,
}

/// The value of an add-on as set by one revision of the fee schedule.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "1つの改定で定められた値（[[addon.value]]）")]
pub struct AddOnValue {
    #[schemars(description = "改定のID（revisions.toml の id）")]
    pub revision: Id,
    /// Last day the value applies, where a revision ended it without a successor in the content.
    #[serde(default)]
    #[schemars(description = "この値の最後の日（後の改定がない場合）")]
    pub until: Option<Spanned<Date>>,
    #[serde(default)]
    #[schemars(description = "単位数（半角数字）。例: 700")]
    pub units: Option<Spanned<u32>>,
    #[serde(default)]
    #[schemars(description = "何ごとの単位か: 回・日・月 のどれか")]
    pub per: Option<Per>,
    #[serde(default)]
    #[schemars(description = "算定の上限")]
    pub cap: Option<Cap>,
    #[serde(default)]
    #[schemars(description = "算定の要件")]
    pub conditions: Vec<String>,
    #[serde(default, rename = "variant")]
    #[schemars(description = "区分ごとの単位数（[[addon.value.variant]]）")]
    pub variants: Vec<Variant>,
    #[serde(default)]
    #[schemars(description = "注記")]
    pub note: Option<String>,
}

impl AddOnValue {
    /// The value in one line as a guide prints it: `700単位/回（月4回を限度）`,
    /// or each variant's units for an add-on with divisions.
    pub fn summary(&self) -> String {
        if self.variants.is_empty() {
            return units_text(
                self.units.as_ref().map(|u| *u.get_ref()),
                self.per,
                self.cap.as_ref(),
            )
            .unwrap_or_else(|| self.note.clone().unwrap_or_default());
        }
        self.variants
            .iter()
            .map(|v| {
                match units_text(
                    v.units.as_ref().map(|u| *u.get_ref()),
                    v.per,
                    v.cap.as_ref(),
                ) {
                    Some(text) => format!("{} {text}", v.label),
                    None => v.label.clone(),
                }
            })
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// `700単位/回（月4回を限度）`; `None` where no units are given.
pub(crate) fn units_text(
    units: Option<u32>,
    per: Option<Per>,
    cap: Option<&Cap>,
) -> Option<String> {
    let units = units?;
    let mut text = format!("{}単位", group_digits(units));
    if let Some(per) = per {
        text.push('/');
        text.push_str(per.label());
    }
    if let Some(cap) = cap {
        text.push_str(&format!("（{}）", cap.label()));
    }
    Some(text)
}

/// Digits grouped by thousands, as printed in guides: 2,000.
pub(crate) fn group_digits(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A division of an add-on with its own units: (Ⅰ)/(Ⅱ), 訪問/会議開催, 計/児.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "単位数の違う区分。例: (Ⅰ)/(Ⅱ)、訪問/会議開催")]
pub struct Variant {
    #[schemars(description = "区分の名前")]
    pub label: String,
    #[serde(default)]
    #[schemars(description = "単位数（半角数字）")]
    pub units: Option<Spanned<u32>>,
    #[serde(default)]
    #[schemars(description = "何ごとの単位か: 回・日・月 のどれか")]
    pub per: Option<Per>,
    #[serde(default)]
    #[schemars(description = "算定の上限")]
    pub cap: Option<Cap>,
    #[serde(default)]
    #[schemars(description = "算定の要件")]
    pub conditions: Vec<String>,
    #[serde(default)]
    #[schemars(description = "記録すること")]
    pub records: Vec<String>,
    #[serde(default)]
    #[schemars(description = "注記")]
    pub note: Option<String>,
}

/// One row of the national standard monitoring periods (施行規則第6条の16).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "国の標準モニタリング期間の1行（[[monitoring]]）")]
pub struct MonitoringPeriod {
    #[schemars(description = "行のID（半角英小文字・数字・-）")]
    pub id: Id,
    #[schemars(description = "区分")]
    pub group: String,
    #[schemars(description = "対象者（Markdown）")]
    pub who: Markdown,
    #[schemars(description = "期間（月数、半角数字）")]
    pub months: Spanned<u32>,
    #[serde(default)]
    #[schemars(description = "注記")]
    pub note: Option<String>,
    #[serde(skip)]
    pub file: FileId,
}
