//! A quick start with many contacts: Home's stored summary (`weak_ties_domain::home`) is shown
//! while the contacts are read, right after the first screen.
//!
//! Invariant: nothing uses the book before the contacts are read. Every route's view reads them
//! before its page ([`AppState::read_contacts`], in `routes.rs`), and so does every method of
//! the state that reads or changes contacts (through [`AppState::contacts`]). Until then Home,
//! the navigation's badge and the backup reminder take what they show from the summary.

use leptos::prelude::*;
use weak_ties_domain::book::Book;
use weak_ties_domain::home::HomeSummary;
use weak_ties_domain::reminder::Changes;

use super::{open_storage, today, AppState};

impl AppState {
    /// Reads every contact, once: the book, the records that cannot be read, and why storage
    /// cannot be used, if it cannot. Then keeps Home's summary of what was read.
    pub fn read_contacts(&self) {
        if self.contacts_read.get_untracked() {
            return;
        }
        let loaded = self.repo.with_value(|repo| repo.as_ref().map(|r| r.load()));
        match loaded {
            Some(Ok(loaded)) => {
                self.book.set(Book::from_contacts(loaded.contacts));
                self.quarantined.update(|q| {
                    q.retain(|old| loaded.quarantined.iter().all(|bad| bad.key != old.key));
                    q.extend(loaded.quarantined);
                });
            }
            // Storage went away since it was opened: say so as a start-up would.
            _ => {
                let (repo, book, quarantined, blocked) = open_storage();
                self.repo.set_value(repo);
                self.book.set(book);
                self.quarantined.set(quarantined);
                self.blocked.set(blocked);
            }
        }
        self.contacts_read.set(true);
        self.prepare_search_soon();
        // Once the change just made to the book has been seen (`keep_home_summary_when_hidden`).
        let state = *self;
        set_timeout(move || state.keep_home_summary(), std::time::Duration::ZERO);
    }

    /// Reads the contacts once the first screen has painted, if they are not read yet; then
    /// (or at once, if they are) folds their search texts in the background. The second frame's
    /// start is the first moment the first one is surely painted.
    pub fn read_contacts_after_first_paint(&self) {
        if self.contacts_read.get_untracked() {
            self.prepare_search_soon();
            return;
        }
        let state = *self;
        request_animation_frame(move || {
            request_animation_frame(move || {
                set_timeout(move || state.read_contacts(), std::time::Duration::ZERO);
            });
        });
    }

    /// The book, its contacts read first: what the state's methods use.
    pub(super) fn contacts(&self) -> RwSignal<Book> {
        self.read_contacts();
        self.book
    }

    /// What Home shows (tracked): made from the contacts once read, with every due follow-up;
    /// the stored summary until then.
    pub fn home(&self) -> HomeSummary {
        if self.contacts_read.get() {
            return self.book.with(|b| HomeSummary::of(b, today(), usize::MAX));
        }
        self.first_home
            .get_value()
            .unwrap_or_else(|| HomeSummary::of(&Book::new(), today(), 0))
    }

    /// How many follow-ups are overdue (tracked), for the navigation's badge and the app's.
    pub fn overdue_count(&self) -> usize {
        if self.contacts_read.get() {
            return self.book.with(|b| b.overdue_count(today()));
        }
        self.first_home
            .with_value(|s| s.as_ref().map_or(0, |s| s.overdue.total))
    }

    /// The span of changes to the contacts (tracked), for the backup reminder.
    pub(super) fn changes(&self) -> Option<Changes> {
        if self.contacts_read.get() {
            return self.book.with(Book::changes);
        }
        self.first_home.with_value(|s| s.as_ref()?.changes)
    }

    /// Stores Home's summary of the contacts, if it changed. A refused write only makes the next
    /// start slower, so it is not reported.
    pub(super) fn keep_home_summary(&self) {
        if !self.contacts_read.get_untracked() {
            return;
        }
        let kept = self.repo.with_value(|repo| {
            repo.as_ref().is_some_and(|repo| {
                self.book
                    .with_untracked(|b| repo.keep_home_summary(b, today()))
                    .is_ok()
            })
        });
        // Refused (storage full): tried again the next time the app leaves the screen.
        self.summary_dirty.set_value(!kept);
    }

    /// Keeps Home's summary whenever the app leaves the screen (another app, another tab, the
    /// page closed or reloaded), the last moment a phone reliably gives a page, if the contacts
    /// changed since it was last kept: leaving costs nothing otherwise.
    pub fn keep_home_summary_when_hidden(&self) {
        let state = *self;
        Effect::new(move |seen: Option<()>| {
            state.book.track();
            if seen.is_some() {
                state.summary_dirty.set_value(true);
            }
        });
        let keep = move || {
            if state.summary_dirty.get_value() {
                state.keep_home_summary();
            }
        };
        let on_change = window_event_listener_untyped("visibilitychange", move |_| {
            if crate::browser::page_hidden() {
                keep();
            }
        });
        let on_hide = window_event_listener(leptos::ev::pagehide, move |_| keep());
        // The listeners live as long as the page.
        std::mem::forget((on_change, on_hide));
    }
}
