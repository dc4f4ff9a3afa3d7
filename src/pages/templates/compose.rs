//! Writing to one contact: pick a template, see it filled with their details, fill in what is
//! missing right there, then send it with the user's own apps (copy, mail app, share sheet) and
//! mark it as sent. Every value is rendered as text, never as markup.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use weak_ties_domain::mailto::mailto;
use weak_ties_domain::model::{Contact, InteractionKind};
use weak_ties_domain::template::compose::{
    asks, chosen_template, first_template, mark_sent, one_line, sent_hint, sent_summary, sent_text,
    still_missing_text,
};
use weak_ties_domain::template::{
    fill_template, first_name, missing_marker, FilledSegment, Values,
};

use crate::app::{to, Page};
use crate::browser::clipboard::copy_text;
use crate::browser::share::{can_share, share};
use crate::components::field::Hinted;
use crate::components::outcome::Problem;
use crate::components::routed_contact::{routed_contact, ContactNotFound, RoutedContact};
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

/// What marking the message as sent did.
/// What marking the message as sent logged: `kind`, and `done` when an open thank-you follow-up
/// was ticked off.
#[derive(Clone, Copy)]
struct Sent {
    kind: InteractionKind,
    done: bool,
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
    let asked_for = use_query_map().with_untracked(|q| q.get("template"));
    let first = state.templates.value.with_untracked(|set| {
        contact.with_untracked(|c| first_template(set, asked_for.as_deref(), c.as_ref()))
    });
    let chosen = RwSignal::new(first);
    let template = Memo::new(move |_| {
        let id = chosen.get();
        state
            .templates
            .value
            .with(|s| chosen_template(s, &id).cloned())
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
    let can_share = can_share();

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
    let failed = RwSignal::new(None::<String>);
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
        let name =
            template.with_untracked(|t| t.as_ref().map(|t| t.name.clone()).unwrap_or_default());
        let summary = sent_summary(&subject_text(), &name);
        let day = today();
        let kind = sent_kind();
        match state.change(&id, |c| mark_sent(c, kind, summary, day)) {
            Ok(done) => {
                sent.set(Some(Sent { kind, done }));
                failed.set(None);
            }
            Err(e) => {
                sent.set(None);
                failed.set(Some(e));
            }
        }
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
                                        let key = ask.name.clone();
                                        let current = typed
                                            .with_untracked(|m| m.get(&key).cloned().unwrap_or_default());
                                        view! {
                                            <div class="field">
                                                <Hinted id=format!("m-ask-{i}") label=ask.label() hint=ask.hint()>
                                                    <input
                                                        prop:value=current
                                                        placeholder=ask.default.clone().unwrap_or_default()
                                                        autocomplete="off"
                                                        on:input=move |ev| {
                                                            let value = event_target_value(&ev);
                                                            typed.update(|m| {
                                                                m.insert(key.clone(), value);
                                                            });
                                                        }
                                                    />
                                                </Hinted>
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
                    still_missing_text(&missing).map(|text| view! { <p class="banner">{text}</p> })
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
                    {move || sent_hint(sent_kind(), &who.get())}
                </p>
                <button
                    class="primary can-disable"
                    aria-describedby="m-sent-hint"
                    disabled=move || sent.with(Option::is_some)
                    on:click=mark_sent
                >
                    "Mark as sent"
                </button>
                <div role="status">
                    {move || match sent.get() {
                        Some(Sent { kind, done }) => {
                            let id = contact
                                .with_untracked(|c| c.as_ref().map(|c| c.id.clone()))
                                .unwrap_or_default();
                            let text = sent_text(kind, done);
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
                        None => ().into_any(),
                    }}
                </div>
                <Problem problem=failed />
            </section>
        </Show>
    }
}
