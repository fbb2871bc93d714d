//! The model: every formula and constant of the simulation, in one place.
//!
//! The engine applies these functions turn by turn; scoring, explanations, the debrief and every
//! strategy (the expert's look-ahead included) call the same functions, so changing a number
//! here changes the game and its benchmark together. Each constant says where it comes from:
//! the courseware (`../shared/seeds`, distilled in DOMAIN.md), a published model (ADBUDG,
//! Little 1970; CALLPLAN, Lodish 1971) or a calibration choice of this game, said as such.
//!
//! Transcendental functions go through `libm`, a pure-Rust implementation, so a game gives the
//! same bits on every operating system and a result file replays anywhere.
//!
//! Changing any number here changes results: bump [`MODEL_VERSION`] and re-bless the golden
//! fingerprints (`crates/kam-sim/tests/golden.rs`).

use crate::ids::ApproachId;
use crate::scenario::{
    Account, Approach, Contract, Effect, EventKind, Level, Response, Stakeholder, Style, Tier,
    TurnUnit,
};

/// `base` to a whole power by repeated multiplication: exact for the halvings used here and
/// the same bits on every platform, and much faster than a general `pow`.
pub fn power(base: f64, exponent: u32) -> f64 {
    (0..exponent).fold(1.0, |x, _| x * base)
}

/// The version of the model's numbers, written into every result file. A result made with
/// another version cannot be verified by replay here, and says so (`kam replay --rescore`
/// plays its decisions on this model). 3: the expert no longer gives discounts (the engine's
/// numbers are those of 2; the expert's scores changed). 4: an opportunity's chance to close
/// follows satisfaction and relationship down to 0 ([`close_chance`]); the derived profit range
/// keeps a least scale ([`PROFIT_RANGE_MIN_SHARE_OF_GROSS`]); an account that signs a contract
/// this month does not defect in it; the expert values its funnel. 5: an account's weight
/// follows what it can bring net of cost to serve and credit ([`account_weight`]).
pub const MODEL_VERSION: u32 = 5;

// ---------------------------------------------------------------------------------------------
// Effort: visits, pitches and the response to them (teaching points 2, 3 and 4).
// ---------------------------------------------------------------------------------------------

/// Visits a month the courseware recommends per account level (seed 001, 科学的制定计划):
/// core 2 branch + 2 HQ, senior 2 + 1, mid 1 + 1, general 1 + 1 every two months.
pub fn level_monthly_visits(level: Level) -> f64 {
    match level {
        Level::Core => 4.0,
        Level::Senior => 3.0,
        Level::Mid => 2.0,
        Level::General => 1.5,
    }
}

/// The level whose norm an account of a tier gets when the scenario names none.
pub fn level_for_tier(tier: Tier) -> Level {
    match tier {
        Tier::A => Level::Senior,
        Tier::B => Level::Mid,
        Tier::C => Level::General,
    }
}

/// Visits a month the account needs: its own norm, else its level's, else its tier's.
pub fn monthly_visit_norm(account: &Account) -> f64 {
    account.visit_norm.unwrap_or_else(|| {
        level_monthly_visits(account.level.unwrap_or(level_for_tier(account.tier)))
    })
}

/// Extra fit when an approach speaks to the person's personal need (seed 001, 个人需求).
pub const NEED_BONUS: f64 = 1.25;

/// Fit at or above which a pitch counts as matched to the person (the courseware's matched
/// quadrant is 1.5 in the standard approaches; a neighbour with the need bonus reaches 1.25).
pub const GOOD_FIT: f64 = 1.2;

/// Below this fit a visit puts the person off: the pitch talks past them (an opposite quadrant).
pub const SUPPORT_NEUTRAL_FIT: f64 = 0.9;

/// A pitch this poor achieves nothing: the visit is wasted (calibration: the opposite quadrant
/// of the standard approaches, 0.6).
pub const WASTED_FIT: f64 = 0.6;

/// The fit of a pitch in the person's own quadrant (the standard approaches' 1.5): one such
/// visit counts as one visit of effort.
pub const MATCHED_FIT: f64 = 1.5;

/// How well an approach suits a stakeholder: the style fit, times [`NEED_BONUS`] when it
/// speaks to their personal need.
pub fn fit(approach: &Approach, stakeholder: &Stakeholder) -> f64 {
    let style = Style::ALL
        .iter()
        .position(|s| *s == stakeholder.style)
        .unwrap_or(0);
    let need = if approach.needs.contains(&stakeholder.need) {
        NEED_BONUS
    } else {
        1.0
    };
    approach.style_fit[style] * need
}

/// The approach that suits the person best ([`fit`]); the last of equals. None without any.
pub fn best_approach(approaches: &[Approach], person: &Stakeholder) -> Option<ApproachId> {
    (0..approaches.len())
        .max_by(|&x, &y| fit(&approaches[x], person).total_cmp(&fit(&approaches[y], person)))
        .map(ApproachId)
}

/// How much of a visit's effort lands, from the pitch's fit: none at [`WASTED_FIT`], all of it
/// from [`MATCHED_FIT`] up (meeting the person's need as well wins more support, not more
/// effort). The four-quadrant lesson: a mismatched pitch wastes the visit.
pub fn pitch_effectiveness(fit: f64) -> f64 {
    ((fit - WASTED_FIT) / (MATCHED_FIT - WASTED_FIT)).clamp(0.0, 1.0)
}

/// How much a person's say weighs in the account's response: influence 1 to 10 maps to 0.38 to
/// 1.1, so a well-pitched visit to a decision maker of influence 9 counts as about one visit of
/// the norm and one to a user of influence 4 as 0.6 (the buying centre, teaching point 3).
pub fn influence_factor(influence: f64) -> f64 {
    0.3 + influence.clamp(1.0, 10.0) / 12.5
}

/// Each further visit to the same person in a month does this fraction of the one before:
/// calling on one contact four times a month is no substitute for covering the buying centre.
pub const REPEAT_VISIT_DECAY: f64 = 0.5;

/// What repetition leaves of a visit after `earlier` visits to the same person in a turn of
/// `months`: a visit a month each counts fully, more than that halves each time.
pub fn repetition(earlier: u32, months: f64) -> f64 {
    power(
        REPEAT_VISIT_DECAY,
        earlier / (months.round().max(1.0) as u32),
    )
}

/// How much a person's attitude to us multiplies a visit's effect: a champion (support 100)
/// opens doors and carries the message on (1.5), a neutral contact (50) gives a hearing (1.0),
/// an opponent (0) listens politely and does nothing (0.5). Rumours handled badly, warnings
/// ignored and objections left open cost support, and so make every later visit count less.
pub fn support_factor(support: f64) -> f64 {
    0.5 + support.clamp(0.0, 100.0) / 100.0
}

/// A visit's effective effort: how well it is pitched, who it reaches and how they see us,
/// less for the `earlier` visits to the same person this turn (a turn of `months`).
pub fn visit_weight(
    approach: &Approach,
    stakeholder: &Stakeholder,
    support: f64,
    earlier: u32,
    months: f64,
) -> f64 {
    pitch_effectiveness(fit(approach, stakeholder))
        * influence_factor(stakeholder.influence)
        * support_factor(support)
        * repetition(earlier, months)
}

/// ADBUDG's half-saturation `d` for an account: the scenario's, else the norm to the power `c`,
/// so the norm, well pitched, buys half the possible gain. It is the same all game
/// ([`crate::engine::Prepared::half_saturation`]).
pub fn half_saturation(response: &Response, norm: f64) -> f64 {
    response
        .d
        .unwrap_or_else(|| libm::pow(norm.max(0.5), response.c.max(0.1)))
        .max(1e-6)
}

/// The ADBUDG response (Little 1970): the satisfaction change a turn's effective visits `x`
/// bring, from `min` with no contact to `max` with unlimited effort, with half-saturation `d`
/// ([`half_saturation`]).
pub fn adbudg(response: &Response, d: f64, x: f64) -> f64 {
    let xc = libm::pow(x.max(0.0), response.c.max(0.1));
    response.min + (response.max - response.min) * xc / (d + xc)
}

/// Support change for a person from one visit: a good fit wins them over (less so as they near
/// full support), a poor one puts them off (more so the more they backed us).
pub fn support_gain(fit: f64, support: f64) -> f64 {
    const SLOPE: f64 = 16.0;
    const WIN_OVER: f64 = 1.5;
    let push = SLOPE * (fit - SUPPORT_NEUTRAL_FIT);
    if push >= 0.0 {
        push * WIN_OVER * (1.0 - support / 100.0)
    } else {
        push * (support / 100.0)
    }
}

/// Support a person loses in a turn nobody visits them (calibration).
pub const PERSON_COOLING: f64 = 1.5;

/// An account is under-visited in a turn with fewer visits than its norm (at least one).
pub fn is_under_visited(visits: u32, norm: f64) -> bool {
    (visits as f64) < norm.floor().max(1.0) - 1e-9
}

// ---------------------------------------------------------------------------------------------
// Resources: budget spent on an account.
// ---------------------------------------------------------------------------------------------

/// Each further unit of the same resource for the same account in a turn does half the one
/// before (diminishing returns, as ADBUDG's concave range).
pub const RESOURCE_UNIT_DECAY: f64 = 0.5;

/// The strength of units `earlier..earlier + units` of a resource in a turn.
pub fn resource_strength(earlier: u32, units: u32) -> f64 {
    (earlier..earlier + units)
        .map(|k| power(RESOURCE_UNIT_DECAY, k))
        .sum()
}

/// How much of a resource's goodwill lands with no visit to the account that turn. Support
/// days, training and executive visits are delivered through the account plan: with nobody
/// there to prepare and follow them up they do a quarter of their good. Visits and budget
/// are complements, not substitutes.
pub const RESOURCE_CONTACT_FLOOR: f64 = 0.25;

/// The share of a resource's goodwill (satisfaction, support, share, pressure) that lands,
/// from the visits the account had this turn against its norm.
pub fn resource_contact(visits: u32, norm: f64) -> f64 {
    let coverage = (visits as f64 / norm.max(0.5)).min(1.0);
    RESOURCE_CONTACT_FLOOR + (1.0 - RESOURCE_CONTACT_FLOOR) * coverage
}

// ---------------------------------------------------------------------------------------------
// Price: concessions and the customer's reference price (teaching points 1 and 7).
// ---------------------------------------------------------------------------------------------

/// The share of the gap between the expected price and the price paid the customer forgets
/// in a turn of `months`.
pub fn reference_recovery(months: f64) -> f64 {
    1.0 - power(
        1.0 - REFERENCE_PRICE_RECOVERY,
        months.round().max(0.0) as u32,
    )
}

/// How far a customer's expected price follows a concession: they learn to expect all of it
/// (reference-price theory; the courseware's warning that loyalty bought with price does not
/// last).
pub const REFERENCE_PRICE_LEARNING: f64 = 1.0;

/// The fraction of the gap between the expected price and the price paid the customer forgets
/// each month.
pub const REFERENCE_PRICE_RECOVERY: f64 = 0.25;

/// Satisfaction lost per month for each percentage point the price paid stands above what the
/// customer has learned to expect: the discount's goodwill turns into resentment when it ends.
pub const PRICE_GAP_DISSATISFACTION: f64 = 1.2;

/// Competitor pressure added per month for each percentage point the customer expects below the
/// price paid: a customer trained to expect discounts listens to whoever offers one, so the
/// pressure a discount relieved comes back.
pub const PRICE_GAP_PRESSURE: f64 = 1.6;

/// Points of buyer value a negotiation's demand rises per percentage point the customer expects
/// below the last agreed price: the next negotiation starts from the discounts given since.
pub const PRICE_GAP_DEMAND: f64 = 1.0;

/// How much more a buyer demands in a negotiation because of the discounts given since the
/// last agreed price (a deal resets both to the price signed).
pub fn learned_demand(agreed_price: f64, reference_price: f64) -> f64 {
    ((agreed_price - reference_price) * 100.0).max(0.0) * PRICE_GAP_DEMAND
}

/// The percentage points by which the price paid stands above the customer's expected price.
pub fn price_gap_points(contract: &Contract, reference_price: f64) -> f64 {
    ((contract.price_level - reference_price) * 100.0).max(0.0)
}

/// What a price gap does in a turn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PriceExpectation {
    pub satisfaction: f64,
    pub pressure: f64,
    /// The expected price after the customer forgets part of the gap.
    pub reference_price: f64,
}

/// The effect of a price gap over a turn of `months`: the customer resents it, competitors
/// find an open door, then the customer forgets part of it.
pub fn price_expectation(
    contract: &Contract,
    reference_price: f64,
    months: f64,
) -> PriceExpectation {
    let gap = price_gap_points(contract, reference_price);
    PriceExpectation {
        satisfaction: -PRICE_GAP_DISSATISFACTION * gap * months,
        pressure: PRICE_GAP_PRESSURE * gap * months,
        reference_price: reference_price
            + (contract.price_level - reference_price) * reference_recovery(months),
    }
}

/// The part of an ad-hoc discount that becomes the price: the customer asks for it again on the
/// next orders and part of it sticks, so the margin stays lower.
pub const PRICE_EROSION_SHARE: f64 = 0.5;

/// The price level and the customer's expected price after a concession of `margin_points`
/// (negative; positive margins are no concession) at strength `strength`.
pub fn after_concession(
    price_level: f64,
    reference_price: f64,
    margin_points: f64,
    strength: f64,
) -> (f64, f64) {
    let depth = margin_points.min(0.0) / 100.0 * strength;
    (
        price_level + depth * PRICE_EROSION_SHARE,
        reference_price + depth * REFERENCE_PRICE_LEARNING,
    )
}

// ---------------------------------------------------------------------------------------------
// Competitors, share and defection (teaching points 8 and 10).
// ---------------------------------------------------------------------------------------------

/// Satisfaction a turn at full competitor pressure costs (calibration).
pub const COMPETITOR_SATISFACTION_DRAG: f64 = 8.0;

pub fn competitor_drag(pressure: f64) -> f64 {
    -pressure / 100.0 * COMPETITOR_SATISFACTION_DRAG
}

/// Satisfaction at which share holds steady: above it happy customers buy more of their wallet
/// from us, below it they move spend away.
pub const SHARE_NEUTRAL_SATISFACTION: f64 = 55.0;

/// Share's move per turn towards the whole wallet at full satisfaction, and away from it at none.
pub const SHARE_GROWTH: f64 = 0.06;
pub const SHARE_DECLINE: f64 = 0.08;

/// Share change in a turn from satisfaction.
pub fn share_trend(satisfaction: f64, share: f64) -> f64 {
    let s = satisfaction;
    if s >= SHARE_NEUTRAL_SATISFACTION {
        SHARE_GROWTH * (s - SHARE_NEUTRAL_SATISFACTION) / (100.0 - SHARE_NEUTRAL_SATISFACTION)
            * (100.0 - share)
    } else {
        -SHARE_DECLINE * (SHARE_NEUTRAL_SATISFACTION - s) / SHARE_NEUTRAL_SATISFACTION * share
    }
}

/// Fraction of share a competitor at full pressure takes in a turn where nobody backs us.
pub const EROSION_RATE: f64 = 0.12;

/// Share change in a turn from competitors eroding what the relationship does not protect.
pub fn erosion(pressure: f64, share: f64, relationship: f64) -> f64 {
    -EROSION_RATE * pressure / 100.0 * share * (1.0 - relationship / 100.0)
}

/// Satisfaction below which an account may defect.
pub const CHURN_SATISFACTION: f64 = 50.0;

/// Per-turn defection probability: none while satisfied, rising steeply as satisfaction falls
/// below [`CHURN_SATISFACTION`], with competitor pressure, and where nobody in the buying centre
/// backs us; doubled at a renewal nobody negotiated. (DOMAIN.md: churn as a hazard that rises
/// as satisfaction falls and competitor pressure grows.)
pub fn churn_hazard(satisfaction: f64, pressure: f64, relationship: f64, renewal: bool) -> f64 {
    if satisfaction >= CHURN_SATISFACTION {
        return 0.0;
    }
    let gap = (CHURN_SATISFACTION - satisfaction) / CHURN_SATISFACTION;
    // gap^1.5, written with the correctly rounded square root (fast and the same everywhere).
    let hazard =
        0.6 * gap * libm::sqrt(gap) * (0.5 + pressure / 100.0) * (1.3 - relationship / 100.0);
    (if renewal { hazard * 2.0 } else { hazard }).clamp(0.0, 0.95)
}

// ---------------------------------------------------------------------------------------------
// Money: margin, cost to serve, credit (teaching points 1 and 7).
// ---------------------------------------------------------------------------------------------

/// Revenue per turn at list price for a share of the wallet.
pub fn list_revenue(potential: f64, share: f64) -> f64 {
    potential * share / 100.0
}

/// Gross margin on list-price sales at a price level: the discount comes straight off it.
pub fn gross_margin(list_revenue: f64, price_level: f64, margin_percent: f64) -> f64 {
    list_revenue * (price_level - (1.0 - margin_percent / 100.0))
}

/// Cost to serve per turn. It grows with the volume served (orders, deliveries, service calls:
/// activity-based costing), so an account that loses money at its starting share loses more as
/// it grows: a margin squeezer (扒皮大户) stays unprofitable however much it is served. An
/// account that starts with no share pays its cost to serve as a fixed amount.
pub fn cost_to_serve(account: &Account, share: f64, contract: &Contract) -> f64 {
    let volume = if account.share > 0.0 {
        share / account.share
    } else {
        1.0
    };
    account.cost_to_serve * volume + contract.service_cost
}

/// Yearly cost of the money tied up in receivables (a typical corporate cost of capital).
pub const COST_OF_CAPITAL: f64 = 0.08;

/// Share of receivables lost per year at a credit risk of 100 (calibration).
pub const BAD_DEBT_AT_FULL_RISK: f64 = 0.5;

/// The cost of carrying receivables for a turn: financing the days the customer takes to pay,
/// and the expected bad debt on them. Long terms to a late payer cost real money.
pub fn credit_cost(revenue: f64, credit_risk: f64, payment_days: f64) -> f64 {
    revenue * payment_days.max(0.0) / 365.0
        * (COST_OF_CAPITAL + BAD_DEBT_AT_FULL_RISK * credit_risk.clamp(0.0, 100.0) / 100.0)
}

/// Profit per turn of an account at a share and terms, before one-offs and resources.
pub fn profit_rate(account: &Account, share: f64, margin: f64, contract: &Contract) -> f64 {
    let list = list_revenue(account.potential, share);
    let revenue = list * contract.price_level;
    gross_margin(list, contract.price_level, margin)
        - cost_to_serve(account, share, contract)
        - credit_cost(revenue, account.credit_risk, contract.payment_days)
}

// ---------------------------------------------------------------------------------------------
// The funnel (teaching point 9).
// ---------------------------------------------------------------------------------------------

/// The funnel's stages, numbered 1 to this: an opportunity at the last stage moves no further.
pub const FUNNEL_STAGES: u32 = 6;

/// Win rate of each funnel stage (seed 001, 销售预计), stage 1 first.
pub const STAGE_WIN_RATES: [f64; FUNNEL_STAGES as usize] = [0.05, 0.10, 0.20, 0.30, 0.50, 0.80];

pub fn stage_win_rate(stage: u32) -> f64 {
    STAGE_WIN_RATES[(stage.clamp(1, FUNNEL_STAGES) - 1) as usize]
}

/// Chance an open opportunity moves up a stage in a turn: access to the buying centre (the
/// relationship) and the effort spent on it (visits against the norm).
pub fn stage_progress_chance(relationship: f64, effort: f64) -> f64 {
    (0.1 + 0.6 * relationship / 100.0 * effort.clamp(0.0, 1.0)).clamp(0.0, 0.9)
}

/// Chance an opportunity is won when the customer decides: its stage's win rate, scaled by how
/// satisfied the customer is and how much the buying centre backs us. Both factors are 1 at a
/// middling account (satisfaction 60, relationship 50) and fall to 0 with them: a customer at
/// satisfaction 0 whom nobody visits does not give us its next order, whatever the funnel said
/// (issue 18: a neglected account "won" its deal at satisfaction 0).
pub fn close_chance(stage: u32, satisfaction: f64, relationship: f64) -> f64 {
    let satisfied = (satisfaction / CLOSE_SATISFACTION_PAR).clamp(0.0, 1.5);
    let backed = (0.4 + 0.6 * relationship / CLOSE_RELATIONSHIP_PAR).clamp(0.0, 1.4);
    (stage_win_rate(stage) * satisfied * backed).clamp(0.0, 0.95)
}

/// The satisfaction at which an opportunity closes at its stage's win rate
/// ([`close_chance`]): above it the customer favours us, below it the odds fall to 0.
pub const CLOSE_SATISFACTION_PAR: f64 = 60.0;

/// The relationship at which the buying centre neither helps nor hinders a close
/// ([`close_chance`]); with nobody backing us the odds keep 40 % of their value.
pub const CLOSE_RELATIONSHIP_PAR: f64 = 50.0;

// ---------------------------------------------------------------------------------------------
// Events (teaching points 5, 6 and 8).
// ---------------------------------------------------------------------------------------------

/// Satisfaction an objection that comes back unresolved costs, times how often it came before,
/// when the scenario gives no `on_repeat` of its own: a repeated objection is what the customer
/// values most, and ignoring it costs more each time (seed 001, 对待异议).
pub const REPEATED_OBJECTION_SATISFACTION: f64 = -3.0;

/// Support every person in the buying centre withdraws, times how often the objection came
/// before, each time an objection comes back unsolved: they see they were not listened to.
pub const REPEATED_OBJECTION_SUPPORT: f64 = -3.0;

/// What happens when an event comes back unresolved: the scenario's `on_repeat` (else, for an
/// objection, [`REPEATED_OBJECTION_SATISFACTION`]), and for an objection the lost trust of
/// [`REPEATED_OBJECTION_SUPPORT`].
pub fn repeat_effects(kind: EventKind, on_repeat: &[Effect]) -> Vec<Effect> {
    let mut effects = on_repeat.to_vec();
    if kind == EventKind::Objection {
        if effects.is_empty() {
            effects.push(Effect::Satisfaction(REPEATED_OBJECTION_SATISFACTION));
        }
        effects.push(Effect::Support(String::new(), REPEATED_OBJECTION_SUPPORT));
    }
    effects
}

/// Satisfaction an objection that was raised and is still unsolved costs each turn, per time it
/// was raised: the issue the customer values most weighs on the account until it is solved
/// (only for objections that some answer can solve).
pub const OPEN_OBJECTION_DRAG: f64 = -2.5;

pub fn open_objection_drag(times_raised: f64) -> f64 {
    OPEN_OBJECTION_DRAG * times_raised
}

/// Expected number of further times a conditional event fires for an account, and the sum of
/// their repeat multipliers (the k-th repeat costs k times the effects), if it is left
/// unresolved now: at most `max_times` in all, each remaining turn with its probability.
pub fn expected_repeats(
    fired: u32,
    max_times: u32,
    probability: f64,
    turns_left: u32,
) -> (f64, f64) {
    let mut count = 0.0;
    let mut weight = 0.0;
    // Distribution of how many times it has fired, turn by turn (small: max_times is small).
    let cap = max_times.saturating_sub(fired) as usize;
    let mut dist = vec![0.0; cap + 1];
    dist[0] = 1.0;
    let p = probability.clamp(0.0, 1.0);
    for _ in 0..turns_left {
        for k in (0..cap).rev() {
            let moved = dist[k] * p;
            dist[k] -= moved;
            dist[k + 1] += moved;
            count += moved;
            weight += moved * (fired as usize + k) as f64;
        }
    }
    (count, weight)
}

// ---------------------------------------------------------------------------------------------
// Negotiation (teaching point 7).
// ---------------------------------------------------------------------------------------------

/// How far the buyer has conceded from their opening towards their walk-away by `progress`
/// (0 at the first round, 1 at the last), by the style of the person across the table:
/// A steady, B holds firm then moves at the end, C steady (moves with the relationship),
/// D moves early.
pub fn concession_pace(style: Style, progress: f64) -> f64 {
    match style {
        Style::A | Style::C => progress,
        Style::B => progress * progress,
        Style::D => libm::sqrt(progress),
    }
}

/// How much less a supportive buyer asks: points of buyer value per point of support above 50,
/// twice as much for an interpersonal (C) buyer.
pub fn relationship_allowance(style: Style, support: f64) -> f64 {
    match style {
        Style::C => (support - 50.0) / 5.0,
        _ => (support - 50.0) / 10.0,
    }
}

/// How much less a satisfied customer asks.
pub fn satisfaction_allowance(satisfaction: f64) -> f64 {
    (satisfaction - 50.0) / 10.0
}

/// Satisfaction a settled deal brings: a deal good for the buyer pleases, a squeeze displeases.
pub fn deal_satisfaction(buyer_value: f64) -> f64 {
    (buyer_value - 50.0) / 10.0
}

/// Competitor pressure a signed deal relieves.
pub const DEAL_PRESSURE_RELIEF: f64 = 10.0;

/// Satisfaction a tender without a deal costs.
pub const NO_DEAL_SATISFACTION: f64 = -3.0;

// ---------------------------------------------------------------------------------------------
// Scoring.
// ---------------------------------------------------------------------------------------------

/// What an account can bring a turn: its profit at the whole wallet and its starting terms,
/// net of cost to serve and credit cost, never below 0 (DOMAIN.md: key accounts by value, not
/// revenue; 扒皮大户, the margin squeezer, is not a key account however large its orders).
pub fn account_value(account: &Account) -> f64 {
    profit_rate(account, 100.0, account.margin, &account.contract).max(0.0)
}

/// What an account's funnel brings a turn at the start, over a game of `turns`: each
/// opportunity's margin at its stage's win rate ([`stage_win_rate`]), spread over the game. The
/// allocation verdict adds it to [`account_value`]: visits that work a funnel are value too (the
/// tutorial's briefing says so, and its verdict once failed a trainee who followed it).
pub fn pipeline_value(account: &Account, turns: u32) -> f64 {
    account
        .opportunities
        .iter()
        .map(|o| o.value * account.margin.max(0.0) / 100.0 * stage_win_rate(o.stage))
        .sum::<f64>()
        / f64::from(turns.max(1))
}

/// An account's weight in retention and satisfaction: what it can bring ([`account_value`]),
/// but never under [`GROSS_WEIGHT_FLOOR`] of its gross profit potential (wallet × margin), with a
/// last floor so a zero-margin account still counts a little. Until model 5 the weight was the
/// gross potential alone, which let an A account losing money through 730-day terms and full
/// credit risk outweigh the rest (issue 18).
pub fn account_weight(account: &Account) -> f64 {
    let gross = account.potential * account.margin.max(0.0) / 100.0;
    account_value(account)
        .max(gross * GROSS_WEIGHT_FLOOR)
        .max(account.potential * ACCOUNT_WEIGHT_FLOOR)
        .max(1e-6)
}

/// The least weight an account has, as a share of its gross profit potential: an account that
/// loses money at its terms still matters to its customers' satisfaction and to retention.
pub const GROSS_WEIGHT_FLOOR: f64 = 0.5;

/// The least weight an account has, per unit of its wallet.
pub const ACCOUNT_WEIGHT_FLOOR: f64 = 0.005;

/// Turns in a year.
pub fn turns_per_year(unit: TurnUnit) -> f64 {
    12.0 / unit.months()
}

/// What an account kept at the end is still worth: a year of profit at its final share and
/// terms, for as long as it stays (its churn hazard each turn). The customer-lifetime-value
/// idea (DOMAIN.md: CLV = m · r / (1 + i − r)), cut at a year: the contracts a trainee leaves
/// behind count, so the last turns are played as carefully as the first and a concession or a
/// neglected account at the end still costs.
pub fn future_profit(
    account: &Account,
    share: f64,
    margin: f64,
    contract: &Contract,
    hazard: f64,
    unit: TurnUnit,
) -> f64 {
    let turns = turns_per_year(unit);
    let rate = profit_rate(account, share, margin, contract);
    // Expected turns kept out of the year: Σ (1 − h)^k for k = 1..=turns.
    let stay = 1.0 - hazard.clamp(0.0, 1.0);
    let kept = if stay >= 1.0 {
        turns
    } else {
        stay * (1.0 - power(stay, turns as u32)) / (1.0 - stay)
    };
    rate * kept
}

/// The share of the profit range that keeping every account at its starting terms earns.
pub const BASELINE_PROFIT_SCORE: f64 = 0.6;

/// The derived profit floor lies this fraction of the baseline below zero (or below the
/// baseline when it is negative).
pub const PROFIT_FLOOR_MARGIN: f64 = 0.2;

/// The least scale of the derived profit range, as a share of the gross margin the accounts
/// earn at their starting terms: a scenario whose baseline profit is near 0 keeps a range of
/// sensible size, so the profit score moves continuously with the baseline (issue 18).
pub const PROFIT_RANGE_MIN_SHARE_OF_GROSS: f64 = 0.1;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_matched_pitch_counts_fully_and_an_opposite_one_is_wasted() {
        assert_eq!(pitch_effectiveness(MATCHED_FIT), 1.0);
        assert_eq!(pitch_effectiveness(WASTED_FIT), 0.0);
        assert!(pitch_effectiveness(1.0) < 0.5);
    }

    #[test]
    fn a_single_concession_costs_more_satisfaction_than_it_buys() {
        let contract = Contract::default();
        let (_, mut reference) = after_concession(1.0, 1.0, -3.0, 1.0);
        let mut lost = 0.0;
        for _ in 0..40 {
            let effect = price_expectation(&contract, reference, 1.0);
            lost -= effect.satisfaction;
            reference = effect.reference_price;
        }
        // The standard discount buys 5 points; the resentment afterwards is larger.
        assert!(lost > 5.0, "lost {lost}");
    }

    #[test]
    fn repeats_are_expected_in_proportion_to_their_chance() {
        let (count, weight) = expected_repeats(1, 3, 1.0, 5);
        assert_eq!(count, 2.0);
        assert_eq!(weight, 1.0 + 2.0);
        let (none, _) = expected_repeats(3, 3, 1.0, 5);
        assert_eq!(none, 0.0);
        let (half, _) = expected_repeats(0, 10, 0.5, 4);
        assert!((half - 2.0).abs() < 1e-9);
    }

    /// An account at satisfaction 0 does not give us its order, whatever the funnel's stage
    /// and however well we are liked: a playtest's neglected account "won" its deal.
    #[test]
    fn a_customer_at_satisfaction_zero_does_not_close() {
        for stage in 1..=6 {
            assert_eq!(close_chance(stage, 0.0, 100.0), 0.0);
        }
        assert!(close_chance(6, 60.0, 50.0) > close_chance(6, 60.0, 0.0));
        assert!(close_chance(6, 60.0, 0.0) > 0.0);
        assert!(close_chance(6, 100.0, 100.0) <= 0.95);
    }

    #[test]
    fn long_terms_to_a_risky_payer_cost_more_than_short_terms_to_a_safe_one() {
        assert!(credit_cost(100.0, 40.0, 120.0) > 5.0 * credit_cost(100.0, 5.0, 30.0));
    }
}
