//! Home: what is due today and overdue, who is past their keep-in-touch cadence, the weak ties
//! worth a message (with one tap to write it), the people met most recently, and a summary of the
//! network.

use leptos::prelude::*;
use leptos_router::components::A;
use weak_ties_domain::follow_ups::due::{coming_text, coming_this_week, due_by_today, in_bucket};
use weak_ties_domain::follow_ups::Bucket;
use weak_ties_domain::insights::{network_summary, time_to_get_in_touch, worth_a_message};
use weak_ties_domain::model::TieStrength;

use crate::app::{to, Page};
use crate::components::conference::ConferenceBanner;
use crate::components::due::DueList;
use crate::components::storage_banner::StorageBanner;
use crate::state::{today, AppState};

#[component]
pub fn Home() -> impl IntoView {
    let state = expect_context::<AppState>();
    let due = Memo::new(move |_| state.book.with(|b| due_by_today(b, today())));
    let worth = Memo::new(move |_| {
        state
            .book
            .with(|b| worth_a_message(b, today(), WORTH_A_MESSAGE))
    });
    // Past their keep-in-touch cadence, apart from those already listed as worth a message.
    let touch = Memo::new(move |_| {
        worth.with(|w| {
            state.book.with(|b| {
                time_to_get_in_touch(b, today(), w, TIME_TO_GET_IN_TOUCH)
                    .into_iter()
                    .map(|c| (c.id.clone(), c.name.clone()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let recent = Memo::new(move |_| {
        state.book.with(|b| {
            b.recent(5)
                .into_iter()
                .map(|c| (c.id.clone(), c.name.clone(), c.where_met.clone()))
                .collect::<Vec<_>>()
        })
    });
    let coming = Memo::new(move |_| state.book.with(|b| coming_this_week(b, today())));
    let of =
        move |bucket: Bucket| Memo::new(move |_| due.with(|all| in_bucket(all, bucket))).into();
    view! {
        <Page title="Home">
            <StorageBanner />
            <ConferenceBanner />
            <p>
                <A href=to("/contacts/new") attr:class="button primary">
                    "Add contact"
                </A>
                " "
                <A href=to("/card") attr:class="button">"My card"</A>
            </p>
            <Show
                when=move || !due.with(Vec::is_empty)
                fallback=|| {
                    view! { <p class="empty">"Nothing due today. A good day to reach out to someone you have not heard from in a while."</p> }
                }
            >
                <DueList title="Overdue" items=of(Bucket::Overdue) page=DUE_PAGE />
                <DueList title="Today" items=of(Bucket::Today) page=DUE_PAGE />
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
                                .map(|(id, name)| view! { <li><A href=to(&format!("/contacts/{id}"))>{name}</A></li> })
                                .collect_view()
                        }}
                    </ul>
                </section>
            </Show>
            <WorthAMessage list=worth />
            <Show when=move || recent.with(|r| !r.is_empty())>
                <section aria-labelledby="recent-h">
                    <h2 id="recent-h">"Recently added"</h2>
                    <ul class="rows">
                        {move || {
                            recent
                                .get()
                                .into_iter()
                                .map(|(id, name, met)| {
                                    view! {
                                        <li>
                                            <A href=to(&format!("/contacts/{id}"))>
                                                <span class="name">{name}</span>
                                                <span class="met">{met}</span>
                                            </A>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </section>
            </Show>
            <Network />
        </Page>
    }
}

/// How many follow-ups the Overdue and Today lists render at first, and add on **Show more**.
const DUE_PAGE: usize = 10;

/// How many people "Time to get in touch" lists.
const TIME_TO_GET_IN_TOUCH: usize = 10;

/// How many people "Weak ties worth a message" lists.
const WORTH_A_MESSAGE: usize = 5;

/// The people most worth a message today, each with the reason and one tap to write it from the
/// template that fits.
#[component]
fn WorthAMessage(list: Memo<Vec<weak_ties_domain::insights::WorthAMessage>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let empty_book = move || state.book.with(|b| b.is_empty());
    view! {
        <section aria-labelledby="worth-h">
            <h2 id="worth-h">"Weak ties worth a message"</h2>
            {move || {
                let list = list.get();
                if list.is_empty() {
                    let text = if empty_book() {
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
fn Network() -> impl IntoView {
    let state = expect_context::<AppState>();
    let summary = Memo::new(move |_| state.book.with(|b| network_summary(b, today())));
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
