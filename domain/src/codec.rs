//! How a record's JSON is written into `localStorage`: compressed, so that years of contacts fit in
//! the browser's quota, and quick to read back, so that start-up stays quick with thousands.
//!
//! Chromium gives an origin about 5.2 million UTF-16 code units of `localStorage`, and a contact
//! with a few hundred characters of notes and a short timeline is about 1,200 characters of JSON:
//! only ~4,400 of them would fit. So a record is stored as its JSON compressed with LZ4
//! (`lz4_flex`) against a fixed dictionary of the JSON every record repeats (field names, kinds,
//! date shapes), and the compressed bytes are packed 15 bits to a character, in the range
//! U+4000..U+BFFF (no surrogates, so every packed text is a valid string in Rust and JavaScript
//! alike, counted as one code unit by the quota). A typical contact then takes ~390 characters
//! with its key, and 10,000 of them fit with room to spare. LZ4 rather than DEFLATE: DEFLATE packs
//! ~10% tighter, but unpacking 10,000 records took ~250 ms of start-up; LZ4 takes a sixth of that.
//!
//! The packed text starts with [`MARK`], which no JSON text starts with, and a character that says
//! how many padding bits end it; then the JSON's length (4 bytes) and the LZ4 block. Text that
//! starts with `{` is read as plain JSON, so records written before this format (and hand-made
//! test data) still load; they are rewritten packed the next time they are saved.
//!
//! [`DICTIONARY`] is part of the format: changing it makes every stored record unreadable.

use lz4_flex::block::{compress_with_dict, decompress_with_dict};

/// What most records repeat, for LZ4 to refer to instead of storing it again: common English
/// words and the vocabulary of meeting people (for notes and summaries), then the JSON every
/// contact repeats (field names, kinds, date shapes). Never change it.
pub const DICTIONARY: &str = concat!(
    " the of and to in is was that for it with as his on be at by this had not are but from or ",
    "have an they which one you were her all she there would their we him been has when who will ",
    "more no if out so said what up its about into than them can only other new some could time ",
    "these two may then do first any my now such like our over me even most made after also did ",
    "many before must through back years where much your way well down should because each just ",
    "those people how too little good very make still own see work long get here between both life ",
    "being under never day same another know while last might us great old year off come since ",
    "against go came right used take three want interested working works moved asked send ",
    "recommends recommended introduced introduce mentor mentoring career job interview chat call ",
    "thank thanks follow check project product design team company startup manager engineer ",
    "developer designer research data university student volunteer volunteering community event ",
    "conference meetup talk workshop panel coffee lunch networking email phone article book ",
    "Met at the Informational Ask about how went minutes ",
    r#"{"id":"","name":"","role":"","organization":"","emails":[],"phones":[],"linkedin":"","#,
    r#""links":[],"where_met":"","met_on":null,"how_met":"","introduced_by":null,"tie":"weak","#,
    r#""tie":"medium","tie":"strong","tags":[],"notes":"","cadence":null,"cadence":"month","#,
    r#""interactions":[{"id":"","date":"2026-","kind":"met","summary":""},{"id":"","date":"2025-","#,
    r#""kind":"chat","summary":""},{"kind":"call"},{"kind":"message"},{"kind":"thank_you_sent"},"#,
    r#"{"kind":"note"}],"follow_ups":[{"id":"","kind":"thank_you","text":"","due":"2026-","#,
    r#""done_on":null},{"kind":"check_in"},{"kind":"introduction"}],"#,
    r#""created_at":"2026-T00:00:00.000000000Z","updated_at":"2025-T00:00:00Z","rev":1,"#,
    r#""research":"","schema":1}"#,
);

/// The first character of a packed record.
pub const MARK: char = '~';
/// The first character of the packing range.
const BASE: u32 = 0x4000;
/// Bits carried by one packed character.
const BITS: u32 = 15;
/// The largest JSON a packed record may expand to (a damaged record must not exhaust memory).
const MAX_JSON_BYTES: usize = 16 * 1024 * 1024;

/// The stored text for `json`: compressed and packed.
pub fn pack(json: &str) -> String {
    let len = u32::try_from(json.len()).unwrap_or(u32::MAX);
    let mut bytes = len.to_le_bytes().to_vec();
    bytes.extend(compress_with_dict(json.as_bytes(), DICTIONARY.as_bytes()));
    let chars = (bytes.len() * 8).div_ceil(BITS as usize);
    let padding = chars * BITS as usize - bytes.len() * 8;
    let mut out = String::with_capacity(2 + chars * 3);
    out.push(MARK);
    out.push(char::from(b'a' + padding as u8));
    let (mut acc, mut held) = (0u32, 0u32);
    for &b in &bytes {
        acc = (acc << 8) | u32::from(b);
        held += 8;
        if held >= BITS {
            held -= BITS;
            out.push(packed_char(acc >> held));
            acc &= (1 << held) - 1;
        }
    }
    if held > 0 {
        out.push(packed_char(acc << (BITS - held)));
    }
    out
}

/// The JSON text of a stored record: unpacked if packed, as it is if it is plain JSON. The `Err`
/// says in plain words why a packed text cannot be read.
pub fn unpack(stored: &str) -> Result<std::borrow::Cow<'_, str>, String> {
    let Some(rest) = stored.strip_prefix(MARK) else {
        return Ok(std::borrow::Cow::Borrowed(stored));
    };
    let mut chars = rest.chars();
    let mark = chars.next().and_then(|c| u16::try_from(u32::from(c)).ok());
    // Every packed character is three bytes of UTF-8 (U+4000..U+BFFF): read them as bytes, which
    // is several times faster than decoding characters in a build optimized for size. A lead byte
    // out of that range, or bytes left over, read as 0, which `unpack_body` refuses.
    let body = chars.as_str().as_bytes();
    let chunks = body.chunks_exact(3);
    let left_over = (!chunks.remainder().is_empty()).then_some(0);
    let units = chunks
        .map(|c| {
            if (0xE4..=0xEB).contains(&c[0]) {
                u16::from(c[0] & 0x0F) << 12 | u16::from(c[1] & 0x3F) << 6 | u16::from(c[2] & 0x3F)
            } else {
                0
            }
        })
        .chain(left_over);
    unpack_body(mark, units).map(std::borrow::Cow::Owned)
}

/// [`unpack`] of a stored text given as UTF-16 code units, as browsers hold it: a packed record
/// is read straight from its units, without converting it to UTF-8 first. Plain JSON is converted
/// (an unpaired surrogate becomes U+FFFD, as it does when the browser hands text to Rust).
pub fn unpack_units(stored: &[u16]) -> Result<String, String> {
    match stored.split_first() {
        Some((&first, rest)) if u32::from(first) == u32::from(MARK) => {
            let (mark, body) = match rest.split_first() {
                Some((&mark, body)) => (Some(mark), body),
                None => (None, rest),
            };
            unpack_body(mark, body.iter().copied())
        }
        _ => Ok(String::from_utf16_lossy(stored)),
    }
}

fn damaged(why: &str) -> String {
    format!("its compressed text is damaged ({why})")
}

/// The JSON of a packed record from what follows [`MARK`]: the padding mark, then the packed
/// characters (UTF-16 code units).
fn unpack_body(mark: Option<u16>, units: impl Iterator<Item = u16>) -> Result<String, String> {
    let padding = mark
        .filter(|&c| (u16::from(b'a')..u16::from(b'a') + BITS as u16).contains(&c))
        .map(|c| u32::from(c) - u32::from(b'a'))
        .ok_or_else(|| damaged("no length mark"))?;
    let mut bytes = Vec::with_capacity(units.size_hint().0 * 15 / 8 + 4);
    // Bits are taken out four bytes at a time: fewer steps than a byte at a time.
    let (mut acc, mut held) = (0u64, 0u32);
    for unit in units {
        let v = u32::from(unit)
            .checked_sub(BASE)
            .filter(|&v| v < 1 << BITS)
            .ok_or_else(|| damaged("a character out of range"))?;
        acc = (acc << BITS) | u64::from(v);
        held += BITS;
        if held >= 32 {
            held -= 32;
            bytes.extend_from_slice(&((acc >> held) as u32).to_be_bytes());
            acc &= (1 << held) - 1;
        }
    }
    while held >= 8 {
        held -= 8;
        bytes.push((acc >> held) as u8);
        acc &= (1 << held) - 1;
    }
    // What is left over must be exactly the padding, all zero bits.
    if held != padding % 8 || acc != 0 || (padding >= 8 && bytes.pop() != Some(0)) {
        return Err(damaged("its length does not add up"));
    }
    let (len, block) = bytes
        .split_first_chunk::<4>()
        .ok_or_else(|| damaged("it is too short"))?;
    let len = u32::from_le_bytes(*len) as usize;
    if len > MAX_JSON_BYTES {
        return Err(damaged("it claims to be too long"));
    }
    let json = decompress_with_dict(block, len, DICTIONARY.as_bytes())
        .ok()
        .filter(|json| json.len() == len)
        .ok_or_else(|| damaged("it does not decompress"))?;
    String::from_utf8(json).map_err(|_| damaged("it is not text"))
}

/// The most readable form of a stored text, for the user to download when it cannot be loaded:
/// its JSON if it unpacks, else the text exactly as stored.
pub fn readable(stored: &str) -> std::borrow::Cow<'_, str> {
    unpack(stored).unwrap_or(std::borrow::Cow::Borrowed(stored))
}

fn packed_char(v: u32) -> char {
    // `v` < 2^15, so BASE + v <= U+BFFF: a scalar value, never a surrogate.
    char::from_u32(BASE + v).expect("U+4000..U+BFFF are scalar values")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CONTACT: &str = r#"{"id":"00000000-0000-4000-8000-000000000123","name":"Alan Turing","role":"Senior product designer","organization":"NASA","emails":["person123@example.org"],"phones":["+44 20 7946 0958"],"linkedin":"","links":[],"where_met":"Conference 3","met_on":"2025-03-02","how_met":"Queue for coffee after the keynote; we talked about accessibility audits.","introduced_by":null,"tie":"weak","tags":["design","cohort-3"],"notes":"Works on the design system of a public service. Moved from architecture into UX five years ago. Recommends the book Inclusive Components. Interested in mentoring; asked me to send the article about weak ties. Has two kids, runs marathons.","cadence":null,"interactions":[{"id":"00000000-0000-4000-8000-000000000123-i1","date":"2025-03-02","kind":"met","summary":"Met at the conference"}],"follow_ups":[],"created_at":"2025-01-01T10:00:00Z","updated_at":"2025-01-01T10:00:00Z","rev":1,"schema":1}"#;

    #[test]
    fn a_typical_contact_takes_well_under_half_its_json() {
        let packed = pack(CONTACT);
        let units = packed.encode_utf16().count();
        assert!(
            units * 100 < CONTACT.len() * 45,
            "{units} code units for {} bytes of JSON",
            CONTACT.len()
        );
        assert_eq!(unpack(&packed).unwrap(), CONTACT);
    }

    #[test]
    fn plain_json_reads_as_it_is() {
        assert_eq!(unpack(r#"{"a":1}"#).unwrap(), r#"{"a":1}"#);
        assert_eq!(unpack("").unwrap(), "");
        let units: Vec<u16> = r#"{"a":"é"}"#.encode_utf16().collect();
        assert_eq!(unpack_units(&units).unwrap(), r#"{"a":"é"}"#);
        // An unpaired surrogate (JavaScript strings may hold one) reads as U+FFFD.
        assert_eq!(unpack_units(&[0x7B, 0xD800, 0x7D]).unwrap(), "{\u{FFFD}}");
    }

    #[test]
    fn damaged_texts_are_refused_in_words() {
        let packed = pack(CONTACT);
        let cut: String = packed.chars().take(packed.chars().count() / 2).collect();
        for bad in [
            "~".to_string(),
            "~z".to_string(),
            "~a!".to_string(),
            cut,
            format!("{packed}\u{4000}"),
            packed.replacen('~', "~b", 1),
        ] {
            let err = unpack(&bad).expect_err(&bad);
            assert!(err.starts_with("its compressed text is damaged"), "{err}");
            let units: Vec<u16> = bad.encode_utf16().collect();
            assert_eq!(unpack_units(&units), Err(err));
        }
    }

    #[test]
    fn a_damaged_record_is_offered_as_readable_as_it_gets() {
        let packed = pack(r#"{"name":5}"#);
        assert_eq!(readable(&packed), r#"{"name":5}"#);
        assert_eq!(readable("~a!"), "~a!");
    }

    #[test]
    fn packing_is_deterministic() {
        // Compare-and-set compares stored texts: the same JSON must give the same text.
        assert_eq!(pack(CONTACT), pack(CONTACT));
    }

    proptest! {
        #[test]
        fn any_text_round_trips(s in ".*") {
            let packed = pack(&s);
            prop_assert!(packed.chars().skip(2).all(|c| (0x4000..=0xBFFF).contains(&(c as u32))));
            prop_assert_eq!(unpack(&packed).unwrap(), s.as_str());
            let units: Vec<u16> = packed.encode_utf16().collect();
            prop_assert_eq!(unpack_units(&units).unwrap(), s.as_str());
        }

        #[test]
        fn any_packed_looking_text_is_read_or_refused_without_panic(
            pad in 0u8..20,
            body in proptest::collection::vec(0x3ff0u32..0xc010, 0..200),
        ) {
            let mut s = String::from(MARK);
            s.push(char::from(b'a' + pad));
            s.extend(body.into_iter().filter_map(char::from_u32));
            // Read from UTF-16 units, a text gives exactly what it gives read as UTF-8.
            let units: Vec<u16> = s.encode_utf16().collect();
            prop_assert_eq!(unpack_units(&units), unpack(&s).map(|json| json.into_owned()));
        }

        #[test]
        fn any_text_reads_the_same_from_its_units(s in "~?[a-z]?.*") {
            let units: Vec<u16> = s.encode_utf16().collect();
            prop_assert_eq!(unpack_units(&units), unpack(&s).map(|json| json.into_owned()));
        }
    }
}
