//! What another app shares into Weak Ties through the web app manifest's share target: a title,
//! a text and a link (LinkedIn's "Share profile", a browser's "Share page", a messenger).

use chrono::{DateTime, Utc};

use super::{is_card, push_note, read_payload, PayloadKind, Scan, ScanError, MAX_PAYLOAD_BYTES};
use crate::formats::clean_text;

/// The first http(s) address in `text`, without the punctuation that ends a sentence around it.
fn first_link(text: &str) -> Option<&str> {
    text.split_whitespace()
        .map(|word| word.trim_matches(|c: char| "()[]<>\"'«».,;:!?".contains(c)))
        .find(|word| {
            super::starts_with_ignore_case(word, "https://")
                || super::starts_with_ignore_case(word, "http://")
        })
}

/// The name in a shared profile's title, as LinkedIn writes it: "Ana Lima | LinkedIn" or
/// "Ana Lima - Engineer at Acme | LinkedIn".
fn name_in_title(title: &str) -> Option<String> {
    let (before, site) = title.rsplit_once('|')?;
    if !site.trim().eq_ignore_ascii_case("linkedin") {
        return None;
    }
    let name = before.split(" - ").next()?.trim();
    (!name.is_empty() && name.chars().count() <= 80).then(|| name.to_string())
}

/// Reads a share into the contact form: a shared card (vCard, MECARD, BIZCARD) fills its
/// fields; a link (given, or the first in the text) fills LinkedIn or Links, and the title and
/// the rest of the text go to the notes; text alone is read as a scanned code would be.
pub fn read_shared(
    title: &str,
    text: &str,
    url: &str,
    now: DateTime<Utc>,
) -> Result<Scan, ScanError> {
    let size = title.len() + text.len() + url.len();
    if size > MAX_PAYLOAD_BYTES {
        return Err(ScanError::TooLong(size));
    }
    let (title, text, url) = (clean_text(title), clean_text(text), clean_text(url));
    if is_card(&text) {
        return read_payload(&text, now);
    }
    let link = Some(url.as_str())
        .filter(|u| !u.is_empty())
        .or_else(|| first_link(&text));
    let Some(link) = link else {
        let both = [title.as_str(), text.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        return read_payload(&both, now);
    };
    let mut scan = read_payload(link, now)?;
    if scan.kind == PayloadKind::Linkedin {
        if let Some(name) = name_in_title(&title) {
            scan.draft.name = name;
            scan.name_guessed = true;
            scan.message =
                "Shared a LinkedIn profile. The name was taken from its title: check it.".into();
        }
    }
    let rest = text.replace(link, "");
    if scan.kind != PayloadKind::Text {
        let title_is_name = scan.name_guessed && title.starts_with(&scan.draft.name);
        if !title_is_name && title != link {
            push_note(&mut scan.draft.notes, &title);
        }
        push_note(&mut scan.draft.notes, rest.trim());
    }
    Ok(scan)
}
