//! The turn screen: the account dashboard with red/yellow/blue warnings, the selected account's
//! dossier (buying centre, contract, pipeline, history), and the plan of visits and resources
//! with what capacity and budget remain. Plans are checked by the engine as they are built:
//! an over-allocation is refused with the engine's reason.

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};
use egui::RichText;
use kam_sim::{Game, Metric, OpportunityStatus, ResourceUse, Visit};
use kam_sim::{account_warnings, metric_help};

use crate::i18n::{self, K, Lang};
use crate::session::{Action, Screen, Session};
use crate::ui;

/// The room kept beside a person's name for "×N", the visits planned to them (up to ×9).
const VISIT_MARK_WIDTH: f32 = 20.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        ui::view_system(view).run_if(crate::session::on_screen(Screen::Turn)),
    );
}

pub fn view(root: &mut egui::Ui, s: &mut Session) -> Vec<Action> {
    let mut actions = Vec::new();
    let lang = s.lang;
    ui::top_bar(root, s, &mut actions);
    ui::guide_banner(root, s, &mut actions);
    // A class game resumed mid-round: the month cannot be planned before it opens.
    if s.waiting_for_class() {
        actions.extend(crate::screens::report::waiting_for_class(root, s));
        return actions;
    }
    let Some(game) = s.game.as_ref() else {
        return actions;
    };
    let capacity = game.scenario().means.visits_per_turn;
    let budget = game.scenario().means.budget_per_turn;
    let visits_left = capacity as i64 - s.draft.visits.len() as i64;
    let budget_left = budget - game.plan_cost(&s.draft);
    ui::bottom_bar(root, K::EndTurnHint.t(lang), |ui| {
        if ui::primary(ui, K::EndTurn.t(lang)).clicked() {
            actions.push(Action::EndTurn);
        }
        ui.label(
            RichText::new(format!(
                "{} {}",
                s.money_label(K::BudgetLeft),
                i18n::money(budget_left)
            ))
            .strong(),
        )
        .on_hover_text(K::TipBudgetLeft.t(lang));
        ui.label(
            RichText::new(format!(
                "{} {visits_left} / {capacity}",
                K::VisitsLeft.t(lang)
            ))
            .strong(),
        )
        .on_hover_text(K::TipVisitsLeft.t(lang));
    });
    // Narrower on a small screen, so the dossier keeps room beside the plan.
    let dashboard_width = (root.available_width() * 0.37).clamp(340.0, 468.0);
    egui::Panel::left("dashboard")
        .exact_size(dashboard_width)
        .show(root, |ui| {
            // The coach's preview: the plan's expected effect, the model's expectation only.
            let preview = if s.coach_on() {
                game.preview_plan_as_read(&s.draft).ok()
            } else {
                None
            };
            dashboard(
                ui,
                game,
                s.selected_account,
                preview.as_deref(),
                lang,
                &mut actions,
            );
        });
    egui::Panel::right("plan")
        .exact_size(215.0)
        .show(root, |ui| {
            plan_panel(
                ui,
                s,
                game,
                visits_left,
                capacity,
                budget_left,
                &mut actions,
            );
        });
    egui::CentralPanel::default().show(root, |ui| {
        // Both ways: a wide buying centre scrolls inside the dossier instead of spreading
        // over the plan panel.
        // One scroll position per account: the next dossier opens at its top.
        egui::ScrollArea::both()
            .id_salt(("dossier", s.selected_account))
            .show(ui, |ui| dossier(ui, s, game, &mut actions));
    });
    if s.confirm.is_some() {
        actions.extend(ui::confirm_dialog(root, s));
        return actions;
    }
    if ui::enter(root) && !root.ctx().egui_wants_keyboard_input() {
        actions.push(Action::EndTurn);
    }
    if ui::key(root, egui::Key::Escape) {
        actions.push(Action::Back);
    }
    let n = game.accounts().len();
    if n > 0 && !root.ctx().egui_wants_keyboard_input() {
        // Every press counts, however many arrive in one frame. ↑/↓ stop at the first and
        // last account: a trainee pressing ↑ "to get to the top" once wrapped round to the
        // bottom and planned a month's visits on the wrong account (a playtest).
        let down = ui::presses(root, egui::Key::ArrowDown);
        let up = ui::presses(root, egui::Key::ArrowUp);
        let pick = (s.selected_account.min(n - 1) + down)
            .saturating_sub(up)
            .min(n - 1);
        if pick != s.selected_account {
            actions.push(Action::SelectAccount(pick));
        }
        // Keys 1–9 visit that person of the selected account; ←/→ change the approach;
        // Backspace undoes the last change to the plan.
        let a = s.selected_account.min(n - 1);
        for (p, k) in crate::screens::event::NUMBER_KEYS.iter().enumerate() {
            if p < game.accounts()[a].people.len() {
                for _ in 0..ui::presses(root, *k) {
                    actions.push(Action::AddVisit(Visit {
                        account: a,
                        stakeholder: p,
                        approach: s.approach_pick,
                    }));
                }
            }
        }
        // ←/→ stop at the first and last pitch: no silent wrap to the other end.
        let last = game.scenario().approaches.len().saturating_sub(1);
        let right = ui::presses(root, egui::Key::ArrowRight);
        let left = ui::presses(root, egui::Key::ArrowLeft);
        let pick = (s.approach_pick + right).saturating_sub(left).min(last);
        if pick != s.approach_pick {
            actions.push(Action::PickApproach(pick));
        }
        for _ in 0..ui::presses(root, egui::Key::Backspace) {
            actions.push(Action::Undo);
        }
    }
    actions
}

/// Satisfaction change since the previous turn (or the start); none for a lost account, whose
/// satisfaction no longer moves for any reason (a lost account once showed "+0.9").
fn trend(game: &Game, a: usize) -> Option<f64> {
    if game.accounts()[a].churned {
        return None;
    }
    let h = game.history(a);
    let now = game.accounts()[a].satisfaction;
    Some(match h {
        [.., prev, _] => now - prev.satisfaction,
        [_] | [] => now - game.scenario().accounts[a].satisfaction,
    })
}

fn dashboard(
    ui: &mut egui::Ui,
    game: &Game,
    selected: usize,
    preview: Option<&[kam_sim::PlanPreview]>,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    ui.heading(K::Dashboard.t(lang));
    egui::ScrollArea::both().id_salt("dash").show(ui, |ui| {
        egui::Grid::new("dashboard_grid")
            .striped(true)
            .spacing([4.0, 6.0])
            .show(ui, |ui| {
                // Warnings first and compact (a dot each, the reason on hover): the table must
                // fit its panel at 1280×800 with the coach's column, or the last column is cut.
                ui::header(ui, "●", K::TipWarnings.t(lang));
                ui::header(ui, K::Account.t(lang), "");
                ui::header(ui, K::Tier.t(lang), K::TipTier.t(lang));
                ui::header(
                    ui,
                    K::RevenueShort.t(lang),
                    &metric_help(Metric::Revenue, lang),
                );
                ui::header(ui, K::MarginShort.t(lang), K::TipMargin.t(lang));
                ui::header(
                    ui,
                    K::SatisfactionShort.t(lang),
                    &metric_help(Metric::Satisfaction, lang),
                );
                ui::header(
                    ui,
                    K::RelationshipShort.t(lang),
                    &metric_help(Metric::Relationship, lang),
                );
                ui::header(ui, K::Trend.t(lang), K::TipTrend.t(lang));
                if preview.is_some() {
                    ui::header(ui, K::PlanEffect.t(lang), K::TipPlanEffect.t(lang));
                }
                ui.end_row();
                for (a, acc) in game.scenario().accounts.iter().enumerate() {
                    let st = &game.accounts()[a];
                    // One label of coloured dots, as narrow as its dots (a layout of its own
                    // would take a cell's whole width), every reason on hover.
                    let ws = account_warnings(game, a, lang);
                    let mut dots = egui::text::LayoutJob::default();
                    // Small dots: three of them at body size pushed the last column out of
                    // the panel (seen in a playtest).
                    let font = egui::TextStyle::Small.resolve(ui.style());
                    for w in ws.iter().take(3) {
                        dots.append(
                            "●",
                            0.0,
                            egui::TextFormat::simple(font.clone(), ui::warning_color(w.level)),
                        );
                    }
                    let reasons: Vec<&str> = ws.iter().map(|w| w.text.as_str()).collect();
                    let dots = ui.label(dots);
                    if !reasons.is_empty() {
                        dots.on_hover_text(reasons.join("\n"));
                    }
                    // A lost account is struck through, and says so on hover: a "(Lost)"
                    // beside the name widened the column out of the panel.
                    let mut text = RichText::new(ui::ellipsize(&acc.name, 9)).strong();
                    let mut hover = acc.name.clone();
                    if st.churned {
                        text = text.strikethrough().color(ui::MUTED);
                        hover = format!("{hover}{}", i18n::paren(lang, K::Lost.t(lang)));
                    }
                    if ui
                        .selectable_label(a == selected, text)
                        .on_hover_text(hover)
                        .clicked()
                    {
                        actions.push(Action::SelectAccount(a));
                    }
                    ui.label(format!("{:?}", acc.tier))
                        .on_hover_text(i18n::tier(lang, acc.tier));
                    ui.label(i18n::money(st.revenue(acc.potential)));
                    ui.label(format!("{:.0}%", st.margin));
                    ui.label(format!("{:.0}", st.satisfaction));
                    ui.label(format!("{:.0}", st.relationship()));
                    match trend(game, a) {
                        Some(t) => ui.label(ui::delta_text(t)),
                        None => ui.label(RichText::new("—").color(ui::MUTED)),
                    };
                    if let Some(p) = preview.and_then(|p| p.get(a)) {
                        let (now, then) = p.satisfaction;
                        ui.label(ui::delta_text(then - now)).on_hover_text(
                            [
                                i18n::labelled(
                                    lang,
                                    K::Satisfaction.t(lang),
                                    format!("{now:.1} → {then:.1}"),
                                ),
                                i18n::labelled(
                                    lang,
                                    K::Share.t(lang),
                                    format!("{:.1}% → {:.1}%", p.share.0, p.share.1),
                                ),
                                i18n::labelled(
                                    lang,
                                    K::ProfitThisTurn.t(lang),
                                    i18n::money(p.profit),
                                ),
                                i18n::labelled(
                                    lang,
                                    K::ChurnRisk.t(lang),
                                    i18n::chance(p.churn_risk),
                                ),
                            ]
                            .join("\n"),
                        );
                    }
                    ui.end_row();
                }
            });
        ui.add_space(8.0);
        let forecast: f64 = game.accounts().iter().map(|a| a.forecast()).sum();
        ui::stat(
            ui,
            K::TotalForecast.t(lang),
            i18n::money(forecast),
            K::TipForecast.t(lang),
        );
    });
}

fn plan_panel(
    ui: &mut egui::Ui,
    s: &Session,
    game: &Game,
    visits_left: i64,
    capacity: u32,
    budget_left: f64,
    actions: &mut Vec<Action>,
) {
    let lang = s.lang;
    let sc = game.scenario();
    ui.heading(K::Allocation.t(lang));
    // One line: a full month's plan must fit beside it at 1024×768.
    ui.label(
        RichText::new(format!(
            "{} {visits_left}/{capacity} · {} {}",
            K::VisitsLeft.t(lang),
            s.money_label(K::BudgetLeft),
            i18n::money(budget_left)
        ))
        .small(),
    )
    .on_hover_text(format!(
        "{}\n{}",
        K::TipVisitsLeft.t(lang),
        K::TipBudgetLeft.t(lang)
    ));
    // At the top, so they stay in view however long the plan grows.
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!s.undo.is_empty(), egui::Button::new(K::Undo.t(lang)))
            .on_hover_text("Backspace")
            .clicked()
        {
            actions.push(Action::Undo);
        }
        if ui
            .add_enabled(
                !s.draft.visits.is_empty() || !s.draft.resources.is_empty(),
                egui::Button::new(K::ClearPlan.t(lang)),
            )
            .clicked()
        {
            actions.push(Action::ClearPlan);
        }
    });
    if let Some(m) = &s.message {
        egui::Frame::group(ui.style())
            .fill(egui::Color32::from_rgb(255, 238, 238))
            .show(ui, |ui| {
                // The words say what was not added and why (`i18n::plan_error`).
                ui::kinsoku::label(ui, m, |r| r.color(ui::RED));
            });
    }
    ui.separator();
    ui.label(RichText::new(K::VisitsVsNorm.t(lang)).strong())
        .on_hover_text(K::TipNorm.t(lang));
    // One block per account: its visits against its norm, then each visit (person and pitch)
    // and resource, each with its own remove button.
    egui::ScrollArea::vertical().id_salt("plan").show(ui, |ui| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
        ui.spacing_mut().item_spacing.y = 1.0;
        // Rows as tall as their small text, not as a full-size control: the plan must fit.
        ui.spacing_mut().interact_size.y = 14.0;
        for (a, acc) in sc.accounts.iter().enumerate() {
            if game.accounts()[a].churned {
                continue;
            }
            let planned = s.draft.visits.iter().filter(|v| v.account == a).count() as f64;
            let norm = game.prepared().norms[a];
            let color = if planned + 1e-9 >= norm.floor().max(1.0) {
                ui::GREEN
            } else {
                ui::MUTED
            };
            ui.horizontal(|ui| {
                ui.label(RichText::new(ui::ellipsize(&acc.name, 16)).small().strong())
                    .on_hover_text(&acc.name);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(
                        RichText::new(format!("{planned:.0} / {norm:.1}"))
                            .small()
                            .color(color),
                    );
                });
            });
            for (i, v) in s
                .draft
                .visits
                .iter()
                .enumerate()
                .filter(|(_, v)| v.account == a)
            {
                ui.horizontal(|ui| {
                    if ui
                        .small_button("×")
                        .on_hover_text(K::Remove.t(lang))
                        .clicked()
                    {
                        actions.push(Action::RemoveVisit(i));
                    }
                    // One line a visit, cut with … (the whole on hover): 21 visits over ten
                    // accounts must fit the panel at 1280×800 in the game's own fonts.
                    let person = &game.accounts()[a].people[v.stakeholder].person.name;
                    let text = format!("{person} · {}", sc.approaches[v.approach].name);
                    ui.add(egui::Label::new(RichText::new(&text).small()).truncate())
                        .on_hover_text(&text);
                });
            }
            for (i, r) in s
                .draft
                .resources
                .iter()
                .enumerate()
                .filter(|(_, r)| r.account == a)
            {
                ui.horizontal(|ui| {
                    if ui
                        .small_button("×")
                        .on_hover_text(K::Remove.t(lang))
                        .clicked()
                    {
                        actions.push(Action::RemoveResource(i));
                    }
                    let res = &sc.means.resources[r.resource];
                    ui.label(RichText::new(format!("{} × {}", res.name, r.units)).small());
                });
            }
        }
    });
}

fn dossier(ui: &mut egui::Ui, s: &Session, game: &Game, actions: &mut Vec<Action>) {
    let lang = s.lang;
    let a = s
        .selected_account
        .min(game.accounts().len().saturating_sub(1));
    let Some(acc) = game.scenario().accounts.get(a) else {
        return;
    };
    let st = &game.accounts()[a];
    // Replaying a month the debrief said could go better: the better plan, to read or take.
    if let Some(w) = &s.what_if
        && let Some((plan, points)) = &w.suggestion
        && game.turn() == w.month
    {
        suggestion_card(ui, game, plan, *points, lang, actions);
        ui.add_space(6.0);
    }
    // Practice: what the plan on the table breaks, named by its lesson, before it is played
    // (once there is a plan: see `Session::coach_hints`).
    let hints = s.coach_hints();
    if !hints.is_empty() {
        coach_card(ui, &hints, lang);
        ui.add_space(6.0);
    }
    ui.heading(format!("{} — {}", K::Dossier.t(lang), acc.name));
    ui.label(
        RichText::new(format!("{} · {}", acc.industry, i18n::tier(lang, acc.tier)))
            .color(ui::MUTED),
    );
    if !acc.notes.is_empty() {
        ui.label(RichText::new(&acc.notes).italics());
    }
    ui.horizontal_wrapped(|ui| {
        for w in account_warnings(game, a, lang) {
            ui.label(RichText::new(format!("● {}", w.text)).color(ui::warning_color(w.level)));
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui::stat(
            ui,
            K::Satisfaction.t(lang),
            format!("{:.1}", st.satisfaction),
            &metric_help(Metric::Satisfaction, lang),
        );
        ui::stat(
            ui,
            K::Relationship.t(lang),
            format!("{:.1}", st.relationship()),
            &metric_help(Metric::Relationship, lang),
        );
        // A lost account has no share left to speak of, whatever its last one was.
        ui::stat(
            ui,
            K::Share.t(lang),
            if st.churned {
                "—".to_owned()
            } else {
                format!("{:.1}%", st.share)
            },
            &metric_help(Metric::Share, lang),
        );
    });
    ui.horizontal_wrapped(|ui| {
        ui::stat(
            ui,
            K::Pressure.t(lang),
            format!("{:.0}", st.pressure),
            K::TipPressure.t(lang),
        );
        ui::stat(
            ui,
            K::ChurnRisk.t(lang),
            if st.churned {
                "—".to_owned()
            } else {
                i18n::chance(game.churn_hazard(a))
            },
            K::TipChurn.t(lang),
        );
        ui::stat(
            ui,
            K::Norm.t(lang),
            format!("{:.1}", game.prepared().norms[a]),
            K::TipNorm.t(lang),
        );
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(K::Contract.t(lang)).strong());
        let price_help = kam_sim::metric_help(kam_sim::Metric::PriceLevel, lang);
        ui::stat(
            ui,
            K::PriceLevel.t(lang),
            format!("{:.3}", st.contract.price_level),
            &price_help,
        );
        // After a discount the customer expects less than they pay: shown, because it is what
        // their resentment and the next negotiation's demand come from.
        if st.reference_price < st.contract.price_level - 1e-9 {
            let help = kam_sim::metric_help(kam_sim::Metric::ExpectedPrice, lang);
            ui::stat(
                ui,
                K::ExpectedPrice.t(lang),
                format!("{:.3}", st.reference_price),
                &help,
            );
        }
        let days_help = kam_sim::metric_help(kam_sim::Metric::PaymentDays, lang);
        ui::stat(
            ui,
            K::PaymentDays.t(lang),
            format!("{:.0}", st.contract.payment_days),
            &days_help,
        );
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
    ui.separator();

    // Buying centre, with the visit controls.
    ui.horizontal(|ui| {
        ui.label(RichText::new(K::BuyingCentre.t(lang)).strong().size(15.0));
        ui.add_space(12.0);
        ui.label(K::Approach.t(lang));
        let approaches = &game.scenario().approaches;
        let current = approaches
            .get(s.approach_pick)
            .map_or("", |p| p.name.as_str());
        egui::ComboBox::from_id_salt("approach")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for (i, p) in approaches.iter().enumerate() {
                    if ui
                        .selectable_label(i == s.approach_pick, &p.name)
                        .on_hover_text(&p.description)
                        .clicked()
                    {
                        actions.push(Action::PickApproach(i));
                    }
                }
            });
    });
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
    egui::Grid::new("buying_centre")
        .striped(true)
        // Tight columns: six of them beside the plan panel at 1280×800 (the fit test checks
        // every account's buying centre in both languages).
        .spacing([7.0, 4.0])
        .show(ui, |ui| {
            ui::header(ui, K::Person.t(lang), "");
            ui::header(
                ui,
                &format!("{} · {}", K::Layer.t(lang), K::Role.t(lang)),
                "",
            );
            super::people::style_and_need_header(ui, game, lang);
            ui::header(ui, K::AttitudeShort.t(lang), K::TipAttitude.t(lang));
            ui::header(ui, K::InfluenceShort.t(lang), K::TipInfluence.t(lang));
            ui::header(ui, K::FitOf.t(lang), K::TipStyle.t(lang));
            ui.end_row();
            let full = s.draft.visits.len() as u32 >= game.scenario().means.visits_per_turn;
            for (p, person) in st.people.iter().enumerate() {
                let who = &person.person;
                let planned = s
                    .draft
                    .visits
                    .iter()
                    .filter(|v| v.account == a && v.stakeholder == p)
                    .count();
                ui.vertical(|ui| {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(&who.name).strong())
                            .on_hover_text(&who.notes);
                        // Visits already planned, beside the name: the button keeps its width,
                        // so the pitch fit beside it stays in view. The place is kept on every
                        // row, planned or not, so the columns do not jump when one appears.
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
                ui.vertical(|ui| {
                    ui.label(i18n::layer(lang, who.layer));
                    ui.label(RichText::new(i18n::role(lang, who.role)).small());
                });
                super::people::style_and_need_cell(ui, game, a, p, lang, actions);
                let color = if person.support >= 60.0 {
                    ui::GREEN
                } else if person.support < 40.0 {
                    ui::RED
                } else {
                    ui::MUTED
                };
                ui.label(RichText::new(format!("{:.0}", person.support)).color(color));
                ui.label(format!("{:.0}", who.influence));
                // What the chosen pitch would do with this person, before the visit is added.
                // One cell: what the chosen pitch would do with this person, and the button.
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
                                account: a,
                                stakeholder: p,
                                approach: s.approach_pick,
                            }));
                        }
                        super::people::fit_label(ui, game, a, p, s.approach_pick, lang);
                    }
                });
                ui.end_row();
            }
        });
    super::people::what_they_say(ui, game, a, lang);
    ui.separator();

    ui.label(RichText::new(K::Resources.t(lang)).strong().size(15.0));
    egui::Grid::new("resources")
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            for (r, res) in game.scenario().means.resources.iter().enumerate() {
                let units: u32 = s
                    .draft
                    .resources
                    .iter()
                    .filter(|x| x.account == a && x.resource == r)
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
                if !st.churned {
                    let one = ResourceUse {
                        account: a,
                        resource: r,
                        units: 1,
                    };
                    // Greyed out with the engine's reason when the plan could not take it.
                    let mut plan = s.draft.clone();
                    match plan
                        .resources
                        .iter_mut()
                        .find(|x| x.account == a && x.resource == r)
                    {
                        Some(x) => x.units += 1,
                        None => plan.resources.push(one),
                    }
                    let refusal = game
                        .check_plan(&plan)
                        .err()
                        .map(|e| i18n::plan_error(lang, &e));
                    let button = ui
                        .add_enabled(refusal.is_none(), egui::Button::new(K::AddResource.t(lang)))
                        .on_hover_text(&about);
                    let button = match &refusal {
                        Some(why) => button.on_disabled_hover_text(why),
                        None => button,
                    };
                    if button.clicked() {
                        actions.push(Action::AddResource(one));
                    }
                }
                ui.end_row();
            }
        });
    ui.separator();

    ui.label(RichText::new(K::Pipeline.t(lang)).strong().size(15.0));
    let open: Vec<_> = st
        .opportunities
        .iter()
        .filter(|o| o.status == OpportunityStatus::Open)
        .collect();
    if open.is_empty() && st.opportunities.is_empty() {
        ui.label(K::NoOpportunities.t(lang));
    } else {
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
                    let status = match o.status {
                        OpportunityStatus::Open => String::new(),
                        OpportunityStatus::Won => i18n::paren(lang, K::Won.t(lang)),
                        OpportunityStatus::Lost => i18n::paren(lang, K::OpportunityLost.t(lang)),
                    };
                    ui.label(format!("{}{status}", o.opportunity.name));
                    ui.label(i18n::money(o.opportunity.value));
                    ui.label(format!("{}/{}", o.stage, kam_sim::model::FUNNEL_STAGES));
                    // A decided opportunity has no odds and no date left.
                    if o.status == OpportunityStatus::Open {
                        ui.label(format!("{:.0}%", 100.0 * o.win_rate()));
                        // The odds the close is drawn at, as the account stands: the same
                        // number the debrief's "decided by chance" shows.
                        let now = kam_sim::model::close_chance(
                            o.stage,
                            st.satisfaction,
                            st.relationship(),
                        );
                        ui.label(RichText::new(format!("{:.0}%", 100.0 * now)).strong());
                        ui.label(o.opportunity.close_turn.to_string());
                    } else {
                        ui.label("—");
                        ui.label("—");
                        ui.label("—");
                    }
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
    ui.separator();

    ui.label(RichText::new(K::History.t(lang)).strong().size(15.0));
    let history = game.history(a);
    if history.is_empty() {
        ui.label(K::NoHistory.t(lang));
    } else {
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
}

/// How a pitch's fit reads to the trainee, by the model's own thresholds.
pub(super) fn fit_word(fit: f64, lang: Lang) -> (&'static str, egui::Color32) {
    use kam_sim::model::{GOOD_FIT, SUPPORT_NEUTRAL_FIT, WASTED_FIT};
    if fit >= GOOD_FIT {
        (K::FitGood.t(lang), ui::GREEN)
    } else if fit >= SUPPORT_NEUTRAL_FIT {
        (K::FitWeak.t(lang), ui::MUTED)
    } else if fit > WASTED_FIT {
        (K::FitPoor.t(lang), ui::RED)
    } else {
        (K::FitWasted.t(lang), ui::RED)
    }
}

/// The coach's hints, each under the name of the lesson it is about.
/// The plan a "try next time" card valued, in words with the reasons, and a button to take
/// it as the draft.
fn suggestion_card(
    ui: &mut egui::Ui,
    game: &kam_sim::Game,
    plan: &kam_sim::Plan,
    points: f64,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    egui::Frame::group(ui.style())
        .fill(egui::Color32::from_rgb(232, 244, 255))
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_max_width(ui.available_width());
            ui.label(
                RichText::new(i18n::tf(lang, K::BetterPlan, format!("{points:.1}")))
                    .strong()
                    .color(ui::BLUE),
            );
            for line in kam_sim::plan_lines(game, plan, lang, true) {
                ui.add(egui::Label::new(RichText::new(line).small()).wrap());
            }
            if ui.button(K::UseThisPlan.t(lang)).clicked() {
                actions.push(Action::UseSuggestion);
            }
        });
}

pub(crate) fn coach_card(ui: &mut egui::Ui, hints: &[kam_sim::Hint], lang: Lang) {
    egui::Frame::group(ui.style())
        .fill(egui::Color32::from_rgb(255, 248, 225))
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_max_width(ui.available_width());
            ui.label(RichText::new(K::Coach.t(lang)).strong().color(ui::BLUE));
            for hint in hints.iter().take(3) {
                let text =
                    i18n::labelled(lang, kam_sim::lesson_name(hint.lesson, lang), &hint.text);
                ui::kinsoku::label(ui, &text, |r| r.small());
            }
            if hints.len() > 3 {
                ui.label(
                    RichText::new(format!("+{}", hints.len() - 3))
                        .small()
                        .color(ui::MUTED),
                );
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lost account has no trend: its satisfaction no longer moves for any reason, and a
    /// lost account once showed "+0.9" beside its struck-out name (a playtest).
    #[test]
    fn a_lost_account_has_no_trend() {
        let (game, a) = crate::screens::report::tests::game_with_a_lost_account();
        assert_eq!(trend(&game, a), None);
        let kept = (0..game.accounts().len())
            .find(|&k| !game.accounts()[k].churned)
            .unwrap();
        assert!(trend(&game, kept).is_some());
    }
}
