//! The camera and pictures, for the QR code scanner: opening the rear camera into a `<video>`
//! (and stopping it), grabbing a downscaled frame's pixels from a canvas, drawing a chosen
//! picture into one, and the browser's own `BarcodeDetector` where it reads QR codes.

use std::fmt;

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, ImageBitmap, ImageData,
    MediaStream, MediaStreamConstraints, MediaStreamTrack,
};

/// Why the camera could not be used. Each says what to do instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CameraError {
    /// The page is not on https (nor localhost): browsers keep the camera from it.
    Insecure,
    NoCamera,
    Denied,
    Busy,
    Other(String),
}

impl fmt::Display for CameraError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const INSTEAD: &str = "Use Scan from a picture, or type the contact below.";
        match self {
            CameraError::Insecure => write!(
                f,
                "The camera works only when Weak Ties is opened over a secure (https) address. {INSTEAD}"
            ),
            CameraError::NoCamera => write!(f, "No camera was found on this device. {INSTEAD}"),
            CameraError::Denied => write!(
                f,
                "Weak Ties is not allowed to use the camera. Allow the camera for this site in your browser's settings, or use Scan from a picture."
            ),
            CameraError::Busy => write!(
                f,
                "The camera is in use by another app. Close it and try again. {INSTEAD}"
            ),
            CameraError::Other(why) => {
                write!(f, "The camera could not be started ({why}). {INSTEAD}")
            }
        }
    }
}

fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

/// The name of a DOMException (or the text of another error).
fn error_name(error: &JsValue) -> String {
    error
        .dyn_ref::<web_sys::DomException>()
        .map(|e| e.name())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// A plain JavaScript object from `(key, value)` pairs.
fn object(entries: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&o, &(*key).into(), value);
    }
    o
}

/// The open camera. Dropping it stops the stream: the camera light goes off.
pub struct Camera {
    stream: MediaStream,
    video: HtmlVideoElement,
}

impl Camera {
    /// Opens the rear camera (any camera where there is no rear one) into `video`.
    pub async fn open(video: &HtmlVideoElement) -> Result<Camera, CameraError> {
        let window = window();
        if !window.is_secure_context() {
            return Err(CameraError::Insecure);
        }
        let devices = window
            .navigator()
            .media_devices()
            .map_err(|_| CameraError::NoCamera)?;
        let constraints = MediaStreamConstraints::new();
        let facing = object(&[("ideal", "environment".into())]);
        let width = object(&[("ideal", 1280.into())]);
        constraints.set_video(&object(&[
            ("facingMode", facing.into()),
            ("width", width.into()),
        ]));
        constraints.set_audio(&false.into());
        let request = devices
            .get_user_media_with_constraints(&constraints)
            .map_err(|e| CameraError::Other(error_name(&e)))?;
        let stream: MediaStream = JsFuture::from(request)
            .await
            .map_err(|e| match error_name(&e).as_str() {
                "NotAllowedError" | "SecurityError" => CameraError::Denied,
                "NotFoundError" | "OverconstrainedError" => CameraError::NoCamera,
                "NotReadableError" | "AbortError" => CameraError::Busy,
                other => CameraError::Other(other.to_string()),
            })?
            .unchecked_into();
        let camera = Camera {
            stream,
            video: video.clone(),
        };
        video.set_muted(true);
        video.set_src_object(Some(&camera.stream));
        if let Ok(playing) = video.play() {
            JsFuture::from(playing)
                .await
                .map_err(|e| CameraError::Other(error_name(&e)))?;
        }
        Ok(camera)
    }
}

impl Drop for Camera {
    fn drop(&mut self) {
        for track in self.stream.get_tracks().iter() {
            track.unchecked_into::<MediaStreamTrack>().stop();
        }
        self.video.set_src_object(None);
    }
}

/// The pixels of what `draw` paints on a `width` × `height` canvas kept off the page (given the
/// canvas's context and its size).
fn paint(
    width: u32,
    height: u32,
    draw: impl FnOnce(&CanvasRenderingContext2d, f64, f64) -> Result<(), JsValue>,
) -> Option<ImageData> {
    let canvas: HtmlCanvasElement = window()
        .document()?
        .create_element("canvas")
        .ok()?
        .unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let options = object(&[("willReadFrequently", true.into())]);
    let context: CanvasRenderingContext2d = canvas
        .get_context_with_context_options("2d", &options)
        .ok()??
        .unchecked_into();
    let (w, h) = (f64::from(width), f64::from(height));
    draw(&context, w, h).ok()?;
    context.get_image_data(0.0, 0.0, w, h).ok()
}

/// `width` × `height` scaled down to fit `max` on its longer side.
fn fit(width: u32, height: u32, max: u32) -> (u32, u32) {
    let longer = width.max(height).max(1);
    if longer <= max {
        return (width, height);
    }
    let scale = f64::from(max) / f64::from(longer);
    (
        ((f64::from(width) * scale) as u32).max(1),
        ((f64::from(height) * scale) as u32).max(1),
    )
}

/// The pixels of the video's current frame, scaled down to at most `max` pixels on the longer
/// side; `None` until the camera delivers frames.
pub fn frame(video: &HtmlVideoElement, max: u32) -> Option<ImageData> {
    if video.video_width() == 0 || video.video_height() == 0 {
        return None;
    }
    let (width, height) = fit(video.video_width(), video.video_height(), max);
    paint(width, height, |context, w, h| {
        context.draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, w, h)
    })
}

/// A chosen picture's pixels, scaled down to at most `max` pixels on the longer side.
pub async fn picture(file: &web_sys::File, max: u32) -> Result<ImageData, String> {
    const UNREADABLE: &str = "This picture could not be opened. Choose a PNG or JPEG picture.";
    let bitmap: ImageBitmap = JsFuture::from(
        window()
            .create_image_bitmap_with_blob(file)
            .map_err(|_| UNREADABLE.to_string())?,
    )
    .await
    .map_err(|_| UNREADABLE.to_string())?
    .unchecked_into();
    let (width, height) = fit(bitmap.width(), bitmap.height(), max);
    let pixels = paint(width, height, |context, w, h| {
        context.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, w, h)
    });
    bitmap.close();
    pixels.ok_or_else(|| UNREADABLE.to_string())
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let wait = Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(wait).await;
}

/// The browser's own QR code reader (`BarcodeDetector`, on Android, ChromeOS and macOS).
pub struct Detector(JsValue);

impl Detector {
    /// The browser's detector, when it exists and lists `qr_code` among what it reads.
    pub async fn new() -> Option<Detector> {
        let class = Reflect::get(&window(), &"BarcodeDetector".into()).ok()?;
        let class: js_sys::Function = class.dyn_into().ok()?;
        let formats = Reflect::get(&class, &"getSupportedFormats".into()).ok()?;
        let formats: js_sys::Function = formats.dyn_into().ok()?;
        let listed = formats.call0(&class).ok()?.dyn_into::<Promise>().ok()?;
        let listed: Array = JsFuture::from(listed).await.ok()?.dyn_into().ok()?;
        if !listed.includes(&"qr_code".into(), 0) {
            return None;
        }
        let options = object(&[("formats", Array::of1(&"qr_code".into()).into())]);
        let detector = Reflect::construct(&class, &Array::of1(&options)).ok()?;
        Some(Detector(detector))
    }

    /// The text of the first QR code in `source` (a video, an ImageData...), or `None`.
    pub async fn detect(&self, source: &JsValue) -> Result<Option<String>, String> {
        let detect: js_sys::Function = Reflect::get(&self.0, &"detect".into())
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or("The browser's QR code reader is missing.")?;
        let found = detect
            .call1(&self.0, source)
            .map_err(|e| error_name(&e))?
            .dyn_into::<Promise>()
            .map_err(|e| error_name(&e))?;
        let found: Array = JsFuture::from(found)
            .await
            .map_err(|e| error_name(&e))?
            .dyn_into()
            .map_err(|e| error_name(&e))?;
        Ok(found
            .iter()
            .find_map(|code| Reflect::get(&code, &"rawValue".into()).ok()?.as_string()))
    }
}
