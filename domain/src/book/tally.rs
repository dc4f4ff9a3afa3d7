//! The book's tally: counts about the book as a whole (open follow-ups by due day, creation and
//! update instants, who introduced whom), added and taken off contact by contact as they are
//! stored and removed.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};

use crate::model::Contact;

/// What the app shows after every change about the book as a whole, kept up to date contact by
/// contact so that one save costs the same with ten contacts as with ten thousand.
#[derive(Clone, Debug, Default)]
pub(super) struct Tally {
    /// How many open follow-ups fall due on each day (the overdue count).
    pub(super) open_due: BTreeMap<NaiveDate, usize>,
    /// How many contacts were created, and last updated, at each instant (the backup reminder).
    pub(super) created: BTreeMap<DateTime<Utc>, usize>,
    pub(super) updated: BTreeMap<DateTime<Utc>, usize>,
    /// The ids of the contacts each contact introduced.
    pub(super) introduced: HashMap<String, BTreeSet<String>>,
}

impl Tally {
    pub(super) fn add(&mut self, c: &Contact) {
        for f in c.open_follow_ups() {
            *self.open_due.entry(f.due).or_default() += 1;
        }
        *self.created.entry(c.created_at).or_default() += 1;
        *self.updated.entry(c.updated_at).or_default() += 1;
        if let Some(by) = &c.introduced_by {
            self.introduced
                .entry(by.clone())
                .or_default()
                .insert(c.id.clone());
        }
    }

    pub(super) fn remove(&mut self, c: &Contact) {
        fn take_one<K: Ord>(counts: &mut BTreeMap<K, usize>, key: K) {
            if let Some(n) = counts.get_mut(&key) {
                *n -= 1;
                if *n == 0 {
                    counts.remove(&key);
                }
            }
        }
        for f in c.open_follow_ups() {
            take_one(&mut self.open_due, f.due);
        }
        take_one(&mut self.created, c.created_at);
        take_one(&mut self.updated, c.updated_at);
        if let Some(by) = &c.introduced_by {
            if let Some(ids) = self.introduced.get_mut(by) {
                ids.remove(&c.id);
                if ids.is_empty() {
                    self.introduced.remove(by);
                }
            }
        }
    }
}
