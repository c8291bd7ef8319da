//! Tables of the guide (comparison matrices, checklists) as real HTML tables:
//! column headers, row headers, and rows grouped under their group heading.

use serde::Serialize;

use super::Ctx;
use crate::model::Table;

/// A table ready to lay out.
#[derive(Serialize)]
pub(crate) struct TableView {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Header of the row-label column.
    pub row_header: String,
    pub columns: Vec<String>,
    pub has_notes: bool,
    /// Number of columns in all, for a group heading spanning the row.
    pub span: usize,
    pub groups: Vec<RowGroup>,
    pub notes: Vec<String>,
    /// What the marks in the cells mean, as the content gives it.
    pub legend: Vec<LegendView>,
    /// True if some meaning was read from the table rather than given by the guide.
    pub legend_inferred: bool,
    /// The local rule the table's arrangements rest on, in one line.
    pub basis: Option<String>,
}

/// One mark of the legend; `inferred` where the guide gives no legend.
#[derive(Serialize)]
pub(crate) struct LegendView {
    pub mark: String,
    pub means: String,
    pub inferred: bool,
}

/// Consecutive rows under one group heading (none for ungrouped rows).
#[derive(Serialize)]
pub(crate) struct RowGroup {
    pub label: Option<String>,
    pub rows: Vec<RowView>,
}

/// One row: its label, one cell per column, and its note.
#[derive(Serialize)]
pub(crate) struct RowView {
    pub label: String,
    pub cells: Vec<String>,
    pub note: String,
}

/// The header of the row-label column: the guide's labels, or 項目 where it gives none.
fn row_header(t: &Table) -> String {
    let labels: Vec<&str> = t
        .row_header
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    if labels.is_empty() {
        "項目".into()
    } else {
        labels.join("・")
    }
}

/// The view of `t`, with Markdown rendered for the page of `ctx`.
pub(crate) fn view(ctx: &Ctx, t: &Table) -> TableView {
    let md = ctx.md();
    let mut groups: Vec<RowGroup> = Vec::new();
    for row in &t.rows {
        let mut cells = row.cells.get_ref().clone();
        cells.resize(t.columns.len(), String::new());
        let view = RowView {
            label: row.label.clone(),
            cells,
            note: row.note.as_ref().map(|n| md.inline(n)).unwrap_or_default(),
        };
        match groups.last_mut() {
            Some(g) if g.label == row.group => g.rows.push(view),
            _ => groups.push(RowGroup {
                label: row.group.clone(),
                rows: vec![view],
            }),
        }
    }
    let has_notes = t.rows.iter().any(|r| r.note.is_some());
    TableView {
        id: t.id.get_ref().clone(),
        title: t.title.clone(),
        summary: t.summary.as_ref().map(|s| md.block(s)).unwrap_or_default(),
        row_header: row_header(t),
        columns: t.columns.clone(),
        has_notes,
        span: t.columns.len() + 1 + usize::from(has_notes),
        groups,
        notes: md.inlines(&t.notes),
        basis: t.basis.as_ref().map(|b| b.text()),
        legend: t
            .legend
            .iter()
            .map(|e| LegendView {
                mark: e.mark.get_ref().clone(),
                means: e.means.clone(),
                inferred: e.inferred,
            })
            .collect(),
        legend_inferred: t.legend.iter().any(|e| e.inferred),
    }
}
