//! What the compose screen (writing to one contact) decides: the template it starts from, the
//! placeholders it asks the user to fill in, what it calls the placeholders still missing, and
//! what marking the message as sent logs and says.

use chrono::NaiveDate;

use crate::insights::THANK_YOU_TEMPLATE;
use crate::model::{Contact, FollowUpKind, InteractionKind};
use crate::template::{missing_marker, parse, Placeholder, Segment, Template, TemplateSet, Values};

/// The id of the template to start from: the one a link asked for (a template id or a built-in's
/// key), else the thank-you after a chat when the contact is owed one, else the first template.
/// Empty when there is no template at all.
pub fn first_template(
    set: &TemplateSet,
    asked_for: Option<&str>,
    contact: Option<&Contact>,
) -> String {
    let wanted = |key: &str| {
        set.templates
            .iter()
            .find(|t| t.id == key || t.builtin_key.as_deref() == Some(key))
    };
    let owes_thanks = contact.is_some_and(|c| c.has_open(FollowUpKind::ThankYou));
    asked_for
        .and_then(wanted)
        .or_else(|| wanted(THANK_YOU_TEMPLATE).filter(|_| owes_thanks))
        .or(set.templates.first())
        .map(|t| t.id.clone())
        .unwrap_or_default()
}

/// The template with `id`, or the first one if it is gone (deleted meanwhile in another tab).
pub fn chosen_template<'a>(set: &'a TemplateSet, id: &str) -> Option<&'a Template> {
    set.get(id).or(set.templates.first())
}

/// A placeholder the user can fill in on the compose screen: one with no value from the contact
/// or the settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ask {
    pub name: String,
    /// The template's default, used while the field is empty.
    pub default: Option<String>,
}

impl Ask {
    /// The field's label: the placeholder's own, or the name the user gave it.
    pub fn label(&self) -> String {
        placeholder_label(&self.name)
    }

    /// Where the value usually comes from, and what shows when it is left empty.
    pub fn hint(&self) -> String {
        let source = Placeholder::from_key(&self.name)
            .map(|p| p.description().to_string())
            .unwrap_or_else(|| "A placeholder of your own.".to_string());
        match &self.default {
            Some(d) if !d.is_empty() => format!("{source} Left empty: “{d}”."),
            _ => format!(
                "{source} Left empty, it shows as {}.",
                missing_marker(&self.name)
            ),
        }
    }
}

/// The label of a placeholder by its name: the known placeholder's, else the name itself.
fn placeholder_label(name: &str) -> String {
    Placeholder::from_key(name)
        .map(|p| p.label().to_string())
        .unwrap_or_else(|| name.to_string())
}

/// The placeholders of a template that have no value in `base`, each once, subject first, in
/// order.
pub fn asks(template: &Template, base: &Values) -> Vec<Ask> {
    let mut out: Vec<Ask> = Vec::new();
    for segment in parse(&template.subject)
        .into_iter()
        .chain(parse(&template.body))
    {
        if let Segment::Field { name, default, .. } = segment {
            if base.get(&name).is_none() && !out.iter().any(|a| a.name == name) {
                out.push(Ask { name, default });
            }
        }
    }
    out
}

/// "Still to fill in: First name, Advice. Highlighted above until you do." for the names of the
/// placeholders still missing; `None` when nothing is.
pub fn still_missing_text(missing: &[String]) -> Option<String> {
    (!missing.is_empty()).then(|| {
        let labels = missing
            .iter()
            .map(|n| placeholder_label(n))
            .collect::<Vec<_>>()
            .join(", ");
        format!("Still to fill in: {labels}. Highlighted above until you do.")
    })
}

/// The subject is one line: a line break in a value shows as a space, as it is sent.
pub fn one_line(text: &str) -> String {
    text.replace("\r\n", " ").replace(['\r', '\n'], " ")
}

/// The timeline summary of a sent message: its subject, or the template's name when the subject
/// is blank.
pub fn sent_summary(subject: &str, template_name: &str) -> String {
    if subject.trim().is_empty() {
        template_name.to_string()
    } else {
        subject.to_string()
    }
}

/// **Mark as sent**: logs the message on the contact's timeline as `kind` on `today`, and for a
/// thank-you ticks off their open thank-you follow-up. Returns whether one was ticked off.
pub fn mark_sent(
    contact: &mut Contact,
    kind: InteractionKind,
    summary: String,
    today: NaiveDate,
) -> bool {
    let _ = contact.log_interaction(kind, today, summary, today);
    kind == InteractionKind::ThankYouSent && contact.complete_thank_you(today)
}

/// What **Mark as sent** will do, said before it is pressed.
pub fn sent_hint(kind: InteractionKind, first_name: &str) -> String {
    match kind {
        InteractionKind::ThankYouSent => format!(
            "Logs “Thank-you sent” on {first_name}'s timeline and ticks off their open thank-you \
             follow-up."
        ),
        kind => format!("Logs “{}” on {first_name}'s timeline.", kind.label()),
    }
}

/// What **Mark as sent** did: logged `kind`, and `done` when an open thank-you was ticked off.
pub fn sent_text(kind: InteractionKind, done: bool) -> String {
    match (kind, done) {
        (InteractionKind::ThankYouSent, true) => "Marked as sent: “Thank-you sent” is on the \
             timeline, and the thank-you follow-up is done. "
            .to_string(),
        (InteractionKind::ThankYouSent, false) => "Marked as sent: “Thank-you sent” is on the \
             timeline. There was no open thank-you follow-up to tick off. "
            .to_string(),
        (kind, _) => format!("Marked as sent: “{}” is on the timeline. ", kind.label()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FollowUp;
    use chrono::DateTime;

    fn owed_thanks() -> Contact {
        let mut c = Contact::new("Ana Lima", DateTime::UNIX_EPOCH);
        let due = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        c.add_follow_up(FollowUp::new(FollowUpKind::ThankYou, "", due));
        c
    }

    fn id_of_key(set: &TemplateSet, key: &str) -> String {
        set.templates
            .iter()
            .find(|t| t.builtin_key.as_deref() == Some(key))
            .unwrap()
            .id
            .clone()
    }

    #[test]
    fn starts_from_the_asked_template_then_the_thank_you_then_the_first() {
        let set = TemplateSet::with_builtins();
        let first = set.templates[0].id.clone();
        let thanks = id_of_key(&set, THANK_YOU_TEMPLATE);
        let check_in = id_of_key(&set, "check_in");
        assert_eq!(first_template(&set, Some("check_in"), None), check_in);
        assert_eq!(first_template(&set, Some(&check_in), None), check_in);
        assert_eq!(
            first_template(&set, Some("check_in"), Some(&owed_thanks())),
            check_in
        );
        assert_eq!(first_template(&set, None, Some(&owed_thanks())), thanks);
        let no_debt = Contact::new("Ben", DateTime::UNIX_EPOCH);
        assert_eq!(first_template(&set, None, Some(&no_debt)), first);
        assert_eq!(first_template(&set, Some("gone"), None), first);
        assert_eq!(
            first_template(
                &TemplateSet {
                    templates: vec![],
                    rev: 0
                },
                None,
                None
            ),
            ""
        );
    }

    #[test]
    fn a_deleted_choice_falls_back_to_the_first_template() {
        let set = TemplateSet::with_builtins();
        assert_eq!(chosen_template(&set, "gone"), set.templates.first());
        let last = set.templates.last().unwrap();
        assert_eq!(chosen_template(&set, &last.id), Some(last));
    }

    #[test]
    fn asks_for_each_placeholder_without_a_value_once_subject_first() {
        let t = Template::new(
            "Mine",
            "About {{gift}}",
            "Hi {{first_name}}, {{advice|your advice}} on {{gift}}.",
        );
        let base = Values::new().with("first_name", "Ana");
        let asked = asks(&t, &base);
        assert_eq!(
            asked,
            [
                Ask {
                    name: "gift".into(),
                    default: None
                },
                Ask {
                    name: "advice".into(),
                    default: Some("your advice".into())
                },
            ]
        );
        assert_eq!(asked[0].label(), "gift");
        assert!(asked[0]
            .hint()
            .starts_with("A placeholder of your own. Left empty, it shows as"));
        assert!(asked[1].hint().ends_with("Left empty: “your advice”."));
    }

    #[test]
    fn the_missing_ones_are_named_by_their_labels() {
        assert_eq!(still_missing_text(&[]), None);
        let text = still_missing_text(&["first_name".into(), "gift".into()]).unwrap();
        let first = Placeholder::FirstName.label();
        assert_eq!(
            text,
            format!("Still to fill in: {first}, gift. Highlighted above until you do.")
        );
    }

    #[test]
    fn a_subject_is_one_line_and_never_blank_on_the_timeline() {
        assert_eq!(one_line("a\r\nb\nc\rd"), "a b c d");
        assert_eq!(sent_summary("  ", "Check in"), "Check in");
        assert_eq!(sent_summary("Hello", "Check in"), "Hello");
    }

    #[test]
    fn a_sent_thank_you_ticks_off_the_open_one() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let mut c = owed_thanks();
        assert!(mark_sent(
            &mut c,
            InteractionKind::ThankYouSent,
            "Thanks".into(),
            today
        ));
        assert_eq!(c.interactions[0].kind, InteractionKind::ThankYouSent);
        assert!(!c.has_open(FollowUpKind::ThankYou));
        let mut c = owed_thanks();
        assert!(!mark_sent(
            &mut c,
            InteractionKind::Message,
            "Hi".into(),
            today
        ));
        assert!(c.has_open(FollowUpKind::ThankYou));
        assert_eq!(c.interactions[0].summary, "Hi");
    }

    #[test]
    fn sending_says_what_it_logs() {
        assert!(sent_hint(InteractionKind::ThankYouSent, "Ana").contains("ticks off"));
        assert_eq!(
            sent_hint(InteractionKind::Message, "Ana"),
            "Logs “Message” on Ana's timeline."
        );
        assert!(sent_text(InteractionKind::ThankYouSent, true).contains("follow-up is done"));
        assert!(sent_text(InteractionKind::ThankYouSent, false).contains("no open thank-you"));
        assert_eq!(
            sent_text(InteractionKind::Message, false),
            "Marked as sent: “Message” is on the timeline. "
        );
    }
}
