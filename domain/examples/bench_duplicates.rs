//! Times `find_duplicates` among 10,000 contacts natively (1 in 50 shares an email with another):
//! `cargo run --release -p weak-ties-domain --example bench_duplicates`. Prints figures only;
//! `tools/bench-csv.mjs` measures the same in the browser, with the page around it.

use chrono::{TimeZone, Utc};
use std::time::Instant;
use weak_ties_domain::duplicates::{find_duplicates, NotDuplicates};
use weak_ties_domain::model::Contact;

fn main() {
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let contacts: Vec<Contact> = (0..10_000)
        .map(|i| {
            let mut c = Contact::new(format!("Person {i}"), now);
            c.organization = format!("Org {}", i % 97);
            let mail = if i % 50 == 1 { i - 1 } else { i };
            c.emails = vec![format!("person{mail}@example.org")];
            c.phones = vec![format!("+44 20 7946 {i:05}")];
            c.linkedin = format!("https://www.linkedin.com/in/person-{i}");
            c
        })
        .collect();
    let not = NotDuplicates::default();
    let mut times = Vec::new();
    let mut groups = 0;
    for _ in 0..9 {
        let t0 = Instant::now();
        groups = find_duplicates(&contacts, &not).len();
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "find_duplicates among 10,000 contacts ({groups} groups): median {:.1} ms ({:.1}–{:.1})",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}
