//! Due lists: open follow-ups with their actions (done, snooze a day, snooze a week).

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use weak_ties_domain::book::DueItem;
use weak_ties_domain::follow_ups::due::due_text;
use weak_ties_domain::follow_ups::Bucket;
use weak_ties_domain::model::FollowUp;

use crate::app::to;
use crate::components::show_more::ShowMore;
use crate::state::{today, AppState, Toast};

/// One open follow-up, with its actions: done, snooze a day, snooze a week. `show_contact`
/// names the contact (lists across contacts) or not (a contact's own page).
#[component]
pub fn FollowUpItem(item: DueItem, #[prop(optional)] show_contact: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let what = if item.follow_up.text.is_empty() {
        item.follow_up.kind.label().to_string()
    } else {
        format!("{}: {}", item.follow_up.kind.label(), item.follow_up.text)
    };
    let act = move |contact_id: String, fu_id: String, action: fn(&mut FollowUp, NaiveDate)| {
        move |_| {
            let result = state.change(&contact_id, |c| {
                if let Some(f) = c.follow_up_mut(&fu_id) {
                    action(f, today());
                }
            });
            if let Err(message) = result {
                state.show(Toast {
                    message,
                    undo: None,
                });
            }
        }
    };
    let (cid, fid) = (item.contact_id.clone(), item.follow_up.id.clone());
    view! {
        <li class="due-item" class:overdue=item.bucket == Bucket::Overdue>
            <div class="due-what">
                {show_contact
                    .then(|| {
                        view! {
                            <A href=to(&format!("/contacts/{}", item.contact_id))>
                                {item.contact_name.clone()}
                            </A>
                            " — "
                        }
                    })}
                <span>{what}</span>
                <span class="due-date">" · " {due_text(item.follow_up.due, today())}</span>
            </div>
            <div class="due-actions">
                <button on:click=act(cid.clone(), fid.clone(), |f, t| f.complete(t))>"Done"</button>
                <button on:click=act(cid.clone(), fid.clone(), |f, t| f.snooze(1, t))>"Snooze a day"</button>
                <button on:click=act(cid, fid, |f, t| f.snooze(7, t))>"Snooze a week"</button>
            </div>
        </li>
    }
}

/// A titled list of follow-ups across contacts, of which it renders the first `page` (more on
/// **Show more**): thousands of overdue follow-ups never render at once. Nothing when empty.
/// `total` counts them when `items` holds only the first ones (Home's stored summary): then
/// **Show more** reads the contacts, and the list grows once they are read.
#[component]
pub fn DueList(
    title: &'static str,
    items: Signal<Vec<DueItem>>,
    page: usize,
    #[prop(optional, into)] total: Option<Signal<usize>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = RwSignal::new(page);
    let total = total.unwrap_or_else(|| Signal::derive(move || items.with(Vec::len)));
    Effect::new(move |_| {
        if shown.get() > items.with(Vec::len)
            && total.get_untracked() > items.with_untracked(Vec::len)
        {
            state.read_contacts();
        }
    });
    view! {
        <Show when=move || { total.get() > 0 }>
            <section aria-label=title>
                <h2>{move || format!("{title} ({})", total.get())}</h2>
                <ul class="due-list">
                    {move || {
                        items
                            .with(|all| all.iter().take(shown.get()).cloned().collect::<Vec<_>>())
                            .into_iter()
                            .map(|item| view! { <FollowUpItem item=item show_contact=true /> })
                            .collect_view()
                    }}
                </ul>
                <ShowMore total=total shown=shown step=page />
            </section>
        </Show>
    }
}
