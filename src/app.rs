//! The shell: navigation, routes and the page frame shared by every area.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use weak_ties_domain::areas::{page_title, AREAS};

use crate::pages;

/// The path the app is served under ("" at the site root, "/crm" under a sub-path), read from the
/// `<base href>` that Trunk writes from `--public-url`.
pub fn base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router base=base_path()>
            <a class="skip" href="#main">"Skip to content"</a>
            <div class="shell">
                <Nav />
                <main id="main">
                    <Routes fallback=pages::not_found::NotFound>
                        <Route path=path!("/") view=pages::home::Home />
                        <Route path=path!("/contacts") view=pages::contacts::Contacts />
                        <Route path=path!("/follow-ups") view=pages::follow_ups::FollowUps />
                        <Route path=path!("/questions") view=pages::questions::Questions />
                        <Route path=path!("/templates") view=pages::templates::Templates />
                        <Route path=path!("/settings") view=pages::settings::Settings />
                    </Routes>
                </main>
            </div>
        </Router>
    }
}

/// The navigation: a side bar on wide screens, a bottom bar within thumb reach on phones.
#[component]
fn Nav() -> impl IntoView {
    view! {
        <nav class="nav" aria-label="Main">
            <span class="brand" aria-hidden="true">"Weak Ties"</span>
            <ul>
                {AREAS
                    .iter()
                    .map(|area| {
                        view! {
                            <li>
                                <A href=area.path exact=true>
                                    <span class="label">{area.name}</span>
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// The frame of every page: sets the document title and renders the main heading, which takes the
/// focus after a navigation so that screen readers announce the new page.
#[component]
pub fn Page(#[prop(into)] title: String, children: Children) -> impl IntoView {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&page_title(&title));
    }
    let heading = NodeRef::<leptos::html::H1>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    view! {
        <h1 tabindex="-1" node_ref=heading>{title}</h1>
        {children()}
    }
}
