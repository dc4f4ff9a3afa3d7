//! The `KeyValue` interface of the domain, over `window.localStorage`.

use wasm_bindgen::JsCast;
use weak_ties_domain::store::{KeyValue, StoreError};

/// The browser's `localStorage` for this origin.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserStorage;

fn storage() -> Result<web_sys::Storage, StoreError> {
    let window = web_sys::window().ok_or_else(|| StoreError::Unavailable("no window".into()))?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(StoreError::Unavailable("localStorage is missing".into())),
        Err(e) => Err(StoreError::Unavailable(describe(&e))),
    }
}

/// A readable description of a JavaScript exception.
fn describe(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| format!("{}: {}", d.name(), d.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

/// Turns a refused write into the domain's error: a full quota is told apart from the rest.
fn write_error(e: wasm_bindgen::JsValue) -> StoreError {
    let full = e
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|d| d.name() == "QuotaExceededError" || d.code() == 22);
    if full {
        StoreError::Full
    } else {
        StoreError::Unavailable(describe(&e))
    }
}

impl KeyValue for BrowserStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        storage()?
            .get_item(key)
            .map_err(|e| StoreError::Unavailable(describe(&e)))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        storage()?.set_item(key, value).map_err(write_error)
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        storage()?.remove_item(key).map_err(write_error)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let s = storage()?;
        let len = s
            .length()
            .map_err(|e| StoreError::Unavailable(describe(&e)))?;
        Ok((0..len).filter_map(|i| s.key(i).ok().flatten()).collect())
    }
}
