//! Conference mode where it shows outside its own page: the banner on Home and Contacts, and the
//! note on the add-contact form saying what it filled in.

use leptos::prelude::*;
use leptos_router::components::A;
use weak_ties_domain::template::format_date;

use crate::app::to;
use crate::state::{today, AppState};

/// On the add-contact form: says what conference mode filled in.
#[component]
pub fn QuickAddNote() -> impl IntoView {
    let state = expect_context::<AppState>();
    let event = state.current_event();
    move || {
        event.get().map(|e| {
            view! {
                <p class="conference-note" role="note">
                    "Conference mode: Where met, Met on (today) and Tags are filled in for "
                    <strong>{e.name}</strong>
                    ". Change them under More details if needed."
                </p>
            }
        })
    }
}

/// At the top of Home and Contacts: the current event with **Turn off**, or a link to turn
/// conference mode on.
#[component]
pub fn ConferenceBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    let event = state.current_event();
    move || match event.get() {
        Some(e) => {
            let over = e
                .is_over(today())
                .then(|| format!(" · ended {}", format_date(e.end)));
            view! {
                <div class="banner conference" role="region" aria-label="Conference mode">
                    <span>
                        "Conference mode: "
                        <A href=to("/event")>{e.name}</A>
                        {over}
                    </span>
                    <button on:click=move |_| state.set_event(None)>"Turn off"</button>
                </div>
            }
            .into_any()
        }
        None => view! {
            <p class="conference-off">
                <A href=to("/event")>"Conference mode"</A>
            </p>
        }
        .into_any(),
    }
}
