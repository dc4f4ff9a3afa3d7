//! Folding text for comparison: lowercase, common Latin accents and ligatures to plain letters.
//! Search, the tag and event filters, sort by name and duplicate detection all compare folded
//! text, so "Émile" and "emile" are the same everywhere.

/// Lowercases `s` and folds common Latin accents and ligatures to plain letters
/// ("Émile Ørsted-Straße" -> "emile orsted-strasse"), so searches match either spelling.
/// Combining marks (decomposed accents) are dropped.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold()`], appended to `out` (the search text is built of many folded fields).
pub(super) fn fold_into(s: &str, out: &mut String) {
    out.reserve(s.len());
    let mut rest = s;
    loop {
        // Most text is ASCII: copy each run of it at once and lowercase it in place, without the
        // Unicode tables.
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        let mut chars = rest[ascii..].chars();
        let Some(upper) = chars.next() else {
            return;
        };
        rest = chars.as_str();
        for c in upper.to_lowercase() {
            match c {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => out.push('a'),
                'æ' => out.push_str("ae"),
                'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => out.push('c'),
                'ď' | 'đ' | 'ð' => out.push('d'),
                'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => out.push('e'),
                'ĝ' | 'ğ' | 'ġ' | 'ģ' => out.push('g'),
                'ĥ' | 'ħ' => out.push('h'),
                'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => out.push('i'),
                'ĵ' => out.push('j'),
                'ķ' => out.push('k'),
                'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => out.push('l'),
                'ñ' | 'ń' | 'ņ' | 'ň' => out.push('n'),
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => out.push('o'),
                'œ' => out.push_str("oe"),
                'ŕ' | 'ŗ' | 'ř' => out.push('r'),
                'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => out.push('s'),
                'ß' => out.push_str("ss"),
                'ţ' | 'ť' | 'ŧ' | 'ț' => out.push('t'),
                'þ' => out.push_str("th"),
                'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => {
                    out.push('u')
                }
                'ŵ' => out.push('w'),
                'ý' | 'ÿ' | 'ŷ' => out.push('y'),
                'ź' | 'ż' | 'ž' => out.push('z'),
                '\u{0300}'..='\u{036f}' => {}
                c => out.push(c),
            }
        }
    }
}
