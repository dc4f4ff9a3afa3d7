//! Preparing a chat with one contact: questions beside the user's own talking points, answers
//! written down, and the questions already asked of each contact.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Category, DrawFilter, PersonContext, QuestionBank, QuestionId};
use crate::model::{Contact, FollowUp, Interaction, InteractionKind};

/// Shown in place of talking points when the user has none yet.
pub const TALKING_POINTS_PROMPT: &str =
    "Add your own talking points in Settings: your interests and what you hope to do next.";

/// A set of questions ready for a chat, always with the user's talking points beside them: only
/// asking questions turns a chat into an interrogation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PreparedSet {
    /// The questions, as (id, text fitted to the contact).
    pub questions: Vec<(QuestionId, String)>,
    /// The user's talking points; when they have none, the one item [`TALKING_POINTS_PROMPT`].
    pub talking_points: Vec<String>,
    /// Whether `talking_points` holds only the prompt (so the UI can link to Settings).
    pub prompt_only: bool,
}

impl PreparedSet {
    /// The user's own talking points: empty when the set carries only the prompt.
    pub fn own_talking_points(&self) -> &[String] {
        if self.prompt_only {
            &[]
        } else {
            &self.talking_points
        }
    }
}

/// Prepares questions for a chat: each id (a drawn hand or questions picked by hand) with its
/// text fitted to the contact, unknown ids and repeats left out, and the user's talking points,
/// which the caller must pass (blank ones dropped; none gives the gentle prompt).
pub fn prepare(
    question_ids: &[QuestionId],
    bank: &QuestionBank,
    ctx: Option<&PersonContext>,
    talking_points: &[String],
) -> PreparedSet {
    let mut seen = BTreeSet::new();
    let questions = question_ids
        .iter()
        .filter(|id| seen.insert(id.as_str()))
        .filter_map(|id| bank.get(id))
        .map(|q| {
            let text = q.render(ctx);
            (q.id, text)
        })
        .collect();
    let own: Vec<String> = talking_points
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    let prompt_only = own.is_empty();
    PreparedSet {
        questions,
        talking_points: if prompt_only {
            vec![TALKING_POINTS_PROMPT.to_string()]
        } else {
            own
        },
        prompt_only,
    }
}

/// One question of a chat prep, with its text as it was prepared and what came of it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrepQuestion {
    pub id: QuestionId,
    /// The text as prepared for the contact (kept even if the question is later edited).
    pub text: String,
    pub asked: bool,
    /// What the user wrote down of the answer.
    pub answer: String,
}

/// The questions prepared for a chat with one contact, and what was asked and answered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChatPrep {
    pub contact_id: String,
    pub questions: Vec<PrepQuestion>,
    /// The user's talking points when the chat was prepared (never the prompt).
    pub talking_points: Vec<String>,
}

impl ChatPrep {
    /// A prep for a contact from a prepared set.
    pub fn new(contact_id: impl Into<String>, set: &PreparedSet) -> Self {
        ChatPrep {
            contact_id: contact_id.into(),
            questions: set
                .questions
                .iter()
                .map(|(id, text)| PrepQuestion {
                    id: id.clone(),
                    text: text.clone(),
                    ..PrepQuestion::default()
                })
                .collect(),
            talking_points: set.own_talking_points().to_vec(),
        }
    }

    /// The ids of the prepared questions, in order.
    pub fn question_ids(&self) -> Vec<QuestionId> {
        self.questions.iter().map(|q| q.id.clone()).collect()
    }

    /// Adds a question picked by hand, fitted to the contact; `false` if it is already there or
    /// does not exist.
    pub fn add_question(
        &mut self,
        id: &str,
        bank: &QuestionBank,
        ctx: Option<&PersonContext>,
    ) -> bool {
        if self.find(id).is_some() {
            return false;
        }
        let Some(q) = bank.get(id) else {
            return false;
        };
        self.questions.push(PrepQuestion {
            text: q.render(ctx),
            id: q.id,
            ..PrepQuestion::default()
        });
        true
    }

    /// Removes a question (and any answer written to it); `false` if it was not there.
    pub fn remove_question(&mut self, id: &str) -> bool {
        let before = self.questions.len();
        self.questions.retain(|q| q.id != id);
        self.questions.len() != before
    }

    /// Marks a question as asked or not (its answer is kept); `false` if it is not in the prep.
    pub fn set_asked(&mut self, id: &str, asked: bool) -> bool {
        match self.find(id) {
            Some(i) => {
                self.questions[i].asked = asked;
                true
            }
            None => false,
        }
    }

    /// Writes down the answer to a question; a non-blank answer also marks it as asked. `false`
    /// if it is not in the prep.
    pub fn set_answer(&mut self, id: &str, answer: &str) -> bool {
        match self.find(id) {
            Some(i) => {
                let q = &mut self.questions[i];
                q.answer = answer.trim().to_string();
                if !q.answer.is_empty() {
                    q.asked = true;
                }
                true
            }
            None => false,
        }
    }

    /// The ids of the questions asked, in order.
    pub fn asked_ids(&self) -> Vec<QuestionId> {
        self.questions
            .iter()
            .filter(|q| q.asked)
            .map(|q| q.id.clone())
            .collect()
    }

    /// A one-line summary for the contact's timeline, e.g. "Informational chat: asked 3
    /// questions, 2 answers noted."
    pub fn summary(&self) -> String {
        let asked = self.questions.iter().filter(|q| q.asked).count();
        let answered = self
            .questions
            .iter()
            .filter(|q| q.asked && !q.answer.is_empty())
            .count();
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        match (asked, answered) {
            (0, _) => "Informational chat.".to_string(),
            (a, 0) => format!(
                "Informational chat: asked {}.",
                plural(a, "question", "questions")
            ),
            (a, n) => format!(
                "Informational chat: asked {}, {} noted.",
                plural(a, "question", "questions"),
                plural(n, "answer", "answers")
            ),
        }
    }

    /// The asked questions and their answers as plain text for the contact's notes, under a dated
    /// heading:
    ///
    /// ```text
    /// Informational chat, 2025-03-01
    /// Q: What is a typical work day like?
    /// A: Meetings in the morning,
    ///    writing in the afternoon.
    /// ```
    ///
    /// Empty when nothing was asked.
    pub fn notes_block(&self, on: NaiveDate) -> String {
        let items: Vec<String> = self
            .questions
            .iter()
            .filter(|q| q.asked)
            .map(|q| {
                let lines: Vec<&str> = q
                    .answer
                    .lines()
                    .map(str::trim_end)
                    .filter(|l| !l.trim().is_empty())
                    .collect();
                let answer = if lines.is_empty() {
                    "(no answer noted)".to_string()
                } else {
                    lines.join("\n   ")
                };
                format!("Q: {}\nA: {answer}", q.text)
            })
            .collect();
        if items.is_empty() {
            return String::new();
        }
        format!("Informational chat, {on}\n{}", items.join("\n\n"))
    }

    /// The timeline entry for the chat, on the day it took place.
    pub fn interaction(&self, on: NaiveDate) -> Interaction {
        Interaction {
            id: crate::model::new_id(),
            date: on,
            kind: InteractionKind::Chat,
            summary: self.summary(),
        }
    }

    /// Logs the chat on the contact through the contact's own rules
    /// ([`Contact::log_interaction`]): the interaction takes its place in the timeline (newest
    /// first), the notes block is appended to their notes, and the thank-you follow-up those rules
    /// propose after a chat is returned, for the user to accept. The revision and `updated_at` are
    /// left to the save.
    pub fn apply_to_contact(
        &self,
        contact: &mut Contact,
        on: NaiveDate,
        today: NaiveDate,
    ) -> Option<FollowUp> {
        let proposal = contact.log_interaction(InteractionKind::Chat, on, self.summary(), today);
        contact.notes = append_notes(&contact.notes, &self.notes_block(on));
        proposal
    }

    /// The questions a new draw keeps: those asked or answered already. The others are replaced.
    pub fn kept_on_redraw(&self) -> Vec<PrepQuestion> {
        self.questions
            .iter()
            .filter(|q| q.asked || !q.answer.is_empty())
            .cloned()
            .collect()
    }

    /// The prep after a redraw: the `kept` questions first (see [`ChatPrep::kept_on_redraw`]),
    /// then the newly drawn set.
    pub fn redrawn(
        contact_id: impl Into<String>,
        kept: Vec<PrepQuestion>,
        set: &PreparedSet,
    ) -> Self {
        let mut next = ChatPrep::new(contact_id, set);
        next.questions.splice(0..0, kept);
        next
    }

    /// **Save to timeline**, in memory: the chat is logged on `contact` (see
    /// [`ChatPrep::apply_to_contact`]), its asked questions recorded in `asked`, and the
    /// preparation removed from `preps`. Returns the proposed thank-you. The caller saves the
    /// three together.
    pub fn save_to_timeline(
        &self,
        contact: &mut Contact,
        asked: &mut AskedLog,
        preps: &mut BTreeMap<String, ChatPrep>,
        on: NaiveDate,
        today: NaiveDate,
    ) -> Option<FollowUp> {
        let proposal = self.apply_to_contact(contact, on, today);
        asked.record_chat(self);
        preps.remove(&self.contact_id);
        proposal
    }

    fn find(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }
}

/// The questions the list offers to add to a chat with a contact: the visible ones of `category`
/// (every one when `None`), favourites first, neither asked of them before nor in their
/// preparation already, each as (id, text fitted to them).
pub fn pickable(
    bank: &QuestionBank,
    asked: &AskedLog,
    prep: Option<&ChatPrep>,
    contact_id: &str,
    category: Option<Category>,
    ctx: &PersonContext,
) -> Vec<(QuestionId, String)> {
    let asked = asked.asked_ids(contact_id);
    let prepared: BTreeSet<QuestionId> = prep
        .map(|p| p.question_ids().into_iter().collect())
        .unwrap_or_default();
    bank.list(category, true)
        .into_iter()
        .filter(|q| !asked.contains(&q.id) && !prepared.contains(&q.id))
        .map(|q| (q.id.clone(), q.render(Some(ctx))))
        .collect()
}

/// Notes with a block appended after a blank line (nothing added for a blank block).
pub fn append_notes(notes: &str, block: &str) -> String {
    let (notes, block) = (notes.trim_end(), block.trim());
    match (notes.is_empty(), block.is_empty()) {
        (_, true) => notes.to_string(),
        (true, false) => block.to_string(),
        (false, false) => format!("{notes}\n\n{block}"),
    }
}

/// The questions already asked of each contact (a persisted document), so that they are not
/// offered to them again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AskedLog {
    /// Contact id → ids of the questions asked of them.
    pub by_contact: BTreeMap<String, BTreeSet<QuestionId>>,
}

impl AskedLog {
    /// The ids asked of a contact.
    pub fn asked_ids(&self, contact_id: &str) -> BTreeSet<QuestionId> {
        self.by_contact.get(contact_id).cloned().unwrap_or_default()
    }

    /// Whether this question was asked of the contact.
    pub fn was_asked(&self, contact_id: &str, question_id: &str) -> bool {
        self.by_contact
            .get(contact_id)
            .is_some_and(|s| s.contains(question_id))
    }

    /// Records questions as asked of a contact.
    pub fn record(&mut self, contact_id: &str, ids: impl IntoIterator<Item = QuestionId>) {
        let mut ids = ids.into_iter().peekable();
        if ids.peek().is_some() {
            self.by_contact
                .entry(contact_id.to_string())
                .or_default()
                .extend(ids);
        }
    }

    /// Records the questions asked in a chat.
    pub fn record_chat(&mut self, prep: &ChatPrep) {
        self.record(&prep.contact_id, prep.asked_ids());
    }

    /// Makes a question available for the contact again; `false` if it was not recorded.
    pub fn forget(&mut self, contact_id: &str, question_id: &str) -> bool {
        let Some(set) = self.by_contact.get_mut(contact_id) else {
            return false;
        };
        let removed = set.remove(question_id);
        if set.is_empty() {
            self.by_contact.remove(contact_id);
        }
        removed
    }

    /// Drops everything recorded for a contact (e.g. when the contact is deleted).
    pub fn forget_contact(&mut self, contact_id: &str) -> bool {
        self.by_contact.remove(contact_id).is_some()
    }

    /// Drops the ids of questions that no longer exist.
    pub fn prune(&mut self, bank: &QuestionBank) {
        for set in self.by_contact.values_mut() {
            set.retain(|id| bank.contains(id));
        }
        self.by_contact.retain(|_, set| !set.is_empty());
    }

    /// The filter of a redraw for a contact: of `category` (every one when `None`), never a
    /// question asked of them before, nor one the redraw `keeps`.
    pub fn redraw_filter(
        &self,
        contact_id: &str,
        category: Option<Category>,
        keeps: &[PrepQuestion],
    ) -> DrawFilter {
        DrawFilter {
            categories: category.into_iter().collect(),
            ..self.filter_for(contact_id)
        }
        .excluding(keeps.iter().map(|q| q.id.clone()))
    }

    /// A draw filter that leaves out what was already asked of the contact. Narrow it to
    /// categories with `DrawFilter { categories, ..log.filter_for(id) }`.
    pub fn filter_for(&self, contact_id: &str) -> DrawFilter {
        DrawFilter::any().excluding(self.asked_ids(contact_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questions::{Category, Deck};
    use chrono::{TimeZone, Utc};

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()
    }

    fn ids(v: &[&str]) -> Vec<QuestionId> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn talking_points_always_travel_with_the_questions() {
        let bank = QuestionBank::default();
        let set = prepare(&ids(&["b05", "b03"]), &bank, None, &[]);
        assert_eq!(set.talking_points, [TALKING_POINTS_PROMPT]);
        assert!(set.prompt_only);
        assert!(set.own_talking_points().is_empty());

        let blank = prepare(&ids(&["b05"]), &bank, None, &["  ".to_string()]);
        assert!(blank.prompt_only);

        let points = vec![
            " I love urban planning ".to_string(),
            String::new(),
            "I hope to move into policy work".to_string(),
        ];
        let set = prepare(&ids(&["b05"]), &bank, None, &points);
        assert!(!set.prompt_only);
        assert_eq!(
            set.talking_points,
            ["I love urban planning", "I hope to move into policy work"]
        );
        assert_eq!(set.own_talking_points(), &set.talking_points[..]);
    }

    #[test]
    fn prepared_questions_are_fitted_to_the_contact() {
        let bank = QuestionBank::default();
        let ctx = PersonContext::new("Urban Planner", "City of Lyon");
        let set = prepare(&ids(&["b03", "b18", "b03", "nope"]), &bank, Some(&ctx), &[]);
        assert_eq!(
            set.questions,
            vec![
                (
                    "b03".to_string(),
                    "How long have you worked at City of Lyon?".to_string()
                ),
                (
                    "b18".to_string(),
                    "What is the salary ceiling for an experienced Urban Planner?".to_string()
                ),
            ]
        );
        let general = prepare(&ids(&["b03"]), &bank, None, &[]);
        assert_eq!(general.questions[0].1, "How long have you worked here?");
    }

    #[test]
    fn own_questions_fill_placeholders() {
        let mut bank = QuestionBank::default();
        let id = bank
            .add(
                "What does {organization} look for in a {role}?",
                Category::Organization,
            )
            .unwrap();
        let q = bank.get(&id).unwrap();
        assert_eq!(
            q.render(None),
            "What does your organization look for in a your role?"
        );
        let ctx = PersonContext::new("designer", "Acme");
        assert_eq!(
            q.render(Some(&ctx)),
            "What does Acme look for in a designer?"
        );
    }

    fn prep() -> ChatPrep {
        let bank = QuestionBank::default();
        let set = prepare(
            &ids(&["b05", "b06", "b26"]),
            &bank,
            None,
            &["I like maps".to_string()],
        );
        ChatPrep::new("contact-1", &set)
    }

    #[test]
    fn marking_asked_and_writing_answers() {
        let mut p = prep();
        assert_eq!(p.talking_points, ["I like maps"]);
        assert!(p.asked_ids().is_empty());
        assert_eq!(p.summary(), "Informational chat.");
        assert_eq!(p.notes_block(day()), "");

        assert!(p.set_answer(
            "b05",
            "  Meetings in the morning,\n\n writing after lunch.  "
        ));
        assert!(p.set_asked("b06", true));
        assert!(!p.set_asked("b01", true));
        assert!(p.set_asked("b26", true));
        assert!(p.set_asked("b26", false));
        assert_eq!(p.asked_ids(), ids(&["b05", "b06"]));
        assert_eq!(
            p.summary(),
            "Informational chat: asked 2 questions, 1 answer noted."
        );
        assert_eq!(
            p.notes_block(day()),
            "Informational chat, 2025-03-01\n\
             Q: What is a typical work day like?\n\
             A: Meetings in the morning,\n    writing after lunch.\n\
             \n\
             Q: How long is your work day?\n\
             A: (no answer noted)"
        );
        p.set_answer("b06", "");
        assert_eq!(
            p.summary(),
            "Informational chat: asked 2 questions, 1 answer noted."
        );
        p.set_asked("b05", false);
        assert_eq!(p.summary(), "Informational chat: asked 1 question.");
    }

    #[test]
    fn adding_and_removing_questions() {
        let bank = QuestionBank::default();
        let mut p = prep();
        let ctx = PersonContext::new("", "Acme");
        assert!(p.add_question("b16", &bank, Some(&ctx)));
        assert!(!p.add_question("b16", &bank, Some(&ctx)));
        assert!(!p.add_question("zzz", &bank, None));
        assert_eq!(
            p.questions.last().unwrap().text,
            "What is the size and makeup of Acme?"
        );
        assert!(p.remove_question("b05"));
        assert!(!p.remove_question("b05"));
        assert_eq!(p.question_ids(), ids(&["b06", "b26", "b16"]));
    }

    #[test]
    fn the_chat_lands_on_the_contact() {
        let mut p = prep();
        p.set_answer(
            "b26",
            "Talk to Sam at the planning office; yes, mention me.",
        );
        let now = Utc.with_ymd_and_hms(2025, 3, 1, 12, 0, 0).unwrap();
        let mut contact = Contact::new("Ada", now);
        contact.notes = "Met at the meetup.\n".to_string();
        let met = NaiveDate::from_ymd_opt(2025, 2, 1).unwrap();
        contact.log_interaction(InteractionKind::Met, met, "", met);
        let thank_you = p.apply_to_contact(&mut contact, day(), day()).unwrap();
        assert_eq!(thank_you.kind, crate::model::FollowUpKind::ThankYou);
        assert_eq!(thank_you.due, NaiveDate::from_ymd_opt(2025, 3, 2).unwrap());
        // The timeline stays newest first.
        assert_eq!(contact.interactions.len(), 2);
        assert_eq!(contact.interactions[1].kind, InteractionKind::Met);
        let i = &contact.interactions[0];
        assert_eq!(i.kind, InteractionKind::Chat);
        assert_eq!(i.date, day());
        assert_eq!(
            i.summary,
            "Informational chat: asked 1 question, 1 answer noted."
        );
        assert!(contact
            .notes
            .starts_with("Met at the meetup.\n\nInformational chat, 2025-03-01\nQ: What other"));
        assert!(contact
            .notes
            .ends_with("A: Talk to Sam at the planning office; yes, mention me."));
    }

    #[test]
    fn a_redraw_keeps_what_was_asked_or_answered_and_draws_around_it() {
        let mut p = prep();
        p.set_answer("b05", "Mornings.");
        p.set_asked("b06", true);
        let kept = p.kept_on_redraw();
        let kept_ids: Vec<&str> = kept.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(kept_ids, ["b05", "b06"]);
        let mut log = AskedLog::default();
        log.record("c1", ids(&["b01"]));
        let filter = log.redraw_filter("c1", Some(Category::RoleAndDay), &kept);
        assert_eq!(
            filter.exclude,
            ["b01", "b05", "b06"].map(String::from).into()
        );
        assert_eq!(filter.categories, [Category::RoleAndDay].into());
        let bank = QuestionBank::default();
        let set = prepare(&ids(&["b02"]), &bank, None, &[]);
        let next = ChatPrep::redrawn("c1", kept, &set);
        assert_eq!(next.question_ids(), ids(&["b05", "b06", "b02"]));
        assert_eq!(next.questions[0].answer, "Mornings.");
        assert!(next.questions[1].asked);
    }

    #[test]
    fn the_list_offers_neither_asked_nor_prepared_questions() {
        let bank = QuestionBank::default();
        let p = prep();
        let mut log = AskedLog::default();
        log.record(&p.contact_id, ids(&["b01"]));
        let ctx = PersonContext::default();
        let offered = pickable(&bank, &log, Some(&p), &p.contact_id, None, &ctx);
        let offered: Vec<&str> = offered.iter().map(|(id, _)| id.as_str()).collect();
        for gone in ["b01", "b05", "b06", "b26"] {
            assert!(!offered.contains(&gone), "{gone}");
        }
        assert_eq!(offered.len(), 26 - 4);
        let some = pickable(&bank, &log, None, "other", Some(Category::RoleAndDay), &ctx);
        assert!(!some.is_empty());
        assert!(some
            .iter()
            .all(|(id, _)| bank.visible_category(id) == Some(Category::RoleAndDay)));
    }

    #[test]
    fn saving_to_the_timeline_logs_records_and_drops_the_preparation() {
        let mut p = prep();
        p.set_asked("b26", true);
        let now = Utc.with_ymd_and_hms(2025, 3, 1, 12, 0, 0).unwrap();
        let mut contact = Contact::new("Ada", now);
        contact.id = p.contact_id.clone();
        let mut asked = AskedLog::default();
        let mut preps = BTreeMap::from([(p.contact_id.clone(), p.clone())]);
        let proposal = p.save_to_timeline(&mut contact, &mut asked, &mut preps, day(), day());
        assert!(proposal.is_some());
        assert_eq!(contact.interactions[0].kind, InteractionKind::Chat);
        assert!(asked.was_asked(&p.contact_id, "b26"));
        assert!(preps.is_empty());
    }

    #[test]
    fn append_notes_joins_with_a_blank_line() {
        assert_eq!(append_notes("", "Q: x\nA: y"), "Q: x\nA: y");
        assert_eq!(append_notes("old\n\n", "new"), "old\n\nnew");
        assert_eq!(append_notes("old", "  "), "old");
    }

    #[test]
    fn asked_questions_are_not_offered_to_that_contact_again() {
        let bank = QuestionBank::default();
        let mut log = AskedLog::default();
        let mut p = prep();
        p.set_asked("b05", true);
        p.set_asked("b26", true);
        log.record_chat(&p);
        log.record("contact-1", Vec::new());
        log.record("contact-2", Vec::new());
        assert!(!log.by_contact.contains_key("contact-2"));
        assert!(log.was_asked("contact-1", "b05"));
        assert!(!log.was_asked("contact-1", "b06"));
        assert!(!log.was_asked("contact-2", "b05"));

        let filter = log.filter_for("contact-1");
        let mut deck = Deck::new(77, &bank);
        for _ in 0..30 {
            let hand = deck.draw(5, &bank, &filter);
            assert_eq!(hand.len(), 5);
            assert!(hand.iter().all(|id| id != "b05" && id != "b26"));
        }
        let people = DrawFilter {
            categories: [Category::PeopleToTalkTo].into_iter().collect(),
            ..log.filter_for("contact-1")
        };
        assert_eq!(deck.draw(5, &bank, &people), ids(&["b21"]));
        // Someone else may be asked anything.
        assert_eq!(
            deck.draw(
                5,
                &bank,
                &DrawFilter {
                    ..log.filter_for("contact-2")
                }
            )
            .len(),
            5
        );

        assert!(log.forget("contact-1", "b05"));
        assert!(!log.forget("contact-1", "b05"));
        assert!(log.forget("contact-1", "b26"));
        assert!(!log.by_contact.contains_key("contact-1"));
    }

    #[test]
    fn the_log_prunes_and_round_trips() {
        let mut bank = QuestionBank::default();
        let own = bank.add("Own?", Category::RoleAndDay).unwrap();
        let mut log = AskedLog::default();
        log.record("c", [own.clone(), "b01".to_string()]);
        log.record("d", [own.clone()]);
        let json = serde_json::to_string(&log).unwrap();
        assert_eq!(serde_json::from_str::<AskedLog>(&json).unwrap(), log);
        assert_eq!(
            serde_json::from_str::<AskedLog>("{}").unwrap(),
            AskedLog::default()
        );
        bank.delete(&own).unwrap();
        log.prune(&bank);
        assert_eq!(
            log.asked_ids("c"),
            ["b01".to_string()].into_iter().collect()
        );
        assert!(!log.by_contact.contains_key("d"));
        assert!(log.forget_contact("c"));
        assert!(!log.forget_contact("c"));
    }

    #[test]
    fn a_chat_prep_round_trips() {
        let mut p = prep();
        p.set_answer("b06", "Nine to five.");
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<ChatPrep>(&json).unwrap(), p);
    }
}
