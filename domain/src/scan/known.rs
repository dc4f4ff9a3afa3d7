//! "Already known?": whether a scanned person is already one of the contacts, by the same email,
//! phone number or LinkedIn profile, so that the app can offer to open them instead of adding a
//! duplicate.

use std::fmt;

use crate::form::ContactDraft;
use crate::model::Contact;

/// What the scanned card shares with an existing contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KnownBy {
    Email(String),
    Phone(String),
    Linkedin,
}

impl fmt::Display for KnownBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KnownBy::Email(email) => write!(f, "same email {email}"),
            KnownBy::Phone(phone) => write!(f, "same phone number {phone}"),
            KnownBy::Linkedin => f.write_str("same LinkedIn profile"),
        }
    }
}

/// The existing contact a scanned card belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known {
    pub id: String,
    pub name: String,
    pub by: KnownBy,
}

/// The digits of a phone number, when there are enough of them to tell numbers apart.
fn phone_digits(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 7).then_some(digits)
}

/// Whether two numbers are the same line: the same digits, or the same with a country code or
/// trunk prefix on one of them (the last 8 digits or more alike).
fn same_phone(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long || (short.len() >= 8 && long.ends_with(short.trim_start_matches('0')))
}

/// A LinkedIn profile as a comparable key: `in/<slug>` in lower case, whatever the host, the
/// scheme, a trailing slash or the query.
fn profile_key(url: &str) -> Option<String> {
    let lower = url.trim().to_lowercase();
    let (_, path) = lower.split_once("linkedin.com/in/")?;
    let slug = path.split(['/', '?', '#']).next()?;
    (!slug.is_empty()).then(|| format!("in/{slug}"))
}

/// The first of `existing` that shares an email, a phone number or the LinkedIn profile with the
/// scanned `draft`.
pub fn find_known<'a>(
    existing: impl IntoIterator<Item = &'a Contact>,
    draft: &ContactDraft,
) -> Option<Known> {
    let emails: Vec<String> = draft
        .emails
        .lines()
        .map(|e| e.trim().to_lowercase())
        .filter(|e| !e.is_empty())
        .collect();
    let phones: Vec<String> = draft.phones.lines().filter_map(phone_digits).collect();
    let profile = profile_key(&draft.linkedin);
    if emails.is_empty() && phones.is_empty() && profile.is_none() {
        return None;
    }
    existing.into_iter().find_map(|c| {
        let by = if let Some(email) = c
            .emails
            .iter()
            .find(|e| emails.contains(&e.trim().to_lowercase()))
        {
            KnownBy::Email(email.clone())
        } else if let Some(phone) = c.phones.iter().find(|p| {
            phone_digits(p).is_some_and(|d| phones.iter().any(|mine| same_phone(mine, &d)))
        }) {
            KnownBy::Phone(phone.clone())
        } else if profile.is_some() && profile_key(&c.linkedin) == profile {
            KnownBy::Linkedin
        } else {
            return None;
        };
        Some(Known {
            id: c.id.clone(),
            name: c.name.clone(),
            by,
        })
    })
}
