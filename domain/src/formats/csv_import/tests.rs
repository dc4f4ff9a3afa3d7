use super::convert::parse_date;
use super::*;
use crate::model::TieStrength;
use chrono::{NaiveDate, TimeZone};
use proptest::prelude::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap()
}

fn read(bytes: &[u8]) -> CsvImport {
    parse_csv_bytes(bytes, None, now()).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn names(import: &CsvImport) -> Vec<&str> {
    import.contacts.iter().map(|c| c.name.as_str()).collect()
}

#[test]
fn linkedin_connections_with_notes_quotes_line_breaks_and_empty_rows() {
    let import = read(include_bytes!("fixtures/linkedin.csv"));
    assert_eq!(import.dialect, Dialect::Linkedin);
    assert_eq!(import.problem, None);
    assert_eq!(names(&import), ["Ana Lima", "Bo Chen", "Zoë Ødegård"]);
    let ana = &import.contacts[0];
    assert_eq!(ana.linkedin, "https://www.linkedin.com/in/ana-lima");
    assert_eq!(ana.emails, ["ana@example.com"]);
    assert_eq!(ana.organization, "Acme, Inc.");
    assert_eq!(ana.role, "Head of \"Growth\"");
    assert_eq!(ana.met_on, date(2024, 3, 15));
    assert_eq!(ana.where_met, "LinkedIn");
    assert_eq!(ana.tie, TieStrength::Weak);
    assert_eq!(import.contacts[2].organization, "Nordic\nHealth");
    // The row of commas is not a contact; the one without a name is listed as left out, by the
    // line of the file it is on (Zoë's organization takes two lines), with its first values.
    assert_eq!(import.skipped.len(), 1);
    assert_eq!(import.skipped[0].position, 10);
    assert_eq!(
        import.skipped[0].reason,
        "it has no name (https://www.linkedin.com/in/private, 1 Dec 2022)"
    );
    let mapped: Vec<Column> = import.columns.iter().map(|c| c.column).collect();
    assert_eq!(
        mapped,
        [
            Column::FirstName,
            Column::LastName,
            Column::Linkedin,
            Column::Email,
            Column::Organization,
            Column::Role,
            Column::MetOn
        ]
    );
    assert_eq!(import.columns[0].sample, "Ana");
}

#[test]
fn left_out_rows_are_named_by_their_line_whatever_ends_the_lines() {
    // "\n" (Unix), "\r\n" (Windows) and "\r" alone (an old Mac "CSV (Macintosh)" export).
    for end in ["\n", "\r\n", "\r"] {
        let text = [
            "First Name,Last Name,Email Address",
            "Ana,Lima,ana@example.com",
            "",
            ",,nobody@example.com",
            "Bo,Chen,",
        ]
        .join(end);
        let import = read(text.as_bytes());
        assert_eq!(names(&import), ["Ana Lima", "Bo Chen"], "{end:?}");
        let lines: Vec<usize> = import.skipped.iter().map(|s| s.position).collect();
        assert_eq!(lines, [4], "{end:?}");
    }
}

#[test]
fn older_linkedin_exports_have_no_url_and_short_dates() {
    let import = read(include_bytes!("fixtures/linkedin-old.csv"));
    assert_eq!(import.dialect, Dialect::Linkedin);
    assert_eq!(names(&import), ["Cy Twombly", "Dee Dee"]);
    assert_eq!(import.contacts[0].met_on, date(2021, 3, 29));
    assert_eq!(import.contacts[1].met_on, date(2019, 1, 5));
    assert_eq!(import.contacts[0].linkedin, "");
}

#[test]
fn google_contacts_with_joined_values_and_labels() {
    let import = read(include_bytes!("fixtures/google.csv"));
    assert_eq!(import.dialect, Dialect::Google);
    assert_eq!(names(&import), ["Grace Brewster Hopper", "Alan Turing"]);
    let grace = &import.contacts[0];
    assert_eq!(
        grace.emails,
        ["grace@navy.mil", "gh@example.org", "grace@home.example"]
    );
    assert_eq!(grace.phones, ["+1 202 555 0100", "+1 202 555 0101"]);
    assert_eq!(grace.organization, "US Navy");
    assert_eq!(grace.role, "Rear Admiral");
    assert_eq!(grace.tags, ["Friends", "starred"]);
    assert_eq!(grace.notes, "Met at the COBOL meeting.\nLoves nanoseconds.");
    assert_eq!(grace.linkedin, "https://www.linkedin.com/in/grace-hopper");
    assert_eq!(grace.met_on, None, "an anniversary is not the day they met");
    assert_eq!(grace.where_met, "");
    let alan = &import.contacts[1];
    assert!(alan.tags.is_empty(), "{:?}", alan.tags);
    assert_eq!(alan.links, ["https://turing.example"]);
    assert_eq!(import.skipped.len(), 1);
}

#[test]
fn google_contacts_legacy_header() {
    let import = read(include_bytes!("fixtures/google-legacy.csv"));
    assert_eq!(import.dialect, Dialect::GoogleLegacy);
    assert_eq!(names(&import), ["Katherine Johnson", "Mary W. Jackson"]);
    let kj = &import.contacts[0];
    assert_eq!(kj.emails, ["kj@nasa.gov"]);
    assert_eq!(kj.phones, ["+1 757 555 0199"]);
    assert_eq!(kj.organization, "NASA");
    assert_eq!(kj.role, "Research mathematician");
    assert_eq!(kj.tags, ["Space"]);
    assert_eq!(kj.notes, "Orbits");
    assert_eq!(kj.links, ["https://nasa.example/kj"]);
}

#[test]
fn outlook_contacts() {
    let import = read(include_bytes!("fixtures/outlook.csv"));
    assert_eq!(import.dialect, Dialect::Outlook);
    assert_eq!(names(&import), ["Lise Meitner"]);
    let lise = &import.contacts[0];
    assert_eq!(lise.emails, ["lise@kwi.de", "lm@example.org"]);
    assert_eq!(lise.phones, ["+49 30 555 0100", "+49 30 555 0200"]);
    assert_eq!(lise.organization, "Kaiser Wilhelm Institute");
    assert_eq!(
        lise.role, "Physicist",
        "Outlook's Title is Prof., not the job"
    );
    assert_eq!(lise.links, ["https://meitner.example"]);
    assert_eq!(lise.tags, ["Science", "Vienna"]);
    assert_eq!(lise.notes, "Physics, \"fission\"");
}

#[test]
fn another_spreadsheet_is_guessed_and_the_user_maps_the_rest() {
    let bytes = include_bytes!("fixtures/other-semicolon.csv");
    let import = read(bytes);
    assert_eq!(import.dialect, Dialect::Other);
    assert_eq!(import.columns.len(), 7, "semicolons are the delimiter");
    assert_eq!(
        import.columns[1].column,
        Column::Email,
        "guessed from its values"
    );
    // No column is recognized as the name: nothing to import until the user says which.
    assert_eq!(import.problem.as_deref(), Some(NO_NAME_COLUMN));
    assert!(import.contacts.is_empty());
    use Column::*;
    let mapping = [Name, Email, Organization, Role, WhereMet, MetOn, Notes];
    let import = parse_csv_bytes(bytes, Some(&mapping), now()).unwrap();
    assert_eq!(import.problem, None);
    assert_eq!(names(&import), ["Émile Zola", "Marie Curie"]);
    let emile = &import.contacts[0];
    assert_eq!(emile.organization, "Le Monde");
    assert_eq!(emile.where_met, "Salon du livre");
    assert_eq!(emile.met_on, date(2024, 3, 10));
    assert_eq!(emile.notes, "Écrit \"J'accuse\"; aime le café");
    assert_eq!(import.columns[0].column, Name);
}

#[test]
fn guesses_english_headers_and_reads_tabs_and_ragged_rows() {
    let import = read(include_bytes!("fixtures/other-tab.tsv"));
    let mapped: Vec<Column> = import.columns.iter().map(|c| c.column).collect();
    assert_eq!(
        mapped,
        [Column::Name, Column::Email, Column::WhereMet, Column::Tags]
    );
    assert_eq!(
        names(&import),
        ["Jonas Lindqvist", "Priya Raman", "Amara Okafor"]
    );
    assert_eq!(import.contacts[0].tags, ["js", "speakers"]);
    assert_eq!(import.contacts[2].where_met, "Lagos meetup");
    for (header, column) in [
        ("Full name", Column::Name),
        ("First", Column::FirstName),
        ("Surname", Column::LastName),
        ("E-mail", Column::Email),
        ("Mobile phone", Column::Phone),
        ("Company name", Column::Organization),
        ("Job title", Column::Role),
        ("LinkedIn profile", Column::Linkedin),
        ("Website", Column::Website),
        ("Event", Column::WhereMet),
        ("Date met", Column::MetOn),
        ("Comments", Column::Notes),
        ("Groups", Column::Tags),
        ("Home Street", Column::Ignore),
        ("Birthday", Column::Ignore),
    ] {
        let text = format!("{header},Other\nx,y\n");
        assert_eq!(read(text.as_bytes()).columns[0].column, column, "{header}");
    }
}

#[test]
fn reads_every_encoding_spreadsheets_save() {
    let text = "Name,Email,Notes\r\nZoë Ødegård,zoe@example.no,“Smart” quotes – €5\r\n";
    let expect = |import: CsvImport| {
        assert_eq!(names(&import), ["Zoë Ødegård"]);
        assert_eq!(import.contacts[0].notes, "“Smart” quotes – €5");
    };
    expect(read(text.as_bytes()));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    expect(read(&bom));
    for big_endian in [false, true] {
        let mut utf16 = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            utf16.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        expect(read(&utf16));
    }
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&cp1252).is_err());
    expect(read(&cp1252));
}

#[test]
fn bad_files_are_refused_with_a_reason() {
    let refuse = |bytes: &[u8]| parse_csv_bytes(bytes, None, now()).unwrap_err();
    assert_eq!(refuse(b""), CsvError::Empty);
    assert_eq!(refuse(b" \r\n\r\n"), CsvError::Empty);
    assert_eq!(
        refuse(b"Name,Email\r\n"),
        CsvError::Empty,
        "a header and no rows"
    );
    assert_eq!(refuse(b"PK\x03\x04\x14\x00\x06\x00"), CsvError::Workbook);
    assert_eq!(
        refuse(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"),
        CsvError::Workbook
    );
    assert_eq!(
        refuse(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        CsvError::Binary
    );
    assert_eq!(
        refuse(b"Ana Lima,ana@example.com,Acme\nBo,bo@example.com,Initech\n"),
        CsvError::NoHeader("ana@example.com".into())
    );
    let big = vec![b'a'; crate::formats::MAX_IMPORT_BYTES + 1];
    assert!(matches!(refuse(&big), CsvError::TooBig(_)));
    for error in [
        CsvError::Empty,
        CsvError::TooBig(6 << 20),
        CsvError::Workbook,
        CsvError::Binary,
        CsvError::NoHeader("x".into()),
    ] {
        assert!(error.to_string().ends_with('.'), "{error}");
    }
}

#[test]
fn dates_in_the_forms_exports_write() {
    for (text, expected) in [
        ("15 Mar 2024", date(2024, 3, 15)),
        ("29-Mar-21", date(2021, 3, 29)),
        ("2024-03-15", date(2024, 3, 15)),
        ("2024-03-15T10:00:00Z", date(2024, 3, 15)),
        ("March 15, 2024", date(2024, 3, 15)),
        ("15.03.2024", date(2024, 3, 15)),
        ("someday", None),
        ("", None),
    ] {
        assert_eq!(parse_date(text), expected, "{text}");
    }
}

#[test]
fn a_user_mapping_of_another_length_is_fitted_to_the_columns() {
    let bytes = b"A,B,C\nAna,ana@x.org,z\n";
    let import = parse_csv_bytes(bytes, Some(&[Column::Name]), now()).unwrap();
    assert_eq!(import.columns.len(), 3);
    assert_eq!(import.contacts[0].emails, ["ana@x.org"]);
    let many = [Column::Ignore; 9];
    let import = parse_csv_bytes(bytes, Some(&many), now()).unwrap();
    assert_eq!(import.problem.as_deref(), Some(NO_NAME_COLUMN));
}

proptest! {
    #[test]
    fn the_reader_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_csv_bytes(&bytes, None, now());
    }

    #[test]
    fn the_reader_never_panics_on_csv_like_text(text in "([a-z@.\",;\t\r\n :]|Name|Email|First Name|:::){0,60}") {
        if let Ok(import) = parse_csv_bytes(text.as_bytes(), None, now()) {
            prop_assert!(import.contacts.iter().all(|c| !c.name.is_empty()));
        }
    }

    #[test]
    fn quoted_values_come_back_exactly(value in "[a-zA-Z0-9 ,;\"\n]{1,20}") {
        let value = value.trim().replace('\n', " ");
        prop_assume!(!value.is_empty());
        let text = format!("Name,Notes\r\nAna,\"{}\"\r\n", value.replace('"', "\"\""));
        let import = parse_csv_bytes(text.as_bytes(), None, now()).unwrap();
        prop_assert_eq!(&import.contacts[0].notes, &value);
    }
}
