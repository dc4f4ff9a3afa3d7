//! What each column of a CSV file holds: the header of LinkedIn, Google (current and legacy) and
//! Outlook exports named exactly, any other header guessed from its words (and, failing that,
//! from its values).

use crate::book::fold;
use crate::validation::{is_linkedin_url, is_plausible_email};
use csv::StringRecord;
use serde::{Deserialize, Serialize};

/// What a column is imported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Name,
    FirstName,
    MiddleName,
    LastName,
    Email,
    Phone,
    Organization,
    Role,
    Linkedin,
    Website,
    WhereMet,
    MetOn,
    Notes,
    Tags,
    Ignore,
}

impl Column {
    /// Every choice, in the order of the mapping's pickers.
    pub const ALL: [Column; 15] = [
        Column::Name,
        Column::FirstName,
        Column::MiddleName,
        Column::LastName,
        Column::Email,
        Column::Phone,
        Column::Organization,
        Column::Role,
        Column::Linkedin,
        Column::Website,
        Column::WhereMet,
        Column::MetOn,
        Column::Notes,
        Column::Tags,
        Column::Ignore,
    ];

    /// The user-facing name of the choice.
    pub fn label(self) -> &'static str {
        match self {
            Column::Name => "Name",
            Column::FirstName => "First name",
            Column::MiddleName => "Middle name",
            Column::LastName => "Last name",
            Column::Email => "Email",
            Column::Phone => "Phone",
            Column::Organization => "Organization",
            Column::Role => "Role",
            Column::Linkedin => "LinkedIn",
            Column::Website => "Website",
            Column::WhereMet => "Where you met",
            Column::MetOn => "Day you met",
            Column::Notes => "Notes",
            Column::Tags => "Tags",
            Column::Ignore => "Ignore",
        }
    }

    /// Whether the column holds the name or part of it.
    pub fn is_name(self) -> bool {
        matches!(
            self,
            Column::Name | Column::FirstName | Column::MiddleName | Column::LastName
        )
    }
}

/// Which application made the file, told by its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    Linkedin,
    Google,
    GoogleLegacy,
    Outlook,
    /// Any other spreadsheet: its columns are guessed, and the user checks the guess.
    Other,
}

impl Dialect {
    /// What the file is, for the preview's heading.
    pub fn label(self) -> &'static str {
        match self {
            Dialect::Linkedin => "LinkedIn connections",
            Dialect::Google => "Google Contacts",
            Dialect::GoogleLegacy => "Google Contacts (older export)",
            Dialect::Outlook => "Outlook contacts",
            Dialect::Other => "a spreadsheet",
        }
    }

    /// The dialect of a file with these headers.
    pub fn recognize(headers: &[String]) -> Dialect {
        let names: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
        let has = |h: &str| names.iter().any(|n| n == h);
        if [
            "first name",
            "last name",
            "email address",
            "company",
            "position",
            "connected on",
        ]
        .iter()
        .all(|h| has(h))
        {
            Dialect::Linkedin
        } else if has("given name") && has("family name") && has("e mail 1 value") {
            Dialect::GoogleLegacy
        } else if has("first name") && (has("e mail 1 value") || has("phone 1 value")) {
            Dialect::Google
        } else if has("first name") && has("e mail address") && has("job title") {
            Dialect::Outlook
        } else {
            Dialect::Other
        }
    }
}

/// A header as compared: folded, every run of other characters than letters and digits one
/// space (`E-mail 1 - Value` → `e mail 1 value`).
fn normalize(header: &str) -> String {
    fold(header)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `header` is `{before} N {after}` with a number N (`e mail 2 value`).
fn numbered(header: &str, before: &str, after: &str) -> bool {
    header
        .strip_prefix(before)
        .and_then(|rest| rest.strip_suffix(after))
        .is_some_and(|n| !n.is_empty() && n.trim().chars().all(|c| c.is_ascii_digit()))
}

/// The column of a known export's header (anything else it holds is ignored).
fn known(dialect: Dialect, h: &str) -> Column {
    use Column::*;
    match (dialect, h) {
        (Dialect::Linkedin, "url") => Linkedin,
        (Dialect::Linkedin, "email address") => Email,
        (Dialect::Linkedin, "company") => Organization,
        (Dialect::Linkedin, "position") => Role,
        (Dialect::Linkedin, "connected on") => MetOn,
        (Dialect::GoogleLegacy, "name") => Name,
        (Dialect::GoogleLegacy, "given name") => FirstName,
        (Dialect::GoogleLegacy, "additional name") => MiddleName,
        (Dialect::GoogleLegacy, "family name") => LastName,
        (Dialect::GoogleLegacy, "organization 1 name") => Organization,
        (Dialect::GoogleLegacy, "organization 1 title") => Role,
        (Dialect::GoogleLegacy, "group membership") => Tags,
        (Dialect::Google, "organization name") => Organization,
        (Dialect::Google, "organization title") => Role,
        (Dialect::Google, "labels") => Tags,
        (Dialect::Google | Dialect::GoogleLegacy, h) if numbered(h, "e mail ", " value") => Email,
        (Dialect::Google | Dialect::GoogleLegacy, h) if numbered(h, "phone ", " value") => Phone,
        (Dialect::Google | Dialect::GoogleLegacy, h) if numbered(h, "website ", " value") => {
            Website
        }
        (Dialect::Outlook, "e mail address" | "e mail 2 address" | "e mail 3 address") => Email,
        (Dialect::Outlook, "company") => Organization,
        (Dialect::Outlook, "job title") => Role,
        (Dialect::Outlook, "web page") => Website,
        (Dialect::Outlook, "categories") => Tags,
        (Dialect::Outlook, h) if h.ends_with(" phone") || h.ends_with(" phone 2") => Phone,
        (_, "first name") => FirstName,
        (Dialect::Google | Dialect::Outlook, "middle name") => MiddleName,
        (_, "last name") => LastName,
        (Dialect::Google | Dialect::GoogleLegacy | Dialect::Outlook, "notes") => Notes,
        _ => Ignore,
    }
}

/// A guess from a header's words, for a file of no known kind.
fn guess_header(h: &str) -> Column {
    use Column::*;
    let words: Vec<&str> = h.split(' ').collect();
    let any = |list: &[&str]| words.iter().any(|w| list.contains(w));
    if any(&[
        "phonetic", "prefix", "suffix", "nickname", "fax", "pager", "label", "type", "birthday",
        "photo", "street", "city", "postal", "zip", "country", "address",
    ]) && !h.contains("mail")
        || (h.contains("mail") && any(&["display", "type", "label"]))
    {
        return Ignore;
    }
    if h.contains("linkedin") {
        return Linkedin;
    }
    if h.contains("mail") {
        return Email;
    }
    if any(&[
        "phone",
        "mobile",
        "cell",
        "tel",
        "telephone",
        "telefon",
        "telefono",
    ]) {
        return Phone;
    }
    if any(&["url", "web", "website", "site", "homepage", "www", "link"]) {
        return Website;
    }
    match h {
        "first name" | "first" | "given name" | "forename" | "firstname" | "prenom" | "vorname" => {
            return FirstName
        }
        "middle name" | "additional name" | "middle" => return MiddleName,
        "last name" | "last" | "family name" | "surname" | "lastname" | "nachname" | "nom" => {
            return LastName
        }
        _ => {}
    }
    if any(&["title", "position", "role", "job", "occupation", "function"]) {
        return Role;
    }
    if any(&[
        "company",
        "organization",
        "organisation",
        "employer",
        "org",
        "firm",
        "firma",
        "entreprise",
        "empresa",
    ]) {
        return Organization;
    }
    if any(&[
        "note",
        "notes",
        "comment",
        "comments",
        "description",
        "remarks",
        "memo",
    ]) {
        return Notes;
    }
    if any(&[
        "tag",
        "tags",
        "label",
        "labels",
        "group",
        "groups",
        "category",
        "categories",
    ]) {
        return Tags;
    }
    if any(&["event", "where", "place", "venue", "source", "conference"]) {
        return WhereMet;
    }
    if any(&["date", "met", "connected", "since", "when"]) {
        return MetOn;
    }
    if any(&["name", "contact", "person", "who", "nombre"]) {
        return Name;
    }
    Ignore
}

/// A guess from a column's first values: emails, LinkedIn profiles, other web addresses.
fn guess_values(rows: &[(usize, StringRecord)], i: usize) -> Column {
    let values: Vec<&str> = rows
        .iter()
        .filter_map(|(_, r)| r.get(i))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .take(10)
        .collect();
    let all = |test: fn(&str) -> bool| !values.is_empty() && values.iter().all(|v| test(v));
    if all(is_plausible_email) {
        Column::Email
    } else if all(|v| is_linkedin_url(v) || v.starts_with("linkedin.com/")) {
        Column::Linkedin
    } else if all(|v| v.starts_with("http://") || v.starts_with("https://")) {
        Column::Website
    } else {
        Column::Ignore
    }
}

/// The column of each header: named exactly for a known export, guessed for any other file.
pub(super) fn guess(
    dialect: Dialect,
    headers: &[String],
    rows: &[(usize, StringRecord)],
) -> Vec<Column> {
    headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let h = normalize(header);
            match dialect {
                Dialect::Other => match guess_header(&h) {
                    Column::Ignore => guess_values(rows, i),
                    column => column,
                },
                known_dialect => known(known_dialect, &h),
            }
        })
        .collect()
}
