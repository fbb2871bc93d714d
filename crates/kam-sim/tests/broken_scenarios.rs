//! The corpus of broken scenarios in `tests/broken_scenarios/`: each must give a located error
//! (or, for a mistake that still plays, a located warning) saying what is wrong, and no input,
//! however mangled, may panic the loader.

mod common;

use std::path::PathBuf;

use kam_sim::{Diagnostic, Severity};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/broken_scenarios")
}

/// (file, line of the first error, words its message must contain).
const EXPECTED: &[(&str, u32, &str)] = &[
    ("absurd_numbers.ron", 39, "share must be between 0 and 100"),
    ("bad_string.ron", 11, "is a comma missing?"),
    ("binary_garbage.ron", 1, "not UTF-8"),
    ("dangling_reference.ron", 163, "did you mean `northwind`"),
    ("dangling_stakeholder.ron", 199, "did you mean `hughes`"),
    ("duplicate_ids.ron", 87, "duplicate id `northwind`"),
    ("empty.ron", 1, "empty"),
    (
        "fullwidth_id.ron",
        43,
        "`。` is full-width: write ASCII `.`",
    ),
    (
        "fullwidth_punctuation.ron",
        15,
        "`，` is full-width: write ASCII `,`",
    ),
    ("garbage_after_valid_prefix.ron", 24, "not UTF-8"),
    ("missing_field.ron", 30, "missing field `potential`"),
    ("never_fires.ron", 195, "can never fire"),
    (
        "stakeholder_of_another_account.ron",
        47,
        "stakeholder `chen` (named 2 times in this event) belongs to account `acme`, not to `tiny` (this event's account); did you mean `cheng`?",
    ),
    (
        "tender_cannot_be_won.ron",
        86,
        "this tender cannot be won: the best offer (every issue at the buyer's favourite option) is worth 58.3 to the buyer, below the competitor's offer (62)",
    ),
    ("truncated.ron", 171, "end of file"),
    ("unclosed.ron", 253, "end of file"),
    ("unknown_field.ron", 42, "did you mean `satisfaction`"),
    ("unknown_variant.ron", 90, "expected one of `A`, `B`, `C`"),
    ("wrong_types.ron", 20, "expected a whole number for `turns`"),
];

/// Mistakes in numbers that still play, but not as the author meant: (file, line of the
/// warning, words its message must contain). Each file loads, with that warning located.
const WARNED: &[(&str, u32, &str)] = &[
    (
        "buyer_has_left.ron",
        90,
        "the buyer `chen` has left by then: event `chen_leaves` removes them in turn 3, before this negotiation opens in turn 5",
    ),
    (
        "price_values_inverted.ron",
        71,
        "the buyer values \"Keep the price\" (price level 1) at 80, more than the cheaper \"5 % off\" (price level 0.95) at 20",
    ),
    (
        "quarterly_contract_length.ron",
        80,
        "a turn here is a quarter: 24 is 6 years, so this contract runs to turn 29, 5.75 years after the game's last turn (6)",
    ),
    (
        "share_as_fraction.ron",
        16,
        "share is a percent (0 to 100): 0.4 means 0.4 %, not 40 %; write 40",
    ),
    (
        "standard_catalogue_unaffordable.ron",
        9,
        "the standard catalogue applies, and a budget of 0.5 buys none of it but the free discount",
    ),
];

fn errors(name: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    match kam_sim::load_bytes(name, bytes) {
        Ok(_) => panic!("{name} was accepted"),
        Err(diagnostics) => diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect(),
    }
}

#[test]
fn every_broken_scenario_gives_a_located_error() {
    let mut files: Vec<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected: Vec<&str> = EXPECTED.iter().chain(WARNED).map(|(f, _, _)| *f).collect();
    expected.sort();
    assert_eq!(
        files, expected,
        "every corpus file needs an expectation, and every expectation a file"
    );
    for (file, line, words) in EXPECTED {
        let bytes = std::fs::read(corpus_dir().join(file)).unwrap();
        let found = errors(file, &bytes);
        let first = found
            .first()
            .unwrap_or_else(|| panic!("{file}: rejected without an error"));
        assert_eq!(first.line, *line, "{file}: {first}");
        assert!(first.col >= 1, "{file}: {first}");
        assert!(
            first.message().contains(words),
            "{file}: expected `{words}` in: {first}"
        );
        assert!(
            first
                .to_string()
                .starts_with(&format!("{file}:{line}:{}: error: ", first.col))
        );
    }
}

#[test]
fn mistakes_that_still_play_give_one_located_warning() {
    for (file, line, words) in WARNED {
        let bytes = std::fs::read(corpus_dir().join(file)).unwrap();
        let warnings = match kam_sim::load_bytes(file, &bytes) {
            Ok((_, warnings)) => warnings,
            Err(errors) => panic!("{file} was rejected: {errors:#?}"),
        };
        assert_eq!(warnings.len(), 1, "{file}: {warnings:#?}");
        let w = &warnings[0];
        assert_eq!(
            (w.severity, w.line),
            (Severity::Warning, *line),
            "{file}: {w}"
        );
        assert!(
            w.message().contains(words),
            "{file}: expected `{words}` in: {w}"
        );
        assert!(
            w.to_string()
                .starts_with(&format!("{file}:{line}:{}: warning: ", w.col))
        );
    }
}

/// A person copied from another account's event is reported once per event, however many
/// answers name them; a full-width mark is named with the ASCII one to type instead.
#[test]
fn a_wrong_person_is_listed_once_and_full_width_marks_get_an_ascii_hint() {
    let bytes = std::fs::read(corpus_dir().join("stakeholder_of_another_account.ron")).unwrap();
    let found = errors("stakeholder_of_another_account.ron", &bytes);
    assert_eq!(found.len(), 1, "{found:#?}");
    let bytes = std::fs::read(corpus_dir().join("fullwidth_punctuation.ron")).unwrap();
    let found = errors("fullwidth_punctuation.ron", &bytes);
    assert!(
        found[0]
            .message()
            .starts_with("expected `,` or `)` after field `potential`, found `，`;"),
        "{}",
        found[0]
    );
}

#[test]
fn independent_mistakes_are_all_reported_in_one_run() {
    let bytes = std::fs::read(corpus_dir().join("absurd_numbers.ron")).unwrap();
    assert_eq!(errors("absurd_numbers.ron", &bytes).len(), 3);
    let bytes = std::fs::read(corpus_dir().join("wrong_types.ron")).unwrap();
    assert_eq!(errors("wrong_types.ron", &bytes).len(), 2);
}

/// Truncations, byte flips and deletions of every bundled scenario: each load must return,
/// and every error must point inside the file.
#[test]
fn mangled_scenarios_never_panic() {
    use rand::{RngExt, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(99);
    for (name, src) in kam_sim::BUNDLED_SCENARIOS {
        let lines = src.lines().count() as u32 + 1;
        for i in 0..300 {
            let mut bytes = src.as_bytes().to_vec();
            match i % 3 {
                0 => bytes.truncate(rng.random_range(0..bytes.len())),
                1 => {
                    for _ in 0..rng.random_range(1..8) {
                        let at = rng.random_range(0..bytes.len());
                        bytes[at] = rng.random();
                    }
                }
                _ => {
                    let at = rng.random_range(0..bytes.len());
                    let end = (at + rng.random_range(1..64)).min(bytes.len());
                    bytes.drain(at..end);
                }
            }
            if let Err(diagnostics) = kam_sim::load_bytes(name, &bytes) {
                assert!(!diagnostics.is_empty());
                for d in diagnostics {
                    assert!(
                        d.line >= 1 && d.line <= lines && d.col >= 1,
                        "{name}: error outside the file: {d}"
                    );
                }
            }
        }
    }
}
