//! Follow-ups: what the user owes a contact ([`FollowUp`]), their life cycle (open, done,
//! reopened, snoozed), where a due date falls relative to today ([`Bucket`], the sections of the
//! follow-ups list), and a contact's own list of them. Follow-ups as lists and in words ("due
//! tomorrow") are in [`due`].
//!
//! Invariant: every date is a calendar date ([`NaiveDate`]), so daylight-saving changes cannot
//! shift a due date; the caller passes "today" in.
//!
//! Invariant: a snooze always lands after today ([`FollowUp::snooze`] counts from the later of
//! the due date and today, and 0 days counts as 1).
//!
//! The list of every open follow-up across the book is [`crate::book::Book::follow_ups`]. Methods
//! of [`Contact`], by concern: `new` and `first_name` in [`crate::model`]; cadence in
//! [`crate::cadence`]; the timeline (and the thank-you a logged chat proposes) in
//! [`crate::timeline`]; follow-ups here; validation and tidying in [`crate::validation`].

pub mod due;

use chrono::{Days, NaiveDate};

use crate::model::{new_id, Contact, FollowUp, FollowUpKind};

/// Where a follow-up's due date falls relative to today; the sections of the follow-ups list,
/// in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Bucket {
    /// Due before today.
    Overdue,
    /// Due today.
    Today,
    /// Due in the six days after today.
    ThisWeek,
    /// Due a week or more from today.
    Later,
}

impl Bucket {
    /// Every bucket, in display order.
    pub const ALL: [Bucket; 4] = [
        Bucket::Overdue,
        Bucket::Today,
        Bucket::ThisWeek,
        Bucket::Later,
    ];

    /// The section heading: "Overdue", "Today", "This week", "Later".
    pub fn label(self) -> &'static str {
        match self {
            Bucket::Overdue => "Overdue",
            Bucket::Today => "Today",
            Bucket::ThisWeek => "This week",
            Bucket::Later => "Later",
        }
    }

    /// The bucket of a due date on `today`.
    pub fn of(due: NaiveDate, today: NaiveDate) -> Bucket {
        if due < today {
            Bucket::Overdue
        } else if due == today {
            Bucket::Today
        } else if due <= add_days(today, 6) {
            Bucket::ThisWeek
        } else {
            Bucket::Later
        }
    }
}

/// `date` plus `days`, saturating at the last representable date.
pub(crate) fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

impl FollowUp {
    /// A new open follow-up with a fresh id.
    pub fn new(kind: FollowUpKind, text: impl Into<String>, due: NaiveDate) -> Self {
        FollowUp {
            id: new_id(),
            kind,
            text: text.into(),
            due,
            done_on: None,
        }
    }

    /// Whether it still has to be done.
    pub fn is_open(&self) -> bool {
        self.done_on.is_none()
    }

    /// Marks it done on `today`. An item that is already done keeps its original done date.
    pub fn complete(&mut self, today: NaiveDate) {
        if self.done_on.is_none() {
            self.done_on = Some(today);
        }
    }

    /// Marks it open again.
    pub fn reopen(&mut self) {
        self.done_on = None;
    }

    /// Puts it off: the new due date is `max(due, today) + days`, so snoozing an overdue item by
    /// one day makes it due tomorrow. `days` of 0 counts as 1: a snooze always lands after today.
    pub fn snooze(&mut self, days: u32, today: NaiveDate) {
        self.due = add_days(self.due.max(today), u64::from(days.max(1)));
    }

    /// Where its due date falls relative to `today`.
    pub fn bucket(&self, today: NaiveDate) -> Bucket {
        Bucket::of(self.due, today)
    }

    /// Whether it is open and due before `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due < today
    }
}

impl Contact {
    /// Adds a follow-up (for instance an accepted proposal from [`Contact::log_interaction`]).
    pub fn add_follow_up(&mut self, follow_up: FollowUp) {
        self.follow_ups.push(follow_up);
    }

    /// Removes the follow-up with this id and returns it.
    pub fn remove_follow_up(&mut self, id: &str) -> Option<FollowUp> {
        let at = self.follow_ups.iter().position(|f| f.id == id)?;
        Some(self.follow_ups.remove(at))
    }

    /// The follow-up with this id, to complete, snooze or edit it.
    pub fn follow_up_mut(&mut self, id: &str) -> Option<&mut FollowUp> {
        self.follow_ups.iter_mut().find(|f| f.id == id)
    }

    /// The open follow-ups, in stored order.
    pub fn open_follow_ups(&self) -> impl Iterator<Item = &FollowUp> {
        self.follow_ups.iter().filter(|f| f.is_open())
    }

    /// Whether there is an open follow-up of this kind.
    pub fn has_open(&self, kind: FollowUpKind) -> bool {
        self.open_follow_ups().any(|f| f.kind == kind)
    }

    /// Completes the open thank-you follow-up due earliest (the first stored on a tie), on
    /// `today`; returns whether there was one. Used when the user sends a thank-you.
    pub fn complete_thank_you(&mut self, today: NaiveDate) -> bool {
        let earliest = self
            .follow_ups
            .iter_mut()
            .filter(|f| f.is_open() && f.kind == FollowUpKind::ThankYou)
            .min_by_key(|f| f.due);
        match earliest {
            Some(f) => {
                f.complete(today);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cadence;
    use crate::test_support::{ada, d, date};
    use proptest::prelude::*;

    #[test]
    fn follow_up_life_cycle() {
        let mut f = FollowUp::new(FollowUpKind::CheckIn, "Ask about the move", d(2026, 5, 1));
        assert!(f.is_open());
        assert!(!f.is_overdue(d(2026, 5, 1)));
        assert!(f.is_overdue(d(2026, 5, 2)));
        f.complete(d(2026, 5, 3));
        assert!(!f.is_open());
        assert!(!f.is_overdue(d(2026, 5, 9)));
        f.complete(d(2026, 5, 9));
        assert_eq!(f.done_on, Some(d(2026, 5, 3)));
        f.reopen();
        assert!(f.is_open());
    }

    #[test]
    fn snooze_from_the_later_of_due_and_today() {
        let mut f = FollowUp::new(FollowUpKind::Other, "", d(2026, 5, 1));
        f.snooze(1, d(2026, 5, 10)); // overdue: due tomorrow
        assert_eq!(f.due, d(2026, 5, 11));
        f.snooze(7, d(2026, 5, 10)); // in the future: a week after its due date
        assert_eq!(f.due, d(2026, 5, 18));
        f.snooze(0, d(2026, 5, 18)); // zero counts as a day
        assert_eq!(f.due, d(2026, 5, 19));
        let mut year_end = FollowUp::new(FollowUpKind::Other, "", d(2026, 12, 31));
        year_end.snooze(1, d(2026, 12, 31));
        assert_eq!(year_end.due, d(2027, 1, 1));
        let mut leap = FollowUp::new(FollowUpKind::Other, "", d(2028, 2, 28));
        leap.snooze(1, d(2028, 2, 28));
        assert_eq!(leap.due, d(2028, 2, 29));
    }

    #[test]
    fn buckets() {
        let today = d(2026, 12, 29);
        let f = |due| FollowUp::new(FollowUpKind::Other, "", due).bucket(today);
        assert_eq!(f(d(2026, 12, 28)), Bucket::Overdue);
        assert_eq!(f(d(2026, 12, 29)), Bucket::Today);
        assert_eq!(f(d(2026, 12, 30)), Bucket::ThisWeek);
        assert_eq!(f(d(2027, 1, 1)), Bucket::ThisWeek); // across the year end
        assert_eq!(f(d(2027, 1, 4)), Bucket::ThisWeek); // today + 6
        assert_eq!(f(d(2027, 1, 5)), Bucket::Later); // today + 7
    }

    #[test]
    fn dst_day_is_just_a_date() {
        // 2026-03-29 is the EU switch to summer time; a calendar date knows nothing of it.
        let dst = d(2026, 3, 29);
        let f = FollowUp::new(FollowUpKind::CheckIn, "", dst);
        assert_eq!(f.bucket(dst), Bucket::Today);
        assert_eq!(f.bucket(d(2026, 3, 28)), Bucket::ThisWeek);
        assert_eq!(f.bucket(d(2026, 3, 30)), Bucket::Overdue);
        // US fall-back day (2026-11-01) likewise.
        let fall = FollowUp::new(FollowUpKind::CheckIn, "", d(2026, 11, 1));
        assert_eq!(fall.bucket(d(2026, 11, 1)), Bucket::Today);
        assert_eq!(Cadence::TwoWeeks.after(d(2026, 3, 20)), d(2026, 4, 3));
    }

    #[test]
    fn follow_up_lookup_and_removal() {
        let mut c = ada();
        let f = FollowUp::new(
            FollowUpKind::Introduction,
            "Intro to Charles",
            d(2026, 2, 1),
        );
        let id = f.id.clone();
        c.add_follow_up(f);
        c.follow_up_mut(&id).unwrap().snooze(3, d(2026, 2, 1));
        assert_eq!(c.follow_ups[0].due, d(2026, 2, 4));
        assert!(c.follow_up_mut("missing").is_none());
        assert_eq!(c.remove_follow_up(&id).unwrap().text, "Intro to Charles");
        assert!(c.remove_follow_up(&id).is_none());
    }

    #[test]
    fn complete_thank_you_takes_the_earliest_open_one() {
        let mut c = ada();
        let today = d(2026, 4, 1);
        assert!(!c.complete_thank_you(today));
        c.add_follow_up(FollowUp::new(FollowUpKind::ThankYou, "late", d(2026, 4, 9)));
        c.add_follow_up(FollowUp::new(FollowUpKind::CheckIn, "other", d(2026, 3, 1)));
        c.add_follow_up(FollowUp::new(
            FollowUpKind::ThankYou,
            "early",
            d(2026, 4, 2),
        ));
        assert!(c.complete_thank_you(today));
        let done: Vec<&str> = c
            .follow_ups
            .iter()
            .filter(|f| !f.is_open())
            .map(|f| f.text.as_str())
            .collect();
        assert_eq!(done, vec!["early"]);
        assert!(c.complete_thank_you(today));
        assert!(!c.complete_thank_you(today));
        assert!(c.follow_ups[1].is_open(), "the check-in is untouched");
    }

    proptest! {
        #[test]
        fn snooze_never_lands_before_tomorrow(due in date(), today in date(), days in 0u32..400) {
            let mut f = FollowUp::new(FollowUpKind::Other, "", due);
            f.snooze(days, today);
            prop_assert!(f.due > today);
            prop_assert!(f.due > due);
            prop_assert_eq!(f.due, add_days(due.max(today), u64::from(days.max(1))));
            prop_assert_ne!(f.bucket(today), Bucket::Overdue);
            prop_assert_ne!(f.bucket(today), Bucket::Today);
        }

        #[test]
        fn buckets_partition_and_follow_due_order(a in date(), b in date(), today in date()) {
            let bucket = Bucket::of(a, today);
            let expected = [
                a < today,
                a == today,
                a > today && (a - today).num_days() <= 6,
                (a - today).num_days() > 6,
            ];
            prop_assert_eq!(expected.iter().filter(|x| **x).count(), 1);
            let index = Bucket::ALL.iter().position(|x| *x == bucket).unwrap();
            prop_assert!(expected[index]);
            if a <= b {
                prop_assert!(Bucket::of(a, today) <= Bucket::of(b, today));
            }
        }
    }
}
