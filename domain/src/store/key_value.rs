//! The one interface every stored byte goes through: [`KeyValue`], and [`StoreError`], why the
//! browser's storage refused an operation.

use std::fmt;
use std::rc::Rc;

use super::Records;

/// Why the browser's storage refused an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The quota for this site is used up.
    Full,
    /// Storage is unavailable or refused the operation; the text says what the browser reported.
    Unavailable(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Full => f.write_str(
                "The browser's storage for this site is full, so this change was not saved. \
                 Export a backup and free some space.",
            ),
            StoreError::Unavailable(why) => write!(
                f,
                "The browser refused to store data ({why}), so this change was not saved. \
                 Storage may be disabled, for example in private browsing."
            ),
        }
    }
}

impl std::error::Error for StoreError {}

/// A string key-value store, like `localStorage`. A failed `set` or `remove` must change nothing.
/// All methods take `&self`: the browser store is a stateless handle.
pub trait KeyValue {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Stores `value` under `key`, replacing any previous value.
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key` (no error when it is absent).
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// Every key present, in no particular order (including other apps' keys on the same origin).
    fn keys(&self) -> Result<Vec<String>, StoreError>;
    /// Every key starting with `prefix`, with its value, in no particular order. Loading reads
    /// thousands of records at once this way: the browser's store overrides it to read them in
    /// one call, into one buffer.
    fn read_prefixed(&self, prefix: &str) -> Result<Records, StoreError> {
        let mut found = Records::default();
        for key in self.keys()?.into_iter().filter(|k| k.starts_with(prefix)) {
            // A key gone since `keys()` was deleted meanwhile (by another tab).
            if let Some(value) = self.get(&key)? {
                found.push(&key, &value);
            }
        }
        Ok(found)
    }
}

/// `KeyValue` for a pointer to a store: every method goes to the store pointed to (its own
/// `read_prefixed` too, so the browser's one-call read is kept).
macro_rules! forward_key_value {
    ($($pointer:ty),+) => {$(
        impl<T: KeyValue + ?Sized> KeyValue for $pointer {
            fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
                (**self).get(key)
            }
            fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
                (**self).set(key, value)
            }
            fn remove(&self, key: &str) -> Result<(), StoreError> {
                (**self).remove(key)
            }
            fn keys(&self) -> Result<Vec<String>, StoreError> {
                (**self).keys()
            }
            fn read_prefixed(&self, prefix: &str) -> Result<Records, StoreError> {
                (**self).read_prefixed(prefix)
            }
        }
    )+};
}

forward_key_value!(&T, Rc<T>);
