//! The names of the built-in strategies: [`StrategyId`] for the benchmarks and the ablations,
//! [`Ablation`] for the expert with one teaching point taken away, each with the name
//! `--strategy` takes (parsed, shown and serialized as that name) and the strategy it builds.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::Strategy;
use super::expert::{Expert, Habits};
use super::naive::{Kind, Naive};
use crate::engine::Prepared;
use crate::scenario::EventKind;

/// Whether an ablation removes a taught behaviour or adds a bad habit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AblationKind {
    /// The expert without a behaviour the courseware teaches: what the behaviour is worth.
    TaughtBehaviour,
    /// The expert with a habit the courseware warns against: what the habit costs.
    BadHabit,
}

/// One ablation: the expert with one teaching point taken away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ablation {
    SpreadVisits,
    RandomPitch,
    StereotypePitch,
    WorstRumour,
    StopGap,
    IgnoreWarnings,
    Concede,
    DiscountAll,
    OverServe,
}

impl Ablation {
    /// Every ablation, in the order of the courseware's teaching points.
    pub const ALL: [Ablation; 9] = [
        Ablation::SpreadVisits,
        Ablation::RandomPitch,
        Ablation::StereotypePitch,
        Ablation::WorstRumour,
        Ablation::StopGap,
        Ablation::IgnoreWarnings,
        Ablation::Concede,
        Ablation::DiscountAll,
        Ablation::OverServe,
    ];

    /// What `--strategy` takes for it.
    pub const fn name(self) -> &'static str {
        match self {
            Ablation::SpreadVisits => "spread-visits",
            Ablation::RandomPitch => "random-pitch",
            Ablation::StereotypePitch => "stereotype-pitch",
            Ablation::WorstRumour => "worst-rumour",
            Ablation::StopGap => "stop-gap",
            Ablation::IgnoreWarnings => "ignore-warnings",
            Ablation::Concede => "concede",
            Ablation::DiscountAll => "discount-all",
            Ablation::OverServe => "over-serve",
        }
    }

    pub const fn kind(self) -> AblationKind {
        match self {
            Ablation::Concede | Ablation::DiscountAll | Ablation::OverServe => {
                AblationKind::BadHabit
            }
            _ => AblationKind::TaughtBehaviour,
        }
    }

    /// The teaching point, as the courseware puts it (in English; both languages are
    /// [`crate::words::teaching_point`]'s).
    pub const fn teaching_point(self) -> &'static str {
        match self {
            Ablation::SpreadVisits => "allocate scarce visits by value and potential",
            Ablation::RandomPitch => "speak to each person's style and needs",
            Ablation::StereotypePitch => {
                "read each person's style and needs from what they say and do"
            }
            Ablation::WorstRumour => "handle competitor rumours calmly",
            Ablation::StopGap => "solve a repeated objection for good",
            Ablation::IgnoreWarnings => "watch the warning signs and act in time",
            Ablation::Concede => "conceding the buyer's first demand instead of trading (win-win)",
            Ablation::DiscountAll => "buying loyalty with a discount for every account",
            Ablation::OverServe => "over-serving the biggest-revenue account",
        }
    }

    /// Whether a scenario, at the difficulty it is played, gives this teaching point anything
    /// to act on.
    pub fn exercised(self, prepared: &Prepared) -> bool {
        let s = &prepared.scenario;
        match self {
            Ablation::SpreadVisits | Ablation::OverServe => s.accounts.len() > 1,
            Ablation::RandomPitch => true,
            // From `Normal` up the labels are hidden and the people must be read.
            Ablation::StereotypePitch => !prepared.difficulty.shows_style_and_need(),
            Ablation::WorstRumour => s
                .events
                .iter()
                .any(|e| matches!(e.kind, EventKind::Rumour { .. }) && e.choices.len() > 1),
            Ablation::StopGap => s.events.iter().any(|e| {
                e.kind == EventKind::Objection
                    && e.choices.iter().any(|c| c.resolves)
                    && e.choices.iter().any(|c| !c.resolves)
            }),
            Ablation::IgnoreWarnings => s
                .events
                .iter()
                .any(|e| matches!(e.kind, EventKind::WarningSign | EventKind::PaymentDelay)),
            Ablation::Concede => !s.negotiations.is_empty(),
            Ablation::DiscountAll => {
                let standard = s.means.resources.is_empty();
                standard || s.means.resources.iter().any(|r| r.margin < 0.0)
            }
        }
    }

    /// The one habit this ablation gives the expert.
    fn habits(self) -> Habits {
        let none = Habits::default();
        match self {
            Ablation::SpreadVisits => Habits {
                spread_visits: true,
                ..none
            },
            Ablation::RandomPitch => Habits {
                random_pitch: true,
                ..none
            },
            Ablation::StereotypePitch => Habits {
                stereotype_pitch: true,
                ..none
            },
            Ablation::WorstRumour => Habits {
                worst_rumour: true,
                ..none
            },
            Ablation::StopGap => Habits {
                stop_gap: true,
                ..none
            },
            Ablation::IgnoreWarnings => Habits {
                ignore_warnings: true,
                ..none
            },
            Ablation::Concede => Habits {
                concede: true,
                ..none
            },
            Ablation::DiscountAll => Habits {
                discount_all: true,
                ..none
            },
            Ablation::OverServe => Habits {
                over_serve: true,
                ..none
            },
        }
    }
}

/// A built-in strategy: the benchmarks and the ablations, named once here. Parsed from and
/// shown as the name `--strategy` takes; serialized as that name too, so result files keep it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StrategyId {
    Random,
    Even,
    TierNorms,
    Pareto,
    Expert,
    Ablation(Ablation),
}

impl StrategyId {
    /// The benchmark strategies, weakest first.
    pub const BENCHMARKS: [StrategyId; 5] = [
        StrategyId::Random,
        StrategyId::Even,
        StrategyId::TierNorms,
        StrategyId::Pareto,
        StrategyId::Expert,
    ];

    /// Every built-in strategy: the benchmarks, then the ablations.
    pub const ALL: [StrategyId; 14] = {
        let mut all = [StrategyId::Random; 14];
        let mut i = 0;
        while i < 14 {
            all[i] = if i < 5 {
                StrategyId::BENCHMARKS[i]
            } else {
                StrategyId::Ablation(Ablation::ALL[i - 5])
            };
            i += 1;
        }
        all
    };

    /// What `--strategy` takes, in both languages.
    pub const fn name(self) -> &'static str {
        match self {
            StrategyId::Random => "random",
            StrategyId::Even => "even",
            StrategyId::TierNorms => "tier-norms",
            StrategyId::Pareto => "pareto",
            StrategyId::Expert => "expert",
            StrategyId::Ablation(a) => a.name(),
        }
    }

    /// One line on what it does, for `kam strategies` and the game, in English: the
    /// descriptions in both languages are [`crate::words::strategy_description`]'s.
    pub fn describe(self) -> &'static str {
        crate::words::strategy_description(crate::words::Lang::En, self.name())
    }

    /// The strategy, with its own random stream derived from the game's seed.
    pub fn build(self, seed: u64) -> Box<dyn Strategy> {
        let rng = ChaCha8Rng::seed_from_u64(seed ^ 0x005E_ED0F_57A7_E6E5);
        let naive = |kind| {
            Box::new(Naive {
                kind,
                rng: rng.clone(),
            }) as Box<dyn Strategy>
        };
        let expert = |habits| {
            Box::new(Expert {
                habits,
                rng: rng.clone(),
            }) as Box<dyn Strategy>
        };
        match self {
            StrategyId::Random => naive(Kind::Random),
            StrategyId::Even => naive(Kind::Even),
            StrategyId::TierNorms => naive(Kind::TierNorms),
            StrategyId::Pareto => naive(Kind::Pareto),
            StrategyId::Expert => expert(Habits::default()),
            StrategyId::Ablation(a) => expert(a.habits()),
        }
    }
}

impl std::fmt::Display for StrategyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `pad`, not `write_str`: tables align strategies with `{:<12}`.
        f.pad(self.name())
    }
}

/// A name that is no built-in strategy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownStrategy(pub String);

impl std::fmt::Display for UnknownStrategy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown strategy `{}`", self.0)
    }
}

impl std::error::Error for UnknownStrategy {}

impl std::str::FromStr for StrategyId {
    type Err = UnknownStrategy;

    fn from_str(name: &str) -> Result<StrategyId, UnknownStrategy> {
        StrategyId::ALL
            .into_iter()
            .find(|s| s.name() == name)
            .ok_or_else(|| UnknownStrategy(name.to_owned()))
    }
}

impl serde::Serialize for StrategyId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for StrategyId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<StrategyId, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}
