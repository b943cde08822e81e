//! Table tests of the form rules.

use super::*;
use crate::date::Date;

fn schema() -> FormSchema {
    let json = r#"{
      "id": "test", "version": 1, "title": {"vi": "Thử"},
      "sections": [
        {"id": "child", "title": {"vi": "Trẻ"}, "pages": [
          {"id": "p_name", "title": {"vi": "Tên"}, "fields": [
            {"id": "name", "type": "text", "label": {"vi": "Họ tên"}, "max_length": 10, "prefill": "citizen.name"},
            {"id": "nick", "type": "text", "label": {"vi": "Tên gọi"}, "required": false}
          ]},
          {"id": "p_birth", "title": {"vi": "Sinh"}, "fields": [
            {"id": "birth", "type": "date", "label": {"vi": "Ngày sinh"}, "date_rule": "past"},
            {"id": "copies", "type": "number", "label": {"vi": "Số bản"}, "min": 1, "max": 10},
            {"id": "sex", "type": "choice", "label": {"vi": "Giới tính"}, "options": [
              {"value": "male", "label": {"vi": "Nam"}}, {"value": "female", "label": {"vi": "Nữ"}}]}
          ]}
        ]},
        {"id": "father", "title": {"vi": "Cha"}, "pages": [
          {"id": "p_has_father", "title": {"vi": "Có cha?"}, "fields": [
            {"id": "has_father", "type": "yes_no", "label": {"vi": "Có thông tin cha"}}
          ]},
          {"id": "p_father", "title": {"vi": "Cha"}, "visible_if": {"field": "has_father", "equals": "yes"}, "fields": [
            {"id": "father_id", "type": "cccd", "label": {"vi": "Số định danh"}},
            {"id": "father_phone", "type": "phone", "label": {"vi": "Điện thoại"}, "required": false},
            {"id": "father_home", "type": "address", "label": {"vi": "Nơi cư trú"}}
          ]}
        ]},
        {"id": "kids", "title": {"vi": "Con"}, "pages": [
          {"id": "p_kids", "title": {"vi": "Các con"}, "fields": [
            {"id": "kids", "type": "group", "label": {"vi": "Con"}, "min_items": 1, "max_items": 3, "fields": [
              {"id": "kname", "type": "text", "label": {"vi": "Tên"}},
              {"id": "adopted", "type": "yes_no", "label": {"vi": "Con nuôi"}},
              {"id": "adopt_date", "type": "date", "label": {"vi": "Ngày nhận"}, "visible_if": {"field": "adopted", "equals": "yes"}}
            ]}
          ]}
        ]}
      ]}"#;
    let s: FormSchema = serde_json::from_str(json).unwrap();
    validate_schema(&s).unwrap();
    s
}

fn env_check(s: &FormSchema, a: &Answers) -> Vec<(String, &'static str)> {
    let exists = |c: &str| c == "26734";
    let env = Env {
        today: Date::new(2026, 11, 25).unwrap(),
        commune_exists: &exists,
    };
    check_all(s, a, &env)
        .into_iter()
        .map(|i| (i.path, i.problem.code()))
        .collect()
}

fn set(s: &FormSchema, a: &mut Answers, path: &str, value: &str) {
    a.apply(
        s,
        &Edit::Set {
            path: path.into(),
            value: value.into(),
        },
    )
    .unwrap();
}

/// A field marked `partial_date` takes the year alone or month and year, as
/// civil records hold older people's births; a plain date field does not;
/// "past" still refuses a year to come.
#[test]
fn partial_dates_where_the_form_allows_them() {
    let mut s = schema();
    let problems = |s: &FormSchema, v: &str| {
        let mut a = Answers::default();
        set(s, &mut a, "birth", v);
        env_check(s, &a)
            .into_iter()
            .filter(|(p, _)| p == "birth")
            .map(|(_, c)| c)
            .collect::<Vec<_>>()
    };
    assert_eq!(problems(&s, "1950"), ["not-a-date"]);
    let birth = s.sections[0].pages[1]
        .fields
        .iter_mut()
        .find(|f| f.id == "birth");
    birth.map(|f| f.partial_date = true).unwrap();
    validate_schema(&s).unwrap();
    for ok in ["1950", "3/1950", "03-1950", "15/03/1950", "2026"] {
        assert!(problems(&s, ok).is_empty(), "{ok}");
    }
    assert_eq!(problems(&s, "2027"), ["date-in-future"]);
    assert_eq!(problems(&s, "12/2026"), ["date-in-future"]);
    assert_eq!(problems(&s, "13/1950"), ["not-a-date"]);
    assert_eq!(problems(&s, "50"), ["not-a-date"]);
    // Only a date field may say so.
    let mut bad = schema();
    bad.sections[0].pages[0].fields[0].partial_date = true;
    assert!(validate_schema(&bad).is_err());
}

/// An option offered only when an earlier answer allows it (`only_if`):
/// chosen otherwise, it is a problem of its field, and it goes away when
/// the earlier answer changes; the option may name only a field defined
/// before its own.
#[test]
fn an_option_may_need_an_earlier_answer() {
    let mut v = serde_json::to_value(schema()).unwrap();
    v["sections"][0]["pages"][1]["fields"][2]["options"][1]["only_if"] =
        serde_json::json!({"field": "name", "equals": "x"});
    let bad: FormSchema = serde_json::from_value(v.clone()).unwrap();
    assert!(
        validate_schema(&bad).is_err(),
        "a condition on a text field"
    );
    v["sections"][0]["pages"][1]["fields"][2]["options"][1]["only_if"] =
        serde_json::json!({"field": "has_father", "equals": "yes"});
    let later: FormSchema = serde_json::from_value(v.clone()).unwrap();
    assert!(validate_schema(&later).is_err(), "a field defined later");
    // With the father's section first, the condition names an earlier field.
    let sections = v["sections"].as_array_mut().unwrap();
    let father = sections.remove(1);
    sections.insert(0, father);
    let s: FormSchema = serde_json::from_value(v).unwrap();
    validate_schema(&s).unwrap();
    let sex = |has_father: &str| {
        let mut a = Answers::default();
        set(&s, &mut a, "has_father", has_father);
        set(&s, &mut a, "sex", "female");
        env_check(&s, &a)
            .into_iter()
            .filter(|(p, _)| p == "sex")
            .map(|(_, c)| c)
            .collect::<Vec<_>>()
    };
    assert_eq!(sex("no"), ["option-not-allowed"]);
    assert!(sex("yes").is_empty());
}

/// `within_years`: a date no further than that from today (25/11/2026 in
/// these tests), either side.
#[test]
fn dates_within_years_of_today() {
    let mut s = schema();
    let birth = s.sections[0].pages[1]
        .fields
        .iter_mut()
        .find(|f| f.id == "birth");
    birth.map(|f| f.within_years = Some(2)).unwrap();
    validate_schema(&s).unwrap();
    let problems = |v: &str| {
        let mut a = Answers::default();
        set(&s, &mut a, "birth", v);
        env_check(&s, &a)
            .into_iter()
            .filter(|(p, _)| p == "birth")
            .map(|(_, c)| c)
            .collect::<Vec<_>>()
    };
    assert!(problems("25/11/2024").is_empty());
    assert_eq!(problems("24/11/2024"), ["date-too-far"]);
    assert_eq!(problems("01/01/2000"), ["date-too-far"]);
    let mut bad = schema();
    bad.sections[0].pages[0].fields[0].within_years = Some(2);
    assert!(validate_schema(&bad).is_err());
}

/// A helper field folds into an official top-level field: not into itself,
/// a group, another helper or a field that does not exist; not from inside a
/// group.
#[test]
fn helper_fields_fold_into_official_ones() {
    let with = |from: (usize, usize, usize), target: &str| {
        let mut s = schema();
        s.sections[from.0].pages[from.1].fields[from.2].fold_into = Some(target.into());
        validate_schema(&s).map(|_| ()).map_err(|e| e.path)
    };
    assert_eq!(with((0, 0, 1), "name"), Ok(())); // nick → name
    assert!(with((0, 0, 1), "nick").is_err());
    assert!(with((0, 0, 1), "kids").is_err());
    assert!(with((0, 0, 1), "nothing").is_err());
    let mut s = schema();
    s.sections[0].pages[0].fields[1].fold_into = Some("name".into());
    s.sections[0].pages[1].fields[1].fold_into = Some("nick".into());
    assert!(
        validate_schema(&s).is_err(),
        "a helper folded into a helper"
    );
    let mut s = schema();
    s.sections[2].pages[0].fields[0].fields[0].fold_into = Some("name".into());
    assert!(validate_schema(&s).is_err(), "a sub-field folded");
}

#[test]
fn value_rules_table() {
    let s = schema();
    // (path, typed value, expected problem at that path or None)
    let table: &[(&str, &str, Option<&str>)] = &[
        ("name", "", Some("required")),
        ("name", "   ", Some("required")),
        ("name", "Lê Văn An", None),
        ("name", "Nguyễn Thị Minh Khai", Some("too-long")),
        ("birth", "1/2/2020", None),
        ("birth", "01-02-2020", None),
        ("birth", "2020-02-01", None),
        ("birth", "31/02/2020", Some("not-a-date")),
        ("birth", "hôm qua", Some("not-a-date")),
        ("birth", "26/11/2026", Some("date-in-future")),
        ("birth", "25/11/2026", None),
        ("copies", "3", None),
        ("copies", "0", Some("below-min")),
        ("copies", "11", Some("above-max")),
        ("copies", "ba", Some("not-a-number")),
        ("copies", "2.5", Some("not-a-number")),
        ("sex", "female", None),
        ("sex", "Nữ", Some("not-a-choice")),
    ];
    for (path, value, want) in table {
        let mut a = Answers::default();
        set(&s, &mut a, path, value);
        let got = env_check(&s, &a)
            .into_iter()
            .find(|(p, _)| p == path)
            .map(|(_, c)| c);
        assert_eq!(got, *want, "{path} = {value:?}");
    }
}

#[test]
fn hidden_pages_are_not_checked_and_visible_ones_are() {
    let s = schema();
    let mut a = Answers::default();
    set(&s, &mut a, "has_father", "no");
    set(&s, &mut a, "father_id", "123");
    assert!(
        !env_check(&s, &a)
            .iter()
            .any(|(p, _)| p.starts_with("father_"))
    );
    set(&s, &mut a, "has_father", "yes");
    let problems = env_check(&s, &a);
    assert!(problems.contains(&("father_id".into(), "not-an-id")));
    assert!(problems.contains(&("father_home".into(), "required")));
    assert!(
        !problems.iter().any(|(p, _)| p == "father_phone"),
        "optional and empty"
    );
    // The hidden answer is kept in the draft but not in what is sent.
    set(&s, &mut a, "has_father", "no");
    assert_eq!(a.get("father_id"), Some("123"));
    assert_eq!(effective(&s, &a).get("father_id"), None);
}

#[test]
fn phone_id_and_address_rules() {
    let s = schema();
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("father_phone", "0912 345 678", None),
        ("father_phone", "+84 912.345.678", None),
        ("father_phone", "84912345678", None),
        ("father_phone", "0243 8251 234", None),
        ("father_phone", "0123456789", Some("not-a-phone")),
        ("father_phone", "091234567", Some("not-a-phone")),
        ("father_id", "079090001234", None),
        ("father_id", "999090001234", Some("not-an-id")),
        ("father_id", "07909000123", Some("not-an-id")),
    ];
    for (path, value, want) in cases {
        let mut a = Answers::default();
        set(&s, &mut a, "has_father", "yes");
        set(&s, &mut a, path, value);
        let got = env_check(&s, &a)
            .into_iter()
            .find(|(p, _)| p == path)
            .map(|(_, c)| c);
        assert_eq!(got, *want, "{path} = {value:?}");
    }
    let mut a = Answers::default();
    set(&s, &mut a, "has_father", "yes");
    set(&s, &mut a, "father_home.line", "12 Lê Lợi");
    assert!(env_check(&s, &a).contains(&("father_home".into(), "no-commune")));
    set(&s, &mut a, "father_home.commune", "99999");
    assert!(env_check(&s, &a).contains(&("father_home".into(), "unknown-commune")));
    set(&s, &mut a, "father_home.commune", "26734");
    assert!(!env_check(&s, &a).iter().any(|(p, _)| p == "father_home"));
}

#[test]
fn groups_add_remove_and_check_items() {
    let s = schema();
    let mut a = Answers::default();
    assert!(env_check(&s, &a).contains(&("kids".into(), "too-few-items")));
    assert!(matches!(
        a.apply(
            &s,
            &Edit::Set {
                path: "kids[0].kname".into(),
                value: "x".into()
            }
        ),
        Err(EditError::NoSuchItem { .. })
    ));
    for _ in 0..3 {
        a.apply(
            &s,
            &Edit::AddItem {
                group: "kids".into(),
            },
        )
        .unwrap();
    }
    assert!(matches!(
        a.apply(
            &s,
            &Edit::AddItem {
                group: "kids".into()
            }
        ),
        Err(EditError::GroupFull { max: 3, .. })
    ));
    for (i, name) in ["An", "Bình", "Chi"].iter().enumerate() {
        set(&s, &mut a, &format!("kids[{i}].kname"), name);
        set(&s, &mut a, &format!("kids[{i}].adopted"), "no");
    }
    set(&s, &mut a, "kids[2].adopted", "yes");
    assert!(env_check(&s, &a).contains(&("kids[2].adopt_date".into(), "required")));
    a.apply(
        &s,
        &Edit::RemoveItem {
            group: "kids".into(),
            index: 0,
        },
    )
    .unwrap();
    assert_eq!(a.count("kids"), 2);
    assert_eq!(a.get("kids[0].kname"), Some("Bình"));
    assert_eq!(a.get("kids[1].kname"), Some("Chi"));
    assert_eq!(a.get("kids[2].kname"), None);
    assert!(env_check(&s, &a).contains(&("kids[1].adopt_date".into(), "required")));
}

#[test]
fn edits_outside_the_form_are_refused_and_change_nothing() {
    let s = schema();
    let mut a = Answers::default();
    let before = a.clone();
    for path in [
        "nope",
        "name.line",
        "father_home",
        "kids",
        "kids[0].nope",
        "Name",
    ] {
        assert!(
            a.apply(
                &s,
                &Edit::Set {
                    path: path.into(),
                    value: "x".into()
                }
            )
            .is_err(),
            "{path}"
        );
    }
    let long = "x".repeat(MAX_ANSWER_CHARS + 1);
    assert_eq!(
        a.apply(
            &s,
            &Edit::Set {
                path: "name".into(),
                value: long
            }
        ),
        Err(EditError::TooLong)
    );
    assert_eq!(a, before);
}

#[test]
fn task_status_follows_answers() {
    let s = schema();
    let exists = |_: &str| true;
    let env = Env {
        today: Date::new(2026, 11, 25).unwrap(),
        commune_exists: &exists,
    };
    let mut a = Answers::default();
    let child = &s.sections[0];
    assert_eq!(section_status(&s, &a, child, &env), TaskStatus::NotStarted);
    set(&s, &mut a, "name", "An");
    assert_eq!(section_status(&s, &a, child, &env), TaskStatus::InProgress);
    set(&s, &mut a, "birth", "01/01/2020");
    set(&s, &mut a, "copies", "1");
    set(&s, &mut a, "sex", "male");
    assert_eq!(section_status(&s, &a, child, &env), TaskStatus::Completed);
    assert_eq!(
        visible_pages(&s, &a).len(),
        4,
        "the father's page is hidden until answered yes"
    );
    // A hidden answer starts nothing.
    let father = &s.sections[1];
    let mut b = Answers::default();
    set(&s, &mut b, "father_id", "079090001234");
    assert_eq!(section_status(&s, &b, father, &env), TaskStatus::NotStarted);
}

#[test]
fn schema_validation_refuses_bad_schemas() {
    let good = serde_json::to_value(schema()).unwrap();
    type Mutation = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(&str, Mutation)> = vec![
        (
            "repeated field id",
            Box::new(|v| v["sections"][0]["pages"][0]["fields"][1]["id"] = "name".into()),
        ),
        (
            "condition on a later field",
            Box::new(|v| {
                v["sections"][0]["pages"][0]["visible_if"] =
                    serde_json::json!({"field": "has_father", "equals": "yes"})
            }),
        ),
        (
            "condition with an impossible value",
            Box::new(|v| v["sections"][1]["pages"][1]["visible_if"]["equals"] = "maybe".into()),
        ),
        (
            "choice with one option",
            Box::new(|v| {
                v["sections"][0]["pages"][1]["fields"][2]["options"]
                    .as_array_mut()
                    .unwrap()
                    .pop();
            }),
        ),
        (
            "options on a text",
            Box::new(
                |v| v["sections"][0]["pages"][0]["fields"][1]["options"] = serde_json::json!([{"value": "a", "label": {"vi": "a"}}, {"value": "b", "label": {"vi": "b"}}]),
            ),
        ),
        (
            "min above max",
            Box::new(|v| v["sections"][0]["pages"][1]["fields"][1]["min"] = 20.into()),
        ),
        (
            "prefill of the wrong type",
            Box::new(|v| {
                v["sections"][0]["pages"][1]["fields"][0]["prefill"] = "citizen.name".into()
            }),
        ),
        (
            "empty page",
            Box::new(|v| v["sections"][2]["pages"][0]["fields"] = serde_json::json!([])),
        ),
    ];
    for (what, mutate) in cases {
        let mut v = good.clone();
        mutate(&mut v);
        let s: FormSchema = serde_json::from_value(v).unwrap();
        assert!(validate_schema(&s).is_err(), "accepted: {what}");
    }
    let unknown = r#"{"id":"x","version":1,"title":{"vi":"x"},"sections":[],"extra":1}"#;
    assert!(serde_json::from_str::<FormSchema>(unknown).is_err());
}

#[test]
fn diff_names_added_removed_and_changed_fields() {
    let old = schema();
    let mut new = schema();
    new.version = 2;
    new.sections[0].pages[0].fields.remove(1); // nick
    new.sections[0].pages[1].fields[1].max = Some(5); // copies
    let mut extra = new.sections[0].pages[0].fields[0].clone();
    extra.id = "ethnicity".into();
    extra.prefill = None;
    new.sections[0].pages[0].fields.push(extra);
    let changes = diff(&old, &new);
    assert!(
        changes.iter().any(
            |c| matches!(c, Change::Added { path, required: true, .. } if path == "ethnicity")
        )
    );
    assert!(
        changes
            .iter()
            .any(|c| matches!(c, Change::Removed { path, .. } if path == "nick"))
    );
    assert!(
        changes
            .iter()
            .any(|c| matches!(c, Change::Changed { path, .. } if path == "copies"))
    );
    assert_eq!(changes.len(), 3);
    assert!(diff(&old, &old).is_empty());
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn edit() -> impl Strategy<Value = Edit> {
        let path = prop_oneof![
            Just("name".to_owned()),
            Just("birth".to_owned()),
            Just("father_home.line".to_owned()),
            (0usize..4, prop_oneof![Just("kname"), Just("adopted")])
                .prop_map(|(i, f)| format!("kids[{i}].{f}")),
            "[a-z_\\[\\]0-9.]{1,12}",
        ];
        prop_oneof![
            (path, "\\PC{0,12}").prop_map(|(path, value)| Edit::Set { path, value }),
            Just(Edit::AddItem {
                group: "kids".into()
            }),
            (0usize..4).prop_map(|index| Edit::RemoveItem {
                group: "kids".into(),
                index
            }),
        ]
    }

    proptest! {
        // Whatever edits arrive, answers stay consistent: every key is a
        // valid path of the form and no group item is past its count.
        #[test]
        fn answers_stay_consistent(edits in proptest::collection::vec(edit(), 0..40)) {
            let s = schema();
            let mut a = Answers::default();
            for e in &edits {
                let before = a.clone();
                if a.apply(&s, e).is_err() {
                    prop_assert_eq!(&a, &before);
                }
            }
            for k in a.values.keys() {
                let p: FieldPath = k.parse().unwrap();
                if let Some((g, i)) = &p.group {
                    prop_assert!(*i < a.count(g), "{} beyond {}", k, a.count(g));
                }
            }
            let round: Answers = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
            prop_assert_eq!(round, a);
        }

        #[test]
        fn typed_dates_never_panic(s in "\\PC{0,16}") {
            let _ = parse_partial_date(&s);
            let _ = parse_date(&s);
            let _ = normalize_phone(&s);
            let _ = parse_number(&s);
        }

        /// A partial date prints as forms write it and reads back the same;
        /// a whole date reads as a whole date either way.
        #[test]
        fn printed_partial_dates_read_back(y in 1800u16..3000, m in 0u8..=12, d in 0u8..=28) {
            let month = (m > 0).then_some(m);
            let day = (m > 0 && d > 0).then_some(d);
            let p = crate::date::PartialDate::new(y, month, day).unwrap();
            prop_assert_eq!(parse_partial_date(&p.to_string()), Some(p));
            prop_assert!(p.earliest() <= p.latest());
        }

        #[test]
        fn printed_dates_read_back(y in 1900u16..2100, m in 1u8..=12, d in 1u8..=28) {
            let date = Date::new(y, m, d).unwrap();
            prop_assert_eq!(parse_date(&format_date(date)), Some(date));
        }
    }
}
