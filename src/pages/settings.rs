//! Settings: who the user is (name and signature for messages) and their talking points.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::app::Page;
use crate::state::AppState;

#[component]
pub fn Settings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let current = state.settings.value.get_untracked();
    let name = RwSignal::new(current.me.name.clone());
    let signature = RwSignal::new(current.me.signature.clone());
    let points = RwSignal::new(current.talking_points.join("\n"));
    let message = RwSignal::new(None::<Result<String, String>>);
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let result = state.change_doc(state.settings, |s| {
            s.me.name = name.get_untracked().trim().to_string();
            s.me.signature = signature.get_untracked();
            s.set_talking_points(&points.get_untracked());
        });
        message.set(Some(result.map(|()| "Saved.".to_string())));
    };
    view! {
        <Page title="Settings">
            <section aria-labelledby="me-h">
                <h2 id="me-h">"About you"</h2>
                <form on:submit=save>
                    <label for="my-name">"Your name"</label>
                    <input id="my-name" bind:value=name autocomplete="name" />
                    <label for="my-signature">"Signature"</label>
                    <p class="hint" id="my-signature-hint">"Put under your messages, for example your name and role."</p>
                    <textarea id="my-signature" bind:value=signature aria-describedby="my-signature-hint"></textarea>
                    <label for="talking-points">"Your talking points"</label>
                    <p class="hint" id="talking-points-hint">
                        "Your own interests and aspirations, one per line. They travel beside the questions you prepare, so a chat stays a conversation."
                    </p>
                    <textarea
                        id="talking-points"
                        bind:value=points
                        aria-describedby="talking-points-hint"
                    ></textarea>
                    <div class="form-actions">
                        <button type="submit" class="primary">"Save settings"</button>
                    </div>
                    {move || {
                        message
                            .get()
                            .map(|m| match m {
                                Ok(text) => view! { <p role="status">{text}</p> }.into_any(),
                                Err(text) => view! { <p class="banner danger" role="alert">{text}</p> }.into_any(),
                            })
                    }}
                </form>
            </section>
        </Page>
    }
}
