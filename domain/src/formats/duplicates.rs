//! Likely duplicates between imported cards (vCard or CSV) and the Book, merging, and saving an import all or
//! nothing.

use crate::duplicates::{email_key, linkedin_key, name_key};
use crate::model::Contact;
use crate::store::{contact_key, BatchWrite, KeyValue, Repo, SaveError};
use chrono::{DateTime, Utc};
use rustc_hash::FxHashMap as HashMap;
use std::fmt;

/// Why an imported card looks like a contact already in the Book.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DuplicateReason {
    /// The same card, exported from Weak Ties earlier.
    SameCard,
    /// They share this email address (compared case-insensitively).
    SameEmail(String),
    /// They share a LinkedIn profile.
    SameLinkedin,
    /// Same name and organization, once case and accents are folded.
    SameNameAndOrganization,
}

impl fmt::Display for DuplicateReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DuplicateReason::SameCard => f.write_str("same card as before"),
            DuplicateReason::SameEmail(email) => write!(f, "same email {email}"),
            DuplicateReason::SameLinkedin => f.write_str("same LinkedIn profile"),
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

/// The contacts of the Book by what makes a card their likely duplicate, so that each card of a
/// file of thousands is looked up at once rather than compared with every contact.
pub struct DuplicateIndex<'a> {
    by_id: HashMap<&'a str, &'a Contact>,
    by_email: HashMap<String, (&'a Contact, &'a str)>,
    by_linkedin: HashMap<String, &'a Contact>,
    by_name: HashMap<(String, String), &'a Contact>,
}

impl<'a> DuplicateIndex<'a> {
    /// Indexes `existing` (the first contact with a key is the one found).
    pub fn new(existing: impl IntoIterator<Item = &'a Contact>) -> Self {
        let mut index = DuplicateIndex {
            by_id: HashMap::default(),
            by_email: HashMap::default(),
            by_linkedin: HashMap::default(),
            by_name: HashMap::default(),
        };
        for c in existing {
            index.by_id.entry(&c.id).or_insert(c);
            for email in &c.emails {
                if let Some(key) = email_key(email) {
                    index.by_email.entry(key).or_insert((c, email));
                }
            }
            if let Some(key) = linkedin_key(&c.linkedin) {
                index.by_linkedin.entry(key).or_insert(c);
            }
            if let Some(key) = name_key(c) {
                index.by_name.entry(key).or_insert(c);
            }
        }
        index
    }

    /// The likely duplicate of `card`, if any: the same card exported earlier, else a contact
    /// with one of its emails, its LinkedIn profile, or its name and organization.
    pub fn find(&self, card: &Contact) -> Option<DuplicateOf> {
        let found = |other: &Contact, reason| DuplicateOf {
            id: other.id.clone(),
            name: other.name.clone(),
            reason,
        };
        if let Some(other) = self.by_id.get(card.id.as_str()) {
            return Some(found(other, DuplicateReason::SameCard));
        }
        if let Some((other, email)) = card
            .emails
            .iter()
            .find_map(|e| self.by_email.get(&email_key(e)?))
        {
            return Some(found(other, DuplicateReason::SameEmail(email.to_string())));
        }
        if let Some(other) = linkedin_key(&card.linkedin).and_then(|k| self.by_linkedin.get(&k)) {
            return Some(found(other, DuplicateReason::SameLinkedin));
        }
        let other = self.by_name.get(&name_key(card)?)?;
        Some(found(other, DuplicateReason::SameNameAndOrganization))
    }
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
    /// What can be done with a likely duplicate, in the order of its picker: the proposal
    /// ([`ImportChoice::proposed`]) first.
    pub const FOR_A_DUPLICATE: [ImportChoice; 2] = [ImportChoice::Skip, ImportChoice::Merge];

    /// The user-facing name: "Add", "Merge", "Skip".
    pub fn label(self) -> &'static str {
        match self {
            ImportChoice::Add => "Add",
            ImportChoice::Merge => "Merge",
            ImportChoice::Skip => "Skip",
        }
    }

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
                    let mut stored = self.stored_contact_from(&key, text)?;
                    merge_into(&mut stored, card);
                    let (write, stored) = self.revised(&stored, raw, now)?;
                    writes.push(write);
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
