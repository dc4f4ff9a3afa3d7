//! The lazily loaded routes: every page but Home (and the shell around it) is a Leptos lazy route,
//! so the first screen does not wait for the code of the others.
//!
//! With the `split` feature (the release build of `scripts/build.sh`), each page's view is a split
//! point (`parts.rs`): `wasm-split-cli` moves its code into a part of its own (`split_*.wasm`,
//! with `chunk_*.wasm` for code that several parts share), fetched on the first visit to the
//! route. Without the feature (`trunk serve`, the wasm tests), the same routes are plain async
//! views in the one wasm: a split build that has not been through the splitter imports a
//! placeholder module and does not start. While a part is on its way, [`LoadingNotice`] says so
//! at the top of the page area; a part that cannot be fetched shows [`NotLoaded`].
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

use crate::app::Page;
use crate::pages;
use crate::parts::{part, NotFetched};
use crate::state::AppState;

/// `route!(Type(part) => view)`: a unit type implementing [`LazyRoute`] whose view is `view`,
/// through the function `part`, split out of the first part under the `split` feature.
macro_rules! route {
    ($(#[$doc:meta])* $route:ident($part:ident) => $view:path) => {
        $(#[$doc])*
        pub struct $route;

        part!(
            /// The page's view: under `split`, in a part of its own, fetched on the first call.
            fn $part(_route: $route) -> AnyView {
                $view().into_any()
            }
        );

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }
            async fn view(this: Self) -> AnyView {
                // Pages use the book: it is read before any of them shows (`state/home.rs`).
                expect_context::<AppState>().read_contacts();
                let _pending = PartsLoading::start();
                $part(this)
                    .await
                    .unwrap_or_else(|NotFetched| view! { <NotLoaded /> }.into_any())
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

/// The page whose part could not be fetched: why, and **Try again**, which loads the page afresh
/// (the app's files come from the service worker; the part from the network again).
#[component]
fn NotLoaded() -> impl IntoView {
    view! {
        <Page title="Not loaded">
            <p role="alert">{NotFetched::MESSAGE}</p>
            <button class="primary" on:click=|_| crate::browser::reload()>"Try again"</button>
        </Page>
    }
}

/// How many pages' parts are on their way (in the app's context): the page area says
/// **Loading…** while any is.
#[derive(Clone, Copy)]
pub struct PartsLoading(RwSignal<usize>);

/// One part on its way, counted until it is dropped: when its page shows, or when the router
/// drops the page because the user went elsewhere first.
struct Pending(RwSignal<usize>);

impl Drop for Pending {
    fn drop(&mut self) {
        self.0.try_update(|n| *n = n.saturating_sub(1));
    }
}

impl PartsLoading {
    pub fn provide() {
        provide_context(PartsLoading(RwSignal::new(0)));
    }

    /// Counts a part on its way. A part already loaded is counted and uncounted in the same
    /// tick, before anything renders.
    fn start() -> Option<Pending> {
        let PartsLoading(count) = use_context::<PartsLoading>()?;
        count.update(|n| *n += 1);
        Some(Pending(count))
    }
}

/// **Loading…** at the top of the page area while a page's part is on its way (its first visit, on
/// a slow network); the page left stays below it until the new one comes. It shows only after a
/// moment (style: `.loading`), so a quick load does not flash it.
#[component]
pub fn LoadingNotice() -> impl IntoView {
    let PartsLoading(count) = expect_context::<PartsLoading>();
    view! {
        <Show when=move || { count.get() > 0 }>
            <p class="loading" role="status">"Loading…"</p>
        </Show>
    }
}
