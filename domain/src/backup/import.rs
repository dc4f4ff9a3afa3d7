//! Merging a backup into storage, all or nothing: [`Repo::import_backup`] and, to show before
//! the user confirms, [`Repo::preview_import`].

use super::merge::{plan_document, DocPlan};
use super::{Backup, ImportError, ImportReport};
use crate::model::Contact;
use crate::store::{contact_key, BatchWrite, Document, KeyValue, Repo, SaveError};

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
            let Some(doc) = Document::from_backup_name(name) else {
                report.docs_unknown.push(name.clone());
                continue;
            };
            let key = doc.key();
            let raw = self.store().get(&key)?;
            let stored = raw.as_deref().map(|text| self.decode_doc(&key, text));
            match plan_document(self, doc, stored, incoming)? {
                DocPlan::Unchanged => report.docs_unchanged.push(name.clone()),
                DocPlan::NotCarried => report.docs_unknown.push(name.clone()),
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
