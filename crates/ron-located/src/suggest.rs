//! "Did you mean": the name closest to a typo, and the list of names expected.

/// The variant names an enum allows, for "expected one of `a`, `b`".
pub(crate) fn one_of(names: &[&str]) -> crate::kind::Expected {
    crate::kind::Expected::OneOf(names.iter().map(|&n| n.to_owned()).collect())
}

/// The candidate closest to `name`, if it is close enough to be a typo: the project's one
/// "did you mean" (the validator's suggestions use it too).
pub fn suggest<'c>(name: &str, candidates: &[&'c str]) -> Option<&'c str> {
    if name.chars().count() > 64 {
        return None;
    }
    let name = name.to_lowercase();
    candidates
        .iter()
        .map(|&c| (typo_distance(&name, &c.to_lowercase()), c))
        .filter(|&(d, c)| {
            let allowed = match c.chars().count() {
                0..=2 => 0,
                3..=5 => 1,
                _ => 2,
            };
            d <= allowed
        })
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Edit distance counting insertions, deletions, substitutions and swaps of neighbouring
/// characters as one edit each (Damerau-Levenshtein, from the maintained `strsim`).
pub(crate) fn typo_distance(a: &str, b: &str) -> usize {
    strsim::damerau_levenshtein(a, b)
}
