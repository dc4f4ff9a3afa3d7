//! Weak Ties, the app: the browser storage adapter and the Leptos user interface over the pure
//! domain crate (`weak_ties_domain`). See ARCHITECTURE.md for the map.

mod app;
mod browser;
mod components;
mod crash;
mod formats_module;
mod meter;
mod pages;
mod parts;
mod pwa;
mod routes;
mod state;
pub mod storage;

/// Starts the app: installs the crash screen, then mounts the UI on `<body>`.
pub fn start() {
    crash::install();
    leptos::mount::mount_to_body(app::App);
}
