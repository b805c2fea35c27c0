//! IR → OpenAPI 3.0 (as JSON), losing nothing the IR holds.

use super::schema_ref;
use crate::ir::*;
use serde_json::{json, Map, Value};

/// The OpenAPI document as pretty-printed JSON.
pub fn export_text(service: &Service) -> Result<String, crate::Error> {
    Ok(serde_json::to_string_pretty(&export(service)?).unwrap_or_default())
}

/// The OpenAPI document of a service; an error for a service whose
/// protocol OpenAPI cannot describe (awsJson: every operation is `POST /`,
/// told apart by a header, which an OpenAPI path cannot say).
pub fn export(service: &Service) -> Result<Value, crate::Error> {
    if service.protocol != Protocol::RestJson1 {
        return Err(crate::Error::single(
            &service.id,
            format!(
                "the service uses {}: the OpenAPI export describes restJson1 services only",
                service.protocol.name()
            ),
            Some("awsJson sends every operation as `POST /`, named by the `X-Amz-Target` header, which OpenAPI paths cannot tell apart"),
        ));
    }
    Ok(export_rest(service))
}

fn export_rest(service: &Service) -> Value {
    let mut paths = Map::new();
    for op in &service.operations {
        let path = path_template(op);
        let item = paths.entry(path).or_insert_with(|| json!({}));
        item[op.method.to_ascii_lowercase()] = operation(service, op);
    }
    let mut schemas = Map::new();
    for shape in service.shapes.values() {
        let (key, schema) = match shape {
            Shape::Structure(s) => (s.rust_name.clone(), structure(service, s, false)),
            Shape::Union(s) => (s.rust_name.clone(), union(service, s)),
            Shape::Enum(e) => (e.rust_name.clone(), enumeration(e)),
            Shape::IntEnum(e) => (e.rust_name.clone(), int_enum(e)),
        };
        schemas.insert(key, schema);
    }
    let endpoint = match &service.endpoint {
        Endpoint::Global {
            url,
            signing_region,
        } => json!({"url": url, "signingRegion": signing_region}),
        Endpoint::Regional { prefix } => json!({"prefix": prefix}),
    };
    let mut sdkgen_service = json!({"id": service.id, "sdkId": service.sdk_id, "signingName": service.signing_name, "endpoint": endpoint});
    if service.auth != [AuthScheme::SigV4] {
        sdkgen_service["auth"] = auth_names(&service.auth);
    }
    if let Some(rules) = &service.endpoint_rules {
        // The texts are the model's JSON: they parse.
        let parse = |t: &str| serde_json::from_str::<Value>(t).unwrap_or(Value::Null);
        let tests: Vec<Value> = rules
            .tests
            .iter()
            .map(|t| json!({"documentation": t.documentation, "params": parse(&t.params), "expect": parse(&t.expect)}))
            .collect();
        sdkgen_service["endpointRules"] =
            json!({"ruleSet": parse(&rules.rule_set), "tests": tests});
    }
    let mut doc = json!({
        "openapi": "3.0.3",
        // The API version the model states; OpenAPI requires one.
        "info": {"title": service.sdk_id, "version": if service.version.is_empty() { "1.0" } else { service.version.as_str() }},
        "x-sdkgen-service": sdkgen_service,
        "x-sdkgen-operations": service.operations.iter().map(|o| o.name.clone()).collect::<Vec<_>>(),
        "paths": paths,
        "components": {"schemas": schemas},
    });
    let security_schemes = security_schemes(service);
    if !security_schemes.is_empty() {
        doc["components"]["securitySchemes"] = Value::Object(security_schemes);
    }
    if !service.auth.is_empty() {
        doc["security"] = security(service, &service.auth);
    }
    if !service.docs.source.is_empty() {
        doc["info"]["description"] = json!(service.docs.source);
    }
    doc
}

/// The operation's path as an OpenAPI template: Smithy's greedy `{Key+}`
/// is written `{Key}` (a template names parameters, nothing more), its
/// parameter marked `x-sdkgen-greedy`.
fn path_template(op: &Operation) -> String {
    let pattern = op.uri_pattern();
    let query = pattern.find('?').map_or("", |i| &pattern[i..]);
    let mut out = String::with_capacity(pattern.len());
    for segment in &op.uri {
        match segment {
            UriSegment::Literal(l) => out.push_str(l),
            UriSegment::Label { member, .. } => {
                out.push('{');
                out.push_str(member);
                out.push('}');
            }
        }
    }
    out.push_str(query);
    out
}

/// Whether the label of member `name` is greedy.
fn greedy_label(op: &Operation, name: &str) -> bool {
    op.uri
        .iter()
        .any(|s| matches!(s, UriSegment::Label { member, greedy: true } if member == name))
}

/// Auth schemes by the names `x-sdkgen-auth` uses: the runtime's scheme ids.
fn auth_names(schemes: &[AuthScheme]) -> Value {
    json!(schemes.iter().map(super::auth_name).collect::<Vec<_>>())
}

/// The key of a scheme in `components.securitySchemes`: the runtime's
/// scheme id; API keys numbered from the second on (`httpApiKeyAuth2`),
/// in the order [`Service::api_keys`] gives them. `None` for anonymous,
/// which a requirement says as `{}`.
fn security_key(service: &Service, scheme: &AuthScheme) -> Option<String> {
    Some(match scheme {
        AuthScheme::ApiKey(key) => {
            let n = service.api_keys().iter().position(|k| *k == key)? + 1;
            if n == 1 {
                "httpApiKeyAuth".to_owned()
            } else {
                format!("httpApiKeyAuth{n}")
            }
        }
        AuthScheme::Anonymous => return None,
        other => super::auth_name(other),
    })
}

/// `components.securitySchemes`: every scheme the service or an operation
/// uses, in the terms OpenAPI tools know. SigV4 has none in OpenAPI; it is
/// written as API Gateway's exports write it (an `Authorization` header
/// with `x-amazon-apigateway-authtype: awsSigv4`).
fn security_schemes(service: &Service) -> Map<String, Value> {
    let mut out = Map::new();
    let all = service
        .auth
        .iter()
        .chain(service.operations.iter().flat_map(|o| &o.auth));
    for scheme in all {
        let Some(key) = security_key(service, scheme) else {
            continue;
        };
        let value = match scheme {
            AuthScheme::SigV4 => {
                json!({"type": "apiKey", "in": "header", "name": "Authorization", "x-amazon-apigateway-authtype": "awsSigv4"})
            }
            AuthScheme::HttpBearer => json!({"type": "http", "scheme": "bearer"}),
            AuthScheme::HttpBasic => json!({"type": "http", "scheme": "basic"}),
            AuthScheme::ApiKey(k) => {
                let mut v = json!({"type": "apiKey", "in": k.location.name(), "name": k.name});
                if let Some(s) = &k.scheme {
                    v["x-sdkgen-scheme"] = json!(s);
                }
                v
            }
            AuthScheme::Anonymous => continue,
        };
        out.entry(key).or_insert(value);
    }
    out
}

/// A `security` list: one requirement per scheme, alternatives in order
/// of preference; anonymous is the empty requirement `{}`.
fn security(service: &Service, schemes: &[AuthScheme]) -> Value {
    json!(schemes
        .iter()
        .map(|s| match security_key(service, s) {
            Some(key) => json!({ key: [] }),
            None => json!({}),
        })
        .collect::<Vec<_>>())
}

fn io(s: &Structure) -> Value {
    json!({"id": s.id, "name": s.name, "rustName": s.rust_name, "docs": s.docs.source,
           "members": s.members.iter().map(|m| m.name.clone()).collect::<Vec<_>>()})
}

fn operation(service: &Service, op: &Operation) -> Value {
    let mut parameters = Vec::new();
    let mut body = Map::new();
    let mut required = Vec::new();
    // Form and multipart bodies (`check`: at most one of them, and then no
    // JSON body), by field name.
    let mut forms = [
        FormBody::new("application/x-www-form-urlencoded"),
        FormBody::new("multipart/form-data"),
    ];
    for m in &op.input.members {
        let (location, name) = match &m.binding {
            Binding::Label => ("path", m.name.clone()),
            Binding::Query(q) | Binding::QueryStyled { name: q, .. } => ("query", q.clone()),
            Binding::Header(h) => ("header", h.clone()),
            Binding::Cookie(c) => ("cookie", c.clone()),
            Binding::FormField(f) => {
                forms[0].add(service, m, f, false);
                continue;
            }
            Binding::MultipartPart(p) => {
                forms[1].add(service, m, p, true);
                continue;
            }
            _ => {
                if m.required {
                    required.push(json!(m.json_name));
                }
                body.insert(m.json_name.clone(), member_schema(service, m));
                continue;
            }
        };
        let mut p = json!({"name": name, "in": location, "required": m.required, "schema": member_schema(service, m), "x-sdkgen-member": m.name});
        // A greedy label's value keeps its `/`s (sent unescaped, what
        // `allowReserved` says of a query parameter).
        if location == "path" && greedy_label(op, &name) {
            p["x-sdkgen-greedy"] = json!(true);
        }
        if !m.docs.source.is_empty() {
            p["description"] = json!(m.docs.source);
        }
        if let Binding::QueryStyled { style, .. } = &m.binding {
            p["style"] = json!(style.name());
            p["explode"] = json!(*style == QueryStyle::DeepObject);
        }
        if matches!(m.binding, Binding::Cookie(_)) && matches!(m.ty, Type::List(_)) {
            // A list cookie is one `a=1,2` pair: form without `explode`.
            p["explode"] = json!(false);
        }
        parameters.push(p);
    }
    let mut o = json!({
        "operationId": op.name,
        "x-sdkgen-id": op.id,
        "x-sdkgen-input": io(&op.input),
        "x-sdkgen-output": io(&op.output),
        "x-sdkgen-errors": op.errors,
        "parameters": parameters,
        "responses": responses(service, op),
    });
    if let Some(m) = raw_payload(&op.input) {
        // A blob, stream or text payload is the body itself, of its media
        // type, not a JSON object.
        o["requestBody"] = json!({"required": m.required, "content": {payload_media_type(m): {"schema": payload_schema(service, m)}}});
    } else if let Some(form) = forms.iter().find(|f| !f.properties.is_empty()) {
        o["requestBody"] = form.request_body();
    } else if !body.is_empty() {
        let mut schema = json!({"type": "object", "properties": body});
        // OpenAPI 3.0 wants `required` non-empty where it is present.
        if !required.is_empty() {
            schema["required"] = json!(required);
        }
        o["requestBody"] =
            json!({"required": true, "content": {"application/json": {"schema": schema}}});
    }
    if !op.docs.source.is_empty() {
        o["description"] = json!(op.docs.source);
    }
    if let Some(p) = &op.pagination {
        o["x-sdkgen-paginated"] = json!({"inputToken": p.input_token, "outputToken": p.output_token, "items": p.items, "pageSize": p.page_size});
    }
    if let Some(h) = &op.host_prefix {
        o["x-sdkgen-host-prefix"] = json!(h);
    }
    if op.checksum_required {
        o["x-sdkgen-checksum-required"] = json!(true);
    }
    if op.gzip {
        o["x-sdkgen-gzip"] = json!(true);
    }
    if op.unsigned_payload {
        o["x-sdkgen-unsigned-payload"] = json!(true);
    }
    if op.auth != service.auth {
        o["x-sdkgen-auth"] = auth_names(&op.auth);
        o["security"] = security(service, &op.auth);
    }
    if !op.endpoint_params.is_empty() {
        let params: Vec<Value> = op
            .endpoint_params
            .iter()
            .map(|p| match &p.source {
                EndpointParamSource::Static(v) => json!({"name": p.name, "value": v}),
                EndpointParamSource::Member(m) => json!({"name": p.name, "member": m}),
                EndpointParamSource::Path { text, .. } => json!({"name": p.name, "path": text}),
            })
            .collect();
        o["x-sdkgen-endpoint-params"] = json!(params);
    }
    if !op.protocol_tests.is_empty() {
        let tests: Vec<Value> = op
            .protocol_tests
            .iter()
            .map(|t| json!({"kind": if t.kind == TestKind::Request { "request" } else { "response" }, "error": t.error, "case": t.case}))
            .collect();
        o["x-sdkgen-protocol-tests"] = json!(tests);
    }
    o
}

/// A request body of form fields or multipart parts: an object schema of
/// the fields, with an `encoding` naming `application/json` where the
/// body writes a value as JSON text (a form's nested values; a multipart
/// part's structures, lists and maps), which OpenAPI's defaults would
/// write otherwise.
struct FormBody {
    media_type: &'static str,
    properties: Map<String, Value>,
    required: Vec<Value>,
    encoding: Map<String, Value>,
}

impl FormBody {
    fn new(media_type: &'static str) -> Self {
        FormBody {
            media_type,
            properties: Map::new(),
            required: Vec::new(),
            encoding: Map::new(),
        }
    }

    fn add(&mut self, service: &Service, m: &Member, name: &str, multipart: bool) {
        let mut schema = member_schema(service, m);
        let scalar = |ty: &Type| match ty {
            Type::Named(id) => matches!(
                service.shapes.get(id),
                Some(Shape::Enum(_) | Shape::IntEnum(_))
            ),
            Type::String | Type::Timestamp(_) | Type::Blob => true,
            ty => ty.is_copy_scalar(),
        };
        let json = match &m.ty {
            // A form repeats a list's items, each as text or JSON.
            Type::List(item) if !multipart => !scalar(item),
            ty => !scalar(ty),
        };
        if json {
            self.encoding
                .insert(name.to_owned(), json!({"contentType": "application/json"}));
        }
        if multipart && m.ty == Type::Blob {
            // A file part: bytes, as a raw payload is.
            schema["format"] = json!("binary");
            schema["x-sdkgen-blob"] = json!(true);
        }
        if m.required {
            self.required.push(json!(name));
        }
        self.properties.insert(name.to_owned(), schema);
    }

    fn request_body(&self) -> Value {
        let mut schema = json!({"type": "object", "properties": self.properties});
        if !self.required.is_empty() {
            schema["required"] = json!(self.required);
        }
        let mut media = json!({"schema": schema});
        if !self.encoding.is_empty() {
            media["encoding"] = json!(self.encoding);
        }
        json!({"required": true, "content": {self.media_type: media}})
    }
}

fn responses(service: &Service, op: &Operation) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    let mut headers = Map::new();
    for m in &op.output.members {
        match &m.binding {
            Binding::Header(h) => {
                headers.insert(
                    h.clone(),
                    json!({"schema": member_schema(service, m), "required": m.required}),
                );
            }
            _ => {
                if m.required {
                    required.push(json!(m.json_name));
                }
                props.insert(m.json_name.clone(), member_schema(service, m));
            }
        }
    }
    let mut schema = json!({"type": "object", "properties": props});
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    let content = match raw_payload(&op.output) {
        Some(m) => json!({payload_media_type(m): {"schema": payload_schema(service, m)}}),
        None => json!({"application/json": {"schema": schema}}),
    };
    let mut ok = json!({"description": "Success", "content": content});
    if !headers.is_empty() {
        ok["headers"] = Value::Object(headers);
    }
    let mut out = Map::new();
    out.insert(op.code.to_string(), ok);
    // Errors by status; errors sharing one (two 400s) are alternatives.
    let mut by_status: Vec<(String, Vec<Value>)> = Vec::new();
    for id in &op.errors {
        let Some(Shape::Structure(s)) = service.shapes.get(id) else {
            continue;
        };
        let status = match s.error.as_ref().map(|e| (e.status, e.status_range)) {
            Some((Some(status), _)) => status.to_string(),
            Some((None, Some((400, 499)))) => "4XX".to_owned(),
            Some((None, Some((500, 599)))) => "5XX".to_owned(),
            // `default` (400..=599, or a range OpenAPI has no key for,
            // stated exactly in `x-sdkgen-error`), or no status at all.
            _ => "default".to_owned(),
        };
        let r = json!({"$ref": schema_ref(&s.rust_name)});
        match by_status.iter_mut().find(|(k, _)| *k == status) {
            Some((_, refs)) => refs.push(r),
            None => by_status.push((status, vec![r])),
        }
    }
    for (status, refs) in by_status {
        let schema = if refs.len() == 1 {
            refs.into_iter().next().unwrap_or_default()
        } else {
            json!({"oneOf": refs})
        };
        out.insert(
            status,
            json!({"description": "Error", "content": {"application/json": {"schema": schema}}}),
        );
    }
    Value::Object(out)
}

fn structure(service: &Service, s: &Structure, union: bool) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for m in &s.members {
        if m.required {
            required.push(json!(m.json_name));
        }
        props.insert(m.json_name.clone(), member_schema(service, m));
    }
    let mut v = json!({"type": "object", "properties": props, "x-sdkgen-id": s.id, "x-sdkgen-name": s.name});
    if !required.is_empty() {
        v["required"] = json!(required);
    }
    if !s.docs.source.is_empty() {
        v["description"] = json!(s.docs.source);
    }
    if union {
        v["x-sdkgen-union"] = json!(true);
    }
    if let Some(e) = &s.error {
        let fault = match e.fault {
            Fault::Client => "client",
            Fault::Server => "server",
        };
        let retry = e.retry.map(|r| match r {
            RetryKind::Throttling => "throttling",
            RetryKind::Server => "server",
            RetryKind::Transient => "transient",
        });
        v["x-sdkgen-error"] =
            json!({"fault": fault, "status": e.status, "retry": retry, "codes": e.codes});
        if let Some((lo, hi)) = e.status_range {
            v["x-sdkgen-error"]["statusRange"] = json!([lo, hi]);
        }
    }
    v
}

/// A union: Smithy's (an object of which one member is set) as such; an
/// untagged one as a `oneOf` of its variants' schemas; a discriminated one
/// as a `oneOf` with a `discriminator` whose `mapping` names each tag's
/// schema.
fn union(service: &Service, s: &Structure) -> Value {
    let property = match &s.union_repr {
        UnionRepr::Tagged => return structure(service, s, true),
        UnionRepr::Untagged => None,
        UnionRepr::Discriminated { property } => Some(property),
    };
    let variants: Vec<Value> = s
        .members
        .iter()
        .map(|m| member_schema(service, m))
        .collect();
    let mut v = json!({"oneOf": variants, "x-sdkgen-id": s.id, "x-sdkgen-name": s.name});
    if let Some(property) = property {
        let mapping: Map<String, Value> = s
            .members
            .iter()
            .map(|m| {
                (
                    m.json_name.clone(),
                    type_schema(service, &m.ty)["$ref"].clone(),
                )
            })
            .collect();
        v["discriminator"] = json!({"propertyName": property, "mapping": mapping});
        v["x-sdkgen-union"] = json!("discriminated");
    } else {
        v["x-sdkgen-union"] = json!("untagged");
    }
    if !s.docs.source.is_empty() {
        v["description"] = json!(s.docs.source);
    }
    v
}

fn enumeration(e: &Enum) -> Value {
    let mut v = json!({
        "type": "string",
        "enum": e.variants.iter().map(|v| v.value.clone()).collect::<Vec<_>>(),
        "x-sdkgen-id": e.id,
        "x-sdkgen-variants": e.variants.iter().map(|v| json!({"name": v.rust_name, "docs": v.docs.source})).collect::<Vec<_>>(),
    });
    if !e.docs.source.is_empty() {
        v["description"] = json!(e.docs.source);
    }
    v
}

fn int_enum(e: &IntEnum) -> Value {
    let mut v = json!({
        "type": "integer",
        "format": "int32",
        "enum": e.variants.iter().map(|v| v.1).collect::<Vec<_>>(),
        "x-sdkgen-id": e.id,
        "x-sdkgen-variants": e.variants.iter().map(|v| json!({"name": v.0})).collect::<Vec<_>>(),
    });
    if !e.docs.source.is_empty() {
        v["description"] = json!(e.docs.source);
    }
    v
}

/// A member's schema: its type's, plus the member's constraints and traits.
fn member_schema(service: &Service, m: &Member) -> Value {
    let mut v = type_schema(service, &m.ty);
    let wrapped = v.get("$ref").is_some();
    if wrapped {
        // Siblings of `$ref` are ignored in 3.0: wrap it.
        v = json!({"allOf": [v]});
    }
    let obj = v.as_object_mut().expect("schemas are objects");
    // Beside an `allOf` of a named shape (an enum with a `@pattern`, say), a
    // string keyword would make the schema a string of its own: the
    // constraint travels in its extension alone.
    if let Some((min, max)) = m.constraints.length.filter(|_| wrapped) {
        obj.insert("x-sdkgen-length".into(), json!([min, max]));
    } else if let Some((min, max)) = m.constraints.length {
        let (lo, hi) = match m.ty {
            Type::List(_) => ("minItems", "maxItems"),
            Type::Map(..) => ("minProperties", "maxProperties"),
            _ => ("minLength", "maxLength"),
        };
        if let Some(min) = min {
            obj.insert(lo.into(), json!(min));
        }
        if let Some(max) = max {
            obj.insert(hi.into(), json!(max));
        }
        obj.insert("x-sdkgen-length".into(), json!([min, max]));
    }
    if let Some(p) = &m.constraints.pattern {
        // JSON Schema tools read `pattern` with their own regex engines
        // (openapi-spec-validator with Python's), which know neither
        // `\p{..}`, `\u{..}`, surrogate pairs nor Annex B syntax: the
        // pattern goes there only where it is in the plain subset every
        // engine reads alike, and always, exactly, in `x-sdkgen-pattern`.
        if !wrapped && portable_pattern(p) {
            obj.insert("pattern".into(), json!(p));
        }
        obj.insert("x-sdkgen-pattern".into(), json!(p));
    }
    if let Some((min, max)) = m.constraints.range {
        // An integer schema's bounds must be integers.
        let integral = matches!(m.ty, Type::Byte | Type::Short | Type::Integer | Type::Long);
        let num = |v: f64| {
            if integral && v.fract() == 0.0 {
                json!(v as i64)
            } else {
                json!(v)
            }
        };
        if let Some(min) = min {
            obj.insert("minimum".into(), num(min));
        }
        if let Some(max) = max {
            obj.insert("maximum".into(), num(max));
        }
        obj.insert("x-sdkgen-range".into(), json!([min, max]));
    }
    if let Some(d) = &m.stated_default {
        // A default its own constraints refuse (AWS models have
        // `@default(0)` beside `@range(min: 1)`) is not valid OpenAPI: it
        // travels in `x-sdkgen-default` alone.
        let key = if default_fits(m, d) {
            "default"
        } else {
            "x-sdkgen-default"
        };
        obj.insert(key.into(), d.clone());
    }
    if !m.docs.source.is_empty() {
        obj.insert("description".into(), json!(m.docs.source));
    }
    obj.insert("x-sdkgen-member".into(), json!(m.name));
    if m.sensitive {
        obj.insert("x-sdkgen-sensitive".into(), json!(true));
    }
    if m.idempotency_token {
        obj.insert("x-sdkgen-idempotency-token".into(), json!(true));
    }
    if m.client_optional {
        obj.insert("x-sdkgen-client-optional".into(), json!(true));
    }
    if let Some(mt) = &m.media_type {
        obj.insert("x-sdkgen-media-type".into(), json!(mt));
    }
    let binding = match &m.binding {
        Binding::QueryParams => Some(json!("queryParams")),
        Binding::PrefixHeaders(p) => Some(json!({"prefixHeaders": p})),
        Binding::Payload => Some(json!("payload")),
        Binding::ResponseCode => Some(json!("responseCode")),
        Binding::Header(h) => Some(json!({"header": h})),
        _ => None,
    };
    if let Some(b) = binding {
        obj.insert("x-sdkgen-binding".into(), b);
    }
    v
}

fn type_schema(service: &Service, ty: &Type) -> Value {
    match ty {
        Type::String => json!({"type": "string"}),
        Type::Boolean => json!({"type": "boolean"}),
        Type::Byte => json!({"type": "integer", "format": "int8"}),
        Type::Short => json!({"type": "integer", "format": "int16"}),
        Type::Integer => json!({"type": "integer", "format": "int32"}),
        Type::Long => json!({"type": "integer", "format": "int64"}),
        Type::Float => json!({"type": "number", "format": "float"}),
        Type::Double => json!({"type": "number", "format": "double"}),
        Type::Timestamp(f) => {
            let f = match f {
                TimestampFormat::DateTime => "date-time",
                TimestampFormat::HttpDate => "http-date",
                TimestampFormat::EpochSeconds => "epoch-seconds",
            };
            json!({"type": "string", "format": "date-time", "x-sdkgen-timestamp": f})
        }
        Type::Blob => json!({"type": "string", "format": "byte"}),
        Type::Stream { requires_length } => {
            json!({"type": "string", "format": "binary", "x-sdkgen-streaming": {"requiresLength": requires_length}})
        }
        Type::Document => json!({"x-sdkgen-document": true}),
        Type::Unit => json!({"type": "object", "x-sdkgen-unit": true}),
        Type::Optional(t) => {
            let mut v = type_schema(service, t);
            if v.get("$ref").is_some() {
                v = json!({"allOf": [v]});
            }
            v["nullable"] = json!(true);
            v
        }
        Type::List(t) => json!({"type": "array", "items": type_schema(service, t)}),
        Type::Map(k, t) => {
            let mut v = json!({"type": "object", "additionalProperties": type_schema(service, t)});
            // OpenAPI 3.0 cannot say what the keys are: an enum key is
            // told to the importer beside the schema.
            if **k != Type::String {
                v["x-sdkgen-key"] = type_schema(service, k);
            }
            v
        }
        Type::Named(id) => {
            let key = match service.shapes.get(id) {
                Some(Shape::Structure(s) | Shape::Union(s)) => s.rust_name.clone(),
                Some(Shape::Enum(e)) => e.rust_name.clone(),
                Some(Shape::IntEnum(e)) => e.rust_name.clone(),
                None => crate::lower::local_name(id).to_owned(),
            };
            json!({"$ref": schema_ref(&key)})
        }
    }
}

/// Whether a pattern is in the subset regex engines read alike: no
/// property or code point escapes, no look-around or back-references (what
/// `sdkgen_pattern` can translate for the `regex` crate), read with the
/// `u` flag rather than Annex B's leniencies.
fn portable_pattern(p: &str) -> bool {
    sdkgen_pattern::read(p).is_ok_and(|r| {
        r.syntax == sdkgen_pattern::Syntax::Unicode
            && r.java_names.is_empty()
            && r.pattern.translation().is_some()
            && !p.contains("\\u")
            && !p.contains("\\p")
            && !p.contains("\\P")
    })
}

/// Whether a member's default meets its own `@range` and `@length`.
fn default_fits(m: &Member, d: &Value) -> bool {
    if let (Some((min, max)), Some(v)) = (m.constraints.range, d.as_f64()) {
        if min.is_some_and(|min| v < min) || max.is_some_and(|max| v > max) {
            return false;
        }
    }
    if let Some((min, max)) = m.constraints.length {
        let len = match d {
            Value::String(s) => Some(s.chars().count() as u64),
            Value::Array(a) => Some(a.len() as u64),
            Value::Object(o) => Some(o.len() as u64),
            _ => None,
        };
        if let Some(len) = len {
            if min.is_some_and(|min| len < min) || max.is_some_and(|max| len > max) {
                return false;
            }
        }
    }
    true
}

/// The `@httpPayload` member of `s` that is sent as raw bytes or text
/// rather than JSON: a blob, a stream or a string.
fn raw_payload(s: &Structure) -> Option<&Member> {
    s.members.iter().find(|m| {
        m.binding == Binding::Payload
            && matches!(m.ty, Type::Blob | Type::Stream { .. } | Type::String)
    })
}

/// A raw payload's schema: bytes are `format: binary` (not base64's
/// `byte`), a blob held whole marked `x-sdkgen-blob` to tell it from a
/// stream.
fn payload_schema(service: &Service, m: &Member) -> Value {
    let mut schema = member_schema(service, m);
    if m.ty == Type::Blob {
        schema["format"] = json!("binary");
        schema["x-sdkgen-blob"] = json!(true);
    }
    schema
}

/// The media type of a raw payload: its `@mediaType`, else
/// `application/octet-stream` for bytes and `text/plain` for text.
fn payload_media_type(m: &Member) -> String {
    match (&m.media_type, &m.ty) {
        (Some(t), _) => t.clone(),
        (None, Type::String) => "text/plain".to_owned(),
        (None, _) => "application/octet-stream".to_owned(),
    }
}
