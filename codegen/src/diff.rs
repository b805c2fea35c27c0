//! `sdkgen diff`: what changes between two versions of a model, for the
//! callers of the generated Rust API and on the wire.
//!
//! Both models are lowered into the IR and compared there, so the diff
//! speaks in the generator's terms (operations, members, enum values,
//! errors, constraints, bindings). Every classification is made by one rule
//! function below, with its reasoning in a comment.

use crate::ir::*;
use std::collections::{BTreeMap, BTreeSet};

/// One difference between the models.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// The operation it concerns, or `(shapes)` for a shared shape.
    pub scope: String,
    /// Where: `input.Name`, `Room.CreatedBy`, `ErrorCode`, ...
    pub path: String,
    /// What changed, in words.
    pub what: String,
    /// Breaks code written against the old generated Rust API.
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

/// Every change from `old` to `new`, sorted: by scope, breaking first.
pub fn diff(old: &Service, new: &Service) -> Vec<Change> {
    let mut out = Vec::new();
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

/// A changed HTTP method, URI or success code: the generated API is the
/// same, but requests go elsewhere: wire-breaking.
fn changed_http(op: &Operation, what: String) -> Change {
    Change::new(&op.name, "http", what, true, true, "changed-http-binding")
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
            .map(|s| s.trait_id().unwrap_or("anonymous"))
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

/// A removed member: its field, getter and setters disappear, and the
/// value is no longer sent or read.
fn removed_member(scope: &str, path: String) -> Change {
    Change::new(scope, path, "member removed", true, true, "removed-member")
}

/// A new member: structures are `#[non_exhaustive]` with builders, so an
/// optional one changes nothing for callers; a new required input member
/// without a default makes existing calls fail validation.
fn added_member(scope: &str, path: String, m: &Member, input: bool) -> Change {
    let breaking = input && m.required && m.default.is_none();
    let what = if breaking {
        "required member added (without a default)"
    } else {
        "member added"
    };
    Change::new(scope, path, what, breaking, true, "added-member")
}

/// Optional to required in an input: calls that leave it unset now fail
/// validation. Required to optional: compatible.
fn changed_required(scope: &str, path: String, now_required: bool, input: bool) -> Change {
    if now_required {
        Change::new(
            scope,
            path,
            "member became required",
            input,
            false,
            "changed-required",
        )
    } else {
        Change::new(
            scope,
            path,
            "member became optional",
            false,
            false,
            "changed-required",
        )
    }
}

/// A changed target type: the field's Rust type changes, and so does its
/// encoding.
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
fn changed_enum_value(scope: &str, path: String, value: &str, added: bool) -> Change {
    if added {
        Change::new(
            scope,
            path,
            format!("enum value `{value}` added"),
            false,
            false,
            "enum-value",
        )
    } else {
        Change::new(
            scope,
            path,
            format!("enum value `{value}` removed"),
            true,
            true,
            "enum-value",
        )
    }
}

/// Sensitivity changes what Debug prints, not the API or the wire.
fn changed_sensitive(scope: &str, path: String, now: bool) -> Change {
    let what = if now {
        "member became sensitive"
    } else {
        "member is no longer sensitive"
    };
    Change::new(scope, path, what, false, false, "changed-sensitive")
}

// ---- walking ---------------------------------------------------------------

fn operation(a: &Operation, b: &Operation, out: &mut Vec<Change>) {
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
    if a.auth != b.auth {
        out.push(changed_auth(a, &a.auth, &b.auth));
    }
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
    members(&a.name, "input", &a.input, &b.input, true, out);
    members(&a.name, "output", &a.output, &b.output, false, out);
}

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
        if m.required != nm.required {
            out.push(changed_required(scope, path.clone(), nm.required, input));
        }
        if type_name(&m.ty) != type_name(&nm.ty) {
            out.push(changed_type(scope, path.clone(), &m.ty, &nm.ty));
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
        constraints(scope, &path, &m.constraints, &nm.constraints, out);
    }
    for (n, m) in &mb {
        if !ma.contains_key(n) {
            out.push(added_member(scope, format!("{prefix}.{n}"), m, input));
        }
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

/// Named shapes both models have: structures' members, enums' values.
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
            (Shape::Structure(x), Shape::Structure(y)) | (Shape::Union(x), Shape::Union(y)) => {
                members("(shapes)", name, x, y, false, out);
            }
            (Shape::Enum(x), Shape::Enum(y)) => {
                let va: BTreeSet<&str> = x.variants.iter().map(|v| v.value.as_str()).collect();
                let vb: BTreeSet<&str> = y.variants.iter().map(|v| v.value.as_str()).collect();
                for v in va.difference(&vb) {
                    out.push(changed_enum_value("(shapes)", name.to_string(), v, false));
                }
                for v in vb.difference(&va) {
                    out.push(changed_enum_value("(shapes)", name.to_string(), v, true));
                }
            }
            (Shape::IntEnum(x), Shape::IntEnum(y)) => {
                let va: BTreeSet<i32> = x.variants.iter().map(|v| v.1).collect();
                let vb: BTreeSet<i32> = y.variants.iter().map(|v| v.1).collect();
                for v in va.difference(&vb) {
                    out.push(changed_enum_value(
                        "(shapes)",
                        name.to_string(),
                        &v.to_string(),
                        false,
                    ));
                }
                for v in vb.difference(&va) {
                    out.push(changed_enum_value(
                        "(shapes)",
                        name.to_string(),
                        &v.to_string(),
                        true,
                    ));
                }
            }
            _ => out.push(Change::new(
                "(shapes)",
                name.to_string(),
                "shape kind changed",
                true,
                true,
                "changed-type",
            )),
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
    }
}

/// A short name of a type for messages and comparison (named shapes by
/// local name, so a namespace move alone is not a change).
fn type_name(t: &Type) -> String {
    match t {
        Type::Named(id) => crate::lower::local_name(id).to_owned(),
        Type::List(t) => format!("list<{}>", type_name(t)),
        Type::Map(t) => format!("map<{}>", type_name(t)),
        Type::Optional(t) => format!("{}?", type_name(t)),
        Type::Timestamp(_) => "timestamp".into(),
        other => format!("{other:?}").to_lowercase(),
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
