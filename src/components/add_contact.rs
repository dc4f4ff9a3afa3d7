//! The top of Home and of Contacts: the storage and conference mode banners, then a row of
//! buttons that starts with **Add contact**.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::to;
use crate::components::conference::ConferenceBanner;
use crate::components::storage_banner::StorageBanner;

/// The banners, then **Add contact** followed by the page's own buttons (`children`).
#[component]
pub fn AddContactRow(children: Children) -> impl IntoView {
    view! {
        <StorageBanner />
        <ConferenceBanner />
        <p>
            <A href=to("/contacts/new") attr:class="button primary">"Add contact"</A>
            " "
            {children()}
        </p>
    }
}
