//! Filling a template: the values to fill its placeholders with ([`Values`]) and the filled text
//! ([`Filled`], [`FilledMessage`]). A placeholder without a value takes its default, or shows as
//! missing.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::placeholder::{canonical_name, parse, Placeholder, Segment};
use super::{Me, Template};
use crate::model::{Contact, InteractionKind};

/// The values to fill placeholders with, by name. Blank values count as no value, so the
/// placeholder's default (or a "missing" marker) is used instead.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Values {
    map: BTreeMap<String, String>,
}

impl Values {
    /// No values at all.
    pub fn new() -> Self {
        Values::default()
    }

    /// Just the user's own values: `my_name` and `my_signature` (which falls back to the name).
    pub fn from_me(me: &Me) -> Self {
        let mut v = Values::new();
        v.set(Placeholder::MyName.key(), me.name.trim());
        let signature = if me.signature.trim().is_empty() {
            me.name.trim()
        } else {
            me.signature.trim()
        };
        v.set(Placeholder::MySignature.key(), signature);
        v
    }

    /// The values for writing to `contact`: names, organization, role, `event` (where they met)
    /// and `date_met` (the contact's date met, or else the first "met" on their timeline), plus
    /// the user's own. Per-message values (topic, advice, referred person) and overrides are
    /// added with [`Values::set`].
    pub fn from_contact(contact: &Contact, me: &Me) -> Self {
        let mut v = Values::from_me(me);
        v.set(Placeholder::FirstName.key(), first_name(&contact.name));
        v.set(
            Placeholder::FullName.key(),
            contact
                .name
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        );
        v.set(Placeholder::Organization.key(), contact.organization.trim());
        v.set(Placeholder::Role.key(), contact.role.trim());
        v.set(Placeholder::Event.key(), contact.where_met.trim());
        let met_on = contact.met_on.or_else(|| {
            contact
                .interactions
                .iter()
                .filter(|i| i.kind == InteractionKind::Met)
                .map(|i| i.date)
                .min()
        });
        if let Some(date) = met_on {
            v.set(Placeholder::DateMet.key(), format_date(date));
        }
        v
    }

    /// Sets (or overrides) the value for a placeholder name (known or not; `first name` and
    /// `first_name` are the same). A blank value removes it.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        let name = canonical_name(name);
        let value = value.into();
        if value.trim().is_empty() {
            self.map.remove(&name);
        } else {
            self.map.insert(name, value);
        }
    }

    /// [`Values::set`], for chaining.
    pub fn with(mut self, name: &str, value: impl Into<String>) -> Self {
        self.set(name, value);
        self
    }

    /// The value for a placeholder name, if there is one.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.map.get(&canonical_name(name)).map(String::as_str)
    }
}

/// The first word of a name: "Ana" for "Ana María López". Empty for an empty name.
pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or("")
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date in plain English: "12 March 2026".
pub fn format_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// A piece of filled text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilledSegment {
    /// Literal text from the template.
    Text(String),
    /// A placeholder's value (or its default), inserted as is.
    Value { name: String, text: String },
    /// A placeholder with no value and no default: the user has to fill it in.
    Missing { name: String },
}

/// Template text with its placeholders filled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filled {
    pub segments: Vec<FilledSegment>,
}

impl Filled {
    /// The final text. A missing placeholder shows as a marker such as `[first name]`, so it is
    /// never silently dropped.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                FilledSegment::Text(text) | FilledSegment::Value { text, .. } => out.push_str(text),
                FilledSegment::Missing { name } => out.push_str(&missing_marker(name)),
            }
        }
        out
    }

    /// The names of the missing placeholders, each once, in order of first appearance.
    pub fn missing(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for segment in &self.segments {
            if let FilledSegment::Missing { name } = segment {
                if !out.contains(name) {
                    out.push(name.clone());
                }
            }
        }
        out
    }

    /// True when nothing is missing.
    pub fn is_complete(&self) -> bool {
        !self
            .segments
            .iter()
            .any(|s| matches!(s, FilledSegment::Missing { .. }))
    }
}

/// How a missing placeholder shows in [`Filled::to_text`]: `[first name]` for a known one (its
/// label, lower-cased), `[name]` for another.
pub fn missing_marker(name: &str) -> String {
    match Placeholder::from_key(name) {
        Some(p) => format!("[{}]", p.label().to_lowercase()),
        None => format!("[{}]", name),
    }
}

/// Fills the placeholders in `text` with `values`, in one pass: a value's own text is never
/// looked at again. A placeholder without a value takes its default, or is [`FilledSegment::Missing`].
pub fn fill(text: &str, values: &Values) -> Filled {
    let segments = parse(text)
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(text) => FilledSegment::Text(text),
            Segment::Field { name, default, .. } => match values.get(&name) {
                Some(value) => FilledSegment::Value {
                    text: value.to_string(),
                    name,
                },
                None => match default {
                    Some(text) => FilledSegment::Value { name, text },
                    None => FilledSegment::Missing { name },
                },
            },
        })
        .collect();
    Filled { segments }
}

/// A template's subject and body, filled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilledMessage {
    pub subject: Filled,
    pub body: Filled,
}

impl FilledMessage {
    /// The subject on one line: line breaks (from a multi-line value) become spaces.
    pub fn subject_text(&self) -> String {
        self.subject
            .to_text()
            .replace("\r\n", " ")
            .replace(['\r', '\n'], " ")
    }

    /// The body text.
    pub fn body_text(&self) -> String {
        self.body.to_text()
    }

    /// The missing placeholder names of subject and body, each once.
    pub fn missing(&self) -> Vec<String> {
        let mut out = self.subject.missing();
        for name in self.body.missing() {
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }

    /// True when nothing is missing in subject or body.
    pub fn is_complete(&self) -> bool {
        self.subject.is_complete() && self.body.is_complete()
    }
}

/// Fills a template's subject and body.
pub fn fill_template(template: &Template, values: &Values) -> FilledMessage {
    FilledMessage {
        subject: fill(&template.subject, values),
        body: fill(&template.body, values),
    }
}
