//! The records the user keeps: contacts, with their timeline of interactions and their follow-ups.
//!
//! A [`Contact`] is stored as one document that carries its own interactions and follow-ups, so that
//! logging a chat or ticking a follow-up rewrites that one contact and nothing else.
//!
//! Methods of [`Contact`], by concern: `new` and `first_name` here; the keep-in-touch cadence
//! (`last_touch`, `next_touch_due`, `touch_due`) in [`crate::cadence`]; the timeline
//! (`log_interaction`, `add_interaction`...) in [`crate::timeline`]; follow-ups (`add_follow_up`,
//! `complete_thank_you`...) in [`crate::follow_ups`]; `validate` and `normalize` in
//! [`crate::validation`]. The names the user sees for the enums below are in [`crate::labels`].

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Reading a contact's dates quickly: start-up reads tens of thousands of them, and chrono's
/// general parser is slow in a build optimized for size. The shapes this app writes
/// (`2025-03-02`; `2025-01-01T10:00:00Z`, with or without a fraction of a second) are read
/// directly; any other text goes to chrono, which reads or refuses it exactly as before.
mod dates {
    use std::fmt;

    use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
    use serde::de::{self, Deserialize, Deserializer, IntoDeserializer, Visitor};

    /// The number written by `b`, if it is all ASCII digits (at most 9 of them).
    fn number(b: &[u8]) -> Option<u32> {
        b.iter().try_fold(0, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    }

    /// `YYYY-MM-DD`.
    pub(super) fn read_date(b: &[u8]) -> Option<NaiveDate> {
        let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *b else {
            return None;
        };
        let year = i32::try_from(number(&[y0, y1, y2, y3])?).ok()?;
        NaiveDate::from_ymd_opt(year, number(&[m0, m1])?, number(&[d0, d1])?)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, with an optional fraction of a second of 1 to 9 digits.
    pub(super) fn read_time(b: &[u8]) -> Option<DateTime<Utc>> {
        let (day, rest) = b.split_at_checked(10)?;
        let rest = rest.strip_prefix(b"T")?.strip_suffix(b"Z")?;
        let (hms, fraction) = rest.split_at_checked(8)?;
        let [h0, h1, b':', m0, m1, b':', s0, s1] = *hms else {
            return None;
        };
        let nanos = match fraction {
            [] => 0,
            [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
                number(digits)? * 10u32.pow(9 - digits.len() as u32)
            }
            _ => return None,
        };
        let (h, m, s) = (number(&[h0, h1])?, number(&[m0, m1])?, number(&[s0, s1])?);
        let time = NaiveTime::from_hms_nano_opt(h, m, s, nanos)?;
        Some(read_date(day)?.and_time(time).and_utc())
    }

    /// Reads a string with `read`, else as chrono reads it; `expecting` is chrono's own wording,
    /// for a value that is not a string at all.
    struct Quick<T> {
        read: fn(&[u8]) -> Option<T>,
        expecting: &'static str,
    }

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Quick<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.expecting)
        }

        fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
            match (self.read)(s.as_bytes()) {
                Some(value) => Ok(value),
                None => T::deserialize(s.into_deserializer()),
            }
        }
    }

    pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        d.deserialize_str(Quick {
            read: read_date,
            expecting: "a formatted date string",
        })
    }

    pub fn optional_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        #[derive(serde::Deserialize)]
        struct Date(#[serde(deserialize_with = "date")] NaiveDate);
        Ok(Option::<Date>::deserialize(d)?.map(|Date(day)| day))
    }

    pub fn time<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        d.deserialize_str(Quick {
            read: read_time,
            expecting: "an RFC 3339 formatted date and time string",
        })
    }
}

/// A fresh random id (UUID v4, as text).
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// How close the user is to someone (Granovetter's weak and strong ties).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum TieStrength {
    #[default]
    Weak,
    Medium,
    Strong,
}

/// How often the user wants to be in touch with a contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    TwoWeeks,
    Month,
    Quarter,
    HalfYear,
    Year,
}

/// What kind of moment an interaction records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKind {
    Met,
    Chat,
    Call,
    Message,
    ThankYouSent,
    Note,
}

/// A dated entry on a contact's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: String,
    #[serde(deserialize_with = "dates::date")]
    pub date: NaiveDate,
    pub kind: InteractionKind,
    #[serde(default)]
    pub summary: String,
}

/// What a follow-up asks the user to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpKind {
    ThankYou,
    CheckIn,
    Introduction,
    SendSomething,
    Other,
}

/// Something the user owes a contact, due on a calendar date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: String,
    pub kind: FollowUpKind,
    /// Free text: what exactly to do.
    #[serde(default)]
    pub text: String,
    #[serde(deserialize_with = "dates::date")]
    pub due: NaiveDate,
    /// The day it was done; `None` while it is open.
    #[serde(default, deserialize_with = "dates::optional_date")]
    pub done_on: Option<NaiveDate>,
}

/// A person the user has met.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub linkedin: String,
    /// Other web links (personal site, portfolio...).
    #[serde(default)]
    pub links: Vec<String>,
    /// The event or place where they met.
    #[serde(default)]
    pub where_met: String,
    #[serde(default, deserialize_with = "dates::optional_date")]
    pub met_on: Option<NaiveDate>,
    /// Free text: how they met.
    #[serde(default)]
    pub how_met: String,
    /// The id of the contact who introduced them.
    #[serde(default)]
    pub introduced_by: Option<String>,
    #[serde(default)]
    pub tie: TieStrength,
    #[serde(default)]
    pub tags: Vec<String>,
    /// What the user learned about the person (multi-line).
    #[serde(default)]
    pub notes: String,
    /// The user's research before meeting them: their profile, their organization, common
    /// ground (multi-line; shown on the prep sheet).
    #[serde(default)]
    pub research: String,
    #[serde(default)]
    pub cadence: Option<Cadence>,
    #[serde(default)]
    pub interactions: Vec<Interaction>,
    #[serde(default)]
    pub follow_ups: Vec<FollowUp>,
    #[serde(deserialize_with = "dates::time")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "dates::time")]
    pub updated_at: DateTime<Utc>,
    /// Revision counter, raised by one on every save; guards against overwriting a newer edit
    /// made in another tab.
    #[serde(default)]
    pub rev: u64,
}

impl Contact {
    /// A new contact with just a name, created at `now`.
    pub fn new(name: impl Into<String>, now: DateTime<Utc>) -> Self {
        Contact {
            id: new_id(),
            name: name.into(),
            role: String::new(),
            organization: String::new(),
            emails: Vec::new(),
            phones: Vec::new(),
            linkedin: String::new(),
            links: Vec::new(),
            where_met: String::new(),
            met_on: None,
            how_met: String::new(),
            introduced_by: None,
            tie: TieStrength::Weak,
            tags: Vec::new(),
            notes: String::new(),
            research: String::new(),
            cadence: None,
            interactions: Vec::new(),
            follow_ups: Vec::new(),
            created_at: now,
            updated_at: now,
            rev: 0,
        }
    }

    /// "Engineer · Acme": the role and the organization, each only when given.
    pub fn role_and_organization(&self) -> String {
        [self.role.as_str(), self.organization.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The first name, for friendly text ("Thank Ada for the chat"): the first word of the name.
    pub fn first_name(&self) -> &str {
        crate::template::first_name(&self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What chrono alone makes of a JSON value, and what the quick readers make of it.
    fn both<T>(json: &str, quick: impl Fn(&str) -> serde_json::Result<T>) -> [Result<T, String>; 2]
    where
        T: serde::de::DeserializeOwned,
    {
        [
            serde_json::from_str::<T>(json).map_err(|e| e.to_string()),
            quick(json).map_err(|e| e.to_string()),
        ]
    }

    fn check(text: &str) {
        let json = serde_json::to_string(text).unwrap();
        let [a, b] = both::<NaiveDate>(&json, |j| {
            dates::date(&mut serde_json::Deserializer::from_str(j))
        });
        assert_eq!(a, b, "{text}");
        let [a, b] = both::<DateTime<Utc>>(&json, |j| {
            dates::time(&mut serde_json::Deserializer::from_str(j))
        });
        assert_eq!(a, b, "{text}");
    }

    #[test]
    fn role_and_organization_leave_out_what_is_missing() {
        let mut c = Contact::new("Ana", DateTime::UNIX_EPOCH);
        assert_eq!(c.role_and_organization(), "");
        c.organization = "Acme".into();
        assert_eq!(c.role_and_organization(), "Acme");
        c.role = "Engineer".into();
        assert_eq!(c.role_and_organization(), "Engineer · Acme");
    }

    #[test]
    fn dates_read_quickly_read_as_chrono_reads_them() {
        for text in [
            "2025-03-02",
            "2024-02-29",
            "2025-02-29",
            "2025-13-01",
            "2025-3-2",
            "+2025-03-02",
            "0000-01-01",
            "2025-03-02 ",
            "2025-01-01T10:00:00Z",
            "2025-01-01T10:00:00.5Z",
            "2025-01-01T10:00:00.123456789Z",
            "2025-01-01T10:00:00.1234567891Z",
            "2025-01-01T10:00:00.Z",
            "2025-01-01T23:59:60Z",
            "2025-01-01T24:00:00Z",
            "2025-01-01T10:00:00+02:00",
            "2025-01-01t10:00:00z",
            "2025-01-01 10:00:00Z",
            "2025-01-01T1:00:00Z",
            "",
            "x",
        ] {
            check(text);
        }
        // Not a string at all: the same wording as chrono's.
        for json in ["5", "null", "[]"] {
            let [a, b] = both::<NaiveDate>(json, |j| {
                dates::date(&mut serde_json::Deserializer::from_str(j))
            });
            assert_eq!(a, b, "{json}");
            let [a, b] = both::<DateTime<Utc>>(json, |j| {
                dates::time(&mut serde_json::Deserializer::from_str(j))
            });
            assert_eq!(a, b, "{json}");
        }
        let [a, b] = both::<Option<NaiveDate>>("null", |j| {
            dates::optional_date(&mut serde_json::Deserializer::from_str(j))
        });
        assert_eq!(a, b);
        let [a, b] = both::<Option<NaiveDate>>("\"2025-03-02\"", |j| {
            dates::optional_date(&mut serde_json::Deserializer::from_str(j))
        });
        assert_eq!((a.clone(), a), (b, Ok(NaiveDate::from_ymd_opt(2025, 3, 2))));
        // The shapes this app writes do take the quick way.
        assert!(dates::read_date(b"2025-03-02").is_some());
        assert!(dates::read_time(b"2025-01-01T10:00:00.000000001Z").is_some());
    }

    proptest! {
        #[test]
        fn any_date_or_time_text_reads_as_chrono_reads_it(
            text in "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,10})?Z?)?",
        ) {
            check(&text);
        }

        #[test]
        fn any_stored_time_reads_back(secs in 0i64..4_102_444_800, nanos in 0u32..1_000_000_000) {
            let time = DateTime::from_timestamp(secs, nanos).unwrap();
            let json = serde_json::to_string(&time).unwrap();
            let read = dates::time(&mut serde_json::Deserializer::from_str(&json)).unwrap();
            prop_assert_eq!(read, time);
        }
    }
}
