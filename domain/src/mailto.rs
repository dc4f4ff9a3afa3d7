//! `mailto:` links (RFC 6068), so a filled template opens in the user's own mail program.

/// A `mailto:` URI for `to`, `subject` and `body`, per RFC 6068.
///
/// - Every byte outside the unreserved set (`A-Z a-z 0-9 - . _ ~`) is percent-encoded as UTF-8,
///   in subject and body and in addresses (where `@` is also kept): a space is `%20`, never `+`;
///   `&`, `?`, `#`, `%`, `=` and `,` are always encoded.
/// - Addresses are trimmed, empty ones skipped, and the rest joined with `,`.
/// - In the body every line break (`\r\n`, `\n` or `\r`) becomes `%0D%0A`, as the RFC requires.
/// - A subject is one header line, so each of its line breaks becomes a space.
/// - An empty subject or body is left out.
/// - With no address (a contact without an email) the link carries only the subject and body:
///   the mail app opens the message with its recipient left for the user to choose.
pub fn mailto(to: &[String], subject: &str, body: &str) -> String {
    let mut out = String::from("mailto:");
    let mut first = true;
    for address in to.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
        if !first {
            out.push(',');
        }
        first = false;
        encode_into(&mut out, address, true);
    }
    let mut separator = '?';
    if !subject.is_empty() {
        out.push(separator);
        out.push_str("subject=");
        encode_into(&mut out, &one_line(subject), false);
        separator = '&';
    }
    if !body.is_empty() {
        out.push(separator);
        out.push_str("body=");
        encode_into(&mut out, &crlf_line_breaks(body), false);
    }
    out
}

/// Every line break (`\r\n`, lone `\n`, lone `\r`) as `\r\n`.
pub fn crlf_line_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\r\n");
            }
            '\n' => out.push_str("\r\n"),
            c => out.push(c),
        }
    }
    out
}

/// The text with every line break (`\r\n`, lone `\n`, lone `\r`) as one space.
fn one_line(text: &str) -> String {
    crlf_line_breaks(text).replace("\r\n", " ")
}

fn encode_into(out: &mut String, text: &str, keep_at: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (keep_at && b == b'@')
        {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0x0F)] as char);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A small, independent percent-decoder: `%XX` to a byte, everything else as is (so a `+`
    /// stays a `+`); the bytes must be UTF-8.
    fn percent_decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("two hex digits");
                out.push(u8::from_str_radix(hex, 16).expect("hex"));
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).expect("UTF-8")
    }

    /// Splits a mailto URI into its decoded addresses and decoded header fields.
    fn split(uri: &str) -> (Vec<String>, Vec<(String, String)>) {
        let rest = uri.strip_prefix("mailto:").expect("mailto: prefix");
        let (to, query) = match rest.split_once('?') {
            Some((to, query)) => (to, Some(query)),
            None => (rest, None),
        };
        let to = if to.is_empty() {
            Vec::new()
        } else {
            to.split(',').map(percent_decode).collect()
        };
        let fields = query
            .map(|q| {
                q.split('&')
                    .map(|f| {
                        let (k, v) = f.split_once('=').expect("name=value");
                        (percent_decode(k), percent_decode(v))
                    })
                    .collect()
            })
            .unwrap_or_default();
        (to, fields)
    }

    fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Only unreserved characters, '@', and the delimiters may appear raw.
    fn assert_well_formed(uri: &str) {
        for c in uri["mailto:".len()..].chars() {
            assert!(
                c.is_ascii_alphanumeric() || "-._~@%,?&=".contains(c),
                "raw {c:?} in {uri}"
            );
        }
    }

    #[test]
    fn encodes_the_examples_exactly() {
        assert_eq!(
            mailto(
                &["ana@example.com".into()],
                "Thanks & hello?",
                "Hi Ana,\n\n100% #1 = you"
            ),
            "mailto:ana@example.com?subject=Thanks%20%26%20hello%3F\
             &body=Hi%20Ana%2C%0D%0A%0D%0A100%25%20%231%20%3D%20you"
        );
        assert_eq!(mailto(&[], "", ""), "mailto:");
        assert_eq!(mailto(&[], "", "x"), "mailto:?body=x");
        assert_eq!(mailto(&["a@b.c".into()], "", ""), "mailto:a@b.c");
        assert_eq!(mailto(&[], "a+b", ""), "mailto:?subject=a%2Bb");
        assert_eq!(mailto(&[], "é", ""), "mailto:?subject=%C3%A9");
    }

    #[test]
    fn without_an_address_the_link_has_only_the_subject_and_body() {
        let uri = mailto(&[], "Great to meet you", "Hi Ada,\nthanks!");
        assert_eq!(
            uri,
            "mailto:?subject=Great%20to%20meet%20you&body=Hi%20Ada%2C%0D%0Athanks%21"
        );
        assert_eq!(
            mailto(&[String::new(), " ".into()], "", "x"),
            "mailto:?body=x"
        );
        let (to, fields) = split(&uri);
        assert!(to.is_empty());
        assert_eq!(field(&fields, "subject"), Some("Great to meet you"));
        assert_eq!(field(&fields, "body"), Some("Hi Ada,\r\nthanks!"));
    }

    #[test]
    fn addresses_are_encoded_and_joined_with_commas() {
        let to = vec![
            " ana@example.com ".to_string(),
            String::new(),
            "\"a,b\"@example.com".to_string(),
            "x?y&z@example.com".to_string(),
        ];
        let uri = mailto(&to, "", "");
        assert_eq!(
            uri,
            "mailto:ana@example.com,%22a%2Cb%22@example.com,x%3Fy%26z@example.com"
        );
        let (decoded, fields) = split(&uri);
        assert_eq!(
            decoded,
            [
                "ana@example.com",
                "\"a,b\"@example.com",
                "x?y&z@example.com"
            ]
        );
        assert!(fields.is_empty());
    }

    #[test]
    fn line_breaks_become_crlf_in_the_body_and_spaces_in_the_subject() {
        let (_, fields) = split(&mailto(&[], "one\r\ntwo\nthree\rfour", "a\nb\r\nc\rd\n\re"));
        assert_eq!(field(&fields, "subject"), Some("one two three four"));
        assert_eq!(field(&fields, "body"), Some("a\r\nb\r\nc\r\nd\r\n\r\ne"));
    }

    fn tricky() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("\r\n"),
            Just("\n"),
            Just("\r"),
            Just("&"),
            Just("?"),
            Just("#"),
            Just("%"),
            Just("%20"),
            Just("="),
            Just("+"),
            Just(","),
            Just(" "),
            Just("subject="),
            Just("😀"),
            Just("👩‍👩‍👧"),
            Just("مرحبا بك"),
            Just("שלום"),
            Just("\u{202E}"),
            Just("\u{200F}"),
            Just("é"),
            Just("{{first_name}}"),
            Just("abc"),
        ];
        prop::collection::vec(piece, 0..16).prop_map(|parts| parts.concat())
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![tricky(), any::<String>()]
    }

    proptest! {
        #[test]
        fn decodes_back_to_the_subject_and_body(
            subject in any_text(),
            body in any_text(),
            to in prop::collection::vec(
                prop_oneof!["[a-z0-9.+_-]{1,8}@[a-z]{1,8}\\.[a-z]{2,3}", any_text()],
                0..4,
            ),
        ) {
            let uri = mailto(&to, &subject, &body);
            assert_well_formed(&uri);
            prop_assert!(!uri.contains('+'));
            let (decoded_to, fields) = split(&uri);
            let expected_to: Vec<&str> =
                to.iter().map(|a| a.trim()).filter(|a| !a.is_empty()).collect();
            prop_assert_eq!(decoded_to, expected_to);
            let expected_subject = crlf_line_breaks(&subject).replace("\r\n", " ");
            prop_assert_eq!(field(&fields, "subject"), (!subject.is_empty()).then_some(expected_subject.as_str()));
            let expected_body = crlf_line_breaks(&body);
            prop_assert_eq!(field(&fields, "body"), (!body.is_empty()).then_some(expected_body.as_str()));
            prop_assert_eq!(fields.len(), usize::from(!subject.is_empty()) + usize::from(!body.is_empty()));
        }

        #[test]
        fn crlf_text_decodes_exactly(
            subject in tricky().prop_map(|s| s.replace(['\r', '\n'], "")),
            lines in prop::collection::vec(tricky().prop_map(|s| s.replace(['\r', '\n'], "")), 1..5),
        ) {
            let body = lines.join("\r\n");
            let (_, fields) = split(&mailto(&[], &subject, &body));
            if !subject.is_empty() {
                prop_assert_eq!(field(&fields, "subject"), Some(subject.as_str()));
            }
            if !body.is_empty() {
                prop_assert_eq!(field(&fields, "body"), Some(body.as_str()));
            }
        }
    }
}
