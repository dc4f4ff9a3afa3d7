//! A contact's details as a list of terms (on their page and on their prep sheet), the link each
//! of their addresses makes, and the chain of who introduced them.

use leptos::prelude::*;
use leptos_router::components::A;
use weak_ties_domain::book::Book;
use weak_ties_domain::contact_links::{addresses, Address, ContactLink};
use weak_ties_domain::follow_ups::due::due_text;
use weak_ties_domain::model::Contact;
use weak_ties_domain::template::format_date;

use crate::app::to;
use crate::state::{today, AppState};

/// A link to a contact's page, named after them.
pub fn contact_link(c: &Contact) -> AnyView {
    let (href, name) = (to(&format!("/contacts/{}", c.id)), c.name.clone());
    view! { <A href=href>{name}</A> }.into_any()
}

/// The "Introduced by" value of a contact's details: the introducers as links, oldest first, then
/// the contact's own name. `None` when nobody (still in the book) introduced them.
pub fn chain_view(book: &Book, contact: &Contact) -> Option<AnyView> {
    let chain = book.introduction_chain(&contact.id);
    (!chain.is_empty()).then(|| {
        view! {
            <span class="chain">
                {chain
                    .into_iter()
                    .map(|c| view! { {contact_link(c)} <span aria-hidden="true">" → "</span> })
                    .collect_view()}
                <span>{contact.name.clone()}</span>
            </span>
        }
        .into_any()
    })
}

/// A link to one of the contact's addresses; a web page opens in a new tab.
#[component]
pub fn AddressLink(
    link: ContactLink,
    #[prop(optional)] class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let web = link.kind.is_web();
    view! {
        <a
            class=class
            href=link.href
            target=web.then_some("_blank")
            rel=web.then_some("noopener noreferrer")
        >
            {children()}
        </a>
    }
}

/// A contact's details as a list of terms, also shown on their prep sheet. The contact's page
/// (`reach_shown`) leads with their addresses as tappable links, so there the details list only
/// the addresses that make no link (an imported card's number without digits, a web address
/// without http), as text; the prep sheet, which has no such links, lists every address.
#[component]
pub fn Details(
    contact: Memo<Option<Contact>>,
    #[prop(optional)] reach_shown: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let Some(c) = contact.get() else {
            return ().into_any();
        };
        let mut rows: Vec<(&'static str, AnyView)> = Vec::new();
        for Address { kind, value, link } in addresses(&c) {
            let shown = match link {
                Some(_) if reach_shown => continue,
                Some(link) => view! { <AddressLink link=link>{value}</AddressLink> }.into_any(),
                None => value.into_any(),
            };
            rows.push((kind.noun(), shown));
        }
        if !c.where_met.is_empty() {
            rows.push(("Where met", c.where_met.clone().into_any()));
        }
        if let Some(d) = c.met_on {
            rows.push(("Met on", format_date(d).into_any()));
        }
        if !c.how_met.is_empty() {
            rows.push(("How met", c.how_met.clone().into_any()));
        }
        if let Some(chain) = state.book.with(|b| chain_view(b, &c)) {
            rows.push(("Introduced by", chain));
        }
        rows.push(("Tie", c.tie.label().into_any()));
        if !c.tags.is_empty() {
            rows.push(("Tags", c.tags.join(", ").into_any()));
        }
        if let (Some(cadence), Some(next)) = (c.cadence, c.next_touch_due()) {
            rows.push((
                "Keep in touch",
                format!("{} · next {}", cadence.label(), due_text(next, today())).into_any(),
            ));
        }
        view! {
            <dl class="details">
                {rows
                    .into_iter()
                    .map(|(k, v)| view! { <dt>{k}</dt> <dd>{v}</dd> })
                    .collect_view()}
            </dl>
        }
        .into_any()
    }
}
