//! The storage rules over the real `window.localStorage`, run in headless Chromium by
//! wasm-bindgen-test: what the adapter writes, one key per edit, a corrupt record, a full quota.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use wasm_bindgen_test::*;
use weak_ties::storage::local::BrowserStorage;
use weak_ties_domain::model::{new_id, Contact};
use weak_ties_domain::store::{contact_key, KeyValue, Repo, SaveError, StoreError};

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn snapshot() -> BTreeMap<String, String> {
    let s = local();
    (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .map(|k| {
            let v = s.get_item(&k).unwrap().unwrap();
            (k, v)
        })
        .collect()
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 10, 0, 0).unwrap()
}

#[wasm_bindgen_test]
fn reads_writes_lists_and_removes_keys_in_local_storage() {
    local().clear().unwrap();
    let store = BrowserStorage;
    assert_eq!(store.get("wt:test").unwrap(), None);
    store.set("wt:test", "héllo ✓").unwrap();
    assert_eq!(store.get("wt:test").unwrap().as_deref(), Some("héllo ✓"));
    assert_eq!(store.keys().unwrap(), vec!["wt:test".to_string()]);
    // What the adapter wrote is really in window.localStorage.
    assert_eq!(
        local().get_item("wt:test").unwrap().as_deref(),
        Some("héllo ✓")
    );
    store.remove("wt:test").unwrap();
    assert!(store.keys().unwrap().is_empty());
}

#[wasm_bindgen_test]
fn reads_every_key_of_a_prefix_at_once_as_utf16() {
    local().clear().unwrap();
    let store = BrowserStorage;
    // A packed-looking text, plain text with accents and an astral character, an empty value,
    // and keys outside the prefix.
    let values = [
        ("wt:contact:a", "~a\u{4000}\u{BFFF}\u{7A7A}"),
        ("wt:contact:b", "{\"name\":\"Émile 🙂\"}"),
        ("wt:doc:c", ""),
        ("other", "x"),
        ("wt", "y"),
    ];
    for (key, value) in values {
        local().set_item(key, value).unwrap();
    }
    let mut found: Vec<(String, String)> = store
        .read_prefixed("wt:")
        .unwrap()
        .iter()
        .map(|(k, v)| (k, String::from_utf16(v).unwrap()))
        .collect();
    found.sort();
    let expected: Vec<(String, String)> = values[..3]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(found, expected);
    assert!(store.read_prefixed("nothing:").unwrap().is_empty());
}

#[wasm_bindgen_test]
fn one_edit_writes_exactly_one_key() {
    local().clear().unwrap();
    let (repo, _) = Repo::open(BrowserStorage).unwrap();
    let mut saved = Vec::new();
    for name in ["Ada", "Grace", "Katherine"] {
        saved.push(
            repo.save_contact(&Contact::new(name, now()), now())
                .unwrap(),
        );
    }
    let before = snapshot();
    let mut edited = saved[1].clone();
    edited.notes = "Loves nanoseconds".into();
    repo.save_contact(&edited, now()).unwrap();
    let after = snapshot();
    let changed: Vec<_> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .collect();
    assert_eq!(changed, vec![contact_key(&edited.id)]);
    assert_eq!(before.len(), after.len());
}

#[wasm_bindgen_test]
fn a_corrupt_record_is_kept_aside_and_the_rest_loads() {
    local().clear().unwrap();
    let (repo, _) = Repo::open(BrowserStorage).unwrap();
    let ada = repo
        .save_contact(&Contact::new("Ada", now()), now())
        .unwrap();
    local()
        .set_item("wt:contact:broken", "{\"id\": \"broken\", \"name\": ")
        .unwrap();
    let (_, loaded) = Repo::open(BrowserStorage).unwrap();
    assert_eq!(loaded.contacts.len(), 1);
    assert_eq!(loaded.contacts[0].id, ada.id);
    assert_eq!(loaded.quarantined.len(), 1);
    assert_eq!(loaded.quarantined[0].key, "wt:contact:broken");
    // Untouched.
    assert_eq!(
        local().get_item("wt:contact:broken").unwrap().as_deref(),
        Some("{\"id\": \"broken\", \"name\": ")
    );
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_and_changes_nothing() {
    local().clear().unwrap();
    let (repo, _) = Repo::open(BrowserStorage).unwrap();
    let ada = repo
        .save_contact(&Contact::new("Ada", now()), now())
        .unwrap();
    // Fill the origin's quota (about 5 MB in Chromium) with filler keys.
    let chunk = "x".repeat(512 * 1024);
    let mut i = 0;
    while local().set_item(&format!("filler:{i}"), &chunk).is_ok() {
        i += 1;
    }
    let small = "y".repeat(1024);
    while local().set_item(&format!("small:{i}"), &small).is_ok() {
        i += 1;
    }
    let before = snapshot();
    let mut edited = ada.clone();
    // Random text, which compression cannot shrink to fit in what is left.
    edited.notes = (0..2000).map(|_| new_id()).collect();
    let err = repo.save_contact(&edited, now()).unwrap_err();
    assert_eq!(err, SaveError::Store(StoreError::Full));
    assert!(err.to_string().contains("full"));
    assert_eq!(snapshot(), before);
    local().clear().unwrap();
}
