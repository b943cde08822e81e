//! The desktop session: who is at the keyboard, whether the app is locked,
//! and kiosk mode.
//!
//! When operators exist, the app starts locked; an operator unlocks it with
//! their PIN, and the window locks itself again after an idle time. In kiosk
//! mode (self-service) nobody is unlocked: search and guides work, citizens'
//! data does not, and leaving kiosk mode takes an operator's PIN. The state
//! lives in the process, so a reload of the window (the idle wipe) keeps it.
//! Hosts gate citizen-data commands with [`require_staff`]; the CLI, run by
//! whoever holds the database key, is not gated.

use gocua_core::operator::Role;

use crate::dto::{OperatorDto, OperatorUnlock, SessionDto};
use crate::{ApiError, Ctx, Result};

/// Idle time before the window locks, for volunteers and leads.
pub const IDLE_LOCK_SECONDS: u32 = 5 * 60;
/// Idle time before a kiosk wipes the screen.
pub const KIOSK_IDLE_SECONDS: u32 = 2 * 60;

/// The session state kept in the [`Ctx`].
#[derive(Debug, Default, Clone)]
pub struct Session {
    /// The unlocked operator.
    pub operator: Option<OperatorDto>,
    /// Kiosk (self-service) mode.
    pub kiosk: bool,
}

fn operators_exist(ctx: &Ctx) -> Result<bool> {
    Ok(!ctx.store()?.operators().list()?.is_empty())
}

/// The session as the UI needs it.
pub fn session_get(ctx: &Ctx) -> Result<SessionDto> {
    let s = ctx.session()?;
    let locked = !s.kiosk && s.operator.is_none() && operators_exist(ctx)?;
    Ok(SessionDto {
        operator: s.operator,
        kiosk: s.kiosk,
        locked,
        idle_seconds: if s.kiosk {
            ctx.idle_seconds().1
        } else {
            ctx.idle_seconds().0
        },
    })
}

/// Unlocks the app for an operator (their PIN checked with the lock-out).
pub fn session_unlock(ctx: &Ctx, req: OperatorUnlock) -> Result<SessionDto> {
    let op = crate::operator_unlock(ctx, req)?;
    let kiosk_role = op.role == Role::Kiosk.as_str();
    ctx.set_session(Session {
        operator: (!kiosk_role).then_some(op),
        kiosk: kiosk_role,
    })?;
    session_get(ctx)
}

/// Locks the app (idle timeout, or the operator leaves).
pub fn session_lock(ctx: &Ctx) -> Result<SessionDto> {
    let kiosk = ctx.session()?.kiosk;
    ctx.set_session(Session {
        operator: None,
        kiosk,
    })?;
    session_get(ctx)
}

/// Switches to kiosk mode (an unlocked operator hands the laptop to citizens).
pub fn kiosk_enter(ctx: &Ctx) -> Result<SessionDto> {
    require_staff(ctx)?;
    ctx.set_session(Session {
        operator: None,
        kiosk: true,
    })?;
    session_get(ctx)
}

/// Leaves kiosk mode: needs a volunteer's or lead's PIN.
pub fn kiosk_leave(ctx: &Ctx, req: OperatorUnlock) -> Result<SessionDto> {
    let op = crate::operator_unlock(ctx, req)?;
    if op.role == Role::Kiosk.as_str() {
        return Err(ApiError::Forbidden("kiosk".into()));
    }
    ctx.set_session(Session {
        operator: Some(op),
        kiosk: false,
    })?;
    session_get(ctx)
}

/// Refuses access to citizens' data in kiosk mode and while locked.
pub fn require_staff(ctx: &Ctx) -> Result<()> {
    let s = session_get(ctx)?;
    if s.kiosk {
        return Err(ApiError::Forbidden("kiosk".into()));
    }
    if s.locked {
        return Err(ApiError::Forbidden("locked".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CtxOptions;
    use crate::dto::OperatorAdd;

    #[test]
    fn lock_unlock_and_kiosk() -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
        // No operators yet: nothing to unlock.
        assert!(!session_get(&ctx)?.locked);
        require_staff(&ctx)?;

        crate::operator_add(
            &ctx,
            OperatorAdd {
                name: "Lan".into(),
                role: "lead".into(),
                pin: "480916".into(),
            },
        )?;
        crate::operator_add(
            &ctx,
            OperatorAdd {
                name: "Ki-ốt".into(),
                role: "kiosk".into(),
                pin: "735102".into(),
            },
        )?;
        assert!(session_get(&ctx)?.locked);
        assert_eq!(
            require_staff(&ctx).err().map(|e| e.code()),
            Some(crate::ErrorCode::Forbidden)
        );

        let s = session_unlock(
            &ctx,
            OperatorUnlock {
                name: "Lan".into(),
                pin: "480916".into(),
            },
        )?;
        assert_eq!(s.operator.map(|o| o.name), Some("Lan".into()));
        require_staff(&ctx)?;

        let k = kiosk_enter(&ctx)?;
        assert!(k.kiosk && !k.locked);
        assert_eq!(k.idle_seconds, KIOSK_IDLE_SECONDS);
        const { assert!(IDLE_LOCK_SECONDS > KIOSK_IDLE_SECONDS) };
        assert!(require_staff(&ctx).is_err());
        // The kiosk account cannot take the kiosk out of kiosk mode.
        assert!(
            kiosk_leave(
                &ctx,
                OperatorUnlock {
                    name: "Ki-ốt".into(),
                    pin: "735102".into()
                }
            )
            .is_err()
        );
        assert!(
            kiosk_leave(
                &ctx,
                OperatorUnlock {
                    name: "Lan".into(),
                    pin: "000000".into()
                }
            )
            .is_err()
        );
        let back = kiosk_leave(
            &ctx,
            OperatorUnlock {
                name: "Lan".into(),
                pin: "480916".into(),
            },
        )?;
        assert!(!back.kiosk && back.operator.is_some());

        let locked = session_lock(&ctx)?;
        assert!(locked.locked);
        Ok(())
    }
}
