//! The contact form, shared by Add contact, Edit and "Add someone they recommend": the quick
//! form (Name, Organization, Where met) is what a thumb fills in ten seconds at a conference;
//! **More details** opens every field.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use weak_ties_domain::book::Query;
use weak_ties_domain::form::{ContactDraft, Input};
use weak_ties_domain::model::{Cadence, TieStrength};
use weak_ties_domain::scan::{fill_form, Scan};
use weak_ties_domain::validation::{Field, FieldError};

use crate::browser::focus::focus_by_id;
use crate::components::choice::{labelled, picked, value_of, Select};
use crate::components::field::InputField;
use crate::components::outcome::Problem;
use crate::state::AppState;

/// The form's fields as signals, one per input.
#[derive(Clone, Copy)]
struct Fields {
    name: RwSignal<String>,
    role: RwSignal<String>,
    organization: RwSignal<String>,
    emails: RwSignal<String>,
    phones: RwSignal<String>,
    linkedin: RwSignal<String>,
    links: RwSignal<String>,
    where_met: RwSignal<String>,
    met_on: RwSignal<String>,
    how_met: RwSignal<String>,
    introduced_by: RwSignal<String>,
    tie: RwSignal<String>,
    tags: RwSignal<String>,
    notes: RwSignal<String>,
    cadence: RwSignal<String>,
}

impl Fields {
    fn new(d: ContactDraft) -> Self {
        let text = || RwSignal::new(String::new());
        let f = Fields {
            name: text(),
            role: text(),
            organization: text(),
            emails: text(),
            phones: text(),
            linkedin: text(),
            links: text(),
            where_met: text(),
            met_on: text(),
            how_met: text(),
            introduced_by: text(),
            tie: text(),
            tags: text(),
            notes: text(),
            cadence: text(),
        };
        f.set(d);
        f
    }

    /// Puts `d` into the fields.
    fn set(&self, d: ContactDraft) {
        self.name.set(d.name);
        self.role.set(d.role);
        self.organization.set(d.organization);
        self.emails.set(d.emails);
        self.phones.set(d.phones);
        self.linkedin.set(d.linkedin);
        self.links.set(d.links);
        self.where_met.set(d.where_met);
        self.met_on.set(d.met_on);
        self.how_met.set(d.how_met);
        self.introduced_by.set(d.introduced_by);
        self.tie.set(value_of(&TieStrength::ALL, &d.tie));
        self.tags.set(d.tags);
        self.notes.set(d.notes);
        self.cadence.set(
            d.cadence
                .map(|c| value_of(&Cadence::ALL, &c))
                .unwrap_or_default(),
        );
    }

    /// The signal of `field`.
    fn of(&self, field: Field) -> RwSignal<String> {
        match field {
            Field::Name => self.name,
            Field::Role => self.role,
            Field::Organization => self.organization,
            Field::Emails => self.emails,
            Field::Phones => self.phones,
            Field::Linkedin => self.linkedin,
            Field::Links => self.links,
            Field::WhereMet => self.where_met,
            Field::MetOn => self.met_on,
            Field::HowMet => self.how_met,
            Field::IntroducedBy => self.introduced_by,
            Field::Tie => self.tie,
            Field::Tags => self.tags,
            Field::Notes => self.notes,
            Field::Cadence => self.cadence,
        }
    }

    fn draft(&self) -> ContactDraft {
        ContactDraft {
            name: self.name.get_untracked(),
            role: self.role.get_untracked(),
            organization: self.organization.get_untracked(),
            emails: self.emails.get_untracked(),
            phones: self.phones.get_untracked(),
            linkedin: self.linkedin.get_untracked(),
            links: self.links.get_untracked(),
            where_met: self.where_met.get_untracked(),
            met_on: self.met_on.get_untracked(),
            how_met: self.how_met.get_untracked(),
            introduced_by: self.introduced_by.get_untracked(),
            tie: picked(&TieStrength::ALL, &self.tie.get_untracked()).unwrap_or_default(),
            tags: self.tags.get_untracked(),
            notes: self.notes.get_untracked(),
            cadence: picked(&Cadence::ALL, &self.cadence.get_untracked()),
        }
    }
}

/// The id of a field's input, and of its error message.
fn ids(field: Field) -> (String, String) {
    let id = format!("f-{field:?}").to_lowercase();
    let err = format!("{id}-error");
    (id, err)
}

/// The error message of `field`, shown next to it.
fn error_of(errors: RwSignal<Vec<FieldError>>, field: Field) -> impl Fn() -> Option<String> + Copy {
    move || {
        errors.with(|es| {
            let messages: Vec<_> = es
                .iter()
                .filter(|e| e.field == field)
                .map(|e| e.message.as_str())
                .collect();
            (!messages.is_empty()).then(|| messages.join(" "))
        })
    }
}

/// The labelled text inputs (or text areas) of `fields`, in order, each asked for as the domain
/// says ([`Field::input`], [`Field::hint`]) and with its error message beside it.
fn text_fields<const N: usize>(
    f: Fields,
    errors: RwSignal<Vec<FieldError>>,
    fields: [Field; N],
) -> impl IntoView {
    fields.map(|field| {
        let kind = match field.input() {
            Input::Date => Some("date".to_string()),
            Input::Url => Some("url".to_string()),
            Input::Line | Input::Lines | Input::Choice => None,
        };
        view! {
            <InputField
                id=ids(field).0
                label=field.label()
                value=f.of(field)
                error=Signal::derive(error_of(errors, field))
                multiline=field.input() == Input::Lines
                kind=kind
                hint=field.hint().map(str::to_string)
            />
        }
    })
}

/// A labelled choice of the contact form, over `options` by index ("" = none when `none` is
/// given).
#[component]
fn FieldChoice(
    field: Field,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
    #[prop(optional)] none: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="field">
            <Select id=ids(field).0 label=field.label() value=value options=options none=none />
        </div>
    }
}

/// How many contacts the "Introduced by" choice lists at once. A longer book is narrowed down by
/// a search instead: a `<select>` of every contact would cost tens of milliseconds to build and
/// to remove with each form at 10,000 contacts, and nobody scrolls through that many.
const INTRODUCERS_SHOWN: usize = 50;

/// "Introduced by": a choice among the contacts by name (never the one being edited), with a
/// search that narrows it down when there are more than [`INTRODUCERS_SHOWN`]. The current choice
/// always stays listed. It reads the book as the form opens, without following it.
#[component]
fn IntroducerPicker(value: RwSignal<String>, editing: Option<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let find = RwSignal::new(String::new());
    let others = state.book.with_untracked(|b| {
        b.len() - usize::from(editing.as_ref().is_some_and(|id| b.contains(id)))
    });
    let options = Memo::new(move |_| {
        let query = Query {
            text: find.get(),
            ..Query::default()
        };
        let chosen = value.get_untracked();
        state.book.with_untracked(|b| {
            let (_, found) = b.query_first(&query, INTRODUCERS_SHOWN + 1);
            let mut list: Vec<(String, String)> = found
                .into_iter()
                .filter(|c| Some(&c.id) != editing.as_ref())
                .take(INTRODUCERS_SHOWN)
                .map(|c| (c.id.clone(), c.name.clone()))
                .collect();
            if let Some(c) = b.get(&chosen) {
                if !list.iter().any(|(id, _)| *id == chosen) {
                    list.insert(0, (c.id.clone(), c.name.clone()));
                }
            }
            list
        })
    });
    view! {
        {(others > INTRODUCERS_SHOWN)
            .then(|| {
                view! {
                    <div class="field">
                        <label for="f-introducer-search">"Find who introduced them"</label>
                        <p class="hint" id="f-introducer-search-hint">
                            {format!(
                                "Introduced by lists {INTRODUCERS_SHOWN} of your {others} contacts: type a name to list others.",
                            )}
                        </p>
                        <input
                            id="f-introducer-search"
                            type="search"
                            autocomplete="off"
                            aria-describedby="f-introducer-search-hint"
                            bind:value=find
                        />
                    </div>
                }
            })}
        {move || {
            view! {
                <FieldChoice
                    field=Field::IntroducedBy
                    value=value
                    options=options.get()
                    none="Nobody"
                />
            }
        }}
    }
}

/// The contact form. `full` opens every field from the start (editing); otherwise the quick form
/// shows with a **More details** toggle. `on_save` gets the draft and answers with the field
/// errors, or a message when storage refused the save.
#[component]
pub fn ContactForm(
    initial: ContactDraft,
    full: bool,
    /// The contact being edited, so that it is not offered as its own introducer.
    #[prop(optional, into)]
    editing: Option<String>,
    on_save: impl Fn(ContactDraft) -> Result<(), SaveProblem> + 'static,
    /// A scanned or shared card, merged into the fields as it comes (nothing typed is lost).
    #[prop(optional)]
    fill: Option<RwSignal<Option<Result<Scan, String>>>>,
) -> impl IntoView {
    let f = Fields::new(initial);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let problem = RwSignal::new(None::<String>);
    let more = RwSignal::new(full);
    if let Some(fill) = fill {
        Effect::new(move || {
            fill.with(|scan| {
                if let Some(Ok(scan)) = scan {
                    let mut draft = f.draft();
                    fill_form(&mut draft, &scan.draft);
                    f.set(draft);
                    more.set(true);
                }
            })
        });
    }
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match on_save(f.draft()) {
            Ok(()) => {}
            Err(SaveProblem::Fields(es)) => {
                errors.set(es);
                problem.set(None);
                // Focus the first field with a problem.
                if let Some(first) = errors.with_untracked(|es| es.first().map(|e| e.field)) {
                    focus_by_id(&ids(first).0);
                    if matches!(first, Field::Name | Field::Organization | Field::WhereMet) {
                    } else {
                        more.set(true);
                    }
                }
            }
            Err(SaveProblem::Storage(message)) => {
                errors.set(Vec::new());
                problem.set(Some(message));
            }
        }
    };
    view! {
        <form class="contact-form" on:submit=submit novalidate>
            {text_fields(f, errors, [Field::Name, Field::Organization, Field::WhereMet])}
            <Show when=move || !more.get()>
                <button type="button" class="link" on:click=move |_| more.set(true)>
                    "More details"
                </button>
            </Show>
            <div hidden=move || !more.get()>
                {text_fields(
                    f,
                    errors,
                    [Field::Role, Field::MetOn, Field::HowMet, Field::Emails, Field::Phones, Field::Linkedin, Field::Links],
                )}
                <FieldChoice
                    field=Field::Tie
                    value=f.tie
                    options=labelled(&TieStrength::ALL, TieStrength::label)
                />
                {text_fields(f, errors, [Field::Tags])}
                <IntroducerPicker value=f.introduced_by editing=editing.clone() />
                {move || error_of(errors, Field::IntroducedBy)().map(|e| view! { <p class="error">{e}</p> })}
                <FieldChoice
                    field=Field::Cadence
                    value=f.cadence
                    options=labelled(&Cadence::ALL, Cadence::label)
                    none="No reminder"
                />
                {text_fields(f, errors, [Field::Notes])}
            </div>
            <Problem problem=problem />
            <div class="form-actions">
                <button type="submit" class="primary">"Save"</button>
            </div>
        </form>
    }
}

/// Why a save did not happen.
pub enum SaveProblem {
    /// Problems with what was typed, each against its field.
    Fields(Vec<FieldError>),
    /// Storage refused the write (full, another tab's newer edit...): the form stays as typed.
    Storage(String),
}
