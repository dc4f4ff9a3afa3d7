//! The backup file: [`Backup`], what marks it as ours, its size limit and its name.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::Value;

use super::wording::{contact_label, duplicate_problem, Problems};
use super::ImportError;
use crate::model::Contact;

/// The value of the `"app"` field that marks a Weak Ties backup.
pub const APP: &str = "weak-ties";

/// The largest backup file read, in bytes (20 MB): far more than a browser's storage for one site
/// holds, small enough to parse on a phone. Larger files are refused before they are parsed.
pub const MAX_BACKUP_BYTES: usize = 20 * 1024 * 1024;

/// The file name of a backup made on `today`: `weak-ties-backup-2026-11-28.json`.
pub fn backup_file_name(today: NaiveDate) -> String {
    format!("weak-ties-backup-{}.json", today.format("%Y-%m-%d"))
}

// ---------------------------------------------------------------------------------------------
// The backup
// ---------------------------------------------------------------------------------------------

/// Everything the user keeps, as one file. Made by
/// [`Repo::export_backup`](crate::store::Repo::export_backup) or read and checked by
/// [`parse_backup`](super::parse_backup); after reading, the records are at
/// [`CURRENT_SCHEMA`](crate::store::CURRENT_SCHEMA) (older backups are upgraded) and `schema` says
/// so.
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
