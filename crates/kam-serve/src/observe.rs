//! What an operator watches: one log event per request, the Prometheus metrics behind
//! `GET /metrics`, and `GET /healthz`.
//!
//! Requests are named by their route template (`/i/{id}/key/{secret}`), never by the path
//! asked for: paths carry instructor keys, and a label per concrete path would grow without
//! bound. Seat tokens and rejoin codes travel in headers and bodies, which are not logged.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::{MatchedPath, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use prometheus::{
    Encoder, Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGauge, Opts, Registry,
    TextEncoder,
};
use tracing::Instrument;

use crate::http::AppState;

/// The route template of the decision-submitting route, whose latency has its own histogram.
pub const SUBMIT_ROUTE: &str = "/api/submit";

/// The route label of a request no route matched (a 404): one label for all of them, so a
/// scan of made-up paths does not make a series each.
const UNMATCHED: &str = "unmatched";

/// How long `/healthz` waits for the database: a load balancer's probe wants an answer, not
/// the pool's 30-second wait for a connection.
const HEALTH_TIMEOUT: Duration = Duration::from_secs(5);

/// One server's metrics, in a registry of its own.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    submission_seconds: Histogram,
    sse_open: IntGauge,
    database_errors: IntCounter,
}

impl Metrics {
    pub fn new() -> Metrics {
        let registry = Registry::new();
        // The names and help texts are constants: creating or registering them fails only
        // on a programming error (a bad name, a name registered twice).
        let requests = IntCounterVec::new(
            Opts::new(
                "kam_serve_http_requests_total",
                "HTTP requests answered, by route template and status code",
            ),
            &["route", "status"],
        )
        .expect("valid metric");
        let submission_seconds = Histogram::with_opts(
            HistogramOpts::new(
                "kam_serve_submission_duration_seconds",
                "Time to answer a decision submission (POST /api/submit), replay included",
            )
            .buckets(vec![
                0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ]),
        )
        .expect("valid metric");
        let sse_open = IntGauge::new(
            "kam_serve_sse_streams_open",
            "Dashboard live-update streams (GET /i/{id}/events) open now",
        )
        .expect("valid metric");
        let database_errors = IntCounter::new(
            "kam_serve_database_errors_total",
            "Database operations that failed (requests, health checks and background work)",
        )
        .expect("valid metric");
        for collector in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(submission_seconds.clone()),
            Box::new(sse_open.clone()),
            Box::new(database_errors.clone()),
        ] {
            registry
                .register(collector)
                .expect("metric registered once");
        }
        Metrics {
            registry,
            requests,
            submission_seconds,
            sse_open,
            database_errors,
        }
    }

    pub fn database_error(&self) {
        self.database_errors.inc();
    }

    /// Counts `e` if it came from the database (background work, which answers no request).
    pub fn database_error_if(&self, e: &crate::class::ClassError) {
        if e.is_database_failure() {
            self.database_error();
        }
    }

    /// Counts an open live-update stream until the returned guard is dropped (the stream
    /// ended or its client went away).
    pub fn sse_stream(&self) -> SseStream {
        self.sse_open.inc();
        SseStream(self.sse_open.clone())
    }

    /// The text exposition format Prometheus scrapes.
    fn render(&self) -> Result<String, prometheus::Error> {
        let mut out = Vec::new();
        TextEncoder::new().encode(&self.registry.gather(), &mut out)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }
}

/// One open live-update stream, counted in `kam_serve_sse_streams_open` while it lives.
pub struct SseStream(IntGauge);

impl Drop for SseStream {
    fn drop(&mut self) {
        self.0.dec();
    }
}

/// A database error in a response, for [`observe_requests`] to count: the error itself is
/// made where no server state is at hand (`From<sqlx::Error>`).
#[derive(Clone, Copy)]
pub struct DatabaseFailed;

/// Notes the session a request turned out to be about (after its key or token was checked),
/// for the request's log event.
pub fn note_session(id: &str) {
    tracing::Span::current().record("session", tracing::field::display(id));
}

/// Notes the seat (its number on the roster) a trainee's request turned out to be from, so a
/// refusal or a fault logged while answering it says whose it was.
pub fn note_seat(seat: i64) {
    tracing::Span::current().record("seat", seat);
}

/// Middleware, on every route: the request's span (method, route, and the session and seat
/// once known), one event when it is answered (status, latency), and the request metrics.
pub async fn observe_requests(
    State(state): State<Arc<AppState>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED, MatchedPath::as_str)
        .to_owned();
    let method = request.method().clone();
    let span = tracing::info_span!(
        "request",
        method = %method,
        route = %route,
        session = tracing::field::Empty,
        seat = tracing::field::Empty,
    );
    let response = next.run(request).instrument(span.clone()).await;
    let elapsed = started.elapsed();
    let status = response.status();
    let metrics = &state.metrics;
    metrics
        .requests
        .with_label_values(&[route.as_str(), status.as_str()])
        .inc();
    if route == SUBMIT_ROUTE {
        metrics.submission_seconds.observe(elapsed.as_secs_f64());
    }
    if response.extensions().get::<DatabaseFailed>().is_some() {
        metrics.database_error();
    }
    // Whole microseconds: three decimals are all a reader of the log wants.
    let latency_ms = elapsed.as_micros() as f64 / 1000.0;
    // A load balancer's probe and Prometheus's scrape come every few seconds: at `info`
    // they would bury the requests an operator reads the log for.
    let probe = matches!(route.as_str(), "/healthz" | "/metrics") && status.is_success();
    span.in_scope(|| {
        if status.is_server_error() {
            tracing::warn!(status = status.as_u16(), latency_ms, "answered");
        } else if probe {
            tracing::debug!(status = status.as_u16(), latency_ms, "answered");
        } else {
            tracing::info!(status = status.as_u16(), latency_ms, "answered");
        }
    });
    response
}

/// `GET /healthz`: whether this server can reach its database, for a load balancer or a
/// monitor. No key: it says nothing about any class.
pub async fn healthz(State(state): State<Arc<AppState>>) -> Response {
    let answered = tokio::time::timeout(HEALTH_TIMEOUT, state.class.ping()).await;
    let failure = match answered {
        Ok(Ok(())) => None,
        Ok(Err(e)) => {
            // The database's own words stay in the log, as for every other request.
            tracing::error!(error = %e, "health check: the database did not answer");
            Some("the database did not answer")
        }
        Err(_) => {
            tracing::error!("health check: the database did not answer in time");
            Some("the database did not answer in time")
        }
    };
    let (status, body) = match failure {
        None => (
            StatusCode::OK,
            serde_json::json!({ "status": "ok", "database": "ok" }),
        ),
        Some(detail) => {
            state.metrics.database_error();
            (
                StatusCode::SERVICE_UNAVAILABLE,
                serde_json::json!({ "status": "error", "detail": detail }),
            )
        }
    };
    no_store((status, Json(body)).into_response())
}

/// `GET /metrics`: the Prometheus text format. No key, as is usual for a scrape target: it
/// holds counts by route template, no session, seat or name (keep the port off the open
/// internet, or filter `/metrics` at the proxy, if even those counts are private).
pub async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    match state.metrics.render() {
        Ok(text) => {
            let mut response = text.into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
            );
            no_store(response)
        }
        Err(e) => {
            tracing::error!(error = %e, "rendering the metrics");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "cannot render the metrics",
            )
                .into_response()
        }
    }
}

fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `kam serve`'s log: events to standard error, `info` and above unless `RUST_LOG` says
/// otherwise. Installed only if nothing else has installed a subscriber (an embedding
/// program may have its own).
pub fn install_log() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database that cannot answer (here: its pool closed) makes `/healthz` a 503 with
    /// a detail, and counts as a database error.
    #[tokio::test]
    async fn healthz_is_503_when_the_database_cannot_answer() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("class.db").display());
        let db = crate::db::Db::open(&url).await.unwrap();
        let state = Arc::new(crate::http::state(
            crate::class::Classroom::new(db.clone(), &crate::Tuning::default()),
            None,
            &crate::ServeOptions::default(),
            &crate::Tuning::default(),
        ));
        assert_eq!(healthz(State(Arc::clone(&state))).await.status(), 200);
        db.close().await;
        let answer = healthz(State(Arc::clone(&state))).await;
        assert_eq!(answer.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(answer.headers()[header::CACHE_CONTROL], "no-store");
        let body = axum::body::to_bytes(answer.into_body(), 1 << 16)
            .await
            .unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["status"], "error");
        assert!(body["detail"].is_string(), "{body}");
        assert!(
            state
                .metrics
                .render()
                .unwrap()
                .contains("kam_serve_database_errors_total 1")
        );
    }
}
