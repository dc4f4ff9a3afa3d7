//! vCard import (any version, many cards per file) and vCard 4.0 export, both through `calcard`.

use super::clean_text;
use crate::dates::parse_date;
use crate::model::{Cadence, Contact, TieStrength};
use calcard::vcard::{VCard, VCardEntry, VCardProperty, VCardValue, VCardVersion};
use calcard::{Entry, Parser};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The largest file the import reads (5 MB): a phone's whole address book is far smaller.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;
/// The most cards one file may hold.
const MAX_CARDS: usize = 10_000;

const X_WHERE_MET: &str = "X-WEAKTIES-WHERE-MET";
const X_MET_ON: &str = "X-WEAKTIES-MET-ON";
const X_HOW_MET: &str = "X-WEAKTIES-HOW-MET";
const X_RESEARCH: &str = "X-WEAKTIES-RESEARCH";
const X_TIE: &str = "X-WEAKTIES-TIE";
const X_CADENCE: &str = "X-WEAKTIES-CADENCE";
const X_INTRODUCED_BY: &str = "X-WEAKTIES-INTRODUCED-BY";
/// The group of the URL that holds the LinkedIn profile in our own cards.
const LINKEDIN_GROUP: &str = "linkedin";

/// Why a file cannot be imported at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    TooBig(usize),
    Binary,
    /// A zip archive (a `.vcf` inside it, perhaps), not the vCard itself.
    Archive,
    NotVcard,
    Unterminated,
    TooManyCards,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => f.write_str("This file is empty: there are no contacts in it."),
            ImportError::TooBig(n) => write!(
                f,
                "This file is too big ({:.1} MB). A contacts file can be at most 5 MB.",
                *n as f64 / 1_048_576.0
            ),
            ImportError::Binary => f.write_str(
                "This file is not a vCard: it holds binary data. Choose a .vcf file exported \
                 from your phone, mail or contacts app.",
            ),
            ImportError::Archive => f.write_str(
                "This file is a zip archive, not a vCard. Unzip it first, then import the .vcf \
                 file inside.",
            ),
            ImportError::NotVcard => f.write_str(
                "This file is not a vCard: no BEGIN:VCARD was found. Choose a .vcf file \
                 exported from your phone, mail or contacts app.",
            ),
            ImportError::Unterminated => f.write_str(
                "This vCard is cut short: a card has no END:VCARD. The file may be incomplete; \
                 export it again.",
            ),
            ImportError::TooManyCards => write!(
                f,
                "This file holds more than {MAX_CARDS} cards; split it into smaller files."
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// A card that was read but not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedCard {
    /// Its position in the file, from 1.
    pub position: usize,
    pub reason: String,
}

/// What a vCard file holds: the contacts to import (not saved yet) and the cards left out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VcardImport {
    pub contacts: Vec<Contact>,
    pub skipped: Vec<SkippedCard>,
}

/// Turns a file's bytes into text: UTF-8 (with or without a byte-order mark), UTF-16 with a
/// byte-order mark, or else Latin-1 (old Windows exports). Binary data is refused, and a zip
/// archive is named as such.
pub fn decode_bytes(bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooBig(bytes.len()));
    }
    // The signatures of a zip's first entry, and of an empty zip.
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Err(ImportError::Archive);
    }
    let utf16 = |be: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if be {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| ImportError::Binary)
    };
    let text = match bytes {
        [0xFF, 0xFE, ..] => utf16(false)?,
        [0xFE, 0xFF, ..] => utf16(true)?,
        _ => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            match std::str::from_utf8(bytes) {
                Ok(s) => s.to_string(),
                Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
            }
        }
    };
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if text.contains('\0') {
        return Err(ImportError::Binary);
    }
    Ok(text)
}

/// Reads a vCard file's bytes: [`decode_bytes`], then [`parse_vcards`].
pub fn parse_vcard_bytes(bytes: &[u8], now: DateTime<Utc>) -> Result<VcardImport, ImportError> {
    parse_vcards(&decode_bytes(bytes)?, now)
}

/// Reads every card of a vCard text into new contacts created at `now`.
pub fn parse_vcards(text: &str, now: DateTime<Utc>) -> Result<VcardImport, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooBig(text.len()));
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    // A file whose last card has no END:VCARD was cut short (calcard would end that card at the
    // end of the file and read it as complete, missing what was cut). The complete cards before
    // it are read; the cut one is listed as skipped.
    let upper = text.to_ascii_uppercase();
    let (text, cut) = match upper.rfind("BEGIN:VCARD") {
        // ASCII upper-casing keeps every byte where it was, so `last_begin` is a place in `text`.
        Some(last_begin) if !upper[last_begin..].contains("END:VCARD") => {
            (&text[..last_begin], true)
        }
        _ => (text, false),
    };
    let mut import = VcardImport::default();
    let mut position = 0;
    let mut unterminated = false;
    let mut parser = Parser::new(text);
    loop {
        match parser.entry() {
            Entry::VCard(card) => {
                position += 1;
                if position > MAX_CARDS {
                    return Err(ImportError::TooManyCards);
                }
                match card_to_contact(&card, now) {
                    Ok(contact) => import.contacts.push(contact),
                    Err(reason) => import.skipped.push(SkippedCard { position, reason }),
                }
            }
            Entry::UnterminatedComponent(_) => {
                unterminated = true;
                break;
            }
            Entry::TooManyComponents => return Err(ImportError::TooManyCards),
            Entry::Eof => break,
            _ => {}
        }
    }
    if position == 0 {
        return Err(if unterminated || cut {
            ImportError::Unterminated
        } else {
            ImportError::NotVcard
        });
    }
    if unterminated || cut {
        import.skipped.push(SkippedCard {
            position: position + 1,
            reason: "the file ends in the middle of this card (no END:VCARD)".into(),
        });
    }
    Ok(import)
}

/// Every text of an entry, with components flattened in order.
fn texts(entry: &VCardEntry) -> Vec<String> {
    let mut out = Vec::new();
    for value in &entry.values {
        match value {
            VCardValue::Text(t) => out.push(t.clone()),
            VCardValue::Component(parts) => out.extend(parts.iter().cloned()),
            _ => {}
        }
    }
    out
}

/// An entry's texts, tidied and joined by `sep`.
fn text(entry: &VCardEntry, sep: &str) -> String {
    let parts: Vec<String> = texts(entry)
        .iter()
        .map(|t| clean_text(t))
        .filter(|t| !t.is_empty())
        .collect();
    parts.join(sep)
}

fn x_name(entry: &VCardEntry) -> Option<&str> {
    match &entry.name {
        VCardProperty::Other(name) => Some(name.as_str()),
        _ => None,
    }
}

fn parse_enum<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_lowercase())).ok()
}

fn enum_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// One card as a new contact, or why it is left out.
fn card_to_contact(card: &VCard, now: DateTime<Utc>) -> Result<Contact, String> {
    let mut contact = Contact::new("", now);
    let mut formatted = String::new();
    let mut structured = String::new();
    let mut role_fallback = String::new();
    let mut uid = None;
    let mut ours = false;
    let mut urls: Vec<(bool, String)> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for entry in &card.entries {
        match &entry.name {
            VCardProperty::Fn if formatted.is_empty() => formatted = text(entry, " "),
            VCardProperty::N if structured.is_empty() => {
                // family; given; additional; prefixes; suffixes
                let parts: Vec<String> = texts(entry).iter().map(|t| clean_text(t)).collect();
                let part = |i: usize| parts.get(i).cloned().unwrap_or_default();
                structured = [part(3), part(1), part(2), part(0), part(4)]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            VCardProperty::Org if contact.organization.is_empty() => {
                contact.organization = text(entry, ", ")
            }
            VCardProperty::Title if contact.role.is_empty() => contact.role = text(entry, " "),
            VCardProperty::Role if role_fallback.is_empty() => role_fallback = text(entry, " "),
            VCardProperty::Email => contact.emails.push(text(entry, " ")),
            VCardProperty::Tel => {
                let tel = text(entry, " ");
                let tel = tel.strip_prefix("tel:").unwrap_or(&tel).to_string();
                contact.phones.push(tel);
            }
            VCardProperty::Url => {
                let in_group = entry
                    .group
                    .as_deref()
                    .is_some_and(|g| g.eq_ignore_ascii_case(LINKEDIN_GROUP));
                urls.push((in_group, text(entry, ",")));
            }
            VCardProperty::Note => notes.push(text(entry, "\n")),
            VCardProperty::Categories => contact.tags.extend(
                texts(entry)
                    .iter()
                    .map(|t| clean_text(t))
                    .filter(|t| !t.is_empty()),
            ),
            VCardProperty::Uid => uid = Some(text(entry, "")),
            _ => {
                let Some(name) = x_name(entry) else { continue };
                let value = text(entry, ",");
                let name = name.to_ascii_uppercase();
                ours |= name.starts_with("X-WEAKTIES-");
                match name.as_str() {
                    X_WHERE_MET => contact.where_met = value,
                    X_HOW_MET => contact.how_met = value,
                    X_RESEARCH => contact.research = value,
                    X_MET_ON => contact.met_on = parse_date(&value),
                    X_TIE => contact.tie = parse_enum::<TieStrength>(&value).unwrap_or_default(),
                    X_CADENCE => contact.cadence = parse_enum::<Cadence>(&value),
                    X_INTRODUCED_BY => {
                        contact.introduced_by = Some(value).filter(|v| !v.is_empty())
                    }
                    _ => {}
                }
            }
        }
    }
    contact.name = if formatted.is_empty() {
        structured
    } else {
        formatted
    };
    if contact.name.is_empty() {
        return Err("it has no name (no FN or N)".into());
    }
    if contact.role.is_empty() {
        contact.role = role_fallback;
    }
    for (in_group, url) in urls {
        let is_linkedin = if ours {
            in_group
        } else {
            url.to_ascii_lowercase().contains("linkedin.com")
        };
        if is_linkedin && contact.linkedin.is_empty() {
            contact.linkedin = url;
        } else {
            contact.links.push(url);
        }
    }
    contact.notes = notes
        .into_iter()
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    if ours {
        if let Some(id) = uid.filter(|u| uuid::Uuid::parse_str(u).is_ok()) {
            contact.id = id;
        }
    }
    contact.normalize();
    Ok(contact)
}

fn entry(name: VCardProperty, value: &str) -> VCardEntry {
    VCardEntry::new(name).with_value(value.to_string())
}

fn x_entry(name: &str, value: &str) -> VCardEntry {
    entry(VCardProperty::Other(name.to_string()), value)
}

/// One contact as a vCard 4.0 card (CRLF line endings, long lines folded).
pub fn to_vcard(contact: &Contact) -> String {
    let mut entries = vec![
        entry(VCardProperty::Uid, &contact.id),
        entry(VCardProperty::Fn, &contact.name),
    ];
    // N: family name = the last word, given names = the rest (clients that need N get one).
    let (given, family) = match contact.name.trim().rsplit_once(' ') {
        Some((given, family)) => (given.trim(), family),
        None => ("", contact.name.trim()),
    };
    entries.push(
        VCardEntry::new(VCardProperty::N).with_values(
            [family, given, "", "", ""]
                .iter()
                .map(|s| VCardValue::Text(s.to_string()))
                .collect(),
        ),
    );
    let optional = [
        (VCardProperty::Org, &contact.organization),
        (VCardProperty::Title, &contact.role),
        (VCardProperty::Note, &contact.notes),
    ];
    for (name, value) in optional {
        if !value.is_empty() {
            entries.push(entry(name, value));
        }
    }
    entries.extend(
        contact
            .emails
            .iter()
            .map(|e| entry(VCardProperty::Email, e)),
    );
    entries.extend(contact.phones.iter().map(|p| entry(VCardProperty::Tel, p)));
    if !contact.linkedin.is_empty() {
        entries.push(
            entry(VCardProperty::Url, &contact.linkedin)
                .with_group(Some(LINKEDIN_GROUP.to_string())),
        );
    }
    entries.extend(contact.links.iter().map(|l| entry(VCardProperty::Url, l)));
    if !contact.tags.is_empty() {
        entries.push(
            VCardEntry::new(VCardProperty::Categories).with_values(
                contact
                    .tags
                    .iter()
                    .map(|t| VCardValue::Text(t.clone()))
                    .collect(),
            ),
        );
    }
    entries.push(x_entry(X_TIE, &enum_text(&contact.tie)));
    let extras = [
        (X_WHERE_MET, contact.where_met.clone()),
        (X_HOW_MET, contact.how_met.clone()),
        (X_RESEARCH, contact.research.clone()),
        (
            X_MET_ON,
            contact
                .met_on
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        ),
        (
            X_CADENCE,
            contact.cadence.map(|c| enum_text(&c)).unwrap_or_default(),
        ),
        (
            X_INTRODUCED_BY,
            contact.introduced_by.clone().unwrap_or_default(),
        ),
    ];
    for (name, value) in extras {
        if !value.is_empty() {
            entries.push(x_entry(name, &value));
        }
    }
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = VCard { entries }.write_to(&mut out, VCardVersion::V4_0);
    out
}

/// Several contacts as one vCard file.
pub fn to_vcards<'a>(contacts: impl IntoIterator<Item = &'a Contact>) -> String {
    contacts.into_iter().map(to_vcard).collect()
}
