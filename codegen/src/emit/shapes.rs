//! Structures, enums and their builders, validators and JSON codecs.

use super::{doc, fn_name, ident, ts_format, Cx, Rt};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// How a structure is used, which decides its builder's `build()`.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// An operation input: fallible `build()`, `validate()`, token filling.
    Input,
    /// An error structure: carries `ErrorMetadata`.
    Error,
    /// Anything else.
    Plain,
}

/// `pub mod types { ... }`: every named shape, with builders.
pub(crate) fn emit_types(cx: &Cx) -> TokenStream {
    let mut types = Vec::new();
    let mut builders = Vec::new();
    let mut errors = Vec::new();
    let mut error_builders = Vec::new();
    for shape in cx.service.shapes.values() {
        match shape {
            Shape::Enum(e) => types.push(emit_enum(e)),
            Shape::IntEnum(e) => types.push(emit_int_enum(e)),
            Shape::Union(u) => types.push(emit_union(cx, u)),
            Shape::Structure(s) if s.error.is_some() => {
                let (item, builder) = emit_structure(cx, s, Kind::Error);
                errors.push(item);
                error_builders.push(builder);
            }
            Shape::Structure(s) => {
                let (item, builder) = emit_structure(cx, s, Kind::Plain);
                types.push(item);
                builders.push(builder);
            }
        }
    }
    let builders_mod = (!builders.is_empty()).then(|| {
        quote! {
            /// Builders for the types.
            pub mod builders { #(#builders)* }
        }
    });
    let error_builders_mod = (!error_builders.is_empty()).then(|| {
        quote! {
            /// Builders for the error types.
            pub mod builders { #(#error_builders)* }
        }
    });
    quote! {
        /// Data types of the model.
        pub mod types {
            #(#types)*
            #builders_mod
            /// Errors the model describes.
            pub mod error {
                #(#errors)*
                #error_builders_mod
            }
        }
    }
}

/// `mod json_codec { ... }`: the JSON writers and readers of the shapes
/// nested in bodies, and the readers of error responses.
pub(crate) fn emit_codecs(cx: &Cx) -> TokenStream {
    let mut codecs = Vec::new();
    let operation_errors: std::collections::BTreeSet<&ShapeId> = cx
        .service
        .operations
        .iter()
        .flat_map(|op| &op.errors)
        .collect();
    for shape in cx.service.shapes.values() {
        match shape {
            Shape::Enum(_) | Shape::IntEnum(_) => {}
            Shape::Union(u) => {
                if cx.ser.contains(&u.id) {
                    codecs.push(emit_ser_fn(cx, u, true));
                }
                if cx.de.contains(&u.id) {
                    codecs.push(emit_de_fn(cx, u, true));
                }
            }
            Shape::Structure(s) => {
                if cx.ser.contains(&s.id) {
                    codecs.push(emit_ser_fn(cx, s, false));
                }
                if cx.de.contains(&s.id) && s.error.is_none() {
                    codecs.push(emit_de_fn(cx, s, false));
                }
                if operation_errors.contains(&s.id) {
                    codecs.push(super::ops::emit_error_reader(cx, s));
                }
            }
        }
    }
    quote! {
        /// JSON codecs for structures nested in bodies, and the readers of
        /// error responses.
        mod json_codec {
            #(#codecs)*
        }
    }
}

fn emit_enum(e: &Enum) -> TokenStream {
    let rt = Rt::root();
    let name = ident(&e.rust_name);
    let docs = doc(&e.docs, &format!("Values of `{}`.", e.rust_name));
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let values: Vec<_> = e.variants.iter().map(|v| v.value.as_str()).collect();
    let mut sorted = values.clone();
    sorted.sort_unstable();
    let vdocs = e
        .variants
        .iter()
        .map(|v| doc(&v.docs, &format!("`{}`", v.value)));
    quote! {
        #docs
        ///
        /// A value this version of the SDK does not know is kept in `Unknown`.
        #[non_exhaustive]
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #vdocs #variants, )*
            /// A value not in the model this SDK was generated from.
            Unknown(#rt::UnknownVariantValue),
        }

        impl #name {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #values, )*
                    Self::Unknown(v) => v.as_str(),
                }
            }

            /// Every value the model lists, sorted (as aws-sdk-rust lists them).
            pub const fn values() -> &'static [&'static str] {
                &[#(#sorted),*]
            }

            /// The variant of a value the model lists, else an error (where
            /// `From<&str>` would keep the value as `Unknown`).
            pub fn try_parse(value: &str) -> ::std::result::Result<Self, #rt::UnknownVariantError> {
                match Self::from(value) {
                    Self::Unknown(_) => Err(#rt::UnknownVariantError::new(value)),
                    known => Ok(known),
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(s: &str) -> Self {
                match s {
                    #( #values => Self::#variants, )*
                    other => Self::Unknown(#rt::UnknownVariantValue::new(other)),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// The struct (with getters and `Debug`) and, separately, its builder.
pub(crate) fn emit_structure(cx: &Cx, s: &Structure, kind: Kind) -> (TokenStream, TokenStream) {
    let rt = Rt::root();
    let types = Rt::types();
    let name = ident(&s.rust_name);
    let builder = ident(&s.builder_name);
    let docs = doc(&s.docs, &format!("The `{}` structure.", s.name));
    let fields: Vec<_> = s.members.iter().map(|m| ident(&m.rust_name)).collect();
    let tys: Vec<_> = s.members.iter().map(|m| cx.member_type(m)).collect();
    // A streaming payload is a `ByteStream` in the structure (empty unless
    // set), as in aws-sdk-rust; the builder holds it as an `Option`. A
    // stream can be neither cloned nor compared.
    let field_tys: Vec<_> = s
        .members
        .iter()
        .zip(&tys)
        .map(|(m, t)| {
            if m.ty.is_stream() {
                quote!(#t)
            } else {
                quote!(::std::option::Option<#t>)
            }
        })
        .collect();
    let inits: Vec<_> = s
        .members
        .iter()
        .zip(&fields)
        .map(|(m, f)| {
            if m.ty.is_stream() {
                quote!(#f: self.#f.unwrap_or_default())
            } else {
                quote!(#f: self.#f)
            }
        })
        .collect();
    let (derive_clone, derive_eq) = if s.has_stream() {
        (quote!(), quote!())
    } else {
        (quote!(Clone,), quote!(PartialEq))
    };
    let fdocs: Vec<_> = s.members.iter().map(member_doc).collect();
    let getters = s.members.iter().zip(&fdocs).map(|(m, d)| getter(cx, m, d));
    let setters = s.members.iter().zip(&fdocs).map(|(m, d)| setters(cx, m, d));
    // `Debug` is written out only where a sensitive member must be redacted
    // or an error's metadata left out; elsewhere it is derived.
    let redacting = s.members.iter().any(|m| m.sensitive);
    let debug = |type_name: &str, for_type: &proc_macro2::Ident| {
        let fields = s.members.iter().map(|m| {
            let f = ident(&m.rust_name);
            let n = m.rust_name.trim_start_matches("r#");
            if m.sensitive {
                quote!(.field(#n, &#rt::REDACTED))
            } else {
                quote!(.field(#n, &self.#f))
            }
        });
        quote! {
            impl ::std::fmt::Debug for #for_type {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_struct(#type_name) #(#fields)* .finish()
                }
            }
        }
    };
    let ((derive_debug, debug_impl), (builder_derive_debug, builder_debug_impl)) =
        if redacting || kind == Kind::Error {
            (
                (quote!(), debug(&s.rust_name, &name)),
                (quote!(), debug(&s.builder_name, &builder)),
            )
        } else {
            ((quote!(Debug,), quote!()), (quote!(Debug,), quote!()))
        };
    let builder_doc = format!(" A builder for [`{0}`](super::{0}).", s.rust_name);
    let (meta_field, meta_builder_field, meta_init, meta_api, meta_builder_api) = if kind
        == Kind::Error
    {
        (
            quote!(pub(crate) meta: #types::error::ErrorMetadata,),
            quote!(meta: ::std::option::Option<#types::error::ErrorMetadata>,),
            quote!(meta: self.meta.unwrap_or_default(),),
            {
                let display = error_display(s);
                quote! {
                    impl #types::error::metadata::ProvideErrorMetadata for #name {
                        fn meta(&self) -> &#types::error::ErrorMetadata {
                            &self.meta
                        }
                    }

                    impl ::std::fmt::Display for #name {
                        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            #display
                        }
                    }

                    impl ::std::error::Error for #name {}

                    impl #rt::RequestId for #name {
                        fn request_id(&self) -> ::std::option::Option<&str> {
                            #rt::error::request_id(&self.meta)
                        }
                    }
                }
            },
            quote! {
                /// Sets the error metadata (code, message, request id).
                pub fn meta(mut self, meta: #types::error::ErrorMetadata) -> Self {
                    self.meta = Some(meta);
                    self
                }

                /// Sets or unsets the error metadata.
                pub fn set_meta(&mut self, meta: ::std::option::Option<#types::error::ErrorMetadata>) -> &mut Self {
                    self.meta = meta;
                    self
                }
            },
        )
    } else {
        Default::default()
    };
    let (build_ret, build_body) = if kind == Kind::Input {
        (
            quote!(::std::result::Result<super::#name, #types::error::operation::BuildError>),
            quote!(Ok(super::#name { #( #inits, )* })),
        )
    } else {
        (
            quote!(super::#name),
            quote!(super::#name { #( #inits, )* #meta_init }),
        )
    };
    let build_doc = if kind == Kind::Input {
        " Builds the input. Constraints are checked by `validate()`, which `send()` runs unless validation is turned off."
    } else {
        " Builds the value."
    };
    let item = quote! {
        #docs
        #[non_exhaustive]
        #[derive(#derive_clone #derive_debug #derive_eq)]
        pub struct #name {
            #( #fdocs pub #fields: #field_tys, )*
            #meta_field
        }

        impl #name {
            #(#getters)*

            /// A builder for this type.
            pub fn builder() -> builders::#builder {
                builders::#builder::default()
            }
        }

        #debug_impl

        #meta_api
    };
    let builder_item = quote! {
        #[doc = #builder_doc]
        #[non_exhaustive]
        #[derive(#derive_clone Default, #builder_derive_debug #derive_eq)]
        pub struct #builder {
            #( pub(crate) #fields: ::std::option::Option<#tys>, )*
            #meta_builder_field
        }

        impl #builder {
            #(#setters)*
            #meta_builder_api

            #[doc = #build_doc]
            pub fn build(self) -> #build_ret {
                #build_body
            }
        }

        #builder_debug_impl
    };
    (item, builder_item)
}

/// `Name (Code): message [request id: ...]`, preferring the modeled `Code`
/// and `Message` members over the metadata.
fn error_display(s: &Structure) -> TokenStream {
    let rt = Rt::root();
    let name = &s.name;
    let find = |n: &str| s.members.iter().find(|m| m.name.eq_ignore_ascii_case(n));
    let code = match find("code") {
        Some(m) if matches!(m.ty, Type::Named(_)) => {
            let f = ident(&m.rust_name);
            quote!(self.#f.as_ref().map(|c| c.as_str()).or(self.meta.code()))
        }
        Some(m) if m.ty == Type::String => {
            let f = ident(&m.rust_name);
            quote!(self.#f.as_deref().or(self.meta.code()))
        }
        _ => quote!(self.meta.code()),
    };
    let message = match find("message") {
        Some(m) if m.ty == Type::String => {
            let f = ident(&m.rust_name);
            quote!(self.#f.as_deref().or(self.meta.message()))
        }
        _ => quote!(self.meta.message()),
    };
    quote!(#rt::error::fmt_error(f, #name, #code, #message, &self.meta))
}

/// `text` with control characters written as escapes (`\t`, `\r`, `\n`,
/// `\u{..}`), for doc comments: a pattern such as `[ \t\r\n]` holds the
/// characters themselves, and a bare CR is not allowed in a doc comment.
fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn member_doc(m: &Member) -> TokenStream {
    let mut lines = m.docs.to_vec();
    if lines.is_empty() {
        lines.push(format!("The `{}` member.", m.name));
    }
    let mut notes = Vec::new();
    if m.required {
        notes.push("Required.".to_owned());
    }
    if let Some((min, max)) = m.constraints.length {
        notes.push(match (min, max) {
            (Some(a), Some(b)) => format!("Length {a} to {b}."),
            (Some(a), None) => format!("Length at least {a}."),
            (None, Some(b)) => format!("Length at most {b}."),
            (None, None) => String::new(),
        });
    }
    if let Some(p) = &m.constraints.pattern {
        notes.push(format!("Must match `{}`.", printable(&p.replace('`', "'"))));
    }
    if let Some((min, max)) = m.constraints.range {
        notes.push(format!(
            "Range {} to {}.",
            min.map_or("-inf".into(), |v| v.to_string()),
            max.map_or("+inf".into(), |v| v.to_string())
        ));
    }
    if m.sensitive {
        notes.push("Sensitive: redacted in `Debug` output.".to_owned());
    }
    if m.idempotency_token {
        notes.push("Idempotency token: a UUIDv4 is filled in when unset.".to_owned());
    }
    notes.retain(|n| !n.is_empty());
    if !notes.is_empty() {
        lines.push(String::new());
        lines.push(notes.join(" "));
    }
    doc(&lines, "")
}

fn getter(cx: &Cx, m: &Member, docs: &TokenStream) -> TokenStream {
    let f = ident(&m.rust_name);
    let (ret, body) = match &m.ty {
        ty @ Type::Stream { .. } => {
            let t = cx.rust_type(ty);
            (quote!(&#t), quote!(&self.#f))
        }
        Type::String => (
            quote!(::std::option::Option<&str>),
            quote!(self.#f.as_deref()),
        ),
        ty if ty.is_copy_scalar() => {
            let t = cx.rust_type(ty);
            (quote!(::std::option::Option<#t>), quote!(self.#f))
        }
        Type::List(t) => {
            let t = cx.rust_type(t);
            (
                quote!(&[#t]),
                quote!(self.#f.as_deref().unwrap_or_default()),
            )
        }
        other if m.boxed => {
            let t = cx.rust_type(other);
            (
                quote!(::std::option::Option<&#t>),
                quote!(self.#f.as_deref()),
            )
        }
        other => {
            let t = cx.rust_type(other);
            (quote!(::std::option::Option<&#t>), quote!(self.#f.as_ref()))
        }
    };
    quote! {
        #docs
        pub fn #f(&self) -> #ret {
            #body
        }
    }
}

fn setters(cx: &Cx, m: &Member, docs: &TokenStream) -> TokenStream {
    let f = ident(&m.rust_name);
    let raw = m.rust_name.trim_start_matches("r#");
    let set = format_ident!("set_{}", raw);
    let get = format_ident!("get_{}", raw);
    let t = cx.rust_type(&m.ty);
    let stored = cx.member_type(m);
    let (params, _) = setter_params(cx, &m.ty);
    let body = match &m.ty {
        Type::String => quote!(self.#f = Some(input.into());),
        Type::List(item) if **item == Type::String => {
            quote!(self.#f.get_or_insert_with(::std::vec::Vec::new).push(input.into());)
        }
        Type::List(_) => quote!(self.#f.get_or_insert_with(::std::vec::Vec::new).push(input);),
        Type::Map(value) if **value == Type::String => {
            quote!(self.#f.get_or_insert_with(::std::collections::HashMap::new).insert(key.into(), value.into());)
        }
        Type::Map(_) => {
            quote!(self.#f.get_or_insert_with(::std::collections::HashMap::new).insert(key.into(), value);)
        }
        _ if m.boxed => quote!(self.#f = Some(::std::boxed::Box::new(input));),
        _ => quote!(self.#f = Some(input);),
    };
    let set_body = if m.boxed {
        quote!(self.#f = input.map(::std::boxed::Box::new);)
    } else {
        quote!(self.#f = input;)
    };
    quote! {
        #docs
        pub fn #f(mut self, #params) -> Self {
            #body
            self
        }
        #docs
        pub fn #set(mut self, input: ::std::option::Option<#t>) -> Self {
            #set_body
            self
        }
        #docs
        pub fn #get(&self) -> &::std::option::Option<#stored> {
            &self.#f
        }
    }
}

/// Parameters of the fluent setter of a member, and the arguments that pass
/// them on: strings take `impl Into<String>`, lists one item to append, maps
/// one entry to insert.
pub(crate) fn setter_params(cx: &Cx, ty: &Type) -> (TokenStream, TokenStream) {
    match ty {
        Type::String => (
            quote!(input: impl ::std::convert::Into<::std::string::String>),
            quote!(input),
        ),
        Type::List(item) if **item == Type::String => (
            quote!(input: impl ::std::convert::Into<::std::string::String>),
            quote!(input),
        ),
        Type::List(item) => {
            let item = cx.rust_type(item);
            (quote!(input: #item), quote!(input))
        }
        Type::Map(value) if **value == Type::String => (
            quote!(key: impl ::std::convert::Into<::std::string::String>, value: impl ::std::convert::Into<::std::string::String>),
            quote!(key, value),
        ),
        Type::Map(value) => {
            let value = cx.rust_type(value);
            (
                quote!(key: impl ::std::convert::Into<::std::string::String>, value: #value),
                quote!(key, value),
            )
        }
        other => {
            let t = cx.rust_type(other);
            (quote!(input: #t), quote!(input))
        }
    }
}

/// `validate()` body statements for an input structure's members.
pub(crate) fn validations(cx: &Cx, s: &Structure) -> TokenStream {
    let rt = Rt::root();
    // A streaming payload is always there (empty unless set) and has
    // nothing to check before it is read.
    let checks = s.members.iter().filter(|m| !m.ty.is_stream()).map(|m| {
        let f = ident(&m.rust_name);
        let path = format!("{}.{}", s.rust_name, m.name);
        let required = m
            .required
            .then(|| quote!(v.required(#path, self.#f.as_ref());));
        let mut inner = Vec::new();
        if m.binding == Binding::Label && m.ty == Type::String {
            inner.push(quote!(v.label(#path, value);));
        }
        if let Some((min, max)) = m.constraints.length {
            let min = opt_u64(min);
            let max = opt_u64(max);
            inner.push(match &m.ty {
                Type::String => quote!(v.str_length(#path, value, #min, #max);),
                Type::Blob => quote!(v.length(#path, value.as_ref().len(), #min, #max);),
                Type::List(_) | Type::Map(_) => {
                    quote!(v.length(#path, value.len(), #min, #max);)
                }
                _ => quote!(),
            });
        }
        if let (Some(p), Type::String) = (&m.constraints.pattern, &m.ty) {
            // A pattern the lazy DFA can run is compiled from its
            // translation, so that an SDK without any other pattern does
            // not link `regress`.
            let compile = match cx.patterns.get(p).cloned().flatten() {
                Some(t) => quote!(#rt::validation::compile_translation(#t)),
                None => quote!(#rt::validation::compile_pattern(#p)),
            };
            inner.push(quote! {
                static PATTERN: ::std::sync::LazyLock<#rt::validation::Pattern> =
                    ::std::sync::LazyLock::new(|| #compile);
                v.pattern(#path, value, &PATTERN, #p);
            });
        }
        if let Some((min, max)) = m.constraints.range {
            let num = match &m.ty {
                Type::Byte | Type::Short | Type::Integer | Type::Long => {
                    Some(quote!(i64::from(*value)))
                }
                Type::Float => Some(quote!(f64::from(*value))),
                Type::Double => Some(quote!(*value)),
                _ => None,
            };
            if let Some(num) = num {
                let is_int = !matches!(m.ty, Type::Float | Type::Double);
                let bound = |b: Option<f64>| match b {
                    None => quote!(None),
                    Some(b) if is_int => {
                        let b = b as i64;
                        quote!(Some(#b))
                    }
                    Some(b) => quote!(Some(#b)),
                };
                let (min, max) = (bound(min), bound(max));
                inner.push(quote!(v.range(#path, #num, #min, #max);));
            }
        }
        // Checks that emit nothing (a length on a type without one) leave no
        // empty `if let` behind.
        inner.retain(|check| !check.is_empty());
        let inner = (!inner.is_empty()).then(|| {
            quote! {
                if let Some(value) = &self.#f {
                    #(#inner)*
                }
            }
        });
        quote!(#required #inner)
    });
    quote!(#(#checks)*)
}

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

/// `pub(crate) fn ser_x(obj: &mut JsonObjectWriter, value: &X)` for a body
/// structure or union.
fn emit_ser_fn(cx: &Cx, s: &Structure, union: bool) -> TokenStream {
    let json = Rt::json();
    let api = Rt::api();
    let name = fn_name("ser", s);
    let ty = cx.named_path(&s.id);
    let body = if union {
        let arms = s.members.iter().map(|m| {
            let v = ident(&variant_name(m));
            let key = &m.json_name;
            let write = ser_value(cx, &m.ty, quote!(obj.key(#key)), quote!(v), 0);
            let binding = if m.ty == Type::Unit {
                quote!(_)
            } else {
                quote!(v)
            };
            quote!(#ty::#v(#binding) => { #write })
        });
        let what = format!("cannot send an unknown member of the union `{}`", s.name);
        quote! {
            match value {
                #(#arms)*
                #ty::Unknown => return Err(#what.into()),
            }
        }
    } else {
        ser_members(cx, s.members.iter(), quote!(value), true)
    };
    // A structure without members writes nothing (`{}`).
    let (obj, value) = if body.is_empty() {
        (quote!(_obj), quote!(_value))
    } else {
        (quote!(obj), quote!(value))
    };
    quote! {
        pub(crate) fn #name(
            #obj: &mut #json::serialize::JsonObjectWriter<'_>,
            #value: &#ty,
        ) -> ::std::result::Result<(), #api::box_error::BoxError> {
            #body
            Ok(())
        }
    }
}

/// Statements writing `members` of `src` into `obj`.
///
/// Members are written in order of their JSON names, as aws-sdk-rust does, so
/// the bodies of both SDKs are byte for byte the same.
pub(crate) fn ser_members<'m>(
    cx: &Cx,
    members: impl Iterator<Item = &'m Member>,
    src: TokenStream,
    defaults: bool,
) -> TokenStream {
    let mut members: Vec<&Member> = members.collect();
    members.sort_by(|a, b| a.json_name.cmp(&b.json_name));
    let stmts = members.into_iter().map(|m| {
        let f = ident(&m.rust_name);
        let key = &m.json_name;
        let write = ser_value(cx, &m.ty, quote!(obj.key(#key)), quote!(v), 0);
        // Nested structures send their members' defaults when unset (the
        // top level of an input leaves them to the service).
        let default = m
            .default
            .as_ref()
            .filter(|_| defaults)
            .map(|d| super::values::value_expr(cx, &m.ty, d));
        match default {
            Some(d) => quote! {
                match &#src.#f {
                    Some(v) => { #write }
                    None => {
                        let v = &#d;
                        #write
                    }
                }
            },
            None => quote! {
                if let Some(v) = &#src.#f {
                    #write
                }
            },
        }
    });
    quote!(#(#stmts)*)
}

/// A statement writing `v` (a reference) of type `ty` with the value writer `w`.
pub(crate) fn ser_value(
    cx: &Cx,
    ty: &Type,
    w: TokenStream,
    v: TokenStream,
    depth: usize,
) -> TokenStream {
    let types = Rt::types();
    match ty {
        Type::String => quote!(#w.string(#v);),
        Type::Boolean => quote!(#w.boolean(*#v);),
        Type::Byte | Type::Short | Type::Integer => {
            quote!(#w.number(#types::Number::NegInt(i64::from(*#v)));)
        }
        Type::Long => quote!(#w.number(#types::Number::NegInt(*#v));),
        Type::Float => quote!(#w.number(#types::Number::Float(f64::from(*#v)));),
        Type::Double => quote!(#w.number(#types::Number::Float(*#v));),
        Type::Timestamp(f) => {
            let f = ts_format(*f);
            quote!(#w.date_time(#v, #f)?;)
        }
        Type::Blob => quote!(#w.string_unchecked(&#types::base64::encode(#v));),
        // `check` keeps streams out of JSON documents (only a payload can be
        // one); should one get here, the call fails instead of the build.
        Type::Stream { .. } => {
            quote!(return Err("a streaming blob cannot be written into a JSON document".into());)
        }
        Type::Document => quote!(#w.document(#v);),
        Type::Unit => quote!(#w.start_object().finish();),
        Type::Optional(inner) => {
            let some = format_ident!("some_{}", depth);
            let write = ser_value(cx, inner, w.clone(), quote!(#some), depth + 1);
            quote! {
                match #v {
                    Some(#some) => { #write }
                    None => #w.null(),
                }
            }
        }
        Type::List(item) => {
            let arr = format_ident!("array_{}", depth);
            let it = format_ident!("item_{}", depth);
            let inner = ser_value(cx, item, quote!(#arr.value()), quote!(#it), depth + 1);
            quote! {
                let mut #arr = #w.start_array();
                for #it in #v {
                    #inner
                }
                #arr.finish();
            }
        }
        Type::Map(value) => {
            let map = format_ident!("map_{}", depth);
            let (k, it) = (
                format_ident!("key_{}", depth),
                format_ident!("value_{}", depth),
            );
            let inner = ser_value(cx, value, quote!(#map.key(#k)), quote!(#it), depth + 1);
            quote! {
                let mut #map = #w.start_object();
                for (#k, #it) in #v {
                    #inner
                }
                #map.finish();
            }
        }
        Type::Named(id) => match cx.service.shapes.get(id) {
            Some(Shape::Structure(s) | Shape::Union(s)) => {
                let f = fn_name("ser", s);
                let o = format_ident!("object_{}", depth);
                quote! {
                    let mut #o = #w.start_object();
                    crate::json_codec::#f(&mut #o, #v)?;
                    #o.finish();
                }
            }
            Some(Shape::IntEnum(_)) => {
                quote!(#w.number(#types::Number::NegInt(i64::from(#v.as_i32())));)
            }
            _ => quote!(#w.string(#v.as_str());),
        },
    }
}

/// `pub(crate) fn de_x(value: &Value) -> Result<X, DeserializeError>` for a
/// structure or union.
fn emit_de_fn(cx: &Cx, s: &Structure, union: bool) -> TokenStream {
    let rt = Rt::root();
    let name = fn_name("de", s);
    let ty = cx.named_path(&s.id);
    let path = s.name.as_str();
    let body = if union {
        let arms = s.members.iter().map(|m| {
            let v = ident(&variant_name(m));
            let key = &m.json_name;
            let read = de_value(
                cx,
                &m.ty,
                quote!(member),
                &format!("{}.{}", s.name, m.name),
                0,
            );
            let read = if m.boxed {
                quote!(::std::boxed::Box::new(#read?))
            } else {
                quote!(#read?)
            };
            quote!(#key => #ty::#v(#read),)
        });
        quote! {
            let obj = #rt::json::object(value, #path)?;
            let mut set = obj.iter().filter(|(key, member)| !member.is_null() && key.as_str() != "__type");
            let (Some((key, member)), None) = (set.next(), set.next()) else {
                return Err(#rt::json::invalid(#path, "exactly one member of the union"));
            };
            Ok(match key.as_str() {
                #(#arms)*
                _ => #ty::Unknown,
            })
        }
    } else {
        let members = de_members(cx, s, s.members.iter(), quote!(obj));
        // Without members the object is only checked to be one.
        let (mut_builder, obj) = if s.members.is_empty() {
            (quote!(), quote!())
        } else {
            (quote!(mut), quote!(let obj =))
        };
        quote! {
            #obj #rt::json::object(value, #path)?;
            let #mut_builder builder = #ty::builder();
            #members
            Ok(builder.build())
        }
    };
    quote! {
        pub(crate) fn #name(
            value: &#rt::deps::serde_json::Value,
        ) -> ::std::result::Result<#ty, #rt::json::DeserializeError> {
            #body
        }
    }
}

/// Statements setting `members` on `builder` from the JSON object `obj`.
pub(crate) fn de_members<'m>(
    cx: &Cx,
    s: &Structure,
    members: impl Iterator<Item = &'m Member>,
    obj: TokenStream,
) -> TokenStream {
    let rt = Rt::root();
    let stmts = members.map(|m| {
        let raw = m.rust_name.trim_start_matches("r#");
        let set = format_ident!("set_{}", raw);
        let key = &m.json_name;
        let path = format!("{}.{}", s.name, m.name);
        let read = de_value(cx, &m.ty, quote!(v), &path, 0);
        // A missing member with a `@default` takes it.
        let default = m
            .default
            .as_ref()
            .map(|d| super::values::value_expr(cx, &m.ty, d));
        match default {
            Some(d) => quote! {
                builder = builder.#set(Some(match #rt::json::member(#obj, #key) {
                    Some(v) => #read?,
                    None => #d,
                }));
            },
            None => quote! {
                if let Some(v) = #rt::json::member(#obj, #key) {
                    builder = builder.#set(Some(#read?));
                }
            },
        }
    });
    quote!(#(#stmts)*)
}

/// An expression of type `Result<T, DeserializeError>` reading `v` (a
/// `&Value`) as `ty`. With an empty `v`, a structure's or union's reader is
/// named as a function instead of called.
pub(crate) fn de_value(
    cx: &Cx,
    ty: &Type,
    v: TokenStream,
    path: &str,
    depth: usize,
) -> TokenStream {
    let rt = Rt::root();
    let json = quote!(#rt::json);
    match ty {
        Type::String => quote!(#json::string(#v, #path)),
        Type::Boolean => quote!(#json::boolean(#v, #path)),
        Type::Byte | Type::Short | Type::Integer | Type::Long => quote!(#json::integer(#v, #path)),
        Type::Float => quote!(#json::float(#v, #path).map(|f| f as f32)),
        Type::Double => quote!(#json::float(#v, #path)),
        Type::Timestamp(f) => {
            let f = ts_format(*f);
            quote!(#json::timestamp(#v, #path, #f))
        }
        Type::Blob => quote!(#json::blob(#v, #path)),
        // Kept out of JSON documents by `check` (see `ser_value`).
        Type::Stream { .. } => {
            quote!(Err(#json::invalid(#path, "no streaming blob inside a JSON document")))
        }
        Type::Document => quote!(Ok(#json::document(#v))),
        Type::Unit => quote!(#json::object(#v, #path).map(|_| ())),
        Type::Optional(inner) => {
            let read = de_value(cx, inner, v.clone(), path, depth);
            quote!(if #v.is_null() { Ok(None) } else { #read.map(Some) })
        }
        Type::List(item) => {
            let it = format_ident!("item_{}", depth);
            let item_path = format!("{path}[]");
            // A structure's reader is passed by name (a closure would be redundant).
            let read = if is_codec(cx, item) {
                de_value(cx, item, quote!(), &item_path, depth + 1)
            } else {
                let inner = de_value(cx, item, quote!(#it), &item_path, depth + 1);
                quote!(|#it| #inner)
            };
            // Nulls in a list that is not @sparse are skipped.
            let filter = (!matches!(item.as_ref(), Type::Optional(_)))
                .then(|| quote!(.filter(|#it| !#it.is_null())));
            quote! {
                #json::array(#v, #path).and_then(|items| {
                    items
                        .iter()
                        #filter
                        .map(#read)
                        .collect::<::std::result::Result<::std::vec::Vec<_>, _>>()
                })
            }
        }
        Type::Map(value) => {
            let (k, it) = (
                format_ident!("key_{}", depth),
                format_ident!("value_{}", depth),
            );
            let item_path = format!("{path}{{}}");
            let inner = de_value(cx, value, quote!(#it), &item_path, depth + 1);
            let filter = (!matches!(value.as_ref(), Type::Optional(_)))
                .then(|| quote!(.filter(|(_, #it)| !#it.is_null())));
            quote! {
                #json::object(#v, #path).and_then(|entries| {
                    entries
                        .iter()
                        #filter
                        .map(|(#k, #it)| #inner.map(|parsed| (#k.clone(), parsed)))
                        .collect::<::std::result::Result<::std::collections::HashMap<_, _>, _>>()
                })
            }
        }
        Type::Named(id) => match cx.service.shapes.get(id) {
            Some(Shape::Structure(s) | Shape::Union(s)) => {
                let f = fn_name("de", s);
                if v.is_empty() {
                    quote!(crate::json_codec::#f)
                } else {
                    quote!(crate::json_codec::#f(#v))
                }
            }
            Some(Shape::IntEnum(_)) => {
                let t = cx.named_path(id);
                quote!(#json::integer::<i32>(#v, #path).map(#t::from))
            }
            _ => {
                let t = cx.named_path(id);
                quote!(#json::string(#v, #path).map(|s| #t::from(s.as_str())))
            }
        },
    }
}

fn is_codec(cx: &Cx, ty: &Type) -> bool {
    matches!(ty, Type::Named(id) if cx.codec_shape(id).is_some())
}

/// The Rust variant of a union member.
fn variant_name(m: &Member) -> String {
    crate::names::variant_ident(&m.name, 0)
}

/// A union: one variant per member, plus `Unknown` for members added to the
/// service after this SDK was generated.
fn emit_union(cx: &Cx, s: &Structure) -> TokenStream {
    let rt = Rt::root();
    let name = ident(&s.rust_name);
    let docs = doc(&s.docs, &format!("The `{}` union.", s.name));
    let variants: Vec<_> = s.members.iter().map(|m| ident(&variant_name(m))).collect();
    let tys: Vec<_> = s.members.iter().map(|m| cx.member_type(m)).collect();
    let vdocs = s
        .members
        .iter()
        .map(|m| doc(&m.docs, &format!("The `{}` member.", m.name)));
    let accessors = s.members.iter().zip(&variants).map(|(m, v)| {
        let snake = crate::names::snake(&m.name);
        let (as_fn, is_fn) = (format_ident!("as_{}", snake), format_ident!("is_{}", snake));
        let t = cx.rust_type(&m.ty);
        let d1 = format!(
            " The `{}` member, or `Err(self)` when another is set.",
            m.name
        );
        let d2 = format!(" Whether the `{}` member is set.", m.name);
        quote! {
            #[doc = #d1]
            pub fn #as_fn(&self) -> ::std::result::Result<&#t, &Self> {
                if let Self::#v(v) = self { Ok(v) } else { Err(self) }
            }
            #[doc = #d2]
            pub fn #is_fn(&self) -> bool {
                matches!(self, Self::#v(_))
            }
        }
    });
    let debug_arms = s.members.iter().zip(&variants).map(|(m, v)| {
        let n = variant_name(m);
        if m.sensitive {
            quote!(Self::#v(_) => f.debug_tuple(#n).field(&#rt::REDACTED).finish(),)
        } else {
            quote!(Self::#v(v) => f.debug_tuple(#n).field(v).finish(),)
        }
    });
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, PartialEq)]
        pub enum #name {
            #( #vdocs #variants(#tys), )*
            /// A member this SDK does not know: it was added to the service
            /// after the SDK was generated. It cannot be sent.
            Unknown,
        }

        impl #name {
            #(#accessors)*

            /// Whether the member is one this SDK does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::Unknown)
            }
        }

        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#debug_arms)*
                    Self::Unknown => f.write_str("Unknown"),
                }
            }
        }
    }
}

fn emit_int_enum(e: &IntEnum) -> TokenStream {
    let name = ident(&e.rust_name);
    let docs = doc(&e.docs, &format!("Values of `{}`.", e.rust_name));
    let variants: Vec<_> = e.variants.iter().map(|(v, _)| ident(v)).collect();
    let values: Vec<_> = e.variants.iter().map(|(_, n)| *n).collect();
    let vdocs = e.variants.iter().map(|(v, n)| format!(" `{v}` = {n}"));
    quote! {
        #docs
        ///
        /// A value this version of the SDK does not know is kept in `Unknown`.
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #[doc = #vdocs] #variants, )*
            /// A value not in the model this SDK was generated from.
            Unknown(i32),
        }

        impl #name {
            /// The value on the wire.
            pub fn as_i32(&self) -> i32 {
                match self {
                    #( Self::#variants => #values, )*
                    Self::Unknown(v) => *v,
                }
            }

            /// Every value the model lists.
            pub const fn values() -> &'static [i32] {
                &[#(#values),*]
            }
        }

        impl ::std::convert::From<i32> for #name {
            fn from(v: i32) -> Self {
                match v {
                    #( #values => Self::#variants, )*
                    other => Self::Unknown(other),
                }
            }
        }
    }
}
