//! Who may call which command: one table, checked in Rust for every call a
//! window makes.
//!
//! A host (the Tauri adapter) never chooses a command's rule: it names the
//! command, and [`crate::surface::check`] looks the rule up in the command's
//! declaration ([`crate::surface::COMMANDS`]) and asks [`allows`] here. An undeclared command is refused. The CLI is run by whoever holds the database key and is
//! not gated (its users are the laptop's owner and scripts).
//!
//! | rule | kiosk | locked | volunteer | lead |
//! |---|---|---|---|---|
//! | [`Access::Anyone`] | yes | yes | yes | yes |
//! | [`Access::Staff`] | no | no | yes | yes |
//! | [`Access::Lead`] | no | no | no | yes |

use crate::{ApiError, Ctx, Result};

/// Who may call a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone at the window, kiosk and lock screen included: the catalogue,
    /// guides, the address converter, the session itself.
    Anyone,
    /// An unlocked volunteer or lead, not in kiosk mode: everything that
    /// reads or changes citizens' data or sends it anywhere.
    Staff,
    /// An unlocked team lead: where data goes (portal URL), what the
    /// catalogue says (pack import), who may work (operators), backups.
    Lead,
}

/// Refuses unless the session allows what `access` says (see the table above).
pub fn allows(ctx: &Ctx, access: Access) -> Result<()> {
    match access {
        Access::Anyone => Ok(()),
        Access::Staff => crate::session::require_staff(ctx),
        Access::Lead => require_lead(ctx),
    }
}

/// Refuses unless a team lead is unlocked.
pub fn require_lead(ctx: &Ctx) -> Result<()> {
    crate::session::require_staff(ctx)?;
    match ctx.session()?.operator {
        Some(op) if op.role == crate::dto::Role::Lead => Ok(()),
        _ => Err(ApiError::Forbidden("lead".into())),
    }
}

#[cfg(test)]
mod tests;
