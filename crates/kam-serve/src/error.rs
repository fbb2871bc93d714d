//! Refusals: every error the server answers with, as a status, a short code a program can
//! act on and a sentence a person can (JSON for the API, a page for the browser).

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kam_class::protocol::Refusal;

use kam_sim::Diagnostic;

use crate::words::{Lang, Said, Say};

/// One kind of refusal: its status, its code (`Refusal`'s `error` on the wire), and what it
/// means, as the OpenAPI document and docs/serve.md say.
pub struct Kind {
    pub status: u16,
    pub code: &'static str,
    pub meaning: &'static str,
}

/// Every kind of refusal the API answers with: one code per status, and `name_taken` where a
/// program has reason to tell one 409 from the others (the game asks for another name).
pub const KINDS: &[Kind] = &[
    Kind {
        status: 400,
        code: "bad_request",
        meaning: "The request is malformed (JSON that does not parse, a path parameter of the \
            wrong type) or a value is out of range; `detail` says which.",
    },
    Kind {
        status: 401,
        code: "unauthorized",
        meaning: "The seat token is missing or not held by the server (the seat was taken up \
            on another computer with its rejoin code, or removed by the instructor), or an \
            instructor's request carries no key at all.",
    },
    Kind {
        status: 403,
        code: "forbidden",
        meaning: "The instructor key is wrong (the same answer as for a session that does \
            not exist), a change came from another site, or a rejoin's name and rejoin code \
            do not match a seat.",
    },
    Kind {
        status: 404,
        code: "not_found",
        meaning: "No class has that join code, no such seat in the class, or no such API \
            route.",
    },
    Kind {
        status: 405,
        code: "method_not_allowed",
        meaning: "The route does not take that method (the `Allow` header lists those it \
            takes).",
    },
    Kind {
        status: 408,
        code: "request_timeout",
        meaning: "The request's body did not arrive, and the answer was not ready, within \
            30 s; send it again.",
    },
    Kind {
        status: 409,
        code: "conflict",
        meaning: "The request clashes with what the server holds: a submission that does not \
            start where the seat's record ends (`recorded` says where it does), or a full \
            class.",
    },
    Kind {
        status: 409,
        code: "name_taken",
        meaning: "Someone in the class has that name already (names are compared in NFC, \
            ignoring case and runs of spaces): choose another, or rejoin with the rejoin code.",
    },
    Kind {
        status: 410,
        code: "gone",
        meaning: "The class has ended: nothing more is joined or recorded.",
    },
    Kind {
        status: 413,
        code: "payload_too_large",
        meaning: "The body is (or is announced as) larger than 1 MiB.",
    },
    Kind {
        status: 415,
        code: "unsupported_media_type",
        meaning: "A JSON body without `Content-Type: application/json`.",
    },
    Kind {
        status: 422,
        code: "unprocessable",
        meaning: "Well-formed JSON that cannot be used: a field missing or of the wrong type, \
            a scenario that does not load (the `FILE:LINE:COL` errors of `kam validate`), or \
            a decision that does not replay on the server's copy of the game.",
    },
    Kind {
        status: 425,
        code: "too_early",
        meaning: "Rounds: the plan is for a month the instructor has not released yet; wait \
            for the release (poll `GET /api/status`) and send it again.",
    },
    Kind {
        status: 429,
        code: "too_many_requests",
        meaning: "A rate limit: per client address, per seat, class creation per address, or \
            seat requests from an address that sent many unknown tokens; wait a moment.",
    },
    Kind {
        status: 500,
        code: "internal",
        meaning: "A fault of the server's (logged there); not the request's.",
    },
    Kind {
        status: 503,
        code: "unavailable",
        meaning: "The class database is not answering, or two writes clashed; try again in a \
            moment.",
    },
];

/// The code of a refusal with `status`: the first of [`KINDS`] with it. A status none has
/// (none of the server's own, but a layer could make one) gets the nearest general one, so
/// every answer has the same shape.
pub fn code_for(status: StatusCode) -> &'static str {
    match KINDS.iter().find(|k| k.status == status.as_u16()) {
        Some(kind) => kind.code,
        None if status.is_server_error() => "internal",
        None => "bad_request",
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    /// What kind of refusal, for programs (one of [`KINDS`]' codes).
    pub code: &'static str,
    pub message: String,
    /// For a seat's refusals: how many decisions the server holds, so the game resumes there.
    pub recorded: Option<usize>,
    /// Made from a database error: counted in `kam_serve_database_errors_total`.
    pub from_database: bool,
    /// The refusal as a page says it, in the page's language (its English is `message`).
    pub said: Option<Said>,
    /// A scenario that does not load: its errors, for a page to give in its language.
    pub scenario_errors: Vec<Diagnostic>,
}

/// What a refusal says: a sentence of the API's own (English, for programs), or a sentence of
/// the catalogue, which a page puts in its language and the API in English.
pub struct Detail {
    message: String,
    said: Option<Said>,
}

impl From<&str> for Detail {
    fn from(message: &str) -> Detail {
        Detail {
            message: message.to_owned(),
            said: None,
        }
    }
}

impl From<String> for Detail {
    fn from(message: String) -> Detail {
        Detail {
            message,
            said: None,
        }
    }
}

impl From<Said> for Detail {
    fn from(said: Said) -> Detail {
        Detail {
            message: said.in_lang(Lang::En),
            said: Some(said),
        }
    }
}

impl From<Say> for Detail {
    fn from(key: Say) -> Detail {
        Detail::from(Said::new(key))
    }
}

impl ApiError {
    fn new(status: StatusCode, detail: impl Into<Detail>) -> ApiError {
        let detail = detail.into();
        ApiError {
            status,
            code: code_for(status),
            message: detail.message,
            recorded: None,
            from_database: false,
            said: detail.said,
            scenario_errors: Vec::new(),
        }
    }

    /// A scenario that does not load, with its errors (`FILE:LINE:COL: …` each).
    pub fn scenario_errors(diagnostics: Vec<Diagnostic>) -> ApiError {
        let english: Vec<String> = diagnostics.iter().map(|d| d.render(Lang::En)).collect();
        ApiError {
            scenario_errors: diagnostics,
            ..ApiError::unprocessable(Said::with(Say::ScenarioErrors, &[&english.join("\n")]))
        }
    }

    /// A scenario's errors in `lang`, a line each (`FILE:LINE:COL: …`), if that is the refusal.
    pub fn scenario_errors_in(&self, lang: Lang) -> Option<String> {
        (!self.scenario_errors.is_empty()).then(|| {
            let errors: Vec<String> = self
                .scenario_errors
                .iter()
                .map(|d| d.render(lang))
                .collect();
            errors.join("\n")
        })
    }

    /// What a page says of this refusal in `lang`: its own sentence if it has one; else, in
    /// English, the API's detail, and in Chinese what its status means.
    pub fn page_text(&self, lang: Lang) -> String {
        if let Some(errors) = self.scenario_errors_in(lang) {
            return format!("{}\n{errors}", Say::ScenarioErrorsLead.t(lang));
        }
        match (&self.said, lang) {
            (Some(said), _) => said.in_lang(lang),
            (None, Lang::En) if !self.message.is_empty() => self.message.clone(),
            (None, _) => crate::words::refused(self.status.as_u16())
                .t(lang)
                .to_owned(),
        }
    }

    /// A refusal with a status made elsewhere (axum's own rejections).
    pub fn with_status(status: StatusCode, m: impl Into<Detail>) -> ApiError {
        ApiError::new(status, m)
    }

    pub fn with_recorded(mut self, recorded: usize) -> ApiError {
        self.recorded = Some(recorded);
        self
    }

    pub fn bad_request(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, m)
    }
    pub fn unauthorized(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, m)
    }
    pub fn forbidden(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, m)
    }
    pub fn not_found(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, m)
    }
    pub fn conflict(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, m)
    }
    /// A join with a name someone in the class has: a conflict the game tells apart (it asks
    /// for another name).
    pub fn name_taken(m: impl Into<Detail>) -> ApiError {
        ApiError {
            code: "name_taken",
            ..ApiError::conflict(m)
        }
    }
    pub fn gone(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::GONE, m)
    }
    pub fn unprocessable(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, m)
    }
    /// Rounds: the month is not open yet (the game waits and tries again).
    pub fn too_early(m: impl Into<Detail>) -> ApiError {
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
    pub fn too_many_of(m: impl Into<Detail>) -> ApiError {
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
        ApiError::new(StatusCode::TOO_MANY_REQUESTS, Say::TooMany)
    }
    pub fn unavailable(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, m)
    }
    pub fn internal(m: impl Into<Detail>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, m)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> ApiError {
        // The database's own words stay in the server's log, not in the answer.
        tracing::error!(error = %e, "database error");
        let mut error = ApiError::unavailable(Say::DatabaseDown);
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
        let mut response = (
            self.status,
            Json(Refusal {
                code: self.code.to_owned(),
                error: self.message.clone(),
                recorded: self.recorded,
            }),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            // What HTTP asks of a 401: the scheme that would be accepted.
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        self.mark(response)
    }
}
