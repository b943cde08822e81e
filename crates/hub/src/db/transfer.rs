//! A laptop the hub knew joining another team: its records, and what they
//! add to the figures, move with it inside the enrolment's transaction, so
//! each record counts once, now in its new team.

use std::collections::BTreeMap;

use time::Date;
use uuid::Uuid;

use super::ingest::{
    DOSSIER_COLUMNS, Owner, Tallies, VISIT_COLUMNS, device_lock, dossier_row, visit_row,
    write_tallies,
};
use crate::Result;

/// Moves `device`'s records and their tallies from team `from` to `to`.
pub(super) async fn move_device(
    tx: &deadpool_postgres::Transaction<'_>,
    device: Uuid,
    from: Uuid,
    to: Uuid,
) -> Result<()> {
    tx.query_one("SELECT pg_advisory_xact_lock($1)", &[&device_lock(&device)])
        .await?;
    let province = |team: Uuid| async move {
        tx.query_one("SELECT province FROM team WHERE id = $1", &[&team])
            .await
            .map(|r| r.get::<_, String>(0))
    };
    let (from_province, to_province) = (province(from).await?, province(to).await?);
    // Two owners of one device: keyed apart, as `write_tallies` reads only
    // their teams and provinces.
    let owners = BTreeMap::from([
        (
            Uuid::nil(),
            Owner {
                device,
                team: from,
                province: from_province,
            },
        ),
        (
            device,
            Owner {
                device,
                team: to,
                province: to_province.clone(),
            },
        ),
    ]);
    let mut tallies = Tallies::default();
    let held = |table: &str, columns: &str| {
        format!("SELECT {columns} FROM {table} WHERE device = $1 AND NOT gone")
    };
    for r in tx
        .query(&held("visit_record", VISIT_COLUMNS), &[&device])
        .await?
    {
        let v = visit_row(&r, 0)?;
        tallies.visit(from, &v, -1);
        tallies.visit(to, &v, 1);
    }
    for r in tx
        .query(&held("dossier_record", DOSSIER_COLUMNS), &[&device])
        .await?
    {
        let d = dossier_row(&r, 0)?;
        tallies.dossier(from, &d, -1);
        tallies.dossier(to, &d, 1);
    }
    for r in tx
        .query(
            "UPDATE citizen_month SET team = $2, province = $3 WHERE device = $1 RETURNING month",
            &[&device, &to, &to_province],
        )
        .await?
    {
        let month: Date = r.get(0);
        *tallies.known.entry((from, month)).or_default() -= 1;
        *tallies.known.entry((to, month)).or_default() += 1;
    }
    for table in ["visit_record", "dossier_record"] {
        tx.execute(
            &format!("UPDATE {table} SET team = $2, province = $3 WHERE device = $1"),
            &[&device, &to, &to_province],
        )
        .await?;
    }
    write_tallies(tx, &owners, &tallies).await
}
