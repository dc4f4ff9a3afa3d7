//! Settings: who the user is (name and signature for messages), their talking points, and their
//! data (backup, vCard import, exports).

mod formats;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use weak_ties_domain::backup::backup_file_name;

use crate::app::{Outcome, Page};
use crate::download::download;
use crate::pwa::{storage_info, StorageInfo};
use crate::state::{today, AppState};
use formats::{read_file, Exports, ImportContacts};

/// "1.2 MB" from a number of bytes.
fn size(bytes: f64) -> String {
    if bytes >= 1e9 {
        format!("{:.1} GB", bytes / 1e9)
    } else if bytes >= 1e6 {
        format!("{:.1} MB", bytes / 1e6)
    } else {
        format!("{:.0} KB", bytes / 1e3)
    }
}

/// Backup: export everything as one file, and import it back (checked as a whole first); vCard
/// import and the exports.
#[component]
fn YourData() -> impl IntoView {
    let state = expect_context::<AppState>();
    let message = RwSignal::new(None::<Result<String, String>>);
    let export = move |_| {
        let result = state
            .export_backup()
            .and_then(|text| download(&backup_file_name(today()), "application/json", &text));
        message.set(Some(result.map(|()| "Backup downloaded.".to_string())));
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let result = match read_file(file).await {
                Ok(bytes) => state.import_backup(&bytes),
                Err(e) => Err(e),
            };
            message.set(Some(
                result.map(|report| format!("Backup imported: {report}.")),
            ));
        });
    };
    view! {
        <section aria-labelledby="data-h">
            <h2 id="data-h">"Your data"</h2>
            <p>
                "Your contacts live only in this browser. Export a backup now and then, and keep it somewhere safe: browsers may clear a site's data."
            </p>
            <div class="actions">
                <button on:click=export>"Export backup"</button>
            </div>
            <label for="import-backup">"Import a backup"</label>
            <p class="hint" id="import-backup-hint">
                "A Weak Ties backup (.json). It is checked as a whole before anything is saved; records merge by id and the newer version wins."
            </p>
            <input
                id="import-backup"
                type="file"
                accept=".json,application/json"
                aria-describedby="import-backup-hint"
                on:change=import
            />
            <Outcome message=message />
            <ImportContacts backup_message=message />
            <Exports />
        </section>
    }
}

/// How much of the browser's storage the app uses, and whether the browser keeps it for good.
#[component]
fn StorageUse() -> impl IntoView {
    let info = RwSignal::new(None::<StorageInfo>);
    let asked = RwSignal::new(false);
    let refresh = move |ask: bool| {
        leptos::task::spawn_local(async move {
            info.set(storage_info(ask).await);
            asked.set(true);
        })
    };
    refresh(false);
    view! {
        <section aria-labelledby="storage-h">
            <h2 id="storage-h">"Storage"</h2>
            {move || match info.get() {
                Some(i) => {
                    view! {
                        <p>
                            {format!("{} used of {} available to this site.", size(i.usage), size(i.quota))}
                        </p>
                        <p>
                            {if i.persisted {
                                "Storage is persistent: the browser will not clear your contacts to free space."
                            } else {
                                "Storage is not persistent: the browser may clear this site's data when space runs low. Installing the app helps; keep a backup."
                            }}
                        </p>
                        <Show when=move || !i.persisted>
                            <button on:click=move |_| refresh(true)>"Ask to keep my data"</button>
                        </Show>
                    }
                        .into_any()
                }
                None if asked.get() => view! { <p>"This browser does not report its storage use."</p> }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}

#[component]
pub fn Settings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let current = state.settings.value.get_untracked();
    let name = RwSignal::new(current.me.name.clone());
    let signature = RwSignal::new(current.me.signature.clone());
    let points = RwSignal::new(current.talking_points.join("\n"));
    let message = RwSignal::new(None::<Result<String, String>>);
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let result = state.change_doc(state.settings, |s| {
            s.me.name = name.get_untracked().trim().to_string();
            s.me.signature = signature.get_untracked();
            s.set_talking_points(&points.get_untracked());
        });
        message.set(Some(result.map(|()| "Saved.".to_string())));
    };
    view! {
        <Page title="Settings">
            <section aria-labelledby="me-h">
                <h2 id="me-h">"About you"</h2>
                <form on:submit=save>
                    <label for="my-name">"Your name"</label>
                    <input id="my-name" bind:value=name autocomplete="name" />
                    <label for="my-signature">"Signature"</label>
                    <p class="hint" id="my-signature-hint">"Put under your messages, for example your name and role."</p>
                    <textarea id="my-signature" bind:value=signature aria-describedby="my-signature-hint"></textarea>
                    <label for="talking-points">"Your talking points"</label>
                    <p class="hint" id="talking-points-hint">
                        "Your own interests and aspirations, one per line. They travel beside the questions you prepare, so a chat stays a conversation."
                    </p>
                    <textarea
                        id="talking-points"
                        bind:value=points
                        aria-describedby="talking-points-hint"
                    ></textarea>
                    <div class="form-actions">
                        <button type="submit" class="primary">"Save settings"</button>
                    </div>
                    <Outcome message=message />
                </form>
            </section>
            <YourData />
            <StorageUse />
        </Page>
    }
}
