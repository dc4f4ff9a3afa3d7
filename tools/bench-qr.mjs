// Times the QR code decoder of the release build: the file formats module's `decode_qr` (rqrr,
// compiled into dist/formats_bg.wasm) on one 640 × 480 camera frame, with a vCard's QR code in it
// and with no code at all (what most frames of a scan are). The app runs this same call in the
// scanner's worker (assets/qr-worker.js), off the page's thread; Node runs the same wasm in the
// same engine (V8) as Chromium. The budget is 50 ms a frame. `make bench` reports it too.
//
//   node tools/bench-qr.mjs [dist]      (after scripts/build.sh; prints the medians)
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { qrLuma } from "../tests/e2e/qr-fixtures.mjs";

export const DECODE_BUDGET_MS = 50;

const VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lima;Ana;;;\r\nFN:Ana Lima\r\nORG:Açaí Labs\r\nEMAIL:ana@example.org\r\nTEL:+351 912 345 678\r\nURL:https://example.org/ana\r\nEND:VCARD\r\n";

/** RGBA pixels, as a canvas gives them, of a luma picture. */
function rgba({ luma, width, height }) {
  const pixels = new Uint8ClampedArray(width * height * 4);
  luma.forEach((v, i) => pixels.set([v, v, v, 255], i * 4));
  return { pixels, width, height };
}

/** The decoding times (ms) of `runs` frames with a vCard's code, and of `runs` with none. */
export async function decodeTimes(dist, runs = 25) {
  const formats = await import(pathToFileURL(join(dist, "formats.js")).href);
  await formats.default({ module_or_path: readFileSync(join(dist, "formats_bg.wasm")) });
  const blank = qrLuma("-");
  blank.luma.fill(128);
  const time = ({ pixels, width, height }, expected) =>
    Array.from({ length: runs }, () => {
      const start = performance.now();
      const text = formats.decode_qr(pixels, width, height);
      const ms = performance.now() - start;
      if (text !== expected) throw new Error(`the decoder read ${JSON.stringify(text)}`);
      return ms;
    });
  return { withCode: time(rgba(qrLuma(VCARD)), VCARD), noCode: time(rgba(blank), "") };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { withCode, noCode } = await decodeTimes(resolve(process.argv[2] ?? "dist"));
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  for (const [label, xs] of [["with a vCard's QR code", withCode], ["with no code", noCode]]) {
    const m = median(xs);
    console.log(`640×480 frame ${label}: median ${m.toFixed(1)} ms (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}), ${xs.length} runs; budget ${DECODE_BUDGET_MS} ms: ${m <= DECODE_BUDGET_MS ? "met" : "NOT met"}`);
  }
}
