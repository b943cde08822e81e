//! Preparing a photo or PDF to attach: what the portal accepts, small enough
//! for a village connection, text still legible.
//!
//! Photos (JPEG, PNG, WebP) are turned upright by their EXIF orientation,
//! scaled so the long side is at most [`MAX_LONG_SIDE`] pixels (an A4 page
//! at ~170 dpi, enough for printed and handwritten text) and re-encoded as
//! JPEG, lowering the quality and then the size until a page fits
//! [`PAGE_TARGET_BYTES`]. A page with no colour to speak of (black print on
//! paper) is encoded in grey: the colour planes of a white page photographed
//! under warm light carry only the light. A page with colour that matters
//! (a red seal, a photo on an ID card) keeps it. PDFs are kept as they are,
//! within the portal's per-file limit. `cargo bench -p gocua-api --bench
//! photo` measures a khai sinh dossier with two phone photos of printed
//! pages against its 600 KB budget.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, imageops::FilterType};

use crate::ApiError;

/// The portal's per-file limit (the sandbox's; the national portal's limit
/// per file is of the same order and must be checked per procedure).
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;
/// The largest input accepted at all (a 50-megapixel phone photo).
pub const MAX_INPUT_BYTES: usize = 40 * 1024 * 1024;
/// What one photographed page should weigh at most: two pages and the
/// dossier's JSON within 600 KB.
pub const PAGE_TARGET_BYTES: usize = 290 * 1024;
/// The long side of a stored photo, in pixels.
pub const MAX_LONG_SIDE: u32 = 2000;
/// Below this long side text becomes hard to read; we stop shrinking.
const MIN_LONG_SIDE: u32 = 1200;

/// A file ready to store.
#[derive(Debug)]
pub struct Prepared {
    /// The bytes to store and send.
    pub bytes: Vec<u8>,
    /// `image/jpeg` or `application/pdf`.
    pub mime: &'static str,
    /// The file extension for that type.
    pub ext: &'static str,
}

fn refuse(reason: &str) -> ApiError {
    ApiError::InvalidAttachment {
        reason: reason.to_owned(),
        max_mb: (MAX_ATTACHMENT_BYTES / (1024 * 1024)) as u32,
    }
}

/// Checks and converts `data` (see the module documentation).
pub fn prepare(data: &[u8]) -> Result<Prepared, ApiError> {
    if data.is_empty() {
        return Err(refuse("empty"));
    }
    if data.len() > MAX_INPUT_BYTES {
        return Err(refuse("too-large"));
    }
    if data.starts_with(b"%PDF-") {
        if data.len() > MAX_ATTACHMENT_BYTES {
            return Err(refuse("too-large"));
        }
        if !data.windows(5).rev().take(2048).any(|w| w == b"%%EOF") {
            return Err(refuse("damaged"));
        }
        return Ok(Prepared {
            bytes: data.to_vec(),
            mime: "application/pdf",
            ext: "pdf",
        });
    }
    let format = image::guess_format(data).map_err(|_| refuse("unsupported"))?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(refuse("unsupported"));
    }
    let mut reader = ImageReader::with_format(Cursor::new(data), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| refuse("damaged"))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|_| refuse("damaged"))?;
    img.apply_orientation(orientation);
    if !has_colour(&img) {
        img = DynamicImage::ImageLuma8(img.to_luma8());
    }
    let bytes = encode_within(img, PAGE_TARGET_BYTES)?;
    Ok(Prepared {
        bytes,
        mime: "image/jpeg",
        ext: "jpg",
    })
}

/// Whether some of the page is really coloured: at least one pixel in 200
/// (sampled) far from grey once the light's overall tint is taken out. A
/// red seal or an ID photo is; the warm cast of a lamp on paper is not.
fn has_colour(img: &DynamicImage) -> bool {
    let rgb = match img {
        DynamicImage::ImageLuma8(_) | DynamicImage::ImageLumaA8(_) => return false,
        other => other.to_rgb8(),
    };
    let step = ((rgb.width() as usize * rgb.height() as usize) / 200_000).max(1);
    let samples: Vec<[i32; 3]> = rgb
        .pixels()
        .step_by(step)
        .map(|p| [i32::from(p.0[0]), i32::from(p.0[1]), i32::from(p.0[2])])
        .collect();
    if samples.is_empty() {
        return false;
    }
    // The overall tint (the light), taken out before judging each pixel.
    let n = samples.len() as i64;
    let mean = |c: usize| (samples.iter().map(|p| i64::from(p[c])).sum::<i64>() / n) as i32;
    let (r, g, b) = (mean(0), mean(1), mean(2));
    let grey = (r + g + b) / 3;
    let tint = [r - grey, g - grey, b - grey];
    let coloured = samples
        .iter()
        .filter(|p| {
            let c = [p[0] - tint[0], p[1] - tint[1], p[2] - tint[2]];
            let max = c.iter().copied().max().unwrap_or(0);
            let min = c.iter().copied().min().unwrap_or(0);
            max - min > 60
        })
        .count();
    coloured * 200 >= samples.len()
}

fn encode(img: &DynamicImage, quality: u8) -> Result<Vec<u8>, ApiError> {
    let mut out = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
    let done = match img {
        // One plane for a grey page.
        DynamicImage::ImageLuma8(grey) => encoder.encode_image(grey),
        other => encoder.encode_image(&other.to_rgb8()),
    };
    done.map_err(|e| ApiError::Internal(format!("jpeg encode: {e}")))?;
    Ok(out)
}

fn scaled(img: &DynamicImage, long_side: u32) -> DynamicImage {
    let (w, h) = (img.width(), img.height());
    if w.max(h) <= long_side {
        return img.clone();
    }
    img.resize(long_side, long_side, FilterType::CatmullRom)
}

/// JPEG of `img` at most `target` bytes if that is possible while the long
/// side stays at least [`MIN_LONG_SIDE`]; otherwise the smallest tried.
fn encode_within(img: DynamicImage, target: usize) -> Result<Vec<u8>, ApiError> {
    let mut side = MAX_LONG_SIDE.min(img.width().max(img.height()));
    let mut best: Option<Vec<u8>> = None;
    loop {
        let page = scaled(&img, side);
        for quality in [85u8, 75, 65, 55, 45] {
            let bytes = encode(&page, quality)?;
            if bytes.len() <= target {
                return Ok(bytes);
            }
            if best.as_ref().is_none_or(|b| bytes.len() < b.len()) {
                best = Some(bytes);
            }
        }
        if side <= MIN_LONG_SIDE {
            break;
        }
        side = (side * 4 / 5).max(MIN_LONG_SIDE);
    }
    let bytes = best.ok_or_else(|| ApiError::Internal("no encoding".into()))?;
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Err(refuse("too-large"));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GenericImageView, Rgb, RgbImage};

    /// A page of "text": dark strokes on white, with noise like a photo.
    fn page(w: u32, h: u32) -> RgbImage {
        let mut seed = 12345u32;
        RgbImage::from_fn(w, h, |x, y| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let noise = (seed >> 16) as u8 % 24;
            let stroke = (y / 9) % 4 == 0 && (x / 7 + y / 36) % 5 != 0;
            if stroke {
                Rgb([30 + noise, 30, 40])
            } else {
                Rgb([235 - noise, 232, 225])
            }
        })
    }

    fn png(img: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    fn jpeg(img: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95)
            .encode_image(img)
            .unwrap();
        out
    }

    /// Puts an EXIF APP1 segment with `Orientation = value` after the SOI.
    fn with_orientation(jpeg: &[u8], value: u16) -> Vec<u8> {
        let mut tiff = Vec::new();
        tiff.extend_from_slice(b"II*\0");
        tiff.extend_from_slice(&8u32.to_le_bytes());
        tiff.extend_from_slice(&1u16.to_le_bytes()); // one entry
        tiff.extend_from_slice(&0x0112u16.to_le_bytes()); // Orientation
        tiff.extend_from_slice(&3u16.to_le_bytes()); // SHORT
        tiff.extend_from_slice(&1u32.to_le_bytes());
        tiff.extend_from_slice(&value.to_le_bytes());
        tiff.extend_from_slice(&[0, 0]);
        tiff.extend_from_slice(&0u32.to_le_bytes()); // no next IFD
        let mut payload = b"Exif\0\0".to_vec();
        payload.extend_from_slice(&tiff);
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&payload);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    #[test]
    fn a_printed_page_goes_grey_and_a_red_seal_keeps_its_colour() {
        let plain = prepare(&jpeg(&page(1200, 1600))).unwrap();
        let back = image::load_from_memory(&plain.bytes).unwrap();
        assert_eq!(back.color(), image::ColorType::L8, "black print on paper");

        let mut sealed = page(1200, 1600);
        // A red round seal over the signature, about 2 % of the page.
        for y in 1100..1300u32 {
            for x in 800..1000u32 {
                let (dx, dy) = (x as i32 - 900, y as i32 - 1200);
                if dx * dx + dy * dy < 100 * 100 {
                    sealed.put_pixel(x, y, Rgb([200, 30, 40]));
                }
            }
        }
        let kept = prepare(&jpeg(&sealed)).unwrap();
        let back = image::load_from_memory(&kept.bytes).unwrap().to_rgb8();
        let p = back.get_pixel(900, 1200).0;
        assert!(p[0] > 150 && p[1] < 90, "the seal is still red: {p:?}");
    }

    #[test]
    fn a_large_photo_becomes_an_upright_jpeg_under_the_page_target() {
        let raw = png(&page(3000, 4000));
        assert!(
            raw.len() > PAGE_TARGET_BYTES * 4,
            "the sample must be heavy: {}",
            raw.len()
        );
        let p = prepare(&raw).unwrap();
        assert_eq!(p.mime, "image/jpeg");
        assert!(
            p.bytes.len() <= PAGE_TARGET_BYTES,
            "{} bytes",
            p.bytes.len()
        );
        let back = image::load_from_memory(&p.bytes).unwrap();
        assert!(back.height() >= MIN_LONG_SIDE && back.height() <= MAX_LONG_SIDE);
        assert_eq!(back.width() * 4 / 3, back.height(), "aspect ratio kept");
    }

    #[test]
    fn exif_orientation_is_applied() {
        // A landscape sensor image of a portrait page, tagged "rotate 90° CW".
        let mut img = page(400, 200);
        for y in 0..20 {
            for x in 0..20 {
                img.put_pixel(x, y, Rgb([255, 0, 0])); // red mark at top-left
            }
        }
        let p = prepare(&with_orientation(&jpeg(&img), 6)).unwrap();
        let back = image::load_from_memory(&p.bytes).unwrap();
        assert_eq!((back.width(), back.height()), (200, 400));
        // Rotated 90° clockwise, the top-left corner moves to the top-right.
        let Rgb([r, g, _]) = back.to_rgb8().get_pixel(195, 5).to_owned();
        assert!(r > 180 && g < 90, "red mark not at top-right: {r},{g}");
        let _ = back.dimensions();
    }

    #[test]
    fn refusals_name_their_reason() {
        let reason = |data: &[u8]| match prepare(data) {
            Err(ApiError::InvalidAttachment { reason, .. }) => reason,
            other => panic!("{other:?}"),
        };
        assert_eq!(reason(b""), "empty");
        assert_eq!(reason(b"hello, world"), "unsupported");
        assert_eq!(reason(b"GIF89a......"), "unsupported");
        let mut broken = jpeg(&page(50, 50));
        broken.truncate(40);
        assert_eq!(reason(&broken), "damaged");
        assert_eq!(reason(b"%PDF-1.7\n1 0 obj"), "damaged");
        let mut big = b"%PDF-1.7\n".to_vec();
        big.resize(MAX_ATTACHMENT_BYTES + 1, b' ');
        big.extend_from_slice(b"%%EOF");
        assert_eq!(reason(&big), "too-large");
    }

    #[test]
    fn pdfs_are_kept_as_they_are() {
        let pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
        let p = prepare(pdf).unwrap();
        assert_eq!((p.mime, p.bytes.as_slice()), ("application/pdf", &pdf[..]));
    }
}
