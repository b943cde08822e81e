//! Operators: add, list, reset a PIN, remove.

use gocua_api::dto::*;
use gocua_api::{ApiError, Ctx};

use crate::args::*;
use crate::out::*;
use crate::read_pin;

/// Runs a command of this group.
pub(crate) fn run(ctx: &Ctx, command: Command, o: &Out<'_>) -> Result<(), ApiError> {
    let (lang, l10n, json) = (o.lang, o.l10n, o.json);
    match command {
        Command::Operator(OperatorCommand::ResetPin { name }) => {
            let pin = read_pin()?;
            let op =
                gocua_api::operator_reset_pin(ctx, gocua_api::dto::OperatorResetPin { name, pin })?;
            say!(
                "{}",
                l10n.tr(lang, "operators-pin-reset", &[("name", op.name.into())])
            );
        }
        Command::Operator(OperatorCommand::Remove { name }) => {
            gocua_api::operator_remove(ctx, gocua_api::dto::OperatorRef { name: name.clone() })?;
            say!(
                "{}",
                l10n.tr(lang, "operators-removed", &[("name", name.into())])
            );
        }
        Command::Operator(OperatorCommand::Add { name, role }) => {
            let pin = read_pin()?;
            let role = gocua_api::dto::spelled("role", &role)?;
            let op = gocua_api::operator_add(ctx, OperatorAdd { name, role, pin })?;
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-operator-added",
                    &[("name", op.name.into()), ("role", op.role.as_str().into())]
                )
            );
        }
        Command::Operator(OperatorCommand::List) => {
            let list = gocua_api::operator_list(ctx)?;
            if json {
                return print_json(&list);
            }
            for op in list {
                say!(
                    "{}  {}  {}",
                    op.name,
                    op.role,
                    gocua_api::clock::show_stamp(&op.created_at)
                );
            }
        }
        other => {
            return Err(ApiError::Internal(format!(
                "not a {} command: {other:?}",
                module_path!()
            )));
        }
    }
    Ok(())
}
