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
//! | `wt:doc:<name>` | one [`Document`] (settings, question deck, templates...): `{"schema": N, "doc": ...}` |
//!
//! The contact index is the set of keys with the `wt:contact:` prefix, enumerated with
//! [`KeyValue::keys`]. There is deliberately no separate list of ids: it would be rewritten on
//! every add and delete, and two tabs could each rewrite their own stale copy of it, losing the
//! other's contact. The documents are the variants of [`Document`], each with its key, whether a
//! backup carries it, and (in [`crate::backup`]) how an import merges it.
//!
//! # Invariants
//!
//! 1. **One edit writes one key.** Saving, deleting or restoring a contact writes exactly its own
//!    key, never the collection; saving a document writes its own key.
//! 2. **Compare-and-set revisions.** Each contact carries `rev`, raised by one on every save.
//!    [`Repo::save_contact`] takes the contact as edited, whose `rev` is the revision the edit
//!    started from, and writes it only if the stored record still has that revision (or, for a new
//!    contact with `rev == 0`, if the key is still free). Otherwise another tab changed or deleted
//!    it first, and the save is refused with the stored version ([`SaveError::Conflict`]): no tab
//!    overwrites a newer edit. [`Repo`] keeps no cache, so two tabs are simply two `Repo`s over the
//!    same storage. Documents have no revision: [`Repo::save_doc`] is last-writer-wins (they are
//!    small settings).
//! 3. **Quarantine: an unreadable record is kept, never overwritten.** A record that does not parse
//!    (bad JSON, wrong types, blank id, id not matching its key, saved by a newer version, or
//!    failing its migration) does not stop loading: the rest load and the bad one is reported as
//!    [`Quarantined`], with its raw text so the UI can offer it for download. The app never
//!    rewrites or deletes it: saves and deletes on its key are refused with
//!    [`SaveError::Quarantined`]. [`Repo::load_doc`] reports a corrupt document the same way
//!    ([`DocError::Corrupt`]). An unreadable `wt:meta` is an [`OpenError`], never silently
//!    replaced.
//! 4. **Every record carries its own schema stamp** (the `"schema"` field of a contact, the
//!    `"schema"` of a document's envelope; a contact without one counts as version 1). Migrations
//!    upgrade a record from *its own* stamp, never from `wt:meta`'s number, so a record that was
//!    already migrated is skipped, and a record at any older version is brought all the way up
//!    (see below).
//! 5. **`wt:meta` keeps an older app off newer data.** [`Repo::open`] refuses a newer schema with
//!    [`OpenError::NewerSchema`] and writes nothing, and every write of an already open `Repo`
//!    first rereads `wt:meta` and refuses with [`SaveError::Outdated`] when another tab has since
//!    upgraded the storage.
//! 6. **A change of several keys is all or nothing.** [`Repo::write_batch`] and
//!    [`Repo::write_batch_checked`] record each key's previous value before touching it and put
//!    every key back if a write fails; imports save through them.
//!
//! # Schema versions and migrations
//!
//! [`CURRENT_SCHEMA`] is the shape this code writes; [`MIGRATIONS`] holds one [`Migration`] per
//! step `n -> n + 1`, each upgrading one record's JSON; how to add one is in [`migrations`]. The
//! design that makes migration safe to rerun:
//!
//! - At [`Repo::open`], each record below the current version is upgraded in memory, checked (a
//!   contact must then parse, with an id matching its key), and written back with the new stamp, one
//!   key at a time. A record that fails is quarantined and left exactly as it was; it is tried again
//!   at every open.
//! - `wt:meta` is raised only after every record was written. If a write fails midway (storage
//!   full), `open` fails with [`OpenError::Store`], `wt:meta` keeps the old version, and the next
//!   open resumes: the records already written carry the new stamp and are skipped.
//! - Should a stale write of an older tab slip between its check of `wt:meta` and the upgrade, its
//!   record still carries its older stamp: a newer tab reading it ([`Repo::reload_contact`])
//!   upgrades it in memory, and the next open upgrades it in storage. A record stamped newer than
//!   this code is quarantined, never overwritten.
//!
//! # Where things are
//!
//! | file | holds |
//! |---|---|
//! | `key_value.rs` | [`KeyValue`], [`StoreError`] |
//! | `records.rs` | [`Records`], the buffer of the bulk read |
//! | `memory.rs` | [`MemoryStore`] |
//! | `keys.rs` | the key layout: prefixes, [`contact_key`], [`META_KEY`] |
//! | `documents.rs` | [`Document`], and [`Repo::load_doc`], [`Repo::save_doc`], [`Repo::doc_text`], [`Repo::decode_doc`] |
//! | `errors.rs` | [`Quarantined`], [`OpenError`], [`SaveError`], [`DocError`] |
//! | `stamp.rs` | a record's schema stamp: taking it off, putting it on, and the one-pass contact deserializer |
//! | `meta.rs` | reading and writing `wt:meta` |
//! | `migrations.rs` | [`CURRENT_SCHEMA`], [`MIGRATIONS`], the runner, and how to add a migration (tests in `migrations/tests.rs`) |
//! | `open.rs` | [`Repo`] itself, [`Repo::open`], [`Loaded`] |
//! | `contacts.rs` | [`Repo::save_contact`], [`Repo::delete_contact`], [`Repo::restore_contact`], [`Repo::reload_contact`], [`Repo::decode_contact`], [`Repo::contact_text`] |
//! | `batch.rs` | [`Repo::write_batch`], [`Repo::write_batch_checked`], [`BatchWrite`] |
//! | `contact_with_docs.rs` | [`Repo::save_contact_with_docs`]: a contact and documents as one all-or-nothing change (**Save to timeline**) |
//!
//! Every method of `Repo` that is about storage itself is in this folder. The methods of a
//! feature that saves through it live with that feature, each in one file:
//! [`Repo::export_backup`] in `backup/export.rs`, [`Repo::import_backup`] and
//! [`Repo::preview_import`] in `backup/import.rs` (each document's merge rule in
//! `backup/merge.rs`), and [`Repo::import_cards`] (the vCard import) in `formats/duplicates.rs`.

mod batch;
mod contact_with_docs;
mod contacts;
mod documents;
mod errors;
mod home_summary;
mod key_value;
mod keys;
mod memory;
mod meta;
pub mod migrations;
mod open;
mod records;
mod stamp;

pub use batch::BatchWrite;
pub use documents::Document;
pub use errors::{DocError, OpenError, Quarantined, SaveError};
pub use key_value::{KeyValue, StoreError};
pub use keys::{
    contact_id_from_key, contact_key, doc_key, doc_name_from_key, CONTACT_PREFIX, DOC_PREFIX,
    HOME_KEY, META_KEY, PREFIX,
};
pub use memory::MemoryStore;
pub use migrations::{migrate_record, Migration, CURRENT_SCHEMA, MIGRATIONS};
pub use open::{Loaded, Repo};
pub use records::Records;

#[cfg(test)]
mod tests;
