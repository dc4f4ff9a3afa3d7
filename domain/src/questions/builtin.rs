//! The built-in deck: the 26 questions of the article, made general where they were specific to law.

use super::{Category, PersonContext, Question};

/// One built-in question: a general wording and, for some, a wording tailored to the contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BuiltinQuestion {
    pub id: &'static str,
    pub category: Category,
    /// The article's wording, which reads well for anyone.
    pub text: &'static str,
    /// A wording with `{role}` and/or `{organization}`, used when the contact fills them all.
    pub tailored: Option<&'static str>,
}

impl BuiltinQuestion {
    /// The text for a person: the tailored wording when the context fills every placeholder it
    /// names, the general wording otherwise.
    pub fn render(&self, ctx: Option<&PersonContext>) -> String {
        match (self.tailored, ctx) {
            (Some(t), Some(c)) if fills(t, c) => fill(t, Some(c)),
            _ => self.text.to_string(),
        }
    }

    /// The built-in as a [`Question`].
    pub fn question(&self) -> Question {
        Question {
            id: self.id.to_string(),
            text: self.text.to_string(),
            category: self.category,
            builtin: true,
        }
    }
}

const fn q(
    id: &'static str,
    category: Category,
    text: &'static str,
    tailored: Option<&'static str>,
) -> BuiltinQuestion {
    BuiltinQuestion {
        id,
        category,
        text,
        tailored,
    }
}

use Category::*;

/// The 26 suggested questions of "The Essence of Networking", in the article's order.
///
/// The wording is the article's, with its stray capitals and spacing tidied ("the field", "started",
/// "issues/trends") and "an experienced lawyer" made general.
pub const BUILTINS: [BuiltinQuestion; 26] = [
    q(
        "b01",
        RoleAndDay,
        "What are your primary job responsibilities?",
        Some("What are your primary job responsibilities as {role}?"),
    ),
    q(
        "b02",
        PathAndBackground,
        "What experience did you have to get your job?",
        None,
    ),
    q(
        "b03",
        PathAndBackground,
        "How long have you worked here?",
        Some("How long have you worked at {organization}?"),
    ),
    q(
        "b04",
        PathAndBackground,
        "What is your own background and experience?",
        None,
    ),
    q("b05", RoleAndDay, "What is a typical work day like?", None),
    q("b06", RoleAndDay, "How long is your work day?", None),
    q("b07", RoleAndDay, "How much variety is there in your work?", None),
    q(
        "b08",
        Organization,
        "How much training/supervision do or did you receive?",
        None,
    ),
    q("b09", RoleAndDay, "How much client contact do you have?", None),
    q(
        "b10",
        RoleAndDay,
        "How much contact and what kinds of interactions do you have with individuals or groups \
         outside the office or organization?",
        None,
    ),
    q("b11", RoleAndDay, "Does your job require that you travel?", None),
    q("b12", RoleAndDay, "What do you like/dislike most about your work?", None),
    q(
        "b13",
        RoleAndDay,
        "What are the toughest problems and decisions you handle?",
        None,
    ),
    q(
        "b14",
        AdviceAndNextSteps,
        "What do you wish you had known about your position/the field before you started?",
        None,
    ),
    q(
        "b15",
        FieldAndTrends,
        "What type of professional and personal skills does it take to succeed at this type of \
         work?",
        None,
    ),
    q(
        "b16",
        Organization,
        "What is the size and makeup of your organization?",
        Some("What is the size and makeup of {organization}?"),
    ),
    q(
        "b17",
        FieldAndTrends,
        "What is a typical starting salary for someone with my experience?",
        None,
    ),
    q(
        "b18",
        FieldAndTrends,
        "What is the salary ceiling for someone experienced in this field?",
        Some("What is the salary ceiling for an experienced {role}?"),
    ),
    q(
        "b19",
        FieldAndTrends,
        "What do you see as the major issues/trends in the field today?",
        None,
    ),
    q(
        "b20",
        AdviceAndNextSteps,
        "What books or journals would you recommend that I read?",
        None,
    ),
    q(
        "b21",
        PeopleToTalkTo,
        "Which professional associations should I join?",
        None,
    ),
    q(
        "b22",
        AdviceAndNextSteps,
        "Do you recommend that I enroll in any particular classes (clinical or otherwise)?",
        None,
    ),
    q(
        "b23",
        Organization,
        "What opportunities for advancement are there in this organization or in the field?",
        Some("What opportunities for advancement are there at {organization} or in the field?"),
    ),
    q(
        "b24",
        PathAndBackground,
        "What would be a typical next career move for someone in your position?",
        Some("What would be a typical next career move for someone working as {role}?"),
    ),
    q(
        "b25",
        AdviceAndNextSteps,
        "What recommendations do you have for me regarding a job search strategy?",
        None,
    ),
    q(
        "b26",
        PeopleToTalkTo,
        "What other people do you recommend that I talk with? May I tell them that you referred me \
         to them?",
        None,
    ),
];

/// The built-in with this id.
pub fn builtin(id: &str) -> Option<&'static BuiltinQuestion> {
    BUILTINS.iter().find(|b| b.id == id)
}

const ROLE: &str = "{role}";
const ORGANIZATION: &str = "{organization}";
const ROLE_FALLBACK: &str = "your role";
const ORGANIZATION_FALLBACK: &str = "your organization";

/// Whether the context has a value for every placeholder the text names.
fn fills(text: &str, ctx: &PersonContext) -> bool {
    (!text.contains(ROLE) || !ctx.role.trim().is_empty())
        && (!text.contains(ORGANIZATION) || !ctx.organization.trim().is_empty())
}

/// Fills `{role}` and `{organization}` from the context, with "your role" / "your organization"
/// where a value is missing. Other braces are left as typed.
pub(super) fn fill(text: &str, ctx: Option<&PersonContext>) -> String {
    let value = |v: Option<&str>, fallback: &'static str| {
        v.map(str::trim)
            .filter(|v| !v.is_empty())
            .unwrap_or(fallback)
            .to_string()
    };
    let role = value(ctx.map(|c| c.role.as_str()), ROLE_FALLBACK);
    let organization = value(ctx.map(|c| c.organization.as_str()), ORGANIZATION_FALLBACK);
    // One pass, so a value that itself contains "{role}" is not expanded again.
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix(ROLE) {
            out.push_str(&role);
            rest = after;
        } else if let Some(after) = tail.strip_prefix(ORGANIZATION) {
            out.push_str(&organization);
            rest = after;
        } else {
            out.push('{');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_26_builtins_are_there_with_stable_unique_ids() {
        assert_eq!(BUILTINS.len(), 26);
        for (i, b) in BUILTINS.iter().enumerate() {
            assert_eq!(b.id, format!("b{:02}", i + 1));
            assert!(b.text.ends_with('?'), "{}", b.text);
            assert!(
                !b.text.contains('{'),
                "the general wording has no placeholder: {}",
                b.text
            );
        }
        assert_eq!(BUILTINS[4].text, "What is a typical work day like?");
        assert_eq!(
            BUILTINS[25].text,
            "What other people do you recommend that I talk with? May I tell them that you \
             referred me to them?"
        );
    }

    #[test]
    fn all_six_categories_are_used() {
        let used: BTreeSet<_> = BUILTINS.iter().map(|b| b.category).collect();
        assert_eq!(used.len(), 6);
        assert_eq!(used, Category::ALL.into_iter().collect());
        let labels: BTreeSet<_> = Category::ALL.iter().map(|c| c.label()).collect();
        assert_eq!(labels.len(), 6);
    }

    #[test]
    fn no_lawyer_and_the_salary_ceiling_is_general() {
        for b in &BUILTINS {
            let all = format!("{} {}", b.text, b.tailored.unwrap_or(""));
            assert!(!all.to_lowercase().contains("lawyer"), "{all}");
        }
        assert_eq!(
            builtin("b18").unwrap().text,
            "What is the salary ceiling for someone experienced in this field?"
        );
    }

    #[test]
    fn tailored_wordings_only_use_known_placeholders() {
        for b in BUILTINS.iter().filter_map(|b| b.tailored) {
            let stripped = b.replace(ROLE, "").replace(ORGANIZATION, "");
            assert!(!stripped.contains('{') && !stripped.contains('}'), "{b}");
            assert_ne!(stripped, b, "a tailored wording names a placeholder");
        }
    }

    #[test]
    fn render_without_a_contact_is_the_articles_wording() {
        let b03 = builtin("b03").unwrap();
        assert_eq!(b03.render(None), "How long have you worked here?");
        let empty = PersonContext::default();
        assert_eq!(b03.render(Some(&empty)), "How long have you worked here?");
        let blank = PersonContext::new("  ", " ");
        assert_eq!(
            builtin("b18").unwrap().render(Some(&blank)),
            "What is the salary ceiling for someone experienced in this field?"
        );
    }

    #[test]
    fn render_with_a_contact_fills_role_and_organization() {
        let ctx = PersonContext::new("Patent Attorney", " Acme Labs ");
        assert_eq!(
            builtin("b03").unwrap().render(Some(&ctx)),
            "How long have you worked at Acme Labs?"
        );
        assert_eq!(
            builtin("b18").unwrap().render(Some(&ctx)),
            "What is the salary ceiling for an experienced Patent Attorney?"
        );
        assert_eq!(
            builtin("b16").unwrap().render(Some(&ctx)),
            "What is the size and makeup of Acme Labs?"
        );
        // Without a tailored wording, the text is unchanged.
        assert_eq!(
            builtin("b05").unwrap().render(Some(&ctx)),
            "What is a typical work day like?"
        );
    }

    #[test]
    fn render_with_half_a_contact_uses_what_it_has() {
        let only_org = PersonContext::new("", "Acme");
        assert_eq!(
            builtin("b03").unwrap().render(Some(&only_org)),
            "How long have you worked at Acme?"
        );
        assert_eq!(
            builtin("b18").unwrap().render(Some(&only_org)),
            "What is the salary ceiling for someone experienced in this field?"
        );
    }

    #[test]
    fn fill_uses_fallbacks_and_leaves_other_braces() {
        assert_eq!(
            fill("As {role} at {organization}, {x}?", None),
            "As your role at your organization, {x}?"
        );
        let ctx = PersonContext::new("{organization}", "Acme");
        assert_eq!(
            fill("{role} @ {organization} {", Some(&ctx)),
            "{organization} @ Acme {"
        );
    }
}
