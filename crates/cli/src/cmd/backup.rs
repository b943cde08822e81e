//! Encrypted backups and demo data for training.

use gocua_api::{ApiError, Ctx};
use gocua_i18n::Arg;

use crate::args::*;
use crate::backup_passphrase;
use crate::out::*;

/// Runs a command of this group.
pub(crate) fn run(ctx: &Ctx, command: Command, o: &Out<'_>) -> Result<(), ApiError> {
    let (lang, l10n) = (o.lang, o.l10n);
    match command {
        Command::Backup(BackupCommand::Create { file }) => {
            gocua_api::backup::backup_create(ctx, &file, &backup_passphrase()?)?;
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-file-saved",
                    &[("path", file.display().to_string().into())]
                )
            );
        }
        // Handled in main, before a data directory is opened.
        Command::Backup(BackupCommand::Restore { .. }) => {}
        Command::Demo(DemoCommand::Seed {
            citizens,
            dossiers,
            seed,
        }) => {
            let done = gocua_api::demo::demo_seed(ctx, citizens, seed)?;
            if dossiers > 0 {
                let n = gocua_api::demo::demo_seed_dossiers(ctx, dossiers, seed)?;
                say!(
                    "{}",
                    l10n.tr(lang, "cli-demo-dossiers", &[("n", Arg::from(u64::from(n)))])
                );
            }
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-demo-seeded",
                    &[
                        ("citizens", Arg::from(u64::from(done.citizens))),
                        ("visits", Arg::from(u64::from(done.visits)))
                    ]
                )
            );
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
