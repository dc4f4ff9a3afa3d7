//! [`MemoryStore`]: the [`KeyValue`] of native tests, with a quota and failure switches.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use super::{KeyValue, StoreError};

/// An in-memory [`KeyValue`] for tests, with an optional quota and a switch that makes every write
/// fail.
#[derive(Debug, Default)]
pub struct MemoryStore {
    map: RefCell<BTreeMap<String, String>>,
    /// The most characters (UTF-16 code units, as browsers count) of keys plus values.
    quota: Cell<Option<usize>>,
    fail_writes: Cell<bool>,
    /// How many more writes fit before the store is full (`None`: no such limit).
    writes_left: Cell<Option<usize>>,
}

/// The length of a string as browsers count it for the quota: UTF-16 code units.
fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

impl MemoryStore {
    /// An empty store without quota.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty store holding at most `chars` characters of keys plus values. A write that would
    /// exceed it fails with [`StoreError::Full`] and changes nothing, as in browsers.
    pub fn with_quota(chars: usize) -> Self {
        let store = Self::new();
        store.set_quota(Some(chars));
        store
    }

    /// Sets or lifts the quota (existing content is kept even if it is over the new quota).
    pub fn set_quota(&self, chars: Option<usize>) {
        self.quota.set(chars);
    }

    /// When `fail` is true, every `set` and `remove` fails with [`StoreError::Unavailable`].
    pub fn set_fail_writes(&self, fail: bool) {
        self.fail_writes.set(fail);
    }

    /// Lets `n` more writes succeed, then fails every write with [`StoreError::Full`], as a
    /// storage filling up midway through a series of writes (`None` lifts the limit).
    pub fn set_writes_left(&self, n: Option<usize>) {
        self.writes_left.set(n);
    }

    /// A copy of the whole content, to compare before and after.
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.map.borrow().clone()
    }

    /// The characters used: keys plus values, in UTF-16 code units.
    pub fn used(&self) -> usize {
        self.map
            .borrow()
            .iter()
            .map(|(k, v)| units(k) + units(v))
            .sum()
    }

    fn check_writable(&self) -> Result<(), StoreError> {
        if self.fail_writes.get() {
            return Err(StoreError::Unavailable(
                "writes are switched off in this test".into(),
            ));
        }
        match self.writes_left.get() {
            Some(0) => Err(StoreError::Full),
            Some(n) => {
                self.writes_left.set(Some(n - 1));
                Ok(())
            }
            None => Ok(()),
        }
    }
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.map.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.check_writable()?;
        if let Some(quota) = self.quota.get() {
            let old = self
                .map
                .borrow()
                .get(key)
                .map_or(0, |v| units(key) + units(v));
            let after = self.used() - old + units(key) + units(value);
            if after > quota {
                return Err(StoreError::Full);
            }
        }
        self.map
            .borrow_mut()
            .insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.check_writable()?;
        self.map.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.map.borrow().keys().cloned().collect())
    }
}
