//! Contacts as a spreadsheet (CSV, RFC 4180), written by hand: quoting is a few lines and the
//! app never reads CSV back, so a crate would only add bytes.

use crate::model::Contact;

/// The header row.
pub const CSV_HEADER: [&str; 14] = [
    "Name",
    "Organization",
    "Role",
    "Emails",
    "Phones",
    "LinkedIn",
    "Links",
    "Where met",
    "Met on",
    "How met",
    "Tie",
    "Tags",
    "Cadence",
    "Notes",
];

/// One cell: a value a spreadsheet would run as a formula (starting with = + - @, a tab or a
/// carriage return) gets a leading apostrophe; a cell with a comma, quote or line break is
/// quoted, its quotes doubled.
fn cell(value: &str, out: &mut String) {
    let guarded;
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{value}");
        guarded.as_str()
    } else {
        value
    };
    if value.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

fn row<S: AsRef<str>>(cells: &[S], out: &mut String) {
    for (i, value) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        cell(value.as_ref(), out);
    }
    out.push_str("\r\n");
}

fn label<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        _ => String::new(),
    }
}

/// The contacts as a CSV file: UTF-8 with a byte-order mark (so Excel reads accents right),
/// a header row, CRLF line endings. Lists are joined with "; ".
pub fn contacts_csv<'a>(contacts: impl IntoIterator<Item = &'a Contact>) -> String {
    let mut out = String::from("\u{feff}");
    row(&CSV_HEADER, &mut out);
    for c in contacts {
        row(
            &[
                c.name.clone(),
                c.organization.clone(),
                c.role.clone(),
                c.emails.join("; "),
                c.phones.join("; "),
                c.linkedin.clone(),
                c.links.join("; "),
                c.where_met.clone(),
                c.met_on.map(|d| d.to_string()).unwrap_or_default(),
                c.how_met.clone(),
                label(&c.tie),
                c.tags.join("; "),
                c.cadence.map(|x| label(&x)).unwrap_or_default(),
                c.notes.clone(),
            ],
            &mut out,
        );
    }
    out
}
