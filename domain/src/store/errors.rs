//! What can go wrong, in plain words: a record kept aside ([`Quarantined`]), and why the storage
//! could not be opened ([`OpenError`]), a write was refused ([`SaveError`]) or a document could
//! not be read ([`DocError`]).

use std::fmt;

use super::{doc_name_from_key, StoreError};
use crate::model::Contact;

/// A stored record that could not be read. It is left untouched in storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quarantined {
    /// Its key, e.g. `wt:contact:<id>`.
    pub key: String,
    /// Its stored text, exactly as found (empty if it could not even be read).
    pub raw: String,
    /// Why it could not be read, in plain words.
    pub error: String,
}

impl fmt::Display for Quarantined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "The record {} could not be read: {}. It was kept as it is.",
            self.key, self.error
        )
    }
}

/// Why the storage could not be opened. Nothing was written in any of these cases except
/// [`OpenError::Store`] during a migration, which leaves a state the next open resumes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// A newer version of Weak Ties has upgraded this storage; this version must not write to it.
    NewerSchema {
        /// The schema version found in `wt:meta`.
        found: u32,
    },
    /// `wt:meta` is there but unreadable; it is not overwritten.
    BadMeta {
        /// Its stored text.
        raw: String,
        /// What is wrong with it.
        error: String,
    },
    /// Storage refused a read, or a write while preparing or upgrading the data.
    Store(StoreError),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::NewerSchema { .. } => f.write_str(
                "Your data was saved by a newer version of Weak Ties, which this version cannot \
                 read safely, so nothing was changed. Reload the page to get the newer version.",
            ),
            OpenError::BadMeta { error, .. } => write!(
                f,
                "The version marker of your Weak Ties data in this browser (wt:meta) is \
                 unreadable ({error}), so nothing was loaded or changed. Your records are still \
                 there."
            ),
            OpenError::Store(StoreError::Full) => f.write_str(
                "The browser's storage for this site is full, so Weak Ties could not finish \
                 preparing your data. Nothing was lost: free some space and reload the page.",
            ),
            OpenError::Store(StoreError::Unavailable(why)) => write!(
                f,
                "The browser refused access to its storage ({why}), so Weak Ties cannot keep \
                 your data. Storage may be disabled, for example in private browsing."
            ),
        }
    }
}

impl std::error::Error for OpenError {}

impl From<StoreError> for OpenError {
    fn from(e: StoreError) -> Self {
        OpenError::Store(e)
    }
}

/// Why a save, delete or restore was refused. In every case nothing was written.
///
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// Another tab changed or deleted this contact since the edit started (or, for a new contact,
    /// its id is taken). `current` is the stored version, `None` if it was deleted.
    Conflict {
        /// The stored contact now, if any.
        current: Option<Box<Contact>>,
    },
    /// The stored record under this key cannot be read; it is not overwritten or deleted.
    Quarantined(Quarantined),
    /// Another tab has since upgraded the storage to a newer version of Weak Ties.
    Outdated {
        /// The schema version now in `wt:meta`.
        found: u32,
    },
    /// The value cannot be stored (e.g. a blank id); the text says why.
    Invalid(String),
    /// The browser's storage refused the write.
    Store(StoreError),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Conflict { current: Some(_) } => f.write_str(
                "This contact was changed in another tab since you started, so your change was \
                 not saved. The newer version is shown; make your change again.",
            ),
            SaveError::Conflict { current: None } => f.write_str(
                "This contact was deleted in another tab, so your change was not saved.",
            ),
            SaveError::Quarantined(q) => write!(
                f,
                "The stored copy of this record cannot be read ({}), so it was not overwritten. \
                 Download it from the list of unreadable records first.",
                q.error
            ),
            SaveError::Outdated { .. } => f.write_str(
                "Weak Ties was updated in another tab, so this change was not saved. Reload the \
                 page to keep working.",
            ),
            SaveError::Invalid(why) => write!(f, "This change could not be saved: {why}."),
            SaveError::Store(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for SaveError {}

impl From<StoreError> for SaveError {
    fn from(e: StoreError) -> Self {
        SaveError::Store(e)
    }
}

/// Why a document could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocError {
    /// The stored document is unreadable (or not of the expected type); it is left as it is.
    Corrupt(Quarantined),
    /// Storage refused the read.
    Store(StoreError),
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocError::Corrupt(q) => {
                let name = doc_name_from_key(&q.key).unwrap_or(&q.key);
                write!(
                    f,
                    "The saved {name} could not be read ({}), so the defaults are used. The \
                     stored copy was kept; download it before saving over it.",
                    q.error
                )
            }
            DocError::Store(StoreError::Full) => f.write_str(
                "The browser's storage for this site is full; export a backup and free some space.",
            ),
            DocError::Store(StoreError::Unavailable(why)) => write!(
                f,
                "The browser refused to read its storage ({why}). Storage may be disabled, for \
                 example in private browsing."
            ),
        }
    }
}

impl std::error::Error for DocError {}
