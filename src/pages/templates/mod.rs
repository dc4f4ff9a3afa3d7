//! The Templates area: the list of message templates (here), the editor (`editor`), and the page
//! that fills a template for one contact and hands it to the user's own apps (`compose`).

pub mod compose;
pub mod editor;

use leptos::prelude::*;
use leptos_router::components::A;
use weak_ties_domain::template::list::{kind_label, put_back, restored_text};
use weak_ties_domain::template::Template;

use crate::app::{to, Page};
use crate::components::outcome::Problem;
use crate::state::AppState;

/// One row of the list: only what it shows.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Row {
    id: String,
    name: String,
    subject: String,
    /// "Built-in", "Built-in, edited" or "" for the user's own.
    kind: &'static str,
}

impl Row {
    fn of(t: &Template) -> Self {
        Row {
            id: t.id.clone(),
            name: t.name.clone(),
            subject: t.subject.clone(),
            kind: kind_label(t),
        }
    }
}

/// What the last action did, shown in the page's status line.
#[derive(Clone)]
enum Notice {
    /// A template was deleted from `position`; **Undo** puts it back.
    Deleted {
        position: usize,
        template: Template,
    },
    Done(String),
}

#[component]
pub fn Templates() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = Memo::new(move |_| {
        state
            .templates
            .value
            .with(|s| s.templates.iter().map(Row::of).collect::<Vec<_>>())
    });
    let can_restore = Memo::new(move |_| state.templates.value.with(|s| s.can_restore_builtins()));
    let notice = RwSignal::new(None::<Notice>);
    let problem = RwSignal::new(None::<String>);
    let report = move |result: Result<Notice, String>| match result {
        Ok(n) => {
            notice.set(Some(n));
            problem.set(None);
        }
        Err(e) => problem.set(Some(e)),
    };

    let duplicate = move |id: String, name: String| {
        let result = state
            .change_doc(state.templates, |s| s.duplicate(&id))
            .map(|_| Notice::Done(format!("Added “Copy of {name}”, just below the original.")));
        report(result);
    };
    let delete = move |id: String| {
        let result = state.change_doc(state.templates, |s| {
            let position = s.templates.iter().position(|t| t.id == id);
            s.delete(&id).zip(position)
        });
        match result {
            Ok(Some((template, position))) => report(Ok(Notice::Deleted { position, template })),
            Ok(None) => report(Err("This template was already deleted.".into())),
            Err(e) => report(Err(e)),
        }
    };
    let undo = move |position: usize, template: Template| {
        let name = template.name.clone();
        let result = state.change_doc(state.templates, |s| put_back(s, position, template));
        report(result.map(|()| Notice::Done(format!("“{name}” is back."))));
    };
    let restore = move |_| {
        let result = state.change_doc(state.templates, |s| s.restore_builtins());
        report(result.map(|r| Notice::Done(restored_text(&r))));
    };

    view! {
        <Page title="Templates">
            <p class="hint">
                "Thank-yous and follow-ups with placeholders such as {{first_name}}, filled with a contact's details when you write to them: open a contact and choose Write a message."
            </p>
            <p>
                <A href=to("/templates/new") attr:class="button primary">
                    "Add template"
                </A>
            </p>
            <div class="template-notice" role="status">
                {move || {
                    notice
                        .get()
                        .map(|n| match n {
                            Notice::Deleted { position, template } => {
                                let name = template.name.clone();
                                view! {
                                    <p>
                                        {format!("Deleted “{name}”. ")}
                                        <button on:click=move |_| undo(position, template.clone())>
                                            "Undo"
                                        </button>
                                    </p>
                                }
                                    .into_any()
                            }
                            Notice::Done(text) => view! { <p>{text}</p> }.into_any(),
                        })
                }}
            </div>
            <Problem problem=problem />
            <Show
                when=move || rows.with(|r| !r.is_empty())
                fallback=|| {
                    view! {
                        <p class="empty">
                            "No templates. Add one, or bring back the built-in ones below."
                        </p>
                    }
                }
            >
                <ul class="template-list" aria-label="Templates">
                    <For
                        each=move || rows.get()
                        key=|row| row.clone()
                        children=move |row| {
                            let Row { id, name, subject, kind } = row;
                            let (dup_id, dup_name) = (id.clone(), name.clone());
                            let del_id = id.clone();
                            let (dup_label, del_label) = (
                                format!("Duplicate {name}"),
                                format!("Delete {name}"),
                            );
                            view! {
                                <li class="template-item">
                                    <div class="template-what">
                                        <A href=to(&format!("/templates/{id}"))>{name}</A>
                                        {(!kind.is_empty())
                                            .then(|| view! { <span class="template-kind">{kind}</span> })}
                                        <span class="subtitle">
                                            {if subject.is_empty() {
                                                "(no subject)".to_string()
                                            } else {
                                                subject
                                            }}
                                        </span>
                                    </div>
                                    <div class="due-actions">
                                        <button
                                            aria-label=dup_label
                                            on:click=move |_| duplicate(dup_id.clone(), dup_name.clone())
                                        >
                                            "Duplicate"
                                        </button>
                                        <button
                                            class="danger"
                                            aria-label=del_label
                                            on:click=move |_| delete(del_id.clone())
                                        >
                                            "Delete"
                                        </button>
                                    </div>
                                </li>
                            }
                        }
                    />
                </ul>
            </Show>
            <section aria-labelledby="builtins-h">
                <h2 id="builtins-h">"Built-in templates"</h2>
                <p class="hint" id="restore-hint">
                    "Brings back every built-in template you deleted or changed, as it came. Your own templates stay, and so do your edits, as templates of your own."
                    {move || (!can_restore.get()).then_some(" Nothing to restore: they are all here.")}
                </p>
                <button
                    class="can-disable"
                    on:click=restore
                    disabled=move || !can_restore.get()
                    aria-describedby="restore-hint"
                >
                    "Restore built-in templates"
                </button>
            </section>
        </Page>
    }
}
