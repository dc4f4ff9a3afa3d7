//! MECARD (`MECARD:N:Doe,John;TEL:...;EMAIL:...;;`, the card format of Japanese phones that many
//! QR generators still write) and BIZCARD (`BIZCARD:N:John;X:Doe;...;;`). Fields are `KEY:value`
//! separated by `;`; in a value, `\;` `\:` `\,` and `\\` stand for the character itself.

use super::{links, push_line, push_note, PayloadKind, Scan};
use crate::form::ContactDraft;
use crate::formats::clean_text;

/// The most fields read from one card: a real one has a dozen.
const MAX_FIELDS: usize = 200;

/// The `KEY:value` fields of a card's body, keys in upper case, values as written (escapes kept).
fn fields(body: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ';' => {
                push_field(&mut out, &body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        if out.len() >= MAX_FIELDS {
            return out;
        }
    }
    push_field(&mut out, &body[start..]);
    out
}

fn push_field<'a>(out: &mut Vec<(String, &'a str)>, field: &'a str) {
    if let Some((key, value)) = field.split_once(':') {
        out.push((key.trim().to_ascii_uppercase(), value));
    }
}

/// A value with its escapes resolved, tidied.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    clean_text(&out)
}

/// `raw` split at the first comma that is not escaped.
fn split_comma(raw: &str) -> (&str, Option<&str>) {
    let mut escaped = false;
    for (i, c) in raw.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ',' => return (&raw[..i], Some(&raw[i + 1..])),
            _ => {}
        }
    }
    (raw, None)
}

/// "First Last" from the two parts, either of which may be empty.
fn full_name(first: &str, last: &str) -> String {
    [first, last]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A web address on the card: the LinkedIn field for a profile, else a link, else the notes.
fn add_url(draft: &mut ContactDraft, url: &str) {
    match links::classify_url(url) {
        Some(links::Url::Profile { url, .. }) if draft.linkedin.is_empty() => draft.linkedin = url,
        Some(links::Url::Profile { url, .. }) | Some(links::Url::Web(url)) => {
            push_line(&mut draft.links, &url)
        }
        None => push_note(&mut draft.notes, url),
    }
}

fn labelled(label: &str, value: &str) -> String {
    format!("{label}: {value}")
}

/// The scan of a card, with the message naming what was read.
fn card(kind: PayloadKind, format: &str, draft: ContactDraft) -> Scan {
    let message = if draft.name.is_empty() {
        format!("Read a contact card ({format}) with no name: type the name.")
    } else {
        format!("Read a contact card ({format}): {}.", draft.name)
    };
    Scan::new(kind, draft, message)
}

/// A MECARD's body (after `MECARD:`). `N` is "Last,First"; `TITLE` and `ORG`, which many
/// generators add, fill the role and organization.
pub(super) fn mecard(body: &str) -> Scan {
    let mut draft = ContactDraft::default();
    for (key, raw) in fields(body) {
        let value = unescape(raw);
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "N" if draft.name.is_empty() => {
                let (last, first) = split_comma(raw);
                draft.name = full_name(&unescape(first.unwrap_or("")), &unescape(last));
            }
            "TEL" | "TEL-AV" => push_line(&mut draft.phones, &value),
            "EMAIL" => push_line(&mut draft.emails, &value),
            "URL" => add_url(&mut draft, &value),
            "ORG" if draft.organization.is_empty() => draft.organization = value,
            "TITLE" if draft.role.is_empty() => draft.role = value,
            "NOTE" => push_note(&mut draft.notes, &value),
            "ADR" => push_note(&mut draft.notes, &labelled("Address", &value)),
            "NICKNAME" => push_note(&mut draft.notes, &labelled("Nickname", &value)),
            "BDAY" => push_note(&mut draft.notes, &labelled("Birthday", &value)),
            _ => {}
        }
    }
    card(PayloadKind::Mecard, "MECARD", draft)
}

/// A BIZCARD's body (after `BIZCARD:`): `N` first name, `X` last name, `T` title, `C` company,
/// `A` address, `B` phone, `M` mobile, `F` fax, `E` email.
pub(super) fn bizcard(body: &str) -> Scan {
    let mut draft = ContactDraft::default();
    let (mut first, mut last) = (String::new(), String::new());
    for (key, raw) in fields(body) {
        let value = unescape(raw);
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "N" => first = value,
            "X" => last = value,
            "T" if draft.role.is_empty() => draft.role = value,
            "C" if draft.organization.is_empty() => draft.organization = value,
            "B" | "M" => push_line(&mut draft.phones, &value),
            "F" => push_note(&mut draft.notes, &labelled("Fax", &value)),
            "E" => push_line(&mut draft.emails, &value),
            "A" => push_note(&mut draft.notes, &labelled("Address", &value)),
            _ => {}
        }
    }
    draft.name = full_name(&first, &last);
    card(PayloadKind::Bizcard, "BIZCARD", draft)
}
