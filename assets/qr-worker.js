// The QR code scanner's decoder, in a worker of its own: decoding a camera frame takes tens of
// milliseconds (more on a phone), which on the page would hold up typing in the form. The page
// starts one for each camera scan, and one for the pictures chosen on a page (src/formats_module/qr_worker.rs); it sends one frame at a time, its RGBA
// pixels handed over (not copied) as { rgba: ArrayBuffer, width, height }. The worker runs the
// file formats module's `decode_qr` (rqrr) on them and answers with the code's text, "" when the
// frame has none, or null when the module could not be started.
import init, { decode_qr } from "./formats.js";

const started = init();
started.catch(() => {}); // Answered as null to each frame instead.

self.onmessage = async ({ data: { rgba, width, height } }) => {
  let text = null;
  try {
    await started;
    text = decode_qr(new Uint8Array(rgba), width, height);
  } catch {
    text = null;
  }
  self.postMessage(text);
};
