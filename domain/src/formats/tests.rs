use super::*;
use crate::model::{Cadence, Contact, FollowUp, FollowUpKind, TieStrength};
use chrono::{DateTime, NaiveDate, Utc};

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
