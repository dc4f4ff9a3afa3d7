//! Preparing a chat with one contact: questions drawn from the deck (leaving out those already
//! asked of them) or picked from the list, fitted to their role and organization, beside the user's
//! talking points. During or after the chat, the user ticks what was asked and writes down the
//! answers; **Save to timeline** logs the chat on the contact and appends the answers to their
//! notes. The preparation is stored, so it survives a reload.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use weak_ties_domain::questions::{
    prepare as prepare_set, ChatPrep, DrawFilter, PersonContext, PrepQuestion, DEFAULT_HAND_SIZE,
};

use super::{category_of, category_options, drawn_message, hand_size, Problem, TalkingPoints};
use crate::app::{to, Page};
use crate::pages::contacts::{routed_contact, ContactNotFound, RoutedContact};
use crate::state::{today, AppState, Proposal};

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// Changes the stored preparation for a contact (nothing happens if there is none).
fn change_prep(
    state: &AppState,
    contact_id: &str,
    change: impl FnOnce(&mut ChatPrep),
) -> Result<(), String> {
    state.change_doc(state.preps, |preps| {
        if let Some(prep) = preps.get_mut(contact_id) {
            change(prep);
        }
    })
}

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
    let talking_points = move || points.with_untracked(|p| p.own_talking_points().to_vec());
    let empty_prep = move |cid: &str| {
        let bank = state.bank.value.get_untracked();
        let set = prepare_set(&[], &bank, None, &talking_points());
        ChatPrep::new(cid, &set)
    };

    // Draw from the deck, leaving out what was asked of them already.
    let count = RwSignal::new(DEFAULT_HAND_SIZE.to_string());
    let category = RwSignal::new(String::new());
    let draw = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cid = id.get_untracked();
        let n = hand_size(&count.get_untracked());
        let bank = state.bank.value.get_untracked();
        // Questions already asked or answered in this preparation stay; the others are replaced.
        let kept: Vec<PrepQuestion> = prep
            .get_untracked()
            .map(|p| p.questions)
            .unwrap_or_default()
            .into_iter()
            .filter(|q| q.asked || !q.answer.is_empty())
            .collect();
        let filter = DrawFilter {
            categories: category_of(&category.get_untracked()).into_iter().collect(),
            ..state.asked.value.with_untracked(|a| a.filter_for(&cid))
        }
        .excluding(kept.iter().map(|q| q.id.clone()));
        let drawn = state.change_doc(state.deck, |d| {
            let ids = d.draw(n, &bank, &filter);
            (ids, d.remaining(&bank, &filter))
        });
        let (ids, left) = match drawn {
            Ok(x) => x,
            Err(e) => {
                problem.set(Some(e));
                return;
            }
        };
        let set = prepare_set(&ids, &bank, Some(&ctx.get_untracked()), &talking_points());
        let mut next = ChatPrep::new(cid.clone(), &set);
        next.questions.splice(0..0, kept);
        match state.change_doc(state.preps, |m| {
            m.insert(cid, next);
        }) {
            Ok(()) => {
                problem.set(None);
                status.set(drawn_message(n, ids.len(), left));
            }
            Err(e) => problem.set(Some(e)),
        }
    };

    // Pick from the list: the visible questions not asked of them and not already prepared.
    let picked = RwSignal::new(String::new());
    let choices = Memo::new(move |_| {
        let cid = id.get();
        let asked = state.asked.value.with(|a| a.asked_ids(&cid));
        let prepared: BTreeSet<String> = prep.with(|p| {
            p.as_ref()
                .map(|p| p.question_ids().into_iter().collect())
                .unwrap_or_default()
        });
        let category = category_of(&category.get());
        ctx.with(|c| {
            state.bank.value.with(|b| {
                b.list(category, true)
                    .into_iter()
                    .filter(|q| !asked.contains(&q.id) && !prepared.contains(&q.id))
                    .map(|q| (q.id.clone(), q.render(Some(c))))
                    .collect::<Vec<_>>()
            })
        })
    });
    let pick = move |ev: SubmitEvent| {
        ev.prevent_default();
        let qid = picked.get_untracked();
        if qid.is_empty() {
            problem.set(Some("Choose a question to add first.".to_string()));
            return;
        }
        let cid = id.get_untracked();
        let bank = state.bank.value.get_untracked();
        let mut next = prep.get_untracked().unwrap_or_else(|| empty_prep(&cid));
        next.add_question(&qid, &bank, Some(&ctx.get_untracked()));
        match state.change_doc(state.preps, |m| {
            m.insert(cid, next);
        }) {
            Ok(()) => {
                picked.set(String::new());
                problem.set(None);
                status.set("Added to the chat.".to_string());
            }
            Err(e) => problem.set(Some(e)),
        }
    };

    // Save to timeline: the chat and its answers land on the contact.
    let date = RwSignal::new(today().to_string());
    let who = name.clone();
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let cid = id.get_untracked();
        let Some(p) = prep.get_untracked() else {
            return;
        };
        let Some(on) = parse_date(&date.get_untracked()) else {
            problem.set(Some("Please give the date as 2026-11-28.".to_string()));
            return;
        };
        let proposal = match state.change(&cid, |c| p.apply_to_contact(c, on, today())) {
            Ok(proposal) => proposal,
            Err(e) => {
                problem.set(Some(e));
                return;
            }
        };
        state.proposal.set(proposal.map(|follow_up| Proposal {
            contact_id: cid.clone(),
            follow_up,
        }));
        let rest = state
            .change_doc(state.asked, |a| a.record_chat(&p))
            .and_then(|()| {
                state.change_doc(state.preps, |m| {
                    m.remove(&cid);
                })
            });
        match rest {
            Ok(()) => navigate(&format!("/contacts/{cid}"), Default::default()),
            Err(e) => problem.set(Some(format!(
                "The chat is on {who}'s timeline, but the questions asked could not be recorded: {e}"
            ))),
        }
    };
    let discard = move |_| {
        let cid = id.get_untracked();
        let result = state.change_doc(state.preps, |m| {
            m.remove(&cid);
        });
        match result {
            Ok(()) => {
                problem.set(None);
                status.set("Preparation discarded.".to_string());
            }
            Err(e) => problem.set(Some(e)),
        }
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
            {move || {
                ctx.with(|c| {
                    [c.role.as_str(), c.organization.as_str()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ")
                })
            }}
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
            <form class="draw-form" on:submit=draw>
                <div>
                    <label for="hand-size">"How many"</label>
                    <input
                        id="hand-size"
                        type="number"
                        min="1"
                        max=super::MAX_HAND.to_string()
                        inputmode="numeric"
                        bind:value=count
                    />
                </div>
                <div>
                    <label for="category">"Category"</label>
                    <select id="category" bind:value=category>
                        <option value="">"All categories"</option>
                        {category_options()}
                    </select>
                </div>
                <button type="submit" class="primary">"Draw"</button>
            </form>
            <form class="inline-form" on:submit=pick>
                <label for="pick-question">"Pick a question"</label>
                <select id="pick-question" bind:value=picked>
                    <option value="">"Choose a question…"</option>
                    {move || {
                        choices
                            .get()
                            .into_iter()
                            .map(|(qid, text)| view! { <option value=qid>{text}</option> })
                            .collect_view()
                    }}
                </select>
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
    let edit = move |change: &dyn Fn(&mut ChatPrep, &str)| {
        let result = change_prep(&state, &contact_id.get_untracked(), |p| {
            change(p, &qid.get_value())
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
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        edit(&|p, q| {
                            p.set_asked(q, on);
                        });
                    }
                />
                <label for=format!("{dom}-asked")>"Asked"</label>
            </div>
            <label for=format!("{dom}-answer")>"Answer"</label>
            <textarea
                id=format!("{dom}-answer")
                aria-label=format!("Answer to: {text}")
                prop:value=answer
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    edit(&|p, q| {
                        p.set_answer(q, &value);
                    });
                }
            ></textarea>
            <div class="form-actions">
                <button
                    type="button"
                    aria-label=format!("Remove: {text}")
                    on:click=move |_| {
                        edit(&|p, q| {
                            p.remove_question(q);
                        })
                    }
                >
                    "Remove"
                </button>
            </div>
        </li>
    }
}
