//! Prefill: a new dossier takes what the citizen's card says, and a page
//! repeats earlier answers (the applicant's address as the child's …);
//! and the folded text the drafts list searches.

use gocua_core::catalogue::Procedure;
use gocua_core::date::PartialDate;
use gocua_core::form::{
    AddressPart, Answers, CitizenFact, Edit, FieldPath, FieldType, FormSchema, Prefill,
};
use gocua_store::CitizenRow;

/// Applies the citizen-profile prefills to every empty field.
pub(crate) fn prefill_citizen(schema: &FormSchema, citizen: &CitizenRow, a: &mut Answers) {
    let line = || {
        crate::units::units()
            .ok()
            .and_then(|u| u.convert(&citizen.address).ok())
            .map(|c| c.line)
            .unwrap_or_default()
    };
    for (group, f) in schema.fields() {
        let (None, Some(Prefill::Citizen(fact))) = (group, &f.prefill) else {
            continue;
        };
        let mut set = |path: FieldPath, value: String| {
            let key = path.to_string();
            if !a.values.contains_key(&key) && !value.is_empty() {
                let _ = a.apply(schema, &Edit::Set { path: key, value });
            }
        };
        let top = FieldPath::top(&f.id);
        match fact {
            CitizenFact::Name => set(top, citizen.name.clone()),
            CitizenFact::Cccd => set(top, citizen.cccd.clone()),
            // A birth date the card knows only to the year (or month)
            // fills a field that allows it, and leaves a whole-date field
            // for the volunteer to ask.
            CitizenFact::BirthDate => match PartialDate::from_iso(&citizen.birth_date) {
                Some(d) if f.partial_date || matches!(d, PartialDate::Day(_)) => {
                    set(top, d.to_string())
                }
                _ => {}
            },
            CitizenFact::Sex => {
                let v = match gocua_core::cccd::Sex::from_card(&citizen.sex) {
                    Some(gocua_core::cccd::Sex::Male) => "male",
                    Some(gocua_core::cccd::Sex::Female) => "female",
                    None => "",
                };
                set(top, v.to_owned());
            }
            CitizenFact::Address => {
                if let Some(code) = &citizen.address_commune {
                    set(top.clone().with_part(AddressPart::Commune), code.clone());
                }
                set(top.with_part(AddressPart::Line), line());
            }
        }
    }
}

/// Copies earlier answers into the empty fields of `page` that ask for them.
pub(crate) fn prefill_answers(schema: &FormSchema, page: &str, a: &mut Answers) -> bool {
    let Some((_, p)) = schema.page(page) else {
        return false;
    };
    let mut changed = false;
    for f in &p.fields {
        let Some(Prefill::Answer(source)) = &f.prefill else {
            continue;
        };
        let parts: Vec<Option<AddressPart>> = if f.kind == FieldType::Address {
            vec![Some(AddressPart::Commune), Some(AddressPart::Line)]
        } else {
            vec![None]
        };
        let answered = parts.iter().any(|part| {
            let mut p = FieldPath::top(&f.id);
            p.part = *part;
            a.values.contains_key(&p.to_string())
        });
        if answered {
            continue;
        }
        for part in parts {
            let (mut from, mut to) = (FieldPath::top(source), FieldPath::top(&f.id));
            from.part = part;
            to.part = part;
            if let Some(v) = a.get(&from.to_string()).map(str::to_owned)
                && a.apply(
                    schema,
                    &Edit::Set {
                        path: to.to_string(),
                        value: v,
                    },
                )
                .is_ok()
            {
                changed = true;
            }
        }
    }
    changed
}

pub(crate) fn search_text(procedure: &Procedure, citizen: Option<&CitizenRow>) -> String {
    let mut s = format!("{} {}", procedure.name.vi, procedure.code);
    if let Some(c) = citizen {
        s.push(' ');
        s.push_str(&c.name);
        s.push(' ');
        s.push_str(&c.cccd);
    }
    gocua_core::text::fold(&s)
}
