//! The screens, one plugin each: title → briefing → turn → events and negotiations → turn
//! report → … → debrief. Each file's `view` is a plain function over the session.

use bevy::prelude::*;

pub mod briefing;
pub mod debrief;
pub mod event;
pub mod negotiation;
pub mod people;
pub mod report;
pub mod title;
pub mod turn;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        title::plugin,
        briefing::plugin,
        turn::plugin,
        event::plugin,
        negotiation::plugin,
        report::plugin,
        debrief::plugin,
    ));
}
