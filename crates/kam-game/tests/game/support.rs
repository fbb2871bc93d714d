//! What the game's kittests share: the whole game's UI at 1280×800 over a session, each
//! frame's actions applied as the Bevy systems would.

use egui_kittest::Harness;
use kam_game::Session;

/// The game's UI over `session` at the window size the game opens with.
pub fn harness(session: Session) -> Harness<'static, Session> {
    Harness::builder()
        .with_size(bevy_egui::egui::vec2(1280.0, 800.0))
        .build_ui_state(
            |ui, s: &mut Session| {
                s.poll_class();
                for action in kam_game::ui::show(ui, s) {
                    s.apply(action);
                }
            },
            session,
        )
}
