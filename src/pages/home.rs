//! Home: what is due today and overdue, who is past their keep-in-touch cadence, the weak ties
//! worth a message (with one tap to write it), the people met most recently, and a summary of the
//! network. All of it is one `HomeSummary` (`weak_ties_domain::home`): made from the contacts,
//! or, on a start with many of them, the stored one until they are read.

use leptos::prelude::*;
use leptos_router::components::A;
use weak_ties_domain::follow_ups::due::coming_text;
use weak_ties_domain::home::{DueRows, HomeSummary, Named, DUE_PAGE};
use weak_ties_domain::insights::NetworkSummary;
use weak_ties_domain::model::TieStrength;

use crate::app::{to, Page};
use crate::components::add_contact::AddContactRow;
use crate::components::due::DueList;
use crate::state::AppState;

#[component]
pub fn Home() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Everything Home shows, from the contacts, or from the stored summary while they are read.
    let home = Memo::new(move |_| state.home());
    // Each due list's rows, copied once per change of Home (the lists read them in place).
    let rows = move |of: fn(&HomeSummary) -> &DueRows| {
        Memo::new(move |_| home.with(|h| of(h).rows.clone()))
    };
    let total =
        move |of: fn(&HomeSummary) -> &DueRows| Memo::new(move |_| home.with(|h| of(h).total));
    let (overdue, today) = (total(|h| &h.overdue), total(|h| &h.today));
    let coming = Memo::new(move |_| home.with(|h| h.coming));
    let touch = Memo::new(move |_| home.with(|h| h.touch.clone()));
    let recent = Memo::new(move |_| home.with(|h| h.recent.clone()));
    let worth = Memo::new(move |_| home.with(|h| h.worth.clone()));
    let empty_book = Signal::derive(move || home.with(|h| h.contacts == 0));
    let network = Memo::new(move |_| home.with(|h| h.network.clone()));
    view! {
        <Page title="Home">
            <AddContactRow path="/card" label="My card" />
            <Show
                when=move || { overdue.get() > 0 || today.get() > 0 }
                fallback=|| {
                    view! { <p class="empty">"Nothing due today. A good day to reach out to someone you have not heard from in a while."</p> }
                }
            >
                <DueList title="Overdue" items=rows(|h| &h.overdue).into() total=overdue page=DUE_PAGE />
                <DueList title="Today" items=rows(|h| &h.today).into() total=today page=DUE_PAGE />
            </Show>
            <Show when=move || { coming.get() > 0 }>
                <p>
                    <A href=to("/follow-ups")>
                        {move || coming_text(coming.get())}
                    </A>
                </p>
            </Show>
            <Show when=move || touch.with(|t| !t.is_empty())>
                <section aria-labelledby="touch-h">
                    <h2 id="touch-h">"Time to get in touch"</h2>
                    <ul class="rows">
                        {move || {
                            touch
                                .get()
                                .into_iter()
                                .map(|Named { id, name, .. }| view! { <li><A href=to(&format!("/contacts/{id}"))>{name}</A></li> })
                                .collect_view()
                        }}
                    </ul>
                </section>
            </Show>
            <WorthAMessage list=worth empty_book=empty_book />
            <Show when=move || recent.with(|r| !r.is_empty())>
                <section aria-labelledby="recent-h">
                    <h2 id="recent-h">"Recently added"</h2>
                    <ul class="rows">
                        {move || {
                            recent
                                .get()
                                .into_iter()
                                .map(|Named { id, name, where_met }| {
                                    view! {
                                        <li>
                                            <A href=to(&format!("/contacts/{id}"))>
                                                <span class="name">{name}</span>
                                                <span class="met">{where_met}</span>
                                            </A>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </section>
            </Show>
            <Network summary=network />
        </Page>
    }
}

/// The people most worth a message today, each with the reason and one tap to write it from the
/// template that fits.
#[component]
fn WorthAMessage(
    list: Memo<Vec<weak_ties_domain::insights::WorthAMessage>>,
    empty_book: Signal<bool>,
) -> impl IntoView {
    view! {
        <section aria-labelledby="worth-h">
            <h2 id="worth-h">"Weak ties worth a message"</h2>
            {move || {
                let list = list.get();
                if list.is_empty() {
                    let text = if empty_book.get() {
                        "Add the people you meet: the ones worth a message will show up here."
                    } else {
                        "Nobody is waiting on a message: every weak tie has heard from you recently."
                    };
                    return view! { <p class="empty">{text}</p> }.into_any();
                }
                view! {
                    <ul class="worth">
                        {list
                            .into_iter()
                            .map(|w| {
                                let page = to(&format!("/contacts/{}", w.contact_id));
                                let write = to(
                                    &format!("/contacts/{}/message?template={}", w.contact_id, w.template()),
                                );
                                let label = format!("Write a message to {}", w.name);
                                view! {
                                    <li>
                                        <div>
                                            <A href=page attr:class="name">{w.name}</A>
                                            <p class="why">{w.reason.text()}</p>
                                        </div>
                                        <A href=write attr:class="button" attr:aria-label=label>
                                            "Write a message"
                                        </A>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

/// "Your network": ties by strength, the organizations and events they span, and this month's
/// change.
#[component]
fn Network(summary: Memo<NetworkSummary>) -> impl IntoView {
    view! {
        <section aria-labelledby="network-h">
            <h2 id="network-h">"Your network"</h2>
            {move || {
                let s = summary.get();
                if s.ties.total() == 0 {
                    return view! {
                        <p class="empty">"No one yet: your network starts with the next person you meet."</p>
                    }
                        .into_any();
                }
                let mut rows: Vec<(String, String)> = TieStrength::ALL
                    .iter()
                    .rev()
                    .map(|&t| (format!("{} ties", t.label()), s.ties.of(t).to_string()))
                    .collect();
                rows.push(("Organizations".into(), s.organizations.to_string()));
                rows.push(("Events".into(), s.events.to_string()));
                rows.push(("Change".into(), s.this_month_text()));
                view! {
                    <dl class="network">
                        {rows
                            .into_iter()
                            .map(|(k, v)| view! { <div><dt>{k}</dt> <dd>{v}</dd></div> })
                            .collect_view()}
                    </dl>
                }
                    .into_any()
            }}
        </section>
    }
}
