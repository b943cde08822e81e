//! The QR code on the chip citizen ID card (căn cước công dân / thẻ căn cước).
//!
//! One UTF-8 line of `|`-separated fields. The chip CCCD of 2021–2024 (QR on
//! the front) writes `id|old_id|name|birth ddmmyyyy|sex|address|issue ddmmyyyy`, e.g.
//! `001090123456|012345678|Nguyễn Văn A|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021`.
//! The old ID (CMND) is empty for people who never had one, 9 digits, or 12
//! for the 12-digit CMND some provinces issued. The identity card (thẻ căn
//! cước) issued since 1 July 2024 has its QR on the back and more data
//! (TT 16/2024/TT-BCA lists: ID, name, birth date, sex, place of residence,
//! issue date, old CMND if any, cancelled ID if any, parents' names for
//! children); its exact field order is not yet verified against real
//! cards, so fields are found by their pattern, not only their position:
//! after the ID, a field of digits (or an empty one) is the old ID, a field
//! with letters is the name, and the old ID may then follow the issue date.
//! Extra trailing fields are ignored; a BOM and CR/LF around the text (USB
//! scanners add them) are tolerated.
//!
//! The 12-digit number encodes facts that must agree with the card (Luật
//! Căn cước 2023, NĐ 70/2024/NĐ-CP; earlier TT 07/2016/TT-BCA and TT
//! 59/2021/TT-BCA): digits 1–3 the province of birth
//! registration (one of the 63 pre-2025 province codes), digit 4 century and
//! sex (0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s …), digits 5–6 the
//! last two digits of the birth year. [`parse_qr`] and [`Card::new`] (for
//! manual entry) check all of it, and dates against `today`. A birth date
//! may be the year alone (`0000yyyy`) or the month and year (`00mmyyyy`),
//! as civil records hold it for some older citizens: the number's digits
//! need only the year.

/// Province codes (first three digits of a personal ID number): the 63
/// provinces before the 2025 merger, as in TT 07/2016/TT-BCA.
pub const ID_PROVINCE_CODES: [u16; 63] = [
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37,
    38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77,
    79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
];

pub use crate::date::{Date, PartialDate};

/// Sex as printed on the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    /// "Nam".
    Male,
    /// "Nữ".
    Female,
}

impl Sex {
    /// As printed on the card: "Nam" or "Nữ".
    pub fn as_card(self) -> &'static str {
        match self {
            Sex::Male => "Nam",
            Sex::Female => "Nữ",
        }
    }

    /// Reads "Nam"/"Nữ" (any case, with or without diacritics).
    pub fn from_card(s: &str) -> Option<Sex> {
        match crate::text::fold(s).as_str() {
            "nam" => Some(Sex::Male),
            "nu" => Some(Sex::Female),
            _ => None,
        }
    }
}

/// The facts of one ID card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// Số định danh cá nhân, 12 digits.
    pub id: String,
    /// The old 9-digit ID (CMND), if the person had one.
    pub old_id: Option<String>,
    /// Full name, with diacritics, NFC.
    pub name: String,
    /// Date of birth: the year alone, or month and year, when civil
    /// records know no more.
    pub birth_date: PartialDate,
    /// Sex.
    pub sex: Sex,
    /// Address as printed (nơi thường trú / nơi cư trú).
    pub address: String,
    /// Date of issue.
    pub issue_date: Date,
}

/// Why a card (scanned or typed) was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardError {
    /// Nothing was read.
    #[error("empty input")]
    Empty,
    /// Fewer than 7 `|`-separated fields.
    #[error("expected 7 fields separated by '|', found {0}")]
    FieldCount(usize),
    /// The ID is not 12 digits.
    #[error("the ID number must be 12 digits")]
    IdFormat,
    /// The old ID is neither empty nor 9 digits.
    #[error("the old ID number must be empty or 9 digits")]
    OldIdFormat,
    /// No name.
    #[error("the name is empty")]
    NameEmpty,
    /// The date of birth is not a real date.
    #[error("invalid date of birth")]
    BirthDate,
    /// The date of issue is not a real date.
    #[error("invalid date of issue")]
    IssueDate,
    /// Sex is neither "Nam" nor "Nữ".
    #[error("sex must be Nam or Nữ")]
    Sex,
    /// No address.
    #[error("the address is empty")]
    AddressEmpty,
    /// The first three digits are not a province code.
    #[error("the ID number's province code {0:03} does not exist")]
    IdProvince(u16),
    /// Digit 4 disagrees with the birth century or sex.
    #[error("the ID number's century/sex digit disagrees with the date of birth and sex")]
    IdCenturySex,
    /// Digits 5–6 disagree with the birth year.
    #[error("the ID number's year digits disagree with the date of birth")]
    IdYear,
    /// A date in the future.
    #[error("a date lies in the future")]
    Future,
    /// Issued before birth.
    #[error("the card was issued before the date of birth")]
    IssuedBeforeBirth,
    /// A control, escape, bidirectional or zero-width character: not on
    /// any card, and able to hide or reorder what the volunteer sees.
    #[error("a field holds a control or invisible character")]
    BadCharacter,
    /// Longer than any card's text (name over 100 characters, address
    /// over 300, QR text over 1,000).
    #[error("a field is longer than a card allows")]
    TooLong,
    /// Several lines: more than one card was read at once.
    #[error("more than one line (several cards?)")]
    SeveralLines,
}

/// The longest QR text accepted (a real card's is about 150 characters).
pub const MAX_QR_CHARS: usize = 1000;
/// The longest full name accepted.
pub const MAX_NAME_CHARS: usize = 100;
/// The longest address accepted.
pub const MAX_ADDRESS_CHARS: usize = 300;

/// Whether `c` may never appear in a card field: control characters
/// (C0, DEL, C1), bidirectional marks, embeddings, overrides and isolates,
/// zero-width characters and the byte-order mark.
pub fn is_forbidden_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

impl CardError {
    /// A problem the volunteer may accept after checking the card with the
    /// citizen: the number's first three digits are no province code (a
    /// birth registered abroad has a country code there), or its century,
    /// sex or year digits disagree with the card (a card with a data error).
    /// Everything else is refused whatever the volunteer says.
    pub fn is_overridable(&self) -> bool {
        matches!(
            self,
            CardError::IdProvince(_) | CardError::IdCenturySex | CardError::IdYear
        )
    }

    /// A stable code for translations (`cccd-error-<code>`).
    pub fn code(&self) -> &'static str {
        match self {
            CardError::Empty => "empty",
            CardError::FieldCount(_) => "field-count",
            CardError::IdFormat => "id-format",
            CardError::OldIdFormat => "old-id-format",
            CardError::NameEmpty => "name-empty",
            CardError::BirthDate => "birth-date",
            CardError::IssueDate => "issue-date",
            CardError::Sex => "sex",
            CardError::AddressEmpty => "address-empty",
            CardError::IdProvince(_) => "id-province",
            CardError::IdCenturySex => "id-century-sex",
            CardError::IdYear => "id-year",
            CardError::Future => "future",
            CardError::IssuedBeforeBirth => "issued-before-birth",
            CardError::BadCharacter => "bad-character",
            CardError::TooLong => "too-long",
            CardError::SeveralLines => "several-lines",
        }
    }
}

/// Checks a 12-digit personal ID number against the birth year and sex.
pub fn check_id(id: &str, birth_year: u16, sex: Sex) -> Result<(), CardError> {
    if id.len() != 12 || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CardError::IdFormat);
    }
    let digit = |i: usize| u16::from(id.as_bytes()[i] - b'0');
    let province = digit(0) * 100 + digit(1) * 10 + digit(2);
    if !ID_PROVINCE_CODES.contains(&province) {
        return Err(CardError::IdProvince(province));
    }
    // 0/1: 1900–1999, 2/3: 2000–2099, 4/5: 2100–2199 … (even = male).
    let century_digit = digit(3);
    let century_start = 1900 + 100 * (century_digit / 2);
    let male = century_digit % 2 == 0;
    if !(century_start..century_start + 100).contains(&birth_year) || male != (sex == Sex::Male) {
        return Err(CardError::IdCenturySex);
    }
    if digit(4) * 10 + digit(5) != birth_year % 100 {
        return Err(CardError::IdYear);
    }
    Ok(())
}

impl Card {
    /// Validates typed-in card facts exactly as a scan would be.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        id: &str,
        old_id: &str,
        name: &str,
        birth_date: PartialDate,
        sex: Sex,
        address: &str,
        issue_date: Date,
        today: Date,
    ) -> Result<Card, CardError> {
        Card::build(
            id, old_id, name, birth_date, sex, address, issue_date, today, false,
        )
    }

    /// Like [`Card::new`], after the volunteer checked the card with the
    /// citizen and confirmed it reads so: the problems that
    /// [`CardError::is_overridable`] are accepted, nothing else.
    #[allow(clippy::too_many_arguments)]
    pub fn confirmed(
        id: &str,
        old_id: &str,
        name: &str,
        birth_date: PartialDate,
        sex: Sex,
        address: &str,
        issue_date: Date,
        today: Date,
    ) -> Result<Card, CardError> {
        Card::build(
            id, old_id, name, birth_date, sex, address, issue_date, today, true,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn build(
        id: &str,
        old_id: &str,
        name: &str,
        birth_date: PartialDate,
        sex: Sex,
        address: &str,
        issue_date: Date,
        today: Date,
        confirmed: bool,
    ) -> Result<Card, CardError> {
        use unicode_normalization::UnicodeNormalization;
        if [id, old_id, name, address]
            .iter()
            .any(|f| f.chars().any(is_forbidden_char))
        {
            return Err(CardError::BadCharacter);
        }
        if name.chars().count() > MAX_NAME_CHARS || address.chars().count() > MAX_ADDRESS_CHARS {
            return Err(CardError::TooLong);
        }
        let id = id.trim();
        let old_id = old_id.trim();
        if !old_id.is_empty() && !is_old_id(old_id) {
            return Err(CardError::OldIdFormat);
        }
        let name: String = name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .nfc()
            .collect();
        if name.is_empty() {
            return Err(CardError::NameEmpty);
        }
        let address: String = address.trim().nfc().collect();
        if address.is_empty() {
            return Err(CardError::AddressEmpty);
        }
        if birth_date.earliest() > today || issue_date > today {
            return Err(CardError::Future);
        }
        if issue_date < birth_date.earliest() {
            return Err(CardError::IssuedBeforeBirth);
        }
        match check_id(id, birth_date.year(), sex) {
            Err(e) if !(confirmed && e.is_overridable()) => return Err(e),
            _ => {}
        }
        Ok(Card {
            id: id.to_owned(),
            old_id: (!old_id.is_empty()).then(|| old_id.to_owned()),
            name,
            birth_date,
            sex,
            address,
            issue_date,
        })
    }
}

/// A field of a card typed by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardField {
    /// The 12-digit personal ID number.
    Id,
    /// The old ID number (CMND).
    OldId,
    /// The full name.
    Name,
    /// The date of birth.
    BirthDate,
    /// The sex.
    Sex,
    /// The place of residence.
    Address,
    /// The date of issue.
    IssueDate,
}

impl CardField {
    /// A stable name for the window (`id`, `old_id`, `name`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            CardField::Id => "id",
            CardField::OldId => "old_id",
            CardField::Name => "name",
            CardField::BirthDate => "birth_date",
            CardField::Sex => "sex",
            CardField::Address => "address",
            CardField::IssueDate => "issue_date",
        }
    }
}

/// Every problem of a card typed by hand, each with the field it belongs
/// to, so that the volunteer sees them all beside their fields at once.
/// `birth_date` / `issue_date` are `None` when what was typed is not a
/// date. Empty exactly when [`Card::new`] accepts the same facts.
#[allow(clippy::too_many_arguments)]
pub fn problems(
    id: &str,
    old_id: &str,
    name: &str,
    birth_date: Option<PartialDate>,
    sex: Sex,
    address: &str,
    issue_date: Option<Date>,
    today: Date,
) -> Vec<(CardField, CardError)> {
    use CardField as F;
    let mut out = Vec::new();
    let text = |field: CardField, value: &str, max: usize, empty: Option<CardError>| {
        if value.chars().any(is_forbidden_char) {
            Some((field, CardError::BadCharacter))
        } else if value.chars().count() > max {
            Some((field, CardError::TooLong))
        } else if value.trim().is_empty() {
            empty.map(|e| (field, e))
        } else {
            None
        }
    };
    out.extend(text(
        F::Name,
        name,
        MAX_NAME_CHARS,
        Some(CardError::NameEmpty),
    ));
    out.extend(text(
        F::Address,
        address,
        MAX_ADDRESS_CHARS,
        Some(CardError::AddressEmpty),
    ));
    let old = old_id.trim();
    if old_id.chars().any(is_forbidden_char) {
        out.push((F::OldId, CardError::BadCharacter));
    } else if !old.is_empty() && !is_old_id(old) {
        out.push((F::OldId, CardError::OldIdFormat));
    }
    match birth_date {
        None => out.push((F::BirthDate, CardError::BirthDate)),
        Some(b) if b.earliest() > today => out.push((F::BirthDate, CardError::Future)),
        Some(_) => {}
    }
    match issue_date {
        None => out.push((F::IssueDate, CardError::IssueDate)),
        Some(i) if i > today => out.push((F::IssueDate, CardError::Future)),
        Some(i) if birth_date.is_some_and(|b| i < b.earliest()) => {
            out.push((F::IssueDate, CardError::IssuedBeforeBirth))
        }
        Some(_) => {}
    }
    if id.chars().any(is_forbidden_char) {
        out.push((F::Id, CardError::BadCharacter));
    } else {
        let id = id.trim();
        match birth_date {
            Some(b) => {
                if let Err(e) = check_id(id, b.year(), sex) {
                    out.push((F::Id, e));
                }
            }
            // The digits that depend on the birth date wait for it.
            None if id.len() != 12 || !id.bytes().all(|b| b.is_ascii_digit()) => {
                out.push((F::Id, CardError::IdFormat))
            }
            None => {}
        }
    }
    out
}

/// An old ID number (CMND): 9 digits, or 12 for the 12-digit CMND.
fn is_old_id(s: &str) -> bool {
    matches!(s.len(), 9 | 12) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Parses and validates the text of a CCCD QR code.
pub fn parse_qr(text: &str, today: Date) -> Result<Card, CardError> {
    let text = text
        .trim_start_matches('\u{feff}')
        .trim_matches(|c: char| c == '\r' || c == '\n' || c.is_whitespace());
    if text.is_empty() {
        return Err(CardError::Empty);
    }
    if text.chars().count() > MAX_QR_CHARS {
        return Err(CardError::TooLong);
    }
    if text.contains(['\n', '\r']) {
        return Err(CardError::SeveralLines);
    }
    // Before fields are trimmed: a control character next to a `|` is still refused.
    if text.chars().any(is_forbidden_char) {
        return Err(CardError::BadCharacter);
    }
    let fields: Vec<&str> = text.split('|').map(str::trim).collect();
    // The old layout has the old ID (digits or nothing) second; a name
    // second, followed by a date, is the newer layout, with the old ID (if
    // any) after the issue date.
    let eight_digits = |f: &&str| f.len() == 8 && f.bytes().all(|b| b.is_ascii_digit());
    let name_second = fields
        .get(1)
        .is_some_and(|f| f.chars().any(char::is_alphabetic))
        && fields.get(2).is_some_and(eight_digits);
    let (old_id, name, birth, sex, address, issue) = if name_second {
        if fields.len() < 6 {
            return Err(CardError::FieldCount(fields.len()));
        }
        let old_id = fields
            .get(6)
            .copied()
            .filter(|f| is_old_id(f))
            .unwrap_or("");
        (
            old_id, fields[1], fields[2], fields[3], fields[4], fields[5],
        )
    } else {
        if fields.len() < 7 {
            return Err(CardError::FieldCount(fields.len()));
        }
        (
            fields[1], fields[2], fields[3], fields[4], fields[5], fields[6],
        )
    };
    let birth = PartialDate::from_ddmmyyyy(birth).ok_or(CardError::BirthDate)?;
    let sex = Sex::from_card(sex).ok_or(CardError::Sex)?;
    let issue = Date::from_ddmmyyyy(issue).ok_or(CardError::IssueDate)?;
    Card::new(fields[0], old_id, name, birth, sex, address, issue, today)
}

#[cfg(test)]
mod tests;
