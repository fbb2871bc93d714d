//! Generated scenarios of any size, for benchmarks, property tests and stress tests.
//!
//! The accounts follow the courseware's shape: a few producing A accounts, more incubating B
//! and many potential C accounts (roughly 15/35/50), buying centres of three to five people
//! across the four layers, and a rumour, an objection and a warning sign that can fire anywhere.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::scenario::*;

pub fn generate(accounts: usize, turns: u32, seed: u64) -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let styles = Style::ALL;
    let needs = [
        Need::Power,
        Need::Achievement,
        Need::Recognition,
        Need::Acceptance,
        Need::Security,
    ];
    let layers = [
        Layer::Image,
        Layer::Decision,
        Layer::Implementation,
        Layer::User,
    ];
    let roles = [
        BuyingRole::DecisionMaker,
        BuyingRole::Specifier,
        BuyingRole::Evaluator,
        BuyingRole::User,
    ];
    let mut norm_sum = 0.0;
    let accounts: Vec<Account> = (0..accounts)
        .map(|i| {
            let roll = rng.random::<f64>();
            let tier = if roll < 0.15 {
                Tier::A
            } else if roll < 0.5 {
                Tier::B
            } else {
                Tier::C
            };
            let potential = match tier {
                Tier::A => rng.random_range(300.0..600.0),
                Tier::B => rng.random_range(120.0..300.0),
                Tier::C => rng.random_range(40.0..120.0),
            };
            norm_sum += Level::for_tier(tier).monthly_visits();
            let people = rng.random_range(3..=5);
            Account {
                id: format!("acc{i}"),
                name: format!("Account {i}"),
                industry: String::new(),
                tier,
                level: None,
                visit_norm: None,
                notes: String::new(),
                potential,
                share: rng.random_range(15.0..55.0),
                margin: rng.random_range(8.0..35.0),
                cost_to_serve: potential * rng.random_range(0.01..0.04),
                satisfaction: rng.random_range(40.0..75.0),
                pressure: rng.random_range(10.0..60.0),
                credit_risk: rng.random_range(0.0..30.0),
                contract: Contract {
                    renewal_turn: rng
                        .random_bool(0.3)
                        .then(|| rng.random_range(2..=turns.max(2))),
                    ..Contract::default()
                },
                response: Response::default(),
                stakeholders: (0..people)
                    .map(|p| Stakeholder {
                        id: format!("p{p}"),
                        name: format!("Person {p}"),
                        title: String::new(),
                        layer: layers[p % 4],
                        role: roles[p % 4],
                        influence: rng.random_range(2.0..10.0),
                        support: rng.random_range(30.0..70.0),
                        style: styles[rng.random_range(0..4)],
                        need: needs[rng.random_range(0..5)],
                        notes: String::new(),
                        cues: Vec::new(),
                    })
                    .collect(),
                opportunities: (0..rng.random_range(0..3))
                    .map(|o| Opportunity {
                        id: format!("opp{o}"),
                        name: format!("Opportunity {o}"),
                        value: potential * rng.random_range(0.5..2.0),
                        stage: rng.random_range(1..=4),
                        close_turn: rng.random_range(2..=turns.max(2)),
                    })
                    .collect(),
            }
        })
        .collect();
    let choice = |label: &str, effects: Vec<Effect>, verdict, resolves| Choice {
        label: label.to_owned(),
        effects,
        feedback: format!("Feedback for {label}."),
        verdict,
        resolves,
        cost: 0.0,
    };
    let events = vec![
        Event {
            id: "rumour".into(),
            kind: EventKind::Rumour { true_rumour: false },
            title: "A competitor's rumour".into(),
            text: "The customer repeats a rumour about our delivery problems.".into(),
            trigger: Trigger::Conditional {
                account: None,
                probability: 0.05,
                when: vec![Condition::PressureAbove(30.0)],
                from_turn: 1,
                to_turn: None,
                max_times: 1,
            },
            choices: vec![
                choice(
                    "Stay calm, return to the visit's purpose",
                    vec![Effect::Satisfaction(3.0)],
                    Verdict::Good,
                    false,
                ),
                choice(
                    "Attack the competitor",
                    vec![Effect::Satisfaction(-6.0), Effect::Pressure(5.0)],
                    Verdict::Poor,
                    false,
                ),
            ],
            on_repeat: Vec::new(),
            lesson: Some(Lesson::Rumour),
            speaker: None,
        },
        Event {
            id: "objection".into(),
            kind: EventKind::Objection,
            title: "Price objection".into(),
            text: "They say our price is too high, again.".into(),
            trigger: Trigger::Conditional {
                account: None,
                probability: 0.05,
                when: Vec::new(),
                from_turn: 1,
                to_turn: None,
                max_times: 3,
            },
            choices: vec![
                choice(
                    "Solve it: a total-cost study",
                    vec![Effect::Satisfaction(4.0)],
                    Verdict::Good,
                    true,
                ),
                choice(
                    "Brush it off",
                    vec![Effect::Satisfaction(-2.0)],
                    Verdict::Poor,
                    false,
                ),
            ],
            on_repeat: vec![Effect::Satisfaction(-3.0)],
            lesson: Some(Lesson::Objection),
            speaker: None,
        },
        Event {
            id: "warning".into(),
            kind: EventKind::WarningSign,
            title: "Orders are falling".into(),
            text: "Orders fell and they met a competitor.".into(),
            trigger: Trigger::Conditional {
                account: None,
                probability: 0.5,
                when: vec![
                    Condition::NeglectedFor(2),
                    Condition::SatisfactionBelow(45.0),
                ],
                from_turn: 1,
                to_turn: None,
                max_times: 1,
            },
            choices: vec![
                choice(
                    "Visit at once with a recovery plan",
                    vec![Effect::Satisfaction(6.0)],
                    Verdict::Good,
                    false,
                ),
                choice(
                    "Wait and see",
                    vec![Effect::Share(-3.0)],
                    Verdict::Poor,
                    false,
                ),
            ],
            on_repeat: Vec::new(),
            lesson: Some(Lesson::WarningSigns),
            speaker: None,
        },
    ];
    Scenario {
        id: format!("generated-{}x{turns}", accounts.len()),
        title: format!("Generated: {} accounts, {turns} turns", accounts.len()),
        description: "A generated scenario for benchmarks and tests.".into(),
        briefing: String::new(),
        objectives: Vec::new(),
        language: Language::En,
        difficulty: Some(Difficulty::Normal),
        turns,
        turn_unit: TurnUnit::Month,
        money_unit: None,
        mode: Mode::Practice,
        seed,
        means: Means {
            visits_per_turn: (norm_sum * 0.8).round().max(1.0) as u32,
            budget_per_turn: (accounts.len() as f64 * 4.0).max(20.0),
            resources: Vec::new(),
        },
        scoring: Scoring::default(),
        accounts,
        approaches: Vec::new(),
        events,
        negotiations: Vec::new(),
    }
}
