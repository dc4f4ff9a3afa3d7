//! Storage in the browser. `local` is the only code in the project that reads and writes
//! `localStorage` (`usage` only counts what it holds, for the storage meter); all the rules (keys,
//! revisions, migrations, corrupt records, the storage limits) live in the domain.

pub mod local;
pub mod usage;
