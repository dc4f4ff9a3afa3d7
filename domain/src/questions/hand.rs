//! A draw from the deck as the user asks for it and as the page reports it: how many cards (typed),
//! and what the draw did.

use super::DEFAULT_HAND_SIZE;

/// The most cards one draw deals.
pub const MAX_HAND: usize = 50;

/// The number typed in **How many**, kept within 1..=[`MAX_HAND`] (the default hand when it is
/// not a number).
pub fn hand_size(typed: &str) -> usize {
    typed
        .trim()
        .parse::<usize>()
        .map(|n| n.clamp(1, MAX_HAND))
        .unwrap_or(DEFAULT_HAND_SIZE)
}

/// "5 questions", "1 question".
pub fn questions_text(n: usize) -> String {
    if n == 1 {
        "1 question".to_string()
    } else {
        format!("{n} questions")
    }
}

/// What a draw did, for the status line: `got` of the `wanted` questions, `left` in this round.
pub fn drawn_message(wanted: usize, got: usize, left: usize) -> String {
    let left = format!("{} left in this round of the deck.", questions_text(left));
    match got {
        0 => "No question to draw with this choice.".to_string(),
        n if n < wanted => format!(
            "Only {} to draw with this choice. {left}",
            questions_text(n)
        ),
        n => format!("Drew {}. {left}", questions_text(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_typed_hand_size_stays_within_bounds() {
        assert_eq!(hand_size(" 3 "), 3);
        assert_eq!(hand_size("0"), 1);
        assert_eq!(hand_size("500"), MAX_HAND);
        assert_eq!(hand_size("three"), DEFAULT_HAND_SIZE);
        assert_eq!(hand_size(""), DEFAULT_HAND_SIZE);
    }

    #[test]
    fn a_draw_says_what_it_dealt_and_what_is_left() {
        assert_eq!(
            drawn_message(3, 0, 0),
            "No question to draw with this choice."
        );
        assert_eq!(
            drawn_message(3, 1, 0),
            "Only 1 question to draw with this choice. 0 questions left in this round of the deck."
        );
        assert_eq!(
            drawn_message(3, 3, 20),
            "Drew 3 questions. 20 questions left in this round of the deck."
        );
    }

    proptest! {
        #[test]
        fn any_typed_size_is_a_valid_hand(text in "\\PC*") {
            let n = hand_size(&text);
            prop_assert!((1..=MAX_HAND).contains(&n));
        }
    }
}
