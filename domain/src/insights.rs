//! Insights on the user's network for Home: the weak ties worth a message today, and a summary of
//! how many ties of each strength there are, how many organizations and events they span, and who
//! was added this month.
//!
//! "The strength of weak ties" (Granovetter): acquaintances bring what close friends cannot, but
//! only while the tie is kept alive. So the ranking puts first the thank-you that is still owed
//! after a recent meeting, then the people past the keep-in-touch rhythm the user chose, then the
//! weak and medium ties the user has not been in touch with for longest.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::book::{fold, Book};
use crate::model::{Cadence, Contact, InteractionKind, TieStrength};

/// How many days after a meeting, chat or call a missing thank-you is still worth sending.
pub const THANK_YOU_DAYS: i64 = 14;

/// How many days without contact make a weak or medium tie worth a message.
pub const QUIET_DAYS: i64 = 30;

/// The built-in template (its key) proposed for a thank-you.
pub const THANK_YOU_TEMPLATE: &str = "thank_you_chat";

/// The built-in template (its key) proposed to check in.
pub const CHECK_IN_TEMPLATE: &str = "check_in";

/// Why someone is worth a message, in order of urgency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A meeting, chat or call `days_ago` days ago, with no thank-you sent since.
    NoThankYou {
        moment: InteractionKind,
        days_ago: i64,
    },
    /// The keep-in-touch date of their cadence passed `days_late` days ago (0: due today).
    PastCadence { cadence: Cadence, days_late: i64 },
    /// A weak or medium tie without contact for `days` days.
    NotInTouch { days: i64 },
}

impl Reason {
    /// The order of the groups: thank-yous first, then cadences, then quiet ties.
    fn rank(self) -> u8 {
        match self {
            Reason::NoThankYou { .. } => 0,
            Reason::PastCadence { .. } => 1,
            Reason::NotInTouch { .. } => 2,
        }
    }

    /// How pressing it is within its group: the longer it has waited, the higher.
    fn waited(self) -> i64 {
        match self {
            Reason::NoThankYou { days_ago, .. } => days_ago,
            Reason::PastCadence { days_late, .. } => days_late,
            Reason::NotInTouch { days } => days,
        }
    }

    /// The reason in plain words: "Met 3 days ago — no thank-you yet", "Past your monthly
    /// check-in by 12 days", "Not in touch for 5 months".
    pub fn text(self) -> String {
        match self {
            Reason::NoThankYou { moment, days_ago } => {
                let what = match moment {
                    InteractionKind::Chat => "Chatted",
                    InteractionKind::Call => "Called",
                    _ => "Met",
                };
                let when = match days_ago {
                    0 => "today".to_string(),
                    1 => "yesterday".to_string(),
                    n => format!("{n} days ago"),
                };
                format!("{what} {when} — no thank-you yet")
            }
            Reason::PastCadence {
                cadence,
                days_late: 0,
            } => format!("Your {} check-in is due today", rhythm(cadence)),
            Reason::PastCadence { cadence, days_late } => format!(
                "Past your {} check-in by {}",
                rhythm(cadence),
                span(days_late)
            ),
            Reason::NotInTouch { days } => format!("Not in touch for {}", span(days)),
        }
    }

    /// The key of the built-in template to start the message from.
    pub fn template(self) -> &'static str {
        match self {
            Reason::NoThankYou { .. } => THANK_YOU_TEMPLATE,
            _ => CHECK_IN_TEMPLATE,
        }
    }
}

/// A cadence as an adjective: "monthly".
fn rhythm(cadence: Cadence) -> &'static str {
    match cadence {
        Cadence::TwoWeeks => "fortnightly",
        Cadence::Month => "monthly",
        Cadence::Quarter => "quarterly",
        Cadence::HalfYear => "half-yearly",
        Cadence::Year => "yearly",
    }
}

/// A number of days in rounded plain words: "1 day", "12 days", "3 weeks", "5 months",
/// "2 years".
pub fn span(days: i64) -> String {
    let (n, unit) = match days {
        ..14 => (days, "day"),
        14..60 => (days / 7, "week"),
        60..730 => (days / 30, "month"),
        _ => (days / 365, "year"),
    };
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// One person worth a message, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorthAMessage {
    pub contact_id: String,
    pub name: String,
    pub reason: Reason,
}

impl WorthAMessage {
    /// The key of the built-in template to start the message from.
    pub fn template(&self) -> &'static str {
        self.reason.template()
    }
}

/// Why `c` is worth a message on `today`, the most urgent reason only; `None` when it is not.
///
/// - A meeting, chat or call (or the day they met) in the last [`THANK_YOU_DAYS`] days with no
///   "Thank-you sent" on or after it: any tie strength.
/// - Past the keep-in-touch cadence ([`Contact::touch_due`]): any tie strength.
/// - A weak or medium tie with no cadence, not in touch for at least [`QUIET_DAYS`] days. A
///   contact with a cadence that is not yet due is left alone: the user chose that rhythm.
pub fn reason(c: &Contact, today: NaiveDate) -> Option<Reason> {
    let moment = c
        .interactions
        .iter()
        .filter(|i| i.kind.warrants_thank_you())
        .map(|i| (i.date, i.kind))
        .chain(c.met_on.map(|d| (d, InteractionKind::Met)))
        .filter(|(d, _)| *d <= today)
        .max_by_key(|(d, _)| *d);
    if let Some((day, kind)) = moment {
        let days_ago = (today - day).num_days();
        let thanked = c
            .interactions
            .iter()
            .any(|i| i.kind == InteractionKind::ThankYouSent && i.date >= day);
        if days_ago <= THANK_YOU_DAYS && !thanked {
            return Some(Reason::NoThankYou {
                moment: kind,
                days_ago,
            });
        }
    }
    if let (Some(cadence), Some(due)) = (c.cadence, c.next_touch_due()) {
        return c.touch_due(today).then(|| Reason::PastCadence {
            cadence,
            days_late: (today - due).num_days(),
        });
    }
    let days = (today - c.last_touch()).num_days();
    (c.tie != TieStrength::Strong && days >= QUIET_DAYS).then_some(Reason::NotInTouch { days })
}

/// The people most worth a message on `today`, at most `limit`, each once: owed thank-yous
/// first, then past cadences, then quiet weak and medium ties ([`reason`]); within a group the one
/// that has waited longest first, then by name and id, so the order is always the same.
pub fn worth_a_message(book: &Book, today: NaiveDate, limit: usize) -> Vec<WorthAMessage> {
    let mut found: Vec<(Reason, String, &Contact)> = book
        .iter()
        .filter_map(|c| reason(c, today).map(|r| (r, fold(c.name.trim()), c)))
        .collect();
    found.sort_unstable_by(|(ra, na, a), (rb, nb, b)| {
        ra.rank()
            .cmp(&rb.rank())
            .then_with(|| rb.waited().cmp(&ra.waited()))
            .then_with(|| na.cmp(nb))
            .then_with(|| a.id.cmp(&b.id))
    });
    found
        .into_iter()
        .take(limit)
        .map(|(reason, _, c)| WorthAMessage {
            contact_id: c.id.clone(),
            name: c.name.clone(),
            reason,
        })
        .collect()
}

/// "Time to get in touch": the contacts past their keep-in-touch cadence on `today`, apart from
/// those `worth` already lists as worth a message, at most `limit`.
pub fn time_to_get_in_touch<'a>(
    book: &'a Book,
    today: NaiveDate,
    worth: &[WorthAMessage],
    limit: usize,
) -> Vec<&'a Contact> {
    book.touch_due(today)
        .into_iter()
        .filter(|c| !worth.iter().any(|w| w.contact_id == c.id))
        .take(limit)
        .collect()
}

/// A count per tie strength.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TieCounts {
    pub weak: usize,
    pub medium: usize,
    pub strong: usize,
}

impl TieCounts {
    fn add(&mut self, tie: TieStrength) {
        match tie {
            TieStrength::Weak => self.weak += 1,
            TieStrength::Medium => self.medium += 1,
            TieStrength::Strong => self.strong += 1,
        }
    }

    /// The count for one tie strength.
    pub fn of(&self, tie: TieStrength) -> usize {
        match tie {
            TieStrength::Weak => self.weak,
            TieStrength::Medium => self.medium,
            TieStrength::Strong => self.strong,
        }
    }

    /// Every tie counted.
    pub fn total(&self) -> usize {
        self.weak + self.medium + self.strong
    }
}

/// The shape of the user's network on a day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkSummary {
    /// Every contact, by tie strength.
    pub ties: TieCounts,
    /// Distinct organizations (ignoring case, accents and extra spaces; blanks left out).
    pub organizations: usize,
    /// Distinct events, i.e. "where met" (compared the same way).
    pub events: usize,
    /// Contacts met this month (up to today), by tie strength: the day they met, or the day they
    /// were added when that is unknown. Someone imported today but met years ago is not new.
    pub this_month: TieCounts,
}

impl NetworkSummary {
    /// This month's change in plain words: "+3 this month (2 weak, 1 medium)", or "No one new
    /// this month".
    pub fn this_month_text(&self) -> String {
        let total = self.this_month.total();
        if total == 0 {
            return "No one new this month".into();
        }
        let parts: Vec<String> = TieStrength::ALL
            .iter()
            .filter(|&&t| self.this_month.of(t) > 0)
            .map(|&t| format!("{} {}", self.this_month.of(t), t.label().to_lowercase()))
            .collect();
        format!("+{total} this month ({})", parts.join(", "))
    }
}

/// A name compared ignoring case, accents and runs of spaces; empty for a blank one.
fn group_key(s: &str) -> String {
    fold(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Counts the ties, organizations and events of the book, and who is new this month (met from
/// the first of `today`'s month up to `today`).
pub fn network_summary(book: &Book, today: NaiveDate) -> NetworkSummary {
    let month_start = today.with_day(1).unwrap_or(today);
    let mut summary = NetworkSummary::default();
    let mut organizations = HashSet::new();
    let mut events = HashSet::new();
    for c in book.iter() {
        summary.ties.add(c.tie);
        if (month_start..=today).contains(&c.met_or_added()) {
            summary.this_month.add(c.tie);
        }
        for (set, text) in [
            (&mut organizations, &c.organization),
            (&mut events, &c.where_met),
        ] {
            let key = group_key(text);
            if !key.is_empty() {
                set.insert(key);
            }
        }
    }
    summary.organizations = organizations.len();
    summary.events = events.len();
    summary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Interaction;
    use crate::template::Builtin;
    use chrono::{DateTime, Duration, TimeZone, Utc};
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(date: NaiveDate) -> DateTime<Utc> {
        Utc.from_utc_datetime(&date.and_hms_opt(12, 0, 0).unwrap())
    }

    fn today() -> NaiveDate {
        d(2026, 6, 15)
    }

    /// A contact created long ago, with this tie.
    fn person(name: &str, tie: TieStrength) -> Contact {
        let mut c = Contact::new(name, at(d(2025, 1, 1)));
        c.id = name.to_lowercase();
        c.tie = tie;
        c
    }

    fn log(c: &mut Contact, kind: InteractionKind, date: NaiveDate) {
        c.add_interaction(Interaction::new(kind, date, ""));
    }

    #[test]
    fn time_to_get_in_touch_leaves_out_who_is_worth_a_message() {
        let mut due = Vec::new();
        for name in ["Ana", "Ben", "Cy"] {
            let mut c = person(name, TieStrength::Strong);
            c.cadence = Some(crate::model::Cadence::ALL[0]);
            log(&mut c, InteractionKind::Call, d(2025, 1, 1));
            due.push(c);
        }
        let book = Book::from_contacts(due);
        let all = time_to_get_in_touch(&book, today(), &[], 10);
        assert_eq!(all.len(), 3);
        let worth = [WorthAMessage {
            contact_id: "ben".into(),
            name: "Ben".into(),
            reason: reason(book.get("ben").unwrap(), today()).unwrap(),
        }];
        let rest: Vec<&str> = time_to_get_in_touch(&book, today(), &worth, 10)
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert!(!rest.contains(&"ben"));
        assert_eq!(rest.len(), 2);
        assert_eq!(time_to_get_in_touch(&book, today(), &worth, 1).len(), 1);
    }

    fn texts(list: &[WorthAMessage]) -> Vec<(String, String)> {
        list.iter()
            .map(|w| (w.name.clone(), w.reason.text()))
            .collect()
    }

    #[test]
    fn the_proposed_templates_are_built_ins() {
        assert!(Builtin::by_key(THANK_YOU_TEMPLATE).is_some());
        assert!(Builtin::by_key(CHECK_IN_TEMPLATE).is_some());
    }

    #[test]
    fn spans_in_plain_words() {
        assert_eq!(span(0), "0 days");
        assert_eq!(span(1), "1 day");
        assert_eq!(span(13), "13 days");
        assert_eq!(span(14), "2 weeks");
        assert_eq!(span(59), "8 weeks");
        assert_eq!(span(60), "2 months");
        assert_eq!(span(150), "5 months");
        assert_eq!(span(729), "24 months");
        assert_eq!(span(730), "2 years");
        assert_eq!(span(365 * 7 + 2), "7 years");
    }

    #[test]
    fn reasons_in_plain_words() {
        for (moment, days_ago, text) in [
            (InteractionKind::Met, 3, "Met 3 days ago — no thank-you yet"),
            (InteractionKind::Met, 0, "Met today — no thank-you yet"),
            (
                InteractionKind::Chat,
                1,
                "Chatted yesterday — no thank-you yet",
            ),
            (
                InteractionKind::Call,
                2,
                "Called 2 days ago — no thank-you yet",
            ),
        ] {
            assert_eq!(Reason::NoThankYou { moment, days_ago }.text(), text);
        }
        for (cadence, days_late, text) in [
            (Cadence::Month, 12, "Past your monthly check-in by 12 days"),
            (Cadence::Quarter, 1, "Past your quarterly check-in by 1 day"),
            (
                Cadence::TwoWeeks,
                0,
                "Your fortnightly check-in is due today",
            ),
        ] {
            assert_eq!(Reason::PastCadence { cadence, days_late }.text(), text);
        }
        assert_eq!(
            Reason::NotInTouch { days: 152 }.text(),
            "Not in touch for 5 months"
        );
        assert_eq!(
            Reason::NotInTouch { days: 40 }.template(),
            CHECK_IN_TEMPLATE
        );
        let met = Reason::NoThankYou {
            moment: InteractionKind::Met,
            days_ago: 1,
        };
        assert_eq!(met.template(), THANK_YOU_TEMPLATE);
    }

    #[test]
    fn ranks_thank_yous_then_cadences_then_quiet_ties() {
        let t = today();
        let ago = |days| t - Duration::days(days);
        // Met 3 days ago, no thank-you.
        let mut fresh = person("Fresh", TieStrength::Weak);
        fresh.met_on = Some(ago(3));
        // Chatted 10 days ago; a thank-you sent before that chat does not count.
        let mut chat = person("Chat", TieStrength::Medium);
        log(&mut chat, InteractionKind::ThankYouSent, ago(40));
        log(&mut chat, InteractionKind::Chat, ago(10));
        // Met 2 days ago and already thanked: not listed.
        let mut thanked = person("Thanked", TieStrength::Weak);
        thanked.met_on = Some(ago(2));
        log(&mut thanked, InteractionKind::ThankYouSent, ago(1));
        // A strong tie past a monthly cadence by 12 days.
        let mut strong = person("Strong", TieStrength::Strong);
        strong.cadence = Some(Cadence::Month);
        strong.met_on = Some(d(2026, 4, 3));
        // Due 06-03.
        log(&mut strong, InteractionKind::Message, d(2026, 5, 3));
        // Quiet weak and medium ties, 5 months and 2 months.
        let mut old = person("Old", TieStrength::Weak);
        old.met_on = Some(ago(152));
        let mut mid = person("Mid", TieStrength::Medium);
        log(&mut mid, InteractionKind::Message, ago(61));
        // A strong tie without cadence, quiet for years: not listed.
        let quiet_strong = person("Quiet strong", TieStrength::Strong);
        // A quiet weak tie whose yearly cadence is not yet due: left alone.
        let mut yearly = person("Yearly", TieStrength::Weak);
        yearly.cadence = Some(Cadence::Year);
        yearly.met_on = Some(ago(100));
        // In touch last week: not listed.
        let mut recent = person("Recent", TieStrength::Weak);
        log(&mut recent, InteractionKind::Message, ago(20));
        log(&mut recent, InteractionKind::Note, ago(7));
        let book = Book::from_contacts(vec![
            recent,
            yearly,
            quiet_strong,
            mid,
            old,
            strong,
            thanked,
            chat,
            fresh,
        ]);
        let list = worth_a_message(&book, t, 10);
        assert_eq!(
            texts(&list),
            vec![
                (
                    "Chat".into(),
                    "Chatted 10 days ago — no thank-you yet".into()
                ),
                ("Fresh".into(), "Met 3 days ago — no thank-you yet".into()),
                (
                    "Strong".into(),
                    "Past your monthly check-in by 12 days".into()
                ),
                ("Old".into(), "Not in touch for 5 months".into()),
                ("Mid".into(), "Not in touch for 2 months".into()),
            ]
        );
        assert_eq!(list[0].template(), THANK_YOU_TEMPLATE);
        assert_eq!(list[2].template(), CHECK_IN_TEMPLATE);
        assert_eq!(list[0].contact_id, "chat");
        // The limit keeps the most urgent.
        assert_eq!(
            worth_a_message(&book, t, 2)
                .iter()
                .map(|w| w.name.as_str())
                .collect::<Vec<_>>(),
            vec!["Chat", "Fresh"]
        );
        assert!(worth_a_message(&book, t, 0).is_empty());
        assert!(worth_a_message(&Book::new(), t, 5).is_empty());
    }

    #[test]
    fn thank_you_window_and_future_dates() {
        let t = today();
        let mut c = person("Ann", TieStrength::Weak);
        c.met_on = Some(t - Duration::days(THANK_YOU_DAYS));
        assert!(matches!(reason(&c, t), Some(Reason::NoThankYou { .. })));
        c.met_on = Some(t - Duration::days(THANK_YOU_DAYS + 1));
        // 15 days: too late for a thank-you, too early to be quiet.
        assert_eq!(reason(&c, t), None);
        // A meeting dated in the future is not a meeting yet.
        c.met_on = Some(t + Duration::days(3));
        assert!(!matches!(reason(&c, t), Some(Reason::NoThankYou { .. })));
        // A thank-you on the day itself counts.
        c.met_on = Some(t);
        log(&mut c, InteractionKind::ThankYouSent, t);
        assert_eq!(reason(&c, t), None);
    }

    #[test]
    fn same_urgency_is_ordered_by_name_then_id() {
        let t = today();
        let mut list = Vec::new();
        for (id, name) in [("b", "Émile"), ("a", "emile"), ("c", "Ada")] {
            let mut c = person(name, TieStrength::Weak);
            c.id = id.into();
            c.met_on = Some(t - Duration::days(40));
            list.push(c);
        }
        let ids: Vec<String> = worth_a_message(&Book::from_contacts(list), t, 5)
            .into_iter()
            .map(|w| w.contact_id)
            .collect();
        assert_eq!(ids, vec!["c", "a", "b"]);
    }

    #[test]
    fn summary_counts_ties_places_and_this_month() {
        let t = today();
        let mut contacts = Vec::new();
        let (weak, medium, strong) = (TieStrength::Weak, TieStrength::Medium, TieStrength::Strong);
        for (name, tie, org, event, created) in [
            ("A", weak, "Acme", "RustConf", d(2026, 5, 31)),
            ("B", weak, " acme ", "rustconf ", d(2026, 6, 1)),
            ("C", medium, "Globex  Corp", "", d(2026, 6, 14)),
            ("D", strong, "globex corp", "Meetup", d(2025, 6, 1)),
            ("E", weak, "", "  ", d(2026, 6, 15)),
            ("F", weak, "Café", "Café Nord", d(2026, 6, 2)),
            ("G", medium, "Cafe", "cafe   nord", d(2024, 1, 1)),
        ] {
            let mut c = Contact::new(name, at(created));
            c.tie = tie;
            c.organization = org.into();
            c.where_met = event.into();
            contacts.push(c);
        }
        // Added this month (imported, say) but met years ago: not new. Added long ago but met
        // this month: new. Met after today (a typo): not counted.
        for (name, created, met) in [
            ("H", d(2026, 6, 10), d(2019, 3, 1)),
            ("I", d(2025, 1, 1), d(2026, 6, 3)),
            ("J", d(2026, 6, 1), d(2026, 7, 1)),
        ] {
            let mut c = Contact::new(name, at(created));
            c.met_on = Some(met);
            contacts.push(c);
        }
        let s = network_summary(&Book::from_contacts(contacts), t);
        assert_eq!(
            s.ties,
            TieCounts {
                weak: 7,
                medium: 2,
                strong: 1
            }
        );
        assert_eq!(s.ties.total(), 10);
        assert_eq!(s.organizations, 3); // acme, globex corp, cafe
        assert_eq!(s.events, 3); // rustconf, meetup, cafe nord
        assert_eq!(
            s.this_month,
            TieCounts {
                weak: 4,
                medium: 1,
                strong: 0
            }
        );
        assert_eq!(s.this_month_text(), "+5 this month (4 weak, 1 medium)");
        let empty = network_summary(&Book::new(), t);
        assert_eq!(empty, NetworkSummary::default());
        assert_eq!(empty.this_month_text(), "No one new this month");
    }

    fn contact_strategy() -> impl Strategy<Value = Contact> {
        let tie = proptest::sample::select(TieStrength::ALL.to_vec());
        let cadence = proptest::option::of(proptest::sample::select(Cadence::ALL.to_vec()));
        let day = -400i64..30;
        let kinds = proptest::sample::select(InteractionKind::ALL.to_vec());
        (
            0usize..6,
            tie,
            cadence,
            proptest::option::of(day.clone()),
            -800i64..0,
            proptest::collection::vec((kinds, day), 0..4),
        )
            .prop_map(|(name, tie, cadence, met, created, log)| {
                let t = today();
                let mut c = Contact::new(format!("P{name}"), at(t + Duration::days(created)));
                c.tie = tie;
                c.cadence = cadence;
                c.met_on = met.map(|m| t + Duration::days(m));
                for (kind, day) in log {
                    c.add_interaction(Interaction::new(kind, t + Duration::days(day), ""));
                }
                c
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn ranking_is_a_limited_list_without_strong_quiet_ties_or_repeats(
            contacts in proptest::collection::vec(contact_strategy(), 0..30),
            limit in 0usize..8,
            offset in -30i64..30,
        ) {
            let t = today() + Duration::days(offset);
            let book = Book::from_contacts(contacts.clone());
            let list = worth_a_message(&book, t, limit);
            prop_assert!(list.len() <= limit);
            let mut seen = HashSet::new();
            for w in &list {
                prop_assert!(seen.insert(w.contact_id.clone()), "listed twice");
                let c = book.get(&w.contact_id).unwrap();
                prop_assert_eq!(Some(w.reason), reason(c, t));
                if let Reason::NotInTouch { days } = w.reason {
                    prop_assert!(c.tie != TieStrength::Strong, "a strong tie listed as quiet");
                    prop_assert!(days >= QUIET_DAYS);
                }
                if let Reason::PastCadence { .. } = w.reason {
                    prop_assert!(c.touch_due(t));
                }
            }
            // Everyone with a reason is listed, up to the limit.
            let all = book.iter().filter(|c| reason(c, t).is_some()).count();
            prop_assert_eq!(list.len(), all.min(limit));
            // The order does not depend on the order of the contacts.
            let mut reversed = contacts;
            reversed.reverse();
            prop_assert_eq!(&list, &worth_a_message(&Book::from_contacts(reversed), t, limit));
            // The groups come in order.
            prop_assert!(list.windows(2).all(|w| w[0].reason.rank() <= w[1].reason.rank()));
        }
    }
}
