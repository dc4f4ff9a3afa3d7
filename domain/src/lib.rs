//! The pure domain of Weak Ties. Nothing in this crate touches the browser: it is plain Rust, tested
//! natively with `cargo test`. The app crate (`src/`) calls it and renders the results.

pub mod areas;
pub mod form;
pub mod model;
pub mod mailto;
pub mod template;
pub mod rules;
pub mod settings;
pub mod book;
pub mod questions;
pub mod store;
