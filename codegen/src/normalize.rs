//! The one step between the front ends and `check`: front ends (Smithy,
//! OpenAPI, hand-built IR) state what the model says; this applies the
//! policies every SDK shares, once, so two model formats cannot disagree:
//!
//! - Rust names: every identifier, derived ones included (`…Input`,
//!   `…Error`, `…FluentBuilder`, `…Builder`), comes from [`crate::names`];
//! - errors: the short error codes (`BadRequest` for `BadRequestException`);
//! - documentation: the model's text made rustdoc;
//! - values: `@default` traits and protocol cases' `params` read against
//!   their types into [`Value`]s;
//! - nullability: which members are `Option`s ([`Member::optional`]), by
//!   Smithy's rules as aws-sdk-rust reads them.
//!
//! It changes names and fills derived fields; it rejects nothing but values
//! that do not fit their types (located errors). `check` then holds the
//! invariants the back end relies on.

use crate::diag::Diagnostics;
use crate::ir::*;
use crate::names;
use std::collections::BTreeMap;

/// Applies every policy to `service`.
pub fn normalize(service: &mut Service, diags: &mut Diagnostics) {
    distinct_errors(service);
    rust_names(service);
    error_policy(service);
    rustdoc(service);
    values(service, diags);
    nullability(service);
}

/// An operation's errors are a set, in model order: an error listed twice
/// (two OpenAPI responses of one component, say) is one.
fn distinct_errors(service: &mut Service) {
    for op in &mut service.operations {
        let mut seen = std::collections::BTreeSet::new();
        op.errors.retain(|id| seen.insert(id.clone()));
    }
}

// ---- names ---------------------------------------------------------------

/// Every Rust name, from the model's names.
fn rust_names(service: &mut Service) {
    for op in &mut service.operations {
        // As aws-sdk-rust names them: the error, fluent builder and
        // paginator after the operation's name as the model spells it
        // (`GetSAMLProviderError`) where that is a type name, the input and
        // output in UpperCamelCase (`GetSamlProviderInput`).
        let type_name = names::type_name(&op.name);
        let camel = names::type_ident(&op.name);
        op.rust_name = names::operation_fn(&op.name);
        op.names = OperationNames {
            error: format!("{type_name}Error"),
            fluent_builder: format!("{type_name}FluentBuilder"),
            paginator: format!("{type_name}Paginator"),
            type_name,
        };
        op.input.rust_name = format!("{camel}Input");
        op.output.rust_name = format!("{camel}Output");
        for s in [&mut op.input, &mut op.output] {
            structure_names(s);
        }
        for t in &mut op.protocol_tests {
            let kind = match t.kind {
                TestKind::Request => "request",
                TestKind::Response => "response",
            };
            t.rust_name = names::field_ident(&format!("{kind}_{}", t.id));
        }
    }
    for shape in service.shapes.values_mut() {
        match shape {
            Shape::Structure(s) | Shape::Union(s) => {
                // A front end may state any name (an OpenAPI component
                // key): good ones are kept.
                s.rust_name = names::type_name(&s.rust_name);
                structure_names(s);
            }
            Shape::Enum(e) => {
                e.rust_name = names::type_name(&e.rust_name);
                for (i, v) in e.variants.iter_mut().enumerate() {
                    v.rust_name = names::variant_name(&v.rust_name, i);
                }
            }
            Shape::IntEnum(e) => {
                e.rust_name = names::type_name(&e.rust_name);
                for (i, (name, _)) in e.variants.iter_mut().enumerate() {
                    *name = names::variant_name(name, i);
                }
            }
        }
    }
    names::resolve_member_names(service);
}

/// A structure's builder and its members' field names.
fn structure_names(s: &mut Structure) {
    s.builder_name = format!("{}Builder", s.rust_name);
    for m in &mut s.members {
        m.rust_name = names::field_ident(&m.name);
    }
}

// ---- errors --------------------------------------------------------------

/// Error codes, the AWS SDKs' way. An error's retry class stays what the
/// model states (`@retryable`, `x-sdkgen-error` `retry`), as aws-sdk-rust's
/// `retryable_error_kind` reports it: statuses are the runtime's retry
/// classifiers' to judge (500, 502, 503 and 504 as aws-sdk-rust's
/// `HttpStatusCodeClassifier` does, 429 by the runtime's own), for a modeled
/// error and an unmodeled one alike.
fn error_policy(service: &mut Service) {
    for shape in service.shapes.values_mut() {
        let Shape::Structure(s) = shape else { continue };
        let Some(e) = &mut s.error else { continue };
        if e.codes.is_empty() {
            e.codes.push(s.name.clone());
        }
        // AWS services often send the name without `Exception` in `Code`.
        if let Some(short) = s.name.strip_suffix("Exception").filter(|s| !s.is_empty()) {
            if !e.codes.iter().any(|c| c == short) {
                e.codes.push(short.to_owned());
            }
        }
    }
}

// ---- docs ----------------------------------------------------------------

/// Rustdoc for every documented item.
fn rustdoc(service: &mut Service) {
    fn make(d: &mut Docs) {
        d.rustdoc = crate::docs::to_rustdoc(&d.source);
    }
    fn structure(s: &mut Structure) {
        make(&mut s.docs);
        for m in &mut s.members {
            make(&mut m.docs);
        }
    }
    make(&mut service.docs);
    for op in &mut service.operations {
        make(&mut op.docs);
        structure(&mut op.input);
        structure(&mut op.output);
    }
    for shape in service.shapes.values_mut() {
        match shape {
            Shape::Structure(s) | Shape::Union(s) => structure(s),
            Shape::Enum(e) => {
                make(&mut e.docs);
                for v in &mut e.variants {
                    make(&mut v.docs);
                }
            }
            Shape::IntEnum(e) => make(&mut e.docs),
        }
    }
}

// ---- nullability ---------------------------------------------------------

/// Which members are `Option`s, as smithy-rs decides it for aws-sdk-rust
/// (Smithy's `NullableIndex` in `CLIENT_CAREFUL` mode, the mode the AWS SDK
/// is built with): every member of an operation input is optional (as if
/// the input had `@input`); elsewhere a member is optional unless it is
/// `@required` or has a non-null `@default`, and always where it is
/// `@clientOptional` or targets a structure or union. So aws-sdk-kms's
/// `KeyMetadata::key_id()` is a `&str` (`@required`), `enabled()` a `bool`
/// (`@default(false)`), and aws-sdk-dynamodb's
/// `CreateGlobalSecondaryIndexAction::projection()` an `Option` though
/// `@required` (a structure). A `@streaming` blob is never an `Option`.
///
/// OpenAPI documents go by the same rules: a `required` property of a
/// schema (which `readOnly` properties never are) or one with a `default`
/// is not optional outside an operation's input, unless it is `nullable`
/// (which the importer states as `@clientOptional`). Error responses and
/// response headers have no required members there.
fn nullability(service: &mut Service) {
    let aggregates: std::collections::BTreeSet<ShapeId> = service
        .shapes
        .iter()
        .filter(|(_, shape)| matches!(shape, Shape::Structure(_) | Shape::Union(_)))
        .map(|(id, _)| id.clone())
        .collect();
    let optional = |m: &Member| {
        let aggregate = matches!(&m.ty, Type::Named(id) if aggregates.contains(id));
        !m.ty.is_stream()
            && (m.client_optional || aggregate || !(m.required || m.default.is_some()))
    };
    for op in &mut service.operations {
        for m in &mut op.input.members {
            m.optional = !m.ty.is_stream();
        }
        for m in &mut op.output.members {
            m.optional = optional(m);
        }
    }
    for shape in service.shapes.values_mut() {
        if let Shape::Structure(s) = shape {
            for m in &mut s.members {
                m.optional = optional(m);
            }
        }
    }
}

// ---- values --------------------------------------------------------------

/// How a model writes a blob in JSON.
#[derive(Clone, Copy)]
enum BlobText {
    /// Base64, as `@default` does.
    Base64,
    /// The bytes as text, as protocol cases' `params` do.
    Utf8,
}

/// `@default` traits and protocol cases' `params` as typed values.
fn values(service: &mut Service, diags: &mut Diagnostics) {
    let shapes = service.shapes.clone();
    let defaults = |s: &mut Structure, diags: &mut Diagnostics| {
        for m in &mut s.members {
            let Some(json) = &m.stated_default else {
                continue;
            };
            let value = read_default(&shapes, &m.ty, json);
            match value {
                Ok(v) => m.default = Some(v),
                Err(e) => diags.error(
                    format!("{}${}", s.id, m.name),
                    format!("`smithy.api#default` {json} does not fit the member's type: {e}"),
                    Some("give a default of the member's type, or drop it"),
                ),
            }
        }
    };
    for op in &mut service.operations {
        defaults(&mut op.input, diags);
        defaults(&mut op.output, diags);
    }
    for shape in service.shapes.values_mut() {
        if let Shape::Structure(s) | Shape::Union(s) = shape {
            defaults(s, diags);
        }
    }
    for op in &mut service.operations {
        for t in &mut op.protocol_tests {
            let empty = serde_json::Value::Object(Default::default());
            let params = t.case.get("params").unwrap_or(&empty);
            t.params = t.target(&op.input, &op.output, &shapes).and_then(|s| {
                read_structure(&shapes, s, params, BlobText::Utf8)
                    .and_then(|v| v.fits_structure(s, &shapes).map(|()| v))
            });
            if let Err(e) = &t.params {
                diags.warn(
                    format!("{}/{}", op.id, t.id),
                    format!("protocol case `params` cannot be read, so the case fails: {e}"),
                    None,
                );
            }
        }
    }
}

/// A stated `@default` as a value of `ty`, or why it is none (what
/// `normalize` reports as an error; the OpenAPI importer drops such a
/// default with a warning instead).
pub(crate) fn read_default(
    shapes: &BTreeMap<ShapeId, Shape>,
    ty: &Type,
    json: &serde_json::Value,
) -> Result<Value, String> {
    read(shapes, ty, json, BlobText::Base64).and_then(|v| v.fits(ty, shapes).map(|()| v))
}

/// Reads `v` as a value of `ty`. Integers are read whole; whether they fit
/// their width is `check`'s to say, for values from any front end.
fn read(
    shapes: &BTreeMap<ShapeId, Shape>,
    ty: &Type,
    v: &serde_json::Value,
    blobs: BlobText,
) -> Result<Value, String> {
    use serde_json::Value as J;
    let bad = || format!("{v} is not {}", type_words(ty));
    Ok(match (ty, v) {
        (Type::Optional(_), J::Null) => Value::Null,
        (Type::Optional(inner), _) => read(shapes, inner, v, blobs)?,
        (Type::String, J::String(s)) => Value::String(s.clone()),
        (Type::Boolean, J::Bool(b)) => Value::Bool(*b),
        (Type::Byte | Type::Short | Type::Integer | Type::Long, J::Number(n)) => {
            Value::Int(n.as_i64().ok_or_else(bad)?)
        }
        (Type::Float | Type::Double, J::Number(n)) => Value::Float(n.as_f64().ok_or_else(bad)?),
        (Type::Float | Type::Double, J::String(s)) => Value::Float(match s.as_str() {
            "NaN" => f64::NAN,
            "Infinity" => f64::INFINITY,
            "-Infinity" => f64::NEG_INFINITY,
            _ => return Err(bad()),
        }),
        (Type::Timestamp(_), J::Number(n)) => {
            let f = n.as_f64().ok_or_else(bad)?;
            let secs = f.floor();
            if !secs.is_finite() || secs.abs() > 1e15 {
                return Err(bad());
            }
            let nanos = (((f - secs) * 1e9).round() as u32).min(999_999_999);
            Value::Timestamp {
                secs: secs as i64,
                nanos,
            }
        }
        (Type::Timestamp(_), J::String(s)) => {
            let t = aws_smithy_types::DateTime::from_str(
                s,
                aws_smithy_types::date_time::Format::DateTime,
            )
            .map_err(|_| bad())?;
            Value::Timestamp {
                secs: t.secs(),
                nanos: t.subsec_nanos(),
            }
        }
        (Type::Blob | Type::Stream { .. }, J::String(s)) => Value::Blob(match blobs {
            BlobText::Base64 => aws_smithy_types::base64::decode(s).map_err(|_| bad())?,
            BlobText::Utf8 => s.as_bytes().to_vec(),
        }),
        (Type::Document, _) => Value::Document(v.clone()),
        (Type::List(item), J::Array(items)) => Value::List(
            items
                .iter()
                .map(|x| read(shapes, item, x, blobs))
                .collect::<Result<_, _>>()?,
        ),
        (Type::Map(_, value), J::Object(entries)) => Value::Map(
            entries
                .iter()
                .map(|(k, x)| Ok((k.clone(), read(shapes, value, x, blobs)?)))
                .collect::<Result<_, String>>()?,
        ),
        (Type::Unit, _) => Value::Null,
        (Type::Named(id), _) => match shapes.get(id) {
            None => return Err(format!("`{id}` names no shape")),
            Some(Shape::Structure(s)) => read_structure(shapes, s, v, blobs)?,
            Some(Shape::Union(u)) => match v.as_object().map(|o| o.iter().collect::<Vec<_>>()) {
                Some(set) if set.len() == 1 => {
                    let (key, x) = set[0];
                    let m = u
                        .members
                        .iter()
                        .find(|m| &m.name == key)
                        .ok_or_else(|| format!("{} has no member {key}", u.name))?;
                    Value::Union(key.clone(), Box::new(read(shapes, &m.ty, x, blobs)?))
                }
                _ => return Err(format!("{v} does not set exactly one member of {}", u.name)),
            },
            Some(Shape::Enum(_)) => Value::String(v.as_str().ok_or_else(bad)?.to_owned()),
            Some(Shape::IntEnum(_)) => Value::Int(v.as_i64().ok_or_else(bad)?),
        },
        _ => return Err(bad()),
    })
}

/// Reads `v` as structure `s`: members by model name, nulls left unset.
fn read_structure(
    shapes: &BTreeMap<ShapeId, Shape>,
    s: &Structure,
    v: &serde_json::Value,
    blobs: BlobText,
) -> Result<Value, String> {
    let obj = v
        .as_object()
        .ok_or_else(|| format!("{v} is not an object of {}", s.name))?;
    let mut members = Vec::new();
    for (key, x) in obj {
        let m = s
            .members
            .iter()
            .find(|m| &m.name == key)
            .ok_or_else(|| format!("{} has no member {key}", s.name))?;
        if !x.is_null() {
            members.push((key.clone(), read(shapes, &m.ty, x, blobs)?));
        }
    }
    Ok(Value::Structure(members))
}

/// `a string`, `a list`, ... for messages.
pub(crate) fn type_words(ty: &Type) -> String {
    match ty {
        Type::String => "a string".into(),
        Type::Boolean => "a boolean".into(),
        Type::Byte => "a byte".into(),
        Type::Short => "a short".into(),
        Type::Integer => "an integer".into(),
        Type::Long => "a long".into(),
        Type::Float => "a float".into(),
        Type::Double => "a double".into(),
        Type::Timestamp(_) => "a timestamp".into(),
        Type::Blob | Type::Stream { .. } => "a blob".into(),
        Type::Document => "a document".into(),
        Type::List(_) => "a list".into(),
        Type::Map(..) => "a map".into(),
        Type::Named(id) => format!("a `{id}`"),
        Type::Optional(t) => type_words(t),
        Type::Unit => "unit".into(),
    }
}
