//! [`ImportReport`]: what an import did, or would do.

use std::fmt;

use super::wording::doc_label;

/// What an import did (or, from [`Repo::preview_import`](crate::store::Repo::preview_import), would
/// do). The four counts are over contacts; documents are listed apart, by name.
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
