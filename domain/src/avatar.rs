//! A contact's initials avatar: one or two letters from the name, on a colour that stays the same
//! for the contact (chosen from its id, so renaming keeps it) and always keeps white letters
//! readable.

/// The avatar colours: dark enough for white text at normal size (WCAG AA, contrast at least
/// 4.5:1; checked by a test), and told apart by hue.
pub const COLOURS: [&str; 8] = [
    "#0b6e4f", // green (the app's own)
    "#1d4ed8", // blue
    "#7c3aed", // violet
    "#b91c1c", // red
    "#a4470b", // rust
    "#0e7490", // teal
    "#be185d", // pink
    "#4d5b0f", // olive
];

/// Up to two letters for a name: the first letter of its first and last words ("Ana Lima" →
/// "AL", "Ada" → "A"), upper-cased; words without a letter or digit ("—", "(she/her)") are skipped.
/// A name with none at all gives "?".
pub fn initials(name: &str) -> String {
    let firsts: Vec<char> = name
        .split_whitespace()
        .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
        .collect();
    let picked = match firsts.as_slice() {
        [] => return "?".to_string(),
        [only] => vec![*only],
        [first, .., last] => vec![*first, *last],
    };
    picked.into_iter().flat_map(char::to_uppercase).collect()
}

/// The contact's colour from [`COLOURS`], chosen by a hash of its id (FNV-1a: stable across
/// builds and platforms, unlike the standard library's hasher).
pub fn colour(id: &str) -> &'static str {
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    COLOURS[(hash % COLOURS.len() as u64) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn initials_of_names() {
        for (name, expected) in [
            ("Ana Lima", "AL"),
            ("ada", "A"),
            ("  María José de la Cruz  ", "MC"),
            ("Ana (she/her) Lima", "AL"),
            ("Ana Lima —", "AL"),
            ("Łukasz Żak", "ŁŻ"),
            ("ßtraße", "SS"),
            ("李 小龙", "李小"),
            ("", "?"),
            ("— …", "?"),
            ("3M Team", "3T"),
        ] {
            assert_eq!(initials(name), expected, "{name:?}");
        }
    }

    /// The WCAG relative luminance of a `#rrggbb` colour.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    #[test]
    fn white_letters_are_readable_on_every_colour() {
        for c in COLOURS {
            let contrast = 1.05 / (luminance(c) + 0.05);
            assert!(contrast >= 4.5, "{c}: {contrast:.2}");
        }
    }

    #[test]
    fn a_contact_keeps_its_colour_and_contacts_spread_over_all() {
        assert_eq!(colour("3f2c"), colour("3f2c"));
        // Known values, so that a change of the hash (which would recolour everyone) is seen.
        assert_eq!(colour(""), COLOURS[0xcbf2_9ce4_8422_2325_u64 as usize % 8]);
        let ids: Vec<String> = (0..800).map(|i| format!("id-{i}")).collect();
        for c in COLOURS {
            let n = ids.iter().filter(|id| colour(id) == c).count();
            assert!((60..=140).contains(&n), "{c}: {n} of 800");
        }
    }

    proptest! {
        #[test]
        fn initials_are_short_and_never_empty(name in ".*") {
            let i = initials(&name);
            prop_assert!(!i.is_empty());
            prop_assert!(i.chars().count() <= 6, "{i:?}");
            let _ = colour(&name);
        }
    }
}
