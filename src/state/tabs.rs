//! Other tabs of the app: their writes arrive through the browser's `storage` event, and the
//! state reloads just the record they wrote (or everything, after a clear).

use leptos::prelude::*;
use weak_ties_domain::store::{contact_id_from_key, Document};

use super::{open_storage, AppState};

impl AppState {
    /// Another tab wrote `key` (the browser's `storage` event): reload just that record. A `None`
    /// key means the other tab cleared the site's storage: reload everything. A contact written
    /// before this tab has read the contacts is left to that read.
    pub fn reload_key(&self, key: Option<String>) {
        let Some(key) = key else {
            let (_, book, quarantined, blocked) = open_storage();
            self.contacts_read.set(true);
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
        if !self.contacts_read.get_untracked() {
            return;
        }
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

    /// Listens for writes made by other tabs of the app.
    pub fn follow_other_tabs(&self) {
        let state = *self;
        let handle =
            window_event_listener(leptos::ev::storage, move |ev| state.reload_key(ev.key()));
        // The listener lives as long as the page.
        std::mem::forget(handle);
    }
}
