//! Negotiation: build an offer issue by issue, hear the buyer answer in character, concede or
//! trade between rounds, or walk away; then the deal summary with what it does to profit.
//! The buyer's words, the review after the deal and the verdict on it are judged in kam-sim
//! from the negotiation's numbers ([`kam_sim::OfferTable`], [`kam_sim::DealVerdict`]) and worded
//! by [`kam_sim::words::negotiation`], so they agree with the numbers and with each other.

use bevy_egui::egui;
use egui::RichText;
use kam_sim::{BuyerReply, Exchange, Game, NegotiationRecord, NegotiationState, Pending};
use kam_sim::{BuyerSignal, OfferTable};

use kam_sim::scenario::{IssueOption, Need, Negotiation, Stakeholder, Style};

use crate::i18n::{self, K, Lang};
use crate::session::{Action, NegoDraft, Session};
use crate::ui;

/// What an option changes in the contract, from the scenario's data.
fn terms(lang: Lang, o: &IssueOption) -> String {
    let mut parts = Vec::new();
    if let Some(p) = o.price_level {
        parts.push(format!("{} {p:.2}", K::PriceLevel.t(lang)));
    }
    if let Some(x) = o.share {
        parts.push(format!("{} {x:.0}%", K::Share.t(lang)));
    }
    if let Some(d) = o.payment_days {
        parts.push(format!("{} {d:.0}", K::PaymentDays.t(lang)));
    }
    if let Some(l) = o.length {
        parts.push(format!("{} {l}", K::ContractTurns.t(lang)));
    }
    if let Some(c) = o.service_cost {
        parts.push(format!("{} {}", K::ServiceCost.t(lang), i18n::money(c)));
    }
    parts.join(" · ")
}

/// The negotiation on the table, as the view reads it.
struct AtTable<'a> {
    game: &'a Game,
    def: &'a Negotiation,
    /// The account negotiated with.
    account: usize,
    /// The engine's state while the negotiation is under way.
    state: Option<NegotiationState>,
    buyer: Option<std::sync::Arc<Stakeholder>>,
    style: Style,
    need: Option<Need>,
}

impl<'a> AtTable<'a> {
    fn new(game: &'a Game, nego: &NegoDraft) -> Option<AtTable<'a>> {
        let sc = game.scenario();
        let def = sc.negotiations.get(nego.negotiation.index())?;
        // The account and the buyer as the scenario resolved them once, at load.
        let resolved = &game.prepared().resolved;
        let account = resolved.negotiation_account[nego.negotiation].map_or(0, |a| a.index());
        let state = match game.pending() {
            Some(Pending::Negotiation(st)) if st.negotiation == nego.negotiation => {
                Some(st.clone())
            }
            _ => None,
        };
        let buyer = resolved.negotiation_buyer[nego.negotiation]
            .and_then(|id| game.accounts()[account].people.iter().find(|p| p.id == id))
            .map(|p| p.person.clone());
        let style = buyer.as_ref().map_or(Style::A, |b| b.style);
        let need = buyer.as_ref().map(|b| b.need);
        Some(AtTable {
            game,
            def,
            account,
            state,
            buyer,
            style,
            need,
        })
    }
}

/// The negotiation: the buyer's answers on the right, the offer (or the deal's summary) in
/// the middle, the offer from the keyboard.
pub fn view(root: &mut egui::Ui, s: &mut Session) -> Vec<Action> {
    let mut actions = Vec::new();
    let lang = s.lang;
    let around = ui::Around {
        guide: false,
        class_wait: false,
    };
    let Some(play) = ui::game_screen(root, s, around, &mut actions) else {
        return actions;
    };
    let Some(at) = AtTable::new(&play.game, &play.nego) else {
        return actions;
    };
    let nego = &play.nego;
    let done = nego.summary.is_some();
    let hint = if done {
        K::NegotiationDoneHint
    } else {
        K::NegotiationHint
    };
    ui::bottom_bar(root, hint.t(lang), |ui| {
        if done {
            if ui::primary(ui, K::Continue.t(lang)).clicked() {
                actions.push(Action::Continue);
            }
        } else {
            if ui::primary(ui, K::MakeOffer.t(lang)).clicked() {
                actions.push(Action::MakeOffer);
            }
            if ui.button(K::WalkAwayBtn.t(lang)).clicked() {
                actions.push(Action::WalkAway);
            }
        }
    });
    // A fixed width: a default size was not kept, and the buyer's words wrapped at a few
    // characters a line (seen in a hand playtest).
    egui::Panel::right("exchanges")
        .exact_size(340.0)
        .show(root, |ui| buyer_says(ui, &at, nego, lang));
    egui::CentralPanel::default().show(root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            negotiation_header(ui, &at, lang);
            ui.add_space(8.0);
            match &nego.summary {
                None => offer_builder(ui, s, &at, nego, &mut actions),
                Some(sum) => deal_summary(ui, s, &at, nego, sum),
            }
        });
    });
    if !done {
        offer_keys(root, at.def, nego, &mut actions);
    }
    if ui::enter(root) {
        actions.push(if done {
            Action::Continue
        } else {
            Action::MakeOffer
        });
    }
    actions
}

/// The buyer (with their style where the difficulty shows it), what they pressed so far, and
/// each round's offer with their answer.
fn buyer_says(ui: &mut egui::Ui, at: &AtTable, nego: &NegoDraft, lang: Lang) {
    ui.heading(K::BuyerSays.t(lang));
    if let Some(b) = &at.buyer {
        buyer_line(ui, at, b, lang);
    }
    let exchanges = at
        .state
        .as_ref()
        .map_or_else(|| nego.history.clone(), |st| st.exchanges.clone());
    let pressed = pressed_so_far(lang, at.def, &exchanges);
    if !pressed.is_empty() {
        ui.label(RichText::new(i18n::labelled(lang, K::PressedSoFar.t(lang), &pressed)).strong());
    }
    for (i, x) in exchanges.iter().enumerate() {
        ui::card(ui, |ui| round_card(ui, at, nego, i, x, lang));
    }
    // The closing answer, unless the last round's card already gives it (a walk-away from our
    // side has no round of its own).
    let closed_in_a_round = exchanges
        .last()
        .is_some_and(|x| matches!(x.reply, BuyerReply::Accept | BuyerReply::WalkAway));
    if let Some(sum) = nego.summary.as_ref().filter(|_| !closed_in_a_round) {
        // Not closed in a round: the deal came with the last offer, or we walked away (the
        // buyer did not turn us down; a playtest read it so when it said the buyer's words).
        let text = if sum.deal.is_some() {
            i18n::buyer_accepts(lang, at.style)
        } else {
            K::YouWalkedAway.t(lang)
        };
        ui::card(ui, |ui| ui.label(RichText::new(text).strong()));
    }
}

/// The buyer's name and title, and their style only where the difficulty shows it; else the
/// trainee's own reading (their words in the replies below are the cue).
fn buyer_line(ui: &mut egui::Ui, at: &AtTable, b: &Stakeholder, lang: Lang) {
    let style_shown = if at.game.prepared().difficulty.shows_style_and_need() {
        Some(i18n::style(lang, b.style).to_owned())
    } else {
        at.game.accounts()[at.account]
            .people
            .iter()
            .find(|p| p.person.id == b.id)
            .and_then(|p| p.reading.style)
            .map(|s| i18n::labelled(lang, K::YourReading.t(lang), i18n::style(lang, s)))
    };
    let mut line = format!("{} · {}", b.name, b.title);
    if let Some(style) = style_shown {
        line.push_str(&format!(" · {style}"));
    }
    ui.label(RichText::new(line).color(ui::MUTED))
        .on_hover_text(K::TipStyle.t(lang));
}

/// One round: the offer made and the buyer's answer in their voice.
fn round_card(
    ui: &mut egui::Ui,
    at: &AtTable,
    nego: &NegoDraft,
    i: usize,
    x: &Exchange,
    lang: Lang,
) {
    ui.label(RichText::new(format!("{} {}", K::Round.t(lang), i + 1)).strong());
    let offered: Vec<String> = at
        .def
        .issues
        .iter()
        .zip(&x.offer)
        .filter_map(|(issue, &o)| {
            let option = issue.options.get(o)?;
            Some(format!(
                "{} {}",
                i18n::topic(lang, issue.topic),
                option.label
            ))
        })
        .collect();
    ui.label(
        RichText::new(i18n::labelled(
            lang,
            K::YouOffered.t(lang),
            offered.join(" · "),
        ))
        .small()
        .color(ui::MUTED),
    );
    let voice = (at.style, at.need);
    let reply = reply_text(lang, at.def, voice, nego.table.as_ref(), i as u32 + 1, x);
    ui::kinsoku::label(ui, &reply, |r| r);
}

/// The account, the negotiation's title and text, and the round under way.
fn negotiation_header(ui: &mut egui::Ui, at: &AtTable, lang: Lang) {
    let def = at.def;
    ui.label(
        RichText::new(format!(
            "{} · {}",
            K::Negotiation.t(lang),
            at.game.scenario().accounts[at.account].name
        ))
        .color(ui::MUTED),
    );
    let title = if def.title.is_empty() {
        &def.id
    } else {
        &def.title
    };
    ui.label(RichText::new(title).size(ui::STORY_TITLE_SIZE).strong());
    ui.label(&def.text);
    if let Some(st) = &at.state {
        ui.label(
            RichText::new(format!(
                "{} {} {} {}",
                K::Round.t(lang),
                st.round,
                K::Of.t(lang),
                def.rounds
            ))
            .strong(),
        );
    }
}

/// The offer, issue by issue, with what each option costs in profit per month against the
/// best terms on that issue (the rest of the offer as it stands): the price of a concession,
/// seen before it is made.
fn offer_builder(
    ui: &mut egui::Ui,
    s: &Session,
    at: &AtTable,
    nego: &NegoDraft,
    actions: &mut Vec<Action>,
) {
    let (lang, game) = (s.lang, at.game);
    ui::section_heading(ui, K::YourOffer.t(lang));
    for (i, issue) in at.def.issues.iter().enumerate() {
        let rates: Vec<Option<f64>> = (0..issue.options.len())
            .map(|k| {
                let mut with = nego.offer.clone();
                if let Some(x) = with.get_mut(i) {
                    *x = k;
                }
                game.deal_profit_rate(nego.negotiation, &with)
            })
            .collect();
        ui::card(ui, |ui| {
            issue_card(ui, nego, i, issue, &rates, lang, actions)
        });
    }
    let now = game
        .negotiation_account(nego.negotiation)
        .map(|a| game.profit_rate(a));
    if let (Some(now), Some(then)) = (now, game.deal_profit_rate(nego.negotiation, &nego.offer)) {
        ui.label(
            RichText::new(i18n::labelled(
                lang,
                &s.money_label(K::ThisOffer),
                format!("{} → {}", i18n::money(now), i18n::money(then)),
            ))
            .strong(),
        );
    }
    ui.label(
        RichText::new(K::NegotiationTip.t(lang))
            .small()
            .color(ui::MUTED),
    );
    how_the_buyer_decides(ui, lang);
}

/// One issue of the offer: its options, the chosen one marked, each with its cost in profit
/// per month against the issue's best (`rates`, per option).
fn issue_card(
    ui: &mut egui::Ui,
    nego: &NegoDraft,
    i: usize,
    issue: &kam_sim::scenario::Issue,
    rates: &[Option<f64>],
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let best = rates.iter().flatten().copied().fold(f64::MIN, f64::max);
    ui.set_width(ui.available_width());
    // The arrow keys' issue is marked, so the keys can be followed.
    let topic = i18n::topic(lang, issue.topic);
    if nego.focus == i {
        ui.label(RichText::new(format!("→ {topic}")).strong().color(ui::BLUE));
    } else {
        ui.label(RichText::new(topic).strong());
    }
    for (k, o) in issue.options.iter().enumerate() {
        let chosen = nego.offer.get(i) == Some(&k);
        let text = format!("{}   {}", o.label, terms(lang, o));
        ui.horizontal(|ui| {
            if ui.radio(chosen, text).clicked() && !chosen {
                actions.push(Action::SetOffer {
                    issue: i,
                    option: k,
                });
            }
            if let Some(rate) = rates[k] {
                let cost = rate - best;
                let words = format!("{} {}", K::ProfitPerMonth.t(lang), i18n::delta(cost));
                let color = if cost < -1e-9 { ui::RED } else { ui::MUTED };
                ui.label(RichText::new(words).small().color(color));
            }
        });
    }
}

/// After the negotiation: the deal (or none), the buyer's value against the bar it had to
/// pass, what it does to profit, and the feedback.
fn deal_summary(
    ui: &mut egui::Ui,
    s: &Session,
    at: &AtTable,
    nego: &NegoDraft,
    sum: &NegotiationRecord,
) {
    let (lang, def) = (s.lang, at.def);
    ui.label(RichText::new(K::DealSummary.t(lang)).strong().size(18.0));
    match &sum.deal {
        Some(deal) => {
            ui.label(RichText::new(K::Deal.t(lang)).color(ui::GREEN).strong());
            for (issue, &o) in def.issues.iter().zip(deal) {
                let topic = i18n::topic(lang, issue.topic);
                ui.label(format!(
                    "• {}",
                    i18n::labelled(lang, topic, &issue.options[o].label)
                ));
            }
        }
        None => {
            ui.label(RichText::new(K::NoDeal.t(lang)).color(ui::RED).strong());
        }
    }
    buyer_value_against_bar(ui, at, nego, sum, lang);
    ui.horizontal(|ui| {
        ui.label(i18n::labelled(
            lang,
            &s.money_label(K::ProfitRate),
            format!(
                "{} {} → {} {}",
                K::Before.t(lang),
                i18n::money(sum.profit_rate_before),
                K::After.t(lang),
                i18n::money(sum.profit_rate_after)
            ),
        ));
        ui.label(ui::delta_text(
            sum.profit_rate_after - sum.profit_rate_before,
        ));
    });
    ui.add_space(6.0);
    ui::card(ui, |ui| deal_feedback(ui, at, nego, sum, lang));
}

/// The buyer's value of the deal (or of the last offer, when there was none) as the sum it is,
/// beside the bar it had to pass and the competitor's floor.
fn buyer_value_against_bar(
    ui: &mut egui::Ui,
    at: &AtTable,
    nego: &NegoDraft,
    sum: &NegotiationRecord,
    lang: Lang,
) {
    let (def, history) = (at.def, &nego.history);
    let shown = sum
        .deal
        .clone()
        .or_else(|| history.last().map(|x| x.offer.clone()));
    let value = shown
        .as_ref()
        .map_or(sum.buyer_value, |o| Game::buyer_value(def, o));
    ui::stat(
        ui,
        K::BuyerValue.t(lang),
        format!("{value:.0} / 100"),
        K::TipBuyerValue.t(lang),
    );
    if let Some(offer) = &shown {
        value_breakdown(ui, lang, def, offer);
    }
    if let Some(table) = &nego.table {
        let closed = history
            .last()
            .is_some_and(|x| matches!(x.reply, BuyerReply::Accept | BuyerReply::WalkAway));
        let round = (history.len() as u32 + u32::from(!closed)).clamp(1, def.rounds.max(1));
        let bar = table.bars.get(round as usize - 1).copied().unwrap_or(0.0);
        ui.label(format!(
            "{} · {}",
            i18n::labelled(
                lang,
                &i18n::tf(lang, K::NeededInRound, round),
                i18n::bar_beside(value, bar),
            ),
            i18n::labelled(
                lang,
                K::CompetitorFloor.t(lang),
                format!("{:.0}", table.competitor_offer),
            ),
        ));
    }
}

/// The feedback card: what this deal did by the debrief's rule, the numbers (the cheapest
/// winning offer, what was given away against it), then the author's lesson, never instead
/// of them.
fn deal_feedback(
    ui: &mut egui::Ui,
    at: &AtTable,
    nego: &NegoDraft,
    sum: &NegotiationRecord,
    lang: Lang,
) {
    let def = at.def;
    // The verdict and the review judge the outcome alike: against the best the table allowed.
    let review = nego
        .table
        .as_ref()
        .map(|table| table.review(def, sum.deal.as_deref()));
    ui.label(RichText::new(K::Feedback.t(lang)).strong());
    let verdict = kam_sim::deal_verdict(sum, review.as_ref());
    let unit = at.game.scenario().turn_unit;
    ui.label(RichText::new(verdict.words(unit, lang)).strong());
    if let Some(review) = &review {
        ui.add_space(4.0);
        ui.label(RichText::new(K::ByTheNumbers.t(lang)).strong());
        for line in review.lines() {
            ui.label(format!("• {}", line.words(def, at.game.scenario(), lang)));
        }
    }
    if !def.feedback.is_empty() {
        ui.add_space(4.0);
        ui.label(RichText::new(K::CourseLesson.t(lang)).strong());
        ui.label(&def.feedback);
    }
}

/// The offer from the keyboard: ↑/↓ pick the issue, ←/→ its option (every press counts,
/// however many arrive in one frame).
fn offer_keys(root: &egui::Ui, def: &Negotiation, nego: &NegoDraft, actions: &mut Vec<Action>) {
    if def.issues.is_empty() {
        return;
    }
    let last_issue = def.issues.len() - 1;
    let focus = nego.focus.min(last_issue);
    let down = ui::presses(root, egui::Key::ArrowDown);
    let up = ui::presses(root, egui::Key::ArrowUp);
    let moved = (focus + down).saturating_sub(up).min(last_issue);
    if moved != focus {
        actions.push(Action::FocusIssue(moved));
    }
    let last_option = def.issues[moved].options.len().saturating_sub(1);
    let current = nego.offer.get(moved).copied().unwrap_or(0);
    let right = ui::presses(root, egui::Key::ArrowRight);
    let left = ui::presses(root, egui::Key::ArrowLeft);
    let option = (current + right).saturating_sub(left).min(last_option);
    if option != current {
        actions.push(Action::SetOffer {
            issue: moved,
            option,
        });
    }
}

/// How often the buyer has pressed on each issue so far, most pressed first ("Payment terms ×2 ·
/// Price ×1"): the tally a trainee reads the buyer's priorities from.
fn pressed_so_far(lang: Lang, def: &Negotiation, exchanges: &[Exchange]) -> String {
    let mut counts: Vec<(usize, u32)> = Vec::new();
    for x in exchanges {
        if let BuyerReply::Counter { issue, .. } = x.reply {
            match counts.iter_mut().find(|(i, _)| *i == issue) {
                Some((_, n)) => *n += 1,
                None => counts.push((issue, 1)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
        .iter()
        .filter_map(|&(issue, n)| {
            let topic = i18n::topic(lang, def.issues.get(issue)?.topic);
            Some(format!("{topic} ×{n}"))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The buyer's answer to the offer made in `round`, in the voice of their communication
/// style: a counter says an issue has to change only when the numbers say so
/// ([`OfferTable::signal`]), and otherwise names the buyer's priorities in order, then says what
/// the buyer needs from the deal in the voice of their need.
fn reply_text(
    lang: Lang,
    def: &Negotiation,
    (style, need): (Style, Option<Need>),
    table: Option<&OfferTable>,
    round: u32,
    x: &Exchange,
) -> String {
    match x.reply {
        BuyerReply::Accept => i18n::buyer_accepts(lang, style).to_owned(),
        BuyerReply::WalkAway => i18n::buyer_walks(lang, style).to_owned(),
        BuyerReply::Counter { issue, times } => {
            // Without the table (it is taken when the negotiation opens) the buyer names
            // priorities only: never a must the numbers were not checked for.
            let signal = table.map_or_else(
                || BuyerSignal {
                    asks: Game::buyer_priorities(def, &x.offer)
                        .into_iter()
                        .map(|issue| kam_sim::Ask {
                            issue,
                            gain: 0.0,
                            must: false,
                        })
                        .collect(),
                    winnable: true,
                },
                |t| t.signal(def, round, &x.offer),
            );
            let words = kam_sim::counter_words(lang, style, def, &signal, issue, times);
            // The buyer's need is heard as they press, as it is on a visit.
            match need {
                Some(need) => format!(
                    "{words}{}{}",
                    lang.pick("", " "),
                    kam_sim::need_at_the_table(need, times).pick(lang)
                ),
                None => words,
            }
        }
    }
}

/// What the buyer's value and the bar are, under the offer: the trainee reads the buyer's
/// words against them.
fn how_the_buyer_decides(ui: &mut egui::Ui, lang: Lang) {
    ui.add_space(6.0);
    ui::card(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(K::HowTheBuyerDecides.t(lang)).strong());
        for key in [K::BuyerValueExplain, K::BarExplain] {
            ui.label(RichText::new(key.t(lang)).small());
        }
    });
}

/// The buyer's value of `offer` as the sum it is: each issue's weight, the option offered and
/// its value to the buyer, then the sum written out.
fn value_breakdown(ui: &mut egui::Ui, lang: Lang, def: &Negotiation, offer: &[usize]) {
    ui.label(
        RichText::new(K::BuyerValueSum.t(lang))
            .small()
            .color(ui::MUTED),
    );
    egui::Grid::new("buyer_value_breakdown")
        .striped(true)
        .show(ui, |ui| {
            ui.label(
                RichText::new(K::WeightShort.t(lang))
                    .small()
                    .color(ui::MUTED),
            );
            ui.label("");
            ui.label(
                RichText::new(K::OptionValueShort.t(lang))
                    .small()
                    .color(ui::MUTED),
            );
            ui.end_row();
            for (issue, &o) in def.issues.iter().zip(offer) {
                let Some(option) = issue.options.get(o) else {
                    continue;
                };
                ui.label(format!("{}", issue.buyer_weight));
                ui.label(i18n::labelled(
                    lang,
                    i18n::topic(lang, issue.topic),
                    &option.label,
                ));
                ui.label(format!("{}", option.buyer_value));
                ui.end_row();
            }
        });
    ui.label(RichText::new(kam_sim::value_formula(def, offer)).small());
}
