//! `kam play FILE --watch`: reload the scenario whenever its file changes, and show its
//! validation errors (FILE:LINE:COL) in the window instead of stopping.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use notify::{RecursiveMode, Watcher};

use crate::session::Session;

#[derive(Resource)]
struct FileWatch {
    _watcher: Mutex<notify::RecommendedWatcher>,
    changes: Mutex<Receiver<()>>,
    /// When the last change arrived; editors write in bursts, so reload once it settles.
    last_change: Option<Instant>,
}

/// Watches `path` (through its folder, as editors often replace the file) and reloads on change.
pub fn install(app: &mut App, path: PathBuf) {
    let (tx, rx) = channel();
    let name = path.file_name().map(|n| n.to_owned());
    let watched = path.clone();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && event
                .paths
                .iter()
                .any(|p| p.file_name() == name.as_deref() || *p == watched)
            && (event.kind.is_modify() || event.kind.is_create())
        {
            let _ = tx.send(());
        }
    });
    let mut watcher = match watcher {
        Ok(w) => w,
        Err(e) => {
            error!("cannot watch {}: {e}", path.display());
            return;
        }
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    if let Err(e) = watcher.watch(&dir, RecursiveMode::NonRecursive) {
        error!("cannot watch {}: {e}", dir.display());
        return;
    }
    app.insert_resource(FileWatch {
        _watcher: Mutex::new(watcher),
        changes: Mutex::new(rx),
        last_change: None,
    });
    app.add_systems(Update, reload_on_change);
}

fn reload_on_change(
    mut watch: ResMut<FileWatch>,
    mut session: ResMut<Session>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let changed = watch
        .changes
        .lock()
        .map(|rx| rx.try_iter().count() > 0)
        .unwrap_or(false);
    if changed {
        watch.last_change = Some(Instant::now());
        redraw.write(RequestRedraw);
    }
    if let Some(t) = watch.last_change
        && t.elapsed() >= Duration::from_millis(150)
    {
        watch.last_change = None;
        session.reload();
        redraw.write(RequestRedraw);
    } else if watch.last_change.is_some() {
        redraw.write(RequestRedraw);
    }
}
