//! The file formats module's QR code decoder run in a Web Worker of its own (`qr-worker.js`,
//! from `assets/`), so that decoding a camera frame or a picture (tens of milliseconds a frame
//! here, more on a phone) never holds up typing in the form. The worker loads the module's wasm
//! itself when it starts; a frame's pixels are handed over to it (transferred, not copied), one
//! frame at a time, and it answers with the code's text or nothing.

use js_sys::{Array, Object, Promise, Reflect, Uint8ClampedArray};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ImageData, Worker, WorkerOptions, WorkerType};

use super::{site_file, NOT_LOADED};

/// The decoder's worker. Dropping it ends the worker.
pub struct QrDecoder(Worker);

impl QrDecoder {
    /// Starts the worker, which begins loading the file formats module at once.
    pub fn start() -> Result<QrDecoder, String> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        Worker::new_with_options(&site_file("qr-worker.js")?, &options)
            .map(QrDecoder)
            .map_err(|_| NOT_LOADED.to_string())
    }

    /// The text of the QR code in `pixels` (a camera frame or a picture), or `None`. The pixels
    /// go to the worker: `pixels` is empty afterwards.
    pub async fn decode(&self, pixels: ImageData) -> Result<Option<String>, String> {
        let fail = |_| NOT_LOADED.to_string();
        let rgba: Uint8ClampedArray = Reflect::get(&pixels, &"data".into())
            .map_err(fail)?
            .dyn_into()
            .map_err(fail)?;
        let buffer = rgba.buffer();
        let frame = Object::new();
        for (key, value) in [
            ("rgba", buffer.clone().into()),
            ("width", pixels.width().into()),
            ("height", pixels.height().into()),
        ] {
            Reflect::set(&frame, &key.into(), &value).map_err(fail)?;
        }
        // The next message is the answer to this frame: only one is ever in flight. A worker that
        // cannot start (its script or the module missing) fires `error` instead.
        let answer = Promise::new(&mut |resolve, reject| {
            self.0.set_onmessage(Some(&resolve));
            self.0.set_onerror(Some(&reject));
            self.0.set_onmessageerror(Some(&reject));
        });
        self.0
            .post_message_with_transfer(&frame, &Array::of1(&buffer))
            .map_err(fail)?;
        let answer = JsFuture::from(answer).await.map_err(fail)?;
        let text: JsValue = Reflect::get(&answer, &"data".into()).map_err(fail)?;
        let text = text.as_string().ok_or(NOT_LOADED)?;
        Ok((!text.is_empty()).then_some(text))
    }
}

impl Drop for QrDecoder {
    fn drop(&mut self) {
        self.0.terminate();
    }
}
