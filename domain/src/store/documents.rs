//! The stored documents: [`Document`] names each one once (its key, whether a backup carries it,
//! its words in messages), and [`Repo::load_doc`] and [`Repo::save_doc`] read and write one (one
//! key, last writer wins).
//!
//! Adding a document is a new variant here; the compiler then asks for its name, whether a
//! backup carries it, how a backup import checks and merges it (`backup/parse.rs`,
//! `backup/merge.rs`), and, in the app, its signal in `AppState`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::stamp::stamp;
use super::{doc_key, doc_name_from_key, DocError, KeyValue, Quarantined, Repo, SaveError};

/// A document the app keeps under `wt:doc:<name>`, one key each (its value's type is in the
/// variant's documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Document {
    /// The user's name, signature, card details and talking points, and the current event:
    /// [`crate::settings::Settings`].
    Settings,
    /// The user's own questions, the hidden and the favourite ones:
    /// [`crate::questions::QuestionBank`].
    Questions,
    /// The shuffled deck of questions: [`crate::questions::Deck`].
    Deck,
    /// The questions asked, contact by contact: [`crate::questions::AskedLog`].
    Asked,
    /// The chat being prepared with each contact, by contact id:
    /// `BTreeMap<String, `[`crate::questions::ChatPrep`]`>`.
    Preps,
    /// The message templates: [`crate::template::TemplateSet`].
    Templates,
    /// When the last backup was made, in this browser: [`crate::reminder::BackupLog`].
    BackupLog,
}

impl Document {
    /// Every document, each once. Questions come before the deck, which a first deck is
    /// shuffled from.
    pub const ALL: [Document; 7] = [
        Document::Settings,
        Document::Questions,
        Document::Deck,
        Document::Asked,
        Document::Preps,
        Document::Templates,
        Document::BackupLog,
    ];

    /// Its name: the end of its key, and its name in a backup file.
    pub const fn name(self) -> &'static str {
        match self {
            Document::Settings => "settings",
            Document::Questions => "questions",
            Document::Deck => "deck",
            Document::Asked => "asked",
            Document::Preps => "preps",
            Document::Templates => "templates",
            Document::BackupLog => "backup",
        }
    }

    /// Its key: `wt:doc:<name>`.
    pub fn key(self) -> String {
        doc_key(self.name())
    }

    /// The document called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Document> {
        Document::ALL.into_iter().find(|doc| doc.name() == name)
    }

    /// The document stored under `key`, if it is one.
    pub fn from_key(key: &str) -> Option<Document> {
        doc_name_from_key(key).and_then(Document::from_name)
    }

    /// Whether a backup file carries it. The backup log stays in this browser: a backup
    /// restored elsewhere was not made there.
    pub const fn in_backup(self) -> bool {
        match self {
            Document::Settings
            | Document::Questions
            | Document::Deck
            | Document::Asked
            | Document::Preps
            | Document::Templates => true,
            Document::BackupLog => false,
        }
    }

    /// The document a backup file carries under `name`; `None` for a name this version does
    /// not know or a document that stays in the browser (the import skips those).
    pub fn from_backup_name(name: &str) -> Option<Document> {
        Document::from_name(name).filter(|doc| doc.in_backup())
    }

    /// Its words in messages: "the {label}".
    pub const fn label(self) -> &'static str {
        match self {
            Document::Settings => "settings",
            Document::Questions => "questions",
            Document::Deck => "question deck",
            Document::Asked => "questions asked",
            Document::Preps => "chat preparations",
            Document::Templates => "templates",
            Document::BackupLog => "backup log",
        }
    }
}

impl<S: KeyValue> Repo<S> {
    /// Loads the document `doc`: `Ok(None)` if there is none, [`DocError::Corrupt`] (with the raw
    /// text, left untouched) if it is unreadable or not a `T`.
    pub fn load_doc<T: DeserializeOwned>(&self, doc: Document) -> Result<Option<T>, DocError> {
        let key = doc.key();
        let Some(raw) = self.store.get(&key).map_err(DocError::Store)? else {
            return Ok(None);
        };
        let parsed = self.read_body(&key, &raw).and_then(|(_, body)| {
            serde_json::from_value(body)
                .map_err(|e| format!("it does not have the right shape ({e})"))
        });
        match parsed {
            Ok(doc) => Ok(Some(doc)),
            Err(error) => Err(DocError::Corrupt(Quarantined { key, raw, error })),
        }
    }

    /// Saves `value` as the document `doc` (one key; last writer wins).
    pub fn save_doc<T: Serialize>(&self, doc: Document, value: &T) -> Result<(), SaveError> {
        self.check_writable()?;
        let key = doc.key();
        let body = serde_json::to_value(value).map_err(|e| SaveError::Invalid(e.to_string()))?;
        let text = stamp(&key, body, self.schema).map_err(SaveError::Invalid)?;
        self.store.set(&key, &text)?;
        Ok(())
    }

    /// Reads a document's JSON from its stored text `raw` under `key` (upgraded in memory, without
    /// its envelope); the `Err` says why it is unreadable.
    pub fn decode_doc(&self, key: &str, raw: &str) -> Result<Value, String> {
        self.read_body(key, raw).map(|(_, body)| body)
    }

    /// The text `value` is stored as for the document `doc` (in its envelope), for
    /// [`Repo::write_batch`].
    pub fn doc_text<T: Serialize>(&self, doc: Document, value: &T) -> Result<String, SaveError> {
        let body = serde_json::to_value(value).map_err(|e| SaveError::Invalid(e.to_string()))?;
        stamp(&doc.key(), body, self.schema).map_err(SaveError::Invalid)
    }
}
