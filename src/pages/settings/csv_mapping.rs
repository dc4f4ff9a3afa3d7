//! The column mapping of a CSV file of no known kind: each column with its first value and what
//! it is imported as (guessed, and changed by the user); the preview follows it.

use std::sync::Arc;

use leptos::prelude::*;
use weak_ties_domain::formats::{Column, CsvColumn};

/// A CSV file being imported: its bytes (read again when the mapping changes), its columns as
/// first read, and whether the user should check the mapping (a file of no known kind).
#[derive(Clone)]
pub struct CsvFile {
    pub bytes: Arc<Vec<u8>>,
    pub columns: Vec<CsvColumn>,
    pub needs_mapping: bool,
}

/// A picker per column; `on_change` gets the whole mapping after each change.
#[component]
pub fn CsvMapping(
    columns: Vec<CsvColumn>,
    #[prop(into)] on_change: Callback<Vec<Column>>,
) -> impl IntoView {
    let mapping = RwSignal::new(columns.iter().map(|c| c.column).collect::<Vec<_>>());
    let pickers = columns
        .into_iter()
        .enumerate()
        .map(|(i, column)| {
            let id = format!("csv-column-{i}");
            let sample = if column.sample.is_empty() {
                "(empty)".to_string()
            } else {
                format!("e.g. {}", column.sample)
            };
            let header = if column.header.is_empty() {
                format!("Column {}", i + 1)
            } else {
                column.header.clone()
            };
            let changed = move |ev: leptos::ev::Event| {
                let value = event_target_value(&ev);
                let Some(&chosen) = Column::ALL.iter().find(|c| c.label() == value) else {
                    return;
                };
                mapping.update(|m| m[i] = chosen);
                on_change.run(mapping.get_untracked());
            };
            view! {
                <tr>
                    <th scope="row">
                        <label for=id.clone()>{header}</label>
                    </th>
                    <td class="detail">{sample}</td>
                    <td>
                        <select id=id on:change=changed>
                            {Column::ALL
                                .iter()
                                .map(|c| {
                                    view! {
                                        <option value=c.label() selected=*c == column.column>
                                            {c.label()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="csv-mapping" aria-labelledby="csv-mapping-h">
            <h3 id="csv-mapping-h">"Columns of this file"</h3>
            <p class="hint">
                "Weak Ties guessed what each column holds. Change any guess; the contacts below follow."
            </p>
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Column"</th>
                        <th scope="col">"First value"</th>
                        <th scope="col">"Import as"</th>
                    </tr>
                </thead>
                <tbody>{pickers}</tbody>
            </table>
        </section>
    }
}
