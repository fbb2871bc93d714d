//! The debrief's verdicts judge decisions, not dice (issue 18), over 200 seeds of every bundled
//! scenario and every scenario written for the model tests:
//!
//! - the `expert`, the role model, is told it missed a teaching point in at most 5 % of games;
//! - each ablation strategy is told it missed its own teaching point in at least 90 % of the
//!   games of a scenario that exercises it (`over-serve`: allocation or tiering;
//!   `spread-visits`: allocation; `random-pitch`: style; `worst-rumour`: rumours; `stop-gap`:
//!   repeated objections; `ignore-warnings`: warning signs; `concede` and `discount-all`:
//!   win-win).
//!
//! The table it prints is the one in docs/model.md ("Verdicts").

mod common;

use std::sync::Arc;

use kam_sim::Ablation;
use kam_sim::Prepared;
use kam_sim::scenario::Lesson;

const SEEDS: u64 = 200;

/// (scenario, strategy) pairs that do not meet their bar yet, with the figure in docs/model.md
/// ("Verdicts"). A listed gap that closes fails the test too, so the list stays true. Empty.
const KNOWN_GAPS: &[(&str, &str)] = &[];

/// The most games in which the expert may be told it missed any teaching point.
const EXPERT_MISSES_AT_MOST: f64 = 0.05;

/// The least share of games in which an ablation must be told it missed its own point.
const ABLATION_MISSES_AT_LEAST: f64 = 0.90;

fn scenarios() -> Vec<(String, Arc<Prepared>)> {
    common::bundled_and_model_scenarios()
}

/// The teaching points an ablation removes: missing any of them is missing its own.
fn own_lessons(ablation: &str) -> &'static [Lesson] {
    match ablation {
        "over-serve" => &[Lesson::Allocation, Lesson::Tiering],
        "spread-visits" => &[Lesson::Allocation],
        "random-pitch" | "stereotype-pitch" => &[Lesson::Style],
        "worst-rumour" => &[Lesson::Rumour],
        "stop-gap" => &[Lesson::Objection],
        "ignore-warnings" => &[Lesson::WarningSigns],
        "concede" | "discount-all" => &[Lesson::Negotiation],
        other => panic!("no teaching point named for ablation {other}"),
    }
}

/// Share of games in which `strategy` is told it missed any of `lessons` (any point at all
/// when `lessons` is empty), and the point missed most often.
fn missed(prepared: &Arc<Prepared>, strategy: &str, lessons: &[Lesson]) -> (f64, String) {
    let mut hits = 0;
    let mut counts: Vec<(Lesson, u32)> = Vec::new();
    for seed in 0..SEEDS {
        let game = kam_sim::play(prepared, strategy.parse().unwrap(), seed).unwrap();
        let missed: Vec<Lesson> = kam_sim::lessons_missed(&game)
            .into_iter()
            .filter(|(_, m)| *m)
            .map(|(l, _)| l)
            .collect();
        for &l in &missed {
            match counts.iter_mut().find(|(x, _)| *x == l) {
                Some(c) => c.1 += 1,
                None => counts.push((l, 1)),
            }
        }
        if missed
            .iter()
            .any(|l| lessons.is_empty() || lessons.contains(l))
        {
            hits += 1;
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let most = counts
        .iter()
        .take(2)
        .map(|(l, c)| format!("{l:?} {:.0}%", 100.0 * *c as f64 / SEEDS as f64))
        .collect::<Vec<_>>()
        .join(", ");
    (hits as f64 / SEEDS as f64, most)
}

#[test]
fn verdicts_praise_the_expert_and_name_each_ablations_habit() {
    let mut failures = Vec::new();
    let mut table = vec![format!(
        "| scenario | expert told it missed a point | {} |",
        Ablation::ALL
            .iter()
            .map(|a| a.name())
            .collect::<Vec<_>>()
            .join(" | ")
    )];
    for (name, prepared) in scenarios() {
        let (expert, most) = missed(&prepared, "expert", &[]);
        let known = KNOWN_GAPS.contains(&(name.as_str(), "expert"));
        if known && expert <= EXPERT_MISSES_AT_MOST {
            failures.push(format!(
                "{name}: the expert's gap closed: remove it from KNOWN_GAPS"
            ));
        }
        if expert > EXPERT_MISSES_AT_MOST && !known {
            failures.push(format!(
                "{name}: the expert is told it missed a point in {:.0}% of games ({most})",
                100.0 * expert
            ));
        }
        let mut row = vec![format!("{name}"), format!("{:.1}%", 100.0 * expert)];
        for ablation in Ablation::ALL {
            if !ablation.exercised(&prepared) {
                row.push("n/a".to_owned());
                continue;
            }
            let (share, most) = missed(&prepared, ablation.name(), own_lessons(ablation.name()));
            row.push(format!("{:.0}%", 100.0 * share));
            if share < ABLATION_MISSES_AT_LEAST {
                failures.push(format!(
                    "{name}: {} is told it missed its own point in only {:.0}% of games (most missed: {most})",
                    ablation.name(),
                    100.0 * share
                ));
            }
        }
        table.push(format!("| {} |", row.join(" | ")));
    }
    eprintln!("{}", table.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn classroom_en() -> Arc<Prepared> {
    common::bundled()
        .into_iter()
        .find(|(n, _)| n.contains("classroom_en"))
        .unwrap()
        .1
}

/// The playtest's careless game: every visit, every month, on Hongda (a B account that loses
/// money at its terms), each pitched to the person's style. The debrief says the allocation
/// was wrong and names Hongda; it does not blame the pitching, and "try next time" tells the
/// trainee to move the visits off Hongda.
#[test]
fn a_careless_game_on_one_loss_maker_misses_allocation_not_style() {
    use kam_sim::{AccountId, ApproachId, Decision, Game, MemberId, Plan, Visit};
    let prepared = classroom_en();
    let scenario = &prepared.scenario;
    let hongda = scenario
        .accounts
        .iter()
        .position(|a| a.id == "hongda")
        .unwrap();
    let mut game = Game::new(Arc::clone(&prepared), 5);
    let mut expert = kam_sim::StrategyId::Expert.build(5);
    while let Some(d) = kam_sim::next_decision(&game, expert.as_mut()) {
        let d = match d {
            Decision::Plan(_) if !game.accounts()[hongda].churned => {
                let people = &game.accounts()[hongda].people;
                let present: Vec<usize> =
                    (0..people.len()).filter(|&p| people[p].present).collect();
                let visits = (0..scenario.means.visits_per_turn as usize)
                    .map(|i| {
                        let p = present[i % present.len()];
                        let approach = (0..scenario.approaches.len())
                            .max_by(|&x, &y| {
                                kam_sim::model::fit(&scenario.approaches[x], &people[p].person)
                                    .total_cmp(&kam_sim::model::fit(
                                        &scenario.approaches[y],
                                        &people[p].person,
                                    ))
                            })
                            .unwrap();
                        Visit {
                            account: AccountId(hongda),
                            stakeholder: MemberId(p),
                            approach: ApproachId(approach),
                        }
                    })
                    .collect();
                Decision::Plan(Plan {
                    visits,
                    resources: Vec::new(),
                })
            }
            other => other,
        };
        game.decide(d).unwrap();
    }
    let lang = kam_sim::scenario::Language::En;
    let debrief = kam_sim::debrief_game(&game);
    let lesson = |l: Lesson| debrief.lessons.iter().find(|x| x.lesson == l).unwrap();
    let evidence = |l: Lesson| lesson(l).evidence.words(game.scenario(), lang);
    let allocation = lesson(Lesson::Allocation);
    assert!(!allocation.met, "{}", evidence(Lesson::Allocation));
    let allocation_words = evidence(Lesson::Allocation);
    assert!(
        allocation_words.contains("Hongda") && allocation_words.contains("loses money"),
        "{allocation_words}"
    );
    assert!(lesson(Lesson::Style).met, "{}", evidence(Lesson::Style));
    // No visit to any A account is no priority for them, even when the others got none too.
    let tiering = lesson(Lesson::Tiering);
    assert!(!tiering.met, "{}", evidence(Lesson::Tiering));
    // The A accounts left alone for months were likely lost by the month they went: chance
    // says the months before made it likely, not that luck was against the trainee.
    let draws = kam_sim::chance_draws(&game);
    let text = |d: &kam_sim::ChanceDraw| d.words(&game, lang);
    let neglected: Vec<_> = draws
        .iter()
        .filter(|d| d.account.index() != hongda && text(d).contains("defected"))
        .collect();
    assert!(!neglected.is_empty(), "{draws:?}");
    for d in &neglected {
        if d.odds >= 0.5 {
            assert_eq!(d.luck, kam_sim::Luck::AsExpected, "{}", text(d));
            assert!(text(d).contains("made it likely"), "{}", text(d));
        }
    }
    assert!(
        neglected.iter().any(|d| d.odds >= 0.5),
        "a neglected account's loss was likely by then: {neglected:?}"
    );
    let mistakes = kam_sim::costliest_mistakes(&game);
    let plans: Vec<_> = mistakes
        .iter()
        .filter(|m| m.better_plan.is_some())
        .collect();
    assert!(!plans.is_empty(), "{mistakes:?}");
    for m in plans {
        let text = m.words(game.scenario(), lang);
        assert_eq!(m.lesson, Lesson::Allocation, "{text}");
        assert!(text.contains("from Hongda"), "{text}");
    }
}

/// A deal lost at good odds is chance, not a missed point: the pipeline verdict stays met when
/// the work was done, and the draw is listed as luck against the trainee with its odds.
#[test]
fn a_likely_deal_lost_is_luck_not_a_missed_pipeline() {
    use kam_sim::Luck;
    let prepared = classroom_en();
    let lang = kam_sim::scenario::Language::En;
    let game = (0..400)
        .map(|seed| kam_sim::play(&prepared, kam_sim::StrategyId::Expert, seed).unwrap())
        .find(|g| {
            (0..g.accounts().len()).any(|a| {
                g.history(a)
                    .iter()
                    .flat_map(|r| &r.closes)
                    .any(|c| !c.won && c.chance >= 0.6)
            })
        })
        .expect("some seed loses a likely deal");
    let debrief = kam_sim::debrief_game(&game);
    let pipeline = debrief
        .lessons
        .iter()
        .find(|l| l.lesson == Lesson::Pipeline)
        .unwrap();
    assert!(
        pipeline.met,
        "{}",
        pipeline.evidence.words(game.scenario(), lang)
    );
    let against: Vec<_> = debrief
        .chance
        .iter()
        .map(|d| (d, d.words(&game, lang)))
        .filter(|(d, text)| d.luck == Luck::Against && text.contains("lost"))
        .collect();
    assert!(!against.is_empty(), "{:?}", debrief.chance);
    assert!(against[0].1.contains("a good position and a bad draw"));
}

/// The tutorial's briefing advises visits by the tier norms and working the pipeline: a
/// trainee who follows it (the norms, one more visit a month for the account with a deal in
/// its funnel, each person pitched to suit them) is not told they misallocated (a playtest
/// was, at 80 % against an 83 % bar, because the funnel counted for nothing).
#[test]
fn following_the_tutorials_advice_meets_the_allocation_point() {
    use kam_sim::{AccountId, ApproachId, Decision, Game, MemberId, Plan, Visit};
    let (file, src) = kam_sim::bundled_scenario("tutorial").unwrap();
    let (prepared, _) = kam_sim::load_str(file, src).unwrap();
    let scenario = &prepared.scenario;
    let funnel = scenario
        .accounts
        .iter()
        .position(|a| !a.opportunities.is_empty())
        .unwrap();
    let mut met = 0;
    let seeds = 20;
    for seed in 0..seeds {
        let mut game = Game::new(Arc::clone(&prepared), seed);
        let mut expert = kam_sim::StrategyId::Expert.build(seed);
        while let Some(d) = kam_sim::next_decision(&game, expert.as_mut()) {
            let d = match d {
                Decision::Plan(plan) => {
                    let mut visits = Vec::new();
                    for (a, state) in game.accounts().iter().enumerate() {
                        if state.churned {
                            continue;
                        }
                        let mut n = game.prepared().norms[a].round() as usize;
                        if a == funnel {
                            n += 1;
                        }
                        let present: Vec<usize> = (0..state.people.len())
                            .filter(|&p| state.people[p].present)
                            .collect();
                        for i in 0..n {
                            let p = present[i % present.len()];
                            let person = &state.people[p].person;
                            let approach = (0..scenario.approaches.len())
                                .max_by(|&x, &y| {
                                    kam_sim::model::fit(&scenario.approaches[x], person).total_cmp(
                                        &kam_sim::model::fit(&scenario.approaches[y], person),
                                    )
                                })
                                .unwrap();
                            visits.push(Visit {
                                account: AccountId(a),
                                stakeholder: MemberId(p),
                                approach: ApproachId(approach),
                            });
                        }
                    }
                    visits.truncate(scenario.means.visits_per_turn as usize);
                    Decision::Plan(Plan {
                        visits,
                        resources: plan.resources,
                    })
                }
                other => other,
            };
            game.decide(d).unwrap();
        }
        let debrief = kam_sim::debrief_game(&game);
        let allocation = debrief
            .lessons
            .iter()
            .find(|l| l.lesson == Lesson::Allocation)
            .unwrap();
        met += usize::from(allocation.met);
    }
    assert_eq!(met, seeds as usize, "the briefing's advice meets the point");
}
