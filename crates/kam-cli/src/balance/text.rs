//! The balance lab for the terminal (`kam balance`'s standard output): the verdict and its
//! checks, what each teaching point is worth, and the strategies' scores, accounts, events,
//! budget and teaching warnings as aligned columns (padded by display width, so Chinese
//! headings keep them). Strategies and accounts go by their ids here, as on the command line;
//! the page names them.

use std::fmt::Write as _;

use kam_sim::AblationKind;
use kam_sim::words::{self as names, Metric};
use kam_sim::{MIN_WORTH, TeachingWorth};

use super::{Balance, check_words, kind_text, pct, trigger_text, warning_line};
use crate::columns::{left, right};
use crate::words::balance::Say;
use crate::words::{Lang, fill};

/// A score's name inside a sentence: lower case in English.
fn metric(lang: Lang, m: Metric) -> String {
    match lang {
        Lang::Zh => m.name(lang).to_owned(),
        Lang::En => m.name(lang).to_lowercase(),
    }
}

/// The teaching points' worth as a terminal table.
fn worth_table(worth: &[TeachingWorth], lang: Lang) -> String {
    let kind = |bad: bool| {
        names::ablation_kind(
            lang,
            if bad {
                AblationKind::BadHabit
            } else {
                AblationKind::TaughtBehaviour
            },
        )
    };
    let kind_w = [false, true]
        .iter()
        .map(|&b| unicode_width::UnicodeWidthStr::width(kind(b)))
        .max()
        .unwrap_or(9);
    let mut t = String::new();
    let _ = writeln!(
        t,
        "{} {} {}  {} {}",
        left(Say::Ablation.t(lang), 16),
        right(Say::Worth.t(lang), 8),
        right("± 95 %", 8),
        left(Say::Kind.t(lang), kind_w),
        Say::TeachingPoint.t(lang)
    );
    for w in worth {
        let note = if !w.exercised {
            lang.pick(
                format!("（{}）", Say::NotExercised.t(lang)),
                format!("  ({})", Say::NotExercised.t(lang)),
            )
        } else if w.worth < MIN_WORTH {
            let min = format!("{MIN_WORTH:.0}");
            format!("  {}", fill(Say::WorthLittle.t(lang), &[&min]))
        } else {
            String::new()
        };
        let _ = writeln!(
            t,
            "{:<16} {:>+8.2} {:>8.2}  {} {}{note}",
            w.strategy,
            w.worth,
            w.interval,
            left(kind(w.bad_habit), kind_w),
            names::teaching_point(lang, w.strategy.name())
        );
    }
    t
}

/// The terminal report in `lang`.
pub fn text(b: &Balance, lang: Lang) -> String {
    let say = |key: Say, args: &[&dyn std::fmt::Display]| fill(key.t(lang), args);
    let lab = &b.lab;
    let s = &lab.prepared.scenario;
    let mut t = String::new();
    let _ = writeln!(
        t,
        "{}",
        say(
            Say::Heading,
            &[
                &s.id,
                &s.title,
                &lab.runs,
                &lab.seed,
                &lab.seed.wrapping_add(lab.runs - 1),
                &format!("{:.1}", b.seconds),
            ]
        )
    );
    let verdict = if b.rewards_skill() {
        Say::RewardsSkill.t(lang).to_owned()
    } else {
        let failed = b.checks.iter().filter(|c| !c.passed).count();
        say(Say::DoesNotReward, &[&failed, &b.checks.len()])
    };
    let _ = writeln!(t, "\n{verdict}");
    let colon = lang.pick("：", ": ");
    for c in &b.checks {
        let (name, detail) = check_words(c, lang);
        let mark = if c.passed { Say::Pass } else { Say::Fail };
        let _ = writeln!(t, "  [{}] {name}{colon}{detail}", mark.t(lang));
    }

    let _ = writeln!(t, "\n{}", Say::WorthHeading.t(lang));
    t.push_str(&worth_table(&b.worth, lang));

    let _ = writeln!(
        t,
        "\n{}",
        say(
            Say::ScoresHeading,
            &[
                &metric(lang, Metric::Composite),
                &metric(lang, Metric::Retention),
                &metric(lang, Metric::Satisfaction),
                &metric(lang, Metric::Profit),
            ]
        )
    );
    let summaries = super::summaries(lab);
    t.push_str(&crate::simulate::distribution_table_in(&summaries, lang));

    let heads: Vec<String> = lab
        .strategies
        .iter()
        .map(|r| right(r.strategy.name(), 10))
        .collect();
    let heads = heads.join(" ");
    let id_w =
        crate::account_id_width(s).max(unicode_width::UnicodeWidthStr::width(Say::Account.t(lang)));
    let _ = writeln!(t, "\n{}", Say::AccountsHeading.t(lang));
    let _ = writeln!(
        t,
        "{} {} {heads}  {}",
        left(Say::Account.t(lang), id_w),
        right(Say::Tier.t(lang), 4),
        Say::Name.t(lang)
    );
    for (a, acc) in s.accounts.iter().enumerate() {
        let _ = write!(
            t,
            "{} {:>4}",
            left(&acc.id, id_w),
            format!("{:?}", acc.tier)
        );
        for run in &lab.strategies {
            let _ = write!(t, " {:>10}", pct(run.retained(a)));
        }
        let _ = writeln!(t, "  {}", acc.name);
    }

    let _ = writeln!(t, "\n{}", Say::EventsHeading.t(lang));
    let _ = writeln!(t, "{:<30} {heads}", "");
    for (e, ev) in s.events.iter().enumerate() {
        let _ = writeln!(
            t,
            "{}",
            say(
                Say::EventLine,
                &[
                    &ev.id,
                    &kind_text(&ev.kind, lang),
                    &trigger_text(&ev.trigger, lang),
                    &ev.title
                ]
            )
        );
        let _ = write!(t, "  {}", left(Say::Fired.t(lang), 28));
        for run in &lab.strategies {
            let _ = write!(t, " {:>10}", pct(run.fired(e)));
        }
        let _ = writeln!(t);
        let picks: Vec<Vec<u32>> = lab.strategies.iter().map(|r| r.picks(e)).collect();
        for (c, choice) in ev.choices.iter().enumerate() {
            let answer = say(
                Say::AnswerN,
                &[&(c + 1), &names::verdict(lang, choice.verdict)],
            );
            let _ = write!(t, "  {}", left(&answer, 28));
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
        "\n{}",
        say(Say::BudgetHeading, &[&s.means.budget_per_turn])
    );
    for run in &lab.strategies {
        let spend = run.spend();
        let mean = spend.iter().sum::<f64>() / spend.len().max(1) as f64;
        let turns: Vec<String> = spend.iter().map(|x| format!("{:.0}", x * 100.0)).collect();
        let _ = writeln!(
            t,
            "{:<11} {} {:>4}   {} {}",
            run.strategy,
            Say::Mean.t(lang),
            pct(mean),
            Say::ByTurn.t(lang),
            turns.join(" ")
        );
    }

    let _ = writeln!(t, "\n{}", say(Say::WarningsHeading, &[&b.warnings.len()]));
    for (at, w) in b.located.iter().zip(&b.warnings) {
        let _ = writeln!(t, "  {}", warning_line(at, w, lang));
    }
    t
}
