//! The API's OpenAPI document, served at `GET /api/openapi.json`.
//!
//! Its paths come from the same declarations that put the routes in the router
//! ([`crate::http::api`]: each handler's `#[utoipa::path]`), and its schemas from the types the
//! handlers read and answer with, so the document says what the server does. What no handler
//! declares is added here: the title, the two bearer schemes, and the refusals every route of
//! a kind may answer with, described from [`crate::error::KINDS`].

use std::collections::BTreeMap;
use std::sync::LazyLock;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use utoipa::IntoResponses;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{
    ContentBuilder, InfoBuilder, Ref, RefOr, ResponseBuilder, response::Response as Answer,
};

use crate::error::KINDS;

/// The security scheme of a trainee's calls, the seat's token, as the handlers'
/// `security(...)` name it (their attributes take only a literal).
const SEAT_TOKEN: &str = "seat_token";
/// The security scheme of the instructor's calls, the session's key (named as above).
const INSTRUCTOR_KEY: &str = "instructor_key";

/// The document as served: made once (it is the same for every server in the process).
pub fn document() -> &'static str {
    static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
        // Serialising a tree of strings, maps and numbers cannot fail.
        serde_json::to_string(&document_value()).expect("the OpenAPI document serialises")
    });
    &DOCUMENT
}

/// `GET /api/openapi.json`.
pub async fn serve() -> Response {
    let mut response = document().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn document_value() -> serde_json::Value {
    let mut doc = crate::http::api().into_openapi();
    doc.info = InfoBuilder::new()
        .title("kam serve: a live class of kam-trainer")
        .version(env!("CARGO_PKG_VERSION"))
        .description(Some(
            "The JSON API between the game (kam-class) and `kam serve`, and the instructor's \
             API. Every refusal is `{\"error\": CODE, \"detail\": SENTENCE}` (with `recorded` \
             on a seat's refusals). docs/serve.md (\"The protocol\") explains the order of the \
             calls and the decisions.",
        ))
        .build();
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        SEAT_TOKEN,
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some(
                    "The seat's `token` from `POST /api/join` or `POST /api/rejoin`. A rejoin \
                     gives a new one, and the old one stops working (401).",
                ))
                .build(),
        ),
    );
    components.add_security_scheme(
        INSTRUCTOR_KEY,
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some(
                    "The session's key, the `secret` `POST /api/sessions` answers with (the \
                     dashboard's browser sends it in a cookie instead). A request that changes \
                     something and carries an `Origin` or `Sec-Fetch-Site` header must come \
                     from this server's own origin.",
                ))
                .build(),
        ),
    );
    let mut value = serde_json::to_value(&doc).expect("the OpenAPI document serialises");
    // The codes a refusal may carry, from the one table the server answers from.
    let mut codes: Vec<&str> = KINDS.iter().map(|k| k.code).collect();
    codes.dedup();
    if let Some(code) = value.pointer_mut("/components/schemas/Refusal/properties/error") {
        code["enum"] = serde_json::json!(codes);
    }
    value
}

/// One refusal status as a response: what it means, and the [`kam_class::protocol::Refusal`]
/// body.
fn refusal(status: u16) -> RefOr<Answer> {
    let meaning: Vec<String> = KINDS
        .iter()
        .filter(|k| k.status == status)
        .map(|k| format!("`{}`: {}", k.code, k.meaning))
        .collect();
    described_refusal(&meaning.join(" "))
}

/// A refusal with the [`kam_class::protocol::Refusal`] body, described as a route needs.
fn described_refusal(description: &str) -> RefOr<Answer> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Refusal")))
                .build(),
        )
        .build()
        .into()
}

fn refusals(statuses: &[u16]) -> BTreeMap<String, RefOr<Answer>> {
    statuses
        .iter()
        .map(|&status| (status.to_string(), refusal(status)))
        .collect()
}

/// Refusals any route of the API may answer with, beside its own: a body announced over the
/// limit, a rate limit, a fault, the database not answering.
pub struct Common;

impl IntoResponses for Common {
    fn responses() -> BTreeMap<String, RefOr<Answer>> {
        refusals(&[413, 429, 500, 503])
    }
}

/// Refusals of a route that reads a JSON body, beside its own 400 and 422: too slow to
/// arrive, not labelled JSON.
pub struct JsonBody;

impl IntoResponses for JsonBody {
    fn responses() -> BTreeMap<String, RefOr<Answer>> {
        refusals(&[408, 415])
    }
}

/// The refusal of a `POST` without a body: it too must be answered within the deadline.
pub struct Posted;

impl IntoResponses for Posted {
    fn responses() -> BTreeMap<String, RefOr<Answer>> {
        refusals(&[408])
    }
}

/// What the instructor's three seat actions (excuse, take the excuse back, remove) answer:
/// one list for the three routes, beside [`Posted`] and [`Common`].
pub struct SeatActed;

impl IntoResponses for SeatActed {
    fn responses() -> BTreeMap<String, RefOr<Answer>> {
        let done = ResponseBuilder::new()
            .description("Done (the round is released if that seat was all that held it).")
            .build();
        let mut out = BTreeMap::from([("204".to_owned(), done.into())]);
        for (status, description) in [
            (
                400,
                "`bad_request`: a seat number that is not a whole number.",
            ),
            (401, "`unauthorized`: no key at all."),
            (
                403,
                "`forbidden`: the key is wrong (or there is no such session), or the request \
                 came from another site.",
            ),
            (
                404,
                "`not_found`: no such seat in this class (or an id that makes no route).",
            ),
            (410, "`gone`: the class has ended."),
        ] {
            out.insert(status.to_string(), described_refusal(description));
        }
        out
    }
}

/// The one refusal the document itself may get: a body announced over the limit.
pub struct Oversized;

impl IntoResponses for Oversized {
    fn responses() -> BTreeMap<String, RefOr<Answer>> {
        refusals(&[413])
    }
}
