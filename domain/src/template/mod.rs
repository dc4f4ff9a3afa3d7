//! Message templates: thank-yous and follow-ups filled with a contact's details.
//!
//! A template's subject and body are plain text with placeholders such as `{{first_name}}` or,
//! with a default used when there is no value, `{{first_name|there}}`. Text is parsed in one pass
//! ([`parse`]) and filled in one pass ([`fill()`]), so a value is never expanded again: a
//! contact whose notes read `{{first_name}}` is inserted literally. Nothing here produces HTML;
//! the UI renders the results as text nodes.
//!
//! The user's templates live in one [`TemplateSet`] document, which starts with the built-ins
//! ([`BUILTINS`]) and can always get them back ([`TemplateSet::restore_builtins`]).
//!
//! - `set.rs`: a [`Template`] and the user's [`TemplateSet`] (add, edit, duplicate, delete,
//!   restore the built-ins), and what sending one logs on the timeline ([`Template::sent_kind`]).
//! - `builtin.rs`: the built-in templates' original text ([`BUILTINS`], [`Builtin`]).
//! - `placeholder.rs`: the placeholders the app knows ([`Placeholder`]) and the one-pass parser
//!   ([`parse`], [`Segment`], [`unknown_placeholders`]).
//! - `fill.rs`: the values to fill with ([`Values`], from a contact and [`Me`]) and filling
//!   ([`fill()`], [`fill_template`], [`Filled`], [`FilledMessage`]), with [`first_name`] and
//!   [`format_date`].
//! - `me.rs`: the user as they sign their messages ([`Me`], kept in the settings).
//!
//! Invariant: a value is never expanded again (text is parsed and filled in one pass).
//!
//! Invariant: a missing placeholder is never silently dropped: it shows as a marker such as
//! `[first name]` ([`missing_marker`]).
//!
//! Invariant: restoring the built-ins never loses anything the user wrote: an edited built-in is
//! kept as the user's own template.

mod builtin;
pub mod compose;
mod fill;
pub mod list;
mod me;
mod placeholder;
mod set;
#[cfg(test)]
mod tests;

pub use builtin::{Builtin, BUILTINS};
pub use fill::{
    fill, fill_template, first_name, format_date, missing_marker, Filled, FilledMessage,
    FilledSegment, Values,
};
pub use me::Me;
pub use placeholder::{parse, unknown_placeholders, Placeholder, Segment};
pub use set::{Restored, Template, TemplateSet};
