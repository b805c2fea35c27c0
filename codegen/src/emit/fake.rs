//! The fake server of a generated crate (`pub mod fake`, behind the
//! crate's `test-util` feature): the model described as data, JSON text
//! the runtime's fake (`sdkgen_runtime::fake`) reads when it starts, and a
//! thin typed wrapper (`FakeServer::start()`, `endpoint_url()`,
//! `client()`, one accessor per operation).
//!
//! The description is data rather than code so that the fake does not
//! depend on how the generated types lay out their fields: it speaks the
//! wire and the model, as a service does. Its format is the runtime's
//! (`runtime/src/fake/model.rs`, version 1): members with their bindings,
//! types and constraints; operations with their routes, outputs and
//! errors; named shapes. One operation or shape per line.

use super::common::{ident, module_body, Rt};
use super::cx::{Cx, PatternCheck};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{json, Value};

/// The methods of `FakeServer` an operation's accessor must not take:
/// such an operation is reached with `on("Name")`.
const RESERVED: &[&str] = &[
    "start",
    "endpoint_url",
    "local_addr",
    "config",
    "client",
    "on",
    "operation",
    "requests",
    "reset",
    "inner",
];

/// `#[cfg(feature = "test-util")] pub mod fake { ... }`.
pub(crate) fn emit_fake(cx: &Cx) -> TokenStream {
    let rt = Rt::path();
    let service = cx.service;
    let text = description(cx);
    let description = raw_string(&text);
    let accessors = service.operations.iter().enumerate().filter_map(|(i, op)| {
        let name = op.rust_name.trim_start_matches("r#");
        if RESERVED.contains(&name) {
            return None;
        }
        let f = ident(&op.rust_name);
        let model_name = &op.name;
        let doc = format!(" `{}`: script its replies, read what it received.", op.name);
        Some(quote! {
            #[doc = #doc]
            pub fn #f(&self) -> Operation<'_> {
                // Generated with the description: the index is in range.
                match self.inner.operation_at(#i) {
                    Some(op) => op,
                    None => self.inner.on(#model_name),
                }
            }
        })
    });
    let mut auth = auth_config(service);
    if service.operations.iter().any(|o| o.host_prefix.is_some()) {
        // `{Label}.` before the fake's address would not resolve.
        auth.extend(quote!(.interceptor(self.inner.interceptor())));
    }
    let body = module_body(quote! {
        pub use #rt::fake::{Operation, Reply, Request, Stats};

        /// The model as the fake reads it (the runtime's description
        /// format, version 1).
        pub const MODEL: &str = #description;

        /// A fake of the service on `127.0.0.1`: it answers each operation
        /// as the model says, rejects what the model forbids with the
        /// operation's validation error, replays idempotent requests, and
        /// lets a test script replies and read the requests it received.
        /// It stops when dropped.
        #[derive(Debug)]
        pub struct FakeServer {
            inner: #rt::fake::FakeServer,
        }

        impl FakeServer {
            /// Starts a fake on a free port.
            pub async fn start() -> ::std::io::Result<Self> {
                Ok(Self { inner: #rt::fake::FakeServer::start(MODEL).await? })
            }

            /// The URL to configure as a client's `endpoint_url`.
            pub fn endpoint_url(&self) -> ::std::string::String {
                self.inner.endpoint_url()
            }

            /// The address the fake listens on.
            pub fn local_addr(&self) -> ::std::net::SocketAddr {
                self.inner.local_addr()
            }

            /// A client configuration sending to the fake, with made-up
            /// credentials for the service's auth schemes and region
            /// `us-east-1` (and, where operations have a host prefix, an
            /// interceptor sending their requests to the fake all the same).
            pub fn config(&self) -> crate::config::Builder {
                crate::config::Config::builder()
                    .endpoint_url(self.endpoint_url())
                    .region(crate::config::Region::new("us-east-1"))
                    #auth
            }

            /// A client of the fake, as [`FakeServer::config`] configures it.
            pub fn client(&self) -> crate::Client {
                crate::Client::from_conf(self.config().build())
            }

            /// The operation named `name` in the model.
            ///
            /// # Panics
            ///
            /// Where the service has no such operation.
            pub fn on(&self, name: &str) -> Operation<'_> {
                self.inner.on(name)
            }

            /// The operation named `name` in the model, if there is one.
            pub fn operation(&self, name: &str) -> ::std::option::Option<Operation<'_>> {
                self.inner.operation(name)
            }

            /// Every request received so far, in order.
            pub fn requests(&self) -> ::std::vec::Vec<Request> {
                self.inner.requests()
            }

            /// Forgets requests, scripts, counts and idempotent answers.
            pub fn reset(&self) {
                self.inner.reset()
            }

            /// The runtime's fake this wraps.
            pub fn inner(&self) -> &#rt::fake::FakeServer {
                &self.inner
            }

            #(#accessors)*
        }
    });
    quote! {
        /// An in-process fake of the service for tests (feature
        /// `test-util`), generated from the model: see [`fake::FakeServer`].
        #[cfg(feature = "test-util")]
        pub mod fake {
            #body
        }
    }
}

/// Builder calls giving the client made-up credentials for each auth
/// scheme the service or an operation uses.
fn auth_config(service: &Service) -> TokenStream {
    let schemes: Vec<&AuthScheme> = service
        .auth
        .iter()
        .chain(service.operations.iter().flat_map(|o| &o.auth))
        .collect();
    let has = |f: fn(&AuthScheme) -> bool| schemes.iter().any(|s| f(s));
    let mut calls = Vec::new();
    if has(|s| matches!(s, AuthScheme::SigV4)) {
        calls.push(quote! {
            .credentials_provider(crate::config::Credentials::new("AKIDFAKE", "fake-secret", None, None, "fake"))
        });
    }
    if has(|s| matches!(s, AuthScheme::HttpBearer)) {
        calls.push(quote!(.bearer_token(crate::config::Token::new("fake-token", None))));
    }
    if has(|s| matches!(s, AuthScheme::ApiKey(_))) {
        calls.push(quote!(.api_key(crate::config::Token::new("fake-api-key", None))));
    }
    if has(|s| matches!(s, AuthScheme::HttpBasic)) {
        calls.push(quote!(.basic_auth("fake", "fake-password")));
    }
    quote!(#(#calls)*)
}

/// A raw string literal of `text`, with as many `#` as it needs.
fn raw_string(text: &str) -> TokenStream {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    let literal = format!("r{hashes}\"{text}\"{hashes}");
    match literal.parse::<proc_macro2::Literal>() {
        Ok(l) => quote!(#l),
        // Unreachable (a raw string holds anything): the escaped form.
        Err(_) => quote!(#text),
    }
}

/// The description: one operation or shape per line.
fn description(cx: &Cx) -> String {
    let service = cx.service;
    let prefix = service.id.rsplit('#').next().unwrap_or(&service.id);
    let head = json!({
        "version": 1,
        "protocol": service.protocol.name(),
        "targetPrefix": prefix,
    });
    let mut out = head.to_string();
    out.pop();
    out.push_str(",\n\"operations\": [\n");
    let ops: Vec<String> = service
        .operations
        .iter()
        .map(|op| operation(cx, op).to_string())
        .collect();
    out.push_str(&ops.join(",\n"));
    out.push_str("\n],\n\"shapes\": {\n");
    let shapes: Vec<String> = service
        .shapes
        .iter()
        .map(|(id, s)| format!("{}: {}", Value::from(id.as_str()), shape(cx, s)))
        .collect();
    out.push_str(&shapes.join(",\n"));
    out.push_str("\n}}\n");
    out
}

fn operation(cx: &Cx, op: &Operation) -> Value {
    let mut v = json!({
        "name": op.name,
        "inputName": op.input.rust_name,
        "method": op.method,
        "uri": op.uri_pattern(),
        "code": op.code,
        "input": members(cx, &op.input.members),
        "output": members(cx, &op.output.members),
        "errors": op.errors,
    });
    if let Some(p) = &op.pagination {
        v["outputToken"] = Value::from(p.output_token.as_str());
    }
    v
}

fn shape(cx: &Cx, s: &Shape) -> Value {
    match s {
        Shape::Structure(s) => {
            let mut v = json!({"kind": "structure", "members": members(cx, &s.members)});
            if let Some(e) = &s.error {
                let status = e
                    .status
                    .or(e.status_range.map(|r| r.0))
                    .unwrap_or(match e.fault {
                        Fault::Client => 400,
                        Fault::Server => 500,
                    });
                let mut codes = vec![s.name.clone()];
                codes.extend(e.codes.iter().filter(|c| **c != s.name).cloned());
                v["error"] = json!({
                    "status": status,
                    "httpError": e.status.is_some(),
                    "retryable": e.retry.is_some(),
                    "codes": codes,
                });
            }
            v
        }
        Shape::Union(u) => {
            let repr = match &u.union_repr {
                UnionRepr::Tagged => json!("tagged"),
                UnionRepr::Untagged => json!("untagged"),
                UnionRepr::Discriminated { property } => json!({"discriminated": property}),
            };
            json!({"kind": "union", "members": members(cx, &u.members), "repr": repr})
        }
        Shape::Enum(e) => {
            let values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
            json!({"kind": "enum", "values": values})
        }
        Shape::IntEnum(e) => {
            let values: Vec<i32> = e.variants.iter().map(|(_, v)| *v).collect();
            json!({"kind": "intEnum", "values": values})
        }
    }
}

fn members(cx: &Cx, members: &[Member]) -> Value {
    Value::Array(members.iter().map(|m| member(cx, m)).collect())
}

fn member(cx: &Cx, m: &Member) -> Value {
    let mut v = json!({"name": m.name, "type": ty(&m.ty)});
    if m.json_name != m.name {
        v["json"] = Value::from(m.json_name.as_str());
    }
    if m.required {
        v["required"] = Value::Bool(true);
    }
    if m.default.is_some() || m.stated_default.is_some() {
        v["hasDefault"] = Value::Bool(true);
    }
    if m.idempotency_token {
        v["idempotencyToken"] = Value::Bool(true);
    }
    let binding = binding(&m.binding);
    if binding != json!("body") {
        v["binding"] = binding;
    }
    if let Some((min, max)) = m.constraints.length {
        v["length"] = json!([min, max]);
    }
    if let Some((min, max)) = m.constraints.range {
        v["range"] = json!([min, max]);
    }
    // Only a pattern the client checks: one without an ECMA 262 reading
    // (java.util.regex syntax in AWS models) is left unchecked there too.
    if let Some(p) = &m.constraints.pattern {
        if !matches!(cx.pattern_check(p), PatternCheck::Unchecked) {
            v["pattern"] = Value::from(p.as_str());
        }
    }
    if let Some(media) = &m.media_type {
        v["mediaType"] = Value::from(media.as_str());
    }
    v
}

fn binding(b: &Binding) -> Value {
    match b {
        Binding::Body => json!("body"),
        Binding::Label => json!("label"),
        Binding::Query(q) => json!({ "query": q }),
        Binding::Header(h) => json!({ "header": h }),
        Binding::QueryParams => json!("queryParams"),
        Binding::PrefixHeaders(p) => json!({ "prefixHeaders": p }),
        Binding::Payload => json!("payload"),
        Binding::ResponseCode => json!("responseCode"),
        Binding::QueryStyled { .. }
        | Binding::Cookie(_)
        | Binding::FormField(_)
        | Binding::MultipartPart(_) => json!("unsupported"),
    }
}

fn ty(t: &Type) -> Value {
    match t {
        Type::String => json!("string"),
        Type::Boolean => json!("boolean"),
        Type::Byte => json!("byte"),
        Type::Short => json!("short"),
        Type::Integer => json!("integer"),
        Type::Long => json!("long"),
        Type::Float => json!("float"),
        Type::Double => json!("double"),
        Type::Timestamp(f) => {
            let f = match f {
                TimestampFormat::DateTime => "date-time",
                TimestampFormat::HttpDate => "http-date",
                TimestampFormat::EpochSeconds => "epoch-seconds",
            };
            json!({ "timestamp": f })
        }
        Type::Blob => json!("blob"),
        Type::Stream { .. } => json!("stream"),
        Type::Document => json!("document"),
        Type::List(item) => json!({ "list": ty(item) }),
        Type::Map(_, item) => json!({ "map": ty(item) }),
        Type::Named(id) => json!({ "shape": id }),
        Type::Optional(inner) => json!({ "optional": ty(inner) }),
        Type::Unit => json!("unit"),
    }
}
