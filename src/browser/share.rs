//! The system share sheet.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::navigator;

/// Whether this browser has a share sheet.
pub fn can_share() -> bool {
    super::navigator_has("share")
}

/// Opens the system share sheet with a title and a text. Cancelling it is not an error.
pub async fn share(title: String, text: String) -> Result<(), String> {
    let Some(nav) = navigator() else {
        return Err("Sharing is not available here.".into());
    };
    let data = web_sys::ShareData::new();
    data.set_title(&title);
    data.set_text(&text);
    match JsFuture::from(nav.share_with_data(&data)).await {
        Ok(_) => Ok(()),
        Err(e) => {
            let name = js_sys::Reflect::get(&e, &JsValue::from_str("name"))
                .ok()
                .and_then(|n| n.as_string());
            if name.as_deref() == Some("AbortError") {
                Ok(())
            } else {
                Err("Sharing did not work. Copy the message instead.".into())
            }
        }
    }
}
