//! A dossier's answers and the edits that change them.
//!
//! Answers are flat: every value is the text the volunteer typed, under its
//! path (see [`super::FieldPath`]), plus the number of items of each group.
//! What was typed is kept as typed — a wrong date stays in the draft, with an
//! error beside it — so nothing the volunteer entered is ever lost.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::path::{BadPath, FieldPath, MAX_GROUP_ITEMS};
use super::schema::{FieldType, FormSchema};

/// The longest text one answer can hold, in characters (a guard, far above
/// any real answer; the field's own `max_length` is a validation rule).
pub const MAX_ANSWER_CHARS: usize = 2000;

/// All answers of one dossier.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// Path → text as typed.
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    /// Group id → number of items.
    #[serde(default)]
    pub items: BTreeMap<String, u32>,
}

/// One change to the answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Sets the answer at a path (an empty text keeps the key: "answered empty").
    Set {
        /// Where.
        path: String,
        /// The text.
        value: String,
    },
    /// Appends an empty item to a group.
    AddItem {
        /// The group field.
        group: String,
    },
    /// Removes item `index` of a group; later items move up.
    RemoveItem {
        /// The group field.
        group: String,
        /// Which item.
        index: usize,
    },
}

/// Why an edit was refused. Refused edits change nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The path does not follow the grammar.
    #[error(transparent)]
    BadPath(#[from] BadPath),
    /// No such field in this form (or an address without its part, a part on
    /// a non-address, a group set as a value).
    #[error("no answer {0:?} in this form")]
    UnknownField(String),
    /// The group has no item with that index.
    #[error("group {group:?} has no item {index}")]
    NoSuchItem {
        /// The group.
        group: String,
        /// The index asked for.
        index: usize,
    },
    /// The group is full.
    #[error("group {group:?} holds at most {max} items")]
    GroupFull {
        /// The group.
        group: String,
        /// Its maximum.
        max: u32,
    },
    /// The text is longer than [`MAX_ANSWER_CHARS`].
    #[error("answer longer than {MAX_ANSWER_CHARS} characters")]
    TooLong,
}

impl Answers {
    /// The text at `path`, if answered.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.values.get(path).map(String::as_str)
    }

    /// The number of items of `group`.
    pub fn count(&self, group: &str) -> usize {
        self.items.get(group).copied().unwrap_or(0) as usize
    }

    /// Applies `edit` if it fits the schema; otherwise changes nothing.
    pub fn apply(&mut self, schema: &FormSchema, edit: &Edit) -> Result<(), EditError> {
        match edit {
            Edit::Set { path, value } => {
                if value.chars().count() > MAX_ANSWER_CHARS {
                    return Err(EditError::TooLong);
                }
                let parsed: FieldPath = path.parse()?;
                self.check_path(schema, &parsed)?;
                // Stored in its canonical spelling, so one answer has one key.
                self.values.insert(parsed.to_string(), value.clone());
                Ok(())
            }
            Edit::AddItem { group } => {
                let field = schema
                    .field(group)
                    .filter(|f| f.kind == FieldType::Group)
                    .ok_or_else(|| EditError::UnknownField(group.clone()))?;
                let max = field
                    .max_items
                    .unwrap_or(MAX_GROUP_ITEMS as u32)
                    .min(MAX_GROUP_ITEMS as u32);
                let n = self.count(group);
                if n >= max as usize {
                    return Err(EditError::GroupFull {
                        group: group.clone(),
                        max,
                    });
                }
                self.items.insert(group.clone(), n as u32 + 1);
                Ok(())
            }
            Edit::RemoveItem { group, index } => {
                let n = self.count(group);
                if *index >= n {
                    return Err(EditError::NoSuchItem {
                        group: group.clone(),
                        index: *index,
                    });
                }
                let mut moved = BTreeMap::new();
                for (k, v) in std::mem::take(&mut self.values) {
                    match k.parse::<FieldPath>() {
                        Ok(mut p) if p.group.as_ref().is_some_and(|(g, _)| g == group) => {
                            let i = p.group.as_ref().map_or(0, |(_, i)| *i);
                            if i == *index {
                                continue;
                            }
                            if i > *index
                                && let Some((_, slot)) = p.group.as_mut()
                            {
                                *slot = i - 1;
                            }
                            moved.insert(p.to_string(), v);
                        }
                        _ => {
                            moved.insert(k, v);
                        }
                    }
                }
                self.values = moved;
                if n == 1 {
                    self.items.insert(group.clone(), 0);
                } else {
                    self.items.insert(group.clone(), n as u32 - 1);
                }
                Ok(())
            }
        }
    }

    fn check_path(&self, schema: &FormSchema, p: &FieldPath) -> Result<(), EditError> {
        let unknown = || EditError::UnknownField(p.to_string());
        let field = match &p.group {
            None => schema.field(&p.field).ok_or_else(unknown)?,
            Some((g, i)) => {
                let group = schema
                    .field(g)
                    .filter(|f| f.kind == FieldType::Group)
                    .ok_or_else(unknown)?;
                if *i >= self.count(g) {
                    return Err(EditError::NoSuchItem {
                        group: g.clone(),
                        index: *i,
                    });
                }
                group
                    .fields
                    .iter()
                    .find(|f| f.id == p.field)
                    .ok_or_else(unknown)?
            }
        };
        let fits = match field.kind {
            FieldType::Group => false,
            FieldType::Address => p.part.is_some(),
            _ => p.part.is_none(),
        };
        if fits { Ok(()) } else { Err(unknown()) }
    }
}
