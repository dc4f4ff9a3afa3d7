//! Who introduced whom, on a contact's page: the people this contact introduced the user to, and
//! **Add someone they recommend**, which opens the add-contact form introduced by this contact
//! and sets a follow-up to reach out. (The chain of introducers, A → B → this person, is in their
//! details: `components/contact_details.rs`.)

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use weak_ties_domain::form::ContactDraft;
use weak_ties_domain::introductions::{recommendation_draft, recommended_contact, REACH_OUT_DAYS};
use weak_ties_domain::model::Contact;

use crate::app::{to, Page};
use crate::components::contact_details::contact_link;
use crate::components::contact_form::{ContactForm, SaveProblem};
use crate::state::{now, today, AppState};

/// The section "People they introduced you to", with **Add someone they recommend**.
#[component]
pub fn Introduced(contact: Memo<Option<Contact>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = move || contact.with(|c| c.as_ref().map(|c| c.id.clone()).unwrap_or_default());
    let first = move || {
        contact.with(|c| {
            c.as_ref()
                .map(|c| c.first_name().to_string())
                .unwrap_or_default()
        })
    };
    view! {
        <section aria-labelledby="introduced-h">
            <h2 id="introduced-h">"People they introduced you to"</h2>
            {move || {
                let people = state
                    .book
                    .with(|b| b.introduced(&id()).into_iter().map(contact_link).collect::<Vec<_>>());
                if people.is_empty() {
                    view! { <p class="empty">"Nobody yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="rows introduced">
                            {people.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
            <p class="hint" id="recommend-hint">
                {move || {
                    format!(
                        "Ask {}: “What other people do you recommend that I talk with? May I tell them that you referred me?”",
                        first(),
                    )
                }}
            </p>
            <A
                href=move || to(&format!("/contacts/new?introduced_by={}", id()))
                attr:class="button"
                attr:aria-describedby="recommend-hint"
            >
                "Add someone they recommend"
            </A>
        </section>
    }
}

/// The add-contact form for someone `introducer` recommends (`/contacts/new?introduced_by=<id>`).
/// Saving adds no meeting (they have not met yet) but a follow-up to reach out.
#[component]
pub fn Recommend(introducer: Contact) -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let initial: ContactDraft = recommendation_draft(&introducer);
    let title = format!("Add someone {} recommends", introducer.first_name());
    let hint = format!(
        "They will show as introduced by {}, with a follow-up to reach out in {REACH_OUT_DAYS} days.",
        introducer.name
    );
    let on_save = move |draft: ContactDraft| {
        let contact = state
            .book
            .with_untracked(|b| recommended_contact(&draft, b, now(), today()))
            .map_err(SaveProblem::Fields)?;
        let saved = state.save(&contact).map_err(SaveProblem::Storage)?;
        navigate(&format!("/contacts/{}", saved.id), Default::default());
        Ok(())
    };
    view! {
        <Page title=title>
            <p class="hint">{hint}</p>
            <ContactForm initial=initial full=false on_save=on_save />
        </Page>
    }
}
