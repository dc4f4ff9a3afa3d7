//! The list of templates as the Templates page and the editor show it: what kind each one is,
//! putting a deleted one back, what restoring the built-ins did, and the unknown placeholders of
//! a template being edited.

use crate::template::{unknown_placeholders, Restored, Template, TemplateSet};

/// "Built-in", "Built-in, edited", or "" for the user's own.
pub fn kind_label(t: &Template) -> &'static str {
    match (t.builtin().is_some(), t.is_edited_builtin()) {
        (true, false) => "Built-in",
        (true, true) => "Built-in, edited",
        _ => "",
    }
}

/// **Undo** after a delete: puts `template` back at `position` (or at the end, when the list is
/// shorter now), unless a template with its id is there already.
pub fn put_back(set: &mut TemplateSet, position: usize, template: Template) {
    if set.get(&template.id).is_none() {
        let at = position.min(set.templates.len());
        set.templates.insert(at, template);
    }
}

/// "Restored 2 built-in templates." and what happened to the edited ones.
pub fn restored_text(r: &Restored) -> String {
    let mut text = match r.readded.len() {
        0 => "The built-in templates were all here already.".to_string(),
        1 => "Restored 1 built-in template.".to_string(),
        n => format!("Restored {n} built-in templates."),
    };
    if !r.kept_as_own.is_empty() {
        text.push_str(" Your edited versions are kept as your own templates.");
    }
    text
}

/// The placeholder names the app does not know in a subject and a message, each once, the
/// subject's first.
pub fn unknown_in(subject: &str, body: &str) -> Vec<String> {
    let mut names = unknown_placeholders(subject);
    for n in unknown_placeholders(body) {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names
}

/// "Unknown placeholder: " or "Unknown placeholders: ", and the names as written
/// ("{{nope}}, {{other}}"); `None` when there is none.
pub fn unknown_text(names: &[String]) -> Option<(&'static str, String)> {
    let what = match names.len() {
        0 => return None,
        1 => "Unknown placeholder: ",
        _ => "Unknown placeholders: ",
    };
    let tokens = names
        .iter()
        .map(|n| format!("{{{{{n}}}}}"))
        .collect::<Vec<_>>()
        .join(", ");
    Some((what, tokens))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_template_says_what_kind_it_is() {
        let mut set = TemplateSet::with_builtins();
        assert_eq!(kind_label(&set.templates[0]), "Built-in");
        set.templates[0].body.push_str(" Edited.");
        assert_eq!(kind_label(&set.templates[0]), "Built-in, edited");
        assert_eq!(kind_label(&Template::new("Mine", "", "")), "");
    }

    #[test]
    fn a_deleted_template_goes_back_where_it_was_once() {
        let mut set = TemplateSet::with_builtins();
        let second = set.templates[1].id.clone();
        let gone = set.delete(&second).unwrap();
        put_back(&mut set, 1, gone.clone());
        assert_eq!(set.templates[1].id, second);
        let n = set.templates.len();
        put_back(&mut set, 1, gone);
        assert_eq!(set.templates.len(), n);
        let far = Template::new("Far", "", "");
        put_back(&mut set, 99, far.clone());
        assert_eq!(set.templates.last(), Some(&far));
    }

    #[test]
    fn restoring_says_what_came_back() {
        let none = Restored {
            readded: vec![],
            kept_as_own: vec![],
        };
        assert_eq!(
            restored_text(&none),
            "The built-in templates were all here already."
        );
        let two = Restored {
            readded: vec!["a".into(), "b".into()],
            kept_as_own: vec!["c".into()],
        };
        assert_eq!(
            restored_text(&two),
            "Restored 2 built-in templates. Your edited versions are kept as your own templates."
        );
    }

    #[test]
    fn unknown_placeholders_of_subject_and_message_each_once() {
        let names = unknown_in("{{nope}} {{first_name}}", "{{other}} {{nope}}");
        assert_eq!(names, ["nope", "other"]);
        assert_eq!(
            unknown_text(&names),
            Some(("Unknown placeholders: ", "{{nope}}, {{other}}".to_string()))
        );
        assert_eq!(
            unknown_text(&names[..1]),
            Some(("Unknown placeholder: ", "{{nope}}".to_string()))
        );
        assert_eq!(unknown_text(&[]), None);
    }
}
