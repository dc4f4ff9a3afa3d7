//! Home's stored summary (`crate::home`) under [`HOME_KEY`]: read at start-up to show Home before
//! the contacts are read, and kept when the app leaves the screen.
//!
//! It is a copy of what the contacts say, so none of the records' rules apply to it: it is not in
//! backups, an unreadable one is simply not shown (never quarantined), and a refused write is
//! only a slower next start.

use chrono::NaiveDate;

use super::{KeyValue, Repo, SaveError, HOME_KEY};
use crate::book::Book;
use crate::codec;
use crate::home::{self, HomeSummary};

impl<S: KeyValue> Repo<S> {
    /// The summary stored for `today` by this version of the app, if there is one.
    pub fn home_summary(&self, today: NaiveDate) -> Option<HomeSummary> {
        let stored = self.store.get(HOME_KEY).ok()??;
        HomeSummary::from_text(&codec::unpack(&stored).ok()?, today)
    }

    /// Stores Home's summary of `book` on `today` and the next day, unless the same is stored
    /// already; `Ok(true)` when it wrote. Refused when another tab has upgraded the storage past
    /// this code. A refused write (storage full) removes the summary stored before, which no
    /// longer says what the contacts say (and may name a deleted contact).
    pub fn keep_home_summary(&self, book: &Book, today: NaiveDate) -> Result<bool, SaveError> {
        self.check_writable()?;
        let text = codec::pack(&home::stored_text(book, today));
        if self.store.get(HOME_KEY)?.as_deref() == Some(text.as_str()) {
            return Ok(false);
        }
        if let Err(refused) = self.store.set(HOME_KEY, &text) {
            let _ = self.store.remove(HOME_KEY);
            return Err(refused.into());
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{open, person, t};
    use super::super::{MemoryStore, META_KEY};
    use super::*;
    use crate::home::DUE_PAGE;
    use crate::test_support::d;

    fn book_of(repo: &Repo<&MemoryStore>) -> Book {
        Book::from_contacts(repo.load().expect("load").contacts)
    }

    #[test]
    fn open_current_waits_for_an_upgrade_or_fresh_storage() {
        let store = MemoryStore::new();
        assert!(Repo::open_current(&store).expect("fresh").is_none());
        store.set(META_KEY, r#"{"schema":0}"#).unwrap();
        assert!(Repo::open_current(&store).expect("older").is_none());
        store.set(META_KEY, r#"{"schema":99}"#).unwrap();
        assert!(Repo::open_current(&store).is_err());
        store.remove(META_KEY).unwrap();

        let (repo, _) = open(&store);
        repo.save_contact(&person("a", "Ada"), t(1)).unwrap();
        let before = store.snapshot();
        let current = Repo::open_current(&store)
            .expect("current")
            .expect("no upgrade due");
        assert_eq!(
            store.snapshot(),
            before,
            "opening reads nothing and writes nothing"
        );
        assert_eq!(current.load().expect("load"), open(&store).1);
    }

    #[test]
    fn a_summary_is_read_back_on_its_day_and_written_only_when_it_changed() {
        let store = MemoryStore::new();
        let (repo, _) = open(&store);
        let today = d(2026, 12, 2);
        assert_eq!(repo.home_summary(today), None);
        repo.save_contact(&person("a", "Ada"), t(1)).unwrap();
        let book = book_of(&repo);
        assert!(repo.keep_home_summary(&book, today).unwrap());
        let summary = HomeSummary::of(&book, today, DUE_PAGE);
        assert_eq!(repo.home_summary(today), Some(summary));
        assert!(
            repo.home_summary(d(2026, 12, 3)).is_some(),
            "tomorrow's is kept too"
        );
        assert_eq!(repo.home_summary(d(2026, 12, 4)), None);

        store.set_fail_writes(true);
        assert!(
            !repo.keep_home_summary(&book, today).unwrap(),
            "the same summary is not rewritten"
        );
        store.set_fail_writes(false);

        repo.save_contact(&person("b", "Grace"), t(1)).unwrap();
        assert!(repo.keep_home_summary(&book_of(&repo), today).unwrap());
        assert_eq!(repo.home_summary(today).map(|s| s.contacts), Some(2));
    }

    #[test]
    fn a_summary_that_cannot_be_written_takes_the_old_one_away() {
        let store = MemoryStore::new();
        let (repo, _) = open(&store);
        let today = d(2026, 12, 2);
        repo.save_contact(&person("a", "Ada"), t(1)).unwrap();
        assert!(repo.keep_home_summary(&book_of(&repo), today).unwrap());
        repo.delete_contact("a", 1).unwrap();
        store.set_quota(Some(1));
        assert!(repo.keep_home_summary(&book_of(&repo), today).is_err());
        assert_eq!(
            store.get(HOME_KEY).unwrap(),
            None,
            "no summary naming the deleted contact"
        );
        assert_eq!(repo.home_summary(today), None);
    }

    #[test]
    fn a_damaged_summary_is_not_shown_and_is_no_record() {
        let store = MemoryStore::new();
        let (repo, _) = open(&store);
        repo.save_contact(&person("a", "Ada"), t(1)).unwrap();
        store.set(HOME_KEY, "~bdamaged").unwrap();
        assert_eq!(repo.home_summary(d(2026, 12, 2)), None);
        let loaded = repo.load().unwrap();
        assert_eq!(loaded.contacts.len(), 1);
        assert!(loaded.quarantined.is_empty());
    }

    #[test]
    fn a_newer_tab_keeps_this_one_from_writing_a_summary() {
        let store = MemoryStore::new();
        let (repo, _) = open(&store);
        let book = book_of(&repo);
        store.set(META_KEY, r#"{"schema":99}"#).unwrap();
        assert!(matches!(
            repo.keep_home_summary(&book, d(2026, 12, 2)),
            Err(SaveError::Outdated { found: 99 })
        ));
        assert_eq!(store.get(HOME_KEY).unwrap(), None);
    }
}
