//! A message template and the set of them: the user's templates, one stored document that
//! starts with the built-ins and can always get them back.

use serde::{Deserialize, Serialize};

use super::builtin::{Builtin, BUILTINS, THANK_YOU_KEYS};
use crate::model::{new_id, InteractionKind};

/// A message template: a name for the list, and a subject and body with placeholders.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body: String,
    /// The key of the built-in this template is (possibly edited); `None` for the user's own.
    #[serde(default)]
    pub builtin_key: Option<String>,
}

impl Template {
    /// A template of the user's own, with a fresh id.
    pub fn new(
        name: impl Into<String>,
        subject: impl Into<String>,
        body: impl Into<String>,
    ) -> Self {
        Template {
            id: new_id(),
            name: name.into(),
            subject: subject.into(),
            body: body.into(),
            builtin_key: None,
        }
    }

    /// The built-in this template comes from, if it is one and the key is still known.
    pub fn builtin(&self) -> Option<&'static Builtin> {
        self.builtin_key.as_deref().and_then(Builtin::by_key)
    }

    /// True for a built-in whose name, subject or body differs from the original.
    pub fn is_edited_builtin(&self) -> bool {
        self.builtin().is_some_and(|b| !b.matches(self))
    }

    /// What sending this message puts on the contact's timeline: "Thank-you sent" for a thank-you
    /// (the built-in thank-you after a chat or after an event, or a template of the user's whose
    /// name or subject says "thank"), which also ticks off the open thank-you follow-up; else
    /// "Message" (an introduction request, a check-in, an update).
    pub fn sent_kind(&self) -> InteractionKind {
        let says_thanks = |s: &str| s.to_lowercase().contains("thank");
        let thanks = match self.builtin_key.as_deref() {
            Some(key) => THANK_YOU_KEYS.contains(&key),
            None => says_thanks(&self.name) || says_thanks(&self.subject),
        };
        if thanks {
            InteractionKind::ThankYouSent
        } else {
            InteractionKind::Message
        }
    }
}

/// What [`TemplateSet::restore_builtins`] did, so the UI can say so.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Restored {
    /// Ids of the pristine built-ins that were added back.
    pub readded: Vec<String>,
    /// Ids of edited built-ins that were kept as the user's own templates.
    pub kept_as_own: Vec<String>,
}

/// All of the user's templates: one stored document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateSet {
    #[serde(default)]
    pub templates: Vec<Template>,
    /// Revision counter, raised by one on every save (as on a contact).
    #[serde(default)]
    pub rev: u64,
}

impl Default for TemplateSet {
    /// The set on first use: the built-ins.
    fn default() -> Self {
        TemplateSet::with_builtins()
    }
}

impl TemplateSet {
    /// The set on first use: every built-in, pristine, with stable ids.
    pub fn with_builtins() -> Self {
        TemplateSet {
            templates: BUILTINS
                .iter()
                .map(|b| b.to_template(b.default_id()))
                .collect(),
            rev: 0,
        }
    }

    /// The template with this id.
    pub fn get(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    /// Adds a template of the user's own at the end; returns its id.
    pub fn add(
        &mut self,
        name: impl Into<String>,
        subject: impl Into<String>,
        body: impl Into<String>,
    ) -> String {
        let t = Template::new(name, subject, body);
        let id = t.id.clone();
        self.templates.push(t);
        id
    }

    /// Replaces a template's name, subject and body (text is kept exactly as typed). A built-in
    /// stays a built-in, marked as edited. Returns false if there is no such template.
    pub fn edit(
        &mut self,
        id: &str,
        name: impl Into<String>,
        subject: impl Into<String>,
        body: impl Into<String>,
    ) -> bool {
        match self.templates.iter_mut().find(|t| t.id == id) {
            Some(t) => {
                t.name = name.into();
                t.subject = subject.into();
                t.body = body.into();
                true
            }
            None => false,
        }
    }

    /// Copies a template as the user's own, named "Copy of ...", right after the original;
    /// returns the copy's id.
    pub fn duplicate(&mut self, id: &str) -> Option<String> {
        let pos = self.templates.iter().position(|t| t.id == id)?;
        let original = &self.templates[pos];
        let copy = Template::new(
            format!("Copy of {}", original.name),
            original.subject.clone(),
            original.body.clone(),
        );
        let copy_id = copy.id.clone();
        self.templates.insert(pos + 1, copy);
        Some(copy_id)
    }

    /// Removes a template (a built-in too: it can be restored); returns it, for an undo.
    pub fn delete(&mut self, id: &str) -> Option<Template> {
        let pos = self.templates.iter().position(|t| t.id == id)?;
        Some(self.templates.remove(pos))
    }

    /// True when a built-in is missing or edited, i.e. when restoring would change something.
    pub fn can_restore_builtins(&self) -> bool {
        BUILTINS.iter().any(|b| {
            !self
                .templates
                .iter()
                .any(|t| t.builtin_key.as_deref() == Some(b.key) && b.matches(t))
        })
    }

    /// Brings every built-in back to its original text without losing anything the user wrote:
    ///
    /// - a missing built-in is added back at the end;
    /// - an edited built-in is kept, as the user's own template (renamed "... (edited)" if it
    ///   still has the built-in's name), and the original is added just before it;
    /// - the user's own templates are untouched.
    pub fn restore_builtins(&mut self) -> Restored {
        let mut restored = Restored::default();
        for b in &BUILTINS {
            let mut has_pristine = false;
            // Detach every edited copy of this built-in; remember where the first one was.
            let mut first_edited = None;
            for (i, t) in self.templates.iter_mut().enumerate() {
                if t.builtin_key.as_deref() != Some(b.key) {
                    continue;
                }
                if b.matches(t) && !has_pristine {
                    has_pristine = true;
                    continue;
                }
                if b.matches(t) {
                    // A second pristine copy: keep it, as the user's own.
                    t.builtin_key = None;
                    restored.kept_as_own.push(t.id.clone());
                    continue;
                }
                t.builtin_key = None;
                if t.name == b.name {
                    t.name = format!("{} (edited)", b.name);
                }
                restored.kept_as_own.push(t.id.clone());
                first_edited.get_or_insert(i);
            }
            if has_pristine {
                continue;
            }
            let default_id = b.default_id();
            let id = if self.get(&default_id).is_some() {
                new_id()
            } else {
                default_id
            };
            restored.readded.push(id.clone());
            let t = b.to_template(id);
            match first_edited {
                Some(i) => self.templates.insert(i, t),
                None => self.templates.push(t),
            }
        }
        restored
    }
}
