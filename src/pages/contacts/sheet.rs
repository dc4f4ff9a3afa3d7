//! A prep sheet for a meeting with one contact: their details, the user's research notes about
//! them, the questions chosen for them (the chat preparation, `preps`), and the user's own
//! talking points. One column to read on a phone; `@media print` in style/main.css prints it on
//! one page without the navigation, banners and buttons.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use weak_ties_domain::questions::TALKING_POINTS_PROMPT;

use weak_ties_domain::model::Contact;

use crate::app::{to, Page};
use crate::browser::print::print;
use crate::components::contact_details::Details;
use crate::components::field::Hinted;
use crate::components::outcome::Outcome;
use crate::components::routed_contact::{routed_contact, ContactNotFound, RoutedContact};
use crate::state::AppState;

#[component]
pub fn SheetPage() -> impl IntoView {
    let RoutedContact { id, contact, name } = routed_contact();
    move || {
        match name.get() {
        None => ContactNotFound().into_any(),
        Some(name) => view! {
            <Page title=format!("Prep sheet: {name}")>
                <p class="subtitle">
                    {move || {
                        contact
                            .with(|c| c.as_ref().map(Contact::role_and_organization).unwrap_or_default())
                    }}
                </p>
                <div class="actions">
                    <button class="primary" on:click=|_| print()>"Print"</button>
                    <A href=move || to(&format!("/contacts/{}", id.get())) attr:class="button">
                        {format!("Back to {name}")}
                    </A>
                </div>
                <div class="sheet">
                    <section aria-labelledby="sheet-details-h">
                        <h2 id="sheet-details-h">"About them"</h2>
                        <Details contact=contact />
                    </section>
                    <Research id=id />
                    <ChosenQuestions id=id />
                    <TalkingPoints />
                </div>
            </Page>
        }
        .into_any(),
    }
    }
}

/// The user's research notes about the contact, shown as text and edited in place.
#[component]
fn Research(id: Memo<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let research = Memo::new(move |_| {
        state
            .book
            .with(|b| b.get(&id.get()).map(|c| c.research.clone()))
            .unwrap_or_default()
    });
    let draft = RwSignal::new(research.get_untracked());
    let message = RwSignal::new(None::<Result<String, String>>);
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let text = draft.get_untracked();
        let result = state.change(&id.get_untracked(), |c| {
            c.research = text;
            c.normalize();
        });
        if result.is_ok() {
            draft.set(research.get_untracked());
        }
        message.set(Some(result.map(|()| "Research notes saved.".to_string())));
    };
    view! {
        <section aria-labelledby="research-h">
            <h2 id="research-h">"Research"</h2>
            {move || {
                let text = research.get();
                if text.is_empty() {
                    view! {
                        <p class="soon">
                            "No research notes yet: their profile, their organization, what you have in common."
                        </p>
                    }
                        .into_any()
                } else {
                    view! { <p class="notes">{text}</p> }.into_any()
                }
            }}
            <details class="sheet-edit">
                <summary>"Edit research notes"</summary>
                <form class="inline-form" on:submit=save>
                    <Hinted id="research" label="Research notes" hint="Their profile, their organization, common ground: what to have in mind before you meet.">
                        <textarea bind:value=draft></textarea>
                    </Hinted>
                    <div class="form-actions">
                        <button type="submit">"Save research notes"</button>
                    </div>
                    <Outcome message=message />
                </form>
            </details>
        </section>
    }
}

/// The questions chosen for the contact in their chat preparation.
#[component]
fn ChosenQuestions(id: Memo<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let questions = Memo::new(move |_| {
        state.preps.value.with(|m| {
            m.get(&id.get())
                .map(|p| {
                    p.questions
                        .iter()
                        .map(|q| q.text.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <section aria-labelledby="sheet-questions-h">
            <h2 id="sheet-questions-h">"Questions to ask"</h2>
            {move || {
                let list = questions.get();
                if list.is_empty() {
                    view! {
                        <p class="soon">
                            "No questions chosen yet. "
                            <A href=to(
                                &format!("/contacts/{}/prepare", id.get()),
                            )>"Prepare a chat"</A>
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <ol class="sheet-questions">
                            {list.into_iter().map(|q| view! { <li>{q}</li> }).collect_view()}
                        </ol>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// The user's own talking points, from Settings.
#[component]
fn TalkingPoints() -> impl IntoView {
    let state = expect_context::<AppState>();
    let points = Memo::new(move |_| state.settings.value.with(|s| s.talking_points.clone()));
    view! {
        <section aria-labelledby="sheet-points-h">
            <h2 id="sheet-points-h">"Your talking points"</h2>
            {move || {
                let list = points.get();
                if list.is_empty() {
                    view! {
                        <p class="soon">
                            {TALKING_POINTS_PROMPT} " " <A href=to("/settings")>"Settings"</A>
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <ul>{list.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
