//! A contact's own ways to be reached, as the links a phone opens: write an email, call, their
//! LinkedIn profile, their web pages. The contact's page leads with them.

use crate::mailto::mailto;
use crate::model::Contact;
use crate::validation::{is_linkedin_url, web_url_host};

/// What a link opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    Email,
    Phone,
    LinkedIn,
    Web,
}

impl LinkKind {
    /// The verb or name on the link, before what it leads to.
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Email => "Email",
            LinkKind::Phone => "Call",
            LinkKind::LinkedIn => "LinkedIn",
            LinkKind::Web => "Web",
        }
    }

    /// What the address is called in a contact's details.
    pub fn noun(self) -> &'static str {
        match self {
            LinkKind::Email => "Email",
            LinkKind::Phone => "Phone",
            LinkKind::LinkedIn => "LinkedIn",
            LinkKind::Web => "Link",
        }
    }

    /// Whether the link leaves the app for a web page (opened in a new tab).
    pub fn is_web(self) -> bool {
        matches!(self, LinkKind::LinkedIn | LinkKind::Web)
    }
}

/// One way to reach a contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactLink {
    pub kind: LinkKind,
    /// What is shown after the label: the address, the number, or the web page's host.
    pub text: String,
    pub href: String,
}

/// One of the contact's addresses as stored (an email, a phone, their LinkedIn, a web page), with
/// the link it makes, or `None` when it makes no working link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    pub kind: LinkKind,
    /// The address as stored, trimmed.
    pub value: String,
    pub link: Option<ContactLink>,
}

/// Every address of the contact, in the order a user reaches for them: emails, phones, LinkedIn,
/// then web pages (blank ones left out). Only what makes a working link gets one: a phone with
/// digits, web addresses with an http(s) scheme and a host (an imported card may carry anything
/// else, `javascript:` too).
pub fn addresses(contact: &Contact) -> Vec<Address> {
    let nonblank = |list: &[String]| {
        list.iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
    };
    let mut all = Vec::new();
    for email in nonblank(&contact.emails) {
        let link = ContactLink {
            kind: LinkKind::Email,
            text: email.clone(),
            href: mailto(std::slice::from_ref(&email), "", ""),
        };
        all.push(Address {
            kind: LinkKind::Email,
            value: email,
            link: Some(link),
        });
    }
    for phone in nonblank(&contact.phones) {
        let link = tel(&phone).map(|href| ContactLink {
            kind: LinkKind::Phone,
            text: phone.clone(),
            href,
        });
        all.push(Address {
            kind: LinkKind::Phone,
            value: phone,
            link,
        });
    }
    let linkedin = contact.linkedin.trim();
    if !linkedin.is_empty() {
        let link = is_linkedin_url(linkedin).then(|| ContactLink {
            kind: LinkKind::LinkedIn,
            text: linkedin_text(linkedin),
            href: linkedin.to_string(),
        });
        all.push(Address {
            kind: LinkKind::LinkedIn,
            value: linkedin.to_string(),
            link,
        });
    }
    for page in nonblank(&contact.links) {
        let link = web_url_host(&page).map(|host| ContactLink {
            kind: LinkKind::Web,
            text: host.strip_prefix("www.").unwrap_or(&host).to_string(),
            href: page.clone(),
        });
        all.push(Address {
            kind: LinkKind::Web,
            value: page,
            link,
        });
    }
    all
}

/// The contact's links, the tappable actions their page leads with: the addresses that make one.
pub fn contact_links(contact: &Contact) -> Vec<ContactLink> {
    addresses(contact)
        .into_iter()
        .filter_map(|a| a.link)
        .collect()
}

/// A `tel:` URI (RFC 3966) for a phone number as typed: its digits, with a leading `+` kept and
/// the spaces, dashes, dots and brackets dropped; `None` without a digit.
pub fn tel(phone: &str) -> Option<String> {
    let phone = phone.trim();
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let plus = if phone.starts_with('+') { "+" } else { "" };
    Some(format!("tel:{plus}{digits}"))
}

/// A LinkedIn profile as its path ("in/analima"), or the host when it has none.
fn linkedin_text(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = rest
        .split_once('/')
        .map_or("", |(_, path)| path)
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/');
    if path.is_empty() {
        "linkedin.com".to_string()
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn contact() -> Contact {
        let mut c = Contact::new("Ana Lima", "2026-11-28T09:30:00Z".parse().unwrap());
        c.emails = vec![
            "ana@example.com".into(),
            " ".into(),
            "a&b@work.example".into(),
        ];
        c.phones = vec![
            "+351 (912) 345-678".into(),
            "ext. only".into(),
            "0 20 7946 0958".into(),
        ];
        c.linkedin = "https://www.linkedin.com/in/analima/?trk=x".into();
        c.links = vec![
            "https://www.ana.example/talks".into(),
            "javascript:alert(1)".into(),
            "ftp://files.example".into(),
            "http://blog.example".into(),
        ];
        c
    }

    #[test]
    fn every_way_to_reach_them_in_order() {
        let links = contact_links(&contact());
        let seen: Vec<_> = links
            .iter()
            .map(|l| (l.kind, l.text.as_str(), l.href.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                (LinkKind::Email, "ana@example.com", "mailto:ana@example.com"),
                (
                    LinkKind::Email,
                    "a&b@work.example",
                    "mailto:a%26b@work.example"
                ),
                (LinkKind::Phone, "+351 (912) 345-678", "tel:+351912345678"),
                (LinkKind::Phone, "0 20 7946 0958", "tel:02079460958"),
                (
                    LinkKind::LinkedIn,
                    "in/analima",
                    "https://www.linkedin.com/in/analima/?trk=x"
                ),
                (
                    LinkKind::Web,
                    "ana.example",
                    "https://www.ana.example/talks"
                ),
                (LinkKind::Web, "blog.example", "http://blog.example"),
            ]
        );
        assert!(LinkKind::Web.is_web() && !LinkKind::Phone.is_web());
    }

    #[test]
    fn addresses_without_a_working_link_are_kept_apart() {
        let unlinked: Vec<_> = addresses(&contact())
            .into_iter()
            .filter(|a| a.link.is_none())
            .map(|a| (a.kind, a.value))
            .collect();
        assert_eq!(
            unlinked,
            [
                (LinkKind::Phone, "ext. only".to_string()),
                (LinkKind::Web, "javascript:alert(1)".to_string()),
                (LinkKind::Web, "ftp://files.example".to_string()),
            ]
        );
        assert_eq!(addresses(&contact()).len(), 10, "every nonblank address");
        assert_eq!(LinkKind::Web.noun(), "Link");
    }

    #[test]
    fn nothing_to_link_gives_no_links() {
        let mut c = Contact::new("Ada", "2026-11-28T09:30:00Z".parse().unwrap());
        assert!(contact_links(&c).is_empty());
        c.linkedin = "https://evil.example/linkedin.com".into();
        c.phones = vec!["call me".into()];
        assert!(contact_links(&c).is_empty());
        c.linkedin = "https://linkedin.com".into();
        assert_eq!(contact_links(&c)[0].text, "linkedin.com");
    }

    proptest! {
        #[test]
        fn links_are_only_of_safe_schemes(
            emails in prop::collection::vec(".*", 0..3),
            phones in prop::collection::vec(".*", 0..3),
            linkedin in ".*",
            links in prop::collection::vec(".*", 0..3),
        ) {
            let mut c = Contact::new("X", "2026-11-28T09:30:00Z".parse().unwrap());
            c.emails = emails;
            c.phones = phones;
            c.linkedin = linkedin;
            c.links = links;
            for link in contact_links(&c) {
                let scheme_ok = match link.kind {
                    LinkKind::Email => link.href.starts_with("mailto:"),
                    LinkKind::Phone => link.href.starts_with("tel:")
                        && link.href[4..].trim_start_matches('+').chars().all(|c| c.is_ascii_digit()),
                    LinkKind::LinkedIn | LinkKind::Web => {
                        let lower = link.href.to_ascii_lowercase();
                        lower.starts_with("https://") || lower.starts_with("http://")
                    }
                };
                prop_assert!(scheme_ok, "{:?}", link);
            }
        }
    }
}
