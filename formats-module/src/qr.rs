//! Finding and reading a QR code in a picture, with `rqrr` (a Rust port of quirc). The app uses
//! it where the browser has no `BarcodeDetector` for QR codes (desktop Chromium on Linux and
//! Windows, Firefox, Safari): a camera frame or a chosen picture comes in as the RGBA pixels of
//! a canvas.

/// The text of the first QR code found in the `width` × `height` RGBA pixels, or `None`. A code
/// whose bytes are not UTF-8 is read as ISO 8859-1, the QR standard's default.
pub fn decode_rgba(rgba: &[u8], width: usize, height: usize) -> Option<String> {
    if width == 0 || height == 0 || rgba.len() < width.checked_mul(height)?.checked_mul(4)? {
        return None;
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        let p = &rgba[(y * width + x) * 4..][..3];
        // Luma (BT.601), in integers.
        ((u32::from(p[0]) * 77 + u32::from(p[1]) * 150 + u32::from(p[2]) * 29) >> 8) as u8
    });
    image.detect_grids().iter().find_map(|grid| {
        let mut bytes = Vec::new();
        grid.decode_to(&mut bytes).ok()?;
        Some(
            String::from_utf8(bytes)
                .unwrap_or_else(|e| e.into_bytes().into_iter().map(char::from).collect()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::decode_rgba;
    use qrcode::{Color, QrCode};

    /// The RGBA pixels of `text`'s QR code drawn at `scale` pixels a module, with a quiet zone,
    /// in the middle of a grey `width` × `height` picture.
    fn picture(text: &[u8], scale: usize, width: usize, height: usize) -> Vec<u8> {
        let code = QrCode::new(text).unwrap();
        let n = code.width();
        let colors = code.to_colors();
        let side = (n + 8) * scale;
        let (left, top) = ((width - side) / 2, (height - side) / 2);
        let mut rgba = vec![180; width * height * 4];
        for y in 0..side {
            for x in 0..side {
                let (mx, my) = ((x / scale).wrapping_sub(4), (y / scale).wrapping_sub(4));
                let dark = mx < n && my < n && colors[my * n + mx] == Color::Dark;
                let v = if dark { 20 } else { 240 };
                let at = ((top + y) * width + left + x) * 4;
                rgba[at..at + 3].fill(v);
            }
        }
        rgba
    }

    #[test]
    fn reads_back_a_generated_code() {
        let text = "MECARD:N:Lima,Ana;EMAIL:ana@example.org;NOTE:Café 🎉;;";
        let rgba = picture(text.as_bytes(), 5, 640, 480);
        assert_eq!(decode_rgba(&rgba, 640, 480).as_deref(), Some(text));
    }

    #[test]
    fn latin1_bytes_and_pictures_without_a_code() {
        let rgba = picture(b"caf\xe9", 6, 320, 320);
        assert_eq!(decode_rgba(&rgba, 320, 320).as_deref(), Some("café"));
        assert_eq!(decode_rgba(&vec![128; 64 * 48 * 4], 64, 48), None);
        assert_eq!(decode_rgba(&[0; 10], 64, 48), None, "too few pixels");
        assert_eq!(decode_rgba(&[], 0, 0), None);
    }
}
