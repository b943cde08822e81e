//! The consent rule the tables share: whether a purpose is in force for a
//! citizen or for a dossier (its citizen's, or its own when it has none),
//! whether a dossier may be sent, and the collection of photos nothing
//! refers to any more. It sits above the table modules and imports none of
//! them, so attachments, citizens, dossiers and the outbox each ask it
//! instead of each other.

use rusqlite::{Connection, OptionalExtension, params};

use gocua_core::visit::ConsentPurpose;

use crate::{Error, Result};

/// Whether `citizen`'s latest decision on `purpose` is a grant still in force.
pub(crate) fn has_consent(
    conn: &Connection,
    citizen: i64,
    purpose: ConsentPurpose,
) -> Result<bool> {
    in_force(
        conn,
        "SELECT granted, withdrawn_at FROM consent WHERE citizen = ?1 AND purpose = ?2
         ORDER BY id DESC LIMIT 1",
        &citizen,
        purpose,
    )
}

/// Whether the latest decision `latest_sql` finds for (`subject`, `purpose`)
/// — a `(granted, withdrawn_at)` row — is a grant still in force. Shared by
/// citizens' consents and the consents recorded on citizen-less dossiers.
pub(crate) fn in_force(
    conn: &Connection,
    latest_sql: &str,
    subject: &dyn rusqlite::ToSql,
    purpose: ConsentPurpose,
) -> Result<bool> {
    let latest: Option<(bool, Option<String>)> = conn
        .prepare_cached(latest_sql)?
        .query_row(params![subject, purpose.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(matches!(latest, Some((true, None))))
}

/// Refuses with [`Error::NoConsent`] unless `dossier` may be sent.
pub(crate) fn check_sendable(conn: &Connection, dossier: &str) -> Result<()> {
    if !dossier_consent(conn, dossier, ConsentPurpose::Dossiers)? {
        return Err(Error::NoConsent(ConsentPurpose::Dossiers));
    }
    let photos: i64 = conn.query_row(
        "SELECT COUNT(*) FROM attachment WHERE dossier = ?1",
        [dossier],
        |r| r.get(0),
    )?;
    if photos > 0 && !dossier_consent(conn, dossier, ConsentPurpose::DocumentImages)? {
        return Err(Error::NoConsent(ConsentPurpose::DocumentImages));
    }
    Ok(())
}

/// Whether `purpose` is in force for `dossier`: its citizen's consent, or
/// the dossier's own when it has no stored citizen.
pub(crate) fn dossier_consent(
    conn: &Connection,
    dossier: &str,
    purpose: ConsentPurpose,
) -> Result<bool> {
    let citizen: Option<Option<i64>> = conn
        .prepare_cached("SELECT citizen FROM dossier WHERE id = ?1")?
        .query_row([dossier], |r| r.get(0))
        .optional()?;
    match citizen {
        None => Ok(false),
        Some(Some(citizen)) => has_consent(conn, citizen, purpose),
        Some(None) => in_force(
            conn,
            "SELECT granted, withdrawn_at FROM dossier_consent
             WHERE dossier = ?1 AND purpose = ?2 ORDER BY id DESC LIMIT 1",
            &dossier,
            purpose,
        ),
    }
}

/// Deletes blobs no attachment refers to (after attachments were deleted,
/// directly or through a cascade from a dossier or citizen).
pub(crate) fn collect_blobs(conn: &Connection) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM blob WHERE NOT EXISTS (SELECT 1 FROM attachment a WHERE a.sha256 = blob.sha256)",
        [],
    )?)
}
