//! Conference mode: turning it on (the event form) and off, the banner that shows it on Home and
//! Contacts, what quick add fills in, and the event page with everyone met there and the
//! end-of-day review.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use weak_ties_domain::events::{Event, EventDraft, EventError, EventField, Proposed, ThankYou};
use weak_ties_domain::form::ContactDraft;
use weak_ties_domain::template::format_date;

use crate::app::{to, Page};
use crate::pages::follow_ups::due_text;
use crate::state::{today, AppState, Toast};

/// The current event, if conference mode is on.
fn current(state: AppState) -> Memo<Option<Event>> {
    Memo::new(move |_| state.settings.value.with(|s| s.event.clone()))
}

/// Saves the current event (`None` turns conference mode off); a refusal shows as a toast.
fn set_event(state: AppState, event: Option<Event>) {
    if let Err(message) = state.change_doc(state.settings, |s| s.event = event) {
        state.show(Toast {
            message,
            undo: None,
        });
    }
}

/// What quick add starts from: the event's place, date and tag while conference mode is on.
pub fn quick_add_draft() -> ContactDraft {
    let state = expect_context::<AppState>();
    state.settings.value.with_untracked(|s| {
        s.event
            .as_ref()
            .map(|e| e.quick_add(today()))
            .unwrap_or_default()
    })
}

/// On the add-contact form: says what conference mode filled in.
#[component]
pub fn QuickAddNote() -> impl IntoView {
    let state = expect_context::<AppState>();
    let event = current(state);
    move || {
        event.get().map(|e| {
            view! {
                <p class="conference-note" role="note">
                    "Conference mode: Where met, Met on (today) and Tags are filled in for "
                    <strong>{e.name}</strong>
                    ". Change them under More details if needed."
                </p>
            }
        })
    }
}

/// At the top of Home and Contacts: the current event with **Turn off**, or a link to turn
/// conference mode on.
#[component]
pub fn ConferenceBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    let event = current(state);
    move || match event.get() {
        Some(e) => {
            let over = e
                .is_over(today())
                .then(|| format!(" · ended {}", format_date(e.end)));
            view! {
                <div class="banner conference" role="region" aria-label="Conference mode">
                    <span>
                        "Conference mode: "
                        <A href=to("/event")>{e.name}</A>
                        {over}
                    </span>
                    <button on:click=move |_| set_event(state, None)>"Turn off"</button>
                </div>
            }
            .into_any()
        }
        None => view! {
            <p class="conference-off">
                <A href=to("/event")>"Conference mode"</A>
            </p>
        }
        .into_any(),
    }
}

/// `/event`: the form to turn conference mode on, or the current event's page.
#[component]
pub fn EventPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let event = current(state);
    move || {
        match event.get() {
        None => view! {
            <Page title="Conference mode">
                <p>
                    "At an event? Turn conference mode on: every contact you add is then marked as met there, today, and tagged with the event."
                </p>
                <EventForm />
            </Page>
        }
        .into_any(),
        Some(e) => view! { <CurrentEvent event=e /> }.into_any(),
    }
    }
}

/// One labelled input of the event form, with its error message.
#[component]
fn EventInput(
    field: EventField,
    value: RwSignal<String>,
    errors: RwSignal<Vec<EventError>>,
    #[prop(optional, into)] kind: Option<String>,
) -> impl IntoView {
    let id = format!("ev-{field:?}").to_lowercase();
    let err_id = format!("{id}-error");
    let error = move || {
        errors.with(|es| {
            es.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    };
    view! {
        <div class="field">
            <label for=id.clone()>{field.label()}</label>
            <input
                id=id
                type=kind.unwrap_or_else(|| "text".into())
                bind:value=value
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby={
                    let err_id = err_id.clone();
                    move || error().map(|_| err_id.clone())
                }
            />
            {move || error().map(|m| view! { <p class="error" id=err_id.clone()>{m}</p> })}
        </div>
    }
}

/// Event name, Place, Start date, End date; **Turn on conference mode**.
#[component]
fn EventForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let start = EventDraft::starting(today());
    let name = RwSignal::new(start.name);
    let place = RwSignal::new(start.place);
    let from = RwSignal::new(start.start);
    let until = RwSignal::new(start.end);
    let errors = RwSignal::new(Vec::<EventError>::new());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let draft = EventDraft {
            name: name.get_untracked(),
            place: place.get_untracked(),
            start: from.get_untracked(),
            end: until.get_untracked(),
        };
        match draft.to_event() {
            Ok(event) => {
                errors.set(Vec::new());
                set_event(state, Some(event));
            }
            Err(es) => errors.set(es),
        }
    };
    view! {
        <form class="event-form" on:submit=submit novalidate>
            <EventInput field=EventField::Name value=name errors=errors />
            <EventInput field=EventField::Place value=place errors=errors />
            <EventInput field=EventField::Start value=from errors=errors kind="date" />
            <EventInput field=EventField::End value=until errors=errors kind="date" />
            <div class="form-actions">
                <button type="submit" class="primary">"Turn on conference mode"</button>
            </div>
        </form>
    }
}

/// The thank-you status of a person met at the event, in words.
fn status_text(status: ThankYou) -> String {
    let today = today();
    match status {
        ThankYou::NotPlanned => "No thank-you planned".into(),
        ThankYou::Due(due) => format!("Thank-you {}", due_text(due, today)),
        ThankYou::Overdue(due) => format!("Thank-you overdue ({})", due_text(due, today)),
        ThankYou::Sent => "Thank-you sent".into(),
    }
}

/// The current event: its details, everyone met there, and the end-of-day review.
#[component]
fn CurrentEvent(event: Event) -> impl IntoView {
    let state = expect_context::<AppState>();
    let dates = if event.start == event.end {
        format_date(event.start)
    } else {
        format!("{} to {}", format_date(event.start), format_date(event.end))
    };
    let where_when = [event.place.clone(), dates]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let over = event.is_over(today());
    let for_people = event.clone();
    let people = Memo::new(move |_| state.book.with(|b| for_people.people(b, today())));
    let for_review = event.clone();
    let review = Memo::new(move |_| state.book.with(|b| for_review.review(b, today())));
    view! {
        <Page title=event.name.clone()>
            <p class="subtitle">{where_when}</p>
            <Show when=move || over>
                <p class="banner" role="status">
                    "This event is over. Turn conference mode off when you are done adding people from it."
                </p>
            </Show>
            <div class="actions">
                <A href=to("/contacts/new") attr:class="button primary">
                    "Add contact"
                </A>
                <button on:click=move |_| set_event(state, None)>"Turn off conference mode"</button>
            </div>
            <section aria-labelledby="review-h">
                <h2 id="review-h">"End-of-day review"</h2>
                <Review review=review />
            </section>
            <section aria-labelledby="people-h">
                <h2 id="people-h">
                    {move || format!("People met here ({})", people.with(Vec::len))}
                </h2>
                <Show
                    when=move || people.with(|p| !p.is_empty())
                    fallback=|| view! { <p class="empty">"No one yet. Add the people you meet: each is tagged with this event."</p> }
                >
                    <ul class="rows" aria-label="People met here">
                        {move || {
                            people
                                .get()
                                .into_iter()
                                .map(|a| {
                                    view! {
                                        <li>
                                            <A href=to(&format!("/contacts/{}", a.contact_id))>
                                                <span class="name">{a.name}</span>
                                                <span class="detail">{status_text(a.thank_you)}</span>
                                            </A>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </Show>
            </section>
        </Page>
    }
}

/// Today's new people at the event, each with a proposed thank-you to add, and **Add all**.
#[component]
fn Review(review: Memo<Vec<Proposed>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let accept = move |items: Vec<Proposed>| {
        let mut added = 0;
        for p in items {
            match state.change(&p.contact_id, |c| c.add_follow_up(p.follow_up)) {
                Ok(()) => added += 1,
                Err(message) => {
                    state.show(Toast {
                        message,
                        undo: None,
                    });
                    return;
                }
            }
        }
        state.show(Toast {
            message: match added {
                1 => "Added 1 thank-you follow-up.".to_string(),
                n => format!("Added {n} thank-you follow-ups."),
            },
            undo: None,
        });
    };
    view! {
        <Show
            when=move || review.with(|r| !r.is_empty())
            fallback=|| view! { <p class="empty">"Everyone you met here today has a thank-you planned or sent."</p> }
        >
            <p>
                "You met these people here today. A thank-you within a day keeps you memorable:"
            </p>
            <ul class="due-list" aria-label="Proposed thank-yous">
                {move || {
                    review
                        .get()
                        .into_iter()
                        .map(|p| {
                            let label = format!("Add thank-you follow-up for {}", p.name);
                            let (href, name) = (to(&format!("/contacts/{}", p.contact_id)), p.name.clone());
                            let what = format!(
                                "{} · {}",
                                p.follow_up.text,
                                due_text(p.follow_up.due, today()),
                            );
                            view! {
                                <li class="due-item">
                                    <div class="due-what">
                                        <A href=href>{name}</A>
                                        " — "
                                        <span>{what}</span>
                                    </div>
                                    <div class="due-actions">
                                        <button on:click=move |_| accept(vec![p.clone()])>
                                            {label}
                                        </button>
                                    </div>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <button class="primary" on:click=move |_| accept(review.get_untracked())>
                {move || format!("Add all ({})", review.with(Vec::len))}
            </button>
        </Show>
    }
}
