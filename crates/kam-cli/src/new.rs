//! `kam new SCENARIO.ron`: write a small, valid, heavily commented starting scenario.
//!
//! The template is three accounts (one per tier), buying centres with different styles, a
//! rumour, an objection and a renewal negotiation; every field is explained where it first
//! appears, with the teaching point it carries. It never overwrites a file unless told to.

use std::path::PathBuf;

use crate::words::fill;
use crate::words::new::Say;
use crate::{Io, OK, USAGE};

/// The English template.
pub const TEMPLATE_EN: &str = include_str!("templates/new_en.ron");
/// The Chinese template (same structure and numbers, Chinese text and comments).
pub const TEMPLATE_ZH: &str = include_str!("templates/new_zh.ron");

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The scenario file to write.
    #[arg(value_name = "SCENARIO.ron")]
    pub file: PathBuf,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Writes the template in `--lang`'s language (the text, the comments and what is printed),
/// else the system's, else English.
pub fn run(args: &Args, io: &mut Io) -> u8 {
    let lang = io.lang_for(None);
    let template = lang.pick(TEMPLATE_ZH, TEMPLATE_EN);
    let shown = args.file.display();
    let say = |key: Say, args: &[&dyn std::fmt::Display]| fill(key.t(lang), args);
    if args.file.exists() && !args.force {
        let _ = writeln!(io.err, "{}", say(Say::Exists, &[&shown]));
        return USAGE;
    }
    if let Some(dir) = args.file.parent().filter(|d| !d.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        let why = crate::words::common::io_error(lang, &e);
        let _ = writeln!(
            io.err,
            "{}",
            say(Say::CannotCreate, &[&dir.display(), &why])
        );
        return USAGE;
    }
    if let Err(e) = std::fs::write(&args.file, template) {
        let why = crate::words::common::io_error(lang, &e);
        let _ = writeln!(io.err, "{}", say(Say::CannotWrite, &[&shown, &why]));
        return USAGE;
    }
    let _ = writeln!(io.out, "{}", say(Say::Wrote, &[&shown]));
    let _ = writeln!(io.out, "{}", say(Say::Next, &[&shown, &shown]));
    OK
}

#[cfg(test)]
mod tests {
    use crate::tests::kam;
    use crate::{OK, USAGE};

    #[test]
    fn writes_a_valid_scenario_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        for lang in ["zh", "en"] {
            let path = dir.path().join(format!("new_{lang}.ron"));
            let (status, out, err) = kam(&["new", path.to_str().unwrap(), "--lang", lang]);
            assert_eq!(status, OK, "{err}");
            assert!(
                out.contains(if lang == "zh" { "已写入" } else { "wrote" }),
                "{out}"
            );
            // The comments are in the language asked for, as are the words printed.
            let text = std::fs::read_to_string(&path).unwrap();
            let chinese = text
                .chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .count();
            assert_eq!(
                chinese > 100,
                lang == "zh",
                "{lang}: {chinese} Chinese characters"
            );
            let (prepared, warnings) = kam_sim::load_file(&path).unwrap_or_else(|e| {
                panic!(
                    "{lang}: {}",
                    e.iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            });
            assert!(warnings.is_empty(), "{lang}: {warnings:?}");
            let s = &prepared.scenario;
            assert_eq!(s.accounts.len(), 3);
            assert!(
                s.events
                    .iter()
                    .any(|e| matches!(e.kind, kam_sim::scenario::EventKind::Rumour { .. }))
            );
            assert!(
                s.events
                    .iter()
                    .any(|e| e.kind == kam_sim::scenario::EventKind::Objection)
            );
            assert_eq!(s.negotiations.len(), 1);
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                text.lines()
                    .filter(|l| l.trim_start().starts_with("//"))
                    .count()
                    >= 30,
                "{lang}: not commented"
            );
            let (status, _, err) = kam(&["validate", path.to_str().unwrap()]);
            assert_eq!(status, OK, "{err}");
        }
    }

    #[test]
    fn both_templates_play_the_same_game() {
        let zh = kam_sim::load_str("zh.ron", super::TEMPLATE_ZH).unwrap().0;
        let en = kam_sim::load_str("en.ron", super::TEMPLATE_EN).unwrap().0;
        for seed in 0..3 {
            let a = kam_sim::score_game(
                &kam_sim::play(&zh, kam_sim::StrategyId::Expert, seed).unwrap(),
            );
            let b = kam_sim::score_game(
                &kam_sim::play(&en, kam_sim::StrategyId::Expert, seed).unwrap(),
            );
            assert_eq!(a, b);
        }
    }

    #[test]
    fn the_template_rewards_skill_and_teaches() {
        let p = kam_sim::load_str("en.ron", super::TEMPLATE_EN).unwrap().0;
        let lab = kam_sim::balance_lab(&p, 1, 40).unwrap();
        for c in kam_sim::skill_checks(&lab) {
            assert!(c.passed, "{:?}", c);
        }
        let w = kam_sim::review_lab(&lab);
        assert!(w.is_empty(), "{w:#?}");
    }

    #[test]
    fn refuses_to_overwrite_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.ron");
        std::fs::write(&path, "my work").unwrap();
        let (status, _, err) = kam(&["new", path.to_str().unwrap(), "--lang", "en"]);
        assert_eq!(status, USAGE);
        assert!(
            err.contains("already exists") && err.contains("--force"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "my work");
        let (status, _, _) = kam(&["new", path.to_str().unwrap(), "--force", "--lang", "en"]);
        assert_eq!(status, OK);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("id: \"my_scenario\"")
        );
        let (status, _, err) = kam(&["new", path.to_str().unwrap(), "--lang", "zh"]);
        assert_eq!(status, USAGE);
        assert!(err.contains("已经存在") && err.contains("--force"), "{err}");
    }
}
