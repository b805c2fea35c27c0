//! Back end: IR into Rust tokens with `quote!`. It never sees JSON.
//!
//! Generated code reaches its runtime only through the facade crate
//! (`::sdkgen_runtime`), with absolute paths, so a runtime change touches
//! `Rt` and nothing else here.

mod ops;
mod protocol_tests;
mod shapes;
mod values;

pub(crate) use protocol_tests::emit_protocol_tests;

use crate::ir::*;
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};

/// Paths into the runtime facade.
pub(crate) struct Rt;

impl Rt {
    pub(crate) fn root() -> TokenStream {
        quote!(::sdkgen_runtime)
    }
    pub(crate) fn types() -> TokenStream {
        quote!(::sdkgen_runtime::deps::aws_smithy_types)
    }
    pub(crate) fn json() -> TokenStream {
        quote!(::sdkgen_runtime::deps::aws_smithy_json)
    }
    pub(crate) fn api() -> TokenStream {
        quote!(::sdkgen_runtime::deps::aws_smithy_runtime_api)
    }
}

/// An identifier from a name the `names` module produced (raw where needed).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = "..."]` lines, or a fallback so every public item is documented.
pub(crate) fn doc(lines: &[String], fallback: &str) -> TokenStream {
    if lines.is_empty() {
        let line = format!(" {fallback}");
        return quote!(#[doc = #line]);
    }
    let lines = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote!(#(#[doc = #lines])*)
}

/// The parts of the generated module, each emitted, parsed and formatted on
/// its own so that they can be formatted in parallel (see
/// `crate::render`): formatting is most of generation's time.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Part {
    /// The service metadata and re-exports.
    Head,
    /// The `types` module.
    Types,
    /// The JSON codecs.
    Codecs,
    /// One module of `operation`, by index into `Service::operations`.
    Operation(usize),
    /// The `Client`.
    Client,
}

/// The parts of `service`, in output order. Each `Part::Operation` is a
/// `pub mod operation` holding one operation's module; `crate::render` joins
/// a run of them into one module.
pub(crate) fn parts(service: &Service) -> Vec<Part> {
    let mut parts = vec![Part::Head, Part::Types, Part::Codecs];
    parts.extend((0..service.operations.len()).map(Part::Operation));
    parts.push(Part::Client);
    parts
}

/// Documentation of the `operation` module.
const OPERATION_MODULE_DOC: &str = "Operations: inputs, outputs, errors and fluent builders.";

/// Emits one part of the generated module for `service`.
pub(crate) fn emit_part(cx: &Cx, part: Part) -> TokenStream {
    let service = cx.service;
    let rt = Rt::root();
    match part {
        Part::Head => {
            let sdk_id = &service.sdk_id;
            let signing_name = match &service.signing_name {
                Some(name) => quote!(::std::option::Option::Some(#name)),
                None => quote!(::std::option::Option::None),
            };
            let endpoint = match &service.endpoint {
                Endpoint::Global {
                    url,
                    signing_region,
                } => {
                    quote!(#rt::client::DefaultEndpoint::Global { url: #url, signing_region: #signing_region })
                }
                Endpoint::Regional { prefix } => {
                    quote!(#rt::client::DefaultEndpoint::Regional { prefix: #prefix })
                }
            };
            quote! {
                /// What the runtime needs to know about the service.
                static SERVICE: #rt::client::ServiceMetadata = #rt::client::ServiceMetadata {
                    sdk_id: #sdk_id,
                    signing_name: #signing_name,
                    endpoint: #endpoint,
                    crate_version: env!("CARGO_PKG_VERSION"),
                };

                pub use #rt::modules::{config, error, primitives};
                pub use config::Config;

                /// Information about this crate.
                pub mod meta {
                    /// The crate's version.
                    pub static PKG_VERSION: &str = env!("CARGO_PKG_VERSION");
                }
            }
        }
        Part::Types => shapes::emit_types(cx),
        Part::Codecs => shapes::emit_codecs(cx),
        Part::Operation(i) => {
            let operation = ops::emit_operation(cx, &service.operations[i]);
            let doc = format!(" {OPERATION_MODULE_DOC}");
            // Items of the `operation` module itself go with its first part.
            let shared = (i == 0).then(|| {
                quote! {
                    pub use #rt::RequestId;
                }
            });
            quote! {
                #[doc = #doc]
                pub mod operation {
                    #shared
                    #operation
                }
            }
        }
        Part::Client => {
            let client = ops::emit_client(cx);
            let service_error = ops::emit_service_error(cx);
            let service_doc = doc(&service.docs, "The service.");
            quote! {
                #service_doc
                ///
                /// One `Client` is cheap to clone and shares its configuration.
                #[derive(Clone, Debug)]
                pub struct Client {
                    handle: ::std::sync::Arc<#rt::client::Handle>,
                }

                #client

                /// The client, where aws-sdk-rust also has it.
                pub mod client {
                    pub use crate::Client;

                    /// Customizing one call (`customize()` on a fluent builder).
                    pub mod customize {
                        pub use ::sdkgen_runtime::client::CustomizableOperation;
                    }
                }

                #service_error
            }
        }
    }
}

/// What the emitters share: the service, and which shapes need a JSON
/// serializer or deserializer (so nothing unused is emitted).
pub(crate) struct Cx<'a> {
    pub(crate) service: &'a Service,
    pub(crate) ser: BTreeSet<ShapeId>,
    pub(crate) de: BTreeSet<ShapeId>,
    /// Each distinct `@pattern` of an input string member, with its
    /// translation for the lazy DFA where it has one: read once, since a
    /// pattern such as `.{0,1023}` takes milliseconds to compile and one
    /// model can place it on a hundred members.
    pub(crate) patterns: BTreeMap<String, Option<String>>,
}

impl<'a> Cx<'a> {
    pub(crate) fn new(service: &'a Service) -> Self {
        let mut cx = Cx {
            service,
            ser: BTreeSet::new(),
            de: BTreeSet::new(),
            patterns: BTreeMap::new(),
        };
        for op in &service.operations {
            for m in &op.input.members {
                if let (Some(p), Type::String) = (&m.constraints.pattern, &m.ty) {
                    if !cx.patterns.contains_key(p) {
                        // `check` accepted the pattern by this same rule.
                        let translation = sdkgen_pattern::read(p)
                            .ok()
                            .and_then(|r| r.pattern.translation().map(str::to_owned));
                        cx.patterns.insert(p.clone(), translation);
                    }
                }
            }
            let mut ser = BTreeSet::new();
            cx.reach(
                op.input
                    .members
                    .iter()
                    .filter(|m| matches!(m.binding, Binding::Body | Binding::Payload))
                    .map(|m| &m.ty),
                &mut ser,
            );
            cx.ser.extend(ser);
            let mut de = BTreeSet::new();
            cx.reach(
                op.output
                    .members
                    .iter()
                    .filter(|m| matches!(m.binding, Binding::Body | Binding::Payload))
                    .map(|m| &m.ty),
                &mut de,
            );
            for e in &op.errors {
                if let Some(Shape::Structure(s)) = service.shapes.get(e) {
                    cx.reach(s.members.iter().map(|m| &m.ty), &mut de);
                }
            }
            cx.de.extend(de);
        }
        cx
    }

    fn reach<'t>(&self, types: impl Iterator<Item = &'t Type>, out: &mut BTreeSet<ShapeId>) {
        for ty in types {
            self.reach_one(ty, out);
        }
    }

    fn reach_one(&self, ty: &Type, out: &mut BTreeSet<ShapeId>) {
        match ty {
            Type::List(t) | Type::Map(t) | Type::Optional(t) => self.reach_one(t, out),
            Type::Named(id) if out.insert(id.clone()) => {
                if let Some(s) = self.codec_shape(id) {
                    for m in &s.members {
                        self.reach_one(&m.ty, out);
                    }
                }
            }
            _ => {}
        }
    }

    /// Whether a member (sensitive itself, or not) carries a sensitive value
    /// anywhere inside it.
    pub(crate) fn is_sensitive(&self, ty: &Type, member_sensitive: bool) -> bool {
        fn walk(cx: &Cx, ty: &Type, seen: &mut BTreeSet<ShapeId>) -> bool {
            match ty {
                Type::List(t) | Type::Map(t) | Type::Optional(t) => walk(cx, t, seen),
                Type::Named(id) if seen.insert(id.clone()) => cx.codec_shape(id).is_some_and(|s| {
                    s.members
                        .iter()
                        .any(|m| m.sensitive || walk(cx, &m.ty, seen))
                }),
                _ => false,
            }
        }
        member_sensitive || walk(self, ty, &mut BTreeSet::new())
    }

    /// A structure or union: the shapes with JSON codec functions.
    pub(crate) fn codec_shape(&self, id: &str) -> Option<&'a Structure> {
        match self.service.shapes.get(id) {
            Some(Shape::Structure(s) | Shape::Union(s)) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn structure(&self, id: &str) -> Option<&'a Structure> {
        match self.service.shapes.get(id) {
            Some(Shape::Structure(s)) => Some(s),
            _ => None,
        }
    }

    /// The Rust path of a named shape.
    pub(crate) fn named_path(&self, id: &str) -> TokenStream {
        match self.service.shapes.get(id) {
            Some(Shape::Structure(s)) if s.error.is_some() => {
                let n = ident(&s.rust_name);
                quote!(crate::types::error::#n)
            }
            Some(Shape::Structure(s) | Shape::Union(s)) => {
                let n = ident(&s.rust_name);
                quote!(crate::types::#n)
            }
            Some(Shape::Enum(e)) => {
                let n = ident(&e.rust_name);
                quote!(crate::types::#n)
            }
            Some(Shape::IntEnum(e)) => {
                let n = ident(&e.rust_name);
                quote!(crate::types::#n)
            }
            None => quote!(()),
        }
    }

    /// The Rust type of a member type.
    pub(crate) fn rust_type(&self, ty: &Type) -> TokenStream {
        let types = Rt::types();
        match ty {
            Type::String => quote!(::std::string::String),
            Type::Boolean => quote!(bool),
            Type::Byte => quote!(i8),
            Type::Short => quote!(i16),
            Type::Integer => quote!(i32),
            Type::Long => quote!(i64),
            Type::Float => quote!(f32),
            Type::Double => quote!(f64),
            Type::Timestamp(_) => quote!(#types::DateTime),
            Type::Blob => quote!(#types::Blob),
            Type::Document => quote!(#types::Document),
            Type::List(t) => {
                let t = self.rust_type(t);
                quote!(::std::vec::Vec<#t>)
            }
            Type::Map(t) => {
                let t = self.rust_type(t);
                quote!(::std::collections::HashMap<::std::string::String, #t>)
            }
            Type::Named(id) => self.named_path(id),
            Type::Optional(t) => {
                let t = self.rust_type(t);
                quote!(::std::option::Option<#t>)
            }
            Type::Unit => quote!(()),
            Type::Stream { .. } => quote!(#types::byte_stream::ByteStream),
        }
    }

    /// The Rust type a member is stored as: its type, boxed where the member
    /// closes a cycle of structures.
    pub(crate) fn member_type(&self, m: &Member) -> TokenStream {
        let t = self.rust_type(&m.ty);
        if m.boxed {
            quote!(::std::boxed::Box<#t>)
        } else {
            t
        }
    }
}

/// `ser_room`, `de_room`: names of per-structure JSON functions.
pub(crate) fn fn_name(prefix: &str, s: &Structure) -> Ident {
    format_ident!("{}_{}", prefix, crate::names::snake(&s.rust_name))
}

/// The timestamp format path for a format.
pub(crate) fn ts_format(f: TimestampFormat) -> TokenStream {
    let types = Rt::types();
    match f {
        TimestampFormat::DateTime => quote!(#types::date_time::Format::DateTime),
        TimestampFormat::HttpDate => quote!(#types::date_time::Format::HttpDate),
        TimestampFormat::EpochSeconds => quote!(#types::date_time::Format::EpochSeconds),
    }
}

#[cfg(test)]
mod tests {
    //! The back end from hand-built IR, with no model file at all.
    use super::*;

    fn member(name: &str, ty: Type, binding: Binding) -> Member {
        Member {
            name: name.into(),
            json_name: name.into(),
            rust_name: crate::names::field_ident(name),
            docs: Docs::default(),
            ty,
            required: true,
            sensitive: false,
            idempotency_token: false,
            binding,
            constraints: Constraints::default(),
            boxed: false,
            media_type: None,
            stated_default: None,
            default: None,
        }
    }

    fn structure(name: &str, members: Vec<Member>) -> Structure {
        Structure {
            id: format!("ex#{name}"),
            name: name.into(),
            rust_name: name.into(),
            builder_name: String::new(),
            docs: Docs::default(),
            members,
            error: None,
        }
    }

    #[test]
    fn emits_an_operation_from_hand_built_ir() {
        let mut key = member("Type", Type::String, Binding::Query("type".into()));
        key.constraints.pattern = Some("^[a-z]+$".into());
        let service = Service {
            id: "ex#Svc".into(),
            sdk_id: "Ex".into(),
            signing_name: Some("ex".into()),
            auth: vec![AuthScheme::SigV4],
            endpoint: Endpoint::Regional {
                prefix: "ex".into(),
            },
            docs: Docs::default(),
            operations: vec![Operation {
                id: "ex#GetThing".into(),
                name: "GetThing".into(),
                rust_name: "get_thing".into(),
                names: Default::default(),
                docs: Docs::new("Gets a thing."),
                method: "GET".into(),
                uri: vec![
                    UriSegment::Literal("/things/".into()),
                    UriSegment::Label {
                        member: "Id".into(),
                        greedy: false,
                    },
                ],
                uri_query: vec![],
                code: 200,
                input: structure(
                    "GetThingInput",
                    vec![member("Id", Type::String, Binding::Label), key],
                ),
                output: structure(
                    "GetThingOutput",
                    vec![member("Count", Type::Integer, Binding::Body)],
                ),
                errors: vec![],
                pagination: None,
                host_prefix: None,
                protocol_tests: vec![],
                checksum_required: false,
                gzip: false,
                unsigned_payload: false,
                auth: vec![AuthScheme::HttpBearer, AuthScheme::Anonymous],
            }],
            shapes: Default::default(),
        };
        let mut service = service;
        let mut diags = crate::diag::Diagnostics::default();
        crate::normalize::normalize(&mut service, &mut diags);
        let cx = Cx::new(&service);
        let text: String = parts(&service)
            .into_iter()
            .map(|part| {
                let file: syn::File = syn::parse2(emit_part(&cx, part)).expect("valid Rust");
                prettyplease::unparse(&file)
            })
            .collect();
        for expected in [
            "pub mod get_thing",
            "pub struct GetThingInput",
            "pub r#type: ::std::option::Option<::std::string::String>",
            "http::push_query(",
            "\"type\",",
            "encode_label(&text, false)",
            "DefaultEndpoint::Regional",
            "pub fn get_thing(",
            "v.pattern(\"GetThingInput.Type\"",
            "auth: &[\n                ::sdkgen_runtime::client::auth::HTTP_BEARER,\n                ::sdkgen_runtime::client::auth::NO_AUTH,\n            ]",
            "signing_name: ::std::option::Option::Some(\"ex\")",
        ] {
            assert!(text.contains(expected), "missing `{expected}` in:\n{text}");
        }
    }
}
