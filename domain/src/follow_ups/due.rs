//! Follow-ups as lists and words: which ones fall in a bucket, a contact's own open ones, what
//! Home shows for today, and "due tomorrow", "was due 27 November 2026".

use chrono::NaiveDate;

use crate::book::{Book, DueItem};
use crate::follow_ups::{add_days, Bucket};
use crate::model::Contact;
use crate::template::format_date;

/// "due today", "due tomorrow", "due 3 December 2026", "was due yesterday", "was due 27 November
/// 2026".
pub fn due_text(due: NaiveDate, today: NaiveDate) -> String {
    match (due - today).num_days() {
        0 => "due today".into(),
        1 => "due tomorrow".into(),
        -1 => "was due yesterday".into(),
        d if d < 0 => format!("was due {}", format_date(due)),
        _ => format!("due {}", format_date(due)),
    }
}

/// The items of `items` in `bucket`, in their order.
pub fn in_bucket(items: &[DueItem], bucket: Bucket) -> Vec<DueItem> {
    items
        .iter()
        .filter(|i| i.bucket == bucket)
        .cloned()
        .collect()
}

/// The open follow-ups of one contact, as items of a due list (for their own page).
pub fn of_contact(contact: &Contact, today: NaiveDate) -> Vec<DueItem> {
    contact
        .open_follow_ups()
        .map(|f| DueItem {
            contact_id: contact.id.clone(),
            contact_name: contact.name.clone(),
            follow_up: f.clone(),
            bucket: f.bucket(today),
        })
        .collect()
}

/// What is due by the end of `today`: the overdue follow-ups, then today's.
pub fn due_by_today(book: &Book, today: NaiveDate) -> Vec<DueItem> {
    book.follow_ups(today)
        .into_iter()
        .filter(|i| i.bucket <= Bucket::Today)
        .collect()
}

/// How many follow-ups fall due in the six days after `today`.
pub fn coming_this_week(book: &Book, today: NaiveDate) -> usize {
    use std::ops::Bound::{Excluded, Included};
    book.open_due_in((Excluded(today), Included(add_days(today, 6))))
}

/// "1 follow-up coming up this week", "3 follow-ups coming up this week".
pub fn coming_text(n: usize) -> String {
    match n {
        1 => "1 follow-up coming up this week".to_string(),
        n => format!("{n} follow-ups coming up this week"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FollowUp, FollowUpKind};
    use chrono::{DateTime, Days};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn person(name: &str, dues: &[NaiveDate]) -> Contact {
        let mut c = Contact::new(name, DateTime::UNIX_EPOCH);
        for &due in dues {
            c.add_follow_up(FollowUp::new(FollowUpKind::Other, "", due));
        }
        c
    }

    #[test]
    fn due_text_words_near_days_and_dates() {
        let today = day(20);
        assert_eq!(due_text(day(20), today), "due today");
        assert_eq!(due_text(day(21), today), "due tomorrow");
        assert_eq!(due_text(day(19), today), "was due yesterday");
        assert_eq!(due_text(day(17), today), "was due 17 November 2026");
        assert_eq!(due_text(day(23), today), "due 23 November 2026");
    }

    #[test]
    fn a_contacts_open_follow_ups_carry_their_bucket() {
        let today = day(20);
        let mut c = person("Ana", &[day(18), day(20), day(25)]);
        let done = c.follow_ups[0].id.clone();
        c.follow_up_mut(&done).unwrap().complete(today);
        let items = of_contact(&c, today);
        let buckets: Vec<Bucket> = items.iter().map(|i| i.bucket).collect();
        assert_eq!(buckets.len(), 2);
        assert!(buckets.contains(&Bucket::Today));
        assert!(buckets.contains(&Bucket::ThisWeek));
        assert!(items.iter().all(|i| i.contact_name == "Ana"));
    }

    #[test]
    fn home_lists_overdue_and_today_and_counts_the_week() {
        let today = day(20);
        let later = today.checked_add_days(Days::new(30)).unwrap();
        let book = Book::from_contacts(vec![
            person("Ana", &[day(18), day(22)]),
            person("Ben", &[day(20), day(24), later]),
        ]);
        let due = due_by_today(&book, today);
        let buckets: Vec<Bucket> = due.iter().map(|i| i.bucket).collect();
        assert_eq!(buckets, [Bucket::Overdue, Bucket::Today]);
        assert_eq!(in_bucket(&due, Bucket::Today).len(), 1);
        assert_eq!(in_bucket(&due, Bucket::Overdue)[0].contact_name, "Ana");
        assert_eq!(coming_this_week(&book, today), 2);
        assert_eq!(coming_text(2), "2 follow-ups coming up this week");
        assert_eq!(coming_text(1), "1 follow-up coming up this week");
    }

    #[test]
    fn the_weeks_count_takes_the_sixth_day_and_leaves_out_done_and_later_ones() {
        let today = day(20);
        let mut c = person(
            "Ana",
            &[day(19), day(20), day(21), day(26), day(27), day(23)],
        );
        let done = c.follow_ups[5].id.clone();
        c.follow_up_mut(&done).unwrap().complete(today);
        let book = Book::from_contacts(vec![c]);
        let by_bucket = book
            .follow_ups(today)
            .iter()
            .filter(|i| i.bucket == Bucket::ThisWeek)
            .count();
        assert_eq!(coming_this_week(&book, today), 2);
        assert_eq!(coming_this_week(&book, today), by_bucket);
    }
}
