//! Counts what the origin's `localStorage` holds, for the storage meter
//! (`weak_ties_domain::storage_use`, where the limits and the rules are).

use wasm_bindgen::prelude::wasm_bindgen;
use weak_ties_domain::storage_use::{Measured, Tally};
use weak_ties_domain::store::CONTACT_PREFIX;

// One pass over every key in JavaScript: code units of keys and values, those of strings with a
// character beyond Latin-1 (Safari counts those two bytes each), and the same for the contacts.
// A packed record starts with such a character, so the test stops at its first.
#[wasm_bindgen(inline_js = r#"
export function measure_storage(storage, prefix) {
  const wide = /[^\u0000-\u00ff]/;
  const out = new Float64Array(5);
  for (let i = 0, n = storage.length; i < n; i++) {
    const key = storage.key(i);
    if (key === null) continue;
    const value = storage.getItem(key) ?? "";
    const contact = key.startsWith(prefix);
    for (const s of [key, value]) {
      const w = wide.test(s) ? s.length : 0;
      out[0] += s.length;
      out[1] += w;
      if (contact) { out[2] += s.length; out[3] += w; }
    }
    if (contact) out[4] += 1;
  }
  return out;
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn measure_storage(
        storage: &web_sys::Storage,
        prefix: &str,
    ) -> Result<js_sys::Float64Array, wasm_bindgen::JsValue>;
}

/// What `localStorage` holds now; `None` where it cannot be read.
pub fn measure() -> Option<Measured> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let n = measure_storage(&storage, CONTACT_PREFIX).ok()?.to_vec();
    let [units, wide_units, contact_units, contact_wide, contacts] = n[..] else {
        return None;
    };
    Some(Measured {
        all: Tally {
            units: units as u64,
            wide_units: wide_units as u64,
        },
        contacts: Tally {
            units: contact_units as u64,
            wide_units: contact_wide as u64,
        },
        contact_count: contacts as u64,
    })
}
