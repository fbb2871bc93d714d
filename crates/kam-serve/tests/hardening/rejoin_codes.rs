//! Finding 4: a leaked database must not give the rejoin codes back. What is stored is a
//! salted, slow hash, not SHA-256 of the code, and the code still takes the seat back.

use serde_json::json;

use crate::harness::{create, servers};

#[test]
fn the_stored_rejoin_hash_is_salted_and_slow_and_the_code_still_works() {
    for server in servers() {
        let http = server.http();
        let session = create(&http, "tutorial", "free");
        let mut stored = Vec::new();
        for name in ["Ann", "Bo"] {
            let seat = http
                .post_json(
                    "/api/join",
                    None,
                    &json!({ "code": session.code, "name": name }),
                )
                .json();
            let code = seat["rejoin"].as_str().unwrap().to_owned();
            let db = server.db();
            let (_, hash) = server
                .runtime
                .block_on(db.seat_by_name(&session.id, name))
                .unwrap()
                .unwrap();
            assert_ne!(hash, kam_sim::sha256_hex(code.as_bytes()));
            assert!(hash.starts_with("$argon2id$"), "{hash}");
            assert!(!hash.contains(&code), "{hash}");
            stored.push(hash);
            let rejoin =
                json!({ "code": session.code, "name": name, "rejoin": code.to_lowercase() });
            let answer = http.post_json("/api/rejoin", None, &rejoin);
            assert_eq!(answer.status, 200, "{}", answer.body);
            let wrong = json!({ "code": session.code, "name": name, "rejoin": "XXXXXXXX" });
            assert_eq!(http.post_json("/api/rejoin", None, &wrong).status, 403);
        }
        // Salted: the same parameters, different salts.
        let salt = |h: &str| h.rsplit('$').nth(1).unwrap().to_owned();
        assert_ne!(salt(&stored[0]), salt(&stored[1]));
    }
}

/// A seat from before Argon2 (its rejoin code stored as plain SHA-256) still rejoins, and its
/// hash is replaced by a salted, slow one on that first use.
#[test]
fn an_old_sha256_rejoin_hash_still_works_and_is_rehashed_on_use() {
    for server in servers() {
        let http = server.http();
        let session = create(&http, "tutorial", "free");
        let seat = http
            .post_json(
                "/api/join",
                None,
                &json!({ "code": session.code, "name": "Ann" }),
            )
            .json();
        let code = seat["rejoin"].as_str().unwrap().to_owned();
        let db = server.db();
        let stored = |db: &kam_serve::db::Db| {
            server
                .runtime
                .block_on(db.seat_by_name(&session.id, "Ann"))
                .unwrap()
                .unwrap()
                .1
        };
        let legacy = kam_sim::sha256_hex(code.as_bytes());
        server
            .runtime
            .block_on(db.rehash_rejoin(&session.id, 1, &stored(&db), &legacy))
            .unwrap();
        assert_eq!(stored(&db), legacy);
        let rejoin = json!({ "code": session.code, "name": "Ann", "rejoin": code });
        let answer = http.post_json("/api/rejoin", None, &rejoin);
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert!(stored(&db).starts_with("$argon2id$"), "{}", stored(&db));
        assert_eq!(http.post_json("/api/rejoin", None, &rejoin).status, 200);
    }
}
