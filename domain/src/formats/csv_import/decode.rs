//! A CSV file's bytes as text, as spreadsheets save them: UTF-8 with or without a byte-order
//! mark, UTF-16 with one (Excel's "Unicode text"), or else Windows-1252 (Excel's "CSV" on
//! Windows). Workbooks and other binary files are refused.

use super::CsvError;
use crate::formats::MAX_IMPORT_BYTES;
use encoding_rs::{Encoding, WINDOWS_1252};

/// The start of a ZIP archive (`.xlsx`) and of an OLE compound file (`.xls`).
const WORKBOOKS: [&[u8]; 2] = [b"PK\x03\x04", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"];

pub(super) fn decode(bytes: &[u8]) -> Result<String, CsvError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(CsvError::TooBig(bytes.len()));
    }
    if WORKBOOKS.iter().any(|magic| bytes.starts_with(magic)) {
        return Err(CsvError::Workbook);
    }
    let text = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned(),
        None => match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        },
    };
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    // Text has no NUL, and few control characters other than tab and line breaks.
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        .count();
    if text.contains('\0') || controls * 100 > text.len() {
        return Err(CsvError::Binary);
    }
    Ok(text)
}
