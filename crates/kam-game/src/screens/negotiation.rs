//! Negotiation: build an offer issue by issue, hear the buyer answer in character, concede or
//! trade between rounds, or walk away; then the deal summary with what it does to profit.
//! The buyer's words and the review after the deal come from kam-sim's
//! [`kam_sim::negotiation_review`], so they agree with the numbers.

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};
use egui::RichText;
use kam_sim::{BuyerReply, Exchange, Game, Pending};
use kam_sim::{BuyerSignal, OfferTable};

use kam_sim::scenario::{IssueOption, Need, Negotiation, Style};

use crate::i18n::{self, K, Lang};
use crate::session::{Action, Screen, Session};
use crate::ui;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        ui::view_system(view).run_if(crate::session::on_screen(Screen::Negotiation)),
    );
}

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

pub fn view(root: &mut egui::Ui, s: &mut Session) -> Vec<Action> {
    let mut actions = Vec::new();
    let lang = s.lang;
    ui::top_bar(root, s, &mut actions);
    let Some(game) = s.game() else { return actions };
    let sc = game.scenario();
    let Some(def) = sc.negotiations.get(s.nego.negotiation) else {
        return actions;
    };
    let account = sc
        .accounts
        .iter()
        .position(|a| a.id == def.account)
        .unwrap_or(0);
    let state = match game.pending() {
        Some(Pending::Negotiation(st)) if st.negotiation == s.nego.negotiation => Some(st.clone()),
        _ => None,
    };
    let buyer = def
        .buyer
        .as_ref()
        .and_then(|id| {
            game.accounts()[account]
                .people
                .iter()
                .find(|p| &p.person.id == id)
        })
        .map(|p| p.person.clone());
    let style = buyer.as_ref().map_or(Style::A, |b| b.style);
    let need = buyer.as_ref().map(|b| b.need);
    let done = s.nego.summary.is_some();
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
        .show(root, |ui| {
            ui.heading(K::BuyerSays.t(lang));
            if let Some(b) = &buyer {
                // The style only where the difficulty shows it; else the trainee's own reading
                // (their words in the replies below are the cue).
                let style_shown = if game.prepared().difficulty.shows_style_and_need() {
                    Some(i18n::style(lang, b.style).to_owned())
                } else {
                    game.accounts()[account]
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
            let exchanges = state
                .as_ref()
                .map_or_else(|| s.nego.history.clone(), |st| st.exchanges.clone());
            let pressed = pressed_so_far(lang, def, &exchanges);
            if !pressed.is_empty() {
                ui.label(
                    RichText::new(i18n::labelled(lang, K::PressedSoFar.t(lang), &pressed)).strong(),
                );
            }
            let table = s.nego.table.as_ref();
            for (i, x) in exchanges.iter().enumerate() {
                ui::card(ui, |ui| {
                    ui.label(RichText::new(format!("{} {}", K::Round.t(lang), i + 1)).strong());
                    let offered: Vec<String> = def
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
                    ui::kinsoku::label(
                        ui,
                        &reply_text(lang, def, (style, need), table, i as u32 + 1, x),
                        |r| r,
                    );
                });
            }
            // The closing answer, unless the last round's card already gives it (a walk-away
            // from our side has no round of its own).
            let closed_in_a_round = exchanges
                .last()
                .is_some_and(|x| matches!(x.reply, BuyerReply::Accept | BuyerReply::WalkAway));
            if let Some(sum) = s.nego.summary.as_ref().filter(|_| !closed_in_a_round) {
                let text = if sum.deal.is_some() {
                    i18n::buyer_accepts(lang, style)
                } else {
                    i18n::buyer_walks(lang, style)
                };
                ui::card(ui, |ui| ui.label(RichText::new(text).strong()));
            }
        });
    egui::CentralPanel::default().show(root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "{} · {}",
                    K::Negotiation.t(lang),
                    sc.accounts[account].name
                ))
                .color(ui::MUTED),
            );
            ui.label(
                RichText::new(if def.title.is_empty() {
                    &def.id
                } else {
                    &def.title
                })
                .size(22.0)
                .strong(),
            );
            ui.label(&def.text);
            if let Some(st) = &state {
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
            ui.add_space(8.0);
            match &s.nego.summary {
                None => {
                    ui.label(RichText::new(K::YourOffer.t(lang)).strong().size(16.0));
                    // What each option costs us in profit per month against the best terms on
                    // that issue (the rest of the offer as it stands): the price of a
                    // concession, seen before it is made.
                    let negotiation = s.nego.negotiation;
                    let now = game
                        .negotiation_account(negotiation)
                        .map(|a| game.profit_rate(a));
                    for (i, issue) in def.issues.iter().enumerate() {
                        let rates: Vec<Option<f64>> = (0..issue.options.len())
                            .map(|k| {
                                let mut with = s.nego.offer.clone();
                                if let Some(x) = with.get_mut(i) {
                                    *x = k;
                                }
                                game.deal_profit_rate(negotiation, &with)
                            })
                            .collect();
                        let best = rates.iter().flatten().copied().fold(f64::MIN, f64::max);
                        let focused = s.nego.focus == i;
                        ui::card(ui, |ui| {
                            ui.set_width(ui.available_width());
                            // The arrow keys' issue is marked, so the keys can be followed.
                            let topic = i18n::topic(lang, issue.topic);
                            if focused {
                                ui.label(
                                    RichText::new(format!("→ {topic}")).strong().color(ui::BLUE),
                                );
                            } else {
                                ui.label(RichText::new(topic).strong());
                            }
                            for (k, o) in issue.options.iter().enumerate() {
                                let chosen = s.nego.offer.get(i) == Some(&k);
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
                                        ui.label(
                                            RichText::new(format!(
                                                "{} {}",
                                                K::ProfitPerMonth.t(lang),
                                                i18n::delta(cost)
                                            ))
                                            .small()
                                            .color(if cost < -1e-9 { ui::RED } else { ui::MUTED }),
                                        );
                                    }
                                });
                            }
                        });
                    }
                    if let (Some(now), Some(then)) =
                        (now, game.deal_profit_rate(negotiation, &s.nego.offer))
                    {
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
                Some(sum) => {
                    ui.label(RichText::new(K::DealSummary.t(lang)).strong().size(18.0));
                    match &sum.deal {
                        Some(deal) => {
                            ui.label(RichText::new(K::Deal.t(lang)).color(ui::GREEN).strong());
                            for (issue, &o) in def.issues.iter().zip(deal) {
                                ui.label(format!(
                                    "• {}",
                                    i18n::labelled(
                                        lang,
                                        i18n::topic(lang, issue.topic),
                                        &issue.options[o].label
                                    )
                                ));
                            }
                        }
                        None => {
                            ui.label(RichText::new(K::NoDeal.t(lang)).color(ui::RED).strong());
                        }
                    }
                    // The buyer's value of the deal (or of the last offer, when there was none)
                    // as the sum it is, beside the bar it had to pass.
                    let history = &s.nego.history;
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
                    if let Some(table) = &s.nego.table {
                        let closed = history.last().is_some_and(|x| {
                            matches!(x.reply, BuyerReply::Accept | BuyerReply::WalkAway)
                        });
                        let round =
                            (history.len() as u32 + u32::from(!closed)).clamp(1, def.rounds.max(1));
                        ui.label(format!(
                            "{} · {}",
                            i18n::labelled(
                                lang,
                                &i18n::tf(lang, K::NeededInRound, round),
                                format!(
                                    "{:.0}",
                                    table.bars.get(round as usize - 1).copied().unwrap_or(0.0)
                                ),
                            ),
                            i18n::labelled(
                                lang,
                                K::CompetitorFloor.t(lang),
                                format!("{:.0}", table.competitor_offer),
                            ),
                        ));
                    }
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
                    ui::card(ui, |ui| {
                        ui.label(RichText::new(K::Feedback.t(lang)).strong());
                        // What this deal did, by the debrief's rule, before the scenario's
                        // general advice (the same whether the deal was won or lost).
                        ui.label(
                            RichText::new(kam_sim::deal_verdict(
                                sum.deal.is_some(),
                                sum.profit_rate_before,
                                sum.profit_rate_after,
                                lang,
                            ))
                            .strong(),
                        );
                        // The numbers first: the cheapest winning offer, what this outcome gave away
                        // against it, whether list price could win. The author's lesson follows,
                        // never instead of them.
                        if let Some(table) = &s.nego.table {
                            let r = table.review(def, sum.deal.as_deref());
                            ui.add_space(4.0);
                            ui.label(RichText::new(K::ByTheNumbers.t(lang)).strong());
                            for line in r.lines(def, sc, lang) {
                                ui.label(format!("• {line}"));
                            }
                        }
                        if !def.feedback.is_empty() {
                            ui.add_space(4.0);
                            ui.label(RichText::new(K::CourseLesson.t(lang)).strong());
                            ui.label(&def.feedback);
                        }
                    });
                }
            }
        });
    });
    // The offer from the keyboard: ↑/↓ pick the issue, ←/→ its option (every press counts,
    // however many arrive in one frame).
    if !done && !def.issues.is_empty() {
        let last_issue = def.issues.len() - 1;
        let focus = s.nego.focus.min(last_issue);
        let down = ui::presses(root, egui::Key::ArrowDown);
        let up = ui::presses(root, egui::Key::ArrowUp);
        let moved = (focus + down).saturating_sub(up).min(last_issue);
        if moved != focus {
            actions.push(Action::FocusIssue(moved));
        }
        let last_option = def.issues[moved].options.len().saturating_sub(1);
        let current = s.nego.offer.get(moved).copied().unwrap_or(0);
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
    if ui::enter(root) {
        actions.push(if done {
            Action::Continue
        } else {
            Action::MakeOffer
        });
    }
    actions
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
                    kam_sim::need_at_the_table(need, times, lang)
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
