//! The records the user keeps: contacts, with their timeline of interactions and their follow-ups.
//!
//! A [`Contact`] is stored as one document that carries its own interactions and follow-ups, so that
//! logging a chat or ticking a follow-up rewrites that one contact and nothing else.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A fresh random id (UUID v4, as text).
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// How close the user is to someone (Granovetter's weak and strong ties).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum TieStrength {
    #[default]
    Weak,
    Medium,
    Strong,
}

/// How often the user wants to be in touch with a contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    TwoWeeks,
    Month,
    Quarter,
    HalfYear,
    Year,
}

/// What kind of moment an interaction records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKind {
    Met,
    Chat,
    Call,
    Message,
    ThankYouSent,
    Note,
}

/// A dated entry on a contact's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: String,
    pub date: NaiveDate,
    pub kind: InteractionKind,
    #[serde(default)]
    pub summary: String,
}

/// What a follow-up asks the user to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpKind {
    ThankYou,
    CheckIn,
    Introduction,
    SendSomething,
    Other,
}

/// Something the user owes a contact, due on a calendar date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: String,
    pub kind: FollowUpKind,
    /// Free text: what exactly to do.
    #[serde(default)]
    pub text: String,
    pub due: NaiveDate,
    /// The day it was done; `None` while it is open.
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
}

/// A person the user has met.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub linkedin: String,
    /// Other web links (personal site, portfolio...).
    #[serde(default)]
    pub links: Vec<String>,
    /// The event or place where they met.
    #[serde(default)]
    pub where_met: String,
    #[serde(default)]
    pub met_on: Option<NaiveDate>,
    /// Free text: how they met.
    #[serde(default)]
    pub how_met: String,
    /// The id of the contact who introduced them.
    #[serde(default)]
    pub introduced_by: Option<String>,
    #[serde(default)]
    pub tie: TieStrength,
    #[serde(default)]
    pub tags: Vec<String>,
    /// What the user learned about the person (multi-line).
    #[serde(default)]
    pub notes: String,
    /// The user's research before meeting them: their profile, their organization, common
    /// ground (multi-line; shown on the prep sheet).
    #[serde(default)]
    pub research: String,
    #[serde(default)]
    pub cadence: Option<Cadence>,
    #[serde(default)]
    pub interactions: Vec<Interaction>,
    #[serde(default)]
    pub follow_ups: Vec<FollowUp>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Revision counter, raised by one on every save; guards against overwriting a newer edit
    /// made in another tab.
    #[serde(default)]
    pub rev: u64,
}

impl Contact {
    /// A new contact with just a name, created at `now`.
    pub fn new(name: impl Into<String>, now: DateTime<Utc>) -> Self {
        Contact {
            id: new_id(),
            name: name.into(),
            role: String::new(),
            organization: String::new(),
            emails: Vec::new(),
            phones: Vec::new(),
            linkedin: String::new(),
            links: Vec::new(),
            where_met: String::new(),
            met_on: None,
            how_met: String::new(),
            introduced_by: None,
            tie: TieStrength::Weak,
            tags: Vec::new(),
            notes: String::new(),
            research: String::new(),
            cadence: None,
            interactions: Vec::new(),
            follow_ups: Vec::new(),
            created_at: now,
            updated_at: now,
            rev: 0,
        }
    }
}
