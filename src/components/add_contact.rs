//! The top of Home and of Contacts: the storage and conference mode banners, then a row of
//! buttons that starts with **Add contact**.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::to;
use crate::components::conference::ConferenceBanner;
use crate::components::storage_banner::StorageBanner;

/// The banners, then **Add contact** and the page's own button beside it: a link to `path`
/// (below the app's root, as [`to`] takes it) named `label`.
#[component]
pub fn AddContactRow(path: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <StorageBanner />
        <ConferenceBanner />
        <p>
            <A href=to("/contacts/new") attr:class="button primary">"Add contact"</A>
            " "
            <A href=to(path) attr:class="button">{label}</A>
        </p>
    }
}
