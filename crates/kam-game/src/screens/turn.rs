//! The turn screen: the account dashboard with red/yellow/blue warnings, the selected account's
//! dossier ([`super::dossier`]) with the coach's hints below it, and the plan of visits and
//! resources with what capacity and budget remain. Plans are checked by the engine as they are
//! built: an over-allocation is refused with the engine's reason.

use bevy_egui::egui;
use egui::RichText;
use kam_sim::{Game, Metric, PlanPreview, Visit};
use kam_sim::{account_warnings, metric_help};

use crate::i18n::{self, K, Lang};
use crate::session::{Action, Play, Session};
use crate::ui;

/// What is left of the month's means once the draft is paid for.
struct Left {
    visits: i64,
    capacity: u32,
    budget: f64,
}

/// The month being planned: the dashboard on the left, the plan on the right, the dossier of
/// the selected account between them.
pub fn view(root: &mut egui::Ui, s: &mut Session) -> Vec<Action> {
    let mut actions = Vec::new();
    // The coach's preview and hints and the resources' refusals follow the draft; worked out
    // again only when it changed.
    s.refresh_draft();
    let s = &*s;
    // A class game resumed mid-round: the month cannot be planned before it opens.
    let around = ui::Around {
        guide: true,
        class_wait: true,
    };
    let Some(play) = ui::game_screen(root, s, around, &mut actions) else {
        return actions;
    };
    let (lang, game) = (s.lang, &play.game);
    let means = &game.scenario().means;
    let left = Left {
        visits: means.visits_per_turn as i64 - play.draft.plan.visits.len() as i64,
        capacity: means.visits_per_turn,
        budget: means.budget_per_turn - game.plan_cost(&play.draft.plan),
    };
    end_turn_bar(root, s, &left, &mut actions);
    // Narrower on a small screen, so the dossier keeps room beside the plan.
    let dashboard_width = (root.available_width() * 0.37).clamp(340.0, 468.0);
    egui::Panel::left("dashboard")
        .exact_size(dashboard_width)
        .show(root, |ui| {
            let selected = play.draft.selected;
            dashboard(ui, game, selected, play.plan_preview(), lang, &mut actions);
        });
    egui::Panel::right("plan")
        .exact_size(215.0)
        .show(root, |ui| plan_panel(ui, s, play, &left, &mut actions));
    coach_strip(root, play, lang);
    egui::CentralPanel::default().show(root, |ui| {
        // Both ways: a wide buying centre scrolls inside the dossier instead of spreading over
        // the plan panel. One scroll position per account: the next dossier opens at its top.
        egui::ScrollArea::both()
            .id_salt(("dossier", play.draft.selected))
            .show(ui, |ui| super::dossier::dossier(ui, s, play, &mut actions));
    });
    if play.confirm.is_some() {
        actions.extend(ui::confirm_dialog(root, s));
        return actions;
    }
    if ui::enter(root) && !root.ctx().egui_wants_keyboard_input() {
        actions.push(Action::EndTurn);
    }
    if ui::key(root, egui::Key::Escape) {
        actions.push(Action::Back);
    }
    if !root.ctx().egui_wants_keyboard_input() {
        plan_keys(root, play, &mut actions);
    }
    actions
}

/// The coach's hints on the plan on the table (practice, once there is a plan: see
/// `Play::refresh_draft`), under the dossier and outside its scroll. They come and go as the
/// plan changes: above the dossier they pushed the buying centre down under the pointer as
/// the first visit was added (a playtest), here they take room from the dossier's bottom and
/// move nothing, and stay in view wherever the dossier is scrolled.
fn coach_strip(root: &mut egui::Ui, play: &Play, lang: Lang) {
    let hints = play.coach_hints();
    if hints.is_empty() {
        return;
    }
    // At most a third of the screen, the rest scrolls: the dossier keeps its room. The
    // scroll area asks for its own height, not the panel's last one, so it can grow.
    let most = root.available_height() / 3.0;
    let strip = egui::Panel::bottom("coach").show(root, |ui| {
        ui.add_space(4.0);
        egui::ScrollArea::vertical()
            .id_salt("coach")
            .max_height(most)
            .min_scrolled_height(most)
            .show(ui, |ui| ui::coach_card(ui, hints, &play.game, lang));
    });
    // A panel is laid out at its last height: when the hints need another, this pass is
    // drawn again at the new one instead of showing them cut off until the next input.
    let height = strip.response.rect.height();
    let id = egui::Id::new("coach strip height");
    let last = root.ctx().data_mut(|d| {
        let last = d.get_temp::<f32>(id);
        d.insert_temp(id, height);
        last
    });
    if last != Some(height) {
        root.ctx()
            .request_discard("the coach's hints changed height");
    }
}

/// The bottom bar: End month, with the budget and visits left beside it.
fn end_turn_bar(root: &mut egui::Ui, s: &Session, left: &Left, actions: &mut Vec<Action>) {
    let lang = s.lang;
    ui::bottom_bar(root, K::EndTurnHint.t(lang), |ui| {
        if ui::primary(ui, K::EndTurn.t(lang)).clicked() {
            actions.push(Action::EndTurn);
        }
        let budget = format!(
            "{} {}",
            s.money_label(K::BudgetLeft),
            i18n::money(left.budget)
        );
        ui.label(RichText::new(budget).strong())
            .on_hover_text(K::TipBudgetLeft.t(lang));
        let visits = format!(
            "{} {} / {}",
            K::VisitsLeft.t(lang),
            left.visits,
            left.capacity
        );
        ui.label(RichText::new(visits).strong())
            .on_hover_text(K::TipVisitsLeft.t(lang));
    });
}

/// The month planned from the keyboard: ↑/↓ pick the account, 1–9 visit that person of it,
/// ←/→ change the approach, Backspace undoes the last change to the plan. Every press counts,
/// however many arrive in one frame.
fn plan_keys(root: &egui::Ui, play: &Play, actions: &mut Vec<Action>) {
    let (game, draft) = (&play.game, &play.draft);
    let n = game.accounts().len();
    if n == 0 {
        return;
    }
    // ↑/↓ stop at the first and last account: a trainee pressing ↑ "to get to the top" once
    // wrapped round to the bottom and planned a month's visits on the wrong account (a
    // playtest).
    let down = ui::presses(root, egui::Key::ArrowDown);
    let up = ui::presses(root, egui::Key::ArrowUp);
    let pick = (draft.selected.min(n - 1) + down)
        .saturating_sub(up)
        .min(n - 1);
    if pick != draft.selected {
        actions.push(Action::SelectAccount(pick));
    }
    let a = draft.selected.min(n - 1);
    for (p, k) in ui::NUMBER_KEYS.iter().enumerate() {
        if p < game.accounts()[a].people.len() {
            for _ in 0..ui::presses(root, *k) {
                actions.push(Action::AddVisit(Visit {
                    account: kam_sim::AccountId(a),
                    stakeholder: kam_sim::MemberId(p),
                    approach: kam_sim::ApproachId(draft.approach),
                }));
            }
        }
    }
    // ←/→ stop at the first and last pitch: no silent wrap to the other end.
    let last = game.scenario().approaches.len().saturating_sub(1);
    let right = ui::presses(root, egui::Key::ArrowRight);
    let left = ui::presses(root, egui::Key::ArrowLeft);
    let pick = (draft.approach + right).saturating_sub(left).min(last);
    if pick != draft.approach {
        actions.push(Action::PickApproach(pick));
    }
    for _ in 0..ui::presses(root, egui::Key::Backspace) {
        actions.push(Action::Undo);
    }
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

/// Every account in one table: warnings, tier, revenue, margin, satisfaction, relationship,
/// trend, and (with the coach) what the plan on the table is expected to do.
fn dashboard(
    ui: &mut egui::Ui,
    game: &Game,
    selected: usize,
    preview: Option<&[PlanPreview]>,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    ui.heading(K::Dashboard.t(lang));
    egui::ScrollArea::both().id_salt("dash").show(ui, |ui| {
        egui::Grid::new("dashboard_grid")
            .striped(true)
            .spacing([4.0, 6.0])
            .show(ui, |ui| {
                dashboard_headers(ui, preview.is_some(), lang);
                for a in 0..game.scenario().accounts.len() {
                    let chosen = a == selected;
                    if dashboard_row(ui, game, a, chosen, preview, lang) {
                        actions.push(Action::SelectAccount(a));
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

/// The dashboard's headers. Warnings first and compact (a dot each, the reason on hover): the
/// table must fit its panel at 1280×800 with the coach's column, or the last column is cut.
fn dashboard_headers(ui: &mut egui::Ui, with_preview: bool, lang: Lang) {
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
    if with_preview {
        ui::header(ui, K::PlanEffect.t(lang), K::TipPlanEffect.t(lang));
    }
    ui.end_row();
}

/// One account's row of the dashboard; true when its name was clicked.
fn dashboard_row(
    ui: &mut egui::Ui,
    game: &Game,
    a: usize,
    selected: bool,
    preview: Option<&[PlanPreview]>,
    lang: Lang,
) -> bool {
    let acc = &game.scenario().accounts[a];
    let st = &game.accounts()[a];
    warning_dots(ui, game, a, lang);
    // A lost account is struck through, and says so on hover: a "(Lost)" beside the name
    // widened the column out of the panel.
    let mut text = RichText::new(ui::ellipsize(&acc.name, 9)).strong();
    let mut hover = acc.name.clone();
    if st.churned {
        text = text.strikethrough().color(ui::MUTED);
        hover = format!("{hover}{}", i18n::paren(lang, K::Lost.t(lang)));
    }
    let clicked = ui
        .selectable_label(selected, text)
        .on_hover_text(hover)
        .clicked();
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
        plan_effect(ui, p, lang);
    }
    clicked
}

/// One label of coloured dots, as narrow as its dots (a layout of its own would take a cell's
/// whole width), every reason on hover.
fn warning_dots(ui: &mut egui::Ui, game: &Game, a: usize, lang: Lang) {
    let ws = account_warnings(game, a);
    let mut dots = egui::text::LayoutJob::default();
    // Small dots: three of them at body size pushed the last column out of the panel (seen in
    // a playtest).
    let font = egui::TextStyle::Small.resolve(ui.style());
    for w in ws.iter().take(3) {
        dots.append(
            "●",
            0.0,
            egui::TextFormat::simple(font.clone(), ui::warning_color(w.level)),
        );
    }
    let unit = game.scenario().turn_unit;
    let reasons: Vec<String> = ws.iter().map(|w| w.sign.words(unit, lang)).collect();
    let dots = ui.label(dots);
    if !reasons.is_empty() {
        dots.on_hover_text(reasons.join("\n"));
    }
}

/// The coach's column: the plan's expected change in satisfaction, the rest on hover.
fn plan_effect(ui: &mut egui::Ui, p: &PlanPreview, lang: Lang) {
    let (now, then) = p.satisfaction;
    let details = [
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
        i18n::labelled(lang, K::ProfitThisTurn.t(lang), i18n::money(p.profit)),
        i18n::labelled(lang, K::ChurnRisk.t(lang), i18n::chance(p.churn_risk)),
    ];
    ui.label(ui::delta_text(then - now))
        .on_hover_text(details.join("\n"));
}

/// The plan panel: what is left, Undo and Clear, a refusal, then the plan account by account.
fn plan_panel(ui: &mut egui::Ui, s: &Session, play: &Play, left: &Left, actions: &mut Vec<Action>) {
    let lang = s.lang;
    let draft = &play.draft;
    ui.heading(K::Allocation.t(lang));
    // One line: a full month's plan must fit beside it at 1024×768.
    ui.label(
        RichText::new(format!(
            "{} {}/{} · {} {}",
            K::VisitsLeft.t(lang),
            left.visits,
            left.capacity,
            s.money_label(K::BudgetLeft),
            i18n::money(left.budget)
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
        let undo = ui.add_enabled(!draft.undo.is_empty(), egui::Button::new(K::Undo.t(lang)));
        if undo.on_hover_text("Backspace").clicked() {
            actions.push(Action::Undo);
        }
        let planned = !draft.plan.visits.is_empty() || !draft.plan.resources.is_empty();
        if ui
            .add_enabled(planned, egui::Button::new(K::ClearPlan.t(lang)))
            .clicked()
        {
            actions.push(Action::ClearPlan);
        }
    });
    if let Some(m) = &play.message {
        egui::Frame::group(ui.style())
            .fill(ui::ALARM_FILL)
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
        for a in 0..play.game.scenario().accounts.len() {
            if !play.game.accounts()[a].churned {
                account_plan(ui, play, a, lang, actions);
            }
        }
    });
}

/// One account's block of the plan: its visits against its norm, each visit and resource
/// with its remove button.
fn account_plan(ui: &mut egui::Ui, play: &Play, a: usize, lang: Lang, actions: &mut Vec<Action>) {
    let (game, plan) = (&play.game, &play.draft.plan);
    let sc = game.scenario();
    let acc = &sc.accounts[a];
    let planned = plan
        .visits
        .iter()
        .filter(|v| v.account.index() == a)
        .count() as f64;
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
            let count = RichText::new(format!("{planned:.0} / {norm:.1}"));
            ui.label(count.small().color(color));
        });
    });
    let visits = plan
        .visits
        .iter()
        .enumerate()
        .filter(|(_, v)| v.account.index() == a);
    for (i, v) in visits {
        let removed = ui::removable_row(ui, lang, |ui| {
            // One line a visit, cut with … (the whole on hover): 21 visits over ten accounts
            // must fit the panel at 1280×800 in the game's own fonts.
            let person = &game.accounts()[a].people[v.stakeholder].person.name;
            let text = format!("{person} · {}", sc.approaches[v.approach].name);
            ui.add(egui::Label::new(RichText::new(&text).small()).truncate())
                .on_hover_text(&text);
        });
        if removed {
            actions.push(Action::RemoveVisit(i));
        }
    }
    let resources = plan
        .resources
        .iter()
        .enumerate()
        .filter(|(_, r)| r.account.index() == a);
    for (i, r) in resources {
        let removed = ui::removable_row(ui, lang, |ui| {
            let res = &sc.means.resources[r.resource];
            ui.label(RichText::new(format!("{} × {}", res.name, r.units)).small());
        });
        if removed {
            actions.push(Action::RemoveResource(i));
        }
    }
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
