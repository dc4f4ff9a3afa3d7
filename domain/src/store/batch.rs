//! Several keys as one change, all or nothing: [`Repo::write_batch`] and, with compare-and-set,
//! [`Repo::write_batch_checked`]. Imports (backups, vCards) save through it.

use super::{KeyValue, Repo, SaveError, StoreError, CONTACT_PREFIX};

/// One change of [`Repo::write_batch_checked`]: `key` goes from `expected` to `value`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchWrite {
    /// The key to write.
    pub key: String,
    /// The text the change was planned against (`None`: the key was absent). If the key holds
    /// anything else when the batch runs, another tab changed it: the whole batch is refused.
    pub expected: Option<String>,
    /// The new text, or `None` to remove the key.
    pub value: Option<String>,
}

/// One step of a batch, borrowed from the caller's list.
struct BatchStep<'a> {
    key: &'a str,
    /// Whether `expected` is checked before writing.
    checked: bool,
    expected: Option<&'a str>,
    value: Option<&'a str>,
}

impl<S: KeyValue> Repo<S> {
    /// Writes several keys as one change: each `(key, Some(text))` is set, each `(key, None)`
    /// removed, in order. **All or nothing**: the previous value of every key is recorded before
    /// it is touched, and if a write fails (quota, storage refused) the writes already made are
    /// undone, newest first, so storage is left exactly as it was and the error is returned.
    /// Refused without writing anything when another tab has upgraded the storage.
    pub fn write_batch(&self, writes: &[(String, Option<String>)]) -> Result<(), SaveError> {
        let steps: Vec<BatchStep> = writes
            .iter()
            .map(|(key, value)| BatchStep {
                key,
                checked: false,
                expected: None,
                value: value.as_deref(),
            })
            .collect();
        self.apply_batch(&steps)
    }

    /// [`Repo::write_batch`] with compare-and-set: every key must still hold the text its change
    /// was planned against ([`BatchWrite::expected`]), checked just before it is written. If one
    /// does not, another tab changed it meanwhile: the writes already made are undone and the
    /// batch is refused with [`SaveError::Conflict`] (with the stored contact, for a contact key).
    pub fn write_batch_checked(&self, writes: &[BatchWrite]) -> Result<(), SaveError> {
        let steps: Vec<BatchStep> = writes
            .iter()
            .map(|w| BatchStep {
                key: &w.key,
                checked: true,
                expected: w.expected.as_deref(),
                value: w.value.as_deref(),
            })
            .collect();
        self.apply_batch(&steps)
    }

    /// The batch runner.
    fn apply_batch(&self, steps: &[BatchStep]) -> Result<(), SaveError> {
        self.check_writable()?;
        // The value each key had just before its write, in the order written.
        let mut undo: Vec<(&str, Option<String>)> = Vec::with_capacity(steps.len());
        for step in steps {
            let key = step.key;
            let result = self
                .store
                .get(key)
                .map_err(SaveError::from)
                .and_then(|previous| {
                    if step.checked && previous.as_deref() != step.expected {
                        let current = previous
                            .as_deref()
                            .filter(|_| key.starts_with(CONTACT_PREFIX))
                            .and_then(|raw| self.decode_contact(key, raw).ok())
                            .map(Box::new);
                        return Err(SaveError::Conflict { current });
                    }
                    let written = match step.value {
                        Some(text) => self.store.set(key, text),
                        None => self.store.remove(key),
                    };
                    written.map(|()| previous).map_err(SaveError::from)
                });
            match result {
                Ok(previous) => undo.push((key, previous)),
                Err(e) => return Err(self.undo_batch(undo, e)),
            }
        }
        Ok(())
    }

    /// Puts back the recorded values, newest first, and returns the error to report: `error`, or,
    /// if storage refused to put something back, an error saying that it may be half-written.
    fn undo_batch(&self, undo: Vec<(&str, Option<String>)>, error: SaveError) -> SaveError {
        let mut failed = None;
        for (key, previous) in undo.into_iter().rev() {
            let restored = match previous {
                Some(text) => self.store.set(key, &text),
                None => self.store.remove(key),
            };
            if let Err(e) = restored {
                failed.get_or_insert(e);
            }
        }
        match failed {
            None => error,
            Some(e) => SaveError::Store(StoreError::Unavailable(format!(
                "{error} Putting back the records already written failed too ({e}), so some \
                 may be half-written"
            ))),
        }
    }
}
