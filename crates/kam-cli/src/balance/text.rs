//! The balance lab for the terminal (`kam balance`'s standard output): the verdict and its
//! checks, what each teaching point is worth, and the strategies' scores, accounts, events,
//! budget and teaching warnings as aligned columns.

use std::fmt::Write as _;

use kam_sim::ablation::{MIN_WORTH, Worth};

use super::{Balance, kind_text, pct, trigger_text};

/// The teaching points' worth as a terminal table.
fn worth_table(worth: &[Worth]) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "{:<16} {:>8} {:>8}  {:<9} teaching point",
        "ablation", "worth", "± 95 %", "kind"
    );
    for w in worth {
        let note = if !w.exercised {
            "  (nothing in this scenario exercises it)".to_owned()
        } else if w.worth < MIN_WORTH {
            format!("  WARNING: worth less than {MIN_WORTH:.0} points here")
        } else {
            String::new()
        };
        let _ = writeln!(
            t,
            "{:<16} {:>+8.2} {:>8.2}  {:<9} {}{note}",
            w.strategy,
            w.worth,
            w.interval,
            if w.bad_habit { "bad habit" } else { "taught" },
            w.teaching_point
        );
    }
    t
}

/// The terminal report.
pub fn text(b: &Balance) -> String {
    let lab = &b.lab;
    let s = &lab.prepared.scenario;
    let mut t = String::new();
    let _ = writeln!(
        t,
        "balance lab: `{}` ({}), {} games per strategy, seeds {}..={}, {:.1} s",
        s.id,
        s.title,
        lab.runs,
        lab.seed,
        lab.seed.wrapping_add(lab.runs - 1),
        b.seconds
    );
    let verdict = if b.rewards_skill() {
        "VERDICT: the scenario rewards skill".to_owned()
    } else {
        format!(
            "VERDICT: the scenario does NOT reward skill well ({} of {} checks fail)",
            b.checks.iter().filter(|c| !c.passed).count(),
            b.checks.len()
        )
    };
    let _ = writeln!(t, "\n{verdict}");
    for c in &b.checks {
        let _ = writeln!(
            t,
            "  [{}] {}: {}",
            if c.passed { "pass" } else { "FAIL" },
            c.name,
            c.detail
        );
    }

    let _ = writeln!(
        t,
        "\nWhat each teaching point is worth in this scenario: expert minus the expert without it (composite points, mean over the seeds)"
    );
    t.push_str(&worth_table(&b.worth));

    let _ = writeln!(
        t,
        "\nScores by strategy (composite, retention and satisfaction 0-100; profit in money)"
    );
    let summaries = super::summaries(lab);
    t.push_str(&crate::simulate::distribution_table(&summaries));

    let names: Vec<&str> = lab.strategies.iter().map(|r| r.strategy.as_str()).collect();
    let id_w = crate::account_id_width(s);
    let _ = writeln!(
        t,
        "\nAccounts: share of games in which each strategy kept the account"
    );
    let _ = write!(t, "{:<id_w$} tier", "account");
    for n in &names {
        let _ = write!(t, " {n:>10}");
    }
    let _ = writeln!(t, "  name");
    for (a, acc) in s.accounts.iter().enumerate() {
        let _ = write!(t, "{:<id_w$} {:>4}", acc.id, format!("{:?}", acc.tier));
        for run in &lab.strategies {
            let _ = write!(t, " {:>10}", pct(run.retained(a)));
        }
        let _ = writeln!(t, "  {}", acc.name);
    }

    let _ = writeln!(
        t,
        "\nEvents: share of games in which each fired, and how each strategy answered"
    );
    let _ = write!(t, "{:<30}", "");
    for n in &names {
        let _ = write!(t, " {n:>10}");
    }
    let _ = writeln!(t);
    for (e, ev) in s.events.iter().enumerate() {
        let _ = writeln!(
            t,
            "{} ({}; {}): {}",
            ev.id,
            kind_text(&ev.kind),
            trigger_text(&ev.trigger),
            ev.title
        );
        let _ = write!(t, "  {:<28}", "fired");
        for run in &lab.strategies {
            let _ = write!(t, " {:>10}", pct(run.fired(e)));
        }
        let _ = writeln!(t);
        let picks: Vec<Vec<u32>> = lab.strategies.iter().map(|r| r.picks(e)).collect();
        for (c, choice) in ev.choices.iter().enumerate() {
            let _ = write!(
                t,
                "  {:<28}",
                format!("answer {} ({:?})", c + 1, choice.verdict)
            );
            for p in &picks {
                let total: u32 = p.iter().sum();
                if total == 0 {
                    let _ = write!(t, " {:>10}", "-");
                } else {
                    let _ = write!(t, " {:>10}", pct(p[c] as f64 / total as f64));
                }
            }
            let _ = writeln!(t, "  {}", choice.label);
        }
    }

    let _ = writeln!(
        t,
        "\nBudget: mean share of the {} budget spent per turn, on resources and paid answers (answers can take it past 100%)",
        s.means.budget_per_turn
    );
    for run in &lab.strategies {
        let spend = run.spend();
        let mean = spend.iter().sum::<f64>() / spend.len().max(1) as f64;
        let turns: Vec<String> = spend.iter().map(|x| format!("{:.0}", x * 100.0)).collect();
        let _ = writeln!(
            t,
            "{:<11} mean {:>4}   by turn: {}",
            run.strategy,
            pct(mean),
            turns.join(" ")
        );
    }

    let _ = writeln!(t, "\nTeaching warnings: {}", b.warnings.len());
    for line in &b.located {
        let _ = writeln!(t, "  {line}");
    }
    t
}
