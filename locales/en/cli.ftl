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
