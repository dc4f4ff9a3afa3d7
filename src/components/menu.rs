//! A menu button (the WAI-ARIA menu button pattern): a button that opens a list of actions.
//! The button says it opens a menu and whether it is open; Enter, Space or the down arrow open it
//! on its first item, the up arrow on its last; the arrows, Home and End move between items;
//! Escape closes it and gives the focus back to the button, as choosing an item does; Tab and a
//! click elsewhere close it.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What a menu item does.
#[derive(Clone)]
pub enum MenuAction {
    /// Goes to an app path (already through `to`).
    Link(String),
    /// Runs in place.
    Run(Callback<()>),
}

/// One item of a [`MenuButton`].
#[derive(Clone)]
pub struct MenuItem {
    pub label: &'static str,
    pub action: MenuAction,
    /// Shown as a destructive action.
    pub danger: bool,
}

impl MenuItem {
    pub fn link(label: &'static str, href: String) -> Self {
        MenuItem {
            label,
            action: MenuAction::Link(href),
            danger: false,
        }
    }

    pub fn run(label: &'static str, run: impl Fn() + Send + Sync + 'static) -> Self {
        MenuItem {
            label,
            action: MenuAction::Run(Callback::new(move |()| run())),
            danger: false,
        }
    }

    pub fn danger(self) -> Self {
        MenuItem {
            danger: true,
            ..self
        }
    }
}

/// The items of the open menu, as elements to move the focus between.
fn item_elements(menu: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    let children = menu.children();
    (0..children.length())
        .filter_map(|i| children.item(i)?.first_element_child())
        .filter_map(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// A button labelled `label` that opens `items` as a menu (ids from `id`).
#[component]
pub fn MenuButton(
    id: &'static str,
    label: &'static str,
    #[prop(into)] items: Signal<Vec<MenuItem>>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let button = NodeRef::<html::Button>::new();
    let menu = NodeRef::<html::Ul>::new();
    let wrapper = NodeRef::<html::Div>::new();
    let menu_id = format!("{id}-menu");
    let button_id = format!("{id}-button");

    // Moves the focus to item `at` (negative counts from the end) of the shown menu.
    let focus_item = move |at: isize| {
        let Some(menu) = menu.get_untracked() else {
            return;
        };
        let all = item_elements(&menu);
        let n = all.len() as isize;
        if n > 0 {
            let _ = all[at.rem_euclid(n) as usize].focus();
        }
    };
    // Opens the menu, and moves the focus into it once it is shown (the next frame).
    let open_at = move |at: isize| {
        open.set(true);
        request_animation_frame(move || focus_item(at));
    };
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };

    // Enter and Space click the button, which opens the menu (a screen reader may send the click
    // alone).
    let on_button_key = move |e: ev::KeyboardEvent| match e.key().as_str() {
        "ArrowDown" => {
            e.prevent_default();
            open_at(0);
        }
        "ArrowUp" => {
            e.prevent_default();
            open_at(-1);
        }
        "Escape" if open.get_untracked() => {
            e.prevent_default();
            close(true);
        }
        // Tab pressed before the focus has moved into the menu leaves it too.
        "Tab" if open.get_untracked() => close(false),
        _ => {}
    };
    let on_menu_key = move |e: ev::KeyboardEvent| {
        let Some(menu) = menu.get_untracked() else {
            return;
        };
        let all = item_elements(&menu);
        let active = document().active_element();
        let current = all
            .iter()
            .position(|item| active.as_ref() == Some(item.unchecked_ref::<web_sys::Element>()))
            .map_or(0, |i| i as isize);
        match e.key().as_str() {
            "ArrowDown" => focus_item(current + 1),
            "ArrowUp" => focus_item(current - 1),
            "Home" => focus_item(0),
            "End" => focus_item(-1),
            "Escape" => close(true),
            "Tab" => {
                close(false);
                return;
            }
            _ => return,
        }
        e.prevent_default();
    };

    // A click outside the menu closes it.
    let outside = window_event_listener(ev::click, move |e| {
        if !open.get_untracked() {
            return;
        }
        let inside = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(wrapper.get_untracked())
            .is_some_and(|(target, wrapper)| wrapper.contains(Some(&target)));
        if !inside {
            open.set(false);
        }
    });
    on_cleanup(move || outside.remove());

    view! {
        <div class="menu" node_ref=wrapper>
            <button
                id=button_id.clone()
                node_ref=button
                aria-haspopup="menu"
                aria-controls=menu_id.clone()
                aria-expanded=move || open.get().to_string()
                on:click=move |_| {
                    if open.get_untracked() { close(false) } else { open_at(0) }
                }
                on:keydown=on_button_key
            >
                {label}
            </button>
            <ul
                id=menu_id
                role="menu"
                aria-labelledby=button_id
                node_ref=menu
                hidden=move || !open.get()
                on:keydown=on_menu_key
            >
                {move || {
                    items
                        .get()
                        .into_iter()
                        .map(|item| {
                            let class = if item.danger { "danger" } else { "" };
                            let view = match item.action {
                                MenuAction::Link(href) => {
                                    view! {
                                        <a role="menuitem" tabindex="-1" class=class href=href on:click=move |_| open.set(false)>
                                            {item.label}
                                        </a>
                                    }
                                        .into_any()
                                }
                                MenuAction::Run(run) => {
                                    view! {
                                        <button
                                            role="menuitem"
                                            tabindex="-1"
                                            class=class
                                            on:click=move |_| {
                                                close(true);
                                                run.run(());
                                            }
                                        >
                                            {item.label}
                                        </button>
                                    }
                                        .into_any()
                                }
                            };
                            view! { <li role="none">{view}</li> }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
