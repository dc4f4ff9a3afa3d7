//! Settings > Your data: the backup's export, encrypted when a passphrase is given, and its import,
//! which asks for the passphrase of an encrypted backup. Passphrases are read from their inputs as
//! JavaScript strings and handed to the file formats module as they are; the inputs are emptied
//! once used, and nothing keeps them.

use js_sys::{JsString, Reflect};
use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use weak_ties_domain::backup::encryption::{
    encrypted_backup_file_name, is_encrypted_backup, MAX_ENVELOPE_BYTES,
};

use crate::browser::download::download;
use crate::browser::file::read_file;
use crate::components::field::Hinted;
use crate::formats_module;
use crate::state::{today, AppState};

/// What an input holds, as a JavaScript string (not copied into this module).
fn typed(input: NodeRef<Input>) -> JsValue {
    input
        .get_untracked()
        .and_then(|field| Reflect::get(&field, &"value".into()).ok())
        .unwrap_or_default()
}

fn is_blank(value: &JsValue) -> bool {
    value.dyn_ref::<JsString>().is_none_or(|s| s.length() == 0)
}

fn clear(input: NodeRef<Input>) {
    if let Some(field) = input.get_untracked() {
        field.set_value("");
    }
}

/// The outcome of a backup import, and an encrypted backup waiting for its passphrase.
#[derive(Clone, Copy, Default)]
pub struct BackupImport {
    /// What happened, for the `Outcome` under the import.
    pub message: RwSignal<Option<Result<String, String>>>,
    /// The bytes of an encrypted backup chosen, until it is imported or given up.
    locked: RwSignal<Option<Vec<u8>>>,
}

impl BackupImport {
    /// Reads a chosen or dropped backup file: a plain one is checked as a whole and merged all
    /// or nothing; an encrypted one waits for its passphrase.
    pub fn open(self, state: AppState, file: web_sys::File) {
        self.locked.set(None);
        leptos::task::spawn_local(async move {
            let result = match read_file(file, MAX_ENVELOPE_BYTES).await {
                Ok(bytes) if is_encrypted_backup(&bytes) => {
                    self.locked.set(Some(bytes));
                    Ok("This backup is encrypted. Enter its passphrase to import it.".to_string())
                }
                Ok(bytes) => imported(state, &bytes),
                Err(e) => Err(e),
            };
            self.message.set(Some(result));
        });
    }
}

/// Imports a backup file's bytes (plain JSON) and says how it went.
fn imported(state: AppState, bytes: &[u8]) -> Result<String, String> {
    state
        .import_backup(bytes)
        .map(|report| format!("Backup imported: {report}."))
}

/// Export backup, with an optional passphrase typed twice: with one, the file is encrypted.
#[component]
pub fn ExportBackup(message: RwSignal<Option<Result<String, String>>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let first = NodeRef::<Input>::new();
    let again = NodeRef::<Input>::new();
    let busy = RwSignal::new(false);
    let export = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (passphrase, repeated) = (typed(first), typed(again));
        if is_blank(&passphrase) && is_blank(&repeated) {
            let result = state.download_backup();
            return message.set(Some(result.map(|()| "Backup downloaded.".to_string())));
        }
        busy.set(true);
        message.set(Some(Ok("Encrypting the backup…".to_string())));
        leptos::task::spawn_local(async move {
            let result = match state.export_backup() {
                Ok(text) => formats_module::encrypt_backup(&text, &passphrase, &repeated).await,
                Err(e) => Err(e),
            };
            let result = result.and_then(|text| {
                download(
                    &encrypted_backup_file_name(today()),
                    "application/json",
                    &text,
                )
            });
            if result.is_ok() {
                state.note_backup();
                clear(first);
                clear(again);
            }
            busy.set(false);
            message.set(Some(result.map(|()| {
                "Encrypted backup downloaded. Keep the passphrase safe: without it, the file cannot be read.".to_string()
            })));
        });
    };
    view! {
        <form on:submit=export novalidate>
            <Hinted id="backup-passphrase" label="Passphrase" hint="Optional. With a passphrase (at least 8 characters) the backup is encrypted, so it can be kept on a cloud drive or sent by mail. Without the passphrase it cannot be read: keep it safe.">
                <input type="password" autocomplete="new-password" node_ref=first />
            </Hinted>
            <label for="backup-passphrase-again">"Passphrase again"</label>
            <input id="backup-passphrase-again" type="password" autocomplete="new-password" node_ref=again />
            <div class="actions">
                <button type="submit" prop:disabled=move || busy.get()>"Export backup"</button>
            </div>
        </form>
    }
}

/// The passphrase of an encrypted backup being imported; shown while one waits.
#[component]
pub fn UnlockBackup(backup: BackupImport) -> impl IntoView {
    let state = expect_context::<AppState>();
    let input = NodeRef::<Input>::new();
    let busy = RwSignal::new(false);
    Effect::new(move || {
        if let Some(field) = input.get() {
            let _ = field.focus();
        }
    });
    let unlock = move |ev: SubmitEvent| {
        ev.prevent_default();
        let passphrase = typed(input);
        busy.set(true);
        backup
            .message
            .set(Some(Ok("Decrypting the backup…".to_string())));
        leptos::task::spawn_local(async move {
            let file = backup.locked.get_untracked().unwrap_or_default();
            let result = match formats_module::decrypt_backup(&file, &passphrase).await {
                Ok(text) => {
                    // Opened: whatever the backup inside holds, this file is done with.
                    backup.locked.set(None);
                    imported(state, text.as_bytes())
                }
                Err(e) => Err(e),
            };
            clear(input);
            busy.set(false);
            backup.message.set(Some(result));
        });
    };
    let cancel = move |_| {
        backup.locked.set(None);
        backup.message.set(None);
    };
    view! {
        <Show when=move || backup.locked.with(Option::is_some)>
            <form on:submit=unlock novalidate aria-label="Encrypted backup">
                <label for="unlock-passphrase">"Passphrase of this backup"</label>
                <input id="unlock-passphrase" type="password" autocomplete="off" node_ref=input />
                <div class="actions">
                    <button type="submit" class="primary" prop:disabled=move || busy.get()>
                        "Decrypt and import"
                    </button>
                    <button type="button" on:click=cancel>"Cancel"</button>
                </div>
            </form>
        </Show>
    }
}
