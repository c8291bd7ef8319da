//! Flows (流れ): the ordered steps of registration or of an emergency, with
//! who does what at each step, the forms that move and the fees billable there.
//!
//! Beyond the order of its steps a flow states what the guides' figures draw:
//! where a step leads when a condition holds (branches), where the flow goes
//! back on purpose (loops such as a PDCA cycle), tracks that run side by side,
//! links to other flows, and what one organisation hands to another at a step.
//! Anything the transcriber read into a figure rather than from its text is
//! marked `inferred`, so readers see it as such.

use serde::{Deserialize, Serialize};

use super::{FileId, Id, Markdown};

/// An ordered procedure of a municipality (伊勢 ①–⑦, 釧路 (1)–(7)).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "手続きの流れ（[[flow]]）")]
pub struct Flow {
    #[schemars(description = "流れのID（半角英小文字・数字・-）。例: pre-registration")]
    pub id: Id,
    #[schemars(description = "流れの題名")]
    pub title: String,
    #[schemars(description = "並び順（1から）")]
    pub order: u32,
    #[serde(default)]
    #[schemars(description = "関係する機能のID")]
    pub function: Vec<Id>,
    #[schemars(description = "説明（Markdown）")]
    pub summary: Markdown,
    /// Who the flow applies to (対象者), where the guide says.
    #[serde(default)]
    #[schemars(description = "対象者（手引きに書かれている場合）")]
    pub applies_to: Vec<Markdown>,
    /// Organisations the flow involves beyond those with a duty, in lane order.
    #[serde(default)]
    #[schemars(description = "役割のない関係機関も図に並べる場合、その機関のID（図の列の順）")]
    pub organisations: Vec<Id>,
    #[serde(rename = "step")]
    #[schemars(description = "手順（[[flow.step]]）")]
    pub steps: Vec<Step>,
    #[serde(default)]
    #[schemars(description = "注記（Markdown）")]
    pub notes: Vec<Markdown>,
    /// Where the steps were read from, when the guide's own drawing of the
    /// flow is not in its text and the flow was put together from its other
    /// parts: readers are told the flow is inferred.
    #[serde(default)]
    #[schemars(
        description = "手引きの流れの図がなく、ほかの記載から組み立てた流れなら、何から組み立てたか。例: 5⑤の本文と9. 運用フローから"
    )]
    pub inferred_from: Option<String>,
    /// The local instrument the procedure rests on, where the guide names one.
    #[serde(default)]
    #[schemars(
        description = "手続きの根拠となる要綱・告示など（[flow.basis]、手引きに書かれている場合）"
    )]
    pub basis: Option<super::LegalBasis>,
    #[serde(skip)]
    pub file: FileId,
}

/// One step of a flow.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "流れの1つの手順（[[flow.step]]）")]
pub struct Step {
    #[schemars(description = "手順のID（半角英小文字・数字・-）")]
    pub id: Id,
    /// The step's mark as printed: ①, (1), Ⅰ.
    #[schemars(description = "手順の番号（手引きのとおり）。例: ①、(1)")]
    pub label: String,
    #[schemars(description = "手順の題")]
    pub title: String,
    #[serde(default)]
    #[schemars(description = "説明（Markdown）")]
    pub summary: Option<Markdown>,
    /// Points the overview lists for this step.
    #[serde(default)]
    #[schemars(description = "ポイント（概要に載せるもの）")]
    pub points: Vec<Markdown>,
    #[serde(default, rename = "duty")]
    #[schemars(description = "機関ごとの役割（[[flow.step.duty]]）")]
    pub duties: Vec<Duty>,
    /// Fees billable at this step whoever claims them, where the guide does not say who.
    #[serde(default)]
    #[schemars(
        description = "この手順で算定できる国の加算のID（誰が算定するか手引きに書かれていない場合）"
    )]
    pub addons: Vec<Id>,
    #[serde(default)]
    #[schemars(description = "この手順で請求できる市町村独自の補助のID")]
    pub subsidies: Vec<Id>,
    /// Forms that move at this step.
    #[serde(default, rename = "document")]
    #[schemars(description = "この手順でやりとりする書類（[[flow.step.document]]）")]
    pub documents: Vec<Document>,
    /// Information that moves at this step without a document (連絡, 報告).
    #[serde(default, rename = "message")]
    #[schemars(description = "書類なしで伝える連絡・報告（[[flow.step.message]]）")]
    pub messages: Vec<Message>,
    /// The track the step belongs to, where a flow runs tracks side by side;
    /// `None` for a step every track shares.
    #[serde(default)]
    #[schemars(description = "いくつかの流れが並ぶ場合、この手順が属する流れの名前")]
    pub track: Option<String>,
    /// Where the flow goes after this step. Absent: the next step of the same
    /// track (of every track, for a shared step); `next = []`: the flow ends here.
    #[serde(default)]
    #[schemars(description = "次の行き先。書かなければ次の手順。next = [] なら流れはここで終わり")]
    pub next: Option<Vec<Next>>,
    #[serde(default)]
    #[schemars(description = "注記（Markdown）")]
    pub notes: Vec<Markdown>,
}

/// Where a step leads: another step of the flow, a step or the start of another flow, or out of the guide.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "手順の次の行き先")]
pub struct Next {
    /// A step of this flow, or of `flow` when that is given.
    #[serde(default)]
    #[schemars(description = "次の手順のID（flow を書いた場合はその流れの手順）")]
    pub step: Option<Id>,
    /// Another flow of the city the way continues in.
    #[serde(default)]
    #[schemars(description = "続く別の流れのID")]
    pub flow: Option<Id>,
    /// Where the way leaves the flow, in the guide's words, when it leads to
    /// no step or flow of the guide (「通常時の予防支援を検討する」).
    #[serde(default)]
    #[schemars(description = "手引きの流れの外へ出る場合、その行き先（手引きの言葉で）")]
    pub outcome: Option<String>,
    /// The condition under which the way is taken (「対象外となった場合」).
    #[serde(default)]
    #[schemars(description = "この行き先に進む条件。例: 対象外となった場合")]
    pub when: Option<String>,
    /// The way goes back to an earlier step on purpose (PDCA, annual review).
    #[serde(default, rename = "loop")]
    #[schemars(description = "前の手順へ意図して戻る（PDCA、年1回の見直しなど）なら true")]
    pub is_loop: bool,
    /// Read into the figure by the transcriber rather than written in the guide.
    #[serde(default)]
    #[schemars(description = "手引きに書かれておらず、図から読み取ったものなら true")]
    pub inferred: bool,
}

/// Information handed from one organisation to others at a step, with no form.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "書類なしで伝える連絡・報告")]
pub struct Message {
    /// What moves, as the guide words it (連絡, 実施報告).
    #[schemars(description = "伝えること（手引きの言葉で）。例: 連絡、実施報告")]
    pub what: String,
    #[schemars(description = "伝える機関のID")]
    pub from: Id,
    #[schemars(description = "受ける機関のID")]
    pub to: Vec<Id>,
    /// Read into the figure by the transcriber rather than written in the guide.
    #[serde(default)]
    #[schemars(description = "手引きに書かれておらず、図から読み取ったものなら true")]
    pub inferred: bool,
    #[serde(default)]
    #[schemars(description = "注記（Markdown）")]
    pub note: Option<Markdown>,
}

/// What one organisation does at a step, and what it may bill there.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "手順での1つの機関の役割（[[flow.step.duty]]）")]
pub struct Duty {
    #[schemars(description = "機関のID（[[organisation]] の id）")]
    pub organisation: Id,
    /// A sub-step mark (①, ②) where the guide numbers duties inside a step.
    #[serde(default)]
    #[schemars(description = "手順の中の番号（手引きが振っている場合）。例: ①")]
    pub label: Option<String>,
    #[serde(default)]
    #[schemars(description = "役割の題")]
    pub title: Option<String>,
    #[serde(default)]
    #[schemars(description = "すること（Markdown）")]
    pub items: Vec<Markdown>,
    /// National add-ons this organisation may bill at this step.
    #[serde(default)]
    #[schemars(description = "この機関がこの手順で算定できる国の加算のID")]
    pub addons: Vec<Id>,
    /// Local subsidies this organisation may claim at this step.
    #[serde(default)]
    #[schemars(description = "この機関がこの手順で請求できる市町村独自の補助のID")]
    pub subsidies: Vec<Id>,
}

/// A form that moves at a step, from one party to another.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "手順でやりとりする書類（[[flow.step.document]]）")]
pub struct Document {
    /// The form's id in `forms/`; `None` for a document with no blank form.
    #[serde(default)]
    #[schemars(description = "様式のID（forms/ の id）。様式がない書類なら書かない")]
    pub form: Option<Id>,
    /// The document's name as the guide writes it.
    #[schemars(description = "書類の名前（手引きの書き方のまま）")]
    pub name: String,
    #[serde(default)]
    #[schemars(description = "出す機関のID")]
    pub from: Option<Id>,
    #[serde(default)]
    #[schemars(description = "受ける機関のID")]
    pub to: Vec<Id>,
    #[serde(default)]
    #[schemars(description = "注記（Markdown）")]
    pub note: Option<Markdown>,
    /// The way it moves (from, to) was read into the figure, not written in the guide.
    #[serde(default)]
    #[schemars(description = "出す・受ける機関を図から読み取ったものなら true")]
    pub inferred: bool,
}

/// One way from a step to a step of the same flow.
pub struct Way<'a> {
    pub from: usize,
    pub to: usize,
    /// The `[[flow.step.next]]` that states it; `None` for the way to the next step in order.
    pub next: Option<&'a Next>,
}

impl Flow {
    /// The organisations that have duties in the flow, in order of first appearance.
    pub fn organisations(&self) -> Vec<&str> {
        let mut orgs: Vec<&str> = Vec::new();
        for d in self.steps.iter().flat_map(|s| &s.duties) {
            if !orgs.contains(&d.organisation.get_ref().as_str()) {
                orgs.push(d.organisation.get_ref());
            }
        }
        orgs
    }

    /// True if more than half of the organisation × step table would be
    /// "—" (the row of fees with no named claimant counted, where there is
    /// one): readers then get each organisation's own steps instead.
    pub fn matrix_is_sparse(&self) -> bool {
        let orgs = self.organisations();
        let has_fees = |s: &Step| !s.addons.is_empty() || !s.subsidies.is_empty();
        let fee_row = self.steps.iter().any(has_fees);
        let rows = orgs.len() + usize::from(fee_row);
        let cells = rows * self.steps.len();
        let acts = |s: &Step, org: &str| s.duties.iter().any(|d| d.organisation.get_ref() == org);
        let filled: usize = self
            .steps
            .iter()
            .map(|s| {
                orgs.iter().filter(|o| acts(s, o)).count() + usize::from(fee_row && has_fees(s))
            })
            .sum();
        cells > 0 && (cells - filled) * 2 > cells
    }

    /// Every way between two steps of the flow, stated or implied by the order.
    pub fn ways(&self) -> Vec<Way<'_>> {
        let index = |id: &str| self.steps.iter().position(|s| s.id.get_ref() == id);
        let mut out = Vec::new();
        for (i, step) in self.steps.iter().enumerate() {
            match &step.next {
                None => out.extend(self.following(i).into_iter().map(|j| Way {
                    from: i,
                    to: j,
                    next: None,
                })),
                Some(nexts) => {
                    for n in nexts.iter().filter(|n| n.flow.is_none()) {
                        // A way out of the flow (`outcome` alone) joins no two steps.
                        if let Some(j) = n.step.as_ref().and_then(|s| index(s.get_ref())) {
                            out.push(Way {
                                from: i,
                                to: j,
                                next: Some(n),
                            });
                        }
                    }
                }
            }
        }
        out
    }

    /// The steps that follow step `i` when it states no `next`: the next step
    /// of its track, or for a step all tracks share, the next step of every
    /// track up to the next shared step (where the tracks meet again).
    pub(crate) fn following(&self, i: usize) -> Vec<usize> {
        let steps = &self.steps;
        let mut out = Vec::new();
        match &steps[i].track {
            Some(t) => out.extend(
                (i + 1..steps.len())
                    .find(|&j| steps[j].track.is_none() || steps[j].track.as_ref() == Some(t)),
            ),
            None => {
                let mut tracks: Vec<&str> = Vec::new();
                for (j, s) in steps.iter().enumerate().skip(i + 1) {
                    match &s.track {
                        None => {
                            out.push(j);
                            break;
                        }
                        Some(t) if !tracks.contains(&t.as_str()) => {
                            tracks.push(t);
                            out.push(j);
                        }
                        Some(_) => {}
                    }
                }
            }
        }
        out
    }

    /// The tracks the flow runs side by side, in order of first appearance; empty for one track.
    pub(crate) fn tracks(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for t in self.steps.iter().filter_map(|s| s.track.as_deref()) {
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }

    /// The organisations the flow involves, in the order of their lanes: those
    /// it lists, then those with a duty, then those that only receive something.
    pub fn involved(&self) -> Vec<&str> {
        let steps = || self.steps.iter();
        let duties = steps().flat_map(|s| &s.duties).map(|d| &d.organisation);
        let receivers = steps().flat_map(|s| {
            s.documents
                .iter()
                .flat_map(|d| &d.to)
                .chain(s.messages.iter().flat_map(|m| &m.to))
        });
        let mut out: Vec<&str> = Vec::new();
        for o in self.organisations.iter().chain(duties).chain(receivers) {
            if !out.contains(&o.get_ref().as_str()) {
                out.push(o.get_ref());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(toml_text: &str) -> Flow {
        toml::from_str(toml_text).expect("a valid flow")
    }

    const TRACKS: &str = r#"
id = "f"
title = "t"
order = 1
summary = ""
[[step]]
id = "a1"
label = ""
title = ""
track = "A"
[[step]]
id = "b1"
label = ""
title = ""
track = "B"
[[step]]
id = "a2"
label = ""
title = ""
track = "A"
[[step]]
id = "join"
label = ""
title = ""
[[step]]
id = "b2"
label = ""
title = ""
track = "B"
[[step]]
id = "a3"
label = ""
title = ""
track = "A"
next = []
"#;

    fn pairs(f: &Flow) -> Vec<(&str, &str)> {
        f.ways()
            .iter()
            .map(|w| {
                (
                    f.steps[w.from].id.get_ref().as_str(),
                    f.steps[w.to].id.get_ref().as_str(),
                )
            })
            .collect()
    }

    #[test]
    fn tracks_run_apart_and_meet_at_a_shared_step() {
        let f = flow(TRACKS);
        assert_eq!(f.tracks(), ["A", "B"]);
        assert_eq!(
            pairs(&f),
            [
                ("a1", "a2"),
                ("b1", "join"),
                ("a2", "join"),
                ("join", "b2"),
                ("join", "a3"),
            ]
        );
    }

    #[test]
    fn stated_ways_replace_the_order() {
        let mut f = flow(TRACKS);
        f.steps[0].next = Some(vec![Next {
            step: Some(crate::model::Spanned::new(0..0, "join".to_string())),
            flow: None,
            outcome: None,
            when: Some("条件".into()),
            is_loop: false,
            inferred: false,
        }]);
        assert_eq!(pairs(&f)[0], ("a1", "join"));
        assert!(!pairs(&f).contains(&("a1", "a2")));
    }

    #[test]
    fn receivers_are_involved_after_those_with_duties() {
        let f = flow(
            r#"
id = "f"
title = "t"
order = 1
summary = ""
organisations = ["person"]
[[step]]
id = "s"
label = ""
title = ""
[[step.duty]]
organisation = "centre"
[[step.document]]
name = "届"
from = "person"
to = ["city"]
"#,
        );
        assert_eq!(f.involved(), ["person", "centre", "city"]);
    }
}
