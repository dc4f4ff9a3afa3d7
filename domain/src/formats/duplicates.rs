//! Likely duplicates between imported cards and the Book, merging, and saving an import all or
//! nothing.

use crate::book::fold;
use crate::model::Contact;
use crate::store::{contact_key, BatchWrite, KeyValue, Repo, SaveError};
use chrono::{DateTime, Utc};
use std::fmt;

/// Why an imported card looks like a contact already in the Book.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DuplicateReason {
    /// The same card, exported from Weak Ties earlier.
    SameCard,
    /// They share this email address (compared case-insensitively).
    SameEmail(String),
    /// Same name and organization, once case and accents are folded.
    SameNameAndOrganization,
}

impl fmt::Display for DuplicateReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DuplicateReason::SameCard => f.write_str("same card as before"),
            DuplicateReason::SameEmail(email) => write!(f, "same email {email}"),
            DuplicateReason::SameNameAndOrganization => f.write_str("same name and organization"),
        }
    }
}

/// The existing contact an imported card probably duplicates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateOf {
    pub id: String,
    pub name: String,
    pub reason: DuplicateReason,
}

/// The likely duplicate of `card` among `existing`, if any.
pub fn find_duplicate<'a>(
    existing: impl IntoIterator<Item = &'a Contact>,
    card: &Contact,
) -> Option<DuplicateOf> {
    let emails: Vec<String> = card.emails.iter().map(|e| e.to_lowercase()).collect();
    let name = fold(&card.name);
    let org = fold(&card.organization);
    let mut best: Option<DuplicateOf> = None;
    for other in existing {
        let reason = if other.id == card.id {
            Some(DuplicateReason::SameCard)
        } else if let Some(email) = other
            .emails
            .iter()
            .find(|e| emails.contains(&e.to_lowercase()))
        {
            Some(DuplicateReason::SameEmail(email.clone()))
        } else if !name.is_empty() && fold(&other.name) == name && fold(&other.organization) == org
        {
            Some(DuplicateReason::SameNameAndOrganization)
        } else {
            None
        };
        if let Some(reason) = reason {
            let found = DuplicateOf {
                id: other.id.clone(),
                name: other.name.clone(),
                reason,
            };
            if found.reason == DuplicateReason::SameCard {
                return Some(found);
            }
            best.get_or_insert(found);
        }
    }
    best
}

fn union(into: &mut Vec<String>, from: &[String], same: impl Fn(&str, &str) -> bool) {
    for item in from {
        if !into.iter().any(|x| same(x, item)) {
            into.push(item.clone());
        }
    }
}

/// Merges an imported card into an existing contact: empty fields are filled, emails, phones,
/// links and tags are united, different notes are appended. Nothing already there is dropped.
pub fn merge_into(existing: &mut Contact, card: &Contact) {
    for (mine, theirs) in [
        (&mut existing.role, &card.role),
        (&mut existing.organization, &card.organization),
        (&mut existing.linkedin, &card.linkedin),
        (&mut existing.where_met, &card.where_met),
        (&mut existing.how_met, &card.how_met),
        (&mut existing.research, &card.research),
    ] {
        if mine.is_empty() {
            mine.clone_from(theirs);
        }
    }
    if existing.met_on.is_none() {
        existing.met_on = card.met_on;
    }
    if existing.cadence.is_none() {
        existing.cadence = card.cadence;
    }
    if existing.introduced_by.is_none() {
        existing.introduced_by.clone_from(&card.introduced_by);
    }
    let ci = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
    union(&mut existing.emails, &card.emails, ci);
    union(&mut existing.phones, &card.phones, |a, b| a == b);
    union(&mut existing.links, &card.links, |a, b| a == b);
    union(&mut existing.tags, &card.tags, ci);
    if !card.notes.is_empty() && !existing.notes.contains(&card.notes) {
        if existing.notes.is_empty() {
            existing.notes.clone_from(&card.notes);
        } else {
            existing.notes = format!("{}\n\n{}", existing.notes, card.notes);
        }
    }
    existing.normalize();
}

/// What the user chose for one imported card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportChoice {
    /// Add it as a new contact.
    Add,
    /// Merge it into its likely duplicate.
    Merge,
    Skip,
}

impl ImportChoice {
    /// What the preview proposes for a card: to skip a likely duplicate, to add any other.
    pub fn proposed(duplicate: Option<&DuplicateOf>) -> ImportChoice {
        if duplicate.is_some() {
            ImportChoice::Skip
        } else {
            ImportChoice::Add
        }
    }
}

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: usize,
    pub merged: usize,
    pub skipped: usize,
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Added {}, merged {}, skipped {}.",
            self.added, self.merged, self.skipped
        )
    }
}

impl<S: KeyValue> Repo<S> {
    /// Saves imported cards, all or nothing: each card is added, merged into the existing
    /// contact `merge_with` names, or skipped, as `choices` say. Returns the saved contacts
    /// (to show) and the counts. If any write fails, storage is left exactly as it was.
    pub fn import_cards(
        &self,
        cards: &[(Contact, ImportChoice, Option<String>)],
        now: DateTime<Utc>,
    ) -> Result<(Vec<Contact>, ImportSummary), SaveError> {
        let mut summary = ImportSummary::default();
        let mut writes: Vec<BatchWrite> = Vec::new();
        let mut saved: Vec<Contact> = Vec::new();
        for (card, choice, merge_with) in cards {
            match (choice, merge_with) {
                (ImportChoice::Merge, Some(id)) => {
                    summary.merged += 1;
                    // Two cards of one file may merge into the same contact: the second merges
                    // into the first's result, so the key is written once.
                    if let Some(i) = saved.iter().position(|c| &c.id == id) {
                        merge_into(&mut saved[i], card);
                        writes[i].value = Some(self.contact_text(&saved[i])?);
                        continue;
                    }
                    let key = contact_key(id);
                    let raw = self.store().get(&key)?;
                    let Some(text) = raw.as_deref() else {
                        return Err(SaveError::Conflict { current: None });
                    };
                    let mut stored = self
                        .decode_contact(&key, text)
                        .map_err(SaveError::Invalid)?;
                    merge_into(&mut stored, card);
                    stored.rev = stored.rev.saturating_add(1);
                    stored.updated_at = now;
                    writes.push(BatchWrite {
                        key,
                        expected: raw,
                        value: Some(self.contact_text(&stored)?),
                    });
                    saved.push(stored);
                }
                (ImportChoice::Add, _) => {
                    summary.added += 1;
                    let mut contact = card.clone();
                    let taken = |id: &str| -> Result<bool, SaveError> {
                        Ok(saved.iter().any(|c| c.id == id)
                            || self.store().get(&contact_key(id))?.is_some())
                    };
                    if taken(&contact.id)? {
                        contact.id = crate::model::new_id();
                    }
                    contact.rev = 1;
                    contact.updated_at = now;
                    writes.push(BatchWrite {
                        key: contact_key(&contact.id),
                        expected: None,
                        value: Some(self.contact_text(&contact)?),
                    });
                    saved.push(contact);
                }
                _ => summary.skipped += 1,
            }
        }
        if !writes.is_empty() {
            self.write_batch_checked(&writes)?;
        }
        Ok((saved, summary))
    }
}
