//! The form schema: sections (tasks) of pages of fields, as a pack carries it.

use serde::{Deserialize, Serialize};

use crate::catalogue::LocalText;

/// One dossier form: the web form (tờ khai) of a procedure, in sections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormSchema {
    /// Referenced by `procedures[].form_schema`: `[a-z0-9-]`.
    pub id: String,
    /// Increases whenever the fields change; drafts remember it.
    pub version: u32,
    /// The form's title ("Tờ khai đăng ký khai sinh").
    pub title: LocalText,
    /// The parts of a multi-part dossier; one section is one line of the task list.
    pub sections: Vec<Section>,
}

/// A part of the form (one task of the task list).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Unique in the form.
    pub id: String,
    /// The task's name.
    pub title: LocalText,
    /// Shown only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_if: Option<Condition>,
    /// Its pages, in order.
    pub pages: Vec<Page>,
}

/// One page of the wizard: one question, or a few inseparable fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// Unique in the form.
    pub id: String,
    /// The question the page asks (its heading).
    pub title: LocalText,
    /// Help under the heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<LocalText>,
    /// Shown only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_if: Option<Condition>,
    /// The fields.
    pub fields: Vec<Field>,
}

/// The kinds of field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// Free text on one line.
    Text,
    /// A number (integer unless `decimals` is set).
    Number,
    /// A calendar date, typed `dd/mm/yyyy`.
    Date,
    /// One of `options`.
    Choice,
    /// Có / Không.
    YesNo,
    /// A Vietnamese phone number.
    Phone,
    /// A 12-digit personal ID number (số định danh cá nhân / CCCD).
    Cccd,
    /// A 2025 commune (GSO code) and the house number/street line.
    Address,
    /// A repeatable group of the sub-fields in `fields` (children, witnesses …).
    Group,
}

spelled!(FieldType: UnknownValue {
    Text = "text",
    Number = "number",
    Date = "date",
    Choice = "choice",
    YesNo = "yes_no",
    Phone = "phone",
    Cccd = "cccd",
    Address = "address",
    Group = "group"
});

use crate::spelling::UnknownValue;

/// One choice of a `choice` field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    /// Stored value, `[a-z0-9_]`.
    pub value: String,
    /// What the volunteer reads.
    pub label: LocalText,
    /// The option may be chosen only when this holds (a top-level field
    /// of the form): LLTP's Phiếu số 2 only when the person asks for it
    /// themself. Chosen otherwise, the answer is a problem of its field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_if: Option<Condition>,
}

/// Which dates a `date` field accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DateRule {
    /// Any real date.
    #[default]
    Any,
    /// Today or earlier (births, deaths, issue dates).
    Past,
    /// Today or later (appointments, planned stays).
    Future,
}

/// One field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Unique in the form (in its group for sub-fields): `[a-z0-9_]`.
    pub id: String,
    /// Its kind.
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// Its label.
    pub label: LocalText,
    /// Help under the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<LocalText>,
    /// Must be answered (when visible). Fields are required unless marked
    /// optional, as on paper forms.
    #[serde(default = "yes")]
    pub required: bool,
    /// Shown (and checked, and sent) only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_if: Option<Condition>,
    /// Where an empty field takes its first value from (see [`Prefill`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefill: Option<Prefill>,
    /// `choice`: the options.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
    /// `text`: the longest answer accepted, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// `number`: the smallest value accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// `number`: the largest value accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// `date`: which dates are accepted.
    #[serde(default, skip_serializing_if = "is_any")]
    pub date_rule: DateRule,
    /// `date`: the year alone (`1950`) or month and year (`03/1950`) are
    /// accepted too, where civil records allow them (a parent's or the
    /// deceased's year of birth).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial_date: bool,
    /// `date`: no further than this many years from today, either side
    /// (a temporary stay of at most two years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_years: Option<u32>,
    /// A helper field the official template does not have: on the printout
    /// and in the hand-off its answer is written inside this official field
    /// (top-level ids; "Chỗ ở mới" inside "Nội dung đề nghị" of CT01).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fold_into: Option<String>,
    /// `group`: the sub-fields of one item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// `group`: the fewest items (0 when not required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u32>,
    /// `group`: the most items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u32>,
    /// `group`: what one item is called ("Người con").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_label: Option<LocalText>,
}

fn yes() -> bool {
    true
}

fn is_any(r: &DateRule) -> bool {
    *r == DateRule::Any
}

/// "Show this only when field `field` is `equals` / one of `one_of`"
/// (negated by `not`). Inside a group, `field` names a sibling sub-field
/// first, then a top-level field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The field whose answer decides.
    pub field: String,
    /// The answer that shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<String>,
    /// Any of these answers shows it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<String>,
    /// Show it when the condition does *not* hold.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not: bool,
}

/// Where a field's first value comes from, written `citizen.name` or
/// `answer:field_id` in the pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Prefill {
    /// A fact of the citizen's profile (read from their card).
    Citizen(CitizenFact),
    /// An earlier answer of the same dossier.
    Answer(String),
}

/// The profile facts a form can be prefilled from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CitizenFact {
    /// Full name.
    Name,
    /// Birth date.
    BirthDate,
    /// Sex, as a `sex` choice (`male`/`female`).
    Sex,
    /// Personal ID number.
    Cccd,
    /// The address (commune confirmed by the volunteer, and the line).
    Address,
}

impl CitizenFact {
    const ALL: [(CitizenFact, &'static str); 5] = [
        (CitizenFact::Name, "name"),
        (CitizenFact::BirthDate, "birth_date"),
        (CitizenFact::Sex, "sex"),
        (CitizenFact::Cccd, "cccd"),
        (CitizenFact::Address, "address"),
    ];
}

impl TryFrom<String> for Prefill {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        if let Some(field) = s.strip_prefix("answer:") {
            return Ok(Prefill::Answer(field.to_owned()));
        }
        if let Some(fact) = s.strip_prefix("citizen.")
            && let Some((f, _)) = CitizenFact::ALL.iter().find(|(_, n)| *n == fact)
        {
            return Ok(Prefill::Citizen(*f));
        }
        Err(format!(
            "unknown prefill source {s:?} (citizen.name|birth_date|sex|cccd|address, answer:FIELD)"
        ))
    }
}

impl From<Prefill> for String {
    fn from(p: Prefill) -> String {
        match p {
            Prefill::Answer(f) => format!("answer:{f}"),
            Prefill::Citizen(c) => {
                let name = CitizenFact::ALL
                    .iter()
                    .find(|(f, _)| *f == c)
                    .map_or("name", |(_, n)| n);
                format!("citizen.{name}")
            }
        }
    }
}

impl FormSchema {
    /// Every field, with its group when it is a sub-field, in form order.
    pub fn fields(&self) -> impl Iterator<Item = (Option<&Field>, &Field)> {
        self.sections
            .iter()
            .flat_map(|s| &s.pages)
            .flat_map(|p| &p.fields)
            .flat_map(|f| {
                std::iter::once((None, f)).chain(f.fields.iter().map(move |sub| (Some(f), sub)))
            })
    }

    /// The number of fields a volunteer may fill (sub-fields counted once).
    pub fn field_count(&self) -> usize {
        self.fields()
            .filter(|(_, f)| f.kind != FieldType::Group)
            .count()
    }

    /// The top-level field `id`.
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.sections
            .iter()
            .flat_map(|s| &s.pages)
            .flat_map(|p| &p.fields)
            .find(|f| f.id == id)
    }

    /// The page `id` with its section.
    pub fn page(&self, id: &str) -> Option<(&Section, &Page)> {
        self.sections
            .iter()
            .flat_map(|s| s.pages.iter().map(move |p| (s, p)))
            .find(|(_, p)| p.id == id)
    }
}
