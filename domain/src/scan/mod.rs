//! What a scanned QR code holds, read into the fields of **Add contact**: a vCard (through the
//! vCard import's own reader), a MECARD or a BIZCARD, a LinkedIn profile, another web link, an
//! email (`mailto:`), a phone number (`tel:`), a badge's opaque id, or plain text. What another
//! app shares into Weak Ties (a title, a text, a link) is read the same way ([`read_shared`]).
//!
//! Nothing here saves anything: a [`Scan`] fills the form ([`fill_form`] merges it into what is
//! already typed, so conference mode's where-met, date and tag stay), the user corrects it and
//! presses Save. [`find_known`] tells whether the person is already one of the contacts.
//! Whatever the code holds, reading it never panics: it gives a best-effort contact or a
//! [`ScanError`] whose text is the message for the user.

mod cards;
mod known;
mod links;
mod share;
#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::form::ContactDraft;
use crate::formats::{clean_text, parse_vcards};

pub use known::{find_known, Known, KnownBy};
pub use share::read_shared;

/// The most text a scan or a share is read from (64 KB). A QR code holds at most 7,089 digits or
/// 2,953 bytes; only a share can be longer.
pub const MAX_PAYLOAD_BYTES: usize = 64 * 1024;

/// What kind of thing a code held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayloadKind {
    Vcard,
    Mecard,
    Bizcard,
    Linkedin,
    Link,
    Email,
    Phone,
    BadgeId,
    Text,
}

/// A code read into the contact form: the fields it fills (the others are left empty), and what
/// was read, in plain words for the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scan {
    pub kind: PayloadKind,
    pub draft: ContactDraft,
    /// The name is only a guess (from a LinkedIn address), to be checked by the user.
    pub name_guessed: bool,
    pub message: String,
}

impl Scan {
    fn new(kind: PayloadKind, draft: ContactDraft, message: impl Into<String>) -> Self {
        Scan {
            kind,
            draft,
            name_guessed: false,
            message: message.into(),
        }
    }
}

/// Why a code fills nothing in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScanError {
    Empty,
    /// More than [`MAX_PAYLOAD_BYTES`]; the number of bytes.
    TooLong(usize),
    Binary,
    /// A vCard that the vCard reader refused, and its reason.
    Unreadable(String),
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScanError::Empty => f.write_str("This code is empty: there is nothing to fill in."),
            ScanError::TooLong(n) => write!(
                f,
                "This holds {} KB of text, more than any contact card: nothing was filled in.",
                n.div_ceil(1024)
            ),
            ScanError::Binary => f.write_str(
                "This code holds binary data, not a contact card or text: nothing was filled in.",
            ),
            ScanError::Unreadable(reason) => {
                write!(
                    f,
                    "This code holds a vCard that could not be read. {reason}"
                )
            }
        }
    }
}

impl std::error::Error for ScanError {}

/// Whether `text` starts with `prefix`, ignoring ASCII case.
fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

/// `text` without its first `prefix.len()` bytes, when it starts with `prefix` (any ASCII case).
fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    starts_with_ignore_case(text, prefix).then(|| &text[prefix.len()..])
}

/// Whether `text` looks like bytes rather than words: more than a tenth of it is control
/// characters (other than tab and line breaks) or replacement characters from invalid UTF-8.
fn looks_binary(text: &str) -> bool {
    let (mut all, mut odd) = (0usize, 0usize);
    for c in text.chars() {
        all += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
            odd += 1;
        }
    }
    odd * 10 > all
}

/// Reads the text of a scanned code into the contact form's fields.
pub fn read_payload(text: &str, now: DateTime<Utc>) -> Result<Scan, ScanError> {
    if text.len() > MAX_PAYLOAD_BYTES {
        return Err(ScanError::TooLong(text.len()));
    }
    if looks_binary(text) {
        return Err(ScanError::Binary);
    }
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if text.is_empty() {
        return Err(ScanError::Empty);
    }
    if starts_with_ignore_case(text, "BEGIN:VCARD") {
        return vcard(text, now);
    }
    if let Some(body) = strip_prefix_ignore_case(text, "MECARD:") {
        return Ok(cards::mecard(body));
    }
    if let Some(body) = strip_prefix_ignore_case(text, "BIZCARD:") {
        return Ok(cards::bizcard(body));
    }
    Ok(links::read(text).unwrap_or_else(|| plain(text)))
}

/// Whether `text` is a contact card that [`read_payload`] reads field by field.
fn is_card(text: &str) -> bool {
    ["BEGIN:VCARD", "MECARD:", "BIZCARD:"]
        .iter()
        .any(|prefix| starts_with_ignore_case(text.trim_start(), prefix))
}

/// A vCard, through the import's reader. A code holding several cards fills in the first.
fn vcard(text: &str, now: DateTime<Utc>) -> Result<Scan, ScanError> {
    let import = parse_vcards(text, now).map_err(|e| ScanError::Unreadable(e.to_string()))?;
    let cards = import.contacts.len() + import.skipped.len();
    let Some(first) = import.contacts.into_iter().next() else {
        let reason = import
            .skipped
            .first()
            .map_or("It holds no card.".to_string(), |s| {
                format!("{}.", s.reason)
            });
        return Err(ScanError::Unreadable(reason));
    };
    let mut draft = ContactDraft::from_contact(&first);
    // The id of whoever introduced them in someone else's book means nothing in this one.
    draft.introduced_by.clear();
    let mut message = format!("Read a contact card (vCard): {}.", first.name);
    if cards > 1 {
        message.push_str(&format!(
            " The code holds {cards} cards; only the first is filled in. Import the others from a file in Settings."
        ));
    }
    Ok(Scan::new(PayloadKind::Vcard, draft, message))
}

/// Whether `text` is an opaque id, as a badge's code is: one short word of letters, digits and
/// a few separators, with at least one digit.
fn is_badge_id(text: &str) -> bool {
    (1..=64).contains(&text.chars().count())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:/#+=".contains(c))
        && text.chars().any(|c| c.is_ascii_digit())
}

/// Text that is no card nor link: a badge's id, or words for the notes.
fn plain(text: &str) -> Scan {
    let text = clean_text(text);
    if is_badge_id(&text) {
        let draft = ContactDraft {
            notes: format!("Badge code: {text}"),
            ..ContactDraft::default()
        };
        let message = format!(
            "This code holds only an id ({text}), no name: it is kept in the notes. Type the name."
        );
        return Scan::new(PayloadKind::BadgeId, draft, message);
    }
    let draft = ContactDraft {
        notes: text,
        ..ContactDraft::default()
    };
    Scan::new(
        PayloadKind::Text,
        draft,
        "This code holds text, not a contact card: it is in the notes. Type the name.",
    )
}

/// Adds `line` to a field of one entry per line, unless it is already there.
fn push_line(list: &mut String, line: &str) {
    let line = line.trim();
    if line.is_empty() || list.lines().any(|l| l.trim() == line) {
        return;
    }
    if !list.trim().is_empty() {
        list.push('\n');
    }
    list.push_str(line);
}

/// Adds a paragraph to the notes, unless the notes already hold it.
fn push_note(notes: &mut String, text: &str) {
    let text = text.trim();
    if text.is_empty() || notes.contains(text) {
        return;
    }
    if !notes.trim().is_empty() {
        notes.push_str("\n\n");
    }
    notes.push_str(text);
}

/// Merges what a code filled into the form as typed: an empty field takes the code's value, a
/// list (emails, phones, links, tags) gains the entries it lacks, the notes gain the code's
/// text. Nothing typed is overwritten, so conference mode's where-met, date and tag stay.
pub fn fill_form(form: &mut ContactDraft, scanned: &ContactDraft) {
    for (into, from) in [
        (&mut form.name, &scanned.name),
        (&mut form.role, &scanned.role),
        (&mut form.organization, &scanned.organization),
        (&mut form.linkedin, &scanned.linkedin),
        (&mut form.where_met, &scanned.where_met),
        (&mut form.met_on, &scanned.met_on),
        (&mut form.how_met, &scanned.how_met),
    ] {
        if into.trim().is_empty() && !from.trim().is_empty() {
            into.clone_from(from);
        }
    }
    for (into, from) in [
        (&mut form.emails, &scanned.emails),
        (&mut form.phones, &scanned.phones),
        (&mut form.links, &scanned.links),
    ] {
        from.lines().for_each(|line| push_line(into, line));
    }
    for tag in scanned.tags.split([',', '\n']).map(str::trim) {
        let known = form
            .tags
            .split([',', '\n'])
            .any(|t| t.trim().eq_ignore_ascii_case(tag));
        if !tag.is_empty() && !known {
            if !form.tags.trim().is_empty() {
                form.tags.push_str(", ");
            }
            form.tags.push_str(tag);
        }
    }
    push_note(&mut form.notes, &scanned.notes);
}
