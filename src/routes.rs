//! The lazily loaded routes: every page but Home (and the shell around it) is a Leptos lazy route,
//! so the first screen does not wait for the code of the others.
//!
//! With the `split` feature (the release build of `scripts/build.sh`), each page's view is a
//! `#[lazy]` function: `wasm-split-cli` moves its code into a part of its own (`split_*.wasm`,
//! with `chunk_*.wasm` for code that several parts share), fetched on the first visit to the
//! route. Without the feature (`trunk serve`, the wasm tests), the same routes are plain async
//! views in the one wasm: a `#[lazy]` build that has not been through the splitter imports a
//! placeholder module and does not start.
//!
//! The part is fetched by the route's `view`, never by `LazyRoute::preload` (which is why the
//! routes do not use `#[lazy_route]`, whose `preload` fetches it). leptos_router 0.8 awaits
//! `preload` outside the page's reactive owner, and does not cancel it when the user goes on to
//! another area: the first route's preload (a reload of /settings) is never cancelled and, once
//! its part arrives, installs its page over the one clicked since (Settings at /contacts), and
//! a preload cancelled by a second click also takes away the cancelling of the third. `view`
//! runs inside the outlet's `Suspend`, which the router drops as soon as another route matches,
//! so only the last area clicked renders; a part it abandoned still arrives, is instantiated
//! once (the loader keeps one load per part) and is ready for the next visit.

use leptos::prelude::*;
use leptos_router::LazyRoute;

use crate::pages;

/// `route!(Type(part) => view)`: a unit type implementing [`LazyRoute`] whose view is `view`,
/// through the function `part`, split out of the first part under the `split` feature.
macro_rules! route {
    ($(#[$doc:meta])* $route:ident($part:ident) => $view:path) => {
        $(#[$doc])*
        pub struct $route;

        /// The page's view: under `split`, in a part of its own, fetched on the first call.
        #[cfg_attr(feature = "split", leptos::lazy)]
        async fn $part(_route: $route) -> AnyView {
            $view().into_any()
        }

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }
            async fn view(this: Self) -> AnyView {
                $part(this).await
            }
        }
    };
}

route!(
    /// `/contacts`: the searchable list.
    ContactsRoute(contacts_page) => pages::contacts::Contacts
);
route!(
    /// `/contacts/new`.
    NewContactRoute(new_contact_page) => pages::contacts::form::NewContact
);
route!(
    /// `/contacts/duplicates`: the possible duplicates and their merge.
    DuplicatesRoute(duplicates_page) => pages::contacts::duplicates::DuplicatesPage
);
route!(
    /// `/contacts/:id`.
    ContactRoute(contact_page) => pages::contacts::detail::ContactPage
);
route!(
    /// `/contacts/:id/edit`.
    EditContactRoute(edit_contact_page) => pages::contacts::form::EditContact
);
route!(
    /// `/contacts/:id/prepare`.
    PrepareChatRoute(prepare_chat_page) => pages::questions::prepare::PrepareChat
);
route!(
    /// `/contacts/:id/message`.
    MessageRoute(message_page) => pages::templates::compose::MessagePage
);
route!(
    /// `/contacts/:id/sheet`.
    SheetRoute(sheet_page) => pages::contacts::sheet::SheetPage
);
route!(
    /// `/event`.
    EventRoute(event_page) => pages::events::EventPage
);
route!(
    /// `/follow-ups`.
    FollowUpsRoute(follow_ups_page) => pages::follow_ups::FollowUps
);
route!(
    /// `/questions`.
    QuestionsRoute(questions_page) => pages::questions::Questions
);
route!(
    /// `/templates`.
    TemplatesRoute(templates_page) => pages::templates::Templates
);
route!(
    /// `/templates/new`.
    NewTemplateRoute(new_template_page) => pages::templates::editor::NewTemplate
);
route!(
    /// `/templates/:id`.
    EditTemplateRoute(edit_template_page) => pages::templates::editor::EditTemplate
);
route!(
    /// `/settings`.
    SettingsRoute(settings_page) => pages::settings::Settings
);
route!(
    /// `/card`.
    CardRoute(card_page) => pages::card::CardPage
);
