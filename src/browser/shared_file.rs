//! A file shared into the app: the service worker (`assets/sw.js`) receives the share target's
//! POST, keeps the file in a cache of its own and opens Settings with `?shared=card`; the app
//! takes the file from there once.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Cache, Response};

/// The cache the service worker keeps a shared file in (the same names are in `assets/sw.js`).
const CACHE: &str = "shared-with-weak-ties";
const FILE: &str = "shared-card";

/// The shared file's bytes, removed from the cache as they are read; `None` when there is none.
pub async fn take_shared_file() -> Result<Option<Vec<u8>>, String> {
    const LOST: &str =
        "The shared file could not be read. Share it again, or import it from Settings.";
    let fail = |_| LOST.to_string();
    let window = web_sys::window().ok_or(LOST)?;
    let base = window
        .document()
        .and_then(|d| d.base_uri().ok().flatten())
        .ok_or(LOST)?;
    let url = web_sys::Url::new_with_base(FILE, &base)
        .map_err(fail)?
        .href();
    let caches = window.caches().map_err(fail)?;
    let cache: Cache = JsFuture::from(caches.open(CACHE))
        .await
        .map_err(fail)?
        .unchecked_into();
    let hit = JsFuture::from(cache.match_with_str(&url))
        .await
        .map_err(fail)?;
    let Ok(response) = hit.dyn_into::<Response>() else {
        return Ok(None);
    };
    let buffer = JsFuture::from(response.array_buffer().map_err(fail)?)
        .await
        .map_err(fail)?;
    let _ = JsFuture::from(cache.delete_with_str(&url)).await;
    Ok(Some(js_sys::Uint8Array::new(&buffer).to_vec()))
}
