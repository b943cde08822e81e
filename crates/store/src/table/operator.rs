//! The `operator` table: who may use the app, with their role, PIN hash and
//! wrong-PIN counter.

use rusqlite::{Connection, OptionalExtension, Row, params};

use gocua_core::operator::Role;

use crate::Result;

/// A stored operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorRow {
    /// Row id.
    pub id: i64,
    /// Display name (unique).
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// Argon2id PHC string.
    pub pin_hash: String,
    /// Consecutive wrong PINs.
    pub failures: u32,
    /// No attempt is accepted before this time (RFC 3339).
    pub locked_until: Option<String>,
    /// When added.
    pub created_at: String,
}

fn row(r: &Row<'_>) -> rusqlite::Result<OperatorRow> {
    Ok(OperatorRow {
        id: r.get(0)?,
        name: r.get(1)?,
        role: crate::parsed(r, 2)?,
        pin_hash: r.get(3)?,
        failures: r.get(4)?,
        locked_until: r.get(5)?,
        created_at: r.get(6)?,
    })
}

const COLUMNS: &str = "id, name, role, pin_hash, failures, locked_until, created_at";

/// Read handle on operators.
#[derive(Debug)]
pub struct Operators<'a> {
    conn: &'a Connection,
}

impl<'a> Operators<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Operators { conn }
    }

    /// All operators by name.
    pub fn list(&self) -> Result<Vec<OperatorRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM operator ORDER BY name"))?;
        let rows = stmt.query_map([], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether there is any operator at all (one indexed probe, not the list).
    pub fn any(&self) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM operator)")?
            .query_row([], |r| r.get(0))?)
    }

    /// One operator by name.
    pub fn by_name(&self, name: &str) -> Result<Option<OperatorRow>> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM operator WHERE name = ?1"))?
            .query_row([name], row)
            .optional()?)
    }
}

/// Write handle on operators, joined to a [`crate::Write`] transaction.
#[derive(Debug)]
pub struct OperatorsMut<'a> {
    conn: &'a Connection,
}

impl<'a> OperatorsMut<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        OperatorsMut { conn }
    }

    /// Adds an operator; false if the name is taken.
    pub fn add(&self, name: &str, role: Role, pin_hash: &str, now: &str) -> Result<bool> {
        Ok(self.conn.execute(
            "INSERT INTO operator (name, role, pin_hash, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO NOTHING",
            params![name, role.as_str(), pin_hash, now],
        )? > 0)
    }

    /// Records a wrong PIN: the new failure count and lock-out end.
    pub fn record_failure(&self, id: i64, failures: u32, locked_until: Option<&str>) -> Result<()> {
        self.conn.execute(
            "UPDATE operator SET failures = ?2, locked_until = ?3 WHERE id = ?1",
            params![id, failures, locked_until],
        )?;
        Ok(())
    }

    /// Sets a new PIN (a lead's reset) and clears any lock-out.
    pub fn set_pin(&self, id: i64, pin_hash: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE operator SET pin_hash = ?2, failures = 0, locked_until = NULL WHERE id = ?1",
            params![id, pin_hash],
        )?;
        Ok(())
    }

    /// Removes an operator; false if there was none by that name. The last
    /// lead is never removed (the laptop would have nobody to manage it):
    /// that is checked in the same statement.
    pub fn remove(&self, name: &str) -> Result<bool> {
        Ok(self.conn.execute(
            "DELETE FROM operator WHERE name = ?1
               AND (role <> ?2 OR (SELECT count(*) FROM operator WHERE role = ?2) > 1)",
            params![name, Role::Lead.as_str()],
        )? > 0)
    }

    /// Adds the first operator, a lead, only while there is none at all
    /// (one statement: two windows cannot both become the first lead).
    pub fn add_first_lead(&self, name: &str, pin_hash: &str, now: &str) -> Result<bool> {
        Ok(self.conn.execute(
            "INSERT INTO operator (name, role, pin_hash, created_at)
             SELECT ?1, ?4, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM operator)",
            params![name, pin_hash, now, Role::Lead.as_str()],
        )? > 0)
    }

    /// Clears the counter after a right PIN.
    pub fn record_success(&self, id: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE operator SET failures = 0, locked_until = NULL WHERE id = ?1",
            [id],
        )?;
        Ok(())
    }
}
