//! Crash test: a child process types into a dossier as fast as it can,
//! printing `ack N` after each autosave returns; the parent SIGKILLs it at a
//! random moment, reopens the data directory and checks that every
//! acknowledged edit is there. Many rounds, on the same database.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gocua_api::dto::{DossierCreate, DossierRef, DossierSet};
use gocua_api::{Ctx, CtxOptions};

const CHILD_ENV: &str = "GOCUA_CRASH_CHILD_DIR";
const PATHS: [&str; 4] = [
    "applicant_name",
    "applicant_phone",
    "request_content",
    "agency",
];

/// The child's body; a no-op unless the parent started this process.
#[test]
fn child_types_until_killed() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let ctx = Ctx::open(CtxOptions::for_tests(&dir)).unwrap();
    let id_file = dir.join("dossier-id");
    let id = match std::fs::read_to_string(&id_file) {
        Ok(id) => id,
        Err(_) => {
            let v = gocua_api::dossier_create(
                &ctx,
                DossierCreate {
                    procedure_code: "GC-TAMTRU".into(),
                    citizen: None,
                    visit: None,
                    force: false,
                    consent: vec![
                        gocua_api::dto::ConsentPurposeCode::Dossiers,
                        gocua_api::dto::ConsentPurposeCode::DocumentImages,
                    ],
                },
            )
            .unwrap()
            .dossier
            .unwrap();
            std::fs::write(&id_file, &v.id).unwrap();
            v.id
        }
    };
    // Open it, as the volunteer does before typing: what is loaded once per
    // run (forms, the catalogue, the administrative units) is loaded before
    // "ready", so that the kill falls among edits, not among first loads.
    gocua_api::dossier_open(&ctx, gocua_api::dto::DossierRef { id: id.clone() }).unwrap();
    let start: u64 = std::env::var("GOCUA_CRASH_START").unwrap().parse().unwrap();
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready").unwrap();
    out.flush().unwrap();
    for n in start.. {
        let path = PATHS[(n % PATHS.len() as u64) as usize];
        gocua_api::dossier_set(
            &ctx,
            DossierSet {
                id: id.clone(),
                path: path.into(),
                value: format!("v{n}"),
            },
        )
        .unwrap();
        writeln!(out, "ack {n}").unwrap();
        out.flush().unwrap();
    }
}

#[cfg(unix)]
#[test]
fn every_acknowledged_edit_survives_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64
        | 1;
    let mut random = move |below: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below
    };
    let rounds = 25;
    let mut next = 0u64;
    let mut total_acked = 0u64;
    for round in 0..rounds {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "child_types_until_killed",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .env("GOCUA_CRASH_START", next.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<u64>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("ack ").and_then(|n| n.parse().ok()) {
                    let _ = tx.send(n);
                } else if line.ends_with("ready") {
                    let _ = tx.send(u64::MAX);
                }
            }
        });
        // Wait until it types, then kill it at a random moment.
        let deadline = Instant::now() + Duration::from_secs(60);
        while rx.recv_timeout(Duration::from_secs(60)).ok() != Some(u64::MAX) {
            assert!(Instant::now() < deadline, "child never became ready");
        }
        std::thread::sleep(Duration::from_millis(5 + random(150)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        let acked: Vec<u64> = rx.try_iter().filter(|n| *n != u64::MAX).collect();
        total_acked += acked.len() as u64;

        // Every path holds its last acknowledged value, or a later one whose
        // commit happened but whose "ack" was cut off by the kill.
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path())).unwrap();
        let id = std::fs::read_to_string(dir.path().join("dossier-id")).unwrap();
        let v = gocua_api::dossier_open(&ctx, DossierRef { id }).unwrap();
        for (k, path) in PATHS.iter().enumerate() {
            let last_acked = acked
                .iter()
                .rev()
                .find(|n| (**n % PATHS.len() as u64) as usize == k);
            let stored = v
                .answers
                .values
                .get(*path)
                .and_then(|s| s.strip_prefix('v'))
                .and_then(|n| n.parse::<u64>().ok());
            if let Some(want) = last_acked {
                let got =
                    stored.unwrap_or_else(|| panic!("round {round}: {path} lost (acked v{want})"));
                assert!(
                    got >= *want,
                    "round {round}: {path} = v{got}, but v{want} was acknowledged"
                );
            }
        }
        next = acked.last().map_or(next, |n| n + 1) + 1000;
    }
    eprintln!("{total_acked} acknowledged edits over {rounds} kills, none lost");
    assert!(
        total_acked > rounds as u64,
        "the child barely typed: {total_acked} edits"
    );
}
