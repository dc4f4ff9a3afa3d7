//! The bridge to the file formats module (`formats-module/`, built by Trunk into `formats.js` and
//! `formats_bg.wasm`): vCard import and export, CSV import, the follow-ups calendar, the QR card,
//! the QR code scanner's payload reader, and the encrypted backup. The module is fetched and
//! started on first use (from the service worker's cache once installed), so the app's first load
//! does not carry `calcard`, `csv`, `encoding_rs`, `qrcode`, `rqrr`, `argon2` and `aes-gcm`. Each
//! call sends JSON and gets JSON back; any failure comes back as a message for the user. The QR
//! code decoder runs the same module in a worker of its own ([`QrDecoder`], `qr_worker.rs`).

use std::cell::RefCell;

use js_sys::{Function, Promise, Reflect};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use weak_ties_domain::card::MyCard;
use weak_ties_domain::formats::{contacts_csv, Column, CsvImport, FileKind, VcardImport};
use weak_ties_domain::model::Contact;
use weak_ties_domain::scan::Scan;
use weak_ties_domain::template::Me;

use crate::state::now;

mod qr_worker;
pub use qr_worker::QrDecoder;

#[wasm_bindgen(
    inline_js = "export function load_module(url) { return import(url).then((m) => m.default().then(() => m)); }
export function after_paint() {
  return new Promise((done) => { requestAnimationFrame(() => setTimeout(done)); setTimeout(done, 100); });
}"
)]
extern "C" {
    /// Imports `formats.js` and starts its wasm: a promise of the module's exports.
    #[wasm_bindgen(catch)]
    fn load_module(url: &str) -> Result<Promise, JsValue>;
    /// Resolves once the browser has painted (or after 0.1 s, in a tab that does not paint).
    fn after_paint() -> Promise;
}

thread_local! {
    /// The module's loading, started once and shared by every call (a call made while it loads
    /// waits for the same load); forgotten if it fails, so that the next call tries again.
    static MODULE: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

const NOT_LOADED: &str =
    "The file tools of Weak Ties could not be loaded. Check your connection, reload the page and try again.";

/// The address of one of the site's files (`formats.js`...), below the path the site is served
/// under.
fn site_file(name: &str) -> Result<String, String> {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .ok_or(NOT_LOADED)?;
    let url = web_sys::Url::new_with_base(name, &base).map_err(|_| NOT_LOADED.to_string())?;
    Ok(url.href())
}

/// The module's exports, loading and starting it the first time.
async fn module() -> Result<JsValue, String> {
    let loading = match MODULE.with_borrow(Clone::clone) {
        Some(loading) => loading,
        None => {
            let loading =
                load_module(&site_file("formats.js")?).map_err(|_| NOT_LOADED.to_string())?;
            MODULE.with_borrow_mut(|m| *m = Some(loading.clone()));
            loading
        }
    };
    JsFuture::from(loading).await.map_err(|_| {
        MODULE.with_borrow_mut(|m| *m = None);
        NOT_LOADED.to_string()
    })
}

/// Starts loading the module once the page has painted, for a page where the user is about to
/// use it (Settings, with its imports): the file they pick is then read without waiting for it.
/// A failure is left for the call that needs the module to report.
pub fn warm_up() {
    leptos::task::spawn_local(async {
        let _ = JsFuture::from(after_paint()).await;
        let _ = module().await;
    });
}

/// Calls the module's export `name` with `args`; its text result, or its error as text.
async fn call(name: &str, args: &[JsValue]) -> Result<String, String> {
    let module = module().await?;
    let function: Function = Reflect::get(&module, &name.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or(NOT_LOADED)?;
    let args: js_sys::Array = args.iter().collect();
    match function.apply(&JsValue::NULL, &args) {
        Ok(text) => text.as_string().ok_or_else(|| NOT_LOADED.to_string()),
        Err(error) => Err(error
            .as_string()
            .unwrap_or_else(|| format!("Something went wrong: {error:?}"))),
    }
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> JsValue {
    serde_json::to_string(value).unwrap_or_default().into()
}

fn from_json<T: DeserializeOwned>(text: String) -> Result<T, String> {
    serde_json::from_str(&text).map_err(|e| format!("Something went wrong: {e}"))
}

fn time() -> JsValue {
    now().to_rfc3339().into()
}

/// Reads a vCard file's bytes into contacts to import (not saved) and the cards left out.
pub async fn parse_vcards(bytes: &[u8]) -> Result<VcardImport, String> {
    from_json(
        call(
            "parse_vcards",
            &[js_sys::Uint8Array::from(bytes).into(), time()],
        )
        .await?,
    )
}

/// Reads a CSV file's bytes into contacts to import (not saved), its columns mapped as `mapping`
/// says, or as recognized or guessed without one.
pub async fn parse_csv(bytes: &[u8], mapping: Option<&[Column]>) -> Result<CsvImport, String> {
    let mapping = mapping.map(to_json).unwrap_or_else(|| "".into());
    from_json(
        call(
            "parse_csv",
            &[js_sys::Uint8Array::from(bytes).into(), mapping, time()],
        )
        .await?,
    )
}

/// The text of an export of `contacts`: one vCard 4.0 file, the spreadsheet (made here: CSV needs
/// no module), or the open follow-ups as one iCalendar file.
pub async fn export(kind: FileKind, contacts: &[Contact]) -> Result<String, String> {
    match kind {
        FileKind::ContactsVcard => call("vcards", &[to_json(contacts)]).await,
        FileKind::ContactsCsv => Ok(contacts_csv(contacts)),
        FileKind::FollowUpsCalendar => call("calendar", &[to_json(contacts), time()]).await,
    }
}

/// The user's card: the vCard, its QR code and the file name; `Err` says why there is none.
pub async fn my_card(me: &Me) -> Result<MyCard, String> {
    from_json(call("my_card", &[to_json(me)]).await?)
}

/// A backup file's text encrypted under the passphrase typed twice. The passphrases are the
/// inputs' values as JavaScript strings, handed on as they are: they never enter this module's
/// memory, and the formats module wipes its copy. The key derivation takes a moment: the page
/// has painted its "Encrypting" state first.
pub async fn encrypt_backup(
    backup: &str,
    passphrase: &JsValue,
    again: &JsValue,
) -> Result<String, String> {
    let _ = JsFuture::from(after_paint()).await;
    call(
        "encrypt_backup",
        &[backup.into(), passphrase.clone(), again.clone()],
    )
    .await
}

/// The backup file's text inside an encrypted backup (its bytes), opened with the passphrase as
/// typed (a JavaScript string, as for [`encrypt_backup`]); `Err` says the passphrase is wrong or
/// the file was changed.
pub async fn decrypt_backup(file: &[u8], passphrase: &JsValue) -> Result<String, String> {
    let _ = JsFuture::from(after_paint()).await;
    call(
        "decrypt_backup",
        &[js_sys::Uint8Array::from(file).into(), passphrase.clone()],
    )
    .await
}

/// A scanned code's text read into the contact form; `Err` is the message for the user.
pub async fn read_payload(text: &str) -> Result<Scan, String> {
    from_json(call("read_payload", &[text.into(), time()]).await?)
}

/// What another app shared into Weak Ties, read into the contact form.
pub async fn read_shared(title: &str, text: &str, url: &str) -> Result<Scan, String> {
    from_json(
        call(
            "read_shared",
            &[title.into(), text.into(), url.into(), time()],
        )
        .await?,
    )
}
