//! The balance lab as one self-contained HTML page (`kam balance --out`), written with maud:
//! the scenario's titles, names, answer labels and the warnings are escaped by construction.

use maud::{Markup, html};

use kam_sim::ablation::MIN_WORTH;
use kam_sim::batch::Distribution;
use kam_sim::scenario::Event;
use kam_sim::teaching::{self, StrategyRun};

use super::{Balance, kind_text, trigger_text};
use crate::html;

/// The HTML page.
pub fn page(b: &Balance) -> String {
    let lab = &b.lab;
    let s = &lab.prepared.scenario;
    let lang = match s.language {
        kam_sim::scenario::Language::Zh => "zh",
        kam_sim::scenario::Language::En => "en",
    };
    let (class, verdict) = if b.rewards_skill() && b.warnings.is_empty() {
        ("good", "The scenario rewards skill.".to_owned())
    } else if b.rewards_skill() {
        (
            "warn",
            format!(
                "The scenario rewards skill, with {} teaching warning(s).",
                b.warnings.len()
            ),
        )
    } else {
        (
            "bad",
            format!(
                "The scenario does not reward skill well: {} of {} checks fail.",
                b.checks.iter().filter(|c| !c.passed).count(),
                b.checks.len()
            ),
        )
    };
    let rows: Vec<(String, &'static str, Distribution)> = lab
        .strategies
        .iter()
        .map(|r| {
            (
                r.strategy.clone(),
                html::strategy_colour(&r.strategy),
                r.composite(),
            )
        })
        .collect();
    let body = html! {
        h1 { "Balance lab: " (s.title) }
        p class="sub" {
            code { (s.id) } " · " (b.file) " · " (lab.runs) " games per strategy, seeds "
            (lab.seed) "–" (lab.seed.wrapping_add(lab.runs - 1)) " · " (s.accounts.len())
            " accounts, " (s.turns) " turns, " (s.events.len()) " events, "
            (s.negotiations.len()) " negotiations"
        }
        div class=(format!("verdict {class}")) { (verdict) }
        div class="card" {
            table {
                tr {
                    th class="l" { "check" } th class="l" { "result" }
                    th class="l" { "figures and threshold" }
                }
                @for c in &b.checks {
                    @let result = if c.passed { "pass" } else { "fail" };
                    tr {
                        td class="l nw" { (c.name) }
                        td class="l" { span class=(format!("badge {result}")) { (result) } }
                        td class="l" { (c.detail) }
                    }
                }
            }
        }

        h2 { "What each teaching point is worth here" }
        div class="card" {
            p class="muted" {
                "The expert's mean composite minus that of the expert with one behaviour removed or replaced by the bad habit, over the same seeds, with its 95 % interval. Under 3 points the scenario barely teaches it."
            }
            table {
                tr {
                    th class="l" { "ablation" } th class="l" { "kind" }
                    th class="l" { "teaching point" } th { "worth" } th { "± 95 %" }
                    th class="l" { "note" }
                }
                @for w in &b.worth {
                    @let note = if !w.exercised {
                        "not exercised by this scenario"
                    } else if w.worth < MIN_WORTH {
                        "worth less than 3 points"
                    } else {
                        ""
                    };
                    tr {
                        td class="l nw" { (w.strategy) }
                        td class="l" { (if w.bad_habit { "bad habit" } else { "taught behaviour" }) }
                        td class="l" { (w.teaching_point) }
                        td { b { (format!("{:+.2}", w.worth)) } }
                        td { (format!("{:.2}", w.interval)) }
                        td class="l" { (note) }
                    }
                }
            }
        }

        h2 { "Composite score by strategy" }
        div class="card" {
            (html::range_chart(
                &rows,
                0.0,
                100.0,
                "composite score (bar p10–p90, tick median, dot mean)",
            ))
            table {
                tr {
                    th class="l" { "strategy" } th { "composite mean" } th { "p10" } th { "p50" }
                    th { "p90" } th { "retention mean" } th { "profit mean" } th { "profit p10" }
                    th { "profit p90" } th { "satisfaction mean" }
                }
                @for r in &lab.strategies {
                    @let c = r.composite();
                    @let ret = Distribution::of(r.games.iter().map(|g| g.scores.retention));
                    @let pr = Distribution::of(r.games.iter().map(|g| g.scores.profit));
                    @let sat = Distribution::of(r.games.iter().map(|g| g.scores.satisfaction));
                    tr {
                        td class="l" {
                            span class="badge" style=(format!("background:{}", html::strategy_colour(&r.strategy))) {
                                (r.strategy)
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

        h2 { "Accounts kept" }
        div class="card" {
            p class="muted" { "Share of games in which each strategy still had the account at the end." }
            table {
                tr {
                    th class="l" { "account" } th class="l" { "tier" }
                    @for r in &lab.strategies {
                        th { (r.strategy) }
                    }
                }
                @for (a, acc) in s.accounts.iter().enumerate() {
                    @let flagged = b.warnings.iter().any(|w| w.path == format!("accounts[{a}]"));
                    tr class=[flagged.then_some("flag")] {
                        td class="l" { (acc.name) " " span class="muted" { (acc.id) } }
                        td class="l" { (format!("{:?}", acc.tier)) }
                        @for r in &lab.strategies {
                            (html::pct_cell(r.retained(a), html::strategy_colour(&r.strategy)))
                        }
                    }
                }
            }
        }

        @if !s.events.is_empty() {
            h2 { "Events and answers" }
            p class="muted" {
                "How often each event fired (share of games), and how each strategy answered it: green good, amber neutral, red poor answers."
            }
            @for (e, ev) in s.events.iter().enumerate() {
                (event_card(&lab.strategies, e, ev))
            }
        }

        h2 { "Budget" }
        div class="card" {
            p class="muted" {
                "Mean share of the " (s.means.budget_per_turn)
                " budget spent in each turn (resources and paid answers)."
            }
            table {
                tr {
                    th class="l" { "strategy" } th { "mean" }
                    @for t in 1..=s.turns {
                        th { (t) }
                    }
                }
                @for r in &lab.strategies {
                    @let spend = r.spend();
                    @let mean = spend.iter().sum::<f64>() / spend.len().max(1) as f64;
                    @let colour = html::strategy_colour(&r.strategy);
                    tr {
                        td class="l" { (r.strategy) }
                        (html::pct_cell(mean, colour))
                        @for x in spend {
                            (html::pct_cell(x, colour))
                        }
                    }
                }
            }
        }

        h2 { "Teaching warnings (" (b.warnings.len()) ")" }
        div class="card" {
            @if b.located.is_empty() {
                p {
                    "None: every account can be kept, every event fires, the budget binds and every event poses a real choice."
                }
            } @else {
                ul class="warnings" {
                    @for line in &b.located {
                        li { code { (line) } }
                    }
                }
            }
        }
        p class="muted" {
            "Generated by " code { "kam balance" } " in " (format!("{:.1}", b.seconds))
            (format!(
                " s. Thresholds: expert ≥ random + {}, expert ≥ even + {}, expert beats random on ≥ {:.0}% of seeds, expert spread (p90 − p10) below the expert−random gap; accounts lost in ≥ {:.0}% of games by every strategy, events firing in < {:.0}% of games, budgets the expert spends < {:.0}% of every turn.",
                teaching::EXPERT_OVER_RANDOM,
                teaching::EXPERT_OVER_EVEN,
                teaching::EXPERT_BEATS_RANDOM_SHARE * 100.0,
                teaching::LOST_BY_ALL * 100.0,
                teaching::RARE_EVENT * 100.0,
                teaching::IDLE_BUDGET * 100.0
            ))
        }
    };
    html::page(&format!("Balance lab: {}", s.title), lang, body).into_string()
}

/// One event's card: its title, kind and trigger, the legend of its answers, and per strategy
/// how often it fired and how the strategy answered it.
fn event_card(strategies: &[StrategyRun], e: usize, ev: &Event) -> Markup {
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
                    code { (ev.id) } " · " (kind_text(&ev.kind)) " · " (trigger_text(&ev.trigger))
                }
            }
            (html::legend(&items))
            table {
                tr { th class="l" { "strategy" } th { "fired" } th class="l" { "answers" } }
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
                        .map(|(c, &n)| format!("{}: {:.0}%", c + 1, 100.0 * n as f64 / total as f64))
                        .collect();
                    tr {
                        td class="l" { (r.strategy) }
                        (html::pct_cell(r.fired(e), html::strategy_colour(&r.strategy)))
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
        let (file, src) = kam_sim::bundled::SCENARIOS[0];
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
        let prepared = kam_sim::load::load_str(file, &src).unwrap().0;
        let b = crate::balance::analyse(&prepared, file, Some(&src), 1, 2).unwrap();
        let page = super::page(&b);
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
