//! Contacts in the app state: saving, changing, deleting (with undo) and merging them, a
//! new contact met and an interaction logged (with the thank-you they propose), and an import's
//! cards saved all or nothing.

use chrono::NaiveDate;
use leptos::prelude::*;
use weak_ties_domain::duplicates::{MergeField, MergeUndo};
use weak_ties_domain::formats::ImportChoice;
use weak_ties_domain::model::{Contact, FollowUp, InteractionKind};

use super::{now, today, AppState, Proposal, Toast, Undo};

impl AppState {
    /// Saves a new or edited contact (its `rev` is the revision the edit started from).
    pub fn save(&self, contact: &Contact) -> Result<Contact, String> {
        let saved = self.with_repo(|repo| repo.save_contact(contact, now()))?;
        self.contacts().update(|b| {
            b.upsert(saved.clone());
        });
        Ok(saved)
    }

    /// Applies `change` to a copy of the stored contact and saves it.
    pub fn change<R>(&self, id: &str, change: impl FnOnce(&mut Contact) -> R) -> Result<R, String> {
        let mut contact = self
            .contacts()
            .with_untracked(|b| b.get(id).cloned())
            .ok_or_else(|| "This contact no longer exists.".to_string())?;
        let result = change(&mut contact);
        self.save(&contact)?;
        Ok(result)
    }

    /// Deletes a contact and offers to undo it for a few seconds.
    pub fn delete(&self, id: &str) -> Result<(), String> {
        let rev = self
            .contacts()
            .with_untracked(|b| b.get(id).map(|c| c.rev))
            .ok_or_else(|| "This contact no longer exists.".to_string())?;
        let deleted = self.with_repo(|repo| repo.delete_contact(id, rev))?;
        self.contacts().update(|b| {
            b.remove(id);
        });
        self.show(Toast {
            message: format!("Deleted {}.", deleted.name),
            undo: Some(Undo::Delete(Box::new(deleted))),
        });
        Ok(())
    }

    /// Brings back a contact deleted a moment ago.
    fn undo_delete(&self, contact: &Contact) {
        match self.with_repo(|repo| repo.restore_contact(contact)) {
            Ok(restored) => {
                let name = restored.name.clone();
                self.contacts().update(|b| {
                    b.upsert(restored);
                });
                self.show(Toast {
                    message: format!("{name} is back."),
                    undo: None,
                });
            }
            Err(message) => self.show(Toast {
                message,
                undo: None,
            }),
        }
    }

    /// Merges the contact `other_id` into `kept_id` (taking `other_id`'s value of each field in
    /// `take_other`), removes it, and points those it introduced at `kept_id`: all or nothing.
    /// The toast offers to undo it.
    pub fn merge(
        &self,
        kept_id: &str,
        other_id: &str,
        take_other: &[MergeField],
    ) -> Result<(), String> {
        let (introduced, other_name) = self.contacts().with_untracked(|b| {
            let ids: Vec<String> = b
                .introduced(other_id)
                .iter()
                .map(|c| c.id.clone())
                .collect();
            (
                ids,
                b.get(other_id).map(|c| c.name.clone()).unwrap_or_default(),
            )
        });
        let merged = self.with_repo(|repo| {
            repo.merge_contacts(kept_id, other_id, take_other, &introduced, now())
        })?;
        let kept_name = merged.saved[0].name.clone();
        self.contacts().update(|b| {
            b.remove(&merged.removed);
            for contact in merged.saved {
                b.upsert(contact);
            }
        });
        self.show(Toast {
            message: format!("Merged {other_name} into {kept_name}."),
            undo: Some(Undo::Merge(merged.undo)),
        });
        Ok(())
    }

    /// Takes back a merge made a moment ago: both contacts, and those the merged-away one
    /// introduced, as they were.
    pub fn undo_merge(&self, undo: &MergeUndo) {
        match self.with_repo(|repo| repo.undo_merge(undo)) {
            Ok(restored) => {
                self.contacts().update(|b| {
                    for contact in restored {
                        b.upsert(contact);
                    }
                });
                self.show(Toast {
                    message: "The merge is undone.".into(),
                    undo: None,
                });
            }
            Err(message) => self.show(Toast {
                message,
                undo: None,
            }),
        }
    }

    /// Runs the undo a toast offers.
    pub fn undo(&self, undo: &Undo) {
        match undo {
            Undo::Delete(contact) => self.undo_delete(contact),
            Undo::Merge(merge) => self.undo_merge(merge),
        }
    }

    /// Remembers for good that no two of `ids` are duplicates.
    pub fn not_duplicates(&self, ids: &[String]) -> Result<(), String> {
        self.change_doc(self.not_duplicates, |not| not.dismiss(ids))
    }

    /// Accepts the proposed thank-you follow-up.
    pub fn accept_proposal(&self) -> Result<(), String> {
        if let Some(p) = self.proposal.get_untracked() {
            self.change(&p.contact_id, |c| c.add_follow_up(p.follow_up.clone()))?;
        }
        self.proposal.set(None);
        Ok(())
    }

    /// Saves a new contact and offers the thank-you its first meeting proposes.
    pub fn add_met(
        &self,
        contact: &Contact,
        proposal: Option<FollowUp>,
    ) -> Result<Contact, String> {
        let saved = self.save(contact)?;
        self.proposal.set(proposal.map(|follow_up| Proposal {
            contact_id: saved.id.clone(),
            follow_up,
        }));
        Ok(saved)
    }

    /// Logs an interaction on a contact's timeline and offers the thank-you it proposes.
    pub fn log_interaction(
        &self,
        contact_id: &str,
        kind: InteractionKind,
        on: NaiveDate,
        summary: String,
    ) -> Result<(), String> {
        let proposal = self.change(contact_id, |c| {
            c.log_interaction(kind, on, summary, today())
        })?;
        self.proposal.set(proposal.map(|follow_up| Proposal {
            contact_id: contact_id.to_string(),
            follow_up,
        }));
        Ok(())
    }

    /// Saves the cards of a vCard or CSV import as chosen (all or nothing), shows them, and returns
    /// "Added N, merged N, skipped N."
    pub fn import_cards(
        &self,
        cards: &[(Contact, ImportChoice, Option<String>)],
    ) -> Result<String, String> {
        let (saved, summary) = self.with_repo(|repo| repo.import_cards(cards, now()))?;
        self.contacts().update(|b| {
            for contact in saved {
                b.upsert(contact);
            }
        });
        Ok(summary.to_string())
    }
}
