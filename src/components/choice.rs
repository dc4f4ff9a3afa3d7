//! Choice lists: [`Select`], the one `<select>` of the app, over options given as (value, label)
//! pairs: a fixed list of choices (tie strengths, kinds, categories...) valued by their index in
//! it ([`labelled`], read back with [`picked`]), or texts that are their own values ([`as_is`]).

use leptos::prelude::*;

/// The choice a `<select>` value names: an index into `all`, or `None` for "" (none chosen) or
/// anything else.
pub fn picked<T: Copy>(all: &[T], value: &str) -> Option<T> {
    value
        .parse::<usize>()
        .ok()
        .and_then(|i| all.get(i).copied())
}

/// The `<select>` value of `choice` in `all` ("" when it is not there).
pub fn value_of<T: PartialEq>(all: &[T], choice: &T) -> String {
    all.iter()
        .position(|v| v == choice)
        .map(|i| i.to_string())
        .unwrap_or_default()
}

/// The `<option>`s of `all`, each valued by its index and labelled by `label`.
pub fn index_options<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> impl IntoView {
    labelled(all, label)
        .into_iter()
        .map(|(value, text)| view! { <option value=value>{text}</option> })
        .collect_view()
}

/// `(value, label)` pairs of `all`, valued by index, for a [`Select`].
pub fn labelled<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> Vec<(String, String)> {
    all.iter()
        .enumerate()
        .map(|(i, &c)| (i.to_string(), label(c).to_string()))
        .collect()
}

/// Texts that are their own `<select>` value (tags, events), for a [`Select`].
pub fn as_is(texts: Vec<String>) -> Vec<(String, String)> {
    texts.into_iter().map(|t| (t.clone(), t)).collect()
}

/// A `<label>` and its `<select>` over `options` (`(value, label)`, followed as they change),
/// with a first option "" labelled `none` when it is given: the markup of every choice list.
#[component]
pub fn Select(
    #[prop(into)] id: String,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(optional_no_strip)] none: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label for=id.clone()>{label}</label>
        <select id=id bind:value=value>
            {none.map(|n| view! { <option value="">{n}</option> })}
            {move || {
                options
                    .get()
                    .into_iter()
                    .map(|(v, label)| view! { <option value=v>{label}</option> })
                    .collect_view()
            }}
        </select>
    }
}
