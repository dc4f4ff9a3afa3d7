//! Importers that nothing can break: every importer (the backup, plain and encrypted, and the
//! vCard import) is run as the app runs it, from a file's bytes to a write into storage, over
//! arbitrary bytes, over mutated real files and over files built to hurt. None panics, none
//! takes long, a refusal says why in plain words, and a refused file leaves storage byte for
//! byte as it was.
//!
//! The real vCards are the shared corpus in `/work/shared/corpus/vcard` (read there, never
//! copied); when it is missing, the tests that need it say so and skip.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use weak_ties_domain::backup::encryption::{decrypt_backup, encrypt_backup, KdfName, KdfParams};
use weak_ties_domain::backup::{parse_backup, parse_backup_bytes};
use weak_ties_domain::formats::{parse_vcard_bytes, ImportChoice, MAX_IMPORT_BYTES};
use weak_ties_domain::model::Contact;
use weak_ties_domain::store::{MemoryStore, Repo};

/// How long one import may take, generously: this is an unoptimized build on a shared machine;
/// the release build is many times faster.
const BOUND: Duration = Duration::from_secs(30);

const PASSPHRASE: &str = "correct horse battery staple";

/// A key derivation cheap enough for thousands of cases (the real one is tested in the domain).
const CHEAP: KdfParams = KdfParams {
    name: KdfName::Argon2id,
    memory_kib: 8,
    iterations: 1,
    parallelism: 1,
};

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_764_000_000, 0).unwrap()
}

#[derive(Clone, Copy, Debug)]
enum Importer {
    Backup,
    EncryptedBackup,
    Vcard,
}

/// A store with a few records.
fn populated() -> MemoryStore {
    let store = MemoryStore::new();
    let (repo, _) = Repo::open(&store).unwrap();
    for (id, name) in [("c-1", "Grace Hopper"), ("c-2", "Alan Turing")] {
        let mut c = Contact::new(name, now());
        c.id = id.into();
        c.emails = vec![format!("{id}@example.org")];
        repo.restore_contact(&c).unwrap();
    }
    store
}

/// The import as the app makes it, into `store`: what it did, or the message for the user.
fn import(store: &MemoryStore, importer: Importer, bytes: &[u8]) -> Result<String, String> {
    let (repo, _) = Repo::open(store).map_err(|e| format!("{e:?}"))?;
    match importer {
        Importer::Backup => {
            let backup = parse_backup_bytes(bytes).map_err(|e| e.to_string())?;
            repo.import_backup(&backup)
                .map(|r| r.to_string())
                .map_err(|e| e.to_string())
        }
        Importer::EncryptedBackup => {
            let text = decrypt_backup(bytes, PASSPHRASE).map_err(|e| e.to_string())?;
            let backup = parse_backup(&text).map_err(|e| e.to_string())?;
            repo.import_backup(&backup)
                .map(|r| r.to_string())
                .map_err(|e| e.to_string())
        }
        Importer::Vcard => {
            let read = parse_vcard_bytes(bytes, now()).map_err(|e| e.to_string())?;
            let cards: Vec<_> = read
                .contacts
                .into_iter()
                .map(|c| (c, ImportChoice::Add, None))
                .collect();
            repo.import_cards(&cards, now())
                .map(|(_, summary)| format!("{summary:?}"))
                .map_err(|e| e.to_string())
        }
    }
}

/// Runs `importer` on `bytes` into a populated store, in bounded time. A refusal must be a
/// sentence and leave storage as it was. Returns what the import said.
fn check(importer: Importer, bytes: &[u8]) -> Result<String, String> {
    let store = populated();
    let before = store.snapshot();
    let started = Instant::now();
    let got = import(&store, importer, bytes);
    let took = started.elapsed();
    assert!(
        took < BOUND,
        "{importer:?} took {took:?} on {} bytes",
        bytes.len()
    );
    if let Err(message) = &got {
        assert!(
            message.len() > 20 && message.ends_with('.'),
            "{importer:?}: not a clear message: {message:?}"
        );
        assert_eq!(
            store.snapshot(),
            before,
            "{importer:?} refused but changed storage"
        );
    }
    got
}

fn fixture(path: &str) -> Vec<u8> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::read(dir.join(path)).unwrap()
}

/// The real files each importer starts from.
fn seeds(importer: Importer) -> &'static [Vec<u8>] {
    static BACKUP: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    static ENCRYPTED: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    static VCARD: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    let backups = || {
        vec![
            fixture("backups/accept-full.json"),
            fixture("backups/accept-minimal.json"),
        ]
    };
    match importer {
        Importer::Backup => BACKUP.get_or_init(backups),
        Importer::EncryptedBackup => ENCRYPTED.get_or_init(|| {
            backups()
                .iter()
                .map(|plain| {
                    let plain = std::str::from_utf8(plain).unwrap();
                    encrypt_backup(plain, PASSPHRASE, &CHEAP, &[3; 16], &[5; 12])
                        .unwrap()
                        .into_bytes()
                })
                .collect()
        }),
        Importer::Vcard => VCARD.get_or_init(|| corpus().unwrap_or_default()),
    }
}

/// The shared corpus of real vCards, or `None` (said on the output) when it is missing.
fn corpus() -> Option<Vec<Vec<u8>>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/vcard");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "vcf"))
        .collect();
    files.sort();
    Some(files.iter().map(|p| std::fs::read(p).unwrap()).collect())
}

fn corpus_present() -> bool {
    let present = !seeds(Importer::Vcard).is_empty();
    if !present {
        println!("SKIPPED: the shared vCard corpus (/work/shared/corpus/vcard) is absent");
    }
    present
}

/// One change to a file.
#[derive(Clone, Debug)]
enum Edit {
    /// A byte replaced by another.
    Set(prop::sample::Index, u8),
    /// Bytes put in.
    Insert(prop::sample::Index, Vec<u8>),
    /// A stretch taken out.
    Remove(prop::sample::Index, usize),
    /// A stretch repeated in place.
    Repeat(prop::sample::Index, usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let index = any::<prop::sample::Index>;
    let fragment = prop_oneof![
        prop::collection::vec(any::<u8>(), 1..8),
        prop::sample::select(vec![
            b"\r\n".to_vec(),
            b"BEGIN:VCARD\r\n".to_vec(),
            b"END:VCARD\r\n".to_vec(),
            b"=\r\n".to_vec(),
            b";CHARSET=UTF-16:".to_vec(),
            b";ENCODING=QUOTED-PRINTABLE:=C3=".to_vec(),
            b";ENCODING=b:////".to_vec(),
            b"\"".to_vec(),
            b"[".to_vec(),
            b"{".to_vec(),
            b"\\u0000".to_vec(),
            b"\xEF\xBB\xBF".to_vec(),
            vec![0],
            vec![0xFF, 0xFE],
        ]),
    ];
    prop_oneof![
        (index(), any::<u8>()).prop_map(|(i, b)| Edit::Set(i, b)),
        (index(), fragment).prop_map(|(i, f)| Edit::Insert(i, f)),
        (index(), 1usize..64).prop_map(|(i, n)| Edit::Remove(i, n)),
        (index(), 1usize..200, 1usize..20).prop_map(|(i, n, k)| Edit::Repeat(i, n, k)),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit], cut: Option<prop::sample::Index>) -> Vec<u8> {
    for edit in edits {
        let len = bytes.len();
        match edit {
            Edit::Set(i, b) if len > 0 => bytes[i.index(len)] = *b,
            Edit::Set(..) => {}
            Edit::Insert(i, fragment) => {
                let at = i.index(len + 1);
                bytes.splice(at..at, fragment.iter().copied());
            }
            Edit::Remove(i, n) => {
                let at = i.index(len + 1);
                bytes.drain(at..(at + n).min(len));
            }
            Edit::Repeat(i, n, k) => {
                let at = i.index(len + 1);
                let piece = bytes[at..(at + n).min(len)].to_vec();
                for _ in 0..*k {
                    bytes.splice(at..at, piece.iter().copied());
                }
            }
        }
    }
    if let Some(cut) = cut {
        bytes.truncate(cut.index(bytes.len() + 1));
    }
    bytes
}

fn importer() -> impl Strategy<Value = Importer> {
    prop::sample::select(vec![
        Importer::Backup,
        Importer::EncryptedBackup,
        Importer::Vcard,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_and_a_refusal_changes_nothing(
        importer in importer(),
        bytes in prop::collection::vec(any::<u8>(), 0..4096),
    ) {
        let _ = check(importer, &bytes);
    }

    #[test]
    fn mutated_backups_never_panic_and_a_refusal_changes_nothing(
        encrypted in any::<bool>(),
        seed in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..5),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let importer = if encrypted { Importer::EncryptedBackup } else { Importer::Backup };
        let seeds = seeds(importer);
        let bytes = apply(seed.get(seeds).clone(), &edits, cut);
        let _ = check(importer, &bytes);
    }

    #[test]
    fn mutated_real_vcards_never_panic_and_a_refusal_changes_nothing(
        seed in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..5),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        if !corpus_present() {
            return Ok(());
        }
        let bytes = apply(seed.get(seeds(Importer::Vcard)).clone(), &edits, cut);
        let _ = check(Importer::Vcard, &bytes);
    }
}

#[test]
fn every_real_file_imports() {
    for importer in [Importer::Backup, Importer::EncryptedBackup] {
        for bytes in seeds(importer) {
            check(importer, bytes).unwrap();
        }
    }
    if corpus_present() {
        for bytes in seeds(Importer::Vcard) {
            check(Importer::Vcard, bytes).unwrap();
        }
    }
}

fn card(i: usize, note: &str) -> String {
    format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEMAIL:p{i}@example.org\r\nNOTE:{note}\r\nEND:VCARD\r\n")
}

/// A backup of `n` contacts with `note` each, as the export writes it.
fn backup_of(n: usize, note: &str) -> String {
    let store = MemoryStore::new();
    let (repo, _) = Repo::open(&store).unwrap();
    for i in 0..n {
        let mut c = Contact::new(format!("Person {i}"), now());
        c.id = format!("big-{i:05}");
        c.notes = note.to_string();
        repo.restore_contact(&c).unwrap();
    }
    repo.export_backup(now()).unwrap().to_json()
}

#[test]
fn five_megabyte_files_are_read_in_bounded_time() {
    // vCard: 1,000 cards with long notes, just under the 5 MB limit.
    let note = "n".repeat(5100);
    let vcards: String = (0..1000).map(|i| card(i, &note)).collect();
    assert!(
        vcards.len() > 4_900_000 && vcards.len() <= MAX_IMPORT_BYTES,
        "{}",
        vcards.len()
    );
    assert!(check(Importer::Vcard, vcards.as_bytes()).is_ok());
    // A backup of 5 MB, plain and encrypted.
    let backup = backup_of(500, &"b".repeat(10_200));
    assert!(backup.len() > 5_000_000, "{}", backup.len());
    assert!(check(Importer::Backup, backup.as_bytes())
        .unwrap()
        .starts_with("500 added"));
    let sealed = encrypt_backup(&backup, PASSPHRASE, &CHEAP, &[1; 16], &[2; 12]).unwrap();
    assert!(check(Importer::EncryptedBackup, sealed.as_bytes())
        .unwrap()
        .starts_with("500 added"));
    // 5 MB of noise, to every importer.
    let noise: Vec<u8> = (0..5 * 1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for importer in [Importer::Backup, Importer::EncryptedBackup, Importer::Vcard] {
        assert!(check(importer, &noise).is_err());
    }
}

#[test]
fn a_hundred_thousand_tiny_vcards_are_refused_quickly() {
    let tiny: String = (0..100_000)
        .map(|_| "BEGIN:VCARD\r\nFN:a\r\nEND:VCARD\r\n")
        .collect();
    assert!(tiny.len() < MAX_IMPORT_BYTES);
    let message = check(Importer::Vcard, tiny.as_bytes()).unwrap_err();
    assert_eq!(
        message,
        "This file holds more than 10000 cards; split it into smaller files."
    );
}

#[test]
fn a_deeply_nested_json_array_is_refused_by_every_importer() {
    let nested = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let message = check(Importer::Backup, nested.as_bytes()).unwrap_err();
    assert!(message.contains("nested too deeply"), "{message}");
    // Inside a sound envelope: it opens, and the backup inside is refused the same way.
    let sealed = encrypt_backup(&nested, PASSPHRASE, &CHEAP, &[1; 16], &[2; 12]).unwrap();
    let message = check(Importer::EncryptedBackup, sealed.as_bytes()).unwrap_err();
    assert!(message.contains("nested too deeply"), "{message}");
    // As the envelope itself.
    let message = check(Importer::EncryptedBackup, nested.as_bytes()).unwrap_err();
    assert!(
        message.starts_with("Wrong passphrase, or the file was changed"),
        "{message}"
    );
    let message = check(Importer::Vcard, nested.as_bytes()).unwrap_err();
    assert!(message.contains("no BEGIN:VCARD was found"), "{message}");
}

#[test]
fn a_four_megabyte_single_line_is_read_or_refused_within_limits() {
    let line = "x".repeat(4 * 1024 * 1024);
    // Of nothing in particular: refused by each.
    let message = check(Importer::Backup, line.as_bytes()).unwrap_err();
    assert!(
        message.contains("not valid JSON (line 1, column 1)"),
        "{message}"
    );
    let message = check(Importer::EncryptedBackup, line.as_bytes()).unwrap_err();
    assert!(message.starts_with("Wrong passphrase"), "{message}");
    let message = check(Importer::Vcard, line.as_bytes()).unwrap_err();
    assert!(message.contains("no BEGIN:VCARD was found"), "{message}");
    // As one note: read whole.
    let one = card(1, &line);
    assert!(check(Importer::Vcard, one.as_bytes())
        .unwrap()
        .contains("added: 1"));
    let backup = serde_json::to_string(
        &serde_json::from_str::<serde_json::Value>(&backup_of(1, &line)).unwrap(),
    )
    .unwrap();
    assert!(!backup.contains('\n'));
    assert!(check(Importer::Backup, backup.as_bytes())
        .unwrap()
        .starts_with("1 added"));
}

/// A zip archive holding `name` with `content`, stored uncompressed (as `zip -0` makes it; the
/// checksum is left at zero, which no importer reads).
fn zip(name: &str, content: &[u8]) -> Vec<u8> {
    let (n, size) = (name.len() as u16, content.len() as u32);
    let mut out = Vec::new();
    let header = |signature: &[u8], central: bool| {
        let mut h = signature.to_vec();
        if central {
            h.extend(20u16.to_le_bytes()); // made by
        }
        h.extend(20u16.to_le_bytes()); // needed to extract
        h.extend([0, 0, 0, 0]); // flags, method: stored
        h.extend([0, 0, 0x21, 0]); // time, date
        h.extend([0, 0, 0, 0]); // checksum
        h.extend(size.to_le_bytes());
        h.extend(size.to_le_bytes());
        h.extend(n.to_le_bytes());
        h.extend(0u16.to_le_bytes()); // extra
        if central {
            h.extend([0; 12]); // comment, disk, attributes
            h.extend(0u32.to_le_bytes()); // offset of the local header
        }
        h.extend(name.as_bytes());
        h
    };
    out.extend(header(b"PK\x03\x04", false));
    out.extend(content);
    let central_at = out.len() as u32;
    let central = header(b"PK\x01\x02", true);
    let central_len = central.len() as u32;
    out.extend(central);
    out.extend(b"PK\x05\x06");
    out.extend([0, 0, 0, 0, 1, 0, 1, 0]);
    out.extend(central_len.to_le_bytes());
    out.extend(central_at.to_le_bytes());
    out.extend([0, 0]);
    out
}

#[test]
fn a_zip_renamed_vcf_is_named_for_what_it_is() {
    let archive = zip("contacts.vcf", card(1, "inside a zip").as_bytes());
    let message = check(Importer::Vcard, &archive).unwrap_err();
    assert_eq!(
        message,
        "This file is a zip archive, not a vCard. Unzip it first, then import the .vcf file inside."
    );
    let empty_zip = [&b"PK\x05\x06"[..], &[0; 18]].concat();
    let empty = check(Importer::Vcard, &empty_zip).unwrap_err();
    assert!(empty.contains("zip archive"), "{empty}");
    // The backup importers refuse it too.
    assert!(check(Importer::Backup, &archive).is_err());
    assert!(check(Importer::EncryptedBackup, &archive).is_err());
}
