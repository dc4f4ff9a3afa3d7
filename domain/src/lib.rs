//! The pure domain of Weak Ties. Nothing in this crate touches the browser: it is plain Rust, tested
//! natively with `cargo test`. The app crate (`src/`) calls it and renders the results.

pub mod areas;
pub mod avatar;
pub mod backup;
pub mod book;
pub mod cadence;
pub mod card;
pub mod codec;
pub mod contact_links;
pub mod dates;
pub mod duplicates;
pub mod events;
pub mod follow_ups;
pub mod form;
pub mod formats;
pub mod home;
pub mod insights;
pub mod introductions;
pub mod labels;
pub mod mailto;
pub mod model;
pub mod questions;
pub mod reminder;
pub mod scan;
pub mod settings;
pub mod storage_use;
pub mod store;
pub mod template;
#[cfg(test)]
mod test_support;
pub mod timeline;
pub mod validation;
