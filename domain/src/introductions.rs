//! Who introduced whom: the chain of introducers behind a contact (A → B → C), and the article's
//! last question, "What other people do you recommend that I talk with? May I tell them that you
//! referred me?", as a flow: a new contact introduced by this one, with a follow-up to reach out.
//!
//! `introduced_by` is an id and nothing stops stored data from going round in a circle (A
//! introduced by B, B by A), naming the contact itself, or naming a deleted contact: the chain
//! stops at the first id it cannot follow or has already seen.

use std::collections::HashSet;

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::book::Book;
use crate::form::ContactDraft;
use crate::model::{Contact, FollowUp, FollowUpKind};
use crate::validation::FieldError;

/// How many days after adding a recommended person the follow-up to reach out is due.
pub const REACH_OUT_DAYS: u64 = 2;

impl Book {
    /// The introducers behind the contact `id`, the one who started it first and the contact's
    /// own introducer last: for C introduced by B, introduced by A, `[A, B]`. Empty when the
    /// contact is unknown or was introduced by nobody (or by a deleted contact). Each contact
    /// appears once and never the contact itself: the walk stops at a cycle or a missing id.
    pub fn introduction_chain(&self, id: &str) -> Vec<&Contact> {
        let mut chain = Vec::new();
        let mut seen = HashSet::from([id]);
        let mut current = self.get(id);
        while let Some(by) = current.and_then(|c| c.introduced_by.as_deref()) {
            if !seen.insert(by) {
                break;
            }
            current = self.get(by);
            chain.extend(current);
        }
        chain.reverse();
        chain
    }
}

/// The add-contact form for someone `introducer` recommends: introduced by them, and "how met"
/// says so.
pub fn recommendation_draft(introducer: &Contact) -> ContactDraft {
    ContactDraft {
        introduced_by: introducer.id.clone(),
        how_met: format!("Recommended by {}", introducer.name.trim()),
        ..ContactDraft::default()
    }
}

/// A new contact from the form for someone recommended, with the follow-up to reach out to them
/// when their introducer (the form lets the user pick someone else) is in `book`. No meeting is
/// logged: they have not met yet.
pub fn recommended_contact(
    draft: &ContactDraft,
    book: &Book,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Contact, Vec<FieldError>> {
    let mut contact = draft.to_new_contact(now, today)?;
    let by = contact.introduced_by.clone().unwrap_or_default();
    if let Some(by) = book.get(&by) {
        let follow_up = reach_out(&contact, by, today);
        contact.add_follow_up(follow_up);
    }
    Ok(contact)
}

/// The follow-up that comes with a recommended person: reach out to them, due
/// [`REACH_OUT_DAYS`] after `today`.
pub fn reach_out(contact: &Contact, introducer: &Contact, today: NaiveDate) -> FollowUp {
    let who = match contact.first_name() {
        "" => contact.name.trim(),
        first => first,
    };
    let due = today
        .checked_add_days(Days::new(REACH_OUT_DAYS))
        .unwrap_or(NaiveDate::MAX);
    FollowUp::new(
        FollowUpKind::Introduction,
        format!(
            "Reach out to {who}, recommended by {}",
            introducer.name.trim()
        ),
        due,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Contacts "0".."n-1" named "P0".., each introduced by the id given (which may not exist).
    fn graph(links: &[Option<&str>]) -> Book {
        links
            .iter()
            .enumerate()
            .map(|(i, by)| {
                let mut c = Contact::new(format!("P{i}"), DateTime::<Utc>::UNIX_EPOCH);
                c.id = i.to_string();
                c.introduced_by = by.map(str::to_string);
                c
            })
            .collect()
    }

    #[test]
    fn a_recommended_person_comes_with_a_reach_out_when_the_introducer_is_known() {
        let book = graph(&[None]);
        let introducer = book.get("0").unwrap();
        let mut draft = recommendation_draft(introducer);
        draft.name = "Sam Ortiz".into();
        let today = d(2026, 11, 20);
        let c = recommended_contact(&draft, &book, DateTime::UNIX_EPOCH, today).unwrap();
        assert!(c.interactions.is_empty());
        assert_eq!(c.follow_ups.len(), 1);
        assert_eq!(c.follow_ups[0].due, d(2026, 11, 22));
        draft.introduced_by = "gone".into();
        let c = recommended_contact(&draft, &book, DateTime::UNIX_EPOCH, today).unwrap();
        assert!(c.follow_ups.is_empty());
    }

    fn ids(list: &[&Contact]) -> Vec<String> {
        list.iter().map(|c| c.id.clone()).collect()
    }

    #[test]
    fn chain_oldest_introducer_first() {
        // 2 introduced by 1, introduced by 0.
        let book = graph(&[None, Some("0"), Some("1"), Some("1")]);
        assert_eq!(ids(&book.introduction_chain("2")), vec!["0", "1"]);
        assert_eq!(ids(&book.introduction_chain("1")), vec!["0"]);
        assert!(book.introduction_chain("0").is_empty());
        assert!(book.introduction_chain("nobody").is_empty());
        // The reverse look-up: the people 1 introduced, by name.
        assert_eq!(ids(&book.introduced("1")), vec!["2", "3"]);
        assert!(book.introduced("2").is_empty());
    }

    #[test]
    fn cycles_self_introductions_and_deleted_introducers_stop_the_chain() {
        // 0 <-> 1 introduced each other; 2 introduced by 0.
        let book = graph(&[Some("1"), Some("0"), Some("0")]);
        assert_eq!(ids(&book.introduction_chain("0")), vec!["1"]);
        assert_eq!(ids(&book.introduction_chain("1")), vec!["0"]);
        assert_eq!(ids(&book.introduction_chain("2")), vec!["1", "0"]);
        // Introduced by themselves.
        let book = graph(&[Some("0"), Some("0")]);
        assert!(book.introduction_chain("0").is_empty());
        assert_eq!(ids(&book.introduction_chain("1")), vec!["0"]);
        assert_eq!(ids(&book.introduced("0")), vec!["1"]);
        // Introduced by a deleted contact, further up the chain.
        let book = graph(&[Some("gone"), Some("0")]);
        assert_eq!(ids(&book.introduction_chain("1")), vec!["0"]);
        assert!(book.introduction_chain("0").is_empty());
    }

    #[test]
    fn a_recommended_person_comes_with_a_follow_up_to_reach_out() {
        let mut ann = Contact::new(" Ann Lee ", DateTime::<Utc>::UNIX_EPOCH);
        ann.id = "ann".into();
        let draft = recommendation_draft(&ann);
        assert_eq!(draft.introduced_by, "ann");
        assert_eq!(draft.how_met, "Recommended by Ann Lee");
        assert_eq!(draft.name, "");
        let today = d(2026, 2, 27);
        let mut draft = draft;
        draft.name = "Bea Diaz".into();
        let bea = draft
            .to_new_contact(DateTime::<Utc>::UNIX_EPOCH, today)
            .unwrap();
        assert_eq!(bea.introduced_by.as_deref(), Some("ann"));
        let f = reach_out(&bea, &ann, today);
        assert_eq!(f.kind, FollowUpKind::Introduction);
        assert_eq!(f.text, "Reach out to Bea, recommended by Ann Lee");
        assert_eq!(f.due, d(2026, 3, 1));
        assert!(f.is_open());
        assert_eq!(reach_out(&bea, &ann, NaiveDate::MAX).due, NaiveDate::MAX);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn random_graphs_give_chains_that_end_without_repeats(
            links in proptest::collection::vec(proptest::option::of(0usize..25), 0..20)
        ) {
            // Ids past the end of the list are deleted contacts.
            let names: Vec<Option<String>> = links.iter().map(|l| l.map(|i| i.to_string())).collect();
            let refs: Vec<Option<&str>> = names.iter().map(Option::as_deref).collect();
            let book = graph(&refs);
            for id in 0..links.len() {
                let id = id.to_string();
                let chain = book.introduction_chain(&id);
                let mut seen = HashSet::new();
                prop_assert!(chain.iter().all(|c| seen.insert(c.id.clone())), "a repeat");
                prop_assert!(!seen.contains(&id), "the contact in its own chain");
                prop_assert!(chain.len() < links.len().max(1));
                // Each link is a real introduction: the last one introduced the contact, and
                // each one was introduced by the one before it.
                if let Some(last) = chain.last() {
                    prop_assert_eq!(book.get(&id).unwrap().introduced_by.as_deref(), Some(last.id.as_str()));
                }
                for w in chain.windows(2) {
                    prop_assert_eq!(w[1].introduced_by.as_deref(), Some(w[0].id.as_str()));
                }
                // The reverse look-up never lists the contact itself.
                prop_assert!(book.introduced(&id).iter().all(|c| c.id != id));
            }
        }
    }
}
