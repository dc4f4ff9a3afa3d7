//! The lazily loaded routes: every page but Home (and the shell around it) is a Leptos lazy route,
//! so the first screen does not wait for the code of the others.
//!
//! With the `split` feature (the release build of `scripts/build.sh`), `#[lazy_route]` makes each
//! page's view a split point: `wasm-split-cli` moves its code into a part of its own
//! (`split_*.wasm`, with `chunk_*.wasm` for code that several parts share), which the router
//! fetches on the first visit to the route. Without the feature (`trunk serve`, the wasm tests),
//! the same routes are plain async views in the one wasm: a `#[lazy_route]` build that has not
//! been through the splitter imports a placeholder module and does not start.

use leptos::prelude::*;
use leptos_router::LazyRoute;

use crate::pages;

/// `route!(Type => view)`: a unit type implementing [`LazyRoute`] whose view is `view`, split
/// out of the first part under the `split` feature.
macro_rules! route {
    ($(#[$doc:meta])* $route:ident => $view:path) => {
        $(#[$doc])*
        pub struct $route;

        #[cfg(feature = "split")]
        #[leptos_router::lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }
            fn view(_this: Self) -> AnyView {
                $view().into_any()
            }
        }

        #[cfg(not(feature = "split"))]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }
            async fn view(_this: Self) -> AnyView {
                $view().into_any()
            }
        }
    };
}

route!(
    /// `/contacts`: the searchable list.
    ContactsRoute => pages::contacts::Contacts
);
route!(
    /// `/contacts/new`.
    NewContactRoute => pages::contacts::form::NewContact
);
route!(
    /// `/contacts/duplicates`: the possible duplicates and their merge.
    DuplicatesRoute => pages::contacts::duplicates::DuplicatesPage
);
route!(
    /// `/contacts/:id`.
    ContactRoute => pages::contacts::detail::ContactPage
);
route!(
    /// `/contacts/:id/edit`.
    EditContactRoute => pages::contacts::form::EditContact
);
route!(
    /// `/contacts/:id/prepare`.
    PrepareChatRoute => pages::questions::prepare::PrepareChat
);
route!(
    /// `/contacts/:id/message`.
    MessageRoute => pages::templates::compose::MessagePage
);
route!(
    /// `/contacts/:id/sheet`.
    SheetRoute => pages::contacts::sheet::SheetPage
);
route!(
    /// `/event`.
    EventRoute => pages::events::EventPage
);
route!(
    /// `/follow-ups`.
    FollowUpsRoute => pages::follow_ups::FollowUps
);
route!(
    /// `/questions`.
    QuestionsRoute => pages::questions::Questions
);
route!(
    /// `/templates`.
    TemplatesRoute => pages::templates::Templates
);
route!(
    /// `/templates/new`.
    NewTemplateRoute => pages::templates::editor::NewTemplate
);
route!(
    /// `/templates/:id`.
    EditTemplateRoute => pages::templates::editor::EditTemplate
);
route!(
    /// `/settings`.
    SettingsRoute => pages::settings::Settings
);
route!(
    /// `/card`.
    CardRoute => pages::card::CardPage
);
