//! Typed reading of restJson1 bodies.
//!
//! Generated deserializers parse a body once into a [`serde_json::Value`]
//! and read members through these helpers. Every mismatch becomes a
//! [`DeserializeError`] naming the member path and what was expected, never a
//! panic. Paths are `&'static str` chosen at generation time, so the happy
//! path allocates nothing for them.

use aws_smithy_types::date_time::Format;
use aws_smithy_types::{Blob, DateTime, Document, Number};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt;

/// A response body that does not fit the model.
#[derive(Debug)]
pub struct DeserializeError {
    path: &'static str,
    problem: Problem,
}

#[derive(Debug)]
enum Problem {
    Syntax(serde_json::Error),
    Expected(&'static str),
    Timestamp(String),
}

impl DeserializeError {
    fn expected(path: &'static str, what: &'static str) -> Self {
        Self {
            path,
            problem: Problem::Expected(what),
        }
    }

    /// The member path the problem was found at (`$` for the whole body).
    pub fn path(&self) -> &str {
        self.path
    }
}

impl fmt::Display for DeserializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            Problem::Syntax(e) => write!(f, "response body is not valid JSON: {e}"),
            Problem::Expected(what) => write!(f, "{}: expected {what}", self.path),
            Problem::Timestamp(e) => write!(f, "{}: invalid timestamp: {e}", self.path),
        }
    }
}

impl std::error::Error for DeserializeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.problem {
            Problem::Syntax(e) => Some(e),
            _ => None,
        }
    }
}

/// A value that does not have the shape the model gives it.
pub fn invalid(path: &'static str, expected: &'static str) -> DeserializeError {
    DeserializeError::expected(path, expected)
}

/// Parses a body; an empty body reads as an empty object, as restJson1
/// allows for operations whose output members are all optional.
pub fn parse(body: &[u8]) -> Result<Value, DeserializeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Map::new()));
    }
    serde_json::from_slice(body).map_err(|e| DeserializeError {
        path: "$",
        problem: Problem::Syntax(e),
    })
}

/// The value as an object.
pub fn object<'a>(
    v: &'a Value,
    path: &'static str,
) -> Result<&'a Map<String, Value>, DeserializeError> {
    v.as_object()
        .ok_or_else(|| DeserializeError::expected(path, "an object"))
}

/// The member `key` of `obj`, treating JSON `null` as absent.
pub fn member<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    obj.get(key).filter(|v| !v.is_null())
}

/// Whether `v` is an object with every one of `keys` set (not null): an
/// untagged union tries a structure variant only then.
pub fn has_members(v: &Value, keys: &[&str]) -> bool {
    v.as_object()
        .is_some_and(|obj| keys.iter().all(|k| member(obj, k).is_some()))
}

/// The value as an array.
pub fn array<'a>(v: &'a Value, path: &'static str) -> Result<&'a [Value], DeserializeError> {
    v.as_array()
        .map(Vec::as_slice)
        .ok_or_else(|| DeserializeError::expected(path, "an array"))
}

/// The value as a string.
pub fn string(v: &Value, path: &'static str) -> Result<String, DeserializeError> {
    v.as_str()
        .map(str::to_owned)
        .ok_or_else(|| DeserializeError::expected(path, "a string"))
}

/// The value as a boolean.
pub fn boolean(v: &Value, path: &'static str) -> Result<bool, DeserializeError> {
    v.as_bool()
        .ok_or_else(|| DeserializeError::expected(path, "a boolean"))
}

/// The value as an integer that fits `T` (byte, short, integer, long).
pub fn integer<T: TryFrom<i64>>(v: &Value, path: &'static str) -> Result<T, DeserializeError> {
    v.as_i64()
        .and_then(|n| T::try_from(n).ok())
        .ok_or_else(|| DeserializeError::expected(path, "an integer in range"))
}

/// The value as a float; restJson1 sends the non-finite values as the strings
/// `"NaN"`, `"Infinity"` and `"-Infinity"`.
pub fn float(v: &Value, path: &'static str) -> Result<f64, DeserializeError> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => match s.as_str() {
            "NaN" => Some(f64::NAN),
            "Infinity" => Some(f64::INFINITY),
            "-Infinity" => Some(f64::NEG_INFINITY),
            _ => None,
        },
        _ => None,
    }
    .ok_or_else(|| DeserializeError::expected(path, "a number"))
}

/// The value as a timestamp in `format` (`epoch-seconds` is a number; the
/// other two are strings).
pub fn timestamp(
    v: &Value,
    path: &'static str,
    format: Format,
) -> Result<DateTime, DeserializeError> {
    let bad = |e: String| DeserializeError {
        path,
        problem: Problem::Timestamp(e),
    };
    match (format, v) {
        (Format::EpochSeconds, Value::Number(n)) => n
            .as_f64()
            .map(DateTime::from_secs_f64)
            .ok_or_else(|| DeserializeError::expected(path, "epoch seconds")),
        (Format::EpochSeconds, Value::String(s)) => {
            DateTime::from_str(s, format).map_err(|e| bad(e.to_string()))
        }
        (_, Value::String(s)) => DateTime::from_str(s, crate::http::headers::lenient(format))
            .map_err(|e| bad(e.to_string())),
        _ => Err(DeserializeError::expected(path, "a timestamp")),
    }
}

/// The value as a base64-encoded blob.
pub fn blob(v: &Value, path: &'static str) -> Result<Blob, DeserializeError> {
    v.as_str()
        .and_then(|s| aws_smithy_types::base64::decode(s).ok())
        .map(Blob::new)
        .ok_or_else(|| DeserializeError::expected(path, "a base64 string"))
}

/// A document written in the model as JSON text (a `@default` value). The
/// generator wrote the text from parsed JSON, so it always parses; were it
/// not to, the document is null rather than a panic.
pub fn document_literal(text: &str) -> Document {
    serde_json::from_str::<Value>(text)
        .map(|v| document(&v))
        .unwrap_or(Document::Null)
}

/// The value as an untyped document.
pub fn document(v: &Value) -> Document {
    match v {
        Value::Null => Document::Null,
        Value::Bool(b) => Document::Bool(*b),
        Value::Number(n) => Document::Number(if let Some(u) = n.as_u64() {
            Number::PosInt(u)
        } else if let Some(i) = n.as_i64() {
            Number::NegInt(i)
        } else {
            Number::Float(n.as_f64().unwrap_or(f64::NAN))
        }),
        Value::String(s) => Document::String(s.clone()),
        Value::Array(a) => Document::Array(a.iter().map(document).collect()),
        Value::Object(o) => Document::Object(
            o.iter()
                .map(|(k, v)| (k.clone(), document(v)))
                .collect::<HashMap<_, _>>(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn mismatches_name_the_path() {
        let e = string(&json!(3), "Room.Name").unwrap_err();
        assert_eq!(e.to_string(), "Room.Name: expected a string");
        let e = integer::<i32>(&json!(1u64 << 40), "X.N").unwrap_err();
        assert_eq!(e.path(), "X.N");
    }

    #[test]
    fn has_members_wants_every_key_set() {
        assert!(has_members(&json!({"a": 1, "b": 2}), &["a", "b"]));
        assert!(!has_members(&json!({"a": 1, "b": null}), &["a", "b"]));
        assert!(!has_members(&json!(["a"]), &["a"]));
        assert!(has_members(&json!({}), &[]));
    }

    #[test]
    fn empty_body_is_an_empty_object_and_garbage_is_an_error() {
        assert_eq!(parse(b"  ").unwrap(), json!({}));
        assert!(parse(b"<html>")
            .unwrap_err()
            .to_string()
            .starts_with("response body is not valid JSON"));
    }

    #[test]
    fn timestamps_in_each_format() {
        let t = timestamp(&json!("2019-12-02T21:25:26Z"), "T", Format::DateTime).unwrap();
        assert_eq!(t.secs(), 1575321926);
        let t = timestamp(&json!(1575321926.5), "T", Format::EpochSeconds).unwrap();
        assert_eq!(t.subsec_nanos(), 500_000_000);
        assert!(timestamp(&json!("yesterday"), "T", Format::DateTime).is_err());
        assert!(float(&json!("NaN"), "F").unwrap().is_nan());
    }
}
