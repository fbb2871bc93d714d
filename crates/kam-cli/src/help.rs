//! The command line's own words in the instructor's language: `--help` and usage errors.
//!
//! clap writes its help and errors in English. For Chinese, the command tree gets each
//! command's and argument's help from [`crate::words::help`], its headings and help flags in
//! Chinese, and a usage error is told again in Chinese from clap's typed context (the
//! argument, the value, clap's suggestion). The language is chosen before parsing, by the
//! rule every command follows: `--lang` if the arguments carry a valid one, else the system
//! locale, else English.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};
use kam_sim::words::{Lang, choose_lang, parse_lang};

use crate::Cli;
use crate::words::help as zh;

/// The language of `--help` and usage errors for these arguments: a `--lang zh|en` among them
/// (before or after the command, `--lang X` or `--lang=X`), else the system's, else English.
pub fn lang_of_args(args: &[OsString]) -> Lang {
    let mut asked = None;
    let mut words = args.iter().map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_owned),
            None => None,
        };
        if let Some(lang) = value.as_deref().and_then(parse_lang) {
            asked = Some(lang);
        }
    }
    choose_lang(asked, None)
}

/// The `kam` command tree with its help in `lang`.
pub fn command(lang: Lang) -> Command {
    match lang {
        Lang::En => Cli::command(),
        Lang::Zh => in_chinese(Cli::command(), ""),
    }
}

/// `cmd` (the command `name`, `""` for `kam`) and its subcommands with their help in Chinese.
fn in_chinese(mut cmd: Command, name: &str) -> Command {
    let words = zh::COMMANDS_ZH.iter().find(|c| c.command == name);
    if let Some(words) = words {
        cmd = cmd.about(words.about).long_about(words.long_about);
        if let Some(after) = words.after_help {
            cmd = cmd.after_help(after);
        }
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().as_str().to_owned())
        .collect();
    for id in ids {
        let help = words.and_then(|w| w.arguments.iter().find(|(arg, _)| *arg == id));
        if let Some((_, text)) = help {
            cmd = cmd.mut_arg(&id, |arg| arg.help(*text).long_help(None));
        }
    }
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for sub in subcommands {
        cmd = cmd.mut_subcommand(&sub, |s| in_chinese(s, &sub));
    }
    let page = template(
        cmd.has_subcommands(),
        cmd.get_positionals().next().is_some(),
    );
    cmd = cmd.help_template(page).disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(zh::HELP_FLAG),
    );
    if name.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(zh::VERSION_FLAG),
        );
        // clap adds `kam help` when the tree is built: build it now to put that in Chinese too.
        cmd.build();
        cmd = cmd.mut_subcommand("help", |help| {
            let has_subcommands = help.has_subcommands();
            let help = help
                .about(zh::HELP_COMMAND)
                .help_template(template(has_subcommands, true));
            let ids: Vec<String> = help
                .get_arguments()
                .map(|a| a.get_id().as_str().to_owned())
                .collect();
            ids.into_iter().fold(help, |help, id| {
                help.mut_arg(id, |a| a.help(zh::HELP_COMMAND_ARGUMENT))
            })
        });
    }
    cmd
}

/// A help page in Chinese: clap's `{all-args}` would head its sections in English ("Options:"),
/// so the sections are laid out here, each under its Chinese heading, only where the command
/// has any.
fn template(subcommands: bool, positionals: bool) -> String {
    let mut page = format!(
        "{{before-help}}{{about-with-newline}}\n{}{{usage}}\n",
        zh::USAGE
    );
    if subcommands {
        page += &format!("\n{}\n{{subcommands}}\n", zh::COMMANDS);
    }
    if positionals {
        page += &format!("\n{}\n{{positionals}}\n", zh::ARGUMENTS);
    }
    page += &format!("\n{}\n{{options}}{{after-help}}", zh::OPTIONS);
    page
}

/// A usage error told again in Chinese from its context, when `lang` is Chinese and its kind
/// is one this knows; `None` means clap's own (English) words are the ones to print. Help and
/// version are not errors to tell: they print as they are.
pub fn error_in(error: &clap::Error, lang: Lang) -> Option<String> {
    match (lang, error.kind()) {
        (Lang::En, _) | (_, ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => None,
        (Lang::Zh, _) => chinese_error(error),
    }
}

fn chinese_error(error: &clap::Error) -> Option<String> {
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(list)) => Some(list.join("、")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::StyledStrs(list)) => Some(
            list.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join("、"),
        ),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let list = |kind| match error.get(kind) {
        Some(ContextValue::Strings(list)) => list.iter().map(|s| format!("`{s}`")).collect(),
        Some(ContextValue::String(s)) => vec![format!("`{s}`")],
        Some(ContextValue::StyledStr(s)) => vec![format!("`{s}`")],
        _ => Vec::<String>::new(),
    };
    let mut lines = Vec::new();
    match error.kind() {
        ErrorKind::UnknownArgument => {
            lines.push(format!(
                "错误：没有 `{}` 这个参数",
                text(ContextKind::InvalidArg)?
            ));
            let suggested = list(ContextKind::SuggestedArg);
            if !suggested.is_empty() {
                lines.push(format!("提示：是不是 {}？", suggested.join(" 或 ")));
            }
        }
        ErrorKind::InvalidSubcommand => {
            lines.push(format!(
                "错误：没有 `{}` 这个命令",
                text(ContextKind::InvalidSubcommand)?
            ));
            let suggested = list(ContextKind::SuggestedSubcommand);
            if !suggested.is_empty() {
                lines.push(format!("提示：是不是 {}？", suggested.join(" 或 ")));
            }
        }
        ErrorKind::InvalidValue => {
            let arg = text(ContextKind::InvalidArg)?;
            let value = text(ContextKind::InvalidValue).unwrap_or_default();
            lines.push(if value.is_empty() {
                format!("错误：`{arg}` 需要一个值")
            } else {
                format!("错误：`{value}` 不是 `{arg}` 能取的值")
            });
            let valid = list(ContextKind::ValidValue);
            if !valid.is_empty() {
                lines.push(format!("可以取：{}", valid.join("、")));
            }
        }
        ErrorKind::ValueValidation => {
            let arg = text(ContextKind::InvalidArg)?;
            let value = text(ContextKind::InvalidValue).unwrap_or_default();
            let why = match std::error::Error::source(error) {
                Some(source) => format!("：{}", value_problem(&source.to_string())),
                None => String::new(),
            };
            lines.push(format!("错误：`{value}` 不是 `{arg}` 能取的值{why}"));
        }
        ErrorKind::MissingRequiredArgument => {
            lines.push(format!(
                "错误：缺少必需的参数：{}",
                text(ContextKind::InvalidArg)?
            ));
        }
        ErrorKind::ArgumentConflict => {
            let arg = text(ContextKind::InvalidArg)?;
            lines.push(match text(ContextKind::PriorArg) {
                Some(prior) => format!("错误：`{arg}` 不能和 `{prior}` 一起用"),
                None => format!("错误：`{arg}` 只能给一次"),
            });
        }
        ErrorKind::NoEquals => {
            lines.push(format!(
                "错误：`{}` 的值要用等号给出",
                text(ContextKind::InvalidArg)?
            ));
        }
        _ => return None,
    }
    if let Some(usage) = text(ContextKind::Usage) {
        let usage = usage.trim_start_matches("Usage:").trim();
        lines.push(String::new());
        lines.push(format!("{}{usage}", zh::USAGE));
    }
    lines.push(String::new());
    lines.push("更多信息请用 `--help`。".to_owned());
    Some(lines.join("\n") + "\n")
}

/// Why a value was refused, in Chinese, for the refusals the command line's value parsers
/// give in English (clap's number ranges, the standard library's number parsing, the
/// difficulty's names); any other reason as it is.
fn value_problem(reason: &str) -> String {
    if let Some((_, range)) = reason.split_once(" is not in ") {
        return match range.split_once("..=") {
            Some((low, high)) => format!("须在 {low} 到 {high} 之间"),
            None => format!("至少为 {}", range.trim_end_matches("..")),
        };
    }
    if reason.starts_with("unknown difficulty") {
        return "难度只有 easy、normal、hard 三种".to_owned();
    }
    match reason {
        "invalid digit found in string" => "须是一个不带符号的整数".to_owned(),
        "number too large to fit in target type" => "数太大了".to_owned(),
        "cannot parse integer from empty string" => "不能是空的".to_owned(),
        _ => reason.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn lang_is_found_before_parsing_wherever_it_is_given() {
        for (args, lang) in [
            (&["kam", "--lang", "zh", "validate"][..], Lang::Zh),
            (&["kam", "validate", "--lang=中文", "--help"], Lang::Zh),
            (&["kam", "--lang", "en", "--help"], Lang::En),
        ] {
            assert_eq!(lang_of_args(&words(args)), lang, "{args:?}");
        }
    }

    /// Every command and argument of the English tree has its Chinese, and every Chinese line
    /// belongs to a command and argument that exist.
    #[test]
    fn the_chinese_help_covers_the_command_tree_exactly() {
        let cli = Cli::command();
        let mut commands = vec![("".to_owned(), &cli)];
        commands.extend(cli.get_subcommands().map(|s| (s.get_name().to_owned(), s)));
        for (name, cmd) in &commands {
            let words = zh::COMMANDS_ZH
                .iter()
                .find(|c| c.command == name)
                .unwrap_or_else(|| panic!("`kam {name}` has no Chinese help"));
            assert_eq!(
                words.after_help.is_some(),
                cmd.get_after_help().is_some(),
                "`kam {name}`: examples in one language only"
            );
            // Before the tree is built, the global `--lang` is `kam`'s alone.
            let ids: Vec<&str> = cmd.get_arguments().map(|a| a.get_id().as_str()).collect();
            for id in &ids {
                assert!(
                    words.arguments.iter().any(|(arg, _)| arg == id),
                    "`kam {name}`: argument `{id}` has no Chinese help"
                );
            }
            for (arg, _) in words.arguments {
                assert!(
                    ids.contains(arg),
                    "`kam {name}`: Chinese help for `{arg}`, which is not an argument"
                );
            }
        }
        assert_eq!(
            zh::COMMANDS_ZH.len(),
            commands.len(),
            "a Chinese command too many"
        );
    }

    #[test]
    fn chinese_help_has_no_english_chrome() {
        for args in [
            &["kam", "--help"][..],
            &["kam", "validate", "--help"],
            &["kam", "help"],
        ] {
            let err = command(Lang::Zh)
                .try_get_matches_from(args)
                .expect_err("help is an early exit");
            assert_eq!(err.kind(), ErrorKind::DisplayHelp, "{args:?}");
            let help = err.render().to_string();
            for english in [
                "Usage:",
                "Options:",
                "Arguments:",
                "Commands:",
                "Print help",
            ] {
                assert!(!help.contains(english), "{args:?} says {english}:\n{help}");
            }
            assert!(help.contains("用法："), "{help}");
        }
        let help = command(Lang::Zh)
            .try_get_matches_from(["kam", "validate", "--help"])
            .unwrap_err()
            .render()
            .to_string();
        assert!(help.contains("有效的文件不输出任何内容"), "{help}");
    }

    #[test]
    fn a_mistyped_option_is_told_in_chinese_with_the_suggestion() {
        let err = command(Lang::Zh)
            .try_get_matches_from(["kam", "validate", "--teachng", "x.ron"])
            .unwrap_err();
        let text = error_in(&err, Lang::Zh).expect("told in Chinese");
        assert!(
            text.starts_with("错误：没有 `--teachng` 这个参数"),
            "{text}"
        );
        assert!(text.contains("`--teaching`"), "{text}");
        assert!(text.contains("用法：kam validate"), "{text}");
        let missing = command(Lang::Zh)
            .try_get_matches_from(["kam", "validate"])
            .unwrap_err();
        let missing = error_in(&missing, Lang::Zh).expect("told in Chinese");
        assert!(missing.starts_with("错误：缺少必需的参数"), "{missing}");
        for (args, why) in [
            (
                &["kam", "balance", "x", "--runs", "0"][..],
                "须在 1 到 100000 之间",
            ),
            (
                &["kam", "simulate", "x", "--runs", "abc"],
                "须是一个不带符号的整数",
            ),
            (
                &["kam", "simulate", "x", "--difficulty", "foo"],
                "easy、normal、hard",
            ),
        ] {
            let refused = command(Lang::Zh).try_get_matches_from(args).unwrap_err();
            let text = error_in(&refused, Lang::Zh).expect("told in Chinese");
            assert!(text.contains(why), "{args:?}: {text}");
        }
        let english = command(Lang::En)
            .try_get_matches_from(["kam", "validate", "--teachng", "x.ron"])
            .unwrap_err();
        assert_eq!(error_in(&english, Lang::En), None, "English is clap's own");
    }
}
