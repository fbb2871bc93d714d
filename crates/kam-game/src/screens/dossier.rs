//! The selected account's dossier on the turn screen, section by section: a what-if's better
//! plan, the account and its numbers, the contract, the buying centre with the visit
//! controls, the resources, the pipeline and the history. (The coach's hints are drawn under
//! it by the turn screen, where they come and go without moving it.)

use bevy_egui::egui;
use egui::RichText;
use kam_sim::{AccountState, Game, Metric, OpportunityStatus, ResourceUse, Visit};
use kam_sim::{account_warnings, metric_help};

use crate::i18n::{self, K, Lang};
use crate::session::{Action, Play, Session};
use crate::ui;

/// The room kept beside a person's name for "×N", the visits planned to them (up to ×9).
const VISIT_MARK_WIDTH: f32 = 20.0;

/// The dossier of the account the draft has selected.
pub(super) fn dossier(ui: &mut egui::Ui, s: &Session, play: &Play, actions: &mut Vec<Action>) {
    let (lang, game) = (s.lang, &play.game);
    let a = play
        .draft
        .selected
        .min(game.accounts().len().saturating_sub(1));
    if game.scenario().accounts.get(a).is_none() {
        return;
    }
    // Replaying a month the debrief said could go better: the better plan, to read or take.
    if let Some(w) = &play.what_if
        && let Some((plan, points)) = &w.suggestion
        && game.turn() == w.month
    {
        suggestion_card(ui, game, plan, *points, lang, actions);
        ui.add_space(6.0);
    }
    account_header(ui, game, a, lang);
    account_numbers(ui, game, a, lang);
    contract(ui, game, a, lang);
    ui.separator();
    buying_centre(ui, play, a, lang, actions);
    super::people::what_they_say(ui, game, a, lang);
    ui.separator();
    resources(ui, play, a, lang, actions);
    ui.separator();
    pipeline(ui, &game.accounts()[a], lang);
    ui.separator();
    history(ui, game, a, lang);
}

/// The plan a "try next time" card valued, in words with the reasons, and a button to take
/// it as the draft.
fn suggestion_card(
    ui: &mut egui::Ui,
    game: &Game,
    plan: &kam_sim::Plan,
    points: f64,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    egui::Frame::group(ui.style())
        .fill(ui::HINT_FILL)
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_max_width(ui.available_width());
            ui.label(
                RichText::new(i18n::tf(lang, K::BetterPlan, format!("{points:.1}")))
                    .strong()
                    .color(ui::BLUE),
            );
            for line in kam_sim::plan_lines(game, plan, true) {
                let text = RichText::new(line.words(game, lang)).small();
                ui.add(egui::Label::new(text).wrap());
            }
            if ui.button(K::UseThisPlan.t(lang)).clicked() {
                actions.push(Action::UseSuggestion);
            }
        });
}

/// The account's name, industry and tier, the author's notes and its warnings.
fn account_header(ui: &mut egui::Ui, game: &Game, a: usize, lang: Lang) {
    let acc = &game.scenario().accounts[a];
    ui.heading(format!("{} — {}", K::Dossier.t(lang), acc.name));
    ui.label(
        RichText::new(format!("{} · {}", acc.industry, i18n::tier(lang, acc.tier)))
            .color(ui::MUTED),
    );
    if !acc.notes.is_empty() {
        ui.label(RichText::new(&acc.notes).italics());
    }
    ui.horizontal_wrapped(|ui| {
        for w in account_warnings(game, a) {
            let text = w.sign.words(game.scenario().turn_unit, lang);
            ui.label(RichText::new(format!("● {text}")).color(ui::warning_color(w.level)));
        }
    });
}

/// Satisfaction, relationship and share; pressure, churn risk and the visit norm.
fn account_numbers(ui: &mut egui::Ui, game: &Game, a: usize, lang: Lang) {
    let st = &game.accounts()[a];
    // A lost account has no share or risk left to speak of, whatever its last ones were.
    let unless_lost = |value: String| {
        if st.churned { "—".to_owned() } else { value }
    };
    ui.horizontal_wrapped(|ui| {
        let help = |m| metric_help(m, lang);
        let satisfaction = format!("{:.1}", st.satisfaction);
        ui::stat(
            ui,
            K::Satisfaction.t(lang),
            satisfaction,
            &help(Metric::Satisfaction),
        );
        let relationship = format!("{:.1}", st.relationship());
        ui::stat(
            ui,
            K::Relationship.t(lang),
            relationship,
            &help(Metric::Relationship),
        );
        let share = unless_lost(format!("{:.1}%", st.share));
        ui::stat(ui, K::Share.t(lang), share, &help(Metric::Share));
    });
    ui.horizontal_wrapped(|ui| {
        let pressure = format!("{:.0}", st.pressure);
        ui::stat(ui, K::Pressure.t(lang), pressure, K::TipPressure.t(lang));
        let risk = unless_lost(i18n::chance(game.churn_hazard(a)));
        ui::stat(
            ui,
            K::ChurnRisk.t(lang),
            risk,
            &i18n::tip(lang, K::TipChurn),
        );
        let norm = format!("{:.1}", game.prepared().norms[a]);
        ui::stat(ui, K::Norm.t(lang), norm, K::TipNorm.t(lang));
    });
}

/// The contract: price level (and the price the customer expects after a discount), payment
/// days and the renewal.
fn contract(ui: &mut egui::Ui, game: &Game, a: usize, lang: Lang) {
    let st = &game.accounts()[a];
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(K::Contract.t(lang)).strong());
        let price = format!("{:.3}", st.contract.price_level);
        let help = metric_help(Metric::PriceLevel, lang);
        ui::stat(ui, K::PriceLevel.t(lang), price, &help);
        // After a discount the customer expects less than they pay: shown, because it is what
        // their resentment and the next negotiation's demand come from.
        if st.reference_price < st.contract.price_level - 1e-9 {
            let help = metric_help(Metric::ExpectedPrice, lang);
            let expected = format!("{:.3}", st.reference_price);
            ui::stat(ui, K::ExpectedPrice.t(lang), expected, &help);
        }
        let days = format!("{:.0}", st.contract.payment_days);
        let help = metric_help(Metric::PaymentDays, lang);
        ui::stat(ui, K::PaymentDays.t(lang), days, &help);
        if let Some(r) = st.contract.renewal_turn {
            // A renewal past the last month is not one the trainee will play: say so.
            let when = if r > game.scenario().turns {
                i18n::tf(lang, K::AfterThisGame, r)
            } else {
                i18n::tf(lang, K::InTurn, r)
            };
            ui::stat(ui, K::Renewal.t(lang), when, "");
        }
    });
}

/// The buying centre, with the approach new visits use and a visit button per person.
fn buying_centre(ui: &mut egui::Ui, play: &Play, a: usize, lang: Lang, actions: &mut Vec<Action>) {
    let game = &play.game;
    ui.horizontal(|ui| {
        ui::subsection_heading(ui, K::BuyingCentre.t(lang));
        ui.add_space(12.0);
        ui.label(K::Approach.t(lang));
        approach_picker(ui, game, play.draft.approach, actions);
    });
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
    egui::Grid::new("buying_centre")
        .striped(true)
        // Tight columns: six of them beside the plan panel at 1280×800 (the fit test checks
        // every account's buying centre in both languages).
        .spacing([7.0, 4.0])
        .show(ui, |ui| {
            ui::header(ui, K::Person.t(lang), "");
            let layer_role = format!("{} · {}", K::Layer.t(lang), K::Role.t(lang));
            ui::header(ui, &layer_role, "");
            super::people::style_and_need_header(ui, game, lang);
            ui::header(ui, K::AttitudeShort.t(lang), K::TipAttitude.t(lang));
            ui::header(ui, K::InfluenceShort.t(lang), K::TipInfluence.t(lang));
            ui::header(ui, K::FitOf.t(lang), K::TipStyle.t(lang));
            ui.end_row();
            for p in 0..game.accounts()[a].people.len() {
                person_row(ui, play, a, p, lang, actions);
                ui.end_row();
            }
        });
}

/// The approach new visits use, with each one's description on hover.
fn approach_picker(ui: &mut egui::Ui, game: &Game, picked: usize, actions: &mut Vec<Action>) {
    let approaches = &game.scenario().approaches;
    let current = approaches.get(picked).map_or("", |p| p.name.as_str());
    egui::ComboBox::from_id_salt("approach")
        .selected_text(current)
        .show_ui(ui, |ui| {
            for (i, p) in approaches.iter().enumerate() {
                if ui
                    .selectable_label(i == picked, &p.name)
                    .on_hover_text(&p.description)
                    .clicked()
                {
                    actions.push(Action::PickApproach(i));
                }
            }
        });
}

/// One person of the buying centre: name (with the visits planned), layer and role, style and
/// need, attitude, influence, and the visit button with what the chosen pitch would do.
fn person_row(
    ui: &mut egui::Ui,
    play: &Play,
    a: usize,
    p: usize,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let (game, draft) = (&play.game, &play.draft);
    let st = &game.accounts()[a];
    let person = &st.people[p];
    let who = &person.person;
    let planned = draft
        .plan
        .visits
        .iter()
        .filter(|v| v.account.index() == a && v.stakeholder.index() == p)
        .count();
    person_name(ui, who, planned, lang);
    ui.vertical(|ui| {
        ui.label(i18n::layer(lang, who.layer));
        ui.label(RichText::new(i18n::role(lang, who.role)).small());
    });
    super::people::style_and_need_cell(ui, game, a, p, lang, actions);
    let color = if person.support >= ui::SUPPORTIVE {
        ui::GREEN
    } else if person.support < ui::OPPOSED {
        ui::RED
    } else {
        ui::MUTED
    };
    ui.label(RichText::new(format!("{:.0}", person.support)).color(color));
    ui.label(format!("{:.0}", who.influence));
    // One cell: the visit button, and what the chosen pitch would do with this person before
    // the visit is added.
    let full = draft.plan.visits.len() as u32 >= game.scenario().means.visits_per_turn;
    ui.horizontal(|ui| {
        if !person.present {
            ui.label(RichText::new(K::Left.t(lang)).color(ui::MUTED));
        } else if st.churned {
            ui.label("");
        } else {
            let add = ui
                .add_enabled(!full, egui::Button::new(K::AddVisit.t(lang)))
                .on_disabled_hover_text(K::NoVisitsLeft.t(lang));
            if add.clicked() {
                actions.push(Action::AddVisit(Visit {
                    account: kam_sim::AccountId(a),
                    stakeholder: kam_sim::MemberId(p),
                    approach: kam_sim::ApproachId(draft.approach),
                }));
            }
            super::people::fit_label(ui, game, a, p, draft.approach, lang);
        }
    });
}

/// A person's name with their notes on hover, the visits planned to them, and their title.
fn person_name(
    ui: &mut egui::Ui,
    who: &kam_sim::scenario::Stakeholder,
    planned: usize,
    lang: Lang,
) {
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(&who.name).strong())
                .on_hover_text(&who.notes);
            // Visits already planned, beside the name: the button keeps its width, so the
            // pitch fit beside it stays in view. The place is kept on every row, planned or
            // not, so the columns do not jump when one appears.
            let mark = if planned > 0 {
                RichText::new(format!("×{planned}"))
                    .strong()
                    .color(ui::GREEN)
            } else {
                RichText::new("")
            };
            let mark = ui.add_sized(
                [VISIT_MARK_WIDTH, ui.spacing().interact_size.y],
                egui::Label::new(mark),
            );
            if planned > 0 {
                mark.on_hover_text(K::VisitsVsNorm.t(lang));
            }
        });
        if !who.title.is_empty() {
            ui.label(RichText::new(&who.title).small().color(ui::MUTED));
        }
    });
}

/// The resources for this account: what each is and costs, the units planned, and a button
/// greyed out with the engine's reason when the plan could not take one more.
fn resources(ui: &mut egui::Ui, play: &Play, a: usize, lang: Lang, actions: &mut Vec<Action>) {
    let (game, plan) = (&play.game, &play.draft.plan);
    ui::subsection_heading(ui, K::Resources.t(lang));
    egui::Grid::new("resources")
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            for (r, res) in game.scenario().means.resources.iter().enumerate() {
                let units: u32 = plan
                    .resources
                    .iter()
                    .filter(|x| x.account.index() == a && x.resource.index() == r)
                    .map(|x| x.units)
                    .sum();
                // What the resource is, then what it takes: never an empty tooltip.
                let effects = kam_sim::resource_effects(res, lang);
                let about = format!(
                    "{}{}{}{}{} {} · {} {}",
                    res.description,
                    if res.description.is_empty() { "" } else { "\n" },
                    effects,
                    if effects.is_empty() { "" } else { "\n" },
                    K::Cost.t(lang),
                    i18n::money(res.cost),
                    K::MaxPerAccount.t(lang),
                    res.max_per_account
                );
                ui.label(&res.name).on_hover_text(&about);
                ui.label(format!("{} {}", K::Cost.t(lang), i18n::money(res.cost)));
                ui.label(format!("{units} / {}", res.max_per_account));
                if !game.accounts()[a].churned {
                    let one = ResourceUse {
                        account: kam_sim::AccountId(a),
                        resource: kam_sim::ResourceId(r),
                        units: 1,
                    };
                    add_resource_button(ui, play, one, &about, lang, actions);
                }
                ui.end_row();
            }
        });
}

/// "Add" for one unit of a resource, greyed out with the engine's reason when the plan could
/// not take it (worked out when the draft changed, not every frame).
fn add_resource_button(
    ui: &mut egui::Ui,
    play: &Play,
    one: ResourceUse,
    about: &str,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let refusal = play.resource_refusal(one.account.index(), one.resource.index());
    let button = ui
        .add_enabled(refusal.is_none(), egui::Button::new(K::AddResource.t(lang)))
        .on_hover_text(about);
    let button = match refusal {
        Some(why) => button.on_disabled_hover_text(i18n::plan_error(lang, why)),
        None => button,
    };
    if button.clicked() {
        actions.push(Action::AddResource(one));
    }
}

/// The account's opportunities: value, stage, win rate, the chance of closing now and when.
fn pipeline(ui: &mut egui::Ui, st: &AccountState, lang: Lang) {
    ui::subsection_heading(ui, K::Pipeline.t(lang));
    if st.opportunities.is_empty() {
        ui.label(K::NoOpportunities.t(lang));
        return;
    }
    egui::Grid::new("pipeline")
        .striped(true)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            ui::header(ui, K::Opportunity.t(lang), "");
            ui::header(ui, K::Value.t(lang), "");
            ui::header(ui, K::Stage.t(lang), "");
            ui::header(ui, K::WinRate.t(lang), K::TipForecast.t(lang));
            // The tip's numbers are the model's own.
            let tip = [
                kam_sim::model::CLOSE_SATISFACTION_PAR,
                kam_sim::model::CLOSE_RELATIONSHIP_PAR,
                100.0 * kam_sim::model::close_chance(6, 100.0, 100.0),
            ]
            .iter()
            .fold(K::TipChanceNow.t(lang).to_owned(), |t, n| {
                t.replacen("{}", &format!("{n:.0}"), 1)
            });
            ui::header(ui, K::ChanceNow.t(lang), &tip);
            ui::header(ui, K::CloseTurn.t(lang), "");
            ui.end_row();
            for o in &st.opportunities {
                opportunity_row(ui, st, o, lang);
                ui.end_row();
            }
        });
    ui::stat(
        ui,
        K::Forecast.t(lang),
        i18n::money(st.forecast()),
        K::TipForecast.t(lang),
    );
}

/// One opportunity of the pipeline; a decided one has no odds and no date left.
fn opportunity_row(
    ui: &mut egui::Ui,
    st: &AccountState,
    o: &kam_sim::OpportunityState,
    lang: Lang,
) {
    let status = match o.status {
        OpportunityStatus::Open => String::new(),
        OpportunityStatus::Won => i18n::paren(lang, K::Won.t(lang)),
        OpportunityStatus::Lost => i18n::paren(lang, K::OpportunityLost.t(lang)),
    };
    ui.label(format!("{}{status}", o.opportunity.name));
    ui.label(i18n::money(o.opportunity.value));
    ui.label(format!("{}/6", o.stage));
    if o.status == OpportunityStatus::Open {
        ui.label(format!("{:.0}%", 100.0 * o.win_rate()));
        // The odds the close is drawn at, as the account stands: the same number the debrief's
        // "decided by chance" shows.
        let now = kam_sim::model::close_chance(o.stage, st.satisfaction, st.relationship());
        ui.label(RichText::new(format!("{:.0}%", 100.0 * now)).strong());
        ui.label(o.opportunity.close_turn.to_string());
    } else {
        ui.label("—");
        ui.label("—");
        ui.label("—");
    }
}

/// The account month by month, latest first.
fn history(ui: &mut egui::Ui, game: &Game, a: usize, lang: Lang) {
    ui::subsection_heading(ui, K::History.t(lang));
    let history = game.history(a);
    if history.is_empty() {
        ui.label(K::NoHistory.t(lang));
        return;
    }
    egui::Grid::new("history")
        .striped(true)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            for k in [
                K::Turn,
                K::SatisfactionShort,
                K::Relationship,
                K::ShareShort,
                K::Revenue,
                K::Profit,
                K::Visits,
            ] {
                ui::header(ui, k.t(lang), "");
            }
            ui.end_row();
            for r in history.iter().rev() {
                ui.label(r.turn.to_string());
                ui.label(format!("{:.0}", r.satisfaction));
                ui.label(format!("{:.0}", r.relationship));
                if r.churned {
                    ui.label("—");
                } else {
                    ui.label(format!("{:.0}%", r.share));
                }
                ui.label(i18n::money(r.revenue));
                ui.label(i18n::money(r.profit.total()));
                ui.label(r.visits.to_string());
                ui.end_row();
            }
        });
}
