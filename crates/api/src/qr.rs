//! Decoding a QR code from a camera frame, in Rust (rqrr).
//!
//! The UI grabs a frame from the webcam, reduces it to 8-bit luma and sends
//! it base64-encoded; this module finds and decodes the QR codes in it. The
//! frame itself is never stored (an image of an ID card is sensitive data).

use base64::Engine as _;

use crate::dto::QrFrame;
use crate::{ApiError, Result};

/// Frames larger than this are refused (the UI downscales to ≤ 1280 px).
pub const MAX_PIXELS: usize = 1280 * 1280;

/// The texts of the QR codes found in a luma frame, possibly none.
pub fn qr_decode_frame(frame: &QrFrame) -> Result<Vec<String>> {
    let bad = |detail: &str| ApiError::InvalidValue {
        field: "frame".into(),
        value: detail.into(),
    };
    let (w, h) = (frame.width as usize, frame.height as usize);
    if w == 0 || h == 0 || w * h > MAX_PIXELS {
        return Err(bad("size"));
    }
    let luma = base64::engine::general_purpose::STANDARD
        .decode(frame.luma_base64.as_bytes())
        .map_err(|_| bad("base64"))?;
    if luma.len() != w * h {
        return Err(bad("length"));
    }
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| luma[y * w + x]);
    Ok(img
        .detect_grids()
        .into_iter()
        .filter_map(|grid| grid.decode().ok().map(|(_, text)| text))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders `text` as a QR code into a luma frame: `scale` pixels per
    /// module, a quiet zone, placed at an offset in a larger grey frame.
    fn frame_with_qr(text: &str, scale: usize) -> QrFrame {
        let code = qrcode::QrCode::new(text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        let modules = code.width();
        let colors = code.to_colors();
        let (w, h) = (modules * scale + 200, modules * scale + 160);
        let mut luma = vec![200u8; w * h];
        for y in 0..modules * scale {
            for x in 0..modules * scale {
                let dark = colors[(y / scale) * modules + x / scale] == qrcode::Color::Dark;
                luma[(y + 80) * w + x + 100] = if dark { 20 } else { 235 };
            }
        }
        QrFrame {
            width: w as u32,
            height: h as u32,
            luma_base64: base64::engine::general_purpose::STANDARD.encode(&luma),
        }
    }

    #[test]
    fn decodes_a_cccd_qr_from_a_frame() -> Result<()> {
        let line = "001090123456|012345678|Nguyễn Văn Thử|01011990|Nam|Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh|15042021";
        let found = qr_decode_frame(&frame_with_qr(line, 4))?;
        assert_eq!(found, vec![line.to_owned()]);
        Ok(())
    }

    #[test]
    fn a_frame_without_a_code_finds_nothing_and_bad_frames_are_refused() -> Result<()> {
        let blank = QrFrame {
            width: 64,
            height: 48,
            luma_base64: base64::engine::general_purpose::STANDARD.encode(vec![128u8; 64 * 48]),
        };
        assert!(qr_decode_frame(&blank)?.is_empty());
        let mut short = blank.clone();
        short.height = 49;
        assert!(qr_decode_frame(&short).is_err());
        let huge = QrFrame {
            width: 5000,
            height: 5000,
            luma_base64: String::new(),
        };
        assert!(qr_decode_frame(&huge).is_err());
        let garbage = QrFrame {
            width: 1,
            height: 1,
            luma_base64: "!!!".into(),
        };
        assert!(qr_decode_frame(&garbage).is_err());
        Ok(())
    }
}
