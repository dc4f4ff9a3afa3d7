//! The user's question bank: their own questions, the built-ins they hid, their favourites.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::builtin::{builtin, BUILTINS};
use super::{Category, Question, QuestionId};

/// Why a change to the bank was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuestionError {
    /// The text is empty or only spaces.
    Blank,
    /// A visible question already reads the same (ignoring case and spacing).
    Duplicate(QuestionId),
    /// No question has this id.
    NotFound,
    /// Built-in questions cannot be edited or deleted; they can be hidden.
    Builtin,
    /// Only built-in questions are hidden; the user's own are deleted.
    NotBuiltin,
}

impl fmt::Display for QuestionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            QuestionError::Blank => "Write the question first.",
            QuestionError::Duplicate(_) => "This question is already in your deck.",
            QuestionError::NotFound => "This question no longer exists.",
            QuestionError::Builtin => "Built-in questions cannot be changed; you can hide them.",
            QuestionError::NotBuiltin => "Only built-in questions can be hidden.",
        })
    }
}

impl std::error::Error for QuestionError {}

/// The user's questions (a persisted document): their own, the built-in ids they hid, and the ids
/// they marked as favourites.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuestionBank {
    /// The user's own questions, in the order they were added.
    pub own: Vec<Question>,
    /// Built-in ids the user does not want to see.
    pub hidden: BTreeSet<QuestionId>,
    /// Ids of favourite questions (built-in or own).
    pub favourites: BTreeSet<QuestionId>,
}

/// Text compared for duplicates: lowercase, single spaces.
fn normalized(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The trimmed text, or `Blank`.
fn cleaned(text: &str) -> Result<String, QuestionError> {
    let t = text.trim();
    if t.is_empty() {
        Err(QuestionError::Blank)
    } else {
        Ok(t.to_string())
    }
}

impl QuestionBank {
    /// Adds one of the user's own questions and returns its new id.
    pub fn add(&mut self, text: &str, category: Category) -> Result<QuestionId, QuestionError> {
        let text = cleaned(text)?;
        self.check_duplicate(&text, None)?;
        let id = crate::model::new_id();
        self.own.push(Question {
            id: id.clone(),
            text,
            category,
            builtin: false,
        });
        Ok(id)
    }

    /// Changes the text and category of one of the user's own questions.
    pub fn edit(&mut self, id: &str, text: &str, category: Category) -> Result<(), QuestionError> {
        if builtin(id).is_some() {
            return Err(QuestionError::Builtin);
        }
        let text = cleaned(text)?;
        self.check_duplicate(&text, Some(id))?;
        let q = self
            .own
            .iter_mut()
            .find(|q| q.id == id)
            .ok_or(QuestionError::NotFound)?;
        q.text = text;
        q.category = category;
        Ok(())
    }

    /// Deletes one of the user's own questions (built-ins are hidden instead) and returns it.
    pub fn delete(&mut self, id: &str) -> Result<Question, QuestionError> {
        if builtin(id).is_some() {
            return Err(QuestionError::Builtin);
        }
        let i = self
            .own
            .iter()
            .position(|q| q.id == id)
            .ok_or(QuestionError::NotFound)?;
        self.favourites.remove(id);
        Ok(self.own.remove(i))
    }

    /// Hides a built-in question. Hiding twice is fine.
    pub fn hide(&mut self, id: &str) -> Result<(), QuestionError> {
        self.builtin_id(id)?;
        self.hidden.insert(id.to_string());
        Ok(())
    }

    /// Shows a hidden built-in question again.
    pub fn unhide(&mut self, id: &str) -> Result<(), QuestionError> {
        self.builtin_id(id)?;
        self.hidden.remove(id);
        Ok(())
    }

    /// Marks or unmarks a question as a favourite; returns whether it is one now.
    pub fn toggle_favourite(&mut self, id: &str) -> Result<bool, QuestionError> {
        if self.get(id).is_none() {
            return Err(QuestionError::NotFound);
        }
        if self.favourites.remove(id) {
            Ok(false)
        } else {
            self.favourites.insert(id.to_string());
            Ok(true)
        }
    }

    /// Whether the question is a favourite.
    pub fn is_favourite(&self, id: &str) -> bool {
        self.favourites.contains(id)
    }

    /// Whether the question is a hidden built-in.
    pub fn is_hidden(&self, id: &str) -> bool {
        self.hidden.contains(id) && builtin(id).is_some()
    }

    /// The question with this id, hidden or not.
    pub fn get(&self, id: &str) -> Option<Question> {
        match builtin(id) {
            Some(b) => Some(b.question()),
            None => self.own.iter().find(|q| q.id == id).cloned(),
        }
    }

    /// Whether a question with this id exists (hidden or not).
    pub fn contains(&self, id: &str) -> bool {
        builtin(id).is_some() || self.own.iter().any(|q| q.id == id)
    }

    /// The category of a visible question; `None` if it is hidden or does not exist.
    pub fn visible_category(&self, id: &str) -> Option<Category> {
        match builtin(id) {
            Some(b) if !self.hidden.contains(id) => Some(b.category),
            Some(_) => None,
            None => self.own.iter().find(|q| q.id == id).map(|q| q.category),
        }
    }

    /// Every question the user sees: the built-ins not hidden, in the article's order, then their
    /// own in the order they were added.
    pub fn all_visible(&self) -> Vec<Question> {
        BUILTINS
            .iter()
            .filter(|b| !self.hidden.contains(b.id))
            .map(|b| b.question())
            .chain(self.own.iter().cloned())
            .collect()
    }

    /// The ids of [`QuestionBank::all_visible`].
    pub fn visible_ids(&self) -> Vec<QuestionId> {
        self.all_visible().into_iter().map(|q| q.id).collect()
    }

    /// The hidden built-ins, so they can be shown again.
    pub fn hidden_builtins(&self) -> Vec<Question> {
        BUILTINS
            .iter()
            .filter(|b| self.hidden.contains(b.id))
            .map(|b| b.question())
            .collect()
    }

    /// The visible questions of one category.
    pub fn by_category(&self, category: Category) -> Vec<Question> {
        self.list(Some(category), false)
    }

    /// The visible questions, of one category or all, optionally with the favourites first (the
    /// order is otherwise kept).
    pub fn list(&self, category: Option<Category>, favourites_first: bool) -> Vec<Question> {
        let mut qs: Vec<Question> = self
            .all_visible()
            .into_iter()
            .filter(|q| category.is_none_or(|c| q.category == c))
            .collect();
        if favourites_first {
            // A stable sort keeps the order within favourites and within the rest.
            qs.sort_by_key(|q| !self.favourites.contains(&q.id));
        }
        qs
    }

    fn builtin_id(&self, id: &str) -> Result<(), QuestionError> {
        if builtin(id).is_some() {
            Ok(())
        } else if self.own.iter().any(|q| q.id == id) {
            Err(QuestionError::NotBuiltin)
        } else {
            Err(QuestionError::NotFound)
        }
    }

    fn check_duplicate(&self, text: &str, except: Option<&str>) -> Result<(), QuestionError> {
        let n = normalized(text);
        match self
            .all_visible()
            .into_iter()
            .find(|q| Some(q.id.as_str()) != except && normalized(&q.text) == n)
        {
            Some(q) => Err(QuestionError::Duplicate(q.id)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_bank_shows_the_26_builtins() {
        let bank = QuestionBank::default();
        let all = bank.all_visible();
        assert_eq!(all.len(), 26);
        assert!(all.iter().all(|q| q.builtin));
        assert_eq!(all[0].id, "b01");
    }

    #[test]
    fn add_edit_delete_own_questions() {
        let mut bank = QuestionBank::default();
        assert_eq!(
            bank.add("   ", Category::Organization),
            Err(QuestionError::Blank)
        );
        let id = bank
            .add(
                "  What does a good first year look like?  ",
                Category::Organization,
            )
            .unwrap();
        let q = bank.get(&id).unwrap();
        assert_eq!(q.text, "What does a good first year look like?");
        assert!(!q.builtin);
        assert_eq!(bank.all_visible().len(), 27);
        assert_eq!(bank.all_visible().last().unwrap().id, id);

        assert_eq!(
            bank.add(
                "what does a good   FIRST year look like?",
                Category::RoleAndDay
            ),
            Err(QuestionError::Duplicate(id.clone()))
        );
        assert_eq!(
            bank.add("How long is your work day?", Category::RoleAndDay),
            Err(QuestionError::Duplicate("b06".into()))
        );

        assert_eq!(
            bank.edit(&id, "", Category::RoleAndDay),
            Err(QuestionError::Blank)
        );
        bank.edit(
            &id,
            "What does a great first year look like?",
            Category::RoleAndDay,
        )
        .unwrap();
        // Re-saving with the same text is not a duplicate of itself.
        bank.edit(
            &id,
            "What does a great first year look like?",
            Category::RoleAndDay,
        )
        .unwrap();
        assert_eq!(bank.get(&id).unwrap().category, Category::RoleAndDay);
        assert_eq!(
            bank.edit("b01", "x", Category::RoleAndDay),
            Err(QuestionError::Builtin)
        );
        assert_eq!(
            bank.edit("nope", "x", Category::RoleAndDay),
            Err(QuestionError::NotFound)
        );

        assert!(bank.toggle_favourite(&id).unwrap());
        assert_eq!(bank.delete("b01"), Err(QuestionError::Builtin));
        assert_eq!(bank.delete(&id).unwrap().id, id);
        assert!(
            !bank.is_favourite(&id),
            "a deleted question is no longer a favourite"
        );
        assert_eq!(bank.delete(&id), Err(QuestionError::NotFound));
        assert_eq!(bank.all_visible().len(), 26);
    }

    #[test]
    fn hide_and_unhide_builtins() {
        let mut bank = QuestionBank::default();
        bank.hide("b09").unwrap();
        bank.hide("b09").unwrap();
        assert!(bank.is_hidden("b09"));
        assert_eq!(bank.all_visible().len(), 25);
        assert!(bank.all_visible().iter().all(|q| q.id != "b09"));
        assert_eq!(bank.hidden_builtins()[0].id, "b09");
        assert_eq!(bank.visible_category("b09"), None);
        assert!(
            bank.get("b09").is_some(),
            "a hidden question can still be looked up"
        );
        // A hidden built-in no longer blocks the same text as the user's own.
        assert!(bank
            .add("How much client contact do you have?", Category::RoleAndDay)
            .is_ok());
        bank.unhide("b09").unwrap();
        assert_eq!(bank.visible_category("b09"), Some(Category::RoleAndDay));

        let id = bank.add("Own one?", Category::RoleAndDay).unwrap();
        assert_eq!(bank.hide(&id), Err(QuestionError::NotBuiltin));
        assert_eq!(bank.hide("b99"), Err(QuestionError::NotFound));
    }

    #[test]
    fn favourites_toggle_and_come_first() {
        let mut bank = QuestionBank::default();
        assert!(bank.toggle_favourite("b20").unwrap());
        assert!(bank.toggle_favourite("b05").unwrap());
        assert!(bank.toggle_favourite("b06").unwrap());
        assert!(!bank.toggle_favourite("b06").unwrap());
        assert_eq!(bank.toggle_favourite("zz"), Err(QuestionError::NotFound));

        let ids: Vec<_> = bank.list(None, true).into_iter().map(|q| q.id).collect();
        assert_eq!(&ids[..3], ["b05", "b20", "b01"]);
        assert_eq!(ids.len(), 26);
        let plain: Vec<_> = bank.list(None, false).into_iter().map(|q| q.id).collect();
        assert_eq!(&plain[..2], ["b01", "b02"]);
    }

    #[test]
    fn filter_by_category() {
        let mut bank = QuestionBank::default();
        let id = bank
            .add("Who else should I meet?", Category::PeopleToTalkTo)
            .unwrap();
        let people: Vec<_> = bank
            .by_category(Category::PeopleToTalkTo)
            .into_iter()
            .map(|q| q.id)
            .collect();
        assert_eq!(people, ["b21".to_string(), "b26".to_string(), id]);
        for c in Category::ALL {
            assert!(bank.by_category(c).iter().all(|q| q.category == c));
            assert!(!bank.by_category(c).is_empty());
        }
        bank.toggle_favourite("b26").unwrap();
        let favs_first: Vec<_> = bank
            .list(Some(Category::PeopleToTalkTo), true)
            .into_iter()
            .map(|q| q.id)
            .collect();
        assert_eq!(favs_first[0], "b26");
    }

    #[test]
    fn the_bank_round_trips_and_loads_from_an_empty_doc() {
        let mut bank = QuestionBank::default();
        bank.add("Own?", Category::FieldAndTrends).unwrap();
        bank.hide("b11").unwrap();
        bank.toggle_favourite("b02").unwrap();
        let json = serde_json::to_string(&bank).unwrap();
        assert_eq!(serde_json::from_str::<QuestionBank>(&json).unwrap(), bank);
        assert_eq!(
            serde_json::from_str::<QuestionBank>("{}").unwrap(),
            QuestionBank::default()
        );
    }
}
