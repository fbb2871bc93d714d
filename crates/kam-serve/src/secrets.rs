//! The class server's secrets: random join codes, instructor keys, seat tokens and rejoin
//! codes, and the hashes the database keeps instead of them.
//!
//! Only hashes are stored, so a copy of the database does not let anyone act as an
//! instructor or a trainee. Secrets come from the operating system's generator.

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
    kam_sim::record::sha256_hex(secret.trim().as_bytes())
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
    fn a_hash_is_not_the_secret_and_ignores_surrounding_space() {
        let secret = token();
        assert_ne!(hash(&secret), secret);
        assert_eq!(hash(&format!(" {secret}\n")), hash(&secret));
    }
}
