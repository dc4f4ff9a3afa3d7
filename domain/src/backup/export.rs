//! Making a backup of everything stored: [`Repo::export_backup`].

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::{Backup, APP};
use crate::store::{Document, KeyValue, Repo, StoreError, CONTACT_PREFIX, DOC_PREFIX};

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
                // Documents of this browser only stay out; unknown ones travel as they are.
                if Document::from_name(name).is_some_and(|doc| !doc.in_backup()) {
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
}
