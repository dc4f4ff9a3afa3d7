//! The Contacts area: the searchable list (here), a contact's page (`detail`), the add and
//! edit forms (`form`), who introduced whom (`introductions`), and the prep sheet for a meeting
//! (`sheet`).

pub mod detail;
pub mod form;
pub mod introductions;
pub mod sheet;

use leptos::prelude::*;
use leptos_router::components::A;
use weak_ties_domain::avatar::{colour, initials};
use weak_ties_domain::book::{Query, Sort};
use weak_ties_domain::model::{Contact, TieStrength};

use crate::app::{to, Page};
use crate::avatar::Avatar;
use crate::state::AppState;
use crate::storage_banner::StorageBanner;

/// The contact named by the route's `:id`, following the book.
#[derive(Clone, Copy)]
pub struct RoutedContact {
    pub id: Memo<String>,
    pub contact: Memo<Option<Contact>>,
    /// Changes only when the name does: a page that renders on the name is not rebuilt (and
    /// does not lose what the user typed) on every other change to the contact.
    pub name: Memo<Option<String>>,
}

/// The contact of the current route (`/contacts/:id/...`).
pub fn routed_contact() -> RoutedContact {
    let state = expect_context::<AppState>();
    let params = leptos_router::hooks::use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let contact = Memo::new(move |_| state.book.with(|b| b.get(&id.get()).cloned()));
    let name = Memo::new(move |_| contact.with(|c| c.as_ref().map(|c| c.name.clone())));
    RoutedContact { id, contact, name }
}

/// The page for a link to a contact that does not exist (deleted, or a wrong address).
#[component]
pub fn ContactNotFound() -> impl IntoView {
    view! {
        <Page title="Contact not found">
            <p>"This contact does not exist, or was deleted."</p>
            <A href=to("/contacts")>"Back to Contacts"</A>
        </Page>
    }
}

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
        let detail = [c.role.as_str(), c.organization.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        Row {
            href: to(&format!("/contacts/{}", c.id)),
            name: c.name.clone(),
            initials: initials(&c.name),
            colour: colour(&c.id),
            detail,
            met: c.where_met.clone(),
        }
    }
}

/// A `<select>` value: an index into a list of choices, or "" for none.
fn pick<T: Copy>(all: &[T], value: &str) -> Option<T> {
    value
        .parse::<usize>()
        .ok()
        .and_then(|i| all.get(i).copied())
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
            tie: pick(&TieStrength::ALL, &tie.get()),
            tag: non_empty(tag.get()),
            event: non_empty(event.get()),
            sort: pick(&Sort::ALL, &sort.get()).unwrap_or_default(),
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
            <crate::pages::events::ConferenceBanner />
            <p>
                <A href=to("/contacts/new") attr:class="button primary">
                    "Add contact"
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
                                {TieStrength::ALL
                                    .iter()
                                    .enumerate()
                                    .map(|(i, t)| view! { <option value=i.to_string()>{t.label()}</option> })
                                    .collect_view()}
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
                                {Sort::ALL
                                    .iter()
                                    .enumerate()
                                    .map(|(i, s)| view! { <option value=i.to_string()>{s.label()}</option> })
                                    .collect_view()}
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
                <Show when=move || { total() > rows_shown.get() }>
                    <button on:click=move |_| shown.update(|n| *n += PAGE)>
                        {move || format!("Show more ({} not shown)", total() - rows_shown.get())}
                    </button>
                </Show>
            </Show>
        </Page>
    }
}
