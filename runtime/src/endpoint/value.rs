//! Values of the rules language: what parameters hold, functions return and
//! endpoint properties are made of.

use aws_smithy_types::{Document, Number};
use std::collections::{BTreeMap, HashMap};

/// A value of the rules language.
///
/// Parameters are strings, booleans or string arrays; functions also return
/// records (`aws.partition`, `parseURL`, `aws.parseArn`), and literals may be
/// integers (`substring`'s bounds) or records (endpoint properties). An unset
/// value is `None` of an `Option<Value>`, never a variant here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// An integer literal.
    Integer(i64),
    /// An array (a `stringArray` parameter, or a list in properties).
    Array(Vec<Value>),
    /// A record, keys in order.
    Object(BTreeMap<String, Value>),
}

impl Value {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The fields, if this is a record.
    pub fn as_object(&self) -> Option<&BTreeMap<String, Value>> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The name of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::Bool(_) => "boolean",
            Value::Integer(_) => "integer",
            Value::Array(_) => "array",
            Value::Object(_) => "record",
        }
    }

    /// Reads a JSON value: `null` is unset (`Ok(None)`); a number that is not
    /// an integer is an error, as the rules language has none.
    pub fn from_json(json: &serde_json::Value) -> Result<Option<Value>, String> {
        Ok(Some(match json {
            serde_json::Value::Null => return Ok(None),
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::String(s) => Value::String(s.clone()),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Value::Integer(i),
                None => return Err(format!("number {n} is not an integer of 64 bits")),
            },
            serde_json::Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| Value::from_json(item)?.ok_or_else(|| "null in an array".into()))
                    .collect::<Result<_, String>>()?,
            ),
            serde_json::Value::Object(fields) => {
                let mut map = BTreeMap::new();
                for (k, v) in fields {
                    if let Some(v) = Value::from_json(v)? {
                        map.insert(k.clone(), v);
                    }
                }
                Value::Object(map)
            }
        }))
    }

    /// The value as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Integer(i) => serde_json::Value::Number((*i).into()),
            Value::Array(a) => serde_json::Value::Array(a.iter().map(Value::to_json).collect()),
            Value::Object(o) => {
                serde_json::Value::Object(o.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
            }
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<Vec<String>> for Value {
    fn from(items: Vec<String>) -> Self {
        Value::Array(items.into_iter().map(Value::String).collect())
    }
}

impl Value {
    /// Reads a [`Document`] (an endpoint property as the smithy-rs runtime
    /// holds it): `null` is unset; a fractional number is an error.
    pub fn from_document(doc: &Document) -> Result<Option<Value>, String> {
        Ok(Some(match doc {
            Document::Null => return Ok(None),
            Document::Bool(b) => Value::Bool(*b),
            Document::String(s) => Value::String(s.clone()),
            Document::Number(Number::PosInt(u)) => Value::Integer(
                i64::try_from(*u)
                    .map_err(|_| format!("number {u} is not an integer of 64 bits"))?,
            ),
            Document::Number(Number::NegInt(i)) => Value::Integer(*i),
            Document::Number(Number::Float(f)) => {
                return Err(format!("number {f} is not an integer"))
            }
            Document::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| {
                        Value::from_document(item)?.ok_or_else(|| "null in an array".into())
                    })
                    .collect::<Result<_, String>>()?,
            ),
            Document::Object(fields) => {
                let mut map = BTreeMap::new();
                for (k, v) in fields {
                    if let Some(v) = Value::from_document(v)? {
                        map.insert(k.clone(), v);
                    }
                }
                Value::Object(map)
            }
        }))
    }
}

/// Endpoint properties reach the smithy-rs runtime as [`Document`]s (the
/// runtime reads `authSchemes` from them for SigV4 signing).
impl From<&Value> for Document {
    fn from(value: &Value) -> Self {
        match value {
            Value::String(s) => Document::String(s.clone()),
            Value::Bool(b) => Document::Bool(*b),
            Value::Integer(i) => Document::Number(match u64::try_from(*i) {
                Ok(u) => Number::PosInt(u),
                Err(_) => Number::NegInt(*i),
            }),
            Value::Array(a) => Document::Array(a.iter().map(Document::from).collect()),
            Value::Object(o) => Document::Object(
                o.iter()
                    .map(|(k, v)| (k.clone(), Document::from(v)))
                    .collect::<HashMap<_, _>>(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip() {
        let json = serde_json::json!({"a": [true, "x", 3], "b": {"c": -1}});
        let value = Value::from_json(&json).unwrap().unwrap();
        assert_eq!(value.to_json(), json);
        assert_eq!(Value::from_json(&serde_json::Value::Null), Ok(None));
        assert!(Value::from_json(&serde_json::json!(1.5)).is_err());
        assert!(Value::from_json(&serde_json::json!([null])).is_err());
    }

    #[test]
    fn documents() {
        let value = Value::from_json(&serde_json::json!({"n": 2, "m": -2, "s": "x"}))
            .unwrap()
            .unwrap();
        let Document::Object(doc) = Document::from(&value) else {
            panic!("not an object")
        };
        assert_eq!(doc["n"], Document::Number(Number::PosInt(2)));
        assert_eq!(doc["m"], Document::Number(Number::NegInt(-2)));
        assert_eq!(doc["s"], Document::String("x".into()));
        let back = Value::from_document(&Document::Object(doc))
            .unwrap()
            .unwrap();
        assert_eq!(back, value);
        assert_eq!(Value::from_document(&Document::Null), Ok(None));
        assert!(Value::from_document(&Document::Number(Number::Float(0.5))).is_err());
    }
}
