//! Saving a merge as one all-or-nothing batch (the merged contact written, the other removed,
//! every contact it introduced pointed at the kept one), and undoing it.

use super::merge::{merge, MergeField};
use crate::model::Contact;
use crate::store::{contact_key, BatchWrite, KeyValue, Repo, SaveError};
use chrono::{DateTime, Utc};

/// What **Undo** after a merge needs: each contact the merge changed as it was stored before,
/// and the text the merge left under its key (`None` for the removed one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeUndo {
    before: Vec<(Contact, Option<String>)>,
}

/// A saved merge: the contacts to show now (the merged one first, then those it introduced,
/// now pointing at it), the id of the one removed, and how to undo it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    pub saved: Vec<Contact>,
    pub removed: String,
    pub undo: MergeUndo,
}

impl<S: KeyValue> Repo<S> {
    /// The stored text and contact under `id`; a conflict when it is gone.
    fn stored_pair(&self, id: &str) -> Result<(String, Contact), SaveError> {
        let key = contact_key(id);
        let raw = self
            .store()
            .get(&key)?
            .ok_or(SaveError::Conflict { current: None })?;
        let contact = self.stored_contact_from(&key, &raw)?;
        Ok((raw, contact))
    }

    /// Merges the stored contact `other_id` into `kept_id` (taking `other`'s value for each of
    /// `take_other`), removes `other_id`, and points every contact of `introduced` (the ids of
    /// those `other_id` introduced) at `kept_id`: one batch, all or nothing, checked against what
    /// is stored, so that an edit made meanwhile in another tab is not overwritten.
    pub fn merge_contacts(
        &self,
        kept_id: &str,
        other_id: &str,
        take_other: &[MergeField],
        introduced: &[String],
        now: DateTime<Utc>,
    ) -> Result<Merged, SaveError> {
        if kept_id == other_id {
            return Err(SaveError::Invalid(
                "a contact cannot be merged with itself".into(),
            ));
        }
        let (kept_raw, kept) = self.stored_pair(kept_id)?;
        let (other_raw, other) = self.stored_pair(other_id)?;
        // The merged contact is the kept one (its id and revision) with the other's values.
        let (write, merged) =
            self.revised(&merge(&kept, &other, take_other), Some(kept_raw), now)?;
        let mut before = vec![(kept, write.value.clone()), (other, None)];
        let mut writes = vec![
            write,
            BatchWrite {
                key: contact_key(other_id),
                expected: Some(other_raw),
                value: None,
            },
        ];
        let mut saved = vec![merged];
        for id in introduced {
            if id == kept_id || id == other_id {
                continue;
            }
            let (raw, stored) = self.stored_pair(id)?;
            if stored.introduced_by.as_deref() != Some(other_id) {
                continue;
            }
            let repointed = Contact {
                introduced_by: Some(kept_id.to_string()),
                ..stored.clone()
            };
            let (write, repointed) = self.revised(&repointed, Some(raw), now)?;
            before.push((stored, write.value.clone()));
            writes.push(write);
            saved.push(repointed);
        }
        self.write_batch_checked(&writes)?;
        Ok(Merged {
            saved,
            removed: other_id.to_string(),
            undo: MergeUndo { before },
        })
    }

    /// Puts back every contact a merge changed, as it was (one batch, all or nothing), if none
    /// was changed since; returns them. The ones that stayed get a new revision, so that a tab
    /// still showing the merge cannot save over the restored version.
    pub fn undo_merge(&self, undo: &MergeUndo) -> Result<Vec<Contact>, SaveError> {
        let mut writes = Vec::with_capacity(undo.before.len());
        let mut restored = Vec::with_capacity(undo.before.len());
        for (contact, after) in &undo.before {
            let mut back = contact.clone();
            if after.is_some() {
                back.rev = contact.rev.saturating_add(2);
            }
            writes.push(BatchWrite {
                key: contact_key(&contact.id),
                expected: after.clone(),
                value: Some(self.contact_text(&back)?),
            });
            restored.push(back);
        }
        self.write_batch_checked(&writes)?;
        Ok(restored)
    }
}
