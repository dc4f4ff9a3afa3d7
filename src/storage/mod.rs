//! Storage in the browser. `local` is the only code in the project that touches `localStorage`; all
//! the rules (keys, revisions, migrations, corrupt records) live in `weak_ties_domain::store`.

pub mod local;
