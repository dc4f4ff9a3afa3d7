//! Reading a file the user chose or dropped.

use leptos::ev::DragEvent;

/// Reads a chosen or dropped file's bytes, refusing unread one over `max` bytes (a backup of
/// years of contacts is larger than any vCard file: each kind has its own limit).
pub async fn read_file(file: web_sys::File, max: usize) -> Result<Vec<u8>, String> {
    if file.size() > max as f64 {
        return Err(format!(
            "This file is too big ({:.1} MB). A file of this kind can be at most {} MB.",
            file.size() / 1_048_576.0,
            max / 1_048_576
        ));
    }
    wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
        .map_err(|_| "The file could not be read.".to_string())
}

/// The first file of a drop, if it carries one.
pub fn dropped_file(ev: &DragEvent) -> Option<web_sys::File> {
    ev.data_transfer()
        .and_then(|d| d.files())
        .and_then(|f| f.get(0))
}
