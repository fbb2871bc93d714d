//! Chinese line breaking (禁则) on top of egui's wrapping: no line starts with closing or
//! pausing punctuation (，。、：；？！）」 …) and none ends with an opening bracket (（「“《).
//!
//! egui 0.36 breaks after any CJK ideograph unless the next character is in its own list of
//! characters that may not start a line, and that list has the half-width forms and 、。 but
//! not the full-width ），？！：；: a playtest saw a lone 「？」 wrap onto a line of its own and a
//! line start with 「）、」. Rather than re-implement wrapping, [`label`] lets egui lay the
//! text out, then moves a character down to the next line wherever a row would break a rule,
//! and lays it out again (a few passes at most).

use bevy_egui::egui::{self, RichText, TextWrapMode, WidgetText};

/// Characters that may not start a line.
const NO_LINE_START: &str = "，。、：；？！）」』】》”’…·,.:;?!)%";

/// Characters that may not end a line.
const NO_LINE_END: &str = "（「『【《“‘(";

/// Most passes over the text: each moves one character; a label with more breaches than this
/// keeps the rest (long, narrow text is rare on these screens).
const MAX_PASSES: usize = 6;

/// A wrapped label of `text`, styled by `style`, that follows the rules above.
pub fn label(
    ui: &mut egui::Ui,
    text: &str,
    style: impl Fn(RichText) -> RichText,
) -> egui::Response {
    let fixed = fixed_text(ui, text, &style);
    ui.add(egui::Label::new(style(RichText::new(fixed))).wrap_mode(TextWrapMode::Wrap))
}

/// `text` with line breaks where egui's wrap at the available width would break a rule.
pub fn fixed_text(ui: &egui::Ui, text: &str, style: &impl Fn(RichText) -> RichText) -> String {
    if !text
        .chars()
        .any(|c| NO_LINE_START.contains(c) || NO_LINE_END.contains(c))
    {
        return text.to_owned();
    }
    let width = ui.available_width();
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..MAX_PASSES {
        let current: String = chars.iter().collect();
        let galley = WidgetText::from(style(RichText::new(current))).into_galley(
            ui,
            Some(TextWrapMode::Wrap),
            width,
            egui::TextStyle::Body,
        );
        match first_breach(&galley.rows, chars.len()) {
            Some(at) => chars.insert(at, '\n'),
            None => break,
        }
    }
    chars.into_iter().collect()
}

/// Where to insert a line break so the first rule broken in these rows holds: before the
/// last character of a row followed by one that may not start a line, or before an opening
/// bracket that ends a row. Only rows egui wrapped count, not those the text broke itself.
fn first_breach(rows: &[egui::epaint::text::PlacedRow], len: usize) -> Option<usize> {
    let mut start = 0;
    for pair in rows.windows(2) {
        let (row, next) = (&pair[0], &pair[1]);
        let count = row.glyphs.len();
        let end = start + count;
        if !row.ends_with_newline && count > 1 {
            let starts_badly = next
                .glyphs
                .first()
                .is_some_and(|g| NO_LINE_START.contains(g.chr));
            let ends_badly = row
                .glyphs
                .last()
                .is_some_and(|g| NO_LINE_END.contains(g.chr));
            if starts_badly && end >= 1 && end - 1 < len {
                return Some(end - 1);
            }
            if ends_badly && end >= 1 && end - 1 < len {
                return Some(end - 1);
            }
        }
        start = end + usize::from(row.ends_with_newline);
    }
    None
}
