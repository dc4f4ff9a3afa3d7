use super::*;
use crate::model::{new_id, Contact, InteractionKind};
use chrono::{NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

#[test]
fn a_thank_you_logs_a_thank_you_and_other_messages_log_a_message() {
    let kind = |key: &str| {
        BUILTINS
            .iter()
            .find(|b| b.key == key)
            .unwrap()
            .to_template("x".into())
            .sent_kind()
    };
    assert_eq!(kind("thank_you_chat"), InteractionKind::ThankYouSent);
    assert_eq!(kind("after_event"), InteractionKind::ThankYouSent);
    assert_eq!(kind("acted_on_advice"), InteractionKind::Message);
    assert_eq!(kind("ask_introduction"), InteractionKind::Message);
    assert_eq!(kind("check_in"), InteractionKind::Message);
    let own = |name: &str, subject: &str| Template::new(name, subject, "Hi").sent_kind();
    assert_eq!(own("Thanks, mentor", ""), InteractionKind::ThankYouSent);
    assert_eq!(
        own("After the panel", "THANK YOU for your time"),
        InteractionKind::ThankYouSent
    );
    assert_eq!(
        own("Quarterly hello", "How are things?"),
        InteractionKind::Message
    );
}

fn contact(name: &str) -> Contact {
    Contact::new(name, Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap())
}

fn me() -> Me {
    Me {
        name: "Sam Lee".into(),
        signature: "Sam Lee\nJunior designer".into(),
        ..Me::default()
    }
}

fn field(name: &str, default: Option<&str>, known: bool) -> Segment {
    Segment::Field {
        name: name.into(),
        default: default.map(Into::into),
        known,
    }
}

fn text(s: &str) -> Segment {
    Segment::Text(s.into())
}

#[test]
fn fills_values_from_a_contact_and_me() {
    let mut c = contact("Ana María López");
    c.organization = "Acme".into();
    c.role = "Head of Design".into();
    c.where_met = "UX Night".into();
    c.met_on = NaiveDate::from_ymd_opt(2026, 3, 12);
    let v = Values::from_contact(&c, &me()).with("topic", "design systems");
    let filled = fill(
        "Hi {{first_name}} ({{full_name}}, {{role}} at {{organization}}), \
         we met at {{event}} on {{date_met}} and talked about {{topic}}.\n{{my_name}}\n{{my_signature}}",
        &v,
    );
    assert_eq!(
        filled.to_text(),
        "Hi Ana (Ana María López, Head of Design at Acme), we met at UX Night on \
         12 March 2026 and talked about design systems.\nSam Lee\nSam Lee\nJunior designer"
    );
    assert!(filled.is_complete());
    assert!(filled.missing().is_empty());
}

#[test]
fn first_name_is_the_first_word() {
    assert_eq!(first_name("Ana María López"), "Ana");
    assert_eq!(first_name("  Ana  "), "Ana");
    assert_eq!(first_name(""), "");
    let v = Values::from_contact(&contact("Ana María López"), &Me::default());
    assert_eq!(v.get("first_name"), Some("Ana"));
    assert_eq!(v.get("full_name"), Some("Ana María López"));
}

#[test]
fn dates_are_plain_english() {
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(format_date(d(2026, 3, 12)), "12 March 2026");
    assert_eq!(format_date(d(2025, 1, 1)), "1 January 2025");
    assert_eq!(format_date(d(2024, 12, 31)), "31 December 2024");
}

#[test]
fn date_met_falls_back_to_the_first_met_on_the_timeline() {
    use crate::model::Interaction;
    let mut c = contact("Ana");
    for (day, kind) in [
        (20, InteractionKind::Met),
        (5, InteractionKind::Chat),
        (9, InteractionKind::Met),
    ] {
        c.interactions.push(Interaction {
            id: new_id(),
            date: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
            kind,
            summary: String::new(),
        });
    }
    let v = Values::from_contact(&c, &Me::default());
    assert_eq!(v.get("date_met"), Some("9 March 2026"));
    c.met_on = NaiveDate::from_ymd_opt(2026, 2, 2);
    let v = Values::from_contact(&c, &Me::default());
    assert_eq!(v.get("date_met"), Some("2 February 2026"));
}

#[test]
fn defaults_apply_only_without_a_value() {
    let t = "Hi {{first_name|there}},";
    assert_eq!(fill(t, &Values::new()).to_text(), "Hi there,");
    let v = Values::new().with("first_name", "Ana");
    assert_eq!(fill(t, &v).to_text(), "Hi Ana,");
    // A blank value counts as none.
    let v = Values::new().with("first_name", "   ");
    assert_eq!(fill(t, &v).to_text(), "Hi there,");
    // An empty default makes a placeholder optional.
    let f = fill("At{{ organization | }}.", &Values::new());
    assert_eq!(f.to_text(), "At.");
    assert!(f.is_complete());
}

#[test]
fn missing_placeholders_are_marked_not_dropped() {
    let f = fill(
        "Hi {{first_name}}, thanks for {{advice}} and {{advice}}. {{custom}}",
        &Values::new().with("first_name", "Ana"),
    );
    assert_eq!(
        f.missing(),
        vec!["advice".to_string(), "custom".to_string()]
    );
    assert!(!f.is_complete());
    assert_eq!(
        f.to_text(),
        "Hi Ana, thanks for [advice] and [advice]. [custom]"
    );
    let f = fill("{{referred_person}} {{first_name}}", &Values::new());
    assert_eq!(f.to_text(), "[referred person] [first name]");
    assert_eq!(
        f.segments[0],
        FilledSegment::Missing {
            name: "referred_person".into()
        }
    );
}

#[test]
fn unknown_placeholders_are_listed_once_in_order() {
    assert_eq!(
        unknown_placeholders("{{frist_name}} {{first_name}} {{ company }} {{frist_name|x}}"),
        vec!["frist_name".to_string(), "company".to_string()]
    );
    assert!(unknown_placeholders("Hi {{ First Name }} {{my-name}}").is_empty());
    // Unknown placeholders can still be filled by an override, or take their default.
    let v = Values::new().with("company news", "the launch");
    assert_eq!(
        fill("{{company news}} / {{other|fine}}", &v).to_text(),
        "the launch / fine"
    );
}

#[test]
fn whitespace_inside_braces_is_tolerated() {
    assert_eq!(
        parse("{{ first_name }}{{\tfirst_name\n| there }}{{  topic|  }}"),
        vec![
            field("first_name", None, true),
            field("first_name", Some("there"), true),
            field("topic", Some(""), true),
        ]
    );
    let v = Values::new().with("first_name", "Ana");
    assert_eq!(fill("Hi {{  first_name  }}!", &v).to_text(), "Hi Ana!");
}

#[test]
fn names_are_lenient_about_case_and_separators() {
    assert_eq!(
        parse("{{First_Name}}{{first name}}{{FIRST-NAME}}"),
        vec![field("first_name", None, true); 3]
    );
}

#[test]
fn unterminated_and_malformed_braces_are_literal() {
    assert_eq!(parse("Hi {{first_name"), vec![text("Hi {{first_name")]);
    assert_eq!(parse("{{"), vec![text("{{")]);
    assert_eq!(parse("}}"), vec![text("}}")]);
    assert_eq!(parse("{{}}"), vec![text("{{}}")]);
    assert_eq!(parse("{{ | x }}"), vec![text("{{ | x }}")]);
    assert_eq!(parse("{{two\nlines}}"), vec![text("{{two\nlines}}")]);
    assert_eq!(
        parse("{{first_name}} and {{"),
        vec![field("first_name", None, true), text(" and {{")]
    );
    assert_eq!(
        parse("a {{ b {{first_name}} c"),
        vec![text("a {{ b "), field("first_name", None, true), text(" c")]
    );
    assert_eq!(
        parse("{{{first_name}}}"),
        vec![text("{"), field("first_name", None, true), text("}")]
    );
    assert_eq!(
        fill("Hi {{first_name", &Values::new().with("first_name", "Ana")).to_text(),
        "Hi {{first_name"
    );
}

#[test]
fn values_are_never_expanded_twice() {
    let nasty = "{{first_name}} <img src=x onerror=alert(1)> {{my_name|x}}";
    let mut c = contact("Ana");
    c.organization = nasty.into();
    let v = Values::from_contact(&c, &me()).with("advice", nasty);
    let f = fill("{{organization}}|{{advice}}|{{first_name}}", &v);
    assert_eq!(f.to_text(), format!("{nasty}|{nasty}|Ana"));
    assert_eq!(
        f.segments[0],
        FilledSegment::Value {
            name: "organization".into(),
            text: nasty.into()
        }
    );
    // Defaults are literal too.
    let f = fill("{{topic|<b>{first_name}</b>}}", &v);
    assert_eq!(f.to_text(), "<b>{first_name}</b>");
}

#[test]
fn every_placeholder_has_a_unique_key_label_and_description() {
    for (i, p) in Placeholder::ALL.iter().enumerate() {
        assert_eq!(Placeholder::from_key(p.key()), Some(*p));
        assert!(!p.label().is_empty() && !p.description().is_empty());
        assert_eq!(parse(&p.token()), vec![field(p.key(), None, true)]);
        for q in &Placeholder::ALL[i + 1..] {
            assert_ne!(p.key(), q.key());
            assert_ne!(p.label(), q.label());
        }
    }
}

#[test]
fn fill_blanks_keeps_what_has_a_value() {
    let mut mine = Me {
        name: "Sam".into(),
        email: " ".into(),
        ..Me::default()
    };
    mine.fill_blanks(Me {
        name: "Other".into(),
        email: "sam@example.org".into(),
        phone: "+1 555 0100".into(),
        ..Me::default()
    });
    assert_eq!(
        mine,
        Me {
            name: "Sam".into(),
            email: "sam@example.org".into(),
            phone: "+1 555 0100".into(),
            ..Me::default()
        }
    );
}

#[test]
fn signature_falls_back_to_my_name() {
    let v = Values::from_me(&Me {
        name: "Sam".into(),
        signature: "  ".into(),
        ..Me::default()
    });
    assert_eq!(v.get("my_signature"), Some("Sam"));
    assert_eq!(Values::from_me(&Me::default()).get("my_signature"), None);
}

#[test]
fn builtins_are_well_formed() {
    for (i, b) in BUILTINS.iter().enumerate() {
        assert!(!b.subject.is_empty() && !b.body.is_empty(), "{}", b.key);
        assert!(unknown_placeholders(b.subject).is_empty(), "{}", b.key);
        assert!(unknown_placeholders(b.body).is_empty(), "{}", b.key);
        assert!(b.body.contains("{{my_signature}}"), "{}", b.key);
        for c in &BUILTINS[i + 1..] {
            assert_ne!(b.key, c.key);
            assert_ne!(b.name, c.name);
        }
    }
    let intro = Builtin::by_key("ask_introduction").unwrap();
    assert!(intro.body.contains("May I tell them that you referred me?"));
}

#[test]
fn builtins_fill_completely_with_a_full_contact() {
    let mut c = contact("Ana María López");
    c.organization = "Acme".into();
    c.where_met = "UX Night".into();
    let v = Values::from_contact(&c, &me())
        .with("topic", "design careers")
        .with("advice", "join the local design meetup")
        .with("referred_person", "Priya");
    for t in TemplateSet::with_builtins().templates {
        let m = fill_template(&t, &v);
        assert!(m.is_complete(), "{}: {:?}", t.name, m.missing());
        assert!(m.body_text().starts_with("Hi Ana,"), "{}", t.name);
        assert!(!m.subject_text().contains(['[', '{', '\n']));
    }
    // Without per-message values, the ones with no default are flagged.
    let t = TemplateSet::with_builtins()
        .templates
        .into_iter()
        .find(|t| t.builtin_key.as_deref() == Some("ask_introduction"))
        .unwrap();
    let m = fill_template(&t, &Values::from_contact(&c, &me()));
    assert_eq!(m.missing(), vec!["referred_person".to_string()]);
    assert!(m.subject_text().contains("[referred person]"));
}

#[test]
fn subject_text_is_one_line() {
    let t = Template::new("x", "Hello {{my_signature}}", "");
    let m = fill_template(&t, &Values::from_me(&me()));
    assert_eq!(m.subject_text(), "Hello Sam Lee Junior designer");
}

#[test]
fn a_new_set_holds_the_builtins() {
    let set = TemplateSet::default();
    assert_eq!(set.templates.len(), BUILTINS.len());
    for (t, b) in set.templates.iter().zip(BUILTINS.iter()) {
        assert_eq!(t.builtin(), Some(b));
        assert!(!t.is_edited_builtin());
        assert_eq!(t.id, b.default_id());
    }
    assert!(!set.can_restore_builtins());
    assert_eq!(TemplateSet::default(), TemplateSet::with_builtins());
}

#[test]
fn add_edit_duplicate_delete() {
    let mut set = TemplateSet::with_builtins();
    let id = set.add("Mine", "Hello", "Hi {{first_name}}");
    assert_eq!(set.templates.last().unwrap().id, id);
    assert_eq!(set.get(&id).unwrap().builtin_key, None);

    assert!(set.edit(&id, "Mine ", "Hello again", "Body "));
    let t = set.get(&id).unwrap();
    assert_eq!(
        (t.name.as_str(), t.subject.as_str()),
        ("Mine ", "Hello again")
    );
    assert_eq!(t.body, "Body ");
    assert!(!set.edit("nope", "a", "b", "c"));

    let first = set.templates[0].id.clone();
    let copy = set.duplicate(&first).unwrap();
    assert_eq!(set.templates[1].id, copy);
    let (orig, dup) = (&set.templates[0], &set.templates[1]);
    assert_eq!(dup.name, format!("Copy of {}", orig.name));
    assert_eq!((&dup.subject, &dup.body), (&orig.subject, &orig.body));
    assert_eq!(dup.builtin_key, None);
    assert_ne!(dup.id, orig.id);
    assert_eq!(set.duplicate("nope"), None);

    let removed = set.delete(&copy).unwrap();
    assert_eq!(removed.id, copy);
    assert!(set.get(&copy).is_none());
    assert_eq!(set.delete(&copy), None);
}

#[test]
fn restoring_builtins_keeps_the_users_own_work() {
    let mut set = TemplateSet::with_builtins();
    let own = set.add("Mine", "s", "b");
    let copy = set.duplicate("builtin-check_in").unwrap();
    // Delete one built-in, edit another.
    set.delete("builtin-after_event").unwrap();
    assert!(set.edit(
        "builtin-thank_you_chat",
        "Thank you after a chat",
        "Thanks!",
        "My own words"
    ));
    assert!(set
        .get("builtin-thank_you_chat")
        .unwrap()
        .is_edited_builtin());
    assert!(set.can_restore_builtins());
    let before = set.templates.len();

    let restored = set.restore_builtins();
    assert_eq!(
        restored.kept_as_own,
        vec!["builtin-thank_you_chat".to_string()]
    );
    assert_eq!(restored.readded.len(), 2);
    assert!(restored
        .readded
        .contains(&"builtin-after_event".to_string()));
    assert_eq!(set.templates.len(), before + 2);

    // Every built-in is there, pristine, exactly once.
    for b in &BUILTINS {
        let found: Vec<_> = set
            .templates
            .iter()
            .filter(|t| t.builtin_key.as_deref() == Some(b.key))
            .collect();
        assert_eq!(found.len(), 1, "{}", b.key);
        assert!(!found[0].is_edited_builtin());
    }
    // The edited one is now the user's own, renamed, with the original just before it.
    let edited_pos = set
        .templates
        .iter()
        .position(|t| t.id == "builtin-thank_you_chat")
        .unwrap();
    let edited = &set.templates[edited_pos];
    assert_eq!(edited.builtin_key, None);
    assert_eq!(edited.name, "Thank you after a chat (edited)");
    assert_eq!(edited.body, "My own words");
    assert_eq!(
        set.templates[edited_pos - 1].builtin_key.as_deref(),
        Some("thank_you_chat")
    );
    assert_ne!(set.templates[edited_pos - 1].id, edited.id);
    // The user's own templates are untouched.
    assert_eq!(set.get(&own).unwrap().name, "Mine");
    assert_eq!(
        set.get(&copy).unwrap().name,
        "Copy of Checking in months later"
    );

    // Restoring again changes nothing.
    assert!(!set.can_restore_builtins());
    let again = set.clone();
    assert_eq!(set.restore_builtins(), Restored::default());
    assert_eq!(set, again);
}

#[test]
fn restoring_into_an_empty_set_gives_the_builtins() {
    let mut set = TemplateSet {
        templates: Vec::new(),
        rev: 3,
    };
    set.restore_builtins();
    assert_eq!(
        set,
        TemplateSet {
            rev: 3,
            ..TemplateSet::with_builtins()
        }
    );
}

#[test]
fn a_set_round_trips_through_json() {
    let mut set = TemplateSet::with_builtins();
    set.add("Mine", "s", "b");
    let json = serde_json::to_string(&set).unwrap();
    assert_eq!(serde_json::from_str::<TemplateSet>(&json).unwrap(), set);
    let empty: TemplateSet = serde_json::from_str("{}").unwrap();
    assert!(empty.templates.is_empty());
    let t: Template = serde_json::from_str(r#"{"id":"x","name":"n"}"#).unwrap();
    assert_eq!((t.subject.as_str(), t.builtin_key), ("", None));
}

fn brace_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("{{".to_string()),
            Just("}}".to_string()),
            Just("{".to_string()),
            Just("}".to_string()),
            Just("|".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just("first_name".to_string()),
            Just("é😀".to_string()),
            "[a-z_]{0,4}",
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn parse_never_panics_and_keeps_braceless_text(s in "\\PC*", soup in brace_soup()) {
        let _ = parse(&soup);
        let _ = fill(&soup, &Values::new().with("first_name", "{{first_name}}"));
        let _ = unknown_placeholders(&soup);
        if !s.contains("{{") {
            let expected = if s.is_empty() { vec![] } else { vec![Segment::Text(s.clone())] };
            prop_assert_eq!(parse(&s), expected);
        }
    }

    #[test]
    fn values_come_out_literally(value in "\\PC*", soup in brace_soup()) {
        prop_assume!(!value.trim().is_empty());
        let v = Values::new().with("first_name", value.clone());
        let f = fill(&format!("<{{{{first_name}}}}>{}", soup.replace("{{", "")), &v);
        let expected = format!("<{value}>");
        prop_assert!(f.to_text().starts_with(&expected));
    }

    #[test]
    fn parsing_is_stable(soup in brace_soup()) {
        // Writing the segments back as template text and parsing again gives the same
        // segments: what the editor shows is what filling will use.
        let segments = parse(&soup);
        let rendered: String = segments.iter().map(|s| match s {
            Segment::Text(t) => t.clone(),
            Segment::Field { name, default: None, .. } => format!("{{{{ {name} }}}}"),
            Segment::Field { name, default: Some(d), .. } => format!("{{{{ {name} | {d} }}}}"),
        }).collect();
        prop_assert_eq!(parse(&rendered), segments);
    }
}
