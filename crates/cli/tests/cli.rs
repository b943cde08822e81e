//! The `gocua` binary, driven as a user or a script would.

use std::process::{Command, Output};

/// The documented fallback for machines without an OS keyring: the tests do
/// not depend on whether CI has one.
const PASSPHRASE: &str = "kiểm thử dòng lệnh";

fn gocua(data_dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gocua"))
        .args(args)
        .env("GOCUA_DATA_DIR", data_dir)
        .env("GOCUA_PASSPHRASE", PASSPHRASE)
        .env_remove("GOCUA_LANG")
        .env_remove("GOCUA_PORTAL_URL")
        .output()
        .unwrap_or_else(|e| panic!("cannot run gocua: {e}"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn info_json_describes_a_fresh_data_dir() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let out = gocua(dir.path(), &["info", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let info: serde_json::Value = serde_json::from_str(&stdout(&out))?;
    assert_eq!(info["data_dir"], dir.path().display().to_string());
    assert_eq!(info["language"], "vi");
    assert_eq!(info["portal_url"], "http://127.0.0.1:8787/");
    assert!(info["schema_version"].as_i64().is_some_and(|v| v >= 1));
    Ok(())
}

#[test]
fn text_output_follows_the_saved_language() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let vi = gocua(dir.path(), &["info"]);
    assert!(stdout(&vi).contains("Thư mục dữ liệu"), "{}", stdout(&vi));

    let set = gocua(dir.path(), &["config", "language", "en"]);
    assert!(set.status.success(), "{}", stderr(&set));
    assert!(stdout(&set).contains("Settings saved"));

    let en = gocua(dir.path(), &["info"]);
    assert!(stdout(&en).contains("Data folder"), "{}", stdout(&en));
    // --lang overrides the saved choice for one run.
    let forced = gocua(dir.path(), &["--lang", "vi", "info"]);
    assert!(
        stdout(&forced).contains("Ngôn ngữ: English"),
        "{}",
        stdout(&forced)
    );
    Ok(())
}

#[test]
fn bad_input_gets_a_translated_error_and_exit_code_2() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let out = gocua(dir.path(), &["config", "portal-url", "dichvucong"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("không phải địa chỉ cổng hợp lệ"),
        "{}",
        stderr(&out)
    );

    let out = gocua(dir.path(), &["--lang", "en", "config", "language", "fr"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is not supported"),
        "{}",
        stderr(&out)
    );
    Ok(())
}

#[test]
fn probe_reports_offline_when_no_portal_listens() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let set = gocua(
        dir.path(),
        &["config", "portal-url", &format!("http://127.0.0.1:{port}")],
    );
    assert!(set.status.success(), "{}", stderr(&set));
    let out = gocua(dir.path(), &["probe", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let result: serde_json::Value = serde_json::from_str(&stdout(&out))?;
    assert_eq!(result["connectivity"], "offline");
    Ok(())
}

#[test]
fn catalog_search_json_puts_the_right_procedure_first() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let out = gocua(
        dir.path(),
        &[
            "catalog",
            "search",
            "doi bang lai",
            "--limit",
            "3",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let hits: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out))?;
    assert!(!hits.is_empty() && hits.len() <= 3);
    assert_eq!(hits[0]["code"], "GC-GPLX");
    assert!(
        hits[0]["name"]
            .as_str()
            .is_some_and(|n| n.contains("giấy phép lái xe"))
    );
    assert!(hits[0]["score"].as_f64().is_some());
    Ok(())
}

#[test]
fn catalog_show_and_import_errors() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let shown = gocua(dir.path(), &["catalog", "show", "GC-KHAISINH", "--json"]);
    assert!(shown.status.success(), "{}", stderr(&shown));
    let p: serde_json::Value = serde_json::from_str(&stdout(&shown))?;
    assert_eq!(p["name"]["vi"], "Đăng ký khai sinh");
    // No fee line in an unchecked pack is no information: never "free".
    let death = gocua(dir.path(), &["catalog", "show", "GC-KHAITU"]);
    assert!(death.status.success(), "{}", stderr(&death));
    assert!(
        stdout(&death).contains("Chưa có thông tin về phí, lệ phí"),
        "{}",
        stdout(&death)
    );
    assert!(!stdout(&death).contains("Miễn phí"), "{}", stdout(&death));

    let missing = gocua(dir.path(), &["catalog", "show", "NOPE"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("Không tìm thấy"),
        "{}",
        stderr(&missing)
    );

    let bad = dir.path().join("bad-pack.json");
    std::fs::write(
        &bad,
        r#"{"format":"gocua-catalogue","format_version":1,"pack_id":"x","version":"two"}"#,
    )?;
    let out = gocua(
        dir.path(),
        &["catalog", "import", bad.to_str().unwrap_or_default()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("chưa được ký"), "{}", stderr(&out));
    let out = gocua(
        dir.path(),
        &[
            "catalog",
            "import",
            "--unsigned",
            bad.to_str().unwrap_or_default(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("“version”"), "{}", stderr(&out));

    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/catalogue/vn-national.json");
    let again = gocua(
        dir.path(),
        &[
            "catalog",
            "import",
            "--unsigned",
            shipped.to_str().unwrap_or_default(),
        ],
    );
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stdout(&again).contains("đã được cài trước đó"),
        "{}",
        stdout(&again)
    );
    Ok(())
}

fn gocua_stdin(data_dir: &std::path::Path, args: &[&str], input: &str) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gocua"))
        .args(args)
        .env("GOCUA_DATA_DIR", data_dir)
        .env("GOCUA_PASSPHRASE", PASSPHRASE)
        .env_remove("GOCUA_LANG")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run gocua: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input.as_bytes())
            .unwrap_or_else(|e| panic!("stdin: {e}"));
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("gocua: {e}"))
}

#[test]
fn cccd_parse_reads_an_argument_or_stdin_and_explains_refusals()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let line = "079303001234||Trần Thị B|23072003|Nữ|Ấp 3, Xã Hòa Mỹ, Huyện Cái Nước, Tỉnh Cà Mau|10082021\r\n";
    let out = gocua_stdin(dir.path(), &["cccd", "parse", "--json"], line);
    assert!(out.status.success(), "{}", stderr(&out));
    let card: serde_json::Value = serde_json::from_str(&stdout(&out))?;
    assert_eq!(card["id"], "079303001234");
    assert_eq!(card["old_id"], serde_json::Value::Null);
    assert_eq!(card["name"], "Trần Thị B");
    assert_eq!(card["birth_date"], "2003-07-23");
    assert_eq!(card["sex"], "Nữ");
    assert_eq!(card["issue_date"], "2021-08-10");

    let bad = gocua(
        dir.path(),
        &[
            "cccd",
            "parse",
            "079203001234||Trần Thị B|23072003|Nữ|Cà Mau|10082021",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("không khớp với năm sinh và giới tính"),
        "{}",
        stderr(&bad)
    );

    // Parsing stores nothing: no citizen without consent.
    let list = gocua(dir.path(), &["citizen", "list", "--json"]);
    assert!(list.status.success(), "{}", stderr(&list));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&stdout(&list))?,
        serde_json::json!([])
    );
    Ok(())
}

#[test]
fn the_data_directory_is_encrypted_and_needs_the_passphrase()
-> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let set = gocua(
        dir.path(),
        &["config", "portal-url", "https://bi-mat.example:8787"],
    );
    assert!(set.status.success(), "{}", stderr(&set));
    for entry in std::fs::read_dir(dir.path())? {
        let bytes = std::fs::read(entry?.path())?;
        assert!(
            !bytes.windows(7).any(|w| w == b"bi-mat."),
            "plaintext in the data directory"
        );
    }
    let wrong = Command::new(env!("CARGO_BIN_EXE_gocua"))
        .args(["info"])
        .env("GOCUA_DATA_DIR", dir.path())
        .env("GOCUA_PASSPHRASE", "sai mật khẩu")
        .env_remove("GOCUA_LANG")
        .output()?;
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        stderr(&wrong).contains("Mật khẩu bảo vệ dữ liệu không đúng"),
        "{}",
        stderr(&wrong)
    );
    Ok(())
}

/// `outbox --retry` makes every unfinished operation due at once and
/// prints the queue (the benchmark of re-registration lives in
/// `cargo bench -p gocua-api --bench sync -- --reregister`; the guarantees
/// it measures are tested in gocua-api's sync tests).
#[test]
fn outbox_retry_prints_the_queue() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let retry = gocua(dir.path(), &["outbox", "--retry", "--json"]);
    assert!(retry.status.success(), "{}", stderr(&retry));
    let o: serde_json::Value = serde_json::from_str(&stdout(&retry))?;
    assert_eq!(o["quarantined"], 0);
    assert_eq!(o["pending"], 0);
    Ok(())
}

/// A province makes a key, signs its pack and gives the public key to the
/// team; a lead trusts it and the pack installs. Changed after signing, or
/// before the key is trusted, it is refused.
#[test]
fn a_signed_pack_installs_once_its_key_is_trusted() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = |name: &str| dir.path().join(name).display().to_string();
    let made = gocua(
        dir.path(),
        &["catalog", "keygen", "--out", &path("province.key")],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let public = stdout(&made)
        .split_whitespace()
        .find(|w| w.len() == 64 && w.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or("no public key printed")?
        .to_owned();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(path("province.key"))?
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "the secret key is private");
    }
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/catalogue/vn-national.json");
    let mut pack: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(shipped)?)?;
    // The province's own pack: a key a lead adds never signs the national one.
    let national = pack.clone();
    let version = 1;
    pack["pack_id"] = "vn-01".into();
    pack["version"] = version.into();
    // Signs `name`.json with the province's key into `name`.signed.json.
    let sign = |name: &str, pack: &serde_json::Value| -> std::io::Result<()> {
        std::fs::write(path(&format!("{name}.json")), pack.to_string())?;
        let signed = gocua(
            dir.path(),
            &[
                "catalog",
                "sign",
                &path(&format!("{name}.json")),
                "--key",
                &path("province.key"),
                "--out",
                &path(&format!("{name}.signed.json")),
            ],
        );
        assert!(signed.status.success(), "{}", stderr(&signed));
        Ok(())
    };
    sign("pack", &pack)?;

    let early = gocua(
        dir.path(),
        &["catalog", "import", &path("pack.signed.json")],
    );
    assert_eq!(early.status.code(), Some(2), "{}", stderr(&early));
    assert!(
        stderr(&early).contains("chưa tin cậy"),
        "{}",
        stderr(&early)
    );
    let trust = gocua(
        dir.path(),
        &[
            "catalog",
            "trust-key",
            &public,
            "--name",
            "Sở KH&CN tỉnh thử",
        ],
    );
    assert!(trust.status.success(), "{}", stderr(&trust));
    let changed = std::fs::read_to_string(path("pack.signed.json"))?
        .replace("Đăng ký khai sinh", "Đăng ký khai sinh (sửa)");
    std::fs::write(path("changed.json"), changed)?;
    let refused = gocua(dir.path(), &["catalog", "import", &path("changed.json")]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("bị sửa"), "{}", stderr(&refused));
    let ok = gocua(
        dir.path(),
        &["catalog", "import", &path("pack.signed.json")],
    );
    assert!(ok.status.success(), "{}", stderr(&ok));
    let packs = gocua(dir.path(), &["catalog", "packs", "--json"]);
    let packs: serde_json::Value = serde_json::from_str(&stdout(&packs))?;
    assert_eq!(packs[0]["pack_id"], "vn-01");
    assert_eq!(packs[0]["version"], version);

    // The same key signing the national catalogue: refused, in words.
    let mut bumped = national;
    bumped["version"] = (bumped["version"].as_u64().ok_or("version")? + 1).into();
    sign("national", &bumped)?;
    let refused = gocua(
        dir.path(),
        &["catalog", "import", &path("national.signed.json")],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("không được phép ký"),
        "{}",
        stderr(&refused)
    );
    Ok(())
}

/// A dossier can be started, answered, checked and queued from a script:
/// each step is a command, and a dossier that is not complete is refused
/// with what is missing.
#[test]
fn a_dossier_is_worked_on_headless() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let refused = gocua(dir.path(), &["dossier", "create", "GC-GPLX"]);
    assert_eq!(refused.status.code(), Some(1), "no consent recorded");
    assert!(
        stderr(&refused).contains("chưa đồng ý"),
        "{}",
        stderr(&refused)
    );
    let made = gocua(
        dir.path(),
        &["dossier", "create", "GC-GPLX", "--consent-dossiers"],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let id = stdout(&made).trim().to_owned();
    assert_eq!(id.len(), 36, "{id}");

    let shown = gocua(dir.path(), &["dossier", "show", &id, "--json"]);
    let view: serde_json::Value = serde_json::from_str(&stdout(&shown))?;
    let field = view["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["pages"].as_array().into_iter().flatten())
        .flat_map(|p| p["fields"].as_array().into_iter().flatten())
        .find(|f| f["kind"] == "text")
        .and_then(|f| f["id"].as_str())
        .ok_or("a text field")?
        .to_owned();
    let set = gocua(dir.path(), &["dossier", "set", &id, &field, "Hà Nội"]);
    assert!(set.status.success(), "{}", stderr(&set));
    let shown = gocua(dir.path(), &["dossier", "show", &id, "--json"]);
    let view: serde_json::Value = serde_json::from_str(&stdout(&shown))?;
    assert_eq!(view["answers"]["values"][&field], "Hà Nội");

    let ready = gocua(dir.path(), &["dossier", "ready", &id]);
    assert_eq!(ready.status.code(), Some(2));
    assert!(stderr(&ready).contains("chưa đủ"), "{}", stderr(&ready));
    let queued = gocua(dir.path(), &["dossier", "queue", &id]);
    assert_eq!(queued.status.code(), Some(2), "a draft is not queued");
    Ok(())
}

/// Every command the window can call is reachable from the command line,
/// by the same declaration: `gocua commands` lists them all, `gocua call`
/// runs one with a JSON request, and a bad name or request is refused with
/// a correctable-input exit code.
#[test]
fn every_declared_command_is_callable_by_name() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let listed = gocua(dir.path(), &["commands"]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let names: Vec<String> = stdout(&listed)
        .lines()
        .filter_map(|l| l.split('\t').next().map(str::to_owned))
        .collect();
    let declared: Vec<&str> = gocua_api::surface::COMMANDS
        .iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, declared);
    for must in ["dossier_queue", "dossier_set", "outbox_release", "sync_now"] {
        assert!(names.iter().any(|n| n == must), "{must}");
    }

    let info = gocua(dir.path(), &["call", "app_info"]);
    assert!(info.status.success(), "{}", stderr(&info));
    let info: serde_json::Value = serde_json::from_str(&stdout(&info))?;
    assert_eq!(info["language"], "vi");

    let hits = gocua(
        dir.path(),
        &[
            "call",
            "catalog_search",
            r#"{"query":"doi bang lai","limit":3}"#,
        ],
    );
    assert!(hits.status.success(), "{}", stderr(&hits));
    let hits: serde_json::Value = serde_json::from_str(&stdout(&hits))?;
    assert!(hits.as_array().is_some_and(|h| !h.is_empty()), "{hits}");

    let unknown = gocua(dir.path(), &["call", "no_such_command"]);
    assert!(!unknown.status.success());
    let bad = gocua(dir.path(), &["call", "catalog_search", r#"{"query":1}"#]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
    assert!(
        stderr(&bad).contains("Yêu cầu không đúng dạng"),
        "{}",
        stderr(&bad)
    );
    Ok(())
}

/// A laptop run only headless keeps the consent text's promise: `gocua sync`
/// runs the same background schedule as the window, so it purges citizens
/// past retention and sweeps hand-off files left behind, by itself.
#[test]
fn a_headless_laptop_purges_and_sweeps_on_its_own() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let seed = gocua(dir.path(), &["demo", "seed", "--citizens", "40"]);
    assert!(seed.status.success(), "{}", stderr(&seed));
    let count = |dir: &std::path::Path| -> Result<usize, Box<dyn std::error::Error>> {
        let list = gocua(dir, &["citizen", "list", "--json"]);
        assert!(list.status.success(), "{}", stderr(&list));
        let v: serde_json::Value = serde_json::from_str(&stdout(&list))?;
        Ok(v.as_array().map_or(0, Vec::len))
    };
    let before = count(dir.path())?;
    assert_eq!(before, 40);
    // A hand-off folder two days old (a hand-off never recorded).
    let left = dir.path().join("handoff").join("left-behind");
    std::fs::create_dir_all(&left)?;
    std::fs::write(left.join("giay-to.jpg"), b"jpeg")?;
    let two_days_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 86_400);
    std::fs::File::open(&left)?.set_modified(two_days_ago)?;

    let mut daemon = Command::new(env!("CARGO_BIN_EXE_gocua"))
        .args(["sync", "--daemon"])
        .env("GOCUA_DATA_DIR", dir.path())
        .env("GOCUA_PASSPHRASE", PASSPHRASE)
        // No portal answers there: the passes fail and are tried again.
        .env("GOCUA_PORTAL_URL", "http://127.0.0.1:9/")
        .env("GOCUA_SYNC_SECONDS", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while left.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let swept = !left.exists();
    // Still running: the daemon lives until stopped.
    let alive = daemon.try_wait()?.is_none();
    daemon.kill()?;
    daemon.wait()?;
    assert!(swept, "the hand-off folder was swept by the daemon");
    assert!(alive, "the daemon keeps running after its first round");
    let after = count(dir.path())?;
    assert!(
        after < before,
        "citizens past retention were purged ({before} → {after})"
    );
    Ok(())
}
