//! What is shown, what is wrong, and how far each task is.

use super::answers::Answers;
use super::path::{AddressPart, FieldPath};
use super::schema::{Condition, DateRule, Field, FieldType, FormSchema, Page, Section};
use crate::date::{Date, PartialDate};

/// What validation needs from outside: today's date and the admin units.
pub struct Env<'a> {
    /// Today, in Vietnam.
    pub today: Date,
    /// Whether a 2025 commune code exists.
    pub commune_exists: &'a dyn Fn(&str) -> bool,
}

/// What is wrong with one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A required answer is missing.
    Required,
    /// Longer than the field allows.
    TooLong(u32),
    /// Not a whole number.
    NotANumber,
    /// Below the smallest allowed.
    BelowMin(i64),
    /// Above the largest allowed.
    AboveMax(i64),
    /// Not a date (`dd/mm/yyyy`).
    NotADate,
    /// A date after today where only past dates make sense.
    DateInFuture,
    /// A date before today where only future dates make sense.
    DateInPast,
    /// Further from today than the field allows, in years (a stay of at
    /// most two years).
    DateTooFar(u32),
    /// Not a Vietnamese phone number.
    NotAPhone,
    /// Not a 12-digit personal ID number.
    NotAnId,
    /// Not one of the options.
    NotAChoice,
    /// An address without its commune.
    NoCommune,
    /// A commune code that does not exist.
    UnknownCommune,
    /// Fewer items than the group needs.
    TooFewItems(u32),
    /// An option that may not be chosen with the answers given elsewhere
    /// (Phiếu số 2 asked for by someone else).
    OptionNotAllowed,
}

impl Problem {
    /// The stable code, used for translation (`form-error-<code>`).
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Required => "required",
            Problem::TooLong(_) => "too-long",
            Problem::NotANumber => "not-a-number",
            Problem::BelowMin(_) => "below-min",
            Problem::AboveMax(_) => "above-max",
            Problem::NotADate => "not-a-date",
            Problem::DateInFuture => "date-in-future",
            Problem::DateInPast => "date-in-past",
            Problem::DateTooFar(_) => "date-too-far",
            Problem::NotAPhone => "not-a-phone",
            Problem::NotAnId => "not-an-id",
            Problem::NotAChoice => "not-a-choice",
            Problem::NoCommune => "no-commune",
            Problem::UnknownCommune => "unknown-commune",
            Problem::TooFewItems(_) => "too-few-items",
            Problem::OptionNotAllowed => "option-not-allowed",
        }
    }

    /// The number in the message, if any.
    pub fn arg(&self) -> Option<i64> {
        match *self {
            Problem::TooLong(n) | Problem::TooFewItems(n) | Problem::DateTooFar(n) => {
                Some(i64::from(n))
            }
            Problem::BelowMin(n) | Problem::AboveMax(n) => Some(n),
            _ => None,
        }
    }
}

/// One problem at one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The answer's path (for an address, the path of the field itself).
    pub path: String,
    /// What is wrong.
    pub problem: Problem,
}

/// How far a task (section) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskStatus {
    /// Nothing answered yet.
    NotStarted,
    /// Some answers, or some problems.
    InProgress,
    /// Every visible answer is there and valid.
    Completed,
}

spelled!(TaskStatus: UnknownValue {
    NotStarted = "not_started",
    InProgress = "in_progress",
    Completed = "completed"
});

use crate::spelling::UnknownValue;

/// Reads a date as people type it: `d/m/yyyy` (also with `-` or `.`), or
/// `yyyy-mm-dd`.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Some(d) = Date::from_iso(s) {
        return Some(d);
    }
    let mut parts = s.split(['/', '-', '.']);
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || d.is_empty() || m.is_empty() {
        return None;
    }
    let num = |p: &str| {
        (p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u16>().ok())
            .flatten()
    };
    Date::new(
        num(y)?,
        u8::try_from(num(m)?).ok()?,
        u8::try_from(num(d)?).ok()?,
    )
}

/// Reads a date that may be partial, on a field that allows it: `1950`,
/// `3/1950` (also with `-` or `.`), or a whole date as [`parse_date`] reads it.
pub fn parse_partial_date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if let Some(d) = parse_date(s) {
        return Some(PartialDate::Day(d));
    }
    let num = |p: &str| {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u16>().ok())
            .flatten()
    };
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    match parts.as_slice() {
        [y] if y.len() == 4 => PartialDate::new(num(y)?, None, None),
        [m, y] if y.len() == 4 => {
            PartialDate::new(num(y)?, Some(u8::try_from(num(m)?).ok()?), None)
        }
        _ => None,
    }
}

/// Whether `d` lies further than `years` from `today`, either side (a
/// 29 February anniversary counts from the 28th).
fn too_far(today: Date, d: PartialDate, years: u32) -> bool {
    let shift = |up: bool| {
        let y = u32::from(today.year);
        let year = if up {
            y.saturating_add(years)
        } else {
            y.saturating_sub(years)
        };
        let year = u16::try_from(year).unwrap_or(u16::MAX);
        let day = today.day.min(Date::days_in_month(year, today.month));
        Date {
            year,
            month: today.month,
            day,
        }
    };
    d.earliest() > shift(true) || d.latest() < shift(false)
}

/// `dd/mm/yyyy`, as Vietnamese forms print dates (one format with a
/// partial date's, [`PartialDate`]'s `Display`).
pub fn format_date(d: Date) -> String {
    PartialDate::Day(d).to_string()
}

/// A Vietnamese phone number in its 10/11-digit national form (`0…`), from
/// what was typed (spaces, dots, dashes and a `+84`/`84` prefix allowed).
/// Mobiles: 10 digits starting 03, 05, 07, 08, 09; landlines: 11 digits
/// starting 02.
pub fn normalize_phone(s: &str) -> Option<String> {
    let compact: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    let digits = if let Some(rest) = compact.strip_prefix("+84") {
        format!("0{rest}")
    } else if compact.len() >= 11 && compact.starts_with("84") && !compact.starts_with("840") {
        format!("0{}", &compact[2..])
    } else {
        compact
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let b = digits.as_bytes();
    let ok = matches!(
        (b.len(), b.first(), b.get(1)),
        (10, Some(b'0'), Some(b'3' | b'5' | b'7' | b'8' | b'9')) | (11, Some(b'0'), Some(b'2'))
    );
    ok.then_some(digits)
}

/// Whether `s` is a well-formed personal ID number: 12 digits, a known
/// province code, a century/sex digit 0–9.
pub fn is_personal_id(s: &str) -> bool {
    let s = s.trim();
    if s.len() != 12 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    s[0..3]
        .parse::<u16>()
        .is_ok_and(|p| crate::cccd::ID_PROVINCE_CODES.contains(&p))
}

/// A whole number as typed (spaces allowed as thousands separators).
pub fn parse_number(s: &str) -> Option<i64> {
    let compact: String = s.trim().chars().filter(|c| *c != ' ').collect();
    let digits = compact.strip_prefix('-').unwrap_or(&compact);
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    compact.parse().ok()
}

/// The answer that decides a condition, looked up beside a group item first.
fn decides<'a>(
    schema: &FormSchema,
    answers: &'a Answers,
    item: Option<(&Field, usize)>,
    id: &str,
) -> Option<&'a str> {
    if let Some((group, i)) = item
        && let Some(sibling) = group.fields.iter().find(|f| f.id == id)
    {
        if !field_visible(schema, answers, Some((group, i)), sibling) {
            return None;
        }
        return answers.get(&FieldPath::item(&group.id, i, id).to_string());
    }
    let field = schema.field(id)?;
    if !top_field_visible(schema, answers, field) {
        return None;
    }
    answers.get(id)
}

fn holds(
    schema: &FormSchema,
    answers: &Answers,
    item: Option<(&Field, usize)>,
    c: &Condition,
) -> bool {
    let value = decides(schema, answers, item, &c.field).map(str::trim);
    let yes = match value {
        None | Some("") => false,
        Some(v) => c.equals.as_deref() == Some(v) || c.one_of.iter().any(|o| o == v),
    };
    yes != c.not
}

fn shown(
    schema: &FormSchema,
    answers: &Answers,
    item: Option<(&Field, usize)>,
    c: Option<&Condition>,
) -> bool {
    c.is_none_or(|c| holds(schema, answers, item, c))
}

/// Whether condition `c` holds for these answers (a top-level field; a
/// hidden field's answer counts as none): what decides a paper's
/// `applies_if` in the catalogue.
pub fn condition_holds(schema: &FormSchema, answers: &Answers, c: &Condition) -> bool {
    holds(schema, answers, None, c)
}

/// Whether the section is part of this dossier.
pub fn section_visible(schema: &FormSchema, answers: &Answers, s: &Section) -> bool {
    shown(schema, answers, None, s.visible_if.as_ref())
}

/// Whether the page is part of this dossier (its section included).
pub fn page_visible(schema: &FormSchema, answers: &Answers, s: &Section, p: &Page) -> bool {
    section_visible(schema, answers, s) && shown(schema, answers, None, p.visible_if.as_ref())
}

/// Whether field `f` (a sub-field of item `item` when given) is shown, on
/// its own terms (not looking at its page).
pub fn field_visible(
    schema: &FormSchema,
    answers: &Answers,
    item: Option<(&Field, usize)>,
    f: &Field,
) -> bool {
    if let Some((group, _)) = item
        && !top_field_visible(schema, answers, group)
    {
        return false;
    }
    shown(schema, answers, item, f.visible_if.as_ref())
}

fn top_field_visible(schema: &FormSchema, answers: &Answers, f: &Field) -> bool {
    let Some((s, p)) = schema
        .sections
        .iter()
        .flat_map(|s| s.pages.iter().map(move |p| (s, p)))
        .find(|(_, p)| p.fields.iter().any(|x| std::ptr::eq(x, f)))
    else {
        return false;
    };
    page_visible(schema, answers, s, p) && shown(schema, answers, None, f.visible_if.as_ref())
}

/// The pages of this dossier, in order.
pub fn visible_pages<'s>(
    schema: &'s FormSchema,
    answers: &Answers,
) -> Vec<(&'s Section, &'s Page)> {
    schema
        .sections
        .iter()
        .flat_map(|s| s.pages.iter().map(move |p| (s, p)))
        .filter(|(s, p)| page_visible(schema, answers, s, p))
        .collect()
}

fn check_value(f: &Field, value: &str, env: &Env<'_>) -> Option<Problem> {
    let v = value.trim();
    match f.kind {
        FieldType::Text => f
            .max_length
            .filter(|max| v.chars().count() > *max as usize)
            .map(Problem::TooLong),
        FieldType::Number => match parse_number(v) {
            None => Some(Problem::NotANumber),
            Some(n) if f.min.is_some_and(|m| n < m) => f.min.map(Problem::BelowMin),
            Some(n) if f.max.is_some_and(|m| n > m) => f.max.map(Problem::AboveMax),
            Some(_) => None,
        },
        // One reading of the date (partial only where the field allows it;
        // a whole date is its own earliest and latest day), then its rules.
        FieldType::Date => {
            let parsed = if f.partial_date {
                parse_partial_date(v)
            } else {
                parse_date(v).map(PartialDate::Day)
            };
            match parsed {
                None => Some(Problem::NotADate),
                Some(d) if f.within_years.is_some_and(|n| too_far(env.today, d, n)) => {
                    f.within_years.map(Problem::DateTooFar)
                }
                Some(d) if f.date_rule == DateRule::Past && d.earliest() > env.today => {
                    Some(Problem::DateInFuture)
                }
                Some(d) if f.date_rule == DateRule::Future && d.latest() < env.today => {
                    Some(Problem::DateInPast)
                }
                Some(_) => None,
            }
        }
        FieldType::Choice => {
            (!f.options.iter().any(|o| o.value == v)).then_some(Problem::NotAChoice)
        }
        FieldType::YesNo => (!matches!(v, "yes" | "no")).then_some(Problem::NotAChoice),
        FieldType::Phone => normalize_phone(v).is_none().then_some(Problem::NotAPhone),
        FieldType::Cccd => (!is_personal_id(v)).then_some(Problem::NotAnId),
        FieldType::Address | FieldType::Group => None,
    }
}

fn check_field(
    schema: &FormSchema,
    answers: &Answers,
    item: Option<(&Field, usize)>,
    f: &Field,
    env: &Env<'_>,
    out: &mut Vec<Issue>,
) {
    if !field_visible(schema, answers, item, f) {
        return;
    }
    let path = match item {
        Some((g, i)) => FieldPath::item(&g.id, i, &f.id),
        None => FieldPath::top(&f.id),
    };
    let mut push = |problem| {
        out.push(Issue {
            path: path.to_string(),
            problem,
        })
    };
    match f.kind {
        FieldType::Group => {
            let n = answers.count(&f.id);
            let min = f.min_items.unwrap_or(u32::from(f.required));
            if (n as u32) < min {
                push(Problem::TooFewItems(min));
            }
            for i in 0..n {
                for sub in &f.fields {
                    check_field(schema, answers, Some((f, i)), sub, env, out);
                }
            }
        }
        FieldType::Address => {
            let part = |p| {
                answers
                    .get(&path.clone().with_part(p).to_string())
                    .map(str::trim)
            };
            match (part(AddressPart::Commune), part(AddressPart::Line)) {
                (None | Some(""), None | Some("")) if f.required => push(Problem::Required),
                (None | Some(""), None | Some("")) => {}
                (None | Some(""), _) => push(Problem::NoCommune),
                (Some(code), _) if !(env.commune_exists)(code) => push(Problem::UnknownCommune),
                _ => {}
            }
        }
        _ => match answers.get(&path.to_string()).map(str::trim) {
            None | Some("") if f.required => push(Problem::Required),
            None | Some("") => {}
            Some(v) => {
                if let Some(p) = check_value(f, v, env) {
                    push(p);
                } else if f
                    .options
                    .iter()
                    .find(|o| o.value == v)
                    .and_then(|o| o.only_if.as_ref())
                    .is_some_and(|c| !holds(schema, answers, None, c))
                {
                    push(Problem::OptionNotAllowed);
                }
            }
        },
    }
}

/// The problems of one page (nothing when the page is hidden).
pub fn check_page(
    schema: &FormSchema,
    answers: &Answers,
    section: &Section,
    page: &Page,
    env: &Env<'_>,
) -> Vec<Issue> {
    let mut out = Vec::new();
    if page_visible(schema, answers, section, page) {
        for f in &page.fields {
            check_field(schema, answers, None, f, env, &mut out);
        }
    }
    out
}

/// Every problem of the dossier, in form order.
pub fn check_all(schema: &FormSchema, answers: &Answers, env: &Env<'_>) -> Vec<Issue> {
    schema
        .sections
        .iter()
        .flat_map(|s| s.pages.iter().map(move |p| (s, p)))
        .flat_map(|(s, p)| check_page(schema, answers, s, p, env))
        .collect()
}

/// How far a section is.
pub fn section_status(
    schema: &FormSchema,
    original: &Answers,
    section: &Section,
    env: &Env<'_>,
) -> TaskStatus {
    // Only answers that count: a prefilled but hidden field (a delivery
    // address while "collect at the office" is chosen) starts nothing.
    let shown = effective(schema, original);
    let answers = &shown;
    let touched = section.pages.iter().flat_map(|p| &p.fields).any(|f| {
        let prefix = |k: &String| {
            k == &f.id
                || k.strip_prefix(f.id.as_str())
                    .is_some_and(|r| r.starts_with('.') || r.starts_with('['))
        };
        answers
            .values
            .iter()
            .any(|(k, v)| prefix(k) && !v.trim().is_empty())
            || answers.count(&f.id) > 0
    });
    if !touched {
        return TaskStatus::NotStarted;
    }
    let problems = section
        .pages
        .iter()
        .any(|p| !check_page(schema, original, section, p, env).is_empty());
    if problems {
        TaskStatus::InProgress
    } else {
        TaskStatus::Completed
    }
}

/// The answers that count: those of visible fields only (what is printed
/// and sent). Hidden answers stay in the draft in case the volunteer
/// changes their mind, but never leave it.
pub fn effective(schema: &FormSchema, answers: &Answers) -> Answers {
    let mut out = Answers::default();
    for (s, p) in visible_pages(schema, answers) {
        let _ = s;
        for f in &p.fields {
            if !field_visible(schema, answers, None, f) {
                continue;
            }
            let copy = |out: &mut Answers, path: FieldPath, sub: &Field| {
                let keys: Vec<FieldPath> = if sub.kind == FieldType::Address {
                    vec![
                        path.clone().with_part(AddressPart::Commune),
                        path.with_part(AddressPart::Line),
                    ]
                } else {
                    vec![path]
                };
                for k in keys {
                    if let Some(v) = answers.get(&k.to_string()) {
                        out.values.insert(k.to_string(), v.to_owned());
                    }
                }
            };
            if f.kind == FieldType::Group {
                let n = answers.count(&f.id);
                out.items.insert(f.id.clone(), n as u32);
                for i in 0..n {
                    for sub in &f.fields {
                        if field_visible(schema, answers, Some((f, i)), sub) {
                            copy(&mut out, FieldPath::item(&f.id, i, &sub.id), sub);
                        }
                    }
                }
            } else {
                copy(&mut out, FieldPath::top(&f.id), f);
            }
        }
    }
    out
}
