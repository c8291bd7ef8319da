//! The tagged-PDF side of the fields: each widget becomes a `Form` element
//! of the structure tree typst wrote, named for screen readers and keyed in
//! the parent tree, so the document stays tagged and tab order follows it.

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
    elems: Vec<Object>,
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
    pub(super) fn find(doc: &Document) -> Tags {
        let mut tags = Tags {
            ok: false,
            parent: None,
            next: 0,
            added: Vec::new(),
            elems: Vec::new(),
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
        tags
    }

    /// Adds a `Form` element for widget `annot` and points the widget at it.
    pub(super) fn tag(&mut self, doc: &mut Document, annot: ObjectId, page: ObjectId, label: &str) {
        let Some(parent) = self.parent.filter(|_| self.ok) else {
            return;
        };
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
        self.elems.push(elem.into());
    }

    /// Adds the new elements to the tree and the parent tree.
    pub(super) fn finish(&mut self, doc: &mut Document) {
        let (Some(parent), true) = (self.parent, self.ok) else {
            return;
        };
        if let Ok(dict) = doc.get_dictionary_mut(parent) {
            let mut k = match dict.get(b"K") {
                Ok(Object::Array(a)) => a.clone(),
                Ok(other) => vec![other.clone()],
                Err(_) => Vec::new(),
            };
            k.append(&mut self.elems);
            dict.set("K", k);
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
