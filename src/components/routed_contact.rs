//! The contact a route names (`/contacts/:id/...`), and the page shown when there is none.

use leptos::prelude::*;
use leptos_router::components::A;
use weak_ties_domain::model::Contact;

use crate::app::{to, Page};
use crate::state::AppState;

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
