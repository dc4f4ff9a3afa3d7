//! The schema versions and their migrations: [`CURRENT_SCHEMA`] is the shape this code writes,
//! [`MIGRATIONS`] holds one [`Migration`] per step `n -> n + 1`, and `migrate` runs the steps a
//! record needs. [`super::Repo::open`] runs them over storage (see the module documentation of
//! [`crate::store`] for why that is safe to interrupt and rerun), and a backup of an older schema
//! goes through the same steps ([`migrate_record`]).
//!
//! # Adding a migration
//!
//! Each released schema is frozen: version 1 is what `domain/tests/fixtures/storage/v1.json`
//! holds, exactly as this code stores it today (packed and plain contacts, every document, and
//! `wt:meta`), and the test `the_v1_fixture_opens_and_reads_back` opens it with
//! [`super::Repo::open`] and reads every record back. To change the shape of a stored record:
//!
//! 1. Write `fn v1_to_v2(key: &str, record: Value) -> Result<Value, String>` in this file. It gets
//!    one record's JSON without its version stamp (a contact's fields, or a document itself,
//!    without its envelope) and its key (`wt:contact:<id>` or `wt:doc:<name>`, so one step can
//!    treat contacts and each [`super::Document`] apart); it returns the record in the new shape,
//!    or an `Err` in plain words, which quarantines that record and leaves it as it was. It must
//!    not depend on anything but the record: it runs at start-up, on backups, and again on a
//!    record a stale tab wrote meanwhile.
//! 2. Add `Migration { from: 1, upgrade: v1_to_v2 }` to [`MIGRATIONS`] and raise
//!    [`CURRENT_SCHEMA`] to 2 (the test `the_release_migration_table_is_complete` checks that every
//!    step from 1 is there).
//! 3. Add one test per migration in `migrations/tests.rs`, `v1_to_v2_...`: open the frozen v1
//!    fixture, check what the step changed (and that it kept everything else), and that a second
//!    open writes nothing. Keep the v1 fixture and its test as they are; they now check that old
//!    storage still opens. Freeze the new version too: add `v2.json` (records as version 2 stores
//!    them) with its own read-back test, which the next migration will start from.
//! 4. Backups: a file of schema 1 is upgraded by the same table; add one of its fixtures to
//!    `domain/tests/fixtures/backups/` (e.g. `accept-schema-1.json`) if the step touches what a
//!    backup carries.

use serde_json::Value;

/// The schema version this code reads and writes.
pub const CURRENT_SCHEMA: u32 = 1;

/// The migrations of the released schemas: one step `from -> from + 1` for each `from` in
/// `1..CURRENT_SCHEMA`. Empty while there is only version 1.
pub const MIGRATIONS: &[Migration] = &[];

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
pub(super) fn migrate(
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

/// Runs the migrations of `migrations` that take one record from version `from` to `to`: the same
/// runner [`Repo::open`](super::Repo::open) uses, for records that come from elsewhere (a backup
/// file). `key` is the key the record is (or would be) stored under, `record` its JSON without the
/// version stamp (for a document, the document itself). The `Err` says why, in plain words.
pub fn migrate_record(
    migrations: &[Migration],
    key: &str,
    record: Value,
    from: u32,
    to: u32,
) -> Result<Value, String> {
    migrate(migrations, key, record, from, to)
}

#[cfg(test)]
mod tests;
