//! A live class against the class server, on loopback, as the game really talks to it: every
//! seat polls `GET /api/status` every 2 s while it has nothing to send (kam-class's `link.rs`,
//! `POLL`) and sends each decision as the trainee makes it (the link sends whatever the log
//! holds that the server has not acknowledged, then asks the status at once), with a person's
//! pauses between decisions. Prints submit and poll latency, polls a second, the server's CPU
//! and (with `--strace`, or PostgreSQL's own counters) its syncs a second, then checks that
//! nothing was lost: each seat's record on the server is what its game sent, decision for
//! decision, and the server's score is the local replay's.
//!
//! ```sh
//! cargo run --release -p kam-serve --example live_class -- --seats 500 [--db URL] [--strace]
//! ```
//!
//! The server runs in a child process (this program again, as `kam serve` with its default
//! limits), so its CPU time and syncs are its own; the trainees are tokio tasks here, one
//! keep-alive connection each, on the same cores. Options: `--pacing rounds|free` (rounds),
//! `--month-seconds S` (10: a month's planning and answering, compressed from a class's
//! minutes so a run takes a few), `--send decision|month` (decision: as the link does online;
//! month: a whole month in one submission), `--no-dashboard` (else the instructor's dashboard
//! follows the class over server-sent events, as in class), `--max-p99-ms N` (exit 1 when the
//! submit p99 is above it), `--months N` (play only the first N months), `--dir DIR` (keep
//! the SQLite file and the server's log there), `--limit-seconds S` (600: give up, and say so,
//! past it). A trainee plans a month 0.3 to 0.9 month-lengths after learning it is open, and
//! answers each event or offer 0.05 to 0.15 month-lengths after the last. The figures include
//! how busy the machine was with other processes, which on a shared machine decide the tail.
//! BENCHMARKS.md, "A live class", has the figures.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use http_body_util::BodyExt;
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use kam_class::protocol::{ClassStatus, Pacing, Refusal, Seat, Submission};
use kam_sim::{Decision, Game};

/// The first argument that makes this program the server instead of the class.
const SERVE_CHILD: &str = "--serve-child";
/// The game's link: the pause between status checks when it has nothing to send.
const POLL: Duration = Duration::from_secs(2);
/// kam-class's `MAX_DECISIONS_PER_SUBMISSION`.
const MAX_PER_SUBMISSION: usize = kam_class::protocol::MAX_DECISIONS_PER_SUBMISSION;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some(SERVE_CHILD) {
        return serve_child(args.get(1).cloned().unwrap_or_default());
    }
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("live_class: {e}");
            ExitCode::from(2)
        }
    }
}

/// The server: `kam serve` itself (its log, limits and stop on SIGTERM), on a free loopback
/// port. Its process id comes first, since under strace the child is strace.
fn serve_child(db: String) -> ExitCode {
    println!("pid {}", std::process::id());
    let options = kam_serve::ServeOptions {
        db: Some(db),
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        ..kam_serve::ServeOptions::default()
    };
    kam_serve::serve(options, None)
}

#[derive(Clone, Copy, PartialEq)]
enum Send {
    /// Each decision as it is made: what the game's link does while the server answers.
    Decision,
    /// A month's decisions together, once its last one is made.
    Month,
}

struct Config {
    seats: usize,
    db: Option<String>,
    pacing: Pacing,
    month: Duration,
    send: Send,
    dashboard: bool,
    strace: bool,
    max_p99_ms: Option<f64>,
    /// The whole run stops with an error past this.
    limit: Duration,
    /// Months each trainee plays (all of the scenario's unless given): shorter runs.
    months: Option<usize>,
    /// Where to keep the database and the server's log (else a temporary folder).
    dir: Option<std::path::PathBuf>,
}

fn config(args: &[String]) -> Result<Config, String> {
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let number = |name: &str, default: f64| -> Result<f64, String> {
        flag(name).map_or(Ok(default), |v| {
            v.parse()
                .map_err(|_| format!("{name} takes a number, not {v}"))
        })
    };
    Ok(Config {
        seats: number("--seats", 500.0)? as usize,
        db: flag("--db"),
        pacing: match flag("--pacing").as_deref() {
            None | Some("rounds") => Pacing::Rounds,
            Some("free") => Pacing::Free,
            Some(other) => return Err(format!("--pacing is rounds or free, not {other}")),
        },
        month: Duration::from_secs_f64(number("--month-seconds", 10.0)?),
        send: match flag("--send").as_deref() {
            None | Some("decision") => Send::Decision,
            Some("month") => Send::Month,
            Some(other) => return Err(format!("--send is decision or month, not {other}")),
        },
        dashboard: !args.iter().any(|a| a == "--no-dashboard"),
        strace: args.iter().any(|a| a == "--strace"),
        max_p99_ms: flag("--max-p99-ms")
            .map(|v| v.parse())
            .transpose()
            .map_err(|_| "--max-p99-ms takes a number of milliseconds".to_owned())?,
        limit: Duration::from_secs_f64(number("--limit-seconds", 600.0)?),
        months: flag("--months")
            .map(|v| v.parse())
            .transpose()
            .map_err(|_| "--months takes a whole number".to_owned())?,
        dir: flag("--dir").map(Into::into),
    })
}

/// The server child, and what it is.
struct Server {
    child: Child,
    pid: u32,
    addr: SocketAddr,
    /// strace's log of the server's syncs, when traced.
    trace: Option<std::path::PathBuf>,
}

impl Server {
    fn start(db: &str, strace: bool, dir: &std::path::Path) -> Result<Server, String> {
        let me = std::env::current_exe().map_err(|e| e.to_string())?;
        let trace = strace.then(|| dir.join("fsync.trace"));
        let mut command = match &trace {
            // --seccomp-bpf: only the traced calls stop the server, so tracing its syncs
            // costs next to nothing on every other call.
            Some(trace) => {
                let mut c = Command::new("strace");
                c.args([
                    "-f",
                    "--seccomp-bpf",
                    "-ttt",
                    "-T",
                    "-e",
                    "trace=fsync,fdatasync",
                    "-o",
                ])
                .arg(trace)
                .arg(&me);
                c
            }
            None => Command::new(&me),
        };
        let log = std::fs::File::create(dir.join("server.log")).map_err(|e| e.to_string())?;
        let mut child = command
            .args([SERVE_CHILD, db])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start the server: {e}"))?;
        let mut lines = BufReader::new(child.stdout.take().ok_or("no server output")?).lines();
        let (mut pid, mut addr) = (None, None);
        while addr.is_none() {
            let line = lines
                .next()
                .ok_or("the server stopped before it listened (see its log)")?
                .map_err(|e| e.to_string())?;
            if let Some(p) = line.strip_prefix("pid ") {
                pid = p.trim().parse().ok();
            }
            if let Some(rest) = line.split_once("class server on http://") {
                addr = rest
                    .1
                    .split_whitespace()
                    .next()
                    .and_then(|a| a.parse().ok());
            }
        }
        // Whatever else it prints must not fill the pipe and stall it.
        std::thread::spawn(move || lines.for_each(drop));
        Ok(Server {
            child,
            pid: pid.ok_or("the server did not say its process id")?,
            addr: addr.ok_or("no address")?,
            trace,
        })
    }

    /// SIGTERM, as an operator stops `kam serve`: it finishes what is under way and closes
    /// the database.
    fn stop(mut self) -> Option<std::path::PathBuf> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.pid.to_string()])
            .status();
        let _ = self.child.wait();
        self.trace
    }
}

/// User plus system CPU time of a process so far (Linux's /proc; clock ticks of 1/100 s).
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name, in parentheses, may hold spaces: count fields after it.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

/// CPU seconds of each PostgreSQL process on the machine (the server's own backends work in
/// those, not in `kam serve`).
fn postgres_cpu() -> HashMap<u32, f64> {
    let mut out = HashMap::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
            continue;
        };
        let comm = std::fs::read_to_string(entry.path().join("comm")).unwrap_or_default();
        if comm.trim() == "postgres"
            && let Some(seconds) = cpu_seconds(pid)
        {
            out.insert(pid, seconds);
        }
    }
    out
}

/// CPU seconds the whole machine has spent busy so far (all cores; /proc/stat's first line):
/// what else ran during the class shows in the figures, on a shared machine.
fn machine_busy() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let ticks: Vec<u64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .filter_map(|t| t.parse().ok())
        .collect();
    // user, nice, system, idle, iowait, irq, softirq, steal: all but idle and iowait.
    let busy: u64 = ticks
        .iter()
        .take(8)
        .enumerate()
        .filter(|(i, _)| *i != 3 && *i != 4)
        .map(|(_, t)| t)
        .sum();
    Some(busy as f64 / 100.0)
}

/// The server's own latencies by route, from its request log (`latency_ms=` of each
/// `answered` event): the time from a request's head to its answer's, without the client's
/// side of loopback and scheduling.
fn logged_latencies(log: &str, route: &str) -> Vec<Duration> {
    let needle = format!("route={route} ");
    let mut out: Vec<Duration> = log
        .lines()
        .filter(|line| line.contains(&needle) && line.contains("status=200"))
        .filter_map(|line| {
            line.rsplit_once("latency_ms=")?
                .1
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map(|ms| Duration::from_secs_f64(ms / 1e3))
        .collect();
    out.sort();
    out
}

fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// One keep-alive HTTP/1.1 connection to the server, opened again when it closes, as the
/// game's HTTP agent does.
struct Connection {
    addr: SocketAddr,
    sender: Option<SendRequest<String>>,
}

struct Answer {
    status: u16,
    body: Vec<u8>,
}

impl Connection {
    fn new(addr: SocketAddr) -> Connection {
        Connection { addr, sender: None }
    }

    async fn open(&mut self) -> Result<&mut SendRequest<String>, String> {
        if self.sender.as_ref().is_none_or(SendRequest::is_closed) {
            let stream = tokio::net::TcpStream::connect(self.addr)
                .await
                .map_err(|e| e.to_string())?;
            let _ = stream.set_nodelay(true);
            let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
                .await
                .map_err(|e| e.to_string())?;
            tokio::spawn(connection);
            self.sender = Some(sender);
        }
        self.sender
            .as_mut()
            .ok_or_else(|| "no connection".to_owned())
    }

    fn request(
        &self,
        method: &str,
        path: &str,
        bearer: Option<&str>,
        body: String,
    ) -> Result<hyper::Request<String>, String> {
        let mut request = hyper::Request::builder()
            .method(method)
            .uri(path)
            .header("host", self.addr.to_string());
        if let Some(bearer) = bearer {
            request = request.header("authorization", format!("Bearer {bearer}"));
        }
        if !body.is_empty() {
            request = request.header("content-type", "application/json");
        }
        request.body(body).map_err(|e| e.to_string())
    }

    async fn call(
        &mut self,
        method: &str,
        path: &str,
        bearer: Option<&str>,
        body: String,
    ) -> Result<Answer, String> {
        let request = self.request(method, path, bearer, body)?;
        let sender = self.open().await?;
        sender.ready().await.map_err(|e| e.to_string())?;
        let answered = async {
            let response = sender.send_request(request).await?;
            let status = response.status().as_u16();
            let body = response.into_body().collect().await?.to_bytes().to_vec();
            Ok::<_, hyper::Error>(Answer { status, body })
        }
        .await;
        answered.map_err(|e| {
            self.sender = None;
            e.to_string()
        })
    }
}

/// A small, seeded generator for the trainees' pauses (no dependency for this).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// `month` times a uniform factor between `low` and `high`.
    fn pause(&mut self, month: Duration, low: f64, high: f64) -> Duration {
        month.mul_f64(low + (high - low) * self.next())
    }
}

/// One seat's game, played out beforehand with a built-in strategy: what its trainee will
/// decide, month by month, and the score the local replay gives.
struct Plan {
    name: String,
    token: String,
    months: Vec<Vec<Decision>>,
    composite: f64,
    finished: bool,
}

fn plan_game(index: usize, seat: &Seat, months_played: Option<usize>) -> Result<Plan, String> {
    let mut game: Game = kam_class::robot::game_for(seat)?;
    let strategies = kam_sim::StrategyId::BENCHMARKS;
    let strategy = strategies[index % strategies.len()];
    // Each seat its own stream, so the class's random players do not all play one game.
    let mut player = strategy.build(seat.seed ^ (index as u64 + 1));
    let mut months = Vec::new();
    while !game.is_finished() && months_played.is_none_or(|m| months.len() < m) {
        let month = game.turn();
        let mut decisions = Vec::new();
        while !game.is_finished() && game.turn() == month {
            let decision =
                kam_sim::next_decision(&game, player.as_mut()).ok_or("the strategy has no move")?;
            game.decide(decision.clone()).map_err(|e| e.to_string())?;
            decisions.push(decision);
        }
        months.push(decisions);
    }
    Ok(Plan {
        name: seat.name.clone(),
        token: seat.token.clone(),
        months,
        composite: kam_sim::score_game(&game).composite,
        finished: game.is_finished(),
    })
}

/// What the class shares while it plays.
struct Class {
    addr: SocketAddr,
    pacing: Pacing,
    month: Duration,
    send: Send,
    started: Instant,
    /// Seats whose whole game the server has acknowledged.
    done: AtomicUsize,
    /// Everyone is done: the links stop.
    stop: AtomicBool,
    stopped: tokio::sync::Notify,
}

#[derive(Default)]
struct Outcome {
    /// (seconds into the run, latency) of each acknowledged submission.
    submits: Vec<(f64, Duration)>,
    decisions_sent: usize,
    polls: Vec<Duration>,
    /// Answers other than 200, by status (0: the connection failed).
    refused: HashMap<u16, usize>,
    acknowledged: usize,
    /// What the last status said this seat's record holds.
    server_recorded: Option<usize>,
}

/// A trainee and their game's link, as `link.rs` runs it: send what is unacknowledged, else
/// ask the status and wait 2 s (or until the trainee decides something).
async fn trainee(plan: Arc<Plan>, class: Arc<Class>, seed: u64) -> Outcome {
    let log: Vec<Decision> = plan.months.concat();
    let mut rng = SplitMix(seed);
    let mut out = Outcome::default();
    let mut connection = Connection::new(class.addr);
    // The trainee: the month being played, decisions of it made, when the next comes.
    let (mut month, mut within, mut made) = (0usize, 0usize, 0usize);
    let mut next_at: Option<Instant> = None;
    let mut released = 0u32;
    let mut reported_done = false;
    let mut backoff = Duration::from_millis(250);
    loop {
        let now = Instant::now();
        while month < plan.months.len() {
            let open = class.pacing == Pacing::Free || month as u32 <= released;
            let due = match next_at {
                None if open => {
                    // A month opens: reading last month's report and planning take the most.
                    let mut at = now + rng.pause(class.month, 0.3, 0.9);
                    if class.send == Send::Month {
                        for _ in 1..plan.months[month].len() {
                            at += rng.pause(class.month, 0.05, 0.15);
                        }
                    }
                    next_at = Some(at);
                    at
                }
                None => break,
                Some(at) => at,
            };
            if now < due {
                break;
            }
            let in_month = plan.months[month].len();
            let step = if class.send == Send::Month {
                in_month - within
            } else {
                1
            };
            made += step;
            within += step;
            if within == in_month {
                (month, within, next_at) = (month + 1, 0, None);
            } else {
                // An event or an offer to answer.
                next_at = Some(now + rng.pause(class.month, 0.05, 0.15));
            }
        }
        if !reported_done && month == plan.months.len() && out.acknowledged == log.len() {
            reported_done = true;
            class.done.fetch_add(1, Ordering::SeqCst);
        }
        if class.stop.load(Ordering::SeqCst) {
            break;
        }
        let from = out.acknowledged;
        if from < made {
            let to = made.min(from + MAX_PER_SUBMISSION);
            let body = serde_json::to_string(&Submission {
                from,
                decisions: log[from..to].to_vec(),
            })
            .unwrap_or_default();
            let started = Instant::now();
            let answer = connection
                .call("POST", "/api/submit", Some(&plan.token), body)
                .await;
            let took = started.elapsed();
            match answer {
                Ok(Answer { status: 200, body }) => {
                    if let Ok(status) = serde_json::from_slice::<ClassStatus>(&body) {
                        out.submits
                            .push((started.duration_since(class.started).as_secs_f64(), took));
                        out.decisions_sent += to - from;
                        out.acknowledged = status.recorded.min(log.len());
                        released = status.released;
                        backoff = Duration::from_millis(250);
                    }
                    // The link asks the status at once after a submission.
                    continue;
                }
                Ok(Answer { status, body }) => {
                    *out.refused.entry(status).or_default() += 1;
                    // A 409 says where the record stands: resume from there.
                    if let Some(recorded) = serde_json::from_slice::<Refusal>(&body)
                        .ok()
                        .and_then(|r| r.recorded)
                        && status == 409
                    {
                        out.acknowledged = recorded.min(log.len());
                        continue;
                    }
                }
                Err(_) => *out.refused.entry(0).or_default() += 1,
            }
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(Duration::from_secs(8));
            continue;
        }
        let started = Instant::now();
        match connection
            .call("GET", "/api/status", Some(&plan.token), String::new())
            .await
        {
            Ok(Answer { status: 200, body }) => {
                out.polls.push(started.elapsed());
                if let Ok(status) = serde_json::from_slice::<ClassStatus>(&body) {
                    released = status.released;
                    out.server_recorded = Some(status.recorded);
                }
            }
            Ok(Answer { status, .. }) => *out.refused.entry(status).or_default() += 1,
            Err(_) => *out.refused.entry(0).or_default() += 1,
        }
        let wake = Instant::now() + POLL;
        let until = next_at.map_or(wake, |at| at.min(wake));
        tokio::select! {
            () = tokio::time::sleep_until(until.into()) => {}
            () = class.stopped.notified() => {}
        }
    }
    out
}

/// The instructor's dashboard following the class (server-sent events); counts the updates
/// and their bytes until the class is done.
async fn dashboard(class: Arc<Class>, id: String, key: String) -> Result<(usize, usize), String> {
    let mut connection = Connection::new(class.addr);
    let request =
        connection.request("GET", &format!("/i/{id}/events"), Some(&key), String::new())?;
    let sender = connection.open().await?;
    sender.ready().await.map_err(|e| e.to_string())?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| e.to_string())?;
    if response.status() != 200 {
        return Err(format!(
            "the dashboard's stream answered {}",
            response.status()
        ));
    }
    let mut body = response.into_body();
    let (mut updates, mut bytes) = (0, 0);
    loop {
        tokio::select! {
            frame = body.frame() => match frame {
                Some(Ok(frame)) => if let Some(data) = frame.data_ref() {
                    bytes += data.len();
                    updates += data.windows(13).filter(|w| w == b"event: update").count();
                },
                _ => break,
            },
            () = class.stopped.notified() => break,
        }
        if class.stop.load(Ordering::SeqCst) {
            break;
        }
    }
    Ok((updates, bytes))
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// The `q` quantile, nearest rank, in milliseconds.
fn quantile(sorted: &[Duration], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1e3
}

/// PostgreSQL's own counters of WAL syncs and checkpoints, for `kam serve` on PostgreSQL
/// (whose syncs are the database's, not the server's).
async fn postgres_counters(url: &str) -> Result<[i64; 4], String> {
    use sqlx::Connection as _;
    let mut connection = sqlx::postgres::PgConnection::connect(url)
        .await
        .map_err(|e| e.to_string())?;
    let row: (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT w.wal_sync, w.wal_write, w.wal_records, \
         b.checkpoints_timed + b.checkpoints_req FROM pg_stat_wal w, pg_stat_bgwriter b",
    )
    .fetch_one(&mut connection)
    .await
    .map_err(|e| e.to_string())?;
    let _ = connection.close().await;
    Ok([row.0, row.1, row.2, row.3])
}

fn run(args: &[String]) -> Result<bool, String> {
    let config = config(args)?;
    let temporary = tempfile::tempdir().map_err(|e| e.to_string())?;
    let dir = config
        .dir
        .clone()
        .unwrap_or_else(|| temporary.path().to_owned());
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let db = config
        .db
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}", dir.join("class.db").display()));
    let postgres = db.starts_with("postgres");
    let server = Server::start(&db, config.strace, dir.as_path())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let outcome = runtime.block_on(class(&config, &db, &server));
    let trace = server.stop();
    let (mut report, passed) = outcome?;
    let log = std::fs::read_to_string(dir.as_path().join("server.log")).unwrap_or_default();
    let (submits, polls) = (
        logged_latencies(&log, "/api/submit"),
        logged_latencies(&log, "/api/status"),
    );
    report.lines.push(format!(
        "the server's own latency (its log, head to answer): submit p50 {:.1} ms, p99 {:.1} ms, \
         max {:.1} ms; poll p50 {:.1} ms, p99 {:.1} ms",
        quantile(&submits, 0.5),
        quantile(&submits, 0.99),
        quantile(&submits, 1.0),
        quantile(&polls, 0.5),
        quantile(&polls, 0.99),
    ));
    if let Some(trace) = trace {
        let text = std::fs::read_to_string(&trace).map_err(|e| e.to_string())?;
        let (from, to) = report.window;
        let mut during = 0usize;
        let mut total = 0usize;
        let mut took: Vec<Duration> = Vec::new();
        for line in text.lines() {
            // "PID SECONDS.MICROS fsync(…) = 0 <SECONDS>" (a call split across threads is
            // counted once, at its start, and timed where it ends).
            if let Some(seconds) = line
                .strip_suffix('>')
                .and_then(|l| l.rsplit_once('<'))
                .and_then(|(_, t)| t.parse::<f64>().ok())
            {
                took.push(Duration::from_secs_f64(seconds));
            }
            if line.contains("resumed>") || !line.contains("sync(") {
                continue;
            }
            total += 1;
            let at: Option<f64> = line.split_whitespace().nth(1).and_then(|t| t.parse().ok());
            if at.is_some_and(|at| at >= from && at <= to) {
                during += 1;
            }
        }
        took.sort();
        report.lines.push(format!(
            "syncs by the server (strace, fsync + fdatasync): {during} while the class played, \
             {:.1}/s ({total} in the whole run, joins included); each took p50 {:.2} ms, p99 \
             {:.2} ms, max {:.1} ms",
            during as f64 / (to - from),
            quantile(&took, 0.5),
            quantile(&took, 0.99),
            quantile(&took, 1.0),
        ));
    } else if !postgres {
        report
            .lines
            .push("syncs: run with --strace to count them".to_owned());
    }
    println!("{}", report.lines.join("\n"));
    Ok(passed)
}

struct Report {
    lines: Vec<String>,
    /// The unix times the class played between.
    window: (f64, f64),
}

async fn class(config: &Config, db: &str, server: &Server) -> Result<(Report, bool), String> {
    let mut lines = Vec::new();
    let mut admin = Connection::new(server.addr);
    let pacing = config.pacing.as_str();
    let created = admin
        .call(
            "POST",
            "/api/sessions",
            None,
            format!(r#"{{"scenario": "classroom_en", "pacing": "{pacing}", "seed": "20"}}"#),
        )
        .await?;
    let created: serde_json::Value =
        serde_json::from_slice(&created.body).map_err(|e| e.to_string())?;
    let (Some(id), Some(code), Some(key)) = (
        created["id"].as_str(),
        created["code"].as_str(),
        created["secret"].as_str(),
    ) else {
        return Err(format!("creating the class: {created}"));
    };
    // Joins through the game's own client (Argon2 on the server makes them the slow part of
    // a class's start), a few at once, then each seat's game is played out locally.
    let joining = Instant::now();
    let base = format!("http://{}", server.addr);
    let code = code.to_owned();
    let seats = config.seats;
    let months = config.months;
    let plans: Vec<Plan> = tokio::task::spawn_blocking(move || {
        let client = kam_class::Client::new(&base);
        let next = AtomicUsize::new(0);
        let joined: Vec<Result<Vec<(usize, Seat)>, String>> = std::thread::scope(|s| {
            let workers: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::SeqCst);
                            if i >= seats {
                                return Ok(mine);
                            }
                            let seat = client
                                .join(&code, &format!("seat {i:03}"))
                                .map_err(|e| e.to_string())?;
                            mine.push((i, seat));
                        }
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_else(|_| Err("a join panicked".into())))
                .collect()
        });
        let mut seats = Vec::new();
        for part in joined {
            seats.extend(part?);
        }
        seats.sort_by_key(|(i, _)| *i);
        seats
            .iter()
            .map(|(i, seat)| plan_game(*i, seat, months))
            .collect::<Result<Vec<_>, String>>()
    })
    .await
    .map_err(|e| e.to_string())??;
    lines.push(format!(
        "{} seats joined in {:.1} s; class {id} on {}, {pacing} pacing, months of {:.0} s, \
         decisions sent {}",
        plans.len(),
        joining.elapsed().as_secs_f64(),
        if db.starts_with("postgres") {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        config.month.as_secs_f64(),
        if config.send == Send::Decision {
            "one at a time, as made"
        } else {
            "a month at a time"
        },
    ));
    let plans: Vec<Arc<Plan>> = plans.into_iter().map(Arc::new).collect();
    if config.pacing == Pacing::Rounds {
        // Everyone has joined: the instructor starts the class (month 1 is theirs to release).
        let path = format!("/api/sessions/{id}/release");
        admin.call("POST", &path, Some(key), String::new()).await?;
    }

    let postgres = db.starts_with("postgres");
    let pg_before = if postgres {
        Some(postgres_counters(db).await?)
    } else {
        None
    };
    let pg_cpu_before = postgres_cpu();
    let me = std::process::id();
    let (server_cpu_before, own_cpu_before) = (cpu_seconds(server.pid), cpu_seconds(me));
    let busy_before = machine_busy();
    let class = Arc::new(Class {
        addr: server.addr,
        pacing: config.pacing,
        month: config.month,
        send: config.send,
        started: Instant::now(),
        done: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
        stopped: tokio::sync::Notify::new(),
    });
    let window_start = unix_now();
    let watching = config
        .dashboard
        .then(|| tokio::spawn(dashboard(Arc::clone(&class), id.to_owned(), key.to_owned())));
    let trainees: Vec<_> = plans
        .iter()
        .enumerate()
        .map(|(i, plan)| {
            tokio::spawn(trainee(
                Arc::clone(plan),
                Arc::clone(&class),
                0xC1A5_5000 + i as u64,
            ))
        })
        .collect();
    let mut timed_out = false;
    while class.done.load(Ordering::SeqCst) < plans.len() {
        if class.started.elapsed() > config.limit {
            timed_out = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let played = class.started.elapsed();
    let window_end = unix_now();
    let server_cpu = cpu_seconds(server.pid)
        .zip(server_cpu_before)
        .map(|(after, before)| after - before);
    let own_cpu = cpu_seconds(me)
        .zip(own_cpu_before)
        .map(|(after, before)| after - before);
    let pg_cpu_after = postgres_cpu();
    let busy = machine_busy()
        .zip(busy_before)
        .map(|(after, before)| after - before);
    class.stop.store(true, Ordering::SeqCst);
    class.stopped.notify_waiters();
    let mut outcomes = Vec::new();
    for t in trainees {
        outcomes.push(t.await.map_err(|e| e.to_string())?);
    }
    let dashboard = match watching {
        Some(w) => Some(w.await.map_err(|e| e.to_string())??),
        None => None,
    };
    if timed_out {
        // The figures so far still say how the server fared (a server that cannot keep up
        // is what this finds); the check below is then of what was acknowledged only.
        lines.push(format!(
            "NOT DONE: the class was not done after {:.0} s ({} of {} seats finished)",
            config.limit.as_secs_f64(),
            class.done.load(Ordering::SeqCst),
            plans.len()
        ));
    }

    let seconds = played.as_secs_f64();
    let mut submits: Vec<(f64, Duration)> =
        outcomes.iter().flat_map(|o| o.submits.clone()).collect();
    let mut polls: Vec<Duration> = outcomes.iter().flat_map(|o| o.polls.clone()).collect();
    let decisions: usize = outcomes.iter().map(|o| o.decisions_sent).sum();
    let mut refused: HashMap<u16, usize> = HashMap::new();
    for o in &outcomes {
        for (status, n) in &o.refused {
            *refused.entry(*status).or_default() += n;
        }
    }
    let mut latencies: Vec<Duration> = submits.iter().map(|(_, d)| *d).collect();
    latencies.sort();
    polls.sort();
    let p99 = quantile(&latencies, 0.99);
    lines.push(format!(
        "played for {seconds:.1} s: {} submissions ({decisions} decisions, {:.1}/s), {} polls \
         ({:.1}/s)",
        latencies.len(),
        latencies.len() as f64 / seconds,
        polls.len(),
        polls.len() as f64 / seconds,
    ));
    lines.push(format!(
        "submit latency: p50 {:.1} ms, p90 {:.1} ms, p99 {p99:.1} ms, max {:.1} ms",
        quantile(&latencies, 0.5),
        quantile(&latencies, 0.9),
        quantile(&latencies, 1.0),
    ));
    lines.push(format!(
        "poll latency: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        quantile(&polls, 0.5),
        quantile(&polls, 0.99),
        quantile(&polls, 1.0),
    ));
    submits.sort_by_key(|s| std::cmp::Reverse(s.1));
    lines.push(format!(
        "slowest submissions (s into the run: ms): {}",
        submits
            .iter()
            .take(5)
            .map(|(at, d)| format!("{at:.1}: {:.0}", d.as_secs_f64() * 1e3))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    if let Some(cpu) = server_cpu {
        lines.push(format!(
            "server CPU: {cpu:.1} s in {seconds:.1} s, {:.0} % of one core (the class's client: {})",
            100.0 * cpu / seconds,
            own_cpu.map_or("?".into(), |c| format!("{:.0} %", 100.0 * c / seconds)),
        ));
    }
    let pg: f64 = pg_cpu_after
        .iter()
        .map(|(pid, after)| after - pg_cpu_before.get(pid).copied().unwrap_or(0.0))
        .sum();
    if let (Some(busy), Some(server), Some(own)) = (busy, server_cpu, own_cpu) {
        let others = (busy - server - own - pg).max(0.0);
        lines.push(format!(
            "the machine: {:.0} % of its {} cores busy; other processes (builds, tests) took \
             {others:.1} CPU-s, {:.0} % of one core",
            100.0 * busy / seconds / cores() as f64,
            cores(),
            100.0 * others / seconds,
        ));
    }
    if postgres {
        lines.push(format!(
            "PostgreSQL's processes: {pg:.1} s of CPU, {:.0} % of one core",
            100.0 * pg / seconds
        ));
        // Its statistics reach the shared counters within a second or so of each commit.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let after = postgres_counters(db).await?;
        if let Some(before) = pg_before {
            let d: Vec<i64> = after.iter().zip(before).map(|(a, b)| a - b).collect();
            lines.push(format!(
                "PostgreSQL WAL: {} syncs ({:.1}/s), {} writes, {} records; {} checkpoints \
                 (pg_stat_wal, pg_stat_bgwriter; a few seconds after the class are included)",
                d[0],
                d[0] as f64 / seconds,
                d[1],
                d[2],
                d[3]
            ));
        }
    }
    if !refused.is_empty() {
        lines.push(format!(
            "answers other than 200 (status: count; 0 = no answer): {refused:?}"
        ));
    }
    if let Some((updates, bytes)) = dashboard {
        lines.push(format!(
            "the dashboard got {updates} live updates ({:.1} MB)",
            bytes as f64 / 1e6
        ));
    }

    // Nothing lost: the client's acknowledgements, the status, the database's rows, and the
    // server's scores against the local games.
    let mut problems = Vec::new();
    let check = kam_serve::db::Db::open(db).await?;
    let rows = check.seats(id).await.map_err(|e| e.to_string())?;
    let by_name: HashMap<&str, &kam_serve::db::SeatRow> =
        rows.iter().map(|r| (r.name.as_str(), r)).collect();
    let mut compared = 0usize;
    for (plan, outcome) in plans.iter().zip(&outcomes) {
        let log: Vec<Decision> = plan.months.concat();
        let Some(row) = by_name.get(plan.name.as_str()) else {
            problems.push(format!("{}: no seat on the server", plan.name));
            continue;
        };
        if timed_out {
            // Unfinished: what was acknowledged must be stored, as sent.
            let stored = check
                .decisions(id, row.seat)
                .await
                .map_err(|e| e.to_string())?;
            let held = outcome.acknowledged.min(stored.len());
            let sent = log[..held]
                .iter()
                .map(|d| ron::to_string(d).unwrap_or_default());
            if row.recorded < outcome.acknowledged || !sent.eq(stored.iter().take(held).cloned()) {
                problems.push(format!(
                    "{}: an acknowledged decision is missing",
                    plan.name
                ));
            }
            compared += outcome.acknowledged;
            continue;
        }
        if outcome.acknowledged != log.len() || row.recorded != log.len() {
            problems.push(format!(
                "{}: made {}, acknowledged {}, the server holds {}",
                plan.name,
                log.len(),
                outcome.acknowledged,
                row.recorded
            ));
        }
        if outcome.server_recorded != Some(log.len()) {
            problems.push(format!(
                "{}: its last status said {:?} recorded",
                plan.name, outcome.server_recorded
            ));
        }
        if row.composite != plan.composite || row.finished != plan.finished {
            problems.push(format!(
                "{}: the server's score {} (finished: {}), the local replay's {}",
                plan.name, row.composite, row.finished, plan.composite
            ));
        }
        let stored = check
            .decisions(id, row.seat)
            .await
            .map_err(|e| e.to_string())?;
        let sent: Vec<String> = log
            .iter()
            .map(|d| ron::to_string(d).unwrap_or_default())
            .collect();
        if stored != sent {
            problems.push(format!(
                "{}: the stored log differs from the game's",
                plan.name
            ));
        }
        compared += stored.len();
    }
    check.close().await;
    // The dashboard's figures are the server's replays too.
    let view = admin
        .call(
            "GET",
            &format!("/api/sessions/{id}"),
            Some(key),
            String::new(),
        )
        .await?;
    let view: serde_json::Value = serde_json::from_slice(&view.body).map_err(|e| e.to_string())?;
    let scores: HashMap<&str, f64> = plans
        .iter()
        .map(|p| (p.name.as_str(), p.composite))
        .collect();
    for line in view["roster"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|_| !timed_out)
    {
        let name = line["name"].as_str().unwrap_or_default();
        if scores.get(name).copied() != line["composite"].as_f64() {
            problems.push(format!("{name}: the dashboard shows {}", line["composite"]));
        }
    }
    if view["roster"].as_array().map_or(0, Vec::len) != plans.len() {
        problems.push("the dashboard's roster is not the class".into());
    }
    if problems.is_empty() && timed_out {
        lines.push(format!(
            "nothing acknowledged lost: {compared} acknowledged decisions stored as sent"
        ));
    } else if problems.is_empty() {
        lines.push(format!(
            "nothing lost: {} seats, {compared} decisions stored exactly as sent, every server \
             score equal to the local replay's",
            plans.len()
        ));
    } else {
        lines.push(format!("LOST OR DIFFERENT ({}):", problems.len()));
        lines.extend(problems.iter().take(20).cloned());
    }
    let mut passed = problems.is_empty() && !timed_out;
    if let Some(bar) = config.max_p99_ms
        && p99 > bar
    {
        lines.push(format!(
            "submit p99 {p99:.1} ms is above the bar of {bar} ms"
        ));
        passed = false;
    }
    Ok((
        Report {
            lines,
            window: (window_start, window_end),
        },
        passed,
    ))
}
