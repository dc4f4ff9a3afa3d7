//! The backup: everything the user keeps, as one versioned JSON file, and its all-or-nothing merge
//! back into storage.
//!
//! # The file
//!
//! ```json
//! {
//!   "app": "weak-ties",
//!   "schema": 1,
//!   "exported_at": "2026-11-28T09:30:00Z",
//!   "contacts": [ { "id": "...", "name": "Ada Lovelace", ... } ],
//!   "docs": { "settings": {...}, "questions": {...}, "deck": {...}, "asked": {...},
//!             "templates": {...}, "preps": {...} }
//! }
//! ```
//!
//! Contacts are written as stored (with their timeline, follow-ups and revision), sorted by id so
//! that two backups diff line by line ([`Backup::to_json`] is pretty-printed). Documents travel as
//! raw JSON keyed by their name, so a new document is exported without changing this module.
//! `schema` is the version of every record in the file.
//!
//! # Reading a file: [`parse_backup`]
//!
//! The **whole file is checked before anything is written**: its size (over [`MAX_BACKUP_BYTES`] it
//! is not even parsed), that it is JSON, that it is ours (`"app": "weak-ties"`), that a newer
//! version did not make it, and every record: the types of every field, blank or duplicate ids,
//! blank names, dates. Each problem says what and where in plain words, e.g.
//! `contact 12 (Ada Lovelace): '2024-13-01' is not a date (met_on)`, where 12 is the position of
//! the contact in the file, counted from 1. A backup from an older schema goes through the same
//! migrations as stored records ([`crate::store::MIGRATIONS`]). Text is kept exactly as it is:
//! markup or script in a field is just text, and right-to-left text and emoji are fine.
//!
//! # Merging: [`Repo::import_backup`]
//!
//! Contacts merge by id:
//!
//! - not stored: **added** as it is in the backup (with its revision);
//! - stored and the same apart from the revision: **unchanged**;
//! - stored, different, and the backup's `updated_at` is later: **updated**: the backup's version is
//!   written with compare-and-set against the stored revision, as revision `stored + 1`, keeping the
//!   backup's `updated_at` (so importing the same file again finds it unchanged);
//! - stored, different, and the backup's copy is not newer (older, or the very same instant):
//!   **skipped**; the user's copy stays;
//! - stored but unreadable (quarantined): left as it is, listed in
//!   [`ImportReport::kept_unreadable`].
//!
//! Contacts that are stored but not in the backup are untouched: nothing is deleted.
//!
//! Documents (counted apart from the contacts) merge by name, each with a simple rule. When a
//! document is not stored yet, the backup's copy is written as it is. Otherwise:
//!
//! | document | rule |
//! |---|---|
//! | `settings` | fill the empty fields only (your name, signature, card details, talking points) |
//! | `questions` | add the own questions whose id is not there; union of hidden and favourites |
//! | `deck` | keep the current deck |
//! | `asked` | union, contact by contact |
//! | `templates` | add the templates whose id is not there, at the end |
//! | `preps` | add the chat preparations of contacts that have none |
//!
//! Documents with any other name are skipped and listed in [`ImportReport::docs_unknown`].
//!
//! **All or nothing**: every write is planned first, then made in one
//! [`Repo::write_batch_checked`], which puts every key back as it was if any write fails (a full
//! quota), so a failed import leaves storage byte for byte as it was.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::Contact;
use crate::questions::{AskedLog, ChatPrep, Deck, QuestionBank};
use crate::settings::Settings;
use crate::store::{
    contact_key, doc_key, migrate_record, BatchWrite, KeyValue, Migration, Repo, SaveError,
    StoreError, CONTACT_PREFIX, CURRENT_SCHEMA, DOC_PREFIX, MIGRATIONS,
};
use crate::template::TemplateSet;

/// The value of the `"app"` field that marks a Weak Ties backup.
pub const APP: &str = "weak-ties";

/// The largest backup file read, in bytes (20 MB): far more than a browser's storage for one site
/// holds, small enough to parse on a phone. Larger files are refused before they are parsed.
pub const MAX_BACKUP_BYTES: usize = 20 * 1024 * 1024;

/// The documents the import knows how to merge (see the module documentation); others are
/// skipped.
pub const KNOWN_DOCS: [&str; 6] = [
    "settings",
    "questions",
    "deck",
    "asked",
    "templates",
    "preps",
];

/// The documents that belong to this browser only and stay out of a backup file: the backup
/// log (a backup restored elsewhere was not made there).
pub const DEVICE_DOCS: [&str; 1] = ["backup"];

/// How many problems of a bad file are kept to show (the count of all of them is kept too).
const MAX_PROBLEMS: usize = 100;

/// How many characters of a name or value from the file a message quotes.
const QUOTE_CHARS: usize = 60;

/// The file name of a backup made on `today`: `weak-ties-backup-2026-11-28.json`.
pub fn backup_file_name(today: NaiveDate) -> String {
    format!("weak-ties-backup-{}.json", today.format("%Y-%m-%d"))
}

// ---------------------------------------------------------------------------------------------
// The backup
// ---------------------------------------------------------------------------------------------

/// Everything the user keeps, as one file. Made by [`Repo::export_backup`] or read and checked by
/// [`parse_backup`]; after reading, the records are at [`CURRENT_SCHEMA`] (older backups are
/// upgraded) and `schema` says so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Backup {
    /// Always [`APP`].
    pub app: String,
    /// The schema version of every record in it.
    pub schema: u32,
    /// When it was made.
    pub exported_at: DateTime<Utc>,
    /// Every contact, sorted by id.
    pub contacts: Vec<Contact>,
    /// Every document, as JSON, by name.
    pub docs: BTreeMap<String, Value>,
    /// Not in the file: the keys of stored records that could not be read when exporting, so are
    /// not in this backup (the UI offers them for download apart). Empty for a parsed backup.
    #[serde(skip)]
    pub left_out: Vec<String>,
}

impl Backup {
    /// The file's text: pretty-printed JSON, one field per line, so two backups diff well.
    pub fn to_json(&self) -> String {
        // Contacts, dates and JSON values always serialize: there is no map with non-text keys.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks what a typed backup can still get wrong (it may have been built in code rather than
    /// parsed): blank or duplicate contact ids, blank names.
    pub fn check(&self) -> Result<(), ImportError> {
        let mut problems = Problems::default();
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, contact) in self.contacts.iter().enumerate() {
            let n = i + 1;
            let who = contact_label(n, Some(&contact.name), Some(&contact.id));
            if contact.id.trim().is_empty() {
                problems.push(format!("{who}: its id is blank (id)"));
            } else if let Some(&first) = seen.get(contact.id.as_str()) {
                problems.push(duplicate_problem(&who, &contact.id, first));
            } else {
                seen.insert(&contact.id, n);
            }
            if contact.name.trim().is_empty() {
                problems.push(format!("{who}: its name is blank (name)"));
            }
        }
        problems.into_result()
    }
}

// ---------------------------------------------------------------------------------------------
// Errors and the report
// ---------------------------------------------------------------------------------------------

/// Why a backup was not imported. In every case nothing was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// The file is over [`MAX_BACKUP_BYTES`]; it was not read.
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// The file is not a Weak Ties backup at all; the text says why and where, in plain words
    /// (empty, not text, not JSON, another app's file...).
    NotABackup(String),
    /// A newer version of Weak Ties made it.
    NewerSchema {
        /// Its schema version.
        found: u32,
    },
    /// It is a backup, but some of it is wrong: each problem says what and where, e.g.
    /// `contact 12 (Ada Lovelace): '2024-13-01' is not a date (met_on)`.
    Invalid {
        /// The first problems found (at most 100), in file order.
        problems: Vec<String>,
        /// How many problems were found in all.
        total: usize,
    },
    /// Storage refused the import (full, unavailable, changed by another tab meanwhile...).
    NotSaved(SaveError),
}

impl ImportError {
    /// The problems found in the file, for a list on screen (empty for other errors).
    pub fn problems(&self) -> &[String] {
        match self {
            ImportError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }
}

/// `text` with its first letter in capitals.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes } => write!(
                f,
                "This file is too large to be a Weak Ties backup ({:.1} MB; a backup is at most \
                 {} MB), so it was not read. Nothing was imported.",
                *bytes as f64 / (1024.0 * 1024.0),
                MAX_BACKUP_BYTES / (1024 * 1024)
            ),
            ImportError::NotABackup(why) => write!(
                f,
                "This is not a Weak Ties backup: {why}. Nothing was imported."
            ),
            ImportError::NewerSchema { found } => write!(
                f,
                "This backup was made by a newer version of Weak Ties (schema {found}; this \
                 version reads up to {CURRENT_SCHEMA}), so nothing was imported. Reload the page \
                 to get the newer version, then import it again."
            ),
            ImportError::Invalid { problems, total } => {
                let first = problems.first().map_or("", String::as_str);
                write!(f, "{}.", capitalized(first))?;
                match total.saturating_sub(1) {
                    0 => {}
                    1 => f.write_str(" 1 more problem was found.")?,
                    more => write!(f, " {more} more problems were found.")?,
                }
                f.write_str(" Nothing was imported.")
            }
            ImportError::NotSaved(e) => match e {
                SaveError::Store(StoreError::Full) => f.write_str(
                    "The browser's storage for this site is full, so nothing was imported and \
                     your data is as it was. Free some space and try again.",
                ),
                SaveError::Store(StoreError::Unavailable(why)) => write!(
                    f,
                    "The browser refused to store data ({why}), so nothing was imported."
                ),
                SaveError::Conflict { .. } => f.write_str(
                    "Your data was changed in another tab while this backup was being imported, \
                     so nothing was imported. Try again.",
                ),
                SaveError::Outdated { .. } => f.write_str(
                    "Weak Ties was updated in another tab, so nothing was imported. Reload the \
                     page, then import the backup again.",
                ),
                SaveError::Quarantined(q) => write!(
                    f,
                    "The stored record {} cannot be read ({}), so nothing was imported.",
                    q.key, q.error
                ),
                SaveError::Invalid(why) => {
                    write!(
                        f,
                        "This backup could not be imported ({why}). Nothing was changed."
                    )
                }
            },
        }
    }
}

impl std::error::Error for ImportError {}

impl From<SaveError> for ImportError {
    fn from(e: SaveError) -> Self {
        ImportError::NotSaved(e)
    }
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError::NotSaved(SaveError::Store(e))
    }
}

/// What an import did (or, from [`Repo::preview_import`], would do). The four counts are over
/// contacts; documents are listed apart, by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Contacts that were not stored and were added.
    pub added: usize,
    /// Stored contacts replaced by the backup's newer version.
    pub updated: usize,
    /// Contacts stored exactly as in the backup (the revision aside).
    pub unchanged: usize,
    /// Contacts whose stored version is newer than the backup's (or as new): yours were kept.
    pub skipped: usize,
    /// Documents written: added, or merged with the stored one.
    pub docs_changed: Vec<String>,
    /// Documents already holding everything the backup's copy brings.
    pub docs_unchanged: Vec<String>,
    /// Documents of the backup this version does not know, skipped.
    pub docs_unknown: Vec<String>,
    /// Keys of stored records that cannot be read, so were left as they are rather than
    /// overwritten with the backup's copy.
    pub kept_unreadable: Vec<String>,
}

impl ImportReport {
    /// Whether the import wrote anything.
    pub fn changed_anything(&self) -> bool {
        self.added > 0 || self.updated > 0 || !self.docs_changed.is_empty()
    }
}

impl fmt::Display for ImportReport {
    /// E.g. `12 added, 3 updated, 40 unchanged, 1 skipped (older than yours)`, then what happened
    /// to documents, if anything did.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} added, {} updated, {} unchanged, {} skipped",
            self.added, self.updated, self.unchanged, self.skipped
        )?;
        if self.skipped > 0 {
            f.write_str(" (older than yours)")?;
        }
        if !self.docs_changed.is_empty() {
            let names: Vec<&str> = self.docs_changed.iter().map(|n| doc_label(n)).collect();
            write!(f, "; merged: {}", names.join(", "))?;
        }
        match self.docs_unknown.len() {
            0 => {}
            1 => f.write_str("; 1 unknown document skipped")?,
            n => write!(f, "; {n} unknown documents skipped")?,
        }
        match self.kept_unreadable.len() {
            0 => {}
            1 => f.write_str("; 1 unreadable record left as it was")?,
            n => write!(f, "; {n} unreadable records left as they were")?,
        }
        Ok(())
    }
}

/// The words for a document in messages.
fn doc_label(name: &str) -> &str {
    match name {
        "settings" => "settings",
        "questions" => "questions",
        "deck" => "question deck",
        "asked" => "questions asked",
        "templates" => "templates",
        "preps" => "chat preparations",
        other => other,
    }
}

// ---------------------------------------------------------------------------------------------
// Plain-words messages
// ---------------------------------------------------------------------------------------------

/// The problems found in a file, the first [`MAX_PROBLEMS`] kept.
#[derive(Default)]
struct Problems {
    kept: Vec<String>,
    total: usize,
}

impl Problems {
    fn push(&mut self, problem: String) {
        self.total += 1;
        if self.kept.len() < MAX_PROBLEMS {
            self.kept.push(problem);
        }
    }

    fn into_result(self) -> Result<(), ImportError> {
        if self.total == 0 {
            Ok(())
        } else {
            Err(ImportError::Invalid {
                problems: self.kept,
                total: self.total,
            })
        }
    }
}

/// A piece of text from the file, fit for a message: at most [`QUOTE_CHARS`] characters, control
/// and direction-override characters replaced by spaces (so a name cannot reorder the sentence
/// around it), then shown between single quotes by the caller.
fn short(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == QUOTE_CHARS {
            out.push('…');
            break;
        }
        let bidi_control = matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        out.push(if c.is_control() || bidi_control {
            ' '
        } else {
            c
        });
    }
    out
}

/// `contact 12 (Ada Lovelace)`, or with the id when there is no usable name, or just `contact 12`.
fn contact_label(n: usize, name: Option<&str>, id: Option<&str>) -> String {
    match (
        name.filter(|s| !s.trim().is_empty()),
        id.filter(|s| !s.trim().is_empty()),
    ) {
        (Some(name), _) => format!("contact {n} ({})", short(name.trim())),
        (None, Some(id)) => format!("contact {n} (id '{}')", short(id)),
        (None, None) => format!("contact {n}"),
    }
}

fn duplicate_problem(who: &str, id: &str, first: usize) -> String {
    format!(
        "{who}: its id '{}' is already used by contact {first} (id)",
        short(id)
    )
}

/// A JSON value in words: `the text 'abc'`, `the number 5`, `a list`...
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.is_empty() => "empty text".into(),
        Value::String(s) => format!("the text '{}'", short(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a group of fields".into(),
    }
}

/// What serde expected, in words.
fn expected_words(expected: &str) -> String {
    let expected = expected.trim();
    let unsigned = matches!(expected, "u8" | "u16" | "u32" | "u64" | "u128" | "usize");
    let signed = matches!(expected, "i8" | "i16" | "i32" | "i64" | "i128" | "isize");
    if expected == "a string" {
        "text".into()
    } else if expected == "a sequence" {
        "a list".into()
    } else if unsigned {
        "a whole number (0 or more)".into()
    } else if signed {
        "a whole number".into()
    } else if expected == "a boolean" {
        "true or false".into()
    } else if expected == "a map" || expected.starts_with("struct ") {
        "a group of fields".into()
    } else if expected.contains("date and time") {
        "a date and time (such as 2026-11-28T09:30:00Z)".into()
    } else if expected.contains("date") {
        "a date (YYYY-MM-DD)".into()
    } else if expected == "string or map" || expected.starts_with("enum ") {
        "one of the allowed words".into()
    } else if expected == "a tuple of size 2" {
        "a pair of values".into()
    } else {
        expected.replace('`', "'")
    }
}

/// One step of a path in a record.
#[derive(Clone, Debug)]
enum Seg {
    Key(String),
    Index(usize),
}

/// `interactions, item 2, date`: keys as they are, list positions counted from 1.
fn render_path(path: &[Seg]) -> String {
    path.iter()
        .map(|s| match s {
            Seg::Key(k) => short(k),
            Seg::Index(i) => format!("item {}", i + 1),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn value_at<'a>(root: &'a Value, path: &[Seg]) -> Option<&'a Value> {
    path.iter().try_fold(root, |v, seg| match seg {
        Seg::Key(k) => v.get(k),
        Seg::Index(i) => v.get(i),
    })
}

/// The text between the first pair of backquotes in `s`.
fn between_backquotes(s: &str) -> Option<&str> {
    let start = s.find('`')? + 1;
    let len = s[start..].find('`')?;
    Some(&s[start..start + len])
}

/// The plain-words form of a serde error `message` about the value at `path` in `root`, itself at
/// `prefix` in the file: `'2024-13-01' is not a date (met_on)`.
fn explain(message: &str, prefix: &[Seg], inner: Vec<Seg>, root: &Value) -> String {
    let value = value_at(root, &inner);
    let mut path = prefix.to_vec();
    path.extend(inner);
    let field = path.iter().rev().find_map(|s| match s {
        Seg::Key(k) => Some(k.as_str()),
        Seg::Index(_) => None,
    });
    let is_instant = matches!(field, Some("created_at" | "updated_at" | "exported_at"));
    let chrono_error = [
        "input is out of range",
        "input contains invalid characters",
        "premature end of input",
        "trailing input",
        "input is not enough for unique date and time",
        "no possible date and time matching input",
        "bad or unsupported format string",
    ]
    .iter()
    .any(|m| message.starts_with(m));

    let what = if let Some(rest) = message.strip_prefix("missing field ") {
        let name = between_backquotes(rest).unwrap_or(rest).to_string();
        path.push(Seg::Key(name));
        "a required field is missing".to_string()
    } else if chrono_error {
        let shown = match value {
            Some(Value::String(s)) => format!("'{}'", short(s)),
            Some(other) => describe(other),
            None => "the value".into(),
        };
        if is_instant {
            format!("{shown} is not a date and time")
        } else {
            format!("{shown} is not a date")
        }
    } else if let Some(rest) = message.strip_prefix("unknown variant ") {
        // The word as it is in the file (the message would be cut at a backquote in it).
        let word = match value {
            Some(Value::String(s)) => s.as_str(),
            _ => between_backquotes(rest).unwrap_or_default(),
        };
        let allowed = rest
            .rsplit_once(", expected ")
            .map(|(_, list)| list.replace('`', ""))
            .unwrap_or_default();
        let allowed = allowed
            .strip_prefix("one of ")
            .unwrap_or(&allowed)
            .to_string();
        if allowed.is_empty() {
            format!("'{}' is not an allowed value", short(word))
        } else {
            format!("'{}' is not one of {allowed}", short(word))
        }
    } else if let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.rsplit_once(", expected "))
    {
        let found = match value {
            Some(v) => describe(v),
            None => found.replace('`', "'"),
        };
        format!("expected {}, found {found}", expected_words(expected))
    } else if let Some(rest) = message.strip_prefix("invalid length ") {
        match rest.split_once(", expected ") {
            Some((len, expected)) => format!(
                "expected {}, found a list of {len}",
                expected_words(expected)
            ),
            None => message.replace('`', "'"),
        }
    } else {
        message.replace('`', "'")
    };
    let at = render_path(&path);
    if at.is_empty() {
        what
    } else {
        format!("{what} ({at})")
    }
}

/// Reads a `T` from JSON; the `Err` says what is wrong and where, in plain words.
fn typed<T: DeserializeOwned>(value: &Value) -> Result<T, String> {
    typed_at(value, &[])
}

/// [`typed`] for a value found at `prefix` in the file, which the message names.
fn typed_at<T: DeserializeOwned>(value: &Value, prefix: &[Seg]) -> Result<T, String> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let inner: Vec<Seg> = e
            .path()
            .iter()
            .filter_map(|s| match s {
                serde_path_to_error::Segment::Seq { index } => Some(Seg::Index(*index)),
                serde_path_to_error::Segment::Map { key } => Some(Seg::Key(key.clone())),
                serde_path_to_error::Segment::Enum { variant } => Some(Seg::Key(variant.clone())),
                serde_path_to_error::Segment::Unknown => None,
            })
            .collect();
        explain(&e.inner().to_string(), prefix, inner, value)
    })
}

/// What is wrong with text that is not JSON, in words, with its place.
fn json_problem(text: &str, e: &serde_json::Error) -> String {
    // serde_json counts a position just after a line break as column 0.
    let at = format!("line {}, column {}", e.line(), e.column().max(1));
    let message = e.to_string();
    let head = text.trim_start();
    if text.contains('\0') || text.contains('\u{FFFD}') {
        "the file is not text (is it the right file?)".into()
    } else if head
        .get(..11)
        .is_some_and(|start| start.eq_ignore_ascii_case("BEGIN:VCARD"))
    {
        "the file is a vCard (contacts from a phone or a mail program); import it as contacts \
         instead"
            .into()
    } else if e.classify() == serde_json::error::Category::Eof {
        format!("the file is not valid JSON: it ends too early, as if it was cut off ({at})")
    } else if message.starts_with("recursion limit exceeded") {
        format!("the file is nested too deeply ({at})")
    } else if message.starts_with("number out of range") {
        format!("the file is not valid JSON: a number is too large ({at})")
    } else {
        format!("the file is not valid JSON ({at})")
    }
}

// ---------------------------------------------------------------------------------------------
// Reading a file
// ---------------------------------------------------------------------------------------------

/// Reads and checks a backup file's bytes: UTF-8 (with or without a byte-order mark) or UTF-16
/// with a byte-order mark, as some editors save; then [`parse_backup`].
pub fn parse_backup_bytes(bytes: &[u8]) -> Result<Backup, ImportError> {
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let utf16 = |bytes: &[u8], le: bool| -> Option<String> {
        let units: Vec<u16> = bytes
            .chunks(2)
            .map(|p| {
                let pair = [p[0], *p.get(1).unwrap_or(&0)];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).ok()
    };
    let text = match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        _ => std::str::from_utf8(bytes).ok().map(str::to_string),
    };
    match text {
        Some(text) => parse_backup(&text),
        None => Err(ImportError::NotABackup(
            "the file is not text (is it the right file?)".into(),
        )),
    }
}

/// Reads and checks a backup file's text, whole, before anything is written (see the module
/// documentation). A byte-order mark at the start is fine.
pub fn parse_backup(text: &str) -> Result<Backup, ImportError> {
    parse_backup_with(text, MIGRATIONS, CURRENT_SCHEMA)
}

/// [`parse_backup`] with an explicit migration table and current version (tests use their own).
fn parse_backup_with(
    text: &str,
    migrations: &[Migration],
    schema: u32,
) -> Result<Backup, ImportError> {
    if text.len() > MAX_BACKUP_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::NotABackup("the file is empty".into()));
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| ImportError::NotABackup(json_problem(text, &e)))?;
    let mut top = match value {
        Value::Object(map) => map,
        Value::Array(_) => {
            return Err(ImportError::NotABackup(
                "the file holds a list, not a backup".into(),
            ))
        }
        other => {
            return Err(ImportError::NotABackup(format!(
                "the file holds only {}",
                describe(&other)
            )))
        }
    };
    match top.get("app") {
        Some(Value::String(app)) if app == APP => {}
        None => {
            return Err(ImportError::NotABackup(
                "it does not say it was made by Weak Ties (its \"app\" field is missing)".into(),
            ))
        }
        Some(other) => {
            return Err(ImportError::NotABackup(format!(
                "it was made by another program (its \"app\" field is {})",
                describe(other)
            )))
        }
    }

    let mut problems = Problems::default();
    let from = match top.get("schema") {
        None => {
            problems.push("the schema version is missing (schema)".into());
            None
        }
        Some(v) => match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(0) | None => {
                problems.push(format!(
                    "expected a schema version (1 or more), found {} (schema)",
                    describe(v)
                ));
                None
            }
            Some(found) if found > schema => return Err(ImportError::NewerSchema { found }),
            Some(found) => Some(found),
        },
    };

    let exported_at = match top.get("exported_at") {
        None => {
            problems.push("the date of the backup is missing (exported_at)".into());
            None
        }
        Some(v) => typed_at::<DateTime<Utc>>(v, &[Seg::Key("exported_at".into())])
            .map_err(|e| problems.push(format!("the date of the backup: {e}")))
            .ok(),
    };

    let contacts = match top.remove("contacts") {
        None => {
            problems.push("the list of contacts is missing (contacts)".into());
            Vec::new()
        }
        Some(Value::Array(list)) => read_contacts(list, from, migrations, schema, &mut problems),
        Some(other) => {
            problems.push(format!(
                "expected a list of contacts, found {} (contacts)",
                describe(&other)
            ));
            Vec::new()
        }
    };

    let docs = match top.remove("docs") {
        None | Some(Value::Null) => BTreeMap::new(),
        Some(Value::Object(map)) => read_docs(map, from, migrations, schema, &mut problems),
        Some(other) => {
            problems.push(format!(
                "expected the documents as a group of fields, found {} (docs)",
                describe(&other)
            ));
            BTreeMap::new()
        }
    };

    problems.into_result()?;
    Ok(Backup {
        app: APP.into(),
        schema,
        // Both are present when there was no problem.
        exported_at: exported_at.unwrap_or_default(),
        contacts,
        docs,
        left_out: Vec::new(),
    })
}

/// Reads every contact of the file, upgraded from version `from` (`None`: unknown, then only
/// their shape is checked as they are); problems go to `problems`.
fn read_contacts(
    list: Vec<Value>,
    from: Option<u32>,
    migrations: &[Migration],
    schema: u32,
    problems: &mut Problems,
) -> Vec<Contact> {
    let mut contacts = Vec::with_capacity(list.len());
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, raw) in list.into_iter().enumerate() {
        let n = i + 1;
        match read_contact(n, raw, from, migrations, schema) {
            Ok(contact) => {
                if let Some(&first) = seen.get(&contact.id) {
                    let who = contact_label(n, Some(&contact.name), Some(&contact.id));
                    problems.push(duplicate_problem(&who, &contact.id, first));
                } else {
                    seen.insert(contact.id.clone(), n);
                    contacts.push(contact);
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    contacts.sort_by(|a, b| a.id.cmp(&b.id));
    contacts
}

/// Reads the `n`th contact of the file.
fn read_contact(
    n: usize,
    raw: Value,
    from: Option<u32>,
    migrations: &[Migration],
    schema: u32,
) -> Result<Contact, String> {
    let Value::Object(mut map) = raw else {
        return Err(format!(
            "contact {n}: expected a contact (a group of fields), found {}",
            describe(&raw)
        ));
    };
    let name = map.get("name").and_then(Value::as_str);
    let id = map.get("id").and_then(Value::as_str);
    let who = contact_label(n, name, id);
    let id = match map.get("id") {
        None => return Err(format!("{who}: its id is missing (id)")),
        Some(Value::String(s)) if s.trim().is_empty() => {
            return Err(format!("{who}: its id is blank (id)"))
        }
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            return Err(format!(
                "{who}: expected text, found {} (id)",
                describe(other)
            ))
        }
    };
    // A stamp on the record itself is not needed: the file's version is the records' version.
    map.remove("schema");
    let body = Value::Object(map);
    let body = match from {
        Some(from) => migrate_record(migrations, &contact_key(&id), body, from, schema)
            .map_err(|e| format!("{who}: it cannot be brought up to date: {e}"))?,
        None => body,
    };
    let contact: Contact = typed(&body).map_err(|e| format!("{who}: {e}"))?;
    if contact.id.trim().is_empty() {
        return Err(format!("{who}: its id is blank (id)"));
    }
    if contact.name.trim().is_empty() {
        return Err(format!("{who}: its name is blank (name)"));
    }
    Ok(contact)
}

/// Reads the documents of the file, upgraded from version `from`; the known ones are checked.
fn read_docs(
    map: Map<String, Value>,
    from: Option<u32>,
    migrations: &[Migration],
    schema: u32,
    problems: &mut Problems,
) -> BTreeMap<String, Value> {
    let mut docs = BTreeMap::new();
    for (name, body) in map {
        let body = match from {
            Some(from) => match migrate_record(migrations, &doc_key(&name), body, from, schema) {
                Ok(body) => body,
                Err(e) => {
                    problems.push(format!(
                        "the {}: it cannot be brought up to date: {e}",
                        short(doc_label(&name))
                    ));
                    continue;
                }
            },
            None => body,
        };
        if let Err(e) = check_known_doc(&name, &body) {
            problems.push(e);
        }
        docs.insert(name, body);
    }
    docs
}

/// Checks the shape of a known document (others are not looked at); the `Err` is the problem.
fn check_known_doc(name: &str, body: &Value) -> Result<(), String> {
    fn check<T: DeserializeOwned>(name: &str, body: &Value) -> Result<(), String> {
        typed::<T>(body)
            .map(drop)
            .map_err(|e| format!("the {}: {e}", doc_label(name)))
    }
    match name {
        "settings" => check::<Settings>(name, body),
        "questions" => check::<QuestionBank>(name, body),
        "deck" => check::<Deck>(name, body),
        "asked" => check::<AskedLog>(name, body),
        "templates" => check::<TemplateSet>(name, body),
        "preps" => check::<BTreeMap<String, ChatPrep>>(name, body),
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------------------------------
// Merging documents
// ---------------------------------------------------------------------------------------------

/// Settings: the backup fills only what is empty here.
fn merge_settings(mut mine: Settings, theirs: Settings) -> Settings {
    mine.me.fill_blanks(theirs.me);
    if mine.talking_points.is_empty() {
        mine.talking_points = theirs.talking_points;
    }
    mine
}

/// Questions: the backup's own questions whose id is not here are added after ours; hidden and
/// favourites are the union.
fn merge_questions(mut mine: QuestionBank, theirs: QuestionBank) -> QuestionBank {
    for q in theirs.own {
        if !mine.contains(&q.id) {
            mine.own.push(q);
        }
    }
    mine.hidden.extend(theirs.hidden);
    mine.favourites.extend(theirs.favourites);
    mine
}

/// The deck: ours is kept (the backup's is used only when there is none).
fn merge_deck(mine: Deck, _theirs: Deck) -> Deck {
    mine
}

/// Questions asked: the union, contact by contact.
fn merge_asked(mut mine: AskedLog, theirs: AskedLog) -> AskedLog {
    for (contact, ids) in theirs.by_contact {
        if !ids.is_empty() {
            mine.by_contact.entry(contact).or_default().extend(ids);
        }
    }
    mine
}

/// Templates: the backup's templates whose id is not here are added at the end.
fn merge_templates(mut mine: TemplateSet, theirs: TemplateSet) -> TemplateSet {
    let before = mine.templates.len();
    for t in theirs.templates {
        if mine.get(&t.id).is_none() {
            mine.templates.push(t);
        }
    }
    if mine.templates.len() != before {
        mine.rev = mine.rev.saturating_add(1);
    }
    mine
}

/// Chat preparations: those of contacts without one here are added.
fn merge_preps(
    mut mine: BTreeMap<String, ChatPrep>,
    theirs: BTreeMap<String, ChatPrep>,
) -> BTreeMap<String, ChatPrep> {
    for (contact, prep) in theirs {
        mine.entry(contact).or_insert(prep);
    }
    mine
}

/// What to do with one document.
enum DocPlan {
    Unchanged,
    /// The text to store.
    Write(String),
    /// The stored copy cannot be read: leave it.
    Unreadable,
}

/// Plans one known document: the backup's copy if none is stored, else `merge(stored, backup's)`.
fn plan_doc<T, S>(
    repo: &Repo<S>,
    name: &str,
    stored: Option<Result<Value, String>>,
    incoming: &Value,
    merge: fn(T, T) -> T,
) -> Result<DocPlan, ImportError>
where
    T: DeserializeOwned + Serialize + PartialEq + Clone,
    S: KeyValue,
{
    let theirs: T = typed(incoming).map_err(|e| ImportError::Invalid {
        problems: vec![format!("the {}: {e}", doc_label(name))],
        total: 1,
    })?;
    let result = match stored {
        None => theirs,
        Some(Err(_)) => return Ok(DocPlan::Unreadable),
        Some(Ok(value)) => {
            let Ok(mine) = serde_json::from_value::<T>(value) else {
                return Ok(DocPlan::Unreadable);
            };
            let merged = merge(mine.clone(), theirs);
            if merged == mine {
                return Ok(DocPlan::Unchanged);
            }
            merged
        }
    };
    Ok(DocPlan::Write(repo.doc_text(name, &result)?))
}

// ---------------------------------------------------------------------------------------------
// Export and import
// ---------------------------------------------------------------------------------------------

/// Whether two versions of a contact hold the same data (the revision aside).
fn same_data(a: &Contact, b: &Contact) -> bool {
    Contact {
        rev: 0,
        ..a.clone()
    } == Contact {
        rev: 0,
        ..b.clone()
    }
}

impl<S: KeyValue> Repo<S> {
    /// Everything stored, as a backup made at `now`: every readable contact (sorted by id) and
    /// document (upgraded to the current version in memory, as loading does). Unreadable records
    /// are not in it; their keys are in [`Backup::left_out`]. Writes nothing.
    pub fn export_backup(&self, now: DateTime<Utc>) -> Result<Backup, StoreError> {
        let mut keys: Vec<String> = self
            .store()
            .keys()?
            .into_iter()
            .filter(|k| k.starts_with(CONTACT_PREFIX) || k.starts_with(DOC_PREFIX))
            .collect();
        keys.sort();
        let mut backup = Backup {
            app: APP.into(),
            schema: self.schema(),
            exported_at: now,
            contacts: Vec::new(),
            docs: BTreeMap::new(),
            left_out: Vec::new(),
        };
        for key in keys {
            // Gone since `keys()`: deleted by another tab meanwhile.
            let Some(raw) = self.store().get(&key)? else {
                continue;
            };
            if let Some(name) = key.strip_prefix(DOC_PREFIX) {
                if DEVICE_DOCS.contains(&name) {
                    continue;
                }
                match self.decode_doc(&key, &raw) {
                    Ok(doc) => {
                        backup.docs.insert(name.to_string(), doc);
                    }
                    Err(_) => backup.left_out.push(key),
                }
            } else {
                match self.decode_contact(&key, &raw) {
                    Ok(contact) => backup.contacts.push(contact),
                    Err(_) => backup.left_out.push(key),
                }
            }
        }
        backup.contacts.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(backup)
    }

    /// Merges a backup into storage (the rules are in the module documentation), all or nothing:
    /// either every planned write is made, or, on any error, storage is left exactly as it was.
    pub fn import_backup(&self, backup: &Backup) -> Result<ImportReport, ImportError> {
        let (report, writes) = self.plan_import(backup)?;
        if !writes.is_empty() {
            self.write_batch_checked(&writes)?;
        }
        Ok(report)
    }

    /// What [`Repo::import_backup`] would do, without writing anything: to show before the user
    /// confirms.
    pub fn preview_import(&self, backup: &Backup) -> Result<ImportReport, ImportError> {
        self.plan_import(backup).map(|(report, _)| report)
    }

    /// The report and the writes of an import.
    fn plan_import(&self, backup: &Backup) -> Result<(ImportReport, Vec<BatchWrite>), ImportError> {
        backup.check()?;
        let mut report = ImportReport::default();
        let mut writes = Vec::new();

        for contact in &backup.contacts {
            let key = contact_key(&contact.id);
            let raw = self.store().get(&key)?;
            let value = match &raw {
                None => {
                    report.added += 1;
                    contact.clone()
                }
                Some(text) => match self.decode_contact(&key, text) {
                    Err(_) => {
                        report.kept_unreadable.push(key);
                        continue;
                    }
                    Ok(stored) if same_data(&stored, contact) => {
                        report.unchanged += 1;
                        continue;
                    }
                    Ok(stored) if contact.updated_at > stored.updated_at => {
                        report.updated += 1;
                        let rev = stored.rev.checked_add(1).ok_or_else(|| {
                            SaveError::Invalid(format!(
                                "the revision counter of {} is exhausted",
                                contact.name
                            ))
                        })?;
                        Contact {
                            rev,
                            ..contact.clone()
                        }
                    }
                    Ok(_) => {
                        report.skipped += 1;
                        continue;
                    }
                },
            };
            writes.push(BatchWrite {
                key,
                expected: raw,
                value: Some(self.contact_text(&value)?),
            });
        }

        for (name, incoming) in &backup.docs {
            if !KNOWN_DOCS.contains(&name.as_str()) {
                report.docs_unknown.push(name.clone());
                continue;
            }
            let key = doc_key(name);
            let raw = self.store().get(&key)?;
            let stored = raw.as_deref().map(|text| self.decode_doc(&key, text));
            let plan = match name.as_str() {
                "settings" => plan_doc(self, name, stored, incoming, merge_settings),
                "questions" => plan_doc(self, name, stored, incoming, merge_questions),
                "deck" => plan_doc(self, name, stored, incoming, merge_deck),
                "asked" => plan_doc(self, name, stored, incoming, merge_asked),
                "templates" => plan_doc(self, name, stored, incoming, merge_templates),
                _ => plan_doc(self, name, stored, incoming, merge_preps),
            }?;
            match plan {
                DocPlan::Unchanged => report.docs_unchanged.push(name.clone()),
                DocPlan::Unreadable => report.kept_unreadable.push(key),
                DocPlan::Write(text) => {
                    report.docs_changed.push(name.clone());
                    writes.push(BatchWrite {
                        key,
                        expected: raw,
                        value: Some(text),
                    });
                }
            }
        }
        Ok((report, writes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FollowUp, FollowUpKind, Interaction, InteractionKind, TieStrength};
    use crate::questions::{Category, PrepQuestion, Question, BUILTINS as BUILTIN_QUESTIONS};
    use crate::store::MemoryStore;
    use crate::template::{Me, Template};
    use proptest::prelude::*;
    use serde_json::json;
    use std::cell::Cell;
    use std::collections::BTreeSet;
    use std::path::PathBuf;

    fn t(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + secs, 0).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn person(id: &str, name: &str, updated: i64) -> Contact {
        let mut c = Contact::new(name, t(0));
        c.id = id.into();
        c.updated_at = t(updated);
        c
    }

    /// A store with two contacts and every document, as the app leaves it.
    fn populated() -> MemoryStore {
        let store = MemoryStore::new();
        let (repo, _) = Repo::open(&store).unwrap();
        let mut ada = person("c-ada", "Ada Lovelace", 100);
        ada.rev = 4;
        ada.organization = "Analytical Engines".into();
        repo.restore_contact(&ada).unwrap();
        repo.restore_contact(&person("c-zed", "Zed Zuse", 50))
            .unwrap();
        let settings = Settings {
            me: Me {
                name: "Sam".into(),
                signature: String::new(),
                ..Me::default()
            },
            talking_points: vec![],
            ..Default::default()
        };
        repo.save_doc("settings", &settings).unwrap();
        let bank = QuestionBank::default();
        repo.save_doc("questions", &bank).unwrap();
        repo.save_doc("deck", &Deck::new(7, &bank)).unwrap();
        repo.save_doc("asked", &AskedLog::default()).unwrap();
        repo.save_doc("templates", &TemplateSet::with_builtins())
            .unwrap();
        store
    }

    /// A message fit for the user: some words, no Rust debug output or serde jargon.
    fn assert_clear(message: &str) {
        assert!(message.len() > 20, "too short: {message:?}");
        assert!(message.len() < 1200, "too long: {message:?}");
        for noise in [
            "Error(",
            "Some(",
            "`",
            "u64",
            "usize",
            "struct ",
            "invalid type",
            "invalid value",
            "missing field",
            "unknown variant",
            "\\\"",
            "sequence",
        ] {
            assert!(!message.contains(noise), "{noise:?} in {message:?}");
        }
        assert!(!message.contains('\n'), "{message:?}");
    }

    /// Parses `bytes` as the app does, expecting a refusal; checks its message and that storage is
    /// unchanged. Returns the message.
    fn refused(bytes: &[u8]) -> String {
        let store = populated();
        let before = store.snapshot();
        let err = parse_backup_bytes(bytes).expect_err("should be refused");
        let message = err.to_string();
        assert_clear(&message);
        // The lossy text path (what a browser's File.text() gives) refuses too.
        let lossy = parse_backup(&String::from_utf8_lossy(bytes));
        assert!(lossy.is_err(), "lossy text accepted: {message}");
        assert_clear(&lossy.unwrap_err().to_string());
        assert_eq!(store.snapshot(), before);
        message
    }

    /// Parses and imports `bytes` into a populated store, expecting success.
    fn accepted(bytes: &[u8]) -> (Backup, ImportReport, MemoryStore) {
        let backup = parse_backup_bytes(bytes).unwrap_or_else(|e| panic!("refused: {e}"));
        let store = populated();
        let (repo, _) = Repo::open(&store).unwrap();
        let report = repo.import_backup(&backup).unwrap();
        let (_, loaded) = Repo::open(&store).unwrap();
        assert!(loaded.quarantined.is_empty(), "{:?}", loaded.quarantined);
        (backup, report, store)
    }

    // --- the file -------------------------------------------------------------------------------

    #[test]
    fn file_name() {
        assert_eq!(
            backup_file_name(day(2026, 11, 28)),
            "weak-ties-backup-2026-11-28.json"
        );
        assert_eq!(
            backup_file_name(day(2027, 1, 5)),
            "weak-ties-backup-2027-01-05.json"
        );
    }

    #[test]
    fn export_is_sorted_pretty_and_parses_back() {
        let store = populated();
        let (repo, _) = Repo::open(&store).unwrap();
        repo.restore_contact(&person("c-bob", "Bob", 10)).unwrap();
        // The backup log stays on this device.
        repo.save_doc("backup", &json!({"last_backup": "2023-11-14T22:00:00Z"}))
            .unwrap();
        let backup = repo.export_backup(t(500)).unwrap();
        let ids: Vec<&str> = backup.contacts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["c-ada", "c-bob", "c-zed"]);
        assert_eq!(
            backup.docs.keys().collect::<Vec<_>>(),
            ["asked", "deck", "questions", "settings", "templates"]
        );
        assert!(backup.left_out.is_empty());
        let text = backup.to_json();
        assert!(text.starts_with("{\n  \"app\": \"weak-ties\",\n  \"schema\": 1,\n"));
        assert!(text.contains("\"exported_at\": \"2023-11-14T22:21:40Z\""));
        assert_eq!(parse_backup(&text).unwrap(), backup);
        // Exporting writes nothing.
        let before = store.snapshot();
        store.set_fail_writes(true);
        repo.export_backup(t(501)).unwrap();
        assert_eq!(store.snapshot(), before);
    }

    #[test]
    fn export_leaves_out_unreadable_records_and_says_so() {
        let store = populated();
        store.set("wt:contact:broken", "{not json").unwrap();
        store.set("wt:doc:preps", "[1,2]").unwrap();
        store.set("other-app:key", "x").unwrap();
        let (repo, _) = Repo::open(&store).unwrap();
        let backup = repo.export_backup(t(1)).unwrap();
        assert_eq!(backup.left_out, ["wt:contact:broken", "wt:doc:preps"]);
        assert_eq!(backup.contacts.len(), 2);
        assert!(!backup.to_json().contains("left_out"));
    }

    // --- the corpus of bad and odd files ----------------------------------------------------------

    fn fixtures_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/backups")
    }

    /// Every refused fixture and a piece of its message.
    const REFUSED: &[(&str, &str)] = &[
        ("reject-empty.json", "This is not a Weak Ties backup: the file is empty."),
        ("reject-whitespace.json", "the file is empty"),
        ("reject-null.json", "the file holds only null"),
        ("reject-array.json", "the file holds a list, not a backup"),
        ("reject-contacts-array.json", "the file holds a list, not a backup"),
        ("reject-string.json", "the file holds only the text 'weak-ties'"),
        ("reject-number.json", "the file holds only the number 42"),
        ("reject-true.json", "the file holds only true"),
        ("reject-truncated.json", "it ends too early, as if it was cut off (line "),
        ("reject-truncated-in-string.json", "it ends too early"),
        ("reject-trailing-garbage.json", "the file is not valid JSON (line "),
        ("reject-single-quotes.json", "the file is not valid JSON (line 1, column 2)"),
        ("reject-trailing-comma.json", "the file is not valid JSON (line 1, column 50)"),
        ("reject-comments.json", "the file is not valid JSON (line 1, column 1)"),
        ("reject-lone-surrogate.json", "the file is not valid JSON (line 8, column 30)"),
        ("reject-raw-newline-in-string.json", "the file is not valid JSON (line 9, column 1)"),
        ("reject-number-too-large.json", "a number is too large (line "),
        ("reject-vcard.vcf", "the file is a vCard"),
        ("reject-contacts.csv", "the file is not valid JSON (line 1, column 2)"),
        ("reject-page.html", "the file is not valid JSON (line 1, column 1)"),
        ("reject-garbage.bin", "the file is not text"),
        ("reject-nul-bytes.json", "the file is not text"),
        ("reject-no-app.json", "it does not say it was made by Weak Ties"),
        ("reject-other-app.json", "made by another program (its \"app\" field is the text 'other-crm')"),
        ("reject-app-number.json", "made by another program (its \"app\" field is the number 1)"),
        ("reject-future-schema.json", "made by a newer version of Weak Ties (schema 99; this version reads up to 1)"),
        ("reject-schema-string.json", "Expected a schema version (1 or more), found the text '1' (schema)."),
        ("reject-schema-zero.json", "found the number 0 (schema)"),
        ("reject-schema-negative.json", "found the number -1 (schema)"),
        ("reject-schema-fraction.json", "found the number 1.5 (schema)"),
        ("reject-schema-missing.json", "The schema version is missing (schema)."),
        ("reject-exported-at-missing.json", "The date of the backup is missing (exported_at)."),
        ("reject-exported-at-invalid.json", "The date of the backup: '28/11/2026' is not a date and time (exported_at)."),
        ("reject-contacts-missing.json", "The list of contacts is missing (contacts)."),
        ("reject-contacts-object.json", "Expected a list of contacts, found a group of fields (contacts)."),
        ("reject-contact-string.json", "Contact 1: expected a contact (a group of fields), found the text 'Ada Lovelace'."),
        ("reject-contact-null.json", "Contact 2: expected a contact (a group of fields), found null."),
        ("reject-duplicate-ids.json", "Contact 3 (Ada Again): its id 'c-ada' is already used by contact 1 (id)."),
        ("reject-blank-id.json", "Contact 1 (Ada Lovelace): its id is blank (id)."),
        ("reject-missing-id.json", "Contact 1 (Ada Lovelace): its id is missing (id)."),
        ("reject-id-number.json", "Contact 1 (Ada Lovelace): expected text, found the number 12 (id)."),
        ("reject-missing-name.json", "Contact 1 (id 'c-ada'): a required field is missing (name)."),
        ("reject-blank-name.json", "Contact 1 (id 'c-ada'): its name is blank (name)."),
        ("reject-name-list.json", "Contact 1 (id 'c-ada'): expected text, found a list (name)."),
        ("reject-met-on-month-13.json", "Contact 2 (Ada Lovelace): '2024-13-01' is not a date (met_on). Nothing was imported."),
        ("reject-interaction-feb-30.json", "Contact 1 (Ada Lovelace): '2024-02-30' is not a date (interactions, item 1, date)."),
        ("reject-interaction-kind.json", "'lunch' is not one of met, chat, call, message, thank_you_sent, note (interactions, item 1, kind)"),
        ("reject-created-at-word.json", "Contact 1 (Ada Lovelace): 'yesterday' is not a date and time (created_at)."),
        ("reject-updated-at-missing.json", "a required field is missing (updated_at)"),
        ("reject-follow-up-no-due.json", "a required field is missing (follow_ups, item 1, due)"),
        ("reject-done-on-bool.json", "expected a date (YYYY-MM-DD), found true (follow_ups, item 1, done_on)"),
        ("reject-negative-rev.json", "expected a whole number (0 or more), found the number -1 (rev)"),
        ("reject-huge-rev.json", "expected a whole number (0 or more), found the number 1e+300 (rev)"),
        ("reject-rev-overflow.json", "expected a whole number (0 or more), found the number 1.8446744073709552e+19 (rev)"),
        ("reject-rev-string.json", "expected a whole number (0 or more), found the text '3' (rev)"),
        ("reject-unknown-tie.json", "'close' is not one of weak, medium, strong (tie)"),
        ("reject-tie-null.json", "expected one of the allowed words, found null (tie)"),
        ("reject-cadence-daily.json", "'daily' is not one of two_weeks, month, quarter, half_year, year (cadence)"),
        ("reject-emails-string.json", "expected a list, found the text 'ada@example.org' (emails)"),
        ("reject-email-number.json", "expected text, found the number 7 (emails, item 2)"),
        ("reject-many-problems.json", "Contact 1 (Ada Lovelace): expected a whole number (0 or more), found the number -1 (rev). 2 more problems were found. Nothing was imported."),
        ("reject-docs-list.json", "Expected the documents as a group of fields, found a list (docs)."),
        ("reject-settings-name-number.json", "The settings: expected text, found the number 5 (me, name)."),
        ("reject-questions-category.json", "The questions: 'colour' is not one of role_and_day, path_and_background, organization, field_and_trends, advice_and_next_steps, people_to_talk_to (own, item 1, category)."),
        ("reject-templates-not-list.json", "The templates: expected a list, found the text 'x' (templates)."),
        ("reject-deck-negative-position.json", "The question deck: expected a whole number (0 or more), found the number -3 (position)."),
        ("reject-asked-number.json", "The questions asked: expected a list, found the number 3 (by_contact, c-ada)."),
        ("reject-preps-list.json", "The chat preparations: expected a group of fields, found a list."),
    ];

    #[test]
    fn every_refused_fixture_gives_its_message_and_changes_nothing() {
        for (file, expected) in REFUSED {
            let bytes = std::fs::read(fixtures_dir().join(file)).unwrap();
            let message = refused(&bytes);
            assert!(
                message.contains(expected),
                "{file}:\n  got      {message}\n  expected {expected}"
            );
        }
    }

    #[test]
    fn the_corpus_is_large_and_every_fixture_is_checked() {
        let mut files: Vec<String> = std::fs::read_dir(fixtures_dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        files.sort();
        let refused: Vec<&str> = REFUSED.iter().map(|(f, _)| *f).collect();
        for file in &files {
            assert!(
                refused.contains(&file.as_str()) || file.starts_with("accept-"),
                "{file} is not checked by any test"
            );
        }
        for file in &refused {
            assert!(files.iter().any(|f| f == file), "{file} is missing");
        }
        assert!(refused.len() >= 30);
    }

    #[test]
    fn every_accepted_fixture_imports() {
        let files: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("accept-")
            })
            .collect();
        assert!(files.len() >= 8);
        for path in files {
            let bytes = std::fs::read(&path).unwrap();
            let (backup, report, _) = accepted(&bytes);
            assert_eq!(
                report.added + report.updated + report.unchanged + report.skipped,
                backup.contacts.len(),
                "{path:?}"
            );
        }
    }

    #[test]
    fn a_byte_order_mark_and_windows_line_ends_are_fine() {
        let plain = std::fs::read(fixtures_dir().join("accept-crlf.json")).unwrap();
        let with_bom = std::fs::read(fixtures_dir().join("accept-bom.json")).unwrap();
        let utf16 = std::fs::read(fixtures_dir().join("accept-utf16le-bom.json")).unwrap();
        let a = parse_backup_bytes(&plain).unwrap();
        assert_eq!(parse_backup_bytes(&with_bom).unwrap(), a);
        assert_eq!(
            parse_backup(&String::from_utf8_lossy(&with_bom)).unwrap(),
            a
        );
        assert_eq!(parse_backup_bytes(&utf16).unwrap(), a);
        assert_eq!(a.contacts.len(), 2);
    }

    #[test]
    fn markup_and_script_are_kept_literally_everywhere() {
        let bytes = std::fs::read(fixtures_dir().join("accept-markup.json")).unwrap();
        let m = r#"<script>alert("x")</script><img src=x onerror=alert(1)>&amp;{{first_name}}"#;
        let store = MemoryStore::new();
        let (repo, _) = Repo::open(&store).unwrap();
        let backup = parse_backup_bytes(&bytes).unwrap();
        let report = repo.import_backup(&backup).unwrap();
        assert_eq!(report.added, 1);
        let c = repo.reload_contact("c-<b>").unwrap().unwrap();
        for field in [
            &c.name,
            &c.role,
            &c.organization,
            &c.emails[0],
            &c.phones[0],
            &c.linkedin,
            &c.links[0],
            &c.where_met,
            &c.how_met,
            &c.tags[0],
            &c.notes,
            &c.interactions[0].summary,
            &c.follow_ups[0].text,
        ] {
            assert_eq!(field, m);
        }
        assert_eq!(c.introduced_by.as_deref(), Some(m));
        let settings: Settings = repo.load_doc("settings").unwrap().unwrap();
        assert_eq!(
            (
                settings.me.name.as_str(),
                settings.talking_points[0].as_str()
            ),
            (m, m)
        );
        let templates: TemplateSet = repo.load_doc("templates").unwrap().unwrap();
        assert_eq!(templates.templates[0].body, m);
        let preps: BTreeMap<String, ChatPrep> = repo.load_doc("preps").unwrap().unwrap();
        assert_eq!(preps[m].questions[0].answer, m);
        // And back out, unchanged.
        let again = parse_backup(&repo.export_backup(t(1)).unwrap().to_json()).unwrap();
        assert_eq!(again.contacts, backup.contacts);
    }

    #[test]
    fn right_to_left_text_and_emoji_are_fine() {
        let bytes = std::fs::read(fixtures_dir().join("accept-rtl-emoji.json")).unwrap();
        let (_, report, store) = accepted(&bytes);
        assert_eq!(report.added, 4);
        let (repo, _) = Repo::open(&store).unwrap();
        assert_eq!(
            repo.reload_contact("c-layla").unwrap().unwrap().name,
            "ليلى عبد الله"
        );
        assert_eq!(
            repo.reload_contact("c-emoji").unwrap().unwrap().name,
            "👩🏽‍🔬 Ada 🇬🇧"
        );
        assert_eq!(
            repo.reload_contact("c-override").unwrap().unwrap().name,
            "\u{202e}evil\u{202c} Name"
        );
    }

    #[test]
    fn names_in_messages_are_shortened_and_cannot_reorder_them() {
        let long = "n".repeat(100_000);
        let text = json!({"app": "weak-ties", "schema": 1, "exported_at": "2026-11-28T09:30:00Z",
            "contacts": [{"id": "x", "name": format!("\u{202e}{long}"), "met_on": "2024-13-01",
                "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z"}]})
        .to_string();
        let message = refused(text.as_bytes());
        assert!(message.starts_with("Contact 1 ( nnnn"), "{message}");
        assert!(
            message.contains("nnn…): '2024-13-01' is not a date (met_on)"),
            "{message}"
        );
        assert!(!message.contains('\u{202e}'));
    }

    #[test]
    fn unknown_documents_are_skipped_and_counted() {
        let bytes = std::fs::read(fixtures_dir().join("accept-unknown-doc.json")).unwrap();
        let (backup, report, store) = accepted(&bytes);
        assert!(backup.docs.contains_key("reminders"));
        assert_eq!(report.docs_unknown, ["reminders"]);
        assert!(!store.snapshot().contains_key("wt:doc:reminders"));
        assert!(report.to_string().ends_with("; 1 unknown document skipped"));
    }

    // --- generated hostile inputs -----------------------------------------------------------------

    fn valid_text(contacts: Vec<Value>) -> String {
        json!({"app": "weak-ties", "schema": 1, "exported_at": "2026-11-28T09:30:00Z",
            "contacts": contacts, "docs": {}})
        .to_string()
    }

    fn contact_json(id: &str, name: &str) -> Value {
        json!({"id": id, "name": name, "created_at": "2024-01-01T00:00:00Z",
            "updated_at": "2024-01-01T00:00:00Z", "rev": 1})
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_parsing() {
        // Not JSON at all, and nested deeper than any parser allows: only the size is looked at.
        let huge = "[".repeat(MAX_BACKUP_BYTES + 1);
        for err in [
            parse_backup(&huge).unwrap_err(),
            parse_backup_bytes(huge.as_bytes()).unwrap_err(),
        ] {
            assert_eq!(
                err,
                ImportError::TooLarge {
                    bytes: MAX_BACKUP_BYTES + 1
                }
            );
            let message = err.to_string();
            assert_clear(&message);
            assert!(
                message.contains("too large")
                    && message.contains("(20.0 MB; a backup is at most 20 MB)"),
                "{message}"
            );
        }
    }

    #[test]
    fn a_10_mb_backup_is_read_and_a_full_storage_refuses_it_whole() {
        let notes = "a".repeat(500_000);
        let contacts: Vec<Value> = (0..20)
            .map(|i| {
                let mut c = contact_json(&format!("big-{i:02}"), &format!("Big {i}"));
                c["notes"] = json!(notes);
                c
            })
            .collect();
        let text = valid_text(contacts);
        assert!(text.len() > 10_000_000);
        let backup = parse_backup(&text).unwrap();
        assert_eq!(backup.contacts.len(), 20);

        // With room for a few kilobytes more (records are stored compressed, and these repetitive
        // notes compress well), the import cannot fit, and nothing of it stays.
        let store = populated();
        store.set_quota(Some(store.used() + 2_000));
        let before = store.snapshot();
        let (repo, _) = Repo::open(&store).unwrap();
        let err = repo.import_backup(&backup).unwrap_err();
        assert_eq!(
            err,
            ImportError::NotSaved(SaveError::Store(StoreError::Full))
        );
        assert_clear(&err.to_string());
        assert!(err.to_string().contains("your data is as it was"));
        assert_eq!(store.snapshot(), before);
    }

    #[test]
    fn ten_megabytes_of_garbage_are_not_text() {
        let mut seed = 12345u64;
        let bytes: Vec<u8> = (0..10_000_000)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (seed >> 56) as u8
            })
            .collect();
        let message = refused(&bytes);
        assert!(message.contains("the file is not text"), "{message}");
    }

    #[test]
    fn a_100000_character_line() {
        // Of garbage: refused.
        let message = refused("a".repeat(100_000).as_bytes());
        assert!(
            message.contains("not valid JSON (line 1, column 1)"),
            "{message}"
        );
        // In a field: fine, kept whole.
        let mut c = contact_json("long", &"L".repeat(100_000));
        c["notes"] = json!("x".repeat(100_000));
        let text = valid_text(vec![c]);
        assert!(!text.contains('\n'));
        let (backup, report, _) = accepted(text.as_bytes());
        assert_eq!(report.added, 1);
        assert_eq!(backup.contacts[0].name.len(), 100_000);
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        for text in [
            "[".repeat(100_000),
            "{\"a\":".repeat(100_000),
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        ] {
            let message = refused(text.as_bytes());
            assert!(message.contains("nested too deeply"), "{message}");
        }
        // Inside a contact.
        let mut c = contact_json("deep", "Deep");
        let text = valid_text(vec![c.clone()]).replace(
            "\"rev\":1",
            &format!(
                "\"rev\":1,\"notes\":{}1{}",
                "[".repeat(5000),
                "]".repeat(5000)
            ),
        );
        assert!(refused(text.as_bytes()).contains("nested too deeply"));
        // Moderately deep (under the limit) in a field of the wrong type: a clear message.
        let mut deep = json!("x");
        for _ in 0..100 {
            deep = json!([deep]);
        }
        c["notes"] = deep;
        let message = refused(valid_text(vec![c]).as_bytes());
        assert!(
            message.contains("Contact 1 (Deep): expected text, found a list (notes)."),
            "{message}"
        );
    }

    #[test]
    fn many_problems_are_counted_and_the_first_ones_kept() {
        let contacts: Vec<Value> = (0..5000)
            .map(|i| {
                let mut c = contact_json(&format!("c{i}"), &format!("Person {i}"));
                c["met_on"] = json!("2024-02-31");
                c
            })
            .collect();
        let err = parse_backup(&valid_text(contacts)).unwrap_err();
        assert_eq!(err.problems().len(), 100);
        assert_eq!(
            err.problems()[1],
            "contact 2 (Person 1): '2024-02-31' is not a date (met_on)"
        );
        let message = err.to_string();
        assert_clear(&message);
        assert!(
            message.ends_with("(met_on). 4999 more problems were found. Nothing was imported."),
            "{message}"
        );
    }

    #[test]
    fn a_bad_record_anywhere_means_nothing_is_written() {
        let mut contacts: Vec<Value> = (0..50)
            .map(|i| contact_json(&format!("ok-{i}"), "Fine"))
            .collect();
        let mut bad = contact_json("bad", "Last One");
        bad["follow_ups"] = json!([{"id": "f", "kind": "thank_you", "due": "2024-04-31"}]);
        contacts.push(bad);
        let message = refused(valid_text(contacts).as_bytes());
        assert!(
            message.contains(
                "Contact 51 (Last One): '2024-04-31' is not a date (follow_ups, item 1, due)."
            ),
            "{message}"
        );
    }

    #[test]
    fn a_newer_schema_is_refused_with_advice() {
        let text = valid_text(vec![]).replace("\"schema\":1", "\"schema\":2");
        let err = parse_backup(&text).unwrap_err();
        assert_eq!(err, ImportError::NewerSchema { found: 2 });
        assert!(err.to_string().contains("newer version of Weak Ties"));
        assert!(err.to_string().contains("Reload the page"));
        // Even a version too large for the counter.
        let text = valid_text(vec![]).replace("\"schema\":1", "\"schema\":99999999999");
        assert!(refused(text.as_bytes()).contains("found the number 99999999999 (schema)"));
    }

    // --- older schemas go through the migrations ----------------------------------------------------

    /// A test history: v1 contacts had `full_name`, v2 `company`; v1 settings had `my_name`.
    fn v1_to_v2(key: &str, mut record: Value) -> Result<Value, String> {
        if key.starts_with(CONTACT_PREFIX) {
            let map = record.as_object_mut().ok_or("not an object")?;
            let name = map.remove("full_name").ok_or("it has no full_name")?;
            if !name.is_string() {
                return Err("its full_name is not text".into());
            }
            map.insert("name".into(), name);
        } else if key == "wt:doc:settings" {
            let map = record.as_object_mut().ok_or("not an object")?;
            let name = map.remove("my_name").unwrap_or(json!(""));
            map.insert("me".into(), json!({"name": name}));
        }
        Ok(record)
    }

    fn v2_to_v3(key: &str, mut record: Value) -> Result<Value, String> {
        if key.starts_with(CONTACT_PREFIX) {
            let map = record.as_object_mut().ok_or("not an object")?;
            if let Some(company) = map.remove("company") {
                map.insert("organization".into(), company);
            }
        }
        Ok(record)
    }

    const TEST_MIGRATIONS: &[Migration] = &[
        Migration {
            from: 1,
            upgrade: v1_to_v2,
        },
        Migration {
            from: 2,
            upgrade: v2_to_v3,
        },
    ];

    fn old_backup(schema: u32, contact: Value, settings: Value) -> String {
        json!({"app": "weak-ties", "schema": schema, "exported_at": "2020-01-01T00:00:00Z",
            "contacts": [contact], "docs": {"settings": settings, "deck": {}}})
        .to_string()
    }

    #[test]
    fn an_older_backup_is_upgraded_through_the_migrations() {
        let v1 = old_backup(
            1,
            json!({"id": "a", "full_name": "Ada", "company": "Engines", "created_at": "2020-01-01T00:00:00Z",
                "updated_at": "2020-01-01T00:00:00Z"}),
            json!({"my_name": "Sam"}),
        );
        let backup = parse_backup_with(&v1, TEST_MIGRATIONS, 3).unwrap();
        assert_eq!(backup.schema, 3);
        let c = &backup.contacts[0];
        assert_eq!(
            (c.name.as_str(), c.organization.as_str()),
            ("Ada", "Engines")
        );
        assert_eq!(backup.docs["settings"], json!({"me": {"name": "Sam"}}));

        // From v2, only the second step runs.
        let v2 = old_backup(
            2,
            json!({"id": "a", "name": "Ada", "company": "Engines", "created_at": "2020-01-01T00:00:00Z",
                "updated_at": "2020-01-01T00:00:00Z", "schema": 2}),
            json!({"me": {"name": "Sam"}}),
        );
        let b2 = parse_backup_with(&v2, TEST_MIGRATIONS, 3).unwrap();
        assert_eq!(b2.contacts, backup.contacts);

        // It then imports like any other.
        let store = MemoryStore::new();
        let (repo, _) = Repo::open(&store).unwrap();
        let report = repo.import_backup(&backup).unwrap();
        assert_eq!((report.added, report.docs_changed.len()), (1, 2));
        assert_eq!(
            repo.reload_contact("a").unwrap().unwrap().organization,
            "Engines"
        );
    }

    #[test]
    fn a_record_that_cannot_be_upgraded_is_a_clear_problem() {
        let v1 = old_backup(
            1,
            json!({"id": "a", "full_name": 7, "created_at": "2020-01-01T00:00:00Z",
                "updated_at": "2020-01-01T00:00:00Z"}),
            json!({}),
        );
        let err = parse_backup_with(&v1, TEST_MIGRATIONS, 3).unwrap_err();
        assert_eq!(
            err.problems(),
            [
                "contact 1 (id 'a'): it cannot be brought up to date: upgrading it from version 1 \
              failed: its full_name is not text"
            ]
        );
        assert_clear(&err.to_string());
        // A backup newer than the test schema.
        let v4 = old_backup(4, json!({}), json!({}));
        assert_eq!(
            parse_backup_with(&v4, TEST_MIGRATIONS, 3).unwrap_err(),
            ImportError::NewerSchema { found: 4 }
        );
    }

    // --- merging ------------------------------------------------------------------------------------

    #[test]
    fn merge_by_id_counts_and_keeps_everything_else() {
        let store = populated();
        let (repo, _) = Repo::open(&store).unwrap();
        // Stored: ada (updated at 100, rev 4), zed (50), plus:
        repo.restore_contact(&person("c-same", "Same", 10)).unwrap();
        repo.restore_contact(&person("c-mine-newer", "Mine, newer", 300))
            .unwrap();
        let stored_ada = repo.reload_contact("c-ada").unwrap().unwrap();

        let mut newer_ada = stored_ada.clone();
        newer_ada.notes = "From the backup".into();
        newer_ada.updated_at = t(200);
        newer_ada.rev = 2; // a different history: its revision does not matter
        let mut same = person("c-same", "Same", 10);
        same.rev = 9;
        let mut older = person("c-mine-newer", "Theirs, older", 250);
        older.rev = 1;
        let backup = Backup {
            app: APP.into(),
            schema: CURRENT_SCHEMA,
            exported_at: t(1000),
            contacts: vec![newer_ada.clone(), person("c-new", "New", 5), older, same],
            docs: BTreeMap::new(),
            left_out: vec![],
        };
        let preview = repo.preview_import(&backup).unwrap();
        let before = store.snapshot();
        let report = repo.import_backup(&backup).unwrap();
        assert_eq!(preview, report);
        assert_eq!(
            (
                report.added,
                report.updated,
                report.unchanged,
                report.skipped
            ),
            (1, 1, 1, 1)
        );
        assert_eq!(
            report.to_string(),
            "1 added, 1 updated, 1 unchanged, 1 skipped (older than yours)"
        );
        assert!(report.changed_anything());

        // Updated: the backup's data, written after the stored revision, its own updated_at kept.
        let ada = repo.reload_contact("c-ada").unwrap().unwrap();
        assert_eq!(
            ada,
            Contact {
                rev: 5,
                ..newer_ada
            }
        );
        assert_eq!(repo.reload_contact("c-new").unwrap().unwrap().name, "New");
        assert_eq!(
            repo.reload_contact("c-mine-newer").unwrap().unwrap().name,
            "Mine, newer"
        );
        assert_eq!(repo.reload_contact("c-same").unwrap().unwrap().rev, 0);
        // Not in the backup: untouched. Only the added and the updated contact were written.
        let after = store.snapshot();
        let changed: Vec<&String> = after
            .keys()
            .filter(|k| before.get(*k) != after.get(*k))
            .collect();
        assert_eq!(changed, ["wt:contact:c-ada", "wt:contact:c-new"]);

        // The same again: nothing left to do.
        let again = repo.import_backup(&backup).unwrap();
        assert_eq!(
            (again.added, again.updated, again.unchanged, again.skipped),
            (0, 0, 3, 1)
        );
        assert!(!again.changed_anything());
        assert_eq!(store.snapshot(), after);
    }

    #[test]
    fn an_unreadable_stored_record_is_not_overwritten() {
        let store = populated();
        store.set("wt:contact:c-bad", "{broken").unwrap();
        store
            .set("wt:doc:settings", "{\"schema\":1,\"doc\":{\"me\":3}}")
            .unwrap();
        let (repo, _) = Repo::open(&store).unwrap();
        let before = store.snapshot();
        let backup = Backup {
            app: APP.into(),
            schema: CURRENT_SCHEMA,
            exported_at: t(0),
            contacts: vec![person("c-bad", "Bad", 1)],
            docs: BTreeMap::from([("settings".to_string(), json!({"me": {"name": "X"}}))]),
            left_out: vec![],
        };
        let report = repo.import_backup(&backup).unwrap();
        assert_eq!(
            report.kept_unreadable,
            ["wt:contact:c-bad", "wt:doc:settings"]
        );
        assert_eq!(
            report.added + report.updated + report.unchanged + report.skipped,
            0
        );
        assert_eq!(store.snapshot(), before);
        assert!(report
            .to_string()
            .ends_with("; 2 unreadable records left as they were"));
    }

    #[test]
    fn a_typed_backup_is_checked_too() {
        let store = populated();
        let (repo, _) = Repo::open(&store).unwrap();
        let before = store.snapshot();
        let backup = Backup {
            app: APP.into(),
            schema: CURRENT_SCHEMA,
            exported_at: t(0),
            contacts: vec![
                person("x", "X", 1),
                person("x", "Y", 1),
                person(" ", "Z", 1),
                person("w", "", 1),
            ],
            docs: BTreeMap::from([("deck".to_string(), json!({"seed": "seven"}))]),
            left_out: vec![],
        };
        let err = repo.import_backup(&backup).unwrap_err();
        assert_eq!(
            err.problems(),
            [
                "contact 2 (Y): its id 'x' is already used by contact 1 (id)",
                "contact 3 (Z): its id is blank (id)",
                "contact 4 (id 'w'): its name is blank (name)",
            ]
        );
        let backup = Backup {
            contacts: vec![],
            ..backup
        };
        let err = repo.import_backup(&backup).unwrap_err();
        assert_eq!(
            err.to_string(),
            "The question deck: expected a whole number (0 or more), found the text 'seven' \
             (seed). Nothing was imported."
        );
        assert_eq!(store.snapshot(), before);
    }

    fn question(id: &str, text: &str) -> Question {
        Question {
            id: id.into(),
            text: text.into(),
            category: Category::Organization,
            builtin: false,
        }
    }

    #[test]
    fn documents_merge_by_their_rules() {
        let store = MemoryStore::new();
        let (repo, _) = Repo::open(&store).unwrap();
        let mine_settings = Settings {
            me: Me {
                name: "Sam".into(),
                signature: String::new(),
                ..Me::default()
            },
            talking_points: vec![],
            ..Default::default()
        };
        repo.save_doc("settings", &mine_settings).unwrap();
        let mut mine_bank = QuestionBank::default();
        mine_bank.own.push(question("q1", "Mine"));
        mine_bank.hidden.insert("b01".into());
        mine_bank.favourites.insert("q1".into());
        repo.save_doc("questions", &mine_bank).unwrap();
        let mine_deck = Deck::new(1, &mine_bank);
        repo.save_doc("deck", &mine_deck).unwrap();
        let mut mine_asked = AskedLog::default();
        mine_asked.record("c1", ["b02".to_string()]);
        repo.save_doc("asked", &mine_asked).unwrap();
        let mine_templates = TemplateSet::with_builtins();
        repo.save_doc("templates", &mine_templates).unwrap();
        let mine_prep = ChatPrep {
            contact_id: "c1".into(),
            ..ChatPrep::default()
        };
        repo.save_doc(
            "preps",
            &BTreeMap::from([("c1".to_string(), mine_prep.clone())]),
        )
        .unwrap();

        let mut theirs_bank = QuestionBank::default();
        theirs_bank.own.push(question("q1", "Theirs, same id"));
        theirs_bank.own.push(question("q2", "Theirs"));
        theirs_bank
            .own
            .push(question("b03", "Pretends to be a built-in"));
        theirs_bank.hidden.insert("b04".into());
        theirs_bank.favourites.insert("q2".into());
        let mut theirs_asked = AskedLog::default();
        theirs_asked.record("c1", ["b05".to_string()]);
        theirs_asked.record("c2", ["b06".to_string()]);
        theirs_asked.by_contact.insert("c3".into(), BTreeSet::new());
        let mut theirs_templates = TemplateSet::with_builtins();
        theirs_templates.templates[0].body = "Edited elsewhere".into();
        theirs_templates
            .templates
            .push(Template::new("Theirs", "S", "B"));
        let theirs_prep = |id: &str| ChatPrep {
            contact_id: id.into(),
            questions: vec![PrepQuestion {
                id: "b01".into(),
                text: "Q".into(),
                asked: true,
                answer: "A".into(),
            }],
            talking_points: vec![],
        };
        let docs = BTreeMap::from([
            (
                "settings".to_string(),
                json!({"me": {"name": "Other", "signature": "Sig"}, "talking_points": ["Theirs"]}),
            ),
            (
                "questions".to_string(),
                serde_json::to_value(&theirs_bank).unwrap(),
            ),
            (
                "deck".to_string(),
                serde_json::to_value(Deck::new(99, &theirs_bank)).unwrap(),
            ),
            (
                "asked".to_string(),
                serde_json::to_value(&theirs_asked).unwrap(),
            ),
            (
                "templates".to_string(),
                serde_json::to_value(&theirs_templates).unwrap(),
            ),
            (
                "preps".to_string(),
                json!({"c1": theirs_prep("c1"), "c2": theirs_prep("c2")}),
            ),
            ("someday".to_string(), json!({"x": 1})),
        ]);
        let backup = Backup {
            app: APP.into(),
            schema: CURRENT_SCHEMA,
            exported_at: t(0),
            contacts: vec![],
            docs,
            left_out: vec![],
        };
        let report = repo.import_backup(&backup).unwrap();
        assert_eq!(
            report.docs_changed,
            ["asked", "preps", "questions", "settings", "templates"]
        );
        assert_eq!(report.docs_unchanged, ["deck"]);
        assert_eq!(report.docs_unknown, ["someday"]);
        assert_eq!(
            report.to_string(),
            "0 added, 0 updated, 0 unchanged, 0 skipped; merged: questions asked, chat \
             preparations, questions, settings, templates; 1 unknown document skipped"
        );

        // Settings: only the empty fields are filled.
        let settings: Settings = repo.load_doc("settings").unwrap().unwrap();
        assert_eq!(
            settings.me,
            Me {
                name: "Sam".into(),
                signature: "Sig".into(),
                ..Me::default()
            }
        );
        assert_eq!(settings.talking_points, ["Theirs"]);
        // Questions: new ids added (not a built-in id, not one we have); sets united.
        let bank: QuestionBank = repo.load_doc("questions").unwrap().unwrap();
        assert_eq!(bank.own, [question("q1", "Mine"), question("q2", "Theirs")]);
        assert_eq!(
            bank.hidden,
            BTreeSet::from(["b01".to_string(), "b04".to_string()])
        );
        assert_eq!(
            bank.favourites,
            BTreeSet::from(["q1".to_string(), "q2".to_string()])
        );
        // The deck: ours.
        assert_eq!(repo.load_doc::<Deck>("deck").unwrap().unwrap(), mine_deck);
        // Asked: united per contact, no empty entries.
        let asked: AskedLog = repo.load_doc("asked").unwrap().unwrap();
        assert_eq!(asked.asked_ids("c1").len(), 2);
        assert!(asked.was_asked("c2", "b06"));
        assert!(!asked.by_contact.contains_key("c3"));
        // Templates: the new one added at the end; ours kept as it is.
        let templates: TemplateSet = repo.load_doc("templates").unwrap().unwrap();
        assert_eq!(
            templates.templates.len(),
            mine_templates.templates.len() + 1
        );
        assert_eq!(templates.templates[0], mine_templates.templates[0]);
        assert_eq!(templates.templates.last().unwrap().name, "Theirs");
        assert_eq!(templates.rev, 1);
        // Preps: ours kept, theirs added for the contact without one.
        let preps: BTreeMap<String, ChatPrep> = repo.load_doc("preps").unwrap().unwrap();
        assert_eq!(preps["c1"], mine_prep);
        assert_eq!(preps["c2"], theirs_prep("c2"));

        // Importing again changes nothing more.
        let before = store.snapshot();
        let again = repo.import_backup(&backup).unwrap();
        assert!(again.docs_changed.is_empty(), "{again:?}");
        assert_eq!(store.snapshot(), before);
    }

    // --- all or nothing -------------------------------------------------------------------------------

    /// A backup that touches several keys of [`populated`]: one update, three additions, and
    /// merged documents.
    fn busy_backup() -> Backup {
        let mut ada = person("c-ada", "Ada Lovelace", 999);
        ada.notes = "newer".into();
        Backup {
            app: APP.into(),
            schema: CURRENT_SCHEMA,
            exported_at: t(1000),
            contacts: vec![
                ada,
                person("n1", "New 1", 1),
                person("n2", "New 2", 1),
                person("n3", "New 3", 1),
            ],
            docs: BTreeMap::from([
                ("settings".to_string(), json!({"me": {"signature": "Sig"}})),
                ("preps".to_string(), json!({"n1": {"contact_id": "n1"}})),
            ]),
            left_out: vec![],
        }
    }

    #[test]
    fn a_full_storage_midway_leaves_storage_byte_identical() {
        // How much room the whole import needs, measured on a copy.
        let copy = populated();
        let (repo, _) = Repo::open(&copy).unwrap();
        repo.import_backup(&busy_backup()).unwrap();
        let needed = copy.used();

        let store = populated();
        let before = store.snapshot();
        for quota in (store.used()..needed).step_by(7) {
            store.set_quota(Some(quota));
            let (repo, _) = Repo::open(&store).unwrap();
            let err = repo.import_backup(&busy_backup()).unwrap_err();
            assert_eq!(
                err,
                ImportError::NotSaved(SaveError::Store(StoreError::Full))
            );
            assert_eq!(store.snapshot(), before, "quota {quota}");
        }
        store.set_quota(Some(needed));
        let (repo, _) = Repo::open(&store).unwrap();
        repo.import_backup(&busy_backup()).unwrap();
        assert_eq!(store.snapshot(), copy.snapshot());
    }

    #[test]
    fn refused_writes_leave_storage_identical() {
        let store = populated();
        let (repo, _) = Repo::open(&store).unwrap();
        let before = store.snapshot();
        store.set_fail_writes(true);
        let err = repo.import_backup(&busy_backup()).unwrap_err();
        assert!(matches!(
            err,
            ImportError::NotSaved(SaveError::Store(StoreError::Unavailable(_)))
        ));
        assert_clear(&err.to_string());
        assert_eq!(store.snapshot(), before);
    }

    /// A store whose `n`th write (counting from 0) fails, and every write after it while `sticky`.
    struct Flaky {
        inner: MemoryStore,
        fail_at: usize,
        writes: Cell<usize>,
        sticky: bool,
    }

    impl Flaky {
        fn tick(&self) -> Result<(), StoreError> {
            let n = self.writes.get();
            self.writes.set(n + 1);
            if n == self.fail_at || (self.sticky && n > self.fail_at) {
                Err(StoreError::Full)
            } else {
                Ok(())
            }
        }
    }

    impl KeyValue for Flaky {
        fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
            self.inner.get(key)
        }
        fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
            self.tick()?;
            self.inner.set(key, value)
        }
        fn remove(&self, key: &str) -> Result<(), StoreError> {
            self.tick()?;
            self.inner.remove(key)
        }
        fn keys(&self) -> Result<Vec<String>, StoreError> {
            self.inner.keys()
        }
    }

    #[test]
    fn a_failure_at_any_write_is_undone() {
        let expected_writes = 6; // 4 contacts, settings, preps
        for fail_at in 0..expected_writes {
            let flaky = Flaky {
                inner: populated(),
                fail_at,
                writes: Cell::new(0),
                sticky: false,
            };
            let (repo, _) = Repo::open(&flaky).unwrap();
            let before = flaky.inner.snapshot();
            let err = repo.import_backup(&busy_backup()).unwrap_err();
            assert_eq!(
                err,
                ImportError::NotSaved(SaveError::Store(StoreError::Full))
            );
            assert_eq!(flaky.inner.snapshot(), before, "failing write {fail_at}");
            // The failing write plus the undo of each one made before it.
            assert_eq!(flaky.writes.get(), 2 * fail_at + 1);
        }
        let flaky = Flaky {
            inner: populated(),
            fail_at: expected_writes,
            writes: Cell::new(0),
            sticky: false,
        };
        let (repo, _) = Repo::open(&flaky).unwrap();
        repo.import_backup(&busy_backup()).unwrap();
        assert_eq!(flaky.writes.get(), expected_writes);
    }

    #[test]
    fn when_undoing_fails_too_the_message_says_so() {
        let flaky = Flaky {
            inner: populated(),
            fail_at: 2,
            writes: Cell::new(0),
            sticky: true,
        };
        let (repo, _) = Repo::open(&flaky).unwrap();
        let err = repo.import_backup(&busy_backup()).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("half-written"), "{message}");
    }

    /// A store where "another tab" rewrites `victim` right after the first write of a batch.
    struct Meddling {
        inner: MemoryStore,
        victim: &'static str,
        done: Cell<bool>,
    }

    impl KeyValue for Meddling {
        fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
            self.inner.get(key)
        }
        fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
            self.inner.set(key, value)?;
            if !self.done.replace(true) {
                let (other_tab, _) = Repo::open(&self.inner).unwrap();
                let mut c = other_tab
                    .reload_contact(self.victim)
                    .unwrap()
                    .unwrap_or_else(|| person(self.victim, "Other tab", 1));
                c.notes = "edited in another tab".into();
                other_tab.save_contact(&c, t(5000)).unwrap();
            }
            Ok(())
        }
        fn remove(&self, key: &str) -> Result<(), StoreError> {
            self.inner.remove(key)
        }
        fn keys(&self) -> Result<Vec<String>, StoreError> {
            self.inner.keys()
        }
    }

    #[test]
    fn a_change_from_another_tab_midway_is_a_conflict_and_nothing_of_the_import_stays() {
        // The batch writes c-ada first, then n1: the other tab creates n1 in between.
        let meddling = Meddling {
            inner: populated(),
            victim: "n1",
            done: Cell::new(false),
        };
        let (repo, _) = Repo::open(&meddling).unwrap();
        let before = meddling.inner.snapshot();
        let err = repo.import_backup(&busy_backup()).unwrap_err();
        assert!(
            matches!(&err, ImportError::NotSaved(SaveError::Conflict { current: Some(c) }) if c.id == "n1")
        );
        assert!(err.to_string().contains("another tab"));
        let after = meddling.inner.snapshot();
        let changed: Vec<&String> = after
            .keys()
            .filter(|k| before.get(*k) != after.get(*k))
            .collect();
        assert_eq!(changed, ["wt:contact:n1"]);
        assert!(crate::codec::unpack(&after["wt:contact:n1"])
            .unwrap()
            .contains("edited in another tab"));
    }

    #[test]
    fn write_batch_sets_and_removes_all_or_nothing() {
        let store = MemoryStore::new();
        let (repo, _) = Repo::open(&store).unwrap();
        store.set("wt:a", "1").unwrap();
        store.set("wt:b", "2").unwrap();
        let before = store.snapshot();
        let writes = vec![
            ("wt:a".to_string(), None),
            ("wt:b".to_string(), Some("22".to_string())),
            ("wt:c".to_string(), Some("3".to_string())),
            ("wt:b".to_string(), Some("222".to_string())),
        ];
        // The batch ends 2 characters larger (-"wt:a1", +"22"..."222", +"wt:c3"): one short.
        store.set_quota(Some(store.used() + 1));
        assert_eq!(
            repo.write_batch(&writes),
            Err(SaveError::Store(StoreError::Full))
        );
        assert_eq!(store.snapshot(), before);
        store.set_quota(None);
        repo.write_batch(&writes).unwrap();
        assert_eq!(store.get("wt:a").unwrap(), None);
        assert_eq!(store.get("wt:b").unwrap().as_deref(), Some("222"));
        assert_eq!(store.get("wt:c").unwrap().as_deref(), Some("3"));

        // Checked: a key that no longer holds what was planned refuses the whole batch.
        let before = store.snapshot();
        let checked = [
            BatchWrite {
                key: "wt:a".into(),
                expected: None,
                value: Some("new".into()),
            },
            BatchWrite {
                key: "wt:c".into(),
                expected: Some("other".into()),
                value: None,
            },
        ];
        assert_eq!(
            repo.write_batch_checked(&checked),
            Err(SaveError::Conflict { current: None })
        );
        assert_eq!(store.snapshot(), before);

        // A storage upgraded by a newer tab refuses before writing.
        store
            .set(crate::store::META_KEY, "{\"schema\":99}")
            .unwrap();
        let before = store.snapshot();
        assert_eq!(
            repo.write_batch(&writes),
            Err(SaveError::Outdated { found: 99 })
        );
        assert_eq!(store.snapshot(), before);
    }

    // --- properties -----------------------------------------------------------------------------------

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z ]{0,10}",
            "\\PC{0,8}",
            Just("<script>alert(1)</script>".to_string()),
            Just("ليلى 👩🏽‍🔬 \"quotes\" \\ back\nslash".to_string()),
        ]
    }

    fn name() -> impl Strategy<Value = String> {
        text().prop_filter("a name is not blank", |s| !s.trim().is_empty())
    }

    fn date() -> impl Strategy<Value = NaiveDate> {
        (2000i32..2035, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| day(y, m, d))
    }

    fn instant() -> impl Strategy<Value = DateTime<Utc>> {
        (1_500_000_000i64..1_900_000_000, 0u32..1_000_000_000)
            .prop_map(|(s, ns)| DateTime::from_timestamp(s, ns).unwrap())
    }

    fn contact(id: String) -> impl Strategy<Value = Contact> {
        let who = (
            name(),
            text(),
            text(),
            prop::collection::vec(text(), 0..3),
            prop::collection::vec(text(), 0..2),
            text(),
        );
        let met = (
            text(),
            prop::option::of(date()),
            text(),
            prop::option::of(text()),
            0..3usize,
            prop::collection::vec(text(), 0..3),
        );
        let interaction =
            (text(), date(), 0..6usize, text()).prop_map(|(id, date, k, summary)| Interaction {
                id,
                date,
                kind: [
                    InteractionKind::Met,
                    InteractionKind::Chat,
                    InteractionKind::Call,
                    InteractionKind::Message,
                    InteractionKind::ThankYouSent,
                    InteractionKind::Note,
                ][k],
                summary,
            });
        let follow_up = (text(), 0..5usize, text(), date(), prop::option::of(date())).prop_map(
            |(id, k, text, due, done_on)| FollowUp {
                id,
                kind: [
                    FollowUpKind::ThankYou,
                    FollowUpKind::CheckIn,
                    FollowUpKind::Introduction,
                    FollowUpKind::SendSomething,
                    FollowUpKind::Other,
                ][k],
                text,
                due,
                done_on,
            },
        );
        let rest = (
            text(),
            prop::option::of(0..5usize),
            prop::collection::vec(interaction, 0..3),
            prop::collection::vec(follow_up, 0..3),
            instant(),
            instant(),
            0u64..1000,
        );
        (who, met, rest).prop_map(move |(who, met, rest)| Contact {
            id: id.clone(),
            name: who.0,
            role: who.1,
            organization: who.2,
            emails: who.3,
            phones: who.4,
            linkedin: who.5,
            links: vec![],
            where_met: met.0,
            met_on: met.1,
            how_met: met.2,
            introduced_by: met.3,
            tie: [TieStrength::Weak, TieStrength::Medium, TieStrength::Strong][met.4],
            tags: met.5,
            notes: rest.0,
            research: String::new(),
            cadence: rest.1.map(|k| {
                [
                    crate::model::Cadence::TwoWeeks,
                    crate::model::Cadence::Month,
                    crate::model::Cadence::Quarter,
                    crate::model::Cadence::HalfYear,
                    crate::model::Cadence::Year,
                ][k]
            }),
            interactions: rest.2,
            follow_ups: rest.3,
            created_at: rest.4,
            updated_at: rest.5,
            rev: rest.6,
        })
    }

    fn contacts() -> impl Strategy<Value = Vec<Contact>> {
        prop::collection::btree_set("[a-z0-9-]{1,8}|\\PC{1,4}", 0..6)
            .prop_filter("ids are not blank", |ids| {
                ids.iter().all(|id| !id.trim().is_empty())
            })
            .prop_flat_map(|ids| ids.into_iter().map(contact).collect::<Vec<_>>())
    }

    /// The documents the app keeps, each present or not.
    #[derive(Clone, Debug)]
    struct Docs {
        settings: Option<Settings>,
        bank: Option<QuestionBank>,
        deck_seed: Option<u64>,
        asked: Option<AskedLog>,
        templates: Option<TemplateSet>,
        preps: Option<BTreeMap<String, ChatPrep>>,
    }

    fn docs() -> impl Strategy<Value = Docs> {
        let settings =
            (text(), text(), prop::collection::vec(text(), 0..3)).prop_map(|(n, s, tp)| Settings {
                me: Me {
                    name: n,
                    signature: s,
                    ..Me::default()
                },
                talking_points: tp,
                ..Default::default()
            });
        let bank = (
            prop::collection::vec((text(), 0..6usize), 0..4),
            prop::collection::vec(0..26usize, 0..4),
            prop::collection::vec(0..26usize, 0..4),
        )
            .prop_map(|(own, hidden, fav)| QuestionBank {
                own: own
                    .into_iter()
                    .enumerate()
                    .map(|(i, (text, c))| Question {
                        id: format!("own-{i}"),
                        text,
                        category: Category::ALL[c],
                        builtin: false,
                    })
                    .collect(),
                hidden: hidden
                    .into_iter()
                    .map(|i| BUILTIN_QUESTIONS[i].id.to_string())
                    .collect(),
                favourites: fav
                    .into_iter()
                    .map(|i| BUILTIN_QUESTIONS[i].id.to_string())
                    .collect(),
            });
        let asked = prop::collection::btree_map(
            text(),
            prop::collection::btree_set("b[0-2][0-9]", 1..3),
            0..3,
        )
        .prop_map(|by_contact| AskedLog { by_contact });
        let templates = (
            prop::collection::vec((text(), text(), text()), 0..3),
            0u64..9,
        )
            .prop_map(|(own, rev)| {
                let mut set = TemplateSet::with_builtins();
                for (i, (n, s, b)) in own.into_iter().enumerate() {
                    set.templates.push(Template {
                        id: format!("t-{i}"),
                        name: n,
                        subject: s,
                        body: b,
                        builtin_key: None,
                    });
                }
                set.rev = rev;
                set
            });
        let preps = prop::collection::btree_map("[a-z]{1,4}", (text(), any::<bool>()), 0..3)
            .prop_map(|m| {
                m.into_iter()
                    .map(|(id, (answer, asked))| {
                        let prep = ChatPrep {
                            contact_id: id.clone(),
                            questions: vec![PrepQuestion {
                                id: "b01".into(),
                                text: "Q".into(),
                                asked,
                                answer,
                            }],
                            talking_points: vec!["tp".into()],
                        };
                        (id, prep)
                    })
                    .collect()
            });
        (
            prop::option::of(settings),
            prop::option::of(bank),
            prop::option::of(any::<u64>()),
            prop::option::of(asked),
            prop::option::of(templates),
            prop::option::of(preps),
        )
            .prop_map(
                |(settings, bank, deck_seed, asked, templates, preps)| Docs {
                    settings,
                    bank,
                    deck_seed,
                    asked,
                    templates,
                    preps,
                },
            )
    }

    /// A store holding `contacts` (with their revisions) and `docs`.
    fn store_with(contacts: &[Contact], docs: &Docs) -> MemoryStore {
        let store = MemoryStore::new();
        let (repo, _) = Repo::open(&store).unwrap();
        for c in contacts {
            repo.restore_contact(c).unwrap();
        }
        if let Some(d) = &docs.settings {
            repo.save_doc("settings", d).unwrap();
        }
        if let Some(d) = &docs.bank {
            repo.save_doc("questions", d).unwrap();
        }
        if let Some(seed) = docs.deck_seed {
            let deck = Deck::new(seed, docs.bank.as_ref().unwrap_or(&QuestionBank::default()));
            repo.save_doc("deck", &deck).unwrap();
        }
        if let Some(d) = &docs.asked {
            repo.save_doc("asked", d).unwrap();
        }
        if let Some(d) = &docs.templates {
            repo.save_doc("templates", d).unwrap();
        }
        if let Some(d) = &docs.preps {
            repo.save_doc("preps", d).unwrap();
        }
        store
    }

    /// What a contact would be if the user had edited it: same id, other data, another time.
    #[derive(Clone, Debug)]
    enum Fate {
        /// Not in the target store.
        Absent,
        /// Stored the same, with another revision.
        Same(u64),
        /// Stored different and older than the backup's.
        Older,
        /// Stored different and newer than the backup's.
        Newer,
    }

    fn fate() -> impl Strategy<Value = Fate> {
        prop_oneof![
            Just(Fate::Absent),
            (0u64..50).prop_map(Fate::Same),
            Just(Fate::Older),
            Just(Fate::Newer)
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn export_then_import_into_an_empty_store_gives_back_the_same_data(
            contacts in contacts(),
            docs in docs(),
        ) {
            let original = store_with(&contacts, &docs);
            let (repo, _) = Repo::open(&original).unwrap();
            let backup = repo.export_backup(t(1)).unwrap();
            let text = backup.to_json();
            let parsed = parse_backup(&text).unwrap();
            prop_assert_eq!(&parsed, &backup);

            let target = MemoryStore::new();
            let (into, _) = Repo::open(&target).unwrap();
            let report = into.import_backup(&parsed).unwrap();
            prop_assert_eq!(report.added, contacts.len());
            prop_assert_eq!((report.updated, report.unchanged, report.skipped), (0, 0, 0));
            prop_assert_eq!(report.docs_changed.len(), backup.docs.len());
            // The same records, byte for byte: contacts (with their revisions) and documents.
            prop_assert_eq!(target.snapshot(), original.snapshot());
            prop_assert_eq!(into.export_backup(t(1)).unwrap(), backup.clone());

            // Twice: all unchanged, nothing written.
            let before = target.snapshot();
            target.set_fail_writes(true);
            let again = into.import_backup(&parsed).unwrap();
            prop_assert_eq!((again.added, again.updated, again.skipped), (0, 0, 0));
            prop_assert_eq!(again.unchanged, contacts.len());
            prop_assert!(again.docs_changed.is_empty());
            prop_assert_eq!(again.docs_unchanged.len(), backup.docs.len());
            prop_assert_eq!(target.snapshot(), before);
            // And into the store it came from, the same.
            prop_assert_eq!(repo.import_backup(&parsed).unwrap(), again);
        }

        #[test]
        fn merging_keeps_the_newer_version_of_each_contact_and_everything_else(
            backup_contacts in contacts(),
            fates in prop::collection::vec(fate(), 6),
            own in contacts(),
        ) {
            // The target holds its own contacts (ids prefixed so they differ) and, per backup
            // contact, a version according to its fate.
            let store = MemoryStore::new();
            let (repo, _) = Repo::open(&store).unwrap();
            let own: Vec<Contact> = own.into_iter().map(|c| Contact { id: format!("own:{}", c.id), ..c }).collect();
            for c in &own {
                repo.restore_contact(c).unwrap();
            }
            let mut expected = BTreeMap::new();
            let mut counts = (0, 0, 0, 0);
            for (c, fate) in backup_contacts.iter().zip(&fates) {
                let mut mine = c.clone();
                mine.notes.push_str(" (mine)");
                match fate {
                    Fate::Absent => {
                        counts.0 += 1;
                        expected.insert(c.id.clone(), c.clone());
                        continue;
                    }
                    Fate::Same(rev) => {
                        counts.2 += 1;
                        mine = Contact { rev: *rev, ..c.clone() };
                        expected.insert(c.id.clone(), mine.clone());
                    }
                    Fate::Older => {
                        counts.1 += 1;
                        mine.updated_at = c.updated_at - chrono::Duration::seconds(1);
                        expected.insert(c.id.clone(), Contact { rev: mine.rev + 1, ..c.clone() });
                    }
                    Fate::Newer => {
                        counts.3 += 1;
                        mine.updated_at = c.updated_at + chrono::Duration::nanoseconds(1);
                        expected.insert(c.id.clone(), mine.clone());
                    }
                }
                repo.restore_contact(&mine).unwrap();
            }
            let backup = Backup {
                app: APP.into(),
                schema: CURRENT_SCHEMA,
                exported_at: t(0),
                contacts: backup_contacts.clone(),
                docs: BTreeMap::new(),
                left_out: vec![],
            };
            let report = repo.import_backup(&backup).unwrap();
            prop_assert_eq!((report.added, report.updated, report.unchanged, report.skipped), counts);
            for c in &own {
                prop_assert_eq!(repo.reload_contact(&c.id).unwrap(), Some(c.clone()));
            }
            for (id, c) in &expected {
                prop_assert_eq!(repo.reload_contact(id).unwrap(), Some(c.clone()));
            }
            let (_, loaded) = Repo::open(&store).unwrap();
            prop_assert_eq!(loaded.contacts.len(), own.len() + expected.len());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
            let _ = parse_backup_bytes(&bytes);
            if let Err(e) = parse_backup(&String::from_utf8_lossy(&bytes)) {
                prop_assert!(!e.to_string().is_empty());
            }
        }

        #[test]
        fn damaged_backups_never_panic_and_are_clear(
            cut in any::<prop::sample::Index>(),
            edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(vec![
                "", "\"", "{", "}", "[", "]", ",", ":", "null", "-1", "1e999", "\"2024-13-01\"", "\\u0000",
                "\u{feff}", "\u{202e}", "true", "\"x\"", "0", "18446744073709551616", "{}", "[]",
            ])), 1..4),
        ) {
            let bytes = std::fs::read(fixtures_dir().join("accept-full.json")).unwrap();
            let mut text = String::from_utf8(bytes).unwrap();
            for (at, insert) in edits {
                let mut i = at.index(text.len() + 1);
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                // Replace one character with the fragment.
                let end = text[i..].chars().next().map_or(i, |c| i + c.len_utf8());
                text.replace_range(i..end, insert);
            }
            if cut.index(4) == 0 {
                let mut i = cut.index(text.len() + 1);
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                text.truncate(i);
            }
            let store = populated();
            let before = store.snapshot();
            match parse_backup(&text) {
                Err(e) => {
                    assert_clear(&e.to_string());
                    prop_assert_eq!(store.snapshot(), before);
                }
                Ok(backup) => {
                    let (repo, _) = Repo::open(&store).unwrap();
                    repo.import_backup(&backup).unwrap();
                    let (_, loaded) = Repo::open(&store).unwrap();
                    prop_assert!(loaded.quarantined.is_empty());
                }
            }
        }
    }
}
