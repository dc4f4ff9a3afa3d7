//! Preparing a chat in the app state: the question bank, the questions drawn or picked for a
//! contact, and **Save to timeline**, one all-or-nothing write.

use chrono::NaiveDate;
use leptos::prelude::*;
use weak_ties_domain::questions::{
    drawn_message, prepare, Category, ChatPrep, PersonContext, PreparedSet, QuestionBank,
    QuestionError,
};

use super::{now, refuse_if_corrupt, today, AppState, Proposal};

impl AppState {
    /// Changes the question bank and saves it; nothing is saved when the bank refuses the change.
    pub fn change_bank<R>(
        &self,
        change: impl FnOnce(&mut QuestionBank) -> Result<R, QuestionError>,
    ) -> Result<R, String> {
        let mut bank = self.bank.value.get_untracked();
        let result = change(&mut bank).map_err(|e| e.to_string())?;
        self.save_doc(self.bank, bank)?;
        Ok(result)
    }

    /// Changes the stored preparation for a contact (nothing happens if there is none).
    pub fn change_prep(
        &self,
        contact_id: &str,
        change: impl FnOnce(&mut ChatPrep),
    ) -> Result<(), String> {
        self.change_doc(self.preps, |preps| {
            if let Some(prep) = preps.get_mut(contact_id) {
                change(prep);
            }
        })
    }

    /// Puts `prep` in place of the contact's preparation.
    fn put_prep(&self, contact_id: String, prep: ChatPrep) -> Result<(), String> {
        self.change_doc(self.preps, |m| {
            m.insert(contact_id, prep);
        })
    }

    /// The user's talking points, as a prepared set of no question.
    fn no_questions(&self) -> PreparedSet {
        let bank = self.bank.value.get_untracked();
        self.settings
            .value
            .with_untracked(|s| prepare(&[], &bank, None, &s.talking_points))
    }

    /// Draws `n` questions (of `category`, or any) for the chat with a contact: the questions
    /// already asked or answered stay, the others are replaced, and none asked of them before
    /// comes back. Returns what the draw did, for the status line.
    pub fn draw_for_chat(
        &self,
        contact_id: &str,
        n: usize,
        category: Option<Category>,
        ctx: &PersonContext,
    ) -> Result<String, String> {
        let bank = self.bank.value.get_untracked();
        let kept = self
            .preps
            .value
            .with_untracked(|m| m.get(contact_id).map(ChatPrep::kept_on_redraw))
            .unwrap_or_default();
        let filter = self
            .asked
            .value
            .with_untracked(|a| a.redraw_filter(contact_id, category, &kept));
        let (ids, left) = self.change_doc(self.deck, |d| {
            let ids = d.draw(n, &bank, &filter);
            (ids, d.remaining(&bank, &filter))
        })?;
        let points = self.no_questions();
        let set = prepare(&ids, &bank, Some(ctx), points.own_talking_points());
        self.put_prep(
            contact_id.to_string(),
            ChatPrep::redrawn(contact_id, kept, &set),
        )?;
        Ok(drawn_message(n, ids.len(), left))
    }

    /// Adds a question picked from the list to the chat with a contact.
    pub fn pick_for_chat(
        &self,
        contact_id: &str,
        question_id: &str,
        ctx: &PersonContext,
    ) -> Result<(), String> {
        let bank = self.bank.value.get_untracked();
        let mut next = self
            .preps
            .value
            .with_untracked(|m| m.get(contact_id).cloned())
            .unwrap_or_else(|| ChatPrep::new(contact_id, &self.no_questions()));
        next.add_question(question_id, &bank, Some(ctx));
        self.put_prep(contact_id.to_string(), next)
    }

    /// Drops the preparation of a chat with a contact.
    pub fn discard_prep(&self, contact_id: &str) -> Result<(), String> {
        self.change_doc(self.preps, |m| {
            m.remove(contact_id);
        })
    }

    /// **Save to timeline**: the prepared chat is logged on the contact (with the answers in their
    /// notes), its questions recorded as asked of them, and the preparation removed, in one
    /// all-or-nothing write; then the thank-you it proposes is offered. Nothing happens without
    /// a preparation.
    pub fn save_chat(&self, contact_id: &str, on: NaiveDate) -> Result<(), String> {
        let Some(prep) = self
            .preps
            .value
            .with_untracked(|m| m.get(contact_id).cloned())
        else {
            return Ok(());
        };
        refuse_if_corrupt(self.asked)?;
        refuse_if_corrupt(self.preps)?;
        let mut contact = self
            .contacts()
            .with_untracked(|b| b.get(contact_id).cloned())
            .ok_or_else(|| "This contact no longer exists.".to_string())?;
        let mut asked = self.asked.value.get_untracked();
        let mut preps = self.preps.value.get_untracked();
        let proposal = prep.save_to_timeline(&mut contact, &mut asked, &mut preps, on, today());
        let (asked_doc, preps_doc) = (self.asked.document, self.preps.document);
        let saved = self.with_repo(|repo| {
            let docs = [
                (asked_doc, repo.doc_text(asked_doc, &asked)?),
                (preps_doc, repo.doc_text(preps_doc, &preps)?),
            ];
            repo.save_contact_with_docs(&contact, &docs, now())
        })?;
        self.contacts().update(|b| {
            b.upsert(saved);
        });
        self.asked.value.set(asked);
        self.preps.value.set(preps);
        self.proposal.set(proposal.map(|follow_up| Proposal {
            contact_id: contact_id.to_string(),
            follow_up,
        }));
        Ok(())
    }
}
