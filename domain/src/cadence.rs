//! The keep-in-touch cadence: how often the user wants to be in touch with a contact
//! ([`Cadence`]), and when that is due ([`Contact::next_touch_due`], [`Contact::touch_due`]).
//!
//! Invariant: every date is a calendar date ([`NaiveDate`]); month ends, year ends and leap days
//! are handled by the calendar, and no time of day or time zone is involved, so daylight-saving
//! changes cannot shift a due date. The caller decides what "today" is and passes it in.
//!
//! Invariant: logging any interaction resets the clock ([`Contact::last_touch`] is the latest
//! interaction or meeting), and an older interaction logged later does not move it back.
//!
//! Methods of [`Contact`], by concern: `new` and `first_name` in [`crate::model`]; cadence here;
//! the timeline in [`crate::timeline`]; follow-ups in [`crate::follow_ups`]; validation and
//! tidying in [`crate::validation`].

use chrono::{Days, Months, NaiveDate};

use crate::model::{Cadence, Contact};

impl Cadence {
    /// The date one period after `date`. Two weeks is 14 days; the others step calendar months
    /// and clamp to the end of a shorter month (Jan 31 + 1 month = Feb 28 or 29,
    /// Feb 29 + 1 year = Feb 28). Saturates at the last representable date.
    pub fn after(self, date: NaiveDate) -> NaiveDate {
        let next = match self {
            Cadence::TwoWeeks => date.checked_add_days(Days::new(14)),
            Cadence::Month => date.checked_add_months(Months::new(1)),
            Cadence::Quarter => date.checked_add_months(Months::new(3)),
            Cadence::HalfYear => date.checked_add_months(Months::new(6)),
            Cadence::Year => date.checked_add_months(Months::new(12)),
        };
        next.unwrap_or(NaiveDate::MAX)
    }
}

impl Contact {
    /// The day they met; the day the contact was added when that is unknown.
    pub fn met_or_added(&self) -> NaiveDate {
        self.met_on.unwrap_or_else(|| self.created_at.date_naive())
    }

    /// The last day the user was in touch: the later of the latest interaction's date and the
    /// day they met; the day the contact was created when there is neither.
    pub fn last_touch(&self) -> NaiveDate {
        let latest = self.interactions.iter().map(|i| i.date).max();
        latest
            .max(self.met_on)
            .unwrap_or_else(|| self.created_at.date_naive())
    }

    /// When the user should next get in touch: one cadence period after [`Contact::last_touch`];
    /// `None` when the contact has no cadence.
    pub fn next_touch_due(&self) -> Option<NaiveDate> {
        self.cadence.map(|c| c.after(self.last_touch()))
    }

    /// Whether it is time to get in touch on `today` (today is on or after the next touch date).
    pub fn touch_due(&self, today: NaiveDate) -> bool {
        self.next_touch_due().is_some_and(|due| today >= due)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::InteractionKind;
    use crate::test_support::{ada, cadence, d, date};
    use proptest::prelude::*;

    #[test]
    fn cadence_steps_calendar_months() {
        assert_eq!(Cadence::TwoWeeks.after(d(2026, 12, 25)), d(2027, 1, 8));
        assert_eq!(Cadence::Month.after(d(2026, 1, 31)), d(2026, 2, 28));
        assert_eq!(Cadence::Month.after(d(2028, 1, 31)), d(2028, 2, 29));
        assert_eq!(Cadence::Month.after(d(2026, 12, 15)), d(2027, 1, 15));
        assert_eq!(Cadence::Quarter.after(d(2026, 11, 30)), d(2027, 2, 28));
        assert_eq!(Cadence::HalfYear.after(d(2026, 8, 31)), d(2027, 2, 28));
        assert_eq!(Cadence::Year.after(d(2028, 2, 29)), d(2029, 2, 28));
        assert_eq!(Cadence::Year.after(d(2026, 12, 31)), d(2027, 12, 31));
        assert_eq!(Cadence::Year.after(NaiveDate::MAX), NaiveDate::MAX);
    }

    #[test]
    fn last_touch_and_touch_due() {
        let mut c = ada(); // created 2026-01-10
        assert_eq!(c.last_touch(), d(2026, 1, 10));
        assert_eq!(c.next_touch_due(), None);
        assert!(!c.touch_due(d(2099, 1, 1)));
        c.met_on = Some(d(2025, 12, 1));
        assert_eq!(c.last_touch(), d(2025, 12, 1));
        c.cadence = Some(Cadence::Month);
        assert_eq!(c.next_touch_due(), Some(d(2026, 1, 1)));
        assert!(!c.touch_due(d(2025, 12, 31)));
        assert!(c.touch_due(d(2026, 1, 1)));
        assert!(c.touch_due(d(2026, 3, 1)));
        // Logging any interaction resets the clock.
        c.log_interaction(InteractionKind::Note, d(2026, 3, 1), "", d(2026, 3, 1));
        assert_eq!(c.last_touch(), d(2026, 3, 1));
        assert_eq!(c.next_touch_due(), Some(d(2026, 4, 1)));
        assert!(!c.touch_due(d(2026, 3, 1)));
        // An older interaction logged later does not move it back.
        c.log_interaction(InteractionKind::Call, d(2026, 2, 1), "", d(2026, 3, 2));
        assert_eq!(c.last_touch(), d(2026, 3, 1));
    }

    proptest! {
        #[test]
        fn cadence_moves_forward_by_the_right_amount(start in date(), c in cadence()) {
            let next = c.after(start);
            prop_assert!(next > start);
            let days = (next - start).num_days();
            let (lo, hi) = match c {
                Cadence::TwoWeeks => (14, 14),
                Cadence::Month => (28, 31),
                Cadence::Quarter => (89, 92),
                Cadence::HalfYear => (181, 184),
                Cadence::Year => (365, 366),
            };
            prop_assert!((lo..=hi).contains(&days), "{:?} from {} gave {}", c, start, next);
            use chrono::Datelike;
            if c != Cadence::TwoWeeks {
                prop_assert!(next.day() <= start.day());
            }
        }
    }
}
