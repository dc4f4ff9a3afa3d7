use super::*;
use crate::model::{Cadence, Contact, FollowUp, FollowUpKind, TieStrength};
use crate::store::{MemoryStore, Repo, SaveError};
use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;

fn now() -> DateTime<Utc> {
    "2026-11-28T09:30:00Z".parse().unwrap()
}

fn ana() -> Contact {
    let mut c = Contact::new("Ana Lima", now());
    c.organization = "Acme, Inc.; Lisbon".into();
    c.role = "Engineer".into();
    c.emails = vec!["ana@example.com".into(), "a.lima@work.example".into()];
    c.phones = vec!["+351 912 345 678".into()];
    c.linkedin = "https://www.linkedin.com/in/analima".into();
    c.links = vec!["https://ana.example".into()];
    c.where_met = "RustConf, Lisbon".into();
    c.met_on = NaiveDate::from_ymd_opt(2026, 11, 20);
    c.how_met = "Sat next to each other; talked \\ about wasm".into();
    c.tie = TieStrength::Medium;
    c.tags = vec!["rust".into(), "speaker, 2026".into()];
    c.notes = "Likes climbing.\nHas a cat 🐈".into();
    c.cadence = Some(Cadence::Quarter);
    c.introduced_by = Some(crate::model::new_id());
    c
}

fn same_fields(a: &Contact, b: &Contact) {
    let strip = |c: &Contact| Contact {
        created_at: now(),
        updated_at: now(),
        rev: 0,
        interactions: Vec::new(),
        follow_ups: Vec::new(),
        ..c.clone()
    };
    assert_eq!(strip(a), strip(b));
}

#[test]
fn vcard_round_trip_of_one_contact() {
    let c = ana();
    let text = to_vcard(&c);
    println!("{text}");
    assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
    let back = parse_vcards(&text, now()).unwrap();
    assert!(back.skipped.is_empty());
    same_fields(&back.contacts[0], &c);
}

/// What a file should give: (name, organization, emails, phones) per card, in order.
type Expected = &'static [(
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
)];

fn check_file(path: &std::path::Path, expected: Expected, skipped: usize) {
    let bytes = std::fs::read(path).unwrap();
    let got =
        parse_vcard_bytes(&bytes, now()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let got_values: Vec<_> = got
        .contacts
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.organization.as_str(),
                c.emails.clone(),
                c.phones.clone(),
            )
        })
        .collect();
    let want: Vec<_> = expected
        .iter()
        .map(|(n, o, e, p)| {
            (
                *n,
                *o,
                e.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                p.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(got_values, want, "{}", path.display());
    assert_eq!(got.skipped.len(), skipped, "{}", path.display());
}

#[test]
fn corpus_files_import_with_the_right_values() {
    let dir = std::path::Path::new("../../shared/corpus/vcard");
    if !dir.is_dir() {
        println!(
            "SKIPPED: the shared vCard corpus ({}) is absent",
            dir.display()
        );
        return;
    }
    let cases: &[(&str, Expected, usize)] = &[
        (
            "John_Doe_ANDROID.vcf",
            &[
                ("Ñ Ñ Ñ Ñ Ñ", "", &[], &["123456789"]),
                (
                    "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ",
                    "",
                    &[],
                    &["123456", "234567", "3456789", "45678901"],
                ),
                (
                    "Ñ Ñ Ñ Ñ",
                    "ÑÑÑÑÑÑÑÑÑÑÑÑ",
                    &["bob@company.com", "ÑÑÑÑÑÑÑÑÑÑÑÑÑÑ"],
                    &["123456"],
                ),
                (
                    "ÑÑÑÑ",
                    "ÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑ",
                    &["henry@company.com"],
                    &["55556666"],
                ),
            ],
            2, // two cards with an email but no name at all
        ),
        (
            "John_Doe_GMAIL.vcf",
            &[(
                "Mr. John Richter, James Doe Sr.",
                "IBM",
                &["john.doe@ibm.com"],
                &["905-555-1234", "905-666-1234"],
            )],
            0,
        ),
        (
            "John_Doe_IPHONE.vcf",
            &[(
                "Mr. John Richter James Doe Sr.",
                "IBM, Accounting",
                &["john.doe@ibm.com"],
                &[
                    "905-555-1234",
                    "905-666-1234",
                    "905-777-1234",
                    "905-888-1234",
                    "905-999-1234",
                    "905-111-1234",
                    "905-222-1234",
                ],
            )],
            0,
        ),
        (
            "gmail-single.vcf",
            &[(
                "Greg Dartmouth",
                "TheCompany",
                &["gdartmouth@hotmail.com"],
                &["555 555 1111", "555 555 2222"],
            )],
            0,
        ),
        (
            "outlook-2007.vcf",
            &[(
                "Mr. Michael Angstadt Jr.",
                "TheCompany, TheDepartment",
                &["mike.angstadt@gmail.com"],
                &[
                    "(111) 555-1111",
                    "(111) 555-2222",
                    "(111) 555-4444",
                    "(111) 555-3333",
                ],
            )],
            0,
        ),
        (
            "rfc2426-example.vcf",
            &[
                (
                    "Frank Dawson",
                    "Lotus Development Corporation",
                    &["Frank_Dawson@Lotus.com", "fdawson@earthlink.net"],
                    &["+1-919-676-9515", "+1-919-676-9564"],
                ),
                (
                    "Tim Howes",
                    "Netscape Communications Corp.",
                    &["howes@netscape.com"],
                    &["+1-415-937-3419", "+1-415-528-4164"],
                ),
            ],
            0,
        ),
        (
            "rfc6350-example.vcf",
            &[(
                "Simon Perreault",
                "Viagenie",
                &["simon.perreault@viagenie.ca"],
                &["+1-418-656-9254;ext=102", "+1-418-262-6501"],
            )],
            0,
        ),
    ];
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".vcf"))
        .collect();
    files.sort();
    let mut listed: Vec<String> = cases.iter().map(|(f, _, _)| f.to_string()).collect();
    listed.sort();
    assert_eq!(
        files, listed,
        "every corpus file has its expected values here"
    );
    for (file, expected, skipped) in cases {
        check_file(&dir.join(file), expected, *skipped);
    }
}

#[test]
fn own_fixtures_import() {
    let dir = std::path::Path::new("tests/fixtures/vcard");
    check_file(
        &dir.join("v21-quoted-printable.vcf"),
        &[(
            "Jürgen Müller",
            "Straßenbau GmbH",
            &["juergen@example.de"],
            &["+49 170 1234567"],
        )],
        0,
    );
    check_file(
        &dir.join("folded-lines.vcf"),
        &[(
            "Maria Consuelo Fernández",
            "Universidad de Salamanca",
            &["maria.fernandez@example.es"],
            &[],
        )],
        0,
    );
    check_file(
        &dir.join("item-groups.vcf"),
        &[(
            "Chidi Okafor",
            "",
            &["chidi@example.ng"],
            &["+234 803 000 0000"],
        )],
        0,
    );
    check_file(
        &dir.join("photo.vcf"),
        &[(
            "Photo Person",
            "Pictures Ltd",
            &["photo@example.com"],
            &["555-0100"],
        )],
        0,
    );
    check_file(
        &dir.join("latin1-charset.vcf"),
        &[("João Gonçalves", "Café Lisboa", &["joao@example.pt"], &[])],
        0,
    );
    check_file(
        &dir.join("latin1-raw-bytes.vcf"),
        &[(
            "Raw Latin One Émilie",
            "Société",
            &["emilie@example.fr"],
            &[],
        )],
        0,
    );

    let qp = parse_vcard_bytes(
        &std::fs::read(dir.join("v21-quoted-printable.vcf")).unwrap(),
        now(),
    )
    .unwrap();
    assert_eq!(qp.contacts[0].notes, "Line one\nLine two");
    let folded =
        parse_vcard_bytes(&std::fs::read(dir.join("folded-lines.vcf")).unwrap(), now()).unwrap();
    assert!(folded.contacts[0]
        .notes
        .contains("folded across several physical lines"));
    let groups =
        parse_vcard_bytes(&std::fs::read(dir.join("item-groups.vcf")).unwrap(), now()).unwrap();
    let chidi = &groups.contacts[0];
    assert_eq!(chidi.linkedin, "https://linkedin.com/in/chidi");
    assert_eq!(chidi.links, vec!["https://chidi.dev".to_string()]);
    assert_eq!(
        chidi.tags,
        vec!["founders".to_string(), "lagos".to_string()]
    );
    let photo = parse_vcard_bytes(&std::fs::read(dir.join("photo.vcf")).unwrap(), now()).unwrap();
    assert!(photo.contacts[0].notes.is_empty(), "the photo is ignored");
}

fn card(body: &str) -> String {
    format!("BEGIN:VCARD\r\nVERSION:3.0\r\n{body}END:VCARD\r\n")
}

#[test]
fn a_file_cut_in_its_last_card_imports_the_cards_before_it() {
    let text = format!(
        "{}{}BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Short\r\nEMAIL:cu",
        card("FN:Ana Lima\r\n"),
        card("FN:Bo Chen\r\n")
    );
    let import = parse_vcards(&text, now()).unwrap();
    let names: Vec<&str> = import.contacts.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Ana Lima", "Bo Chen"]);
    assert_eq!(
        import.skipped,
        [SkippedCard {
            position: 3,
            reason: "the file ends in the middle of this card (no END:VCARD)".into()
        }]
    );
}

#[test]
fn hostile_inputs_give_a_message_or_a_sensible_result() {
    let script = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let all_fields = card(&format!(
        "FN:{script}\r\nORG:{script}\r\nTITLE:{script}\r\nEMAIL:{script}\r\nTEL:{script}\r\nURL:javascript:alert(1)\r\nNOTE:{script}\r\nCATEGORIES:{script}\r\n"
    ));
    let long_line = card(&format!("FN:Long\r\nNOTE:{}\r\n", "x".repeat(100_000)));
    let many: String = (0..3000)
        .map(|i| card(&format!("FN:Person {i}\r\n")))
        .collect();
    let too_many: String = (0..10_001)
        .map(|_| "BEGIN:VCARD\r\nFN:a\r\nEND:VCARD\r\n")
        .collect();
    let nested = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Outer\r\nBEGIN:VCARD\r\nFN:Inner\r\nEND:VCARD\r\nEND:VCARD\r\n";
    let cases: Vec<(&str, Vec<u8>, Result<usize, ImportError>)> = vec![
        ("empty file", vec![], Err(ImportError::Empty)),
        (
            "only whitespace",
            b" \r\n\t\n".to_vec(),
            Err(ImportError::Empty),
        ),
        (
            "only BEGIN",
            b"BEGIN:VCARD\r\n".to_vec(),
            Err(ImportError::Unterminated),
        ),
        (
            "no END",
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\n".to_vec(),
            Err(ImportError::Unterminated),
        ),
        (
            "JSON backup",
            br#"{"format":"weak-ties-backup","contacts":[]}"#.to_vec(),
            Err(ImportError::NotVcard),
        ),
        (
            "calendar",
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n".to_vec(),
            Err(ImportError::NotVcard),
        ),
        (
            "binary garbage",
            vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xFF, 0x00],
            Err(ImportError::Binary),
        ),
        (
            "NUL bytes in a card",
            card("FN:A\0na\r\n").into_bytes(),
            Err(ImportError::Binary),
        ),
        (
            "too big",
            vec![b'a'; MAX_IMPORT_BYTES + 1],
            Err(ImportError::TooBig(MAX_IMPORT_BYTES + 1)),
        ),
        (
            "broken quoted-printable",
            b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Ana=ZZ=4\r\nEND:VCARD\r\n"
                .to_vec(),
            Ok(1),
        ),
        ("100,000-char line", long_line.into_bytes(), Ok(1)),
        (
            "markup and script in every field",
            all_fields.into_bytes(),
            Ok(1),
        ),
        (
            "RTL and emoji name",
            card("FN:\u{202E}שרה כהן 🎉👩🏽‍💻\r\n").into_bytes(),
            Ok(1),
        ),
        ("nested BEGIN", nested.as_bytes().to_vec(), Ok(1)),
        ("3,000 cards", many.into_bytes(), Ok(3000)),
        (
            "over 10,000 cards",
            too_many.into_bytes(),
            Err(ImportError::TooManyCards),
        ),
        ("no name", card("EMAIL:a@b.c\r\n").into_bytes(), Ok(0)),
        (
            "UTF-16 with BOM",
            {
                let mut b = vec![0xFF, 0xFE];
                for u in card("FN:Wide Ana\r\n").encode_utf16() {
                    b.extend(u.to_le_bytes());
                }
                b
            },
            Ok(1),
        ),
        (
            "lone surrogate UTF-16",
            vec![0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00],
            Err(ImportError::Binary),
        ),
    ];
    for (what, bytes, expected) in cases {
        let got = parse_vcard_bytes(&bytes, now()).map(|i| i.contacts.len());
        assert_eq!(got, expected, "{what}");
        if let Err(e) = got {
            assert!(e.to_string().len() > 20, "{what}: a clear message");
        }
    }
    // Markup is kept as plain text (the UI escapes it), never interpreted here.
    let c = &parse_vcards(&card(&format!("FN:{script}\r\n")), now())
        .unwrap()
        .contacts[0];
    assert_eq!(c.name, script);
    // A name that is only control characters is no name.
    let skipped = parse_vcards(&card("FN:\u{1}\u{2}\r\n"), now()).unwrap();
    assert_eq!(skipped.skipped[0].reason, "it has no name (no FN or N)");
    assert!(ImportError::TooBig(6 * 1024 * 1024)
        .to_string()
        .contains("6.0 MB"));
}

#[test]
fn a_likely_duplicate_is_skipped_unless_merge_is_chosen() {
    let dup = DuplicateOf {
        id: "c1".into(),
        name: "Ana Lima".into(),
        reason: DuplicateReason::SameCard,
    };
    assert_eq!(
        ImportChoice::proposed(Some(&dup)),
        ImportChoice::FOR_A_DUPLICATE[0]
    );
    assert_eq!(ImportChoice::proposed(None), ImportChoice::Add);
    let labels = ImportChoice::FOR_A_DUPLICATE.map(ImportChoice::label);
    assert_eq!(labels, ["Skip", "Merge"]);
}

#[test]
fn n_is_used_when_fn_is_missing() {
    let got = parse_vcards(&card("N:Lima;Ana;Maria;Dr.;\r\nROLE:Lead\r\n"), now()).unwrap();
    assert_eq!(got.contacts[0].name, "Dr. Ana Maria Lima");
    assert_eq!(got.contacts[0].role, "Lead");
}

#[test]
fn a_foreign_uid_is_not_taken_as_our_id() {
    let got = parse_vcards(&card("UID:urn:uuid:x\r\nFN:Ana\r\n"), now()).unwrap();
    assert_ne!(got.contacts[0].id, "urn:uuid:x");
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 ,;:\\\\\n\"'<>&=+@-]{1,30}",
        Just("Ana, Lima; \\ \"quoted\"\nnew line".to_string()),
        Just("שרה כהן 🎉 مرحبا".to_string()),
        Just("👩🏽‍💻 Zoë Ørsted-Straße".to_string()),
        "\\PC{1,20}",
    ]
}

prop_compose! {
    fn contact_strategy()(
        name in "[a-zA-Z\u{5d0}-\u{5ea}🎉,;\\\\ ]{1,20}",
        organization in text_strategy(),
        role in text_strategy(),
        notes in text_strategy(),
        where_met in text_strategy(),
        how_met in text_strategy(),
        research in text_strategy(),
        emails in proptest::collection::vec("[a-z0-9.,;]{1,10}@[a-z]{1,8}\\.[a-z]{2,3}", 0..3),
        phones in proptest::collection::vec("[+0-9 ()-]{3,15}", 0..3),
        links in proptest::collection::vec("https://[a-z]{1,10}\\.example/[a-z,;]{0,5}", 0..3),
        linkedin in prop_oneof![Just(String::new()), Just("https://www.linkedin.com/in/x".to_string()), Just("linkedin-less".to_string())],
        tags in proptest::collection::vec(text_strategy(), 0..4),
        tie in prop_oneof![Just(TieStrength::Weak), Just(TieStrength::Medium), Just(TieStrength::Strong)],
        cadence in proptest::option::of(prop_oneof![Just(Cadence::TwoWeeks), Just(Cadence::Month), Just(Cadence::Quarter), Just(Cadence::HalfYear), Just(Cadence::Year)]),
        met in proptest::option::of(0i64..20_000),
        introduced in any::<bool>(),
    ) -> Contact {
        let mut c = Contact {
            organization, role, notes, where_met, how_met, research, emails, phones, links, linkedin, tags, tie, cadence,
            met_on: met.map(|d| NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Days::new(d as u64)),
            introduced_by: introduced.then(crate::model::new_id),
            ..Contact::new(name, now())
        };
        // What the import tidies (clean_text, then normalize) is tidied first.
        for s in [&mut c.name, &mut c.organization, &mut c.role, &mut c.notes, &mut c.where_met, &mut c.how_met, &mut c.research] {
            *s = clean_text(s);
        }
        for list in [&mut c.tags, &mut c.emails, &mut c.phones, &mut c.links] {
            for s in list.iter_mut() {
                *s = clean_text(s);
            }
        }
        // calcard reads a run of spaces after an escaped character in CATEGORIES as one
        // space; tags are single words or short phrases, so runs are collapsed here.
        for tag in c.tags.iter_mut() {
            *tag = tag.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        }
        c.normalize();
        c
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn exported_cards_import_back_exactly(contacts in proptest::collection::vec(contact_strategy(), 1..4)) {
        prop_assume!(contacts.iter().all(|c| !c.name.is_empty()));
        let text = to_vcards(&contacts);
        let back = parse_vcards(&text, now()).unwrap();
        prop_assert!(back.skipped.is_empty());
        prop_assert_eq!(back.contacts.len(), contacts.len());
        for (a, b) in back.contacts.iter().zip(&contacts) {
            same_fields(a, b);
        }
        for line in text.split("\r\n") {
            prop_assert!(line.len() <= 75, "folded at 75 octets: {:?}", line);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = parse_vcard_bytes(&bytes, now());
    }

    #[test]
    fn mutated_vcards_never_panic(
        cut in 0usize..2000,
        insert in proptest::collection::vec(any::<u8>(), 0..20),
        at in 0usize..2000,
    ) {
        let mut bytes = to_vcards([&ana(), &ana()]).into_bytes();
        bytes.extend(std::fs::read("tests/fixtures/vcard/v21-quoted-printable.vcf").unwrap_or_default());
        let at = at.min(bytes.len());
        bytes.splice(at..at, insert);
        bytes.truncate(cut.max(1).min(bytes.len()));
        let _ = parse_vcard_bytes(&bytes, now());
    }
}

fn follow_up(id: &str, kind: FollowUpKind, text: &str, due: (i32, u32, u32)) -> FollowUp {
    FollowUp {
        id: id.into(),
        kind,
        text: text.into(),
        due: NaiveDate::from_ymd_opt(due.0, due.1, due.2).unwrap(),
        done_on: None,
    }
}

#[test]
fn calendar_has_one_all_day_event_per_open_follow_up() {
    let mut a = ana();
    a.follow_ups = vec![
        follow_up(
            "f1",
            FollowUpKind::ThankYou,
            "Thank her for the talk, the slides; and the tip",
            (2026, 11, 30),
        ),
        follow_up("f2", FollowUpKind::CheckIn, "", (2026, 12, 31)),
        FollowUp {
            done_on: NaiveDate::from_ymd_opt(2026, 11, 1),
            ..follow_up("f3", FollowUpKind::Other, "done already", (2026, 10, 1))
        },
    ];
    a.follow_ups[0]
        .text
        .push_str(&" and a very long tail of text".repeat(5));
    let ics = follow_ups_ics([&a], now(), |_| 0);
    println!("{ics}");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "CRLF only");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "folded: {line:?}");
    }
    for needle in [
        "VERSION:2.0\r\n",
        "PRODID:-//Weak Ties//Follow-ups//EN\r\n",
        "UID:f1@weak-ties\r\n",
        "UID:f2@weak-ties\r\n",
        "DTSTART;VALUE=DATE:20261130\r\n",
        "DTEND;VALUE=DATE:20261201\r\n",
        "DTEND;VALUE=DATE:20270101\r\n",
        "DTSTAMP:20261128T093000Z\r\n",
        "SUMMARY:Thank-you: Ana Lima\r\n",
        "SUMMARY:Check in: Ana Lima\r\n",
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER;VALUE=DATE-TIME:20261130T090000Z\r\n",
        "TRIGGER;VALUE=DATE-TIME:20261231T090000Z\r\n",
    ] {
        assert!(ics.contains(needle), "{needle:?} in\n{ics}");
    }
    assert!(
        !ics.contains("f3@weak-ties"),
        "done follow-ups are left out"
    );

    // A parser reads it back: two events, with the description unescaped and unfolded.
    let entry = calcard::Parser::new(&ics).entry();
    let calcard::Entry::ICalendar(parsed) = entry else {
        panic!("not a calendar: {entry:?}")
    };
    let events: Vec<_> = parsed
        .components
        .iter()
        .filter(|c| c.component_type == calcard::icalendar::ICalendarComponentType::VEvent)
        .collect();
    assert_eq!(events.len(), 2);
    let description = events[0]
        .entries
        .iter()
        .find(|e| e.name == calcard::icalendar::ICalendarProperty::Description)
        .and_then(|e| e.values.first())
        .and_then(|v| match v {
            calcard::icalendar::ICalendarValue::Text(t) => Some(t.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(description, a.follow_ups[0].text);

    // Stable: the same follow-ups give the same UIDs, whatever day it is exported.
    let later = follow_ups_ics([&a], "2027-01-01T00:00:00Z".parse().unwrap(), |_| 0);
    let uids = |s: &str| {
        s.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&ics), uids(&later));
}

/// Berlin's offset from UTC in minutes east, in 2027 (summer time from 28 March at 02:00 to
/// 31 October at 03:00, local time), as the browser would give it.
fn berlin_2027(local: chrono::NaiveDateTime) -> i32 {
    let day = |m, d, h| {
        NaiveDate::from_ymd_opt(2027, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    };
    if (day(3, 28, 2)..day(10, 31, 3)).contains(&local) {
        120
    } else {
        60
    }
}

fn due_around_summer_time() -> Contact {
    let mut a = ana();
    a.name = "Ana \"Lima\"; Jr.".into();
    a.follow_ups = vec![
        follow_up("winter", FollowUpKind::ThankYou, "Thanks", (2027, 3, 27)),
        follow_up("summer", FollowUpKind::CheckIn, "", (2027, 3, 29)),
        follow_up("new-year", FollowUpKind::Other, "Hi", (2027, 12, 31)),
    ];
    a
}

#[test]
fn each_follow_up_reminds_at_nine_local_time_on_its_day() {
    let ics = follow_ups_ics([&due_around_summer_time()], now(), berlin_2027);
    for trigger in [
        "TRIGGER;VALUE=DATE-TIME:20270327T080000Z\r\n",
        "TRIGGER;VALUE=DATE-TIME:20270329T070000Z\r\n",
        "TRIGGER;VALUE=DATE-TIME:20271231T080000Z\r\n",
    ] {
        assert!(ics.contains(trigger), "{trigger:?} in\n{ics}");
    }
    assert_eq!(ics.matches("BEGIN:VALARM\r\n").count(), 3);
    assert_eq!(ics.matches("END:VALARM\r\nEND:VEVENT\r\n").count(), 3);
    // West of UTC 9:00 is later in UTC; far east, it is the day before in UTC.
    let hawaii = follow_ups_ics([&due_around_summer_time()], now(), |_| -10 * 60);
    assert!(hawaii.contains("TRIGGER;VALUE=DATE-TIME:20270327T190000Z\r\n"));
    let kiribati = follow_ups_ics([&due_around_summer_time()], now(), |_| 14 * 60);
    assert!(kiribati.contains("TRIGGER;VALUE=DATE-TIME:20270326T190000Z\r\n"));
    let nepal = follow_ups_ics([&due_around_summer_time()], now(), |_| 5 * 60 + 45);
    assert!(nepal.contains("TRIGGER;VALUE=DATE-TIME:20270327T031500Z\r\n"));
}

/// The calendar as another program reads it: Python's `icalendar` (Debian's python3-icalendar,
/// with Debian's /usr/bin/python3, installed by `scripts/setup.sh test`) parses the whole export
/// and one contact's, and `tests/ics_reminders.py` checks each event's alarm against 9:00 in
/// Europe/Berlin from Python's own zone database.
#[test]
fn python_icalendar_reads_the_reminders_back() {
    let contact = due_around_summer_time();
    let one = follow_ups_ics([&contact], now(), berlin_2027);
    let mut other = ana();
    other.follow_ups = vec![follow_up("other", FollowUpKind::Other, "x", (2027, 7, 1))];
    let all = follow_ups_ics([&contact, &other], now(), berlin_2027);
    let dir = std::env::temp_dir().join(format!("weak-ties-ics-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/ics_reminders.py");
    for (name, ics, events) in [("one.ics", &one, 3), ("all.ics", &all, 4)] {
        let path = dir.join(name);
        std::fs::write(&path, ics).unwrap();
        let out = std::process::Command::new("/usr/bin/python3")
            .args([
                script,
                path.to_str().unwrap(),
                "Europe/Berlin",
                &events.to_string(),
            ])
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "{name}: {}{}(python3-icalendar missing? run scripts/setup.sh test)",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A test-only RFC 4180 reader.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(cell.is_empty() && row.is_empty(), "the file ends with CRLF");
    rows
}

#[test]
fn csv_quotes_guards_formulas_and_reads_back() {
    let mut a = ana();
    a.notes = "Said \"hi\", then left\nSecond line".into();
    let mut evil = Contact::new("=HYPERLINK(\"http://x\")", now());
    evil.organization = "+1 cell".into();
    evil.role = "-2".into();
    evil.where_met = "@SUM(A1)".into();
    evil.how_met = "\tTab".into();
    let csv = contacts_csv([&a, &evil]);
    assert!(csv.starts_with('\u{feff}'), "BOM for Excel");
    let rows = read_csv(csv.trim_start_matches('\u{feff}'));
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0], CSV_HEADER.map(String::from).to_vec());
    assert!(rows.iter().all(|r| r.len() == CSV_HEADER.len()));
    assert_eq!(rows[1][0], "Ana Lima");
    assert_eq!(rows[1][1], "Acme, Inc.; Lisbon");
    assert_eq!(rows[1][3], "ana@example.com; a.lima@work.example");
    assert_eq!(rows[1][8], "2026-11-20");
    assert_eq!(rows[1][10], "medium");
    assert_eq!(rows[1][12], "quarter");
    assert_eq!(rows[1][13], a.notes);
    assert_eq!(rows[2][0], "'=HYPERLINK(\"http://x\")");
    assert_eq!(rows[2][1], "'+1 cell");
    assert_eq!(rows[2][2], "'-2");
    assert_eq!(rows[2][7], "'@SUM(A1)");
    assert_eq!(rows[2][9], "'\tTab");
}

#[test]
fn file_names_and_slugs() {
    let day = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    assert_eq!(
        file_name(FileKind::ContactsVcard, day),
        "weak-ties-contacts-2026-11-28.vcf"
    );
    assert_eq!(
        file_name(FileKind::ContactsCsv, day),
        "weak-ties-contacts-2026-11-28.csv"
    );
    assert_eq!(
        file_name(FileKind::FollowUpsCalendar, day),
        "weak-ties-follow-ups-2026-11-28.ics"
    );
    assert_eq!(
        contact_file_name(FileKind::ContactsVcard, "Ana Lima"),
        "ana-lima.vcf"
    );
    assert_eq!(
        contact_file_name(FileKind::FollowUpsCalendar, "Ana Lima"),
        "ana-lima-follow-ups.ics"
    );
    assert_eq!(
        contact_file_name(FileKind::ContactsCsv, "🎉"),
        "contact.csv"
    );
    assert_eq!(FileKind::ContactsVcard.mime(), "text/vcard;charset=utf-8");
    assert_eq!(FileKind::ContactsCsv.mime(), "text/csv;charset=utf-8");
    assert_eq!(
        FileKind::FollowUpsCalendar.mime(),
        "text/calendar;charset=utf-8"
    );
    assert_eq!(slug("Ana Lima"), "ana-lima");
    assert_eq!(slug("  Émile  Ørsted-Straße! "), "emile-orsted-strasse");
    assert_eq!(slug("Дмитрий Иванов"), "дмитрий-иванов");
    assert_eq!(slug("山田 太郎"), "山田-太郎");
    assert_eq!(slug("🎉 ..."), "contact");
    assert_eq!(slug("../../etc/passwd"), "etc-passwd");
}

#[test]
fn duplicates_by_email_or_name_and_organization() {
    let existing = ana();
    let mut by_email = Contact::new("Someone Else", now());
    by_email.emails = vec!["ANA@EXAMPLE.COM".into()];
    let found = DuplicateIndex::new([&existing]).find(&by_email).unwrap();
    assert_eq!(found.id, existing.id);
    assert_eq!(
        found.reason,
        DuplicateReason::SameEmail("ana@example.com".into())
    );
    let mut by_name = Contact::new("ana lima", now());
    by_name.organization = "ACME, Inc.; Lisbon".into();
    assert_eq!(
        DuplicateIndex::new([&existing])
            .find(&by_name)
            .unwrap()
            .reason,
        DuplicateReason::SameNameAndOrganization
    );
    let mut other_org = by_name.clone();
    other_org.organization = "Other".into();
    assert_eq!(DuplicateIndex::new([&existing]).find(&other_org), None);
    let mut same_card = existing.clone();
    same_card.emails.clear();
    assert_eq!(
        DuplicateIndex::new([&existing])
            .find(&same_card)
            .unwrap()
            .reason,
        DuplicateReason::SameCard
    );
}

#[test]
fn merge_fills_and_unites_without_dropping() {
    let mut existing = Contact::new("Ana Lima", now());
    existing.emails = vec!["ana@example.com".into()];
    existing.role = "Keeps this".into();
    existing.tags = vec!["Rust".into()];
    existing.notes = "Mine".into();
    let mut card = ana();
    card.emails = vec!["ANA@example.com".into(), "new@example.com".into()];
    card.tags = vec!["rust".into(), "new".into()];
    let before = existing.clone();
    merge_into(&mut existing, &card);
    assert_eq!(existing.role, "Keeps this");
    assert_eq!(existing.organization, card.organization);
    assert_eq!(
        existing.emails,
        vec!["ana@example.com".to_string(), "new@example.com".into()]
    );
    assert_eq!(existing.tags, vec!["Rust".to_string(), "new".into()]);
    assert_eq!(existing.notes, format!("Mine\n\n{}", card.notes));
    assert_eq!(existing.id, before.id);
    // Merging the same card again changes nothing more.
    let once = existing.clone();
    merge_into(&mut existing, &card);
    assert_eq!(existing, once);
}

#[test]
fn import_cards_is_all_or_nothing() {
    let (repo, _) = Repo::open(MemoryStore::new()).unwrap();
    let existing = repo
        .save_contact(&Contact::new("Ana Lima", now()), now())
        .unwrap();
    let mut dup = Contact::new("Ana Lima", now());
    dup.emails = vec!["ana@example.com".into()];
    let new = Contact::new("Bo Chen", now());
    let skip = Contact::new("Skip Me", now());
    let cards = vec![
        (dup, ImportChoice::Merge, Some(existing.id.clone())),
        (new.clone(), ImportChoice::Add, None),
        (skip, ImportChoice::Skip, None),
    ];
    let before = repo.store().snapshot();
    repo.store().set_quota(Some(repo.store().used() + 10));
    assert_eq!(
        repo.import_cards(&cards, now()),
        Err(SaveError::Store(crate::store::StoreError::Full))
    );
    assert_eq!(repo.store().snapshot(), before, "nothing changed");
    repo.store().set_quota(None);
    let (saved, summary) = repo.import_cards(&cards, now()).unwrap();
    assert_eq!(
        summary,
        ImportSummary {
            added: 1,
            merged: 1,
            skipped: 1
        }
    );
    assert_eq!(summary.to_string(), "Added 1, merged 1, skipped 1.");
    assert_eq!(saved.len(), 2);
    let (_, loaded) = Repo::open(repo.store()).unwrap();
    let merged = loaded
        .contacts
        .iter()
        .find(|c| c.id == existing.id)
        .unwrap();
    assert_eq!(merged.emails, vec!["ana@example.com".to_string()]);
    assert_eq!(merged.rev, existing.rev + 1);
    assert!(loaded.contacts.iter().any(|c| c.id == new.id && c.rev == 1));
    // Two cards merged into the same contact in one import are both merged.
    let mut one = Contact::new("x", now());
    one.phones = vec!["1".into()];
    let mut two = Contact::new("y", now());
    two.phones = vec!["2".into()];
    let both = [
        (one, ImportChoice::Merge, Some(existing.id.clone())),
        (two, ImportChoice::Merge, Some(existing.id.clone())),
    ];
    let (saved, summary) = repo.import_cards(&both, now()).unwrap();
    assert_eq!(summary.merged, 2);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].phones, vec!["1".to_string(), "2".into()]);
    // Adding a card whose id is taken gives it a fresh id rather than overwriting.
    let (again, _) = repo
        .import_cards(&[(new.clone(), ImportChoice::Add, None)], now())
        .unwrap();
    assert_ne!(again[0].id, new.id);
}
