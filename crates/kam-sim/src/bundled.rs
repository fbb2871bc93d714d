//! The scenarios that ship with the game, compiled in so the game and `kam` find them from
//! any working directory.

use std::path::{Path, PathBuf};

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

/// A bundled scenario by name, loaded and prepared (`None` for a name that is not bundled).
/// Bundled scenarios are valid (a test loads every one), so their warnings are not returned.
pub fn prepared(name: &str) -> Option<std::sync::Arc<crate::engine::Prepared>> {
    let (file, src) = by_name(name)?;
    crate::load::load_str(file, src)
        .ok()
        .map(|(prepared, _)| prepared)
}

/// Where a scenario named on the command line comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// A file: the argument names an existing file, or no bundled scenario either (then reading
    /// it fails, and the error should list [`names`]).
    File(PathBuf),
    /// A bundled scenario: its file name and source.
    Bundled {
        file: &'static str,
        src: &'static str,
    },
}

/// The one rule the game and every `kam` command use to find a scenario: an existing file
/// wins (an instructor's `tutorial.ron` in the working directory is theirs to edit), then a
/// bundled scenario of that name, with or without `.ron`.
pub fn find(arg: &Path) -> Found {
    resolve(arg, arg.is_file())
}

fn resolve(arg: &Path, is_file: bool) -> Found {
    if is_file {
        return Found::File(arg.to_owned());
    }
    match by_name(&arg.to_string_lossy()) {
        Some((file, src)) => Found::Bundled { file, src },
        None => Found::File(arg.to_owned()),
    }
}

/// The bundled scenarios' names, as [`find`] takes them (file names without `.ron`).
pub fn names() -> Vec<&'static str> {
    SCENARIOS
        .iter()
        .map(|(file, _)| file.strip_suffix(".ron").unwrap_or(file))
        .collect()
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

    #[test]
    fn an_existing_file_wins_over_a_bundled_name() {
        let name = Path::new("tutorial");
        assert!(matches!(
            resolve(name, false),
            Found::Bundled {
                file: "tutorial.ron",
                ..
            }
        ));
        assert_eq!(resolve(name, true), Found::File(name.to_owned()));
        let missing = Path::new("no/such/scenario.ron");
        assert_eq!(find(missing), Found::File(missing.to_owned()));
        // A folder is not a scenario file.
        let folder = tempfile::tempdir().unwrap();
        assert_eq!(find(folder.path()), Found::File(folder.path().to_owned()));
        assert_eq!(names(), ["tutorial", "classroom_zh", "classroom_en"]);
    }
}
