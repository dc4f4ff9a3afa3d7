//! **Scan a QR code** and **Scan from a picture**: the rear camera shown in the page until a QR
//! code is found (at most 15 seconds), or a chosen picture; the code's text is read by the file
//! formats module into the contact form's fields. [`ScanOutcome`] says what was read and whether
//! that person is already one of the contacts.
//!
//! Frames are taken a few times a second from a downscaled canvas, one at a time, each only when
//! the previous one is read. Where the browser has no QR code reader of its own, they are decoded
//! in a worker ([`QrDecoder`]), off the page's thread, so typing in the form is never held up. The
//! camera stops when a code is found, on **Stop scanning**, after 15 seconds, and when the page is
//! left.

use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use weak_ties_domain::scan::{find_known, Scan};

use crate::app::to;
use crate::browser::camera::{self, Camera, Detector};
use crate::formats_module::{self, QrDecoder};
use crate::state::AppState;

/// How long the camera looks for a code before giving up.
const GIVE_UP_MS: f64 = 15_000.0;
/// The pause between two frames (about four frames a second).
const FRAME_PAUSE_MS: i32 = 250;
/// The longer side of a decoded camera frame and of a decoded picture, in pixels.
const FRAME_SIDE: u32 = 640;
const PICTURE_SIDE: u32 = 1280;

const NO_CODE_SEEN: &str = "No QR code was found in 15 seconds. Hold the code flat and closer, in good light, and scan again, or use Scan from a picture.";
const NO_CODE_IN_PICTURE: &str = "No QR code was found in this picture. Try a sharper picture where the code fills more of it, or type the contact.";

/// What reads the codes: the browser's own detector where it has one, else the file formats
/// module's decoder in its worker.
enum Reader {
    Browser(Detector),
    Worker(QrDecoder),
}

impl Reader {
    async fn new() -> Result<Reader, String> {
        match Detector::new().await {
            Some(detector) => Ok(Reader::Browser(detector)),
            None => QrDecoder::start().map(Reader::Worker),
        }
    }

    /// The text of the QR code in the video's current frame, or `None` (also while the camera
    /// delivers no frame yet).
    async fn frame(&self, video: &web_sys::HtmlVideoElement) -> Result<Option<String>, String> {
        match self {
            Reader::Browser(detector) => detector.detect(video).await,
            Reader::Worker(decoder) => match camera::frame(video, FRAME_SIDE) {
                Some(pixels) => decoder.decode(pixels).await,
                None => Ok(None),
            },
        }
    }

    /// The text of the QR code in a picture's pixels, or `None`.
    async fn picture(&self, pixels: web_sys::ImageData) -> Result<Option<String>, String> {
        match self {
            Reader::Browser(detector) => detector.detect(&pixels).await,
            Reader::Worker(decoder) => decoder.decode(pixels).await,
        }
    }
}

/// The two scan buttons and, while scanning, the camera's picture. `on_scan` gets each code read
/// into the form's fields, or the message saying why it fills nothing.
#[component]
pub fn Scanner(#[prop(into)] on_scan: Callback<Result<Scan, String>>) -> impl IntoView {
    let live = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(None::<&'static str>);
    let video = NodeRef::<leptos::html::Video>::new();
    // The open camera, and a number that changes each time scanning starts or stops, which ends
    // the loop of the scan it belonged to.
    let camera = StoredValue::new_local(None::<Camera>);
    let session = StoredValue::new(0u32);
    // The reader of pictures, kept for the next picture of this page (a worker takes a moment to
    // start its decoder), and let go after a failure so that the next picture starts afresh.
    let pictures = StoredValue::new_local(None::<Rc<Reader>>);

    let release = move || {
        session.try_update_value(|s| *s += 1);
        camera.try_update_value(|c| drop(c.take()));
    };
    // Whether the scan numbered `mine` is still on (not stopped, the page not left).
    let still = move |mine: u32| session.try_get_value() == Some(mine);
    let stop = move || {
        release();
        live.set(false);
    };
    on_cleanup(release);

    let found = move |text: String| async move {
        busy.set(Some("Reading the code…"));
        let read = formats_module::read_payload(&text).await;
        if busy.try_set(None).is_none() {
            on_scan.run(read);
        }
    };

    Effect::new(move || {
        let Some(element) = video.get() else { return };
        let element: web_sys::HtmlVideoElement = element.unchecked_into();
        let mine = session.get_value();
        leptos::task::spawn_local(async move {
            // The reader first: a worker starts loading its decoder while the camera opens.
            let reader = Reader::new().await;
            if !still(mine) {
                return; // Stopped while the reader was starting: the camera is not opened.
            }
            let opened = Camera::open(&element).await;
            if !still(mine) {
                return; // Stopped while the camera was opening: `opened` drops and stops here.
            }
            let reader = opened.map_err(|e| e.to_string()).and_then(|open| {
                camera.set_value(Some(open));
                reader
            });
            let reader = match reader {
                Ok(reader) => reader,
                Err(e) => {
                    stop();
                    problem.set(Some(e));
                    return;
                }
            };
            let started = js_sys::Date::now();
            loop {
                camera::sleep(FRAME_PAUSE_MS).await;
                if !still(mine) {
                    return;
                }
                if js_sys::Date::now() - started > GIVE_UP_MS {
                    stop();
                    problem.set(Some(NO_CODE_SEEN.into()));
                    return;
                }
                let decoded = reader.frame(&element).await;
                if !still(mine) {
                    return;
                }
                match decoded {
                    Ok(None) => {}
                    Ok(Some(text)) => {
                        stop();
                        return found(text).await;
                    }
                    Err(e) => {
                        stop();
                        problem.set(Some(e));
                        return;
                    }
                }
            }
        });
    });

    let start = move |_| {
        problem.set(None);
        session.update_value(|s| *s += 1);
        live.set(true);
    };
    let picked = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        stop();
        problem.set(None);
        busy.set(Some("Looking for a QR code in the picture…"));
        leptos::task::spawn_local(async move {
            let decoded = match camera::picture(&file, PICTURE_SIDE).await {
                Ok(pixels) => {
                    let reader = match pictures.try_get_value().flatten() {
                        Some(reader) => Ok(reader),
                        None => Reader::new().await.map(Rc::new),
                    };
                    match reader {
                        Ok(reader) => {
                            let decoded = reader.picture(pixels).await;
                            pictures.try_set_value(decoded.is_ok().then_some(reader));
                            decoded
                        }
                        Err(e) => Err(e),
                    }
                }
                Err(e) => Err(e),
            };
            if busy.try_set(None).is_some() {
                return; // The page was left meanwhile.
            }
            match decoded {
                Ok(Some(text)) => found(text).await,
                Ok(None) => problem.set(Some(NO_CODE_IN_PICTURE.into())),
                Err(e) => problem.set(Some(e)),
            }
        });
    };

    view! {
        <section class="scanner" aria-label="Scan a contact's QR code">
            <div class="actions">
                <Show
                    when=move || live.get()
                    fallback=move || view! { <button type="button" on:click=start>"Scan a QR code"</button> }
                >
                    <button type="button" on:click=move |_| stop()>"Stop scanning"</button>
                </Show>
                <input
                    id="scan-picture"
                    class="visually-hidden"
                    type="file"
                    accept="image/*"
                    on:change=picked
                />
                <label class="button" for="scan-picture">"Scan from a picture"</label>
            </div>
            <Show when=move || live.get()>
                <p class="hint" role="status">"Point the camera at the QR code."</p>
                <video node_ref=video class="camera" playsinline=true muted=true aria-label="Camera"></video>
            </Show>
            {move || busy.get().map(|text| view! { <p role="status">{text}</p> })}
            {move || problem.get().map(|text| view! { <p class="banner danger" role="alert">{text}</p> })}
        </section>
    }
}

/// What a scan or a share filled in (the name to check when it was guessed), or why it filled
/// nothing; and when the person is already a contact, a link to them instead.
#[component]
pub fn ScanOutcome(scan: RwSignal<Option<Result<Scan, String>>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        scan.with(|s| match s.as_ref()? {
            Err(text) => Some(view! { <p class="banner danger" role="alert">{text.clone()}</p> }.into_any()),
            Ok(scan) => {
                let known = state.book.with_untracked(|b| find_known(b.iter(), &scan.draft));
                Some(
                    view! {
                        <p role="status">{scan.message.clone()}</p>
                        {known.map(|k| {
                            view! {
                                <p class="banner">
                                    {format!("{} is already in your contacts ({}). ", k.name, k.by)}
                                    <a href=to(&format!("/contacts/{}", k.id))>{format!("Open {}", k.name)}</a>
                                </p>
                            }
                        })}
                    }
                    .into_any(),
                )
            }
        })
    }
}
