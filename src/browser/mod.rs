//! The browser APIs that are neither storage nor the page itself, each behind a small Rust
//! interface: the camera, canvas pixels and `BarcodeDetector` (`camera`), and files shared into
//! the app through the service worker (`share`).

pub mod camera;
pub mod shared_file;
