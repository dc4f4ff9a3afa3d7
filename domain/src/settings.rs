//! The user's own settings: who they are (for message templates) and their talking points (so a
//! prepared chat is a conversation, not an interrogation).

use serde::{Deserialize, Serialize};

use crate::events::Event;
use crate::template::Me;

/// The settings document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The user's name and signature, filled into messages.
    pub me: Me,
    /// The user's own interests and aspirations, one per entry.
    pub talking_points: Vec<String>,
    /// The current event: conference mode is on while it is set.
    pub event: Option<Event>,
}

impl Settings {
    /// Sets the talking points from text typed one per line, dropping blank lines.
    pub fn set_talking_points(&mut self, text: &str) {
        self.talking_points = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn talking_points_are_typed_one_per_line() {
        let mut s = Settings::default();
        s.set_talking_points("  I love open data \n\n Moving into UX research\n");
        assert_eq!(
            s.talking_points,
            ["I love open data", "Moving into UX research"]
        );
    }

    #[test]
    fn an_empty_document_reads_as_defaults() {
        let s: Settings = serde_json::from_str("{}").unwrap();
        assert_eq!(s, Settings::default());
    }
}
