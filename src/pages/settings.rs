//! Settings: who the user is (name and signature for messages, details for their card), their
//! talking points, and their data (backup, vCard import, exports).

mod backup;
mod csv_mapping;
mod formats;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use chrono::Local;
use leptos_router::components::A;
use weak_ties_domain::card::check as check_card;
use weak_ties_domain::reminder::last_backup_text;
use weak_ties_domain::storage_use::WARN_AT;
use weak_ties_domain::template::Me;

use crate::app::{to, Page};
use crate::components::field::Hinted;
use crate::components::file_picker::FilePicker;
use crate::components::outcome::Outcome;
use crate::meter::Meter;
use crate::pwa::storage_persisted;
use crate::state::{today, AppState};
use backup::{BackupImport, ExportBackup, UnlockBackup};
use formats::{Exports, ImportContacts};

/// Backup: export everything as one file, and import it back (checked as a whole first); vCard
/// import and the exports.
#[component]
fn YourData() -> impl IntoView {
    let state = expect_context::<AppState>();
    let backup = BackupImport::default();
    view! {
        <section aria-labelledby="data-h">
            <h2 id="data-h">"Your data"</h2>
            <p>
                "Your contacts live only in this browser. Export a backup now and then, and keep it somewhere safe: browsers may clear a site's data."
            </p>
            <p>
                {move || {
                    let last = state
                        .backup_log
                        .value
                        .with(|log| log.last_backup.map(|t| t.with_timezone(&Local).date_naive()));
                    last_backup_text(last, today())
                }}
            </p>
            <ExportBackup message=backup.message />
            <FilePicker
                id="import-backup"
                label="Import a backup"
                hint="A Weak Ties backup (.json), encrypted or not. It is checked as a whole before anything is saved; records merge by id and the newer version wins."
                accept=".json,application/json"
                on_file=move |file| backup.open(state, file)
            />
            <UnlockBackup backup />
            <Outcome message=backup.message />
            <ImportContacts backup />
            <Exports />
        </section>
    }
}

/// How much of its storage limit the app uses (the browser's `localStorage` limit, not the
/// device's free space), what still fits, and whether the browser keeps the data for good.
#[component]
fn StorageUse() -> impl IntoView {
    let Meter(meter) = expect_context::<Meter>();
    let persisted = RwSignal::new(None::<bool>);
    let refresh = move |ask: bool| {
        leptos::task::spawn_local(async move {
            persisted.set(storage_persisted(ask).await);
        })
    };
    refresh(false);
    view! {
        <section aria-labelledby="storage-h">
            <h2 id="storage-h">"Storage"</h2>
            {move || {
                meter
                    .get()
                    .map(|m| {
                        view! {
                            <p id="storage-used">{format!("{}.", m.summary())}</p>
                            <meter
                                class="meter"
                                aria-labelledby="storage-h"
                                aria-describedby="storage-used"
                                min="0"
                                max=m.limit.to_string()
                                high=(m.limit as f64 * WARN_AT).to_string()
                                value=m.used.to_string()
                            ></meter>
                            {m.room().map(|room| view! { <p>{room}</p> })}
                            <p class="hint">
                                {format!(
                                    "The browser keeps at most {} for this site, whatever the device's free space; Weak Ties warns from {}%.",
                                    m.limit_text(),
                                    (WARN_AT * 100.0) as u32,
                                )}
                            </p>
                        }
                    })
            }}
            {move || match persisted.get() {
                Some(true) => {
                    view! {
                        <p>
                            "Storage is persistent: the browser will not clear your contacts to free space."
                        </p>
                    }
                        .into_any()
                }
                Some(false) => {
                    view! {
                        <p>
                            "Storage is not persistent: the browser may clear this site's data when space runs low. Installing the app helps; keep a backup."
                        </p>
                        <button on:click=move |_| refresh(true)>"Ask to keep my data"</button>
                    }
                        .into_any()
                }
                None => ().into_any(),
            }}
        </section>
    }
}

/// The details that go on the user's card (see My card), as typed.
#[derive(Clone, Copy)]
struct CardFields {
    role: RwSignal<String>,
    organization: RwSignal<String>,
    email: RwSignal<String>,
    phone: RwSignal<String>,
    website: RwSignal<String>,
}

impl CardFields {
    fn new(me: &Me) -> Self {
        CardFields {
            role: RwSignal::new(me.role.clone()),
            organization: RwSignal::new(me.organization.clone()),
            email: RwSignal::new(me.email.clone()),
            phone: RwSignal::new(me.phone.clone()),
            website: RwSignal::new(me.website.clone()),
        }
    }

    /// The fields, trimmed, in a `Me` with no name or signature.
    fn read(&self) -> Me {
        let get = |s: RwSignal<String>| s.get_untracked().trim().to_string();
        Me {
            role: get(self.role),
            organization: get(self.organization),
            email: get(self.email),
            phone: get(self.phone),
            website: get(self.website),
            ..Me::default()
        }
    }
}

#[component]
fn CardInputs(fields: CardFields) -> impl IntoView {
    view! {
        <label for="my-role">"Your role"</label>
        <input id="my-role" bind:value=fields.role autocomplete="organization-title" />
        <label for="my-organization">"Your organization"</label>
        <input id="my-organization" bind:value=fields.organization autocomplete="organization" />
        <label for="my-email">"Your email"</label>
        <input id="my-email" type="email" bind:value=fields.email autocomplete="email" />
        <label for="my-phone">"Your phone"</label>
        <input id="my-phone" type="tel" bind:value=fields.phone autocomplete="tel" />
        <Hinted id="my-website" label="Your web or LinkedIn link" hint="Starts with https://">
            <input type="url" bind:value=fields.website autocomplete="url" />
        </Hinted>
    }
}

#[component]
pub fn Settings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let current = state.settings.value.get_untracked();
    let name = RwSignal::new(current.me.name.clone());
    let signature = RwSignal::new(current.me.signature.clone());
    let card = CardFields::new(&current.me);
    let points = RwSignal::new(current.talking_points.join("\n"));
    let message = RwSignal::new(None::<Result<String, String>>);
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut me = card.read();
        me.name = name.get_untracked().trim().to_string();
        me.signature = signature.get_untracked();
        let result = check_card(&me).and_then(|()| {
            state.change_doc(state.settings, |s| {
                s.me = me;
                s.set_talking_points(&points.get_untracked());
            })
        });
        message.set(Some(result.map(|()| "Saved.".to_string())));
    };
    view! {
        <Page title="Settings">
            <section aria-labelledby="me-h">
                <h2 id="me-h">"About you"</h2>
                <form on:submit=save novalidate>
                    <label for="my-name">"Your name"</label>
                    <input id="my-name" bind:value=name autocomplete="name" />
                    <Hinted id="my-signature" label="Signature" hint="Put under your messages, for example your name and role.">
                        <textarea bind:value=signature></textarea>
                    </Hinted>
                    <CardInputs fields=card />
                    <Hinted id="talking-points" label="Your talking points" hint="Your own interests and aspirations, one per line. They travel beside the questions you prepare, so a chat stays a conversation.">
                        <textarea bind:value=points></textarea>
                    </Hinted>
                    <div class="form-actions">
                        <button type="submit" class="primary">"Save settings"</button>
                    </div>
                    <Outcome message=message />
                </form>
                <p>
                    <A href=to("/card")>"Show my card"</A>
                </p>
            </section>
            <YourData />
            <StorageUse />
        </Page>
    }
}
