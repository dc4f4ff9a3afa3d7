//! The warning that storage is nearly full (from 80% of the browser's `localStorage` limit; the
//! rule is the domain's `storage_use`), shown on Home and Contacts with a backup to make now.
//! At the limit itself every refused write still says why, where it was made.

use leptos::prelude::*;

use crate::meter::Meter;
use crate::state::{download_backup_from_banner, AppState};

#[component]
pub fn StorageBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    let Meter(meter) = expect_context::<Meter>();
    let failed = RwSignal::new(None::<String>);
    move || {
        meter.get().filter(|m| m.nearly_full()).map(|m| {
            let room = m.room().unwrap_or_default();
            view! {
                <section class="banner warn" aria-label="Storage nearly full">
                    <p>
                        <strong>{format!("Storage is {}% full. ", m.percent())}</strong>
                        {format!("{}. {room} ", m.summary())}
                        "When it is full, changes cannot be saved: make a backup now, so nothing is lost."
                    </p>
                    <div class="actions">
                        <button
                            class="primary"
                            on:click=move |_| {
                                leptos::task::spawn_local(async move {
                                    failed.set(download_backup_from_banner(state).await.err());
                                })
                            }
                        >
                            "Export backup"
                        </button>
                    </div>
                    {move || failed.get().map(|why| view! { <p role="alert">{why}</p> })}
                </section>
            }
        })
    }
}
