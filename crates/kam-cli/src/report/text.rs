//! The class report for the terminal (`kam report`'s standard output): counts, flagged
//! results, and per group the leaderboard, score distributions, accounts and teaching points
//! missed, in columns that line up with Chinese names too.

use std::fmt::Write as _;

use kam_sim::LessonTally;
use kam_sim::words::Metric;

use super::{
    ClassReport, distributions, group_title, identical, identical_text, metric, several_note,
};
use crate::columns::{left, right};
use crate::words::report::Say;
use crate::words::{Lang, fill};

/// The terminal report in `lang`.
pub fn text(r: &ClassReport, lang: Lang) -> String {
    let say = |key: Say, args: &[&dyn std::fmt::Display]| fill(key.t(lang), args);
    let mut t = String::new();
    let counted: usize = r.groups.iter().map(|g| g.trainees.len()).sum();
    let files = counted + r.flagged.len();
    let summary = if files == 1 {
        Say::SummaryOne
    } else {
        Say::Summary
    };
    let seconds = format!("{:.2}", r.seconds);
    let _ = writeln!(
        t,
        "{}",
        say(summary, &[&files, &counted, &r.flagged.len(), &seconds])
    );
    if let Some(note) = several_note(r, lang) {
        let _ = writeln!(t, "{note}");
    }
    if !r.flagged.is_empty() {
        let _ = writeln!(t, "\n{}", Say::FlaggedHeading.t(lang));
        for f in &r.flagged {
            let who = f
                .player
                .as_ref()
                .map(|p| lang.pick(format!("（{p}）"), format!(" ({p})")))
                .unwrap_or_default();
            let colon = lang.pick("：", ": ");
            let _ = writeln!(t, "  {}{who}{colon}{}", f.file, f.reason.text(lang));
        }
    }
    for (i, g) in r.groups.iter().enumerate() {
        let _ = writeln!(
            t,
            "\n{}",
            say(
                Say::GroupOf,
                &[&(i + 1), &r.groups.len(), &group_title(g, lang)]
            )
        );
        let e = &g.expert;
        let figures = [
            format!("{} {:.1}", metric(lang, Metric::Composite), e.composite)
                + &say(Say::GradeOf, &[&e.grade]),
            format!("{} {:.1}", metric(lang, Metric::Retention), e.retention),
            format!("{} {:.0}", metric(lang, Metric::Profit), e.profit),
            format!(
                "{} {:.1}",
                metric(lang, Metric::Satisfaction),
                e.satisfaction
            ),
        ];
        let _ = writeln!(
            t,
            "{}",
            say(Say::ExpertOnSeed, &[&figures.join(lang.pick("，", ", "))])
        );
        let name_w = g
            .trainees
            .iter()
            .map(|x| display_width(&x.shown_name(lang, &g.prepared)))
            .chain([display_width(Say::Player.t(lang))])
            .max()
            .unwrap_or(6)
            .clamp(6, 40);
        let heads = [
            (metric(lang, Metric::Composite), 9),
            (Say::Grade.t(lang).to_owned(), 5),
            (metric(lang, Metric::Retention), 9),
            (metric(lang, Metric::Profit), 8),
            (metric(lang, Metric::Satisfaction), 12),
            (Say::VsExpert.t(lang).to_owned(), 9),
        ];
        let heads: Vec<String> = heads.iter().map(|(h, w)| right(h, *w)).collect();
        let _ = writeln!(
            t,
            "\n{:>3}  {}  {}",
            "#",
            left(Say::Player.t(lang), name_w),
            heads.join(" ")
        );
        for (k, x) in g.trainees.iter().enumerate() {
            let s = &x.scores;
            let _ = writeln!(
                t,
                "{:>3}  {}  {:>9.1} {:>5} {:>9.1} {:>8.0} {:>12.1} {:>+9.1}",
                k + 1,
                left(&x.shown_name(lang, &g.prepared), name_w),
                s.composite,
                s.grade.to_string(),
                s.retention,
                s.profit,
                s.satisfaction,
                x.gap()
            );
        }
        let rows = distributions(g, lang);
        let label_w = rows
            .iter()
            .map(|row| display_width(&row.name))
            .max()
            .unwrap_or(22)
            .max(22);
        let _ = writeln!(
            t,
            "\n{}{}{}{}{}",
            left(Say::ScoreDistributions.t(lang), label_w + 2),
            right(Say::Mean.t(lang), 8),
            right("p10", 8),
            right("p50", 8),
            right("p90", 8)
        );
        for row in rows {
            let d = &row.d;
            let p = if row.money { 0 } else { 1 };
            let _ = writeln!(
                t,
                "  {} {:>7.p$} {:>7.p$} {:>7.p$} {:>7.p$}",
                left(&row.name, label_w),
                d.mean,
                d.p10,
                d.p50,
                d.p90
            );
        }
        let s = &g.prepared.scenario;
        let id_w = crate::account_id_width(s).max(display_width(Say::Account.t(lang)));
        let sat_kept = fill(
            Say::SatisfactionKept.t(lang),
            &[&metric(lang, Metric::Satisfaction)],
        );
        let sat_w = display_width(&sat_kept).max(20);
        let _ = writeln!(t, "\n{}", Say::AccountsHeading.t(lang));
        let _ = writeln!(
            t,
            "  {} {} {} {}  {}",
            left(Say::Account.t(lang), id_w),
            right(Say::Tier.t(lang), 4),
            right(Say::Kept.t(lang), 6),
            right(&sat_kept, sat_w),
            Say::Name.t(lang)
        );
        let summary = g.summary();
        for (acc, tally) in s.accounts.iter().zip(&summary.accounts) {
            let _ = writeln!(
                t,
                "  {} {:>4} {:>5.0}% {:>sat_w$.1}  {}",
                left(&acc.id, id_w),
                format!("{:?}", acc.tier),
                tally.kept_share() * 100.0,
                tally.mean_satisfaction,
                acc.name
            );
        }
        for set in identical(g) {
            let _ = writeln!(t, "{}", say(Say::Note, &[&identical_text(&set, lang)]));
        }
        let _ = writeln!(t, "\n{}", Say::LessonsHeading.t(lang));
        for &LessonTally {
            lesson,
            missed,
            assessed,
        } in &summary.lessons
        {
            let of = say(
                Say::MissedOf,
                &[&format!("{missed:>3}"), &format!("{assessed:<3}")],
            );
            let share = format!("{:.0}%", 100.0 * missed as f64 / assessed as f64);
            let share = lang.pick(format!("（{share}）"), format!("({share})"));
            let _ = writeln!(
                t,
                "  {of} {}  {}",
                right(&share, lang.pick(8, 6)),
                kam_sim::words::lesson(lang, lesson)
            );
        }
    }
    t
}

/// Terminal columns a string takes (CJK characters take two), by `unicode-width`.
fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn chinese_names_line_up_in_the_terminal_table() {
        let dir = tempfile::tempdir().unwrap();
        let (file, src) = kam_sim::BUNDLED_SCENARIOS[0];
        let (prepared, _) = kam_sim::load_str(file, src).unwrap();
        let mut paths = Vec::new();
        // One seed, so the three are one group and one table.
        let players = [
            ("张伟明", "even"),
            ("Li", "random"),
            ("欧阳娜娜娜", "tier-norms"),
        ];
        for (i, (name, strategy)) in players.iter().enumerate() {
            let game = kam_sim::play(&prepared, strategy.parse().unwrap(), 1).unwrap();
            let result = kam_sim::record_game(&game, name);
            let path = dir.path().join(format!("{i}.ron"));
            kam_sim::write_record_atomic(&path, &result).unwrap();
            paths.push(path);
        }
        let text = super::text(
            &crate::report::build(&paths, &[], crate::report::Unfinished::Flag),
            kam_sim::words::Lang::En,
        );
        // The composite column ends at the same terminal column on every row.
        let ends: Vec<usize> = text
            .lines()
            .filter(|l| {
                ["  1  ", "  2  ", "  3  "]
                    .iter()
                    .any(|rank| l.starts_with(rank))
            })
            .map(|l| {
                let upto = l.find('.').unwrap() + 2;
                super::display_width(&l[..upto])
            })
            .collect();
        assert_eq!(ends.len(), 3, "{text}");
        assert!(
            ends.windows(2).all(|w| w[0] == w[1]),
            "misaligned: {ends:?}\n{text}"
        );
    }
}
