//! The desktop session: who is at the keyboard, whether the app is locked,
//! and kiosk mode.
//!
//! The app starts locked, always: a new installation first asks for its
//! first team lead ([`first_lead`]); afterwards an operator unlocks it with
//! their PIN. A session expires after the idle time, here in Rust: the
//! window reports activity ([`session_touch`]) and every gated command
//! finds an expired session locked, whatever the page does. In kiosk
//! mode (self-service) nobody is unlocked: search and guides work, citizens'
//! data does not, and leaving kiosk mode takes an operator's PIN. The state
//! lives in the process, so a reload of the window (the idle wipe) keeps it.
//! Hosts gate citizen-data commands with [`require_staff`]; the CLI, run by
//! whoever holds the database key, is not gated.

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
    /// The operator's last activity (unlock, or the window's report).
    pub last_active: Option<time::OffsetDateTime>,
}

fn operators_exist(ctx: &Ctx) -> Result<bool> {
    Ok(ctx.store()?.operators().any()?)
}

/// Seconds past the idle time before Rust expires a session: the window
/// reports activity at most every 30 s and locks itself at the idle time,
/// so a volunteer at work is never cut off mid-keystroke by the expiry.
pub const EXPIRY_GRACE_SECONDS: u32 = 60;

/// The session now: an unlocked operator idle for longer than the idle
/// time (and the grace) is locked out here, before anything is answered.
fn current(ctx: &Ctx) -> Result<Session> {
    let mut s = ctx.session()?;
    let idle = time::Duration::seconds(i64::from(ctx.idle_seconds().0 + EXPIRY_GRACE_SECONDS));
    let expired = s.operator.is_some()
        && s.last_active
            .is_none_or(|at| ctx.now() - at >= idle || at > ctx.now() + idle);
    if expired {
        tracing::info!("the session expired after the idle time");
        s = Session {
            operator: None,
            kiosk: s.kiosk,
            last_active: None,
        };
        ctx.set_session(s.clone())?;
    }
    Ok(s)
}

/// The window saw the operator at work (a key, a click): the session's
/// idle time starts again. An expired session stays locked.
pub fn session_touch(ctx: &Ctx) -> Result<SessionDto> {
    let mut s = current(ctx)?;
    if s.operator.is_some() {
        s.last_active = Some(ctx.now());
        ctx.set_session(s)?;
    }
    session_get(ctx)
}

/// The session as the UI needs it.
pub fn session_get(ctx: &Ctx) -> Result<SessionDto> {
    let s = current(ctx)?;
    let locked = !s.kiosk && s.operator.is_none();
    Ok(SessionDto {
        operator: s.operator,
        kiosk: s.kiosk,
        locked,
        needs_first_lead: locked && !operators_exist(ctx)?,
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
    let kiosk_role = op.role == crate::dto::Role::Kiosk;
    ctx.set_session(Session {
        operator: (!kiosk_role).then_some(op),
        kiosk: kiosk_role,
        last_active: Some(ctx.now()),
    })?;
    session_get(ctx)
}

/// A new installation's first step: the first team lead (name and PIN),
/// who is then signed in. Refused once any operator exists.
pub fn first_lead(ctx: &Ctx, req: crate::dto::OperatorAdd) -> Result<SessionDto> {
    let op = crate::operators::add_first_lead(ctx, &req.name, &req.pin)?;
    ctx.set_session(Session {
        operator: Some(op),
        kiosk: false,
        last_active: Some(ctx.now()),
    })?;
    session_get(ctx)
}

/// Locks the app (idle timeout, or the operator leaves).
pub fn session_lock(ctx: &Ctx) -> Result<SessionDto> {
    ctx.sign_out()?;
    session_get(ctx)
}

/// Switches to kiosk mode (an unlocked operator hands the laptop to citizens).
pub fn kiosk_enter(ctx: &Ctx) -> Result<SessionDto> {
    require_staff(ctx)?;
    ctx.set_session(Session {
        operator: None,
        kiosk: true,
        last_active: None,
    })?;
    session_get(ctx)
}

/// Leaves kiosk mode: needs a volunteer's or lead's PIN.
pub fn kiosk_leave(ctx: &Ctx, req: OperatorUnlock) -> Result<SessionDto> {
    let op = crate::operator_unlock(ctx, req)?;
    if op.role == crate::dto::Role::Kiosk {
        return Err(ApiError::Forbidden("kiosk".into()));
    }
    ctx.set_session(Session {
        operator: Some(op),
        kiosk: false,
        last_active: Some(ctx.now()),
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

    #[test]
    fn lock_unlock_and_kiosk() -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
        // No operators yet: locked all the same, waiting for the first lead.
        assert!(session_get(&ctx)?.locked);
        assert!(require_staff(&ctx).is_err());

        crate::operator_add(&ctx, crate::operators::op("Lan", "lead", "480916"))?;
        crate::operator_add(&ctx, crate::operators::op("Ki-ốt", "kiosk", "735102"))?;
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
