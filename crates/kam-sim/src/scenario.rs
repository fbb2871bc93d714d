//! The scenario format: what an instructor writes in a `.ron` file.
//!
//! Every type here is plain data with serde derives. Optional values default sensibly so a small
//! scenario stays short; `docs/scenario-format.md` documents each field. Behaviour lives in
//! `engine`, checks in `validate`: this file only says what can be expressed.

use serde::{Deserialize, Serialize};

/// One training scenario: a set of key accounts played over a number of turns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Stable identifier, used in result files and class reports.
    pub id: String,
    pub title: String,
    /// One or two sentences shown on the title screen.
    pub description: String,
    /// The story told on the briefing screen.
    #[serde(default)]
    pub briefing: String,
    /// Objectives listed on the briefing screen.
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub language: Language,
    /// What the trainee is shown of the people ([`Difficulty`]); a scenario without it plays
    /// as [`Difficulty::Easy`]. The content hash counts an absent difficulty as `Normal`, as it
    /// was written before the field had effects, so records of older scenarios still replay.
    #[serde(default, serialize_with = "difficulty_as_hashed")]
    pub difficulty: Option<Difficulty>,
    /// Number of turns in a game.
    pub turns: u32,
    #[serde(default)]
    pub turn_unit: TurnUnit,
    /// What one unit of money is, shown beside the money labels of the game (for example
    /// "¥10k" or "万元"), so the numbers agree with a briefing that speaks of ¥200k. Numbers
    /// stay unitless in the model. Left out of the content hash when not set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub money_unit: Option<String>,
    /// The seed used when the player does not choose one (a class code overrides it).
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Practice (the coach previews plans and hints) or exam (neither). Left out of the
    /// content hash when it is the default, so scenarios written before it keep their hash.
    #[serde(default, skip_serializing_if = "Mode::is_practice")]
    pub mode: Mode,
    pub means: Means,
    #[serde(default)]
    pub scoring: Scoring,
    pub accounts: Vec<Account>,
    /// Visit approaches; the four standard ones when left empty.
    #[serde(default)]
    pub approaches: Vec<Approach>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub negotiations: Vec<Negotiation>,
}

fn default_seed() -> u64 {
    1
}

/// Whether the game coaches while the trainee plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Mode {
    /// The coach previews each plan's expected effect and hints at broken teaching points.
    #[default]
    Practice,
    /// No preview and no hints: the trainee's own judgement is assessed.
    Exam,
}

impl Scenario {
    /// The difficulty the scenario plays at: its own, else `Easy`.
    pub fn difficulty(&self) -> Difficulty {
        self.difficulty.unwrap_or_default()
    }
}

impl Mode {
    pub fn is_practice(&self) -> bool {
        *self == Mode::Practice
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Language {
    #[default]
    #[serde(alias = "zh")]
    Zh,
    #[serde(alias = "en")]
    En,
}

impl Language {
    /// The one zh/en picker of the project: the text for this language.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Language::Zh => zh,
            Language::En => en,
        }
    }
}

/// How much of the people the trainee is shown (issue 19, "read the people").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Difficulty {
    /// Guided: each person's style and need, and every pitch's fit word.
    #[default]
    Easy,
    /// Read the people: cues and reactions instead of style and need; a pitch's fit word once
    /// a visit has shown it.
    Normal,
    /// Exam: cues and reactions only; no fit word, no preview, no hints.
    Hard,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Normal, Difficulty::Hard];

    /// Whether the trainee is shown each person's style and need.
    pub fn shows_style_and_need(self) -> bool {
        self == Difficulty::Easy
    }

    /// Whether the trainee is shown a pitch's fit word: always (Easy), once a visit has shown
    /// it (Normal), never (Hard).
    pub fn shows_fit(self, seen_in_a_visit: bool) -> bool {
        match self {
            Difficulty::Easy => true,
            Difficulty::Normal => seen_in_a_visit,
            Difficulty::Hard => false,
        }
    }

    /// Whether the coach may preview plans and hint (still subject to the scenario's mode).
    pub fn allows_coaching(self) -> bool {
        self != Difficulty::Hard
    }

    /// How many cues are drawn from the built-in bank for a person the author gave none, as
    /// (style cues, need cues): two and one, except in the exam (Hard), where one style cue
    /// is all the person shows up front and their need is read from their reactions (a
    /// playtest at Normal read every person right from the cues alone in month 1).
    pub fn bank_cues_drawn(self) -> (usize, usize) {
        match self {
            Difficulty::Easy | Difficulty::Normal => (2, 1),
            Difficulty::Hard => (1, 0),
        }
    }

    /// The lower-case name used on the command line: easy, normal, hard.
    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Normal => "normal",
            Difficulty::Hard => "hard",
        }
    }
}

impl std::str::FromStr for Difficulty {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Difficulty::ALL
            .into_iter()
            .find(|d| d.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown difficulty `{s}`: easy, normal or hard"))
    }
}

/// The difficulty as the content hash has always seen it: an absent one as `Normal`.
fn difficulty_as_hashed<S: serde::Serializer>(
    difficulty: &Option<Difficulty>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    difficulty
        .unwrap_or(Difficulty::Normal)
        .serialize(serializer)
}

/// What one turn stands for; visit norms are per month and scale with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TurnUnit {
    #[default]
    Month,
    Quarter,
}

impl TurnUnit {
    pub fn months(self) -> f64 {
        match self {
            TurnUnit::Month => 1.0,
            TurnUnit::Quarter => 3.0,
        }
    }
}

/// The trainee's means each turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Means {
    /// Visits the trainee can make in one turn, across all accounts.
    pub visits_per_turn: u32,
    /// Money for resources in one turn; unspent budget does not carry over.
    pub budget_per_turn: f64,
    /// The catalogue of resources; a standard catalogue when left empty.
    #[serde(default)]
    pub resources: Vec<Resource>,
}

/// Something the trainee can spend budget on for one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    pub id: String,
    pub name: String,
    pub cost: f64,
    #[serde(default)]
    pub description: String,
    /// Satisfaction points the first unit adds; each further unit in the same turn adds half the previous.
    #[serde(default)]
    pub satisfaction: f64,
    /// Support points added to every stakeholder of the account (first unit; halves likewise).
    #[serde(default)]
    pub support: f64,
    /// Share of wallet points (0 to 100 scale) the first unit adds.
    #[serde(default)]
    pub share: f64,
    /// Margin points this turn (a discount is negative).
    #[serde(default)]
    pub margin: f64,
    /// Competitor pressure change (negative relieves pressure).
    #[serde(default)]
    pub pressure: f64,
    /// Units allowed per account and turn.
    #[serde(default = "one")]
    pub max_per_account: u32,
}

fn one() -> u32 {
    1
}

/// How the final score is weighted and graded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    #[serde(default = "weight_third")]
    pub retention_weight: f64,
    #[serde(default = "weight_third")]
    pub profit_weight: f64,
    #[serde(default = "weight_third")]
    pub satisfaction_weight: f64,
    /// Total profit that earns a full profit score; derived from the accounts when absent.
    #[serde(default)]
    pub profit_target: Option<f64>,
    /// Total profit that earns a profit score of zero; derived when absent.
    #[serde(default)]
    pub profit_floor: Option<f64>,
    /// Composite scores needed for grades A, B, C and D (below D is F).
    #[serde(default = "default_grades")]
    pub grades: [f64; 4],
}

fn weight_third() -> f64 {
    1.0
}

impl Scoring {
    /// The three weights together: the composite is their weighted mean, each weight over
    /// this (the one place they are added, so every reader of the weights divides alike).
    pub fn total_weight(&self) -> f64 {
        self.retention_weight + self.profit_weight + self.satisfaction_weight
    }
}

fn default_grades() -> [f64; 4] {
    [80.0, 65.0, 50.0, 35.0]
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            retention_weight: 1.0,
            profit_weight: 1.0,
            satisfaction_weight: 1.0,
            profit_target: None,
            profit_floor: None,
            grades: default_grades(),
        }
    }
}

/// The courseware's account tiers: A producing (产出), B incubating (孵化), C potential (潜在).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Tier {
    A,
    B,
    C,
}

/// Account levels of the courseware's visit norms (科学的制定计划).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    /// 核心: 2 branch + 2 HQ visits a month.
    Core,
    /// 高级: 2 + 1.
    Senior,
    /// 中级: 1 + 1.
    Mid,
    /// 一般: 1 + 1 every two months.
    General,
}

impl Level {
    /// Visits a month the courseware recommends ([`crate::model::level_monthly_visits`]).
    pub fn monthly_visits(self) -> f64 {
        crate::model::level_monthly_visits(self)
    }

    /// The level an account of `tier` gets when the scenario names none.
    pub fn for_tier(tier: Tier) -> Level {
        crate::model::level_for_tier(tier)
    }
}

/// A key account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub industry: String,
    pub tier: Tier,
    /// Level for the visit norm; follows the tier when absent (A Senior, B Mid, C General).
    #[serde(default)]
    pub level: Option<Level>,
    /// Visits per month this account needs; from the level when absent.
    #[serde(default)]
    pub visit_norm: Option<f64>,
    #[serde(default)]
    pub notes: String,
    /// The customer's whole spend in this category per turn (wallet), in money.
    pub potential: f64,
    /// Our share of that wallet, 0 to 100.
    pub share: f64,
    /// Gross margin on our sales, in percent.
    pub margin: f64,
    /// Cost to serve per turn, in money.
    #[serde(default)]
    pub cost_to_serve: f64,
    /// Starting satisfaction, 0 to 100.
    #[serde(default = "fifty")]
    pub satisfaction: f64,
    /// Competitor pressure, 0 (none) to 100 (a competitor is at the door every week).
    #[serde(default = "twenty")]
    pub pressure: f64,
    /// Credit risk, 0 (blue chip) to 100 (likely default).
    #[serde(default)]
    pub credit_risk: f64,
    #[serde(default)]
    pub contract: Contract,
    #[serde(default)]
    pub response: Response,
    #[serde(default)]
    pub stakeholders: Vec<Stakeholder>,
    #[serde(default)]
    pub opportunities: Vec<Opportunity>,
}

fn fifty() -> f64 {
    50.0
}

fn twenty() -> f64 {
    20.0
}

/// The account's current contract; a negotiation may replace it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// Price relative to list: 1.0 is list price, 0.9 a 10 % discount.
    #[serde(default = "one_f")]
    pub price_level: f64,
    /// Days the customer takes to pay.
    #[serde(default = "thirty")]
    pub payment_days: f64,
    /// The turn (1-based) the contract comes up for renewal; none means it runs past the game.
    #[serde(default)]
    pub renewal_turn: Option<u32>,
    /// Extra cost to serve per turn for the agreed service level.
    #[serde(default)]
    pub service_cost: f64,
}

fn one_f() -> f64 {
    1.0
}

fn thirty() -> f64 {
    30.0
}

impl Default for Contract {
    fn default() -> Self {
        Contract {
            price_level: 1.0,
            payment_days: 30.0,
            renewal_turn: None,
            service_cost: 0.0,
        }
    }
}

/// How an account's satisfaction responds to visits in a turn (ADBUDG, Little 1970):
/// gain(x) = min + (max − min) · x^c / (d + x^c), with x the style-weighted visits and d
/// defaulting to the visit norm raised to c, so the norm buys half the possible gain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Satisfaction change with no visit at all (negative: neglect).
    #[serde(default = "neglect_default")]
    pub min: f64,
    /// Satisfaction change with unlimited visits.
    #[serde(default = "max_default")]
    pub max: f64,
    /// Shape: below 1 concave, above 1 S-shaped.
    #[serde(default = "shape_default")]
    pub c: f64,
    /// Half-saturation constant; the visit norm to the power c when absent.
    #[serde(default)]
    pub d: Option<f64>,
}

fn neglect_default() -> f64 {
    -6.0
}

fn max_default() -> f64 {
    10.0
}

fn shape_default() -> f64 {
    1.3
}

impl Default for Response {
    fn default() -> Self {
        Response {
            min: neglect_default(),
            max: max_default(),
            c: shape_default(),
            d: None,
        }
    }
}

/// Layers of the buying centre (客户关键人物).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Layer {
    /// 形象层: executives who value status.
    Image,
    /// 决策层: leadership approval.
    Decision,
    /// 实施层: get it done well.
    Implementation,
    /// 使用层: easy to use.
    User,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BuyingRole {
    Initiator,
    DecisionMaker,
    Specifier,
    Evaluator,
    User,
    Purchaser,
    Gatekeeper,
}

/// The four-quadrant (whole-brain) communication styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Style {
    /// A, analytical: facts, numbers, logic.
    A,
    /// B, sequential: details, order, rules, safety first.
    B,
    /// C, interpersonal: shared experience, examples, feelings.
    C,
    /// D, imaginative: big picture, the future.
    D,
}

impl Style {
    pub const ALL: [Style; 4] = [Style::A, Style::B, Style::C, Style::D];
}

/// Personal needs (个人需求).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Need {
    Power,
    Achievement,
    Recognition,
    Acceptance,
    Security,
}

impl Need {
    pub const ALL: [Need; 5] = [
        Need::Power,
        Need::Achievement,
        Need::Recognition,
        Need::Acceptance,
        Need::Security,
    ];
}

/// A person in the account's buying centre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stakeholder {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub title: String,
    pub layer: Layer,
    pub role: BuyingRole,
    /// Weight in the buying decision, 1 to 10.
    #[serde(default = "five")]
    pub influence: f64,
    /// Support for us, 0 (opponent) to 100 (champion).
    #[serde(default = "fifty")]
    pub support: f64,
    pub style: Style,
    pub need: Need,
    #[serde(default)]
    pub notes: String,
    /// What the person says and does, shown instead of their style and need from `Normal`
    /// difficulty up; when empty the game draws two or three from its built-in bank
    /// ([`crate::cues`]). Left out of the content hash when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cues: Vec<String>,
}

fn five() -> f64 {
    5.0
}

/// An opportunity in the account's sales funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opportunity {
    pub id: String,
    pub name: String,
    /// Revenue if won, booked in the turn it closes.
    pub value: f64,
    /// Funnel stage 1 to 6, with win rates 5, 10, 20, 30, 50 and 80 %.
    #[serde(default = "one")]
    pub stage: u32,
    /// The turn the customer decides.
    pub close_turn: u32,
}

pub use crate::model::STAGE_WIN_RATES;

/// A way of running a visit; its effect depends on the stakeholder's style and need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approach {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Effect multiplier per style, in the order A, B, C, D.
    pub style_fit: [f64; 4],
    /// Needs this approach speaks to: a further 25 % for those stakeholders.
    #[serde(default)]
    pub needs: Vec<Need>,
}

/// An event: a rumour, an objection, a stakeholder change and so on, with choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    pub title: String,
    pub text: String,
    pub trigger: Trigger,
    pub choices: Vec<Choice>,
    /// Effects applied when an objection comes back unresolved, multiplied by how often it
    /// came before: a repeated objection is what the customer values most.
    #[serde(default)]
    pub on_repeat: Vec<Effect>,
    /// The teaching point this event practises.
    #[serde(default)]
    pub lesson: Option<Lesson>,
    /// The stakeholder (an id of the account's buying centre) who raises the event and takes
    /// the answer, in the voice of their style; when absent, or not present at the time, the
    /// account's most influential person present. Left out of the content hash when not set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventKind {
    /// A competitor's rumour the customer repeats; `true_rumour` says whether it is founded.
    Rumour {
        true_rumour: bool,
    },
    Objection,
    StakeholderChange,
    PaymentDelay,
    WarningSign,
    Opportunity,
    Other,
}

/// When an event fires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Trigger {
    /// At the end of the given turn, for the given account.
    Scripted { turn: u32, account: String },
    /// Each turn, with a probability, when every condition holds.
    Conditional {
        /// The account it concerns; any account matching the conditions when absent.
        #[serde(default)]
        account: Option<String>,
        probability: f64,
        #[serde(default)]
        when: Vec<Condition>,
        #[serde(default = "one")]
        from_turn: u32,
        #[serde(default)]
        to_turn: Option<u32>,
        /// How many times it can fire in a game (per account).
        #[serde(default = "one")]
        max_times: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    SatisfactionBelow(f64),
    SatisfactionAbove(f64),
    PressureAbove(f64),
    SupportBelow(f64),
    /// Turns in a row with fewer visits than the norm.
    NeglectedFor(u32),
    Tier(Tier),
}

/// One answer to an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub label: String,
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// Why this answer works or not; shown after choosing.
    pub feedback: String,
    /// The courseware's judgement of this answer, for the debrief's teaching points.
    #[serde(default)]
    pub verdict: Verdict,
    /// For objections: this answer solves it for good.
    #[serde(default)]
    pub resolves: bool,
    /// Budget spent on this answer, this turn.
    #[serde(default)]
    pub cost: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Verdict {
    Good,
    #[default]
    Neutral,
    Poor,
}

/// What an event choice changes in the account it concerns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// Satisfaction points.
    Satisfaction(f64),
    /// Support points for one stakeholder (by id), or all of them when the id is empty.
    Support(String, f64),
    /// Share of wallet points.
    Share(f64),
    /// Competitor pressure points.
    Pressure(f64),
    /// Margin points for the rest of the game.
    Margin(f64),
    /// One-off money in (positive) or out (negative) this turn.
    Cash(f64),
    /// Days added to payment terms.
    PaymentDays(f64),
    /// A stakeholder leaves the buying centre.
    RemoveStakeholder(String),
    /// A new person joins the buying centre.
    AddStakeholder(Stakeholder),
    /// A new opportunity enters the funnel.
    AddOpportunity(Opportunity),
    /// Opens a negotiation (by id) this turn.
    StartNegotiation(String),
    /// The customer leaves.
    Lose,
}

/// The courseware's teaching points, used to tag events and explain the debrief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Lesson {
    Tiering,
    Allocation,
    BuyingCentre,
    Style,
    Rumour,
    Objection,
    Negotiation,
    WarningSigns,
    Pipeline,
    Lifecycle,
}

impl Lesson {
    pub const ALL: [Lesson; 10] = [
        Lesson::Tiering,
        Lesson::Allocation,
        Lesson::BuyingCentre,
        Lesson::Style,
        Lesson::Rumour,
        Lesson::Objection,
        Lesson::Negotiation,
        Lesson::WarningSigns,
        Lesson::Pipeline,
        Lesson::Lifecycle,
    ];
}

/// A renewal or tender negotiated over several issues.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Negotiation {
    pub id: String,
    pub account: String,
    #[serde(default)]
    pub kind: NegotiationKind,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub text: String,
    /// The turn it opens; the contract's renewal turn when absent (or when an event starts it).
    #[serde(default)]
    pub turn: Option<u32>,
    /// The stakeholder across the table; their style shapes how the buyer concedes.
    #[serde(default)]
    pub buyer: Option<String>,
    pub issues: Vec<Issue>,
    /// The least value (0 to 100) the buyer will accept at the final round.
    pub walk_away: f64,
    /// What the buyer starts out demanding (0 to 100); concedes towards walk_away each round.
    #[serde(default = "opening_default")]
    pub opening: f64,
    /// The competitor's offer as the buyer sees it (0 to 100): a deal must beat it.
    #[serde(default)]
    pub competitor_offer: f64,
    #[serde(default = "three")]
    pub rounds: u32,
    /// Text shown with the summary, what the negotiation teaches.
    #[serde(default)]
    pub feedback: String,
}

fn opening_default() -> f64 {
    85.0
}

fn three() -> u32 {
    3
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum NegotiationKind {
    #[default]
    Renewal,
    Tender,
}

/// One issue on the table, with the options either side can put forward.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    pub topic: Topic,
    /// How much the buyer cares about this issue, hidden from the trainee.
    pub buyer_weight: f64,
    pub options: Vec<IssueOption>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Topic {
    Price,
    Volume,
    PaymentTerms,
    ContractLength,
    ServiceLevel,
}

/// One option for an issue and what it does to the contract when agreed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueOption {
    pub label: String,
    /// How good this option is for the buyer, 0 to 100.
    pub buyer_value: f64,
    #[serde(default)]
    pub price_level: Option<f64>,
    #[serde(default)]
    pub share: Option<f64>,
    #[serde(default)]
    pub payment_days: Option<f64>,
    /// Turns the new contract runs.
    #[serde(default)]
    pub length: Option<u32>,
    #[serde(default)]
    pub service_cost: Option<f64>,
}
