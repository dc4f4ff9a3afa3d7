//! Settings > Your data: the backup import of a file, vCard and CSV import (file pickers or drop
//! zone, preview with duplicates, and for a CSV file of no known kind the column mapping) and the
//! vCard, CSV and calendar exports.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use weak_ties_domain::book::Book;
use weak_ties_domain::formats::{
    file_name, Column, CsvImport, Dialect, DuplicateIndex, DuplicateOf, FileKind, ImportChoice,
    SkippedCard, MAX_IMPORT_BYTES,
};
use weak_ties_domain::model::Contact;

use super::backup::BackupImport;
use super::csv_mapping::{CsvFile, CsvMapping};

use crate::browser::download::download;
use crate::browser::file::{dropped_file, read_file};
use crate::browser::shared_file::take_shared_file;
use crate::components::choice::{index_options, picked};
use crate::components::file_picker::FilePicker;
use crate::components::outcome::Outcome;
use crate::components::show_more::ShowMore;
use crate::formats_module;
use crate::state::{today, AppState};

/// One card of the preview, with what the user chose for it.
#[derive(Clone)]
struct Row {
    contact: Contact,
    duplicate: Option<DuplicateOf>,
    choice: RwSignal<ImportChoice>,
}

/// How many cards of the preview render at first, and how many more on **Show more**: a file of
/// thousands of connections never renders them all at once.
const PREVIEW_PAGE: usize = 50;

/// The preview of a vCard or CSV file before it is imported.
#[derive(Clone)]
struct Preview {
    /// The likely duplicates first (they are the ones to decide on), then the new contacts, each
    /// in the order of the file.
    rows: Vec<Row>,
    skipped: Vec<SkippedCard>,
    /// What a left-out entry is called: "Card" (its place in the file) or "Line" (of a CSV file).
    unit: &'static str,
    /// What the file is ("LinkedIn connections"), for a CSV file.
    kind: Option<&'static str>,
    /// Why nothing can be imported yet (a CSV file's mapping has no name column).
    problem: Option<String>,
}

impl Preview {
    /// The preview of `contacts`, each checked to import, or, for a likely duplicate of a
    /// contact of `book`, to skip.
    fn new(book: &Book, contacts: Vec<Contact>, skipped: Vec<SkippedCard>) -> Self {
        let index = DuplicateIndex::new(book.iter());
        let mut rows: Vec<Row> = contacts
            .into_iter()
            .map(|contact| {
                let duplicate = index.find(&contact);
                let choice = ImportChoice::proposed(duplicate.as_ref());
                Row {
                    contact,
                    duplicate,
                    choice: RwSignal::new(choice),
                }
            })
            .collect();
        rows.sort_by_key(|r| r.duplicate.is_none());
        Preview {
            rows,
            skipped,
            unit: "Card",
            kind: None,
            problem: None,
        }
    }

    /// The preview of a read CSV file.
    fn of_csv(book: &Book, import: CsvImport) -> Self {
        Preview {
            unit: "Line",
            kind: Some(import.dialect.label()),
            problem: import.problem,
            ..Preview::new(book, import.contacts, import.skipped)
        }
    }
}

/// What a file is imported as, told by its name.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Backup,
    Csv,
    Vcard,
}

impl Kind {
    fn of(name: &str) -> Kind {
        let name = name.to_lowercase();
        let ends = |endings: &[&str]| endings.iter().any(|e| name.ends_with(e));
        if ends(&[".json"]) {
            Kind::Backup
        } else if ends(&[".csv", ".tsv", ".txt", ".xlsx", ".xls", ".numbers", ".ods"]) {
            // A workbook goes to the CSV reader, which says how to save it as CSV.
            Kind::Csv
        } else {
            Kind::Vcard
        }
    }
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

/// vCard and CSV import: a file picker for each and a drop zone (which also takes a .json
/// backup); for a CSV file of no known kind, the column mapping; then a preview where each
/// contact is checked to import, or, for a likely duplicate, skipped or merged.
#[component]
pub fn ImportContacts(backup: BackupImport) -> impl IntoView {
    let state = expect_context::<AppState>();
    let message = RwSignal::new(None::<Result<String, String>>);
    let preview = RwSignal::new(None::<Preview>);
    let over = RwSignal::new(false);

    let csv_file = RwSignal::new(None::<CsvFile>);
    // The file tools load while the user looks for a file, so that its preview does not wait.
    formats_module::warm_up();
    // A vCard file's bytes into the preview.
    let preview_bytes = move |bytes: Vec<u8>| async move {
        match formats_module::parse_vcards(&bytes).await {
            Err(e) => message.set(Some(Err(e))),
            Ok(import) => {
                preview.set(Some(state.book.with_untracked(|b| {
                    Preview::new(b, import.contacts, import.skipped)
                })))
            }
        }
    };
    let open = move |file: web_sys::File| {
        let kind = Kind::of(&file.name());
        message.set(None);
        preview.set(None);
        csv_file.set(None);
        if kind == Kind::Backup {
            return backup.open(state, file);
        }
        leptos::task::spawn_local(async move {
            let bytes = match read_file(file, MAX_IMPORT_BYTES).await {
                Ok(bytes) => bytes,
                Err(e) => return message.set(Some(Err(e))),
            };
            if kind == Kind::Csv {
                match formats_module::parse_csv(&bytes, None).await {
                    Err(e) => message.set(Some(Err(e))),
                    Ok(import) => {
                        csv_file.set(Some(CsvFile {
                            bytes: Arc::new(bytes),
                            columns: import.columns.clone(),
                            needs_mapping: import.dialect == Dialect::Other,
                        }));
                        preview.set(Some(
                            state.book.with_untracked(|b| Preview::of_csv(b, import)),
                        ));
                    }
                }
                return;
            }
            preview_bytes(bytes).await;
        });
    };
    // The preview follows the mapping the user chooses.
    let remap = move |mapping: Vec<Column>| {
        let Some(file) = csv_file.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match formats_module::parse_csv(&file.bytes, Some(&mapping)).await {
                Err(e) => message.set(Some(Err(e))),
                Ok(import) => preview.set(Some(
                    state.book.with_untracked(|b| Preview::of_csv(b, import)),
                )),
            }
        });
    };
    // A vCard shared into the app (the share target, through the service worker) opens here.
    if use_query_map().with_untracked(|q| q.get("shared").as_deref() == Some("card")) {
        leptos::task::spawn_local(async move {
            match take_shared_file().await {
                Ok(Some(bytes)) => preview_bytes(bytes).await,
                Ok(None) => message.set(Some(Err(
                    "The shared file was already imported or is gone. Share it again.".into(),
                ))),
                Err(e) => message.set(Some(Err(e))),
            }
        });
    }
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
            csv_file.set(None);
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
        <FilePicker
            id="import-csv"
            label="Import contacts (CSV)"
            hint="A .csv file from LinkedIn (Connections.csv), Google Contacts, Outlook or any spreadsheet. You will see the contacts before anything is saved."
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
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
            "Or drop a vCard (.vcf), a CSV file (.csv) or a backup (.json) here."
        </div>
        <Outcome message=message />
        {move || {
            csv_file
                .get()
                .filter(|f| f.needs_mapping)
                .map(|file| view! { <CsvMapping columns=file.columns on_change=remap /> })
        }}
        {move || {
            preview
                .get()
                .map(|p| {
                    let skipped = p.skipped.clone();
                    let unit = p.unit;
                    let rows = Arc::new(p.rows);
                    let total = rows.len();
                    let likely = rows.iter().filter(|r| r.duplicate.is_some()).count();
                    let shown = RwSignal::new(PREVIEW_PAGE);
                    view! {
                        <section class="import-preview" aria-labelledby="import-preview-h">
                            <h3 id="import-preview-h">"Contacts in this file"</h3>
                            {p.kind.map(|kind| view! { <p class="hint">{format!("Read as {kind}.")}</p> })}
                            {(likely > 0).then(|| view! {
                                <p class="hint">
                                    {match likely {
                                        1 => "1 of them may already be in your contacts: it is listed first.".to_string(),
                                        n => format!("{n} of them may already be in your contacts: they are listed first."),
                                    }}
                                </p>
                            })}
                            {p.problem.clone().map(|problem| view! { <p class="banner danger" role="alert">{problem}</p> })}
                            <ul class="rows">
                                // Keyed: Show more adds rows and leaves those shown (and their choices) as they are.
                                <For
                                    each=move || 0..shown.get().min(total)
                                    key=|i| *i
                                    children=move |i| view! { <PreviewRow row=rows[i].clone() index=i /> }
                                />
                            </ul>
                            <ShowMore total=Signal::stored(total) shown=shown step=PREVIEW_PAGE />
                            <Show when=move || !skipped.is_empty()>
                                <p class="hint">"Left out:"</p>
                                <ul>
                                    {p
                                        .skipped
                                        .iter()
                                        .map(|s| view! { <li>{format!("{unit} {}: {}", s.position, s.reason)}</li> })
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
                                <button on:click=move |_| {
                                    preview.set(None);
                                    csv_file.set(None);
                                }>"Cancel"</button>
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
                    let picked = picked(&ImportChoice::FOR_A_DUPLICATE, &event_target_value(&ev));
                    choice.set(picked.unwrap_or(ImportChoice::Skip))
                }
            >
                {index_options(&ImportChoice::FOR_A_DUPLICATE, ImportChoice::label)}
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
