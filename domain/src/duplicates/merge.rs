//! Merging two contacts into one: the user picks each field on which they differ; lists and
//! texts are united; every interaction and follow-up of both is kept, ordered by date.

use crate::model::Contact;

/// A field that holds one value, so two contacts may disagree on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MergeField {
    Name,
    Role,
    Organization,
    Linkedin,
    WhereMet,
    MetOn,
    HowMet,
    IntroducedBy,
    Tie,
    Cadence,
}

/// Which contact of a merge a value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The contact that stays (its id, and its links from other contacts, live on).
    Kept,
    /// The contact merged into it and removed.
    Other,
}

impl MergeField {
    /// Every field, in the order of the contact form.
    pub const ALL: [MergeField; 10] = [
        MergeField::Name,
        MergeField::Role,
        MergeField::Organization,
        MergeField::Linkedin,
        MergeField::WhereMet,
        MergeField::MetOn,
        MergeField::HowMet,
        MergeField::IntroducedBy,
        MergeField::Tie,
        MergeField::Cadence,
    ];

    /// The field's name, as on the contact form.
    pub fn label(self) -> &'static str {
        match self {
            MergeField::Name => "Name",
            MergeField::Role => "Role",
            MergeField::Organization => "Organization",
            MergeField::Linkedin => "LinkedIn",
            MergeField::WhereMet => "Where you met",
            MergeField::MetOn => "Day you met",
            MergeField::HowMet => "How you met",
            MergeField::IntroducedBy => "Introduced by",
            MergeField::Tie => "Tie",
            MergeField::Cadence => "Keep in touch",
        }
    }

    /// The field's value as text, "" when it is empty (for **Introduced by**, the id of the
    /// contact who introduced them).
    pub fn text(self, c: &Contact) -> String {
        match self {
            MergeField::Name => c.name.clone(),
            MergeField::Role => c.role.clone(),
            MergeField::Organization => c.organization.clone(),
            MergeField::Linkedin => c.linkedin.clone(),
            MergeField::WhereMet => c.where_met.clone(),
            MergeField::MetOn => c.met_on.map(|d| d.to_string()).unwrap_or_default(),
            MergeField::HowMet => c.how_met.clone(),
            MergeField::IntroducedBy => c.introduced_by.clone().unwrap_or_default(),
            MergeField::Tie => c.tie.label().to_string(),
            MergeField::Cadence => c.cadence.map(|c| c.label()).unwrap_or("").to_string(),
        }
    }

    /// Copies this field's value from `from` into `into`.
    fn copy(self, from: &Contact, into: &mut Contact) {
        match self {
            MergeField::Name => into.name.clone_from(&from.name),
            MergeField::Role => into.role.clone_from(&from.role),
            MergeField::Organization => into.organization.clone_from(&from.organization),
            MergeField::Linkedin => into.linkedin.clone_from(&from.linkedin),
            MergeField::WhereMet => into.where_met.clone_from(&from.where_met),
            MergeField::MetOn => into.met_on = from.met_on,
            MergeField::HowMet => into.how_met.clone_from(&from.how_met),
            MergeField::IntroducedBy => into.introduced_by.clone_from(&from.introduced_by),
            MergeField::Tie => into.tie = from.tie,
            MergeField::Cadence => into.cadence = from.cadence,
        }
    }
}

/// A contact's value of `field` as a merge of `a` and `b` sees it: who introduced them is empty
/// when it is one of the two (the merged contact cannot introduce itself).
fn value(field: MergeField, c: &Contact, a: &Contact, b: &Contact) -> String {
    let text = field.text(c).trim().to_string();
    if field == MergeField::IntroducedBy && (text == a.id || text == b.id) {
        return String::new();
    }
    text
}

/// The fields on which `a` and `b` disagree (both set, to different values): the user picks
/// each one.
pub fn conflicts(a: &Contact, b: &Contact) -> Vec<MergeField> {
    MergeField::ALL
        .into_iter()
        .filter(|&f| {
            let (x, y) = (value(f, a, a, b), value(f, b, a, b));
            !x.is_empty() && !y.is_empty() && x != y
        })
        .collect()
}

/// Two texts as one: the longer when one holds the other, else both, a blank line apart.
fn join(a: &str, b: &str) -> String {
    if b.is_empty() || a.contains(b) {
        a.to_string()
    } else if a.is_empty() || b.contains(a) {
        b.to_string()
    } else {
        format!("{a}\n\n{b}")
    }
}

/// `into` with every entry of `from` it lacks, compared by `key`.
fn unite(into: &mut Vec<String>, from: &[String], key: impl Fn(&str) -> String) {
    for item in from {
        let k = key(item);
        if !into.iter().any(|x| key(x) == k) {
            into.push(item.clone());
        }
    }
}

/// A free id like `id` among `taken`: `id` itself, else `id-2`, `id-3`...
fn free_id(id: &str, taken: &[&str]) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                id.to_string()
            } else {
                format!("{id}-{n}")
            }
        })
        .find(|candidate| !taken.contains(&candidate.as_str()))
        .unwrap_or_default()
}

/// Adds to `into` every item of `from` that it does not hold already; one with an id taken by a
/// different item gets a fresh id, so that none is lost.
fn keep_all<T: Clone + PartialEq>(
    into: &mut Vec<T>,
    from: &[T],
    id: impl Fn(&mut T) -> &mut String,
) {
    for item in from {
        if into.contains(item) {
            continue;
        }
        let mut item = item.clone();
        let taken: Vec<String> = into.iter_mut().map(|x| id(x).clone()).collect();
        let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
        let fresh = free_id(id(&mut item), &taken);
        *id(&mut item) = fresh;
        into.push(item);
    }
}

/// `kept` and `other` as one contact, with `kept`'s id. For each field in `take_other`, the
/// value of `other`; for the others, `kept`'s value, or `other`'s when `kept` has none. Emails
/// (compared case-insensitively), phones, links and tags (case-insensitively) are united, notes
/// and research joined; every interaction (newest first) and follow-up (soonest first) of both
/// is kept. The merged contact is never introduced by itself.
pub fn merge(kept: &Contact, other: &Contact, take_other: &[MergeField]) -> Contact {
    let mut merged = kept.clone();
    for field in MergeField::ALL {
        let mine = value(field, kept, kept, other);
        let theirs = value(field, other, kept, other);
        if !theirs.is_empty() && (mine.is_empty() || take_other.contains(&field)) {
            field.copy(other, &mut merged);
        }
    }
    if merged
        .introduced_by
        .as_deref()
        .is_some_and(|id| id == kept.id || id == other.id)
    {
        merged.introduced_by = None;
    }
    let lower = |s: &str| s.trim().to_lowercase();
    let exact = |s: &str| s.trim().to_string();
    unite(&mut merged.emails, &other.emails, lower);
    unite(&mut merged.phones, &other.phones, exact);
    unite(&mut merged.links, &other.links, exact);
    unite(&mut merged.tags, &other.tags, lower);
    merged.notes = join(kept.notes.trim(), other.notes.trim());
    merged.research = join(kept.research.trim(), other.research.trim());
    keep_all(&mut merged.interactions, &other.interactions, |i| &mut i.id);
    merged
        .interactions
        .sort_by_key(|i| std::cmp::Reverse(i.date));
    keep_all(&mut merged.follow_ups, &other.follow_ups, |f| &mut f.id);
    merged.follow_ups.sort_by_key(|f| f.due);
    merged.created_at = kept.created_at.min(other.created_at);
    merged.normalize();
    merged
}
