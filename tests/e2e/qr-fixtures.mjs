// QR code pictures and camera videos that the scanner's tests (and tools/bench-qr.mjs) read,
// generated here with npm's `qrcode` encoder, never downloaded. Pictures are PNG; the fake
// camera's video is YUV4MPEG2 (.y4m), which Chromium's --use-file-for-fake-video-capture plays
// in a loop.
import QRCode from "qrcode";
import { PNG } from "pngjs";
import { writeFileSync } from "node:fs";

/** The QR code of `text` (UTF-8, error correction M) as a PNG, `scale` pixels a module. */
export function qrPng(text, scale = 6) {
  return QRCode.toBuffer(text, { type: "png", errorCorrectionLevel: "M", margin: 4, scale });
}

/** A PNG picture with no code in it: grey stripes. */
export function noCodePng(width = 320, height = 240) {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      const v = (Math.floor(x / 16) + Math.floor(y / 16)) % 2 ? 90 : 200;
      png.data[at] = png.data[at + 1] = png.data[at + 2] = v;
      png.data[at + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** A `width` × `height` grey picture (one byte of luma a pixel) with `text`'s QR code drawn in the
 *  middle, as large as fits in 3/4 of the height, and a little noise, as a camera sees it. */
export function qrLuma(text, width = 640, height = 480) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = modules.size;
  const scale = Math.max(2, Math.floor((height * 3) / 4 / (n + 8)));
  const side = (n + 8) * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const luma = Buffer.alloc(width * height);
  let seed = 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = 120;
      const mx = Math.floor((x - left) / scale) - 4;
      const my = Math.floor((y - top) / scale) - 4;
      if (x >= left && y >= top && x < left + side && y < top + side) {
        v = mx >= 0 && my >= 0 && mx < n && my < n && modules.get(my, mx) ? 25 : 230;
      }
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      luma[y * width + x] = Math.max(0, Math.min(255, v + ((seed >> 16) % 21) - 10));
    }
  }
  return { luma, width, height };
}

/** Writes three frames of `picture` (luma, as qrLuma gives it) to `file` as a .y4m video (4:2:0,
 *  with grey colour planes). */
function writeVideo(file, { luma, width, height }) {
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(file, Buffer.concat([header, frame, frame, frame]));
}

/** Writes a 640 × 480 video of `text`'s QR code to `file`. */
export function writeQrVideo(file, text) {
  writeVideo(file, qrLuma(text));
}

/** Writes a 640 × 480 video with no code in it: dark and light squares of 3 pixels in a random
 *  pattern, like print seen from afar, which the decoder has to search through (a plain grey
 *  frame takes it less time). */
export function writeNoCodeVideo(file) {
  const [width, height, side] = [640, 480, 3];
  const luma = Buffer.alloc(width * height);
  let seed = 11;
  const dark = [];
  for (let i = 0; i < Math.ceil(width / side) * Math.ceil(height / side); i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    dark.push((seed >> 16) & 1);
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      luma[y * width + x] = dark[Math.floor(y / side) * Math.ceil(width / side) + Math.floor(x / side)] ? 30 : 220;
    }
  }
  writeVideo(file, { luma, width, height });
}
