//! [`Records`]: the buffer [`super::KeyValue::read_prefixed`] fills at start-up.

/// Records read at once by [`KeyValue::read_prefixed`](super::KeyValue::read_prefixed): keys and
/// values as UTF-16 code units (as browsers hold text), one after another in one buffer, which
/// spares start-up an allocation and a conversion per record.
#[derive(Debug, Default)]
pub struct Records {
    /// Key, value, key, value...
    units: Vec<u16>,
    /// Where each key and each value ends in `units`.
    ends: Vec<usize>,
}

impl Records {
    /// Adds a record.
    pub fn push(&mut self, key: &str, value: &str) {
        for text in [key, value] {
            self.units.extend(text.encode_utf16());
            self.ends.push(self.units.len());
        }
    }

    /// Records from a buffer filled elsewhere (by the browser) and where each key and each value
    /// ends in it; `None` unless the ends pair up, rise and stay in the buffer.
    pub fn from_parts(units: Vec<u16>, ends: Vec<usize>) -> Option<Self> {
        let fits = ends.len().is_multiple_of(2)
            && ends.windows(2).all(|w| w[0] <= w[1])
            && ends.last().is_none_or(|&end| end <= units.len());
        fits.then_some(Records { units, ends })
    }

    /// Each key (an unpaired surrogate read as U+FFFD) with its value's code units.
    pub fn iter(&self) -> impl Iterator<Item = (String, &[u16])> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        let mut texts = starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.units[start..end]);
        std::iter::from_fn(move || {
            let key = texts.next()?;
            Some((String::from_utf16_lossy(key), texts.next()?))
        })
    }

    /// How many records there are.
    pub fn len(&self) -> usize {
        self.ends.len() / 2
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}
