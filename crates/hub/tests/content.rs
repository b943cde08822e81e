//! Content from the hub: a catalogue pack or guides the province publishes
//! reach an enrolled laptop at its next sync, signed with the province's key
//! the laptop learned at enrolment; content the province did not sign is
//! refused and what is installed stays. The province's key signs only its
//! province's packs — never the national catalogue, another province's pack
//! or a version leap — and is forgotten when the laptop leaves the hub.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pg;

use gocua_api::dto::HubJoin;
use gocua_api::{Ctx, CtxOptions};
use gocua_hub::Hub;

/// The shipped pack as `pack_id` at `version`: the national catalogue
/// bumped, or a province's own pack.
fn pack(pack_id: &str, version: u32) -> String {
    let mut pack: serde_json::Value =
        serde_json::from_str(gocua_api::catalogue::SHIPPED_PACK).unwrap();
    pack["pack_id"] = pack_id.into();
    pack["version"] = version.into();
    serde_json::to_string(&pack).unwrap()
}

fn version_of(ctx: &Ctx, pack_id: &str) -> Option<u32> {
    gocua_api::catalog_packs(ctx)
        .unwrap()
        .into_iter()
        .find(|p| p.pack_id == pack_id)
        .map(|p| p.version)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_province_pack_reaches_the_laptops_and_an_unsigned_one_does_not() {
    let cluster = pg::Cluster::start();
    let hub = Hub::open(&cluster.database("content").await, 4)
        .await
        .unwrap();
    let certs = tempfile::tempdir().unwrap();
    let (addr, fingerprint, stop) = gocua_hub::launch(&hub, certs.path()).await.unwrap();
    let base = format!("https://127.0.0.1:{}", addr.port());
    let team = gocua_hub::admin::create_team(&hub, "Tổ CNS", "01", None)
        .await
        .unwrap();
    let (code, _) = gocua_hub::admin::enrolment_code(&hub, team.id, &base, &fingerprint)
        .await
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let laptop = Ctx::open(CtxOptions::for_tests(dir.path())).unwrap();
    // Hà Nội's own pack (the team is in province 01).
    let (pack_id, version) = ("vn-01".to_owned(), 3);
    let json = pack(&pack_id, version);
    assert_eq!(version_of(&laptop, &pack_id), None);
    // Before enrolment, the province's signature means nothing here.
    let signed = gocua_core::catalogue::signed::sign(&json, &hub.province_key);
    assert!(
        gocua_api::catalog_import(
            &laptop,
            gocua_api::dto::CatalogImport {
                json: signed,
                allow_unsigned: false
            }
        )
        .is_err()
    );

    gocua_api::hub_join(
        &laptop,
        HubJoin {
            code: code.to_text(),
            name: "Máy A".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        gocua_hub::admin::publish_pack(&hub, &json).await.unwrap(),
        (pack_id.clone(), version)
    );
    assert!(
        gocua_hub::admin::publish_pack(&hub, &json).await.is_err(),
        "a version is published once"
    );

    let r = gocua_api::hub_sync(&laptop).await.unwrap();
    assert_eq!((r.catalogue_installed, r.catalogue_refused), (1, 0));
    assert_eq!(version_of(&laptop, &pack_id), Some(version));
    let again = gocua_api::hub_sync(&laptop).await.unwrap();
    assert_eq!(
        (again.catalogue_installed, again.catalogue_refused),
        (0, 0),
        "installed once"
    );

    // A newer pack signed by some other key, put in the hub's database
    // behind its back: the laptop refuses it and keeps what it has.
    let other = gocua_core::catalogue::signed::signing_key_from_bytes(&[9; 32]);
    let forged = gocua_core::catalogue::signed::sign(&pack(&pack_id, version + 1), &other);
    assert!(
        gocua_hub::db::add_pack(&hub.pool, &pack_id, version + 1, &forged)
            .await
            .unwrap()
    );
    let r = gocua_api::hub_sync(&laptop).await.unwrap();
    assert_eq!((r.catalogue_installed, r.catalogue_refused), (0, 1));
    assert_eq!(version_of(&laptop, &pack_id), Some(version));

    // The province's key signs only what the province owns (N2): not the
    // national catalogue, not another province's pack, and no version far
    // beyond the installed one (which would block every genuine release).
    let national = version_of(&laptop, "vn-national").unwrap();
    for (id, v) in [
        ("vn-national", national + 1),
        ("vn-79", 1),
        (pack_id.as_str(), u32::MAX),
    ] {
        let json = pack(id, v);
        let signed = gocua_core::catalogue::signed::sign(&json, &hub.province_key);
        let refused = gocua_api::catalog_import(
            &laptop,
            gocua_api::dto::CatalogImport {
                json: signed.clone(),
                allow_unsigned: false,
            },
        )
        .unwrap_err();
        let why = if v == u32::MAX {
            "version-jump"
        } else {
            "out-of-scope"
        };
        assert!(
            matches!(&refused, gocua_api::ApiError::UntrustedPack(r) if r == why),
            "{id} v{v}: {refused:?}"
        );
        assert!(
            gocua_hub::db::add_pack(&hub.pool, id, v, &signed)
                .await
                .unwrap()
        );
    }
    let r = gocua_api::hub_sync(&laptop).await.unwrap();
    assert_eq!(
        (r.catalogue_installed, r.catalogue_refused),
        (0, 3),
        "{r:?}"
    );
    assert_eq!(version_of(&laptop, "vn-national"), Some(national));
    assert_eq!(version_of(&laptop, "vn-79"), None);
    assert_eq!(version_of(&laptop, &pack_id), Some(version));

    // Guides: the province corrects a step; the laptop takes the correction
    // at its next sync. Guides signed by another key are refused.
    let mut guides = serde_json::to_value(gocua_api::guides(&laptop).unwrap()).unwrap();
    guides["guides"][0]["steps"][0]["text"]["vi"] = "Bước do tỉnh sửa".into();
    let guides = serde_json::to_string(&guides).unwrap();
    assert!(
        gocua_hub::admin::publish_guides(&hub, "{\"format\": \"other\"}")
            .await
            .is_err()
    );
    gocua_hub::admin::publish_guides(&hub, &guides)
        .await
        .unwrap();
    let r = gocua_api::hub_sync(&laptop).await.unwrap();
    assert!(r.guides_installed && !r.guides_refused, "{r:?}");
    assert_eq!(
        gocua_api::guides(&laptop).unwrap().guides[0].steps[0]
            .text
            .vi,
        "Bước do tỉnh sửa"
    );
    let forged = gocua_core::catalogue::signed::sign(
        &guides.replace("Bước do tỉnh sửa", "Bước giả"),
        &other,
    );
    gocua_hub::db::add_guides(&hub.pool, &forged).await.unwrap();
    let r = gocua_api::hub_sync(&laptop).await.unwrap();
    assert!(r.guides_refused && !r.guides_installed, "{r:?}");
    assert_eq!(
        gocua_api::guides(&laptop).unwrap().guides[0].steps[0]
            .text
            .vi,
        "Bước do tỉnh sửa"
    );

    // The team's roster: the lead writes it; the laptop takes it at its
    // next sync. One of another team, or signed by another key, is refused.
    assert!(gocua_api::hub::hub_roster(&laptop).unwrap().is_none());
    for (name, role) in [("Nguyễn Thị Lan", "lead"), ("Trần Văn Minh", "volunteer")] {
        gocua_hub::db::roster::add(
            &hub.pool,
            team.id,
            &gocua_hub::admin::member(name, role).unwrap(),
        )
        .await
        .unwrap();
    }
    assert!(gocua_hub::admin::member(" ", "volunteer").is_err());
    assert!(gocua_hub::admin::member("Ai đó", "kiosk").is_err());
    let r = gocua_api::hub_sync(&laptop).await.unwrap();
    assert!(r.roster_installed, "{r:?}");
    let roster = gocua_api::hub::hub_roster(&laptop).unwrap().unwrap();
    assert_eq!(roster.version, 2);
    assert_eq!(
        roster
            .members
            .iter()
            .map(|m| (m.name.as_str(), m.role))
            .collect::<Vec<_>>(),
        [
            ("Nguyễn Thị Lan", gocua_api::dto::Role::Lead),
            ("Trần Văn Minh", gocua_api::dto::Role::Volunteer)
        ]
    );
    assert!(!gocua_api::hub_sync(&laptop).await.unwrap().roster_installed);
    let other_team = gocua_hub::admin::create_team(&hub, "Tổ khác", "01", None)
        .await
        .unwrap();
    gocua_hub::db::roster::add(
        &hub.pool,
        other_team.id,
        &gocua_hub::admin::member("Người tổ khác", "lead").unwrap(),
    )
    .await
    .unwrap();
    let mut theirs = gocua_hub::admin::signed_roster(&hub, other_team.id)
        .await
        .unwrap()
        .unwrap();
    assert!(gocua_api::hub::install_roster(&laptop, &theirs.signed).is_err());
    let payload = serde_json::json!({
        "format": "gocua-roster", "team_id": team.id.to_string(), "version": 9,
        "members": [{"name": "Kẻ mạo danh", "role": "lead"}]
    })
    .to_string();
    theirs.signed = gocua_core::catalogue::signed::sign(&payload, &other);
    assert!(gocua_api::hub::install_roster(&laptop, &theirs.signed).is_err());
    assert_eq!(
        gocua_api::hub::hub_roster(&laptop)
            .unwrap()
            .unwrap()
            .version,
        2
    );

    // The background's pass refuses them too (how often it runs is the
    // schedule's, tested in gocua-sync's `background`).
    let background = gocua_api::hub::hub_background(&laptop).await.unwrap();
    assert!(background.is_some_and(|r| r.catalogue_refused == 3 && r.guides_refused));

    // Leaving the hub forgets its key: what it installed stays, nothing new
    // it signs is taken.
    gocua_api::hub_leave(&laptop).unwrap();
    let newer =
        gocua_core::catalogue::signed::sign(&pack(&pack_id, version + 1), &hub.province_key);
    let refused = gocua_api::catalog_import(
        &laptop,
        gocua_api::dto::CatalogImport {
            json: newer,
            allow_unsigned: false,
        },
    )
    .unwrap_err();
    assert!(
        matches!(&refused, gocua_api::ApiError::UntrustedPack(r) if r == "unknown-key"),
        "{refused:?}"
    );
    assert_eq!(version_of(&laptop, &pack_id), Some(version));

    let _ = stop.send(());
}
