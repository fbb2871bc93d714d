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
