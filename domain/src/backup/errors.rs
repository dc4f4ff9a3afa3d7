//! [`ImportError`]: why a backup was not imported, in plain words.

use std::fmt;

use super::MAX_BACKUP_BYTES;
use crate::store::{SaveError, StoreError, CURRENT_SCHEMA};

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
