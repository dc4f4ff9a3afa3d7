//! Merging a backup into storage, all or nothing: [`Repo::import_backup`] and, to show before
//! the user confirms, [`Repo::preview_import`].

use super::merge::{
    merge_asked, merge_deck, merge_preps, merge_questions, merge_settings, merge_templates,
    plan_doc, DocPlan,
};
use super::{Backup, ImportError, ImportReport, KNOWN_DOCS};
use crate::model::Contact;
use crate::store::{contact_key, doc_key, BatchWrite, KeyValue, Repo, SaveError};

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
