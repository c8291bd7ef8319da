//! Flows (流れ): the ordered steps of registration or of an emergency, with
//! who does what at each step, the forms that move and the fees billable there.

use serde::{Deserialize, Serialize};

use super::{FileId, Id, Markdown};

/// An ordered procedure of a municipality (伊勢 ①–⑦, 釧路 (1)–(7)).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    pub id: Id,
    pub title: String,
    pub order: u32,
    #[serde(default)]
    pub function: Vec<Id>,
    pub summary: Markdown,
    /// Who the flow applies to (対象者), where the guide says.
    #[serde(default)]
    pub applies_to: Vec<Markdown>,
    #[serde(rename = "step")]
    pub steps: Vec<Step>,
    #[serde(default)]
    pub notes: Vec<Markdown>,
    #[serde(skip)]
    pub file: FileId,
}

/// One step of a flow.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: Id,
    /// The step's mark as printed: ①, (1), Ⅰ.
    pub label: String,
    pub title: String,
    #[serde(default)]
    pub summary: Option<Markdown>,
    /// Points the overview lists for this step.
    #[serde(default)]
    pub points: Vec<Markdown>,
    #[serde(default, rename = "duty")]
    pub duties: Vec<Duty>,
    /// Fees billable at this step whoever claims them, where the guide does not say who.
    #[serde(default)]
    pub addons: Vec<Id>,
    #[serde(default)]
    pub subsidies: Vec<Id>,
    /// Forms that move at this step.
    #[serde(default, rename = "document")]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub notes: Vec<Markdown>,
}

/// What one organisation does at a step, and what it may bill there.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Duty {
    pub organisation: Id,
    /// A sub-step mark (①, ②) where the guide numbers duties inside a step.
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub items: Vec<Markdown>,
    /// National add-ons this organisation may bill at this step.
    #[serde(default)]
    pub addons: Vec<Id>,
    /// Local subsidies this organisation may claim at this step.
    #[serde(default)]
    pub subsidies: Vec<Id>,
}

/// A form that moves at a step, from one party to another.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// The form's id in `forms/`; `None` for a document with no blank form.
    #[serde(default)]
    pub form: Option<Id>,
    /// The document's name as the guide writes it.
    pub name: String,
    #[serde(default)]
    pub from: Option<Id>,
    #[serde(default)]
    pub to: Vec<Id>,
    #[serde(default)]
    pub note: Option<String>,
}
