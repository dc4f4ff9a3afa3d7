//! A labelled form field: the input (or text area), its hint, and its error message beside it,
//! tied together for screen readers with `aria-describedby` and `aria-invalid`.

use leptos::prelude::*;

/// One labelled input. `error` is the field's current problem, shown under it; `id` names the
/// input, and its hint and error are `{id}-hint` and `{id}-error`.
#[component]
pub fn InputField(
    id: String,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] multiline: bool,
    /// The input's `type`, "text" when `None`.
    #[prop(optional_no_strip)]
    kind: Option<String>,
    #[prop(optional_no_strip)] hint: Option<String>,
) -> impl IntoView {
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let has_hint = hint.is_some();
    let described = {
        let (hint_id, err_id) = (hint_id.clone(), err_id.clone());
        move || {
            let mut by = Vec::new();
            if has_hint {
                by.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                by.push(err_id.clone());
            }
            (!by.is_empty()).then(|| by.join(" "))
        }
    };
    let invalid = move || error.with(Option::is_some).then_some("true");
    let input = if multiline {
        view! {
            <textarea
                id=id.clone()
                bind:value=value
                aria-invalid=invalid
                aria-describedby=described
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type=kind.unwrap_or_else(|| "text".into())
                bind:value=value
                aria-invalid=invalid
                aria-describedby=described
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {input}
            {move || error.get().map(|e| view! { <p class="error" id=err_id.clone()>{e}</p> })}
        </div>
    }
}
