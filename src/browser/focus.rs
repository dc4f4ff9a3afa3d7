//! Moving the focus.

use wasm_bindgen::JsCast;

/// Focuses the element with this id, if there is one.
pub fn focus_by_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}
