//! One hub on a real PostgreSQL, two laptops of one team: after they sync,
//! the hub's team report is the sum of the laptops' own reports, figure by
//! figure; a batch sent again after a lost acknowledgement is stored once;
//! changes and erasures reach the hub; a revoked laptop stops syncing; a
//! laptop that joins again — after a revoke, while joined, into another
//! team — stays one device and is counted once.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pg;

use std::collections::BTreeMap;
use std::path::Path;

use gocua_api::dto::{ConsentWithdraw, HubJoin, ReportDto, ReportRequest};
use gocua_api::{ApiError, Ctx, CtxOptions};
use gocua_hub::Hub;

fn open(dir: &Path) -> Ctx {
    Ctx::open(CtxOptions::for_tests(dir)).unwrap()
}

fn laptop_report(ctx: &Ctx, month: &str) -> ReportDto {
    gocua_api::report(
        ctx,
        ReportRequest {
            month: Some(month.into()),
            ..Default::default()
        },
    )
    .unwrap()
}

fn months(ctx: &Ctx) -> Vec<String> {
    let today = gocua_api::clock::vietnam_date(ctx.now());
    let mut out = Vec::new();
    let (mut y, mut m) = (today.year, today.month);
    for _ in 0..4 {
        out.push(format!("{y:04}-{m:02}"));
        (y, m) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
    }
    out
}

/// The hub's report of `month` equals the sum of the laptops' reports.
async fn assert_sum(hub: &Hub, team: uuid::Uuid, laptops: &[&Ctx], month: &str) {
    let (from, to) = gocua_core::date::Date::month(month).unwrap();
    let h = gocua_hub::report::team(
        hub,
        team,
        gocua_hub::facts::to_time(from).unwrap(),
        gocua_hub::facts::to_time(to).unwrap(),
    )
    .await
    .unwrap();
    let r: Vec<ReportDto> = laptops.iter().map(|c| laptop_report(c, month)).collect();
    let sum = |f: &dyn Fn(&ReportDto) -> u64| r.iter().map(f).sum::<u64>();
    let what = |name: &str| format!("{month}: {name}");
    assert_eq!(
        u64::from(h.visits),
        sum(&|r| r.visits.into()),
        "{}",
        what("visits")
    );
    assert_eq!(
        u64::from(h.citizens_served),
        sum(&|r| r.citizens_served.into()),
        "{}",
        what("citizens served")
    );
    assert_eq!(
        u64::from(h.vneid_level1),
        sum(&|r| r.vneid_level1.into()),
        "{}",
        what("vneid1")
    );
    assert_eq!(
        u64::from(h.vneid_level2),
        sum(&|r| r.vneid_level2.into()),
        "{}",
        what("vneid2")
    );
    assert_eq!(
        u64::from(h.vneid_blocked),
        sum(&|r| r.vneid_blocked.into()),
        "{}",
        what("blocked")
    );
    assert_eq!(
        u64::from(h.portal_logins),
        sum(&|r| r.portal_logins.into()),
        "{}",
        what("logins")
    );
    assert_eq!(
        u64::from(h.dossiers),
        sum(&|r| r.dossiers.into()),
        "{}",
        what("dossiers")
    );
    assert_eq!(
        u64::from(h.dossiers_online),
        sum(&|r| r.dossiers_online.into()),
        "{}",
        what("online")
    );
    assert_eq!(
        h.fees_online,
        sum(&|r| r.fees_online),
        "{}",
        what("fees online")
    );
    assert_eq!(
        u64::from(h.fees_unknown),
        sum(&|r| r.fees_unknown.into()),
        "{}",
        what("fees unknown")
    );
    for i in 0..5 {
        assert_eq!(
            u64::from(h.ratings[i]),
            sum(&|r| r.ratings[i].into()),
            "{}",
            what(&format!("rating {}", i + 1))
        );
    }
    // Per procedure, state, day and commune: the same counts.
    let mut procedures: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut states: BTreeMap<String, u32> = BTreeMap::new();
    let mut days: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut communes: BTreeMap<String, (u32, u32, u32, u32)> = BTreeMap::new();
    for r in &r {
        for p in &r.by_procedure {
            let e = procedures.entry(p.code.clone()).or_default();
            e.0 += p.dossiers;
            e.1 += p.online;
        }
        for s in &r.by_state {
            *states
                .entry(
                    serde_json::to_value(s.state)
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .to_owned(),
                )
                .or_default() += s.dossiers;
        }
        for d in &r.by_day {
            let e = days.entry(d.day.clone()).or_default();
            e.0 += d.visits;
            e.1 += d.dossiers;
        }
        for c in &r.by_commune {
            let e = communes.entry(c.key.clone()).or_default();
            e.0 += c.visits;
            e.1 += c.citizens;
            e.2 += c.dossiers;
            e.3 += c.vneid;
        }
    }
    let hub_procedures: BTreeMap<String, (u32, u32)> = h
        .by_procedure
        .iter()
        .map(|p| (p.code.clone(), (p.dossiers, p.online)))
        .collect();
    assert_eq!(hub_procedures, procedures, "{}", what("by procedure"));
    let hub_states: BTreeMap<String, u32> = h
        .by_state
        .iter()
        .map(|(s, n)| (s.to_string(), *n))
        .collect();
    assert_eq!(hub_states, states, "{}", what("by state"));
    let hub_days: BTreeMap<String, (u32, u32)> = h
        .by_day
        .iter()
        .map(|d| (d.day.to_string(), (d.visits, d.dossiers)))
        .collect();
    assert_eq!(hub_days, days, "{}", what("by day"));
    let hub_communes: BTreeMap<String, (u32, u32, u32, u32)> = h
        .by_commune
        .iter()
        .map(|c| (c.key.clone(), (c.visits, c.citizens, c.dossiers, c.vneid)))
        .collect();
    assert_eq!(hub_communes, communes, "{}", what("by commune"));
    // Volunteers are pseudonyms on the hub: the same visits, by someone.
    let hub_volunteer_visits: u32 = h.by_volunteer.iter().map(|v| v.visits).sum();
    assert_eq!(u64::from(hub_volunteer_visits), sum(&|r| r.visits.into()));

    // The team's month, read from the tallies kept at ingest, agrees.
    let first = gocua_hub::facts::to_time(from).unwrap();
    let teams = gocua_hub::db::teams_month(&hub.pool, "01", None, first)
        .await
        .unwrap();
    let mine = teams.iter().find(|t| t.team.id == team).unwrap();
    assert_eq!(
        (
            mine.citizens_served,
            mine.visits,
            mine.dossiers,
            mine.online
        ),
        (
            i64::from(h.citizens_served),
            i64::from(h.visits),
            i64::from(h.dossiers),
            i64::from(h.dossiers_online)
        ),
        "{}",
        what("team tally")
    );
    if teams
        .iter()
        .any(|t| t.team.id != team && t.visits + t.dossiers > 0)
    {
        return; // the province's month is more than this team's
    }
    // The province's month, read from the same tallies, agrees.
    let p = gocua_hub::db::province_month(&hub.pool, "01", first)
        .await
        .unwrap();
    assert_eq!(p.visits, i64::from(h.visits), "{}", what("tally visits"));
    assert_eq!(
        p.citizens_served,
        i64::from(h.citizens_served),
        "{}",
        what("tally citizens")
    );
    assert_eq!(
        p.dossiers,
        i64::from(h.dossiers),
        "{}",
        what("tally dossiers")
    );
    assert_eq!(
        p.dossiers_online,
        i64::from(h.dossiers_online),
        "{}",
        what("tally online")
    );
    assert_eq!(
        p.fees_online,
        h.fees_online as i64,
        "{}",
        what("tally fees")
    );
    assert_eq!(
        p.ratings.map(|n| n as u32),
        h.ratings,
        "{}",
        what("tally ratings")
    );
    let tally_states: BTreeMap<String, i64> =
        p.by_procedure_state
            .iter()
            .fold(BTreeMap::new(), |mut m, (_, s, n)| {
                *m.entry(s.clone()).or_default() += n;
                m
            });
    let hub_states: BTreeMap<String, i64> = hub_states
        .into_iter()
        .map(|(k, v)| (k, i64::from(v)))
        .collect();
    assert_eq!(tally_states, hub_states, "{}", what("tally states"));
}

fn hub_reason(e: ApiError) -> String {
    match e {
        ApiError::Hub { reason, .. } => reason,
        other => panic!("expected a hub error, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_teams_report_on_the_hub_is_the_sum_of_its_laptops_reports() {
    let cluster = pg::Cluster::start();
    let url = cluster.database("two_laptops").await;
    let hub = Hub::open(&url, 4).await.unwrap();
    let certs = tempfile::tempdir().unwrap();
    let (addr, fingerprint, stop) = gocua_hub::launch(&hub, certs.path()).await.unwrap();
    let base = format!("https://127.0.0.1:{}", addr.port());
    let team = gocua_hub::admin::create_team(&hub, "Tổ CNS thôn Đông", "01", Some("00004"))
        .await
        .unwrap();
    let code = |_: ()| async {
        gocua_hub::admin::enrolment_code(&hub, team.id, &base, &fingerprint)
            .await
            .unwrap()
            .0
            .to_text()
    };

    let dir_a = tempfile::tempdir().unwrap();
    let dir_b = tempfile::tempdir().unwrap();
    let a = open(dir_a.path());
    let b = open(dir_b.path());
    for (ctx, seed) in [(&a, 11), (&b, 22)] {
        gocua_api::demo::demo_seed(ctx, 40, seed).unwrap();
        gocua_api::demo::demo_seed_dossiers(ctx, 60, seed).unwrap();
    }

    // A damaged code and a wrong certificate are refused before anything is sent.
    let e = gocua_api::hub_join(
        &a,
        HubJoin {
            code: "GC1-abc".into(),
            name: "A".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(hub_reason(e), "code-damaged");
    let mut forged = gocua_protocol::hub::EnrolmentCode::parse(&code(()).await).unwrap();
    forged.fingerprint = "00".repeat(32);
    let e = gocua_api::hub_join(
        &a,
        HubJoin {
            code: forged.to_text(),
            name: "A".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(hub_reason(e), "wrong-certificate");

    let code_a = code(()).await;
    gocua_api::hub_join(
        &a,
        HubJoin {
            code: code_a.clone(),
            name: "Máy A".into(),
        },
    )
    .await
    .unwrap();
    // A code works once.
    let e = gocua_api::hub_join(
        &b,
        HubJoin {
            code: code_a,
            name: "Máy B".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(hub_reason(e), "code-invalid");
    gocua_api::hub_join(
        &b,
        HubJoin {
            code: code(()).await,
            name: "Máy B".into(),
        },
    )
    .await
    .unwrap();

    // Laptop A's acknowledgement is "lost": a copy of its data as it was
    // before the sync sends the same events again.
    drop(a);
    let dir_a_copy = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(dir_a.path()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), dir_a_copy.path().join(entry.file_name())).unwrap();
        }
    }
    let a = open(dir_a.path());
    let first = gocua_api::hub_sync(&a).await.unwrap();
    assert!(first.stored > 100, "{first:?}");
    assert_eq!(first.duplicates, 0);
    assert_eq!(first.pending, 0);
    assert_eq!(first.anchor_matches, Some(true));
    let again = gocua_api::hub_sync(&open(dir_a_copy.path())).await.unwrap();
    assert_eq!(again.stored, 0, "nothing is stored twice: {again:?}");
    assert_eq!(again.duplicates, first.stored);
    gocua_api::hub_sync(&b).await.unwrap();

    for month in months(&a) {
        assert_sum(&hub, team.id, &[&a, &b], &month).await;
    }

    // A citizen withdraws consent on laptop B: their data is erased there
    // (dossiers gone, visits anonymous) and the hub follows.
    let citizen = gocua_api::citizen_list(&b).unwrap()[0].cccd.clone();
    // (The profile is gone afterwards, which the command answers as such.)
    let erased = gocua_api::consent_withdraw(
        &b,
        ConsentWithdraw {
            cccd: citizen.clone(),
            purpose: "profile".parse().unwrap(),
        },
    );
    assert!(matches!(erased, Err(ApiError::NotFound(c)) if c == citizen));
    let after = gocua_api::hub_sync(&b).await.unwrap();
    assert!(after.stored > 0, "{after:?}");
    for month in months(&a) {
        assert_sum(&hub, team.id, &[&a, &b], &month).await;
    }

    // Revoked: the laptop keeps its data and stops syncing.
    let device: uuid::Uuid = gocua_api::hub_status(&b)
        .unwrap()
        .device_id
        .unwrap()
        .parse()
        .unwrap();
    assert!(gocua_hub::db::revoke(&hub.pool, device).await.unwrap());
    let e = gocua_api::hub_sync(&b).await.unwrap_err();
    assert_eq!(hub_reason(e), "revoked");
    let status = gocua_api::hub_status(&b).unwrap();
    assert!(status.revoked_at.is_some());
    assert!(!gocua_api::citizen_list(&b).unwrap().is_empty());

    // Joined again with a new code after the revoke, then again while joined
    // (as after a new hub certificate): the hub knows the laptop by its
    // installation secret, so it stays one device and its records replace
    // what the hub holds, never add to it.
    for name in ["Máy B (lại)", "Máy B (chứng chỉ mới)"] {
        gocua_api::hub_join(
            &b,
            HubJoin {
                code: code(()).await,
                name: name.into(),
            },
        )
        .await
        .unwrap();
        let again = gocua_api::hub_status(&b).unwrap();
        assert_eq!(again.device_id, Some(device.to_string()), "{name}");
        assert!(again.revoked_at.is_none());
        let sent = gocua_api::hub_sync(&b).await.unwrap();
        assert!(sent.stored > 100, "every record is sent again: {sent:?}");
        for month in months(&a) {
            assert_sum(&hub, team.id, &[&a, &b], &month).await;
        }
    }
    let laptops = gocua_hub::db::devices(&hub.pool, team.id).await.unwrap();
    assert_eq!(laptops.len(), 2, "one row a laptop");
    let row = laptops.iter().find(|d| d.id == device).unwrap();
    assert_eq!((row.joins, row.revoked_at), (3, None));
    assert!(row.rejoined_at.is_some());

    // Moved to another team of the province: counted once, in its new team,
    // and the province's month is still the sum of the two laptops.
    let west = gocua_hub::admin::create_team(&hub, "Tổ CNS thôn Tây", "01", Some("00004"))
        .await
        .unwrap();
    let (west_code, _) = gocua_hub::admin::enrolment_code(&hub, west.id, &base, &fingerprint)
        .await
        .unwrap();
    gocua_api::hub_join(
        &b,
        HubJoin {
            code: west_code.to_text(),
            name: "Máy B".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        gocua_api::hub_status(&b).unwrap().device_id,
        Some(device.to_string())
    );
    for month in months(&a) {
        // Before the moved laptop's next pass (its records moved with it) …
        assert_sum(&hub, team.id, &[&a], &month).await;
        assert_sum(&hub, west.id, &[&b], &month).await;
    }
    gocua_api::hub_sync(&b).await.unwrap();
    for month in months(&a) {
        // … and after it.
        assert_sum(&hub, team.id, &[&a], &month).await;
        assert_sum(&hub, west.id, &[&b], &month).await;
        let (first, _) = gocua_core::date::Date::month(&month).unwrap();
        let province = gocua_hub::db::province_month(
            &hub.pool,
            "01",
            gocua_hub::facts::to_time(first).unwrap(),
        )
        .await
        .unwrap();
        let both: u64 = [&a, &b]
            .iter()
            .map(|c| u64::from(laptop_report(c, &month).visits))
            .sum();
        assert_eq!(
            province.visits as u64, both,
            "{month}: the province's visits"
        );
    }
    assert!(
        gocua_hub::db::devices(&hub.pool, team.id)
            .await
            .unwrap()
            .iter()
            .all(|d| d.id != device),
        "the moved laptop is listed in its new team only"
    );

    let _ = stop.send(());
}
