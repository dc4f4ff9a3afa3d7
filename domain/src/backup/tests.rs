use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;
use serde_json::{json, Value};

use super::parse::parse_backup_with;
use super::*;
use crate::model::{Contact, FollowUp, FollowUpKind, Interaction, InteractionKind, TieStrength};
use crate::questions::{
    AskedLog, Category, ChatPrep, Deck, PrepQuestion, Question, QuestionBank,
    BUILTINS as BUILTIN_QUESTIONS,
};
use crate::settings::Settings;
use crate::store::{
    BatchWrite, Document, KeyValue, MemoryStore, Migration, Repo, SaveError, StoreError,
    CONTACT_PREFIX, CURRENT_SCHEMA,
};
use crate::template::{Me, Template, TemplateSet};
use crate::test_support::two_steps;

fn t(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000 + secs, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn person(id: &str, name: &str, updated: i64) -> Contact {
    let mut c = Contact::new(name, t(0));
    c.id = id.into();
    c.updated_at = t(updated);
    c
}

/// The settings of a user named Sam, with no signature and no talking points.
fn sams_settings() -> Settings {
    Settings {
        me: Me {
            name: "Sam".into(),
            ..Me::default()
        },
        ..Default::default()
    }
}

/// A backup of the current schema, exported at `exported_at`.
fn backup_of(
    exported_at: DateTime<Utc>,
    contacts: Vec<Contact>,
    docs: BTreeMap<String, Value>,
) -> Backup {
    Backup {
        app: APP.into(),
        schema: CURRENT_SCHEMA,
        exported_at,
        contacts,
        docs,
        left_out: vec![],
    }
}

/// A store with two contacts and every document, as the app leaves it.
fn populated() -> MemoryStore {
    let store = MemoryStore::new();
    let (repo, _) = Repo::open(&store).unwrap();
    let mut ada = person("c-ada", "Ada Lovelace", 100);
    ada.rev = 4;
    ada.organization = "Analytical Engines".into();
    repo.restore_contact(&ada).unwrap();
    repo.restore_contact(&person("c-zed", "Zed Zuse", 50))
        .unwrap();
    let settings = sams_settings();
    repo.save_doc(Document::Settings, &settings).unwrap();
    let bank = QuestionBank::default();
    repo.save_doc(Document::Questions, &bank).unwrap();
    repo.save_doc(Document::Deck, &Deck::new(7, &bank)).unwrap();
    repo.save_doc(Document::Asked, &AskedLog::default())
        .unwrap();
    repo.save_doc(Document::Templates, &TemplateSet::with_builtins())
        .unwrap();
    store
}

/// A message fit for the user: some words, no Rust debug output or serde jargon.
fn assert_clear(message: &str) {
    assert!(message.len() > 20, "too short: {message:?}");
    assert!(message.len() < 1200, "too long: {message:?}");
    for noise in [
        "Error(",
        "Some(",
        "`",
        "u64",
        "usize",
        "struct ",
        "invalid type",
        "invalid value",
        "missing field",
        "unknown variant",
        "\\\"",
        "sequence",
    ] {
        assert!(!message.contains(noise), "{noise:?} in {message:?}");
    }
    assert!(!message.contains('\n'), "{message:?}");
}

/// Parses `bytes` as the app does, expecting a refusal; checks its message and that storage is
/// unchanged. Returns the message.
fn refused(bytes: &[u8]) -> String {
    let store = populated();
    let before = store.snapshot();
    let err = parse_backup_bytes(bytes).expect_err("should be refused");
    let message = err.to_string();
    assert_clear(&message);
    // The lossy text path (what a browser's File.text() gives) refuses too.
    let lossy = parse_backup(&String::from_utf8_lossy(bytes));
    assert!(lossy.is_err(), "lossy text accepted: {message}");
    assert_clear(&lossy.unwrap_err().to_string());
    assert_eq!(store.snapshot(), before);
    message
}

/// Parses and imports `bytes` into a populated store, expecting success.
fn accepted(bytes: &[u8]) -> (Backup, ImportReport, MemoryStore) {
    let backup = parse_backup_bytes(bytes).unwrap_or_else(|e| panic!("refused: {e}"));
    let store = populated();
    let (repo, _) = Repo::open(&store).unwrap();
    let report = repo.import_backup(&backup).unwrap();
    let (_, loaded) = Repo::open(&store).unwrap();
    assert!(loaded.quarantined.is_empty(), "{:?}", loaded.quarantined);
    (backup, report, store)
}

// --- the file -------------------------------------------------------------------------------

#[test]
fn file_name() {
    assert_eq!(
        backup_file_name(day(2026, 11, 28)),
        "weak-ties-backup-2026-11-28.json"
    );
    assert_eq!(
        backup_file_name(day(2027, 1, 5)),
        "weak-ties-backup-2027-01-05.json"
    );
}

#[test]
fn export_is_sorted_pretty_and_parses_back() {
    let store = populated();
    let (repo, _) = Repo::open(&store).unwrap();
    repo.restore_contact(&person("c-bob", "Bob", 10)).unwrap();
    // The backup log stays on this device.
    repo.save_doc(
        Document::BackupLog,
        &json!({"last_backup": "2023-11-14T22:00:00Z"}),
    )
    .unwrap();
    let backup = repo.export_backup(t(500)).unwrap();
    let ids: Vec<&str> = backup.contacts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["c-ada", "c-bob", "c-zed"]);
    assert_eq!(
        backup.docs.keys().collect::<Vec<_>>(),
        ["asked", "deck", "questions", "settings", "templates"]
    );
    assert!(backup.left_out.is_empty());
    let text = backup.to_json();
    assert!(text.starts_with("{\n  \"app\": \"weak-ties\",\n  \"schema\": 1,\n"));
    assert!(text.contains("\"exported_at\": \"2023-11-14T22:21:40Z\""));
    assert_eq!(parse_backup(&text).unwrap(), backup);
    // Exporting writes nothing.
    let before = store.snapshot();
    store.set_fail_writes(true);
    repo.export_backup(t(501)).unwrap();
    assert_eq!(store.snapshot(), before);
}

#[test]
fn export_leaves_out_unreadable_records_and_says_so() {
    let store = populated();
    store.set("wt:contact:broken", "{not json").unwrap();
    store.set("wt:doc:preps", "[1,2]").unwrap();
    store.set("other-app:key", "x").unwrap();
    let (repo, _) = Repo::open(&store).unwrap();
    let backup = repo.export_backup(t(1)).unwrap();
    assert_eq!(backup.left_out, ["wt:contact:broken", "wt:doc:preps"]);
    assert_eq!(backup.contacts.len(), 2);
    assert!(!backup.to_json().contains("left_out"));
}

// --- the corpus of bad and odd files ----------------------------------------------------------

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/backups")
}

/// Every refused fixture and a piece of its message.
const REFUSED: &[(&str, &str)] = &[
    ("reject-empty.json", "This is not a Weak Ties backup: the file is empty."),
    ("reject-whitespace.json", "the file is empty"),
    ("reject-null.json", "the file holds only null"),
    ("reject-array.json", "the file holds a list, not a backup"),
    ("reject-contacts-array.json", "the file holds a list, not a backup"),
    ("reject-string.json", "the file holds only the text 'weak-ties'"),
    ("reject-number.json", "the file holds only the number 42"),
    ("reject-true.json", "the file holds only true"),
    ("reject-truncated.json", "it ends too early, as if it was cut off (line "),
    ("reject-truncated-in-string.json", "it ends too early"),
    ("reject-trailing-garbage.json", "the file is not valid JSON (line "),
    ("reject-single-quotes.json", "the file is not valid JSON (line 1, column 2)"),
    ("reject-trailing-comma.json", "the file is not valid JSON (line 1, column 50)"),
    ("reject-comments.json", "the file is not valid JSON (line 1, column 1)"),
    ("reject-lone-surrogate.json", "the file is not valid JSON (line 8, column 30)"),
    ("reject-raw-newline-in-string.json", "the file is not valid JSON (line 9, column 1)"),
    ("reject-number-too-large.json", "a number is too large (line "),
    ("reject-vcard.vcf", "the file is a vCard"),
    ("reject-contacts.csv", "the file is not valid JSON (line 1, column 2)"),
    ("reject-page.html", "the file is not valid JSON (line 1, column 1)"),
    ("reject-garbage.bin", "the file is not text"),
    ("reject-nul-bytes.json", "the file is not text"),
    ("reject-no-app.json", "it does not say it was made by Weak Ties"),
    ("reject-other-app.json", "made by another program (its \"app\" field is the text 'other-crm')"),
    ("reject-app-number.json", "made by another program (its \"app\" field is the number 1)"),
    ("reject-future-schema.json", "made by a newer version of Weak Ties (schema 99; this version reads up to 1)"),
    ("reject-schema-string.json", "Expected a schema version (1 or more), found the text '1' (schema)."),
    ("reject-schema-zero.json", "found the number 0 (schema)"),
    ("reject-schema-negative.json", "found the number -1 (schema)"),
    ("reject-schema-fraction.json", "found the number 1.5 (schema)"),
    ("reject-schema-missing.json", "The schema version is missing (schema)."),
    ("reject-exported-at-missing.json", "The date of the backup is missing (exported_at)."),
    ("reject-exported-at-invalid.json", "The date of the backup: '28/11/2026' is not a date and time (exported_at)."),
    ("reject-contacts-missing.json", "The list of contacts is missing (contacts)."),
    ("reject-contacts-object.json", "Expected a list of contacts, found a group of fields (contacts)."),
    ("reject-contact-string.json", "Contact 1: expected a contact (a group of fields), found the text 'Ada Lovelace'."),
    ("reject-contact-null.json", "Contact 2: expected a contact (a group of fields), found null."),
    ("reject-duplicate-ids.json", "Contact 3 (Ada Again): its id 'c-ada' is already used by contact 1 (id)."),
    ("reject-blank-id.json", "Contact 1 (Ada Lovelace): its id is blank (id)."),
    ("reject-missing-id.json", "Contact 1 (Ada Lovelace): its id is missing (id)."),
    ("reject-id-number.json", "Contact 1 (Ada Lovelace): expected text, found the number 12 (id)."),
    ("reject-missing-name.json", "Contact 1 (id 'c-ada'): a required field is missing (name)."),
    ("reject-blank-name.json", "Contact 1 (id 'c-ada'): its name is blank (name)."),
    ("reject-name-list.json", "Contact 1 (id 'c-ada'): expected text, found a list (name)."),
    ("reject-met-on-month-13.json", "Contact 2 (Ada Lovelace): '2024-13-01' is not a date (met_on). Nothing was imported."),
    ("reject-interaction-feb-30.json", "Contact 1 (Ada Lovelace): '2024-02-30' is not a date (interactions, item 1, date)."),
    ("reject-interaction-kind.json", "'lunch' is not one of met, chat, call, message, thank_you_sent, note (interactions, item 1, kind)"),
    ("reject-created-at-word.json", "Contact 1 (Ada Lovelace): 'yesterday' is not a date and time (created_at)."),
    ("reject-updated-at-missing.json", "a required field is missing (updated_at)"),
    ("reject-follow-up-no-due.json", "a required field is missing (follow_ups, item 1, due)"),
    ("reject-done-on-bool.json", "expected a date (YYYY-MM-DD), found true (follow_ups, item 1, done_on)"),
    ("reject-negative-rev.json", "expected a whole number (0 or more), found the number -1 (rev)"),
    ("reject-huge-rev.json", "expected a whole number (0 or more), found the number 1e+300 (rev)"),
    ("reject-rev-overflow.json", "expected a whole number (0 or more), found the number 1.8446744073709552e+19 (rev)"),
    ("reject-rev-string.json", "expected a whole number (0 or more), found the text '3' (rev)"),
    ("reject-unknown-tie.json", "'close' is not one of weak, medium, strong (tie)"),
    ("reject-tie-null.json", "expected one of the allowed words, found null (tie)"),
    ("reject-cadence-daily.json", "'daily' is not one of two_weeks, month, quarter, half_year, year (cadence)"),
    ("reject-emails-string.json", "expected a list, found the text 'ada@example.org' (emails)"),
    ("reject-email-number.json", "expected text, found the number 7 (emails, item 2)"),
    ("reject-many-problems.json", "Contact 1 (Ada Lovelace): expected a whole number (0 or more), found the number -1 (rev). 2 more problems were found. Nothing was imported."),
    ("reject-docs-list.json", "Expected the documents as a group of fields, found a list (docs)."),
    ("reject-settings-name-number.json", "The settings: expected text, found the number 5 (me, name)."),
    ("reject-questions-category.json", "The questions: 'colour' is not one of role_and_day, path_and_background, organization, field_and_trends, advice_and_next_steps, people_to_talk_to (own, item 1, category)."),
    ("reject-templates-not-list.json", "The templates: expected a list, found the text 'x' (templates)."),
    ("reject-deck-negative-position.json", "The question deck: expected a whole number (0 or more), found the number -3 (position)."),
    ("reject-asked-number.json", "The questions asked: expected a list, found the number 3 (by_contact, c-ada)."),
    ("reject-preps-list.json", "The chat preparations: expected a group of fields, found a list."),
];

#[test]
fn every_refused_fixture_gives_its_message_and_changes_nothing() {
    for (file, expected) in REFUSED {
        let bytes = std::fs::read(fixtures_dir().join(file)).unwrap();
        let message = refused(&bytes);
        assert!(
            message.contains(expected),
            "{file}:\n  got      {message}\n  expected {expected}"
        );
    }
}

#[test]
fn the_corpus_is_large_and_every_fixture_is_checked() {
    let mut files: Vec<String> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    let refused: Vec<&str> = REFUSED.iter().map(|(f, _)| *f).collect();
    for file in &files {
        assert!(
            refused.contains(&file.as_str()) || file.starts_with("accept-"),
            "{file} is not checked by any test"
        );
    }
    for file in &refused {
        assert!(files.iter().any(|f| f == file), "{file} is missing");
    }
    assert!(refused.len() >= 30);
}

#[test]
fn every_accepted_fixture_imports() {
    let files: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("accept-")
        })
        .collect();
    assert!(files.len() >= 8);
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let (backup, report, _) = accepted(&bytes);
        assert_eq!(
            report.added + report.updated + report.unchanged + report.skipped,
            backup.contacts.len(),
            "{path:?}"
        );
    }
}

#[test]
fn a_byte_order_mark_and_windows_line_ends_are_fine() {
    let plain = std::fs::read(fixtures_dir().join("accept-crlf.json")).unwrap();
    let with_bom = std::fs::read(fixtures_dir().join("accept-bom.json")).unwrap();
    let utf16 = std::fs::read(fixtures_dir().join("accept-utf16le-bom.json")).unwrap();
    let a = parse_backup_bytes(&plain).unwrap();
    assert_eq!(parse_backup_bytes(&with_bom).unwrap(), a);
    assert_eq!(
        parse_backup(&String::from_utf8_lossy(&with_bom)).unwrap(),
        a
    );
    assert_eq!(parse_backup_bytes(&utf16).unwrap(), a);
    assert_eq!(a.contacts.len(), 2);
}

#[test]
fn markup_and_script_are_kept_literally_everywhere() {
    let bytes = std::fs::read(fixtures_dir().join("accept-markup.json")).unwrap();
    let m = r#"<script>alert("x")</script><img src=x onerror=alert(1)>&amp;{{first_name}}"#;
    let store = MemoryStore::new();
    let (repo, _) = Repo::open(&store).unwrap();
    let backup = parse_backup_bytes(&bytes).unwrap();
    let report = repo.import_backup(&backup).unwrap();
    assert_eq!(report.added, 1);
    let c = repo.reload_contact("c-<b>").unwrap().unwrap();
    for field in [
        &c.name,
        &c.role,
        &c.organization,
        &c.emails[0],
        &c.phones[0],
        &c.linkedin,
        &c.links[0],
        &c.where_met,
        &c.how_met,
        &c.tags[0],
        &c.notes,
        &c.interactions[0].summary,
        &c.follow_ups[0].text,
    ] {
        assert_eq!(field, m);
    }
    assert_eq!(c.introduced_by.as_deref(), Some(m));
    let settings: Settings = repo.load_doc(Document::Settings).unwrap().unwrap();
    assert_eq!(
        (
            settings.me.name.as_str(),
            settings.talking_points[0].as_str()
        ),
        (m, m)
    );
    let templates: TemplateSet = repo.load_doc(Document::Templates).unwrap().unwrap();
    assert_eq!(templates.templates[0].body, m);
    let preps: BTreeMap<String, ChatPrep> = repo.load_doc(Document::Preps).unwrap().unwrap();
    assert_eq!(preps[m].questions[0].answer, m);
    // And back out, unchanged.
    let again = parse_backup(&repo.export_backup(t(1)).unwrap().to_json()).unwrap();
    assert_eq!(again.contacts, backup.contacts);
}

#[test]
fn right_to_left_text_and_emoji_are_fine() {
    let bytes = std::fs::read(fixtures_dir().join("accept-rtl-emoji.json")).unwrap();
    let (_, report, store) = accepted(&bytes);
    assert_eq!(report.added, 4);
    let (repo, _) = Repo::open(&store).unwrap();
    assert_eq!(
        repo.reload_contact("c-layla").unwrap().unwrap().name,
        "ليلى عبد الله"
    );
    assert_eq!(
        repo.reload_contact("c-emoji").unwrap().unwrap().name,
        "👩🏽‍🔬 Ada 🇬🇧"
    );
    assert_eq!(
        repo.reload_contact("c-override").unwrap().unwrap().name,
        "\u{202e}evil\u{202c} Name"
    );
}

#[test]
fn names_in_messages_are_shortened_and_cannot_reorder_them() {
    let long = "n".repeat(100_000);
    let text = json!({"app": "weak-ties", "schema": 1, "exported_at": "2026-11-28T09:30:00Z",
        "contacts": [{"id": "x", "name": format!("\u{202e}{long}"), "met_on": "2024-13-01",
            "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z"}]})
    .to_string();
    let message = refused(text.as_bytes());
    assert!(message.starts_with("Contact 1 ( nnnn"), "{message}");
    assert!(
        message.contains("nnn…): '2024-13-01' is not a date (met_on)"),
        "{message}"
    );
    assert!(!message.contains('\u{202e}'));
}

#[test]
fn unknown_documents_are_skipped_and_counted() {
    let bytes = std::fs::read(fixtures_dir().join("accept-unknown-doc.json")).unwrap();
    let (backup, report, store) = accepted(&bytes);
    assert!(backup.docs.contains_key("reminders"));
    assert_eq!(report.docs_unknown, ["reminders"]);
    assert!(!store.snapshot().contains_key("wt:doc:reminders"));
    assert!(report.to_string().ends_with("; 1 unknown document skipped"));
}

// --- generated hostile inputs -----------------------------------------------------------------

fn valid_text(contacts: Vec<Value>) -> String {
    json!({"app": "weak-ties", "schema": 1, "exported_at": "2026-11-28T09:30:00Z",
        "contacts": contacts, "docs": {}})
    .to_string()
}

fn contact_json(id: &str, name: &str) -> Value {
    json!({"id": id, "name": name, "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-01-01T00:00:00Z", "rev": 1})
}

#[test]
fn a_file_over_the_limit_is_refused_before_parsing() {
    // Not JSON at all, and nested deeper than any parser allows: only the size is looked at.
    let huge = "[".repeat(MAX_BACKUP_BYTES + 1);
    for err in [
        parse_backup(&huge).unwrap_err(),
        parse_backup_bytes(huge.as_bytes()).unwrap_err(),
    ] {
        assert_eq!(
            err,
            ImportError::TooLarge {
                bytes: MAX_BACKUP_BYTES + 1
            }
        );
        let message = err.to_string();
        assert_clear(&message);
        assert!(
            message.contains("too large")
                && message.contains("(20.0 MB; a backup is at most 20 MB)"),
            "{message}"
        );
    }
}

#[test]
fn a_10_mb_backup_is_read_and_a_full_storage_refuses_it_whole() {
    let notes = "a".repeat(500_000);
    let contacts: Vec<Value> = (0..20)
        .map(|i| {
            let mut c = contact_json(&format!("big-{i:02}"), &format!("Big {i}"));
            c["notes"] = json!(notes);
            c
        })
        .collect();
    let text = valid_text(contacts);
    assert!(text.len() > 10_000_000);
    let backup = parse_backup(&text).unwrap();
    assert_eq!(backup.contacts.len(), 20);

    // With room for a few kilobytes more (records are stored compressed, and these repetitive
    // notes compress well), the import cannot fit, and nothing of it stays.
    let store = populated();
    store.set_quota(Some(store.used() + 2_000));
    let before = store.snapshot();
    let (repo, _) = Repo::open(&store).unwrap();
    let err = repo.import_backup(&backup).unwrap_err();
    assert_eq!(
        err,
        ImportError::NotSaved(SaveError::Store(StoreError::Full))
    );
    assert_clear(&err.to_string());
    assert!(err.to_string().contains("your data is as it was"));
    assert_eq!(store.snapshot(), before);
}

#[test]
fn ten_megabytes_of_garbage_are_not_text() {
    let mut seed = 12345u64;
    let bytes: Vec<u8> = (0..10_000_000)
        .map(|_| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 56) as u8
        })
        .collect();
    let message = refused(&bytes);
    assert!(message.contains("the file is not text"), "{message}");
}

#[test]
fn a_100000_character_line() {
    // Of garbage: refused.
    let message = refused("a".repeat(100_000).as_bytes());
    assert!(
        message.contains("not valid JSON (line 1, column 1)"),
        "{message}"
    );
    // In a field: fine, kept whole.
    let mut c = contact_json("long", &"L".repeat(100_000));
    c["notes"] = json!("x".repeat(100_000));
    let text = valid_text(vec![c]);
    assert!(!text.contains('\n'));
    let (backup, report, _) = accepted(text.as_bytes());
    assert_eq!(report.added, 1);
    assert_eq!(backup.contacts[0].name.len(), 100_000);
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    for text in [
        "[".repeat(100_000),
        "{\"a\":".repeat(100_000),
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
    ] {
        let message = refused(text.as_bytes());
        assert!(message.contains("nested too deeply"), "{message}");
    }
    // Inside a contact.
    let mut c = contact_json("deep", "Deep");
    let text = valid_text(vec![c.clone()]).replace(
        "\"rev\":1",
        &format!(
            "\"rev\":1,\"notes\":{}1{}",
            "[".repeat(5000),
            "]".repeat(5000)
        ),
    );
    assert!(refused(text.as_bytes()).contains("nested too deeply"));
    // Moderately deep (under the limit) in a field of the wrong type: a clear message.
    let mut deep = json!("x");
    for _ in 0..100 {
        deep = json!([deep]);
    }
    c["notes"] = deep;
    let message = refused(valid_text(vec![c]).as_bytes());
    assert!(
        message.contains("Contact 1 (Deep): expected text, found a list (notes)."),
        "{message}"
    );
}

#[test]
fn many_problems_are_counted_and_the_first_ones_kept() {
    let contacts: Vec<Value> = (0..5000)
        .map(|i| {
            let mut c = contact_json(&format!("c{i}"), &format!("Person {i}"));
            c["met_on"] = json!("2024-02-31");
            c
        })
        .collect();
    let err = parse_backup(&valid_text(contacts)).unwrap_err();
    assert_eq!(err.problems().len(), 100);
    assert_eq!(
        err.problems()[1],
        "contact 2 (Person 1): '2024-02-31' is not a date (met_on)"
    );
    let message = err.to_string();
    assert_clear(&message);
    assert!(
        message.ends_with("(met_on). 4999 more problems were found. Nothing was imported."),
        "{message}"
    );
}

#[test]
fn a_bad_record_anywhere_means_nothing_is_written() {
    let mut contacts: Vec<Value> = (0..50)
        .map(|i| contact_json(&format!("ok-{i}"), "Fine"))
        .collect();
    let mut bad = contact_json("bad", "Last One");
    bad["follow_ups"] = json!([{"id": "f", "kind": "thank_you", "due": "2024-04-31"}]);
    contacts.push(bad);
    let message = refused(valid_text(contacts).as_bytes());
    assert!(
        message.contains(
            "Contact 51 (Last One): '2024-04-31' is not a date (follow_ups, item 1, due)."
        ),
        "{message}"
    );
}

#[test]
fn a_newer_schema_is_refused_with_advice() {
    let text = valid_text(vec![]).replace("\"schema\":1", "\"schema\":2");
    let err = parse_backup(&text).unwrap_err();
    assert_eq!(err, ImportError::NewerSchema { found: 2 });
    assert!(err.to_string().contains("newer version of Weak Ties"));
    assert!(err.to_string().contains("Reload the page"));
    // Even a version too large for the counter.
    let text = valid_text(vec![]).replace("\"schema\":1", "\"schema\":99999999999");
    assert!(refused(text.as_bytes()).contains("found the number 99999999999 (schema)"));
}

// --- older schemas go through the migrations ----------------------------------------------------

/// A test history: v1 contacts had `full_name`, v2 `company`; v1 settings had `my_name`.
fn v1_to_v2(key: &str, mut record: Value) -> Result<Value, String> {
    if key.starts_with(CONTACT_PREFIX) {
        let map = record.as_object_mut().ok_or("not an object")?;
        let name = map.remove("full_name").ok_or("it has no full_name")?;
        if !name.is_string() {
            return Err("its full_name is not text".into());
        }
        map.insert("name".into(), name);
    } else if key == "wt:doc:settings" {
        let map = record.as_object_mut().ok_or("not an object")?;
        let name = map.remove("my_name").unwrap_or(json!(""));
        map.insert("me".into(), json!({"name": name}));
    }
    Ok(record)
}

fn v2_to_v3(key: &str, mut record: Value) -> Result<Value, String> {
    if key.starts_with(CONTACT_PREFIX) {
        let map = record.as_object_mut().ok_or("not an object")?;
        if let Some(company) = map.remove("company") {
            map.insert("organization".into(), company);
        }
    }
    Ok(record)
}

const TEST_MIGRATIONS: &[Migration] = &two_steps(v1_to_v2, v2_to_v3);

fn old_backup(schema: u32, contact: Value, settings: Value) -> String {
    json!({"app": "weak-ties", "schema": schema, "exported_at": "2020-01-01T00:00:00Z",
        "contacts": [contact], "docs": {"settings": settings, "deck": {}}})
    .to_string()
}

#[test]
fn an_older_backup_is_upgraded_through_the_migrations() {
    let v1 = old_backup(
        1,
        json!({"id": "a", "full_name": "Ada", "company": "Engines", "created_at": "2020-01-01T00:00:00Z",
            "updated_at": "2020-01-01T00:00:00Z"}),
        json!({"my_name": "Sam"}),
    );
    let backup = parse_backup_with(&v1, TEST_MIGRATIONS, 3).unwrap();
    assert_eq!(backup.schema, 3);
    let c = &backup.contacts[0];
    assert_eq!(
        (c.name.as_str(), c.organization.as_str()),
        ("Ada", "Engines")
    );
    assert_eq!(backup.docs["settings"], json!({"me": {"name": "Sam"}}));

    // From v2, only the second step runs.
    let v2 = old_backup(
        2,
        json!({"id": "a", "name": "Ada", "company": "Engines", "created_at": "2020-01-01T00:00:00Z",
            "updated_at": "2020-01-01T00:00:00Z", "schema": 2}),
        json!({"me": {"name": "Sam"}}),
    );
    let b2 = parse_backup_with(&v2, TEST_MIGRATIONS, 3).unwrap();
    assert_eq!(b2.contacts, backup.contacts);

    // It then imports like any other.
    let store = MemoryStore::new();
    let (repo, _) = Repo::open(&store).unwrap();
    let report = repo.import_backup(&backup).unwrap();
    assert_eq!((report.added, report.docs_changed.len()), (1, 2));
    assert_eq!(
        repo.reload_contact("a").unwrap().unwrap().organization,
        "Engines"
    );
}

#[test]
fn a_record_that_cannot_be_upgraded_is_a_clear_problem() {
    let v1 = old_backup(
        1,
        json!({"id": "a", "full_name": 7, "created_at": "2020-01-01T00:00:00Z",
            "updated_at": "2020-01-01T00:00:00Z"}),
        json!({}),
    );
    let err = parse_backup_with(&v1, TEST_MIGRATIONS, 3).unwrap_err();
    assert_eq!(
        err.problems(),
        [
            "contact 1 (id 'a'): it cannot be brought up to date: upgrading it from version 1 \
          failed: its full_name is not text"
        ]
    );
    assert_clear(&err.to_string());
    // A backup newer than the test schema.
    let v4 = old_backup(4, json!({}), json!({}));
    assert_eq!(
        parse_backup_with(&v4, TEST_MIGRATIONS, 3).unwrap_err(),
        ImportError::NewerSchema { found: 4 }
    );
}

// --- merging ------------------------------------------------------------------------------------

#[test]
fn merge_by_id_counts_and_keeps_everything_else() {
    let store = populated();
    let (repo, _) = Repo::open(&store).unwrap();
    // Stored: ada (updated at 100, rev 4), zed (50), plus:
    repo.restore_contact(&person("c-same", "Same", 10)).unwrap();
    repo.restore_contact(&person("c-mine-newer", "Mine, newer", 300))
        .unwrap();
    let stored_ada = repo.reload_contact("c-ada").unwrap().unwrap();

    let mut newer_ada = stored_ada.clone();
    newer_ada.notes = "From the backup".into();
    newer_ada.updated_at = t(200);
    newer_ada.rev = 2; // a different history: its revision does not matter
    let mut same = person("c-same", "Same", 10);
    same.rev = 9;
    let mut older = person("c-mine-newer", "Theirs, older", 250);
    older.rev = 1;
    let backup = backup_of(
        t(1000),
        vec![newer_ada.clone(), person("c-new", "New", 5), older, same],
        BTreeMap::new(),
    );
    let preview = repo.preview_import(&backup).unwrap();
    let before = store.snapshot();
    let report = repo.import_backup(&backup).unwrap();
    assert_eq!(preview, report);
    assert_eq!(
        (
            report.added,
            report.updated,
            report.unchanged,
            report.skipped
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(
        report.to_string(),
        "1 added, 1 updated, 1 unchanged, 1 skipped (older than yours)"
    );
    assert!(report.changed_anything());

    // Updated: the backup's data, written after the stored revision, its own updated_at kept.
    let ada = repo.reload_contact("c-ada").unwrap().unwrap();
    assert_eq!(
        ada,
        Contact {
            rev: 5,
            ..newer_ada
        }
    );
    assert_eq!(repo.reload_contact("c-new").unwrap().unwrap().name, "New");
    assert_eq!(
        repo.reload_contact("c-mine-newer").unwrap().unwrap().name,
        "Mine, newer"
    );
    assert_eq!(repo.reload_contact("c-same").unwrap().unwrap().rev, 0);
    // Not in the backup: untouched. Only the added and the updated contact were written.
    let after = store.snapshot();
    let changed: Vec<&String> = after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert_eq!(changed, ["wt:contact:c-ada", "wt:contact:c-new"]);

    // The same again: nothing left to do.
    let again = repo.import_backup(&backup).unwrap();
    assert_eq!(
        (again.added, again.updated, again.unchanged, again.skipped),
        (0, 0, 3, 1)
    );
    assert!(!again.changed_anything());
    assert_eq!(store.snapshot(), after);
}

#[test]
fn an_unreadable_stored_record_is_not_overwritten() {
    let store = populated();
    store.set("wt:contact:c-bad", "{broken").unwrap();
    store
        .set("wt:doc:settings", "{\"schema\":1,\"doc\":{\"me\":3}}")
        .unwrap();
    let (repo, _) = Repo::open(&store).unwrap();
    let before = store.snapshot();
    let backup = backup_of(
        t(0),
        vec![person("c-bad", "Bad", 1)],
        BTreeMap::from([("settings".to_string(), json!({"me": {"name": "X"}}))]),
    );
    let report = repo.import_backup(&backup).unwrap();
    assert_eq!(
        report.kept_unreadable,
        ["wt:contact:c-bad", "wt:doc:settings"]
    );
    assert_eq!(
        report.added + report.updated + report.unchanged + report.skipped,
        0
    );
    assert_eq!(store.snapshot(), before);
    assert!(report
        .to_string()
        .ends_with("; 2 unreadable records left as they were"));
}

#[test]
fn a_typed_backup_is_checked_too() {
    let store = populated();
    let (repo, _) = Repo::open(&store).unwrap();
    let before = store.snapshot();
    let backup = backup_of(
        t(0),
        vec![
            person("x", "X", 1),
            person("x", "Y", 1),
            person(" ", "Z", 1),
            person("w", "", 1),
        ],
        BTreeMap::from([("deck".to_string(), json!({"seed": "seven"}))]),
    );
    let err = repo.import_backup(&backup).unwrap_err();
    assert_eq!(
        err.problems(),
        [
            "contact 2 (Y): its id 'x' is already used by contact 1 (id)",
            "contact 3 (Z): its id is blank (id)",
            "contact 4 (id 'w'): its name is blank (name)",
        ]
    );
    let backup = Backup {
        contacts: vec![],
        ..backup
    };
    let err = repo.import_backup(&backup).unwrap_err();
    assert_eq!(
        err.to_string(),
        "The question deck: expected a whole number (0 or more), found the text 'seven' \
         (seed). Nothing was imported."
    );
    assert_eq!(store.snapshot(), before);
}

fn question(id: &str, text: &str) -> Question {
    Question {
        id: id.into(),
        text: text.into(),
        category: Category::Organization,
        builtin: false,
    }
}

#[test]
fn documents_merge_by_their_rules() {
    let store = MemoryStore::new();
    let (repo, _) = Repo::open(&store).unwrap();
    let mine_settings = sams_settings();
    repo.save_doc(Document::Settings, &mine_settings).unwrap();
    let mut mine_bank = QuestionBank::default();
    mine_bank.own.push(question("q1", "Mine"));
    mine_bank.hidden.insert("b01".into());
    mine_bank.favourites.insert("q1".into());
    repo.save_doc(Document::Questions, &mine_bank).unwrap();
    let mine_deck = Deck::new(1, &mine_bank);
    repo.save_doc(Document::Deck, &mine_deck).unwrap();
    let mut mine_asked = AskedLog::default();
    mine_asked.record("c1", ["b02".to_string()]);
    repo.save_doc(Document::Asked, &mine_asked).unwrap();
    let mine_templates = TemplateSet::with_builtins();
    repo.save_doc(Document::Templates, &mine_templates).unwrap();
    let mine_prep = ChatPrep {
        contact_id: "c1".into(),
        ..ChatPrep::default()
    };
    repo.save_doc(
        Document::Preps,
        &BTreeMap::from([("c1".to_string(), mine_prep.clone())]),
    )
    .unwrap();

    let mut theirs_bank = QuestionBank::default();
    theirs_bank.own.push(question("q1", "Theirs, same id"));
    theirs_bank.own.push(question("q2", "Theirs"));
    theirs_bank
        .own
        .push(question("b03", "Pretends to be a built-in"));
    theirs_bank.hidden.insert("b04".into());
    theirs_bank.favourites.insert("q2".into());
    let mut theirs_asked = AskedLog::default();
    theirs_asked.record("c1", ["b05".to_string()]);
    theirs_asked.record("c2", ["b06".to_string()]);
    theirs_asked.by_contact.insert("c3".into(), BTreeSet::new());
    let mut theirs_templates = TemplateSet::with_builtins();
    theirs_templates.templates[0].body = "Edited elsewhere".into();
    theirs_templates
        .templates
        .push(Template::new("Theirs", "S", "B"));
    let theirs_prep = |id: &str| ChatPrep {
        contact_id: id.into(),
        questions: vec![PrepQuestion {
            id: "b01".into(),
            text: "Q".into(),
            asked: true,
            answer: "A".into(),
        }],
        talking_points: vec![],
    };
    let docs = BTreeMap::from([
        (
            "settings".to_string(),
            json!({"me": {"name": "Other", "signature": "Sig"}, "talking_points": ["Theirs"]}),
        ),
        (
            "questions".to_string(),
            serde_json::to_value(&theirs_bank).unwrap(),
        ),
        (
            "deck".to_string(),
            serde_json::to_value(Deck::new(99, &theirs_bank)).unwrap(),
        ),
        (
            "asked".to_string(),
            serde_json::to_value(&theirs_asked).unwrap(),
        ),
        (
            "templates".to_string(),
            serde_json::to_value(&theirs_templates).unwrap(),
        ),
        (
            "preps".to_string(),
            json!({"c1": theirs_prep("c1"), "c2": theirs_prep("c2")}),
        ),
        ("someday".to_string(), json!({"x": 1})),
    ]);
    let backup = backup_of(t(0), vec![], docs);
    let report = repo.import_backup(&backup).unwrap();
    assert_eq!(
        report.docs_changed,
        ["asked", "preps", "questions", "settings", "templates"]
    );
    assert_eq!(report.docs_unchanged, ["deck"]);
    assert_eq!(report.docs_unknown, ["someday"]);
    assert_eq!(
        report.to_string(),
        "0 added, 0 updated, 0 unchanged, 0 skipped; merged: questions asked, chat \
         preparations, questions, settings, templates; 1 unknown document skipped"
    );

    // Settings: only the empty fields are filled.
    let settings: Settings = repo.load_doc(Document::Settings).unwrap().unwrap();
    assert_eq!(
        settings.me,
        Me {
            name: "Sam".into(),
            signature: "Sig".into(),
            ..Me::default()
        }
    );
    assert_eq!(settings.talking_points, ["Theirs"]);
    // Questions: new ids added (not a built-in id, not one we have); sets united.
    let bank: QuestionBank = repo.load_doc(Document::Questions).unwrap().unwrap();
    assert_eq!(bank.own, [question("q1", "Mine"), question("q2", "Theirs")]);
    assert_eq!(
        bank.hidden,
        BTreeSet::from(["b01".to_string(), "b04".to_string()])
    );
    assert_eq!(
        bank.favourites,
        BTreeSet::from(["q1".to_string(), "q2".to_string()])
    );
    // The deck: ours.
    assert_eq!(
        repo.load_doc::<Deck>(Document::Deck).unwrap().unwrap(),
        mine_deck
    );
    // Asked: united per contact, no empty entries.
    let asked: AskedLog = repo.load_doc(Document::Asked).unwrap().unwrap();
    assert_eq!(asked.asked_ids("c1").len(), 2);
    assert!(asked.was_asked("c2", "b06"));
    assert!(!asked.by_contact.contains_key("c3"));
    // Templates: the new one added at the end; ours kept as it is.
    let templates: TemplateSet = repo.load_doc(Document::Templates).unwrap().unwrap();
    assert_eq!(
        templates.templates.len(),
        mine_templates.templates.len() + 1
    );
    assert_eq!(templates.templates[0], mine_templates.templates[0]);
    assert_eq!(templates.templates.last().unwrap().name, "Theirs");
    assert_eq!(templates.rev, 1);
    // Preps: ours kept, theirs added for the contact without one.
    let preps: BTreeMap<String, ChatPrep> = repo.load_doc(Document::Preps).unwrap().unwrap();
    assert_eq!(preps["c1"], mine_prep);
    assert_eq!(preps["c2"], theirs_prep("c2"));

    // Importing again changes nothing more.
    let before = store.snapshot();
    let again = repo.import_backup(&backup).unwrap();
    assert!(again.docs_changed.is_empty(), "{again:?}");
    assert_eq!(store.snapshot(), before);
}

// --- all or nothing -------------------------------------------------------------------------------

/// A backup that touches several keys of [`populated`]: one update, three additions, and
/// merged documents.
fn busy_backup() -> Backup {
    let mut ada = person("c-ada", "Ada Lovelace", 999);
    ada.notes = "newer".into();
    backup_of(
        t(1000),
        vec![
            ada,
            person("n1", "New 1", 1),
            person("n2", "New 2", 1),
            person("n3", "New 3", 1),
        ],
        BTreeMap::from([
            ("settings".to_string(), json!({"me": {"signature": "Sig"}})),
            ("preps".to_string(), json!({"n1": {"contact_id": "n1"}})),
        ]),
    )
}

#[test]
fn a_full_storage_midway_leaves_storage_byte_identical() {
    // How much room the whole import needs, measured on a copy.
    let copy = populated();
    let (repo, _) = Repo::open(&copy).unwrap();
    repo.import_backup(&busy_backup()).unwrap();
    let needed = copy.used();

    let store = populated();
    let before = store.snapshot();
    for quota in (store.used()..needed).step_by(7) {
        store.set_quota(Some(quota));
        let (repo, _) = Repo::open(&store).unwrap();
        let err = repo.import_backup(&busy_backup()).unwrap_err();
        assert_eq!(
            err,
            ImportError::NotSaved(SaveError::Store(StoreError::Full))
        );
        assert_eq!(store.snapshot(), before, "quota {quota}");
    }
    store.set_quota(Some(needed));
    let (repo, _) = Repo::open(&store).unwrap();
    repo.import_backup(&busy_backup()).unwrap();
    assert_eq!(store.snapshot(), copy.snapshot());
}

#[test]
fn refused_writes_leave_storage_identical() {
    let store = populated();
    let (repo, _) = Repo::open(&store).unwrap();
    let before = store.snapshot();
    store.set_fail_writes(true);
    let err = repo.import_backup(&busy_backup()).unwrap_err();
    assert!(matches!(
        err,
        ImportError::NotSaved(SaveError::Store(StoreError::Unavailable(_)))
    ));
    assert_clear(&err.to_string());
    assert_eq!(store.snapshot(), before);
}

/// A store whose `n`th write (counting from 0) fails, and every write after it while `sticky`.
struct Flaky {
    inner: MemoryStore,
    fail_at: usize,
    writes: Cell<usize>,
    sticky: bool,
}

impl Flaky {
    fn tick(&self) -> Result<(), StoreError> {
        let n = self.writes.get();
        self.writes.set(n + 1);
        if n == self.fail_at || (self.sticky && n > self.fail_at) {
            Err(StoreError::Full)
        } else {
            Ok(())
        }
    }
}

impl KeyValue for Flaky {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.inner.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.tick()?;
        self.inner.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.tick()?;
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.inner.keys()
    }
}

#[test]
fn a_failure_at_any_write_is_undone() {
    let expected_writes = 6; // 4 contacts, settings, preps
    for fail_at in 0..expected_writes {
        let flaky = Flaky {
            inner: populated(),
            fail_at,
            writes: Cell::new(0),
            sticky: false,
        };
        let (repo, _) = Repo::open(&flaky).unwrap();
        let before = flaky.inner.snapshot();
        let err = repo.import_backup(&busy_backup()).unwrap_err();
        assert_eq!(
            err,
            ImportError::NotSaved(SaveError::Store(StoreError::Full))
        );
        assert_eq!(flaky.inner.snapshot(), before, "failing write {fail_at}");
        // The failing write plus the undo of each one made before it.
        assert_eq!(flaky.writes.get(), 2 * fail_at + 1);
    }
    let flaky = Flaky {
        inner: populated(),
        fail_at: expected_writes,
        writes: Cell::new(0),
        sticky: false,
    };
    let (repo, _) = Repo::open(&flaky).unwrap();
    repo.import_backup(&busy_backup()).unwrap();
    assert_eq!(flaky.writes.get(), expected_writes);
}

#[test]
fn when_undoing_fails_too_the_message_says_so() {
    let flaky = Flaky {
        inner: populated(),
        fail_at: 2,
        writes: Cell::new(0),
        sticky: true,
    };
    let (repo, _) = Repo::open(&flaky).unwrap();
    let err = repo.import_backup(&busy_backup()).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("half-written"), "{message}");
}

/// A store where "another tab" rewrites `victim` right after the first write of a batch.
struct Meddling {
    inner: MemoryStore,
    victim: &'static str,
    done: Cell<bool>,
}

impl KeyValue for Meddling {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.inner.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.inner.set(key, value)?;
        if !self.done.replace(true) {
            let (other_tab, _) = Repo::open(&self.inner).unwrap();
            let mut c = other_tab
                .reload_contact(self.victim)
                .unwrap()
                .unwrap_or_else(|| person(self.victim, "Other tab", 1));
            c.notes = "edited in another tab".into();
            other_tab.save_contact(&c, t(5000)).unwrap();
        }
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.inner.keys()
    }
}

#[test]
fn a_change_from_another_tab_midway_is_a_conflict_and_nothing_of_the_import_stays() {
    // The batch writes c-ada first, then n1: the other tab creates n1 in between.
    let meddling = Meddling {
        inner: populated(),
        victim: "n1",
        done: Cell::new(false),
    };
    let (repo, _) = Repo::open(&meddling).unwrap();
    let before = meddling.inner.snapshot();
    let err = repo.import_backup(&busy_backup()).unwrap_err();
    assert!(
        matches!(&err, ImportError::NotSaved(SaveError::Conflict { current: Some(c) }) if c.id == "n1")
    );
    assert!(err.to_string().contains("another tab"));
    let after = meddling.inner.snapshot();
    let changed: Vec<&String> = after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert_eq!(changed, ["wt:contact:n1"]);
    assert!(crate::codec::unpack(&after["wt:contact:n1"])
        .unwrap()
        .contains("edited in another tab"));
}

#[test]
fn write_batch_sets_and_removes_all_or_nothing() {
    let store = MemoryStore::new();
    let (repo, _) = Repo::open(&store).unwrap();
    store.set("wt:a", "1").unwrap();
    store.set("wt:b", "2").unwrap();
    let before = store.snapshot();
    let writes = vec![
        ("wt:a".to_string(), None),
        ("wt:b".to_string(), Some("22".to_string())),
        ("wt:c".to_string(), Some("3".to_string())),
        ("wt:b".to_string(), Some("222".to_string())),
    ];
    // The batch ends 2 characters larger (-"wt:a1", +"22"..."222", +"wt:c3"): one short.
    store.set_quota(Some(store.used() + 1));
    assert_eq!(
        repo.write_batch(&writes),
        Err(SaveError::Store(StoreError::Full))
    );
    assert_eq!(store.snapshot(), before);
    store.set_quota(None);
    repo.write_batch(&writes).unwrap();
    assert_eq!(store.get("wt:a").unwrap(), None);
    assert_eq!(store.get("wt:b").unwrap().as_deref(), Some("222"));
    assert_eq!(store.get("wt:c").unwrap().as_deref(), Some("3"));

    // Checked: a key that no longer holds what was planned refuses the whole batch.
    let before = store.snapshot();
    let checked = [
        BatchWrite {
            key: "wt:a".into(),
            expected: None,
            value: Some("new".into()),
        },
        BatchWrite {
            key: "wt:c".into(),
            expected: Some("other".into()),
            value: None,
        },
    ];
    assert_eq!(
        repo.write_batch_checked(&checked),
        Err(SaveError::Conflict { current: None })
    );
    assert_eq!(store.snapshot(), before);

    // A storage upgraded by a newer tab refuses before writing.
    store
        .set(crate::store::META_KEY, "{\"schema\":99}")
        .unwrap();
    let before = store.snapshot();
    assert_eq!(
        repo.write_batch(&writes),
        Err(SaveError::Outdated { found: 99 })
    );
    assert_eq!(store.snapshot(), before);
}

// --- properties -----------------------------------------------------------------------------------

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{0,10}",
        "\\PC{0,8}",
        Just("<script>alert(1)</script>".to_string()),
        Just("ليلى 👩🏽‍🔬 \"quotes\" \\ back\nslash".to_string()),
    ]
}

fn name() -> impl Strategy<Value = String> {
    text().prop_filter("a name is not blank", |s| !s.trim().is_empty())
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (2000i32..2035, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| day(y, m, d))
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (1_500_000_000i64..1_900_000_000, 0u32..1_000_000_000)
        .prop_map(|(s, ns)| DateTime::from_timestamp(s, ns).unwrap())
}

fn contact(id: String) -> impl Strategy<Value = Contact> {
    let who = (
        name(),
        text(),
        text(),
        prop::collection::vec(text(), 0..3),
        prop::collection::vec(text(), 0..2),
        text(),
    );
    let met = (
        text(),
        prop::option::of(date()),
        text(),
        prop::option::of(text()),
        0..TieStrength::ALL.len(),
        prop::collection::vec(text(), 0..3),
    );
    let interaction = (text(), date(), 0..InteractionKind::ALL.len(), text()).prop_map(
        |(id, date, k, summary)| Interaction {
            id,
            date,
            kind: InteractionKind::ALL[k],
            summary,
        },
    );
    let follow_up = (
        text(),
        0..FollowUpKind::ALL.len(),
        text(),
        date(),
        prop::option::of(date()),
    )
        .prop_map(|(id, k, text, due, done_on)| FollowUp {
            id,
            kind: FollowUpKind::ALL[k],
            text,
            due,
            done_on,
        });
    let rest = (
        text(),
        prop::option::of(0..crate::model::Cadence::ALL.len()),
        prop::collection::vec(interaction, 0..3),
        prop::collection::vec(follow_up, 0..3),
        instant(),
        instant(),
        0u64..1000,
    );
    (who, met, rest).prop_map(move |(who, met, rest)| Contact {
        id: id.clone(),
        name: who.0,
        role: who.1,
        organization: who.2,
        emails: who.3,
        phones: who.4,
        linkedin: who.5,
        links: vec![],
        where_met: met.0,
        met_on: met.1,
        how_met: met.2,
        introduced_by: met.3,
        tie: TieStrength::ALL[met.4],
        tags: met.5,
        notes: rest.0,
        research: String::new(),
        cadence: rest.1.map(|k| crate::model::Cadence::ALL[k]),
        interactions: rest.2,
        follow_ups: rest.3,
        created_at: rest.4,
        updated_at: rest.5,
        rev: rest.6,
    })
}

fn contacts() -> impl Strategy<Value = Vec<Contact>> {
    prop::collection::btree_set("[a-z0-9-]{1,8}|\\PC{1,4}", 0..6)
        .prop_filter("ids are not blank", |ids| {
            ids.iter().all(|id| !id.trim().is_empty())
        })
        .prop_flat_map(|ids| ids.into_iter().map(contact).collect::<Vec<_>>())
}

/// The documents the app keeps, each present or not.
#[derive(Clone, Debug)]
struct Docs {
    settings: Option<Settings>,
    bank: Option<QuestionBank>,
    deck_seed: Option<u64>,
    asked: Option<AskedLog>,
    templates: Option<TemplateSet>,
    preps: Option<BTreeMap<String, ChatPrep>>,
}

fn docs() -> impl Strategy<Value = Docs> {
    let settings =
        (text(), text(), prop::collection::vec(text(), 0..3)).prop_map(|(n, s, tp)| Settings {
            me: Me {
                name: n,
                signature: s,
                ..Me::default()
            },
            talking_points: tp,
            ..Default::default()
        });
    let bank = (
        prop::collection::vec((text(), 0..6usize), 0..4),
        prop::collection::vec(0..26usize, 0..4),
        prop::collection::vec(0..26usize, 0..4),
    )
        .prop_map(|(own, hidden, fav)| QuestionBank {
            own: own
                .into_iter()
                .enumerate()
                .map(|(i, (text, c))| Question {
                    id: format!("own-{i}"),
                    text,
                    category: Category::ALL[c],
                    builtin: false,
                })
                .collect(),
            hidden: hidden
                .into_iter()
                .map(|i| BUILTIN_QUESTIONS[i].id.to_string())
                .collect(),
            favourites: fav
                .into_iter()
                .map(|i| BUILTIN_QUESTIONS[i].id.to_string())
                .collect(),
        });
    let asked = prop::collection::btree_map(
        text(),
        prop::collection::btree_set("b[0-2][0-9]", 1..3),
        0..3,
    )
    .prop_map(|by_contact| AskedLog { by_contact });
    let templates = (
        prop::collection::vec((text(), text(), text()), 0..3),
        0u64..9,
    )
        .prop_map(|(own, rev)| {
            let mut set = TemplateSet::with_builtins();
            for (i, (n, s, b)) in own.into_iter().enumerate() {
                set.templates.push(Template {
                    id: format!("t-{i}"),
                    name: n,
                    subject: s,
                    body: b,
                    builtin_key: None,
                });
            }
            set.rev = rev;
            set
        });
    let preps =
        prop::collection::btree_map("[a-z]{1,4}", (text(), any::<bool>()), 0..3).prop_map(|m| {
            m.into_iter()
                .map(|(id, (answer, asked))| {
                    let prep = ChatPrep {
                        contact_id: id.clone(),
                        questions: vec![PrepQuestion {
                            id: "b01".into(),
                            text: "Q".into(),
                            asked,
                            answer,
                        }],
                        talking_points: vec!["tp".into()],
                    };
                    (id, prep)
                })
                .collect()
        });
    (
        prop::option::of(settings),
        prop::option::of(bank),
        prop::option::of(any::<u64>()),
        prop::option::of(asked),
        prop::option::of(templates),
        prop::option::of(preps),
    )
        .prop_map(
            |(settings, bank, deck_seed, asked, templates, preps)| Docs {
                settings,
                bank,
                deck_seed,
                asked,
                templates,
                preps,
            },
        )
}

/// A store holding `contacts` (with their revisions) and `docs`.
fn store_with(contacts: &[Contact], docs: &Docs) -> MemoryStore {
    let store = MemoryStore::new();
    let (repo, _) = Repo::open(&store).unwrap();
    for c in contacts {
        repo.restore_contact(c).unwrap();
    }
    if let Some(d) = &docs.settings {
        repo.save_doc(Document::Settings, d).unwrap();
    }
    if let Some(d) = &docs.bank {
        repo.save_doc(Document::Questions, d).unwrap();
    }
    if let Some(seed) = docs.deck_seed {
        let deck = Deck::new(seed, docs.bank.as_ref().unwrap_or(&QuestionBank::default()));
        repo.save_doc(Document::Deck, &deck).unwrap();
    }
    if let Some(d) = &docs.asked {
        repo.save_doc(Document::Asked, d).unwrap();
    }
    if let Some(d) = &docs.templates {
        repo.save_doc(Document::Templates, d).unwrap();
    }
    if let Some(d) = &docs.preps {
        repo.save_doc(Document::Preps, d).unwrap();
    }
    store
}

/// What a contact would be if the user had edited it: same id, other data, another time.
#[derive(Clone, Debug)]
enum Fate {
    /// Not in the target store.
    Absent,
    /// Stored the same, with another revision.
    Same(u64),
    /// Stored different and older than the backup's.
    Older,
    /// Stored different and newer than the backup's.
    Newer,
}

fn fate() -> impl Strategy<Value = Fate> {
    prop_oneof![
        Just(Fate::Absent),
        (0u64..50).prop_map(Fate::Same),
        Just(Fate::Older),
        Just(Fate::Newer)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_into_an_empty_store_gives_back_the_same_data(
        contacts in contacts(),
        docs in docs(),
    ) {
        let original = store_with(&contacts, &docs);
        let (repo, _) = Repo::open(&original).unwrap();
        let backup = repo.export_backup(t(1)).unwrap();
        let text = backup.to_json();
        let parsed = parse_backup(&text).unwrap();
        prop_assert_eq!(&parsed, &backup);

        let target = MemoryStore::new();
        let (into, _) = Repo::open(&target).unwrap();
        let report = into.import_backup(&parsed).unwrap();
        prop_assert_eq!(report.added, contacts.len());
        prop_assert_eq!((report.updated, report.unchanged, report.skipped), (0, 0, 0));
        prop_assert_eq!(report.docs_changed.len(), backup.docs.len());
        // The same records, byte for byte: contacts (with their revisions) and documents.
        prop_assert_eq!(target.snapshot(), original.snapshot());
        prop_assert_eq!(into.export_backup(t(1)).unwrap(), backup.clone());

        // Twice: all unchanged, nothing written.
        let before = target.snapshot();
        target.set_fail_writes(true);
        let again = into.import_backup(&parsed).unwrap();
        prop_assert_eq!((again.added, again.updated, again.skipped), (0, 0, 0));
        prop_assert_eq!(again.unchanged, contacts.len());
        prop_assert!(again.docs_changed.is_empty());
        prop_assert_eq!(again.docs_unchanged.len(), backup.docs.len());
        prop_assert_eq!(target.snapshot(), before);
        // And into the store it came from, the same.
        prop_assert_eq!(repo.import_backup(&parsed).unwrap(), again);
    }

    #[test]
    fn merging_keeps_the_newer_version_of_each_contact_and_everything_else(
        backup_contacts in contacts(),
        fates in prop::collection::vec(fate(), 6),
        own in contacts(),
    ) {
        // The target holds its own contacts (ids prefixed so they differ) and, per backup
        // contact, a version according to its fate.
        let store = MemoryStore::new();
        let (repo, _) = Repo::open(&store).unwrap();
        let own: Vec<Contact> = own.into_iter().map(|c| Contact { id: format!("own:{}", c.id), ..c }).collect();
        for c in &own {
            repo.restore_contact(c).unwrap();
        }
        let mut expected = BTreeMap::new();
        let mut counts = (0, 0, 0, 0);
        for (c, fate) in backup_contacts.iter().zip(&fates) {
            let mut mine = c.clone();
            mine.notes.push_str(" (mine)");
            match fate {
                Fate::Absent => {
                    counts.0 += 1;
                    expected.insert(c.id.clone(), c.clone());
                    continue;
                }
                Fate::Same(rev) => {
                    counts.2 += 1;
                    mine = Contact { rev: *rev, ..c.clone() };
                    expected.insert(c.id.clone(), mine.clone());
                }
                Fate::Older => {
                    counts.1 += 1;
                    mine.updated_at = c.updated_at - chrono::Duration::seconds(1);
                    expected.insert(c.id.clone(), Contact { rev: mine.rev + 1, ..c.clone() });
                }
                Fate::Newer => {
                    counts.3 += 1;
                    mine.updated_at = c.updated_at + chrono::Duration::nanoseconds(1);
                    expected.insert(c.id.clone(), mine.clone());
                }
            }
            repo.restore_contact(&mine).unwrap();
        }
        let backup = backup_of(t(0), backup_contacts.clone(), BTreeMap::new());
        let report = repo.import_backup(&backup).unwrap();
        prop_assert_eq!((report.added, report.updated, report.unchanged, report.skipped), counts);
        for c in &own {
            prop_assert_eq!(repo.reload_contact(&c.id).unwrap(), Some(c.clone()));
        }
        for (id, c) in &expected {
            prop_assert_eq!(repo.reload_contact(id).unwrap(), Some(c.clone()));
        }
        let (_, loaded) = Repo::open(&store).unwrap();
        prop_assert_eq!(loaded.contacts.len(), own.len() + expected.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse_backup_bytes(&bytes);
        if let Err(e) = parse_backup(&String::from_utf8_lossy(&bytes)) {
            prop_assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn damaged_backups_never_panic_and_are_clear(
        cut in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(vec![
            "", "\"", "{", "}", "[", "]", ",", ":", "null", "-1", "1e999", "\"2024-13-01\"", "\\u0000",
            "\u{feff}", "\u{202e}", "true", "\"x\"", "0", "18446744073709551616", "{}", "[]",
        ])), 1..4),
    ) {
        let bytes = std::fs::read(fixtures_dir().join("accept-full.json")).unwrap();
        let mut text = String::from_utf8(bytes).unwrap();
        for (at, insert) in edits {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            // Replace one character with the fragment.
            let end = text[i..].chars().next().map_or(i, |c| i + c.len_utf8());
            text.replace_range(i..end, insert);
        }
        if cut.index(4) == 0 {
            let mut i = cut.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            text.truncate(i);
        }
        let store = populated();
        let before = store.snapshot();
        match parse_backup(&text) {
            Err(e) => {
                assert_clear(&e.to_string());
                prop_assert_eq!(store.snapshot(), before);
            }
            Ok(backup) => {
                let (repo, _) = Repo::open(&store).unwrap();
                repo.import_backup(&backup).unwrap();
                let (_, loaded) = Repo::open(&store).unwrap();
                prop_assert!(loaded.quarantined.is_empty());
            }
        }
    }
}
