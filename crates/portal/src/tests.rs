//! The sandbox speaks the protocol: devices, idempotent dossiers, resumable
//! uploads, the change feed, supplements, faults.

use super::*;
use gocua_protocol::{
    BoSungNop, ChangesPage, DatTrangThai, DeviceRegistration, DeviceToken, Health, HoSo, HoSoNop,
    TaiLieuNop, UploadCreate, UploadInfo,
};
use sha2::{Digest, Sha256};

struct Client {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Client {
    async fn new(base: &str) -> anyhow::Result<Self> {
        let http = reqwest::Client::new();
        let token: DeviceToken = http
            .post(format!("{base}v1/devices"))
            .json(&DeviceRegistration {
                device_name: "test".into(),
                installation_key: None,
            })
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        Ok(Client {
            http,
            base: base.to_owned(),
            token: token.token,
        })
    }

    fn req(&self, m: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(m, format!("{}{path}", self.base))
            .bearer_auth(&self.token)
    }

    async fn upload(&self, data: &[u8], key: &str) -> anyhow::Result<UploadInfo> {
        let sha: String = Sha256::digest(data)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let info: UploadInfo = self
            .req(reqwest::Method::POST, "v1/uploads")
            .header("Idempotency-Key", key)
            .json(&UploadCreate {
                sha256: sha,
                size: data.len() as u64,
                name: "a.jpg".into(),
                mime: "image/jpeg".into(),
            })
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let mut offset = info.offset as usize;
        while offset < data.len() {
            let end = (offset + 1000).min(data.len());
            let r = self
                .req(reqwest::Method::PATCH, &format!("v1/uploads/{}", info.id))
                .header("Upload-Offset", offset.to_string())
                .body(data[offset..end].to_vec())
                .send()
                .await?;
            anyhow::ensure!(r.status() == 204, "patch: {}", r.status());
            offset = r.headers()["upload-offset"].to_str()?.parse()?;
        }
        Ok(UploadInfo {
            offset: offset as u64,
            complete: true,
            ..info
        })
    }
}

fn nop(client_id: &str, upload: &UploadInfo, data: &[u8]) -> HoSoNop {
    HoSoNop {
        ma_ho_so_noi_bo: client_id.into(),
        ma_tthc: "GC-GPLX".into(),
        ten_tthc: "Đổi giấy phép lái xe".into(),
        kenh_thuc_hien: 2,
        loai_doi_tuong: 1,
        chu_ho_so: "Nguyễn Văn An".into(),
        so_giay_to_chu_ho_so: "001090123456".into(),
        trich_yeu_ho_so: "Đổi GPLX".into(),
        du_lieu_bieu_mau: Default::default(),
        tai_lieu_nop: vec![TaiLieuNop {
            tep_dinh_kem_id: upload.id.clone(),
            ten_tep_dinh_kem: "a.jpg".into(),
            ma_thanh_phan_ho_so: "TP1".into(),
            sha256: Sha256::digest(data)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
        }],
        danh_sach_le_phi: vec![],
        hinh_thuc: Some(0),
        co_quan_tiep_nhan: None,
    }
}

#[tokio::test]
async fn health_answers_with_current_protocol() -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(launch(listener, async {
        let _ = rx.await;
    }));
    let health: Health = reqwest::get(format!("http://{addr}/v1/health"))
        .await?
        .error_for_status()?
        .json()
        .await?;
    assert!(health.is_compatible());
    assert_eq!(health.version, VERSION);
    let _ = tx.send(());
    server.await??;
    Ok(())
}

#[tokio::test]
async fn a_dossier_is_submitted_once_followed_and_supplemented() -> anyhow::Result<()> {
    let portal = start(Config::default()).await?;
    let c = Client::new(&portal.url).await?;
    let data: Vec<u8> = (0..2500u32).map(|i| (i % 251) as u8).collect();
    let up = c.upload(&data, "up-1").await?;
    // The same upload request again: the same upload, nothing new.
    let again: UploadInfo = c
        .req(reqwest::Method::POST, "v1/uploads")
        .header("Idempotency-Key", "up-1")
        .json(&UploadCreate {
            sha256: "0".repeat(64),
            size: 1,
            name: "x".into(),
            mime: "x".into(),
        })
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(again.id, up.id);

    let send = |key: &'static str, client_id: &'static str| {
        c.req(reqwest::Method::POST, "v1/dossiers")
            .header("Idempotency-Key", key)
            .json(&nop(client_id, &up, &data))
            .send()
    };
    let first = send("op-1", "d-1").await?;
    assert_eq!(first.status(), 201);
    let first: HoSo = first.json().await?;
    assert_eq!(first.trang_thai_ho_so, 1);
    let retried: HoSo = send("op-1", "d-1").await?.json().await?;
    assert_eq!(retried, first, "a retry gets the first answer");
    let other_key: HoSo = send("op-2", "d-1").await?.json().await?;
    assert_eq!(
        other_key.ma_ho_so, first.ma_ho_so,
        "one client dossier is one portal dossier"
    );

    // Offsets are confirmed by the server.
    let r = c
        .req(reqwest::Method::PATCH, &format!("v1/uploads/{}", up.id))
        .header("Upload-Offset", "0")
        .body(vec![1u8])
        .send()
        .await?;
    assert_eq!(r.status(), 409);
    assert_eq!(r.headers()["upload-offset"], "2500");

    // The office asks for a supplement; the feed says so; the answer moves it on.
    let r = c
        .http
        .post(format!(
            "{}v1/admin/dossiers/{}/status",
            portal.url, first.ma_ho_so
        ))
        .json(&DatTrangThai {
            trang_thai_ho_so: 5,
            noi_dung: Some("Bổ sung giấy khám sức khỏe".into()),
        })
        .send()
        .await?;
    assert_eq!(r.status(), 204);
    let feed: ChangesPage = c
        .req(reqwest::Method::GET, "v1/dossiers?changed_since=0")
        .send()
        .await?
        .json()
        .await?;
    let states: Vec<u8> = feed.items.iter().map(|i| i.trang_thai_ho_so).collect();
    assert_eq!(states, [1, 5]);
    assert_eq!(
        feed.items[1].noi_dung.as_deref(),
        Some("Bổ sung giấy khám sức khỏe")
    );
    let later: ChangesPage = c
        .req(
            reqwest::Method::GET,
            &format!("v1/dossiers?changed_since={}", feed.cursor),
        )
        .send()
        .await?
        .json()
        .await?;
    assert!(later.items.is_empty());
    let answer = BoSungNop {
        noi_dung_bo_sung: "Đã bổ sung".into(),
        du_lieu_bieu_mau: Default::default(),
        tai_lieu_nop: nop("d-1", &up, &data).tai_lieu_nop,
    };
    let r = c
        .req(
            reqwest::Method::POST,
            &format!("v1/dossiers/{}/supplements", first.ma_ho_so),
        )
        .header("Idempotency-Key", "op-3")
        .json(&answer)
        .send()
        .await?;
    assert_eq!(r.status(), 200);
    let hoso: HoSo = r.json().await?;
    assert_eq!(hoso.trang_thai_ho_so, 4);
    assert_eq!(hoso.danh_sach_ho_so_bo_sung[0].trang_thai_bo_sung, 1);
    // Retried: same answer; a new supplement without a request: refused.
    let r = c
        .req(
            reqwest::Method::POST,
            &format!("v1/dossiers/{}/supplements", first.ma_ho_so),
        )
        .header("Idempotency-Key", "op-3")
        .json(&answer)
        .send()
        .await?;
    assert_eq!(r.status(), 200);
    let r = c
        .req(
            reqwest::Method::POST,
            &format!("v1/dossiers/{}/supplements", first.ma_ho_so),
        )
        .header("Idempotency-Key", "op-4")
        .json(&answer)
        .send()
        .await?;
    assert_eq!(r.status(), 409);
    portal.stop().await;
    Ok(())
}

#[tokio::test]
async fn refusals_are_explicit() -> anyhow::Result<()> {
    let portal = start(Config::default()).await?;
    let r = reqwest::Client::new()
        .post(format!("{}v1/uploads", portal.url))
        .json(&serde_json::json!({}))
        .send()
        .await?;
    assert_eq!(r.status(), 401);
    let c = Client::new(&portal.url).await?;
    // A dossier referring to an upload that is not complete.
    let data = vec![7u8; 3000];
    let sha: String = Sha256::digest(&data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let up: UploadInfo = c
        .req(reqwest::Method::POST, "v1/uploads")
        .header("Idempotency-Key", "u")
        .json(&UploadCreate {
            sha256: sha,
            size: 3000,
            name: "a".into(),
            mime: "a".into(),
        })
        .send()
        .await?
        .json()
        .await?;
    let r = c
        .req(reqwest::Method::POST, "v1/dossiers")
        .header("Idempotency-Key", "k")
        .json(&nop("d", &up, &data))
        .send()
        .await?;
    assert_eq!(r.status(), 422);
    // Bytes that do not hash to the announced SHA-256 are thrown away.
    let r = c
        .req(reqwest::Method::PATCH, &format!("v1/uploads/{}", up.id))
        .header("Upload-Offset", "0")
        .body(vec![8u8; 3000])
        .send()
        .await?;
    assert_eq!(r.status(), 422);
    let r = c
        .req(reqwest::Method::HEAD, &format!("v1/uploads/{}", up.id))
        .send()
        .await?;
    assert_eq!(r.headers()["upload-offset"], "0");
    // No key, no dossier.
    let r = c
        .req(reqwest::Method::POST, "v1/dossiers")
        .json(&nop("d", &up, &data))
        .send()
        .await?;
    assert_eq!(r.status(), 400);
    portal.stop().await;
    Ok(())
}

#[tokio::test]
async fn a_dossier_committed_before_the_answer_was_lost_is_still_one() -> anyhow::Result<()> {
    let portal = start(Config::default()).await?;
    let c = Client::new(&portal.url).await?;
    let data = vec![3u8; 1500];
    let up = c.upload(&data, "u").await?;
    portal
        .faults
        .script(Step::Submit, FaultKind::DropAfterCommit);
    let lost = c
        .req(reqwest::Method::POST, "v1/dossiers")
        .header("Idempotency-Key", "op")
        .json(&nop("d", &up, &data))
        .send()
        .await;
    let failed = match lost {
        Err(_) => true,
        Ok(r) => r.bytes().await.is_err(),
    };
    assert!(failed, "the answer must not arrive");
    let retry: HoSo = c
        .req(reqwest::Method::POST, "v1/dossiers")
        .header("Idempotency-Key", "op")
        .json(&nop("d", &up, &data))
        .send()
        .await?
        .json()
        .await?;
    let feed: ChangesPage = c
        .req(reqwest::Method::GET, "v1/dossiers?changed_since=0")
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(feed.items.len(), 1, "one dossier");
    assert_eq!(feed.items[0].ma_ho_so, retry.ma_ho_so);
    assert!(portal.stats.wire_bytes() > 3000);
    portal.stop().await;
    Ok(())
}

#[tokio::test]
async fn the_timer_moves_dossiers_through_the_states() -> anyhow::Result<()> {
    let portal = start(Config {
        advance: Some(Advance {
            every: std::time::Duration::from_millis(50),
            supplement_every: 1,
        }),
        ..Config::default()
    })
    .await?;
    let c = Client::new(&portal.url).await?;
    let data = vec![1u8; 10];
    let up = c.upload(&data, "u").await?;
    let hoso: HoSo = c
        .req(reqwest::Method::POST, "v1/dossiers")
        .header("Idempotency-Key", "op")
        .json(&nop("d", &up, &data))
        .send()
        .await?
        .json()
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let now: HoSo = c
        .req(
            reqwest::Method::GET,
            &format!("v1/dossiers/{}", hoso.ma_ho_so),
        )
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(
        now.trang_thai_ho_so, 5,
        "1 → 2 → 4 → 5, then it waits for the citizen"
    );
    portal.stop().await;
    Ok(())
}

#[test]
fn the_openapi_document_describes_every_route() {
    let doc = include_str!("../../../docs/portal-protocol.openapi.yaml");
    for route in [
        "/v1/health:",
        "/v1/devices:",
        "/v1/uploads:",
        "/v1/uploads/{id}:",
        "/v1/dossiers:",
        "/v1/dossiers/{code}:",
        "/v1/dossiers/{code}/supplements:",
        "/v1/catalogue/latest:",
        "/v1/admin/dossiers:",
        "/v1/admin/dossiers/{code}/status:",
        "/v1/admin/dossiers/{code}/papers:",
        "/v1/admin/devices/forget:",
    ] {
        assert!(
            doc.contains(&format!("  {route}")),
            "{route} is not in the OpenAPI document"
        );
    }
    for field in [
        "MaHoSo",
        "MaTTHC",
        "TrangThaiHoSo",
        "TaiLieuNop",
        "DanhSachLePhi",
        "DanhSachHoSoBoSung",
        "Idempotency-Key",
        "Upload-Offset",
    ] {
        assert!(doc.contains(field), "{field}");
    }
}

async fn register(base: &str, key: Option<&str>) -> anyhow::Result<(u16, DeviceToken)> {
    let r = reqwest::Client::new()
        .post(format!("{base}v1/devices"))
        .json(&DeviceRegistration {
            device_name: "laptop".into(),
            installation_key: key.map(Into::into),
        })
        .send()
        .await?;
    let status = r.status().as_u16();
    Ok((status, r.json().await?))
}

#[tokio::test]
async fn a_laptop_that_registers_again_with_its_key_is_the_same_device() -> anyhow::Result<()> {
    let portal = start(Config::default()).await?;
    let key = "ab".repeat(32);
    let (status, first) = register(&portal.url, Some(&key)).await?;
    assert_eq!(status, 201);
    let c = Client {
        http: reqwest::Client::new(),
        base: portal.url.clone(),
        token: first.token.clone(),
    };
    let data = b"a paper".to_vec();
    let up = c.upload(&data, "k-1").await?;
    let r = c
        .req(reqwest::Method::POST, "v1/dossiers")
        .header("Idempotency-Key", "op-1")
        .json(&nop("client-1", &up, &data))
        .send()
        .await?;
    assert_eq!(r.status(), 201);
    let hoso: HoSo = r.json().await?;

    let (status, again) = register(&portal.url, Some(&key)).await?;
    assert_eq!(status, 200);
    assert_eq!(again.device_id, first.device_id);
    assert_ne!(again.token, first.token);
    // The old token is gone; the new one sees the same dossiers and uploads.
    let old = c.req(
        reqwest::Method::GET,
        &format!("v1/dossiers/{}", hoso.ma_ho_so),
    );
    assert_eq!(old.send().await?.status(), 401);
    let c = Client {
        token: again.token,
        ..c
    };
    let r = c
        .req(reqwest::Method::POST, "v1/dossiers")
        .header("Idempotency-Key", "op-1-resent-after-a-lost-answer")
        .json(&nop("client-1", &up, &data))
        .send()
        .await?;
    assert!(r.status().is_success(), "{}", r.status());
    let resent: HoSo = r.json().await?;
    assert_eq!(resent.ma_ho_so, hoso.ma_ho_so, "not stored twice");

    // Another key, or none: another device.
    let (_, other) = register(&portal.url, Some(&"cd".repeat(32))).await?;
    assert_ne!(other.device_id, first.device_id);
    let (_, none) = register(&portal.url, None).await?;
    assert_ne!(none.device_id, first.device_id);
    // A malformed key is refused.
    for bad in ["AB".repeat(32), "ab".repeat(31), "zz".repeat(32)] {
        let r = reqwest::Client::new()
            .post(format!("{}v1/devices", portal.url))
            .json(&DeviceRegistration {
                device_name: "laptop".into(),
                installation_key: Some(bad.clone()),
            })
            .send()
            .await?;
        assert_eq!(r.status(), 422, "{bad}");
    }
    portal.stop().await;
    Ok(())
}

#[tokio::test]
async fn an_idempotency_key_belongs_to_its_route_and_hashes_are_lower_case() -> anyhow::Result<()> {
    let portal = start(Config::default()).await?;
    let c = Client::new(&portal.url).await?;
    let data = b"another paper".to_vec();
    let up = c.upload(&data, "shared-key").await?;
    // A submit that reuses the upload's key gets no upload answer and no dossier.
    let r = c
        .req(reqwest::Method::POST, "v1/dossiers")
        .header("Idempotency-Key", "shared-key")
        .json(&nop("client-2", &up, &data))
        .send()
        .await?;
    assert_eq!(r.status(), 422);
    let body: gocua_protocol::ErrorBody = r.json().await?;
    assert_eq!(body.error_code, "idempotency_key_reused");
    // An upper-case SHA-256 could never match the computed one: refused.
    let upper: String = Sha256::digest(&data)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    let r = c
        .req(reqwest::Method::POST, "v1/uploads")
        .header("Idempotency-Key", "upper")
        .json(&UploadCreate {
            sha256: upper,
            size: data.len() as u64,
            name: "a.jpg".into(),
            mime: "image/jpeg".into(),
        })
        .send()
        .await?;
    assert_eq!(r.status(), 422);
    portal.stop().await;
    Ok(())
}

#[tokio::test]
async fn every_error_answer_is_a_json_error_body() -> anyhow::Result<()> {
    let portal = start(Config::default()).await?;
    let c = Client::new(&portal.url).await?;
    let http = reqwest::Client::new();
    let answers = [
        // axum's own rejections come as plain text unless turned into JSON.
        http.post(format!("{}v1/devices", portal.url))
            .header("Content-Type", "text/plain")
            .body("laptop")
            .send()
            .await?,
        http.post(format!("{}v1/devices", portal.url))
            .header("Content-Type", "application/json")
            .body("{not json")
            .send()
            .await?,
        c.req(reqwest::Method::GET, "v1/dossiers?limit=5000")
            .send()
            .await?,
        c.req(reqwest::Method::GET, "v1/dossiers?changed_since=-1")
            .send()
            .await?,
        c.req(reqwest::Method::GET, "v1/dossiers?changed_since=x")
            .send()
            .await?,
        http.get(format!("{}v1/nowhere", portal.url)).send().await?,
        c.req(reqwest::Method::POST, "v1/dossiers")
            .header("Idempotency-Key", "k")
            .header("Citizen-Present", "maybe")
            .json(&nop(
                "c",
                &UploadInfo {
                    id: "u".into(),
                    offset: 0,
                    size: 1,
                    complete: true,
                },
                b"x",
            ))
            .send()
            .await?,
    ];
    for a in answers {
        let status = a.status();
        assert!(status.is_client_error(), "{status}");
        let body: gocua_protocol::ErrorBody = a.json().await?;
        assert!(!body.error_code.is_empty(), "{status}");
    }
    portal.stop().await;
    Ok(())
}

/// Every SQL statement of the portal is in `db.rs`: the routes speak HTTP
/// and call it, so a change of schema is one file's change.
#[test]
fn the_routes_hold_no_sql() {
    let routes = [
        ("mod.rs", include_str!("routes/mod.rs")),
        ("devices.rs", include_str!("routes/devices.rs")),
        ("dossiers.rs", include_str!("routes/dossiers.rs")),
        ("middleware.rs", include_str!("routes/middleware.rs")),
        ("office.rs", include_str!("routes/office.rs")),
        ("uploads.rs", include_str!("routes/uploads.rs")),
    ];
    for (file, text) in routes {
        for sql in [
            ".execute(",
            ".query_row(",
            ".prepare(",
            "SELECT ",
            "INSERT ",
            "UPDATE ",
            "DELETE ",
        ] {
            assert!(
                !text.contains(sql),
                "routes/{file} holds SQL ({sql:?}); it belongs in db.rs"
            );
        }
    }
    let listed = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src/routes"))
        .map(|d| d.count())
        .unwrap_or_default();
    assert_eq!(
        listed,
        routes.len(),
        "a new routes file must be listed here"
    );
}
