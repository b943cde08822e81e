//! Who is acting (the signed-in operator, else the last one named) and the
//! audited reads: every read of a citizen's data leaves a row in the chain.

use crate::clock::stamp;
use crate::{Ctx, Result};
use gocua_store::{AuditEntry, SettingKey};

pub(crate) fn operator_name(ctx: &Ctx) -> Result<String> {
    operator_name_in(&*ctx.store()?)
}

/// The operator recorded in consents and the audit log ("—" when unknown).
pub(crate) fn operator_name_in(store: &gocua_store::Store) -> Result<String> {
    Ok(store
        .settings()
        .get(SettingKey::OperatorName)?
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "—".to_owned()))
}

/// Records an audited read or export of a citizen's data.
pub(crate) fn audit_read(ctx: &Ctx, action: &str, subject: &str) -> Result<()> {
    let now = stamp(ctx.now());
    let operator = operator_name(ctx)?;
    ctx.store()?.audit_append(&AuditEntry {
        at: &now,
        operator: &operator,
        action,
        subject,
    })?;
    Ok(())
}
