//! `sdkgen diff`: what changes between two versions of a model, for the
//! callers of the generated Rust API and on the wire.
//!
//! Both models are lowered into the IR and compared there, so the diff
//! speaks in the generator's terms (operations, members, enum values,
//! errors, constraints, bindings). Every classification is made by one rule
//! function below, with its reasoning in a comment.
//!
//! A change is *breaking* when code written against the crate generated from
//! the old model no longer compiles or behaves differently with the new one,
//! or when a client generated from the old model no longer works against a
//! service speaking the new one (wire-breaking). It is *wire* when the bytes
//! a client sends or reads differ. Every field of the IR that reaches the
//! generated code or the wire is compared; the walkers below say, field by
//! field, why the others are left out.

use crate::ir::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;

/// One difference between the models.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// The operation it concerns, `(shapes)` for a shared shape, or
    /// `(service)` for the service itself.
    pub scope: String,
    /// Where: `input.Name`, `Room.CreatedBy`, `ErrorCode`, ...
    pub path: String,
    /// What changed, in words.
    pub what: String,
    /// Breaks code written against the old generated Rust API, or old
    /// clients against the new service (wire-breaking).
    pub breaking: bool,
    /// Changes the bytes on the wire.
    pub wire: bool,
    /// The rule that classified it.
    pub rule: &'static str,
}

impl Change {
    fn new(
        scope: &str,
        path: impl Into<String>,
        what: impl Into<String>,
        breaking: bool,
        wire: bool,
        rule: &'static str,
    ) -> Self {
        Self {
            scope: scope.to_owned(),
            path: path.into(),
            what: what.into(),
            breaking,
            wire,
            rule,
        }
    }
}

/// The scope of changes to shared shapes.
const SHAPES: &str = "(shapes)";
/// The scope of changes to the service itself.
const SERVICE: &str = "(service)";

/// Every change from `old` to `new`, sorted: by scope, breaking first.
pub fn diff(old: &Service, new: &Service) -> Vec<Change> {
    let mut out = Vec::new();
    service(old, new, &mut out);
    let old_ops: BTreeMap<&str, &Operation> = old
        .operations
        .iter()
        .map(|o| (o.name.as_str(), o))
        .collect();
    let new_ops: BTreeMap<&str, &Operation> = new
        .operations
        .iter()
        .map(|o| (o.name.as_str(), o))
        .collect();
    for (name, op) in &old_ops {
        match new_ops.get(name) {
            None => out.push(removed_operation(op)),
            Some(new_op) => operation(op, new_op, &mut out),
        }
    }
    for (name, op) in &new_ops {
        if !old_ops.contains_key(name) {
            out.push(added_operation(op));
        }
    }
    shared_shapes(old, new, &mut out);
    out.sort_by(|a, b| {
        (&a.scope, !a.breaking, &a.path, &a.what).cmp(&(&b.scope, !b.breaking, &b.path, &b.what))
    });
    out
}

// ---- rules ---------------------------------------------------------------

/// A removed operation: its client method disappears, and calls to it
/// stop being possible.
fn removed_operation(op: &Operation) -> Change {
    Change::new(
        &op.name,
        "",
        "operation removed",
        true,
        true,
        "removed-operation",
    )
}

/// A new operation: a new client method; nothing existing changes.
fn added_operation(op: &Operation) -> Change {
    Change::new(
        &op.name,
        "",
        "operation added",
        false,
        true,
        "added-operation",
    )
}

/// A changed SDK id: it names the default crate (`{sdk-id}-sdk`), so code
/// depending on the crate by that name breaks, and it names the service in
/// the user agent every request carries.
fn changed_sdk_id(a: &str, b: &str) -> Change {
    Change::new(
        SERVICE,
        "sdk id",
        format!("SDK id changed from `{a}` to `{b}`"),
        true,
        true,
        "changed-sdk-id",
    )
}

/// A changed SigV4 signing name: requests are signed for another service
/// name, so an old client's signatures no longer verify: wire-breaking.
/// (Gaining or losing SigV4 altogether shows as `changed-auth` on every
/// operation, which is where the schemes are compared.)
fn changed_signing_name(a: &str, b: &str) -> Change {
    Change::new(
        SERVICE,
        "signing name",
        format!("SigV4 signing name changed from `{a}` to `{b}`"),
        true,
        true,
        "changed-signing-name",
    )
}

/// A changed protocol (restJson1 to awsJson1_1, say), or query
/// compatibility gained or lost: the requests and the error codes on the
/// wire are another protocol's, which an old client does not speak.
fn changed_protocol(a: &Service, b: &Service) -> Change {
    let text = |s: &Service| {
        format!(
            "{}{}",
            s.protocol.name(),
            if s.query_compatible {
                " (awsQuery-compatible)"
            } else {
                ""
            }
        )
    };
    Change::new(
        SERVICE,
        "protocol",
        format!("protocol changed from {} to {}", text(a), text(b)),
        true,
        true,
        "changed-protocol",
    )
}

/// A changed default endpoint: requests go to another host (and, from a
/// global endpoint to a regional one, need a configured region), where an
/// old client does not send them: wire-breaking.
fn changed_endpoint(a: &Endpoint, b: &Endpoint) -> Change {
    let text = |e: &Endpoint| match e {
        Endpoint::Global {
            url,
            signing_region,
        } => format!("global `{url}` (signed for {signing_region})"),
        Endpoint::Regional { prefix } => format!("regional `{prefix}`"),
    };
    Change::new(
        SERVICE,
        "endpoint",
        format!("default endpoint changed from {} to {}", text(a), text(b)),
        true,
        true,
        "changed-endpoint",
    )
}

/// A changed HTTP method, URI or success code: the generated API is the
/// same, but requests go elsewhere: wire-breaking.
fn changed_http(op: &Operation, what: String) -> Change {
    Change::new(&op.name, "http", what, true, true, "changed-http-binding")
}

/// A changed `@endpoint` host prefix: like a changed URI, requests go to
/// another host, where an old client does not send them: wire-breaking.
fn changed_host_prefix(op: &Operation, what: String) -> Change {
    Change::new(&op.name, "http", what, true, true, "changed-host-prefix")
}

/// Changed auth schemes: the code compiles as before and requests are
/// signed differently (or not at all): wire-changing. Breaking when a
/// scheme is dropped and the operation cannot go anonymously, since a
/// client configured only for the dropped scheme then fails; adding a
/// scheme or reordering breaks no configuration.
fn changed_auth(op: &Operation, old: &[AuthScheme], new: &[AuthScheme]) -> Change {
    let names = |schemes: &[AuthScheme]| {
        schemes
            .iter()
            .map(|s| match s {
                AuthScheme::ApiKey(k) => format!(
                    "smithy.api#httpApiKeyAuth ({} {})",
                    k.location.name(),
                    k.name
                ),
                _ => s.trait_id().unwrap_or("anonymous").to_owned(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let breaking = !new.contains(&AuthScheme::Anonymous) && old.iter().any(|s| !new.contains(s));
    Change::new(
        &op.name,
        "auth",
        format!(
            "auth schemes changed from [{}] to [{}]",
            names(old),
            names(new)
        ),
        breaking,
        true,
        "changed-auth",
    )
}

/// An operation flag that changes what a request carries: (rule, path,
/// trait, whether adding the trait breaks; removing it breaks otherwise).
/// Every change of one shows on the wire.
type RequestFlag = (&'static str, &'static str, &'static str, bool);

/// The flags, in the order [`operation`] reads them.
const REQUEST_FLAGS: [RequestFlag; 3] = [
    // Added: requests carry `Content-MD5`, and an old client, which sends
    // none, is refused. Removed: the header is no longer needed.
    (
        "changed-checksum",
        "checksum",
        "`@httpChecksumRequired`",
        true,
    ),
    // Added: large bodies are sent compressed, and an old client's plain
    // ones are still read (compressing is the client's choice). Removed:
    // old clients send gzip bodies the service may no longer read.
    (
        "changed-compression",
        "compression",
        "gzip `@requestCompression`",
        false,
    ),
    // Added: SigV4 signs `UNSIGNED-PAYLOAD`, and an old client's signed body
    // is still accepted. Removed: the body's hash is signed, and an old
    // client's `UNSIGNED-PAYLOAD` may be refused.
    (
        "changed-payload-signing",
        "signing",
        "`aws.auth#unsignedPayload`",
        false,
    ),
];

/// A request flag (one of [`REQUEST_FLAGS`]) added (`now`) or removed.
fn changed_request_flag(flag: RequestFlag, op: &Operation, now: bool) -> Change {
    let (rule, path, name, breaks_when_added) = flag;
    let what = added_or_removed(name, now);
    Change::new(&op.name, path, what, now == breaks_when_added, true, rule)
}

/// A paginator added: `into_paginator()` and its type are new, and single
/// requests are as before: compatible. Removed: they disappear: breaking.
/// Neither changes a request.
fn paginator(op: &Operation, added: bool) -> Change {
    let what = either(added, "paginator added", "paginator removed");
    Change::new(&op.name, "pagination", what, !added, false, "paginator")
}

/// A changed pagination member. The tokens and the page size are sent in
/// (or read from) another member: an old paginator pages wrongly against
/// the new service, wire-breaking (`wire`). The items stream another member,
/// perhaps of another type: breaking, but no request changes. An items or
/// page size member added is a new `items()` or `page_size()`: compatible;
/// removed, the method disappears: breaking.
fn changed_pagination(
    op: &Operation,
    what: &str,
    a: Option<&String>,
    b: Option<&String>,
    wire: bool,
) -> Change {
    let (breaking, wire) = match (a, b) {
        (None, _) => (false, false),
        (_, None) => (true, false),
        _ => (true, wire),
    };
    Change::new(
        &op.name,
        "pagination",
        from_to(what, &a, &b),
        breaking,
        wire,
        "changed-pagination",
    )
}

/// A new error: error enums are `#[non_exhaustive]`, so matches already
/// have a wildcard arm.
fn added_error(scope: &str, name: &str) -> Change {
    Change::new(
        scope,
        format!("errors.{name}"),
        "error added",
        false,
        false,
        "added-error",
    )
}

/// A removed error: its enum variant and `is_*` method disappear.
fn removed_error(scope: &str, name: &str) -> Change {
    Change::new(
        scope,
        format!("errors.{name}"),
        "error removed",
        true,
        false,
        "removed-error",
    )
}

/// A changed `@httpError` status: the error's responses come with another
/// status, and a response without an error code is recognized by its
/// status, so an old client reads it as another error or an unhandled one:
/// wire-breaking.
fn changed_error_status(path: &str, what: String) -> Change {
    Change::new(SHAPES, path, what, true, true, "changed-error-status")
}

/// A union written another way on the wire (Smithy's `{"member": value}`,
/// the bare value, or an object with a discriminator): neither side reads
/// the other's JSON, and `Unknown` changes shape between Smithy's and the
/// OpenAPI forms: breaking.
fn changed_union_repr(path: &str, a: &UnionRepr, b: &UnionRepr) -> Change {
    let show = |r: &UnionRepr| match r {
        UnionRepr::Tagged => "tagged".to_owned(),
        UnionRepr::Untagged => "untagged".to_owned(),
        UnionRepr::Discriminated { property } => format!("discriminated by `{property}`"),
    };
    let what = format!(
        "union representation changed from {} to {}",
        show(a),
        show(b)
    );
    Change::new(SHAPES, path, what, true, true, "changed-union-repr")
}

/// A code that no longer means the error: responses sending it become
/// `Unhandled` instead of this error's variant: breaking. A new code: more
/// responses are recognized as this error: compatible. Either way the
/// responses read differently.
fn changed_error_code(path: &str, code: &str, added: bool) -> Change {
    let what = added_or_removed(&format!("error code `{code}`"), added);
    Change::new(SHAPES, path, what, !added, true, "changed-error-code")
}

/// A changed retry classification (throttling, transient, server, none):
/// the client now sends a request that failed with this error again, or no
/// longer does, with another backoff: the wire traffic changes, the API and
/// each request's bytes do not: compatible.
fn changed_retry(path: &str, what: String) -> Change {
    Change::new(SHAPES, path, what, false, true, "changed-retry")
}

/// A changed fault (client or server): the generated client does not act on
/// it (retries follow the retry classification, compared on its own); only
/// documentation and the OpenAPI export show it.
fn changed_fault(path: &str, what: String) -> Change {
    Change::new(SHAPES, path, what, false, false, "changed-fault")
}

/// A removed member: its field, getter and setters disappear, and the
/// value is no longer sent or read.
fn removed_member(scope: &str, path: String) -> Change {
    Change::new(scope, path, "member removed", true, true, "removed-member")
}

/// A new member: structures are `#[non_exhaustive]` with builders, so an
/// optional one changes nothing for callers; a new required input member
/// without a default makes existing calls fail validation, and a member a
/// structure elsewhere cannot be without ([`Member::must_be_set`]) makes
/// its `build()` fail where it is unset (or return a `Result` at all).
fn added_member(scope: &str, path: String, m: &Member, input: bool) -> Change {
    let validation = input && m.required && m.default.is_none();
    let build = !input && m.must_be_set();
    let what = if validation {
        "required member added (without a default)"
    } else if build {
        "required member added: `build()` fails without it"
    } else {
        "member added"
    };
    Change::new(scope, path, what, validation || build, true, "added-member")
}

/// Optional to required in an input: calls that leave it unset now fail
/// validation. Required to optional: compatible. Elsewhere, where the
/// field becomes an `Option` or stops being one (`optional`), its getter
/// and `build()` change: breaking.
fn changed_required(scope: &str, path: String, now: bool, input: bool, optional: bool) -> Change {
    let what = match (now, optional) {
        (true, false) => "member became required",
        (false, false) => "member became optional",
        (true, true) => "member became required (its field is no longer an `Option`)",
        (false, true) => "member became optional (its field is an `Option` now)",
    };
    Change::new(
        scope,
        path,
        what,
        (now && input) || optional,
        false,
        "changed-required",
    )
}

/// A field that became an `Option` or stopped being one for another reason
/// than `@required` or `@default` (`@clientOptional`): its getter's type
/// and `build()` change.
fn changed_optional(scope: &str, path: String, now: bool) -> Change {
    let what = either(
        now,
        "field became an `Option` (`@clientOptional`)",
        "field is no longer an `Option`",
    );
    Change::new(scope, path, what, true, false, "changed-optional")
}

/// A changed target type (scalar, list or map element, sparse or not, named
/// shape): the field's Rust type changes, and so does its encoding.
fn changed_type(scope: &str, path: String, old: &Type, new: &Type) -> Change {
    Change::new(
        scope,
        path,
        format!("type changed from {} to {}", type_name(old), type_name(new)),
        true,
        true,
        "changed-type",
    )
}

/// A shape that became another kind (structure, union, enum, intEnum, or an
/// error structure no more or newly): another Rust item, encoded otherwise.
fn changed_kind(name: &str) -> Change {
    Change::new(
        SHAPES,
        name,
        "shape kind changed",
        true,
        true,
        "changed-type",
    )
}

/// A changed timestamp format: the Rust type is `DateTime` either way, but
/// the text or number on the wire is another, which the other side does not
/// parse: wire-breaking.
fn changed_timestamp_format(
    scope: &str,
    path: String,
    a: TimestampFormat,
    b: TimestampFormat,
) -> Change {
    let name = |f: TimestampFormat| match f {
        TimestampFormat::DateTime => "date-time",
        TimestampFormat::HttpDate => "http-date",
        TimestampFormat::EpochSeconds => "epoch-seconds",
    };
    Change::new(
        scope,
        path,
        format!("timestamp format changed from {} to {}", name(a), name(b)),
        true,
        true,
        "changed-timestamp-format",
    )
}

/// `@requiresLength` added to a streaming input: a `ByteStream` of unknown
/// length is refused before sending, so calls with one fail: breaking.
/// Removed, or on an output: compatible. A stream that is sent is sent the
/// same way.
fn changed_requires_length(scope: &str, path: String, now: bool, input: bool) -> Change {
    let what = either(
        now,
        "a known stream length is now required",
        "a known stream length is no longer required",
    );
    Change::new(
        scope,
        path,
        what,
        now && input,
        false,
        "changed-requires-length",
    )
}

/// A changed binding (body, label, query, header, ...) or wire name: the
/// generated API is the same, but the value travels elsewhere: wire-breaking.
fn changed_binding(scope: &str, path: String, what: String) -> Change {
    Change::new(scope, path, what, true, true, "changed-binding")
}

/// A tightened constraint (smaller maximum, larger minimum, a new or
/// changed pattern) rejects, in a validating client, input that was valid:
/// breaking. A loosened or removed one accepts more: compatible.
fn changed_constraint(scope: &str, path: String, what: String, tightened: bool) -> Change {
    Change::new(scope, path, what, tightened, false, "changed-constraint")
}

/// A removed enum value: its variant disappears. An added one: enums are
/// `#[non_exhaustive]` and keep unknown values, so compatible.
fn changed_enum_value_set(path: &str, value: &str, added: bool) -> Change {
    let what = added_or_removed(&format!("enum value `{value}`"), added);
    Change::new(SHAPES, path, what, !added, !added, "enum-value")
}

/// The same Rust variant with another value on the wire: code compiles as
/// before, but the variant is sent and recognized as the new value, which
/// an old client does not send: wire-breaking, as a changed JSON name is.
fn changed_enum_value(path: &str, variant: &str, a: &str, b: &str) -> Change {
    Change::new(
        SHAPES,
        path,
        format!("value of variant `{variant}` changed from `{a}` to `{b}`"),
        true,
        true,
        "changed-enum-value",
    )
}

/// A changed Rust name for the same model name (an operation's method, a
/// type, a field, an enum variant; the name rules or a collision with
/// another member renamed it): code naming the old one no longer compiles.
/// Wire names are compared on their own, so the wire is the same.
fn renamed(scope: &str, path: &str, item: &str, a: &str, b: &str) -> Change {
    Change::new(
        scope,
        path,
        format!("Rust {item} renamed from `{a}` to `{b}`"),
        true,
        false,
        "renamed-rust-item",
    )
}

/// Sensitivity changes what Debug prints, not the API or the wire.
fn changed_sensitive(scope: &str, path: String, now: bool) -> Change {
    let what = either(
        now,
        "member became sensitive",
        "member is no longer sensitive",
    );
    Change::new(scope, path, what, false, false, "changed-sensitive")
}

/// `@idempotencyToken` added: a token is filled in when the caller leaves
/// the member unset, which the service takes as any token: compatible.
/// Removed: none is filled in any more, so calls relying on it send none
/// (and fail validation where the member is required): breaking.
fn changed_idempotency_token(scope: &str, path: String, now: bool) -> Change {
    let what = either(
        now,
        "member became an idempotency token",
        "member is no longer an idempotency token",
    );
    Change::new(scope, path, what, !now, true, "changed-idempotency-token")
}

/// A member boxed (it closes a cycle of structures) or no longer: the
/// public field's type changes between `Option<T>` and `Option<Box<T>>`, so
/// code reading the field breaks; the wire is the same.
fn changed_boxing(scope: &str, path: String, now: bool) -> Change {
    let what = either(now, "field became boxed", "field is no longer boxed");
    Change::new(scope, path, what, true, false, "changed-boxing")
}

/// A changed `@mediaType` of a payload or a header: the `Content-Type` sent
/// with a payload, or a string header's encoding (base64 with a media
/// type), changes, and the other side reads it otherwise: wire-breaking.
fn changed_media_type(scope: &str, path: String, what: String) -> Change {
    Change::new(scope, path, what, true, true, "changed-media-type")
}

/// A `@default` added, removed or changed: an unset member of a nested
/// structure is sent with another value (or none), and a member a response
/// leaves out reads back as another value (or as unset), so callers see
/// other values without changing their code: breaking, and the wire.
fn changed_default(scope: &str, path: String, what: String) -> Change {
    Change::new(scope, path, what, true, true, "changed-default")
}

// ---- walking ---------------------------------------------------------------

/// The service's own fields. Left out: `auth` (what requests are signed
/// with is each operation's list, which merges the service's in and is
/// compared there), `docs` (rustdoc only), `id` (operations and shapes are
/// paired by local name, so a namespace move alone changes nothing).
fn service(a: &Service, b: &Service, out: &mut Vec<Change>) {
    if (a.protocol, a.query_compatible) != (b.protocol, b.query_compatible) {
        out.push(changed_protocol(a, b));
    }
    if a.sdk_id != b.sdk_id {
        out.push(changed_sdk_id(&a.sdk_id, &b.sdk_id));
    }
    if let (Some(x), Some(y)) = (&a.signing_name, &b.signing_name) {
        if x != y {
            out.push(changed_signing_name(x, y));
        }
    }
    if a.endpoint != b.endpoint {
        out.push(changed_endpoint(&a.endpoint, &b.endpoint));
    }
    let rules = |s: &Service| s.endpoint_rules.as_ref().map(|r| r.rule_set.clone());
    if rules(a) != rules(b) {
        out.push(changed_endpoint_rules(
            rules(a).is_some(),
            rules(b).is_some(),
        ));
    }
}

/// A rule set added, removed or changed: requests for some regions or
/// settings may resolve elsewhere, where an old client does not send them;
/// like a changed default endpoint, wire-breaking. (Its test cases are the
/// generated crate's tests: no rule.)
fn changed_endpoint_rules(had: bool, has: bool) -> Change {
    let what = match (had, has) {
        (false, _) => "endpoint rule set added",
        (_, false) => "endpoint rule set removed",
        _ => "endpoint rule set changed",
    };
    Change::new(
        SERVICE,
        "endpointRuleSet",
        what,
        true,
        true,
        "changed-endpoint-rules",
    )
}

/// An operation's fields. Left out: `docs` (rustdoc only),
/// `protocol_tests` (cases the generated crate's tests run: neither its API
/// nor the wire), `id` (paired by name).
fn operation(a: &Operation, b: &Operation, out: &mut Vec<Change>) {
    if a.rust_name != b.rust_name {
        out.push(renamed(&a.name, "", "method", &a.rust_name, &b.rust_name));
    }
    if a.method != b.method {
        out.push(changed_http(
            a,
            format!("method changed from {} to {}", a.method, b.method),
        ));
    }
    if a.uri != b.uri || a.uri_query != b.uri_query {
        out.push(changed_http(
            a,
            format!(
                "URI changed from {} to {}",
                a.uri_pattern(),
                b.uri_pattern()
            ),
        ));
    }
    if a.code != b.code {
        out.push(changed_http(
            a,
            format!("success code changed from {} to {}", a.code, b.code),
        ));
    }
    if a.host_prefix != b.host_prefix {
        let what = from_to("host prefix", &a.host_prefix, &b.host_prefix);
        out.push(changed_host_prefix(a, what));
    }
    if a.auth != b.auth {
        out.push(changed_auth(a, &a.auth, &b.auth));
    }
    let flags = |o: &Operation| [o.checksum_required, o.gzip, o.unsigned_payload];
    for (flag, (x, y)) in REQUEST_FLAGS
        .into_iter()
        .zip(flags(a).into_iter().zip(flags(b)))
    {
        if x != y {
            out.push(changed_request_flag(flag, a, y));
        }
    }
    match (&a.pagination, &b.pagination) {
        (Some(x), Some(y)) => pagination(a, x, y, out),
        (None, Some(_)) => out.push(paginator(a, true)),
        (Some(_), None) => out.push(paginator(a, false)),
        (None, None) => {}
    }
    // The errors' own changes (status, codes, retry, members) are the shared
    // shapes'.
    let name = |id: &String| crate::lower::local_name(id).to_owned();
    let (ea, eb): (BTreeSet<String>, BTreeSet<String>) = (
        a.errors.iter().map(name).collect(),
        b.errors.iter().map(name).collect(),
    );
    for e in ea.difference(&eb) {
        out.push(removed_error(&a.name, e));
    }
    for e in eb.difference(&ea) {
        out.push(added_error(&a.name, e));
    }
    structure(&a.name, "input", &a.input, &b.input, true, out);
    structure(&a.name, "output", &a.output, &b.output, false, out);
}

fn pagination(op: &Operation, a: &Pagination, b: &Pagination, out: &mut Vec<Change>) {
    let mut field = |what: &str, x: Option<&String>, y: Option<&String>, wire: bool| {
        if x != y {
            out.push(changed_pagination(op, what, x, y, wire));
        }
    };
    field(
        "input token",
        Some(&a.input_token),
        Some(&b.input_token),
        true,
    );
    field(
        "output token",
        Some(&a.output_token),
        Some(&b.output_token),
        true,
    );
    field(
        "page size member",
        a.page_size.as_ref(),
        b.page_size.as_ref(),
        true,
    );
    field("items member", a.items.as_ref(), b.items.as_ref(), false);
}

/// A structure's fields. Left out: `docs` (rustdoc only), `id` and `name`
/// (paired by name).
fn structure(
    scope: &str,
    path: &str,
    a: &Structure,
    b: &Structure,
    input: bool,
    out: &mut Vec<Change>,
) {
    if a.rust_name != b.rust_name {
        out.push(renamed(scope, path, "type", &a.rust_name, &b.rust_name));
    }
    match (&a.error, &b.error) {
        (Some(x), Some(y)) => error_info(path, x, y, out),
        (None, None) => {}
        _ => out.push(changed_kind(path)),
    }
    members(scope, path, a, b, input, out);
}

fn error_info(path: &str, a: &ErrorInfo, b: &ErrorInfo, out: &mut Vec<Change>) {
    if a.fault != b.fault {
        let what = from_to("fault", &Some(a.fault), &Some(b.fault));
        out.push(changed_fault(path, what));
    }
    if a.status != b.status {
        let what = from_to("HTTP status", &a.status, &b.status);
        out.push(changed_error_status(path, what));
    }
    if a.status_range != b.status_range {
        let show = |r: &Option<(u16, u16)>| r.map(|(lo, hi)| format!("{lo}..={hi}"));
        let what = from_to(
            "HTTP status range",
            &show(&a.status_range),
            &show(&b.status_range),
        );
        out.push(changed_error_status(path, what));
    }
    if a.retry != b.retry {
        out.push(changed_retry(path, from_to("retry", &a.retry, &b.retry)));
    }
    for code in a.codes.iter().filter(|c| !b.codes.contains(c)) {
        out.push(changed_error_code(path, code, false));
    }
    for code in b.codes.iter().filter(|c| !a.codes.contains(c)) {
        out.push(changed_error_code(path, code, true));
    }
}

/// Members, paired by model name. Left out: `docs` (rustdoc only).
fn members(
    scope: &str,
    prefix: &str,
    a: &Structure,
    b: &Structure,
    input: bool,
    out: &mut Vec<Change>,
) {
    let ma: BTreeMap<&str, &Member> = a.members.iter().map(|m| (m.name.as_str(), m)).collect();
    let mb: BTreeMap<&str, &Member> = b.members.iter().map(|m| (m.name.as_str(), m)).collect();
    for (n, m) in &ma {
        let path = format!("{prefix}.{n}");
        let Some(nm) = mb.get(n) else {
            out.push(removed_member(scope, path));
            continue;
        };
        member(scope, path, m, nm, input, out);
    }
    for (n, m) in &mb {
        if !ma.contains_key(n) {
            out.push(added_member(scope, format!("{prefix}.{n}"), m, input));
        }
    }
}

fn member(scope: &str, path: String, m: &Member, nm: &Member, input: bool, out: &mut Vec<Change>) {
    if m.rust_name != nm.rust_name {
        out.push(renamed(scope, &path, "field", &m.rust_name, &nm.rust_name));
    }
    // Whether the field's `Option` changed: reported with its cause, a
    // changed `@required` or `@default`, else on its own (a changed type
    // is a change of the field's type already).
    let optional = m.optional != nm.optional;
    if m.required != nm.required {
        out.push(changed_required(
            scope,
            path.clone(),
            nm.required,
            input,
            optional,
        ));
    } else if optional && m.default == nm.default && type_name(&m.ty) == type_name(&nm.ty) {
        out.push(changed_optional(scope, path.clone(), nm.optional));
    }
    if type_name(&m.ty) != type_name(&nm.ty) {
        out.push(changed_type(scope, path.clone(), &m.ty, &nm.ty));
    } else {
        match wire_difference(&m.ty, &nm.ty) {
            Some((Type::Timestamp(x), Type::Timestamp(y))) => {
                out.push(changed_timestamp_format(scope, path.clone(), *x, *y))
            }
            Some((Type::Stream { .. }, Type::Stream { requires_length })) => out.push(
                changed_requires_length(scope, path.clone(), *requires_length, input),
            ),
            _ => {}
        }
    }
    if m.binding != nm.binding {
        out.push(changed_binding(
            scope,
            path.clone(),
            format!(
                "binding changed from {} to {}",
                binding_text(&m.binding),
                binding_text(&nm.binding)
            ),
        ));
    }
    if m.json_name != nm.json_name {
        out.push(changed_binding(
            scope,
            path.clone(),
            format!(
                "JSON name changed from `{}` to `{}`",
                m.json_name, nm.json_name
            ),
        ));
    }
    if m.sensitive != nm.sensitive {
        out.push(changed_sensitive(scope, path.clone(), nm.sensitive));
    }
    if m.idempotency_token != nm.idempotency_token {
        out.push(changed_idempotency_token(
            scope,
            path.clone(),
            nm.idempotency_token,
        ));
    }
    if m.boxed != nm.boxed {
        out.push(changed_boxing(scope, path.clone(), nm.boxed));
    }
    // A media type on a body member only documents the string.
    if m.media_type != nm.media_type && matches!(nm.binding, Binding::Payload | Binding::Header(_))
    {
        let what = from_to("media type", &m.media_type, &nm.media_type);
        out.push(changed_media_type(scope, path.clone(), what));
    }
    if m.default != nm.default {
        // Only `!=` and `Debug` are asked of the default's type.
        let mut what = from_to("default", &m.default, &nm.default);
        if optional && m.required == nm.required {
            what.push_str(either(
                nm.optional,
                " (the field is an `Option` now)",
                " (the field is no longer an `Option`)",
            ));
        }
        out.push(changed_default(scope, path.clone(), what));
    }
    constraints(scope, &path, &m.constraints, &nm.constraints, out);
}

/// Where two types of the same Rust type differ: the first pair of leaves
/// (inside lists, maps and sparse elements) that are not equal, a timestamp
/// format or a stream's length requirement. Named shapes are compared by
/// name on their own (an id with another namespace is no change).
fn wire_difference<'t>(a: &'t Type, b: &'t Type) -> Option<(&'t Type, &'t Type)> {
    match (a, b) {
        (Type::Map(xk, x), Type::Map(yk, y)) => {
            wire_difference(xk, yk).or_else(|| wire_difference(x, y))
        }
        (Type::List(x), Type::List(y)) | (Type::Optional(x), Type::Optional(y)) => {
            wire_difference(x, y)
        }
        (Type::Named(_), Type::Named(_)) => None,
        _ => (a != b).then_some((a, b)),
    }
}

fn constraints(scope: &str, path: &str, a: &Constraints, b: &Constraints, out: &mut Vec<Change>) {
    let (la, lb) = (
        a.length.unwrap_or((None, None)),
        b.length.unwrap_or((None, None)),
    );
    bound(
        scope,
        path,
        "minimum length",
        la.0.map(|v| v as f64),
        lb.0.map(|v| v as f64),
        true,
        out,
    );
    bound(
        scope,
        path,
        "maximum length",
        la.1.map(|v| v as f64),
        lb.1.map(|v| v as f64),
        false,
        out,
    );
    let (ra, rb) = (
        a.range.unwrap_or((None, None)),
        b.range.unwrap_or((None, None)),
    );
    bound(scope, path, "minimum", ra.0, rb.0, true, out);
    bound(scope, path, "maximum", ra.1, rb.1, false, out);
    match (&a.pattern, &b.pattern) {
        (None, Some(p)) => out.push(changed_constraint(
            scope,
            path.to_owned(),
            format!("pattern `{p}` added"),
            true,
        )),
        (Some(p), None) => out.push(changed_constraint(
            scope,
            path.to_owned(),
            format!("pattern `{p}` removed"),
            false,
        )),
        (Some(x), Some(y)) if x != y => out.push(changed_constraint(
            scope,
            path.to_owned(),
            format!("pattern changed from `{x}` to `{y}`"),
            true,
        )),
        _ => {}
    }
}

/// A lower bound (`is_min`) that rises, or an upper bound that falls or
/// appears, tightens.
fn bound(
    scope: &str,
    path: &str,
    what: &str,
    a: Option<f64>,
    b: Option<f64>,
    is_min: bool,
    out: &mut Vec<Change>,
) {
    if a == b {
        return;
    }
    let tightened = match (a, b) {
        (None, Some(_)) => true,
        (Some(_), None) => false,
        (Some(x), Some(y)) => {
            if is_min {
                y > x
            } else {
                y < x
            }
        }
        (None, None) => return,
    };
    let show = |v: Option<f64>| v.map_or("none".to_owned(), |v| v.to_string());
    out.push(changed_constraint(
        scope,
        path.to_owned(),
        format!("{what} changed from {} to {}", show(a), show(b)),
        tightened,
    ));
}

/// Named shapes both models have: structures' and unions' members, enums'
/// variants. Left out: `docs` (rustdoc only); shapes only one model has
/// (they are reached through members, whose changes say so).
fn shared_shapes(old: &Service, new: &Service, out: &mut Vec<Change>) {
    fn by_name(s: &Service) -> BTreeMap<&str, &Shape> {
        s.shapes
            .iter()
            .map(|(id, shape)| (crate::lower::local_name(id), shape))
            .collect()
    }
    let (a, b) = (by_name(old), by_name(new));
    for (name, sa) in &a {
        let Some(sb) = b.get(name) else { continue };
        match (sa, sb) {
            (Shape::Structure(x), Shape::Structure(y)) => {
                structure(SHAPES, name, x, y, false, out);
            }
            (Shape::Union(x), Shape::Union(y)) => {
                if x.union_repr != y.union_repr {
                    out.push(changed_union_repr(name, &x.union_repr, &y.union_repr));
                }
                structure(SHAPES, name, x, y, false, out);
            }
            (Shape::Enum(_), Shape::Enum(_)) | (Shape::IntEnum(_), Shape::IntEnum(_)) => {
                if let (Some(x), Some(y)) = (enum_parts(sa), enum_parts(sb)) {
                    enum_type(name, x, y, out);
                }
            }
            _ => out.push(changed_kind(name)),
        }
    }
}

/// A string or integer enum's Rust name and variants, as (Rust name, wire
/// value).
type EnumParts<'a> = (&'a str, Vec<(String, String)>);

fn enum_parts(shape: &Shape) -> Option<EnumParts<'_>> {
    match shape {
        Shape::Enum(e) => Some((
            &e.rust_name,
            e.variants
                .iter()
                .map(|v| (v.rust_name.clone(), v.value.clone()))
                .collect(),
        )),
        Shape::IntEnum(e) => Some((
            &e.rust_name,
            e.variants
                .iter()
                .map(|(n, v)| (n.clone(), v.to_string()))
                .collect(),
        )),
        _ => None,
    }
}

/// An enum's name and variants. Variants are paired by value first (the
/// same value under another Rust name is a rename), then by Rust name (the
/// same variant with another value); what is left was added or removed.
fn enum_type(name: &str, (ra, a): EnumParts, (rb, b): EnumParts, out: &mut Vec<Change>) {
    if ra != rb {
        out.push(renamed(SHAPES, name, "type", ra, rb));
    }
    let rust_of = |vs: &[(String, String)], value: &str| {
        vs.iter().find(|(_, v)| v == value).map(|(r, _)| r.clone())
    };
    let value_of = |vs: &[(String, String)], rust: &str| {
        vs.iter().find(|(r, _)| r == rust).map(|(_, v)| v.clone())
    };
    // The value `rust` has on the other side, when that value is new there.
    let revalued = |this: &[(String, String)], other: &[(String, String)], rust: &str| {
        value_of(other, rust).filter(|v| rust_of(this, v).is_none())
    };
    let (a, b) = (a.as_slice(), b.as_slice());
    for (rust, value) in a {
        match rust_of(b, value) {
            Some(r) if &r != rust => out.push(renamed(SHAPES, name, "variant", rust, &r)),
            Some(_) => {}
            None => match revalued(a, b, rust) {
                Some(v) => out.push(changed_enum_value(name, rust, value, &v)),
                None => out.push(changed_enum_value_set(name, value, false)),
            },
        }
    }
    for (rust, value) in b {
        if rust_of(a, value).is_none() && revalued(b, a, rust).is_none() {
            out.push(changed_enum_value_set(name, value, true));
        }
    }
}

fn binding_text(b: &Binding) -> String {
    match b {
        Binding::Body => "body".into(),
        Binding::Label => "label".into(),
        Binding::Query(q) => format!("query `{q}`"),
        Binding::Header(h) => format!("header `{h}`"),
        Binding::QueryParams => "query params".into(),
        Binding::PrefixHeaders(p) => format!("prefix headers `{p}`"),
        Binding::Payload => "payload".into(),
        Binding::ResponseCode => "status code".into(),
        Binding::QueryStyled { name, style } => format!("query `{name}` ({})", style.name()),
        Binding::Cookie(c) => format!("cookie `{c}`"),
        Binding::FormField(f) => format!("form field `{f}`"),
        Binding::MultipartPart(p) => format!("multipart part `{p}`"),
    }
}

/// A short name of a type's Rust type, for messages and comparison (named
/// shapes by local name, so a namespace move alone is not a change; the
/// timestamp format and a stream's length requirement are left to
/// [`wire_difference`]).
fn type_name(t: &Type) -> String {
    match t {
        Type::Named(id) => crate::lower::local_name(id).to_owned(),
        Type::List(t) => format!("list<{}>", type_name(t)),
        Type::Map(k, t) if **k == Type::String => format!("map<{}>", type_name(t)),
        Type::Map(k, t) => format!("map<{}, {}>", type_name(k), type_name(t)),
        Type::Optional(t) => format!("{}?", type_name(t)),
        Type::Timestamp(_) => "timestamp".into(),
        Type::Stream { .. } => "stream".into(),
        other => format!("{other:?}").to_lowercase(),
    }
}

/// `{what} changed from {a} to {b}`, the values [`shown`].
fn from_to<T: Debug>(what: &str, a: &Option<T>, b: &Option<T>) -> String {
    format!("{what} changed from {} to {}", shown(a), shown(b))
}

/// An optional value for messages: `none`, or the value's `Debug`.
fn shown<T: Debug>(v: &Option<T>) -> String {
    v.as_ref()
        .map_or_else(|| "none".to_owned(), |v| format!("{v:?}"))
}

/// `{what} added` or `{what} removed`.
fn added_or_removed(what: &str, added: bool) -> String {
    format!("{what} {}", either(added, "added", "removed"))
}

/// `on` when a flag is now set, else `off`.
fn either(now: bool, on: &'static str, off: &'static str) -> &'static str {
    if now {
        on
    } else {
        off
    }
}

/// The changes as text a person reads at a glance: grouped by operation,
/// breaking first, then a summary line.
pub fn render_text(changes: &[Change]) -> String {
    let mut out = String::new();
    let mut scope = None;
    for c in changes {
        if scope != Some(&c.scope) {
            out.push_str(&format!("{}\n", c.scope));
            scope = Some(&c.scope);
        }
        let tag = match (c.breaking, c.wire) {
            (true, _) => "BREAKING  ",
            (false, true) => "compatible (wire)",
            (false, false) => "compatible",
        };
        let path = if c.path.is_empty() {
            String::new()
        } else {
            format!("{}: ", c.path)
        };
        out.push_str(&format!("  {tag:<18} {path}{}\n", c.what));
    }
    out.push_str(&summary(changes));
    out.push('\n');
    out
}

/// `N changes: N breaking, N compatible; N change the wire`.
pub fn summary(changes: &[Change]) -> String {
    let breaking = changes.iter().filter(|c| c.breaking).count();
    let wire = changes.iter().filter(|c| c.wire).count();
    format!(
        "{} changes: {breaking} breaking, {} compatible; {wire} change the wire",
        changes.len(),
        changes.len() - breaking
    )
}

/// The changes as JSON for tools.
pub fn render_json(changes: &[Change]) -> String {
    let items: Vec<serde_json::Value> = changes
        .iter()
        .map(|c| {
            serde_json::json!({
                "scope": c.scope, "path": c.path, "what": c.what,
                "breaking": c.breaking, "wire": c.wire, "rule": c.rule,
            })
        })
        .collect();
    let breaking = changes.iter().filter(|c| c.breaking).count();
    serde_json::to_string_pretty(&serde_json::json!({
        "changes": items,
        "summary": {"total": changes.len(), "breaking": breaking, "compatible": changes.len() - breaking,
                    "wire": changes.iter().filter(|c| c.wire).count()},
    }))
    .unwrap_or_default()
}
