//! The scenarios that ship with the game, compiled in so the game and `kam` find them from
//! any working directory.

/// (file name, source) of each bundled scenario.
pub const SCENARIOS: [(&str, &str); 3] = [
    (
        "tutorial.ron",
        include_str!("../../../scenarios/tutorial.ron"),
    ),
    (
        "classroom_zh.ron",
        include_str!("../../../scenarios/classroom_zh.ron"),
    ),
    (
        "classroom_en.ron",
        include_str!("../../../scenarios/classroom_en.ron"),
    ),
];

/// The bundled scenario called `name`, with or without `.ron` (`classroom_en`,
/// `classroom_en.ron`): its (file name, source).
pub fn by_name(name: &str) -> Option<(&'static str, &'static str)> {
    let stem = name.strip_suffix(".ron").unwrap_or(name);
    SCENARIOS
        .iter()
        .copied()
        .find(|(file, _)| file.strip_suffix(".ron") == Some(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_with_or_without_extension_and_only_by_whole_name() {
        assert_eq!(by_name("tutorial").map(|(f, _)| f), Some("tutorial.ron"));
        assert_eq!(
            by_name("classroom_zh.ron").map(|(f, _)| f),
            Some("classroom_zh.ron")
        );
        assert!(by_name("classroom").is_none());
        assert!(by_name("tutorial.ron.ron").is_none());
    }
}
