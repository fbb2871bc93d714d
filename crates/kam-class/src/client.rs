//! Blocking HTTP calls to a class server, one function per endpoint of the protocol.
//!
//! Blocking on purpose: the game calls these from a background thread ([`crate::Link`]), and
//! an async runtime in the game would buy nothing but build time.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::protocol::{ClassStatus, JoinRequest, Refusal, RejoinRequest, Seat, Submission};

/// Why a call did not get its answer.
#[derive(Debug, Clone, PartialEq)]
pub enum CallError {
    /// The server could not be reached (or did not answer in time): worth retrying.
    Unreachable(String),
    /// The server answered with a refusal: retrying the same call will not help.
    Refused { status: u16, refusal: Refusal },
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CallError::Unreachable(why) => write!(f, "the class server cannot be reached: {why}"),
            CallError::Refused { refusal, .. } => write!(f, "{}", refusal.error),
        }
    }
}

impl std::error::Error for CallError {}

/// A class server at one address.
#[derive(Clone)]
pub struct Client {
    base: String,
    agent: ureq::Agent,
}

impl Client {
    /// `address` as a trainee types it: `host:port`, with or without `http://`.
    pub fn new(address: &str) -> Client {
        let address = address.trim().trim_end_matches('/');
        let base = if address.contains("://") {
            address.to_owned()
        } else {
            format!("http://{address}")
        };
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(10)))
            .http_status_as_error(false)
            .build()
            .into();
        Client { base, agent }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn join(&self, code: &str, name: &str) -> Result<Seat, CallError> {
        let request = JoinRequest {
            code: code.trim().to_owned(),
            name: name.trim().to_owned(),
        };
        self.post("/api/join", None, &request)
    }

    pub fn rejoin(&self, code: &str, name: &str, rejoin: &str) -> Result<Seat, CallError> {
        let request = RejoinRequest {
            code: code.trim().to_owned(),
            name: name.trim().to_owned(),
            rejoin: rejoin.trim().to_owned(),
        };
        self.post("/api/rejoin", None, &request)
    }

    pub fn submit(&self, token: &str, submission: &Submission) -> Result<ClassStatus, CallError> {
        self.post("/api/submit", Some(token), submission)
    }

    pub fn status(&self, token: &str) -> Result<ClassStatus, CallError> {
        let url = format!("{}/api/status", self.base);
        let response = self
            .agent
            .get(&url)
            .header("Authorization", &format!("Bearer {token}"))
            .call();
        answer(response)
    }

    fn post<T: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        token: Option<&str>,
        body: &T,
    ) -> Result<R, CallError> {
        let url = format!("{}{path}", self.base);
        let body = serde_json::to_string(body)
            .map_err(|e| CallError::Unreachable(format!("cannot encode the request: {e}")))?;
        let mut request = self
            .agent
            .post(&url)
            .header("Content-Type", "application/json");
        if let Some(token) = token {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        answer(request.send(body))
    }
}

fn answer<R: DeserializeOwned>(
    response: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<R, CallError> {
    let mut response = response.map_err(|e| CallError::Unreachable(e.to_string()))?;
    let status = response.status().as_u16();
    let text = response
        .body_mut()
        .read_to_string()
        .map_err(|e| CallError::Unreachable(format!("the answer was cut off: {e}")))?;
    if (200..300).contains(&status) {
        serde_json::from_str(&text)
            .map_err(|e| CallError::Unreachable(format!("the answer is not a class server's: {e}")))
    } else if status >= 500 || status == 429 || status == 425 {
        // The server's own trouble, a rate limit, or a round not open yet: worth retrying
        // later.
        Err(CallError::Unreachable(format!(
            "the server answered {status}: {}",
            refusal(&text).error
        )))
    } else {
        Err(CallError::Refused {
            status,
            refusal: refusal(&text),
        })
    }
}

fn refusal(text: &str) -> Refusal {
    serde_json::from_str(text).unwrap_or_else(|_| Refusal {
        error: text.chars().take(200).collect(),
        recorded: None,
    })
}
