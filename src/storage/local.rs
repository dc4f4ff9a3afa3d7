//! The `KeyValue` interface of the domain, over `window.localStorage`.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use weak_ties_domain::store::{KeyValue, StoreError};

// Loading reads every record at once: one call into JavaScript, which copies the values' UTF-16
// code units into one array, instead of a `getItem` per key, each converted to UTF-8 on its way
// into Rust (a packed character takes 3 bytes of UTF-8, so that would triple the text to move).
#[wasm_bindgen(inline_js = r#"
export function read_prefixed(storage, prefix) {
  const keys = [];
  const values = [];
  let total = 0;
  for (let i = 0, n = storage.length; i < n; i++) {
    const key = storage.key(i);
    if (key === null || !key.startsWith(prefix)) continue;
    const value = storage.getItem(key);
    if (value === null) continue;
    keys.push(key);
    values.push(value);
    total += value.length;
  }
  // One flat string copies faster than many (measured: ~18 ms against ~30 ms for 10,000 records).
  const all = values.join("");
  const units = new Uint16Array(total);
  for (let i = 0; i < total; i++) units[i] = all.charCodeAt(i);
  const ends = new Uint32Array(values.length);
  let at = 0;
  for (let v = 0; v < values.length; v++) ends[v] = at += values[v].length;
  return { keys, units, ends };
}
"#)]
extern "C" {
    /// Every key of `storage` starting with `prefix`: `{ keys, units, ends }`, the values' code
    /// units one after another in `units`, value `i` ending at `ends[i]`.
    #[wasm_bindgen(catch)]
    fn read_prefixed(
        storage: &web_sys::Storage,
        prefix: &str,
    ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
}

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

    fn read_prefixed(&self, prefix: &str) -> Result<Vec<(String, Vec<u16>)>, StoreError> {
        let found = read_prefixed(&storage()?, prefix)
            .map_err(|e| StoreError::Unavailable(describe(&e)))?;
        let field = |name: &str| js_sys::Reflect::get(&found, &name.into()).unwrap_or_default();
        let keys = js_sys::Array::from(&field("keys"));
        let units = js_sys::Uint16Array::from(field("units")).to_vec();
        let ends = js_sys::Uint32Array::from(field("ends")).to_vec();
        let mut start = 0;
        Ok(keys
            .iter()
            .zip(ends)
            .map(|(key, end)| {
                let value = units[start..end as usize].to_vec();
                start = end as usize;
                (key.as_string().unwrap_or_default(), value)
            })
            .collect())
    }
}
