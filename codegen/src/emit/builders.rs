//! The builder of each structure: one `Option` per member, three setters
//! each (`x`, `set_x`, `get_x`) and `build()`.

use super::common::{
    builder_name, get_fn, ident, member_doc, redacting_debug, set_fn, writes_debug, Kind, Rt,
};
use super::cx::Cx;
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
        (quote!(), redacting_debug(s, &type_name, &builder, false))
    } else {
        (quote!(Debug,), quote!())
    };
    let builder_doc = format!(" A builder for [`{0}`](super::{0}).", s.rust_name);
    let (meta_field, meta_api) = if kind == Kind::Error {
        error_meta()
    } else {
        Default::default()
    };
    let build = build_fn(s, kind, &name, &fields);
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

/// `build()`: fallible for an input (as in aws-sdk-rust), infallible
/// otherwise; a streaming member left unset is an empty stream.
fn build_fn(
    s: &Structure,
    kind: Kind,
    name: &proc_macro2::Ident,
    fields: &[proc_macro2::Ident],
) -> TokenStream {
    let rt = Rt::path();
    let inits = s.members.iter().zip(fields).map(|(m, f)| {
        if m.ty.is_stream() {
            quote!(#f: self.#f.unwrap_or_default())
        } else {
            quote!(#f: self.#f)
        }
    });
    let (build_ret, build_body) = match kind {
        Kind::Input => (
            quote!(::std::result::Result<super::#name, #rt::BuildError>),
            quote!(Ok(super::#name { #( #inits, )* })),
        ),
        Kind::Error => (
            quote!(super::#name),
            quote!(super::#name { #( #inits, )* meta: self.meta.unwrap_or_default(), }),
        ),
        Kind::Plain => (quote!(super::#name), quote!(super::#name { #( #inits, )* })),
    };
    let build_doc = if kind == Kind::Input {
        " Builds the input. Constraints are checked by `validate()`, which `send()` runs unless validation is turned off."
    } else {
        " Builds the value."
    };
    quote! {
        #[doc = #build_doc]
        pub fn build(self) -> #build_ret {
            #build_body
        }
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
