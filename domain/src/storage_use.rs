//! How full the app's storage is: `localStorage` use against the limit the browser really
//! enforces, how many more contacts of the user's average size fit, and when to warn.
//!
//! The browser's storage estimate (`navigator.storage.estimate()`) is the quota of IndexedDB and
//! caches, gigabytes; `localStorage` has a small fixed limit per origin of its own, which no API
//! reports. The known limits are used, by engine, rather than measured (measuring would mean filling
//! the user's storage until a write is refused):
//!
//! - Chromium (Blink) and Firefox (Gecko): 5 MiB counted as 5,242,880 UTF-16 code units of every
//!   key and value of the origin.
//! - Safari and every browser on iOS (WebKit): 5 MiB counted in bytes of its strings, where a
//!   string of Latin-1 characters only takes a byte per character and any other string two. The
//!   app's packed records are of the second kind, so about half as many contacts fit as in
//!   Chromium.

/// The browser engine, which decides how `localStorage` is counted against its limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Chromium, Chrome, Edge, Opera, Samsung Internet: UTF-16 code units.
    Blink,
    /// Firefox (not on iOS): UTF-16 code units.
    Gecko,
    /// Safari, and every browser on iOS and iPadOS: bytes.
    WebKit,
}

/// The limit of `localStorage` per origin in every engine: 5 MiB, in the engine's own measure.
pub const LIMIT: u64 = 5 * 1024 * 1024;

/// From this share of the limit on, the app warns and offers a backup.
pub const WARN_AT: f64 = 0.8;

impl Engine {
    /// The engine of a browser, from its user agent string. An unknown one is taken as Blink.
    pub fn from_user_agent(ua: &str) -> Engine {
        // Every browser on iOS is WebKit, whatever it calls itself (CriOS, FxiOS, EdgiOS).
        let ios = ["iPhone", "iPad", "iPod"].iter().any(|d| ua.contains(d));
        let blink = ["Chrome/", "Chromium/", "Edg/", "OPR/"]
            .iter()
            .any(|b| ua.contains(b));
        if ios || (ua.contains("AppleWebKit/") && ua.contains("Safari/") && !blink) {
            Engine::WebKit
        } else if ua.contains("Firefox/") && ua.contains("Gecko/") {
            Engine::Gecko
        } else {
            Engine::Blink
        }
    }

    /// What a set of strings costs against the limit: `units` UTF-16 code units, of which
    /// `wide_units` are in strings that have a character beyond Latin-1.
    pub fn cost(self, strings: Tally) -> u64 {
        match self {
            Engine::Blink | Engine::Gecko => strings.units,
            Engine::WebKit => strings.units + strings.wide_units,
        }
    }

    /// The word for the engine's measure, for the user.
    pub fn measure(self) -> &'static str {
        match self {
            Engine::Blink | Engine::Gecko => "characters",
            Engine::WebKit => "bytes",
        }
    }
}

/// A count of keys and values as the browser holds them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// UTF-16 code units of all the strings.
    pub units: u64,
    /// The code units of those strings that have a character beyond U+00FF.
    pub wide_units: u64,
}

/// What the origin's `localStorage` holds, counted in the browser.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Measured {
    /// Every key and value of the origin (the limit is shared with anything else stored there).
    pub all: Tally,
    /// The keys and values of the contacts.
    pub contacts: Tally,
    /// How many contacts are stored.
    pub contact_count: u64,
}

/// The storage meter: how much of the limit is used, and what still fits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StorageUse {
    pub engine: Engine,
    /// Used, in the engine's measure.
    pub used: u64,
    /// The limit, in the engine's measure.
    pub limit: u64,
    /// How many more contacts of the stored contacts' average size fit; `None` without contacts.
    pub more_contacts: Option<u64>,
}

impl StorageUse {
    pub fn new(engine: Engine, measured: Measured) -> StorageUse {
        let used = engine.cost(measured.all);
        let free = LIMIT.saturating_sub(used);
        let more_contacts = (measured.contact_count > 0).then(|| {
            let average = engine
                .cost(measured.contacts)
                .div_ceil(measured.contact_count)
                .max(1);
            free / average
        });
        StorageUse {
            engine,
            used,
            limit: LIMIT,
            more_contacts,
        }
    }

    /// The share of the limit used, from 0 to 1 (more when something else filled it).
    pub fn share(&self) -> f64 {
        self.used as f64 / self.limit as f64
    }

    /// The share of the limit used as a whole percentage, rounded down (so 80% is shown only
    /// from 80% on).
    pub fn percent(&self) -> u64 {
        self.used.saturating_mul(100) / self.limit
    }

    /// Whether to warn the user and offer a backup: from [`WARN_AT`] of the limit on.
    pub fn nearly_full(&self) -> bool {
        self.share() >= WARN_AT
    }

    /// The meter in words: "1.9 M of 5.2 M characters used (37%)".
    pub fn summary(&self) -> String {
        format!(
            "{} of {} {} used ({}%)",
            millions(self.used),
            millions(self.limit),
            self.engine.measure(),
            self.percent()
        )
    }

    /// The limit in words: "5,242,880 characters".
    pub fn limit_text(&self) -> String {
        format!("{} {}", thousands(self.limit), self.engine.measure())
    }

    /// What still fits, in words: "About 8,200 more contacts of your average size fit."
    pub fn room(&self) -> Option<String> {
        self.more_contacts.map(|n| match n {
            0 => "No more contacts of your average size fit: make a backup, then delete the contacts you no longer need.".to_string(),
            1 => "About 1 more contact of your average size fits.".to_string(),
            n => format!("About {} more contacts of your average size fit.", thousands(rounded(n))),
        })
    }
}

/// A count in millions with one decimal ("5.2 M"), or in thousands below a million ("390 K").
fn millions(n: u64) -> String {
    if n >= 1_000_000 {
        format!("{}.{} M", n / 1_000_000, n % 1_000_000 / 100_000)
    } else if n >= 1_000 {
        format!("{} K", n / 1_000)
    } else {
        n.to_string()
    }
}

/// Two significant figures above 100, so the estimate does not look more exact than it is.
fn rounded(n: u64) -> u64 {
    let mut unit = 1;
    while n / unit >= 100 {
        unit *= 10;
    }
    n / unit * unit
}

/// 12345 as "12,345".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CHROME: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
    const EDGE: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
    const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    const SAFARI: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15";
    const IOS_CHROME: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1";
    const IOS_FIREFOX: &str = "Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15";
    const ANDROID: &str = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

    #[test]
    fn engines_from_user_agents() {
        for (ua, engine) in [
            (CHROME, Engine::Blink),
            (EDGE, Engine::Blink),
            (ANDROID, Engine::Blink),
            (FIREFOX, Engine::Gecko),
            (SAFARI, Engine::WebKit),
            (IOS_CHROME, Engine::WebKit),
            (IOS_FIREFOX, Engine::WebKit),
            ("", Engine::Blink),
        ] {
            assert_eq!(Engine::from_user_agent(ua), engine, "{ua}");
        }
    }

    fn measured(all: (u64, u64), contacts: (u64, u64), count: u64) -> Measured {
        Measured {
            all: Tally {
                units: all.0,
                wide_units: all.1,
            },
            contacts: Tally {
                units: contacts.0,
                wide_units: contacts.1,
            },
            contact_count: count,
        }
    }

    #[test]
    fn ten_thousand_contacts_as_the_benchmark_stores_them() {
        // 10,000 contacts of 394 characters, 47 of them the ASCII key.
        let m = measured((3_940_000 + 200, 3_470_000), (3_940_000, 3_470_000), 10_000);
        let chromium = StorageUse::new(Engine::Blink, m);
        assert_eq!(chromium.used, 3_940_200);
        assert_eq!(chromium.percent(), 75);
        assert!(!chromium.nearly_full());
        assert_eq!(chromium.more_contacts, Some(3_306));
        assert_eq!(chromium.summary(), "3.9 M of 5.2 M characters used (75%)");
        assert_eq!(chromium.limit_text(), "5,242,880 characters");
        assert_eq!(
            chromium.room().unwrap(),
            "About 3,300 more contacts of your average size fit."
        );
        // Safari counts the packed values twice: they do not fit.
        let safari = StorageUse::new(Engine::WebKit, m);
        assert_eq!(safari.used, 7_410_200);
        assert!(safari.nearly_full());
        assert_eq!(safari.more_contacts, Some(0));
        assert_eq!(safari.summary(), "7.4 M of 5.2 M bytes used (141%)");
        assert!(safari.room().unwrap().starts_with("No more contacts"));
        assert_eq!(safari.limit_text(), "5,242,880 bytes");
    }

    #[test]
    fn warns_from_eighty_percent() {
        let at = |used: u64| StorageUse::new(Engine::Gecko, measured((used, 0), (0, 0), 0));
        assert!(!at(4_194_303).nearly_full());
        assert_eq!(at(4_194_303).percent(), 79);
        assert!(at(4_194_304).nearly_full());
        assert_eq!(at(4_194_304).percent(), 80);
        assert!(at(6_000_000).nearly_full());
        assert_eq!(at(0).more_contacts, None);
        assert_eq!(at(0).room(), None);
        assert_eq!(at(0).summary(), "0 of 5.2 M characters used (0%)");
        assert_eq!(at(390_000).summary(), "390 K of 5.2 M characters used (7%)");
    }

    #[test]
    fn a_few_contacts() {
        let m = measured((1_200, 1_000), (1_170, 1_000), 3);
        let s = StorageUse::new(Engine::Blink, m);
        assert_eq!(s.more_contacts, Some((LIMIT - 1_200) / 390));
        assert_eq!(
            s.room().unwrap(),
            "About 13,000 more contacts of your average size fit."
        );
        let one = StorageUse {
            more_contacts: Some(1),
            ..s
        };
        assert_eq!(
            one.room().unwrap(),
            "About 1 more contact of your average size fits."
        );
    }

    #[test]
    fn numbers_in_words() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(rounded(99), 99);
        assert_eq!(rounded(123), 120);
        assert_eq!(rounded(13_296), 13_000);
        assert_eq!(millions(5_242_880), "5.2 M");
    }

    proptest! {
        #[test]
        fn the_meter_never_panics_and_stays_consistent(
            units in 0u64..u64::MAX / 200,
            wide in 0u64..u64::MAX / 200,
            contact_units in 0u64..u64::MAX / 200,
            count in 0u64..1_000_000,
            ua in ".*",
        ) {
            let engine = Engine::from_user_agent(&ua);
            let m = measured((units, wide.min(units)), (contact_units, 0), count);
            let s = StorageUse::new(engine, m);
            prop_assert!(s.used >= units);
            prop_assert_eq!(s.nearly_full(), s.used as f64 >= LIMIT as f64 * WARN_AT);
            prop_assert_eq!(s.more_contacts.is_some(), count > 0);
            if let Some(n) = s.more_contacts {
                prop_assert!(n <= LIMIT.saturating_sub(s.used));
            }
            let _ = (s.summary(), s.room());
        }
    }
}
