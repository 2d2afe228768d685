//! A JSON extractor whose rejection is our [`ApiError`], so a malformed body gets our error
//! body rather than axum's plain text.
//!
//! Two kinds of wrong input are told apart (fault 9 of issue 12):
//! - a value of the wrong type where text belongs (`"model": 5`, `"notes": null`) is something
//!   the customer's client can fix field by field, so it gets the same `422` problem list as a
//!   broken rule, with the field's path (`servers[0].model`) in `field`;
//! - a body of the wrong shape (not an object at the top, an object where a list belongs or the
//!   other way round) is not a request at all: `400 malformed_body`. serde's derived structs
//!   accept a JSON array in place of an object (fields by position), so `[]` or
//!   `"contact": []` would silently become an empty request; [`first_array_for_object`] refuses
//!   that.

use axum::extract::{FromRequest, Request};
use axum::Json;
use fwportal_core::i18n::Bilingual;
use fwportal_core::problem::{Problem, ProblemCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::error::ApiError;

pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned + Serialize,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Json(value) = Json::<Value>::from_request(req, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::BodyTooLarge
                } else {
                    ApiError::MalformedBody(rejection.body_text())
                }
            })?;
        decode(&value).map(ApiJson)
    }
}

/// At most this many type problems are listed; the rest are found once these are fixed.
const MAX_TYPE_PROBLEMS: usize = 20;

/// Turns a parsed JSON document into `T`, with the errors described in the module comment.
/// serde stops at the first error, so each wrong-typed text value is replaced by `""` in a copy
/// and the copy decoded again: the customer gets every such field at once (up to
/// [`MAX_TYPE_PROBLEMS`]), and the shape check still runs on the rest of the body.
pub fn decode<T: DeserializeOwned + Serialize>(value: &Value) -> Result<T, ApiError> {
    if !value.is_object() {
        return Err(ApiError::MalformedBody(
            "the body must be a JSON object".to_owned(),
        ));
    }
    let mut patched: Option<Value> = None;
    let mut problems = Vec::new();
    loop {
        let current = patched.as_ref().unwrap_or(value);
        let error = match serde_path_to_error::deserialize::<_, T>(current) {
            Ok(decoded) => {
                let again = serde_json::to_value(&decoded).map_err(ApiError::internal)?;
                if let Some(path) = first_array_for_object(current, &again, "") {
                    let at = if path.is_empty() { "." } else { &path };
                    return Err(ApiError::MalformedBody(format!(
                        "{at}: invalid type: sequence, expected an object"
                    )));
                }
                return if problems.is_empty() {
                    Ok(decoded)
                } else {
                    Err(ApiError::Invalid(problems))
                };
            }
            Err(error) => error,
        };
        let detail = error.inner().to_string();
        // serde words every type error as "invalid type: …, expected …"; only a non-text value
        // where text belongs is a field problem, the rest is the wrong shape.
        if !detail.contains("expected a string") {
            return Err(ApiError::MalformedBody(format!(
                "{}: {detail}",
                error.path()
            )));
        }
        problems.push(Problem::new(
            error.path().to_string(),
            ProblemCode::InvalidType,
            Bilingual::new(
                "文字列で入力してください（数値・true/false・null は受け付けません）。",
                "Send this value as text (a number, true/false or null is not accepted).",
            ),
        ));
        let target = patched.get_or_insert_with(|| value.clone());
        if problems.len() >= MAX_TYPE_PROBLEMS || !replace_at(target, error.path(), "".into()) {
            return Err(ApiError::Invalid(problems));
        }
    }
}

/// Replaces the value at `path` in `value`; false when the path does not lead to one.
fn replace_at(value: &mut Value, path: &serde_path_to_error::Path, with: Value) -> bool {
    let mut node = value;
    for segment in path.iter() {
        let next = match segment {
            serde_path_to_error::Segment::Seq { index } => node.get_mut(*index),
            serde_path_to_error::Segment::Map { key } => node.get_mut(key.as_str()),
            _ => None,
        };
        match next {
            Some(next) => node = next,
            None => return false,
        }
    }
    *node = with;
    true
}

/// The path of the first place where `input` holds an array and the decoded value (`output`,
/// serialised again) an object: serde filled a struct from a list there.
fn first_array_for_object(input: &Value, output: &Value, path: &str) -> Option<String> {
    match (input, output) {
        (Value::Array(_), Value::Object(_)) => Some(path.to_owned()),
        (Value::Object(fields), Value::Object(decoded)) => {
            fields.iter().find_map(|(key, value)| {
                let inner = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                decoded
                    .get(key)
                    .and_then(|decoded| first_array_for_object(value, decoded, &inner))
            })
        }
        (Value::Array(items), Value::Array(decoded)) => items
            .iter()
            .zip(decoded)
            .enumerate()
            .find_map(|(index, (item, decoded))| {
                first_array_for_object(item, decoded, &format!("{path}[{index}]"))
            }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use fwportal_core::request::RequestDraft;
    use serde_json::json;

    use super::*;

    fn outcome(value: Value) -> Result<RequestDraft, ApiError> {
        decode::<RequestDraft>(&value)
    }

    #[test]
    fn a_number_where_text_belongs_is_a_field_problem_with_its_path() {
        let error = outcome(json!({"servers": [{"model": 5}]})).unwrap_err();
        let ApiError::Invalid(problems) = error else {
            panic!("expected 422, got {error:?}");
        };
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, "servers[0].model");
        assert_eq!(problems[0].code, ProblemCode::InvalidType);
        assert!(!problems[0].message_ja.is_empty() && !problems[0].message_en.is_empty());
    }

    #[test]
    fn null_and_booleans_in_lists_of_text_are_field_problems() {
        for (body, field) in [
            (json!({"notes": null}), "notes"),
            (
                json!({"acknowledgements": ["R12", true]}),
                "acknowledgements[1]",
            ),
            (json!({"contract": {"number": 1234}}), "contract.number"),
        ] {
            match outcome(body) {
                Err(ApiError::Invalid(problems)) => assert_eq!(problems[0].field, field),
                other => panic!("{field}: {other:?}"),
            }
        }
    }

    #[test]
    fn every_wrong_typed_text_value_is_listed() {
        let error =
            outcome(json!({"notes": 1, "contact": {"name": false, "email": 2}})).unwrap_err();
        let ApiError::Invalid(problems) = error else {
            panic!("expected 422, got {error:?}");
        };
        let mut fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["contact.email", "contact.name", "notes"]);
    }

    #[test]
    fn a_text_problem_inside_a_list_standing_for_an_object_is_still_malformed() {
        // serde reports `contract[0]`; the list itself is the fault.
        assert!(matches!(
            outcome(json!({"contract": [5]})),
            Err(ApiError::MalformedBody(_))
        ));
    }

    #[test]
    fn arrays_where_objects_belong_are_malformed_not_empty() {
        for body in [
            json!([]),
            json!([1, 2]),
            json!("text"),
            json!({"contact": []}),
            json!({"contract": ["PC-1"]}),
            json!({"servers": [[]]}),
            json!({"servers": [{"firmware": [[]]}]}),
            json!({"contact": 5}),
            json!({"servers": "none"}),
        ] {
            assert!(
                matches!(outcome(body.clone()), Err(ApiError::MalformedBody(_))),
                "{body}"
            );
        }
    }

    #[test]
    fn objects_and_empty_lists_where_they_belong_pass() {
        let draft = outcome(json!({"contact": {"name": "山田"}, "servers": [], "x": [1]})).unwrap();
        assert_eq!(draft.contact.name, "山田");
    }
}
