//! Conference mode: the event the user is at, what quick add fills in while it is on, the people
//! met there with their thank-you status, and the end-of-day review that proposes a thank-you for
//! each person met that day.
//!
//! Conference mode is on while an event is set (in the settings), and only the user turns it off.
//! After the event's last day it stays on, so that a contact added the evening after still gets
//! the event; the UI says the event is over and offers to turn the mode off.
//!
//! The event tags its contacts with its name as typed ("WebSummit 2026"): tags are shown as typed
//! and filtered case- and accent-insensitively (see [`crate::book`]), so the tag reads naturally
//! in the contact list and its filter, and stays the same as long as the event's name does.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::book::{fold, Book};
use crate::dates::parse_date;
use crate::follow_ups::due::due_text;
use crate::form::ContactDraft;
use crate::model::{Contact, FollowUp, FollowUpKind, InteractionKind};

/// The event the user is at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub name: String,
    #[serde(default)]
    pub place: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// A field of the event form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventField {
    Name,
    Place,
    Start,
    End,
}

impl EventField {
    /// The form label of the field.
    pub fn label(self) -> &'static str {
        match self {
            EventField::Name => "Event name",
            EventField::Place => "Place",
            EventField::Start => "Start date",
            EventField::End => "End date",
        }
    }
}

/// One problem with one field of the event form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventError {
    pub field: EventField,
    pub message: String,
}

/// The event form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventDraft {
    pub name: String,
    pub place: String,
    /// `YYYY-MM-DD`, as an `<input type="date">` gives it.
    pub start: String,
    /// `YYYY-MM-DD`, or empty for a one-day event.
    pub end: String,
}

impl EventDraft {
    /// A new event's form: it starts and ends today.
    pub fn starting(today: NaiveDate) -> Self {
        EventDraft {
            start: today.to_string(),
            end: today.to_string(),
            ..Default::default()
        }
    }

    /// The event, trimmed and checked; otherwise every problem, in form order, each naming its
    /// field.
    pub fn to_event(&self) -> Result<Event, Vec<EventError>> {
        let mut errors = Vec::new();
        let mut problem = |field, message: String| errors.push(EventError { field, message });
        let name = self.name.trim();
        if name.is_empty() {
            problem(
                EventField::Name,
                "Please enter the event's name.".to_string(),
            );
        }
        let date = parse_date;
        let start = date(&self.start);
        if start.is_none() {
            problem(EventField::Start, not_a_date(&self.start));
        }
        let end = match self.end.trim() {
            "" => start,
            text => date(text).or_else(|| {
                problem(EventField::End, not_a_date(text));
                None
            }),
        };
        if let (Some(start), Some(end)) = (start, end) {
            if end < start {
                problem(
                    EventField::End,
                    "The end date is before the start date.".to_string(),
                );
            }
        }
        match (start, end) {
            (Some(start), Some(end)) if errors.is_empty() => Ok(Event {
                name: name.to_string(),
                place: self.place.trim().to_string(),
                start,
                end,
            }),
            _ => Err(errors),
        }
    }
}

fn not_a_date(text: &str) -> String {
    match text.trim() {
        "" => "Please enter a date.".to_string(),
        t => format!("“{t}” is not a date. Use the form 2026-11-28."),
    }
}

fn next_day(day: NaiveDate) -> NaiveDate {
    day.checked_add_days(Days::new(1)).unwrap_or(NaiveDate::MAX)
}

/// Where a person met at the event stands with their thank-you.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThankYou {
    /// Nothing planned and nothing sent.
    NotPlanned,
    /// An open thank-you follow-up, due on or after today.
    Due(NaiveDate),
    /// An open thank-you follow-up, due before today.
    Overdue(NaiveDate),
    /// Sent: a thank-you follow-up done, or a "thank-you sent" on the timeline.
    Sent,
}

impl ThankYou {
    /// The status in words: "No thank-you planned", "Thank-you due tomorrow", "Thank-you overdue
    /// (was due yesterday)", "Thank-you sent".
    pub fn text(self, today: NaiveDate) -> String {
        match self {
            ThankYou::NotPlanned => "No thank-you planned".into(),
            ThankYou::Due(due) => format!("Thank-you {}", due_text(due, today)),
            ThankYou::Overdue(due) => format!("Thank-you overdue ({})", due_text(due, today)),
            ThankYou::Sent => "Thank-you sent".into(),
        }
    }

    /// The status of `contact` on `today`. An open thank-you counts first (earliest due), then a
    /// sent one.
    pub fn of(contact: &Contact, today: NaiveDate) -> ThankYou {
        let open = contact
            .open_follow_ups()
            .filter(|f| f.kind == FollowUpKind::ThankYou)
            .min_by_key(|f| f.due);
        match open {
            Some(f) if f.is_overdue(today) => ThankYou::Overdue(f.due),
            Some(f) => ThankYou::Due(f.due),
            None if has_thanked(contact) => ThankYou::Sent,
            None => ThankYou::NotPlanned,
        }
    }
}

fn has_thanked(contact: &Contact) -> bool {
    contact
        .follow_ups
        .iter()
        .any(|f| f.kind == FollowUpKind::ThankYou && !f.is_open())
        || contact
            .interactions
            .iter()
            .any(|i| i.kind == InteractionKind::ThankYouSent)
}

/// The thank-you the end-of-day review proposes for a contact met on `day`: due the next day,
/// unless they already have a thank-you follow-up (open or done) or a thank-you was sent.
pub fn propose_thank_you(contact: &Contact, event: &Event, day: NaiveDate) -> Option<FollowUp> {
    let planned = contact
        .follow_ups
        .iter()
        .any(|f| f.kind == FollowUpKind::ThankYou);
    if planned || has_thanked(contact) {
        return None;
    }
    let who = match contact.first_name() {
        "" => "them",
        name => name,
    };
    Some(FollowUp::new(
        FollowUpKind::ThankYou,
        format!("Thank {who} for meeting at {}", event.name),
        next_day(day),
    ))
}

/// A person met at the event, as the event page lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attendee {
    pub contact_id: String,
    pub name: String,
    pub met_on: Option<NaiveDate>,
    pub thank_you: ThankYou,
}

/// A proposed thank-you in the end-of-day review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposed {
    pub contact_id: String,
    pub name: String,
    pub follow_up: FollowUp,
}

impl Event {
    /// The tag quick add puts on the event's contacts: the event's name.
    pub fn tag(&self) -> &str {
        &self.name
    }

    /// Whether the event's last day is behind `today` (the UI then offers to turn the mode off).
    pub fn is_over(&self, today: NaiveDate) -> bool {
        today > self.end
    }

    /// The add-contact form as quick add opens it in conference mode: met here, today, tagged
    /// with the event. The user can change every one of them.
    pub fn quick_add(&self, today: NaiveDate) -> ContactDraft {
        ContactDraft {
            where_met: self.name.clone(),
            met_on: today.to_string(),
            tags: self.tag().to_string(),
            ..Default::default()
        }
    }

    /// Whether `contact` was met at this event: tagged with it, or met "at" it (case- and
    /// accent-insensitively, like the contact list's filters).
    pub fn includes(&self, contact: &Contact) -> bool {
        let key = fold(self.name.trim());
        fold(contact.where_met.trim()) == key || contact.tags.iter().any(|t| fold(t.trim()) == key)
    }

    /// Everyone met at the event, by name, with their thank-you status on `today`.
    pub fn people(&self, book: &Book, today: NaiveDate) -> Vec<Attendee> {
        book.by_name()
            .into_iter()
            .filter(|c| self.includes(c))
            .map(|c| Attendee {
                contact_id: c.id.clone(),
                name: c.name.clone(),
                met_on: c.met_on,
                thank_you: ThankYou::of(c, today),
            })
            .collect()
    }

    /// The end-of-day review of `day`: the people met at the event that day (their "met on", or
    /// the day they were added when it is blank), by name, each with a proposed thank-you; those
    /// who already have one are left out.
    pub fn review(&self, book: &Book, day: NaiveDate) -> Vec<Proposed> {
        book.by_name()
            .into_iter()
            .filter(|c| self.includes(c))
            .filter(|c| c.met_on.unwrap_or_else(|| c.created_at.date_naive()) == day)
            .filter_map(|c| {
                propose_thank_you(c, self, day).map(|follow_up| Proposed {
                    contact_id: c.id.clone(),
                    name: c.name.clone(),
                    follow_up,
                })
            })
            .collect()
    }
}

/// The contacts of `proposed` with their thank-yous added, each contact once however many it is
/// given, in the order first proposed: what accepting them saves, as one batch. `None` when one
/// of them is no longer in `book`.
pub fn with_thank_yous(book: &Book, proposed: Vec<Proposed>) -> Option<Vec<Contact>> {
    let mut edited: Vec<Contact> = Vec::new();
    for p in proposed {
        let i = match edited.iter().position(|c| c.id == p.contact_id) {
            Some(i) => i,
            None => {
                edited.push(book.get(&p.contact_id)?.clone());
                edited.len() - 1
            }
        };
        edited[i].add_follow_up(p.follow_up);
    }
    Some(edited)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Interaction;
    use crate::settings::Settings;
    use chrono::{DateTime, TimeZone, Utc};
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 3, 18, 0, 0).unwrap()
    }

    fn summit() -> Event {
        Event {
            name: "WebSummit 2026".into(),
            place: "Lisbon".into(),
            start: d(2026, 11, 2),
            end: d(2026, 11, 5),
        }
    }

    /// Adds a contact the way quick add does in conference mode on `today`.
    fn quick_add(event: &Event, name: &str, today: NaiveDate) -> Contact {
        let draft = ContactDraft {
            name: name.into(),
            ..event.quick_add(today)
        };
        let mut c = draft.to_new_contact(now(), today).unwrap();
        // The form logs the meeting; its proposal is not accepted here.
        let _ = c.log_interaction(InteractionKind::Met, today, "", today);
        c
    }

    #[test]
    fn the_thank_you_status_in_words() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let tomorrow = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let yesterday = NaiveDate::from_ymd_opt(2026, 11, 19).unwrap();
        assert_eq!(ThankYou::NotPlanned.text(today), "No thank-you planned");
        assert_eq!(
            ThankYou::Due(tomorrow).text(today),
            "Thank-you due tomorrow"
        );
        assert_eq!(
            ThankYou::Overdue(yesterday).text(today),
            "Thank-you overdue (was due yesterday)"
        );
        assert_eq!(ThankYou::Sent.text(today), "Thank-you sent");
    }

    #[test]
    fn an_event_needs_a_name_and_real_dates_in_order() {
        let draft = EventDraft {
            name: "  ".into(),
            place: "Lisbon".into(),
            start: "2026-11-05".into(),
            end: "2026-11-02".into(),
        };
        let errors = draft.to_event().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, [EventField::Name, EventField::End]);
        assert!(errors[1].message.contains("before the start"));

        let bad = EventDraft {
            name: "X".into(),
            start: "soon".into(),
            ..Default::default()
        };
        let errors = bad.to_event().unwrap_err();
        assert_eq!(errors[0].field, EventField::Start);
        assert!(errors[0].message.contains("“soon” is not a date"));
    }

    #[test]
    fn an_event_is_trimmed_and_a_blank_end_makes_it_one_day() {
        let draft = EventDraft {
            name: " WebSummit 2026 ".into(),
            place: " Lisbon ".into(),
            start: "2026-11-02".into(),
            end: String::new(),
        };
        let e = draft.to_event().unwrap();
        assert_eq!(e.name, "WebSummit 2026");
        assert_eq!(e.place, "Lisbon");
        assert_eq!(e.end, e.start);
        let new = EventDraft::starting(d(2026, 11, 2));
        assert_eq!(
            (new.start.as_str(), new.end.as_str()),
            ("2026-11-02", "2026-11-02")
        );
    }

    #[test]
    fn conference_mode_is_stored_in_the_settings_and_off_by_default() {
        let mut s = Settings::default();
        assert_eq!(s.event, None);
        s.event = Some(summit());
        let text = serde_json::to_string(&s).unwrap();
        let back: Settings = serde_json::from_str(&text).unwrap();
        assert_eq!(back.event, Some(summit()));
    }

    #[test]
    fn quick_add_fills_where_when_and_the_tag_and_proposes_a_thank_you() {
        let today = d(2026, 11, 3);
        let draft = ContactDraft {
            name: "Ada Lovelace".into(),
            ..summit().quick_add(today)
        };
        let mut c = draft.to_new_contact(now(), today).unwrap();
        assert_eq!(c.where_met, "WebSummit 2026");
        assert_eq!(c.met_on, Some(today));
        assert_eq!(c.tags, ["WebSummit 2026"]);
        let proposal = c.log_interaction(InteractionKind::Met, today, "", today);
        assert_eq!(proposal.map(|f| f.due), Some(d(2026, 11, 4)));
        let book: Book = [c].into_iter().collect();
        let q = crate::book::Query {
            tag: Some("websummit 2026".into()),
            ..Default::default()
        };
        assert_eq!(book.query(&q).len(), 1, "the tag filter finds the contact");
    }

    #[test]
    fn after_the_last_day_the_mode_stays_on_and_still_fills_in_the_event() {
        let e = summit();
        assert!(!e.is_over(d(2026, 11, 5)));
        assert!(e.is_over(d(2026, 11, 6)));
        let late = quick_add(&e, "Late Larry", d(2026, 11, 6));
        assert!(e.includes(&late));
        assert_eq!(late.met_on, Some(d(2026, 11, 6)));
    }

    #[test]
    fn the_event_lists_people_tagged_or_met_there_with_their_thank_you_status() {
        let e = summit();
        let today = d(2026, 11, 6);
        let mut due = quick_add(&e, "Bea", d(2026, 11, 5));
        due.add_follow_up(FollowUp::new(FollowUpKind::ThankYou, "", d(2026, 11, 6)));
        let mut late = quick_add(&e, "Al", d(2026, 11, 3));
        late.add_follow_up(FollowUp::new(FollowUpKind::ThankYou, "", d(2026, 11, 4)));
        let mut thanked = Contact::new("Cy", now());
        thanked.where_met = "websummit 2026".into();
        thanked.add_interaction(Interaction::new(
            InteractionKind::ThankYouSent,
            d(2026, 11, 4),
            "",
        ));
        let mut done = quick_add(&e, "Di", d(2026, 11, 3));
        let mut f = FollowUp::new(FollowUpKind::ThankYou, "", d(2026, 11, 4));
        f.complete(d(2026, 11, 4));
        done.add_follow_up(f);
        let nothing = quick_add(&e, "Ed", d(2026, 11, 4));
        let mut elsewhere = Contact::new("Fay", now());
        elsewhere.where_met = "RustConf".into();
        let book: Book = [due, late, thanked, done, nothing, elsewhere]
            .into_iter()
            .collect();
        let people = e.people(&book, today);
        let got: Vec<_> = people
            .iter()
            .map(|a| (a.name.as_str(), a.thank_you))
            .collect();
        assert_eq!(
            got,
            [
                ("Al", ThankYou::Overdue(d(2026, 11, 4))),
                ("Bea", ThankYou::Due(d(2026, 11, 6))),
                ("Cy", ThankYou::Sent),
                ("Di", ThankYou::Sent),
                ("Ed", ThankYou::NotPlanned),
            ]
        );
    }

    #[test]
    fn the_review_proposes_a_thank_you_due_tomorrow_for_each_person_met_that_day() {
        let e = summit();
        let day = d(2026, 11, 3);
        let a = quick_add(&e, "Ada Lovelace", day);
        let b = quick_add(&e, "Grace Hopper", day);
        let yesterday = quick_add(&e, "Old Friend", d(2026, 11, 2));
        let mut planned = quick_add(&e, "Planned Pat", day);
        planned.add_follow_up(FollowUp::new(FollowUpKind::ThankYou, "", d(2026, 11, 4)));
        let mut sent = quick_add(&e, "Sent Sam", day);
        sent.add_interaction(Interaction::new(InteractionKind::ThankYouSent, day, ""));
        let mut book: Book = [a, b, yesterday, planned, sent].into_iter().collect();
        let review = e.review(&book, day);
        let got: Vec<_> = review
            .iter()
            .map(|p| (p.name.as_str(), p.follow_up.kind, p.follow_up.due))
            .collect();
        assert_eq!(
            got,
            [
                ("Ada Lovelace", FollowUpKind::ThankYou, d(2026, 11, 4)),
                ("Grace Hopper", FollowUpKind::ThankYou, d(2026, 11, 4)),
            ]
        );
        assert_eq!(
            review[0].follow_up.text,
            "Thank Ada for meeting at WebSummit 2026"
        );
        // Accepting adds them; the review then has nothing left to propose.
        for p in review {
            book.update(&p.contact_id, |c| c.add_follow_up(p.follow_up));
        }
        assert!(e.review(&book, day).is_empty());
        assert_eq!(book.follow_ups(day).len(), 3);
    }

    #[test]
    fn accepted_thank_yous_change_each_contact_once() {
        let e = summit();
        let day = d(2026, 11, 3);
        let book: Book = [quick_add(&e, "Ada", day), quick_add(&e, "Bo", day)]
            .into_iter()
            .collect();
        let mut review = e.review(&book, day);
        // Two follow-ups for one contact still make one contact to save.
        review.push(Proposed {
            follow_up: FollowUp::new(FollowUpKind::CheckIn, "Coffee", d(2026, 11, 20)),
            ..review[0].clone()
        });
        let edited = with_thank_yous(&book, review.clone()).unwrap();
        let got: Vec<_> = edited
            .iter()
            .map(|c| (c.name.as_str(), c.follow_ups.len()))
            .collect();
        assert_eq!(got, [("Ada", 2), ("Bo", 1)]);
        // Someone deleted meanwhile: nothing to save.
        let mut gone = review[1].clone();
        gone.contact_id = "gone".into();
        assert_eq!(with_thank_yous(&book, vec![review[0].clone(), gone]), None);
    }

    fn arb_event() -> impl Strategy<Value = Event> {
        ("[A-Za-zÉé0-9 ]{1,20}", 0u32..400, 0u64..10).prop_filter_map(
            "a name",
            |(name, offset, len)| {
                let start = d(2026, 1, 1) + Days::new(offset.into());
                (!name.trim().is_empty()).then(|| Event {
                    name: name.trim().to_string(),
                    place: String::new(),
                    start,
                    end: start + Days::new(len),
                })
            },
        )
    }

    proptest! {
        #[test]
        fn a_quick_added_contact_is_always_one_of_the_event_people_and_reviewed_once(
            event in arb_event(),
            days_in in 0u64..12,
            names in prop::collection::vec("[a-z]{1,8}", 1..6),
        ) {
            let today = event.start + Days::new(days_in);
            let mut book: Book = names
                .iter()
                .map(|n| quick_add(&event, n, today))
                .collect();
            prop_assert_eq!(event.people(&book, today).len(), names.len());
            let review = event.review(&book, today);
            prop_assert_eq!(review.len(), names.len());
            prop_assert!(review.iter().all(|p| p.follow_up.due == next_day(today)));
            for p in review {
                book.update(&p.contact_id, |c| c.add_follow_up(p.follow_up));
            }
            prop_assert!(event.review(&book, today).is_empty());
            prop_assert!(event
                .people(&book, today)
                .iter()
                .all(|a| a.thank_you == ThankYou::Due(next_day(today))));
        }

        #[test]
        fn an_event_form_round_trips_and_never_ends_before_it_starts(
            event in arb_event(),
        ) {
            let draft = EventDraft {
                name: event.name.clone(),
                place: event.place.clone(),
                start: event.start.to_string(),
                end: event.end.to_string(),
            };
            prop_assert_eq!(draft.to_event(), Ok(event.clone()));
            let swapped = EventDraft { start: draft.end.clone(), end: draft.start.clone(), ..draft };
            prop_assert_eq!(swapped.to_event().is_ok(), event.start == event.end);
        }
    }
}
