//! The `KeyValue` interface of the domain, over `window.localStorage`.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use weak_ties_domain::store::{KeyValue, Records, StoreError};

// Start-up reads every record at once, in one call into JavaScript that copies all keys and
// values as UTF-16 code units into one array, instead of a `getItem` per key from Rust, each
// converted to UTF-8 on its way in (a packed character takes 3 bytes of UTF-8, and the browser's
// `TextEncoder` measured slower than this copy: ~55 ms against ~40 ms for 10,000 records). Rust
// then copies that array once and reads the records in place (`Records`).
#[wasm_bindgen(inline_js = r#"
export function read_prefixed(storage, prefix) {
  const texts = [];
  for (let i = 0, n = storage.length; i < n; i++) {
    const key = storage.key(i);
    if (key === null || !key.startsWith(prefix)) continue;
    const value = storage.getItem(key);
    if (value !== null) texts.push(key, value);
  }
  // One flat string copies faster than many (measured: ~18 ms against ~30 ms for 10,000 records).
  const all = texts.join("");
  const units = new Uint16Array(all.length);
  for (let i = 0; i < all.length; i++) units[i] = all.charCodeAt(i);
  const ends = new Uint32Array(texts.length);
  let at = 0;
  for (let t = 0; t < texts.length; t++) ends[t] = at += texts[t].length;
  return { units, ends };
}
"#)]
extern "C" {
    /// Every key of `storage` starting with `prefix`, with its value: `{ units, ends }`, the
    /// code units of key, value, key, value... one after another, and where each ends.
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

    fn read_prefixed(&self, prefix: &str) -> Result<Records, StoreError> {
        let found = read_prefixed(&storage()?, prefix)
            .map_err(|e| StoreError::Unavailable(describe(&e)))?;
        let field = |name: &str| js_sys::Reflect::get(&found, &name.into()).unwrap_or_default();
        let units = js_sys::Uint16Array::from(field("units")).to_vec();
        let ends = js_sys::Uint32Array::from(field("ends")).to_vec();
        Records::from_parts(units, ends.into_iter().map(|end| end as usize).collect())
            .ok_or_else(|| StoreError::Unavailable("the stored records could not be read".into()))
    }
}
