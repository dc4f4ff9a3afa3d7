//! The informational-interview deck and chat preparation.
//!
//! - [`BUILTINS`]: the 26 questions of "The Essence of Networking" (Harvard's suggested questions),
//!   each with a stable id (`b01`..`b26`) and a [`Category`].
//! - [`QuestionBank`]: the user's own questions, hidden built-ins and favourites (a persisted doc).
//! - [`Deck`]: a fair, seedable Fisher–Yates shuffle dealt a hand at a time; no question comes back
//!   before the deck has been gone through (a persisted doc).
//! - [`prepare`], [`ChatPrep`], [`AskedLog`]: a prepared set for one contact, with the user's own
//!   talking points beside the questions, answers written down during the chat, and the ids already
//!   asked of each contact so they are not offered again.

mod bank;
mod builtin;
mod deck;
mod hand;
mod prep;

pub use bank::{QuestionBank, QuestionError};
pub use builtin::{builtin, BuiltinQuestion, BUILTINS};
pub use deck::{fisher_yates, next_seed, uniform_below, Deck, DrawFilter, DEFAULT_HAND_SIZE};
pub use hand::{drawn_message, hand_size, questions_text, MAX_HAND};
pub use prep::{
    append_notes, pickable, prepare, AskedLog, ChatPrep, PrepQuestion, PreparedSet,
    TALKING_POINTS_PROMPT,
};

use serde::{Deserialize, Serialize};

/// The id of a question: `b01`..`b26` for the built-ins, a UUID for the user's own.
pub type QuestionId = String;

/// What a question is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// The role and a typical day.
    RoleAndDay,
    /// How the person got there: path and background.
    PathAndBackground,
    /// The organization: size, training, advancement.
    Organization,
    /// The field: skills, pay, issues and trends.
    FieldAndTrends,
    /// Advice and next steps for the user.
    AdviceAndNextSteps,
    /// Other people to talk to, and where to meet them.
    PeopleToTalkTo,
}

impl Category {
    /// Every category, in the order they are shown.
    pub const ALL: [Category; 6] = [
        Category::RoleAndDay,
        Category::PathAndBackground,
        Category::Organization,
        Category::FieldAndTrends,
        Category::AdviceAndNextSteps,
        Category::PeopleToTalkTo,
    ];

    /// The label shown to the user.
    pub fn label(self) -> &'static str {
        match self {
            Category::RoleAndDay => "The role and a typical day",
            Category::PathAndBackground => "Path and background",
            Category::Organization => "The organization",
            Category::FieldAndTrends => "The field and its trends",
            Category::AdviceAndNextSteps => "Advice and next steps",
            Category::PeopleToTalkTo => "People to talk to",
        }
    }
}

/// The person a chat is prepared for: their role and organization fill the placeholders.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonContext {
    pub role: String,
    pub organization: String,
}

impl PersonContext {
    /// A context from a role and an organization (either may be empty).
    pub fn new(role: impl Into<String>, organization: impl Into<String>) -> Self {
        PersonContext {
            role: role.into(),
            organization: organization.into(),
        }
    }

    /// The context of a contact: their role and organization.
    pub fn from_contact(contact: &crate::model::Contact) -> Self {
        PersonContext::new(contact.role.clone(), contact.organization.clone())
    }
}

/// A question as the user sees it: a built-in or one of their own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: QuestionId,
    /// The text. Built-ins hold their general wording; any text may use the placeholders `{role}`
    /// and `{organization}` (see [`Question::render`]).
    pub text: String,
    pub category: Category,
    #[serde(default)]
    pub builtin: bool,
}

impl Question {
    /// The text to show, fitted to a person when there is one.
    ///
    /// A built-in with a tailored wording uses it when the context fills every placeholder it
    /// names (e.g. "How long have you worked at Acme?"), and its general wording from the article
    /// otherwise ("How long have you worked here?"). In any other text, `{role}` and
    /// `{organization}` are filled from the context, or read "your role" / "your organization"
    /// when it is missing or empty.
    pub fn render(&self, ctx: Option<&PersonContext>) -> String {
        if self.builtin {
            if let Some(b) = builtin(&self.id) {
                return b.render(ctx);
            }
        }
        builtin::fill(&self.text, ctx)
    }
}
