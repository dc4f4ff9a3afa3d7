use super::*;
use crate::model::Contact;
use chrono::TimeZone;
use proptest::prelude::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 9, 30, 0).unwrap()
}

fn read(text: &str) -> Scan {
    read_payload(text, now()).unwrap()
}

#[test]
fn a_vcard_goes_through_the_vcard_reader() {
    let scan = read(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lima;Ana;;;\r\nFN:Ana Lima 🎉\r\nORG:Açaí Labs\r\n\
         TITLE:Engenheira\r\nEMAIL:ana@example.org\r\nTEL:+351 912 345 678\r\n\
         URL:https://example.org/ana\r\nNOTE:Café\\, sempre\r\nEND:VCARD\r\n",
    );
    assert_eq!(scan.kind, PayloadKind::Vcard);
    assert_eq!(
        scan.draft,
        ContactDraft {
            name: "Ana Lima 🎉".into(),
            organization: "Açaí Labs".into(),
            role: "Engenheira".into(),
            emails: "ana@example.org".into(),
            phones: "+351 912 345 678".into(),
            links: "https://example.org/ana".into(),
            notes: "Café, sempre".into(),
            ..ContactDraft::default()
        }
    );
    assert!(!scan.name_guessed);
    assert!(scan.message.contains("Ana Lima"));
}

#[test]
fn a_vcard_21_and_40_are_read_too() {
    let v21 =
        read("BEGIN:VCARD\nVERSION:2.1\nN:Doe;John\nFN:John Doe\nTEL;CELL:555-0100\nEND:VCARD");
    assert_eq!(
        (v21.draft.name.as_str(), v21.draft.phones.as_str()),
        ("John Doe", "555-0100")
    );
    let v40 = read("BEGIN:VCARD\nVERSION:4.0\nFN:Jane Roe\nEMAIL:jane@example.com\nEND:VCARD");
    assert_eq!(v40.draft.emails, "jane@example.com");
}

#[test]
fn a_vcard_of_many_cards_fills_the_first_and_says_so() {
    let one = |i: usize| format!("BEGIN:VCARD\nVERSION:3.0\nFN:Person {i}\nEND:VCARD\n");
    let text: String = (1..=1000).map(one).collect();
    // 1,000 cards are more than a QR code holds, but a share may carry them.
    assert!(text.len() < MAX_PAYLOAD_BYTES);
    let scan = read(&text);
    assert_eq!(scan.draft.name, "Person 1");
    assert!(scan.message.contains("1000 cards"), "{}", scan.message);
}

#[test]
fn a_vcard_that_cannot_be_read_says_why() {
    let cut = read_payload("BEGIN:VCARD\nVERSION:3.0\nFN:Cut", now()).unwrap_err();
    assert!(matches!(cut, ScanError::Unreadable(_)));
    assert!(cut.to_string().contains("could not be read"), "{cut}");
    let nameless = read_payload("BEGIN:VCARD\nVERSION:3.0\nEND:VCARD", now()).unwrap_err();
    assert!(matches!(nameless, ScanError::Unreadable(_)), "{nameless:?}");
}

#[test]
fn a_mecard_with_escapes() {
    let scan = read(
        r"MECARD:N:Doe\, Jr.,John;TEL:+1 555 0100;EMAIL:john@example.com;URL:https://example.com/a\:b;NOTE:Likes\; coffee\, tea \\o/;ORG:Acme;TITLE:CTO;;",
    );
    assert_eq!(scan.kind, PayloadKind::Mecard);
    assert_eq!(
        scan.draft,
        ContactDraft {
            name: "John Doe, Jr.".into(),
            phones: "+1 555 0100".into(),
            emails: "john@example.com".into(),
            links: "https://example.com/a:b".into(),
            notes: r"Likes; coffee, tea \o/".into(),
            organization: "Acme".into(),
            role: "CTO".into(),
            ..ContactDraft::default()
        }
    );
    assert!(scan.message.contains("John Doe, Jr."));
}

#[test]
fn a_mecard_without_the_final_semicolons_or_a_name() {
    let scan = read("mecard:TEL:0123456789;EMAIL:a@b.org;EMAIL:c@d.org");
    assert_eq!(scan.draft.name, "");
    assert_eq!(scan.draft.emails, "a@b.org\nc@d.org");
    assert!(scan.message.contains("no name"));
    let linked = read("MECARD:N:Lima,Ana;URL:https://www.linkedin.com/in/ana-lima;;");
    assert_eq!(
        linked.draft.linkedin,
        "https://www.linkedin.com/in/ana-lima"
    );
    assert_eq!(linked.draft.name, "Ana Lima");
}

#[test]
fn a_bizcard() {
    let scan = read(
        "BIZCARD:N:John;X:Doe;T:Engineer;C:Acme\\; Co;A:1 Main St;B:+1 555 0100;E:john@acme.com;;",
    );
    assert_eq!(scan.kind, PayloadKind::Bizcard);
    assert_eq!(
        scan.draft,
        ContactDraft {
            name: "John Doe".into(),
            role: "Engineer".into(),
            organization: "Acme; Co".into(),
            phones: "+1 555 0100".into(),
            emails: "john@acme.com".into(),
            notes: "Address: 1 Main St".into(),
            ..ContactDraft::default()
        }
    );
}

#[test]
fn a_linkedin_profile_suggests_a_name_from_its_address() {
    let scan = read("https://www.linkedin.com/in/ana-lima-7b2a91/?utm_source=share");
    assert_eq!(scan.kind, PayloadKind::Linkedin);
    assert_eq!(
        scan.draft.linkedin,
        "https://www.linkedin.com/in/ana-lima-7b2a91"
    );
    assert_eq!(scan.draft.name, "Ana Lima");
    assert!(scan.name_guessed);
    let accents = read("linkedin.com/in/jos%C3%A9-garc%C3%ADa");
    assert_eq!(accents.draft.name, "José García");
    assert_eq!(
        accents.draft.linkedin,
        "https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa"
    );
    let opaque = read("https://uk.linkedin.com/in/a1b2c3");
    assert_eq!(opaque.draft.name, "");
    assert!(!opaque.name_guessed);
    assert!(opaque.message.contains("Type the name"));
    // A company page is a link, not a profile.
    let company = read("https://www.linkedin.com/company/acme");
    assert_eq!(company.kind, PayloadKind::Link);
    assert_eq!(company.draft.links, "https://www.linkedin.com/company/acme");
}

#[test]
fn links_emails_and_phones() {
    let link = read("https://example.org/talk?id=3");
    assert_eq!(
        (link.kind, link.draft.links.as_str()),
        (PayloadKind::Link, "https://example.org/talk?id=3")
    );
    let mail = read("mailto:ana%40example.org,bo@example.org?subject=Hi");
    assert_eq!(mail.kind, PayloadKind::Email);
    assert_eq!(mail.draft.emails, "ana@example.org\nbo@example.org");
    let tel = read("TEL:+1-555-0100;ext=2");
    assert_eq!(
        (tel.kind, tel.draft.phones.as_str()),
        (PayloadKind::Phone, "+1-555-0100")
    );
    // A mailto: or tel: that holds no address is plain text.
    assert_eq!(read("mailto:nobody").kind, PayloadKind::Text);
    assert_eq!(read("tel:abc").kind, PayloadKind::Text);
}

#[test]
fn a_badge_id_is_kept_in_the_notes_with_a_message() {
    let scan = read("EVT-2026-004217");
    assert_eq!(scan.kind, PayloadKind::BadgeId);
    assert_eq!(scan.draft.notes, "Badge code: EVT-2026-004217");
    assert!(scan.message.contains("no name"));
    assert_eq!(scan.draft.name, "");
}

#[test]
fn plain_text_goes_to_the_notes() {
    let scan = read("  Ask me about Rust meetups in Lisbon  ");
    assert_eq!(scan.kind, PayloadKind::Text);
    assert_eq!(scan.draft.notes, "Ask me about Rust meetups in Lisbon");
}

#[test]
fn hostile_payloads_give_a_message_or_a_best_effort_contact() {
    assert_eq!(read_payload("", now()), Err(ScanError::Empty));
    assert_eq!(read_payload(" \n\u{FEFF} ", now()), Err(ScanError::Empty));
    let long = "a".repeat(MAX_PAYLOAD_BYTES + 1);
    let too_long = read_payload(&long, now()).unwrap_err();
    assert_eq!(too_long, ScanError::TooLong(MAX_PAYLOAD_BYTES + 1));
    assert!(too_long.to_string().contains("65 KB"), "{too_long}");
    // Long but allowed text is kept whole.
    let words = "word ".repeat(10_000);
    assert_eq!(read(&words).draft.notes.len(), words.trim().len());
    // Control characters are dropped; binary junk is refused.
    let scan = read("Met at the \u{7}booth\u{1b} of Acme, ask about the \u{0}demo");
    assert_eq!(
        scan.draft.notes,
        "Met at the booth of Acme, ask about the demo"
    );
    let junk: String = (0u8..=255).map(char::from).collect();
    let junk = junk.repeat(4);
    assert_eq!(read_payload(&junk, now()), Err(ScanError::Binary));
    assert_eq!(
        read_payload("\u{FFFD}\u{FFFD}ab", now()),
        Err(ScanError::Binary)
    );
    // Markup is only text: the page shows it as text.
    let markup = read("<script>alert(1)</script><img src=x onerror=alert(2)>");
    assert_eq!(markup.kind, PayloadKind::Text);
    assert!(markup.draft.notes.contains("<script>"));
    let mecard_markup = read("MECARD:N:<b>Evil</b>,<i>;NOTE:<script>x</script>;;");
    assert_eq!(mecard_markup.draft.name, "<i> <b>Evil</b>");
    // A field of lone escapes and separators.
    let odd = read(r"MECARD:\;\:\,;;;:;N;N:;\");
    assert_eq!(odd.draft.name, "");
}

#[test]
fn filling_the_form_keeps_what_is_typed() {
    let mut form = ContactDraft {
        name: "Ana".into(),
        where_met: "WebSummit 2026".into(),
        met_on: "2026-11-28".into(),
        tags: "WebSummit 2026".into(),
        emails: "ana@example.org".into(),
        notes: "Booth 12".into(),
        ..ContactDraft::default()
    };
    let scanned = ContactDraft {
        name: "Ana Lima".into(),
        organization: "Acme".into(),
        where_met: "Elsewhere".into(),
        emails: "ana@example.org\nana@acme.com".into(),
        tags: "websummit 2026, rust".into(),
        notes: "Likes coffee".into(),
        ..ContactDraft::default()
    };
    fill_form(&mut form, &scanned);
    assert_eq!(form.name, "Ana");
    assert_eq!(form.organization, "Acme");
    assert_eq!(form.where_met, "WebSummit 2026");
    assert_eq!(form.met_on, "2026-11-28");
    assert_eq!(form.emails, "ana@example.org\nana@acme.com");
    assert_eq!(form.tags, "WebSummit 2026, rust");
    assert_eq!(form.notes, "Booth 12\n\nLikes coffee");
    let again = form.clone();
    fill_form(&mut form, &scanned);
    assert_eq!(form, again, "filling twice changes nothing more");
}

fn contact(name: &str, f: impl FnOnce(&mut Contact)) -> Contact {
    let mut c = Contact::new(name, now());
    f(&mut c);
    c
}

#[test]
fn an_already_known_person_is_found_by_email_phone_or_profile() {
    let book = [
        contact("Bo", |c| c.emails = vec!["Bo@Example.org".into()]),
        contact("Cy", |c| c.phones = vec!["+351 912 345 678".into()]),
        contact("Di", |c| {
            c.linkedin = "https://linkedin.com/in/di-x/".into()
        }),
    ];
    let by_email = ContactDraft {
        emails: "bo@example.org".into(),
        ..ContactDraft::default()
    };
    let known = find_known(&book, &by_email).unwrap();
    assert_eq!(
        (known.name.as_str(), known.by.clone()),
        ("Bo", KnownBy::Email("Bo@Example.org".into()))
    );
    assert_eq!(known.id, book[0].id);
    let by_phone = ContactDraft {
        phones: "912 345 678".into(),
        ..ContactDraft::default()
    };
    assert_eq!(find_known(&book, &by_phone).unwrap().name, "Cy");
    let by_profile = ContactDraft {
        linkedin: "https://www.linkedin.com/in/Di-X?trk=qr".into(),
        ..ContactDraft::default()
    };
    let known = find_known(&book, &by_profile).unwrap();
    assert_eq!(
        (known.name.as_str(), known.by.to_string()),
        ("Di", "same LinkedIn profile".to_string())
    );
    let stranger = ContactDraft {
        name: "Bo".into(),
        phones: "345 678".into(),
        ..ContactDraft::default()
    };
    assert_eq!(
        find_known(&book, &stranger),
        None,
        "a name or a short number is not enough"
    );
}

#[test]
fn a_share_of_a_linkedin_profile() {
    let scan = read_shared(
        "Ana Lima | LinkedIn",
        "Check out Ana Lima's profile on LinkedIn https://www.linkedin.com/in/ana-lima-7b2a91.",
        "",
        now(),
    )
    .unwrap();
    assert_eq!(scan.kind, PayloadKind::Linkedin);
    assert_eq!(scan.draft.name, "Ana Lima");
    assert!(scan.name_guessed);
    assert_eq!(
        scan.draft.linkedin,
        "https://www.linkedin.com/in/ana-lima-7b2a91"
    );
    assert_eq!(
        scan.draft.notes,
        "Check out Ana Lima's profile on LinkedIn ."
    );
}

#[test]
fn a_share_of_a_page_title_text_and_link() {
    let scan = read_shared(
        "Rust meetup",
        "Talk on Thursday",
        "https://example.org/meetup",
        now(),
    )
    .unwrap();
    assert_eq!(scan.kind, PayloadKind::Link);
    assert_eq!(scan.draft.links, "https://example.org/meetup");
    assert_eq!(scan.draft.notes, "Rust meetup\n\nTalk on Thursday");
    let text = read_shared("", "Call Bo back", "", now()).unwrap();
    assert_eq!(text.draft.notes, "Call Bo back");
    let card = read_shared("x", "MECARD:N:Roe,Jane;;", "", now()).unwrap();
    assert_eq!(card.draft.name, "Jane Roe");
    assert_eq!(read_shared(" ", "", "", now()), Err(ScanError::Empty));
}

proptest! {
    #[test]
    fn no_payload_panics(text in any::<String>()) {
        let _ = read_payload(&text, now());
        let _ = read_shared(&text, &text, &text, now());
    }

    #[test]
    fn no_card_like_payload_panics(body in r"[A-Z:;,\\ a-z0-9@.+\-/%]{0,200}", prefix in prop::sample::select(vec!["MECARD:", "BIZCARD:", "BEGIN:VCARD\n", "https://www.linkedin.com/in/", "mailto:", "tel:"])) {
        let text = format!("{prefix}{body}");
        if let Ok(scan) = read_payload(&text, now()) {
            let mut form = ContactDraft::default();
            fill_form(&mut form, &scan.draft);
            let _ = find_known(std::iter::empty(), &form);
        }
    }

    #[test]
    fn bytes_read_as_latin1_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let text: String = bytes.iter().map(|&b| char::from(b)).collect();
        let _ = read_payload(&text, now());
    }
}
