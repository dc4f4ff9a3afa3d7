//! A labelled form field: the input (or text area), its hint, and its error message beside it,
//! tied together for screen readers with `aria-describedby` and `aria-invalid`; and [`Hinted`],
//! a label and a hint for a control of the page's own.

use leptos::html;
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
    /// The input itself, for a page that moves the focus to it (not given to a text area).
    #[prop(optional)]
    node_ref: NodeRef<html::Input>,
    /// The input's `autocomplete` (none when `None`; not given to a text area).
    #[prop(optional)]
    autocomplete: Option<&'static str>,
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
                node_ref=node_ref
                autocomplete=autocomplete
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

/// A label, a hint under it, and the one control they are for (`children`, an input, a text area
/// or a select of the page's own): the control is given the id `id` and is described by the hint
/// (`{id}-hint`) for screen readers.
#[component]
pub fn Hinted(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(into)] hint: String,
    children: Children,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let control = children()
        .add_any_attr(leptos::attr::id(id.clone()))
        .add_any_attr(leptos::attr::aria_describedby(hint_id.clone()));
    view! {
        <label for=id>{label}</label>
        <p class="hint" id=hint_id>{hint}</p>
        {control}
    }
}
