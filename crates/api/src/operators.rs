//! Operators: add, list, and unlock with a PIN (Argon2id), with growing
//! delays after wrong PINs that survive a restart.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use gocua_core::operator::{check_new_pin, lockout_secs};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::clock::stamp;
use crate::dto::{OperatorAdd, OperatorDto, OperatorUnlock};
use crate::{ApiError, Ctx, Result};

fn dto(row: gocua_store::OperatorRow) -> OperatorDto {
    OperatorDto {
        name: row.name,
        role: row.role,
        created_at: row.created_at,
    }
}

fn hash_pin(pin: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| ApiError::Internal(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .to_string())
}

/// A display name: words joined by single spaces, 1–80 characters.
fn clean_name(name: &str) -> Result<String> {
    let clean = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if clean.is_empty() || clean.chars().count() > 80 {
        return Err(ApiError::InvalidValue {
            field: "name".into(),
            value: name.into(),
        });
    }
    Ok(clean)
}

/// A new PIN checked against the rules, hashed.
fn new_pin_hash(pin: &str) -> Result<String> {
    check_new_pin(pin).map_err(|e| {
        ApiError::InvalidPin(
            match e {
                gocua_core::operator::PinError::Format => "format",
                gocua_core::operator::PinError::Trivial => "trivial",
            }
            .into(),
        )
    })?;
    hash_pin(pin)
}

/// The first operator of a new installation, a lead; refused once any exists.
pub(crate) fn add_first_lead(ctx: &Ctx, name: &str, pin: &str) -> Result<OperatorDto> {
    let name = clean_name(name)?;
    let hash = new_pin_hash(pin)?;
    let mut store = ctx.store()?;
    let w = store.write()?;
    if !w
        .operators()
        .add_first_lead(&name, &hash, &stamp(ctx.now()))?
    {
        return Err(ApiError::Forbidden("not-first".into()));
    }
    let row = w
        .read()
        .operators()
        .by_name(&name)?
        .ok_or_else(|| ApiError::NotFound(name))?;
    audit(&w, ctx, &row.name, "operator.first_lead", row.id)?;
    w.commit()?;
    Ok(dto(row))
}

fn audit(
    w: &gocua_store::Write<'_>,
    ctx: &Ctx,
    operator: &str,
    action: &str,
    subject: i64,
) -> Result<()> {
    let at = stamp(ctx.now());
    w.audit().append(&gocua_store::AuditEntry {
        at: &at,
        operator,
        action,
        // A row id, as every audit subject.
        subject: &format!("operator:{subject}"),
    })?;
    Ok(())
}

/// A lead sets a new PIN for an operator (forgotten PIN); any lock-out ends.
pub fn operator_reset_pin(ctx: &Ctx, req: crate::dto::OperatorResetPin) -> Result<OperatorDto> {
    let hash = new_pin_hash(&req.pin)?;
    let by = crate::audit::operator_name(ctx)?;
    let mut store = ctx.store()?;
    let row = store
        .operators()
        .by_name(req.name.trim())?
        .ok_or_else(|| ApiError::NotFound(req.name.clone()))?;
    let w = store.write()?;
    w.operators().set_pin(row.id, &hash)?;
    audit(&w, ctx, &by, "operator.reset_pin", row.id)?;
    w.commit()?;
    Ok(dto(row))
}

/// A lead removes an operator. The last lead cannot be removed.
pub fn operator_remove(ctx: &Ctx, req: crate::dto::OperatorRef) -> Result<Vec<OperatorDto>> {
    let by = crate::audit::operator_name(ctx)?;
    {
        let mut store = ctx.store()?;
        let name = req.name.trim();
        let row = store
            .operators()
            .by_name(name)?
            .ok_or_else(|| ApiError::NotFound(name.into()))?;
        let w = store.write()?;
        if !w.operators().remove(name)? {
            return Err(ApiError::Forbidden("last-lead".into()));
        }
        audit(&w, ctx, &by, "operator.remove", row.id)?;
        w.commit()?;
    }
    // A lead who removed themselves is signed out at once.
    if ctx
        .session()?
        .operator
        .is_some_and(|o| o.name == req.name.trim())
    {
        ctx.sign_out()?;
    }
    operator_list(ctx)
}

/// Adds an operator with a new PIN.
pub fn operator_add(ctx: &Ctx, req: OperatorAdd) -> Result<OperatorDto> {
    let name = clean_name(&req.name)?;
    let role = req.role;
    let hash = new_pin_hash(&req.pin)?;
    let mut store = ctx.store()?;
    let w = store.write()?;
    let added = w.operators().add(&name, role, &hash, &stamp(ctx.now()))?;
    w.commit()?;
    if !added {
        return Err(ApiError::InvalidValue {
            field: "name".into(),
            value: name,
        });
    }
    let row = store
        .operators()
        .by_name(&name)?
        .ok_or_else(|| ApiError::NotFound(name))?;
    Ok(dto(row))
}

/// A request to add `name` with `role` and `pin` (tests).
#[cfg(test)]
pub(crate) fn op(name: &str, role: &str, pin: &str) -> OperatorAdd {
    OperatorAdd {
        name: name.into(),
        role: role.parse().unwrap_or(crate::dto::Role::Volunteer),
        pin: pin.into(),
    }
}

/// All operators.
pub fn operator_list(ctx: &Ctx) -> Result<Vec<OperatorDto>> {
    Ok(ctx
        .store()?
        .operators()
        .list()?
        .into_iter()
        .map(dto)
        .collect())
}

/// Checks an operator's PIN. After three wrong PINs each further attempt
/// must wait (30 s, doubling, at most 15 min), counted in the database.
pub fn operator_unlock(ctx: &Ctx, req: OperatorUnlock) -> Result<OperatorDto> {
    let now = ctx.now();
    let mut store = ctx.store()?;
    // An unknown name is answered like a wrong PIN: no hint which names exist.
    let row = store
        .operators()
        .by_name(req.name.trim())?
        .ok_or(ApiError::WrongPin)?;
    if let Some(until) = row
        .locked_until
        .as_deref()
        .and_then(|s| OffsetDateTime::parse(s, &Rfc3339).ok())
        && until > now
    {
        let wait = (until - now).whole_seconds().max(1);
        return Err(ApiError::LockedOut(wait as u64));
    }
    let ok = PasswordHash::new(&row.pin_hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(req.pin.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    let w = store.write()?;
    if ok {
        w.operators().record_success(row.id)?;
        w.settings()
            .set(gocua_store::SettingKey::OperatorName, &row.name)?;
        w.commit()?;
        return Ok(dto(row));
    }
    let failures = row.failures + 1;
    let wait = lockout_secs(failures);
    let until = (wait > 0).then(|| stamp(now + time::Duration::seconds(wait as i64)));
    w.operators()
        .record_failure(row.id, failures, until.as_deref())?;
    w.commit()?;
    tracing::warn!(operator = row.id, failures, "wrong PIN");
    Err(if wait > 0 {
        ApiError::LockedOut(wait)
    } else {
        ApiError::WrongPin
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CtxOptions;

    fn add(ctx: &Ctx, name: &str, pin: &str) -> Result<OperatorDto> {
        operator_add(
            ctx,
            OperatorAdd {
                name: name.into(),
                role: crate::dto::Role::Volunteer,
                pin: pin.into(),
            },
        )
    }

    #[test]
    fn add_list_and_refuse_bad_input() -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
        add(&ctx, "Lan", "480916")?;
        assert_eq!(
            add(&ctx, "Lan", "480916").err().map(|e| e.code()),
            Some(crate::ErrorCode::InvalidValue)
        );
        assert_eq!(
            add(&ctx, "Minh", "123456").err().map(|e| e.code()),
            Some(crate::ErrorCode::InvalidPin)
        );
        assert_eq!(
            add(&ctx, "Minh", "12").err().map(|e| e.code()),
            Some(crate::ErrorCode::InvalidPin)
        );
        // A role that is not one of ours never reaches the command.
        let bad_role = crate::surface::call(
            &ctx,
            crate::surface::Door::Cli,
            "operator_add",
            serde_json::json!({ "name": "Tú", "role": "admin", "pin": "480916" }),
        );
        assert_eq!(
            bad_role.err().map(|e| e.code()),
            Some(crate::ErrorCode::InvalidValue)
        );
        let list = operator_list(&ctx)?;
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].role, gocua_core::operator::Role::Volunteer);
        Ok(())
    }

    #[test]
    fn wrong_pins_lock_out_with_growing_delays_that_survive_a_restart()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let t0 = time::macros::datetime!(2026-11-25 03:00 UTC);
        let at = |secs: i64| {
            let mut o = CtxOptions::for_tests(dir.path());
            o.clock = crate::clock::fixed(t0 + time::Duration::seconds(secs));
            o
        };
        let ctx = Ctx::open(at(0))?;
        add(&ctx, "Lan", "480916")?;
        let try_pin = |ctx: &Ctx, pin: &str| {
            operator_unlock(
                ctx,
                OperatorUnlock {
                    name: "Lan".into(),
                    pin: pin.into(),
                },
            )
        };

        assert!(matches!(try_pin(&ctx, "000000"), Err(ApiError::WrongPin)));
        assert!(matches!(try_pin(&ctx, "000001"), Err(ApiError::WrongPin)));
        assert!(matches!(
            try_pin(&ctx, "000002"),
            Err(ApiError::LockedOut(30))
        ));
        // Even the right PIN waits while locked out, across a restart.
        drop(ctx);
        let ctx = Ctx::open(at(10))?;
        assert!(matches!(
            try_pin(&ctx, "480916"),
            Err(ApiError::LockedOut(20))
        ));
        let ctx = Ctx::open(at(31))?;
        assert!(matches!(
            try_pin(&ctx, "999999"),
            Err(ApiError::LockedOut(60))
        ));
        let ctx = Ctx::open(at(92))?;
        assert_eq!(try_pin(&ctx, "480916")?.name, "Lan");
        // A right PIN resets the counter.
        assert!(matches!(try_pin(&ctx, "000000"), Err(ApiError::WrongPin)));
        // Unknown names look like wrong PINs.
        assert!(matches!(
            operator_unlock(
                &ctx,
                OperatorUnlock {
                    name: "Ai đó".into(),
                    pin: "480916".into()
                }
            ),
            Err(ApiError::WrongPin)
        ));
        Ok(())
    }
}
