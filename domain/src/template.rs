//! Message templates: thank-yous and follow-ups filled with a contact's details.
//!
//! A template's subject and body are plain text with placeholders such as `{{first_name}}` or, with
//! a default used when there is no value, `{{first_name|there}}`. Text is parsed in one pass
//! ([`parse`]) and filled in one pass ([`fill`]), so a value is never expanded again: a contact
//! whose notes read `{{first_name}}` is inserted literally. Nothing here produces HTML; the UI
//! renders the results as text nodes.
//!
//! The user's templates live in one [`TemplateSet`] document, which starts with the built-ins
//! ([`BUILTINS`]) and can always get them back ([`TemplateSet::restore_builtins`]).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::{new_id, Contact, InteractionKind};

// ---------------------------------------------------------------------------------------------
// Templates and the set of them
// ---------------------------------------------------------------------------------------------

/// A message template: a name for the list, and a subject and body with placeholders.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body: String,
    /// The key of the built-in this template is (possibly edited); `None` for the user's own.
    #[serde(default)]
    pub builtin_key: Option<String>,
}

impl Template {
    /// A template of the user's own, with a fresh id.
    pub fn new(
        name: impl Into<String>,
        subject: impl Into<String>,
        body: impl Into<String>,
    ) -> Self {
        Template {
            id: new_id(),
            name: name.into(),
            subject: subject.into(),
            body: body.into(),
            builtin_key: None,
        }
    }

    /// The built-in this template comes from, if it is one and the key is still known.
    pub fn builtin(&self) -> Option<&'static Builtin> {
        self.builtin_key.as_deref().and_then(Builtin::by_key)
    }

    /// True for a built-in whose name, subject or body differs from the original.
    pub fn is_edited_builtin(&self) -> bool {
        self.builtin().is_some_and(|b| !b.matches(self))
    }

    /// What sending this message puts on the contact's timeline: "Thank-you sent" for a thank-you
    /// (the built-in thank-you after a chat or after an event, or a template of the user's whose
    /// name or subject says "thank"), which also ticks off the open thank-you follow-up; else
    /// "Message" (an introduction request, a check-in, an update).
    pub fn sent_kind(&self) -> InteractionKind {
        let says_thanks = |s: &str| s.to_lowercase().contains("thank");
        let thanks = match self.builtin_key.as_deref() {
            Some(key) => THANK_YOU_KEYS.contains(&key),
            None => says_thanks(&self.name) || says_thanks(&self.subject),
        };
        if thanks {
            InteractionKind::ThankYouSent
        } else {
            InteractionKind::Message
        }
    }
}

/// The built-ins that are the thank-you after meeting someone.
const THANK_YOU_KEYS: [&str; 2] = ["thank_you_chat", "after_event"];

/// The original text of a built-in template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Builtin {
    /// Stable key, stored in [`Template::builtin_key`].
    pub key: &'static str,
    pub name: &'static str,
    pub subject: &'static str,
    pub body: &'static str,
}

impl Builtin {
    /// The built-in with this key.
    pub fn by_key(key: &str) -> Option<&'static Builtin> {
        BUILTINS.iter().find(|b| b.key == key)
    }

    /// The id a built-in gets when the set is first created: stable, so two tabs starting at the
    /// same time agree.
    pub fn default_id(&self) -> String {
        format!("builtin-{}", self.key)
    }

    /// A pristine template made from this built-in, with the given id.
    pub fn to_template(&self, id: String) -> Template {
        Template {
            id,
            name: self.name.to_string(),
            subject: self.subject.to_string(),
            body: self.body.to_string(),
            builtin_key: Some(self.key.to_string()),
        }
    }

    fn matches(&self, t: &Template) -> bool {
        t.name == self.name && t.subject == self.subject && t.body == self.body
    }
}

/// The built-in templates, in the order they are listed.
pub const BUILTINS: [Builtin; 5] = [
    Builtin {
        key: "thank_you_chat",
        name: "Thank you after a chat",
        subject: "Thank you for the chat",
        body: "Hi {{first_name|there}},

Thank you for taking the time to talk with me about {{topic|your work}}. I really enjoyed our conversation and came away with a lot to think about.

Your suggestion to {{advice}} was especially helpful, and I'm already putting it into practice.

I'll let you know how it goes. Thanks again for being so generous with your time.

Best wishes,
{{my_signature}}",
    },
    Builtin {
        key: "after_event",
        name: "After meeting at an event",
        subject: "Great to meet you at {{event|the event}}",
        body: "Hi {{first_name|there}},

It was great to meet you at {{event|the event}}. I enjoyed our conversation about {{topic|your work}}, and thank you for sharing your perspective.

I'd love to stay in touch. If you're ever up for a short coffee or call, I'd be glad to hear more about what you're working on.

Best wishes,
{{my_signature}}",
    },
    Builtin {
        key: "acted_on_advice",
        name: "I acted on your advice",
        subject: "I took your advice",
        body: "Hi {{first_name|there}},

When we talked about {{topic|my next steps}}, you suggested that I {{advice}}. I wanted to let you know that I did, and it has already made a real difference.

Thank you again for pointing me in the right direction. If there's ever anything I can help you with, I'd be glad to return the favour.

Best wishes,
{{my_signature}}",
    },
    Builtin {
        key: "ask_introduction",
        name: "Asking for an introduction",
        subject: "A quick question about {{referred_person}}",
        body: "Hi {{first_name|there}},

I hope you're doing well. Thank you again for your advice on {{topic|my search}}; it has been really useful.

You mentioned {{referred_person}} as someone worth talking to, and I'd love to reach out to learn more about their work. May I tell them that you referred me?

If you'd rather introduce us yourself, I'd be very grateful for that too. Either way, I'll keep it brief and respectful of their time.

Best wishes,
{{my_signature}}",
    },
    Builtin {
        key: "check_in",
        name: "Checking in months later",
        subject: "Checking in, and a quick update",
        body: "Hi {{first_name|there}},

I hope all is well with you. It's been a few months since we last talked, and I was thinking back to our conversation about {{topic|your work}}.

A quick update from my side: I followed your advice to {{advice}}, and it has been going well. Thank you again for that.

How are things at {{organization|your end}}? I'd love to hear what you've been working on.

Best wishes,
{{my_signature}}",
    },
];

/// What [`TemplateSet::restore_builtins`] did, so the UI can say so.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Restored {
    /// Ids of the pristine built-ins that were added back.
    pub readded: Vec<String>,
    /// Ids of edited built-ins that were kept as the user's own templates.
    pub kept_as_own: Vec<String>,
}

/// All of the user's templates: one stored document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateSet {
    #[serde(default)]
    pub templates: Vec<Template>,
    /// Revision counter, raised by one on every save (as on a contact).
    #[serde(default)]
    pub rev: u64,
}

impl Default for TemplateSet {
    /// The set on first use: the built-ins.
    fn default() -> Self {
        TemplateSet::with_builtins()
    }
}

impl TemplateSet {
    /// The set on first use: every built-in, pristine, with stable ids.
    pub fn with_builtins() -> Self {
        TemplateSet {
            templates: BUILTINS
                .iter()
                .map(|b| b.to_template(b.default_id()))
                .collect(),
            rev: 0,
        }
    }

    /// The template with this id.
    pub fn get(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    /// Adds a template of the user's own at the end; returns its id.
    pub fn add(
        &mut self,
        name: impl Into<String>,
        subject: impl Into<String>,
        body: impl Into<String>,
    ) -> String {
        let t = Template::new(name, subject, body);
        let id = t.id.clone();
        self.templates.push(t);
        id
    }

    /// Replaces a template's name, subject and body (text is kept exactly as typed). A built-in
    /// stays a built-in, marked as edited. Returns false if there is no such template.
    pub fn edit(
        &mut self,
        id: &str,
        name: impl Into<String>,
        subject: impl Into<String>,
        body: impl Into<String>,
    ) -> bool {
        match self.templates.iter_mut().find(|t| t.id == id) {
            Some(t) => {
                t.name = name.into();
                t.subject = subject.into();
                t.body = body.into();
                true
            }
            None => false,
        }
    }

    /// Copies a template as the user's own, named "Copy of ...", right after the original;
    /// returns the copy's id.
    pub fn duplicate(&mut self, id: &str) -> Option<String> {
        let pos = self.templates.iter().position(|t| t.id == id)?;
        let original = &self.templates[pos];
        let copy = Template::new(
            format!("Copy of {}", original.name),
            original.subject.clone(),
            original.body.clone(),
        );
        let copy_id = copy.id.clone();
        self.templates.insert(pos + 1, copy);
        Some(copy_id)
    }

    /// Removes a template (a built-in too: it can be restored); returns it, for an undo.
    pub fn delete(&mut self, id: &str) -> Option<Template> {
        let pos = self.templates.iter().position(|t| t.id == id)?;
        Some(self.templates.remove(pos))
    }

    /// True when a built-in is missing or edited, i.e. when restoring would change something.
    pub fn can_restore_builtins(&self) -> bool {
        BUILTINS.iter().any(|b| {
            !self
                .templates
                .iter()
                .any(|t| t.builtin_key.as_deref() == Some(b.key) && b.matches(t))
        })
    }

    /// Brings every built-in back to its original text without losing anything the user wrote:
    ///
    /// - a missing built-in is added back at the end;
    /// - an edited built-in is kept, as the user's own template (renamed "... (edited)" if it
    ///   still has the built-in's name), and the original is added just before it;
    /// - the user's own templates are untouched.
    pub fn restore_builtins(&mut self) -> Restored {
        let mut restored = Restored::default();
        for b in &BUILTINS {
            let mut has_pristine = false;
            // Detach every edited copy of this built-in; remember where the first one was.
            let mut first_edited = None;
            for (i, t) in self.templates.iter_mut().enumerate() {
                if t.builtin_key.as_deref() != Some(b.key) {
                    continue;
                }
                if b.matches(t) && !has_pristine {
                    has_pristine = true;
                    continue;
                }
                if b.matches(t) {
                    // A second pristine copy: keep it, as the user's own.
                    t.builtin_key = None;
                    restored.kept_as_own.push(t.id.clone());
                    continue;
                }
                t.builtin_key = None;
                if t.name == b.name {
                    t.name = format!("{} (edited)", b.name);
                }
                restored.kept_as_own.push(t.id.clone());
                first_edited.get_or_insert(i);
            }
            if has_pristine {
                continue;
            }
            let default_id = b.default_id();
            let id = if self.get(&default_id).is_some() {
                new_id()
            } else {
                default_id
            };
            restored.readded.push(id.clone());
            let t = b.to_template(id);
            match first_edited {
                Some(i) => self.templates.insert(i, t),
                None => self.templates.push(t),
            }
        }
        restored
    }
}

// ---------------------------------------------------------------------------------------------
// Placeholders
// ---------------------------------------------------------------------------------------------

/// A placeholder the app knows how to fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Placeholder {
    FirstName,
    FullName,
    Organization,
    Role,
    Event,
    DateMet,
    Topic,
    Advice,
    ReferredPerson,
    MyName,
    MySignature,
}

impl Placeholder {
    /// Every placeholder, in the order the editor lists them.
    pub const ALL: [Placeholder; 11] = [
        Placeholder::FirstName,
        Placeholder::FullName,
        Placeholder::Organization,
        Placeholder::Role,
        Placeholder::Event,
        Placeholder::DateMet,
        Placeholder::Topic,
        Placeholder::Advice,
        Placeholder::ReferredPerson,
        Placeholder::MyName,
        Placeholder::MySignature,
    ];

    /// The name written between the braces: `first_name`.
    pub fn key(self) -> &'static str {
        match self {
            Placeholder::FirstName => "first_name",
            Placeholder::FullName => "full_name",
            Placeholder::Organization => "organization",
            Placeholder::Role => "role",
            Placeholder::Event => "event",
            Placeholder::DateMet => "date_met",
            Placeholder::Topic => "topic",
            Placeholder::Advice => "advice",
            Placeholder::ReferredPerson => "referred_person",
            Placeholder::MyName => "my_name",
            Placeholder::MySignature => "my_signature",
        }
    }

    /// A short label for the editor: "First name".
    pub fn label(self) -> &'static str {
        match self {
            Placeholder::FirstName => "First name",
            Placeholder::FullName => "Full name",
            Placeholder::Organization => "Organization",
            Placeholder::Role => "Role",
            Placeholder::Event => "Event",
            Placeholder::DateMet => "Date met",
            Placeholder::Topic => "Topic",
            Placeholder::Advice => "Advice",
            Placeholder::ReferredPerson => "Referred person",
            Placeholder::MyName => "My name",
            Placeholder::MySignature => "My signature",
        }
    }

    /// One sentence for the editor: where the value comes from.
    pub fn description(self) -> &'static str {
        match self {
            Placeholder::FirstName => {
                "The first word of their name, e.g. \"Ana\" for Ana María López."
            }
            Placeholder::FullName => "Their name as saved on the contact.",
            Placeholder::Organization => "Where they work, from the contact.",
            Placeholder::Role => "Their job title, from the contact.",
            Placeholder::Event => "The event or place where you met, from the contact.",
            Placeholder::DateMet => "The day you met, written like \"12 March 2026\".",
            Placeholder::Topic => "What you talked about. You type it for each message.",
            Placeholder::Advice => {
                "The advice they gave you, worded to follow \"to\", e.g. \"join a local meetup\". \
                 You type it for each message."
            }
            Placeholder::ReferredPerson => {
                "Someone they suggested you talk to. You type it for each message."
            }
            Placeholder::MyName => "Your name, from Settings.",
            Placeholder::MySignature => {
                "Your signature from Settings, or your name if you have not set one."
            }
        }
    }

    /// True for the values the user types for each message (topic, advice, referred person).
    pub fn is_per_message(self) -> bool {
        matches!(
            self,
            Placeholder::Topic | Placeholder::Advice | Placeholder::ReferredPerson
        )
    }

    /// The text to insert into a template: `{{first_name}}`.
    pub fn token(self) -> String {
        format!("{{{{{}}}}}", self.key())
    }

    /// The placeholder written as `name`. Lenient about case and about spaces or hyphens
    /// between words: `First_Name`, `first name` and `first-name` all mean `first_name`.
    pub fn from_key(name: &str) -> Option<Placeholder> {
        let normalized = name
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
            .join("_");
        Placeholder::ALL.into_iter().find(|p| p.key() == normalized)
    }
}

/// The name under which a placeholder is stored and looked up: the known key if it is one,
/// otherwise the name trimmed.
fn canonical_name(name: &str) -> String {
    match Placeholder::from_key(name) {
        Some(p) => p.key().to_string(),
        None => name.trim().to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/// A piece of template text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Literal text, shown as is.
    Text(String),
    /// A placeholder. `name` is the known key (`first_name`) when `known`, otherwise the name as
    /// written, trimmed. `default` is the text after `|`, trimmed (it may be empty).
    Field {
        name: String,
        default: Option<String>,
        known: bool,
    },
}

/// Splits template text into literal text and placeholders, in one pass.
///
/// A placeholder is `{{name}}` or `{{name|default}}`, with whitespace allowed around the name
/// and the default. An unterminated `{{`, an empty name, a name spanning lines, or a `{{` before
/// the closing `}}` leaves the `{{` as literal text. In a run such as `{{{name}}}` the innermost
/// pair of braces opens the placeholder. Adjacent text is merged into one segment.
pub fn parse(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        // The last "{{" of a run of braces opens the placeholder.
        let mut start = open;
        while rest[start + 2..].starts_with('{') {
            start += 1;
        }
        let after = &rest[start + 2..];
        let Some(close) = after.find("}}") else {
            break; // unterminated: the rest is literal
        };
        let inner = &after[..close];
        // A "{{" inside means this one is literal; continue from that inner "{{".
        let field = if inner.contains("{{") {
            None
        } else {
            parse_inner(inner)
        };
        match field {
            Some(field) => {
                literal.push_str(&rest[..start]);
                if !literal.is_empty() {
                    out.push(Segment::Text(std::mem::take(&mut literal)));
                }
                out.push(field);
                rest = &after[close + 2..];
            }
            None => {
                literal.push_str(&rest[..start + 2]);
                rest = after;
            }
        }
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        out.push(Segment::Text(literal));
    }
    out
}

fn parse_inner(inner: &str) -> Option<Segment> {
    let (name, default) = match inner.split_once('|') {
        Some((name, default)) => (name, Some(default.trim().to_string())),
        None => (inner, None),
    };
    let name = name.trim();
    if name.is_empty() || name.contains(['\n', '\r']) {
        return None;
    }
    let known = Placeholder::from_key(name);
    Some(Segment::Field {
        name: canonical_name(name),
        default,
        known: known.is_some(),
    })
}

/// The placeholder names in `text` that the app does not know, each once, in order of first
/// appearance; for the editor to flag as the user types.
pub fn unknown_placeholders(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for segment in parse(text) {
        if let Segment::Field {
            name, known: false, ..
        } = segment
        {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/// The user, as they sign their messages and as their card shows them (kept in the settings).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Me {
    pub name: String,
    /// Free text, possibly several lines, put under the sign-off.
    pub signature: String,
    /// For the user's card (see `card`): job title, organization, one email, one phone, and one
    /// web link (a site or a LinkedIn profile).
    pub role: String,
    pub organization: String,
    pub email: String,
    pub phone: String,
    pub website: String,
}

impl Me {
    /// Fills each blank field from `other`, keeping the fields that have a value (how a backup's
    /// settings merge into ours).
    pub fn fill_blanks(&mut self, other: Me) {
        let pairs = [
            (&mut self.name, other.name),
            (&mut self.signature, other.signature),
            (&mut self.role, other.role),
            (&mut self.organization, other.organization),
            (&mut self.email, other.email),
            (&mut self.phone, other.phone),
            (&mut self.website, other.website),
        ];
        for (mine, theirs) in pairs {
            if mine.trim().is_empty() {
                *mine = theirs;
            }
        }
    }
}

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

// ---------------------------------------------------------------------------------------------
// Filling
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use proptest::prelude::*;

    #[test]
    fn a_thank_you_logs_a_thank_you_and_other_messages_log_a_message() {
        let kind = |key: &str| {
            BUILTINS
                .iter()
                .find(|b| b.key == key)
                .unwrap()
                .to_template("x".into())
                .sent_kind()
        };
        assert_eq!(kind("thank_you_chat"), InteractionKind::ThankYouSent);
        assert_eq!(kind("after_event"), InteractionKind::ThankYouSent);
        assert_eq!(kind("acted_on_advice"), InteractionKind::Message);
        assert_eq!(kind("ask_introduction"), InteractionKind::Message);
        assert_eq!(kind("check_in"), InteractionKind::Message);
        let own = |name: &str, subject: &str| Template::new(name, subject, "Hi").sent_kind();
        assert_eq!(own("Thanks, mentor", ""), InteractionKind::ThankYouSent);
        assert_eq!(
            own("After the panel", "THANK YOU for your time"),
            InteractionKind::ThankYouSent
        );
        assert_eq!(
            own("Quarterly hello", "How are things?"),
            InteractionKind::Message
        );
    }

    fn contact(name: &str) -> Contact {
        Contact::new(name, Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap())
    }

    fn me() -> Me {
        Me {
            name: "Sam Lee".into(),
            signature: "Sam Lee\nJunior designer".into(),
            ..Me::default()
        }
    }

    fn field(name: &str, default: Option<&str>, known: bool) -> Segment {
        Segment::Field {
            name: name.into(),
            default: default.map(Into::into),
            known,
        }
    }

    fn text(s: &str) -> Segment {
        Segment::Text(s.into())
    }

    #[test]
    fn fills_values_from_a_contact_and_me() {
        let mut c = contact("Ana María López");
        c.organization = "Acme".into();
        c.role = "Head of Design".into();
        c.where_met = "UX Night".into();
        c.met_on = NaiveDate::from_ymd_opt(2026, 3, 12);
        let v = Values::from_contact(&c, &me()).with("topic", "design systems");
        let filled = fill(
            "Hi {{first_name}} ({{full_name}}, {{role}} at {{organization}}), \
             we met at {{event}} on {{date_met}} and talked about {{topic}}.\n{{my_name}}\n{{my_signature}}",
            &v,
        );
        assert_eq!(
            filled.to_text(),
            "Hi Ana (Ana María López, Head of Design at Acme), we met at UX Night on \
             12 March 2026 and talked about design systems.\nSam Lee\nSam Lee\nJunior designer"
        );
        assert!(filled.is_complete());
        assert!(filled.missing().is_empty());
    }

    #[test]
    fn first_name_is_the_first_word() {
        assert_eq!(first_name("Ana María López"), "Ana");
        assert_eq!(first_name("  Ana  "), "Ana");
        assert_eq!(first_name(""), "");
        let v = Values::from_contact(&contact("Ana María López"), &Me::default());
        assert_eq!(v.get("first_name"), Some("Ana"));
        assert_eq!(v.get("full_name"), Some("Ana María López"));
    }

    #[test]
    fn dates_are_plain_english() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(format_date(d(2026, 3, 12)), "12 March 2026");
        assert_eq!(format_date(d(2025, 1, 1)), "1 January 2025");
        assert_eq!(format_date(d(2024, 12, 31)), "31 December 2024");
    }

    #[test]
    fn date_met_falls_back_to_the_first_met_on_the_timeline() {
        use crate::model::Interaction;
        let mut c = contact("Ana");
        for (day, kind) in [
            (20, InteractionKind::Met),
            (5, InteractionKind::Chat),
            (9, InteractionKind::Met),
        ] {
            c.interactions.push(Interaction {
                id: new_id(),
                date: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
                kind,
                summary: String::new(),
            });
        }
        let v = Values::from_contact(&c, &Me::default());
        assert_eq!(v.get("date_met"), Some("9 March 2026"));
        c.met_on = NaiveDate::from_ymd_opt(2026, 2, 2);
        let v = Values::from_contact(&c, &Me::default());
        assert_eq!(v.get("date_met"), Some("2 February 2026"));
    }

    #[test]
    fn defaults_apply_only_without_a_value() {
        let t = "Hi {{first_name|there}},";
        assert_eq!(fill(t, &Values::new()).to_text(), "Hi there,");
        let v = Values::new().with("first_name", "Ana");
        assert_eq!(fill(t, &v).to_text(), "Hi Ana,");
        // A blank value counts as none.
        let v = Values::new().with("first_name", "   ");
        assert_eq!(fill(t, &v).to_text(), "Hi there,");
        // An empty default makes a placeholder optional.
        let f = fill("At{{ organization | }}.", &Values::new());
        assert_eq!(f.to_text(), "At.");
        assert!(f.is_complete());
    }

    #[test]
    fn missing_placeholders_are_marked_not_dropped() {
        let f = fill(
            "Hi {{first_name}}, thanks for {{advice}} and {{advice}}. {{custom}}",
            &Values::new().with("first_name", "Ana"),
        );
        assert_eq!(
            f.missing(),
            vec!["advice".to_string(), "custom".to_string()]
        );
        assert!(!f.is_complete());
        assert_eq!(
            f.to_text(),
            "Hi Ana, thanks for [advice] and [advice]. [custom]"
        );
        let f = fill("{{referred_person}} {{first_name}}", &Values::new());
        assert_eq!(f.to_text(), "[referred person] [first name]");
        assert_eq!(
            f.segments[0],
            FilledSegment::Missing {
                name: "referred_person".into()
            }
        );
    }

    #[test]
    fn unknown_placeholders_are_listed_once_in_order() {
        assert_eq!(
            unknown_placeholders("{{frist_name}} {{first_name}} {{ company }} {{frist_name|x}}"),
            vec!["frist_name".to_string(), "company".to_string()]
        );
        assert!(unknown_placeholders("Hi {{ First Name }} {{my-name}}").is_empty());
        // Unknown placeholders can still be filled by an override, or take their default.
        let v = Values::new().with("company news", "the launch");
        assert_eq!(
            fill("{{company news}} / {{other|fine}}", &v).to_text(),
            "the launch / fine"
        );
    }

    #[test]
    fn whitespace_inside_braces_is_tolerated() {
        assert_eq!(
            parse("{{ first_name }}{{\tfirst_name\n| there }}{{  topic|  }}"),
            vec![
                field("first_name", None, true),
                field("first_name", Some("there"), true),
                field("topic", Some(""), true),
            ]
        );
        let v = Values::new().with("first_name", "Ana");
        assert_eq!(fill("Hi {{  first_name  }}!", &v).to_text(), "Hi Ana!");
    }

    #[test]
    fn names_are_lenient_about_case_and_separators() {
        assert_eq!(
            parse("{{First_Name}}{{first name}}{{FIRST-NAME}}"),
            vec![field("first_name", None, true); 3]
        );
    }

    #[test]
    fn unterminated_and_malformed_braces_are_literal() {
        assert_eq!(parse("Hi {{first_name"), vec![text("Hi {{first_name")]);
        assert_eq!(parse("{{"), vec![text("{{")]);
        assert_eq!(parse("}}"), vec![text("}}")]);
        assert_eq!(parse("{{}}"), vec![text("{{}}")]);
        assert_eq!(parse("{{ | x }}"), vec![text("{{ | x }}")]);
        assert_eq!(parse("{{two\nlines}}"), vec![text("{{two\nlines}}")]);
        assert_eq!(
            parse("{{first_name}} and {{"),
            vec![field("first_name", None, true), text(" and {{")]
        );
        assert_eq!(
            parse("a {{ b {{first_name}} c"),
            vec![text("a {{ b "), field("first_name", None, true), text(" c")]
        );
        assert_eq!(
            parse("{{{first_name}}}"),
            vec![text("{"), field("first_name", None, true), text("}")]
        );
        assert_eq!(
            fill("Hi {{first_name", &Values::new().with("first_name", "Ana")).to_text(),
            "Hi {{first_name"
        );
    }

    #[test]
    fn values_are_never_expanded_twice() {
        let nasty = "{{first_name}} <img src=x onerror=alert(1)> {{my_name|x}}";
        let mut c = contact("Ana");
        c.organization = nasty.into();
        let v = Values::from_contact(&c, &me()).with("advice", nasty);
        let f = fill("{{organization}}|{{advice}}|{{first_name}}", &v);
        assert_eq!(f.to_text(), format!("{nasty}|{nasty}|Ana"));
        assert_eq!(
            f.segments[0],
            FilledSegment::Value {
                name: "organization".into(),
                text: nasty.into()
            }
        );
        // Defaults are literal too.
        let f = fill("{{topic|<b>{first_name}</b>}}", &v);
        assert_eq!(f.to_text(), "<b>{first_name}</b>");
    }

    #[test]
    fn every_placeholder_has_a_unique_key_label_and_description() {
        for (i, p) in Placeholder::ALL.iter().enumerate() {
            assert_eq!(Placeholder::from_key(p.key()), Some(*p));
            assert!(!p.label().is_empty() && !p.description().is_empty());
            assert_eq!(parse(&p.token()), vec![field(p.key(), None, true)]);
            for q in &Placeholder::ALL[i + 1..] {
                assert_ne!(p.key(), q.key());
                assert_ne!(p.label(), q.label());
            }
        }
    }

    #[test]
    fn fill_blanks_keeps_what_has_a_value() {
        let mut mine = Me {
            name: "Sam".into(),
            email: " ".into(),
            ..Me::default()
        };
        mine.fill_blanks(Me {
            name: "Other".into(),
            email: "sam@example.org".into(),
            phone: "+1 555 0100".into(),
            ..Me::default()
        });
        assert_eq!(
            mine,
            Me {
                name: "Sam".into(),
                email: "sam@example.org".into(),
                phone: "+1 555 0100".into(),
                ..Me::default()
            }
        );
    }

    #[test]
    fn signature_falls_back_to_my_name() {
        let v = Values::from_me(&Me {
            name: "Sam".into(),
            signature: "  ".into(),
            ..Me::default()
        });
        assert_eq!(v.get("my_signature"), Some("Sam"));
        assert_eq!(Values::from_me(&Me::default()).get("my_signature"), None);
    }

    #[test]
    fn builtins_are_well_formed() {
        for (i, b) in BUILTINS.iter().enumerate() {
            assert!(!b.subject.is_empty() && !b.body.is_empty(), "{}", b.key);
            assert!(unknown_placeholders(b.subject).is_empty(), "{}", b.key);
            assert!(unknown_placeholders(b.body).is_empty(), "{}", b.key);
            assert!(b.body.contains("{{my_signature}}"), "{}", b.key);
            for c in &BUILTINS[i + 1..] {
                assert_ne!(b.key, c.key);
                assert_ne!(b.name, c.name);
            }
        }
        let intro = Builtin::by_key("ask_introduction").unwrap();
        assert!(intro.body.contains("May I tell them that you referred me?"));
    }

    #[test]
    fn builtins_fill_completely_with_a_full_contact() {
        let mut c = contact("Ana María López");
        c.organization = "Acme".into();
        c.where_met = "UX Night".into();
        let v = Values::from_contact(&c, &me())
            .with("topic", "design careers")
            .with("advice", "join the local design meetup")
            .with("referred_person", "Priya");
        for t in TemplateSet::with_builtins().templates {
            let m = fill_template(&t, &v);
            assert!(m.is_complete(), "{}: {:?}", t.name, m.missing());
            assert!(m.body_text().starts_with("Hi Ana,"), "{}", t.name);
            assert!(!m.subject_text().contains(['[', '{', '\n']));
        }
        // Without per-message values, the ones with no default are flagged.
        let t = TemplateSet::with_builtins()
            .templates
            .into_iter()
            .find(|t| t.builtin_key.as_deref() == Some("ask_introduction"))
            .unwrap();
        let m = fill_template(&t, &Values::from_contact(&c, &me()));
        assert_eq!(m.missing(), vec!["referred_person".to_string()]);
        assert!(m.subject_text().contains("[referred person]"));
    }

    #[test]
    fn subject_text_is_one_line() {
        let t = Template::new("x", "Hello {{my_signature}}", "");
        let m = fill_template(&t, &Values::from_me(&me()));
        assert_eq!(m.subject_text(), "Hello Sam Lee Junior designer");
    }

    #[test]
    fn a_new_set_holds_the_builtins() {
        let set = TemplateSet::default();
        assert_eq!(set.templates.len(), BUILTINS.len());
        for (t, b) in set.templates.iter().zip(BUILTINS.iter()) {
            assert_eq!(t.builtin(), Some(b));
            assert!(!t.is_edited_builtin());
            assert_eq!(t.id, b.default_id());
        }
        assert!(!set.can_restore_builtins());
        assert_eq!(TemplateSet::default(), TemplateSet::with_builtins());
    }

    #[test]
    fn add_edit_duplicate_delete() {
        let mut set = TemplateSet::with_builtins();
        let id = set.add("Mine", "Hello", "Hi {{first_name}}");
        assert_eq!(set.templates.last().unwrap().id, id);
        assert_eq!(set.get(&id).unwrap().builtin_key, None);

        assert!(set.edit(&id, "Mine ", "Hello again", "Body "));
        let t = set.get(&id).unwrap();
        assert_eq!(
            (t.name.as_str(), t.subject.as_str()),
            ("Mine ", "Hello again")
        );
        assert_eq!(t.body, "Body ");
        assert!(!set.edit("nope", "a", "b", "c"));

        let first = set.templates[0].id.clone();
        let copy = set.duplicate(&first).unwrap();
        assert_eq!(set.templates[1].id, copy);
        let (orig, dup) = (&set.templates[0], &set.templates[1]);
        assert_eq!(dup.name, format!("Copy of {}", orig.name));
        assert_eq!((&dup.subject, &dup.body), (&orig.subject, &orig.body));
        assert_eq!(dup.builtin_key, None);
        assert_ne!(dup.id, orig.id);
        assert_eq!(set.duplicate("nope"), None);

        let removed = set.delete(&copy).unwrap();
        assert_eq!(removed.id, copy);
        assert!(set.get(&copy).is_none());
        assert_eq!(set.delete(&copy), None);
    }

    #[test]
    fn restoring_builtins_keeps_the_users_own_work() {
        let mut set = TemplateSet::with_builtins();
        let own = set.add("Mine", "s", "b");
        let copy = set.duplicate("builtin-check_in").unwrap();
        // Delete one built-in, edit another.
        set.delete("builtin-after_event").unwrap();
        assert!(set.edit(
            "builtin-thank_you_chat",
            "Thank you after a chat",
            "Thanks!",
            "My own words"
        ));
        assert!(set
            .get("builtin-thank_you_chat")
            .unwrap()
            .is_edited_builtin());
        assert!(set.can_restore_builtins());
        let before = set.templates.len();

        let restored = set.restore_builtins();
        assert_eq!(
            restored.kept_as_own,
            vec!["builtin-thank_you_chat".to_string()]
        );
        assert_eq!(restored.readded.len(), 2);
        assert!(restored
            .readded
            .contains(&"builtin-after_event".to_string()));
        assert_eq!(set.templates.len(), before + 2);

        // Every built-in is there, pristine, exactly once.
        for b in &BUILTINS {
            let found: Vec<_> = set
                .templates
                .iter()
                .filter(|t| t.builtin_key.as_deref() == Some(b.key))
                .collect();
            assert_eq!(found.len(), 1, "{}", b.key);
            assert!(!found[0].is_edited_builtin());
        }
        // The edited one is now the user's own, renamed, with the original just before it.
        let edited_pos = set
            .templates
            .iter()
            .position(|t| t.id == "builtin-thank_you_chat")
            .unwrap();
        let edited = &set.templates[edited_pos];
        assert_eq!(edited.builtin_key, None);
        assert_eq!(edited.name, "Thank you after a chat (edited)");
        assert_eq!(edited.body, "My own words");
        assert_eq!(
            set.templates[edited_pos - 1].builtin_key.as_deref(),
            Some("thank_you_chat")
        );
        assert_ne!(set.templates[edited_pos - 1].id, edited.id);
        // The user's own templates are untouched.
        assert_eq!(set.get(&own).unwrap().name, "Mine");
        assert_eq!(
            set.get(&copy).unwrap().name,
            "Copy of Checking in months later"
        );

        // Restoring again changes nothing.
        assert!(!set.can_restore_builtins());
        let again = set.clone();
        assert_eq!(set.restore_builtins(), Restored::default());
        assert_eq!(set, again);
    }

    #[test]
    fn restoring_into_an_empty_set_gives_the_builtins() {
        let mut set = TemplateSet {
            templates: Vec::new(),
            rev: 3,
        };
        set.restore_builtins();
        assert_eq!(
            set,
            TemplateSet {
                rev: 3,
                ..TemplateSet::with_builtins()
            }
        );
    }

    #[test]
    fn a_set_round_trips_through_json() {
        let mut set = TemplateSet::with_builtins();
        set.add("Mine", "s", "b");
        let json = serde_json::to_string(&set).unwrap();
        assert_eq!(serde_json::from_str::<TemplateSet>(&json).unwrap(), set);
        let empty: TemplateSet = serde_json::from_str("{}").unwrap();
        assert!(empty.templates.is_empty());
        let t: Template = serde_json::from_str(r#"{"id":"x","name":"n"}"#).unwrap();
        assert_eq!((t.subject.as_str(), t.builtin_key), ("", None));
    }

    fn brace_soup() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                Just("{{".to_string()),
                Just("}}".to_string()),
                Just("{".to_string()),
                Just("}".to_string()),
                Just("|".to_string()),
                Just(" ".to_string()),
                Just("\n".to_string()),
                Just("first_name".to_string()),
                Just("é😀".to_string()),
                "[a-z_]{0,4}",
            ],
            0..24,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn parse_never_panics_and_keeps_braceless_text(s in "\\PC*", soup in brace_soup()) {
            let _ = parse(&soup);
            let _ = fill(&soup, &Values::new().with("first_name", "{{first_name}}"));
            let _ = unknown_placeholders(&soup);
            if !s.contains("{{") {
                let expected = if s.is_empty() { vec![] } else { vec![Segment::Text(s.clone())] };
                prop_assert_eq!(parse(&s), expected);
            }
        }

        #[test]
        fn values_come_out_literally(value in "\\PC*", soup in brace_soup()) {
            prop_assume!(!value.trim().is_empty());
            let v = Values::new().with("first_name", value.clone());
            let f = fill(&format!("<{{{{first_name}}}}>{}", soup.replace("{{", "")), &v);
            let expected = format!("<{value}>");
            prop_assert!(f.to_text().starts_with(&expected));
        }

        #[test]
        fn parsing_is_stable(soup in brace_soup()) {
            // Writing the segments back as template text and parsing again gives the same
            // segments: what the editor shows is what filling will use.
            let segments = parse(&soup);
            let rendered: String = segments.iter().map(|s| match s {
                Segment::Text(t) => t.clone(),
                Segment::Field { name, default: None, .. } => format!("{{{{ {name} }}}}"),
                Segment::Field { name, default: Some(d), .. } => format!("{{{{ {name} | {d} }}}}"),
            }).collect();
            prop_assert_eq!(parse(&rendered), segments);
        }
    }
}
