//! A contact's timeline: the dated interactions ([`Interaction`]), kept newest first, and logging
//! one ([`Contact::log_interaction`]), which may propose a thank-you follow-up.
//!
//! Invariant: `Contact::interactions` is sorted newest first; among interactions on the same
//! date, the one logged last comes first. [`Contact::add_interaction`] keeps it so, and
//! [`Contact::sort_interactions`] restores it for data that came from elsewhere.
//!
//! Invariant: a proposed thank-you is never born overdue (it is due the day after the
//! interaction, but never before tomorrow), and none is proposed while one is open.
//!
//! Methods of [`Contact`], by concern: `new` and `first_name` in [`crate::model`]; cadence in
//! [`crate::cadence`]; the timeline here; follow-ups in [`crate::follow_ups`]; validation and
//! tidying in [`crate::validation`].

use std::cmp::Reverse;

use chrono::NaiveDate;

use crate::follow_ups::add_days;
use crate::model::{new_id, Contact, FollowUp, FollowUpKind, Interaction, InteractionKind};

impl Interaction {
    /// A new interaction with a fresh id.
    pub fn new(kind: InteractionKind, date: NaiveDate, summary: impl Into<String>) -> Self {
        Interaction {
            id: new_id(),
            date,
            kind,
            summary: summary.into(),
        }
    }
}

impl InteractionKind {
    /// Whether this kind of moment deserves a thank-you: a meeting, a chat or a call.
    pub fn warrants_thank_you(self) -> bool {
        matches!(
            self,
            InteractionKind::Met | InteractionKind::Chat | InteractionKind::Call
        )
    }
}

impl Contact {
    /// Records an interaction on the timeline, which stays sorted newest first (among
    /// interactions on the same date, the one logged last comes first).
    ///
    /// When `kind` is a meeting, chat or call and the contact has no open thank-you follow-up,
    /// returns a *proposed* thank-you follow-up, not yet added (accept it with
    /// [`Contact::add_follow_up`]). It is due the day after the interaction, but never before
    /// tomorrow: logging last week's coffee today proposes a thank-you due tomorrow, since a
    /// due date in the past would be born overdue.
    pub fn log_interaction(
        &mut self,
        kind: InteractionKind,
        date: NaiveDate,
        summary: impl Into<String>,
        today: NaiveDate,
    ) -> Option<FollowUp> {
        self.add_interaction(Interaction::new(kind, date, summary));
        if !kind.warrants_thank_you() || self.has_open(FollowUpKind::ThankYou) {
            return None;
        }
        let due = add_days(date.max(today), 1);
        let what = match kind {
            InteractionKind::Met => "meeting",
            InteractionKind::Call => "call",
            _ => "chat",
        };
        let who = match self.first_name() {
            "" => "them",
            name => name,
        };
        Some(FollowUp::new(
            FollowUpKind::ThankYou,
            format!("Thank {who} for the {what}"),
            due,
        ))
    }

    /// Inserts an existing interaction, keeping the timeline sorted newest first (it goes before
    /// others on the same date).
    pub fn add_interaction(&mut self, interaction: Interaction) {
        let at = self
            .interactions
            .partition_point(|i| i.date > interaction.date);
        self.interactions.insert(at, interaction);
    }

    /// Sorts the timeline newest first (stable), for data that came from elsewhere.
    pub fn sort_interactions(&mut self) {
        self.interactions.sort_by_key(|i| Reverse(i.date));
    }

    /// Removes the interaction with this id and returns it.
    pub fn remove_interaction(&mut self, id: &str) -> Option<Interaction> {
        let at = self.interactions.iter().position(|i| i.id == id)?;
        Some(self.interactions.remove(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{ada, at, cadence, d, date};
    use proptest::prelude::*;

    #[test]
    fn logging_a_chat_proposes_a_thank_you_due_the_next_day() {
        let mut c = ada();
        let today = d(2026, 12, 31);
        let proposal = c
            .log_interaction(InteractionKind::Chat, today, "Coffee", today)
            .expect("a proposal");
        assert_eq!(proposal.kind, FollowUpKind::ThankYou);
        assert_eq!(proposal.due, d(2027, 1, 1));
        assert!(proposal.is_open());
        assert_eq!(proposal.text, "Thank Ada for the chat");
        assert!(c.follow_ups.is_empty(), "a proposal is not added");
        assert_eq!(c.interactions.len(), 1);
        assert_eq!(c.interactions[0].summary, "Coffee");
        // Accept it; the next chat proposes nothing while it is open.
        c.add_follow_up(proposal.clone());
        assert!(c
            .log_interaction(InteractionKind::Met, today, "", today)
            .is_none());
        // Done: the next call proposes again.
        assert!(c.complete_thank_you(today));
        assert!(c
            .log_interaction(InteractionKind::Call, today, "", today)
            .is_some());
    }

    #[test]
    fn backdated_logs_propose_a_thank_you_due_tomorrow() {
        let mut c = ada();
        let p = c
            .log_interaction(InteractionKind::Met, d(2026, 1, 2), "", d(2026, 1, 20))
            .unwrap();
        assert_eq!(p.due, d(2026, 1, 21));
        assert_eq!(p.text, "Thank Ada for the meeting");
    }

    #[test]
    fn only_meetings_chats_and_calls_propose() {
        let today = d(2026, 6, 1);
        for kind in InteractionKind::ALL {
            let mut c = ada();
            let p = c.log_interaction(kind, today, "", today);
            assert_eq!(p.is_some(), kind.warrants_thank_you(), "{kind:?}");
        }
    }

    #[test]
    fn timeline_stays_newest_first() {
        let mut c = ada();
        let today = d(2026, 6, 30);
        for (day, s) in [(5, "a"), (20, "b"), (1, "c"), (20, "d"), (10, "e")] {
            c.log_interaction(InteractionKind::Note, d(2026, 6, day), s, today);
        }
        let order: Vec<&str> = c.interactions.iter().map(|i| i.summary.as_str()).collect();
        assert_eq!(order, vec!["d", "b", "e", "a", "c"]);
        let id = c.interactions[2].id.clone();
        assert_eq!(c.remove_interaction(&id).unwrap().summary, "e");
        assert!(c.remove_interaction(&id).is_none());
        assert_eq!(c.interactions.len(), 4);
        c.interactions.reverse();
        c.sort_interactions();
        assert!(c.interactions.windows(2).all(|w| w[0].date >= w[1].date));
    }

    proptest! {
        #[test]
        fn logging_keeps_the_timeline_sorted_and_touch_current(
            dates in proptest::collection::vec(date(), 1..20),
            today in date(),
            c in cadence(),
        ) {
            let mut contact = Contact::new("P", at(2000, 1, 1));
            contact.cadence = Some(c);
            for (i, day) in dates.iter().enumerate() {
                let kind = InteractionKind::ALL[i % InteractionKind::ALL.len()];
                if let Some(p) = contact.log_interaction(kind, *day, "", today) {
                    prop_assert!(p.due > today && p.due > *day);
                    contact.add_follow_up(p);
                }
                prop_assert!(contact.follow_ups.iter().filter(|f| f.is_open()).count() <= 1);
            }
            prop_assert!(contact.interactions.windows(2).all(|w| w[0].date >= w[1].date));
            let latest = *dates.iter().max().unwrap();
            prop_assert_eq!(contact.last_touch(), latest);
            prop_assert_eq!(contact.next_touch_due(), Some(c.after(latest)));
            prop_assert!(!contact.touch_due(latest));
        }
    }
}
