//! Documents: loading and saving a [`Document`] (one key, last writer wins).

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::stamp::stamp;
use super::{doc_key, DocError, KeyValue, Quarantined, Repo, SaveError};

impl<S: KeyValue> Repo<S> {
    /// Loads the document `name`: `Ok(None)` if there is none, [`DocError::Corrupt`] (with the raw
    /// text, left untouched) if it is unreadable or not a `T`.
    pub fn load_doc<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, DocError> {
        let key = doc_key(name);
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

    /// Saves the document `name` (one key; last writer wins).
    pub fn save_doc<T: Serialize>(&self, name: &str, doc: &T) -> Result<(), SaveError> {
        self.check_writable()?;
        let key = doc_key(name);
        let body = serde_json::to_value(doc).map_err(|e| SaveError::Invalid(e.to_string()))?;
        let text = stamp(&key, body, self.schema).map_err(SaveError::Invalid)?;
        self.store.set(&key, &text)?;
        Ok(())
    }

    /// Reads a document's JSON from its stored text `raw` under `key` (upgraded in memory, without
    /// its envelope); the `Err` says why it is unreadable.
    pub fn decode_doc(&self, key: &str, raw: &str) -> Result<Value, String> {
        self.read_body(key, raw).map(|(_, body)| body)
    }

    /// The text the document `name` is stored as (in its envelope), for [`Repo::write_batch`].
    pub fn doc_text<T: Serialize>(&self, name: &str, doc: &T) -> Result<String, SaveError> {
        let body = serde_json::to_value(doc).map_err(|e| SaveError::Invalid(e.to_string()))?;
        stamp(&doc_key(name), body, self.schema).map_err(SaveError::Invalid)
    }
}
