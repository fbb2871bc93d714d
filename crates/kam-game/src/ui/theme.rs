//! The game's look: its fonts (with the embedded CJK font), text sizes and spacing, and the
//! colours every screen draws with.

use std::sync::Arc;

use bevy_egui::egui;
use egui::Color32;
use kam_sim::WarningLevel;
use kam_sim::scenario::Verdict;

/// Droid Sans Fallback (Apache-2.0): Chinese glyphs for egui, which ships none.
pub const CJK_FONT: &[u8] = include_bytes!("../../../../assets/fonts/DroidSansFallbackFull.ttf");

/// The game's fonts: egui's defaults, with egui's monospace font (Hack) as a fallback for the
/// proportional family too (it has the arrows, dots and squares the UI draws, which Ubuntu and
/// the emoji fonts lack), and the CJK font as the last fallback of both families.
pub fn font_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "cjk".into(),
        Arc::new(egui::FontData::from_static(CJK_FONT)),
    );
    let proportional = fonts
        .families
        .entry(egui::FontFamily::Proportional)
        .or_default();
    if !proportional.iter().any(|f| f == "Hack") {
        proportional.push("Hack".into());
    }
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push("cjk".into());
    }
    fonts
}

/// Installs the fonts ([`font_definitions`]) and the game's look.
pub fn setup(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
    ctx.set_theme(egui::Theme::Light);
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
        // Solid scroll bars take their own strip: egui's floating ones were drawn over the
        // first row of the buying centre (seen in a hand playtest).
        style.spacing.scroll = egui::style::ScrollStyle::solid();
        style
            .text_styles
            .insert(egui::TextStyle::Body, egui::FontId::proportional(14.0));
        style
            .text_styles
            .insert(egui::TextStyle::Button, egui::FontId::proportional(14.0));
        style
            .text_styles
            .insert(egui::TextStyle::Heading, egui::FontId::proportional(20.0));
        style
            .text_styles
            .insert(egui::TextStyle::Small, egui::FontId::proportional(12.0));
    });
}

pub const RED: Color32 = Color32::from_rgb(200, 40, 40);
pub const YELLOW: Color32 = Color32::from_rgb(190, 140, 0);
pub const BLUE: Color32 = Color32::from_rgb(40, 100, 200);
pub const GREEN: Color32 = Color32::from_rgb(30, 140, 60);
pub const MUTED: Color32 = Color32::from_rgb(110, 110, 120);

pub fn warning_color(level: WarningLevel) -> Color32 {
    match level {
        WarningLevel::Red => RED,
        WarningLevel::Yellow => YELLOW,
        WarningLevel::Blue => BLUE,
    }
}

pub fn verdict_color(v: Verdict) -> Color32 {
    match v {
        Verdict::Good => GREEN,
        Verdict::Neutral => YELLOW,
        Verdict::Poor => RED,
    }
}

/// Distinct colours for up to twelve accounts (the charts' lines).
pub const PALETTE: [Color32; 12] = [
    Color32::from_rgb(31, 119, 180),
    Color32::from_rgb(255, 127, 14),
    Color32::from_rgb(44, 160, 44),
    Color32::from_rgb(214, 39, 40),
    Color32::from_rgb(148, 103, 189),
    Color32::from_rgb(140, 86, 75),
    Color32::from_rgb(227, 119, 194),
    Color32::from_rgb(127, 127, 127),
    Color32::from_rgb(188, 189, 34),
    Color32::from_rgb(23, 190, 207),
    Color32::from_rgb(0, 0, 128),
    Color32::from_rgb(128, 0, 0),
];

/// A card's background.
pub const CARD_FILL: Color32 = Color32::from_rgb(250, 250, 252);
/// The background of an error or a loss.
pub const ALARM_FILL: Color32 = Color32::from_rgb(255, 238, 238);
/// The coach's card.
pub const COACH_FILL: Color32 = Color32::from_rgb(255, 248, 225);
/// A suggestion's card and the guide's banner.
pub const HINT_FILL: Color32 = Color32::from_rgb(232, 244, 255);
pub const GUIDE_FILL: Color32 = Color32::from_rgb(226, 240, 255);
/// The primary button.
pub const PRIMARY_FILL: Color32 = Color32::from_rgb(30, 90, 170);
/// The selected scenario on the title screen.
pub const SELECTED_FILL: Color32 = Color32::from_rgb(225, 236, 252);

/// A section heading inside a screen.
pub const SECTION_SIZE: f32 = 16.0;
/// A heading inside a card or panel.
pub const SUBSECTION_SIZE: f32 = 15.0;
/// The title of an event or a negotiation.
pub const STORY_TITLE_SIZE: f32 = 22.0;

/// Support at or above this reads as on our side (green), below the lower as against (red).
pub const SUPPORTIVE: f64 = 60.0;
pub const OPPOSED: f64 = 40.0;
