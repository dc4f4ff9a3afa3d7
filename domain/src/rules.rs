//! The rules of the model types: validation and tidying of a contact, the keep-in-touch cadence,
//! follow-up life cycle and due buckets, and logging interactions.
//!
//! Every date here is a calendar date ([`NaiveDate`]): month ends, year ends and leap days are
//! handled by the calendar, and daylight-saving changes cannot shift a due date because no time
//! of day or time zone is involved. The caller decides what "today" is and passes it in.

use std::cmp::Reverse;
use std::fmt;

use chrono::{Days, Months, NaiveDate};

use crate::model::{
    new_id, Cadence, Contact, FollowUp, FollowUpKind, Interaction, InteractionKind, TieStrength,
};

// ---------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------

impl TieStrength {
    /// Every tie strength, weakest first (the order of a picker).
    pub const ALL: [TieStrength; 3] = [TieStrength::Weak, TieStrength::Medium, TieStrength::Strong];

    /// The user-facing name: "Weak", "Medium", "Strong".
    pub fn label(self) -> &'static str {
        match self {
            TieStrength::Weak => "Weak",
            TieStrength::Medium => "Medium",
            TieStrength::Strong => "Strong",
        }
    }
}

impl InteractionKind {
    /// Every interaction kind, in the order of a picker.
    pub const ALL: [InteractionKind; 6] = [
        InteractionKind::Met,
        InteractionKind::Chat,
        InteractionKind::Call,
        InteractionKind::Message,
        InteractionKind::ThankYouSent,
        InteractionKind::Note,
    ];

    /// The user-facing name: "Met", "Chat", "Call", "Message", "Thank-you sent", "Note".
    pub fn label(self) -> &'static str {
        match self {
            InteractionKind::Met => "Met",
            InteractionKind::Chat => "Chat",
            InteractionKind::Call => "Call",
            InteractionKind::Message => "Message",
            InteractionKind::ThankYouSent => "Thank-you sent",
            InteractionKind::Note => "Note",
        }
    }

    /// Whether this kind of moment deserves a thank-you: a meeting, a chat or a call.
    pub fn warrants_thank_you(self) -> bool {
        matches!(
            self,
            InteractionKind::Met | InteractionKind::Chat | InteractionKind::Call
        )
    }
}

impl FollowUpKind {
    /// Every follow-up kind, in the order of a picker.
    pub const ALL: [FollowUpKind; 5] = [
        FollowUpKind::ThankYou,
        FollowUpKind::CheckIn,
        FollowUpKind::Introduction,
        FollowUpKind::SendSomething,
        FollowUpKind::Other,
    ];

    /// The user-facing name: "Thank-you", "Check in", "Introduction", "Send something", "Other".
    pub fn label(self) -> &'static str {
        match self {
            FollowUpKind::ThankYou => "Thank-you",
            FollowUpKind::CheckIn => "Check in",
            FollowUpKind::Introduction => "Introduction",
            FollowUpKind::SendSomething => "Send something",
            FollowUpKind::Other => "Other",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Cadence
// ---------------------------------------------------------------------------------------------

impl Cadence {
    /// Every cadence, shortest first (the order of a picker).
    pub const ALL: [Cadence; 5] = [
        Cadence::TwoWeeks,
        Cadence::Month,
        Cadence::Quarter,
        Cadence::HalfYear,
        Cadence::Year,
    ];

    /// The user-facing name: "Every 2 weeks", "Every month", "Every 3 months", "Every 6 months",
    /// "Every year".
    pub fn label(self) -> &'static str {
        match self {
            Cadence::TwoWeeks => "Every 2 weeks",
            Cadence::Month => "Every month",
            Cadence::Quarter => "Every 3 months",
            Cadence::HalfYear => "Every 6 months",
            Cadence::Year => "Every year",
        }
    }

    /// The date one period after `date`. Two weeks is 14 days; the others step calendar months
    /// and clamp to the end of a shorter month (Jan 31 + 1 month = Feb 28 or 29,
    /// Feb 29 + 1 year = Feb 28). Saturates at the last representable date.
    pub fn after(self, date: NaiveDate) -> NaiveDate {
        let next = match self {
            Cadence::TwoWeeks => date.checked_add_days(Days::new(14)),
            Cadence::Month => date.checked_add_months(Months::new(1)),
            Cadence::Quarter => date.checked_add_months(Months::new(3)),
            Cadence::HalfYear => date.checked_add_months(Months::new(6)),
            Cadence::Year => date.checked_add_months(Months::new(12)),
        };
        next.unwrap_or(NaiveDate::MAX)
    }
}

// ---------------------------------------------------------------------------------------------
// Follow-ups
// ---------------------------------------------------------------------------------------------

/// Where a follow-up's due date falls relative to today; the sections of the follow-ups list,
/// in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Bucket {
    /// Due before today.
    Overdue,
    /// Due today.
    Today,
    /// Due in the six days after today.
    ThisWeek,
    /// Due a week or more from today.
    Later,
}

impl Bucket {
    /// Every bucket, in display order.
    pub const ALL: [Bucket; 4] = [
        Bucket::Overdue,
        Bucket::Today,
        Bucket::ThisWeek,
        Bucket::Later,
    ];

    /// The section heading: "Overdue", "Today", "This week", "Later".
    pub fn label(self) -> &'static str {
        match self {
            Bucket::Overdue => "Overdue",
            Bucket::Today => "Today",
            Bucket::ThisWeek => "This week",
            Bucket::Later => "Later",
        }
    }

    /// The bucket of a due date on `today`.
    pub fn of(due: NaiveDate, today: NaiveDate) -> Bucket {
        if due < today {
            Bucket::Overdue
        } else if due == today {
            Bucket::Today
        } else if due <= add_days(today, 6) {
            Bucket::ThisWeek
        } else {
            Bucket::Later
        }
    }
}

/// `date` plus `days`, saturating at the last representable date.
fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

impl FollowUp {
    /// A new open follow-up with a fresh id.
    pub fn new(kind: FollowUpKind, text: impl Into<String>, due: NaiveDate) -> Self {
        FollowUp {
            id: new_id(),
            kind,
            text: text.into(),
            due,
            done_on: None,
        }
    }

    /// Whether it still has to be done.
    pub fn is_open(&self) -> bool {
        self.done_on.is_none()
    }

    /// Marks it done on `today`. An item that is already done keeps its original done date.
    pub fn complete(&mut self, today: NaiveDate) {
        if self.done_on.is_none() {
            self.done_on = Some(today);
        }
    }

    /// Marks it open again.
    pub fn reopen(&mut self) {
        self.done_on = None;
    }

    /// Puts it off: the new due date is `max(due, today) + days`, so snoozing an overdue item by
    /// one day makes it due tomorrow. `days` of 0 counts as 1: a snooze always lands after today.
    pub fn snooze(&mut self, days: u32, today: NaiveDate) {
        self.due = add_days(self.due.max(today), u64::from(days.max(1)));
    }

    /// Where its due date falls relative to `today`.
    pub fn bucket(&self, today: NaiveDate) -> Bucket {
        Bucket::of(self.due, today)
    }

    /// Whether it is open and due before `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due < today
    }
}

impl Interaction {
    /// A new interaction with a fresh id.
    pub fn new(kind: InteractionKind, date: NaiveDate, summary: impl Into<String>) -> Self {
        Interaction {
            id: new_id(),
            date,
            kind,
            summary: summary.into(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/// A field of the contact form, named by validation errors so the form can show each message
/// next to its field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    Role,
    Organization,
    Emails,
    Phones,
    Linkedin,
    Links,
    WhereMet,
    MetOn,
    HowMet,
    IntroducedBy,
    Tie,
    Tags,
    Notes,
    Cadence,
}

impl Field {
    /// The form label of the field: "Name", "Emails", "LinkedIn"...
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Role => "Role",
            Field::Organization => "Organization",
            Field::Emails => "Emails",
            Field::Phones => "Phones",
            Field::Linkedin => "LinkedIn",
            Field::Links => "Links",
            Field::WhereMet => "Where met",
            Field::MetOn => "Met on",
            Field::HowMet => "How met",
            Field::IntroducedBy => "Introduced by",
            Field::Tie => "Tie strength",
            Field::Tags => "Tags",
            Field::Notes => "Notes",
            Field::Cadence => "Keep in touch",
        }
    }
}

/// One problem with one field, with a plain message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

impl FieldError {
    /// An error about `field` with a message for the user.
    pub fn new(field: Field, message: impl Into<String>) -> Self {
        FieldError {
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FieldError {}

/// Whether `s` is plausibly an email address: one `@`, a non-empty local part, a domain with a
/// dot that neither starts nor ends it, and no whitespace.
pub fn is_plausible_email(s: &str) -> bool {
    if s.chars().any(char::is_whitespace) {
        return false;
    }
    let mut parts = s.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// Whether `s` is plausibly a phone number: at least 3 digits, and only digits, spaces and
/// `+ - ( ) . /`.
pub fn is_plausible_phone(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.' | '/'))
        && s.chars().filter(char::is_ascii_digit).count() >= 3
}

/// The lowercase host of an `http://` or `https://` URL, or `None` when `s` is not one: the
/// scheme is required, the host must be non-empty with a dot (or be `localhost`), and the URL
/// must contain no whitespace.
pub fn web_url_host(s: &str) -> Option<String> {
    if s.is_empty() || s.chars().any(char::is_whitespace) {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    // Drop user info and port.
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host,
        Some(_) => return None,
        None => host_port,
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    let labels_ok = host.split('.').all(|label| {
        !label.is_empty()
            && label
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    });
    if !labels_ok || !(host.contains('.') || host == "localhost") {
        return None;
    }
    Some(host.to_string())
}

/// Whether `s` is an http(s) URL on linkedin.com or one of its subdomains.
pub fn is_linkedin_url(s: &str) -> bool {
    web_url_host(s).is_some_and(|host| host == "linkedin.com" || host.ends_with(".linkedin.com"))
}

/// Trims `s` in place, without reallocating when nothing changes.
fn trim_in_place(s: &mut String) {
    let trimmed = s.trim();
    if trimmed.len() != s.len() {
        *s = trimmed.to_string();
    }
}

/// Trims every entry, drops empty ones and exact duplicates (keeping the first).
fn tidy_list(list: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    list.iter_mut().for_each(trim_in_place);
    list.retain(|s| !s.is_empty() && seen.insert(s.clone()));
}

impl Contact {
    /// Checks the contact against the form rules; `Err` holds every problem found, in form
    /// order. Entries of list fields are judged trimmed, and empty entries are ignored, because
    /// [`Contact::normalize`] removes them on save.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty() {
            errors.push(FieldError::new(Field::Name, "Please enter a name."));
        }
        for email in nonblank(&self.emails) {
            if !is_plausible_email(email) {
                errors.push(FieldError::new(
                    Field::Emails,
                    format!(
                        "“{email}” doesn't look like an email address, such as name@example.com."
                    ),
                ));
            }
        }
        for phone in nonblank(&self.phones) {
            if !is_plausible_phone(phone) {
                errors.push(FieldError::new(
                    Field::Phones,
                    format!(
                        "“{phone}” doesn't look like a phone number. Use digits, spaces and + - ( ) . /"
                    ),
                ));
            }
        }
        let linkedin = self.linkedin.trim();
        if !linkedin.is_empty() && !is_linkedin_url(linkedin) {
            errors.push(FieldError::new(
                Field::Linkedin,
                "Please enter a LinkedIn address, such as https://www.linkedin.com/in/name.",
            ));
        }
        for link in nonblank(&self.links) {
            if web_url_host(link).is_none() {
                errors.push(FieldError::new(
                    Field::Links,
                    format!("“{link}” isn't a web address. Links start with https:// or http://."),
                ));
            }
        }
        if self
            .introduced_by
            .as_deref()
            .is_some_and(|id| id.trim() == self.id)
        {
            errors.push(FieldError::new(
                Field::IntroducedBy,
                "A contact can't introduce themselves. Please pick someone else.",
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// [`Contact::validate`], plus the rules that depend on the date: the day you met can't be
    /// in the future.
    pub fn validate_on(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut errors = self.validate().err().unwrap_or_default();
        if self.met_on.is_some_and(|d| d > today) {
            let error = FieldError::new(Field::MetOn, "The day you met can't be in the future.");
            // Keep form order: MetOn sits before IntroducedBy.
            let at = errors.partition_point(|e| e.field < Field::MetOn);
            errors.insert(at, error);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Tidies the contact before saving: trims text fields (and interaction summaries and
    /// follow-up texts), drops empty and duplicate entries from the email, phone and link lists,
    /// turns a blank `introduced_by` into `None`, and drops blank tags and tags that repeat
    /// another case-insensitively (keeping the first spelling).
    pub fn normalize(&mut self) {
        for s in [
            &mut self.name,
            &mut self.role,
            &mut self.organization,
            &mut self.linkedin,
            &mut self.where_met,
            &mut self.how_met,
            &mut self.notes,
            &mut self.research,
        ] {
            trim_in_place(s);
        }
        tidy_list(&mut self.emails);
        tidy_list(&mut self.phones);
        tidy_list(&mut self.links);
        if let Some(id) = &mut self.introduced_by {
            trim_in_place(id);
            if id.is_empty() {
                self.introduced_by = None;
            }
        }
        let mut seen = std::collections::HashSet::new();
        self.tags.iter_mut().for_each(trim_in_place);
        self.tags
            .retain(|t| !t.is_empty() && seen.insert(t.to_lowercase()));
        for i in &mut self.interactions {
            trim_in_place(&mut i.summary);
        }
        for f in &mut self.follow_ups {
            trim_in_place(&mut f.text);
        }
    }
}

/// The trimmed non-empty entries of a list field.
fn nonblank(list: &[String]) -> impl Iterator<Item = &str> {
    list.iter().map(|s| s.trim()).filter(|s| !s.is_empty())
}

// ---------------------------------------------------------------------------------------------
// Keeping in touch, logging and follow-ups on a contact
// ---------------------------------------------------------------------------------------------

impl Contact {
    /// The day they met; the day the contact was added when that is unknown.
    pub fn met_or_added(&self) -> NaiveDate {
        self.met_on.unwrap_or_else(|| self.created_at.date_naive())
    }

    /// The last day the user was in touch: the later of the latest interaction's date and the
    /// day they met; the day the contact was created when there is neither.
    pub fn last_touch(&self) -> NaiveDate {
        let latest = self.interactions.iter().map(|i| i.date).max();
        latest
            .max(self.met_on)
            .unwrap_or_else(|| self.created_at.date_naive())
    }

    /// When the user should next get in touch: one cadence period after [`Contact::last_touch`];
    /// `None` when the contact has no cadence.
    pub fn next_touch_due(&self) -> Option<NaiveDate> {
        self.cadence.map(|c| c.after(self.last_touch()))
    }

    /// Whether it is time to get in touch on `today` (today is on or after the next touch date).
    pub fn touch_due(&self, today: NaiveDate) -> bool {
        self.next_touch_due().is_some_and(|due| today >= due)
    }

    /// The first name, for friendly text ("Thank Ada for the chat"): the first word of the name.
    pub fn first_name(&self) -> &str {
        crate::template::first_name(&self.name)
    }

    /// Records an interaction on the timeline, which stays sorted newest first (among
    /// interactions on the same date, the one logged last comes first).
    ///
    /// When `kind` is a meeting, chat or call and the contact has no open thank-you follow-up,
    /// returns a *proposed* thank-you follow-up, not yet added (accept it with
    /// [`Contact::add_follow_up`]). It is due the day after the interaction, but never before
    /// tomorrow: logging last week's coffee today proposes a thank-you due tomorrow, since a
    /// due date in the past would be born overdue.
    pub fn log_interaction(
        &mut self,
        kind: InteractionKind,
        date: NaiveDate,
        summary: impl Into<String>,
        today: NaiveDate,
    ) -> Option<FollowUp> {
        self.add_interaction(Interaction::new(kind, date, summary));
        if !kind.warrants_thank_you() || self.has_open(FollowUpKind::ThankYou) {
            return None;
        }
        let due = add_days(date.max(today), 1);
        let what = match kind {
            InteractionKind::Met => "meeting",
            InteractionKind::Call => "call",
            _ => "chat",
        };
        let who = match self.first_name() {
            "" => "them",
            name => name,
        };
        Some(FollowUp::new(
            FollowUpKind::ThankYou,
            format!("Thank {who} for the {what}"),
            due,
        ))
    }

    /// Inserts an existing interaction, keeping the timeline sorted newest first (it goes before
    /// others on the same date).
    pub fn add_interaction(&mut self, interaction: Interaction) {
        let at = self
            .interactions
            .partition_point(|i| i.date > interaction.date);
        self.interactions.insert(at, interaction);
    }

    /// Sorts the timeline newest first (stable), for data that came from elsewhere.
    pub fn sort_interactions(&mut self) {
        self.interactions.sort_by_key(|i| Reverse(i.date));
    }

    /// Removes the interaction with this id and returns it.
    pub fn remove_interaction(&mut self, id: &str) -> Option<Interaction> {
        let at = self.interactions.iter().position(|i| i.id == id)?;
        Some(self.interactions.remove(at))
    }

    /// Adds a follow-up (for instance an accepted proposal from [`Contact::log_interaction`]).
    pub fn add_follow_up(&mut self, follow_up: FollowUp) {
        self.follow_ups.push(follow_up);
    }

    /// Removes the follow-up with this id and returns it.
    pub fn remove_follow_up(&mut self, id: &str) -> Option<FollowUp> {
        let at = self.follow_ups.iter().position(|f| f.id == id)?;
        Some(self.follow_ups.remove(at))
    }

    /// The follow-up with this id, to complete, snooze or edit it.
    pub fn follow_up_mut(&mut self, id: &str) -> Option<&mut FollowUp> {
        self.follow_ups.iter_mut().find(|f| f.id == id)
    }

    /// The open follow-ups, in stored order.
    pub fn open_follow_ups(&self) -> impl Iterator<Item = &FollowUp> {
        self.follow_ups.iter().filter(|f| f.is_open())
    }

    /// Whether there is an open follow-up of this kind.
    pub fn has_open(&self, kind: FollowUpKind) -> bool {
        self.open_follow_ups().any(|f| f.kind == kind)
    }

    /// Completes the open thank-you follow-up due earliest (the first stored on a tie), on
    /// `today`; returns whether there was one. Used when the user sends a thank-you.
    pub fn complete_thank_you(&mut self, today: NaiveDate) -> bool {
        let earliest = self
            .follow_ups
            .iter_mut()
            .filter(|f| f.is_open() && f.kind == FollowUpKind::ThankYou)
            .min_by_key(|f| f.due);
        match earliest {
            Some(f) => {
                f.complete(today);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, TimeZone, Utc};
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(y: i32, m: u32, day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, day, 12, 0, 0).unwrap()
    }

    fn ada() -> Contact {
        Contact::new("Ada Lovelace", at(2026, 1, 10))
    }

    fn fields(c: &Contact) -> Vec<Field> {
        match c.validate() {
            Ok(()) => vec![],
            Err(errors) => errors.into_iter().map(|e| e.field).collect(),
        }
    }

    // --- labels ------------------------------------------------------------------------------

    #[test]
    fn labels_are_distinct_and_all_lists_are_complete() {
        fn distinct(labels: &[&str]) {
            for (i, a) in labels.iter().enumerate() {
                assert!(!a.is_empty());
                assert!(!labels[i + 1..].contains(a), "{a} repeats");
            }
        }
        distinct(&TieStrength::ALL.map(TieStrength::label));
        distinct(&Cadence::ALL.map(Cadence::label));
        distinct(&InteractionKind::ALL.map(InteractionKind::label));
        distinct(&FollowUpKind::ALL.map(FollowUpKind::label));
        distinct(&Bucket::ALL.map(Bucket::label));
        assert_eq!(Cadence::TwoWeeks.label(), "Every 2 weeks");
        assert_eq!(Cadence::Month.label(), "Every month");
        assert_eq!(FollowUpKind::ThankYou.label(), "Thank-you");
        assert_eq!(FollowUpKind::CheckIn.label(), "Check in");
        assert_eq!(InteractionKind::ThankYouSent.label(), "Thank-you sent");
        // The ALL lists name every variant: a match that must stay exhaustive.
        for k in InteractionKind::ALL {
            match k {
                InteractionKind::Met
                | InteractionKind::Chat
                | InteractionKind::Call
                | InteractionKind::Message
                | InteractionKind::ThankYouSent
                | InteractionKind::Note => {}
            }
        }
        assert!(Bucket::Overdue < Bucket::Today && Bucket::ThisWeek < Bucket::Later);
    }

    // --- validation --------------------------------------------------------------------------

    #[test]
    fn a_named_contact_is_valid() {
        assert_eq!(ada().validate(), Ok(()));
    }

    #[test]
    fn name_must_not_be_blank() {
        let mut c = ada();
        c.name = "   ".into();
        let errors = c.validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, Field::Name);
        assert_eq!(errors[0].message, "Please enter a name.");
        assert_eq!(errors[0].to_string(), "Please enter a name.");
    }

    #[test]
    fn emails() {
        for ok in [
            "ada@example.com",
            "a.b+c@mail.example.co.uk",
            " ada@example.com ",
        ] {
            assert!(is_plausible_email(ok.trim()), "{ok}");
        }
        for bad in [
            "ada",
            "@example.com",
            "ada@example",
            "ada@@example.com",
            "ada@b@example.com",
            "ada lovelace@example.com",
            "ada@.example.com",
            "ada@example.com.",
            "ada@example..com",
            "",
        ] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
        let mut c = ada();
        c.emails = vec!["ada@example.com".into(), "".into(), "nope".into()];
        let errors = c.validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, Field::Emails);
        assert!(errors[0].message.contains("nope"));
    }

    #[test]
    fn phones() {
        for ok in [
            "+44 20 7946 0958",
            "(555) 123-4567",
            "06.12.34.56.78",
            "030/1234",
            "112",
        ] {
            assert!(is_plausible_phone(ok), "{ok}");
        }
        for bad in ["12", "call me", "+44 20 ext 5", "", "555-CAKE"] {
            assert!(!is_plausible_phone(bad), "{bad}");
        }
        let mut c = ada();
        c.phones = vec!["12".into()];
        assert_eq!(fields(&c), vec![Field::Phones]);
    }

    #[test]
    fn urls_and_linkedin() {
        assert_eq!(
            web_url_host("https://Example.com/path?q=1").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            web_url_host("http://user@sub.example.org:8080/x").as_deref(),
            Some("sub.example.org")
        );
        for bad in [
            "example.com",
            "ftp://example.com",
            "https://",
            "https://nodot",
            "https://exa mple.com",
            "https://example.com:port",
            "https://.com",
            "javascript:alert(1)",
        ] {
            assert_eq!(web_url_host(bad), None, "{bad}");
        }
        for ok in [
            "https://www.linkedin.com/in/ada",
            "https://linkedin.com/in/ada",
            "http://uk.linkedin.com/in/ada",
            "HTTPS://WWW.LINKEDIN.COM/in/ada",
        ] {
            assert!(is_linkedin_url(ok), "{ok}");
        }
        for bad in [
            "www.linkedin.com/in/ada",
            "https://notlinkedin.com/in/ada",
            "https://linkedin.com.evil.example/in/ada",
            "https://evil.example/?linkedin.com",
            "https://evil.example/linkedin.com",
        ] {
            assert!(!is_linkedin_url(bad), "{bad}");
        }
        let mut c = ada();
        c.linkedin = "  ".into();
        assert_eq!(c.validate(), Ok(()));
        c.linkedin = "linkedin.com/in/ada".into();
        c.links = vec!["https://ada.dev".into(), "ada.dev".into()];
        assert_eq!(fields(&c), vec![Field::Linkedin, Field::Links]);
    }

    #[test]
    fn introduced_by_must_not_be_self() {
        let mut c = ada();
        c.introduced_by = Some("someone-else".into());
        assert_eq!(c.validate(), Ok(()));
        c.introduced_by = Some(c.id.clone());
        assert_eq!(fields(&c), vec![Field::IntroducedBy]);
    }

    #[test]
    fn errors_come_in_form_order_and_all_at_once() {
        let mut c = ada();
        c.name = String::new();
        c.emails = vec!["x".into()];
        c.phones = vec!["y".into()];
        c.introduced_by = Some(c.id.clone());
        c.met_on = Some(d(2030, 1, 1));
        assert_eq!(
            fields(&c),
            vec![
                Field::Name,
                Field::Emails,
                Field::Phones,
                Field::IntroducedBy
            ]
        );
        let on: Vec<Field> = c
            .validate_on(d(2026, 1, 1))
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            on,
            vec![
                Field::Name,
                Field::Emails,
                Field::Phones,
                Field::MetOn,
                Field::IntroducedBy
            ]
        );
        let mut ok = ada();
        ok.met_on = Some(d(2026, 1, 1));
        assert_eq!(ok.validate_on(d(2026, 1, 1)), Ok(()));
    }

    #[test]
    fn normalize_tidies() {
        let mut c = ada();
        c.name = "  Ada Lovelace \n".into();
        c.organization = " Analytical Engines ".into();
        c.emails = vec![
            " ada@example.com ".into(),
            "".into(),
            "ada@example.com".into(),
        ];
        c.phones = vec!["   ".into()];
        c.links = vec![" https://ada.dev ".into()];
        c.tags = vec![
            "Math".into(),
            " math ".into(),
            "".into(),
            "Poetry".into(),
            "MATH".into(),
            "  ".into(),
        ];
        c.introduced_by = Some("  ".into());
        c.notes = "\n  line one\nline two  \n\n".into();
        c.normalize();
        assert_eq!(c.name, "Ada Lovelace");
        assert_eq!(c.organization, "Analytical Engines");
        assert_eq!(c.emails, vec!["ada@example.com"]);
        assert!(c.phones.is_empty());
        assert_eq!(c.links, vec!["https://ada.dev"]);
        assert_eq!(c.tags, vec!["Math", "Poetry"]);
        assert_eq!(c.introduced_by, None);
        assert_eq!(c.notes, "line one\nline two");
        let once = c.clone();
        c.normalize();
        assert_eq!(c, once);
    }

    // --- cadence -----------------------------------------------------------------------------

    #[test]
    fn cadence_steps_calendar_months() {
        assert_eq!(Cadence::TwoWeeks.after(d(2026, 12, 25)), d(2027, 1, 8));
        assert_eq!(Cadence::Month.after(d(2026, 1, 31)), d(2026, 2, 28));
        assert_eq!(Cadence::Month.after(d(2028, 1, 31)), d(2028, 2, 29));
        assert_eq!(Cadence::Month.after(d(2026, 12, 15)), d(2027, 1, 15));
        assert_eq!(Cadence::Quarter.after(d(2026, 11, 30)), d(2027, 2, 28));
        assert_eq!(Cadence::HalfYear.after(d(2026, 8, 31)), d(2027, 2, 28));
        assert_eq!(Cadence::Year.after(d(2028, 2, 29)), d(2029, 2, 28));
        assert_eq!(Cadence::Year.after(d(2026, 12, 31)), d(2027, 12, 31));
        assert_eq!(Cadence::Year.after(NaiveDate::MAX), NaiveDate::MAX);
    }

    #[test]
    fn last_touch_and_touch_due() {
        let mut c = ada(); // created 2026-01-10
        assert_eq!(c.last_touch(), d(2026, 1, 10));
        assert_eq!(c.next_touch_due(), None);
        assert!(!c.touch_due(d(2099, 1, 1)));
        c.met_on = Some(d(2025, 12, 1));
        assert_eq!(c.last_touch(), d(2025, 12, 1));
        c.cadence = Some(Cadence::Month);
        assert_eq!(c.next_touch_due(), Some(d(2026, 1, 1)));
        assert!(!c.touch_due(d(2025, 12, 31)));
        assert!(c.touch_due(d(2026, 1, 1)));
        assert!(c.touch_due(d(2026, 3, 1)));
        // Logging any interaction resets the clock.
        c.log_interaction(InteractionKind::Note, d(2026, 3, 1), "", d(2026, 3, 1));
        assert_eq!(c.last_touch(), d(2026, 3, 1));
        assert_eq!(c.next_touch_due(), Some(d(2026, 4, 1)));
        assert!(!c.touch_due(d(2026, 3, 1)));
        // An older interaction logged later does not move it back.
        c.log_interaction(InteractionKind::Call, d(2026, 2, 1), "", d(2026, 3, 2));
        assert_eq!(c.last_touch(), d(2026, 3, 1));
    }

    // --- follow-ups --------------------------------------------------------------------------

    #[test]
    fn follow_up_life_cycle() {
        let mut f = FollowUp::new(FollowUpKind::CheckIn, "Ask about the move", d(2026, 5, 1));
        assert!(f.is_open());
        assert!(!f.is_overdue(d(2026, 5, 1)));
        assert!(f.is_overdue(d(2026, 5, 2)));
        f.complete(d(2026, 5, 3));
        assert!(!f.is_open());
        assert!(!f.is_overdue(d(2026, 5, 9)));
        f.complete(d(2026, 5, 9));
        assert_eq!(f.done_on, Some(d(2026, 5, 3)));
        f.reopen();
        assert!(f.is_open());
    }

    #[test]
    fn snooze_from_the_later_of_due_and_today() {
        let mut f = FollowUp::new(FollowUpKind::Other, "", d(2026, 5, 1));
        f.snooze(1, d(2026, 5, 10)); // overdue: due tomorrow
        assert_eq!(f.due, d(2026, 5, 11));
        f.snooze(7, d(2026, 5, 10)); // in the future: a week after its due date
        assert_eq!(f.due, d(2026, 5, 18));
        f.snooze(0, d(2026, 5, 18)); // zero counts as a day
        assert_eq!(f.due, d(2026, 5, 19));
        let mut year_end = FollowUp::new(FollowUpKind::Other, "", d(2026, 12, 31));
        year_end.snooze(1, d(2026, 12, 31));
        assert_eq!(year_end.due, d(2027, 1, 1));
        let mut leap = FollowUp::new(FollowUpKind::Other, "", d(2028, 2, 28));
        leap.snooze(1, d(2028, 2, 28));
        assert_eq!(leap.due, d(2028, 2, 29));
    }

    #[test]
    fn buckets() {
        let today = d(2026, 12, 29);
        let f = |due| FollowUp::new(FollowUpKind::Other, "", due).bucket(today);
        assert_eq!(f(d(2026, 12, 28)), Bucket::Overdue);
        assert_eq!(f(d(2026, 12, 29)), Bucket::Today);
        assert_eq!(f(d(2026, 12, 30)), Bucket::ThisWeek);
        assert_eq!(f(d(2027, 1, 1)), Bucket::ThisWeek); // across the year end
        assert_eq!(f(d(2027, 1, 4)), Bucket::ThisWeek); // today + 6
        assert_eq!(f(d(2027, 1, 5)), Bucket::Later); // today + 7
    }

    #[test]
    fn dst_day_is_just_a_date() {
        // 2026-03-29 is the EU switch to summer time; a calendar date knows nothing of it.
        let dst = d(2026, 3, 29);
        let f = FollowUp::new(FollowUpKind::CheckIn, "", dst);
        assert_eq!(f.bucket(dst), Bucket::Today);
        assert_eq!(f.bucket(d(2026, 3, 28)), Bucket::ThisWeek);
        assert_eq!(f.bucket(d(2026, 3, 30)), Bucket::Overdue);
        // US fall-back day (2026-11-01) likewise.
        let fall = FollowUp::new(FollowUpKind::CheckIn, "", d(2026, 11, 1));
        assert_eq!(fall.bucket(d(2026, 11, 1)), Bucket::Today);
        assert_eq!(Cadence::TwoWeeks.after(d(2026, 3, 20)), d(2026, 4, 3));
    }

    // --- logging -----------------------------------------------------------------------------

    #[test]
    fn logging_a_chat_proposes_a_thank_you_due_the_next_day() {
        let mut c = ada();
        let today = d(2026, 12, 31);
        let proposal = c
            .log_interaction(InteractionKind::Chat, today, "Coffee", today)
            .expect("a proposal");
        assert_eq!(proposal.kind, FollowUpKind::ThankYou);
        assert_eq!(proposal.due, d(2027, 1, 1));
        assert!(proposal.is_open());
        assert_eq!(proposal.text, "Thank Ada for the chat");
        assert!(c.follow_ups.is_empty(), "a proposal is not added");
        assert_eq!(c.interactions.len(), 1);
        assert_eq!(c.interactions[0].summary, "Coffee");
        // Accept it; the next chat proposes nothing while it is open.
        c.add_follow_up(proposal.clone());
        assert!(c
            .log_interaction(InteractionKind::Met, today, "", today)
            .is_none());
        // Done: the next call proposes again.
        assert!(c.complete_thank_you(today));
        assert!(c
            .log_interaction(InteractionKind::Call, today, "", today)
            .is_some());
    }

    #[test]
    fn backdated_logs_propose_a_thank_you_due_tomorrow() {
        let mut c = ada();
        let p = c
            .log_interaction(InteractionKind::Met, d(2026, 1, 2), "", d(2026, 1, 20))
            .unwrap();
        assert_eq!(p.due, d(2026, 1, 21));
        assert_eq!(p.text, "Thank Ada for the meeting");
    }

    #[test]
    fn only_meetings_chats_and_calls_propose() {
        let today = d(2026, 6, 1);
        for kind in InteractionKind::ALL {
            let mut c = ada();
            let p = c.log_interaction(kind, today, "", today);
            assert_eq!(p.is_some(), kind.warrants_thank_you(), "{kind:?}");
        }
    }

    #[test]
    fn timeline_stays_newest_first() {
        let mut c = ada();
        let today = d(2026, 6, 30);
        for (day, s) in [(5, "a"), (20, "b"), (1, "c"), (20, "d"), (10, "e")] {
            c.log_interaction(InteractionKind::Note, d(2026, 6, day), s, today);
        }
        let order: Vec<&str> = c.interactions.iter().map(|i| i.summary.as_str()).collect();
        assert_eq!(order, vec!["d", "b", "e", "a", "c"]);
        let id = c.interactions[2].id.clone();
        assert_eq!(c.remove_interaction(&id).unwrap().summary, "e");
        assert!(c.remove_interaction(&id).is_none());
        assert_eq!(c.interactions.len(), 4);
        c.interactions.reverse();
        c.sort_interactions();
        assert!(c.interactions.windows(2).all(|w| w[0].date >= w[1].date));
    }

    #[test]
    fn follow_up_lookup_and_removal() {
        let mut c = ada();
        let f = FollowUp::new(
            FollowUpKind::Introduction,
            "Intro to Charles",
            d(2026, 2, 1),
        );
        let id = f.id.clone();
        c.add_follow_up(f);
        c.follow_up_mut(&id).unwrap().snooze(3, d(2026, 2, 1));
        assert_eq!(c.follow_ups[0].due, d(2026, 2, 4));
        assert!(c.follow_up_mut("missing").is_none());
        assert_eq!(c.remove_follow_up(&id).unwrap().text, "Intro to Charles");
        assert!(c.remove_follow_up(&id).is_none());
    }

    #[test]
    fn complete_thank_you_takes_the_earliest_open_one() {
        let mut c = ada();
        let today = d(2026, 4, 1);
        assert!(!c.complete_thank_you(today));
        c.add_follow_up(FollowUp::new(FollowUpKind::ThankYou, "late", d(2026, 4, 9)));
        c.add_follow_up(FollowUp::new(FollowUpKind::CheckIn, "other", d(2026, 3, 1)));
        c.add_follow_up(FollowUp::new(
            FollowUpKind::ThankYou,
            "early",
            d(2026, 4, 2),
        ));
        assert!(c.complete_thank_you(today));
        let done: Vec<&str> = c
            .follow_ups
            .iter()
            .filter(|f| !f.is_open())
            .map(|f| f.text.as_str())
            .collect();
        assert_eq!(done, vec!["early"]);
        assert!(c.complete_thank_you(today));
        assert!(!c.complete_thank_you(today));
        assert!(c.follow_ups[1].is_open(), "the check-in is untouched");
    }

    // --- properties --------------------------------------------------------------------------

    fn date() -> impl Strategy<Value = NaiveDate> {
        // 1900-01-01 ..= about 2200.
        (693_596i32..803_000).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
    }

    fn cadence() -> impl Strategy<Value = Cadence> {
        proptest::sample::select(Cadence::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn snooze_never_lands_before_tomorrow(due in date(), today in date(), days in 0u32..400) {
            let mut f = FollowUp::new(FollowUpKind::Other, "", due);
            f.snooze(days, today);
            prop_assert!(f.due > today);
            prop_assert!(f.due > due);
            prop_assert_eq!(f.due, add_days(due.max(today), u64::from(days.max(1))));
            prop_assert_ne!(f.bucket(today), Bucket::Overdue);
            prop_assert_ne!(f.bucket(today), Bucket::Today);
        }

        #[test]
        fn buckets_partition_and_follow_due_order(a in date(), b in date(), today in date()) {
            let bucket = Bucket::of(a, today);
            let expected = [
                a < today,
                a == today,
                a > today && (a - today).num_days() <= 6,
                (a - today).num_days() > 6,
            ];
            prop_assert_eq!(expected.iter().filter(|x| **x).count(), 1);
            let index = Bucket::ALL.iter().position(|x| *x == bucket).unwrap();
            prop_assert!(expected[index]);
            if a <= b {
                prop_assert!(Bucket::of(a, today) <= Bucket::of(b, today));
            }
        }

        #[test]
        fn cadence_moves_forward_by_the_right_amount(start in date(), c in cadence()) {
            let next = c.after(start);
            prop_assert!(next > start);
            let days = (next - start).num_days();
            let (lo, hi) = match c {
                Cadence::TwoWeeks => (14, 14),
                Cadence::Month => (28, 31),
                Cadence::Quarter => (89, 92),
                Cadence::HalfYear => (181, 184),
                Cadence::Year => (365, 366),
            };
            prop_assert!((lo..=hi).contains(&days), "{:?} from {} gave {}", c, start, next);
            use chrono::Datelike;
            if c != Cadence::TwoWeeks {
                prop_assert!(next.day() <= start.day());
            }
        }

        #[test]
        fn logging_keeps_the_timeline_sorted_and_touch_current(
            dates in proptest::collection::vec(date(), 1..20),
            today in date(),
            c in cadence(),
        ) {
            let mut contact = Contact::new("P", at(2000, 1, 1));
            contact.cadence = Some(c);
            for (i, day) in dates.iter().enumerate() {
                let kind = InteractionKind::ALL[i % InteractionKind::ALL.len()];
                if let Some(p) = contact.log_interaction(kind, *day, "", today) {
                    prop_assert!(p.due > today && p.due > *day);
                    contact.add_follow_up(p);
                }
                prop_assert!(contact.follow_ups.iter().filter(|f| f.is_open()).count() <= 1);
            }
            prop_assert!(contact.interactions.windows(2).all(|w| w[0].date >= w[1].date));
            let latest = *dates.iter().max().unwrap();
            prop_assert_eq!(contact.last_touch(), latest);
            prop_assert_eq!(contact.next_touch_due(), Some(c.after(latest)));
            prop_assert!(!contact.touch_due(latest));
        }

        #[test]
        fn normalize_is_idempotent_and_keeps_tags_unique(
            tags in proptest::collection::vec("[ a-cA-C]{0,3}", 0..8),
            emails in proptest::collection::vec("[ a@.]{0,5}", 0..5),
            name in "[ a-z]{0,6}",
        ) {
            let mut c = Contact::new(name, at(2020, 1, 1));
            c.tags = tags;
            c.emails = emails;
            c.normalize();
            let once = c.clone();
            c.normalize();
            prop_assert_eq!(&c, &once);
            let lower: Vec<String> = c.tags.iter().map(|t| t.to_lowercase()).collect();
            for (i, t) in lower.iter().enumerate() {
                prop_assert!(!t.is_empty() && t.trim() == t);
                prop_assert!(!lower[i + 1..].contains(t));
            }
            prop_assert!(c.emails.iter().all(|e| !e.is_empty() && e.trim() == e));
            prop_assert_eq!(c.validate().is_ok() , !c.name.is_empty() && c.emails.iter().all(|e| is_plausible_email(e)));
        }
    }
}
