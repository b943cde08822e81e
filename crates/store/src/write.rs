//! Writing: one `BEGIN IMMEDIATE` transaction that every table's write
//! handle joins ([`Write`]), the reads inside it ([`Read`]), the savepoint a
//! multi-statement write method runs in, and reading a closed set's spelling.

use rusqlite::Connection;

use crate::Result;
use crate::table::attachment::AttachmentsMut;
use crate::table::audit::AuditMut;
use crate::table::catalogue::CatalogueMut;
use crate::table::citizen::{Citizens, CitizensMut};
use crate::table::dossier::{Dossiers, DossiersMut};
use crate::table::hub::HubMut;
use crate::table::operator::{Operators, OperatorsMut};
use crate::table::outbox::OutboxMut;
use crate::table::setting::{Settings, SettingsMut};
use crate::table::visit::{Visits, VisitsMut};

/// One write transaction (`BEGIN IMMEDIATE`) that every table's write
/// handle joins; see the crate doc. Dropped without [`Write::commit`], it
/// rolls back everything written through it.
#[derive(Debug)]
pub struct Write<'s> {
    tx: rusqlite::Transaction<'s>,
}

impl<'s> Write<'s> {
    pub(crate) fn new(tx: rusqlite::Transaction<'s>) -> Self {
        Write { tx }
    }

    /// Dossiers: create, save, transition, delete.
    pub fn dossiers(&self) -> DossiersMut<'_> {
        DossiersMut::new(&self.tx)
    }

    /// Papers of dossiers.
    pub fn attachments(&self) -> AttachmentsMut<'_> {
        AttachmentsMut::new(&self.tx)
    }

    /// The outbox.
    pub fn outbox(&self) -> OutboxMut<'_> {
        OutboxMut::new(&self.tx)
    }

    /// Citizens and their consents.
    pub fn citizens(&self) -> CitizensMut<'_> {
        CitizensMut::new(&self.tx)
    }

    /// Visits.
    pub fn visits(&self) -> VisitsMut<'_> {
        VisitsMut::new(&self.tx)
    }

    /// Settings.
    pub fn settings(&self) -> SettingsMut<'_> {
        SettingsMut::new(&self.tx)
    }

    /// The catalogue.
    pub fn catalogue(&self) -> CatalogueMut<'_> {
        CatalogueMut::new(&self.tx)
    }

    /// Operators.
    pub fn operators(&self) -> OperatorsMut<'_> {
        OperatorsMut::new(&self.tx)
    }

    /// The team hub's enrolment and pending records.
    pub fn hub(&self) -> HubMut<'_> {
        HubMut::new(&self.tx)
    }

    /// Hand-overs of drafts, and the import of a received one.
    pub fn handovers(&self) -> crate::table::handover::HandoversMut<'_> {
        crate::table::handover::HandoversMut::new(&self.tx)
    }

    /// The audit log (append only).
    pub fn audit(&self) -> AuditMut<'_> {
        AuditMut::new(&self.tx)
    }

    /// Reads as this transaction sees them.
    pub fn read(&self) -> Read<'_> {
        Read { conn: &self.tx }
    }

    /// Makes every change durable at once.
    pub fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }
}

/// Read handles inside a [`Write`] transaction (they see its own changes).
#[derive(Debug, Clone, Copy)]
pub struct Read<'a> {
    conn: &'a Connection,
}

impl<'a> Read<'a> {
    /// Settings.
    pub fn settings(&self) -> Settings<'a> {
        Settings::new(self.conn)
    }

    /// Dossiers.
    pub fn dossiers(&self) -> Dossiers<'a> {
        Dossiers::new(self.conn)
    }

    /// Citizens.
    pub fn citizens(&self) -> Citizens<'a> {
        Citizens::new(self.conn)
    }

    /// Visits.
    pub fn visits(&self) -> Visits<'a> {
        Visits::new(self.conn)
    }

    /// Operators.
    pub fn operators(&self) -> Operators<'a> {
        Operators::new(self.conn)
    }
}

/// Runs `f` in a savepoint of the current transaction: released when it
/// succeeds, rolled back (only what `f` wrote) when it fails.
pub(crate) fn savepoint<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.execute_batch("SAVEPOINT handle")?;
    match f() {
        Ok(v) => {
            conn.execute_batch("RELEASE handle")?;
            Ok(v)
        }
        Err(e) => {
            // The transaction may already be gone (SQLite rolls back on some
            // errors); the original error is the one to report.
            let _ = conn.execute_batch("ROLLBACK TO handle; RELEASE handle");
            Err(e)
        }
    }
}

/// Reads column `idx` as one of a closed set's spellings; anything else is
/// a conversion error (a damaged or foreign database), never a default.
pub(crate) fn parsed<T>(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<T>
where
    T: std::str::FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let spelled: String = row.get(idx)?;
    spelled.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}
