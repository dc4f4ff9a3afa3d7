//! A contact's page. It leads with what a user does after meeting someone: the contact's own
//! links (email, call, LinkedIn, web), **Write a message** and **Log a chat**, then the due
//! follow-ups; the rest (prepare a chat, prep sheet, vCard, calendar, delete) is in **More**.
//! Then the details, the timeline and the notes.

use chrono::Days;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use weak_ties_domain::avatar::{colour, initials, COLOURS};
use weak_ties_domain::contact_links::contact_links;
use weak_ties_domain::dates::parse_date;
use weak_ties_domain::follow_ups::due::{due_text, of_contact};
use weak_ties_domain::formats::{contact_file_name, FileKind};
use weak_ties_domain::model::{Contact, FollowUp, FollowUpKind, InteractionKind};
use weak_ties_domain::template::format_date;

use super::introductions;
use crate::app::{to, Page};
use crate::browser::download::download;
use crate::components::avatar::Avatar;
use crate::components::choice::{labelled, picked, Select};
use crate::components::contact_details::{AddressLink, Details};
use crate::components::due::FollowUpItem;
use crate::components::menu::{MenuButton, MenuItem};
use crate::components::outcome::Problem;
use crate::components::routed_contact::{routed_contact, ContactNotFound, RoutedContact};
use crate::formats_module;
use crate::state::{today, AppState};

#[component]
pub fn ContactPage() -> impl IntoView {
    let RoutedContact { contact, .. } = routed_contact();
    let exists = move || contact.with(Option::is_some);
    view! {
        <Show when=exists fallback=ContactNotFound>
            {move || {
                let title = contact.with(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default());
                view! {
                    <Page title=title>
                        <ContactBody contact=contact />
                    </Page>
                }
            }}
        </Show>
    }
}

#[component]
fn ContactBody(contact: Memo<Option<Contact>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = StoredValue::new_local(use_navigate());
    let c = move || {
        contact
            .get()
            .unwrap_or_else(|| Contact::new("", chrono::DateTime::UNIX_EPOCH))
    };
    let id = move || c().id;
    let problem = RwSignal::new(None::<String>);
    let report = move |r: Result<(), String>| problem.set(r.err());
    // Downloads this contact as a vCard, or its open follow-ups as a calendar, in a file named
    // after them.
    let export = move |kind: FileKind| {
        let c = contact.get_untracked();
        leptos::task::spawn_local(async move {
            let Some(c) = c else { return };
            let file = contact_file_name(kind, &c.name);
            let text = formats_module::export(kind, std::slice::from_ref(&c)).await;
            report(text.and_then(|text| download(&file, kind.mime(), &text)));
        });
    };

    // Log an interaction.
    let kind = RwSignal::new("1".to_string());
    let date = RwSignal::new(today().to_string());
    let summary = RwSignal::new(String::new());
    let log = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(day) = parse_date(&date.get_untracked()) else {
            problem.set(Some("Please give the date as 2026-11-28.".into()));
            return;
        };
        let k =
            picked(&InteractionKind::ALL, &kind.get_untracked()).unwrap_or(InteractionKind::Note);
        match state.log_interaction(&id(), k, day, summary.get_untracked()) {
            Ok(()) => {
                summary.set(String::new());
                problem.set(None);
            }
            Err(e) => problem.set(Some(e)),
        }
    };

    // Add a follow-up.
    let fu_kind = RwSignal::new("1".to_string());
    let fu_text = RwSignal::new(String::new());
    let fu_due = RwSignal::new(
        today()
            .checked_add_days(Days::new(7))
            .unwrap_or(today())
            .to_string(),
    );
    let add_follow_up = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(due) = parse_date(&fu_due.get_untracked()) else {
            problem.set(Some("Please give the due date as 2026-11-28.".into()));
            return;
        };
        let k = picked(&FollowUpKind::ALL, &fu_kind.get_untracked()).unwrap_or(FollowUpKind::Other);
        let f = FollowUp::new(k, fu_text.get_untracked(), due);
        let result = state.change(&id(), |c| c.add_follow_up(f));
        if result.is_ok() {
            fu_text.set(String::new());
        }
        report(result);
    };

    let delete = move |()| {
        let cid = id();
        match state.delete(&cid) {
            Ok(()) => navigate.with_value(|go| go("/contacts", Default::default())),
            Err(e) => problem.set(Some(e)),
        }
    };

    let proposal = move || state.proposal.get().filter(|p| p.contact_id == id());

    // Log a chat: the timeline's form, set to a chat today, with the focus on its summary.
    let log_summary = NodeRef::<leptos::html::Input>::new();
    let log_chat = move |_| {
        let chat = InteractionKind::ALL
            .iter()
            .position(|k| *k == InteractionKind::Chat)
            .unwrap_or(0);
        kind.set(chat.to_string());
        date.set(today().to_string());
        if let Some(input) = log_summary.get_untracked() {
            let _ = input.focus();
        }
    };

    let more = Signal::derive(move || {
        let has_open = contact.with(|c| {
            c.as_ref()
                .is_some_and(|c| c.follow_ups.iter().any(|f| f.done_on.is_none()))
        });
        let cid = id();
        let mut items = vec![
            MenuItem::link("Prepare a chat", to(&format!("/contacts/{cid}/prepare"))),
            MenuItem::link("Prep sheet", to(&format!("/contacts/{cid}/sheet"))),
            MenuItem::run("Download vCard", move || export(FileKind::ContactsVcard)),
        ];
        if has_open {
            items.push(MenuItem::run("Add follow-ups to calendar", move || {
                export(FileKind::FollowUpsCalendar)
            }));
        }
        items.push(MenuItem::run("Delete", move || delete(())).danger());
        items
    });

    view! {
        <div class="contact-head">
            <Avatar
                initials=Signal::derive(move || contact.with(|c| c.as_ref().map(|c| initials(&c.name)).unwrap_or_default()))
                colour=Signal::derive(move || contact.with(|c| c.as_ref().map_or(COLOURS[0], |c| colour(&c.id))))
                large=true
            />
            <p class="subtitle">
                {move || c().role_and_organization()}
            </p>
        </div>
        {move || {
            proposal()
                .map(|p| {
                    let when = due_text(p.follow_up.due, today());
                    view! {
                        <div class="proposal" role="region" aria-label="Proposed thank-you">
                            <p>{format!("Send a thank-you, {when}?")}</p>
                            <button
                                class="primary"
                                on:click=move |_| report(state.accept_proposal())
                            >
                                "Add thank-you follow-up"
                            </button>
                            <button on:click=move |_| state.proposal.set(None)>"Skip"</button>
                        </div>
                    }
                })
        }}
        <Problem problem=problem />
        {move || {
            let links = contact.with(|c| c.as_ref().map(contact_links).unwrap_or_default());
            (!links.is_empty())
                .then(|| {
                    view! {
                        <ul class="reach" aria-label="Reach them">
                            {links
                                .into_iter()
                                .map(|link| {
                                    let (what, text) = (link.kind.label(), link.text.clone());
                                    view! {
                                        <li>
                                            <AddressLink link=link class="button">
                                                <span class="what">{what}</span>
                                                " "
                                                <span class="detail">{text}</span>
                                            </AddressLink>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })
        }}
        <div class="actions">
            <A href=move || to(&format!("/contacts/{}/message", id())) attr:class="button primary">"Write a message"</A>
            <button on:click=log_chat>"Log a chat"</button>
            <A href=move || to(&format!("/contacts/{}/edit", id())) attr:class="button">
                "Edit"
            </A>
            <MenuButton id="contact-more" label="More" items=more />
        </div>

        <section aria-labelledby="follow-ups-h">
            <h2 id="follow-ups-h">"Follow-ups"</h2>
            <ul class="due-list">
                {move || {
                    of_contact(&c(), today())
                        .into_iter()
                        .map(|item| view! { <FollowUpItem item=item /> })
                        .collect_view()
                }}
            </ul>
            <details>
                <summary>"Add a follow-up"</summary>
                <form class="inline-form" on:submit=add_follow_up>
                    <Select id="fu-kind" label="What" value=fu_kind options=labelled(&FollowUpKind::ALL, FollowUpKind::label) />
                    <label for="fu-text">"What exactly"</label>
                    <input id="fu-text" bind:value=fu_text />
                    <label for="fu-due">"Due"</label>
                    <input id="fu-due" type="date" bind:value=fu_due />
                    <button type="submit">"Add follow-up"</button>
                </form>
            </details>
        </section>

        <section aria-labelledby="details-h">
            <h2 id="details-h">"Details"</h2>
            <Details contact=contact reach_shown=true />
        </section>
        <introductions::Introduced contact=contact />

        <section aria-labelledby="timeline-h">
            <h2 id="timeline-h">"Timeline"</h2>
            <form class="inline-form" on:submit=log>
                <Select id="log-kind" label="Log" value=kind options=labelled(&InteractionKind::ALL, InteractionKind::label) />
                <label for="log-date">"On"</label>
                <input id="log-date" type="date" bind:value=date />
                <label for="log-summary">"Summary"</label>
                <input id="log-summary" node_ref=log_summary bind:value=summary />
                <button type="submit">"Log interaction"</button>
            </form>
            <ol class="timeline">
                {move || {
                    c()
                        .interactions
                        .into_iter()
                        .map(|i| {
                            view! {
                                <li>
                                    <strong>{i.kind.label()}</strong>
                                    " · "
                                    <time datetime=i.date.to_string()>{format_date(i.date)}</time>
                                    {(!i.summary.is_empty()).then(|| view! { <p>{i.summary.clone()}</p> })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </section>

        <section aria-labelledby="notes-h">
            <h2 id="notes-h">"Notes"</h2>
            {move || {
                let notes = c().notes;
                if notes.is_empty() {
                    view! { <p class="soon">"No notes yet. What did you learn about them? Edit to add notes."</p> }.into_any()
                } else {
                    view! { <p class="notes">{notes}</p> }.into_any()
                }
            }}
        </section>
    }
}
