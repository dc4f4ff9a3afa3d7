//! The browser's own services, each behind a small function: downloads, reading a chosen file,
//! the clipboard, the share sheet, focus, printing, the app's icon badge, the camera with canvas
//! pixels and `BarcodeDetector` (`camera`), and files shared into the app through the service
//! worker (`shared_file`). Pages and components call these instead of `web_sys` directly.

pub mod badge;
pub mod camera;
pub mod clipboard;
pub mod download;
pub mod file;
pub mod focus;
pub mod print;
pub mod share;
pub mod shared_file;

use wasm_bindgen::JsValue;

/// Whether the page is hidden (another app or tab in front, or the page closing).
pub fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

/// Loads the current page afresh.
pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

fn navigator() -> Option<web_sys::Navigator> {
    web_sys::window().map(|w| w.navigator())
}

/// True when the browser has `navigator.<name>` (clipboard and share are missing outside secure
/// contexts, and share on most desktops).
pub fn navigator_has(name: &str) -> bool {
    navigator()
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str(name)).ok())
        .is_some_and(|v| !v.is_undefined() && !v.is_null())
}
