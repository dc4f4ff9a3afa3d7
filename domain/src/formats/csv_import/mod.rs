//! CSV import: LinkedIn's `Connections.csv`, Google Contacts (current and legacy headers) and
//! Outlook are recognized by their header; any other spreadsheet goes through a column mapping
//! that guesses each column and that the user can change. The file's bytes are decoded
//! (`decode.rs`: UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252), read by the `csv`
//! crate (`table.rs`: the delimiter guessed, quoting, line breaks in fields, ragged rows, the
//! lines before the header), the columns named (`columns.rs`) and each row turned into a new
//! contact (`convert.rs`).

mod columns;
mod convert;
mod decode;
mod table;

#[cfg(test)]
mod tests;

pub use columns::{Column, Dialect};

use super::vcard::{ImportError, SkippedCard};
use crate::model::Contact;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a file cannot be read as CSV at all. Nothing is imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvError {
    Empty,
    TooBig(usize),
    /// An Excel workbook (`.xlsx` or `.xls`), not a CSV file.
    Workbook,
    Binary,
    /// The first line holds values (this one), not column names.
    NoHeader(String),
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // Said as for a vCard file.
            CsvError::Empty => ImportError::Empty.fmt(f),
            CsvError::TooBig(n) => ImportError::TooBig(*n).fmt(f),
            CsvError::Workbook => f.write_str(
                "This is an Excel workbook, not a CSV file. In Excel, choose File › Save As › \
                 CSV UTF-8, then import that file.",
            ),
            CsvError::Binary => f.write_str(
                "This file is not a CSV file: it holds binary data. Choose a .csv file exported \
                 from LinkedIn, Google Contacts, Outlook or a spreadsheet.",
            ),
            CsvError::NoHeader(value) => write!(
                f,
                "This file has no header: its first line holds values (such as “{value}”), not \
                 column names. Add a first line that names each column (for example Name, \
                 Email), then import it again."
            ),
        }
    }
}

impl std::error::Error for CsvError {}

/// One column of the file: its header, its first value (to help the user name it), and what it
/// is imported as.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvColumn {
    pub header: String,
    pub sample: String,
    pub column: Column,
}

/// What a CSV file holds: its kind, its columns as mapped, the contacts to import (not saved
/// yet), the rows left out (numbered from 1 below the header), and a problem that stops the
/// import until the user fixes the mapping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvImport {
    pub dialect: Dialect,
    pub columns: Vec<CsvColumn>,
    pub contacts: Vec<Contact>,
    pub skipped: Vec<SkippedCard>,
    pub problem: Option<String>,
}

/// The problem of a mapping without a name column.
pub const NO_NAME_COLUMN: &str = "No column is imported as the name. Choose the column that \
    holds the names (or the first and the last name) below.";

/// Reads a CSV file's bytes into new contacts created at `now`. The columns are mapped as
/// `mapping` says (one [`Column`] per column of the file, as the user chose them), or, without
/// one, as recognized or guessed from the header.
pub fn parse_csv_bytes(
    bytes: &[u8],
    mapping: Option<&[Column]>,
    now: DateTime<Utc>,
) -> Result<CsvImport, CsvError> {
    let text = decode::decode(bytes)?;
    let table = table::Table::read(&text)?;
    let dialect = Dialect::recognize(&table.headers);
    let mut chosen = columns::guess(dialect, &table.headers, &table.rows);
    if let Some(mapping) = mapping {
        for (slot, column) in chosen.iter_mut().zip(mapping) {
            *slot = *column;
        }
    }
    let columns = table
        .headers
        .iter()
        .zip(&chosen)
        .enumerate()
        .map(|(i, (header, &column))| CsvColumn {
            header: header.clone(),
            sample: table.sample(i),
            column,
        })
        .collect();
    let mut import = CsvImport {
        dialect,
        columns,
        contacts: Vec::new(),
        skipped: Vec::new(),
        problem: None,
    };
    if !chosen.iter().any(|c| c.is_name()) {
        import.problem = Some(NO_NAME_COLUMN.to_string());
        return Ok(import);
    }
    for (line, row) in &table.rows {
        match convert::row_to_contact(row, &chosen, dialect, now) {
            Ok(contact) => import.contacts.push(contact),
            Err(reason) => import.skipped.push(SkippedCard {
                position: *line,
                reason: format!("{reason} ({})", glimpse(row)),
            }),
        }
    }
    Ok(import)
}

/// The first values of a row, for the user to find it in the file: at most three, cut at 60
/// characters.
fn glimpse(row: &csv::StringRecord) -> String {
    let values: Vec<&str> = row
        .iter()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .take(3)
        .collect();
    let text = values.join(", ");
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}
