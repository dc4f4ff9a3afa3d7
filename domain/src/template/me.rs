//! The user, as they sign their messages and as their card shows them.

use serde::{Deserialize, Serialize};

/// The user, as they sign their messages and as their card shows them (kept in the settings).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Me {
    pub name: String,
    /// Free text, possibly several lines, put under the sign-off.
    pub signature: String,
    /// For the user's card (see `card`): job title, organization, one email, one phone, and one
    /// web link (a site or a LinkedIn profile).
    pub role: String,
    pub organization: String,
    pub email: String,
    pub phone: String,
    pub website: String,
}

impl Me {
    /// Fills each blank field from `other`, keeping the fields that have a value (how a backup's
    /// settings merge into ours).
    pub fn fill_blanks(&mut self, other: Me) {
        let pairs = [
            (&mut self.name, other.name),
            (&mut self.signature, other.signature),
            (&mut self.role, other.role),
            (&mut self.organization, other.organization),
            (&mut self.email, other.email),
            (&mut self.phone, other.phone),
            (&mut self.website, other.website),
        ];
        for (mine, theirs) in pairs {
            if mine.trim().is_empty() {
                *mine = theirs;
            }
        }
    }
}
