//! The server's routes: the trainees' JSON API, the instructor's JSON API and pages, the live
//! updates, and the class report downloads. Handlers check limits and keys (an instructor's
//! route by taking the `Instructor` or `InstructorPage` extractor), then call [`Classroom`];
//! they hold no rules of their own.
//!
//! The API's routes are declared once, in [`api`], with their OpenAPI description on each
//! handler: the router and the document at `GET /api/openapi.json` are both made from it.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use futures_util::Stream;
use kam_class::protocol::{ClassStatus, Pacing, Refusal, RejoinRequest, Seat, Submission};
use kam_sim::scenario::Difficulty;
use maud::Markup;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::body::ApiJson;
use crate::class::{ClassError, ClassView, Classroom, Created, Join, NewSession};
use crate::db::SessionRow;
use crate::error::{self, ApiError};
use crate::language::{self, PageLang};
use crate::limits::{MAX_BODY_BYTES, RateLimiter};
use crate::observe::{self, Metrics};
use crate::openapi::{Common, JsonBody, Oversized, Posted, SeatActed};
use crate::origin::{self, Credential};
use crate::pages::{self, CreateForm};
use crate::words::{Lang, Said, Say};
use crate::{Reporter, ServeOptions, Tuning};

pub struct AppState {
    pub class: Classroom,
    pub reporter: Option<Arc<dyn Reporter>>,
    /// Per client address: joins, session creation, pages.
    pub by_address: RateLimiter,
    /// Per seat token: submissions and status checks.
    pub by_seat: RateLimiter,
    /// Per client address: classes created.
    pub creations: RateLimiter,
    /// Per client address: requests with a seat token nobody holds.
    pub unknown_tokens: RateLimiter,
    /// How long a request with a body may take, from its head to its answer.
    pub body_deadline: Duration,
    /// This server's metrics (`GET /metrics`).
    pub metrics: Metrics,
}

type Shared = State<Arc<AppState>>;

/// The API: every `/api` route, each declared once with its handler, so that the router and
/// the OpenAPI document ([`crate::openapi`]) list the same routes.
pub fn api() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::new()
        .routes(routes!(join))
        .routes(routes!(rejoin))
        .routes(routes!(submit))
        .routes(routes!(status))
        .routes(routes!(create_from_json))
        .routes(routes!(view_json))
        .routes(routes!(release_json))
        .routes(routes!(extend_json))
        .routes(routes!(end_json))
        .routes(routes!(excuse_json))
        .routes(routes!(unexcuse_json))
        .routes(routes!(remove_json))
        .routes(routes!(openapi_json))
}

pub fn router(state: Arc<AppState>) -> Router {
    let (api, _) = api().split_for_parts();
    Router::new()
        .route("/", get(home))
        .route("/healthz", get(observe::healthz))
        .route("/metrics", get(observe::metrics))
        .route("/assets/style.css", get(style))
        .route("/assets/dashboard.js", get(script))
        .route("/sessions", post(create_from_form))
        .route("/i/{id}/key/{secret}", get(enter_with_key))
        .route("/i/{id}", get(dashboard))
        .route("/i/{id}/live", get(live_fragment))
        .route("/i/{id}/link", get(link_page))
        .route("/i/{id}/events", get(events))
        .route("/i/{id}/release", post(release_from_form))
        .route("/i/{id}/extend", post(extend_from_form))
        .route("/i/{id}/end", post(end_from_form))
        .route("/i/{id}/seat/{seat}", get(seat_page))
        .route("/i/{id}/seat/{seat}/excuse", post(excuse_from_form))
        .route("/i/{id}/seat/{seat}/unexcuse", post(unexcuse_from_form))
        .route("/i/{id}/seat/{seat}/remove", post(remove_from_form))
        .route("/i/{id}/report.html", get(report_html))
        .route("/i/{id}/report.csv", get(report_csv))
        .route("/i/{id}/results.tar", get(results_tar))
        .merge(api)
        .layer(axum::middleware::from_fn(pages_in_language))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            deadline_for_bodies,
        ))
        .layer(axum::middleware::from_fn(refuse_announced_oversize))
        // Outside every refusal made above, so each of the API's is JSON.
        .layer(axum::middleware::from_fn(api_refusals_as_json))
        .layer(axum::middleware::map_response(security_headers))
        // Outermost, so it sees every answer (the refusals of the layers above too). A
        // `Router::layer` runs after routing, so the matched route template is known.
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            observe::observe_requests,
        ))
        .with_state(state)
}

pub fn state(
    class: Classroom,
    reporter: Option<Arc<dyn Reporter>>,
    options: &ServeOptions,
    tuning: &Tuning,
) -> AppState {
    AppState {
        class,
        reporter,
        by_address: RateLimiter::new(options.rate_per_address, options.rate_per_address * 10.0),
        by_seat: RateLimiter::new(options.rate_per_seat, options.rate_per_seat * 4.0),
        creations: RateLimiter::from_allowance(tuning.sessions_per_address),
        unknown_tokens: RateLimiter::from_allowance(tuning.unknown_tokens_per_address),
        body_deadline: tuning.request_with_body_timeout,
        metrics: Metrics::new(),
    }
}

/// A request with a body must arrive and be answered within the deadline: the header-read
/// timeout ends when the head is in, so without this a body sent a byte at a time would hold
/// its connection for ever. Cut off, it gets 408 and its connection is closed. A handler
/// stopped mid-way leaves the database consistent (each write is its own transaction), as a
/// lost answer does, and the client resends as after one.
async fn deadline_for_bodies(
    State(state): Shared,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let has_body = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !has_body {
        return next.run(request).await;
    }
    match tokio::time::timeout(state.body_deadline, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            let mut response = ApiError::too_slow().into_response();
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            response
        }
    }
}

/// Each class may hold a 1 MiB scenario and is kept for the retention period, so creating
/// them is limited apart from other requests.
fn limit_creation(state: &AppState, addr: &SocketAddr) -> Result<(), ApiError> {
    limit(&state.by_address, &address_key(addr))?;
    if state.creations.allow(&address_key(addr)) {
        Ok(())
    } else {
        Err(ApiError::too_many_of(Say::TooManyClasses))
    }
}

/// A seat's request (`answer`), limited per seat, and per address for tokens nobody holds:
/// an address that has sent many of those is refused before its next token is looked up.
async fn seat_request<T>(
    state: &AppState,
    addr: &SocketAddr,
    token: &str,
    answer: impl Future<Output = Result<T, ClassError>>,
) -> Result<T, ApiError> {
    let address = address_key(addr);
    if !state.unknown_tokens.has_room(&address) {
        return Err(ApiError::too_many_of(
            "too many requests with a seat token this server does not know; wait a moment",
        ));
    }
    limit(&state.by_seat, &crate::secrets::hash(token))?;
    let answered = answer.await;
    if matches!(answered, Err(ClassError::NotYourSeat)) {
        state.unknown_tokens.allow(&address);
    }
    Ok(answered?)
}

/// A body announced larger than the limit is refused before any of it is read (the body
/// limit alone would read up to the limit first).
async fn refuse_announced_oversize(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return ApiError::new_too_large().into_response();
    }
    next.run(request).await
}

/// The API answers every refusal as JSON `{error, detail}`, axum's own too (a body that is not
/// JSON, a missing content type, a path parameter of the wrong type, an unknown route, a
/// method the route does not take), which come as plain text or nothing: those are wrapped
/// here, their words kept as the detail. Pages keep their own answers.
async fn api_refusals_as_json(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = request.uri().path();
    let api = path == "/api" || path.starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !api || json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // axum's refusals are a line of text; anything longer is not one of them.
    let said = axum::body::to_bytes(body, 16 * 1024)
        .await
        .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_owned())
        .unwrap_or_default();
    let detail = if !said.is_empty() {
        said
    } else if status == StatusCode::NOT_FOUND {
        "no such API route: the routes are listed at /api/openapi.json".to_owned()
    } else if status == StatusCode::METHOD_NOT_ALLOWED {
        "this API route does not take that method (the Allow header lists those it takes)"
            .to_owned()
    } else {
        status
            .canonical_reason()
            .unwrap_or("refused")
            .to_lowercase()
    };
    let body = Refusal {
        code: error::code_for(status).to_owned(),
        error: detail,
        recorded: None,
    };
    let body = serde_json::to_vec(&body).unwrap_or_default();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(body))
}

async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    // Answers carry keys, tokens, rejoin codes and trainees' results: no cache (a shared lab
    // computer's, a proxy's) keeps them. The two static assets say otherwise themselves.
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let set = |headers: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'",
    );
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    // Instructor links carry their key: never send it on to another site. `same-origin`,
    // not `no-referrer`: the dashboard's own forms then carry a real `Origin` (under
    // `no-referrer` Chromium sends `Origin: null`).
    set(headers, header::REFERRER_POLICY, "same-origin");
    response
}

fn limit(limiter: &RateLimiter, key: &str) -> Result<(), ApiError> {
    if limiter.allow(key) {
        Ok(())
    } else {
        Err(ApiError::too_many())
    }
}

fn address_key(addr: &SocketAddr) -> String {
    addr.ip().to_string()
}

fn bearer(headers: &HeaderMap) -> &str {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or("")
}

/// The key cookie lasts a teaching day: on a shared lab computer it is gone by the next.
const KEY_COOKIE_SECONDS: u32 = 12 * 60 * 60;

fn key_cookie_name(id: &str) -> String {
    format!("kam_key_{id}")
}

/// The instructor key a request carries, and how: `Authorization: Bearer KEY` (the API) or
/// the cookie the instructor link set (the browser).
fn instructor_key<'a>(headers: &'a HeaderMap, id: &str) -> (&'a str, Credential) {
    let from_header = bearer(headers);
    if !from_header.is_empty() {
        return (from_header, Credential::Bearer);
    }
    let name = key_cookie_name(id);
    let from_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .unwrap_or("");
    (from_cookie, Credential::Cookie)
}

/// An instructor's request, checked: within its address's rate limit, carrying the key of the
/// session its route's `{id}` names, and, if it changes anything, sent from this server's own
/// pages (see [`origin`]). Its refusals are JSON, as the API answers; a page
/// route takes [`InstructorPage`] instead. Taken before a body, it refuses a request without
/// the key before the body is read.
struct Instructor(SessionRow);

/// [`Instructor`] for the browser: the same checks, refused with a page.
struct InstructorPage(SessionRow);

/// How an instructor's request that carries no key at all is refused: by the API with 401
/// (the HTTP answer for missing credentials, with the scheme to use), by a page with the same
/// 403 page as a wrong key. Either way it says nothing about whether the session exists.
#[derive(Clone, Copy)]
enum WithoutKey {
    Unauthorized,
    Forbidden,
}

/// The checks behind [`Instructor`] and [`InstructorPage`]; `refuse` words their refusals.
/// A request the router cannot read (no peer address, a path that is not UTF-8) gets axum's
/// own answer, as when each handler took `ConnectInfo` and `Path` itself.
async fn instructor(
    parts: &mut Parts,
    state: &Arc<AppState>,
    refuse: fn(ApiError) -> Response,
    without_key: WithoutKey,
) -> Result<SessionRow, Response> {
    let ConnectInfo(addr) = ConnectInfo::<SocketAddr>::from_request_parts(parts, state)
        .await
        .map_err(IntoResponse::into_response)?;
    // By name, so routes with a second parameter (`/i/{id}/seat/{seat}`) work too.
    let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
        .await
        .map_err(IntoResponse::into_response)?;
    let Some(id) = params.get("id") else {
        return Err(refuse(ApiError::internal("this route names no session")));
    };
    limit(&state.by_address, &address_key(&addr)).map_err(refuse)?;
    let (key, credential) = instructor_key(&parts.headers, id);
    if key.is_empty() && matches!(without_key, WithoutKey::Unauthorized) {
        return Err(refuse(ApiError::unauthorized(
            "this needs the session's instructor key (the last part of its instructor link), \
             as Authorization: Bearer KEY",
        )));
    }
    let session = state
        .class
        .instructor_session(id, key)
        .await
        .map_err(|e| refuse(e.into()))?;
    observe::note_session(&session.id);
    // After the key: without it the answer is the same 403 whoever sent the request.
    let changes_state = !matches!(parts.method, Method::GET | Method::HEAD);
    if changes_state && let Some(why) = origin::refusal(&parts.headers, credential) {
        return Err(refuse(ApiError::forbidden(why)));
    }
    Ok(session)
}

impl FromRequestParts<Arc<AppState>> for Instructor {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Instructor, Response> {
        instructor(
            parts,
            state,
            IntoResponse::into_response,
            WithoutKey::Unauthorized,
        )
        .await
        .map(Instructor)
    }
}

impl FromRequestParts<Arc<AppState>> for InstructorPage {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<InstructorPage, Response> {
        instructor(
            parts,
            state,
            |e| PageError(e).into_response(),
            WithoutKey::Forbidden,
        )
        .await
        .map(InstructorPage)
    }
}

/// A refusal shown as a page, for the browser. Its handler does not know the page's
/// language: [`pages_in_language`] puts it into words, from the request.
struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        PageError(e)
    }
}

impl From<ClassError> for PageError {
    fn from(e: ClassError) -> PageError {
        PageError(e.into())
    }
}

/// A refusal for [`pages_in_language`] to show in the page's language.
#[derive(Clone)]
struct PageRefusal(ApiError);

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let mut response = (self.0.status, pages::error_page(Lang::En, &self.0)).into_response();
        response
            .extensions_mut()
            .insert(PageRefusal(self.0.clone()));
        self.0.mark(response)
    }
}

/// Every page in the instructor's language ([`language`]): `GET PAGE?lang=zh|en` (the page's
/// 中文 / English switch) remembers the choice in a cookie and goes back to the page; a
/// refusal shown as a page is put into words in the language the request chose. The switch
/// changes no class, so it needs neither key nor origin.
async fn pages_in_language(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = request.uri().path();
    let page = !(path.starts_with("/api/")
        || path == "/api"
        || path.starts_with("/assets/")
        || path == "/healthz"
        || path == "/metrics");
    if !page {
        return next.run(request).await;
    }
    if matches!(*request.method(), Method::GET | Method::HEAD)
        && let Some((back, lang)) = language::switch(path, request.uri().query())
    {
        let mut response = Redirect::to(&back).into_response();
        if let Ok(cookie) = HeaderValue::from_str(&language::cookie(lang)) {
            response.headers_mut().insert(header::SET_COOKIE, cookie);
        }
        return response;
    }
    let lang = language::chosen(request.headers());
    let mut response = next.run(request).await;
    // Pages differ by these; no cache keeps them anyway (`no-store`), but say so.
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    let Some(PageRefusal(refusal)) = response.extensions_mut().remove::<PageRefusal>() else {
        return response;
    };
    if lang == Lang::En {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = pages::error_page(lang, &refusal).into_string();
    Response::from_parts(parts, axum::body::Body::from(body))
}

async fn home(PageLang(lang): PageLang) -> Markup {
    pages::create_page(lang, &CreateForm::default(), None)
}

async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        pages::STYLE,
    )
}

async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        pages::SCRIPT,
    )
}

fn new_session_from_form(form: &CreateForm) -> Result<NewSession, ApiError> {
    let round_minutes = if form.round_minutes.trim().is_empty() {
        0
    } else {
        form.round_minutes
            .trim()
            .parse()
            .map_err(|_| ApiError::bad_request(Say::RoundMinutesWhole))?
    };
    // Empty: the scenario's own. Anything else must name a difficulty: a value the form never
    // offers is refused rather than read as "the scenario's own".
    let difficulty = match form.difficulty.trim() {
        "" => None,
        name => Some(
            name.parse::<Difficulty>()
                .map_err(|_| ApiError::bad_request(Said::with(Say::NoSuchDifficulty, &[&name])))?,
        ),
    };
    Ok(NewSession {
        scenario: if form.scenario_file.trim().is_empty() {
            form.bundled.clone()
        } else {
            form.scenario_file.clone()
        },
        title: form.title.clone(),
        seed: form.seed.clone(),
        pacing: Pacing::parse(&form.pacing).unwrap_or(Pacing::Free),
        show_scores: form.show_scores.is_some(),
        coach: form.coach.is_some(),
        difficulty,
        round_minutes,
    })
}

async fn create_from_form(
    State(state): Shared,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    PageLang(lang): PageLang,
    Form(form): Form<CreateForm>,
) -> Response {
    if let Err(e) = limit_creation(&state, &addr) {
        return PageError(e).into_response();
    }
    let created = match new_session_from_form(&form) {
        Ok(new) => state.class.create(new).await.map_err(ApiError::from),
        Err(e) => Err(e),
    };
    match created {
        Ok(created) => {
            Redirect::to(&format!("/i/{}/key/{}", created.id, created.secret)).into_response()
        }
        Err(e) => e.mark((e.status, pages::create_page(lang, &form, Some(&e))).into_response()),
    }
}

/// Create a class.
///
/// No key needed; creating classes is limited per client address (10 at once, then one every
/// 5 minutes).
#[utoipa::path(
    post,
    path = "/api/sessions",
    tag = "instructor",
    request_body = NewSession,
    responses(
        (status = 200, description = "The class: its id, its join code and the instructor's key \
            (shown once).", body = Created),
        (status = 400, description = "`bad_request`: JSON that does not parse, no bundled \
            scenario of that name, a title over 120 characters, a round over 1440 minutes.",
            body = Refusal),
        (status = 422, description = "`unprocessable`: a field missing or of the wrong type, \
            or a scenario file that does not load (`detail` has its `FILE:LINE:COL` errors).",
            body = Refusal),
        JsonBody,
        Common,
    )
)]
async fn create_from_json(
    State(state): Shared,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    ApiJson(new): ApiJson<NewSession>,
) -> Result<Json<Created>, ApiError> {
    limit_creation(&state, &addr)?;
    Ok(Json(state.class.create(new).await?))
}

/// The instructor link: keeps the key in a cookie for this session's pages only, then shows
/// the dashboard at an address without the key.
async fn enter_with_key(
    State(state): Shared,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Path((id, secret)): Path<(String, String)>,
) -> Result<Response, PageError> {
    limit(&state.by_address, &address_key(&addr))?;
    state.class.instructor_session(&id, &secret).await?;
    let cookie = format!(
        "{}={secret}; Path=/i/{id}; HttpOnly; SameSite=Lax; Max-Age={KEY_COOKIE_SECONDS}",
        key_cookie_name(&id)
    );
    let mut response = Redirect::to(&format!("/i/{id}")).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

async fn dashboard(
    State(state): Shared,
    PageLang(lang): PageLang,
    InstructorPage(session): InstructorPage,
) -> Result<Markup, PageError> {
    let view = state.class.view(&session).await?;
    Ok(pages::dashboard_page(lang, &view))
}

/// The instructor link, on a page of its own that the instructor opens on purpose: the
/// dashboard, which is projected and left open, never holds the key.
async fn link_page(
    headers: HeaderMap,
    PageLang(lang): PageLang,
    InstructorPage(session): InstructorPage,
) -> Result<Markup, PageError> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let (key, _) = instructor_key(&headers, &session.id);
    let link = format!("http://{host}/i/{}/key/{key}", session.id);
    Ok(pages::link_page(lang, &session.id, &link))
}

async fn live_fragment(
    State(state): Shared,
    PageLang(lang): PageLang,
    InstructorPage(session): InstructorPage,
) -> Result<Markup, PageError> {
    Ok(pages::live(lang, &state.class.view(&session).await?))
}

/// Server-sent events: the live part of the dashboard, re-rendered whenever the session
/// changes here (at once) or on another server sharing the database (within a second).
async fn events(
    State(state): Shared,
    PageLang(lang): PageLang,
    Instructor(session): Instructor,
) -> Result<Sse<impl Stream<Item = Result<Event, std::convert::Infallible>>>, ApiError> {
    let changes = state.class.changes.subscribe();
    // Held by the stream: dropped when it ends or its client goes away.
    let open = state.metrics.sse_stream();
    let stream = futures_util::stream::unfold(
        (state, session.id, changes, None::<i64>, open),
        move |(state, id, mut changes, shown, open)| async move {
            loop {
                if shown.is_some() {
                    // Wait for a change here, or poll the database for one made elsewhere.
                    let wait = tokio::time::timeout(Duration::from_secs(1), async {
                        loop {
                            match changes.recv().await {
                                Ok(changed) if changed == id => return,
                                Ok(_) => continue,
                                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => return,
                                Err(_) => std::future::pending::<()>().await,
                            }
                        }
                    });
                    let _ = wait.await;
                }
                let session = match state.class.session(&id).await {
                    Ok(Some(session)) => session,
                    // Deleted by the retention policy: nothing more to show.
                    Ok(None) => return None,
                    Err(e) => {
                        state.metrics.database_error_if(&e);
                        tracing::warn!(error = %e, "live updates: reading the class");
                        tokio::time::sleep(Duration::from_secs(1)).await;
                        continue;
                    }
                };
                // Deadlines count down on screen, so a running round redraws every second.
                if shown == Some(session.version) && session.deadline.is_none() {
                    continue;
                }
                let Ok(view) = state.class.view(&session).await else {
                    continue;
                };
                let html = pages::live(lang, &view).into_string();
                let event = Event::default().event("update").data(html);
                // Many trainees submitting at once: at most a few redraws a second.
                tokio::time::sleep(Duration::from_millis(250)).await;
                return Some((Ok(event), (state, id, changes, Some(session.version), open)));
            }
        },
    );
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}

async fn release_from_form(
    State(state): Shared,
    InstructorPage(session): InstructorPage,
) -> Result<Redirect, PageError> {
    state.class.release_by_instructor(&session).await?;
    Ok(Redirect::to(&format!("/i/{}", session.id)))
}

/// `POST /api/sessions/{id}/extend`, and the dashboard's form.
#[derive(serde::Deserialize, utoipa::ToSchema)]
struct Minutes {
    /// Minutes to add to the open round's deadline.
    #[schema(minimum = 1, maximum = 1440)]
    minutes: u32,
}

/// The session an instructor's route is about.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)] // Read by the `Instructor` extractor, by name; here only for the document.
struct SessionId {
    /// The session's id (`id` of `POST /api/sessions`'s answer): 12 lower-case letters and
    /// digits.
    #[param(pattern = "^[0-9a-z]{12}$")]
    id: String,
}

/// A seat of the class, by its number on the roster.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)] // Read by the handlers' `Path` extractor; here only for the document.
struct SeatNumber {
    seat: i64,
}

/// The OpenAPI document of this API (this route included).
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "document",
    responses(
        (status = 200, description = "The document (OpenAPI 3.1).", body = Object),
        Oversized,
    )
)]
async fn openapi_json() -> Response {
    crate::openapi::serve().await
}

async fn extend_from_form(
    State(state): Shared,
    InstructorPage(session): InstructorPage,
    Form(form): Form<Minutes>,
) -> Result<Redirect, PageError> {
    state.class.extend(&session, form.minutes).await?;
    Ok(Redirect::to(&format!("/i/{}", session.id)))
}

async fn end_from_form(
    State(state): Shared,
    InstructorPage(session): InstructorPage,
) -> Result<Redirect, PageError> {
    state.class.end(&session).await?;
    Ok(Redirect::to(&format!("/i/{}", session.id)))
}

/// What the instructor does to one seat.
#[derive(Clone, Copy)]
enum SeatAction {
    Excuse,
    Unexcuse,
    Remove,
}

async fn act_on_seat(
    state: &AppState,
    session: &SessionRow,
    seat: i64,
    action: SeatAction,
) -> Result<(), ApiError> {
    let done = match action {
        SeatAction::Excuse => state.class.excuse(session, seat, true).await,
        SeatAction::Unexcuse => state.class.excuse(session, seat, false).await,
        SeatAction::Remove => state.class.remove(session, seat).await,
    };
    Ok(done?)
}

async fn seat_form(
    state: &AppState,
    session: &SessionRow,
    seat: i64,
    action: SeatAction,
) -> Result<Redirect, PageError> {
    act_on_seat(state, session, seat, action).await?;
    Ok(Redirect::to(&format!("/i/{}", session.id)))
}

async fn excuse_from_form(
    State(state): Shared,
    Path((_, seat)): Path<(String, i64)>,
    InstructorPage(session): InstructorPage,
) -> Result<Redirect, PageError> {
    seat_form(&state, &session, seat, SeatAction::Excuse).await
}

async fn unexcuse_from_form(
    State(state): Shared,
    Path((_, seat)): Path<(String, i64)>,
    InstructorPage(session): InstructorPage,
) -> Result<Redirect, PageError> {
    seat_form(&state, &session, seat, SeatAction::Unexcuse).await
}

async fn remove_from_form(
    State(state): Shared,
    Path((_, seat)): Path<(String, i64)>,
    InstructorPage(session): InstructorPage,
) -> Result<Redirect, PageError> {
    seat_form(&state, &session, seat, SeatAction::Remove).await
}

/// Excuse a seat: rounds no longer wait for it.
#[utoipa::path(
    post,
    path = "/api/sessions/{id}/seats/{seat}/excuse",
    tag = "instructor",
    params(SessionId, SeatNumber),
    security(("instructor_key" = [])),
    responses(SeatActed, Posted, Common)
)]
async fn excuse_json(
    State(state): Shared,
    Path((_, seat)): Path<(String, i64)>,
    Instructor(session): Instructor,
) -> Result<StatusCode, ApiError> {
    act_on_seat(&state, &session, seat, SeatAction::Excuse).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Take a seat's excuse back: rounds wait for it again.
#[utoipa::path(
    post,
    path = "/api/sessions/{id}/seats/{seat}/unexcuse",
    tag = "instructor",
    params(SessionId, SeatNumber),
    security(("instructor_key" = [])),
    responses(SeatActed, Posted, Common)
)]
async fn unexcuse_json(
    State(state): Shared,
    Path((_, seat)): Path<(String, i64)>,
    Instructor(session): Instructor,
) -> Result<StatusCode, ApiError> {
    act_on_seat(&state, &session, seat, SeatAction::Unexcuse).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Remove a seat: it leaves the roster and the report, its token stops working, and its name is free again.
#[utoipa::path(
    post,
    path = "/api/sessions/{id}/seats/{seat}/remove",
    tag = "instructor",
    params(SessionId, SeatNumber),
    security(("instructor_key" = [])),
    responses(SeatActed, Posted, Common)
)]
async fn remove_json(
    State(state): Shared,
    Path((_, seat)): Path<(String, i64)>,
    Instructor(session): Instructor,
) -> Result<StatusCode, ApiError> {
    act_on_seat(&state, &session, seat, SeatAction::Remove).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn seat_page(
    State(state): Shared,
    Path((_, seat)): Path<(String, i64)>,
    PageLang(lang): PageLang,
    InstructorPage(session): InstructorPage,
) -> Result<Markup, PageError> {
    let row = state.class.seat(&session, seat).await?;
    let game = state.class.game(&session, &row).await?;
    Ok(pages::seat_page(lang, &session.id, &row.name, &game))
}

async fn report_files(
    state: &AppState,
    session: &SessionRow,
    lang: Lang,
) -> Result<crate::ReportFiles, ApiError> {
    let reporter = state
        .reporter
        .clone()
        .ok_or_else(|| ApiError::internal(Say::NoReportHere))?;
    let records = state.class.records(session).await?;
    let scenario = state.class.prepared(session)?;
    let request = crate::ReportRequest {
        lang,
        scenario,
        records,
        title: session.title.clone(),
    };
    tokio::task::spawn_blocking(move || reporter.report(request))
        .await
        .map_err(|e| ApiError::internal(e.to_string()))
}

/// A download's file name made from the class's title and join code (`Spring-cohort-K7QM3A`,
/// `2025春季班-K7QM3A`), with `rest` (`.csv`, `-results.tar`) after it: the title's letters
/// and digits in any script, anything else one `-`.
fn download_name(title: &str, code: &str, rest: &str) -> String {
    let mut name = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() || c == '_' {
            name.push(c);
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
        if name.chars().count() >= 80 {
            break;
        }
    }
    let name = name.trim_end_matches('-');
    if name.is_empty() {
        format!("class-{code}{rest}")
    } else {
        format!("{name}-{code}{rest}")
    }
}

/// `Content-Disposition` for a download named `name`: the name itself as RFC 5987 UTF-8
/// (`filename*`, which browsers prefer), and for older clients an ASCII name (`filename`): the
/// same name when it is ASCII, else `class-CODE…`.
fn disposition(kind: &str, name: &str, code: &str, rest: &str) -> String {
    let ascii = if name.is_ascii() {
        name.to_owned()
    } else {
        format!("class-{code}{rest}")
    };
    let mut encoded = String::new();
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// The class's download `rest` (`.csv`…) as a `Content-Disposition` of `kind`.
fn download(kind: &str, session: &SessionRow, rest: &str) -> String {
    let name = download_name(&session.title, &session.code, rest);
    disposition(kind, &name, &session.code, rest)
}

/// The class report, in the page's language, shown in the browser (saved, it is named after
/// the class).
async fn report_html(
    State(state): Shared,
    PageLang(lang): PageLang,
    InstructorPage(session): InstructorPage,
) -> Result<Response, PageError> {
    let files = report_files(&state, &session, lang).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                download("inline", &session, ".html"),
            ),
        ],
        files.html,
    )
        .into_response())
}

async fn report_csv(
    State(state): Shared,
    PageLang(lang): PageLang,
    InstructorPage(session): InstructorPage,
) -> Result<Response, PageError> {
    let files = report_files(&state, &session, lang).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                download("attachment", &session, ".csv"),
            ),
        ],
        files.csv,
    )
        .into_response())
}

/// Every seat's game as result files in one archive, with the scenario the class played:
/// `tar xf` it, then `kam report --scenario scenario.ron results/`.
async fn results_tar(
    State(state): Shared,
    InstructorPage(session): InstructorPage,
) -> Result<Response, PageError> {
    let records = state.class.records(&session).await?;
    let mut archive = tar::Builder::new(Vec::new());
    let mut add = |path: &str, text: &str| -> std::io::Result<()> {
        let mut head = tar::Header::new_gnu();
        head.set_size(text.len() as u64);
        head.set_mode(0o644);
        head.set_mtime(0);
        archive.append_data(&mut head, path, text.as_bytes())
    };
    let mut written = add("scenario.ron", &session.scenario);
    for (file, record) in &records {
        if written.is_ok() {
            written = kam_sim::record_to_string(record)
                .and_then(|text| add(&format!("results/{file}"), &text));
        }
    }
    written.map_err(|e| ApiError::internal(e.to_string()))?;
    let bytes = archive
        .into_inner()
        .map_err(|e| ApiError::internal(e.to_string()))?;
    let disposition = download("attachment", &session, "-results.tar");
    Ok((
        [
            (header::CONTENT_TYPE, "application/x-tar".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

/// The dashboard's data: the class, its roster and leaderboard, its accounts and lessons.
#[utoipa::path(
    get,
    path = "/api/sessions/{id}",
    tag = "instructor",
    params(SessionId),
    security(("instructor_key" = [])),
    responses(
        (status = 200, description = "The class as the dashboard shows it.", body = ClassView),
        (status = 401, description = "`unauthorized`: no key at all.", body = Refusal),
        (status = 403, description = "`forbidden`: the key is wrong, or there is no such \
            session (the same answer).", body = Refusal),
        (status = 404, description = "`not_found`: an id that makes no route (empty, or with \
            a `/`).", body = Refusal),
        Common,
    )
)]
async fn view_json(
    State(state): Shared,
    Instructor(session): Instructor,
) -> Result<Json<ClassView>, ApiError> {
    Ok(Json(state.class.view(&session).await?))
}

/// Release the open round (rounds pacing): its month's results show, and the next month opens.
#[utoipa::path(
    post,
    path = "/api/sessions/{id}/release",
    tag = "instructor",
    params(SessionId),
    security(("instructor_key" = [])),
    responses(
        (status = 200, description = "The class after the release.", body = ClassView),
        (status = 400, description = "`bad_request`: a class at free pacing has no rounds.",
            body = Refusal),
        (status = 401, description = "`unauthorized`: no key at all.", body = Refusal),
        (status = 403, description = "`forbidden`: the key is wrong (or there is no such \
            session), or the request came from another site.", body = Refusal),
        (status = 404, description = "`not_found`: the class was deleted meanwhile, or an id \
            that makes no route.", body = Refusal),
        (status = 410, description = "`gone`: the class has ended.", body = Refusal),
        Posted,
        Common,
    )
)]
async fn release_json(
    State(state): Shared,
    Instructor(session): Instructor,
) -> Result<Json<ClassView>, ApiError> {
    let released = state.class.release_by_instructor(&session).await?;
    Ok(Json(state.class.view(&released).await?))
}

/// Move the open round's deadline later (from now, if it has none or has passed).
#[utoipa::path(
    post,
    path = "/api/sessions/{id}/extend",
    tag = "instructor",
    params(SessionId),
    request_body = Minutes,
    security(("instructor_key" = [])),
    responses(
        (status = 204, description = "The deadline is later."),
        (status = 400, description = "`bad_request`: JSON that does not parse, a class at free \
            pacing, or minutes outside 1 to 1440.", body = Refusal),
        (status = 401, description = "`unauthorized`: no key at all.", body = Refusal),
        (status = 403, description = "`forbidden`: the key is wrong (or there is no such \
            session), or the request came from another site.", body = Refusal),
        (status = 404, description = "`not_found`: an id that makes no route.", body = Refusal),
        (status = 422, description = "`unprocessable`: `minutes` missing or not a whole \
            number.", body = Refusal),
        JsonBody,
        Common,
    )
)]
async fn extend_json(
    State(state): Shared,
    Instructor(session): Instructor,
    ApiJson(body): ApiJson<Minutes>,
) -> Result<StatusCode, ApiError> {
    state.class.extend(&session, body.minutes).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// End the class: nothing more is joined or recorded; the results stay until the retention
/// period passes.
#[utoipa::path(
    post,
    path = "/api/sessions/{id}/end",
    tag = "instructor",
    params(SessionId),
    security(("instructor_key" = [])),
    responses(
        (status = 204, description = "The class has ended (ending it again changes nothing)."),
        (status = 401, description = "`unauthorized`: no key at all.", body = Refusal),
        (status = 403, description = "`forbidden`: the key is wrong (or there is no such \
            session), or the request came from another site.", body = Refusal),
        (status = 404, description = "`not_found`: an id that makes no route.", body = Refusal),
        Posted,
        Common,
    )
)]
async fn end_json(
    State(state): Shared,
    Instructor(session): Instructor,
) -> Result<StatusCode, ApiError> {
    state.class.end(&session).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Take a seat in the class with this join code.
///
/// A client that may lose the answer sends a `join_id` and, with no answer, the same join
/// again: within 10 minutes, and while the seat has recorded nothing, it gets the same seat
/// with a new token and rejoin code.
#[utoipa::path(
    post,
    path = "/api/join",
    tag = "trainee",
    request_body = Join,
    responses(
        (status = 200, description = "The seat: its token and rejoin code, the scenario and \
            the class's settings, and no decisions yet.", body = Seat),
        (status = 400, description = "`bad_request`: JSON that does not parse, a name that is \
            empty, too long or has control, bidirectional or invisible characters, or a \
            `join_id` of the wrong form.", body = Refusal),
        (status = 404, description = "`not_found`: no class has that join code.",
            body = Refusal),
        (status = 409, description = "`name_taken`: someone in the class has that name \
            already (and this is not a resend of their join); `conflict`: the class is full \
            (500 seats).", body = Refusal),
        (status = 410, description = "`gone`: the class has ended.", body = Refusal),
        (status = 422, description = "`unprocessable`: a field missing or of the wrong type.",
            body = Refusal),
        JsonBody,
        Common,
    )
)]
async fn join(
    State(state): Shared,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    ApiJson(request): ApiJson<Join>,
) -> Result<Json<Seat>, ApiError> {
    limit(&state.by_address, &address_key(&addr))?;
    Ok(Json(state.class.join(request).await?))
}

/// Take one's seat back, on another computer, with the rejoin code.
///
/// The seat gets a new token; the old one stops working.
#[utoipa::path(
    post,
    path = "/api/rejoin",
    tag = "trainee",
    request_body = RejoinRequest,
    responses(
        (status = 200, description = "The seat, with a new token and the decisions the server \
            holds.", body = Seat),
        (status = 400, description = "`bad_request`: JSON that does not parse, or a name that \
            could not have joined.", body = Refusal),
        (status = 403, description = "`forbidden`: no seat with that name and rejoin code in \
            this class (the same answer for both).", body = Refusal),
        (status = 404, description = "`not_found`: no class has that join code.",
            body = Refusal),
        (status = 422, description = "`unprocessable`: a field missing or of the wrong type.",
            body = Refusal),
        JsonBody,
        Common,
    )
)]
async fn rejoin(
    State(state): Shared,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    ApiJson(request): ApiJson<RejoinRequest>,
) -> Result<Json<Seat>, ApiError> {
    limit(&state.by_address, &address_key(&addr))?;
    Ok(Json(state.class.rejoin(request).await?))
}

/// Send decisions `from`, `from + 1`, … of this seat's log.
///
/// The server replays them on its copy of the game and records them only if they all
/// replay. Sending again what was recorded is refused with 409 and `recorded`, which says
/// where to resume.
#[utoipa::path(
    post,
    path = "/api/submit",
    tag = "trainee",
    request_body = Submission,
    security(("seat_token" = [])),
    responses(
        (status = 200, description = "Recorded: how many the server holds now, and where the \
            class is.", body = ClassStatus),
        (status = 400, description = "`bad_request`: JSON that does not parse, or not 1 to 64 \
            decisions.", body = Refusal),
        (status = 401, description = "`unauthorized`: the token is missing or not held (the \
            seat was rejoined elsewhere or removed).", body = Refusal),
        (status = 409, description = "`conflict`: `from` is not where the seat's record ends; \
            `recorded` says where it does.", body = Refusal),
        (status = 410, description = "`gone`: the class has ended.", body = Refusal),
        (status = 422, description = "`unprocessable`: a decision that does not replay on the \
            server's copy of the game (`recorded` says what it holds), or JSON that is not a \
            submission.", body = Refusal),
        (status = 425, description = "`too_early`: rounds, and a plan for a month not released \
            yet; wait for the release and send it again (`recorded` says what was kept: \
            nothing of this submission).", body = Refusal),
        JsonBody,
        Common,
    )
)]
async fn submit(
    State(state): Shared,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<ClassStatus>, ApiError> {
    let submission = crate::body::submission(body)?;
    let token = bearer(&headers);
    seat_request(&state, &addr, token, state.class.submit(token, submission))
        .await
        .map(Json)
}

/// What the server holds for this seat, and where the class is: the game polls it.
#[utoipa::path(
    get,
    path = "/api/status",
    tag = "trainee",
    security(("seat_token" = [])),
    responses(
        (status = 200, description = "The seat's record and the class's state.",
            body = ClassStatus),
        (status = 401, description = "`unauthorized`: the token is missing or not held (the \
            seat was rejoined elsewhere or removed).", body = Refusal),
        Common,
    )
)]
async fn status(
    State(state): Shared,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Json<ClassStatus>, ApiError> {
    let token = bearer(&headers);
    seat_request(&state, &addr, token, state.class.status(token))
        .await
        .map(Json)
}
