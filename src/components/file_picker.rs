//! A file input: the one way a file is picked (backup import, vCard import).

use leptos::prelude::*;

/// A labelled file input with its hint. It hands the chosen file to `on_file` and clears itself,
/// so that choosing the same file again (after fixing it) is seen.
#[component]
pub fn FilePicker(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    accept: &'static str,
    #[prop(into)] on_file: Callback<web_sys::File>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let picked = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            input.set_value("");
            on_file.run(file);
        }
    };
    view! {
        <label for=id>{label}</label>
        <p class="hint" id=hint_id.clone()>{hint}</p>
        <input id=id type="file" accept=accept aria-describedby=hint_id on:change=picked />
    }
}
