//! The installed app's icon badge (the Badging API), where the browser has it.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::navigator;

/// Shows `count` on the installed app's icon (the overdue follow-ups), or clears it at zero.
/// Does nothing where the Badging API is missing (Firefox, Safari outside an installed web app).
pub fn set_app_badge(count: usize) {
    let Some(navigator) = navigator() else {
        return;
    };
    let name = if count > 0 {
        "setAppBadge"
    } else {
        "clearAppBadge"
    };
    let Ok(method) = js_sys::Reflect::get(&navigator, &name.into()) else {
        return;
    };
    let Some(method) = method.dyn_ref::<js_sys::Function>() else {
        return;
    };
    let called = if count > 0 {
        method.call1(&navigator, &(count as f64).into())
    } else {
        method.call0(&navigator)
    };
    // A refusal (not installed, no permission) rejects the promise: nothing to tell the user.
    if let Ok(promise) = called.and_then(|p| p.dyn_into::<js_sys::Promise>()) {
        leptos::task::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}
