//! Values as the model types them: read from the wire and checked against
//! the model's constraints, made up to satisfy them, and written back to
//! the wire.
//!
//! Between the wire and the fake, a value is JSON keyed by model member
//! names ("model form"): timestamps are epoch seconds, blobs base64 text,
//! enums their values. Scripted outputs are written in the same form.

use super::model::{Member, Shape, Ty, UnionRepr};
use super::sample::sample;
use super::Prepared;
use aws_smithy_types::DateTime;
use serde_json::{Map, Value};

/// How the members of a structure are keyed in the JSON at hand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Keys {
    /// By JSON name (`@jsonName`), as on the wire.
    Json,
    /// By model name, as the fake keeps values.
    Model,
}

impl Keys {
    fn of(self, m: &Member) -> &str {
        match self {
            Keys::Json => m.json_name(),
            Keys::Model => &m.name,
        }
    }
}

/// Reads values of the model's types, collecting every violated constraint
/// as a message that names the member and never the value (a value may be
/// `@sensitive`).
pub(crate) struct Checker<'a> {
    cx: &'a Prepared,
    /// How nested structures are keyed.
    nested: Keys,
    pub(crate) violations: Vec<String>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(cx: &'a Prepared, nested: Keys) -> Self {
        Checker {
            cx,
            nested,
            violations: Vec::new(),
        }
    }

    fn violation(&mut self, path: &str, what: impl std::fmt::Display) {
        self.violations.push(format!("{path} {what}"));
    }

    /// Reads the members of a structure from `obj` (keyed as `keys` says)
    /// into model form: members it does not know are left out, a missing
    /// `@required` member without a default is a violation.
    pub(crate) fn structure(
        &mut self,
        members: &[Member],
        obj: &Map<String, Value>,
        path: &str,
        keys: Keys,
    ) -> Map<String, Value> {
        let mut out = Map::new();
        for m in members {
            let path = format!("{path}.{}", m.name);
            match obj.get(keys.of(m)) {
                None | Some(Value::Null) => {
                    if m.required && !m.has_default && !m.ty.is_stream() {
                        self.violation(&path, "is required but not set");
                    }
                }
                Some(v) => {
                    if let Some(v) = self.member(m, v, &path) {
                        out.insert(m.name.clone(), v);
                    }
                }
            }
        }
        out
    }

    /// Reads a member's value and checks its constraints.
    pub(crate) fn member(&mut self, m: &Member, v: &Value, path: &str) -> Option<Value> {
        let v = self.value(&m.ty, v, path)?;
        if m.binding == super::model::Binding::Label && v.as_str() == Some("") {
            self.violation(path, "must not be empty (it is bound to the URI path)");
        }
        if let Some((min, max)) = m.length {
            let len = match (&m.ty, &v) {
                (Ty::Blob, Value::String(s)) => {
                    aws_smithy_types::base64::decode(s).ok().map(|b| b.len())
                }
                (_, Value::String(s)) => Some(s.chars().count()),
                (_, Value::Array(a)) => Some(a.len()),
                (_, Value::Object(o)) => Some(o.len()),
                _ => None,
            };
            if let Some(len) = len.map(|n| n as u64) {
                if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
                    let what = match (min, max) {
                        (Some(a), Some(b)) => format!("must have a length between {a} and {b}"),
                        (Some(a), None) => format!("must have a length of at least {a}"),
                        (None, Some(b)) => format!("must have a length of at most {b}"),
                        (None, None) => String::new(),
                    };
                    self.violation(path, what);
                }
            }
        }
        if let Some((min, max)) = m.range {
            if let Some(n) = v.as_f64() {
                if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                    let (a, b) = (min.map(number), max.map(number));
                    let what = match (a, b) {
                        (Some(a), Some(b)) => format!("must be between {a} and {b}"),
                        (Some(a), None) => format!("must be at least {a}"),
                        (None, Some(b)) => format!("must be at most {b}"),
                        (None, None) => String::new(),
                    };
                    self.violation(path, what);
                }
            }
        }
        if let (Some(p), Value::String(s)) = (&m.pattern, &v) {
            if let Some(compiled) = self.cx.patterns.get(p) {
                if !compiled.is_match(s) {
                    self.violation(path, format_args!("must match the pattern `{p}`"));
                }
            }
        }
        Some(v)
    }

    /// Reads a value of `ty` into model form; `None` (and a violation)
    /// where it is not one.
    pub(crate) fn value(&mut self, ty: &Ty, v: &Value, path: &str) -> Option<Value> {
        let int = |v: &Value, min: i64, max: i64| {
            v.as_i64()
                .filter(|n| (min..=max).contains(n))
                .map(Value::from)
        };
        let read = match ty {
            Ty::String => v.as_str().map(Value::from),
            Ty::Boolean => v.as_bool().map(Value::from),
            Ty::Byte => int(v, i8::MIN.into(), i8::MAX.into()),
            Ty::Short => int(v, i16::MIN.into(), i16::MAX.into()),
            Ty::Integer => int(v, i32::MIN.into(), i32::MAX.into()),
            Ty::Long => v.as_i64().map(Value::from),
            Ty::Float | Ty::Double => match v {
                Value::Number(_) => Some(v.clone()),
                Value::String(s) if matches!(s.as_str(), "NaN" | "Infinity" | "-Infinity") => {
                    Some(v.clone())
                }
                _ => None,
            },
            Ty::Timestamp(format) => match v {
                Value::Number(n) => n.as_f64().map(Value::from),
                Value::String(s) => read_time(s, format.smithy()).map(Value::from),
                _ => None,
            },
            Ty::Blob | Ty::Stream => v
                .as_str()
                .filter(|s| aws_smithy_types::base64::decode(s).is_ok())
                .map(Value::from),
            Ty::Document => Some(v.clone()),
            Ty::Unit => Some(Value::Object(Map::new())),
            Ty::Optional(inner) => match v {
                Value::Null => Some(Value::Null),
                v => return self.value(inner, v, path),
            },
            Ty::List(item) => {
                let Value::Array(items) = v else {
                    self.violation(path, "must be a list");
                    return None;
                };
                let mut out = Vec::with_capacity(items.len());
                for (i, x) in items.iter().enumerate() {
                    let path = format!("{path}[{i}]");
                    if x.is_null() && !matches!(**item, Ty::Optional(_)) {
                        self.violation(&path, "must not be null (the list is not sparse)");
                        continue;
                    }
                    out.extend(self.value(item, x, &path));
                }
                return Some(Value::Array(out));
            }
            Ty::Map(item) => {
                let Value::Object(entries) = v else {
                    self.violation(path, "must be a map");
                    return None;
                };
                let mut out = Map::new();
                // Keys are not named in messages: they may be data.
                let path = format!("{path}[..]");
                for (k, x) in entries {
                    if x.is_null() && !matches!(**item, Ty::Optional(_)) {
                        self.violation(&path, "must not be null (the map is not sparse)");
                        continue;
                    }
                    if let Some(x) = self.value(item, x, &path) {
                        out.insert(k.clone(), x);
                    }
                }
                return Some(Value::Object(out));
            }
            Ty::Shape(id) => return self.shape(id, v, path),
        };
        if read.is_none() {
            self.violation(path, format_args!("must be {}", ty_name(ty)));
        }
        read
    }

    fn shape(&mut self, id: &str, v: &Value, path: &str) -> Option<Value> {
        let cx = self.cx;
        let Some(shape) = cx.model.shapes.get(id) else {
            return Some(v.clone());
        };
        match shape {
            Shape::Structure { members, .. } => {
                let Value::Object(obj) = v else {
                    self.violation(path, "must be an object");
                    return None;
                };
                Some(Value::Object(self.structure(
                    members,
                    obj,
                    path,
                    self.nested,
                )))
            }
            Shape::Enum { values } => match v.as_str() {
                Some(s) if values.iter().any(|x| x == s) => Some(v.clone()),
                Some(_) => {
                    self.violation(path, enum_message(values));
                    None
                }
                None => {
                    self.violation(path, "must be a string");
                    None
                }
            },
            Shape::IntEnum { values } => match v.as_i64() {
                Some(n) if values.contains(&n) => Some(v.clone()),
                _ => {
                    let list: Vec<String> = values.iter().map(i64::to_string).collect();
                    self.violation(path, enum_message(&list));
                    None
                }
            },
            Shape::Union { members, repr } => self.union(members, repr, v, path),
        }
    }

    fn union(
        &mut self,
        members: &[Member],
        repr: &UnionRepr,
        v: &Value,
        path: &str,
    ) -> Option<Value> {
        let one = |name: &str, x: Value| {
            let mut obj = Map::new();
            obj.insert(name.to_owned(), x);
            Some(Value::Object(obj))
        };
        match (repr, self.nested) {
            (UnionRepr::Tagged, _) | (_, Keys::Model) => {
                let Value::Object(obj) = v else {
                    self.violation(path, "must be an object with one member set");
                    return None;
                };
                let keys = if matches!(repr, UnionRepr::Tagged) {
                    self.nested
                } else {
                    Keys::Model
                };
                let set: Vec<&Member> = members
                    .iter()
                    .filter(|m| obj.get(keys.of(m)).is_some_and(|x| !x.is_null()))
                    .collect();
                let [m] = set.as_slice() else {
                    self.violation(path, "must have exactly one member set");
                    return None;
                };
                let path = format!("{path}.{}", m.name);
                let x = self.member(m, obj.get(keys.of(m))?, &path)?;
                one(&m.name, x)
            }
            (UnionRepr::Untagged, Keys::Json) => {
                for m in members {
                    let mut scratch = Checker::new(self.cx, self.nested);
                    if let Some(x) = scratch.member(m, v, path) {
                        if scratch.violations.is_empty() {
                            return one(&m.name, x);
                        }
                    }
                }
                self.violation(path, "must be a value of one of the union's members");
                None
            }
            (UnionRepr::Discriminated(property), Keys::Json) => {
                let tag = v.get(property).and_then(Value::as_str);
                let Some(m) = members.iter().find(|m| Some(m.json_name()) == tag) else {
                    self.violation(
                        path,
                        format_args!("must name one of the union's members in `{property}`"),
                    );
                    return None;
                };
                let mut rest = v.clone();
                if let Value::Object(obj) = &mut rest {
                    obj.remove(property);
                }
                let path = format!("{path}.{}", m.name);
                let x = self.member(m, &rest, &path)?;
                one(&m.name, x)
            }
        }
    }
}

impl Ty {
    pub(crate) fn is_stream(&self) -> bool {
        matches!(self, Ty::Stream)
    }
}

fn enum_message(values: &[String]) -> String {
    if values.len() <= 12 {
        format!("must be one of {}", values.join(", "))
    } else {
        format!("must be one of the enum's {} values", values.len())
    }
}

fn ty_name(ty: &Ty) -> &'static str {
    match ty {
        Ty::String => "a string",
        Ty::Boolean => "a boolean",
        Ty::Byte | Ty::Short | Ty::Integer | Ty::Long => "an integer in range",
        Ty::Float | Ty::Double => "a number",
        Ty::Timestamp(_) => "a timestamp",
        Ty::Blob | Ty::Stream => "base64 text",
        _ => "a value of its type",
    }
}

/// A bound as written in messages: integers without a fraction.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// A timestamp in `format`, or in any format (a lenient reader), as epoch
/// seconds.
pub(crate) fn read_time(s: &str, format: aws_smithy_types::date_time::Format) -> Option<f64> {
    use aws_smithy_types::date_time::Format;
    [
        format,
        Format::DateTime,
        Format::HttpDate,
        Format::EpochSeconds,
    ]
    .into_iter()
    .find_map(|f| DateTime::from_str(s, f).ok())
    .map(|t| t.as_secs_f64())
}

/// A wire value (JSON, keys by JSON name) of a model-form value.
pub(crate) fn write(cx: &Prepared, ty: &Ty, v: &Value) -> Value {
    match (ty, v) {
        (Ty::Timestamp(f), Value::Number(n)) => {
            let Some(secs) = n.as_f64() else {
                return v.clone();
            };
            match f {
                super::model::TimestampFormat::EpochSeconds => v.clone(),
                f => DateTime::from_secs_f64(secs)
                    .fmt(f.smithy())
                    .map(Value::from)
                    .unwrap_or_else(|_| v.clone()),
            }
        }
        (Ty::List(item), Value::Array(items)) => {
            Value::Array(items.iter().map(|x| write(cx, item, x)).collect())
        }
        (Ty::Map(item), Value::Object(entries)) => Value::Object(
            entries
                .iter()
                .map(|(k, x)| (k.clone(), write(cx, item, x)))
                .collect(),
        ),
        (Ty::Optional(inner), v) if !v.is_null() => write(cx, inner, v),
        (Ty::Shape(id), Value::Object(obj)) => match cx.model.shapes.get(id) {
            Some(Shape::Structure { members, .. }) => {
                Value::Object(write_members(cx, members, obj))
            }
            Some(Shape::Union { members, repr }) => {
                let set = members
                    .iter()
                    .find_map(|m| obj.get(&m.name).map(|x| (m, x)));
                match (set, repr) {
                    (None, _) => v.clone(),
                    (Some((m, x)), UnionRepr::Tagged) => {
                        let mut out = Map::new();
                        out.insert(m.json_name().to_owned(), write(cx, &m.ty, x));
                        Value::Object(out)
                    }
                    (Some((m, x)), UnionRepr::Untagged) => write(cx, &m.ty, x),
                    (Some((m, x)), UnionRepr::Discriminated(property)) => {
                        let mut out = match write(cx, &m.ty, x) {
                            Value::Object(o) => o,
                            _ => Map::new(),
                        };
                        out.insert(property.clone(), Value::from(m.json_name()));
                        Value::Object(out)
                    }
                }
            }
            _ => v.clone(),
        },
        _ => v.clone(),
    }
}

/// The wire object of `members` set in `obj` (model form); keys that name
/// no member are kept as they are.
pub(crate) fn write_members(
    cx: &Prepared,
    members: &[Member],
    obj: &Map<String, Value>,
) -> Map<String, Value> {
    let mut out = Map::new();
    for (k, x) in obj {
        match members.iter().find(|m| &m.name == k) {
            Some(m) => {
                out.insert(m.json_name().to_owned(), write(cx, &m.ty, x));
            }
            None => {
                out.insert(k.clone(), x.clone());
            }
        }
    }
    out
}

/// The text of a scalar (or a list of them, joined with `, `) in a header
/// or a query string.
pub(crate) fn to_text(ty: &Ty, v: &Value) -> Option<String> {
    match (ty, v) {
        (Ty::List(item), Value::Array(items)) => {
            let texts: Option<Vec<String>> = items.iter().map(|x| to_text(item, x)).collect();
            Some(texts?.join(", "))
        }
        (Ty::Timestamp(f), Value::Number(_)) => match write_scalar_time(*f, v) {
            Value::String(s) => Some(s),
            other => Some(other.to_string()),
        },
        (_, Value::String(s)) => Some(s.clone()),
        (_, Value::Bool(b)) => Some(b.to_string()),
        (_, Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

fn write_scalar_time(f: super::model::TimestampFormat, v: &Value) -> Value {
    match (f, v.as_f64()) {
        (super::model::TimestampFormat::EpochSeconds, _) | (_, None) => v.clone(),
        (f, Some(secs)) => DateTime::from_secs_f64(secs)
            .fmt(f.smithy())
            .map(Value::from)
            .unwrap_or_else(|_| v.clone()),
    }
}

/// A wire value (before [`Checker::value`]) of a text from a label, a query
/// parameter or a header.
pub(crate) fn from_text(cx: &Prepared, ty: &Ty, text: &str) -> Value {
    let parsed = match ty {
        Ty::Boolean => match text {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        Ty::Byte | Ty::Short | Ty::Integer | Ty::Long => text.parse::<i64>().ok().map(Value::from),
        Ty::Float | Ty::Double => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
        Ty::Shape(id) => match cx.model.shapes.get(id) {
            Some(Shape::IntEnum { .. }) => text.parse::<i64>().ok().map(Value::from),
            _ => None,
        },
        _ => None,
    };
    parsed.unwrap_or_else(|| Value::from(text))
}

/// What made-up values are made from: the time and sequence number of the
/// response, and the input, whose members are echoed where an output
/// member of the same name can hold them.
pub(crate) struct Maker<'a> {
    pub cx: &'a Prepared,
    /// Epoch seconds of the response.
    pub now: f64,
    /// The response's sequence number: varies made-up text.
    pub seq: u64,
    /// The input in model form.
    pub echo: &'a Map<String, Value>,
    /// The output member path (model names, `.`-joined) left unset: the
    /// pagination token.
    pub skip: Option<&'a str>,
}

/// Structures below this depth get their required members only.
const FULL_DEPTH: usize = 4;
/// Nothing is made below this depth (a cycle of required members).
const MAX_DEPTH: usize = 24;

impl Maker<'_> {
    /// Values for `members` of a structure at `path`: every member down to
    /// [`FULL_DEPTH`], required ones below it, the pagination token never.
    pub(crate) fn structure(
        &self,
        members: &[Member],
        path: &str,
        depth: usize,
        stack: &mut Vec<String>,
    ) -> Map<String, Value> {
        let mut out = Map::new();
        for m in members {
            let here = if path.is_empty() {
                m.name.clone()
            } else {
                format!("{path}.{}", m.name)
            };
            if self.skip == Some(here.as_str()) && !m.required {
                continue;
            }
            if !(m.required || depth < FULL_DEPTH) || depth >= MAX_DEPTH {
                continue;
            }
            if matches!(m.binding, super::model::Binding::ResponseCode) {
                continue;
            }
            if let Some(v) = self.member(m, &here, depth, stack) {
                out.insert(m.name.clone(), v);
            }
        }
        out
    }

    /// A value of member `m`: the input's member of the same name where it
    /// fits, else one made up.
    pub(crate) fn member(
        &self,
        m: &Member,
        path: &str,
        depth: usize,
        stack: &mut Vec<String>,
    ) -> Option<Value> {
        if let Some(x) = self.echo.get(&m.name) {
            let mut check = Checker::new(self.cx, Keys::Model);
            if let Some(x) = check.member(m, x, path) {
                if check.violations.is_empty() {
                    return Some(x);
                }
            }
        }
        self.make(m, &m.ty, path, depth, stack)
    }

    fn make(
        &self,
        m: &Member,
        ty: &Ty,
        path: &str,
        depth: usize,
        stack: &mut Vec<String>,
    ) -> Option<Value> {
        let (min, max) = m.length.unwrap_or((None, None));
        // A collection's size: one item, within `@length`; none deep down.
        let size = || {
            let want = if depth < FULL_DEPTH { 1 } else { 0 };
            let n = max.map_or(want, |max| want.min(max));
            min.map_or(n, |min| n.max(min)).min(16) as usize
        };
        Some(match ty {
            Ty::String => Value::from(self.text(m)),
            Ty::Boolean => Value::Bool(false),
            Ty::Byte | Ty::Short | Ty::Integer | Ty::Long => {
                let (lo, hi) = m.range.unwrap_or((None, None));
                let mut n = 0f64;
                if let Some(lo) = lo {
                    n = n.max(lo.ceil());
                }
                if let Some(hi) = hi {
                    n = n.min(hi.floor());
                }
                Value::from(n as i64)
            }
            Ty::Float | Ty::Double => {
                let (lo, hi) = m.range.unwrap_or((None, None));
                let mut n = 0f64;
                if let Some(lo) = lo {
                    n = n.max(lo);
                }
                if let Some(hi) = hi {
                    n = n.min(hi);
                }
                serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
            }
            Ty::Timestamp(_) => Value::from(self.now),
            Ty::Blob | Ty::Stream => {
                let n = max.map_or(4, |max| 4.min(max));
                let n = min.map_or(n, |min| n.max(min)).min(1 << 20) as usize;
                Value::from(aws_smithy_types::base64::encode(vec![b'x'; n]))
            }
            Ty::Document => Value::Object(Map::new()),
            Ty::Unit => Value::Object(Map::new()),
            Ty::Optional(inner) => return self.make(m, inner, path, depth, stack),
            Ty::List(item) => {
                let items: Option<Vec<Value>> = (0..size())
                    .map(|i| self.item(m, item, &format!("{path}[{i}]"), depth + 1, stack))
                    .collect();
                Value::Array(items?)
            }
            Ty::Map(item) => {
                let mut out = Map::new();
                for i in 0..size() {
                    let x = self.item(m, item, &format!("{path}[..]"), depth + 1, stack)?;
                    out.insert(format!("key{}", i + 1), x);
                }
                Value::Object(out)
            }
            Ty::Shape(id) => return self.shape(id, path, depth, stack),
        })
    }

    /// An item of a list or map: its type alone carries no constraints.
    fn item(
        &self,
        m: &Member,
        ty: &Ty,
        path: &str,
        depth: usize,
        stack: &mut Vec<String>,
    ) -> Option<Value> {
        let plain = Member {
            name: m.name.clone(),
            json: None,
            ty: ty.clone(),
            required: true,
            has_default: false,
            idempotency_token: false,
            binding: super::model::Binding::Body,
            length: None,
            range: None,
            pattern: None,
            media_type: None,
        };
        self.make(&plain, ty, path, depth, stack)
    }

    fn shape(&self, id: &str, path: &str, depth: usize, stack: &mut Vec<String>) -> Option<Value> {
        let shape = self.cx.model.shapes.get(id)?;
        Some(match shape {
            Shape::Enum { values } => Value::from(values.first()?.as_str()),
            Shape::IntEnum { values } => Value::from(*values.first()?),
            Shape::Structure { members, .. } => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                // Around a cycle, only what must be there.
                let depth = if stack.iter().any(|s| s == id) {
                    depth.max(FULL_DEPTH)
                } else {
                    depth
                };
                stack.push(id.to_owned());
                let obj = self.structure(members, path, depth + 1, stack);
                stack.pop();
                Value::Object(obj)
            }
            Shape::Union { members, .. } => {
                // The first member that can be made (not around a cycle).
                let mut out = Map::new();
                stack.push(id.to_owned());
                for m in members {
                    let here = format!("{path}.{}", m.name);
                    if let Some(x) = self.make(m, &m.ty, &here, depth + 1, stack) {
                        out.insert(m.name.clone(), x);
                        break;
                    }
                }
                stack.pop();
                Value::Object(out)
            }
        })
    }

    /// Text for a string member: `Name-<seq>`, kept where it matches the
    /// pattern and fits the length; else a string sampled from the pattern;
    /// else (a pattern with look-around or back-references no sample is
    /// taken from) the text fitted to the length only.
    fn text(&self, m: &Member) -> String {
        let (min, max) = m.length.unwrap_or((None, None));
        let natural = fit_length(&format!("{}-{}", m.name, self.seq), min, max);
        let Some(p) = &m.pattern else {
            return natural;
        };
        let Some(compiled) = self.cx.patterns.get(p) else {
            return natural;
        };
        if compiled.is_match(&natural) {
            return natural;
        }
        sample(compiled, min, max, self.seq).unwrap_or(natural)
    }
}

/// `text` padded with `x` or cut to a length in `min..=max` characters.
fn fit_length(text: &str, min: Option<u64>, max: Option<u64>) -> String {
    let mut s: String = match max {
        Some(max) => text.chars().take(max as usize).collect(),
        None => text.to_owned(),
    };
    if let Some(min) = min {
        let n = s.chars().count() as u64;
        if n < min {
            s.extend(std::iter::repeat_n('x', (min - n).min(1 << 20) as usize));
        }
    }
    s
}
