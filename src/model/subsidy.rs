//! Local subsidies (市単独補助): a municipality's own payments, in yen, with
//! their caps and day limits.

use serde::{Deserialize, Serialize};

use super::{Date, FileId, Id, Markdown, Spanned};

/// A payment a municipality makes from its own budget.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "市町村独自の補助（[[subsidy]]）")]
pub struct Subsidy {
    #[schemars(description = "ID（半角英小文字・数字・-）")]
    pub id: Id,
    #[schemars(description = "名前")]
    pub name: String,
    #[serde(default)]
    #[schemars(description = "事業名")]
    pub program: Option<String>,
    #[serde(default)]
    #[schemars(description = "関係する機能のID")]
    pub function: Option<Id>,
    #[schemars(description = "説明（Markdown）")]
    pub summary: Markdown,
    /// Local organisations that may claim it.
    #[serde(default)]
    #[schemars(description = "請求できる機関のID（[[organisation]] の id）")]
    pub claimants: Vec<Id>,
    /// The local instrument the subsidy rests on, where the guide names one.
    #[serde(default)]
    #[schemars(
        description = "補助の根拠となる要綱・告示など（[subsidy.basis]、手引きに書かれている場合）"
    )]
    pub basis: Option<super::LegalBasis>,
    #[serde(rename = "value")]
    #[schemars(description = "金額と上限（[[subsidy.value]]）")]
    pub values: Vec<SubsidyValue>,
    #[serde(skip)]
    pub file: FileId,
}

/// The amounts and limits of a subsidy from a given date.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "ある日からの金額と上限")]
pub struct SubsidyValue {
    /// When these amounts took effect, where the guide says.
    #[serde(default)]
    #[schemars(description = "適用の始まりの日（手引きに書かれている場合）")]
    pub from: Option<Spanned<Date>>,
    /// Last day these amounts apply, if the guide says.
    #[serde(default)]
    #[schemars(description = "適用の最後の日（手引きに書かれている場合）")]
    pub until: Option<Spanned<Date>>,
    /// The local rule or notice that set these amounts.
    #[serde(default)]
    #[schemars(description = "金額を定めた要綱・告示など")]
    pub source: Option<String>,
    #[serde(rename = "amount")]
    #[schemars(description = "金額（[[subsidy.value.amount]]）")]
    pub amounts: Vec<Amount>,
    #[serde(default, rename = "limit")]
    #[schemars(description = "日数の上限（[[subsidy.value.limit]]）")]
    pub limits: Vec<DayLimit>,
    #[serde(default)]
    #[schemars(description = "対象となるもの")]
    pub covers: Vec<String>,
    #[serde(default)]
    #[schemars(description = "要件（Markdown）")]
    pub conditions: Vec<Markdown>,
    #[serde(default)]
    #[schemars(description = "注記（Markdown）")]
    pub notes: Vec<Markdown>,
}

/// A sum in yen: a fixed payment or an upper limit.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "金額（円）")]
pub struct Amount {
    #[serde(default)]
    #[schemars(description = "区分")]
    pub label: Option<String>,
    #[schemars(description = "金額（円、半角数字）。例: 8000")]
    pub yen: Spanned<u32>,
    /// What it is counted per: 人・日, 日.
    #[schemars(description = "何ごとか。例: 人・日")]
    pub per: String,
    /// True where the sum is an upper limit (上限) rather than a fixed payment.
    #[serde(default)]
    #[schemars(description = "上限額なら true（定額なら false）")]
    pub upper_limit: bool,
}

/// A limit on days: 1回の支給日数の上限 7日, 年間30日.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "日数の上限")]
pub struct DayLimit {
    #[schemars(description = "日数（半角数字）")]
    pub days: Spanned<u32>,
    /// What the limit applies to: 1回当たり, 年間.
    #[schemars(description = "何についての上限か。例: 1回当たり、年間")]
    pub scope: String,
    #[serde(default)]
    #[schemars(description = "注記")]
    pub note: Option<String>,
}
