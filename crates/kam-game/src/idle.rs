//! Keeps the window idle while the trainee thinks.
//!
//! bevy_egui 0.42 hands egui a `ModifiersChanged` event on every frame, changed or not, and
//! egui answers any input event with an immediate repaint request, so a reactive window would
//! redraw itself forever (measured: about 40 frames a second and 1.7 cores under Xvfb while
//! nothing happened). Dropping the events that repeat the modifiers egui already has restores
//! the reactive loop: a frame only when something really happened.
//!
//! The first few frames are drawn whatever happens, so the first screen is complete without
//! waiting for input.

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy_egui::{EguiInput, EguiPreUpdateSet, egui};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        PreUpdate,
        drop_repeated_modifiers
            .after(EguiPreUpdateSet::ProcessInput)
            .before(EguiPreUpdateSet::BeginPass),
    );
    // The window plugin registers it too; registering here keeps the plugin whole on its own.
    app.add_message::<RequestRedraw>();
    app.add_systems(Last, warm_up);
}

/// Frames drawn at start-up whatever happens. egui lays a screen out over its first passes
/// (the fonts reach the GPU during the first), and a playtest on a desktop saw a black window
/// until the mouse moved. Under Xvfb the first frame was always complete, so this is a
/// guarantee rather than a measured cure; five frames cost a fraction of a second once.
const WARM_UP_FRAMES: u32 = 5;

fn warm_up(mut drawn: Local<u32>, mut redraw: MessageWriter<RequestRedraw>) {
    if *drawn < WARM_UP_FRAMES {
        *drawn += 1;
        redraw.write(RequestRedraw);
    }
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

    #[derive(Resource, Default)]
    struct Redraws(u32);

    fn count_redraws(mut seen: MessageReader<RequestRedraw>, mut redraws: ResMut<Redraws>) {
        redraws.0 += seen.read().count() as u32;
    }

    #[test]
    fn the_first_frames_are_drawn_without_input_and_then_the_window_rests() {
        let mut app = App::new();
        app.init_resource::<Redraws>();
        app.add_plugins(plugin);
        app.add_systems(Last, count_redraws.after(warm_up));
        for _ in 0..WARM_UP_FRAMES + 3 {
            app.update();
        }
        assert_eq!(app.world().resource::<Redraws>().0, WARM_UP_FRAMES);
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
