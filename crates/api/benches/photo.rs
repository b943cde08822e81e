//! Photo benchmark: what a khai sinh dossier whose two papers are phone
//! photos costs on the wire, beside the photos as the phone took them.
//!
//! Each photo is generated here: a 12-megapixel (4000 × 3000) JPEG of a
//! printed A4 page taken with a phone (lines of 10-point text, margins,
//! uneven light and sensor noise). Both go through the app's own pipeline
//! (`attach::prepare`: upright, scaled, compressed), plus a 4 KB allowance
//! for the submission's JSON. It prints the bytes on the wire against the
//! 600 KB budget, the ratio to the phone's files, and what stays of the
//! text: pixels per text line height and the contrast between ink and paper
//! after compression. Run: `cargo bench -p gocua-api --bench photo`.

use std::time::Instant;

use image::{ImageBuffer, Luma, Rgb, RgbImage};

/// A tiny deterministic generator (no dependency for noise).
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 32) as u32
    }
}

/// Text line height on the photo: an A4 page (297 mm) fills the 4000-px
/// long side, and 10-point text sets about 12 lines per 2 inches.
const LINE_PX: u32 = 56;
const INK: u8 = 30;

/// A phone photo of a printed page: paper with a light gradient, lines of
/// "words" of glyph-like strokes, noise. Returns the RGB image.
fn page_photo(seed: u64) -> RgbImage {
    let (w, h) = (3000u32, 4000u32);
    let mut n = Noise(seed | 1);
    let mut img: RgbImage = ImageBuffer::from_fn(w, h, |x, y| {
        let light = 215.0 + 30.0 * (x as f32 / w as f32) - 20.0 * (y as f32 / h as f32);
        let v = light as u8;
        Rgb([v, v.saturating_sub(4), v.saturating_sub(12)])
    });
    let margin = 260;
    let mut y = margin;
    while y + LINE_PX < h - margin {
        let mut x = margin;
        let line_end = w - margin - (n.next() % 600);
        while x < line_end {
            let word = 3 + n.next() % 8;
            for _ in 0..word {
                let glyph_w = 14 + n.next() % 10;
                let glyph_h = 22 + n.next() % 14;
                // Two or three strokes per glyph.
                for _ in 0..2 + n.next() % 2 {
                    let sx = x + n.next() % glyph_w;
                    let vertical = n.next().is_multiple_of(2);
                    let (sw, sh) = if vertical { (4, glyph_h) } else { (glyph_w, 4) };
                    let sy =
                        y + LINE_PX - 12 - glyph_h + if vertical { 0 } else { n.next() % glyph_h };
                    for py in sy..(sy + sh).min(h) {
                        for px in sx..(sx + sw).min(w) {
                            img.put_pixel(px, py, Rgb([INK, INK, INK + 6]));
                        }
                    }
                }
                x += glyph_w + 3;
            }
            x += 18 + n.next() % 10;
        }
        y += LINE_PX;
        if n.next().is_multiple_of(9) {
            y += LINE_PX; // a paragraph break
        }
    }
    for p in img.pixels_mut() {
        let d = (n.next() % 13) as i16 - 6;
        for c in p.0.iter_mut() {
            *c = (*c as i16 + d).clamp(0, 255) as u8;
        }
    }
    img
}

fn phone_jpeg(img: &RgbImage) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92).encode_image(img)?;
    Ok(out)
}

/// Mean luma of the darkest and the lightest tenth of pixels.
fn ink_and_paper(img: &ImageBuffer<Luma<u8>, Vec<u8>>) -> (f64, f64) {
    let mut hist = [0u64; 256];
    for p in img.pixels() {
        hist[p.0[0] as usize] += 1;
    }
    let total: u64 = hist.iter().sum();
    let tenth = total / 10;
    let mean_of = |range: &mut dyn Iterator<Item = usize>| {
        let (mut seen, mut sum) = (0u64, 0u64);
        for v in range {
            let take = hist[v].min(tenth - seen);
            seen += take;
            sum += take * v as u64;
            if seen >= tenth {
                break;
            }
        }
        sum as f64 / seen.max(1) as f64
    };
    (mean_of(&mut (0..256)), mean_of(&mut (0..256).rev()))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    const BUDGET: usize = 600 * 1024;
    let mut phone = 0usize;
    let mut wire = 0usize;
    let mut worst_lines = f64::MAX;
    let mut worst_contrast = f64::MAX;
    let started = Instant::now();
    for seed in [7u64, 11] {
        let photo = phone_jpeg(&page_photo(seed))?;
        phone += photo.len();
        let prepared = gocua_api::attach::prepare(&photo)?;
        wire += prepared.bytes.len();
        let back = image::load_from_memory(&prepared.bytes)?.to_luma8();
        // The text line height after scaling, in pixels.
        let lines = f64::from(LINE_PX) * f64::from(back.height().max(back.width())) / 4000.0;
        let (ink, paper) = ink_and_paper(&back);
        worst_lines = worst_lines.min(lines);
        worst_contrast = worst_contrast.min(paper - ink);
        println!(
            "photo {seed}: phone {} KB → sent {} KB, {}×{} px, text line {:.1} px, ink {:.0} / paper {:.0}",
            photo.len() / 1024,
            prepared.bytes.len() / 1024,
            back.width(),
            back.height(),
            lines,
            ink,
            paper
        );
    }
    // An allowance for the submission's JSON (answers and paper list).
    let json = 4 * 1024;
    wire += json;
    println!(
        "khai sinh dossier, two phone photos: {} KB on the wire (budget {} KB: {}); phone files {} KB, ratio sent/phone {:.3}; {:.1} s",
        wire / 1024,
        BUDGET / 1024,
        if wire <= BUDGET { "met" } else { "MISSED" },
        phone / 1024,
        wire as f64 / phone as f64,
        started.elapsed().as_secs_f64()
    );
    println!(
        "legibility: text line ≥ {worst_lines:.1} px (≥ 16 px reads as 10-point text), ink/paper contrast ≥ {worst_contrast:.0} (≥ 100 keeps strokes black on white): {}",
        if worst_lines >= 16.0 && worst_contrast >= 100.0 {
            "kept"
        } else {
            "LOST"
        }
    );
    Ok(())
}
