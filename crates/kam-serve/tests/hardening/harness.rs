//! A server in this process on a fresh database (a SQLite file, or a PostgreSQL schema of its
//! own), and plain HTTP calls to it as a browser, a script or the game would make them.

use std::sync::Arc;
use std::time::Duration;

/// A stand-in for kam-cli's class report (not a dependency of this crate): one line per seat.
struct NamesReport;

impl kam_serve::Reporter for NamesReport {
    fn report(&self, request: kam_serve::ReportRequest) -> kam_serve::ReportFiles {
        let names: Vec<&str> = request
            .records
            .iter()
            .map(|(file, _)| file.as_str())
            .collect();
        kam_serve::ReportFiles {
            html: format!("<p>{}</p>", names.join(", ")),
            csv: names.join("\r\n"),
        }
    }
}

/// A fresh, empty database for one server: a SQLite file in a temporary folder, or a schema of
/// its own in the PostgreSQL database `KAM_TEST_POSTGRES` names (dropped afterwards), so tests
/// running at once never see each other's classes (the retention test deletes what it finds).
pub struct Database {
    pub url: String,
    pub label: &'static str,
    _dir: Option<tempfile::TempDir>,
    schema: Option<(String, String)>,
}

impl Database {
    pub fn sqlite() -> Database {
        let dir = tempfile::tempdir().unwrap();
        Database {
            url: format!("sqlite://{}", dir.path().join("class.db").display()),
            label: "SQLite",
            _dir: Some(dir),
            schema: None,
        }
    }

    /// A new schema in the configured PostgreSQL database, if one is configured.
    pub fn postgres() -> Option<Database> {
        let base = std::env::var("KAM_TEST_POSTGRES")
            .ok()
            .filter(|u| !u.is_empty())?;
        let schema = format!(
            "hardening_{}",
            kam_sim::sha256_hex(&random_bytes())[..16].to_owned()
        );
        postgres_execute(&base, &format!("CREATE SCHEMA {schema}"));
        let separator = if base.contains('?') { '&' } else { '?' };
        Some(Database {
            url: format!("{base}{separator}options=-c%20search_path%3D{schema}"),
            label: "PostgreSQL",
            _dir: None,
            schema: Some((base, schema)),
        })
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Some((base, schema)) = &self.schema {
            postgres_execute(base, &format!("DROP SCHEMA {schema} CASCADE"));
        }
    }
}

fn random_bytes() -> Vec<u8> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "{nanos}-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    )
    .into_bytes()
}

fn postgres_execute(url: &str, statement: &str) {
    use sqlx::Connection;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut conn = sqlx::PgConnection::connect(url)
            .await
            .unwrap_or_else(|e| panic!("KAM_TEST_POSTGRES: {e}"));
        sqlx::query(sqlx::AssertSqlSafe(statement.to_owned()))
            .execute(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
        conn.close().await.ok();
    });
}

/// A server on each database the tests run on: SQLite, and PostgreSQL when configured. Used
/// where the database matters (stored hashes, joins at once, rounds, retention).
pub fn servers() -> Vec<Server> {
    servers_with(kam_serve::Tuning::default)
}

pub fn servers_with(tuning: impl Fn() -> kam_serve::Tuning) -> Vec<Server> {
    std::iter::once(Database::sqlite())
        .chain(Database::postgres())
        .map(|database| Server::start_on(database, tuning()))
        .collect()
}

pub struct Server {
    pub runtime: tokio::runtime::Runtime,
    running: Option<kam_serve::Running>,
    pub database: Database,
}

impl Server {
    /// Rate limits high enough for one test client to play a whole class.
    pub fn start() -> Server {
        Server::start_with(kam_serve::Tuning::default())
    }

    pub fn start_with(tuning: kam_serve::Tuning) -> Server {
        Server::start_on(Database::sqlite(), tuning)
    }

    pub fn start_on(database: Database, tuning: kam_serve::Tuning) -> Server {
        Server::start_serving(database, tuning, Arc::new(NamesReport))
    }

    fn start_serving(
        database: Database,
        tuning: kam_serve::Tuning,
        reporter: Arc<dyn kam_serve::Reporter>,
    ) -> Server {
        eprintln!("a server on {}", database.label);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let options = kam_serve::ServeOptions {
            db: Some(database.url.clone()),
            addr: "127.0.0.1:0".parse().unwrap(),
            data_dir: None,
            rate_per_address: 10_000.0,
            rate_per_seat: 1_000.0,
        };
        let running = runtime
            .block_on(kam_serve::start_tuned(&options, &tuning, Some(reporter)))
            .unwrap();
        Server {
            runtime,
            running: Some(running),
            database,
        }
    }

    pub fn addr(&self) -> std::net::SocketAddr {
        self.running.as_ref().unwrap().addr
    }

    pub fn base(&self) -> String {
        format!("http://{}", self.addr())
    }

    pub fn http(&self) -> Http {
        Http::to(&self.base())
    }

    /// The server's database, opened beside it (as an operator or a thief would read it).
    pub fn db(&self) -> kam_serve::db::Db {
        self.runtime
            .block_on(kam_serve::db::Db::open(&self.database.url))
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
    /// A client of the server at `base` (`http://ADDR`), one per thread when calls run at once.
    pub fn to(base: &str) -> Http {
        Http {
            base: base.to_owned(),
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(0)
                .timeout_global(Some(Duration::from_secs(30)))
                .build()
                .into(),
        }
    }

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

    /// The instructor's *Release the round* through the API (the first one starts the class).
    pub fn release(&self, session: &Session) {
        let path = format!("/api/sessions/{}/release", session.id);
        let auth = format!("Bearer {}", session.key);
        let answer = self.call("POST", &path, &[("Authorization", &auth)], "");
        assert_eq!(answer.status, 200, "{}", answer.body);
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

/// A class report that says what it was asked for: the language and the title (issue 21).
pub struct AskedReport;

impl kam_serve::Reporter for AskedReport {
    fn report(&self, request: kam_serve::ReportRequest) -> kam_serve::ReportFiles {
        let asked = format!("lang={:?} title={}", request.lang, request.title);
        kam_serve::ReportFiles {
            html: format!("<p>{asked}</p>"),
            csv: asked,
        }
    }
}

impl Server {
    /// A server on SQLite whose class report is `reporter`'s.
    pub fn start_reporting(reporter: Arc<dyn kam_serve::Reporter>) -> Server {
        Server::start_serving(Database::sqlite(), kam_serve::Tuning::default(), reporter)
    }
}

/// A class created through the API with `title`.
pub fn create_titled(http: &Http, scenario: &str, pacing: &str, title: &str) -> Session {
    let body =
        serde_json::json!({ "scenario": scenario, "seed": "7", "pacing": pacing, "title": title });
    let answer = http.post_json("/api/sessions", None, &body);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let v = answer.json();
    Session {
        id: v["id"].as_str().unwrap().to_owned(),
        code: v["code"].as_str().unwrap().to_owned(),
        key: v["secret"].as_str().unwrap().to_owned(),
    }
}
