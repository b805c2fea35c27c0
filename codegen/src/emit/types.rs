//! The data types of the model: structures (with getters, `Debug` and, for
//! errors, their metadata), enums, int enums and unions. Their builders are
//! `builders`'.

use super::common::{
    builder_name, doc, ident, member_doc, redacting_debug, variant_name, writes_debug, Kind, Rt,
};
use super::cx::Cx;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// A string enum: one variant per value, plus `Unknown` for values added to
/// the service after this SDK was generated.
pub(crate) fn emit_enum(e: &Enum) -> TokenStream {
    let rt = Rt::path();
    let name = ident(&e.rust_name);
    let docs = doc(&e.docs, &format!("Values of `{}`.", e.rust_name));
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let values: Vec<_> = e.variants.iter().map(|v| v.value.as_str()).collect();
    let mut sorted = values.clone();
    sorted.sort_unstable();
    let vdocs = e
        .variants
        .iter()
        .map(|v| doc(&v.docs, &format!("`{}`", v.value.escape_debug())));
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

/// An int enum: one variant per value, plus `Unknown(i32)`.
pub(crate) fn emit_int_enum(e: &IntEnum) -> TokenStream {
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

/// A union: one variant per member, plus `Unknown` for members added to the
/// service after this SDK was generated.
pub(crate) fn emit_union(cx: &Cx, s: &Structure) -> TokenStream {
    let rt = Rt::path();
    let name = ident(&s.rust_name);
    let docs = doc(&s.docs, &format!("The `{}` union.", s.name));
    let variants: Vec<_> = s.members.iter().map(|m| ident(&variant_name(m))).collect();
    let tys: Vec<_> = s.members.iter().map(|m| cx.member_type(m)).collect();
    let vdocs = s
        .members
        .iter()
        .map(|m| doc(&m.docs, &format!("The `{}` member.", m.name)));
    let accessors = s
        .members
        .iter()
        .zip(&variants)
        .map(|(m, v)| union_accessors(cx, m, v));
    let debug_arms = s.members.iter().zip(&variants).map(|(m, v)| {
        let n = variant_name(m);
        if m.sensitive {
            quote!(Self::#v(_) => f.debug_tuple(#n).field(&#rt::REDACTED).finish(),)
        } else {
            quote!(Self::#v(v) => f.debug_tuple(#n).field(v).finish(),)
        }
    });
    // Smithy unions keep aws-sdk-rust's `Unknown`; an OpenAPI union keeps
    // the value it could not read, and sends it back as it came.
    let (unknown, unknown_doc, unknown_pattern, unknown_debug) = match s.union_repr {
        UnionRepr::Tagged => (
            quote!(Unknown),
            [
                " A member this SDK does not know: it was added to the service",
                " after the SDK was generated. It cannot be sent.",
            ],
            quote!(Self::Unknown),
            quote!(Self::Unknown => f.write_str("Unknown"),),
        ),
        UnionRepr::Untagged | UnionRepr::Discriminated { .. } => {
            let shown = if s
                .members
                .iter()
                .any(|m| cx.is_sensitive(&m.ty, m.sensitive))
            {
                quote!(Self::Unknown(_) => f.debug_tuple("Unknown").field(&#rt::REDACTED).finish(),)
            } else {
                quote!(Self::Unknown(v) => f.debug_tuple("Unknown").field(v).finish(),)
            };
            (
                quote!(Unknown(#rt::Document)),
                [
                    " A value no variant of this SDK reads (one the service added after",
                    " the SDK was generated), as the JSON it came as. Sent as it is.",
                ],
                quote!(Self::Unknown(_)),
                shown,
            )
        }
    };
    quote! {
        #docs
        #[non_exhaustive]
        #[derive(Clone, PartialEq)]
        pub enum #name {
            #( #vdocs #variants(#tys), )*
            #(#[doc = #unknown_doc])*
            #unknown,
        }

        impl #name {
            #(#accessors)*

            /// Whether the member is one this SDK does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, #unknown_pattern)
            }
        }

        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#debug_arms)*
                    #unknown_debug
                }
            }
        }
    }
}

/// `as_x()` and `is_x()` of a union member (variant `v`).
fn union_accessors(cx: &Cx, m: &Member, v: &proc_macro2::Ident) -> TokenStream {
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
}

/// A structure with its getters, `builder()` and `Debug`; an error
/// structure also carries its metadata and the error traits.
pub(crate) fn emit_struct(cx: &Cx, s: &Structure, kind: Kind) -> TokenStream {
    let rt = Rt::path();
    let name = ident(&s.rust_name);
    let builder = builder_name(s);
    let docs = doc(&s.docs, &format!("The `{}` structure.", s.name));
    let fields: Vec<_> = s.members.iter().map(|m| ident(&m.rust_name)).collect();
    // A member is an `Option` where `normalize` says it may be absent
    // (`Member::optional`); the builder holds every member as one. A
    // streaming payload is a `ByteStream` (empty unless set), as in
    // aws-sdk-rust; it can be neither cloned nor compared.
    let field_tys = s.members.iter().map(|m| {
        let t = cx.member_type(m);
        if m.optional {
            quote!(::std::option::Option<#t>)
        } else {
            quote!(#t)
        }
    });
    let (derive_clone, derive_eq) = if s.has_stream() {
        (quote!(), quote!())
    } else {
        (quote!(Clone,), quote!(PartialEq))
    };
    let fdocs: Vec<_> = s.members.iter().map(member_doc).collect();
    let getters = s.members.iter().zip(&fdocs).map(|(m, d)| getter(cx, m, d));
    let (derive_debug, debug_impl) = if writes_debug(s, kind) {
        (quote!(), redacting_debug(s, &s.rust_name, &name, kind))
    } else {
        (quote!(Debug,), quote!())
    };
    let (meta_field, meta_api) = match kind {
        Kind::Error => (
            quote!(pub(crate) meta: #rt::ErrorMetadata,),
            error_impls(cx, s, &name),
        ),
        // As aws-sdk-rust's outputs: the response's request id, read
        // through `RequestId` (its builder sets it, crate-private).
        Kind::Output => (
            quote!(_request_id: ::std::option::Option<::std::string::String>,),
            quote! {
                impl #rt::RequestId for #name {
                    fn request_id(&self) -> ::std::option::Option<&str> {
                        self._request_id.as_deref()
                    }
                }
            },
        ),
        Kind::Input | Kind::Plain => Default::default(),
    };
    quote! {
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
    }
}

/// The getter of a member, as aws-sdk-rust's: borrowed (`&str` for a
/// string, a slice for a list), `Copy` scalars by value; an `Option` of
/// that where the member is optional, but a list's slice (empty when
/// unset).
fn getter(cx: &Cx, m: &Member, docs: &TokenStream) -> TokenStream {
    let f = ident(&m.rust_name);
    let (ret, body) = match &m.ty {
        ty @ Type::Stream { .. } => {
            let t = cx.rust_type(ty);
            (quote!(&#t), quote!(&self.#f))
        }
        Type::String if m.optional => (
            quote!(::std::option::Option<&str>),
            quote!(self.#f.as_deref()),
        ),
        Type::String => (quote!(&str), quote!(self.#f.as_str())),
        ty if ty.is_copy_scalar() => {
            let t = cx.rust_type(ty);
            if m.optional {
                (quote!(::std::option::Option<#t>), quote!(self.#f))
            } else {
                (quote!(#t), quote!(self.#f))
            }
        }
        Type::List(t) => {
            let t = cx.rust_type(t);
            let body = if m.optional {
                quote!(self.#f.as_deref().unwrap_or_default())
            } else {
                quote!(self.#f.as_slice())
            };
            (quote!(&[#t]), body)
        }
        other => {
            let t = cx.rust_type(other);
            match (m.optional, m.boxed) {
                (true, true) => (
                    quote!(::std::option::Option<&#t>),
                    quote!(self.#f.as_deref()),
                ),
                (true, false) => (quote!(::std::option::Option<&#t>), quote!(self.#f.as_ref())),
                (false, true) => (quote!(&#t), quote!(&*self.#f)),
                (false, false) => (quote!(&#t), quote!(&self.#f)),
            }
        }
    };
    quote! {
        #docs
        pub fn #f(&self) -> #ret {
            #body
        }
    }
}

/// The error traits of an error structure: metadata, `Display`, `Error`,
/// request id.
fn error_impls(cx: &Cx, s: &Structure, name: &proc_macro2::Ident) -> TokenStream {
    let rt = Rt::path();
    let display = error_display(cx, s);
    quote! {
        impl #rt::ProvideErrorMetadata for #name {
            fn meta(&self) -> &#rt::ErrorMetadata {
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
}

/// `Name (Code): message [request id: ...]`, preferring the modeled `Code`
/// and `Message` members over the metadata.
fn error_display(cx: &Cx, s: &Structure) -> TokenStream {
    let rt = Rt::path();
    let name = &s.name;
    let find = |n: &str| s.members.iter().find(|m| m.name.eq_ignore_ascii_case(n));
    let code = match find("code") {
        // A string enum; a `Code` of another type says no code.
        Some(m) if matches!(&m.ty, Type::Named(id) if matches!(cx.service.shapes.get(id), Some(Shape::Enum(_)))) =>
        {
            let f = ident(&m.rust_name);
            if m.optional {
                quote!(self.#f.as_ref().map(|c| c.as_str()).or(self.meta.code()))
            } else {
                quote!(Some(self.#f.as_str()))
            }
        }
        Some(m) if m.ty == Type::String => text_or(m, quote!(self.meta.code())),
        _ => quote!(self.meta.code()),
    };
    let message = match find("message") {
        Some(m) if m.ty == Type::String => text_or(m, quote!(self.meta.message())),
        _ => quote!(self.meta.message()),
    };
    quote!(#rt::error::fmt_error(f, #name, #code, #message, &self.meta))
}

/// A string member of an error as an `Option<&str>`, `fallback` where it
/// is unset (a non-optional one is there, perhaps empty as error
/// correction leaves it: then the metadata's is shown).
fn text_or(m: &Member, fallback: TokenStream) -> TokenStream {
    let f = ident(&m.rust_name);
    if m.optional {
        quote!(self.#f.as_deref().or(#fallback))
    } else {
        quote!(Some(self.#f.as_str()).filter(|s| !s.is_empty()).or(#fallback))
    }
}
