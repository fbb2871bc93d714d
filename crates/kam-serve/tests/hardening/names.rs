//! Finding 8, names: a trainee's name is stored in one canonical form, so two names that look
//! the same are the same name, and characters that make a name read as something else are
//! refused.

use serde_json::json;

use crate::harness::{Server, create};

#[test]
fn names_are_normalised_so_lookalikes_are_one_name() {
    let server = Server::start();
    let http = server.http();
    let session = create(&http, "tutorial", "free");
    let join = |name: &str| {
        http.post_json(
            "/api/join",
            None,
            &json!({ "code": session.code, "name": name }),
        )
    };
    // "é" written as e + a combining accent, with runs of spaces of several kinds.
    let answer = join("  Rene\u{301}\u{a0}\u{a0}  Lost\t Answer ");
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.json()["name"], "Ren\u{e9} Lost Answer");
    for lookalike in ["Ren\u{e9} Lost Answer", "ren\u{e9}   lost answer"] {
        let answer = join(lookalike);
        assert_eq!(answer.status, 409, "{lookalike:?}: {}", answer.body);
    }
}

#[test]
fn names_with_direction_or_control_characters_are_refused_and_change_nothing() {
    let server = Server::start();
    let http = server.http();
    let session = create(&http, "tutorial", "free");
    for name in [
        "Ann\u{202e}nimdA",
        "\u{2067}Ann",
        "Ann\u{200f}",
        "Ann\u{1b}[31m",
        "Ann\u{200b}Bo",
        "Ann\u{feff}",
    ] {
        let answer = http.post_json(
            "/api/join",
            None,
            &json!({ "code": session.code, "name": name }),
        );
        assert_eq!(answer.status, 400, "{name:?}: {}", answer.body);
        assert!(
            answer.json()["detail"]
                .as_str()
                .unwrap()
                .contains("character"),
            "{name:?}: the refusal says what is wrong: {}",
            answer.body
        );
    }
    assert_eq!(http.view(&session)["roster"].as_array().unwrap().len(), 0);
}
