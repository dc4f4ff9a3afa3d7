//! The storage rules of Weak Ties, behind one small key-value interface.
//!
//! Everything the app keeps goes through [`KeyValue`] (get, set, remove, keys, and a bulk read
//! for start-up, [`KeyValue::read_prefixed`]). In the browser it is a thin adapter over
//! `window.localStorage`; here [`MemoryStore`] implements it for native tests, with a quota and a
//! failure switch. All the rules live in [`Repo`], so they are tested natively.
//!
//! # Key layout
//!
//! Everything is under the `wt:` prefix:
//!
//! | key | holds |
//! |---|---|
//! | `wt:meta` | `{"schema": N}`: the highest schema version an app has brought this storage to |
//! | `wt:contact:<id>` | one contact (with its timeline and follow-ups) as JSON, plus its `"schema"` stamp |
//! | `wt:doc:<name>` | one named document (settings, question deck, templates): `{"schema": N, "doc": ...}` |
//!
//! **The contact index is the set of keys with the `wt:contact:` prefix**, enumerated with
//! [`KeyValue::keys`]. There is deliberately no separate list of ids: it would be rewritten on every
//! add and delete, and two tabs could each rewrite their own stale copy of it, losing the other's
//! contact. With one key per contact, **one edit writes exactly one key**, never the collection.
//!
//! # Revisions: compare-and-set
//!
//! Each contact carries `rev`, raised by one on every save. [`Repo::save_contact`] takes the contact
//! as edited, whose `rev` is the revision the edit started from, and writes it only if the stored
//! record still has that revision (or, for a new contact with `rev == 0`, if the key is still free).
//! Otherwise another tab changed or deleted it first, and the save is refused with the stored
//! version ([`SaveError::Conflict`]): no tab overwrites a newer edit. [`Repo`] keeps no cache, so two
//! tabs are simply two `Repo`s over the same storage.
//!
//! # Corrupt records are quarantined
//!
//! A record that does not parse (bad JSON, wrong types, blank id, id not matching its key, saved by a
//! newer version, or failing its migration) does not stop loading: the rest load and the bad one is
//! reported as [`Quarantined`], with its raw text so the UI can offer it for download. The app never
//! rewrites or deletes it: saves and deletes on its key are refused with
//! [`SaveError::Quarantined`]. An unreadable `wt:meta` is an [`OpenError`], never silently replaced.
//!
//! # Schema versions and migrations
//!
//! [`CURRENT_SCHEMA`] is the shape this code writes; [`MIGRATIONS`] holds one [`Migration`] per step
//! `n -> n + 1`, each upgrading one record's JSON. The design that makes migration safe to rerun:
//!
//! - **Every record carries its own version stamp** (the `"schema"` field of a contact, the
//!   `"schema"` of a document's envelope; a contact without one counts as version 1). The runner
//!   upgrades a record from *its own* stamp, never from `wt:meta`'s number, so a record that was
//!   already migrated is skipped, and a record at any older version is brought all the way up.
//! - At [`Repo::open`], each record below the current version is upgraded in memory, checked (a
//!   contact must then parse, with an id matching its key), and written back with the new stamp, one
//!   key at a time. A record that fails is quarantined and left exactly as it was; it is tried again
//!   at every open.
//! - `wt:meta` is raised only after every record was written. If a write fails midway (storage
//!   full), `open` fails with [`OpenError::Store`], `wt:meta` keeps the old version, and the next
//!   open resumes: the records already written carry the new stamp and are skipped.
//! - `wt:meta` is what keeps an *older* app from touching newer data: [`Repo::open`] refuses with
//!   [`OpenError::NewerSchema`] and writes nothing, and every write of an already open `Repo` first
//!   rereads `wt:meta` and refuses with [`SaveError::Outdated`] when another tab has since upgraded
//!   the storage. Should a stale write slip between that check and the upgrade, its record still
//!   carries its older stamp: a newer tab reading it ([`Repo::reload_contact`]) upgrades it in
//!   memory, and the next open upgrades it in storage. A record stamped newer than this code is
//!   quarantined, never overwritten.
//!
//! Documents have no revision: [`Repo::save_doc`] is last-writer-wins (they are small settings).
//! [`Repo::load_doc`] reports a corrupt document with its raw text, so the UI can offer it for
//! download before anything is saved over it.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use serde::de::value::StrDeserializer;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::codec;
use crate::model::Contact;

/// The prefix of every key of Weak Ties.
pub const PREFIX: &str = "wt:";
/// The key of the schema marker, `{"schema": N}`.
pub const META_KEY: &str = "wt:meta";
/// The prefix of contact keys: `wt:contact:<id>`.
pub const CONTACT_PREFIX: &str = "wt:contact:";
/// The prefix of document keys: `wt:doc:<name>`.
pub const DOC_PREFIX: &str = "wt:doc:";

/// The schema version this code reads and writes.
pub const CURRENT_SCHEMA: u32 = 1;

/// The migrations of the released schemas: one step `from -> from + 1` for each `from` in
/// `1..CURRENT_SCHEMA`. Empty while there is only version 1.
pub const MIGRATIONS: &[Migration] = &[];

/// The field holding a record's version stamp.
const STAMP: &str = "schema";
/// The field of a document's envelope holding the document.
const DOC_FIELD: &str = "doc";

// ---------------------------------------------------------------------------------------------
// The key-value interface
// ---------------------------------------------------------------------------------------------

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

/// Records read at once by [`KeyValue::read_prefixed`]: keys and values as UTF-16 code units (as
/// browsers hold text), one after another in one buffer, which spares start-up an allocation and
/// a conversion per record.
#[derive(Debug, Default)]
pub struct Records {
    /// Key, value, key, value...
    units: Vec<u16>,
    /// Where each key and each value ends in `units`.
    ends: Vec<usize>,
}

impl Records {
    /// Adds a record.
    pub fn push(&mut self, key: &str, value: &str) {
        for text in [key, value] {
            self.units.extend(text.encode_utf16());
            self.ends.push(self.units.len());
        }
    }

    /// Records from a buffer filled elsewhere (by the browser) and where each key and each value
    /// ends in it; `None` unless the ends pair up, rise and stay in the buffer.
    pub fn from_parts(units: Vec<u16>, ends: Vec<usize>) -> Option<Self> {
        let fits = ends.len().is_multiple_of(2)
            && ends.windows(2).all(|w| w[0] <= w[1])
            && ends.last().is_none_or(|&end| end <= units.len());
        fits.then_some(Records { units, ends })
    }

    /// Each key (an unpaired surrogate read as U+FFFD) with its value's code units.
    pub fn iter(&self) -> impl Iterator<Item = (String, &[u16])> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        let mut texts = starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.units[start..end]);
        std::iter::from_fn(move || {
            let key = texts.next()?;
            Some((String::from_utf16_lossy(key), texts.next()?))
        })
    }

    /// How many records there are.
    pub fn len(&self) -> usize {
        self.ends.len() / 2
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

impl<T: KeyValue + ?Sized> KeyValue for &T {
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

impl<T: KeyValue + ?Sized> KeyValue for Rc<T> {
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

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

/// The key of a contact: `wt:contact:<id>`.
pub fn contact_key(id: &str) -> String {
    format!("{CONTACT_PREFIX}{id}")
}

/// The contact id in a contact key, or `None` for any other key.
pub fn contact_id_from_key(key: &str) -> Option<&str> {
    key.strip_prefix(CONTACT_PREFIX)
}

/// The key of a named document: `wt:doc:<name>`.
pub fn doc_key(name: &str) -> String {
    format!("{DOC_PREFIX}{name}")
}

/// The document name in a document key, or `None` for any other key.
pub fn doc_name_from_key(key: &str) -> Option<&str> {
    key.strip_prefix(DOC_PREFIX)
}

// ---------------------------------------------------------------------------------------------
// Errors and results
// ---------------------------------------------------------------------------------------------

/// A stored record that could not be read. It is left untouched in storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quarantined {
    /// Its key, e.g. `wt:contact:<id>`.
    pub key: String,
    /// Its stored text, exactly as found (empty if it could not even be read).
    pub raw: String,
    /// Why it could not be read, in plain words.
    pub error: String,
}

impl fmt::Display for Quarantined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "The record {} could not be read: {}. It was kept as it is.",
            self.key, self.error
        )
    }
}

/// What [`Repo::open`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    /// Every contact that could be read: those stored at the current version in the order
    /// storage lists them, then the older ones (upgraded) in key order.
    pub contacts: Vec<Contact>,
    /// The records (contacts or documents) that could not be read, left untouched.
    pub quarantined: Vec<Quarantined>,
}

/// Why the storage could not be opened. Nothing was written in any of these cases except
/// [`OpenError::Store`] during a migration, which leaves a state the next open resumes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// A newer version of Weak Ties has upgraded this storage; this version must not write to it.
    NewerSchema {
        /// The schema version found in `wt:meta`.
        found: u32,
    },
    /// `wt:meta` is there but unreadable; it is not overwritten.
    BadMeta {
        /// Its stored text.
        raw: String,
        /// What is wrong with it.
        error: String,
    },
    /// Storage refused a read, or a write while preparing or upgrading the data.
    Store(StoreError),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::NewerSchema { .. } => f.write_str(
                "Your data was saved by a newer version of Weak Ties, which this version cannot \
                 read safely, so nothing was changed. Reload the page to get the newer version.",
            ),
            OpenError::BadMeta { error, .. } => write!(
                f,
                "The version marker of your Weak Ties data in this browser (wt:meta) is \
                 unreadable ({error}), so nothing was loaded or changed. Your records are still \
                 there."
            ),
            OpenError::Store(StoreError::Full) => f.write_str(
                "The browser's storage for this site is full, so Weak Ties could not finish \
                 preparing your data. Nothing was lost: free some space and reload the page.",
            ),
            OpenError::Store(StoreError::Unavailable(why)) => write!(
                f,
                "The browser refused access to its storage ({why}), so Weak Ties cannot keep \
                 your data. Storage may be disabled, for example in private browsing."
            ),
        }
    }
}

impl std::error::Error for OpenError {}

impl From<StoreError> for OpenError {
    fn from(e: StoreError) -> Self {
        OpenError::Store(e)
    }
}

/// Why a save, delete or restore was refused. In every case nothing was written.
///
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// Another tab changed or deleted this contact since the edit started (or, for a new contact,
    /// its id is taken). `current` is the stored version, `None` if it was deleted.
    Conflict {
        /// The stored contact now, if any.
        current: Option<Box<Contact>>,
    },
    /// The stored record under this key cannot be read; it is not overwritten or deleted.
    Quarantined(Quarantined),
    /// Another tab has since upgraded the storage to a newer version of Weak Ties.
    Outdated {
        /// The schema version now in `wt:meta`.
        found: u32,
    },
    /// The value cannot be stored (e.g. a blank id); the text says why.
    Invalid(String),
    /// The browser's storage refused the write.
    Store(StoreError),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Conflict { current: Some(_) } => f.write_str(
                "This contact was changed in another tab since you started, so your change was \
                 not saved. The newer version is shown; make your change again.",
            ),
            SaveError::Conflict { current: None } => f.write_str(
                "This contact was deleted in another tab, so your change was not saved.",
            ),
            SaveError::Quarantined(q) => write!(
                f,
                "The stored copy of this record cannot be read ({}), so it was not overwritten. \
                 Download it from the list of unreadable records first.",
                q.error
            ),
            SaveError::Outdated { .. } => f.write_str(
                "Weak Ties was updated in another tab, so this change was not saved. Reload the \
                 page to keep working.",
            ),
            SaveError::Invalid(why) => write!(f, "This change could not be saved: {why}."),
            SaveError::Store(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for SaveError {}

impl From<StoreError> for SaveError {
    fn from(e: StoreError) -> Self {
        SaveError::Store(e)
    }
}

/// Why a document could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocError {
    /// The stored document is unreadable (or not of the expected type); it is left as it is.
    Corrupt(Quarantined),
    /// Storage refused the read.
    Store(StoreError),
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocError::Corrupt(q) => {
                let name = doc_name_from_key(&q.key).unwrap_or(&q.key);
                write!(
                    f,
                    "The saved {name} could not be read ({}), so the defaults are used. The \
                     stored copy was kept; download it before saving over it.",
                    q.error
                )
            }
            DocError::Store(StoreError::Full) => f.write_str(
                "The browser's storage for this site is full; export a backup and free some space.",
            ),
            DocError::Store(StoreError::Unavailable(why)) => write!(
                f,
                "The browser refused to read its storage ({why}). Storage may be disabled, for \
                 example in private browsing."
            ),
        }
    }
}

impl std::error::Error for DocError {}

// ---------------------------------------------------------------------------------------------
// Migrations and record encoding
// ---------------------------------------------------------------------------------------------

/// One step of the schema: upgrades a record from version `from` to `from + 1`.
#[derive(Clone, Copy, Debug)]
pub struct Migration {
    /// The version this step reads.
    pub from: u32,
    /// Upgrades one record, given its key (a contact or a document key) and its JSON without the
    /// version stamp (for a document, the document itself, without its envelope). An `Err` says
    /// why the record cannot be upgraded; it is then quarantined and left as it was.
    pub upgrade: fn(key: &str, record: Value) -> Result<Value, String>,
}

/// Runs the steps of `migrations` that take `record` from version `from` to `to`.
fn migrate(
    migrations: &[Migration],
    key: &str,
    mut record: Value,
    from: u32,
    to: u32,
) -> Result<Value, String> {
    for version in from..to {
        let step = migrations
            .iter()
            .find(|m| m.from == version)
            .ok_or_else(|| format!("no upgrade is known from version {version}"))?;
        record = (step.upgrade)(key, record)
            .map_err(|e| format!("upgrading it from version {version} failed: {e}"))?;
    }
    Ok(record)
}

/// Reads a version stamp: absent is `None`, anything but a whole number fitting `u32` is an error.
fn read_stamp(value: Option<&Value>) -> Result<Option<u32>, String> {
    match value {
        None => Ok(None),
        Some(v) => v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .map(Some)
            .ok_or_else(|| format!("its schema version {v} is not a whole number")),
    }
}

/// Splits a stored record into its version stamp and its body (stamp removed, envelope opened).
fn unstamp(key: &str, raw: &str) -> Result<(u32, Value), String> {
    let json = codec::unpack(raw)?;
    let value: Value =
        serde_json::from_str(&json).map_err(|e| format!("it is not valid JSON ({e})"))?;
    let Value::Object(mut map) = value else {
        return Err("it is not a JSON object".into());
    };
    if key.starts_with(DOC_PREFIX) {
        let stamp =
            read_stamp(map.get(STAMP))?.ok_or_else(|| "it has no schema version".to_string())?;
        let body = map
            .remove(DOC_FIELD)
            .ok_or_else(|| "it has no \"doc\" field".to_string())?;
        Ok((stamp, body))
    } else {
        let stamp = read_stamp(map.remove(STAMP).as_ref())?.unwrap_or(1);
        Ok((stamp, Value::Object(map)))
    }
}

/// The stored text of a record body at `version`: a contact gets a `"schema"` field, a document an
/// envelope.
fn stamp(key: &str, body: Value, version: u32) -> Result<String, String> {
    let stamped = if key.starts_with(DOC_PREFIX) {
        let mut envelope = Map::new();
        envelope.insert(STAMP.into(), Value::from(version));
        envelope.insert(DOC_FIELD.into(), body);
        Value::Object(envelope)
    } else {
        let Value::Object(mut map) = body else {
            return Err("a record must be a JSON object".into());
        };
        map.insert(STAMP.into(), Value::from(version));
        Value::Object(map)
    };
    serde_json::to_string(&stamped)
        .map(|json| codec::pack(&json))
        .map_err(|e| e.to_string())
}

/// A contact from its (current-version) body, checked against its key.
fn contact_from_body(key: &str, body: Value) -> Result<Contact, String> {
    let contact: Contact = serde_json::from_value(body)
        .map_err(|e| format!("it does not have the shape of a contact ({e})"))?;
    if contact.id.trim().is_empty() {
        return Err("its id is blank".into());
    }
    if Some(contact.id.as_str()) != contact_id_from_key(key) {
        return Err(format!("its id \"{}\" does not match its key", contact.id));
    }
    Ok(contact)
}

/// A stored contact read in one pass: the contact, and its `"schema"` stamp taken out of the same
/// object on the way (`null` and absent alike are `None`), so that loading's fast path parses each
/// record once.
struct Stamped {
    contact: Contact,
    stamp: Option<u32>,
}

impl<'de> Deserialize<'de> for Stamped {
    fn deserialize<D: Deserializer<'de>>(inner: D) -> Result<Self, D::Error> {
        let stamp = Cell::new(None);
        let contact = Contact::deserialize(TakeStamp {
            inner,
            stamp: &stamp,
        })?;
        Ok(Stamped {
            contact,
            stamp: stamp.get(),
        })
    }
}

/// A deserializer that reads an object as `inner` does, minus its `"schema"` field, whose value
/// goes to `stamp`.
struct TakeStamp<'s, D> {
    inner: D,
    stamp: &'s Cell<Option<u32>>,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for TakeStamp<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_map(TakeStamp {
            inner: visitor,
            stamp: self.stamp,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for TakeStamp<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(TakeStamp {
            inner: map,
            stamp: self.stamp,
        })
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for TakeStamp<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let mut seed = Some(seed);
        loop {
            match self.inner.next_key_seed(KeyOrStamp(&mut seed))? {
                None => return Ok(None),
                Some(Some(key)) => return Ok(Some(key)),
                Some(None) => self.stamp.set(self.inner.next_value()?),
            }
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.inner.next_value_seed(seed)
    }
}

/// Reads a field name: `None` for the stamp, else the name as the seed reads it (the seed is
/// used once, for the first name that is not the stamp).
struct KeyOrStamp<'s, K>(&'s mut Option<K>);

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeyOrStamp<'_, K> {
    type Value = Option<K::Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de, K: DeserializeSeed<'de>> Visitor<'de> for KeyOrStamp<'_, K> {
    type Value = Option<K::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        if name == STAMP {
            return Ok(None);
        }
        let seed = self
            .0
            .take()
            .ok_or_else(|| E::custom("a field name read twice"))?;
        let name: StrDeserializer<'_, E> = name.into_deserializer();
        seed.deserialize(name).map(Some)
    }
}

/// The text of `wt:meta` for `version`.
fn meta_text(version: u32) -> String {
    format!("{{\"{STAMP}\":{version}}}")
}

/// Why `wt:meta` could not be read.
enum MetaError {
    Bad { raw: String, error: String },
    Store(StoreError),
}

/// The version in `wt:meta`, `None` if there is none.
fn read_meta(store: &impl KeyValue) -> Result<Option<u32>, MetaError> {
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

// ---------------------------------------------------------------------------------------------
// The repository
// ---------------------------------------------------------------------------------------------

/// The storage rules over a [`KeyValue`]. It holds no cache: every operation reads what it needs,
/// so several `Repo`s (tabs) over the same storage stay correct. Use `Repo<&MemoryStore>` or
/// `Repo<Rc<MemoryStore>>` to share one store between them.
#[derive(Debug)]
pub struct Repo<S: KeyValue> {
    store: S,
    migrations: &'static [Migration],
    schema: u32,
}

impl<S: KeyValue> Repo<S> {
    /// Opens the storage: refuses newer or unreadable data, writes `wt:meta` on fresh storage,
    /// upgrades older records (see the module documentation), and loads every contact, reporting
    /// the unreadable records instead of failing.
    pub fn open(store: S) -> Result<(Self, Loaded), OpenError> {
        Self::open_with(store, MIGRATIONS, CURRENT_SCHEMA)
    }

    /// [`Repo::open`] with an explicit migration table and current version: the runner itself,
    /// exercised in tests with test-only tables.
    fn open_with(
        store: S,
        migrations: &'static [Migration],
        schema: u32,
    ) -> Result<(Self, Loaded), OpenError> {
        let repo = Repo {
            store,
            migrations,
            schema,
        };
        let meta = match read_meta(&repo.store) {
            Ok(meta) => meta,
            Err(MetaError::Bad { raw, error }) => return Err(OpenError::BadMeta { raw, error }),
            Err(MetaError::Store(e)) => return Err(OpenError::Store(e)),
        };
        if let Some(found) = meta {
            if found > schema {
                return Err(OpenError::NewerSchema { found });
            }
        }

        // Every record in one read, as UTF-16. A contact at the current version is read straight
        // from its units, in the order storage lists them; every other record goes through the
        // general path, in key order, so that migrations and quarantine run in a stable order.
        let mut loaded = Loaded::default();
        let records = repo.store.read_prefixed(PREFIX)?;
        let mut others: Vec<(String, &[u16])> = Vec::new();
        for (key, value) in records.iter() {
            if key.starts_with(CONTACT_PREFIX) {
                let fast = codec::unpack_units(value)
                    .ok()
                    .and_then(|json| repo.current_contact_json(&key, &json));
                if let Some(contact) = fast {
                    loaded.contacts.push(contact);
                    continue;
                }
            } else if !key.starts_with(DOC_PREFIX) {
                continue;
            }
            others.push((key, value));
        }
        others.sort_unstable_by(|a, b| a.0.cmp(&b.0));

        for (key, value) in others {
            let raw = String::from_utf16_lossy(value);
            let checked = repo.read_body(&key, &raw).and_then(|(version, body)| {
                let contact = if key.starts_with(CONTACT_PREFIX) {
                    Some(contact_from_body(&key, body.clone())?)
                } else {
                    None
                };
                let upgraded = if version < schema {
                    Some(stamp(&key, body, schema)?)
                } else {
                    None
                };
                Ok((contact, upgraded))
            });
            match checked {
                Err(error) => loaded.quarantined.push(Quarantined { key, raw, error }),
                Ok((contact, upgraded)) => {
                    if let Some(text) = upgraded {
                        // A failure leaves `wt:meta` at the old version: the next open resumes.
                        repo.store.set(&key, &text)?;
                    }
                    loaded.contacts.extend(contact);
                }
            }
        }

        if meta != Some(schema) {
            repo.store.set(META_KEY, &meta_text(schema))?;
        }
        Ok((repo, loaded))
    }

    /// The storage this repository works on.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// A stored record's version and its body upgraded (in memory) to the current version.
    fn read_body(&self, key: &str, raw: &str) -> Result<(u32, Value), String> {
        let (version, body) = unstamp(key, raw)?;
        if version > self.schema {
            return Err(format!(
                "it was saved by a newer version of Weak Ties (schema {version})"
            ));
        }
        let body = migrate(self.migrations, key, body, version, self.schema)?;
        Ok((version, body))
    }

    /// Loading's fast path: a contact stored at the current version is read straight into a
    /// [`Contact`], without the `Value` tree that migrations need (at 10,000 contacts that tree
    /// is most of the start-up time). `None` whenever anything is off: the general path then
    /// reads the record again and says why.
    fn current_contact(&self, key: &str, raw: &str) -> Option<Contact> {
        self.current_contact_json(key, &codec::unpack(raw).ok()?)
    }

    /// [`Repo::current_contact`] of a record's JSON, already unpacked.
    fn current_contact_json(&self, key: &str, json: &str) -> Option<Contact> {
        let Stamped { contact, stamp } = serde_json::from_str(json).ok()?;
        if stamp.unwrap_or(1) != self.schema {
            return None;
        }
        let id = contact.id.as_str();
        (!id.trim().is_empty() && contact_id_from_key(key) == Some(id)).then_some(contact)
    }

    /// The stored contact under `key`: `Ok(None)` if absent, `Err` if unreadable.
    fn stored_contact(&self, key: &str) -> Result<Option<Contact>, SaveError> {
        let Some(raw) = self.store.get(key)? else {
            return Ok(None);
        };
        self.read_body(key, &raw)
            .and_then(|(_, body)| contact_from_body(key, body))
            .map(Some)
            .map_err(|error| {
                SaveError::Quarantined(Quarantined {
                    key: key.to_owned(),
                    raw,
                    error,
                })
            })
    }

    /// Refuses to write when another tab has upgraded the storage past this code, or when
    /// `wt:meta` has become unreadable.
    fn check_writable(&self) -> Result<(), SaveError> {
        match read_meta(&self.store) {
            Ok(Some(found)) if found > self.schema => Err(SaveError::Outdated { found }),
            Ok(_) => Ok(()),
            Err(MetaError::Bad { raw, error }) => Err(SaveError::Quarantined(Quarantined {
                key: META_KEY.into(),
                raw,
                error,
            })),
            Err(MetaError::Store(e)) => Err(SaveError::Store(e)),
        }
    }

    /// The stored text of a contact at this version.
    fn encode_contact(&self, contact: &Contact) -> Result<String, SaveError> {
        let body = serde_json::to_value(contact).map_err(|e| SaveError::Invalid(e.to_string()))?;
        stamp(&contact_key(&contact.id), body, self.schema).map_err(SaveError::Invalid)
    }

    /// Saves an edited contact with compare-and-set: `contact.rev` must be the stored revision
    /// (0 for a new contact, whose key must be free). Writes exactly one key, with `rev + 1` and
    /// `updated_at = now`, and returns the saved copy. On any error nothing is written.
    pub fn save_contact(
        &self,
        contact: &Contact,
        now: DateTime<Utc>,
    ) -> Result<Contact, SaveError> {
        if contact.id.trim().is_empty() {
            return Err(SaveError::Invalid("the contact has no id".into()));
        }
        self.check_writable()?;
        let key = contact_key(&contact.id);
        match self.stored_contact(&key)? {
            Some(stored) if contact.rev == 0 || stored.rev != contact.rev => {
                return Err(SaveError::Conflict {
                    current: Some(Box::new(stored)),
                })
            }
            None if contact.rev != 0 => return Err(SaveError::Conflict { current: None }),
            _ => {}
        }
        let mut saved = contact.clone();
        saved.rev = contact
            .rev
            .checked_add(1)
            .ok_or_else(|| SaveError::Invalid("its revision counter is exhausted".into()))?;
        saved.updated_at = now;
        let text = self.encode_contact(&saved)?;
        self.store.set(&key, &text)?;
        Ok(saved)
    }

    /// Deletes a contact if its stored revision is still `expected_rev`, and returns the deleted
    /// record so the UI can offer undo ([`Repo::restore_contact`]).
    pub fn delete_contact(&self, id: &str, expected_rev: u64) -> Result<Contact, SaveError> {
        self.check_writable()?;
        let key = contact_key(id);
        match self.stored_contact(&key)? {
            None => Err(SaveError::Conflict { current: None }),
            Some(stored) if stored.rev != expected_rev => Err(SaveError::Conflict {
                current: Some(Box::new(stored)),
            }),
            Some(stored) => {
                self.store.remove(&key)?;
                Ok(stored)
            }
        }
    }

    /// Writes a deleted contact back as it was (same revision), only if its key is still free;
    /// otherwise a conflict with what is there now.
    pub fn restore_contact(&self, contact: &Contact) -> Result<Contact, SaveError> {
        if contact.id.trim().is_empty() {
            return Err(SaveError::Invalid("the contact has no id".into()));
        }
        self.check_writable()?;
        let key = contact_key(&contact.id);
        if let Some(current) = self.stored_contact(&key)? {
            return Err(SaveError::Conflict {
                current: Some(Box::new(current)),
            });
        }
        let text = self.encode_contact(contact)?;
        self.store.set(&key, &text)?;
        Ok(contact.clone())
    }

    /// Rereads one contact, given its key (`wt:contact:<id>`, as the browser's `storage` event
    /// gives it) or its id: `Ok(None)` if it is gone, `Err` if it is unreadable (a failed read is
    /// reported the same way, with an empty `raw`).
    pub fn reload_contact(&self, key_or_id: &str) -> Result<Option<Contact>, Quarantined> {
        let key = if key_or_id.starts_with(CONTACT_PREFIX) {
            key_or_id.to_owned()
        } else {
            contact_key(key_or_id)
        };
        match self.stored_contact(&key) {
            Ok(found) => Ok(found),
            Err(SaveError::Quarantined(q)) => Err(q),
            Err(e) => Err(Quarantined {
                key,
                raw: String::new(),
                error: e.to_string(),
            }),
        }
    }

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

    /// The stored text under `key`, exactly as it is, so the UI can offer an unreadable record for
    /// download.
    pub fn quarantined_raw(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.store.get(key)
    }
}

// ---------------------------------------------------------------------------------------------
// Several keys at once (backup import): all or nothing
// ---------------------------------------------------------------------------------------------

/// Runs the migrations of `migrations` that take one record from version `from` to `to`: the same
/// runner [`Repo::open`] uses, for records that come from elsewhere (a backup file). `key` is the
/// key the record is (or would be) stored under, `record` its JSON without the version stamp (for
/// a document, the document itself). The `Err` says why, in plain words.
pub fn migrate_record(
    migrations: &[Migration],
    key: &str,
    record: Value,
    from: u32,
    to: u32,
) -> Result<Value, String> {
    migrate(migrations, key, record, from, to)
}

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
    /// The schema version this repository reads and writes.
    pub fn schema(&self) -> u32 {
        self.schema
    }

    /// The migration table this repository upgrades records with.
    pub fn migrations(&self) -> &'static [Migration] {
        self.migrations
    }

    /// Reads a contact from its stored text `raw` under `key` (upgrading it in memory, checking
    /// its id against the key), as loading does; the `Err` says why it is unreadable.
    pub fn decode_contact(&self, key: &str, raw: &str) -> Result<Contact, String> {
        if let Some(contact) = self.current_contact(key, raw) {
            return Ok(contact);
        }
        self.read_body(key, raw)
            .and_then(|(_, body)| contact_from_body(key, body))
    }

    /// Reads a document's JSON from its stored text `raw` under `key` (upgraded in memory, without
    /// its envelope); the `Err` says why it is unreadable.
    pub fn decode_doc(&self, key: &str, raw: &str) -> Result<Value, String> {
        self.read_body(key, raw).map(|(_, body)| body)
    }

    /// The text a contact is stored as (with its version stamp), for [`Repo::write_batch`].
    pub fn contact_text(&self, contact: &Contact) -> Result<String, SaveError> {
        if contact.id.trim().is_empty() {
            return Err(SaveError::Invalid("the contact has no id".into()));
        }
        self.encode_contact(contact)
    }

    /// The text the document `name` is stored as (in its envelope), for [`Repo::write_batch`].
    pub fn doc_text<T: Serialize>(&self, name: &str, doc: &T) -> Result<String, SaveError> {
        let body = serde_json::to_value(doc).map_err(|e| SaveError::Invalid(e.to_string()))?;
        stamp(&doc_key(name), body, self.schema).map_err(SaveError::Invalid)
    }

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Deserialize;
    use serde_json::json;

    fn t(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + secs, 0).unwrap()
    }

    fn person(id: &str, name: &str) -> Contact {
        let mut c = Contact::new(name, t(0));
        c.id = id.into();
        c
    }

    fn open(store: &MemoryStore) -> (Repo<&MemoryStore>, Loaded) {
        Repo::open(store).expect("open")
    }

    /// The keys whose values differ between two snapshots.
    fn changed(a: &BTreeMap<String, String>, b: &BTreeMap<String, String>) -> Vec<String> {
        let mut keys: Vec<String> = a.keys().chain(b.keys()).cloned().collect();
        keys.sort();
        keys.dedup();
        keys.retain(|k| a.get(k) != b.get(k));
        keys
    }

    fn stored_json(store: &MemoryStore, key: &str) -> Value {
        serde_json::from_str(&codec::unpack(&store.get(key).unwrap().unwrap()).unwrap()).unwrap()
    }

    // --- MemoryStore -------------------------------------------------------------------------

    #[test]
    fn memory_store_quota_refuses_and_changes_nothing() {
        let store = MemoryStore::with_quota(10);
        store.set("ab", "cdef").unwrap(); // 6
        assert_eq!(store.set("gh", "ijklm"), Err(StoreError::Full)); // would be 13
        assert_eq!(store.snapshot().len(), 1);
        store.set("ab", "cdefghij").unwrap(); // replacing: 10, fits exactly
        assert_eq!(store.set("ab", "cdefghijk"), Err(StoreError::Full));
        assert_eq!(store.get("ab").unwrap().as_deref(), Some("cdefghij"));
        store.remove("ab").unwrap();
        assert_eq!(store.used(), 0);
        // UTF-16 code units, as browsers count: "é" is 1, "😀" is 2.
        store.set("k", "é😀").unwrap();
        assert_eq!(store.used(), 4);
    }

    #[test]
    fn memory_store_fail_writes() {
        let store = MemoryStore::new();
        store.set("a", "1").unwrap();
        store.set_fail_writes(true);
        assert!(matches!(
            store.set("b", "2"),
            Err(StoreError::Unavailable(_))
        ));
        assert!(matches!(store.remove("a"), Err(StoreError::Unavailable(_))));
        assert_eq!(store.get("a").unwrap().as_deref(), Some("1"));
        store.set_fail_writes(false);
        store.set("b", "2").unwrap();
        assert_eq!(store.keys().unwrap(), vec!["a", "b"]);
    }

    // --- keys --------------------------------------------------------------------------------

    #[test]
    fn key_helpers() {
        assert_eq!(contact_key("abc"), "wt:contact:abc");
        assert_eq!(contact_id_from_key("wt:contact:abc"), Some("abc"));
        assert_eq!(contact_id_from_key("wt:doc:abc"), None);
        assert_eq!(contact_id_from_key("other"), None);
        assert_eq!(doc_key("settings"), "wt:doc:settings");
        assert_eq!(doc_name_from_key("wt:doc:settings"), Some("settings"));
        assert_eq!(doc_name_from_key("wt:meta"), None);
        assert!(CONTACT_PREFIX.starts_with(PREFIX) && DOC_PREFIX.starts_with(PREFIX));
        assert!(META_KEY.starts_with(PREFIX));
    }

    // --- open, save, reload ------------------------------------------------------------------

    #[test]
    fn fresh_open_writes_only_meta() {
        let store = MemoryStore::new();
        store.set("someone-else", "x").unwrap();
        let (_, loaded) = open(&store);
        assert_eq!(loaded, Loaded::default());
        assert_eq!(
            changed(&BTreeMap::new(), &store.snapshot()),
            vec!["someone-else", META_KEY]
        );
        assert_eq!(
            stored_json(&store, META_KEY),
            json!({"schema": CURRENT_SCHEMA})
        );
        // Opening again writes nothing.
        store.set_fail_writes(true);
        let before = store.snapshot();
        open(&store);
        assert_eq!(store.snapshot(), before);
    }

    #[test]
    fn fresh_open_with_storage_refused_is_an_error() {
        let store = MemoryStore::new();
        store.set_fail_writes(true);
        let err = Repo::open(&store).unwrap_err();
        assert!(matches!(err, OpenError::Store(StoreError::Unavailable(_))));
        assert!(err.to_string().contains("private browsing"));
        assert!(store.snapshot().is_empty());
    }

    #[test]
    fn round_trip() {
        let store = MemoryStore::new();
        let (repo, _) = open(&store);
        let mut ada = person("ada", "Ada Lovelace");
        ada.emails.push("ada@example.org".into());
        ada.notes = "Analytical engine.\nLikes poetry.".into();
        let saved = repo.save_contact(&ada, t(60)).unwrap();
        assert_eq!(saved.rev, 1);
        assert_eq!(saved.updated_at, t(60));
        assert_eq!(saved.created_at, t(0));
        assert_eq!(
            Contact {
                rev: 1,
                updated_at: t(60),
                ..ada.clone()
            },
            saved
        );

        assert_eq!(repo.reload_contact("ada"), Ok(Some(saved.clone())));
        assert_eq!(
            repo.reload_contact("wt:contact:ada"),
            Ok(Some(saved.clone()))
        );
        assert_eq!(repo.reload_contact("nobody"), Ok(None));

        let mut edit = saved.clone();
        edit.role = "Mathematician".into();
        let saved2 = repo.save_contact(&edit, t(120)).unwrap();
        assert_eq!(saved2.rev, 2);

        let (_, loaded) = open(&store);
        assert_eq!(loaded.contacts, vec![saved2]);
        assert!(loaded.quarantined.is_empty());
        // The record carries its version stamp.
        assert_eq!(
            stored_json(&store, "wt:contact:ada")["schema"],
            json!(CURRENT_SCHEMA)
        );
    }

    #[test]
    fn one_edit_writes_exactly_one_key() {
        let store = MemoryStore::new();
        let (repo, _) = open(&store);
        let mut saved = Vec::new();
        for (id, name) in [("a", "Ann"), ("b", "Bob"), ("c", "Cy")] {
            saved.push(repo.save_contact(&person(id, name), t(1)).unwrap());
        }
        repo.save_doc("settings", &json!({"dark": true})).unwrap();

        let before = store.snapshot();
        let mut bob = saved[1].clone();
        bob.follow_ups.push(crate::model::FollowUp {
            id: "f1".into(),
            kind: crate::model::FollowUpKind::ThankYou,
            text: "Thank Bob for the coffee".into(),
            due: chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
            done_on: None,
        });
        repo.save_contact(&bob, t(2)).unwrap();
        assert_eq!(changed(&before, &store.snapshot()), vec!["wt:contact:b"]);

        let before = store.snapshot();
        repo.delete_contact("c", 1).unwrap();
        assert_eq!(changed(&before, &store.snapshot()), vec!["wt:contact:c"]);

        let before = store.snapshot();
        repo.save_doc("settings", &json!({"dark": false})).unwrap();
        assert_eq!(changed(&before, &store.snapshot()), vec!["wt:doc:settings"]);
    }

    #[test]
    fn new_contact_whose_key_exists_is_a_conflict() {
        let store = MemoryStore::new();
        let (repo, _) = open(&store);
        let first = repo.save_contact(&person("x", "First"), t(1)).unwrap();
        let before = store.snapshot();
        let err = repo.save_contact(&person("x", "Second"), t(2)).unwrap_err();
        assert_eq!(
            err,
            SaveError::Conflict {
                current: Some(Box::new(first))
            }
        );
        assert_eq!(store.snapshot(), before);
    }

    #[test]
    fn saving_an_edit_of_a_deleted_contact_is_a_conflict() {
        let store = MemoryStore::new();
        let (repo, _) = open(&store);
        let saved = repo.save_contact(&person("x", "X"), t(1)).unwrap();
        repo.delete_contact("x", 1).unwrap();
        let err = repo.save_contact(&saved, t(2)).unwrap_err();
        assert_eq!(err, SaveError::Conflict { current: None });
        assert!(err.to_string().contains("deleted in another tab"));
        assert_eq!(
            repo.delete_contact("x", 1),
            Err(SaveError::Conflict { current: None })
        );
        assert_eq!(repo.reload_contact("x"), Ok(None));
    }

    #[test]
    fn delete_and_undo() {
        let store = MemoryStore::new();
        let (repo, _) = open(&store);
        let saved = repo.save_contact(&person("x", "X"), t(1)).unwrap();
        let with_x = store.snapshot();
        assert_eq!(
            repo.delete_contact("x", 0),
            Err(SaveError::Conflict {
                current: Some(Box::new(saved.clone()))
            })
        );
        let deleted = repo.delete_contact("x", 1).unwrap();
        assert_eq!(deleted, saved);
        assert_eq!(store.get("wt:contact:x").unwrap(), None);
        assert_eq!(repo.restore_contact(&deleted), Ok(saved.clone()));
        assert_eq!(store.snapshot(), with_x);
        // Restoring over a present record is refused.
        assert_eq!(
            repo.restore_contact(&deleted),
            Err(SaveError::Conflict {
                current: Some(Box::new(saved))
            })
        );
    }

    #[test]
    fn blank_id_is_refused() {
        let store = MemoryStore::new();
        let (repo, _) = open(&store);
        let before = store.snapshot();
        assert!(matches!(
            repo.save_contact(&person(" ", "X"), t(1)),
            Err(SaveError::Invalid(_))
        ));
        assert!(matches!(
            repo.restore_contact(&person("", "X")),
            Err(SaveError::Invalid(_))
        ));
        assert_eq!(store.snapshot(), before);
    }

    // --- corrupt records ---------------------------------------------------------------------

    #[test]
    fn one_pass_takes_the_top_level_stamp_out_of_the_contact() {
        let c = person("one", "Ada");
        let mut body = serde_json::to_value(&c).unwrap();
        let read = |body: &Value| serde_json::from_str::<Stamped>(&body.to_string());
        let Stamped { contact, stamp } = read(&body).unwrap();
        assert_eq!((contact, stamp), (c.clone(), None));
        body["schema"] = Value::from(7);
        let Stamped { contact, stamp } = read(&body).unwrap();
        assert_eq!((contact, stamp), (c.clone(), Some(7)));
        body["schema"] = Value::Null;
        assert_eq!(read(&body).unwrap().stamp, None);
        body["schema"] = Value::from("seven");
        assert!(read(&body).is_err());
        // A "schema" field inside a nested record is not the record's stamp.
        body.as_object_mut().unwrap().remove("schema");
        body["interactions"] = serde_json::json!([
            {"id": "i", "date": "2025-01-02", "kind": "met", "summary": "", "schema": 9}
        ]);
        let Stamped { contact, stamp } = read(&body).unwrap();
        assert_eq!((contact.interactions.len(), stamp), (1, None));
        assert!(serde_json::from_str::<Stamped>("[1]").is_err());
    }

    #[test]
    fn the_fast_path_reads_what_the_general_path_reads() {
        let store = MemoryStore::new();
        let (repo, _) = open(&store);
        let mut c = person("fast", "Zoë <b>Quinn</b> 🎉");
        c.notes = "line one\nline \"two\"".into();
        let saved = repo.save_contact(&c, t(1)).unwrap();
        let key = contact_key("fast");
        let raw = store.get(&key).unwrap().unwrap();
        let general = repo
            .read_body(&key, &raw)
            .and_then(|(_, body)| contact_from_body(&key, body))
            .unwrap();
        assert_eq!(repo.current_contact(&key, &raw), Some(general.clone()));
        assert_eq!(general, saved);
        // Under another key, or at another version, it steps aside for the general path.
        assert_eq!(repo.current_contact("wt:contact:other", &raw), None);
        let newer = codec::unpack(&raw)
            .unwrap()
            .replace("\"schema\":1", "\"schema\":2");
        assert_eq!(repo.current_contact(&key, &newer), None);
    }

    #[test]
    fn corrupt_records_are_quarantined_and_left_untouched() {
        let store = MemoryStore::new();
        let (repo, _) = open(&store);
        let good = repo.save_contact(&person("good", "Grace"), t(1)).unwrap();
        let other = repo.save_contact(&person("zed", "Zed"), t(1)).unwrap();
        let packed = store.get("wt:contact:good").unwrap().unwrap();
        let full = codec::unpack(&packed).unwrap().into_owned();
        let bad = [
            (
                "wt:contact:cutpacked",
                packed.chars().take(packed.chars().count() / 2).collect(),
            ),
            (
                "wt:contact:truncated",
                full.chars().take(full.chars().count() / 2).collect(),
            ),
            (
                "wt:contact:wrongtype",
                full.replace("\"name\":\"Grace\"", "\"name\":5")
                    .replace("good", "wrongtype"),
            ),
            ("wt:contact:mismatch", full.clone()),
            (
                "wt:contact:",
                full.replace("\"id\":\"good\"", "\"id\":\"\""),
            ),
            ("wt:contact:array", "[1,2]".to_string()),
            (
                "wt:contact:newer",
                full.replace("\"schema\":1", "\"schema\":99")
                    .replace("good", "newer"),
            ),
            (
                "wt:contact:badstamp",
                full.replace("\"schema\":1", "\"schema\":\"one\"")
                    .replace("good", "badstamp"),
            ),
            ("wt:doc:broken", "{\"schema\":1".to_string()),
            ("wt:doc:noenvelope", "{\"dark\":true}".to_string()),
        ];
        for (k, v) in &bad {
            store.set(k, v).unwrap();
        }
        let before = store.snapshot();

        let (repo, loaded) = open(&store);
        assert_eq!(loaded.contacts, vec![good, other]);
        let mut found: Vec<(String, String)> = loaded
            .quarantined
            .iter()
            .map(|q| (q.key.clone(), q.raw.clone()))
            .collect();
        found.sort();
        let mut expected: Vec<(String, String)> = bad
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        expected.sort();
        assert_eq!(found, expected);
        assert_eq!(
            store.snapshot(),
            before,
            "quarantined records are never rewritten"
        );
        let errors: BTreeMap<&str, &str> = loaded
            .quarantined
            .iter()
            .map(|q| (q.key.as_str(), q.error.as_str()))
            .collect();
        assert!(errors["wt:contact:truncated"].contains("not valid JSON"));
        assert!(errors["wt:contact:cutpacked"].contains("compressed text is damaged"));
        assert!(errors["wt:contact:wrongtype"].contains("shape of a contact"));
        assert!(errors["wt:contact:mismatch"].contains("does not match its key"));
        assert!(errors["wt:contact:"].contains("blank"));
        assert!(errors["wt:contact:newer"].contains("newer version"));
        assert!(errors["wt:contact:badstamp"].contains("not a whole number"));

        // The app refuses to overwrite or delete them, and offers them raw.
        let q = repo.reload_contact("wt:contact:mismatch").unwrap_err();
        assert_eq!(q.raw, full);
        let mut edit = person("mismatch", "M");
        edit.rev = 1;
        assert!(matches!(
            repo.save_contact(&edit, t(5)),
            Err(SaveError::Quarantined(_))
        ));
        assert!(matches!(
            repo.save_contact(&person("truncated", "T"), t(5)),
            Err(SaveError::Quarantined(_))
        ));
        assert!(matches!(
            repo.delete_contact("truncated", 1),
            Err(SaveError::Quarantined(_))
        ));
        assert!(matches!(
            repo.restore_contact(&person("newer", "N")),
            Err(SaveError::Quarantined(_))
        ));
        assert_eq!(
            repo.quarantined_raw("wt:contact:truncated"),
            Ok(Some(bad[1].1.clone()))
        );
        assert_eq!(store.snapshot(), before);
        let msg = repo.save_contact(&edit, t(5)).unwrap_err().to_string();
        assert!(msg.contains("not overwritten"), "{msg}");
    }

    // --- refused writes ----------------------------------------------------------------------

    #[test]
    fn refused_writes_change_nothing() {
        let store = MemoryStore::new();
        let (repo, _) = open(&store);
        let a = repo.save_contact(&person("a", "Ann"), t(1)).unwrap();
        let b = repo.save_contact(&person("b", "Bob"), t(1)).unwrap();
        repo.save_doc("settings", &json!({"dark": true})).unwrap();
        let before = store.snapshot();

        // Quota: no room for a longer note.
        store.set_quota(Some(store.used() + 10));
        let mut edit = a.clone();
        edit.notes = "a long note that does not fit in the remaining space".into();
        let err = repo.save_contact(&edit, t(2)).unwrap_err();
        assert_eq!(err, SaveError::Store(StoreError::Full));
        assert!(err.to_string().contains("full"));
        assert_eq!(
            repo.save_contact(&person("c", "A new contact"), t(2)),
            Err(SaveError::Store(StoreError::Full))
        );
        assert_eq!(
            repo.save_doc("templates", &vec!["a long template body that does not fit"]),
            Err(SaveError::Store(StoreError::Full))
        );
        assert_eq!(store.snapshot(), before);
        store.set_quota(None);

        // Storage refusing every write.
        store.set_fail_writes(true);
        let unavailable = |r: Result<Contact, SaveError>| {
            matches!(r, Err(SaveError::Store(StoreError::Unavailable(_))))
        };
        assert!(unavailable(repo.save_contact(&edit, t(3))));
        assert!(unavailable(repo.delete_contact("b", b.rev)));
        assert!(unavailable(repo.restore_contact(&person("c", "C"))));
        assert!(matches!(
            repo.save_doc("settings", &json!({})),
            Err(SaveError::Store(StoreError::Unavailable(_)))
        ));
        assert_eq!(store.snapshot(), before);
        let msg = repo.save_contact(&edit, t(3)).unwrap_err().to_string();
        assert!(msg.contains("refused to store data") && msg.contains("private browsing"));

        // And afterwards the same edit goes through.
        store.set_fail_writes(false);
        assert_eq!(repo.save_contact(&edit, t(4)).unwrap().rev, 2);
    }

    // --- two tabs ----------------------------------------------------------------------------

    #[test]
    fn two_tabs_stale_save_is_a_conflict() {
        let store = Rc::new(MemoryStore::new());
        let (tab_a, _) = Repo::open(Rc::clone(&store)).unwrap();
        tab_a.save_contact(&person("p", "Pat"), t(1)).unwrap();
        let (tab_b, loaded_b) = Repo::open(Rc::clone(&store)).unwrap();
        let p_in_b = loaded_b.contacts[0].clone();
        let p_in_a = tab_a.reload_contact("p").unwrap().unwrap();

        let mut edit_a = p_in_a.clone();
        edit_a.notes = "A's note".into();
        let saved_a = tab_a.save_contact(&edit_a, t(2)).unwrap();

        let mut edit_b = p_in_b.clone();
        edit_b.notes = "B's note".into();
        let before = store.snapshot();
        let err = tab_b.save_contact(&edit_b, t(3)).unwrap_err();
        assert_eq!(
            err,
            SaveError::Conflict {
                current: Some(Box::new(saved_a.clone()))
            }
        );
        assert!(err.to_string().contains("another tab"));
        assert_eq!(store.snapshot(), before);
        assert_eq!(
            tab_b.reload_contact("wt:contact:p"),
            Ok(Some(saved_a.clone()))
        );
        assert_eq!(
            tab_b.delete_contact("p", p_in_b.rev),
            Err(SaveError::Conflict {
                current: Some(Box::new(saved_a.clone()))
            })
        );

        // B rebases on the current version and saves; now A is the stale one.
        let mut rebased = saved_a.clone();
        rebased.notes.push_str(" + B's note");
        let saved_b = tab_b.save_contact(&rebased, t(4)).unwrap();
        assert_eq!(saved_b.rev, 3);
        assert!(matches!(
            tab_a.save_contact(&saved_a, t(5)),
            Err(SaveError::Conflict { .. })
        ));
        assert_eq!(tab_a.reload_contact("p"), Ok(Some(saved_b)));
    }

    #[test]
    fn two_tabs_over_a_shared_reference() {
        let store = MemoryStore::new();
        let (a, _) = Repo::open(&store).unwrap();
        let (b, _) = Repo::open(&store).unwrap();
        let x = a.save_contact(&person("x", "X"), t(1)).unwrap();
        // B creates a contact with the same id without having seen A's: conflict.
        assert!(matches!(
            b.save_contact(&person("x", "Other X"), t(2)),
            Err(SaveError::Conflict { .. })
        ));
        // A deletes; B's edit of the old version is refused, A's delete stands.
        a.delete_contact("x", 1).unwrap();
        assert_eq!(
            b.save_contact(&x, t(3)),
            Err(SaveError::Conflict { current: None })
        );
        assert_eq!(store.get("wt:contact:x").unwrap(), None);
    }

    // --- schema ------------------------------------------------------------------------------

    #[test]
    fn newer_schema_is_refused_without_writing() {
        let store = MemoryStore::new();
        store.set(META_KEY, "{\"schema\":2}").unwrap();
        store
            .set("wt:contact:a", "{\"schema\":2,\"whatever\":true}")
            .unwrap();
        let before = store.snapshot();
        let err = Repo::open(&store).unwrap_err();
        assert_eq!(err, OpenError::NewerSchema { found: 2 });
        assert!(err.to_string().contains("newer version of Weak Ties"));
        assert_eq!(store.snapshot(), before);
    }

    #[test]
    fn unreadable_meta_is_an_error_and_kept() {
        for raw in [
            "garbage",
            "{\"schema\":\"one\"}",
            "{}",
            "[1]",
            "{\"schema\":-1}",
        ] {
            let store = MemoryStore::new();
            store.set(META_KEY, raw).unwrap();
            let before = store.snapshot();
            match Repo::open(&store) {
                Err(OpenError::BadMeta { raw: r, error }) => {
                    assert_eq!(r, raw);
                    assert!(!error.is_empty());
                }
                other => panic!("{raw}: {other:?}"),
            }
            assert!(Repo::open(&store)
                .unwrap_err()
                .to_string()
                .contains("wt:meta"));
            assert_eq!(store.snapshot(), before);
        }
    }

    #[test]
    fn the_release_migration_table_is_complete() {
        assert!(covers(MIGRATIONS, CURRENT_SCHEMA));
        assert!(covers(TEST_MIGRATIONS, 3));
        assert!(!covers(TEST_MIGRATIONS, 4));
        assert!(!covers(&TEST_MIGRATIONS[1..], 3));
    }

    /// Whether `table` has exactly one step from each version in `1..current`, and no other.
    fn covers(table: &[Migration], current: u32) -> bool {
        (1..current).all(|v| table.iter().filter(|m| m.from == v).count() == 1)
            && table.iter().all(|m| (1..current).contains(&m.from))
    }

    // Test-only schema: v1 contacts have "full_name" instead of "name" and "company" instead of
    // "organization"; v2 renamed "full_name" to "name"; v3 renamed "company" to "organization" and
    // tags every migrated contact "v3" (not idempotent on purpose: a rerun would show twice).
    // Documents: the v1 settings `{"dark": bool}` became `{"theme": "dark" | "light"}` in v2.

    fn v1_to_v2(key: &str, record: Value) -> Result<Value, String> {
        let Value::Object(mut map) = record else {
            return Err("not an object".into());
        };
        if key.starts_with(DOC_PREFIX) {
            let dark = map
                .remove("dark")
                .and_then(|d| d.as_bool())
                .ok_or("no \"dark\" flag")?;
            map.insert("theme".into(), json!(if dark { "dark" } else { "light" }));
            return Ok(Value::Object(map));
        }
        let name = map.remove("full_name").ok_or("no full_name")?;
        map.insert("name".into(), name);
        Ok(Value::Object(map))
    }

    fn v2_to_v3(key: &str, record: Value) -> Result<Value, String> {
        if key.starts_with(DOC_PREFIX) {
            return Ok(record);
        }
        let Value::Object(mut map) = record else {
            return Err("not an object".into());
        };
        if let Some(company) = map.remove("company") {
            map.insert("organization".into(), company);
        }
        let tags = map.entry("tags").or_insert_with(|| json!([]));
        tags.as_array_mut()
            .ok_or("tags is not a list")?
            .push(json!("v3"));
        Ok(Value::Object(map))
    }

    static TEST_MIGRATIONS: &[Migration] = &[
        Migration {
            from: 1,
            upgrade: v1_to_v2,
        },
        Migration {
            from: 2,
            upgrade: v2_to_v3,
        },
    ];

    fn v1_contact(id: &str, name: &str, company: &str) -> String {
        json!({
            "schema": 1,
            "id": id,
            "full_name": name,
            "company": company,
            "created_at": "2024-01-01T00:00:00Z",
            "updated_at": "2024-01-02T00:00:00Z",
            "rev": 4
        })
        .to_string()
    }

    /// A storage as version 1 left it: meta, three contacts, settings.
    fn v1_storage() -> MemoryStore {
        let store = MemoryStore::new();
        store.set(META_KEY, "{\"schema\":1}").unwrap();
        // Stored packed, as the app writes them...
        let a = codec::pack(&v1_contact("a", "Ada", "Analytical Engines"));
        store.set("wt:contact:a", &a).unwrap();
        let b = codec::pack(&v1_contact("b", "Bea", "Babbage & Co"));
        store.set("wt:contact:b", &b).unwrap();
        // ... or as plain JSON, as records written before packing are. A v1 record without its
        // stamp counts as version 1.
        let mut unstamped: Value = serde_json::from_str(&v1_contact("c", "Cy", "")).unwrap();
        unstamped.as_object_mut().unwrap().remove("schema");
        store.set("wt:contact:c", &unstamped.to_string()).unwrap();
        store
            .set("wt:doc:settings", "{\"schema\":1,\"doc\":{\"dark\":true}}")
            .unwrap();
        store
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Settings {
        theme: String,
    }

    fn check_v3(store: &MemoryStore, loaded: &Loaded) {
        // Current records come first, upgraded ones after: compare in id order.
        let mut names: Vec<(&str, &str, &str)> = loaded
            .contacts
            .iter()
            .map(|c| (c.id.as_str(), c.name.as_str(), c.organization.as_str()))
            .collect();
        names.sort_unstable();
        assert_eq!(
            names,
            vec![
                ("a", "Ada", "Analytical Engines"),
                ("b", "Bea", "Babbage & Co"),
                ("c", "Cy", "")
            ]
        );
        for c in &loaded.contacts {
            assert_eq!(c.tags, vec!["v3"], "{} migrated exactly once", c.id);
            assert_eq!(c.rev, 4, "migration keeps the revision");
            assert_eq!(stored_json(store, &contact_key(&c.id))["schema"], json!(3));
        }
        assert_eq!(stored_json(store, META_KEY), json!({"schema": 3}));
        assert_eq!(
            stored_json(store, "wt:doc:settings"),
            json!({"schema": 3, "doc": {"theme": "dark"}})
        );
    }

    #[test]
    fn migration_upgrades_every_record_then_meta() {
        let store = v1_storage();
        let (repo, loaded) = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap();
        assert!(loaded.quarantined.is_empty(), "{:?}", loaded.quarantined);
        check_v3(&store, &loaded);
        assert_eq!(
            repo.load_doc::<Settings>("settings"),
            Ok(Some(Settings {
                theme: "dark".into()
            }))
        );
        // Reopening writes nothing and changes nothing.
        let before = store.snapshot();
        store.set_fail_writes(true);
        let (_, again) = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap();
        assert_eq!(again, loaded);
        assert_eq!(store.snapshot(), before);
    }

    /// Records the keys written, in order.
    struct Recorder<'a> {
        inner: &'a MemoryStore,
        writes: RefCell<Vec<String>>,
    }

    impl KeyValue for Recorder<'_> {
        fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
            self.inner.get(key)
        }
        fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
            self.writes.borrow_mut().push(key.to_owned());
            self.inner.set(key, value)
        }
        fn remove(&self, key: &str) -> Result<(), StoreError> {
            self.writes.borrow_mut().push(key.to_owned());
            self.inner.remove(key)
        }
        fn keys(&self) -> Result<Vec<String>, StoreError> {
            self.inner.keys()
        }
    }

    #[test]
    fn records_pair_each_key_with_its_value() {
        let store = MemoryStore::new();
        for (key, value) in [("wt:a", "Émile 🙂"), ("wt:b", ""), ("other", "x")] {
            store.set(key, value).unwrap();
        }
        let found = store.read_prefixed("wt:").unwrap();
        assert_eq!(found.len(), 2);
        let mut pairs: Vec<(String, String)> = found
            .iter()
            .map(|(k, v)| (k, String::from_utf16(v).unwrap()))
            .collect();
        pairs.sort();
        assert_eq!(
            pairs,
            [
                ("wt:a".to_string(), "Émile 🙂".to_string()),
                ("wt:b".to_string(), String::new())
            ]
        );
        assert!(store.read_prefixed("nothing:").unwrap().is_empty());
    }
    #[test]
    fn records_from_parts_refuse_ends_that_do_not_fit() {
        let units: Vec<u16> = "keyvalue".encode_utf16().collect();
        assert_eq!(
            Records::from_parts(units.clone(), vec![3, 8])
                .unwrap()
                .len(),
            1
        );
        for ends in [vec![3], vec![3, 9], vec![5, 3], vec![3, 8, 8]] {
            assert!(
                Records::from_parts(units.clone(), ends.clone()).is_none(),
                "{ends:?}"
            );
        }
        // An unpaired surrogate, which JavaScript strings may hold.
        let odd = Records::from_parts(vec![0x6B, 0xD800, 0x76], vec![2, 3]).unwrap();
        let (key, value) = odd.iter().next().unwrap();
        assert_eq!((key.as_str(), value), ("k\u{FFFD}", &[0x76][..]));
    }

    #[test]
    fn meta_is_raised_only_after_all_records_are_written() {
        let store = v1_storage();
        let recorder = Recorder {
            inner: &store,
            writes: RefCell::new(Vec::new()),
        };
        Repo::open_with(&recorder, TEST_MIGRATIONS, 3).unwrap();
        assert_eq!(
            recorder.writes.into_inner(),
            vec![
                "wt:contact:a",
                "wt:contact:b",
                "wt:contact:c",
                "wt:doc:settings",
                META_KEY
            ]
        );
    }

    #[test]
    fn a_record_that_fails_migration_is_quarantined_and_left_as_it_was() {
        let store = v1_storage();
        let broken = json!({"schema": 1, "id": "d", "name": "no full_name here",
            "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z"})
        .to_string();
        store.set("wt:contact:d", &broken).unwrap();
        // Migrates fine but then is not a contact (no created_at): also kept aside, unchanged.
        let not_a_contact = json!({"schema": 1, "id": "e", "full_name": "Eve"}).to_string();
        store.set("wt:contact:e", &not_a_contact).unwrap();

        let (_, loaded) = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap();
        assert_eq!(loaded.contacts.len(), 3);
        assert_eq!(loaded.quarantined.len(), 2);
        assert_eq!(loaded.quarantined[0].key, "wt:contact:d");
        assert_eq!(loaded.quarantined[0].raw, broken);
        assert!(loaded.quarantined[0].error.contains("from version 1"));
        assert_eq!(loaded.quarantined[1].raw, not_a_contact);
        assert_eq!(store.get("wt:contact:d").unwrap(), Some(broken));
        assert_eq!(store.get("wt:contact:e").unwrap(), Some(not_a_contact));
        // The rest is upgraded and meta raised: the bad ones keep their own stamp and are retried
        // (and reported again) at every open.
        assert_eq!(stored_json(&store, META_KEY), json!({"schema": 3}));
        let (_, again) = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap();
        assert_eq!(again.quarantined, loaded.quarantined);
    }

    #[test]
    fn a_failed_write_mid_migration_leaves_meta_and_the_rerun_resumes() {
        // How much room the migrated storage needs, measured on a copy.
        let copy = v1_storage();
        Repo::open_with(&copy, TEST_MIGRATIONS, 3).unwrap();
        let migrated_a = copy.get("wt:contact:a").unwrap().unwrap();

        // Storage fills up after the first record's upgrade.
        let store = v1_storage();
        let original = store.snapshot();
        store.set_writes_left(Some(1));

        let err = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap_err();
        assert_eq!(err, OpenError::Store(StoreError::Full));
        assert!(err.to_string().contains("Nothing was lost"));
        let after = store.snapshot();
        assert_eq!(changed(&original, &after), vec!["wt:contact:a"]);
        assert_eq!(after["wt:contact:a"], migrated_a);
        assert_eq!(stored_json(&store, META_KEY), json!({"schema": 1}));

        // With room again, the rerun skips the record already upgraded and finishes.
        store.set_writes_left(None);
        let (_, loaded) = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap();
        assert!(loaded.quarantined.is_empty(), "{:?}", loaded.quarantined);
        check_v3(&store, &loaded);
        assert_eq!(store.snapshot(), copy.snapshot());
    }

    #[test]
    fn fail_writes_mid_migration_leaves_everything() {
        let store = v1_storage();
        let before = store.snapshot();
        store.set_fail_writes(true);
        assert!(matches!(
            Repo::open_with(&store, TEST_MIGRATIONS, 3),
            Err(OpenError::Store(StoreError::Unavailable(_)))
        ));
        assert_eq!(store.snapshot(), before);
        store.set_fail_writes(false);
        let (_, loaded) = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap();
        check_v3(&store, &loaded);
    }

    #[test]
    fn records_at_mixed_versions_are_each_upgraded_from_their_own() {
        let store = v1_storage();
        // b was already upgraded to v2 and c to v3 by an interrupted run; meta still says 1.
        let b_v2 = json!({"schema": 2, "id": "b", "name": "Bea", "company": "Babbage & Co",
            "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-02T00:00:00Z", "rev": 4});
        store.set("wt:contact:b", &b_v2.to_string()).unwrap();
        let c_v3 = json!({"schema": 3, "id": "c", "name": "Cy", "tags": ["v3"],
            "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-02T00:00:00Z", "rev": 4});
        store.set("wt:contact:c", &c_v3.to_string()).unwrap();
        let (_, loaded) = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap();
        assert!(loaded.quarantined.is_empty(), "{:?}", loaded.quarantined);
        check_v3(&store, &loaded);
    }

    #[test]
    fn an_old_tab_cannot_write_after_another_tab_upgraded() {
        let store = MemoryStore::new();
        let (old_tab, _) = Repo::open_with(&store, TEST_MIGRATIONS, 1).unwrap();
        // The v1 tab's record is written in the v1 shape (the test schema's v1 has full_name).
        store
            .set("wt:contact:p", &v1_contact("p", "Pat", "Plumbing"))
            .unwrap();
        let (new_tab, loaded) = Repo::open_with(&store, TEST_MIGRATIONS, 3).unwrap();
        assert_eq!(loaded.contacts[0].organization, "Plumbing");

        let before = store.snapshot();
        let err = old_tab.save_contact(&loaded.contacts[0], t(9)).unwrap_err();
        assert_eq!(err, SaveError::Outdated { found: 3 });
        assert!(err.to_string().contains("Reload"));
        assert_eq!(
            old_tab.delete_contact("p", 4),
            Err(SaveError::Outdated { found: 3 })
        );
        assert_eq!(
            old_tab.save_doc("settings", &json!({"dark": true})),
            Err(SaveError::Outdated { found: 3 })
        );
        assert_eq!(store.snapshot(), before);
        // The old tab sees newer records as unreadable rather than misreading them.
        assert!(old_tab
            .reload_contact("p")
            .unwrap_err()
            .error
            .contains("newer version"));

        // A stale v1 write that slipped in is upgraded in memory by the new tab, and in storage at
        // the next open.
        store
            .set("wt:contact:q", &v1_contact("q", "Quinn", "Quarry"))
            .unwrap();
        let q = new_tab.reload_contact("q").unwrap().unwrap();
        assert_eq!(
            (q.name.as_str(), q.organization.as_str()),
            ("Quinn", "Quarry")
        );
        let mut edit = q.clone();
        edit.notes = "met at the quarry".into();
        assert_eq!(new_tab.save_contact(&edit, t(10)).unwrap().rev, 5);
        assert_eq!(stored_json(&store, "wt:contact:q")["schema"], json!(3));
    }

    // --- documents ---------------------------------------------------------------------------

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Prefs {
        dark: bool,
        greeting: String,
    }

    #[test]
    fn documents_round_trip_and_report_corruption() {
        let store = MemoryStore::new();
        let (repo, _) = open(&store);
        assert_eq!(repo.load_doc::<Prefs>("prefs"), Ok(None));
        let prefs = Prefs {
            dark: true,
            greeting: "Hi {first_name}".into(),
        };
        repo.save_doc("prefs", &prefs).unwrap();
        assert_eq!(repo.load_doc::<Prefs>("prefs"), Ok(Some(prefs)));
        assert_eq!(
            stored_json(&store, "wt:doc:prefs"),
            json!({"schema": 1, "doc": {"dark": true, "greeting": "Hi {first_name}"}})
        );
        // Any serializable value, not only objects.
        repo.save_doc("deck", &vec![3, 1, 2]).unwrap();
        assert_eq!(repo.load_doc::<Vec<u32>>("deck"), Ok(Some(vec![3, 1, 2])));

        // Wrong type: an error describing it, the stored text kept.
        let before = store.snapshot();
        match repo.load_doc::<Prefs>("deck") {
            Err(DocError::Corrupt(q)) => {
                assert_eq!(q.key, "wt:doc:deck");
                assert_eq!(q.raw, before["wt:doc:deck"]);
                assert!(q.error.contains("shape"));
            }
            other => panic!("{other:?}"),
        }
        // Bad JSON.
        store
            .set("wt:doc:prefs", "{\"schema\":1,\"doc\":{\"dark\":tr")
            .unwrap();
        let err = repo.load_doc::<Prefs>("prefs").unwrap_err();
        assert!(matches!(&err, DocError::Corrupt(q) if q.error.contains("not valid JSON")));
        assert!(err.to_string().contains("prefs"));
        // Newer than this code.
        store
            .set("wt:doc:prefs", "{\"schema\":7,\"doc\":{}}")
            .unwrap();
        assert!(
            matches!(repo.load_doc::<Prefs>("prefs"), Err(DocError::Corrupt(q)) if q.error.contains("newer"))
        );
    }

    // --- displays ----------------------------------------------------------------------------

    #[test]
    fn store_error_messages() {
        assert_eq!(
            StoreError::Full.to_string(),
            "The browser's storage for this site is full, so this change was not saved. Export a \
             backup and free some space."
        );
        assert_eq!(
            StoreError::Unavailable("SecurityError: denied".into()).to_string(),
            "The browser refused to store data (SecurityError: denied), so this change was not \
             saved. Storage may be disabled, for example in private browsing."
        );
        assert_eq!(
            SaveError::Store(StoreError::Full).to_string(),
            StoreError::Full.to_string()
        );
    }

    // --- model-based property test -----------------------------------------------------------

    #[derive(Clone, Debug)]
    enum Op {
        /// Save slot's contact with a new name, based on the model's revision (`None`) or on an
        /// arbitrary one.
        Save {
            slot: usize,
            base: Option<u64>,
            name: String,
        },
        Delete {
            slot: usize,
            base: Option<u64>,
        },
        /// Undo the last delete.
        Restore,
        FailWrites(bool),
    }

    fn op() -> impl Strategy<Value = Op> {
        let slot = 0..4usize;
        let base = prop::option::weighted(0.3, 0..4u64);
        prop_oneof![
            4 => (slot.clone(), base.clone(), "[a-zé ]{0,12}")
                .prop_map(|(slot, base, name)| Op::Save { slot, base, name }),
            2 => (slot, base).prop_map(|(slot, base)| Op::Delete { slot, base }),
            1 => Just(Op::Restore),
            1 => any::<bool>().prop_map(Op::FailWrites),
        ]
    }

    proptest! {
        #[test]
        fn saves_and_deletes_keep_the_store_equal_to_a_model(
            ops in prop::collection::vec(op(), 0..40),
            quota in prop::option::of(300..3000usize),
        ) {
            let store = MemoryStore::new();
            let (repo, _) = Repo::open(&store).unwrap();
            store.set_quota(quota);
            let ids = ["id-0", "id-1", "id-2", "id-3"];
            let mut model: BTreeMap<String, Contact> = BTreeMap::new();
            let mut last_deleted: Option<Contact> = None;
            let mut failing = false;

            for (i, op) in ops.into_iter().enumerate() {
                let now = t(i as i64 + 1);
                let before = store.snapshot();
                // What the model expects: a conflict (with the stored contact), or a write.
                let (result, conflict, expected_current, deleting) = match op {
                    Op::FailWrites(fail) => {
                        store.set_fail_writes(fail);
                        failing = fail;
                        continue;
                    }
                    Op::Save { slot, base, name } => {
                        let id = ids[slot];
                        let stored = model.get(id).cloned();
                        let base = base.unwrap_or(stored.as_ref().map_or(0, |c| c.rev));
                        let mut edit = stored.clone().unwrap_or_else(|| person(id, ""));
                        edit.name = name;
                        edit.rev = base;
                        let conflict = match &stored {
                            Some(s) => base == 0 || s.rev != base,
                            None => base != 0,
                        };
                        let result = repo.save_contact(&edit, now);
                        if let Ok(saved) = &result {
                            prop_assert_eq!(saved, &Contact { rev: base + 1, updated_at: now, ..edit });
                        }
                        (result, conflict, stored, false)
                    }
                    Op::Delete { slot, base } => {
                        let id = ids[slot];
                        let stored = model.get(id).cloned();
                        let base = base.unwrap_or(stored.as_ref().map_or(0, |c| c.rev));
                        let conflict = stored.as_ref().is_none_or(|s| s.rev != base);
                        let result = repo.delete_contact(id, base);
                        if let Ok(deleted) = &result {
                            prop_assert_eq!(Some(deleted), stored.as_ref());
                        }
                        (result, conflict, stored, true)
                    }
                    Op::Restore => {
                        let Some(deleted) = last_deleted.clone() else { continue };
                        let stored = model.get(&deleted.id).cloned();
                        let result = repo.restore_contact(&deleted);
                        (result, stored.is_some(), stored, false)
                    }
                };
                match result {
                    Ok(written) => {
                        prop_assert!(!conflict);
                        prop_assert!(!failing);
                        if deleting {
                            model.remove(&written.id);
                            last_deleted = Some(written);
                        } else {
                            model.insert(written.id.clone(), written);
                        }
                    }
                    Err(SaveError::Conflict { current }) => {
                        prop_assert!(conflict);
                        prop_assert_eq!(current.map(|c| *c), expected_current);
                        prop_assert_eq!(store.snapshot(), before);
                    }
                    Err(SaveError::Store(e)) => {
                        prop_assert!(!conflict);
                        if failing {
                            prop_assert!(matches!(e, StoreError::Unavailable(_)));
                        } else {
                            prop_assert_eq!(e, StoreError::Full);
                            prop_assert!(quota.is_some());
                        }
                        prop_assert_eq!(store.snapshot(), before);
                    }
                    Err(other) => {
                        return Err(TestCaseError::fail(format!("unexpected {other:?}")));
                    }
                }

                // The store holds exactly the model.
                let keys: Vec<String> = store.keys().unwrap();
                let mut expected_keys: Vec<String> = model.keys().map(|id| contact_key(id)).collect();
                expected_keys.push(META_KEY.to_string());
                expected_keys.sort();
                prop_assert_eq!(keys, expected_keys);
                for (id, contact) in &model {
                    prop_assert_eq!(repo.reload_contact(id), Ok(Some(contact.clone())));
                }
            }

            store.set_fail_writes(false);
            let (_, loaded) = Repo::open(&store).unwrap();
            prop_assert!(loaded.quarantined.is_empty());
            prop_assert_eq!(loaded.contacts, model.into_values().collect::<Vec<_>>());
        }
    }
}
