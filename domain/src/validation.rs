//! Validating and tidying a contact before it is saved: the form's rules ([`Contact::validate`],
//! [`Contact::validate_on`]), each problem named by its form [`Field`], and the plausibility checks
//! for emails, phones and web addresses that the card and the file formats use too.
//!
//! Invariant: validation reports every problem at once, in form order, and judges list entries
//! trimmed and ignores blank ones, because [`Contact::normalize`] removes them on save.
//!
//! Invariant: [`Contact::normalize`] is idempotent, and leaves no blank or case-insensitively
//! repeated tag.
//!
//! The form's draft (text typed into the fields) is [`crate::form::ContactDraft`]. Methods of
//! [`Contact`], by concern: `new` and `first_name` in [`crate::model`]; cadence in
//! [`crate::cadence`]; the timeline in [`crate::timeline`]; follow-ups in [`crate::follow_ups`];
//! validation and tidying here.

use std::fmt;

use chrono::NaiveDate;

use crate::model::Contact;

/// A field of the contact form, named by validation errors so the form can show each message
/// next to its field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    Role,
    Organization,
    Emails,
    Phones,
    Linkedin,
    Links,
    WhereMet,
    MetOn,
    HowMet,
    IntroducedBy,
    Tie,
    Tags,
    Notes,
    Cadence,
}

impl Field {
    /// The form label of the field: "Name", "Emails", "LinkedIn"...
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Role => "Role",
            Field::Organization => "Organization",
            Field::Emails => "Emails",
            Field::Phones => "Phones",
            Field::Linkedin => "LinkedIn",
            Field::Links => "Links",
            Field::WhereMet => "Where met",
            Field::MetOn => "Met on",
            Field::HowMet => "How met",
            Field::IntroducedBy => "Introduced by",
            Field::Tie => "Tie strength",
            Field::Tags => "Tags",
            Field::Notes => "Notes",
            Field::Cadence => "Keep in touch",
        }
    }
}

/// One problem with one field, with a plain message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

impl FieldError {
    /// An error about `field` with a message for the user.
    pub fn new(field: Field, message: impl Into<String>) -> Self {
        FieldError {
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FieldError {}

/// Whether `s` is plausibly an email address: one `@`, a non-empty local part, a domain with a
/// dot that neither starts nor ends it, and no whitespace.
pub fn is_plausible_email(s: &str) -> bool {
    if s.chars().any(char::is_whitespace) {
        return false;
    }
    let mut parts = s.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// Whether `s` is plausibly a phone number: at least 3 digits, and only digits, spaces and
/// `+ - ( ) . /`.
pub fn is_plausible_phone(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.' | '/'))
        && s.chars().filter(char::is_ascii_digit).count() >= 3
}

/// The lowercase host of an `http://` or `https://` URL, or `None` when `s` is not one: the
/// scheme is required, the host must be non-empty with a dot (or be `localhost`), and the URL
/// must contain no whitespace.
pub fn web_url_host(s: &str) -> Option<String> {
    if s.is_empty() || s.chars().any(char::is_whitespace) {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    // Drop user info and port.
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        Some(_) => return None,
        None => host_port,
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    let labels_ok = host.split('.').all(|label| {
        !label.is_empty()
            && label
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    });
    if !labels_ok || !(host.contains('.') || host == "localhost") {
        return None;
    }
    Some(host.to_string())
}

/// Whether `s` is an http(s) URL on linkedin.com or one of its subdomains.
pub fn is_linkedin_url(s: &str) -> bool {
    web_url_host(s).is_some_and(|host| host == "linkedin.com" || host.ends_with(".linkedin.com"))
}

/// Trims `s` in place, without reallocating when nothing changes.
fn trim_in_place(s: &mut String) {
    let trimmed = s.trim();
    if trimmed.len() != s.len() {
        *s = trimmed.to_string();
    }
}

/// Trims every entry, drops empty ones and exact duplicates (keeping the first).
fn tidy_list(list: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    list.iter_mut().for_each(trim_in_place);
    list.retain(|s| !s.is_empty() && seen.insert(s.clone()));
}

impl Contact {
    /// Checks the contact against the form rules; `Err` holds every problem found, in form
    /// order. Entries of list fields are judged trimmed, and empty entries are ignored, because
    /// [`Contact::normalize`] removes them on save.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty() {
            errors.push(FieldError::new(Field::Name, "Please enter a name."));
        }
        for email in nonblank(&self.emails) {
            if !is_plausible_email(email) {
                errors.push(FieldError::new(
                    Field::Emails,
                    format!(
                        "“{email}” doesn't look like an email address, such as name@example.com."
                    ),
                ));
            }
        }
        for phone in nonblank(&self.phones) {
            if !is_plausible_phone(phone) {
                errors.push(FieldError::new(
                    Field::Phones,
                    format!(
                        "“{phone}” doesn't look like a phone number. Use digits, spaces and + - ( ) . /"
                    ),
                ));
            }
        }
        let linkedin = self.linkedin.trim();
        if !linkedin.is_empty() && !is_linkedin_url(linkedin) {
            errors.push(FieldError::new(
                Field::Linkedin,
                "Please enter a LinkedIn address, such as https://www.linkedin.com/in/name.",
            ));
        }
        for link in nonblank(&self.links) {
            if web_url_host(link).is_none() {
                errors.push(FieldError::new(
                    Field::Links,
                    format!("“{link}” isn't a web address. Links start with https:// or http://."),
                ));
            }
        }
        if self
            .introduced_by
            .as_deref()
            .is_some_and(|id| id.trim() == self.id)
        {
            errors.push(FieldError::new(
                Field::IntroducedBy,
                "A contact can't introduce themselves. Please pick someone else.",
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// [`Contact::validate`], plus the rules that depend on the date: the day you met can't be
    /// in the future.
    pub fn validate_on(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut errors = self.validate().err().unwrap_or_default();
        if self.met_on.is_some_and(|d| d > today) {
            let error = FieldError::new(Field::MetOn, "The day you met can't be in the future.");
            // Keep form order: MetOn sits before IntroducedBy.
            let at = errors.partition_point(|e| e.field < Field::MetOn);
            errors.insert(at, error);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Tidies the contact before saving: trims text fields (and interaction summaries and
    /// follow-up texts), drops empty and duplicate entries from the email, phone and link lists,
    /// turns a blank `introduced_by` into `None`, and drops blank tags and tags that repeat
    /// another case-insensitively (keeping the first spelling).
    pub fn normalize(&mut self) {
        for s in [
            &mut self.name,
            &mut self.role,
            &mut self.organization,
            &mut self.linkedin,
            &mut self.where_met,
            &mut self.how_met,
            &mut self.notes,
            &mut self.research,
        ] {
            trim_in_place(s);
        }
        tidy_list(&mut self.emails);
        tidy_list(&mut self.phones);
        tidy_list(&mut self.links);
        if let Some(id) = &mut self.introduced_by {
            trim_in_place(id);
            if id.is_empty() {
                self.introduced_by = None;
            }
        }
        let mut seen = std::collections::HashSet::new();
        self.tags.iter_mut().for_each(trim_in_place);
        self.tags
            .retain(|t| !t.is_empty() && seen.insert(t.to_lowercase()));
        for i in &mut self.interactions {
            trim_in_place(&mut i.summary);
        }
        for f in &mut self.follow_ups {
            trim_in_place(&mut f.text);
        }
    }
}

/// The trimmed non-empty entries of a list field.
fn nonblank(list: &[String]) -> impl Iterator<Item = &str> {
    list.iter().map(|s| s.trim()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{ada, at, d};
    use proptest::prelude::*;

    fn fields(c: &Contact) -> Vec<Field> {
        match c.validate() {
            Ok(()) => vec![],
            Err(errors) => errors.into_iter().map(|e| e.field).collect(),
        }
    }

    #[test]
    fn a_named_contact_is_valid() {
        assert_eq!(ada().validate(), Ok(()));
    }

    #[test]
    fn name_must_not_be_blank() {
        let mut c = ada();
        c.name = "   ".into();
        let errors = c.validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, Field::Name);
        assert_eq!(errors[0].message, "Please enter a name.");
        assert_eq!(errors[0].to_string(), "Please enter a name.");
    }

    #[test]
    fn emails() {
        for ok in [
            "ada@example.com",
            "a.b+c@mail.example.co.uk",
            " ada@example.com ",
        ] {
            assert!(is_plausible_email(ok.trim()), "{ok}");
        }
        for bad in [
            "ada",
            "@example.com",
            "ada@example",
            "ada@@example.com",
            "ada@b@example.com",
            "ada lovelace@example.com",
            "ada@.example.com",
            "ada@example.com.",
            "ada@example..com",
            "",
        ] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
        let mut c = ada();
        c.emails = vec!["ada@example.com".into(), "".into(), "nope".into()];
        let errors = c.validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, Field::Emails);
        assert!(errors[0].message.contains("nope"));
    }

    #[test]
    fn phones() {
        for ok in [
            "+44 20 7946 0958",
            "(555) 123-4567",
            "06.12.34.56.78",
            "030/1234",
            "112",
        ] {
            assert!(is_plausible_phone(ok), "{ok}");
        }
        for bad in ["12", "call me", "+44 20 ext 5", "", "555-CAKE"] {
            assert!(!is_plausible_phone(bad), "{bad}");
        }
        let mut c = ada();
        c.phones = vec!["12".into()];
        assert_eq!(fields(&c), vec![Field::Phones]);
    }

    #[test]
    fn urls_and_linkedin() {
        assert_eq!(
            web_url_host("https://Example.com/path?q=1").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            web_url_host("http://user@sub.example.org:8080/x").as_deref(),
            Some("sub.example.org")
        );
        for bad in [
            "example.com",
            "ftp://example.com",
            "https://",
            "https://nodot",
            "https://exa mple.com",
            "https://example.com:port",
            "https://.com",
            "javascript:alert(1)",
        ] {
            assert_eq!(web_url_host(bad), None, "{bad}");
        }
        for ok in [
            "https://www.linkedin.com/in/ada",
            "https://linkedin.com/in/ada",
            "http://uk.linkedin.com/in/ada",
            "HTTPS://WWW.LINKEDIN.COM/in/ada",
        ] {
            assert!(is_linkedin_url(ok), "{ok}");
        }
        for bad in [
            "www.linkedin.com/in/ada",
            "https://notlinkedin.com/in/ada",
            "https://linkedin.com.evil.example/in/ada",
            "https://evil.example/?linkedin.com",
            "https://evil.example/linkedin.com",
        ] {
            assert!(!is_linkedin_url(bad), "{bad}");
        }
        let mut c = ada();
        c.linkedin = "  ".into();
        assert_eq!(c.validate(), Ok(()));
        c.linkedin = "linkedin.com/in/ada".into();
        c.links = vec!["https://ada.dev".into(), "ada.dev".into()];
        assert_eq!(fields(&c), vec![Field::Linkedin, Field::Links]);
    }

    #[test]
    fn introduced_by_must_not_be_self() {
        let mut c = ada();
        c.introduced_by = Some("someone-else".into());
        assert_eq!(c.validate(), Ok(()));
        c.introduced_by = Some(c.id.clone());
        assert_eq!(fields(&c), vec![Field::IntroducedBy]);
    }

    #[test]
    fn errors_come_in_form_order_and_all_at_once() {
        let mut c = ada();
        c.name = String::new();
        c.emails = vec!["x".into()];
        c.phones = vec!["y".into()];
        c.introduced_by = Some(c.id.clone());
        c.met_on = Some(d(2030, 1, 1));
        assert_eq!(
            fields(&c),
            vec![
                Field::Name,
                Field::Emails,
                Field::Phones,
                Field::IntroducedBy
            ]
        );
        let on: Vec<Field> = c
            .validate_on(d(2026, 1, 1))
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            on,
            vec![
                Field::Name,
                Field::Emails,
                Field::Phones,
                Field::MetOn,
                Field::IntroducedBy
            ]
        );
        let mut ok = ada();
        ok.met_on = Some(d(2026, 1, 1));
        assert_eq!(ok.validate_on(d(2026, 1, 1)), Ok(()));
    }

    #[test]
    fn normalize_tidies() {
        let mut c = ada();
        c.name = "  Ada Lovelace \n".into();
        c.organization = " Analytical Engines ".into();
        c.emails = vec![
            " ada@example.com ".into(),
            "".into(),
            "ada@example.com".into(),
        ];
        c.phones = vec!["   ".into()];
        c.links = vec![" https://ada.dev ".into()];
        c.tags = vec![
            "Math".into(),
            " math ".into(),
            "".into(),
            "Poetry".into(),
            "MATH".into(),
            "  ".into(),
        ];
        c.introduced_by = Some("  ".into());
        c.notes = "\n  line one\nline two  \n\n".into();
        c.normalize();
        assert_eq!(c.name, "Ada Lovelace");
        assert_eq!(c.organization, "Analytical Engines");
        assert_eq!(c.emails, vec!["ada@example.com"]);
        assert!(c.phones.is_empty());
        assert_eq!(c.links, vec!["https://ada.dev"]);
        assert_eq!(c.tags, vec!["Math", "Poetry"]);
        assert_eq!(c.introduced_by, None);
        assert_eq!(c.notes, "line one\nline two");
        let once = c.clone();
        c.normalize();
        assert_eq!(c, once);
    }

    proptest! {
        #[test]
        fn normalize_is_idempotent_and_keeps_tags_unique(
            tags in proptest::collection::vec("[ a-cA-C]{0,3}", 0..8),
            emails in proptest::collection::vec("[ a@.]{0,5}", 0..5),
            name in "[ a-z]{0,6}",
        ) {
            let mut c = Contact::new(name, at(2020, 1, 1));
            c.tags = tags;
            c.emails = emails;
            c.normalize();
            let once = c.clone();
            c.normalize();
            prop_assert_eq!(&c, &once);
            let lower: Vec<String> = c.tags.iter().map(|t| t.to_lowercase()).collect();
            for (i, t) in lower.iter().enumerate() {
                prop_assert!(!t.is_empty() && t.trim() == t);
                prop_assert!(!lower[i + 1..].contains(t));
            }
            prop_assert!(c.emails.iter().all(|e| !e.is_empty() && e.trim() == e));
            prop_assert_eq!(c.validate().is_ok() , !c.name.is_empty() && c.emails.iter().all(|e| is_plausible_email(e)));
        }
    }
}
