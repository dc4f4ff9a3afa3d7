//! My card: the user's details (Settings > About you) as a QR code that another person's phone
//! camera adds as a contact, and the same vCard as a download. Made on the device: nothing is
//! fetched, so it works offline.

use leptos::prelude::*;
use leptos_router::components::A;
use weak_ties_domain::card::{shown_details, MyCard};

use crate::app::{to, Page};
use crate::browser::download::download;
use crate::components::outcome::Outcome;
use crate::formats_module::my_card;
use crate::state::AppState;

/// The SVG of the QR code as a `data:` URL for an `<img>` (the page's CSP allows `img-src data:`).
fn svg_data_url(svg: &str) -> String {
    format!(
        "data:image/svg+xml;charset=utf-8,{}",
        js_sys::encode_uri_component(svg)
    )
}

#[component]
pub fn CardPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Made by the file formats module, loaded on first use.
    let me = Memo::new(move |_| state.settings.value.with(|s| s.me.clone()));
    let card = LocalResource::new(move || {
        let me = me.get();
        async move { my_card(&me).await }
    });
    // What the card holds, as text beside the code.
    let shown = move || {
        state.settings.value.with(|s| {
            shown_details(&s.me)
                .into_iter()
                .map(|(k, v)| view! { <dt>{k}</dt> <dd>{v}</dd> })
                .collect_view()
        })
    };
    let message = RwSignal::new(None::<Result<String, String>>);
    view! {
        <Page title="My card">
            {move || match card.get() {
                None => view! { <p role="status">"Making your card…"</p> }.into_any(),
                Some(Err(problem)) => {
                    view! {
                        <p class="empty">{problem}</p>
                        <p>
                            <A href=to("/settings") attr:class="button primary">
                                "Go to Settings"
                            </A>
                        </p>
                    }
                        .into_any()
                }
                Some(Ok(card)) => {
                    let src = svg_data_url(&card.qr_svg);
                    let MyCard { vcard, file_name, .. } = card;
                    view! {
                        <p>
                            "Let someone scan this with their phone's camera: it adds you to their contacts, with no network and no app."
                        </p>
                        <figure class="my-card">
                            <img
                                class="qr"
                                src=src
                                alt="QR code with your contact card"
                                width="320"
                                height="320"
                            />
                        </figure>
                        <dl class="details">{shown}</dl>
                        <div class="actions">
                            <button
                                class="primary"
                                on:click=move |_| {
                                    let result = download(&file_name, "text/vcard", &vcard)
                                        .map(|()| "Card downloaded.".to_string());
                                    message.set(Some(result));
                                }
                            >
                                "Download my card (.vcf)"
                            </button>
                            <A href=to("/settings") attr:class="button">
                                "Edit my details"
                            </A>
                        </div>
                        <Outcome message=message />
                    }
                        .into_any()
                }
            }}
        </Page>
    }
}
