//! The class report as one self-contained HTML page (`kam report --out`, and the class
//! server's report), written with maud: trainees' names, file names, the class's title and
//! scenario text are escaped by construction. Every word on it is in the language asked for.

use maud::{Markup, html};

use kam_sim::LessonTally;
use kam_sim::words::{Lang, Metric};

use super::{
    ClassReport, Group, Say, distributions, identical, identical_text, metric, several_note, short,
};
use crate::html;
use crate::words::fill;

/// The HTML page in `lang`, headed by the class's `title` when there is one.
pub fn page(r: &ClassReport, lang: Lang, title: Option<&str>) -> String {
    let say = |key: Say, args: &[&dyn std::fmt::Display]| fill(key.t(lang), args);
    let counted: usize = r.groups.iter().map(|g| g.trainees.len()).sum();
    let report = match r.groups.as_slice() {
        [g] => say(Say::PageTitle, &[&g.prepared.scenario.title]),
        _ => Say::PageTitlePlain.t(lang).to_owned(),
    };
    let title = title.map(str::trim).filter(|t| !t.is_empty());
    // The class's title heads the page and leads the window's; the report's name follows.
    let window = match title {
        Some(title) => format!("{title} · {report}"),
        None => report.clone(),
    };
    let body = html! {
        @if let Some(title) = title {
            h1 { (title) }
            p class="sub" { b { (report) } }
        } @else {
            h1 { (report) }
        }
        p class="sub" {
            (say(Say::PageCounts, &[&(counted + r.flagged.len()), &counted, &r.flagged.len(), &r.groups.len()]))
        }
        @if let Some(note) = several_note(r, lang) {
            div class="verdict warn" { (note) }
        }
        @if !r.flagged.is_empty() {
            div class="card" style="border-color:#c8453b" {
                h3 style="color:#c8453b;margin-top:0" {
                    (say(Say::FlaggedCount, &[&r.flagged.len()]))
                }
                table {
                    tr {
                        th class="l" { (Say::File.t(lang)) }
                        th class="l" { (Say::Player.t(lang)) }
                        th class="l" { (Say::Reason.t(lang)) }
                    }
                    @for f in &r.flagged {
                        tr {
                            td class="l" { code { (f.file) } }
                            td class="l" { (f.player.as_deref().unwrap_or("—")) }
                            td class="l" { (f.reason.text(lang)) }
                        }
                    }
                }
            }
        }
        @for (i, g) in r.groups.iter().enumerate() {
            (group(r, i, g, lang))
        }
        p class="muted" {
            code { "kam report" } " · " (say(Say::Footer, &[&format!("{:.2}", r.seconds)]))
        }
    };
    html::page(&window, lang, body).into_string()
}

/// One group's section: its heading, the composite histogram and score distributions, the
/// leaderboard, the accounts and the teaching points missed.
fn group(r: &ClassReport, i: usize, g: &Group, lang: Lang) -> Markup {
    let say = |key: Say, args: &[&dyn std::fmt::Display]| fill(key.t(lang), args);
    let s = &g.prepared.scenario;
    let summary = g.summary();
    let composites: Vec<f64> = g.trainees.iter().map(|t| t.scores.composite).collect();
    let expert = kam_sim::words::strategy_name(lang, kam_sim::StrategyId::Expert.name());
    let expert_label = format!("{expert} {:.1}", g.expert.composite);
    let heads = [
        metric(lang, Metric::Composite),
        Say::Grade.t(lang).to_owned(),
        metric(lang, Metric::Retention),
        metric(lang, Metric::Profit),
        metric(lang, Metric::Satisfaction),
        Say::VsExpert.t(lang).to_owned(),
    ];
    html! {
        h2 {
            @if r.groups.len() > 1 {
                (say(Say::GroupHeading, &[&(i + 1), &r.groups.len(), &s.title]))
            } @else {
                (s.title)
            }
        }
        p class="sub" {
            code { (s.id) } " · " (Say::Version.t(lang)) " " code { (short(&g.hash)) } " · "
            (Say::Seed.t(lang)) " " (g.seed) " · " (say(Say::Trainees, &[&g.trainees.len()])) " · "
            (say(Say::ExpertOnSeed, &[&""]))
            b { (format!("{:.1}", g.expert.composite)) }
            (say(Say::GradeOf, &[&g.expert.grade]))
        }
        div class="grid" {
            div class="card" {
                h3 style="margin-top:0" {
                    (say(Say::CompositeScores, &[&Metric::Composite.name(lang)]))
                }
                (html::histogram(
                    &composites,
                    0.0,
                    100.0,
                    10,
                    "#3e9bcd",
                    Some((g.expert.composite, &expert_label)),
                ))
            }
            div class="card" {
                h3 style="margin-top:0" { (Say::ScoreDistributions.t(lang)) }
                table {
                    tr {
                        th class="l" { (Say::Score.t(lang)) } th { (Say::Mean.t(lang)) }
                        th { "p10" } th { "p50" } th { "p90" }
                    }
                    @for row in distributions(g, lang) {
                        @let p = if row.money { 0 } else { 1 };
                        @let d = &row.d;
                        tr {
                            td class="l" { (row.name) }
                            td { b { (format!("{:.p$}", d.mean)) } }
                            td { (format!("{:.p$}", d.p10)) }
                            td { (format!("{:.p$}", d.p50)) }
                            td { (format!("{:.p$}", d.p90)) }
                        }
                    }
                }
            }
        }
        @for set in identical(g) {
            p class="muted" {
                (say(Say::NoteSentence, &[&identical_text(&set, lang)]))
            }
        }
        div class="card" {
            h3 style="margin-top:0" { (Say::Leaderboard.t(lang)) }
            table {
                tr {
                    th { "#" } th class="l" { (Say::Player.t(lang)) }
                    @for h in &heads {
                        th { (h) }
                    }
                }
                @for (k, t) in g.trainees.iter().enumerate() {
                    @let sc = &t.scores;
                    @let gap = t.gap();
                    tr {
                        td { (k + 1) }
                        td class="l" { (t.shown_name(lang, &g.prepared)) }
                        td { b { (format!("{:.1}", sc.composite)) } }
                        td { span class=(format!("badge grade-{}", sc.grade)) { (sc.grade) } }
                        td { (format!("{:.1}", sc.retention)) }
                        td { (format!("{:.0}", sc.profit)) }
                        td { (format!("{:.1}", sc.satisfaction)) }
                        td style=(format!("color:{}", if gap >= 0.0 { "#2f9e5a" } else { "#c8453b" })) {
                            (kam_sim::words::signed(gap))
                        }
                    }
                }
            }
        }
        div class="grid" {
            div class="card" {
                h3 style="margin-top:0" { (Say::ByAccount.t(lang)) }
                table {
                    tr {
                        th class="l" { (Say::Account.t(lang)) } th class="l" { (Say::Tier.t(lang)) }
                        th { (Say::Kept.t(lang)) }
                        th { (say(Say::SatisfactionKept, &[&metric(lang, Metric::Satisfaction)])) }
                    }
                    @for (acc, tally) in s.accounts.iter().zip(&summary.accounts) {
                        @let sat = tally.mean_satisfaction;
                        tr {
                            td class="l" { (acc.name) }
                            td class="l nw" { (kam_sim::words::tier(lang, acc.tier)) }
                            (html::pct_cell(tally.kept_share(), "#2f9e5a"))
                            (html::bar_cell(sat / 100.0, "#3e9bcd", &format!("{sat:.1}")))
                        }
                    }
                }
            }
            div class="card" {
                h3 style="margin-top:0" { (Say::LessonsMissed.t(lang)) }
                p class="muted" { (Say::LessonsExplained.t(lang)) }
                table {
                    tr {
                        th class="l" { (Say::TeachingPoint.t(lang)) }
                        th { (Say::Missed.t(lang)) } th { (Say::Of.t(lang)) }
                    }
                    @for &LessonTally { lesson, missed, assessed } in &summary.lessons {
                        tr {
                            td class="l" { (kam_sim::words::lesson(lang, lesson)) }
                            (html::pct_cell(missed as f64 / assessed.max(1) as f64, "#c8453b"))
                            td { (missed) " / " (assessed) }
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
    fn trainee_names_and_scenario_text_are_escaped() {
        let (file, src) = kam_sim::BUNDLED_SCENARIOS[0];
        assert!(
            src.contains("name: \"Northwind Foods\""),
            "the tutorial changed"
        );
        let src = src.replacen(
            "name: \"Northwind Foods\"",
            "name: \"Northwind <b>&\\\"Foods\"",
            1,
        );
        let prepared = kam_sim::load_str(file, &src).unwrap().0;
        let game = kam_sim::play(&prepared, kam_sim::StrategyId::Even, 1).unwrap();
        let evil = "<script>alert(1)</script>";
        let records = vec![("evil.ron".to_owned(), kam_sim::record_game(&game, evil))];
        let report = crate::report::build_from_records(
            records,
            &[prepared],
            crate::report::Unfinished::Flag,
        );
        assert!(report.flagged.is_empty(), "{:?}", report.flagged);
        let page = super::page(&report, kam_sim::words::Lang::En, None);
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "the name is not shown escaped"
        );
        assert!(
            !page.contains("<script"),
            "a trainee's name became a script"
        );
        assert!(
            page.contains("Northwind &lt;b&gt;&amp;&quot;Foods"),
            "{page}"
        );
        assert!(!page.contains("<b>&"), "an account name became markup");
    }
}
