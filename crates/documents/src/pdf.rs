//! Printable documents (A4 PDF) with the Be Vietnam Pro font embedded, so
//! Vietnamese prints correctly on any printer and viewer.
//!
//! A deliberately small layout engine: headings, wrapped paragraphs and
//! label/value lines, flowing onto new pages. Text comes translated from the
//! caller; nothing here knows what a consent or a dossier is.

use printpdf::{
    Color, IndirectFontRef, Mm, PdfDocument, PdfDocumentReference, PdfLayerIndex, PdfPageIndex,
    Rect, Rgb,
};

use printpdf::path::PaintMode;

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/BeVietnamPro-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/BeVietnamPro-Bold.ttf");

/// Writing the PDF failed (the embedded font or the serialiser).
#[derive(Debug, thiserror::Error)]
#[error("pdf: {0}")]
pub struct Error(String);

/// This crate's results.
pub type Result<T, E = Error> = std::result::Result<T, E>;

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 20.0;
/// Average glyph width of Be Vietnam Pro relative to the font size (measured
/// on Vietnamese text), used to wrap lines without a shaping engine.
const AVG_CHAR_EM: f32 = 0.52;

fn pdf_err(e: impl std::fmt::Display) -> Error {
    Error(e.to_string())
}

/// A document being written, top to bottom.
pub struct Writer {
    doc: PdfDocumentReference,
    regular: IndirectFontRef,
    bold: IndirectFontRef,
    page: PdfPageIndex,
    layer: PdfLayerIndex,
    y: f32,
    pages: usize,
}

impl Writer {
    /// A new A4 document.
    pub fn new(title: &str) -> Result<Self> {
        let (doc, page, layer) = PdfDocument::new(title, Mm(PAGE_W), Mm(PAGE_H), "text");
        let regular = doc
            .add_external_font(std::io::Cursor::new(REGULAR))
            .map_err(pdf_err)?;
        let bold = doc
            .add_external_font(std::io::Cursor::new(BOLD))
            .map_err(pdf_err)?;
        Ok(Writer {
            doc,
            regular,
            bold,
            page,
            layer,
            y: PAGE_H - MARGIN,
            pages: 1,
        })
    }

    fn ensure_room(&mut self, height: f32) {
        if self.y - height < MARGIN {
            let (page, layer) = self.doc.add_page(Mm(PAGE_W), Mm(PAGE_H), "text");
            self.page = page;
            self.layer = layer;
            self.y = PAGE_H - MARGIN;
            self.pages += 1;
        }
    }

    /// Pages so far.
    pub fn pages(&self) -> usize {
        self.pages
    }

    fn line(&mut self, text: &str, size: f32, bold: bool) {
        let height = size * 0.3528 * 1.45; // pt → mm, with leading
        self.ensure_room(height);
        self.y -= height;
        let layer = self.doc.get_page(self.page).get_layer(self.layer);
        let font = if bold { &self.bold } else { &self.regular };
        layer.use_text(text, size, Mm(MARGIN), Mm(self.y), font);
    }

    /// Wraps `text` to the page width at `size` points.
    fn wrapped(&mut self, text: &str, size: f32, bold: bool) {
        let max_chars = ((PAGE_W - 2.0 * MARGIN) / (size * 0.3528 * AVG_CHAR_EM))
            .floor()
            .max(10.0) as usize;
        for line in wrap(text, max_chars) {
            self.line(&line, size, bold);
        }
    }

    /// A title.
    pub fn title(&mut self, text: &str) {
        self.wrapped(text, 16.0, true);
        self.space(3.0);
    }

    /// A section heading.
    pub fn heading(&mut self, text: &str) {
        self.space(2.0);
        self.wrapped(text, 12.0, true);
    }

    /// A paragraph.
    pub fn para(&mut self, text: &str) {
        self.wrapped(text, 10.5, false);
        self.space(1.0);
    }

    /// "Label: value" on one (wrapped) line, the label in bold.
    pub fn field(&mut self, label: &str, value: &str) {
        self.wrapped(&format!("{label}: {value}"), 10.5, false);
    }

    /// Two short texts side by side (signature blocks), bold.
    pub fn two_columns(&mut self, left: &str, right: &str) {
        let size = 10.5;
        let height = size * 0.3528 * 1.45;
        self.ensure_room(height);
        self.y -= height;
        let layer = self.doc.get_page(self.page).get_layer(self.layer);
        layer.use_text(left, size, Mm(MARGIN), Mm(self.y), &self.bold);
        layer.use_text(right, size, Mm(PAGE_W / 2.0 + 5.0), Mm(self.y), &self.bold);
    }

    /// A horizontal bar chart: one bar per item, the value written after it.
    pub fn bar_chart(&mut self, items: &[(String, f64, String)]) {
        let size = 9.0;
        let row = 6.0;
        let label_w = 62.0;
        let bar_max = PAGE_W - 2.0 * MARGIN - label_w - 22.0;
        let max = items.iter().map(|(_, v, _)| *v).fold(0.0_f64, f64::max);
        for (label, value, shown) in items {
            self.ensure_room(row);
            self.y -= row;
            let layer = self.doc.get_page(self.page).get_layer(self.layer);
            let mut text: String = label.chars().take(38).collect();
            if label.chars().count() > 38 {
                text.push('…');
            }
            layer.use_text(text, size, Mm(MARGIN), Mm(self.y + 1.0), &self.regular);
            let w = if max > 0.0 {
                (value / max) as f32 * bar_max
            } else {
                0.0
            };
            layer.set_fill_color(Color::Rgb(Rgb::new(0.70, 0.15, 0.12, None)));
            if w > 0.0 {
                layer.add_rect(
                    Rect::new(
                        Mm(MARGIN + label_w),
                        Mm(self.y),
                        Mm(MARGIN + label_w + w),
                        Mm(self.y + 4.0),
                    )
                    .with_mode(PaintMode::Fill),
                );
            }
            layer.set_fill_color(Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None)));
            layer.use_text(
                shown.clone(),
                size,
                Mm(MARGIN + label_w + w + 2.0),
                Mm(self.y + 1.0),
                &self.regular,
            );
        }
        self.space(2.0);
    }

    /// A table of short texts in fixed-width columns (widths in mm), the
    /// first row in bold.
    pub fn table(&mut self, widths: &[f32], rows: &[Vec<String>]) {
        let size = 9.0;
        let row_h = size * 0.3528 * 1.5;
        for (i, r) in rows.iter().enumerate() {
            self.ensure_room(row_h);
            self.y -= row_h;
            let layer = self.doc.get_page(self.page).get_layer(self.layer);
            let font = if i == 0 { &self.bold } else { &self.regular };
            let mut x = MARGIN;
            for (cell, w) in r.iter().zip(widths) {
                let fit = ((w - 1.0) / (size * 0.3528 * AVG_CHAR_EM)).floor().max(3.0) as usize;
                let mut text: String = cell.chars().take(fit).collect();
                if cell.chars().count() > fit {
                    text.pop();
                    text.push('…');
                }
                layer.use_text(text, size, Mm(x), Mm(self.y), font);
                x += w;
            }
        }
        self.space(2.0);
    }

    /// Vertical space in mm.
    pub fn space(&mut self, mm: f32) {
        self.y -= mm;
    }

    /// The finished PDF.
    pub fn finish(self) -> Result<Vec<u8>> {
        self.doc.save_to_bytes().map_err(pdf_err)
    }
}

/// Greedy word wrap by character count.
fn wrap(text: &str, max_chars: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > max_chars {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_on_words() {
        assert_eq!(wrap("một hai ba bốn", 7), vec!["một hai", "ba bốn"]);
        assert_eq!(wrap("", 7), vec![""]);
        assert_eq!(
            wrap("dàiquáchữkhôngngắtđược x", 5),
            vec!["dàiquáchữkhôngngắtđược", "x"]
        );
    }

    #[test]
    fn produces_a_pdf_with_the_font_embedded_and_flows_onto_new_pages() -> Result<()> {
        let mut w = Writer::new("Thử")?;
        w.title("Giấy xác nhận — Nguyễn Văn Thử");
        for _ in 0..120 {
            w.para("Đồng ý lưu thông tin cá nhân để hỗ trợ làm thủ tục hành chính.");
        }
        assert!(
            w.pages() >= 2,
            "120 paragraphs must flow onto a second page"
        );
        let bytes = w.finish()?;
        assert!(bytes.starts_with(b"%PDF"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("FontFile2"), "font not embedded");
        assert!(bytes.len() > 100_000, "both fonts should be embedded");
        Ok(())
    }
}
