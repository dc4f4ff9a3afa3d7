//! Home's content on a day ([`HomeSummary::of`]): the follow-ups due, who it is time to get in
//! touch with, the weak ties worth a message, the people added last and the network's shape.
//!
//! The same summary is kept in storage (`wt:home`, [`crate::store::Repo::home_summary`]), with
//! only the first rows of each due list, so that the next start can show Home before it has read
//! every contact: at 10,000 contacts, reading them takes longer than the rest of the start. It
//! is kept for today and tomorrow ([`stored_text`]), so that the first start of the next day is
//! quick too. It is a copy, never the truth: the contacts are read right after the first screen,
//! and Home then shows what they say.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::book::{Book, DueItem};
use crate::follow_ups::due::{coming_this_week, due_by_today};
use crate::follow_ups::Bucket;
use crate::insights::{network_summary, time_to_get_in_touch, worth_a_message};
use crate::insights::{NetworkSummary, WorthAMessage};
use crate::model::Contact;
use crate::reminder::Changes;

/// How many follow-ups Home's Overdue and Today lists render at first, and add on **Show more**;
/// also how many of them the stored summary keeps.
pub const DUE_PAGE: usize = 10;

/// How many people "Time to get in touch" lists.
pub const TIME_TO_GET_IN_TOUCH: usize = 10;

/// How many people "Weak ties worth a message" lists.
pub const WORTH_A_MESSAGE: usize = 5;

/// How many people "Recently added" lists.
pub const RECENTLY_ADDED: usize = 5;

/// The first rows of a due list and how many there are in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DueRows {
    pub rows: Vec<DueItem>,
    pub total: usize,
}

/// A contact named in a list, with what to link to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub id: String,
    pub name: String,
    /// Where they were met ("Recently added" shows it).
    pub where_met: String,
}

/// Everything Home shows, for one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HomeSummary {
    /// The day it was made for: a summary of another day is never shown.
    pub day: NaiveDate,
    pub overdue: DueRows,
    pub today: DueRows,
    /// How many follow-ups fall due in the six days after `day`.
    pub coming: usize,
    pub touch: Vec<Named>,
    pub worth: Vec<WorthAMessage>,
    pub recent: Vec<Named>,
    pub network: NetworkSummary,
    /// How many contacts there are (none: Home says how to start).
    pub contacts: usize,
    /// The span of changes to the contacts, for the backup reminder.
    pub changes: Option<Changes>,
}

/// The version of the stored summary's shape: a summary stored with another is not read.
pub const SUMMARY_VERSION: u32 = 1;

/// What is stored: the contacts Home names on each stored day, whole, from which its lists are
/// made again as [`HomeSummary::of`] makes them (their first rows only come from those contacts,
/// in the book's order), and the counts that need every contact.
///
/// The contacts go through `serde_json::Value`, as the records do in `store/` (`to_value` to
/// save, `from_value` to read an older record): reading them straight from the text would build
/// a second copy of the contact's whole reader into the first part of the app (~45 KB).
#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    contacts: Vec<Value>,
    days: Vec<Counts>,
}

/// The figures of one day's Home that come from every contact.
#[derive(Serialize, Deserialize)]
struct Counts {
    day: NaiveDate,
    overdue: usize,
    today: usize,
    coming: usize,
    network: NetworkSummary,
    contacts: usize,
    changes: Option<Changes>,
}

/// The stored text of Home on `today` and on the next day, from `book` (JSON with its version).
pub fn stored_text(book: &Book, today: NaiveDate) -> String {
    let days: Vec<HomeSummary> = [Some(today), today.succ_opt()]
        .into_iter()
        .flatten()
        .map(|day| HomeSummary::of(book, day, DUE_PAGE))
        .collect();
    let named: HashSet<&str> = days.iter().flat_map(HomeSummary::named).collect();
    let stored = Stored {
        version: SUMMARY_VERSION,
        contacts: book
            .iter()
            .filter(|c| named.contains(c.id.as_str()))
            .filter_map(|c| serde_json::to_value(c).ok())
            .collect(),
        days: days
            .into_iter()
            .map(|s| Counts {
                day: s.day,
                overdue: s.overdue.total,
                today: s.today.total,
                coming: s.coming,
                network: s.network,
                contacts: s.contacts,
                changes: s.changes,
            })
            .collect(),
    };
    serde_json::to_string(&stored).unwrap_or_default()
}

impl HomeSummary {
    /// Home on `today` from `book`, with the first `due_rows` of each due list (Home itself asks
    /// for all of them; the stored copy keeps [`DUE_PAGE`]).
    pub fn of(book: &Book, today: NaiveDate, due_rows: usize) -> Self {
        // Overdue or due today, in order: each item moves to its list, or is only counted.
        let (mut overdue, mut due_today) = (DueRows::default(), DueRows::default());
        for item in due_by_today(book, today) {
            let list = if item.bucket == Bucket::Overdue {
                &mut overdue
            } else {
                &mut due_today
            };
            list.total += 1;
            if list.rows.len() < due_rows {
                list.rows.push(item);
            }
        }
        let named = |c: &Contact| Named {
            id: c.id.clone(),
            name: c.name.clone(),
            where_met: c.where_met.clone(),
        };
        let worth = worth_a_message(book, today, WORTH_A_MESSAGE);
        HomeSummary {
            day: today,
            overdue,
            today: due_today,
            coming: coming_this_week(book, today),
            touch: time_to_get_in_touch(book, today, &worth, TIME_TO_GET_IN_TOUCH)
                .into_iter()
                .map(named)
                .collect(),
            worth,
            recent: book.recent(RECENTLY_ADDED).into_iter().map(named).collect(),
            network: network_summary(book, today),
            contacts: book.len(),
            changes: book.changes(),
        }
    }

    /// The summary of `today` in a [`stored_text`], if it is of this version; `None` for
    /// anything else (other days, another version, damaged text): Home then waits for the
    /// contacts.
    pub fn from_text(text: &str, today: NaiveDate) -> Option<Self> {
        let stored: Stored = serde_json::from_str(text).ok()?;
        if stored.version != SUMMARY_VERSION {
            return None;
        }
        let counts = stored.days.into_iter().find(|c| c.day == today)?;
        let contacts = stored.contacts.into_iter().map(serde_json::from_value);
        let contacts = contacts.collect::<Result<Vec<Contact>, _>>().ok()?;
        let mut summary = HomeSummary::of(&Book::from_contacts(contacts), today, DUE_PAGE);
        summary.overdue.total = counts.overdue;
        summary.today.total = counts.today;
        summary.coming = counts.coming;
        summary.network = counts.network;
        summary.contacts = counts.contacts;
        summary.changes = counts.changes;
        Some(summary)
    }

    /// The ids of the contacts it names.
    fn named(&self) -> impl Iterator<Item = &str> {
        let due = self.overdue.rows.iter().chain(&self.today.rows);
        due.map(|d| d.contact_id.as_str())
            .chain(self.touch.iter().map(|n| n.id.as_str()))
            .chain(self.worth.iter().map(|w| w.contact_id.as_str()))
            .chain(self.recent.iter().map(|n| n.id.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use crate::model::{new_id, FollowUp, FollowUpKind, Interaction, InteractionKind, TieStrength};
    use crate::test_support::{at, cadence, d as date};

    fn contact_due(name: &str, due: NaiveDate) -> Contact {
        let mut c = Contact::new(name, at(2026, 11, 1));
        c.follow_ups
            .push(FollowUp::new(FollowUpKind::CheckIn, "Ask", due));
        c
    }

    fn book_with_overdue(n: usize, today: NaiveDate) -> Book {
        let mut book = Book::new();
        for i in 0..n {
            book.upsert(contact_due(&format!("Person {i:02}"), date(2026, 11, 1)));
        }
        book.upsert(contact_due("Due today", today));
        book
    }

    #[test]
    fn keeps_the_first_rows_and_the_counts() {
        let today = date(2026, 12, 2);
        let book = book_with_overdue(25, today);
        let s = HomeSummary::of(&book, today, DUE_PAGE);
        assert_eq!(s.overdue.rows.len(), DUE_PAGE);
        assert_eq!(s.overdue.total, 25);
        assert_eq!(s.overdue.total, book.overdue_count(today));
        assert_eq!(s.today.total, 1);
        assert_eq!(s.today.rows[0].contact_name, "Due today");
        assert_eq!(s.contacts, 26);
        // Home itself lists every due follow-up, in the same order.
        let all = HomeSummary::of(&book, today, usize::MAX);
        assert_eq!(all.overdue.rows.len(), 25);
        assert_eq!(all.overdue.rows[..DUE_PAGE], s.overdue.rows[..]);
    }

    #[test]
    fn reads_back_today_and_tomorrow_only() {
        let today = date(2026, 12, 2);
        let book = book_with_overdue(3, today);
        let text = stored_text(&book, today);
        assert_eq!(
            HomeSummary::from_text(&text, today),
            Some(HomeSummary::of(&book, today, DUE_PAGE))
        );
        // Tomorrow, what was due today is overdue.
        let tomorrow = date(2026, 12, 3);
        let next = HomeSummary::from_text(&text, tomorrow).expect("tomorrow");
        assert_eq!(next, HomeSummary::of(&book, tomorrow, DUE_PAGE));
        assert_eq!((next.overdue.total, next.today.total), (4, 0));
        assert_eq!(HomeSummary::from_text(&text, date(2026, 12, 4)), None);
        assert_eq!(HomeSummary::from_text(&text, date(2026, 12, 1)), None);
    }

    #[test]
    fn another_version_or_damaged_text_is_not_read() {
        let today = date(2026, 12, 2);
        let text = stored_text(&Book::new(), today);
        let other = text.replace(
            &format!("\"version\":{SUMMARY_VERSION}"),
            &format!("\"version\":{}", SUMMARY_VERSION + 1),
        );
        assert_ne!(other, text);
        assert_eq!(HomeSummary::from_text(&other, today), None);
        assert_eq!(HomeSummary::from_text(&text[..text.len() / 2], today), None);
        assert_eq!(HomeSummary::from_text("", today), None);
    }

    /// A contact of few names (so that names and days tie) with follow-ups, a tie, a cadence and
    /// a timeline drawn from a few weeks around today.
    fn person() -> impl Strategy<Value = Contact> {
        let days = -40i64..40;
        (
            0usize..4,
            0usize..3,
            proptest::option::of(cadence()),
            proptest::collection::vec((days.clone(), any::<bool>()), 0..3),
            proptest::collection::vec((days.clone(), 0usize..3), 0..3),
            days,
        )
            .prop_map(|(name, tie, cadence, due, log, created)| {
                let today = date(2026, 12, 2);
                let on = |n: i64| today + chrono::Duration::days(n);
                let mut c = Contact::new(["Ada", "Bo", "ada", "Cy"][name], at(2026, 11, 1));
                c.created_at += chrono::Duration::days(created);
                c.tie = TieStrength::ALL[tie];
                c.cadence = cadence;
                for (n, done) in due {
                    let mut f = FollowUp::new(FollowUpKind::CheckIn, "", on(n));
                    if done {
                        f.complete(today);
                    }
                    c.follow_ups.push(f);
                }
                for (n, kind) in log {
                    let kind = [
                        InteractionKind::Met,
                        InteractionKind::Chat,
                        InteractionKind::ThankYouSent,
                    ][kind];
                    c.interactions.push(Interaction {
                        id: new_id(),
                        date: on(n),
                        kind,
                        summary: String::new(),
                    });
                }
                c
            })
    }

    proptest! {
        /// Home made again from the stored contacts and counts is Home made from every contact,
        /// today and tomorrow.
        #[test]
        fn the_stored_summary_is_home_as_the_book_makes_it(
            people in proptest::collection::vec(person(), 0..40)
        ) {
            let today = date(2026, 12, 2);
            let book = Book::from_contacts(people);
            let text = stored_text(&book, today);
            for day in [today, date(2026, 12, 3)] {
                prop_assert_eq!(HomeSummary::from_text(&text, day), Some(HomeSummary::of(&book, day, DUE_PAGE)));
            }
        }
    }

    #[test]
    fn an_empty_book_says_so() {
        let s = HomeSummary::of(&Book::new(), date(2026, 12, 2), DUE_PAGE);
        assert_eq!(s.contacts, 0);
        assert_eq!(s.overdue, DueRows::default());
        assert_eq!(s.changes, None);
    }
}
