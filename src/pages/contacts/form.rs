//! Adding and editing a contact: the pages around the contact form
//! (`components/contact_form.rs`).

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use weak_ties_domain::form::ContactDraft;
use weak_ties_domain::scan::Scan;

use crate::app::Page;
use crate::components::conference::QuickAddNote;
use crate::components::contact_form::{ContactForm, SaveProblem};
use crate::components::routed_contact::ContactNotFound;
use crate::components::scanner::{ScanOutcome, Scanner};
use crate::formats_module;
use crate::state::{now, today, AppState};

/// `/contacts/new`: the quick form, or with `?introduced_by=<id>` of a known contact, the form for
/// someone they recommend.
#[component]
pub fn NewContact() -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = use_query_map();
    let introducer = move || {
        let id = query.with(|q| q.get("introduced_by"))?;
        state.book.with_untracked(|b| b.get(&id).cloned())
    };
    move || match introducer() {
        Some(by) => view! { <super::introductions::Recommend introducer=by /> }.into_any(),
        None => view! { <QuickAdd /> }.into_any(),
    }
}

/// **Add contact**: the quick form, which a scanned QR code or a share
/// (`?title=&text=&url=`, from the share target) fills. Saving logs that you met them today (or
/// on the date given) and proposes a thank-you for the next day.
#[component]
fn QuickAdd() -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let scan = RwSignal::new(None::<Result<Scan, String>>);
    let shared = use_query_map().with_untracked(|q| {
        let [title, text, url] = ["title", "text", "url"].map(|k| q.get(k).unwrap_or_default());
        (!(title.is_empty() && text.is_empty() && url.is_empty())).then_some((title, text, url))
    });
    if let Some((title, text, url)) = shared {
        leptos::task::spawn_local(async move {
            scan.try_set(Some(formats_module::read_shared(&title, &text, &url).await));
        });
    }
    let on_save = move |draft: ContactDraft| {
        let (contact, proposal) = draft
            .to_met_contact(now(), today())
            .map_err(SaveProblem::Fields)?;
        let saved = state
            .add_met(&contact, proposal)
            .map_err(SaveProblem::Storage)?;
        navigate(&format!("/contacts/{}", saved.id), Default::default());
        Ok(())
    };
    view! {
        <Page title="Add contact">
            <QuickAddNote />
            <Scanner on_scan=move |read| scan.set(Some(read)) />
            <ScanOutcome scan=scan />
            <ContactForm initial=state.quick_add_draft() full=false on_save=on_save fill=scan />
        </Page>
    }
}

/// Editing every field of a contact.
#[component]
pub fn EditContact() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let navigate = use_navigate();
    view! {
        {move || {
            let id = id();
            let navigate = navigate.clone();
            match state.book.with_untracked(|b| b.get(&id).cloned()) {
                None => ContactNotFound().into_any(),
                Some(contact) => {
                    let title = format!("Edit {}", contact.name);
                    let initial = ContactDraft::from_contact(&contact);
                    let on_save = move |draft: ContactDraft| {
                        let mut edited = contact.clone();
                        draft.apply(&mut edited, today()).map_err(SaveProblem::Fields)?;
                        state.save(&edited).map_err(SaveProblem::Storage)?;
                        navigate(&format!("/contacts/{}", edited.id), Default::default());
                        Ok(())
                    };
                    view! {
                        <Page title=title>
                            <ContactForm
                                initial=initial
                                full=true
                                editing=id.clone()
                                on_save=on_save
                            />
                        </Page>
                    }
                        .into_any()
                }
            }
        }}
    }
}
