//! The built-in templates: their original text, which the user's edited copies can always be
//! restored to ([`super::TemplateSet::restore_builtins`]).

use super::Template;

/// The built-ins that are the thank-you after meeting someone.
pub(super) const THANK_YOU_KEYS: [&str; 2] = ["thank_you_chat", "after_event"];

/// The original text of a built-in template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Builtin {
    /// Stable key, stored in [`Template::builtin_key`].
    pub key: &'static str,
    pub name: &'static str,
    pub subject: &'static str,
    pub body: &'static str,
}

impl Builtin {
    /// The built-in with this key.
    pub fn by_key(key: &str) -> Option<&'static Builtin> {
        BUILTINS.iter().find(|b| b.key == key)
    }

    /// The id a built-in gets when the set is first created: stable, so two tabs starting at the
    /// same time agree.
    pub fn default_id(&self) -> String {
        format!("builtin-{}", self.key)
    }

    /// A pristine template made from this built-in, with the given id.
    pub fn to_template(&self, id: String) -> Template {
        Template {
            id,
            name: self.name.to_string(),
            subject: self.subject.to_string(),
            body: self.body.to_string(),
            builtin_key: Some(self.key.to_string()),
        }
    }

    pub(super) fn matches(&self, t: &Template) -> bool {
        t.name == self.name && t.subject == self.subject && t.body == self.body
    }
}

/// The built-in templates, in the order they are listed.
pub const BUILTINS: [Builtin; 5] = [
    Builtin {
        key: "thank_you_chat",
        name: "Thank you after a chat",
        subject: "Thank you for the chat",
        body: "Hi {{first_name|there}},

Thank you for taking the time to talk with me about {{topic|your work}}. I really enjoyed our conversation and came away with a lot to think about.

Your suggestion to {{advice}} was especially helpful, and I'm already putting it into practice.

I'll let you know how it goes. Thanks again for being so generous with your time.

Best wishes,
{{my_signature}}",
    },
    Builtin {
        key: "after_event",
        name: "After meeting at an event",
        subject: "Great to meet you at {{event|the event}}",
        body: "Hi {{first_name|there}},

It was great to meet you at {{event|the event}}. I enjoyed our conversation about {{topic|your work}}, and thank you for sharing your perspective.

I'd love to stay in touch. If you're ever up for a short coffee or call, I'd be glad to hear more about what you're working on.

Best wishes,
{{my_signature}}",
    },
    Builtin {
        key: "acted_on_advice",
        name: "I acted on your advice",
        subject: "I took your advice",
        body: "Hi {{first_name|there}},

When we talked about {{topic|my next steps}}, you suggested that I {{advice}}. I wanted to let you know that I did, and it has already made a real difference.

Thank you again for pointing me in the right direction. If there's ever anything I can help you with, I'd be glad to return the favour.

Best wishes,
{{my_signature}}",
    },
    Builtin {
        key: "ask_introduction",
        name: "Asking for an introduction",
        subject: "A quick question about {{referred_person}}",
        body: "Hi {{first_name|there}},

I hope you're doing well. Thank you again for your advice on {{topic|my search}}; it has been really useful.

You mentioned {{referred_person}} as someone worth talking to, and I'd love to reach out to learn more about their work. May I tell them that you referred me?

If you'd rather introduce us yourself, I'd be very grateful for that too. Either way, I'll keep it brief and respectful of their time.

Best wishes,
{{my_signature}}",
    },
    Builtin {
        key: "check_in",
        name: "Checking in months later",
        subject: "Checking in, and a quick update",
        body: "Hi {{first_name|there}},

I hope all is well with you. It's been a few months since we last talked, and I was thinking back to our conversation about {{topic|your work}}.

A quick update from my side: I followed your advice to {{advice}}, and it has been going well. Thank you again for that.

How are things at {{organization|your end}}? I'd love to hear what you've been working on.

Best wishes,
{{my_signature}}",
    },
];
