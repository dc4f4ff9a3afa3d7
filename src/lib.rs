//! Weak Ties, the app: the browser storage adapter and the Leptos user interface over the pure
//! domain crate (`weak_ties_domain`). See ARCHITECTURE.md for the map.

mod app;
mod avatar;
mod crash;
mod download;
mod formats_module;
mod icons;
mod menu;
mod meter;
mod pages;
mod pwa;
mod state;
pub mod storage;
mod storage_banner;

/// Starts the app: installs the crash screen, then mounts the UI on `<body>`.
pub fn start() {
    crash::install();
    leptos::mount::mount_to_body(app::App);
}
