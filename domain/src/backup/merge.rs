//! How an import merges each document with the stored one (the table is in the module
//! documentation of [`crate::backup`]), and the plan of one document's write.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::wording::typed;
use super::ImportError;
use crate::questions::{AskedLog, ChatPrep, Deck, QuestionBank};
use crate::settings::Settings;
use crate::store::{Document, KeyValue, Repo};
use crate::template::TemplateSet;

/// Settings: the backup fills only what is empty here.
fn merge_settings(mut mine: Settings, theirs: Settings) -> Settings {
    mine.me.fill_blanks(theirs.me);
    if mine.talking_points.is_empty() {
        mine.talking_points = theirs.talking_points;
    }
    mine
}

/// Questions: the backup's own questions whose id is not here are added after ours; hidden and
/// favourites are the union.
fn merge_questions(mut mine: QuestionBank, theirs: QuestionBank) -> QuestionBank {
    for q in theirs.own {
        if !mine.contains(&q.id) {
            mine.own.push(q);
        }
    }
    mine.hidden.extend(theirs.hidden);
    mine.favourites.extend(theirs.favourites);
    mine
}

/// The deck: ours is kept (the backup's is used only when there is none).
fn merge_deck(mine: Deck, _theirs: Deck) -> Deck {
    mine
}

/// Questions asked: the union, contact by contact.
fn merge_asked(mut mine: AskedLog, theirs: AskedLog) -> AskedLog {
    for (contact, ids) in theirs.by_contact {
        if !ids.is_empty() {
            mine.by_contact.entry(contact).or_default().extend(ids);
        }
    }
    mine
}

/// Templates: the backup's templates whose id is not here are added at the end.
fn merge_templates(mut mine: TemplateSet, theirs: TemplateSet) -> TemplateSet {
    let before = mine.templates.len();
    for t in theirs.templates {
        if mine.get(&t.id).is_none() {
            mine.templates.push(t);
        }
    }
    if mine.templates.len() != before {
        mine.rev = mine.rev.saturating_add(1);
    }
    mine
}

/// Chat preparations: those of contacts without one here are added.
fn merge_preps(
    mut mine: BTreeMap<String, ChatPrep>,
    theirs: BTreeMap<String, ChatPrep>,
) -> BTreeMap<String, ChatPrep> {
    for (contact, prep) in theirs {
        mine.entry(contact).or_insert(prep);
    }
    mine
}

/// What to do with one document.
pub(super) enum DocPlan {
    Unchanged,
    /// A backup does not carry this document ([`Document::in_backup`]): skipped as unknown.
    NotCarried,
    /// The text to store.
    Write(String),
    /// The stored copy cannot be read: leave it.
    Unreadable,
}

/// Plans the backup's copy of `doc` (`incoming`) against the stored one (`stored`, `None` if
/// there is none), by the document's merge rule. Every document has its rule here: a new one
/// does not compile until it has one.
pub(super) fn plan_document<S: KeyValue>(
    repo: &Repo<S>,
    doc: Document,
    stored: Option<Result<Value, String>>,
    incoming: &Value,
) -> Result<DocPlan, ImportError> {
    match doc {
        Document::Settings => plan_doc(repo, doc, stored, incoming, merge_settings),
        Document::Questions => plan_doc(repo, doc, stored, incoming, merge_questions),
        Document::Deck => plan_doc(repo, doc, stored, incoming, merge_deck),
        Document::Asked => plan_doc(repo, doc, stored, incoming, merge_asked),
        Document::Templates => plan_doc(repo, doc, stored, incoming, merge_templates),
        Document::Preps => plan_doc(repo, doc, stored, incoming, merge_preps),
        Document::BackupLog => Ok(DocPlan::NotCarried),
    }
}

/// Plans one document: the backup's copy if none is stored, else `merge(stored, backup's)`.
fn plan_doc<T, S>(
    repo: &Repo<S>,
    doc: Document,
    stored: Option<Result<Value, String>>,
    incoming: &Value,
    merge: fn(T, T) -> T,
) -> Result<DocPlan, ImportError>
where
    T: DeserializeOwned + Serialize + PartialEq + Clone,
    S: KeyValue,
{
    let theirs: T = typed(incoming).map_err(|e| ImportError::Invalid {
        problems: vec![format!("the {}: {e}", doc.label())],
        total: 1,
    })?;
    let result = match stored {
        None => theirs,
        Some(Err(_)) => return Ok(DocPlan::Unreadable),
        Some(Ok(value)) => {
            let Ok(mine) = serde_json::from_value::<T>(value) else {
                return Ok(DocPlan::Unreadable);
            };
            let merged = merge(mine.clone(), theirs);
            if merged == mine {
                return Ok(DocPlan::Unchanged);
            }
            merged
        }
    };
    Ok(DocPlan::Write(repo.doc_text(doc, &result)?))
}
