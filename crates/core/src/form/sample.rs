//! Sample answers: a complete, valid dossier for demonstrations, training
//! and benchmarks, filled the way the checks ask for it.
//!
//! Starting from whatever is there (usually the answers prefilled from a
//! citizen's card), the form is checked and every problem is answered with
//! a plausible value of the field's kind; answering may show further pages
//! (a condition now holds), so this repeats until nothing is missing. Valid
//! answers are never changed.

use super::answers::{Answers, Edit};
use super::check::{Env, Problem, check_all, format_date};
use super::path::{AddressPart, FieldPath};
use super::schema::{DateRule, Field, FieldType, FormSchema};
use crate::date::Date;

/// The facts sample answers are made of.
#[derive(Debug, Clone, Copy)]
pub struct SampleFacts<'a> {
    /// A 2025 commune code that exists (for addresses).
    pub commune: &'a str,
    /// A well-formed personal ID number.
    pub id_number: &'a str,
    /// A valid phone number.
    pub phone: &'a str,
}

/// At most this many rounds of check-and-answer (each round answers every
/// problem the previous answers revealed; real forms need two or three).
const MAX_ROUNDS: usize = 32;

/// Answers every problem of the form with a sample value until the form is
/// complete. Returns whether it is (false only for a form whose rules
/// cannot all be met, e.g. a number with `min` above `max`).
pub fn fill_sample(
    schema: &FormSchema,
    answers: &mut Answers,
    facts: &SampleFacts<'_>,
    env: &Env<'_>,
) -> bool {
    for _ in 0..MAX_ROUNDS {
        let issues = check_all(schema, answers, env);
        if issues.is_empty() {
            return true;
        }
        for issue in issues {
            let Ok(path) = issue.path.parse::<FieldPath>() else {
                return false;
            };
            let Some(field) = field_at(schema, &path) else {
                return false;
            };
            let edits = match issue.problem {
                Problem::TooFewItems(n) => (answers.count(&field.id)..n as usize)
                    .map(|_| Edit::AddItem {
                        group: field.id.clone(),
                    })
                    .collect(),
                _ => sample(field, &path, facts, env),
            };
            for edit in edits {
                if answers.apply(schema, &edit).is_err() {
                    return false;
                }
            }
        }
    }
    check_all(schema, answers, env).is_empty()
}

/// The field a path names (a group's sub-field for an item path).
fn field_at<'s>(schema: &'s FormSchema, path: &FieldPath) -> Option<&'s Field> {
    match &path.group {
        Some((group, _)) => schema
            .field(group)?
            .fields
            .iter()
            .find(|f| f.id == path.field),
        None => schema.field(&path.field),
    }
}

/// The edits that give `field` (at `path`) a valid sample answer.
fn sample(field: &Field, path: &FieldPath, facts: &SampleFacts<'_>, env: &Env<'_>) -> Vec<Edit> {
    let set = |path: FieldPath, value: String| Edit::Set {
        path: path.to_string(),
        value,
    };
    let value = match field.kind {
        FieldType::Address => {
            let mut base = path.clone();
            base.part = None;
            return vec![
                set(
                    base.clone().with_part(AddressPart::Commune),
                    facts.commune.to_owned(),
                ),
                set(
                    base.with_part(AddressPart::Line),
                    "Số 1, thôn Mẫu".to_owned(),
                ),
            ];
        }
        FieldType::Group => return Vec::new(),
        FieldType::Text => {
            let max = field.max_length.unwrap_or(u32::MAX) as usize;
            "Nội dung mẫu".chars().take(max.max(1)).collect()
        }
        FieldType::Number => {
            let low = field.min.unwrap_or(1);
            field.max.map_or(low, |high| low.min(high)).to_string()
        }
        FieldType::Date => {
            // The first of this month a year ago or a year ahead: always a
            // real date on the right side of today.
            let t = env.today;
            let day = match field.date_rule {
                DateRule::Past => Date::new(t.year.saturating_sub(1), t.month, 1),
                DateRule::Future => Date::new(t.year.saturating_add(1), t.month, 1),
                DateRule::Any => Some(t),
            };
            format_date(day.unwrap_or(t))
        }
        // An option any answers allow, where there is one.
        FieldType::Choice => field
            .options
            .iter()
            .find(|o| o.only_if.is_none())
            .or(field.options.first())
            .map(|o| o.value.clone())
            .unwrap_or_default(),
        FieldType::YesNo => "no".to_owned(),
        FieldType::Phone => facts.phone.to_owned(),
        FieldType::Cccd => facts.id_number.to_owned(),
    };
    vec![set(path.clone(), value)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::parse_pack;

    /// Every form of the shipped pack can be filled to completion: demo
    /// and benchmark dossiers are never "ready" with answers missing.
    #[test]
    fn every_shipped_form_fills_to_complete() {
        let pack = parse_pack(include_str!("../../../../data/catalogue/vn-national.json"))
            .expect("shipped pack");
        let today = Date::new(2026, 12, 1).expect("date");
        let env = Env {
            today,
            commune_exists: &|c| c == "00004",
        };
        let facts = SampleFacts {
            commune: "00004",
            id_number: "001090123456",
            phone: "0912345678",
        };
        assert!(!pack.forms.is_empty());
        for schema in &pack.forms {
            let mut answers = Answers::default();
            assert!(!check_all(schema, &answers, &env).is_empty() || schema.field_count() == 0);
            assert!(
                fill_sample(schema, &mut answers, &facts, &env),
                "{}",
                schema.id
            );
            assert!(
                check_all(schema, &answers, &env).is_empty(),
                "{}",
                schema.id
            );
        }
    }

    /// What is already valid stays as it was.
    #[test]
    fn valid_answers_are_kept() {
        let pack = parse_pack(include_str!("../../../../data/catalogue/vn-national.json"))
            .expect("shipped pack");
        let env = Env {
            today: Date::new(2026, 12, 1).expect("date"),
            commune_exists: &|_| true,
        };
        let facts = SampleFacts {
            commune: "00004",
            id_number: "001090123456",
            phone: "0912345678",
        };
        for schema in &pack.forms {
            let mut once = Answers::default();
            fill_sample(schema, &mut once, &facts, &env);
            let mut twice = once.clone();
            assert!(fill_sample(schema, &mut twice, &facts, &env));
            assert_eq!(once, twice, "{}", schema.id);
        }
    }
}
