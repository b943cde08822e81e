//! The ID card's tests: real-shaped samples, every refusal, the newer
//! layouts, typed cards, and never panicking on any text.
use super::*;
use proptest::prelude::*;

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 25,
};

#[track_caller]
fn ok(input: &str) -> Card {
    parse_qr(input, TODAY).unwrap_or_else(|e| panic!("{input:?}: {e}"))
}

#[track_caller]
fn refused(input: &str, want: CardError) {
    assert_eq!(parse_qr(input, TODAY), Err(want), "{input:?}");
}

#[test]
fn real_shaped_samples() {
    let c = ok(
        "001090123456|012345678|Nguyễn Văn A|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021",
    );
    assert_eq!(c.id, "001090123456");
    assert_eq!(c.old_id.as_deref(), Some("012345678"));
    assert_eq!(c.name, "Nguyễn Văn A");
    assert_eq!(c.birth_date.iso(), "1990-01-01");
    assert_eq!(c.sex, Sex::Male);
    assert_eq!(c.address, "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh");
    assert_eq!(c.issue_date.to_string(), "2021-04-15");

    let c = ok(
        "079303001234||Trần Thị B|23072003|Nữ|Ấp 3, Xã Tân Thạnh, Huyện Cái Nước, Tỉnh Cà Mau|10082021",
    );
    assert_eq!(c.old_id, None);
    assert_eq!(c.sex, Sex::Female);

    // BOM, CR/LF, trailing extra fields (expiry on newer cards).
    let c = ok("\u{feff}001090123456||Lê Văn C|01011990|Nam|Hà Nội|15042021|01012030\r\n");
    assert_eq!(c.name, "Lê Văn C");
}

/// Civil records that know only the year of birth (or the month and
/// year) write zeros for what they do not know; such a card is read,
/// its number checked against the year.
#[test]
fn a_birth_date_of_only_the_year_or_month_is_read() {
    let c = ok("001045123456||Nguyễn Văn A|00001945|Nam|Hà Nội|15042021");
    assert_eq!(c.birth_date, PartialDate::Year(1945));
    let c = ok("001145123456|Nguyễn Thị B|00031945|Nữ|Hà Nội|15082024");
    assert_eq!(c.birth_date, PartialDate::Month(1945, 3));
    refused(
        "001046123456||Nguyễn Văn A|00001945|Nam|Hà Nội|15042021",
        CardError::IdYear,
    );
    refused(
        "001045123456||Nguyễn Văn A|00131945|Nam|Hà Nội|15042021",
        CardError::BirthDate,
    );
    // Issued in the year of birth: not before it, whatever the day.
    ok("001226123456||Trần Văn C|00002026|Nam|Hà Nội|02012026");
    refused(
        "001227123456||Trần Văn C|00002027|Nam|Hà Nội|02012026",
        CardError::Future,
    );
}

/// The identity card issued since July 2024: the name may come second,
/// with the old CMND after the issue date and more fields after it; and a
/// 12-digit CMND is an old ID too.
#[test]
fn newer_layouts_and_twelve_digit_old_ids_are_read() {
    let c = ok(
        "001090123456|Nguyễn Văn A|01011990|Nam|Thôn 1, Xã Ba Vì, Thành phố Hà Nội|15082024|012345678||Nguyễn Văn B, Trần Thị C",
    );
    assert_eq!(c.name, "Nguyễn Văn A");
    assert_eq!(c.old_id.as_deref(), Some("012345678"));
    assert_eq!(c.address, "Thôn 1, Xã Ba Vì, Thành phố Hà Nội");
    let c = ok("001090123456|Nguyễn Văn A|01011990|Nam|Thôn 1, Xã Ba Vì|15082024");
    assert_eq!(c.old_id, None);
    let c = ok("001090123456|001234567890|Nguyễn Văn A|01011990|Nam|Thôn 1|15042021");
    assert_eq!(c.old_id.as_deref(), Some("001234567890"));
    refused(
        "001090123456|12345|Nguyễn Văn A|01011990|Nam|Thôn 1|15042021",
        CardError::OldIdFormat,
    );
    refused(
        "001090123456|Nguyễn Văn A|01011990|Nam|Thôn 1",
        CardError::FieldCount(5),
    );
}

#[test]
fn refusals_say_why() {
    refused("", CardError::Empty);
    refused("\r\n", CardError::Empty);
    // Six fields with digits second: the old layout, one field short.
    refused(
        "001090123456|012345678|Nguyễn Văn A|01011990|Nam|Hà Nội",
        CardError::FieldCount(6),
    );
    refused(
        "00109012345|x|A|01011990|Nam|HN|15042021",
        CardError::OldIdFormat,
    );
    refused(
        "00109012345||A|01011990|Nam|HN|15042021",
        CardError::IdFormat,
    );
    refused(
        "001090123456||A|31021990|Nam|HN|15042021",
        CardError::BirthDate,
    );
    refused("001090123456||A|01011990|Male|HN|15042021", CardError::Sex);
    refused(
        "001090123456||  |01011990|Nam|HN|15042021",
        CardError::NameEmpty,
    );
    refused(
        "001090123456||A|01011990|Nam| |15042021",
        CardError::AddressEmpty,
    );
    refused(
        "003090123456||A|01011990|Nam|HN|15042021",
        CardError::IdProvince(3),
    );
    refused(
        "001190123456||A|01011990|Nam|HN|15042021",
        CardError::IdCenturySex,
    ); // 1 = female
    refused(
        "001290123456||A|01011990|Nam|HN|15042021",
        CardError::IdCenturySex,
    ); // 2 = 2000s
    refused(
        "001091123456||A|01011990|Nam|HN|15042021",
        CardError::IdYear,
    );
    refused(
        "001227123456||A|01012027|Nam|HN|15042027",
        CardError::Future,
    );
    refused(
        "001090123456||A|01011990|Nam|HN|15041980",
        CardError::IssuedBeforeBirth,
    );
    refused(
        "001090123456||A|01011990|Nam|HN|1504202",
        CardError::IssueDate,
    );
}

#[test]
fn manual_entry_uses_the_same_rules() {
    let birth = PartialDate::Day(Date::new(2003, 7, 23).unwrap_or_else(|| panic!("date")));
    let issue = Date::new(2021, 8, 10).unwrap_or_else(|| panic!("date"));
    let card = Card::new(
        " 079303001234 ",
        "",
        "  Trần   Thị B ",
        birth,
        Sex::Female,
        "Cà Mau",
        issue,
        TODAY,
    );
    assert_eq!(card.map(|c| c.name), Ok("Trần Thị B".to_owned()));
    let wrong_sex = Card::new(
        "079303001234",
        "",
        "B",
        birth,
        Sex::Male,
        "Cà Mau",
        issue,
        TODAY,
    );
    assert_eq!(wrong_sex, Err(CardError::IdCenturySex));
}

#[test]
fn dates() {
    assert_eq!(
        Date::from_ddmmyyyy("29022024").map(|d| d.to_string()),
        Some("2024-02-29".into())
    );
    assert_eq!(Date::from_ddmmyyyy("29022023"), None);
    assert_eq!(Date::from_iso("2024-02-29").map(|d| d.day), Some(29));
    assert_eq!(Date::from_iso("2024-2-29"), None);
    assert_eq!(Date::from_iso("２０２４-02-29"), None);
}

fn arb_card_line() -> impl Strategy<Value = String> {
    (
        prop::sample::select(ID_PROVINCE_CODES.to_vec()),
        1900u16..2026,
        any::<bool>(),
        0u32..1_000_000,
        prop::option::of(100_000_000u32..999_999_999),
        "[A-ZĐ][a-zà-ỹ]{1,6}( [A-ZĐ][a-zà-ỹ]{1,6}){1,3}"
            .prop_filter("no invisible characters", |n: &String| {
                !n.chars().any(is_forbidden_char)
            }),
        // 0: not known (the year alone, or month and year).
        0u8..=28,
        0u8..=12,
    )
        .prop_map(|(prov, year, male, serial, old, name, day, month)| {
            let day = if month == 0 { 0 } else { day };
            let century = (year - 1900) / 100 * 2 + u16::from(!male);
            format!(
                "{prov:03}{century}{:02}{serial:06}|{}|{name}|{day:02}{month:02}{year}|{}|Thôn 1, Xã A, Tỉnh B|01012026",
                year % 100,
                old.map(|o| o.to_string()).unwrap_or_default(),
                if male { "Nam" } else { "Nữ" }
            )
        })
}

/// A birth date as the QR writes it, zeros for what is not known.
fn qr_date(d: PartialDate) -> String {
    match d {
        PartialDate::Year(y) => format!("0000{y:04}"),
        PartialDate::Month(y, m) => format!("00{m:02}{y:04}"),
        PartialDate::Day(d) => format!("{:02}{:02}{:04}", d.day, d.month, d.year),
    }
}

#[test]
fn over_long_text_and_several_cards_at_once_are_refused() {
    let good = "001090123456||Nguyễn Văn A|01011990|Nam|Hà Nội|15042021";
    ok(good);
    refused(&format!("{good}\n{good}"), CardError::SeveralLines);
    refused(
        &good.replace("Nguyễn Văn A", &"Nguyễn ".repeat(20)),
        CardError::TooLong,
    );
    refused(
        &good.replace("Hà Nội", &"Hà Nội ".repeat(50)),
        CardError::TooLong,
    );
    refused(&"1".repeat(MAX_QR_CHARS + 1), CardError::TooLong);
    refused(
        &good.replace("Hà Nội", "Hà\u{1b}[31mNội"),
        CardError::BadCharacter,
    );
}

#[test]
fn every_problem_of_a_typed_card_is_named_with_its_field() {
    let birth = Date::new(2003, 7, 23).map(PartialDate::Day);
    let found = problems("12345", "12", " ", birth, Sex::Female, "", None, TODAY);
    let fields: Vec<(&str, &str)> = found.iter().map(|(f, e)| (f.as_str(), e.code())).collect();
    assert_eq!(
        fields,
        [
            ("name", "name-empty"),
            ("address", "address-empty"),
            ("old_id", "old-id-format"),
            ("issue_date", "issue-date"),
            ("id", "id-format"),
        ]
    );
    assert!(
        problems(
            "079303001234",
            "",
            "Trần Thị B",
            birth,
            Sex::Female,
            "Cà Mau",
            Date::new(2021, 8, 10),
            TODAY
        )
        .is_empty()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// The problems shown beside the fields and the check that stores a
    /// card never disagree: no problem exactly when the card is
    /// accepted, and the check's refusal is among the problems.
    #[test]
    fn the_problems_and_the_check_agree(
        id in "[0-9]{12}|0[0-9]{2}[0-3][0-9]{8}|[0-9 ]{0,13}",
        old in "|[0-9]{9}|[0-9]{12}|[0-9]{1,5}",
        name in "|[A-Za-zÀ-ỹ ]{1,20}|\u{200B}",
        year in 1950u16..2030,
        issue_year in 1950u16..2030,
        male in any::<bool>(),
        address in "|[A-Za-zÀ-ỹ ]{1,20}",
    ) {
        let birth = Date::new(year, 3, 4).map(PartialDate::Day);
        let issue = Date::new(issue_year, 5, 6);
        let sex = if male { Sex::Male } else { Sex::Female };
        let found = problems(&id, &old, &name, birth, sex, &address, issue, TODAY);
        let (Some(b), Some(i)) = (birth, issue) else {
            prop_assert!(!found.is_empty());
            return Ok(());
        };
        match Card::new(&id, &old, &name, b, sex, &address, i, TODAY) {
            Ok(_) => prop_assert!(found.is_empty(), "{:?}", found),
            Err(e) => prop_assert!(found.iter().any(|(_, f)| *f == e), "{:?} not in {:?}", e, found),
        }
        // Confirmed by the volunteer: accepted exactly when every problem
        // is one they may accept.
        let confirmed = Card::confirmed(&id, &old, &name, b, sex, &address, i, TODAY);
        prop_assert_eq!(
            confirmed.is_ok(),
            found.iter().all(|(_, e)| e.is_overridable()),
            "{:?}", found
        );
    }

    #[test]
    fn never_panics_on_any_text(s in "\\PC{0,120}") {
        let _ = parse_qr(&s, TODAY);
    }

    #[test]
    fn never_panics_on_pipe_heavy_text(s in "[0-9|A-Za-zàáạảãđĐ ,\\r\\n\u{feff}]{0,100}") {
        let _ = parse_qr(&s, TODAY);
    }

    #[test]
    fn an_invisible_or_control_character_anywhere_in_the_name_is_refused(
        line in arb_card_line(),
        at in 0usize..40,
        bad in prop::sample::select(vec![
            '\u{0}', '\u{7}', '\u{8}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}',
            '\u{61c}', '\u{200b}', '\u{200d}', '\u{200e}', '\u{202e}', '\u{2066}',
            '\u{2069}', '\u{2060}', '\u{feff}',
        ]),
    ) {
        let fields: Vec<&str> = line.split('|').collect();
        let name = fields[2];
        let cut = name.char_indices().nth(at.min(name.chars().count())).map_or(name.len(), |(i, _)| i);
        let spoiled = format!("{}{bad}{}", &name[..cut], &name[cut..]);
        let mut f: Vec<String> = fields.iter().map(|s| (*s).to_owned()).collect();
        f[2] = spoiled;
        prop_assert_eq!(parse_qr(&f.join("|"), TODAY), Err(CardError::BadCharacter));
    }

    #[test]
    fn valid_generated_cards_parse_and_round_trip(line in arb_card_line()) {
        let card = parse_qr(&line, TODAY);
        prop_assert!(card.is_ok(), "{line}: {card:?}");
        let card = card.unwrap_or_else(|e| panic!("{e}"));
        let birth = qr_date(card.birth_date);
        let again = format!(
            "{}|{}|{}|{birth}|{}|{}|01012026",
            card.id, card.old_id.clone().unwrap_or_default(), card.name,
            card.sex.as_card(), card.address
        );
        prop_assert_eq!(parse_qr(&again, TODAY), Ok(card.clone()));
        // The same card in the newer layout (name second, old ID after
        // the issue date, more fields after that) reads the same.
        let newer = format!(
            "{}|{}|{birth}|{}|{}|01012026|{}||Cha Mẹ",
            card.id, card.name,
            card.sex.as_card(), card.address, card.old_id.clone().unwrap_or_default()
        );
        prop_assert_eq!(parse_qr(&newer, TODAY), Ok(card));
    }
}
