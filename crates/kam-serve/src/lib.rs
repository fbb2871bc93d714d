//! kam-serve: `kam serve`, a live class of kam-trainer.
//!
//! An instructor creates a class session in a browser and gets a join code; trainees join
//! from the game, which plays locally and sends its decisions as it goes. The server replays
//! every decision with kam-sim and keeps the authoritative record in a database (SQLite by
//! default, PostgreSQL for several servers), and the dashboard follows the class live.
//!
//! This crate knows neither the game nor the command line: the class report comes in as a
//! [`Reporter`] from whoever embeds it (the `kam` binary passes kam-cli's).

mod class;
pub mod db;
mod error;
mod http;
mod limits;
mod pages;
mod secrets;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use kam_sim::engine::Prepared;
use kam_sim::record::GameRecord;

/// The class report as `kam report` makes it.
pub struct ReportFiles {
    pub html: String,
    pub csv: String,
}

/// Makes the class report from the class's result files (name, record).
pub trait Reporter: Send + Sync + 'static {
    fn report(&self, scenario: Arc<Prepared>, records: Vec<(String, GameRecord)>) -> ReportFiles;
}

/// `kam serve`'s settings.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// `sqlite://FILE` or `postgres://…`; `None`: `class.db` in `data_dir`.
    pub db: Option<String>,
    pub addr: SocketAddr,
    /// Where the default SQLite file lives (the game's data folder).
    pub data_dir: Option<PathBuf>,
    /// Requests a second one client address may make (joins, pages), with bursts of ten
    /// times as many; a classroom behind one NAT address shares it.
    pub rate_per_address: f64,
    /// Requests a second one seat may make (submissions, status checks), bursts of four
    /// times as many.
    pub rate_per_seat: f64,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            db: None,
            addr: SocketAddr::from(([0, 0, 0, 0], 8080)),
            data_dir: None,
            rate_per_address: 50.0,
            rate_per_seat: 10.0,
        }
    }
}

impl ServeOptions {
    fn database_url(&self) -> Result<String, String> {
        if let Some(url) = &self.db {
            return Ok(url.clone());
        }
        let dir = self
            .data_dir
            .clone()
            .ok_or("no data folder (set HOME or KAM_TRAINER_DATA), so give --db sqlite://FILE")?;
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create the data folder {}: {e}", dir.display()))?;
        Ok(format!("sqlite://{}", dir.join("class.db").display()))
    }
}

/// A server running in the background (tests, and `serve` itself).
pub struct Running {
    pub addr: SocketAddr,
    pub database: String,
    shutdown: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Stops accepting, finishes the requests under way, and closes the database.
    pub async fn stop(self) {
        let _ = self.shutdown.send(());
        let _ = self.task.await;
    }
}

/// Opens the database and starts serving on `options.addr` (port 0 picks a free one).
pub async fn start(
    options: &ServeOptions,
    reporter: Option<Arc<dyn Reporter>>,
) -> Result<Running, String> {
    let database = options.database_url()?;
    let db = db::Db::open(&database).await?;
    let state = Arc::new(http::state(
        class::Classroom::new(db.clone()),
        reporter,
        options,
    ));
    let app = http::router(Arc::clone(&state));
    let listener = tokio::net::TcpListener::bind(options.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", options.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
    let ticker = {
        let state = Arc::clone(&state);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(1));
            loop {
                every.tick().await;
                if let Err(e) = state.class.release_overdue().await {
                    eprintln!("kam serve: releasing overdue rounds: {}", e.message);
                }
            }
        })
    };
    let task = tokio::spawn(async move {
        let served = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = stopped.await;
        })
        .await;
        ticker.abort();
        if let Err(e) = served {
            eprintln!("kam serve: {e}");
        }
        db.close().await;
    });
    Ok(Running {
        addr,
        database,
        shutdown,
        task,
    })
}

/// `kam serve`: serves until Ctrl-C (or SIGTERM), then stops cleanly.
pub fn serve(options: ServeOptions, reporter: Option<Arc<dyn Reporter>>) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("kam serve: cannot start: {e}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(async {
        let running = match start(&options, reporter).await {
            Ok(r) => r,
            Err(e) => {
                eprintln!("kam serve: {e}");
                return ExitCode::from(2);
            }
        };
        let shown = if running.addr.ip().is_unspecified() {
            format!("http://localhost:{}", running.addr.port())
        } else {
            format!("http://{}", running.addr)
        };
        println!("kam serve: class server on {shown} (database {})", db::redact(&running.database));
        println!("Open {shown} in a browser to create a class; trainees join from the game with its code.");
        println!("Stop with Ctrl-C.");
        wait_for_stop_signal().await;
        println!("kam serve: stopping");
        running.stop().await;
        ExitCode::SUCCESS
    })
}

async fn wait_for_stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
