//! The published protocol (issue 20): the OpenAPI document at `/api/openapi.json` lists exactly
//! the routes the server serves, real answers fit its schemas, every refusal of the API is
//! `{error, detail}` JSON (axum's own included), and docs/serve.md shows the decisions and the
//! codes as they really are.

use std::collections::BTreeSet;

use kam_sim::Reading;
use kam_sim::scenario::{Need, Style};
use kam_sim::{Decision, Plan, ResourceUse, Visit};
use serde_json::{Value, json};

use crate::harness::{Answer, Http, Server, create};

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

fn document(http: &Http) -> Value {
    let answer = http.get("/api/openapi.json", None);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    let doc = answer.json();
    assert_eq!(doc["openapi"], "3.1.0", "an OpenAPI 3.1 document");
    doc
}

/// Every operation of the document: (method, path template).
fn operations(doc: &Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in METHODS {
            if item.get(method).is_some() {
                out.insert((method.to_owned(), path.clone()));
            }
        }
    }
    out
}

/// A schema of the document (`{"$ref": …}` or inline) as a JSON Schema of its own: the
/// document's components ride along, so its references resolve.
fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let mut root = schema.clone();
    root["components"] = doc["components"].clone();
    jsonschema::draft202012::new(&root).unwrap_or_else(|e| panic!("{e}: {schema}"))
}

fn assert_fits(doc: &Value, schema: &Value, instance: &Value, what: &str) {
    let validator = validator(doc, schema);
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not fit the document: {errors:?}\n{instance}"
    );
}

/// `answer` to `method path` is one the document lists, and its body fits the schema listed
/// for it.
fn assert_documented(doc: &Value, method: &str, path: &str, answer: &Answer) {
    let status = answer.status.to_string();
    let response = &doc["paths"][path][method]["responses"][&status];
    assert!(
        response.is_object(),
        "{method} {path} answered {status}, which the document does not list: {}",
        answer.body
    );
    match response["content"]["application/json"].get("schema") {
        Some(schema) => assert_fits(
            doc,
            schema,
            &answer.json(),
            &format!("{method} {path} {status}"),
        ),
        None => assert!(
            answer.body.is_empty(),
            "{method} {path} {status}: {}",
            answer.body
        ),
    }
}

/// A refusal is `{error, detail}` with the code of its status, and fits the `Refusal` schema.
fn assert_refusal(doc: &Value, answer: &Answer, status: u16, code: &str) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    let body = answer.json();
    assert_eq!(body["error"], code, "{body}");
    assert!(
        body["detail"].as_str().is_some_and(|d| !d.is_empty()),
        "a sentence for a person: {body}"
    );
    let refusal = json!({ "$ref": "#/components/schemas/Refusal" });
    assert_fits(doc, &refusal, &body, &format!("the {status} refusal"));
}

/// A concrete path for a template, in a session and seat that exist.
fn concrete(template: &str, id: &str) -> String {
    template.replace("{id}", id).replace("{seat}", "1")
}

#[test]
fn the_document_lists_exactly_the_routes_the_router_serves() {
    let server = Server::start();
    let http = server.http();
    let doc = document(&http);
    let session = create(&http, "tutorial", "rounds");
    let documented = operations(&doc);
    assert!(
        documented.iter().all(|(_, path)| path.starts_with("/api/")),
        "{documented:?}"
    );
    for (method, template) in &documented {
        // Without a key or token: what matters here is which route answers, not what it says.
        let path = concrete(template, &session.id);
        let answer = http.call(
            &method.to_uppercase(),
            &path,
            &[("Content-Type", "application/json")],
            if method == "post" { "{}" } else { "" },
        );
        assert_documented(&doc, method, template, &answer);
        // Every other method of the path is refused as the API refuses, with the methods it
        // takes.
        for other in METHODS {
            if documented.contains(&(other.to_owned(), template.clone())) {
                continue;
            }
            let answer = http.call(&other.to_uppercase(), &path, &[], "");
            assert_refusal(&doc, &answer, 405, "method_not_allowed");
            let allow = answer.header("allow").unwrap_or_default().to_lowercase();
            assert!(
                allow.contains(method.as_str()),
                "{other} {path}: Allow {allow}"
            );
        }
    }
    // The router matched each documented route by its template (the metrics name it so).
    let metrics = http.get("/metrics", None).body;
    for (_, template) in &documented {
        assert!(
            metrics.contains(&format!("route=\"{template}\"")),
            "{template} was not served as a route of its own:\n{metrics}"
        );
    }
    // And nothing else under /api is.
    for path in [
        "/api",
        "/api/",
        "/api/nothing",
        "/api/sessions/x/seats",
        "/api/sessions/x/seats/1",
        "/api/sessions/x/report.csv",
        "/api/join/again",
    ] {
        let answer = http.get(path, None);
        assert_refusal(&doc, &answer, 404, "not_found");
    }
    assert!(
        !metrics
            .lines()
            .filter(|l| l.contains("route=\"/api"))
            .any(|l| !documented
                .iter()
                .any(|(_, t)| l.contains(&format!("route=\"{t}\"")))),
        "a route under /api the document does not list:\n{metrics}"
    );
}

#[test]
fn real_answers_fit_the_documents_schemas() {
    let server = Server::start();
    let http = server.http();
    let doc = document(&http);

    let body = json!({ "scenario": "tutorial", "seed": "7", "pacing": "free" });
    let created = http.post_json("/api/sessions", None, &body);
    assert_documented(&doc, "post", "/api/sessions", &created);
    let created = created.json();
    let (id, code, key) = (
        created["id"].as_str().unwrap(),
        created["code"].as_str().unwrap(),
        created["secret"].as_str().unwrap(),
    );

    let join =
        json!({ "code": code, "name": "Mei Lin", "join_id": "d3b07384d113edec49eaa6238ad5ff00" });
    let joined = http.post_json("/api/join", None, &join);
    assert_documented(&doc, "post", "/api/join", &joined);
    let seat: kam_class::Seat = serde_json::from_str(&joined.body).unwrap();

    let status = http.get("/api/status", Some(&seat.token));
    assert_documented(&doc, "get", "/api/status", &status);

    // Two months of real play through the game's client: plans, answers, readings.
    let client = kam_class::Client::new(&http.base);
    kam_class::robot::play(&client, &seat, kam_sim::StrategyId::Expert, Some(2)).unwrap();

    // A resend of what is recorded: the seat's refusal, with where its record ends.
    let resend = json!({ "from": 0, "decisions": ["WalkAway"] });
    let refused = http.post_json("/api/submit", Some(&seat.token), &resend);
    assert_documented(&doc, "post", "/api/submit", &refused);
    assert_refusal(&doc, &refused, 409, "conflict");
    let recorded = refused.json()["recorded"].as_u64().unwrap();
    assert!(recorded > 2, "two months were recorded: {}", refused.body);
    // One that does not replay.
    let bad = json!({ "from": recorded, "decisions": [{ "Choose": 99 }] });
    let refused = http.post_json("/api/submit", Some(&seat.token), &bad);
    assert_documented(&doc, "post", "/api/submit", &refused);
    assert_refusal(&doc, &refused, 422, "unprocessable");

    // The rejoin carries the decisions the server holds, every kind the robot made.
    let rejoin = json!({ "code": code, "name": "Mei Lin", "rejoin": seat.rejoin });
    let rejoined = http.post_json("/api/rejoin", None, &rejoin);
    assert_documented(&doc, "post", "/api/rejoin", &rejoined);
    assert!(rejoined.json()["decisions"].as_array().unwrap().len() as u64 == recorded);

    let taken = http.post_json(
        "/api/join",
        None,
        &json!({ "code": code, "name": "mei  lin" }),
    );
    assert_documented(&doc, "post", "/api/join", &taken);
    assert_refusal(&doc, &taken, 409, "name_taken");

    let view = http.get(&format!("/api/sessions/{id}"), Some(key));
    assert_documented(&doc, "get", "/api/sessions/{id}", &view);
    let forbidden = http.get(&format!("/api/sessions/{id}"), Some("not-the-key"));
    assert_documented(&doc, "get", "/api/sessions/{id}", &forbidden);
    assert_refusal(&doc, &forbidden, 403, "forbidden");
    let excused = http.post_json(
        &format!("/api/sessions/{id}/seats/1/excuse"),
        Some(key),
        &json!({}),
    );
    assert_documented(
        &doc,
        "post",
        "/api/sessions/{id}/seats/{seat}/excuse",
        &excused,
    );
    assert_eq!(excused.status, 204);
    let no_seat = http.post_json(
        &format!("/api/sessions/{id}/seats/9/remove"),
        Some(key),
        &json!({}),
    );
    assert_refusal(&doc, &no_seat, 404, "not_found");
    let ended = http.post_json(&format!("/api/sessions/{id}/end"), Some(key), &json!({}));
    assert_documented(&doc, "post", "/api/sessions/{id}/end", &ended);
    let after = http.post_json("/api/join", None, &json!({ "code": code, "name": "Ann" }));
    assert_documented(&doc, "post", "/api/join", &after);
    assert_refusal(&doc, &after, 410, "gone");
    let unknown = http.get("/api/status", Some("no-such-token"));
    assert_documented(&doc, "get", "/api/status", &unknown);
    assert_refusal(&doc, &unknown, 401, "unauthorized");
}

#[test]
fn axums_own_refusals_on_the_api_are_json_and_pages_keep_theirs() {
    let server = Server::start();
    let http = server.http();
    let doc = document(&http);
    let session = create(&http, "tutorial", "free");
    let json_type = [("Content-Type", "application/json")];
    let join = |headers: &[(&str, &str)], body: &str| {
        let answer = http.call("POST", "/api/join", headers, body);
        assert_documented(&doc, "post", "/api/join", &answer);
        answer
    };
    // Not JSON at all; JSON without its content type; JSON of the wrong shape.
    assert_refusal(&doc, &join(&json_type, "{"), 400, "bad_request");
    let body = json!({ "code": session.code, "name": "Ann" }).to_string();
    assert_refusal(&doc, &join(&[], &body), 415, "unsupported_media_type");
    assert_refusal(
        &doc,
        &join(&json_type, r#"{"code": 7}"#),
        422,
        "unprocessable",
    );
    // The fields of a join as an array, which serde alone would take.
    let as_array = json!([session.code, "Ann"]).to_string();
    assert_refusal(&doc, &join(&json_type, &as_array), 422, "unprocessable");
    // A seat number that is not a number.
    let path = format!("/api/sessions/{}/seats/first/excuse", session.id);
    let answer = http.call("POST", &path, &[("Authorization", "Bearer x")], "");
    assert_refusal(&doc, &answer, 400, "bad_request");
    // A 401 names the scheme that would be accepted.
    let answer = http.get("/api/status", None);
    assert_refusal(&doc, &answer, 401, "unauthorized");
    assert_eq!(answer.header("www-authenticate"), Some("Bearer"));
    // The browser's pages keep their own answers.
    let page = http.get(&format!("/i/{}", session.id), None);
    assert_eq!(page.status, 403);
    assert!(page.body.contains("Not possible (403)"), "{}", page.body);
    let page = http.get("/no-such-page", None);
    assert_eq!(page.status, 404);
    assert_ne!(page.header("content-type"), Some("application/json"));
}

/// One decision of each kind, as the game sends it. docs/serve.md shows these same lines.
fn one_of_each_decision() -> Vec<Decision> {
    vec![
        Decision::Plan(Plan {
            visits: vec![Visit {
                account: kam_sim::AccountId(0),
                stakeholder: kam_sim::MemberId(1),
                approach: kam_sim::ApproachId(2),
            }],
            resources: vec![ResourceUse {
                account: kam_sim::AccountId(0),
                resource: kam_sim::ResourceId(0),
                units: 1,
            }],
        }),
        Decision::Choose(1),
        Decision::Offer(vec![0, 2]),
        Decision::WalkAway,
        Decision::Read {
            account: kam_sim::AccountId(0),
            stakeholder: kam_sim::MemberId(1),
            reading: Reading {
                style: Some(Style::A),
                need: Some(Need::Security),
            },
        },
    ]
}

fn serve_md() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/serve.md");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn every_kind_of_decision_fits_the_document_and_is_shown_in_docs_serve_md() {
    let server = Server::start();
    let doc = document(&server.http());
    let schema = json!({ "$ref": "#/components/schemas/Decision" });
    let docs = serve_md();
    for decision in one_of_each_decision() {
        let text = serde_json::to_string(&decision).unwrap();
        assert_fits(&doc, &schema, &serde_json::from_str(&text).unwrap(), &text);
        assert!(docs.contains(&text), "docs/serve.md does not show {text}");
    }
    // A reading may leave either guess out, as kam-sim reads it.
    let partial = json!({ "Read": { "account": 0, "stakeholder": 1, "reading": {} } });
    assert!(serde_json::from_value::<Decision>(partial.clone()).is_ok());
    assert_fits(&doc, &schema, &partial, "a reading with nothing read");
}

#[test]
fn every_refusal_code_is_explained_in_docs_serve_md() {
    let server = Server::start();
    let doc = document(&server.http());
    let codes = doc
        .pointer("/components/schemas/Refusal/properties/error/enum")
        .and_then(Value::as_array)
        .expect("the document lists the codes");
    let docs = serve_md();
    for code in codes {
        let code = code.as_str().unwrap();
        assert!(
            docs.contains(&format!("`{code}`")),
            "docs/serve.md does not explain {code}"
        );
    }
}
