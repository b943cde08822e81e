# Text of the gocua command-line tool.

cli-info-version = Version: { $value }
cli-info-data-dir = Data folder: { $value }
cli-info-database = Database: { $value }
cli-info-schema = Schema version: { $value }
cli-info-portal = Portal: { $value }
cli-info-portal-default = Portal: { $value } (default)
cli-info-language = Language: { $value }
cli-probe-online = Online: the portal { $url } is up.
cli-probe-offline = Offline: cannot reach the portal { $url }.
cli-probe-incompatible = { $url } answers, but it is not a Gõ Cửa portal.
cli-config-saved = Settings saved.
cli-error = Error: { $message }
cli-audit-intact = The audit log is intact: { $rows } rows.
cli-audit-broken = The audit log breaks at row { $seq } ({ $reason }).
cli-demo-seeded = Demo data created: { $citizens } citizens, { $visits } visits.
cli-file-saved = Saved: { $path }
cli-citizen-erased = The citizen's profile and consents were erased. Visits are kept anonymously.
cli-backup-restored = The data was restored from the backup.
cli-operator-added = Operator { $name } ({ $role }) added.
cli-purge-dry-run = { $count } citizens are past { $days } days since their last visit and would be deleted, with { $drafts } abandoned drafts and the notes of { $notes } visits (dry run, nothing deleted).
cli-purge-done = Deleted { $count } citizens past { $days } days since their last visit, { $drafts } abandoned drafts and the notes of { $notes } visits.
cli-dossier-more = … more; use --limit to see them.
cli-checklist-saved = Checklist saved: { $path }
cli-task-status = { $status ->
    [completed] completed
    [in_progress] in progress
   *[not_started] not started
}
cli-dossier-issues = { $n } problems left:
cli-dossier-papers = Papers:
cli-demo-dossiers = { $n } demo dossiers created.
cli-sync-pass = Sent { $sent }, to retry { $retried }, set aside { $quarantined }, status updates { $changes }{ $offline ->
    [yes] {" "}(the portal cannot be reached)
   *[no] {""}
}.
cli-outbox-summary = Waiting: { $pending } · set aside: { $quarantined } · supplements needed: { $supplements }
cli-catalog-keygen = Signing key made; the secret is in the file you named — keep it offline. Give teams this public key: { $key }
cli-catalog-signed = Signed with { $key }: { $path }
cli-dossier-duplicates = The citizen already has an open dossier for this procedure, so no new one was started. Continue the one below, or add --force to start another:

## Team hub
cli-hub-joined = Joined the team hub “{ $team }” ({ $url }).
cli-hub-not-joined = This laptop has not joined a team hub. Join with: gocua hub join CODE --name "Laptop name"
cli-hub-status = Team hub: { $url } — team “{ $team }”, device { $device }, joined { $joined }. Last successful sync: { $last }. Waiting to be sent: { $pending } records.
cli-hub-revoked = The team lead revoked this laptop at { $at }; it no longer syncs, and its data stays on it.
cli-hub-last-error = Last attempt failed: { $error }
cli-hub-synced = The team hub took { $stored } new records ({ $duplicates } it already had); { $pending } still waiting.
cli-hub-left = Left the team hub. The laptop's data stays as it is.
cli-never = never
cli-audit-anchor-ok = It matches the anchor the team hub holds (row { $seq }).
cli-audit-anchor-mismatch = It does NOT match the anchor the team hub holds at row { $seq }: the log on this laptop was rewritten. Tell the team lead.
cli-audit-anchor-none = The team hub holds no anchor of this laptop yet (one is sent at every sync).
cli-audit-anchor-unreachable = Could not compare with the team hub: { $message }
cli-hub-catalogue = Catalogue packs from the team hub: { $installed } installed, { $refused } refused (a pack without a trusted signature is never installed).
cli-hub-no-devices = No other laptop of the team has joined the hub yet.
cli-handover-sent = Handed the dossier to “{ $to }” (hand-over { $id }). It is locked on this laptop until the other accepts it; until then you can take it back: gocua hub handover reclaim DOSSIER_ID
cli-handover-none = No dossier has been handed to this laptop.
cli-handover-incoming = { $id }  { $procedure } { $citizen } — from “{ $from }” ({ $by }), { $at }, { $papers } photos of papers. Accept: gocua hub handover accept { $id }
cli-handover-recent = { $outgoing ->
    [true] Handed to
   *[other] Received from
} “{ $peer }”: { $procedure } — { $state ->
    [sent] waiting for the receiver
    [accepted] accepted
    [declined] declined
   *[reclaimed] taken back
} ({ $at }; dossier { $dossier })
cli-handover-accepted = Accepted dossier { $dossier }; it belongs to this laptop now.
cli-handover-declined = Declined; the dossier goes back to the sender.
cli-handover-reclaimed = Took back dossier { $dossier }; you can go on with it on this laptop.
cli-hub-handovers-waiting = { $count } dossiers handed to this laptop by the team wait to be accepted: gocua hub handover inbox
cli-hub-no-roster = No member list from the team hub yet (the lead writes it in the dashboard; the laptop gets it at its next sync).
cli-hub-roster-member = { $name } — { $role ->
    [lead] team lead
   *[other] volunteer
}
