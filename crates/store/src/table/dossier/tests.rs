//! The dossier table's tests: the state machine held, saves, consent, the search index.

use super::search::Words;
use super::*;
use crate::Store;

fn new<'a>(id: &'a str, search: &'a str) -> NewDossier<'a> {
    NewDossier {
        search,
        consent: &[(ConsentPurpose::Dossiers, true)],
        ..test_dossier(id, None)
    }
}

fn ids(store: &Store, words: &[&str]) -> Vec<String> {
    let words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
    store
        .dossiers()
        .list(&ListFilter {
            words: &words,
            limit: 10,
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect()
}

/// An empty store with one catalogue pack, for dossiers to refer to.
fn store_with_pack() -> Store {
    let store = Store::open_in_memory().unwrap();
    store
        .conn()
        .execute_batch(
            "INSERT INTO catalogue_pack (id, pack_id, version, issued_at, source, sha256, body)
             VALUES (1, 't', 1, '2026-11-25', 's', 'x', '{}')",
        )
        .unwrap();
    store
}

/// Whether any page of either search index still holds `needle`.
fn index_holds(store: &Store, needle: &[u8]) -> bool {
    index_holds_in(store, "dossier_search_data", needle)
        || index_holds_in(store, "dossier_words_data", needle)
}

fn index_holds_in(store: &Store, table: &str, needle: &[u8]) -> bool {
    let mut stmt = store
        .conn()
        .prepare(&format!("SELECT block FROM {table}"))
        .unwrap();
    let blocks: Vec<Vec<u8>> = stmt
        .query_map([], |r| r.get::<_, Option<Vec<u8>>>(0))
        .unwrap()
        .filter_map(|b| b.unwrap())
        .collect();
    blocks
        .iter()
        .any(|b| b.windows(needle.len()).any(|w| w == needle))
}

#[test]
fn a_deleted_dossier_leaves_nothing_in_the_search_index() {
    let mut store = store_with_pack();
    let w = store.write().unwrap();
    let mut tx = w.dossiers();
    tx.create(&new("keep", "dang ky khai sinh le van an"))
        .unwrap();
    // The one trigram that starts with a character nothing else has is
    // stored whole (FTS5 prefix-compresses terms), so it can be looked for.
    tx.create(&new("gone", "ǂqj 079190001234")).unwrap();
    w.commit().unwrap();
    let term = "ǂqj".as_bytes();
    assert!(index_holds(&store, term), "the probe finds what is there");
    assert!(
        index_holds_in(&store, "dossier_words_data", "079190001234".as_bytes()),
        "the word index holds whole words"
    );
    let w = store.write().unwrap();
    let mut tx = w.dossiers();
    assert!(tx.delete("gone").unwrap());
    w.commit().unwrap();
    assert!(!index_holds(&store, term));
    assert!(!index_holds(&store, "079190001234".as_bytes()));
    assert_eq!(ids(&store, &["van", "an"]), ["keep"]);
}

#[test]
fn the_search_index_follows_inserts_and_deletes() {
    let mut store = store_with_pack();
    let w = store.write().unwrap();
    let mut tx = w.dossiers();
    tx.create(&new("a", "dang ky khai sinh tran thi thu 079190001234"))
        .unwrap();
    tx.create(&new(
        "b",
        "cap phieu ly lich tu phap le van an 001090123456",
    ))
    .unwrap();
    w.commit().unwrap();
    assert_eq!(ids(&store, &["thu"]), ["a"]);
    assert_eq!(ids(&store, &["lich", "an"]), ["b"]);
    assert_eq!(ids(&store, &["90001"]), ["a"]);
    assert_eq!(ids(&store, &["%"]).len(), 2, "no letters: no filter");
    assert!(ids(&store, &["khai", "phap"]).is_empty());
    // A page filled from the recent window and one from the index agree.
    let words = vec!["thu".to_owned()];
    let scan = store
        .dossiers()
        .query(
            &ListFilter {
                words: &words,
                limit: 10,
                ..Default::default()
            },
            &words,
            Words::OrderedScan,
        )
        .unwrap();
    let index = store
        .dossiers()
        .query(
            &ListFilter {
                words: &words,
                limit: 10,
                ..Default::default()
            },
            &words,
            Words::Index,
        )
        .unwrap();
    assert_eq!(scan, index);
    // By the start of words: among the newest, and through the word index.
    let words = vec!["tr".to_owned(), "thu".to_owned()];
    let filter = ListFilter {
        words: &words,
        limit: 10,
        ..Default::default()
    };
    let newest = store
        .dossiers()
        .query(&filter, &words, Words::NewestWindow)
        .unwrap();
    let index = store
        .dossiers()
        .query(&filter, &words, Words::WordIndex)
        .unwrap();
    let sorted = store
        .dossiers()
        .query(&filter, &words, Words::WordIndexSorted)
        .unwrap();
    assert_eq!(newest, index);
    assert_eq!(index, sorted);
    assert_eq!(
        newest.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["a"]
    );
    // A word is found by its start, not its middle ("hu" is in "thu").
    assert!(ids(&store, &["hu"]).is_empty());
    let w = store.write().unwrap();
    let mut tx = w.dossiers();
    assert!(tx.delete("a").unwrap());
    w.commit().unwrap();
    assert!(ids(&store, &["thu"]).is_empty());
    store
        .conn()
        .execute(
            "INSERT INTO dossier_search (dossier_search) VALUES ('integrity-check')",
            [],
        )
        .unwrap();
}

fn state_of(store: &Store, id: &str) -> DossierState {
    store.dossiers().get(id).unwrap().unwrap().state
}

#[test]
fn a_state_changes_only_as_the_state_machine_allows() {
    let mut store = store_with_pack();
    let w = store.write().unwrap();
    w.dossiers().create(&new("d", "")).unwrap();
    w.commit().unwrap();
    assert_eq!(
        state_of(&store, "d"),
        DossierState::Draft,
        "created as a draft"
    );

    let w = store.write().unwrap();
    let refused = w.dossiers().transition("d", Event::Queue, "t1");
    assert!(matches!(
        refused,
        Err(Error::Transition(gocua_core::dossier::NotAllowed {
            from: DossierState::Draft,
            event: Event::Queue
        }))
    ));
    // Hand-off is an event too: only a ready dossier can take it.
    assert!(matches!(
        w.dossiers()
            .record_portal("d", "H22-0001", Event::HandedOff, None, "t1"),
        Err(Error::Transition(_))
    ));
    assert_eq!(
        w.dossiers()
            .transition("d", Event::MarkReady, "t2")
            .unwrap(),
        DossierState::Ready
    );
    assert_eq!(
        w.dossiers()
            .record_portal("d", "H22-0001", Event::HandedOff, None, "t3")
            .unwrap(),
        DossierState::Portal(PortalStatus::New)
    );
    assert!(matches!(
        w.dossiers().transition("nope", Event::Edit, "t3"),
        Err(Error::NoDossier(_))
    ));
    w.commit().unwrap();
    let row = store.dossiers().get("d").unwrap().unwrap();
    assert_eq!(row.state, DossierState::Portal(PortalStatus::New));
    assert_eq!(row.portal_code.as_deref(), Some("H22-0001"));
}

#[test]
fn a_save_over_a_moved_state_writes_nothing() {
    let mut store = store_with_pack();
    let w = store.write().unwrap();
    w.dossiers().create(&new("d", "")).unwrap();
    w.commit().unwrap();
    let save = |from| Save {
        answers: r#"{"values":{"x":"new"}}"#,
        from,
        position: "p1",
        now: "t1",
    };
    let w = store.write().unwrap();
    // The caller loaded it as ready; it is a draft: refused, and the
    // answers written before the check are rolled back with it.
    assert!(matches!(
        w.dossiers().save("d", &save(DossierState::Ready)),
        Err(Error::Stale(_))
    ));
    assert_eq!(
        w.read().dossiers().answers("d").unwrap().unwrap().0,
        "{}",
        "the savepoint took the answers back"
    );
    // An edit from a state that cannot be edited is refused outright.
    assert!(matches!(
        w.dossiers().save("d", &save(DossierState::Queued)),
        Err(Error::Transition(_))
    ));
    let saved = w.dossiers().save("d", &save(DossierState::Draft)).unwrap();
    assert_eq!(saved.state, DossierState::Draft);
    w.commit().unwrap();
    assert_eq!(
        store.dossiers().answers("d").unwrap().unwrap().0,
        r#"{"values":{"x":"new"}}"#
    );
}

#[test]
fn a_write_dropped_uncommitted_leaves_no_table_changed() {
    let mut store = store_with_pack();
    {
        let w = store.write().unwrap();
        w.dossiers().create(&new("d", "")).unwrap();
        w.dossiers().transition("d", Event::MarkReady, "t").unwrap();
        w.dossiers().transition("d", Event::Queue, "t").unwrap();
        w.outbox()
            .enqueue(
                "op",
                "d",
                gocua_core::outbox::OpKind::Submit,
                "{}",
                false,
                "t",
            )
            .unwrap();
        w.audit()
            .append(&crate::AuditEntry {
                at: "t",
                operator: "Lan",
                action: "dossier.queue",
                subject: "dossier:d",
            })
            .unwrap();
        // Dropped: as when the next step fails with `?`.
    }
    assert_eq!(store.dossiers().count().unwrap(), 0);
    assert!(store.outbox().list(10).unwrap().is_empty());
    assert!(store.audit().recent(10).unwrap().is_empty());
}

#[test]
fn a_state_that_is_not_ours_reads_as_damage_not_a_default() {
    let mut store = store_with_pack();
    let w = store.write().unwrap();
    w.dossiers().create(&new("d", "")).unwrap();
    w.commit().unwrap();
    store
        .conn()
        .execute("UPDATE dossier SET state = 'portal_11' WHERE id = 'd'", [])
        .unwrap();
    assert!(store.dossiers().get("d").is_err());
    let w = store.write().unwrap();
    assert!(matches!(
        w.dossiers().transition("d", Event::Edit, "t"),
        Err(Error::Corrupt(_))
    ));
}

#[test]
fn the_final_states_are_the_state_machines() {
    let spelled: Vec<String> = serde_json::from_str(&final_states()).unwrap();
    let want: Vec<String> = DossierState::all()
        .filter(|s| s.is_final())
        .map(|s| s.to_string())
        .collect();
    assert_eq!(spelled, want);
    assert_eq!(want.len(), 4);
}
