//! What makes a well-formed scenario wrong: dangling references, duplicate ids, values out of
//! range, events that can never fire, budgets that cannot be spent; and, as warnings, what
//! makes it teach badly (a choice without feedback, a resource nobody can afford).
//!
//! Findings carry a path into the file (`events[2].trigger.account`); `load` turns it into a
//! line and column.

use std::collections::{HashMap, HashSet};

use crate::load::Severity;
use crate::problems::{FullWidth, Named, Never, Place, Problem, Quantity};
use crate::scenario::*;

/// One problem, by path.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub path: String,
    pub severity: Severity,
    pub problem: Problem,
}

impl Finding {
    /// The problem in English, for the tests' assertions (people see it rendered by `load`).
    #[cfg(test)]
    pub fn message(&self) -> String {
        self.problem.render(crate::words::Lang::En)
    }
}

#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    fn push(&mut self, path: impl Into<String>, severity: Severity, problem: Problem) {
        self.0.push(Finding {
            path: path.into(),
            severity,
            problem,
        });
    }

    fn error(&mut self, path: impl Into<String>, problem: Problem) {
        self.push(path, Severity::Error, problem);
    }

    fn warn(&mut self, path: impl Into<String>, problem: Problem) {
        self.push(path, Severity::Warning, problem);
    }

    fn note(&mut self, path: impl Into<String>, problem: Problem) {
        self.push(path, Severity::Note, problem);
    }

    /// A number must be finite and within [lo, hi].
    fn range(&mut self, path: String, value: f64, lo: f64, hi: f64, what: Quantity) {
        if !value.is_finite() {
            self.error(path, Problem::NotFinite { what, found: value });
        } else if value < lo || value > hi {
            self.error(
                path,
                Problem::OutOfRange {
                    what,
                    lo,
                    hi,
                    found: value,
                },
            );
        }
    }

    fn unique<'a>(&mut self, base: &str, field: &str, ids: impl Iterator<Item = &'a str>) {
        let mut seen = HashMap::new();
        for (i, id) in ids.enumerate() {
            if id.trim().is_empty() {
                self.error(format!("{base}[{i}].{field}"), Problem::EmptyId);
            } else if let Some(first) = seen.insert(id, i) {
                self.error(
                    format!("{base}[{i}].{field}"),
                    Problem::DuplicateId {
                        id: id.to_owned(),
                        list: base.to_owned(),
                        first,
                    },
                );
            } else if let Some(hint) = ascii_hint(id) {
                self.warn(
                    format!("{base}[{i}].{field}"),
                    Problem::FullWidthId {
                        id: id.to_owned(),
                        hint,
                    },
                );
            }
        }
    }

    fn reference(&mut self, path: String, id: &str, known: &[&str], what: Named) {
        if !known.contains(&id) {
            self.error(path, unknown(id, known, what, 1));
        }
    }
}

/// "unknown account `x`, did you mean `y`?" (or the list of known ids), with a hint to use
/// ASCII when the id holds full-width punctuation; `named` is how often the event names it.
fn unknown(id: &str, known: &[&str], what: Named, named: usize) -> Problem {
    let ascii: String = id.chars().map(|c| ascii_for(c).unwrap_or(c)).collect();
    let suggestion = known
        .iter()
        .copied()
        .find(|k| *k == ascii)
        .or_else(|| did_you_mean(id, known.iter().copied()));
    Problem::UnknownRef {
        what,
        id: id.to_owned(),
        suggestion: suggestion.map(str::to_owned),
        known: owned(known),
        full_width: ascii_hint(id),
        named,
    }
}

fn owned(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|&id| id.to_owned()).collect()
}

/// The ASCII character a full-width or Chinese punctuation mark stands in for where a scenario
/// file needs ASCII: in its syntax (`，` typed for `,`, `：` for `:`, `“` for `"`) and in ids.
/// A Chinese input method types them without the author noticing.
pub fn ascii_for(c: char) -> Option<char> {
    match c {
        // A full-width semicolon is typed where a comma belongs: nothing in a scenario file
        // takes `;`, so its ASCII twin would be wrong advice.
        '；' => Some(','),
        // The full-width forms of ASCII `!` to `~` (`，：（）；［］` and the full-width
        // letters and digits), 0xFEE0 above their ASCII originals.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' => Some(' '),
        '、' => Some(','),
        '。' => Some('.'),
        '“' | '”' | '「' | '」' | '『' | '』' => Some('"'),
        '‘' | '’' => Some('\''),
        '【' | '〔' => Some('['),
        '】' | '〕' => Some(']'),
        _ => None,
    }
}

/// The first full-width mark in `text` and the ASCII to write instead ("`，` is full-width:
/// write ASCII `,` (…)"), if any.
pub fn ascii_hint(text: &str) -> Option<FullWidth> {
    let (mark, ascii) = text.chars().find_map(|c| ascii_for(c).map(|a| (c, a)))?;
    Some(if mark == '\u{3000}' {
        FullWidth::Space
    } else {
        FullWidth::Mark { mark, ascii }
    })
}

/// The closest known name, if it is close enough to be a typo ([`ron_located::suggest`]).
fn did_you_mean<'a>(word: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let known: Vec<&'a str> = known.collect();
    ron_located::suggest(word, &known)
}

/// Checks a scenario's meaning. Errors make it unplayable; warnings make it teach badly.
/// Warns when the cost of an answer gives its verdict away: in most events that cost anything,
/// only the good answers do, so a trainee learns "pick the one with a price" instead of the
/// lesson (a playtest found exactly that).
fn check_price_tags(f: &mut Findings, s: &Scenario) {
    let costed: Vec<bool> = s
        .events
        .iter()
        .filter(|e| e.choices.iter().any(|c| c.cost > 0.0))
        .map(|e| {
            e.choices
                .iter()
                .filter(|c| c.cost > 0.0)
                .all(|c| c.verdict == Verdict::Good)
        })
        .collect();
    let telling = costed.iter().filter(|only_good| **only_good).count();
    if costed.len() >= 2 && 2 * telling > costed.len() {
        f.warn(
            "events",
            Problem::PriceTags {
                telling,
                costed: costed.len(),
            },
        );
    }
}

/// Longest money unit: it sits beside labels in narrow panels.
const MONEY_UNIT_MAX_CHARS: usize = 12;

pub fn check(s: &Scenario) -> Vec<Finding> {
    let mut f = Findings::default();
    if s.id.trim().is_empty() {
        f.error("id", Problem::NoId);
    }
    if let Some(d @ (Difficulty::Normal | Difficulty::Hard)) = s.difficulty {
        f.note("difficulty", Problem::DifficultyHides(d));
    }
    if s.turns == 0 || s.turns > 120 {
        f.error(
            "turns",
            Problem::OutOfRange {
                what: Quantity::Turns,
                lo: 1.0,
                hi: 120.0,
                found: s.turns.into(),
            },
        );
    }
    if let Some(unit) = &s.money_unit {
        let length = unit.chars().count();
        if unit.trim().is_empty() || length > MONEY_UNIT_MAX_CHARS {
            f.error(
                "money_unit",
                Problem::MoneyUnit {
                    unit: unit.clone(),
                    max: MONEY_UNIT_MAX_CHARS,
                },
            );
        }
    }
    check_means(&mut f, s);
    check_scoring(&mut f, &s.scoring);
    if s.accounts.is_empty() {
        f.error("accounts", Problem::NoAccounts);
    }
    f.unique("accounts", "id", s.accounts.iter().map(|a| a.id.as_str()));
    for (i, a) in s.accounts.iter().enumerate() {
        check_account(&mut f, s, i, a);
    }
    f.unique(
        "approaches",
        "id",
        s.approaches.iter().map(|a| a.id.as_str()),
    );
    for (i, a) in s.approaches.iter().enumerate() {
        for (k, fit) in a.style_fit.iter().enumerate() {
            f.range(
                format!("approaches[{i}].style_fit[{k}]"),
                *fit,
                0.0,
                5.0,
                Quantity::StyleFit,
            );
        }
    }
    let account_ids: Vec<&str> = s.accounts.iter().map(|a| a.id.as_str()).collect();
    f.unique("events", "id", s.events.iter().map(|e| e.id.as_str()));
    for (i, e) in s.events.iter().enumerate() {
        check_event(&mut f, s, &account_ids, i, e);
    }
    check_style_names(&mut f, s);
    check_price_tags(&mut f, s);
    f.unique(
        "negotiations",
        "id",
        s.negotiations.iter().map(|n| n.id.as_str()),
    );
    for (i, n) in s.negotiations.iter().enumerate() {
        check_negotiation(&mut f, s, &account_ids, i, n);
    }
    f.0
}

fn check_means(f: &mut Findings, s: &Scenario) {
    let m = &s.means;
    if m.visits_per_turn == 0 {
        f.error("means.visits_per_turn", Problem::NoVisits);
    }
    f.range(
        "means.budget_per_turn".into(),
        m.budget_per_turn,
        0.0,
        1e12,
        Quantity::Budget,
    );
    f.unique(
        "means.resources",
        "id",
        m.resources.iter().map(|r| r.id.as_str()),
    );
    for (i, r) in m.resources.iter().enumerate() {
        let p = format!("means.resources[{i}]");
        f.range(format!("{p}.cost"), r.cost, 0.0, 1e12, Quantity::Cost);
        for (name, v) in [
            ("satisfaction", r.satisfaction),
            ("support", r.support),
            ("share", r.share),
            ("margin", r.margin),
            ("pressure", r.pressure),
        ] {
            f.range(format!("{p}.{name}"), v, -100.0, 100.0, Quantity::Effect);
        }
        if r.max_per_account == 0 {
            f.error(format!("{p}.max_per_account"), Problem::ResourceUnusable);
        }
        if r.cost > m.budget_per_turn {
            f.warn(
                format!("{p}.cost"),
                Problem::ResourceUnaffordable {
                    cost: r.cost,
                    budget: m.budget_per_turn,
                },
            );
        }
    }
    let cheapest = m
        .resources
        .iter()
        .map(|r| r.cost)
        .fold(f64::INFINITY, f64::min);
    if m.budget_per_turn > 0.0 && !m.resources.is_empty() && cheapest > m.budget_per_turn {
        f.error(
            "means.budget_per_turn",
            Problem::BudgetUnspendable {
                budget: m.budget_per_turn,
                cheapest,
            },
        );
    }
    check_standard_catalogue(f, s);
}

/// With no `resources` of its own a scenario gets the standard catalogue, priced in units the
/// author did not choose: a budget below all of it (money written in the wrong unit) buys
/// nothing but the free discount, the one resource the course warns against.
fn check_standard_catalogue(f: &mut Findings, s: &Scenario) {
    let m = &s.means;
    if !m.resources.is_empty() || m.budget_per_turn.is_nan() || m.budget_per_turn <= 0.0 {
        return;
    }
    let standard = crate::catalogue::standard_resources(s.language);
    let priced: Vec<&Resource> = standard.iter().filter(|r| r.cost > 0.0).collect();
    if !priced.is_empty() && priced.iter().all(|r| r.cost > m.budget_per_turn) {
        f.warn(
            "means.budget_per_turn",
            Problem::StandardCatalogue {
                budget: m.budget_per_turn,
                prices: priced.iter().map(|r| (r.id.clone(), r.cost)).collect(),
            },
        );
    }
}

fn check_scoring(f: &mut Findings, sc: &Scoring) {
    for (name, w) in [
        ("retention_weight", sc.retention_weight),
        ("profit_weight", sc.profit_weight),
        ("satisfaction_weight", sc.satisfaction_weight),
    ] {
        f.range(format!("scoring.{name}"), w, 0.0, 1000.0, Quantity::Weight);
    }
    if sc.total_weight() <= 0.0 {
        f.error("scoring", Problem::NoWeight);
    }
    if let (Some(floor), Some(target)) = (sc.profit_floor, sc.profit_target)
        && target <= floor
    {
        f.error(
            "scoring.profit_target",
            Problem::ProfitTarget { target, floor },
        );
    }
    for (i, g) in sc.grades.iter().enumerate() {
        f.range(
            format!("scoring.grades[{i}]"),
            *g,
            0.0,
            100.0,
            Quantity::GradeThreshold,
        );
    }
    if sc.grades.windows(2).any(|w| w[0] < w[1]) {
        f.error("scoring.grades", Problem::GradesOrder);
    }
}

fn check_account(f: &mut Findings, s: &Scenario, i: usize, a: &Account) {
    let p = format!("accounts[{i}]");
    f.range(
        format!("{p}.potential"),
        a.potential,
        0.0,
        1e12,
        Quantity::Potential,
    );
    f.range(format!("{p}.share"), a.share, 0.0, 100.0, Quantity::Share);
    fraction_for_percent(f, format!("{p}.share"), a.share, Quantity::Share);
    f.range(
        format!("{p}.margin"),
        a.margin,
        -100.0,
        100.0,
        Quantity::Margin,
    );
    fraction_for_percent(f, format!("{p}.margin"), a.margin, Quantity::Margin);
    f.range(
        format!("{p}.cost_to_serve"),
        a.cost_to_serve,
        0.0,
        1e12,
        Quantity::CostToServe,
    );
    f.range(
        format!("{p}.satisfaction"),
        a.satisfaction,
        0.0,
        100.0,
        Quantity::Satisfaction,
    );
    f.range(
        format!("{p}.pressure"),
        a.pressure,
        0.0,
        100.0,
        Quantity::Pressure,
    );
    f.range(
        format!("{p}.credit_risk"),
        a.credit_risk,
        0.0,
        100.0,
        Quantity::CreditRisk,
    );
    if let Some(n) = a.visit_norm {
        f.range(format!("{p}.visit_norm"), n, 0.0, 31.0, Quantity::VisitNorm);
    }
    let c = &a.contract;
    f.range(
        format!("{p}.contract.price_level"),
        c.price_level,
        0.1,
        10.0,
        Quantity::PriceLevel,
    );
    f.range(
        format!("{p}.contract.payment_days"),
        c.payment_days,
        0.0,
        730.0,
        Quantity::PaymentDays,
    );
    f.range(
        format!("{p}.contract.service_cost"),
        c.service_cost,
        0.0,
        1e12,
        Quantity::ServiceCost,
    );
    if let Some(t) = c.renewal_turn
        && (t == 0 || t > s.turns)
    {
        f.warn(
            format!("{p}.contract.renewal_turn"),
            Problem::RenewalOutside {
                turn: t,
                turns: s.turns,
            },
        );
    }
    let r = &a.response;
    f.range(
        format!("{p}.response.min"),
        r.min,
        -100.0,
        100.0,
        Quantity::ResponseFloor,
    );
    f.range(
        format!("{p}.response.max"),
        r.max,
        -100.0,
        100.0,
        Quantity::ResponseCeiling,
    );
    f.range(
        format!("{p}.response.c"),
        r.c,
        0.05,
        10.0,
        Quantity::ResponseShape,
    );
    if r.max <= r.min {
        f.error(
            format!("{p}.response.max"),
            Problem::ResponseInverted {
                max: r.max,
                min: r.min,
            },
        );
    }
    if let Some(d) = r.d {
        f.range(
            format!("{p}.response.d"),
            d,
            1e-6,
            1e6,
            Quantity::HalfSaturation,
        );
    }
    if a.stakeholders.is_empty() {
        f.error(
            format!("{p}.stakeholders"),
            Problem::NobodyToVisit {
                account: a.id.clone(),
            },
        );
    }
    f.unique(
        &format!("{p}.stakeholders"),
        "id",
        a.stakeholders.iter().map(|x| x.id.as_str()),
    );
    for (k, x) in a.stakeholders.iter().enumerate() {
        check_person(f, s, &format!("{p}.stakeholders[{k}]"), x);
    }
    f.unique(
        &format!("{p}.opportunities"),
        "id",
        a.opportunities.iter().map(|o| o.id.as_str()),
    );
    for (k, o) in a.opportunities.iter().enumerate() {
        check_opportunity(f, s, &format!("{p}.opportunities[{k}]"), o);
    }
}

/// A percentage written as a fraction (`share: 0.55` for 55 %) is in range, so only its size
/// gives it away: a share or margin below one percent is almost always a fraction.
fn fraction_for_percent(f: &mut Findings, path: String, value: f64, what: Quantity) {
    if value > 0.0 && value < 1.0 {
        f.warn(path, Problem::FractionForPercent { what, value });
    }
}

fn check_person(f: &mut Findings, s: &Scenario, p: &str, x: &Stakeholder) {
    f.range(
        format!("{p}.influence"),
        x.influence,
        1.0,
        10.0,
        Quantity::Influence,
    );
    f.range(
        format!("{p}.support"),
        x.support,
        0.0,
        100.0,
        Quantity::Support,
    );
    for (k, cue) in x.cues.iter().enumerate() {
        if cue.trim().is_empty() {
            f.error(format!("{p}.cues[{k}]"), Problem::EmptyCue);
        }
    }
    check_cues(f, s, p, x);
}

/// The names of the four styles, as an author writes them in either language.
const STYLE_NAMES: [&str; 12] = [
    "分析型",
    "程序型",
    "人际型",
    "想象型",
    "analytical",
    "sequential",
    "interpersonal",
    "imaginative",
    "(A)",
    "(B)",
    "(C)",
    "(D)",
];

/// Where the trainee reads the people, an event's words must not name a person's style: a
/// playtest at Normal read six styles off answer feedback before the debrief. The words
/// should say what the person does instead ("wants the figures").
fn check_style_names(f: &mut Findings, s: &Scenario) {
    if s.difficulty().shows_style_and_need() {
        return;
    }
    let named = |text: &str| {
        let lower = text.to_lowercase();
        STYLE_NAMES
            .iter()
            .find(|n| {
                lower.contains(&n.to_lowercase())
                    || text.contains(&n.replace('(', "（").replace(')', "）"))
            })
            .copied()
    };
    for (i, e) in s.events.iter().enumerate() {
        let mut texts = vec![(format!("events[{i}].text"), e.text.as_str())];
        for (k, c) in e.choices.iter().enumerate() {
            texts.push((format!("events[{i}].choices[{k}].label"), c.label.as_str()));
            texts.push((
                format!("events[{i}].choices[{k}].feedback"),
                c.feedback.as_str(),
            ));
        }
        for (path, text) in texts {
            if let Some(name) = named(text) {
                f.warn(
                    path,
                    Problem::NamesStyle {
                        name: name.to_owned(),
                        difficulty: s.difficulty(),
                    },
                );
            }
        }
    }
}

/// Where the trainee must read the people, the author's cues must point to the person as they
/// are: a cue in the bank's words that describes another style or need would mislead. Cues the
/// game cannot place (the author's own words) get one note for the whole scenario.
fn check_cues(f: &mut Findings, s: &Scenario, p: &str, x: &Stakeholder) {
    if s.difficulty().shows_style_and_need() || x.cues.is_empty() {
        return;
    }
    use crate::reading::{Pointer, bank_pointer};
    let mut points_to_style = false;
    for (k, cue) in x.cues.iter().enumerate() {
        match bank_pointer(cue) {
            Some(Pointer::Style(style)) if style != x.style => f.warn(
                format!("{p}.cues[{k}]"),
                Problem::CueOtherStyle {
                    cue: style,
                    person: x.name.clone(),
                    style: x.style,
                },
            ),
            Some(Pointer::Need(need)) if need != x.need => f.warn(
                format!("{p}.cues[{k}]"),
                Problem::CueOtherNeed {
                    cue: need,
                    person: x.name.clone(),
                    need: x.need,
                },
            ),
            Some(Pointer::Style(_)) => points_to_style = true,
            _ => {}
        }
    }
    // Cues in the author's own words are what the guide asks for, and the game cannot check
    // free text: that is worth saying once, as a note, not as a warning on every person.
    let said_already =
        f.0.iter()
            .any(|found| matches!(found.problem, Problem::CuesPointNowhere { .. }));
    if !points_to_style && !said_already {
        let example = crate::cues::style_cues(x.style)[0].pick(s.language);
        f.note(
            format!("{p}.cues"),
            Problem::CuesPointNowhere {
                style: x.style,
                example: example.to_owned(),
            },
        );
    }
}

fn check_opportunity(f: &mut Findings, s: &Scenario, p: &str, o: &Opportunity) {
    f.range(
        format!("{p}.value"),
        o.value,
        0.0,
        1e12,
        Quantity::OpportunityValue,
    );
    if !(1..=crate::model::FUNNEL_STAGES).contains(&o.stage) {
        f.error(
            format!("{p}.stage"),
            Problem::FunnelStage { found: o.stage },
        );
    }
    if o.close_turn == 0 || o.close_turn > s.turns {
        f.error(
            format!("{p}.close_turn"),
            Problem::CloseTurnOutside {
                turn: o.close_turn,
                turns: s.turns,
            },
        );
    }
}

/// Stakeholder ids an event may refer to in an account: those there from the start and those
/// any event can bring in.
fn people_of<'a>(s: &'a Scenario, account: &'a Account) -> Vec<&'a str> {
    let mut ids: Vec<&str> = account.stakeholders.iter().map(|x| x.id.as_str()).collect();
    for e in &s.events {
        for c in &e.choices {
            for effect in &c.effects {
                if let Effect::AddStakeholder(x) = effect {
                    ids.push(&x.id);
                }
            }
        }
    }
    ids
}

fn check_event(f: &mut Findings, s: &Scenario, account_ids: &[&str], i: usize, e: &Event) {
    let p = format!("events[{i}]");
    let account = match &e.trigger {
        Trigger::Scripted { turn, account } => {
            f.reference(
                format!("{p}.trigger.account"),
                account,
                account_ids,
                Named::Account,
            );
            if *turn == 0 || *turn > s.turns {
                f.error(
                    format!("{p}.trigger.turn"),
                    Problem::NeverFires(Never::TurnOutside {
                        turn: *turn,
                        turns: s.turns,
                    }),
                );
            }
            s.accounts.iter().find(|a| &a.id == account)
        }
        Trigger::Conditional {
            account,
            probability,
            when,
            from_turn,
            to_turn,
            max_times,
        } => {
            if let Some(id) = account {
                f.reference(
                    format!("{p}.trigger.account"),
                    id,
                    account_ids,
                    Named::Account,
                );
            }
            let target = account
                .as_ref()
                .and_then(|id| s.accounts.iter().find(|a| &a.id == id));
            f.range(
                format!("{p}.trigger.probability"),
                *probability,
                0.0,
                1.0,
                Quantity::Probability,
            );
            if *probability == 0.0 {
                f.error(
                    format!("{p}.trigger.probability"),
                    Problem::NeverFires(Never::ProbabilityZero),
                );
            }
            if *max_times == 0 {
                f.error(
                    format!("{p}.trigger.max_times"),
                    Problem::NeverFires(Never::MaxTimesZero),
                );
            }
            let last = to_turn.unwrap_or(s.turns).min(s.turns);
            if *from_turn > last {
                f.error(
                    format!("{p}.trigger.from_turn"),
                    Problem::NeverFires(Never::WindowClosed {
                        from: *from_turn,
                        last,
                    }),
                );
            }
            check_conditions(f, s, &format!("{p}.trigger.when"), when, target);
            target
        }
    };
    if e.choices.is_empty() {
        f.error(format!("{p}.choices"), Problem::NoChoices);
    }
    let ids: Vec<&str> = match account {
        Some(a) => people_of(s, a),
        None => s.accounts.iter().flat_map(|a| people_of(s, a)).collect(),
    };
    if let Some(speaker) = &e.speaker {
        match account {
            Some(a) if !ids.contains(&speaker.as_str()) => f.error(
                format!("{p}.speaker"),
                unknown_person(s, a, speaker, &ids, Place::EventAccount, 1),
            ),
            None if !ids.contains(&speaker.as_str()) => f.error(
                format!("{p}.speaker"),
                unknown(speaker, &ids, Named::Stakeholder, 1),
            ),
            _ => {}
        }
    }
    let mut people = People {
        ids,
        account,
        uses: person_uses(e),
        reported: HashSet::new(),
    };
    let people = &mut people;
    let negotiation_ids: Vec<&str> = s.negotiations.iter().map(|n| n.id.as_str()).collect();
    for (k, c) in e.choices.iter().enumerate() {
        let cp = format!("{p}.choices[{k}]");
        if c.feedback.trim().is_empty() {
            f.warn(format!("{cp}.feedback"), Problem::NoFeedback);
        }
        f.range(format!("{cp}.cost"), c.cost, 0.0, 1e12, Quantity::Cost);
        check_effects(
            f,
            &format!("{cp}.effects"),
            &c.effects,
            people,
            &negotiation_ids,
            s,
        );
    }
    check_effects(
        f,
        &format!("{p}.on_repeat"),
        &e.on_repeat,
        people,
        &negotiation_ids,
        s,
    );
    if matches!(e.kind, EventKind::Objection)
        && !e.on_repeat.is_empty()
        && !e.choices.iter().any(|c| c.resolves)
    {
        f.warn(format!("{p}.choices"), Problem::ObjectionUnresolved);
    }
    if e.choices.len() > 1 && dominant_choice(&e.choices).is_some() {
        f.warn(format!("{p}.choices"), Problem::DominantChoice);
    }
}

/// A choice whose every effect is at least as good as every other choice's.
fn dominant_choice(choices: &[Choice]) -> Option<usize> {
    let totals: Vec<[f64; 4]> = choices
        .iter()
        .map(|c| {
            let mut t = [0.0; 4];
            for e in &c.effects {
                match e {
                    Effect::Satisfaction(x) => t[0] += x,
                    Effect::Support(_, x) => t[1] += x,
                    Effect::Share(x) => t[2] += x,
                    Effect::Cash(x) => t[3] += x,
                    Effect::Margin(x) => t[3] += x,
                    Effect::Pressure(x) => t[1] -= x,
                    _ => return [f64::NAN; 4],
                }
            }
            t[3] -= c.cost;
            t
        })
        .collect();
    (0..choices.len()).find(|&i| {
        (0..choices.len()).all(|j| i == j || (0..4).all(|k| totals[i][k] >= totals[j][k]))
            && (0..choices.len()).any(|j| i != j && (0..4).any(|k| totals[i][k] > totals[j][k]))
    })
}

fn check_conditions(
    f: &mut Findings,
    s: &Scenario,
    p: &str,
    when: &[Condition],
    target: Option<&Account>,
) {
    let (mut below, mut above) = (f64::INFINITY, f64::NEG_INFINITY);
    for (k, c) in when.iter().enumerate() {
        let cp = format!("{p}[{k}]");
        match c {
            Condition::SatisfactionBelow(x) => {
                below = below.min(*x);
                if *x <= 0.0 {
                    f.error(cp, Problem::NeverFires(Never::SatisfactionBelowZero));
                }
            }
            Condition::SatisfactionAbove(x) => {
                above = above.max(*x);
                if *x >= 100.0 {
                    f.error(cp, Problem::NeverFires(Never::SatisfactionAbove100));
                }
            }
            Condition::PressureAbove(x) => {
                if *x >= 100.0 {
                    f.error(cp, Problem::NeverFires(Never::PressureAbove100));
                }
            }
            Condition::SupportBelow(x) => {
                if *x <= 0.0 {
                    f.error(cp, Problem::NeverFires(Never::SupportBelowZero));
                }
            }
            Condition::NeglectedFor(n) => {
                if *n > s.turns {
                    f.error(
                        cp,
                        Problem::NeverFires(Never::GameTooShort { turns: s.turns }),
                    );
                }
            }
            Condition::Tier(t) => {
                let possible = match target {
                    Some(a) => a.tier == *t,
                    None => s.accounts.iter().any(|a| a.tier == *t),
                };
                if !possible {
                    f.error(cp, Problem::NeverFires(Never::NoTier(*t)));
                }
            }
        }
    }
    if above >= below {
        f.error(
            p.to_owned(),
            Problem::NeverFires(Never::SatisfactionBoth { above, below }),
        );
    }
}

/// Who an event's effects may name, and which unknown names were reported already: a wrong
/// id is reported once per event, where it is first used, however many answers repeat it.
struct People<'a> {
    ids: Vec<&'a str>,
    account: Option<&'a Account>,
    uses: HashMap<&'a str, usize>,
    reported: HashSet<&'a str>,
}

impl<'a> People<'a> {
    fn check(&mut self, f: &mut Findings, s: &Scenario, path: String, id: &'a str) {
        if self.ids.contains(&id) || !self.reported.insert(id) {
            return;
        }
        let uses = self.uses.get(id).copied().unwrap_or(1);
        let problem = match self.account {
            Some(a) => unknown_person(s, a, id, &self.ids, Place::EventAccount, uses),
            None => unknown(id, &self.ids, Named::Stakeholder, uses),
        };
        f.error(path, problem);
    }
}

/// How often each person is named in an event's effects.
fn person_uses(e: &Event) -> HashMap<&str, usize> {
    let mut uses = HashMap::new();
    let effects = e
        .choices
        .iter()
        .flat_map(|c| &c.effects)
        .chain(&e.on_repeat);
    for effect in effects {
        if let Effect::Support(id, _) | Effect::RemoveStakeholder(id) = effect
            && !id.is_empty()
        {
            *uses.entry(id.as_str()).or_insert(0) += 1;
        }
    }
    uses
}

/// An unknown person at account `a`: when they belong to another account, say so (the most
/// likely slip: the id was copied from another account's event), with the nearest name here.
/// `named` is how often the event names them.
fn unknown_person(
    s: &Scenario,
    a: &Account,
    id: &str,
    known: &[&str],
    place: Place,
    named: usize,
) -> Problem {
    let owner = s
        .accounts
        .iter()
        .find(|b| b.id != a.id && people_of(s, b).contains(&id));
    let Some(owner) = owner else {
        return unknown(id, known, Named::Stakeholder, named);
    };
    Problem::PersonElsewhere {
        id: id.to_owned(),
        named,
        owner: owner.id.clone(),
        here: a.id.clone(),
        place,
        suggestion: did_you_mean(id, known.iter().copied()).map(str::to_owned),
        known: owned(known),
    }
}

fn check_effects<'a>(
    f: &mut Findings,
    p: &str,
    effects: &'a [Effect],
    people: &mut People<'a>,
    negotiations: &[&str],
    s: &Scenario,
) {
    let mut added = HashSet::new();
    for (k, e) in effects.iter().enumerate() {
        let ep = format!("{p}[{k}]");
        match e {
            Effect::Satisfaction(x)
            | Effect::Share(x)
            | Effect::Pressure(x)
            | Effect::Margin(x) => f.range(format!("{ep}[0]"), *x, -100.0, 100.0, Quantity::Effect),
            Effect::Support(id, x) => {
                if !id.is_empty() {
                    people.check(f, s, format!("{ep}[0]"), id);
                }
                f.range(format!("{ep}[1]"), *x, -100.0, 100.0, Quantity::Effect);
            }
            Effect::Cash(x) => f.range(format!("{ep}[0]"), *x, -1e12, 1e12, Quantity::Amount),
            Effect::PaymentDays(x) => {
                f.range(format!("{ep}[0]"), *x, -365.0, 365.0, Quantity::PaymentDays)
            }
            Effect::RemoveStakeholder(id) => people.check(f, s, format!("{ep}[0]"), id),
            Effect::AddStakeholder(x) => {
                if !added.insert(x.id.clone()) {
                    f.error(
                        format!("{ep}[0].id"),
                        Problem::AddedTwice { id: x.id.clone() },
                    );
                }
                check_person(f, s, &format!("{ep}[0]"), x);
            }
            Effect::AddOpportunity(o) => check_opportunity(f, s, &format!("{ep}[0]"), o),
            Effect::StartNegotiation(id) => {
                f.reference(format!("{ep}[0]"), id, negotiations, Named::Negotiation)
            }
            Effect::Lose => {}
        }
    }
}

fn check_negotiation(
    f: &mut Findings,
    s: &Scenario,
    account_ids: &[&str],
    i: usize,
    n: &Negotiation,
) {
    let p = format!("negotiations[{i}]");
    f.reference(
        format!("{p}.account"),
        &n.account,
        account_ids,
        Named::Account,
    );
    let account = s.accounts.iter().find(|a| a.id == n.account);
    if let (Some(buyer), Some(a)) = (&n.buyer, account) {
        let people = people_of(s, a);
        if !people.contains(&buyer.as_str()) {
            f.error(
                format!("{p}.buyer"),
                unknown_person(s, a, buyer, &people, Place::NegotiationAccount, 1),
            );
        }
    }
    let started_by_event = s.events.iter().any(|e| {
        e.choices.iter().any(|c| {
            c.effects
                .iter()
                .any(|x| matches!(x, Effect::StartNegotiation(id) if id == &n.id))
        })
    });
    let opens = n.turn.or(account.and_then(|a| a.contract.renewal_turn));
    match opens {
        Some(t) if (t == 0 || t > s.turns) && !started_by_event => {
            f.error(
                format!("{p}.turn"),
                Problem::NeverOpensTurn {
                    turn: t,
                    turns: s.turns,
                },
            );
        }
        None if !started_by_event && account.is_some() => {
            f.error(format!("{p}.turn"), Problem::NeverOpens)
        }
        _ => {}
    }
    for (name, v) in [
        ("walk_away", n.walk_away),
        ("opening", n.opening),
        ("competitor_offer", n.competitor_offer),
    ] {
        f.range(format!("{p}.{name}"), v, 0.0, 100.0, Quantity::BuyerValue);
    }
    if n.walk_away > n.opening {
        f.error(
            format!("{p}.walk_away"),
            Problem::WalkAwayAboveOpening {
                walk_away: n.walk_away,
                opening: n.opening,
            },
        );
    }
    if n.rounds == 0 {
        f.error(format!("{p}.rounds"), Problem::NoRounds);
    }
    if n.issues.is_empty() {
        f.error(format!("{p}.issues"), Problem::NoIssues);
    }
    if let (Some(buyer), Some(a), Some(t)) = (&n.buyer, account, opens) {
        check_buyer_present(f, s, &p, a, buyer, t);
    }
    let mut best = 0.0;
    let mut total = 0.0;
    for (k, issue) in n.issues.iter().enumerate() {
        let ip = format!("{p}.issues[{k}]");
        f.range(
            format!("{ip}.buyer_weight"),
            issue.buyer_weight,
            0.0,
            100.0,
            Quantity::Weight,
        );
        if issue.options.is_empty() {
            f.error(format!("{ip}.options"), Problem::NoOptions);
        }
        for (o, opt) in issue.options.iter().enumerate() {
            let op = format!("{ip}.options[{o}]");
            f.range(
                format!("{op}.buyer_value"),
                opt.buyer_value,
                0.0,
                100.0,
                Quantity::BuyerValue,
            );
            if let Some(x) = opt.price_level {
                f.range(
                    format!("{op}.price_level"),
                    x,
                    0.1,
                    10.0,
                    Quantity::PriceLevel,
                );
            }
            if let Some(x) = opt.share {
                f.range(format!("{op}.share"), x, 0.0, 100.0, Quantity::Share);
                fraction_for_percent(f, format!("{op}.share"), x, Quantity::Share);
            }
            if let Some(x) = opt.payment_days {
                f.range(
                    format!("{op}.payment_days"),
                    x,
                    0.0,
                    730.0,
                    Quantity::PaymentDays,
                );
            }
            if let Some(x) = opt.service_cost {
                f.range(
                    format!("{op}.service_cost"),
                    x,
                    0.0,
                    1e12,
                    Quantity::ServiceCost,
                );
            }
        }
        check_price_values(f, &ip, issue);
        if s.turn_unit == TurnUnit::Quarter {
            check_length_in_quarters(f, s, &ip, issue, opens);
        }
        let top = issue
            .options
            .iter()
            .map(|o| o.buyer_value)
            .fold(0.0, f64::max);
        best += issue.buyer_weight.max(0.0) * top;
        total += issue.buyer_weight.max(0.0);
    }
    if total > 0.0 {
        check_winnable(f, &p, n, best / total);
    }
}

/// Some offer must clear the buyer's bar: every issue at the buyer's favourite option is the
/// most any offer is worth to them ([`crate::engine::Game::buyer_value`] is a weighted mean),
/// and the bar never falls below the competitor's offer
/// ([`crate::engine::Game::buyer_threshold`]). A negotiation no offer can win is the
/// negotiation's own problem, not one a trainee can fix by raising satisfaction.
fn check_winnable(f: &mut Findings, p: &str, n: &Negotiation, best: f64) {
    if n.competitor_offer > n.walk_away && best < n.competitor_offer {
        f.error(
            format!("{p}.competitor_offer"),
            Problem::CannotBeWon {
                kind: n.kind,
                best,
                competitor: n.competitor_offer,
            },
        );
    } else if best < n.walk_away {
        f.error(
            format!("{p}.walk_away"),
            Problem::NoDeal {
                kind: n.kind,
                best,
                walk_away: n.walk_away,
            },
        );
    }
}

/// A buyer values a lower price more: an option at a higher price level worth more to the
/// buyer than one at a lower level is almost always a slip (values swapped, or a price level
/// written as the discount). Reported once per issue.
fn check_price_values(f: &mut Findings, ip: &str, issue: &Issue) {
    let priced: Vec<(usize, f64, &IssueOption)> = issue
        .options
        .iter()
        .enumerate()
        .filter_map(|(o, opt)| opt.price_level.map(|level| (o, level, opt)))
        .collect();
    for &(o, level, opt) in &priced {
        if let Some(&(_, cheaper_level, cheaper)) = priced
            .iter()
            .find(|(_, l, x)| *l < level && x.buyer_value < opt.buyer_value)
        {
            f.warn(
                format!("{ip}.options[{o}].buyer_value"),
                Problem::PricesSwapped {
                    label: opt.label.clone(),
                    level,
                    value: opt.buyer_value,
                    cheaper_label: cheaper.label.clone(),
                    cheaper_level,
                    cheaper_value: cheaper.buyer_value,
                },
            );
            return;
        }
    }
}

/// Contracts longer than this many quarters (three years) are rare enough in a quarterly
/// scenario to be a length written in months.
const LONGEST_LIKELY_QUARTERS: u32 = 12;

/// `length` counts turns: in a quarterly scenario a contract of "24" (two years in months)
/// runs six years. Warns when an option's contract is longer than three years and runs on for
/// more than two years after the game.
fn check_length_in_quarters(
    f: &mut Findings,
    s: &Scenario,
    ip: &str,
    issue: &Issue,
    opens: Option<u32>,
) {
    let start = opens.unwrap_or(1).min(s.turns);
    for (o, opt) in issue.options.iter().enumerate() {
        let Some(length) = opt.length else { continue };
        let after_game = (start + length).saturating_sub(s.turns);
        if length > LONGEST_LIKELY_QUARTERS && after_game > 8 {
            f.warn(
                format!("{ip}.options[{o}].length"),
                Problem::LengthInMonths {
                    length,
                    start,
                    turns: s.turns,
                },
            );
        }
    }
}

/// The buyer must still be there when the negotiation opens: an event that removes them in
/// that turn or before (events come before negotiations in a turn) leaves nobody across the
/// table, and the buyer's style and support no longer count.
fn check_buyer_present(
    f: &mut Findings,
    s: &Scenario,
    p: &str,
    a: &Account,
    buyer: &str,
    opens: u32,
) {
    for e in &s.events {
        let (first, certain) = match &e.trigger {
            Trigger::Scripted { turn, account } if account == &a.id => (*turn, true),
            Trigger::Conditional {
                account, from_turn, ..
            } if account.as_ref().is_none_or(|id| id == &a.id) => (*from_turn, false),
            _ => continue,
        };
        if first > opens || e.choices.is_empty() {
            continue;
        }
        let removes = |c: &Choice| {
            c.effects
                .iter()
                .any(|x| matches!(x, Effect::RemoveStakeholder(id) if id == buyer))
                && !c
                    .effects
                    .iter()
                    .any(|x| matches!(x, Effect::AddStakeholder(p) if p.id == buyer))
        };
        let every = e.choices.iter().all(removes);
        if !e.choices.iter().any(removes) {
            continue;
        }
        let successors: Vec<String> = e
            .choices
            .iter()
            .flat_map(|c| &c.effects)
            .filter_map(|x| match x {
                Effect::AddStakeholder(p) => Some(p.id.clone()),
                _ => None,
            })
            .fold(Vec::new(), |mut v, id| {
                if !v.contains(&id) {
                    v.push(id);
                }
                v
            });
        f.warn(
            format!("{p}.buyer"),
            Problem::BuyerLeaves {
                buyer: buyer.to_owned(),
                event: e.id.clone(),
                turn: first,
                certain: certain && every,
                opens,
                successors,
            },
        );
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_price_tag_only_on_good_answers_is_a_warning() {
        let prepared = crate::bundled::prepared("tutorial").unwrap();
        let mut s = prepared.scenario.clone();
        assert!(
            !check(&s).iter().any(|f| f.message().contains("price tag")),
            "the bundled tutorial passes"
        );
        for event in &mut s.events {
            for choice in &mut event.choices {
                choice.cost = if choice.verdict == Verdict::Good {
                    2.0
                } else {
                    0.0
                };
            }
        }
        assert!(
            check(&s)
                .iter()
                .any(|f| f.severity == Severity::Warning && f.message().contains("price tag"))
        );
    }

    #[test]
    fn a_money_unit_must_fit_beside_a_label() {
        let prepared = crate::bundled::prepared("classroom_zh").unwrap();
        let mut s = prepared.scenario.clone();
        assert_eq!(s.money_unit.as_deref(), Some("万元"));
        let unit_errors = |s: &Scenario| check(s).iter().filter(|f| f.path == "money_unit").count();
        assert_eq!(unit_errors(&s), 0);
        for bad in ["", "  ", "ten thousand yuan"] {
            s.money_unit = Some(bad.into());
            assert_eq!(unit_errors(&s), 1, "{bad:?}");
        }
        s.money_unit = None;
        assert_eq!(unit_errors(&s), 0, "the unit is optional");
    }

    fn bundled(name: &str) -> Scenario {
        crate::bundled::prepared(name).unwrap().scenario.clone()
    }

    fn on(findings: &[Finding], path: &str) -> Vec<Finding> {
        findings
            .iter()
            .filter(|f| f.path == path)
            .cloned()
            .collect()
    }

    #[test]
    fn bundled_scenarios_validate_without_a_warning() {
        for (file, src) in crate::bundled::SCENARIOS {
            let (prepared, found) = crate::load::load_str(file, src).unwrap();
            let warnings: Vec<_> = found
                .iter()
                .filter(|d| d.severity != Severity::Note)
                .collect();
            assert!(warnings.is_empty(), "{file}: {warnings:#?}");
            // The one note: a difficulty that hides the people says so.
            let hides = !prepared.scenario.difficulty().shows_style_and_need();
            assert_eq!(found.len(), usize::from(hides), "{file}: {found:#?}");
        }
    }

    #[test]
    fn event_words_that_name_a_style_are_flagged_where_people_are_read() {
        let mut s = bundled("classroom_en");
        s.difficulty = Some(Difficulty::Normal);
        assert!(
            check(&s)
                .iter()
                .all(|f| !f.message().contains("names a style")),
            "the bundled classroom names no style"
        );
        s.events[0].choices[0].feedback = "Good: an analytical buyer wants figures.".to_owned();
        let found = on(&check(&s), "events[0].choices[0].feedback");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].message().contains("analytical"));
        s.events[0].text = "对程序型（B）的经理来说".to_owned();
        assert_eq!(on(&check(&s), "events[0].text").len(), 1);
        s.difficulty = Some(Difficulty::Easy);
        assert!(
            check(&s)
                .iter()
                .all(|f| !f.message().contains("names a style"))
        );
    }

    #[test]
    fn an_authors_cue_that_describes_another_style_is_flagged() {
        let mut s = bundled("classroom_en");
        s.difficulty = Some(Difficulty::Normal);
        let person = &mut s.accounts[0].stakeholders[0];
        let other = Style::ALL.into_iter().find(|&x| x != person.style).unwrap();
        person.cues = vec![crate::cues::style_cues(other)[1].en.to_owned()];
        let found = on(&check(&s), "accounts[0].stakeholders[0].cues[0]");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].message().contains("mislead"),
            "{}",
            found[0].message()
        );
        // The person's own style's cue is fine; words the game cannot place get a note that
        // says which style to show, once for the whole scenario.
        let own = s.accounts[0].stakeholders[0].style;
        s.accounts[0].stakeholders[0].cues = vec![crate::cues::style_cues(own)[0].en.to_owned()];
        assert!(
            check(&s)
                .iter()
                .all(|f| !f.path.starts_with("accounts[0].stakeholders[0].cues"))
        );
        s.accounts[0].stakeholders[0].cues = vec!["Wears a blue tie.".to_owned()];
        s.accounts[1].stakeholders[0].cues = vec!["Keeps a cactus.".to_owned()];
        let found = on(&check(&s), "accounts[0].stakeholders[0].cues");
        assert!(
            found[0].message().contains(&format!("style {own:?}")),
            "{found:#?}"
        );
        assert_eq!(found[0].severity, Severity::Note);
        assert!(
            on(&check(&s), "accounts[1].stakeholders[0].cues").is_empty(),
            "said once, not for every person"
        );
        // At Easy the labels are shown and cues are not checked.
        s.difficulty = Some(Difficulty::Easy);
        assert!(on(&check(&s), "accounts[0].stakeholders[0].cues").is_empty());
    }

    #[test]
    fn an_id_with_full_width_punctuation_gets_an_ascii_hint() {
        let mut s = bundled("tutorial");
        s.events[0].id = "rumour_closing，".into();
        let found = on(&check(&s), "events[0].id");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(
            found[0]
                .message()
                .contains("`，` is full-width: write ASCII `,`"),
            "{}",
            found[0].message()
        );
        assert_eq!(ascii_for('：'), Some(':'));
        assert_eq!(ascii_for('“'), Some('"'));
        assert_eq!(ascii_for('华'), None);
        assert!(ascii_hint("华星汽车").is_none(), "Chinese ids are fine");
    }

    #[test]
    fn a_buyer_from_another_account_is_named_with_its_account() {
        let mut s = bundled("classroom_en");
        // Huaxing's renewal, with Dongyue's vice president across the table.
        s.negotiations[0].buyer = Some("he".into());
        let found = on(&check(&s), "negotiations[0].buyer");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].severity, Severity::Error);
        assert!(
            found[0]
                .message()
                .starts_with("stakeholder `he` belongs to account `dongyue`, not to `huaxing`"),
            "{}",
            found[0].message()
        );
    }

    #[test]
    fn an_events_speaker_must_be_one_of_its_accounts_people() {
        let mut s = bundled("classroom_en");
        let (i, account) = s
            .events
            .iter()
            .enumerate()
            .find_map(|(i, e)| match &e.trigger {
                Trigger::Scripted { account, .. } => Some((i, account.clone())),
                _ => None,
            })
            .expect("a scripted event");
        let own = s.accounts.iter().find(|a| a.id == account).unwrap();
        s.events[i].speaker = Some(own.stakeholders[0].id.clone());
        assert!(on(&check(&s), &format!("events[{i}].speaker")).is_empty());
        s.events[i].speaker = Some("nobody".into());
        let found = on(&check(&s), &format!("events[{i}].speaker"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].severity, Severity::Error);
        assert!(
            found[0].message().contains("nobody"),
            "{}",
            found[0].message()
        );
    }

    #[test]
    fn a_buyer_who_may_leave_before_the_negotiation_is_a_warning() {
        let mut s = bundled("classroom_en");
        // Liu Fang leaves in month 5 in every answer; the renewal opens in month 8.
        s.negotiations[0].buyer = Some("liu".into());
        let found = on(&check(&s), "negotiations[0].buyer");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].message().contains(
                "has left by then: event `champion_leaves` removes them in turn 5, before this negotiation opens in turn 8"
            ) && found[0].message().contains("brings in `zhao`"),
            "{}",
            found[0].message()
        );
        // Opened before the departure, the renewal still has her.
        s.negotiations[0].turn = Some(4);
        assert!(on(&check(&s), "negotiations[0].buyer").is_empty());
    }

    #[test]
    fn a_renewal_below_the_walk_away_or_the_competitor_cannot_be_won() {
        let mut s = bundled("classroom_en");
        let base = check(&s);
        assert!(on(&base, "negotiations[1].competitor_offer").is_empty());
        // The tender's best offer is worth 88 to the buyer.
        s.negotiations[1].competitor_offer = 90.0;
        s.negotiations[1].opening = 95.0;
        let found = on(&check(&s), "negotiations[1].competitor_offer");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].message().starts_with("this tender cannot be won"));
        s.negotiations[1].competitor_offer = 0.0;
        s.negotiations[1].walk_away = 90.0;
        let found = check(&s);
        assert!(on(&found, "negotiations[1].competitor_offer").is_empty());
        let walk_away = on(&found, "negotiations[1].walk_away");
        assert!(
            walk_away.len() == 1 && walk_away[0].message().starts_with("no deal is possible"),
            "{walk_away:#?}"
        );
    }

    #[test]
    fn price_levels_share_fractions_and_quarterly_lengths_are_checked() {
        let mut s = bundled("classroom_en");
        s.accounts[1].margin = 0.26;
        assert_eq!(on(&check(&s), "accounts[1].margin").len(), 1);
        // "Two years" as 24 turns: right in a monthly file, six years in a quarterly one.
        let length = "negotiations[0].issues[2].options[0].length";
        assert!(on(&check(&s), length).is_empty());
        s.turn_unit = TurnUnit::Quarter;
        let found = on(&check(&s), length);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].message().contains("24 is 6 years"),
            "{}",
            found[0].message()
        );
        // A three-year term (12 quarters) is a real contract, not a slip.
        s.negotiations[0].issues[2].options[0].length = Some(12);
        assert!(on(&check(&s), length).is_empty());
        // A buyer who values a price cut less than the list price.
        let price = "negotiations[0].issues[0].options[2].buyer_value";
        assert!(on(&check(&s), price).is_empty());
        s.negotiations[0].issues[0].options[0].buyer_value = 95.0;
        assert!(
            on(&check(&s), price).is_empty(),
            "reported once, at the dearer option"
        );
        let found = on(
            &check(&s),
            "negotiations[0].issues[0].options[0].buyer_value",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    /// The scenario with every text a trainee reads (names, titles, stories, labels,
    /// feedback, money unit) blanked: what is left is its numbers, ids and structure.
    fn numbers_only(mut s: Scenario) -> Scenario {
        fn person(x: &mut Stakeholder) {
            (x.name, x.title, x.notes) = Default::default();
        }
        fn effects(effects: &mut [Effect]) {
            for e in effects {
                match e {
                    Effect::AddStakeholder(x) => person(x),
                    Effect::AddOpportunity(o) => o.name.clear(),
                    _ => {}
                }
            }
        }
        (s.title, s.description, s.briefing, s.objectives) = Default::default();
        (s.language, s.money_unit) = (Language::Zh, None);
        for r in &mut s.means.resources {
            (r.name, r.description) = Default::default();
        }
        for a in &mut s.approaches {
            (a.name, a.description) = Default::default();
        }
        for a in &mut s.accounts {
            (a.name, a.industry, a.notes) = Default::default();
            a.stakeholders.iter_mut().for_each(person);
            a.opportunities.iter_mut().for_each(|o| o.name.clear());
        }
        for e in &mut s.events {
            (e.title, e.text) = Default::default();
            for c in &mut e.choices {
                (c.label, c.feedback) = Default::default();
                effects(&mut c.effects);
            }
            effects(&mut e.on_repeat);
        }
        for n in &mut s.negotiations {
            (n.title, n.text, n.feedback) = Default::default();
            for issue in &mut n.issues {
                issue.options.iter_mut().for_each(|o| o.label.clear());
            }
        }
        s
    }

    /// The two classroom scenarios are one case in two languages: the same seed must play the
    /// same game, so every number, id and verdict is identical and only the texts differ.
    #[test]
    fn the_chinese_and_english_classrooms_differ_only_in_text() {
        let (zh, en) = (bundled("classroom_zh"), bundled("classroom_en"));
        assert_eq!(zh.language, Language::Zh);
        assert_eq!(en.language, Language::En);
        let (zh, en) = (numbers_only(zh), numbers_only(en));
        for (a, b) in zh.events.iter().zip(&en.events) {
            assert_eq!(a, b, "event `{}`", a.id);
        }
        for (a, b) in zh.negotiations.iter().zip(&en.negotiations) {
            assert_eq!(a, b, "negotiation `{}`", a.id);
        }
        assert_eq!(zh, en);
    }

    #[test]
    fn suggestions_find_near_misses_only() {
        assert_eq!(
            did_you_mean("huaxn", ["huaxin", "bosch"].into_iter()),
            Some("huaxin")
        );
        assert_eq!(did_you_mean("zzz", ["huaxin", "bosch"].into_iter()), None);
    }
}
