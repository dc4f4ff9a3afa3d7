//! The Contacts area: the searchable list (here), a contact's page (`detail`), the add and
//! edit forms (`form`), who introduced whom (`introductions`), the prep sheet for a meeting
//! (`sheet`), and the possible duplicates with their merge (`duplicates`).

pub mod detail;
pub mod duplicates;
pub mod form;
pub mod introductions;
pub mod sheet;

use leptos::prelude::*;
use leptos_router::components::A;
use weak_ties_domain::avatar::{colour, initials};
use weak_ties_domain::book::{Query, Sort};
use weak_ties_domain::model::{Contact, TieStrength};

use crate::app::{to, Page};
use crate::components::avatar::Avatar;
use crate::components::choice::{index_options, picked};
use crate::components::conference::ConferenceBanner;
use crate::components::show_more::ShowMore;
use crate::components::storage_banner::StorageBanner;
use crate::state::AppState;

/// How many rows are rendered at first, and added by **Show more**: a list of thousands of
/// contacts never renders them all at once.
const PAGE: usize = 50;

/// One row of the list: only what it shows.
#[derive(Clone, Default, PartialEq)]
struct Row {
    href: String,
    name: String,
    initials: String,
    colour: &'static str,
    detail: String,
    met: String,
}

impl Row {
    fn of(c: &Contact) -> Self {
        Row {
            href: to(&format!("/contacts/{}", c.id)),
            name: c.name.clone(),
            initials: initials(&c.name),
            colour: colour(&c.id),
            detail: c.role_and_organization(),
            met: c.where_met.clone(),
        }
    }
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

#[component]
pub fn Contacts() -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = RwSignal::new(String::new());
    let tie = RwSignal::new(String::new());
    let tag = RwSignal::new(String::new());
    let event = RwSignal::new(String::new());
    let sort = RwSignal::new("0".to_string());
    let shown = RwSignal::new(PAGE);

    let results = Memo::new(move |_| {
        let query = Query {
            text: text.get(),
            tie: picked(&TieStrength::ALL, &tie.get()),
            tag: non_empty(tag.get()),
            event: non_empty(event.get()),
            sort: picked(&Sort::ALL, &sort.get()).unwrap_or_default(),
        };
        let limit = shown.get();
        state.book.with(|b| {
            let (total, page) = b.query_first(&query, limit);
            (total, page.into_iter().map(Row::of).collect::<Vec<Row>>())
        })
    });
    let total = move || results.with(|r| r.0);
    let rows_shown = Memo::new(move |_| results.with(|r| r.1.len()));
    let empty_book = move || state.book.with(|b| b.is_empty());
    let tags = Memo::new(move |_| state.book.with(|b| b.tags()));
    let events = Memo::new(move |_| state.book.with(|b| b.events()));

    view! {
        <Page title="Contacts">
            <StorageBanner />
            <ConferenceBanner />
            <p>
                <A href=to("/contacts/new") attr:class="button primary">
                    "Add contact"
                </A>
                " "
                <A href=to("/contacts/duplicates") attr:class="button">
                    "Possible duplicates"
                </A>
            </p>
            <Show
                when=move || !empty_book()
                fallback=|| {
                    view! {
                        <div class="empty">
                            <p>
                                "No one here yet. Who did you meet last? In a coffee line, while volunteering, at a conference: add them while you still remember where and how you met."
                            </p>
                        </div>
                    }
                }
            >
                <div class="filters" role="search">
                    <label for="search">"Search contacts"</label>
                    <input id="search" type="search" bind:value=text autocomplete="off" />
                    <div class="filter-row">
                        <div>
                            <label for="tie">"Tie strength"</label>
                            <select id="tie" bind:value=tie>
                                <option value="">"Any"</option>
                                {index_options(&TieStrength::ALL, TieStrength::label)}
                            </select>
                        </div>
                        <div>
                            <label for="tag">"Tag"</label>
                            <select id="tag" bind:value=tag>
                                <option value="">"Any"</option>
                                {move || {
                                    tags.get()
                                        .into_iter()
                                        .map(|t| view! { <option value=t.clone()>{t.clone()}</option> })
                                        .collect_view()
                                }}
                            </select>
                        </div>
                        <div>
                            <label for="event">"Event"</label>
                            <select id="event" bind:value=event>
                                <option value="">"Any"</option>
                                {move || {
                                    events
                                        .get()
                                        .into_iter()
                                        .map(|e| view! { <option value=e.clone()>{e.clone()}</option> })
                                        .collect_view()
                                }}
                            </select>
                        </div>
                        <div>
                            <label for="sort">"Sort by"</label>
                            <select id="sort" bind:value=sort>
                                {index_options(&Sort::ALL, Sort::label)}
                            </select>
                        </div>
                    </div>
                </div>
                <p class="count" role="status">
                    {move || match total() {
                        0 => "No contact matches.".to_string(),
                        1 => "1 contact".to_string(),
                        n => format!("{n} contacts"),
                    }}
                </p>
                // The rows are places in the list, not contacts: a new search rewrites the text of
                // the rows whose contact changed and adds or removes rows only at the end, which
                // costs far less per keystroke than replacing each row (and its link) by another.
                // The links are plain `<a>`: the router handles their clicks all the same.
                <ul class="rows" aria-label="Contacts">
                    <For
                        each=move || 0..rows_shown.get()
                        key=|i| *i
                        children=move |i| {
                            let row = Memo::new(move |_| {
                                results.with(|r| r.1.get(i).cloned().unwrap_or_default())
                            });
                            view! {
                                <li>
                                    <a class="with-avatar" href=move || row.with(|r| r.href.clone())>
                                        <Avatar
                                            initials=Signal::derive(move || row.with(|r| r.initials.clone()))
                                            colour=Signal::derive(move || row.with(|r| r.colour))
                                        />
                                        <span class="name">{move || row.with(|r| r.name.clone())}</span>
                                        <span class="detail">{move || row.with(|r| r.detail.clone())}</span>
                                        <span class="met">{move || row.with(|r| r.met.clone())}</span>
                                    </a>
                                </li>
                            }
                        }
                    />
                </ul>
                <ShowMore total=Signal::derive(total) shown=shown step=PAGE />
            </Show>
        </Page>
    }
}
