//! Shared egui plumbing: the root `Ui` each screen draws into and the system that wires a
//! view function to Bevy. The look lives in [`theme`], the widgets every screen uses in
//! [`widgets`] and [`chart`](mod@chart), the screen chrome (top and bottom bars, guide, questions) in
//! [`chrome`].

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::session::{Action, Session};

pub mod chart;
pub mod chrome;
pub mod kinsoku;
pub mod theme;
pub mod widgets;

pub use chart::chart;
pub use chrome::{
    Around, bottom_bar, confirm_dialog, game_screen, guide_banner, lang_switch, top_bar,
};
pub use theme::*;
pub use widgets::*;

/// A screen's view: draws the session and returns what the player did.
pub type View = fn(&mut egui::Ui, &mut Session) -> Vec<Action>;

/// Installs the fonts and the look once the egui context exists.
pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, setup_context.run_if(run_once));
}

fn setup_context(mut contexts: EguiContexts) -> Result {
    let ctx = contexts.ctx_mut()?;
    setup(ctx);
    Ok(())
}

/// A background `Ui` covering the window, for panels to be placed in.
pub fn root_ui(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

/// The Bevy system for one screen: draw the view, apply its actions, follow the session's
/// screen, and ask for another frame when something changed (the app is otherwise idle).
#[allow(clippy::type_complexity)]
pub fn view_system(
    view: View,
) -> impl FnMut(EguiContexts, ResMut<Session>, MessageWriter<RequestRedraw>) -> Result {
    move |mut contexts, mut session, mut redraw| {
        let ctx = contexts.ctx_mut()?.clone();
        let mut ui = root_ui(&ctx);
        let actions = view(&mut ui, &mut session);
        if !actions.is_empty() {
            for action in actions {
                session.apply(action);
            }
            // The next frame draws whatever screen the session is on now.
            ctx.request_repaint();
            redraw.write(RequestRedraw);
        }
        Ok(())
    }
}

/// Runs the session's screen's view as a whole window would, for tests (`screens::SCREENS`
/// holds the one table from screen to view).
pub fn show(ui: &mut egui::Ui, session: &mut Session) -> Vec<Action> {
    crate::screens::view_of(session.screen)(ui, session)
}
