//! The names of downloaded files.

use crate::book::fold;
use chrono::NaiveDate;

/// What a downloaded file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    ContactsVcard,
    ContactsCsv,
    FollowUpsCalendar,
}

impl FileKind {
    /// The MIME type the download is offered as.
    pub fn mime(self) -> &'static str {
        match self {
            FileKind::ContactsVcard => "text/vcard;charset=utf-8",
            FileKind::ContactsCsv => "text/csv;charset=utf-8",
            FileKind::FollowUpsCalendar => "text/calendar;charset=utf-8",
        }
    }
}

impl FileKind {
    /// What the file holds and its extension: ("contacts", "vcf").
    fn parts(self) -> (&'static str, &'static str) {
        match self {
            FileKind::ContactsVcard => ("contacts", "vcf"),
            FileKind::ContactsCsv => ("contacts", "csv"),
            FileKind::FollowUpsCalendar => ("follow-ups", "ics"),
        }
    }
}

/// The name of an export made on `today`: `weak-ties-contacts-2026-11-28.vcf`.
pub fn file_name(kind: FileKind, today: NaiveDate) -> String {
    let (what, ext) = kind.parts();
    format!("weak-ties-{what}-{}.{ext}", today.format("%Y-%m-%d"))
}

/// The name of a download about one contact, after their name: `ana-lima.vcf` for their card,
/// `ana-lima-follow-ups.ics` for their follow-ups.
pub fn contact_file_name(kind: FileKind, name: &str) -> String {
    let (slug, (what, ext)) = (slug(name), kind.parts());
    match kind {
        FileKind::ContactsVcard | FileKind::ContactsCsv => format!("{slug}.{ext}"),
        FileKind::FollowUpsCalendar => format!("{slug}-{what}.{ext}"),
    }
}

/// A file-name slug of a name: "Ana Lima" -> "ana-lima". Accents are folded; letters of other
/// scripts are kept ("Дмитрий" -> "дмитрий"); a name with no letter or digit gives "contact".
pub fn slug(name: &str) -> String {
    slug_or(name, "contact")
}

/// [`slug`], with `fallback` when nothing of the name is left.
pub fn slug_or(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in fold(name).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        fallback.into()
    } else {
        out.into()
    }
}
