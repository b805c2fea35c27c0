//! Front end, second half: raw Smithy shapes into the IR.
//!
//! Resolves every reference, merges member and target traits, picks names,
//! and keeps only what the selected operations reach. Problems are recorded
//! with their shape id; lowering goes on past them so that one run reports
//! every problem.

use crate::diag::Diagnostics;
use crate::ir::*;
use crate::names;
use crate::parse::Ast;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

mod auth;

const HTTP: &str = "smithy.api#http";

/// Lowers the service in `ast` with the operations named in `only` (all when
/// `None`).
pub fn lower(ast: &Ast, settings: &crate::Settings, diags: &mut Diagnostics) -> Option<Service> {
    let only = settings.operations.as_deref();
    let services: Vec<_> = ast
        .shapes
        .iter()
        .filter(|(id, s)| {
            kind(s) == "service" && settings.service.as_ref().is_none_or(|want| want == *id)
        })
        .collect();
    let (service_id, service) = match services.as_slice() {
        [one] => *one,
        [] => {
            let ids: Vec<&str> = ast
                .shapes
                .iter()
                .filter(|(_, s)| kind(s) == "service")
                .map(|(id, _)| id.as_str())
                .collect();
            match (&settings.service, ids.as_slice()) {
                (Some(want), []) => diags.error(
                    "model",
                    format!("service `{want}` is not in the model, which has no service shape"),
                    Some("the model needs one shape of type `service`"),
                ),
                (Some(want), ids) => diags.error(
                    "model",
                    format!("service `{want}` is not in the model"),
                    Some(&format!("the model's services: {}", ids.join(", "))),
                ),
                (None, _) => diags.error(
                    "model",
                    "no service shape",
                    Some("the model needs one shape of type `service`"),
                ),
            }
            return None;
        }
        many => {
            let ids: Vec<_> = many.iter().map(|(id, _)| id.as_str()).collect();
            diags.error(
                "model",
                format!("more than one service shape: {}", ids.join(", ")),
                Some("select one with Settings::service (--service on the command line)"),
            );
            return None;
        }
    };
    let renames = service
        .get("rename")
        .and_then(Value::as_object)
        .map(|r| {
            r.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    let mut cx = Lower {
        ast,
        diags,
        shapes: BTreeMap::new(),
        renames,
        tested_errors: Default::default(),
        open_collections: Default::default(),
        protocol: Protocol::RestJson1,
        query_compatible: false,
    };
    let traits = traits_of(service);
    match Protocol::ALL
        .into_iter()
        .find(|p| traits.contains_key(p.trait_id()))
    {
        Some(protocol) => cx.protocol = protocol,
        None => cx.diags.error(
            service_id,
            "the service uses no protocol the generator supports",
            Some(&format!(
                "supported: {}",
                Protocol::ALL
                    .map(|p| format!("`{}`", p.trait_id()))
                    .join(", ")
            )),
        ),
    }
    cx.query_compatible = traits.contains_key("aws.protocols#awsQueryCompatible");
    let sdk_id = traits
        .get("aws.api#service")
        .and_then(|s| s.get("sdkId"))
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| local_name(service_id).to_owned());
    // Only needed with SigV4, which `check` requires a name for.
    let signing_name = traits
        .get("aws.auth#sigv4")
        .and_then(|s| s.get("name"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let auth = auth::ServiceAuth::new(ast, service_id, traits, cx.diags);
    let default_prefix = signing_name
        .clone()
        .unwrap_or_else(|| sdk_id.to_lowercase().replace(' ', ""));
    let endpoint = endpoint(traits, &default_prefix);

    let mut op_ids: Vec<String> = Vec::new();
    collect_operations(ast, service, &mut op_ids, &mut Default::default());
    if let Some(only) = only {
        for name in only {
            if !op_ids.iter().any(|id| local_name(id) == name) {
                cx.diags.error(
                    service_id,
                    format!("operation `{name}` selected in the settings is not in the service"),
                    None,
                );
            }
        }
        op_ids.retain(|id| only.iter().any(|n| n == local_name(id)));
    }
    let service_errors = refs(service, "errors");
    let service_paging = traits
        .get("smithy.api#paginated")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut operations = Vec::new();
    for id in &op_ids {
        if let Some(op) = cx.operation(id, &service_errors, &service_paging, &auth) {
            operations.push(op);
        }
    }
    mark_recursive_members(&mut cx.shapes);
    Some(Service {
        id: service_id.clone(),
        sdk_id,
        version: service
            .get("version")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        protocol: cx.protocol,
        query_compatible: cx.query_compatible,
        signing_name,
        auth: auth.service_schemes(),
        endpoint,
        endpoint_rules: endpoint_rules(traits),
        docs: docs(traits),
        operations,
        shapes: cx.shapes,
    })
}

/// Operations bound to the service directly and through resources, in model order.
fn collect_operations(
    ast: &Ast,
    shape: &Map<String, Value>,
    out: &mut Vec<String>,
    seen: &mut std::collections::BTreeSet<String>,
) {
    for key in [
        "operations",
        "create",
        "put",
        "read",
        "update",
        "delete",
        "list",
        "collectionOperations",
    ] {
        for id in refs(shape, key) {
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    // A resource is read once: resources that name each other end.
    for id in refs(shape, "resources") {
        if let Some(resource) = ast.shapes.get(&id).filter(|_| seen.insert(id.clone())) {
            collect_operations(ast, resource, out, seen);
        }
    }
}

/// The default endpoint: a constant URL with a signing region in the
/// endpoint rules (a global endpoint, as Chime's), else the classic regional
/// pattern from the endpoint prefix.
fn endpoint(traits: &Map<String, Value>, default_prefix: &str) -> Endpoint {
    fn find(rules: &[Value]) -> Option<(String, String)> {
        for rule in rules {
            match rule.get("type").and_then(Value::as_str) {
                Some("endpoint") => {
                    let ep = rule.get("endpoint")?;
                    let url = ep
                        .get("url")
                        .and_then(Value::as_str)
                        .filter(|u| !u.contains('{'));
                    let region = ep
                        .pointer("/properties/authSchemes/0/signingRegion")
                        .and_then(Value::as_str);
                    if let (Some(url), Some(region)) = (url, region) {
                        return Some((url.to_owned(), region.to_owned()));
                    }
                }
                Some("tree") => {
                    if let Some(found) = rule
                        .get("rules")
                        .and_then(Value::as_array)
                        .and_then(|r| find(r))
                    {
                        return Some(found);
                    }
                }
                _ => {}
            }
        }
        None
    }
    let rules = traits
        .get("smithy.rules#endpointRuleSet")
        .and_then(|r| r.get("rules"))
        .and_then(Value::as_array);
    if let Some((url, signing_region)) = rules.and_then(|r| find(r)) {
        return Endpoint::Global {
            url,
            signing_region,
        };
    }
    let prefix = traits
        .get("aws.api#service")
        .and_then(|s| s.get("endpointPrefix"))
        .and_then(Value::as_str)
        .unwrap_or(default_prefix);
    Endpoint::Regional {
        prefix: prefix.to_owned(),
    }
}

struct Lower<'a> {
    ast: &'a Ast,
    diags: &'a mut Diagnostics,
    shapes: BTreeMap<ShapeId, Shape>,
    /// The service's `rename` map: shape id to the name used in its closure.
    renames: BTreeMap<ShapeId, String>,
    /// Errors whose protocol cases an operation already carries.
    tested_errors: std::collections::BTreeSet<ShapeId>,
    /// Lists and maps being lowered: one that holds itself (Smithy allows
    /// recursion only through structures and unions) is an error, not
    /// endless recursion.
    open_collections: std::collections::BTreeSet<ShapeId>,
    /// The service's protocol: what the HTTP traits mean.
    protocol: Protocol,
    /// `aws.protocols#awsQueryCompatible`.
    query_compatible: bool,
}

/// Where a structure is used decides which bindings mean something.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    Input,
    Output,
    Nested,
}

impl Lower<'_> {
    /// The endpoint rule parameters an operation sets: its
    /// `staticContextParams`, its input members' `contextParam`s and its
    /// `operationContextParams`, as the model states them.
    fn endpoint_params(&mut self, id: &str, op: &Map<String, Value>) -> Vec<EndpointParam> {
        let traits = traits_of(op);
        let mut out = Vec::new();
        let entries = |t: &str| {
            traits
                .get(t)
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
        };
        for (name, v) in entries("smithy.rules#staticContextParams") {
            match v.get("value") {
                Some(value) => out.push(EndpointParam {
                    name: name.clone(),
                    source: EndpointParamSource::Static(value.clone()),
                }),
                None => self.diags.error(
                    id,
                    format!("static context parameter `{name}` has no `value`"),
                    Some("write it as {\"value\": ...}"),
                ),
            }
        }
        let input = op
            .get("input")
            .and_then(|i| i.get("target"))
            .and_then(Value::as_str)
            .and_then(|t| self.ast.shapes.get(t));
        let members = input
            .and_then(|s| s.get("members"))
            .and_then(Value::as_object)
            .into_iter()
            .flatten();
        for (member, m) in members {
            let param = m
                .get("traits")
                .and_then(|t| t.get("smithy.rules#contextParam"))
                .and_then(|p| p.get("name"))
                .and_then(Value::as_str);
            if let Some(name) = param {
                out.push(EndpointParam {
                    name: name.to_owned(),
                    source: EndpointParamSource::Member(member.clone()),
                });
            }
        }
        for (name, v) in entries("smithy.rules#operationContextParams") {
            let Some(path) = v.get("path").and_then(Value::as_str) else {
                self.diags.error(
                    id,
                    format!("operation context parameter `{name}` has no `path`"),
                    Some("write it as {\"path\": \"Member.Member\"}"),
                );
                continue;
            };
            match EndpointParamSource::path(path) {
                Ok(source) => out.push(EndpointParam {
                    name: name.clone(),
                    source,
                }),
                Err(e) => self.diags.error(
                    id,
                    format!("operation context parameter `{name}`: {e}"),
                    Some("the rules language allows member names, `[*]` and `keys(...)` in paths"),
                ),
            }
        }
        out
    }

    fn operation(
        &mut self,
        id: &str,
        service_errors: &[String],
        service_paging: &Map<String, Value>,
        service_auth: &auth::ServiceAuth,
    ) -> Option<Operation> {
        let Some(shape) = self.ast.shapes.get(id) else {
            self.diags.error(
                id,
                "the service names an operation that does not exist",
                Some("check the service's `operations` list"),
            );
            return None;
        };
        if kind(shape) != "operation" {
            self.diags.error(
                id,
                format!("expected an operation, found a {}", kind(shape)),
                None,
            );
            return None;
        }
        let name = local_name(id).to_owned();
        let traits = traits_of(shape);
        // awsJson sends every operation as `POST /` (its HTTP traits, if
        // any, mean nothing there).
        let (method, segments, uri_query, code) = if self.protocol.is_aws_json() {
            (
                "POST".to_owned(),
                vec![UriSegment::Literal("/".to_owned())],
                Vec::new(),
                200,
            )
        } else {
            self.http(id, traits)?
        };

        let input = self.io_structure(shape, "input", &format!("{name}Input"), id, Role::Input);
        let output = self.io_structure(shape, "output", &format!("{name}Output"), id, Role::Output);
        let mut errors = Vec::new();
        for err in refs(shape, "errors")
            .into_iter()
            .chain(service_errors.iter().cloned())
        {
            if errors.contains(&err) {
                continue;
            }
            if self.error_structure(&err, id) {
                errors.push(err);
            }
        }
        for (io, s) in [("input", &input), ("output", &output)] {
            if let Some(m) = s.members.iter().find(|m| self.is_stream(&m.ty)) {
                self.diags.warn(id, format!("{io} member `{}` is an event stream, which is not supported yet: the operation is skipped", m.name), None);
                return None;
            }
        }
        let host_prefix = traits
            .get("smithy.api#endpoint")
            .and_then(|e| e.get("hostPrefix"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        let pagination = self.pagination(id, traits, service_paging);
        let protocol_tests = self.protocol_tests(traits, &errors);
        let gzip = traits
            .get("smithy.api#requestCompression")
            .and_then(|c| c.get("encodings"))
            .and_then(Value::as_array)
            .is_some_and(|e| e.iter().any(|x| x.as_str() == Some("gzip")));
        let auth = service_auth.operation(id, traits, self.diags);
        let endpoint_params = self.endpoint_params(id, shape);
        Some(Operation {
            endpoint_params,
            customizations: Default::default(),
            auth,
            checksum_required: traits.contains_key("smithy.api#httpChecksumRequired"),
            gzip,
            unsigned_payload: traits.contains_key("aws.auth#unsignedPayload"),
            protocol_tests,
            host_prefix,
            pagination,
            id: id.to_owned(),
            rust_name: names::field_ident(&name),
            names: Default::default(),
            docs: docs(traits),
            name,
            method,
            uri: segments,
            uri_query,
            code,
            input,
            output,
            errors,
        })
    }

    /// The `smithy.api#http` binding: method, URI pattern and success code.
    fn http(
        &mut self,
        id: &str,
        traits: &Map<String, Value>,
    ) -> Option<(String, Vec<UriSegment>, QueryLiterals, u16)> {
        let Some(http) = traits.get(HTTP).and_then(Value::as_object) else {
            self.diags.error(
                id,
                "operation has no `smithy.api#http` trait",
                Some("restJson1 needs {\"method\": ..., \"uri\": ...} on every operation"),
            );
            return None;
        };
        let method = http
            .get("method")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let uri = http
            .get("uri")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if method.is_empty() || !uri.starts_with('/') {
            self.diags.error(
                id,
                "`smithy.api#http` needs a `method` and a `uri` starting with `/`",
                None,
            );
            return None;
        }
        let code = match http.get("code") {
            None => 200,
            Some(c) => match c.as_u64().and_then(|c| u16::try_from(c).ok()) {
                Some(c) => c,
                None => {
                    self.diags
                        .error(id, "`smithy.api#http` `code` is not a status code", None);
                    200
                }
            },
        };
        let (segments, uri_query) = match parse_uri_pattern(&uri) {
            Ok(parsed) => parsed,
            Err(e) => {
                self.diags.error(id, e, None);
                return None;
            }
        };

        Some((method, segments, uri_query, code))
    }

    /// `@paginated`, merged with the service's defaults.
    fn pagination(
        &mut self,
        id: &str,
        traits: &Map<String, Value>,
        service_paging: &Map<String, Value>,
    ) -> Option<Pagination> {
        traits.get("smithy.api#paginated").and_then(Value::as_object).and_then(|own| {
            let get = |k: &str| own.get(k).or_else(|| service_paging.get(k)).and_then(Value::as_str).map(str::to_owned);
            let (input_token, output_token) = (get("inputToken")?, get("outputToken")?);
            let (items, page_size) = (get("items"), get("pageSize"));
            if [Some(&output_token), items.as_ref()].into_iter().flatten().any(|p| p.contains('.')) {
                self.diags.warn(id, "paginated with a nested output path: no paginator is generated", Some("only top-level output members are supported as `outputToken` and `items`"));
                return None;
            }
            Some(Pagination { input_token, output_token, items, page_size })
        })
    }

    /// The operation's client protocol cases, and those of its errors (an
    /// error's cases run once, with the first operation that lists it).
    fn protocol_tests(
        &mut self,
        traits: &Map<String, Value>,
        errors: &[String],
    ) -> Vec<ProtocolTest> {
        let mut protocol_tests = Vec::new();
        for (key, kind) in [
            ("smithy.test#httpRequestTests", TestKind::Request),
            ("smithy.test#httpResponseTests", TestKind::Response),
        ] {
            protocol_tests.extend(client_cases(traits, key, self.protocol).map(|case| {
                ProtocolTest {
                    id: case
                        .get("id")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    kind,
                    error: None,
                    rust_name: String::new(),
                    case,
                    params: Ok(crate::ir::Value::Null),
                }
            }));
        }
        // An error's cases run once, with the first operation that lists it.
        for err in errors {
            if self.tested_errors.insert(err.clone()) {
                if let Some(shape) = self.ast.shapes.get(err) {
                    protocol_tests.extend(
                        client_cases(
                            traits_of(shape),
                            "smithy.test#httpResponseTests",
                            self.protocol,
                        )
                        .map(|case| ProtocolTest {
                            id: case
                                .get("id")
                                .and_then(Value::as_str)
                                .unwrap_or_default()
                                .to_owned(),
                            kind: TestKind::Response,
                            error: Some(err.clone()),
                            rust_name: String::new(),
                            case,
                            params: Ok(crate::ir::Value::Null),
                        }),
                    );
                }
            }
        }
        protocol_tests
    }

    fn io_structure(
        &mut self,
        op: &Map<String, Value>,
        key: &str,
        rust_name: &str,
        op_id: &str,
        role: Role,
    ) -> Structure {
        let target = op
            .get(key)
            .and_then(|t| t.get("target"))
            .and_then(Value::as_str);
        match target {
            None | Some("smithy.api#Unit") => Structure {
                id: format!("{op_id}${key}"),
                name: rust_name.to_owned(),
                rust_name: rust_name.to_owned(),
                builder_name: String::new(),
                docs: Docs::default(),
                members: Vec::new(),
                error: None,
                union_repr: UnionRepr::Tagged,
            },
            Some(id) => match self.ast.shapes.get(id) {
                Some(s) if kind(s) == "structure" => {
                    self.structure(id, s, rust_name.to_owned(), role)
                }
                _ => {
                    self.diags.error(
                        op_id,
                        format!("{key} `{id}` is not a structure in the model"),
                        Some("point `input`/`output` at a structure shape"),
                    );
                    Structure {
                        id: id.to_owned(),
                        name: rust_name.to_owned(),
                        rust_name: rust_name.to_owned(),
                        builder_name: String::new(),
                        docs: Docs::default(),
                        members: vec![],
                        error: None,
                        union_repr: UnionRepr::Tagged,
                    }
                }
            },
        }
    }

    /// Whether a member type is an event stream: a `@streaming` union,
    /// looked up on the target shape. (A `@streaming` blob is lowered to
    /// `Type::Stream` and generated.)
    fn is_stream(&self, ty: &Type) -> bool {
        match ty {
            Type::Named(id) => self
                .ast
                .shapes
                .get(id)
                .is_some_and(|s| traits_of(s).contains_key("smithy.api#streaming")),
            _ => false,
        }
    }

    fn error_structure(&mut self, id: &str, op: &str) -> bool {
        match self.ast.shapes.get(id) {
            Some(s) if kind(s) == "structure" && traits_of(s).contains_key("smithy.api#error") => {
                self.named(id);
                true
            }
            Some(_) => {
                self.diags.error(id, format!("listed as an error of `{op}` but is not a structure with `smithy.api#error`"), None);
                false
            }
            None => {
                self.diags.error(
                    op,
                    format!("error `{id}` does not exist"),
                    Some("check the operation's `errors` list"),
                );
                false
            }
        }
    }

    /// Lowers a named structure or enum into `self.shapes` once.
    fn named(&mut self, id: &str) {
        if self.shapes.contains_key(id) {
            return;
        }
        // Recursion through a named shape is fine: lists and maps met
        // inside it start afresh.
        let open = std::mem::take(&mut self.open_collections);
        self.named_shape(id);
        self.open_collections = open;
    }

    fn named_shape(&mut self, id: &str) {
        let Some(shape) = self.ast.shapes.get(id) else {
            return;
        };
        let name = self.renames.get(id).map_or(local_name(id), String::as_str);
        let lowered = if matches!(kind(shape), "structure" | "union") {
            // Insert a placeholder first so a recursive reference stops here.
            self.shapes.insert(
                id.to_owned(),
                Shape::Enum(Enum {
                    id: id.to_owned(),
                    rust_name: String::new(),
                    docs: Docs::default(),
                    variants: vec![],
                }),
            );
            // An error's members may be bound to headers, as an output's are.
            let role = if traits_of(shape).contains_key("smithy.api#error") {
                Role::Output
            } else {
                Role::Nested
            };
            let s = self.structure(id, shape, names::type_ident(name), role);
            if kind(shape) == "union" {
                Shape::Union(s)
            } else {
                Shape::Structure(s)
            }
        } else if kind(shape) == "intEnum" {
            Shape::IntEnum(self.int_enum(id, shape))
        } else {
            Shape::Enum(self.enumeration(id, shape))
        };
        self.shapes.insert(id.to_owned(), lowered);
    }

    fn structure(
        &mut self,
        id: &str,
        shape: &Map<String, Value>,
        rust_name: String,
        role: Role,
    ) -> Structure {
        let traits = traits_of(shape);
        if !refs(shape, "mixins").is_empty() {
            self.diags.error(
                id,
                "mixins are not supported yet",
                Some(
                    "flatten the model (`smithy build` with the `flattenNamespaces` plugin) first",
                ),
            );
        }
        let error = traits.get("smithy.api#error").map(|fault| {
            let fault = match fault.as_str() {
                Some("server") => Fault::Server,
                Some("client") => Fault::Client,
                _ => {
                    self.diags.error(
                        id,
                        "`smithy.api#error` must be \"client\" or \"server\"",
                        None,
                    );
                    Fault::Client
                }
            };
            let status = traits
                .get("smithy.api#httpError")
                .and_then(Value::as_u64)
                .and_then(|s| u16::try_from(s).ok());
            let retry = match traits.get("smithy.api#retryable") {
                Some(r) if r.get("throttling").and_then(Value::as_bool) == Some(true) => {
                    Some(RetryKind::Throttling)
                }
                Some(_) => Some(RetryKind::Transient),
                // Not stated: none (the runtime retries by status).
                None => None,
            };
            let mut codes = vec![local_name(id).to_owned()];
            // A query-compatible service names the error by its awsQuery
            // code in `x-amzn-query-error`.
            if let Some(code) = traits
                .get("aws.protocols#awsQueryError")
                .and_then(|q| q.get("code"))
                .and_then(Value::as_str)
                .filter(|_| self.query_compatible)
            {
                if !codes.iter().any(|c| c == code) {
                    codes.push(code.to_owned());
                }
            }
            ErrorInfo {
                fault,
                status,
                status_range: None,
                retry,
                codes,
            }
        });
        let mut members = Vec::new();
        if let Some(ms) = shape.get("members").and_then(Value::as_object) {
            for (mname, m) in ms {
                if let Some(member) = self.member(id, mname, m, role) {
                    members.push(member);
                }
            }
        }
        Structure {
            id: id.to_owned(),
            name: local_name(id).to_owned(),
            rust_name,
            builder_name: String::new(),
            docs: docs(traits),
            members,
            error,
            union_repr: UnionRepr::Tagged,
        }
    }

    fn member(&mut self, owner: &str, name: &str, m: &Value, role: Role) -> Option<Member> {
        let loc = format!("{owner}${name}");
        let Some(target) = m.get("target").and_then(Value::as_str) else {
            self.diags.error(&loc, "member has no `target`", None);
            return None;
        };
        let empty = Map::new();
        let mtraits = m.get("traits").and_then(Value::as_object).unwrap_or(&empty);
        let ttraits = self.ast.shapes.get(target).map(traits_of).unwrap_or(&empty);
        let get = |k: &str| mtraits.get(k).or_else(|| ttraits.get(k));

        let binding = if role == Role::Nested || self.protocol.is_aws_json() {
            Binding::Body
        } else if mtraits.contains_key("smithy.api#httpLabel") {
            Binding::Label
        } else if let Some(q) = mtraits.get("smithy.api#httpQuery") {
            Binding::Query(q.as_str().unwrap_or(name).to_owned())
        } else if let Some(h) = mtraits.get("smithy.api#httpHeader") {
            Binding::Header(h.as_str().unwrap_or(name).to_owned())
        } else if mtraits.contains_key("smithy.api#httpQueryParams") {
            Binding::QueryParams
        } else if let Some(p) = mtraits.get("smithy.api#httpPrefixHeaders") {
            Binding::PrefixHeaders(p.as_str().unwrap_or_default().to_owned())
        } else if mtraits.contains_key("smithy.api#httpPayload") {
            Binding::Payload
        } else if mtraits.contains_key("smithy.api#httpResponseCode") {
            Binding::ResponseCode
        } else {
            Binding::Body
        };
        // Labels and query parameters mean nothing in a response: Smithy says
        // such bindings are ignored there, so the member is read from the body.
        let binding = match binding {
            Binding::Label | Binding::Query(_) | Binding::QueryParams if role == Role::Output => {
                Binding::Body
            }
            other => other,
        };
        let default_ts = match binding {
            Binding::Header(_) | Binding::PrefixHeaders(_) => TimestampFormat::HttpDate,
            // Smithy models bind none of the OpenAPI-only forms; were one
            // here, its text would be RFC 3339 as in a query string.
            Binding::Label
            | Binding::Query(_)
            | Binding::QueryParams
            | Binding::QueryStyled { .. }
            | Binding::Cookie(_)
            | Binding::FormField(_)
            | Binding::MultipartPart(_) => TimestampFormat::DateTime,
            Binding::Body | Binding::Payload | Binding::ResponseCode => {
                TimestampFormat::EpochSeconds
            }
        };
        let ts_format = match get("smithy.api#timestampFormat").and_then(Value::as_str) {
            None => default_ts,
            Some("date-time") => TimestampFormat::DateTime,
            Some("http-date") => TimestampFormat::HttpDate,
            Some("epoch-seconds") => TimestampFormat::EpochSeconds,
            Some(other) => {
                self.diags.error(
                    &loc,
                    format!("unknown timestamp format `{other}`"),
                    Some("use date-time, http-date or epoch-seconds"),
                );
                default_ts
            }
        };
        let mut ty = self.ty(&loc, target, ts_format)?;
        // Prefix headers and query parameters are named by text: their
        // keys stay strings whatever the key shape.
        if let (Binding::PrefixHeaders(_) | Binding::QueryParams, Type::Map(key, _)) =
            (&binding, &mut ty)
        {
            **key = Type::String;
        }
        let mut constraints = Constraints::default();
        if let Some(l) = get("smithy.api#length") {
            let (min, max) = (
                l.get("min").and_then(Value::as_u64),
                l.get("max").and_then(Value::as_u64),
            );
            if l.get("min").is_some_and(|v| !v.is_u64())
                || l.get("max").is_some_and(|v| !v.is_u64())
            {
                self.diags.error(
                    &loc,
                    "`smithy.api#length` bounds must be non-negative integers",
                    None,
                );
            }
            constraints.length = Some((min, max));
        }
        if let Some(p) = get("smithy.api#pattern") {
            match p.as_str() {
                Some(p) => constraints.pattern = Some(p.to_owned()),
                None => self
                    .diags
                    .error(&loc, "`smithy.api#pattern` must be a string", None),
            }
        }
        if let Some(r) = get("smithy.api#range") {
            constraints.range = Some((
                r.get("min").and_then(Value::as_f64),
                r.get("max").and_then(Value::as_f64),
            ));
        }
        let json_name = match mtraits.get("smithy.api#jsonName") {
            // awsJson ignores `@jsonName`: the member's name is its key.
            _ if self.protocol.is_aws_json() => name.to_owned(),
            Some(Value::String(n)) => n.clone(),
            Some(_) => {
                self.diags
                    .error(&loc, "`smithy.api#jsonName` must be a string", None);
                name.to_owned()
            }
            None => name.to_owned(),
        };
        Some(Member {
            name: name.to_owned(),
            json_name,
            rust_name: names::field_ident(name),
            docs: docs(mtraits),
            ty,
            required: mtraits.contains_key("smithy.api#required"),
            sensitive: get("smithy.api#sensitive").is_some(),
            idempotency_token: mtraits.contains_key("smithy.api#idempotencyToken"),
            binding,
            constraints,
            boxed: false,
            media_type: get("smithy.api#mediaType")
                .and_then(Value::as_str)
                .map(str::to_owned),
            stated_default: mtraits
                .get("smithy.api#default")
                .filter(|v| !v.is_null() && !mtraits.contains_key("smithy.api#clientOptional"))
                .cloned(),
            default: None,
            client_optional: mtraits.contains_key("smithy.api#clientOptional"),
            optional: true,
        })
    }

    /// A list or map shape's type.
    fn collection(
        &mut self,
        target: &str,
        shape: &Map<String, Value>,
        ts: TimestampFormat,
    ) -> Option<Type> {
        Some(match kind(shape) {
            "list" | "set" => {
                let member = shape
                    .get("member")
                    .and_then(|m| m.get("target"))
                    .and_then(Value::as_str);
                let Some(member) = member else {
                    self.diags
                        .error(target, "list has no `member` target", None);
                    return None;
                };
                let item = self.ty(&format!("{target}$member"), member, ts)?;
                Type::List(Box::new(sparse(shape, item)))
            }
            "map" => {
                let key = shape
                    .get("key")
                    .and_then(|m| m.get("target"))
                    .and_then(Value::as_str);
                let value = shape
                    .get("value")
                    .and_then(|m| m.get("target"))
                    .and_then(Value::as_str);
                let (Some(key), Some(value)) = (key, value) else {
                    self.diags
                        .error(target, "map needs `key` and `value` targets", None);
                    return None;
                };
                // A key of an enum shape is that enum, as aws-sdk-rust has
                // it; any other string key is a `String`.
                let key = match self.ty(&format!("{target}$key"), key, ts)? {
                    Type::Named(id)
                        if self.ast.shapes.get(id.as_str()).map(kind) == Some("enum") =>
                    {
                        Type::Named(id)
                    }
                    Type::String | Type::Named(_) => Type::String,
                    _ => {
                        self.diags.error(target, "map keys must be strings", None);
                        Type::String
                    }
                };
                let value = self.ty(&format!("{target}$value"), value, ts)?;
                Type::Map(Box::new(key), Box::new(sparse(shape, value)))
            }
            _ => return None,
        })
    }

    fn ty(&mut self, loc: &str, target: &str, ts: TimestampFormat) -> Option<Type> {
        if let Some(prelude) = target.strip_prefix("smithy.api#") {
            let t = match prelude {
                "String" => Type::String,
                "Boolean" | "PrimitiveBoolean" => Type::Boolean,
                "Byte" | "PrimitiveByte" => Type::Byte,
                "Short" | "PrimitiveShort" => Type::Short,
                "Integer" | "PrimitiveInteger" => Type::Integer,
                "Long" | "PrimitiveLong" => Type::Long,
                "Float" | "PrimitiveFloat" => Type::Float,
                "Double" | "PrimitiveDouble" => Type::Double,
                "Timestamp" => Type::Timestamp(ts),
                "Blob" => Type::Blob,
                "Document" => Type::Document,
                "Unit" => Type::Unit,
                other => {
                    self.diags.error(loc, format!("prelude shape `smithy.api#{other}` is not supported as a member target"), None);
                    return None;
                }
            };
            return Some(t);
        }
        let Some(shape) = self.ast.shapes.get(target) else {
            self.diags.error(
                loc,
                format!("target `{target}` does not exist"),
                Some("define the shape or fix the target's shape id"),
            );
            return None;
        };
        if matches!(kind(shape), "list" | "set" | "map") {
            if !self.open_collections.insert(target.to_owned()) {
                self.diags.error(
                    target,
                    "a list or map that holds itself",
                    Some("recursion must go through a structure or a union"),
                );
                return None;
            }
            let t = self.collection(target, shape, ts);
            self.open_collections.remove(target);
            return t;
        }
        let t = match kind(shape) {
            "string" if traits_of(shape).contains_key("smithy.api#enum") => {
                self.named(target);
                Type::Named(target.to_owned())
            }
            "string" => Type::String,
            "enum" => {
                self.named(target);
                Type::Named(target.to_owned())
            }
            "structure" | "union" | "intEnum" => {
                self.named(target);
                Type::Named(target.to_owned())
            }
            "boolean" => Type::Boolean,
            "byte" => Type::Byte,
            "short" => Type::Short,
            "integer" => Type::Integer,
            "long" => Type::Long,
            "float" => Type::Float,
            "double" => Type::Double,
            "timestamp" => Type::Timestamp(ts),
            "blob" if traits_of(shape).contains_key("smithy.api#streaming") => Type::Stream {
                requires_length: traits_of(shape).contains_key("smithy.api#requiresLength"),
            },
            "blob" => Type::Blob,
            "document" => Type::Document,
            other => {
                self.diags.error(loc, format!("target `{target}` is a {other}, which is not supported yet"), Some("supported: structure, union, enum, intEnum, string, boolean, numbers except bigInteger and bigDecimal, timestamp, blob, document, list, map"));
                return None;
            }
        };
        Some(t)
    }

    fn int_enum(&mut self, id: &str, shape: &Map<String, Value>) -> IntEnum {
        let mut variants = Vec::new();
        for (i, (name, m)) in shape
            .get("members")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let value = m
                .pointer("/traits/smithy.api#enumValue")
                .and_then(Value::as_i64)
                .and_then(|v| i32::try_from(v).ok());
            match value {
                Some(v) => variants.push((names::variant_ident(name, i), v)),
                None => self.diags.error(
                    format!("{id}${name}"),
                    "an intEnum member needs an integer `smithy.api#enumValue`",
                    None,
                ),
            }
        }
        IntEnum {
            id: id.to_owned(),
            rust_name: names::type_ident(
                self.renames.get(id).map_or(local_name(id), String::as_str),
            ),
            docs: docs(traits_of(shape)),
            variants,
        }
    }

    fn enumeration(&mut self, id: &str, shape: &Map<String, Value>) -> Enum {
        let traits = traits_of(shape);
        let mut variants = Vec::new();
        if let Some(values) = traits.get("smithy.api#enum").and_then(Value::as_array) {
            // Smithy 1.0 style: a string shape with an `enum` trait.
            for (i, v) in values.iter().enumerate() {
                let Some(value) = v.get("value").and_then(Value::as_str) else {
                    self.diags.error(
                        id,
                        format!("`smithy.api#enum` entry {i} has no `value`"),
                        None,
                    );
                    continue;
                };
                let name = v.get("name").and_then(Value::as_str).unwrap_or(value);
                let docs = Docs::new(
                    v.get("documentation")
                        .and_then(Value::as_str)
                        .unwrap_or_default(),
                );
                variants.push(EnumVariant {
                    rust_name: names::variant_ident(name, i),
                    value: value.to_owned(),
                    docs,
                });
            }
        } else if let Some(members) = shape.get("members").and_then(Value::as_object) {
            for (i, (name, m)) in members.iter().enumerate() {
                let empty = Map::new();
                let mt = m.get("traits").and_then(Value::as_object).unwrap_or(&empty);
                let value = mt
                    .get("smithy.api#enumValue")
                    .and_then(Value::as_str)
                    .unwrap_or(name);
                variants.push(EnumVariant {
                    rust_name: names::variant_ident(name, i),
                    value: value.to_owned(),
                    docs: docs(mt),
                });
            }
        }
        Enum {
            id: id.to_owned(),
            rust_name: names::type_ident(
                self.renames.get(id).map_or(local_name(id), String::as_str),
            ),
            docs: docs(traits),
            variants,
        }
    }
}

/// Marks the members through which a structure or union contains itself
/// without a list or map in between: the emitter boxes them, or the Rust
/// type would be infinitely large.
pub(crate) fn mark_recursive_members(shapes: &mut BTreeMap<ShapeId, Shape>) {
    fn direct(shapes: &BTreeMap<ShapeId, Shape>, id: &str) -> Vec<ShapeId> {
        match shapes.get(id) {
            Some(Shape::Structure(s) | Shape::Union(s)) => s
                .members
                .iter()
                .filter_map(|m| match &m.ty {
                    Type::Named(t)
                        if matches!(shapes.get(t), Some(Shape::Structure(_) | Shape::Union(_))) =>
                    {
                        Some(t.clone())
                    }
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
    fn reaches(shapes: &BTreeMap<ShapeId, Shape>, from: &str, to: &str) -> bool {
        let mut seen = std::collections::BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(id) = stack.pop() {
            if id == to {
                return true;
            }
            if seen.insert(id.clone()) {
                stack.extend(direct(shapes, &id));
            }
        }
        false
    }
    let mut boxed = Vec::new();
    for (id, shape) in shapes.iter() {
        if let Shape::Structure(s) | Shape::Union(s) = shape {
            for (i, m) in s.members.iter().enumerate() {
                if let Type::Named(t) = &m.ty {
                    if matches!(shapes.get(t), Some(Shape::Structure(_) | Shape::Union(_)))
                        && reaches(shapes, t, id)
                    {
                        boxed.push((id.clone(), i));
                    }
                }
            }
        }
    }
    for (id, i) in boxed {
        if let Some(Shape::Structure(s) | Shape::Union(s)) = shapes.get_mut(&id) {
            s.members[i].boxed = true;
        }
    }
}

/// The cases of a test trait for `protocol` that apply to clients.
fn client_cases<'t>(
    traits: &'t Map<String, Value>,
    key: &str,
    protocol: Protocol,
) -> impl Iterator<Item = Value> + 't {
    traits
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(move |c| c.get("protocol").and_then(Value::as_str) == Some(protocol.trait_id()))
        .filter(|c| c.get("appliesTo").and_then(Value::as_str) != Some("server"))
        .cloned()
}

/// Elements of a `@sparse` list or map may be null.
fn sparse(shape: &Map<String, Value>, item: Type) -> Type {
    if traits_of(shape).contains_key("smithy.api#sparse") {
        Type::Optional(Box::new(item))
    } else {
        item
    }
}

fn kind(shape: &Map<String, Value>) -> &str {
    shape
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

fn traits_of(shape: &Map<String, Value>) -> &Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    shape
        .get("traits")
        .and_then(Value::as_object)
        .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
}

fn refs(shape: &Map<String, Value>, key: &str) -> Vec<String> {
    match shape.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|r| r.get("target").and_then(Value::as_str))
            .map(str::to_owned)
            .collect(),
        Some(Value::Object(o)) => o
            .get("target")
            .and_then(Value::as_str)
            .map(|t| vec![t.to_owned()])
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The service's endpoint rule set and test cases, as the model writes them.
fn endpoint_rules(traits: &Map<String, Value>) -> Option<EndpointRules> {
    let tests = traits
        .get("smithy.rules#endpointTests")
        .and_then(|t| t.get("testCases"));
    Some(EndpointRules::from_json(
        traits.get("smithy.rules#endpointRuleSet")?,
        tests,
    ))
}

/// The documentation as the model states it, with a deprecation note.
fn docs(traits: &Map<String, Value>) -> Docs {
    let mut text = traits
        .get("smithy.api#documentation")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    if let Some(d) = traits.get("smithy.api#deprecated") {
        let mut note = "<p>**Deprecated**".to_owned();
        if let Some(since) = d.get("since").and_then(Value::as_str) {
            note.push_str(&format!(" since {since}"));
        }
        if let Some(message) = d.get("message").and_then(Value::as_str) {
            note.push_str(&format!(": {message}"));
        }
        note.push_str("</p>");
        text.push_str(&note);
    }
    Docs::new(text)
}

/// `ns#Name` -> `Name`.
pub fn local_name(id: &str) -> &str {
    id.rsplit('#').next().unwrap_or(id)
}
