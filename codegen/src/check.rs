//! Model rules the back end relies on, one function per rule. Each records
//! located errors; none stops early.

use crate::diag::Diagnostics;
use crate::ir::*;
use std::collections::{BTreeMap, BTreeSet};

/// Runs every rule.
pub fn check(service: &Service, diags: &mut Diagnostics) {
    let rule_params = rule_set_parameters(service);
    for op in &service.operations {
        endpoint_params_fit(service, op, rule_params.as_ref(), diags);
        labels_match_uri(op, diags);
        labels_are_required_strings(op, diags);
        pagination_members_exist(op, diags);
        host_prefix_labels(op, diags);
        customized_members_exist(op, diags);
        unique_member_names(&op.input, diags);
        unique_member_names(&op.output, diags);
        streams_are_payloads(&op.input, true, diags);
        if op.pagination.is_some() && op.input.has_stream() {
            diags.warn(
                &op.id,
                "paginated, but its input is a stream, which can be sent once: no paginator",
                None,
            );
        }
        streams_are_payloads(&op.output, true, diags);
        union_repr_on_unions_only(&op.input, diags);
        union_repr_on_unions_only(&op.output, diags);
    }
    for shape in service.shapes.values() {
        match shape {
            Shape::Structure(s) => {
                unique_member_names(s, diags);
                streams_are_payloads(s, false, diags);
                union_repr_on_unions_only(s, diags);
                status_range_is_http(s, diags);
            }
            Shape::Union(s) => {
                unique_member_names(s, diags);
                unique_union_variants(s, diags);
                streams_are_payloads(s, false, diags);
                union_repr_fits(service, s, diags);
            }
            Shape::Enum(e) => unique_variants(e, diags),
            Shape::IntEnum(_) => {}
        }
    }
    patterns_compile(service, diags);
    unique_type_names(service, diags);
    unique_operation_names(service, diags);
    sigv4_has_signing_name(service, diags);
    errors_are_error_structures(service, diags);
    named_types_resolve(service, diags);
    names_are_identifiers(service, diags);
    values_fit(service, diags);
    http_is_well_formed(service, diags);
    bindings_fit_targets(service, diags);
    for op in &service.operations {
        request_only_bindings(service, op, diags);
        one_body_form(op, diags);
        openapi_names(op, diags);
    }
}

/// Styled query parameters, cookies, form fields and multipart parts are
/// forms of a request: only an operation's input has them, and only under
/// restJson1, whose serializer reads bindings (awsJson sends every member
/// in its JSON body).
fn request_only_bindings(service: &Service, op: &Operation, diags: &mut Diagnostics) {
    for m in op
        .output
        .members
        .iter()
        .filter(|m| m.binding.is_request_only())
    {
        diags.error(
            format!("{}${}", op.output.id, m.name),
            format!(
                "{} binds a request member; an output has none",
                binding_name(&m.binding)
            ),
            Some("bind the member to the body or a header of the response"),
        );
    }
    if service.protocol.is_aws_json() {
        for m in op
            .input
            .members
            .iter()
            .filter(|m| m.binding.is_request_only())
        {
            diags.error(
                format!("{}${}", op.input.id, m.name),
                format!(
                    "{} means nothing under {}, which sends every member in its JSON body",
                    binding_name(&m.binding),
                    service.protocol.name()
                ),
                Some("bind the member to the body, or use restJson1"),
            );
        }
    }
}

/// A request has one body: JSON (body members or a payload), a form or a
/// multipart form, never two of them.
fn one_body_form(op: &Operation, diags: &mut Diagnostics) {
    let kind = |b: &Binding| match b {
        Binding::Body | Binding::Payload => Some("a JSON body or payload"),
        Binding::FormField(_) => Some("an `application/x-www-form-urlencoded` body"),
        Binding::MultipartPart(_) => Some("a `multipart/form-data` body"),
        _ => None,
    };
    let Some(first) = op.input.members.iter().find(|m| kind(&m.binding).is_some()) else {
        return;
    };
    let first_kind = kind(&first.binding);
    for m in &op.input.members {
        if let Some(k) = kind(&m.binding).filter(|k| Some(*k) != first_kind) {
            diags.error(
                format!("{}${}", op.input.id, m.name),
                format!(
                    "{} makes {k}, but `{}` ({}) already makes {}",
                    binding_name(&m.binding),
                    first.name,
                    binding_name(&first.binding),
                    first_kind.unwrap_or_default()
                ),
                Some("a request has one body: bind every body member the same way"),
            );
        }
    }
}

/// Cookie names are tokens (RFC 6265); a cookie, form field or multipart
/// part is named once in an input, and named.
fn openapi_names(op: &Operation, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    for m in &op.input.members {
        let (what, name) = match &m.binding {
            Binding::Cookie(c) => ("cookie", c),
            Binding::FormField(f) => ("form field", f),
            Binding::MultipartPart(p) => ("multipart part", p),
            _ => continue,
        };
        let loc = format!("{}${}", op.input.id, m.name);
        if what == "cookie" && !is_http_token(name) {
            diags.error(
                &loc,
                format!("`{name}` is not a cookie name"),
                Some("cookie names are RFC 9110 tokens: letters, digits and `!#$%&'*+-.^_`|~`"),
            );
        } else if name.is_empty() || name.contains(['\r', '\n']) {
            diags.error(
                &loc,
                format!("{what} name {name:?} is empty or holds a line break"),
                Some("name the field with text on one line"),
            );
        }
        if let Some(other) = seen.insert((what, name), &m.name) {
            diags.error(
                &loc,
                format!("{what} `{name}` is bound to `{other}` too"),
                Some("bind each name to one member"),
            );
        }
    }
}

/// Each HTTP binding targets what it can carry ([`Binding::fits_target`]).
/// (Labels: `labels_are_required_strings`; form fields and parts hold
/// anything but a stream: `streams_are_payloads`.)
fn bindings_fit_targets(service: &Service, diags: &mut Diagnostics) {
    for op in &service.operations {
        for s in [&op.input, &op.output] {
            for m in &s.members {
                if let Err(what) = m.binding.fits_target(&m.ty, &service.shapes) {
                    diags.error(
                        format!("{}${}", s.id, m.name),
                        format!(
                            "a member bound with {} must target {what}",
                            binding_name(&m.binding)
                        ),
                        Some("change the member's target or its binding"),
                    );
                }
            }
        }
    }
}

/// The trait a binding comes from, for messages.
fn binding_name(b: &Binding) -> &'static str {
    match b {
        Binding::Body => "no HTTP trait",
        Binding::Label => "`@httpLabel`",
        Binding::Query(_) => "`@httpQuery`",
        Binding::Header(_) => "`@httpHeader`",
        Binding::QueryParams => "`@httpQueryParams`",
        Binding::PrefixHeaders(_) => "`@httpPrefixHeaders`",
        Binding::Payload => "`@httpPayload`",
        Binding::ResponseCode => "`@httpResponseCode`",
        Binding::QueryStyled { .. } => "a styled query parameter",
        Binding::Cookie(_) => "a cookie parameter",
        Binding::FormField(_) => "a form field",
        Binding::MultipartPart(_) => "a multipart part",
    }
}

/// Methods and header names are HTTP tokens, status codes are three-digit:
/// requests the model describes can be sent and responses matched.
fn http_is_well_formed(service: &Service, diags: &mut Diagnostics) {
    let token = is_http_token;
    for op in &service.operations {
        if !token(&op.method) {
            diags.error(
                &op.id,
                format!("HTTP method `{}` is not a token", op.method),
                None,
            );
        }
        if !(100..=599).contains(&op.code) {
            diags.error(
                &op.id,
                format!("success status {} is not an HTTP status", op.code),
                None,
            );
        }
        for s in [&op.input, &op.output] {
            for m in &s.members {
                let (Binding::Header(name) | Binding::PrefixHeaders(name)) = &m.binding else {
                    continue;
                };
                let prefix = matches!(m.binding, Binding::PrefixHeaders(_)) && name.is_empty();
                if !prefix && !token(name) {
                    diags.error(
                        format!("{}${}", s.id, m.name),
                        format!("`{name}` is not an HTTP header name"),
                        Some("header names are letters, digits and `-` (RFC 9110 tokens)"),
                    );
                }
            }
        }
    }
    for shape in service.shapes.values() {
        if let Shape::Structure(Structure {
            id,
            error:
                Some(ErrorInfo {
                    status: Some(status),
                    ..
                }),
            ..
        }) = shape
        {
            if !(100..=599).contains(status) {
                diags.error(
                    id,
                    format!("error status {status} is not an HTTP status"),
                    None,
                );
            }
        }
    }
}

/// Every structure of the service: operations' inputs and outputs, and the
/// named ones.
fn structures(service: &Service) -> impl Iterator<Item = &Structure> {
    service
        .operations
        .iter()
        .flat_map(|o| [&o.input, &o.output])
        .chain(service.shapes.values().filter_map(|s| match s {
            Shape::Structure(s) | Shape::Union(s) => Some(s),
            Shape::Enum(_) | Shape::IntEnum(_) => None,
        }))
}

/// An operation's errors are error structures (the back end writes their
/// metadata and matches their codes), and none is named like the
/// `Unhandled` variant every operation error has.
fn errors_are_error_structures(service: &Service, diags: &mut Diagnostics) {
    for op in &service.operations {
        for id in &op.errors {
            match service.shapes.get(id) {
                Some(Shape::Structure(s)) if s.error.is_some() => {
                    if s.rust_name == "Unhandled" {
                        diags.error(
                            id,
                            "an error named `Unhandled` takes the name of the variant for errors the model does not know",
                            Some("rename the error shape"),
                        );
                    }
                }
                Some(_) => diags.error(
                    &op.id,
                    format!("error `{id}` is not an error structure"),
                    Some("mark the structure with `smithy.api#error` (OpenAPI: `x-sdkgen-error` on the component), or drop it from the operation's errors"),
                ),
                None => diags.error(
                    &op.id,
                    format!("error `{id}` names no shape"),
                    Some("point the operation's errors at error structures of the model"),
                ),
            }
        }
    }
}

/// Every named type a member targets is a shape of the service.
fn named_types_resolve(service: &Service, diags: &mut Diagnostics) {
    fn named(ty: &Type) -> Option<&ShapeId> {
        match ty {
            Type::Named(id) => Some(id),
            Type::List(t) | Type::Map(t) | Type::Optional(t) => named(t),
            _ => None,
        }
    }
    for s in structures(service) {
        for m in &s.members {
            if let Some(id) = named(&m.ty).filter(|id| !service.shapes.contains_key(*id)) {
                diags.error(
                    format!("{}${}", s.id, m.name),
                    format!("targets `{id}`, which is no shape of the service"),
                    Some("add the shape, or target one that exists"),
                );
            }
        }
    }
}

/// Every Rust name `normalize` made is an identifier the back end can
/// write: an ASCII word, not a keyword (members may be raw, `r#type`).
fn names_are_identifiers(service: &Service, diags: &mut Diagnostics) {
    let mut expect = |location: &str, what: &str, model: &str, rust: &str| {
        let plain = rust.strip_prefix("r#").unwrap_or(rust);
        let word = !plain.is_empty()
            && plain.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !plain.starts_with(|c: char| c.is_ascii_digit())
            && plain != "_";
        if !word || syn::parse_str::<syn::Ident>(rust).is_err() {
            diags.error(
                location,
                format!("{what} `{model}` makes no Rust identifier (`{rust}`)"),
                Some("name it with ASCII letters or digits"),
            );
        }
    };
    for op in &service.operations {
        let names = &op.names;
        for (what, rust) in [
            ("operation", &op.rust_name),
            ("operation", &names.type_name),
            ("operation", &names.error),
        ] {
            expect(&op.id, what, &op.name, rust);
        }
        for t in &op.protocol_tests {
            expect(
                &format!("{}/{}", op.id, t.id),
                "protocol case",
                &t.id,
                &t.rust_name,
            );
        }
    }
    for s in structures(service) {
        expect(&s.id, "shape", &s.name, &s.rust_name);
        for m in &s.members {
            let location = format!("{}${}", s.id, m.name);
            expect(&location, "member", &m.name, &m.rust_name);
        }
    }
    for shape in service.shapes.values() {
        match shape {
            Shape::Enum(e) => {
                expect(&e.id, "shape", &e.id, &e.rust_name);
                for v in &e.variants {
                    expect(&e.id, "enum value", &v.value, &v.rust_name);
                }
            }
            Shape::IntEnum(e) => {
                expect(&e.id, "shape", &e.id, &e.rust_name);
                for (name, _) in &e.variants {
                    expect(&e.id, "int enum value", name, name);
                }
            }
            Shape::Structure(_) | Shape::Union(_) => {}
        }
    }
}

/// Two operations must not make the same module, client method or types.
fn unique_operation_names(service: &Service, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for (i, op) in service.operations.iter().enumerate() {
        for name in [&op.rust_name, &op.names.type_name] {
            // Two operations, even of one name (an OpenAPI document can
            // repeat an operationId), not one operation's two names.
            if let Some((j, first)) = seen.insert(name, (i, &op.name)) {
                if j != i {
                    diags.error(
                        &op.id,
                        format!("becomes the Rust name `{name}`, as operation `{first}` does"),
                        Some("rename one of the operations"),
                    );
                }
            }
        }
        let mut tests = BTreeMap::new();
        for t in &op.protocol_tests {
            if let Some(first) = tests.insert(&t.rust_name, &t.id) {
                diags.error(
                    &op.id,
                    format!(
                        "protocol cases `{first}` and `{}` make the same test function `{}`",
                        t.id, t.rust_name
                    ),
                    Some("rename one of the cases"),
                );
            }
        }
    }
}

/// `@default` values and protocol cases' `params` fit their types: the
/// back end writes them as Rust literals.
fn values_fit(service: &Service, diags: &mut Diagnostics) {
    for s in structures(service) {
        for m in &s.members {
            if let Some(Err(e)) = m.default.as_ref().map(|d| d.fits(&m.ty, &service.shapes)) {
                diags.error(
                    format!("{}${}", s.id, m.name),
                    format!("the `@default` value does not fit the member: {e}"),
                    Some("give a default of the member's type and range"),
                );
            }
        }
    }
    for op in &service.operations {
        for t in &op.protocol_tests {
            let Ok(params) = &t.params else { continue };
            let fits = t
                .target(&op.input, &op.output, &service.shapes)
                .and_then(|s| params.fits_structure(s, &service.shapes));
            if let Err(e) = fits {
                diags.error(
                    format!("{}/{}", op.id, t.id),
                    format!("protocol case `params` do not fit: {e}"),
                    None,
                );
            }
        }
    }
}

/// SigV4 signs for a service name: an operation signed with SigV4 needs
/// the service's `aws.auth#sigv4` `name`.
fn sigv4_has_signing_name(service: &Service, diags: &mut Diagnostics) {
    if service
        .signing_name
        .as_deref()
        .is_some_and(|n| !n.is_empty())
    {
        return;
    }
    let signed: Vec<&str> = service
        .operations
        .iter()
        .filter(|op| op.auth.contains(&AuthScheme::SigV4))
        .map(|op| op.name.as_str())
        .collect();
    if let Some(first) = signed.first() {
        let more = match signed.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        diags.error(
            &service.id,
            format!(
                "`aws.auth#sigv4` has no `name`, which SigV4 signs for (used by `{first}`{more})"
            ),
            Some("add \"aws.auth#sigv4\": {\"name\": \"<signing name>\"}"),
        );
    }
}

/// A streaming blob is the whole body of a request or response: only an
/// operation's input or output can hold one, bound with `@httpPayload`.
fn streams_are_payloads(s: &Structure, io: bool, diags: &mut Diagnostics) {
    fn holds_stream(ty: &Type) -> bool {
        match ty {
            Type::Stream { .. } => true,
            Type::List(t) | Type::Map(t) | Type::Optional(t) => holds_stream(t),
            _ => false,
        }
    }
    for m in &s.members {
        let payload = io && m.binding == Binding::Payload && m.ty.is_stream();
        if holds_stream(&m.ty) && matches!(m.binding, Binding::MultipartPart(_)) {
            // A request is serialized in memory, before it is sent; a
            // multipart body of a stream would have to read it whole.
            diags.error(
                format!("{}${}", s.id, m.name),
                "a `@streaming` blob in a multipart part is not supported: multipart bodies are built in memory",
                Some("make the part a (non-streaming) blob, which is sent whole"),
            );
        } else if holds_stream(&m.ty) && !payload {
            diags.error(
                format!("{}${}", s.id, m.name),
                "a `@streaming` blob that is not the `@httpPayload` of an operation's input or output",
                Some("bind the member with `@httpPayload` in the operation's input or output, or drop `@streaming`"),
            );
        }
    }
}

/// Every `{Label}` in the URI is an input member bound with `@httpLabel`,
/// and every such member appears in the URI.
fn labels_match_uri(op: &Operation, diags: &mut Diagnostics) {
    let in_uri: BTreeSet<&str> = op
        .uri
        .iter()
        .filter_map(|s| match s {
            UriSegment::Label { member, .. } => Some(member.as_str()),
            UriSegment::Literal(_) => None,
        })
        .collect();
    for label in &in_uri {
        if !op
            .input
            .members
            .iter()
            .any(|m| m.name == *label && m.binding == Binding::Label)
        {
            diags.error(
                &op.id,
                format!("URI label `{{{label}}}` has no input member with `smithy.api#httpLabel`"),
                Some("add the member to the input with @httpLabel and @required"),
            );
        }
    }
    for m in op
        .input
        .members
        .iter()
        .filter(|m| m.binding == Binding::Label)
    {
        if !in_uri.contains(m.name.as_str()) {
            diags.error(
                format!("{}${}", op.input.id, m.name),
                format!(
                    "member is bound with @httpLabel but `{{{}}}` is not in the URI of `{}`",
                    m.name, op.name
                ),
                Some("add the label to the operation's `smithy.api#http` uri"),
            );
        }
    }
}

/// Labels must be `@required` (a URI cannot have a hole) and scalar.
fn labels_are_required_strings(op: &Operation, diags: &mut Diagnostics) {
    for m in op
        .input
        .members
        .iter()
        .filter(|m| m.binding == Binding::Label)
    {
        let loc = format!("{}${}", op.input.id, m.name);
        if !m.required {
            diags.error(
                &loc,
                "an @httpLabel member must be @required",
                Some("add \"smithy.api#required\": {}"),
            );
        }
        if matches!(
            m.ty,
            Type::List(_) | Type::Map(_) | Type::Document | Type::Blob
        ) {
            diags.error(
                &loc,
                "an @httpLabel member must target a scalar shape",
                None,
            );
        }
    }
}

/// `@paginated` names members that exist with the right types: tokens are
/// strings, items a list, the page size a number.
/// The rule set's parameters and their types (`String`, `Boolean`,
/// `StringArray`), where the service has a rule set that reads.
fn rule_set_parameters(service: &Service) -> Option<BTreeMap<String, String>> {
    let rules = service.endpoint_rules.as_ref()?;
    let doc: serde_json::Value = serde_json::from_str(&rules.rule_set).ok()?;
    let params = doc.get("parameters")?.as_object()?;
    Some(
        params
            .iter()
            .map(|(name, p)| {
                let ty = p.get("type").and_then(|t| t.as_str()).unwrap_or_default();
                // The specification spells it `stringArray` too.
                let ty = if ty.eq_ignore_ascii_case("stringArray") {
                    "StringArray"
                } else if ty.eq_ignore_ascii_case("boolean") {
                    "Boolean"
                } else {
                    "String"
                };
                (name.clone(), ty.to_owned())
            })
            .collect(),
    )
}

/// Every endpoint rule parameter an operation sets is one the rule set
/// declares, and its value has the parameter's type: a static value of
/// that type, a member or path that reaches one.
fn endpoint_params_fit(
    service: &Service,
    op: &Operation,
    rule_params: Option<&BTreeMap<String, String>>,
    diags: &mut Diagnostics,
) {
    for p in &op.endpoint_params {
        let what = match &p.source {
            EndpointParamSource::Static(_) => format!("static context parameter `{}`", p.name),
            EndpointParamSource::Member(m) => {
                format!("context parameter `{}` (member `{m}`)", p.name)
            }
            EndpointParamSource::Path { text, .. } => {
                format!("operation context parameter `{}` (path `{text}`)", p.name)
            }
        };
        let got = match (&p.source, p.walk(&op.input, &service.shapes)) {
            (EndpointParamSource::Static(v), _) => match v {
                serde_json::Value::String(_) => "String",
                serde_json::Value::Bool(_) => "Boolean",
                serde_json::Value::Array(items)
                    if items.iter().all(serde_json::Value::is_string) =>
                {
                    "StringArray"
                }
                other => {
                    diags.error(
                        &op.id,
                        format!("{what} is {other}"),
                        Some("endpoint parameters are strings, booleans or lists of strings"),
                    );
                    continue;
                }
            },
            (_, Some(Ok(walk))) => {
                let projected = walk
                    .steps
                    .iter()
                    .any(|s| matches!(s, WalkStep::Each { .. }));
                walk.leaf.rules_type(projected)
            }
            (_, Some(Err(e))) => {
                diags.error(&op.id, format!("{what}: {e}"), None);
                continue;
            }
            (_, None) => continue,
        };
        let Some(rule_params) = rule_params else {
            continue;
        };
        match rule_params.get(&p.name) {
            None => diags.error(
                &op.id,
                format!("{what} is not a parameter of the service's endpoint rule set"),
                Some(&format!(
                    "the rule set declares: {}",
                    rule_params.keys().cloned().collect::<Vec<_>>().join(", ")
                )),
            ),
            Some(want) if want != got => diags.error(
                &op.id,
                format!("{what} is a {got}, but the rule set declares it a {want}"),
                None,
            ),
            Some(_) => {}
        }
    }
}

/// Every `{Label}` of an `@endpoint` host prefix is closed and names an
/// input member with `@hostLabel` semantics (a required string).
/// Every input member a service customization fills or reads is a string
/// member of the input, and the payload it hashes exists.
fn customized_members_exist(op: &Operation, diags: &mut Diagnostics) {
    let c = &op.customizations;
    let named = c
        .fill_when_empty
        .iter()
        .map(|(name, _)| name.as_str())
        .chain(c.endpoint_member.as_deref());
    for name in named {
        if !op
            .input
            .members
            .iter()
            .any(|m| m.name == name && m.ty == Type::String)
        {
            diags.error(
                &op.id,
                format!("the service customization names `{name}`, which is no string input member"),
                Some("the model differs from the one the customization was written for: update `customize.rs`"),
            );
        }
    }
    if !c.payload_checksums.is_empty()
        && !op
            .input
            .members
            .iter()
            .any(|m| m.binding == Binding::Payload)
    {
        diags.error(
            &op.id,
            "the service customization hashes the payload, but the input has no `@httpPayload` member",
            Some("the model differs from the one the customization was written for: update `customize.rs`"),
        );
    }
}

fn host_prefix_labels(op: &Operation, diags: &mut Diagnostics) {
    let Some(prefix) = &op.host_prefix else {
        return;
    };
    let segments = match parse_uri_pattern(prefix) {
        Ok((segments, _)) => segments,
        Err(e) => {
            diags.error(
                &op.id,
                format!("`smithy.api#endpoint` hostPrefix: {e}"),
                None,
            );
            return;
        }
    };
    for segment in segments {
        let UriSegment::Label { member, .. } = segment else {
            continue;
        };
        let found = op.input.members.iter().find(|m| m.name == member);
        if !found.is_some_and(|m| m.ty == Type::String) {
            diags.error(
                &op.id,
                format!("hostPrefix label `{{{member}}}` names no string input member"),
                Some("mark a string input member with @hostLabel and name it in the prefix"),
            );
        }
    }
}

fn pagination_members_exist(op: &Operation, diags: &mut Diagnostics) {
    let Some(p) = &op.pagination else { return };
    let find =
        |s: &Structure, n: &str| s.members.iter().find(|m| m.name == n).map(|m| m.ty.clone());
    let mut expect =
        |s: &Structure, name: &str, what: &str, ok: fn(&Type) -> bool| match find(s, name) {
            Some(t) if ok(&t) => {}
            Some(_) => diags.error(
                &op.id,
                format!("@paginated member `{name}` of `{}` is not {what}", s.name),
                None,
            ),
            None => diags.error(
                &op.id,
                format!(
                    "@paginated names `{name}`, which `{}` does not have",
                    s.name
                ),
                Some("fix the member names in the paginated trait"),
            ),
        };
    // A token is handed from the output to the next input as it is: a
    // string, or any other value (DynamoDB's `ExclusiveStartKey` is a map),
    // but not a stream, and of one type on both sides.
    let token = |t: &Type| !matches!(t, Type::Stream { .. } | Type::Unit);
    expect(
        &op.input,
        &p.input_token,
        "a value that can be resent",
        token,
    );
    expect(
        &op.output,
        &p.output_token,
        "a value that can be resent",
        token,
    );
    if let Some(items) = &p.items {
        expect(&op.output, items, "a list or map", |t| {
            matches!(t, Type::List(_) | Type::Map(_))
        });
    }
    if let Some(size) = &p.page_size {
        expect(&op.input, size, "an integer", |t| {
            matches!(t, Type::Byte | Type::Short | Type::Integer | Type::Long)
        });
    }
    if let (Some(i), Some(o)) = (
        find(&op.input, &p.input_token),
        find(&op.output, &p.output_token),
    ) {
        if i != o {
            diags.error(
                &op.id,
                format!(
                    "@paginated tokens `{}` of `{}` and `{}` of `{}` differ in type",
                    p.input_token, op.input.name, p.output_token, op.output.name
                ),
                Some("the output's token is sent as the next input's"),
            );
        }
    }
}

/// Two members must not map to the same Rust field.
fn unique_member_names(s: &Structure, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for m in &s.members {
        if let Some(first) = seen.insert(&m.rust_name, &m.name) {
            diags.error(
                format!("{}${}", s.id, m.name),
                format!(
                    "member becomes the Rust field `{}`, as `{first}` does",
                    m.rust_name
                ),
                Some("rename one of the members"),
            );
        }
    }
}

/// Two union members must not map to the same Rust variant.
fn unique_union_variants(u: &Structure, diags: &mut Diagnostics) {
    let mut seen = BTreeMap::new();
    for m in &u.members {
        let variant = crate::names::variant_ident(&m.name, 0);
        if let Some(first) = seen.insert(variant.clone(), &m.name) {
            diags.error(
                format!("{}${}", u.id, m.name),
                format!("member becomes the Rust variant `{variant}`, as `{first}` does"),
                Some("rename one of the members"),
            );
        }
    }
}

/// A representation other than Smithy's belongs to a union.
fn union_repr_on_unions_only(s: &Structure, diags: &mut Diagnostics) {
    if s.union_repr != UnionRepr::Tagged {
        diags.error(
            &s.id,
            format!(
                "a structure states the union representation {:?}",
                s.union_repr
            ),
            Some("only a `Shape::Union` has a representation; use `UnionRepr::Tagged` here"),
        );
    }
}

/// An untagged union's variants carry values (a unit has none to tell it
/// by); a discriminated union's variants are structures with distinct
/// discriminator values, whose own member of the discriminator's name, if
/// any, is a string.
fn union_repr_fits(service: &Service, u: &Structure, diags: &mut Diagnostics) {
    let at = |m: &Member| format!("{}${}", u.id, m.name);
    match &u.union_repr {
        UnionRepr::Tagged => {}
        UnionRepr::Untagged => {
            for m in u.members.iter().filter(|m| m.ty == Type::Unit) {
                diags.error(
                    at(m),
                    "a variant of an untagged union carries no value: nothing on the wire tells it apart",
                    Some("give the variant a type, or make the union tagged or discriminated"),
                );
            }
        }
        UnionRepr::Discriminated { property } => {
            if property.is_empty() {
                diags.error(
                    &u.id,
                    "the discriminator property of a discriminated union is empty",
                    Some("name the JSON property that holds the variant's tag"),
                );
            }
            let mut tags: BTreeMap<&str, &str> = BTreeMap::new();
            for m in &u.members {
                if let Some(first) = tags.insert(&m.json_name, &m.name) {
                    diags.error(
                        at(m),
                        format!(
                            "discriminator value `{}` is also that of `{first}`",
                            m.json_name
                        ),
                        Some("give each variant its own value (the member's JSON name)"),
                    );
                }
                let variant = match &m.ty {
                    Type::Named(id) => match service.shapes.get(id) {
                        Some(Shape::Structure(s)) if s.error.is_none() => Some(s),
                        _ => None,
                    },
                    _ => None,
                };
                let Some(variant) = variant else {
                    diags.error(
                        at(m),
                        format!("a variant of a discriminated union is a {:?}, not a structure", m.ty),
                        Some("discriminated variants are objects: target a structure, or make the union untagged"),
                    );
                    continue;
                };
                let own = variant.members.iter().find(|vm| &vm.json_name == property);
                let is_string = |ty: &Type| match ty {
                    Type::String => true,
                    Type::Named(id) => matches!(service.shapes.get(id), Some(Shape::Enum(_))),
                    _ => false,
                };
                if let Some(own) = own.filter(|own| !is_string(&own.ty)) {
                    diags.error(
                        format!("{}${}", variant.id, own.name),
                        format!(
                            "the member holds the discriminator `{property}` of `{}`, but is a {:?}",
                            u.id, own.ty
                        ),
                        Some("a discriminator is a string: make the member a string or a string enum"),
                    );
                }
            }
        }
    }
}

/// A status range is a range of HTTP error statuses, wider than one.
fn status_range_is_http(s: &Structure, diags: &mut Diagnostics) {
    let Some((lo, hi)) = s.error.as_ref().and_then(|e| e.status_range) else {
        return;
    };
    if !(100..=599).contains(&lo) || !(100..=599).contains(&hi) || lo >= hi {
        diags.error(
            &s.id,
            format!("error status range {lo}..={hi} is not a range of HTTP statuses"),
            Some("state a range within 100..=599 whose low end is below its high end (one status is `status`)"),
        );
    }
}

/// Two enum values must not map to the same Rust variant.
fn unique_variants(e: &Enum, diags: &mut Diagnostics) {
    let mut seen = BTreeSet::new();
    for v in &e.variants {
        if !seen.insert(&v.rust_name) {
            diags.error(
                &e.id,
                format!("two values become the Rust variant `{}`", v.rust_name),
                Some("rename one of the enum members"),
            );
        }
    }
}

/// Every `@pattern` is read by the rule the runtime compiles it with:
/// `sdkgen_pattern::read`, the same function (ECMA 262 with the `u` flag,
/// else Annex B syntax; java.util.regex's property names where ECMA 262
/// has none, with a warning). See that crate for the rule. A pattern it
/// cannot read is left unchecked, with a warning.
fn patterns_compile(service: &Service, diags: &mut Diagnostics) {
    // One reading per distinct pattern: compiling one can take milliseconds
    // and a model can place it on a hundred members.
    let mut readings = BTreeMap::new();
    for s in structures(service) {
        for m in &s.members {
            let Some(p) = &m.constraints.pattern else {
                continue;
            };
            let location = format!("{}${}", s.id, m.name);
            let reading = readings
                .entry(p.as_str())
                .or_insert_with(|| sdkgen_pattern::read(p));
            match reading {
                // AWS models carry patterns in java.util.regex syntax
                // (`(?s)`, `\A`, `&&` in a class): the service checks them,
                // the SDK cannot, so it does not, and says so.
                Err(e) => diags.warn(
                    location,
                    format!("`smithy.api#pattern` `{p}` is not an ECMA 262 regular expression the SDK can check: {e}; values are sent unchecked against it (the service checks them)"),
                    Some(e.hint()),
                ),
                Ok(reading) => {
                    for j in &reading.java_names {
                        let hint = match j.spelling.as_str() {
                            "" => "drop it for the same meaning in ECMA 262".to_owned(),
                            s => format!("write `{s}` for the same meaning in ECMA 262"),
                        };
                        diags.warn(
                            &location,
                            format!(
                                "`smithy.api#pattern` `{p}`: `{}` is not ECMA 262; read as java.util.regex reads it (Smithy's Java tooling checks patterns with it): {}",
                                j.escape, j.meaning
                            ),
                            Some(&hint),
                        );
                    }
                }
            }
        }
    }
}

/// Shapes from different namespaces must not collide in `types`. (An
/// operation's input and output live in its own module,
/// `operation::<op>::{<Op>Input, <Op>Output}`, as in aws-sdk-rust, so a
/// shape named `<Op>Input` in `types` beside them is no collision.)
fn unique_type_names(service: &Service, diags: &mut Diagnostics) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (id, shape) in &service.shapes {
        let name = match shape {
            Shape::Structure(s) | Shape::Union(s) => &s.rust_name,
            Shape::Enum(e) => &e.rust_name,
            Shape::IntEnum(e) => &e.rust_name,
        };
        if let Some(first) = seen.insert(name.clone(), id) {
            if first != id {
                diags.error(
                    id,
                    format!("becomes the Rust type `{name}`, as `{first}` does"),
                    Some("rename one of the shapes"),
                );
            }
        }
    }
}
