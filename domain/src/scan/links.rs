//! Codes that are one address: a LinkedIn profile (with a name guessed from its address), another
//! web link, `mailto:` (RFC 6068) and `tel:` (RFC 3966).

use percent_encoding::percent_decode_str;

use super::{strip_prefix_ignore_case, PayloadKind, Scan};
use crate::form::ContactDraft;
use crate::validation::{is_linkedin_url, is_plausible_email, is_plausible_phone, web_url_host};

/// A web address, as a contact field takes it.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Url {
    /// A LinkedIn profile (`linkedin.com/in/<slug>`): its address without tracking parameters,
    /// and the name its slug suggests.
    Profile { url: String, name: Option<String> },
    /// Any other http(s) address.
    Web(String),
}

/// `text` read as a web address (a LinkedIn one may come without `https://`), or `None`.
pub(super) fn classify_url(text: &str) -> Option<Url> {
    let text = text.trim();
    let bare_linkedin = ["linkedin.com/", "www.linkedin.com/"]
        .iter()
        .any(|p| super::starts_with_ignore_case(text, p));
    let url = if bare_linkedin {
        format!("https://{text}")
    } else {
        text.to_string()
    };
    web_url_host(&url)?;
    if !is_linkedin_url(&url) {
        return Some(Url::Web(url));
    }
    let path = url.splitn(4, '/').nth(3).unwrap_or("");
    let path = path.split(['?', '#']).next().unwrap_or("");
    let mut segments = path.split('/');
    match (segments.next(), segments.next()) {
        (Some(section), Some(slug)) if section.eq_ignore_ascii_case("in") && !slug.is_empty() => {
            Some(Url::Profile {
                url: format!("https://www.linkedin.com/in/{slug}"),
                name: name_from_slug(slug),
            })
        }
        _ => Some(Url::Web(url)),
    }
}

/// The name a profile's slug suggests: `ana-lima-7b2a91` gives "Ana Lima" (parts holding a digit,
/// LinkedIn's disambiguation, are dropped), `jos%C3%A9-garc%C3%ADa` "José García". `None` when
/// nothing is left.
pub(super) fn name_from_slug(slug: &str) -> Option<String> {
    let slug = percent_decode_str(slug).decode_utf8().ok()?;
    let words: Vec<String> = slug
        .split(['-', '_', '.', ' '])
        .filter(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
        .take(6)
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The addresses of a `mailto:` URL's path (before `?`), decoded, that look like emails.
fn mailto_addresses(rest: &str) -> Vec<String> {
    let to = rest.split('?').next().unwrap_or("");
    percent_decode_str(to)
        .decode_utf8_lossy()
        .split(',')
        .map(str::trim)
        .filter(|a| is_plausible_email(a))
        .map(str::to_string)
        .collect()
}

/// A code that is a single address, read into its field; `None` for anything else.
pub(super) fn read(text: &str) -> Option<Scan> {
    if let Some(rest) = strip_prefix_ignore_case(text, "mailto:") {
        let addresses = mailto_addresses(rest);
        let first = addresses.first()?.clone();
        let draft = ContactDraft {
            emails: addresses.join("\n"),
            ..ContactDraft::default()
        };
        let message = format!("This code holds an email address ({first}). Type the name.");
        return Some(Scan::new(PayloadKind::Email, draft, message));
    }
    if let Some(rest) = strip_prefix_ignore_case(text, "tel:") {
        let number = percent_decode_str(rest.split(';').next().unwrap_or(""))
            .decode_utf8_lossy()
            .trim()
            .to_string();
        if !is_plausible_phone(&number) {
            return None;
        }
        let message = format!("This code holds a phone number ({number}). Type the name.");
        let draft = ContactDraft {
            phones: number,
            ..ContactDraft::default()
        };
        return Some(Scan::new(PayloadKind::Phone, draft, message));
    }
    match classify_url(text)? {
        Url::Profile { url, name } => {
            let guessed = name.is_some();
            let draft = ContactDraft {
                name: name.unwrap_or_default(),
                linkedin: url,
                ..ContactDraft::default()
            };
            let message = if guessed {
                "This code holds a LinkedIn profile. The name was guessed from its address: check it."
            } else {
                "This code holds a LinkedIn profile. Type the name."
            };
            let mut scan = Scan::new(PayloadKind::Linkedin, draft, message);
            scan.name_guessed = guessed;
            Some(scan)
        }
        Url::Web(url) => {
            let draft = ContactDraft {
                links: url,
                ..ContactDraft::default()
            };
            Some(Scan::new(
                PayloadKind::Link,
                draft,
                "This code holds a web link: it is in Links. Type the name.",
            ))
        }
    }
}
