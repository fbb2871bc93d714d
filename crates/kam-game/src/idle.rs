//! Keeps the window idle while the trainee thinks.
//!
//! bevy_egui 0.42 hands egui a `ModifiersChanged` event on every frame, changed or not, and
//! egui answers any input event with an immediate repaint request, so a reactive window would
//! redraw itself forever (measured: about 40 frames a second and 1.7 cores under Xvfb while
//! nothing happened). Dropping the events that repeat the modifiers egui already has restores
//! the reactive loop: a frame only when something really happened.

use bevy::prelude::*;
use bevy_egui::{EguiInput, EguiPreUpdateSet, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        PreUpdate,
        drop_repeated_modifiers
            .after(EguiPreUpdateSet::ProcessInput)
            .before(EguiPreUpdateSet::BeginPass),
    );
}

/// The modifiers egui was last told about, per egui context.
#[derive(Default)]
struct KnownModifiers(std::collections::HashMap<Entity, egui::Modifiers>);

fn drop_repeated_modifiers(
    mut inputs: Query<(Entity, &mut EguiInput)>,
    mut known: Local<KnownModifiers>,
) {
    for (entity, mut input) in &mut inputs {
        let mut last = known.0.get(&entity).copied();
        input.events.retain(|event| match event {
            egui::Event::ModifiersChanged(now) if last == Some(*now) => false,
            egui::Event::ModifiersChanged(now) => {
                last = Some(*now);
                true
            }
            _ => true,
        });
        if let Some(last) = last {
            known.0.insert(entity, last);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(app: &mut App, entity: Entity, events: Vec<egui::Event>) -> Vec<egui::Event> {
        app.world_mut().get_mut::<EguiInput>(entity).unwrap().events = events;
        app.update();
        app.world().get::<EguiInput>(entity).unwrap().events.clone()
    }

    #[test]
    fn repeated_modifiers_are_dropped_and_changes_kept() {
        let mut app = App::new();
        app.add_plugins(plugin);
        let entity = app.world_mut().spawn(EguiInput::default()).id();
        let none = egui::Event::ModifiersChanged(egui::Modifiers::NONE);
        let shift = egui::Event::ModifiersChanged(egui::Modifiers::SHIFT);
        let key = egui::Event::Text("a".into());

        assert_eq!(
            frame(&mut app, entity, vec![none.clone()]),
            vec![none.clone()],
            "the first is news"
        );
        assert!(
            frame(&mut app, entity, vec![none.clone()]).is_empty(),
            "a repeat would force a repaint"
        );
        assert_eq!(
            frame(&mut app, entity, vec![shift.clone(), key.clone()]),
            vec![shift.clone(), key.clone()]
        );
        assert_eq!(
            frame(&mut app, entity, vec![shift.clone(), key.clone()]),
            vec![key]
        );
        assert_eq!(frame(&mut app, entity, vec![none.clone()]), vec![none]);
    }
}
