//! The user's own card: their details (from the settings' [`Me`]) as a vCard that another
//! person's phone camera can add as a contact, shown as a QR code, with no network and no app.
//!
//! The card is vCard **3.0** (RFC 2426): the version that the cameras of both iOS and Android
//! read from a QR code and add straight to the address book; 4.0 is still read unevenly by
//! phones. It is written with `calcard`'s vCard writer, which escapes `\`, `,`, `;` and line
//! breaks in text values, folds long lines and ends every line with CRLF; non-ASCII text gets the
//! `CHARSET=UTF-8` parameter that older readers need. Empty fields are left out.
//!
//! The QR code is made by the `qrcode` crate (only its SVG renderer): error correction level M,
//! a quiet zone of four modules, black modules on white whatever the page's theme, since a
//! camera needs the contrast.

use calcard::vcard::{VCard, VCardEntry, VCardProperty, VCardValue, VCardVersion};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use serde::{Deserialize, Serialize};

use crate::formats::slug_or;
use crate::template::Me;
use crate::validation::{is_plausible_email, is_plausible_phone, web_url_host};

/// Why there is no card to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardProblem {
    /// A card needs at least the user's name.
    NoName,
    /// The details do not fit in a QR code (about 2,300 bytes at level M).
    TooLong,
}

impl std::fmt::Display for CardProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CardProblem::NoName => "Add your name in Settings, under About you, to make your card.",
            CardProblem::TooLong => {
                "Your details are too long for a QR code. Shorten them in Settings, under About you."
            }
        })
    }
}

/// The user's card, ready to show and to download.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyCard {
    /// The vCard 3.0 text, exactly what the QR code holds and the download saves.
    pub vcard: String,
    /// The QR code as a standalone SVG document.
    pub qr_svg: String,
    /// The download's file name, from the user's name: `ana-lima.vcf`.
    pub file_name: String,
}

impl MyCard {
    /// The card for `me`: the vCard, its QR code and a file name.
    pub fn new(me: &Me) -> Result<MyCard, CardProblem> {
        let vcard = vcard(me).ok_or(CardProblem::NoName)?;
        let qr_svg = qr_svg(&vcard).ok_or(CardProblem::TooLong)?;
        Ok(MyCard {
            qr_svg,
            file_name: file_name(&me.name),
            vcard,
        })
    }
}

/// What the card holds, as (label, value) beside the code: the filled-in details only.
pub fn shown_details(me: &Me) -> Vec<(&'static str, String)> {
    [
        ("Name", &me.name),
        ("Role", &me.role),
        ("Organization", &me.organization),
        ("Email", &me.email),
        ("Phone", &me.phone),
        ("Link", &me.website),
    ]
    .into_iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| (k, v.clone()))
    .collect()
}

/// Checks the card's email, phone and web link (blank ones are fine); `Err` says what is wrong
/// with each, in one message for the user.
pub fn check(me: &Me) -> Result<(), String> {
    let mut problems = Vec::new();
    let email = me.email.trim();
    if !email.is_empty() && !is_plausible_email(email) {
        problems.push(format!(
            "“{email}” doesn't look like an email address, such as name@example.com."
        ));
    }
    let phone = me.phone.trim();
    if !phone.is_empty() && !is_plausible_phone(phone) {
        problems.push(format!(
            "“{phone}” doesn't look like a phone number. Use digits, spaces and + - ( ) . /"
        ));
    }
    let website = me.website.trim();
    if !website.is_empty() && web_url_host(website).is_none() {
        problems.push(format!(
            "“{website}” isn't a web address. Links start with https:// or http://."
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join(" "))
    }
}

/// One line of text as a card value: outer blanks trimmed, runs of blanks and line breaks made
/// one space (a card's fields are single lines).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The structured name (`N`): the last word as the family name and the rest as given names, so
/// that a phone showing "given family" shows the name as the user typed it. One word is a given
/// name.
fn structured_name(name: &str) -> [String; 5] {
    let (given, family) = match name.rsplit_once(' ') {
        Some((given, family)) => (given.to_string(), family.to_string()),
        None => (name.to_string(), String::new()),
    };
    [family, given, String::new(), String::new(), String::new()]
}

/// The user's card as vCard 3.0 text, or `None` without a name (FN and N are required).
pub fn vcard(me: &Me) -> Option<String> {
    let name = one_line(&me.name);
    if name.is_empty() {
        return None;
    }
    let text = |property, value: String| VCardEntry::new(property).with_value(value);
    let mut entries = vec![
        VCardEntry::new(VCardProperty::N).with_values(
            structured_name(&name)
                .into_iter()
                .map(VCardValue::Text)
                .collect(),
        ),
        text(VCardProperty::Fn, name),
    ];
    for (property, value) in [
        (VCardProperty::Org, &me.organization),
        (VCardProperty::Title, &me.role),
        (VCardProperty::Email, &me.email),
        (VCardProperty::Tel, &me.phone),
        (VCardProperty::Url, &me.website),
    ] {
        let value = one_line(value);
        if !value.is_empty() {
            entries.push(text(property, value));
        }
    }
    let mut out = String::new();
    VCard { entries }
        .write_to(&mut out, VCardVersion::V3_0)
        .ok()?;
    Some(out)
}

/// `text` as a QR code (level M, with its quiet zone), an SVG document with black modules on a
/// white background; `None` if it is too long for a QR code.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color>()
            .quiet_zone(true)
            .module_dimensions(1, 1)
            .dark_color(svg::Color("#000"))
            .light_color(svg::Color("#fff"))
            .build(),
    )
}

/// The file name for the card: the name's slug (as for any exported contact), `.vcf` added
/// (`Ana Lima` gives `ana-lima.vcf`), `my-card.vcf` when nothing of the name is left.
pub fn file_name(name: &str) -> String {
    format!("{}.vcf", slug_or(name, "my-card"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use calcard::{Entry, Parser};
    use proptest::prelude::*;

    fn ana() -> Me {
        Me {
            name: "Ana Lima".into(),
            signature: "Ana\nUX researcher".into(),
            role: "UX researcher".into(),
            organization: "Open Data Lab".into(),
            email: "ana@example.org".into(),
            phone: "+351 912 345 678".into(),
            website: "https://www.linkedin.com/in/ana-lima".into(),
        }
    }

    fn parse(text: &str) -> VCard {
        match Parser::new(text).strict().entry() {
            Entry::VCard(card) => card,
            other => panic!("not a vCard: {other:?}"),
        }
    }

    fn value(card: &VCard, property: VCardProperty) -> Option<String> {
        card.property(&property).map(|e| {
            e.values
                .iter()
                .filter_map(|v| v.as_text())
                .collect::<Vec<_>>()
                .join(";")
        })
    }

    #[test]
    fn the_card_shows_only_the_details_given() {
        let me = Me {
            name: "Ana Lima".into(),
            email: "ana@example.org".into(),
            phone: "  ".into(),
            ..Me::default()
        };
        assert_eq!(
            shown_details(&me),
            [
                ("Name", "Ana Lima".to_string()),
                ("Email", "ana@example.org".to_string())
            ]
        );
    }

    #[test]
    fn a_typical_card() {
        assert_eq!(
            vcard(&ana()).unwrap(),
            "BEGIN:VCARD\r\n\
             VERSION:3.0\r\n\
             N:Lima;Ana;;;\r\n\
             FN:Ana Lima\r\n\
             ORG:Open Data Lab\r\n\
             TITLE:UX researcher\r\n\
             EMAIL:ana@example.org\r\n\
             TEL:+351 912 345 678\r\n\
             URL:https://www.linkedin.com/in/ana-lima\r\n\
             END:VCARD\r\n"
        );
    }

    #[test]
    fn text_values_are_escaped() {
        let me = Me {
            name: "Ana Lima".into(),
            role: "Research, design; \\ data".into(),
            organization: "Lab; Ltd, Inc".into(),
            ..Me::default()
        };
        let text = vcard(&me).unwrap();
        assert!(
            text.contains("TITLE:Research\\, design\\; \\\\ data\r\n"),
            "{text}"
        );
        assert!(text.contains("ORG:Lab\\; Ltd\\, Inc\r\n"), "{text}");
    }

    #[test]
    fn line_breaks_and_blanks_become_single_spaces() {
        let me = Me {
            name: "  Ana \r\n Lima ".into(),
            role: "UX\nresearcher".into(),
            ..Me::default()
        };
        let text = vcard(&me).unwrap();
        assert!(text.contains("FN:Ana Lima\r\n"), "{text}");
        assert!(text.contains("TITLE:UX researcher\r\n"), "{text}");
        // Every line ends with CRLF, and there is no bare LF.
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    }

    #[test]
    fn empty_fields_are_left_out() {
        let me = Me {
            name: "Ana".into(),
            email: "   ".into(),
            ..Me::default()
        };
        assert_eq!(
            vcard(&me).unwrap(),
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;Ana;;;\r\nFN:Ana\r\nEND:VCARD\r\n"
        );
    }

    #[test]
    fn no_name_no_card() {
        let me = Me {
            email: "ana@example.org".into(),
            ..Me::default()
        };
        assert_eq!(vcard(&me), None);
        assert_eq!(MyCard::new(&me), Err(CardProblem::NoName));
    }

    #[test]
    fn accents_and_emoji_are_kept_as_utf8() {
        let me = Me {
            name: "José Ñúñez 🌱".into(),
            ..Me::default()
        };
        let text = vcard(&me).unwrap();
        assert!(
            text.contains("FN;CHARSET=UTF-8:José Ñúñez 🌱\r\n"),
            "{text}"
        );
        assert_eq!(
            value(&parse(&text), VCardProperty::Fn).unwrap(),
            "José Ñúñez 🌱"
        );
    }

    #[test]
    fn the_card_reads_back_through_calcard() {
        let card = parse(&vcard(&ana()).unwrap());
        assert_eq!(card.version(), Some(VCardVersion::V3_0));
        assert_eq!(value(&card, VCardProperty::Fn).unwrap(), "Ana Lima");
        assert_eq!(value(&card, VCardProperty::N).unwrap(), "Lima;Ana;;;");
        assert_eq!(value(&card, VCardProperty::Org).unwrap(), "Open Data Lab");
        assert_eq!(value(&card, VCardProperty::Title).unwrap(), "UX researcher");
        assert_eq!(
            value(&card, VCardProperty::Email).unwrap(),
            "ana@example.org"
        );
        assert_eq!(
            value(&card, VCardProperty::Tel).unwrap(),
            "+351 912 345 678"
        );
        assert_eq!(
            value(&card, VCardProperty::Url).unwrap(),
            "https://www.linkedin.com/in/ana-lima"
        );
    }

    #[test]
    fn the_qr_code_is_black_on_white_svg() {
        let card = MyCard::new(&ana()).unwrap();
        assert!(card.qr_svg.contains("<svg"));
        assert!(card.qr_svg.contains(r##"fill="#fff""##));
        assert!(card.qr_svg.contains(r##"fill="#000""##));
        assert_eq!(card.file_name, "ana-lima.vcf");
    }

    #[test]
    fn too_long_for_a_qr_code() {
        let me = Me {
            name: "Ana".into(),
            role: "x".repeat(3000),
            ..Me::default()
        };
        assert_eq!(MyCard::new(&me), Err(CardProblem::TooLong));
    }

    #[test]
    fn details_are_checked() {
        assert_eq!(check(&ana()), Ok(()));
        assert_eq!(check(&Me::default()), Ok(()));
        let bad = Me {
            email: "ana at example".into(),
            phone: "call me".into(),
            website: "www.example.org".into(),
            ..ana()
        };
        let message = check(&bad).unwrap_err();
        assert!(
            message.contains("“ana at example” doesn't look like an email"),
            "{message}"
        );
        assert!(
            message.contains("“call me” doesn't look like a phone"),
            "{message}"
        );
        assert!(
            message.contains("“www.example.org” isn't a web address"),
            "{message}"
        );
    }

    #[test]
    fn file_names() {
        assert_eq!(file_name("Ana Lima"), "ana-lima.vcf");
        assert_eq!(file_name("  José  Ñúñez 🌱 "), "jose-nunez.vcf");
        assert_eq!(file_name("O'Brien / Smith"), "o-brien-smith.vcf");
        assert_eq!(file_name("🌱"), "my-card.vcf");
    }

    proptest! {
        /// Whatever the user types, the card parses back to the same (one-line) values.
        #[test]
        fn any_details_read_back(
            name in "[^\\x00-\\x1f]{1,40}",
            role in "\\PC{0,60}",
            organization in "\\PC{0,60}",
        ) {
            let me = Me { name: name.clone(), role: role.clone(), organization: organization.clone(), ..Me::default() };
            let Some(text) = vcard(&me) else {
                prop_assert!(one_line(&name).is_empty());
                return Ok(());
            };
            let card = parse(&text);
            prop_assert_eq!(value(&card, VCardProperty::Fn), Some(one_line(&name)));
            prop_assert_eq!(
                value(&card, VCardProperty::Title),
                Some(one_line(&role)).filter(|r| !r.is_empty())
            );
            prop_assert_eq!(
                value(&card, VCardProperty::Org),
                Some(one_line(&organization)).filter(|o| !o.is_empty())
            );
        }
    }
}
