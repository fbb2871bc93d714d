//! The balance lab as one self-contained HTML page (`kam balance --out`), written with maud:
//! the scenario's titles, names, answer labels and the warnings are escaped by construction.
//! Every word on it is in the language asked for; strategies go by their names, with the id
//! the command line takes beside them.

use maud::{Markup, html};

use kam_sim::AblationKind;
use kam_sim::Distribution;
use kam_sim::MIN_WORTH;
use kam_sim::StrategyRun;
use kam_sim::scenario::Event;
use kam_sim::words::{self as names, Counted, Metric, count, strategy_name};

use super::{Balance, check_words, kind_text, trigger_text, warning_line};
use crate::html;
use crate::words::balance::Say;
use crate::words::{Lang, fill};

/// A strategy's name, with its id in small type when the name is not the id.
fn strategy_label(lang: Lang, id: &str) -> Markup {
    let name = strategy_name(lang, id);
    html! {
        (name)
        @if name != id {
            " " span class="muted" { (id) }
        }
    }
}

/// The HTML page in `lang`.
pub fn page(b: &Balance, lang: Lang) -> String {
    let say = |key: Say, args: &[&dyn std::fmt::Display]| fill(key.t(lang), args);
    let lab = &b.lab;
    let s = &lab.prepared.scenario;
    let failed = b.checks.iter().filter(|c| !c.passed).count();
    let (class, verdict) = if b.rewards_skill() && b.warnings.is_empty() {
        ("good", Say::VerdictGood.t(lang).to_owned())
    } else if b.rewards_skill() {
        ("warn", say(Say::VerdictWarn, &[&b.warnings.len()]))
    } else {
        ("bad", say(Say::VerdictBad, &[&failed, &b.checks.len()]))
    };
    let rows: Vec<(String, &'static str, Distribution)> = lab
        .strategies
        .iter()
        .map(|r| {
            (
                strategy_name(lang, r.strategy.name()).to_owned(),
                html::strategy_colour(r.strategy),
                r.composite(),
            )
        })
        .collect();
    let composite = Metric::Composite.name(lang);
    let mean_of = |m: Metric| say(Say::MeanOf, &[&m.name(lang)]);
    let min_worth = format!("{MIN_WORTH:.0}");
    let title = say(Say::PageTitle, &[&s.title]);
    let body = html! {
        h1 { (title) }
        p class="sub" {
            code { (s.id) } " · " (b.file) " · "
            (say(Say::PageFacts, &[
                &lab.runs,
                &lab.seed,
                &lab.seed.wrapping_add(lab.runs - 1),
                &count(lang, s.accounts.len(), Counted::Account),
                &s.turns,
                &count(lang, s.events.len(), Counted::Event),
                &count(lang, s.negotiations.len(), Counted::Negotiation),
            ]))
        }
        div class=(format!("verdict {class}")) { (verdict) }
        div class="card" {
            table {
                tr {
                    th class="l" { (Say::Check.t(lang)) } th class="l" { (Say::Result.t(lang)) }
                    th class="l" { (Say::Figures.t(lang)) }
                }
                @for c in &b.checks {
                    @let (name, detail) = check_words(c, lang);
                    @let (class, result) = if c.passed {
                        ("pass", Say::Pass.t(lang))
                    } else {
                        ("fail", Say::FailShort.t(lang))
                    };
                    tr {
                        td class="l nw" { (name) }
                        td class="l nw" { span class=(format!("badge {class}")) { (result) } }
                        td class="l" { (detail) }
                    }
                }
            }
        }

        h2 { (Say::WorthHere.t(lang)) }
        div class="card" {
            p class="muted" { (say(Say::WorthExplained, &[&min_worth])) }
            table {
                tr {
                    th class="l" { (Say::Ablation.t(lang)) } th class="l" { (Say::Kind.t(lang)) }
                    th class="l" { (Say::TeachingPoint.t(lang)) } th { (Say::Worth.t(lang)) }
                    th { "± 95 %" }
                    th class="l" { (Say::Note.t(lang)) }
                }
                @for w in &b.worth {
                    @let note = if !w.exercised {
                        Say::NotExercisedShort.t(lang).to_owned()
                    } else if w.worth < MIN_WORTH {
                        say(Say::WorthLittleShort, &[&min_worth])
                    } else {
                        String::new()
                    };
                    @let kind = if w.bad_habit {
                        AblationKind::BadHabit
                    } else {
                        AblationKind::TaughtBehaviour
                    };
                    tr {
                        td class="l nw" { (strategy_label(lang, w.strategy.name())) }
                        td class="l nw" { (names::ablation_kind(lang, kind)) }
                        td class="l" { (names::teaching_point(lang, w.strategy.name())) }
                        td { b { (format!("{:+.2}", w.worth)) } }
                        td { (format!("{:.2}", w.interval)) }
                        td class="l" { (note) }
                    }
                }
            }
        }

        h2 { (say(Say::CompositeByStrategy, &[&composite])) }
        div class="card" {
            (html::range_chart(&rows, 0.0, 100.0, &say(Say::ChartAxis, &[&composite])))
            table {
                tr {
                    th class="l" { (Say::Strategy.t(lang)) } th { (mean_of(Metric::Composite)) }
                    th { "p10" } th { "p50" } th { "p90" } th { (mean_of(Metric::Retention)) }
                    th { (mean_of(Metric::Profit)) }
                    th { (Metric::Profit.name(lang)) " p10" } th { (Metric::Profit.name(lang)) " p90" }
                    th { (mean_of(Metric::Satisfaction)) }
                }
                @for r in &lab.strategies {
                    @let c = r.composite();
                    @let ret = Distribution::of(r.games.iter().map(|g| g.scores.retention));
                    @let pr = Distribution::of(r.games.iter().map(|g| g.scores.profit));
                    @let sat = Distribution::of(r.games.iter().map(|g| g.scores.satisfaction));
                    tr {
                        td class="l nw" {
                            span class="badge" style=(format!("background:{}", html::strategy_colour(r.strategy))) {
                                (strategy_name(lang, r.strategy.name()))
                            }
                            @if strategy_name(lang, r.strategy.name()) != r.strategy.name() {
                                " " span class="muted" { (r.strategy) }
                            }
                        }
                        td { b { (format!("{:.1}", c.mean)) } }
                        td { (format!("{:.1}", c.p10)) }
                        td { (format!("{:.1}", c.p50)) }
                        td { (format!("{:.1}", c.p90)) }
                        td { (format!("{:.1}", ret.mean)) }
                        td { (format!("{:.0}", pr.mean)) }
                        td { (format!("{:.0}", pr.p10)) }
                        td { (format!("{:.0}", pr.p90)) }
                        td { (format!("{:.1}", sat.mean)) }
                    }
                }
            }
        }

        h2 { (Say::AccountsKept.t(lang)) }
        div class="card" {
            p class="muted" { (Say::AccountsKeptExplained.t(lang)) }
            table {
                tr {
                    th class="l" { (Say::Account.t(lang)) } th class="l" { (Say::Tier.t(lang)) }
                    @for r in &lab.strategies {
                        th { (strategy_name(lang, r.strategy.name())) }
                    }
                }
                @for (a, acc) in s.accounts.iter().enumerate() {
                    @let flagged = b.warnings.iter().any(|w| w.path == format!("accounts[{a}]"));
                    tr class=[flagged.then_some("flag")] {
                        td class="l" { (acc.name) " " span class="muted" { (acc.id) } }
                        td class="l nw" { (names::tier(lang, acc.tier)) }
                        @for r in &lab.strategies {
                            (html::pct_cell(r.retained(a), html::strategy_colour(r.strategy)))
                        }
                    }
                }
            }
        }

        @if !s.events.is_empty() {
            h2 { (Say::EventsAndAnswers.t(lang)) }
            p class="muted" { (Say::EventsExplained.t(lang)) }
            @for (e, ev) in s.events.iter().enumerate() {
                (event_card(&lab.strategies, e, ev, lang))
            }
        }

        h2 { (Say::Budget.t(lang)) }
        div class="card" {
            p class="muted" { (say(Say::BudgetExplained, &[&s.means.budget_per_turn])) }
            table {
                tr {
                    th class="l" { (Say::Strategy.t(lang)) } th { (Say::Mean.t(lang)) }
                    @for t in 1..=s.turns {
                        th { (t) }
                    }
                }
                @for r in &lab.strategies {
                    @let spend = r.spend();
                    @let mean = spend.iter().sum::<f64>() / spend.len().max(1) as f64;
                    @let colour = html::strategy_colour(r.strategy);
                    tr {
                        td class="l nw" { (strategy_name(lang, r.strategy.name())) }
                        (html::pct_cell(mean, colour))
                        @for x in spend {
                            (html::pct_cell(x, colour))
                        }
                    }
                }
            }
        }

        h2 { (say(Say::WarningsCount, &[&b.warnings.len()])) }
        div class="card" {
            @if b.warnings.is_empty() {
                p { (Say::NoWarnings.t(lang)) }
            } @else {
                ul class="warnings" {
                    @for (at, w) in b.located.iter().zip(&b.warnings) {
                        li { code { (warning_line(at, w, lang)) } }
                    }
                }
            }
        }
        p class="muted" {
            code { "kam balance" } " · "
            (say(Say::Footer, &[
                &format!("{:.1}", b.seconds),
                &kam_sim::EXPERT_OVER_RANDOM,
                &kam_sim::EXPERT_OVER_EVEN,
                &format!("{:.0}", kam_sim::EXPERT_BEATS_RANDOM_SHARE * 100.0),
                &format!("{:.0}", kam_sim::LOST_BY_ALL * 100.0),
                &format!("{:.0}", kam_sim::RARE_EVENT * 100.0),
                &format!("{:.0}", kam_sim::IDLE_BUDGET * 100.0),
            ]))
        }
    };
    html::page(&title, lang, body).into_string()
}

/// One event's card: its title, kind and trigger, the legend of its answers, and per strategy
/// how often it fired and how the strategy answered it.
fn event_card(strategies: &[StrategyRun], e: usize, ev: &Event, lang: Lang) -> Markup {
    let legend: Vec<(String, &str)> = ev
        .choices
        .iter()
        .enumerate()
        .map(|(c, ch)| {
            (
                format!("{}. {}", c + 1, ch.label),
                html::verdict_colour(ch.verdict, c),
            )
        })
        .collect();
    let items: Vec<(&str, &str)> = legend.iter().map(|(l, c)| (l.as_str(), *c)).collect();
    html! {
        div class="card" {
            h3 {
                (ev.title) " "
                span class="muted" {
                    code { (ev.id) } " · " (kind_text(&ev.kind, lang)) " · " (trigger_text(&ev.trigger, lang))
                }
            }
            (html::legend(&items))
            table {
                tr {
                    th class="l" { (Say::Strategy.t(lang)) } th { (Say::Fired.t(lang)) }
                    th class="l" { (Say::Answers.t(lang)) }
                }
                @for r in strategies {
                    @let picks = r.picks(e);
                    @let total: u32 = picks.iter().sum();
                    @let segments: Vec<(f64, &str)> = picks
                        .iter()
                        .enumerate()
                        .map(|(c, &n)| {
                            (
                                if total > 0 { n as f64 / total as f64 } else { 0.0 },
                                html::verdict_colour(ev.choices[c].verdict, c),
                            )
                        })
                        .collect();
                    @let detail: Vec<String> = picks
                        .iter()
                        .enumerate()
                        .filter(|(_, n)| **n > 0)
                        .map(|(c, &n)| {
                            let colon = lang.pick("：", ": ");
                            format!("{}{colon}{:.0}%", c + 1, 100.0 * n as f64 / total as f64)
                        })
                        .collect();
                    tr {
                        td class="l nw" { (strategy_name(lang, r.strategy.name())) }
                        (html::pct_cell(r.fired(e), html::strategy_colour(r.strategy)))
                        td class="l" {
                            (html::stacked_bar(&segments, 360.0)) " "
                            span class="muted" { (detail.join(" · ")) }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn scenario_text_is_escaped() {
        let (file, src) = kam_sim::BUNDLED_SCENARIOS[0];
        let edits = [
            (
                "title: \"First steps: three accounts\"",
                "title: \"First steps <script>alert(1)</script>\"",
            ),
            (
                "name: \"Northwind Foods\"",
                "name: \"Northwind <b>&\\\"Foods\"",
            ),
            (
                "label: \"Laugh it off and change the subject\"",
                "label: \"Laugh it off </td><i>& change the subject\"",
            ),
        ];
        let mut src = src.to_owned();
        for (from, to) in edits {
            assert!(src.contains(from), "the tutorial changed: {from}");
            src = src.replacen(from, to, 1);
        }
        let prepared = kam_sim::load_str(file, &src).unwrap().0;
        let b = crate::balance::analyse(&prepared, file, Some(&src), 1, 2).unwrap();
        let page = super::page(&b, kam_sim::words::Lang::En);
        assert!(
            !page.contains("<script"),
            "a scenario title became a script"
        );
        assert!(
            page.contains(
                "<title>Balance lab: First steps &lt;script&gt;alert(1)&lt;/script&gt;</title>"
            ) && page.contains("<h1>Balance lab: First steps &lt;script&gt;"),
            "{page}"
        );
        assert!(
            page.contains("Northwind &lt;b&gt;&amp;&quot;Foods"),
            "{page}"
        );
        assert!(!page.contains("<b>&") && !page.contains("<i>&"), "{page}");
        assert!(
            page.contains("Laugh it off &lt;/td&gt;&lt;i&gt;&amp; change the subject"),
            "{page}"
        );
    }
}
