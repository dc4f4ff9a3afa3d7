//! A CSV text as a header and rows, read by the `csv` crate: comma, semicolon or tab (whichever
//! finds the header soonest and splits it into the most columns), quoted fields with delimiters, quotes and line
//! breaks, CRLF, and rows longer or shorter than the header. Lines before the header with at
//! most one value (LinkedIn's `Notes:` and its quoted note) are skipped, and so are rows with
//! no value at all.

use super::CsvError;
use csv::{ReaderBuilder, StringRecord};
use std::cmp::Reverse;

/// The delimiters tried, the first preferred on a tie.
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];
/// How many records are looked at to find the header.
const LOOK_AHEAD: usize = 20;

pub(super) struct Table {
    pub headers: Vec<String>,
    /// Each row with the line of the file it starts on, from 1 (as a text editor counts them).
    pub rows: Vec<(usize, StringRecord)>,
}

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

fn filled(record: &StringRecord) -> usize {
    record.iter().filter(|v| !v.trim().is_empty()).count()
}

/// Where the header is among the first records: the first with two values or more (else the
/// first with one), and how many values it has.
fn header_at(text: &str, delimiter: u8) -> Option<(usize, usize)> {
    let records: Vec<StringRecord> = reader(text, delimiter)
        .into_records()
        .take(LOOK_AHEAD)
        // A record that cannot be read (invalid UTF-8 cannot happen in a `str`) ends the look.
        .map_while(Result::ok)
        .collect();
    let at = records
        .iter()
        .position(|r| filled(r) >= 2)
        .or_else(|| records.iter().position(|r| filled(r) == 1))?;
    Some((at, filled(&records[at])))
}

/// Whether a header cell is a value rather than a column name: an email, a web address, a
/// number, a phone number or a date.
fn looks_like_value(cell: &str) -> bool {
    let cell = cell.trim();
    cell.contains('@')
        || cell.contains("://")
        || cell.starts_with("www.")
        || (cell.chars().any(|c| c.is_ascii_digit())
            && cell
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()./:".contains(c)))
}

/// Counts the lines of a text as its records go by, in order: each record's line costs only the
/// text since the one before, so a file of thousands of rows is counted once.
struct Lines<'a> {
    text: &'a [u8],
    /// How far the text has been counted, and the line there (from 1).
    at: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The line a record starts on. The reader's position of a record is where it started
    /// reading it, before the line breaks (and empty lines) that end the record before, so those
    /// are passed over first; the reader's own line count is off in the same way.
    fn of(&mut self, record: &StringRecord) -> usize {
        let start = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(0)
            .clamp(self.at, self.text.len());
        let breaks = self.text[start..]
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let end = start + breaks;
        // A line ends with "\n", "\r\n" or, in old Mac files, "\r" alone, as the reader takes it.
        let passed = &self.text[self.at..end];
        let lone_returns = memchr::memchr_iter(b'\r', passed)
            .filter(|&i| self.text.get(self.at + i + 1) != Some(&b'\n'))
            .count();
        self.line += memchr::memchr_iter(b'\n', passed).count() + lone_returns;
        self.at = end;
        self.line
    }
}

impl Table {
    pub fn read(text: &str) -> Result<Table, CsvError> {
        // A header of two values or more, then the earliest, then the one with the most values;
        // the earlier delimiter on a tie.
        let score = |(at, values): (usize, usize)| (values >= 2, Reverse(at), values);
        let (delimiter, (at, _)) = DELIMITERS
            .iter()
            .filter_map(|&d| header_at(text, d).map(|found| (d, found)))
            .fold(
                None,
                |best: Option<(u8, (usize, usize))>, this| match best {
                    Some(b) if score(b.1) >= score(this.1) => Some(b),
                    _ => Some(this),
                },
            )
            .ok_or(CsvError::Empty)?;
        let mut headers = None;
        let mut rows = Vec::new();
        let mut lines = Lines::new(text);
        // The crate reports only invalid UTF-8 and I/O errors, which a `str` cannot have.
        let records = reader(text, delimiter).into_records().skip(at).flatten();
        for record in records {
            if headers.is_none() {
                let cells: Vec<String> = record
                    .iter()
                    .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
                    .collect();
                if let Some(value) = cells.iter().find(|c| looks_like_value(c)) {
                    return Err(CsvError::NoHeader(value.clone()));
                }
                headers = Some(cells);
                continue;
            }
            if filled(&record) > 0 {
                rows.push((lines.of(&record), record));
            }
        }
        let headers = headers.ok_or(CsvError::Empty)?;
        if rows.is_empty() {
            return Err(CsvError::Empty);
        }
        Ok(Table { headers, rows })
    }

    /// The first value of column `i`, for the user to recognize it.
    pub fn sample(&self, i: usize) -> String {
        self.rows
            .iter()
            .filter_map(|(_, r)| r.get(i))
            .map(str::trim)
            .find(|v| !v.is_empty())
            .unwrap_or("")
            .chars()
            .take(60)
            .collect()
    }
}
