//! Trainees' names: one canonical form, so that two names that look the same on the roster
//! are the same name, and a refusal for characters that make a name read as something else.

use kam_class::protocol::MAX_NAME_CHARS;
use unicode_normalization::UnicodeNormalization;

/// Why a name cannot be a trainee's (said in words by [`crate::error`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRefused {
    /// A control, bidirectional or invisible character (see [`refused`]).
    Character(char),
    /// Nothing left once spaces are trimmed.
    Empty,
    /// More characters than a roster shows.
    TooLong { max: usize },
}

/// A name as stored: NFC (an accent typed as one character or two is one name), trimmed, each
/// run of spaces of any kind one plain space, not empty, not too long, and without control
/// characters, direction overrides or invisible characters.
pub fn canonical(name: &str) -> Result<String, NameRefused> {
    if let Some(c) = name.chars().find(|&c| refused(c)) {
        return Err(NameRefused::Character(c));
    }
    let name = name
        .nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        return Err(NameRefused::Empty);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(NameRefused::TooLong {
            max: MAX_NAME_CHARS,
        });
    }
    Ok(name)
}

/// Characters no name needs: controls other than spacing (tabs and new lines are spaces
/// here), the bidirectional marks, embeddings, overrides and isolates that reorder what is
/// shown (U+202E shows "nimdA" for "Admin"), and the invisible ones that make two different
/// names look the same. The joiners U+200C and U+200D stay: scripts and emoji need them.
fn refused(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{00AD}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookalike_spellings_have_one_canonical_form() {
        assert_eq!(
            canonical(" Rene\u{301}\u{3000}\tLi ").unwrap(),
            "Ren\u{e9} Li"
        );
        assert_eq!(canonical("Ann\u{200d}Bo").unwrap(), "Ann\u{200d}Bo");
        assert!(canonical("Ann\u{202e}").is_err());
        assert!(canonical("Ann\u{7}").is_err());
        assert!(canonical(" \u{a0} ").is_err());
        assert!(canonical(&"x".repeat(MAX_NAME_CHARS + 1)).is_err());
    }
}
