//! The file formats: vCard and CSV import (with duplicate detection and merging), vCard export, the
//! follow-ups calendar (iCalendar, RFC 5545), the spreadsheet export (CSV, RFC 4180), and the
//! names of downloaded files.
//!
//! vCards and the calendar are read and written with `calcard` (Stalwart's parser and writer,
//! which copes with the vCard 2.1, 3.0 and 4.0 that phones and mail clients export, decodes
//! quoted-printable and old charsets, and folds long lines at 75 octets). The spreadsheet is
//! written by hand: RFC 4180 quoting is a few lines. CSV files from other apps (LinkedIn, Google,
//! Outlook, spreadsheets) are read with the `csv` crate (`csv_import/`). What vCard has
//! no property for (where and when the user met someone, how, the tie strength, who introduced
//! them, the keep-in-touch cadence, the research notes) travels in `X-WEAKTIES-*` properties, so
//! that an exported card imports back exactly.

mod calendar;
mod csv_import;
mod duplicates;
mod file_name;
mod spreadsheet;
mod vcard;

#[cfg(test)]
mod tests;

pub use calendar::follow_ups_ics;
pub use csv_import::{
    parse_csv_bytes, Column, CsvColumn, CsvError, CsvImport, Dialect, NO_NAME_COLUMN,
};
pub use duplicates::{
    merge_into, DuplicateIndex, DuplicateOf, DuplicateReason, ImportChoice, ImportSummary,
};
pub use file_name::{contact_file_name, file_name, slug, slug_or, FileKind};
pub use spreadsheet::{contacts_csv, CSV_HEADER};
pub use vcard::{
    decode_bytes, parse_vcard_bytes, parse_vcards, to_vcard, to_vcards, ImportError, SkippedCard,
    VcardImport, MAX_IMPORT_BYTES,
};

/// Tidies one text value, read from a file or about to be written to one: line breaks become
/// `\n` (CRLF and lone CR alike), control characters other than tab and line feed are dropped,
/// and surrounding whitespace is trimmed.
pub(crate) fn clean_text(s: &str) -> String {
    let s = s.trim();
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            c if c.is_control() && (c as u32) < 0xA0 => {}
            c => out.push(c),
        }
    }
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod clean_tests {
    use super::clean_text;

    #[test]
    fn clean_text_normalizes_breaks_and_drops_controls() {
        assert_eq!(
            clean_text("  a\r\nb\rc\nd\te\u{0}\u{1b}f\u{7f}  "),
            "a\nb\nc\nd\tef"
        );
        assert_eq!(clean_text("\r\n x \r\n"), "x");
        assert_eq!(clean_text("émoji 🎉 עברית"), "émoji 🎉 עברית");
    }
}
