//! Placeholders: the ones the app knows how to fill ([`Placeholder`]), and parsing template text
//! into literal text and placeholders in one pass ([`parse`]).

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
pub(super) fn canonical_name(name: &str) -> String {
    match Placeholder::from_key(name) {
        Some(p) => p.key().to_string(),
        None => name.trim().to_string(),
    }
}

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
