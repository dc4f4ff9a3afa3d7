//! The names the user sees for the model's enums ([`TieStrength`], [`Cadence`],
//! [`InteractionKind`], [`FollowUpKind`]), and the order a picker lists them in (`ALL`).
//!
//! Invariant: no two labels of one enum are the same, and none is empty (tested below).
//!
//! The other labels sit with their types: [`crate::follow_ups::Bucket`],
//! [`crate::validation::Field`], [`crate::book::Sort`], [`crate::template::Placeholder`].

use crate::model::{Cadence, FollowUpKind, InteractionKind, TieStrength};

impl TieStrength {
    /// Every tie strength, weakest first (the order of a picker).
    pub const ALL: [TieStrength; 3] = [TieStrength::Weak, TieStrength::Medium, TieStrength::Strong];

    /// The user-facing name: "Weak", "Medium", "Strong".
    pub fn label(self) -> &'static str {
        match self {
            TieStrength::Weak => "Weak",
            TieStrength::Medium => "Medium",
            TieStrength::Strong => "Strong",
        }
    }
}

impl InteractionKind {
    /// Every interaction kind, in the order of a picker.
    pub const ALL: [InteractionKind; 6] = [
        InteractionKind::Met,
        InteractionKind::Chat,
        InteractionKind::Call,
        InteractionKind::Message,
        InteractionKind::ThankYouSent,
        InteractionKind::Note,
    ];

    /// The user-facing name: "Met", "Chat", "Call", "Message", "Thank-you sent", "Note".
    pub fn label(self) -> &'static str {
        match self {
            InteractionKind::Met => "Met",
            InteractionKind::Chat => "Chat",
            InteractionKind::Call => "Call",
            InteractionKind::Message => "Message",
            InteractionKind::ThankYouSent => "Thank-you sent",
            InteractionKind::Note => "Note",
        }
    }
}

impl FollowUpKind {
    /// Every follow-up kind, in the order of a picker.
    pub const ALL: [FollowUpKind; 5] = [
        FollowUpKind::ThankYou,
        FollowUpKind::CheckIn,
        FollowUpKind::Introduction,
        FollowUpKind::SendSomething,
        FollowUpKind::Other,
    ];

    /// The user-facing name: "Thank-you", "Check in", "Introduction", "Send something", "Other".
    pub fn label(self) -> &'static str {
        match self {
            FollowUpKind::ThankYou => "Thank-you",
            FollowUpKind::CheckIn => "Check in",
            FollowUpKind::Introduction => "Introduction",
            FollowUpKind::SendSomething => "Send something",
            FollowUpKind::Other => "Other",
        }
    }
}

impl Cadence {
    /// Every cadence, shortest first (the order of a picker).
    pub const ALL: [Cadence; 5] = [
        Cadence::TwoWeeks,
        Cadence::Month,
        Cadence::Quarter,
        Cadence::HalfYear,
        Cadence::Year,
    ];

    /// The user-facing name: "Every 2 weeks", "Every month", "Every 3 months", "Every 6 months",
    /// "Every year".
    pub fn label(self) -> &'static str {
        match self {
            Cadence::TwoWeeks => "Every 2 weeks",
            Cadence::Month => "Every month",
            Cadence::Quarter => "Every 3 months",
            Cadence::HalfYear => "Every 6 months",
            Cadence::Year => "Every year",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::follow_ups::Bucket;

    #[test]
    fn labels_are_distinct_and_all_lists_are_complete() {
        fn distinct(labels: &[&str]) {
            for (i, a) in labels.iter().enumerate() {
                assert!(!a.is_empty());
                assert!(!labels[i + 1..].contains(a), "{a} repeats");
            }
        }
        distinct(&TieStrength::ALL.map(TieStrength::label));
        distinct(&Cadence::ALL.map(Cadence::label));
        distinct(&InteractionKind::ALL.map(InteractionKind::label));
        distinct(&FollowUpKind::ALL.map(FollowUpKind::label));
        distinct(&Bucket::ALL.map(Bucket::label));
        assert_eq!(Cadence::TwoWeeks.label(), "Every 2 weeks");
        assert_eq!(Cadence::Month.label(), "Every month");
        assert_eq!(FollowUpKind::ThankYou.label(), "Thank-you");
        assert_eq!(FollowUpKind::CheckIn.label(), "Check in");
        assert_eq!(InteractionKind::ThankYouSent.label(), "Thank-you sent");
        // The ALL lists name every variant: a match that must stay exhaustive.
        for k in InteractionKind::ALL {
            match k {
                InteractionKind::Met
                | InteractionKind::Chat
                | InteractionKind::Call
                | InteractionKind::Message
                | InteractionKind::ThankYouSent
                | InteractionKind::Note => {}
            }
        }
        assert!(Bucket::Overdue < Bucket::Today && Bucket::ThisWeek < Bucket::Later);
    }
}
