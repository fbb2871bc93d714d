//! Chinese line breaking: at every width a label is laid out at, no row starts with closing
//! punctuation and none ends with an opening bracket, where egui's own wrap would (a playtest
//! saw a lone 「？」 on a line and a line start with 「）、」).

use std::cell::RefCell;
use std::rc::Rc;

use bevy_egui::egui::{self, RichText, TextWrapMode, WidgetText};
use egui_kittest::Harness;
use kam_game::ui::kinsoku;

const TEXTS: [&str; 3] = [
    "月底还有 20 次拜访没有安排、预算也没用完，确定要结束本月吗？",
    "把 3 次拜访从宏达建材（3 次）、华星汽车零部件（2 次）移到东岳重工（4 次）、江南家电集团（1 次）",
    "上次用“详细方案与保障”拜访罗海，对方说：「给我看原始数据。」这说明对方喜欢怎样的沟通方式？",
];

/// (rows egui starts badly on its own, rows starting or ending badly after the fix-up)
fn breaches(ui: &egui::Ui, text: &str) -> (usize, usize) {
    let bad = |t: &str| {
        let galley = WidgetText::from(RichText::new(t)).into_galley(
            ui,
            Some(TextWrapMode::Wrap),
            ui.available_width(),
            egui::TextStyle::Body,
        );
        galley
            .rows
            .windows(2)
            .filter(|w| !w[0].ends_with_newline)
            .filter(|w| {
                w[1].glyphs
                    .first()
                    .is_some_and(|g| "，。、：；？！）」”".contains(g.chr))
                    || w[0].glyphs.last().is_some_and(|g| "（「“".contains(g.chr))
            })
            .count()
    };
    (bad(text), bad(&kinsoku::fixed_text(ui, text, &|r| r)))
}

#[test]
fn no_line_starts_with_closing_punctuation_at_any_width() {
    let found = Rc::new(RefCell::new((0, 0)));
    for width in (90..=420).step_by(6) {
        let seen = Rc::clone(&found);
        let mut harness = Harness::builder()
            .with_size(egui::vec2(width as f32 + 20.0, 400.0))
            .build_ui(move |ui| {
                ui.set_max_width(width as f32);
                for text in TEXTS {
                    let (before, after) = breaches(ui, text);
                    let mut s = seen.borrow_mut();
                    s.0 += before;
                    s.1 += after;
                }
            });
        kam_game::ui::setup(&harness.ctx);
        harness.run();
    }
    let (before, after) = *found.borrow();
    assert!(before > 0, "egui alone breaks a rule at some width");
    assert_eq!(
        after, 0,
        "after the fix-up no row breaks a rule ({before} before)"
    );
}
