//! What changed between two versions of a form, for a draft started on the
//! older one.

use std::collections::BTreeMap;

use super::schema::{Field, FormSchema};
use crate::catalogue::LocalText;

/// One difference, by answer path (`group.field` for sub-fields).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A field the old form did not have.
    Added {
        /// Its path.
        path: String,
        /// Its label in the new form.
        label: LocalText,
        /// Whether it must be answered.
        required: bool,
    },
    /// A field the new form no longer has (its answer will not be sent).
    Removed {
        /// Its path.
        path: String,
        /// Its label in the old form.
        label: LocalText,
    },
    /// The same field with other rules (type, options, required, limits).
    Changed {
        /// Its path.
        path: String,
        /// Its label in the new form.
        label: LocalText,
    },
}

fn index(s: &FormSchema) -> BTreeMap<String, &Field> {
    s.fields()
        .map(|(group, f)| {
            let key = match group {
                Some(g) => format!("{}.{}", g.id, f.id),
                None => f.id.clone(),
            };
            (key, f)
        })
        .collect()
}

fn same_rules(a: &Field, b: &Field) -> bool {
    let options = |f: &Field| {
        f.options
            .iter()
            .map(|o| o.value.clone())
            .collect::<Vec<_>>()
    };
    a.kind == b.kind
        && a.required == b.required
        && options(a) == options(b)
        && a.max_length == b.max_length
        && (a.min, a.max) == (b.min, b.max)
        && a.date_rule == b.date_rule
        && (a.min_items, a.max_items) == (b.min_items, b.max_items)
        && a.visible_if == b.visible_if
}

/// The changes from `old` to `new`, in the new form's order, removals last.
pub fn diff(old: &FormSchema, new: &FormSchema) -> Vec<Change> {
    let (o, n) = (index(old), index(new));
    let mut out = Vec::new();
    for (group, f) in new.fields() {
        let path = match group {
            Some(g) => format!("{}.{}", g.id, f.id),
            None => f.id.clone(),
        };
        match o.get(&path) {
            None => out.push(Change::Added {
                label: f.label.clone(),
                required: f.required,
                path,
            }),
            Some(before) if !same_rules(before, f) => out.push(Change::Changed {
                label: f.label.clone(),
                path,
            }),
            Some(_) => {}
        }
    }
    for (path, f) in o {
        if !n.contains_key(&path) {
            out.push(Change::Removed {
                path,
                label: f.label.clone(),
            });
        }
    }
    out
}
