//! The debrief: final scores with their breakdown and grade beside the expert strategy's on the
//! same seed, every account over time, the decisions that mattered, the teaching points met
//! and missed, and the result file for the instructor. Everything it shows of the game is
//! worked out once, when the game ends ([`crate::session::DebriefData`]), not every frame;
//! the verdicts, draws and months are worded here, in the language of the frame.

use bevy_egui::egui;
use egui::RichText;
use kam_sim::Scores;
use kam_sim::scenario::Lesson;
use kam_sim::{AccountState, Game};

use crate::i18n::{self, K, Lang};
use crate::session::{Action, DebriefData, Play, Session};
use crate::ui;
use crate::ui::chart::ChartSpec;

/// The debrief of the game in hand: the charts on the right, the sections in a scroll area.
pub fn view(root: &mut egui::Ui, s: &mut Session) -> Vec<Action> {
    let mut actions = Vec::new();
    let lang = s.lang;
    // Worked out when the game ended; here only for a game that reached the debrief another
    // way.
    if let Some(play) = &mut s.play {
        play.debrief();
    }
    let s = &*s;
    let around = ui::Around {
        guide: false,
        class_wait: false,
    };
    let Some(play) = ui::game_screen(root, s, around, &mut actions) else {
        return actions;
    };
    let Some(data) = play.debrief_data() else {
        return actions;
    };
    bottom_buttons(root, play, lang, &mut actions);
    // Each game's debrief opens at its top: a what-if's does not inherit where the original's
    // was scrolled to.
    let game_shown = play.what_if.as_ref().map(|w| w.month);
    egui::Panel::right("debrief_charts")
        .exact_size(560.0)
        .show(root, |ui| {
            egui::ScrollArea::vertical()
                .id_salt(("debrief_charts_scroll", game_shown))
                .show(ui, |ui| charts(ui, play, lang));
        });
    egui::CentralPanel::default().show(root, |ui| {
        egui::ScrollArea::vertical()
            .id_salt(("debrief", game_shown))
            .show(ui, |ui| {
                headline(ui, s, &data.debrief.scores);
                if let Some(what_if) = &play.what_if {
                    what_if_card(ui, &play.game, &what_if.original.game, what_if.month, lang);
                }
                breakdown(ui, s, play, &data.debrief.scores);
                ui.add_space(6.0);
                teaching_points(ui, &play.game, data, lang);
                chance_section(ui, &play.game, &data.debrief.chance, lang);
                super::people::people_review(ui, &play.game, &data.people_read, lang);
                decisions(ui, &play.game, data, lang);
                account_stories(ui, s, &play.game, data);
                try_next_time(ui, &play.game, data, lang, &mut actions);
                you_and_expert(ui, play, data, lang, &mut actions);
            });
    });
    // Esc is one screen back: from a what-if's debrief, to the game that counts (a new game
    // from there would drop it, with its result not yet exported).
    if ui::key(root, egui::Key::Escape) {
        actions.push(if play.what_if.is_some() {
            Action::LeaveWhatIf
        } else {
            Action::NewGame
        });
    }
    actions
}

/// Export and a new game, or, from a what-if, the way back to the game that counts.
fn bottom_buttons(root: &mut egui::Ui, play: &Play, lang: Lang, actions: &mut Vec<Action>) {
    let hint = if play.what_if.is_some() {
        K::WhatIfDebriefHint
    } else {
        K::DebriefHint
    };
    ui::bottom_bar(root, hint.t(lang), |ui| {
        // A what-if is never the result: no export, and the way back to the one that is.
        if play.what_if.is_some() {
            if ui::primary(ui, K::LeaveWhatIf.t(lang)).clicked() {
                actions.push(Action::LeaveWhatIf);
            }
        } else if ui::primary(ui, K::ExportResult.t(lang)).clicked() {
            actions.push(Action::Export);
        }
        // A new game is started from the game that counts, not from a what-if of it: from
        // there it would drop the finished game unasked (a playtest lost one so).
        if play.what_if.is_none() && ui.button(K::NewGame.t(lang)).clicked() {
            actions.push(Action::NewGame);
        }
    });
}

/// Satisfaction and revenue of every account over the game.
fn charts(ui: &mut egui::Ui, play: &Play, lang: Lang) {
    let spec = |id, title| ChartSpec {
        id,
        title,
        height: 300.0,
    };
    let satisfaction = spec("debrief_sat", K::OverTime.t(lang));
    let start = |s: &AccountState, _: &_| Some(s.satisfaction);
    ui::chart(ui, play, satisfaction, |r| r.satisfaction, start, lang);
    let revenue = spec("debrief_rev", K::RevenueOverTime.t(lang));
    let start = |s: &AccountState, a: &kam_sim::scenario::Account| Some(s.revenue(a.potential));
    ui::chart(ui, play, revenue, |r| r.revenue, start, lang);
}

/// The player's name, the grade and the composite score.
fn headline(ui: &mut egui::Ui, s: &Session, scores: &Scores) {
    let lang = s.lang;
    ui.horizontal(|ui| {
        ui.heading(format!("{} — {}", K::Debrief.t(lang), s.player_label()));
        ui.add_space(20.0);
        ui.label(
            RichText::new(format!("{} {}", K::Grade.t(lang), scores.grade))
                .size(30.0)
                .strong()
                .color(grade_color(scores.grade)),
        );
        ui.label(RichText::new(format!("{:.1}", scores.composite)).size(24.0));
    });
}

/// A row of the breakdown: the part, its weight, how to read it from scores, its tooltip.
type ScoreRow = (K, f64, fn(&Scores) -> f64, K);

/// The score's parts with their weights, beside the expert's on the same seed, then the
/// profit the profit score is made of and the grade.
fn breakdown(ui: &mut egui::Ui, s: &Session, play: &Play, you: &Scores) {
    let lang = s.lang;
    let w = &play.game.scenario().scoring;
    let total = w.total_weight().max(1e-9);
    let e = play.expert.as_ref().map(|x| x.scores);
    ui::card(ui, |ui| {
        ui.label(RichText::new(K::Breakdown.t(lang)).strong());
        egui::Grid::new("breakdown")
            .striped(true)
            .spacing([18.0, 4.0])
            .show(ui, |ui| {
                ui.label("");
                ui::header(ui, K::Weight.t(lang), "");
                ui::header(ui, K::You.t(lang), "");
                ui::header(ui, K::Expert.t(lang), K::ExpertComparison.t(lang));
                ui.end_row();
                let rows: [ScoreRow; 4] = [
                    (
                        K::Retention,
                        w.retention_weight,
                        |x: &Scores| x.retention,
                        K::TipRetention,
                    ),
                    (
                        K::ProfitScore,
                        w.profit_weight,
                        |x: &Scores| x.profit_score,
                        K::TipProfitScore,
                    ),
                    (
                        K::Satisfaction,
                        w.satisfaction_weight,
                        |x: &Scores| x.satisfaction,
                        K::TipSatisfaction,
                    ),
                    (
                        K::Composite,
                        total,
                        |x: &Scores| x.composite,
                        K::TipComposite,
                    ),
                ];
                for (k, weight, part, tip) in rows {
                    ui.label(k.t(lang)).on_hover_text(i18n::tip(lang, tip));
                    ui.label(format!("{:.0} %", 100.0 * weight / total));
                    ui.label(RichText::new(format!("{:.1}", part(you))).strong());
                    ui.label(e.map_or("—".into(), |x| format!("{:.1}", part(&x))));
                    ui.end_row();
                }
                profit_rows(ui, s, you, e);
            });
        ui.label(
            RichText::new(K::ExpertComparison.t(lang))
                .small()
                .color(ui::MUTED),
        );
    });
}

/// The breakdown's money rows and grade, you against the expert.
fn profit_rows(ui: &mut egui::Ui, s: &Session, you: &Scores, e: Option<Scores>) {
    let lang = s.lang;
    let money = |x: Option<f64>| x.map_or("—".into(), i18n::money);
    ui.label(s.money_label(K::Profit));
    ui.label("");
    ui.label(i18n::money(you.profit));
    ui.label(money(e.map(|x| x.profit)));
    ui.end_row();
    ui.label(s.money_label(K::FutureProfit))
        .on_hover_text(K::TipFutureProfit.t(lang));
    ui.label("");
    ui.label(i18n::money(you.future_profit));
    ui.label(money(e.map(|x| x.future_profit)));
    ui.end_row();
    // The sum the profit score is made of, in view: more profit in the game can still score
    // lower when the contracts left behind are worth less (a playtest could not see why).
    ui.label(s.money_label(K::ProfitCounted))
        .on_hover_text(K::TipProfitScore.t(lang));
    ui.label("");
    ui.label(RichText::new(i18n::money(you.profit + you.future_profit)).strong());
    ui.label(money(e.map(|x| x.profit + x.future_profit)));
    ui.end_row();
    ui.label(K::Grade.t(lang));
    ui.label("");
    ui.label(RichText::new(you.grade.to_string()).strong());
    ui.label(e.map_or("—".into(), |x| x.grade.to_string()));
    ui.end_row();
}

/// Each teaching point: met, missed or both, with the evidence, open where there is room to
/// do better.
fn teaching_points(ui: &mut egui::Ui, game: &Game, data: &DebriefData, lang: Lang) {
    ui::section_heading(ui, K::TeachingPoints.t(lang));
    for lesson in Lesson::ALL {
        let outcomes: Vec<_> = data
            .debrief
            .lessons
            .iter()
            .filter(|l| l.lesson == lesson)
            .collect();
        if outcomes.is_empty() {
            continue;
        }
        let met = outcomes.iter().filter(|l| l.met).count();
        let all = met == outcomes.len();
        let costly = data
            .try_next_time
            .iter()
            .filter(|m| m.lesson == lesson)
            .count();
        let (mark, color) = if all {
            ("✔", ui::GREEN)
        } else if met == 0 {
            ("×", ui::RED)
        } else {
            ("◐", ui::YELLOW)
        };
        egui::CollapsingHeader::new(
            RichText::new(format!(
                "{mark} {}{}",
                kam_sim::words::lesson(lang, lesson),
                i18n::paren(lang, format!("{met}/{}", outcomes.len()))
            ))
            .color(color),
        )
        .id_salt(("lesson", lesson as usize))
        .default_open(!all || costly > 0)
        .show(ui, |ui| {
            for l in outcomes {
                let (tag, color) = if l.met {
                    (K::Met, ui::GREEN)
                } else {
                    (K::Missed, ui::RED)
                };
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(tag.t(lang)).color(color).strong());
                    ui.label(l.evidence.words(game.scenario(), lang));
                });
            }
            // A point met on the whole can still hold the game's costliest decisions; say so
            // rather than leave "met" beside three cards that say otherwise.
            if costly > 0 {
                ui.label(
                    RichText::new(i18n::tf(lang, K::StillRoom, costly))
                        .small()
                        .color(ui::YELLOW),
                );
            }
        });
    }
}

/// The decisions that mattered, each with its verdict and feedback.
fn decisions(ui: &mut egui::Ui, game: &Game, data: &DebriefData, lang: Lang) {
    let scenario = game.scenario();
    ui.add_space(6.0);
    ui::section_heading(ui, K::DecisionsThatMattered.t(lang));
    for k in &data.debrief.decisions {
        ui::card(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(i18n::turn_number(lang, game, k.turn)).color(ui::MUTED));
                ui.label(RichText::new(&scenario.accounts[k.account].name).strong());
                ui.label(
                    RichText::new(i18n::verdict(lang, k.verdict))
                        .color(ui::verdict_color(k.verdict))
                        .strong(),
                );
            });
            // Chinese line breaking: no row may start with ；or ，(a playtest).
            ui::kinsoku::label(ui, &k.words(scenario, lang), |r| r);
            ui::kinsoku::label(ui, k.feedback(scenario), |r| r.small().color(ui::MUTED));
        });
    }
}

/// Each account's story: kept or lost, its change in satisfaction, its profit and the main
/// causes.
fn account_stories(ui: &mut egui::Ui, s: &Session, game: &Game, data: &DebriefData) {
    let lang = s.lang;
    ui.add_space(6.0);
    ui::section_heading(ui, K::AccountStories.t(lang));
    egui::Grid::new("stories")
        .striped(true)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            // Headers, so a column of signed numbers says what it is.
            ui::header(ui, K::Account.t(lang), "");
            ui::header(ui, K::Outcome.t(lang), "");
            ui::header(
                ui,
                K::SatisfactionChange.t(lang),
                K::TipSatisfactionChange.t(lang),
            );
            ui::header(ui, &s.money_label(K::Profit), "");
            ui::header(ui, K::MainCauses.t(lang), "");
            ui.end_row();
            for st in &data.debrief.accounts {
                ui.label(RichText::new(&game.scenario().accounts[st.account].name).strong());
                ui.label(if st.retained {
                    RichText::new(K::Kept.t(lang)).color(ui::GREEN)
                } else {
                    RichText::new(K::Lost.t(lang)).color(ui::RED)
                });
                ui.label(ui::delta_text(st.satisfaction_change));
                ui.label(i18n::money(st.profit));
                let top = st
                    .cause_words(game, lang)
                    .into_iter()
                    .take(2)
                    .map(|(t, v)| format!("{t}{}", i18n::paren(lang, i18n::delta(v))))
                    .collect::<Vec<_>>();
                // Cut at the column's edge (the whole text on hover): a long line here widened
                // the page and cut the expert's lines below at the charts (the debrief fit
                // test).
                let causes = RichText::new(top.join(lang.pick("；", "; "))).small();
                ui::rest_of_row(ui, causes, 120.0);
                ui.end_row();
            }
        });
}

/// Try next time: the costliest decisions, each a click away from a what-if, and the accounts
/// that lost money every month.
fn try_next_time(
    ui: &mut egui::Ui,
    game: &Game,
    data: &DebriefData,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    if data.try_next_time.is_empty() && data.money_losers.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui::section_heading(ui, K::TryNextTime.t(lang));
    for (n, m) in data.try_next_time.iter().enumerate() {
        ui::card(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(format!(
                        "{} · {}",
                        kam_sim::words::lesson(lang, m.lesson),
                        i18n::delta(-m.points)
                    ))
                    .strong()
                    .color(ui::RED),
                );
                if ui.small_button(K::ReplayFromHere.t(lang)).clicked() {
                    actions.push(Action::ReplayMistake(n));
                }
            });
            ui::kinsoku::label(ui, &m.words(game.scenario(), lang), |r| r);
        });
    }
    for &(a, visits, spent) in &data.money_losers {
        let name = &game.scenario().accounts[a].name;
        let what = format!("{name} · {visits} · {}", i18n::money(spent));
        ui.label(RichText::new(i18n::tf(lang, K::LostMoneyEveryMonth, what)).color(ui::YELLOW));
    }
}

/// The expert's game on the same seed beside the trainee's, month by month.
fn you_and_expert(
    ui: &mut egui::Ui,
    play: &Play,
    data: &DebriefData,
    lang: Lang,
    actions: &mut Vec<Action>,
) {
    let Some(expert) = &play.expert else {
        return;
    };
    ui.add_space(6.0);
    let title = RichText::new(K::YouAndExpert.t(lang))
        .strong()
        .size(ui::SECTION_SIZE);
    let section = egui::CollapsingHeader::new(title)
        .id_salt("you_and_expert")
        .default_open(play.show_expert_months)
        .show(ui, |ui| {
            for m in &data.months {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(i18n::turn_number(lang, &play.game, m.month)).strong());
                    if ui.small_button(K::ReplayFromHere.t(lang)).clicked() {
                        actions.push(Action::WhatIf(m.month));
                    }
                });
                ui.columns(2, |cols| {
                    let sides = [
                        (0, K::You, &play.game, &m.you),
                        (1, K::Expert, &expert.game, &m.expert),
                    ];
                    for (col, who, game, lines) in sides {
                        cols[col].label(RichText::new(who.t(lang)).color(ui::MUTED));
                        for line in lines {
                            let text = RichText::new(line.words(game, lang)).small();
                            cols[col].add(egui::Label::new(text).wrap());
                        }
                    }
                });
                ui.separator();
            }
        });
    // `--screen expert-compare` brings the comparison into view.
    if play.show_expert_months {
        section.header_response.scroll_to_me(Some(egui::Align::TOP));
    }
}

/// "Decided by chance": each deal decided and each account lost, with its odds, apart from the
/// verdicts, so a good decision with a bad draw reads as what it was.
fn chance_section(ui: &mut egui::Ui, game: &Game, draws: &[kam_sim::ChanceDraw], lang: Lang) {
    if draws.is_empty() {
        return;
    }
    use kam_sim::Luck;
    ui.add_space(6.0);
    ui::section_heading(ui, K::DecidedByChance.t(lang))
        .on_hover_text(K::TipDecidedByChance.t(lang));
    ui::card(ui, |ui| {
        ui.set_width(ui.available_width());
        for draw in draws {
            let (word, color) = match draw.luck {
                Luck::With => (K::LuckWith, ui::GREEN),
                Luck::Against => (K::LuckAgainst, ui::RED),
                Luck::AsExpected => (K::LuckAsExpected, ui::MUTED),
                Luck::Mixed => (K::LuckMixed, ui::MUTED),
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(i18n::turn_number(lang, game, draw.month)).color(ui::MUTED));
                ui.label(RichText::new(word.t(lang)).color(color).strong());
                ui.label(draw.words(game, lang));
            });
        }
    });
}

fn grade_color(g: kam_sim::Grade) -> egui::Color32 {
    use kam_sim::Grade::*;
    match g {
        A | B => ui::GREEN,
        C => ui::YELLOW,
        D | F => ui::RED,
    }
}

/// A what-if's outcome beside the original game's: scores, then each account.
fn what_if_card(ui: &mut egui::Ui, game: &Game, original: &Game, month: u32, lang: Lang) {
    let (now, then) = (kam_sim::score_game(game), kam_sim::score_game(original));
    ui::card(ui, |ui| {
        ui.label(
            RichText::new(format!(
                "{} · {}",
                i18n::tf(lang, K::WhatIfFrom, month),
                K::WhatIfCompare.t(lang)
            ))
            .strong(),
        );
        egui::Grid::new("what_if")
            .striped(true)
            .spacing([18.0, 4.0])
            .show(ui, |ui| {
                ui.label("");
                ui::header(ui, K::Original.t(lang), "");
                ui::header(ui, K::ThisWhatIf.t(lang), "");
                ui.label("");
                ui.end_row();
                for (k, a, b) in [
                    (K::Composite, then.composite, now.composite),
                    (K::Retention, then.retention, now.retention),
                    (K::ProfitScore, then.profit_score, now.profit_score),
                    (K::Satisfaction, then.satisfaction, now.satisfaction),
                ] {
                    ui.label(k.t(lang));
                    ui.label(format!("{a:.1}"));
                    ui.label(format!("{b:.1}"));
                    ui.label(ui::delta_text(b - a));
                    ui.end_row();
                }
                // What the per-account rows below compare.
                ui.label(
                    RichText::new(K::OutcomeAtEnd.t(lang))
                        .small()
                        .color(ui::MUTED),
                );
                ui.end_row();
                for (i, def) in game.scenario().accounts.iter().enumerate() {
                    let (x, y) = (&original.accounts()[i], &game.accounts()[i]);
                    let state = |s: &AccountState| {
                        if s.churned {
                            K::Lost.t(lang).to_owned()
                        } else {
                            format!("{:.0}", s.satisfaction)
                        }
                    };
                    ui.label(RichText::new(&def.name).small());
                    ui.label(RichText::new(state(x)).small());
                    ui.label(RichText::new(state(y)).small());
                    ui.label("");
                    ui.end_row();
                }
            });
    });
}
