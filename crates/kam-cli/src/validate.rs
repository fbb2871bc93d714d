//! `kam validate FILE...`: check scenario files like a compiler checks code.
//!
//! All files are checked and every finding printed, so an instructor fixes a scenario in one
//! round trip. Exit status: 0 all valid (warnings allowed), 1 any invalid, 2 any unreadable.

use std::path::PathBuf;

use kam_sim::Severity;
use kam_sim::{Problem, headed};

use crate::words::fill;
use crate::words::validate::Say;
use crate::{INVALID, Io, OK, USAGE};
use kam_sim::words::{Counted, count};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario files (RON).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print nothing for valid files (errors and warnings are still printed).
    #[arg(long, short)]
    pub quiet: bool,
    /// Also play the scenario with every built-in strategy and warn where it would teach
    /// badly: accounts nobody can keep, events that never fire, a budget that never binds,
    /// answers that are always best; and answers that contradict the course: a good answer
    /// that puts more into an account losing money, prices that give the verdict away, a poor
    /// rumour answer that pleases.
    #[arg(long)]
    pub teaching: bool,
    /// Games per strategy for --teaching (default: 200 for a classroom-sized scenario, fewer
    /// for big ones, at least 20).
    #[arg(long, requires = "teaching", value_parser = clap::value_parser!(u64).range(1..))]
    pub runs: Option<u64>,
}

/// On a terminal, the line a diagnostic points at with a caret under its column, after the
/// diagnostic's own `FILE:LINE:COL` line (which stays first, for editors and grep). Written by
/// hand rather than with codespan-reporting, whose layout would replace that first line.
fn show_excerpt(io: &mut Io, src: &str, line: u32, col: u32) {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal()
        && let Some(text) = excerpt(src, line, col)
    {
        let _ = write!(io.err, "{text}");
    }
}

/// `line` of `src` with a caret under `col` (1-based, in characters), numbered in a gutter.
fn excerpt(src: &str, line: u32, col: u32) -> Option<String> {
    let text = src.lines().nth(line.checked_sub(1)? as usize)?;
    let number = line.to_string();
    let gutter = " ".repeat(number.len());
    // Tabs keep their width under the caret; other characters count by their display width.
    let lead: String = text
        .chars()
        .take(col.saturating_sub(1) as usize)
        .map(|c| {
            if c == '\t' {
                "\t".to_owned()
            } else {
                " ".repeat(unicode_width::UnicodeWidthChar::width(c).unwrap_or(1))
            }
        })
        .collect();
    Some(format!(
        "{gutter} |\n{number} | {text}\n{gutter} | {lead}^\n"
    ))
}

/// The teaching review, its progress drawn on `bar` from this thread. The games are played on
/// other threads, and the command holds stderr's lock while it runs ([`crate::run_with`]): a
/// bar drawn from those threads would wait for the lock forever, so they only count and this
/// thread draws.
fn review_showing(
    prepared: &std::sync::Arc<kam_sim::Prepared>,
    runs: u64,
    bar: &indicatif::ProgressBar,
) -> Vec<kam_sim::TeachingWarning> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let (done, total) = (AtomicUsize::new(0), AtomicUsize::new(0));
    std::thread::scope(|scope| {
        let review = scope.spawn(|| {
            kam_sim::review_with_progress(prepared, runs, &|d, t| {
                done.store(d, Ordering::Relaxed);
                total.store(t, Ordering::Relaxed);
            })
        });
        while !review.is_finished() {
            bar.set_length(total.load(Ordering::Relaxed) as u64);
            bar.set_position(done.load(Ordering::Relaxed) as u64);
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        review
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Checks each file and prints what it finds in `--lang`'s language, else the file's own
/// (its `language` field, when the file parses far enough to read it), else the locale's.
pub fn run(args: &Args, io: &mut Io) -> u8 {
    let mut status = OK;
    for path in &args.files {
        let shown = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                let lang = io.lang_for(None);
                let problem = Problem::CannotRead {
                    kind: e.kind(),
                    detail: e.to_string(),
                };
                let said = headed(lang, Severity::Error, &problem.render(lang));
                let _ = writeln!(io.err, "{shown}: {said}");
                status = USAGE;
                continue;
            }
        };
        let lang = io.lang_for(kam_sim::language_of(&String::from_utf8_lossy(&bytes)));
        let say = |key: Say, args: &[&dyn std::fmt::Display]| fill(key.t(lang), args);
        match kam_sim::load_bytes(&shown, &bytes) {
            Ok((prepared, mut warnings)) => {
                if args.teaching {
                    let src = String::from_utf8_lossy(&bytes);
                    let runs = args
                        .runs
                        .unwrap_or_else(|| kam_sim::default_runs(&prepared.scenario));
                    // A progress bar on a terminal; indicatif draws nothing when stderr is not one.
                    let bar = indicatif::ProgressBar::new(0).with_style(
                        indicatif::ProgressStyle::with_template(Say::Progress.t(lang))
                            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                            .progress_chars("=> "),
                    );
                    bar.set_message(say(Say::Playing, &[&shown]));
                    let review = review_showing(&prepared, runs, &bar);
                    bar.finish_and_clear();
                    warnings.extend(kam_sim::locate(&shown, &src, &review));
                }
                let src = String::from_utf8_lossy(&bytes);
                for w in &warnings {
                    let _ = writeln!(io.err, "{}", w.render(lang));
                    show_excerpt(io, &src, w.line, w.col);
                }
                if !args.quiet {
                    let s = &prepared.scenario;
                    let warned = match warnings
                        .iter()
                        .filter(|w| w.severity == Severity::Warning)
                        .count()
                    {
                        0 => String::new(),
                        1 => Say::OneWarning.t(lang).to_owned(),
                        n => say(Say::Warnings, &[&n]),
                    };
                    let ok = say(
                        Say::Ok,
                        &[
                            &shown,
                            &s.id,
                            &count(lang, s.accounts.len(), Counted::Account),
                            &s.turns,
                            // The unit of a turn in Chinese ("12 个月"); "turns" in English.
                            &lang.pick(kam_sim::words::turn_unit(lang, s.turn_unit), "turns"),
                            &count(lang, s.events.len(), Counted::Event),
                            &count(lang, s.negotiations.len(), Counted::Negotiation),
                            &warned,
                        ],
                    );
                    let _ = writeln!(io.out, "{ok}");
                }
            }
            Err(errors) => {
                let src = String::from_utf8_lossy(&bytes);
                for e in &errors {
                    let _ = writeln!(io.err, "{}", e.render(lang));
                    show_excerpt(io, &src, e.line, e.col);
                }
                let count = errors
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                let summary = match count {
                    1 => say(Say::OneError, &[&shown]),
                    n => say(Say::Errors, &[&shown, &n]),
                };
                let _ = writeln!(io.err, "{summary}");
                status = status.max(INVALID);
            }
        }
    }
    status
}

#[cfg(test)]
mod tests {
    use crate::tests::kam;
    use crate::{INVALID, OK, USAGE};

    #[test]
    fn an_excerpt_puts_the_caret_under_the_column_even_after_chinese_text() {
        let src = "(\n    name: \"华星\", tier: Z,\n)";
        let shown = super::excerpt(src, 2, 23).unwrap();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[1], "2 |     name: \"华星\", tier: Z,");
        // Two wide characters take four columns on a terminal.
        let caret = lines[2].find('^').unwrap();
        let z = lines[1].find('Z').unwrap();
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(&lines[2][..caret]),
            unicode_width::UnicodeWidthStr::width(&lines[1][..z])
        );
        assert!(super::excerpt(src, 9, 1).is_none());
    }

    fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }

    #[test]
    fn bundled_scenarios_are_valid() {
        let dir = tempfile::tempdir().unwrap();
        for (file, src) in kam_sim::BUNDLED_SCENARIOS {
            let path = write(&dir, file, src);
            let (status, out, err) = kam(&["validate", &path]);
            assert_eq!(status, OK, "{file}: {err}");
            // Each in its own language.
            let ok = if file.ends_with("_zh.ron") {
                ": 通过："
            } else {
                ": ok: "
            };
            assert!(out.contains(ok), "{out}");
        }
    }

    #[test]
    fn reports_every_error_located_and_exits_1() {
        let dir = tempfile::tempdir().unwrap();
        let good = write(&dir, "good.ron", kam_sim::BUNDLED_SCENARIOS[0].1);
        let broken = write(
            &dir,
            "broken.ron",
            "(id: \"x\", title: 3, description: \"\", turns: \"many\", bogus: 1, means: (), accounts: [])",
        );
        let (status, _, err) = kam(&["--lang", "en", "validate", &good, &broken]);
        assert_eq!(status, INVALID);
        let located: Vec<&str> = err
            .lines()
            .filter(|l| l.starts_with(&format!("{broken}:")) && l.contains(": error: "))
            .collect();
        assert!(
            located.len() >= 2,
            "expected several located errors, got:\n{err}"
        );
        for line in located {
            let mut parts = line.splitn(4, ':').skip(1);
            let (line_no, col) = (parts.next().unwrap(), parts.next().unwrap());
            assert!(
                line_no.parse::<u32>().is_ok() && col.parse::<u32>().is_ok(),
                "not FILE:LINE:COL: {line}"
            );
        }
    }

    #[test]
    fn teaching_review_adds_located_warnings_without_failing() {
        let dir = tempfile::tempdir().unwrap();
        // An objection that could fire but in practice almost never does.
        let mut src = kam_sim::BUNDLED_SCENARIOS[0].1.to_owned();
        let start = src.find("probability: ").expect("a conditional event") + "probability: ".len();
        let end = start + src[start..].find(',').unwrap();
        src.replace_range(start..end, "0.0005");
        let path = write(&dir, "rare_event.ron", &src);
        let (plain, _, plain_err) = kam(&["validate", &path]);
        assert_eq!(plain, OK, "{plain_err}");
        let (status, out, err) = kam(&["validate", "--teaching", "--runs", "20", &path]);
        assert_eq!(status, OK, "teaching warnings are warnings: {err}");
        assert!(out.contains("warning"), "{out}");
        let warning = err
            .lines()
            .find(|l| l.contains(": warning: "))
            .unwrap_or_else(|| panic!("no warning in {err}"));
        assert!(warning.starts_with(&format!("{path}:")), "{warning}");
        assert!(err.len() > plain_err.len());
    }

    /// The playtest's contradiction, put back: a warning sign that can fire at the loss-making
    /// Hongda rates its dearest answer good. `--teaching` points at that answer.
    #[test]
    fn teaching_review_locates_a_good_answer_that_feeds_a_loss_maker() {
        let dir = tempfile::tempdir().unwrap();
        let (_, src) = kam_sim::bundled_scenario("classroom_en").unwrap();
        let label = src
            .find("agree what to fix\"")
            .expect("the defection answer");
        let cost = label + src[label..].find("cost: 1.0").unwrap();
        let mut src = src.to_owned();
        src.replace_range(cost..cost + "cost: 1.0".len(), "cost: 4.0");
        let path = write(&dir, "feeds_hongda.ron", &src);
        let (status, _, err) = kam(&["validate", "--teaching", "--runs", "5", &path]);
        assert_eq!(status, OK, "{err}");
        let warning = err
            .lines()
            .find(|l| l.contains(": warning: good answer feeds a loss-maker: "))
            .unwrap_or_else(|| panic!("no warning in {err}"));
        let line: usize = warning[path.len() + 1..]
            .split(':')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let choice_start = src[..label].rfind('(').unwrap();
        assert_eq!(
            line,
            src[..choice_start].matches('\n').count() + 1,
            "{warning}"
        );
        assert!(warning.contains("`hongda`"), "{warning}");
    }

    #[test]
    fn unreadable_file_is_a_usage_error() {
        let (status, out, err) = kam(&["--lang", "en", "validate", "/nonexistent/scenario.ron"]);
        assert_eq!(status, USAGE);
        assert!(out.is_empty() && err.contains("cannot read"), "{err}");
        let (status, _, err) = kam(&["--lang", "zh", "validate", "/nonexistent/scenario.ron"]);
        assert_eq!(status, USAGE);
        assert_eq!(
            err.trim_end(),
            "/nonexistent/scenario.ron: 错误：无法读取文件：文件不存在"
        );
    }

    /// A bundled scenario with its first `find` replaced by `by`, written to `dir`.
    fn broken(dir: &tempfile::TempDir, name: &str, find: &str, by: &str) -> String {
        let (file, src) = kam_sim::bundled_scenario(name).unwrap();
        assert!(src.contains(find), "{find} in {file}");
        write(dir, &format!("broken_{file}"), &src.replacen(find, by, 1))
    }

    /// The location of each located line of `err` (`FILE:LINE:COL: `).
    fn locations(err: &str, path: &str) -> Vec<String> {
        err.lines()
            .filter_map(|l| l.strip_prefix(&format!("{path}:")))
            .filter_map(|rest| {
                let mut parts = rest.splitn(3, ':');
                let (line, col) = (parts.next()?, parts.next()?);
                (line.parse::<u32>().is_ok() && col.parse::<u32>().is_ok())
                    .then(|| format!("{path}:{line}:{col}: "))
            })
            .collect()
    }

    #[test]
    fn lang_zh_reports_in_chinese_with_the_location_first_and_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = broken(&dir, "tutorial", "satisfaction: 60.0", "satisfation: 60.0");
        let (status, out, zh) = kam(&["--lang", "zh", "validate", &path]);
        assert_eq!(status, INVALID);
        assert!(out.is_empty(), "{out}");
        let lines: Vec<&str> = zh.lines().collect();
        assert_eq!(
            lines,
            [
                format!("{path}:61:13: 错误：未知字段 `satisfation`，是不是 `satisfaction`？"),
                format!("{path}: 1 个错误"),
            ],
            "{zh}"
        );
        let (status, _, en) = kam(&["--lang", "en", "validate", &path]);
        assert_eq!(status, INVALID);
        assert!(en.contains(": error: unknown field `satisfation`"), "{en}");
        assert_eq!(locations(&zh, &path), locations(&en, &path));
        assert_eq!(locations(&zh, &path).len(), 1);
    }

    /// Without `--lang`, a file says which language to report in: a Chinese scenario's
    /// problems are in Chinese (its range errors, and its type errors too, since the file parses
    /// far enough to read its `language`), and so is its "ok".
    #[test]
    fn a_chinese_scenario_is_reported_in_chinese_without_lang() {
        let dir = tempfile::tempdir().unwrap();
        let range = broken(&dir, "classroom_zh", "share: 40.0", "share: 140.0");
        let (status, _, err) = kam(&["validate", &range]);
        assert_eq!(status, INVALID);
        assert!(
            err.lines().any(|l| l.starts_with(&format!("{range}:"))
                && l.ends_with(": 错误：钱包份额必须在 0 到 100 之间，实际为 140")),
            "{err}"
        );
        assert!(err.lines().any(|l| l.ends_with(" 个错误")), "{err}");
        let field = broken(
            &dir,
            "classroom_zh",
            "satisfaction: 58.0",
            "satisfation: 58.0",
        );
        let (status, _, err) = kam(&["validate", &field]);
        assert_eq!(status, INVALID);
        assert!(err.contains(": 错误：未知字段 `satisfation`"), "{err}");
        // `--lang` wins over the file's language.
        let (_, _, err) = kam(&["--lang", "en", "validate", &field]);
        assert!(
            err.contains(": error: unknown field `satisfation`"),
            "{err}"
        );
        // An English scenario stays English.
        let english = broken(&dir, "classroom_en", "share: 40.0", "share: 140.0");
        let (_, _, err) = kam(&["validate", &english]);
        assert!(
            err.contains(": error: share must be between 0 and 100"),
            "{err}"
        );
    }

    #[test]
    fn teaching_warnings_are_in_the_chosen_language_too() {
        let dir = tempfile::tempdir().unwrap();
        let path = broken(&dir, "tutorial", "probability: 0.8", "probability: 0.0005");
        let (status, out, err) = kam(&[
            "--lang",
            "zh",
            "validate",
            "--teaching",
            "--runs",
            "20",
            &path,
        ]);
        assert_eq!(status, OK, "{err}");
        assert!(
            out.contains(": 通过：`tutorial`（") && out.contains("个警告"),
            "{out}"
        );
        let warning = err
            .lines()
            .find(|l| l.contains(": 警告：") && l.contains("只触发了"))
            .unwrap_or_else(|| panic!("no Chinese teaching warning in {err}"));
        assert!(warning.starts_with(&format!("{path}:")), "{warning}");
        assert!(warning.ends_with("（`events[1].trigger`）"), "{warning}");
    }
}
