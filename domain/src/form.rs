//! The contact form as the user types it: every field as text, turned into a [`Contact`] on save.
//! Lists are typed one entry per line (or separated by commas, for tags); [`Field::input`] and
//! [`Field::hint`] say how the form asks for each field.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::dates::parse_date;
use crate::model::{Cadence, Contact, FollowUp, InteractionKind, TieStrength};
use crate::validation::{Field, FieldError};

/// How the form asks for a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// One line of text.
    Line,
    /// Several lines: a list, one entry per line, or free text.
    Lines,
    /// A calendar date.
    Date,
    /// A web address.
    Url,
    /// One of a list (tie strength, cadence, who introduced them).
    Choice,
}

impl Field {
    /// How the form asks for this field.
    pub fn input(self) -> Input {
        match self {
            Field::Emails | Field::Phones | Field::Links | Field::HowMet | Field::Notes => {
                Input::Lines
            }
            Field::MetOn => Input::Date,
            Field::Linkedin => Input::Url,
            Field::Tie | Field::Cadence | Field::IntroducedBy => Input::Choice,
            Field::Name | Field::Role | Field::Organization | Field::WhereMet | Field::Tags => {
                Input::Line
            }
        }
    }

    /// The hint shown with the field, where its text needs one: how a list is typed, or what the
    /// field is for.
    pub fn hint(self) -> Option<&'static str> {
        match self {
            Field::Emails | Field::Phones | Field::Links => Some("One per line"),
            Field::Tags => Some("Separated by commas"),
            Field::WhereMet => Some("The event or place"),
            _ => None,
        }
    }
}

/// The text of every field of the contact form. It crosses to the file formats module and back
/// as JSON (a scanned code is read there).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactDraft {
    pub name: String,
    pub role: String,
    pub organization: String,
    /// One per line.
    pub emails: String,
    /// One per line.
    pub phones: String,
    pub linkedin: String,
    /// One per line.
    pub links: String,
    pub where_met: String,
    /// `YYYY-MM-DD`, as an `<input type="date">` gives it, or empty.
    pub met_on: String,
    pub how_met: String,
    /// The id of the contact who introduced them, or empty.
    pub introduced_by: String,
    pub tie: TieStrength,
    /// Separated by commas.
    pub tags: String,
    pub notes: String,
    pub cadence: Option<Cadence>,
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

fn tags(text: &str) -> Vec<String> {
    text.split([',', '\n']).map(str::to_string).collect()
}

impl ContactDraft {
    /// The form filled with a contact's values, for editing.
    pub fn from_contact(c: &Contact) -> Self {
        ContactDraft {
            name: c.name.clone(),
            role: c.role.clone(),
            organization: c.organization.clone(),
            emails: c.emails.join("\n"),
            phones: c.phones.join("\n"),
            linkedin: c.linkedin.clone(),
            links: c.links.join("\n"),
            where_met: c.where_met.clone(),
            met_on: c.met_on.map(|d| d.to_string()).unwrap_or_default(),
            how_met: c.how_met.clone(),
            introduced_by: c.introduced_by.clone().unwrap_or_default(),
            tie: c.tie,
            tags: c.tags.join(", "),
            notes: c.notes.clone(),
            cadence: c.cadence,
        }
    }

    /// Writes the form into `contact` (a new one, or a copy of the one being edited), tidied and
    /// checked. On error, `contact` may be partly written: pass a copy. Every problem is
    /// returned, each naming its field, so the form can show it next to that field.
    pub fn apply(&self, contact: &mut Contact, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        contact.met_on = match self.met_on.trim() {
            "" => None,
            text => match parse_date(text) {
                Some(d) => Some(d),
                None => {
                    errors.push(FieldError::new(
                        Field::MetOn,
                        format!("“{text}” is not a date. Use the form 2026-11-28."),
                    ));
                    None
                }
            },
        };
        contact.name = self.name.clone();
        contact.role = self.role.clone();
        contact.organization = self.organization.clone();
        contact.emails = lines(&self.emails);
        contact.phones = lines(&self.phones);
        contact.linkedin = self.linkedin.clone();
        contact.links = lines(&self.links);
        contact.where_met = self.where_met.clone();
        contact.how_met = self.how_met.clone();
        contact.introduced_by = Some(self.introduced_by.clone());
        contact.tie = self.tie;
        contact.tags = tags(&self.tags);
        contact.notes = self.notes.clone();
        contact.cadence = self.cadence;
        contact.normalize();
        if let Err(more) = contact.validate_on(today) {
            errors.extend(more);
        }
        errors.sort_by_key(|e| e.field);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// A new contact from the form, created at `now`.
    pub fn to_new_contact(
        &self,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<Contact, Vec<FieldError>> {
        let mut contact = Contact::new("", now);
        self.apply(&mut contact, today)?;
        Ok(contact)
    }

    /// A new contact from the quick form, with the meeting on their timeline: "Met at <where met>"
    /// (no summary when where met is empty), on the day met, today when it is not given. Returns
    /// the thank-you that the meeting proposes, for the user to accept.
    pub fn to_met_contact(
        &self,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<(Contact, Option<FollowUp>), Vec<FieldError>> {
        let mut contact = self.to_new_contact(now, today)?;
        let summary = if contact.where_met.is_empty() {
            String::new()
        } else {
            format!("Met at {}", contact.where_met)
        };
        let met = contact.met_on.unwrap_or(today);
        let proposal = contact.log_interaction(InteractionKind::Met, met, summary, today);
        Ok((contact, proposal))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn lists_are_asked_for_as_they_are_read() {
        let draft = ContactDraft {
            name: "Ada".into(),
            emails: "a@example.com\nb@example.com".into(),
            phones: "+1 555 0100\n+1 555 0101".into(),
            links: "https://a.example\nhttps://b.example".into(),
            tags: "one, two".into(),
            ..ContactDraft::default()
        };
        let c = draft.to_new_contact(now(), today()).unwrap();
        let lengths = [c.emails.len(), c.phones.len(), c.links.len(), c.tags.len()];
        assert_eq!(lengths, [2; 4]);
        for field in [Field::Emails, Field::Phones, Field::Links] {
            assert_eq!(
                (field.input(), field.hint()),
                (Input::Lines, Some("One per line"))
            );
        }
        assert_eq!(Field::Tags.hint(), Some("Separated by commas"));
        assert_eq!(Field::MetOn.input(), Input::Date);
        assert_eq!(Field::Name.hint(), None);
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, 9, 30, 0).unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    #[test]
    fn quick_add_logs_where_they_met_on_the_day_met() {
        let draft = ContactDraft {
            name: "Ana Lima".into(),
            where_met: "RustConf".into(),
            met_on: "2026-11-27".into(),
            ..ContactDraft::default()
        };
        let (contact, proposal) = draft.to_met_contact(now(), today()).unwrap();
        let met = &contact.interactions[0];
        assert_eq!(met.kind, InteractionKind::Met);
        assert_eq!(met.summary, "Met at RustConf");
        assert_eq!(met.date, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        assert!(proposal.is_some());

        let nowhere = ContactDraft {
            name: "Ben".into(),
            ..ContactDraft::default()
        };
        let (contact, _) = nowhere.to_met_contact(now(), today()).unwrap();
        assert_eq!(contact.interactions[0].summary, "");
        assert_eq!(contact.interactions[0].date, today());
        assert!(ContactDraft::default()
            .to_met_contact(now(), today())
            .is_err());
    }

    #[test]
    fn a_quick_add_needs_only_a_name() {
        let draft = ContactDraft {
            name: "  Ada Lovelace ".into(),
            organization: "Analytical Engines".into(),
            where_met: "PyCon".into(),
            ..Default::default()
        };
        let c = draft.to_new_contact(now(), today()).unwrap();
        assert_eq!(c.name, "Ada Lovelace");
        assert_eq!(c.organization, "Analytical Engines");
        assert_eq!(c.where_met, "PyCon");
        assert_eq!(c.introduced_by, None);
        assert!(c.emails.is_empty() && c.tags.is_empty());
    }

    #[test]
    fn lists_are_split_trimmed_and_tags_deduplicated() {
        let draft = ContactDraft {
            name: "Grace".into(),
            emails: "grace@navy.mil\n\n  g@example.org \n".into(),
            phones: "+1 555 0100\n".into(),
            tags: "cobol, Navy ,navy,\nmentor".into(),
            ..Default::default()
        };
        let c = draft.to_new_contact(now(), today()).unwrap();
        assert_eq!(c.emails, ["grace@navy.mil", "g@example.org"]);
        assert_eq!(c.phones, ["+1 555 0100"]);
        assert_eq!(c.tags, ["cobol", "Navy", "mentor"]);
    }

    #[test]
    fn every_problem_is_reported_against_its_field_in_form_order() {
        let draft = ContactDraft {
            name: "   ".into(),
            emails: "not-an-email".into(),
            met_on: "2026-13-01".into(),
            ..Default::default()
        };
        let errors = draft.to_new_contact(now(), today()).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::Name, Field::Emails, Field::MetOn]);
        assert!(errors[2].message.contains("2026-13-01"));
    }

    #[test]
    fn a_future_meeting_date_is_refused() {
        let draft = ContactDraft {
            name: "Time traveller".into(),
            met_on: "2026-11-29".into(),
            ..Default::default()
        };
        let errors = draft.to_new_contact(now(), today()).unwrap_err();
        assert_eq!(errors[0].field, Field::MetOn);
    }

    #[test]
    fn a_contact_survives_the_round_trip_through_the_form() {
        let draft = ContactDraft {
            name: "Katherine Johnson".into(),
            role: "Mathematician".into(),
            organization: "NASA".into(),
            emails: "kj@nasa.gov".into(),
            phones: "+1 757 555 0101".into(),
            linkedin: "https://www.linkedin.com/in/kj".into(),
            links: "https://example.org/kj".into(),
            where_met: "Hampton".into(),
            met_on: "2026-11-01".into(),
            how_met: "Queue for coffee".into(),
            introduced_by: "someone-else".into(),
            tie: TieStrength::Medium,
            tags: "space, orbits".into(),
            notes: "Line one\nLine two".into(),
            cadence: Some(Cadence::Quarter),
        };
        let c = draft.to_new_contact(now(), today()).unwrap();
        assert_eq!(ContactDraft::from_contact(&c), draft);
    }
}
