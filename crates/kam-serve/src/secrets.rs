//! The class server's secrets: random join codes, instructor keys, seat tokens and rejoin
//! codes, and the hashes the database keeps instead of them.
//!
//! Only hashes are stored, so a copy of the database does not let anyone act as an
//! instructor or a trainee. Keys and tokens are 256-bit random, so SHA-256 of them is enough.
//! Rejoin codes are short enough to type (25⁸ ≈ 1.5 × 10¹¹), so SHA-256 of them would be
//! searched through in seconds on a GPU: they are stored as salted Argon2id. Secrets and salts
//! come from the operating system's generator.

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

/// Letters and digits a person reads aloud without confusion (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
const READABLE: &[u8] = b"34679ACDEFGHJKMNPQRTUVWXY";

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // Without an OS generator there is no safe secret to hand out: stopping is right.
    getrandom::fill(&mut bytes).expect("the operating system's random generator works");
    bytes
}

/// A long random secret (256 bits) as hex: instructor keys and seat tokens.
pub fn token() -> String {
    random_bytes::<32>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A short code a class types: `len` readable characters.
pub fn code(len: usize) -> String {
    let mut out = String::with_capacity(len);
    while out.len() < len {
        for b in random_bytes::<32>() {
            // Rejection sampling keeps every character equally likely.
            let limit = 256 - 256 % READABLE.len();
            if (b as usize) < limit && out.len() < len {
                out.push(READABLE[b as usize % READABLE.len()] as char);
            }
        }
    }
    out
}

/// What the database keeps of a secret.
pub fn hash(secret: &str) -> String {
    kam_sim::sha256_hex(secret.trim().as_bytes())
}

/// Argon2id with OWASP's first recommended setting: 19 MiB of memory, 2 passes, 1 lane
/// (about 40 ms on this 2-core machine). docs/serve.md names these; a change must be made there too.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// What the database keeps of a rejoin code: a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$
/// SALT$HASH`) with a fresh 128-bit salt. Slow on purpose: call it off the async threads.
pub fn hash_rejoin(code: &str) -> String {
    let salt = random_bytes::<16>();
    argon2()
        .hash_password_with_salt(normalise_code(code).as_bytes(), &salt)
        .expect("Argon2 hashes a short code with a 16-byte salt")
        .to_string()
}

/// A stored hash of no code: what a rejoin for an unknown name is checked against, so that
/// it takes as long as one for a known name.
pub const UNUSED_REJOIN_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$\
    AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/// Whether a typed rejoin code matches what is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verified {
    No,
    Yes,
    /// It matches a hash stored before rejoin codes were hashed with Argon2 (SHA-256): the
    /// caller stores [`hash_rejoin`] of it instead.
    YesButWeak,
}

pub fn verify_rejoin(code: &str, stored: &str) -> Verified {
    let code = normalise_code(code);
    if stored.starts_with("$argon2") {
        // The parameters and salt are read from the stored string, so hashes made with other
        // parameters still verify.
        return match argon2().verify_password(code.as_bytes(), stored) {
            Ok(()) => Verified::Yes,
            Err(_) => Verified::No,
        };
    }
    if constant_time_eq(hash(&code).as_bytes(), stored.as_bytes()) {
        Verified::YesButWeak
    } else {
        Verified::No
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Codes are typed by people: any case, any spaces around.
pub fn normalise_code(code: &str) -> String {
    code.trim().to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_only_readable_characters_and_differ() {
        let a = code(8);
        let b = code(8);
        assert_eq!(a.len(), 8);
        assert!(a.bytes().all(|c| READABLE.contains(&c)), "{a}");
        assert_ne!(a, b, "two random codes were equal");
        assert_ne!(token(), token());
        assert_eq!(token().len(), 64);
    }

    #[test]
    fn rejoin_codes_are_stored_salted_and_slow_and_old_sha256_hashes_still_verify() {
        let code = code(8);
        let stored = hash_rejoin(&code);
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert_ne!(stored, hash_rejoin(&code), "no salt");
        assert_eq!(verify_rejoin(&code.to_lowercase(), &stored), Verified::Yes);
        assert_eq!(verify_rejoin("XXXXXXXX", &stored), Verified::No);
        assert_eq!(verify_rejoin(&code, &hash(&code)), Verified::YesButWeak);
        assert_eq!(verify_rejoin("XXXXXXXX", &hash(&code)), Verified::No);
        assert_eq!(verify_rejoin(&code, UNUSED_REJOIN_HASH), Verified::No);
        // It must parse, or checking against it would be quicker than a real check.
        argon2::PasswordHash::new(UNUSED_REJOIN_HASH).unwrap();
    }

    #[test]
    fn a_hash_is_not_the_secret_and_ignores_surrounding_space() {
        let secret = token();
        assert_ne!(hash(&secret), secret);
        assert_eq!(hash(&format!(" {secret}\n")), hash(&secret));
    }
}
