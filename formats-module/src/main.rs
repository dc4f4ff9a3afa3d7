//! The file formats module: the domain's vCard reader and writer, its CSV reader, the follow-ups
//! calendar, the QR card, the QR code scanner's decoder and payload reader, and the encrypted
//! backup (everything that needs `calcard`, `csv`, `encoding_rs`, `qrcode`, `rqrr`, `argon2` or
//! `aes-gcm`), compiled to a wasm of their own.
//! The app loads it on first use (`src/formats_module.rs`), so the first load of the app does not carry
//! these parsers and tables. Values cross as JSON text; failures as the user's message.

use chrono::{DateTime, Datelike, NaiveDateTime, Timelike, Utc};
use wasm_bindgen::prelude::*;
use weak_ties_domain::backup::encryption::{self, check_passphrase, KDF, NONCE_BYTES, SALT_BYTES};
use weak_ties_domain::card::MyCard;
use weak_ties_domain::formats::{
    follow_ups_ics, parse_csv_bytes, parse_vcard_bytes, to_vcards, Column,
};
use weak_ties_domain::model::Contact;
use weak_ties_domain::scan;
use weak_ties_domain::template::Me;
use zeroize::Zeroizing;

mod qr;

/// Trunk builds this crate as a binary; everything it offers is in the exports below.
fn main() {}

fn time(now: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(now)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| format!("bad time {now:?}: {e}"))
}

fn contacts(json: &str) -> Result<Vec<Contact>, String> {
    serde_json::from_str(json).map_err(|e| format!("bad contacts: {e}"))
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| e.to_string())
}

/// A vCard file's bytes as a [`weak_ties_domain::formats::VcardImport`] in JSON, made at `now`
/// (RFC 3339); `Err` is the message for the user.
#[wasm_bindgen]
pub fn parse_vcards(bytes: &[u8], now: &str) -> Result<String, String> {
    let import = parse_vcard_bytes(bytes, time(now)?).map_err(|e| e.to_string())?;
    json(&import)
}

/// A CSV file's bytes as a [`weak_ties_domain::formats::CsvImport`] in JSON, made at `now`
/// (RFC 3339), its columns mapped as `mapping_json` says (a JSON array of columns), or, when it
/// is empty, as recognized or guessed; `Err` is the message for the user.
#[wasm_bindgen]
pub fn parse_csv(bytes: &[u8], mapping_json: &str, now: &str) -> Result<String, String> {
    let mapping: Option<Vec<Column>> = if mapping_json.is_empty() {
        None
    } else {
        Some(serde_json::from_str(mapping_json).map_err(|e| format!("bad mapping: {e}"))?)
    };
    let import =
        parse_csv_bytes(bytes, mapping.as_deref(), time(now)?).map_err(|e| e.to_string())?;
    json(&import)
}

/// The contacts (a JSON array) as one vCard 4.0 file.
#[wasm_bindgen]
pub fn vcards(contacts_json: &str) -> Result<String, String> {
    Ok(to_vcards(&contacts(contacts_json)?))
}

/// The user's offset from UTC in minutes east at a local date and time, as the browser's `Date`
/// knows it from the device's time zone (daylight saving time included).
fn browser_utc_offset(local: NaiveDateTime) -> i32 {
    let date = js_sys::Date::new_with_year_month_day_hr_min(
        local.year() as u32,
        local.month0() as i32,
        local.day() as i32,
        local.hour() as i32,
        local.minute() as i32,
    );
    -(date.get_timezone_offset() as i32)
}

/// The open follow-ups of the contacts (a JSON array) as one iCalendar file, stamped `now`, with
/// reminders in the device's time zone.
#[wasm_bindgen]
pub fn calendar(contacts_json: &str, now: &str) -> Result<String, String> {
    Ok(follow_ups_ics(
        &contacts(contacts_json)?,
        time(now)?,
        browser_utc_offset,
    ))
}

/// The user's card for `me` (JSON) as a [`MyCard`] in JSON; `Err` says why there is none.
#[wasm_bindgen]
pub fn my_card(me_json: &str) -> Result<String, String> {
    let me: Me = serde_json::from_str(me_json).map_err(|e| format!("bad details: {e}"))?;
    json(&MyCard::new(&me).map_err(|problem| problem.to_string())?)
}

/// A backup file's text (`backup`) encrypted under `passphrase`, typed twice (`again`): the
/// encrypted backup's text, with a fresh salt and nonce from Web Crypto; `Err` is the message for
/// the user. Both passphrases are zeroized when done.
#[wasm_bindgen]
pub fn encrypt_backup(backup: &str, passphrase: String, again: String) -> Result<String, String> {
    let (passphrase, again) = (Zeroizing::new(passphrase), Zeroizing::new(again));
    check_passphrase(&passphrase, &again).map_err(|problem| problem.to_string())?;
    let (mut salt, mut nonce) = ([0u8; SALT_BYTES], [0u8; NONCE_BYTES]);
    getrandom::fill(&mut salt)
        .and_then(|()| getrandom::fill(&mut nonce))
        .map_err(|e| format!("The browser gave no random numbers ({e}), so no backup was made."))?;
    encryption::encrypt_backup(backup, &passphrase, &KDF, &salt, &nonce).map_err(|e| e.to_string())
}

/// An encrypted backup's bytes opened with `passphrase` (zeroized when done): the backup file's
/// text inside, for the app to check and import; `Err` is the message for the user ("Wrong
/// passphrase, or the file was changed...").
#[wasm_bindgen]
pub fn decrypt_backup(file: &[u8], passphrase: String) -> Result<String, String> {
    let passphrase = Zeroizing::new(passphrase);
    encryption::decrypt_backup(file, &passphrase).map_err(|e| e.to_string())
}

/// The text of the first QR code in `rgba`, the pixels of a `width` × `height` canvas (a camera
/// frame or a picture), or "" when there is none.
#[wasm_bindgen]
pub fn decode_qr(rgba: &[u8], width: u32, height: u32) -> String {
    qr::decode_rgba(rgba, width as usize, height as usize).unwrap_or_default()
}

/// A scanned code's text read into the contact form at `now`: a [`scan::Scan`] in JSON; `Err` is
/// the message for the user.
#[wasm_bindgen]
pub fn read_payload(text: &str, now: &str) -> Result<String, String> {
    json(&scan::read_payload(text, time(now)?).map_err(|e| e.to_string())?)
}

/// What another app shared (title, text, link) read into the contact form, as [`read_payload`].
#[wasm_bindgen]
pub fn read_shared(title: &str, text: &str, url: &str, now: &str) -> Result<String, String> {
    json(&scan::read_shared(title, text, url, time(now)?).map_err(|e| e.to_string())?)
}
