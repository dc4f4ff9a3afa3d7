//! Home: what is due today and overdue, who is past their keep-in-touch cadence, and the people
//! met most recently.

use leptos::prelude::*;
use leptos_router::components::A;
use weak_ties_domain::rules::Bucket;

use crate::app::{to, Page};
use crate::pages::follow_ups::DueList;
use crate::state::{today, AppState};

#[component]
pub fn Home() -> impl IntoView {
    let state = expect_context::<AppState>();
    let due = Memo::new(move |_| {
        state.book.with(|b| {
            b.follow_ups(today())
                .into_iter()
                .filter(|i| i.bucket <= Bucket::Today)
                .collect::<Vec<_>>()
        })
    });
    let touch = Memo::new(move |_| {
        state.book.with(|b| {
            b.touch_due(today())
                .into_iter()
                .take(10)
                .map(|c| (c.id.clone(), c.name.clone()))
                .collect::<Vec<_>>()
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
    let coming = Memo::new(move |_| {
        state.book.with(|b| {
            b.follow_ups(today())
                .iter()
                .filter(|i| i.bucket == Bucket::ThisWeek)
                .count()
        })
    });
    let of = move |bucket: Bucket| {
        due.with(|all| {
            all.iter()
                .filter(|i| i.bucket == bucket)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Page title="Home">
            <crate::pages::events::ConferenceBanner />
            <p>
                <A href=to("/contacts/new") attr:class="button primary">
                    "Add contact"
                </A>
            </p>
            {move || {
                if due.with(Vec::is_empty) {
                    view! { <p class="empty">"Nothing due today. A good day to reach out to someone you have not heard from in a while."</p> }.into_any()
                } else {
                    view! {
                        <DueList title="Overdue" items=of(Bucket::Overdue) />
                        <DueList title="Today" items=of(Bucket::Today) />
                    }
                        .into_any()
                }
            }}
            <Show when=move || { coming.get() > 0 }>
                <p>
                    <A href=to("/follow-ups")>
                        {move || match coming.get() {
                            1 => "1 follow-up coming up this week".to_string(),
                            n => format!("{n} follow-ups coming up this week"),
                        }}
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
        </Page>
    }
}
