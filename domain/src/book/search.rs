//! The search index of the [`Book`](super::Book): each stored contact as an [`Entry`] with its
//! precomputed sort keys and its search text (folded on first use), and a [`Query`] prepared once
//! ([`Prepared`]) to match entries without allocating per contact.

use std::cmp::Ordering;
use std::sync::OnceLock;

use chrono::NaiveDate;
use memchr::memmem::Finder;

use super::fold::{fold, fold_into};
use crate::model::{Contact, TieStrength};

/// How a contact list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Sort {
    /// By name, ignoring case and accents.
    #[default]
    Name,
    /// By the day they met (or were added when that is unknown), newest first.
    RecentlyMet,
    /// By the last time the user was in touch, oldest first.
    LongestWithoutContact,
}

impl Sort {
    /// Every sort order, in the order of a picker.
    pub const ALL: [Sort; 3] = [Sort::Name, Sort::RecentlyMet, Sort::LongestWithoutContact];

    /// The user-facing name: "Name", "Recently met", "Longest without contact".
    pub fn label(self) -> &'static str {
        match self {
            Sort::Name => "Name",
            Sort::RecentlyMet => "Recently met",
            Sort::LongestWithoutContact => "Longest without contact",
        }
    }
}

/// A search of the contact list: free text plus filters. The default query lists everyone by
/// name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Words that must all appear (case- and accent-insensitive) in the name, organization,
    /// role, tags, notes, where met, how met or emails.
    pub text: String,
    /// Only contacts with this tie strength.
    pub tie: Option<TieStrength>,
    /// Only contacts with this tag (case- and accent-insensitive).
    pub tag: Option<String>,
    /// Only contacts met at this event, i.e. this `where_met` (case- and accent-insensitive).
    pub event: Option<String>,
    pub sort: Sort,
}

impl Query {
    /// Whether the query filters nothing out.
    pub fn is_unfiltered(&self) -> bool {
        self.text.trim().is_empty()
            && self.tie.is_none()
            && self.tag.is_none()
            && self.event.is_none()
    }
}

/// A stored contact with its sort keys and its search text.
#[derive(Clone, Debug)]
pub(super) struct Entry {
    pub(super) contact: Contact,
    /// Folded name, organization, role, tags, notes, where met, how met and emails, separated
    /// by newlines; folded when first needed ([`Entry::search`]), not at start-up.
    pub(super) search: OnceLock<String>,
    /// Folded name: the name sort key.
    pub(super) name_key: String,
    /// Folded tags, for the tag filter.
    pub(super) tag_keys: Vec<String>,
    /// Folded, trimmed `where_met`, for the event filter.
    pub(super) event_key: String,
    /// `met_on`, else the creation date.
    pub(super) met_key: NaiveDate,
    pub(super) last_touch: NaiveDate,
    pub(super) next_touch: Option<NaiveDate>,
}

impl Entry {
    pub(super) fn new(contact: Contact) -> Self {
        let c = &contact;
        Entry {
            search: OnceLock::new(),
            name_key: fold(c.name.trim()),
            tag_keys: c.tags.iter().map(|t| fold(t.trim())).collect(),
            event_key: fold(c.where_met.trim()),
            met_key: c.met_or_added(),
            last_touch: c.last_touch(),
            next_touch: c.next_touch_due(),
            contact,
        }
    }

    /// The search text, folded on first use.
    pub(super) fn search(&self) -> &str {
        self.search.get_or_init(|| {
            let c = &self.contact;
            let mut search = String::new();
            let texts = [
                &c.name,
                &c.organization,
                &c.role,
                &c.notes,
                &c.where_met,
                &c.how_met,
            ];
            for text in texts.into_iter().chain(&c.tags).chain(&c.emails) {
                fold_into(text, &mut search);
                search.push('\n');
            }
            search
        })
    }

    /// The stable tie-breaker: name, then id.
    pub(super) fn by_name(&self, other: &Entry) -> Ordering {
        self.name_key
            .cmp(&other.name_key)
            .then_with(|| self.contact.id.cmp(&other.contact.id))
    }
}

/// A query prepared once: folded words and filters.
pub(super) struct Prepared {
    /// One substring finder per folded word (memchr's, several times faster than `str::contains`
    /// in this size-optimized build).
    pub(super) words: Vec<Finder<'static>>,
    pub(super) tie: Option<TieStrength>,
    pub(super) tag: Option<String>,
    pub(super) event: Option<String>,
    pub(super) sort: Sort,
}

impl Prepared {
    pub(super) fn new(q: &Query) -> Self {
        Prepared {
            words: fold(&q.text)
                .split_whitespace()
                .map(|w| Finder::new(w).into_owned())
                .collect(),
            tie: q.tie,
            tag: q.tag.as_deref().map(|t| fold(t.trim())),
            event: q.event.as_deref().map(|e| fold(e.trim())),
            sort: q.sort,
        }
    }

    pub(super) fn matches(&self, e: &Entry) -> bool {
        self.tie.is_none_or(|t| e.contact.tie == t)
            && self
                .tag
                .as_ref()
                .is_none_or(|t| e.tag_keys.iter().any(|k| k == t))
            && self.event.as_ref().is_none_or(|ev| e.event_key == *ev)
            && self
                .words
                .iter()
                .all(|w| w.find(e.search().as_bytes()).is_some())
    }
}
