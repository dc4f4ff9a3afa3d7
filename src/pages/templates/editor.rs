//! Adding and editing a template: name, subject and message, with the placeholders listed beside
//! the text (a click inserts one where the cursor is) and unknown ones flagged as you type.

use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use weak_ties_domain::template::list::{unknown_in, unknown_text};
use weak_ties_domain::template::Placeholder;

use crate::app::{to, Page};
use crate::components::field::{Hinted, InputField};
use crate::components::outcome::Problem;
use crate::state::{AppState, Toast};

/// **Add template**.
#[component]
pub fn NewTemplate() -> impl IntoView {
    view! {
        <Page title="New template">
            <Editor id=None name=String::new() subject=String::new() body=String::new() />
        </Page>
    }
}

/// Editing one template, by the id in the path.
#[component]
pub fn EditTemplate() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    move || {
        let id = id();
        match state
            .templates
            .value
            .with_untracked(|s| s.get(&id).cloned())
        {
            None => view! {
                <Page title="Template not found">
                    <p>"This template does not exist, or was deleted."</p>
                    <A href=to("/templates")>"Back to Templates"</A>
                </Page>
            }
            .into_any(),
            Some(t) => view! {
                <Page title=format!("Edit {}", t.name)>
                    <Editor id=Some(t.id) name=t.name subject=t.subject body=t.body />
                </Page>
            }
            .into_any(),
        }
    }
}

/// Which text a placeholder goes into.
#[derive(Clone, Copy, PartialEq)]
enum Target {
    Subject,
    Body,
}

/// The length of `text` in UTF-16 code units, the unit of the DOM's selection offsets.
fn utf16_len(text: &str) -> u32 {
    u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX)
}

#[component]
fn Editor(id: Option<String>, name: String, subject: String, body: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let name = RwSignal::new(name);
    let subject = RwSignal::new(subject);
    let body = RwSignal::new(body);
    let name_error = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let subject_ref = NodeRef::<html::Input>::new();
    let body_ref = NodeRef::<html::Textarea>::new();
    let name_ref = NodeRef::<html::Input>::new();
    // The text the user was last in; a placeholder goes at the end of the message before that.
    let target = RwSignal::new(None::<Target>);

    let unknown = Memo::new(move |_| unknown_in(&subject.get(), &body.get()));

    // Puts `token` in place of the selection (or at the cursor) of the subject or the message,
    // and leaves the cursor after it.
    let insert = move |token: String| {
        let after = |start: u32| start.saturating_add(utf16_len(&token));
        match target.get_untracked() {
            Some(Target::Subject) => {
                let Some(el) = subject_ref.get_untracked() else {
                    return;
                };
                let end_of = utf16_len(&el.value());
                let start = el.selection_start().ok().flatten().unwrap_or(end_of);
                let end = el.selection_end().ok().flatten().unwrap_or(start);
                if el
                    .set_range_text_with_start_and_end(&token, start, end)
                    .is_ok()
                {
                    let _ = el.set_selection_range(after(start), after(start));
                }
                subject.set(el.value());
                let _ = el.focus();
            }
            which => {
                let Some(el) = body_ref.get_untracked() else {
                    return;
                };
                let end_of = utf16_len(&el.value());
                let (start, end) = if which.is_none() {
                    (end_of, end_of)
                } else {
                    let start = el.selection_start().ok().flatten().unwrap_or(end_of);
                    (start, el.selection_end().ok().flatten().unwrap_or(start))
                };
                if el
                    .set_range_text_with_start_and_end(&token, start, end)
                    .is_ok()
                {
                    let _ = el.set_selection_range(after(start), after(start));
                }
                body.set(el.value());
                target.set(Some(Target::Body));
                let _ = el.focus();
            }
        }
    };

    let save =
        move |ev: SubmitEvent| {
            ev.prevent_default();
            let n = name.get_untracked().trim().to_string();
            if n.is_empty() {
                name_error.set(Some("Please give the template a name.".into()));
                if let Some(el) = name_ref.get_untracked() {
                    let _ = el.focus();
                }
                return;
            }
            name_error.set(None);
            let (s, b) = (subject.get_untracked(), body.get_untracked());
            let result = match &id {
            Some(id) => state
                .change_doc(state.templates, |set| set.edit(id, n.clone(), s, b))
                .and_then(|found| {
                    if found {
                        Ok(())
                    } else {
                        Err("This template was deleted meanwhile, so there is nothing to save it \
                             over. Copy your text, then add it as a new template."
                            .into())
                    }
                }),
            None => state
                .change_doc(state.templates, |set| {
                    set.add(n.clone(), s, b);
                })
                .map(|_| ()),
        };
            match result {
                Ok(()) => {
                    state.show(Toast {
                        message: format!("Saved “{n}”."),
                        undo: None,
                    });
                    navigate("/templates", Default::default());
                }
                Err(e) => problem.set(Some(e)),
            }
        };

    view! {
        <form class="template-editor" on:submit=save novalidate>
            <InputField
                id="t-name".to_string()
                label="Name"
                value=name
                error=name_error
                node_ref=name_ref
                autocomplete="off"
            />
            <div class="field">
                <label for="t-subject">"Subject"</label>
                <input
                    id="t-subject"
                    node_ref=subject_ref
                    bind:value=subject
                    autocomplete="off"
                    on:focus=move |_| target.set(Some(Target::Subject))
                />
            </div>
            <div class="field">
                <Hinted id="t-body" label="Message" hint="Placeholders look like {{first_name}}. A default after a bar is used when there is no value: {{first_name|there}}.">
                    <textarea
                        rows="14"
                        node_ref=body_ref
                        bind:value=body
                        on:focus=move |_| target.set(Some(Target::Body))
                    ></textarea>
                </Hinted>
                <div class="unknown-placeholders" role="status">
                    {move || {
                        unknown
                            .with(|names| unknown_text(names))
                            .map(|(what, tokens)| {
                                view! {
                                    <p class="banner">
                                        {what}
                                        <strong>{tokens}</strong>
                                        ". Not one of the placeholders listed here: check the spelling. If you keep it, you will type its value for each message."
                                    </p>
                                }
                            })
                    }}
                </div>
            </div>
            <aside class="placeholder-list" aria-labelledby="ph-h">
                <h2 id="ph-h">"Placeholders"</h2>
                <p class="hint">"Choose one to insert it where the cursor is, in the subject or the message."</p>
                <ul>
                    {Placeholder::ALL
                        .iter()
                        .map(|p| {
                            let token = p.token();
                            let to_insert = token.clone();
                            let desc_id = format!("ph-{}-desc", p.key());
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        aria-describedby=desc_id.clone()
                                        on:click=move |_| insert(to_insert.clone())
                                    >
                                        <span class="ph-label">{p.label()}</span>
                                        " "
                                        <code>{token}</code>
                                    </button>
                                    <p class="hint" id=desc_id>{p.description()}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </aside>
            <div class="template-after">
                <Problem problem=problem />
                <div class="form-actions">
                    <button type="submit" class="primary">"Save template"</button>
                    <A href=to("/templates") attr:class="button">"Cancel"</A>
                </div>
            </div>
        </form>
    }
}
