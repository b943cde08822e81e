//! A throwaway PostgreSQL cluster for one test: `initdb` in a temporary
//! directory, `pg_ctl start` on a free loopback port, stopped and removed
//! when dropped. Debian's server (`postgresql` package) is required; as
//! root its tools run as the `postgres` user, since PostgreSQL refuses root.
//! `GOCUA_TEST_DATABASE_URL` points the tests at an existing server
//! instead (each test still gets a database of its own).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Cluster {
    dir: Option<tempfile::TempDir>,
    bin: PathBuf,
    as_postgres: bool,
    /// Connection string of the cluster's `postgres` database.
    pub admin_url: String,
}

fn bin_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("GOCUA_PG_BIN") {
        return PathBuf::from(dir);
    }
    for v in ["17", "16", "15"] {
        let d = PathBuf::from(format!("/usr/lib/postgresql/{v}/bin"));
        if d.join("initdb").exists() {
            return d;
        }
    }
    panic!(
        "PostgreSQL is not installed: `apt-get install postgresql` (scripts/test.sh does), \
         or set GOCUA_TEST_DATABASE_URL"
    );
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// `program`, run as the `postgres` user when we are root.
fn command(as_postgres: bool, program: &Path) -> Command {
    if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn run(as_postgres: bool, program: &Path, args: &[&str]) {
    let status = command(as_postgres, program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("{}: {e}", program.display()));
    assert!(status.success(), "{} {args:?} failed", program.display());
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Cluster {
    pub fn start() -> Cluster {
        if let Ok(url) = std::env::var("GOCUA_TEST_DATABASE_URL") {
            return Cluster {
                dir: None,
                bin: PathBuf::new(),
                as_postgres: false,
                admin_url: url,
            };
        }
        let bin = bin_dir();
        let as_postgres = is_root();
        let dir = tempfile::tempdir().unwrap();
        if as_postgres {
            run(
                false,
                Path::new("chown"),
                &["postgres", dir.path().to_str().unwrap()],
            );
        }
        let data = dir.path().join("db");
        let data_s = data.to_str().unwrap().to_owned();
        run(
            as_postgres,
            &bin.join("initdb"),
            &[
                "-D",
                &data_s,
                "-A",
                "trust",
                "-U",
                "gocua",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        let port = free_port();
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            dir.path().display()
        );
        let log = dir.path().join("log");
        run(
            as_postgres,
            &bin.join("pg_ctl"),
            &[
                "-D",
                &data_s,
                "-o",
                &options,
                "-l",
                log.to_str().unwrap(),
                "-w",
                "start",
            ],
        );
        Cluster {
            dir: Some(dir),
            bin,
            as_postgres,
            admin_url: format!("host=127.0.0.1 port={port} user=gocua dbname=postgres"),
        }
    }

    /// A new, empty database on the cluster: its connection string.
    pub async fn database(&self, name: &str) -> String {
        let (client, conn) = tokio_postgres::connect(&self.admin_url, tokio_postgres::NoTls)
            .await
            .unwrap();
        tokio::spawn(conn);
        for sql in [
            format!("DROP DATABASE IF EXISTS {name}"),
            format!("CREATE DATABASE {name}"),
        ] {
            client.batch_execute(&sql).await.unwrap();
        }
        match self.admin_url.contains("dbname=") {
            true => self
                .admin_url
                .replace("dbname=postgres", &format!("dbname={name}")),
            false => format!("{} dbname={name}", self.admin_url),
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if let Some(dir) = &self.dir {
            let data = dir.path().join("db");
            let _ = if self.as_postgres {
                Command::new("runuser")
                    .args(["-u", "postgres", "--"])
                    .arg(self.bin.join("pg_ctl"))
                    .args([
                        "-D",
                        data.to_str().unwrap_or_default(),
                        "-m",
                        "immediate",
                        "stop",
                    ])
                    .status()
            } else {
                Command::new(self.bin.join("pg_ctl"))
                    .args([
                        "-D",
                        data.to_str().unwrap_or_default(),
                        "-m",
                        "immediate",
                        "stop",
                    ])
                    .status()
            };
        }
    }
}
