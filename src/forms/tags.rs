//! The tagged-PDF side of the fields: each widget becomes a `Form` element
//! of the structure tree typst wrote, named for screen readers and keyed in
//! the parent tree, so the document stays tagged and tab order follows it.
//! A widget drawn in a section's table goes into the cell it is drawn in
//! (the last cell of its row, the value), so a screen reader meets it
//! beside its label; the others (the date line) follow the content.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, text_string};

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// The structure tree typst wrote, to which each widget is added as a `Form` element.
pub(super) struct Tags {
    /// True if the tree could take the widgets (`/Tabs /S` is then right).
    pub(super) ok: bool,
    parent: Option<ObjectId>,
    next: i64,
    added: Vec<(i64, ObjectId)>,
    /// New `Form` elements by the element they go into, in order.
    elems: BTreeMap<ObjectId, Vec<Object>>,
    /// The rows (`TR`) of each section's table, when typst's tree has the
    /// rows the layout made; empty for a table that does not.
    rows: Vec<Vec<ObjectId>>,
}

/// The structure element a kid of `K` refers to, if it is one.
fn elem<'a>(doc: &'a Document, kid: &Object) -> Option<(ObjectId, &'a Dictionary)> {
    let id = kid.as_reference().ok()?;
    let dict = doc.get_dictionary(id).ok()?;
    dict.has(b"S").then_some((id, dict))
}

fn kids(dict: &Dictionary) -> Vec<Object> {
    match dict.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    }
}

fn role(dict: &Dictionary) -> &[u8] {
    dict.get(b"S").and_then(Object::as_name).unwrap_or_default()
}

/// Every `Table` under `id`, in reading order, with its rows.
fn tables(doc: &Document, id: ObjectId, depth: u32, out: &mut Vec<Vec<ObjectId>>) {
    let Ok(dict) = doc.get_dictionary(id) else {
        return;
    };
    if depth > 64 {
        return;
    }
    if role(dict) == b"Table" {
        let mut rows = Vec::new();
        for kid in kids(dict) {
            let Some((kid, d)) = elem(doc, &kid) else {
                continue;
            };
            match role(d) {
                b"TR" => rows.push(kid),
                b"THead" | b"TBody" | b"TFoot" => rows.extend(
                    kids(d)
                        .iter()
                        .filter_map(|k| elem(doc, k))
                        .filter(|(_, d)| role(d) == b"TR")
                        .map(|(id, _)| id),
                ),
                _ => {}
            }
        }
        out.push(rows);
        return;
    }
    for kid in kids(dict) {
        if let Some((kid, _)) = elem(doc, &kid) {
            tables(doc, kid, depth + 1, out);
        }
    }
}

/// The `/StructTreeRoot` dictionary, written inline in the catalog or referenced.
fn struct_root(doc: &Document) -> Option<&Dictionary> {
    let root = doc.catalog().ok()?.get(b"StructTreeRoot").ok()?;
    doc.dereference(root).ok()?.1.as_dict().ok()
}

fn struct_root_mut(doc: &mut Document) -> Option<&mut Dictionary> {
    let reference = match doc.catalog().ok()?.get(b"StructTreeRoot").ok()? {
        Object::Reference(r) => Some(*r),
        _ => None,
    };
    match reference {
        Some(r) => doc.get_dictionary_mut(r).ok(),
        None => doc
            .catalog_mut()
            .ok()?
            .get_mut(b"StructTreeRoot")
            .ok()?
            .as_dict_mut()
            .ok(),
    }
}

impl Tags {
    /// The tree of `doc`, ready to take widgets.
    pub(super) fn find(doc: &Document, table_rows: &[usize]) -> Tags {
        let mut tags = Tags {
            ok: false,
            parent: None,
            next: 0,
            added: Vec::new(),
            elems: BTreeMap::new(),
            rows: Vec::new(),
        };
        let Some(root) = struct_root(doc) else {
            return tags;
        };
        let parent = match root.get(b"K") {
            Ok(Object::Reference(r)) => Some(*r),
            Ok(Object::Array(a)) => a.first().and_then(|o| o.as_reference().ok()),
            _ => None,
        };
        let nums = root
            .get(b"ParentTree")
            .and_then(|t| doc.dereference(t))
            .and_then(|(_, t)| t.as_dict())
            .and_then(|t| t.get(b"Nums"))
            .and_then(Object::as_array);
        let Ok(nums) = nums else {
            return tags;
        };
        let max = nums
            .iter()
            .step_by(2)
            .filter_map(|o| o.as_i64().ok())
            .max()
            .unwrap_or(-1);
        tags.next = root
            .get(b"ParentTreeNextKey")
            .and_then(Object::as_i64)
            .unwrap_or(max + 1)
            .max(max + 1);
        tags.ok = parent.is_some() && matches!(root.get(b"ParentTree"), Ok(Object::Dictionary(_)));
        tags.parent = parent;
        if let Some(parent) = parent {
            let mut found = Vec::new();
            tables(doc, parent, 0, &mut found);
            // Rows are matched by position only where typst made each
            // section's table with the rows the layout made.
            if found.len() == table_rows.len() {
                tags.rows = found
                    .into_iter()
                    .zip(table_rows)
                    .map(|(rows, &n)| if rows.len() == n { rows } else { Vec::new() })
                    .collect();
            }
        }
        tags
    }

    /// The value cell of row `row` of table `table`: the last cell of the row.
    fn cell(&self, doc: &Document, (table, row): (usize, usize)) -> Option<ObjectId> {
        let tr = *self.rows.get(table)?.get(row)?;
        kids(doc.get_dictionary(tr).ok()?)
            .iter()
            .rev()
            .filter_map(|k| elem(doc, k))
            .find(|(_, d)| matches!(role(d), b"TD" | b"TH"))
            .map(|(id, _)| id)
    }

    /// Adds a `Form` element for widget `annot`, in the table cell `cell`
    /// where there is one, and points the widget at it.
    pub(super) fn tag(
        &mut self,
        doc: &mut Document,
        annot: ObjectId,
        page: ObjectId,
        label: &str,
        cell: Option<(usize, usize)>,
    ) {
        let Some(document) = self.parent.filter(|_| self.ok) else {
            return;
        };
        let parent = cell.and_then(|c| self.cell(doc, c)).unwrap_or(document);
        let key = self.next;
        self.next += 1;
        let objr = Dictionary::from_iter([
            ("Type", name("OBJR")),
            ("Obj", annot.into()),
            ("Pg", page.into()),
        ]);
        let elem = doc.add_object(Dictionary::from_iter([
            ("Type", name("StructElem")),
            ("S", name("Form")),
            ("P", parent.into()),
            ("Pg", page.into()),
            ("Alt", text_string(label)),
            ("K", Object::Dictionary(objr)),
        ]));
        if let Ok(dict) = doc.get_dictionary_mut(annot) {
            dict.set("StructParent", key);
        }
        self.added.push((key, elem));
        self.elems.entry(parent).or_default().push(elem.into());
    }

    /// Adds the new elements to the tree and the parent tree.
    pub(super) fn finish(&mut self, doc: &mut Document) {
        if !self.ok {
            return;
        }
        for (parent, mut elems) in std::mem::take(&mut self.elems) {
            if let Ok(dict) = doc.get_dictionary_mut(parent) {
                let mut k = kids(dict);
                k.append(&mut elems);
                dict.set("K", k);
            }
        }
        let Some(root) = struct_root_mut(doc) else {
            return;
        };
        root.set("ParentTreeNextKey", self.next);
        if let Ok(Object::Dictionary(tree)) = root.get_mut(b"ParentTree") {
            if let Ok(Object::Array(nums)) = tree.get_mut(b"Nums") {
                for (key, elem) in &self.added {
                    nums.push(Object::Integer(*key));
                    nums.push((*elem).into());
                }
            }
        }
    }
}
