//! The API's request bodies, read as the protocol writes them and no other way.
//!
//! serde reads a struct from a JSON array of its fields as readily as from an object, so
//! `["K7QM3A", "Ann"]` would join a class and `{"Read": {"reading": [null, null], …}}` would be
//! recorded: forms the protocol (and its OpenAPI document) does not have, that no client
//! sends, and that would tie the server to its field order. A body must be an object, and
//! each decision must come in the shape it is written back in.

use axum::Json;
use axum::extract::{FromRequest, Request};
use kam_class::protocol::Submission;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::ApiError;

/// A JSON body that is an object, read into `T`. Refused as axum's `Json` refuses (415 without
/// the content type, 400 for JSON that does not parse, 413 over the limit), and with 422 for
/// anything but an object or an object that is not a `T`.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<ApiJson<T>, ApiError> {
        let Json(value) =
            Json::<Value>::from_request(request, state)
                .await
                .map_err(|rejection| {
                    ApiError::with_status(rejection.status(), rejection.body_text())
                })?;
        if !value.is_object() {
            return Err(ApiError::unprocessable(
                "the body must be a JSON object (docs/serve.md, \"The protocol\")",
            ));
        }
        T::deserialize(&value)
            .map(ApiJson)
            .map_err(|e| ApiError::unprocessable(format!("the body does not fit its call: {e}")))
    }
}

/// A submission whose every decision is written as the protocol writes it: checked against
/// the decision read back into JSON, so a struct sent as an array (or a list as an object) is
/// refused with 422. Fields left out and fields added are no concern of this check (the
/// decision's own reading decides those).
pub fn submission(value: Value) -> Result<Submission, ApiError> {
    let submission = Submission::deserialize(&value)
        .map_err(|e| ApiError::unprocessable(format!("the body does not fit its call: {e}")))?;
    let sent = value["decisions"].as_array().map_or(&[][..], Vec::as_slice);
    for (i, (sent, read)) in sent.iter().zip(&submission.decisions).enumerate() {
        let written = serde_json::to_value(read).map_err(|e| ApiError::internal(e.to_string()))?;
        if !same_shape(sent, &written) {
            return Err(ApiError::unprocessable(format!(
                "decision {} is not written as the protocol writes it: {}",
                submission.from + i + 1,
                written
            )));
        }
    }
    Ok(submission)
}

/// Whether `sent` has an object wherever `written` has one and an array wherever it has one.
fn same_shape(sent: &Value, written: &Value) -> bool {
    match written {
        Value::Object(fields) => sent.as_object().is_some_and(|sent| {
            fields
                .iter()
                .all(|(name, w)| sent.get(name).is_none_or(|s| same_shape(s, w)))
        }),
        Value::Array(items) => sent
            .as_array()
            .is_some_and(|sent| sent.iter().zip(items).all(|(s, w)| same_shape(s, w))),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_decision_is_taken_only_in_the_protocols_shape() {
        let read = |reading: Value| {
            json!({ "from": 0, "decisions": [{ "Read": {
                "account": 0, "stakeholder": 1, "reading": reading
            }}]})
        };
        assert!(submission(read(json!({ "style": "A" }))).is_ok());
        assert!(submission(read(json!({}))).is_ok());
        assert!(submission(read(json!([null, null]))).is_err());
        let plan = json!({ "from": 0, "decisions": [
            { "Plan": { "visits": [[0, 1, 2]], "resources": [] } }
        ]});
        assert!(submission(plan).is_err());
        let walk = json!({ "from": 3, "decisions": ["WalkAway", { "Offer": [0, 2] }] });
        assert_eq!(submission(walk).unwrap().decisions.len(), 2);
    }
}
