//! The app state: the domain's `Book` in a signal, kept in step with storage. Pages call these
//! methods; each one writes through the `Repo` first and changes the signal only once the write
//! succeeded, so the screen never shows what was not saved.

use chrono::{DateTime, Local, NaiveDate, Utc};
use leptos::prelude::*;
use weak_ties_domain::book::Book;
use weak_ties_domain::model::{Contact, FollowUp};
use weak_ties_domain::store::{contact_id_from_key, Quarantined, Repo, SaveError};

use crate::storage::local::BrowserStorage;

/// Today's calendar date in the user's time zone.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// The current instant.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// A short message at the bottom of the screen, optionally with an undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub message: String,
    /// A deleted contact that **Undo** brings back.
    pub undo: Option<Contact>,
}

/// A thank-you follow-up that the app proposes after a meeting or a chat.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub contact_id: String,
    pub follow_up: FollowUp,
}

/// Shared by every page through Leptos' context. All fields are signals, so it is `Copy`.
#[derive(Clone, Copy)]
pub struct AppState {
    repo: StoredValue<Option<Repo<BrowserStorage>>>,
    pub book: RwSignal<Book>,
    /// Stored records that could not be read; kept in storage untouched.
    pub quarantined: RwSignal<Vec<Quarantined>>,
    /// Why the data could not be opened (then nothing is written).
    pub blocked: RwSignal<Option<String>>,
    pub toast: RwSignal<Option<Toast>>,
    pub proposal: RwSignal<Option<Proposal>>,
}

impl AppState {
    /// Opens the browser's storage and loads every readable contact.
    pub fn load() -> Self {
        let (repo, book, quarantined, blocked) = match Repo::open(BrowserStorage) {
            Ok((repo, loaded)) => (
                Some(repo),
                Book::from_contacts(loaded.contacts),
                loaded.quarantined,
                None,
            ),
            Err(e) => (None, Book::new(), Vec::new(), Some(e.to_string())),
        };
        AppState {
            repo: StoredValue::new(repo),
            book: RwSignal::new(book),
            quarantined: RwSignal::new(quarantined),
            blocked: RwSignal::new(blocked),
            toast: RwSignal::new(None),
            proposal: RwSignal::new(None),
        }
    }

    fn with_repo<R>(
        &self,
        f: impl FnOnce(&Repo<BrowserStorage>) -> Result<R, SaveError>,
    ) -> Result<R, String> {
        self.repo.with_value(|repo| match repo {
            Some(repo) => f(repo).map_err(|e| self.after_refusal(e)),
            None => Err(self
                .blocked
                .get_untracked()
                .unwrap_or_else(|| "Storage is not available.".into())),
        })
    }

    /// After a refused save, shows what storage now holds (a newer version from another tab),
    /// and returns the message for the user.
    fn after_refusal(&self, e: SaveError) -> String {
        if let SaveError::Conflict { current } = &e {
            match current {
                Some(newer) => self.book.update(|b| {
                    b.upsert(newer.clone());
                }),
                None => {}
            }
        }
        e.to_string()
    }

    /// Saves a new or edited contact (its `rev` is the revision the edit started from).
    pub fn save(&self, contact: &Contact) -> Result<Contact, String> {
        let saved = self.with_repo(|repo| repo.save_contact(contact, now()))?;
        self.book.update(|b| {
            b.upsert(saved.clone());
        });
        Ok(saved)
    }

    /// Applies `change` to a copy of the stored contact and saves it.
    pub fn change<R>(&self, id: &str, change: impl FnOnce(&mut Contact) -> R) -> Result<R, String> {
        let mut contact = self
            .book
            .with_untracked(|b| b.get(id).cloned())
            .ok_or_else(|| "This contact no longer exists.".to_string())?;
        let result = change(&mut contact);
        self.save(&contact)?;
        Ok(result)
    }

    /// Deletes a contact and offers to undo it for a few seconds.
    pub fn delete(&self, id: &str) -> Result<(), String> {
        let rev = self
            .book
            .with_untracked(|b| b.get(id).map(|c| c.rev))
            .ok_or_else(|| "This contact no longer exists.".to_string())?;
        let deleted = self.with_repo(|repo| repo.delete_contact(id, rev))?;
        self.book.update(|b| {
            b.remove(id);
        });
        self.show(Toast {
            message: format!("Deleted {}.", deleted.name),
            undo: Some(deleted),
        });
        Ok(())
    }

    /// Brings back a contact deleted a moment ago.
    pub fn undo_delete(&self, contact: &Contact) {
        match self.with_repo(|repo| repo.restore_contact(contact)) {
            Ok(restored) => {
                let name = restored.name.clone();
                self.book.update(|b| {
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

    /// Shows a toast; it goes away by itself after a few seconds.
    pub fn show(&self, toast: Toast) {
        self.toast.set(Some(toast.clone()));
        let slot = self.toast;
        set_timeout(
            move || {
                if slot.get_untracked().as_ref() == Some(&toast) {
                    slot.set(None);
                }
            },
            std::time::Duration::from_secs(8),
        );
    }

    /// Accepts the proposed thank-you follow-up.
    pub fn accept_proposal(&self) -> Result<(), String> {
        if let Some(p) = self.proposal.get_untracked() {
            self.change(&p.contact_id, |c| c.add_follow_up(p.follow_up.clone()))?;
        }
        self.proposal.set(None);
        Ok(())
    }

    /// Another tab wrote `key` (the browser's `storage` event): reload just that record. A `None`
    /// key means the other tab cleared the site's storage: reload everything.
    pub fn reload_key(&self, key: Option<String>) {
        let Some(key) = key else {
            let fresh = AppState::load();
            self.book.set(fresh.book.get_untracked());
            self.quarantined.set(fresh.quarantined.get_untracked());
            self.blocked.set(fresh.blocked.get_untracked());
            return;
        };
        let Some(id) = contact_id_from_key(&key).map(str::to_string) else {
            return;
        };
        let reloaded = self.repo.with_value(|repo| {
            repo.as_ref().map(|repo| repo.reload_contact(&key))
        });
        match reloaded {
            Some(Ok(Some(contact))) => self.book.update(|b| {
                b.upsert(contact);
            }),
            Some(Ok(None)) => self.book.update(|b| {
                b.remove(&id);
            }),
            Some(Err(bad)) => {
                self.book.update(|b| {
                    b.remove(&id);
                });
                self.quarantined.update(|q| {
                    q.retain(|old| old.key != bad.key);
                    q.push(bad);
                });
            }
            None => {}
        }
    }

    /// Listens for writes made by other tabs of the app.
    pub fn follow_other_tabs(&self) {
        let state = *self;
        let handle = window_event_listener(leptos::ev::storage, move |ev| state.reload_key(ev.key()));
        // The listener lives as long as the page.
        std::mem::forget(handle);
    }
}
