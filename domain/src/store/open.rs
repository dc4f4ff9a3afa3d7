//! [`Repo`], the storage rules over a [`KeyValue`], and opening it: [`Repo::open`] checks
//! `wt:meta`, upgrades older records, and loads every contact, quarantining what it cannot read.
//! [`Repo::open_current`] and [`Repo::load`] do the same in two steps, so that the app can show
//! its first screen in between.

use serde_json::Value;

use super::meta::{meta_text, read_meta, MetaError};
use super::migrations::{migrate, Migration, CURRENT_SCHEMA, MIGRATIONS};
use super::stamp::{contact_from_body, stamp, unstamp, Stamped};
use super::{
    contact_id_from_key, KeyValue, OpenError, Quarantined, SaveError, StoreError, CONTACT_PREFIX,
    DOC_PREFIX, META_KEY, PREFIX,
};
use crate::codec;
use crate::model::Contact;

/// What [`Repo::open`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    /// Every contact that could be read: those stored at the current version in the order
    /// storage lists them, then the older ones (upgraded) in key order.
    pub contacts: Vec<Contact>,
    /// The records (contacts or documents) that could not be read, left untouched.
    pub quarantined: Vec<Quarantined>,
}

/// The storage rules over a [`KeyValue`]. It holds no cache: every operation reads what it needs,
/// so several `Repo`s (tabs) over the same storage stay correct. Use `Repo<&MemoryStore>` or
/// `Repo<Rc<MemoryStore>>` to share one store between them.
#[derive(Debug)]
pub struct Repo<S: KeyValue> {
    pub(super) store: S,
    pub(super) migrations: &'static [Migration],
    pub(super) schema: u32,
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
    pub(super) fn open_with(
        store: S,
        migrations: &'static [Migration],
        schema: u32,
    ) -> Result<(Self, Loaded), OpenError> {
        let (repo, meta) = Self::checked(store, migrations, schema)?;
        let loaded = repo.load()?;
        if meta != Some(schema) {
            repo.store.set(META_KEY, &meta_text(schema))?;
        }
        Ok((repo, loaded))
    }

    /// Opens the storage without reading a record, when `wt:meta` says it is at the current
    /// version: `None` on fresh storage or when an upgrade is due (then use [`Repo::open`]). The
    /// contacts are read afterwards with [`Repo::load`].
    pub fn open_current(store: S) -> Result<Option<Self>, OpenError> {
        let (repo, meta) = Self::checked(store, MIGRATIONS, CURRENT_SCHEMA)?;
        Ok((meta == Some(repo.schema)).then_some(repo))
    }

    /// The repository over `store` and the version `wt:meta` holds, refusing newer or unreadable
    /// data.
    fn checked(
        store: S,
        migrations: &'static [Migration],
        schema: u32,
    ) -> Result<(Self, Option<u32>), OpenError> {
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
        Ok((repo, meta))
    }

    /// Reads every contact, upgrading (and saving) the records of an older version and
    /// reporting the unreadable ones instead of failing. `wt:meta` is left to the caller.
    pub fn load(&self) -> Result<Loaded, StoreError> {
        let repo = self;
        let schema = self.schema;
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
        Ok(loaded)
    }

    /// The storage this repository works on.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The schema version this repository reads and writes.
    pub fn schema(&self) -> u32 {
        self.schema
    }

    /// The migration table this repository upgrades records with.
    pub fn migrations(&self) -> &'static [Migration] {
        self.migrations
    }

    /// A stored record's version and its body upgraded (in memory) to the current version.
    pub(super) fn read_body(&self, key: &str, raw: &str) -> Result<(u32, Value), String> {
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
    pub(super) fn current_contact(&self, key: &str, raw: &str) -> Option<Contact> {
        self.current_contact_json(key, &codec::unpack(raw).ok()?)
    }

    /// [`Repo::current_contact`] of a record's JSON, already unpacked.
    pub(super) fn current_contact_json(&self, key: &str, json: &str) -> Option<Contact> {
        let Stamped { contact, stamp } = serde_json::from_str(json).ok()?;
        if stamp.unwrap_or(1) != self.schema {
            return None;
        }
        let id = contact.id.as_str();
        (!id.trim().is_empty() && contact_id_from_key(key) == Some(id)).then_some(contact)
    }

    /// Refuses to write when another tab has upgraded the storage past this code, or when
    /// `wt:meta` has become unreadable.
    pub(super) fn check_writable(&self) -> Result<(), SaveError> {
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

    /// The stored text under `key`, exactly as it is, so the UI can offer an unreadable record for
    /// download.
    pub fn quarantined_raw(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.store.get(key)
    }
}
