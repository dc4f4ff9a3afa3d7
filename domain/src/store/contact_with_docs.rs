//! Edited contacts, and a contact with documents, saved as one change: **Save to timeline** writes
//! the chat on the contact, the questions asked and the preparation left, and none of them may
//! land without the others; the end-of-day **Add all** of conference mode writes its thank-yous
//! on every contact at once.

use chrono::{DateTime, Utc};

use super::{BatchWrite, Document, KeyValue, Repo, SaveError};
use crate::model::Contact;

impl<S: KeyValue> Repo<S> {
    /// Saves an edited contact together with documents, **all or nothing**. The contact is
    /// compared and set by the planner of [`Repo::save_contact`] (`contact.rev` must be the
    /// stored revision; it is saved with `rev + 1` and `updated_at = now`); each document is given
    /// as its document and stored text ([`Repo::doc_text`]). If storage refuses any write, or
    /// another tab changed one of the keys meanwhile, storage is left exactly as it was and the
    /// error is returned. Returns the saved contact.
    pub fn save_contact_with_docs(
        &self,
        contact: &Contact,
        docs: &[(Document, String)],
        now: DateTime<Utc>,
    ) -> Result<Contact, SaveError> {
        let (write, saved) = self.planned_save(contact, now)?;
        let mut writes = vec![write];
        for (doc, text) in docs {
            let key = doc.key();
            let expected = self.store().get(&key)?;
            writes.push(BatchWrite {
                key,
                expected,
                value: Some(text.clone()),
            });
        }
        self.write_batch_checked(&writes)?;
        Ok(saved)
    }

    /// Saves several edited contacts, **all or nothing**, each compared and set as
    /// [`Repo::save_contact`] does it. If storage refuses any write, or another tab changed one of
    /// them meanwhile, storage is left exactly as it was and the error is returned. Returns the
    /// saved contacts, in order. A contact given twice is refused (the second would overwrite the
    /// first).
    pub fn save_contacts(
        &self,
        contacts: &[Contact],
        now: DateTime<Utc>,
    ) -> Result<Vec<Contact>, SaveError> {
        let mut writes = Vec::with_capacity(contacts.len());
        let mut saved = Vec::with_capacity(contacts.len());
        for (i, contact) in contacts.iter().enumerate() {
            if contacts[..i].iter().any(|c| c.id == contact.id) {
                return Err(SaveError::Invalid(format!(
                    "{} is in the change twice",
                    contact.name
                )));
            }
            let (write, contact) = self.planned_save(contact, now)?;
            writes.push(write);
            saved.push(contact);
        }
        self.write_batch_checked(&writes)?;
        Ok(saved)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::NaiveDate;

    use super::*;
    use crate::model::{FollowUp, FollowUpKind};
    use crate::questions::{prepare, AskedLog, ChatPrep, QuestionBank};
    use crate::store::{contact_key, MemoryStore, StoreError};

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_764_000_000, 0).unwrap()
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 11, 24).unwrap()
    }

    /// A store with a contact and their chat prepared (one question asked).
    fn prepared(store: &MemoryStore) -> (Contact, ChatPrep) {
        let (repo, _) = Repo::open(store).unwrap();
        let contact = repo
            .save_contact(&Contact::new("Ada Lovelace", now()), now())
            .unwrap();
        let set = prepare(&["b01".to_string()], &QuestionBank::default(), None, &[]);
        let mut prep = ChatPrep::new(contact.id.clone(), &set);
        prep.set_answer("b01", "Engines.");
        let preps = BTreeMap::from([(contact.id.clone(), prep.clone())]);
        repo.save_doc(Document::Preps, &preps).unwrap();
        (contact, prep)
    }

    /// Save to timeline as the app does it: the three changes in memory, then one save.
    fn save_chat(
        store: &MemoryStore,
        contact: &Contact,
        prep: &ChatPrep,
    ) -> Result<Contact, SaveError> {
        let (repo, _) = Repo::open(store).unwrap();
        let mut edited = contact.clone();
        let mut asked: AskedLog = repo.load_doc(Document::Asked).unwrap().unwrap_or_default();
        let mut preps: BTreeMap<String, ChatPrep> =
            repo.load_doc(Document::Preps).unwrap().unwrap();
        prep.save_to_timeline(&mut edited, &mut asked, &mut preps, day(), day());
        let docs = [
            (Document::Asked, repo.doc_text(Document::Asked, &asked)?),
            (Document::Preps, repo.doc_text(Document::Preps, &preps)?),
        ];
        repo.save_contact_with_docs(&edited, &docs, now())
    }

    #[test]
    fn the_chat_the_asked_log_and_the_preparation_are_saved_together() {
        let store = MemoryStore::new();
        let (contact, prep) = prepared(&store);
        let saved = save_chat(&store, &contact, &prep).unwrap();
        assert_eq!(saved.rev, contact.rev + 1);
        let (repo, loaded) = Repo::open(&store).unwrap();
        assert_eq!(loaded.contacts[0].interactions.len(), 1);
        let asked: AskedLog = repo.load_doc(Document::Asked).unwrap().unwrap();
        assert!(asked.was_asked(&contact.id, "b01"));
        let preps: BTreeMap<String, ChatPrep> = repo.load_doc(Document::Preps).unwrap().unwrap();
        assert!(preps.is_empty());
    }

    #[test]
    fn storage_full_after_the_contact_leaves_everything_as_it_was() {
        let store = MemoryStore::new();
        let (contact, prep) = prepared(&store);
        // How much the contact grows: measured on a copy of the store.
        let trial = MemoryStore::new();
        for (k, v) in store.snapshot() {
            trial.set(&k, &v).unwrap();
        }
        save_chat(&trial, &contact, &prep).unwrap();
        let key = contact_key(&contact.id);
        let units = |s: Option<String>| s.unwrap().encode_utf16().count();
        let grown = units(trial.get(&key).unwrap()) - units(store.get(&key).unwrap());
        // Room for the contact's new version, none for the asked log that comes next.
        let before = store.snapshot();
        store.set_quota(Some(store.used() + grown));
        assert_eq!(
            save_chat(&store, &contact, &prep),
            Err(SaveError::Store(StoreError::Full))
        );
        assert_eq!(store.snapshot(), before);
    }

    #[test]
    fn refused_writes_change_nothing() {
        let store = MemoryStore::new();
        let (contact, prep) = prepared(&store);
        let before = store.snapshot();
        store.set_fail_writes(true);
        assert!(save_chat(&store, &contact, &prep).is_err());
        assert_eq!(store.snapshot(), before);
    }

    /// A store with three saved contacts, each given a thank-you in memory (not saved).
    fn thanked(store: &MemoryStore) -> Vec<Contact> {
        let (repo, _) = Repo::open(store).unwrap();
        ["Ada", "Bo", "Cy"]
            .into_iter()
            .map(|name| {
                let mut c = repo
                    .save_contact(&Contact::new(name, now()), now())
                    .unwrap();
                c.add_follow_up(FollowUp::new(FollowUpKind::ThankYou, "Thank", day()));
                c
            })
            .collect()
    }

    #[test]
    fn contacts_are_saved_together() {
        let store = MemoryStore::new();
        let edited = thanked(&store);
        let (repo, _) = Repo::open(&store).unwrap();
        let saved = repo.save_contacts(&edited, now()).unwrap();
        assert!(saved.iter().zip(&edited).all(|(s, e)| s.rev == e.rev + 1));
        let (_, loaded) = Repo::open(&store).unwrap();
        assert_eq!(loaded.contacts.len(), edited.len());
        assert!(loaded.contacts.iter().all(|c| c.follow_ups.len() == 1));
    }

    #[test]
    fn a_batch_refuses_as_a_single_save_does() {
        // One planner for both: an unreadable stored record is kept aside and named, and a
        // revision counter at its end is refused, whether one contact is saved or several.
        let store = MemoryStore::new();
        let edited = thanked(&store);
        let (repo, _) = Repo::open(&store).unwrap();
        let before = store.snapshot();
        let mut exhausted = edited.clone();
        exhausted[1].rev = u64::MAX;
        let at_the_end = Contact {
            rev: u64::MAX,
            ..edited[1].clone()
        };
        store
            .set(
                &contact_key(&edited[1].id),
                &repo.contact_text(&at_the_end).unwrap(),
            )
            .unwrap();
        let single = repo.save_contact(&exhausted[1], now()).unwrap_err();
        assert_eq!(repo.save_contacts(&exhausted, now()).unwrap_err(), single);
        assert!(matches!(single, SaveError::Invalid(ref why) if why.contains("exhausted")));

        store.set(&contact_key(&edited[1].id), "{not json").unwrap();
        let single = repo.save_contact(&edited[1], now()).unwrap_err();
        assert_eq!(repo.save_contacts(&edited, now()).unwrap_err(), single);
        assert!(matches!(single, SaveError::Quarantined(ref q) if q.raw == "{not json"));
        store
            .set(
                &contact_key(&edited[1].id),
                &before[&contact_key(&edited[1].id)],
            )
            .unwrap();
        assert_eq!(store.snapshot(), before);
    }

    #[test]
    fn contacts_refused_midway_change_nothing() {
        let store = MemoryStore::new();
        let edited = thanked(&store);
        let (repo, _) = Repo::open(&store).unwrap();
        let before = store.snapshot();
        // Room for the first contact's new version only.
        let key = contact_key(&edited[0].id);
        let grown = repo
            .contact_text(&edited[0])
            .unwrap()
            .encode_utf16()
            .count()
            - store.get(&key).unwrap().unwrap().encode_utf16().count();
        store.set_quota(Some(store.used() + grown + 1));
        assert_eq!(
            repo.save_contacts(&edited, now()),
            Err(SaveError::Store(StoreError::Full))
        );
        assert_eq!(store.snapshot(), before);
        store.set_quota(None);
        store.set_fail_writes(true);
        assert!(repo.save_contacts(&edited, now()).is_err());
        assert_eq!(store.snapshot(), before);
    }

    #[test]
    fn contacts_changed_in_another_tab_or_given_twice_refuse_the_whole_save() {
        let store = MemoryStore::new();
        let edited = thanked(&store);
        let (repo, _) = Repo::open(&store).unwrap();
        repo.save_contact(
            &Contact {
                notes: "Elsewhere".into(),
                ..edited[2].clone()
            },
            now(),
        )
        .unwrap();
        let before = store.snapshot();
        assert!(matches!(
            repo.save_contacts(&edited, now()),
            Err(SaveError::Conflict { current: Some(_) })
        ));
        let twice = [edited[0].clone(), edited[0].clone()];
        assert!(matches!(
            repo.save_contacts(&twice, now()),
            Err(SaveError::Invalid(_))
        ));
        assert_eq!(store.snapshot(), before);
    }

    #[test]
    fn an_edit_from_another_tab_refuses_the_whole_save() {
        let store = MemoryStore::new();
        let (contact, prep) = prepared(&store);
        let (repo, _) = Repo::open(&store).unwrap();
        let mut elsewhere = contact.clone();
        elsewhere.notes = "Edited in another tab.".into();
        repo.save_contact(&elsewhere, now()).unwrap();
        let before = store.snapshot();
        let refused = save_chat(&store, &contact, &prep);
        assert!(matches!(
            refused,
            Err(SaveError::Conflict { current: Some(_) })
        ));
        assert_eq!(store.snapshot(), before);
    }
}
