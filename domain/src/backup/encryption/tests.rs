use super::*;
use crate::backup::{parse_backup, Backup, APP};
use crate::model::Contact;
use crate::store::{MemoryStore, Repo, CURRENT_SCHEMA};
use chrono::{DateTime, Utc};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn hex(text: &str) -> Vec<u8> {
    let text: String = text.split_whitespace().collect();
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn t(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_764_000_000 + secs, 0).unwrap()
}

/// A key derivation cheap enough to run thousands of times (Argon2's smallest memory).
const CHEAP: KdfParams = KdfParams {
    name: KdfName::Argon2id,
    memory_kib: 8,
    iterations: 1,
    parallelism: 1,
};

const SALT: [u8; SALT_BYTES] = [7; SALT_BYTES];
const NONCE: [u8; NONCE_BYTES] = [9; NONCE_BYTES];
const PASSPHRASE: &str = "correct horse battery staple";

fn backup_text() -> String {
    let store = MemoryStore::new();
    let (repo, _) = Repo::open(&store).unwrap();
    let mut ada = Contact::new("Ada Lovelace", t(0));
    ada.id = "c-ada".into();
    ada.notes = "Met at the analytical engine meetup; é ✓ עברית".into();
    repo.restore_contact(&ada).unwrap();
    repo.export_backup(t(60)).unwrap().to_json()
}

fn sealed(plain: &str, kdf: &KdfParams) -> String {
    encrypt_backup(plain, PASSPHRASE, kdf, &SALT, &NONCE).unwrap()
}

// --- known answers ------------------------------------------------------------------------------

/// The Argon2id vectors of the reference implementation's test suite (phc-winner-argon2,
/// `src/test.c`, version 0x13), through [`derive_key`] as the backups use it.
#[test]
fn the_key_derivation_gives_the_reference_argon2id_answers() {
    let cases = [
        (
            65536,
            2,
            1,
            "password",
            "somesalt",
            "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7",
        ),
        (
            256,
            2,
            1,
            "password",
            "somesalt",
            "9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe",
        ),
        (
            256,
            2,
            2,
            "password",
            "somesalt",
            "6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037",
        ),
        (
            65536,
            1,
            1,
            "password",
            "somesalt",
            "f6a5adc1ba723dddef9b5ac1d464e180fcd9dffc9d1cbf76cca2fed795d9ca98",
        ),
        (
            65536,
            2,
            1,
            "differentpassword",
            "somesalt",
            "0b84d652cf6b0c4beaef0dfe278ba6a80df6696281d7e0d2891b817d8c458fde",
        ),
        (
            65536,
            2,
            1,
            "password",
            "diffsalt",
            "bdf32b05ccc42eb15d58fd19b1f856b113da1e9a5874fdcc544308565aa8141c",
        ),
    ];
    for (memory_kib, iterations, parallelism, password, salt, expected) in cases {
        let kdf = KdfParams {
            name: KdfName::Argon2id,
            memory_kib,
            iterations,
            parallelism,
        };
        let key = derive_key(password.as_bytes(), salt.as_bytes(), &kdf).unwrap();
        assert_eq!(key.to_vec(), hex(expected), "{kdf:?} {password} {salt}");
    }
    // 256 MiB (the reference's m=2^18 case) is past what a file may ask for.
    let greedy = KdfParams {
        memory_kib: 1 << 18,
        ..KDF
    };
    assert!(derive_key(b"password", b"somesalt", &greedy).is_none());
}

/// RFC 9106, section 5.3: Argon2id with a secret and associated data (which backups do not
/// use), through the same crate and version.
#[test]
fn argon2id_gives_the_rfc_9106_answer() {
    let params = argon2::ParamsBuilder::new()
        .m_cost(32)
        .t_cost(3)
        .p_cost(4)
        .output_len(32)
        .data(argon2::AssociatedData::new(&[4; 12]).unwrap())
        .build()
        .unwrap();
    let argon =
        Argon2::new_with_secret(&[3; 8], Algorithm::Argon2id, Version::V0x13, params).unwrap();
    let mut tag = [0u8; 32];
    argon
        .hash_password_into(&[1; 32], &[2; 16], &mut tag)
        .unwrap();
    assert_eq!(
        tag.to_vec(),
        hex("0d 64 0d f5 8d 78 76 6c 08 c0 37 a3 4a 8b 53 c9 d0 1e f0 45 2d 75 b6 5e b5 25 20 e9 6b 01 e6 59")
    );
}

/// The AES-256 cases of the GCM specification (McGrew and Viega, test cases 15 and 16, as in
/// NIST's validation suite), through [`seal`] and [`open`].
#[test]
fn the_cipher_gives_the_gcm_specification_answers() {
    let key: [u8; 32] = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")
        .try_into()
        .unwrap();
    let nonce: [u8; 12] = hex("cafebabefacedbaddecaf888").try_into().unwrap();
    let plain = hex(
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72
         1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
    );
    let cases = [
        // 15: no associated data, 64 bytes.
        (
            &plain[..],
            "",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa
             8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad
             b094dac5d93471bdec1a502270e3cc6c",
        ),
        // 16: associated data, 60 bytes.
        (
            &plain[..60],
            "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa
             8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662
             76fc6ece0f4e1768cddf8853bb2d551b",
        ),
    ];
    for (plain, aad, expected) in cases {
        let aad = hex(aad);
        let got = seal(&key, &nonce, &aad, plain);
        assert_eq!(got, hex(expected));
        assert_eq!(open(&key, &nonce, &aad, &got).as_deref(), Some(plain));
        // Another associated data, or one changed bit of the tag: refused.
        assert_eq!(open(&key, &nonce, b"other", &got), None);
        let mut bent = got.clone();
        *bent.last_mut().unwrap() ^= 1;
        assert_eq!(open(&key, &nonce, &aad, &bent), None);
    }
}

// --- the envelope -------------------------------------------------------------------------------

#[test]
fn round_trip_with_the_real_key_derivation() {
    let plain = backup_text();
    let file = sealed(&plain, &KDF);
    assert!(is_encrypted_backup(file.as_bytes()));
    assert!(!is_encrypted_backup(plain.as_bytes()));
    // The envelope says what it is, and gives nothing of the backup away.
    let value: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(value["format"], FORMAT);
    assert_eq!(value["version"], 1);
    assert_eq!(value["cipher"], "aes-256-gcm");
    assert_eq!(
        value["kdf"],
        serde_json::json!({"name": "argon2id", "memory_kib": 19456, "iterations": 2, "parallelism": 1})
    );
    assert_eq!(value["salt"], BASE64.encode(SALT));
    assert_eq!(value["nonce"], BASE64.encode(NONCE));
    assert!(!file.contains("Ada") && !file.contains("weak-ties\""));
    assert!(!file.contains(char::is_whitespace));

    let opened = decrypt_backup(file.as_bytes(), PASSPHRASE).unwrap();
    assert_eq!(opened, plain);
    assert_eq!(
        parse_backup(&opened).unwrap().contacts[0].name,
        "Ada Lovelace"
    );
    assert_eq!(
        decrypt_backup(file.as_bytes(), "correct horse battery stapler"),
        Err(EnvelopeError::Unreadable)
    );
}

#[test]
fn each_file_has_its_own_salt_and_nonce_and_they_matter() {
    let plain = backup_text();
    let a = encrypt_backup(&plain, PASSPHRASE, &CHEAP, &SALT, &NONCE).unwrap();
    let b = encrypt_backup(&plain, PASSPHRASE, &CHEAP, &[8; SALT_BYTES], &NONCE).unwrap();
    let c = encrypt_backup(&plain, PASSPHRASE, &CHEAP, &SALT, &[1; NONCE_BYTES]).unwrap();
    let body =
        |f: &str| serde_json::from_str::<serde_json::Value>(f).unwrap()["ciphertext"].clone();
    assert_ne!(body(&a), body(&b));
    assert_ne!(body(&a), body(&c));
    for file in [&a, &b, &c] {
        assert_eq!(decrypt_backup(file.as_bytes(), PASSPHRASE).unwrap(), plain);
    }
}

#[test]
fn a_byte_order_mark_whitespace_around_and_a_final_line_break_are_fine() {
    let plain = backup_text();
    let file = sealed(&plain, &CHEAP);
    for variant in [
        format!("\u{feff}{file}"),
        format!("{file}\n"),
        format!("{file}\r\n"),
        format!("\n  {file}\n"),
    ] {
        assert!(is_encrypted_backup(variant.as_bytes()));
        assert_eq!(
            decrypt_backup(variant.as_bytes(), PASSPHRASE).unwrap(),
            plain
        );
    }
}

/// Every single-byte change of an encrypted backup, at every place and to every other value, is
/// refused; in the ciphertext, with the message about the passphrase or a changed file.
#[test]
fn every_single_byte_change_is_refused() {
    let plain = r#"{"app":"weak-ties","schema":1,"exported_at":"2026-11-28T09:30:00Z","contacts":[],"docs":{}}"#;
    let file = sealed(plain, &CHEAP).into_bytes();
    let body_start = file
        .windows(14)
        .position(|w| w == b"\"ciphertext\":\"")
        .unwrap()
        + 14;
    let body_end = file.len() - 2;
    let mut tried = 0;
    for at in 0..file.len() {
        for value in 0..=255u8 {
            if value == file[at] {
                continue;
            }
            let mut changed = file.clone();
            changed[at] = value;
            tried += 1;
            let got = decrypt_backup(&changed, PASSPHRASE);
            assert!(got.is_err(), "byte {at} changed to {value} was accepted");
            if (body_start..body_end).contains(&at) {
                assert_eq!(got, Err(EnvelopeError::Unreadable), "byte {at} to {value}");
            }
        }
    }
    assert_eq!(tried, file.len() * 255);
    // And every cut.
    for len in 0..file.len() {
        assert_eq!(
            decrypt_backup(&file[..len], PASSPHRASE),
            Err(EnvelopeError::Unreadable),
            "cut at {len}"
        );
    }
}

#[test]
fn envelopes_this_version_cannot_read_are_refused_clearly() {
    let file = sealed("{}", &CHEAP);
    let with = |from: &str, to: &str| file.replacen(from, to, 1);
    let newer = with("\"version\":1", "\"version\":2");
    assert_eq!(
        decrypt_backup(newer.as_bytes(), PASSPHRASE),
        Err(EnvelopeError::NewerVersion { found: 2 })
    );
    assert!(EnvelopeError::NewerVersion { found: 2 }
        .to_string()
        .contains("newer version of Weak Ties (envelope version 2; this version reads up to 1)"));
    for bad in [
        with("\"version\":1", "\"version\":0"),
        with("aes-256-gcm", "chacha20-poly1305"),
        with("argon2id", "scrypt"),
        with("\"memory_kib\":8", "\"memory_kib\":4000000000"),
        with("\"memory_kib\":8", "\"memory_kib\":65537"),
        with("\"iterations\":1", "\"iterations\":9"),
        with("\"iterations\":1", "\"iterations\":0"),
        with("\"parallelism\":1", "\"parallelism\":5"),
        with("\"salt\":\"", "\"salt\":\"AAAA"),
        with("\"nonce\":\"", "\"nonce\":\"AAAA"),
        with("\"format\"", "\"extra\":1,\"format\""),
        String::new(),
        "{}".into(),
        "[]".into(),
        "null".into(),
        "not json at all".into(),
    ] {
        assert_eq!(
            decrypt_backup(bad.as_bytes(), PASSPHRASE),
            Err(EnvelopeError::Unreadable),
            "{bad}"
        );
    }
    let message = EnvelopeError::Unreadable.to_string();
    assert!(message.starts_with("Wrong passphrase, or the file was changed"));
    assert!(message.ends_with("Nothing was imported."));
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let huge = vec![b' '; MAX_ENVELOPE_BYTES + 1];
    let error = decrypt_backup(&huge, PASSPHRASE).unwrap_err();
    assert_eq!(
        error,
        EnvelopeError::TooLarge {
            bytes: MAX_ENVELOPE_BYTES + 1
        }
    );
    assert!(error.to_string().contains("at most 26 MB"), "{error}");
}

#[test]
fn a_large_backup_round_trips_and_the_limit_fits_the_largest_backup() {
    // A backup at the plain limit fits the envelope's limit.
    assert!(MAX_BACKUP_BYTES.div_ceil(3) * 4 + 1024 < MAX_ENVELOPE_BYTES);
    let plain = "x".repeat(3 * 1024 * 1024);
    let file = sealed(&plain, &CHEAP);
    assert_eq!(decrypt_backup(file.as_bytes(), PASSPHRASE).unwrap(), plain);
}

#[test]
fn passphrases_are_checked_twice_and_for_length() {
    assert_eq!(check_passphrase("correct horse", "correct horse"), Ok(()));
    assert_eq!(
        check_passphrase("日本語のパスワード", "日本語のパスワード"),
        Ok(())
    );
    assert_eq!(
        check_passphrase("correct horse", "correct horsE"),
        Err(PassphraseProblem::Mismatch)
    );
    assert_eq!(
        check_passphrase("short", "short"),
        Err(PassphraseProblem::TooShort)
    );
    // Eight characters, fewer bytes would not do: characters are counted.
    assert_eq!(check_passphrase("éééééééé", "éééééééé"), Ok(()));
    assert_eq!(
        check_passphrase("ééééééé", "ééééééé"),
        Err(PassphraseProblem::TooShort)
    );
    assert!(PassphraseProblem::Mismatch.to_string().contains("differ"));
    assert!(PassphraseProblem::TooShort
        .to_string()
        .contains("at least 8 characters"));
}

#[test]
fn encrypted_file_name() {
    assert_eq!(
        encrypted_backup_file_name(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()),
        "weak-ties-backup-2026-11-28-encrypted.json"
    );
}

#[test]
fn recognizing_an_encrypted_backup_looks_at_the_start_only() {
    assert!(!is_encrypted_backup(b""));
    assert!(!is_encrypted_backup(b"   "));
    assert!(!is_encrypted_backup(b"{\"app\":\"weak-ties\"}"));
    assert!(!is_encrypted_backup(
        b"{\"app\":\"weak-ties\",\"format\":\"weak-ties-encrypted-backup\"}"
    ));
    assert!(is_encrypted_backup(
        b"{\"format\":\"weak-ties-encrypted-backup\",\"version\":9"
    ));
}

// --- nothing can break it -----------------------------------------------------------------------

/// A store with a few records, to check that a refused import leaves it byte for byte alone.
fn populated() -> MemoryStore {
    let store = MemoryStore::new();
    let (repo, _) = Repo::open(&store).unwrap();
    for (id, name) in [("c-1", "Grace Hopper"), ("c-2", "Alan Turing")] {
        let mut c = Contact::new(name, t(0));
        c.id = id.into();
        repo.restore_contact(&c).unwrap();
    }
    store
}

/// The import as the app makes it: open the envelope, read the backup, merge it.
fn import(store: &MemoryStore, file: &[u8], passphrase: &str) -> Result<(), String> {
    let plain = decrypt_backup(file, passphrase).map_err(|e| e.to_string())?;
    let backup = parse_backup(&plain).map_err(|e| e.to_string())?;
    let (repo, _) = Repo::open(store).unwrap();
    repo.import_backup(&backup)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn small_backup() -> String {
    let mut c = Contact::new("Katherine Johnson", t(5));
    c.id = "c-kj".into();
    Backup {
        app: APP.into(),
        schema: CURRENT_SCHEMA,
        exported_at: t(9),
        contacts: vec![c],
        docs: BTreeMap::new(),
        left_out: vec![],
    }
    .to_json()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_and_change_nothing(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        prefixed in any::<bool>(),
    ) {
        let mut file = if prefixed { PREFIX.as_bytes().to_vec() } else { vec![] };
        file.extend(bytes);
        let store = populated();
        let before = store.snapshot();
        let got = import(&store, &file, PASSPHRASE);
        prop_assert!(got.is_err());
        prop_assert_eq!(store.snapshot(), before);
    }

    #[test]
    fn mutated_encrypted_backups_are_refused_and_change_nothing(
        edits in prop::collection::vec((any::<prop::sample::Index>(), prop::collection::vec(any::<u8>(), 0..6)), 1..4),
        cut in any::<prop::sample::Index>(),
        cut_it in any::<bool>(),
    ) {
        let plain = small_backup();
        let mut file = sealed(&plain, &CHEAP).into_bytes();
        for (at, insert) in edits {
            let at = at.index(file.len() + 1);
            let end = (at + 1).min(file.len());
            file.splice(at..end, insert);
        }
        if cut_it {
            file.truncate(cut.index(file.len() + 1));
        }
        let store = populated();
        let before = store.snapshot();
        match import(&store, &file, PASSPHRASE) {
            // Only what JSON ignores (whitespace between its parts) may have been added: then
            // the backup inside is exactly the one sealed.
            Ok(()) => prop_assert_eq!(decrypt_backup(&file, PASSPHRASE), Ok(plain)),
            Err(message) => {
                prop_assert!(message.ends_with("Nothing was imported.") || message.ends_with("import it again."), "{}", message);
                prop_assert_eq!(store.snapshot(), before);
            }
        }
    }
}

#[test]
fn a_five_megabyte_encrypted_file_of_garbage_is_refused_in_bounded_time() {
    let mut file = PREFIX.as_bytes().to_vec();
    file.extend(",\"ciphertext\":\"".as_bytes());
    file.extend(std::iter::repeat_n(b'A', 5 * 1024 * 1024));
    file.extend(b"\"}");
    let started = std::time::Instant::now();
    assert_eq!(
        decrypt_backup(&file, PASSPHRASE),
        Err(EnvelopeError::Unreadable)
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    // A real 5 MB encrypted backup opened with a wrong passphrase: refused as fast.
    let big = sealed(&"y".repeat(5 * 1024 * 1024), &KDF);
    let store = populated();
    let before = store.snapshot();
    let started = std::time::Instant::now();
    assert!(import(&store, big.as_bytes(), "wrong passphrase").is_err());
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(store.snapshot(), before);
}
