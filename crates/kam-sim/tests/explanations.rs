//! Explanations tell the truth: the causes a trainee reads name what really moved a number.
//! Each test here is a case a hand playtest found misleading.

mod common;

use std::sync::Arc;

use kam_sim::{
    AccountId, ApproachId, Decision, EventId, Game, MemberId, Metric, NegotiationId, Pending, Plan,
    Prepared, ResourceId, ResourceUse, Source, Visit,
};

fn classroom() -> Arc<Prepared> {
    common::bundled()
        .into_iter()
        .find(|(n, _)| *n == "classroom_en.ron")
        .unwrap()
        .1
}

fn account(prepared: &Prepared, id: &str) -> usize {
    prepared
        .scenario
        .accounts
        .iter()
        .position(|a| a.id == id)
        .unwrap()
}

/// Answers every pending event with its first choice and every negotiation by walking away,
/// so a test can get to the next turn.
fn settle(game: &mut Game) {
    while let Some(p) = game.pending().cloned() {
        let d = match p {
            Pending::Event { .. } => Decision::Choose(0),
            Pending::Negotiation(_) => Decision::WalkAway,
        };
        game.decide(d).unwrap();
    }
}

#[test]
fn a_visited_account_is_never_said_to_cool_for_lack_of_contact() {
    let prepared = classroom();
    let huaxing = account(&prepared, "huaxing");
    let mut game = Game::new(Arc::clone(&prepared), 3);
    let visits = (0..4)
        .map(|p| Visit {
            account: AccountId(huaxing),
            stakeholder: MemberId(p),
            approach: ApproachId(0),
        })
        .collect();
    game.decide(Decision::Plan(Plan {
        visits,
        resources: vec![],
    }))
    .unwrap();
    settle(&mut game);
    let causes = &game.history(huaxing)[0].causes;
    assert!(
        causes.iter().all(|c| c.source != Source::Cooling),
        "cooling charged to an account visited four times: {causes:?}"
    );
    // An account nobody visited does cool, and says so.
    let other = account(&prepared, "lantian");
    assert!(
        game.history(other)[0]
            .causes
            .iter()
            .any(|c| c.source == Source::Cooling)
    );
}

#[test]
fn a_discount_shows_its_cost_in_money_price_and_expected_price() {
    let prepared = classroom();
    let discount = prepared
        .scenario
        .means
        .resources
        .iter()
        .position(|r| r.margin < 0.0)
        .map(ResourceId)
        .expect("the standard catalogue has a discount");
    let hongda = account(&prepared, "hongda");
    let mut game = Game::new(Arc::clone(&prepared), 3);
    game.decide(Decision::Plan(Plan {
        visits: vec![],
        resources: vec![ResourceUse {
            account: AccountId(hongda),
            resource: discount,
            units: 1,
        }],
    }))
    .unwrap();
    settle(&mut game);
    let record = &game.history(hongda)[0];
    let by = |metric: Metric| {
        record
            .causes
            .iter()
            .filter(|c| c.metric == metric && c.source == Source::Resource { resource: discount })
            .map(|c| c.delta)
            .sum::<f64>()
    };
    assert!(
        by(Metric::Cash) < 0.0,
        "the margin given away is money: {record:?}"
    );
    assert!(
        by(Metric::PriceLevel) < 0.0,
        "part of the discount sticks in the price"
    );
    assert!(
        by(Metric::ExpectedPrice) < by(Metric::PriceLevel),
        "the customer expects more"
    );
    // The next turn the customer resents paying more than they now expect.
    game.decide(Decision::Plan(Plan::default())).unwrap();
    settle(&mut game);
    assert!(
        game.history(hongda)[1]
            .causes
            .iter()
            .any(|c| c.source == Source::PriceExpectation
                && c.metric == Metric::Satisfaction
                && c.delta < 0.0)
    );
}

#[test]
fn a_departure_is_the_events_doing_not_the_answers() {
    let prepared = classroom();
    let huaxing = account(&prepared, "huaxing");
    let event = prepared
        .scenario
        .events
        .iter()
        .position(|e| e.id == "champion_leaves")
        .map(EventId)
        .unwrap();
    for seed in 0..50 {
        let mut game = Game::new(Arc::clone(&prepared), seed);
        while !game.is_finished() && game.turn() <= 5 {
            match game.pending().cloned() {
                None => game.decide(Decision::Plan(Plan::default())).unwrap(),
                Some(Pending::Event { .. }) => game.decide(Decision::Choose(0)).unwrap(),
                Some(Pending::Negotiation(_)) => game.decide(Decision::WalkAway).unwrap(),
            }
        }
        let Some(record) = game.history(huaxing).get(4) else {
            continue;
        };
        let departure: f64 = record
            .causes
            .iter()
            .filter(|c| {
                c.source == Source::BuyingCentreChange { event } && c.metric == Metric::Relationship
            })
            .map(|c| c.delta)
            .sum();
        let answer_relationship: Vec<_> = record
            .causes
            .iter()
            .filter(|c| matches!(c.source, Source::Choice { event: e, .. } if e == event))
            .collect();
        assert!(
            departure != 0.0,
            "the champion's departure moved the relationship: {record:?}"
        );
        assert!(
            answer_relationship
                .iter()
                .all(|c| c.metric != Metric::Relationship || c.delta > 0.0),
            "the good answer is not blamed for the departure: {answer_relationship:?}"
        );
        return;
    }
    panic!("the champion never left in 50 games");
}

#[test]
fn opportunities_moving_through_the_funnel_are_explained() {
    let prepared = classroom();
    let mut advanced = false;
    let mut closed = false;
    for seed in 0..20 {
        let game = kam_sim::play(&prepared, kam_sim::StrategyId::Expert, seed).unwrap();
        for a in 0..prepared.scenario.accounts.len() {
            for record in game.history(a) {
                for c in &record.causes {
                    match c.source {
                        Source::OpportunityAdvanced { .. } => {
                            assert_eq!(c.metric, Metric::Forecast);
                            assert!(c.delta > 0.0);
                            advanced = true;
                        }
                        Source::OpportunityWon { .. } | Source::OpportunityLost { .. } => {
                            closed = true
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    assert!(advanced && closed, "stages and closes carry causes");
}

#[test]
fn letting_a_loss_making_account_go_is_not_a_missed_warning_sign() {
    let prepared = classroom();
    let hongda = account(&prepared, "hongda");
    assert!(kam_sim::baseline_profit_rate(&prepared.scenario, hongda) < 0.0);
    for seed in 0..40 {
        let game = kam_sim::play(&prepared, kam_sim::StrategyId::Expert, seed).unwrap();
        if !game.accounts()[hongda].churned {
            continue;
        }
        let debrief = kam_sim::debrief_game(&game);
        let warning = debrief
            .lessons
            .iter()
            .find(|l| l.lesson == kam_sim::scenario::Lesson::WarningSigns)
            .unwrap();
        let evidence = warning
            .evidence
            .words(game.scenario(), kam_sim::scenario::Language::En);
        assert!(
            warning.met,
            "a margin squeezer let go is a missed sign: {evidence}"
        );
        assert!(
            evidence.contains("Hongda Building Materials lost money at its starting terms")
                && evidence.contains("let go"),
            "{evidence}"
        );
        return;
    }
    panic!("the expert kept Hongda in every game: nothing to check");
}

#[test]
fn a_negotiation_an_event_opens_is_priced_and_settled_on_the_same_account() {
    // The takeover rumour at Dongyue opens Haichuan's tender: the deal must be weighed on the
    // account it will change, Dongyue, not on the one the tender names.
    let (file, src) = kam_sim::BUNDLED_SCENARIOS
        .iter()
        .copied()
        .find(|(f, _)| *f == "classroom_en.ron")
        .unwrap();
    let good = "effects: [Satisfaction(4.0), Support(\"he\", 8.0), Pressure(-5.0)]";
    assert!(src.contains(good));
    let src = src.replacen(
        good,
        "effects: [Satisfaction(4.0), Support(\"he\", 8.0), Pressure(-5.0), StartNegotiation(\"haichuan_tender\")]",
        1,
    );
    let (prepared, _) = kam_sim::load_str(file, &src).unwrap();
    let dongyue = account(&prepared, "dongyue");
    let tender = prepared
        .scenario
        .negotiations
        .iter()
        .position(|n| n.id == "haichuan_tender")
        .unwrap();
    let mut game = Game::new(Arc::clone(&prepared), 1);
    while game.turn() < 3 && !game.is_finished() {
        match game.pending().cloned() {
            None => game.decide(Decision::Plan(Plan::default())).unwrap(),
            Some(Pending::Event { .. }) => game.decide(Decision::Choose(0)).unwrap(),
            Some(Pending::Negotiation(n)) => {
                assert_eq!(n.negotiation, NegotiationId(tender));
                assert_eq!(n.account, AccountId(dongyue));
                assert_eq!(
                    game.negotiation_account(NegotiationId(tender)),
                    Some(AccountId(dongyue))
                );
                let offer = vec![0; prepared.scenario.negotiations[tender].issues.len()];
                let after = game.after_deal(NegotiationId(tender), &offer).unwrap();
                // The preview starts from Dongyue's state (its buying centre), not Haichuan's.
                assert_eq!(
                    after.people[0].person.id,
                    game.accounts()[dongyue].people[0].person.id
                );
                return;
            }
        }
    }
    panic!("the rumour never opened the tender");
}

/// The coach's preview is the model's expectation: for every account whose month brought no
/// draw of the seed (no event answered, no deal, no defection), the month ends exactly where
/// the preview said, over many seeds and both bundled classrooms.
#[test]
fn a_plans_preview_is_what_the_month_brings_when_nothing_random_happens() {
    use kam_sim::{Game, Source};
    let mut compared = 0;
    for (file, src) in kam_sim::BUNDLED_SCENARIOS {
        let (prepared, _) = kam_sim::load_str(file, src).unwrap();
        for seed in 0..40 {
            let mut game = Game::new(std::sync::Arc::clone(&prepared), seed);
            let mut expert = kam_sim::StrategyId::Expert.build(seed);
            for _ in 0..prepared.scenario.turns {
                if game.is_finished() {
                    break;
                }
                let plan = expert.plan(&game);
                let preview = game.preview_plan(&plan).unwrap();
                let month = game.turn();
                game.decide(kam_sim::Decision::Plan(plan)).unwrap();
                while let Some(d) = kam_sim::next_decision(&game, expert.as_mut()) {
                    if game.turn() != month {
                        break;
                    }
                    game.decide(d).unwrap();
                }
                for (a, expected) in preview.iter().enumerate() {
                    let Some(record) = game.history(a).iter().find(|r| r.turn == month) else {
                        continue;
                    };
                    let random = record.causes.iter().any(|c| {
                        matches!(
                            c.source,
                            Source::Choice { .. }
                                | Source::RepeatedObjection { .. }
                                | Source::Negotiation { .. }
                                | Source::OpportunityAdvanced { .. }
                                | Source::OpportunityWon { .. }
                                | Source::OpportunityLost { .. }
                                | Source::BuyingCentreChange { .. }
                                | Source::Churn
                        )
                    });
                    if random || record.churned {
                        continue;
                    }
                    compared += 1;
                    assert!(
                        (record.satisfaction - expected.satisfaction.1).abs() < 1e-9
                            && (record.share - expected.share.1).abs() < 1e-9,
                        "{file} seed {seed} month {month} account {a}: preview {expected:?}, got satisfaction {} share {}",
                        record.satisfaction,
                        record.share
                    );
                    assert!((record.profit.total() - expected.profit).abs() < 1e-9);
                }
            }
        }
    }
    assert!(compared > 1000, "only {compared} account-months compared");
}

/// An account lost by defection says why: the satisfaction it had and the chance it was
/// drawn with, the same chance the month's record keeps (a playtest saw accounts "lost" with
/// no reason given while the dossier's rounded risk read 0 %).
#[test]
fn a_defection_is_explained_by_its_satisfaction_and_its_odds() {
    let prepared = classroom();
    let mut explained = 0;
    for seed in 0..30 {
        let game = kam_sim::play(&prepared, kam_sim::StrategyId::Random, seed).unwrap();
        for a in 0..game.accounts().len() {
            for r in game.history(a) {
                if r.satisfaction >= kam_sim::model::CHURN_SATISFACTION {
                    assert_eq!(r.defection_chance, 0.0, "a satisfied account cannot defect");
                }
                let Some(cause) = r.causes.iter().find(|c| c.source == Source::Churn) else {
                    continue;
                };
                assert!(r.churned && r.defection_chance > 0.0);
                let text = kam_sim::cause_text(&game, a, cause, kam_sim::scenario::Language::En);
                let chance = format!("{:.1}%", 100.0 * r.defection_chance);
                let satisfaction = format!("{:.1}", r.satisfaction);
                assert!(
                    text.contains(&chance) && text.contains(&satisfaction),
                    "seed {seed} account {a}: {text:?} names neither {chance} nor {satisfaction}"
                );
                explained += 1;
            }
        }
    }
    assert!(explained > 0, "no account defected in 30 random games");
}

/// A resource's tooltip says what a unit does, from the scenario's own numbers (a playtest
/// found only its price there).
#[test]
fn a_resource_says_what_it_does_in_its_own_numbers() {
    let prepared = classroom();
    let mut described = 0;
    for res in &prepared.scenario.means.resources {
        let text = kam_sim::resource_effects(res, kam_sim::scenario::Language::En);
        if res.satisfaction != 0.0 {
            assert!(
                text.contains(&format!("satisfaction +{:.1}", res.satisfaction))
                    || text.contains(&format!("satisfaction −{:.1}", res.satisfaction.abs())),
                "{}: {text}",
                res.id
            );
        }
        if res.margin < 0.0 {
            assert!(
                text.contains(&format!("margin (points) −{:.1}", -res.margin)),
                "{text}"
            );
        }
        described += usize::from(!text.is_empty());
    }
    assert_eq!(described, prepared.scenario.means.resources.len());
}

/// An account that signs a contract in a month does not defect in that month (a playtest saw
/// Huaxing sign its renewal and churn together, with no cause named): over many games of every
/// strategy, no deal and defection share an account's month.
#[test]
fn a_contract_signed_and_the_account_lost_never_share_a_month() {
    let prepared = classroom();
    let mut deals = 0;
    for strategy in ["random", "even", "concede", "expert"] {
        for seed in 0..150 {
            let game = kam_sim::play(&prepared, strategy.parse().unwrap(), seed).unwrap();
            for r in game
                .negotiation_records()
                .iter()
                .filter(|r| r.deal.is_some())
            {
                deals += 1;
                let record = game
                    .history(r.account.index())
                    .iter()
                    .find(|x| x.turn == r.turn)
                    .unwrap();
                let before = game
                    .history(r.account.index())
                    .iter()
                    .find(|x| x.turn + 1 == r.turn)
                    .is_some_and(|x| x.churned);
                assert!(
                    before || !record.churned,
                    "{strategy} seed {seed}: deal and defection in month {}",
                    r.turn
                );
            }
        }
    }
    assert!(deals > 100, "the games sign deals: {deals}");
}
