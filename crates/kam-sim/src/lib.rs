//! kam-sim: the engine-free core of kam-trainer.
//!
//! It loads and validates an instructor's scenario, plays it turn by turn deterministically,
//! scores and explains the outcome, plays it with built-in strategies and replays result files.
//! Nothing here knows about windows or frames: the game and the command line are thin layers
//! over this crate.
//!
//! The crate's face: three public modules, the authoring format ([`scenario`]), the model's
//! documented formulas and constants ([`model`]) and the words shown to people ([`words`]);
//! everything else other crates use is re-exported here, by job, a few under a name that says
//! more at the crate's root than in their module (`record::read` is [`read_record`]). The
//! modules behind them are private: what is not listed here is the crate's own business.

pub mod model;
pub mod scenario;
pub mod words;

// The core: a prepared scenario, the game it plays and its typed ids.
mod engine;
mod ids;
pub use engine::{
    AccountState, BuyerReply, Cause, ChoiceRecord, CloseDraw, Decision, DecisionError, EventScope,
    Exchange, Game, Metric, NegotiationRecord, NegotiationState, OfferError, OpportunityState,
    OpportunityStatus, Pending, Plan, PlanError, PlanPreview, Prepared, Resolved, ResolvedEffect,
    ResourceUse, Source, Target, TurnRecord, Visit,
};
pub use ids::{AccountId, ApproachId, EventId, MemberId, NegotiationId, PersonId, ResourceId};

// Scores and result files; why a decision or a record is refused, in words (`refusals`).
mod record;
mod refusals;
mod score;
pub use record::{
    Difference, FORMAT as RECORD_FORMAT, Figure, GameRecord, RestoreError,
    Verdict as RecordVerdict, file_safe, from_str as record_from_str, log_before_month,
    read as read_record, record as record_game, restore as restore_record, scenario_hash,
    seed_from_code, sha256_hex, to_string as record_to_string, verify as verify_record,
    write_atomic as write_record_atomic, write_text_atomic,
};
pub use score::{Grade, Scores, baseline_profit_rate, score as score_game};

// Authoring: loading, checking, the bundled scenarios and generated ones.
mod bundled;
mod catalogue;
mod generate;
mod load;
mod problems;
mod validate;
pub use bundled::{
    Found as FoundScenario, SCENARIOS as BUNDLED_SCENARIOS, by_name as bundled_scenario,
    find as find_scenario, names as bundled_names, prepared as bundled_prepared,
};
pub use generate::generate as generate_scenario;
pub use load::{Diagnostic, Severity, language_of, load_bytes, load_file, load_str};
pub use problems::{Flaw, Problem, headed};

// Teaching: explanations, the debrief, the coach, reading people, reviews of a game.
mod chance;
mod coach;
mod compare;
mod cues;
mod debrief;
mod explain;
mod negotiation_review;
mod negotiation_verdict;
mod reading;
mod reading_review;
mod verdict;
pub use chance::{ChanceDraw, Draw, Luck, draws as chance_draws};
pub use coach::{
    Hint, Mistake, MistakeKind, PlanPart, Spending, VisitMoves, costliest_mistakes,
    hints as coach_hints, money_losers, objection_hint,
};
pub use compare::{
    MonthComparison, MonthLine, PlanLine, PlanReasons, months as compare_months, plan_lines,
};
pub use cues::Line as SpokenLine;
pub use debrief::{AccountStory, Debrief, KeyDecision, debrief as debrief_game, lessons_missed};
pub use explain::{
    Warning, WarningLevel, WarningSign, cause_text, metric_help, metric_name, resource_effects,
    shown_scale, warnings as account_warnings,
};
pub use negotiation_review::{
    Ask, BuyerSignal, ListPrice, Priced, Review as NegotiationReview, ReviewLine,
    Table as OfferTable, all_offers as negotiation_offers, value_formula,
};
pub use negotiation_verdict::{
    DealVerdict, NOTHING_GIVEN_AWAY, WIN_WIN_PROFIT_KEPT, deal_verdict, is_win_win,
    negotiation_verdicts,
};
pub use reading::{
    Reaction, Reading, Said, answer_reaction, cues as person_cues, event_speaker, fit_seen,
    need_at_the_table, reactions,
};
pub use reading_review::{PersonReading, review as review_reading};
pub use verdict::{Evidence, LeftBehind, LessonOutcome, Stray};
pub use words::negotiation::{counter_words, offer_labels, says_must};

// A class's aggregates, shared by the class server's dashboard and `kam report`.
mod class_summary;
pub use class_summary::{
    AccountTally, ClassSummary, ExpertRun, GameTally, LessonTally, expert_run,
};

// Labs: the built-in strategies, many games at once, the balance lab and the ablations.
mod ablation;
mod batch;
mod strategy;
mod teaching;
pub use ablation::{
    MIN_WORTH, Variant as ScenarioVariant, Worth as TeachingWorth, teaching_values,
    variant as scenario_variant,
};
pub use batch::{Distribution, Summary as StrategySummary, par_map, play, scores as score_runs};
pub use strategy::{
    Ablation, AblationKind, Strategy, StrategyId, UnknownStrategy, next_decision, play_out,
};
pub use teaching::{
    EXPERT_BEATS_RANDOM_SHARE, EXPERT_OVER_EVEN, EXPERT_OVER_RANDOM, IDLE_BUDGET, LOST_BY_ALL,
    Lab as BalanceLab, RARE_EVENT, SkillCheck, SkillEvidence, SkillTest, StrategyRun,
    TeachingWarning, default_runs, lab as balance_lab, locate, review as review_teaching,
    review_lab, review_with_progress, skill_checks,
};
