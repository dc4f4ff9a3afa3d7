//! The form that draws questions from the deck (how many, of which category), on Questions and
//! when preparing a chat with a contact.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use weak_ties_domain::questions::{Category, MAX_HAND};

use crate::components::choice::{labelled, Select};

/// **How many** and **Category** (read with `choice::picked`), and a **Draw** button that
/// submits to `on_draw`.
#[component]
pub fn DrawForm(
    count: RwSignal<String>,
    category: RwSignal<String>,
    on_draw: impl Fn(SubmitEvent) + 'static,
) -> impl IntoView {
    view! {
        <form class="draw-form" on:submit=on_draw>
            <div>
                <label for="hand-size">"How many"</label>
                <input
                    id="hand-size"
                    type="number"
                    min="1"
                    max=MAX_HAND.to_string()
                    inputmode="numeric"
                    bind:value=count
                />
            </div>
            <div>
                <Select id="category" label="Category" value=category options=labelled(&Category::ALL, Category::label) none=Some("All categories") />
            </div>
            <button type="submit" class="primary">"Draw"</button>
        </form>
    }
}
