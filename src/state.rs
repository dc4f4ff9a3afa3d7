//! The app state: the domain's `Book` in a signal, kept in step with storage. Pages call these
//! methods; each one writes through the `Repo` first and changes the signal only once the write
//! succeeded, so the screen never shows what was not saved.

use std::collections::BTreeMap;

use chrono::{DateTime, Local, NaiveDate, Utc};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use weak_ties_domain::backup::backup_file_name;
use weak_ties_domain::book::Book;
use weak_ties_domain::events::{Event, Proposed};
use weak_ties_domain::form::ContactDraft;
use weak_ties_domain::formats::ImportChoice;
use weak_ties_domain::model::{Contact, FollowUp, InteractionKind};
use weak_ties_domain::questions::{
    drawn_message, prepare, AskedLog, Category, ChatPrep, Deck, PersonContext, PreparedSet,
    QuestionBank, QuestionError,
};
use weak_ties_domain::reminder::{BackupLog, Reminder};
use weak_ties_domain::settings::Settings;
use weak_ties_domain::store::{
    contact_id_from_key, DocError, Document, KeyValue, Quarantined, Repo, SaveError,
};
use weak_ties_domain::template::TemplateSet;

use crate::browser::download::download;
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
    pub book: RwSignal<Book>,
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
    /// Opens the browser's storage and loads every readable contact and document.
    pub fn load() -> Self {
        let (repo, book, quarantined, blocked) = open_storage();
        let state = AppState {
            settings: unread(Document::Settings),
            bank: unread(Document::Questions),
            deck: unread(Document::Deck),
            asked: unread(Document::Asked),
            preps: unread(Document::Preps),
            templates: unread(Document::Templates),
            backup_log: unread(Document::BackupLog),
            repo: StoredValue::new(repo),
            book: RwSignal::new(book),
            quarantined: RwSignal::new(quarantined),
            blocked: RwSignal::new(blocked),
            toast: RwSignal::new(None),
            proposal: RwSignal::new(None),
        };
        state.read_docs(None);
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

    /// Changes the question bank and saves it; nothing is saved when the bank refuses the change.
    pub fn change_bank<R>(
        &self,
        change: impl FnOnce(&mut QuestionBank) -> Result<R, QuestionError>,
    ) -> Result<R, String> {
        let mut bank = self.bank.value.get_untracked();
        let result = change(&mut bank).map_err(|e| e.to_string())?;
        self.save_doc(self.bank, bank)?;
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
        }
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

    /// The current event, while conference mode is on (tracked).
    pub fn current_event(&self) -> Memo<Option<Event>> {
        let settings = self.settings.value;
        Memo::new(move |_| settings.with(|s| s.event.clone()))
    }

    /// Saves the current event (`None` turns conference mode off); a refusal shows as a toast.
    pub fn set_event(&self, event: Option<Event>) {
        if let Err(message) = self.change_doc(self.settings, |s| s.event = event) {
            self.show(Toast {
                message,
                undo: None,
            });
        }
    }

    /// What quick add starts from: the event's place, date and tag while conference mode is on.
    pub fn quick_add_draft(&self) -> ContactDraft {
        self.settings.value.with_untracked(|s| {
            s.event
                .as_ref()
                .map(|e| e.quick_add(today()))
                .unwrap_or_default()
        })
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

    /// Adds the thank-you follow-ups the end-of-day review proposes, one contact after the other,
    /// and says how many were added; it stops at the first refusal and returns why.
    pub fn add_thank_yous(&self, proposed: Vec<Proposed>) -> Result<String, String> {
        let mut added = 0;
        for p in proposed {
            self.change(&p.contact_id, |c| c.add_follow_up(p.follow_up))?;
            added += 1;
        }
        Ok(match added {
            1 => "Added 1 thank-you follow-up.".to_string(),
            n => format!("Added {n} thank-you follow-ups."),
        })
    }

    /// Changes the stored preparation for a contact (nothing happens if there is none).
    pub fn change_prep(
        &self,
        contact_id: &str,
        change: impl FnOnce(&mut ChatPrep),
    ) -> Result<(), String> {
        self.change_doc(self.preps, |preps| {
            if let Some(prep) = preps.get_mut(contact_id) {
                change(prep);
            }
        })
    }

    /// Puts `prep` in place of the contact's preparation.
    fn put_prep(&self, contact_id: String, prep: ChatPrep) -> Result<(), String> {
        self.change_doc(self.preps, |m| {
            m.insert(contact_id, prep);
        })
    }

    /// The user's talking points, as a prepared set of no question.
    fn no_questions(&self) -> PreparedSet {
        let bank = self.bank.value.get_untracked();
        self.settings
            .value
            .with_untracked(|s| prepare(&[], &bank, None, &s.talking_points))
    }

    /// Draws `n` questions (of `category`, or any) for the chat with a contact: the questions
    /// already asked or answered stay, the others are replaced, and none asked of them before
    /// comes back. Returns what the draw did, for the status line.
    pub fn draw_for_chat(
        &self,
        contact_id: &str,
        n: usize,
        category: Option<Category>,
        ctx: &PersonContext,
    ) -> Result<String, String> {
        let bank = self.bank.value.get_untracked();
        let kept = self
            .preps
            .value
            .with_untracked(|m| m.get(contact_id).map(ChatPrep::kept_on_redraw))
            .unwrap_or_default();
        let filter = self
            .asked
            .value
            .with_untracked(|a| a.redraw_filter(contact_id, category, &kept));
        let (ids, left) = self.change_doc(self.deck, |d| {
            let ids = d.draw(n, &bank, &filter);
            (ids, d.remaining(&bank, &filter))
        })?;
        let points = self.no_questions();
        let set = prepare(&ids, &bank, Some(ctx), points.own_talking_points());
        self.put_prep(
            contact_id.to_string(),
            ChatPrep::redrawn(contact_id, kept, &set),
        )?;
        Ok(drawn_message(n, ids.len(), left))
    }

    /// Adds a question picked from the list to the chat with a contact.
    pub fn pick_for_chat(
        &self,
        contact_id: &str,
        question_id: &str,
        ctx: &PersonContext,
    ) -> Result<(), String> {
        let bank = self.bank.value.get_untracked();
        let mut next = self
            .preps
            .value
            .with_untracked(|m| m.get(contact_id).cloned())
            .unwrap_or_else(|| ChatPrep::new(contact_id, &self.no_questions()));
        next.add_question(question_id, &bank, Some(ctx));
        self.put_prep(contact_id.to_string(), next)
    }

    /// Drops the preparation of a chat with a contact.
    pub fn discard_prep(&self, contact_id: &str) -> Result<(), String> {
        self.change_doc(self.preps, |m| {
            m.remove(contact_id);
        })
    }

    /// **Save to timeline**: the prepared chat is logged on the contact (with the answers in their
    /// notes), its questions recorded as asked of them, and the preparation removed, in one
    /// all-or-nothing write; then the thank-you it proposes is offered. Nothing happens without
    /// a preparation.
    pub fn save_chat(&self, contact_id: &str, on: NaiveDate) -> Result<(), String> {
        let Some(prep) = self
            .preps
            .value
            .with_untracked(|m| m.get(contact_id).cloned())
        else {
            return Ok(());
        };
        refuse_if_corrupt(self.asked)?;
        refuse_if_corrupt(self.preps)?;
        let mut contact = self
            .book
            .with_untracked(|b| b.get(contact_id).cloned())
            .ok_or_else(|| "This contact no longer exists.".to_string())?;
        let mut asked = self.asked.value.get_untracked();
        let mut preps = self.preps.value.get_untracked();
        let proposal = prep.save_to_timeline(&mut contact, &mut asked, &mut preps, on, today());
        let (asked_doc, preps_doc) = (self.asked.document, self.preps.document);
        let saved = self.with_repo(|repo| {
            let docs = [
                (asked_doc, repo.doc_text(asked_doc, &asked)?),
                (preps_doc, repo.doc_text(preps_doc, &preps)?),
            ];
            repo.save_contact_with_docs(&contact, &docs, now())
        })?;
        self.book.update(|b| {
            b.upsert(saved);
        });
        self.asked.value.set(asked);
        self.preps.value.set(preps);
        self.proposal.set(proposal.map(|follow_up| Proposal {
            contact_id: contact_id.to_string(),
            follow_up,
        }));
        Ok(())
    }

    /// Another tab wrote `key` (the browser's `storage` event): reload just that record. A `None`
    /// key means the other tab cleared the site's storage: reload everything.
    pub fn reload_key(&self, key: Option<String>) {
        let Some(key) = key else {
            let (_, book, quarantined, blocked) = open_storage();
            self.book.set(book);
            self.quarantined.set(quarantined);
            self.blocked.set(blocked);
            self.read_docs(None);
            return;
        };
        if let Some(document) = Document::from_key(&key) {
            self.read_docs(Some(document));
            return;
        }
        let Some(id) = contact_id_from_key(&key).map(str::to_string) else {
            return;
        };
        let reloaded = self
            .repo
            .with_value(|repo| repo.as_ref().map(|repo| repo.reload_contact(&key)));
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

    /// Everything the app keeps, as one backup file's text.
    pub fn export_backup(&self) -> Result<String, String> {
        self.repo.with_value(|repo| match repo {
            Some(repo) => repo
                .export_backup(now())
                .map(|b| b.to_json())
                .map_err(|e| e.to_string()),
            None => Err(self
                .blocked
                .get_untracked()
                .unwrap_or_else(|| "Storage is not available.".into())),
        })
    }

    /// Exports a backup through the browser's download and notes when, for the reminder.
    pub fn download_backup(&self) -> Result<(), String> {
        let text = self.export_backup()?;
        download(&backup_file_name(today()), "application/json", &text)?;
        self.note_backup();
        Ok(())
    }

    /// Notes that a backup was made now, for the reminder. The backup is made even if the note
    /// cannot be saved: the reminder just comes back.
    pub fn note_backup(&self) {
        let _ = self.change_doc(self.backup_log, |log| log.backed_up(now()));
    }

    /// Whether to suggest a backup now (tracked: it follows the contacts and the log).
    pub fn backup_reminder(&self) -> Option<Reminder> {
        let changes = self.book.with(Book::changes);
        self.backup_log
            .value
            .with(|log| log.reminder(changes, now()))
    }

    /// "Not now" on the backup reminder.
    pub fn snooze_backup_reminder(&self) -> Result<(), String> {
        self.change_doc(self.backup_log, |log| log.snooze(now()))
    }

    /// Checks a backup file as a whole, then merges it in (all or nothing) and shows the result.
    pub fn import_backup(&self, bytes: &[u8]) -> Result<String, String> {
        let backup =
            weak_ties_domain::backup::parse_backup_bytes(bytes).map_err(|e| e.to_string())?;
        let report = self.repo.with_value(|repo| match repo {
            Some(repo) => repo.import_backup(&backup).map_err(|e| e.to_string()),
            None => Err("Storage is not available.".to_string()),
        })?;
        self.reload_key(None);
        Ok(report.to_string())
    }

    /// Saves the cards of a vCard import as chosen (all or nothing), shows them, and returns
    /// "Added N, merged N, skipped N."
    pub fn import_cards(
        &self,
        cards: &[(Contact, ImportChoice, Option<String>)],
    ) -> Result<String, String> {
        let (saved, summary) = self.with_repo(|repo| repo.import_cards(cards, now()))?;
        self.book.update(|b| {
            for contact in saved {
                b.upsert(contact);
            }
        });
        Ok(summary.to_string())
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

    /// Listens for writes made by other tabs of the app.
    pub fn follow_other_tabs(&self) {
        let state = *self;
        let handle =
            window_event_listener(leptos::ev::storage, move |ev| state.reload_key(ev.key()));
        // The listener lives as long as the page.
        std::mem::forget(handle);
    }
}
