//! `wt:meta`, the storage-wide schema marker: `{"schema": N}`, the highest version an app has
//! brought this storage to. It keeps an older app from writing over newer data.

use serde_json::Value;

use super::stamp::{read_stamp, STAMP};
use super::{KeyValue, StoreError, META_KEY};

/// The text of `wt:meta` for `version`.
pub(super) fn meta_text(version: u32) -> String {
    format!("{{\"{STAMP}\":{version}}}")
}

/// Why `wt:meta` could not be read.
pub(super) enum MetaError {
    Bad { raw: String, error: String },
    Store(StoreError),
}

/// The version in `wt:meta`, `None` if there is none.
pub(super) fn read_meta(store: &impl KeyValue) -> Result<Option<u32>, MetaError> {
    let Some(raw) = store.get(META_KEY).map_err(MetaError::Store)? else {
        return Ok(None);
    };
    let parsed = serde_json::from_str::<Value>(&raw)
        .map_err(|e| format!("it is not valid JSON ({e})"))
        .and_then(|v| match v {
            Value::Object(map) => {
                read_stamp(map.get(STAMP))?.ok_or_else(|| "it has no schema version".to_string())
            }
            _ => Err("it is not a JSON object".to_string()),
        });
    match parsed {
        Ok(version) => Ok(Some(version)),
        Err(error) => Err(MetaError::Bad { raw, error }),
    }
}
