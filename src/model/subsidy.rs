//! Local subsidies (市単独補助): a municipality's own payments, in yen, with
//! their caps and day limits.

use serde::{Deserialize, Serialize};

use super::{Date, FileId, Id, Markdown, Spanned};

/// A payment a municipality makes from its own budget.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subsidy {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub program: Option<String>,
    #[serde(default)]
    pub function: Option<Id>,
    pub summary: Markdown,
    /// Local organisations that may claim it.
    #[serde(default)]
    pub claimants: Vec<Id>,
    #[serde(rename = "value")]
    pub values: Vec<SubsidyValue>,
    #[serde(skip)]
    pub file: FileId,
}

/// The amounts and limits of a subsidy from a given date.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubsidyValue {
    /// When these amounts took effect, where the guide says.
    #[serde(default)]
    pub from: Option<Spanned<Date>>,
    /// Last day these amounts apply, if the guide says.
    #[serde(default)]
    pub until: Option<Spanned<Date>>,
    /// The local rule or notice that set these amounts.
    #[serde(default)]
    pub source: Option<String>,
    #[serde(rename = "amount")]
    pub amounts: Vec<Amount>,
    #[serde(default, rename = "limit")]
    pub limits: Vec<DayLimit>,
    #[serde(default)]
    pub covers: Vec<String>,
    #[serde(default)]
    pub conditions: Vec<Markdown>,
    #[serde(default)]
    pub notes: Vec<Markdown>,
}

/// A sum in yen: a fixed payment or an upper limit.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    #[serde(default)]
    pub label: Option<String>,
    pub yen: Spanned<u32>,
    /// What it is counted per: 人・日, 日.
    pub per: String,
    /// True where the sum is an upper limit (上限) rather than a fixed payment.
    #[serde(default)]
    pub upper_limit: bool,
}

/// A limit on days: 1回の支給日数の上限 7日, 年間30日.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DayLimit {
    pub days: Spanned<u32>,
    /// What the limit applies to: 1回当たり, 年間.
    pub scope: String,
    #[serde(default)]
    pub note: Option<String>,
}
