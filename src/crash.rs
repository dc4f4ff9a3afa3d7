//! A panic in the WASM must not leave a silently frozen page: it is logged to the console and shown
//! in the `#crash` alert that index.html keeps ready.

use std::panic::PanicHookInfo;

/// Installs the panic hook.
pub fn install() {
    std::panic::set_hook(Box::new(show));
}

fn show(info: &PanicHookInfo) {
    let detail = info.to_string();
    web_sys::console::error_1(&format!("Weak Ties crashed: {detail}").into());
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(el) = doc.get_element_by_id("crash") {
        el.set_text_content(Some(&format!(
            "Something went wrong and Weak Ties stopped. Your saved contacts are safe in this \
             browser. Reload the page to continue. Details: {detail}"
        )));
        let _ = el.remove_attribute("hidden");
    }
}
