//! Text cells of a spreadsheet (CSV or xlsx) written from what people typed
//! or what a catalogue pack says: a cell a spreadsheet program would run as
//! a formula is written as text.

/// A text cell that a spreadsheet will not run as a formula: one starting
/// with `= + - @`, a tab or a carriage return gets a leading `'` (names
/// typed by volunteers and procedure names from packs reach these cells,
/// on the laptop and at the hub).
pub fn safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_formula_is_written_as_text_and_plain_text_is_kept() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(safe(bad), format!("'{bad}"), "{bad:?}");
        }
        for good in ["Cấp đổi CCCD", "1.000", "", "a=b"] {
            assert_eq!(safe(good), good);
        }
    }
}
