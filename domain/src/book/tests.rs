use super::*;
use crate::model::{Cadence, FollowUpKind, InteractionKind, TieStrength};
use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use std::cmp::Ordering;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(y: i32, m: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, 9, 0, 0).unwrap()
}

fn person(name: &str) -> Contact {
    Contact::new(name, at(2026, 1, 1))
}

fn names(list: &[&Contact]) -> Vec<String> {
    list.iter().map(|c| c.name.clone()).collect()
}

fn text(q: &str) -> Query {
    Query {
        text: q.into(),
        ..Query::default()
    }
}

/// The tests' "today".
fn june15() -> NaiveDate {
    d(2026, 6, 15)
}

fn sample() -> Book {
    let mut ada = person("Ada Lovelace");
    ada.organization = "Analytical Engines".into();
    ada.tags = vec!["Math".into(), "Poetry".into()];
    ada.where_met = "RustConf".into();
    ada.met_on = Some(d(2026, 5, 1));
    ada.tie = TieStrength::Strong;
    let mut emile = person("Émile Zola");
    emile.role = "Writer".into();
    emile.tags = vec!["poetry".into()];
    emile.where_met = "rustconf ".into();
    emile.met_on = Some(d(2026, 6, 1));
    let mut grace = person("grace Hopper");
    grace.notes = "Invented the compiler; loves nanoseconds".into();
    grace.tags = vec!["Navy".into()];
    grace.where_met = "Meetup".into();
    grace.created_at = at(2026, 3, 1);
    let mut soren = person("Søren Kierkegaard");
    soren.how_met = "Over coffee in Copenhagen".into();
    soren.emails = vec!["soren@example.dk".into()];
    Book::from_contacts(vec![ada, emile, grace, soren])
}

#[test]
fn fold_lowercases_and_strips_accents() {
    assert_eq!(fold("Émile Ørsted-Straße"), "emile orsted-strasse");
    assert_eq!(fold("ŁÓDŹ Œuvre Çà"), "lodz oeuvre ca");
    assert_eq!(fold("e\u{301}te\u{301}"), "ete"); // decomposed accents
    assert_eq!(fold("İstanbul"), "istanbul");
    assert_eq!(fold("東京"), "東京");
    assert_eq!(fold("ABC Émile DEF ß GHİ"), "abc emile def ss ghi");
}

proptest! {
    #[test]
    fn fold_reads_runs_of_ascii_as_it_reads_each_character(s in "([A-Za-z0-9 ]{0,5}.?){0,8}") {
        let each: String = s.chars().map(|c| fold(&c.to_string())).collect();
        prop_assert_eq!(fold(&s), each);
    }

    #[test]
    fn fold_lowercases_ascii(s in "[ -~]*") {
        prop_assert_eq!(fold(&s), s.to_ascii_lowercase());
    }
}

#[test]
fn crud() {
    let mut book = Book::new();
    assert!(book.is_empty());
    let a = person("A");
    let b = person("B");
    let (ida, idb) = (a.id.clone(), b.id.clone());
    assert!(book.upsert(a.clone()).is_none());
    assert!(book.upsert(b).is_none());
    assert_eq!(book.len(), 2);
    let mut a2 = a.clone();
    a2.name = "A two".into();
    assert_eq!(book.upsert(a2).unwrap().name, "A");
    assert_eq!(book.len(), 2);
    assert_eq!(book.get(&ida).unwrap().name, "A two");
    assert_eq!(book.remove(&ida).unwrap().name, "A two");
    assert!(book.remove(&ida).is_none());
    assert!(book.get(&ida).is_none());
    assert!(!book.contains(&ida));
    assert_eq!(book.get(&idb).unwrap().name, "B");
    assert_eq!(book.iter().count(), 1);
    assert_eq!(book.into_contacts().len(), 1);
}

#[test]
fn from_contacts_keeps_the_last_duplicate() {
    let a = person("first");
    let mut again = a.clone();
    again.name = "second".into();
    let book: Book = vec![a.clone(), again].into_iter().collect();
    assert_eq!(book.len(), 1);
    assert_eq!(book.get(&a.id).unwrap().name, "second");
}

#[test]
fn a_prepared_search_finds_what_a_lazy_one_finds() {
    let lazy = sample();
    let prepared = sample();
    let mut slices = 1;
    while !prepared.prepare_search(2) {
        slices += 1;
    }
    assert_eq!(slices, prepared.len().div_ceil(2));
    assert!(prepared.prepare_search(2));
    for words in ["emile", "COPENHAGEN", "grace navy", "zzz", ""] {
        assert_eq!(
            names(&prepared.query(&text(words))),
            names(&lazy.query(&text(words))),
            "{words}"
        );
    }
    assert!(!names(&prepared.query(&text("emile"))).is_empty());
}

#[test]
fn update_refreshes_the_search_text() {
    let mut book = sample();
    let id = book.query(&text("grace"))[0].id.clone();
    let proposal = book
        .update(&id, |c| {
            c.organization = "US Navy Reserve".into();
            c.log_interaction(InteractionKind::Chat, june15(), "", june15())
        })
        .unwrap();
    assert!(proposal.is_some());
    assert_eq!(names(&book.query(&text("reserve"))), vec!["grace Hopper"]);
    assert!(book.update("missing", |_| ()).is_none());
    // Changing the id re-keys the contact.
    book.update(&id, |c| c.id = "new-id".into());
    assert!(book.get(&id).is_none());
    assert_eq!(book.get("new-id").unwrap().name, "grace Hopper");
    assert_eq!(book.len(), 4);
}

#[test]
fn text_search_is_case_and_accent_insensitive_and_needs_every_word() {
    let book = sample();
    let q = |s: &str| names(&book.query(&text(s)));
    assert_eq!(q("emile"), vec!["Émile Zola"]);
    assert_eq!(q("ÉMILE"), vec!["Émile Zola"]);
    assert_eq!(q("soren"), vec!["Søren Kierkegaard"]);
    assert_eq!(q("Søren"), vec!["Søren Kierkegaard"]);
    assert_eq!(q("copenhagen"), vec!["Søren Kierkegaard"]); // how met
    assert_eq!(q("example.dk"), vec!["Søren Kierkegaard"]); // email
    assert_eq!(q("compiler"), vec!["grace Hopper"]); // notes
    assert_eq!(q("writer"), vec!["Émile Zola"]); // role
    assert_eq!(q("analytical"), vec!["Ada Lovelace"]); // organization
    assert_eq!(q("poetry"), vec!["Ada Lovelace", "Émile Zola"]); // tags
    assert_eq!(q("rustconf"), vec!["Ada Lovelace", "Émile Zola"]); // where met
    assert_eq!(q("poetry  math"), vec!["Ada Lovelace"]);
    assert_eq!(q("poetry navy"), Vec::<String>::new());
    assert_eq!(q("  ").len(), 4);
}

#[test]
fn filters() {
    let book = sample();
    let run = |q: Query| names(&book.query(&q));
    let strong = Query {
        tie: Some(TieStrength::Strong),
        ..Query::default()
    };
    assert_eq!(run(strong), vec!["Ada Lovelace"]);
    let tag = Query {
        tag: Some("POETRY".into()),
        ..Query::default()
    };
    assert_eq!(run(tag.clone()), vec!["Ada Lovelace", "Émile Zola"]);
    let tag_and_text = Query {
        text: "zola".into(),
        ..tag
    };
    assert_eq!(run(tag_and_text), vec!["Émile Zola"]);
    let event = Query {
        event: Some("RustConf".into()),
        ..Query::default()
    };
    assert_eq!(run(event), vec!["Ada Lovelace", "Émile Zola"]);
    // A tag filter is an exact tag, not a substring.
    let partial = Query {
        tag: Some("poe".into()),
        ..Query::default()
    };
    assert!(run(partial).is_empty());
    assert!(Query::default().is_unfiltered());
    assert!(!text("x").is_unfiltered());
}

#[test]
fn sorts() {
    let book = sample();
    let sorted = |sort| {
        names(&book.query(&Query {
            sort,
            ..Query::default()
        }))
    };
    assert_eq!(
        sorted(Sort::Name),
        vec![
            "Ada Lovelace",
            "Émile Zola",
            "grace Hopper",
            "Søren Kierkegaard"
        ]
    );
    // Met on: Émile 06-01, Ada 05-01, Grace created 03-01, Søren created 01-01.
    assert_eq!(
        sorted(Sort::RecentlyMet),
        vec![
            "Émile Zola",
            "Ada Lovelace",
            "grace Hopper",
            "Søren Kierkegaard"
        ]
    );
    assert_eq!(
        sorted(Sort::LongestWithoutContact),
        vec![
            "Søren Kierkegaard",
            "grace Hopper",
            "Ada Lovelace",
            "Émile Zola"
        ]
    );
    assert_eq!(Sort::default(), Sort::Name);
    assert_eq!(Sort::RecentlyMet.label(), "Recently met");
}

#[test]
fn equal_keys_fall_back_to_name_then_id() {
    let mut a = person("Same");
    a.id = "b".into();
    let mut b = person("same");
    b.id = "a".into();
    let c = person("Other");
    let book = Book::from_contacts(vec![a, b, c]);
    for sort in Sort::ALL {
        let q = Query {
            sort,
            ..Query::default()
        };
        let ids: Vec<&str> = book
            .query(&q)
            .iter()
            .map(|c| c.id.as_str())
            .filter(|id| id.len() == 1)
            .collect();
        assert_eq!(ids, vec!["a", "b"], "{sort:?}");
    }
}

#[test]
fn tags_and_events_for_dropdowns() {
    let book = sample();
    assert_eq!(book.tags(), vec!["Math", "Navy", "Poetry"]);
    assert_eq!(book.events().len(), 2);
    assert_eq!(fold(&book.events()[0]), "meetup");
    assert_eq!(fold(&book.events()[1]), "rustconf");
    assert!(Book::new().tags().is_empty());
}

#[test]
fn due_views() {
    let today = june15();
    let mut a = person("Ann");
    let mut b = person("Bob");
    let c = person("Cy");
    let f = |due, text: &str| FollowUp::new(FollowUpKind::CheckIn, text, due);
    a.add_follow_up(f(d(2026, 6, 20), "a later"));
    a.add_follow_up(f(d(2026, 6, 10), "a overdue"));
    let mut done = f(d(2026, 6, 1), "a done");
    done.complete(today);
    a.add_follow_up(done);
    b.add_follow_up(f(today, "b today"));
    b.add_follow_up(f(d(2026, 6, 10), "b overdue"));
    b.add_follow_up(f(d(2026, 7, 1), "b later"));
    let book = Book::from_contacts(vec![c, b, a]);
    let items = book.follow_ups(today);
    let got: Vec<(&str, &str, Bucket)> = items
        .iter()
        .map(|i| (i.contact_name.as_str(), i.follow_up.text.as_str(), i.bucket))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Ann", "a overdue", Bucket::Overdue),
            ("Bob", "b overdue", Bucket::Overdue),
            ("Bob", "b today", Bucket::Today),
            ("Ann", "a later", Bucket::ThisWeek),
            ("Bob", "b later", Bucket::Later),
        ]
    );
    assert_eq!(book.get(&items[0].contact_id).unwrap().name, "Ann");
    assert_eq!(book.overdue_count(today), 2);
    assert_eq!(book.overdue_count(d(2026, 1, 1)), 0);
}

#[test]
fn touch_due_lists_longest_overdue_first() {
    let today = june15();
    let mut a = person("A month late");
    a.cadence = Some(Cadence::Month);
    a.met_on = Some(d(2026, 4, 15)); // due 05-15
    let mut b = person("B due today");
    b.cadence = Some(Cadence::TwoWeeks);
    b.met_on = Some(d(2026, 6, 1)); // due 06-15
    let mut c = person("C not yet");
    c.cadence = Some(Cadence::Year);
    let mut e = person("E no cadence");
    e.met_on = Some(d(2000, 1, 1));
    let mut f = person("F touched");
    f.cadence = Some(Cadence::Month);
    f.met_on = Some(d(2026, 1, 1));
    f.log_interaction(InteractionKind::Message, d(2026, 6, 1), "", today);
    let book = Book::from_contacts(vec![b, c, e, f, a]);
    assert_eq!(
        names(&book.touch_due(today)),
        vec!["A month late", "B due today"]
    );
}

#[test]
fn recent_and_introduced() {
    let mut book = Book::new();
    let mut ids = Vec::new();
    for (i, name) in ["old", "mid", "new", "newest"].iter().enumerate() {
        let c = Contact::new(*name, at(2026, 1, 1) + Duration::days(i as i64));
        ids.push(c.id.clone());
        book.upsert(c);
    }
    assert_eq!(names(&book.recent(2)), vec!["newest", "new"]);
    assert_eq!(names(&book.recent(10)), vec!["newest", "new", "mid", "old"]);
    assert!(book.recent(0).is_empty());
    for (who, by) in [(1, 0), (3, 0), (2, 1)] {
        book.update(&ids[who], |c| c.introduced_by = Some(ids[by].clone()));
    }
    assert_eq!(names(&book.introduced(&ids[0])), vec!["mid", "newest"]);
    assert_eq!(names(&book.introduced(&ids[1])), vec!["new"]);
    assert!(book.introduced(&ids[3]).is_empty());
    assert_eq!(names(&book.by_name()), vec!["mid", "new", "newest", "old"]);
}

/// A deterministic generated contact list.
fn generated(n: usize, seed: u64) -> Vec<Contact> {
    const FIRST: [&str; 8] = [
        "Ana", "Björn", "Chloé", "Dev", "Eun", "Farid", "Gosia", "Hélène",
    ];
    const LAST: [&str; 8] = [
        "Ng", "Müller", "Okafor", "Silva", "Łukasz", "Dubois", "Kim", "Rossi",
    ];
    const ORGS: [&str; 5] = ["Acme", "Globex", "Initech", "Umbrella", ""];
    const TAGS: [&str; 6] = ["rust", "design", "hiring", "Café", "mentor", "RUST"];
    const EVENTS: [&str; 4] = ["RustConf", "Meetup", "Café Nord", ""];
    let mut rng = rand_pcg::Pcg64::seed_from_u64(seed);
    (0..n)
        .map(|i| {
            let name = format!(
                "{} {}",
                FIRST[rng.random_range(0..FIRST.len())],
                LAST[rng.random_range(0..LAST.len())]
            );
            let mut c = Contact::new(
                name,
                at(2024, 1, 1) + Duration::hours(rng.random_range(0..20_000)),
            );
            c.id = format!("c{i:05}");
            c.organization = ORGS[rng.random_range(0..ORGS.len())].into();
            c.where_met = EVENTS[rng.random_range(0..EVENTS.len())].into();
            c.tie = TieStrength::ALL[rng.random_range(0..3)];
            for _ in 0..rng.random_range(0..3) {
                c.tags.push(TAGS[rng.random_range(0..TAGS.len())].into());
            }
            if rng.random_bool(0.7) {
                c.met_on = Some(d(2024, 1, 1) + Duration::days(rng.random_range(0..900)));
            }
            if rng.random_bool(0.5) {
                c.cadence = Some(Cadence::ALL[rng.random_range(0..5)]);
            }
            for _ in 0..rng.random_range(0..4) {
                let day = d(2024, 1, 1) + Duration::days(rng.random_range(0..900));
                let kind = InteractionKind::ALL[rng.random_range(0..6)];
                if let Some(p) = c.log_interaction(kind, day, "talked", d(2026, 6, 15)) {
                    if rng.random_bool(0.5) {
                        c.add_follow_up(p);
                    }
                }
            }
            c.notes = format!("note {i}");
            c
        })
        .collect()
}

#[test]
fn ten_thousand_contacts() {
    let book = Book::from_contacts(generated(10_000, 7));
    assert_eq!(book.len(), 10_000);
    let today = june15();
    assert_eq!(book.query(&Query::default()).len(), 10_000);
    let q = Query {
        text: "helene rust".into(),
        tie: Some(TieStrength::Weak),
        tag: None,
        event: None,
        sort: Sort::LongestWithoutContact,
    };
    let hits = book.query(&q);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|c| c.name.starts_with("Hélène")));
    assert!(hits
        .windows(2)
        .all(|w| w[0].last_touch() <= w[1].last_touch()));
    assert_eq!(book.query(&text("note 9999")).len(), 1);
    assert_eq!(
        book.tags(),
        vec!["Café", "design", "hiring", "mentor", "rust"]
    );
    assert_eq!(book.events(), vec!["Café Nord", "Meetup", "RustConf"]);
    let due = book.follow_ups(today);
    assert!(due
        .windows(2)
        .all(|w| w[0].follow_up.due <= w[1].follow_up.due));
    assert_eq!(
        book.overdue_count(today),
        due.iter().filter(|i| i.bucket == Bucket::Overdue).count()
    );
    assert!(!book.touch_due(today).is_empty());
    assert_eq!(book.recent(20).len(), 20);
}

fn query_strategy() -> impl Strategy<Value = Query> {
    let words = proptest::sample::select(vec![
        "", "ana", "HÉLÈNE", "rust", "acme", "cafe", "ng ana", "x", "note 1", "mül",
    ]);
    let tie = proptest::option::of(proptest::sample::select(TieStrength::ALL.to_vec()));
    let tag = proptest::option::of(proptest::sample::select(vec!["rust", "Café", "nope"]));
    let event = proptest::option::of(proptest::sample::select(vec!["RustConf", "meetup", ""]));
    let sort = proptest::sample::select(Sort::ALL.to_vec());
    (words, tie, tag, event, sort).prop_map(|(w, tie, tag, event, sort)| Query {
        text: w.to_string(),
        tie,
        tag: tag.map(str::to_string),
        event: event.map(str::to_string),
        sort,
    })
}

fn matches(c: &Contact, q: &Query) -> bool {
    let hay = fold(&format!(
        "{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}",
        c.name,
        c.organization,
        c.role,
        c.notes,
        c.where_met,
        c.how_met,
        c.tags.join("\n"),
        c.emails.join("\n")
    ));
    q.tie.is_none_or(|t| c.tie == t)
        && q.tag
            .as_ref()
            .is_none_or(|t| c.tags.iter().any(|x| fold(x.trim()) == fold(t.trim())))
        && q.event
            .as_ref()
            .is_none_or(|e| fold(c.where_met.trim()) == fold(e.trim()))
        && fold(&q.text).split_whitespace().all(|w| hay.contains(w))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn query_returns_exactly_the_matches_in_order(seed in any::<u64>(), q in query_strategy()) {
        let contacts = generated(150, seed);
        let book = Book::from_contacts(contacts.clone());
        let hits = book.query(&q);
        let expected = contacts.iter().filter(|c| matches(c, &q)).count();
        prop_assert_eq!(hits.len(), expected);
        prop_assert!(hits.iter().all(|c| matches(c, &q)));
        let key = |c: &Contact| (fold(c.name.trim()), c.id.clone());
        for w in hits.windows(2) {
            let (a, b) = (w[0], w[1]);
            let ord = match q.sort {
                Sort::Name => Ordering::Equal,
                Sort::RecentlyMet => {
                    let met = |c: &Contact| c.met_on.unwrap_or(c.created_at.date_naive());
                    met(b).cmp(&met(a))
                }
                Sort::LongestWithoutContact => a.last_touch().cmp(&b.last_touch()),
            };
            prop_assert!(ord.then_with(|| key(a).cmp(&key(b))) == Ordering::Less);
        }
    }

    #[test]
    fn a_page_of_results_is_the_start_of_all_of_them(
        seed in any::<u64>(), q in query_strategy(), limit in 0usize..200,
    ) {
        let book = Book::from_contacts(generated(150, seed));
        let all = book.query(&q);
        let (total, page) = book.query_first(&q, limit);
        prop_assert_eq!(total, all.len());
        prop_assert_eq!(page.as_slice(), &all[..limit.min(all.len())]);
    }

    #[test]
    fn empty_text_returns_everyone(seed in any::<u64>(), n in 0usize..60, sort in proptest::sample::select(Sort::ALL.to_vec())) {
        let book = Book::from_contacts(generated(n, seed));
        let q = Query { text: " ".into(), sort, ..Query::default() };
        prop_assert_eq!(book.query(&q).len(), n);
    }

    #[test]
    fn upsert_and_remove_keep_the_index_consistent(
        ops in proptest::collection::vec((any::<bool>(), 0usize..12), 0..60)
    ) {
        let mut book = Book::new();
        let mut model: BTreeMap<String, String> = BTreeMap::new();
        for (step, (insert, k)) in ops.into_iter().enumerate() {
            let id = format!("id{k}");
            if insert {
                let mut c = person(&format!("n{step}"));
                c.id = id.clone();
                book.upsert(c);
                model.insert(id, format!("n{step}"));
            } else {
                prop_assert_eq!(book.remove(&id).map(|c| c.name), model.remove(&id));
            }
            prop_assert_eq!(book.len(), model.len());
            for (id, name) in &model {
                prop_assert_eq!(&book.get(id).unwrap().name, name);
            }
        }
    }

    #[test]
    fn the_tally_follows_every_change(
        ops in proptest::collection::vec(
            (any::<bool>(), 0usize..8, proptest::option::of(0usize..8), 0i64..6, 0i64..6, 0u8..4),
            0..60,
        ),
        today_offset in 0i64..8,
    ) {
        let mut book = Book::new();
        let day0 = d(2026, 6, 1);
        let today = day0 + Duration::days(today_offset);
        for (step, (insert, k, by, created, updated, follow_ups)) in ops.into_iter().enumerate() {
            let id = format!("id{k}");
            if insert {
                let mut c = person(&format!("n{step}"));
                c.id = id.clone();
                c.introduced_by = by.map(|b| format!("id{b}"));
                c.created_at = at(2026, 1, 1) + Duration::days(created);
                c.updated_at = at(2026, 1, 1) + Duration::days(updated);
                for n in 0..follow_ups {
                    let mut f = FollowUp::new(FollowUpKind::CheckIn, "", day0 + Duration::days(i64::from(n) * 3 - 2 + created));
                    if n == 2 {
                        f.complete(today);
                    }
                    c.follow_ups.push(f);
                }
                book.upsert(c);
            } else {
                book.remove(&id);
            }
            let overdue = book.iter().flat_map(|c| &c.follow_ups).filter(|f| f.is_overdue(today)).count();
            prop_assert_eq!(book.overdue_count(today), overdue);
            let first = book.iter().map(|c| c.created_at).min();
            let last = book.iter().map(|c| c.updated_at).max();
            prop_assert_eq!(book.changes().map(|c| (c.first, c.last)), first.zip(last));
            for k in 0..8 {
                let id = format!("id{k}");
                let mut expected: Vec<&Contact> = book
                    .iter()
                    .filter(|c| c.introduced_by.as_deref() == Some(id.as_str()) && c.id != id)
                    .collect();
                expected.sort_by_key(|c| (fold(c.name.trim()), c.id.clone()));
                prop_assert_eq!(names(&book.introduced(&id)), names(&expected));
            }
        }
    }

    #[test]
    fn follow_up_buckets_match_due_dates(seed in any::<u64>(), offset in -400i64..400) {
        let book = Book::from_contacts(generated(80, seed));
        let today = june15() + Duration::days(offset);
        let items = book.follow_ups(today);
        prop_assert!(items.iter().all(|i| i.follow_up.is_open() && i.bucket == i.follow_up.bucket(today)));
        prop_assert!(items.windows(2).all(|w| w[0].bucket <= w[1].bucket));
        let touch = book.touch_due(today);
        prop_assert!(touch.iter().all(|c| c.touch_due(today)));
        prop_assert_eq!(touch.len(), book.iter().filter(|c| c.touch_due(today)).count());
        prop_assert!(touch.windows(2).all(|w| w[0].next_touch_due() <= w[1].next_touch_due()));
    }
}
