//! The app state: the domain's `Book` in a signal, kept in step with storage. Pages call these
//! methods; each one writes through the `Repo` first and changes the signal only once the write
//! succeeded, so the screen never shows what was not saved.

mod backup;
mod chat;
mod contacts;
mod events;
mod home;
mod tabs;

pub use backup::download_backup_from_banner;

use std::collections::BTreeMap;

use chrono::{DateTime, Local, NaiveDate, Utc};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use weak_ties_domain::book::Book;
use weak_ties_domain::duplicates::{MergeUndo, NotDuplicates};
use weak_ties_domain::home::HomeSummary;
use weak_ties_domain::model::{Contact, FollowUp};
use weak_ties_domain::questions::{AskedLog, ChatPrep, Deck, QuestionBank};
use weak_ties_domain::reminder::BackupLog;
use weak_ties_domain::settings::Settings;
use weak_ties_domain::store::{DocError, Document, KeyValue, Quarantined, Repo, SaveError};
use weak_ties_domain::template::TemplateSet;

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
    pub undo: Option<Undo>,
}

/// What **Undo** in a toast takes back.
#[derive(Clone, Debug, PartialEq)]
pub enum Undo {
    /// A deleted contact, which it brings back.
    Delete(Box<Contact>),
    /// A merge, whose contacts it restores as they were.
    Merge(MergeUndo),
}

/// A thank-you follow-up that the app proposes after a meeting or a chat.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub contact_id: String,
    pub follow_up: FollowUp,
}

/// One stored document (settings, the question deck...) and its signal. A document whose stored
/// copy could not be read is not saved over until the user has dealt with it.
pub struct Doc<T: Send + Sync + 'static> {
    document: Document,
    pub value: RwSignal<T>,
    corrupt: RwSignal<bool>,
}

impl<T: Send + Sync + 'static> Clone for Doc<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Doc<T> {}

/// Shared by every page through Leptos' context. All fields are signals, so it is `Copy`.
#[derive(Clone, Copy)]
pub struct AppState {
    repo: StoredValue<Option<Repo<BrowserStorage>>>,
    /// Every readable contact. Empty until `contacts_read`: a page reads them first
    /// ([`AppState::read_contacts`]), and so does every method here that uses them.
    pub book: RwSignal<Book>,
    /// Whether the contacts have been read. A start on the day of the stored summary of Home
    /// shows that summary first and reads the contacts right after (`state/home.rs`).
    pub contacts_read: RwSignal<bool>,
    /// Home's stored summary, shown until the contacts are read.
    first_home: StoredValue<Option<HomeSummary>>,
    /// Whether the contacts changed since Home's summary was last kept.
    summary_dirty: StoredValue<bool>,
    /// Stored records that could not be read; kept in storage untouched.
    pub quarantined: RwSignal<Vec<Quarantined>>,
    /// Why the data could not be opened (then nothing is written).
    pub blocked: RwSignal<Option<String>>,
    pub toast: RwSignal<Option<Toast>>,
    pub proposal: RwSignal<Option<Proposal>>,
    pub settings: Doc<Settings>,
    pub bank: Doc<QuestionBank>,
    pub deck: Doc<Deck>,
    pub asked: Doc<AskedLog>,
    /// The chat being prepared with each contact, by contact id.
    pub preps: Doc<BTreeMap<String, ChatPrep>>,
    pub templates: Doc<TemplateSet>,
    /// When the last backup was made (this browser only).
    pub backup_log: Doc<BackupLog>,
    /// The pairs of contacts the user said are not duplicates.
    pub not_duplicates: Doc<NotDuplicates>,
}

/// A document before it is read ([`AppState::read_docs`]): which one, and its default value.
fn unread<T: Default + Send + Sync + 'static>(document: Document) -> Doc<T> {
    Doc {
        document,
        value: RwSignal::new(T::default()),
        corrupt: RwSignal::new(false),
    }
}

/// Refuses to save over a document whose stored copy could not be read.
fn refuse_if_corrupt<T: Send + Sync + 'static>(doc: Doc<T>) -> Result<(), String> {
    if doc.corrupt.get_untracked() {
        return Err(format!(
            "The saved {} could not be read, so it is kept as it was and this change was not \
             saved. Download it from the message at the top of the page, then choose Discard.",
            doc.document.name()
        ));
    }
    Ok(())
}

/// Opens the browser's storage: the repository, the book of every readable contact, the records
/// that could not be read, and why the data could not be opened at all.
fn open_storage() -> (
    Option<Repo<BrowserStorage>>,
    Book,
    Vec<Quarantined>,
    Option<String>,
) {
    match Repo::open(BrowserStorage) {
        Ok((repo, loaded)) => (
            Some(repo),
            Book::from_contacts(loaded.contacts),
            loaded.quarantined,
            None,
        ),
        Err(e) => (None, Book::new(), Vec::new(), Some(e.to_string())),
    }
}

/// A random seed for a new question deck.
fn random_seed() -> u64 {
    let bytes = *uuid::Uuid::new_v4().as_bytes();
    u64::from_le_bytes(bytes[..8].try_into().unwrap_or_default())
}

impl AppState {
    /// Opens the browser's storage and reads every stored document. The contacts are read now,
    /// unless Home's summary of today is stored: then they are read right after the first screen.
    pub fn load() -> Self {
        let summary = Repo::open_current(BrowserStorage)
            .ok()
            .flatten()
            .and_then(|repo| Some((repo.home_summary(today())?, repo)));
        let contacts_read = summary.is_none();
        let (repo, book, quarantined, blocked, first_home) = match summary {
            Some((summary, repo)) => (Some(repo), Book::new(), Vec::new(), None, Some(summary)),
            None => {
                let (repo, book, quarantined, blocked) = open_storage();
                (repo, book, quarantined, blocked, None)
            }
        };
        let state = AppState {
            settings: unread(Document::Settings),
            bank: unread(Document::Questions),
            deck: unread(Document::Deck),
            asked: unread(Document::Asked),
            preps: unread(Document::Preps),
            templates: unread(Document::Templates),
            backup_log: unread(Document::BackupLog),
            not_duplicates: unread(Document::NotDuplicates),
            repo: StoredValue::new(repo),
            book: RwSignal::new(book),
            contacts_read: RwSignal::new(contacts_read),
            first_home: StoredValue::new(first_home),
            summary_dirty: StoredValue::new(false),
            quarantined: RwSignal::new(quarantined),
            blocked: RwSignal::new(blocked),
            toast: RwSignal::new(None),
            proposal: RwSignal::new(None),
        };
        state.read_docs(None);
        if contacts_read {
            state.keep_home_summary();
        }
        state
    }

    /// Reads the stored documents, every one or only `only`, in the order of [`Document::ALL`].
    fn read_docs(&self, only: Option<Document>) {
        for document in Document::ALL {
            if only.is_none_or(|one| one == document) {
                self.read_doc(document);
            }
        }
    }

    /// Reads one stored document into its signal. A missing document takes its first value; so
    /// does an unreadable one, which joins the unreadable records and is not saved over.
    fn read_doc(&self, document: Document) {
        fn read<T: DeserializeOwned + Send + Sync + 'static>(
            state: &AppState,
            doc: Doc<T>,
            first: impl FnOnce() -> T,
        ) {
            let read = state
                .repo
                .with_value(|repo| repo.as_ref().map(|r| r.load_doc::<T>(doc.document)));
            let (value, corrupt, bad) = match read {
                Some(Ok(Some(value))) => (value, false, None),
                Some(Err(DocError::Corrupt(bad))) => (first(), true, Some(bad)),
                _ => (first(), false, None),
            };
            doc.value.set(value);
            doc.corrupt.set(corrupt);
            let key = doc.document.key();
            state.quarantined.update(|q| {
                q.retain(|x| x.key != key);
                q.extend(bad);
            });
        }
        match document {
            Document::Settings => read(self, self.settings, Settings::default),
            Document::Questions => read(self, self.bank, QuestionBank::default),
            // A first deck is shuffled from the question bank, read before it.
            Document::Deck => {
                let bank = self.bank.value;
                read(self, self.deck, || {
                    Deck::new(random_seed(), &bank.get_untracked())
                });
            }
            Document::Asked => read(self, self.asked, AskedLog::default),
            Document::Preps => read(self, self.preps, BTreeMap::new),
            Document::Templates => read(self, self.templates, TemplateSet::with_builtins),
            Document::BackupLog => read(self, self.backup_log, BackupLog::default),
            Document::NotDuplicates => read(self, self.not_duplicates, NotDuplicates::default),
        }
    }

    fn with_repo<R>(
        &self,
        f: impl FnOnce(&Repo<BrowserStorage>) -> Result<R, SaveError>,
    ) -> Result<R, String> {
        self.read_contacts();
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
        if let SaveError::Conflict {
            current: Some(newer),
        } = &e
        {
            self.book.update(|b| {
                b.upsert(Contact::clone(newer));
            });
        }
        e.to_string()
    }

    /// Saves a new version of a document, then shows it.
    pub fn save_doc<T: Serialize + Send + Sync + 'static>(
        &self,
        doc: Doc<T>,
        value: T,
    ) -> Result<(), String> {
        refuse_if_corrupt(doc)?;
        self.with_repo(|repo| repo.save_doc(doc.document, &value))?;
        doc.value.set(value);
        Ok(())
    }

    /// Changes a document with `change` and saves it.
    pub fn change_doc<T: Clone + Serialize + Send + Sync + 'static, R>(
        &self,
        doc: Doc<T>,
        change: impl FnOnce(&mut T) -> R,
    ) -> Result<R, String> {
        let mut value = doc.value.get_untracked();
        let result = change(&mut value);
        self.save_doc(doc, value)?;
        Ok(result)
    }

    /// Deletes an unreadable record the user has chosen to discard (after downloading it).
    pub fn discard(&self, key: &str) -> Result<(), String> {
        BrowserStorage.remove(key).map_err(|e| e.to_string())?;
        self.quarantined.update(|q| q.retain(|x| x.key != key));
        if let Some(document) = Document::from_key(key) {
            self.corrupt_flag(document).set(false);
        }
        Ok(())
    }

    /// Whether the stored copy of `document` could not be read (then it is not saved over).
    fn corrupt_flag(&self, document: Document) -> RwSignal<bool> {
        match document {
            Document::Settings => self.settings.corrupt,
            Document::Questions => self.bank.corrupt,
            Document::Deck => self.deck.corrupt,
            Document::Asked => self.asked.corrupt,
            Document::Preps => self.preps.corrupt,
            Document::Templates => self.templates.corrupt,
            Document::BackupLog => self.backup_log.corrupt,
            Document::NotDuplicates => self.not_duplicates.corrupt,
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

    /// Folds the contacts' search texts in slices of a millisecond or two, each its own task, from
    /// the first frame on: start-up does not wait for them, the page stays responsive meanwhile,
    /// and the first search finds them ready (a search typed sooner folds the rest itself).
    pub fn prepare_search_soon(&self) {
        fn slice(book: RwSignal<Book>) {
            set_timeout(
                move || {
                    if book.try_with_untracked(|b| b.prepare_search(250)) == Some(false) {
                        slice(book);
                    }
                },
                std::time::Duration::ZERO,
            );
        }
        let book = self.book;
        request_animation_frame(move || slice(book));
    }
}
