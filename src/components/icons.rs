//! The navigation's icons: small inline SVG drawn with the text colour, shipped with the app (no
//! icon font, nothing from elsewhere). Each is decoration beside its label, hidden from screen
//! readers.

use leptos::prelude::*;

/// The outline of the icon of the area at `path` (24 × 24, stroked).
fn outline(path: &str) -> &'static str {
    match path {
        "/" => "M3 11 12 3l9 8M5 9.5V21h5v-6h4v6h5V9.5",
        "/contacts" => "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21c0-4 3-7 7-7s7 3 7 7M16 3.5a4 4 0 0 1 0 7.5M22 21c0-3-1.8-5.6-4.5-6.6",
        "/follow-ups" => "M5 5h14a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2zM3 10h18M8 3v4M16 3v4M9 15l2 2 4-4",
        "/questions" => "M21 12a8.5 8.5 0 0 1-12.3 7.6L3 21l1.5-5A8.5 8.5 0 1 1 21 12zM9.6 9.5a2.5 2.5 0 1 1 3.4 2.3c-.6.3-1 .8-1 1.5v.4M12 16.8v.2",
        "/templates" => "M5 5h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2zM3.5 7.5 12 13l8.5-5.5",
        _ => "M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1M15 4v4M9 10v4M17 16v4",
    }
}

/// The icon of the area at `path`.
#[component]
pub fn AreaIcon(path: &'static str) -> impl IntoView {
    view! {
        <svg
            class="icon"
            viewBox="0 0 24 24"
            width="24"
            height="24"
            aria-hidden="true"
            focusable="false"
            fill="none"
            stroke="currentColor"
            stroke-width="1.8"
            stroke-linecap="round"
            stroke-linejoin="round"
        >
            <path d=outline(path) />
        </svg>
    }
}
