//! Conference mode in the app state: the current event, quick add's first values, and the
//! end-of-day review's thank-yous.

use leptos::prelude::*;
use weak_ties_domain::events::{with_thank_yous, Event, Proposed};
use weak_ties_domain::form::ContactDraft;

use super::{now, today, AppState, Toast};

impl AppState {
    /// The current event, while conference mode is on (tracked).
    pub fn current_event(&self) -> Memo<Option<Event>> {
        let settings = self.settings.value;
        Memo::new(move |_| settings.with(|s| s.event.clone()))
    }

    /// Saves the current event (`None` turns conference mode off); a refusal shows as a toast.
    pub fn set_event(&self, event: Option<Event>) {
        if let Err(message) = self.change_doc(self.settings, |s| s.event = event) {
            self.show(Toast {
                message,
                undo: None,
            });
        }
    }

    /// What quick add starts from: the event's place, date and tag while conference mode is on.
    pub fn quick_add_draft(&self) -> ContactDraft {
        self.settings.value.with_untracked(|s| {
            s.event
                .as_ref()
                .map(|e| e.quick_add(today()))
                .unwrap_or_default()
        })
    }

    /// Adds the thank-you follow-ups the end-of-day review proposes, all in one all-or-nothing
    /// save, and says how many were added; a refusal changes nothing and says why.
    pub fn add_thank_yous(&self, proposed: Vec<Proposed>) -> Result<String, String> {
        let added = proposed.len();
        let edited = self
            .contacts()
            .with_untracked(|b| with_thank_yous(b, proposed))
            .ok_or_else(|| "One of these contacts no longer exists.".to_string())?;
        let saved = self.with_repo(|repo| repo.save_contacts(&edited, now()))?;
        self.contacts().update(|b| {
            for contact in saved {
                b.upsert(contact);
            }
        });
        Ok(match added {
            1 => "Added 1 thank-you follow-up.".to_string(),
            n => format!("Added {n} thank-you follow-ups."),
        })
    }
}
