//! The team report through the command surface: a fixture month with known
//! answers (Vietnam's calendar, not UTC's), and xlsx / CSV / PDF exports
//! whose numbers agree with each other and with the figures.

use std::sync::{Arc, Mutex};

use gocua_api::dto::{
    CccdParse, CitizenRegister, ConsentDecision, DossierCreate, ReportExport, ReportRequest,
    VisitEnd, VisitStart, VisitUpdate,
};
use gocua_api::{Ctx, CtxOptions};
use time::OffsetDateTime;
use time::macros::datetime;

struct Fixture {
    ctx: Ctx,
    now: Arc<Mutex<OffsetDateTime>>,
    _dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let now = Arc::new(Mutex::new(datetime!(2026-11-01 00:00 +7)));
        let clock = now.clone();
        let ctx = Ctx::open(CtxOptions {
            clock: Arc::new(move || *clock.lock().unwrap()),
            ..CtxOptions::for_tests(dir.path())
        })
        .unwrap();
        Fixture {
            ctx,
            now,
            _dir: dir,
        }
    }

    fn at(&self, t: OffsetDateTime) {
        *self.now.lock().unwrap() = t;
    }

    /// A visit: start at `start`, optionally register `card`, record outcomes,
    /// start dossiers, end `minutes` later with `rating`.
    #[allow(clippy::too_many_arguments)]
    fn visit(
        &self,
        start: OffsetDateTime,
        operator: &str,
        card: Option<&str>,
        vneid: &str,
        portal: &str,
        dossiers: &[&str],
        minutes: i64,
        rating: u8,
    ) {
        self.at(start);
        let v = gocua_api::visit_start(
            &self.ctx,
            VisitStart {
                operator: operator.into(),
                place_commune: Some("00004".into()),
            },
        )
        .unwrap();
        let mut cccd = None;
        if let Some(text) = card {
            let check = gocua_api::cccd_parse(&self.ctx, CccdParse { text: text.into() }).unwrap();
            let c = gocua_api::citizen_register(
                &self.ctx,
                CitizenRegister {
                    visit: Some(v.id),
                    card: check.card,
                    commune: None,
                    consents: ["profile", "dossiers", "document_images"]
                        .map(|purpose| ConsentDecision {
                            purpose: purpose.parse().unwrap(),
                            granted: true,
                        })
                        .into(),
                },
            )
            .unwrap();
            cccd = Some(c.cccd);
        }
        gocua_api::visit_update(
            &self.ctx,
            VisitUpdate {
                id: v.id,
                vneid_outcome: vneid.parse().unwrap(),
                vneid_note: None,
                portal_outcome: portal.parse().unwrap(),
                portal_note: None,
                guide_progress: "{}".into(),
            },
        )
        .unwrap();
        for code in dossiers {
            gocua_api::dossier_create(
                &self.ctx,
                DossierCreate {
                    procedure_code: (*code).into(),
                    citizen: cccd.clone(),
                    visit: Some(v.id),
                    force: true,
                    consent: vec![
                        gocua_api::dto::ConsentPurposeCode::Dossiers,
                        gocua_api::dto::ConsentPurposeCode::DocumentImages,
                    ],
                },
            )
            .unwrap();
        }
        self.at(start + time::Duration::minutes(minutes));
        gocua_api::visit_end(
            &self.ctx,
            VisitEnd {
                id: v.id,
                satisfaction: rating,
            },
        )
        .unwrap();
    }
}

const AN: &str = "001090123456||Nguyễn Văn An|01011990|Nam|Hà Nội|15042021";
const BINH: &str = "079190001234||Trần Thị Bình|01021990|Nữ|TP. Hồ Chí Minh|15042021";

fn november(f: &Fixture) -> gocua_api::dto::ReportDto {
    gocua_api::report(
        &f.ctx,
        ReportRequest {
            month: Some("2026-11".into()),
            ..Default::default()
        },
    )
    .unwrap()
}

fn fixture() -> Fixture {
    let f = Fixture::new();
    // 31 Oct, 23:30 in Vietnam: October, whatever UTC says.
    f.visit(
        datetime!(2026-10-31 23:30 +7),
        "Lan",
        Some(AN),
        "level1",
        "not_attempted",
        &["GC-LLTP"],
        15,
        2,
    );
    // 3 Nov: An (level 1, logged in, one dossier, 20 min, 5★) and an anonymous visit (4★).
    f.visit(
        datetime!(2026-11-03 09:00 +7),
        "Lan",
        Some(AN),
        "level1",
        "logged_in",
        &["GC-LLTP"],
        20,
        5,
    );
    f.visit(
        datetime!(2026-11-03 10:00 +7),
        "Lan",
        None,
        "not_attempted",
        "not_attempted",
        &[],
        10,
        4,
    );
    // 10 Nov: Bình with Minh (level 2, old account linked, two dossiers, 40 min, 3★).
    f.visit(
        datetime!(2026-11-10 08:00 +7),
        "Minh",
        Some(BINH),
        "level2",
        "linked_old_account",
        &["GC-GPLX", "GC-KHAISINH"],
        40,
        3,
    );
    // 30 Nov, 23:50 in Vietnam (16:50 UTC): still November.
    f.visit(
        datetime!(2026-11-30 23:50 +7),
        "Minh",
        Some(AN),
        "blocked",
        "blocked",
        &[],
        5,
        4,
    );
    // 1 Dec, 00:30 in Vietnam (30 Nov, 17:30 UTC): December.
    f.visit(
        datetime!(2026-12-01 00:30 +7),
        "Minh",
        Some(BINH),
        "level2",
        "logged_in",
        &["GC-GPLX"],
        30,
        5,
    );
    f
}

#[test]
fn a_fixture_month_gives_the_known_answers() {
    let f = fixture();
    let r = november(&f);
    assert_eq!(
        (r.from.as_str(), r.to.as_str()),
        ("2026-11-01", "2026-11-30")
    );
    assert_eq!(r.visits, 4);
    assert_eq!(r.citizens_served, 3, "An (twice), Bình, one anonymous");
    assert_eq!((r.vneid_level1, r.vneid_level2, r.vneid_blocked), (1, 1, 1));
    assert_eq!(r.portal_logins, 2);
    assert_eq!((r.dossiers, r.dossiers_online), (3, 0));
    assert_eq!(r.online_rate, Some(0.0));
    assert_eq!(r.ratings, [0, 0, 1, 2, 1]);
    assert_eq!(r.satisfied_rate, Some(75.0));
    assert_eq!(r.average_rating, Some(4.0));
    // (20 min, 1 dossier) + (40 min, 2 dossiers) → 60 / 3.
    assert_eq!(r.minutes_per_dossier, Some(20.0));
    // (Lan, 3rd): 2 people; (Minh, 10th): 1; (Minh, 30th): 1 → 4 / 3.
    assert_eq!(
        r.citizens_per_volunteer_day.map(|x| (x * 100.0).round()),
        Some(133.0)
    );
    assert_eq!(r.by_day.len(), 30);
    assert_eq!((r.by_day[2].visits, r.by_day[2].dossiers), (2, 1));
    assert_eq!((r.by_day[29].visits, r.by_day[29].dossiers), (1, 0));
    let names: Vec<(&str, u32)> = r
        .by_procedure
        .iter()
        .map(|p| (p.code.as_str(), p.dossiers))
        .collect();
    assert_eq!(names, [("GC-GPLX", 1), ("GC-KHAISINH", 1), ("GC-LLTP", 1)]);
    assert_eq!(r.by_state.len(), 1);
    assert_eq!(
        (r.by_state[0].label.as_str(), r.by_state[0].dossiers),
        ("Đang soạn", 3)
    );
    assert_eq!(r.volunteers, ["Lan", "Minh"]);

    // One volunteer's view.
    let minh = gocua_api::report(
        &f.ctx,
        ReportRequest {
            month: Some("2026-11".into()),
            operator: Some("Minh".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        (minh.visits, minh.citizens_served, minh.dossiers),
        (2, 2, 2)
    );

    // December sees the visit of 1 Dec 00:30 and nothing of November.
    let dec = gocua_api::report(
        &f.ctx,
        ReportRequest {
            month: Some("2026-12".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!((dec.visits, dec.dossiers, dec.ratings[4]), (1, 1, 1));

    // A range across the two months.
    let both = gocua_api::report(
        &f.ctx,
        ReportRequest {
            from: Some("2026-11-30".into()),
            to: Some("2026-12-01".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(both.visits, 2);

    let bad = gocua_api::report(
        &f.ctx,
        ReportRequest {
            month: Some("2026-13".into()),
            ..Default::default()
        },
    );
    assert_eq!(bad.unwrap_err().code(), gocua_api::ErrorCode::InvalidValue);
}

fn number(s: &str) -> f64 {
    s.replace('.', "")
        .replace(',', ".")
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

#[test]
fn xlsx_csv_and_pdf_agree_with_the_figures() {
    use calamine::{Data, Reader, Xlsx};
    let f = fixture();
    let r = november(&f);
    let dir = tempfile::tempdir().unwrap();
    let export = |format: &str| {
        let path = dir.path().join(format!("r.{format}"));
        gocua_api::report_export(
            &f.ctx,
            ReportExport {
                report: ReportRequest {
                    month: Some("2026-11".into()),
                    ..Default::default()
                },
                format: format.parse().unwrap(),
            },
            Some(&path),
        )
        .unwrap();
        std::fs::read(path).unwrap()
    };
    // The fifteen indicators, in the report's order, from the window's figures.
    let count = |n: u64| Some(n as f64);
    let tenth = |x: Option<f64>| x.map(|x| (x * 10.0).round() / 10.0);
    let want: Vec<(&str, Option<f64>)> = vec![
        ("citizens", count(r.citizens_served.into())),
        ("visits", count(r.visits.into())),
        ("vneid level 1", count(r.vneid_level1.into())),
        ("vneid level 2", count(r.vneid_level2.into())),
        ("vneid blocked", count(r.vneid_blocked.into())),
        ("portal logins", count(r.portal_logins.into())),
        ("dossiers", count(r.dossiers.into())),
        ("online", count(r.dossiers_online.into())),
        ("online rate", tenth(r.online_rate)),
        ("fees online", count(r.fees_online)),
        ("fees unknown", count(r.fees_unknown.into())),
        ("satisfied", tenth(r.satisfied_rate)),
        ("average rating", tenth(r.average_rating)),
        ("minutes per dossier", tenth(r.minutes_per_dossier)),
        (
            "citizens per volunteer day",
            tenth(r.citizens_per_volunteer_day),
        ),
    ];
    assert_eq!(want.len(), 15);

    // xlsx: the summary sheet holds the same numbers, and one sheet per table.
    let bytes = export("xlsx");
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheets = book.sheet_names();
    assert_eq!(
        sheets,
        [
            "Tổng hợp",
            "Theo ngày",
            "Theo thủ tục",
            "Theo trạng thái",
            "Theo tình nguyện viên",
            "Theo xã phường",
            "Mức hài lòng"
        ]
    );
    let summary = book.worksheet_range("Tổng hợp").unwrap();
    assert!(matches!(summary.get_value((2, 0)), Some(Data::String(s)) if s == "Chỉ tiêu"));
    for (i, (_, value)) in want.iter().enumerate() {
        let cell = summary.get_value((3 + i as u32, 1)).unwrap();
        let got = match cell {
            Data::Float(x) => Some((x * 10.0).round() / 10.0),
            Data::Int(n) => Some(*n as f64),
            Data::String(s) if s == "—" => None,
            other => panic!("row {i}: {other:?}"),
        };
        assert_eq!(got, *value, "xlsx row {i}");
    }
    let days = book.worksheet_range("Theo ngày").unwrap();
    assert_eq!(days.height(), 31, "header + 30 days");
    assert!(
        matches!(days.get_value((3, 1)), Some(Data::Float(x)) if *x == 2.0),
        "3 Nov: 2 visits"
    );

    // CSV: UTF-8 BOM, same summary.
    let bytes = export("csv");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let start = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "Chỉ tiêu"))
        .unwrap()
        + 1;
    for (i, (_, value)) in want.iter().enumerate() {
        let cell = &rows[start + i][1];
        let got = (cell != "—").then(|| number(cell));
        assert_eq!(got, *value, "csv row {i}: {cell}");
    }
    assert!(text.contains("Theo thủ tục") && text.contains("GC-GPLX"));

    // PDF: fonts embedded, a real document.
    let bytes = export("pdf");
    assert!(bytes.starts_with(b"%PDF"));
    assert!(bytes.windows(8).any(|w| w == b"FontFile"), "font embedded");

    // JSON: the same DTO.
    let json: gocua_api::dto::ReportDto = serde_json::from_slice(&export("json")).unwrap();
    assert_eq!(json, r);
}

/// Retention never takes a dossier in progress: its citizen stays until it
/// is finished and the period has passed again.
#[test]
fn retention_keeps_citizens_whose_dossiers_are_in_progress() {
    let f = Fixture::new();
    f.at(datetime!(2026-09-01 09:00 +7));
    f.visit(
        datetime!(2026-09-01 09:00 +7),
        "Lan",
        Some(AN),
        "level1",
        "logged_in",
        &["GC-LLTP"],
        10,
        5,
    );
    f.visit(
        datetime!(2026-09-01 10:00 +7),
        "Lan",
        Some(BINH),
        "level1",
        "logged_in",
        &[],
        10,
        5,
    );
    // An's draft is worked on again within the period: it holds An back.
    f.at(datetime!(2026-11-10 09:00 +7));
    let draft = gocua_api::dossier_list(&f.ctx, Default::default())
        .unwrap()
        .items
        .remove(0);
    let view = gocua_api::dossier_open(
        &f.ctx,
        gocua_api::dto::DossierRef {
            id: draft.id.clone(),
        },
    )
    .unwrap();
    let field = view
        .sections
        .iter()
        .flat_map(|s| &s.pages)
        .flat_map(|p| &p.fields)
        .find(|f| f.kind == gocua_api::dto::FieldType::Text)
        .unwrap();
    gocua_api::dossier_set(
        &f.ctx,
        gocua_api::dto::DossierSet {
            id: draft.id.clone(),
            path: field.id.clone(),
            value: "Hà Nội".into(),
        },
    )
    .unwrap();
    f.at(datetime!(2026-11-25 09:00 +7));
    let dry = gocua_api::retention::purge(&f.ctx, true).unwrap();
    assert_eq!(
        dry.citizens, 1,
        "Bình (no dossier) is past retention; An's draft was touched on 10/11"
    );
    gocua_api::retention::purge(&f.ctx, false).unwrap();
    let left: Vec<String> = gocua_api::citizen_list(&f.ctx)
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(left, ["Nguyễn Văn An"]);
    assert_eq!(
        gocua_api::dossier_list(&f.ctx, Default::default())
            .unwrap()
            .items
            .len(),
        1
    );
    // Left untouched for the whole period, the draft no longer holds An:
    // An and the draft go together.
    f.at(datetime!(2027-01-05 09:00 +7));
    let later = gocua_api::retention::purge(&f.ctx, false).unwrap();
    assert_eq!(later.citizens, 1);
    assert!(gocua_api::citizen_list(&f.ctx).unwrap().is_empty());
    assert!(
        gocua_api::dossier_list(&f.ctx, Default::default())
            .unwrap()
            .items
            .is_empty()
    );
}
