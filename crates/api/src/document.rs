//! A printed document (consent receipt, checklist) as a list of blocks,
//! written once: rendered to PDF for a file (`to_pdf`), or handed to the
//! window to print directly, with no file left behind ([`PrintDocument`]).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Result;

/// One block of a printed document, top to bottom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// The document's title.
    Title {
        /// Its text.
        text: String,
    },
    /// A section heading.
    Heading {
        /// Its text.
        text: String,
    },
    /// A paragraph.
    Para {
        /// Its text.
        text: String,
    },
    /// "Label: value".
    Field {
        /// The label.
        label: String,
        /// The value.
        value: String,
    },
    /// Two short texts side by side (signature blocks).
    TwoColumns {
        /// Left.
        left: String,
        /// Right.
        right: String,
    },
    /// Vertical space, in mm.
    Space {
        /// Millimetres.
        mm: f32,
    },
}

/// A document ready to print in the window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PrintDocument {
    /// The title (the print job's name).
    pub title: String,
    /// Its blocks.
    pub blocks: Vec<Block>,
}

/// A document being written; the same calls as the PDF writer.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    title: String,
    blocks: Vec<Block>,
}

impl Document {
    pub(crate) fn new(title: &str) -> Self {
        Document {
            title: title.to_owned(),
            blocks: Vec::new(),
        }
    }

    pub(crate) fn title(&mut self, text: &str) {
        self.blocks.push(Block::Title { text: text.into() });
    }

    pub(crate) fn heading(&mut self, text: &str) {
        self.blocks.push(Block::Heading { text: text.into() });
    }

    pub(crate) fn para(&mut self, text: &str) {
        self.blocks.push(Block::Para { text: text.into() });
    }

    pub(crate) fn field(&mut self, label: &str, value: &str) {
        self.blocks.push(Block::Field {
            label: label.into(),
            value: value.into(),
        });
    }

    pub(crate) fn two_columns(&mut self, left: &str, right: &str) {
        self.blocks.push(Block::TwoColumns {
            left: left.into(),
            right: right.into(),
        });
    }

    pub(crate) fn space(&mut self, mm: f32) {
        self.blocks.push(Block::Space { mm });
    }

    /// The document as a PDF (fonts embedded).
    pub(crate) fn to_pdf(&self) -> Result<Vec<u8>> {
        let mut w = crate::pdf::Writer::new(&self.title)?;
        for b in &self.blocks {
            match b {
                Block::Title { text } => w.title(text),
                Block::Heading { text } => w.heading(text),
                Block::Para { text } => w.para(text),
                Block::Field { label, value } => w.field(label, value),
                Block::TwoColumns { left, right } => w.two_columns(left, right),
                Block::Space { mm } => w.space(*mm),
            }
        }
        Ok(w.finish()?)
    }

    /// The document for the window to print.
    pub(crate) fn for_print(self) -> PrintDocument {
        PrintDocument {
            title: self.title,
            blocks: self.blocks,
        }
    }
}
