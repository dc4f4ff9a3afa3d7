//! One CSV row as a new contact, its columns mapped.

use super::columns::{Column, Dialect};
use crate::formats::clean_text;
use crate::model::Contact;
use crate::validation::is_linkedin_url;
use chrono::{DateTime, NaiveDate, Utc};
use csv::StringRecord;

/// Google joins the values of one field with ` ::: `.
const GOOGLE_JOIN: &str = ":::";
/// Google's label for every contact in the address book, which says nothing about them.
const MY_CONTACTS: &str = "* mycontacts";

/// The date forms of exports: ISO (`2024-03-15`, also with a time), LinkedIn's `15 Mar 2024`
/// and older `29-Mar-21`, and a few more written by people.
pub(super) fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let iso = text.get(..10).unwrap_or(text);
    if let Ok(day) = NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        return Some(day);
    }
    [
        "%d %b %Y",
        "%d-%b-%y",
        "%d-%b-%Y",
        "%b %d, %Y",
        "%B %d, %Y",
        "%d %B %Y",
        "%d.%m.%Y",
        "%Y/%m/%d",
    ]
    .iter()
    .find_map(|form| NaiveDate::parse_from_str(text, form).ok())
}

/// The values of one cell: Google's `:::`-joined values, and for emails and tags also `;` and
/// `,`-separated lists.
fn split(value: &str, column: Column) -> Vec<String> {
    let parts: Vec<&str> = match column {
        Column::Email | Column::Tags => value.split([';', ',']).collect(),
        _ => vec![value],
    };
    parts
        .into_iter()
        .flat_map(|p| p.split(GOOGLE_JOIN))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// A web address with its scheme (`linkedin.com/in/x` → `https://linkedin.com/in/x`).
fn with_scheme(url: String) -> String {
    if url.contains("://") {
        url
    } else {
        format!("https://{url}")
    }
}

fn join_to(into: &mut String, text: &str) {
    if !into.is_empty() {
        into.push_str("\n\n");
    }
    into.push_str(text);
}

/// The row as a new contact created at `now`, or why it is left out.
pub(super) fn row_to_contact(
    row: &StringRecord,
    mapping: &[Column],
    dialect: Dialect,
    now: DateTime<Utc>,
) -> Result<Contact, String> {
    let mut contact = Contact::new("", now);
    let mut full = String::new();
    let mut parts: [Vec<String>; 3] = Default::default();
    for (value, &column) in row.iter().zip(mapping) {
        let value = clean_text(value);
        if value.is_empty() {
            continue;
        }
        match column {
            Column::Name if full.is_empty() => full = value,
            Column::FirstName => parts[0].push(value),
            Column::MiddleName => parts[1].push(value),
            Column::LastName => parts[2].push(value),
            Column::Email => contact.emails.extend(split(&value, column)),
            Column::Phone => contact.phones.extend(split(&value, column)),
            Column::Organization if contact.organization.is_empty() => contact.organization = value,
            Column::Role if contact.role.is_empty() => contact.role = value,
            Column::Linkedin | Column::Website => {
                for url in split(&value, column).into_iter().map(with_scheme) {
                    if contact.linkedin.is_empty() && is_linkedin_url(&url) {
                        contact.linkedin = url;
                    } else {
                        contact.links.push(url);
                    }
                }
            }
            Column::WhereMet if contact.where_met.is_empty() => contact.where_met = value,
            Column::MetOn if contact.met_on.is_none() => contact.met_on = parse_date(&value),
            Column::Notes => join_to(&mut contact.notes, &value),
            Column::Tags => contact.tags.extend(
                split(&value, column)
                    .into_iter()
                    .filter(|t| t.to_lowercase() != MY_CONTACTS)
                    .map(|t| t.trim_start_matches("* ").to_string()),
            ),
            _ => {}
        }
    }
    contact.name = if full.is_empty() {
        parts.concat().join(" ")
    } else {
        full
    };
    if contact.name.is_empty() {
        return Err("it has no name".into());
    }
    if dialect == Dialect::Linkedin && contact.where_met.is_empty() {
        contact.where_met = "LinkedIn".into();
    }
    contact.normalize();
    Ok(contact)
}
