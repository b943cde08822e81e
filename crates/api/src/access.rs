//! Who may call which command: one table, checked in Rust for every call a
//! window makes.
//!
//! A host (the Tauri adapter) never chooses a command's rule: it names the
//! command, and [`check`] looks the rule up here. A command missing from the
//! table is refused. The CLI is run by whoever holds the database key and is
//! not gated (its users are the laptop's owner and scripts).
//!
//! | rule | kiosk | locked | volunteer | lead |
//! |---|---|---|---|---|
//! | [`Access::Anyone`] | yes | yes | yes | yes |
//! | [`Access::Staff`] | no | no | yes | yes |
//! | [`Access::Lead`] | no | no | no | yes |

use gocua_core::operator::Role;

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

/// Every command a window can call, with its rule. The Tauri handler list
/// is checked against this table by a test in `src-tauri`.
pub const COMMANDS: &[(&str, Access)] = &[
    ("app_info", Access::Anyone),
    ("set_language", Access::Anyone),
    ("set_portal_url", Access::Lead),
    ("probe_portal", Access::Anyone),
    ("catalog_search", Access::Anyone),
    ("catalog_show", Access::Anyone),
    ("catalog_packs", Access::Anyone),
    ("catalog_import", Access::Lead),
    ("units_provinces", Access::Anyone),
    ("units_communes", Access::Anyone),
    ("units_search", Access::Anyone),
    ("units_convert", Access::Anyone),
    ("cccd_parse", Access::Staff),
    ("cccd_check", Access::Staff),
    ("citizen_register", Access::Staff),
    ("citizen_list", Access::Staff),
    ("citizen_show", Access::Staff),
    ("consent_withdraw", Access::Staff),
    ("visit_start", Access::Staff),
    ("visit_update", Access::Staff),
    ("visit_end", Access::Staff),
    ("operator_last", Access::Staff),
    ("guides", Access::Anyone),
    ("consent_receipt", Access::Staff),
    ("consent_receipt_print", Access::Staff),
    ("dossier_checklist_print", Access::Staff),
    ("qr_decode_frame", Access::Staff),
    // Names and roles for the lock screen's picker (no citizen data).
    ("operator_list", Access::Anyone),
    ("session_get", Access::Anyone),
    // A new installation's first lead: refused once any operator exists.
    ("operator_first_lead", Access::Anyone),
    // Activity from the window; an expired session stays locked.
    ("session_touch", Access::Anyone),
    ("operator_add", Access::Lead),
    ("operator_reset_pin", Access::Lead),
    ("operator_remove", Access::Lead),
    ("session_unlock", Access::Anyone),
    ("session_lock", Access::Anyone),
    ("kiosk_enter", Access::Staff),
    ("kiosk_leave", Access::Anyone),
    ("forms_list", Access::Staff),
    ("dossier_create", Access::Staff),
    ("dossier_list", Access::Staff),
    ("dossier_open", Access::Staff),
    ("dossier_set", Access::Staff),
    ("dossier_item", Access::Staff),
    ("dossier_go", Access::Staff),
    ("dossier_mark", Access::Staff),
    ("dossier_ready", Access::Staff),
    ("dossier_upgrade", Access::Staff),
    ("dossier_delete", Access::Staff),
    ("attachment_add", Access::Staff),
    ("attachment_remove", Access::Staff),
    ("attachment_get", Access::Staff),
    ("dossier_checklist", Access::Staff),
    ("report", Access::Staff),
    ("report_export", Access::Staff),
    ("dossier_queue", Access::Staff),
    ("dossier_handoff", Access::Staff),
    ("sync_now", Access::Staff),
    ("outbox_list", Access::Staff),
    ("outbox_retry", Access::Staff),
    ("outbox_release", Access::Staff),
    ("dossier_export_files", Access::Staff),
];

/// The rule of `command`, if it is a window command.
pub fn access_of(command: &str) -> Option<Access> {
    COMMANDS
        .iter()
        .find(|(name, _)| *name == command)
        .map(|(_, access)| *access)
}

/// Refuses `command` unless the session allows it (see the table above).
/// Unknown commands are refused.
pub fn check(ctx: &Ctx, command: &str) -> Result<()> {
    let Some(access) = access_of(command) else {
        return Err(ApiError::Forbidden("unknown-command".into()));
    };
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
        Some(op) if op.role == Role::Lead.as_str() => Ok(()),
        _ => Err(ApiError::Forbidden("lead".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CtxOptions;
    use crate::dto::OperatorUnlock;

    #[derive(Debug, Clone, Copy)]
    enum State {
        Kiosk,
        Locked,
        Volunteer,
        Lead,
    }

    fn expected(access: Access, state: State) -> bool {
        matches!(
            (access, state),
            (Access::Anyone, _)
                | (Access::Staff, State::Volunteer | State::Lead)
                | (Access::Lead, State::Lead)
        )
    }

    /// Every command of the table, in each of the four states.
    #[test]
    fn every_command_is_allowed_exactly_as_the_table_says()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
        for (name, role, pin) in [
            ("Lan", "lead", "480916"),
            ("Minh", "volunteer", "593027"),
            ("Ki-ốt", "kiosk", "735102"),
        ] {
            crate::operator_add(&ctx, crate::operators::op(name, role, pin))?;
        }
        let unlock = |name: &str, pin: &str| {
            crate::session::session_unlock(
                &ctx,
                OperatorUnlock {
                    name: name.into(),
                    pin: pin.into(),
                },
            )
        };
        for state in [State::Locked, State::Kiosk, State::Volunteer, State::Lead] {
            crate::session::session_lock(&ctx)?;
            match state {
                State::Locked => {}
                State::Kiosk => {
                    unlock("Ki-ốt", "735102")?;
                }
                State::Volunteer => {
                    // Leaving kiosk mode (left by the previous state, if any).
                    ctx.set_session(crate::session::Session::default())?;
                    unlock("Minh", "593027")?;
                }
                State::Lead => {
                    unlock("Lan", "480916")?;
                }
            }
            for (name, access) in COMMANDS {
                let allowed = check(&ctx, name).is_ok();
                assert_eq!(
                    allowed,
                    expected(*access, state),
                    "{name} ({access:?}) in {state:?}"
                );
            }
        }
        assert!(check(&ctx, "no_such_command").is_err());
        Ok(())
    }

    /// A new installation is never open: nothing but the first-lead screen
    /// and what anyone may see, until the first lead exists.
    #[test]
    fn a_new_installation_is_locked_until_its_first_lead()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
        let s = crate::session::session_get(&ctx)?;
        assert!(s.locked && s.needs_first_lead);
        for (name, access) in COMMANDS {
            assert_eq!(
                check(&ctx, name).is_ok(),
                *access == Access::Anyone,
                "{name}"
            );
        }
        // The role asked is ignored: the first operator is a lead.
        let lead = crate::operators::op("Lan", "volunteer", "480916");
        let s = crate::session::first_lead(&ctx, lead.clone())?;
        assert!(!s.locked && !s.needs_first_lead);
        assert_eq!(s.operator.map(|o| o.role), Some("lead".into()));
        check(&ctx, "operator_add")?;
        // Only once.
        crate::session::session_lock(&ctx)?;
        assert!(
            crate::session::first_lead(
                &ctx,
                crate::dto::OperatorAdd {
                    name: "Mallory".into(),
                    ..lead
                }
            )
            .is_err()
        );
        assert!(crate::session::session_get(&ctx)?.locked);
        Ok(())
    }

    /// The idle lock holds in Rust: a session nobody touched for the idle
    /// time is locked, whatever the window does.
    #[test]
    fn an_idle_session_expires() -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let now = std::sync::Arc::new(std::sync::Mutex::new(
            time::macros::datetime!(2026-12-01 08:00 UTC),
        ));
        let mut opts = CtxOptions::for_tests(dir.path());
        let clock = now.clone();
        opts.clock = std::sync::Arc::new(move || {
            *clock
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        });
        let ctx = Ctx::open(opts)?;
        crate::session::first_lead(&ctx, crate::operators::op("Lan", "lead", "480916"))?;
        let idle = i64::from(ctx.idle_seconds().0 + crate::session::EXPIRY_GRACE_SECONDS);
        let advance = |secs: i64| {
            let mut t = now
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *t += time::Duration::seconds(secs);
        };
        advance(idle - 10);
        check(&ctx, "citizen_list")?;
        crate::session::session_touch(&ctx)?;
        advance(idle - 10);
        check(&ctx, "citizen_list")?; // touched in between: still open
        advance(20);
        assert_eq!(
            check(&ctx, "citizen_list").err().map(|e| e.code()),
            Some(crate::ErrorCode::Forbidden)
        );
        // A touch after expiry does not reopen it.
        assert!(crate::session::session_touch(&ctx)?.locked);
        Ok(())
    }

    #[test]
    fn where_data_goes_is_a_leads_decision() {
        for name in [
            "set_portal_url",
            "catalog_import",
            "operator_add",
            "operator_remove",
        ] {
            assert_eq!(access_of(name), Some(Access::Lead), "{name}");
        }
        assert_eq!(
            access_of("operator_unlock"),
            None,
            "merged into session_unlock"
        );
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = COMMANDS.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before);
    }
}
