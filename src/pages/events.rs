//! Conference mode's own page (`/event`): turning it on (the event form) and off, and the current
//! event with everyone met there and the end-of-day review. Its banner and the note on the
//! add-contact form are in `components::conference`.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use weak_ties_domain::events::{Event, EventDraft, EventError, EventField, Proposed};
use weak_ties_domain::follow_ups::due::due_text;
use weak_ties_domain::template::format_date;

use crate::app::{to, Page};
use crate::components::field::InputField;
use crate::state::{today, AppState, Toast};

/// `/event`: the form to turn conference mode on, or the current event's page.
#[component]
pub fn EventPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let event = state.current_event();
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
    let error = move || {
        errors.with(|es| {
            es.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    };
    view! {
        <InputField
            id=id
            label=field.label()
            value=value
            error=Signal::derive(error)
            kind=kind
        />
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
                state.set_event(Some(event));
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
                <button on:click=move |_| state.set_event(None)>"Turn off conference mode"</button>
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
                                                <span class="detail">{a.thank_you.text(today())}</span>
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
        let message = state.add_thank_yous(items).unwrap_or_else(|e| e);
        state.show(Toast {
            message,
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
