//! The debrief's answers that mattered and its account stories in words ([`KeyDecision`],
//! [`AccountStory`], worked out in `crate::debrief`): the events, answers and people as the
//! scenario and the game name them.

use super::Lang;
use crate::debrief::{AccountStory, KeyDecision};
use crate::engine::Game;
use crate::explain::cause_text_over_game;
use crate::scenario::{Choice, Scenario};

impl KeyDecision {
    /// The event and the answer given: 「标题：回答」, "Title: answer".
    pub fn words(&self, scenario: &Scenario, lang: Lang) -> String {
        let title = &scenario.events[self.event].title;
        let label = self.choice(scenario).map_or("?", |c| c.label.as_str());
        lang.pick(format!("{title}：{label}"), format!("{title}: {label}"))
    }

    /// The courseware's feedback on the answer, as the scenario wrote it.
    pub fn feedback<'s>(&self, scenario: &'s Scenario) -> &'s str {
        self.choice(scenario).map_or("", |c| c.feedback.as_str())
    }

    fn choice<'s>(&self, scenario: &'s Scenario) -> Option<&'s Choice> {
        scenario
            .events
            .get(self.event.index())?
            .choices
            .get(self.choice)
    }
}

impl AccountStory {
    /// The account's largest causes in words, each with its change in satisfaction over the
    /// game, largest first. `game` is the game the story was told of: a visit's cause names
    /// the person visited, whom the game may have brought in.
    pub fn cause_words(&self, game: &Game, lang: Lang) -> Vec<(String, f64)> {
        self.causes
            .iter()
            .map(|c| {
                (
                    cause_text_over_game(game, self.account.index(), c, lang),
                    c.delta,
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strategy::StrategyId;

    /// A story sums each cause over the game once: no two of an account's causes read the
    /// same in either language (two that did would be one cause told twice).
    #[test]
    fn each_cause_of_a_story_reads_differently() {
        for name in ["classroom_zh", "classroom_en", "tutorial"] {
            let prepared = crate::bundled::prepared(name).unwrap();
            for strategy in [StrategyId::Random, StrategyId::Expert, StrategyId::Even] {
                let game = crate::batch::play(&prepared, strategy, 11).unwrap();
                let debrief = crate::debrief::debrief(&game);
                for story in &debrief.accounts {
                    for lang in [Lang::Zh, Lang::En] {
                        let words = story.cause_words(&game, lang);
                        assert_eq!(words.len(), story.causes.len());
                        for (i, (text, _)) in words.iter().enumerate() {
                            assert!(!text.is_empty());
                            assert!(
                                words[..i].iter().all(|(other, _)| other != text),
                                "{name} {strategy}: {text} twice"
                            );
                        }
                    }
                }
            }
        }
    }

    /// An answer that mattered names its event and answer in the scenario's words, and its
    /// feedback is the scenario's.
    #[test]
    fn a_key_decision_reads_as_its_event_and_answer() {
        let prepared = crate::bundled::prepared("classroom_zh").unwrap();
        let game = crate::batch::play(&prepared, StrategyId::Expert, 2).unwrap();
        let debrief = crate::debrief::debrief(&game);
        let decision = debrief
            .decisions
            .first()
            .expect("the expert answers events");
        let event = &prepared.scenario.events[decision.event];
        let choice = &event.choices[decision.choice];
        assert_eq!(
            decision.words(&prepared.scenario, Lang::Zh),
            format!("{}：{}", event.title, choice.label)
        );
        assert_eq!(
            decision.words(&prepared.scenario, Lang::En),
            format!("{}: {}", event.title, choice.label)
        );
        assert_eq!(decision.feedback(&prepared.scenario), choice.feedback);
    }
}
