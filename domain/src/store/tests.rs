use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::stamp::{contact_from_body, Stamped};
use super::*;
use crate::codec;
use crate::model::Contact;

pub(super) fn t(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000 + secs, 0).unwrap()
}

pub(super) fn person(id: &str, name: &str) -> Contact {
    let mut c = Contact::new(name, t(0));
    c.id = id.into();
    c
}

pub(super) fn open(store: &MemoryStore) -> (Repo<&MemoryStore>, Loaded) {
    Repo::open(store).expect("open")
}

/// The keys whose values differ between two snapshots.
pub(super) fn changed(a: &BTreeMap<String, String>, b: &BTreeMap<String, String>) -> Vec<String> {
    let mut keys: Vec<String> = a.keys().chain(b.keys()).cloned().collect();
    keys.sort();
    keys.dedup();
    keys.retain(|k| a.get(k) != b.get(k));
    keys
}

pub(super) fn stored_json(store: &MemoryStore, key: &str) -> Value {
    serde_json::from_str(&codec::unpack(&store.get(key).unwrap().unwrap()).unwrap()).unwrap()
}

// --- MemoryStore -------------------------------------------------------------------------

#[test]
fn memory_store_quota_refuses_and_changes_nothing() {
    let store = MemoryStore::with_quota(10);
    store.set("ab", "cdef").unwrap(); // 6
    assert_eq!(store.set("gh", "ijklm"), Err(StoreError::Full)); // would be 13
    assert_eq!(store.snapshot().len(), 1);
    store.set("ab", "cdefghij").unwrap(); // replacing: 10, fits exactly
    assert_eq!(store.set("ab", "cdefghijk"), Err(StoreError::Full));
    assert_eq!(store.get("ab").unwrap().as_deref(), Some("cdefghij"));
    store.remove("ab").unwrap();
    assert_eq!(store.used(), 0);
    // UTF-16 code units, as browsers count: "é" is 1, "😀" is 2.
    store.set("k", "é😀").unwrap();
    assert_eq!(store.used(), 4);
}

#[test]
fn memory_store_fail_writes() {
    let store = MemoryStore::new();
    store.set("a", "1").unwrap();
    store.set_fail_writes(true);
    assert!(matches!(
        store.set("b", "2"),
        Err(StoreError::Unavailable(_))
    ));
    assert!(matches!(store.remove("a"), Err(StoreError::Unavailable(_))));
    assert_eq!(store.get("a").unwrap().as_deref(), Some("1"));
    store.set_fail_writes(false);
    store.set("b", "2").unwrap();
    assert_eq!(store.keys().unwrap(), vec!["a", "b"]);
}

// --- keys --------------------------------------------------------------------------------

#[test]
fn key_helpers() {
    assert_eq!(contact_key("abc"), "wt:contact:abc");
    assert_eq!(contact_id_from_key("wt:contact:abc"), Some("abc"));
    assert_eq!(contact_id_from_key("wt:doc:abc"), None);
    assert_eq!(contact_id_from_key("other"), None);
    assert_eq!(doc_key("settings"), "wt:doc:settings");
    assert_eq!(doc_name_from_key("wt:doc:settings"), Some("settings"));
    assert_eq!(doc_name_from_key("wt:meta"), None);
    assert!(CONTACT_PREFIX.starts_with(PREFIX) && DOC_PREFIX.starts_with(PREFIX));
    assert!(META_KEY.starts_with(PREFIX));
}

// --- open, save, reload ------------------------------------------------------------------

#[test]
fn fresh_open_writes_only_meta() {
    let store = MemoryStore::new();
    store.set("someone-else", "x").unwrap();
    let (_, loaded) = open(&store);
    assert_eq!(loaded, Loaded::default());
    assert_eq!(
        changed(&BTreeMap::new(), &store.snapshot()),
        vec!["someone-else", META_KEY]
    );
    assert_eq!(
        stored_json(&store, META_KEY),
        json!({"schema": CURRENT_SCHEMA})
    );
    // Opening again writes nothing.
    store.set_fail_writes(true);
    let before = store.snapshot();
    open(&store);
    assert_eq!(store.snapshot(), before);
}

#[test]
fn fresh_open_with_storage_refused_is_an_error() {
    let store = MemoryStore::new();
    store.set_fail_writes(true);
    let err = Repo::open(&store).unwrap_err();
    assert!(matches!(err, OpenError::Store(StoreError::Unavailable(_))));
    assert!(err.to_string().contains("private browsing"));
    assert!(store.snapshot().is_empty());
}

#[test]
fn round_trip() {
    let store = MemoryStore::new();
    let (repo, _) = open(&store);
    let mut ada = person("ada", "Ada Lovelace");
    ada.emails.push("ada@example.org".into());
    ada.notes = "Analytical engine.\nLikes poetry.".into();
    let saved = repo.save_contact(&ada, t(60)).unwrap();
    assert_eq!(saved.rev, 1);
    assert_eq!(saved.updated_at, t(60));
    assert_eq!(saved.created_at, t(0));
    assert_eq!(
        Contact {
            rev: 1,
            updated_at: t(60),
            ..ada.clone()
        },
        saved
    );

    assert_eq!(repo.reload_contact("ada"), Ok(Some(saved.clone())));
    assert_eq!(
        repo.reload_contact("wt:contact:ada"),
        Ok(Some(saved.clone()))
    );
    assert_eq!(repo.reload_contact("nobody"), Ok(None));

    let mut edit = saved.clone();
    edit.role = "Mathematician".into();
    let saved2 = repo.save_contact(&edit, t(120)).unwrap();
    assert_eq!(saved2.rev, 2);

    let (_, loaded) = open(&store);
    assert_eq!(loaded.contacts, vec![saved2]);
    assert!(loaded.quarantined.is_empty());
    // The record carries its version stamp.
    assert_eq!(
        stored_json(&store, "wt:contact:ada")["schema"],
        json!(CURRENT_SCHEMA)
    );
}

#[test]
fn one_edit_writes_exactly_one_key() {
    let store = MemoryStore::new();
    let (repo, _) = open(&store);
    let mut saved = Vec::new();
    for (id, name) in [("a", "Ann"), ("b", "Bob"), ("c", "Cy")] {
        saved.push(repo.save_contact(&person(id, name), t(1)).unwrap());
    }
    repo.save_doc(Document::Settings, &json!({"dark": true}))
        .unwrap();

    let before = store.snapshot();
    let mut bob = saved[1].clone();
    bob.follow_ups.push(crate::model::FollowUp {
        id: "f1".into(),
        kind: crate::model::FollowUpKind::ThankYou,
        text: "Thank Bob for the coffee".into(),
        due: chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
        done_on: None,
    });
    repo.save_contact(&bob, t(2)).unwrap();
    assert_eq!(changed(&before, &store.snapshot()), vec!["wt:contact:b"]);

    let before = store.snapshot();
    repo.delete_contact("c", 1).unwrap();
    assert_eq!(changed(&before, &store.snapshot()), vec!["wt:contact:c"]);

    let before = store.snapshot();
    repo.save_doc(Document::Settings, &json!({"dark": false}))
        .unwrap();
    assert_eq!(changed(&before, &store.snapshot()), vec!["wt:doc:settings"]);
}

#[test]
fn new_contact_whose_key_exists_is_a_conflict() {
    let store = MemoryStore::new();
    let (repo, _) = open(&store);
    let first = repo.save_contact(&person("x", "First"), t(1)).unwrap();
    let before = store.snapshot();
    let err = repo.save_contact(&person("x", "Second"), t(2)).unwrap_err();
    assert_eq!(
        err,
        SaveError::Conflict {
            current: Some(Box::new(first))
        }
    );
    assert_eq!(store.snapshot(), before);
}

#[test]
fn saving_an_edit_of_a_deleted_contact_is_a_conflict() {
    let store = MemoryStore::new();
    let (repo, _) = open(&store);
    let saved = repo.save_contact(&person("x", "X"), t(1)).unwrap();
    repo.delete_contact("x", 1).unwrap();
    let err = repo.save_contact(&saved, t(2)).unwrap_err();
    assert_eq!(err, SaveError::Conflict { current: None });
    assert!(err.to_string().contains("deleted in another tab"));
    assert_eq!(
        repo.delete_contact("x", 1),
        Err(SaveError::Conflict { current: None })
    );
    assert_eq!(repo.reload_contact("x"), Ok(None));
}

#[test]
fn delete_and_undo() {
    let store = MemoryStore::new();
    let (repo, _) = open(&store);
    let saved = repo.save_contact(&person("x", "X"), t(1)).unwrap();
    let with_x = store.snapshot();
    assert_eq!(
        repo.delete_contact("x", 0),
        Err(SaveError::Conflict {
            current: Some(Box::new(saved.clone()))
        })
    );
    let deleted = repo.delete_contact("x", 1).unwrap();
    assert_eq!(deleted, saved);
    assert_eq!(store.get("wt:contact:x").unwrap(), None);
    assert_eq!(repo.restore_contact(&deleted), Ok(saved.clone()));
    assert_eq!(store.snapshot(), with_x);
    // Restoring over a present record is refused.
    assert_eq!(
        repo.restore_contact(&deleted),
        Err(SaveError::Conflict {
            current: Some(Box::new(saved))
        })
    );
}

#[test]
fn blank_id_is_refused() {
    let store = MemoryStore::new();
    let (repo, _) = open(&store);
    let before = store.snapshot();
    assert!(matches!(
        repo.save_contact(&person(" ", "X"), t(1)),
        Err(SaveError::Invalid(_))
    ));
    assert!(matches!(
        repo.restore_contact(&person("", "X")),
        Err(SaveError::Invalid(_))
    ));
    assert_eq!(store.snapshot(), before);
}

// --- corrupt records ---------------------------------------------------------------------

#[test]
fn one_pass_takes_the_top_level_stamp_out_of_the_contact() {
    let c = person("one", "Ada");
    let mut body = serde_json::to_value(&c).unwrap();
    let read = |body: &Value| serde_json::from_str::<Stamped>(&body.to_string());
    let Stamped { contact, stamp } = read(&body).unwrap();
    assert_eq!((contact, stamp), (c.clone(), None));
    body["schema"] = Value::from(7);
    let Stamped { contact, stamp } = read(&body).unwrap();
    assert_eq!((contact, stamp), (c.clone(), Some(7)));
    body["schema"] = Value::Null;
    assert_eq!(read(&body).unwrap().stamp, None);
    body["schema"] = Value::from("seven");
    assert!(read(&body).is_err());
    // A "schema" field inside a nested record is not the record's stamp.
    body.as_object_mut().unwrap().remove("schema");
    body["interactions"] = serde_json::json!([
        {"id": "i", "date": "2025-01-02", "kind": "met", "summary": "", "schema": 9}
    ]);
    let Stamped { contact, stamp } = read(&body).unwrap();
    assert_eq!((contact.interactions.len(), stamp), (1, None));
    assert!(serde_json::from_str::<Stamped>("[1]").is_err());
}

#[test]
fn the_fast_path_reads_what_the_general_path_reads() {
    let store = MemoryStore::new();
    let (repo, _) = open(&store);
    let mut c = person("fast", "Zoë <b>Quinn</b> 🎉");
    c.notes = "line one\nline \"two\"".into();
    let saved = repo.save_contact(&c, t(1)).unwrap();
    let key = contact_key("fast");
    let raw = store.get(&key).unwrap().unwrap();
    let general = repo
        .read_body(&key, &raw)
        .and_then(|(_, body)| contact_from_body(&key, body))
        .unwrap();
    assert_eq!(repo.current_contact(&key, &raw), Some(general.clone()));
    assert_eq!(general, saved);
    // Under another key, or at another version, it steps aside for the general path.
    assert_eq!(repo.current_contact("wt:contact:other", &raw), None);
    let newer = codec::unpack(&raw)
        .unwrap()
        .replace("\"schema\":1", "\"schema\":2");
    assert_eq!(repo.current_contact(&key, &newer), None);
}

#[test]
fn corrupt_records_are_quarantined_and_left_untouched() {
    let store = MemoryStore::new();
    let (repo, _) = open(&store);
    let good = repo.save_contact(&person("good", "Grace"), t(1)).unwrap();
    let other = repo.save_contact(&person("zed", "Zed"), t(1)).unwrap();
    let packed = store.get("wt:contact:good").unwrap().unwrap();
    let full = codec::unpack(&packed).unwrap().into_owned();
    let bad = [
        (
            "wt:contact:cutpacked",
            packed.chars().take(packed.chars().count() / 2).collect(),
        ),
        (
            "wt:contact:truncated",
            full.chars().take(full.chars().count() / 2).collect(),
        ),
        (
            "wt:contact:wrongtype",
            full.replace("\"name\":\"Grace\"", "\"name\":5")
                .replace("good", "wrongtype"),
        ),
        ("wt:contact:mismatch", full.clone()),
        (
            "wt:contact:",
            full.replace("\"id\":\"good\"", "\"id\":\"\""),
        ),
        ("wt:contact:array", "[1,2]".to_string()),
        (
            "wt:contact:newer",
            full.replace("\"schema\":1", "\"schema\":99")
                .replace("good", "newer"),
        ),
        (
            "wt:contact:badstamp",
            full.replace("\"schema\":1", "\"schema\":\"one\"")
                .replace("good", "badstamp"),
        ),
        ("wt:doc:broken", "{\"schema\":1".to_string()),
        ("wt:doc:noenvelope", "{\"dark\":true}".to_string()),
    ];
    for (k, v) in &bad {
        store.set(k, v).unwrap();
    }
    let before = store.snapshot();

    let (repo, loaded) = open(&store);
    assert_eq!(loaded.contacts, vec![good, other]);
    let mut found: Vec<(String, String)> = loaded
        .quarantined
        .iter()
        .map(|q| (q.key.clone(), q.raw.clone()))
        .collect();
    found.sort();
    let mut expected: Vec<(String, String)> = bad
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    expected.sort();
    assert_eq!(found, expected);
    assert_eq!(
        store.snapshot(),
        before,
        "quarantined records are never rewritten"
    );
    let errors: BTreeMap<&str, &str> = loaded
        .quarantined
        .iter()
        .map(|q| (q.key.as_str(), q.error.as_str()))
        .collect();
    assert!(errors["wt:contact:truncated"].contains("not valid JSON"));
    assert!(errors["wt:contact:cutpacked"].contains("compressed text is damaged"));
    assert!(errors["wt:contact:wrongtype"].contains("shape of a contact"));
    assert!(errors["wt:contact:mismatch"].contains("does not match its key"));
    assert!(errors["wt:contact:"].contains("blank"));
    assert!(errors["wt:contact:newer"].contains("newer version"));
    assert!(errors["wt:contact:badstamp"].contains("not a whole number"));

    // The app refuses to overwrite or delete them, and offers them raw.
    let q = repo.reload_contact("wt:contact:mismatch").unwrap_err();
    assert_eq!(q.raw, full);
    let mut edit = person("mismatch", "M");
    edit.rev = 1;
    assert!(matches!(
        repo.save_contact(&edit, t(5)),
        Err(SaveError::Quarantined(_))
    ));
    assert!(matches!(
        repo.save_contact(&person("truncated", "T"), t(5)),
        Err(SaveError::Quarantined(_))
    ));
    assert!(matches!(
        repo.delete_contact("truncated", 1),
        Err(SaveError::Quarantined(_))
    ));
    assert!(matches!(
        repo.restore_contact(&person("newer", "N")),
        Err(SaveError::Quarantined(_))
    ));
    assert_eq!(
        repo.quarantined_raw("wt:contact:truncated"),
        Ok(Some(bad[1].1.clone()))
    );
    assert_eq!(store.snapshot(), before);
    let msg = repo.save_contact(&edit, t(5)).unwrap_err().to_string();
    assert!(msg.contains("not overwritten"), "{msg}");
}

// --- refused writes ----------------------------------------------------------------------

#[test]
fn refused_writes_change_nothing() {
    let store = MemoryStore::new();
    let (repo, _) = open(&store);
    let a = repo.save_contact(&person("a", "Ann"), t(1)).unwrap();
    let b = repo.save_contact(&person("b", "Bob"), t(1)).unwrap();
    repo.save_doc(Document::Settings, &json!({"dark": true}))
        .unwrap();
    let before = store.snapshot();

    // Quota: no room for a longer note.
    store.set_quota(Some(store.used() + 10));
    let mut edit = a.clone();
    edit.notes = "a long note that does not fit in the remaining space".into();
    let err = repo.save_contact(&edit, t(2)).unwrap_err();
    assert_eq!(err, SaveError::Store(StoreError::Full));
    assert!(err.to_string().contains("full"));
    assert_eq!(
        repo.save_contact(&person("c", "A new contact"), t(2)),
        Err(SaveError::Store(StoreError::Full))
    );
    assert_eq!(
        repo.save_doc(
            Document::Templates,
            &vec!["a long template body that does not fit"]
        ),
        Err(SaveError::Store(StoreError::Full))
    );
    assert_eq!(store.snapshot(), before);
    store.set_quota(None);

    // Storage refusing every write.
    store.set_fail_writes(true);
    let unavailable = |r: Result<Contact, SaveError>| {
        matches!(r, Err(SaveError::Store(StoreError::Unavailable(_))))
    };
    assert!(unavailable(repo.save_contact(&edit, t(3))));
    assert!(unavailable(repo.delete_contact("b", b.rev)));
    assert!(unavailable(repo.restore_contact(&person("c", "C"))));
    assert!(matches!(
        repo.save_doc(Document::Settings, &json!({})),
        Err(SaveError::Store(StoreError::Unavailable(_)))
    ));
    assert_eq!(store.snapshot(), before);
    let msg = repo.save_contact(&edit, t(3)).unwrap_err().to_string();
    assert!(msg.contains("refused to store data") && msg.contains("private browsing"));

    // And afterwards the same edit goes through.
    store.set_fail_writes(false);
    assert_eq!(repo.save_contact(&edit, t(4)).unwrap().rev, 2);
}

// --- two tabs ----------------------------------------------------------------------------

#[test]
fn two_tabs_stale_save_is_a_conflict() {
    let store = Rc::new(MemoryStore::new());
    let (tab_a, _) = Repo::open(Rc::clone(&store)).unwrap();
    tab_a.save_contact(&person("p", "Pat"), t(1)).unwrap();
    let (tab_b, loaded_b) = Repo::open(Rc::clone(&store)).unwrap();
    let p_in_b = loaded_b.contacts[0].clone();
    let p_in_a = tab_a.reload_contact("p").unwrap().unwrap();

    let mut edit_a = p_in_a.clone();
    edit_a.notes = "A's note".into();
    let saved_a = tab_a.save_contact(&edit_a, t(2)).unwrap();

    let mut edit_b = p_in_b.clone();
    edit_b.notes = "B's note".into();
    let before = store.snapshot();
    let err = tab_b.save_contact(&edit_b, t(3)).unwrap_err();
    assert_eq!(
        err,
        SaveError::Conflict {
            current: Some(Box::new(saved_a.clone()))
        }
    );
    assert!(err.to_string().contains("another tab"));
    assert_eq!(store.snapshot(), before);
    assert_eq!(
        tab_b.reload_contact("wt:contact:p"),
        Ok(Some(saved_a.clone()))
    );
    assert_eq!(
        tab_b.delete_contact("p", p_in_b.rev),
        Err(SaveError::Conflict {
            current: Some(Box::new(saved_a.clone()))
        })
    );

    // B rebases on the current version and saves; now A is the stale one.
    let mut rebased = saved_a.clone();
    rebased.notes.push_str(" + B's note");
    let saved_b = tab_b.save_contact(&rebased, t(4)).unwrap();
    assert_eq!(saved_b.rev, 3);
    assert!(matches!(
        tab_a.save_contact(&saved_a, t(5)),
        Err(SaveError::Conflict { .. })
    ));
    assert_eq!(tab_a.reload_contact("p"), Ok(Some(saved_b)));
}

#[test]
fn two_tabs_over_a_shared_reference() {
    let store = MemoryStore::new();
    let (a, _) = Repo::open(&store).unwrap();
    let (b, _) = Repo::open(&store).unwrap();
    let x = a.save_contact(&person("x", "X"), t(1)).unwrap();
    // B creates a contact with the same id without having seen A's: conflict.
    assert!(matches!(
        b.save_contact(&person("x", "Other X"), t(2)),
        Err(SaveError::Conflict { .. })
    ));
    // A deletes; B's edit of the old version is refused, A's delete stands.
    a.delete_contact("x", 1).unwrap();
    assert_eq!(
        b.save_contact(&x, t(3)),
        Err(SaveError::Conflict { current: None })
    );
    assert_eq!(store.get("wt:contact:x").unwrap(), None);
}

// --- schema ------------------------------------------------------------------------------

#[test]
fn newer_schema_is_refused_without_writing() {
    let store = MemoryStore::new();
    store.set(META_KEY, "{\"schema\":2}").unwrap();
    store
        .set("wt:contact:a", "{\"schema\":2,\"whatever\":true}")
        .unwrap();
    let before = store.snapshot();
    let err = Repo::open(&store).unwrap_err();
    assert_eq!(err, OpenError::NewerSchema { found: 2 });
    assert!(err.to_string().contains("newer version of Weak Ties"));
    assert_eq!(store.snapshot(), before);
}

#[test]
fn unreadable_meta_is_an_error_and_kept() {
    for raw in [
        "garbage",
        "{\"schema\":\"one\"}",
        "{}",
        "[1]",
        "{\"schema\":-1}",
    ] {
        let store = MemoryStore::new();
        store.set(META_KEY, raw).unwrap();
        let before = store.snapshot();
        match Repo::open(&store) {
            Err(OpenError::BadMeta { raw: r, error }) => {
                assert_eq!(r, raw);
                assert!(!error.is_empty());
            }
            other => panic!("{raw}: {other:?}"),
        }
        assert!(Repo::open(&store)
            .unwrap_err()
            .to_string()
            .contains("wt:meta"));
        assert_eq!(store.snapshot(), before);
    }
}

#[test]
fn records_pair_each_key_with_its_value() {
    let store = MemoryStore::new();
    for (key, value) in [("wt:a", "Émile 🙂"), ("wt:b", ""), ("other", "x")] {
        store.set(key, value).unwrap();
    }
    let found = store.read_prefixed("wt:").unwrap();
    assert_eq!(found.len(), 2);
    let mut pairs: Vec<(String, String)> = found
        .iter()
        .map(|(k, v)| (k, String::from_utf16(v).unwrap()))
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            ("wt:a".to_string(), "Émile 🙂".to_string()),
            ("wt:b".to_string(), String::new())
        ]
    );
    assert!(store.read_prefixed("nothing:").unwrap().is_empty());
}
#[test]
fn records_from_parts_refuse_ends_that_do_not_fit() {
    let units: Vec<u16> = "keyvalue".encode_utf16().collect();
    assert_eq!(
        Records::from_parts(units.clone(), vec![3, 8])
            .unwrap()
            .len(),
        1
    );
    for ends in [vec![3], vec![3, 9], vec![5, 3], vec![3, 8, 8]] {
        assert!(
            Records::from_parts(units.clone(), ends.clone()).is_none(),
            "{ends:?}"
        );
    }
    // An unpaired surrogate, which JavaScript strings may hold.
    let odd = Records::from_parts(vec![0x6B, 0xD800, 0x76], vec![2, 3]).unwrap();
    let (key, value) = odd.iter().next().unwrap();
    assert_eq!((key.as_str(), value), ("k\u{FFFD}", &[0x76][..]));
}

// --- documents ---------------------------------------------------------------------------

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Prefs {
    dark: bool,
    greeting: String,
}

#[test]
fn documents_round_trip_and_report_corruption() {
    let store = MemoryStore::new();
    let (repo, _) = open(&store);
    assert_eq!(repo.load_doc::<Prefs>(Document::Settings), Ok(None));
    let prefs = Prefs {
        dark: true,
        greeting: "Hi {first_name}".into(),
    };
    repo.save_doc(Document::Settings, &prefs).unwrap();
    assert_eq!(repo.load_doc::<Prefs>(Document::Settings), Ok(Some(prefs)));
    assert_eq!(
        stored_json(&store, "wt:doc:settings"),
        json!({"schema": 1, "doc": {"dark": true, "greeting": "Hi {first_name}"}})
    );
    // Any serializable value, not only objects.
    repo.save_doc(Document::Deck, &vec![3, 1, 2]).unwrap();
    assert_eq!(
        repo.load_doc::<Vec<u32>>(Document::Deck),
        Ok(Some(vec![3, 1, 2]))
    );

    // Wrong type: an error describing it, the stored text kept.
    let before = store.snapshot();
    match repo.load_doc::<Prefs>(Document::Deck) {
        Err(DocError::Corrupt(q)) => {
            assert_eq!(q.key, "wt:doc:deck");
            assert_eq!(q.raw, before["wt:doc:deck"]);
            assert!(q.error.contains("shape"));
        }
        other => panic!("{other:?}"),
    }
    // Bad JSON.
    store
        .set("wt:doc:settings", "{\"schema\":1,\"doc\":{\"dark\":tr")
        .unwrap();
    let err = repo.load_doc::<Prefs>(Document::Settings).unwrap_err();
    assert!(matches!(&err, DocError::Corrupt(q) if q.error.contains("not valid JSON")));
    assert!(err.to_string().contains("The saved settings"));
    // Newer than this code.
    store
        .set("wt:doc:settings", "{\"schema\":7,\"doc\":{}}")
        .unwrap();
    assert!(
        matches!(repo.load_doc::<Prefs>(Document::Settings), Err(DocError::Corrupt(q)) if q.error.contains("newer"))
    );
}

#[test]
fn every_document_is_named_once_with_its_key() {
    let names: BTreeSet<&str> = Document::ALL.iter().map(|doc| doc.name()).collect();
    assert_eq!(names.len(), Document::ALL.len());
    for doc in Document::ALL {
        assert_eq!(doc.key(), format!("wt:doc:{}", doc.name()));
        assert_eq!(Document::from_name(doc.name()), Some(doc));
        assert_eq!(Document::from_key(&doc.key()), Some(doc));
        assert_eq!(
            Document::from_backup_name(doc.name()),
            doc.in_backup().then_some(doc)
        );
    }
    assert_eq!(Document::from_name("prefs"), None);
    assert_eq!(Document::from_key("wt:contact:settings"), None);
    // The backup log stays in this browser; everything else travels in a backup.
    let carried: Vec<&str> = Document::ALL
        .iter()
        .filter(|doc| doc.in_backup())
        .map(|doc| doc.name())
        .collect();
    assert_eq!(
        carried,
        [
            "settings",
            "questions",
            "deck",
            "asked",
            "preps",
            "templates"
        ]
    );
}

// --- displays ----------------------------------------------------------------------------

#[test]
fn store_error_messages() {
    assert_eq!(
        StoreError::Full.to_string(),
        "The browser's storage for this site is full, so this change was not saved. Export a \
         backup and free some space."
    );
    assert_eq!(
        StoreError::Unavailable("SecurityError: denied".into()).to_string(),
        "The browser refused to store data (SecurityError: denied), so this change was not \
         saved. Storage may be disabled, for example in private browsing."
    );
    assert_eq!(
        SaveError::Store(StoreError::Full).to_string(),
        StoreError::Full.to_string()
    );
}

// --- model-based property test -----------------------------------------------------------

#[derive(Clone, Debug)]
enum Op {
    /// Save slot's contact with a new name, based on the model's revision (`None`) or on an
    /// arbitrary one.
    Save {
        slot: usize,
        base: Option<u64>,
        name: String,
    },
    Delete {
        slot: usize,
        base: Option<u64>,
    },
    /// Undo the last delete.
    Restore,
    FailWrites(bool),
}

fn op() -> impl Strategy<Value = Op> {
    let slot = 0..4usize;
    let base = prop::option::weighted(0.3, 0..4u64);
    prop_oneof![
        4 => (slot.clone(), base.clone(), "[a-zé ]{0,12}")
            .prop_map(|(slot, base, name)| Op::Save { slot, base, name }),
        2 => (slot, base).prop_map(|(slot, base)| Op::Delete { slot, base }),
        1 => Just(Op::Restore),
        1 => any::<bool>().prop_map(Op::FailWrites),
    ]
}

proptest! {
    #[test]
    fn saves_and_deletes_keep_the_store_equal_to_a_model(
        ops in prop::collection::vec(op(), 0..40),
        quota in prop::option::of(300..3000usize),
    ) {
        let store = MemoryStore::new();
        let (repo, _) = Repo::open(&store).unwrap();
        store.set_quota(quota);
        let ids = ["id-0", "id-1", "id-2", "id-3"];
        let mut model: BTreeMap<String, Contact> = BTreeMap::new();
        let mut last_deleted: Option<Contact> = None;
        let mut failing = false;

        for (i, op) in ops.into_iter().enumerate() {
            let now = t(i as i64 + 1);
            let before = store.snapshot();
            // What the model expects: a conflict (with the stored contact), or a write.
            let (result, conflict, expected_current, deleting) = match op {
                Op::FailWrites(fail) => {
                    store.set_fail_writes(fail);
                    failing = fail;
                    continue;
                }
                Op::Save { slot, base, name } => {
                    let id = ids[slot];
                    let stored = model.get(id).cloned();
                    let base = base.unwrap_or(stored.as_ref().map_or(0, |c| c.rev));
                    let mut edit = stored.clone().unwrap_or_else(|| person(id, ""));
                    edit.name = name;
                    edit.rev = base;
                    let conflict = match &stored {
                        Some(s) => base == 0 || s.rev != base,
                        None => base != 0,
                    };
                    let result = repo.save_contact(&edit, now);
                    if let Ok(saved) = &result {
                        prop_assert_eq!(saved, &Contact { rev: base + 1, updated_at: now, ..edit });
                    }
                    (result, conflict, stored, false)
                }
                Op::Delete { slot, base } => {
                    let id = ids[slot];
                    let stored = model.get(id).cloned();
                    let base = base.unwrap_or(stored.as_ref().map_or(0, |c| c.rev));
                    let conflict = stored.as_ref().is_none_or(|s| s.rev != base);
                    let result = repo.delete_contact(id, base);
                    if let Ok(deleted) = &result {
                        prop_assert_eq!(Some(deleted), stored.as_ref());
                    }
                    (result, conflict, stored, true)
                }
                Op::Restore => {
                    let Some(deleted) = last_deleted.clone() else { continue };
                    let stored = model.get(&deleted.id).cloned();
                    let result = repo.restore_contact(&deleted);
                    (result, stored.is_some(), stored, false)
                }
            };
            match result {
                Ok(written) => {
                    prop_assert!(!conflict);
                    prop_assert!(!failing);
                    if deleting {
                        model.remove(&written.id);
                        last_deleted = Some(written);
                    } else {
                        model.insert(written.id.clone(), written);
                    }
                }
                Err(SaveError::Conflict { current }) => {
                    prop_assert!(conflict);
                    prop_assert_eq!(current.map(|c| *c), expected_current);
                    prop_assert_eq!(store.snapshot(), before);
                }
                Err(SaveError::Store(e)) => {
                    prop_assert!(!conflict);
                    if failing {
                        prop_assert!(matches!(e, StoreError::Unavailable(_)));
                    } else {
                        prop_assert_eq!(e, StoreError::Full);
                        prop_assert!(quota.is_some());
                    }
                    prop_assert_eq!(store.snapshot(), before);
                }
                Err(other) => {
                    return Err(TestCaseError::fail(format!("unexpected {other:?}")));
                }
            }

            // The store holds exactly the model.
            let keys: Vec<String> = store.keys().unwrap();
            let mut expected_keys: Vec<String> = model.keys().map(|id| contact_key(id)).collect();
            expected_keys.push(META_KEY.to_string());
            expected_keys.sort();
            prop_assert_eq!(keys, expected_keys);
            for (id, contact) in &model {
                prop_assert_eq!(repo.reload_contact(id), Ok(Some(contact.clone())));
            }
        }

        store.set_fail_writes(false);
        let (_, loaded) = Repo::open(&store).unwrap();
        prop_assert!(loaded.quarantined.is_empty());
        prop_assert_eq!(loaded.contacts, model.into_values().collect::<Vec<_>>());
    }
}
