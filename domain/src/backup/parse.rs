//! Reading a backup file: the whole file is checked before anything is written.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::wording::{
    contact_label, describe, doc_label, duplicate_problem, json_problem, short, typed, typed_at,
    Problems, Seg,
};
use super::{Backup, ImportError, APP, MAX_BACKUP_BYTES};
use crate::model::Contact;
use crate::questions::{AskedLog, ChatPrep, Deck, QuestionBank};
use crate::settings::Settings;
use crate::store::{
    contact_key, doc_key, migrate_record, Document, Migration, CURRENT_SCHEMA, MIGRATIONS,
};
use crate::template::TemplateSet;

/// Reads and checks a backup file's bytes: UTF-8 (with or without a byte-order mark) or UTF-16
/// with a byte-order mark, as some editors save; then [`parse_backup`].
pub fn parse_backup_bytes(bytes: &[u8]) -> Result<Backup, ImportError> {
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let utf16 = |bytes: &[u8], le: bool| -> Option<String> {
        let units: Vec<u16> = bytes
            .chunks(2)
            .map(|p| {
                let pair = [p[0], *p.get(1).unwrap_or(&0)];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).ok()
    };
    let text = match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        _ => std::str::from_utf8(bytes).ok().map(str::to_string),
    };
    match text {
        Some(text) => parse_backup(&text),
        None => Err(ImportError::NotABackup(
            "the file is not text (is it the right file?)".into(),
        )),
    }
}

/// Reads and checks a backup file's text, whole, before anything is written (see the module
/// documentation). A byte-order mark at the start is fine.
pub fn parse_backup(text: &str) -> Result<Backup, ImportError> {
    parse_backup_with(text, MIGRATIONS, CURRENT_SCHEMA)
}

/// [`parse_backup`] with an explicit migration table and current version (tests use their own).
pub(super) fn parse_backup_with(
    text: &str,
    migrations: &[Migration],
    schema: u32,
) -> Result<Backup, ImportError> {
    if text.len() > MAX_BACKUP_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::NotABackup("the file is empty".into()));
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| ImportError::NotABackup(json_problem(text, &e)))?;
    let mut top = match value {
        Value::Object(map) => map,
        Value::Array(_) => {
            return Err(ImportError::NotABackup(
                "the file holds a list, not a backup".into(),
            ))
        }
        other => {
            return Err(ImportError::NotABackup(format!(
                "the file holds only {}",
                describe(&other)
            )))
        }
    };
    match top.get("app") {
        Some(Value::String(app)) if app == APP => {}
        None => {
            return Err(ImportError::NotABackup(
                "it does not say it was made by Weak Ties (its \"app\" field is missing)".into(),
            ))
        }
        Some(other) => {
            return Err(ImportError::NotABackup(format!(
                "it was made by another program (its \"app\" field is {})",
                describe(other)
            )))
        }
    }

    let mut problems = Problems::default();
    let from = match top.get("schema") {
        None => {
            problems.push("the schema version is missing (schema)".into());
            None
        }
        Some(v) => match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(0) | None => {
                problems.push(format!(
                    "expected a schema version (1 or more), found {} (schema)",
                    describe(v)
                ));
                None
            }
            Some(found) if found > schema => return Err(ImportError::NewerSchema { found }),
            Some(found) => Some(found),
        },
    };

    let exported_at = match top.get("exported_at") {
        None => {
            problems.push("the date of the backup is missing (exported_at)".into());
            None
        }
        Some(v) => typed_at::<DateTime<Utc>>(v, &[Seg::Key("exported_at".into())])
            .map_err(|e| problems.push(format!("the date of the backup: {e}")))
            .ok(),
    };

    let contacts = match top.remove("contacts") {
        None => {
            problems.push("the list of contacts is missing (contacts)".into());
            Vec::new()
        }
        Some(Value::Array(list)) => read_contacts(list, from, migrations, schema, &mut problems),
        Some(other) => {
            problems.push(format!(
                "expected a list of contacts, found {} (contacts)",
                describe(&other)
            ));
            Vec::new()
        }
    };

    let docs = match top.remove("docs") {
        None | Some(Value::Null) => BTreeMap::new(),
        Some(Value::Object(map)) => read_docs(map, from, migrations, schema, &mut problems),
        Some(other) => {
            problems.push(format!(
                "expected the documents as a group of fields, found {} (docs)",
                describe(&other)
            ));
            BTreeMap::new()
        }
    };

    problems.into_result()?;
    Ok(Backup {
        app: APP.into(),
        schema,
        // Both are present when there was no problem.
        exported_at: exported_at.unwrap_or_default(),
        contacts,
        docs,
        left_out: Vec::new(),
    })
}

/// Reads every contact of the file, upgraded from version `from` (`None`: unknown, then only
/// their shape is checked as they are); problems go to `problems`.
fn read_contacts(
    list: Vec<Value>,
    from: Option<u32>,
    migrations: &[Migration],
    schema: u32,
    problems: &mut Problems,
) -> Vec<Contact> {
    let mut contacts = Vec::with_capacity(list.len());
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, raw) in list.into_iter().enumerate() {
        let n = i + 1;
        match read_contact(n, raw, from, migrations, schema) {
            Ok(contact) => {
                if let Some(&first) = seen.get(&contact.id) {
                    let who = contact_label(n, Some(&contact.name), Some(&contact.id));
                    problems.push(duplicate_problem(&who, &contact.id, first));
                } else {
                    seen.insert(contact.id.clone(), n);
                    contacts.push(contact);
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    contacts.sort_by(|a, b| a.id.cmp(&b.id));
    contacts
}

/// Reads the `n`th contact of the file.
fn read_contact(
    n: usize,
    raw: Value,
    from: Option<u32>,
    migrations: &[Migration],
    schema: u32,
) -> Result<Contact, String> {
    let Value::Object(mut map) = raw else {
        return Err(format!(
            "contact {n}: expected a contact (a group of fields), found {}",
            describe(&raw)
        ));
    };
    let name = map.get("name").and_then(Value::as_str);
    let id = map.get("id").and_then(Value::as_str);
    let who = contact_label(n, name, id);
    let id = match map.get("id") {
        None => return Err(format!("{who}: its id is missing (id)")),
        Some(Value::String(s)) if s.trim().is_empty() => {
            return Err(format!("{who}: its id is blank (id)"))
        }
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            return Err(format!(
                "{who}: expected text, found {} (id)",
                describe(other)
            ))
        }
    };
    // A stamp on the record itself is not needed: the file's version is the records' version.
    map.remove("schema");
    let body = Value::Object(map);
    let body = match from {
        Some(from) => migrate_record(migrations, &contact_key(&id), body, from, schema)
            .map_err(|e| format!("{who}: it cannot be brought up to date: {e}"))?,
        None => body,
    };
    let contact: Contact = typed(&body).map_err(|e| format!("{who}: {e}"))?;
    if contact.id.trim().is_empty() {
        return Err(format!("{who}: its id is blank (id)"));
    }
    if contact.name.trim().is_empty() {
        return Err(format!("{who}: its name is blank (name)"));
    }
    Ok(contact)
}

/// Reads the documents of the file, upgraded from version `from`; the known ones are checked.
fn read_docs(
    map: Map<String, Value>,
    from: Option<u32>,
    migrations: &[Migration],
    schema: u32,
    problems: &mut Problems,
) -> BTreeMap<String, Value> {
    let mut docs = BTreeMap::new();
    for (name, body) in map {
        let body = match from {
            Some(from) => match migrate_record(migrations, &doc_key(&name), body, from, schema) {
                Ok(body) => body,
                Err(e) => {
                    problems.push(format!(
                        "the {}: it cannot be brought up to date: {e}",
                        short(doc_label(&name))
                    ));
                    continue;
                }
            },
            None => body,
        };
        if let Err(e) = check_known_doc(&name, &body) {
            problems.push(e);
        }
        docs.insert(name, body);
    }
    docs
}

/// Checks the shape of a known document (others are not looked at); the `Err` is the problem.
fn check_known_doc(name: &str, body: &Value) -> Result<(), String> {
    fn check<T: DeserializeOwned>(doc: Document, body: &Value) -> Result<(), String> {
        typed::<T>(body)
            .map(drop)
            .map_err(|e| format!("the {}: {e}", doc.label()))
    }
    let Some(doc) = Document::from_backup_name(name) else {
        return Ok(());
    };
    match doc {
        Document::Settings => check::<Settings>(doc, body),
        Document::Questions => check::<QuestionBank>(doc, body),
        Document::Deck => check::<Deck>(doc, body),
        Document::Asked => check::<AskedLog>(doc, body),
        Document::Templates => check::<TemplateSet>(doc, body),
        Document::Preps => check::<BTreeMap<String, ChatPrep>>(doc, body),
        // Not carried by a backup: a file's copy is skipped as unknown.
        Document::BackupLog => Ok(()),
    }
}
