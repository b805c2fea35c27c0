//! The builder of each structure: one `Option` per member, three setters
//! each (`x`, `set_x`, `get_x`) and `build()`, which fills in defaults and
//! fails where a member the structure cannot be without is unset, as
//! aws-sdk-rust's.

use super::common::{
    builder_name, fallible_build, get_fn, ident, member_doc, redacting_debug, set_fn, writes_debug,
    Kind, Rt,
};
use super::cx::Cx;
use super::values::value_expr;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// The builder of structure `s`, used as `kind`.
pub(crate) fn emit_builder(cx: &Cx, s: &Structure, kind: Kind) -> TokenStream {
    let name = ident(&s.rust_name);
    let builder = builder_name(s);
    let fields: Vec<_> = s.members.iter().map(|m| ident(&m.rust_name)).collect();
    let tys = s.members.iter().map(|m| cx.member_type(m));
    let (derive_clone, derive_eq) = if s.has_stream() {
        (quote!(), quote!())
    } else {
        (quote!(Clone,), quote!(PartialEq))
    };
    let setters = s.members.iter().map(|m| setters(cx, m, &member_doc(m)));
    let (derive_debug, debug_impl) = if writes_debug(s, kind) {
        let type_name = s.builder_name.clone();
        // An error's builder holds its metadata as an `Option`, shown as
        // any field.
        let shown = if kind == Kind::Error {
            Kind::Plain
        } else {
            kind
        };
        (quote!(), redacting_debug(s, &type_name, &builder, shown))
    } else {
        (quote!(Debug,), quote!())
    };
    let builder_doc = format!(" A builder for [`{0}`](super::{0}).", s.rust_name);
    let (meta_field, meta_api) = match kind {
        Kind::Error => error_meta(),
        Kind::Output => request_id_setters(),
        Kind::Input | Kind::Plain => Default::default(),
    };
    let build = build_fn(cx, s, kind, &name, &fields);
    quote! {
        #[doc = #builder_doc]
        #[non_exhaustive]
        #[derive(#derive_clone Default, #derive_debug #derive_eq)]
        pub struct #builder {
            #( pub(crate) #fields: ::std::option::Option<#tys>, )*
            #meta_field
        }

        impl #builder {
            #(#setters)*
            #meta_api

            #build
        }

        #debug_impl
    }
}

/// The `meta` field of an error's builder and its two setters.
fn error_meta() -> (TokenStream, TokenStream) {
    let rt = Rt::path();
    (
        quote!(meta: ::std::option::Option<#rt::ErrorMetadata>,),
        quote! {
            /// Sets the error metadata (code, message, request id).
            pub fn meta(mut self, meta: #rt::ErrorMetadata) -> Self {
                self.meta = Some(meta);
                self
            }

            /// Sets or unsets the error metadata.
            pub fn set_meta(&mut self, meta: ::std::option::Option<#rt::ErrorMetadata>) -> &mut Self {
                self.meta = meta;
                self
            }
        },
    )
}

/// An output builder's `_request_id` field and its two crate-private
/// setters (as aws-sdk-rust's: the deserializer sets the id of the
/// response; leading underscores keep them out of members' names).
fn request_id_setters() -> (TokenStream, TokenStream) {
    (
        quote!(_request_id: ::std::option::Option<::std::string::String>,),
        quote! {
            pub(crate) fn _request_id(mut self, request_id: impl ::std::convert::Into<::std::string::String>) -> Self {
                self._request_id = Some(request_id.into());
                self
            }

            pub(crate) fn _set_request_id(&mut self, request_id: ::std::option::Option<::std::string::String>) -> &mut Self {
                self._request_id = request_id;
                self
            }
        },
    )
}

/// `build()`: each optional member as it is, each other one as set, else
/// its default (a streaming member an empty stream), else a
/// `BuildError::missing_field`, as aws-sdk-rust words it.
fn build_fn(
    cx: &Cx,
    s: &Structure,
    kind: Kind,
    name: &proc_macro2::Ident,
    fields: &[proc_macro2::Ident],
) -> TokenStream {
    let rt = Rt::path();
    let inits = s.members.iter().zip(fields).map(|(m, f)| {
        if m.optional {
            return quote!(#f: self.#f);
        }
        if m.ty.is_stream() {
            return quote!(#f: self.#f.unwrap_or_default());
        }
        if let Some(d) = &m.default {
            let fill = default_fill(cx, m, d);
            return quote!(#f: self.#f #fill);
        }
        let field = m.rust_name.trim_start_matches("r#");
        let why = format!(
            "{field} was not specified but it is required when building {}",
            s.rust_name
        );
        quote!(#f: self.#f.ok_or_else(|| #rt::BuildError::missing_field(#field, #why))?)
    });
    let extra = match kind {
        Kind::Error => quote!(meta: self.meta.unwrap_or_default(),),
        Kind::Output => quote!(_request_id: self._request_id,),
        Kind::Input | Kind::Plain => quote!(),
    };
    let value = quote!(super::#name { #( #inits, )* #extra });
    let required: Vec<String> = s
        .members
        .iter()
        .filter(|m| m.must_be_set())
        .map(|m| format!(" - `{}`", m.rust_name.trim_start_matches("r#")))
        .collect();
    let (build_ret, build_body, build_doc) = if kind == Kind::Input {
        (
            quote!(::std::result::Result<super::#name, #rt::BuildError>),
            quote!(Ok(#value)),
            vec![" Builds the input. Constraints are checked by `validate()`, which `send()` runs unless validation is turned off.".to_owned()],
        )
    } else if fallible_build(s, kind) {
        let mut doc = vec![
            " Builds the value; fails where one of these is unset:".to_owned(),
            String::new(),
        ];
        doc.extend(required);
        (
            quote!(::std::result::Result<super::#name, #rt::BuildError>),
            quote!(Ok(#value)),
            doc,
        )
    } else {
        (
            quote!(super::#name),
            value,
            vec![" Builds the value.".to_owned()],
        )
    };
    quote! {
        #(#[doc = #build_doc])*
        pub fn build(self) -> #build_ret {
            #build_body
        }
    }
}

/// What fills in an unset non-optional member `m` with default `d`:
/// `.unwrap_or_default()` where that is the type's own default (zero,
/// `false`, empty), else the model's value.
fn default_fill(cx: &Cx, m: &Member, d: &Value) -> TokenStream {
    let zero = match (&m.ty, d) {
        (Type::Boolean, Value::Bool(b)) => !b,
        (Type::Byte | Type::Short | Type::Integer | Type::Long, Value::Int(n)) => *n == 0,
        (Type::Float | Type::Double, Value::Float(f)) => *f == 0.0 && f.is_sign_positive(),
        (Type::String, Value::String(s)) => s.is_empty(),
        (Type::List(_), Value::List(items)) => items.is_empty(),
        (Type::Map(..), Value::Map(entries)) => entries.is_empty(),
        _ => false,
    };
    if zero && !m.boxed {
        return quote!(.unwrap_or_default());
    }
    let v = value_expr(cx, &m.ty, d);
    let v = if m.boxed {
        quote!(::std::boxed::Box::new(#v))
    } else {
        v
    };
    if m.ty.is_copy_scalar() {
        quote!(.unwrap_or(#v))
    } else {
        quote!(.unwrap_or_else(|| #v))
    }
}

/// `x(value)` (strings by `Into`, lists and maps one entry at a time),
/// `set_x(Option)` and `get_x()` of a member, each with the member's docs.
fn setters(cx: &Cx, m: &Member, docs: &TokenStream) -> TokenStream {
    let f = ident(&m.rust_name);
    let set = set_fn(m);
    let get = get_fn(m);
    let t = cx.rust_type(&m.ty);
    let stored = cx.member_type(m);
    let (params, _) = setter_params(cx, &m.ty);
    let body = match &m.ty {
        Type::String => quote!(self.#f = Some(input.into());),
        Type::List(item) if **item == Type::String => {
            quote!(self.#f.get_or_insert_with(::std::vec::Vec::new).push(input.into());)
        }
        Type::List(_) => quote!(self.#f.get_or_insert_with(::std::vec::Vec::new).push(input);),
        Type::Map(key, value) => {
            // Strings come as `impl Into<String>`; anything else as itself.
            let into = |t: &Type| (*t == Type::String).then(|| quote!(.into()));
            let (key_into, value_into) = (into(key), into(value));
            quote!(self.#f.get_or_insert_with(::std::collections::HashMap::new).insert(key #key_into, value #value_into);)
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
        Type::Map(key, value) => {
            // A string key takes anything that becomes one; an enum key is
            // the enum (as aws-sdk-rust has both).
            let key = match key.as_ref() {
                Type::String => quote!(impl ::std::convert::Into<::std::string::String>),
                other => cx.rust_type(other),
            };
            let value = match value.as_ref() {
                Type::String => quote!(impl ::std::convert::Into<::std::string::String>),
                other => cx.rust_type(other),
            };
            (quote!(key: #key, value: #value), quote!(key, value))
        }
        other => {
            let t = cx.rust_type(other);
            (quote!(input: #t), quote!(input))
        }
    }
}
