//! kam-serve: `kam serve`, a live class of kam-trainer.
//!
//! An instructor creates a class session in a browser and gets a join code; trainees join
//! from the game, which plays locally and sends its decisions as it goes. The server replays
//! every decision with kam-sim and keeps the authoritative record in a database (SQLite by
//! default, PostgreSQL for several servers), and the dashboard follows the class live.
//!
//! This crate knows neither the game nor the command line: the class report comes in as a
//! [`Reporter`] from whoever embeds it (the `kam` binary passes kam-cli's).

mod body;
mod class;
mod class_error;
mod connections;
pub mod db;
mod error;
mod http;
mod language;
mod limits;
mod names;
mod observe;
mod openapi;
mod origin;
mod pages;
mod presence;
mod secrets;
pub mod words;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use kam_sim::GameRecord;
use kam_sim::Prepared;

/// The class report as `kam report` makes it.
pub struct ReportFiles {
    pub html: String,
    pub csv: String,
}

/// What a class report is made from: the class's scenario and result files (name, record),
/// its title, and the language the instructor reads.
pub struct ReportRequest {
    pub scenario: Arc<Prepared>,
    pub records: Vec<(String, GameRecord)>,
    /// The class's title as the instructor gave it (may be empty).
    pub title: String,
    pub lang: kam_sim::words::Lang,
}

/// Makes the class report (kam-cli's, in the `kam` binary; the server does not depend on it).
pub trait Reporter: Send + Sync + 'static {
    fn report(&self, request: ReportRequest) -> ReportFiles;
}

/// How often "last seen" is written (in one batch for every seat heard from meanwhile).
/// Well under [`Tuning::offline_after`], so other instances see who is online.
const PRESENCE_EVERY_SECONDS: u64 = 5;

/// How often the retention policy runs (and once at start).
const RETENTION_EVERY_SECONDS: u64 = 60 * 60;

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

/// Settings of `kam serve` that have sensible defaults and no command-line flag of their own
/// (yet); tests shorten them.
#[derive(Debug, Clone)]
pub struct Tuning {
    /// How long a connection may take to send a request's head, and how long it may sit idle
    /// between requests, before it is closed.
    pub header_read_timeout: Duration,
    /// How long a request with a body (every POST) may take to arrive and be answered: a body
    /// sent slowly holds its connection no longer than this.
    pub request_with_body_timeout: Duration,
    /// Connections one client address may hold open at once.
    pub connections_per_address: usize,
    /// A trainee not heard from for this long shows as offline, and a seat that has recorded
    /// nothing stops holding its round.
    pub offline_after: Duration,
    /// Classes one client address may create (each may hold a 1 MiB scenario).
    pub sessions_per_address: Allowance,
    /// Requests with a seat token the server does not know, per client address.
    pub unknown_tokens_per_address: Allowance,
    /// Ended classes (and classes nobody ever joined) are deleted this many days after they
    /// ended (were created); 0 keeps everything.
    pub keep_days: u32,
}

/// A rate limit: `burst` at once, then one more every `every`.
#[derive(Debug, Clone, Copy)]
pub struct Allowance {
    pub burst: u32,
    pub every: Duration,
}

impl Default for Tuning {
    fn default() -> Tuning {
        Tuning {
            header_read_timeout: Duration::from_secs(10),
            // Above the database's busy timeout (10 s) and a burst of joins waiting for
            // their Argon2 turn, so only a client that does not send is cut off.
            request_with_body_timeout: Duration::from_secs(30),
            connections_per_address: 1_000,
            offline_after: Duration::from_secs(30),
            sessions_per_address: Allowance {
                burst: 10,
                every: Duration::from_secs(5 * 60),
            },
            // As many as `--rate-per-address`'s default: a classroom behind one NAT address
            // has games polling with tokens that stopped working (a seat rejoined elsewhere
            // or removed), each every 2 s, and must not be locked out by them.
            unknown_tokens_per_address: Allowance {
                burst: 500,
                every: Duration::from_millis(20),
            },
            keep_days: 90,
        }
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
    start_tuned(options, &Tuning::default(), reporter).await
}

/// [`start`] with [`Tuning`] other than the defaults.
pub async fn start_tuned(
    options: &ServeOptions,
    tuning: &Tuning,
    reporter: Option<Arc<dyn Reporter>>,
) -> Result<Running, String> {
    let database = options.database_url()?;
    let db = db::Db::open(&database).await?;
    let state = Arc::new(http::state(
        class::Classroom::new(db.clone(), tuning),
        reporter,
        options,
        tuning,
    ));
    let app = http::router(Arc::clone(&state));
    let limits = connections::ConnectionLimits {
        header_read_timeout: tuning.header_read_timeout,
        per_address: tuning.connections_per_address,
        total: connections::connections_the_file_limit_allows(),
    };
    let listener = connections::listen(options.addr)
        .map_err(|e| format!("cannot listen on {}: {e}", options.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
    let ticker = {
        let state = Arc::clone(&state);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(1));
            for tick in 0u64.. {
                every.tick().await;
                if let Err(e) = state.class.release_overdue().await {
                    state.metrics.database_error_if(&e);
                    tracing::error!(error = %e, "releasing overdue rounds");
                }
                if tick % RETENTION_EVERY_SECONDS == 0
                    && let Err(e) = state.class.delete_expired().await
                {
                    state.metrics.database_error_if(&e);
                    tracing::error!(error = %e, "deleting expired classes");
                }
                if tick % PRESENCE_EVERY_SECONDS == 0
                    && let Err(e) = state.class.flush_presence().await
                {
                    state.metrics.database_error_if(&e);
                    tracing::error!(error = %e, "noting who was online");
                }
            }
        })
    };
    let task = tokio::spawn(async move {
        connections::serve(listener, app, limits, async {
            let _ = stopped.await;
        })
        .await;
        ticker.abort();
        // What was heard since the last flush, so a restarted server knows who was online.
        let _ = state.class.flush_presence().await;
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
    let lang = kam_sim::words::choose_lang(None, None);
    serve_tuned(options, Tuning::default(), reporter, lang)
}

/// [`serve`] with [`Tuning`] other than the defaults (`--keep-days`, for one), saying what it
/// does on the console in `lang` (the pages choose their own, by browser).
pub fn serve_tuned(
    options: ServeOptions,
    tuning: Tuning,
    reporter: Option<Arc<dyn Reporter>>,
    lang: kam_sim::words::Lang,
) -> ExitCode {
    use words::{Say, fill};
    observe::install_log();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", fill(Say::ConsoleCannotStart.t(lang), &[&e]));
            return ExitCode::from(2);
        }
    };
    runtime.block_on(async {
        let running = match start_tuned(&options, &tuning, reporter).await {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{}", fill(Say::ConsoleFailed.t(lang), &[&e]));
                return ExitCode::from(2);
            }
        };
        let shown = if running.addr.ip().is_unspecified() {
            format!("http://localhost:{}", running.addr.port())
        } else {
            format!("http://{}", running.addr)
        };
        let database = db::redact(&running.database);
        println!(
            "{}",
            fill(Say::ConsoleListening.t(lang), &[&shown, &database])
        );
        println!("{}", fill(Say::ConsoleOpen.t(lang), &[&shown]));
        println!("{}", Say::ConsoleStopWith.t(lang));
        wait_for_stop_signal().await;
        println!("{}", Say::ConsoleStopping.t(lang));
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
