//! One module per area of the app. Pages are thin: they call the domain and render.

pub mod card;
pub mod contacts;
pub mod events;
pub mod follow_ups;
pub mod home;
pub mod not_found;
pub mod questions;
pub mod settings;
pub mod templates;
