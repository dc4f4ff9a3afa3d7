use super::*;
use crate::model::{Contact, FollowUp, FollowUpKind, Interaction, InteractionKind, TieStrength};
use crate::store::{contact_key, KeyValue, MemoryStore, Repo};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap()
}

fn person(name: &str, org: &str) -> Contact {
    let mut c = Contact::new(name, now());
    c.organization = org.into();
    c
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, d).unwrap()
}

#[test]
fn keys_normalize_what_people_write() {
    assert_eq!(
        email_key("  Ana@Example.COM "),
        Some("ana@example.com".into())
    );
    assert_eq!(email_key("  "), None);
    let uk = phone_key("+44 20 7946 0958");
    assert!(uk.is_some());
    assert_eq!(phone_key("0044 (20) 7946-0958"), uk);
    assert_eq!(phone_key("020 7946 0958"), uk);
    assert_ne!(phone_key("020 7946 0959"), uk);
    assert_eq!(phone_key("123"), None);
    let ana = linkedin_key("https://www.linkedin.com/in/ana-lima");
    assert_eq!(ana.as_deref(), Some("in/ana-lima"));
    assert_eq!(
        linkedin_key("http://uk.linkedin.com/in/Ana-Lima/?trk=x"),
        ana
    );
    assert_eq!(linkedin_key("linkedin.com/in/ana-lima/"), ana);
    assert_eq!(linkedin_key("https://example.com/in/ana-lima"), None);
    assert_eq!(linkedin_key("https://www.linkedin.com/"), None);
    let mut a = person("Émile  Zola", "Le Monde");
    let b = person("emile zola", "LE MONDE");
    assert_eq!(name_key(&a), name_key(&b));
    a.name = " ".into();
    assert_eq!(name_key(&a), None);
}

#[test]
fn groups_share_an_email_a_phone_a_profile_or_a_name_and_organization() {
    let mut ana = person("Ana Lima", "Acme");
    ana.emails = vec!["ana@acme.com".into()];
    let mut ana2 = person("A. Lima", "");
    ana2.emails = vec!["ANA@acme.com".into()];
    ana2.phones = vec!["+44 20 7946 0958".into()];
    let mut ana3 = person("Ana", "");
    ana3.phones = vec!["020 7946 0958".into()];
    let mut bo = person("Bo Chen", "Initech");
    bo.linkedin = "https://www.linkedin.com/in/bochen".into();
    let mut bo2 = person("Bo", "");
    bo2.linkedin = "https://linkedin.com/in/BoChen/".into();
    let cy = person("Cy Twombly", "Gallery");
    let cy2 = person("cy twombly", "gallery");
    let alone = person("Dee", "Acme");
    let all = [&ana, &bo, &alone, &ana2, &cy, &bo2, &ana3, &cy2];
    let groups = find_duplicates(all, &NotDuplicates::default());
    assert_eq!(groups.len(), 3);
    assert_eq!(
        groups[0].ids,
        vec![ana.id.clone(), ana2.id.clone(), ana3.id.clone()]
    );
    assert_eq!(
        groups[0].reasons,
        vec![
            Reason::SameEmail("ANA@acme.com".into()),
            Reason::SamePhone("020 7946 0958".into())
        ]
    );
    assert_eq!(groups[1].ids, vec![bo.id.clone(), bo2.id.clone()]);
    assert_eq!(
        groups[1].reasons[0].to_string(),
        "same LinkedIn profile https://linkedin.com/in/BoChen/"
    );
    assert_eq!(groups[2].ids, vec![cy.id.clone(), cy2.id.clone()]);
    assert_eq!(groups[2].reasons, vec![Reason::SameNameAndOrganization]);
}

#[test]
fn a_pair_that_is_not_a_duplicate_stays_apart() {
    let mut a = person("Ana", "");
    a.emails = vec!["shared@x.org".into()];
    let mut b = a.clone();
    b.id = crate::model::new_id();
    b.name = "Bea".into();
    let mut not = NotDuplicates::default();
    not.dismiss(&[a.id.clone(), b.id.clone()]);
    assert!(not.contains(&b.id, &a.id));
    assert!(find_duplicates([&a, &b], &not).is_empty());
    // A third one sharing the email is still grouped with each of them.
    let mut c = a.clone();
    c.id = crate::model::new_id();
    let groups = find_duplicates([&a, &b, &c], &not);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].ids.len(), 3);
    // The remembered pairs survive a round trip through storage's JSON.
    let json = serde_json::to_string(&not).unwrap();
    assert_eq!(serde_json::from_str::<NotDuplicates>(&json).unwrap(), not);
}

#[test]
fn finds_duplicates_among_thousands_without_quadratic_work() {
    // Every contact shares one phone (a switchboard): one group, found quickly.
    let contacts: Vec<Contact> = (0..5000)
        .map(|i| {
            let mut c = person(&format!("P{i}"), "");
            c.phones = vec!["+1 555 0100 000".into()];
            c
        })
        .collect();
    let groups = find_duplicates(contacts.iter(), &NotDuplicates::default());
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].ids.len(), 5000);
}

fn rich(name: &str) -> Contact {
    let mut c = person(name, "Acme");
    c.emails = vec![format!("{name}@acme.com")];
    c.interactions = vec![Interaction::new(InteractionKind::Chat, day(5), name)];
    c.follow_ups = vec![FollowUp::new(FollowUpKind::CheckIn, name, day(20))];
    c
}

#[test]
fn merge_picks_fields_and_keeps_everything_else() {
    let mut kept = rich("ana");
    kept.role = "Engineer".into();
    kept.notes = "Likes tea".into();
    kept.tags = vec!["Design".into()];
    let mut other = rich("ana2");
    other.role = "Manager".into();
    other.where_met = "PyCon".into();
    other.notes = "Runs marathons".into();
    other.tags = vec!["design".into(), "Running".into()];
    other.tie = TieStrength::Strong;
    other.introduced_by = Some(kept.id.clone());
    other.interactions[0].date = day(9);
    other.follow_ups[0].due = day(10);
    assert_eq!(
        conflicts(&kept, &other),
        vec![MergeField::Name, MergeField::Role, MergeField::Tie]
    );
    let merged = merge(&kept, &other, &[MergeField::Role]);
    assert_eq!(merged.id, kept.id);
    assert_eq!(merged.name, "ana");
    assert_eq!(merged.role, "Manager");
    assert_eq!(merged.where_met, "PyCon");
    assert_eq!(merged.tie, TieStrength::Weak);
    assert_eq!(merged.introduced_by, None, "never introduced by itself");
    assert_eq!(merged.emails, vec!["ana@acme.com", "ana2@acme.com"]);
    assert_eq!(merged.tags, vec!["Design", "Running"]);
    assert_eq!(merged.notes, "Likes tea\n\nRuns marathons");
    let dates: Vec<_> = merged.interactions.iter().map(|i| i.date).collect();
    assert_eq!(dates, vec![day(9), day(5)], "newest first");
    let dues: Vec<_> = merged.follow_ups.iter().map(|f| f.due).collect();
    assert_eq!(dues, vec![day(10), day(20)], "soonest first");
    // The same interaction on both (one exported and imported again) is kept once; a different
    // one under the same id is kept too, with a new id.
    let mut twin = kept.clone();
    twin.id = crate::model::new_id();
    twin.interactions.push(Interaction {
        summary: "other".into(),
        ..kept.interactions[0].clone()
    });
    let merged = merge(&kept, &twin, &[]);
    assert_eq!(merged.interactions.len(), 2);
    assert_ne!(merged.interactions[0].id, merged.interactions[1].id);
}

#[test]
fn a_merge_is_one_batch_repoints_introductions_and_undoes() {
    let store = MemoryStore::new();
    let (repo, _) = Repo::open(&store).unwrap();
    let kept = repo.save_contact(&rich("ana"), now()).unwrap();
    let other = repo.save_contact(&rich("ana2"), now()).unwrap();
    let mut friend = rich("friend");
    friend.introduced_by = Some(other.id.clone());
    let friend = repo.save_contact(&friend, now()).unwrap();
    let before = store.snapshot();

    // Storage refuses the writes: nothing changes.
    store.set_fail_writes(true);
    let ids = [friend.id.clone()];
    assert!(repo
        .merge_contacts(&kept.id, &other.id, &[], &ids, now())
        .is_err());
    assert_eq!(store.snapshot(), before);
    store.set_fail_writes(false);

    let merged = repo
        .merge_contacts(&kept.id, &other.id, &[MergeField::Name], &ids, now())
        .unwrap();
    assert_eq!(merged.removed, other.id);
    assert_eq!(merged.saved[0].name, "ana2");
    assert_eq!(
        merged.saved[1].introduced_by.as_deref(),
        Some(kept.id.as_str())
    );
    assert!(store.get(&contact_key(&other.id)).unwrap().is_none());
    let (_, loaded) = Repo::open(&store).unwrap();
    assert_eq!(loaded.contacts.len(), 2);

    let restored = repo.undo_merge(&merged.undo).unwrap();
    assert_eq!(restored.len(), 3);
    let (_, loaded) = Repo::open(&store).unwrap();
    let mut names: Vec<_> = loaded
        .contacts
        .iter()
        .map(|c| (c.name.clone(), c.introduced_by.clone()))
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            ("ana".into(), None),
            ("ana2".into(), None),
            ("friend".into(), Some(other.id.clone()))
        ]
    );
    // Undo twice: the second finds the restored versions, not the merge's, and is refused.
    assert!(repo.undo_merge(&merged.undo).is_err());
}

#[test]
fn a_merge_refuses_a_contact_changed_in_another_tab() {
    let store = MemoryStore::new();
    let (repo, _) = Repo::open(&store).unwrap();
    let kept = repo.save_contact(&rich("ana"), now()).unwrap();
    let other = repo.save_contact(&rich("bo"), now()).unwrap();
    let merged = repo
        .merge_contacts(&kept.id, &other.id, &[], &[], now())
        .unwrap();
    // Another tab edits the merged contact: the undo is refused and changes nothing.
    let mut edited = merged.saved[0].clone();
    edited.notes = "edited elsewhere".into();
    repo.save_contact(&edited, now()).unwrap();
    let before = store.snapshot();
    assert!(repo.undo_merge(&merged.undo).is_err());
    assert_eq!(store.snapshot(), before);
    assert!(repo
        .merge_contacts(&kept.id, &kept.id, &[], &[], now())
        .is_err());
}

#[test]
fn a_merge_with_an_unreadable_stored_contact_keeps_it_aside_and_changes_nothing() {
    let store = MemoryStore::new();
    let (repo, _) = Repo::open(&store).unwrap();
    let kept = repo.save_contact(&rich("ana"), now()).unwrap();
    let other = repo.save_contact(&rich("bo"), now()).unwrap();
    store.set(&contact_key(&other.id), "{ damaged").unwrap();
    let before = store.snapshot();
    let refused = repo
        .merge_contacts(&kept.id, &other.id, &[], &[], now())
        .unwrap_err();
    assert!(
        matches!(&refused, crate::store::SaveError::Quarantined(bad) if bad.key == contact_key(&other.id)),
        "{refused:?}"
    );
    assert_eq!(store.snapshot(), before);
}

fn arb_contact() -> impl Strategy<Value = Contact> {
    let list = || prop::collection::vec("[a-cA-C]{1,3}(@x\\.org)?", 0..4);
    (
        "[a-c]{0,3}",
        "[a-c]{0,2}",
        list(),
        prop::collection::vec("\\+?[0-9 ]{6,10}", 0..3),
        list(),
        prop::collection::vec((1u32..28, "[a-z]{0,3}"), 0..4),
        prop::collection::vec((1u32..28, "[a-z]{0,3}"), 0..3),
        "[a-c ]{0,6}",
        0u8..3,
    )
        .prop_map(
            |(name, org, emails, phones, tags, ints, fups, notes, tie)| {
                let mut c = person(&name, &org);
                c.emails = emails;
                c.phones = phones;
                c.tags = tags;
                c.notes = notes;
                c.tie = TieStrength::ALL[tie as usize];
                c.interactions = ints
                    .into_iter()
                    .map(|(d, s)| Interaction::new(InteractionKind::Note, day(d), s))
                    .collect();
                c.follow_ups = fups
                    .into_iter()
                    .map(|(d, s)| FollowUp::new(FollowUpKind::Other, s, day(d)))
                    .collect();
                c.normalize();
                c
            },
        )
}

fn lowered(list: &[String]) -> Vec<String> {
    let mut out: Vec<String> = list.iter().map(|s| s.trim().to_lowercase()).collect();
    out.sort();
    out.dedup();
    out
}

proptest! {
    #[test]
    fn a_merge_loses_no_email_phone_tag_interaction_or_follow_up(
        a in arb_contact(),
        b in arb_contact(),
        picks in prop::collection::vec(any::<bool>(), 10),
    ) {
        let take: Vec<MergeField> = MergeField::ALL
            .into_iter()
            .zip(&picks)
            .filter(|(_, &p)| p)
            .map(|(f, _)| f)
            .collect();
        let m = merge(&a, &b, &take);
        for email in a.emails.iter().chain(&b.emails) {
            prop_assert!(m.emails.iter().any(|e| e.eq_ignore_ascii_case(email)));
        }
        for phone in a.phones.iter().chain(&b.phones) {
            prop_assert!(m.phones.iter().any(|p| p.trim() == phone.trim()));
        }
        for tag in a.tags.iter().chain(&b.tags) {
            prop_assert!(m.tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()));
        }
        for i in a.interactions.iter().chain(&b.interactions) {
            prop_assert!(m.interactions.iter().any(|x| x.date == i.date && x.summary == i.summary));
        }
        prop_assert_eq!(m.interactions.len(), a.interactions.len() + b.interactions.len());
        prop_assert_eq!(m.follow_ups.len(), a.follow_ups.len() + b.follow_ups.len());
        prop_assert!(m.interactions.windows(2).all(|w| w[0].date >= w[1].date));
        prop_assert!(m.follow_ups.windows(2).all(|w| w[0].due <= w[1].due));
        prop_assert!(m.notes.contains(a.notes.trim()) && m.notes.contains(b.notes.trim()));
    }

    #[test]
    fn merging_is_the_same_whichever_side_is_kept(
        a in arb_contact(),
        b in arb_contact(),
        picks in prop::collection::vec(any::<bool>(), 10),
    ) {
        // The same choice of value for each conflicting field, seen from either side.
        let conflicting = conflicts(&a, &b);
        let from_b: Vec<MergeField> = conflicting
            .iter()
            .zip(&picks)
            .filter(|(_, &p)| p)
            .map(|(f, _)| *f)
            .collect();
        let from_a: Vec<MergeField> = conflicting
            .iter()
            .filter(|f| !from_b.contains(f))
            .copied()
            .collect();
        let ab = merge(&a, &b, &from_b);
        let ba = merge(&b, &a, &from_a);
        for field in MergeField::ALL {
            prop_assert_eq!(field.text(&ab), field.text(&ba), "{:?}", field);
        }
        prop_assert_eq!(lowered(&ab.emails), lowered(&ba.emails));
        prop_assert_eq!(lowered(&ab.phones), lowered(&ba.phones));
        prop_assert_eq!(lowered(&ab.tags), lowered(&ba.tags));
        let dated = |c: &Contact| {
            let mut v: Vec<_> = c.interactions.iter().map(|i| (i.date, i.summary.clone())).collect();
            v.sort();
            v
        };
        prop_assert_eq!(dated(&ab), dated(&ba));
        prop_assert_eq!(ab.follow_ups.len(), ba.follow_ups.len());
        prop_assert_eq!(ab.created_at, ba.created_at);
    }
}
