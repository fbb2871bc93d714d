//! The coach's hints in practice mode: when a plan breaks one of the courseware's teaching
//! points, a short hint names the lesson and says why, with the numbers of the trainee's own
//! game. Hints judge the plan on the table, never the seed's future draws, and say nothing
//! the dossier does not already show; the debrief still assesses the game as played.

use std::ops::ControlFlow;

use crate::engine::{Decision, Game, Plan, Visit};
use crate::model;
use crate::scenario::{BuyingRole, Language, Lesson, Tier};

#[derive(Debug, Clone, PartialEq)]
pub struct Hint {
    pub lesson: Lesson,
    pub account: usize,
    pub text: String,
}

/// The hints a plan earns, most important first (at most one per rule and account).
pub fn hints(game: &Game, plan: &Plan, lang: Language) -> Vec<Hint> {
    let scenario = game.scenario();
    let prepared = game.prepared();
    let mut out = Vec::new();
    for (a, def) in scenario.accounts.iter().enumerate() {
        let id = crate::AccountId(a);
        let state = &game.accounts()[a];
        if state.churned {
            continue;
        }
        let planned = plan.visits.iter().filter(|v| v.account == id).count() as f64;
        let norm = prepared.norms[a];
        let history = game.history(a);

        // A key account below its norm again: the courseware's scarce effort goes by value.
        if def.tier == Tier::A
            && planned + 1e-9 < norm.floor()
            && history
                .last()
                .is_some_and(|r| f64::from(r.visits) + 1e-9 < norm.floor())
        {
            out.push(Hint {
                lesson: Lesson::Allocation,
                account: a,
                text: lang.pick(format!(
                        "{}是 A 类客户：本月计划只安排了 {planned:.0} 次拜访，上月实际 {} 次，而它的标准是每月 {norm:.1} 次。关键客户连续得不到应有的精力就会降温、流失。",
                        def.name,
                        history.last().map_or(0, |r| r.visits)
                    ),
                    format!(
                        "{} is an A account: {planned:.0} visits planned this month, and last month it had {}, against a norm of {norm:.1}. A key account under-served twice running cools and defects.",
                        def.name,
                        history.last().map_or(0, |r| r.visits)
                    ),
                ),
            });
        }

        // A pitch that talks past the decision maker wastes the visit and costs support.
        let mismatched = plan.visits.iter().filter(|v| v.account == id).find(|v| {
            let person = &state.people[v.stakeholder].person;
            person.role == BuyingRole::DecisionMaker
                && scenario
                    .approaches
                    .get(v.approach.index())
                    .is_some_and(|p| model::fit(p, person) < model::SUPPORT_NEUTRAL_FIT)
        });
        let reading_people = !prepared.difficulty.shows_style_and_need();
        if let Some(v) = mismatched
            && reading_people
        {
            // Reading the people: the coach points at what the person said, never at the
            // answer, and only once a visit has shown how this pitch lands with them.
            if crate::reading::fit_seen(game, id, v.stakeholder, v.approach) {
                let person = &state.people[v.stakeholder].person;
                let pitch = &scenario.approaches[v.approach].name;
                let said = crate::reading::reactions(game, lang)
                    .into_iter()
                    .rev()
                    .find(|r| {
                        r.account == id
                            && r.stakeholder == v.stakeholder
                            && r.approach == v.approach
                    })
                    .map(|r| r.words)
                    .unwrap_or_default();
                out.push(Hint {
                    lesson: Lesson::Style,
                    account: a,
                    text: lang.pick(
                        format!(
                            "上次用“{pitch}”拜访{}的{}，对方说：「{said}」这说明对方喜欢怎样的沟通方式？再用同样的方式之前，先想一想。",
                            def.name, person.name
                        ),
                        format!(
                            "The last time you pitched \"{pitch}\" to {} at {}, they said: \"{said}\" What does that say about how they like to be spoken to? Think before using it again.",
                            person.name, def.name
                        ),
                    ),
                });
            }
        } else if let Some(v) = mismatched {
            let person = &state.people[v.stakeholder].person;
            let pitch = &scenario.approaches[v.approach].name;
            // The same words as the pitch-fit label: wasted only at the worst fit.
            let wasted = model::fit(&scenario.approaches[v.approach], person) <= model::WASTED_FIT;
            let (effect_zh, effect_en) = if wasted {
                ("拜访白费", "the visit is wasted")
            } else {
                ("拜访效果较差", "the visit does little")
            };
            out.push(Hint {
                lesson: Lesson::Style,
                account: a,
                text: lang.pick(format!(
                        "用“{pitch}”拜访{}的决策者{}：这种方式和对方的沟通风格不合，{effect_zh}，还会降低对方对你的支持。先看对方的风格和需求，再选方式。",
                        def.name, person.name
                    ),
                    format!(
                        "\"{pitch}\" for {}, the decision maker at {}: it does not suit their style, so {effect_en} and costs their support. Read their style and need first, then choose the pitch.",
                        person.name, def.name
                    ),
                ),
            });
        }

        // A discount to an account that already loses money only deepens the loss.
        let losing = history.len() >= 2 && history.iter().all(|r| r.profit.total() < 0.0);
        // The months behind the hint are past months, and the hint says so with last
        // month's figure: a hint read as this month's plan's doing would be a false accusation.
        let last_profit = history.last().map_or(0.0, |r| r.profit.total());
        let discounted = plan.resources.iter().any(|r| {
            r.account == id
                && scenario
                    .means
                    .resources
                    .get(r.resource.index())
                    .is_some_and(|res| res.margin < 0.0)
        });
        if losing && discounted {
            out.push(Hint {
                lesson: Lesson::Tiering,
                account: a,
                text: lang.pick(format!(
                        "{}到上月为止每个月都在亏钱（上月利润 {last_profit:.1}），再给折扣只会亏得更多：用忠诚度去“买”一个压价客户，代价由利润来付。",
                        def.name
                    ),
                    format!(
                        "{} has lost money every month so far (last month's profit: {last_profit:.1}); a discount only deepens the loss. Buying a margin squeezer's loyalty is paid for out of profit.",
                        def.name
                    ),
                ),
            });
        } else if losing && planned > norm.max(1.0) {
            out.push(loss_maker_hint(def, a, planned, norm, last_profit, lang));
        } else if history.is_empty() && game.profit_rate(id) < 0.0 && planned > norm.max(1.0) {
            // The first month has no past months to point at, but the terms on the dossier
            // already say the account loses money.
            let rate = game.profit_rate(id);
            out.push(Hint {
                lesson: Lesson::Tiering,
                account: a,
                text: lang.pick(
                    format!(
                        "按现在的价格和服务成本，{}每月亏损约 {:.1}，本月你却安排了 {planned:.0} 次拜访（标准 {norm:.1}）。精力有限：先看客户的利润，再决定投入。",
                        def.name, -rate
                    ),
                    format!(
                        "At its price and cost to serve, {} loses about {:.1} a month, yet {planned:.0} visits are planned this month (norm {norm:.1}). Effort is scarce: look at what an account earns before spending it there.",
                        def.name, -rate
                    ),
                ),
            });
        }
    }
    out
}

/// The hint for visits piled on an account that has lost money every month so far.
fn loss_maker_hint(
    def: &crate::scenario::Account,
    a: usize,
    planned: f64,
    norm: f64,
    last_profit: f64,
    lang: Language,
) -> Hint {
    Hint {
                lesson: Lesson::Tiering,
                account: a,
                text: lang.pick(format!(
                        "{}到上月为止每个月都在亏钱（上月利润 {last_profit:.1}），本月你却安排了 {planned:.0} 次拜访（标准 {norm:.1}）。精力有限：先看客户的利润，再决定投入。",
                        def.name
                    ),
                    format!(
                        "{} has lost money every month so far (last month's profit: {last_profit:.1}), yet {planned:.0} visits are planned this month (norm {norm:.1}). Effort is scarce: look at what an account earns before spending it there.",
                        def.name
                    ),
                ),
    }
}

/// The hint for an objection on screen that has come back unsolved: a stop-gap will bring it
/// back again, costlier each time.
pub fn objection_hint(game: &Game, event: usize, account: usize, lang: Language) -> Option<Hint> {
    let def = game.scenario().events.get(event)?;
    let fired = game.times_fired(crate::EventId(event), crate::AccountId(account));
    if def.kind != crate::scenario::EventKind::Objection
        || fired < 2
        || game.is_resolved(crate::EventId(event), crate::AccountId(account))
    {
        return None;
    }
    let name = &game.scenario().accounts.get(account)?.name;
    Some(Hint {
        lesson: Lesson::Objection,
        account,
        text: lang.pick(format!(
                "这个异议已经是第 {fired} 次出现了。反复出现的异议正是{name}最看重的事：临时应付只会让它再来，而且一次比一次代价大。"
            ),
            format!(
                "This objection has now come up {fired} times. What a customer raises again and again is what {name} values most: a stop-gap brings it back, costlier each time."
            ),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Decision, Visit};
    use std::sync::Arc;

    fn classroom() -> Game {
        let prepared = crate::bundled::prepared("classroom_en").unwrap();
        Game::new(Arc::clone(&prepared), 7)
    }

    #[test]
    fn an_a_account_under_served_twice_earns_an_allocation_hint() {
        let mut game = classroom();
        let a = (0..game.accounts().len())
            .find(|a| game.scenario().accounts[*a].tier == Tier::A)
            .unwrap();
        let empty = Plan::default();
        assert!(
            hints(&game, &empty, Language::En)
                .iter()
                .all(|h| h.lesson != Lesson::Allocation),
            "no history yet: no hint"
        );
        game.decide(Decision::Plan(Plan::default())).unwrap();
        while game.pending().is_some() {
            let d = match game.pending() {
                Some(crate::engine::Pending::Event { .. }) => Decision::Choose(0),
                _ => Decision::WalkAway,
            };
            game.decide(d).unwrap();
        }
        let found = hints(&game, &empty, Language::En);
        let hint = found
            .iter()
            .find(|h| h.lesson == Lesson::Allocation && h.account == a)
            .expect("an allocation hint");
        assert!(hint.text.contains("norm"), "{}", hint.text);
        // Visiting it to its norm takes the hint away.
        let norm = game.prepared().norms[a].floor() as usize;
        let plan = Plan {
            visits: (0..norm)
                .map(|i| Visit {
                    account: crate::AccountId(a),
                    stakeholder: crate::MemberId(i % game.accounts()[a].people.len()),
                    approach: crate::ApproachId(0),
                })
                .collect(),
            resources: vec![],
        };
        assert!(
            hints(&game, &plan, Language::En)
                .iter()
                .all(|h| !(h.lesson == Lesson::Allocation && h.account == a))
        );
    }

    /// The first month has no history, but an account whose terms lose money is on the
    /// dossier already: piling visits on it earns the hint in month 1 too.
    #[test]
    fn visits_piled_on_a_loss_maker_in_the_first_month_earn_a_hint() {
        let game = classroom();
        let a = (0..game.accounts().len())
            .find(|&a| game.profit_rate(crate::AccountId(a)) < 0.0)
            .expect("the classroom has an account that loses money at its terms");
        let norm = game.prepared().norms[a];
        let people = game.accounts()[a].people.len();
        let heavy = Plan {
            visits: (0..(norm.max(1.0) as usize + 3))
                .map(|i| Visit {
                    account: crate::AccountId(a),
                    stakeholder: crate::MemberId(i % people),
                    approach: crate::ApproachId(0),
                })
                .collect(),
            resources: vec![],
        };
        let found = hints(&game, &heavy, Language::En);
        let hint = found
            .iter()
            .find(|h| h.lesson == Lesson::Tiering && h.account == a)
            .unwrap_or_else(|| panic!("a loss-maker hint in month 1: {found:?}"));
        assert!(hint.text.contains("loses about"), "{}", hint.text);
        // At its norm, no hint.
        let light = Plan {
            visits: heavy.visits[..norm.max(1.0) as usize].to_vec(),
            resources: vec![],
        };
        assert!(
            hints(&game, &light, Language::En)
                .iter()
                .all(|h| !(h.lesson == Lesson::Tiering && h.account == a))
        );
    }

    /// The hint about an account that has lost money every month speaks of past months and
    /// says so, with last month's figure: read as the plan's doing, it was a false accusation.
    #[test]
    fn a_loss_makers_hint_says_its_losses_are_past_months() {
        let mut game = classroom();
        let mut even = crate::strategy::StrategyId::Even.build(7);
        let loser = loop {
            let month = game.turn();
            while game.turn() == month {
                let d = crate::strategy::next_decision(&game, even.as_mut()).unwrap();
                game.decide(d).unwrap();
            }
            if let Some((a, ..)) = money_losers(&game).first() {
                break *a;
            }
            assert!(game.turn() <= 4, "no account lost money every month");
        };
        let norm = game.prepared().norms[loser].max(1.0).ceil() as usize;
        let people = game.accounts()[loser].people.len();
        let plan = Plan {
            visits: (0..norm + 1)
                .map(|i| Visit {
                    account: crate::AccountId(loser),
                    stakeholder: crate::MemberId(i % people),
                    approach: crate::ApproachId(0),
                })
                .collect(),
            resources: vec![],
        };
        let last = game.history(loser).last().unwrap().profit.total();
        for (lang, words) in [(Language::En, "last month"), (Language::Zh, "上月")] {
            let hint = hints(&game, &plan, lang)
                .into_iter()
                .find(|h| h.lesson == Lesson::Tiering && h.account == loser)
                .expect("a hint about the loss-maker");
            assert!(hint.text.contains(words), "{}", hint.text);
            assert!(hint.text.contains(&format!("{last:.1}")), "{}", hint.text);
        }
    }

    #[test]
    fn a_pitch_that_talks_past_the_decision_maker_earns_a_style_hint() {
        let classroom = classroom();
        let game = Game::new(
            classroom
                .prepared()
                .at_difficulty(crate::scenario::Difficulty::Easy),
            7,
        );
        let scenario = game.scenario();
        let (a, p, approach) = (0..game.accounts().len())
            .flat_map(|a| {
                game.accounts()[a]
                    .people
                    .iter()
                    .enumerate()
                    .map(move |(p, person)| (a, p, person))
            })
            .filter(|(_, _, person)| person.person.role == BuyingRole::DecisionMaker)
            .find_map(|(a, p, person)| {
                scenario
                    .approaches
                    .iter()
                    .position(|x| model::fit(x, &person.person) < model::SUPPORT_NEUTRAL_FIT)
                    .map(|approach| (a, p, approach))
            })
            .expect("a decision maker some pitch does not suit");
        let plan = Plan {
            visits: vec![Visit {
                account: crate::AccountId(a),
                stakeholder: crate::MemberId(p),
                approach: crate::ApproachId(approach),
            }],
            resources: vec![],
        };
        let found = hints(&game, &plan, Language::Zh);
        assert!(
            found
                .iter()
                .any(|h| h.lesson == Lesson::Style && h.account == a),
            "{found:?}"
        );

        // Reading the people: no hint before a visit has shown how the pitch lands (the hint
        // would give the answer away); after one, the hint quotes what the person said.
        let mut normal = Game::new(
            game.prepared()
                .at_difficulty(crate::scenario::Difficulty::Normal),
            7,
        );
        let style_hint = |g: &Game| {
            hints(g, &plan, Language::En)
                .into_iter()
                .find(|h| h.lesson == Lesson::Style && h.account == a)
        };
        assert_eq!(style_hint(&normal), None);
        normal.decide(Decision::Plan(plan.clone())).unwrap();
        while normal.pending().is_some() {
            let d = match normal.pending() {
                Some(crate::engine::Pending::Event { .. }) => Decision::Choose(0),
                _ => Decision::WalkAway,
            };
            normal.decide(d).unwrap();
        }
        let said = crate::reading::reactions(&normal, Language::En)[0]
            .words
            .clone();
        let hint = style_hint(&normal).expect("a hint once the pitch was seen");
        assert!(hint.text.contains(&said), "{}", hint.text);
        for word in ["analytical", "sequential", "interpersonal", "imaginative"] {
            assert!(!hint.text.contains(word), "never the answer: {}", hint.text);
        }
    }
}

/// A decision that cost the trainee points, measured by playing the game again with a better
/// one in its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Mistake {
    /// The month it was made in (a what-if can start there).
    pub month: u32,
    pub lesson: Lesson,
    pub text: String,
    /// Composite points the better decision would have gained.
    pub points: f64,
    /// The better plan, when the mistake was a month's plan: the one valued above, to be
    /// shown and tried in a what-if from that month.
    pub better_plan: Option<Plan>,
}

/// The share of a plan's visits pitched to suit the person visited ([`model::GOOD_FIT`]).
#[cfg(test)]
fn pitched_to_style(game: &Game, plan: &Plan) -> f64 {
    if plan.visits.is_empty() {
        return 0.0;
    }
    let scenario = game.scenario();
    let suited = plan
        .visits
        .iter()
        .filter(|v| {
            game.accounts()
                .get(v.account.index())
                .and_then(|a| a.people.get(v.stakeholder.index()))
                .zip(scenario.approaches.get(v.approach.index()))
                .is_some_and(|(p, approach)| model::fit(approach, &p.person) >= model::GOOD_FIT)
        })
        .count();
    suited as f64 / plan.visits.len() as f64
}

/// `better`'s visits (where the effort goes), each pitched as the trainee pitched that person in
/// `mine` or, for a person they did not visit, with the approach they used most; `mine`'s
/// resources. The better plan's allocation alone.
fn with_pitches_of(game: &Game, better: &Plan, mine: &Plan) -> Plan {
    let approaches = game.scenario().approaches.len();
    let mut used = vec![0u32; approaches];
    for v in &mine.visits {
        if let Some(x) = used.get_mut(v.approach.index()) {
            *x += 1;
        }
    }
    let habit = (0..approaches)
        .map(crate::ApproachId)
        .max_by_key(|&k| used[k]);
    let visits = better
        .visits
        .iter()
        .map(|v| {
            let approach = mine
                .visits
                .iter()
                .find(|m| m.account == v.account && m.stakeholder == v.stakeholder)
                .map(|m| m.approach)
                .or(habit.filter(|_| !mine.visits.is_empty()))
                .unwrap_or(v.approach);
            Visit { approach, ..*v }
        })
        .collect();
    Plan {
        visits,
        resources: mine.resources.clone(),
    }
}

/// `mine`'s visits, each pitched with the approach that suits the person best
/// ([`model::fit`]). The better pitches alone.
fn best_pitched(game: &Game, mine: &Plan) -> Plan {
    let approaches = &game.scenario().approaches;
    let visits = mine
        .visits
        .iter()
        .map(|v| {
            let best = game
                .accounts()
                .get(v.account.index())
                .and_then(|a| a.people.get(v.stakeholder.index()))
                .and_then(|p| model::best_approach(approaches, &p.person))
                .unwrap_or(v.approach);
            Visit {
                approach: best,
                ..*v
            }
        })
        .collect();
    Plan {
        visits,
        resources: mine.resources.clone(),
    }
}

/// Where the visits should move, in words: "move 21 visits from Hongda to Huaxing, Dongyue and
/// Jiangnan".
fn visit_moves(game: &Game, mine: &Plan, better: &Plan, lang: Language) -> String {
    let n = game.accounts().len();
    let count = |p: &Plan| {
        let mut c = vec![0i64; n];
        for v in &p.visits {
            if let Some(x) = c.get_mut(v.account.index()) {
                *x += 1;
            }
        }
        c
    };
    let (a, b) = (count(mine), count(better));
    let name = |i: usize| game.scenario().accounts[i].name.as_str();
    let mut from: Vec<usize> = (0..n).filter(|&i| a[i] > b[i]).collect();
    let mut to: Vec<usize> = (0..n).filter(|&i| b[i] > a[i]).collect();
    from.sort_by_key(|&i| std::cmp::Reverse(a[i] - b[i]));
    to.sort_by_key(|&i| std::cmp::Reverse(b[i] - a[i]));
    let moved: i64 = from.iter().map(|&i| a[i] - b[i]).sum();
    let list = |set: &[usize]| {
        let names: Vec<String> = set
            .iter()
            .take(3)
            .map(|&i| {
                let d = (a[i] - b[i]).abs();
                lang.pick(
                    format!("{}（{d} 次）", name(i)),
                    format!("{} ({d})", name(i)),
                )
            })
            .collect();
        names.join(lang.pick("、", ", "))
    };
    let unused = to.iter().map(|&i| b[i] - a[i]).sum::<i64>() - moved;
    // Visits the better plan adds beyond the trainee's total were left unused: say so, rather
    // than read them as moved.
    let use_unused = lang.pick(
        format!("用上你没排的 {unused} 次拜访"),
        format!("use the {unused} visits you left unplanned"),
    );
    match (from.is_empty(), to.is_empty()) {
        (false, false) if unused > 0 => lang.pick(
            format!(
                "{use_unused}，并把 {moved} 次拜访从 {} 移走，多拜访 {}",
                list(&from),
                list(&to)
            ),
            format!(
                "{use_unused} and move {moved} away from {}, visiting {} more",
                list(&from),
                list(&to)
            ),
        ),
        (false, false) => lang.pick(
            format!("把 {moved} 次拜访从 {} 移到 {}", list(&from), list(&to)),
            format!("move {moved} visits from {} to {}", list(&from), list(&to)),
        ),
        (true, false) => lang.pick(
            format!("{use_unused}，给 {}", list(&to)),
            format!("{use_unused} on {}", list(&to)),
        ),
        (false, true) => lang.pick(
            format!("少拜访 {}", list(&from)),
            format!("visit {} less", list(&from)),
        ),
        (true, true) => lang.pick(
            "同样的客户，换成专家拜访的人".to_owned(),
            "the same accounts, but the people the expert visits".to_owned(),
        ),
    }
}

/// Whether two plans send their visits to different people (pitches aside).
fn moves_differ(mine: &Plan, better: &Plan) -> bool {
    let people = |p: &Plan| {
        let mut v: Vec<_> = p
            .visits
            .iter()
            .map(|v| (v.account, v.stakeholder))
            .collect();
        v.sort_unstable();
        v
    };
    people(mine) != people(better)
}

/// What a plan buys, in words: "spending the budget on Technical support day for Huaxing ×2,
/// …", or "buying nothing this month".
fn spending(game: &Game, plan: &Plan, lang: Language) -> String {
    let scenario = game.scenario();
    // One line per account and resource, its units summed (a plan may list one twice).
    let mut bought: Vec<(usize, usize, u32)> = Vec::new();
    for r in &plan.resources {
        match bought
            .iter_mut()
            .find(|(a, k, _)| *a == r.account.index() && *k == r.resource.index())
        {
            Some(line) => line.2 += r.units,
            None => bought.push((r.account.index(), r.resource.index(), r.units)),
        }
    }
    let items: Vec<String> = bought
        .iter()
        .filter_map(|&(a, k, units)| {
            let account = scenario.accounts.get(a)?;
            let resource = scenario.means.resources.get(k)?;
            Some(lang.pick(
                format!("{}的{}×{units}", account.name, resource.name),
                format!("{} for {} ×{units}", resource.name, account.name),
            ))
        })
        .collect();
    if items.is_empty() {
        lang.pick("这个月不买任何资源", "buying nothing this month")
            .to_owned()
    } else {
        lang.pick(
            format!("把预算用在{}", items.join("、")),
            format!("spending the budget on {}", items.join(", ")),
        )
    }
}

/// The least share of the whole better plan's gain one part of it must reach, alone, to be
/// named as the mistake; below it the parts only gain together and the card names them all.
const WHOLE_PLAN_SHARE: f64 = 0.5;

/// A part's gain tried alone, in words: "+0.8", or "no change" when the part is the same.
fn alone(gain: f64, lang: Language) -> String {
    if gain.is_finite() {
        crate::words::signed(gain)
    } else {
        lang.pick("不变", "unchanged").to_owned()
    }
}

/// The composite the game reaches when decision `at` is `instead` and the expert plays the
/// rest. Both a trainee's decision and its alternative are valued this way, so neither is
/// flattered by who plays the months after it (keeping the trainee's later moves where they
/// still apply would hand every alternative to the expert the moment they stop applying).
fn value_of(game: &Game, at: usize, instead: Decision) -> Option<f64> {
    let mut replay = Game::replay(
        std::sync::Arc::clone(game.prepared()),
        game.seed(),
        &game.log()[..at],
    )
    .ok()?;
    replay.decide(instead).ok()?;
    let mut expert = crate::strategy::StrategyId::Expert.build(game.seed());
    crate::strategy::play_out(&mut replay, expert.as_mut()).ok()?;
    Some(crate::score::score(&replay).composite)
}

/// The three decisions that cost the most points, each with its teaching point: every event
/// answer against the courseware's better answers, every month's plan against the expert's,
/// each valued by the expert playing the rest of the game.
pub fn costliest_mistakes(game: &Game, lang: Language) -> Vec<Mistake> {
    let scenario = game.scenario();
    let mut expert = crate::strategy::StrategyId::Expert.build(game.seed());
    let mut found = Vec::new();
    crate::record::walk_log(game, |i, decision, replay| {
        let month = replay.turn();
        match (decision, replay.pending().cloned()) {
            (Decision::Choose(c), Some(crate::engine::Pending::Event { event, account, .. })) => {
                let def = &scenario.events[event];
                // Only answers the courseware rates higher are offered as the better one: a
                // hint must never teach the wrong habit, whatever a replay says.
                let rank = |v: crate::scenario::Verdict| match v {
                    crate::scenario::Verdict::Good => 2,
                    crate::scenario::Verdict::Neutral => 1,
                    crate::scenario::Verdict::Poor => 0,
                };
                let chosen = rank(def.choices[*c].verdict);
                let actual = if chosen < 2 {
                    value_of(game, i, decision.clone())
                } else {
                    None
                };
                let best = actual.and_then(|_| {
                    (0..def.choices.len())
                        .filter(|k| rank(def.choices[*k].verdict) > chosen)
                        .filter_map(|k| value_of(game, i, Decision::Choose(k)).map(|v| (k, v)))
                        .max_by(|x, y| x.1.total_cmp(&y.1))
                });
                if let (Some(actual), Some((k, value))) = (actual, best)
                    && value > actual + 0.05
                {
                    found.push(Mistake {
                        month,
                        lesson: def.lesson.unwrap_or(Lesson::Rumour),
                        text: lang.pick(
                            format!(
                                "第 {month} 月，{}：你选择了“{}”；“{}”会多得 {:.1} 分。",
                                scenario.accounts[account].name,
                                def.choices[*c].label,
                                def.choices[k].label,
                                value - actual
                            ),
                            format!(
                                "Month {month}, {}: you answered \"{}\"; \"{}\" would have gained {:.1} points.",
                                scenario.accounts[account].name,
                                def.choices[*c].label,
                                def.choices[k].label,
                                value - actual
                            ),
                        ),
                        points: value - actual,
                        better_plan: None,
                    });
                }
            }
            (Decision::Plan(mine), None) => {
                let plan = expert.plan(replay);
                if let (Some(actual), Some(value)) = (
                    value_of(game, i, decision.clone()),
                    value_of(game, i, Decision::Plan(plan.clone())),
                ) && value > actual + 0.05
                {
                    // Named by the part of the better plan that gains most, each part tried
                    // alone by replay: its allocation with the trainee's pitches, and the
                    // trainee's allocation with pitches suited to each person.
                    let where_alone = with_pitches_of(replay, &plan, mine);
                    let how_alone = best_pitched(replay, mine);
                    let how_alone_differs = how_alone.visits != mine.visits;
                    let gain = |p: Plan| {
                        value_of(game, i, Decision::Plan(p))
                            .map_or(f64::NEG_INFINITY, |v| v - actual)
                    };
                    let (by_allocation, by_pitch) = (gain(where_alone), gain(how_alone));
                    // The budget's part: the trainee's visits with the better plan's spending.
                    let by_budget = if plan.resources == mine.resources {
                        f64::NEG_INFINITY
                    } else {
                        gain(Plan {
                            visits: mine.visits.clone(),
                            resources: plan.resources.clone(),
                        })
                    };
                    let points = value - actual;
                    let moves = visit_moves(replay, mine, &plan, lang);
                    let spending = spending(replay, &plan, lang);
                    let part = by_allocation.max(by_pitch).max(by_budget);
                    // A part named alone must carry most of the gain, or the card would put a
                    // small number's words beside a large one: then it names the whole plan.
                    let named = if part >= WHOLE_PLAN_SHARE * points {
                        if by_pitch == part {
                            Some(Lesson::Style)
                        } else if by_allocation == part {
                            Some(Lesson::Allocation)
                        } else {
                            None
                        }
                    } else {
                        None
                    };
                    let budget_named = part >= WHOLE_PLAN_SHARE * points && named.is_none();
                    found.push(Mistake {
                        month,
                        lesson: named.unwrap_or(Lesson::Allocation),
                        text: match (named, budget_named, lang) {
                            (Some(Lesson::Style), _, Language::Zh) => format!(
                                "第 {month} 月的拜访计划：拜访的人不变，只按每个人的沟通风格换拜访方式，就会多得 {by_pitch:.1} 分（专家的整个计划多得 {points:.1} 分）。"
                            ),
                            (Some(Lesson::Style), _, Language::En) => format!(
                                "Month {month}'s plan: the same visits, each pitched to the person's style, would have gained {by_pitch:.1} points (the expert's whole plan {points:.1})."
                            ),
                            (Some(_), _, Language::Zh) => format!(
                                "第 {month} 月的拜访计划：{moves}，就会多得 {by_allocation:.1} 分（专家的整个计划多得 {points:.1} 分）。"
                            ),
                            (Some(_), _, Language::En) => format!(
                                "Month {month}'s plan: {moves}, and it would have gained {by_allocation:.1} points (the expert's whole plan {points:.1})."
                            ),
                            (None, true, Language::Zh) => format!(
                                "第 {month} 月的预算：拜访不变，{spending}，就会多得 {by_budget:.1} 分（专家的整个计划多得 {points:.1} 分）。"
                            ),
                            (None, true, Language::En) => format!(
                                "Month {month}'s budget: the same visits, {spending}, would have gained {by_budget:.1} points (the expert's whole plan {points:.1})."
                            ),
                            (None, false, _) => {
                                let mut parts = Vec::new();
                                if moves_differ(mine, &plan) {
                                    parts.push((moves.clone(), by_allocation));
                                }
                                if how_alone_differs {
                                    parts.push((
                                        lang.pick("每个人按风格选拜访方式", "each person pitched to their style")
                                            .to_owned(),
                                        by_pitch,
                                    ));
                                }
                                if by_budget.is_finite() {
                                    parts.push((spending.clone(), by_budget));
                                }
                                let parts: Vec<String> = parts
                                    .into_iter()
                                    .map(|(what, gain)| {
                                        lang.pick(
                                            format!("{what}（单改这一处 {}）", alone(gain, lang)),
                                            format!("{what} ({} alone)", alone(gain, lang)),
                                        )
                                    })
                                    .collect();
                                lang.pick(
                                    format!(
                                        "第 {month} 月的计划：专家的计划会多得 {points:.1} 分，靠的是几处一起改：{}。",
                                        parts.join("；")
                                    ),
                                    format!(
                                        "Month {month}'s plan: the expert's plan would have gained {points:.1} points, from changes that work together: {}.",
                                        parts.join("; ")
                                    ),
                                )
                            }
                        },
                        points,
                        better_plan: Some(plan),
                    });
                }
            }
            (
                Decision::Offer(_) | Decision::WalkAway,
                Some(crate::engine::Pending::Negotiation(state)),
            ) => {
                // The expert's move at the same table, valued the same way: a lost renewal
                // is often the costliest decision of a game.
                // Beside it, the offer the negotiation review calls the cheapest that wins this
                // round: the card recommends whichever of the two the replay values higher, so
                // it never urges a price cut where a cheaper offer wins as well.
                let cheapest_now = crate::negotiation_review::Table::new(replay, state.negotiation)
                    .and_then(|table| {
                        let bar = table.bars.get(state.round as usize - 1).copied()?;
                        table
                            .offers
                            .into_iter()
                            .filter(|p| p.buyer_value + 1e-9 >= bar)
                            .max_by(|x, y| {
                                x.profit_rate
                                    .total_cmp(&y.profit_rate)
                                    .then(x.buyer_value.total_cmp(&y.buyer_value))
                            })
                    })
                    .map(|p| Decision::Offer(p.offer));
                let actual = value_of(game, i, decision.clone());
                let best = [Some(expert.negotiate(replay, &state)), cheapest_now]
                    .into_iter()
                    .flatten()
                    .filter(|d| d != decision)
                    .filter_map(|d| value_of(game, i, d.clone()).map(|v| (d, v)))
                    .max_by(|x, y| x.1.total_cmp(&y.1));
                if let (Some(actual), Some((better, value))) = (actual, best)
                    && value > actual + 0.05
                {
                    let n = &scenario.negotiations[state.negotiation];
                    let what = match &better {
                        Decision::Offer(offer) => n
                            .issues
                            .iter()
                            .zip(offer)
                            .filter_map(|(issue, o)| issue.options.get(*o).map(|x| x.label.clone()))
                            .collect::<Vec<_>>()
                            .join(lang.pick("、", ", ")),
                        _ => lang.pick("离开谈判桌", "walking away").to_owned(),
                    };
                    let points = value - actual;
                    found.push(Mistake {
                        month,
                        lesson: Lesson::Negotiation,
                        text: lang.pick(
                            format!(
                                "第 {month} 月，谈判“{}”第 {} 轮：换成这个出价（{what}）会多得 {points:.1} 分。",
                                n.title, state.round
                            ),
                            format!(
                                "Month {month}, \"{}\" round {}: this move instead ({what}) would have gained {points:.1} points.",
                                n.title, state.round
                            ),
                        ),
                        points,
                        better_plan: None,
                    });
                }
            }
            _ => {}
        }
        ControlFlow::Continue(())
    });
    found.sort_by(|a, b| b.points.total_cmp(&a.points));
    found.truncate(3);
    found
}

/// Accounts that lost money every month, with the effort spent on them: (account, visits,
/// money spent on resources).
pub fn money_losers(game: &Game) -> Vec<(usize, u32, f64)> {
    (0..game.accounts().len())
        .filter_map(|a| {
            let history = game.history(a);
            (history.len() >= 2 && history.iter().all(|r| r.profit.total() < 0.0)).then(|| {
                let visits = history.iter().map(|r| r.visits).sum();
                let spent = history.iter().map(|r| r.profit.resources).sum();
                (a, visits, spent)
            })
        })
        .collect()
}

#[cfg(test)]
mod mistakes {
    use super::*;

    #[test]
    fn a_random_game_has_costly_mistakes_and_the_experts_has_few() {
        let prepared = crate::bundled::prepared("tutorial").unwrap();
        let random = crate::batch::play(&prepared, crate::strategy::StrategyId::Random, 3).unwrap();
        let mistakes = costliest_mistakes(&random, Language::En);
        assert!(!mistakes.is_empty() && mistakes.len() <= 3);
        assert!(mistakes.windows(2).all(|w| w[0].points >= w[1].points));
        assert!(mistakes[0].points > 1.0, "{mistakes:?}");
        assert!(mistakes.iter().all(|m| m.month >= 1 && m.month <= 6));
        let expert = crate::batch::play(&prepared, crate::strategy::StrategyId::Expert, 3).unwrap();
        let theirs: f64 = costliest_mistakes(&expert, Language::En)
            .iter()
            .map(|m| m.points)
            .sum();
        let ours: f64 = mistakes.iter().map(|m| m.points).sum();
        assert!(theirs < ours, "expert {theirs} vs random {ours}");
    }

    /// Walking away from every negotiation (a renewal lost with it) shows among the costliest
    /// decisions, named for negotiation: a playtest's lost A account went unmentioned.
    #[test]
    fn a_walk_away_that_loses_an_account_is_among_the_costliest() {
        let prepared = crate::bundled::prepared("classroom_en").unwrap();
        let mut game = Game::new(std::sync::Arc::clone(&prepared), 11);
        let mut expert = crate::strategy::StrategyId::Expert.build(11);
        let mut walked = 0;
        while let Some(d) = crate::strategy::next_decision(&game, expert.as_mut()) {
            let d = match game.pending() {
                Some(crate::engine::Pending::Negotiation(_)) => {
                    walked += 1;
                    Decision::WalkAway
                }
                _ => d,
            };
            game.decide(d).unwrap();
        }
        assert!(walked > 0, "the game had a negotiation");
        let mistakes = costliest_mistakes(&game, Language::En);
        assert!(
            mistakes
                .iter()
                .any(|m| m.lesson == Lesson::Negotiation && m.text.contains("this move instead")),
            "{mistakes:?}"
        );
    }

    /// A month planned where the expert would go but pitched against every person's style is
    /// named a pitching mistake, not an allocation one: the card says what to change.
    /// The points a plan card's words name: the first "gained N" in its text.
    fn named_gain(text: &str) -> f64 {
        let at = text.find("gained ").expect("a gain in the text") + "gained ".len();
        text[at..]
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("a number after 'gained'")
    }

    /// A card names the part of the better plan its headline is about: a part is named alone
    /// only when it carries at least half the gain, else the card names the plan's changes
    /// together. (A card once said "move 1 visit ... +0.8" beside a headline of 14.4.)
    #[test]
    fn a_plan_cards_words_carry_most_of_its_headline() {
        let mut whole = 0;
        let mut named = 0;
        for seed in 1..=4 {
            let prepared = crate::bundled::prepared("classroom_en").unwrap();
            let game =
                crate::batch::play(&prepared, crate::strategy::StrategyId::Random, seed).unwrap();
            for m in costliest_mistakes(&game, Language::En) {
                if m.better_plan.is_none() {
                    continue;
                }
                let words = named_gain(&m.text);
                assert!(
                    words >= WHOLE_PLAN_SHARE * m.points - 0.05,
                    "{} (headline {:.1})",
                    m.text,
                    m.points
                );
                if m.text.contains("work together") {
                    whole += 1;
                } else {
                    named += 1;
                }
            }
        }
        // Both kinds occur, so both paths are held to the rule.
        assert!(whole > 0 && named > 0, "whole {whole}, named {named}");
    }

    /// A resource bought in two lines for one account is named once with its units summed (a
    /// card once listed "技术支持日×1" twice).
    #[test]
    fn spending_names_each_resource_once_with_its_units() {
        let prepared = crate::bundled::prepared("classroom_zh").unwrap();
        let game = Game::new(prepared, 1);
        let line = crate::engine::ResourceUse {
            account: crate::AccountId(1),
            resource: crate::ResourceId(0),
            units: 1,
        };
        let plan = Plan {
            visits: vec![],
            resources: vec![line, line],
        };
        let words = spending(&game, &plan, Language::Zh);
        let name = &game.scenario().means.resources[0].name;
        assert_eq!(words.matches(name.as_str()).count(), 1, "{words}");
        assert!(words.contains("×2"), "{words}");
    }

    /// Visits the trainee left unplanned are named as unused, not as moved.
    #[test]
    fn a_plan_that_leaves_visits_unplanned_is_told_so() {
        let prepared = crate::bundled::prepared("classroom_en").unwrap();
        let game = Game::new(prepared, 3);
        let expert = crate::strategy::StrategyId::Expert.build(3).plan(&game);
        let mine = Plan {
            visits: expert.visits[..1].to_vec(),
            resources: expert.resources.clone(),
        };
        let unused = expert.visits.len() - 1;
        let words = visit_moves(&game, &mine, &expert, Language::En);
        assert!(
            words.contains(&format!("use the {unused} visits you left unplanned")),
            "{words}"
        );
    }

    #[test]
    fn a_plan_pitched_against_style_is_named_for_style() {
        let prepared = crate::bundled::prepared("classroom_en").unwrap();
        let mut game = Game::new(std::sync::Arc::clone(&prepared), 7);
        let mut expert = crate::strategy::StrategyId::Expert.build(7);
        let mut plan = expert.plan(&game);
        for v in &mut plan.visits {
            let person = &game.accounts()[v.account].people[v.stakeholder].person;
            v.approach = (0..prepared.scenario.approaches.len())
                .min_by(|&x, &y| {
                    model::fit(&prepared.scenario.approaches[x], person)
                        .total_cmp(&model::fit(&prepared.scenario.approaches[y], person))
                })
                .map(crate::ApproachId)
                .unwrap();
        }
        assert!(pitched_to_style(&game, &plan) < 0.1);
        game.decide(Decision::Plan(plan)).unwrap();
        crate::strategy::play_out(&mut game, expert.as_mut()).unwrap();
        let first = costliest_mistakes(&game, Language::En)
            .into_iter()
            .find(|m| m.month == 1)
            .expect("the mispitched month is among the costliest");
        assert_eq!(first.lesson, Lesson::Style, "{}", first.text);
        assert!(first.text.contains("style"), "{}", first.text);
    }
}
