//! The user's talking points beside prepared questions (the hand of the deck, a chat's
//! preparation).

use leptos::prelude::*;
use leptos_router::components::A;
use weak_ties_domain::questions::PreparedSet;

use crate::app::to;

/// The user's talking points beside the questions: the article warns that only asking questions
/// turns a chat into an interrogation. With none yet, a link to Settings.
#[component]
pub fn TalkingPoints(set: Memo<PreparedSet>) -> impl IntoView {
    view! {
        <aside class="talking-points" aria-labelledby="talking-points-h">
            <h3 id="talking-points-h">"Not an interrogation"</h3>
            {move || {
                set.with(|s| {
                    if s.prompt_only {
                        view! {
                            <p>{s.talking_points.join(" ")}</p>
                            <p>
                                <A href=to("/settings")>"Add your talking points in Settings"</A>
                            </p>
                        }
                            .into_any()
                    } else {
                        view! {
                            <p class="hint">
                                "Talk about yourself too: your interests and what you hope to do next."
                            </p>
                            <ul>
                                {s
                                    .talking_points
                                    .iter()
                                    .map(|t| view! { <li>{t.clone()}</li> })
                                    .collect_view()}
                            </ul>
                            <p>
                                <A href=to("/settings")>"Edit your talking points"</A>
                            </p>
                        }
                            .into_any()
                    }
                })
            }}
        </aside>
    }
}
