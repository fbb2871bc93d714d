//! The window's title follows the UI language (it is set once at start-up otherwise).

use bevy::prelude::*;

use crate::i18n::K;
use crate::session::Session;

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(Update, follow_language);
}

fn follow_language(session: Res<Session>, mut windows: Query<&mut Window>) {
    let title = K::AppTitle.t(session.lang);
    for mut window in &mut windows {
        // Compared first: writing the same title would still mark the window changed.
        if window.title != title {
            window.title = title.to_owned();
        }
    }
}
