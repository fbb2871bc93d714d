//! The class report for the terminal (`kam report`'s standard output): counts, flagged
//! results, and per group the leaderboard, score distributions, accounts and teaching points
//! missed, in columns that line up with Chinese names too.

use std::fmt::Write as _;

use super::{
    ClassReport, account_figures, distributions, group_title, identical, identical_text,
    lessons_missed, several_note,
};

/// The terminal report.
pub fn text(r: &ClassReport) -> String {
    let mut t = String::new();
    let counted: usize = r.groups.iter().map(|g| g.trainees.len()).sum();
    let _ = writeln!(
        t,
        "class report: {} result file{}, {counted} verified, {} flagged ({:.2} s)",
        counted + r.flagged.len(),
        if counted + r.flagged.len() == 1 {
            ""
        } else {
            "s"
        },
        r.flagged.len(),
        r.seconds
    );
    if let Some(note) = several_note(r) {
        let _ = writeln!(t, "{note}");
    }
    if !r.flagged.is_empty() {
        let _ = writeln!(t, "\nFlagged, not counted:");
        for f in &r.flagged {
            let _ = writeln!(
                t,
                "  {}{}: {}",
                f.file,
                f.player
                    .as_ref()
                    .map(|p| format!(" ({p})"))
                    .unwrap_or_default(),
                f.reason
            );
        }
    }
    for (i, g) in r.groups.iter().enumerate() {
        let _ = writeln!(
            t,
            "\n== group {} of {}: {}",
            i + 1,
            r.groups.len(),
            group_title(g)
        );
        let _ = writeln!(
            t,
            "expert on this seed: composite {:.1} (grade {}), retention {:.1}, profit {:.0}, satisfaction {:.1}",
            g.expert.composite,
            g.expert.grade,
            g.expert.retention,
            g.expert.profit,
            g.expert.satisfaction
        );
        let name_w = g
            .trainees
            .iter()
            .map(|x| display_width(&x.player))
            .max()
            .unwrap_or(6)
            .clamp(6, 24);
        let _ = writeln!(
            t,
            "\n{:>3}  {:<name_w$}  {:>9} {:>5} {:>9} {:>8} {:>12} {:>7}",
            "#", "player", "composite", "grade", "retention", "profit", "satisfaction", "vs exp."
        );
        for (k, x) in g.trainees.iter().enumerate() {
            let s = &x.scores;
            let pad = name_w.saturating_sub(display_width(&x.player));
            let _ = writeln!(
                t,
                "{:>3}  {}{}  {:>9.1} {:>5} {:>9.1} {:>8.0} {:>12.1} {:>+7.1}",
                k + 1,
                x.player,
                " ".repeat(pad),
                s.composite,
                s.grade.to_string(),
                s.retention,
                s.profit,
                s.satisfaction,
                s.composite - x.expert
            );
        }
        let _ = writeln!(
            t,
            "\nScore distributions         mean     p10     p50     p90"
        );
        for (name, d) in distributions(g) {
            let _ = writeln!(
                t,
                "  {:<22} {:>7.1} {:>7.1} {:>7.1} {:>7.1}",
                name, d.mean, d.p10, d.p50, d.p90
            );
        }
        let s = &g.prepared.scenario;
        let id_w = crate::account_id_width(s);
        let _ = writeln!(
            t,
            "\nAccounts: share of the class that kept each, and its mean final satisfaction among them"
        );
        let _ = writeln!(
            t,
            "  {:<id_w$} {:>4} {:>6} {:>20}  name",
            "account", "tier", "kept", "satisfaction (kept)"
        );
        for (a, acc) in s.accounts.iter().enumerate() {
            let (kept, sat) = account_figures(g, a);
            let _ = writeln!(
                t,
                "  {:<id_w$} {:>4} {:>5.0}% {:>20.1}  {}",
                acc.id,
                format!("{:?}", acc.tier),
                kept * 100.0,
                sat,
                acc.name
            );
        }
        for set in identical(g) {
            let _ = writeln!(t, "note: {}", identical_text(&set));
        }
        let _ = writeln!(
            t,
            "\nTeaching points missed (trainees who missed it at least once, of those whose game assessed it):"
        );
        for (lesson, missed, assessed) in lessons_missed(g) {
            let _ = writeln!(
                t,
                "  {:>3} of {:<3} ({:>3.0}%)  {}",
                missed,
                assessed,
                100.0 * missed as f64 / assessed as f64,
                kam_sim::debrief::lesson_name(lesson, s.language)
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
        let (file, src) = kam_sim::bundled::SCENARIOS[0];
        let (prepared, _) = kam_sim::load::load_str(file, src).unwrap();
        let mut paths = Vec::new();
        // One seed, so the three are one group and one table.
        let players = [
            ("张伟明", "even"),
            ("Li", "random"),
            ("欧阳娜娜娜", "tier-norms"),
        ];
        for (i, (name, strategy)) in players.iter().enumerate() {
            let game = kam_sim::batch::play(&prepared, strategy, 1).unwrap();
            let result = kam_sim::record::record(&game, name);
            let path = dir.path().join(format!("{i}.ron"));
            kam_sim::record::write_atomic(&path, &result).unwrap();
            paths.push(path);
        }
        let text = super::text(&crate::report::build(&paths, &[]));
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
