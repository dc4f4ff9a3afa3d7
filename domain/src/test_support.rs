//! Helpers shared by the tests of a contact's rules ([`crate::cadence`], [`crate::follow_ups`],
//! [`crate::timeline`], [`crate::validation`]), and the migration table of a test schema (the
//! tests of [`crate::store::migrations`] and of older backups).

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use serde_json::Value;

use crate::model::{Cadence, Contact};
use crate::store::Migration;

/// A calendar date.
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Noon (UTC) on a calendar date.
pub fn at(y: i32, m: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, 12, 0, 0).unwrap()
}

/// A contact created on 2026-01-10, with just a name.
pub fn ada() -> Contact {
    Contact::new("Ada Lovelace", at(2026, 1, 10))
}

/// Any date from 1900-01-01 to about 2200.
pub fn date() -> impl Strategy<Value = NaiveDate> {
    (693_596i32..803_000).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
}

/// Any cadence.
pub fn cadence() -> impl Strategy<Value = Cadence> {
    proptest::sample::select(Cadence::ALL.to_vec())
}

/// One step of a test schema (the type of [`Migration::upgrade`]).
type Upgrade = fn(&str, Value) -> Result<Value, String>;

/// The migrations of a test schema that reaches version 3 in two steps, 1 -> 2 and 2 -> 3.
pub const fn two_steps(v1_to_v2: Upgrade, v2_to_v3: Upgrade) -> [Migration; 2] {
    [
        Migration {
            from: 1,
            upgrade: v1_to_v2,
        },
        Migration {
            from: 2,
            upgrade: v2_to_v3,
        },
    ]
}
