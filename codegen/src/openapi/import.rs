//! OpenAPI 3.0 and 3.1 → IR: the second front end.
//!
//! The text is made one self-contained tree of one dialect by `load`
//! (JSON or YAML, references resolved, 3.1 schemas in 3.0 form), then read
//! into `openapiv3`'s typed structs piece by piece: each component schema,
//! security scheme and operation on its own, so one that does not parse is
//! a located warning, not a refused document. `openapiv3` is the reader
//! progenitor uses, maintained, and its schema reader keeps every keyword of
//! a schema that mixes forms (an object with an `allOf`); a second typed
//! tree for 3.1 (`oas3`) would mean a second importer for what is, after
//! `load`, the same document.
//!
//! What a document says is stated as the IR; what it says that the IR
//! cannot (a `not` schema, a cookie before cookies are supported, ...) is
//! a located warning naming the JSON pointer, and the member becomes a
//! `Document` or the operation is skipped. The rest of the document
//! generates.
//!
//! Documents `sdkgen openapi` writes carry what OpenAPI cannot say in
//! `x-sdkgen-*` extensions (shape ids, error codes and faults, SigV4, ...),
//! read here too, so an export imports back to the model's IR.

use super::load;
use crate::diag::{Diagnostics, Severity};
use crate::ir::*;
use crate::names;
use openapiv3::{
    AdditionalProperties, OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, Schema,
    SchemaKind, SecurityScheme, StatusCode, Type as OType,
};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Lowers an OpenAPI document into the IR; `base` is the folder other
/// files it refers to are read from.
pub fn import(
    source: &str,
    text: &str,
    base: Option<&Path>,
    diags: &mut Diagnostics,
) -> Option<Service> {
    let loaded = load::load(source, text, base, diags)?;
    let doc = typed(source, loaded.doc, diags)?;
    let sdkgen_dialect = doc.extensions.contains_key("x-sdkgen-service");
    let mut cx = Cx {
        source,
        doc: &doc,
        diags,
        keys: BTreeMap::new(),
        key_names: BTreeMap::new(),
        shapes: BTreeMap::new(),
        building: BTreeSet::new(),
        multi_scheme_warned: BTreeSet::new(),
        type_names: BTreeSet::new(),
        inlining: Vec::new(),
        service_auth: Vec::new(),
        schemes: BTreeMap::new(),
        errors: BTreeMap::new(),
        error_words: BTreeSet::new(),
        sdkgen_dialect,
    };
    cx.index_components();
    let ext = |k: &str| doc.extensions.get(k);
    let service_ext = ext("x-sdkgen-service").cloned().unwrap_or(Value::Null);
    let title = doc.info.title.trim();
    let sdk_id = service_ext
        .get("sdkId")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| {
            if title.is_empty() {
                "Api".to_owned()
            } else {
                title.to_owned()
            }
        });
    let server = cx.server();
    let mut signing_name = service_ext
        .get("signingName")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let auth = if sdkgen_dialect {
        match service_ext.get("auth") {
            None => vec![AuthScheme::SigV4],
            Some(list) => cx.auth(&format!("{source}#/x-sdkgen-service/auth"), list),
        }
    } else {
        cx.index_security_schemes();
        let loc = format!("{source}#/security");
        cx.requirements(&loc, doc.security.as_deref())
            .unwrap_or_default()
    };
    cx.service_auth = auth.clone();
    let endpoint = if sdkgen_dialect {
        endpoint(&service_ext, signing_name.as_deref(), &sdk_id)
    } else {
        server.endpoint.clone()
    };
    let id = service_ext.get("id").and_then(Value::as_str).map_or_else(
        || format!("openapi#{}", names::type_ident(&sdk_id)),
        str::to_owned,
    );
    if let Some(components) = &doc.components {
        for key in components.schemas.keys() {
            cx.component_shape(key);
        }
    }
    let mut operations = Vec::new();
    let mut fn_names = BTreeSet::new();
    for (path, item) in &doc.paths.paths {
        let ReferenceOr::Item(item) = item else {
            // `load` inlines path item references; one left pointed nowhere.
            cx.diags.warn(
                format!("{source}#/paths/{}", pointer(path)),
                "the path item's `$ref` cannot be read: its operations are skipped",
                None,
            );
            continue;
        };
        for (method, op) in item.iter() {
            if let Some(mut op) = cx.operation_or_skip(path, method, item, op) {
                // Two operations of one Rust name: the later one is renamed
                // after its method and path.
                if !fn_names.insert(names::operation_fn(&op.name)) {
                    let renamed = unique_name(&fn_names, &derived_name(method, path));
                    fn_names.insert(names::operation_fn(&renamed));
                    cx.diags.warn(
                        format!("{source}#/paths/{}/{method}", pointer(path)),
                        format!(
                            "operation `{}` is named like another one: it is `{renamed}` here",
                            op.name
                        ),
                        Some("give every operation a distinct operationId"),
                    );
                    op.name = renamed;
                    if !sdkgen_dialect {
                        op.id = format!("openapi#{}", op.name);
                    }
                }
                operations.push(op);
            }
        }
    }
    if let Some(order) = ext("x-sdkgen-operations").and_then(Value::as_array) {
        let pos = |name: &str| {
            order
                .iter()
                .position(|o| o.as_str() == Some(name))
                .unwrap_or(usize::MAX)
        };
        operations.sort_by_key(|o| pos(&o.name));
    }
    let signed = auth
        .iter()
        .chain(operations.iter().flat_map(|o| &o.auth))
        .any(|s| *s == AuthScheme::SigV4);
    if signed && signing_name.is_none() {
        signing_name = server.signing_name.clone();
    }
    if signed && signing_name.is_none() {
        cx.diags.error(
            format!("{source}#/components/securitySchemes"),
            "SigV4 without a signing name: the server's host is no `<service>.<region>.amazonaws.com`",
            Some("add \"x-sdkgen-service\": {\"signingName\": \"<name>\"} or a server on the service's AWS host"),
        );
        return None;
    }
    let mut shapes = std::mem::take(&mut cx.shapes);
    untag_unreadable_discriminators(&mut shapes, cx.diags);
    discriminated_tags_are_optional(&mut shapes);
    if !sdkgen_dialect {
        drop_unfitting_defaults(&mut operations, &mut shapes, cx.diags);
    }
    crate::lower::mark_recursive_members(&mut shapes);
    let docs = described(doc.info.description.as_deref());
    Some(Service {
        id,
        sdk_id,
        version: doc.info.version.clone(),
        // OpenAPI describes REST APIs: paths, methods and bindings.
        protocol: Protocol::RestJson1,
        query_compatible: false,
        signing_name,
        auth,
        endpoint,
        endpoint_rules: endpoint_rules(service_ext.get("endpointRules")),
        docs,
        operations,
        shapes,
    })
}

// ---- the typed document -----------------------------------------------------

/// The tree as `openapiv3`'s structs, piece by piece: a component schema,
/// a security scheme or an operation that does not parse is left out with a
/// warning (a schema left out reads as any JSON).
fn typed(source: &str, mut raw: Value, diags: &mut Diagnostics) -> Option<OpenAPI> {
    let Some(obj) = raw.as_object_mut() else {
        diags.error(source, "an OpenAPI document is an object", None);
        return None;
    };
    let paths = obj.remove("paths");
    // Metadata that is only shown to people, and whose mistakes would fail
    // the typed read of the whole document.
    for k in ["tags", "externalDocs", "webhooks", "x-webhooks"] {
        obj.remove(k);
    }
    if let Some(info) = obj.get_mut("info").and_then(Value::as_object_mut) {
        info.retain(|k, _| matches!(k.as_str(), "title" | "description" | "version"));
        for k in ["title", "version"] {
            if !info.get(k).is_some_and(Value::is_string) {
                let v = info.get(k).map(|v| v.to_string()).unwrap_or_default();
                info.insert(k.into(), Value::String(v));
            }
        }
    }
    let (schemas, schemes) = match obj.get_mut("components").and_then(Value::as_object_mut) {
        Some(c) => {
            let schemas = c.remove("schemas");
            let schemes = c.remove("securitySchemes");
            // Everything else was inlined where it is used.
            c.retain(|k, _| k.starts_with("x-"));
            (schemas, schemes)
        }
        None => (None, None),
    };
    if obj.get("security").is_some_and(|s| !s.is_array()) {
        obj.remove("security");
    }
    obj.insert("paths".into(), Value::Object(Default::default()));
    let servers = obj.get("servers").cloned();
    let mut doc: OpenAPI = match serde_json::from_value(raw.clone()) {
        Ok(d) => d,
        Err(e) => {
            diags.warn(
                source,
                format!("the document's top level does not read as OpenAPI ({e}): read without its servers and security"),
                None,
            );
            let title = raw["info"]["title"].as_str().unwrap_or_default().to_owned();
            let mut d = OpenAPI {
                openapi: "3.0.3".into(),
                ..Default::default()
            };
            d.info.title = title;
            d.servers = servers
                .and_then(|s| serde_json::from_value(s).ok())
                .unwrap_or_default();
            d
        }
    };
    let components = doc.components.get_or_insert_with(Default::default);
    for (key, value) in entries(schemas) {
        let schema = match serde_json::from_value::<ReferenceOr<Schema>>(value) {
            Ok(s) => s,
            Err(e) => {
                diags.warn(
                    format!("{source}#/components/schemas/{}", pointer(&key)),
                    format!("the schema does not read as an OpenAPI schema ({e}): it is read as any JSON"),
                    None,
                );
                ReferenceOr::Item(any_schema())
            }
        };
        components.schemas.insert(key, schema);
    }
    for (key, value) in entries(schemes) {
        match serde_json::from_value::<ReferenceOr<SecurityScheme>>(value) {
            Ok(s) => {
                components.security_schemes.insert(key, s);
            }
            Err(e) => diags.warn(
                format!("{source}#/components/securitySchemes/{}", pointer(&key)),
                format!("the security scheme is not one sdkgen reads ({e}); operations that require it alone are sent without authentication"),
                None,
            ),
        }
    }
    for (path, item) in entries(paths) {
        // `x-` members of `paths` are extensions, not paths.
        if path.starts_with("x-") {
            continue;
        }
        let loc = format!("{source}#/paths/{}", pointer(&path));
        let Value::Object(mut item) = item else {
            diags.warn(loc, "a path item is an object: the path is skipped", None);
            continue;
        };
        const METHODS: [&str; 8] = [
            "get", "put", "post", "delete", "options", "head", "patch", "trace",
        ];
        let ops: Vec<(String, Value)> = METHODS
            .iter()
            .filter_map(|m| item.remove(*m).map(|op| ((*m).to_owned(), op)))
            .collect();
        let mut typed_item: openapiv3::PathItem =
            match serde_json::from_value(Value::Object(item.clone())) {
                Ok(i) => i,
                Err(e) => {
                    diags.warn(
                        &loc,
                        format!(
                            "the path's parameters do not read as OpenAPI ({e}): they are left out"
                        ),
                        None,
                    );
                    item.remove("parameters");
                    serde_json::from_value(Value::Object(item)).unwrap_or_default()
                }
            };
        for (method, mut op) in ops {
            // 3.1 lets an operation state no responses.
            if let Some(o) = op.as_object_mut() {
                o.entry("responses")
                    .or_insert_with(|| Value::Object(Default::default()));
            }
            match serde_json::from_value::<openapiv3::Operation>(op) {
                Ok(op) => {
                    let slot = match method.as_str() {
                        "get" => &mut typed_item.get,
                        "put" => &mut typed_item.put,
                        "post" => &mut typed_item.post,
                        "delete" => &mut typed_item.delete,
                        "options" => &mut typed_item.options,
                        "head" => &mut typed_item.head,
                        "patch" => &mut typed_item.patch,
                        _ => &mut typed_item.trace,
                    };
                    *slot = Some(op);
                }
                Err(e) => diags.warn(
                    format!("{loc}/{method}"),
                    format!("operation skipped: it does not read as an OpenAPI operation ({e})"),
                    None,
                ),
            }
        }
        doc.paths.paths.insert(path, ReferenceOr::Item(typed_item));
    }
    Some(doc)
}

fn entries(v: Option<Value>) -> Vec<(String, Value)> {
    match v {
        Some(Value::Object(o)) => o.into_iter().collect(),
        _ => Vec::new(),
    }
}

/// `{}`: any JSON.
fn any_schema() -> Schema {
    Schema {
        schema_data: Default::default(),
        schema_kind: SchemaKind::Any(Default::default()),
    }
}

// ---- a schema, flat -----------------------------------------------------------

/// The keywords of a schema whichever of `openapiv3`'s forms it was read
/// as: the importer asks questions of one shape.
#[derive(Default)]
struct View {
    typ: Option<String>,
    format: Option<String>,
    /// Enum values, nulls left out.
    enumeration: Vec<Value>,
    properties: Vec<(String, ReferenceOr<Schema>)>,
    required: Vec<String>,
    additional: Option<Additional>,
    items: Option<ReferenceOr<Schema>>,
    /// `oneOf` and `anyOf` without their null variants: both are read as
    /// "the first that fits".
    one_of: Vec<ReferenceOr<Schema>>,
    /// A `{type: null}` was among them.
    null_variant: bool,
    all_of: Vec<ReferenceOr<Schema>>,
    not: bool,
}

#[derive(Clone)]
enum Additional {
    Any,
    Schema(Box<ReferenceOr<Schema>>),
}

fn unbox(schema: &ReferenceOr<Box<Schema>>) -> ReferenceOr<Schema> {
    match schema {
        ReferenceOr::Reference { reference } => ReferenceOr::Reference {
            reference: reference.clone(),
        },
        ReferenceOr::Item(s) => ReferenceOr::Item((**s).clone()),
    }
}

fn format_name<T: serde::Serialize>(f: &openapiv3::VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match f {
        openapiv3::VariantOrUnknownOrEmpty::Item(i) => serde_json::to_value(i)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned)),
        openapiv3::VariantOrUnknownOrEmpty::Unknown(s) => Some(s.clone()),
        openapiv3::VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn additional(a: &Option<AdditionalProperties>) -> Option<Additional> {
    match a {
        None | Some(AdditionalProperties::Any(false)) => None,
        Some(AdditionalProperties::Any(true)) => Some(Additional::Any),
        Some(AdditionalProperties::Schema(s)) => Some(Additional::Schema(s.clone())),
    }
}

fn view(s: &Schema) -> View {
    let mut v = view_of(s);
    // `oneOf: [X, {type: null}]`: the null is a nullable, not a variant.
    let before = v.one_of.len();
    v.one_of
        .retain(|x| !matches!(x, ReferenceOr::Item(x) if view_of(x).is_null()));
    v.null_variant = v.one_of.len() < before;
    v
}

fn view_of(s: &Schema) -> View {
    let props = |p: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>| {
        p.iter().map(|(k, v)| (k.clone(), unbox(v))).collect()
    };
    match &s.schema_kind {
        SchemaKind::Type(OType::String(t)) => View {
            typ: Some("string".into()),
            format: format_name(&t.format),
            enumeration: t
                .enumeration
                .iter()
                .flatten()
                .map(|v| Value::String(v.clone()))
                .collect(),
            ..View::default()
        },
        SchemaKind::Type(OType::Number(t)) => View {
            typ: Some("number".into()),
            format: format_name(&t.format),
            ..View::default()
        },
        SchemaKind::Type(OType::Integer(t)) => View {
            typ: Some("integer".into()),
            format: format_name(&t.format),
            enumeration: t
                .enumeration
                .iter()
                .flatten()
                .map(|v| Value::from(*v))
                .collect(),
            ..View::default()
        },
        SchemaKind::Type(OType::Boolean(_)) => View {
            typ: Some("boolean".into()),
            ..View::default()
        },
        SchemaKind::Type(OType::Object(o)) => View {
            typ: Some("object".into()),
            properties: props(&o.properties),
            required: o.required.clone(),
            additional: additional(&o.additional_properties),
            ..View::default()
        },
        SchemaKind::Type(OType::Array(a)) => View {
            typ: Some("array".into()),
            items: a.items.as_ref().map(unbox),
            ..View::default()
        },
        SchemaKind::OneOf { one_of } => View {
            one_of: one_of.clone(),
            ..View::default()
        },
        SchemaKind::AnyOf { any_of } => View {
            one_of: any_of.clone(),
            ..View::default()
        },
        SchemaKind::AllOf { all_of } => View {
            all_of: all_of.clone(),
            ..View::default()
        },
        SchemaKind::Not { .. } => View {
            not: true,
            ..View::default()
        },
        SchemaKind::Any(a) => View {
            typ: a.typ.clone(),
            format: a.format.clone(),
            enumeration: a
                .enumeration
                .iter()
                .filter(|v| !v.is_null())
                .cloned()
                .collect(),
            properties: props(&a.properties),
            required: a.required.clone(),
            additional: additional(&a.additional_properties),
            items: a.items.as_ref().map(unbox),
            one_of: a.one_of.iter().chain(&a.any_of).cloned().collect(),
            all_of: a.all_of.clone(),
            not: a.not.is_some(),
            null_variant: false,
        },
    }
}

impl View {
    /// `type: "null"`, or nothing but `nullable`: the null of a
    /// `oneOf: [X, {type: null}]`.
    fn is_null(&self) -> bool {
        self.typ.as_deref() == Some("null")
    }

    fn is_object_like(&self) -> bool {
        !self.properties.is_empty()
            || (self.typ.as_deref() == Some("object") && self.additional.is_none())
    }
}

// ---- the importer -------------------------------------------------------------

struct Cx<'a> {
    source: &'a str,
    doc: &'a OpenAPI,
    diags: &'a mut Diagnostics,
    /// Component schema key → shape id, for schemas that become shapes.
    keys: BTreeMap<String, ShapeId>,
    /// Component schema key → its shape's Rust type name.
    key_names: BTreeMap<String, String>,
    /// The shapes made so far.
    shapes: BTreeMap<ShapeId, Shape>,
    /// Shapes being made: a member that reaches one again names it.
    building: BTreeSet<ShapeId>,
    /// Requirements of several schemes already warned of.
    multi_scheme_warned: BTreeSet<String>,
    /// Rust type names taken, so that every shape gets its own.
    type_names: BTreeSet<String>,
    /// Components being inlined (those that are no shape): one that holds
    /// itself reads as any JSON, not endless recursion.
    inlining: Vec<String>,
    /// The service's auth schemes: those of operations that state none.
    service_auth: Vec<AuthScheme>,
    /// Security scheme name → the IR's scheme, `None` where unsupported.
    schemes: BTreeMap<String, Option<AuthScheme>>,
    /// Error shapes made from responses: (status, schema) → shape id.
    errors: BTreeMap<(String, String), ShapeId>,
    /// Error names made from a status word already.
    error_words: BTreeSet<String>,
    /// The document is one `sdkgen openapi` wrote (`x-sdkgen-service`).
    sdkgen_dialect: bool,
}

/// A description as the document states it.
fn described(description: Option<&str>) -> Docs {
    Docs::new(description.unwrap_or_default())
}

/// JSON pointer escaping of one token.
fn pointer(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn ext_str<'v>(ext: &'v indexmap::IndexMap<String, Value>, key: &str) -> Option<&'v str> {
    ext.get(key).and_then(Value::as_str)
}

/// What the first server says.
#[derive(Clone)]
struct ServerInfo {
    endpoint: Endpoint,
    /// `<service>` of a `<service>.<region>.amazonaws.com` host.
    signing_name: Option<String>,
}

/// `servers[0]`'s URL with its variables' defaults.
fn server_url(s: &openapiv3::Server) -> String {
    let mut url = s.url.clone();
    for (name, var) in s.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &var.default);
    }
    url
}

/// `chime`, `us-east-1` of `chime.us-east-1.amazonaws.com`, and API Gateway's
/// `execute-api` of `abc123.execute-api.eu-west-1.amazonaws.com`.
fn aws_host(url: &str) -> Option<(String, String)> {
    let host = url.split("://").nth(1)?.split(['/', ':']).next()?;
    let labels: Vec<&str> = host
        .strip_suffix(".amazonaws.com")
        .or_else(|| host.strip_suffix(".amazonaws.com.cn"))?
        .split('.')
        .collect();
    match labels.as_slice() {
        [.., service, region] if region.contains('-') => {
            Some(((*service).to_owned(), (*region).to_owned()))
        }
        [service] => Some(((*service).to_owned(), "us-east-1".to_owned())),
        _ => None,
    }
}

impl Cx<'_> {
    fn server(&mut self) -> ServerInfo {
        let Some(first) = self.doc.servers.first() else {
            if !self.sdkgen_dialect {
                self.diags.warn(
                    format!("{}#/servers", self.source),
                    "the document names no server: requests go to http://localhost unless `endpoint_url` is set",
                    Some("add `servers: [{url: https://...}]`"),
                );
            }
            return ServerInfo {
                endpoint: Endpoint::Global {
                    url: "http://localhost".into(),
                    signing_region: "us-east-1".into(),
                },
                signing_name: None,
            };
        };
        let mut url = server_url(first);
        if url.starts_with('/') || !url.contains("://") {
            if !self.sdkgen_dialect {
                self.diags.warn(
                    format!("{}#/servers/0/url", self.source),
                    format!("the server `{url}` has no host: requests go to http://localhost{} unless `endpoint_url` is set", if url.starts_with('/') { url.as_str() } else { "/" }),
                    None,
                );
            }
            url = format!(
                "http://localhost{}",
                if url.starts_with('/') {
                    url.as_str()
                } else {
                    ""
                }
            );
        }
        let url = url.trim_end_matches('/').to_owned();
        let aws = aws_host(&url);
        ServerInfo {
            endpoint: Endpoint::Global {
                url,
                signing_region: aws
                    .as_ref()
                    .map_or_else(|| "us-east-1".to_owned(), |a| a.1.clone()),
            },
            signing_name: aws.map(|a| a.0),
        }
    }

    /// An `x-sdkgen-auth` list (`["sigv4", "httpBearerAuth", "noAuth"]`) at `loc`.
    fn auth(&mut self, loc: &str, list: &Value) -> Vec<AuthScheme> {
        const HINT: &str = "write a list of \"sigv4\", \"httpBearerAuth\" and \"noAuth\"";
        let Some(items) = list.as_array() else {
            self.diags
                .error(loc, "auth schemes must be a list", Some(HINT));
            return Vec::new();
        };
        let mut schemes = Vec::new();
        for item in items {
            match item.as_str().and_then(super::auth_scheme) {
                Some(s) => schemes.push(s),
                None => self
                    .diags
                    .error(loc, format!("unknown auth scheme {item}"), Some(HINT)),
            }
        }
        schemes
    }

    /// `components/securitySchemes` as the IR's schemes.
    fn index_security_schemes(&mut self) {
        let Some(components) = &self.doc.components else {
            return;
        };
        for (name, scheme) in &components.security_schemes {
            let loc = format!(
                "{}#/components/securitySchemes/{}",
                self.source,
                pointer(name)
            );
            let ReferenceOr::Item(scheme) = scheme else {
                continue;
            };
            let ir = match scheme {
                SecurityScheme::APIKey {
                    location,
                    name: key_name,
                    extensions,
                    ..
                } => {
                    let sigv4 = extensions
                        .get("x-amazon-apigateway-authtype")
                        .and_then(Value::as_str)
                        .is_some_and(|t| t.eq_ignore_ascii_case("awsSigv4"));
                    if sigv4 {
                        Some(AuthScheme::SigV4)
                    } else {
                        Some(api_key(location, key_name))
                    }
                }
                SecurityScheme::HTTP { scheme, .. } => match scheme.to_ascii_lowercase().as_str() {
                    "bearer" => Some(AuthScheme::HttpBearer),
                    "basic" => Some(AuthScheme::HttpBasic),
                    _ => None,
                },
                SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIDConnect { .. } => {
                    Some(AuthScheme::HttpBearer)
                }
            };
            if ir.is_none() {
                self.diags.warn(
                    loc,
                    "this security scheme is not supported: operations that accept only it are sent without authentication",
                    Some("supported: http bearer, http basic, apiKey, oauth2 and openIdConnect (as a bearer token), API Gateway's awsSigv4"),
                );
            }
            self.schemes.insert(name.clone(), ir);
        }
    }

    /// A `security` list as the IR's schemes in order: each requirement
    /// object is an alternative; an empty one (or an empty list) is
    /// anonymous. `None` when the list is absent.
    fn requirements(
        &mut self,
        loc: &str,
        security: Option<&[openapiv3::SecurityRequirement]>,
    ) -> Option<Vec<AuthScheme>> {
        let list = security?;
        let mut out = Vec::new();
        if list.is_empty() {
            out.push(AuthScheme::Anonymous);
        }
        for (i, requirement) in list.iter().enumerate() {
            if requirement.is_empty() {
                out.push(AuthScheme::Anonymous);
                continue;
            }
            if requirement.len() > 1 {
                let names: Vec<&str> = requirement.keys().map(String::as_str).collect();
                let names = names.join(" + ");
                if self.multi_scheme_warned.insert(names.clone()) {
                    self.diags.warn(
                        format!("{loc}/{i}"),
                        format!("a requirement of several schemes at once ({names}): only the first is sent, here and wherever it is required"),
                        None,
                    );
                }
            }
            let (name, _) = requirement.iter().next().expect("not empty");
            match self.schemes.get(name) {
                Some(Some(s)) => out.push(s.clone()),
                Some(None) => {}
                None => self.diags.warn(
                    format!("{loc}/{i}"),
                    format!(
                        "security scheme `{name}` is not defined in components/securitySchemes"
                    ),
                    None,
                ),
            }
        }
        let mut seen = BTreeSet::new();
        out.retain(|s| seen.insert(s.clone()));
        if out.is_empty() {
            out.push(AuthScheme::Anonymous);
        }
        Some(out)
    }

    /// A type name no other shape has, from `hint`.
    fn new_type_name(&mut self, hint: &str) -> String {
        let base = names::type_name(hint);
        let base = if base.is_empty() {
            "Shape".to_owned()
        } else {
            base
        };
        let mut name = base.clone();
        let mut n = 2;
        while !self.type_names.insert(name.clone()) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }

    /// Names the component schemas that become shapes.
    fn index_components(&mut self) {
        let Some(components) = &self.doc.components else {
            return;
        };
        for (key, schema) in &components.schemas {
            let ReferenceOr::Item(s) = schema else {
                continue;
            };
            if self.is_shape(s) {
                // The Rust name from the key (an export's key is the
                // model's Rust name), made unique; the id as stated.
                let name = self.new_type_name(key);
                let id = match ext_str(&s.schema_data.extensions, "x-sdkgen-id") {
                    Some(id) => id.to_owned(),
                    None if names::type_name(key) == name => format!("openapi#{key}"),
                    None => format!("openapi#{name}"),
                };
                self.keys.insert(key.clone(), id);
                self.key_names.insert(key.clone(), name);
            }
        }
    }

    /// Component schemas that become named shapes: objects, enums and
    /// unions, and `allOf`s of objects.
    fn is_shape(&self, s: &Schema) -> bool {
        let ext = &s.schema_data.extensions;
        if ext.contains_key("x-sdkgen-id") || ext.contains_key("x-sdkgen-error") {
            return true;
        }
        let v = view(s);
        if !v.properties.is_empty() {
            return true;
        }
        if !v.enumeration.is_empty() && v.typ.as_deref() == Some("string") {
            return true;
        }
        if !v.enumeration.is_empty() && v.typ.as_deref() == Some("integer") && fits_int_enum(&v) {
            return true;
        }
        if v.one_of.len() >= 2 {
            return true;
        }
        meaningful(&v.all_of).len() >= 2 && self.all_of_has_object(&v, 0)
    }

    /// Whether an `allOf` merges an object (or a union) somewhere, rather
    /// than constraining one scalar type several times.
    fn all_of_has_object(&self, v: &View, depth: usize) -> bool {
        if depth > 16 {
            return false;
        }
        v.all_of.iter().any(|part| match self.resolve(part) {
            Some((_, s)) => {
                let pv = view(s);
                pv.is_object_like()
                    || pv.one_of.len() >= 2
                    || self.all_of_has_object(&pv, depth + 1)
            }
            None => false,
        })
    }

    /// The component a `#/components/schemas/...` reference names.
    /// A component that is only a reference is the one it names; a
    /// cycle of such (`A: {$ref: B}`, `B: {$ref: A}`) names none.
    fn component(&self, reference: &str) -> Option<(&str, &Schema)> {
        let schemas = &self.doc.components.as_ref()?.schemas;
        let mut reference = reference;
        for _ in 0..=schemas.len() {
            let key = reference.strip_prefix("#/components/schemas/")?;
            let (key, schema) = schemas.get_key_value(key)?;
            match schema {
                ReferenceOr::Item(s) => return Some((key.as_str(), s)),
                ReferenceOr::Reference { reference: next } => reference = next,
            }
        }
        None
    }

    /// The schema a reference or an inline schema stands for, and the
    /// component key where it is one.
    fn resolve<'s>(
        &'s self,
        schema: &'s ReferenceOr<Schema>,
    ) -> Option<(Option<&'s str>, &'s Schema)> {
        match schema {
            ReferenceOr::Item(s) => Some((None, s)),
            ReferenceOr::Reference { reference } => {
                self.component(reference).map(|(k, s)| (Some(k), s))
            }
        }
    }

    /// The shape of component `key` (made once, when first needed or in
    /// document order).
    fn component_shape(&mut self, key: &str) {
        let doc = self.doc;
        let Some(id) = self.keys.get(key).cloned() else {
            return;
        };
        let Some(ReferenceOr::Item(schema)) =
            doc.components.as_ref().and_then(|c| c.schemas.get(key))
        else {
            return;
        };
        let loc = format!("{}#/components/schemas/{}", self.source, pointer(key));
        let name = self
            .key_names
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_owned());
        self.shape_of(&loc, &id, &name, key, schema);
    }

    /// Makes `schema` the shape `id` (named `name`; `key` is its name in the
    /// document), unless it is made or being made.
    fn shape_of(&mut self, loc: &str, id: &str, name: &str, key: &str, schema: &Schema) {
        if self.shapes.contains_key(id) || !self.building.insert(id.to_owned()) {
            return;
        }
        self.make_shape(loc, id, name, key, schema);
        self.building.remove(id);
    }

    fn make_shape(&mut self, loc: &str, id: &str, name: &str, key: &str, schema: &Schema) {
        let ext = &schema.schema_data.extensions;
        let docs = described(schema.schema_data.description.as_deref());
        let v = view(schema);
        let non_null = &v.one_of;
        if non_null.len() >= 2 && v.properties.is_empty() && v.all_of.is_empty() {
            // A `oneOf` of string enums (one value each, to document each)
            // is one enum; unknown values are kept, so a plain string among
            // them changes nothing.
            let strings: Option<Vec<Vec<Value>>> = non_null
                .iter()
                .map(|x| {
                    let (_, s) = self.resolve(x)?;
                    let xv = view(s);
                    let plain =
                        xv.one_of.is_empty() && xv.all_of.is_empty() && xv.properties.is_empty();
                    (plain && xv.typ.as_deref() == Some("string") && xv.format.is_none())
                        .then_some(xv.enumeration)
                })
                .collect();
            if let Some(values) = strings.filter(|v| v.iter().any(|e| !e.is_empty())) {
                let values: Vec<Value> = values.into_iter().flatten().collect();
                let shape = enum_shape(id, name, &values, None, docs);
                self.shapes.insert(id.to_owned(), shape);
                return;
            }
            // The same of integers (`{title: DONE, const: 1}`, as
            // protobuf's enums are written): an int enum named by the titles.
            let integers: Option<Vec<(Option<String>, i64)>> = non_null
                .iter()
                .map(|x| {
                    let (_, s) = self.resolve(x)?;
                    let xv = view(s);
                    let plain =
                        xv.one_of.is_empty() && xv.all_of.is_empty() && xv.properties.is_empty();
                    match (plain, xv.typ.as_deref(), xv.enumeration.as_slice()) {
                        (true, Some("integer"), [n]) => {
                            Some((s.schema_data.title.clone(), n.as_i64()?))
                        }
                        _ => None,
                    }
                })
                .collect();
            if let Some(values) = integers {
                let shape = self.int_enum(loc, id, name, &values, None, docs);
                self.shapes.insert(id.to_owned(), shape);
                return;
            }
            let shape = self.union(loc, id, name, non_null, schema, docs);
            self.shapes.insert(id.to_owned(), shape);
            return;
        }
        if !v.all_of.is_empty() || (!non_null.is_empty() && !v.properties.is_empty()) {
            self.all_of(loc, id, name, schema, docs);
            return;
        }
        if !v.enumeration.is_empty() && v.typ.as_deref() == Some("string") {
            let variants_ext = ext.get("x-sdkgen-variants").and_then(Value::as_array);
            let shape = enum_shape(id, name, &v.enumeration, variants_ext, docs);
            self.shapes.insert(id.to_owned(), shape);
            return;
        }
        if !v.enumeration.is_empty() && v.typ.as_deref() == Some("integer") {
            let variants_ext = ext.get("x-sdkgen-variants").and_then(Value::as_array);
            let values: Vec<(Option<String>, i64)> = v
                .enumeration
                .iter()
                .filter_map(Value::as_i64)
                .map(|n| (None, n))
                .collect();
            let shape = self.int_enum(loc, id, name, &values, variants_ext, docs);
            self.shapes.insert(id.to_owned(), shape);
            return;
        }
        // An object.
        let members = self.object_members(loc, &v, name, Binding::Body);
        let wire_name = ext_str(ext, "x-sdkgen-name").unwrap_or(key).to_owned();
        let error = ext.get("x-sdkgen-error").map(error_info);
        let s = Structure {
            id: id.to_owned(),
            name: wire_name,
            rust_name: name.to_owned(),
            builder_name: String::new(),
            docs,
            members,
            error,
            union_repr: UnionRepr::Tagged,
        };
        let union = ext.get("x-sdkgen-union").and_then(Value::as_bool) == Some(true);
        let shape = if union {
            union_shape(s, UnionRepr::Tagged)
        } else {
            Shape::Structure(s)
        };
        self.shapes.insert(id.to_owned(), shape);
    }

    /// An int enum of `values`, each named by its title, the export's
    /// `x-sdkgen-variants`, or its value.
    fn int_enum(
        &mut self,
        loc: &str,
        id: &str,
        name: &str,
        values: &[(Option<String>, i64)],
        variants_ext: Option<&Vec<Value>>,
        docs: Docs,
    ) -> Shape {
        let mut variants = Vec::new();
        let mut taken = BTreeSet::new();
        for (i, (title, n)) in values.iter().enumerate() {
            let Ok(n) = i32::try_from(*n) else {
                self.diags.warn(
                    loc,
                    format!("enum value {n} does not fit an int enum (32 bits): it is left out"),
                    None,
                );
                continue;
            };
            let stated = variants_ext
                .and_then(|e| e.get(i))
                .and_then(|e| e.get("name"))
                .and_then(Value::as_str)
                .or(title.as_deref());
            let mut variant = stated.map_or_else(|| n.to_string(), str::to_owned);
            if !taken.insert(names::variant_name(&variant, i)) {
                variant = format!("Value{i}");
                taken.insert(variant.clone());
            }
            variants.push((variant, n));
        }
        Shape::IntEnum(IntEnum {
            id: id.to_owned(),
            rust_name: name.to_owned(),
            docs,
            variants,
        })
    }

    /// The members of an object schema's properties, bound as `binding`.
    fn object_members(
        &mut self,
        loc: &str,
        v: &View,
        parent: &str,
        binding: Binding,
    ) -> Vec<Member> {
        let mut out: Vec<Member> = Vec::new();
        let mut fields = BTreeSet::new();
        for (key, prop) in &v.properties {
            let hint = format!("{parent}{}", names::type_ident(key));
            let at = format!("{loc}/properties/{}", pointer(key));
            let mut m = self.member(
                &at,
                key,
                prop,
                v.required.contains(key),
                binding.clone(),
                &hint,
            );
            dedupe_member(&mut m, &mut fields);
            out.push(m);
        }
        out
    }

    /// One member: property (or parameter) `key` of schema `schema`.
    fn member(
        &mut self,
        loc: &str,
        key: &str,
        schema: &ReferenceOr<Schema>,
        required: bool,
        binding: Binding,
        hint: &str,
    ) -> Member {
        let ty = self.ty(loc, schema, hint, binding == Binding::Payload);
        let (data, constraints) = match schema {
            ReferenceOr::Item(s) => (Some(&s.schema_data), self.constraints(loc, s)),
            ReferenceOr::Reference { .. } => (None, Constraints::default()),
        };
        let ext = data.map(|d| d.extensions.clone()).unwrap_or_default();
        let name = ext_str(&ext, "x-sdkgen-member").unwrap_or(key).to_owned();
        let binding = match ext.get("x-sdkgen-binding") {
            Some(Value::String(s)) if s == "queryParams" => Binding::QueryParams,
            Some(Value::String(s)) if s == "payload" => Binding::Payload,
            Some(Value::String(s)) if s == "responseCode" => Binding::ResponseCode,
            Some(Value::Object(o)) if o.contains_key("prefixHeaders") => {
                Binding::PrefixHeaders(o["prefixHeaders"].as_str().unwrap_or_default().to_owned())
            }
            Some(Value::Object(o)) if o.contains_key("header") => {
                Binding::Header(o["header"].as_str().unwrap_or_default().to_owned())
            }
            _ => binding,
        };
        // A read-only member is the service's to set: never required of a
        // request.
        let read_only = data.is_some_and(|d| d.read_only);
        let password =
            matches!(schema, ReferenceOr::Item(s) if view(s).format.as_deref() == Some("password"));
        let stated_default = data
            .and_then(|d| d.default.clone())
            .or_else(|| ext.get("x-sdkgen-default").cloned());
        let stated_default = match stated_default {
            Some(d) if !self.sdkgen_dialect => as_written(d, &ty),
            other => other,
        };
        // A property that may be `null` (`nullable`, `oneOf: [X, {type:
        // null}]`) stays an `Option` even where it is required: present,
        // but possibly without a value. The export says `@clientOptional`
        // in its extension.
        let client_optional = ext.get("x-sdkgen-client-optional").and_then(Value::as_bool)
            == Some(true)
            || matches!(schema, ReferenceOr::Item(s) if s.schema_data.nullable || view(s).null_variant);
        Member {
            rust_name: names::field_ident(&name),
            json_name: key.to_owned(),
            name,
            docs: described(data.and_then(|d| d.description.as_deref())),
            ty,
            required: required && !read_only,
            sensitive: ext.get("x-sdkgen-sensitive").and_then(Value::as_bool) == Some(true)
                || password,
            idempotency_token: ext
                .get("x-sdkgen-idempotency-token")
                .and_then(Value::as_bool)
                == Some(true),
            binding,
            constraints,
            boxed: false,
            media_type: ext_str(&ext, "x-sdkgen-media-type").map(str::to_owned),
            stated_default,
            default: None,
            client_optional,
            optional: true,
        }
    }

    /// Constraints a schema states, those it cannot hold left out with a
    /// warning (`minLength` above `maxLength`).
    fn constraints(&mut self, loc: &str, s: &Schema) -> Constraints {
        let mut c = constraints(s);
        let mut crossed = |what: &str, min: String, max: String| {
            self.diags.warn(
                loc,
                format!("{what} bounds {min} > {max}: they are left out"),
                None,
            );
        };
        if let Some((Some(min), Some(max))) = c.length.filter(|(a, b)| a > b) {
            crossed("length", min.to_string(), max.to_string());
            c.length = None;
        }
        if let Some((Some(min), Some(max))) = c
            .range
            .filter(|(a, b)| matches!((a, b), (Some(a), Some(b)) if a > b))
        {
            crossed("range", min.to_string(), max.to_string());
            c.range = None;
        }
        c
    }

    /// The type of `schema`; `hint` names a shape made for an inline
    /// schema; `payload`: it is a whole body, where a binary string is a
    /// stream. What cannot be expressed reads as any JSON, with a warning.
    fn ty(&mut self, loc: &str, schema: &ReferenceOr<Schema>, hint: &str, payload: bool) -> Type {
        let schema = match schema {
            ReferenceOr::Reference { reference } => {
                let key = reference.strip_prefix("#/components/schemas/");
                if let Some((key, id)) = key.and_then(|k| Some((k, self.keys.get(k)?.clone()))) {
                    self.component_shape(key);
                    return Type::Named(id);
                }
                match self.component(reference) {
                    // A component that is only a type (a constrained string,
                    // say) is inlined.
                    Some((k, s)) => {
                        if self.inlining.contains(reference) {
                            self.diags.warn(
                                loc,
                                format!("`{reference}` holds itself, but is no object schema: read as any JSON"),
                                Some("recursion must go through an object component (a structure)"),
                            );
                            return Type::Document;
                        }
                        let s = ReferenceOr::Item(s.clone());
                        let hint = names::type_ident(k);
                        self.inlining.push(reference.clone());
                        let ty = self.ty(loc, &s, &hint, payload);
                        self.inlining.pop();
                        return ty;
                    }
                    None => {
                        self.diags.warn(
                            loc,
                            format!("`$ref` to `{reference}` names no schema (nothing there, or a cycle of references): read as any JSON"),
                            None,
                        );
                        return Type::Document;
                    }
                }
            }
            ReferenceOr::Item(s) => s,
        };
        let ext = &schema.schema_data.extensions;
        if ext.get("x-sdkgen-unit").and_then(Value::as_bool) == Some(true) {
            return Type::Unit;
        }
        let v = view(schema);
        let non_null = &v.one_of;
        if !non_null.is_empty() || !v.all_of.is_empty() {
            // `oneOf: [X, {type: null}]` is a nullable X.
            if non_null.len() == 1 && v.all_of.is_empty() && v.properties.is_empty() {
                return self.ty(loc, &non_null[0], hint, payload);
            }
            let parts = meaningful(&v.all_of);
            if parts.len() == 1 && non_null.is_empty() && v.properties.is_empty() {
                return self.ty(loc, parts[0], hint, payload);
            }
            if parts.is_empty() && non_null.is_empty() && v.properties.is_empty() {
                return Type::Document;
            }
            let name = self.new_type_name(hint);
            let id = format!("openapi#{name}");
            self.shape_of(loc, &id, &name, &name, schema);
            return Type::Named(id);
        }
        if v.not {
            return Type::Document;
        }
        match v.typ.as_deref() {
            Some("string") => match v.format.as_deref() {
                Some("byte") => Type::Blob,
                // `format: binary` is a raw body: a stream, as the export
                // writes a `@streaming` blob, or a blob held whole where the
                // export says so (and inside a document, where no stream
                // can be).
                Some("binary")
                    if !payload
                        || ext.get("x-sdkgen-blob").and_then(Value::as_bool) == Some(true) =>
                {
                    Type::Blob
                }
                Some("binary") => Type::Stream {
                    requires_length: ext
                        .get("x-sdkgen-streaming")
                        .and_then(|s| s.get("requiresLength"))
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                },
                Some("date-time") => Type::Timestamp(match ext_str(ext, "x-sdkgen-timestamp") {
                    Some("http-date") => TimestampFormat::HttpDate,
                    Some("epoch-seconds") => TimestampFormat::EpochSeconds,
                    _ => TimestampFormat::DateTime,
                }),
                _ if !v.enumeration.is_empty() => {
                    let name = self.new_type_name(hint);
                    let id = format!("openapi#{name}");
                    self.shape_of(loc, &id, &name, &name, schema);
                    Type::Named(id)
                }
                _ => Type::String,
            },
            Some("integer") if !v.enumeration.is_empty() && fits_int_enum(&v) => {
                let name = self.new_type_name(hint);
                let id = format!("openapi#{name}");
                self.shape_of(loc, &id, &name, &name, schema);
                Type::Named(id)
            }
            Some("integer") => match v.format.as_deref() {
                Some("int32" | "uint16" | "int16" | "uint8") => Type::Integer,
                Some("int8") => Type::Byte,
                Some("int16 ") => Type::Short,
                Some("int64" | "uint32") => Type::Long,
                // No width stated: the widest, as progenitor reads it (ids
                // outgrow 32 bits).
                _ if self.sdkgen_dialect => Type::Integer,
                _ => Type::Long,
            },
            Some("number") => match v.format.as_deref() {
                Some("float") => Type::Float,
                _ => Type::Double,
            },
            Some("boolean") => Type::Boolean,
            Some("array") => match &v.items {
                Some(items) => {
                    let item = self.item_ty(loc, items, &format!("{hint}Item"));
                    Type::List(Box::new(item))
                }
                None => Type::List(Box::new(Type::Document)),
            },
            Some("object") | None if !v.properties.is_empty() => {
                let name = self.new_type_name(hint);
                let id = format!("openapi#{name}");
                self.shape_of(loc, &id, &name, &name, schema);
                Type::Named(id)
            }
            Some("object") | None => match &v.additional {
                Some(Additional::Schema(value)) => {
                    let key = self.map_key(loc, ext.get("x-sdkgen-key"), hint);
                    let value = self.item_ty(loc, value, &format!("{hint}Value"));
                    Type::Map(Box::new(key), Box::new(value))
                }
                Some(Additional::Any) => {
                    let key = self.map_key(loc, ext.get("x-sdkgen-key"), hint);
                    Type::Map(Box::new(key), Box::new(Type::Document))
                }
                None => Type::Document,
            },
            Some(_) => Type::Document,
        }
    }

    /// A list item or map value: nullable means a `@sparse` element.
    /// A map's key: the enum an export names in `x-sdkgen-key`, else a
    /// string.
    fn map_key(&mut self, loc: &str, key: Option<&Value>, hint: &str) -> Type {
        let Some(key) = key else {
            return Type::String;
        };
        let Ok(schema) = serde_json::from_value::<ReferenceOr<Schema>>(key.clone()) else {
            return Type::String;
        };
        match self.ty(loc, &schema, &format!("{hint}Key"), false) {
            Type::Named(id) => Type::Named(id),
            _ => Type::String,
        }
    }

    fn item_ty(&mut self, loc: &str, schema: &ReferenceOr<Schema>, hint: &str) -> Type {
        let nullable = match schema {
            ReferenceOr::Item(s) => s.schema_data.nullable || view(s).null_variant,
            ReferenceOr::Reference { .. } => false,
        };
        let t = self.ty(loc, schema, hint, false);
        if nullable && !matches!(t, Type::Document) {
            Type::Optional(Box::new(t))
        } else {
            t
        }
    }

    /// A `oneOf`/`anyOf` of `variants` (nulls left out) as a union shape:
    /// discriminated by the schema's `discriminator` where every variant is
    /// an object, otherwise untagged (the first variant that reads wins).
    fn union(
        &mut self,
        loc: &str,
        id: &str,
        name: &str,
        variants: &[ReferenceOr<Schema>],
        schema: &Schema,
        docs: Docs,
    ) -> Shape {
        let discriminator = schema.schema_data.discriminator.as_ref();
        let mut members = Vec::new();
        let mut fields = BTreeSet::new();
        let mut all_objects = true;
        for (i, variant) in variants.iter().enumerate() {
            let at = format!("{loc}/oneOf/{i}");
            let (key, resolved) = match self.resolve(variant) {
                Some((k, s)) => (k.map(str::to_owned), Some(view(s))),
                None => (None, None),
            };
            let object = resolved
                .as_ref()
                .is_some_and(|v| v.is_object_like() || !v.all_of.is_empty());
            all_objects &= object;
            let title = match variant {
                ReferenceOr::Item(s) => s.schema_data.title.clone(),
                ReferenceOr::Reference { .. } => None,
            };
            let named =
                |t: &String| names::type_ident(t).contains(|c: char| c.is_ascii_alphanumeric());
            let variant_name = key
                .clone()
                .filter(named)
                .or(title.filter(named))
                .unwrap_or_else(|| {
                    match resolved.as_ref().and_then(|v| v.typ.clone()).as_deref() {
                        Some("string") => "String".into(),
                        Some("integer") => "Integer".into(),
                        Some("number") => "Number".into(),
                        Some("boolean") => "Boolean".into(),
                        Some("array") => "Array".into(),
                        _ => format!("Variant{}", i + 1),
                    }
                });
            let hint = format!("{name}{}", names::type_ident(&variant_name));
            let ty = self.ty(&at, variant, &hint, false);
            // The discriminator's value: the mapping's key for this
            // variant, else the component's name.
            // (A variant merged with its parent's properties is named by
            // its title after the component it came from.)
            let tag = discriminator
                .and_then(|d| {
                    let component = match variant {
                        ReferenceOr::Reference { reference } => reference.rsplit('/').next(),
                        ReferenceOr::Item(s) => s.schema_data.title.as_deref(),
                    }?;
                    d.mapping
                        .iter()
                        .find(|(_, target)| target.rsplit('/').next() == Some(component))
                        .map(|(k, _)| k.clone())
                })
                .unwrap_or_else(|| key.clone().unwrap_or_else(|| variant_name.clone()));
            let mut m = Member::new(&variant_name, ty, Binding::Body);
            m.json_name = tag;
            // Variant names must differ as Rust names too, and from the
            // `Unknown` variant (and their `as_`/`is_` methods from its).
            if names::snake(&m.name) == "unknown" {
                m.name = format!("{}Value", m.name);
                m.rust_name = names::field_ident(&m.name);
            }
            let mut n = 2;
            let base = m.name.clone();
            while !fields.insert(names::snake(&m.name)) {
                m.name = format!("{base}{n}");
                m.rust_name = names::field_ident(&m.name);
                n += 1;
            }
            members.push(m);
        }
        let repr = match discriminator {
            Some(d) if all_objects => UnionRepr::Discriminated {
                property: d.property_name.clone(),
            },
            _ => UnionRepr::Untagged,
        };
        let s = Structure::new(id, name, docs, members);
        union_shape(s, repr)
    }

    /// An `allOf` (with the schema's own properties) as the shape `id`: the
    /// objects merged into one structure; where one part is a `oneOf`, a
    /// union of that part's variants each merged with the rest.
    fn all_of(&mut self, loc: &str, id: &str, name: &str, schema: &Schema, docs: Docs) {
        let mut merged = Merged::default();
        let mut stack = Vec::new();
        self.merge(loc, schema, &mut merged, &mut stack, false);
        if let Some(variants) = merged.unions.first().cloned() {
            if merged.unions.len() > 1 {
                self.diags.warn(
                    loc,
                    "several `oneOf`s in one `allOf`: only the first is a union, the others are left out",
                    None,
                );
            }
            let base = merged.object_schema();
            // A child that inherits from this very schema (`Cat: allOf:
            // [Pet]` under `Pet: oneOf: [Cat, ...]`) has the properties
            // already: it is the variant as it is.
            let this = self
                .keys
                .iter()
                .find(|(_, v)| v.as_str() == id)
                .map(|(k, _)| format!("#/components/schemas/{k}"));
            let inherits = |v: &ReferenceOr<Schema>| match (v, &this) {
                (ReferenceOr::Reference { reference }, Some(this)) => {
                    // (A child that is no shape of its own, `allOf` of the
                    // parent alone, is the parent: it is merged.)
                    self.component(reference).is_some_and(|(key, s)| {
                        self.keys.contains_key(key)
                            && view(s).all_of.iter().any(|p| {
                            matches!(p, ReferenceOr::Reference { reference } if reference == this)
                        })
                    })
                }
                _ => false,
            };
            let distributed: Vec<ReferenceOr<Schema>> = variants
                .iter()
                .map(|v| {
                    if inherits(v) {
                        return v.clone();
                    }
                    ReferenceOr::Item(Schema {
                        schema_data: Default::default(),
                        schema_kind: SchemaKind::AllOf {
                            all_of: vec![ReferenceOr::Item(base.clone()), v.clone()],
                        },
                    })
                })
                .collect();
            // Variants are named after the parts they merge.
            let named: Vec<ReferenceOr<Schema>> = distributed
                .into_iter()
                .zip(&variants)
                .map(|(d, v)| match (d, v) {
                    (ReferenceOr::Item(mut d), ReferenceOr::Reference { reference }) => {
                        d.schema_data.title = reference.rsplit('/').next().map(str::to_owned);
                        ReferenceOr::Item(d)
                    }
                    (d, _) => d,
                })
                .collect();
            let mut holder = schema.clone();
            holder.schema_data.discriminator = merged
                .discriminator
                .clone()
                .or(holder.schema_data.discriminator);
            let shape = self.union(loc, id, name, &named, &holder, docs);
            self.shapes.insert(id.to_owned(), shape);
            return;
        }
        if merged.properties.is_empty() {
            if let Some(other) = merged.other.first().cloned() {
                if merged.other.len() > 1 {
                    self.diags.warn(
                        loc,
                        "an `allOf` of schemas that are no objects: only the first is read",
                        None,
                    );
                }
                // Not a shape after all: an alias of a type. Keep a
                // structure-free shape out; the members that reach it read
                // the type directly next time.
                let ty = self.ty(loc, &other, name, false);
                let s = Structure::new(
                    id,
                    name,
                    docs,
                    vec![Member::new("value", ty, Binding::Body)],
                );
                self.shapes
                    .insert(id.to_owned(), union_shape(s, UnionRepr::Untagged));
                return;
            }
        } else if !merged.other.is_empty() {
            self.diags.warn(
                loc,
                "an `allOf` of objects and schemas that are no objects: only the objects are read",
                None,
            );
        }
        let v = View {
            properties: merged.properties.clone(),
            required: merged.required.clone(),
            ..View::default()
        };
        let members = self.object_members(loc, &v, name, Binding::Body);
        self.shapes.insert(
            id.to_owned(),
            Shape::Structure(Structure::new(id, name, docs, members)),
        );
    }

    /// Merges the parts of `schema` (its `allOf`, its own properties, its
    /// `oneOf`) into `out`.
    ///
    /// A part reached by reference is a parent (`Cat: allOf: [Pet]`): its
    /// properties are inherited, and its `oneOf` (the list of its
    /// children, `Pet: oneOf: [Cat, Dog]`) is not.
    fn merge(
        &mut self,
        loc: &str,
        schema: &Schema,
        out: &mut Merged,
        stack: &mut Vec<String>,
        inherited: bool,
    ) {
        if stack.len() > 32 {
            return;
        }
        let v = view(schema);
        if out.discriminator.is_none() {
            out.discriminator = schema.schema_data.discriminator.clone();
        }
        for part in &v.all_of {
            match part {
                ReferenceOr::Reference { reference } => {
                    if stack.contains(reference) {
                        continue;
                    }
                    match self.component(reference).map(|(_, s)| s.clone()) {
                        Some(s) => {
                            let pv = view(&s);
                            if pv.is_object_like()
                                || !pv.all_of.is_empty()
                                || !pv.properties.is_empty()
                            {
                                stack.push(reference.clone());
                                self.merge(loc, &s, out, stack, true);
                                stack.pop();
                            } else if inherited {
                            } else if pv.one_of.len() >= 2 {
                                out.unions.push(pv.one_of.clone());
                            } else {
                                out.other.push(part.clone());
                            }
                        }
                        None => self.diags.warn(
                            loc,
                            format!(
                                "`$ref` to `{reference}` points nowhere: left out of the `allOf`"
                            ),
                            None,
                        ),
                    }
                }
                ReferenceOr::Item(s) => {
                    let pv = view(s);
                    if pv.is_object_like()
                        || !pv.all_of.is_empty()
                        || (pv.typ.is_none() && pv.one_of.is_empty() && pv.enumeration.is_empty())
                    {
                        self.merge(loc, s, out, stack, inherited);
                    } else if inherited {
                    } else if pv.one_of.len() >= 2 {
                        out.unions.push(pv.one_of.clone());
                    } else if pv.one_of.len() == 1 {
                        let only = pv.one_of[0].clone();
                        let wrapped = Schema {
                            schema_data: Default::default(),
                            schema_kind: SchemaKind::AllOf { all_of: vec![only] },
                        };
                        self.merge(loc, &wrapped, out, stack, inherited);
                    } else {
                        out.other.push(part.clone());
                    }
                }
            }
        }
        for (k, p) in v.properties {
            match out.properties.iter_mut().find(|(key, _)| *key == k) {
                Some(slot) => slot.1 = p,
                None => out.properties.push((k, p)),
            }
        }
        for r in v.required {
            if !out.required.contains(&r) {
                out.required.push(r);
            }
        }
        if v.one_of.len() >= 2 && !inherited {
            out.unions.push(v.one_of);
        }
    }

    /// The operation, or `None` with its problems reported as warnings
    /// (the operation is skipped, the rest of the document generates).
    fn operation_or_skip(
        &mut self,
        path: &str,
        method: &str,
        item: &openapiv3::PathItem,
        op: &openapiv3::Operation,
    ) -> Option<Operation> {
        let outer = std::mem::take(self.diags);
        let result = self.operation(path, method, item, op);
        let items = std::mem::replace(self.diags, outer).take();
        let mut skipped = result.is_none();
        for d in items {
            match d.severity {
                Severity::Error => {
                    skipped = true;
                    self.diags.warn(
                        d.location,
                        format!("operation skipped: {}", d.message),
                        d.hint.as_deref(),
                    );
                }
                Severity::Warning => self.diags.warn(d.location, d.message, d.hint.as_deref()),
            }
        }
        if skipped {
            None
        } else {
            result
        }
    }
}

#[derive(Default)]
struct Merged {
    properties: Vec<(String, ReferenceOr<Schema>)>,
    required: Vec<String>,
    unions: Vec<Vec<ReferenceOr<Schema>>>,
    /// Parts that are no objects.
    other: Vec<ReferenceOr<Schema>>,
    discriminator: Option<openapiv3::Discriminator>,
}

impl Merged {
    /// The merged properties as one object schema.
    fn object_schema(&self) -> Schema {
        Schema {
            schema_data: Default::default(),
            schema_kind: SchemaKind::Type(OType::Object(openapiv3::ObjectType {
                properties: self
                    .properties
                    .iter()
                    .map(|(k, v)| {
                        let boxed = match v {
                            ReferenceOr::Reference { reference } => ReferenceOr::Reference {
                                reference: reference.clone(),
                            },
                            ReferenceOr::Item(s) => ReferenceOr::Item(Box::new(s.clone())),
                        };
                        (k.clone(), boxed)
                    })
                    .collect(),
                required: self.required.clone(),
                ..Default::default()
            })),
        }
    }
}

/// A `discriminator` the IR cannot hold (a variant that is no structure,
/// two variants of one tag, a variant whose own member of the tag's name is
/// no string) makes the union untagged: read by trying each variant, which
/// is what a reader without the discriminator does.
fn untag_unreadable_discriminators(shapes: &mut BTreeMap<ShapeId, Shape>, diags: &mut Diagnostics) {
    let mut untag = Vec::new();
    for (id, shape) in shapes.iter() {
        let Shape::Union(u) = shape else { continue };
        let UnionRepr::Discriminated { property } = &u.union_repr else {
            continue;
        };
        let mut tags = BTreeSet::new();
        let fits = u.members.iter().all(|m| {
            let Type::Named(target) = &m.ty else {
                return false;
            };
            let Some(Shape::Structure(s)) = shapes.get(target) else {
                return false;
            };
            let tag_member_fits = s
                .members
                .iter()
                .filter(|x| &x.json_name == property)
                .all(|x| match &x.ty {
                    Type::String => true,
                    Type::Named(e) => matches!(shapes.get(e), Some(Shape::Enum(_))),
                    _ => false,
                });
            s.error.is_none() && tag_member_fits && tags.insert(m.json_name.clone())
        });
        if !fits {
            untag.push(id.clone());
        }
    }
    for id in untag {
        if let Some(Shape::Union(u)) = shapes.get_mut(&id) {
            u.union_repr = UnionRepr::Untagged;
            diags.warn(
                id.clone(),
                "the discriminator cannot tell these variants apart (a variant is no object, or two share a value): read by trying each variant in order",
                None,
            );
        }
    }
}

/// The member of a discriminated union's variant that holds the tag is the
/// union's to write (from the variant) and is read back as sent: it is
/// `@clientOptional`, so that building a variant does not ask for it though
/// the schema says `required` (as OpenAPI has the discriminator property).
fn discriminated_tags_are_optional(shapes: &mut BTreeMap<ShapeId, Shape>) {
    let mut tags: Vec<(ShapeId, String)> = Vec::new();
    for shape in shapes.values() {
        let Shape::Union(u) = shape else { continue };
        let UnionRepr::Discriminated { property } = &u.union_repr else {
            continue;
        };
        for m in &u.members {
            if let Type::Named(variant) = &m.ty {
                tags.push((variant.clone(), property.clone()));
            }
        }
    }
    for (variant, property) in tags {
        if let Some(Shape::Structure(s)) = shapes.get_mut(&variant) {
            for m in s.members.iter_mut().filter(|m| m.json_name == property) {
                m.client_optional = true;
            }
        }
    }
}

/// Whether an integer enum is one the IR holds: 32 bits (an `int64` one,
/// or one of wider values, is a plain `i64`).
fn fits_int_enum(v: &View) -> bool {
    v.format.as_deref() != Some("int64")
        && v.enumeration
            .iter()
            .all(|n| n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()))
}

/// The parts of an `allOf` that say something: references, and inline
/// schemas with a type, properties, variants or items (not a bare
/// `description`).
fn meaningful(parts: &[ReferenceOr<Schema>]) -> Vec<&ReferenceOr<Schema>> {
    parts
        .iter()
        .filter(|p| match p {
            ReferenceOr::Reference { .. } => true,
            ReferenceOr::Item(s) => {
                let v = view(s);
                v.typ.is_some()
                    || !v.properties.is_empty()
                    || !v.one_of.is_empty()
                    || !v.all_of.is_empty()
                    || !v.enumeration.is_empty()
                    || v.items.is_some()
                    || v.additional.is_some()
            }
        })
        .collect()
}

/// Gives `m` a name whose Rust field no earlier member has.
fn dedupe_member(m: &mut Member, fields: &mut BTreeSet<String>) {
    // A property named `""` or `" "` (documents have them) makes no
    // identifier: it is `unnamed` in Rust, its wire name kept.
    if !names::field_ident(&m.name).contains(|c: char| c.is_ascii_alphanumeric()) {
        m.name = "unnamed".to_owned();
        m.rust_name = names::field_ident(&m.name);
    }
    let base = m.name.clone();
    let mut n = 2;
    while !fields.insert(names::field_ident(&m.name)) {
        m.name = format!("{base}{n}");
        m.rust_name = names::field_ident(&m.name);
        n += 1;
    }
}

/// A string enum shape of `values`.
fn enum_shape(
    id: &str,
    name: &str,
    values: &[Value],
    variants_ext: Option<&Vec<Value>>,
    docs: Docs,
) -> Shape {
    let mut taken = BTreeSet::new();
    let mut seen_values = BTreeSet::new();
    let mut variants = Vec::new();
    for (i, value) in values.iter().enumerate() {
        let Some(value) = value.as_str() else {
            continue;
        };
        if !seen_values.insert(value.to_owned()) {
            continue;
        }
        let v = variants_ext.and_then(|v| v.get(i));
        let mut rust_name = v
            .and_then(|v| v.get("name"))
            .and_then(Value::as_str)
            .map_or_else(|| names::variant_ident(value, i), str::to_owned);
        if !taken.insert(names::variant_name(&rust_name, i)) {
            rust_name = format!("{}{i}", names::variant_name(&rust_name, i));
            taken.insert(rust_name.clone());
        }
        variants.push(EnumVariant {
            rust_name,
            value: value.to_owned(),
            docs: described(v.and_then(|v| v.get("docs")).and_then(Value::as_str)),
        });
    }
    Shape::Enum(Enum {
        id: id.to_owned(),
        rust_name: name.to_owned(),
        docs,
        variants,
    })
}

/// A unique operation name from `base` (`base2`, `base3`, ...).
fn unique_name(taken: &BTreeSet<String>, base: &str) -> String {
    let mut name = base.to_owned();
    let mut n = 2;
    while taken.contains(&names::operation_fn(&name)) {
        name = format!("{base}{n}");
        n += 1;
    }
    name
}

/// An operation's name from its method and path, where it has no
/// `operationId`: `GET /users/{id}/posts` is `GetUsersByIdPosts`.
fn derived_name(method: &str, path: &str) -> String {
    let mut name = names::type_ident(method);
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(label) => {
                name.push_str("By");
                name.push_str(&names::type_ident(label.trim_end_matches('+')));
            }
            None => name.push_str(&names::type_ident(segment)),
        }
    }
    name
}

/// The word of an error response's status: `404` → `NotFound`.
fn status_word(status: &str) -> String {
    let word = match status {
        "400" => "BadRequest",
        "401" => "Unauthorized",
        "402" => "PaymentRequired",
        "403" => "Forbidden",
        "404" => "NotFound",
        "405" => "MethodNotAllowed",
        "406" => "NotAcceptable",
        "408" => "RequestTimeout",
        "409" => "Conflict",
        "410" => "Gone",
        "411" => "LengthRequired",
        "412" => "PreconditionFailed",
        "413" => "PayloadTooLarge",
        "414" => "UriTooLong",
        "415" => "UnsupportedMediaType",
        "416" => "RangeNotSatisfiable",
        "417" => "ExpectationFailed",
        "418" => "ImATeapot",
        "421" => "MisdirectedRequest",
        "422" => "UnprocessableEntity",
        "423" => "Locked",
        "424" => "FailedDependency",
        "425" => "TooEarly",
        "426" => "UpgradeRequired",
        "428" => "PreconditionRequired",
        "429" => "TooManyRequests",
        "431" => "RequestHeaderFieldsTooLarge",
        "451" => "UnavailableForLegalReasons",
        "500" => "InternalServerError",
        "501" => "NotImplemented",
        "502" => "BadGateway",
        "503" => "ServiceUnavailable",
        "504" => "GatewayTimeout",
        "4XX" => "Client",
        "5XX" => "Server",
        "default" => "Default",
        other => return format!("Status{other}"),
    };
    word.to_owned()
}

/// The media type a body is read or written as, in order of preference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum MediaKind {
    Json,
    Multipart,
    Form,
    Text,
    Binary,
}

fn media_kind(media: &str) -> MediaKind {
    let m = media
        .split(';')
        .next()
        .unwrap_or(media)
        .trim()
        .to_ascii_lowercase();
    if m == "application/json" || m.ends_with("+json") || m.contains("/json") || m.contains("json")
    {
        MediaKind::Json
    } else if m == "multipart/form-data" || m.starts_with("multipart/") {
        MediaKind::Multipart
    } else if m == "application/x-www-form-urlencoded" {
        MediaKind::Form
    } else if m.starts_with("text/") && m != "text/event-stream" {
        MediaKind::Text
    } else {
        MediaKind::Binary
    }
}

/// The content to read or write: JSON preferred where several media types
/// are offered.
fn pick_media(
    content: &indexmap::IndexMap<String, openapiv3::MediaType>,
) -> Option<(&str, &openapiv3::MediaType, MediaKind)> {
    content
        .iter()
        .map(|(k, v)| (k.as_str(), v, media_kind(k)))
        .min_by_key(|(k, _, kind)| (*kind, *k != "application/json"))
}

impl Cx<'_> {
    /// The input members bound to path, query, header and cookie
    /// parameters (the path item's, overridden by the operation's).
    fn parameters(
        &mut self,
        loc: &str,
        op_name: &str,
        item: &openapiv3::PathItem,
        op: &openapiv3::Operation,
        fields: &mut BTreeSet<String>,
    ) -> Vec<Member> {
        let mut params: Vec<&Parameter> = Vec::new();
        let key = |p: &Parameter| {
            let d = p.parameter_data_ref();
            let location = match p {
                Parameter::Query { .. } => 0,
                Parameter::Header { .. } => 1,
                Parameter::Path { .. } => 2,
                Parameter::Cookie { .. } => 3,
            };
            (d.name.clone(), location)
        };
        for p in item.parameters.iter().chain(&op.parameters) {
            let ReferenceOr::Item(p) = p else {
                // `load` inlines parameter references; one left pointed nowhere.
                self.diags.warn(
                    loc,
                    "a parameter's `$ref` cannot be read: it is left out",
                    None,
                );
                continue;
            };
            match params.iter().position(|q| key(q) == key(p)) {
                Some(i) => params[i] = p,
                None => params.push(p),
            }
        }
        let mut members = Vec::new();
        // Labels first: their names are the path's.
        params.sort_by_key(|p| !matches!(p, Parameter::Path { .. }));
        for p in params {
            let data = p.parameter_data_ref();
            let ploc = format!("{loc}/parameters/{}", pointer(&data.name));
            let binding = match p {
                Parameter::Path { .. } => Binding::Label,
                Parameter::Query { style, .. } => query(&data.name, style, data.explode),
                Parameter::Header { .. } => {
                    // The specification: these are ignored as parameters.
                    // (An export binds members to them: read those.)
                    if !self.sdkgen_dialect
                        && ["accept", "content-type", "authorization"]
                            .contains(&data.name.to_ascii_lowercase().as_str())
                    {
                        continue;
                    }
                    Binding::Header(data.name.clone())
                }
                Parameter::Cookie { .. } => Binding::Cookie(data.name.clone()),
            };
            let named_right = match &binding {
                Binding::Header(n) | Binding::Cookie(n) => is_http_token(n),
                _ => true,
            };
            if !named_right {
                self.unsupported_param(&ploc, data, "its name is not an HTTP token");
                continue;
            }
            let schema = match &data.format {
                ParameterSchemaOrContent::Schema(s) => s.clone(),
                ParameterSchemaOrContent::Content(content) => {
                    match content.values().next().and_then(|m| m.schema.clone()) {
                        Some(s) => s,
                        None => string_schema(),
                    }
                }
            };
            // A parameter of several scalar types (an id or a name) is
            // the text on the wire: a string.
            // A parameter of a scalar or a list of them (Elasticsearch's
            // `index`: one name or several) is a list in the query, where
            // lists repeat, and the text elsewhere.
            let mut schema = match self.scalar_union(&schema) {
                Some(true) if matches!(binding, Binding::Query(_)) => string_list_schema(),
                Some(_) => string_schema(),
                None => schema,
            };
            if let (ReferenceOr::Item(s), Some(d)) = (&mut schema, &data.description) {
                s.schema_data.description.get_or_insert_with(|| d.clone());
            }
            let hint = format!("{op_name}{}", names::type_ident(&data.name));
            let required = data.required || binding == Binding::Label;
            let mut m = self.member(&ploc, &data.name, &schema, required, binding.clone(), &hint);
            if let Some(member) = data
                .extensions
                .get("x-sdkgen-member")
                .and_then(Value::as_str)
            {
                m.name = member.to_owned();
                m.rust_name = names::field_ident(member);
            }
            // `format: byte` in a URI or header is the base64 text as given.
            if m.ty == Type::Blob {
                m.ty = Type::String;
            }
            if !self.parameter_type_fits(&m) {
                self.unsupported_param(
                    &ploc,
                    data,
                    "a parameter of this type cannot be written into a URI or header",
                );
                continue;
            }
            // A parameter has no JSON name of its own.
            m.json_name = m.name.clone();
            if m.binding != Binding::Label {
                dedupe_member(&mut m, fields);
            } else {
                fields.insert(names::field_ident(&m.name));
            }
            members.push(m);
        }
        members
    }

    /// Whether a member bound to a parameter has a type the back end can
    /// write there (`check`'s rule, [`Binding::fits_target`]; a label a
    /// scalar).
    fn parameter_type_fits(&self, m: &Member) -> bool {
        match m.binding {
            Binding::Label => is_text_scalar(&m.ty, &self.shapes),
            _ => m.binding.fits_target(&m.ty, &self.shapes).is_ok(),
        }
    }

    /// Whether a `oneOf`/`anyOf`'s variants are all strings, numbers or
    /// booleans (through `allOf` wrappers), or lists of them: `Some(true)`
    /// where one is a list, `None` where a variant is of another form.
    fn scalar_union(&self, schema: &ReferenceOr<Schema>) -> Option<bool> {
        let (_, s) = self.resolve(schema)?;
        let v = view(s);
        let variants: Vec<&ReferenceOr<Schema>> = v.one_of.iter().collect();
        if variants.len() < 2 {
            return None;
        }
        let mut list = false;
        for x in variants {
            if self.is_scalar(x, 0) {
                continue;
            }
            let items = self.resolve(x).and_then(|(_, xs)| {
                let xv = view(xs);
                (xv.typ.as_deref() == Some("array")).then_some(xv.items)?
            });
            match items {
                Some(items) if self.is_scalar(&items, 0) => list = true,
                _ => return None,
            }
        }
        Some(list)
    }

    /// Whether a schema is a string, number or boolean, or a union or
    /// `allOf` wrapper of them.
    fn is_scalar(&self, schema: &ReferenceOr<Schema>, depth: usize) -> bool {
        let Some((_, s)) = self.resolve(schema) else {
            return false;
        };
        let v = view(s);
        if depth > 8 || !v.properties.is_empty() {
            return false;
        }
        let variants: Vec<&ReferenceOr<Schema>> = v.one_of.iter().collect();
        if !variants.is_empty() {
            return variants.iter().all(|x| self.is_scalar(x, depth + 1));
        }
        let parts = meaningful(&v.all_of);
        if !parts.is_empty() {
            return parts.iter().all(|x| self.is_scalar(x, depth + 1));
        }
        matches!(
            v.typ.as_deref(),
            Some("string" | "integer" | "number" | "boolean")
        )
    }

    fn unsupported_param(&mut self, loc: &str, data: &openapiv3::ParameterData, what: &str) {
        if data.required {
            self.diags.error(
                loc,
                format!("required parameter `{}`: {what}", data.name),
                None,
            );
        } else {
            self.diags.warn(
                loc,
                format!("parameter `{}` is left out: {what}", data.name),
                None,
            );
        }
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        item: &openapiv3::PathItem,
        op: &openapiv3::Operation,
    ) -> Option<Operation> {
        let loc = format!("{}#/paths/{}/{method}", self.source, pointer(path));
        let name = match op
            .operation_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(id) => id.to_owned(),
            None => derived_name(method, path),
        };
        let op_type = names::type_ident(&name);
        let ext = &op.extensions;
        let id = ext_str(ext, "x-sdkgen-id").map_or_else(
            || {
                format!(
                    "openapi#{}",
                    if self.sdkgen_dialect {
                        name.clone()
                    } else {
                        op_type.clone()
                    }
                )
            },
            str::to_owned,
        );
        // The path: `{x}` labels; a greedy `{x+}` where the export writes one.
        let (mut uri, uri_query) = match parse_uri_pattern(path) {
            Ok(parsed) => parsed,
            Err(e) => {
                self.diags.error(&loc, e, None);
                return None;
            }
        };
        // `/{Key}` whose path parameter says `x-sdkgen-greedy: true` is a
        // greedy label (Smithy's `{Key+}`, which OpenAPI templates cannot
        // write): its value may hold `/`.
        for segment in &mut uri {
            if let UriSegment::Label { member, greedy } = segment {
                *greedy |= item.parameters.iter().chain(&op.parameters).any(|p| {
                    matches!(p, ReferenceOr::Item(Parameter::Path { parameter_data, .. })
                        if parameter_data.name == *member
                            && parameter_data.extensions.get("x-sdkgen-greedy") == Some(&Value::Bool(true)))
                });
            }
        }
        // Input: parameters, then the body.
        let mut fields = BTreeSet::new();
        let mut input_members = self.parameters(&loc, &op_type, item, op, &mut fields);
        for seg in &mut uri {
            let UriSegment::Label { member, .. } = seg else {
                continue;
            };
            let bound = input_members
                .iter()
                .any(|m| m.binding == Binding::Label && m.name == *member);
            if !bound {
                if !self.sdkgen_dialect {
                    self.diags.warn(
                        format!("{loc}/parameters"),
                        format!(
                            "path label `{{{member}}}` has no parameter: it is a required string"
                        ),
                        None,
                    );
                }
                let mut m = Member::new(member, Type::String, Binding::Label);
                m.required = true;
                input_members.push(m);
                fields.insert(names::field_ident(member));
            }
        }
        // Labels without a place in the path are not sent: drop them.
        input_members.retain(|m| {
            m.binding != Binding::Label
                || uri
                    .iter()
                    .any(|s| matches!(s, UriSegment::Label { member, .. } if *member == m.name))
        });
        if let Some(body) = &op.request_body {
            let ReferenceOr::Item(body) = body else {
                self.diags
                    .error(&loc, "the request body's `$ref` cannot be read", None);
                return None;
            };
            let bloc = format!("{loc}/requestBody");
            let body_members = self.body(&bloc, &body.content, body.required, &op_type, true)?;
            for mut m in body_members {
                dedupe_member(&mut m, &mut fields);
                input_members.push(m);
            }
        }
        let (code, output_members, errors) = self.responses(&loc, &op_type, op)?;
        let input = io_structure(
            ext.get("x-sdkgen-input"),
            &id,
            &format!("{name}Input"),
            "input",
            input_members,
        );
        let output = io_structure(
            ext.get("x-sdkgen-output"),
            &id,
            &format!("{name}Output"),
            "output",
            output_members,
        );
        let errors = match ext.get("x-sdkgen-errors").and_then(Value::as_array) {
            Some(e) => e
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            None => errors,
        };
        let pagination = ext.get("x-sdkgen-paginated").and_then(|p| {
            Some(Pagination {
                input_token: p.get("inputToken")?.as_str()?.to_owned(),
                output_token: p.get("outputToken")?.as_str()?.to_owned(),
                items: p.get("items").and_then(Value::as_str).map(str::to_owned),
                page_size: p.get("pageSize").and_then(Value::as_str).map(str::to_owned),
            })
        });
        let protocol_tests = protocol_tests(ext.get("x-sdkgen-protocol-tests"));
        let auth = match ext.get("x-sdkgen-auth") {
            Some(list) => self.auth(&format!("{loc}/x-sdkgen-auth"), list),
            None if self.sdkgen_dialect => self.service_auth.clone(),
            None => {
                let sloc = format!("{loc}/security");
                match self.requirements(&sloc, op.security.as_deref()) {
                    Some(list) => list,
                    None if self.service_auth.is_empty() => vec![AuthScheme::Anonymous],
                    None => self.service_auth.clone(),
                }
            }
        };
        let docs = match (&op.summary, &op.description) {
            (_, Some(d)) => described(Some(d)),
            (Some(s), None) => described(Some(s)),
            (None, None) => Docs::default(),
        };
        Some(Operation {
            id,
            rust_name: names::field_ident(&name),
            names: Default::default(),
            docs,
            name,
            method: method.to_ascii_uppercase(),
            uri,
            uri_query,
            code,
            input,
            output,
            errors,
            pagination,
            host_prefix: ext_str(ext, "x-sdkgen-host-prefix").map(str::to_owned),
            endpoint_params: self.endpoint_params(&loc, ext.get("x-sdkgen-endpoint-params")),
            protocol_tests,
            customizations: Default::default(),
            checksum_required: ext
                .get("x-sdkgen-checksum-required")
                .and_then(Value::as_bool)
                == Some(true),
            gzip: ext.get("x-sdkgen-gzip").and_then(Value::as_bool) == Some(true),
            unsigned_payload: ext
                .get("x-sdkgen-unsigned-payload")
                .and_then(Value::as_bool)
                == Some(true),
            auth,
        })
    }

    /// The members a body (request or response) is read into: a JSON
    /// object's properties, or one payload member (a JSON value of another
    /// form, text, bytes or a stream), or form fields and multipart parts.
    fn body(
        &mut self,
        loc: &str,
        content: &indexmap::IndexMap<String, openapiv3::MediaType>,
        required: bool,
        op_type: &str,
        request: bool,
    ) -> Option<Vec<Member>> {
        let Some((media, item, kind)) = pick_media(content) else {
            return Some(Vec::new());
        };
        if self.sdkgen_dialect && kind != MediaKind::Json {
            // An export's raw payload: bytes or text as the schema says, its
            // media type kept unless it is the default one.
            let (media, item) = content.iter().next()?;
            let schema = item.schema.clone()?;
            let keep = (media != "application/octet-stream" && media != "text/plain")
                .then(|| media.clone());
            return Some(vec![self.payload(loc, &schema, required, keep, op_type)]);
        }
        let mloc = format!("{loc}/content/{}", pointer(media));
        let hint = if request {
            format!("{op_type}Request")
        } else {
            format!("{op_type}Response")
        };
        let schema = item.schema.clone();
        match kind {
            MediaKind::Json => {
                let Some(schema) = schema else {
                    // A JSON body of any form.
                    let any = ReferenceOr::Item(any_schema());
                    return Some(vec![self.payload(&mloc, &any, required, None, &hint)]);
                };
                if let Some(members) = self.flat_object(&mloc, &schema, &hint) {
                    return Some(members);
                }
                // An export's JSON body is always an object, possibly of no
                // members.
                if self.sdkgen_dialect {
                    if let Some((_, s)) = self.resolve(&schema) {
                        if view(s).properties.is_empty() && view(s).typ.as_deref() == Some("object")
                        {
                            return Some(Vec::new());
                        }
                    }
                }
                let media_type =
                    (media != "application/json" && self.sdkgen_dialect).then(|| media.to_owned());
                Some(vec![
                    self.payload(&mloc, &schema, required, media_type, &hint)
                ])
            }
            MediaKind::Multipart | MediaKind::Form => {
                if !request {
                    // A form answer: read as bytes.
                    let binary = binary_schema();
                    return Some(vec![self.payload(
                        &mloc,
                        &binary,
                        false,
                        Some(media.to_owned()),
                        &hint,
                    )]);
                }
                let schema = schema.unwrap_or_else(|| ReferenceOr::Item(any_schema()));
                let Some((_, s)) = self.resolve(&schema) else {
                    self.diags
                        .error(&mloc, "the body's schema cannot be read", None);
                    return None;
                };
                let v = view(s);
                let mut v = v;
                if !v.all_of.is_empty() {
                    let mut merged = Merged::default();
                    let s = s.clone();
                    self.merge(&mloc, &s, &mut merged, &mut Vec::new(), false);
                    v.properties = merged.properties;
                    v.required = merged.required;
                }
                if v.properties.is_empty() {
                    // A form of no stated fields: the caller writes the
                    // body, sent with its media type.
                    let advice = (kind == MediaKind::Multipart).then_some(
                        "a multipart body's `Content-Type` names its boundary: set it with `customize().mutate_request(..)`",
                    );
                    self.diags.warn(
                        &mloc,
                        format!(
                            "the `{media}` body states no fields: it is sent as the bytes given"
                        ),
                        advice,
                    );
                    let binary = binary_schema();
                    return Some(vec![self.payload(
                        &mloc,
                        &binary,
                        required,
                        Some(media.to_owned()),
                        &hint,
                    )]);
                }
                let mut members = Vec::new();
                for (key, prop) in &v.properties {
                    let ploc = format!("{mloc}/schema/properties/{}", pointer(key));
                    let binding = match kind {
                        MediaKind::Multipart => Binding::MultipartPart(key.clone()),
                        _ => Binding::FormField(key.clone()),
                    };
                    let phint = format!("{hint}{}", names::type_ident(key));
                    let mut m =
                        self.member(&ploc, key, prop, v.required.contains(key), binding, &phint);
                    m.json_name = key.clone();
                    members.push(m);
                }
                Some(members)
            }
            MediaKind::Text => {
                let text = string_schema();
                let keep = (media != "text/plain").then(|| media.to_owned());
                let schema = match schema {
                    Some(s) if matches!(self.resolve(&s), Some((_, x)) if view(x).typ.as_deref() == Some("string") && view(x).format.as_deref() != Some("binary")) => {
                        s
                    }
                    _ => text,
                };
                Some(vec![self.payload(&mloc, &schema, required, keep, &hint)])
            }
            MediaKind::Binary => {
                let keep = (media != "application/octet-stream").then(|| media.to_owned());
                let schema = match schema {
                    Some(s) if self.sdkgen_dialect => s,
                    _ => binary_schema(),
                };
                Some(vec![self.payload(&mloc, &schema, required, keep, &hint)])
            }
        }
    }

    /// The members of a JSON body that is an object with properties (a
    /// reference to a structure component, an inline object, an `allOf`
    /// of objects); `None` for a body of another form.
    fn flat_object(
        &mut self,
        loc: &str,
        schema: &ReferenceOr<Schema>,
        hint: &str,
    ) -> Option<Vec<Member>> {
        let (key, s) = self.resolve(schema)?;
        let s = s.clone();
        let v = view(&s);
        let has_union = v.one_of.len() >= 2;
        if has_union || v.additional.is_some() && v.properties.is_empty() {
            return None;
        }
        if let Some(key) = key {
            // A structure component: its members, as the component states them.
            let id = self.keys.get(key)?.clone();
            if matches!(self.shapes.get(&id), Some(Shape::Structure(st)) if st.error.is_none()) {
                if let Some(Shape::Structure(st)) = self.shapes.get(&id) {
                    return Some(st.members.clone());
                }
            }
            return None;
        }
        if !v.all_of.is_empty() {
            let mut merged = Merged::default();
            self.merge(loc, &s, &mut merged, &mut Vec::new(), false);
            if !merged.unions.is_empty() || merged.properties.is_empty() {
                return None;
            }
            let mv = View {
                properties: merged.properties,
                required: merged.required,
                ..View::default()
            };
            return Some(self.object_members(loc, &mv, hint, Binding::Body));
        }
        if v.properties.is_empty() {
            return None;
        }
        Some(self.object_members(&format!("{loc}/schema"), &v, hint, Binding::Body))
    }

    /// A body as one `@httpPayload` member named `Body` (or as the
    /// export's `x-sdkgen-member` says).
    fn payload(
        &mut self,
        loc: &str,
        schema: &ReferenceOr<Schema>,
        required: bool,
        media_type: Option<String>,
        hint: &str,
    ) -> Member {
        let mut m = self.member(loc, "Body", schema, required, Binding::Payload, hint);
        m.binding = Binding::Payload;
        // The body has no key: the member's name stands for one.
        m.json_name = m.name.clone();
        if m.media_type.is_none() {
            m.media_type = media_type;
        }
        m
    }

    /// Success code, output members (body and headers) and error ids from
    /// the responses.
    fn responses(
        &mut self,
        loc: &str,
        op_type: &str,
        op: &openapiv3::Operation,
    ) -> Option<(u16, Vec<Member>, Vec<ShapeId>)> {
        let responses = &op.responses;
        let mut success: Vec<(u16, &openapiv3::Response)> = Vec::new();
        let mut failures: Vec<(String, &openapiv3::Response)> = Vec::new();
        for (status, response) in &responses.responses {
            let ReferenceOr::Item(response) = response else {
                self.diags.warn(
                    loc,
                    format!("response {status}'s `$ref` cannot be read: it is left out"),
                    None,
                );
                continue;
            };
            match status {
                StatusCode::Code(c) if (200..300).contains(c) => success.push((*c, response)),
                StatusCode::Range(2) => success.push((200, response)),
                StatusCode::Code(c) if *c < 200 || (300..400).contains(c) => {}
                StatusCode::Range(1 | 3) => {}
                StatusCode::Code(c) => failures.push((c.to_string(), response)),
                StatusCode::Range(r) => failures.push((format!("{r}XX"), response)),
            }
        }
        match &responses.default {
            Some(ReferenceOr::Item(d)) if success.is_empty() => success.push((200, d)),
            Some(ReferenceOr::Item(d)) => failures.push(("default".to_owned(), d)),
            _ => {}
        }
        // An export states one success; a document may state several: the
        // lowest status with a body is read, and the lowest is the code.
        let last_stated = success.last().map(|(c, _)| *c);
        success.sort_by_key(|(c, r)| (r.content.is_empty(), *c));
        let code = match (self.sdkgen_dialect, last_stated) {
            (true, Some(c)) => c,
            _ => success.iter().map(|(c, _)| *c).min().unwrap_or(200),
        };
        let mut members = Vec::new();
        let mut fields = BTreeSet::new();
        if let Some((status, response)) = success.first() {
            let rloc = format!("{loc}/responses/{status}");
            for m in self.body(&rloc, &response.content, false, op_type, false)? {
                let mut m = m;
                dedupe_member(&mut m, &mut fields);
                members.push(m);
            }
            for (name, header) in &response.headers {
                let ReferenceOr::Item(header) = header else {
                    continue;
                };
                let ParameterSchemaOrContent::Schema(schema) = &header.format else {
                    continue;
                };
                let hloc = format!("{rloc}/headers/{}", pointer(name));
                let hint = format!("{op_type}{}", names::type_ident(name));
                let mut m = self.member(
                    &hloc,
                    name,
                    schema,
                    header.required,
                    Binding::Header(name.clone()),
                    &hint,
                );
                if !self.parameter_type_fits(&m) {
                    self.diags.warn(
                        &hloc,
                        format!("header `{name}` of this type cannot be read: it is left out"),
                        None,
                    );
                    continue;
                }
                m.json_name = m.name.clone();
                // A header is there or not: a client reads what came.
                if !self.sdkgen_dialect {
                    m.required = false;
                }
                dedupe_member(&mut m, &mut fields);
                members.push(m);
            }
        }
        let mut errors = Vec::new();
        for (status, response) in failures {
            let rloc = format!("{loc}/responses/{status}");
            if self.sdkgen_dialect {
                self.sdkgen_errors(&rloc, response, &mut errors);
            } else if let Some(id) = self.error_shape(&rloc, &status, response) {
                errors.push(id);
            }
        }
        Some((code, members, errors))
    }

    /// The error components an export's error response names.
    fn sdkgen_errors(
        &mut self,
        loc: &str,
        response: &openapiv3::Response,
        errors: &mut Vec<ShapeId>,
    ) {
        let Some(schema) = response
            .content
            .get("application/json")
            .and_then(|c| c.schema.clone())
        else {
            return;
        };
        let refs = match &schema {
            ReferenceOr::Reference { reference } => vec![reference.clone()],
            ReferenceOr::Item(Schema {
                schema_kind: SchemaKind::OneOf { one_of },
                ..
            }) => one_of
                .iter()
                .filter_map(|s| match s {
                    ReferenceOr::Reference { reference } => Some(reference.clone()),
                    ReferenceOr::Item(_) => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for r in refs {
            match r
                .strip_prefix("#/components/schemas/")
                .and_then(|k| self.keys.get(k))
            {
                Some(id) => errors.push(id.clone()),
                None => self
                    .diags
                    .error(loc, format!("`$ref` to `{r}` points nowhere"), None),
            }
        }
    }

    /// The error shape of an error response (`status` is `404`, `4XX` or
    /// `default`): one per status and body schema, named after the status
    /// (`NotFoundError`), its members the body object's properties (or one
    /// `Body` payload for a body of another form).
    fn error_shape(
        &mut self,
        loc: &str,
        status: &str,
        response: &openapiv3::Response,
    ) -> Option<ShapeId> {
        let picked = pick_media(&response.content);
        let schema_key = match picked.and_then(|(_, m, _)| m.schema.as_ref()) {
            Some(ReferenceOr::Reference { reference }) => reference.clone(),
            // Inline schemas written alike (every operation's `default`
            // answer, say) are one error.
            Some(ReferenceOr::Item(inline)) => {
                serde_json::to_string(inline).unwrap_or_else(|_| loc.to_owned())
            }
            None => String::new(),
        };
        let key = (status.to_owned(), schema_key.clone());
        if let Some(id) = self.errors.get(&key) {
            return Some(id.clone());
        }
        let word = status_word(status);
        // A word that names an error already (`500`'s `InternalServerError`)
        // is not given a second `Error`.
        let error_name = if word.ends_with("Error") {
            word.clone()
        } else {
            format!("{word}Error")
        };
        let hint = if self.error_words.insert(word) {
            error_name
        } else {
            let schema_name = schema_key
                .rsplit('/')
                .next()
                .filter(|_| schema_key.starts_with('#'))
                .unwrap_or("Other");
            format!("{}{error_name}", names::type_ident(schema_name))
        };
        let name = self.new_type_name(&hint);
        let id = format!("openapi#{name}");
        self.errors.insert(key, id.clone());
        let members = match picked {
            Some((_, m, MediaKind::Json)) => match m.schema.clone() {
                Some(schema) => match self.flat_object(loc, &schema, &name) {
                    Some(members) => members,
                    None => vec![self.payload(loc, &schema, false, None, &name)],
                },
                None => Vec::new(),
            },
            Some((media, _, MediaKind::Text)) => {
                let text = string_schema();
                let keep = (media != "text/plain").then(|| media.to_owned());
                vec![self.payload(loc, &text, false, keep, &name)]
            }
            _ => Vec::new(),
        };
        // Everything an error holds is the service's answer: nothing is
        // required of it.
        let members = members
            .into_iter()
            .map(|mut m| {
                m.required = false;
                m.stated_default = None;
                m
            })
            .collect();
        let (code, range) = match status {
            "4XX" => (None, Some((400, 499))),
            "5XX" => (None, Some((500, 599))),
            "default" => (None, Some((400, 599))),
            s => (s.parse::<u16>().ok(), None),
        };
        let fault = match (code, range) {
            (Some(c), _) if c >= 500 => Fault::Server,
            (_, Some((lo, _))) if lo >= 500 => Fault::Server,
            _ => Fault::Client,
        };
        let error = ErrorInfo {
            fault,
            status: code,
            status_range: range,
            retry: None,
            codes: Vec::new(),
        };
        self.shapes.insert(
            id.clone(),
            Shape::Structure(Structure {
                error: Some(error),
                ..Structure::new(&id, &name, described(Some(&response.description)), members)
            }),
        );
        Some(id)
    }

    /// `x-sdkgen-endpoint-params`: a list of `{name, value | member | path}`.
    fn endpoint_params(&mut self, loc: &str, list: Option<&Value>) -> Vec<EndpointParam> {
        let mut out = Vec::new();
        let Some(list) = list else { return out };
        let Some(items) = list.as_array() else {
            self.diags.error(
                format!("{loc}/x-sdkgen-endpoint-params"),
                "expected a list",
                None,
            );
            return out;
        };
        for (i, p) in items.iter().enumerate() {
            let at = format!("{loc}/x-sdkgen-endpoint-params/{i}");
            let name = p.get("name").and_then(Value::as_str);
            let source = match (p.get("value"), p.get("member"), p.get("path")) {
                (Some(v), None, None) => Ok(EndpointParamSource::Static(v.clone())),
                (None, Some(Value::String(m)), None) => Ok(EndpointParamSource::Member(m.clone())),
                (None, None, Some(Value::String(path))) => EndpointParamSource::path(path),
                _ => Err(
                    "expected exactly one of `value`, `member` (a string) and `path` (a string)"
                        .to_owned(),
                ),
            };
            match (name, source) {
                (Some(name), Ok(source)) => out.push(EndpointParam {
                    name: name.to_owned(),
                    source,
                }),
                (None, _) => self
                    .diags
                    .error(at, "an endpoint parameter without a `name`", None),
                (Some(_), Err(e)) => self.diags.error(at, e, None),
            }
        }
        out
    }
}

/// A document's `default` as the value it means: written as a string
/// (`"false"`, `"10"`) where the type is a boolean or a number; none where
/// it is null. Whether it is a value of the type is read once every shape
/// is made ([`drop_unfitting_defaults`]).
fn as_written(d: Value, ty: &Type) -> Option<Value> {
    let number = |s: &str| s.parse::<f64>().ok().filter(|f| f.is_finite());
    match (ty, d) {
        (_, Value::Null) => None,
        (_, Value::String(s)) if s == "null" => None,
        (Type::Boolean, Value::String(s)) if s == "true" || s == "false" => {
            Some(Value::Bool(s == "true"))
        }
        (Type::Byte | Type::Short | Type::Integer | Type::Long, Value::String(s))
            if s.parse::<i64>().is_ok() =>
        {
            s.parse::<i64>().ok().map(Value::from)
        }
        (Type::Float | Type::Double, Value::String(s)) if number(&s).is_some() => number(&s)
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
        (_, d) => Some(d),
    }
}

/// Drops, with a warning, every `default` of a document written by others
/// that is no value of its member's type (`normalize` would refuse the
/// document for it), read by `normalize`'s own reader now that every shape
/// is made.
fn drop_unfitting_defaults(
    operations: &mut [Operation],
    shapes: &mut BTreeMap<ShapeId, Shape>,
    diags: &mut Diagnostics,
) {
    let mut drop = |s: &mut Structure, shapes: &BTreeMap<ShapeId, Shape>| {
        for m in &mut s.members {
            let Some(d) = &m.stated_default else { continue };
            if let Err(e) = crate::normalize::read_default(shapes, &m.ty, d) {
                diags.warn(
                    format!("{}${}", s.id, m.name),
                    format!("the default {d} is left out: {e}"),
                    None,
                );
                m.stated_default = None;
            }
        }
    };
    for op in operations {
        drop(&mut op.input, shapes);
        drop(&mut op.output, shapes);
    }
    let ids: Vec<ShapeId> = shapes.keys().cloned().collect();
    for id in ids {
        let Some(Shape::Structure(mut s) | Shape::Union(mut s)) = shapes.get(&id).cloned() else {
            continue;
        };
        drop(&mut s, shapes);
        if let Some(Shape::Structure(t) | Shape::Union(t)) = shapes.get_mut(&id) {
            t.members = s.members;
        }
    }
}

/// `{type: string}`.
fn string_schema() -> ReferenceOr<Schema> {
    ReferenceOr::Item(Schema {
        schema_data: Default::default(),
        schema_kind: SchemaKind::Type(OType::String(Default::default())),
    })
}

/// `{type: array, items: {type: string}}`.
fn string_list_schema() -> ReferenceOr<Schema> {
    ReferenceOr::Item(Schema {
        schema_data: Default::default(),
        schema_kind: SchemaKind::Type(OType::Array(openapiv3::ArrayType {
            items: Some(ReferenceOr::Item(Box::new(Schema {
                schema_data: Default::default(),
                schema_kind: SchemaKind::Type(OType::String(Default::default())),
            }))),
            min_items: None,
            max_items: None,
            unique_items: false,
        })),
    })
}

/// `{type: string, format: binary}`.
fn binary_schema() -> ReferenceOr<Schema> {
    ReferenceOr::Item(Schema {
        schema_data: Default::default(),
        schema_kind: SchemaKind::Type(OType::String(openapiv3::StringType {
            format: openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary),
            ..Default::default()
        })),
    })
}

/// A union shape written as `repr` says.
fn union_shape(mut s: Structure, repr: UnionRepr) -> Shape {
    s.union_repr = repr;
    Shape::Union(s)
}

/// An `apiKey` security scheme.
fn api_key(location: &openapiv3::APIKeyLocation, name: &str) -> AuthScheme {
    let location = match location {
        openapiv3::APIKeyLocation::Header => ApiKeyLocation::Header,
        openapiv3::APIKeyLocation::Query => ApiKeyLocation::Query,
        openapiv3::APIKeyLocation::Cookie => ApiKeyLocation::Cookie,
    };
    AuthScheme::ApiKey(ApiKey {
        name: name.to_owned(),
        location,
        scheme: None,
    })
}

/// A query parameter of OpenAPI `style` and `explode` (form and explode by
/// default).
fn query(name: &str, style: &openapiv3::QueryStyle, explode: Option<bool>) -> Binding {
    use openapiv3::QueryStyle as S;
    let styled = |style| Binding::QueryStyled {
        name: name.to_owned(),
        style,
    };
    match (style, explode.unwrap_or(matches!(style, S::Form))) {
        (S::Form, true) => Binding::Query(name.to_owned()),
        (S::Form, false) => styled(QueryStyle::Form),
        (S::SpaceDelimited, _) => styled(QueryStyle::SpaceDelimited),
        (S::PipeDelimited, _) => styled(QueryStyle::PipeDelimited),
        (S::DeepObject, _) => styled(QueryStyle::DeepObject),
    }
}

fn constraints(s: &Schema) -> Constraints {
    let ext = &s.schema_data.extensions;
    let pair_u64 = |v: &Value| {
        (
            v.get(0).and_then(Value::as_u64),
            v.get(1).and_then(Value::as_u64),
        )
    };
    let pair_f64 = |v: &Value| {
        (
            v.get(0).and_then(Value::as_f64),
            v.get(1).and_then(Value::as_f64),
        )
    };
    let mut c = Constraints {
        length: ext.get("x-sdkgen-length").map(pair_u64),
        range: ext.get("x-sdkgen-range").map(pair_f64),
        ..Constraints::default()
    };
    c.pattern = ext_str(ext, "x-sdkgen-pattern").map(str::to_owned);
    match &s.schema_kind {
        SchemaKind::Type(OType::String(st)) => {
            c.pattern = c.pattern.take().or_else(|| st.pattern.clone());
            if c.length.is_none() && (st.min_length.is_some() || st.max_length.is_some()) {
                c.length = Some((
                    st.min_length.map(|v| v as u64),
                    st.max_length.map(|v| v as u64),
                ));
            }
        }
        SchemaKind::Type(OType::Integer(i))
            if c.range.is_none() && (i.minimum.is_some() || i.maximum.is_some()) =>
        {
            // The IR's bounds are inclusive: an exclusive one is the next
            // integer in. (A number's stays as stated: the nearest bound the
            // IR holds, which never refuses a value the service takes.)
            let min = i
                .minimum
                .map(|v| v.saturating_add(i64::from(i.exclusive_minimum)));
            let max = i
                .maximum
                .map(|v| v.saturating_sub(i64::from(i.exclusive_maximum)));
            c.range = Some((min.map(|v| v as f64), max.map(|v| v as f64)));
        }
        SchemaKind::Type(OType::Number(n))
            if c.range.is_none() && (n.minimum.is_some() || n.maximum.is_some()) =>
        {
            c.range = Some((n.minimum, n.maximum));
        }
        SchemaKind::Type(OType::Array(a))
            if c.length.is_none() && (a.min_items.is_some() || a.max_items.is_some()) =>
        {
            c.length = Some((a.min_items.map(|v| v as u64), a.max_items.map(|v| v as u64)));
        }
        _ => {}
    }
    c
}

fn io_structure(
    ext: Option<&Value>,
    op_id: &str,
    default_name: &str,
    key: &str,
    mut members: Vec<Member>,
) -> Structure {
    let get = |k: &str| {
        ext.and_then(|e| e.get(k))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    if let Some(order) = ext.and_then(|e| e.get("members")).and_then(Value::as_array) {
        let pos = |name: &str| {
            order
                .iter()
                .position(|o| o.as_str() == Some(name))
                .unwrap_or(usize::MAX)
        };
        members.sort_by_key(|m| pos(&m.name));
    }
    Structure {
        id: get("id").unwrap_or_else(|| format!("{op_id}${key}")),
        name: get("name").unwrap_or_else(|| default_name.to_owned()),
        rust_name: get("rustName").unwrap_or_else(|| default_name.to_owned()),
        builder_name: String::new(),
        docs: described(ext.and_then(|e| e.get("docs")).and_then(Value::as_str)),
        members,
        error: None,
        union_repr: UnionRepr::Tagged,
    }
}

/// The protocol cases an `x-sdkgen-protocol-tests` list states.
fn protocol_tests(list: Option<&Value>) -> Vec<ProtocolTest> {
    list.and_then(Value::as_array)
        .map(|tests| {
            tests
                .iter()
                .map(|t| ProtocolTest {
                    id: t["case"]
                        .get("id")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    kind: if t["kind"] == "request" {
                        TestKind::Request
                    } else {
                        TestKind::Response
                    },
                    error: t.get("error").and_then(Value::as_str).map(str::to_owned),
                    rust_name: String::new(),
                    case: t["case"].clone(),
                    params: Ok(crate::ir::Value::Null),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// What an `x-sdkgen-error` extension states (`normalize` adds the codes
/// and retry class the AWS SDKs derive).
fn error_info(e: &Value) -> ErrorInfo {
    ErrorInfo {
        fault: if e.get("fault").and_then(Value::as_str) == Some("server") {
            Fault::Server
        } else {
            Fault::Client
        },
        status: e
            .get("status")
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok()),
        status_range: e.get("statusRange").and_then(|r| {
            let lo = u16::try_from(r.get(0)?.as_u64()?).ok()?;
            let hi = u16::try_from(r.get(1)?.as_u64()?).ok()?;
            Some((lo, hi))
        }),
        retry: match e.get("retry").and_then(Value::as_str) {
            Some("throttling") => Some(RetryKind::Throttling),
            Some("server") => Some(RetryKind::Server),
            Some("transient") => Some(RetryKind::Transient),
            _ => None,
        },
        codes: e
            .get("codes")
            .and_then(Value::as_array)
            .map(|c| {
                c.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// The default endpoint `x-sdkgen-service` states: a global URL, or a
/// regional prefix (by default the signing name).
fn endpoint(service_ext: &Value, signing_name: Option<&str>, sdk_id: &str) -> Endpoint {
    let default_prefix =
        signing_name.map_or_else(|| sdk_id.to_lowercase().replace(' ', ""), str::to_owned);
    match service_ext.get("endpoint") {
        Some(e) if e.get("url").is_some() => Endpoint::Global {
            url: e["url"].as_str().unwrap_or_default().to_owned(),
            signing_region: e
                .get("signingRegion")
                .and_then(Value::as_str)
                .unwrap_or("us-east-1")
                .to_owned(),
        },
        Some(e) => Endpoint::Regional {
            prefix: e
                .get("prefix")
                .and_then(Value::as_str)
                .unwrap_or(&default_prefix)
                .to_owned(),
        },
        None => Endpoint::Regional {
            prefix: default_prefix.clone(),
        },
    }
}

/// The endpoint rule set and its cases an `endpointRules` member states
/// (`ruleSet`, `tests` of `documentation`, `params`, `expect`).
fn endpoint_rules(rules: Option<&Value>) -> Option<EndpointRules> {
    let rules = rules?;
    Some(EndpointRules::from_json(
        rules.get("ruleSet")?,
        rules.get("tests"),
    ))
}
