//! The in-memory collection of contacts that the UI holds ([`Book`]), keyed by id and built for
//! ten thousand contacts, and the views the pages ask it for: filtered and sorted pages of the
//! list ([`Book::query_first`]), the open follow-ups ([`Book::follow_ups`]), who is due a touch
//! ([`Book::touch_due`]), recent and introduced contacts, tags and events for the filters.
//!
//! - `search.rs`: the search index, i.e. each stored contact with its precomputed sort keys and
//!   its search text, and a [`Query`] prepared once to match them.
//! - `fold.rs`: [`fold()`], the case- and accent-folding that search, filters and duplicate
//!   detection share.
//! - `tally.rs`: counts about the book as a whole (overdue follow-ups, first and last change,
//!   who introduced whom), kept up to date contact by contact.
//!
//! Invariant: each contact's sort keys and tally counts are refreshed whenever it is stored
//! ([`Book::upsert`], [`Book::update`], [`Book::remove`]), so a view never sees stale keys and
//! one save costs the same with ten contacts as with ten thousand.
//!
//! Invariant: a contact's search text is folded once, when first needed (the first search, or
//! [`Book::prepare_search`] after start-up), so a search does no allocation per contact.
//!
//! Invariant: every view is in a stable order: ties are broken by name, then id.

mod fold;
mod search;
mod tally;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::follow_ups::Bucket;
use crate::model::{Contact, FollowUp};
use crate::reminder::Changes;

pub use fold::fold;
pub use search::{Query, Sort};

use search::{Entry, Prepared};
use tally::Tally;

/// An open follow-up together with its contact, for the follow-ups list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueItem {
    pub contact_id: String,
    pub contact_name: String,
    pub follow_up: FollowUp,
    pub bucket: Bucket,
}

/// The user's contacts, in memory, keyed by id. Like a todo list's model: the UI holds one and
/// asks it for filtered, sorted views.
#[derive(Clone, Debug, Default)]
pub struct Book {
    entries: Vec<Entry>,
    index: HashMap<String, usize>,
    tally: Tally,
}

impl Book {
    /// An empty book.
    pub fn new() -> Self {
        Self::default()
    }

    /// A book holding these contacts; when two share an id, the later one wins.
    pub fn from_contacts(contacts: Vec<Contact>) -> Self {
        let mut book = Book {
            entries: Vec::with_capacity(contacts.len()),
            index: HashMap::with_capacity(contacts.len()),
            tally: Tally::default(),
        };
        for c in contacts {
            book.upsert(c);
        }
        book
    }

    /// The contact with this id.
    pub fn get(&self, id: &str) -> Option<&Contact> {
        self.index.get(id).map(|&i| &self.entries[i].contact)
    }

    /// Whether a contact with this id is stored.
    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// Folds the search text of up to `limit` contacts not yet searched; `true` when every
    /// contact's is ready. The app calls it in slices once the list is on screen, so that neither
    /// start-up nor the first search pays for it.
    pub fn prepare_search(&self, limit: usize) -> bool {
        let mut todo = self.entries.iter().filter(|e| e.search.get().is_none());
        todo.by_ref().take(limit).for_each(|e| {
            e.search();
        });
        todo.next().is_none()
    }

    /// Stores the contact, replacing the one with the same id; returns the replaced one.
    pub fn upsert(&mut self, contact: Contact) -> Option<Contact> {
        let entry = Entry::new(contact);
        match self.index.get(&entry.contact.id) {
            Some(&i) => {
                let old = std::mem::replace(&mut self.entries[i], entry).contact;
                self.tally.remove(&old);
                self.tally.add(&self.entries[i].contact);
                Some(old)
            }
            None => {
                self.tally.add(&entry.contact);
                self.index
                    .insert(entry.contact.id.clone(), self.entries.len());
                self.entries.push(entry);
                None
            }
        }
    }

    /// The oldest creation and the latest update among the contacts (`None` without any), for
    /// the backup reminder.
    pub fn changes(&self) -> Option<Changes> {
        Some(Changes {
            first: *self.tally.created.keys().next()?,
            last: *self.tally.updated.keys().next_back()?,
        })
    }

    /// Changes the contact with this id in place and refreshes its search text; returns what
    /// `change` returned, or `None` when there is no such contact. `change` must not alter the
    /// id (if it does, the change is still stored, under the new id).
    pub fn update<R>(&mut self, id: &str, change: impl FnOnce(&mut Contact) -> R) -> Option<R> {
        let &i = self.index.get(id)?;
        let mut contact = self.entries[i].contact.clone();
        let result = change(&mut contact);
        if contact.id != id {
            self.remove(id);
        }
        self.upsert(contact);
        Some(result)
    }

    /// Removes the contact with this id and returns it. Other contacts that name it in
    /// `introduced_by` keep the id.
    pub fn remove(&mut self, id: &str) -> Option<Contact> {
        let i = self.index.remove(id)?;
        let entry = self.entries.swap_remove(i);
        self.tally.remove(&entry.contact);
        if let Some(moved) = self.entries.get(i) {
            self.index.insert(moved.contact.id.clone(), i);
        }
        Some(entry.contact)
    }

    /// How many contacts there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no contacts.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every contact, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &Contact> {
        self.entries.iter().map(|e| &e.contact)
    }

    /// The contacts that match the query, in its sort order. Ties are broken by name, then id,
    /// so the order is stable.
    pub fn query(&self, q: &Query) -> Vec<&Contact> {
        self.query_first(q, usize::MAX).1
    }

    /// How many contacts match the query, and the first `limit` of them in its order: a page of
    /// the list. Only those are sorted, so a search that matches thousands costs little more
    /// than one that matches fifty.
    pub fn query_first(&self, q: &Query, limit: usize) -> (usize, Vec<&Contact>) {
        let p = Prepared::new(q);
        let mut hits: Vec<&Entry> = self.entries.iter().filter(|e| p.matches(e)).collect();
        let total = hits.len();
        let order = |a: &&Entry, b: &&Entry| match p.sort {
            Sort::Name => a.by_name(b),
            Sort::RecentlyMet => b.met_key.cmp(&a.met_key).then_with(|| a.by_name(b)),
            Sort::LongestWithoutContact => {
                a.last_touch.cmp(&b.last_touch).then_with(|| a.by_name(b))
            }
        };
        first_sorted(&mut hits, limit, &order);
        (total, hits.into_iter().map(|e| &e.contact).collect())
    }

    /// Every tag in use, once (case- and accent-insensitively; the first spelling seen wins),
    /// sorted the same way, for the tag filter.
    pub fn tags(&self) -> Vec<String> {
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for e in &self.entries {
            for (key, tag) in e.tag_keys.iter().zip(&e.contact.tags) {
                if !key.is_empty() {
                    seen.entry(key).or_insert(tag.trim());
                }
            }
        }
        seen.into_values().map(str::to_string).collect()
    }

    /// Every event (non-blank `where_met`) in use, once, sorted like [`Book::tags`], for the
    /// event filter.
    pub fn events(&self) -> Vec<String> {
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for e in &self.entries {
            if !e.event_key.is_empty() {
                seen.entry(&e.event_key)
                    .or_insert(e.contact.where_met.trim());
            }
        }
        seen.into_values().map(str::to_string).collect()
    }

    /// Every open follow-up with its contact and bucket, by due date (then contact name, then
    /// follow-up id).
    pub fn follow_ups(&self, today: NaiveDate) -> Vec<DueItem> {
        let mut items: Vec<(&Entry, &FollowUp)> = self
            .entries
            .iter()
            .flat_map(|e| e.contact.open_follow_ups().map(move |f| (e, f)))
            .collect();
        items.sort_unstable_by(|(ea, fa), (eb, fb)| {
            fa.due
                .cmp(&fb.due)
                .then_with(|| ea.by_name(eb))
                .then_with(|| fa.id.cmp(&fb.id))
        });
        items
            .into_iter()
            .map(|(e, f)| DueItem {
                contact_id: e.contact.id.clone(),
                contact_name: e.contact.name.clone(),
                follow_up: f.clone(),
                bucket: f.bucket(today),
            })
            .collect()
    }

    /// How many open follow-ups are overdue on `today` (for a badge).
    pub fn overdue_count(&self, today: NaiveDate) -> usize {
        self.open_due_in(..today)
    }

    /// How many open follow-ups fall due on the days of `range`, counted from the tally (no walk
    /// over the contacts).
    pub fn open_due_in(&self, range: impl std::ops::RangeBounds<NaiveDate>) -> usize {
        self.tally.open_due.range(range).map(|(_, n)| n).sum()
    }

    /// The contacts it is time to get in touch with on `today`, longest overdue first (then by
    /// name).
    pub fn touch_due(&self, today: NaiveDate) -> Vec<&Contact> {
        let mut due: Vec<(NaiveDate, &Entry)> = self
            .entries
            .iter()
            .filter_map(|e| e.next_touch.filter(|&d| d <= today).map(|d| (d, e)))
            .collect();
        due.sort_unstable_by(|(da, a), (db, b)| da.cmp(db).then_with(|| a.by_name(b)));
        due.into_iter().map(|(_, e)| &e.contact).collect()
    }

    /// The `n` most recently created contacts, newest first (then by name).
    pub fn recent(&self, n: usize) -> Vec<&Contact> {
        let mut all: Vec<&Entry> = self.entries.iter().collect();
        let order = |a: &&Entry, b: &&Entry| {
            b.contact
                .created_at
                .cmp(&a.contact.created_at)
                .then_with(|| a.by_name(b))
        };
        first_sorted(&mut all, n, &order);
        all.into_iter().map(|e| &e.contact).collect()
    }

    /// The contacts this contact introduced the user to, by name (never the contact itself,
    /// even when stored data says it introduced itself).
    pub fn introduced(&self, id: &str) -> Vec<&Contact> {
        let mut found: Vec<&Entry> = self
            .tally
            .introduced
            .get(id)
            .into_iter()
            .flatten()
            .filter(|other| *other != id)
            .filter_map(|other| self.index.get(other).map(|&i| &self.entries[i]))
            .collect();
        first_sorted(&mut found, usize::MAX, &|a, b| a.by_name(b));
        found.into_iter().map(|e| &e.contact).collect()
    }

    /// Every contact, sorted by name: handy for pickers such as "introduced by".
    pub fn by_name(&self) -> Vec<&Contact> {
        let mut all: Vec<&Entry> = self.entries.iter().collect();
        first_sorted(&mut all, usize::MAX, &|a, b| a.by_name(b));
        all.into_iter().map(|e| &e.contact).collect()
    }

    /// Takes the contacts out, in no particular order.
    pub fn into_contacts(self) -> Vec<Contact> {
        self.entries.into_iter().map(|e| e.contact).collect()
    }
}

impl FromIterator<Contact> for Book {
    fn from_iter<I: IntoIterator<Item = Contact>>(iter: I) -> Self {
        Book::from_contacts(iter.into_iter().collect())
    }
}

/// Keeps the first `limit` of `entries` in `order`, sorted. Every list of contacts is sorted
/// through this one function: the standard sort is compiled once per comparator type, and each
/// closure is a type of its own (a copy of the sort is several KB of wasm); behind `&dyn Fn` they
/// share one.
fn first_sorted(
    entries: &mut Vec<&Entry>,
    limit: usize,
    order: &dyn Fn(&&Entry, &&Entry) -> Ordering,
) {
    if limit < entries.len() {
        entries.select_nth_unstable_by(limit, order);
        entries.truncate(limit);
    }
    entries.sort_unstable_by(order);
}
