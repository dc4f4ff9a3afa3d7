//! Contacts: saving with compare-and-set, deleting and undoing, rereading one, and the text a
//! contact is stored as.

use chrono::{DateTime, Utc};

use super::stamp::{contact_from_body, stamp};
use super::{contact_key, BatchWrite, KeyValue, Quarantined, Repo, SaveError, CONTACT_PREFIX};
use crate::model::Contact;

impl<S: KeyValue> Repo<S> {
    /// Saves an edited contact with compare-and-set: `contact.rev` must be the stored revision
    /// (0 for a new contact, whose key must be free). Writes exactly one key, with `rev + 1` and
    /// `updated_at = now`, and returns the saved copy. On any error nothing is written.
    pub fn save_contact(
        &self,
        contact: &Contact,
        now: DateTime<Utc>,
    ) -> Result<Contact, SaveError> {
        let (write, saved) = self.planned_save(contact, now)?;
        self.write_batch_checked(&[write])?;
        Ok(saved)
    }

    /// The compare-and-set of [`Repo::save_contact`], as the write of a batch (checked against
    /// the text it replaces), and the contact as it will be saved. Every save of an edited
    /// contact, alone or with others, is planned here.
    pub(super) fn planned_save(
        &self,
        contact: &Contact,
        now: DateTime<Utc>,
    ) -> Result<(BatchWrite, Contact), SaveError> {
        if contact.id.trim().is_empty() {
            return Err(SaveError::Invalid("the contact has no id".into()));
        }
        // First: a tab left behind by an upgrade says so, rather than that the record is unreadable.
        self.check_writable()?;
        let key = contact_key(&contact.id);
        let raw = self.store.get(&key)?;
        let stored = raw
            .as_deref()
            .map(|text| self.stored_contact_from(&key, text))
            .transpose()?;
        // The revision the edit started from must be the stored one (none for a new contact).
        let started_from = (contact.rev != 0).then_some(contact.rev);
        if stored.as_ref().map(|c| c.rev) != started_from {
            return Err(SaveError::Conflict {
                current: stored.map(Box::new),
            });
        }
        self.revised(contact, raw, now)
    }

    /// The next version of `contact`, one revision up and changed `now`, and the batch write that
    /// stores it, checked against `expected` (the text it replaces; `None` for a new contact) when
    /// the batch runs. Every change of a contact is written through here: an edit, an import's
    /// merge, a merge of duplicates and the contacts it points at the kept one.
    pub(crate) fn revised(
        &self,
        contact: &Contact,
        expected: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<(BatchWrite, Contact), SaveError> {
        let saved = Contact {
            rev: contact
                .rev
                .checked_add(1)
                .ok_or_else(|| SaveError::Invalid("its revision counter is exhausted".into()))?,
            updated_at: now,
            ..contact.clone()
        };
        let write = BatchWrite {
            key: contact_key(&saved.id),
            expected,
            value: Some(self.contact_text(&saved)?),
        };
        Ok((write, saved))
    }

    /// Deletes a contact if its stored revision is still `expected_rev`, and returns the deleted
    /// record so the UI can offer undo ([`Repo::restore_contact`]).
    pub fn delete_contact(&self, id: &str, expected_rev: u64) -> Result<Contact, SaveError> {
        self.check_writable()?;
        let key = contact_key(id);
        match self.stored_contact(&key)? {
            None => Err(SaveError::Conflict { current: None }),
            Some(stored) if stored.rev != expected_rev => Err(SaveError::Conflict {
                current: Some(Box::new(stored)),
            }),
            Some(stored) => {
                self.store.remove(&key)?;
                Ok(stored)
            }
        }
    }

    /// Writes a deleted contact back as it was (same revision), only if its key is still free;
    /// otherwise a conflict with what is there now.
    pub fn restore_contact(&self, contact: &Contact) -> Result<Contact, SaveError> {
        if contact.id.trim().is_empty() {
            return Err(SaveError::Invalid("the contact has no id".into()));
        }
        self.check_writable()?;
        let key = contact_key(&contact.id);
        if let Some(current) = self.stored_contact(&key)? {
            return Err(SaveError::Conflict {
                current: Some(Box::new(current)),
            });
        }
        let text = self.encode_contact(contact)?;
        self.store.set(&key, &text)?;
        Ok(contact.clone())
    }

    /// Rereads one contact, given its key (`wt:contact:<id>`, as the browser's `storage` event
    /// gives it) or its id: `Ok(None)` if it is gone, `Err` if it is unreadable (a failed read is
    /// reported the same way, with an empty `raw`).
    pub fn reload_contact(&self, key_or_id: &str) -> Result<Option<Contact>, Quarantined> {
        let key = if key_or_id.starts_with(CONTACT_PREFIX) {
            key_or_id.to_owned()
        } else {
            contact_key(key_or_id)
        };
        match self.stored_contact(&key) {
            Ok(found) => Ok(found),
            Err(SaveError::Quarantined(q)) => Err(q),
            Err(e) => Err(Quarantined {
                key,
                raw: String::new(),
                error: e.to_string(),
            }),
        }
    }

    /// Reads a contact from its stored text `raw` under `key` (upgrading it in memory, checking
    /// its id against the key), as loading does; the `Err` says why it is unreadable.
    pub fn decode_contact(&self, key: &str, raw: &str) -> Result<Contact, String> {
        if let Some(contact) = self.current_contact(key, raw) {
            return Ok(contact);
        }
        self.read_body(key, raw)
            .and_then(|(_, body)| contact_from_body(key, body))
    }

    /// The text a contact is stored as (with its version stamp), for [`Repo::write_batch`].
    pub fn contact_text(&self, contact: &Contact) -> Result<String, SaveError> {
        if contact.id.trim().is_empty() {
            return Err(SaveError::Invalid("the contact has no id".into()));
        }
        self.encode_contact(contact)
    }

    /// The stored contact under `key`: `Ok(None)` if absent, `Err` if unreadable.
    pub(super) fn stored_contact(&self, key: &str) -> Result<Option<Contact>, SaveError> {
        self.store
            .get(key)?
            .map(|raw| self.stored_contact_from(key, &raw))
            .transpose()
    }

    /// `raw`, the text stored under `key`, as a contact; unreadable, the record to keep aside.
    pub(crate) fn stored_contact_from(&self, key: &str, raw: &str) -> Result<Contact, SaveError> {
        self.decode_contact(key, raw).map_err(|error| {
            SaveError::Quarantined(Quarantined {
                key: key.to_owned(),
                raw: raw.to_owned(),
                error,
            })
        })
    }

    /// The stored text of a contact at this version.
    pub(super) fn encode_contact(&self, contact: &Contact) -> Result<String, SaveError> {
        let body = serde_json::to_value(contact).map_err(|e| SaveError::Invalid(e.to_string()))?;
        stamp(&contact_key(&contact.id), body, self.schema).map_err(SaveError::Invalid)
    }
}
