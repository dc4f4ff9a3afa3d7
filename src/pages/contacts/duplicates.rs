//! Contacts > Possible duplicates: the groups of contacts that look like one person, each with
//! why; **Merge** (the two side by side, a pick for each field on which they differ) and **Not a
//! duplicate** (remembered for good).

use leptos::prelude::*;
use leptos_router::components::A;
use weak_ties_domain::duplicates::{conflicts, find_duplicates, DuplicateGroup, MergeField};
use weak_ties_domain::model::Contact;

use crate::app::{to, Page};
use crate::components::outcome::Outcome;
use crate::state::AppState;

/// The two contacts being merged: the one that stays (the older), and the one merged into it.
#[derive(Clone, PartialEq)]
struct Pair {
    kept: Contact,
    other: Contact,
}

#[component]
pub fn DuplicatesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let groups = Memo::new(move |_| {
        state
            .not_duplicates
            .value
            .with(|not| state.book.with(|b| find_duplicates(b.by_name(), not)))
    });
    let merging = RwSignal::new(None::<Pair>);
    let message = RwSignal::new(None::<Result<String, String>>);
    let start_merge = move |group: &DuplicateGroup| {
        let pair = state.book.with_untracked(|b| {
            let mut two: Vec<Contact> = group
                .ids
                .iter()
                .filter_map(|id| b.get(id).cloned())
                .take(2)
                .collect();
            two.sort_by_key(|c| c.created_at);
            let other = two.pop()?;
            let kept = two.pop()?;
            Some(Pair { kept, other })
        });
        message.set(None);
        merging.set(pair);
    };
    view! {
        <Page title="Possible duplicates">
            <p>
                <A href=to("/contacts")>"Back to Contacts"</A>
            </p>
            <p class="hint">
                "Contacts that share an email, a phone number, a LinkedIn profile, or a name and organization."
            </p>
            <Outcome message=message />
            {move || {
                merging
                    .get()
                    .map(|pair| view! { <MergeView pair=pair merging=merging message=message /> })
            }}
            {move || {
                let groups = groups.get();
                if groups.is_empty() {
                    return view! { <p class="empty">"No possible duplicates."</p> }.into_any();
                }
                view! {
                    <ul class="rows" aria-label="Possible duplicates">
                        {groups
                            .into_iter()
                            .map(|group| {
                                let names: Vec<(String, String)> = state
                                    .book
                                    .with_untracked(|b| {
                                        group
                                            .ids
                                            .iter()
                                            .filter_map(|id| b.get(id))
                                            .map(|c| (c.id.clone(), c.name.clone()))
                                            .collect()
                                    });
                                let why = group
                                    .reasons
                                    .iter()
                                    .map(ToString::to_string)
                                    .collect::<Vec<_>>()
                                    .join("; ");
                                let label = names
                                    .iter()
                                    .map(|(_, n)| n.as_str())
                                    .collect::<Vec<_>>()
                                    .join(" and ");
                                let for_merge = group.clone();
                                let ids = group.ids.clone();
                                view! {
                                    <li aria-label=label>
                                        <p>
                                            {names
                                                .into_iter()
                                                .enumerate()
                                                .map(|(i, (id, name))| {
                                                    view! {
                                                        {(i > 0).then_some(" · ")}
                                                        <a href=to(&format!("/contacts/{id}"))>{name}</a>
                                                    }
                                                })
                                                .collect_view()}
                                        </p>
                                        <p class="detail">{format!("Why: {why}.")}</p>
                                        <div class="actions">
                                            <button on:click=move |_| start_merge(&for_merge)>"Merge"</button>
                                            <button on:click=move |_| {
                                                message.set(state.not_duplicates(&ids).err().map(Err));
                                            }>"Not a duplicate"</button>
                                        </div>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </Page>
    }
}

/// A list field as one line of text.
fn listed(list: &[String]) -> String {
    list.join(", ")
}

/// The two contacts side by side, a choice for each field on which they differ, and **Merge**.
#[component]
fn MergeView(
    pair: Pair,
    merging: RwSignal<Option<Pair>>,
    message: RwSignal<Option<Result<String, String>>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Pair { kept, other } = pair;
    let take_other = RwSignal::new(Vec::<MergeField>::new());
    // The name of who introduced them rather than an id.
    let shown = move |field: MergeField, c: &Contact| {
        let text = field.text(c);
        match field {
            MergeField::IntroducedBy => state
                .book
                .with_untracked(|b| b.get(&text).map(|c| c.name.clone()))
                .unwrap_or(text),
            _ => text,
        }
    };
    let side_by_side: Vec<(&str, String, String)> = vec![
        ("Name", kept.name.clone(), other.name.clone()),
        ("Role", kept.role.clone(), other.role.clone()),
        (
            "Organization",
            kept.organization.clone(),
            other.organization.clone(),
        ),
        ("Emails", listed(&kept.emails), listed(&other.emails)),
        ("Phones", listed(&kept.phones), listed(&other.phones)),
        ("LinkedIn", kept.linkedin.clone(), other.linkedin.clone()),
        (
            "Where you met",
            kept.where_met.clone(),
            other.where_met.clone(),
        ),
        ("Tags", listed(&kept.tags), listed(&other.tags)),
        (
            "Timeline",
            kept.interactions.len().to_string(),
            other.interactions.len().to_string(),
        ),
        (
            "Follow-ups",
            kept.follow_ups.len().to_string(),
            other.follow_ups.len().to_string(),
        ),
    ];
    let choices = conflicts(&kept, &other)
        .into_iter()
        .map(|field| {
            let name = format!("merge-{field:?}");
            let (mine, theirs) = (shown(field, &kept), shown(field, &other));
            let pick = move |from_other: bool| {
                take_other.update(|t| {
                    t.retain(|f| *f != field);
                    if from_other {
                        t.push(field);
                    }
                })
            };
            view! {
                <fieldset>
                    <legend>{field.label()}</legend>
                    <div class="check">
                        <input
                            type="radio"
                            id=format!("{name}-kept")
                            name=name.clone()
                            checked=true
                            on:change=move |_| pick(false)
                        />
                        <label for=format!("{name}-kept")>{mine}</label>
                    </div>
                    <div class="check">
                        <input
                            type="radio"
                            id=format!("{name}-other")
                            name=name.clone()
                            on:change=move |_| pick(true)
                        />
                        <label for=format!("{name}-other")>{theirs}</label>
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    let title = format!("Merge {} and {}", kept.name, other.name);
    let (kept_id, other_id) = (kept.id.clone(), other.id.clone());
    let merge = move |_| match state.merge(&kept_id, &other_id, &take_other.get_untracked()) {
        Ok(()) => {
            merging.set(None);
            message.set(None);
        }
        Err(e) => message.set(Some(Err(e))),
    };
    view! {
        <section class="merge" aria-labelledby="merge-h">
            <h2 id="merge-h">{title}</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Field"</th>
                        <th scope="col">{kept.name.clone()}</th>
                        <th scope="col">{other.name.clone()}</th>
                    </tr>
                </thead>
                <tbody>
                    {side_by_side
                        .into_iter()
                        .map(|(label, a, b)| {
                            view! {
                                <tr>
                                    <th scope="row">{label}</th>
                                    <td>{a}</td>
                                    <td>{b}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <p class="hint">
                "Where they differ, choose what to keep. Emails, phones, links, tags, notes, the timeline and follow-ups of both are kept."
            </p>
            {choices}
            <div class="actions">
                <button class="primary" on:click=merge>"Merge these contacts"</button>
                <button on:click=move |_| merging.set(None)>"Cancel"</button>
            </div>
        </section>
    }
}
