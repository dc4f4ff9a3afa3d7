//! The storage meter and the app badge, kept up to date: both are measured at start-up (after
//! the first screen) and again after each change to the contacts.

use std::time::Duration;

use leptos::prelude::*;
use weak_ties_domain::storage_use::{Engine, StorageUse};

use crate::browser::badge::set_app_badge;
use crate::state::AppState;
use crate::storage::usage::measure;

/// How full `localStorage` is; `None` until measured, or where it cannot be read. Provided as
/// context by [`start`].
#[derive(Clone, Copy)]
pub struct Meter(pub RwSignal<Option<StorageUse>>);

/// How long after a change the meter is measured again: after the page has been drawn, and once
/// for a burst of changes.
const SETTLE: Duration = Duration::from_millis(300);

/// Provides the [`Meter`] and keeps it and the app badge following the book.
pub fn start(state: AppState) {
    let meter = Meter(RwSignal::new(None));
    provide_context(meter);
    let engine = web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .map(|ua| Engine::from_user_agent(&ua))
        .unwrap_or(Engine::Blink);
    let pending = StoredValue::new(false);
    Effect::new(move |_| {
        state.book.track();
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        set_timeout(
            move || {
                pending.set_value(false);
                meter
                    .0
                    .set(measure().map(|measured| StorageUse::new(engine, measured)));
            },
            SETTLE,
        );
    });
    let overdue = Memo::new(move |_| state.overdue_count());
    Effect::new(move |_| set_app_badge(overdue.get()));
}
