//! A server in this process on a fresh SQLite file, and plain HTTP calls to it as a browser,
//! a script or the game would make them.

use std::sync::Arc;
use std::time::Duration;

/// A stand-in for kam-cli's class report (not a dependency of this crate): one line per seat.
struct NamesReport;

impl kam_serve::Reporter for NamesReport {
    fn report(
        &self,
        _scenario: Arc<kam_sim::engine::Prepared>,
        records: Vec<(String, kam_sim::record::GameRecord)>,
    ) -> kam_serve::ReportFiles {
        let names: Vec<&str> = records.iter().map(|(file, _)| file.as_str()).collect();
        kam_serve::ReportFiles {
            html: format!("<p>{}</p>", names.join(", ")),
            csv: names.join("\r\n"),
        }
    }
}

pub struct Server {
    pub runtime: tokio::runtime::Runtime,
    running: Option<kam_serve::Running>,
    pub database: String,
    _dir: tempfile::TempDir,
}

impl Server {
    /// Rate limits high enough for one test client to play a whole class.
    pub fn start() -> Server {
        Server::start_with(kam_serve::Tuning::default())
    }

    pub fn start_with(tuning: kam_serve::Tuning) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let database = format!("sqlite://{}", dir.path().join("class.db").display());
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let options = kam_serve::ServeOptions {
            db: Some(database.clone()),
            addr: "127.0.0.1:0".parse().unwrap(),
            data_dir: None,
            rate_per_address: 10_000.0,
            rate_per_seat: 1_000.0,
        };
        let running = runtime
            .block_on(kam_serve::start_tuned(
                &options,
                &tuning,
                Some(Arc::new(NamesReport)),
            ))
            .unwrap();
        Server {
            runtime,
            running: Some(running),
            database,
            _dir: dir,
        }
    }

    pub fn addr(&self) -> std::net::SocketAddr {
        self.running.as_ref().unwrap().addr
    }

    pub fn base(&self) -> String {
        format!("http://{}", self.addr())
    }

    pub fn http(&self) -> Http {
        Http {
            base: self.base(),
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .timeout_global(Some(Duration::from_secs(30)))
                .build()
                .into(),
        }
    }

    /// The server's database, opened beside it (as an operator or a thief would read it).
    pub fn db(&self) -> kam_serve::db::Db {
        self.runtime
            .block_on(kam_serve::db::Db::open(&self.database))
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            self.runtime.block_on(running.stop());
        }
    }
}

pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

pub struct Http {
    pub base: String,
    agent: ureq::Agent,
}

impl Http {
    /// A request with any headers (`Cookie`, `Origin`, `Authorization`, `Content-Type`…).
    pub fn call(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
        let url = format!("{}{path}", self.base);
        let mut builder = ureq::http::Request::builder().method(method).uri(&url);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let request = builder.body(body.to_owned()).unwrap();
        let mut response = self.agent.run(request).unwrap();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        Answer {
            status: response.status().as_u16(),
            headers,
            body: response.body_mut().read_to_string().unwrap_or_default(),
        }
    }

    pub fn post_json(&self, path: &str, bearer: Option<&str>, body: &serde_json::Value) -> Answer {
        let auth = bearer.map(|b| format!("Bearer {b}"));
        let mut headers = vec![("Content-Type", "application/json")];
        if let Some(auth) = &auth {
            headers.push(("Authorization", auth.as_str()));
        }
        self.call("POST", path, &headers, &body.to_string())
    }

    pub fn get(&self, path: &str, bearer: Option<&str>) -> Answer {
        let auth = bearer.map(|b| format!("Bearer {b}"));
        let headers: Vec<(&str, &str)> =
            auth.iter().map(|a| ("Authorization", a.as_str())).collect();
        self.call("GET", path, &headers, "")
    }

    /// The instructor's view of a session, through the API.
    pub fn view(&self, session: &Session) -> serde_json::Value {
        let answer = self.get(&format!("/api/sessions/{}", session.id), Some(&session.key));
        assert_eq!(answer.status, 200, "{}", answer.body);
        answer.json()
    }
}

pub struct Session {
    pub id: String,
    pub code: String,
    pub key: String,
}

impl Session {
    /// The cookie the instructor link sets in the browser.
    pub fn cookie(&self) -> String {
        format!("kam_key_{}={}", self.id, self.key)
    }
}

pub fn create(http: &Http, scenario: &str, pacing: &str) -> Session {
    let body = serde_json::json!({ "scenario": scenario, "seed": "7", "pacing": pacing });
    let answer = http.post_json("/api/sessions", None, &body);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let v = answer.json();
    Session {
        id: v["id"].as_str().unwrap().to_owned(),
        code: v["code"].as_str().unwrap().to_owned(),
        key: v["secret"].as_str().unwrap().to_owned(),
    }
}
