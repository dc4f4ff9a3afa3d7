//! The plain words of a bad file's problems: what is wrong and where, e.g.
//! `contact 12 (Ada Lovelace): '2024-13-01' is not a date (met_on)`. serde's and serde_json's
//! errors are reworded here ([`typed`], [`json_problem`]); text quoted from the file is shortened
//! and cannot reorder the sentence around it ([`short`]).

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::ImportError;
use crate::store::Document;

/// How many problems of a bad file are kept to show (the count of all of them is kept too).
const MAX_PROBLEMS: usize = 100;

/// How many characters of a name or value from the file a message quotes.
const QUOTE_CHARS: usize = 60;

/// The words for a document of a backup file in messages: its name as it is for a document a
/// backup does not carry.
pub(super) fn doc_label(name: &str) -> &str {
    Document::from_backup_name(name).map_or(name, |doc| doc.label())
}

/// The problems found in a file, the first [`MAX_PROBLEMS`] kept.
#[derive(Default)]
pub(super) struct Problems {
    kept: Vec<String>,
    total: usize,
}

impl Problems {
    pub(super) fn push(&mut self, problem: String) {
        self.total += 1;
        if self.kept.len() < MAX_PROBLEMS {
            self.kept.push(problem);
        }
    }

    pub(super) fn into_result(self) -> Result<(), ImportError> {
        if self.total == 0 {
            Ok(())
        } else {
            Err(ImportError::Invalid {
                problems: self.kept,
                total: self.total,
            })
        }
    }
}

/// A piece of text from the file, fit for a message: at most [`QUOTE_CHARS`] characters, control
/// and direction-override characters replaced by spaces (so a name cannot reorder the sentence
/// around it), then shown between single quotes by the caller.
pub(super) fn short(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == QUOTE_CHARS {
            out.push('…');
            break;
        }
        let bidi_control = matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        out.push(if c.is_control() || bidi_control {
            ' '
        } else {
            c
        });
    }
    out
}

/// `contact 12 (Ada Lovelace)`, or with the id when there is no usable name, or just `contact 12`.
pub(super) fn contact_label(n: usize, name: Option<&str>, id: Option<&str>) -> String {
    match (
        name.filter(|s| !s.trim().is_empty()),
        id.filter(|s| !s.trim().is_empty()),
    ) {
        (Some(name), _) => format!("contact {n} ({})", short(name.trim())),
        (None, Some(id)) => format!("contact {n} (id '{}')", short(id)),
        (None, None) => format!("contact {n}"),
    }
}

pub(super) fn duplicate_problem(who: &str, id: &str, first: usize) -> String {
    format!(
        "{who}: its id '{}' is already used by contact {first} (id)",
        short(id)
    )
}

/// A JSON value in words: `the text 'abc'`, `the number 5`, `a list`...
pub(super) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.is_empty() => "empty text".into(),
        Value::String(s) => format!("the text '{}'", short(s)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a group of fields".into(),
    }
}

/// What serde expected, in words.
pub(super) fn expected_words(expected: &str) -> String {
    let expected = expected.trim();
    let unsigned = matches!(expected, "u8" | "u16" | "u32" | "u64" | "u128" | "usize");
    let signed = matches!(expected, "i8" | "i16" | "i32" | "i64" | "i128" | "isize");
    if expected == "a string" {
        "text".into()
    } else if expected == "a sequence" {
        "a list".into()
    } else if unsigned {
        "a whole number (0 or more)".into()
    } else if signed {
        "a whole number".into()
    } else if expected == "a boolean" {
        "true or false".into()
    } else if expected == "a map" || expected.starts_with("struct ") {
        "a group of fields".into()
    } else if expected.contains("date and time") {
        "a date and time (such as 2026-11-28T09:30:00Z)".into()
    } else if expected.contains("date") {
        "a date (YYYY-MM-DD)".into()
    } else if expected == "string or map" || expected.starts_with("enum ") {
        "one of the allowed words".into()
    } else if expected == "a tuple of size 2" {
        "a pair of values".into()
    } else {
        expected.replace('`', "'")
    }
}

/// One step of a path in a record.
#[derive(Clone, Debug)]
pub(super) enum Seg {
    Key(String),
    Index(usize),
}

/// `interactions, item 2, date`: keys as they are, list positions counted from 1.
pub(super) fn render_path(path: &[Seg]) -> String {
    path.iter()
        .map(|s| match s {
            Seg::Key(k) => short(k),
            Seg::Index(i) => format!("item {}", i + 1),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn value_at<'a>(root: &'a Value, path: &[Seg]) -> Option<&'a Value> {
    path.iter().try_fold(root, |v, seg| match seg {
        Seg::Key(k) => v.get(k),
        Seg::Index(i) => v.get(i),
    })
}

/// The text between the first pair of backquotes in `s`.
pub(super) fn between_backquotes(s: &str) -> Option<&str> {
    let start = s.find('`')? + 1;
    let len = s[start..].find('`')?;
    Some(&s[start..start + len])
}

/// The plain-words form of a serde error `message` about the value at `path` in `root`, itself at
/// `prefix` in the file: `'2024-13-01' is not a date (met_on)`.
pub(super) fn explain(message: &str, prefix: &[Seg], inner: Vec<Seg>, root: &Value) -> String {
    let value = value_at(root, &inner);
    let mut path = prefix.to_vec();
    path.extend(inner);
    let field = path.iter().rev().find_map(|s| match s {
        Seg::Key(k) => Some(k.as_str()),
        Seg::Index(_) => None,
    });
    let is_instant = matches!(field, Some("created_at" | "updated_at" | "exported_at"));
    let chrono_error = [
        "input is out of range",
        "input contains invalid characters",
        "premature end of input",
        "trailing input",
        "input is not enough for unique date and time",
        "no possible date and time matching input",
        "bad or unsupported format string",
    ]
    .iter()
    .any(|m| message.starts_with(m));

    let what = if let Some(rest) = message.strip_prefix("missing field ") {
        let name = between_backquotes(rest).unwrap_or(rest).to_string();
        path.push(Seg::Key(name));
        "a required field is missing".to_string()
    } else if chrono_error {
        let shown = match value {
            Some(Value::String(s)) => format!("'{}'", short(s)),
            Some(other) => describe(other),
            None => "the value".into(),
        };
        if is_instant {
            format!("{shown} is not a date and time")
        } else {
            format!("{shown} is not a date")
        }
    } else if let Some(rest) = message.strip_prefix("unknown variant ") {
        // The word as it is in the file (the message would be cut at a backquote in it).
        let word = match value {
            Some(Value::String(s)) => s.as_str(),
            _ => between_backquotes(rest).unwrap_or_default(),
        };
        let allowed = rest
            .rsplit_once(", expected ")
            .map(|(_, list)| list.replace('`', ""))
            .unwrap_or_default();
        let allowed = allowed
            .strip_prefix("one of ")
            .unwrap_or(&allowed)
            .to_string();
        if allowed.is_empty() {
            format!("'{}' is not an allowed value", short(word))
        } else {
            format!("'{}' is not one of {allowed}", short(word))
        }
    } else if let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.rsplit_once(", expected "))
    {
        let found = match value {
            Some(v) => describe(v),
            None => found.replace('`', "'"),
        };
        format!("expected {}, found {found}", expected_words(expected))
    } else if let Some(rest) = message.strip_prefix("invalid length ") {
        match rest.split_once(", expected ") {
            Some((len, expected)) => format!(
                "expected {}, found a list of {len}",
                expected_words(expected)
            ),
            None => message.replace('`', "'"),
        }
    } else {
        message.replace('`', "'")
    };
    let at = render_path(&path);
    if at.is_empty() {
        what
    } else {
        format!("{what} ({at})")
    }
}

/// Reads a `T` from JSON; the `Err` says what is wrong and where, in plain words.
pub(super) fn typed<T: DeserializeOwned>(value: &Value) -> Result<T, String> {
    typed_at(value, &[])
}

/// [`typed`] for a value found at `prefix` in the file, which the message names.
pub(super) fn typed_at<T: DeserializeOwned>(value: &Value, prefix: &[Seg]) -> Result<T, String> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let inner: Vec<Seg> = e
            .path()
            .iter()
            .filter_map(|s| match s {
                serde_path_to_error::Segment::Seq { index } => Some(Seg::Index(*index)),
                serde_path_to_error::Segment::Map { key } => Some(Seg::Key(key.clone())),
                serde_path_to_error::Segment::Enum { variant } => Some(Seg::Key(variant.clone())),
                serde_path_to_error::Segment::Unknown => None,
            })
            .collect();
        explain(&e.inner().to_string(), prefix, inner, value)
    })
}

/// What is wrong with text that is not JSON, in words, with its place.
pub(super) fn json_problem(text: &str, e: &serde_json::Error) -> String {
    // serde_json counts a position just after a line break as column 0.
    let at = format!("line {}, column {}", e.line(), e.column().max(1));
    let message = e.to_string();
    let head = text.trim_start();
    if text.contains('\0') || text.contains('\u{FFFD}') {
        "the file is not text (is it the right file?)".into()
    } else if head
        .get(..11)
        .is_some_and(|start| start.eq_ignore_ascii_case("BEGIN:VCARD"))
    {
        "the file is a vCard (contacts from a phone or a mail program); import it as contacts \
         instead"
            .into()
    } else if e.classify() == serde_json::error::Category::Eof {
        format!("the file is not valid JSON: it ends too early, as if it was cut off ({at})")
    } else if message.starts_with("recursion limit exceeded") {
        format!("the file is nested too deeply ({at})")
    } else if message.starts_with("number out of range") {
        format!("the file is not valid JSON: a number is too large ({at})")
    } else {
        format!("the file is not valid JSON ({at})")
    }
}
