//! The file formats module's QR code decoder run in a Web Worker of its own (`qr-worker.js`,
//! from `assets/`), so that decoding a camera frame or a picture (tens of milliseconds a frame
//! here, more on a phone) never holds up typing in the form. The worker loads the module's wasm
//! itself when it starts; a frame's pixels are handed over to it (transferred, not copied), one
//! frame at a time, and it answers with the code's text or nothing.

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::ImageData;

use super::{site_file, NOT_LOADED};

// The worker is driven through `Reflect` and `Function`, whose bindings the app already has,
// rather than through web-sys' `Worker`: wasm-bindgen writes every binding of every part into
// the one JavaScript file of the first load, and `Worker`'s would make it larger for a page that
// may never scan.

/// The decoder's worker, and a promise that settles with its first `error` event (a worker that
/// cannot start, its script or the module missing, fires one, maybe before the first frame is
/// sent). Dropping it ends the worker.
pub struct QrDecoder {
    worker: JsValue,
    failed: Promise,
}

/// `target[name]` as a function.
fn method(target: &JsValue, name: &str) -> Result<Function, String> {
    Reflect::get(target, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| NOT_LOADED.to_string())
}

/// An array of these values (built with `push`, one of the bindings the app already has).
fn array(values: &[&JsValue]) -> Array {
    let array = Array::new();
    for value in values {
        array.push(value);
    }
    array
}

/// A plain object of these properties.
fn object(properties: &[(&str, JsValue)]) -> Result<Object, String> {
    let object = Object::new();
    for (key, value) in properties {
        Reflect::set(&object, &(*key).into(), value).map_err(|_| NOT_LOADED.to_string())?;
    }
    Ok(object)
}

impl QrDecoder {
    /// Starts the worker, which begins loading the file formats module at once.
    pub fn start() -> Result<QrDecoder, String> {
        let worker_class = method(&js_sys::global(), "Worker")?;
        let url: JsValue = site_file("qr-worker.js")?.into();
        let options = object(&[("type", "module".into())])?;
        let worker = Reflect::construct(&worker_class, &array(&[&url, &options]))
            .map_err(|_| NOT_LOADED.to_string())?;
        let add_listener = method(&worker, "addEventListener")?;
        let mut listening = Ok(JsValue::UNDEFINED);
        let failed = Promise::new(&mut |settle, _| {
            listening = add_listener.call2(&worker, &"error".into(), &settle);
        });
        listening.map_err(|_| NOT_LOADED.to_string())?;
        Ok(QrDecoder { worker, failed })
    }

    /// The text of the QR code in `pixels` (a camera frame or a picture), or `None`. The pixels
    /// go to the worker: `pixels` is empty afterwards.
    pub async fn decode(&self, pixels: ImageData) -> Result<Option<String>, String> {
        let fail = |_| NOT_LOADED.to_string();
        let rgba = Reflect::get(&pixels, &"data".into()).map_err(fail)?;
        let buffer = Reflect::get(&rgba, &"buffer".into()).map_err(fail)?;
        let frame = object(&[
            ("rgba", buffer.clone()),
            ("width", pixels.width().into()),
            ("height", pixels.height().into()),
        ])?;
        // The next message is the answer to this frame: only one is ever in flight.
        let worker = &self.worker;
        let mut handlers = Ok(());
        let answer = Promise::new(&mut |resolve, reject| {
            handlers = [("onmessage", &resolve), ("onmessageerror", &reject)]
                .into_iter()
                .try_for_each(|(name, handler)| {
                    Reflect::set(worker, &name.into(), handler).map(drop)
                });
        });
        handlers.map_err(fail)?;
        // Or the worker's `error`, whenever it came.
        let promise = Reflect::get(&js_sys::global(), &"Promise".into()).map_err(fail)?;
        let answer = method(&promise, "race")?
            .call1(&promise, &array(&[&answer, &self.failed]))
            .map_err(fail)?
            .unchecked_into::<Promise>();
        // `postMessage(frame, { transfer: [buffer] })`: the pixels are handed over, not copied.
        let transfer = object(&[("transfer", array(&[&buffer]).into())])?;
        method(worker, "postMessage")?
            .apply(worker, &array(&[&frame, &transfer]))
            .map_err(fail)?;
        let answer = JsFuture::from(answer).await.map_err(fail)?;
        if Reflect::get(&answer, &"type".into())
            .ok()
            .and_then(|t| t.as_string())
            .as_deref()
            == Some("error")
        {
            return Err(NOT_LOADED.into());
        }
        let text: JsValue = Reflect::get(&answer, &"data".into()).map_err(fail)?;
        let text = text.as_string().ok_or(NOT_LOADED)?;
        Ok((!text.is_empty()).then_some(text))
    }
}

impl Drop for QrDecoder {
    fn drop(&mut self) {
        if let Ok(terminate) = method(&self.worker, "terminate") {
            let _ = terminate.call0(&self.worker);
        }
    }
}
