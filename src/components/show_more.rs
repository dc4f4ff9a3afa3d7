//! **Show more**: the button under a long list that renders only its first rows, so that a list
//! of thousands never renders them all at once.

use leptos::prelude::*;

/// Adds `step` to `shown` (how many rows the list renders) while `total` is larger, saying how
/// many are not shown yet; nothing once every row is shown.
#[component]
pub fn ShowMore(
    #[prop(into)] total: Signal<usize>,
    shown: RwSignal<usize>,
    step: usize,
) -> impl IntoView {
    view! {
        <Show when=move || { total.get() > shown.get() }>
            <button class="show-more" on:click=move |_| shown.update(|n| *n += step)>
                {move || format!("Show more ({} not shown)", total.get().saturating_sub(shown.get()))}
            </button>
        </Show>
    }
}
