//! Settings > Your data: the backup import of a file, vCard import (file picker or drop zone,
//! preview with duplicates) and the vCard, CSV and calendar exports.

use leptos::prelude::*;
use weak_ties_domain::formats::{
    file_name, find_duplicate, DuplicateOf, FileKind, ImportChoice, SkippedCard, MAX_IMPORT_BYTES,
};
use weak_ties_domain::model::Contact;

use super::backup::BackupImport;
use crate::browser::download::download;
use crate::browser::file::{dropped_file, read_file};
use crate::components::file_picker::FilePicker;
use crate::components::outcome::Outcome;
use crate::formats_module;
use crate::state::{today, AppState};

/// One card of the preview, with what the user chose for it.
#[derive(Clone)]
struct Row {
    contact: Contact,
    duplicate: Option<DuplicateOf>,
    choice: RwSignal<ImportChoice>,
}

/// The preview of a vCard file before it is imported.
#[derive(Clone)]
struct Preview {
    rows: Vec<Row>,
    skipped: Vec<SkippedCard>,
}

/// Exports of the contacts (vCard, CSV) and of the open follow-ups (calendar).
#[component]
pub fn Exports() -> impl IntoView {
    let state = expect_context::<AppState>();
    let message = RwSignal::new(None::<Result<String, String>>);
    let export = move |kind: FileKind| {
        let contacts: Vec<Contact> = state.book.with_untracked(|b| b.iter().cloned().collect());
        leptos::task::spawn_local(async move {
            let result = formats_module::export(kind, &contacts)
                .await
                .and_then(|text| download(&file_name(kind, today()), kind.mime(), &text));
            message.set(Some(result.map(|()| "Downloaded.".to_string())));
        });
    };
    view! {
        <h3>"Export"</h3>
        <p class="hint">
            "Contacts as a vCard file for your phone or mail app, or as a spreadsheet; your open follow-ups as a calendar."
        </p>
        <div class="actions">
            <button on:click=move |_| export(FileKind::ContactsVcard)>"Export contacts (vCard)"</button>
            <button on:click=move |_| export(FileKind::ContactsCsv)>"Export contacts (CSV)"</button>
            <button on:click=move |_| export(FileKind::FollowUpsCalendar)>"Export follow-ups (calendar)"</button>
        </div>
        <Outcome message=message />
    }
}

/// vCard import: a file picker and a drop zone (which also takes a .json backup), then a
/// preview where each card is checked to import, or, for a likely duplicate, skipped or merged.
#[component]
pub fn ImportContacts(backup: BackupImport) -> impl IntoView {
    let state = expect_context::<AppState>();
    let message = RwSignal::new(None::<Result<String, String>>);
    let preview = RwSignal::new(None::<Preview>);
    let over = RwSignal::new(false);

    let open = move |file: web_sys::File| {
        message.set(None);
        preview.set(None);
        if file.name().to_lowercase().ends_with(".json") {
            return backup.open(state, file);
        }
        leptos::task::spawn_local(async move {
            let bytes = match read_file(file, MAX_IMPORT_BYTES).await {
                Ok(bytes) => bytes,
                Err(e) => return message.set(Some(Err(e))),
            };
            match formats_module::parse_vcards(&bytes).await {
                Err(e) => message.set(Some(Err(e))),
                Ok(import) => {
                    let rows = state.book.with_untracked(|b| {
                        import
                            .contacts
                            .into_iter()
                            .map(|contact| {
                                let duplicate = find_duplicate(b.iter(), &contact);
                                let choice = ImportChoice::proposed(duplicate.as_ref());
                                Row {
                                    contact,
                                    duplicate,
                                    choice: RwSignal::new(choice),
                                }
                            })
                            .collect()
                    });
                    preview.set(Some(Preview {
                        rows,
                        skipped: import.skipped,
                    }));
                }
            }
        });
    };
    let dropped = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        over.set(false);
        if let Some(file) = dropped_file(&ev) {
            open(file);
        }
    };
    let count = move || {
        preview.with(|p| {
            p.as_ref().map_or(0, |p| {
                p.rows
                    .iter()
                    .filter(|r| r.choice.get() != ImportChoice::Skip)
                    .count()
            })
        })
    };
    let import = move |_| {
        let Some(p) = preview.get_untracked() else {
            return;
        };
        let cards: Vec<_> = p
            .rows
            .iter()
            .map(|r| {
                (
                    r.contact.clone(),
                    r.choice.get_untracked(),
                    r.duplicate.as_ref().map(|d| d.id.clone()),
                )
            })
            .collect();
        let result = state.import_cards(&cards);
        if result.is_ok() {
            preview.set(None);
        }
        message.set(Some(result));
    };

    view! {
        <FilePicker
            id="import-vcard"
            label="Import contacts (vCard)"
            hint="A .vcf file from your phone, mail or contacts app. You will see the contacts before anything is saved."
            accept=".vcf,.vcard,text/vcard,text/x-vcard"
            on_file=open
        />
        <div
            class="drop-zone"
            class:over=move || over.get()
            role="region"
            aria-label="Drop a file to import"
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                over.set(true);
            }
            on:dragleave=move |_| over.set(false)
            on:drop=dropped
        >
            "Or drop a vCard (.vcf) or a backup (.json) here."
        </div>
        <Outcome message=message />
        {move || {
            preview
                .get()
                .map(|p| {
                    let skipped = p.skipped.clone();
                    view! {
                        <section class="import-preview" aria-labelledby="import-preview-h">
                            <h3 id="import-preview-h">"Contacts in this file"</h3>
                            <ul class="rows">
                                {p.rows.into_iter().enumerate().map(|(i, row)| view! { <PreviewRow row=row index=i /> }).collect_view()}
                            </ul>
                            <Show when=move || !skipped.is_empty()>
                                <p class="hint">"Left out:"</p>
                                <ul>
                                    {p
                                        .skipped
                                        .iter()
                                        .map(|s| view! { <li>{format!("Card {}: {}", s.position, s.reason)}</li> })
                                        .collect_view()}
                                </ul>
                            </Show>
                            <div class="actions">
                                <button class="primary" on:click=import prop:disabled=move || count() == 0>
                                    {move || match count() {
                                        1 => "Import 1 contact".to_string(),
                                        n => format!("Import {n} contacts"),
                                    }}
                                </button>
                                <button on:click=move |_| preview.set(None)>"Cancel"</button>
                            </div>
                        </section>
                    }
                })
        }}
    }
}

/// One card of the preview: a checkbox for a new contact, Skip or Merge for a likely duplicate.
#[component]
fn PreviewRow(row: Row, index: usize) -> impl IntoView {
    let Row {
        contact,
        duplicate,
        choice,
    } = row;
    let detail = [
        contact.organization.clone(),
        contact.emails.first().cloned().unwrap_or_default(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let name = contact.name.clone();
    let control = match duplicate {
        None => view! {
            <div class="check">
                <input
                    type="checkbox"
                    id=format!("card-{index}")
                    prop:checked=move || choice.get() == ImportChoice::Add
                    on:change=move |ev| {
                        choice.set(if event_target_checked(&ev) { ImportChoice::Add } else { ImportChoice::Skip })
                    }
                />
                <label for=format!("card-{index}")>{format!("Import {name}")}</label>
            </div>
        }
        .into_any(),
        Some(d) => view! {
            <p class="detail">{format!("Likely already in your contacts as {} ({}).", d.name, d.reason)}</p>
            <label for=format!("card-{index}")>{format!("What to do with {name}")}</label>
            <select
                id=format!("card-{index}")
                on:change=move |ev| {
                    choice.set(if event_target_value(&ev) == "merge" { ImportChoice::Merge } else { ImportChoice::Skip })
                }
            >
                <option value="skip" selected=true>"Skip"</option>
                <option value="merge">"Merge"</option>
            </select>
        }
        .into_any(),
    };
    view! {
        <li>
            <span class="name">{contact.name.clone()}</span>
            " "
            <span class="detail">{detail}</span>
            {control}
        </li>
    }
}
