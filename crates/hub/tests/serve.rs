//! The operator's commands around a running hub, through the real binary:
//! `serve` writes its own pid once it holds the port; `status` says so (exit
//! 0) or says it is not running (exit 3); a second `serve` on a taken port
//! fails at once, in words, instead of a start reported as a success; `stop`
//! stops the hub the pid file names and waits for it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pg;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn hub(url: &str, data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gocua-hub"));
    c.args(args)
        .env("DATABASE_URL", url)
        .env("GOCUA_HUB_DATA_DIR", data)
        .env_remove("GOCUA_HUB_LISTEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

fn status(url: &str, data: &Path) -> (Option<i32>, String) {
    let out = hub(url, data, &["status"]).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).trim().to_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hub_is_started_checked_and_stopped_by_its_own_pid() {
    let cluster = pg::Cluster::start();
    let url = cluster.database("serve").await;
    let data = tempfile::tempdir().unwrap();
    assert_eq!(status(&url, data.path()), (Some(3), "not running".into()));

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let mut first = hub(&url, data.path(), &["serve", "--listen", &listen])
        .spawn()
        .unwrap();
    let started = Instant::now();
    let pid = loop {
        if let (Some(0), said) = status(&url, data.path()) {
            break said;
        }
        assert!(first.try_wait().unwrap().is_none(), "the hub exited");
        assert!(started.elapsed() < Duration::from_secs(30), "no start");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(pid, format!("running (pid {})", first.id()));

    // A second hub on the same port: refused at once, saying why.
    let second = hub(&url, data.path(), &["serve", "--listen", &listen])
        .output()
        .unwrap();
    assert!(!second.status.success());
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(said.contains("cannot listen on"), "{said}");
    assert!(said.contains("already running"), "{said}");
    // … and the running hub's pid file still names the running hub.
    assert_eq!(status(&url, data.path()).1, pid);

    let stopped = hub(&url, data.path(), &["stop"]).output().unwrap();
    assert!(stopped.status.success(), "{stopped:?}");
    assert_eq!(
        String::from_utf8_lossy(&stopped.stdout).trim(),
        format!("stopped (pid {})", first.id())
    );
    assert!(first.wait().unwrap().success(), "a graceful stop");
    assert_eq!(status(&url, data.path()), (Some(3), "not running".into()));
    assert!(!data.path().join("hub.pid").exists(), "the pid file goes");
}
