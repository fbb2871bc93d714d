//! Automation and measurement: `--screenshot OUT.png` shoots the window once egui has laid out
//! and exits; `KAM_TRAINER_BENCH=N` reports the time to the first frame and the mean frame time
//! over N frames, then exits.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};

use crate::Started;

/// Frames to wait before shooting, so fonts are uploaded and egui has settled its layout.
const SETTLE_FRAMES: u32 = 20;
/// Give up (exit 1) if no screenshot arrives after this many frames.
const MAX_FRAMES: u32 = 2000;

/// Frames to measure, from `KAM_TRAINER_BENCH`.
pub fn bench_frames() -> Option<u32> {
    std::env::var("KAM_TRAINER_BENCH").ok()?.parse().ok()
}

/// The present mode: no vsync while automated, else vsync; `KAM_TRAINER_VSYNC=0` or `1`
/// overrides (Mesa's software Vulkan under Xvfb busy-waits for vsync, so idle measurements
/// there are taken without it).
pub fn present_mode(automated: bool) -> bevy::window::PresentMode {
    let vsync = match std::env::var("KAM_TRAINER_VSYNC").as_deref() {
        Ok("0") => false,
        Ok("1") => true,
        _ => !automated,
    };
    if vsync {
        bevy::window::PresentMode::AutoVsync
    } else {
        bevy::window::PresentMode::AutoNoVsync
    }
}

#[derive(Resource)]
struct Shot {
    path: PathBuf,
    frames: u32,
    requested: bool,
    done: Arc<AtomicBool>,
}

#[derive(Resource)]
struct Bench {
    frames: u32,
    target: u32,
    measuring_since: Option<Instant>,
}

pub fn install(app: &mut App, screenshot: Option<PathBuf>) {
    if let Some(path) = screenshot {
        app.insert_resource(Shot {
            path,
            frames: 0,
            requested: false,
            done: Arc::new(AtomicBool::new(false)),
        });
        app.add_systems(Last, shoot);
    }
    if let Some(target) = bench_frames() {
        app.insert_resource(Bench {
            frames: 0,
            target: target.max(20),
            measuring_since: None,
        });
        app.add_systems(Last, bench);
    }
}

fn shoot(mut commands: Commands, mut shot: ResMut<Shot>, mut exit: MessageWriter<AppExit>) {
    shot.frames += 1;
    if shot.done.load(Ordering::SeqCst) {
        exit.write(AppExit::Success);
        return;
    }
    if !shot.requested && shot.frames >= SETTLE_FRAMES {
        shot.requested = true;
        let done = Arc::clone(&shot.done);
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(shot.path.clone()))
            .observe(move |_: On<ScreenshotCaptured>| done.store(true, Ordering::SeqCst));
    }
    if shot.frames > MAX_FRAMES {
        error!("no screenshot after {MAX_FRAMES} frames");
        exit.write(AppExit::error());
    }
}

fn bench(mut b: ResMut<Bench>, started: Res<Started>, mut exit: MessageWriter<AppExit>) {
    b.frames += 1;
    // Frame 2 ends once the first frame with the UI has been rendered and presented.
    if b.frames == 3 {
        say(format!(
            "bench: first frame after {:.1} ms",
            started.0.elapsed().as_secs_f64() * 1000.0
        ));
    }
    if b.frames == 10 {
        b.measuring_since = Some(Instant::now());
    }
    if b.frames == b.target + 10
        && let Some(t) = b.measuring_since
    {
        say(format!(
            "bench: mean frame time {:.2} ms over {} frames",
            t.elapsed().as_secs_f64() * 1000.0 / b.target as f64,
            b.target
        ));
        exit.write(AppExit::Success);
    }
}

/// Standard error without its lock. `kam_cli::run_with` holds the `stderr()` lock on the main
/// thread for as long as the game runs, so any write through `std::io::stderr()` from Bevy's
/// worker threads (logging included) would wait forever; this writes to `/dev/stderr` instead.
#[derive(Clone, Copy)]
struct UnlockedStderr;

impl std::io::Write for UnlockedStderr {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        static FILE: std::sync::OnceLock<Option<std::fs::File>> = std::sync::OnceLock::new();
        match FILE.get_or_init(|| {
            std::fs::OpenOptions::new()
                .append(true)
                .open("/dev/stderr")
                .ok()
        }) {
            Some(f) => {
                let mut f: &std::fs::File = f;
                f.write(buf)
            }
            None => Ok(buf.len()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One line on standard error, from any thread.
pub fn say(line: String) {
    use std::io::Write;
    let _ = writeln!(UnlockedStderr, "{line}");
}

/// Bevy's log formatter, writing through [`UnlockedStderr`].
pub fn log_layer(_: &mut App) -> Option<bevy::log::BoxedFmtLayer> {
    Some(Box::new(
        bevy::log::tracing_subscriber::fmt::Layer::default().with_writer(|| UnlockedStderr),
    ))
}
