//! The Questions area: the shuffled deck of informational-interview questions and the user's own
//! (here), and the preparation of a chat with one contact (`prepare`).

pub mod prepare;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use weak_ties_domain::questions::{
    drawn_message, hand_size, prepare as prepare_set, questions_text, Category, DrawFilter,
    PreparedSet, Question, QuestionBank, DEFAULT_HAND_SIZE,
};

use crate::app::Page;
use crate::components::choice::{labelled, picked, value_of, Select};
use crate::components::draw_form::DrawForm;
use crate::components::field::Hinted;
use crate::components::outcome::Problem;
use crate::components::talking_points::TalkingPoints;
use crate::state::AppState;

#[component]
pub fn Questions() -> impl IntoView {
    let state = expect_context::<AppState>();
    let count = RwSignal::new(DEFAULT_HAND_SIZE.to_string());
    let category = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let filter = move || DrawFilter::only(picked(&Category::ALL, &category.get_untracked()));

    // The hand on the table, with the talking points beside it.
    let hand = Memo::new(move |_| {
        state.bank.value.with(|bank| {
            let ids: Vec<String> = state
                .deck
                .value
                .with(|d| d.hand_questions(bank).into_iter().map(|q| q.id).collect());
            state
                .settings
                .value
                .with(|s| prepare_set(&ids, bank, None, &s.talking_points))
        })
    });

    let draw = move |ev: SubmitEvent| {
        ev.prevent_default();
        let n = hand_size(&count.get_untracked());
        let filter = filter();
        let bank = state.bank.value.get_untracked();
        let result = state.change_doc(state.deck, |d| {
            let got = d.draw(n, &bank, &filter).len();
            (got, d.remaining(&bank, &filter))
        });
        match result {
            Ok((got, left)) => {
                problem.set(None);
                status.set(drawn_message(n, got, left));
            }
            Err(e) => problem.set(Some(e)),
        }
    };

    let another = Callback::new(move |slot: usize| {
        let Some((old, _)) = hand.with_untracked(|h| h.questions.get(slot).cloned()) else {
            return;
        };
        let filter = filter();
        let bank = state.bank.value.get_untracked();
        match state.change_doc(state.deck, |d| d.another(&old, &bank, &filter)) {
            Ok(Some(new)) => {
                problem.set(None);
                let text = bank.get(&new).map(|q| q.render(None)).unwrap_or_default();
                status.set(format!("Replaced with: {text}"));
            }
            Ok(None) => status.set("No other question to draw with this choice.".to_string()),
            Err(e) => problem.set(Some(e)),
        }
    });

    view! {
        <Page title="Questions">
            <p class="intro">
                "Open questions for an informational chat, shuffled like a deck: no question comes back before you have gone through them all."
            </p>
            <section aria-labelledby="hand-h">
                <h2 id="hand-h">"Draw"</h2>
                <DrawForm count=count category=category on_draw=draw />
                <Problem problem=problem />
                <p class="count" role="status">{move || status.get()}</p>
                <Show
                    when=move || hand.with(|h| !h.questions.is_empty())
                    fallback=|| {
                        view! {
                            <p class="soon">"Draw a hand of questions to prepare a conversation."</p>
                        }
                    }
                >
                    <div class="hand-wrap">
                        <TalkingPoints set=hand />
                        <ol class="hand" aria-label="Your hand">
                            <For
                                each=move || 0..hand.with(|h| h.questions.len())
                                key=|slot| *slot
                                let:slot
                            >
                                <HandCard hand=hand index=slot on_another=another />
                            </For>
                        </ol>
                    </div>
                </Show>
            </section>
            <AllQuestions category=category />
            <HiddenQuestions />
        </Page>
    }
}

/// One card of the hand. The card keeps its place (and the focus stays on **Another**) when it
/// is replaced.
#[component]
fn HandCard(hand: Memo<PreparedSet>, index: usize, on_another: Callback<usize>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let card = move || {
        hand.with(|h| h.questions.get(index).cloned())
            .unwrap_or_default()
    };
    let category = move || {
        let id = card().0;
        state
            .bank
            .value
            .with(|b| b.visible_category(&id))
            .map(Category::label)
    };
    view! {
        <li class="card">
            <p class="card-text">{move || card().1}</p>
            <p class="hint">{category}</p>
            <button
                type="button"
                aria-label=move || format!("Another instead of: {}", card().1)
                on:click=move |_| on_another.run(index)
            >
                "Another"
            </button>
        </li>
    }
}

/// Every visible question: add the user's own, edit and delete them, hide built-ins, mark
/// favourites.
#[component]
fn AllQuestions(category: RwSignal<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let favourites_first = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let editing = RwSignal::new(None::<String>);
    let list = Memo::new(move |_| {
        let category = picked(&Category::ALL, &category.get());
        let first = favourites_first.get();
        state.bank.value.with(|b| b.list(category, first))
    });

    let text = RwSignal::new(String::new());
    let new_category = RwSignal::new("0".to_string());
    let add = move |ev: SubmitEvent| {
        ev.prevent_default();
        let category =
            picked(&Category::ALL, &new_category.get_untracked()).unwrap_or(Category::RoleAndDay);
        match state.change_bank(|b| b.add(&text.get_untracked(), category)) {
            Ok(_) => {
                text.set(String::new());
                problem.set(None);
            }
            Err(e) => problem.set(Some(e)),
        }
    };

    view! {
        <section aria-labelledby="all-h">
            <h2 id="all-h">"All questions"</h2>
            <form class="inline-form" on:submit=add>
                <Hinted id="new-question" label="Your question" hint="Write {role} or {organization} where the person's role or organization should go when you prepare a chat.">
                    <textarea bind:value=text></textarea>
                </Hinted>
                <Select id="new-question-category" label="Category of your question" value=new_category options=labelled(&Category::ALL, Category::label) />
                <div class="form-actions">
                    <button type="submit" class="primary">"Add question"</button>
                </div>
            </form>
            <Problem problem=problem />
            <label class="check">
                <input type="checkbox" bind:checked=favourites_first />
                "Favourites first"
            </label>
            <p class="count">
                {move || {
                    let n = list.with(Vec::len);
                    match picked(&Category::ALL, &category.get()) {
                        Some(c) => format!("{} in “{}”", questions_text(n), c.label()),
                        None => questions_text(n),
                    }
                }}
            </p>
            <ul class="q-list" aria-label="Questions">
                <For
                    each=move || list.get()
                    key=|q| (q.id.clone(), q.text.clone(), q.category)
                    let:q
                >
                    <QuestionRow q=q editing=editing problem=problem />
                </For>
            </ul>
        </section>
    }
}

#[component]
fn QuestionRow(
    q: Question,
    editing: RwSignal<Option<String>>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = StoredValue::new(q.id.clone());
    let text = q.text.clone();
    let report = move |r: Result<(), String>| problem.set(r.err());
    let favourite = move || state.bank.value.with(|b| b.is_favourite(&id.get_value()));
    let toggle =
        move |_| report(state.change_bank(|b| b.toggle_favourite(&id.get_value()).map(|_| ())));
    let actions = if q.builtin {
        view! {
            <button
                type="button"
                aria-label=format!("Hide: {text}")
                on:click=move |_| report(state.change_bank(|b| b.hide(&id.get_value())))
            >
                "Hide"
            </button>
        }
        .into_any()
    } else {
        view! {
            <button
                type="button"
                aria-label=format!("Edit: {text}")
                on:click=move |_| editing.set(Some(id.get_value()))
            >
                "Edit"
            </button>
            <button
                type="button"
                class="danger"
                aria-label=format!("Delete: {text}")
                on:click=move |_| report(state.change_bank(|b| b.delete(&id.get_value()).map(|_| ())))
            >
                "Delete"
            </button>
        }
        .into_any()
    };
    let is_editing = move || editing.with(|e| e.as_deref() == Some(id.get_value().as_str()));
    let edited = q.clone();
    view! {
        <li class="q-row">
            <p class="q-text">{q.text.clone()}</p>
            <p class="hint">
                {q.category.label()}
                {(!q.builtin).then_some(" · yours")}
            </p>
            <div class="q-actions">
                <button
                    type="button"
                    aria-pressed=move || if favourite() { "true" } else { "false" }
                    aria-label=format!("Favourite: {text}")
                    on:click=toggle
                >
                    <span aria-hidden="true">{move || if favourite() { "★ " } else { "☆ " }}</span>
                    "Favourite"
                </button>
                {actions}
            </div>
            <Show when=is_editing>
                <EditQuestion q=edited.clone() editing=editing problem=problem />
            </Show>
        </li>
    }
}

/// Editing one of the user's own questions, in place.
#[component]
fn EditQuestion(
    q: Question,
    editing: RwSignal<Option<String>>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = RwSignal::new(q.text.clone());
    let category = RwSignal::new(value_of(&Category::ALL, &q.category));
    let field = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |_| {
        if let Some(el) = field.get() {
            let _ = el.focus();
        }
    });
    let id = q.id.clone();
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let c = picked(&Category::ALL, &category.get_untracked()).unwrap_or(q.category);
        match state.change_bank(|b| b.edit(&id, &text.get_untracked(), c)) {
            Ok(()) => {
                problem.set(None);
                editing.set(None);
            }
            Err(e) => problem.set(Some(e)),
        }
    };
    view! {
        <form class="inline-form" on:submit=save>
            <label for="edit-question">"Edit your question"</label>
            <textarea id="edit-question" node_ref=field bind:value=text></textarea>
            <Select id="edit-question-category" label="Category of this question" value=category options=labelled(&Category::ALL, Category::label) />
            <div class="form-actions">
                <button type="submit" class="primary">"Save question"</button>
                <button type="button" on:click=move |_| editing.set(None)>"Cancel"</button>
            </div>
        </form>
    }
}

/// The built-ins the user hid, to bring back.
#[component]
fn HiddenQuestions() -> impl IntoView {
    let state = expect_context::<AppState>();
    let problem = RwSignal::new(None::<String>);
    let hidden = Memo::new(move |_| state.bank.value.with(QuestionBank::hidden_builtins));
    view! {
        <section aria-labelledby="hidden-h">
            <h2 id="hidden-h">"Hidden questions"</h2>
            <Problem problem=problem />
            <Show
                when=move || hidden.with(|h| !h.is_empty())
                fallback=|| {
                    view! {
                        <p class="soon">
                            "None. A built-in question you hide waits here until you bring it back."
                        </p>
                    }
                }
            >
                <ul class="q-list" aria-label="Hidden questions">
                    <For each=move || hidden.get() key=|q| q.id.clone() let:q>
                        {
                            let id = q.id.clone();
                            view! {
                                <li class="q-row">
                                    <p class="q-text">{q.text.clone()}</p>
                                    <div class="q-actions">
                                        <button
                                            type="button"
                                            aria-label=format!("Show again: {}", q.text)
                                            on:click=move |_| {
                                                problem.set(state.change_bank(|b| b.unhide(&id)).err())
                                            }
                                        >
                                            "Show again"
                                        </button>
                                    </div>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </section>
    }
}
