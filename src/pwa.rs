//! Installable and offline: registers the service worker (assets/sw.js), announces a waiting new
//! version instead of swapping the code under the user's hands, and asks for persistent storage.

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// Set by **Reload**: the next change of controller is the new version taking over, and the page
/// reloads to run it. (The first install also changes the controller, and must not reload.)
static TAKING_UPDATE: AtomicBool = AtomicBool::new(false);

/// Whether a new version of the app is installed and waiting for **Reload**.
#[derive(Clone, Copy)]
pub struct Update {
    pub ready: RwSignal<bool>,
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent outside secure contexts (plain http on another host than localhost).
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .ok()
        .filter(|has| *has)?;
    Some(navigator.service_worker())
}

/// Registers the service worker and watches for updates. Does nothing where service workers are
/// not available.
pub fn start() -> Update {
    let update = Update {
        ready: RwSignal::new(false),
    };
    let Some(sw) = container() else {
        return update;
    };
    // The development server (`make serve`, a debug build) reloads the page on every save: a
    // service worker would answer that reload from its cache with the previous build. So none is
    // registered there, and one left by a release build served on the same address is removed.
    if cfg!(debug_assertions) {
        leptos::task::spawn_local(async move {
            if let Ok(reg) = JsFuture::from(sw.get_registration()).await {
                if let Some(reg) = reg.dyn_ref::<ServiceWorkerRegistration>() {
                    if let Ok(done) = reg.unregister() {
                        let _ = JsFuture::from(done).await;
                    }
                }
            }
        });
        return update;
    }
    // When the new version takes over (after Reload), load its code.
    let reload = Closure::<dyn Fn()>::new(|| {
        if !TAKING_UPDATE.load(Ordering::Relaxed) {
            return;
        }
        crate::browser::reload();
    });
    sw.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();

    let had_controller = sw.controller().is_some();
    leptos::task::spawn_local(async move {
        let Ok(reg) = JsFuture::from(sw.register("sw.js")).await else {
            web_sys::console::warn_1(
                &"Weak Ties: the service worker could not be registered".into(),
            );
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        if had_controller && reg.waiting().is_some() {
            update.ready.set(true);
        }
        let watched = reg.clone();
        let found = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = watched.installing() else {
                return;
            };
            let worker = installing.clone();
            let changed = Closure::<dyn Fn()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed && had_controller {
                    update.ready.set(true);
                }
            });
            installing.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
            changed.forget();
        });
        reg.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
        found.forget();
    });
    update
}

/// Lets the waiting version take over; the page reloads when it has.
pub fn take_update() {
    let Some(sw) = container() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let Ok(reg) = JsFuture::from(sw.get_registration()).await else {
            return;
        };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        if let Some(waiting) = reg.waiting() {
            TAKING_UPDATE.store(true, Ordering::Relaxed);
            let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
        }
    });
}

/// Whether the browser keeps this site's data for good (does not clear it under storage
/// pressure), after asking for it when `ask_to_persist`. `None` where the browser has no storage
/// manager.
pub async fn storage_persisted(ask_to_persist: bool) -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let persisted = JsFuture::from(storage.persisted().ok()?)
        .await
        .ok()?
        .as_bool()
        .unwrap_or(false);
    if persisted || !ask_to_persist {
        return Some(persisted);
    }
    Some(
        JsFuture::from(storage.persist().ok()?)
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
    )
}
