//! OpenAPI 3.0 → IR: the second front end. Parsed with the `openapiv3`
//! crate; `$ref`s resolved here (openapiv3 leaves them); problems located
//! by JSON pointer.

use crate::diag::Diagnostics;
use crate::ir::*;
use crate::names;
use openapiv3::{
    OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, Schema, SchemaKind, Type as OType,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;
use std::collections::BTreeMap;

/// Lowers an OpenAPI document into the IR.
pub fn import(source: &str, text: &str, diags: &mut Diagnostics) -> Option<Service> {
    let doc = parse(source, text, diags)?;
    let mut cx = Cx {
        source,
        doc: &doc,
        diags,
        keys: BTreeMap::new(),
        service_auth: Vec::new(),
        inlining: Vec::new(),
    };
    cx.index_components();
    let ext = |k: &str| doc.extensions.get(k);
    let service_ext = ext("x-sdkgen-service").cloned().unwrap_or(Value::Null);
    let sdk_id = service_ext
        .get("sdkId")
        .and_then(Value::as_str)
        .unwrap_or(&doc.info.title)
        .to_owned();
    let signing_name = service_ext
        .get("signingName")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let auth = match service_ext.get("auth") {
        None => vec![AuthScheme::SigV4],
        Some(list) => cx.auth(&format!("{source}#/x-sdkgen-service/auth"), list),
    };
    cx.service_auth = auth.clone();
    let endpoint = endpoint(&service_ext, signing_name.as_deref(), &sdk_id);
    let id = service_ext.get("id").and_then(Value::as_str).map_or_else(
        || format!("openapi#{}", names::type_ident(&sdk_id)),
        str::to_owned,
    );
    let mut shapes = BTreeMap::new();
    if let Some(components) = &doc.components {
        for (key, schema) in &components.schemas {
            if let Some((id, shape)) = cx.shape(key, schema) {
                shapes.insert(id, shape);
            }
        }
    }
    let mut operations = Vec::new();
    for (path, item) in &doc.paths.paths {
        let ReferenceOr::Item(item) = item else {
            cx.diags.error(
                format!("{source}#/paths/{}", pointer(path)),
                "path item `$ref`s are not supported",
                None,
            );
            continue;
        };
        for (method, op) in item.iter() {
            if let Some(op) = cx.operation(path, method, op) {
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
        cx.diags.error(
            format!("{source}#/x-sdkgen-service"),
            "no SigV4 signing name",
            Some("add \"x-sdkgen-service\": {\"signingName\": \"<name>\"}"),
        );
        return None;
    }
    crate::lower::mark_recursive_members(&mut shapes);
    let docs = described(doc.info.description.as_deref());
    Some(Service {
        id,
        sdk_id,
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

struct Cx<'a> {
    source: &'a str,
    doc: &'a OpenAPI,
    diags: &'a mut Diagnostics,
    /// Component schema key → shape id, for schemas that become shapes.
    keys: BTreeMap<String, ShapeId>,
    /// The service's auth schemes: those of operations without `x-sdkgen-auth`.
    service_auth: Vec<AuthScheme>,
    /// Components being inlined (those that are no shape): one that holds
    /// itself is an error, not endless recursion.
    inlining: Vec<String>,
}

impl Cx<'_> {
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

impl Cx<'_> {
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

    fn index_components(&mut self) {
        let Some(components) = &self.doc.components else {
            return;
        };
        for (key, schema) in &components.schemas {
            if let ReferenceOr::Item(s) = schema {
                if is_shape(s) {
                    let id = ext_str(&s.schema_data.extensions, "x-sdkgen-id")
                        .map_or_else(|| format!("openapi#{key}"), str::to_owned);
                    self.keys.insert(key.clone(), id);
                }
            }
        }
    }

    fn component(&self, reference: &str) -> Option<(&str, &Schema)> {
        let key = reference.strip_prefix("#/components/schemas/")?;
        let (key, schema) = self.doc.components.as_ref()?.schemas.get_key_value(key)?;
        match schema {
            ReferenceOr::Item(s) => Some((key.as_str(), s)),
            ReferenceOr::Reference { .. } => None,
        }
    }

    fn shape(&mut self, key: &str, schema: &ReferenceOr<Schema>) -> Option<(ShapeId, Shape)> {
        let loc = format!("{}#/components/schemas/{}", self.source, pointer(key));
        let ReferenceOr::Item(schema) = schema else {
            self.diags.error(
                loc,
                "a component that is only a `$ref` is not supported",
                None,
            );
            return None;
        };
        let id = self.keys.get(key)?.clone();
        let ext = &schema.schema_data.extensions;
        let docs = described(schema.schema_data.description.as_deref());
        match &schema.schema_kind {
            SchemaKind::Type(OType::Object(o)) => {
                let mut members = Vec::new();
                for (json_key, prop) in &o.properties {
                    let prop = unbox(prop);
                    if let Some(m) = self.member(
                        &loc,
                        json_key,
                        &prop,
                        o.required.contains(json_key),
                        Binding::Body,
                    ) {
                        members.push(m);
                    }
                }
                let name = ext_str(ext, "x-sdkgen-name").unwrap_or(key).to_owned();
                let error = ext.get("x-sdkgen-error").map(error_info);
                let s = Structure {
                    id: id.clone(),
                    name,
                    rust_name: names::type_ident(key),
                    builder_name: String::new(),
                    docs,
                    members,
                    error,
                    union_repr: UnionRepr::Tagged,
                };
                let union = ext.get("x-sdkgen-union").and_then(Value::as_bool) == Some(true);
                Some((
                    id,
                    if union {
                        Shape::Union(s)
                    } else {
                        Shape::Structure(s)
                    },
                ))
            }
            SchemaKind::Type(OType::String(s)) => {
                let variants_ext = ext.get("x-sdkgen-variants").and_then(Value::as_array);
                let variants = s
                    .enumeration
                    .iter()
                    .flatten()
                    .enumerate()
                    .map(|(i, value)| {
                        let v = variants_ext.and_then(|v| v.get(i));
                        EnumVariant {
                            rust_name: v
                                .and_then(|v| v.get("name"))
                                .and_then(Value::as_str)
                                .map_or_else(|| names::variant_ident(value, i), str::to_owned),
                            value: value.clone(),
                            docs: described(v.and_then(|v| v.get("docs")).and_then(Value::as_str)),
                        }
                    })
                    .collect();
                Some((
                    id.clone(),
                    Shape::Enum(Enum {
                        id,
                        rust_name: names::type_ident(key),
                        docs,
                        variants,
                    }),
                ))
            }
            SchemaKind::Type(OType::Integer(n)) => {
                let variants_ext = ext.get("x-sdkgen-variants").and_then(Value::as_array);
                let mut variants = Vec::new();
                for (i, v) in n.enumeration.iter().flatten().enumerate() {
                    let name = variants_ext
                        .and_then(|e| e.get(i))
                        .and_then(|e| e.get("name"))
                        .and_then(Value::as_str);
                    let Ok(value) = i32::try_from(*v) else {
                        self.diags.error(
                            &loc,
                            format!("enum value {v} does not fit an int enum (32 bits)"),
                            None,
                        );
                        continue;
                    };
                    let name = name.map_or_else(|| v.to_string(), str::to_owned);
                    variants.push((name, value));
                }
                Some((
                    id.clone(),
                    Shape::IntEnum(IntEnum {
                        id,
                        rust_name: names::type_ident(key),
                        docs,
                        variants,
                    }),
                ))
            }
            _ => None,
        }
    }

    /// The input members bound to path, query and header parameters.
    fn parameters(&mut self, loc: &str, op: &openapiv3::Operation) -> Vec<Member> {
        let mut input_members = Vec::new();
        for p in &op.parameters {
            let ReferenceOr::Item(p) = p else {
                self.diags
                    .error(loc, "parameter `$ref`s are not supported", None);
                continue;
            };
            let (data, binding) = match p {
                Parameter::Path { parameter_data, .. } => (parameter_data, Binding::Label),
                Parameter::Query { parameter_data, .. } => {
                    (parameter_data, Binding::Query(parameter_data.name.clone()))
                }
                Parameter::Header { parameter_data, .. } => {
                    (parameter_data, Binding::Header(parameter_data.name.clone()))
                }
                Parameter::Cookie { .. } => {
                    self.diags
                        .error(loc, "cookie parameters are not supported", None);
                    continue;
                }
            };
            let ParameterSchemaOrContent::Schema(schema) = &data.format else {
                self.diags.error(
                    loc,
                    format!("parameter `{}` has no schema", data.name),
                    None,
                );
                continue;
            };
            let mut schema = schema.clone();
            if let (ReferenceOr::Item(s), Some(d)) = (&mut schema, &data.description) {
                s.schema_data.description.get_or_insert_with(|| d.clone());
            }
            if let Some(mut m) =
                self.member(loc, &data.name, &schema, data.required, binding.clone())
            {
                if let Some(member) = data
                    .extensions
                    .get("x-sdkgen-member")
                    .and_then(Value::as_str)
                {
                    m.name = member.to_owned();
                    m.rust_name = names::field_ident(member);
                }
                // A parameter has no JSON name of its own.
                m.json_name = m.name.clone();
                input_members.push(m);
            }
        }
        input_members
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        op: &openapiv3::Operation,
    ) -> Option<Operation> {
        let loc = format!("{}#/paths/{}/{method}", self.source, pointer(path));
        let Some(name) = op.operation_id.clone() else {
            self.diags.error(
                &loc,
                "operation has no operationId",
                Some("every operation needs an operationId; it names the client method"),
            );
            return None;
        };
        let ext = &op.extensions;
        let id =
            ext_str(ext, "x-sdkgen-id").map_or_else(|| format!("openapi#{name}"), str::to_owned);
        // Input: parameters, then the JSON body's properties.
        let mut input_members = self.parameters(&loc, op);
        if let Some(body) = &op.request_body {
            let ReferenceOr::Item(body) = body else {
                self.diags
                    .error(&loc, "request body `$ref`s are not supported", None);
                return None;
            };
            if let Some(schema) = body
                .content
                .get("application/json")
                .and_then(|c| c.schema.clone())
            {
                input_members.extend(self.object_members(&loc, &schema));
            } else if let Some(m) = self.raw_payload(&loc, &body.content, body.required) {
                input_members.push(m);
            }
        }
        let (code, output_members, errors) = self.responses(&loc, op);
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
                *greedy |= op.parameters.iter().any(|p| {
                    matches!(p, ReferenceOr::Item(Parameter::Path { parameter_data, .. })
                        if parameter_data.name == *member
                            && parameter_data.extensions.get("x-sdkgen-greedy") == Some(&Value::Bool(true)))
                });
            }
        }
        let pagination = ext.get("x-sdkgen-paginated").and_then(|p| {
            Some(Pagination {
                input_token: p.get("inputToken")?.as_str()?.to_owned(),
                output_token: p.get("outputToken")?.as_str()?.to_owned(),
                items: p.get("items").and_then(Value::as_str).map(str::to_owned),
                page_size: p.get("pageSize").and_then(Value::as_str).map(str::to_owned),
            })
        });
        let protocol_tests = protocol_tests(ext.get("x-sdkgen-protocol-tests"));
        Some(Operation {
            id,
            rust_name: names::field_ident(&name),
            names: Default::default(),
            docs: described(op.description.as_deref()),
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
            checksum_required: ext
                .get("x-sdkgen-checksum-required")
                .and_then(Value::as_bool)
                == Some(true),
            gzip: ext.get("x-sdkgen-gzip").and_then(Value::as_bool) == Some(true),
            unsigned_payload: ext
                .get("x-sdkgen-unsigned-payload")
                .and_then(Value::as_bool)
                == Some(true),
            auth: match ext.get("x-sdkgen-auth") {
                Some(list) => self.auth(&format!("{loc}/x-sdkgen-auth"), list),
                None => self.service_auth.clone(),
            },
        })
    }

    /// Success code, output members (body properties and headers) and
    /// error ids from the responses.
    fn responses(
        &mut self,
        loc: &str,
        op: &openapiv3::Operation,
    ) -> (u16, Vec<Member>, Vec<ShapeId>) {
        let mut code = 200;
        let mut members = Vec::new();
        let mut errors = Vec::new();
        for (status, response) in &op.responses.responses {
            let openapiv3::StatusCode::Code(status) = status else {
                continue;
            };
            let ReferenceOr::Item(response) = response else {
                self.diags
                    .error(loc, "response `$ref`s are not supported", None);
                continue;
            };
            let schema = response
                .content
                .get("application/json")
                .and_then(|c| c.schema.clone());
            if (200..300).contains(status) {
                code = *status;
                if let Some(schema) = &schema {
                    members.extend(self.object_members(loc, schema));
                } else if let Some(m) = self.raw_payload(loc, &response.content, false) {
                    members.push(m);
                }
                for (name, header) in &response.headers {
                    let ReferenceOr::Item(header) = header else {
                        continue;
                    };
                    let ParameterSchemaOrContent::Schema(schema) = &header.format else {
                        continue;
                    };
                    if let Some(mut m) = self.member(
                        loc,
                        name,
                        schema,
                        header.required,
                        Binding::Header(name.clone()),
                    ) {
                        m.json_name = m.name.clone();
                        members.push(m);
                    }
                }
            } else if let Some(schema) = schema {
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
                        None => {
                            self.diags
                                .error(loc, format!("`$ref` to `{r}` points nowhere"), None)
                        }
                    }
                }
            }
        }
        (code, members, errors)
    }

    /// The members of an object schema (inline or a `$ref`), in order.
    /// A body of another media type than JSON: one `@httpPayload` member,
    /// bytes or text, named by `x-sdkgen-member` (else `Body`), its media
    /// type kept unless it is the default one.
    fn raw_payload(
        &mut self,
        loc: &str,
        content: &indexmap::IndexMap<String, openapiv3::MediaType>,
        required: bool,
    ) -> Option<Member> {
        let (media, item) = content.iter().next()?;
        let schema = item.schema.clone()?;
        let mut m = self.member(loc, "Body", &schema, required, Binding::Payload)?;
        m.binding = Binding::Payload;
        // The body has no key: the member's name stands for one.
        m.json_name = m.name.clone();
        if m.media_type.is_none() && media != "application/octet-stream" && media != "text/plain" {
            m.media_type = Some(media.clone());
        }
        Some(m)
    }

    fn object_members(&mut self, loc: &str, schema: &ReferenceOr<Schema>) -> Vec<Member> {
        let schema = match schema {
            ReferenceOr::Item(s) => s.clone(),
            ReferenceOr::Reference { reference } => match self.component(reference) {
                Some((_, s)) => s.clone(),
                None => {
                    self.diags
                        .error(loc, format!("`$ref` to `{reference}` points nowhere"), None);
                    return Vec::new();
                }
            },
        };
        let SchemaKind::Type(OType::Object(o)) = &schema.schema_kind else {
            self.diags
                .error(loc, "a body schema must be an object", None);
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, prop) in &o.properties {
            if let Some(m) = self.member(
                loc,
                key,
                &unbox(prop),
                o.required.contains(key),
                Binding::Body,
            ) {
                out.push(m);
            }
        }
        out
    }

    fn member(
        &mut self,
        loc: &str,
        key: &str,
        schema: &ReferenceOr<Schema>,
        required: bool,
        binding: Binding,
    ) -> Option<Member> {
        let ty = self.ty(loc, schema)?;
        let (data, constraints) = match schema {
            ReferenceOr::Item(s) => (Some(&s.schema_data), constraints(s)),
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
        Some(Member {
            rust_name: names::field_ident(&name),
            json_name: key.to_owned(),
            name,
            docs: described(data.and_then(|d| d.description.as_deref())),
            ty,
            required,
            sensitive: ext.get("x-sdkgen-sensitive").and_then(Value::as_bool) == Some(true),
            idempotency_token: ext
                .get("x-sdkgen-idempotency-token")
                .and_then(Value::as_bool)
                == Some(true),
            binding,
            constraints,
            boxed: false,
            media_type: ext_str(&ext, "x-sdkgen-media-type").map(str::to_owned),
            stated_default: data
                .and_then(|d| d.default.clone())
                .or_else(|| ext.get("x-sdkgen-default").cloned()),
            default: None,
        })
    }

    fn ty(&mut self, loc: &str, schema: &ReferenceOr<Schema>) -> Option<Type> {
        let schema = match schema {
            ReferenceOr::Reference { reference } => {
                let key = reference.strip_prefix("#/components/schemas/");
                if let Some(id) = key.and_then(|k| self.keys.get(k)) {
                    return Some(Type::Named(id.clone()));
                }
                match self.component(reference) {
                    // A component that is only a type (a constrained string,
                    // say) is inlined.
                    Some((_, s)) => {
                        if self.inlining.contains(reference) {
                            self.diags.error(
                                loc,
                                format!("`{reference}` holds itself, but is no object schema"),
                                Some("recursion must go through an object component (a structure)"),
                            );
                            return None;
                        }
                        let s = ReferenceOr::Item(s.clone());
                        self.inlining.push(reference.clone());
                        let ty = self.ty(loc, &s);
                        self.inlining.pop();
                        return ty;
                    }
                    None => {
                        self.diags.error(
                            loc,
                            format!("`$ref` to `{reference}` points nowhere"),
                            None,
                        );
                        return None;
                    }
                }
            }
            ReferenceOr::Item(s) => s.clone(),
        };
        let ext = &schema.schema_data.extensions;
        let ty = match &schema.schema_kind {
            SchemaKind::Type(OType::String(s)) => match &s.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Byte) => Type::Blob,
                // `format: binary` is a raw body: a stream, as the export
                // writes a `@streaming` blob, or a blob held whole where the
                // export says so.
                VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary)
                    if ext.get("x-sdkgen-blob").and_then(Value::as_bool) == Some(true) =>
                {
                    Type::Blob
                }
                VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary) => Type::Stream {
                    requires_length: ext
                        .get("x-sdkgen-streaming")
                        .and_then(|s| s.get("requiresLength"))
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                },
                VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::DateTime) => {
                    Type::Timestamp(match ext_str(ext, "x-sdkgen-timestamp") {
                        Some("http-date") => TimestampFormat::HttpDate,
                        Some("epoch-seconds") => TimestampFormat::EpochSeconds,
                        _ => TimestampFormat::DateTime,
                    })
                }
                _ if !s.enumeration.is_empty() => {
                    self.diags.error(
                        loc,
                        "inline enums are not supported",
                        Some("define the enum under components/schemas and `$ref` it"),
                    );
                    return None;
                }
                _ => Type::String,
            },
            SchemaKind::Type(OType::Integer(i)) => match &i.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int64) => Type::Long,
                VariantOrUnknownOrEmpty::Unknown(f) if f == "int8" => Type::Byte,
                VariantOrUnknownOrEmpty::Unknown(f) if f == "int16" => Type::Short,
                _ => Type::Integer,
            },
            SchemaKind::Type(OType::Number(n)) => match &n.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float) => Type::Float,
                _ => Type::Double,
            },
            SchemaKind::Type(OType::Boolean(_)) => Type::Boolean,
            SchemaKind::Type(OType::Array(a)) => match &a.items {
                Some(items) => Type::List(Box::new(self.item_ty(loc, &unbox(items))?)),
                None => {
                    self.diags.error(loc, "an array schema needs `items`", None);
                    return None;
                }
            },
            SchemaKind::Type(OType::Object(o)) => {
                if ext.get("x-sdkgen-unit").and_then(Value::as_bool) == Some(true) {
                    Type::Unit
                } else if let Some(openapiv3::AdditionalProperties::Schema(v)) =
                    &o.additional_properties
                {
                    Type::Map(Box::new(self.item_ty(loc, v)?))
                } else if o.properties.is_empty() {
                    Type::Document
                } else {
                    self.diags.error(
                        loc,
                        "inline object schemas are not supported",
                        Some("define the object under components/schemas and `$ref` it"),
                    );
                    return None;
                }
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => return self.ty(loc, &all_of[0]),
            SchemaKind::Any(_) => Type::Document,
            _ => {
                self.diags.error(
                    loc,
                    "this schema form (oneOf, anyOf, not, or allOf of several) is not supported",
                    None,
                );
                return None;
            }
        };
        Some(ty)
    }

    /// A list item or map value: nullable means a `@sparse` element.
    fn item_ty(&mut self, loc: &str, schema: &ReferenceOr<Schema>) -> Option<Type> {
        let nullable = matches!(schema, ReferenceOr::Item(s) if s.schema_data.nullable);
        let t = self.ty(loc, schema)?;
        Some(if nullable {
            Type::Optional(Box::new(t))
        } else {
            t
        })
    }
}

fn unbox(schema: &ReferenceOr<Box<Schema>>) -> ReferenceOr<Schema> {
    match schema {
        ReferenceOr::Reference { reference } => ReferenceOr::Reference {
            reference: reference.clone(),
        },
        ReferenceOr::Item(s) => ReferenceOr::Item((**s).clone()),
    }
}

/// Component schemas that become named shapes: objects and enums.
fn is_shape(s: &Schema) -> bool {
    match &s.schema_kind {
        SchemaKind::Type(OType::Object(o)) => {
            // An error without members is a shape too.
            !o.properties.is_empty()
                || s.schema_data.extensions.contains_key("x-sdkgen-id")
                || s.schema_data.extensions.contains_key("x-sdkgen-error")
        }
        SchemaKind::Type(OType::String(st)) => !st.enumeration.is_empty(),
        SchemaKind::Type(OType::Integer(i)) => !i.enumeration.is_empty(),
        _ => false,
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
            c.range = Some((i.minimum.map(|v| v as f64), i.maximum.map(|v| v as f64)));
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
        status_range: None,
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

/// The text as an OpenAPI 3.0 document.
fn parse(source: &str, text: &str, diags: &mut Diagnostics) -> Option<OpenAPI> {
    let raw = diags.json(source, text, None)?;
    let version = raw
        .get("openapi")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !version.starts_with("3.0") {
        diags.error(
            format!("{source}#/openapi"),
            format!("OpenAPI {version} is not supported"),
            Some("write an OpenAPI 3.0.x document"),
        );
        return None;
    }
    match serde_json::from_value(raw) {
        Ok(d) => Some(d),
        Err(e) => {
            diags.error(source, format!("not an OpenAPI 3.0 document: {e}"), None);
            None
        }
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
