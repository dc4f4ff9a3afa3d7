//! The browser storage adapter, run in headless Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
use weak_ties::storage::local::BrowserStorage;
use weak_ties_domain::store::KeyValue;

wasm_bindgen_test_configure!(run_in_browser);

fn clear() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
}

#[wasm_bindgen_test]
fn reads_writes_lists_and_removes_keys_in_local_storage() {
    clear();
    let store = BrowserStorage;
    assert_eq!(store.get("wt:test").unwrap(), None);
    store.set("wt:test", "héllo ✓").unwrap();
    assert_eq!(store.get("wt:test").unwrap().as_deref(), Some("héllo ✓"));
    assert_eq!(store.keys().unwrap(), vec!["wt:test".to_string()]);
    // What the adapter wrote is really in window.localStorage.
    let raw = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("wt:test")
        .unwrap();
    assert_eq!(raw.as_deref(), Some("héllo ✓"));
    store.remove("wt:test").unwrap();
    assert!(store.keys().unwrap().is_empty());
}
