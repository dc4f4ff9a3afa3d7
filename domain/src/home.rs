//! Home's content on a day ([`HomeSummary::of`]): the follow-ups due, who it is time to get in
//! touch with, the weak ties worth a message, the people added last and the network's shape.
//!
//! The same summary is kept in storage (`wt:home`, [`crate::store::Repo::home_summary`]), with
//! only the first rows of each due list, so that the next start can show Home before it has read
//! every contact: at 10,000 contacts, reading them takes longer than the rest of the start. It
//! is kept for today and tomorrow ([`stored_text`]), so that the first start of the next day is
//! quick too. It is a copy, never the truth: the contacts are read right after the first screen,
//! and Home then shows what they say.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::book::{Book, DueItem};
use crate::follow_ups::due::{coming_this_week, due_by_today};
use crate::follow_ups::Bucket;
use crate::insights::{network_summary, time_to_get_in_touch, worth_a_message};
use crate::insights::{NetworkSummary, WorthAMessage};
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueRows {
    pub rows: Vec<DueItem>,
    pub total: usize,
}

/// A contact named in a list, with what to link to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub id: String,
    pub name: String,
    /// Where they were met ("Recently added" shows it).
    pub where_met: String,
}

/// Everything Home shows, for one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    days: Vec<HomeSummary>,
}

/// The stored text of Home on `today` and on the next day, from `book` (JSON with its version).
pub fn stored_text(book: &Book, today: NaiveDate) -> String {
    let days = [Some(today), today.succ_opt()]
        .into_iter()
        .flatten()
        .map(|day| HomeSummary::of(book, day, DUE_PAGE))
        .collect();
    let stored = Stored {
        version: SUMMARY_VERSION,
        days,
    };
    serde_json::to_string(&stored).unwrap_or_default()
}

impl HomeSummary {
    /// Home on `today` from `book`, with the first `due_rows` of each due list (Home itself asks
    /// for all of them; the stored copy keeps [`DUE_PAGE`]).
    pub fn of(book: &Book, today: NaiveDate, due_rows: usize) -> Self {
        let due = due_by_today(book, today);
        let rows = |bucket: Bucket| {
            let all = due.iter().filter(|i| i.bucket == bucket);
            DueRows {
                total: all.clone().count(),
                rows: all.take(due_rows).cloned().collect(),
            }
        };
        let named = |c: &crate::model::Contact| Named {
            id: c.id.clone(),
            name: c.name.clone(),
            where_met: c.where_met.clone(),
        };
        let worth = worth_a_message(book, today, WORTH_A_MESSAGE);
        HomeSummary {
            day: today,
            overdue: rows(Bucket::Overdue),
            today: rows(Bucket::Today),
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
        stored.days.into_iter().find(|s| s.day == today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contact, FollowUp, FollowUpKind};
    use crate::test_support::{at, d as date};

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

    #[test]
    fn an_empty_book_says_so() {
        let s = HomeSummary::of(&Book::new(), date(2026, 12, 2), DUE_PAGE);
        assert_eq!(s.contacts, 0);
        assert_eq!(s.overdue, DueRows::default());
        assert_eq!(s.changes, None);
    }
}
