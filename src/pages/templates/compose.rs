//! Writing to one contact: pick a template, see it filled with their details, fill in what is
//! missing right there, then send it with the user's own apps (copy, mail app, share sheet) and
//! mark it as sent. Every value is rendered as text, never as markup.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use weak_ties_domain::mailto::mailto;
use weak_ties_domain::model::{Contact, FollowUpKind, InteractionKind};
use weak_ties_domain::template::{
    fill_template, first_name, missing_marker, parse, FilledSegment, Placeholder, Segment,
    Template, Values,
};

use crate::app::{to, Page};
use crate::pages::contacts::{routed_contact, ContactNotFound, RoutedContact};
use crate::state::{today, AppState};

/// The page at `/contacts/:id/message`.
#[component]
pub fn MessagePage() -> impl IntoView {
    // Only a new name re-renders the page (and so resets what was typed), not every change to
    // the contact, such as marking the message sent.
    let RoutedContact { contact, name, .. } = routed_contact();
    move || match name.get() {
        None => ContactNotFound().into_any(),
        Some(name) => view! {
            <Page title=format!("Message to {name}")>
                <Compose contact=contact />
            </Page>
        }
        .into_any(),
    }
}

/// A placeholder the user can fill in on this page: one with no value from the contact or the
/// settings.
#[derive(Clone, PartialEq)]
struct Ask {
    name: String,
    /// The template's default, used while the field is empty.
    default: Option<String>,
}

impl Ask {
    fn label(&self) -> String {
        Placeholder::from_key(&self.name)
            .map(|p| p.label().to_string())
            .unwrap_or_else(|| self.name.clone())
    }

    fn hint(&self) -> String {
        let source = Placeholder::from_key(&self.name)
            .map(|p| p.description().to_string())
            .unwrap_or_else(|| "A placeholder of your own.".to_string());
        match &self.default {
            Some(d) if !d.is_empty() => format!("{source} Left empty: “{d}”."),
            _ => format!(
                "{source} Left empty, it shows as {}.",
                missing_marker(&self.name)
            ),
        }
    }
}

/// The placeholders of a template that have no value in `base`, each once, in order.
fn asks(template: &Template, base: &Values) -> Vec<Ask> {
    let mut out: Vec<Ask> = Vec::new();
    for segment in parse(&template.subject)
        .into_iter()
        .chain(parse(&template.body))
    {
        if let Segment::Field { name, default, .. } = segment {
            if base.get(&name).is_none() && !out.iter().any(|a| a.name == name) {
                out.push(Ask { name, default });
            }
        }
    }
    out
}

/// The subject is one line: a line break in a value shows as a space, as it is sent.
fn one_line(text: &str) -> String {
    text.replace("\r\n", " ").replace(['\r', '\n'], " ")
}

/// Filled text as text nodes: values in a `<span>`, a missing placeholder in a `<mark>`.
fn segments_view(segments: Vec<FilledSegment>, subject: bool) -> impl IntoView {
    let flat = move |t: String| if subject { one_line(&t) } else { t };
    segments
        .into_iter()
        .map(|s| match s {
            FilledSegment::Text(t) => flat(t).into_any(),
            FilledSegment::Value { text, .. } => {
                view! { <span class="filled">{flat(text)}</span> }.into_any()
            }
            FilledSegment::Missing { name } => {
                view! { <mark>{missing_marker(&name)}</mark> }.into_any()
            }
        })
        .collect_view()
}

fn navigator() -> Option<web_sys::Navigator> {
    web_sys::window().map(|w| w.navigator())
}

/// True when the browser has `navigator.<name>` (clipboard and share are missing outside secure
/// contexts, and share on most desktops).
fn navigator_has(name: &str) -> bool {
    navigator()
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str(name)).ok())
        .is_some_and(|v| !v.is_undefined() && !v.is_null())
}

/// Copies `text` to the clipboard.
async fn copy_text(text: String) -> Result<(), String> {
    const REFUSED: &str =
        "The browser did not allow copying. Select the text above and copy it yourself.";
    let nav = navigator().filter(|_| navigator_has("clipboard"));
    let Some(nav) = nav else {
        return Err(REFUSED.into());
    };
    JsFuture::from(nav.clipboard().write_text(&text))
        .await
        .map(|_| ())
        .map_err(|_| REFUSED.to_string())
}

/// Opens the system share sheet. Cancelling it is not an error.
async fn share(title: String, text: String) -> Result<(), String> {
    let Some(nav) = navigator() else {
        return Err("Sharing is not available here.".into());
    };
    let data = web_sys::ShareData::new();
    data.set_title(&title);
    data.set_text(&text);
    match JsFuture::from(nav.share_with_data(&data)).await {
        Ok(_) => Ok(()),
        Err(e) => {
            let name = js_sys::Reflect::get(&e, &JsValue::from_str("name"))
                .ok()
                .and_then(|n| n.as_string());
            if name.as_deref() == Some("AbortError") {
                Ok(())
            } else {
                Err("Sharing did not work. Copy the message instead.".into())
            }
        }
    }
}

/// What marking the message as sent did.
#[derive(Clone)]
enum Sent {
    /// Logged as `kind`; `done` when an open thank-you follow-up was ticked off.
    Logged {
        kind: InteractionKind,
        done: bool,
    },
    Failed(String),
}

#[component]
fn Compose(contact: Memo<Option<Contact>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let choices = Memo::new(move |_| {
        state.templates.value.with(|s| {
            s.templates
                .iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    // Start with the template the link asked for (`?template=` a template id or a built-in's
    // key), else the thank-you after a chat when one is owed, else the first template.
    let asked_for = use_query_map().with_untracked(|q| q.get("template"));
    let owes_thanks = contact.with_untracked(|c| {
        c.as_ref()
            .is_some_and(|c| c.has_open(FollowUpKind::ThankYou))
    });
    let first = state.templates.value.with_untracked(|s| {
        let wanted = |key: &str| {
            s.templates
                .iter()
                .find(|t| t.id == key || t.builtin_key.as_deref() == Some(key))
        };
        asked_for
            .as_deref()
            .and_then(wanted)
            .or_else(|| wanted("thank_you_chat").filter(|_| owes_thanks))
            .or(s.templates.first())
            .map(|t| t.id.clone())
            .unwrap_or_default()
    });
    let chosen = RwSignal::new(first);
    let template = Memo::new(move |_| {
        let id = chosen.get();
        // The first one if the chosen template was deleted meanwhile (in another tab).
        state
            .templates
            .value
            .with(|s| s.get(&id).or(s.templates.first()).cloned())
    });
    let me = Memo::new(move |_| state.settings.value.with(|s| s.me.clone()));
    let base = Memo::new(move |_| {
        let me = me.get();
        contact.with(|c| {
            c.as_ref()
                .map(|c| Values::from_contact(c, &me))
                .unwrap_or_default()
        })
    });
    let asked = Memo::new(move |_| {
        let base = base.get();
        template.with(|t| t.as_ref().map(|t| asks(t, &base)).unwrap_or_default())
    });
    // What the user typed for the placeholders without a value, by name; kept when switching
    // templates, so advice typed once fills every template that asks for it.
    let typed = RwSignal::new(BTreeMap::<String, String>::new());
    let filled = Memo::new(move |_| {
        let mut values = base.get();
        typed.with(|m| {
            for (name, value) in m {
                values.set(name, value.clone());
            }
        });
        template.with(|t| t.as_ref().map(|t| fill_template(t, &values)))
    });
    let subject_text =
        move || filled.with(|f| f.as_ref().map(|f| f.subject_text()).unwrap_or_default());
    let body_text = move || filled.with(|f| f.as_ref().map(|f| f.body_text()).unwrap_or_default());

    let email =
        Memo::new(move |_| contact.with(|c| c.as_ref().and_then(|c| c.emails.first().cloned())));
    let who = Memo::new(move |_| {
        contact.with(|c| {
            c.as_ref()
                .map(|c| first_name(&c.name).to_string())
                .unwrap_or_default()
        })
    });
    let can_share = navigator_has("share");

    let copied = RwSignal::new(None::<Result<String, String>>);
    let copy = move |text: String, what: &'static str| {
        leptos::task::spawn_local(async move {
            copied.set(Some(
                copy_text(text).await.map(|()| format!("{what} copied.")),
            ));
        });
    };
    let share_it = move |_| {
        let (title, text) = (subject_text(), body_text());
        leptos::task::spawn_local(async move {
            if let Err(e) = share(title, text).await {
                copied.set(Some(Err(e)));
            }
        });
    };

    let sent = RwSignal::new(None::<Sent>);
    let sent_kind = move || {
        template.with(|t| {
            t.as_ref()
                .map_or(InteractionKind::Message, |t| t.sent_kind())
        })
    };
    let mark_sent = move |_| {
        let Some(id) = contact.with_untracked(|c| c.as_ref().map(|c| c.id.clone())) else {
            return;
        };
        let subject = subject_text();
        let summary = if subject.trim().is_empty() {
            template.with_untracked(|t| t.as_ref().map(|t| t.name.clone()).unwrap_or_default())
        } else {
            subject
        };
        let day = today();
        let kind = sent_kind();
        let result = state.change(&id, |c| {
            let _ = c.log_interaction(kind, day, summary, day);
            kind == InteractionKind::ThankYouSent && c.complete_thank_you(day)
        });
        sent.set(Some(match result {
            Ok(done) => Sent::Logged { kind, done },
            Err(e) => Sent::Failed(e),
        }));
    };

    view! {
        <Show
            when=move || choices.with(|c| !c.is_empty())
            fallback=|| {
                view! {
                    <p class="empty">
                        "No templates to start from. "
                        <A href=to("/templates")>"Add one, or restore the built-in ones"</A>
                    </p>
                }
            }
        >
            <div class="field">
                <label for="m-template">"Template"</label>
                <select id="m-template" bind:value=chosen>
                    {move || {
                        choices
                            .get()
                            .into_iter()
                            .map(|(id, name)| {
                                let selected = chosen.get_untracked() == id;
                                view! {
                                    <option value=id selected=selected>
                                        {name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>

            {move || {
                let asks = asked.get();
                (!asks.is_empty())
                    .then(|| {
                        view! {
                            <fieldset class="message-fields">
                                <legend>"Fill in for this message"</legend>
                                {asks
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, ask)| {
                                        let id = format!("m-ask-{i}");
                                        let hint_id = format!("{id}-hint");
                                        let key = ask.name.clone();
                                        let current = typed
                                            .with_untracked(|m| m.get(&key).cloned().unwrap_or_default());
                                        view! {
                                            <div class="field">
                                                <label for=id.clone()>{ask.label()}</label>
                                                <p class="hint" id=hint_id.clone()>{ask.hint()}</p>
                                                <input
                                                    id=id
                                                    prop:value=current
                                                    placeholder=ask.default.clone().unwrap_or_default()
                                                    aria-describedby=hint_id
                                                    autocomplete="off"
                                                    on:input=move |ev| {
                                                        let value = event_target_value(&ev);
                                                        typed
                                                            .update(|m| {
                                                                m.insert(key.clone(), value);
                                                            });
                                                    }
                                                />
                                            </div>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                        }
                    })
            }}

            <section class="message" aria-labelledby="m-preview-h">
                <h2 id="m-preview-h">"Message"</h2>
                <p class="message-subject">
                    <span class="message-label">"Subject: "</span>
                    <span id="m-subject">
                        {move || {
                            filled.get().map(|f| segments_view(f.subject.segments, true))
                        }}
                    </span>
                </p>
                <div class="message-body" id="m-body">
                    {move || filled.get().map(|f| segments_view(f.body.segments, false))}
                </div>
                {move || {
                    let missing = filled.with(|f| f.as_ref().map(|f| f.missing()).unwrap_or_default());
                    (!missing.is_empty())
                        .then(|| {
                            let labels = missing
                                .iter()
                                .map(|n| {
                                    Placeholder::from_key(n)
                                        .map(|p| p.label().to_string())
                                        .unwrap_or_else(|| n.clone())
                                })
                                .collect::<Vec<_>>()
                                .join(", ");
                            view! {
                                <p class="banner">
                                    {format!("Still to fill in: {labels}. Highlighted above until you do.")}
                                </p>
                            }
                        })
                }}
            </section>

            <section aria-labelledby="m-send-h">
                <h2 id="m-send-h">"Send it"</h2>
                <div class="actions">
                    <button on:click=move |_| copy(body_text(), "Message")>"Copy message"</button>
                    <button on:click=move |_| copy(subject_text(), "Subject")>"Copy subject"</button>
                    // Without an address the mail app opens with the subject and body, and the
                    // user picks who it goes to.
                    <a
                        class="button"
                        href=move || mailto(email.get().as_slice(), &subject_text(), &body_text())
                    >
                        "Open in mail app"
                    </a>
                    {can_share.then(|| view! { <button on:click=share_it>"Share…"</button> })}
                </div>
                <p class="hint">
                    "Copy message copies the message text only, ready to paste into an email, LinkedIn or a chat; Copy subject copies the subject line."
                </p>
                {move || {
                    email
                        .with(Option::is_none)
                        .then(|| {
                            view! {
                                <p class="hint">
                                    {format!(
                                        "No email address saved for {}: your mail app opens with the message, and you choose who it goes to. Add an address with Edit on their page.",
                                        who.get(),
                                    )}
                                </p>
                            }
                        })
                }}
                <div role="status">
                    {move || {
                        copied
                            .get()
                            .map(|r| match r {
                                Ok(text) => view! { <p>{text}</p> }.into_any(),
                                Err(text) => view! { <p class="error">{text}</p> }.into_any(),
                            })
                    }}
                </div>
            </section>

            <section aria-labelledby="m-sent-h">
                <h2 id="m-sent-h">"After sending"</h2>
                <p class="hint" id="m-sent-hint">
                    {move || match sent_kind() {
                        InteractionKind::ThankYouSent => {
                            format!(
                                "Logs “Thank-you sent” on {}'s timeline and ticks off their open thank-you follow-up.",
                                who.get(),
                            )
                        }
                        kind => format!("Logs “{}” on {}'s timeline.", kind.label(), who.get()),
                    }}
                </p>
                <button
                    class="primary can-disable"
                    aria-describedby="m-sent-hint"
                    disabled=move || matches!(sent.get(), Some(Sent::Logged { .. }))
                    on:click=mark_sent
                >
                    "Mark as sent"
                </button>
                <div role="status">
                    {move || match sent.get() {
                        Some(Sent::Logged { kind, done }) => {
                            let id = contact
                                .with_untracked(|c| c.as_ref().map(|c| c.id.clone()))
                                .unwrap_or_default();
                            let text = match (kind, done) {
                                (InteractionKind::ThankYouSent, true) => {
                                    "Marked as sent: “Thank-you sent” is on the timeline, and the thank-you follow-up is done. ".to_string()
                                }
                                (InteractionKind::ThankYouSent, false) => {
                                    "Marked as sent: “Thank-you sent” is on the timeline. There was no open thank-you follow-up to tick off. ".to_string()
                                }
                                (kind, _) => format!("Marked as sent: “{}” is on the timeline. ", kind.label()),
                            };
                            view! {
                                <p>
                                    {text}
                                    <A href=to(&format!("/contacts/{id}"))>
                                        {format!("Back to {}", who.get_untracked())}
                                    </A>
                                </p>
                            }
                                .into_any()
                        }
                        _ => ().into_any(),
                    }}
                </div>
                {move || match sent.get() {
                    Some(Sent::Failed(e)) => {
                        Some(view! { <p class="banner danger" role="alert">{e}</p> })
                    }
                    _ => None,
                }}
            </section>
        </Show>
    }
}
