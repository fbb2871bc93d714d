//! The screens: title → briefing → turn → events and negotiations → turn report → … →
//! debrief. Each file's `view` is a plain function over the session; [`SCREENS`] is the one
//! table from screen to view, used both for the Bevy systems and for [`crate::ui::show`].

use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;

use crate::session::{Screen, on_screen};
use crate::ui::{self, View};

mod briefing;
mod debrief;
mod dossier;
mod event;
mod negotiation;
mod people;
pub(crate) mod report;
mod title;
mod turn;

/// Each screen's view.
pub const SCREENS: [(Screen, View); 7] = [
    (Screen::Title, title::view),
    (Screen::Briefing, briefing::view),
    (Screen::Turn, turn::view),
    (Screen::Event, event::view),
    (Screen::Negotiation, negotiation::view),
    (Screen::Report, report::view),
    (Screen::Debrief, debrief::view),
];

/// The view that draws `screen`.
pub fn view_of(screen: Screen) -> View {
    SCREENS
        .iter()
        .find(|(s, _)| *s == screen)
        .map_or(title::view, |(_, view)| *view)
}

/// One system per screen, each drawing its view only on the frames that screen is drawn.
pub(super) fn plugin(app: &mut App) {
    for (screen, view) in SCREENS {
        app.add_systems(
            EguiPrimaryContextPass,
            ui::view_system(view).run_if(on_screen(screen)),
        );
    }
}
