//! The encrypted backup: a backup file's JSON sealed under a passphrase, in a small versioned
//! envelope, so that a backup can be kept on a cloud drive, in a mail to oneself or on a USB stick.
//!
//! # The file
//!
//! One line of compact JSON (no whitespace, so that no byte of it can change unnoticed):
//!
//! ```json
//! {"format":"weak-ties-encrypted-backup","version":1,"cipher":"aes-256-gcm",
//!  "kdf":{"name":"argon2id","memory_kib":19456,"iterations":2,"parallelism":1},
//!  "salt":"<16 bytes, base64>","nonce":"<12 bytes, base64>","ciphertext":"<base64>"}
//! ```
//!
//! - The key is derived from the passphrase (its UTF-8 bytes) and the salt with **Argon2id**
//!   (RFC 9106, version 0x13) at OWASP's first recommended setting, 19 MiB of memory, 2 passes,
//!   one lane ([`KDF`]); the parameters travel in the file, so a later version can raise them and
//!   still read older files.
//! - The backup JSON is sealed with **AES-256-GCM** under that key and the nonce; the
//!   ciphertext ends with GCM's 16-byte tag. Every field of the envelope but the ciphertext, as
//!   written (compact JSON in this order), is the associated data, so changing the format,
//!   version, parameters, salt or nonce is caught like a change of the ciphertext.
//! - Salt and nonce are fresh random bytes for every file; the caller supplies them (this crate
//!   has no randomness source: the file formats module takes them from Web Crypto).
//!
//! The cryptography is RustCrypto's (`argon2`, `aes-gcm`); nothing here is hand-written but the
//! envelope. The derived key is zeroized when dropped, as are the cipher's key schedule and
//! Argon2's memory.
//!
//! # Reading a file: [`decrypt_backup`]
//!
//! A wrong passphrase, a cut file and a changed byte look the same to AES-GCM (the tag does not
//! match) and get the same message, [`EnvelopeError::Unreadable`]: "Wrong passphrase, or the file
//! was changed". Parameters beyond [`MAX_MEMORY_KIB`] and [`MAX_ITERATIONS`] are refused the
//! same way before any work, so a crafted file cannot make the import run for minutes or take the
//! phone's memory. Nothing is written before the backup inside has been decrypted and checked
//! whole ([`crate::backup::parse_backup`]).

use std::fmt;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::backup::MAX_BACKUP_BYTES;

/// The value of the `"format"` field, first in the file.
pub const FORMAT: &str = "weak-ties-encrypted-backup";
/// The version of the envelope this code writes and reads.
pub const VERSION: u32 = 1;
/// The value of the `"cipher"` field.
pub const CIPHER: &str = "aes-256-gcm";
/// Bytes of salt (RFC 9106 recommends 16).
pub const SALT_BYTES: usize = 16;
/// Bytes of nonce (GCM's 96 bits).
pub const NONCE_BYTES: usize = 12;
/// Bytes of key (AES-256).
const KEY_BYTES: usize = 32;

/// The fewest characters a passphrase may have.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// The key derivation of new backups: Argon2id, 19 MiB, 2 passes, one lane (OWASP's first
/// recommended setting). Measured in the release wasm (`node tools/kdf-bench.mjs`).
pub const KDF: KdfParams = KdfParams {
    name: KdfName::Argon2id,
    memory_kib: 19 * 1024,
    iterations: 2,
    parallelism: 1,
};

/// The most memory a file may ask the key derivation for (64 MiB, RFC 9106's second
/// recommendation): more is refused unread.
pub const MAX_MEMORY_KIB: u32 = 64 * 1024;
/// The most passes a file may ask for.
pub const MAX_ITERATIONS: u32 = 8;
/// The most lanes a file may ask for.
pub const MAX_PARALLELISM: u32 = 4;

/// The largest encrypted backup read: a backup of [`MAX_BACKUP_BYTES`] in base64, and the rest
/// of the envelope.
pub const MAX_ENVELOPE_BYTES: usize = MAX_BACKUP_BYTES / 3 * 4 + 4 * 1024;

/// The start of every encrypted backup, as written.
const PREFIX: &str = "{\"format\":\"weak-ties-encrypted-backup\"";

/// The file name of an encrypted backup made on `today`:
/// `weak-ties-backup-2026-11-28-encrypted.json`.
pub fn encrypted_backup_file_name(today: NaiveDate) -> String {
    format!(
        "weak-ties-backup-{}-encrypted.json",
        today.format("%Y-%m-%d")
    )
}

/// The key derivation functions an envelope may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KdfName {
    /// Argon2id, version 0x13 (RFC 9106).
    #[serde(rename = "argon2id")]
    Argon2id,
}

/// The key derivation's parameters, as in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KdfParams {
    /// The function.
    pub name: KdfName,
    /// Memory, in KiB.
    pub memory_kib: u32,
    /// Passes over the memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

/// Everything of the file but the ciphertext: the associated data, as serialized.
#[derive(Serialize)]
struct Header<'a> {
    format: &'a str,
    version: u32,
    cipher: &'a str,
    kdf: &'a KdfParams,
    salt: &'a str,
    nonce: &'a str,
}

/// The whole file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    format: String,
    version: u32,
    cipher: String,
    kdf: KdfParams,
    salt: String,
    nonce: String,
    ciphertext: String,
}

impl Envelope {
    /// The associated data: the header's compact JSON.
    fn associated_data(&self) -> Vec<u8> {
        let header = Header {
            format: &self.format,
            version: self.version,
            cipher: &self.cipher,
            kdf: &self.kdf,
            salt: &self.salt,
            nonce: &self.nonce,
        };
        // Text and numbers always serialize.
        serde_json::to_vec(&header).unwrap_or_default()
    }
}

/// Why an encrypted backup cannot be read (nothing was imported), or made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnvelopeError {
    /// A wrong passphrase, a cut file, a changed byte, or parameters out of bounds: they cannot
    /// be told apart, and the message says so.
    Unreadable,
    /// A newer version of Weak Ties wrote the envelope.
    NewerVersion {
        /// Its version.
        found: u32,
    },
    /// The file is over [`MAX_ENVELOPE_BYTES`]; it was not read.
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// Encrypting failed (parameters the KDF refuses; never with [`KDF`]).
    NotSealed(String),
}

impl fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnvelopeError::Unreadable => f.write_str(
                "Wrong passphrase, or the file was changed: this encrypted backup cannot be \
                 opened with that passphrase. Nothing was imported.",
            ),
            EnvelopeError::NewerVersion { found } => write!(
                f,
                "This encrypted backup was made by a newer version of Weak Ties (envelope version \
                 {found}; this version reads up to {VERSION}), so nothing was imported. Reload \
                 the page to get the newer version, then import it again."
            ),
            EnvelopeError::TooLarge { bytes } => write!(
                f,
                "This file is too large to be a Weak Ties backup ({:.1} MB; an encrypted backup \
                 is at most {} MB), so it was not read. Nothing was imported.",
                *bytes as f64 / (1024.0 * 1024.0),
                MAX_ENVELOPE_BYTES / (1024 * 1024)
            ),
            EnvelopeError::NotSealed(why) => {
                write!(f, "The backup could not be encrypted ({why}).")
            }
        }
    }
}

impl std::error::Error for EnvelopeError {}

/// What is wrong with a passphrase chosen for a new backup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassphraseProblem {
    /// The two entries differ.
    Mismatch,
    /// Fewer than [`MIN_PASSPHRASE_CHARS`] characters.
    TooShort,
}

impl fmt::Display for PassphraseProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PassphraseProblem::Mismatch => f.write_str(
                "The two passphrases differ. Type the same passphrase in both fields; no backup \
                 was made.",
            ),
            PassphraseProblem::TooShort => write!(
                f,
                "A passphrase needs at least {MIN_PASSPHRASE_CHARS} characters (a few words are \
                 easiest to remember); no backup was made."
            ),
        }
    }
}

impl std::error::Error for PassphraseProblem {}

/// Checks a new backup's passphrase, typed twice.
pub fn check_passphrase(passphrase: &str, again: &str) -> Result<(), PassphraseProblem> {
    if passphrase != again {
        Err(PassphraseProblem::Mismatch)
    } else if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        Err(PassphraseProblem::TooShort)
    } else {
        Ok(())
    }
}

/// Whether a file's bytes are an encrypted backup (as written: a byte-order mark or whitespace
/// before it is fine). Cheap: only the start is looked at, so the app can tell before loading the
/// file formats module.
pub fn is_encrypted_backup(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes[start..].starts_with(PREFIX.as_bytes())
}

/// Argon2's parameters for `kdf`, if they are Argon2id within bounds.
fn argon2(kdf: &KdfParams) -> Option<Argon2<'static>> {
    let KdfName::Argon2id = kdf.name;
    let within = kdf.memory_kib <= MAX_MEMORY_KIB
        && kdf.iterations <= MAX_ITERATIONS
        && kdf.parallelism <= MAX_PARALLELISM;
    let params = Params::new(
        kdf.memory_kib,
        kdf.iterations,
        kdf.parallelism,
        Some(KEY_BYTES),
    )
    .ok()
    .filter(|_| within)?;
    Some(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// The 32-byte key for `passphrase` and `salt` under `kdf` (zeroized when dropped); `None` when the
/// parameters are not Argon2id within bounds, or the salt is shorter than Argon2's 8 bytes.
pub fn derive_key(
    passphrase: &[u8],
    salt: &[u8],
    kdf: &KdfParams,
) -> Option<Zeroizing<[u8; KEY_BYTES]>> {
    let mut key = Zeroizing::new([0u8; KEY_BYTES]);
    argon2(kdf)?
        .hash_password_into(passphrase, salt, key.as_mut())
        .ok()?;
    Some(key)
}

/// AES-256-GCM: `plain` sealed under `key` and `nonce`, authenticating `aad`; the ciphertext
/// followed by the 16-byte tag.
pub fn seal(key: &[u8; KEY_BYTES], nonce: &[u8; NONCE_BYTES], aad: &[u8], plain: &[u8]) -> Vec<u8> {
    let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key));
    let payload = Payload { msg: plain, aad };
    // Encrypting fails only past GCM's 64 GB limit, far beyond a backup's 20 MB.
    cipher
        .encrypt(Nonce::from_slice(nonce), payload)
        .unwrap_or_default()
}

/// The inverse of [`seal`]; `None` if the tag does not match (wrong key, or anything changed).
pub fn open(
    key: &[u8; KEY_BYTES],
    nonce: &[u8; NONCE_BYTES],
    aad: &[u8],
    sealed: &[u8],
) -> Option<Vec<u8>> {
    let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key));
    cipher
        .decrypt(Nonce::from_slice(nonce), Payload { msg: sealed, aad })
        .ok()
}

/// A backup file's text (`plain`, from [`crate::backup::Backup::to_json`]) sealed under
/// `passphrase` (checked by the caller with [`check_passphrase`]) with `kdf`, `salt` and `nonce`
/// (fresh random bytes for every file): the encrypted backup's text.
pub fn encrypt_backup(
    plain: &str,
    passphrase: &str,
    kdf: &KdfParams,
    salt: &[u8; SALT_BYTES],
    nonce: &[u8; NONCE_BYTES],
) -> Result<String, EnvelopeError> {
    let key = derive_key(passphrase.as_bytes(), salt, kdf)
        .ok_or_else(|| EnvelopeError::NotSealed(format!("unsupported key derivation {kdf:?}")))?;
    let mut envelope = Envelope {
        format: FORMAT.into(),
        version: VERSION,
        cipher: CIPHER.into(),
        kdf: *kdf,
        salt: BASE64.encode(salt),
        nonce: BASE64.encode(nonce),
        ciphertext: String::new(),
    };
    let sealed = seal(&key, nonce, &envelope.associated_data(), plain.as_bytes());
    envelope.ciphertext = BASE64.encode(sealed);
    serde_json::to_string(&envelope).map_err(|e| EnvelopeError::NotSealed(e.to_string()))
}

/// Decodes base64 into exactly `N` bytes.
fn fixed<const N: usize>(text: &str) -> Option<[u8; N]> {
    BASE64.decode(text).ok()?.try_into().ok()
}

/// An encrypted backup's bytes opened with `passphrase`: the backup file's text inside, to be
/// read with [`crate::backup::parse_backup`]. Whatever is wrong, nothing has been written.
pub fn decrypt_backup(file: &[u8], passphrase: &str) -> Result<String, EnvelopeError> {
    if file.len() > MAX_ENVELOPE_BYTES {
        return Err(EnvelopeError::TooLarge { bytes: file.len() });
    }
    let file = file.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(file);
    let envelope: Envelope = serde_json::from_slice(file).map_err(|_| EnvelopeError::Unreadable)?;
    if envelope.format != FORMAT {
        return Err(EnvelopeError::Unreadable);
    }
    if envelope.version > VERSION {
        return Err(EnvelopeError::NewerVersion {
            found: envelope.version,
        });
    }
    if envelope.version != VERSION || envelope.cipher != CIPHER {
        return Err(EnvelopeError::Unreadable);
    }
    let salt = fixed::<SALT_BYTES>(&envelope.salt).ok_or(EnvelopeError::Unreadable)?;
    let nonce = fixed::<NONCE_BYTES>(&envelope.nonce).ok_or(EnvelopeError::Unreadable)?;
    let sealed = BASE64
        .decode(&envelope.ciphertext)
        .map_err(|_| EnvelopeError::Unreadable)?;
    let key =
        derive_key(passphrase.as_bytes(), &salt, &envelope.kdf).ok_or(EnvelopeError::Unreadable)?;
    let plain = open(&key, &nonce, &envelope.associated_data(), &sealed)
        .ok_or(EnvelopeError::Unreadable)?;
    String::from_utf8(plain).map_err(|_| EnvelopeError::Unreadable)
}

#[cfg(test)]
mod tests;
