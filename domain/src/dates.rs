//! Dates as the user types them: `YYYY-MM-DD`, what an `<input type="date">` gives.

use chrono::NaiveDate;

/// A typed date (`2026-11-28`, spaces around it ignored), or `None` when it is not one.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_the_date_input_form_with_spaces_around() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 28);
        assert_eq!(parse_date("2026-11-28"), day);
        assert_eq!(parse_date("  2026-11-28 "), day);
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for text in [
            "",
            "28/11/2026",
            "2026-02-30",
            "tomorrow",
            "2026-11-28T10:00",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC*") {
            let _ = parse_date(&text);
        }
    }
}
