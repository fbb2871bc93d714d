//! A bare bevy_egui window with the game's plugins, settings and window size, for comparing
//! the game's start-up, frame time and idle CPU against (see BENCHMARKS.md at the top of the repository).
//!
//! `KAM_TRAINER_BENCH=N` prints the time to the first frame and the mean frame time over N
//! continuously drawn frames, then exits; without it the window idles in reactive mode.

use std::time::Instant;

use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy::winit::{UpdateMode, WinitSettings};
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};

#[derive(Resource)]
struct Bench {
    started: Instant,
    frames: u32,
    target: Option<u32>,
    since: Option<Instant>,
}

fn main() {
    let started = Instant::now();
    let target = std::env::var("KAM_TRAINER_BENCH")
        .ok()
        .and_then(|v| v.parse::<u32>().ok());
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "bare bevy_egui".into(),
            resolution: WindowResolution::new(1280, 800),
            present_mode: kam_game::automation::present_mode(target.is_some()),
            ..default()
        }),
        ..default()
    }))
    .add_plugins(EguiPlugin::default())
    .insert_resource(if target.is_some() {
        WinitSettings {
            focused_mode: UpdateMode::Continuous,
            unfocused_mode: UpdateMode::Continuous,
        }
    } else {
        kam_game::idle_settings()
    })
    .insert_resource(Bench {
        started,
        frames: 0,
        target: target.map(|t| t.max(20)),
        since: None,
    })
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    })
    .add_systems(EguiPrimaryContextPass, ui)
    .add_systems(Last, bench);
    app.run();
}

fn ui(mut contexts: EguiContexts) -> Result {
    let ctx = contexts.ctx_mut()?;
    egui::CentralPanel::default().show(
        &mut egui::Ui::new(
            ctx.clone(),
            "root".into(),
            egui::UiBuilder::new()
                .layer_id(egui::LayerId::background())
                .max_rect(ctx.viewport_rect()),
        ),
        |ui| {
            ui.heading("bare bevy_egui");
            ui.label("A label and a button, nothing else.");
            let _ = ui.button("Button");
        },
    );
    Ok(())
}

fn bench(mut b: ResMut<Bench>, mut exit: MessageWriter<AppExit>) {
    b.frames += 1;
    let Some(target) = b.target else {
        if b.frames.is_multiple_of(50) {
            kam_game::automation::say(format!(
                "idle: frame {} at {:.1} s",
                b.frames,
                b.started.elapsed().as_secs_f64()
            ));
        }
        return;
    };
    if b.frames == 3 {
        eprintln!(
            "bench: first frame after {:.1} ms",
            b.started.elapsed().as_secs_f64() * 1000.0
        );
    }
    if b.frames == 10 {
        b.since = Some(Instant::now());
    }
    if b.frames == target + 10
        && let Some(t) = b.since
    {
        eprintln!(
            "bench: mean frame time {:.2} ms over {target} frames",
            t.elapsed().as_secs_f64() * 1000.0 / target as f64
        );
        exit.write(AppExit::Success);
    }
}
