//! The shell: navigation, routes and the page frame shared by every area. Home is part of the
//! first load; every other page is a lazy route (`routes.rs`), loaded on its first visit.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, Lazy};
use weak_ties_domain::areas::{page_title, AREAS};
use weak_ties_domain::codec;

use crate::browser::download::download;
use crate::components::icons::AreaIcon;
use crate::pages;
use crate::routes::*;
use crate::state::{download_backup_from_banner, AppState, Toast};

thread_local! {
    static BASE: String = base_path();
}

/// An app path ("/contacts") as a link under the path the app is served under
/// ("/weak-ties/contacts"). Every `A href` goes through it: the router matches routes below its
/// base, but does not prefix absolute links with it. (`navigate` does prefix: give it app paths.)
pub fn to(path: &str) -> String {
    BASE.with(|base| format!("{base}{path}"))
}

/// The path the app is served under ("" at the site root, "/crm" under a sub-path), read from the
/// `<base href>` that Trunk writes from `--public-url`.
fn base_path() -> String {
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
    let state = AppState::load();
    state.follow_other_tabs();
    state.keep_home_summary_when_hidden();
    state.read_contacts_after_first_paint();
    provide_context(state);
    PartsLoading::provide();
    crate::meter::start(state);
    provide_context(crate::pwa::start());
    leptos::task::spawn_local(async {
        crate::pwa::storage_persisted(true).await;
    });
    view! {
        <Router base=to("")>
            <a class="skip" href="#main">"Skip to content"</a>
            <div class="shell">
                <Nav />
                <main id="main" aria-busy=move || (!state.contacts_read.get()).then_some("true")>
                    <UpdateBanner />
                    <StorageProblems />
                    <BackupReminder />
                    <LoadingNotice />
                    <Routes fallback=pages::not_found::NotFound>
                        <Route path=path!("/") view=pages::home::Home />
                        <Route path=path!("/contacts") view={Lazy::<ContactsRoute>::new()} />
                        <Route path=path!("/contacts/new") view={Lazy::<NewContactRoute>::new()} />
                        <Route path=path!("/contacts/duplicates") view={Lazy::<DuplicatesRoute>::new()} />
                        <Route path=path!("/contacts/:id") view={Lazy::<ContactRoute>::new()} />
                        <Route path=path!("/contacts/:id/edit") view={Lazy::<EditContactRoute>::new()} />
                        <Route path=path!("/contacts/:id/prepare") view={Lazy::<PrepareChatRoute>::new()} />
                        <Route path=path!("/contacts/:id/message") view={Lazy::<MessageRoute>::new()} />
                        <Route path=path!("/contacts/:id/sheet") view={Lazy::<SheetRoute>::new()} />
                        <Route path=path!("/event") view={Lazy::<EventRoute>::new()} />
                        <Route path=path!("/follow-ups") view={Lazy::<FollowUpsRoute>::new()} />
                        <Route path=path!("/questions") view={Lazy::<QuestionsRoute>::new()} />
                        <Route path=path!("/templates") view={Lazy::<TemplatesRoute>::new()} />
                        <Route path=path!("/templates/new") view={Lazy::<NewTemplateRoute>::new()} />
                        <Route path=path!("/templates/:id") view={Lazy::<EditTemplateRoute>::new()} />
                        <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()} />
                        <Route path=path!("/card") view={Lazy::<CardRoute>::new()} />
                    </Routes>
                </main>
                <ToastBar />
            </div>
        </Router>
    }
}

/// The navigation: a side bar on wide screens, a bottom bar within thumb reach on phones.
#[component]
fn Nav() -> impl IntoView {
    let state = expect_context::<AppState>();
    let overdue = Memo::new(move |_| state.overdue_count());
    view! {
        <nav class="nav" aria-label="Main">
            <span class="brand" aria-hidden="true">"Weak Ties"</span>
            <ul>
                {AREAS
                    .iter()
                    .map(|area| {
                        view! {
                            <li>
                                <A
                                    href=to(area.path)
                                    exact=area.path == "/"
                                    attr:aria-describedby=(area.path == "/follow-ups")
                                        .then_some("nav-overdue")
                                >
                                    <AreaIcon path=area.path />
                                    <span class="label">{area.name}</span>
                                    {(area.path == "/follow-ups")
                                        .then(|| {
                                            view! {
                                                <Show when=move || { overdue.get() > 0 }>
                                                    <span class="badge" aria-hidden="true">
                                                        {move || overdue.get()}
                                                    </span>
                                                </Show>
                                                <span id="nav-overdue" hidden>
                                                    {move || match overdue.get() {
                                                        0 => "Nothing overdue".to_string(),
                                                        n => format!("{n} overdue"),
                                                    }}
                                                </span>
                                            }
                                        })}
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

/// What storage could not do: the data could not be opened at all, or some records are unreadable
/// (kept aside untouched, offered for download).
#[component]
fn StorageProblems() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        {move || {
            state
                .blocked
                .get()
                .map(|why| view! { <div class="banner danger" role="alert">{why}</div> })
        }}
        <Show when=move || state.quarantined.with(|q| !q.is_empty())>
            <div class="banner" role="alert">
                <p>
                    {move || {
                        let n = state.quarantined.with(Vec::len);
                        if n == 1 {
                            "One stored record could not be read. It is kept as it was; the rest of your data loaded."
                                .to_string()
                        } else {
                            format!(
                                "{n} stored records could not be read. They are kept as they were; the rest of your data loaded.",
                            )
                        }
                    }}
                </p>
                <ul>
                    <For
                        each=move || state.quarantined.get()
                        key=|q| q.key.clone()
                        children=move |q| {
                            let file = format!("{}.json", q.key.replace(':', "-"));
                            let raw = codec::readable(&q.raw).into_owned();
                            view! {
                                <li>
                                    {q.error.clone()} " "
                                    <button on:click=move |_| {
                                        let _ = download(&file, "application/json", &raw);
                                    }>"Download " {q.key.clone()}</button>
                                    " "
                                    <button
                                        class="danger"
                                        on:click={
                                            let key = q.key.clone();
                                            move |_| {
                                                if let Err(message) = state.discard(&key) {
                                                    state.show(Toast { message, undo: None });
                                                }
                                            }
                                        }
                                    >
                                        "Discard " {q.key.clone()}
                                    </button>
                                </li>
                            }
                        }
                    />
                </ul>
            </div>
        </Show>
    }
}

/// Short messages, with **Undo** after a delete or a merge.
#[component]
fn ToastBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="toast-region" role="status" aria-live="polite">
            {move || {
                state
                    .toast
                    .get()
                    .map(|t| {
                        let undo = t.undo.clone();
                        view! {
                            <div class="toast">
                                <span>{t.message}</span>
                                {undo
                                    .map(|undo| {
                                        view! {
                                            <button on:click=move |_| state.undo(&undo)>"Undo"</button>
                                        }
                                    })}
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// "A new version is ready": the service worker installed a new build, which takes over only when
/// the user says so.
#[component]
fn UpdateBanner() -> impl IntoView {
    let update = expect_context::<crate::pwa::Update>();
    view! {
        <Show when=move || update.ready.get()>
            <div class="banner" role="status">
                <span>"A new version is ready. "</span>
                <button class="primary" on:click=|_| crate::pwa::take_update()>
                    "Reload"
                </button>
            </div>
        </Show>
    }
}

/// The backup reminder: when the last backup is two weeks old (or there never was one) and the
/// contacts changed since, a gentle suggestion to export one, with "Not now" for a week.
#[component]
fn BackupReminder() -> impl IntoView {
    let state = expect_context::<AppState>();
    let failed = RwSignal::new(None::<String>);
    let act = move |result: Result<(), String>| failed.set(result.err());
    view! {
        {move || {
            state
                .backup_reminder()
                .map(|reminder| {
                    view! {
                        <section class="banner" aria-label="Backup reminder">
                            <p>{reminder.message()}</p>
                            <div class="actions">
                                <button
                                    class="primary"
                                    on:click=move |_| {
                                        leptos::task::spawn_local(async move {
                                            act(download_backup_from_banner(state).await);
                                        })
                                    }
                                >
                                    "Export backup"
                                </button>
                                <button on:click=move |_| act(state.snooze_backup_reminder())>
                                    "Not now"
                                </button>
                            </div>
                            {move || failed.get().map(|why| view! { <p role="alert">{why}</p> })}
                        </section>
                    }
                })
        }}
    }
}
