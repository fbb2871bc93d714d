//! Blocking HTTP calls to a class server, one function per endpoint of the protocol.
//!
//! Blocking on purpose: the game calls these from a background thread ([`crate::Link`]), and
//! an async runtime in the game would buy nothing but build time.

use std::time::{Duration, Instant};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::protocol::{ClassStatus, JoinRequest, Refusal, RejoinRequest, Seat, Submission};

/// How long one call waits for its answer.
const CALL_TIMEOUT: Duration = Duration::from_secs(10);
/// How long connecting may take. Past it the request was never sent, so a join is not resent:
/// that would only keep the trainee waiting longer (a classroom LAN connects in milliseconds).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a join keeps resending, all sends together, before the trainee is told. A server
/// answers a join in well under a second even when a whole class joins at once, so a send that
/// gets no answer in [`JOIN_SEND_TIMEOUT`] has most likely lost it, and is sent again.
const JOIN_PATIENCE: Duration = Duration::from_secs(20);
const JOIN_SEND_TIMEOUT: Duration = Duration::from_secs(8);
/// The pause before the first resend of a join; it doubles with each resend.
const JOIN_FIRST_PAUSE: Duration = Duration::from_millis(500);

/// Why a call did not get its answer.
#[derive(Debug, Clone, PartialEq)]
pub enum CallError {
    /// The server could not be reached, did not answer in time, or asked to be asked again
    /// later (408, 425, 429, 5xx): worth retrying.
    Unreachable(String),
    /// The server answered with a refusal: retrying the same call will not help.
    Refused { status: u16, refusal: Refusal },
    /// The server no longer holds this game's seat (401 to a seat's call): the instructor
    /// removed it, or it was taken up on another computer with its rejoin code (the server
    /// answers both alike). Nothing this game sends will be recorded again.
    SeatGone,
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CallError::Unreachable(why) => write!(f, "the class server cannot be reached: {why}"),
            CallError::Refused { refusal, .. } => write!(f, "{}", refusal.error),
            CallError::SeatGone => write!(
                f,
                "this game's seat is no longer in the class: the instructor removed it, or it \
                 was taken up on another computer with its rejoin code"
            ),
        }
    }
}

impl std::error::Error for CallError {}

/// One join as the trainee asked for it. Its join id is chosen once, here, and sent with every
/// resend of this join, so the server knows a resent join from someone else taking the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinAttempt {
    code: String,
    name: String,
    join_id: String,
}

impl JoinAttempt {
    pub fn new(code: &str, name: &str) -> JoinAttempt {
        JoinAttempt {
            code: code.trim().to_owned(),
            name: name.trim().to_owned(),
            join_id: random_join_id(),
        }
    }

    /// 32 hex digits (128 random bits), the form docs/serve.md asks of a join id.
    pub fn join_id(&self) -> &str {
        &self.join_id
    }

    fn request(&self) -> JoinRequest {
        JoinRequest {
            code: self.code.clone(),
            name: self.name.clone(),
            join_id: Some(self.join_id.clone()),
        }
    }
}

/// From the operating system's generator: with the name, a join id takes back a seat that has
/// not played yet, so it must not be guessable.
fn random_join_id() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system's random generator works");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

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
            .timeout_global(Some(CALL_TIMEOUT))
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .http_status_as_error(false)
            .build()
            .into();
        Client { base, agent }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// Takes a seat, resending the join (with the same join id) while its answer may have been
    /// lost, for up to [`JOIN_PATIENCE`]. The seat's `name` is the name as the server stored it
    /// (normalised), which is the one to show and to rejoin with.
    pub fn join(&self, code: &str, name: &str) -> Result<Seat, CallError> {
        self.join_resending(&JoinAttempt::new(code, name))
    }

    /// [`Client::join`] for an attempt the caller keeps, so that it can send the same join
    /// again later (a trainee pressing Join again after a timeout) and still get its seat.
    pub fn join_resending(&self, attempt: &JoinAttempt) -> Result<Seat, CallError> {
        let deadline = Instant::now() + JOIN_PATIENCE;
        let mut pause = JOIN_FIRST_PAUSE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let failure = match self.send_join_within(attempt, left.min(JOIN_SEND_TIMEOUT)) {
                Ok(seat) => return Ok(seat),
                Err(failure) => failure,
            };
            match failure {
                // The answer may be lost, or the server asked for a pause: the same join again
                // (same join id) gets the seat the first one took, if it took one.
                Failure::MayHaveArrived(_) if left > pause + Duration::from_secs(1) => {
                    std::thread::sleep(pause);
                    pause *= 2;
                }
                failure => return Err(failure.into()),
            }
        }
    }

    /// Sends `attempt` once.
    pub fn send_join(&self, attempt: &JoinAttempt) -> Result<Seat, CallError> {
        self.send_join_within(attempt, JOIN_SEND_TIMEOUT)
            .map_err(CallError::from)
    }

    fn send_join_within(&self, attempt: &JoinAttempt, timeout: Duration) -> Result<Seat, Failure> {
        let body = serde_json::to_string(&attempt.request())
            .map_err(|e| Failure::Final(CallError::Unreachable(e.to_string())))?;
        let response = self
            .agent
            .post(format!("{}/api/join", self.base))
            .config()
            .timeout_global(Some(timeout))
            .build()
            .header("Content-Type", "application/json")
            .send(body);
        exchange(response)
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
        exchange(response).map_err(CallError::from)
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
        exchange(request.send(body)).map_err(CallError::from)
    }
}

/// How a call failed, finer than [`CallError`]: whether the request may have reached the
/// server decides whether a join is sent again.
#[derive(Debug)]
enum Failure {
    /// The request never left this computer (refused connection, unknown host, no route):
    /// sending it again at once would fail the same way.
    NotSent(String),
    /// The request may have been acted on without its answer arriving (a timeout, a cut
    /// connection, 408), or the server asked to be asked later (425, 429, 5xx).
    MayHaveArrived(String),
    /// An answer that sending again will not change.
    Final(CallError),
}

impl From<Failure> for CallError {
    fn from(failure: Failure) -> CallError {
        match failure {
            Failure::NotSent(why) | Failure::MayHaveArrived(why) => CallError::Unreachable(why),
            Failure::Final(e) => e,
        }
    }
}

fn exchange<R: DeserializeOwned>(
    response: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<R, Failure> {
    let mut response = response.map_err(transport_failure)?;
    let status = response.status().as_u16();
    let text = response
        .body_mut()
        .read_to_string()
        .map_err(|e| Failure::MayHaveArrived(format!("the answer was cut off: {e}")))?;
    if (200..300).contains(&status) {
        serde_json::from_str(&text).map_err(|e| {
            Failure::Final(CallError::Unreachable(format!(
                "the answer is not a class server's: {e}"
            )))
        })
    } else if status >= 500 || matches!(status, 408 | 425 | 429) {
        // The server's own trouble, a request that took too long to arrive, a rate limit, or a
        // round not open yet: worth sending again later.
        Err(Failure::MayHaveArrived(format!(
            "the server answered {status}: {}",
            refusal(&text).error
        )))
    } else if status == 401 {
        Err(Failure::Final(CallError::SeatGone))
    } else {
        Err(Failure::Final(CallError::Refused {
            status,
            refusal: refusal(&text),
        }))
    }
}

fn transport_failure(error: ureq::Error) -> Failure {
    use std::io::ErrorKind;
    let never_sent = match &error {
        ureq::Error::Io(e) => matches!(
            e.kind(),
            ErrorKind::ConnectionRefused
                | ErrorKind::AddrNotAvailable
                | ErrorKind::HostUnreachable
                | ErrorKind::NetworkUnreachable
                | ErrorKind::NotFound
        ),
        ureq::Error::Timeout(which) => {
            matches!(which, ureq::Timeout::Connect | ureq::Timeout::Resolve)
        }
        ureq::Error::HostNotFound
        | ureq::Error::BadUri(_)
        | ureq::Error::ConnectionFailed
        | ureq::Error::Http(_)
        | ureq::Error::InvalidProxyUrl => true,
        _ => false,
    };
    if never_sent {
        Failure::NotSent(error.to_string())
    } else {
        Failure::MayHaveArrived(error.to_string())
    }
}

/// A refusal's body: `{error: CODE, detail: SENTENCE, recorded?}`; from a server older than
/// the codes, `{error: SENTENCE, recorded?}` (no code); or, from something that is not a class
/// server (a proxy's error page), its first words as the sentence.
fn refusal(text: &str) -> Refusal {
    #[derive(serde::Deserialize)]
    struct Older {
        error: String,
        #[serde(default)]
        recorded: Option<usize>,
    }
    if let Ok(refusal) = serde_json::from_str::<Refusal>(text) {
        return refusal;
    }
    match serde_json::from_str::<Older>(text) {
        Ok(older) => Refusal {
            code: String::new(),
            error: older.error,
            recorded: older.recorded,
        },
        Err(_) => Refusal {
            code: String::new(),
            error: text.chars().take(200).collect(),
            recorded: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;

    use super::*;
    use crate::protocol::Pacing;

    /// A server that answers each join with the next of `answers` (status, body) and hands
    /// back the join ids it was sent.
    fn scripted_server(
        answers: Vec<(u16, String)>,
    ) -> (String, std::thread::JoinHandle<Vec<String>>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap().to_string();
        let served = std::thread::spawn(move || {
            let mut join_ids = Vec::new();
            for (status, body) in answers {
                let (stream, _) = listener.accept().unwrap();
                let mut reader = BufReader::new(stream);
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    if line.trim().is_empty() {
                        break;
                    }
                    if let Some((name, value)) = line.split_once(':')
                        && name.eq_ignore_ascii_case("content-length")
                    {
                        length = value.trim().parse().unwrap();
                    }
                }
                let mut request = vec![0; length];
                reader.read_exact(&mut request).unwrap();
                let request: serde_json::Value = serde_json::from_slice(&request).unwrap();
                join_ids.push(request["join_id"].as_str().unwrap_or_default().to_owned());
                let answer = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                reader.get_mut().write_all(answer.as_bytes()).unwrap();
            }
            join_ids
        });
        (address, served)
    }

    fn a_seat() -> String {
        serde_json::to_string(&Seat {
            token: "t".into(),
            rejoin: "ABCD3467".into(),
            name: "Mei Lin".into(),
            scenario: String::new(),
            scenario_hash: String::new(),
            seed: 7,
            pacing: Pacing::Free,
            show_scores: false,
            coach: true,
            difficulty: None,
            decisions: Vec::new(),
            status: ClassStatus {
                recorded: 0,
                released: 0,
                ended: false,
            },
        })
        .unwrap()
    }

    #[test]
    fn a_join_answered_408_or_429_is_sent_again_with_the_same_join_id() {
        let later =
            |code: &str, why: &str| serde_json::json!({ "error": code, "detail": why }).to_string();
        let (address, served) = scripted_server(vec![
            (
                408,
                later(
                    "request_timeout",
                    "the request took too long to arrive; send it again",
                ),
            ),
            (
                429,
                later(
                    "too_many_requests",
                    "too many requests from this client; wait a moment",
                ),
            ),
            (200, a_seat()),
        ]);
        let seat = Client::new(&address).join("K7QM3A", "Mei Lin").unwrap();
        assert_eq!(seat.name, "Mei Lin");
        let join_ids = served.join().unwrap();
        assert_eq!(join_ids.len(), 3);
        assert!(join_ids[0].len() == 32, "a join id was sent: {join_ids:?}");
        assert!(
            join_ids.iter().all(|id| *id == join_ids[0]),
            "one join id for every send of the join: {join_ids:?}"
        );
    }

    #[test]
    fn a_refused_join_is_not_sent_again_and_shows_the_servers_sentence() {
        let taken = serde_json::json!({
            "error": "name_taken",
            "detail": "someone called Mei Lin has joined already",
        });
        let (address, served) = scripted_server(vec![(409, taken.to_string())]);
        let refused = Client::new(&address).join("K7QM3A", "Mei Lin");
        let Err(CallError::Refused {
            status: 409,
            refusal,
        }) = &refused
        else {
            panic!("{refused:?}");
        };
        assert_eq!(refusal.code, "name_taken");
        assert_eq!(
            refused.unwrap_err().to_string(),
            "someone called Mei Lin has joined already"
        );
        assert_eq!(served.join().unwrap().len(), 1);
    }

    #[test]
    fn a_refusal_from_a_server_older_than_the_codes_still_reads() {
        let older =
            refusal(r#"{"error": "decisions from number 3 already recorded", "recorded": 2}"#);
        assert_eq!(older.error, "decisions from number 3 already recorded");
        assert_eq!((older.code.as_str(), older.recorded), ("", Some(2)));
        let current = refusal(
            r#"{"error": "conflict", "detail": "decisions from number 3 already recorded", "recorded": 2}"#,
        );
        assert_eq!(
            (
                current.code.as_str(),
                current.error.as_str(),
                current.recorded
            ),
            (
                "conflict",
                "decisions from number 3 already recorded",
                Some(2)
            )
        );
    }

    #[test]
    fn a_401_to_a_seat_call_is_the_seat_gone() {
        let unknown = serde_json::json!({
            "error": "unauthorized",
            "detail": "this game's class seat is not known here",
        });
        let (address, _served) = scripted_server(vec![(401, unknown.to_string())]);
        let client = Client::new(&address);
        // The scripted server reads a JSON body; a submission has one.
        let gone = client.submit(
            "dead-token",
            &Submission {
                from: 0,
                decisions: Vec::new(),
            },
        );
        assert_eq!(gone, Err(CallError::SeatGone));
    }
}
