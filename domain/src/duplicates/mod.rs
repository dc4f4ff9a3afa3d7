//! Possible duplicates already in the book: contacts that share an email, a phone (compared in a
//! normalized form), a LinkedIn profile, or a folded name with the same organization, grouped
//! (A like B, B like C: one group), each group with why. Pairs the user said are not duplicates
//! are remembered ([`NotDuplicates`]) and never grouped again. Merging two contacts is in
//! [`merge`]; saving a merge all or nothing, and undoing it, in `save.rs`.

mod merge;
mod save;

#[cfg(test)]
mod tests;

pub use merge::{conflicts, merge, MergeField, Side};
pub use save::{MergeUndo, Merged};

use crate::book::fold;
use crate::model::Contact;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;
use std::collections::BTreeSet;
use std::fmt;

/// An email as compared: trimmed and lowercased; `None` when blank.
pub fn email_key(email: &str) -> Option<String> {
    let key = email.trim().to_lowercase();
    (!key.is_empty()).then_some(key)
}

/// A phone number as compared: its digits, without an international `00`, and only the last 9
/// of them, so that `+44 20 7946 0958`, `0044 20 7946 0958` and `020 7946 0958` match.
/// `None` for fewer than 6 digits (an extension, a typo), which would match too much.
pub fn phone_key(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.strip_prefix("00").unwrap_or(&digits);
    if digits.len() < 6 {
        return None;
    }
    Some(digits[digits.len().saturating_sub(9)..].to_string())
}

/// A LinkedIn profile address as compared: its path on linkedin.com, lowercased, without the
/// scheme, the country subdomain, a query or a final `/` (`in/ana-lima`). `None` when it is not
/// a profile on linkedin.com.
pub fn linkedin_key(url: &str) -> Option<String> {
    let lower = url.trim().to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let (host, path) = rest.split_once('/')?;
    if host != "linkedin.com" && !host.ends_with(".linkedin.com") {
        return None;
    }
    let path = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_matches('/');
    let (kind, name) = path.split_once('/')?;
    (!name.is_empty()).then(|| format!("{kind}/{name}"))
}

/// A contact's name and organization as compared: folded (case and accents), spaces collapsed.
/// `None` when the name is blank.
pub fn name_key(contact: &Contact) -> Option<(String, String)> {
    let squash = |s: &str| fold(s).split_whitespace().collect::<Vec<_>>().join(" ");
    let name = squash(&contact.name);
    (!name.is_empty()).then(|| (name, squash(&contact.organization)))
}

/// Why two contacts look like the same person.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    SameEmail(String),
    SamePhone(String),
    SameLinkedin(String),
    SameNameAndOrganization,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::SameEmail(email) => write!(f, "same email {email}"),
            Reason::SamePhone(phone) => write!(f, "same phone {phone}"),
            Reason::SameLinkedin(url) => write!(f, "same LinkedIn profile {url}"),
            Reason::SameNameAndOrganization => f.write_str("same name and organization"),
        }
    }
}

/// Contacts that look like one person: two or more, in the order of the book, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateGroup {
    pub ids: Vec<String>,
    pub reasons: Vec<Reason>,
}

/// The pairs of contacts the user said are not duplicates, remembered for good.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotDuplicates {
    /// Each pair with its smaller id first.
    #[serde(default)]
    pub pairs: BTreeSet<(String, String)>,
}

fn pair(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

impl NotDuplicates {
    /// Remembers that no two of `ids` are duplicates.
    pub fn dismiss(&mut self, ids: &[String]) {
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                if a != b {
                    self.pairs.insert(pair(a, b));
                }
            }
        }
    }

    /// Whether the user said `a` and `b` are not duplicates.
    pub fn contains(&self, a: &str, b: &str) -> bool {
        self.pairs.contains(&pair(a, b))
    }
}

/// Groups the contacts that look like one person (see the module's rules), leaving out pairs in
/// `not`. Each group lists its contacts in the order given, and its reasons once each; groups
/// come in the order of their first contact. Linear in the number of contacts.
pub fn find_duplicates<'a>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    not: &NotDuplicates,
) -> Vec<DuplicateGroup> {
    let contacts: Vec<&Contact> = contacts.into_iter().collect();
    let dismissed: FxHashSet<(&str, &str)> = not
        .pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let is_dismissed = |a: usize, b: usize| {
        let (a, b) = (contacts[a].id.as_str(), contacts[b].id.as_str());
        !dismissed.is_empty() && dismissed.contains(&if a <= b { (a, b) } else { (b, a) })
    };
    let mut parent: Vec<usize> = (0..contacts.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // Who was seen first with each key; an edge per contact that shares one.
    let mut seen: FxHashMap<(u8, String), (usize, Vec<usize>)> = FxHashMap::default();
    seen.reserve(contacts.len() * 4);
    let mut edges: Vec<(usize, Reason)> = Vec::new();
    for (i, c) in contacts.iter().enumerate() {
        // Each key with the text it came from (the reason is written only for a match).
        let mut keys: Vec<((u8, String), &str)> = Vec::new();
        for email in &c.emails {
            if let Some(k) = email_key(email) {
                keys.push(((0, k), email.trim()));
            }
        }
        for phone in &c.phones {
            if let Some(k) = phone_key(phone) {
                keys.push(((1, k), phone.trim()));
            }
        }
        if let Some(k) = linkedin_key(&c.linkedin) {
            keys.push(((2, k), c.linkedin.trim()));
        }
        if let Some((mut name, org)) = name_key(c) {
            name.push('\u{0}');
            name.push_str(&org);
            keys.push(((3, name), ""));
        }
        for (key, text) in keys {
            let kind = key.0;
            let (first, more) = match seen.entry(key) {
                Entry::Vacant(slot) => {
                    slot.insert((i, Vec::new()));
                    continue;
                }
                Entry::Occupied(slot) => slot.into_mut(),
            };
            // Joined to the earlier contacts with this key it may be grouped with.
            let mut joined = false;
            for j in std::iter::once(*first).chain(more.iter().copied()) {
                if j == i || is_dismissed(i, j) {
                    continue;
                }
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                if a != b {
                    parent[a.max(b)] = a.min(b);
                }
                joined = true;
            }
            if joined {
                let text = text.to_string();
                edges.push((
                    i,
                    match kind {
                        0 => Reason::SameEmail(text),
                        1 => Reason::SamePhone(text),
                        2 => Reason::SameLinkedin(text),
                        _ => Reason::SameNameAndOrganization,
                    },
                ));
            }
            // Later contacts look for a match among the first few with this key (a contact kept
            // apart from the first must still be found by later ones); a few bound the work when
            // thousands share a key.
            if *first != i && more.last() != Some(&i) && more.len() < 7 {
                more.push(i);
            }
        }
    }
    let mut groups: FxHashMap<usize, (Vec<usize>, BTreeSet<Reason>)> = FxHashMap::default();
    for (i, reason) in edges {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().1.insert(reason);
    }
    for i in 0..contacts.len() {
        let r = root(&mut parent, i);
        if let Some(group) = groups.get_mut(&r) {
            group.0.push(i);
        }
    }
    let mut found: Vec<(usize, DuplicateGroup)> = groups
        .into_values()
        .filter(|(members, _)| members.len() > 1)
        .map(|(members, reasons)| {
            (
                members[0],
                DuplicateGroup {
                    ids: members.iter().map(|&i| contacts[i].id.clone()).collect(),
                    reasons: reasons.into_iter().collect(),
                },
            )
        })
        .collect();
    found.sort_unstable_by_key(|(first, _)| *first);
    found.into_iter().map(|(_, group)| group).collect()
}
