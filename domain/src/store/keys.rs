//! The key layout: every key is under [`PREFIX`]; contacts under [`CONTACT_PREFIX`], documents
//! under [`DOC_PREFIX`] (named by [`super::Document`]), the schema marker at [`META_KEY`], and
//! Home's stored summary at [`HOME_KEY`].

/// The prefix of every key of Weak Ties.
pub const PREFIX: &str = "wt:";
/// The key of the schema marker, `{"schema": N}`.
pub const META_KEY: &str = "wt:meta";
/// The key of Home's stored summary (`crate::home`): a copy, neither a contact nor a document.
pub const HOME_KEY: &str = "wt:home";
/// The prefix of contact keys: `wt:contact:<id>`.
pub const CONTACT_PREFIX: &str = "wt:contact:";
/// The prefix of document keys: `wt:doc:<name>`.
pub const DOC_PREFIX: &str = "wt:doc:";

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
