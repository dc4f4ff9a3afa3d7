//! Copying text to the clipboard.

use wasm_bindgen_futures::JsFuture;

use super::{navigator, navigator_has};

/// Copies `text` to the clipboard; the `Err` says what to do instead.
pub async fn copy_text(text: String) -> Result<(), String> {
    const REFUSED: &str =
        "The browser did not allow copying. Select the text above and copy it yourself.";
    let nav = navigator().filter(|_| navigator_has("clipboard"));
    let Some(nav) = nav else {
        return Err(REFUSED.into());
    };
    JsFuture::from(nav.clipboard().write_text(&text))
        .await
        .map(|_| ())
        .map_err(|_| REFUSED.to_string())
}
