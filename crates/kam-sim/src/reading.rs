//! Reading the people (issue 19): from `Normal` difficulty up a person's style and need are not
//! shown; the trainee reads them from cues (what the person says and does) and from their
//! reactions to each visit, and records a reading ([`crate::engine::Decision::Read`]).
//!
//! Everything here is drawn from the game's seed and the people's ids on separate random
//! streams, never from the engine's: the same seed gives every trainee of a class the same cues
//! and reactions, and no number of the model moves. Reactions are voiced in the person's real
//! style ([`cues::style_reactions`]), so a wrong reading shows itself within a visit or two.
//!
//! The strategies play fair with the same material ([`believed`]): a careful reader knows a
//! style or need once a cue or a reaction from the bank has pointed to it, and until then
//! pitches by what the person's layer suggests ([`stereotype`]).

use std::borrow::Cow;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::cues::{self, Line, Reception};
use crate::engine::{Decision, Game, Plan};
use crate::ids::{AccountId, ApproachId, EventId, MemberId};
use crate::model;
use crate::scenario::{Language, Layer, Need, Stakeholder, Style};

/// The trainee's reading of a person: their guess at style and need, each unknown until read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    #[serde(default)]
    pub style: Option<Style>,
    #[serde(default)]
    pub need: Option<Need>,
}

/// What a cue tells a reader who knows the courseware: the style or need it describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pointer {
    Style(Style),
    Need(Need),
}

/// What a person says: a line of the built-in bank, in both languages, or the author's own
/// words (in the scenario's language, whatever the player's).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Said {
    Bank(Line),
    Author(String),
}

impl Said {
    /// The words in `lang`.
    pub fn words(&self, lang: Language) -> &str {
        match self {
            Said::Bank(line) => line.pick(lang),
            Said::Author(text) => text,
        }
    }
}

/// One cue shown for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub said: Said,
    /// What it points to when it is a line of the built-in bank (author cues in the bank's
    /// words included); none for an author's own words.
    pub points_to: Option<Pointer>,
}

/// A random stream of its own for one person and one purpose, from the game's seed and the
/// scenario's ids: the same for every trainee with the same seed, whatever else they did.
fn stream(seed: u64, account_id: &str, person_id: &str, purpose: &str) -> ChaCha8Rng {
    let digest = Sha256::digest(format!(
        "{seed}\u{1f}{account_id}\u{1f}{person_id}\u{1f}{purpose}"
    ));
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    ChaCha8Rng::seed_from_u64(u64::from_le_bytes(bytes))
}

/// `count` distinct lines of `lines`, drawn from `rng`.
fn draw<T: Copy>(rng: &mut ChaCha8Rng, lines: &[T], count: usize) -> Vec<T> {
    let mut left: Vec<T> = lines.to_vec();
    let mut out = Vec::with_capacity(count);
    while out.len() < count && !left.is_empty() {
        let i = rng.random_range(0..left.len());
        out.push(left.swap_remove(i));
    }
    out
}

/// What a line of text points to in the bank, in either language.
pub fn bank_pointer(text: &str) -> Option<Pointer> {
    let text = text.trim();
    let hit = |lines: &[cues::Line]| lines.iter().any(|l| l.zh == text || l.en == text);
    for style in Style::ALL {
        let reactions = Reception::ALL
            .iter()
            .any(|&r| hit(cues::style_reactions(style, r)) || hit(cues::style_answers(style, r)));
        if hit(cues::style_cues(style)) || reactions {
            return Some(Pointer::Style(style));
        }
    }
    for need in Need::ALL {
        if hit(cues::need_cues(need))
            || hit(cues::need_reactions(need))
            || hit(cues::need_met_reactions(need))
            || hit(cues::need_at_the_table(need))
        {
            return Some(Pointer::Need(need));
        }
    }
    None
}

/// The cues shown for person `stakeholder` of account `account`: the author's, else some
/// drawn from the bank for the person's real style and need, as many as the difficulty
/// says ([`crate::scenario::Difficulty::bank_cues_drawn`]).
pub fn cues(game: &Game, account: usize, stakeholder: usize) -> Vec<Cue> {
    let Some(person) = game
        .accounts()
        .get(account)
        .and_then(|a| a.people.get(stakeholder))
    else {
        return Vec::new();
    };
    let person = &person.person;
    if !person.cues.is_empty() {
        return person
            .cues
            .iter()
            .map(|text| Cue {
                said: Said::Author(text.clone()),
                points_to: bank_pointer(text),
            })
            .collect();
    }
    let account_id = &game.scenario().accounts[account].id;
    let (style_cues, need_cues) = game.prepared().difficulty.bank_cues_drawn();
    let style = dealt(
        game.seed(),
        cues::style_cues(person.style),
        &format!("style {:?}", person.style),
        seat(game.scenario(), account_id, &person.id, |p| {
            p.style == person.style
        }),
        style_cues,
    )
    .into_iter()
    .map(|l| Cue {
        said: Said::Bank(l),
        points_to: Some(Pointer::Style(person.style)),
    });
    let need = dealt(
        game.seed(),
        cues::need_cues(person.need),
        &format!("need {:?}", person.need),
        seat(game.scenario(), account_id, &person.id, |p| {
            p.need == person.need
        }),
        need_cues,
    )
    .into_iter()
    .map(|l| Cue {
        said: Said::Bank(l),
        points_to: Some(Pointer::Need(person.need)),
    });
    style.chain(need).collect()
}

/// Every person of the scenario, in order: each account's buying centre, then the people
/// events bring in (account id, person).
fn everyone(scenario: &crate::scenario::Scenario) -> Vec<(&str, &Stakeholder)> {
    let mut out: Vec<(&str, &Stakeholder)> = scenario
        .accounts
        .iter()
        .flat_map(|a| a.stakeholders.iter().map(move |p| (a.id.as_str(), p)))
        .collect();
    for event in &scenario.events {
        for choice in &event.choices {
            for effect in &choice.effects {
                if let crate::scenario::Effect::AddStakeholder(p) = effect
                    && !out.iter().any(|(_, q)| q.id == p.id)
                {
                    out.push(("", p));
                }
            }
        }
    }
    out
}

/// The person's place among the scenario's people who share a trait (their style, or their
/// need): the bank's lines are dealt out in that order, so no two such people get the same
/// line until the bank runs out (a playtest met one line on four people).
fn seat(
    scenario: &crate::scenario::Scenario,
    account_id: &str,
    person_id: &str,
    alike: impl Fn(&Stakeholder) -> bool,
) -> usize {
    everyone(scenario)
        .into_iter()
        .filter(|(_, p)| alike(p))
        .position(|(a, p)| p.id == person_id && (a == account_id || a.is_empty()))
        .unwrap_or(0)
}

/// `count` lines for the person in `seat`: the bank shuffled once per game and trait (from the
/// seed), then dealt in turn.
fn dealt(
    seed: u64,
    lines: &'static [cues::Line],
    trait_name: &str,
    seat: usize,
    count: usize,
) -> Vec<cues::Line> {
    if lines.is_empty() {
        return Vec::new();
    }
    let mut rng = stream(seed, "", "", &format!("deal {trait_name}"));
    let order = draw(&mut rng, lines, lines.len());
    (0..count.min(lines.len()))
        .map(|k| order[(seat * count + k) % order.len()])
        .collect()
}

/// What a person said after one visit.
#[derive(Debug, Clone, PartialEq)]
pub struct Reaction {
    /// The month of the visit.
    pub month: u32,
    pub account: AccountId,
    pub stakeholder: MemberId,
    pub approach: ApproachId,
    /// How the pitch suited their real style.
    pub reception: Reception,
    /// Their words about the pitch, in their real style's voice.
    pub words: Line,
    /// Their words that show their need, only when the visit opened them up: the approach
    /// spoke to their need (a reply to it), or the pitch suited them (they talk about what
    /// matters to them). A poorly pitched visit shows the style's objection alone, so the
    /// need is read from the cues or earned (a playtest read every need off the first visit).
    pub need_words: Option<Line>,
    pub need_met: bool,
}

/// Every visit's reaction so far, month by month, in the order the plans listed them.
pub fn reactions(game: &Game) -> Vec<Reaction> {
    plans(game)
        .flat_map(|(month, plan)| {
            plan.visits
                .iter()
                .enumerate()
                .filter_map(move |(k, v)| reaction(game, month, k, *v))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The month's plans of the decision log, with their months (one plan a month, the first
/// in month 1).
fn plans(game: &Game) -> impl Iterator<Item = (u32, &Plan)> {
    game.log()
        .iter()
        .filter_map(|d| match d {
            Decision::Plan(plan) => Some(plan),
            _ => None,
        })
        .zip(1u32..)
        .map(|(plan, month)| (month, plan))
}

/// The reaction to visit number `k` of month `month`'s plan.
fn reaction(game: &Game, month: u32, k: usize, visit: crate::engine::Visit) -> Option<Reaction> {
    let person = &game
        .accounts()
        .get(visit.account.index())?
        .people
        .get(visit.stakeholder.index())?
        .person;
    let approach = game.scenario().approaches.get(visit.approach.index())?;
    let reception = Reception::from_fit(model::fit(approach, person));
    let account_id = &game.scenario().accounts[visit.account].id;
    let mut rng = stream(
        game.seed(),
        account_id,
        &person.id,
        &format!("reaction {month} {k}"),
    );
    let words = draw(&mut rng, cues::style_reactions(person.style, reception), 1);
    let need_met = approach.needs.contains(&person.need);
    let need_lines = if need_met {
        cues::need_met_reactions(person.need)
    } else {
        cues::need_reactions(person.need)
    };
    // Drawn whether shown or not, so the stream stays the same for every later line.
    let need_words = draw(&mut rng, need_lines, 1);
    let opened_up = need_met || reception == Reception::Suited;
    Some(Reaction {
        month,
        account: visit.account,
        stakeholder: visit.stakeholder,
        approach: visit.approach,
        reception,
        words: *words.first()?,
        need_words: opened_up.then(|| need_words.first().copied()).flatten(),
        need_met,
    })
}

/// Whether a past visit has shown how `approach` suits the person: the fit word a `Normal`
/// game shows once seen.
pub fn fit_seen(
    game: &Game,
    account: AccountId,
    stakeholder: MemberId,
    approach: ApproachId,
) -> bool {
    plans(game).any(|(_, plan)| {
        plan.visits
            .iter()
            .any(|v| v.account == account && v.stakeholder == stakeholder && v.approach == approach)
    })
}

/// The person who speaks for an account in event `event`: the event's `speaker` when they
/// are present at the account; else the present person the event's words name first (a
/// playtest saw "提出人: 金大成" under a complaint the text puts in 罗海's mouth); else the
/// most influential person present (the decision maker, as a rule). Their words carry their
/// style.
pub fn event_speaker(game: &Game, event: EventId, account: AccountId) -> Option<MemberId> {
    let people = &game.accounts().get(account.index())?.people;
    let def = game.scenario().events.get(event.index());
    if let Some(id) = def.and_then(|e| e.speaker.as_deref())
        && let Some(p) = people.iter().position(|p| p.present && p.person.id == id)
    {
        return Some(MemberId(p));
    }
    // Someone the event takes away does not raise it (a playtest read "raised by: Liu Fang"
    // under "our champion Liu Fang leaves").
    let leaving: Vec<crate::PersonId> = game
        .prepared()
        .resolved
        .choice_effects
        .get(event.index())
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|effect| match effect {
            crate::engine::ResolvedEffect::RemoveStakeholder(id) => Some(*id),
            _ => None,
        })
        .collect();
    if let Some(def) = def {
        let words = format!("{}\n{}", def.title, def.text);
        let named_first = (0..people.len())
            .filter(|&p| people[p].present && !people[p].person.name.is_empty())
            .filter(|&p| !leaving.contains(&people[p].id))
            .filter_map(|p| words.find(&people[p].person.name).map(|at| (at, p)))
            .min();
        if let Some((_, p)) = named_first {
            return Some(MemberId(p));
        }
    }
    let most_influential = |staying_only: bool| {
        (0..people.len())
            .filter(|&p| people[p].present && !(staying_only && leaving.contains(&people[p].id)))
            .max_by(|&x, &y| {
                people[x]
                    .person
                    .influence
                    .total_cmp(&people[y].person.influence)
                    .then(y.cmp(&x))
            })
    };
    most_influential(true)
        .or_else(|| most_influential(false))
        .map(MemberId)
}

/// How the speaker takes an answer to an event, in their real style's voice
/// ([`cues::style_answers`]): accepting it in their own way for an answer the courseware rates
/// good (never gushing: a good answer can be a refusal that displeases them), lukewarm for a
/// neutral one, displeased for a poor one. Drawn on a stream of its own, so the words are the
/// same for everyone with the seed. (speaker, words)
pub fn answer_reaction(
    game: &Game,
    event: EventId,
    account: AccountId,
    choice: usize,
) -> Option<(MemberId, Line)> {
    use crate::scenario::Verdict;
    let speaker = event_speaker(game, event, account)?;
    let person = &game.accounts()[account].people[speaker].person;
    let def = game.scenario().events.get(event.index())?;
    let reception = match def.choices.get(choice)?.verdict {
        Verdict::Good => Reception::Suited,
        Verdict::Neutral => Reception::Middling,
        Verdict::Poor => Reception::Unsuited,
    };
    let account_id = &game.scenario().accounts[account].id;
    let mut rng = stream(
        game.seed(),
        account_id,
        &person.id,
        &format!("answer {} {}", def.id, game.times_fired(event, account)),
    );
    let line = draw(&mut rng, cues::style_answers(person.style, reception), 1);
    Some((speaker, *line.first()?))
}

/// What the buyer across the table says of their need as they press for more, the `times`-th
/// time they press: the person's real need, heard in a negotiation as on a visit, the lines
/// taken in turn so a repeat is not word for word.
pub fn need_at_the_table(need: Need, times: u32) -> Line {
    let lines = cues::need_at_the_table(need);
    lines[times.saturating_sub(1) as usize % lines.len()]
}

/// What a person's layer suggests to someone who pitches by title: the big picture for the
/// image layer, the figures for the decision layer, the procedure for those who implement, the
/// people for those who use it. The habit the course warns against (stereotype-pitch).
pub fn stereotype(person: &Stakeholder) -> (Style, Need) {
    match person.layer {
        Layer::Image => (Style::D, Need::Power),
        Layer::Decision => (Style::A, Need::Achievement),
        Layer::Implementation => (Style::B, Need::Security),
        Layer::User => (Style::C, Need::Acceptance),
    }
}

/// What a careful reader knows of a person by now: a style or need once a cue, or a reaction
/// to a past visit, has pointed to it (the majority when several point different ways);
/// unknown before.
pub fn inferred(game: &Game, account: usize, stakeholder: usize) -> Reading {
    let lang = game.scenario().language;
    let mut styles = [0u32; 4];
    let mut needs = [0u32; 5];
    let count = |p: Option<Pointer>, styles: &mut [u32; 4], needs: &mut [u32; 5]| match p {
        Some(Pointer::Style(s)) => styles[s as usize] += 1,
        Some(Pointer::Need(n)) => needs[n as usize] += 1,
        None => {}
    };
    for cue in cues(game, account, stakeholder) {
        count(cue.points_to, &mut styles, &mut needs);
    }
    // Reactions are read only while the cues leave something unknown (the bank's cues never
    // do): the strategies call this for every person every month.
    if styles.iter().all(|&n| n == 0) || needs.iter().all(|&n| n == 0) {
        for (month, plan) in plans(game) {
            for (k, v) in plan.visits.iter().enumerate() {
                if v.account.index() != account || v.stakeholder.index() != stakeholder {
                    continue;
                }
                if let Some(r) = reaction(game, month, k, *v) {
                    count(bank_pointer(r.words.pick(lang)), &mut styles, &mut needs);
                    if let Some(words) = &r.need_words {
                        count(bank_pointer(words.pick(lang)), &mut styles, &mut needs);
                    }
                }
            }
        }
    }
    let most = |counts: &[u32]| {
        (0..counts.len())
            .filter(|&i| counts[i] > 0)
            .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
    };
    Reading {
        style: most(&styles).map(|i| Style::ALL[i]),
        need: most(&needs).map(|i| Need::ALL[i]),
    }
}

/// The person as a strategy at the game's difficulty believes them to be: as they are at
/// `Easy`; else their style and need as [`inferred`], falling back to the [`stereotype`]; or the
/// stereotype alone for a player who pitches by title.
pub fn believed(
    game: &Game,
    account: usize,
    stakeholder: usize,
    by_title: bool,
) -> Cow<'_, Stakeholder> {
    let person = &game.accounts()[account].people[stakeholder].person;
    if !by_title && game.prepared().difficulty.shows_style_and_need() {
        return Cow::Borrowed(person.as_ref());
    }
    let (style, need) = stereotype(person);
    let mut seen = Stakeholder::clone(person);
    if by_title {
        seen.style = style;
        seen.need = need;
    } else {
        let read = inferred(game, account, stakeholder);
        seen.style = read.style.unwrap_or(style);
        seen.need = read.need.unwrap_or(need);
    }
    Cow::Owned(seen)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::engine::{Prepared, Visit};

    fn classroom(difficulty: Difficulty) -> Arc<Prepared> {
        let prepared = crate::bundled::prepared("classroom_en").unwrap();
        prepared.at_difficulty(difficulty)
    }

    use crate::scenario::Difficulty;

    #[test]
    fn a_class_sees_the_same_cues_and_they_point_to_the_real_person() {
        let prepared = classroom(Difficulty::Normal);
        let one = Game::new(Arc::clone(&prepared), 11);
        let other = Game::new(Arc::clone(&prepared), 11);
        let another_seed = Game::new(Arc::clone(&prepared), 12);
        let mut differs = false;
        for (a, account) in one.accounts().iter().enumerate() {
            for (p, person) in account.people.iter().enumerate() {
                let cues_one = cues(&one, a, p);
                assert_eq!(cues_one, cues(&other, a, p));
                differs |= cues_one != cues(&another_seed, a, p);
                let (style_cues, need_cues) = Difficulty::Normal.bank_cues_drawn();
                assert_eq!(cues_one.len(), style_cues + need_cues);
                for cue in &cues_one {
                    match cue.points_to {
                        Some(Pointer::Style(s)) => assert_eq!(s, person.person.style),
                        Some(Pointer::Need(n)) => assert_eq!(n, person.person.need),
                        None => panic!("a bank cue points somewhere: {:?}", cue.said),
                    }
                    assert_eq!(bank_pointer(cue.said.words(Language::En)), cue.points_to);
                }
                assert_eq!(
                    inferred(&one, a, p),
                    Reading {
                        style: Some(person.person.style),
                        need: Some(person.person.need)
                    }
                );
            }
        }
        assert!(differs, "another seed draws other cues somewhere");
    }

    /// The exam shows one style cue a person and no need cue: the rest is read from how
    /// they react, so the expert reading like a trainee does not know everyone at month 1.
    #[test]
    fn the_exam_shows_one_style_cue_and_leaves_the_need_to_the_reactions() {
        let game = Game::new(classroom(Difficulty::Hard), 11);
        let mut unknown_needs = 0;
        for (a, account) in game.accounts().iter().enumerate() {
            for p in 0..account.people.len() {
                let shown = cues(&game, a, p);
                assert_eq!(shown.len(), 1);
                assert!(matches!(shown[0].points_to, Some(Pointer::Style(_))));
                unknown_needs += usize::from(inferred(&game, a, p).need.is_none());
            }
        }
        assert!(unknown_needs > 0);
    }

    /// The bank's lines are dealt, not drawn: a line is shared only once the bank for that
    /// style has run out (the classroom has more people of some styles than the bank has
    /// pairs of lines), and then by as few people as the arithmetic allows.
    #[test]
    fn style_cues_are_shared_only_when_the_bank_runs_out() {
        let prepared = classroom(Difficulty::Normal);
        let game = Game::new(Arc::clone(&prepared), 5);
        for style in Style::ALL {
            let mut count = std::collections::HashMap::new();
            let mut people = 0;
            for (a, account) in game.accounts().iter().enumerate() {
                for (p, person) in account.people.iter().enumerate() {
                    if person.person.style != style {
                        continue;
                    }
                    people += 1;
                    for cue in cues(&game, a, p) {
                        if let Some(Pointer::Style(_)) = cue.points_to {
                            *count.entry(cue.said).or_insert(0) += 1;
                        }
                    }
                }
            }
            let bank = cues::style_cues(style).len();
            let most = (people * Difficulty::Normal.bank_cues_drawn().0)
                .div_ceil(bank)
                .max(1);
            let worst = count.values().copied().max().unwrap_or(0);
            assert!(
                worst <= most,
                "{style:?}: a cue on {worst} of {people} people (at most {most})"
            );
        }
    }

    #[test]
    fn reactions_speak_in_the_real_style_and_follow_the_pitchs_fit() {
        let prepared = classroom(Difficulty::Normal);
        let game = crate::batch::play(&prepared, crate::strategy::StrategyId::Random, 5).unwrap();
        let all = reactions(&game);
        assert!(all.len() > 20, "a random game visits: {}", all.len());
        let mut receptions = std::collections::HashSet::new();
        let mut needs_shown = std::collections::HashSet::new();
        for r in &all {
            let person = &game.accounts()[r.account].people[r.stakeholder].person;
            let approach = &game.scenario().approaches[r.approach];
            assert_eq!(
                bank_pointer(r.words.zh),
                Some(Pointer::Style(person.style)),
                "{}",
                r.words.zh
            );
            match &r.need_words {
                Some(words) => {
                    assert_eq!(bank_pointer(words.en), Some(Pointer::Need(person.need)));
                    assert!(r.need_met || r.reception == Reception::Suited);
                }
                None => assert!(!r.need_met && r.reception != Reception::Suited),
            }
            needs_shown.insert(r.need_words.is_some());
            assert_eq!(
                r.reception,
                Reception::from_fit(model::fit(approach, person))
            );
            assert_eq!(r.need_met, approach.needs.contains(&person.need));
            receptions.insert(r.reception);
        }
        assert_eq!(receptions.len(), 3, "random pitches meet every reception");
        assert_eq!(
            needs_shown.len(),
            2,
            "some visits show the need, some do not"
        );
    }

    /// An event's named speaker speaks for the account while present; the most influential
    /// person present otherwise.
    #[test]
    fn an_events_named_speaker_speaks_for_the_account() {
        let prepared = crate::bundled::prepared("classroom_en").unwrap();
        let mut scenario = prepared.scenario.clone();
        let account = AccountId(0);
        let people = &scenario.accounts[account].stakeholders;
        let least = people
            .iter()
            .enumerate()
            .min_by(|x, y| x.1.influence.total_cmp(&y.1.influence))
            .map(|(p, x)| (MemberId(p), x.id.clone()))
            .unwrap();
        let plain = Game::new(Arc::clone(&prepared), 3);
        assert_ne!(event_speaker(&plain, EventId(0), account), Some(least.0));
        scenario.events[0].speaker = Some(least.1);
        let named = crate::engine::Prepared::new(scenario);
        let game = Game::new(named, 3);
        assert_eq!(event_speaker(&game, EventId(0), account), Some(least.0));
        // An event whose words name a present person is spoken by them.
        let mut scenario = prepared.scenario.clone();
        let quiet = scenario.accounts[account].stakeholders[least.0]
            .name
            .clone();
        scenario.events[0].speaker = None;
        scenario.events[0].text = format!("{quiet} calls about the last delivery.");
        let game = Game::new(crate::engine::Prepared::new(scenario), 3);
        assert_eq!(event_speaker(&game, EventId(0), account), Some(least.0));
        // Another event without a speaker still hears the most influential.
        assert_eq!(
            event_speaker(&game, EventId(1), account),
            event_speaker(&plain, EventId(1), account)
        );
    }

    /// The person an event takes away does not raise it, though its words name them.
    #[test]
    fn a_champion_who_leaves_does_not_raise_the_news_of_it() {
        for name in ["classroom_en", "classroom_zh"] {
            let prepared = crate::bundled::prepared(name).unwrap();
            let scenario = &prepared.scenario;
            let event = scenario
                .events
                .iter()
                .position(|e| e.id == "champion_leaves")
                .unwrap();
            let crate::engine::EventScope::Account(account) = prepared.resolved.event_scope[event]
            else {
                panic!("{name}: the champion leaves one account");
            };
            let game = Game::new(Arc::clone(&prepared), 3);
            let leaving = scenario.accounts[account]
                .stakeholders
                .iter()
                .position(|p| scenario.events[event].text.contains(&p.name))
                .map(MemberId)
                .expect("the news names the champion");
            let speaker = event_speaker(&game, EventId(event), account).unwrap();
            assert_ne!(speaker, leaving, "{name}");
        }
    }

    #[test]
    fn an_answer_is_taken_in_the_speakers_style_warmly_only_when_it_is_good() {
        use crate::scenario::Verdict;
        let prepared = classroom(Difficulty::Normal);
        let game = Game::new(Arc::clone(&prepared), 2);
        let scenario = game.scenario();
        let (e, def) = scenario
            .events
            .iter()
            .enumerate()
            .find(|(_, e)| {
                e.choices.iter().any(|c| c.verdict == Verdict::Good)
                    && e.choices.iter().any(|c| c.verdict == Verdict::Poor)
            })
            .unwrap();
        let (e, account) = (EventId(e), AccountId(0));
        let speaker = event_speaker(&game, e, account).unwrap();
        let person = &game.accounts()[account].people[speaker].person;
        for (k, c) in def.choices.iter().enumerate() {
            let (who, words) = answer_reaction(&game, e, account, k).unwrap();
            assert_eq!(who, speaker);
            assert_eq!(bank_pointer(words.en), Some(Pointer::Style(person.style)));
            let expected = match c.verdict {
                Verdict::Good => Reception::Suited,
                Verdict::Neutral => Reception::Middling,
                Verdict::Poor => Reception::Unsuited,
            };
            assert!(
                cues::style_answers(person.style, expected).contains(&words),
                "{words:?}"
            );
        }
    }

    #[test]
    fn a_reading_is_logged_replays_and_ends_no_turn() {
        let prepared = classroom(Difficulty::Normal);
        let mut game = Game::new(Arc::clone(&prepared), 3);
        let reading = Reading {
            style: Some(Style::B),
            need: None,
        };
        let read = Decision::Read {
            account: AccountId(1),
            stakeholder: MemberId(0),
            reading,
        };
        game.decide(read.clone()).unwrap();
        assert_eq!(game.turn(), 1, "a reading ends no turn");
        assert!(game.is_planning());
        assert_eq!(game.accounts()[1].people[0].reading, reading);
        // A reading of nobody is refused and changes nothing.
        let before = game.log().len();
        assert!(
            game.decide(Decision::Read {
                account: AccountId(1),
                stakeholder: MemberId(99),
                reading,
            })
            .is_err()
        );
        assert_eq!(game.log().len(), before);
        let mut expert = crate::strategy::StrategyId::Expert.build(3);
        crate::strategy::play_out(&mut game, expert.as_mut()).unwrap();
        // The save and the replay keep it, bit for bit.
        let text = ron::to_string(&crate::record::record(&game, "t")).unwrap();
        let back: crate::record::GameRecord = ron::from_str(&text).unwrap();
        assert!(back.decisions.contains(&read));
        let again = Game::replay(Arc::clone(&prepared), 3, &back.decisions).unwrap();
        assert_eq!(again.accounts()[1].people[0].reading, reading);
        assert_eq!(
            crate::score::score(&again).composite.to_bits(),
            crate::score::score(&game).composite.to_bits()
        );
    }

    #[test]
    fn without_bank_cues_a_reader_learns_the_style_from_any_visit_and_the_need_from_a_good_one() {
        let prepared = crate::bundled::prepared("classroom_en").unwrap();
        let mut scenario = prepared.scenario.clone();
        for account in &mut scenario.accounts {
            for person in &mut account.stakeholders {
                person.cues = vec!["Keeps the office door open.".to_owned()];
            }
        }
        scenario.difficulty = Some(Difficulty::Normal);
        let mut game = Game::new(Prepared::new(scenario), 4);
        let (a, p) = (0, 0);
        let person = game.accounts()[a].people[p].person.clone();
        assert_eq!(inferred(&game, a, p), Reading::default());
        let guess = believed(&game, a, p, false);
        assert_eq!((guess.style, guess.need), stereotype(&person));
        // A visit with the pitch that suits them least: the style shows in their objection,
        // the need does not (they did not open up).
        let approaches = &game.scenario().approaches;
        let by_fit = |best: bool| {
            (0..approaches.len())
                .max_by(|&x, &y| {
                    let order = model::fit(&approaches[x], &person)
                        .total_cmp(&model::fit(&approaches[y], &person));
                    if best { order } else { order.reverse() }
                })
                .unwrap()
        };
        let (worst, best) = (by_fit(false), by_fit(true));
        let visit = |approach| {
            Decision::Plan(Plan {
                visits: vec![Visit {
                    account: AccountId(a),
                    stakeholder: MemberId(p),
                    approach,
                }],
                resources: vec![],
            })
        };
        game.decide(visit(ApproachId(worst))).unwrap();
        while let Some(d) = game.pending().cloned() {
            let d = match d {
                crate::engine::Pending::Event { .. } => Decision::Choose(0),
                crate::engine::Pending::Negotiation(_) => Decision::WalkAway,
            };
            game.decide(d).unwrap();
        }
        let read = inferred(&game, a, p);
        assert_eq!(read.style, Some(person.style));
        assert_eq!(read.need, None);
        // A visit that suits them: they talk about what matters to them.
        game.decide(visit(ApproachId(best))).unwrap();
        let read = inferred(&game, a, p);
        assert_eq!(read.need, Some(person.need));
        // At Easy the labels are shown: a strategy sees the real person.
        let easy = Game::new(game.prepared().at_difficulty(Difficulty::Easy), 4);
        assert_eq!(*believed(&easy, a, p, false), *person);
    }
}
