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
//! raw JSON keyed by their name ([`Document::name`](crate::store::Document::name)); every stored
//! document but those of this browser only
//! ([`Document::in_backup`](crate::store::Document::in_backup): the backup log) is exported, one
//! this version does not know as it is. `schema` is the version of every record in the file.
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
//! # Merging: [`Repo::import_backup`](crate::store::Repo::import_backup)
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
//! Documents (counted apart from the contacts) merge by name, each
//! [`Document`](crate::store::Document) with a simple rule (in `merge.rs`, one exhaustive match: a
//! new document does not compile until it has its rule). When a document is not stored yet, the
//! backup's copy is written as it is. Otherwise:
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
//! Documents with any other name, and those a backup does not carry, are skipped and listed in
//! [`ImportReport::docs_unknown`].
//!
//! **All or nothing**: every write is planned first, then made in one
//! [`Repo::write_batch_checked`](crate::store::Repo::write_batch_checked), which puts every key
//! back as it was if any write fails (a full quota), so a failed import leaves storage byte for
//! byte as it was.
//!
//! # Where things are
//!
//! | file | holds |
//! |---|---|
//! | `file.rs` | [`Backup`], the file's name, [`APP`] and [`MAX_BACKUP_BYTES`] |
//! | `parse.rs` | [`parse_backup_bytes`], [`parse_backup`]: reading and checking a file |
//! | `wording.rs` | the plain words of every problem: serde's errors reworded, with their place |
//! | `export.rs` | [`Repo::export_backup`](crate::store::Repo::export_backup) |
//! | `import.rs` | [`Repo::import_backup`](crate::store::Repo::import_backup), [`Repo::preview_import`](crate::store::Repo::preview_import): the all-or-nothing merge |
//! | `merge.rs` | each document's merge rule |
//! | `errors.rs` | [`ImportError`] |
//! | `report.rs` | [`ImportReport`] |
//! | `encryption.rs` | [`encryption`]: the encrypted backup (an envelope around the file, AES-256-GCM under an Argon2id key) |

pub mod encryption;
mod errors;
mod export;
mod file;
mod import;
mod merge;
mod parse;
mod report;
mod wording;

pub use errors::ImportError;
pub use file::{backup_file_name, Backup, APP, MAX_BACKUP_BYTES};
pub use parse::{parse_backup, parse_backup_bytes};
pub use report::ImportReport;

#[cfg(test)]
mod tests;
