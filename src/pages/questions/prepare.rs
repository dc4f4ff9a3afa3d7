//! Preparing a chat with one contact: questions drawn from the deck (leaving out those already
//! asked of them) or picked from the list, fitted to their role and organization, beside the user's
//! talking points. During or after the chat, the user ticks what was asked and writes down the
//! answers; **Save to timeline** logs the chat on the contact and appends the answers to their
//! notes. The preparation is stored, so it survives a reload.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use weak_ties_domain::dates::parse_date;
use weak_ties_domain::model::Contact;
use weak_ties_domain::questions::{
    hand_size, pickable, prepare as prepare_set, Category, ChatPrep, PersonContext,
    DEFAULT_HAND_SIZE,
};

use crate::app::{to, Page};
use crate::components::choice::{picked, Select};
use crate::components::draw_form::DrawForm;
use crate::components::outcome::Problem;
use crate::components::routed_contact::{routed_contact, ContactNotFound, RoutedContact};
use crate::components::talking_points::TalkingPoints;
use crate::state::{today, AppState};

#[component]
pub fn PrepareChat() -> impl IntoView {
    let RoutedContact { id, name, .. } = routed_contact();
    move || match name.get() {
        None => ContactNotFound().into_any(),
        Some(name) => view! {
            <Page title=format!("Prepare a chat with {name}")>
                <PrepareBody id=id name=name />
            </Page>
        }
        .into_any(),
    }
}

#[component]
fn PrepareBody(id: Memo<String>, name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let problem = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let contact = Memo::new(move |_| state.book.with(|b| b.get(&id.get()).cloned()));
    let ctx = Memo::new(move |_| {
        contact.with(|c| {
            c.as_ref()
                .map(PersonContext::from_contact)
                .unwrap_or_default()
        })
    });
    let prep = Memo::new(move |_| state.preps.value.with(|m| m.get(&id.get()).cloned()));
    // The talking points, by the same rule as any prepared set.
    let points = Memo::new(move |_| {
        state.settings.value.with(|s| {
            state
                .bank
                .value
                .with(|b| prepare_set(&[], b, None, &s.talking_points))
        })
    });

    // Draw from the deck, leaving out what was asked of them already.
    let count = RwSignal::new(DEFAULT_HAND_SIZE.to_string());
    let category = RwSignal::new(String::new());
    let draw = move |ev: SubmitEvent| {
        ev.prevent_default();
        let n = hand_size(&count.get_untracked());
        let category = picked(&Category::ALL, &category.get_untracked());
        match state.draw_for_chat(&id.get_untracked(), n, category, &ctx.get_untracked()) {
            Ok(drawn) => {
                problem.set(None);
                status.set(drawn);
            }
            Err(e) => problem.set(Some(e)),
        }
    };

    // Pick from the list: the visible questions not asked of them and not already prepared.
    let picked_question = RwSignal::new(String::new());
    let choices = Memo::new(move |_| {
        let cid = id.get();
        let category = picked(&Category::ALL, &category.get());
        state.bank.value.with(|bank| {
            state.asked.value.with(|asked| {
                prep.with(|p| ctx.with(|c| pickable(bank, asked, p.as_ref(), &cid, category, c)))
            })
        })
    });
    let pick = move |ev: SubmitEvent| {
        ev.prevent_default();
        let qid = picked_question.get_untracked();
        if qid.is_empty() {
            problem.set(Some("Choose a question to add first.".to_string()));
            return;
        }
        match state.pick_for_chat(&id.get_untracked(), &qid, &ctx.get_untracked()) {
            Ok(()) => {
                picked_question.set(String::new());
                problem.set(None);
                status.set("Added to the chat.".to_string());
            }
            Err(e) => problem.set(Some(e)),
        }
    };

    // Save to timeline: the chat and its answers land on the contact.
    let date = RwSignal::new(today().to_string());
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(on) = parse_date(&date.get_untracked()) else {
            problem.set(Some("Please give the date as 2026-11-28.".to_string()));
            return;
        };
        let cid = id.get_untracked();
        match state.save_chat(&cid, on) {
            Ok(()) => navigate(&format!("/contacts/{cid}"), Default::default()),
            Err(e) => problem.set(Some(e)),
        }
    };
    let discard = move |_| match state.discard_prep(&id.get_untracked()) {
        Ok(()) => {
            problem.set(None);
            status.set("Preparation discarded.".to_string());
        }
        Err(e) => problem.set(Some(e)),
    };

    let has_questions = move || prep.with(|p| p.as_ref().is_some_and(|p| !p.questions.is_empty()));
    let items = move || {
        prep.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.questions
                        .iter()
                        .map(|q| (q.id.clone(), q.text.clone(), q.answer.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };

    view! {
        <p class="subtitle">
            {move || contact.with(|c| c.as_ref().map(Contact::role_and_organization).unwrap_or_default())}
        </p>
        <p>
            <A href=move || to(&format!("/contacts/{}", id.get()))>{format!("Back to {name}")}</A>
        </p>
        <Problem problem=problem />

        <section aria-labelledby="choose-h">
            <h2 id="choose-h">"Choose questions"</h2>
            <p class="hint">
                "Questions you already asked them are left out. Drawing again replaces the questions not yet asked."
            </p>
            <DrawForm count=count category=category on_draw=draw />
            <form class="inline-form" on:submit=pick>
                <Select id="pick-question" label="Pick a question" value=picked_question options=choices none=Some("Choose a question…") />
                <div class="form-actions">
                    <button type="submit">"Add to the chat"</button>
                </div>
            </form>
            <p class="count" role="status">{move || status.get()}</p>
        </section>

        <section aria-labelledby="chat-h">
            <h2 id="chat-h">"For the chat"</h2>
            <div class="hand-wrap">
                <TalkingPoints set=points />
                <Show
                    when=has_questions
                    fallback=|| {
                        view! {
                            <p class="soon">"No questions yet: draw some, or pick them from the list."</p>
                        }
                    }
                >
                    <ol class="hand" aria-label="Questions for the chat">
                        <For each=items key=|(qid, _, _)| qid.clone() let:item>
                            <PrepItem contact_id=id item=item problem=problem />
                        </For>
                    </ol>
                </Show>
            </div>
            <Show when=has_questions>
                <form class="inline-form" on:submit=save.clone()>
                    <p class="hint">
                        "Tick what you asked and note the answers, during or after the chat. Saving logs the chat on their timeline and adds the answers to their notes."
                    </p>
                    <label for="chat-date">"Date of the chat"</label>
                    <input id="chat-date" type="date" bind:value=date />
                    <div class="form-actions">
                        <button type="submit" class="primary">"Save to timeline"</button>
                        <button type="button" class="danger" on:click=discard>
                            "Discard preparation"
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
}

/// One prepared question: ticked when asked, with the answer written down. Each change is saved.
#[component]
fn PrepItem(
    contact_id: Memo<String>,
    item: (String, String, String),
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (qid, text, answer) = item;
    let qid = StoredValue::new(qid);
    let asked = move || {
        state.preps.value.with(|m| {
            m.get(&contact_id.get())
                .and_then(|p| p.questions.iter().find(|q| q.id == qid.get_value()))
                .is_some_and(|q| q.asked)
        })
    };
    // Saves one change to this question of the preparation (whether it found the question does
    // not matter: one removed meanwhile has nothing left to change).
    let edit = move |change: &dyn Fn(&mut ChatPrep, &str) -> bool| {
        let result = state.change_prep(&contact_id.get_untracked(), |p| {
            change(p, &qid.get_value());
        });
        problem.set(result.err());
    };
    let dom = qid.with_value(|q| format!("prep-{q}"));
    view! {
        <li class="card">
            <p class="card-text">{text.clone()}</p>
            <div class="check">
                <input
                    type="checkbox"
                    id=format!("{dom}-asked")
                    aria-label=format!("Asked: {text}")
                    prop:checked=asked
                    on:change=move |ev| edit(&|p, q| p.set_asked(q, event_target_checked(&ev)))
                />
                <label for=format!("{dom}-asked")>"Asked"</label>
            </div>
            <label for=format!("{dom}-answer")>"Answer"</label>
            <textarea
                id=format!("{dom}-answer")
                aria-label=format!("Answer to: {text}")
                prop:value=answer
                on:input=move |ev| edit(&|p, q| p.set_answer(q, &event_target_value(&ev)))
            ></textarea>
            <div class="form-actions">
                <button
                    type="button"
                    aria-label=format!("Remove: {text}")
                    on:click=move |_| edit(&ChatPrep::remove_question)
                >
                    "Remove"
                </button>
            </div>
        </li>
    }
}
