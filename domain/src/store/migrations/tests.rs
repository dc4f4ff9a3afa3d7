//! The migration runner, exercised with test-only schemas (version 1 with `full_name` and
//! `company`, then 2 and 3), and the frozen version-1 storage read back by this code.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{json, Value};

use super::*;
use crate::codec;
use crate::store::tests::{changed, stored_json, t};
use crate::store::{
    contact_key, Document, KeyValue, Loaded, MemoryStore, OpenError, Repo, SaveError, StoreError,
    DOC_PREFIX, META_KEY,
};
use crate::test_support::two_steps;

#[test]
fn the_release_migration_table_is_complete() {
    assert!(covers(MIGRATIONS, CURRENT_SCHEMA));
    assert!(covers(TEST_MIGRATIONS, 3));
    assert!(!covers(TEST_MIGRATIONS, 4));
    assert!(!covers(&TEST_MIGRATIONS[1..], 3));
}

/// Whether `table` has exactly one step from each version in `1..current`, and no other.
fn covers(table: &[Migration], current: u32) -> bool {
    (1..current).all(|v| table.iter().filter(|m| m.from == v).count() == 1)
        && table.iter().all(|m| (1..current).contains(&m.from))
}

// Test-only schema: v1 contacts have "full_name" instead of "name" and "company" instead of
// "organization"; v2 renamed "full_name" to "name"; v3 renamed "company" to "organization" and
// tags every migrated contact "v3" (not idempotent on purpose: a rerun would show twice).
// Documents: the v1 settings `{"dark": bool}` became `{"theme": "dark" | "light"}` in v2.

fn v1_to_v2(key: &str, record: Value) -> Result<Value, String> {
    let Value::Object(mut map) = record else {
        return Err("not an object".into());
    };
    if key.starts_with(DOC_PREFIX) {
        let dark = map
            .remove("dark")
            .and_then(|d| d.as_bool())
            .ok_or("no \"dark\" flag")?;
        map.insert("theme".into(), json!(if dark { "dark" } else { "light" }));
        return Ok(Value::Object(map));
    }
    let name = map.remove("full_name").ok_or("no full_name")?;
    map.insert("name".into(), name);
    Ok(Value::Object(map))
}

fn v2_to_v3(key: &str, record: Value) -> Result<Value, String> {
    if key.starts_with(DOC_PREFIX) {
        return Ok(record);
    }
    let Value::Object(mut map) = record else {
        return Err("not an object".into());
    };
    if let Some(company) = map.remove("company") {
        map.insert("organization".into(), company);
    }
    let tags = map.entry("tags").or_insert_with(|| json!([]));
    tags.as_array_mut()
        .ok_or("tags is not a list")?
        .push(json!("v3"));
    Ok(Value::Object(map))
}

static TEST_MIGRATIONS: &[Migration] = &two_steps(v1_to_v2, v2_to_v3);

fn v1_contact(id: &str, name: &str, company: &str) -> String {
    json!({
        "schema": 1,
        "id": id,
        "full_name": name,
        "company": company,
        "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-01-02T00:00:00Z",
        "rev": 4
    })
    .to_string()
}

/// A storage as version 1 left it: meta, three contacts, settings.
fn v1_storage() -> MemoryStore {
    let store = MemoryStore::new();
    store.set(META_KEY, "{\"schema\":1}").unwrap();
    // Stored packed, as the app writes them...
    let a = codec::pack(&v1_contact("a", "Ada", "Analytical Engines"));
    store.set("wt:contact:a", &a).unwrap();
    let b = codec::pack(&v1_contact("b", "Bea", "Babbage & Co"));
    store.set("wt:contact:b", &b).unwrap();
    // ... or as plain JSON, as records written before packing are. A v1 record without its
    // stamp counts as version 1.
    let mut unstamped: Value = serde_json::from_str(&v1_contact("c", "Cy", "")).unwrap();
    unstamped.as_object_mut().unwrap().remove("schema");
    store.set("wt:contact:c", &unstamped.to_string()).unwrap();
    store
        .set("wt:doc:settings", "{\"schema\":1,\"doc\":{\"dark\":true}}")
        .unwrap();
    store
}

#[derive(Debug, Deserialize, PartialEq)]
struct Settings {
    theme: String,
}

fn check_v3(store: &MemoryStore, loaded: &Loaded) {
    // Current records come first, upgraded ones after: compare in id order.
    let mut names: Vec<(&str, &str, &str)> = loaded
        .contacts
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str(), c.organization.as_str()))
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        vec![
            ("a", "Ada", "Analytical Engines"),
            ("b", "Bea", "Babbage & Co"),
            ("c", "Cy", "")
        ]
    );
    for c in &loaded.contacts {
        assert_eq!(c.tags, vec!["v3"], "{} migrated exactly once", c.id);
        assert_eq!(c.rev, 4, "migration keeps the revision");
        assert_eq!(stored_json(store, &contact_key(&c.id))["schema"], json!(3));
    }
    assert_eq!(stored_json(store, META_KEY), json!({"schema": 3}));
    assert_eq!(
        stored_json(store, "wt:doc:settings"),
        json!({"schema": 3, "doc": {"theme": "dark"}})
    );
}

#[test]
fn migration_upgrades_every_record_then_meta() {
    let store = v1_storage();
    let (repo, loaded) = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap();
    assert!(loaded.quarantined.is_empty(), "{:?}", loaded.quarantined);
    check_v3(&store, &loaded);
    assert_eq!(
        repo.load_doc::<Settings>(Document::Settings),
        Ok(Some(Settings {
            theme: "dark".into()
        }))
    );
    // Reopening writes nothing and changes nothing.
    let before = store.snapshot();
    store.set_fail_writes(true);
    let (_, again) = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap();
    assert_eq!(again, loaded);
    assert_eq!(store.snapshot(), before);
}

/// Records the keys written, in order.
struct Recorder<'a> {
    inner: &'a MemoryStore,
    writes: RefCell<Vec<String>>,
}

impl KeyValue for Recorder<'_> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.inner.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.writes.borrow_mut().push(key.to_owned());
        self.inner.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.writes.borrow_mut().push(key.to_owned());
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.inner.keys()
    }
}

#[test]
fn meta_is_raised_only_after_all_records_are_written() {
    let store = v1_storage();
    let recorder = Recorder {
        inner: &store,
        writes: RefCell::new(Vec::new()),
    };
    Repo::open_with(&recorder, TEST_MIGRATIONS, 3).unwrap();
    assert_eq!(
        recorder.writes.into_inner(),
        vec![
            "wt:contact:a",
            "wt:contact:b",
            "wt:contact:c",
            "wt:doc:settings",
            META_KEY
        ]
    );
}

#[test]
fn a_record_that_fails_migration_is_quarantined_and_left_as_it_was() {
    let store = v1_storage();
    let broken = json!({"schema": 1, "id": "d", "name": "no full_name here",
        "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z"})
    .to_string();
    store.set("wt:contact:d", &broken).unwrap();
    // Migrates fine but then is not a contact (no created_at): also kept aside, unchanged.
    let not_a_contact = json!({"schema": 1, "id": "e", "full_name": "Eve"}).to_string();
    store.set("wt:contact:e", &not_a_contact).unwrap();

    let (_, loaded) = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap();
    assert_eq!(loaded.contacts.len(), 3);
    assert_eq!(loaded.quarantined.len(), 2);
    assert_eq!(loaded.quarantined[0].key, "wt:contact:d");
    assert_eq!(loaded.quarantined[0].raw, broken);
    assert!(loaded.quarantined[0].error.contains("from version 1"));
    assert_eq!(loaded.quarantined[1].raw, not_a_contact);
    assert_eq!(store.get("wt:contact:d").unwrap(), Some(broken));
    assert_eq!(store.get("wt:contact:e").unwrap(), Some(not_a_contact));
    // The rest is upgraded and meta raised: the bad ones keep their own stamp and are retried
    // (and reported again) at every open.
    assert_eq!(stored_json(&store, META_KEY), json!({"schema": 3}));
    let (_, again) = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap();
    assert_eq!(again.quarantined, loaded.quarantined);
}

#[test]
fn a_failed_write_mid_migration_leaves_meta_and_the_rerun_resumes() {
    // How much room the migrated storage needs, measured on a copy.
    let copy = v1_storage();
    Repo::open_with(&copy, TEST_MIGRATIONS, 3).unwrap();
    let migrated_a = copy.get("wt:contact:a").unwrap().unwrap();

    // Storage fills up after the first record's upgrade.
    let store = v1_storage();
    let original = store.snapshot();
    store.set_writes_left(Some(1));

    let err = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap_err();
    assert_eq!(err, OpenError::Store(StoreError::Full));
    assert!(err.to_string().contains("Nothing was lost"));
    let after = store.snapshot();
    assert_eq!(changed(&original, &after), vec!["wt:contact:a"]);
    assert_eq!(after["wt:contact:a"], migrated_a);
    assert_eq!(stored_json(&store, META_KEY), json!({"schema": 1}));

    // With room again, the rerun skips the record already upgraded and finishes.
    store.set_writes_left(None);
    let (_, loaded) = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap();
    assert!(loaded.quarantined.is_empty(), "{:?}", loaded.quarantined);
    check_v3(&store, &loaded);
    assert_eq!(store.snapshot(), copy.snapshot());
}

#[test]
fn fail_writes_mid_migration_leaves_everything() {
    let store = v1_storage();
    let before = store.snapshot();
    store.set_fail_writes(true);
    assert!(matches!(
        Repo::open_with(&store, TEST_MIGRATIONS, 3),
        Err(OpenError::Store(StoreError::Unavailable(_)))
    ));
    assert_eq!(store.snapshot(), before);
    store.set_fail_writes(false);
    let (_, loaded) = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap();
    check_v3(&store, &loaded);
}

#[test]
fn records_at_mixed_versions_are_each_upgraded_from_their_own() {
    let store = v1_storage();
    // b was already upgraded to v2 and c to v3 by an interrupted run; meta still says 1.
    let b_v2 = json!({"schema": 2, "id": "b", "name": "Bea", "company": "Babbage & Co",
        "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-02T00:00:00Z", "rev": 4});
    store.set("wt:contact:b", &b_v2.to_string()).unwrap();
    let c_v3 = json!({"schema": 3, "id": "c", "name": "Cy", "tags": ["v3"],
        "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-02T00:00:00Z", "rev": 4});
    store.set("wt:contact:c", &c_v3.to_string()).unwrap();
    let (_, loaded) = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap();
    assert!(loaded.quarantined.is_empty(), "{:?}", loaded.quarantined);
    check_v3(&store, &loaded);
}

#[test]
fn an_old_tab_cannot_write_after_another_tab_upgraded() {
    let store = MemoryStore::new();
    let (old_tab, _) = Repo::open_with(&store, TEST_MIGRATIONS, 1).unwrap();
    // The v1 tab's record is written in the v1 shape (the test schema's v1 has full_name).
    store
        .set("wt:contact:p", &v1_contact("p", "Pat", "Plumbing"))
        .unwrap();
    let (new_tab, loaded) = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap();
    assert_eq!(loaded.contacts[0].organization, "Plumbing");

    let before = store.snapshot();
    let err = old_tab.save_contact(&loaded.contacts[0], t(9)).unwrap_err();
    assert_eq!(err, SaveError::Outdated { found: 3 });
    assert!(err.to_string().contains("Reload"));
    assert_eq!(
        old_tab.delete_contact("p", 4),
        Err(SaveError::Outdated { found: 3 })
    );
    assert_eq!(
        old_tab.save_doc(Document::Settings, &json!({"dark": true})),
        Err(SaveError::Outdated { found: 3 })
    );
    assert_eq!(store.snapshot(), before);
    // The old tab sees newer records as unreadable rather than misreading them.
    assert!(old_tab
        .reload_contact("p")
        .unwrap_err()
        .error
        .contains("newer version"));

    // A stale v1 write that slipped in is upgraded in memory by the new tab, and in storage at
    // the next open.
    store
        .set("wt:contact:q", &v1_contact("q", "Quinn", "Quarry"))
        .unwrap();
    let q = new_tab.reload_contact("q").unwrap().unwrap();
    assert_eq!(
        (q.name.as_str(), q.organization.as_str()),
        ("Quinn", "Quarry")
    );
    let mut edit = q.clone();
    edit.notes = "met at the quarry".into();
    assert_eq!(new_tab.save_contact(&edit, t(10)).unwrap().rev, 5);
    assert_eq!(stored_json(&store, "wt:contact:q")["schema"], json!(3));
}

// --- the frozen version 1 ------------------------------------------------------------------------

/// Where the frozen storage of each released schema is kept.
fn frozen(version: u32) -> BTreeMap<String, String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/storage/v{version}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).expect("a map from key to stored text")
}

/// A storage holding exactly `records`.
fn storage_of(records: &BTreeMap<String, String>) -> MemoryStore {
    let store = MemoryStore::new();
    for (key, text) in records {
        store.set(key, text).unwrap();
    }
    store
}

/// A stored record's JSON without its version stamp (a document without its envelope).
fn body_of(key: &str, text: &str) -> Value {
    let mut json: Value = serde_json::from_str(&codec::unpack(text).unwrap()).unwrap();
    let record = json.as_object_mut().expect("an object");
    record.remove("schema");
    if key.starts_with(DOC_PREFIX) {
        record.remove("doc").expect("a document's envelope")
    } else {
        json
    }
}

/// Version 1 as this code stores it, frozen in `tests/fixtures/storage/v1.json`: opening it reads
/// every record back, field for field, quarantines nothing and writes nothing. When a migration
/// comes, keep this test and its fixture as they are: they then check that version-1 storage
/// still opens (see the module documentation).
#[test]
fn the_v1_fixture_opens_and_reads_back() {
    use crate::duplicates::NotDuplicates;
    use crate::questions::{AskedLog, ChatPrep, Deck, QuestionBank};
    use crate::reminder::BackupLog;
    use crate::settings::Settings;
    use crate::template::TemplateSet;
    use serde::de::DeserializeOwned;
    use serde::Serialize;

    let records = frozen(1);
    // What it holds: wt:meta, a packed contact, a plain one, a plain one without its stamp (it
    // counts as version 1), and every document, packed.
    assert_eq!(records[META_KEY], r#"{"schema":1}"#);
    assert!(records["wt:contact:c-ada"].starts_with(codec::MARK));
    assert!(records["wt:contact:c-bob"].starts_with('{'));
    assert!(records["wt:contact:c-cy"].starts_with('{'));
    assert!(!records["wt:contact:c-cy"].contains("\"schema\""));
    for doc in Document::ALL {
        assert!(records[&doc.key()].starts_with(codec::MARK), "{doc:?}");
    }

    let store = storage_of(&records);
    let (repo, loaded) = Repo::open(&store).unwrap();
    assert!(loaded.quarantined.is_empty(), "{:?}", loaded.quarantined);
    assert_eq!(
        store.snapshot(),
        records,
        "nothing to upgrade, so nothing written"
    );

    let mut contacts = loaded.contacts.clone();
    contacts.sort_by(|a, b| a.id.cmp(&b.id));
    let ids: Vec<&str> = contacts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["c-ada", "c-bob", "c-cy"]);
    for contact in &contacts {
        let key = contact_key(&contact.id);
        assert_eq!(
            serde_json::to_value(contact).unwrap(),
            body_of(&key, &records[&key])
        );
        assert_eq!(repo.reload_contact(&contact.id), Ok(Some(contact.clone())));
    }
    let ada = &contacts[0];
    assert_eq!(
        (ada.name.as_str(), ada.rev, ada.notes.as_str()),
        ("Ada Lovelace", 3, "Analytical engine.\nLikes poetry.")
    );
    assert_eq!((ada.interactions.len(), ada.follow_ups.len()), (1, 1));
    assert_eq!(contacts[1].introduced_by.as_deref(), Some("c-ada"));
    assert_eq!(contacts[2].links, ["https://example.org/cy"]);

    /// The stored `doc`, read as a `T`, checked field for field against the fixture.
    fn read_back<T: DeserializeOwned + Serialize>(
        repo: &Repo<&MemoryStore>,
        records: &BTreeMap<String, String>,
        doc: Document,
    ) -> T {
        let value: T = repo.load_doc(doc).unwrap().expect("stored");
        let key = doc.key();
        assert_eq!(
            serde_json::to_value(&value).unwrap(),
            body_of(&key, &records[&key]),
            "{doc:?}"
        );
        value
    }
    // Every document as its own type: a new document does not compile until it is here (and in
    // the fixture).
    for doc in Document::ALL {
        match doc {
            Document::Settings => {
                let settings: Settings = read_back(&repo, &records, doc);
                assert_eq!(settings.me.name, "Sam Rivera");
            }
            Document::Questions => {
                let bank: QuestionBank = read_back(&repo, &records, doc);
                assert_eq!(bank.own[0].id, "own-1");
            }
            Document::Deck => {
                read_back::<Deck>(&repo, &records, doc);
            }
            Document::Asked => {
                let asked: AskedLog = read_back(&repo, &records, doc);
                assert!(asked.by_contact["c-ada"].contains("own-1"));
            }
            Document::Preps => {
                let preps: BTreeMap<String, ChatPrep> = read_back(&repo, &records, doc);
                assert_eq!(preps["c-ada"].questions[0].answer, "The punched cards");
            }
            Document::Templates => {
                let templates: TemplateSet = read_back(&repo, &records, doc);
                assert_eq!(
                    templates.get("t-own").map(|t| t.name.as_str()),
                    Some("Coffee")
                );
            }
            Document::BackupLog => {
                let log: BackupLog = read_back(&repo, &records, doc);
                assert_eq!(log.last_backup, Some(t(3600)));
            }
            Document::NotDuplicates => {
                let not: NotDuplicates = read_back(&repo, &records, doc);
                assert!(not.contains("c-cy", "c-ada"));
            }
        }
    }

    // A backup of it carries every record but this browser's backup log.
    let backup = repo.export_backup(t(7200)).unwrap();
    assert!(backup.left_out.is_empty(), "{:?}", backup.left_out);
    assert_eq!(backup.contacts, contacts);
    let carried: Vec<&str> = backup.docs.keys().map(String::as_str).collect();
    assert_eq!(
        carried,
        [
            "asked",
            "deck",
            "not-duplicates",
            "preps",
            "questions",
            "settings",
            "templates"
        ]
    );
}
