//! Refusals: every error the server answers with, as a status and a sentence a person can
//! act on (JSON for the API, a page for the browser).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kam_class::protocol::Refusal;

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// For a seat's refusals: how many decisions the server holds, so the game resumes there.
    pub recorded: Option<usize>,
    /// Made from a database error: counted in `kam_serve_database_errors_total`.
    pub from_database: bool,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            recorded: None,
            from_database: false,
        }
    }

    pub fn with_recorded(mut self, recorded: usize) -> ApiError {
        self.recorded = Some(recorded);
        self
    }

    pub fn bad_request(m: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, m)
    }
    pub fn unauthorized(m: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, m)
    }
    pub fn forbidden(m: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, m)
    }
    pub fn not_found(m: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, m)
    }
    pub fn conflict(m: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, m)
    }
    pub fn gone(m: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::GONE, m)
    }
    pub fn unprocessable(m: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, m)
    }
    /// Rounds: the month is not open yet (the game waits and tries again).
    pub fn too_early(m: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::TOO_EARLY, m)
    }
    pub fn new_too_large() -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the body is larger than {} KiB",
                crate::limits::MAX_BODY_BYTES / 1024
            ),
        )
    }
    /// Too many of one kind of request (says which).
    pub fn too_many_of(m: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::TOO_MANY_REQUESTS, m)
    }
    /// A request (its body, mostly) that took longer than the server waits.
    pub fn too_slow() -> ApiError {
        ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "the request took too long to arrive; send it again",
        )
    }
    pub fn too_many() -> ApiError {
        ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too many requests from this client; wait a moment",
        )
    }
    pub fn unavailable(m: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, m)
    }
    pub fn internal(m: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, m)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> ApiError {
        // The database's own words stay in the server's log, not in the answer.
        tracing::error!(error = %e, "database error");
        let mut error =
            ApiError::unavailable("the class database is not answering; try again in a moment");
        error.from_database = true;
        error
    }
}

impl ApiError {
    /// Marks `response` as answering this error, so the request metrics count a database
    /// error (the error is made where no server state is at hand).
    pub fn mark(&self, mut response: Response) -> Response {
        if self.from_database {
            response
                .extensions_mut()
                .insert(crate::observe::DatabaseFailed);
        }
        response
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let response = (
            self.status,
            Json(Refusal {
                error: self.message.clone(),
                recorded: self.recorded,
            }),
        )
            .into_response();
        self.mark(response)
    }
}
